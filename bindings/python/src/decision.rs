//! Requests and decisions: `Request`, `Decision`, `Check`, `Param`, `Span`,
//! `DatedValue`, `ConflictingValue`, `FeeLine`, `FeeQuote`, `DocumentItem`.
//!
//! Core decisions borrow from their bundle; the Python objects own a copy,
//! with each check's message rendered in English and Urdu when the
//! decision is made (so a decision can be pickled and read anywhere).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use chrono::{DateTime, FixedOffset, NaiveDate};
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::enums::{E, FeeStatusKind, Mirror, ParamKindTag};
use crate::errors::invalid;
use crate::facts::{PyFacts, facts_from_py};
use crate::money::PyMoney;
use crate::time::{as_of_from_py, as_of_text, as_of_to_py, date_from_py, deadline_to_py};
use kmcore::calendar::Span;
use kmcore::{
    AsOf, Basis, Deadline, FactKey, FeeLineKind, FeeStatus, Jurisdiction, Lang, Money, Outcome,
    ParamValue, ReasonCode, Request, ServiceId, Unit,
};

fn hash_of<T: Hash>(v: &T) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

fn py_tuple<'py, T: pyo3::PyClass + Into<pyo3::PyClassInitializer<T>> + Clone>(
    py: Python<'py>,
    items: &[T],
) -> PyResult<Bound<'py, PyTuple>> {
    let objs: Vec<Bound<'py, T>> = items
        .iter()
        .map(|i| Bound::new(py, i.clone()))
        .collect::<PyResult<_>>()?;
    PyTuple::new(py, objs)
}

// --------------------------------------------------------------------------
// Span

/// An elapsed span of years, months and days (an age, a holding period).
#[pyclass(
    module = "kmcore",
    name = "Span",
    frozen,
    eq,
    ord,
    hash,
    from_py_object
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PySpan(pub(crate) Span);

#[pymethods]
impl PySpan {
    #[new]
    #[pyo3(signature = (years = 0, months = 0, days = 0))]
    fn new(years: u32, months: u32, days: u32) -> Self {
        PySpan(Span {
            years,
            months,
            days,
        })
    }
    #[getter]
    fn years(&self) -> u32 {
        self.0.years
    }
    #[getter]
    fn months(&self) -> u32 {
        self.0.months
    }
    #[getter]
    fn days(&self) -> u32 {
        self.0.days
    }
    /// The years and months as a number of months.
    fn total_months(&self) -> u64 {
        self.0.total_months()
    }
    fn __repr__(&self) -> String {
        format!(
            "Span(years={}, months={}, days={})",
            self.0.years, self.0.months, self.0.days
        )
    }
    /// Reads like a sentence: "17 years 11 months 30 days".
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (u32, u32, u32)) {
        let s = slf.get().0;
        (slf.get_type(), (s.years, s.months, s.days))
    }
}

// --------------------------------------------------------------------------
// Param

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PVal {
    Int(i64),
    Money(Money),
    Date(NaiveDate),
    Instant(DateTime<FixedOffset>),
    Span(Span),
    Term(String),
}

/// One named parameter of a check: what the rule compared (a minimum, an
/// age, a date...). `value` is an int (numbers, years, months, days,
/// working days, hours, cc), a Money, a date, a datetime, a Span or a term
/// (str), as `kind` says; `text` is its English rendering.
#[pyclass(module = "kmcore", name = "Param", frozen, eq)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PyParam {
    name: String,
    kind: ParamKindTag,
    value: PVal,
    text: String,
}

impl PyParam {
    pub(crate) fn from_core(p: &kmcore::Param) -> PyParam {
        let (kind, value) = match p.value {
            ParamValue::Number(n) => (ParamKindTag::Number, PVal::Int(n)),
            ParamValue::Years(n) => (ParamKindTag::Years, PVal::Int(n)),
            ParamValue::Months(n) => (ParamKindTag::Months, PVal::Int(n)),
            ParamValue::Days(n) => (ParamKindTag::Days, PVal::Int(n)),
            ParamValue::WorkingDays(n) => (ParamKindTag::WorkingDays, PVal::Int(n)),
            ParamValue::Hours(n) => (ParamKindTag::Hours, PVal::Int(n)),
            ParamValue::Cc(n) => (ParamKindTag::Cc, PVal::Int(n)),
            ParamValue::Money(m) => (ParamKindTag::Money, PVal::Money(m)),
            ParamValue::Date(d) => (ParamKindTag::Date, PVal::Date(d)),
            ParamValue::Instant(t) => (ParamKindTag::Instant, PVal::Instant(t)),
            ParamValue::Span(s) => (ParamKindTag::Span, PVal::Span(s)),
            ParamValue::Term(t) => (ParamKindTag::Term, PVal::Term(t.to_string())),
        };
        PyParam {
            name: p.name.to_string(),
            kind,
            value,
            text: p.value.to_string(),
        }
    }
}

