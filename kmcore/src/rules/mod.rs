//! The rules context: what a service's rules read (the request, the bundle
//! through typed parameter handles) and write (checks, fee lines, a
//! deadline), and the rule building blocks the services share.
//!
//! This layer sits above the bundle and the decision types and below the
//! services: it knows no particular service.

mod checks;
mod param;

use chrono::NaiveDate;

use crate::bundle::{DatedValue, RuleBundle};
use crate::decision::{
    AsOf, Check, Checks, Deadline, Decision, FeeLine, FeeLineKind, FeeLines, FeeQuote, FeeStatus,
    Verdict,
};
use crate::error::Result;
use crate::facts::Facts;
use crate::jurisdiction::Jurisdiction;
use crate::money::Money;
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::service::ServiceId;

pub(crate) use checks::{
    age_at_least, age_below, condition, document, held_days_at_least, valid_for_months,
};
pub(crate) use param::{
    Cc, Days, Hours, Months, Param, Rupees, Value, Variant, WorkingDays, Years, params,
};

/// Room for the checks of a decision that has more than its inline ones:
/// more than any service records today (the new arms licence, ten).
const SPILLED_CHECKS: usize = 16;

/// Moves the checks to the heap with room for [`SPILLED_CHECKS`] (out of
/// line: most evaluations never come here).
#[cold]
#[inline(never)]
fn spill(checks: &mut Checks<'_>) {
    checks.reserve_exact(SPILLED_CHECKS.saturating_sub(checks.len()));
}

/// The evaluation in progress: what a service's rules read and write.
pub(crate) struct Eval<'b, 'r> {
    pub(crate) bundle: &'b RuleBundle,
    pub(crate) service: ServiceId,
    pub(crate) jurisdiction: Jurisdiction,
    pub(crate) date: NaiveDate,
    pub(crate) facts: &'r Facts,
    fee_status: Option<FeeStatus>,
    /// Keep only the checks that fail (a batch reads nothing else).
    failures_only: bool,
    /// A failed check that time alone will not pass.
    fails_for_good: bool,
    /// The decision being written: its checks, fee lines, deadline and
    /// verdict so far. It is built where the evaluation lives and moved
    /// out once by [`Eval::into_decision`] (with its checks inline, every further
    /// move would copy them).
    decision: Decision<'b>,
}

impl<'b, 'r> Eval<'b, 'r> {
    /// An evaluation from its parts (no `Request` needed, so a guard does
    /// not clone the application's facts).
    pub(crate) fn of(
        bundle: &'b RuleBundle,
        service: ServiceId,
        jurisdiction: Jurisdiction,
        as_of: AsOf,
        facts: &'r Facts,
    ) -> Eval<'b, 'r> {
        Eval {
            bundle,
            service,
            jurisdiction,
            date: as_of.date(),
            facts,
            fee_status: None,
            failures_only: false,
            fails_for_good: false,
            decision: Decision {
                service,
                jurisdiction,
                as_of,
                bundle_version: bundle.version(),
                checks: Checks::new(),
                fee: FeeQuote::new(FeeLines::new(), FeeStatus::NotKnown),
                deadline: None,
                verdict: Verdict::default(),
            },
        }
    }

    /// An evaluation that keeps only the checks that fail, for a loop that
    /// [resets](Eval::reset) it for each request: the batch reads the
    /// failed codes and missing documents, and copying every passed check
    /// was 4% of a batch row's instructions (callgrind). A spilled check
    /// buffer is kept from one request to the next.
    pub(crate) fn failures_only(
        bundle: &'b RuleBundle,
        service: ServiceId,
        jurisdiction: Jurisdiction,
        as_of: AsOf,
        facts: &'r Facts,
    ) -> Eval<'b, 'r> {
        let mut eval = Eval::of(bundle, service, jurisdiction, as_of, facts);
        eval.failures_only = true;
        eval
    }

    /// Starts this evaluation over for another request, keeping its
    /// buffers (and the bundle it reads).
    #[inline]
    pub(crate) fn reset(
        &mut self,
        service: ServiceId,
        jurisdiction: Jurisdiction,
        as_of: AsOf,
        facts: &'r Facts,
    ) {
        self.service = service;
        self.jurisdiction = jurisdiction;
        self.decision.service = service;
        self.decision.jurisdiction = jurisdiction;
        self.decision.as_of = as_of;
        self.date = as_of.date();
        self.facts = facts;
        self.decision.checks.clear();
        self.decision.fee.lines.clear();
        self.fee_status = None;
        self.decision.deadline = None;
        self.decision.verdict.clear();
        self.fails_for_good = false;
    }

