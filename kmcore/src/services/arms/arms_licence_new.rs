//! New Punjab non-prohibited-bore (NPB) personal arms licence
//! (`arms_licence.new`).
//!
//! Under the Punjab Arms Rules 2023 (gazetted by the Law & Parliamentary
//! Affairs Department and in force at once, early Nov 2023; Dawn
//! 1786219, Daily Pakistan and Pakistan Observer, 5-6 Nov 2023) an NPB
//! personal licence needs: a Pakistani citizen with a valid CNIC, a Punjab
//! domicile, an age "over 20", a filer on the FBR active taxpayers list,
//! no criminal record or conviction, not a fugitive, not a member of a
//! proscribed organisation and not physically, mentally or psychologically
//! infirm. Each criterion is its own check, and all are listed even when
//! several fail. "Over 20" is the bundle value `age_over` (20): this
//! library reads it as more than 20 *completed* years, so the applicant
//! qualifies from the 21st birthday and fails on the 20th birthday and the
//! year after it. That reading is UNCERTAIN: the Rules' text was not seen,
//! and "over 20" could also mean from the day after the 20th birthday.
//! Before the 2023 Rules the age rule is not in the bundle, so the
//! decision reports `rule.not_known` rather than guess. The fee is
//! Rs 50,000 (Dawn; up from Rs 20,000 per Dawn, or Rs 10,000 per
//! ProPakistani, 24 Jul 2023, kept as a conflict). NADRA processing
//! (`nadra_fee`: Rs 2,000, up from Rs 1,400, ProPakistani, 24 Jul 2023; the
//! report date is taken as the day it applies from) is paid to NADRA apart
//! from the licence fee: the quote lists it as its own `nadra_processing`
//! line, which is not added to the total, so the fee due stays the
//! licence fee.
//! A prohibited-bore licence (optional fact `is_prohibited_bore`) is not
//! granted under these provincial rules: under the federal SOP it needs the
//! Prime Minister's or the Interior Minister's approval
//! (`arms.prohibited_bore`). Workflow (Pakistan Observer, 2 Sep 2023, and
//! the 2014 Rules r.52 for payment through a scheduled bank): application
//! with CNIC copy, photographs, NTN and profession certificate → fee paid
//! through a bank → biometrics at a NADRA data acquisition unit → approval
//! slip → licence; an issued licence can be suspended, restored or
//! cancelled (Arms Ordinance 1965 s.12) and expires.

use chrono::NaiveDate;

use crate::calendar;
use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::PB;
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

/// The applicant is a Pakistani citizen.
pub const CITIZEN: ReasonCode = ReasonCode::new("arms.citizen");
/// The applicant holds a domicile of the jurisdiction.
pub const DOMICILE: ReasonCode = ReasonCode::new("arms.domicile");
/// The applicant is on the FBR active taxpayers list.
pub const ACTIVE_TAXPAYER: ReasonCode = ReasonCode::new("arms.active_taxpayer");
/// The applicant has no criminal record or conviction.
pub const NO_CRIMINAL_RECORD: ReasonCode = ReasonCode::new("arms.criminal_record");
/// The applicant is not a fugitive from law.
pub const NOT_FUGITIVE: ReasonCode = ReasonCode::new("arms.fugitive");
/// The applicant is not a member of a proscribed organisation.
pub const NOT_PROSCRIBED_MEMBER: ReasonCode = ReasonCode::new("arms.proscribed_member");
/// The applicant is not physically, mentally or psychologically infirm.
pub const NOT_INFIRM: ReasonCode = ReasonCode::new("arms.infirm");
/// The applicant is over the age limit ("over 20").
pub const AGE_OVER: ReasonCode = ReasonCode::new("arms.age_over");
/// The licence asked for is not for a prohibited bore (those need federal approval).
pub const PROHIBITED_BORE: ReasonCode = ReasonCode::new("arms.prohibited_bore");

