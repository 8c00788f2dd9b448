//! `verify` and `replay`: application logs read from files.

use std::path::{Path, PathBuf};

use chrono::DateTime;
use kmcore::{Application, Catalogue};

use crate::Failure;
use crate::bundles::load_optional;

/// The logs in the files, each with a label naming where it came from: a
/// `.jsonl` file holds one log a line (`file:line`), any other file one.
fn read_logs(paths: &[PathBuf]) -> Result<Vec<(String, String)>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
        if path.extension().is_some_and(|x| x == "jsonl") {
            for (i, line) in text.lines().enumerate() {
                if !line.trim().is_empty() {
                    out.push((format!("{}:{}", path.display(), i + 1), line.to_string()));
                }
            }
        } else {
            out.push((path.display().to_string(), text));
        }
    }
    Ok(out)
}

/// A log read back, its chain verified.
fn open(cat: &Catalogue, text: &str) -> Result<Application, kmcore::KmError> {
    let app = Application::from_json(cat, text)?;
    app.verify()?;
    Ok(app)
}

/// `kmcore verify`: one line per log; exit status 1 if any fails.
pub(crate) fn verify(paths: &[PathBuf], bundle: Option<&Path>) -> Result<(), Failure> {
    let cat = load_optional(bundle)?;
    let mut bad = 0usize;
    let logs = read_logs(paths)?;
    for (label, text) in &logs {
        match open(&cat, text) {
            Ok(app) => println!(
                "ok: {label}: {} {} in state {} ({} events)",
                app.service(),
                app.id(),
                app.state(),
                app.events().len()
            ),
            Err(e) => {
                bad += 1;
                println!("{label}: {}: {}", e.code(), e.message());
            }
        }
    }
    println!("{} verified, {bad} failed", logs.len() - bad);
    if bad == 0 {
        Ok(())
    } else {
        Err(Failure::Found)
    }
}

/// `kmcore replay`: one JSON line per log with its state and SLA clock;
/// exit status 1 if any log cannot be replayed.
pub(crate) fn replay(paths: &[PathBuf], now: &str, bundle: Option<&Path>) -> Result<(), Failure> {
    let now = DateTime::parse_from_rfc3339(now)
        .map_err(|e| Failure::Usage(format!("--now `{now}` is not an RFC 3339 instant: {e}")))?;
    let cat = load_optional(bundle)?;
    let mut bad = 0usize;
    for (label, text) in read_logs(paths)? {
        let line = match open(&cat, &text).and_then(|app| Ok((app.sla(&cat, now)?, app))) {
            Ok((sla, app)) => serde_json::json!({
                "log": label,
                "application_id": app.id(),
                "service": app.service().as_str(),
                "jurisdiction": app.jurisdiction().as_str(),
                "state": app.state(),
                "events": app.events().len(),
                "clock": sla.clock.as_str(),
                "target_working_days": sla.target_working_days,
                "elapsed_working_days": sla.elapsed_working_days,
                "paused_working_days": sla.paused_working_days,
                "due": sla.due.map(|d| d.to_string()),
                "breached": sla.breached,
            }),
            Err(e) => {
                bad += 1;
                serde_json::json!({"log": label, "error": format!("{}: {}", e.code(), e.message())})
            }
        };
        println!("{line}");
    }
    if bad == 0 {
        Ok(())
    } else {
        Err(Failure::Found)
    }
}
