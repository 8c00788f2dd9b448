//! Renewal of a Punjab individual arms licence (`arms_licence.renewal`).
//!
//! The renewal fee was Rs 1,000 before the July 2023 increase and Rs 5,000
//! after it (ProPakistani, 24 Jul 2023; the report date is taken as the
//! effective date). A licence is renewed on time while the as-of date is on
//! or before `expires_on`. Renewal up to 3 months late
//! (`as_of ≤ expires_on + 3 months`, month-end clamped) is charged the
//! `late_fee`, which no source gives for an ordinary licence: the bundle
//! has no value, so the fee is not known. More than 3 months late the
//! fee is not known: the only penalty found is the Punjab Arms Rules 2014
//! r.51 rule for gratis licences (the renewal fee again for each calendar
//! year since expiry), so the library does not apply it to ordinary
//! licences. Lateness never refuses a renewal (r.54 only allows a licence
//! not renewed to be cancelled); the informational check
//! `arms.renewal_timing` always passes and says which band applies. The
//! annual renewal proposed in Sep 2023 was not notified and is not
//! modelled. ICT renews arms licences (2018 service standard: within 1 week
//! for licences issued by the ICT administration, 2 weeks for those issued
//! by the Ministry of Interior; Nation, 12 Apr 2018), so the service is
//! offered there, but no ICT fee or late rule is sourced: the fee is not
//! known. No source gives eligibility rules for a renewal (the Punjab Arms
//! Rules 2023 criteria are for a new licence), so none are checked; the
//! renewal is decided on its timing alone. No NADRA line is quoted: the
//! Rs 2,000 NADRA processing charge is reported with the new-licence fees,
//! and the one NADRA renewal figure found (Rs 1,650 for a 5-year renewal,
//! Express Tribune, 15 Sep 2023) is given as the old charge beside an
//! annual Rs 2,000 that was proposed and not notified, so what NADRA
//! charges for a renewal now is not known.

use crate::calendar;
use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{ICT, PB};
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

/// Where the renewal falls against the licence's expiry (on time, late
/// within the window, late beyond it). Informational: it always passes.
pub const RENEWAL_TIMING: ReasonCode = ReasonCode::new("arms.renewal_timing");

crate::define_workflow! {
    /// The arms licence renewal's workflow.
    workflow ArmsLicenceRenewalWorkflow for ArmsLicenceRenewal;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Submitted with the original licence; the fee fixed.
        Submitted = "submitted",
        /// The office asked for more documents.
        AwaitingDocuments = "awaiting_documents" [citizen],
        /// Fee paid through a scheduled bank.
        FeePaid = "fee_paid",
        /// NADRA processing and record check.
        Processing = "processing",
        /// Licence renewed.
        Renewed = "renewed" [done, terminal],
        /// Renewal refused.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the renewal (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Ask for more documents.
        RequestDocuments = "request_documents",
        /// The applicant supplies what was asked.
        ProvideDocuments = "provide_documents",
        /// Pay the fee through a scheduled bank.
        PayFee = "pay_fee",
        /// Start NADRA processing.
        StartProcessing = "start_processing",
        /// Renew the licence.
        Renew = "renew",
        /// Refuse the renewal.
        Refuse = "refuse",
        /// The applicant withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Submitted,
        Draft + Withdraw => Withdrawn,
        Submitted + RequestDocuments => AwaitingDocuments,
        Submitted + PayFee => FeePaid,
        Submitted + Refuse => Refused,
        Submitted + Withdraw => Withdrawn,
        AwaitingDocuments + ProvideDocuments => Submitted,
        AwaitingDocuments + Withdraw => Withdrawn,
        FeePaid + StartProcessing => Processing,
        Processing + Renew => Renewed,
        Processing + Refuse => Refused,
    }
}

crate::services::required_facts! { [ExpiresOn] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let Some(expires) = ev.facts.expires_on else {
        return Ok(());
    };
    let window = ev.optional_value(LATE_WINDOW, ());
    let window_end = match window {
        Some(w) => Some(calendar::add_months(
            expires,
            u32::try_from(w.amount()).unwrap_or(u32::MAX),
        )?),
        None => None,
    };
    let band = if ev.date <= expires {
        ev.fee_from(FeeLineKind::Base, FEE, ());
        "on_time"
    } else {
        match window_end {
            Some(end) if ev.date <= end => {
                ev.fee_from(FeeLineKind::Late, LATE_FEE, ());
                "late_within_window"
            }
            _ => {
                // More than the window late, or no window known: the fee
                // for an ordinary licence is not known.
                ev.fee_not_known();
                "late_beyond_window"
            }
        }
    };
    if let (Some(w), Some(end)) = (window, window_end) {
        ev.check(RENEWAL_TIMING, true, |c| {
            c.param(ParamName::Band, ParamValue::Term(band))
                .param(ParamName::ExpiresOn, ParamValue::Date(expires))
                .param(ParamName::Window, ParamValue::Months(w.amount()))
                .param(ParamName::WindowEnd, ParamValue::Date(end))
                .rule(Some(w.dated))
        });
    }
    Ok(())
}