fn pval_to_py<'py>(py: Python<'py>, v: &PVal) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        PVal::Int(n) => n.into_pyobject(py)?.into_any(),
        PVal::Money(m) => Bound::new(py, PyMoney(*m))?.into_any(),
        PVal::Date(d) => d.into_pyobject(py)?.into_any(),
        PVal::Instant(t) => t.into_pyobject(py)?.into_any(),
        PVal::Span(s) => Bound::new(py, PySpan(*s))?.into_any(),
        PVal::Term(t) => t.into_pyobject(py)?.into_any(),
    })
}

fn pval_from_py(kind: ParamKindTag, v: &Bound<'_, PyAny>) -> PyResult<PVal> {
    Ok(match kind {
        ParamKindTag::Number
        | ParamKindTag::Years
        | ParamKindTag::Months
        | ParamKindTag::Days
        | ParamKindTag::WorkingDays
        | ParamKindTag::Hours
        | ParamKindTag::Cc => PVal::Int(v.extract()?),
        ParamKindTag::Money => PVal::Money(v.cast::<PyMoney>()?.get().0),
        ParamKindTag::Date => PVal::Date(date_from_py(v, "value")?),
        ParamKindTag::Instant => PVal::Instant(crate::time::instant_from_py(v, "value")?),
        ParamKindTag::Span => PVal::Span(v.cast::<PySpan>()?.get().0),
        ParamKindTag::Term => PVal::Term(v.extract()?),
    })
}

#[pymethods]
impl PyParam {
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }
    #[getter]
    fn kind(&self) -> E<ParamKindTag> {
        E(self.kind)
    }
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        pval_to_py(py, &self.value)
    }
    /// The value in English, as messages show it ("18 years", "Rs 500").
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }
    fn __hash__(&self) -> u64 {
        hash_of(self)
    }
    fn __repr__(&self) -> String {
        format!(
            "Param(name={:?}, kind={}, text={:?})",
            self.name,
            self.kind.value(),
            self.text
        )
    }
    #[staticmethod]
    fn _from_state(
        name: String,
        kind: E<ParamKindTag>,
        value: &Bound<'_, PyAny>,
        text: String,
    ) -> PyResult<Self> {
        Ok(PyParam {
            name,
            kind: kind.0,
            value: pval_from_py(kind.0, value)?,
            text,
        })
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let args = PyTuple::new(
            py,
            [
                me.name.clone().into_pyobject(py)?.into_any(),
                E(me.kind).into_pyobject(py)?,
                pval_to_py(py, &me.value)?,
                me.text.clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type().getattr("_from_state")?, args))
    }
}

// --------------------------------------------------------------------------
// DatedValue

/// A value reported by another source for the same period but not applied.
#[pyclass(module = "kmcore", name = "ConflictingValue", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PyConflictingValue {
    #[pyo3(get)]
    value: i64,
    #[pyo3(get)]
    source: String,
    basis: Basis,
    #[pyo3(get)]
    note: Option<String>,
}

#[pymethods]
impl PyConflictingValue {
    #[new]
    #[pyo3(signature = (value, source, basis, note = None))]
    fn new(value: i64, source: String, basis: E<Basis>, note: Option<String>) -> Self {
        PyConflictingValue {
            value,
            source,
            basis: basis.0,
            note,
        }
    }
    #[getter]
    fn basis(&self) -> E<Basis> {
        E(self.basis)
    }
    fn __repr__(&self) -> String {
        format!(
            "ConflictingValue(value={}, source={:?}, basis={:?})",
            self.value,
            self.source,
            self.basis.value()
        )
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyType>,
        (i64, String, Bound<'py, PyAny>, Option<String>),
    )> {
        let me = slf.get();
        Ok((
            slf.get_type(),
            (
                me.value,
                me.source.clone(),
                E(me.basis).into_pyobject(slf.py())?,
                me.note.clone(),
            ),
        ))
    }
}

/// One dated value of one rule-bundle parameter in one jurisdiction: the
/// number, its unit, the days it applies (`from_date` to `to_date`,
/// inclusive; open-ended when `to_date` is None), its source and basis.
#[pyclass(module = "kmcore", name = "DatedValue", frozen, eq, from_py_object)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyDatedValue(pub(crate) kmcore::DatedValue);

impl Hash for PyDatedValue {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let v = &self.0;
        (&v.key, v.jurisdiction, v.from, v.to, v.amount, &v.source).hash(state);
    }
}

