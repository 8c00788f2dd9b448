//! Dates and instants at the boundary: `chrono::NaiveDate` as a custom type
//! (Kotlin `java.time.LocalDate`, Swift `String`), `SystemTime` (Kotlin
//! `java.time.Instant`, Swift `Date`) to and from kmcore's
//! `DateTime<FixedOffset>` in Pakistan Standard Time.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::format::{Item, Numeric, Pad, Parsed};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::error::KmError;

// A calendar date, carried over the FFI as an ISO-8601 string. Kotlin maps it
// to java.time.LocalDate through uniffi.toml; Swift sees a String.
//
// A string that is not a date fails to lift with a `KmError` inside the
// anyhow error: UniFFI downcasts it, so a function returning
// `Result<_, KmError>` throws `KmError.InvalidInput` (code `date.parse`). A
// function that cannot fail gets an internal error instead (a Kotlin
// `InternalException`, and in Swift a `try!` trap), so every exported
// function taking a `NaiveDate` returns `Result<_, KmError>`.
//
// The format is `%Y-%m-%d` as chrono's items, so that no call re-parses a
// format string (that was a tenth of a fast-path call).
uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |date| date.format_with_items(ISO_DATE.iter()).to_string(),
    try_lift: |text| parse_iso_date(&text).map_err(|e| {
        uniffi::deps::anyhow::Error::new(KmError::invalid(
            "date.parse",
            format!("{text:?} is not a date (YYYY-MM-DD): {e}"),
        ))
    }),
});

/// `%Y-%m-%d`, as the items chrono's `StrftimeItems` makes of it.
const ISO_DATE: &[Item<'static>] = &[
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
];

/// `NaiveDate::parse_from_str(text, "%Y-%m-%d")` without parsing the format.
fn parse_iso_date(text: &str) -> chrono::ParseResult<NaiveDate> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, ISO_DATE.iter())?;
    parsed.to_naive_date()
}

/// Pakistan Standard Time, UTC+5 (no daylight saving).
pub(crate) fn pkt() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600).unwrap_or_else(|| Utc.fix())
}

use chrono::Offset as _;

/// An instant from the host, in Pakistan Standard Time.
///
/// # Errors
///
/// `InvalidInput` (`instant.range`) when chrono cannot hold it (beyond
/// about ±262,000 years).
pub(crate) fn to_instant(at: SystemTime) -> Result<DateTime<FixedOffset>, KmError> {
    let out_of_range = || KmError::invalid("instant.range", "the instant is out of range");
    let (secs, nanos) = match at.duration_since(UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).map_err(|_| out_of_range())?,
            after.subsec_nanos(),
        ),
        Err(before) => {
            let before = before.duration();
            let secs = i64::try_from(before.as_secs()).map_err(|_| out_of_range())?;
            match before.subsec_nanos() {
                0 => (-secs, 0),
                n => (-secs - 1, 1_000_000_000 - n),
            }
        }
    };
    DateTime::<Utc>::from_timestamp(secs, nanos)
        .map(|utc| utc.with_timezone(&pkt()))
        .ok_or_else(out_of_range)
}

/// A core instant for the host (the offset is dropped; the moment is kept).
pub(crate) fn from_instant(at: DateTime<FixedOffset>) -> SystemTime {
    let secs = at.timestamp();
    let nanos = at.timestamp_subsec_nanos();
    let moment = if secs >= 0 {
        UNIX_EPOCH.checked_add(Duration::new(secs.unsigned_abs(), nanos))
    } else {
        UNIX_EPOCH
            .checked_sub(Duration::from_secs(secs.unsigned_abs()))
            .and_then(|t| t.checked_add(Duration::from_nanos(u64::from(nanos))))
    };
    // Every chrono instant fits a SystemTime on the platforms we build for.
    moment.unwrap_or(UNIX_EPOCH)
}

/// The calendar date in Pakistan (PKT, UTC+5) at an instant: the date to
/// put in `Request.asOf` for "now".
///
/// # Errors
///
/// `InvalidInput` (`instant.range`) for an instant chrono cannot hold.
#[uniffi::export]
pub fn pakistan_date(at: SystemTime) -> Result<NaiveDate, KmError> {
    Ok(to_instant(at)?.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_in_pkt() {
        let at = UNIX_EPOCH + Duration::from_secs(19 * 3600);
        let pk = to_instant(at).unwrap();
        assert_eq!(pk.to_rfc3339(), "1970-01-02T00:00:00+05:00");
        assert_eq!(from_instant(pk), at);
        let before = UNIX_EPOCH - Duration::new(10, 250);
        assert_eq!(from_instant(to_instant(before).unwrap()), before);
        assert_eq!(
            pakistan_date(at).unwrap(),
            NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()
        );
        let far = UNIX_EPOCH + Duration::from_secs(31_556_889_864_403_199);
        assert!(
            matches!(to_instant(far), Err(KmError::InvalidInput { code, .. }) if code == "instant.range")
        );
    }

    #[test]
    fn a_bad_date_string_lifts_to_km_error() {
        use uniffi::{Lift, Lower};
        let lowered = <String as Lower<crate::UniFfiTag>>::lower("2025-02-30".to_string());
        let err = <NaiveDate as Lift<crate::UniFfiTag>>::try_lift(lowered).unwrap_err();
        let km = err.downcast::<KmError>().unwrap();
        assert!(matches!(km, KmError::InvalidInput { code, .. } if code == "date.parse"));
    }

    #[test]
    fn dates_read_and_write_as_the_format_string_does() {
        for text in [
            "2026-03-01",
            "2024-02-29",
            "0001-01-01",
            "9999-12-31",
            "+10000-01-01",
            "-0001-12-31",
            "2026-3-1",
            "2026-02-30",
            "2026-13-01",
            "2026/03/01",
            " 2026-03-01",
            "2026-03-01 ",
            "2026 -03-01",
            "",
            "x",
            "20260301",
        ] {
            let want = NaiveDate::parse_from_str(text, "%Y-%m-%d");
            assert_eq!(parse_iso_date(text), want, "{text:?}");
            if let Ok(date) = want {
                assert_eq!(
                    date.format_with_items(ISO_DATE.iter()).to_string(),
                    date.format("%Y-%m-%d").to_string()
                );
            }
        }
    }
}
