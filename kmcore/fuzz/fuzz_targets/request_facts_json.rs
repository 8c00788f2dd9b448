//! Request and facts JSON: never a panic; facts round-trip exactly; a
//! request that parses evaluates (or fails with a typed error), and its
//! document list is produced.
#![no_main]

use kmcore::{Catalogue, Facts, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(cat) = Catalogue::embedded() else {
        return;
    };
    if let Ok(facts) = Facts::from_json(text) {
        let json = serde_json::to_string(&facts).expect("facts serialise");
        assert_eq!(Facts::from_json(&json).ok(), Some(facts));
    }
    if let Ok(request) = serde_json::from_str::<Request>(text) {
        let _ = cat.documents(&request);
        if let Ok(decision) = cat.evaluate(&request) {
            for check in decision.checks() {
                let _ = cat.message(check, kmcore::Lang::En);
                let _ = cat.message(check, kmcore::Lang::Ur);
            }
            if let Some(fee) = decision.fee_due() {
                assert!(!fee.is_negative());
            }
        }
        let json = serde_json::to_string(&request).expect("requests serialise");
        let again: Request = serde_json::from_str(&json).expect("a written request reads back");
        assert_eq!(again, request);
    }
});
