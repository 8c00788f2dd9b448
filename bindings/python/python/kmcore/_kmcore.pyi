"""Type stubs for the native module kmcore._kmcore (Rust, pyo3).

Keep in step with bindings/python/src/*.rs; `python -m mypy.stubtest
kmcore` (run by bindings/scripts/test-python.sh) checks the drift.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import NoReturn, TypeAlias, final

import pyarrow

from kmcore._enums import StrEnum
from kmcore._typing import (
    ArrowArrayExportable,
    ArrowSchemaExportable,
    ArrowStreamExportable,
    TableLike,
)

# pyo3 lists every class and function it adds in the module's __all__.
__all__ = [
    "Actor",
    "Application",
    "AppliedBy",
    "Basis",
    "Catalogue",
    "Channel",
    "Check",
    "ClockState",
    "Cnic",
    "CnicRegion",
    "ConflictingValue",
    "DatedValue",
    "Decision",
    "DistrictStatus",
    "DocumentItem",
    "ErrorKind",
    "Establishment",
    "EventInfo",
    "EventRecord",
    "FactKey",
    "FactType",
    "Facts",
    "FeeLine",
    "FeeLineKind",
    "Outcome",
    "FeeQuote",
    "FeeStatus",
    "Gender",
    "Guard",
    "Jurisdiction",
    "Lang",
    "LicenceCategory",
    "MobileNumber",
    "MobileOperator",
    "Money",
    "Param",
    "ParamDef",
    "ParamKind",
    "PlateScheme",
    "Premises",
    "Purpose",
    "RegisteredBy",
    "Request",
    "RuleBundle",
    "ServiceId",
    "ServiceInfo",
    "ServiceKind",
    "SlaStatus",
    "Span",
    "StateInfo",
    "TestKind",
    "Unit",
    "VehicleKind",
    "VehicleRegistration",
    "Workflow",
    "__version__",
    "_raise_error",
    "bundle_schema_json",
    "evaluate_batch",
    "evaluate_batch_schema",
    "has_message",
    "log_schema_json",
    "seal_public_key",
    "replay_batch",
    "replay_batch_schema",
    "what_if_batch",
    "what_if_batch_schema",
]

__version__: str

# --- enums (built at import from the Rust core's variants) ------------------

class ServiceId(StrEnum):
    """A service (or a check) a centre offers; the value is the dotted id."""

    LEARNER_PERMIT = "driving_licence.learner_permit"
    TEST_BOOKING = "driving_licence.test_booking"
    RETEST = "driving_licence.retest"
    PERMANENT_LICENCE = "driving_licence.permanent"
    LICENCE_RENEWAL = "driving_licence.renewal"
    DUPLICATE_LICENCE = "driving_licence.duplicate"
    INTERNATIONAL_PERMIT = "driving_licence.international_permit"
    JUVENILE_MOTORCYCLE_PERMIT = "driving_licence.juvenile_motorcycle_permit"
    CHARACTER_CERTIFICATE_ISSUE = "character_certificate.issue"
    CHARACTER_CERTIFICATE_VALIDITY = "character_certificate.validity"
    POLICE_VERIFICATION = "police_verification.general"
    TENANT_REGISTRATION = "tenant_registration.register"
    TENANT_DEADLINE = "tenant_registration.deadline"
    GUEST_DEADLINE = "guest_registration.deadline"
    EMPLOYEE_REGISTRATION = "employee_registration.verify"
    ARMS_LICENCE_NEW = "arms_licence.new"
    ARMS_LICENCE_RENEWAL = "arms_licence.renewal"
    ARMS_LICENCE_DUPLICATE = "arms_licence.duplicate"
    LOST_REPORT = "lost_report.file"
    VEHICLE_VERIFICATION = "vehicle_verification.verify"
    FOREIGNER_REGISTRATION = "foreigner_registration.register"
    COMMUNITY_POLICING = "community_policing.enrol"
    FIR_COPY = "fir_copy.request"
    CRIME_REPORT = "crime_report.file"
    LICENCE_NOC = "driving_licence.noc"
    LEARNER_RENEWAL = "driving_licence.learner_renewal"
    LEARNER_DUPLICATE = "driving_licence.learner_duplicate"
    ARMS_ALL_PAKISTAN = "arms_licence.all_pakistan"
    LICENCE_RESTORATION = "driving_licence.restoration"

class Jurisdiction(StrEnum):
    """A province or territory: PB, ICT, SD or KP."""

    PB = "PB"
    ICT = "ICT"
    SD = "SD"
    KP = "KP"

class ServiceKind(StrEnum):
    APPLICATION = "application"
    CHECK = "check"

class Unit(StrEnum):
    RUPEES = "rupees"
    YEARS = "years"
    MONTHS = "months"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    HOURS = "hours"
    CC = "cc"

class LicenceCategory(StrEnum):
    MOTORCYCLE = "motorcycle"
    MOTOR_CAR = "motor_car"
    MOTOR_CAR_AND_MOTORCYCLE = "motor_car_and_motorcycle"
    LTV = "ltv"
    HTV = "htv"
    PSV = "psv"
    TRACTOR_AGRICULTURAL = "tractor_agricultural"
    TRACTOR_COMMERCIAL = "tractor_commercial"
    RICKSHAW = "rickshaw"

class TestKind(StrEnum):
    SIGN_TEST = "sign_test"
    ROAD_TEST = "road_test"

class AppliedBy(StrEnum):
    SELF = "self"
    BLOOD_RELATIVE = "blood_relative"

class Purpose(StrEnum):
    LOCAL = "local"
    OVERSEAS = "overseas"
    GOVERNMENT_EMPLOYEE = "government_employee"

class Premises(StrEnum):
    RESIDENTIAL = "residential"
    COMMERCIAL = "commercial"

class Establishment(StrEnum):
    HOTEL = "hotel"
    GUEST_HOUSE = "guest_house"
    HOSTEL = "hostel"

class RegisteredBy(StrEnum):
    LANDLORD = "landlord"
    TENANT = "tenant"
    PROPERTY_DEALER = "property_dealer"

class Channel(StrEnum):
    COUNTER = "counter"
    APP = "app"
    ONLINE = "online"

class VehicleKind(StrEnum):
    CAR = "car"
    MOTORCYCLE = "motorcycle"

class PlateScheme(StrEnum):
    PB_UNIVERSAL_2017 = "pb_universal_2017"
    SD_1996 = "sd_1996"

class FactKey(StrEnum):
    """A key of the facts dictionary (also a column name in batch tables)."""

    DATE_OF_BIRTH = "date_of_birth"
    CATEGORY = "category"
    HAS_VALID_CNIC = "has_valid_cnic"
    LEARNER_ISSUED_ON = "learner_issued_on"
    PASSED_SIGN_TEST = "passed_sign_test"
    PASSED_ROAD_TEST = "passed_road_test"
    LICENCE_HELD_SINCE = "licence_held_since"
    LICENCE_TERM_YEARS = "licence_term_years"
    URGENT = "urgent"
    HAS_MEDICAL_FITNESS_CERTIFICATE = "has_medical_fitness_certificate"
    FAILED_TEST = "failed_test"
    FAILED_TEST_ON = "failed_test_on"
    EXPIRES_ON = "expires_on"
    HAS_VALID_NATIONAL_LICENCE = "has_valid_national_licence"
    HAS_VALID_VISA = "has_valid_visa"
    ENGINE_CC = "engine_cc"
    PARENTAL_CONSENT = "parental_consent"
    HAS_PASSPORT = "has_passport"
    HAS_AFFIDAVIT = "has_affidavit"
    APPLICANT_ABROAD = "applicant_abroad"
    APPLIED_BY = "applied_by"
    HAS_AUTHORITY_LETTER = "has_authority_letter"
    HAS_PHOTOGRAPH = "has_photograph"
    HAS_LOCAL_ADDRESS = "has_local_address"
    HAS_RESIDENCE_PROOF = "has_residence_proof"
    PURPOSE = "purpose"
    ISSUED_ON = "issued_on"
    PREMISES = "premises"
    HAS_RENT_AGREEMENT = "has_rent_agreement"
    POSSESSION_AT = "possession_at"
    CHECKED_IN_AT = "checked_in_at"
    REPORTED_AT = "reported_at"
    ESTABLISHMENT = "establishment"
    WORKER_PRESENT = "worker_present"
    IS_CITIZEN = "is_citizen"
    HAS_DOMICILE = "has_domicile"
    IS_ACTIVE_TAXPAYER = "is_active_taxpayer"
    HAS_CRIMINAL_RECORD = "has_criminal_record"
    IS_FUGITIVE = "is_fugitive"
    IS_PROSCRIBED_MEMBER = "is_proscribed_member"
    IS_INFIRM = "is_infirm"
    VEHICLE_KIND = "vehicle_kind"
    PLATE_SCHEME = "plate_scheme"
    VALUE = "value"
    IS_PROHIBITED_BORE = "is_prohibited_bore"
    RESIDES_IN_AREA = "resides_in_area"
    REGISTERED_BY = "registered_by"
    WANTS_FORENSIC_REPORT = "wants_forensic_report"
    DOCUMENT_LOST = "document_lost"
    CHANNEL = "channel"
    PREVIOUS_RESTORATIONS = "previous_restorations"

class FactType(StrEnum):
    BOOL = "bool"
    INTEGER = "integer"
    DATE = "date"
    INSTANT = "instant"
    CHOICE = "choice"
    TEXT = "text"

class Actor(StrEnum):
    CITIZEN = "citizen"
    CLERK = "clerk"
    POLICE = "police"
    SUPERVISOR = "supervisor"
    SYSTEM = "system"

class Lang(StrEnum):
    EN = "en"
    UR = "ur"

class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    REFUSED = "refused"
    UNDETERMINED = "undetermined"

class FeeLineKind(StrEnum):
    BASE = "base"
    TEST = "test"
    URGENT = "urgent"
    LATE = "late"
    COURIER = "courier"
    NADRA_PROCESSING = "nadra_processing"

class FeeStatus(StrEnum):
    KNOWN = "known"
    NOT_KNOWN = "not_known"
    NOT_CHARGED = "not_charged"

class ClockState(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"

class Basis(StrEnum):
    CONFIRMED = "confirmed"
    UNCERTAIN = "uncertain"

class DistrictStatus(StrEnum):
    ESTABLISHED = "established"
    ANNOUNCED = "announced"
    SUSPENDED = "suspended"

class ErrorKind(StrEnum):
    INVALID_INPUT = "invalid_input"
    NOT_ELIGIBLE = "not_eligible"
    MOVE_NOT_ALLOWED = "move_not_allowed"
    BUNDLE = "bundle"
    TAMPERED_LOG = "tampered_log"
    NOT_KNOWN = "not_known"
    UNDETERMINED = "undetermined"
    INTERNAL = "internal"

class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"

class CnicRegion(StrEnum):
    KHYBER_PAKHTUNKHWA = "khyber_pakhtunkhwa"
    FATA = "fata"
    PUNJAB = "punjab"
    SINDH = "sindh"
    BALOCHISTAN = "balochistan"
    ISLAMABAD = "islamabad"
    GILGIT_BALTISTAN = "gilgit_baltistan"

class MobileOperator(StrEnum):
    JAZZ = "jazz"
    ZONG = "zong"
    UFONE = "ufone"
    TELENOR = "telenor"
    SCO = "sco"
    UNKNOWN = "unknown"

class Guard(StrEnum):
    NONE = "none"
    ELIGIBILITY = "eligibility"
    RULES = "rules"

class ParamKind(StrEnum):
    NUMBER = "number"
    YEARS = "years"
    MONTHS = "months"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    HOURS = "hours"
    CC = "cc"
    MONEY = "money"
    DATE = "date"
    INSTANT = "instant"
    SPAN = "span"
    TERM = "term"

# --- argument types ----------------------------------------------------------

# Enum arguments take the member or its string value.
_Service: TypeAlias = ServiceId | str
_Jurisdiction: TypeAlias = Jurisdiction | str
_Lang: TypeAlias = Lang | str
_Actor: TypeAlias = Actor | str
# Dates: datetime.date or ISO "YYYY-MM-DD"; instants: datetime.datetime (naive
# is Pakistan time, +05:00) or RFC 3339 text; as-of: either.
_Date: TypeAlias = datetime.date | str
_Instant: TypeAlias = datetime.datetime | str
_AsOf: TypeAlias = datetime.date | datetime.datetime | str
_FactValue: TypeAlias = bool | int | str | datetime.date | datetime.datetime | None
_FactsLike: TypeAlias = Facts | Mapping[str, _FactValue]
_Json: TypeAlias = str | Mapping[str, object]

# --- values ------------------------------------------------------------------

@final
class Money:
    """An amount of Pakistani rupees, stored as a whole number of paisa."""

    def __new__(cls, paisa: int) -> Money: ...
    @staticmethod
    def from_rupees(rupees: int) -> Money: ...
    @property
    def paisa(self) -> int: ...
    def whole_rupees(self) -> int | None: ...
    def __add__(self, other: Money, /) -> Money: ...
    def __radd__(self, other: Money, /) -> Money: ...
    def __sub__(self, other: Money, /) -> Money: ...
    def __rsub__(self, other: Money, /) -> Money: ...
    def __mul__(self, times: int, /) -> Money: ...
    def __rmul__(self, times: int, /) -> Money: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: Money, /) -> bool: ...
    def __le__(self, other: Money, /) -> bool: ...
    def __gt__(self, other: Money, /) -> bool: ...
    def __ge__(self, other: Money, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Money], tuple[int]]: ...

@final
class Span:
    """An elapsed span of years, months and days (an age, a holding period)."""

    def __new__(cls, years: int = 0, months: int = 0, days: int = 0) -> Span: ...
    @property
    def years(self) -> int: ...
    @property
    def months(self) -> int: ...
    @property
    def days(self) -> int: ...
    def total_months(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: Span, /) -> bool: ...
    def __le__(self, other: Span, /) -> bool: ...
    def __gt__(self, other: Span, /) -> bool: ...
    def __ge__(self, other: Span, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Span], tuple[int, int, int]]: ...

@final
class Facts:
    """The facts of one application: every key of the facts dictionary is an
    optional keyword argument and a read-only attribute (None when not set).

    Values are checked on construction (InvalidInputError for a wrong type or
    a value outside a key's allowed set). Dates may be ``datetime.date`` or
    ISO strings; instants ``datetime.datetime`` (naive: Pakistan time) or RFC
    3339 strings; choices kmcore enum members or their string values.
    """

    def __new__(
        cls,
        mapping: _FactsLike | None = None,
        /,
        *,
        date_of_birth: _Date | None = None,
        category: LicenceCategory | str | None = None,
        has_valid_cnic: bool | None = None,
        learner_issued_on: _Date | None = None,
        passed_sign_test: bool | None = None,
        passed_road_test: bool | None = None,
        licence_held_since: _Date | None = None,
        licence_term_years: int | None = None,
        urgent: bool | None = None,
        has_medical_fitness_certificate: bool | None = None,
        failed_test: TestKind | str | None = None,
        failed_test_on: _Date | None = None,
        expires_on: _Date | None = None,
        has_valid_national_licence: bool | None = None,
        has_valid_visa: bool | None = None,
        engine_cc: int | None = None,
        parental_consent: bool | None = None,
        has_passport: bool | None = None,
        has_affidavit: bool | None = None,
        applicant_abroad: bool | None = None,
        applied_by: AppliedBy | str | None = None,
        has_authority_letter: bool | None = None,
        has_photograph: bool | None = None,
        has_local_address: bool | None = None,
        has_residence_proof: bool | None = None,
        purpose: Purpose | str | None = None,
        issued_on: _Date | None = None,
        premises: Premises | str | None = None,
        has_rent_agreement: bool | None = None,
        possession_at: _Instant | None = None,
        checked_in_at: _Instant | None = None,
        reported_at: _Instant | None = None,
        establishment: Establishment | str | None = None,
        worker_present: bool | None = None,
        is_citizen: bool | None = None,
        has_domicile: bool | None = None,
        is_active_taxpayer: bool | None = None,
        has_criminal_record: bool | None = None,
        is_fugitive: bool | None = None,
        is_proscribed_member: bool | None = None,
        is_infirm: bool | None = None,
        vehicle_kind: VehicleKind | str | None = None,
        plate_scheme: PlateScheme | str | None = None,
        value: str | None = None,
        is_prohibited_bore: bool | None = None,
        resides_in_area: bool | None = None,
        registered_by: RegisteredBy | str | None = None,
        wants_forensic_report: bool | None = None,
        document_lost: bool | None = None,
        channel: Channel | str | None = None,
        previous_restorations: int | None = None,
    ) -> Facts: ...
    @staticmethod
    def from_json(text: str) -> Facts: ...
    def to_json(self) -> str: ...
    def get(self, key: FactKey | str) -> _FactValue: ...
    def keys(self) -> tuple[FactKey, ...]: ...
    def to_dict(self) -> dict[str, _FactValue]: ...
    def replace(
        self,
        *,
        date_of_birth: _Date | None = None,
        category: LicenceCategory | str | None = None,
        has_valid_cnic: bool | None = None,
        learner_issued_on: _Date | None = None,
        passed_sign_test: bool | None = None,
        passed_road_test: bool | None = None,
        licence_held_since: _Date | None = None,
        licence_term_years: int | None = None,
        urgent: bool | None = None,
        has_medical_fitness_certificate: bool | None = None,
        failed_test: TestKind | str | None = None,
        failed_test_on: _Date | None = None,
        expires_on: _Date | None = None,
        has_valid_national_licence: bool | None = None,
        has_valid_visa: bool | None = None,
        engine_cc: int | None = None,
        parental_consent: bool | None = None,
        has_passport: bool | None = None,
        has_affidavit: bool | None = None,
        applicant_abroad: bool | None = None,
        applied_by: AppliedBy | str | None = None,
        has_authority_letter: bool | None = None,
        has_photograph: bool | None = None,
        has_local_address: bool | None = None,
        has_residence_proof: bool | None = None,
        purpose: Purpose | str | None = None,
        issued_on: _Date | None = None,
        premises: Premises | str | None = None,
        has_rent_agreement: bool | None = None,
        possession_at: _Instant | None = None,
        checked_in_at: _Instant | None = None,
        reported_at: _Instant | None = None,
        establishment: Establishment | str | None = None,
        worker_present: bool | None = None,
        is_citizen: bool | None = None,
        has_domicile: bool | None = None,
        is_active_taxpayer: bool | None = None,
        has_criminal_record: bool | None = None,
        is_fugitive: bool | None = None,
        is_proscribed_member: bool | None = None,
        is_infirm: bool | None = None,
        vehicle_kind: VehicleKind | str | None = None,
        plate_scheme: PlateScheme | str | None = None,
        value: str | None = None,
        is_prohibited_bore: bool | None = None,
        resides_in_area: bool | None = None,
        registered_by: RegisteredBy | str | None = None,
        wants_forensic_report: bool | None = None,
        document_lost: bool | None = None,
        channel: Channel | str | None = None,
        previous_restorations: int | None = None,
    ) -> Facts: ...
    def merge(self, other: _FactsLike) -> Facts: ...
    def __len__(self) -> int: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Facts], tuple[dict[str, _FactValue]]]: ...
    @property
    def date_of_birth(self) -> datetime.date | None: ...
    @property
    def category(self) -> LicenceCategory | None: ...
    @property
    def has_valid_cnic(self) -> bool | None: ...
    @property
    def learner_issued_on(self) -> datetime.date | None: ...
    @property
    def passed_sign_test(self) -> bool | None: ...
    @property
    def passed_road_test(self) -> bool | None: ...
    @property
    def licence_held_since(self) -> datetime.date | None: ...
    @property
    def licence_term_years(self) -> int | None: ...
    @property
    def urgent(self) -> bool | None: ...
    @property
    def has_medical_fitness_certificate(self) -> bool | None: ...
    @property
    def failed_test(self) -> TestKind | None: ...
    @property
    def failed_test_on(self) -> datetime.date | None: ...
    @property
    def expires_on(self) -> datetime.date | None: ...
    @property
    def has_valid_national_licence(self) -> bool | None: ...
    @property
    def has_valid_visa(self) -> bool | None: ...
    @property
    def engine_cc(self) -> int | None: ...
    @property
    def parental_consent(self) -> bool | None: ...
    @property
    def has_passport(self) -> bool | None: ...
    @property
    def has_affidavit(self) -> bool | None: ...
    @property
    def applicant_abroad(self) -> bool | None: ...
    @property
    def applied_by(self) -> AppliedBy | None: ...
    @property
    def has_authority_letter(self) -> bool | None: ...
    @property
    def has_photograph(self) -> bool | None: ...
    @property
    def has_local_address(self) -> bool | None: ...
    @property
    def has_residence_proof(self) -> bool | None: ...
    @property
    def purpose(self) -> Purpose | None: ...
    @property
    def issued_on(self) -> datetime.date | None: ...
    @property
    def premises(self) -> Premises | None: ...
    @property
    def has_rent_agreement(self) -> bool | None: ...
    @property
    def possession_at(self) -> datetime.datetime | None: ...
    @property
    def checked_in_at(self) -> datetime.datetime | None: ...
    @property
    def reported_at(self) -> datetime.datetime | None: ...
    @property
    def establishment(self) -> Establishment | None: ...
    @property
    def worker_present(self) -> bool | None: ...
    @property
    def is_citizen(self) -> bool | None: ...
    @property
    def has_domicile(self) -> bool | None: ...
    @property
    def is_active_taxpayer(self) -> bool | None: ...
    @property
    def has_criminal_record(self) -> bool | None: ...
    @property
    def is_fugitive(self) -> bool | None: ...
    @property
    def is_proscribed_member(self) -> bool | None: ...
    @property
    def is_infirm(self) -> bool | None: ...
    @property
    def vehicle_kind(self) -> VehicleKind | None: ...
    @property
    def plate_scheme(self) -> PlateScheme | None: ...
    @property
    def value(self) -> str | None: ...
    @property
    def is_prohibited_bore(self) -> bool | None: ...
    @property
    def resides_in_area(self) -> bool | None: ...
    @property
    def registered_by(self) -> RegisteredBy | None: ...
    @property
    def wants_forensic_report(self) -> bool | None: ...
    @property
    def document_lost(self) -> bool | None: ...
    @property
    def channel(self) -> Channel | None: ...
    @property
    def previous_restorations(self) -> int | None: ...

@final
class Request:
    """A question to the rules: which service, where, when, on what facts."""

    def __new__(
        cls,
        service: _Service,
        jurisdiction: _Jurisdiction,
        as_of: _AsOf,
        facts: _FactsLike | None = None,
    ) -> Request: ...
    @staticmethod
    def from_json(text: str) -> Request: ...
    def to_json(self) -> str: ...
    @property
    def service(self) -> ServiceId: ...
    @property
    def jurisdiction(self) -> Jurisdiction: ...
    @property
    def as_of(self) -> datetime.date | datetime.datetime: ...
    @property
    def facts(self) -> Facts: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Request], tuple[object, ...]]: ...

# --- decisions ---------------------------------------------------------------

@final
class Param:
    """One named parameter of a check (a minimum, an age, a date...).

    ``value`` is an int (numbers, years, months, days, working days, hours,
    cc), a Money, a date, a datetime, a Span or a term (str), as ``kind``
    says; ``text`` is its English rendering ("18 years", "Rs 500").
    """

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> ParamKind: ...
    @property
    def value(self) -> int | Money | datetime.date | datetime.datetime | Span | str: ...
    @property
    def text(self) -> str: ...
    @staticmethod
    def _from_state(name: str, kind: ParamKind | str, value: object, text: str) -> Param: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[object, ...]]: ...

@final
class ConflictingValue:
    """A value reported by another source for the same period but not applied."""

    def __new__(
        cls, value: int, source: str, basis: Basis | str, note: str | None = None
    ) -> ConflictingValue: ...
    @property
    def value(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def basis(self) -> Basis: ...
    @property
    def note(self) -> str | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[ConflictingValue], tuple[object, ...]]: ...

@final
class DatedValue:
    """One dated value of a rule-bundle parameter in one jurisdiction: the
    number in its unit, the days it applies (``from_date`` to ``to_date``,
    inclusive; open-ended when ``to_date`` is None), its source and basis."""

    @property
    def key(self) -> str: ...
    @property
    def jurisdiction(self) -> Jurisdiction: ...
    @property
    def from_date(self) -> datetime.date: ...
    @property
    def to_date(self) -> datetime.date | None: ...
    @property
    def amount(self) -> int: ...
    @property
    def unit(self) -> Unit: ...
    @property
    def source(self) -> str: ...
    @property
    def basis(self) -> Basis: ...
    @property
    def start_assumed(self) -> str | None: ...
    def is_confirmed(self) -> bool: ...
    @property
    def note(self) -> str | None: ...
    @property
    def conflicts(self) -> list[ConflictingValue]: ...
    @property
    def money(self) -> Money | None: ...
    def applies_on(self, day: _Date) -> bool: ...
    @staticmethod
    def _from_state(
        key: str,
        jurisdiction: _Jurisdiction,
        from_date: datetime.date,
        to_date: datetime.date | None,
        amount: int,
        unit: Unit | str,
        source: str,
        basis: Basis | str,
        note: str | None,
        conflicts: Sequence[ConflictingValue],
        start_assumed: str | None = None,
    ) -> DatedValue: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[object, ...]]: ...

@final
class Check:
    """One rule checked: a stable reason code, pass or fail, the parameters
    compared, the bundle value used and the message in English and Urdu."""

    @property
    def code(self) -> str: ...
    @property
    def passed(self) -> bool: ...
    @property
    def params(self) -> tuple[Param, ...]: ...
    def param(self, name: str) -> Param | None: ...
    @property
    def rule(self) -> DatedValue | None: ...
    def message(self, lang: _Lang = ...) -> str:
        """The message in English (default) or Urdu, parameters filled in."""
    @staticmethod
    def _from_state(
        code: str,
        passed: bool,
        params: Sequence[Param],
        rule: DatedValue | None,
        en: str,
        ur: str,
    ) -> Check: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[object, ...]]: ...

@final
class FeeLine:
    """One line of a fee quote: what it is for, the amount, its bundle value."""

    def __new__(cls, kind: FeeLineKind | str, amount: Money, rule: DatedValue) -> FeeLine: ...
    @property
    def kind(self) -> FeeLineKind: ...
    @property
    def amount(self) -> Money: ...
    @property
    def rule(self) -> DatedValue: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[FeeLine], tuple[object, ...]]: ...

@final
class FeeQuote:
    """A fee quote: its lines, the status, and the total when known (a zero
    total means known to be free; unknown is never 0)."""

    def __new__(
        cls, lines: Sequence[FeeLine], status: FeeStatus | str, total: Money | None = None
    ) -> FeeQuote: ...
    @property
    def lines(self) -> tuple[FeeLine, ...]: ...
    @property
    def status(self) -> FeeStatus: ...
    @property
    def total(self) -> Money | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[FeeQuote], tuple[object, ...]]: ...

@final
class Decision:
    """The answer to a request: every rule checked (passed and failed), the
    fee quote and any deadline, under a named bundle version."""

    @property
    def service(self) -> ServiceId: ...
    @property
    def jurisdiction(self) -> Jurisdiction: ...
    @property
    def as_of(self) -> datetime.date | datetime.datetime: ...
    @property
    def bundle_version(self) -> str: ...
    @property
    def checks(self) -> tuple[Check, ...]: ...
    @property
    def failures(self) -> tuple[Check, ...]: ...
    @property
    def reasons(self) -> list[str]:
        """The reason codes of the failed checks, in the order checked."""
    @property
    def missing_documents(self) -> list[str]: ...
    @property
    def eligible(self) -> bool:
        """True when the outcome is eligible (False when refused or
        undetermined)."""
    @property
    def outcome(self) -> Outcome:
        """Eligible, refused or undetermined (a rule's value or a required
        fact is not known, and no decided rule fails)."""
    @property
    def eligible_from(self) -> datetime.date | None:
        """For a refusal that time alone will lift: the earliest date on
        which, with the same facts, the rules pass."""
    @property
    def missing_facts(self) -> list[FactKey]:
        """The required facts not given (the decision is then undetermined)."""
    @property
    def basis(self) -> Basis:
        """Confirmed when every bundle value the decision used is confirmed."""
    def outcome_message(self, lang: _Lang = ...) -> str | None:
        """When to come back, or that the case cannot be decided yet."""
    @property
    def quote(self) -> FeeQuote: ...
    @property
    def fee_due(self) -> Money | None:
        """The quote's total when eligible and known, else None."""
    @property
    def deadline(self) -> datetime.date | datetime.datetime | None: ...
    def messages(self, lang: _Lang = ...) -> list[str]: ...
    @staticmethod
    def _from_state(
        service: _Service,
        jurisdiction: _Jurisdiction,
        as_of: _AsOf,
        bundle_version: str,
        checks: Sequence[Check],
        quote: FeeQuote,
        deadline: datetime.date | datetime.datetime | None,
        outcome: Outcome | str,
        eligible_from: datetime.date | None,
        missing_facts: Sequence[FactKey | str],
        basis: Basis | str,
        message_en: str | None,
        message_ur: str | None,
    ) -> Decision: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[object, ...]]: ...

