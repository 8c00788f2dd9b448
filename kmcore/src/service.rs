//! Service ids and kinds: the names of the services, which every layer uses.

use crate::error::{KmError, Result};
use crate::named::named_enum;

macro_rules! service_ids {
    ( $( $(#[$doc:meta])* $variant:ident = $text:literal in $module:ident ),+ $(,)? ) => {
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
        /// assert_eq!(id.family(), "character_certificate");
        /// assert!("driving_licence.flying".parse::<ServiceId>().is_err());
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash,
                 serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum ServiceId {
            $( $(#[$doc])* #[serde(rename = $text)] $variant, )+
        }

        impl ServiceId {
            /// Every service id, in catalogue order.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::ServiceId;
            /// let names: Vec<_> = ServiceId::ALL.iter().map(|s| s.as_str()).collect();
            #[doc = concat!("assert_eq!(names, ", stringify!([ $( $text ),+ ]), ");")]
            /// ```
            pub const ALL: &'static [ServiceId] = &[ $( ServiceId::$variant ),+ ];

            /// The dotted name.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::ServiceId;
            /// assert_eq!(ServiceId::TenantRegistration.as_str(), "tenant_registration.register");
            /// for id in ServiceId::ALL {
            ///     assert_eq!(id.as_str().parse::<ServiceId>().unwrap(), *id);
            /// }
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $( ServiceId::$variant => $text ),+ }
            }
        }
    };
}

/// Calls `$callback!` with every service: its doc, variant, dotted name
/// and module (`Variant = "family.action" in module,`). The one list the
/// core's `ServiceId` and the bindings' mirrors are built from.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_service {
    ($callback:ident) => {
        $callback! {
            /// Issue a learner driving permit.
            LearnerPermit = "driving_licence.learner_permit" in learner_permit,
            /// May the driving test be taken on a date?
            TestBooking = "driving_licence.test_booking" in test_booking,
            /// May a failed driving test be retaken on a date?
            Retest = "driving_licence.retest" in retest,
            /// Issue a permanent driving licence after the learner period and tests.
            PermanentLicence = "driving_licence.permanent" in permanent_licence,
            /// Renew a driving licence.
            LicenceRenewal = "driving_licence.renewal" in licence_renewal,
            /// Issue a duplicate driving licence.
            DuplicateLicence = "driving_licence.duplicate" in duplicate_licence,
            /// Issue an international driving permit.
            InternationalPermit = "driving_licence.international_permit" in international_permit,
            /// Punjab's restricted motorcycle permit for ages 16 to 18.
            JuvenileMotorcyclePermit = "driving_licence.juvenile_motorcycle_permit" in juvenile_motorcycle_permit,
            /// Issue a character or police clearance certificate.
            CharacterCertificateIssue = "character_certificate.issue" in character_certificate_issue,
            /// Is a character certificate still valid on a date?
            CharacterCertificateValidity = "character_certificate.validity" in character_certificate_validity,
            /// General police verification.
            PoliceVerification = "police_verification.general" in police_verification,
            /// Register a tenant.
            TenantRegistration = "tenant_registration.register" in tenant_registration,
            /// Was a tenant reported in time?
            TenantDeadline = "tenant_registration.deadline" in tenant_deadline,
            /// Was a hotel, guest-house or hostel guest reported in time?
            GuestDeadline = "guest_registration.deadline" in guest_deadline,
            /// Domestic-servant or private-employee registration and verification.
            EmployeeRegistration = "employee_registration.verify" in employee_registration,
            /// New non-prohibited-bore arms licence.
            ArmsLicenceNew = "arms_licence.new" in arms_licence_new,
            /// Renew an arms licence.
            ArmsLicenceRenewal = "arms_licence.renewal" in arms_licence_renewal,
            /// Duplicate arms licence.
            ArmsLicenceDuplicate = "arms_licence.duplicate" in arms_licence_duplicate,
            /// Lost document or article report.
            LostReport = "lost_report.file" in lost_report,
            /// Police verification of a vehicle.
            VehicleVerification = "vehicle_verification.verify" in vehicle_verification,
            /// Register a foreign national.
            ForeignerRegistration = "foreigner_registration.register" in foreigner_registration,
            /// Enrol a volunteer in a community-policing programme.
            CommunityPolicing = "community_policing.enrol" in community_policing,
            /// Copy of a first information report.
            FirCopy = "fir_copy.request" in fir_copy,
            /// Crime report.
            CrimeReport = "crime_report.file" in crime_report,
            /// No-objection certificate for a driving licence.
            LicenceNoc = "driving_licence.noc" in licence_noc,
            /// Renewal of a learner permit.
            LearnerRenewal = "driving_licence.learner_renewal" in learner_renewal,
            /// Duplicate of a learner permit.
            LearnerDuplicate = "driving_licence.learner_duplicate" in learner_duplicate,
            /// All-Pakistan extension of an arms licence.
            ArmsAllPakistan = "arms_licence.all_pakistan" in arms_all_pakistan,
            /// Restoration of a suspended driving licence.
            LicenceRestoration = "driving_licence.restoration" in licence_restoration,
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

    /// A dense index used to store per-service data.
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for ServiceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ServiceId {
    type Err = KmError;
    fn from_str(s: &str) -> Result<Self> {
        ServiceId::ALL
            .iter()
            .copied()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| {
                KmError::invalid(
                    "service.unknown",
                    format!("unknown service `{}`", crate::excerpt(s)),
                )
            })
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