#[pymethods]
impl PyDatedValue {
    /// The full parameter key, such as `driving_licence.learner_permit.fee`
    /// (with `.variant` for a parameter with variants).
    #[getter]
    fn key(&self) -> &str {
        &self.0.key
    }
    #[getter]
    fn jurisdiction(&self) -> E<Jurisdiction> {
        E(self.0.jurisdiction)
    }
    /// The first day it applies.
    #[getter]
    fn from_date(&self) -> NaiveDate {
        self.0.from
    }
    /// The last day it applies, or None when open-ended.
    #[getter]
    fn to_date(&self) -> Option<NaiveDate> {
        self.0.to
    }
    /// The number, in `unit` (whole rupees for fees).
    #[getter]
    fn amount(&self) -> i64 {
        self.0.amount
    }
    #[getter]
    fn unit(&self) -> E<Unit> {
        E(self.0.unit)
    }
    #[getter]
    fn source(&self) -> &str {
        &self.0.source
    }
    #[getter]
    fn basis(&self) -> E<Basis> {
        E(self.0.basis)
    }
    /// Why the start date is assumed, when no source gives it.
    #[getter]
    fn start_assumed(&self) -> Option<&str> {
        self.0.start_assumed.as_deref()
    }
    /// True when the basis is confirmed and the start is not assumed.
    fn is_confirmed(&self) -> bool {
        self.0.is_confirmed()
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    #[getter]
    fn conflicts(&self) -> Vec<PyConflictingValue> {
        self.0
            .conflicts
            .iter()
            .map(|c| PyConflictingValue {
                value: c.value,
                source: c.source.clone(),
                basis: c.basis,
                note: c.note.clone(),
            })
            .collect()
    }
    /// The value as Money when its unit is rupees, else None.
    #[getter]
    fn money(&self) -> Option<PyMoney> {
        self.0.money().map(PyMoney)
    }
    /// True when the value applies on `day`.
    fn applies_on(&self, day: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.applies_on(date_from_py(day, "day")?))
    }
    fn __hash__(&self) -> u64 {
        hash_of(self)
    }
    fn __repr__(&self) -> String {
        let v = &self.0;
        format!(
            "DatedValue(key={:?}, jurisdiction={:?}, from_date={}, to_date={}, amount={}, unit={:?}, basis={:?})",
            v.key,
            v.jurisdiction.as_str(),
            v.from,
            v.to.map_or("None".to_string(), |d| d.to_string()),
            v.amount,
            v.unit.as_str(),
            v.basis.value()
        )
    }
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (key, jurisdiction, from_date, to_date, amount, unit, source, basis, note, conflicts, start_assumed = None))]
    fn _from_state(
        key: String,
        jurisdiction: E<Jurisdiction>,
        from_date: NaiveDate,
        to_date: Option<NaiveDate>,
        amount: i64,
        unit: E<Unit>,
        source: String,
        basis: E<Basis>,
        note: Option<String>,
        conflicts: Vec<PyRef<'_, PyConflictingValue>>,
        start_assumed: Option<String>,
    ) -> Self {
        PyDatedValue(kmcore::DatedValue {
            key,
            jurisdiction: jurisdiction.0,
            from: from_date,
            to: to_date,
            amount,
            unit: unit.0,
            source,
            basis: basis.0,
            start_assumed,
            note,
            conflicts: conflicts
                .iter()
                .map(|c| kmcore::ConflictingValue {
                    value: c.value,
                    source: c.source.clone(),
                    basis: c.basis,
                    note: c.note.clone(),
                })
                .collect(),
        })
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let v = &me.0;
        let args = PyTuple::new(
            py,
            [
                v.key.clone().into_pyobject(py)?.into_any(),
                E(v.jurisdiction).into_pyobject(py)?,
                v.from.into_pyobject(py)?.into_any(),
                v.to.into_pyobject(py)?.into_any(),
                v.amount.into_pyobject(py)?.into_any(),
                E(v.unit).into_pyobject(py)?,
                v.source.clone().into_pyobject(py)?.into_any(),
                E(v.basis).into_pyobject(py)?,
                v.note.clone().into_pyobject(py)?.into_any(),
                PyTuple::new(py, me.conflicts())?.into_any(),
                v.start_assumed.clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type().getattr("_from_state")?, args))
    }
}