@final
class DocumentItem:
    """One line of a documents checklist."""

    def __new__(
        cls,
        id: str,
        name: str,
        name_ur: str,
        required: bool | None,
        condition: str | None,
        provided: bool | None,
    ) -> DocumentItem: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def name_ur(self) -> str: ...
    @property
    def required(self) -> bool | None: ...
    @property
    def condition(self) -> str | None: ...
    @property
    def provided(self) -> bool | None: ...
    @property
    def is_missing(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[DocumentItem], tuple[object, ...]]: ...

# --- catalogue ---------------------------------------------------------------

@final
class Catalogue:
    """Rule bundles, services and message catalogues: what every evaluation
    needs. ``Catalogue()`` is the embedded default bundle. Immutable,
    thread-safe and picklable (it pickles as the bundles it was built from)."""

    def __new__(cls) -> Catalogue: ...
    @staticmethod
    def embedded() -> Catalogue: ...
    @staticmethod
    def from_json(bundle: _Json, *, file_name: str = "bundle.json") -> Catalogue: ...
    @staticmethod
    def from_json_parts(parts: Iterable[tuple[str, str]]) -> Catalogue: ...
    def with_overlay(self, overlay: _Json, *, file_name: str = "what-if.json") -> Catalogue: ...
    def with_bundle(self, bundle: _Json, *, file_name: str = "bundle.json") -> Catalogue: ...
    @property
    def bundle_version(self) -> str: ...
    @property
    def versions(self) -> list[str]: ...
    @property
    def bundle(self) -> RuleBundle: ...
    def bundle_by_version(self, version: str) -> RuleBundle | None: ...
    def evaluate(
        self,
        service: _Service,
        jurisdiction: _Jurisdiction,
        as_of: _AsOf,
        facts: _FactsLike | None = None,
        *,
        bundle_version: str | None = None,
    ) -> Decision: ...
    def evaluate_request(self, request: Request, *, bundle_version: str | None = None) -> Decision: ...
    def documents(
        self,
        service: _Service,
        jurisdiction: _Jurisdiction,
        as_of: _AsOf,
        facts: _FactsLike | None = None,
    ) -> list[DocumentItem]: ...
    def term(self, term: str, lang: _Lang = ...) -> str: ...
    def clerk_note(self, code: str, lang: _Lang = ...) -> str | None: ...
    def service(self, service: _Service) -> ServiceInfo: ...
    def services(self) -> list[ServiceInfo]: ...
    def workflow(self, service: _Service) -> Workflow | None: ...
    def workflows(self) -> list[Workflow]: ...
    @staticmethod
    def _from_steps(steps: Iterable[tuple[object, ...]]) -> Catalogue: ...
    def __reduce__(self) -> tuple[object, tuple[list[tuple[object, ...]]]]: ...

