//! What a service declares: facts, bundle parameters, documents, reasons,
//! rules and workflow.

use crate::bundle::ParamDef;
use crate::facts::{FactKey, Facts};
use crate::jurisdiction::Jurisdiction;
use crate::reason::ReasonCode;
use crate::service::{ServiceId, ServiceKind};
use crate::workflow::WorkflowTable;

/// A document a service may ask for.
#[derive(Clone, Copy, Debug)]
pub struct DocumentDef {
    /// Stable id, such as `affidavit`.
    pub id: &'static str,
    /// The fact that says whether it was supplied, if there is one.
    pub provided_by: Option<FactKey>,
    /// The jurisdictions that ask for it.
    pub jurisdictions: &'static [Jurisdiction],
    /// When it is required; `None` means always.
    pub condition: Option<DocumentCondition>,
}

/// When a document is required.
#[derive(Clone, Copy, Debug)]
pub enum DocumentCondition {
    /// Only when the given boolean fact is true.
    WhenFact(FactKey),
    /// Only when the given boolean fact is false.
    UnlessFact(FactKey),
    /// Only when the applicant's age on the as-of date is at least this many years.
    FromAge(i32),
    /// Only when the applicant's age on the as-of date is over this many years.
    OverAge(i32),
}

/// Everything the library knows about one service, declared in its module.
#[derive(Clone, Copy)]
pub struct ServiceDef {
    /// The id.
    pub id: ServiceId,
    /// English title.
    pub title: &'static str,
    /// Urdu title.
    pub title_ur: &'static str,
    /// Application or check.
    pub kind: ServiceKind,
    /// Jurisdictions whose centres offer it.
    pub offered_in: &'static [Jurisdiction],
    /// Facts required in a jurisdiction.
    pub required_facts: fn(Jurisdiction) -> &'static [FactKey],
    /// The required facts a request does not set, one bit per key (bit
    /// [`FactKey::index`]); declared with `required_facts` by
    /// `required_facts!`, so the two cannot disagree.
    pub missing_facts: fn(&Facts, Jurisdiction) -> u64,
    /// Facts that may be given but are not required.
    pub optional_facts: &'static [FactKey],
    /// Parameters read from the rule bundle.
    pub params: &'static [ParamDef],
    /// Documents it may ask for.
    pub documents: &'static [DocumentDef],
    /// Every reason code the service can emit.
    pub reasons: &'static [ReasonCode],
    /// The rules: pushes checks, fee lines and a deadline into the evaluation.
    pub evaluate: fn(&mut crate::rules::Eval<'_, '_>) -> crate::Result<()>,
    /// The workflow, for applications.
    pub workflow: Option<fn() -> WorkflowTable>,
}

impl std::fmt::Debug for ServiceDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceDef")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Declares a service's required facts once, as `fn required_facts` (the
/// keys, which the catalogue lists) and `fn missing_facts` (those a request
/// does not set, read straight from its fields), for the service's
/// `ServiceDef`. Either one list for every jurisdiction, or match arms:
///
/// ```text
/// required_facts! { [Category, DateOfBirth] }
/// required_facts! {
///     PB => [Category, DateOfBirth, HasMedicalFitnessCertificate],
///     ICT | SD | KP => [Category, DateOfBirth],
/// }
/// ```
macro_rules! required_facts {
    ([$($key:ident),* $(,)?]) => {
        fn required_facts(_: crate::Jurisdiction) -> &'static [crate::FactKey] {
            &[$(crate::FactKey::$key),*]
        }

        fn missing_facts(_facts: &crate::Facts, _: crate::Jurisdiction) -> u64 {
            0 $(| crate::facts::missing_bit!(_facts, $key))*
        }
    };
    ($($jurisdictions:pat => [$($key:ident),* $(,)?]),+ $(,)?) => {
        fn required_facts(j: crate::Jurisdiction) -> &'static [crate::FactKey] {
            match j {
                $($jurisdictions => &[$(crate::FactKey::$key),*],)+
            }
        }

        fn missing_facts(facts: &crate::Facts, j: crate::Jurisdiction) -> u64 {
            match j {
                $($jurisdictions => 0 $(| crate::facts::missing_bit!(facts, $key))*,)+
            }
        }
    };
}
pub(crate) use required_facts;
