//! Services whose rules are not written yet: each refuses to evaluate.

use crate::decision::Eval;
use crate::error::KmError;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction;
use crate::service::{ServiceDef, ServiceId, ServiceKind};

fn no_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[]
}

fn not_written(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    Err(KmError::invalid(
        "service.not_written",
        format!("the rules of {} are not written yet", ev.service.id),
    ))
}

pub(crate) static TEST_BOOKING: ServiceDef = ServiceDef {
    id: ServiceId::TestBooking,
    title: "TestBooking",
    title_ur: "TestBooking",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static RETEST: ServiceDef = ServiceDef {
    id: ServiceId::Retest,
    title: "Retest",
    title_ur: "Retest",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static PERMANENT_LICENCE: ServiceDef = ServiceDef {
    id: ServiceId::PermanentLicence,
    title: "PermanentLicence",
    title_ur: "PermanentLicence",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static LICENCE_RENEWAL: ServiceDef = ServiceDef {
    id: ServiceId::LicenceRenewal,
    title: "LicenceRenewal",
    title_ur: "LicenceRenewal",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static DUPLICATE_LICENCE: ServiceDef = ServiceDef {
    id: ServiceId::DuplicateLicence,
    title: "DuplicateLicence",
    title_ur: "DuplicateLicence",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static INTERNATIONAL_PERMIT: ServiceDef = ServiceDef {
    id: ServiceId::InternationalPermit,
    title: "InternationalPermit",
    title_ur: "InternationalPermit",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static JUVENILE_MOTORCYCLE_PERMIT: ServiceDef = ServiceDef {
    id: ServiceId::JuvenileMotorcyclePermit,
    title: "JuvenileMotorcyclePermit",
    title_ur: "JuvenileMotorcyclePermit",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static CHARACTER_CERTIFICATE_VALIDITY: ServiceDef = ServiceDef {
    id: ServiceId::CharacterCertificateValidity,
    title: "CharacterCertificateValidity",
    title_ur: "CharacterCertificateValidity",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static POLICE_VERIFICATION: ServiceDef = ServiceDef {
    id: ServiceId::PoliceVerification,
    title: "PoliceVerification",
    title_ur: "PoliceVerification",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static TENANT_REGISTRATION: ServiceDef = ServiceDef {
    id: ServiceId::TenantRegistration,
    title: "TenantRegistration",
    title_ur: "TenantRegistration",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static TENANT_DEADLINE: ServiceDef = ServiceDef {
    id: ServiceId::TenantDeadline,
    title: "TenantDeadline",
    title_ur: "TenantDeadline",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static GUEST_DEADLINE: ServiceDef = ServiceDef {
    id: ServiceId::GuestDeadline,
    title: "GuestDeadline",
    title_ur: "GuestDeadline",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static EMPLOYEE_REGISTRATION: ServiceDef = ServiceDef {
    id: ServiceId::EmployeeRegistration,
    title: "EmployeeRegistration",
    title_ur: "EmployeeRegistration",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static ARMS_LICENCE_NEW: ServiceDef = ServiceDef {
    id: ServiceId::ArmsLicenceNew,
    title: "ArmsLicenceNew",
    title_ur: "ArmsLicenceNew",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static ARMS_LICENCE_RENEWAL: ServiceDef = ServiceDef {
    id: ServiceId::ArmsLicenceRenewal,
    title: "ArmsLicenceRenewal",
    title_ur: "ArmsLicenceRenewal",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static ARMS_LICENCE_DUPLICATE: ServiceDef = ServiceDef {
    id: ServiceId::ArmsLicenceDuplicate,
    title: "ArmsLicenceDuplicate",
    title_ur: "ArmsLicenceDuplicate",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static LOST_REPORT: ServiceDef = ServiceDef {
    id: ServiceId::LostReport,
    title: "LostReport",
    title_ur: "LostReport",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static VEHICLE_VERIFICATION: ServiceDef = ServiceDef {
    id: ServiceId::VehicleVerification,
    title: "VehicleVerification",
    title_ur: "VehicleVerification",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static FOREIGNER_REGISTRATION: ServiceDef = ServiceDef {
    id: ServiceId::ForeignerRegistration,
    title: "ForeignerRegistration",
    title_ur: "ForeignerRegistration",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static COMMUNITY_POLICING: ServiceDef = ServiceDef {
    id: ServiceId::CommunityPolicing,
    title: "CommunityPolicing",
    title_ur: "CommunityPolicing",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static FIR_COPY: ServiceDef = ServiceDef {
    id: ServiceId::FirCopy,
    title: "FirCopy",
    title_ur: "FirCopy",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};

pub(crate) static CRIME_REPORT: ServiceDef = ServiceDef {
    id: ServiceId::CrimeReport,
    title: "CrimeReport",
    title_ur: "CrimeReport",
    kind: ServiceKind::Check,
    offered_in: &[],
    required_facts: no_facts,
    optional_facts: &[],
    params: &[],
    documents: &[],
    reasons: &[],
    evaluate: not_written,
    workflow: None,
};