@final
class RuleBundle:
    """A rule bundle held by a catalogue: dated values with their sources."""

    @property
    def version(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def file_name(self) -> str: ...
    @property
    def overlay_of(self) -> str | None: ...
    def value(
        self,
        service: _Service,
        name: str,
        variant: str = "",
        *,
        jurisdiction: _Jurisdiction,
        on: _Date,
    ) -> DatedValue | None: ...
    def history(
        self, service: _Service, name: str, variant: str = "", *, jurisdiction: _Jurisdiction
    ) -> list[DatedValue]: ...
    def values(self) -> list[DatedValue]: ...
    def holidays(self, jurisdiction: _Jurisdiction) -> list[datetime.date]: ...

@final
class ParamDef:
    """A parameter a service reads from the rule bundle."""

    def __new__(cls, name: str, unit: Unit | str, variants: Sequence[str], doc: str) -> ParamDef: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> Unit: ...
    @property
    def variants(self) -> list[str]: ...
    @property
    def doc(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[ParamDef], tuple[object, ...]]: ...

@final
class ServiceInfo:
    """What the catalogue knows about a service."""

    def __new__(cls, service: _Service) -> ServiceInfo: ...
    @property
    def id(self) -> ServiceId: ...
    @property
    def title(self) -> str: ...
    @property
    def title_ur(self) -> str: ...
    @property
    def family(self) -> str: ...
    @property
    def kind(self) -> ServiceKind: ...
    @property
    def offered_in(self) -> list[Jurisdiction]: ...
    @property
    def optional_facts(self) -> list[FactKey]: ...
    @property
    def params(self) -> list[ParamDef]: ...
    @property
    def reasons(self) -> list[str]: ...
    def required_facts(self, jurisdiction: _Jurisdiction) -> list[FactKey]: ...
    def document_ids(self, jurisdiction: _Jurisdiction) -> list[str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[ServiceInfo], tuple[ServiceId]]: ...

@final
class StateInfo:
    """One state of a workflow and what it means for the SLA clock."""

    def __new__(
        cls, name: str, terminal: bool = False, waits_on_citizen: bool = False, done: bool = False
    ) -> StateInfo: ...
    @property
    def name(self) -> str: ...
    @property
    def terminal(self) -> bool: ...
    @property
    def waits_on_citizen(self) -> bool: ...
    @property
    def done(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[StateInfo], tuple[str, bool, bool, bool]]: ...

@final
class EventInfo:
    """One event of a workflow: its guard and the date fact it stamps."""

    def __new__(
        cls,
        name: str,
        guard: Guard | str,
        guard_service: _Service | None = None,
        stamps: FactKey | str | None = None,
    ) -> EventInfo: ...
    @property
    def name(self) -> str: ...
    @property
    def guard(self) -> Guard: ...
    @property
    def guard_service(self) -> ServiceId | None: ...
    @property
    def stamps(self) -> FactKey | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[EventInfo], tuple[object, ...]]: ...

