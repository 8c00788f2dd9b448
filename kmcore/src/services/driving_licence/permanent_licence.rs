//! Permanent driving licence (`driving_licence.permanent`), issued after
//! the learner period and the sign and road tests.
//!
//! Rules: the category's minimum age (the learner permit's `min_age`:
//! motorcycle and car 18, LTV 21, HTV 22 in PB and ICT, PSV 22 in ICT;
//! the general 18 in SD for motorcycle, car and LTV; PSV in PB and HTV and
//! PSV in SD are not known);
//! the learner permit held for 42 days (PB, ICT; `driving_licence.test_booking`'s
//! `min_days_held`) and still valid (6 months PB and ICT, 1 year SD; the
//! learner permit's `validity`); both tests passed; in PB a medical fitness
//! certificate from age 50 (<https://arynews.tv/driving-license-fee-update-for-7-januaray-2025/>);
//! in ICT an HTV needs an existing licence held 3 years and a PSV one held
//! 1 year, in completed years (<https://archive.dnd.com.pk/?p=211724>); the
//! same rule for PB and SD has no sourced value, so it is not known there.
//! Fees: PB charges per year of the term (per-year fees since 16 Jan 2024,
//! <https://en.dailypakistan.com.pk/17-Jan-2024/new-driving-license-fee-structure-implemented-in-punjab-check-full-fee-schedule>;
//! the Jan 2025 report quotes licence + test, e.g. car 1,830 + 150). One
//! year costs the per-year line; 3 or 5 years cost
//! `line + (term − 1) × (line − test)` (the test once), which needs a
//! source that splits the test out of the line; where none does (the
//! Jan 2024 lines, LTV, HTV) the multi-year fee is not known. ICT: a flat fee
//! of 5,000 (motorcycle, car) or 12,000 (LTV, HTV, PSV), plus 2,000 for the
//! urgent option (<https://www.incpak.com/?p=175198>). SD: a fee per term
//! (car and motorcycle 1,410 for 3 years, 1,860 for 5; LTV 960 and 1,260);
//! other terms and categories are not known.
//!
//! Tractors and rickshaws: Punjab's per-year lines from 16 Jan 2024 are
//! agricultural tractor 1,480 and commercial tractor 1,980 (Daily
//! Pakistan, 17 Jan 2024), with no source splitting out a test fee, so a
//! 1-year licence is priced and longer terms are not known; the rickshaw
//! is 880 + 100 test from 7 Jan 2025 (ARY), so every term is priced. The
//! commercial tractor and the rickshaw are LTVs in Punjab (minimum age 21);
//! the agricultural tractor's age is not known. ITP's professional fee of
//! 12,000 names the tractor without saying which kind, so both tractor
//! categories carry it as uncertain; their ICT ages are not sourced.
//!
//! Workflow: the tests come before the application is submitted, because
//! eligibility (and so the fee recorded at submission) depends on their
//! results. `book_test` is guarded by the test-booking rules (learner
//! period and validity); a failed test stamps `failed_test_on`, and the
//! `fail_*` event's facts must give `failed_test` (and the `passed_*` flag
//! as false); `book_retest` is guarded by the retest rules. The `pass_*`
//! events carry `passed_sign_test` / `passed_road_test` as true, so by
//! `submit` every fact the eligibility guard needs is known.

use super::{CategoryTerm, per_year_fee, test_passed};
use crate::calendar;
use crate::decision::FeeLineKind;
use crate::facts::{FactKey, LicenceCategory};
use crate::jurisdiction::Jurisdiction::{self, ICT, KP, PB, SD};
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentCondition, DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

pub use super::{LEARNER_VALID, LEARNER_WAIT, TEST_PASSED};
/// The existing licence has been held long enough (ICT HTV and PSV).
pub const LICENCE_EXPERIENCE: ReasonCode = ReasonCode::new("licence.experience");

