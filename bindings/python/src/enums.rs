//! kmcore's enums as Python enums.
//!
//! Each core enum becomes a `kmcore.<Name>` class built at import time with
//! Python's functional `enum` API on the `kmcore._enums.StrEnum` base: its
//! members are strings equal to the core's stable names (`ServiceId.
//! LEARNER_PERMIT == "driving_licence.learner_permit"`), so they pickle,
//! hash, compare with plain strings and go into Arrow columns unchanged.
//!
//! The member list of each enum is an exhaustive `match` on the core enum
//! (no `_ =>` arm): a variant added to the core breaks this crate's build
//! until it is mapped here on purpose. Python values convert back by their
//! string, so a plain `"PB"` is accepted wherever a `Jurisdiction` is.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::errors::invalid;
use crate::spellings::{ByValue, Spellings};

/// A core enum mirrored as a Python enum.
pub(crate) trait Mirror: Copy + PartialEq + 'static {
    /// The Python class name (also the public name in `kmcore`).
    const NAME: &'static str;
    /// The docstring.
    const DOC: &'static str;
    /// The error code for a string that is not a member's value.
    const UNKNOWN_CODE: &'static str;
    /// Every variant, in the core's order.
    const ALL: &'static [Self];
    /// The Python member name (UPPER_SNAKE), by exhaustive match.
    fn member(self) -> &'static str;
    /// The member's value: the core's stable string.
    fn value(self) -> &'static str;
    /// Where the Python class is kept once built.
    fn cell() -> &'static PyOnceLock<Py<PyAny>>;
    /// The variants by value, for reading string columns.
    fn by_value() -> &'static ByValue<Self>;

    /// The Python enum member of this variant.
    fn to_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let class = class_of::<Self>(py)?;
        class.getattr(self.member())
    }

    /// The variants by value, bucketed for lookups (built on first use).
    fn spellings() -> &'static Spellings<Self> {
        Self::by_value().spellings(Self::ALL, Self::value)
    }

    /// The variant whose value is `text`.
    fn from_value(text: &str) -> Option<Self> {
        Self::spellings().lookup(text.as_bytes())
    }
}

/// The Python class of a mirrored enum.
pub(crate) fn class_of<M: Mirror>(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    M::cell()
        .get_or_try_init(py, || build_class::<M>(py))
        .map(|c| c.bind(py).clone())
}

fn build_class<M: Mirror>(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let base = py.import("kmcore._enums")?.getattr("StrEnum")?;
    let members = PyList::empty(py);
    for v in M::ALL {
        members.append(PyTuple::new(py, [v.member(), v.value()])?)?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("module", "kmcore")?;
    kwargs.set_item("qualname", M::NAME)?;
    let class = base.call((M::NAME, members), Some(&kwargs))?;
    class.setattr("__doc__", M::DOC)?;
    Ok(class.unbind())
}

/// Reads a mirrored enum from Python: a member, or a string equal to a
/// member's value. Anything else is an InvalidInputError (a wrong string)
/// or a TypeError (not a string).
pub(crate) fn extract<M: Mirror>(value: &Bound<'_, PyAny>) -> PyResult<M> {
    let text = value.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "expected a kmcore.{} or its string value, not {}",
            M::NAME,
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let text = text.to_cow()?;
    M::from_value(&text).ok_or_else(|| {
        let allowed: Vec<&str> = M::ALL.iter().map(|v| v.value()).collect();
        invalid(
            M::UNKNOWN_CODE,
            &format!(
                "`{}` is not a {}: expected one of {}",
                kmcore::excerpt(&text),
                M::NAME,
                allowed.join(", ")
            ),
        )
    })
}

/// A Rust value that converts to and from a Python enum member (pyo3
/// argument and return types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct E<M>(pub M);

impl<'a, 'py, M: Mirror> FromPyObject<'a, 'py> for E<M> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        extract::<M>(&obj).map(E)
    }
}

impl<'py, M: Mirror> IntoPyObject<'py> for E<M> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        self.0.to_py(py)
    }
}

