//! Identifiers as entered at a Khidmat Markaz counter: the CNIC, a mobile
//! number and a vehicle registration plate.
//!
//! Each type is parsed once, strictly, and after that is always valid. Parsers
//! never panic, whatever the input, and their error messages say what is
//! wrong without repeating the value that was entered.
//!
//! The CNIC is personal data: its `Debug` and `Display` hide the middle block
//! of seven digits, so that a log line never carries a whole CNIC. The whole
//! number is only available through [`Cnic::expose`] (or its synonym
//! [`Cnic::normalized`]) and through serde, because documents need it.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{KmError, Result};
use crate::named::named_enum;

/// The ASCII bytes as text; every caller passes ASCII only.
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// CNIC
// ---------------------------------------------------------------------------

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

/// The region of issue of a CNIC, from its first digit.
///
/// FATA (digit 2) has been merged into Khyber Pakhtunkhwa but keeps its own
/// digit on cards already issued. Serde uses the snake-case names of
/// [`CnicRegion::as_str`].
///
/// # Example
///
/// ```
/// use kmcore::Cnic;
/// let region = Cnic::parse("22101-1234567-1").unwrap().region();
/// assert_eq!(region.as_str(), "fata");
/// assert_eq!(region.name(), "FATA (merged into Khyber Pakhtunkhwa)");
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
#[serde(rename_all = "snake_case")]
pub enum CnicRegion {
    /// 1: Khyber Pakhtunkhwa.
    KhyberPakhtunkhwa,
    /// 2: the former Federally Administered Tribal Areas, merged into KP.
    Fata,
    /// 3: Punjab.
    Punjab,
    /// 4: Sindh.
    Sindh,
    /// 5: Balochistan.
    Balochistan,
    /// 6: Islamabad Capital Territory.
    Islamabad,
    /// 7: Gilgit-Baltistan.
    GilgitBaltistan,
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

    /// The stable snake-case name, as used by serde.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Cnic;
    /// assert_eq!(Cnic::parse("11101-1234567-1").unwrap().region().as_str(), "khyber_pakhtunkhwa");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            CnicRegion::KhyberPakhtunkhwa => "khyber_pakhtunkhwa",
            CnicRegion::Fata => "fata",
            CnicRegion::Punjab => "punjab",
            CnicRegion::Sindh => "sindh",
            CnicRegion::Balochistan => "balochistan",
            CnicRegion::Islamabad => "islamabad",
            CnicRegion::GilgitBaltistan => "gilgit_baltistan",
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

impl fmt::Display for CnicRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Gender as recorded on a CNIC. Serde uses `male` and `female`.
///
/// # Example
///
/// ```
/// use kmcore::{Cnic, Gender};
/// assert_eq!(Cnic::parse("4210112345678").unwrap().gender(), Gender::Female);
/// assert_eq!(Gender::Male.as_str(), "male");
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
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Male: odd last CNIC digit.
    Male,
    /// Female: even last CNIC digit (0 included).
    Female,
}

impl Gender {
    /// The stable snake-case name, as used by serde (also the `Display` text).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Gender;
    /// assert_eq!(Gender::Female.as_str(), "female");
    /// assert_eq!(Gender::Female.to_string(), "female");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------
// Mobile number
// ---------------------------------------------------------------------------

/// A Pakistani mobile number.
///
/// Spaces and hyphens are removed first; what is left must be `03` followed
/// by 9 digits, or `+923` followed by 9 digits. A trunk 0 after the country
/// code (`+9203…`) is refused, and so are other forms such as `0092…` or
/// `923…`. The normalised form is E.164, `+923001234567`, which is also the
/// `Display`, `Debug` and serde form.
///
/// # Example
///
/// ```
/// use kmcore::MobileNumber;
/// let m = MobileNumber::parse("0300-1234567").unwrap();
/// assert_eq!(m.normalized(), "+923001234567");
/// assert_eq!(m.national(), "03001234567");
/// assert_eq!(MobileNumber::parse("+92 333 1234567").unwrap().to_string(), "+923331234567");
/// assert!(MobileNumber::parse("0800-12345").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MobileNumber {
    /// The national significant number, `3` and nine digits, as ASCII.
    nsn: [u8; 10],
}

