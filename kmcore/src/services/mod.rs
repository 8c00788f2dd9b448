//! One module per service: its workflow (states and events as enums), the
//! facts it needs, its bundle parameters, documents, reasons and rules.
//!
//! Adding a service is one new module here plus its values in the bundle
//! and its messages in the catalogues (see CONTRIBUTING.md).

use std::sync::OnceLock;

use crate::service::{ServiceDef, ServiceId};
use crate::workflow::WorkflowTable;

pub(crate) mod rules;

pub mod arms_licence_duplicate;
pub mod arms_licence_new;
pub mod arms_licence_renewal;
pub mod character_certificate_issue;
pub mod character_certificate_validity;
pub mod community_policing;
pub mod crime_report;
pub mod duplicate_licence;
pub mod employee_registration;
pub mod fir_copy;
pub mod foreigner_registration;
pub mod guest_deadline;
pub mod international_permit;
pub mod juvenile_motorcycle_permit;
pub mod learner_permit;
pub mod licence_renewal;
pub mod lost_report;
pub mod permanent_licence;
pub mod police_verification;
pub mod retest;
pub mod tenant_deadline;
pub mod tenant_registration;
pub mod test_booking;
pub mod vehicle_verification;

/// The declaration of a service.
pub(crate) fn def(id: ServiceId) -> &'static ServiceDef {
    match id {
        ServiceId::LearnerPermit => &learner_permit::DEF,
        ServiceId::CharacterCertificateIssue => &character_certificate_issue::DEF,
        ServiceId::TestBooking => &test_booking::DEF,
        ServiceId::Retest => &retest::DEF,
        ServiceId::PermanentLicence => &permanent_licence::DEF,
        ServiceId::LicenceRenewal => &licence_renewal::DEF,
        ServiceId::DuplicateLicence => &duplicate_licence::DEF,
        ServiceId::InternationalPermit => &international_permit::DEF,
        ServiceId::JuvenileMotorcyclePermit => &juvenile_motorcycle_permit::DEF,
        ServiceId::CharacterCertificateValidity => &character_certificate_validity::DEF,
        ServiceId::PoliceVerification => &police_verification::DEF,
        ServiceId::TenantRegistration => &tenant_registration::DEF,
        ServiceId::TenantDeadline => &tenant_deadline::DEF,
        ServiceId::GuestDeadline => &guest_deadline::DEF,
        ServiceId::EmployeeRegistration => &employee_registration::DEF,
        ServiceId::ArmsLicenceNew => &arms_licence_new::DEF,
        ServiceId::ArmsLicenceRenewal => &arms_licence_renewal::DEF,
        ServiceId::ArmsLicenceDuplicate => &arms_licence_duplicate::DEF,
        ServiceId::LostReport => &lost_report::DEF,
        ServiceId::VehicleVerification => &vehicle_verification::DEF,
        ServiceId::ForeignerRegistration => &foreigner_registration::DEF,
        ServiceId::CommunityPolicing => &community_policing::DEF,
        ServiceId::FirCopy => &fir_copy::DEF,
        ServiceId::CrimeReport => &crime_report::DEF,
    }
}

static TABLES: OnceLock<Vec<Option<WorkflowTable>>> = OnceLock::new();

fn all_tables() -> &'static [Option<WorkflowTable>] {
    TABLES.get_or_init(|| {
        ServiceId::ALL
            .iter()
            .map(|id| def(*id).workflow.map(|build| build()))
            .collect()
    })
}

/// A service's workflow table (built once).
pub(crate) fn table(id: ServiceId) -> Option<&'static WorkflowTable> {
    all_tables().get(id.index()).and_then(Option::as_ref)
}

/// Every workflow table.
pub(crate) fn tables() -> impl Iterator<Item = &'static WorkflowTable> {
    all_tables().iter().flatten()
}