/// Declares a mirror: `Name = core::Type { MEMBER = Variant, ... } value |v| expr`.
macro_rules! mirror {
    (
        $(#[doc = $doc:literal])+
        $name:ident = $core:ty, code $code:literal {
            $( $member:ident = $variant:ident ),+ $(,)?
        } value |$v:ident| $value:expr
    ) => {
        impl Mirror for $core {
            const NAME: &'static str = stringify!($name);
            const DOC: &'static str = concat!($($doc, "\n"),+);
            const UNKNOWN_CODE: &'static str = $code;
            const ALL: &'static [Self] = &[ $( Self::$variant ),+ ];
            fn member(self) -> &'static str {
                match self { $( Self::$variant => stringify!($member) ),+ }
            }
            fn value(self) -> &'static str {
                let $v = self;
                $value
            }
            fn cell() -> &'static PyOnceLock<Py<PyAny>> {
                static CELL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
                &CELL
            }
            fn by_value() -> &'static ByValue<Self> {
                static BY_VALUE: ByValue<$core> = ByValue::new();
                &BY_VALUE
            }
        }
    };
}

mirror! {
    /// A service (or a check) a centre offers; the value is the dotted id.
    ServiceId = kmcore::ServiceId, code "service.unknown" {
        LEARNER_PERMIT = LearnerPermit,
        TEST_BOOKING = TestBooking,
        RETEST = Retest,
        PERMANENT_LICENCE = PermanentLicence,
        LICENCE_RENEWAL = LicenceRenewal,
        DUPLICATE_LICENCE = DuplicateLicence,
        INTERNATIONAL_PERMIT = InternationalPermit,
        JUVENILE_MOTORCYCLE_PERMIT = JuvenileMotorcyclePermit,
        CHARACTER_CERTIFICATE_ISSUE = CharacterCertificateIssue,
        CHARACTER_CERTIFICATE_VALIDITY = CharacterCertificateValidity,
        POLICE_VERIFICATION = PoliceVerification,
        TENANT_REGISTRATION = TenantRegistration,
        TENANT_DEADLINE = TenantDeadline,
        GUEST_DEADLINE = GuestDeadline,
        EMPLOYEE_REGISTRATION = EmployeeRegistration,
        ARMS_LICENCE_NEW = ArmsLicenceNew,
        ARMS_LICENCE_RENEWAL = ArmsLicenceRenewal,
        ARMS_LICENCE_DUPLICATE = ArmsLicenceDuplicate,
        LOST_REPORT = LostReport,
        VEHICLE_VERIFICATION = VehicleVerification,
        FOREIGNER_REGISTRATION = ForeignerRegistration,
        COMMUNITY_POLICING = CommunityPolicing,
        FIR_COPY = FirCopy,
        CRIME_REPORT = CrimeReport,
        LICENCE_NOC = LicenceNoc,
        LEARNER_RENEWAL = LearnerRenewal,
        LEARNER_DUPLICATE = LearnerDuplicate,
        ARMS_ALL_PAKISTAN = ArmsAllPakistan,
        LICENCE_RESTORATION = LicenceRestoration,
    } value |v| v.as_str()
}

mirror! {
    /// A province or territory: PB, ICT, SD or KP.
    Jurisdiction = kmcore::Jurisdiction, code "jurisdiction.unknown" {
        PB = PB,
        ICT = ICT,
        SD = SD,
        KP = KP,
    } value |v| v.code()
}

mirror! {
    /// An application with a workflow, or a one-off check.
    ServiceKind = kmcore::ServiceKind, code "service_kind.unknown" {
        APPLICATION = Application,
        CHECK = Check,
    } value |v| v.as_str()
}

mirror! {
    /// The unit of a rule-bundle value.
    Unit = kmcore::Unit, code "unit.unknown" {
        RUPEES = Rupees,
        YEARS = Years,
        MONTHS = Months,
        DAYS = Days,
        WORKING_DAYS = WorkingDays,
        HOURS = Hours,
        CC = Cc,
    } value |v| v.as_str()
}

mirror! {
    /// A driving-licence category.
    LicenceCategory = kmcore::LicenceCategory, code "fact.value" {
        MOTORCYCLE = Motorcycle,
        MOTOR_CAR = MotorCar,
        MOTOR_CAR_AND_MOTORCYCLE = MotorCarAndMotorcycle,
        LTV = Ltv,
        HTV = Htv,
        PSV = Psv,
        TRACTOR_AGRICULTURAL = TractorAgricultural,
        TRACTOR_COMMERCIAL = TractorCommercial,
        RICKSHAW = Rickshaw,
    } value |v| v.as_str()
}

mirror! {
    /// Which driving test was taken.
    TestKind = kmcore::TestKind, code "fact.value" {
        SIGN_TEST = SignTest,
        ROAD_TEST = RoadTest,
    } value |v| v.as_str()
}

