//! `check`, `diff` and `rules`: loading bundles and overlays from files and
//! printing their dated values.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kmcore::{Catalogue, DatedValue, Jurisdiction, KmError, RuleBundle, ServiceId};

use crate::Failure;

/// Why a bundle could not be had: its files could not be read, or kmcore
/// refused them.
pub(crate) enum LoadError {
    Io(String),
    Bundle(KmError),
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Io(m) => Failure::Usage(m),
            LoadError::Bundle(e) => {
                print_error(&e);
                Failure::Found
            }
        }
    }
}

/// Prints a bundle error as `file: path: code: message`.
fn print_error(e: &KmError) {
    println!(
        "{}: {}: {}: {}",
        e.file().unwrap_or("-"),
        e.path().unwrap_or("-"),
        e.code(),
        e.message()
    );
}

/// The files named: a folder stands for its `.json` files, in name order.
fn files(paths: &[PathBuf]) -> Result<Vec<(String, String)>, LoadError> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| LoadError::Io(format!("{}: {e}", path.display())))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            inside.sort();
            if inside.is_empty() {
                return Err(LoadError::Io(format!(
                    "{}: no .json files in the folder",
                    path.display()
                )));
            }
            for p in inside {
                out.push(read(&p)?);
            }
        } else {
            out.push(read(path)?);
        }
    }
    Ok(out)
}

fn read(path: &Path) -> Result<(String, String), LoadError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadError::Io(format!("{}: {e}", path.display())))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((name, text))
}

/// Whether a file is an overlay (it names the bundle it applies to).
fn is_overlay(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("overlay_of").cloned())
        .is_some()
}

/// A catalogue from bundle files or a folder (`embedded` for the built-in
/// bundle), or from one overlay file applied to `base`.
pub(crate) fn load(paths: &[PathBuf], base: Option<&Catalogue>) -> Result<Catalogue, LoadError> {
    if let [only] = paths
        && only.as_os_str() == "embedded"
        && !only.exists()
    {
        return Catalogue::embedded().cloned().map_err(LoadError::Bundle);
    }
    let parts = files(paths)?;
    if let [(name, text)] = parts.as_slice()
        && is_overlay(text)
    {
        let base = match base {
            Some(b) => b.clone(),
            None => Catalogue::embedded().cloned().map_err(LoadError::Bundle)?,
        };
        return base.with_overlay(name, text).map_err(LoadError::Bundle);
    }
    let refs: Vec<(&str, &str)> = parts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    RuleBundle::from_json_parts(&refs)
        .and_then(Catalogue::new)
        .map_err(LoadError::Bundle)
}

/// The catalogue of an optional `--bundle`, else the embedded one.
pub(crate) fn load_optional(bundle: Option<&Path>) -> Result<Catalogue, Failure> {
    match bundle {
        Some(p) => Ok(load(&[p.to_path_buf()], None)?),
        None => Catalogue::embedded()
            .cloned()
            .map_err(|e| Failure::Usage(e.to_string())),
    }
}

/// `kmcore check`.
pub(crate) fn check(paths: &[PathBuf], base: Option<&Path>) -> Result<(), Failure> {
    let base = match base {
        Some(b) => Some(load(&[b.to_path_buf()], None)?),
        None => None,
    };
    let cat = load(paths, base.as_ref())?;
    let b = cat.bundle();
    println!(
        "ok: bundle {} ({} dated values{})",
        b.version(),
        b.all_values().count(),
        b.overlay_of()
            .map(|o| format!(", overlay of {o}"))
            .unwrap_or_default()
    );
    Ok(())
}

/// A value as one line: `12500 rupees from 2025-01-07 to 2025-12-31 [confirmed] source`.
fn describe(v: &DatedValue) -> String {
    let to = v.to.map(|d| format!(" to {d}")).unwrap_or_default();
    format!(
        "{} {} from {}{} [{}] {}",
        v.amount,
        v.unit.as_str(),
        v.from,
        to,
        v.basis.as_str(),
        v.source
    )
}

type ValueKey = (String, &'static str, NaiveDate);

fn by_key(cat: &Catalogue) -> BTreeMap<ValueKey, DatedValue> {
    cat.bundle()
        .all_values()
        .map(|v| ((v.key.clone(), v.jurisdiction.as_str(), v.from), v.clone()))
        .collect()
}

/// `kmcore diff`: `-` a value only in the old bundle, `+` only in the new
/// one, `~` a value whose amount, end, basis or source changed.
pub(crate) fn diff(old: &Path, new: &Path) -> Result<(), Failure> {
    let old_cat = load(&[old.to_path_buf()], None)?;
    let new_cat = load(&[new.to_path_buf()], Some(&old_cat))?;
    let (a, b) = (by_key(&old_cat), by_key(&new_cat));
    let mut changes = 0usize;
    for (k, v) in &a {
        match b.get(k) {
            None => {
                changes += 1;
                println!("- {} {}: {}", k.0, k.1, describe(v));
            }
            Some(w) if w != v => {
                changes += 1;
                println!("~ {} {}: {}", k.0, k.1, describe(v));
                println!("  {} {}  -> {}", k.0, k.1, describe(w));
            }
            Some(_) => {}
        }
    }
    for (k, w) in &b {
        if !a.contains_key(k) {
            changes += 1;
            println!("+ {} {}: {}", k.0, k.1, describe(w));
        }
    }
    println!(
        "{changes} change(s) between {} and {}",
        old_cat.bundle().version(),
        new_cat.bundle().version()
    );
    if changes == 0 {
        Ok(())
    } else {
        Err(Failure::Found)
    }
}

/// `kmcore rules`.
pub(crate) fn rules(
    service: &str,
    jurisdiction: &str,
    date: &str,
    bundle: Option<&Path>,
) -> Result<(), Failure> {
    let service: ServiceId = service
        .parse()
        .map_err(|e: KmError| Failure::Usage(e.to_string()))?;
    let jurisdiction: Jurisdiction = jurisdiction
        .parse()
        .map_err(|e: KmError| Failure::Usage(e.to_string()))?;
    let date = kmcore::calendar::parse_date(date).map_err(|e| Failure::Usage(e.to_string()))?;
    let cat = load_optional(bundle)?;
    let prefix = format!("{}.", service.as_str());
    let mut shown = 0usize;
    println!(
        "{} in {} on {date} (bundle {}):",
        service.as_str(),
        jurisdiction.as_str(),
        cat.bundle().version()
    );
    for v in cat.bundle().all_values() {
        if v.key.starts_with(&prefix) && v.jurisdiction == jurisdiction && v.applies_on(date) {
            shown += 1;
            println!("  {}: {}", &v.key[prefix.len()..], describe(v));
        }
    }
    if shown == 0 {
        println!("  (no dated values)");
    }
    Ok(())
}
