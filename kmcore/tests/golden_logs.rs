//! Golden logs: application logs written by an earlier version of the
//! library, one per service with a workflow, sealed with a test key. Every
//! later version must load them, verify their chain and seal, and replay
//! them to the same state and fee: a log recorded today stays checkable.
//!
//! The fixtures are written once and then never regenerated for a release
//! that keeps reading them; `KMCORE_GOLDEN_WRITE=1` writes them afresh (only
//! for a new fixture or a deliberate, documented format break).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Duration, FixedOffset};
use kmcore::{Actor, Application, AsOf, Catalogue, Facts, Jurisdiction, Request, ServiceId};

/// The test office key of the fixtures (never a real key).
const SECRET: [u8; 32] = [0x42; 32];
const KEY_ID: &str = "golden-test-office";

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The catalogue the fixtures are read with: the embedded bundle, plus
/// every bundle a fixture was recorded under, kept beside the fixtures in
/// `bundles/<version>/` exactly as it was then. An office keeps its old
/// bundles the same way, so a log recorded under a bundle the library no
/// longer embeds still verifies and replays.
fn catalogue() -> Catalogue {
    let mut cat = Catalogue::embedded().unwrap().clone();
    let mut versions: Vec<PathBuf> = std::fs::read_dir(dir().join("bundles"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    versions.sort();
    for folder in versions {
        let mut files: Vec<(String, String)> = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|e| {
                let name = e.file_name().into_string().unwrap();
                (name, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        // The main file first, as in the embedded bundle.
        files.sort_by_key(|(name, _)| (name != "main.json", name.clone()));
        let parts: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let old = kmcore::RuleBundle::from_json_parts(&parts)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        // Keep the embedded bundle current; the old one is held for replay.
        let current = cat.bundle().clone();
        cat = cat.with_bundle(old).unwrap().with_bundle(current).unwrap();
    }
    cat
}

/// Writes the embedded bundle's files into `bundles/<version>/`.
fn keep_embedded_bundle() {
    let version = Catalogue::embedded()
        .unwrap()
        .bundle()
        .version()
        .to_string();
    let folder = dir().join("bundles").join(&version);
    std::fs::create_dir_all(&folder).unwrap();
    for (name, text) in kmcore::EMBEDDED_BUNDLE_FILES {
        let name = name.rsplit('/').next().unwrap_or(name);
        std::fs::write(folder.join(name), text).unwrap();
    }
}

fn pkt(s: &str) -> DateTime<FixedOffset> {
    s.parse().unwrap()
}

/// An eligible request for `service` from the reference cases, if any.
fn seed(service: ServiceId) -> Option<(Jurisdiction, AsOf, Facts)> {
    let cases = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/cases");
    let cat = Catalogue::embedded().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(cases)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
    {
        let text = std::fs::read_to_string(path).ok()?;
        let cases: Vec<serde_json::Value> = serde_json::from_str(&text).ok()?;
        for case in cases {
            if case["service"].as_str() != Some(service.as_str()) {
                continue;
            }
            let (Some(j), Ok(as_of), Ok(facts)) = (
                case["jurisdiction"].as_str().and_then(|j| j.parse().ok()),
                case["as_of"].as_str().unwrap_or("").parse::<AsOf>(),
                serde_json::from_value::<Facts>(case["facts"].clone()),
            ) else {
                continue;
            };
            let r = Request {
                service,
                jurisdiction: j,
                as_of,
                facts: facts.clone(),
            };
            if cat.evaluate(&r).is_ok_and(|d| d.eligible()) {
                return Some((j, as_of, facts));
            }
        }
    }
    None
}

/// The facts of a service no reference case covers and whose submission
/// needs some, so that its log walks the workflow rather than stopping at
/// an undetermined submission.
fn facts_without_case(service: ServiceId) -> Facts {
    match service {
        ServiceId::LicenceRestoration => Facts {
            previous_restorations: Some(0),
            ..Facts::default()
        },
        _ => Facts::default(),
    }
}

/// Walks the workflow forward, preferring the first event in declaration
/// order that is accepted and is not a way out (refuse, withdraw...).
fn build(service: ServiceId) -> Application {
    let cat = Catalogue::embedded().unwrap();
    let info = cat.service(service);
    let (j, as_of, facts) = seed(service).unwrap_or((
        info.offered_in[0],
        AsOf::Date("2025-06-02".parse().unwrap()),
        facts_without_case(service),
    ));
    let mut at = match as_of {
        AsOf::Instant(t) => t,
        AsOf::Date(d) => pkt(&format!("{d}T10:00:00+05:00")),
    };
    let mut app = Application::new(cat, service, j, format!("G-{}", service.as_str())).unwrap();
    let table = cat.workflow(service).unwrap();
    let exits = [
        "refuse", "reject", "withdraw", "cancel", "expire", "fail", "lapse", "close",
    ];
    let mut facts = Some(facts);
    for _ in 0..16 {
        if app.is_terminal() {
            break;
        }
        let mut moved = false;
        for pass in 0..2 {
            for e in table.events() {
                let is_exit = exits.iter().any(|x| e.name.contains(x));
                if (pass == 0) == is_exit {
                    continue;
                }
                if app
                    .apply(cat, e.name, at, Actor::Clerk, facts.clone())
                    .is_ok()
                    || app.apply(cat, e.name, at, Actor::Clerk, None).is_ok()
                {
                    if app.events().len() == 1 {
                        facts = None;
                    }
                    moved = true;
                    break;
                }
            }
            if moved {
                break;
            }
        }
        if !moved {
            break;
        }
        at += Duration::hours(26);
    }
    app
}

#[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
struct Expected {
    state: String,
    events: usize,
    fee_paisa: Option<i64>,
}

fn expected_of(app: &Application) -> Expected {
    Expected {
        state: app.state().to_string(),
        events: app.events().len(),
        fee_paisa: app.events().iter().rev().find_map(|e| e.fee_paisa),
    }
}

fn services_with_workflows() -> Vec<ServiceId> {
    let cat = Catalogue::embedded().unwrap();
    ServiceId::ALL
        .iter()
        .copied()
        .filter(|s| cat.workflow(*s).is_some())
        .collect()
}

#[test]
fn golden_logs_load_verify_and_replay_to_the_same_state_and_fee() {
    let manifest_path = dir().join("expected.json");
    if std::env::var_os("KMCORE_GOLDEN_WRITE").is_some() {
        keep_embedded_bundle();
        let cat = Catalogue::embedded().unwrap();
        let mut manifest = BTreeMap::new();
        for service in services_with_workflows() {
            let mut app = build(service);
            app.seal(KEY_ID, &SECRET).unwrap();
            let name = format!("{}.json", service.as_str());
            std::fs::write(dir().join(&name), app.to_json() + "\n").unwrap();
            manifest.insert(name, expected_of(&app));
        }
        // A log with no events binds its header through its head.
        let mut empty =
            Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "G-empty").unwrap();
        empty.seal(KEY_ID, &SECRET).unwrap();
        std::fs::write(dir().join("empty.json"), empty.to_json() + "\n").unwrap();
        manifest.insert("empty.json".to_string(), expected_of(&empty));
        let text = serde_json::to_string_pretty(&manifest).unwrap() + "\n";
        std::fs::write(&manifest_path, text).unwrap();
    }
    let cat = &catalogue();
    let manifest: BTreeMap<String, Expected> =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let public = kmcore::seal_public_key(&SECRET);
    for service in services_with_workflows() {
        assert!(
            manifest.contains_key(&format!("{}.json", service.as_str())),
            "no golden log for {service}"
        );
    }
    for (name, expected) in &manifest {
        let text = std::fs::read_to_string(dir().join(name)).unwrap();
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let app = Application::from_json(cat, text).unwrap_or_else(|e| panic!("{name}: {e}"));
        app.verify().unwrap();
        app.verify_seal(&public)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let replayed = Application::replay(
            cat,
            app.service(),
            app.jurisdiction(),
            app.id(),
            app.events(),
        )
        .unwrap();
        assert_eq!(replayed.state(), app.state());
        assert_eq!(&expected_of(&replayed), expected, "{name}");
        assert_eq!(
            app.to_json(),
            text,
            "{name} is not written back byte for byte"
        );
    }
}

/// Every log of every service, the empty one included: changing any one
/// byte (to another byte that keeps the text UTF-8) is caught, by the
/// chain, the head or the seal. Optimised builds try every byte
/// (`cargo test --release`, as `bindings/scripts/test-all.sh` does); debug
/// builds every byte of the empty log and every fifth byte of the others.
#[test]
fn changing_any_byte_of_any_golden_log_is_caught() {
    let cat = &catalogue();
    let public = kmcore::seal_public_key(&SECRET);
    let mut names: Vec<_> = std::fs::read_dir(dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json") && n != "expected.json")
        .collect();
    names.sort();
    assert!(names.len() > 10);
    for name in names {
        let text = std::fs::read_to_string(dir().join(&name)).unwrap();
        let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
        let step = if cfg!(debug_assertions) && name != "empty.json" {
            5
        } else {
            1
        };
        for i in (0..text.len()).step_by(step) {
            let mut bytes = text.clone().into_bytes();
            // Flip the lowest bit: 'a' <-> '`', '0' <-> '1', '"' <-> '#'.
            bytes[i] ^= 1;
            let Ok(changed) = String::from_utf8(bytes) else {
                continue;
            };
            let caught = Application::from_json(cat, &changed)
                .and_then(|app| app.verify_seal(&public))
                .is_err();
            assert!(caught, "{name}: byte {i} changed went unnoticed");
        }
    }
}
