//! Reading Arrow columns straight into kmcore requests, a block of rows and
//! one column at a time, without Python objects: typed views over string
//! (utf8, large_utf8, utf8_view, dictionary), boolean, integer,
//! date32/date64 and timestamp arrays.

use std::sync::Mutex;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Date64Type, Float64Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Date64Array, Float64Array, Int64Array,
    LargeStringArray, RecordBatch, StringArray, StringViewArray,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Schema, TimeUnit};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use crate::enums::Mirror;
use crate::facts::{FieldVisitor, visit_field};

use crate::time::pkt;
use kmcore::{AsOf, FactKey, FactType, Jurisdiction, KmError, Request, ServiceId};

/// The reserved input columns.
pub(crate) const SERVICE: &str = "service";
pub(crate) const JURISDICTION: &str = "jurisdiction";
pub(crate) const AS_OF: &str = "as_of";

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

/// A date32 column, read through one lookup table of every day from
/// 1900-01-01 to 2099-12-31 (73,049 dates, 285 KiB, built once per
/// process): a row's date costs one index instead of a calendar
/// conversion, and no column or part builds a table of its own.
pub(crate) struct Days<'a> {
    array: &'a Date32Array,
}

/// The first day of the table, as days since 1970-01-01.
const TABLE_FIRST: i32 = -25_567;
/// The number of days in the table.
const TABLE_DAYS: usize = 73_049;

fn day_table() -> &'static [NaiveDate] {
    static TABLE: std::sync::OnceLock<Vec<NaiveDate>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Vec::with_capacity(TABLE_DAYS);
        let mut day = date32(TABLE_FIRST);
        while let Some(d) = day {
            if table.len() == TABLE_DAYS {
                break;
            }
            table.push(d);
            day = d.succ_opt();
        }
        table
    })
}

