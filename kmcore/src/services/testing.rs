//! The services' table-driven tests share this module: a case is a row
//! (jurisdiction, as-of, facts) and what it expects of the decision.
//!
//! An [`Expect`] names only the aspects a row checks: start from
//! [`eligible`], [`refused`] or [`any`] and add the fee, its status, its
//! lines, the checks, a check's parameter or the deadline. Every row also
//! checks that each of its messages, in every language, is fully filled in.

use crate::Catalogue;
use crate::application::{Actor, Application};
use crate::decision::{Deadline, FeeLineKind, FeeStatus, Request};
use crate::facts::Facts;
use crate::jurisdiction::Jurisdiction;
use crate::reason::{Lang, ParamValue};
use crate::service::ServiceId;

/// What a decision says, in the terms the rows check.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Summary {
    /// Every rule passed.
    pub(crate) eligible: bool,
    /// The fee due in whole rupees (`None`: refused, not charged or not known).
    pub(crate) fee: Option<i64>,
    /// Whether the fee is due, not charged or not known.
    pub(crate) status: FeeStatus,
    /// The quote's lines, in whole rupees.
    pub(crate) lines: Vec<(FeeLineKind, i64)>,
    /// The codes of the failed checks, in order.
    pub(crate) failed: Vec<String>,
    /// Every check's code and whether it passed, in order.
    pub(crate) checks: Vec<(String, bool)>,
    /// Every check's parameters: its code, whether it passed, the
    /// parameter's name and value.
    pub(crate) params: Vec<(String, bool, &'static str, ParamValue)>,
    /// The deadline or last valid day.
    pub(crate) deadline: Option<Deadline>,
}

/// Evaluates one row under the embedded catalogue; `as_of` is a date or an
/// RFC 3339 instant.
pub(crate) fn summary(service: ServiceId, j: Jurisdiction, as_of: &str, facts: Facts) -> Summary {
    summary_in(Catalogue::embedded().unwrap(), service, j, as_of, facts)
}

/// Evaluates one row under `cat` (a what-if catalogue, say), and checks
/// that no message is left with a placeholder.
pub(crate) fn summary_in(
    cat: &Catalogue,
    service: ServiceId,
    j: Jurisdiction,
    as_of: &str,
    facts: Facts,
) -> Summary {
    let request = Request {
        service,
        jurisdiction: j,
        as_of: as_of.parse().unwrap(),
        facts,
    };
    let d = cat.evaluate(&request).unwrap();
    for check in d.checks() {
        for &lang in Lang::ALL {
            let message = cat.message(check, lang);
            assert!(!message.contains('{'), "{service}: {message}");
        }
    }
    Summary {
        eligible: d.eligible(),
        fee: d.fee_due().map(|m| m.whole_rupees().unwrap()),
        status: d.quote().status(),
        lines: d
            .quote()
            .lines()
            .iter()
            .map(|l| (l.kind, l.amount.whole_rupees().unwrap()))
            .collect(),
        failed: d.failures().map(|c| c.code().to_string()).collect(),
        checks: d
            .checks()
            .iter()
            .map(|c| (c.code().to_string(), c.passed()))
            .collect(),
        params: d
            .checks()
            .iter()
            .flat_map(|c| {
                c.params()
                    .map(move |p| (c.code().to_string(), c.passed(), p.name, p.value))
            })
            .collect(),
        deadline: d.deadline(),
    }
}

/// What a row expects; an aspect left unset is not checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Expect {
    eligible: Option<bool>,
    fee: Option<Option<i64>>,
    status: Option<FeeStatus>,
    lines: Option<Vec<(FeeLineKind, i64)>>,
    failed: Option<Vec<String>>,
    checks: Option<Vec<(String, bool)>>,
    /// Parameters the checks must carry (among others).
    params: Vec<(String, bool, &'static str, ParamValue)>,
    deadline: Option<Option<Deadline>>,
}

/// Every rule passes (no failed check).
pub(crate) fn eligible() -> Expect {
    Expect {
        eligible: Some(true),
        failed: Some(Vec::new()),
        ..Expect::default()
    }
}

/// Refused, with exactly these failed checks in this order.
pub(crate) fn refused(codes: &[&str]) -> Expect {
    Expect {
        eligible: Some(false),
        failed: Some(codes.iter().map(|c| c.to_string()).collect()),
        ..Expect::default()
    }
}

/// Nothing yet: a row that checks only what is added to it.
pub(crate) fn any() -> Expect {
    Expect::default()
}