crate::rules::params! {
    for ArmsLicenceRenewal with sla;
    /// Renewal fee for an individual licence renewed on or before expiry.
    FEE: Rupees = "fee";
    /// Fee for a renewal after expiry but within the late window; replaces the on-time fee.
    LATE_FEE: Rupees = "late_fee";
    /// Months after expiry during which a late renewal has a known fee.
    LATE_WINDOW: Months = "late_window";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::ArmsLicenceRenewal,
    title: "Arms licence renewal",
    title_ur: "اسلحہ لائسنس کی تجدید",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[
        DocumentDef {
            id: "arms_licence",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "cnic",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
    ],
    reasons: &[RENEWAL_TIMING],
    evaluate,
    workflow: Some(WorkflowTable::of::<ArmsLicenceRenewalWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::{Actor, Application};
    use crate::decision::{FeeLineKind, FeeStatus, Request};
    use crate::facts::Facts;
    use crate::services::testing::{Expect, any, eligible, run_table};
    use crate::{Catalogue, Lang, Workflow};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn expires(on: &str) -> Facts {
        Facts {
            expires_on: Some(d(on)),
            ..Facts::default()
        }
    }

    /// The timing check passed in this band.
    fn band(want: Expect, band: &'static str) -> Expect {
        want.param("arms.renewal_timing", true, "band", ParamValue::Term(band))
    }

    #[test]
    #[rustfmt::skip]
    fn timing_and_fees() {
        use FeeLineKind::Base;
        run_table(ServiceId::ArmsLicenceRenewal, &[
            // On time after the increase: 5,000.
            (PB, "2025-06-15", expires("2025-06-30"),
                band(eligible().fee(5_000).lines(&[(Base, 5_000)]), "on_time")),
            // The expiry day itself is on time.
            (PB, "2025-06-30", expires("2025-06-30"), any().fee(5_000).lines(&[(Base, 5_000)])),
            // Before and after the July 2023 increase.
            (PB, "2023-07-23", expires("2024-01-01"), any().fee(1_000)),
            (PB, "2023-07-24", expires("2024-01-01"), any().fee(5_000)),
            // Up to three months late, the late fee is not known (no source gives one): 3 months after 31 Mar
            // 2025 is 30 Jun 2025 (month-end clamp).
            (PB, "2025-06-30", expires("2025-03-31"), eligible().no_fee().status(FeeStatus::NotKnown)),
            (PB, "2025-07-01", expires("2025-03-31"), eligible().no_fee().status(FeeStatus::NotKnown)),
            // The window from 30 November ends on 28 February ...
            (PB, "2025-02-28", expires("2024-11-30"), any().status(FeeStatus::NotKnown)),
            (PB, "2025-03-01", expires("2024-11-30"), any().status(FeeStatus::NotKnown)),
            // ... and in a leap year on 29 February.
            (PB, "2024-02-29", expires("2023-11-30"), any().status(FeeStatus::NotKnown)),
            // More than a year late is eligible, with the fee not known.
            (PB, "2025-02-15", expires("2023-12-31"),
                band(eligible().no_fee().status(FeeStatus::NotKnown), "late_beyond_window")),
        ]);
    }

    #[test]
    fn the_timing_message_gives_the_window_end() {
        let cat = Catalogue::embedded().unwrap();
        let facts = Facts {
            expires_on: Some(d("2025-03-31")),
            ..Facts::default()
        };
        let r = Request::on_date(ServiceId::ArmsLicenceRenewal, PB, d("2025-05-01"), facts);
        let dec = cat.evaluate(&r).unwrap();
        let check = dec.checks().first().unwrap();
        let en = cat.message(check, Lang::En);
        assert!(
            en.contains("30 June 2025") && en.contains("3 months"),
            "{en}"
        );
        assert!(
            cat.message(check, Lang::Ur)
                .contains("\u{2066}30-06-2025\u{2069}")
        );
    }

    #[test]
    fn workflow_happy_path_and_a_refused_move() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::ArmsLicenceRenewal, PB, "ARR-1").unwrap();
        let t = |s: &str| s.parse().unwrap();
        let facts = Facts {
            expires_on: Some(d("2025-06-30")),
            ..Facts::default()
        };
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-06-15T10:00:00+05:00"),
                Actor::Citizen,
                Some(facts),
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(500_000));
        assert!(
            app.apply(
                cat,
                "renew",
                t("2025-06-15T10:01:00+05:00"),
                Actor::Clerk,
                None
            )
            .is_err()
        );
        for event in ["pay_fee", "start_processing", "renew"] {
            app.apply(
                cat,
                event,
                t("2025-06-16T10:00:00+05:00"),
                Actor::Clerk,
                None,
            )
            .unwrap();
        }
        assert_eq!(app.state(), "renewed");
        assert!(app.is_terminal());
        assert_eq!(
            ArmsLicenceRenewalWorkflow::next(State::Renewed, Event::Renew),
            None
        );
    }
}
