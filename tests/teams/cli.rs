//! `incentive score --team ID` and `incentive score --benchmarks`: what
//! finance and a portal run, the same figures as the library.

use crate::fixtures::engine;
use std::process::{Command, Output};

fn incentive(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incentive"))
        .args(args)
        .output()
        .unwrap()
}

fn files(name: &str) -> (String, String) {
    let dir = crate::fixture_dirs::dir("teams", name);
    let f = |x: &str| dir.join(x).display().to_string();
    (f("plan.json"), f("activity.json"))
}

#[test]
fn score_team_prints_the_team_statement() {
    let (plan, activity) = files("two-levels");
    let out = incentive(&[
        "score",
        "--plan",
        &plan,
        "--activity",
        &activity,
        "--team",
        "dir-vi",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let want = serde_json::to_value(engine("two-levels").team("dir-vi").unwrap()).unwrap();
    assert_eq!(v, want);
    assert_eq!(v["totals"]["earned"], "233480.00");
}

#[test]
fn score_team_of_an_unknown_participant_exits_2_and_team_takes_no_participant() {
    let (plan, activity) = files("two-levels");
    let out = incentive(&[
        "score",
        "--plan",
        &plan,
        "--activity",
        &activity,
        "--team",
        "nobody",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("participant: \"nobody\""));
    let out = incentive(&[
        "score",
        "--plan",
        &plan,
        "--activity",
        &activity,
        "--team",
        "dir-vi",
        "--participant",
        "rep-ada",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn score_benchmarks_prints_the_anonymous_benchmarks() {
    let (plan, activity) = files("at-target");
    let out = incentive(&[
        "score",
        "--plan",
        &plan,
        "--activity",
        &activity,
        "--benchmarks",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Five reps with a quota at 2 (Hal), 1.25, 1, 0.885 and 0.2: the top
    // quarter starts at the 2nd highest, the top half at the 3rd.
    assert_eq!(
        v,
        serde_json::json!({ "format": "incentive-benchmarks/1", "min_peers": 5, "roles": [
            { "role": "rep", "peers": 5, "top_quarter": "1.25", "top_half": "1" },
            { "role": "manager", "peers": 0, "top_quarter": null, "top_half": null } ] })
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for id in ["rep-", "mgr-", "Park", "Ortiz"] {
        assert!(!text.contains(id), "{id} in the benchmarks");
    }
}