@final
class Workflow:
    """A service's workflow: states, events and transitions by name."""

    def __new__(cls, service: _Service) -> Workflow: ...
    @property
    def service(self) -> ServiceId: ...
    @property
    def initial(self) -> str: ...
    @property
    def states(self) -> list[StateInfo]: ...
    @property
    def events(self) -> list[EventInfo]: ...
    @property
    def transitions(self) -> list[tuple[str, str, str]]: ...
    def next(self, state: str, event: str) -> str | None: ...
    def allowed(self, state: str) -> list[str]: ...
    def to_mermaid(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Workflow], tuple[ServiceId]]: ...

# --- applications ------------------------------------------------------------

@final
class EventRecord:
    """One event in an application's log."""

    def __new__(
        cls,
        seq: int,
        event: str,
        at: _Instant,
        actor: _Actor,
        bundle_version: str,
        facts: _FactsLike | None,
        fee_paisa: int | None,
        prev_hash: str,
        hash: str,
        bundle_digest: str | None = None,
    ) -> EventRecord: ...
    @property
    def seq(self) -> int: ...
    @property
    def event(self) -> str: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def actor(self) -> Actor: ...
    @property
    def bundle_version(self) -> str: ...
    @property
    def bundle_digest(self) -> str | None: ...
    @property
    def facts(self) -> Facts: ...
    @property
    def fee_paisa(self) -> int | None: ...
    @property
    def fee(self) -> Money | None: ...
    @property
    def prev_hash(self) -> str: ...
    @property
    def hash(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[EventRecord], tuple[object, ...]]: ...

