//! The declaration used by a service whose rules are not written yet.

use crate::decision::Eval;
use crate::error::KmError;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction;
use crate::service::{ServiceDef, ServiceId, ServiceKind};

fn no_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[]
}

fn not_written(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    Err(KmError::invalid(
        "service.not_written",
        format!("the rules of {} are not written yet", ev.service.id),
    ))
}

/// A declaration that offers the service nowhere and refuses to evaluate.
pub(crate) const fn placeholder(id: ServiceId) -> ServiceDef {
    ServiceDef {
        id,
        title: id.as_str(),
        title_ur: id.as_str(),
        kind: ServiceKind::Check,
        offered_in: &[],
        required_facts: no_facts,
        optional_facts: &[],
        params: &[],
        documents: &[],
        reasons: &[],
        evaluate: not_written,
        workflow: None,
    }
}
