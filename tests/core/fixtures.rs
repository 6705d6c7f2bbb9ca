//! Every fixture in ../shared/fixtures gives its expected statements, to the
//! cent: money fields equal as strings, ratios equal as numbers, `explain`
//! free. Through the library and through the `incentive` command.

use rust_decimal::Decimal;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const RATIOS: &[&str] = &["quota", "attainment", "company_attainment", "multiplier"];

pub fn fixture_dirs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").exists())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 6,
        "expected the six shared fixtures, found {}",
        dirs.len()
    );
    dirs
}

fn load(p: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

/// Compares `actual` with `expected` by the fixture rules; returns the first
/// difference as a path.
pub fn compare(actual: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            let mut keys: Vec<&String> = a.keys().chain(e.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                if k == "explain" {
                    continue;
                }
                let (Some(av), Some(ev)) = (a.get(k), e.get(k)) else {
                    return Err(format!("{path}.{k}: present on one side only"));
                };
                let p = format!("{path}.{k}");
                if RATIOS.contains(&k.as_str()) {
                    if let (Some(x), Some(y)) = (av.as_str(), ev.as_str()) {
                        let (x, y): (Decimal, Decimal) = (
                            x.parse().map_err(|_| p.clone())?,
                            y.parse().map_err(|_| p.clone())?,
                        );
                        if x != y {
                            return Err(format!("{p}: {x} != {y}"));
                        }
                        continue;
                    }
                }
                compare(av, ev, &p)?;
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() {
                return Err(format!("{path}: {} items, expected {}", a.len(), e.len()));
            }
            a.iter()
                .zip(e)
                .enumerate()
                .try_for_each(|(i, (x, y))| compare(x, y, &format!("{path}[{i}]")))
        }
        _ if actual == expected => Ok(()),
        _ => Err(format!("{path}: {actual} != {expected}")),
    }
}

#[test]
fn every_fixture_through_the_library() {
    for dir in fixture_dirs() {
        let plan = std::fs::read_to_string(dir.join("plan.json")).unwrap();
        let activity = std::fs::read_to_string(dir.join("activity.json")).unwrap();
        let statements = incentive_widget::score(&plan, &activity)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let actual = serde_json::to_value(&statements).unwrap();
        if let Err(d) = compare(&actual, &load(dir.join("expected.json")), "") {
            panic!("{}: {d}", dir.display());
        }
        // Every line explains itself.
        for s in &statements {
            for c in &s.components {
                for l in &c.lines {
                    assert!(
                        l.explain.len() > 20 && l.explain.contains(&crate_money(l.earned)),
                        "{}: no sentence: {:?}",
                        dir.display(),
                        l.explain
                    );
                }
            }
        }
    }
}

#[test]
fn every_fixture_through_the_cli() {
    for dir in fixture_dirs() {
        let out = Command::new(env!("CARGO_BIN_EXE_incentive"))
            .args(["score", "--plan"])
            .arg(dir.join("plan.json"))
            .arg("--activity")
            .arg(dir.join("activity.json"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let actual: Value = serde_json::from_slice(&out.stdout).unwrap();
        if let Err(d) = compare(&actual, &load(dir.join("expected.json")), "") {
            panic!("{}: {d}", dir.display());
        }
    }
}

#[test]
fn the_comparison_can_fail() {
    let e: Value = serde_json::json!([{ "earned": "1.00", "attainment": "1.1", "explain": "x" }]);
    assert!(compare(
        &serde_json::json!([{ "earned": "1.00", "attainment": "1.10", "explain": "y" }]),
        &e,
        ""
    )
    .is_ok());
    assert!(compare(
        &serde_json::json!([{ "earned": "1.0", "attainment": "1.1", "explain": "x" }]),
        &e,
        ""
    )
    .is_err());
    assert!(compare(
        &serde_json::json!([{ "earned": "1.00", "attainment": "1.2", "explain": "x" }]),
        &e,
        ""
    )
    .is_err());
    assert!(compare(
        &serde_json::json!([{ "earned": "1.00", "explain": "x" }]),
        &e,
        ""
    )
    .is_err());
}

/// A line's earned figure as its sentence shows it (grouped, absolute).
fn crate_money(d: rust_decimal::Decimal) -> String {
    incentive_widget::decimal::grouped(d.abs(), 2)
}
