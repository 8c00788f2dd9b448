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
    AsOf, Check, Deadline, Decision, FeeLine, FeeLineKind, FeeQuote, FeeStatus, Verdict,
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

/// Room for the checks of a typical evaluation: 8 checks of 128 bytes, one
/// allocation small enough for the allocator's per-thread cache.
const CHECKS_CAPACITY: usize = 8;
/// Room for the fee lines of a typical evaluation.
const LINES_CAPACITY: usize = 4;

/// The check and fee-line buffers of an evaluation, kept by a loop that
/// evaluates many requests (see [`Eval::with_buffers`]).
#[derive(Debug, Default)]
pub(crate) struct EvalBuffers<'b> {
    checks: Vec<Check<'b>>,
    lines: Vec<FeeLine<'b>>,
}

impl EvalBuffers<'_> {
    /// Buffers with room for a typical evaluation.
    pub(crate) fn new() -> Self {
        EvalBuffers {
            checks: Vec::with_capacity(CHECKS_CAPACITY),
            lines: Vec::with_capacity(LINES_CAPACITY),
        }
    }
}

/// The evaluation in progress: what a service's rules read and write.
pub(crate) struct Eval<'b, 'r> {
    pub(crate) bundle: &'b RuleBundle,
    pub(crate) service: ServiceId,
    pub(crate) jurisdiction: Jurisdiction,
    pub(crate) as_of: AsOf,
    pub(crate) date: NaiveDate,
    pub(crate) facts: &'r Facts,
    checks: Vec<Check<'b>>,
    lines: Vec<FeeLine<'b>>,
    fee_status: Option<FeeStatus>,
    deadline: Option<Deadline>,
    /// Keep only the checks that fail (a batch reads nothing else).
    failures_only: bool,
    /// Outcome, missing facts, come-back date and uncertain values so far.
    verdict: Verdict<'b>,
    /// A failed check that time alone will not pass.
    fails_for_good: bool,
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
        let buffers = EvalBuffers::new();
        let mut eval = Eval::with_buffers(bundle, service, jurisdiction, as_of, facts, buffers);
        eval.failures_only = false;
        eval
    }

    /// An evaluation writing into the caller's (emptied) buffers, for a
    /// loop that keeps its own: [`Eval::into_buffers`] gives them back.
    /// It keeps only the checks that fail: the batch reads the failed codes
    /// and missing documents, and copying every passed check into the
    /// buffer was 4% of a batch row's instructions (callgrind).
    pub(crate) fn with_buffers(
        bundle: &'b RuleBundle,
        service: ServiceId,
        jurisdiction: Jurisdiction,
        as_of: AsOf,
        facts: &'r Facts,
        mut buffers: EvalBuffers<'b>,
    ) -> Eval<'b, 'r> {
        buffers.checks.clear();
        buffers.lines.clear();
        Eval {
            bundle,
            service,
            jurisdiction,
            as_of,
            date: as_of.date(),
            facts,
            checks: buffers.checks,
            lines: buffers.lines,
            fee_status: None,
            deadline: None,
            failures_only: true,
            verdict: Verdict::default(),
            fails_for_good: false,
        }
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
        self.as_of = as_of;
        self.date = as_of.date();
        self.facts = facts;
        self.checks.clear();
        self.lines.clear();
        self.fee_status = None;
        self.deadline = None;
        self.verdict = Verdict::default();
        self.fails_for_good = false;
    }

    /// Ends the evaluation, giving its buffers back.
    pub(crate) fn into_buffers(self) -> EvalBuffers<'b> {
        EvalBuffers {
            checks: self.checks,
            lines: self.lines,
        }
    }

    /// What the evaluation found so far (outcome, missing facts, come-back
    /// candidate, uncertain values).
    pub(crate) fn verdict(&self) -> &Verdict<'b> {
        &self.verdict
    }

    /// The come-back day time alone would bring, unless a failed check
    /// will never pass with time.
    pub(crate) fn come_back_candidate(&self) -> Option<NaiveDate> {
        if self.fails_for_good {
            None
        } else {
            self.verdict.eligible_from
        }
    }

    /// Records required facts that were not given (one bit per `FactKey`).
    pub(crate) fn set_missing(&mut self, missing: u64) {
        self.verdict.missing = missing;
    }

    /// The checks recorded so far.
    pub(crate) fn checks(&self) -> &[Check<'b>] {
        &self.checks
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
            None if !self.lines.iter().any(|l| l.kind.in_total()) => FeeStatus::NotKnown,
            None => {
                let mut total = Money::ZERO;
                for line in self.lines.iter().filter(|l| l.kind.in_total()) {
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
            self.verdict.uncertain.note(dated);
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
    #[inline]
    pub(crate) fn check(
        &mut self,
        code: ReasonCode,
        passed: bool,
        detail: impl FnOnce(Check<'b>) -> Check<'b>,
    ) {
        if !passed {
            if code == ReasonCode::RULE_NOT_KNOWN {
                self.verdict.undecided = true;
            } else {
                self.verdict.refused = true;
                self.fails_for_good = true;
            }
        }
        if !(self.failures_only && passed) {
            self.checks.push(detail(Check::new(code, passed)));
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
            self.verdict.refused = true;
            match passes_from() {
                Some(day) => {
                    self.verdict.eligible_from = self.verdict.eligible_from.max(Some(day));
                }
                None => self.fails_for_good = true,
            }
        }
        if !(self.failures_only && passed) {
            self.checks.push(detail(Check::new(code, passed)));
        }
    }

    /// Adds a fee line from a bundle value in rupees.
    pub(crate) fn fee_line(&mut self, kind: FeeLineKind, value: Value<'b, Rupees>) {
        if let Some(amount) = value.money() {
            self.lines.push(FeeLine {
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
        self.deadline = Some(deadline);
    }

    /// The decision.
    ///
    /// # Errors
    ///
    /// `InvalidInput` (`money.overflow`) when the fee lines overflow.
    pub(crate) fn finish(mut self) -> Result<Decision<'b>> {
        let status = self.fee()?;
        if self.fails_for_good {
            self.verdict.eligible_from = None;
        }
        Ok(Decision {
            service: self.service,
            jurisdiction: self.jurisdiction,
            as_of: self.as_of,
            bundle_version: self.bundle.version(),
            checks: self.checks,
            fee: FeeQuote::new(self.lines, status),
            deadline: self.deadline,
            verdict: self.verdict,
        })
    }
}