// --------------------------------------------------------------------------
// Check

/// One rule checked: a stable reason code, pass or fail, the parameters
/// compared, the bundle value used (if any) and the message in English and
/// Urdu.
#[pyclass(module = "kmcore", name = "Check", frozen, eq)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyCheck {
    code: String,
    passed: bool,
    params: Vec<PyParam>,
    rule: Option<PyDatedValue>,
    en: String,
    ur: String,
}

impl PyCheck {
    fn from_core(cat: &kmcore::Catalogue, c: &kmcore::Check<'_>) -> PyCheck {
        PyCheck {
            code: c.code().as_str().to_string(),
            passed: c.passed(),
            params: c.params().map(|p| PyParam::from_core(&p)).collect(),
            rule: c.rule_value().cloned().map(PyDatedValue),
            en: cat.message(c, Lang::En),
            ur: cat.message(c, Lang::Ur),
        }
    }
}

#[pymethods]
impl PyCheck {
    /// The reason code, such as `age.minimum`.
    #[getter]
    fn code(&self) -> &str {
        &self.code
    }
    /// True when the rule was met.
    #[getter]
    fn passed(&self) -> bool {
        self.passed
    }
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        py_tuple(py, &self.params)
    }
    /// The parameter with a name, or None.
    fn param(&self, name: &str) -> Option<PyParam> {
        self.params.iter().find(|p| p.name == name).cloned()
    }
    /// The bundle value the rule used, with its source and basis.
    #[getter]
    fn rule(&self) -> Option<PyDatedValue> {
        self.rule.clone()
    }
    /// The message in a language, with the parameters filled in. Urdu
    /// wraps numbers and dates in directional isolates (U+2066...U+2069).
    #[pyo3(signature = (lang = E(Lang::En)))]
    fn message(&self, lang: E<Lang>) -> &str {
        match lang.0 {
            Lang::En => &self.en,
            Lang::Ur => &self.ur,
        }
    }
    fn __hash__(&self) -> u64 {
        hash_of(&(&self.code, self.passed, &self.en))
    }
    fn __repr__(&self) -> String {
        format!(
            "Check(code={:?}, passed={}, message={:?})",
            self.code,
            if self.passed { "True" } else { "False" },
            self.en
        )
    }
    #[staticmethod]
    fn _from_state(
        code: String,
        passed: bool,
        params: Vec<PyRef<'_, PyParam>>,
        rule: Option<PyRef<'_, PyDatedValue>>,
        en: String,
        ur: String,
    ) -> Self {
        PyCheck {
            code,
            passed,
            params: params.iter().map(|p| (**p).clone()).collect(),
            rule: rule.map(|r| (*r).clone()),
            en,
            ur,
        }
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let args = PyTuple::new(
            py,
            [
                me.code.clone().into_pyobject(py)?.into_any(),
                pyo3::types::PyBool::new(py, me.passed)
                    .to_owned()
                    .into_any(),
                py_tuple(py, &me.params)?.into_any(),
                me.rule.clone().into_pyobject(py)?.into_any(),
                me.en.clone().into_pyobject(py)?.into_any(),
                me.ur.clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type().getattr("_from_state")?, args))
    }
}

// --------------------------------------------------------------------------
// Fees

/// One line of a fee quote: what it is for, the amount, and the bundle
/// value it came from.
#[pyclass(module = "kmcore", name = "FeeLine", frozen, eq)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyFeeLine {
    kind: FeeLineKind,
    amount: Money,
    rule: PyDatedValue,
}