crate::define_workflow! {
    /// The permanent licence's workflow: tests, then the application.
    workflow PermanentLicenceWorkflow for PermanentLicence;
    states {
        /// Opened at the counter with the learner permit's details.
        Draft = "draft",
        /// Tests booked; the sign test is next.
        TestBooked = "test_booked",
        /// The sign test was failed; a retest must be booked.
        SignTestFailed = "sign_test_failed" [citizen],
        /// The sign test was passed; the road test is next.
        SignTestPassed = "sign_test_passed",
        /// The road test was failed; a retest must be booked.
        RoadTestFailed = "road_test_failed" [citizen],
        /// Both tests passed; the application can be submitted.
        TestsPassed = "tests_passed",
        /// Submitted; eligibility checked and the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// Licence issued.
        Issued = "issued" [done],
        /// The licence's term ran out.
        Expired = "expired" [terminal],
        /// Refused by the licensing authority.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Book the tests (guarded by the learner period and validity).
        BookTest = "book_test" [guard: Guard::Rules(ServiceId::TestBooking)],
        /// The sign test is passed (facts: `passed_sign_test` true).
        PassSignTest = "pass_sign_test",
        /// The sign test is failed (facts: `failed_test`; stamps `failed_test_on`).
        FailSignTest = "fail_sign_test" [stamps: FailedTestOn],
        /// The road test is passed (facts: `passed_road_test` true).
        PassRoadTest = "pass_road_test",
        /// The road test is failed (facts: `failed_test`; stamps `failed_test_on`).
        FailRoadTest = "fail_road_test" [stamps: FailedTestOn],
        /// Book the failed test again (guarded by the retest wait).
        BookRetest = "book_retest" [guard: Guard::Rules(ServiceId::Retest)],
        /// Submit the application (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Issue the licence.
        Issue = "issue",
        /// The licence's term ends.
        Expire = "expire",
        /// Refuse the application.
        Refuse = "refuse",
        /// The applicant withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + BookTest => TestBooked,
        Draft + Withdraw => Withdrawn,
        TestBooked + PassSignTest => SignTestPassed,
        TestBooked + FailSignTest => SignTestFailed,
        TestBooked + Withdraw => Withdrawn,
        SignTestFailed + BookRetest => TestBooked,
        SignTestFailed + Withdraw => Withdrawn,
        SignTestPassed + PassRoadTest => TestsPassed,
        SignTestPassed + FailRoadTest => RoadTestFailed,
        SignTestPassed + Withdraw => Withdrawn,
        RoadTestFailed + BookRetest => SignTestPassed,
        RoadTestFailed + Withdraw => Withdrawn,
        TestsPassed + Submit => Submitted,
        TestsPassed + Withdraw => Withdrawn,
        Submitted + PayFee => FeePaid,
        Submitted + Refuse => Refused,
        Submitted + Withdraw => Withdrawn,
        FeePaid + Issue => Issued,
        FeePaid + Refuse => Refused,
        Issued + Expire => Expired,
    }
}

crate::services::required_facts! {
    PB => [Category, DateOfBirth, LearnerIssuedOn, PassedSignTest, PassedRoadTest, LicenceTermYears, HasMedicalFitnessCertificate],
    ICT => [Category, DateOfBirth, LearnerIssuedOn, PassedSignTest, PassedRoadTest, Urgent],
    SD => [Category, DateOfBirth, LearnerIssuedOn, PassedSignTest, PassedRoadTest, LicenceTermYears],
    KP => [Category, DateOfBirth, LearnerIssuedOn, PassedSignTest, PassedRoadTest],
}

/// Categories whose licence asks for an existing licence held for some
/// years (<https://archive.dnd.com.pk/?p=211724>).
const EXPERIENCE_CATEGORIES: &[LicenceCategory] = &[LicenceCategory::Htv, LicenceCategory::Psv];