impl MobileNumber {
    /// Parses a mobile number as `03XXXXXXXXX` or `+923XXXXXXXXX`, with any
    /// spaces and hyphens.
    ///
    /// # Errors
    ///
    /// An `InvalidInput` error with code `identifier.mobile.shape` when the
    /// value, without spaces and hyphens, is neither form.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::MobileNumber;
    /// assert!(MobileNumber::parse("03551234567").is_ok());
    /// assert!(MobileNumber::parse("+92-300-1234567").is_ok());
    /// let err = MobileNumber::parse("+9203001234567").unwrap_err();
    /// assert_eq!(err.code(), "identifier.mobile.shape");
    /// ```
    pub fn parse(value: &str) -> Result<MobileNumber> {
        // The longest accepted form has 13 characters; stop on the 14th.
        let mut buf = [0u8; 14];
        let mut len = 0usize;
        for b in value.bytes().filter(|&b| b != b' ' && b != b'-') {
            match buf.get_mut(len) {
                Some(slot) => *slot = b,
                None => return Err(mobile_shape_error()),
            }
            len += 1;
        }
        let compact = buf.get(..len).unwrap_or_default();
        let nsn = match compact {
            [b'+', b'9', b'2', b'0', ..] => {
                return Err(KmError::invalid(
                    "identifier.mobile.shape",
                    "mobile number must not have a 0 after +92: write +923XXXXXXXXX or 03XXXXXXXXX",
                ));
            }
            [b'0', nsn @ ..] | [b'+', b'9', b'2', nsn @ ..] => nsn,
            _ => return Err(mobile_shape_error()),
        };
        if nsn.len() != 10 || nsn.first() != Some(&b'3') || !nsn.iter().all(u8::is_ascii_digit) {
            return Err(mobile_shape_error());
        }
        let mut out = [0u8; 10];
        out.iter_mut().zip(nsn).for_each(|(slot, &b)| *slot = b);
        Ok(MobileNumber { nsn: out })
    }

    /// The E.164 form, `+923XXXXXXXXX`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::MobileNumber;
    /// assert_eq!(MobileNumber::parse("0333 1234567").unwrap().normalized(), "+923331234567");
    /// ```
    pub fn normalized(&self) -> String {
        format!("+92{}", ascii(&self.nsn))
    }

    /// The national form with the trunk 0, `03XXXXXXXXX`.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::MobileNumber;
    /// assert_eq!(MobileNumber::parse("+923331234567").unwrap().national(), "03331234567");
    /// ```
    pub fn national(&self) -> String {
        format!("0{}", ascii(&self.nsn))
    }

    /// The network the number was first issued on, from its `03xx` prefix.
    ///
    /// Only a hint: since mobile number portability, a subscriber may have
    /// moved to another network and kept the number.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::MobileNumber;
    /// let m = MobileNumber::parse("03451234567").unwrap();
    /// assert_eq!(m.operator_hint().as_str(), "telenor");
    /// assert_eq!(MobileNumber::parse("03551234567").unwrap().operator_hint().as_str(), "sco");
    /// ```
    pub fn operator_hint(&self) -> MobileOperator {
        let [_, x, y, ..] = self.nsn;
        match (x, y) {
            (b'0' | b'2', _) => MobileOperator::Jazz,
            (b'1', _) | (b'7', b'0' | b'1') => MobileOperator::Zong,
            (b'3', _) => MobileOperator::Ufone,
            (b'4', _) => MobileOperator::Telenor,
            (b'5', b'5') => MobileOperator::Sco,
            _ => MobileOperator::Unknown,
        }
    }
}

