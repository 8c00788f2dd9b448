//! Lost document or article report (`lost_report.file`).
//!
//! Offered at Punjab Khidmat Marakaz (78,000+ lost-document reports in
//! 2024; Nation, 23 Dec 2024), the ICT centre (missing/lost report, planned
//! from June 2018 and listed in March 2022), the Sindh Korangi centre (loss
//! report, Sep 2023) and KP Sahulat Markaz. Fees: KP free (notification of
//! 8 Apr 2025, UrduPoint); PB free through the Punjab Police app, which
//! issues an instant QR-coded PDF (a weak, undated blog: UNCERTAIN, and
//! only for the app, so the fee is `fee.app` and applies only when the
//! `channel` fact is `app`; at the counter it is not known); ICT and SD
//! fees are not known. There is no
//! eligibility rule: a loss report is not an FIR (a theft needs an FIR), and
//! a report on a theft is refused in the workflow rather than by a rule,
//! because no fact says what was lost or how. The report number is the
//! application's id, which the caller gives when it opens the
//! [`crate::Application`] and which every logged event carries; the
//! `issue` event issues the report under that number. A report is the
//! input other services ask for before a replacement (a police report is
//! needed before a lost passport is replaced; phoneworld.com.pk): they list
//! the document [`LOST_REPORT_DOCUMENT`].

use crate::decision::FeeLineKind;
use crate::facts::{Channel, FactKey};
use crate::jurisdiction::Jurisdiction::{ICT, KP, PB, SD};
use crate::rules::{Eval, Variant};
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::{Guard, WorkflowTable};

pub use crate::services::LOST_REPORT_DOCUMENT;

crate::define_workflow! {
    /// The lost report's workflow.
    workflow LostReportWorkflow for LostReport;
    states {
        /// Being filled in (at the counter or in the app).
        Draft = "draft",
        /// Submitted; the fee fixed.
        Submitted = "submitted",
        /// Fee paid, where a fee applies.
        FeePaid = "fee_paid",
        /// Report issued under its number (the application's id).
        Issued = "issued" [done, terminal],
        /// Refused, for example because the loss is a theft that needs an FIR.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the report (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee, where one applies.
        PayFee = "pay_fee",
        /// Issue the report; with no fee due it follows submission directly.
        Issue = "issue",
        /// Refuse the report.
        Refuse = "refuse",
        /// The applicant withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Submitted,
        Draft + Withdraw => Withdrawn,
        Submitted + PayFee => FeePaid,
        Submitted + Issue => Issued,
        Submitted + Refuse => Refused,
        Submitted + Withdraw => Withdrawn,
        FeePaid + Issue => Issued,
        FeePaid + Refuse => Refused,
    }
}

crate::services::required_facts! { [] }

/// A fee's channel: one channel, or `any` for a fee the source gives
/// whatever the channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FeeChannel {
    /// Every channel.
    Any,
    /// One channel.
    Of(Channel),
}

impl Variant for FeeChannel {
    const NAMES: &'static [&'static str] = &["any", "counter", "app", "online"];
    fn position(self) -> usize {
        match self {
            FeeChannel::Any => 0,
            FeeChannel::Of(channel) => 1 + channel.index(),
        }
    }
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    // A fee sourced for one channel applies to that channel only; with no
    // channel given, or none sourced for it, the fee for every channel.
    let by_channel = ev
        .facts
        .channel
        .and_then(|c| ev.optional_value(FEE, FeeChannel::Of(c)));
    match by_channel.or_else(|| ev.optional_value(FEE, FeeChannel::Any)) {
        Some(v) => ev.fee_line(FeeLineKind::Base, v),
        None => ev.fee_not_known(),
    }
    Ok(())
}

