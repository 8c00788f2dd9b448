//! Service ids and kinds: the names of the services, which every layer uses.

use crate::named::named_enum;

macro_rules! service_ids {
    ( $( $(#[$doc:meta])* $variant:ident = $text:literal in $family:ident :: $module:ident ),+ $(,)? ) => {
        named_enum! {
            /// A service (or a check within a service family) that a centre offers.
            ///
            /// The dotted name is `family.action`, for example
            /// `driving_licence.learner_permit`.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::ServiceId;
            /// let id: ServiceId = "character_certificate.issue".parse().unwrap();
            /// assert_eq!(id, ServiceId::CharacterCertificateIssue);
            /// assert_eq!(id.as_str(), "character_certificate.issue");
            /// assert_eq!(id.family(), "character_certificate");
            /// assert!("driving_licence.flying".parse::<ServiceId>().is_err());
            /// ```
            pub enum ServiceId("service", "service.unknown", unknown = "unknown service `{}`") {
                $( $(#[$doc])* $variant = $text, )+
            }
        }
    };
}

/// Calls `$callback!` with every service: its doc, variant, dotted name
/// and module under `services` (`Variant = "family.action" in family::module,`).
/// The one list the core's `ServiceId`, the `services` modules' re-exports
/// and declarations, and the bindings' mirrors are built from.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_service {
    ($callback:ident) => {
        $callback! {
            /// Issue a learner driving permit.
            LearnerPermit = "driving_licence.learner_permit" in driving_licence::learner_permit,
            /// May the driving test be taken on a date?
            TestBooking = "driving_licence.test_booking" in driving_licence::test_booking,
            /// May a failed driving test be retaken on a date?
            Retest = "driving_licence.retest" in driving_licence::retest,
            /// Issue a permanent driving licence after the learner period and tests.
            PermanentLicence = "driving_licence.permanent" in driving_licence::permanent_licence,
            /// Renew a driving licence.
            LicenceRenewal = "driving_licence.renewal" in driving_licence::licence_renewal,
            /// Issue a duplicate driving licence.
            DuplicateLicence = "driving_licence.duplicate" in driving_licence::duplicate_licence,
            /// Issue an international driving permit.
            InternationalPermit = "driving_licence.international_permit" in driving_licence::international_permit,
            /// Punjab's restricted motorcycle permit for ages 16 to 18.
            JuvenileMotorcyclePermit = "driving_licence.juvenile_motorcycle_permit" in driving_licence::juvenile_motorcycle_permit,
            /// Issue a character or police clearance certificate.
            CharacterCertificateIssue = "character_certificate.issue" in certificates::character_certificate_issue,
            /// Is a character certificate still valid on a date?
            CharacterCertificateValidity = "character_certificate.validity" in certificates::character_certificate_validity,
            /// General police verification.
            PoliceVerification = "police_verification.general" in certificates::police_verification,
            /// Register a tenant.
            TenantRegistration = "tenant_registration.register" in registration::tenant_registration,
            /// Was a tenant reported in time?
            TenantDeadline = "tenant_registration.deadline" in registration::tenant_deadline,
            /// Was a hotel, guest-house or hostel guest reported in time?
            GuestDeadline = "guest_registration.deadline" in registration::guest_deadline,
            /// Domestic-servant or private-employee registration and verification.
            EmployeeRegistration = "employee_registration.verify" in registration::employee_registration,
            /// New non-prohibited-bore arms licence.
            ArmsLicenceNew = "arms_licence.new" in arms::arms_licence_new,
            /// Renew an arms licence.
            ArmsLicenceRenewal = "arms_licence.renewal" in arms::arms_licence_renewal,
            /// Duplicate arms licence.
            ArmsLicenceDuplicate = "arms_licence.duplicate" in arms::arms_licence_duplicate,
            /// Lost document or article report.
            LostReport = "lost_report.file" in other::lost_report,
            /// Police verification of a vehicle.
            VehicleVerification = "vehicle_verification.verify" in other::vehicle_verification,
            /// Register a foreign national.
            ForeignerRegistration = "foreigner_registration.register" in registration::foreigner_registration,
            /// Enrol a volunteer in a community-policing programme.
            CommunityPolicing = "community_policing.enrol" in other::community_policing,
            /// Copy of a first information report.
            FirCopy = "fir_copy.request" in other::fir_copy,
            /// Crime report.
            CrimeReport = "crime_report.file" in other::crime_report,
            /// No-objection certificate for a driving licence.
            LicenceNoc = "driving_licence.noc" in driving_licence::licence_noc,
            /// Renewal of a learner permit.
            LearnerRenewal = "driving_licence.learner_renewal" in driving_licence::learner_renewal,
            /// Duplicate of a learner permit.
            LearnerDuplicate = "driving_licence.learner_duplicate" in driving_licence::learner_duplicate,
            /// All-Pakistan extension of an arms licence.
            ArmsAllPakistan = "arms_licence.all_pakistan" in arms::arms_all_pakistan,
            /// Restoration of a suspended driving licence.
            LicenceRestoration = "driving_licence.restoration" in driving_licence::licence_restoration,
        }
    };
}

for_each_service!(service_ids);

impl ServiceId {
    /// The family part of the dotted name (`driving_licence`).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::ServiceId::Retest.family(), "driving_licence");
    /// ```
    pub fn family(self) -> &'static str {
        let name = self.as_str();
        name.split_once('.').map_or(name, |(family, _)| family)
    }
}

named_enum! {
    /// Whether a service is an application with a workflow or a one-off check.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId, ServiceKind};
    /// let info = Catalogue::embedded().unwrap().service(ServiceId::TestBooking);
    /// assert_eq!(info.kind, ServiceKind::Check);
    /// ```
    pub enum ServiceKind("service kind", "service_kind.unknown") {
        /// An application that moves through a workflow.
        Application = "application",
        /// A question answered on the spot (a deadline, a validity, a wait).
        Check = "check",
    }
}
