//! Mirrors `kmcore::facts`: the facts dictionary (one nullable field per
//! key), its keys and types, and the choice enums of its values. The enums,
//! `FactKey` and `Facts` are built from the core's own lists
//! (`for_each_choice!`, `for_each_fact!`), so a new fact or choice needs no
//! change here.

use std::time::SystemTime;

use chrono::NaiveDate;

use crate::error::KmError;
use crate::identifier::{PlateScheme, VehicleKind};
use crate::mirror_enum;
use crate::time::{from_instant, to_instant};

/// Mirrors every choice enum of the core.
macro_rules! mirror_choices {
    ( $( $(#[$meta:meta])* $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? } )+ ) => {
        $(
            mirror_enum! {
                $(#[$meta])*
                pub enum $name mirrors kmcore::$name {
                    $( $(#[$vmeta])* $variant, )+
                }
            }
        )+
    };
}

kmcore::for_each_choice!(mirror_choices);

mirror_enum! {
    /// The type of a fact's value.
    pub enum FactType mirrors kmcore::FactType {
        /// true or false.
        Bool,
        /// A whole number.
        Integer,
        /// A calendar date.
        Date,
        /// An instant (Pakistan time).
        Instant,
        /// One of a fixed set of names (an enum).
        Choice,
        /// Free text.
        Text,
    }
}

/// Mirrors the facts dictionary: `FactKey`, the `Facts` record and their
/// conversions.
macro_rules! mirror_facts {
    (@ty date) => { NaiveDate };
    (@ty instant) => { SystemTime };
    (@ty bool) => { bool };
    (@ty int) => { i64 };
    (@ty text) => { String };
    (@ty choice($choice:ident)) => { $choice };
    (@to_core instant, $value:expr) => { $value.map(to_instant).transpose()? };
    (@to_core choice($choice:ident), $value:expr) => { $value.map(Into::into) };
    (@to_core $kind:ident, $value:expr) => { $value };
    (@from_core instant, $value:expr) => { $value.map(from_instant) };
    (@from_core choice($choice:ident), $value:expr) => { $value.map(Into::into) };
    (@from_core $kind:ident, $value:expr) => { $value };
    ( $( $(#[$doc:meta])* $variant:ident $field:ident : $kind:ident $(($choice:ident))? ),+ $(,)? ) => {
        mirror_enum! {
            /// A key of the facts dictionary; `key()` is its snake_case name.
            pub enum FactKey mirrors kmcore::FactKey {
                $( $(#[$doc])* $variant, )+
            }
        }

        /// The facts a request is evaluated on: one nullable field per key of the
        /// facts dictionary (null = not given). Instants are taken in Pakistan time.
        ///
        /// Kotlin: `Facts(category = LicenceCategory.MOTORCYCLE, hasValidCnic = true)`.
        #[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
        pub struct Facts {
            $(
                $(#[$doc])*
                #[uniffi(default = None)]
                pub $field: Option<mirror_facts!(@ty $kind $(($choice))?)>,
            )+
        }

        impl Facts {
            /// True when the key's field is set.
            fn has(&self, key: kmcore::FactKey) -> bool {
                match key {
                    $( kmcore::FactKey::$variant => self.$field.is_some(), )+
                }
            }
        }

        impl TryFrom<Facts> for kmcore::Facts {
            type Error = KmError;

            fn try_from(facts: Facts) -> Result<Self, KmError> {
                Ok(kmcore::Facts {
                    $( $field: mirror_facts!(@to_core $kind $(($choice))?, facts.$field), )+
                })
            }
        }

        impl From<kmcore::Facts> for Facts {
            fn from(facts: kmcore::Facts) -> Self {
                Facts {
                    $( $field: mirror_facts!(@from_core $kind $(($choice))?, facts.$field), )+
                }
            }
        }
    };
}

kmcore::for_each_fact!(mirror_facts);

#[uniffi::export]
impl FactKey {
    /// The key's name in the facts dictionary, such as `date_of_birth`.
    pub fn key(&self) -> String {
        kmcore::FactKey::from(*self).as_str().to_string()
    }

    /// The type of the key's value.
    pub fn fact_type(&self) -> FactType {
        kmcore::FactKey::from(*self).fact_type().into()
    }
}

/// The key named `name` in the facts dictionary.
///
/// # Errors
///
/// `InvalidInput` (`fact.unknown`) for a name that is not a key.
#[uniffi::export]
pub fn fact_key_from_name(name: String) -> Result<FactKey, KmError> {
    Ok(name.parse::<kmcore::FactKey>()?.into())
}

#[uniffi::export]
impl Facts {
    /// The keys that are given (not null), in dictionary order.
    pub fn keys(&self) -> Vec<FactKey> {
        kmcore::FactKey::ALL
            .iter()
            .filter(|key| self.has(**key))
            .map(|key| (*key).into())
            .collect()
    }
}

/// Facts read from a JSON object in the facts dictionary's form
/// (`{"category": "motor_car", "date_of_birth": "2008-03-02"}`), as the
/// reference cases and stored requests write them.
///
/// # Errors
///
/// `InvalidInput` (`fact.json`) for an unknown key, a value of the wrong
/// type or outside the key's allowed values, or text that is not JSON.
#[uniffi::export]
pub fn facts_from_json(text: String) -> Result<Facts, KmError> {
    Ok(kmcore::Facts::from_json(&text)?.into())
}
