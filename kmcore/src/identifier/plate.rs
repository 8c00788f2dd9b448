//! Vehicle registration plates under a plate scheme.

use std::fmt;

use crate::error::{KmError, Result};
use crate::identifier::ascii;
use crate::named::named_enum;

named_enum! {
    /// A registration-plate numbering scheme. Serde uses the names of
    /// [`PlateScheme::as_str`]; `FromStr` reads them back.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::PlateScheme;
    /// let scheme: PlateScheme = "sd_1996".parse().unwrap();
    /// assert_eq!(scheme, PlateScheme::Sd1996);
    /// assert_eq!(PlateScheme::PbUniversal2017.as_str(), "pb_universal_2017");
    /// ```
    pub enum PlateScheme("plate scheme", "identifier.plate.scheme") {
        /// Punjab's universal plates (2017): three letters, a hyphen, then three
        /// digits for a car or four for a motorcycle.
        PbUniversal2017 = "pb_universal_2017",
        /// Sindh's series (1996): three letters, a hyphen and three digits, for
        /// any kind of vehicle.
        Sd1996 = "sd_1996",
    }
}

impl PlateScheme {
    /// How many digits follow the hyphen for this kind of vehicle.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{PlateScheme, VehicleKind};
    /// assert_eq!(PlateScheme::PbUniversal2017.number_digits(VehicleKind::Car), 3);
    /// assert_eq!(PlateScheme::PbUniversal2017.number_digits(VehicleKind::Motorcycle), 4);
    /// assert_eq!(PlateScheme::Sd1996.number_digits(VehicleKind::Motorcycle), 3);
    /// ```
    pub fn number_digits(self, kind: VehicleKind) -> usize {
        match (self, kind) {
            (PlateScheme::PbUniversal2017, VehicleKind::Motorcycle) => 4,
            (PlateScheme::PbUniversal2017, VehicleKind::Car) | (PlateScheme::Sd1996, _) => 3,
        }
    }
}

named_enum! {
    /// The kind of vehicle a plate is issued for. Serde uses `car` and
    /// `motorcycle`; `FromStr` reads them back.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::VehicleKind;
    /// assert_eq!("motorcycle".parse::<VehicleKind>().unwrap(), VehicleKind::Motorcycle);
    /// assert_eq!(VehicleKind::Car.as_str(), "car");
    /// ```
    pub enum VehicleKind("vehicle kind", "identifier.vehicle_kind") {
        /// A motor car (and other four-wheelers on the car series).
        Car = "car",
        /// A motorcycle.
        Motorcycle = "motorcycle",
    }
}

/// A vehicle registration number under a given [`PlateScheme`].
///
/// The accepted shape is strict: three letters, a hyphen, then the digits
/// the scheme requires for the [`VehicleKind`] (see
/// [`PlateScheme::number_digits`]). Letters may be given in lower case; a
/// space instead of the hyphen, a missing hyphen, or surrounding spaces are
/// refused. The letters I, O and U never occur on plates, and the number
/// cannot be all zeros (series start at 001). The normalised form, which is
/// also the `Display`, is upper case with the hyphen: `ABC-123`.
///
/// Serde writes `{"plate": "ABC-123", "scheme": "pb_universal_2017",
/// "kind": "car"}` and validates on reading.
///
/// # Example
///
/// ```
/// use kmcore::{PlateScheme, VehicleKind, VehicleRegistration};
/// let plate = VehicleRegistration::parse("abc-123", PlateScheme::PbUniversal2017, VehicleKind::Car).unwrap();
/// assert_eq!(plate.normalized(), "ABC-123");
/// assert_eq!(plate.to_string(), "ABC-123");
/// assert!(VehicleRegistration::parse("ABC-1234", PlateScheme::PbUniversal2017, VehicleKind::Motorcycle).is_ok());
/// assert!(VehicleRegistration::parse("ABC 123", PlateScheme::PbUniversal2017, VehicleKind::Car).is_err());
/// ```
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(try_from = "PlateRecord", into = "PlateRecord")]
pub struct VehicleRegistration {
    scheme: PlateScheme,
    kind: VehicleKind,
    /// Upper-case ASCII letters, none of I, O, U.
    letters: [u8; 3],
    number: u16,
}

