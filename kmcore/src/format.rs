//! How numbers, money, dates, times and durations are written in messages,
//! in English and in Urdu. Every value a message shows goes through here,
//! so the two languages follow one set of rules:
//!
//! - Numbers use Pakistani grouping: the last three digits, then groups of
//!   two (`1,830`; `50,000`; `1,00,000`; `12,50,000`).
//! - Money: `Rs 1,830` in English, `1,830 روپے` in Urdu; paisa only when
//!   there are any (`Rs 12.50`).
//! - Dates: `12 April 2026` in English, `12-04-2026` in Urdu.
//! - Times are 12-hour: `9:05 am on 1 March 2026` in English and
//!   `01-03-2026 صبح 9:05 بجے` in Urdu, where the part of the day is
//!   رات before 04:00, صبح until noon, دوپہر from 12:00, شام from 16:00 and
//!   رات again from 19:00.
//! - Durations take the singular for 1 and the plural otherwise (`1 day`,
//!   `2 days`; `1 مہینہ`, `2 مہینے`; `1 گھنٹہ`, `2 گھنٹے`). Hours are
//!   written in hours up to 72 (laws say "24 hours", "48 hours", "72
//!   hours"); more than 72 hours that make a whole number of days are
//!   written in days, the unit such laws use (a limit of 360 hours reads
//!   `15 days`).
//! - In Urdu every number, date and time is wrapped in a left-to-right
//!   isolate (U+2066 ... U+2069) so it keeps its order inside Urdu text.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike};

use crate::calendar::Span;
use crate::money::Money;
use crate::reason::{LRI, Lang, PDI};

/// A unit of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Years,
    Months,
    Days,
    WorkingDays,
    Hours,
}

impl Unit {
    /// The singular and plural name of the unit in a language.
    const fn names(self, lang: Lang) -> (&'static str, &'static str) {
        match (self, lang) {
            (Unit::Years, Lang::En) => ("year", "years"),
            (Unit::Months, Lang::En) => ("month", "months"),
            (Unit::Days, Lang::En) => ("day", "days"),
            (Unit::WorkingDays, Lang::En) => ("working day", "working days"),
            (Unit::Hours, Lang::En) => ("hour", "hours"),
            (Unit::Years, Lang::Ur) => ("سال", "سال"),
            (Unit::Months, Lang::Ur) => ("مہینہ", "مہینے"),
            (Unit::Days, Lang::Ur) => ("دن", "دن"),
            (Unit::WorkingDays, Lang::Ur) => ("کام کا دن", "کام کے دن"),
            (Unit::Hours, Lang::Ur) => ("گھنٹہ", "گھنٹے"),
        }
    }
}

/// English month names, January first.
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Writes `what` into `out`, wrapped in a left-to-right isolate in Urdu.
pub(crate) fn isolated(out: &mut String, lang: Lang, what: impl FnOnce(&mut String)) {
    match lang {
        Lang::En => what(out),
        Lang::Ur => {
            out.push(LRI);
            what(out);
            out.push(PDI);
        }
    }
}

/// Writes a non-negative whole number with Pakistani grouping.
fn grouped_digits(out: &mut String, n: u64) {
    let digits = n.to_string();
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        let left = len - i;
        if i > 0 && (left == 3 || (left > 3 && (left - 3) % 2 == 0)) {
            out.push(',');
        }
        out.push(c);
    }
}

/// Writes a whole number with its sign and Pakistani grouping, not isolated.
fn grouped(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    grouped_digits(out, n.unsigned_abs());
}

/// Writes a plain number (isolated in Urdu).
pub(crate) fn number(out: &mut String, n: i64, lang: Lang) {
    isolated(out, lang, |o| grouped(o, n));
}

/// Writes an engine size: `125 cc`, `125 سی سی`.
pub(crate) fn engine_cc(out: &mut String, n: i64, lang: Lang) {
    number(out, n, lang);
    out.push_str(match lang {
        Lang::En => " cc",
        Lang::Ur => " سی سی",
    });
}

