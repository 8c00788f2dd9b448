//! The `kmcore` binary end to end: each command run as a process, its exit
//! status and output checked.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{ArrayRef, BooleanArray, Date32Array, RecordBatch, StringArray};
use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId, seal_public_key};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn kmcore(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kmcore"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn bundle_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kmcore/data/bundle")
}

const OVERLAY: &str = r#"{
  "format_version": 1,
  "bundle_version": "lp-1000",
  "title": "learner permit Rs 1,000 in Punjab",
  "overlay_of": "BASE",
  "parameters": {
    "driving_licence.learner_permit": {
      "fee.motorcycle": {"PB": [{"effective_from": "2027-01-01", "rupees": 1000,
                                  "source": "what-if", "basis": "uncertain"}]}
    }
  }
}"#;

fn overlay(dir: &Path) -> PathBuf {
    let base = Catalogue::embedded()
        .unwrap()
        .bundle()
        .version()
        .to_string();
    let path = dir.join("what-if.json");
    std::fs::write(&path, OVERLAY.replace("BASE", &base)).unwrap();
    path
}

#[test]
fn check_accepts_the_embedded_bundle_folder_and_an_overlay() {
    let o = kmcore(&["check", bundle_dir().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("ok: bundle "));
    let dir = tempfile::tempdir().unwrap();
    let o = kmcore(&["check", overlay(dir.path()).to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("overlay of"));
}

#[test]
fn check_names_the_file_the_path_and_the_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format_version": 1, "bundle_version": "t-1", "title": "t", "parameters":
            {"driving_licence.learner_permit": {"fee.motorcycle": {"PB": [
              {"effective_from": "2024-01-16", "rupees": -5, "source": "x", "basis": "confirmed"}]}}}}"#,
    )
    .unwrap();
    let o = kmcore(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "bad.json: parameters.driving_licence.learner_permit.fee.motorcycle.PB[0].rupees: "
        ),
        "{out}"
    );
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let o = kmcore(&["check", "no/such/bundle.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: no/such/bundle.json"));
    assert_eq!(kmcore(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn diff_lists_each_changed_value_with_dates_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let same = kmcore(&["diff", "embedded", bundle_dir().to_str().unwrap()]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    assert!(stdout(&same).contains("0 change(s)"));
    let o = kmcore(&["diff", "embedded", overlay(dir.path()).to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("+ driving_licence.learner_permit.fee.motorcycle PB: 1000 rupees from 2027-01-01 [uncertain] what-if"),
        "{out}"
    );
    // The value before it now ends the day before.
    assert!(
        out.contains(
            "~ driving_licence.learner_permit.fee.motorcycle PB: 500 rupees from 2024-01-16 ["
        ),
        "{out}"
    );
    assert!(out.contains("to 2026-12-31"), "{out}");
}

#[test]
fn rules_prints_the_values_in_force() {
    let o = kmcore(&[
        "rules",
        "--service",
        "driving_licence.learner_permit",
        "--jurisdiction",
        "PB",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("  fee.motorcycle: 500 rupees from 2024-01-16 [confirmed] https://")
    );
    let bad = kmcore(&[
        "rules",
        "--service",
        "nope",
        "--jurisdiction",
        "PB",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

fn applications() -> RecordBatch {
    let ids: ArrayRef = Arc::new(StringArray::from(vec!["a", "b", "c", "d"]));
    let service: ArrayRef = Arc::new(StringArray::from(vec![
        "driving_licence.learner_permit",
        "driving_licence.learner_permit",
        "character_certificate.issue",
        "no.such_service",
    ]));
    let jurisdiction: ArrayRef = Arc::new(StringArray::from(vec!["PB", "PB", "KP", "PB"]));
    let day = |y, m, d| {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
            .num_days() as i32
    };
    let as_of: ArrayRef = Arc::new(Date32Array::from(vec![
        day(2026, 3, 1),
        day(2026, 2, 28),
        day(2025, 5, 1),
        day(2026, 3, 1),
    ]));
    let category: ArrayRef = Arc::new(StringArray::from(vec![
        Some("motorcycle"),
        Some("motor_car"),
        None,
        None,
    ]));
    let born = day(2008, 2, 29);
    let dob: ArrayRef = Arc::new(Date32Array::from(vec![Some(born), Some(born), None, None]));
    let cnic: ArrayRef = Arc::new(BooleanArray::from(vec![
        Some(true),
        Some(false),
        Some(true),
        None,
    ]));
    let purpose: ArrayRef = Arc::new(StringArray::from(vec![None, None, Some("overseas"), None]));
    RecordBatch::try_from_iter([
        ("id", ids),
        ("service", service),
        ("jurisdiction", jurisdiction),
        ("as_of", as_of),
        ("category", category),
        ("date_of_birth", dob),
        ("has_valid_cnic", cnic),
        ("purpose", purpose),
    ])
    .unwrap()
}

/// A small Parquet file, read back in one batch (the reader's default
/// batch holds 1,024 rows).
fn read_parquet(path: &Path) -> RecordBatch {
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    assert_eq!(batches.len(), 1);
    batches.remove(0)
}

#[test]
fn evaluate_a_parquet_file_into_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("apps.parquet");
    let batch = applications();
    let mut w = ArrowWriter::try_new(File::create(&input).unwrap(), batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let output = dir.path().join("answers.parquet");
    let o = kmcore(&[
        "evaluate",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--keep",
        "id",
        "--batch-rows",
        "4",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout(&o).starts_with("4 rows: 2 eligible, 0 undetermined, 1 with errors -> "),
        "{}",
        stdout(&o)
    );
    let out = read_parquet(&output);
    let schema = out.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "row",
            "eligible",
            "fee_paisa",
            "fee_status",
            "reasons",
            "missing_documents",
            "error"
        ]
    );
    let fee = out.column(3).as_primitive::<Int64Type>();
    assert_eq!(
        fee.iter().collect::<Vec<_>>(),
        [Some(50_000), None, Some(300_000), None]
    );
    let eligible = out.column(2).as_boolean();
    assert_eq!(
        eligible.iter().collect::<Vec<_>>(),
        [Some(true), Some(false), Some(true), None]
    );
    let error = out.column(7).as_string::<i32>();
    assert!(error.value(3).starts_with("service.unknown: "));
}

#[test]
fn evaluate_a_csv_file_in_several_batches() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("apps.csv");
    std::fs::write(
        &input,
        "id,service,jurisdiction,as_of,category,date_of_birth,has_valid_cnic\n\
         a,driving_licence.learner_permit,PB,2026-03-01,motorcycle,2008-02-29,true\n\
         b,driving_licence.learner_permit,PB,2026-02-28,motor_car,2008-02-29,false\n\
         c,driving_licence.learner_permit,ICT,2026-03-01,ltv,,true\n",
    )
    .unwrap();
    let output = dir.path().join("answers.parquet");
    let o = kmcore(&[
        "evaluate",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
        "--keep",
        "id",
        "--batch-rows",
        "2",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        // Row c has no date of birth: undetermined, not an error.
        stdout(&o).starts_with("3 rows: 1 eligible, 1 undetermined, 0 with errors"),
        "{}",
        stdout(&o)
    );
    let out = read_parquet(&output);
    let rows = out.column(1).as_primitive::<Int64Type>();
    assert_eq!(rows.values().to_vec(), [0, 1, 2]);
}

#[test]
fn evaluate_rejects_an_unknown_column() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("apps.csv");
    std::fs::write(
        &input,
        "service,jurisdiction,as_of,colour\nx,PB,2026-01-01,red\n",
    )
    .unwrap();
    let output = dir.path().join("out.parquet");
    let o = kmcore(&[
        "evaluate",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("input.unknown_column: column `colour`"));
}

/// A lost-report log with one event (submitted on 1 May 2025).
fn log(id: &str) -> String {
    let cat = Catalogue::embedded().unwrap();
    let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, id).unwrap();
    let at = "2025-05-01T09:00:00+05:00".parse().unwrap();
    app.apply(cat, "submit", at, Actor::Citizen, None).unwrap();
    app.to_json()
}

#[test]
fn verify_and_replay_application_logs() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, log("LR-1")).unwrap();
    let many = dir.path().join("many.jsonl");
    std::fs::write(&many, format!("{}\n{}\n", log("LR-2"), log("LR-3"))).unwrap();
    let o = kmcore(&["verify", good.to_str().unwrap(), many.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with("3 verified, 0 failed\n"),
        "{}",
        stdout(&o)
    );

    let tampered = dir.path().join("tampered.json");
    let text = log("LR-4").replace("\"LR-4\"", "\"LR-5\"");
    std::fs::write(&tampered, text).unwrap();
    let o = kmcore(&["verify", good.to_str().unwrap(), tampered.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with("1 verified, 1 failed\n"),
        "{}",
        stdout(&o)
    );

    let o = kmcore(&[
        "replay",
        many.to_str().unwrap(),
        "--now",
        "2026-07-01T12:00:00+05:00",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["application_id"], "LR-2");
    assert_eq!(lines[0]["service"], "lost_report.file");
    assert_eq!(lines[0]["events"], 1);
    assert!(lines[0]["state"].is_string() && lines[0]["clock"].is_string());
    let o = kmcore(&["replay", good.to_str().unwrap(), "--now", "yesterday"]);
    assert_eq!(o.status.code(), Some(2));
}

/// `{"key id": "hex"}` for the public keys of these secret keys.
fn key_file(dir: &Path, keys: &[(&str, [u8; 32])]) -> PathBuf {
    let ring: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|(id, secret)| {
            let hex: String = seal_public_key(secret)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (id.to_string(), serde_json::Value::String(hex))
        })
        .collect();
    let path = dir.join("keys.json");
    std::fs::write(&path, serde_json::Value::Object(ring).to_string()).unwrap();
    path
}

/// A lost-report log sealed by `key_id` with `secret`.
fn sealed_log(id: &str, key_id: &str, secret: &[u8; 32]) -> String {
    let cat = Catalogue::embedded().unwrap();
    let mut app = Application::from_json(cat, &log(id)).unwrap();
    app.seal(key_id, secret).unwrap();
    app.to_json()
}

#[test]
fn verify_checks_seals_against_a_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let office = [7u8; 32];
    let keys = key_file(dir.path(), &[("PB-LHR-2026-1", office)]);
    let keys = keys.to_str().unwrap();
    let sealed = dir.path().join("sealed.json");
    std::fs::write(&sealed, sealed_log("LR-1", "PB-LHR-2026-1", &office)).unwrap();
    let o = kmcore(&["verify", sealed.to_str().unwrap(), "--keys", keys]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("sealed by PB-LHR-2026-1"),
        "{}",
        stdout(&o)
    );

    // Unsealed, sealed by a key the file does not list, sealed by a key
    // that is listed under another's id (a forged seal): each fails.
    let unsealed = dir.path().join("unsealed.json");
    std::fs::write(&unsealed, log("LR-2")).unwrap();
    let stranger = dir.path().join("stranger.json");
    std::fs::write(&stranger, sealed_log("LR-3", "KP-PSH-1", &[9u8; 32])).unwrap();
    let forged = dir.path().join("forged.json");
    std::fs::write(&forged, sealed_log("LR-4", "PB-LHR-2026-1", &[9u8; 32])).unwrap();
    let o = kmcore(&[
        "verify",
        sealed.to_str().unwrap(),
        unsealed.to_str().unwrap(),
        stranger.to_str().unwrap(),
        forged.to_str().unwrap(),
        "--keys",
        keys,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("unsealed.json: seal.missing"), "{out}");
    assert!(out.contains("stranger.json: seal.unknown_key"), "{out}");
    assert!(out.contains("forged.json: log.seal"), "{out}");
    assert!(out.ends_with("1 verified, 3 failed\n"), "{out}");

    // Without --keys the seals are not asked for.
    let o = kmcore(&[
        "verify",
        unsealed.to_str().unwrap(),
        forged.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    // A key file that is not one is a usage error.
    let bad = dir.path().join("bad-keys.json");
    std::fs::write(&bad, r#"{"PB-LHR-2026-1": "not hex"}"#).unwrap();
    let o = kmcore(&[
        "verify",
        sealed.to_str().unwrap(),
        "--keys",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not 64 hex digits"));
}