impl VehicleRegistration {
    /// Parses a registration number under a scheme, for a kind of vehicle.
    ///
    /// # Errors
    ///
    /// An `InvalidInput` error with code
    /// - `identifier.plate.shape` when the value is not three letters, a
    ///   hyphen and the right number of digits;
    /// - `identifier.plate.letter` when a letter is I, O or U;
    /// - `identifier.plate.number` when the digits are all zeros.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{PlateScheme, VehicleKind, VehicleRegistration};
    /// let sd = PlateScheme::Sd1996;
    /// assert!(VehicleRegistration::parse("BKR-452", sd, VehicleKind::Car).is_ok());
    /// let err = VehicleRegistration::parse("AUK-123", sd, VehicleKind::Car).unwrap_err();
    /// assert_eq!(err.code(), "identifier.plate.letter");
    /// let err = VehicleRegistration::parse("ABC-000", sd, VehicleKind::Car).unwrap_err();
    /// assert_eq!(err.code(), "identifier.plate.number");
    /// ```
    pub fn parse(
        value: &str,
        scheme: PlateScheme,
        kind: VehicleKind,
    ) -> Result<VehicleRegistration> {
        let width = scheme.number_digits(kind);
        let shape_error = || {
            KmError::invalid(
                "identifier.plate.shape",
                format!(
                    "{} plate for a {} must be 3 letters, a hyphen and {} digits, like ABC-{}",
                    scheme.as_str(),
                    kind.as_str(),
                    width,
                    if width == 4 { "1234" } else { "123" }
                ),
            )
        };
        let (letters, digits) = match value.as_bytes() {
            [a, b, c, b'-', digits @ ..] => ([*a, *b, *c], digits),
            _ => return Err(shape_error()),
        };
        if !letters.iter().all(u8::is_ascii_alphabetic)
            || digits.len() != width
            || !digits.iter().all(u8::is_ascii_digit)
        {
            return Err(shape_error());
        }
        let letters = letters.map(|b| b.to_ascii_uppercase());
        if letters.iter().any(|b| matches!(b, b'I' | b'O' | b'U')) {
            return Err(KmError::invalid(
                "identifier.plate.letter",
                "plate letters never include I, O or U",
            ));
        }
        let number = digits.iter().fold(0u16, |n, &d| {
            n.saturating_mul(10)
                .saturating_add(u16::from(d.saturating_sub(b'0')))
        });
        if number == 0 {
            return Err(KmError::invalid(
                "identifier.plate.number",
                "plate number cannot be all zeros: series start at 1",
            ));
        }
        Ok(VehicleRegistration {
            scheme,
            kind,
            letters,
            number,
        })
    }

    /// The upper-case hyphenated form, such as `ABC-123` or `ABC-0042`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{PlateScheme, VehicleKind, VehicleRegistration};
    /// let p = VehicleRegistration::parse("lea-0042", PlateScheme::PbUniversal2017, VehicleKind::Motorcycle).unwrap();
    /// assert_eq!(p.normalized(), "LEA-0042");
    /// ```
    pub fn normalized(&self) -> String {
        self.to_string()
    }

    /// The three upper-case letters.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{PlateScheme, VehicleKind, VehicleRegistration};
    /// let p = VehicleRegistration::parse("bkr-452", PlateScheme::Sd1996, VehicleKind::Car).unwrap();
    /// assert_eq!(p.letters(), "BKR");
    /// ```
    pub fn letters(&self) -> &str {
        ascii(&self.letters)
    }

    /// The number after the hyphen, without its leading zeros.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{PlateScheme, VehicleKind, VehicleRegistration};
    /// let p = VehicleRegistration::parse("BKR-052", PlateScheme::Sd1996, VehicleKind::Car).unwrap();
    /// assert_eq!(p.number(), 52);
    /// ```
    pub fn number(&self) -> u16 {
        self.number
    }

    /// The scheme the number was parsed under.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{PlateScheme, VehicleKind, VehicleRegistration};
    /// let p = VehicleRegistration::parse("BKR-452", PlateScheme::Sd1996, VehicleKind::Car).unwrap();
    /// assert_eq!(p.scheme(), PlateScheme::Sd1996);
    /// ```
    pub fn scheme(&self) -> PlateScheme {
        self.scheme
    }

    /// The kind of vehicle the number was parsed for.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{PlateScheme, VehicleKind, VehicleRegistration};
    /// let p = VehicleRegistration::parse("BKR-452", PlateScheme::Sd1996, VehicleKind::Motorcycle).unwrap();
    /// assert_eq!(p.kind(), VehicleKind::Motorcycle);
    /// ```
    pub fn kind(&self) -> VehicleKind {
        self.kind
    }
}

impl fmt::Display for VehicleRegistration {
    /// The upper-case hyphenated form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self.scheme.number_digits(self.kind);
        write!(f, "{}-{:0width$}", ascii(&self.letters), self.number)
    }
}

impl fmt::Debug for VehicleRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "VehicleRegistration({self}, {}, {})",
            self.scheme.as_str(),
            self.kind.as_str()
        )
    }
}

/// The serde and JSON Schema form of a [`VehicleRegistration`].
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PlateRecord {
    /// The registration number, `ABC-123`.
    plate: String,
    /// The numbering scheme.
    scheme: PlateScheme,
    /// The kind of vehicle.
    kind: VehicleKind,
}

impl From<VehicleRegistration> for PlateRecord {
    fn from(v: VehicleRegistration) -> PlateRecord {
        PlateRecord {
            plate: v.normalized(),
            scheme: v.scheme,
            kind: v.kind,
        }
    }
}

impl TryFrom<PlateRecord> for VehicleRegistration {
    type Error = KmError;

    fn try_from(r: PlateRecord) -> Result<VehicleRegistration> {
        VehicleRegistration::parse(&r.plate, r.scheme, r.kind)
    }
}