    /// What the evaluation found so far (outcome, missing facts, come-back
    /// candidate, uncertain values).
    pub(crate) fn verdict(&self) -> &Verdict<'b> {
        &self.decision.verdict
    }

    /// The come-back day time alone would bring, unless a failed check
    /// will never pass with time.
    pub(crate) fn come_back_candidate(&self) -> Option<NaiveDate> {
        if self.fails_for_good {
            None
        } else {
            self.decision.verdict.eligible_from
        }
    }

    /// Sets the come-back day the search found (`None`: there is none).
    pub(crate) fn set_eligible_from(&mut self, day: Option<NaiveDate>) {
        self.decision.verdict.eligible_from = day;
    }

    /// Records required facts that were not given (one bit per `FactKey`).
    pub(crate) fn set_missing(&mut self, missing: u64) {
        self.decision.verdict.missing = missing;
    }

    /// The checks recorded so far.
    pub(crate) fn checks(&self) -> &[Check<'b>] {
        &self.decision.checks
    }

    /// The fee status the decision will have: the one set by the rules, or
    /// the sum of the fee lines that count in the total (not known when
    /// there are none).
    ///
    /// # Errors
    ///
    /// `InvalidInput` (`money.overflow`) when the lines overflow.
    pub(crate) fn fee(&self) -> Result<FeeStatus> {
        Ok(match self.fee_status {
            Some(status) => status,
            // A quote of lines another body collects only (NADRA's) has
            // no fee of its own: not known, never 0.
            None if !self.decision.fee.lines.iter().any(|l| l.kind.in_total()) => {
                FeeStatus::NotKnown
            }
            None => {
                let mut total = Money::ZERO;
                for line in self.decision.fee.lines.iter().filter(|l| l.kind.in_total()) {
                    total = total.checked_add(line.amount)?;
                }
                FeeStatus::Known(total)
            }
        })
    }

    /// A parameter's value in force on `date`.
    #[inline]
    fn read<U, V: Variant>(
        &mut self,
        param: Param<U, V>,
        variant: V,
        date: NaiveDate,
    ) -> Option<Value<'b, U>> {
        let dated = self.bundle.value_at(
            param.service,
            param.index,
            variant.position(),
            self.jurisdiction,
            date,
        )?;
        if !dated.is_confirmed() {
            self.decision.verdict.uncertain.note(dated);
        }
        Some(Value::new(dated))
    }

    /// A value whose absence means that the rule does not apply here (a
    /// band, a surcharge or a split the jurisdiction does not have), never
    /// that the value is unknown: those are read with [`Eval::require`].
    /// Every such read is one `grep optional_value` away.
    #[inline]
    pub(crate) fn optional_value<U, V: Variant>(
        &mut self,
        param: Param<U, V>,
        variant: V,
    ) -> Option<Value<'b, U>> {
        self.read(param, variant, self.date)
    }

    /// A value the rule needs, in force on the as-of date. When it is not
    /// known the check fails with `rule.not_known`, so a decision never
    /// rests on a guessed value.
    #[inline]
    pub(crate) fn require<U, V: Variant>(
        &mut self,
        param: Param<U, V>,
        variant: V,
    ) -> Option<Value<'b, U>> {
        self.require_on(param, variant, self.date)
    }

    /// [`Eval::require`] on another date (rules fixed by the law in force
    /// when something happened, such as possession of premises).
    pub(crate) fn require_on<U, V: Variant>(
        &mut self,
        param: Param<U, V>,
        variant: V,
        date: NaiveDate,
    ) -> Option<Value<'b, U>> {
        let v = self.read(param, variant, date);
        if v.is_none() {
            self.not_known(param, variant);
        }
        v
    }

    /// A value that may be absent on another date without the decision
    /// failing (penalties a message mentions when the bundle has them).
    pub(crate) fn optional_value_on<U, V: Variant>(
        &mut self,
        param: Param<U, V>,
        variant: V,
        date: NaiveDate,
    ) -> Option<Value<'b, U>> {
        self.read(param, variant, date)
    }

    /// Every value of a parameter in the jurisdiction, oldest first.
    pub(crate) fn history<U, V: Variant>(
        &self,
        param: Param<U, V>,
        variant: V,
    ) -> &'b [DatedValue] {
        self.bundle.history_at(
            param.service,
            param.index,
            variant.position(),
            self.jurisdiction,
        )
    }

    /// Records that a rule's value is not known.
    fn not_known<U, V: Variant>(&mut self, param: Param<U, V>, variant: V) {
        let variant = V::NAMES
            .get(variant.position())
            .copied()
            .unwrap_or("all_cases");
        self.check(ReasonCode::RULE_NOT_KNOWN, false, |c| {
            c.param(ParamName::Rule, ParamValue::Term(param.def.name))
                .param(ParamName::Variant, ParamValue::Term(variant))
        });
    }

    /// Records a check of `code` that `passed` or not; `detail` adds its
    /// parameters and the bundle value it used. A batch keeps only failed
    /// checks, and then `detail` does not run for a passed one: what only
    /// explains a check (an age as years, months and days...) is not
    /// computed when nobody reads it.
    #[inline(always)]
    pub(crate) fn check(
        &mut self,
        code: ReasonCode,
        passed: bool,
        detail: impl FnOnce(Check<'b>) -> Check<'b>,
    ) {
        if !passed {
            if code == ReasonCode::RULE_NOT_KNOWN {
                self.decision.verdict.undecided = true;
            } else {
                self.decision.verdict.refused = true;
                self.fails_for_good = true;
            }
        }
        if !(self.failures_only && passed) {
            self.push_check(detail(Check::new(code, passed)));
        }
    }

    /// [`Eval::check`] for a rule that time alone will pass (a minimum age,
    /// a waiting period): `passes_from` is the first day it passes under
    /// the value in force now (`None` when that day is out of range).
    #[inline]
    pub(crate) fn check_until(
        &mut self,
        code: ReasonCode,
        passed: bool,
        passes_from: impl FnOnce() -> Option<NaiveDate>,
        detail: impl FnOnce(Check<'b>) -> Check<'b>,
    ) {
        if !passed {
            self.decision.verdict.refused = true;
            match passes_from() {
                Some(day) => {
                    self.decision.verdict.eligible_from =
                        self.decision.verdict.eligible_from.max(Some(day));
                }
                None => self.fails_for_good = true,
            }
        }
        if !(self.failures_only && passed) {
            self.push_check(detail(Check::new(code, passed)));
        }
    }

    /// Keeps a check. Past the inline room the checks move to the heap
    /// once, with room for all the checks any service records (growing
    /// by doubling would allocate, then reallocate).
    #[inline]
    fn push_check(&mut self, check: Check<'b>) {
        let checks = &mut self.decision.checks;
        if checks.len() == checks.inline_size() {
            spill(checks);
        }
        checks.push(check);
    }

    /// Adds a fee line from a bundle value in rupees.
    #[inline]
    pub(crate) fn fee_line(&mut self, kind: FeeLineKind, value: Value<'b, Rupees>) {
        if let Some(amount) = value.money() {
            self.decision.fee.lines.push(FeeLine {
                kind,
                amount,
                rule: value.dated,
            });
        }
    }

    /// Adds the fee line of a parameter, or marks the fee not known when
    /// the bundle has no value for the jurisdiction and date.
    pub(crate) fn fee_from<V: Variant>(
        &mut self,
        kind: FeeLineKind,
        param: Param<Rupees, V>,
        variant: V,
    ) {
        match self.read(param, variant, self.date) {
            Some(v) => self.fee_line(kind, v),
            None => self.fee_not_known(),
        }
    }

    /// Marks the fee as not known (no source for this jurisdiction and date).
    pub(crate) fn fee_not_known(&mut self) {
        self.fee_status = Some(FeeStatus::NotKnown);
    }

    /// Marks the request as a check for which no fee is charged.
    pub(crate) fn not_charged(&mut self) {
        self.fee_status = Some(FeeStatus::NotCharged);
    }

    /// Records a deadline.
    pub(crate) fn set_deadline(&mut self, deadline: Deadline) {
        self.decision.deadline = Some(deadline);
    }

    /// The decision, with the fee status [`Eval::fee`] gave.
    #[inline(always)]
    pub(crate) fn into_decision(mut self, status: FeeStatus) -> Decision<'b> {
        if self.fails_for_good {
            self.decision.verdict.eligible_from = None;
        }
        self.decision.fee.status = status;
        self.decision
    }
}