/// Writes an amount of money: `Rs 1,830` or `1,830 روپے`.
pub(crate) fn money(out: &mut String, m: Money, lang: Lang) {
    let paisa = m.paisa();
    let sign = if paisa < 0 { "-" } else { "" };
    let abs = paisa.unsigned_abs();
    let amount = |o: &mut String| {
        grouped_digits(o, abs / 100);
        if abs % 100 != 0 {
            let _ = write!(o, ".{:02}", abs % 100);
        }
    };
    match lang {
        Lang::En => {
            out.push_str(sign);
            out.push_str("Rs ");
            amount(out);
        }
        Lang::Ur => {
            isolated(out, lang, |o| {
                o.push_str(sign);
                amount(o);
            });
            out.push_str(" روپے");
        }
    }
}

/// Writes a date: `12 April 2026` or `12-04-2026`.
pub(crate) fn date(out: &mut String, d: NaiveDate, lang: Lang) {
    match lang {
        Lang::En => {
            let month = usize::try_from(d.month0())
                .ok()
                .and_then(|m| MONTHS_EN.get(m))
                .copied()
                .unwrap_or("");
            let _ = write!(out, "{} {month} {}", d.day(), d.year());
        }
        Lang::Ur => isolated(out, lang, |o| {
            let _ = write!(o, "{:02}-{:02}-{}", d.day(), d.month(), d.year());
        }),
    }
}

/// The part of the day an Urdu time is said in.
const fn part_of_day_ur(hour: u32) -> &'static str {
    match hour {
        4..=11 => "صبح",
        12..=15 => "دوپہر",
        16..=18 => "شام",
        _ => "رات",
    }
}

/// Writes a time of day on a 12-hour clock: `9:05 am`, `12:00 pm`;
/// `صبح 9:05 بجے`, `رات 12:00 بجے`.
pub(crate) fn time(out: &mut String, t: NaiveTime, lang: Lang) {
    let (pm, hour12) = t.hour12();
    let minute = t.minute();
    match lang {
        Lang::En => {
            let _ = write!(out, "{hour12}:{minute:02} {}", if pm { "pm" } else { "am" });
        }
        Lang::Ur => {
            out.push_str(part_of_day_ur(t.hour()));
            out.push(' ');
            isolated(out, lang, |o| {
                let _ = write!(o, "{hour12}:{minute:02}");
            });
            out.push_str(" بجے");
        }
    }
}

/// Writes an instant, in its own offset: `9:05 am on 1 March 2026` or
/// `01-03-2026 صبح 9:05 بجے`.
pub(crate) fn instant(out: &mut String, t: DateTime<FixedOffset>, lang: Lang) {
    let local = t.naive_local();
    match lang {
        Lang::En => {
            time(out, local.time(), lang);
            out.push_str(" on ");
            date(out, local.date(), lang);
        }
        Lang::Ur => {
            date(out, local.date(), lang);
            out.push(' ');
            time(out, local.time(), lang);
        }
    }
}

/// Writes a number of a unit, singular for 1: `1 day`, `2 days`,
/// `1 مہینہ`, `3 مہینے`. More than 72 hours that make a whole number of
/// days are written as days.
pub(crate) fn duration(out: &mut String, n: i64, unit: Unit, lang: Lang) {
    let (n, unit) = match unit {
        Unit::Hours if n > 72 && n % 24 == 0 => (n / 24, Unit::Days),
        _ => (n, unit),
    };
    let (one, many) = unit.names(lang);
    number(out, n, lang);
    out.push(' ');
    out.push_str(if n == 1 { one } else { many });
}