crate::rules::params! {
    for LostReport with sla;
    /// Fee for a loss report by channel (0 where it is known to be free).
    FEE: Rupees by FeeChannel = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::LostReport,
    title: "Lost document or article report",
    title_ur: "گمشدہ دستاویز یا اشیاء کی رپورٹ",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD, KP],
    required_facts,
    missing_facts,
    optional_facts: &[FactKey::Channel],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<LostReportWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::{Actor, Application};
    use crate::decision::{FeeStatus, Request};
    use crate::facts::Facts;
    use crate::services::testing::{eligible, run_table};
    use crate::{Catalogue, Lang, Money, Workflow};

    #[test]
    #[rustfmt::skip]
    fn fees_by_jurisdiction() {
        let free = || eligible().status(FeeStatus::Known(Money::ZERO));
        let not_known = || eligible().status(FeeStatus::NotKnown);
        run_table(ServiceId::LostReport, &[
            // KP is free from the April 2025 notification.
            (KP, "2025-05-01", Facts::default(), free()),
            (KP, "2025-04-08", Facts::default(), free()),
            (KP, "2025-04-07", Facts::default(), not_known()),
            // Sindh's and ICT's fees are not known.
            (SD, "2025-03-01", Facts::default(), not_known()),
            (ICT, "2025-03-01", Facts::default(), not_known()),
        ]);
    }

    #[test]
    fn pb_is_free_through_the_app_only() {
        let cat = Catalogue::embedded().unwrap();
        let on = |channel| {
            let facts = Facts {
                channel,
                ..Facts::default()
            };
            let r = Request::on_date(
                ServiceId::LostReport,
                PB,
                "2025-03-01".parse().unwrap(),
                facts,
            );
            cat.evaluate(&r).unwrap()
        };
        let dec = on(Some(Channel::App));
        assert_eq!(dec.fee_due(), Some(Money::ZERO));
        let line = dec.quote().lines().first().unwrap();
        assert_eq!(line.rule.basis, crate::Basis::Uncertain);
        // The source says nothing of the counter, nor of an unnamed channel.
        assert_eq!(
            on(Some(Channel::Counter)).quote().status(),
            FeeStatus::NotKnown
        );
        assert_eq!(on(None).quote().status(), FeeStatus::NotKnown);
        // KP's notification makes it free whatever the channel.
        let r = Request::on_date(
            ServiceId::LostReport,
            KP,
            "2025-05-01".parse().unwrap(),
            Facts {
                channel: Some(Channel::Counter),
                ..Facts::default()
            },
        );
        assert_eq!(cat.evaluate(&r).unwrap().fee_due(), Some(Money::ZERO));
    }

    #[test]
    fn the_report_number_is_the_application_id() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::LostReport, KP, "KP-LR-2025-0042").unwrap();
        let t = |s: &str| s.parse().unwrap();
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-05-01T09:00:00+05:00"),
                Actor::Citizen,
                None,
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(0));
        app.apply(
            cat,
            "issue",
            t("2025-05-01T09:05:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        assert_eq!(app.state(), "issued");
        assert!(app.is_terminal());
        assert_eq!(app.id(), "KP-LR-2025-0042");
        assert!(
            app.apply(
                cat,
                "refuse",
                t("2025-05-01T09:06:00+05:00"),
                Actor::Clerk,
                None
            )
            .is_err()
        );
    }

    #[test]
    fn a_paid_path_and_a_refusal() {
        assert_eq!(
            LostReportWorkflow::next(State::Submitted, Event::PayFee),
            Some(State::FeePaid)
        );
        assert_eq!(
            LostReportWorkflow::next(State::FeePaid, Event::Issue),
            Some(State::Issued)
        );
        assert_eq!(
            LostReportWorkflow::next(State::Submitted, Event::Refuse),
            Some(State::Refused)
        );
        assert_eq!(LostReportWorkflow::next(State::Draft, Event::Issue), None);
    }

    #[test]
    fn the_lost_report_document_has_a_name() {
        let cat = Catalogue::embedded().unwrap();
        assert_ne!(cat.term(LOST_REPORT_DOCUMENT, Lang::En), "lost report");
        assert_ne!(cat.term(LOST_REPORT_DOCUMENT, Lang::Ur), "lost report");
    }
}