crate::define_workflow! {
    /// The new arms licence's workflow.
    workflow ArmsLicenceNewWorkflow for ArmsLicenceNew;
    states {
        /// Application form being filled in.
        Draft = "draft",
        /// Submitted with its documents; eligibility checked and the fee fixed.
        Submitted = "submitted",
        /// The licensing office asked for more documents.
        AwaitingDocuments = "awaiting_documents" [citizen],
        /// Fee paid through a scheduled bank.
        FeePaid = "fee_paid",
        /// Biometrics taken at a NADRA data acquisition unit.
        BiometricsCaptured = "biometrics_captured",
        /// Approved; the approval slip is issued.
        Approved = "approved",
        /// Licence issued.
        Issued = "issued" [done],
        /// Licence suspended.
        Suspended = "suspended",
        /// Licence cancelled.
        Cancelled = "cancelled" [terminal],
        /// Licence expired (a renewal is a separate application).
        Expired = "expired" [terminal],
        /// Application refused.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the application (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Ask the applicant for more documents.
        RequestDocuments = "request_documents",
        /// The applicant supplies what was asked.
        ProvideDocuments = "provide_documents",
        /// Pay the fee through a scheduled bank.
        PayFee = "pay_fee",
        /// Capture biometrics at NADRA.
        CaptureBiometrics = "capture_biometrics",
        /// Approve and issue the approval slip.
        Approve = "approve",
        /// Issue the licence.
        Issue = "issue",
        /// Suspend the licence.
        Suspend = "suspend",
        /// Restore a suspended licence.
        Restore = "restore",
        /// Cancel the licence.
        Cancel = "cancel",
        /// The licence's term ends.
        Expire = "expire",
        /// Refuse the application.
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
        FeePaid + CaptureBiometrics => BiometricsCaptured,
        FeePaid + Refuse => Refused,
        BiometricsCaptured + Approve => Approved,
        BiometricsCaptured + Refuse => Refused,
        Approved + Issue => Issued,
        Issued + Suspend => Suspended,
        Issued + Cancel => Cancelled,
        Issued + Expire => Expired,
        Suspended + Restore => Issued,
        Suspended + Cancel => Cancelled,
    }
}

crate::services::required_facts! { [DateOfBirth, IsCitizen, HasValidCnic, HasDomicile, IsActiveTaxpayer, HasCriminalRecord, IsFugitive, IsProscribedMember, IsInfirm] }

/// "Over N": more than N completed years on the as-of date (see the module
/// doc for why this reading is uncertain). Reports `rule.not_known` when
/// the bundle has no limit for the jurisdiction and date.
fn age_over(ev: &mut Eval<'_, '_>, dob: NaiveDate) {
    let Some(limit) = ev.require(OVER_AGE, ()) else {
        return;
    };
    let today = ev.date;
    let age = calendar::years_between(dob, today);
    let passes_from = || calendar::anniversary(dob, limit.amount().checked_add(1)?);
    ev.check_until(
        AGE_OVER,
        i64::from(age) > limit.amount(),
        passes_from,
        |c| {
            c.param(ParamName::Limit, ParamValue::Years(limit.amount()))
                .param(
                    ParamName::Age,
                    ParamValue::Span(calendar::span_between(dob, today)),
                )
                .rule(Some(limit.dated))
        },
    );
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    rules::condition(ev, CITIZEN, f.is_citizen == Some(true));
    rules::document(ev, "cnic", f.has_valid_cnic);
    let jurisdiction = ev.jurisdiction;
    ev.check(DOMICILE, f.has_domicile == Some(true), |c| {
        c.param(
            ParamName::Jurisdiction,
            ParamValue::Term(jurisdiction.as_str()),
        )
    });
    if let Some(dob) = f.date_of_birth {
        age_over(ev, dob);
    }
    rules::condition(ev, ACTIVE_TAXPAYER, f.is_active_taxpayer == Some(true));
    rules::condition(ev, NO_CRIMINAL_RECORD, f.has_criminal_record == Some(false));
    rules::condition(ev, NOT_FUGITIVE, f.is_fugitive == Some(false));
    rules::condition(
        ev,
        NOT_PROSCRIBED_MEMBER,
        f.is_proscribed_member == Some(false),
    );
    rules::condition(ev, NOT_INFIRM, f.is_infirm == Some(false));
    if let Some(prohibited) = f.is_prohibited_bore {
        rules::condition(ev, PROHIBITED_BORE, !prohibited);
    }
    ev.fee_from(FeeLineKind::Base, FEE, ());
    // Listed where the bundle has it, never part of the total.
    if let Some(nadra) = ev.optional_value(NADRA_FEE, ()) {
        ev.fee_line(FeeLineKind::NadraProcessing, nadra);
    }
    Ok(())
}

