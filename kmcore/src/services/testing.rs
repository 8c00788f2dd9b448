//! The one helper of the services' table-driven tests: a case is a row
//! (jurisdiction, as-of, facts) and its expected summary.

use crate::Catalogue;
use crate::decision::{Deadline, Request};
use crate::facts::Facts;
use crate::jurisdiction::Jurisdiction;
use crate::service::ServiceId;

/// What a case asserts about a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Every rule passed.
    pub(crate) eligible: bool,
    /// The fee due in whole rupees (`None`: refused, not charged or not known).
    pub(crate) fee: Option<i64>,
    /// The codes of the failed checks, in order.
    pub(crate) failed: Vec<String>,
    /// The deadline or last valid day.
    pub(crate) deadline: Option<Deadline>,
}

/// Evaluates one row under the embedded catalogue; `as_of` is a date or an
/// RFC 3339 instant.
pub(crate) fn summary(service: ServiceId, j: Jurisdiction, as_of: &str, facts: Facts) -> Summary {
    let cat = Catalogue::embedded().unwrap();
    let request = Request {
        service,
        jurisdiction: j,
        as_of: as_of.parse().unwrap(),
        facts,
    };
    let d = cat.evaluate(&request).unwrap();
    Summary {
        eligible: d.eligible(),
        fee: d.fee_due().map(|m| m.whole_rupees().unwrap()),
        failed: d.failures().map(|c| c.code().to_string()).collect(),
        deadline: d.deadline(),
    }
}

/// Runs a table: each row's summary must equal its expectation.
pub(crate) fn run_table(service: ServiceId, rows: &[(Jurisdiction, &str, Facts, Summary)]) {
    for (j, as_of, facts, want) in rows {
        let got = summary(service, *j, as_of, facts.clone());
        assert_eq!(&got, want, "{service} {j} {as_of} {facts:?}");
    }
}