@final
class SlaStatus:
    """An application's SLA clock at an instant, in working days.

    ``due_not_known`` is True when the service has a target but the due date
    depends on a day outside the years the bundle's calendar covers for the
    jurisdiction; ``due`` is then None and ``breached`` False.
    """

    def __new__(
        cls,
        target_working_days: int | None,
        target_source: str | None,
        started_on: datetime.date | None,
        elapsed_working_days: int,
        paused_working_days: int,
        due: datetime.date | None,
        stopped_on: datetime.date | None,
        clock: ClockState | str,
        breached: bool,
        due_not_known: bool = False,
    ) -> SlaStatus: ...
    @property
    def target_working_days(self) -> int | None: ...
    @property
    def target_source(self) -> str | None: ...
    @property
    def started_on(self) -> datetime.date | None: ...
    @property
    def elapsed_working_days(self) -> int: ...
    @property
    def paused_working_days(self) -> int: ...
    @property
    def due(self) -> datetime.date | None: ...
    @property
    def due_not_known(self) -> bool: ...
    @property
    def stopped_on(self) -> datetime.date | None: ...
    @property
    def clock(self) -> ClockState: ...
    @property
    def breached(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[SlaStatus], tuple[object, ...]]: ...

@final
class Application:
    """An application: an append-only, hash-chained event log and the state
    derived from it, bound to the catalogue it was opened with."""

    def __new__(
        cls, catalogue: Catalogue, service: _Service, jurisdiction: _Jurisdiction, id: str
    ) -> Application: ...
    @staticmethod
    def from_json(catalogue: Catalogue, text: str) -> Application: ...
    @staticmethod
    def replay(
        catalogue: Catalogue,
        service: _Service,
        jurisdiction: _Jurisdiction,
        id: str,
        events: Sequence[EventRecord],
    ) -> Application: ...
    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def id(self) -> str: ...
    @property
    def service(self) -> ServiceId: ...
    @property
    def jurisdiction(self) -> Jurisdiction: ...
    @property
    def state(self) -> str: ...
    @property
    def is_terminal(self) -> bool: ...
    @property
    def allowed_events(self) -> list[str]: ...
    @property
    def events(self) -> list[EventRecord]: ...
    @property
    def facts(self) -> Facts: ...
    def apply(
        self, event: str, *, at: _Instant, actor: _Actor, facts: _FactsLike | None = None
    ) -> EventRecord: ...
    def preview(
        self, event: str, *, at: _Instant, facts: _FactsLike | None = None
    ) -> Decision | None: ...
    def verify(self) -> None: ...
    def to_json(self) -> str: ...
    def seal(self, key_id: str, secret_key: bytes) -> None: ...
    @property
    def seal_key_id(self) -> str | None: ...
    def verify_seal(self, public_key: bytes) -> None: ...
    def sla(self, now: _Instant) -> SlaStatus: ...
    def time_in_states(self, now: _Instant) -> dict[str, datetime.timedelta]: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[object, tuple[Catalogue, str]]: ...

