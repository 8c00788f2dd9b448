//! Reading Arrow columns straight into kmcore requests, row by row, without
//! Python objects: typed views over string (utf8, large_utf8, utf8_view,
//! dictionary), boolean, integer, date32/date64 and timestamp arrays.

use std::sync::Mutex;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Date64Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Date64Array, Int64Array, LargeStringArray,
    RecordBatch, StringArray, StringViewArray,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Schema, TimeUnit};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use crate::enums::Mirror;
use crate::facts::{Setter, setter};
use crate::time::pkt;
use kmcore::{AsOf, FactKey, FactType, Jurisdiction, KmError, Request, ServiceId};

/// The reserved input columns.
pub(crate) const SERVICE: &str = "service";
pub(crate) const JURISDICTION: &str = "jurisdiction";
pub(crate) const AS_OF: &str = "as_of";

/// A lookup of a mirrored enum by its string value: candidates bucketed by
/// length, so a row's service or jurisdiction costs about one comparison.
pub(crate) struct ByValue<M: Mirror> {
    buckets: std::sync::OnceLock<Vec<Vec<M>>>,
}

impl<M: Mirror> ByValue<M> {
    const fn new() -> Self {
        ByValue {
            buckets: std::sync::OnceLock::new(),
        }
    }

    #[inline]
    pub(crate) fn lookup(&self, s: &str) -> Option<M> {
        let buckets = self.buckets.get_or_init(|| {
            let mut b: Vec<Vec<M>> = Vec::new();
            for v in M::ALL {
                let n = v.value().len();
                if b.len() <= n {
                    b.resize_with(n + 1, Vec::new);
                }
                if let Some(slot) = b.get_mut(n) {
                    slot.push(*v);
                }
            }
            b
        });
        buckets
            .get(s.len())?
            .iter()
            .copied()
            .find(|v| v.value() == s)
    }
}

pub(crate) static SERVICES: ByValue<ServiceId> = ByValue::new();
pub(crate) static JURISDICTIONS: ByValue<Jurisdiction> = ByValue::new();

/// A problem with the input as a whole (raised before any row is read).
pub(crate) struct SchemaError {
    pub code: &'static str,
    pub message: String,
}

fn schema_error(code: &'static str, message: String) -> SchemaError {
    SchemaError { code, message }
}

/// Days from 0001-01-01 (CE day 1) to 1970-01-01.
const EPOCH_CE_DAYS: i32 = 719_163;

fn date32(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_CE_DAYS)?)
}

/// A date32 column with a lookup table over the span of its values (most
/// date columns span a few decades), so a row's date costs one index.
pub(crate) struct Days<'a> {
    array: &'a Date32Array,
    base: i64,
    table: Vec<NaiveDate>,
}

/// The widest span of days given a lookup table (about 1,100 years).
const MAX_TABLE_DAYS: i64 = 400_000;

