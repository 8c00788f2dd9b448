//! Every parameter shape each reason code can be rendered with: the
//! parameters the services set for it, and for each parameter the values
//! that exercise the renderer (zero, one, many; every variant, document,
//! test, category and jurisdiction the catalogue declares).
//!
//! Shared by the message tests and by the generator of `docs/messages.md`.

// Each test crate that includes this file uses a part of it.
#![allow(dead_code)]

use kmcore::calendar::Span;
use kmcore::{AppliedBy, Catalogue, Jurisdiction, Money, Param, ParamValue, TestKind};

/// A parameter and the values it is rendered with; the first value is the
/// sample that `docs/messages.md` shows.
pub struct Slot {
    /// The placeholder name.
    pub name: &'static str,
    /// Its values.
    pub values: Vec<ParamValue>,
    /// True when the service may leave the parameter out.
    pub optional: bool,
}

fn date(s: &str) -> ParamValue {
    ParamValue::Date(s.parse().unwrap())
}

fn instant(s: &str) -> ParamValue {
    ParamValue::Instant(kmcore::calendar::parse_instant(s).unwrap())
}

fn span(years: u32, months: u32, days: u32) -> ParamValue {
    ParamValue::Span(Span {
        years,
        months,
        days,
    })
}

fn rupees(r: i64) -> ParamValue {
    ParamValue::Money(Money::from_rupees(r).unwrap())
}

fn slot(name: &'static str, values: Vec<ParamValue>) -> Slot {
    Slot {
        name,
        values,
        optional: false,
    }
}

/// `first`, then the values of `rest` other than it: the first value is
/// the realistic sample the listing shows.
fn lead(first: ParamValue, rest: Vec<ParamValue>) -> Vec<ParamValue> {
    let mut out = vec![first];
    out.extend(rest.into_iter().filter(|v| *v != first));
    out
}

fn ages() -> Vec<ParamValue> {
    vec![
        span(17, 11, 30),
        span(0, 0, 0),
        span(1, 1, 1),
        span(20, 0, 0),
        span(2, 0, 5),
    ]
}

fn years() -> Vec<ParamValue> {
    [18, 0, 1, 2, 20].map(ParamValue::Years).to_vec()
}

fn days() -> Vec<ParamValue> {
    [42, 0, 1, 2, 180, 100_000].map(ParamValue::Days).to_vec()
}

fn months() -> Vec<ParamValue> {
    [6, 0, 1, 3, 12].map(ParamValue::Months).to_vec()
}

fn dates() -> Vec<ParamValue> {
    vec![date("2026-04-12"), date("2026-03-01"), date("2025-12-31")]
}

fn instants() -> Vec<ParamValue> {
    vec![
        instant("2026-03-01T09:05:00+05:00"),
        instant("2026-03-01T00:00:00+05:00"),
        instant("2026-03-01T12:00:00+05:00"),
        instant("2026-03-16T21:15:00+05:00"),
    ]
}

fn terms(names: impl IntoIterator<Item = &'static str>) -> Vec<ParamValue> {
    let mut out: Vec<ParamValue> = Vec::new();
    for n in names {
        if !out.contains(&ParamValue::Term(n)) {
            out.push(ParamValue::Term(n));
        }
    }
    out
}

fn jurisdictions() -> Vec<ParamValue> {
    terms(Jurisdiction::ALL.iter().map(|j| j.as_str()))
}

/// Every document any service asks for, in any jurisdiction.
fn documents(cat: &Catalogue) -> Vec<ParamValue> {
    terms(cat.services().flat_map(|s| {
        Jurisdiction::ALL
            .iter()
            .flat_map(move |j| s.document_ids(*j))
            .collect::<Vec<_>>()
    }))
}

/// Every rule parameter name a service declares.
fn rule_names(cat: &Catalogue) -> Vec<ParamValue> {
    terms(cat.services().flat_map(|s| s.params.iter().map(|p| p.name)))
}

/// Every variant a rule parameter declares, and `all_cases` for one with
/// none.
fn variants(cat: &Catalogue) -> Vec<ParamValue> {
    terms(
        std::iter::once("all_cases").chain(
            cat.services()
                .flat_map(|s| s.params.iter().flat_map(|p| p.variants.iter().copied())),
        ),
    )
}

