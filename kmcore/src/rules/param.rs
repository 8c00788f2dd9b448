//! Typed handles to bundle parameters.
//!
//! Each service declares its parameters once with [`params!`]: a constant
//! per parameter that carries its service, its position in the service's
//! declaration, its unit (a type) and its variants (a type). Rules read
//! values through these constants, so a misspelt parameter, a variant of
//! the wrong kind or a value used in the wrong unit does not compile.

use std::marker::PhantomData;

use crate::bundle::{DatedValue, ParamDef, Unit};
use crate::facts::{Establishment, LicenceCategory, Premises, Purpose, TestKind};
use crate::identifier::VehicleKind;
use crate::money::Money;
use crate::service::ServiceId;

/// A unit as a type, so that a rule taking years cannot be given days.
pub(crate) trait UnitType {
    /// The unit of the bundle's values.
    const UNIT: Unit;
}

macro_rules! unit_types {
    ( $( $name:ident ),+ ) => {
        $(
            #[doc = concat!("Values in `", stringify!($name), "`.")]
            #[derive(Clone, Copy, Debug)]
            pub(crate) enum $name {}
            impl UnitType for $name {
                const UNIT: Unit = Unit::$name;
            }
        )+
    };
}

unit_types!(Rupees, Years, Months, Days, WorkingDays, Hours, Cc);

/// The variants of a parameter as a type: the names the bundle uses, and
/// each value's position among them.
pub(crate) trait Variant: Copy {
    /// The variant names, in the order of [`Variant::position`].
    const NAMES: &'static [&'static str];
    /// The position of this value in [`Variant::NAMES`].
    fn position(self) -> usize;
}

/// No variants: the parameter has one value per jurisdiction and date.
impl Variant for () {
    const NAMES: &'static [&'static str] = &[];
    fn position(self) -> usize {
        0
    }
}

/// The named enums whose values are a parameter's variants, in the order
/// of their `ALL` list.
macro_rules! enum_variants {
    ( $( $ty:ty ),+ ) => {
        $(
            impl Variant for $ty {
                const NAMES: &'static [&'static str] = <$ty>::NAMES;
                fn position(self) -> usize {
                    self.index()
                }
            }
        )+
    };
}

enum_variants!(
    LicenceCategory,
    TestKind,
    Purpose,
    Premises,
    Establishment,
    VehicleKind
);

/// A parameter of one service, read through its constant.
pub(crate) struct Param<U, V = ()> {
    /// The service that declares it.
    pub(crate) service: ServiceId,
    /// Its position in the service's declaration.
    pub(crate) index: usize,
    /// Its declaration (name, unit, variants, meaning).
    pub(crate) def: ParamDef,
    unit: PhantomData<fn() -> (U, V)>,
}

impl<U, V> Clone for Param<U, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<U, V> Copy for Param<U, V> {}

impl<U: UnitType, V: Variant> Param<U, V> {
    /// The handle of the `index`-th parameter `service` declares.
    pub(crate) const fn new(
        service: ServiceId,
        index: usize,
        name: &'static str,
        doc: &'static str,
    ) -> Param<U, V> {
        Param {
            service,
            index,
            def: ParamDef {
                name,
                unit: U::UNIT,
                variants: V::NAMES,
                doc,
            },
            unit: PhantomData,
        }
    }
}

/// A bundle value read through a typed handle: it remembers its unit.
#[derive(Debug)]
pub(crate) struct Value<'b, U> {
    /// The dated value, with its source.
    pub(crate) dated: &'b DatedValue,
    unit: PhantomData<fn() -> U>,
}

impl<U> Clone for Value<'_, U> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<U> Copy for Value<'_, U> {}

impl<'b, U> Value<'b, U> {
    pub(crate) fn new(dated: &'b DatedValue) -> Value<'b, U> {
        Value {
            dated,
            unit: PhantomData,
        }
    }

    /// The number, in the handle's unit.
    pub(crate) fn amount(self) -> i64 {
        self.dated.amount
    }
}

impl Value<'_, Rupees> {
    /// The amount as money (`None` only when it overflows, which bundle
    /// checks rule out).
    #[inline]
    pub(crate) fn money(self) -> Option<Money> {
        self.dated.money()
    }
}

/// Declares a service's bundle parameters: one constant per parameter and
/// `PARAMS`, the declaration list the bundle is checked against.
///
/// ```text
/// params! {
///     for LearnerPermit with sla;
///     /// Fee for the learner permit, by category.
///     FEE: Rupees by LicenceCategory = "fee";
///     /// How long a learner permit is valid, in months from issue.
///     VALIDITY: Months = "validity";
/// }
/// ```
///
/// `with sla` adds the service-level target (`SLA`, in working days from
/// submission), whose meaning every service shares.
macro_rules! params {
    (for $service:ident with sla; $($rest:tt)*) => {
        $crate::rules::params! {
            for $service;
            $($rest)*
            /// Service-level target from submission, in working days.
            SLA: WorkingDays = "sla";
        }
    };
    (
        for $service:ident;
        $(
            $(#[doc = $doc:literal])+
            $name:ident : $unit:ident $(by $variant:ty)? = $text:literal;
        )*
    ) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum ParamIndex { $( $name, )* }

        $(
            $(#[doc = $doc])+
            pub(crate) const $name: $crate::rules::Param<
                $crate::rules::$unit,
                $crate::rules::params!(@variant $($variant)?),
            > = $crate::rules::Param::new(
                $crate::service::ServiceId::$service,
                ParamIndex::$name as usize,
                $text,
                concat!($($doc),+).trim_ascii(),
            );
        )*

        /// Every parameter the service reads, in declaration order.
        pub(crate) const PARAMS: &[$crate::bundle::ParamDef] = &[ $( $name.def, )* ];
    };
    (@variant) => { () };
    (@variant $variant:ty) => { $variant };
}

pub(crate) use params;
