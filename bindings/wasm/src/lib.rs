//! WebAssembly binding of kmcore, for browsers and Node (wasm-bindgen).
//!
//! kmcore itself knows nothing of JavaScript. This crate mirrors the public
//! types the web needs, module by module, with exhaustive conversions: every
//! `match` over a core enum lists every variant, with no `_ =>` arm, so a new
//! variant, fact or service in the core breaks this build until it is mapped
//! on purpose.
//!
//! | module | mirrors | gives JS |
//! |---|---|---|
//! | [`error`] | `kmcore::error` | the `KmError` class (`kind`, `code`, context) |
//! | [`facts`] | `kmcore::facts` | facts by name, the form of a service (`FactSpec`) |
//! | [`service`] | `kmcore::service`, `jurisdiction`, `workflow`, `catalogue` | services, jurisdictions, documents, workflows |
//! | [`decision`] | `kmcore::decision`, `bundle` | `evaluate`: outcome, checks, fee quote, deadline |
//! | [`identifier`] | `kmcore::identifier` | CNIC, mobile number and plate validation |
//! | [`api`] | (the boundary) | the exported functions, values as JSON |
//!
//! Every module but [`api`] is plain Rust and is tested on the host. [`api`]
//! is the only place that touches `JsValue`: each exported function takes
//! and returns plain JSON-shaped values (parsed and written through
//! `JSON.parse`/`JSON.stringify`), described to TypeScript by the `tsify`
//! declarations of the mirror types.
//!
//! # How things map
//!
//! * Dates are ISO strings (`"2026-03-01"`), instants RFC 3339 strings with
//!   their offset (`"2026-01-02T19:59:00+05:00"`).
//! * Money is an integer number of paisa (`amountPaisa: 50000`) beside the
//!   receipt text (`amountText: "Rs 500"`).
//! * Enums are string unions (`"eligible" | "refused" | "undetermined"`).
//! * Errors are thrown as instances of the JS class `KmError` (defined in
//!   `km-error.js`, so `instanceof` works across the package), with `kind`,
//!   `code`, `message` and the core error's context. The core cannot panic;
//!   every input a caller can pass (wrong shape, wrong type, unknown name,
//!   bad date) is a `KmError`, never a trap.

// `KmError` carries the core error's whole context (it becomes the JS
// error's properties). It is built once, on the error path, and thrown by
// value: boxing it would only move the allocation.
#![allow(clippy::result_large_err)]
// A panic would abort the WebAssembly instance (a trap in JS): bad input
// must always be a `KmError`.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod api;
pub mod decision;
pub mod error;
pub mod facts;
pub mod identifier;
pub mod service;

pub use error::{ErrorKind, KmError};

/// Declares a string-union enum that mirrors a fieldless core enum variant
/// for variant, with exhaustive `From` conversions both ways (no `_ =>`
/// arm) and a TypeScript declaration. The JS names are the core's without
/// being spelled here: a serde rule given with the enum (`rename_all`), or
/// the core's own list (services), and a test checks every one against the
/// core's serde form.
macro_rules! mirror_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident mirrors $core:path {
            $( $(#[$vmeta:meta])* $variant:ident ),+ $(,)?
        }
    ) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash,
                 serde::Serialize, serde::Deserialize, tsify::Tsify)]
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl From<$core> for $name {
            fn from(value: $core) -> Self {
                type Core = $core;
                match value {
                    $( Core::$variant => $name::$variant, )+
                }
            }
        }

        impl From<$name> for $core {
            fn from(value: $name) -> Self {
                type Core = $core;
                match value {
                    $( $name::$variant => Core::$variant, )+
                }
            }
        }
    };
}
pub(crate) use mirror_enum;

/// A date as the ISO string JS receives, `2026-03-01`.
pub(crate) fn iso_date(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Formats an amount in paisa like a receipt: `Rs 1,830`, `Rs 1,830.50`.
pub fn format_money(paisa: i64) -> String {
    kmcore::Money::from_paisa(paisa).to_string()
}

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use serde::Serialize;
    use serde::de::DeserializeOwned;

    /// Every value of a mirror is written and read under the core's name.
    fn names_are_the_core_names<C, M>(all: &[C])
    where
        C: Copy + Debug + Serialize + Into<M>,
        M: Debug + PartialEq + Serialize + DeserializeOwned,
    {
        for &core in all {
            let name = serde_json::to_string(&core).unwrap();
            let mirror: M = core.into();
            assert_eq!(serde_json::to_string(&mirror).unwrap(), name, "{core:?}");
            assert_eq!(serde_json::from_str::<M>(&name).unwrap(), mirror);
        }
    }

    #[test]
    fn every_mirror_uses_the_core_names() {
        use crate::{decision, error, facts, identifier, service};
        names_are_the_core_names::<_, service::ServiceId>(kmcore::ServiceId::ALL);
        names_are_the_core_names::<_, service::Jurisdiction>(kmcore::Jurisdiction::ALL);
        names_are_the_core_names::<_, service::ServiceKind>(kmcore::ServiceKind::ALL);
        names_are_the_core_names::<_, service::Unit>(kmcore::Unit::ALL);
        names_are_the_core_names::<_, decision::Basis>(kmcore::Basis::ALL);
        names_are_the_core_names::<_, decision::FeeLineKind>(kmcore::FeeLineKind::ALL);
        names_are_the_core_names::<_, facts::FactType>(kmcore::FactType::ALL);
        names_are_the_core_names::<_, error::ErrorKind>(kmcore::ErrorKind::ALL);
        names_are_the_core_names::<_, identifier::Gender>(kmcore::Gender::ALL);
        names_are_the_core_names::<_, identifier::MobileOperator>(kmcore::MobileOperator::ALL);
    }
}