/// The shape of every code that has messages, by code.
pub fn slots(cat: &Catalogue, code: &str) -> Option<Vec<Slot>> {
    let tests = || terms(TestKind::ALL.iter().map(|t| t.as_str()));
    let hours = [360, 0, 1, 2, 24, 48, 72, 96]
        .map(ParamValue::Hours)
        .to_vec();
    let reported = |since: &str, limit: i64, deadline: &str, at: &str| {
        vec![
            slot("since", lead(instant(since), instants())),
            slot("limit", lead(ParamValue::Hours(limit), hours.clone())),
            slot("deadline", lead(instant(deadline), instants())),
            slot("reported_at", lead(instant(at), instants())),
        ]
    };
    Some(match code {
        "age.minimum" => vec![slot("minimum", years()), slot("age", ages())],
        "age.below_limit" => vec![slot("limit", years()), slot("age", ages())],
        "arms.age_over" => vec![
            slot("limit", lead(ParamValue::Years(20), years())),
            slot("age", lead(span(20, 3, 10), ages())),
        ],
        "document.required" => vec![slot("document", documents(cat))],
        "service.offered" | "fee.not_known" | "arms.domicile" => {
            vec![slot("jurisdiction", jurisdictions())]
        }
        "service.started" => vec![slot("since", lead(date("2024-07-01"), dates()))],
        "rule.not_known" => vec![
            slot("rule", lead(ParamValue::Term("min_age"), rule_names(cat))),
            slot(
                "variant",
                lead(ParamValue::Term("motor_car"), variants(cat)),
            ),
            Slot {
                name: "on",
                values: dates(),
                optional: true,
            },
        ],
        "learner.wait" => vec![
            slot("required", days()),
            slot("held", lead(ParamValue::Days(30), days())),
            slot("since", lead(date("2026-03-13"), dates())),
        ],
        "learner.valid" => vec![
            slot("months", months()),
            slot("valid_until", lead(date("2026-09-13"), dates())),
        ],
        "retest.wait" => vec![
            slot("test", tests()),
            slot("required", lead(ParamValue::Days(7), days())),
            slot("waited", lead(ParamValue::Days(3), days())),
            slot("since", lead(date("2026-04-09"), dates())),
        ],
        "test.passed" => vec![slot("test", tests())],
        "licence.experience" => vec![
            slot("required", lead(ParamValue::Years(3), years())),
            slot("held", lead(span(1, 4, 12), ages())),
            slot("since", lead(date("2024-11-30"), dates())),
        ],
        "vehicle.engine_cc" => vec![
            slot("engine", [125, 0, 1, 70].map(ParamValue::Cc).to_vec()),
            slot("maximum", [70, 1, 1_000].map(ParamValue::Cc).to_vec()),
        ],
        "application.applied_by" => vec![slot(
            "applied_by",
            terms(AppliedBy::ALL.iter().map(|a| a.as_str()).chain([""])),
        )],
        "certificate.valid" => vec![
            slot("issued_on", lead(date("2026-01-10"), dates())),
            slot("days", lead(ParamValue::Days(180), days())),
            slot("valid_until", lead(date("2026-07-09"), dates())),
        ],
        "certificate.issued" => vec![
            slot("issued_on", lead(date("2026-03-01"), dates())),
            slot("presented", dates()),
        ],
        "tenancy.reported_in_time" => reported(
            "2026-03-01T09:05:00+05:00",
            360,
            "2026-03-16T09:05:00+05:00",
            "2026-03-16T21:15:00+05:00",
        ),
        "guest.reported_in_time" => reported(
            "2026-03-01T21:15:00+05:00",
            24,
            "2026-03-02T21:15:00+05:00",
            "2026-03-02T12:00:00+05:00",
        ),
        "report.penalty" => vec![
            slot(
                "fine_min",
                vec![rupees(10_000), rupees(0), rupees(1), rupees(1_830)],
            ),
            slot(
                "fine_max",
                vec![
                    rupees(100_000),
                    rupees(1_250_000),
                    ParamValue::Money(Money::from_paisa(1_250)),
                ],
            ),
            slot("imprisonment", months()),
        ],
        "arms.renewal_timing" => vec![
            slot(
                "band",
                terms(["late_within_window", "on_time", "late_beyond_window"]),
            ),
            slot("expires_on", lead(date("2025-03-31"), dates())),
            slot("window", lead(ParamValue::Months(3), months())),
            slot("window_end", lead(date("2025-06-30"), dates())),
        ],
        "decision.come_back" | "decision.come_back.test_booking" => {
            vec![slot("date", dates())]
        }
        "residence.local"
        | "employee.present"
        | "community.resides_in_area"
        | "community.clean_record"
        | "decision.undetermined"
        | "arms.citizen"
        | "arms.active_taxpayer"
        | "arms.criminal_record"
        | "arms.fugitive"
        | "arms.proscribed_member"
        | "arms.infirm"
        | "arms.prohibited_bore" => vec![],
        _ => return None,
    })
}

/// The sample parameters: the first value of every slot.
pub fn sample(slots: &[Slot]) -> Vec<Param> {
    slots
        .iter()
        .filter_map(|s| s.values.first().map(|v| Param::new(s.name, *v)))
        .collect()
}

/// Every shape: the sample, then each slot's every value with the others
/// at their sample, then each optional slot left out.
pub fn shapes(slots: &[Slot]) -> Vec<Vec<Param>> {
    let base = sample(slots);
    let mut out = vec![base.clone()];
    for (i, s) in slots.iter().enumerate() {
        for v in s.values.iter().skip(1) {
            let mut shape = base.clone();
            if let Some(p) = shape.get_mut(i) {
                *p = Param::new(s.name, *v);
            }
            out.push(shape);
        }
        if s.optional {
            out.push(base.iter().filter(|p| p.name != s.name).copied().collect());
        }
    }
    out
}