# --- identifiers -------------------------------------------------------------

@final
class Cnic:
    """A CNIC number; ``str()``/``repr()`` redact the middle block."""

    def __new__(cls, value: str) -> Cnic: ...
    @staticmethod
    def is_valid(value: str) -> bool: ...
    @property
    def normalized(self) -> str: ...
    def expose(self) -> str: ...
    @property
    def redacted(self) -> str: ...
    @property
    def region(self) -> CnicRegion: ...
    @property
    def gender(self) -> Gender: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: Cnic, /) -> bool: ...
    def __le__(self, other: Cnic, /) -> bool: ...
    def __gt__(self, other: Cnic, /) -> bool: ...
    def __ge__(self, other: Cnic, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Cnic], tuple[str]]: ...

@final
class MobileNumber:
    """A Pakistani mobile number."""

    def __new__(cls, value: str) -> MobileNumber: ...
    @staticmethod
    def is_valid(value: str) -> bool: ...
    @property
    def normalized(self) -> str: ...
    @property
    def national(self) -> str: ...
    @property
    def operator_hint(self) -> MobileOperator: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: MobileNumber, /) -> bool: ...
    def __le__(self, other: MobileNumber, /) -> bool: ...
    def __gt__(self, other: MobileNumber, /) -> bool: ...
    def __ge__(self, other: MobileNumber, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[MobileNumber], tuple[str]]: ...

