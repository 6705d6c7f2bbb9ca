//! Helpers: score JSON documents, read money and ratios back.

use incentive_widget::{Engine, Error};
use serde_json::{json, Value};

pub fn score(plan: &Value, activity: &Value) -> Vec<Value> {
    match Engine::from_values(plan, activity) {
        Ok(e) => e
            .statements()
            .unwrap()
            .iter()
            .map(|s| s.to_json())
            .collect(),
        Err(e) => panic!("scoring failed:\n{e}"),
    }
}

pub fn errors(plan: &Value, activity: &Value) -> Error {
    match Engine::from_values(plan, activity) {
        Ok(_) => panic!("expected the input to be rejected"),
        Err(e) => e,
    }
}

/// The statement of `id`.
pub fn statement(plan: &Value, activity: &Value, id: &str) -> Value {
    score(plan, activity)
        .into_iter()
        .find(|s| s["participant"] == id)
        .expect("participant")
}

/// A plan with one role `ae` holding `components`.
pub fn plan_with(components: Value) -> Value {
    json!({
        "format": "incentive-plan/1",
        "name": "Test plan",
        "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "roles": [ { "id": "ae", "name": "AE", "components": components } ]
    })
}

/// An activity with one participant `rep` (role `ae`, quota 100,000) and `deals`.
pub fn activity_with(deals: Value) -> Value {
    json!({
        "participants": [ { "id": "rep", "role": "ae", "quota": "100000" } ],
        "deals": deals
    })
}

/// A deal owned wholly by `rep`.
pub fn deal(id: &str, close: &str, amount: &str) -> Value {
    json!({ "id": id, "type": "new", "close_date": close, "amount": amount,
            "owners": [ { "participant": "rep", "split": "1" } ] })
}

/// The lines of the first component, as (earned, payable) strings.
pub fn lines(s: &Value, component: usize) -> Vec<(String, String)> {
    s["components"][component]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["earned"].as_str().unwrap().to_string(),
                l["payable"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

pub fn str_of<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} missing in {v:#}"))
}

/// Every fixture directory with a plan and an activity: the shared ones,
/// then the plan-year ones, each in name order.
pub fn fixture_dirs() -> Vec<std::path::PathBuf> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for base in [
        root.join("../shared/fixtures"),
        root.join("tests/fixtures/plan-year"),
    ] {
        let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(&base)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("plan.json").exists() && p.join("activity.json").exists())
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}
