//! Log JSON: never a panic; a log that loads is written back byte for byte,
//! replays to the same application, and its SLA clock can be read.
#![no_main]

use kmcore::{Application, Catalogue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(cat) = Catalogue::embedded() else {
        return;
    };
    if let Ok(app) = Application::from_json(cat, text) {
        let written = app.to_json();
        if written != text {
            // Only a log written before heads were recorded (with events:
            // an empty one must have its head) is written back differently,
            // with its head added; that form loads to the same application.
            assert!(
                !text.contains("\"head\":") && !app.events().is_empty(),
                "a loaded log is written back exactly"
            );
            let reloaded = Application::from_json(cat, &written).expect("its own log loads");
            assert_eq!(reloaded, app);
        }
        app.verify().expect("a loaded log verifies");
        let again = Application::replay(
            cat,
            app.service(),
            app.jurisdiction(),
            app.id(),
            app.events(),
        )
        .expect("a loaded log replays");
        assert_eq!(again.events(), app.events());
        if let Some(last) = app.events().last() {
            let _ = app.sla(cat, last.at);
            let _ = app.time_in_states(last.at);
        }
        let _ = app.verify_seal(&kmcore::seal_public_key(&[0x42; 32]));
    }
});