@final
class VehicleRegistration:
    """A vehicle number plate under a plate scheme and vehicle kind."""

    def __new__(
        cls, value: str, scheme: PlateScheme | str, kind: VehicleKind | str
    ) -> VehicleRegistration: ...
    @staticmethod
    def is_valid(value: str, scheme: PlateScheme | str, kind: VehicleKind | str) -> bool: ...
    @property
    def normalized(self) -> str: ...
    @property
    def letters(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def scheme(self) -> PlateScheme: ...
    @property
    def kind(self) -> VehicleKind: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: VehicleRegistration, /) -> bool: ...
    def __le__(self, other: VehicleRegistration, /) -> bool: ...
    def __gt__(self, other: VehicleRegistration, /) -> bool: ...
    def __ge__(self, other: VehicleRegistration, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[VehicleRegistration], tuple[str, PlateScheme, VehicleKind]]: ...

# --- functions ---------------------------------------------------------------

def bundle_schema_json() -> str:
    """The JSON Schema of the rule-bundle file format (pretty JSON text)."""

def seal_public_key(secret_key: bytes) -> bytes:
    """The Ed25519 public key of an office's 32-byte secret key."""

def log_schema_json() -> str:
    """The JSON Schema of the serialised application log (pretty JSON text)."""

def has_message(code: str, lang: _Lang = ...) -> bool:
    """Whether the message catalogues have texts for a reason code."""