mirror! {
    /// Who files a character-certificate application.
    AppliedBy = kmcore::AppliedBy, code "fact.value" {
        SELF = SelfApplicant,
        BLOOD_RELATIVE = BloodRelative,
    } value |v| v.as_str()
}

mirror! {
    /// The purpose of a certificate or verification.
    Purpose = kmcore::Purpose, code "fact.value" {
        LOCAL = Local,
        OVERSEAS = Overseas,
        GOVERNMENT_EMPLOYEE = GovernmentEmployee,
    } value |v| v.as_str()
}

mirror! {
    /// The kind of rented premises.
    Premises = kmcore::Premises, code "fact.value" {
        RESIDENTIAL = Residential,
        COMMERCIAL = Commercial,
    } value |v| v.as_str()
}

mirror! {
    /// The kind of establishment that reports a guest.
    Establishment = kmcore::Establishment, code "fact.value" {
        HOTEL = Hotel,
        GUEST_HOUSE = GuestHouse,
        HOSTEL = Hostel,
    } value |v| v.as_str()
}

mirror! {
    /// Who reports a tenancy to the police.
    RegisteredBy = kmcore::RegisteredBy, code "fact.value" {
        LANDLORD = Landlord,
        TENANT = Tenant,
        PROPERTY_DEALER = PropertyDealer,
    } value |v| v.as_str()
}

mirror! {
    /// How an application is made, where a source gives different fees per channel.
    Channel = kmcore::Channel, code "fact.value" {
        COUNTER = Counter,
        APP = App,
        ONLINE = Online,
    } value |v| v.as_str()
}

mirror! {
    /// A kind of vehicle.
    VehicleKind = kmcore::VehicleKind, code "identifier.vehicle_kind" {
        CAR = Car,
        MOTORCYCLE = Motorcycle,
    } value |v| v.as_str()
}

mirror! {
    /// A number-plate scheme.
    PlateScheme = kmcore::PlateScheme, code "identifier.plate.scheme" {
        PB_UNIVERSAL_2017 = PbUniversal2017,
        SD_1996 = Sd1996,
    } value |v| v.as_str()
}

mirror! {
    /// A key of the facts dictionary.
    FactKey = kmcore::FactKey, code "fact.unknown" {
        DATE_OF_BIRTH = DateOfBirth,
        CATEGORY = Category,
        HAS_VALID_CNIC = HasValidCnic,
        LEARNER_ISSUED_ON = LearnerIssuedOn,
        PASSED_SIGN_TEST = PassedSignTest,
        PASSED_ROAD_TEST = PassedRoadTest,
        LICENCE_HELD_SINCE = LicenceHeldSince,
        LICENCE_TERM_YEARS = LicenceTermYears,
        URGENT = Urgent,
        HAS_MEDICAL_FITNESS_CERTIFICATE = HasMedicalFitnessCertificate,
        FAILED_TEST = FailedTest,
        FAILED_TEST_ON = FailedTestOn,
        EXPIRES_ON = ExpiresOn,
        HAS_VALID_NATIONAL_LICENCE = HasValidNationalLicence,
        HAS_VALID_VISA = HasValidVisa,
        ENGINE_CC = EngineCc,
        PARENTAL_CONSENT = ParentalConsent,
        HAS_PASSPORT = HasPassport,
        HAS_AFFIDAVIT = HasAffidavit,
        APPLICANT_ABROAD = ApplicantAbroad,
        APPLIED_BY = AppliedBy,
        HAS_AUTHORITY_LETTER = HasAuthorityLetter,
        HAS_PHOTOGRAPH = HasPhotograph,
        HAS_LOCAL_ADDRESS = HasLocalAddress,
        HAS_RESIDENCE_PROOF = HasResidenceProof,
        PURPOSE = Purpose,
        ISSUED_ON = IssuedOn,
        PREMISES = Premises,
        HAS_RENT_AGREEMENT = HasRentAgreement,
        POSSESSION_AT = PossessionAt,
        CHECKED_IN_AT = CheckedInAt,
        REPORTED_AT = ReportedAt,
        ESTABLISHMENT = Establishment,
        WORKER_PRESENT = WorkerPresent,
        IS_CITIZEN = IsCitizen,
        HAS_DOMICILE = HasDomicile,
        IS_ACTIVE_TAXPAYER = IsActiveTaxpayer,
        HAS_CRIMINAL_RECORD = HasCriminalRecord,
        IS_FUGITIVE = IsFugitive,
        IS_PROSCRIBED_MEMBER = IsProscribedMember,
        IS_INFIRM = IsInfirm,
        VEHICLE_KIND = VehicleKind,
        PLATE_SCHEME = PlateScheme,
        VALUE = Value,
        IS_PROHIBITED_BORE = IsProhibitedBore,
        RESIDES_IN_AREA = ResidesInArea,
        REGISTERED_BY = RegisteredBy,
        WANTS_FORENSIC_REPORT = WantsForensicReport,
        DOCUMENT_LOST = DocumentLost,
        CHANNEL = Channel,
        PREVIOUS_RESTORATIONS = PreviousRestorations,
    } value |v| v.as_str()
}

