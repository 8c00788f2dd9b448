//! Restoration of a suspended driving licence (`driving_licence.restoration`).
//!
//! Islamabad Chief Commissioner's notification dated "6 April" (year not
//! shown; HUM News, <https://humnews.pk/latest/24185/>; also
//! <https://tns.world/urdu/?p=51881>) charges Rs 10,000 to restore a
//! suspended licence the first time and Rs 20,000 the second time. The
//! notification is undated and later notices changed other ITP fees, so
//! both values are uncertain and their start assumed (6 Apr 2019, as for
//! the renewal bands of the same notification). A later undated report
//! (K2 Times,
//! <https://k2times.com/islamabad-administration-announces-staggering-increase-in-driving-licence-fees>)
//! gives restoration as a flat Rs 20,000 in a period not known; it is kept
//! beside the first-time fee as a conflict. The fee depends on the fact
//! `previous_restorations` (0 for a first restoration, 1 for a second);
//! no source prices a third or later restoration, so its fee is not known.
//!
//! Not known, so not checked: how long a suspension must have run, what
//! the applicant must show (the suspension order, a test, a fine paid) and
//! whether a suspended licence may be restored at all after some number of
//! suspensions. The request has no eligibility rule and no documents
//! checklist, and no other jurisdiction's restoration is sourced.
//! Workflow: submitted with the fee fixed, paid, then restored or refused.

use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::ICT;
use crate::rules::{Eval, Variant};
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::WorkflowTable;

crate::define_workflow! {
    /// The licence restoration's workflow.
    standard workflow LicenceRestorationWorkflow for LicenceRestoration;
    /// Submitted; the fee fixed.
    submitted;
    /// Licence restored.
    done Restored = "restored";
    /// Restore the licence.
    by Restore = "restore";
}

/// Which restoration of the licence this is: the notification prices the
/// first and the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Occasion {
    /// No earlier restoration.
    FirstTime,
    /// One earlier restoration.
    SecondTime,
}

impl Occasion {
    /// The occasion after `previous` restorations, when one is priced.
    fn after(previous: i64) -> Option<Occasion> {
        match previous {
            0 => Some(Occasion::FirstTime),
            1 => Some(Occasion::SecondTime),
            _ => None,
        }
    }
}

impl Variant for Occasion {
    const NAMES: &'static [&'static str] = &["first_time", "second_time"];
    fn position(self) -> usize {
        match self {
            Occasion::FirstTime => 0,
            Occasion::SecondTime => 1,
        }
    }
}

crate::services::required_facts! { [PreviousRestorations] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let Some(previous) = ev.facts.previous_restorations else {
        return Ok(());
    };
    match Occasion::after(previous) {
        Some(occasion) => ev.fee_from(FeeLineKind::Base, FEE, occasion),
        None => ev.fee_not_known(),
    }
    Ok(())
}

crate::rules::params! {
    for LicenceRestoration with sla;
    /// Fee to restore a suspended licence, by occasion (the first or the second time).
    FEE: Rupees by Occasion = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::LicenceRestoration,
    title: "Restoration of a suspended driving licence",
    title_ur: "معطل ڈرائیونگ لائسنس کی بحالی",
    kind: ServiceKind::Application,
    offered_in: &[ICT],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<LicenceRestorationWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::decision::{FeeStatus, Request};
    use crate::facts::Facts;
    use crate::jurisdiction::Jurisdiction::{KP, PB, SD};
    use crate::services::testing::{eligible, refused, run_table, walk};

    fn after(previous: i64) -> Facts {
        Facts {
            previous_restorations: Some(previous),
            ..Facts::default()
        }
    }

    #[test]
    fn variant_names_follow_their_positions() {
        for (occasion, name) in [
            (Occasion::FirstTime, "first_time"),
            (Occasion::SecondTime, "second_time"),
        ] {
            assert_eq!(Occasion::NAMES[occasion.position()], name);
        }
    }

    #[test]
    #[rustfmt::skip]
    fn ict_fee_by_occasion_from_the_undated_notification() {
        run_table(ServiceId::LicenceRestoration, &[
            (ICT, "2019-04-06", after(0), eligible().fee(10_000)),
            (ICT, "2025-06-02", after(0), eligible().fee(10_000)),
            (ICT, "2025-06-02", after(1), eligible().fee(20_000)),
            // A third restoration is not priced.
            (ICT, "2025-06-02", after(2), eligible().no_fee().status(FeeStatus::NotKnown)),
            // Before the assumed start the fee is not known.
            (ICT, "2019-04-05", after(0), eligible().no_fee().status(FeeStatus::NotKnown)),
            // Without the count the decision is undetermined: it names the fact.
            (ICT, "2025-06-02", Facts::default(), refused(&[]).no_fee().status(FeeStatus::NotKnown)),
            // No other jurisdiction is sourced.
            (PB, "2025-06-02", after(0), refused(&["rule.not_known"]).no_fee()),
            (SD, "2025-06-02", after(0), refused(&["rule.not_known"]).no_fee()),
            (KP, "2025-06-02", after(0), refused(&["rule.not_known"]).no_fee()),
        ]);
    }

    #[test]
    fn the_fee_is_uncertain_and_a_missing_count_is_named() {
        let cat = Catalogue::embedded().unwrap();
        let at = "2025-06-02".parse().unwrap();
        let r = Request::on_date(ServiceId::LicenceRestoration, ICT, at, after(0));
        let d = cat.evaluate(&r).unwrap();
        assert_eq!(d.basis(), crate::Basis::Uncertain);
        let conflicts = &d.quote().lines()[0].rule.conflicts;
        assert_eq!(conflicts.len(), 1);
        let r = Request::on_date(ServiceId::LicenceRestoration, ICT, at, Facts::default());
        let d = cat.evaluate(&r).unwrap();
        assert_eq!(d.outcome(), crate::Outcome::Undetermined);
        let missing: Vec<_> = d.missing_facts().collect();
        assert_eq!(missing, [FactKey::PreviousRestorations]);
    }

    #[test]
    fn a_negative_count_is_invalid_input() {
        let cat = Catalogue::embedded().unwrap();
        let at = "2025-06-02".parse().unwrap();
        let r = Request::on_date(ServiceId::LicenceRestoration, ICT, at, after(-1));
        assert_eq!(cat.evaluate(&r).unwrap_err().code(), "fact.out_of_range");
    }

    #[test]
    fn workflow_happy_path() {
        let events = ["submit", "pay_fee", "restore"];
        let start = "2025-06-02T10:00:00+05:00";
        let app = walk(
            ServiceId::LicenceRestoration,
            ICT,
            start,
            Some(after(1)),
            &events,
        );
        assert_eq!(app.events()[0].fee_paisa, Some(2_000_000));
        assert_eq!(app.state(), "restored");
        assert!(app.is_terminal());
    }
}