#[pymethods]
impl PyFeeLine {
    #[new]
    fn new(kind: E<FeeLineKind>, amount: PyMoney, rule: PyDatedValue) -> Self {
        PyFeeLine {
            kind: kind.0,
            amount: amount.0,
            rule,
        }
    }
    #[getter]
    fn kind(&self) -> E<FeeLineKind> {
        E(self.kind)
    }
    #[getter]
    fn amount(&self) -> PyMoney {
        PyMoney(self.amount)
    }
    #[getter]
    fn rule(&self) -> PyDatedValue {
        self.rule.clone()
    }
    fn __hash__(&self) -> u64 {
        hash_of(&(self.kind, self.amount, &self.rule))
    }
    fn __repr__(&self) -> String {
        format!(
            "FeeLine(kind={:?}, amount={}, rule={:?})",
            self.kind.as_str(),
            self.amount,
            self.rule.0.key
        )
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyType>,
        (Bound<'py, PyAny>, PyMoney, PyDatedValue),
    )> {
        let me = slf.get();
        Ok((
            slf.get_type(),
            (
                E(me.kind).into_pyobject(slf.py())?,
                PyMoney(me.amount),
                me.rule.clone(),
            ),
        ))
    }
}

/// A fee quote: its lines in the order they add up, the status, and the
/// total when it is known (a zero total means known to be free).
#[pyclass(module = "kmcore", name = "FeeQuote", frozen, eq, from_py_object)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyFeeQuote {
    lines: Vec<PyFeeLine>,
    status: FeeStatus,
}

#[pymethods]
impl PyFeeQuote {
    #[new]
    #[pyo3(signature = (lines, status, total = None))]
    fn new(
        lines: Vec<PyRef<'_, PyFeeLine>>,
        status: E<FeeStatusKind>,
        total: Option<PyMoney>,
    ) -> PyResult<Self> {
        let status = match (status.0, total) {
            (FeeStatusKind::Known, Some(t)) => FeeStatus::Known(t.0),
            (FeeStatusKind::Known, None) => {
                return Err(invalid("fee.total", "a known fee needs its total"));
            }
            (FeeStatusKind::NotKnown, _) => FeeStatus::NotKnown,
            (FeeStatusKind::NotCharged, _) => FeeStatus::NotCharged,
        };
        Ok(PyFeeQuote {
            lines: lines.iter().map(|l| (**l).clone()).collect(),
            status,
        })
    }
    #[getter]
    fn lines<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        py_tuple(py, &self.lines)
    }
    #[getter]
    fn status(&self) -> E<FeeStatusKind> {
        E(self.status.into())
    }
    /// The total when known, else None.
    #[getter]
    fn total(&self) -> Option<PyMoney> {
        match self.status {
            FeeStatus::Known(m) => Some(PyMoney(m)),
            FeeStatus::NotKnown | FeeStatus::NotCharged => None,
        }
    }
    fn __hash__(&self) -> u64 {
        let total = self.total().map(|m| m.0);
        hash_of(&(self.lines.len(), FeeStatusKind::from(self.status), total))
    }
    fn __repr__(&self) -> String {
        let status = FeeStatusKind::from(self.status).value();
        match self.status {
            FeeStatus::Known(m) => format!(
                "FeeQuote(status={status:?}, total={m}, lines={})",
                self.lines.len()
            ),
            FeeStatus::NotKnown | FeeStatus::NotCharged => {
                format!("FeeQuote(status={status:?}, lines={})", self.lines.len())
            }
        }
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let args = PyTuple::new(
            py,
            [
                py_tuple(py, &me.lines)?.into_any(),
                E(FeeStatusKind::from(me.status)).into_pyobject(py)?,
                me.total().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }
}

// --------------------------------------------------------------------------
// Decision

/// The answer to a request: every rule checked (passed and failed), the fee
/// quote, and any deadline, under a named bundle version.
#[pyclass(module = "kmcore", name = "Decision", frozen, eq)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyDecision {
    service: ServiceId,
    jurisdiction: Jurisdiction,
    as_of: AsOf,
    bundle_version: String,
    checks: Vec<PyCheck>,
    quote: PyFeeQuote,
    deadline: Option<Deadline>,
    verdict: PyVerdict,
}

/// What a decision comes to beyond its checks, kept with the Python copy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PyVerdict {
    outcome: Outcome,
    eligible_from: Option<NaiveDate>,
    missing_facts: Vec<FactKey>,
    basis: Basis,
    /// The sentence about the whole decision, in English and in Urdu.
    message: [Option<String>; 2],
}

