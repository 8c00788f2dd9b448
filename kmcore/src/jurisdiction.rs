//! Where the rules apply.

use std::fmt;
use std::str::FromStr;

use crate::error::{KmError, Result};

/// A province or territory whose police run service centres.
///
/// # Example
///
/// ```
/// use kmcore::Jurisdiction;
/// let j: Jurisdiction = "ICT".parse().unwrap();
/// assert_eq!(j, Jurisdiction::ICT);
/// assert_eq!(j.name(), "Islamabad Capital Territory");
/// assert!("XX".parse::<Jurisdiction>().is_err());
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
pub enum Jurisdiction {
    /// Punjab.
    PB,
    /// Islamabad Capital Territory.
    ICT,
    /// Sindh.
    SD,
    /// Khyber Pakhtunkhwa.
    KP,
}

impl Jurisdiction {
    /// Every jurisdiction, in a fixed order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Jurisdiction::ALL.len(), 4);
    /// ```
    pub const ALL: [Jurisdiction; 4] = [
        Jurisdiction::PB,
        Jurisdiction::ICT,
        Jurisdiction::SD,
        Jurisdiction::KP,
    ];

    /// The short code: `PB`, `ICT`, `SD` or `KP`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Jurisdiction::KP.code(), "KP");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Jurisdiction::PB => "PB",
            Jurisdiction::ICT => "ICT",
            Jurisdiction::SD => "SD",
            Jurisdiction::KP => "KP",
        }
    }

    /// The English name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Jurisdiction::SD.name(), "Sindh");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Jurisdiction::PB => "Punjab",
            Jurisdiction::ICT => "Islamabad Capital Territory",
            Jurisdiction::SD => "Sindh",
            Jurisdiction::KP => "Khyber Pakhtunkhwa",
        }
    }

    /// The Urdu name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Jurisdiction::PB.name_ur(), "پنجاب");
    /// ```
    pub const fn name_ur(self) -> &'static str {
        match self {
            Jurisdiction::PB => "پنجاب",
            Jurisdiction::ICT => "اسلام آباد",
            Jurisdiction::SD => "سندھ",
            Jurisdiction::KP => "خیبر پختونخوا",
        }
    }

    /// A dense index (0..4) used to store per-jurisdiction values.
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Jurisdiction {
    type Err = KmError;

    fn from_str(s: &str) -> Result<Self> {
        Jurisdiction::ALL
            .into_iter()
            .find(|j| j.code() == s)
            .ok_or_else(|| {
                KmError::invalid(
                    "jurisdiction.unknown",
                    format!(
                        "unknown jurisdiction `{}`: expected one of PB, ICT, SD, KP",
                        crate::excerpt(s)
                    ),
                )
            })
    }
}