fn mobile_shape_error() -> KmError {
    KmError::invalid(
        "identifier.mobile.shape",
        "mobile number must be 03 followed by 9 digits, or +923 followed by 9 digits",
    )
}

impl fmt::Display for MobileNumber {
    /// The E.164 form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+92{}", ascii(&self.nsn))
    }
}

impl fmt::Debug for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MobileNumber(+92{})", ascii(&self.nsn))
    }
}

impl FromStr for MobileNumber {
    type Err = KmError;

    fn from_str(s: &str) -> Result<MobileNumber> {
        MobileNumber::parse(s)
    }
}

impl serde::Serialize for MobileNumber {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.normalized())
    }
}

impl<'de> serde::Deserialize<'de> for MobileNumber {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<MobileNumber, D::Error> {
        let text = String::deserialize(deserializer)?;
        MobileNumber::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for MobileNumber {
    fn schema_name() -> Cow<'static, str> {
        "MobileNumber".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "kmcore::MobileNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Pakistani mobile number; serialised as E.164 +923XXXXXXXXX, read also as 03XXXXXXXXX with spaces or hyphens",
            "pattern": "^[ -]*(\\+[ -]*9[ -]*2[ -]*|0[ -]*)3([ -]*[0-9]){9}[ -]*$",
        })
    }
}

/// The mobile network suggested by a number's prefix. Serde uses the
/// snake-case names of [`MobileOperator::as_str`].
///
/// Only a hint: numbers can be ported between networks.
///
/// # Example
///
/// ```
/// use kmcore::MobileNumber;
/// let hint = MobileNumber::parse("03001234567").unwrap().operator_hint();
/// assert_eq!(hint.as_str(), "jazz");
/// assert_eq!(hint.to_string(), "Jazz");
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
#[serde(rename_all = "snake_case")]
pub enum MobileOperator {
    /// Jazz (Mobilink): 030x and 032x.
    Jazz,
    /// Zong: 031x, 0370 and 0371.
    Zong,
    /// Ufone: 033x.
    Ufone,
    /// Telenor: 034x.
    Telenor,
    /// SCO (Special Communications Organization): 0355.
    Sco,
    /// Any other prefix.
    Unknown,
}

impl MobileOperator {
    /// The stable snake-case name, as used by serde.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::MobileNumber;
    /// assert_eq!(MobileNumber::parse("03991234567").unwrap().operator_hint().as_str(), "unknown");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            MobileOperator::Jazz => "jazz",
            MobileOperator::Zong => "zong",
            MobileOperator::Ufone => "ufone",
            MobileOperator::Telenor => "telenor",
            MobileOperator::Sco => "sco",
            MobileOperator::Unknown => "unknown",
        }
    }

    /// The brand name, for people (also the `Display` text).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::MobileNumber;
    /// assert_eq!(MobileNumber::parse("03551234567").unwrap().operator_hint().name(), "SCO");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            MobileOperator::Jazz => "Jazz",
            MobileOperator::Zong => "Zong",
            MobileOperator::Ufone => "Ufone",
            MobileOperator::Telenor => "Telenor",
            MobileOperator::Sco => "SCO",
            MobileOperator::Unknown => "Unknown",
        }
    }
}

