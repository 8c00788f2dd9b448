//! Date arithmetic by the project's conventions.
//!
//! Everything here is a pure function of its arguments: nothing reads the
//! clock. "Today" is always a date the caller passes in.
//!
//! - Ages and other completed years: [`years_between`], where a birthday on
//!   29 February is reached on 1 March in common years.
//! - Calendar arithmetic: [`add_days`], [`add_months`] and [`add_years`],
//!   which keep the day of the month when it exists and otherwise use the
//!   last day of the target month (31 August + 6 months = 28 February).
//! - Explanations: [`span_between`] gives "17 years 11 months 30 days".
//! - Working days: [`WorkingCalendar`], a weekend, a set of public
//!   holidays and, optionally, the range of dates it is known for.
//! - Pakistan Standard Time: [`pkt_offset`] (+05:00, no daylight saving),
//!   [`pkt_date`], and the parsers [`parse_date`] and [`parse_instant`].

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Bound;

use chrono::{
    DateTime, Datelike, FixedOffset, Months, NaiveDate, Offset, TimeDelta, TimeZone, Utc, Weekday,
};

use crate::error::excerpt;
use crate::error::{KmError, Result};

/// The offset of Pakistan Standard Time from UTC, in seconds (+05:00).
///
/// # Example
///
/// ```
/// assert_eq!(kmcore::calendar::PKT_OFFSET_SECONDS, 5 * 3600);
/// ```
pub const PKT_OFFSET_SECONDS: i32 = 5 * 3600;

/// Pakistan Standard Time, UTC+05:00. Pakistan observes no daylight saving.
///
/// # Example
///
/// ```
/// use kmcore::calendar::pkt_offset;
/// assert_eq!(pkt_offset().local_minus_utc(), 5 * 3600);
/// assert_eq!(pkt_offset().to_string(), "+05:00");
/// ```
pub fn pkt_offset() -> FixedOffset {
    // +05:00 is always a valid offset; the fallback is never used.
    FixedOffset::east_opt(PKT_OFFSET_SECONDS).unwrap_or_else(|| Utc.fix())
}

/// The calendar date in Pakistan at an instant given in any offset.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{parse_instant, pkt_date};
/// let late_utc = parse_instant("2025-01-31T20:30:00Z").unwrap();
/// assert_eq!(pkt_date(&late_utc).to_string(), "2025-02-01");
/// ```
pub fn pkt_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDate {
    // Near the end of chrono's range the local time may not exist: the
    // last date stands in, so that this never panics. Such instants are
    // refused at the boundary (see [`check_instant`]).
    instant
        .naive_utc()
        .checked_add_offset(pkt_offset())
        .map_or(NaiveDate::MAX, |t| t.date())
}

/// The earliest year an instant may fall in (UTC).
pub const FIRST_YEAR: i32 = 1;
/// The latest year an instant may fall in (UTC).
pub const LAST_YEAR: i32 = 9999;

/// Checks that an instant can be used and written back exactly: its UTC
/// year is within [`FIRST_YEAR`]..=[`LAST_YEAR`] (so its Pakistan time, and
/// every date the rules derive from it, exists), and its offset is a whole
/// number of minutes (RFC 3339 writes no seconds in an offset).
///
/// # Errors
///
/// `InvalidInput` with code `date.out_of_range` or `date.offset_seconds`.
///
/// # Example
///
/// ```
/// use chrono::{DateTime, FixedOffset, Utc};
/// use kmcore::calendar::{check_instant, parse_instant};
/// check_instant(&parse_instant("2025-01-01T10:00:00+05:00").unwrap()).unwrap();
/// let far = DateTime::<Utc>::MAX_UTC.with_timezone(&FixedOffset::east_opt(5 * 3600).unwrap());
/// assert_eq!(check_instant(&far).unwrap_err().code(), "date.out_of_range");
/// let odd = far.with_timezone(&FixedOffset::east_opt(30).unwrap());
/// assert!(check_instant(&odd).is_err());
/// ```
#[inline]
pub fn check_instant(instant: &DateTime<FixedOffset>) -> Result<()> {
    // Every fact and as-of instant passes through here: the usual case is
    // two comparisons, inlined, and the errors are built out of line.
    let year = instant.naive_utc().year();
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) && instant.offset().local_minus_utc() % 60 == 0 {
        Ok(())
    } else {
        instant_refused(instant)
    }
}

/// The error [`check_instant`] gives.
#[cold]
#[inline(never)]
fn instant_refused(instant: &DateTime<FixedOffset>) -> Result<()> {
    let year = instant.naive_utc().year();
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(KmError::invalid(
            "date.out_of_range",
            format!(
                "an instant in year {year} is out of range (years {FIRST_YEAR} to {LAST_YEAR})"
            ),
        ));
    }
    let offset = instant.offset().local_minus_utc();
    if offset % 60 != 0 {
        return Err(KmError::invalid(
            "date.offset_seconds",
            format!(
                "the offset of {}Z{offset:+}s has seconds: give offsets in whole minutes",
                instant.naive_utc()
            ),
        ));
    }
    Ok(())
}

/// Parses an ISO 8601 calendar date, exactly `YYYY-MM-DD`.
///
/// # Errors
///
/// An `InvalidInput` error with code `date.invalid` when the text is not
/// four digits, a hyphen, two digits, a hyphen and two digits (surrounding
/// spaces included), or names no real day (`2025-02-29`). The message names
/// the bad value.
///
/// # Example
///
/// ```
/// use kmcore::calendar::parse_date;
/// assert_eq!(parse_date("2024-02-29").unwrap().to_string(), "2024-02-29");
/// let err = parse_date("2025-02-29").unwrap_err();
/// assert_eq!(err.code(), "date.invalid");
/// assert!(err.message().contains("2025-02-29"));
/// assert!(parse_date("2025-2-1").is_err());
/// ```
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let bad =
        |what: &str| KmError::invalid("date.invalid", format!("`{}` is not {what}", excerpt(s)));
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *s.as_bytes() else {
        return Err(bad("a date in the form YYYY-MM-DD"));
    };
    let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad("a date in the form YYYY-MM-DD"));
    }
    let number = |ds: &[u8]| {
        ds.iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d.saturating_sub(b'0')))
    };
    let year = i32::try_from(number(&[y1, y2, y3, y4])).unwrap_or_default();
    NaiveDate::from_ymd_opt(year, number(&[m1, m2]), number(&[d1, d2]))
        .ok_or_else(|| bad("a day of the calendar"))
}

/// Parses an RFC 3339 timestamp with any offset, such as
/// `2025-01-01T10:00:00+05:00` or `2025-01-01T05:00:00Z`. The offset is
/// kept as given.
///
/// # Errors
///
/// An `InvalidInput` error with code `date.invalid` when the text is not an
/// RFC 3339 timestamp (the message names the bad value), or as
/// [`check_instant`] when it is out of range.
///
/// # Example
///
/// ```
/// use kmcore::calendar::parse_instant;
/// let a = parse_instant("2025-01-01T10:00:00+05:00").unwrap();
/// let b = parse_instant("2025-01-01T05:00:00Z").unwrap();
/// assert_eq!(a, b);
/// assert_eq!(a.offset().local_minus_utc(), 5 * 3600);
/// assert_eq!(parse_instant("2025-01-01").unwrap_err().code(), "date.invalid");
/// ```
pub fn parse_instant(s: &str) -> Result<DateTime<FixedOffset>> {
    let instant = DateTime::parse_from_rfc3339(s).map_err(|e| {
        KmError::invalid(
            "date.invalid",
            format!("`{}` is not an RFC 3339 timestamp: {e}", excerpt(s)),
        )
    })?;
    check_instant(&instant)?;
    Ok(instant)
}

