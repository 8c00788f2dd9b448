//! Driving licences: the learner permit, the test and retest, the
//! permanent licence, renewal, duplicates, the international permit,
//! Punjab's juvenile motorcycle permit, and Islamabad's NOC and
//! restoration of a suspended licence.
//!
//! The rules two of these services share live here: the learner permit's
//! age, waiting period and validity, a passed test, and fees per year or
//! per term.

use chrono::NaiveDate;

use crate::decision::FeeLineKind;
use crate::facts::LicenceCategory;
use crate::jurisdiction::Jurisdiction;
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::{self, Eval, Param, Rupees, Variant};

pub mod duplicate_licence;
pub mod international_permit;
pub mod juvenile_motorcycle_permit;
pub mod learner_duplicate;
pub mod learner_permit;
pub mod learner_renewal;
pub mod licence_noc;
pub mod licence_renewal;
pub mod licence_restoration;
pub mod permanent_licence;
pub mod retest;
pub mod test_booking;

/// The learner permit has been held for the learner period.
pub const LEARNER_WAIT: ReasonCode = ReasonCode::new("learner.wait");
/// The learner permit is valid on the as-of date.
pub const LEARNER_VALID: ReasonCode = ReasonCode::new("learner.valid");
/// A required driving test (sign or road) was passed.
pub const TEST_PASSED: ReasonCode = ReasonCode::new("test.passed");

/// Jurisdictions whose facts give a learner period before the test.
///
/// Sindh is not listed, and this is an open question, not a sourced "does
/// not apply": ARY (15 Jan 2025) says applicants "are required to obtain a
/// one year learner's driving license" before the permanent one, and Daily
/// Pakistan (4 Apr 2024) speaks of citizens "who have completed their
/// learner permit's duration", but no source gives a learner period in
/// days, and the confirmed reference cases grant Sindh permanent licences
/// 111 days after the learner permit. Reading the wait as not known would
/// turn those cases undetermined; the conflict is left to the case set.
const WAIT_APPLIES_IN: &[Jurisdiction] = &[Jurisdiction::PB, Jurisdiction::ICT];

/// The learner permit's minimum age for the category (the permanent
/// licence asks the same age).
pub(crate) fn minimum_age(ev: &mut Eval<'_, '_>, dob: NaiveDate, category: LicenceCategory) {
    let min = ev.require(learner_permit::MIN_AGE, category);
    rules::age_at_least(ev, dob, min);
}

/// The learner-permit rules shared by the test booking and the permanent
/// licence: held for the learner period (where one applies) and valid on
/// the as-of date. Returns the permit's validity in months when the bundle
/// has it.
pub(crate) fn learner_rules(
    ev: &mut Eval<'_, '_>,
    issued_on: NaiveDate,
) -> crate::Result<Option<u32>> {
    if WAIT_APPLIES_IN.contains(&ev.jurisdiction) {
        let min = ev.require(test_booking::MIN_DAYS_HELD, ());
        rules::held_days_at_least(ev, LEARNER_WAIT, issued_on, min);
    }
    let months = ev.require(learner_permit::VALIDITY, ());
    rules::valid_for_months(ev, LEARNER_VALID, issued_on, months)
}

/// A sign or road test was passed.
pub(crate) fn test_passed(ev: &mut Eval<'_, '_>, test: &'static str, passed: Option<bool>) {
    ev.check(TEST_PASSED, passed == Some(true), |c| {
        c.param(ParamName::Test, ParamValue::Term(test))
    });
}

/// The longest term a per-year fee is multiplied for (the facts dictionary
/// allows 1, 3 or 5 years).
pub(crate) const MAX_TERM_YEARS: i64 = 5;

/// Adds a per-year fee once per year of the term; a term outside
/// 1..=`MAX_TERM_YEARS` or a missing value makes the fee not known.
pub(crate) fn per_year_fee<V: Variant>(
    ev: &mut Eval<'_, '_>,
    kind: FeeLineKind,
    param: Param<Rupees, V>,
    variant: V,
    years: Option<i64>,
) {
    match (ev.optional_value(param, variant), years) {
        (Some(value), Some(years)) if (1..=MAX_TERM_YEARS).contains(&years) => {
            for _ in 0..years {
                ev.fee_line(kind, value);
            }
        }
        _ => ev.fee_not_known(),
    }
}

/// A fee's category: a licence category, or `any` for a fee that applies
/// to every category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FeeCategory {
    /// Every category.
    Any,
    /// One category.
    Of(LicenceCategory),
}

impl Variant for FeeCategory {
    const NAMES: &'static [&'static str] = &[
        "any",
        "motorcycle",
        "motor_car",
        "motor_car_and_motorcycle",
        "ltv",
        "htv",
        "psv",
        "tractor_agricultural",
        "tractor_commercial",
        "rickshaw",
    ];
    fn position(self) -> usize {
        match self {
            FeeCategory::Any => 0,
            FeeCategory::Of(category) => 1 + category.index(),
        }
    }
}

/// A fee quoted per term: a licence category and a term of 1, 3 or 5
/// years (`motor_car_3y`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CategoryTerm {
    category: LicenceCategory,
    /// 0, 1 or 2 for 1, 3 or 5 years.
    term: usize,
}

/// The terms a per-term fee is quoted for.
const TERMS: [i64; 3] = [1, 3, 5];

impl CategoryTerm {
    /// The variant for a category and term, when the term is one the
    /// facts dictionary allows.
    pub(crate) fn of(category: LicenceCategory, years: i64) -> Option<CategoryTerm> {
        let term = TERMS.iter().position(|t| *t == years)?;
        Some(CategoryTerm { category, term })
    }
}

impl Variant for CategoryTerm {
    const NAMES: &'static [&'static str] = &[
        "motorcycle_1y",
        "motorcycle_3y",
        "motorcycle_5y",
        "motor_car_1y",
        "motor_car_3y",
        "motor_car_5y",
        "motor_car_and_motorcycle_1y",
        "motor_car_and_motorcycle_3y",
        "motor_car_and_motorcycle_5y",
        "ltv_1y",
        "ltv_3y",
        "ltv_5y",
        "htv_1y",
        "htv_3y",
        "htv_5y",
        "psv_1y",
        "psv_3y",
        "psv_5y",
        "tractor_agricultural_1y",
        "tractor_agricultural_3y",
        "tractor_agricultural_5y",
        "tractor_commercial_1y",
        "tractor_commercial_3y",
        "tractor_commercial_5y",
        "rickshaw_1y",
        "rickshaw_3y",
        "rickshaw_5y",
    ];
    fn position(self) -> usize {
        self.category.index() * TERMS.len() + self.term
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_follow_their_positions() {
        for category in LicenceCategory::ALL {
            let any = FeeCategory::Of(*category);
            assert_eq!(FeeCategory::NAMES[any.position()], category.as_str());
            for years in TERMS {
                let v = CategoryTerm::of(*category, years).unwrap();
                assert_eq!(
                    CategoryTerm::NAMES[v.position()],
                    format!("{}_{years}y", category.as_str())
                );
            }
        }
        assert_eq!(FeeCategory::NAMES[FeeCategory::Any.position()], "any");
        assert_eq!(CategoryTerm::of(LicenceCategory::Ltv, 2), None);
    }
}
