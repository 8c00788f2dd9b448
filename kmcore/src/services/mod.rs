//! One module per service: its workflow (states and events as enums), the
//! facts it needs, its bundle parameters, documents, reasons and rules.
//!
//! Adding a service is one new module here plus its values in the bundle
//! and its messages in the catalogues (see CONTRIBUTING.md).

use std::sync::OnceLock;

use crate::service::{ServiceDef, ServiceId};
use crate::workflow::WorkflowTable;

pub(crate) mod rules;

pub mod character_certificate_issue;
pub mod learner_permit;
mod pending;

/// The declaration of a service.
pub(crate) fn def(id: ServiceId) -> &'static ServiceDef {
    match id {
        ServiceId::LearnerPermit => &learner_permit::DEF,
        ServiceId::CharacterCertificateIssue => &character_certificate_issue::DEF,
        ServiceId::TestBooking => &pending::TEST_BOOKING,
        ServiceId::Retest => &pending::RETEST,
        ServiceId::PermanentLicence => &pending::PERMANENT_LICENCE,
        ServiceId::LicenceRenewal => &pending::LICENCE_RENEWAL,
        ServiceId::DuplicateLicence => &pending::DUPLICATE_LICENCE,
        ServiceId::InternationalPermit => &pending::INTERNATIONAL_PERMIT,
        ServiceId::JuvenileMotorcyclePermit => &pending::JUVENILE_MOTORCYCLE_PERMIT,
        ServiceId::CharacterCertificateValidity => &pending::CHARACTER_CERTIFICATE_VALIDITY,
        ServiceId::PoliceVerification => &pending::POLICE_VERIFICATION,
        ServiceId::TenantRegistration => &pending::TENANT_REGISTRATION,
        ServiceId::TenantDeadline => &pending::TENANT_DEADLINE,
        ServiceId::GuestDeadline => &pending::GUEST_DEADLINE,
        ServiceId::EmployeeRegistration => &pending::EMPLOYEE_REGISTRATION,
        ServiceId::ArmsLicenceNew => &pending::ARMS_LICENCE_NEW,
        ServiceId::ArmsLicenceRenewal => &pending::ARMS_LICENCE_RENEWAL,
        ServiceId::ArmsLicenceDuplicate => &pending::ARMS_LICENCE_DUPLICATE,
        ServiceId::LostReport => &pending::LOST_REPORT,
        ServiceId::VehicleVerification => &pending::VEHICLE_VERIFICATION,
        ServiceId::ForeignerRegistration => &pending::FOREIGNER_REGISTRATION,
        ServiceId::CommunityPolicing => &pending::COMMUNITY_POLICING,
        ServiceId::FirCopy => &pending::FIR_COPY,
        ServiceId::CrimeReport => &pending::CRIME_REPORT,
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
