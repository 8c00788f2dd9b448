//! Whether a jurisdiction's centres offer a service, as the sources say.
//!
//! A service's `offered_in` lists the jurisdictions where a source says the
//! centres offer it. Elsewhere the answer is "not offered" only where a
//! source says so (the table [`NOT_OFFERED`], with that source), and
//! otherwise "not known": the decision then fails with `rule.not_known`
//! (rule `availability`), never with `service.offered`.
//!
//! A service can be offered and still never grantable: a rule every
//! application needs has no sourced value, so every decision has a check
//! that is not known. Those are listed in [`NOT_DECIDABLE`] with the
//! reason, and a test keeps the list true to the bundle.

use std::sync::LazyLock;

use crate::jurisdiction::Jurisdiction;
use crate::service::ServiceId;

/// Whether a service is offered in a jurisdiction.
///
/// # Example
///
/// ```
/// use kmcore::{Jurisdiction, ServiceId};
/// use kmcore::services::{Availability, availability};
/// // ICT renews arms licences (Nation, 12 Apr 2018).
/// assert_eq!(availability(ServiceId::ArmsLicenceRenewal, Jurisdiction::ICT), Availability::Offered);
/// // No source says whether Sindh's centres renew arms licences.
/// assert_eq!(availability(ServiceId::ArmsLicenceRenewal, Jurisdiction::SD), Availability::NotKnown);
/// // Offered, but no minimum age is sourced: no enrolment can be granted.
/// assert!(matches!(
///     availability(ServiceId::CommunityPolicing, Jurisdiction::PB),
///     Availability::OfferedNotDecidable { .. }
/// ));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    /// A source says the centres offer it.
    Offered,
    /// A source says the centres offer it, but a rule every application
    /// needs has no sourced value, so no application can be granted until
    /// the bundle has one.
    OfferedNotDecidable {
        /// Which rule is missing and why.
        reason: &'static str,
    },
    /// A source says it is not offered.
    NotOffered {
        /// The source.
        source: &'static str,
    },
    /// No source says whether it is offered.
    NotKnown,
}

/// A jurisdiction where a source says a service is not offered.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NotOffered {
    /// The service.
    pub(crate) service: ServiceId,
    /// The jurisdiction.
    pub(crate) jurisdiction: Jurisdiction,
    /// The source that says so.
    pub(crate) source: &'static str,
}

/// Services a source says a jurisdiction does not offer. No source found
/// says so of any service yet: every jurisdiction outside a service's
/// `offered_in` is "not known".
pub(crate) const NOT_OFFERED: &[NotOffered] = &[];

/// Offered services that no application can pass, with the reason.
pub(crate) const NOT_DECIDABLE: &[(ServiceId, Jurisdiction, &str)] = &[
    (
        ServiceId::CommunityPolicing,
        Jurisdiction::PB,
        "no source gives the volunteer's minimum age (min_age)",
    ),
    (
        ServiceId::CommunityPolicing,
        Jurisdiction::ICT,
        "no source gives the volunteer's minimum age (min_age)",
    ),
    (
        ServiceId::CommunityPolicing,
        Jurisdiction::SD,
        "no source gives the volunteer's minimum age (min_age)",
    ),
    (
        ServiceId::LearnerPermit,
        Jurisdiction::KP,
        "no source gives KP's minimum ages (min_age)",
    ),
];

/// Whether `service` is offered in `jurisdiction`.
///
/// # Example
///
/// See [`Availability`].
///
/// ```
/// use kmcore::{Jurisdiction, ServiceId};
/// use kmcore::services::{Availability, availability};
/// assert_eq!(availability(ServiceId::LearnerPermit, Jurisdiction::PB), Availability::Offered);
/// ```
pub fn availability(service: ServiceId, jurisdiction: Jurisdiction) -> Availability {
    // Every evaluation asks, so the answers are worked out once.
    // One row of jurisdictions per service.
    static TABLE: LazyLock<Vec<Availability>> = LazyLock::new(|| {
        ServiceId::ALL
            .iter()
            .flat_map(|&s| Jurisdiction::ALL.iter().map(move |&j| work_out(s, j)))
            .collect()
    });
    TABLE
        .get(service.index() * Jurisdiction::ALL.len() + jurisdiction.index())
        .copied()
        .unwrap_or_else(|| work_out(service, jurisdiction))
}

fn work_out(service: ServiceId, jurisdiction: Jurisdiction) -> Availability {
    if let Some(n) = NOT_OFFERED
        .iter()
        .find(|n| n.service == service && n.jurisdiction == jurisdiction)
    {
        return Availability::NotOffered { source: n.source };
    }
    if !super::def(service).offered_in.contains(&jurisdiction) {
        return Availability::NotKnown;
    }
    match NOT_DECIDABLE
        .iter()
        .find(|(s, j, _)| *s == service && *j == jurisdiction)
    {
        Some((_, _, reason)) => Availability::OfferedNotDecidable { reason },
        None => Availability::Offered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_answers_as_the_lists_say() {
        for &s in ServiceId::ALL {
            for &j in Jurisdiction::ALL {
                assert_eq!(availability(s, j), work_out(s, j), "{s} {j}");
            }
        }
    }
    use crate::Catalogue;
    use crate::decision::Request;
    use crate::facts::{Facts, LicenceCategory};

    /// Every service listed as not decidable is undetermined for a
    /// complete, favourable application: a rule has no known value.
    #[test]
    fn not_decidable_services_cannot_be_granted() {
        let cat = Catalogue::embedded().unwrap();
        for (service, j, _) in NOT_DECIDABLE {
            let facts = Facts {
                date_of_birth: Some("1990-01-01".parse().unwrap()),
                resides_in_area: Some(true),
                has_criminal_record: Some(false),
                category: Some(LicenceCategory::Motorcycle),
                has_valid_cnic: Some(true),
                ..Facts::default()
            };
            let r = Request::on_date(*service, *j, "2025-06-01".parse().unwrap(), facts);
            let dec = cat.evaluate(&r).unwrap();
            assert!(!dec.eligible(), "{service} {j}");
            assert!(
                dec.failures()
                    .all(|c| c.code() == crate::ReasonCode::RULE_NOT_KNOWN),
                "{service} {j}"
            );
        }
    }

    #[test]
    fn a_service_not_listed_is_not_known_not_refused() {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(
            ServiceId::ArmsLicenceDuplicate,
            Jurisdiction::SD,
            "2025-06-01".parse().unwrap(),
            Facts::default(),
        );
        let dec = cat.evaluate(&r).unwrap();
        let codes: Vec<&str> = dec.failures().map(|c| c.code().as_str()).collect();
        assert_eq!(codes, vec!["rule.not_known"]);
        assert_eq!(dec.fee_due(), None);
    }
}