/// Completed years from `start` to `as_of`: an age when `start` is a date
/// of birth.
///
/// It is `as_of.year - start.year`, less one when `as_of`'s (month, day)
/// comes before `start`'s. So a birthday on 29 February is reached on
/// 1 March in common years and on 29 February in leap years.
///
/// When `as_of` is before `start` the same formula gives a negative number
/// (-1 for the day before `start`, -1 for a year before less a day, -2 a
/// year and a day before). The result never decreases as `as_of` moves
/// later.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{parse_date, years_between};
/// let born = parse_date("2008-02-29").unwrap();
/// assert_eq!(years_between(born, parse_date("2026-02-28").unwrap()), 17);
/// assert_eq!(years_between(born, parse_date("2026-03-01").unwrap()), 18);
/// assert_eq!(years_between(born, parse_date("2008-02-28").unwrap()), -1);
/// ```
pub fn years_between(start: NaiveDate, as_of: NaiveDate) -> i32 {
    let before = (as_of.month(), as_of.day()) < (start.month(), start.day());
    as_of.year() - start.year() - i32::from(before)
}

/// The first day on which `years` whole years have passed since `start`
/// (as [`years_between`] counts them): the same day `years` later, or
/// 1 March when `start` is 29 February and that year is not a leap year.
/// `None` past chrono's range.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{anniversary, years_between};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// assert_eq!(anniversary(d("2008-02-29"), 18), Some(d("2026-03-01")));
/// assert_eq!(anniversary(d("2008-02-29"), 16), Some(d("2024-02-29")));
/// assert_eq!(years_between(d("2008-02-29"), d("2026-03-01")), 18);
/// assert_eq!(years_between(d("2008-02-29"), d("2026-02-28")), 17);
/// ```
pub fn anniversary(start: NaiveDate, years: i64) -> Option<NaiveDate> {
    let year = i32::try_from(i64::from(start.year()).checked_add(years)?).ok()?;
    NaiveDate::from_ymd_opt(year, start.month(), start.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// Days from `start` to `as_of`: positive when `as_of` is later, negative
/// when it is earlier, 0 on the same day.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{days_between, parse_date};
/// let a = parse_date("2024-02-01").unwrap();
/// let b = parse_date("2024-03-01").unwrap();
/// assert_eq!(days_between(a, b), 29);
/// assert_eq!(days_between(b, a), -29);
/// ```
pub fn days_between(start: NaiveDate, as_of: NaiveDate) -> i64 {
    as_of.signed_duration_since(start).num_days()
}

fn out_of_range(date: NaiveDate, what: fmt::Arguments<'_>) -> KmError {
    KmError::invalid(
        "date.out_of_range",
        format!("{date} plus {what} is outside the supported range of dates"),
    )
}

/// The date `days` days after `date` (before it when `days` is negative).
///
/// # Errors
///
/// An `InvalidInput` error with code `date.out_of_range` when the result is
/// outside the range of dates the library supports (about 262,000 years
/// either side of year 0).
///
/// # Example
///
/// ```
/// use kmcore::calendar::{add_days, parse_date};
/// let d = parse_date("2024-12-31").unwrap();
/// assert_eq!(add_days(d, 1).unwrap().to_string(), "2025-01-01");
/// assert_eq!(add_days(d, -366).unwrap().to_string(), "2023-12-31");
/// assert_eq!(add_days(d, i64::MAX).unwrap_err().code(), "date.out_of_range");
/// ```
pub fn add_days(date: NaiveDate, days: i64) -> Result<NaiveDate> {
    TimeDelta::try_days(days)
        .and_then(|delta| date.checked_add_signed(delta))
        .ok_or_else(|| out_of_range(date, format_args!("{days} days")))
}

/// The date `months` calendar months after `date`.
///
/// The day of the month is kept when the target month has it; otherwise
/// the last day of the target month is used: 31 January + 1 month is 28 or
/// 29 February, 31 August + 6 months is 28 (or 29) February, 30 April +
/// 1 month is 30 May.
///
/// # Errors
///
/// An `InvalidInput` error with code `date.out_of_range` when the result is
/// outside the supported range of dates.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{add_months, parse_date};
/// let d = parse_date("2025-08-31").unwrap();
/// assert_eq!(add_months(d, 6).unwrap().to_string(), "2026-02-28");
/// assert_eq!(add_months(d, u32::MAX).unwrap_err().code(), "date.out_of_range");
/// ```
pub fn add_months(date: NaiveDate, months: u32) -> Result<NaiveDate> {
    date.checked_add_months(Months::new(months))
        .ok_or_else(|| out_of_range(date, format_args!("{months} months")))
}

/// Whether `date` is on or before `add_months(start, months)`, decided
/// without building that date: on or before it means an earlier month, or
/// the same month and a day no later than `start`'s (a day that the
/// target month lacks clamps to its last day, which every day of that
/// month is on or before).
///
/// # Errors
///
/// As [`add_months`], when `start + months` is outside the supported range.
pub(crate) fn within_months(start: NaiveDate, months: u32, date: NaiveDate) -> Result<bool> {
    let target = i64::from(start.year()) * 12 + i64::from(start.month0()) + i64::from(months);
    if target / 12 >= i64::from(NaiveDate::MAX.year()) {
        return add_months(start, months).map(|last| date <= last);
    }
    let month = i64::from(date.year()) * 12 + i64::from(date.month0());
    Ok((month, date.day()) <= (target, start.day()))
}

/// The date `years` years after `date`: the same as
/// `add_months(date, 12 * years)`, so 29 February + 1 year is 28 February.
///
/// # Errors
///
/// An `InvalidInput` error with code `date.out_of_range` when the result is
/// outside the supported range of dates.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{add_years, parse_date};
/// let d = parse_date("2024-02-29").unwrap();
/// assert_eq!(add_years(d, 1).unwrap().to_string(), "2025-02-28");
/// assert_eq!(add_years(d, 4).unwrap().to_string(), "2028-02-29");
/// assert!(add_years(d, u32::MAX).is_err());
/// ```
pub fn add_years(date: NaiveDate, years: u32) -> Result<NaiveDate> {
    years
        .checked_mul(12)
        .ok_or_else(|| out_of_range(date, format_args!("{years} years")))
        .and_then(|months| add_months(date, months))
}

/// A length of time in whole years, months and days, for explaining a
/// decision ("the applicant is 17 years 11 months 30 days old").
///
/// `Display` omits the parts that are zero and uses singular forms for 1:
/// `17 years 11 months`, `1 year 1 month 1 day`, and `0 days` when all three
/// are zero.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{parse_date, span_between, Span};
/// let span = span_between(parse_date("2008-02-29").unwrap(), parse_date("2026-02-28").unwrap());
/// assert_eq!(span, Span { years: 17, months: 11, days: 30 });
/// assert_eq!(span.to_string(), "17 years 11 months 30 days");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
pub struct Span {
    /// Whole years.
    pub years: u32,
    /// Whole months beyond the years (0 to 11 in a computed span).
    pub months: u32,
    /// Days beyond the months (0 to 30 in a computed span).
    pub days: u32,
}

impl Span {
    /// No time at all.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::Span;
    /// assert_eq!(Span::ZERO.to_string(), "0 days");
    /// ```
    pub const ZERO: Span = Span {
        years: 0,
        months: 0,
        days: 0,
    };

    /// True when all three parts are zero.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, span_between};
    /// let d = parse_date("2025-01-01").unwrap();
    /// assert!(span_between(d, d).is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        *self == Span::ZERO
    }

    /// The years and months as a number of months (`years * 12 + months`),
    /// saturating at `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::Span;
    /// assert_eq!(Span { years: 2, months: 3, days: 9 }.total_months(), 27);
    /// ```
    pub fn total_months(&self) -> u64 {
        u64::from(self.years)
            .saturating_mul(12)
            .saturating_add(u64::from(self.months))
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0 days");
        }
        let parts = [
            (self.years, "year", "years"),
            (self.months, "month", "months"),
            (self.days, "day", "days"),
        ];
        let mut first = true;
        for (n, one, many) in parts {
            if n == 0 {
                continue;
            }
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            write!(f, "{n} {}", if n == 1 { one } else { many })?;
        }
        Ok(())
    }
}

