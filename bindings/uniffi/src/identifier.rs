//! Mirrors `kmcore::identifier`: CNIC, mobile number and vehicle plate
//! validation (shape only; the CNIC's middle digits are never decoded).

use crate::error::KmError;
use crate::mirror_enum;

mirror_enum! {
    /// Gender encoded by a CNIC's last digit (odd male, even female).
    pub enum Gender mirrors kmcore::Gender {
        /// Odd last digit.
        Male,
        /// Even last digit (0 included).
        Female,
    }
}

mirror_enum! {
    /// Region encoded by a CNIC's first digit.
    pub enum CnicRegion mirrors kmcore::CnicRegion {
        /// 1.
        KhyberPakhtunkhwa,
        /// 2 (merged into Khyber Pakhtunkhwa).
        Fata,
        /// 3.
        Punjab,
        /// 4.
        Sindh,
        /// 5.
        Balochistan,
        /// 6.
        Islamabad,
        /// 7.
        GilgitBaltistan,
    }
}

mirror_enum! {
    /// The network a mobile prefix was first allotted to (numbers are
    /// portable, so this is only a hint).
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

mirror_enum! {
    /// Plate numbering scheme a plate is checked against.
    pub enum PlateScheme mirrors kmcore::PlateScheme {
        /// `pb_universal_2017`: Punjab universal plates (3 digits for a car,
        /// 4 for a motorcycle).
        PbUniversal2017,
        /// `sd_1996`: Sindh series since 1996 (3 digits).
        Sd1996,
    }
}

mirror_enum! {
    /// Kind of vehicle.
    pub enum VehicleKind mirrors kmcore::VehicleKind {
        /// `car`.
        Car,
        /// `motorcycle`.
        Motorcycle,
    }
}

/// A valid CNIC. The whole number is in `normalized`; show `redacted` in
/// logs and screens that do not need it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Cnic {
    /// The dashed 5-7-1 form, `35202-1234567-1`.
    pub normalized: String,
    /// The middle block hidden, `35202-*******-1`.
    pub redacted: String,
    /// From the last digit.
    pub gender: Gender,
    /// From the first digit.
    pub region: CnicRegion,
    /// The region's English name.
    pub region_name: String,
}

/// A valid Pakistani mobile number.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct MobileNumber {
    /// E.164, `+923001234567`.
    pub normalized: String,
    /// National form, `03001234567`.
    pub national: String,
    /// The operator the prefix was allotted to.
    pub operator_hint: MobileOperator,
}

/// A valid vehicle registration plate.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct VehicleRegistration {
    /// Uppercase hyphenated form, `LEA-1234`.
    pub normalized: String,
    /// The three letters.
    pub letters: String,
    /// The number (1 to 9999).
    pub number: i32,
    /// The scheme it was checked against.
    pub scheme: PlateScheme,
    /// The kind of vehicle.
    pub kind: VehicleKind,
}

/// Validates a CNIC written `12345-1234567-1` or as 13 bare digits.
///
/// # Errors
///
/// `InvalidInput` with `identifier.cnic.shape` or `identifier.cnic.region`.
#[uniffi::export]
pub fn parse_cnic(value: String) -> Result<Cnic, KmError> {
    let cnic = kmcore::Cnic::parse(&value)?;
    Ok(Cnic {
        normalized: cnic.normalized(),
        redacted: cnic.redacted(),
        gender: cnic.gender().into(),
        region: cnic.region().into(),
        region_name: cnic.region().name().to_string(),
    })
}

/// Validates a mobile number written `03XXXXXXXXX` or `+923XXXXXXXXX`
/// (spaces and hyphens ignored).
///
/// # Errors
///
/// `InvalidInput` with `identifier.mobile.shape`.
#[uniffi::export]
pub fn parse_mobile(value: String) -> Result<MobileNumber, KmError> {
    let mobile = kmcore::MobileNumber::parse(&value)?;
    Ok(MobileNumber {
        normalized: mobile.normalized(),
        national: mobile.national(),
        operator_hint: mobile.operator_hint().into(),
    })
}

/// Validates a plate under a numbering scheme for a kind of vehicle.
///
/// # Errors
///
/// `InvalidInput` with `identifier.plate.shape`, `identifier.plate.letter`
/// or `identifier.plate.number`.
#[uniffi::export]
pub fn parse_plate(
    value: String,
    scheme: PlateScheme,
    kind: VehicleKind,
) -> Result<VehicleRegistration, KmError> {
    let plate = kmcore::VehicleRegistration::parse(&value, scheme.into(), kind.into())?;
    Ok(VehicleRegistration {
        normalized: plate.normalized(),
        letters: plate.letters().to_string(),
        number: i32::from(plate.number()),
        scheme: plate.scheme().into(),
        kind: plate.kind().into(),
    })
}
