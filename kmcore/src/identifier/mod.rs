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

mod cnic;
mod mobile;
mod plate;

pub use cnic::{Cnic, CnicRegion, Gender};
pub use mobile::{MobileNumber, MobileOperator};
pub use plate::{PlateScheme, VehicleKind, VehicleRegistration};

/// The bytes of an ASCII-only value as text.
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
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