/// The time from `start` to `end` as whole years, months and days.
///
/// Whole months are counted first, then the days left over:
/// the months are those from `start`'s month to `end`'s, less one when
/// `end`'s day of the month comes before `start`'s; the days run from
/// `add_months(start, months)` to `end`. The years agree with
/// [`years_between`]: someone born on 29 February 2008 is
/// `17 years 11 months 30 days` old on 28 February 2026 and
/// `18 years 1 day` on 1 March 2026.
///
/// The span has no sign: when `end` is before `start` the two are swapped.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{parse_date, span_between};
/// let a = parse_date("2024-01-31").unwrap();
/// let b = parse_date("2025-03-01").unwrap();
/// assert_eq!(span_between(a, b).to_string(), "1 year 1 month 1 day");
/// assert_eq!(span_between(b, a), span_between(a, b));
/// ```
pub fn span_between(start: NaiveDate, end: NaiveDate) -> Span {
    let (start, end) = if end < start {
        (end, start)
    } else {
        (start, end)
    };
    let borrow = end.day() < start.day();
    let months = i64::from(end.year() - start.year()) * 12 + i64::from(end.month())
        - i64::from(start.month())
        - i64::from(borrow);
    let months = u32::try_from(months).unwrap_or_default();
    // The days from `start` plus `months` whole months (the day clamped to
    // the month's end, as `checked_add_months` does) to `end`: without a
    // borrow that day is in `end`'s month; with one it is in the month
    // before, whose length decides the clamp.
    let days = if borrow {
        let (year, month) = match end.month() {
            1 => (end.year() - 1, 12),
            m => (end.year(), m - 1),
        };
        let length = days_in_month(year, month);
        length - start.day().min(length) + end.day()
    } else {
        end.day() - start.day()
    };
    Span {
        years: months / 12,
        months: months % 12,
        days,
    }
}

/// The number of days in a month of the proleptic Gregorian calendar.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Which days are working days: every day but the weekend days and the
/// public holidays.
///
/// The weekend is Saturday and Sunday unless set otherwise with
/// [`WorkingCalendar::with_weekend`]. Holidays are kept sorted, so every
/// question is answered without walking the calendar day by day.
///
/// A calendar may know its days only over a range of dates (see
/// [`WorkingCalendar::with_coverage`]): the holidays of a year that no
/// notification has listed yet are not known, so a count that runs over
/// such a day is not known either. [`WorkingCalendar::add_working_days_known`]
/// and [`WorkingCalendar::working_days_between_known`] answer `None` then;
/// [`WorkingCalendar::add_working_days`] and
/// [`WorkingCalendar::working_days_between`] count every day outside the
/// range with the weekend alone.
///
/// Serde reads and writes `{"weekend": ["Sat", "Sun"], "holidays":
/// ["2025-08-14"], "covered_from": "2024-01-01", "covered_to":
/// "2026-12-31"}`; a missing `weekend` means Saturday and Sunday, a
/// missing `holidays` means none, and missing `covered_from` and
/// `covered_to` mean every date is covered.
///
/// # Example
///
/// ```
/// use kmcore::calendar::{parse_date, WorkingCalendar};
/// let independence_day = parse_date("2025-08-14").unwrap(); // a Thursday
/// let cal = WorkingCalendar::new().with_holidays([independence_day]);
/// let wednesday = parse_date("2025-08-13").unwrap();
/// // Thursday is a holiday, Saturday and Sunday are the weekend.
/// assert_eq!(cal.add_working_days(wednesday, 2).unwrap().to_string(), "2025-08-18");
/// assert_eq!(cal.working_days_between(wednesday, parse_date("2025-08-18").unwrap()), 2);
/// ```
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(from = "CalendarRecord", into = "CalendarRecord")]
pub struct WorkingCalendar {
    holidays: BTreeSet<NaiveDate>,
    /// One bit per weekday, bit 0 for Monday.
    weekend: u8,
    /// The first and last days the calendar knows; every day when `None`.
    coverage: Option<(NaiveDate, NaiveDate)>,
}

const SATURDAY_SUNDAY: u8 = (1 << 5) | (1 << 6);

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn weekday_bit(day: Weekday) -> u8 {
    1 << day.num_days_from_monday()
}

impl Default for WorkingCalendar {
    fn default() -> WorkingCalendar {
        WorkingCalendar::new()
    }
}

impl fmt::Debug for WorkingCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkingCalendar")
            .field("weekend", &self.weekend())
            .field("holidays", &self.holidays)
            .field("coverage", &self.coverage)
            .finish()
    }
}

impl WorkingCalendar {
    /// A calendar with Saturday and Sunday as the weekend and no holidays.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let cal = WorkingCalendar::new();
    /// assert!(!cal.is_working_day(parse_date("2025-08-16").unwrap())); // Saturday
    /// assert!(cal.is_working_day(parse_date("2025-08-15").unwrap())); // Friday
    /// ```
    pub fn new() -> WorkingCalendar {
        WorkingCalendar {
            holidays: BTreeSet::new(),
            weekend: SATURDAY_SUNDAY,
            coverage: None,
        }
    }

    /// The same calendar, known only from `first` to `last` (both
    /// included): the days whose holidays have been notified. When `last`
    /// is before `first`, no day is covered.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let d = |s| parse_date(s).unwrap();
    /// let cal = WorkingCalendar::new().with_coverage(d("2024-01-01"), d("2026-12-31"));
    /// assert!(cal.covers(d("2026-12-31")));
    /// assert!(!cal.covers(d("2027-01-01")));
    /// assert_eq!(cal.coverage(), Some((d("2024-01-01"), d("2026-12-31"))));
    /// ```
    #[must_use]
    pub fn with_coverage(mut self, first: NaiveDate, last: NaiveDate) -> WorkingCalendar {
        self.coverage = Some((first, last));
        self
    }

