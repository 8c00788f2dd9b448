//! Identifiers, dates, instants and fact values parsed from text: never a
//! panic, and what parses writes back to something that parses the same.
#![no_main]

use kmcore::{
    AsOf, Cnic, FactKey, Facts, MobileNumber, PlateScheme, VehicleKind, VehicleRegistration,
    calendar,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = calendar::parse_date(text) {
        assert_eq!(calendar::parse_date(&d.to_string()).ok(), Some(d));
    }
    if let Ok(t) = calendar::parse_instant(text) {
        let again = calendar::parse_instant(&t.to_rfc3339()).expect("a parsed instant writes back");
        assert_eq!(again, t);
        let _ = calendar::pkt_date(&t);
    }
    if let Ok(as_of) = text.parse::<AsOf>() {
        let _ = as_of.date();
    }
    if let Ok(c) = Cnic::parse(text) {
        assert_eq!(Cnic::parse(&c.expose()).ok(), Some(c));
    }
    let _ = MobileNumber::parse(text);
    for scheme in [PlateScheme::PbUniversal2017, PlateScheme::Sd1996] {
        for kind in VehicleKind::ALL {
            let _ = VehicleRegistration::parse(text, scheme, *kind);
        }
    }
    // Every fact key from text, as the bindings set them.
    let mut facts = Facts::default();
    for key in FactKey::ALL {
        let _ = facts.set(key.as_str(), kmcore::FactValue::Text(text.to_string()));
    }
    if facts.validate().is_ok() {
        let json = serde_json::to_string(&facts).expect("facts serialise");
        assert_eq!(Facts::from_json(&json).ok(), Some(facts));
    }
});