def evaluate_batch(
    table: TableLike,
    *,
    catalogue: Catalogue | None = None,
    service: _Service | None = None,
    jurisdiction: _Jurisdiction | None = None,
    as_of: _AsOf | None = None,
    keep: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    threads: int | None = None,
    portable: bool = False,
    row_offset: int = 0,
) -> pyarrow.Table:
    """Evaluates a table of applications, one output row per input row.

    ``table`` is any Arrow PyCapsule producer (pyarrow, polars, pandas >=
    2.2, duckdb ...) or a list of dicts, with columns ``service`` (dotted
    id), ``jurisdiction``, ``as_of`` (date32/date64/timestamp or ISO text)
    and one column per fact key (bool, integer, date, timestamp or string as
    the key's type says; null means not given). ``service``,
    ``jurisdiction`` and ``as_of`` keywords fill a missing column or a null
    cell. Other columns raise InvalidInputError unless named in ``keep``
    (copied to the output) or ``ignore``.

    Returns a pyarrow.Table: the kept columns, then ``row`` (int64 input
    index), ``eligible`` (bool), ``fee_paisa`` (int64, null unless a fee is
    due and known), ``fee_status`` (dictionary string: known, not_known,
    not_charged), ``reasons`` (list<string> of failed reason codes),
    ``missing_documents`` (list<string>), ``error`` (string "code:
    message", null when the row is fine), ``outcome`` (dictionary string:
    eligible, refused, undetermined), ``eligible_from`` (date32: the
    come-back date of a refusal time alone will lift), ``basis``
    (dictionary string: confirmed, uncertain) and ``missing_facts``
    (list<string>: required facts not given, which make the row
    undetermined). ``eligible`` is null for an undetermined row, so a
    count of refusals never includes rules that are not known. A bad row
    gets an error and nulls;
    it never aborts the batch; an input value an error quotes is cut to 40
    characters, so a huge bad cell never makes a huge error. The GIL is
    released and every core is used (``threads``, from 1 to 1024, caps
    them; 0 or a negative number raises ValueError). Two columns with the
    same name raise InvalidInputError (``input.duplicate_column``) rather
    than one being picked by position. A cell of a fact the row's service does not read
    is ignored (wide tables mix services). Dictionary-encoded string columns
    (pandas categoricals, polars enums) are read faster: each dictionary
    value is parsed once. An integer fact also accepts a float column (what
    numpy-backed pandas and Dask frames make of integers with nulls): NaN
    is null, a whole value is read as the integer, any other value is that
    row's error.

    ``row`` counts from ``row_offset`` (0 by default), so partitions of one
    table evaluated separately can be numbered apart (or key them by a
    ``keep`` column). An input with no rows returns an empty table with the
    full schema, ``keep`` checked as for any input. Kept columns keep their
    input type (a polars ``string_view`` stays ``string_view``) unless
    ``portable`` is true: then the output has only types every Arrow reader
    (Spark included) accepts: ``fee_status``, ``outcome`` and ``basis`` as
    plain strings, kept
    ``string_view``/``binary_view`` columns as ``large_string``/
    ``large_binary`` and kept dictionary columns as their value type.
    ``evaluate_batch_schema`` gives the schema without evaluating.
    """

def evaluate_batch_schema(
    input: ArrowSchemaExportable | ArrowStreamExportable | ArrowArrayExportable | None = None,
    *,
    keep: Sequence[str] | None = None,
    portable: bool = False,
) -> pyarrow.Schema:
    """The schema ``evaluate_batch`` returns for an input with the schema of
    ``input`` (a ``pyarrow.Schema``, or a table whose schema is read) and
    the same ``keep`` and ``portable`` options, without evaluating anything.
    Engines that need the output schema up front (Spark's ``mapInArrow``,
    Dask's ``meta``, polars' ``map_batches(schema=...)``) take it from
    here. ``input`` may be omitted when nothing is kept. Raises
    InvalidInputError for a kept column that ``input`` lacks or that is
    named like an output column."""

def what_if_batch(
    table: TableLike,
    *,
    what_if: Catalogue,
    base: Catalogue | None = None,
    service: _Service | None = None,
    jurisdiction: _Jurisdiction | None = None,
    as_of: _AsOf | None = None,
    ignore: Sequence[str] | None = None,
    threads: int | None = None,
) -> pyarrow.Table:
    """Evaluates the same table under two catalogues (``base``: the embedded
    bundle by default) and returns one row per service: ``service``,
    ``rows``, ``errors``, ``eligible_base``, ``eligible_what_if``,
    ``undetermined_base``, ``undetermined_what_if`` (rows neither granted
    nor refused because a rule or fact is not known, counted apart from
    refusals), ``revenue_base_paisa``, ``revenue_what_if_paisa``,
    ``revenue_difference_paisa`` (what-if minus base, fees due only) and
    ``changed_rows`` (outcome or fee differs)."""

def replay_batch(
    logs: Iterable[str | None] | ArrowStreamExportable | ArrowArrayExportable,
    *,
    now: _Instant,
    catalogue: Catalogue | None = None,
    threads: int | None = None,
    row_offset: int = 0,
) -> pyarrow.Table:
    """Replays many application logs (JSON from ``Application.to_json``) and
    returns one row per log: ``row``, ``application_id``, ``service``,
    ``jurisdiction``, ``state``, ``events``, ``clock``,
    ``target_working_days``, ``elapsed_working_days``,
    ``paused_working_days``, ``started_on``, ``due``, ``due_not_known``
    (the due date depends on a day outside the years the bundle's calendar
    covers), ``stopped_on``, ``breached``, ``time_in_states`` (list<struct<state, seconds>>) and
    ``error`` (a tampered or unreadable log; the other columns null).
    ``logs`` is an iterable of strings, or an Arrow string array or a table
    with a ``log`` column. ``row`` counts from ``row_offset`` (0 by
    default)."""

def what_if_batch_schema() -> pyarrow.Schema:
    """The schema ``what_if_batch`` returns (the same for every input)."""

def replay_batch_schema() -> pyarrow.Schema:
    """The schema ``replay_batch`` returns (the same for every input)."""

def _raise_error(kind: str, code: str, message: str) -> NoReturn: ...