/// Jurisdictions where the facts require a fitness certificate from an age.
const FITNESS_IN: &[Jurisdiction] = &[PB];

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    let (Some(category), Some(dob), Some(learner)) =
        (f.category, f.date_of_birth, f.learner_issued_on)
    else {
        return Ok(());
    };
    super::minimum_age(ev, dob, category);
    // HTV and PSV need an existing licence held for some years under the
    // Punjab Motor Vehicles Rules 1969 (the rule as ITP applies it); where
    // the bundle has no value for the jurisdiction (PB, SD) the check is
    // not known. No source asks experience for the other categories.
    let experience = if EXPERIENCE_CATEGORIES.contains(&category) {
        ev.require(MIN_EXPERIENCE_YEARS, category)
    } else {
        None
    };
    if let Some(min) = experience {
        match f.licence_held_since {
            Some(since) => {
                let today = ev.date;
                let held = calendar::years_between(since, today);
                let passes_from = || calendar::anniversary(since, min.amount());
                ev.check_until(
                    LICENCE_EXPERIENCE,
                    i64::from(held) >= min.amount(),
                    passes_from,
                    |c| {
                        c.param(ParamName::Required, ParamValue::Years(min.amount()))
                            .param(
                                ParamName::Held,
                                ParamValue::Span(calendar::span_between(since, today)),
                            )
                            .param(ParamName::Since, ParamValue::Date(since))
                            .rule(Some(min.dated))
                    },
                );
            }
            None => rules::document(ev, "national_licence", None),
        }
    }
    super::learner_rules(ev, learner)?;
    test_passed(ev, "sign_test", f.passed_sign_test);
    test_passed(ev, "road_test", f.passed_road_test);
    if FITNESS_IN.contains(&ev.jurisdiction) {
        if let Some(from_age) = ev.require(FITNESS_AGE, ()) {
            if i64::from(calendar::years_between(dob, ev.date)) >= from_age.amount() {
                rules::document(
                    ev,
                    "medical_fitness_certificate",
                    f.has_medical_fitness_certificate,
                );
            }
        }
    }
    match ev.jurisdiction {
        PB => pb_fee(ev, category, f.licence_term_years),
        ICT => {
            ev.fee_from(FeeLineKind::Base, FEE, category);
            if f.urgent == Some(true) {
                ev.fee_from(FeeLineKind::Urgent, URGENT_FEE, ());
            }
        }
        SD | KP => match f
            .licence_term_years
            .and_then(|y| CategoryTerm::of(category, y))
        {
            Some(variant) => ev.fee_from(FeeLineKind::Base, TERM_FEE, variant),
            None => ev.fee_not_known(),
        },
    }
    Ok(())
}

/// The PB fee for a term of `years`: the per-year line for one year; for
/// 3 or 5 years the licence part once per year and the test once
/// (`line + (term − 1) × (line − test)`, FACTS.md §6.5), which needs a
/// source that quotes the test apart from the licence. Where none does
/// (the Jan 2024 lines, LTV, HTV) a multi-year fee is not known:
/// multiplying a line that includes the test would charge the test every
/// year.
fn pb_fee(ev: &mut Eval<'_, '_>, category: LicenceCategory, years: Option<i64>) {
    // Absent where the test is not quoted apart from the licence.
    let test = ev.optional_value(TEST_FEE, category);
    match (years, test) {
        (Some(1), _) | (Some(3 | 5), Some(_)) => {
            per_year_fee(ev, FeeLineKind::Base, FEE, category, years);
            if let Some(test) = test {
                ev.fee_line(FeeLineKind::Test, test);
            }
        }
        _ => ev.fee_not_known(),
    }
}