impl PyDecision {
    pub(crate) fn from_core(cat: &kmcore::Catalogue, d: &kmcore::Decision<'_>) -> PyDecision {
        let q = d.quote();
        PyDecision {
            service: d.service(),
            jurisdiction: d.jurisdiction(),
            as_of: d.as_of(),
            bundle_version: d.bundle_version().to_string(),
            checks: d
                .checks()
                .iter()
                .map(|c| PyCheck::from_core(cat, c))
                .collect(),
            quote: PyFeeQuote {
                lines: q
                    .lines()
                    .iter()
                    .map(|l| PyFeeLine {
                        kind: l.kind,
                        amount: l.amount,
                        rule: PyDatedValue(l.rule.clone()),
                    })
                    .collect(),
                status: q.status(),
            },
            deadline: d.deadline(),
            verdict: PyVerdict {
                outcome: d.outcome(),
                eligible_from: d.eligible_from(),
                missing_facts: d.missing_facts().collect(),
                basis: d.basis(),
                message: [
                    cat.outcome_message(d, Lang::En),
                    cat.outcome_message(d, Lang::Ur),
                ],
            },
        }
    }

    fn eligible_(&self) -> bool {
        self.verdict.outcome == Outcome::Eligible
    }

    fn fee_due_(&self) -> Option<Money> {
        match self.quote.status {
            FeeStatus::Known(m) if self.eligible_() => Some(m),
            _ => None,
        }
    }
}