impl<'a> Days<'a> {
    fn new(array: &'a Date32Array) -> Days<'a> {
        // Over every slot, nulls included (a null slot's value is usually 0,
        // 1970-01-01); a span too wide for a table falls back to converting.
        let (lo, hi) = array
            .values()
            .iter()
            .fold((i32::MAX, i32::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let mut table = Vec::new();
        let first = (lo <= hi && i64::from(hi) - i64::from(lo) < MAX_TABLE_DAYS)
            .then(|| date32(lo))
            .flatten();
        if let Some(mut d) = first {
            let len = usize::try_from(i64::from(hi) - i64::from(lo) + 1).unwrap_or(0);
            table.reserve(len);
            for _ in 0..len {
                table.push(d);
                match d.succ_opt() {
                    Some(next) => d = next,
                    None => break,
                }
            }
        }
        Days {
            array,
            base: i64::from(lo),
            table,
        }
    }

    /// The date of row `i`: `Some(None)` when null, `None` when out of range.
    #[inline]
    fn get(&self, i: usize) -> Option<Option<NaiveDate>> {
        if self.array.is_null(i) {
            return Some(None);
        }
        let v = self.array.value(i);
        let slot = usize::try_from(i64::from(v) - self.base).ok();
        match slot.and_then(|k| self.table.get(k)) {
            Some(d) => Some(Some(*d)),
            None => date32(v).map(Some),
        }
    }
}

fn date64(ms: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp_millis(ms).map(|t| t.date_naive())
}

/// A string-like column.
pub(crate) enum StrCol<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
    Dict {
        keys: Vec<usize>,
        nulls: Option<NullBuffer>,
        values: Box<StrCol<'a>>,
    },
}

impl<'a> StrCol<'a> {
    pub(crate) fn of(array: &'a ArrayRef) -> Option<StrCol<'a>> {
        Self::of_dyn(array.as_ref())
    }

    fn of_dyn(array: &'a dyn Array) -> Option<StrCol<'a>> {
        match array.data_type() {
            DataType::Utf8 => array.as_string_opt::<i32>().map(StrCol::Utf8),
            DataType::LargeUtf8 => array.as_string_opt::<i64>().map(StrCol::Large),
            DataType::Utf8View => array.as_string_view_opt().map(StrCol::View),
            DataType::Dictionary(_, value) if is_string(value) => {
                let dict = array.as_any_dictionary_opt()?;
                let values = StrCol::of_dyn(dict.values().as_ref())?;
                Some(StrCol::Dict {
                    keys: dict.normalized_keys(),
                    nulls: dict.keys().logical_nulls(),
                    values: Box::new(values),
                })
            }
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            StrCol::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            StrCol::Large(a) => a.is_valid(i).then(|| a.value(i)),
            StrCol::View(a) => a.is_valid(i).then(|| a.value(i)),
            StrCol::Dict {
                keys,
                nulls,
                values,
            } => {
                if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
                    return None;
                }
                values.get(*keys.get(i)?)
            }
        }
    }
}

fn is_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// The fixed offset of a timestamp column's time zone: none means wall
/// clock time in Pakistan; UTC, fixed offsets and Asia/Karachi are known.
fn zone_offset(tz: Option<&str>) -> Result<FixedOffset, String> {
    let Some(tz) = tz else {
        return Ok(pkt());
    };
    match tz {
        "UTC" | "utc" | "Z" | "Etc/UTC" | "GMT" | "Etc/GMT" => {
            return Ok(FixedOffset::east_opt(0).unwrap_or(pkt()));
        }
        "Asia/Karachi" | "PKT" => return Ok(pkt()),
        _ => {}
    }
    let bytes = tz.as_bytes();
    let sign = match bytes.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => {
            return Err(format!(
                "time zone `{tz}` is not supported: use UTC, Asia/Karachi or a fixed offset such as +05:00"
            ));
        }
    };
    let digits: String = tz[1..].chars().filter(|c| *c != ':').collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok(), Some(0)),
        4 => (
            digits[..2].parse::<i32>().ok(),
            digits[2..].parse::<i32>().ok(),
        ),
        _ => (None, None),
    };
    match (h, m) {
        (Some(h), Some(m)) if h <= 23 && m <= 59 => {
            FixedOffset::east_opt(sign * (h * 3600 + m * 60))
                .ok_or_else(|| format!("time zone `{tz}` is out of range"))
        }
        _ => Err(format!("time zone `{tz}` is not a valid offset")),
    }
}

/// A timestamp column read as i64 ticks with its unit and zone.
pub(crate) struct TsCol {
    ticks: Int64Array,
    per_second: i64,
    offset: FixedOffset,
    /// True when the column has a zone (the ticks are UTC); false for wall
    /// clock time (taken as Pakistan time).
    zoned: bool,
}

impl TsCol {
    fn of(array: &ArrayRef, name: &str) -> Result<Option<TsCol>, SchemaError> {
        let DataType::Timestamp(unit, tz) = array.data_type() else {
            return Ok(None);
        };
        let per_second = match unit {
            TimeUnit::Second => 1,
            TimeUnit::Millisecond => 1_000,
            TimeUnit::Microsecond => 1_000_000,
            TimeUnit::Nanosecond => 1_000_000_000,
        };
        let offset = zone_offset(tz.as_deref())
            .map_err(|m| schema_error("input.timezone", format!("column `{name}`: {m}")))?;
        let ticks = arrow_cast::cast(array, &DataType::Int64)
            .map_err(|e| schema_error("input.column_type", format!("column `{name}`: {e}")))?;
        Ok(Some(TsCol {
            ticks: ticks.as_primitive::<Int64Type>().clone(),
            per_second,
            offset,
            zoned: tz.is_some(),
        }))
    }

