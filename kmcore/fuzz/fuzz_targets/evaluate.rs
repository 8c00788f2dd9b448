//! Evaluation with arbitrary services, jurisdictions, dates, instants and
//! facts: never a panic; every row of a batch equals the single evaluation.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use kmcore::batch::{self, BatchOptions};
use kmcore::{AsOf, Catalogue, FactKey, FactValue, Facts, Jurisdiction, Request, ServiceId};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Value {
    Bool(bool),
    Int(i64),
    SmallInt(u8),
    Days(i32),
    Seconds(i64, i32),
    Text(String),
    Choice(u8),
}

#[derive(Arbitrary, Debug)]
struct Row {
    service: u8,
    jurisdiction: u8,
    /// Days from 2000-01-01 (any, so far dates too).
    day: i32,
    /// An instant (seconds from 2025-01-01 and an offset) instead of a date.
    instant: Option<(i64, i32)>,
    facts: Vec<(u8, Value)>,
}

const CHOICES: &[&str] = &[
    "motorcycle",
    "motor_car",
    "ltv",
    "htv",
    "psv",
    "sign_test",
    "road_test",
    "self",
    "local",
    "overseas",
    "residential",
    "commercial",
    "hotel",
    "car",
    "pb_universal_2017",
    "sd_1996",
    "landlord",
    "tenant",
];

fn date(days: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|d| d.checked_add_signed(chrono::TimeDelta::days(i64::from(days))))
        .unwrap_or(NaiveDate::MAX)
}

fn instant(secs: i64, offset: i32) -> Option<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(offset % 86_400)?;
    offset
        .timestamp_opt(1_735_689_600i64.checked_add(secs)?, 0)
        .single()
}

fn facts(list: &[(u8, Value)]) -> Facts {
    let mut facts = Facts::default();
    for (key, value) in list {
        let Some(key) = FactKey::ALL.get(usize::from(*key) % FactKey::ALL.len()) else {
            continue;
        };
        let value = match value {
            Value::Bool(b) => FactValue::Bool(*b),
            Value::Int(i) => FactValue::Integer(*i),
            Value::SmallInt(i) => FactValue::Integer(i64::from(*i)),
            Value::Days(d) => FactValue::Date(date(*d)),
            Value::Seconds(s, o) => match instant(*s, *o) {
                Some(t) => FactValue::Instant(t),
                None => continue,
            },
            Value::Text(s) => FactValue::Text(s.clone()),
            Value::Choice(c) => FactValue::Text(CHOICES[usize::from(*c) % CHOICES.len()].into()),
        };
        let _ = facts.set(key.as_str(), value);
    }
    facts
}

fn request(row: &Row) -> Request {
    let service = ServiceId::ALL[usize::from(row.service) % ServiceId::ALL.len()];
    let j = Jurisdiction::ALL[usize::from(row.jurisdiction) % Jurisdiction::ALL.len()];
    let as_of = match row.instant.and_then(|(s, o)| instant(s, o)) {
        Some(t) => AsOf::Instant(t),
        None => AsOf::Date(date(row.day)),
    };
    Request {
        service,
        jurisdiction: j,
        as_of,
        facts: facts(&row.facts),
    }
}

fuzz_target!(|rows: Vec<Row>| {
    let Ok(cat) = Catalogue::embedded() else {
        return;
    };
    let requests: Vec<Request> = rows.iter().take(64).map(request).collect();
    for r in &requests {
        let _ = cat.documents(r);
    }
    let out = batch::evaluate_requests(cat, &requests, &BatchOptions::new().threads(1));
    assert_eq!(out.len(), requests.len());
    for (row, r) in out.iter().zip(&requests) {
        match cat.evaluate(r) {
            Ok(d) => {
                assert!(
                    !row.is_error(),
                    "batch row failed where evaluate did not: {r:?}"
                );
                assert_eq!(row.eligible(), d.eligible());
                assert_eq!(row.fee_due(), d.fee_due());
                assert_eq!(row.fee_status(), Some(d.quote().status()));
                let codes: Vec<_> = d.failures().map(|c| c.code()).collect();
                assert_eq!(row.failed(), codes.as_slice());
                if let Some(fee) = d.fee_due() {
                    assert!(!fee.is_negative());
                }
            }
            Err(e) => {
                assert_eq!(
                    row.error(),
                    Some(&e),
                    "batch row differs from evaluate: {r:?}"
                );
                assert!(!e.is_internal());
            }
        }
    }
});