mirror! {
    /// The type of a fact's value.
    FactType = kmcore::FactType, code "fact_type.unknown" {
        BOOL = Bool,
        INTEGER = Integer,
        DATE = Date,
        INSTANT = Instant,
        CHOICE = Choice,
        TEXT = Text,
    } value |v| v.as_str()
}

mirror! {
    /// Who performed an event.
    Actor = kmcore::Actor, code "actor.unknown" {
        CITIZEN = Citizen,
        CLERK = Clerk,
        POLICE = Police,
        SUPERVISOR = Supervisor,
        SYSTEM = System,
    } value |v| v.as_str()
}

mirror! {
    /// The language of a message: English or Urdu.
    Lang = kmcore::Lang, code "lang.unknown" {
        EN = En,
        UR = Ur,
    } value |v| v.code()
}

mirror! {
    /// What a fee line is for.
    FeeLineKind = kmcore::FeeLineKind, code "fee_line.unknown" {
        BASE = Base,
        TEST = Test,
        URGENT = Urgent,
        LATE = Late,
        COURIER = Courier,
        NADRA_PROCESSING = NadraProcessing,
    } value |v| v.as_str()
}

mirror! {
    /// Whether a fee is known, not known, or not charged (a check).
    FeeStatus = FeeStatusKind, code "fee_status.unknown" {
        KNOWN = Known,
        NOT_KNOWN = NotKnown,
        NOT_CHARGED = NotCharged,
    } value |v| match v {
        FeeStatusKind::Known => "known",
        FeeStatusKind::NotKnown => "not_known",
        FeeStatusKind::NotCharged => "not_charged",
    }
}

mirror! {
    /// Where an SLA clock stands.
    ClockState = kmcore::ClockState, code "clock.unknown" {
        NOT_STARTED = NotStarted,
        RUNNING = Running,
        PAUSED = Paused,
        STOPPED = Stopped,
    } value |v| v.as_str()
}

mirror! {
    /// How firmly a bundle value is sourced.
    Basis = kmcore::Basis, code "basis.unknown" {
        CONFIRMED = Confirmed,
        UNCERTAIN = Uncertain,
    } value |v| v.as_str()
}

mirror! {
    /// Whether a district exists, is announced, or is suspended.
    DistrictStatus = kmcore::DistrictStatus, code "district_status.unknown" {
        ESTABLISHED = Established,
        ANNOUNCED = Announced,
        SUSPENDED = Suspended,
    } value |v| v.as_str()
}

mirror! {
    /// What a decision comes to: eligible, refused or undetermined.
    Outcome = kmcore::Outcome, code "outcome.unknown" {
        ELIGIBLE = Eligible,
        REFUSED = Refused,
        UNDETERMINED = Undetermined,
    } value |v| v.as_str()
}

mirror! {
    /// What kind of error kmcore raised (KmError.kind).
    ErrorKind = kmcore::ErrorKind, code "error_kind.unknown" {
        INVALID_INPUT = InvalidInput,
        NOT_ELIGIBLE = NotEligible,
        MOVE_NOT_ALLOWED = MoveNotAllowed,
        BUNDLE = Bundle,
        TAMPERED_LOG = TamperedLog,
        NOT_KNOWN = NotKnown,
        UNDETERMINED = Undetermined,
        INTERNAL = Internal,
    } value |v| v.as_str()
}

mirror! {
    /// Gender as recorded on a CNIC.
    Gender = kmcore::Gender, code "gender.unknown" {
        MALE = Male,
        FEMALE = Female,
    } value |v| v.as_str()
}

