//! The problems of scoring a plan and an activity, as `path: message`
//! lines, and the check that one is there (the validation tests' pair).

use incentive_widget::Engine;
use serde_json::Value;

/// The problems (path: message) of scoring `plan` and `activity`; none
/// when they load.
pub fn problems(plan: &Value, activity: &Value) -> Vec<String> {
    match Engine::from_json(&plan.to_string(), &activity.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect(),
    }
}

/// Fails unless a problem at exactly `path` says `words`.
pub fn has(found: &[String], path: &str, words: &str) {
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words)),
        "no problem at {path} saying \"{words}\" in {found:#?}"
    );
}
