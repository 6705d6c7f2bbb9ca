//! The `incentive` command as finance runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn incentive(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incentive"))
        .args(args)
        .output()
        .unwrap()
}

fn fixture(name: &str, file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures")
        .join(name)
        .join(file)
        .display()
        .to_string()
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("incentive-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn score_one_participant() {
    let out = incentive(&[
        "score",
        "--plan",
        &fixture("capped-component", "plan.json"),
        "--activity",
        &fixture("capped-component", "activity.json"),
        "--participant",
        "rep-zoe",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["participant"], "rep-zoe");
    assert_eq!(v["earned"], "15500.00");
}

#[test]
fn unknown_participant_exits_2() {
    let out = incentive(&[
        "score",
        "--plan",
        &fixture("capped-component", "plan.json"),
        "--activity",
        &fixture("capped-component", "activity.json"),
        "--participant",
        "nobody",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("participant: \"nobody\""));
}

#[test]
fn problems_go_to_stderr_as_path_lines() {
    let plan = temp(
        "bad-plan.json",
        r#"{ "name": "x", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "roles": [ { "id": "ae", "name": "AE", "components": [ { "kind": "commission", "name": "C", "rate ": "0.1" } ] } ] }"#,
    );
    let out = incentive(&["validate", "--plan", &plan]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("plan.roles[0].components[0][\"rate \"]: unknown field")),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn unreadable_file_and_bad_json() {
    let out = incentive(&["validate", "--plan", "/nonexistent/plan.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("/nonexistent/plan.json: cannot read"));
    let bad = temp("broken.json", "{\n  \"name\": \"x\",\n  oops\n}");
    let out = incentive(&["validate", "--plan", &bad]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.json") && err.contains("line 3"),
        "{err}"
    );
}

#[test]
fn validate_ok() {
    let out = incentive(&[
        "validate",
        "--plan",
        &fixture("joint-company-goal", "plan.json"),
        "--activity",
        &fixture("joint-company-goal", "activity.json"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok:"));
}

#[test]
fn schema_is_derived_from_the_types() {
    let out = incentive(&["schema", "plan"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "incentive-plan/1");
    assert_eq!(v["additionalProperties"], false);
    let props = v["properties"].as_object().unwrap();
    for k in [
        "name",
        "currency",
        "period",
        "rounding",
        "currency_scale",
        "company_goal",
        "roles",
    ] {
        assert!(props.contains_key(k), "{k}");
    }
    let out = incentive(&["schema", "activity"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["properties"]["deals"].is_object());
    assert!(v.to_string().contains("lead_created"));
    assert_eq!(incentive(&["schema", "nope"]).status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(incentive(&[]).status.code(), Some(2));
    assert_eq!(incentive(&["score", "--plan"]).status.code(), Some(2));
    assert_eq!(incentive(&["score", "--bogus", "x"]).status.code(), Some(2));
    assert_eq!(incentive(&["frobnicate"]).status.code(), Some(2));
    assert!(incentive(&["--help"]).status.success());
}
