//! The CNIC (computerised national identity card number).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{KmError, Result};
use crate::identifier::ascii;
use crate::named::named_enum;

/// A Computerised National Identity Card number issued by NADRA.
///
/// Accepted input is exactly `DDDDD-DDDDDDD-D` (dashes after the fifth and
/// the twelfth digit) or exactly 13 digits with no dashes. Anything else is
/// refused, including surrounding spaces: the value is taken exactly as
/// entered. The first digit is the region code and must be 1 to 7 (see
/// [`Cnic::region`]); the last digit gives the gender (see [`Cnic::gender`]).
/// Digits 2 to 12 are not interpreted.
///
/// # Privacy
///
/// `Debug` and `Display` redact the middle block of seven digits
/// (`35202-*******-1`), so that logs and error reports never carry a whole
/// CNIC. When the whole number is truly needed (on a certificate, in a
/// stored record), call [`Cnic::expose`] or [`Cnic::normalized`]. Serde
/// serialises the whole dashed number, since documents need it; treat
/// serialised output as personal data.
///
/// # Example
///
/// ```
/// use kmcore::{Cnic, Gender};
/// let cnic = Cnic::parse("35202-1234567-1").unwrap();
/// assert_eq!(cnic.gender(), Gender::Male);
/// assert_eq!(cnic.region().as_str(), "punjab");
/// assert_eq!(cnic.to_string(), "35202-*******-1");
/// assert_eq!(format!("{cnic:?}"), "Cnic(35202-*******-1)");
/// assert_eq!(cnic.expose(), "35202-1234567-1");
/// assert_eq!(Cnic::parse("3520212345671").unwrap(), cnic);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cnic([u8; 13]);

impl Cnic {
    /// Parses a CNIC written as `DDDDD-DDDDDDD-D` or as 13 bare digits.
    ///
    /// # Errors
    ///
    /// An `InvalidInput` error with code `identifier.cnic.shape` when the
    /// value is not 13 digits in one of the two accepted groupings (wrong
    /// length, wrong dash positions, letters, spaces), and with code
    /// `identifier.cnic.region` when the first digit is 0, 8 or 9. The
    /// message never repeats the value.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// assert!(Cnic::parse("42101-1234567-8").is_ok());
    /// assert!(Cnic::parse("4210112345678").is_ok());
    /// assert_eq!(Cnic::parse("35202-123456-1").unwrap_err().code(), "identifier.cnic.shape");
    /// assert_eq!(Cnic::parse(" 35202-1234567-1").unwrap_err().code(), "identifier.cnic.shape");
    /// assert_eq!(Cnic::parse("95202-1234567-1").unwrap_err().code(), "identifier.cnic.region");
    /// ```
    pub fn parse(value: &str) -> Result<Cnic> {
        let bytes = value.as_bytes();
        let dashed = match bytes.len() {
            13 => false,
            15 if bytes.get(5) == Some(&b'-') && bytes.get(13) == Some(&b'-') => true,
            _ => return Err(cnic_shape_error()),
        };
        let mut digits = [0u8; 13];
        let mut source = bytes
            .iter()
            .enumerate()
            .filter(|&(i, _)| !(dashed && (i == 5 || i == 13)))
            .map(|(_, &b)| b);
        for slot in &mut digits {
            match source.next() {
                Some(b) if b.is_ascii_digit() => *slot = b,
                _ => return Err(cnic_shape_error()),
            }
        }
        if source.next().is_some() {
            return Err(cnic_shape_error());
        }
        let cnic = Cnic(digits);
        if CnicRegion::from_digit(cnic.first_digit()).is_none() {
            return Err(KmError::invalid(
                "identifier.cnic.region",
                "CNIC must start with a region digit from 1 to 7",
            ));
        }
        Ok(cnic)
    }

    /// The whole number in the dashed 5-7-1 form, unredacted.
    ///
    /// This is personal data: use it only where the whole number is truly
    /// needed (a certificate, a stored record), never in logs. Same as
    /// [`Cnic::normalized`].
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// assert_eq!(Cnic::parse("4210112345678").unwrap().expose(), "42101-1234567-8");
    /// ```
    pub fn expose(&self) -> String {
        let [p1, p2, p3, p4, p5, middle @ .., last] = self.0;
        format!(
            "{}-{}-{}",
            ascii(&[p1, p2, p3, p4, p5]),
            ascii(&middle),
            ascii(&[last])
        )
    }

    /// The whole number in the dashed 5-7-1 form, unredacted: the same as
    /// [`Cnic::expose`], under the name used for the other identifiers.
    ///
    /// This is personal data; `Display` gives the redacted form instead.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// let cnic = Cnic::parse("4210112345678").unwrap();
    /// assert_eq!(cnic.normalized(), "42101-1234567-8");
    /// assert_eq!(cnic.to_string(), "42101-*******-8");
    /// ```
    pub fn normalized(&self) -> String {
        self.expose()
    }

    /// The redacted form `DDDDD-*******-D`, the same text as `Display`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// assert_eq!(Cnic::parse("35202-1234567-1").unwrap().redacted(), "35202-*******-1");
    /// ```
    pub fn redacted(&self) -> String {
        let [p1, p2, p3, p4, p5, .., last] = self.0;
        format!(
            "{}-*******-{}",
            ascii(&[p1, p2, p3, p4, p5]),
            ascii(&[last])
        )
    }

    /// The region of issue, from the first digit.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// let region = Cnic::parse("61101-1234567-2").unwrap().region();
    /// assert_eq!(region.as_str(), "islamabad");
    /// assert_eq!(region.digit(), 6);
    /// ```
    pub fn region(&self) -> CnicRegion {
        // `parse` has checked the digit; Punjab is never reached.
        CnicRegion::from_digit(self.first_digit()).unwrap_or(CnicRegion::Punjab)
    }