mirror! {
    /// The region of issue of a CNIC, from its first digit.
    CnicRegion = kmcore::CnicRegion, code "cnic_region.unknown" {
        KHYBER_PAKHTUNKHWA = KhyberPakhtunkhwa,
        FATA = Fata,
        PUNJAB = Punjab,
        SINDH = Sindh,
        BALOCHISTAN = Balochistan,
        ISLAMABAD = Islamabad,
        GILGIT_BALTISTAN = GilgitBaltistan,
    } value |v| v.as_str()
}

mirror! {
    /// The operator a mobile number's prefix was first allotted to (a hint).
    MobileOperator = kmcore::MobileOperator, code "mobile_operator.unknown" {
        JAZZ = Jazz,
        ZONG = Zong,
        UFONE = Ufone,
        TELENOR = Telenor,
        SCO = Sco,
        UNKNOWN = Unknown,
    } value |v| v.as_str()
}

mirror! {
    /// What must hold before a workflow event is accepted.
    Guard = GuardKind, code "guard.unknown" {
        NONE = None,
        ELIGIBILITY = Eligibility,
        RULES = Rules,
    } value |v| match v {
        GuardKind::None => "none",
        GuardKind::Eligibility => "eligibility",
        GuardKind::Rules => "rules",
    }
}

mirror! {
    /// The kind of a check parameter's value.
    ParamKind = ParamKindTag, code "param_kind.unknown" {
        NUMBER = Number,
        YEARS = Years,
        MONTHS = Months,
        DAYS = Days,
        WORKING_DAYS = WorkingDays,
        HOURS = Hours,
        CC = Cc,
        MONEY = Money,
        DATE = Date,
        INSTANT = Instant,
        SPAN = Span,
        TERM = Term,
    } value |v| match v {
        ParamKindTag::Number => "number",
        ParamKindTag::Years => "years",
        ParamKindTag::Months => "months",
        ParamKindTag::Days => "days",
        ParamKindTag::WorkingDays => "working_days",
        ParamKindTag::Hours => "hours",
        ParamKindTag::Cc => "cc",
        ParamKindTag::Money => "money",
        ParamKindTag::Date => "date",
        ParamKindTag::Instant => "instant",
        ParamKindTag::Span => "span",
        ParamKindTag::Term => "term",
    }
}

/// The status part of `kmcore::FeeStatus` (whose `Known` carries the total).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum FeeStatusKind {
    Known,
    NotKnown,
    NotCharged,
}

impl From<kmcore::FeeStatus> for FeeStatusKind {
    fn from(s: kmcore::FeeStatus) -> Self {
        match s {
            kmcore::FeeStatus::Known(_) => FeeStatusKind::Known,
            kmcore::FeeStatus::NotKnown => FeeStatusKind::NotKnown,
            kmcore::FeeStatus::NotCharged => FeeStatusKind::NotCharged,
        }
    }
}

/// The kind part of `kmcore::Guard` (whose `Rules` names a service).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum GuardKind {
    None,
    Eligibility,
    Rules,
}

impl From<kmcore::Guard> for GuardKind {
    fn from(g: kmcore::Guard) -> Self {
        match g {
            kmcore::Guard::None => GuardKind::None,
            kmcore::Guard::Eligibility => GuardKind::Eligibility,
            kmcore::Guard::Rules(_) => GuardKind::Rules,
        }
    }
}

/// The kind part of `kmcore::ParamValue`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ParamKindTag {
    Number,
    Years,
    Months,
    Days,
    WorkingDays,
    Hours,
    Cc,
    Money,
    Date,
    Instant,
    Span,
    Term,
}

