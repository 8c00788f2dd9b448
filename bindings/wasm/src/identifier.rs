//! Mirrors `kmcore::identifier`: CNIC, mobile number and vehicle plate
//! validation (shape only; a CNIC's middle digits are never decoded).

use serde::Serialize;
use tsify::Tsify;

use crate::error::KmError;
use crate::mirror_enum;

mirror_enum! {
    /// Gender encoded by a CNIC's last digit (odd male, even female).
    #[serde(rename_all = "snake_case")]
    pub enum Gender mirrors kmcore::Gender {
        /// Odd last digit.
        Male,
        /// Even last digit (0 included).
        Female,
    }
}

mirror_enum! {
    /// The network a mobile prefix was first allotted to (only a hint:
    /// numbers are portable).
    #[serde(rename_all = "snake_case")]
    pub enum MobileOperator mirrors kmcore::MobileOperator {
        /// 030x, 032x.
        Jazz,
        /// 031x, 0370, 0371.
        Zong,
        /// 033x.
        Ufone,
        /// 034x.
        Telenor,
        /// 0355.
        Sco,
        /// Any other prefix.
        Unknown,
    }
}

/// A valid CNIC.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Cnic {
    /// The dashed 5-7-1 form, `35202-1234567-1`.
    pub normalized: String,
    /// The form with the middle block hidden, for logs and screens.
    pub redacted: String,
    /// Gender encoded by the last digit.
    pub gender: Gender,
    /// The region of the first digit, as its stable name.
    pub region: String,
}

/// Validates a CNIC (`DDDDD-DDDDDDD-D` or 13 digits).
///
/// # Errors
///
/// `invalid_input` with a code naming what is wrong.
pub fn parse_cnic(value: &str) -> Result<Cnic, KmError> {
    let cnic = kmcore::Cnic::parse(value)?;
    Ok(Cnic {
        normalized: cnic.normalized(),
        redacted: cnic.redacted(),
        gender: cnic.gender().into(),
        region: cnic.region().as_str().to_string(),
    })
}

/// A valid Pakistani mobile number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MobileNumber {
    /// E.164, `+923001234567`.
    pub normalized: String,
    /// National form, `03001234567`.
    pub national: String,
    /// The network the prefix was first allotted to.
    pub operator_hint: MobileOperator,
}

/// Validates a mobile number (`03` or `+923` and 9 digits; spaces and
/// hyphens are ignored).
///
/// # Errors
///
/// `invalid_input` with a code naming what is wrong.
pub fn parse_mobile(value: &str) -> Result<MobileNumber, KmError> {
    let m = kmcore::MobileNumber::parse(value)?;
    Ok(MobileNumber {
        normalized: m.normalized(),
        national: m.national(),
        operator_hint: m.operator_hint().into(),
    })
}

/// A valid vehicle plate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct VehicleRegistration {
    /// The uppercase hyphenated form, `LEA-1234`.
    pub normalized: String,
}

/// Validates a plate under a scheme (`pb_universal_2017`, `sd_1996`) for a
/// vehicle kind (`car`, `motorcycle`).
///
/// # Errors
///
/// `invalid_input` for an unknown scheme or kind, or with a code
/// naming what is wrong with the plate.
pub fn parse_plate(value: &str, scheme: &str, kind: &str) -> Result<VehicleRegistration, KmError> {
    let scheme: kmcore::PlateScheme = scheme.parse()?;
    let kind: kmcore::VehicleKind = kind.parse()?;
    let plate = kmcore::VehicleRegistration::parse(value, scheme, kind)?;
    Ok(VehicleRegistration {
        normalized: plate.normalized(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        let cnic = parse_cnic("3520212345671").unwrap();
        assert_eq!(cnic.normalized, "35202-1234567-1");
        assert_eq!(cnic.gender, Gender::Male);
        assert!(!cnic.redacted.contains("1234567"));
        assert!(parse_cnic("35202-1234567").is_err());
        assert_eq!(
            parse_mobile("0300 1234567").unwrap().normalized,
            "+923001234567"
        );
        assert!(parse_mobile("+9203001234567").is_err());
        assert_eq!(
            parse_plate("lea-123", "pb_universal_2017", "car")
                .unwrap()
                .normalized,
            "LEA-123"
        );
        assert_eq!(
            parse_plate("LEA-123", "nowhere", "car").unwrap_err().code,
            "identifier.plate.scheme"
        );
    }
}
