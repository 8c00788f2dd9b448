//! kmcore's enums as Python enums.
//!
//! Each core enum becomes a `kmcore.<Name>` class built at import time with
//! Python's functional `enum` API on the `kmcore._enums.StrEnum` base: its
//! members are strings equal to the core's stable names (`ServiceId.
//! LEARNER_PERMIT == "driving_licence.learner_permit"`), so they pickle,
//! hash, compare with plain strings and go into Arrow columns unchanged.
//!
//! Nothing here spells a name again: the members, their values and their
//! order are the core's `ALL` and `as_str`, and a member's Python name is
//! its value in capitals (`Jurisdiction.ICT`, `LicenceCategory.MOTOR_CAR`),
//! a service's the name of its module (`ServiceId.LEARNER_PERMIT`). The
//! choice enums and the services are mirrored from the core's own lists
//! (`for_each_choice!`, `for_each_service!`), so a new choice, value or
//! service needs no change here. Python values convert back by their
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
    /// The member's value: the core's stable string.
    fn value(self) -> &'static str;
    /// Where the Python class and its members are kept once built.
    fn cell() -> &'static PyOnceLock<Class>;
    /// The variants by value, for reading string columns.
    fn by_value() -> &'static ByValue<Self>;

    /// The Python member name: the value in capitals.
    fn member(self) -> String {
        self.value().to_ascii_uppercase()
    }

    /// The Python enum member of this variant.
    fn to_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let class = class_of::<Self>(py)?;
        Self::ALL
            .iter()
            .position(|v| *v == self)
            .and_then(|i| class.members.get(i))
            .map(|m| m.bind(py).clone())
            .ok_or_else(|| PyTypeError::new_err(format!("no {} member", Self::NAME)))
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

/// A mirrored enum's Python class and its members, in the order of `ALL`.
pub(crate) struct Class {
    class: Py<PyAny>,
    members: Vec<Py<PyAny>>,
}

/// The Python class of a mirrored enum.
pub(crate) fn class_of<M: Mirror>(py: Python<'_>) -> PyResult<&Class> {
    M::cell().get_or_try_init(py, || build_class::<M>(py))
}

fn build_class<M: Mirror>(py: Python<'_>) -> PyResult<Class> {
    let base = py.import("kmcore._enums")?.getattr("StrEnum")?;
    let members = PyList::empty(py);
    for v in M::ALL {
        members.append(PyTuple::new(py, [v.member(), v.value().to_string()])?)?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("module", "kmcore")?;
    kwargs.set_item("qualname", M::NAME)?;
    let class = base.call((M::NAME, members), Some(&kwargs))?;
    class.setattr("__doc__", M::DOC)?;
    let members = M::ALL
        .iter()
        .map(|v| class.getattr(v.member()).map(Bound::unbind))
        .collect::<PyResult<_>>()?;
    Ok(Class {
        class: class.unbind(),
        members,
    })
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

/// Declares a mirror: `Name = Type, code "error.code"`, where `Type` has
/// `ALL` and `as_str` (a core enum, or one of this module's own kinds).
/// `member |v| expr` replaces the member name.
macro_rules! mirror {
    (
        $(#[doc = $doc:literal])+
        $name:ident = $core:ty, code $code:literal
        $(, member |$v:ident| $member:expr)?
    ) => {
        impl Mirror for $core {
            const NAME: &'static str = stringify!($name);
            const DOC: &'static str = concat!($($doc, "\n"),+);
            const UNKNOWN_CODE: &'static str = $code;
            const ALL: &'static [Self] = <$core>::ALL;
            fn value(self) -> &'static str {
                <$core>::as_str(self)
            }
            $(
                fn member(self) -> String {
                    let $v = self;
                    $member
                }
            )?
            fn cell() -> &'static PyOnceLock<Class> {
                static CELL: PyOnceLock<Class> = PyOnceLock::new();
                &CELL
            }
            fn by_value() -> &'static ByValue<Self> {
                static BY_VALUE: ByValue<$core> = ByValue::new();
                &BY_VALUE
            }
        }
    };
}