    /// The first and last days the calendar knows, or `None` when it
    /// knows every day.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::WorkingCalendar;
    /// assert_eq!(WorkingCalendar::new().coverage(), None);
    /// ```
    pub fn coverage(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.coverage
    }

    /// True when the calendar knows whether `date` is a working day.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let d = |s| parse_date(s).unwrap();
    /// assert!(WorkingCalendar::new().covers(d("1900-01-01")));
    /// let cal = WorkingCalendar::new().with_coverage(d("2025-01-01"), d("2025-12-31"));
    /// assert!(!cal.covers(d("2024-12-31")));
    /// ```
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.coverage
            .is_none_or(|(first, last)| first <= date && date <= last)
    }

    /// True when every day in `(start, end]` is covered.
    fn covers_after(&self, start: NaiveDate, end: NaiveDate) -> bool {
        match self.coverage {
            None => true,
            Some(_) if end <= start => true,
            Some((first, last)) => start >= first.pred_opt().unwrap_or(first) && end <= last,
        }
    }

    /// The same calendar with exactly these weekend days (replacing the
    /// previous ones). An empty set makes every day but the holidays a
    /// working day; a set of all seven days leaves no working day, and
    /// [`WorkingCalendar::add_working_days`] then fails.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let cal = WorkingCalendar::new().with_weekend([Weekday::Fri]);
    /// assert!(cal.is_working_day(parse_date("2025-08-16").unwrap())); // Saturday
    /// assert!(!cal.is_working_day(parse_date("2025-08-15").unwrap())); // Friday
    /// ```
    #[must_use]
    pub fn with_weekend(mut self, days: impl IntoIterator<Item = Weekday>) -> WorkingCalendar {
        self.weekend = days.into_iter().fold(0, |bits, d| bits | weekday_bit(d));
        self
    }

    /// The same calendar with these public holidays added.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let pakistan_day = parse_date("2025-03-23").unwrap();
    /// let cal = WorkingCalendar::new().with_holidays([pakistan_day]);
    /// assert!(cal.is_holiday(pakistan_day));
    /// ```
    #[must_use]
    pub fn with_holidays(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> WorkingCalendar {
        self.holidays.extend(dates);
        self
    }

    /// Adds one public holiday; false when it was already there.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let mut cal = WorkingCalendar::new();
    /// let labour_day = parse_date("2025-05-01").unwrap();
    /// assert!(cal.add_holiday(labour_day));
    /// assert!(!cal.add_holiday(labour_day));
    /// ```
    pub fn add_holiday(&mut self, date: NaiveDate) -> bool {
        self.holidays.insert(date)
    }

    /// The public holidays, earliest first.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let a = parse_date("2025-12-25").unwrap();
    /// let b = parse_date("2025-02-05").unwrap();
    /// let cal = WorkingCalendar::new().with_holidays([a, b]);
    /// assert_eq!(cal.holidays().collect::<Vec<_>>(), vec![b, a]);
    /// ```
    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }

    /// The weekend days, Monday first.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use kmcore::calendar::WorkingCalendar;
    /// assert_eq!(WorkingCalendar::new().weekend(), vec![Weekday::Sat, Weekday::Sun]);
    /// ```
    pub fn weekend(&self) -> Vec<Weekday> {
        WEEKDAYS
            .into_iter()
            .filter(|&d| self.is_weekend_day(d))
            .collect()
    }

    fn is_weekend_day(&self, day: Weekday) -> bool {
        self.weekend & weekday_bit(day) != 0
    }

    /// How many days of each week are not weekend days (0 to 7).
    fn open_days_per_week(&self) -> u32 {
        7 - (self.weekend & 0x7f).count_ones()
    }

    /// True when the date falls on a weekend day.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// assert!(WorkingCalendar::new().is_weekend(parse_date("2025-08-17").unwrap()));
    /// ```
    pub fn is_weekend(&self, date: NaiveDate) -> bool {
        self.is_weekend_day(date.weekday())
    }

    /// True when the date is one of the public holidays.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let d = parse_date("2025-08-14").unwrap();
    /// assert!(!WorkingCalendar::new().is_holiday(d));
    /// assert!(WorkingCalendar::new().with_holidays([d]).is_holiday(d));
    /// ```
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }

    /// True when the date is neither a weekend day nor a holiday.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let d = parse_date("2025-08-14").unwrap(); // a Thursday
    /// let cal = WorkingCalendar::new();
    /// assert!(cal.is_working_day(d));
    /// assert!(!cal.clone().with_holidays([d]).is_working_day(d));
    /// ```
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.is_weekend(date) && !self.is_holiday(date)
    }

    /// Holidays in `(after, until]` that are not weekend days.
    fn weekday_holidays(&self, after: NaiveDate, until: NaiveDate) -> u64 {
        if until <= after {
            return 0;
        }
        let count = self
            .holidays
            .range((Bound::Excluded(after), Bound::Included(until)))
            .filter(|&&d| !self.is_weekend(d))
            .count();
        u64::try_from(count).unwrap_or(u64::MAX)
    }

    /// The `k`-th day after `from` that is not a weekend day, ignoring
    /// holidays. `k` is at least 1 and `per_week` is at least 1.
    fn nth_open_weekday_after(&self, from: NaiveDate, k: u64, per_week: u64) -> Result<NaiveDate> {
        let full_weeks = k.saturating_sub(1) / per_week;
        let mut left = k.saturating_sub(full_weeks.saturating_mul(per_week));
        let mut offset = full_weeks.saturating_mul(7);
        let mut day = from.weekday();
        // `left` is 1..=per_week, so at most 7 more days are needed.
        for _ in 0..7 {
            if left == 0 {
                break;
            }
            day = day.succ();
            offset = offset.saturating_add(1);
            if !self.is_weekend_day(day) {
                left -= 1;
            }
        }
        i64::try_from(offset)
            .ok()
            .and_then(TimeDelta::try_days)
            .and_then(|delta| from.checked_add_signed(delta))
            .ok_or_else(|| out_of_range(from, format_args!("{k} working days")))
    }

    /// The `n`-th working day after `start`; `start` itself is not counted,
    /// so `n = 0` gives `start` (even when it is not a working day) and
    /// `n = 1` the next working day.
    ///
    /// The answer is computed week by week and holiday by holiday, not day
    /// by day, so a large `n` costs no more than a small one.
    ///
    /// # Errors
    ///
    /// An `InvalidInput` error with code `calendar.no_working_days` when
    /// `n >= 1` and every day of the week is a weekend day, and with code
    /// `date.out_of_range` when the answer is outside the supported range
    /// of dates.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let friday = parse_date("2025-08-15").unwrap();
    /// let cal = WorkingCalendar::new();
    /// assert_eq!(cal.add_working_days(friday, 0).unwrap(), friday);
    /// assert_eq!(cal.add_working_days(friday, 1).unwrap().to_string(), "2025-08-18");
    /// assert_eq!(cal.add_working_days(friday, 10).unwrap().to_string(), "2025-08-29");
    /// use Weekday::*;
    /// let never = WorkingCalendar::new().with_weekend([Mon, Tue, Wed, Thu, Fri, Sat, Sun]);
    /// assert_eq!(never.add_working_days(friday, 1).unwrap_err().code(), "calendar.no_working_days");
    /// ```
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate> {
        if n == 0 {
            return Ok(start);
        }
        let per_week = u64::from(self.open_days_per_week());
        if per_week == 0 {
            return Err(KmError::invalid(
                "calendar.no_working_days",
                "the working calendar has no working days: every day of the week is a weekend day",
            ));
        }
        // Jump over `remaining` open weekdays, then make up for the holidays
        // jumped over. Each round consumes holidays of a later stretch of
        // dates, so there are at most (number of holidays + 1) rounds.
        let mut current = start;
        let mut remaining = u64::from(n);
        while remaining > 0 {
            let next = self.nth_open_weekday_after(current, remaining, per_week)?;
            remaining = self.weekday_holidays(current, next);
            current = next;
        }
        Ok(current)
    }

    /// The number of working days in `(start, end]`: after `start`, up to and
    /// including `end`. 0 when `end` is not after `start`.
    ///
    /// For `n >= 1`, `working_days_between(start, add_working_days(start, n))`
    /// is `n`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let cal = WorkingCalendar::new().with_holidays([parse_date("2025-08-14").unwrap()]);
    /// let start = parse_date("2025-08-08").unwrap(); // a Friday
    /// let end = parse_date("2025-08-22").unwrap(); // two weeks later
    /// assert_eq!(cal.working_days_between(start, end), 9);
    /// assert_eq!(cal.working_days_between(end, start), 0);
    /// ```
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> i64 {
        if end <= start {
            return 0;
        }
        let total = days_between(start, end);
        let per_week = i64::from(self.open_days_per_week());
        let mut count = (total / 7).saturating_mul(per_week);
        let mut day = start.weekday();
        for _ in 0..(total % 7) {
            day = day.succ();
            if !self.is_weekend_day(day) {
                count += 1;
            }
        }
        let holidays = i64::try_from(self.weekday_holidays(start, end)).unwrap_or(i64::MAX);
        count.saturating_sub(holidays)
    }

    /// As [`WorkingCalendar::add_working_days`], but `None` (not known)
    /// when a day counted, from the day after `start` to the answer, is
    /// outside the calendar's coverage. `n = 0` gives `start`.
    ///
    /// # Errors
    ///
    /// As [`WorkingCalendar::add_working_days`].
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let d = |s| parse_date(s).unwrap();
    /// let cal = WorkingCalendar::new().with_coverage(d("2024-01-01"), d("2026-12-31"));
    /// // Wednesday 30 December 2026: the second working day after it is in 2027.
    /// assert_eq!(cal.add_working_days_known(d("2026-12-30"), 1).unwrap(), Some(d("2026-12-31")));
    /// assert_eq!(cal.add_working_days_known(d("2026-12-30"), 2).unwrap(), None);
    /// assert_eq!(cal.add_working_days_known(d("2027-03-01"), 0).unwrap(), Some(d("2027-03-01")));
    /// ```
    pub fn add_working_days_known(&self, start: NaiveDate, n: u32) -> Result<Option<NaiveDate>> {
        let end = self.add_working_days(start, n)?;
        Ok(self.covers_after(start, end).then_some(end))
    }

    /// As [`WorkingCalendar::working_days_between`], but `None` (not known)
    /// when a day in `(start, end]` is outside the calendar's coverage.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::calendar::{parse_date, WorkingCalendar};
    /// let d = |s| parse_date(s).unwrap();
    /// let cal = WorkingCalendar::new().with_coverage(d("2025-01-01"), d("2025-12-31"));
    /// assert_eq!(cal.working_days_between_known(d("2025-08-08"), d("2025-08-22")), Some(10));
    /// assert_eq!(cal.working_days_between_known(d("2025-12-26"), d("2026-01-02")), None);
    /// assert_eq!(cal.working_days_between_known(d("2026-01-02"), d("2025-12-26")), Some(0));
    /// ```
    pub fn working_days_between_known(&self, start: NaiveDate, end: NaiveDate) -> Option<i64> {
        self.covers_after(start, end)
            .then(|| self.working_days_between(start, end))
    }
}