crate::rules::params! {
    for ArmsLicenceNew with sla;
    /// Fee for a new NPB personal licence; NADRA processing is not included.
    FEE: Rupees = "fee";
    /// NADRA processing charge, paid to NADRA: quoted as its own line, never added to the fee due.
    NADRA_FEE: Rupees = "nadra_fee";
    /// The applicant must be over this age: more than this many completed years (an uncertain reading of "over 20").
    OVER_AGE: Years = "age_over";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::ArmsLicenceNew,
    title: "New non-prohibited-bore personal arms licence",
    title_ur: "نیا ذاتی اسلحہ لائسنس (غیر ممنوعہ بور)",
    kind: ServiceKind::Application,
    offered_in: &[PB],
    required_facts,
    missing_facts,
    optional_facts: &[FactKey::IsProhibitedBore],
    params: PARAMS,
    documents: &[
        DocumentDef {
            id: "cnic",
            provided_by: Some(FactKey::HasValidCnic),
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "domicile",
            provided_by: Some(FactKey::HasDomicile),
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "photograph",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "ntn",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "profession_certificate",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
    ],
    reasons: &[
        CITIZEN,
        ReasonCode::DOCUMENT_REQUIRED,
        DOMICILE,
        AGE_OVER,
        ACTIVE_TAXPAYER,
        NO_CRIMINAL_RECORD,
        NOT_FUGITIVE,
        NOT_PROSCRIBED_MEMBER,
        NOT_INFIRM,
        PROHIBITED_BORE,
        ReasonCode::RULE_NOT_KNOWN,
    ],
    evaluate,
    workflow: Some(WorkflowTable::of::<ArmsLicenceNewWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Jurisdiction;
    use crate::application::{Actor, Application};
    use crate::decision::{FeeStatus, Request};
    use crate::facts::Facts;
    use crate::services::testing::{any, eligible, refused, run_table};
    use crate::{Catalogue, Lang, Money, Workflow};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn clean(dob: &str) -> Facts {
        Facts {
            date_of_birth: Some(d(dob)),
            is_citizen: Some(true),
            has_valid_cnic: Some(true),
            has_domicile: Some(true),
            is_active_taxpayer: Some(true),
            has_criminal_record: Some(false),
            is_fugitive: Some(false),
            is_proscribed_member: Some(false),
            is_infirm: Some(false),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn age_over_20() {
        run_table(ServiceId::ArmsLicenceNew, &[
            // A clean adult pays 50,000.
            (PB, "2024-03-15", clean("1999-01-20"), eligible().fee(50_000)),
            // The 21st birthday passes.
            (PB, "2025-06-01", clean("2004-06-01"), eligible().fee(50_000)),
            // On the 20th birthday: not yet over 20.
            (PB, "2025-06-01", clean("2005-06-01"), refused(&["arms.age_over"]).no_fee()),
            // The day before the 21st birthday: 20 completed years, still not
            // over 20 under this library's (uncertain) reading.
            (PB, "2025-05-31", clean("2004-06-01"), refused(&["arms.age_over"])),
            // Nineteen fails.
            (PB, "2025-06-01", clean("2005-06-02"), refused(&["arms.age_over"])),
            // Born 29 Feb 2004: 21 on 1 Mar 2025 (common year), not on 28 Feb.
            (PB, "2025-02-28", clean("2004-02-29"), refused(&["arms.age_over"])),
            (PB, "2025-03-01", clean("2004-02-29"), eligible()),
            // Before the 2023 rules the age rule is not known.
            (PB, "2023-11-02", clean("1990-01-01"), refused(&["rule.not_known"])),
            (PB, "2023-11-03", clean("1990-01-01"), eligible()),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn criteria() {
        let all_passed = eligible().checks(&[
            ("arms.citizen", true),
            ("document.required", true),
            ("arms.domicile", true),
            ("arms.age_over", true),
            ("arms.active_taxpayer", true),
            ("arms.criminal_record", true),
            ("arms.fugitive", true),
            ("arms.proscribed_member", true),
            ("arms.infirm", true),
            ("arms.prohibited_bore", true),
        ]);
        let adult = || clean("1990-01-01");
        run_table(ServiceId::ArmsLicenceNew, &[
            // Every failed criterion is listed, and the quote is still
            // computed for a refused application.
            (PB, "2025-01-01",
                Facts {
                    date_of_birth: Some(d("2010-01-01")),
                    is_citizen: Some(false),
                    has_valid_cnic: Some(false),
                    has_domicile: Some(false),
                    is_active_taxpayer: Some(false),
                    has_criminal_record: Some(true),
                    is_fugitive: Some(true),
                    is_proscribed_member: Some(true),
                    is_infirm: Some(true),
                    is_prohibited_bore: Some(true),
                    ..Facts::default()
                },
                refused(&[
                    "arms.citizen",
                    "document.required",
                    "arms.domicile",
                    "arms.age_over",
                    "arms.active_taxpayer",
                    "arms.criminal_record",
                    "arms.fugitive",
                    "arms.proscribed_member",
                    "arms.infirm",
                    "arms.prohibited_bore",
                ])
                .no_fee()
                .status(FeeStatus::Known(Money::from_rupees(50_000).unwrap()))),
            // Each single failure refuses.
            (PB, "2024-11-11", Facts { is_active_taxpayer: Some(false), ..adult() },
                refused(&["arms.active_taxpayer"]).no_fee()),
            (PB, "2024-11-11", Facts { has_criminal_record: Some(true), ..adult() },
                refused(&["arms.criminal_record"]).no_fee()),
            (PB, "2024-11-11", Facts { is_fugitive: Some(true), ..adult() },
                refused(&["arms.fugitive"]).no_fee()),
            (PB, "2024-11-11", Facts { is_proscribed_member: Some(true), ..adult() },
                refused(&["arms.proscribed_member"]).no_fee()),
            (PB, "2024-11-11", Facts { is_infirm: Some(true), ..adult() },
                refused(&["arms.infirm"]).no_fee()),
            (PB, "2024-11-11", Facts { has_domicile: Some(false), ..adult() },
                refused(&["arms.domicile"]).no_fee()),
            // A non-prohibited bore passes and is listed.
            (PB, "2024-06-01", Facts { is_prohibited_bore: Some(false), ..adult() }, all_passed),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn fees_and_jurisdictions() {
        use FeeLineKind::{Base, NadraProcessing};
        run_table(ServiceId::ArmsLicenceNew, &[
            // NADRA processing is quoted as its own line and not added: the
            // fee due is the licence fee alone.
            (PB, "2024-03-15", clean("1990-01-01"),
                eligible().fee(50_000).lines(&[(Base, 50_000), (NadraProcessing, 2_000)])),
            // NADRA's Rs 2,000 from the July 2023 report, Rs 1,400 before it.
            (PB, "2023-07-24", clean("1990-01-01"),
                any().status(FeeStatus::Known(Money::from_rupees(20_000).unwrap()))
                    .lines(&[(Base, 20_000), (NadraProcessing, 2_000)])),
            (PB, "2023-07-23", clean("1990-01-01"),
                any().lines(&[(Base, 20_000), (NadraProcessing, 1_400)])),
            // The fee before the 2023 rules is the old one.
            (PB, "2023-11-02", clean("1990-01-01"),
                any().status(FeeStatus::Known(Money::from_rupees(20_000).unwrap()))),
            (PB, "2023-11-03", clean("1990-01-01"), any().fee(50_000)),
            // Only Punjab offers it.
            (Jurisdiction::ICT, "2024-06-01", clean("1990-01-01"), refused(&["rule.not_known"]).no_fee()),
            (Jurisdiction::SD, "2024-06-01", clean("1990-01-01"), refused(&["rule.not_known"]).no_fee()),
            (Jurisdiction::KP, "2024-06-01", clean("1990-01-01"), refused(&["rule.not_known"]).no_fee()),
        ]);
    }

    #[test]
    fn a_prohibited_bore_names_the_federal_authority() {
        let cat = Catalogue::embedded().unwrap();
        let mut facts = clean("1990-01-01");
        facts.is_prohibited_bore = Some(true);
        let r = Request::on_date(ServiceId::ArmsLicenceNew, PB, d("2024-06-01"), facts);
        let dec = cat.evaluate(&r).unwrap();
        assert!(!dec.eligible());
        let check = dec.failures().next().unwrap();
        assert_eq!(check.code(), PROHIBITED_BORE);
        let en = cat.message(check, Lang::En);
        assert!(
            en.contains("Prime Minister") && en.contains("Interior Minister"),
            "{en}"
        );
    }

    #[test]
    fn the_age_message_explains_the_reading() {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(
            ServiceId::ArmsLicenceNew,
            PB,
            d("2025-06-01"),
            clean("2005-06-01"),
        );
        let dec = cat.evaluate(&r).unwrap();
        let check = dec.failures().next().unwrap();
        let en = cat.message(check, Lang::En);
        assert!(en.contains("20 years"), "{en}");
        // The citizen's sentence carries no reading; the clerk's note does.
        assert!(!en.contains("uncertain") && !en.contains("library"), "{en}");
        let note = cat.clerk_note(check.code(), Lang::En).unwrap();
        assert!(note.contains("birthday"), "{note}");
        assert_eq!(check.rule_value().unwrap().basis, crate::Basis::Uncertain);
        assert!(!cat.message(check, Lang::Ur).is_empty());
        assert!(cat.clerk_note(check.code(), Lang::Ur).is_some());
    }

    #[test]
    fn workflow_happy_path_and_a_refused_move() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::ArmsLicenceNew, PB, "ARM-1").unwrap();
        let t = |s: &str| s.parse().unwrap();
        let rec = app
            .apply(
                cat,
                "submit",
                t("2024-03-15T10:00:00+05:00"),
                Actor::Citizen,
                Some(clean("1999-01-20")),
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(5_000_000));
        let err = app
            .apply(
                cat,
                "issue",
                t("2024-03-15T10:01:00+05:00"),
                Actor::Supervisor,
                None,
            )
            .unwrap_err();
        assert!(err.to_string().contains("issue"));
        for (event, actor) in [
            ("pay_fee", Actor::Citizen),
            ("capture_biometrics", Actor::Clerk),
            ("approve", Actor::Supervisor),
            ("issue", Actor::Supervisor),
        ] {
            app.apply(cat, event, t("2024-03-16T10:00:00+05:00"), actor, None)
                .unwrap();
        }
        assert_eq!(app.state(), "issued");
        assert_eq!(
            ArmsLicenceNewWorkflow::next(State::Issued, Event::Suspend),
            Some(State::Suspended)
        );
        assert_eq!(
            ArmsLicenceNewWorkflow::next(State::Refused, Event::Submit),
            None
        );
    }

    #[test]
    fn an_ineligible_submission_is_refused_by_the_guard() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::ArmsLicenceNew, PB, "ARM-2").unwrap();
        let mut facts = clean("1990-01-01");
        facts.is_active_taxpayer = Some(false);
        let err = app
            .apply(
                cat,
                "submit",
                "2024-03-15T10:00:00+05:00".parse().unwrap(),
                Actor::Citizen,
                Some(facts),
            )
            .unwrap_err();
        assert!(err.is_not_eligible());
        assert_eq!(err.reasons(), ["arms.active_taxpayer".to_string()]);
        assert!(app.events().is_empty());
    }
}
