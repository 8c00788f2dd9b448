//! The core's modules form layers (DESIGN.md, "Layers"): no module uses one
//! above it. This test reads the sources and fails on an import that points
//! up, so the layering cannot erode unnoticed.

use std::path::{Path, PathBuf};

/// Each top-level module's layer; a module may use its own layer and the
/// ones below (smaller numbers).
const LAYERS: &[(&str, u8)] = &[
    ("error", 1),
    ("digest", 1),
    ("limits", 1),
    ("named", 1),
    ("money", 1),
    ("format", 1),
    ("jurisdiction", 1),
    ("calendar", 1),
    ("identifier", 1),
    ("facts", 1),
    ("reason", 1),
    ("service", 1),
    ("workflow", 1),
    ("bundle", 2),
    ("decision", 3),
    ("rules", 4),
    ("services", 5),
    ("catalogue", 6),
    ("application", 7),
    ("batch", 7),
];

/// Types the crate root re-exports, by the module that defines them, for
/// paths written `crate::Type`.
const ROOT_TYPES: &[(&str, &str)] = &[
    ("Catalogue", "catalogue"),
    ("Application", "application"),
    ("Decision", "decision"),
    ("Request", "decision"),
    ("RuleBundle", "bundle"),
];

/// Files compiled for tests only (declared under `#[cfg(test)]`).
const TEST_ONLY: &[&str] = &["services/testing.rs"];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules a source text names through `crate::`, outside comments and
/// the test module at its end.
fn used_modules(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut used = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if let Some((_, module)) = ROOT_TYPES.iter().find(|(t, _)| *t == name) {
                used.push((*module).to_string());
            } else if layer(&name).is_some() {
                used.push(name);
            }
        }
    }
    used
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 40, "only {} source files found", files.len());
    let mut upward = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .expect("a file name");
        if top == "lib" || TEST_ONLY.iter().any(|t| relative == Path::new(t)) {
            continue;
        }
        let own = layer(&top).unwrap_or_else(|| panic!("{top} has no layer in LAYERS"));
        let text = std::fs::read_to_string(file).expect("read source");
        for used in used_modules(&text) {
            let theirs = layer(&used).unwrap_or(0);
            if theirs > own {
                upward.push(format!(
                    "{} (layer {own}) uses {used} (layer {theirs})",
                    relative.display()
                ));
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(
        upward.is_empty(),
        "imports pointing up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_check_sees_an_upward_import() {
    let text = "use crate::catalogue::Catalogue;\nfn f(_: &crate::Application) {}\n";
    assert_eq!(used_modules(text), ["catalogue", "application"]);
    // Comments and the test module do not count.
    let text = "// crate::batch\n#[cfg(test)]\nmod tests { use crate::batch; }\n";
    assert!(used_modules(text).is_empty());
}