    /// The gender recorded in the last digit: odd for male, even (0
    /// included) for female.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Cnic, Gender};
    /// assert_eq!(Cnic::parse("35202-1234567-1").unwrap().gender(), Gender::Male);
    /// assert_eq!(Cnic::parse("35202-1234567-0").unwrap().gender(), Gender::Female);
    /// ```
    pub fn gender(&self) -> Gender {
        let [.., last] = self.0;
        if (last.wrapping_sub(b'0')) % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    fn first_digit(&self) -> u8 {
        let [first, ..] = self.0;
        first.wrapping_sub(b'0')
    }
}

fn cnic_shape_error() -> KmError {
    KmError::invalid(
        "identifier.cnic.shape",
        "CNIC must be 13 digits, written as 12345-1234567-1 or without dashes",
    )
}

impl fmt::Display for Cnic {
    /// The redacted form `DDDDD-*******-D`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for Cnic {
    /// `Cnic(DDDDD-*******-D)`, redacted like `Display`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cnic({})", self.redacted())
    }
}

impl FromStr for Cnic {
    type Err = KmError;

    fn from_str(s: &str) -> Result<Cnic> {
        Cnic::parse(s)
    }
}

impl serde::Serialize for Cnic {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.expose())
    }
}

impl<'de> serde::Deserialize<'de> for Cnic {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Cnic, D::Error> {
        let text = String::deserialize(deserializer)?;
        Cnic::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Cnic {
    fn schema_name() -> Cow<'static, str> {
        "Cnic".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "kmcore::Cnic".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "CNIC as 12345-1234567-1 (serialised form) or 13 bare digits; first digit 1-7",
            "pattern": "^[1-7][0-9]{4}-[0-9]{7}-[0-9]$|^[1-7][0-9]{12}$",
        })
    }
}

named_enum! {
    /// The region of issue of a CNIC, from its first digit.
    ///
    /// FATA (digit 2) has been merged into Khyber Pakhtunkhwa but keeps its own
    /// digit on cards already issued. Serde uses the snake-case names of
    /// [`CnicRegion::as_str`]; `Display` writes [`CnicRegion::name`].
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// let region = Cnic::parse("22101-1234567-1").unwrap().region();
    /// assert_eq!(region.as_str(), "fata");
    /// assert_eq!(region.name(), "FATA (merged into Khyber Pakhtunkhwa)");
    /// ```
    pub enum CnicRegion("CNIC region", "cnic_region.unknown", display = name) {
        /// 1: Khyber Pakhtunkhwa.
        KhyberPakhtunkhwa = "khyber_pakhtunkhwa",
        /// 2: the former Federally Administered Tribal Areas, merged into KP.
        Fata = "fata",
        /// 3: Punjab.
        Punjab = "punjab",
        /// 4: Sindh.
        Sindh = "sindh",
        /// 5: Balochistan.
        Balochistan = "balochistan",
        /// 6: Islamabad Capital Territory.
        Islamabad = "islamabad",
        /// 7: Gilgit-Baltistan.
        GilgitBaltistan = "gilgit_baltistan",
    }
}

impl CnicRegion {
    fn from_digit(digit: u8) -> Option<CnicRegion> {
        Some(match digit {
            1 => CnicRegion::KhyberPakhtunkhwa,
            2 => CnicRegion::Fata,
            3 => CnicRegion::Punjab,
            4 => CnicRegion::Sindh,
            5 => CnicRegion::Balochistan,
            6 => CnicRegion::Islamabad,
            7 => CnicRegion::GilgitBaltistan,
            _ => return None,
        })
    }

    /// The first CNIC digit of this region (1 to 7).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// assert_eq!(Cnic::parse("71101-1234567-1").unwrap().region().digit(), 7);
    /// ```
    pub fn digit(self) -> u8 {
        match self {
            CnicRegion::KhyberPakhtunkhwa => 1,
            CnicRegion::Fata => 2,
            CnicRegion::Punjab => 3,
            CnicRegion::Sindh => 4,
            CnicRegion::Balochistan => 5,
            CnicRegion::Islamabad => 6,
            CnicRegion::GilgitBaltistan => 7,
        }
    }

    /// The English name, for people (also the `Display` text).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// let region = Cnic::parse("71101-1234567-1").unwrap().region();
    /// assert_eq!(region.name(), "Gilgit-Baltistan");
    /// assert_eq!(region.to_string(), "Gilgit-Baltistan");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            CnicRegion::KhyberPakhtunkhwa => "Khyber Pakhtunkhwa",
            CnicRegion::Fata => "FATA (merged into Khyber Pakhtunkhwa)",
            CnicRegion::Punjab => "Punjab",
            CnicRegion::Sindh => "Sindh",
            CnicRegion::Balochistan => "Balochistan",
            CnicRegion::Islamabad => "Islamabad",
            CnicRegion::GilgitBaltistan => "Gilgit-Baltistan",
        }
    }
}

named_enum! {
    /// Gender as recorded on a CNIC. Serde uses `male` and `female`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Cnic, Gender};
    /// assert_eq!(Cnic::parse("4210112345678").unwrap().gender(), Gender::Female);
    /// assert_eq!(Gender::Male.as_str(), "male");
    /// assert_eq!(Gender::Female.to_string(), "female");
    /// ```
    pub enum Gender("gender", "gender.unknown") {
        /// Male: odd last CNIC digit.
        Male = "male",
        /// Female: even last CNIC digit (0 included).
        Female = "female",
    }
}
