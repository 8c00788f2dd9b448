//! Dates and instants between Python and kmcore.
//!
//! In: `datetime.date` (or an ISO `YYYY-MM-DD` string) for a date; an aware
//! `datetime.datetime` (or an RFC 3339 string) for an instant, keeping its
//! UTC offset. A naive datetime is taken as Pakistan Standard Time (+05:00),
//! the time every kmcore rule is written in. Out: `datetime.date`, and
//! `datetime.datetime` with a fixed-offset `timezone`.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateTime, PyDict, PyString};

use crate::errors::{IntoPyResult, invalid};
use kmcore::AsOf;

/// Pakistan Standard Time.
pub(crate) fn pkt() -> FixedOffset {
    kmcore::calendar::pkt_offset()
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// A date from a `datetime.date` (not a datetime) or an ISO string.
pub(crate) fn date_from_py(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveDate> {
    if let Ok(s) = obj.cast::<PyString>() {
        return kmcore::calendar::parse_date(&s.to_cow()?).into_py_result();
    }
    if obj.is_instance_of::<PyDateTime>() {
        return Err(invalid(
            "date.invalid",
            &format!("{what} is a date: pass a datetime.date, not a datetime ({obj})"),
        ));
    }
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>();
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a datetime.date or an ISO date string, not {}",
        type_name(obj)
    )))
}

/// An instant from a `datetime.datetime` (naive: Pakistan time) or an RFC 3339 string.
pub(crate) fn instant_from_py(
    obj: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<DateTime<FixedOffset>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return kmcore::calendar::parse_instant(&s.to_cow()?).into_py_result();
    }
    if obj.is_instance_of::<PyDateTime>() {
        return datetime_from_py(obj);
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a datetime.datetime or an RFC 3339 string, not {}",
        type_name(obj)
    )))
}

fn datetime_from_py(obj: &Bound<'_, PyAny>) -> PyResult<DateTime<FixedOffset>> {
    let py = obj.py();
    let offset = obj.call_method0("utcoffset")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("tzinfo", py.None())?;
    let naive: NaiveDateTime = obj.call_method("replace", (), Some(&kwargs))?.extract()?;
    let offset = if offset.is_none() {
        pkt()
    } else {
        let delta: Duration = offset.extract()?;
        i32::try_from(delta.num_seconds())
            .ok()
            .and_then(FixedOffset::east_opt)
            .ok_or_else(|| invalid("date.invalid", &format!("unsupported UTC offset in {obj}")))?
    };
    offset
        .from_local_datetime(&naive)
        .single()
        .ok_or_else(|| invalid("date.invalid", &format!("{obj} is not a valid instant")))
}

/// When a request is evaluated: a date, a datetime, or an ISO string.
pub(crate) fn as_of_from_py(obj: &Bound<'_, PyAny>) -> PyResult<AsOf> {
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow()?.parse::<AsOf>().into_py_result();
    }
    if obj.is_instance_of::<PyDateTime>() {
        return datetime_from_py(obj).map(AsOf::Instant);
    }
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>().map(AsOf::Date);
    }
    Err(PyTypeError::new_err(format!(
        "as_of must be a datetime.date, a datetime.datetime or an ISO string, not {}",
        type_name(obj)
    )))
}

/// An `AsOf` as `datetime.date` or `datetime.datetime`.
pub(crate) fn as_of_to_py<'py>(py: Python<'py>, as_of: AsOf) -> PyResult<Bound<'py, PyAny>> {
    match as_of {
        AsOf::Date(d) => Ok(d.into_pyobject(py)?.into_any()),
        AsOf::Instant(t) => Ok(t.into_pyobject(py)?.into_any()),
    }
}

/// A deadline as `datetime.date` or `datetime.datetime`.
pub(crate) fn deadline_to_py<'py>(
    py: Python<'py>,
    deadline: kmcore::Deadline,
) -> PyResult<Bound<'py, PyAny>> {
    match deadline {
        kmcore::Deadline::Date(d) => Ok(d.into_pyobject(py)?.into_any()),
        kmcore::Deadline::Instant(t) => Ok(t.into_pyobject(py)?.into_any()),
    }
}

/// The ISO text of an `AsOf` (for `repr`).
pub(crate) fn as_of_text(as_of: AsOf) -> String {
    match as_of {
        AsOf::Date(d) => d.to_string(),
        AsOf::Instant(t) => t.to_rfc3339(),
    }
}