impl<'a> Days<'a> {
    fn new(array: &'a Date32Array) -> Days<'a> {
        Days { array }
    }

    /// The date of row `i`: `Some(None)` when null, `None` when out of range.
    #[inline]
    fn get(&self, i: usize) -> Option<Option<NaiveDate>> {
        if self.array.is_null(i) {
            return Some(None);
        }
        let v = self.array.value(i);
        let slot = usize::try_from(i64::from(v) - i64::from(TABLE_FIRST)).ok();
        match slot.and_then(|k| day_table().get(k)) {
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

impl StrCol<'_> {
    /// The number of values, for a column that is not a dictionary.
    fn len(&self) -> usize {
        match self {
            StrCol::Utf8(a) => a.len(),
            StrCol::Large(a) => a.len(),
            StrCol::View(a) => a.len(),
            StrCol::Dict { keys, .. } => keys.len(),
        }
    }

    /// Row `i`'s key, for a dictionary column whose row `i` is not null.
    #[inline]
    fn dict_key(&self, i: usize) -> Option<usize> {
        match self {
            StrCol::Dict { keys, nulls, .. } if !nulls.as_ref().is_some_and(|n| n.is_null(i)) => {
                keys.get(i).copied()
            }
            _ => None,
        }
    }
}

/// What each value of a dictionary column parses to, filled as rows meet
/// them: a categorical column's cells are then read by key, not by string.
/// (Values that fail to parse are not kept: their rows fail on their own.)
pub(crate) struct ByKey<T> {
    parsed: Vec<Option<T>>,
}

/// The largest dictionary given a table by key (a choice column's
/// dictionary holds a handful of values).
const MAX_KEYED_VALUES: usize = 4096;

impl<T: Copy> ByKey<T> {
    pub(crate) fn new(col: &StrCol<'_>) -> ByKey<T> {
        let size = match col {
            StrCol::Dict { values, .. } if values.len() <= MAX_KEYED_VALUES => values.len(),
            _ => 0,
        };
        ByKey {
            parsed: vec![None; size],
        }
    }

    /// Row `i` of `col`, parsed (`None` when null).
    #[inline]
    pub(crate) fn get<E>(
        &mut self,
        col: &StrCol<'_>,
        i: usize,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, E> {
        let key = col.dict_key(i);
        if let Some(Some(v)) = key.and_then(|k| self.parsed.get(k)) {
            return Ok(Some(*v));
        }
        let Some(text) = col.get(i) else {
            return Ok(None);
        };
        let v = parse(text)?;
        if let Some(slot) = key.and_then(|k| self.parsed.get_mut(k)) {
            *slot = Some(v);
        }
        Ok(Some(v))
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
    /// Floats for an integer fact (numpy-backed frames store an integer
    /// column with nulls as float64): a whole value is read as an integer,
    /// NaN as null, anything else is a row error.
    Float(Float64Array),
    Date32(Days<'a>),
    Date64(&'a Date64Array),
    /// Timestamps (dates take the day in the column's zone).
    Ts(TsCol),
    Str(StrCol<'a>),
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
    pub facts: Vec<(FactKey, FactCol<'a>)>,
    /// For each (service, jurisdiction), whether that service reads each
    /// column of `facts` there (one of its required and optional facts). A
    /// row reads only those: the other cells of a wide table belong to other
    /// services' rows.
    pub relevant: Vec<Vec<bool>>,
    /// Offset of this batch's first row in the whole input.
    pub first_row: usize,
}

/// The slot of a (service, jurisdiction) pair in `Columns::relevant`.
fn slot(service: ServiceId, jurisdiction: Jurisdiction) -> usize {
    service as usize * Jurisdiction::ALL.len() + jurisdiction as usize
}

/// For every (service, jurisdiction), which of the fact columns it reads.
fn relevant_columns(facts: &[(FactKey, FactCol<'_>)]) -> Vec<Vec<bool>> {
    let slots = ServiceId::ALL.len() * Jurisdiction::ALL.len();
    let Ok(catalogue) = kmcore::Catalogue::embedded() else {
        // Without the catalogue every column is read for every row.
        return vec![vec![true; facts.len()]; slots];
    };
    let mut table = vec![Vec::new(); slots];
    for service in ServiceId::ALL {
        let info = catalogue.service(*service);
        for &j in Jurisdiction::ALL {
            let wanted = info.required_facts(j);
            let cols: Vec<bool> = facts
                .iter()
                .map(|(k, _)| wanted.contains(k) || info.optional_facts.contains(k))
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
    // Two columns of one name: which one kmcore read would depend on their
    // order, so refuse the input instead of picking one.
    let mut seen = std::collections::HashSet::with_capacity(names.len());
    let mut repeated: Vec<&str> = names.iter().copied().filter(|n| !seen.insert(*n)).collect();
    repeated.dedup();
    if !repeated.is_empty() {
        return Err(schema_error(
            "input.duplicate_column",
            format!(
                "column name(s) {} appear more than once; rename or drop the copies",
                repeated
                    .iter()
                    .map(|n| format!("`{}`", kmcore::excerpt(n)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
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
                    .map(|n| format!("`{}`", kmcore::excerpt(n)))
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
                    cols.facts.push((key, col));
                }
            }
        }
        cols.relevant = relevant_columns(&cols.facts);
        Ok(cols)
    }

    /// Writes rows `first..first + requests.len()` of the batch into
    /// `requests`, one column at a time, each fact through a direct field
    /// access, and only for the rows whose service reads it. A value kmcore
    /// refuses is the row's error; a problem only the binding sees is
    /// recorded in `side` and the row gets a placeholder error. A request
    /// whose service or jurisdiction differs from what an earlier block left
    /// in it starts from empty facts, so nothing of another service's row
    /// leaks into it (with the same service, the same columns overwrite
    /// every fact it reads).
    pub(crate) fn fill_block(
        &self,
        first: usize,
        requests: &mut [Request],
        errors: &mut [Option<KmError>],
        side: &SideErrors,
    ) {
        let previous: Vec<usize> = requests
            .iter()
            .map(|r| slot(r.service, r.jurisdiction))
            .collect();
        let mut block = Block {
            first,
            requests,
            errors,
            side,
            first_row: self.first_row,
        };
        enum_pass(
            &mut block,
            self.service.as_ref(),
            self.default_service,
            SERVICE,
            |r, v| r.service = v,
        );
        enum_pass(
            &mut block,
            self.jurisdiction.as_ref(),
            self.default_jurisdiction,
            JURISDICTION,
            |r, v| r.jurisdiction = v,
        );
        as_of_pass(&mut block, self.as_of.as_ref(), self.default_as_of);
        // The facts: a row's request keeps the facts an earlier block wrote
        // into it only when that row had the same service and jurisdiction
        // (the same columns overwrite them all); otherwise they are cleared.
        // Then, per group of rows with the same service and jurisdiction,
        // each column the group reads is written for its rows only.
        let mut slots = Vec::with_capacity(block.requests.len());
        for ((r, e), before) in block
            .requests
            .iter_mut()
            .zip(block.errors.iter())
            .zip(&previous)
        {
            let now = slot(r.service, r.jurisdiction);
            // A row with an error may have its service half written.
            if e.is_some() || now != *before {
                r.facts = kmcore::Facts::default();
            }
            slots.push(now);
        }
        let mut order = Vec::with_capacity(block.requests.len());
        kmcore::batch::group_by_service(block.requests, &mut order);
        let slot_of = |k: &u32| slots.get(*k as usize).copied();
        let groups = order
            .chunk_by(|a, b| slot_of(a) == slot_of(b))
            .filter_map(|rows| Some((slot_of(rows.first()?)?, rows)));
        for (group, rows) in groups {
            let Some(reads) = self.relevant.get(group) else {
                continue;
            };
            for ((key, col), read) in self.facts.iter().zip(reads) {
                if *read {
                    visit_field(
                        *key,
                        ColumnPass {
                            block: &mut block,
                            key: *key,
                            col,
                            rows,
                        },
                    );
                }
            }
        }
    }
}

/// Writes the `as_of` column (or the caller's default for a null cell)
/// into the block's requests, with one loop per kind of column.
fn as_of_pass(block: &mut Block<'_, '_>, col: Option<&AsOfCol<'_>>, default: Option<AsOf>) {
    let keep =
        |b: &Block<'_, '_>, i: usize, r: &mut Request, read: Option<AsOf>| match read.or(default) {
            Some(a) => {
                r.as_of = a;
                Ok(())
            }
            None => Err(b.side(i, "input.null: `as_of` is null (or out of range)".into())),
        };
    match col {
        None => block.pass(|b, i, r| keep(b, i, r, None)),
        Some(AsOfCol::Date32(a)) => {
            block.pass(|b, i, r| keep(b, i, r, a.get(i).flatten().map(AsOf::Date)));
        }
        Some(AsOfCol::Date64(a)) => block.pass(|b, i, r| {
            let read = a.is_valid(i).then(|| date64(a.value(i))).flatten();
            keep(b, i, r, read.map(AsOf::Date))
        }),
        Some(AsOfCol::Ts(t)) => {
            block.pass(|b, i, r| keep(b, i, r, t.instant(i).flatten().map(AsOf::Instant)));
        }
        Some(AsOfCol::Str(s)) => block.pass(|b, i, r| {
            let read = match s.get(i) {
                Some(text) => Some(text.parse::<AsOf>().map_err(Some)?),
                None => None,
            };
            keep(b, i, r, read)
        }),
    }
}

/// Writes the `service` or `jurisdiction` column (or the caller's default
/// for a null cell) into the block's requests.
fn enum_pass<M>(
    block: &mut Block<'_, '_>,
    col: Option<&StrCol<'_>>,
    default: Option<M>,
    name: &str,
    set: impl Fn(&mut Request, M),
) where
    M: Mirror + std::str::FromStr<Err = KmError>,
{
    let values = M::spellings();
    let keep =
        |b: &Block<'_, '_>, i: usize, r: &mut Request, read: Option<M>| match read.or(default) {
            Some(v) => {
                set(r, v);
                Ok(())
            }
            None => Err(b.side(i, format!("input.null: `{name}` is null"))),
        };
    // One loop per kind of column. A plain `utf8` column (pyarrow's
    // default for strings) is read straight from its offsets and bytes,
    // each cell matched against the values by its bytes.
    match col {
        Some(StrCol::Utf8(a)) => {
            let cells = Utf8Cells::of(a);
            block.pass(|b, i, r| {
                let read = cells.get(i).map(|c| values.parse(c)).transpose();
                keep(b, i, r, read.map_err(Some)?)
            });
        }
        Some(col) => {
            let mut by_key = ByKey::new(col);
            block.pass(|b, i, r| {
                let read = by_key.get(col, i, |s| values.parse(s.as_bytes()));
                keep(b, i, r, read.map_err(Some)?)
            });
        }
        None => block.pass(|b, i, r| keep(b, i, r, None)),
    }
}

/// The cells of a plain `utf8` column as bytes, read inline from its
/// offsets (a null cell, or offsets out of range, read as `None`).
struct Utf8Cells<'a> {
    offsets: &'a [i32],
    bytes: &'a [u8],
    nulls: Option<&'a NullBuffer>,
}

impl<'a> Utf8Cells<'a> {
    fn of(array: &'a StringArray) -> Utf8Cells<'a> {
        Utf8Cells {
            offsets: array.value_offsets(),
            bytes: array.value_data(),
            nulls: array.nulls(),
        }
    }

    #[inline]
    fn get(&self, i: usize) -> Option<&'a [u8]> {
        if self.nulls.is_some_and(|n| n.is_null(i)) {
            return None;
        }
        let (start, end) = (*self.offsets.get(i)?, *self.offsets.get(i + 1)?);
        self.bytes
            .get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
    }
}

/// The rows of one block being filled, with their errors.
struct Block<'b, 'r> {
    /// The first row of the block, within its record batch.
    first: usize,
    requests: &'b mut [Request],
    errors: &'b mut [Option<KmError>],
    side: &'r SideErrors,
    /// Offset of the record batch's first row in the whole input.
    first_row: usize,
}

impl Block<'_, '_> {
    /// Runs `write(block, i, request)` for each row `i` without an error;
    /// an error it returns (`None` for a binding-side one, already
    /// recorded) becomes the row's error.
    #[inline]
    fn pass(
        &mut self,
        mut write: impl FnMut(&Self, usize, &mut Request) -> Result<(), Option<KmError>>,
    ) {
        let requests = std::mem::take(&mut self.requests);
        for (k, r) in requests.iter_mut().enumerate() {
            if self.errors.get(k).is_some_and(Option::is_some) {
                continue;
            }
            if let Err(e) = write(self, self.first + k, r)
                && let Some(slot) = self.errors.get_mut(k)
            {
                *slot = Some(e.unwrap_or_else(placeholder));
            }
        }
        self.requests = requests;
    }

    /// Records a binding-side problem of row `i` (within the batch).
    fn side(&self, i: usize, message: String) -> Option<KmError> {
        if let Ok(mut list) = self.side.lock() {
            list.push((self.first_row + i, message));
        }
        None
    }
}

/// The error a row gets when the binding recorded its problem in `side`
/// (the `error` column shows the recorded text).
pub(crate) fn placeholder() -> KmError {
    kmcore::batch::row_error("the row could not be read")
}

/// Writes one fact column into some rows of a block (those of one service
/// and jurisdiction, in row order).
struct ColumnPass<'p, 'b, 'r, 'a> {
    block: &'p mut Block<'b, 'r>,
    key: FactKey,
    col: &'p FactCol<'a>,
    /// The rows, as indices into the block.
    rows: &'p [u32],
}

impl ColumnPass<'_, '_, '_, '_> {
    /// Writes `value(i)` into `field` of each of the rows (skipping a row
    /// that already has an error).
    #[inline]
    fn run<T>(
        self,
        field: impl Fn(&mut kmcore::Facts) -> &mut Option<T> + Copy,
        mut value: impl FnMut(usize) -> Result<Option<T>, CellError>,
    ) {
        let ColumnPass {
            block, key, rows, ..
        } = self;
        let first = block.first;
        for &k in rows {
            let k = k as usize;
            let Some(r) = block.requests.get_mut(k) else {
                continue;
            };
            if block.errors.get(k).is_some_and(Option::is_some) {
                continue;
            }
            match value(first + k) {
                Ok(v) => *field(&mut r.facts) = v,
                Err(e) => {
                    let error = match e {
                        CellError::Kmcore(e) => Some(e),
                        CellError::Binding(message) => {
                            if let Ok(mut list) = block.side.lock() {
                                list.push((
                                    block.first_row + first + k,
                                    format!("input.type: fact `{}`: {message}", key.as_str()),
                                ));
                            }
                            None
                        }
                    };
                    if let Some(slot) = block.errors.get_mut(k) {
                        *slot = Some(error.unwrap_or_else(placeholder));
                    }
                }
            }
        }
    }

    fn mismatch<T>(self, field: impl Fn(&mut kmcore::Facts) -> &mut Option<T> + Copy) {
        self.run(field, |_| {
            Err(CellError::Binding("column type does not match the fact"))
        });
    }
}

/// An integer fact's value from a float cell: NaN is null (how numpy-backed
/// frames write a missing integer), a whole number in `i64`'s range is the
/// value, anything else is the row's error.
fn whole(v: f64) -> Result<Option<i64>, CellError> {
    // 2^63 is exactly representable; every f64 below it in magnitude
    // converts to an i64 without saturating.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if v.is_nan() {
        Ok(None)
    } else if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
        Ok(Some(v as i64))
    } else {
        Err(CellError::Binding(
            "a float column value that is not a whole number (integer facts accept floats \
             only when every value is whole; NaN is null)",
        ))
    }
}

/// Why a cell could not be read: kmcore refused its value, or the binding
/// could not convert it.
enum CellError {
    Kmcore(KmError),
    Binding(&'static str),
}

impl From<KmError> for CellError {
    fn from(e: KmError) -> Self {
        CellError::Kmcore(e)
    }
}

impl FieldVisitor for ColumnPass<'_, '_, '_, '_> {
    type Out = ();

    fn bool(self, field: impl Fn(&mut kmcore::Facts) -> &mut Option<bool> + Copy) {
        match self.col {
            FactCol::Bool(a) => {
                let a = *a;
                self.run(field, |i| Ok(a.is_valid(i).then(|| a.value(i))));
            }
            FactCol::Null => self.run(field, |_| Ok(None)),
            _ => self.mismatch(field),
        }
    }

    fn int(self, field: impl Fn(&mut kmcore::Facts) -> &mut Option<i64> + Copy) {
        match self.col {
            FactCol::Int(a) => {
                let a = a.clone();
                self.run(field, |i| Ok(a.is_valid(i).then(|| a.value(i))));
            }
            FactCol::Float(a) => {
                let a = a.clone();
                self.run(field, |i| {
                    if a.is_null(i) {
                        return Ok(None);
                    }
                    whole(a.value(i))
                });
            }
            FactCol::Null => self.run(field, |_| Ok(None)),
            _ => self.mismatch(field),
        }
    }

    fn date(self, field: impl Fn(&mut kmcore::Facts) -> &mut Option<NaiveDate> + Copy) {
        match self.col {
            FactCol::Date32(days) => {
                self.run(field, |i| {
                    days.get(i).ok_or(CellError::Binding("date out of range"))
                });
            }
            FactCol::Date64(a) => {
                let a = *a;
                self.run(field, |i| {
                    if a.is_null(i) {
                        return Ok(None);
                    }
                    date64(a.value(i))
                        .map(Some)
                        .ok_or(CellError::Binding("date out of range"))
                });
            }
            FactCol::Ts(t) => self.run(field, |i| {
                t.instant(i)
                    .map(|v| v.map(|t| t.date_naive()))
                    .ok_or(CellError::Binding("timestamp out of range"))
            }),
            FactCol::Str(s) => self.run(field, |i| match s.get(i) {
                Some(text) => Ok(Some(kmcore::calendar::parse_date(text)?)),
                None => Ok(None),
            }),
            FactCol::Null => self.run(field, |_| Ok(None)),
            _ => self.mismatch(field),
        }
    }

    fn instant(
        self,
        field: impl Fn(&mut kmcore::Facts) -> &mut Option<DateTime<FixedOffset>> + Copy,
    ) {
        match self.col {
            FactCol::Ts(t) => self.run(field, |i| {
                t.instant(i)
                    .ok_or(CellError::Binding("timestamp out of range"))
            }),
            FactCol::Str(s) => self.run(field, |i| match s.get(i) {
                Some(text) => Ok(Some(kmcore::calendar::parse_instant(text)?)),
                None => Ok(None),
            }),
            FactCol::Null => self.run(field, |_| Ok(None)),
            _ => self.mismatch(field),
        }
    }

    fn choice<T: Mirror + std::str::FromStr<Err = KmError>>(
        self,
        field: impl Fn(&mut kmcore::Facts) -> &mut Option<T> + Copy,
    ) {
        // A cell is matched against the values by its bytes; one that is
        // not a value's exact spelling goes to the parser (which names the
        // error).
        let values = T::spellings();
        match self.col {
            FactCol::Str(StrCol::Utf8(a)) => {
                let cells = Utf8Cells::of(a);
                self.run(field, |i| {
                    Ok(cells.get(i).map(|c| values.parse(c)).transpose()?)
                });
            }
            FactCol::Str(s) => {
                let mut by_key = ByKey::<T>::new(s);
                self.run(field, |i| {
                    Ok(by_key.get(s, i, |text| values.parse(text.as_bytes()))?)
                });
            }
            FactCol::Null => self.run(field, |_| Ok(None)),
            _ => self.mismatch(field),
        }
    }

    fn text(self, field: impl Fn(&mut kmcore::Facts) -> &mut Option<String> + Copy) {
        match self.col {
            FactCol::Str(s) => self.run(field, |i| Ok(s.get(i).map(str::to_owned))),
            FactCol::Null => self.run(field, |_| Ok(None)),
            _ => self.mismatch(field),
        }
    }
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
            } else if dt.is_floating() {
                let floats = arrow_cast::cast(array, &DataType::Float64).map_err(|e| {
                    schema_error("input.column_type", format!("column `{name}`: {e}"))
                })?;
                Some(FactCol::Float(floats.as_primitive::<Float64Type>().clone()))
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
        FactType::Integer => "an integer type (or floats holding whole numbers)",
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