crate::rules::params! {
    for PermanentLicence with sla;
    /// Licence fee by category: per year of the term in PB, per licence in ICT.
    FEE: Rupees by LicenceCategory = "fee";
    /// Test fee quoted with the PB licence fee, charged once.
    TEST_FEE: Rupees by LicenceCategory = "test_fee";
    /// Licence fee for a whole term, by category and term (SD).
    TERM_FEE: Rupees by CategoryTerm = "term_fee";
    /// Surcharge for the urgent (fast-track) option (ICT).
    URGENT_FEE: Rupees = "urgent_fee";
    /// Age from which a medical fitness certificate is required (PB).
    FITNESS_AGE: Years = "fitness_age";
    /// Completed years an existing licence must be held, by category (ICT HTV, PSV).
    MIN_EXPERIENCE_YEARS: Years by LicenceCategory = "min_experience_years";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::PermanentLicence,
    title: "Permanent driving licence",
    title_ur: "مستقل ڈرائیونگ لائسنس",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[FactKey::LicenceHeldSince],
    params: PARAMS,
    documents: &[
        DocumentDef {
            id: "learner_permit",
            provided_by: None,
            jurisdictions: &[PB, ICT, SD],
            condition: None,
        },
        // PB: CNIC copy, 3 passport photographs, a medical certificate from
        // an authorised practitioner and Form A (ARY, 7 Jan 2025); SD: the
        // original CNIC (Daily Pakistan, 20 Jan 2025); ICT: the medical
        // fitness Form-B (<https://archive.dnd.com.pk/?p=211724>).
        DocumentDef {
            id: "cnic",
            provided_by: None,
            jurisdictions: &[PB, SD],
            condition: None,
        },
        DocumentDef {
            id: "photograph",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "medical_certificate",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "form_a",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "medical_form_b",
            provided_by: None,
            jurisdictions: &[ICT],
            condition: None,
        },
        DocumentDef {
            id: "medical_fitness_certificate",
            provided_by: Some(FactKey::HasMedicalFitnessCertificate),
            jurisdictions: &[PB],
            condition: Some(DocumentCondition::FromAge(50)),
        },
    ],
    reasons: &[
        ReasonCode::AGE_MINIMUM,
        LICENCE_EXPERIENCE,
        LEARNER_WAIT,
        LEARNER_VALID,
        TEST_PASSED,
        ReasonCode::DOCUMENT_REQUIRED,
        ReasonCode::RULE_NOT_KNOWN,
    ],
    evaluate,
    workflow: Some(WorkflowTable::of::<PermanentLicenceWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::application::{Actor, Application};
    use crate::decision::FeeStatus;
    use crate::facts::{Facts, TestKind};
    use crate::services::testing::{any, eligible, refused, run_table};
    use chrono::{DateTime, FixedOffset, NaiveDate};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> DateTime<FixedOffset> {
        s.parse().unwrap()
    }

    fn pb(category: LicenceCategory, dob: &str, learner: &str, years: i64) -> Facts {
        Facts {
            category: Some(category),
            date_of_birth: Some(d(dob)),
            learner_issued_on: Some(d(learner)),
            passed_sign_test: Some(true),
            passed_road_test: Some(true),
            licence_term_years: Some(years),
            has_medical_fitness_certificate: Some(false),
            ..Facts::default()
        }
    }

    fn ict(category: LicenceCategory, dob: &str, learner: &str, urgent: bool) -> Facts {
        Facts {
            category: Some(category),
            date_of_birth: Some(d(dob)),
            learner_issued_on: Some(d(learner)),
            passed_sign_test: Some(true),
            passed_road_test: Some(true),
            urgent: Some(urgent),
            ..Facts::default()
        }
    }

    fn sd(years: i64, learner: &str) -> Facts {
        Facts {
            category: Some(LicenceCategory::MotorCarAndMotorcycle),
            date_of_birth: Some(d("1998-07-07")),
            learner_issued_on: Some(d(learner)),
            passed_sign_test: Some(true),
            passed_road_test: Some(true),
            licence_term_years: Some(years),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn punjab() {
        use FeeLineKind::{Base, Test};
        use LicenceCategory::*;
        let motorcycle = |years| pb(Motorcycle, "1994-08-20", "2025-01-01", years);
        let over_50 = pb(Motorcycle, "1975-02-12", "2025-01-01", 1);
        run_table(ServiceId::PermanentLicence, &[
            // A motorcycle after exactly 42 days, and one day short.
            (PB, "2025-02-12", motorcycle(1), eligible().fee(980)),
            (PB, "2025-02-11", motorcycle(1), refused(&["learner.wait"]).no_fee()),
            // The fee before and after the Jan 2025 schedule.
            (PB, "2025-01-06", pb(MotorCar, "1990-05-05", "2024-11-20", 1), any().fee(2280)),
            (PB, "2025-01-07", pb(MotorCar, "1990-05-05", "2024-11-20", 1), any().fee(1980)),
            // The fee is per year, with the test once.
            (PB, "2025-03-01", pb(MotorCar, "1990-05-05", "2025-01-10", 3),
                any().fee(3 * 1830 + 150)
                    .lines(&[(Base, 1830), (Base, 1830), (Base, 1830), (Test, 150)])),
            // Neither the fee nor the fitness age is known before 16 Jan 2024.
            (PB, "2024-01-15", pb(Motorcycle, "1994-08-20", "2023-11-01", 1),
                refused(&["rule.not_known"]).no_fee()),
            (PB, "2024-01-16", pb(Motorcycle, "1994-08-20", "2023-11-01", 1), eligible().fee(980)),
            // Punjab's PSV age and experience are not known: undetermined.
            (PB, "2025-02-12", pb(Psv, "1990-08-20", "2025-01-01", 1), refused(&["rule.not_known", "rule.not_known"]).no_fee()),
            // The fitness certificate from 50: 50 on the day, it is needed.
            (PB, "2025-02-12", over_50.clone(), refused(&["document.required"]).no_fee()),
            (PB, "2025-02-12", Facts { has_medical_fitness_certificate: Some(true), ..over_50 },
                eligible()),
            // 49 years 364 days: not needed.
            (PB, "2025-02-12", pb(Motorcycle, "1975-02-13", "2025-01-01", 1), eligible()),
            // Every failed rule is listed.
            (PB, "2025-02-12",
                Facts {
                    passed_sign_test: Some(false),
                    passed_road_test: Some(false),
                    ..pb(Ltv, "2005-01-01", "2024-01-01", 1)
                },
                refused(&["age.minimum", "learner.valid", "test.passed", "test.passed"]).no_fee()),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn tractors_and_rickshaws() {
        use FeeLineKind::{Base, Test};
        use LicenceCategory::*;
        let known = |r: i64| FeeStatus::Known(crate::Money::from_rupees(r).unwrap());
        let adult = |category, years| pb(category, "1990-05-05", "2025-01-10", years);
        run_table(ServiceId::PermanentLicence, &[
            // Punjab's per-year tractor lines (16 Jan 2024): one year is
            // priced; the test is not split out, so longer terms are not known.
            (PB, "2025-03-01", adult(TractorCommercial, 1), eligible().fee(1980).lines(&[(Base, 1980)])),
            (PB, "2025-03-01", adult(TractorCommercial, 3), eligible().no_fee().status(FeeStatus::NotKnown)),
            (PB, "2025-03-01", adult(TractorCommercial, 5), eligible().no_fee().status(FeeStatus::NotKnown)),
            (PB, "2024-03-01", pb(TractorCommercial, "1990-05-05", "2024-01-10", 1), eligible().fee(1980)),
            (PB, "2024-01-15", pb(TractorCommercial, "1990-05-05", "2023-12-01", 1), refused(&["rule.not_known"]).no_fee()),
            // A commercial tractor is an LTV: 21 on the day passes, a day short fails.
            (PB, "2025-03-01", pb(TractorCommercial, "2004-03-01", "2025-01-10", 1), eligible().fee(1980)),
            (PB, "2025-03-01", pb(TractorCommercial, "2004-03-02", "2025-01-10", 1), refused(&["age.minimum"]).no_fee()),
            // The agricultural tractor's age is not known: undetermined, with
            // its per-year line quoted.
            (PB, "2025-03-01", adult(TractorAgricultural, 1),
                refused(&["rule.not_known"]).no_fee().status(known(1480))),
            (PB, "2025-03-01", adult(TractorAgricultural, 3),
                refused(&["rule.not_known"]).status(FeeStatus::NotKnown)),
            // The rickshaw's line (7 Jan 2025) splits out the test: every term.
            (PB, "2025-03-01", adult(Rickshaw, 1), eligible().fee(980).lines(&[(Base, 880), (Test, 100)])),
            (PB, "2025-03-01", adult(Rickshaw, 3),
                eligible().fee(3 * 880 + 100).lines(&[(Base, 880), (Base, 880), (Base, 880), (Test, 100)])),
            (PB, "2025-03-01", adult(Rickshaw, 5), eligible().fee(5 * 880 + 100)),
            (PB, "2025-01-06", pb(Rickshaw, "1990-05-05", "2024-11-20", 1),
                eligible().no_fee().status(FeeStatus::NotKnown)),
            (PB, "2025-03-01", pb(Rickshaw, "2004-03-02", "2025-01-10", 1), refused(&["age.minimum"]).no_fee()),
            // Islamabad's professional fee names the tractor (uncertain which
            // kind); its ages are not sourced. No rickshaw fee or age there.
            (ICT, "2025-03-03", ict(TractorCommercial, "1990-05-05", "2025-01-15", false),
                refused(&["rule.not_known"]).no_fee().status(known(12000))),
            (ICT, "2025-03-03", ict(TractorAgricultural, "1990-05-05", "2025-01-15", true),
                refused(&["rule.not_known"]).no_fee().status(known(14000))),
            (ICT, "2025-03-03", ict(Rickshaw, "1990-05-05", "2025-01-15", false),
                refused(&["rule.not_known"]).no_fee().status(FeeStatus::NotKnown)),
            // Sindh: neither fees nor ages for these categories.
            (SD, "2025-03-03",
                Facts { category: Some(TractorCommercial), ..sd(3, "2024-06-01") },
                refused(&["rule.not_known"]).no_fee().status(FeeStatus::NotKnown)),
            (SD, "2025-03-03",
                Facts { category: Some(Rickshaw), ..sd(5, "2024-06-01") },
                refused(&["rule.not_known"]).no_fee().status(FeeStatus::NotKnown)),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn pb_term_outside_the_dictionary_is_invalid_input() {
        let cat = Catalogue::embedded().unwrap();
        for years in [0, -1, 2, 6, 1_000_000] {
            let f = pb(LicenceCategory::Motorcycle, "1994-08-20", "2025-01-01", years);
            let r = crate::Request::on_date(ServiceId::PermanentLicence, PB, d("2025-02-12"), f);
            assert_eq!(cat.evaluate(&r).unwrap_err().code(), "fact.out_of_range");
        }
    }

    #[test]
    fn islamabad_and_sindh() {
        use LicenceCategory::*;
        let htv = |held: &str, dob| Facts {
            licence_held_since: Some(d(held)),
            ..ict(Htv, dob, "2025-04-01", false)
        };
        let psv = Facts {
            licence_held_since: Some(d("2024-09-01")),
            ..ict(Psv, "2002-09-01", "2025-07-01", false)
        };
        let car = ict(MotorCar, "1996-11-03", "2025-01-15", true);
        run_table(
            ServiceId::PermanentLicence,
            &[
                // An HTV needs 22 years of age and three years of licence.
                (
                    ICT,
                    "2025-06-01",
                    htv("2022-06-01", "2003-01-10"),
                    eligible().fee(12000),
                ),
                (
                    ICT,
                    "2025-05-31",
                    htv("2022-06-01", "2003-01-10"),
                    refused(&["licence.experience"]),
                ),
                (
                    ICT,
                    "2025-06-01",
                    htv("2022-01-15", "2004-01-10"),
                    refused(&["age.minimum"]),
                ),
                // A PSV on exact anniversaries.
                (ICT, "2025-09-01", psv.clone(), eligible().fee(12000)),
                (ICT, "2025-08-31", psv, refused(&["licence.experience"])),
                // A PSV without an existing licence.
                (
                    ICT,
                    "2025-09-01",
                    ict(Psv, "2002-09-01", "2025-07-01", false),
                    refused(&["document.required"]),
                ),
                // Urgent adds a line.
                (ICT, "2025-03-03", car.clone(), any().fee(7000)),
                (
                    ICT,
                    "2025-03-03",
                    Facts {
                        urgent: Some(false),
                        ..car
                    },
                    any().fee(5000),
                ),
                // Sindh: a fee by term and a one-year permit; no 42-day rule, the
                // permit's last valid day.
                (SD, "2025-01-20", sd(5, "2025-01-19"), any().fee(1860)),
                (SD, "2025-01-20", sd(3, "2024-01-20"), any().fee(1410)),
                (
                    SD,
                    "2025-01-21",
                    sd(3, "2024-01-20"),
                    refused(&["learner.valid"]),
                ),
                (SD, "2025-01-20", sd(1, "2024-06-01"), eligible().no_fee()),
            ],
        );
    }

    #[test]
    fn checklist_fitness_age_matches_the_bundle() {
        let cat = Catalogue::embedded().unwrap();
        let v = cat
            .bundle()
            .value(
                ServiceId::PermanentLicence,
                "fitness_age",
                "",
                PB,
                d("2025-01-01"),
            )
            .unwrap();
        let from = DEF
            .documents
            .iter()
            .find_map(|doc| match doc.condition {
                Some(DocumentCondition::FromAge(n)) => Some(i64::from(n)),
                _ => None,
            })
            .unwrap();
        assert_eq!(v.amount, from);
    }

    #[test]
    fn workflow_happy_path_with_a_failed_road_test() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::PermanentLicence, PB, "PL-1").unwrap();
        let mut f = pb(LicenceCategory::Motorcycle, "1994-08-20", "2025-01-01", 1);
        f.passed_sign_test = None;
        f.passed_road_test = None;
        // Too early for the test.
        let err = app
            .apply(
                cat,
                "book_test",
                t("2025-02-11T09:00:00+05:00"),
                Actor::Clerk,
                Some(f.clone()),
            )
            .unwrap_err();
        assert!(err.is_not_eligible());
        assert!(app.events().is_empty());
        app.apply(
            cat,
            "book_test",
            t("2025-02-12T09:00:00+05:00"),
            Actor::Clerk,
            Some(f),
        )
        .unwrap();
        let passed_sign = Facts {
            passed_sign_test: Some(true),
            ..Facts::default()
        };
        app.apply(
            cat,
            "pass_sign_test",
            t("2025-02-12T10:00:00+05:00"),
            Actor::Police,
            Some(passed_sign),
        )
        .unwrap();
        let failed_road = Facts {
            passed_road_test: Some(false),
            failed_test: Some(TestKind::RoadTest),
            ..Facts::default()
        };
        app.apply(
            cat,
            "fail_road_test",
            t("2025-02-12T11:00:00+05:00"),
            Actor::Police,
            Some(failed_road),
        )
        .unwrap();
        assert_eq!(app.state(), "road_test_failed");
        assert_eq!(app.facts().failed_test_on, Some(d("2025-02-12")));
        // Submitting now is not a move the workflow allows.
        let err = app
            .apply(
                cat,
                "submit",
                t("2025-02-13T09:00:00+05:00"),
                Actor::Clerk,
                None,
            )
            .unwrap_err();
        assert!(err.is_move_not_allowed());
        // 14 days later: refused by the retest wait.
        let err = app
            .apply(
                cat,
                "book_retest",
                t("2025-02-26T09:00:00+05:00"),
                Actor::Clerk,
                None,
            )
            .unwrap_err();
        assert!(err.is_not_eligible());
        assert_eq!(err.reasons(), ["retest.wait"]);
        app.apply(
            cat,
            "book_retest",
            t("2025-02-27T09:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        assert_eq!(app.state(), "sign_test_passed");
        let passed_road = Facts {
            passed_road_test: Some(true),
            ..Facts::default()
        };
        app.apply(
            cat,
            "pass_road_test",
            t("2025-02-27T10:00:00+05:00"),
            Actor::Police,
            Some(passed_road),
        )
        .unwrap();
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-02-27T11:00:00+05:00"),
                Actor::Clerk,
                None,
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(98_000));
        app.apply(
            cat,
            "pay_fee",
            t("2025-02-27T11:10:00+05:00"),
            Actor::Citizen,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "issue",
            t("2025-03-05T11:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        assert_eq!(app.state(), "issued");
        let json = app.to_json();
        assert_eq!(Application::from_json(cat, &json).unwrap(), app);
    }

    #[test]
    fn submission_with_a_failed_test_is_refused() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::PermanentLicence, ICT, "PL-2").unwrap();
        let f = ict(LicenceCategory::MotorCar, "1996-11-03", "2025-01-15", false);
        app.apply(
            cat,
            "book_test",
            t("2025-03-01T09:00:00+05:00"),
            Actor::Clerk,
            Some(f),
        )
        .unwrap();
        app.apply(
            cat,
            "pass_sign_test",
            t("2025-03-01T10:00:00+05:00"),
            Actor::Police,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "pass_road_test",
            t("2025-03-01T11:00:00+05:00"),
            Actor::Police,
            None,
        )
        .unwrap();
        // The facts say the road test was not passed: the guard refuses.
        let bad = Facts {
            passed_road_test: Some(false),
            ..Facts::default()
        };
        let err = app
            .apply(
                cat,
                "submit",
                t("2025-03-01T12:00:00+05:00"),
                Actor::Clerk,
                Some(bad),
            )
            .unwrap_err();
        assert_eq!(err.reasons(), ["test.passed"]);
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-03-01T12:00:00+05:00"),
                Actor::Clerk,
                None,
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(500_000));
        assert_eq!(app.state(), "submitted");
        app.apply(
            cat,
            "refuse",
            t("2025-03-02T12:00:00+05:00"),
            Actor::Supervisor,
            None,
        )
        .unwrap();
        assert!(app.is_terminal());
    }
}