/// Writes an elapsed span: `17 years, 11 months and 30 days`,
/// `17 سال، 11 مہینے اور 30 دن`; a zero span is `0 days`.
pub(crate) fn span(out: &mut String, s: Span, lang: Lang) {
    let parts: Vec<(i64, Unit)> = [
        (s.years, Unit::Years),
        (s.months, Unit::Months),
        (s.days, Unit::Days),
    ]
    .into_iter()
    .filter(|(n, _)| *n != 0)
    .map(|(n, u)| (i64::from(n), u))
    .collect();
    if parts.is_empty() {
        duration(out, 0, Unit::Days, lang);
        return;
    }
    let (comma, and) = match lang {
        Lang::En => (", ", " and "),
        Lang::Ur => ("، ", " اور "),
    };
    let last = parts.len() - 1;
    for (i, (n, unit)) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str(if i == last { and } else { comma });
        }
        duration(out, n, unit, lang);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut String)) -> String {
        let mut out = String::new();
        f(&mut out);
        out
    }

    /// An Urdu rendering with its isolates removed, to compare text.
    fn plain(s: String) -> String {
        s.replace([LRI, PDI], "")
    }

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn numbers_use_lakh_grouping() {
        for (n, text) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1_000, "1,000"),
            (1_830, "1,830"),
            (50_000, "50,000"),
            (99_999, "99,999"),
            (100_000, "1,00,000"),
            (1_250_000, "12,50,000"),
            (10_000_000, "1,00,00,000"),
            (-100_000, "-1,00,000"),
        ] {
            assert_eq!(with(|o| number(o, n, Lang::En)), text);
            assert_eq!(
                with(|o| number(o, n, Lang::Ur)),
                format!("{LRI}{text}{PDI}")
            );
        }
    }

    #[test]
    fn money_in_both_languages() {
        let rs = |r: i64| Money::from_rupees(r).unwrap();
        assert_eq!(with(|o| money(o, rs(1_830), Lang::En)), "Rs 1,830");
        assert_eq!(with(|o| money(o, rs(100_000), Lang::En)), "Rs 1,00,000");
        assert_eq!(
            with(|o| money(o, rs(10_000), Lang::Ur)),
            "\u{2066}10,000\u{2069} روپے"
        );
        assert_eq!(
            plain(with(|o| money(o, rs(250_000), Lang::Ur))),
            "2,50,000 روپے"
        );
        assert_eq!(
            with(|o| money(o, Money::from_paisa(1_250), Lang::En)),
            "Rs 12.50"
        );
        assert_eq!(
            with(|o| money(o, Money::from_paisa(5), Lang::En)),
            "Rs 0.05"
        );
        assert_eq!(
            plain(with(|o| money(o, Money::from_paisa(-500), Lang::Ur))),
            "-5 روپے"
        );
        assert_eq!(
            with(|o| money(o, Money::from_paisa(-500), Lang::En)),
            "-Rs 5"
        );
    }

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(
            with(|o| date(o, d("2026-04-12"), Lang::En)),
            "12 April 2026"
        );
        assert_eq!(with(|o| date(o, d("2026-03-01"), Lang::En)), "1 March 2026");
        assert_eq!(
            with(|o| date(o, d("2026-03-01"), Lang::Ur)),
            "\u{2066}01-03-2026\u{2069}"
        );
        assert_eq!(
            plain(with(|o| date(o, d("2025-12-31"), Lang::Ur))),
            "31-12-2025"
        );
    }

    #[test]
    fn times_use_a_twelve_hour_clock() {
        for (h, m, en, ur) in [
            (0, 0, "12:00 am", "رات 12:00 بجے"),
            (0, 30, "12:30 am", "رات 12:30 بجے"),
            (3, 59, "3:59 am", "رات 3:59 بجے"),
            (4, 0, "4:00 am", "صبح 4:00 بجے"),
            (9, 5, "9:05 am", "صبح 9:05 بجے"),
            (11, 59, "11:59 am", "صبح 11:59 بجے"),
            (12, 0, "12:00 pm", "دوپہر 12:00 بجے"),
            (15, 59, "3:59 pm", "دوپہر 3:59 بجے"),
            (16, 0, "4:00 pm", "شام 4:00 بجے"),
            (18, 59, "6:59 pm", "شام 6:59 بجے"),
            (19, 0, "7:00 pm", "رات 7:00 بجے"),
            (23, 59, "11:59 pm", "رات 11:59 بجے"),
        ] {
            assert_eq!(with(|o| time(o, t(h, m), Lang::En)), en);
            assert_eq!(plain(with(|o| time(o, t(h, m), Lang::Ur))), ur);
        }
        let at = crate::calendar::parse_instant("2026-03-01T21:15:00+05:00").unwrap();
        assert_eq!(
            with(|o| instant(o, at, Lang::En)),
            "9:15 pm on 1 March 2026"
        );
        assert_eq!(
            with(|o| instant(o, at, Lang::Ur)),
            "\u{2066}01-03-2026\u{2069} رات \u{2066}9:15\u{2069} بجے"
        );
    }

    #[test]
    fn durations_agree_in_number() {
        let en = |n, u| with(|o| duration(o, n, u, Lang::En));
        let ur = |n, u| plain(with(|o| duration(o, n, u, Lang::Ur)));
        assert_eq!(en(1, Unit::Days), "1 day");
        assert_eq!(en(2, Unit::Days), "2 days");
        assert_eq!(en(0, Unit::Days), "0 days");
        assert_eq!(en(1, Unit::Years), "1 year");
        assert_eq!(en(1, Unit::Months), "1 month");
        assert_eq!(en(6, Unit::Months), "6 months");
        assert_eq!(en(1, Unit::WorkingDays), "1 working day");
        assert_eq!(en(1, Unit::Hours), "1 hour");
        assert_eq!(ur(1, Unit::Months), "1 مہینہ");
        assert_eq!(ur(2, Unit::Months), "2 مہینے");
        assert_eq!(ur(1, Unit::Hours), "1 گھنٹہ");
        assert_eq!(ur(3, Unit::Hours), "3 گھنٹے");
        assert_eq!(ur(1, Unit::Days), "1 دن");
        assert_eq!(ur(2, Unit::Days), "2 دن");
        assert_eq!(ur(1, Unit::Years), "1 سال");
        assert_eq!(ur(1, Unit::WorkingDays), "1 کام کا دن");
        assert_eq!(ur(7, Unit::WorkingDays), "7 کام کے دن");
        assert_eq!(en(1_000, Unit::Days), "1,000 days");
    }

    #[test]
    fn whole_days_of_hours_read_as_days() {
        let en = |n| with(|o| duration(o, n, Unit::Hours, Lang::En));
        assert_eq!(en(360), "15 days");
        assert_eq!(en(48), "48 hours");
        assert_eq!(en(24), "24 hours");
        assert_eq!(en(72), "72 hours");
        assert_eq!(en(96), "4 days");
        assert_eq!(en(168), "7 days");
        assert_eq!(en(36), "36 hours");
        assert_eq!(en(50), "50 hours");
        assert_eq!(en(3), "3 hours");
        assert_eq!(
            plain(with(|o| duration(o, 360, Unit::Hours, Lang::Ur))),
            "15 دن"
        );
    }

    #[test]
    fn spans_list_their_parts() {
        let s = |years, months, days| Span {
            years,
            months,
            days,
        };
        let en = |sp| with(|o| span(o, sp, Lang::En));
        let ur = |sp| plain(with(|o| span(o, sp, Lang::Ur)));
        assert_eq!(en(s(17, 11, 30)), "17 years, 11 months and 30 days");
        assert_eq!(en(s(1, 1, 1)), "1 year, 1 month and 1 day");
        assert_eq!(en(s(2, 0, 5)), "2 years and 5 days");
        assert_eq!(en(s(18, 0, 0)), "18 years");
        assert_eq!(en(s(0, 0, 0)), "0 days");
        assert_eq!(ur(s(17, 11, 30)), "17 سال، 11 مہینے اور 30 دن");
        assert_eq!(ur(s(1, 1, 1)), "1 سال، 1 مہینہ اور 1 دن");
        assert_eq!(ur(s(0, 1, 0)), "1 مہینہ");
        assert_eq!(ur(s(0, 0, 0)), "0 دن");
    }
}