/// The serde and JSON Schema form of a [`WorkingCalendar`].
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct CalendarRecord {
    /// The weekend days; Saturday and Sunday when absent.
    #[serde(default = "default_weekend")]
    weekend: Vec<Weekday>,
    /// The public holidays, as `YYYY-MM-DD`.
    #[serde(default)]
    holidays: Vec<NaiveDate>,
    /// The first day the calendar knows; with `covered_to`. Every day is
    /// covered when both are absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    covered_from: Option<NaiveDate>,
    /// The last day the calendar knows; with `covered_from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    covered_to: Option<NaiveDate>,
}

fn default_weekend() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

impl From<CalendarRecord> for WorkingCalendar {
    fn from(r: CalendarRecord) -> WorkingCalendar {
        let cal = WorkingCalendar::new()
            .with_weekend(r.weekend)
            .with_holidays(r.holidays);
        match (r.covered_from, r.covered_to) {
            (None, None) => cal,
            (first, last) => cal.with_coverage(
                first.unwrap_or(NaiveDate::MIN),
                last.unwrap_or(NaiveDate::MAX),
            ),
        }
    }
}

impl From<WorkingCalendar> for CalendarRecord {
    fn from(c: WorkingCalendar) -> CalendarRecord {
        CalendarRecord {
            weekend: c.weekend(),
            covered_from: c.coverage.map(|(first, _)| first),
            covered_to: c.coverage.map(|(_, last)| last),
            holidays: c.holidays.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn month_end_additions() {
        assert_eq!(add_months(d("2025-01-31"), 1).unwrap(), d("2025-02-28"));
        assert_eq!(add_months(d("2024-01-31"), 1).unwrap(), d("2024-02-29"));
        assert_eq!(add_months(d("2025-08-31"), 6).unwrap(), d("2026-02-28"));
        assert_eq!(add_months(d("2027-08-31"), 6).unwrap(), d("2028-02-29"));
        assert_eq!(add_months(d("2025-04-30"), 1).unwrap(), d("2025-05-30"));
        assert_eq!(add_months(d("2025-03-31"), 1).unwrap(), d("2025-04-30"));
        assert_eq!(add_months(d("2025-12-15"), 1).unwrap(), d("2026-01-15"));
        assert_eq!(add_months(d("2025-05-31"), 0).unwrap(), d("2025-05-31"));
        assert_eq!(add_months(d("2025-05-31"), 120).unwrap(), d("2035-05-31"));
    }

    #[test]
    fn year_additions() {
        assert_eq!(add_years(d("2024-02-29"), 1).unwrap(), d("2025-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 4).unwrap(), d("2028-02-29"));
        assert_eq!(add_years(d("2024-02-29"), 0).unwrap(), d("2024-02-29"));
        assert_eq!(add_years(d("2025-06-10"), 5).unwrap(), d("2030-06-10"));
        let err = add_years(d("2025-06-10"), u32::MAX).unwrap_err();
        assert_eq!(err.code(), "date.out_of_range");
        assert_eq!(
            add_years(d("2025-06-10"), 300_000).unwrap_err().code(),
            "date.out_of_range"
        );
    }

    #[test]
    fn day_additions() {
        assert_eq!(add_days(d("2024-02-28"), 1).unwrap(), d("2024-02-29"));
        assert_eq!(add_days(d("2025-02-28"), 1).unwrap(), d("2025-03-01"));
        assert_eq!(add_days(d("2025-03-01"), -1).unwrap(), d("2025-02-28"));
        assert_eq!(add_days(d("2025-03-01"), 0).unwrap(), d("2025-03-01"));
        for days in [i64::MAX, i64::MIN, 1_000_000_000, -1_000_000_000] {
            assert_eq!(
                add_days(d("2025-03-01"), days).unwrap_err().code(),
                "date.out_of_range"
            );
        }
        assert!(add_days(NaiveDate::MAX, 1).is_err());
        assert!(add_days(NaiveDate::MIN, -1).is_err());
    }

    #[test]
    fn out_of_range_months() {
        let err = add_months(NaiveDate::MAX, 1).unwrap_err();
        assert_eq!(err.code(), "date.out_of_range");
        assert!(err.is_invalid_input());
        assert!(add_months(d("2025-01-01"), u32::MAX).is_err());
    }

    #[test]
    fn leap_day_birthdays() {
        let born = d("2008-02-29");
        assert_eq!(years_between(born, d("2026-02-28")), 17);
        assert_eq!(years_between(born, d("2026-03-01")), 18);
        assert_eq!(years_between(born, d("2025-03-01")), 17);
        let born = d("2004-02-29");
        assert_eq!(years_between(born, d("2024-02-28")), 19);
        assert_eq!(years_between(born, d("2024-02-29")), 20);
        assert_eq!(years_between(born, d("2023-02-28")), 18);
        assert_eq!(years_between(born, d("2023-03-01")), 19);
    }

    #[test]
    fn years_between_plain_and_negative() {
        let born = d("2007-06-15");
        assert_eq!(years_between(born, d("2025-06-14")), 17);
        assert_eq!(years_between(born, d("2025-06-15")), 18);
        assert_eq!(years_between(born, born), 0);
        assert_eq!(years_between(born, d("2007-06-14")), -1);
        assert_eq!(years_between(born, d("2006-06-15")), -1);
        assert_eq!(years_between(born, d("2006-06-14")), -2);
        assert_eq!(years_between(d("2024-12-31"), d("2025-01-01")), 0);
    }

    #[test]
    fn days_between_signs() {
        assert_eq!(days_between(d("2024-01-01"), d("2025-01-01")), 366);
        assert_eq!(days_between(d("2025-01-01"), d("2024-01-01")), -366);
        assert_eq!(days_between(d("2025-01-01"), d("2025-01-01")), 0);
    }

    #[test]
    fn spans() {
        let s = span_between(d("2008-02-29"), d("2026-02-28"));
        assert_eq!(
            s,
            Span {
                years: 17,
                months: 11,
                days: 30
            }
        );
        assert_eq!(s.to_string(), "17 years 11 months 30 days");
        let s = span_between(d("2008-02-29"), d("2026-03-01"));
        assert_eq!(
            s,
            Span {
                years: 18,
                months: 0,
                days: 1
            }
        );
        assert_eq!(s.to_string(), "18 years 1 day");
        assert_eq!(
            span_between(d("2004-02-29"), d("2024-02-29")).to_string(),
            "20 years"
        );
        assert_eq!(
            span_between(d("2007-06-15"), d("2025-05-15")).to_string(),
            "17 years 11 months"
        );
        assert_eq!(
            span_between(d("2025-01-31"), d("2025-02-28")).to_string(),
            "28 days"
        );
        assert_eq!(
            span_between(d("2025-01-31"), d("2025-03-01")).to_string(),
            "1 month 1 day"
        );
        assert_eq!(
            span_between(d("2025-01-15"), d("2025-02-15")).to_string(),
            "1 month"
        );
        assert_eq!(
            span_between(d("2024-01-31"), d("2025-03-01")).to_string(),
            "1 year 1 month 1 day"
        );
        assert_eq!(
            span_between(d("2025-01-01"), d("2025-01-01")).to_string(),
            "0 days"
        );
        assert_eq!(
            span_between(d("2025-03-01"), d("2024-01-31")),
            span_between(d("2024-01-31"), d("2025-03-01"))
        );
        assert_eq!(
            Span {
                years: 2,
                months: 2,
                days: 2
            }
            .to_string(),
            "2 years 2 months 2 days"
        );
        assert_eq!(
            Span {
                years: 0,
                months: 1,
                days: 0
            }
            .to_string(),
            "1 month"
        );
        assert_eq!(
            Span {
                years: 1,
                months: 0,
                days: 0
            }
            .to_string(),
            "1 year"
        );
        assert!(Span::default().is_zero());
        let extreme = span_between(NaiveDate::MIN, NaiveDate::MAX);
        assert!(extreme.years > 500_000);
    }

    #[test]
    fn span_serde() {
        let s = Span {
            years: 1,
            months: 2,
            days: 3,
        };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"years":1,"months":2,"days":3}"#);
        assert_eq!(serde_json::from_str::<Span>(&json).unwrap(), s);
    }

    #[test]
    fn parse_dates() {
        assert_eq!(
            d("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(d("0001-01-01"), NaiveDate::from_ymd_opt(1, 1, 1).unwrap());
        assert_eq!(
            d("9999-12-31"),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()
        );
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
            "2025-1-01",
            "25-01-01",
            "2025/01/01",
            " 2025-01-01",
            "2025-01-01 ",
            "2025-01-01T00:00:00",
            "+2025-01-01",
            "",
            "２０２５-01-01",
            "2025-0a-01",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert_eq!(err.code(), "date.invalid", "{bad:?}");
            assert!(err.message().contains(bad), "{}", err.message());
        }
        let long = "9".repeat(10_000);
        assert!(parse_date(&long).unwrap_err().message().len() < 200);
    }

    #[test]
    fn parse_instants() {
        let a = parse_instant("2025-01-01T10:00:00+05:00").unwrap();
        assert_eq!(a.offset(), &pkt_offset());
        let b = parse_instant("2025-01-01T05:00:00Z").unwrap();
        assert_eq!(a, b);
        let c = parse_instant("2025-01-01T00:30:00-04:30").unwrap();
        assert_eq!(c.offset().local_minus_utc(), -(4 * 3600 + 1800));
        let e = parse_instant("2025-01-01T05:00:00.123456+00:00").unwrap();
        assert!(e > b);
        for bad in [
            "2025-01-01",
            "2025-01-01T10:00:00",
            "yesterday",
            "",
            "2025-02-30T00:00:00Z",
        ] {
            let err = parse_instant(bad).unwrap_err();
            assert_eq!(err.code(), "date.invalid");
            assert!(err.message().contains(bad));
        }
    }

    #[test]
    fn pkt() {
        assert_eq!(pkt_offset().local_minus_utc(), 18_000);
        let i = parse_instant("2025-01-31T19:00:00Z").unwrap();
        assert_eq!(pkt_date(&i), d("2025-02-01"));
        let i = parse_instant("2025-01-31T18:59:59Z").unwrap();
        assert_eq!(pkt_date(&i), d("2025-01-31"));
        let utc = Utc.with_ymd_and_hms(2025, 6, 30, 20, 0, 0).unwrap();
        assert_eq!(pkt_date(&utc), d("2025-07-01"));
    }

    #[test]
    fn working_days_weekends() {
        let cal = WorkingCalendar::new();
        let friday = d("2025-08-15");
        assert_eq!(friday.weekday(), Weekday::Fri);
        assert!(cal.is_working_day(friday));
        assert!(!cal.is_working_day(d("2025-08-16")));
        assert!(!cal.is_working_day(d("2025-08-17")));
        assert_eq!(cal.add_working_days(friday, 0).unwrap(), friday);
        assert_eq!(cal.add_working_days(friday, 1).unwrap(), d("2025-08-18"));
        assert_eq!(cal.add_working_days(friday, 5).unwrap(), d("2025-08-22"));
        assert_eq!(cal.add_working_days(friday, 6).unwrap(), d("2025-08-25"));
        // Starting on a weekend day.
        let saturday = d("2025-08-16");
        assert_eq!(cal.add_working_days(saturday, 0).unwrap(), saturday);
        assert_eq!(cal.add_working_days(saturday, 1).unwrap(), d("2025-08-18"));
        assert_eq!(cal.working_days_between(friday, d("2025-08-17")), 0);
        assert_eq!(cal.working_days_between(friday, d("2025-08-18")), 1);
        assert_eq!(cal.working_days_between(friday, friday), 0);
        assert_eq!(cal.working_days_between(d("2025-08-18"), friday), 0);
        assert_eq!(
            cal.working_days_between(d("2025-01-01"), d("2026-01-01")),
            261
        );
    }

    #[test]
    fn working_days_holidays() {
        // 2025: 14 Aug Thursday (Independence Day), 23 Mar Sunday (Pakistan Day).
        let cal = WorkingCalendar::new().with_holidays([
            d("2025-08-14"),
            d("2025-03-23"),
            d("2025-08-15"),
        ]);
        assert!(!cal.is_working_day(d("2025-08-14")));
        assert!(cal.is_holiday(d("2025-03-23")));
        let wednesday = d("2025-08-13");
        assert_eq!(cal.add_working_days(wednesday, 1).unwrap(), d("2025-08-18"));
        assert_eq!(
            cal.add_working_days(d("2025-08-12"), 2).unwrap(),
            d("2025-08-18")
        );
        assert_eq!(cal.working_days_between(wednesday, d("2025-08-18")), 1);
        assert_eq!(cal.working_days_between(wednesday, d("2025-08-17")), 0);
        // A holiday on a Sunday costs nothing.
        assert_eq!(
            cal.working_days_between(d("2025-03-21"), d("2025-03-24")),
            WorkingCalendar::new().working_days_between(d("2025-03-21"), d("2025-03-24"))
        );
        // A long run of holidays after a weekend.
        let eid = WorkingCalendar::new().with_holidays([
            d("2025-03-31"),
            d("2025-04-01"),
            d("2025-04-02"),
        ]);
        assert_eq!(
            eid.add_working_days(d("2025-03-28"), 1).unwrap(),
            d("2025-04-03")
        );
        assert_eq!(
            eid.working_days_between(d("2025-03-28"), d("2025-04-03")),
            1
        );
    }

    #[test]
    fn working_days_other_weekends() {
        let fri = WorkingCalendar::new().with_weekend([Weekday::Fri]);
        assert_eq!(fri.weekend(), vec![Weekday::Fri]);
        assert_eq!(
            fri.add_working_days(d("2025-08-14"), 1).unwrap(),
            d("2025-08-16")
        );
        let none = WorkingCalendar::new().with_weekend([]);
        assert_eq!(
            none.add_working_days(d("2025-08-14"), 7).unwrap(),
            d("2025-08-21")
        );
        assert_eq!(
            none.working_days_between(d("2025-08-14"), d("2025-08-21")),
            7
        );
        let six = WorkingCalendar::new()
            .with_weekend(WEEKDAYS.into_iter().filter(|&w| w != Weekday::Wed));
        assert_eq!(
            six.add_working_days(d("2025-08-14"), 2).unwrap(),
            d("2025-08-27")
        );
        assert_eq!(
            six.working_days_between(d("2025-08-14"), d("2025-08-27")),
            2
        );
        let all = WorkingCalendar::new().with_weekend(WEEKDAYS);
        let err = all.add_working_days(d("2025-08-14"), 1).unwrap_err();
        assert_eq!(err.code(), "calendar.no_working_days");
        assert_eq!(
            all.add_working_days(d("2025-08-14"), 0).unwrap(),
            d("2025-08-14")
        );
        assert_eq!(
            all.working_days_between(d("2025-08-14"), d("2026-08-14")),
            0
        );
    }

    #[test]
    fn working_days_large_and_out_of_range() {
        let cal = WorkingCalendar::new().with_holidays([d("2025-08-14")]);
        let far = cal.add_working_days(d("2025-01-01"), 1_000_000).unwrap();
        assert_eq!(cal.working_days_between(d("2025-01-01"), far), 1_000_000);
        assert!(cal.is_working_day(far));
        let err = cal.add_working_days(NaiveDate::MAX, 1).unwrap_err();
        assert_eq!(err.code(), "date.out_of_range");
        assert!(cal.add_working_days(d("2025-01-01"), u32::MAX).is_err());
        assert!(cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX) > 0);
    }

    #[test]
    fn calendar_serde() {
        let cal = WorkingCalendar::new().with_holidays([d("2025-08-14"), d("2025-03-23")]);
        let json = serde_json::to_string(&cal).unwrap();
        assert_eq!(
            json,
            r#"{"weekend":["Sat","Sun"],"holidays":["2025-03-23","2025-08-14"]}"#
        );
        assert_eq!(serde_json::from_str::<WorkingCalendar>(&json).unwrap(), cal);
        let default: WorkingCalendar = serde_json::from_str("{}").unwrap();
        assert_eq!(default, WorkingCalendar::new());
        let fri: WorkingCalendar = serde_json::from_str(r#"{"weekend":["Fri"]}"#).unwrap();
        assert_eq!(fri.weekend(), vec![Weekday::Fri]);
        assert!(serde_json::from_str::<WorkingCalendar>(r#"{"holidays":["2025-02-30"]}"#).is_err());
        assert!(serde_json::from_str::<WorkingCalendar>(r#"{"other":1}"#).is_err());
        let schema = serde_json::to_string(&schemars::schema_for!(WorkingCalendar)).unwrap();
        assert!(schema.contains("holidays"));
        assert!(format!("{cal:?}").contains("Sat"));
        let covered = cal.clone().with_coverage(d("2024-01-01"), d("2026-12-31"));
        let json = serde_json::to_string(&covered).unwrap();
        assert!(json.contains(r#""covered_from":"2024-01-01","covered_to":"2026-12-31""#));
        assert_eq!(
            serde_json::from_str::<WorkingCalendar>(&json).unwrap(),
            covered
        );
        let open_end: WorkingCalendar =
            serde_json::from_str(r#"{"covered_from":"2024-01-01"}"#).unwrap();
        assert!(open_end.covers(d("9999-12-31")) && !open_end.covers(d("2023-12-31")));
    }

    #[test]
    fn counts_outside_coverage_are_not_known() {
        let cal = WorkingCalendar::new()
            .with_holidays([d("2026-12-25")])
            .with_coverage(d("2024-01-01"), d("2026-12-31"));
        // Thursday 24 December 2026; Friday 25 is a holiday.
        assert_eq!(
            cal.add_working_days_known(d("2026-12-24"), 4).unwrap(),
            Some(d("2026-12-31"))
        );
        assert_eq!(
            cal.add_working_days_known(d("2026-12-24"), 5).unwrap(),
            None
        );
        // The plain count still answers, with the weekend alone in 2027.
        assert_eq!(
            cal.add_working_days(d("2026-12-24"), 5).unwrap(),
            d("2027-01-01")
        );
        // A count that starts before the covered range is not known either.
        assert_eq!(
            cal.add_working_days_known(d("2023-12-29"), 1).unwrap(),
            None
        );
        assert_eq!(
            cal.add_working_days_known(d("2023-12-31"), 1).unwrap(),
            Some(d("2024-01-01"))
        );
        assert_eq!(
            cal.working_days_between_known(d("2023-12-31"), d("2024-01-05")),
            Some(5)
        );
        assert_eq!(
            cal.working_days_between_known(d("2023-12-30"), d("2024-01-05")),
            None
        );
        let empty = WorkingCalendar::new().with_coverage(d("2025-01-01"), d("2024-12-31"));
        assert!(!empty.covers(d("2025-01-01")));
        assert_eq!(
            empty.add_working_days_known(d("2025-01-01"), 1).unwrap(),
            None
        );
        assert_eq!(
            empty.working_days_between_known(d("2025-01-01"), d("2025-01-01")),
            Some(0)
        );
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
            .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    fn modern_date() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2200, 1u32..=12, 1u32..=31).prop_map(|(y, m, day)| {
            NaiveDate::from_ymd_opt(y, m, day)
                .or_else(|| NaiveDate::from_ymd_opt(y, m, 28))
                .unwrap()
        })
    }

    fn calendar() -> impl Strategy<Value = WorkingCalendar> {
        (
            0u8..0x7f,
            proptest::collection::vec(0i64..400, 0..40),
            modern_date(),
        )
            .prop_map(|(bits, offsets, base)| {
                let weekend = WEEKDAYS
                    .into_iter()
                    .filter(move |&w| bits & weekday_bit(w) != 0);
                WorkingCalendar::new()
                    .with_weekend(weekend)
                    .with_holidays(offsets.into_iter().map(move |o| base + TimeDelta::days(o)))
            })
    }

    fn naive_count(cal: &WorkingCalendar, start: NaiveDate, end: NaiveDate) -> i64 {
        start
            .iter_days()
            .skip(1)
            .take_while(|&x| x <= end)
            .filter(|&x| cal.is_working_day(x))
            .count() as i64
    }

    proptest! {
        #[test]
        fn add_months_never_panics(date in any_date(), months in 0u32..=10_000) {
            match add_months(date, months) {
                Ok(later) => prop_assert!(later >= date),
                Err(e) => prop_assert_eq!(e.code(), "date.out_of_range"),
            }
            let _ = add_years(date, months);
            let _ = add_days(date, i64::from(months) * 1000);
        }

        #[test]
        fn within_months_agrees_with_add_months(
            start in any_date(),
            months in 0u32..=10_000,
            shift in -40_000i64..=40_000,
        ) {
            // Dates on both sides of the last valid day, and far from it.
            let last = add_months(start, months);
            let near = last.as_ref().ok().and_then(|l| add_days(*l, shift % 3).ok());
            let far = add_days(start, shift).ok();
            for date in [near, far, Some(start), Some(NaiveDate::MIN), Some(NaiveDate::MAX)]
                .into_iter()
                .flatten()
            {
                match (&last, within_months(start, months, date)) {
                    (Ok(l), Ok(within)) => prop_assert_eq!(within, date <= *l),
                    (Err(a), Err(b)) => prop_assert_eq!(a, &b),
                    (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
                }
            }
        }

        #[test]
        fn years_between_monotonic(start in modern_date(), a in modern_date(), b in modern_date()) {
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(years_between(start, early) <= years_between(start, late));
            let next = early.succ_opt().unwrap();
            let step = years_between(start, next) - years_between(start, early);
            prop_assert!(step == 0 || step == 1);
        }

        #[test]
        fn span_agrees_with_years_between(start in modern_date(), end in modern_date()) {
            let (a, b) = if start <= end { (start, end) } else { (end, start) };
            let span = span_between(a, b);
            prop_assert_eq!(i64::from(span.years), i64::from(years_between(a, b)));
            prop_assert!(span.months < 12);
            prop_assert!(span.days < 31);
            let anchor = add_months(a, u32::try_from(span.total_months()).unwrap()).unwrap();
            prop_assert_eq!(add_days(anchor, i64::from(span.days)).unwrap(), b);
        }

        #[test]
        fn span_never_panics(a in any_date(), b in any_date()) {
            let _ = span_between(a, b).to_string();
            let _ = years_between(a, b);
            let _ = days_between(a, b);
        }

        #[test]
        fn add_working_days_lands_on_working_day(cal in calendar(), start in modern_date(), n in 1u32..400) {
            let end = cal.add_working_days(start, n).unwrap();
            prop_assert!(cal.is_working_day(end));
            prop_assert!(end > start);
            prop_assert_eq!(cal.working_days_between(start, end), i64::from(n));
            // No earlier day reaches n.
            let before = end.pred_opt().unwrap();
            prop_assert_eq!(cal.working_days_between(start, before), i64::from(n) - 1);
        }

        #[test]
        fn working_days_between_matches_naive(cal in calendar(), start in modern_date(), len in 0i64..800) {
            let end = start + TimeDelta::days(len);
            prop_assert_eq!(cal.working_days_between(start, end), naive_count(&cal, start, end));
            prop_assert_eq!(cal.working_days_between(end, start), 0);
        }

        #[test]
        fn known_counts_agree_inside_coverage(cal in calendar(), start in modern_date(), n in 0u32..400, len in 0i64..800) {
            let end = start + TimeDelta::days(len);
            let wide = cal.clone().with_coverage(start, end);
            prop_assert_eq!(wide.working_days_between_known(start, end), Some(cal.working_days_between(start, end)));
            let due = cal.add_working_days(start, n).unwrap();
            let known = cal.clone().with_coverage(start, end).add_working_days_known(start, n).unwrap();
            prop_assert_eq!(known, (due <= end).then_some(due));
        }

        #[test]
        fn parse_date_never_panics(s in "\\PC{0,12}") {
            let _ = parse_date(&s);
            let _ = parse_instant(&s);
        }

        #[test]
        fn parse_date_round_trips(date in any_date()) {
            let text = date.format("%Y-%m-%d").to_string();
            if date.year() >= 0 && date.year() <= 9999 {
                prop_assert_eq!(parse_date(&text).unwrap(), date);
            } else {
                prop_assert!(parse_date(&text).is_err());
            }
        }
    }
}