/// Mirrors the services of the core's list; a member is named after the
/// service's module.
macro_rules! mirror_services {
    ( $( $(#[$doc:meta])* $variant:ident = $text:literal in $family:ident :: $module:ident, )+ ) => {
        mirror! {
            /// A service (or a check) a centre offers; the value is the dotted id.
            ServiceId = kmcore::ServiceId, code "service.unknown",
            member |id| match id {
                $( kmcore::ServiceId::$variant => stringify!($module), )+
            }.to_ascii_uppercase()
        }
    };
}

kmcore::for_each_service!(mirror_services);

/// Mirrors every choice enum of the core's list, with its doc.
macro_rules! mirror_choices {
    ( $( $(#[doc = $doc:literal])+ $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? } )+ ) => {
        $(
            mirror! {
                $(#[doc = $doc])+
                $name = kmcore::$name, code "fact.value"
            }
        )+

        /// Adds every choice enum's class to the module.
        fn register_choices(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( add::<kmcore::$name>(m)?; )+
            Ok(())
        }

        /// Runs the tests of a mirror on every choice enum.
        #[cfg(test)]
        fn test_choices() {
            $(
                tests::distinct::<kmcore::$name>();
                tests::lookup_agrees_with_parse::<kmcore::$name>();
            )+
        }
    };
}

kmcore::for_each_choice!(mirror_choices);

mirror! {
    /// A province or territory: PB, ICT, SD or KP.
    Jurisdiction = kmcore::Jurisdiction, code "jurisdiction.unknown"
}

mirror! {
    /// An application with a workflow, or a one-off check.
    ServiceKind = kmcore::ServiceKind, code "service_kind.unknown"
}

mirror! {
    /// The unit of a rule-bundle value.
    Unit = kmcore::Unit, code "unit.unknown"
}

mirror! {
    /// A kind of vehicle.
    VehicleKind = kmcore::VehicleKind, code "identifier.vehicle_kind"
}

mirror! {
    /// A number-plate scheme.
    PlateScheme = kmcore::PlateScheme, code "identifier.plate.scheme"
}

mirror! {
    /// A key of the facts dictionary.
    FactKey = kmcore::FactKey, code "fact.unknown"
}

mirror! {
    /// The type of a fact's value.
    FactType = kmcore::FactType, code "fact_type.unknown"
}

mirror! {
    /// Who performed an event.
    Actor = kmcore::Actor, code "actor.unknown"
}

mirror! {
    /// The language of a message: English or Urdu.
    Lang = kmcore::Lang, code "lang.unknown"
}

mirror! {
    /// What a fee line is for.
    FeeLineKind = kmcore::FeeLineKind, code "fee_line.unknown"
}

mirror! {
    /// Whether a fee is known, not known, or not charged (a check).
    FeeStatus = FeeStatusKind, code "fee_status.unknown"
}

mirror! {
    /// Where an SLA clock stands.
    ClockState = kmcore::ClockState, code "clock.unknown"
}

mirror! {
    /// How firmly a bundle value is sourced.
    Basis = kmcore::Basis, code "basis.unknown"
}

mirror! {
    /// Whether a district exists, is announced, or is suspended.
    DistrictStatus = kmcore::DistrictStatus, code "district_status.unknown"
}

mirror! {
    /// What a decision comes to: eligible, refused or undetermined.
    Outcome = kmcore::Outcome, code "outcome.unknown"
}

mirror! {
    /// What kind of error kmcore raised (KmError.kind).
    ErrorKind = kmcore::ErrorKind, code "error_kind.unknown"
}

mirror! {
    /// Gender as recorded on a CNIC.
    Gender = kmcore::Gender, code "gender.unknown"
}

mirror! {
    /// The region of issue of a CNIC, from its first digit.
    CnicRegion = kmcore::CnicRegion, code "cnic_region.unknown"
}

mirror! {
    /// The operator a mobile number's prefix was first allotted to (a hint).
    MobileOperator = kmcore::MobileOperator, code "mobile_operator.unknown"
}

mirror! {
    /// What must hold before a workflow event is accepted.
    Guard = GuardKind, code "guard.unknown"
}

mirror! {
    /// The kind of a check parameter's value.
    ParamKind = ParamKindTag, code "param_kind.unknown"
}

/// Declares one of this binding's own kinds, with `ALL` and `as_str`.
macro_rules! kind {
    ( $(#[doc = $doc:literal])+ $name:ident { $( $variant:ident = $text:literal ),+ $(,)? } ) => {
        $(#[doc = $doc])+
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub(crate) enum $name {
            $( $variant, )+
        }

        impl $name {
            /// Every value.
            pub(crate) const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The name.
            pub(crate) const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }
        }
    };
}

kind! {
    /// The status part of `kmcore::FeeStatus` (whose `Known` carries the
    /// total), named as the core's serde tag.
    FeeStatusKind {
        Known = "known",
        NotKnown = "not_known",
        NotCharged = "not_charged",
    }
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

kind! {
    /// The kind part of `kmcore::Guard` (whose `Rules` names a service).
    GuardKind {
        None = "none",
        Eligibility = "eligibility",
        Rules = "rules",
    }
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

kind! {
    /// The kind part of `kmcore::ParamValue`, named as the core's serde tag.
    ParamKindTag {
        Number = "number",
        Years = "years",
        Months = "months",
        Days = "days",
        WorkingDays = "working_days",
        Hours = "hours",
        Cc = "cc",
        Money = "money",
        Date = "date",
        Instant = "instant",
        Span = "span",
        Term = "term",
    }
}

/// Adds an enum's class to the module.
fn add<M: Mirror>(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add(M::NAME, class_of::<M>(m.py())?.class.bind(m.py()))
}

/// Builds every enum class and adds it to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    add::<kmcore::ServiceId>(m)?;
    add::<kmcore::Jurisdiction>(m)?;
    add::<kmcore::ServiceKind>(m)?;
    add::<kmcore::Unit>(m)?;
    register_choices(m)?;
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

    /// Values and member names are one to one, member names are Python
    /// identifiers, and every value reads back.
    pub(super) fn distinct<M: Mirror>() {
        let mut values: Vec<&str> = M::ALL.iter().map(|v| v.value()).collect();
        let mut members: Vec<String> = M::ALL.iter().map(|v| v.member()).collect();
        for m in &members {
            let first = m.chars().next().unwrap_or('0');
            assert!(
                !first.is_ascii_digit()
                    && m.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                "{}.{m}",
                M::NAME
            );
        }
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
    fn every_mirror_is_one_to_one() {
        distinct::<kmcore::ServiceId>();
        distinct::<kmcore::Jurisdiction>();
        distinct::<kmcore::ServiceKind>();
        distinct::<kmcore::Unit>();
        distinct::<kmcore::VehicleKind>();
        distinct::<kmcore::PlateScheme>();
        distinct::<kmcore::FactKey>();
        distinct::<kmcore::FactType>();
        distinct::<kmcore::Actor>();
        distinct::<kmcore::Lang>();
        distinct::<kmcore::FeeLineKind>();
        distinct::<kmcore::Outcome>();
        distinct::<FeeStatusKind>();
        distinct::<kmcore::ClockState>();
        distinct::<kmcore::Basis>();
        distinct::<kmcore::DistrictStatus>();
        distinct::<kmcore::ErrorKind>();
        distinct::<kmcore::Gender>();
        distinct::<kmcore::CnicRegion>();
        distinct::<kmcore::MobileOperator>();
        distinct::<GuardKind>();
        distinct::<ParamKindTag>();
    }

    #[test]
    fn every_choice_mirror_is_one_to_one_and_agrees_with_parse() {
        test_choices();
    }

    #[test]
    fn members_are_named_as_the_stubs_say() {
        let member = |v: kmcore::ServiceId| v.member();
        assert_eq!(member(kmcore::ServiceId::LearnerPermit), "LEARNER_PERMIT");
        assert_eq!(member(kmcore::ServiceId::TenantDeadline), "TENANT_DEADLINE");
        assert_eq!(kmcore::AppliedBy::SelfApplicant.member(), "SELF");
        assert_eq!(kmcore::PlateScheme::Sd1996.member(), "SD_1996");
        assert_eq!(kmcore::Jurisdiction::ICT.member(), "ICT");
        assert_eq!(kmcore::FactKey::DateOfBirth.member(), "DATE_OF_BIRTH");
        assert_eq!(ParamKindTag::WorkingDays.member(), "WORKING_DAYS");
    }

    /// A batch reads string columns by matching each cell against the
    /// values and parses only a cell that matches none: both must agree.
    pub(super) fn lookup_agrees_with_parse<M: Mirror + std::str::FromStr<Err = kmcore::KmError>>() {
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
        lookup_agrees_with_parse::<kmcore::VehicleKind>();
        lookup_agrees_with_parse::<kmcore::PlateScheme>();
    }
}
