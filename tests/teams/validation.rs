//! Bad team input: every problem with its JSON path, nothing scored.

use crate::problems::{has, problems};
use serde_json::{json, Value};

fn plan(manager_components: Value) -> Value {
    json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-12-31" },
        "roles": [
            { "id": "rep", "name": "Rep", "components": [
                { "kind": "commission", "name": "Commission", "rate": "0.1" } ] },
            { "id": "mgr", "name": "Manager", "components": manager_components } ] })
}

fn override_of(extra: Value) -> Value {
    let mut o = json!({ "kind": "override", "name": "Override", "rate": "0.05" });
    o.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!([o])
}

fn people(managers: &[(&str, Option<&str>)]) -> Value {
    let list: Vec<Value> = managers
        .iter()
        .map(|(id, m)| {
            let mut p =
                json!({ "id": id, "role": if id.starts_with('m') { "mgr" } else { "rep" } });
            if let Some(m) = m {
                p["manager"] = json!(m);
            }
            p
        })
        .collect();
    json!({ "participants": list, "deals": [] })
}

#[test]
fn a_good_team_loads() {
    let found = problems(
        &plan(override_of(
            json!({ "depth": "all", "on": "earned_commission" }),
        )),
        &people(&[("m1", None), ("a", Some("m1")), ("b", Some("m1"))]),
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn an_unknown_manager_and_oneself_as_manager_are_refused_at_their_paths() {
    let found = problems(
        &plan(override_of(json!({}))),
        &people(&[("m1", None), ("a", Some("nobody")), ("b", Some("b"))]),
    );
    has(
        &found,
        "activity.participants[1].manager",
        "\"nobody\" is not a participant",
    );
    has(
        &found,
        "activity.participants[2].manager",
        "their own manager",
    );
}

#[test]
fn a_cycle_of_managers_is_one_problem_at_its_first_participant() {
    let found = problems(
        &plan(override_of(json!({}))),
        &people(&[
            ("a", Some("m2")),
            ("m1", Some("a")),
            ("m2", Some("m1")),
            ("b", Some("m1")),
        ]),
    );
    has(
        &found,
        "activity.participants[0].manager",
        "cycle (\"a\" → \"m2\" → \"m1\" → \"a\")",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn a_bad_override_is_refused_at_its_fields() {
    let o = override_of(json!({ "depth": 0, "on": "bookings", "rate": "-0.1", "cap": "5" }));
    let found = problems(&plan(o), &people(&[("m1", None)]));
    let at = "plan.roles[1].components[0]";
    has(&found, &format!("{at}.depth"), "from 1 (direct reports)");
    has(
        &found,
        &format!("{at}.on"),
        "\"credited_revenue\" or \"earned_commission\"",
    );
    has(&found, &format!("{at}.rate"), "");
    has(&found, &format!("{at}.cap"), "");
    let found = problems(
        &plan(override_of(json!({ "depth": "most" }))),
        &people(&[("m1", None)]),
    );
    has(&found, &format!("{at}.depth"), "\"most\" is not a depth");
}

#[test]
fn team_pay_in_a_plan_with_pay_periods_is_refused() {
    let mut p = plan(json!([
        { "kind": "override", "name": "Override", "rate": "0.05" },
        { "kind": "bonus", "name": "Team", "target": "100", "measure": "team_at_target",
          "curve": [ { "at": "1", "payout": "1" } ] } ]));
    p["period"]["pay_periods"] = json!("quarterly");
    let found = problems(&p, &people(&[("m1", None)]));
    has(&found, "plan.roles[1].components[0].kind", "pay_periods");
    has(&found, "plan.roles[1].components[1].measure", "pay_periods");
}

#[test]
fn bad_benchmarks_in_an_activity_are_refused_at_their_paths() {
    let mut a = people(&[("m1", None)]);
    a["benchmarks"] = json!({ "format": "incentive-benchmarks/9", "min_peers": 5,
        "roles": [ { "role": "rep", "peers": -1, "top_quarter": "high", "top_half": null, "rank": 1 } ] });
    let found = problems(&plan(override_of(json!({}))), &a);
    has(
        &found,
        "activity.benchmarks.format",
        "incentive-benchmarks/1",
    );
    has(&found, "activity.benchmarks.roles[0].peers", "whole number");
    has(&found, "activity.benchmarks.roles[0].top_quarter", "");
    has(&found, "activity.benchmarks.roles[0].rank", "");
}

/// Figures past 28 digits from absurd but valid input are an error naming
/// the participant, never a crash: an override's rate on a huge credit, and
/// the team's sums.
#[test]
fn an_override_past_28_digits_is_too_large_not_a_crash() {
    let plan = plan(override_of(json!({ "rate": "999999999999999" })));
    let mut a = people(&[("m1", None), ("a", Some("m1")), ("b", Some("m1"))]);
    a["deals"] = json!(["a", "b"]
        .iter()
        .enumerate()
        .map(|(i, who)| json!({
        "id": format!("D{i}"), "type": "new", "close_date": "2027-02-01",
        "amount": "999999999999999", "owners": [ { "participant": who, "split": "1" } ] }))
        .collect::<Vec<_>>());
    let e = incentive_widget::Engine::from_json(&plan.to_string(), &a.to_string()).unwrap();
    let err = e.statement("m1").unwrap_err();
    assert_eq!(err.code, incentive_widget::error::ErrorCode::TooLarge);
    assert_eq!(err.problems[0].path, "participant");
    assert!(e.team("m1").is_ok(), "the members' own figures fit");
}
