//! `verify` and `replay`: application logs read from files.

use std::collections::BTreeMap;
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

/// The offices' public keys by key id, from a JSON object of 64-digit hex
/// strings.
fn read_keys(path: &Path) -> Result<BTreeMap<String, [u8; 32]>, Failure> {
    let usage = |m: String| Failure::Usage(format!("{}: {m}", path.display()));
    let text = std::fs::read_to_string(path).map_err(|e| usage(e.to_string()))?;
    let hex: BTreeMap<String, String> = serde_json::from_str(&text)
        .map_err(|e| usage(format!("not a JSON object of key ids and hex keys: {e}")))?;
    hex.into_iter()
        .map(|(id, h)| match public_key(&h) {
            Some(key) => Ok((id, key)),
            None => Err(usage(format!(
                "the key of `{id}` is not 64 hex digits (an Ed25519 public key)"
            ))),
        })
        .collect()
}

/// 32 bytes from 64 hex digits.
fn public_key(hex: &str) -> Option<[u8; 32]> {
    let digits = hex.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (byte, pair) in key.iter_mut().zip(digits.chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(key)
}

/// Checks a log's seal against the key ring: the key id it names must be
/// listed and its signature must verify. Gives the line's ending, or the
/// failure as `code: message`.
fn check_seal(app: &Application, keys: &BTreeMap<String, [u8; 32]>) -> Result<String, String> {
    let Some(seal) = app.seal_info() else {
        return Err("seal.missing: the log has no seal; the key file asks for one".to_string());
    };
    let Some(key) = keys.get(&seal.key_id) else {
        return Err(format!(
            "seal.unknown_key: sealed by key `{}`, which the key file does not list",
            kmcore::excerpt(&seal.key_id)
        ));
    };
    app.verify_seal(key)
        .map_err(|e| format!("{}: {}", e.code(), e.message()))?;
    Ok(format!(", sealed by {}", seal.key_id))
}

/// `kmcore verify`: one line per log; exit status 1 if any fails.
pub(crate) fn verify(
    paths: &[PathBuf],
    bundle: Option<&Path>,
    keys: Option<&Path>,
) -> Result<(), Failure> {
    let cat = load_optional(bundle)?;
    let keys = keys.map(read_keys).transpose()?;
    let mut bad = 0usize;
    let logs = read_logs(paths)?;
    for (label, text) in &logs {
        let checked = open(&cat, text)
            .map_err(|e| format!("{}: {}", e.code(), e.message()))
            .and_then(|app| {
                let sealed = match &keys {
                    Some(keys) => check_seal(&app, keys)?,
                    None => String::new(),
                };
                Ok((app, sealed))
            });
        match checked {
            Ok((app, sealed)) => println!(
                "ok: {label}: {} {} in state {} ({} events{sealed})",
                app.service(),
                app.id(),
                app.state(),
                app.events().len()
            ),
            Err(failure) => {
                bad += 1;
                println!("{label}: {failure}");
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
