//! The service catalogue's vocabulary: service ids and what each service
//! declares (facts, bundle parameters, documents, reasons, workflow).

use crate::error::{KmError, Result};
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction;
use crate::reason::ReasonCode;
use crate::workflow::WorkflowTable;

macro_rules! service_ids {
    ( $( $(#[$doc:meta])* $variant:ident = $text:literal ),+ $(,)? ) => {
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

service_ids! {
    /// Issue a learner driving permit.
    LearnerPermit = "driving_licence.learner_permit",
    /// May the driving test be taken on a date?
    TestBooking = "driving_licence.test_booking",
    /// May a failed driving test be retaken on a date?
    Retest = "driving_licence.retest",
    /// Issue a permanent driving licence after the learner period and tests.
    PermanentLicence = "driving_licence.permanent",
    /// Renew a driving licence.
    LicenceRenewal = "driving_licence.renewal",
    /// Issue a duplicate driving licence.
    DuplicateLicence = "driving_licence.duplicate",
    /// Issue an international driving permit.
    InternationalPermit = "driving_licence.international_permit",
    /// Punjab's restricted motorcycle permit for ages 16 to 18.
    JuvenileMotorcyclePermit = "driving_licence.juvenile_motorcycle_permit",
    /// Issue a character or police clearance certificate.
    CharacterCertificateIssue = "character_certificate.issue",
    /// Is a character certificate still valid on a date?
    CharacterCertificateValidity = "character_certificate.validity",
    /// General police verification.
    PoliceVerification = "police_verification.general",
    /// Register a tenant.
    TenantRegistration = "tenant_registration.register",
    /// Was a tenant reported in time?
    TenantDeadline = "tenant_registration.deadline",
    /// Was a hotel, guest-house or hostel guest reported in time?
    GuestDeadline = "guest_registration.deadline",
    /// Domestic-servant or private-employee registration and verification.
    EmployeeRegistration = "employee_registration.verify",
    /// New non-prohibited-bore arms licence.
    ArmsLicenceNew = "arms_licence.new",
    /// Renew an arms licence.
    ArmsLicenceRenewal = "arms_licence.renewal",
    /// Duplicate arms licence.
    ArmsLicenceDuplicate = "arms_licence.duplicate",
    /// Lost document or article report.
    LostReport = "lost_report.file",
    /// Police verification of a vehicle.
    VehicleVerification = "vehicle_verification.verify",
    /// Register a foreign national.
    ForeignerRegistration = "foreigner_registration.register",
    /// Enrol a volunteer in a community-policing programme.
    CommunityPolicing = "community_policing.enrol",
    /// Copy of a first information report.
    FirCopy = "fir_copy.request",
    /// Crime report.
    CrimeReport = "crime_report.file",
}

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
            .ok_or_else(|| KmError::invalid("service.unknown", format!("unknown service `{s}`")))
    }
}

/// The unit of a rule-bundle value.
///
/// # Example
///
/// ```
/// assert_eq!(kmcore::Unit::Rupees.json_key(), "rupees");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// An amount of money in whole rupees (stored as paisa).
    Rupees,
    /// Whole years.
    Years,
    /// Whole months.
    Months,
    /// Calendar days.
    Days,
    /// Working days (weekends and bundle holidays excluded).
    WorkingDays,
    /// Hours of elapsed time.
    Hours,
    /// Engine displacement in cubic centimetres.
    Cc,
}

impl Unit {
    /// The key that carries a value of this unit in a bundle file.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Unit;
    /// assert_eq!(Unit::WorkingDays.json_key(), "working_days");
    /// assert_eq!(Unit::Cc.json_key(), "cc");
    /// ```
    pub const fn json_key(self) -> &'static str {
        match self {
            Unit::Rupees => "rupees",
            Unit::Years => "years",
            Unit::Months => "months",
            Unit::Days => "days",
            Unit::WorkingDays => "working_days",
            Unit::Hours => "hours",
            Unit::Cc => "cc",
        }
    }
}

/// A parameter a service reads from the rule bundle.
///
/// A parameter with variants (for example a fee per licence category) is
/// written in a bundle as `name.variant`, such as `fee.motor_car`.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, ServiceId, Unit};
/// let info = Catalogue::embedded().unwrap().service(ServiceId::LearnerPermit);
/// let fee = info.params.iter().find(|p| p.name == "fee").unwrap();
/// assert_eq!(fee.unit, Unit::Rupees);
/// assert!(fee.variants.contains(&"motorcycle"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ParamDef {
    /// The parameter name, such as `fee` or `min_age`.
    pub name: &'static str,
    /// The unit its values are given in.
    pub unit: Unit,
    /// The allowed variants, empty when the parameter has none.
    pub variants: &'static [&'static str],
    /// What the parameter means, in one line.
    pub doc: &'static str,
}

/// Whether a service is an application with a workflow or a one-off check.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, ServiceId, ServiceKind};
/// let info = Catalogue::embedded().unwrap().service(ServiceId::TestBooking);
/// assert_eq!(info.kind, ServiceKind::Check);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// An application that moves through a workflow.
    Application,
    /// A question answered on the spot (a deadline, a validity, a wait).
    Check,
}

/// A document a service may ask for.
#[derive(Clone, Copy, Debug)]
pub struct DocumentDef {
    /// Stable id, such as `affidavit`.
    pub id: &'static str,
    /// The fact that says whether it was supplied, if there is one.
    pub provided_by: Option<FactKey>,
    /// The jurisdictions that ask for it.
    pub jurisdictions: &'static [Jurisdiction],
    /// When it is required; `None` means always.
    pub condition: Option<DocumentCondition>,
}

/// When a document is required.
#[derive(Clone, Copy, Debug)]
pub enum DocumentCondition {
    /// Only when the given boolean fact is true.
    WhenFact(FactKey),
    /// Only when the given boolean fact is false.
    UnlessFact(FactKey),
    /// Only when the applicant's age on the as-of date is at least this many years.
    FromAge(i32),
    /// Only when the applicant's age on the as-of date is over this many years.
    OverAge(i32),
}

/// Everything the library knows about one service, declared in its module.
#[derive(Clone, Copy)]
pub struct ServiceDef {
    /// The id.
    pub id: ServiceId,
    /// English title.
    pub title: &'static str,
    /// Urdu title.
    pub title_ur: &'static str,
    /// Application or check.
    pub kind: ServiceKind,
    /// Jurisdictions whose centres offer it.
    pub offered_in: &'static [Jurisdiction],
    /// Facts required in a jurisdiction.
    pub required_facts: fn(Jurisdiction) -> &'static [FactKey],
    /// Facts that may be given but are not required.
    pub optional_facts: &'static [FactKey],
    /// Parameters read from the rule bundle.
    pub params: &'static [ParamDef],
    /// Documents it may ask for.
    pub documents: &'static [DocumentDef],
    /// Every reason code the service can emit.
    pub reasons: &'static [ReasonCode],
    /// The rules: pushes checks, fee lines and a deadline into the evaluation.
    pub evaluate: fn(&mut crate::decision::Eval<'_, '_>) -> Result<()>,
    /// The workflow, for applications.
    pub workflow: Option<fn() -> WorkflowTable>,
}

impl std::fmt::Debug for ServiceDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceDef")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl ServiceDef {
    /// Looks up a declared parameter by name.
    pub(crate) fn param(&self, name: &str) -> Option<&'static ParamDef> {
        self.params.iter().find(|p| p.name == name)
    }
}