impl fmt::Display for MobileOperator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------
// Vehicle registration
// ---------------------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cnic_dashed_punjab_male() {
        let c = Cnic::parse("35202-1234567-1").unwrap();
        assert_eq!(c.gender(), Gender::Male);
        assert_eq!(c.region(), CnicRegion::Punjab);
        assert_eq!(c.normalized(), "35202-1234567-1");
        assert_eq!(c.expose(), "35202-1234567-1");
    }

    #[test]
    fn cnic_bare_sindh_female() {
        let c = Cnic::parse("4210112345678").unwrap();
        assert_eq!(c.gender(), Gender::Female);
        assert_eq!(c.region(), CnicRegion::Sindh);
        assert_eq!(c.normalized(), "42101-1234567-8");
        assert_eq!(c, "42101-1234567-8".parse::<Cnic>().unwrap());
    }

    #[test]
    fn cnic_gender_zero_is_female() {
        assert_eq!(
            Cnic::parse("3520212345670").unwrap().gender(),
            Gender::Female
        );
        for (last, g) in [
            ('1', Gender::Male),
            ('2', Gender::Female),
            ('3', Gender::Male),
            ('4', Gender::Female),
            ('5', Gender::Male),
            ('6', Gender::Female),
            ('7', Gender::Male),
            ('8', Gender::Female),
            ('9', Gender::Male),
        ] {
            let c = Cnic::parse(&format!("352021234567{last}")).unwrap();
            assert_eq!(c.gender(), g, "last digit {last}");
        }
    }

    #[test]
    fn cnic_every_region() {
        let expected = [
            CnicRegion::KhyberPakhtunkhwa,
            CnicRegion::Fata,
            CnicRegion::Punjab,
            CnicRegion::Sindh,
            CnicRegion::Balochistan,
            CnicRegion::Islamabad,
            CnicRegion::GilgitBaltistan,
        ];
        for (digit, region) in (1u8..=7).zip(expected) {
            let c = Cnic::parse(&format!("{digit}520212345671")).unwrap();
            assert_eq!(c.region(), region);
            assert_eq!(region.digit(), digit);
        }
        for bad in ['0', '8', '9'] {
            let err = Cnic::parse(&format!("{bad}5202-1234567-1")).unwrap_err();
            assert_eq!(err.code(), "identifier.cnic.region");
            assert!(err.is_invalid_input());
        }
    }

    #[test]
    fn cnic_shape_errors() {
        for bad in [
            "35202-123456-1",
            "3520A-1234567-1",
            "",
            "35202-1234567-1 ",
            " 35202-1234567-1",
            "3520-21234567-1",
            "35202-12345671-",
            "35202 1234567 1",
            "352021234567",
            "35202123456712",
            "35202-1234567-12",
            "352021234567-1",
            "35202-12345671",
            "35202--1234567-1",
            "-3520212345671",
            "３5202-1234567-1",
            "35202_1234567_1",
            "35202-1234567-a",
        ] {
            let err = Cnic::parse(bad).unwrap_err();
            assert_eq!(err.code(), "identifier.cnic.shape", "{bad:?}");
        }
    }

    #[test]
    fn cnic_errors_do_not_echo_input() {
        for bad in [
            "35202-987654-1",
            "85202-9876543-1",
            "3520298765432101",
            "3520A-9876543-1",
        ] {
            let err = Cnic::parse(bad).unwrap_err();
            assert!(!err.message().contains("5202"), "{}", err.message());
            assert!(!err.message().contains("987654"), "{}", err.message());
            assert!(!format!("{err:?}").contains("987654"));
        }
    }

    #[test]
    fn cnic_redaction() {
        let c = Cnic::parse("35202-1234567-1").unwrap();
        assert_eq!(c.to_string(), "35202-*******-1");
        assert_eq!(c.redacted(), "35202-*******-1");
        assert_eq!(format!("{c:?}"), "Cnic(35202-*******-1)");
        assert!(!format!("{:?}", Some(c)).contains("1234567"));
    }

    #[test]
    fn cnic_serde_round_trip() {
        let c = Cnic::parse("4210112345678").unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, "\"42101-1234567-8\"");
        let back: Cnic = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        let bare: Cnic = serde_json::from_str("\"4210112345678\"").unwrap();
        assert_eq!(bare, c);
        assert!(serde_json::from_str::<Cnic>("\"42101-123456-8\"").is_err());
        assert!(serde_json::from_str::<Cnic>("\"82101-1234567-8\"").is_err());
        assert!(serde_json::from_str::<Cnic>("4210112345678").is_err());
    }

    #[test]
    fn cnic_ordering_is_numeric() {
        let a = Cnic::parse("1000000000001").unwrap();
        let b = Cnic::parse("1000000000002").unwrap();
        assert!(a < b);
    }

    #[test]
    fn mobile_forms() {
        let m = MobileNumber::parse("0300-1234567").unwrap();
        assert_eq!(m.normalized(), "+923001234567");
        assert_eq!(m.to_string(), "+923001234567");
        assert_eq!(m.national(), "03001234567");
        assert_eq!(format!("{m:?}"), "MobileNumber(+923001234567)");
        assert_eq!(
            MobileNumber::parse("+92 333 1234567").unwrap().normalized(),
            "+923331234567"
        );
        assert_eq!(
            MobileNumber::parse("03551234567").unwrap().normalized(),
            "+923551234567"
        );
        assert_eq!(
            MobileNumber::parse("+92-300-123-4567").unwrap(),
            MobileNumber::parse("03001234567").unwrap()
        );
        assert_eq!(
            MobileNumber::parse(" 0300 1234567 ").unwrap().normalized(),
            "+923001234567"
        );
    }

    #[test]
    fn mobile_invalid() {
        for bad in [
            "0800-12345",
            "",
            "03",
            "0300123456",
            "030012345678",
            "+9203001234567",
            "+92 0300 1234567",
            "923001234567",
            "00923001234567",
            "+923001234567 8",
            "+92300123456",
            "0300-123456a",
            "04001234567",
            "+924001234567",
            "0300\t1234567",
            "0300.1234567",
            "+-",
            "٠٣٠٠١٢٣٤٥٦٧",
        ] {
            let err = MobileNumber::parse(bad).unwrap_err();
            assert_eq!(err.code(), "identifier.mobile.shape", "{bad:?}");
            assert!(err.message().contains("mobile"));
        }
    }

    #[test]
    fn mobile_operator_hints() {
        let hint = |s: &str| MobileNumber::parse(s).unwrap().operator_hint();
        assert_eq!(hint("03001234567"), MobileOperator::Jazz);
        assert_eq!(hint("03091234567"), MobileOperator::Jazz);
        assert_eq!(hint("03111234567"), MobileOperator::Zong);
        assert_eq!(hint("03211234567"), MobileOperator::Jazz);
        assert_eq!(hint("03331234567"), MobileOperator::Ufone);
        assert_eq!(hint("03451234567"), MobileOperator::Telenor);
        assert_eq!(hint("03551234567"), MobileOperator::Sco);
        assert_eq!(hint("03501234567"), MobileOperator::Unknown);
        assert_eq!(hint("03701234567"), MobileOperator::Zong);
        assert_eq!(hint("03711234567"), MobileOperator::Zong);
        assert_eq!(hint("03721234567"), MobileOperator::Unknown);
        assert_eq!(hint("03611234567"), MobileOperator::Unknown);
        assert_eq!(hint("03991234567"), MobileOperator::Unknown);
    }

    #[test]
    fn mobile_serde() {
        let m = MobileNumber::parse("0333 1234567").unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"+923331234567\"");
        assert_eq!(serde_json::from_str::<MobileNumber>(&json).unwrap(), m);
        assert_eq!(
            serde_json::from_str::<MobileNumber>("\"0333-1234567\"").unwrap(),
            m
        );
        assert!(serde_json::from_str::<MobileNumber>("\"0800-12345\"").is_err());
        assert_eq!(
            serde_json::to_string(&MobileOperator::Sco).unwrap(),
            "\"sco\""
        );
    }

    const PB: PlateScheme = PlateScheme::PbUniversal2017;
    const SD: PlateScheme = PlateScheme::Sd1996;
    const CAR: VehicleKind = VehicleKind::Car;
    const BIKE: VehicleKind = VehicleKind::Motorcycle;

    #[test]
    fn plates_valid() {
        let p = VehicleRegistration::parse("ABC-123", PB, CAR).unwrap();
        assert_eq!(p.normalized(), "ABC-123");
        assert_eq!(p.letters(), "ABC");
        assert_eq!(p.number(), 123);
        assert_eq!(p.scheme(), PB);
        assert_eq!(p.kind(), CAR);
        let p = VehicleRegistration::parse("BKR-452", SD, CAR).unwrap();
        assert_eq!(p.to_string(), "BKR-452");
        let p = VehicleRegistration::parse("bkr-452", SD, BIKE).unwrap();
        assert_eq!(p.to_string(), "BKR-452");
        let p = VehicleRegistration::parse("LeA-0001", PB, BIKE).unwrap();
        assert_eq!(p.to_string(), "LEA-0001");
        assert_eq!(p.number(), 1);
        assert_eq!(
            format!("{p:?}"),
            "VehicleRegistration(LEA-0001, pb_universal_2017, motorcycle)"
        );
        let p = VehicleRegistration::parse("ABC-007", PB, CAR).unwrap();
        assert_eq!(p.to_string(), "ABC-007");
        let p = VehicleRegistration::parse("ZZZ-9999", PB, BIKE).unwrap();
        assert_eq!(p.number(), 9999);
    }

    #[test]
    fn plates_letter_errors() {
        for bad in ["AIO-123", "AUK-123", "iab-123", "ABo-123", "UUU-123"] {
            let err = VehicleRegistration::parse(bad, PB, CAR).unwrap_err();
            assert_eq!(err.code(), "identifier.plate.letter", "{bad}");
            let err = VehicleRegistration::parse(bad, SD, CAR).unwrap_err();
            assert_eq!(err.code(), "identifier.plate.letter", "{bad}");
        }
    }

    #[test]
    fn plates_shape_errors() {
        let cases: [(&str, PlateScheme, VehicleKind); 16] = [
            ("ABC-1234", PB, CAR),
            ("ABC-123", PB, BIKE),
            ("ABC-1234", SD, BIKE),
            ("ABC-1234", SD, CAR),
            ("ABC 123", PB, CAR),
            ("ABC123", PB, CAR),
            (" ABC-123", PB, CAR),
            ("ABC-123 ", PB, CAR),
            ("AB-123", SD, CAR),
            ("ABCD-123", SD, CAR),
            ("AB1-123", SD, CAR),
            ("ABC-12A", SD, CAR),
            ("ABC-", SD, CAR),
            ("", SD, CAR),
            ("ÄBC-123", SD, CAR),
            ("ABC--123", SD, CAR),
        ];
        for (bad, scheme, kind) in cases {
            let err = VehicleRegistration::parse(bad, scheme, kind).unwrap_err();
            assert_eq!(err.code(), "identifier.plate.shape", "{bad:?}");
        }
    }

    #[test]
    fn plates_zero_number() {
        for (bad, scheme, kind) in [
            ("ABC-000", PB, CAR),
            ("ABC-0000", PB, BIKE),
            ("ABC-000", SD, BIKE),
        ] {
            let err = VehicleRegistration::parse(bad, scheme, kind).unwrap_err();
            assert_eq!(err.code(), "identifier.plate.number");
        }
    }

    #[test]
    fn scheme_and_kind_names() {
        for s in [PB, SD] {
            assert_eq!(s.as_str().parse::<PlateScheme>().unwrap(), s);
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for k in [CAR, BIKE] {
            assert_eq!(k.as_str().parse::<VehicleKind>().unwrap(), k);
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
        assert_eq!(
            "PB".parse::<PlateScheme>().unwrap_err().code(),
            "identifier.plate.scheme"
        );
        assert_eq!(
            "bus".parse::<VehicleKind>().unwrap_err().code(),
            "identifier.vehicle_kind"
        );
        let long = "x".repeat(1000);
        assert!(long.parse::<PlateScheme>().unwrap_err().message().len() < 200);
    }

    #[test]
    fn plate_serde() {
        let p = VehicleRegistration::parse("lea-0042", PB, BIKE).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"plate":"LEA-0042","scheme":"pb_universal_2017","kind":"motorcycle"}"#
        );
        assert_eq!(
            serde_json::from_str::<VehicleRegistration>(&json).unwrap(),
            p
        );
        assert!(
            serde_json::from_str::<VehicleRegistration>(
                r#"{"plate":"LEA-0042","scheme":"pb_universal_2017","kind":"car"}"#
            )
            .is_err()
        );
        assert!(
            serde_json::from_str::<VehicleRegistration>(
                r#"{"plate":"AIO-042","scheme":"sd_1996","kind":"car"}"#
            )
            .is_err()
        );
    }

    #[test]
    fn json_schemas_build() {
        let s = schemars::schema_for!(VehicleRegistration);
        let text = serde_json::to_string(&s).unwrap();
        assert!(text.contains("plate"));
        assert!(text.contains("pb_universal_2017"));
        let s = serde_json::to_string(&schemars::schema_for!(Cnic)).unwrap();
        assert!(s.contains("pattern"));
        let s = serde_json::to_string(&schemars::schema_for!(MobileNumber)).unwrap();
        assert!(s.contains("pattern"));
    }

    fn cnic_digits() -> impl Strategy<Value = String> {
        "[1-7][0-9]{12}"
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in "\\PC*") {
            let _ = Cnic::parse(&s);
            let _ = MobileNumber::parse(&s);
            for scheme in [PB, SD] {
                for kind in [CAR, BIKE] {
                    let _ = VehicleRegistration::parse(&s, scheme, kind);
                }
            }
        }

        #[test]
        fn parsers_never_panic_near_valid(s in "[0-9a-zA-Z+ \\-IOU]{0,18}") {
            let _ = Cnic::parse(&s);
            let _ = MobileNumber::parse(&s);
            for scheme in [PB, SD] {
                for kind in [CAR, BIKE] {
                    if let Ok(p) = VehicleRegistration::parse(&s, scheme, kind) {
                        prop_assert_eq!(p.normalized(), s.to_ascii_uppercase());
                    }
                }
            }
        }

        #[test]
        fn parsers_never_panic_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..20)) {
            let s = String::from_utf8_lossy(&bytes);
            let _ = Cnic::parse(&s);
            let _ = MobileNumber::parse(&s);
            let _ = VehicleRegistration::parse(&s, PB, BIKE);
        }

        #[test]
        fn cnic_dashed_and_bare_agree(d in cnic_digits()) {
            let dashed = format!("{}-{}-{}", &d[..5], &d[5..12], &d[12..]);
            let a = Cnic::parse(&d).unwrap();
            let b = Cnic::parse(&dashed).unwrap();
            prop_assert_eq!(a, b);
            prop_assert_eq!(a.normalized(), dashed.clone());
            prop_assert_eq!(Cnic::parse(&a.normalized()).unwrap(), a);
        }

        #[test]
        fn cnic_display_hides_middle(d in cnic_digits()) {
            let c = Cnic::parse(&d).unwrap();
            let middle = &d[5..12];
            prop_assert!(!c.to_string().contains(middle));
            let debug = format!("{c:?}");
            prop_assert!(!debug.contains(middle));
            let pretty = format!("{c:#?}");
            prop_assert!(!pretty.contains(middle));
            prop_assert!(!c.redacted().contains(middle));
        }

        #[test]
        fn mobile_round_trips(rest in "[0-9]{9}", sep in "[ -]?") {
            let national = format!("03{rest}");
            let spaced = format!("03{}{sep}{}", &rest[..2], &rest[2..]);
            let a = MobileNumber::parse(&national).unwrap();
            let b = MobileNumber::parse(&spaced).unwrap();
            let c = MobileNumber::parse(&format!("+923{rest}")).unwrap();
            prop_assert_eq!(a, b);
            prop_assert_eq!(a, c);
            prop_assert_eq!(MobileNumber::parse(&a.normalized()).unwrap(), a);
            prop_assert_eq!(a.national(), national);
        }
    }
}