#[pymethods]
impl PyDecision {
    #[getter]
    fn service(&self) -> E<ServiceId> {
        E(self.service)
    }
    #[getter]
    fn jurisdiction(&self) -> E<Jurisdiction> {
        E(self.jurisdiction)
    }
    /// When the rules were applied: a date or a datetime.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        as_of_to_py(py, self.as_of)
    }
    /// The version of the rule bundle the values came from.
    #[getter]
    fn bundle_version(&self) -> &str {
        &self.bundle_version
    }
    /// Every rule checked, in the order checked.
    #[getter]
    fn checks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        py_tuple(py, &self.checks)
    }
    /// The checks that failed.
    #[getter]
    fn failures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let failed: Vec<PyCheck> = self.checks.iter().filter(|c| !c.passed).cloned().collect();
        py_tuple(py, &failed)
    }
    /// The reason codes of the failed checks, in the order checked.
    #[getter]
    fn reasons(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.code.clone())
            .collect()
    }
    /// The documents required but not supplied.
    #[getter]
    fn missing_documents(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter(|c| !c.passed && c.code == ReasonCode::DOCUMENT_REQUIRED.as_str())
            .filter_map(|c| {
                c.params
                    .iter()
                    .find(|p| p.name == "document")
                    .and_then(|p| match &p.value {
                        PVal::Term(t) => Some(t.clone()),
                        _ => None,
                    })
            })
            .collect()
    }
    /// True when the outcome is eligible (False when refused or undetermined).
    #[getter]
    fn eligible(&self) -> bool {
        self.eligible_()
    }
    /// Eligible, refused or undetermined (a rule's value or a required fact
    /// is not known, and no decided rule fails).
    #[getter]
    fn outcome(&self) -> E<Outcome> {
        E(self.verdict.outcome)
    }
    /// For a refusal that time alone will lift: the earliest date on which,
    /// with the same facts, the rules pass; else None.
    #[getter]
    fn eligible_from(&self) -> Option<NaiveDate> {
        self.verdict.eligible_from
    }
    /// The required facts not given (the decision is then undetermined).
    #[getter]
    fn missing_facts(&self) -> Vec<E<FactKey>> {
        self.verdict.missing_facts.iter().copied().map(E).collect()
    }
    /// Confirmed when every bundle value the decision used is confirmed.
    #[getter]
    fn basis(&self) -> E<Basis> {
        E(self.verdict.basis)
    }
    /// The sentence about the decision as a whole in a language: when to
    /// come back, or that it cannot be decided yet; None otherwise.
    #[pyo3(signature = (lang = E(Lang::En)))]
    fn outcome_message(&self, lang: E<Lang>) -> Option<String> {
        match lang.0 {
            Lang::En => self.verdict.message[0].clone(),
            Lang::Ur => self.verdict.message[1].clone(),
        }
    }
    /// The fee quote, computed even when a rule failed.
    #[getter]
    fn quote(&self) -> PyFeeQuote {
        self.quote.clone()
    }
    /// The fee to pay: the quote's total when eligible and known, else None.
    #[getter]
    fn fee_due(&self) -> Option<PyMoney> {
        self.fee_due_().map(PyMoney)
    }
    /// A deadline or last valid day (date or datetime), for checks that compute one.
    #[getter]
    fn deadline<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.deadline.map(|d| deadline_to_py(py, d)).transpose()
    }
    /// Every check's message in a language, each after a label in that
    /// language (`[pass]`/`[FAIL]`; `[ٹھیک]`/`[کمی]`).
    #[pyo3(signature = (lang = E(Lang::En)))]
    fn messages(&self, lang: E<Lang>) -> Vec<String> {
        self.checks
            .iter()
            .map(|c| format!("{} {}", lang.0.check_label(c.passed), c.message(lang)))
            .collect()
    }
    fn __hash__(&self) -> u64 {
        let codes: Vec<(&str, bool)> = self
            .checks
            .iter()
            .map(|c| (c.code.as_str(), c.passed))
            .collect();
        hash_of(&(
            self.service,
            self.jurisdiction,
            &self.bundle_version,
            codes,
            self.fee_due_(),
            &self.verdict,
        ))
    }
    fn __repr__(&self) -> String {
        let fee = self.fee_due_().map_or_else(
            || "None".to_string(),
            |m| format!("Money(paisa={})", m.paisa()),
        );
        format!(
            "Decision(service={:?}, jurisdiction={:?}, as_of={}, outcome={:?}, fee_due={}, reasons={:?})",
            self.service.as_str(),
            self.jurisdiction.as_str(),
            as_of_text(self.as_of),
            self.verdict.outcome.as_str(),
            fee,
            self.reasons()
        )
    }
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    fn _from_state(
        service: E<ServiceId>,
        jurisdiction: E<Jurisdiction>,
        as_of: &Bound<'_, PyAny>,
        bundle_version: String,
        checks: Vec<PyRef<'_, PyCheck>>,
        quote: PyFeeQuote,
        deadline: Option<&Bound<'_, PyAny>>,
        outcome: E<Outcome>,
        eligible_from: Option<NaiveDate>,
        missing_facts: Vec<E<FactKey>>,
        basis: E<Basis>,
        message_en: Option<String>,
        message_ur: Option<String>,
    ) -> PyResult<Self> {
        let deadline = match deadline {
            None => None,
            Some(d) if d.is_none() => None,
            Some(d) => Some(match as_of_from_py(d)? {
                AsOf::Date(x) => Deadline::Date(x),
                AsOf::Instant(t) => Deadline::Instant(t),
            }),
        };
        Ok(PyDecision {
            service: service.0,
            jurisdiction: jurisdiction.0,
            as_of: as_of_from_py(as_of)?,
            bundle_version,
            checks: checks.iter().map(|c| (**c).clone()).collect(),
            quote,
            deadline,
            verdict: PyVerdict {
                outcome: outcome.0,
                eligible_from,
                missing_facts: missing_facts.into_iter().map(|k| k.0).collect(),
                basis: basis.0,
                message: [message_en, message_ur],
            },
        })
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let args = PyTuple::new(
            py,
            [
                E(me.service).into_pyobject(py)?,
                E(me.jurisdiction).into_pyobject(py)?,
                as_of_to_py(py, me.as_of)?,
                me.bundle_version.clone().into_pyobject(py)?.into_any(),
                py_tuple(py, &me.checks)?.into_any(),
                Bound::new(py, me.quote.clone())?.into_any(),
                me.deadline(py)?.into_pyobject(py)?.into_any(),
                E(me.verdict.outcome).into_pyobject(py)?,
                me.verdict.eligible_from.into_pyobject(py)?.into_any(),
                me.verdict
                    .missing_facts
                    .iter()
                    .map(|k| E(*k))
                    .collect::<Vec<_>>()
                    .into_pyobject(py)?
                    .into_any(),
                E(me.verdict.basis).into_pyobject(py)?,
                me.verdict.message[0].clone().into_pyobject(py)?.into_any(),
                me.verdict.message[1].clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type().getattr("_from_state")?, args))
    }
}

// --------------------------------------------------------------------------
// Request

/// A question to the rules: which service, where, when, on what facts.
#[pyclass(module = "kmcore", name = "Request", frozen, eq)]
#[derive(Clone, Debug, PartialEq)]
pub struct PyRequest(pub(crate) Request);