impl Expect {
    /// The fee due, in whole rupees.
    pub(crate) fn fee(self, rupees: i64) -> Expect {
        Expect {
            fee: Some(Some(rupees)),
            ..self
        }
    }

    /// No fee due (refused, not charged or not known).
    pub(crate) fn no_fee(self) -> Expect {
        Expect {
            fee: Some(None),
            ..self
        }
    }

    /// The fee's status.
    pub(crate) fn status(self, status: FeeStatus) -> Expect {
        Expect {
            status: Some(status),
            ..self
        }
    }

    /// The quote's lines, in whole rupees.
    pub(crate) fn lines(self, lines: &[(FeeLineKind, i64)]) -> Expect {
        Expect {
            lines: Some(lines.to_vec()),
            ..self
        }
    }

    /// Every check, passed or failed, in order.
    pub(crate) fn checks(self, checks: &[(&str, bool)]) -> Expect {
        Expect {
            checks: Some(checks.iter().map(|(c, p)| (c.to_string(), *p)).collect()),
            ..self
        }
    }

    /// A check with this code and outcome carries this parameter.
    pub(crate) fn param(
        mut self,
        code: &str,
        passed: bool,
        name: &'static str,
        value: ParamValue,
    ) -> Expect {
        self.params.push((code.to_string(), passed, name, value));
        self
    }

    /// The deadline or last valid day, a date.
    pub(crate) fn deadline(self, date: &str) -> Expect {
        Expect {
            deadline: Some(Some(Deadline::Date(date.parse().unwrap()))),
            ..self
        }
    }

    /// The deadline, an RFC 3339 instant.
    pub(crate) fn deadline_at(self, instant: &str) -> Expect {
        let at = crate::calendar::parse_instant(instant).unwrap();
        Expect {
            deadline: Some(Some(Deadline::Instant(at))),
            ..self
        }
    }

    /// No deadline.
    pub(crate) fn no_deadline(self) -> Expect {
        Expect {
            deadline: Some(None),
            ..self
        }
    }

    /// The aspects of `got` this expectation does not check, taken from
    /// `got`: equal to `got` exactly when every checked aspect matches.
    fn filled_from(&self, got: &Summary) -> Summary {
        Summary {
            eligible: self.eligible.unwrap_or(got.eligible),
            fee: self.fee.unwrap_or(got.fee),
            status: self.status.unwrap_or(got.status),
            lines: self.lines.clone().unwrap_or_else(|| got.lines.clone()),
            failed: self.failed.clone().unwrap_or_else(|| got.failed.clone()),
            checks: self.checks.clone().unwrap_or_else(|| got.checks.clone()),
            params: got.params.clone(),
            deadline: self.deadline.unwrap_or(got.deadline),
        }
    }
}

/// A case: jurisdiction, as-of (a date or an RFC 3339 instant), facts and
/// what the decision must say.
pub(crate) type Row = (Jurisdiction, &'static str, Facts, Expect);

/// Runs a table under the embedded catalogue: each row's decision must say
/// what the row expects.
pub(crate) fn run_table(service: ServiceId, rows: &[Row]) {
    run_table_in(Catalogue::embedded().unwrap(), service, rows);
}

/// Runs a table under `cat`.
pub(crate) fn run_table_in(cat: &Catalogue, service: ServiceId, rows: &[Row]) {
    for (i, (j, as_of, facts, want)) in rows.iter().enumerate() {
        let got = summary_in(cat, service, *j, as_of, facts.clone());
        let row = format!("{service} row {i}: {j} {as_of}");
        assert_eq!(got, want.filled_from(&got), "{row}");
        for param in &want.params {
            assert!(
                got.params.contains(param),
                "{row}: no {param:?} in {:?}",
                got.params
            );
        }
    }
}

/// Walks a new application of `service` in `j` through `events`, one a day
/// from `start` (an RFC 3339 instant), each applied by the clerk, the first
/// with `facts`; panics on a move the workflow refuses.
pub(crate) fn walk(
    service: ServiceId,
    j: Jurisdiction,
    start: &str,
    facts: Option<Facts>,
    events: &[&str],
) -> Application {
    let cat = Catalogue::embedded().unwrap();
    let mut app = Application::new(cat, service, j, format!("T-{service}")).unwrap();
    let mut at: chrono::DateTime<chrono::FixedOffset> = start.parse().unwrap();
    let mut facts = facts;
    for event in events {
        app.apply(cat, event, at, Actor::Clerk, facts.take())
            .unwrap_or_else(|e| panic!("{service}: {event}: {e}"));
        at += chrono::Duration::days(1);
    }
    app
}