/// Builds every enum class and adds it to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    fn add<M: Mirror>(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add(M::NAME, class_of::<M>(m.py())?)
    }
    add::<kmcore::ServiceId>(m)?;
    add::<kmcore::Jurisdiction>(m)?;
    add::<kmcore::ServiceKind>(m)?;
    add::<kmcore::Unit>(m)?;
    add::<kmcore::LicenceCategory>(m)?;
    add::<kmcore::TestKind>(m)?;
    add::<kmcore::AppliedBy>(m)?;
    add::<kmcore::Purpose>(m)?;
    add::<kmcore::Premises>(m)?;
    add::<kmcore::Establishment>(m)?;
    add::<kmcore::RegisteredBy>(m)?;
    add::<kmcore::Channel>(m)?;
    add::<kmcore::VehicleKind>(m)?;
    add::<kmcore::PlateScheme>(m)?;
    add::<kmcore::FactKey>(m)?;
    add::<kmcore::FactType>(m)?;
    add::<kmcore::Actor>(m)?;
    add::<kmcore::Lang>(m)?;
    add::<kmcore::FeeLineKind>(m)?;
    add::<kmcore::Outcome>(m)?;
    add::<FeeStatusKind>(m)?;
    add::<kmcore::ClockState>(m)?;
    add::<kmcore::Basis>(m)?;
    add::<kmcore::DistrictStatus>(m)?;
    add::<kmcore::ErrorKind>(m)?;
    add::<kmcore::Gender>(m)?;
    add::<kmcore::CnicRegion>(m)?;
    add::<kmcore::MobileOperator>(m)?;
    add::<GuardKind>(m)?;
    add::<ParamKindTag>(m)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distinct<M: Mirror>() {
        let mut values: Vec<&str> = M::ALL.iter().map(|v| v.value()).collect();
        let mut members: Vec<&str> = M::ALL.iter().map(|v| v.member()).collect();
        let n = values.len();
        values.sort_unstable();
        values.dedup();
        members.sort_unstable();
        members.dedup();
        assert_eq!((values.len(), members.len()), (n, n), "{}", M::NAME);
        for v in M::ALL {
            assert!(M::from_value(v.value()) == Some(*v), "{}", M::NAME);
        }
    }

    #[test]
    fn every_mirror_is_one_to_one_and_complete() {
        distinct::<kmcore::ServiceId>();
        assert_eq!(<kmcore::ServiceId as Mirror>::ALL, kmcore::ServiceId::ALL);
        distinct::<kmcore::FactKey>();
        assert_eq!(<kmcore::FactKey as Mirror>::ALL, kmcore::FactKey::ALL);
        assert_eq!(
            <kmcore::Jurisdiction as Mirror>::ALL,
            kmcore::Jurisdiction::ALL
        );
        assert_eq!(<kmcore::Actor as Mirror>::ALL, kmcore::Actor::ALL);
        assert_eq!(<kmcore::Lang as Mirror>::ALL, kmcore::Lang::ALL);
        assert_eq!(
            <kmcore::LicenceCategory as Mirror>::ALL,
            kmcore::LicenceCategory::ALL
        );
        assert_eq!(<kmcore::Purpose as Mirror>::ALL, kmcore::Purpose::ALL);
        distinct::<kmcore::Unit>();
        distinct::<kmcore::FactType>();
        distinct::<FeeStatusKind>();
        distinct::<GuardKind>();
        distinct::<ParamKindTag>();
        distinct::<kmcore::ErrorKind>();
        distinct::<kmcore::CnicRegion>();
        distinct::<kmcore::MobileOperator>();
    }

    /// A batch reads string columns by matching each cell against the
    /// values and parses only a cell that matches none: both must agree.
    fn lookup_agrees_with_parse<M: Mirror + std::str::FromStr<Err = kmcore::KmError>>() {
        for v in M::ALL {
            assert!(M::from_value(v.value()) == Some(*v), "{}", M::NAME);
            assert!(v.value().parse::<M>().ok() == Some(*v), "{}", M::NAME);
            let longer = format!("{}x", v.value());
            assert!(M::from_value(&longer).is_none(), "{}", M::NAME);
            let upper = v.value().to_uppercase();
            if upper != v.value() {
                assert!(M::from_value(&upper).is_none(), "{}", M::NAME);
            }
        }
        assert!(M::from_value("").is_none(), "{}", M::NAME);
    }

    #[test]
    fn lookup_by_value_agrees_with_parse_for_every_column_type() {
        lookup_agrees_with_parse::<kmcore::ServiceId>();
        lookup_agrees_with_parse::<kmcore::Jurisdiction>();
        lookup_agrees_with_parse::<kmcore::LicenceCategory>();
        lookup_agrees_with_parse::<kmcore::TestKind>();
        lookup_agrees_with_parse::<kmcore::AppliedBy>();
        lookup_agrees_with_parse::<kmcore::Purpose>();
        lookup_agrees_with_parse::<kmcore::Premises>();
        lookup_agrees_with_parse::<kmcore::Establishment>();
        lookup_agrees_with_parse::<kmcore::VehicleKind>();
        lookup_agrees_with_parse::<kmcore::PlateScheme>();
        lookup_agrees_with_parse::<kmcore::RegisteredBy>();
        lookup_agrees_with_parse::<kmcore::Channel>();
    }
}