#[pymethods]
impl PyRequest {
    #[new]
    #[pyo3(signature = (service, jurisdiction, as_of, facts = None))]
    fn new(
        service: E<ServiceId>,
        jurisdiction: E<Jurisdiction>,
        as_of: &Bound<'_, PyAny>,
        facts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(PyRequest(Request {
            service: service.0,
            jurisdiction: jurisdiction.0,
            as_of: as_of_from_py(as_of)?,
            facts: facts_from_py(facts)?,
        }))
    }
    /// A request from its JSON form (`{"service": ..., "jurisdiction": ...,
    /// "as_of": ..., "facts": {...}}`).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        serde_json::from_str::<Request>(text)
            .map(PyRequest)
            .map_err(|e| invalid("request.json", &format!("request: {e}")))
    }
    /// The request as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|e| invalid("request.json", &format!("request: {e}")))
    }
    #[getter]
    fn service(&self) -> E<ServiceId> {
        E(self.0.service)
    }
    #[getter]
    fn jurisdiction(&self) -> E<Jurisdiction> {
        E(self.0.jurisdiction)
    }
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        as_of_to_py(py, self.0.as_of)
    }
    #[getter]
    fn facts(&self) -> PyFacts {
        PyFacts(self.0.facts.clone())
    }
    fn __hash__(&self) -> u64 {
        hash_of(&serde_json::to_string(&self.0).unwrap_or_default())
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let facts = Bound::new(py, self.facts())?.repr()?.to_string();
        Ok(format!(
            "Request(service={:?}, jurisdiction={:?}, as_of={}, facts={facts})",
            self.0.service.as_str(),
            self.0.jurisdiction.as_str(),
            as_of_text(self.0.as_of)
        ))
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let r = &slf.get().0;
        let args = PyTuple::new(
            py,
            [
                E(r.service).into_pyobject(py)?,
                E(r.jurisdiction).into_pyobject(py)?,
                as_of_to_py(py, r.as_of)?,
                Bound::new(py, PyFacts(r.facts.clone()))?.into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }
}

// --------------------------------------------------------------------------
// Documents

/// One line of a documents checklist.
#[pyclass(module = "kmcore", name = "DocumentItem", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PyDocumentItem {
    /// Stable id, such as `authority_letter`.
    #[pyo3(get)]
    id: String,
    /// English name.
    #[pyo3(get)]
    name: String,
    /// Urdu name.
    #[pyo3(get)]
    name_ur: String,
    /// Required given the facts; None when it depends on a fact not given.
    #[pyo3(get)]
    required: Option<bool>,
    /// When it is required, if not always.
    #[pyo3(get)]
    condition: Option<String>,
    /// Whether the facts say it was supplied; None when not said.
    #[pyo3(get)]
    provided: Option<bool>,
}

impl From<kmcore::DocumentItem> for PyDocumentItem {
    fn from(d: kmcore::DocumentItem) -> Self {
        PyDocumentItem {
            id: d.id.to_string(),
            name: d.name,
            name_ur: d.name_ur,
            required: d.required,
            condition: d.condition,
            provided: d.provided,
        }
    }
}

#[pymethods]
impl PyDocumentItem {
    #[new]
    #[pyo3(signature = (id, name, name_ur, required, condition, provided))]
    fn new(
        id: String,
        name: String,
        name_ur: String,
        required: Option<bool>,
        condition: Option<String>,
        provided: Option<bool>,
    ) -> Self {
        PyDocumentItem {
            id,
            name,
            name_ur,
            required,
            condition,
            provided,
        }
    }
    /// True when the document is required and the facts say it is missing.
    #[getter]
    fn is_missing(&self) -> bool {
        self.required == Some(true) && self.provided == Some(false)
    }
    fn __repr__(&self) -> String {
        let b = |v: Option<bool>| match v {
            Some(true) => "True",
            Some(false) => "False",
            None => "None",
        };
        format!(
            "DocumentItem(id={:?}, required={}, provided={})",
            self.id,
            b(self.required),
            b(self.provided)
        )
    }
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, PyType>,
        (
            String,
            String,
            String,
            Option<bool>,
            Option<String>,
            Option<bool>,
        ),
    ) {
        let d = slf.get();
        (
            slf.get_type(),
            (
                d.id.clone(),
                d.name.clone(),
                d.name_ur.clone(),
                d.required,
                d.condition.clone(),
                d.provided,
            ),
        )
    }
}
