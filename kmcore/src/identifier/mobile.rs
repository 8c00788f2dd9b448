//! Pakistani mobile numbers.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{KmError, Result};
use crate::identifier::ascii;
use crate::named::named_enum;

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

named_enum! {
    /// The mobile network suggested by a number's prefix. Serde uses the
    /// snake-case names of [`MobileOperator::as_str`]; `Display` writes
    /// [`MobileOperator::name`].
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
    pub enum MobileOperator("mobile operator", "mobile_operator.unknown", display = name) {
        /// Jazz (Mobilink): 030x and 032x.
        Jazz = "jazz",
        /// Zong: 031x, 0370 and 0371.
        Zong = "zong",
        /// Ufone: 033x.
        Ufone = "ufone",
        /// Telenor: 034x.
        Telenor = "telenor",
        /// SCO (Special Communications Organization): 0355.
        Sco = "sco",
        /// Any other prefix.
        Unknown = "unknown",
    }
}

impl MobileOperator {
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