    #[inline]
    fn instant(&self, i: usize) -> Option<Option<DateTime<FixedOffset>>> {
        if self.ticks.is_null(i) {
            return Some(None);
        }
        let v = self.ticks.value(i);
        let secs = v.div_euclid(self.per_second);
        let nanos =
            u32::try_from(v.rem_euclid(self.per_second) * (1_000_000_000 / self.per_second))
                .ok()?;
        let utc = DateTime::from_timestamp(secs, nanos)?;
        if self.zoned {
            Some(Some(utc.with_timezone(&self.offset)))
        } else {
            let wall: NaiveDateTime = utc.naive_utc();
            wall.and_local_timezone(self.offset).single().map(Some)
        }
    }
}

/// The `as_of` column.
pub(crate) enum AsOfCol<'a> {
    Date32(Days<'a>),
    Date64(&'a Date64Array),
    Ts(TsCol),
    Str(StrCol<'a>),
}

/// A fact column, by the kind of value it holds.
pub(crate) enum FactCol<'a> {
    Null,
    Bool(&'a BooleanArray),
    Int(Int64Array),
    Date32(Days<'a>),
    Date64(&'a Date64Array),
    /// Timestamps (dates take the day in the column's zone).
    Ts(TsCol),
    Str(StrCol<'a>),
}

impl FactCol<'_> {
    /// True when row `i` has no value.
    #[inline]
    fn is_null(&self, i: usize) -> bool {
        match self {
            FactCol::Null => true,
            FactCol::Bool(a) => a.is_null(i),
            FactCol::Int(a) => a.is_null(i),
            FactCol::Date32(d) => d.array.is_null(i),
            FactCol::Date64(a) => a.is_null(i),
            FactCol::Ts(t) => t.ticks.is_null(i),
            FactCol::Str(s) => s.get(i).is_none(),
        }
    }
}

/// One row's problem found by the binding (not by kmcore): kept aside and
/// reported in the `error` column.
pub(crate) type SideErrors = Mutex<Vec<(usize, String)>>;

/// Every column of one record batch that feeds a request.
pub(crate) struct Columns<'a> {
    pub service: Option<StrCol<'a>>,
    pub default_service: Option<ServiceId>,
    pub jurisdiction: Option<StrCol<'a>>,
    pub default_jurisdiction: Option<Jurisdiction>,
    pub as_of: Option<AsOfCol<'a>>,
    pub default_as_of: Option<AsOf>,
    pub facts: Vec<(FactKey, Setter, FactCol<'a>)>,
    /// For each (service, jurisdiction), the indices into `facts` of the
    /// columns that service reads there (its required and optional facts).
    /// A row reads only those: the other cells of a wide table belong to
    /// other services' rows.
    pub relevant: Vec<Vec<u16>>,
    /// Offset of this batch's first row in the whole input.
    pub first_row: usize,
}

/// The slot of a (service, jurisdiction) pair in `Columns::relevant`.
fn slot(service: ServiceId, jurisdiction: Jurisdiction) -> usize {
    service as usize * Jurisdiction::ALL.len() + jurisdiction as usize
}

/// For every (service, jurisdiction), which of the fact columns it reads.
fn relevant_columns(facts: &[(FactKey, Setter, FactCol<'_>)]) -> Vec<Vec<u16>> {
    let mut table = vec![Vec::new(); ServiceId::ALL.len() * Jurisdiction::ALL.len()];
    let Ok(catalogue) = kmcore::Catalogue::embedded() else {
        // Without the catalogue every column is read for every row.
        let all: Vec<u16> = (0..facts.len())
            .filter_map(|i| u16::try_from(i).ok())
            .collect();
        return vec![all; table.len()];
    };
    for service in ServiceId::ALL {
        let info = catalogue.service(*service);
        for j in Jurisdiction::ALL {
            let wanted = info.required_facts(j);
            let cols: Vec<u16> = facts
                .iter()
                .enumerate()
                .filter(|(_, (k, _, _))| wanted.contains(k) || info.optional_facts.contains(k))
                .filter_map(|(i, _)| u16::try_from(i).ok())
                .collect();
            if let Some(s) = table.get_mut(slot(*service, j)) {
                *s = cols;
            }
        }
    }
    table
}

/// What the caller passed besides the table.
pub(crate) struct Defaults {
    pub service: Option<ServiceId>,
    pub jurisdiction: Option<Jurisdiction>,
    pub as_of: Option<AsOf>,
    /// Columns that are neither facts nor reserved but are allowed (kept or ignored).
    pub passthrough: Vec<String>,
}

/// Checks a schema before any row is read: every column must be a reserved
/// column, a fact key or a named pass-through column, and of a usable type.
pub(crate) fn check_schema(schema: &Schema, d: &Defaults) -> Result<(), SchemaError> {
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let unknown: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| {
            ![SERVICE, JURISDICTION, AS_OF].contains(n)
                && n.parse::<FactKey>().is_err()
                && !d.passthrough.iter().any(|p| p == n)
        })
        .collect();
    if !unknown.is_empty() {
        return Err(schema_error(
            "input.unknown_column",
            format!(
                "column(s) {} are neither `service`, `jurisdiction`, `as_of` nor a fact key; \
                 pass them in `keep=` or `ignore=` to allow them",
                unknown
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    for (col, has_default) in [
        (SERVICE, d.service.is_some()),
        (JURISDICTION, d.jurisdiction.is_some()),
        (AS_OF, d.as_of.is_some()),
    ] {
        if !has_default && !names.contains(&col) {
            return Err(schema_error(
                "input.column_missing",
                format!(
                    "the input has no `{col}` column and no `{col}=` default was given (columns: {names:?})"
                ),
            ));
        }
    }
    for p in &d.passthrough {
        if [SERVICE, JURISDICTION, AS_OF].contains(&p.as_str()) || p.parse::<FactKey>().is_ok() {
            return Err(schema_error(
                "input.keep",
                format!("`{p}` is an input column kmcore reads; it cannot be kept or ignored"),
            ));
        }
    }
    Ok(())
}

fn type_error(name: &str, dt: &DataType, expected: &str) -> SchemaError {
    schema_error(
        "input.column_type",
        format!("column `{name}` has type {dt}; expected {expected}"),
    )
}

impl<'a> Columns<'a> {
    /// The readers of a batch whose schema passed `check_schema`.
    pub(crate) fn new(
        batch: &'a RecordBatch,
        d: &Defaults,
        first_row: usize,
    ) -> Result<Columns<'a>, SchemaError> {
        let mut cols = Columns {
            service: None,
            default_service: d.service,
            jurisdiction: None,
            default_jurisdiction: d.jurisdiction,
            as_of: None,
            default_as_of: d.as_of,
            facts: Vec::new(),
            relevant: Vec::new(),
            first_row,
        };
        let schema = batch.schema();
        for (field, array) in schema.fields().iter().zip(batch.columns()) {
            let name = field.name().as_str();
            let dt = array.data_type();
            match name {
                SERVICE | JURISDICTION => {
                    let col = if *dt == DataType::Null {
                        None
                    } else {
                        Some(
                            StrCol::of(array)
                                .ok_or_else(|| type_error(name, dt, "a string column"))?,
                        )
                    };
                    if name == SERVICE {
                        cols.service = col;
                    } else {
                        cols.jurisdiction = col;
                    }
                }
                AS_OF => {
                    cols.as_of = match dt {
                        DataType::Null => None,
                        DataType::Date32 => Some(AsOfCol::Date32(Days::new(
                            array.as_primitive::<Date32Type>(),
                        ))),
                        DataType::Date64 => {
                            Some(AsOfCol::Date64(array.as_primitive::<Date64Type>()))
                        }
                        DataType::Timestamp(..) => TsCol::of(array, name)?.map(AsOfCol::Ts),
                        _ => Some(AsOfCol::Str(StrCol::of(array).ok_or_else(|| {
                            type_error(name, dt, "date32, date64, timestamp or ISO strings")
                        })?)),
                    };
                }
                _ => {
                    let Ok(key) = name.parse::<FactKey>() else {
                        continue; // a pass-through column
                    };
                    let col = fact_col(key, array)?;
                    cols.facts.push((key, setter(key), col));
                }
            }
        }
        cols.relevant = relevant_columns(&cols.facts);
        Ok(cols)
    }

    /// Writes row `i` of the batch into `r`. A value kmcore refuses is the
    /// row's error; a problem only the binding sees is recorded in `side`
    /// and the row gets a placeholder error.
    pub(crate) fn fill(&self, i: usize, r: &mut Request, side: &SideErrors) -> kmcore::Result<()> {
        let row = self.first_row + i;
        let previous = (r.service, r.jurisdiction);
        r.service = match self.service.as_ref().and_then(|c| c.get(i)) {
            Some(s) => SERVICES.lookup(s).map_or_else(|| s.parse(), Ok)?,
            None => match self.default_service {
                Some(s) => s,
                None => return side_error(side, row, "input.null: `service` is null"),
            },
        };
        r.jurisdiction = match self.jurisdiction.as_ref().and_then(|c| c.get(i)) {
            Some(s) => JURISDICTIONS.lookup(s).map_or_else(|| s.parse(), Ok)?,
            None => match self.default_jurisdiction {
                Some(j) => j,
                None => return side_error(side, row, "input.null: `jurisdiction` is null"),
            },
        };
        let as_of = match &self.as_of {
            None => None,
            Some(AsOfCol::Date32(a)) => a.get(i).flatten().map(AsOf::Date),
            Some(AsOfCol::Date64(a)) => a
                .is_valid(i)
                .then(|| date64(a.value(i)).map(AsOf::Date))
                .flatten(),
            Some(AsOfCol::Ts(t)) => t.instant(i).flatten().map(AsOf::Instant),
            Some(AsOfCol::Str(s)) => match s.get(i) {
                Some(text) => Some(text.parse::<AsOf>()?),
                None => None,
            },
        };
        r.as_of = match as_of.or(self.default_as_of) {
            Some(a) => a,
            None => return side_error(side, row, "input.null: `as_of` is null (or out of range)"),
        };
        if previous != (r.service, r.jurisdiction) {
            // Facts a previous row of another service set must not leak.
            r.facts = kmcore::Facts::default();
        }
        let relevant = self
            .relevant
            .get(slot(r.service, r.jurisdiction))
            .map_or(&[][..], Vec::as_slice);
        for index in relevant {
            let Some((key, set, col)) = self.facts.get(usize::from(*index)) else {
                continue;
            };
            // Clear the fact when this row's cell is null and the previous
            // row (of the same service) left it set.
            if col.is_null(i) {
                if r.facts.has(*key) {
                    r.facts.clear(*key);
                }
                continue;
            }
            if let Err(message) = set_fact(*set, col, i, &mut r.facts)? {
                return side_error(
                    side,
                    row,
                    &format!("input.type: fact `{}`: {message}", key.as_str()),
                );
            }
        }
        Ok(())
    }
}

/// Records a binding-side row error and returns a placeholder kmcore error
/// (kmcore's error type cannot be built outside the core).
fn side_error(side: &SideErrors, row: usize, message: &str) -> kmcore::Result<()> {
    if let Ok(mut list) = side.lock() {
        list.push((row, message.to_string()));
    }
    placeholder()
}

fn placeholder() -> kmcore::Result<()> {
    kmcore::calendar::parse_date("").map(|_| ())
}

/// Sets one fact from column `col`, row `i`. The outer error is kmcore's
/// (a bad date string, a value outside a choice); the inner one a value the
/// binding cannot convert.
#[inline]
fn set_fact(
    set: Setter,
    col: &FactCol<'_>,
    i: usize,
    facts: &mut kmcore::Facts,
) -> kmcore::Result<Result<(), String>> {
    match (set, col) {
        (Setter::Bool(f), FactCol::Bool(a)) => f(facts, a.is_valid(i).then(|| a.value(i))),
        (Setter::Bool(f), FactCol::Null) => f(facts, None),
        (Setter::Int(f), FactCol::Int(a)) => f(facts, a.is_valid(i).then(|| a.value(i))),
        (Setter::Int(f), FactCol::Null) => f(facts, None),
        (Setter::Date(f), FactCol::Date32(a)) => match a.get(i) {
            Some(v) => f(facts, v),
            None => return Ok(Err("date out of range".into())),
        },
        (Setter::Date(f), FactCol::Date64(a)) => {
            let v = if a.is_valid(i) {
                match date64(a.value(i)) {
                    Some(d) => Some(d),
                    None => return Ok(Err("date out of range".into())),
                }
            } else {
                None
            };
            f(facts, v)
        }
        (Setter::Date(f), FactCol::Ts(t)) => match t.instant(i) {
            Some(v) => f(facts, v.map(|t| t.date_naive())),
            None => return Ok(Err("timestamp out of range".into())),
        },
        (Setter::Date(f), FactCol::Str(s)) => match s.get(i) {
            Some(text) => f(facts, Some(kmcore::calendar::parse_date(text)?)),
            None => f(facts, None),
        },
        (Setter::Date(f), FactCol::Null) => f(facts, None),
        (Setter::Instant(f), FactCol::Ts(t)) => match t.instant(i) {
            Some(v) => f(facts, v),
            None => return Ok(Err("timestamp out of range".into())),
        },
        (Setter::Instant(f), FactCol::Str(s)) => match s.get(i) {
            Some(text) => f(facts, Some(kmcore::calendar::parse_instant(text)?)),
            None => f(facts, None),
        },
        (Setter::Instant(f), FactCol::Null) => f(facts, None),
        (Setter::Choice(f), FactCol::Str(s)) => f(facts, s.get(i))?,
        (Setter::Choice(f), FactCol::Null) => f(facts, None)?,
        (Setter::Text(f), FactCol::Str(s)) => f(facts, s.get(i)),
        (Setter::Text(f), FactCol::Null) => f(facts, None),
        _ => return Ok(Err("column type does not match the fact".into())),
    }
    Ok(Ok(()))
}

/// The reader of a fact column, checked against the key's type.
fn fact_col(key: FactKey, array: &ArrayRef) -> Result<FactCol<'_>, SchemaError> {
    let name = key.as_str();
    let dt = array.data_type();
    if *dt == DataType::Null {
        return Ok(FactCol::Null);
    }
    let col = match key.fact_type() {
        FactType::Bool => array.as_boolean_opt().map(FactCol::Bool),
        FactType::Integer => {
            if dt.is_integer() {
                let ints = arrow_cast::cast_with_options(
                    array,
                    &DataType::Int64,
                    &arrow_cast::CastOptions {
                        safe: false,
                        ..Default::default()
                    },
                )
                .map_err(|e| schema_error("input.column_type", format!("column `{name}`: {e}")))?;
                Some(FactCol::Int(ints.as_primitive::<Int64Type>().clone()))
            } else {
                None
            }
        }
        FactType::Date => match dt {
            DataType::Date32 => Some(FactCol::Date32(Days::new(
                array.as_primitive::<Date32Type>(),
            ))),
            DataType::Date64 => Some(FactCol::Date64(array.as_primitive::<Date64Type>())),
            DataType::Timestamp(..) => TsCol::of(array, name)?.map(FactCol::Ts),
            _ => StrCol::of(array).map(FactCol::Str),
        },
        FactType::Instant => match dt {
            DataType::Timestamp(..) => TsCol::of(array, name)?.map(FactCol::Ts),
            _ => StrCol::of(array).map(FactCol::Str),
        },
        FactType::Choice | FactType::Text => StrCol::of(array).map(FactCol::Str),
    };
    let expected = match key.fact_type() {
        FactType::Bool => "bool",
        FactType::Integer => "an integer type",
        FactType::Date => "date32, date64, timestamp or ISO date strings",
        FactType::Instant => "timestamp or RFC 3339 strings",
        FactType::Choice | FactType::Text => "strings (utf8, large_utf8, utf8_view or dictionary)",
    };
    col.ok_or_else(|| type_error(name, dt, expected))
}

/// The error text of a row: a binding-side error if one was recorded, else
/// kmcore's `code: message`.
pub(crate) fn error_text(side: &[(usize, String)], row: usize, err: Option<&KmError>) -> String {
    if let Some((_, m)) = side
        .binary_search_by_key(&row, |(r, _)| *r)
        .ok()
        .and_then(|k| side.get(k))
    {
        return m.clone();
    }
    match err {
        Some(e) => format!("{}: {}", e.code(), e.message()),
        None => "batch.row: the row could not be evaluated".to_string(),
    }
}
