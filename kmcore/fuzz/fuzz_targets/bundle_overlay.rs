//! Bundle and overlay loading from arbitrary text: never a panic; a loaded
//! overlay evaluates, and its digest does not depend on spacing.
#![no_main]

use kmcore::{Catalogue, Facts, Jurisdiction, Request, RuleBundle, ServiceId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(cat) = Catalogue::embedded() else {
        return;
    };
    if let Ok(bundle) = RuleBundle::from_json("fuzz.json", text) {
        assert!(!bundle.version().is_empty());
        if let Ok(c) = Catalogue::new(bundle) {
            let r = Request::on_date(
                ServiceId::LostReport,
                Jurisdiction::PB,
                chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap_or_default(),
                Facts::default(),
            );
            let _ = c.evaluate(&r);
        }
    }
    if let Ok(what_if) = cat.with_overlay("fuzz.json", text) {
        let pretty = serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok());
        if let Some(pretty) = pretty {
            let again = cat
                .with_overlay("fuzz.json", &pretty)
                .expect("same overlay, other spacing");
            assert_eq!(again.bundle().digest(), what_if.bundle().digest());
        }
        for service in ServiceId::ALL {
            for j in Jurisdiction::ALL {
                let r = Request::on_date(
                    *service,
                    *j,
                    chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
                    Facts::default(),
                );
                let _ = what_if.evaluate(&r);
            }
        }
    }
});
