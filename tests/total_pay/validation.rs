//! Bad total-pay input: every problem with its JSON path, nothing scored.

use crate::problems::{has, problems};
use serde_json::{json, Value};

fn plan(components: Value) -> Value {
    json!({ "name": "P", "currency": "USD",
            "period": { "start": "2027-01-01", "end": "2027-12-31", "pay_periods": "monthly" },
            "roles": [ { "id": "rep", "name": "Rep", "components": components } ] })
}

fn commission() -> Value {
    json!({ "kind": "commission", "name": "Commission", "rate": "0.1" })
}

fn salary() -> Value {
    json!({ "kind": "fixed", "name": "Salary", "amount": "60000", "per": "year" })
}

fn activity(extra: Value) -> Value {
    let mut a = json!({ "participants": [ { "id": "a", "role": "rep" } ],
        "deals": [ { "id": "D-1", "type": "new", "close_date": "2027-02-10", "amount": "1000",
                     "owners": [ { "participant": "a", "split": "1" } ] } ] });
    a.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    a
}

#[test]
fn an_adjustment_for_an_unknown_participant_or_period() {
    let a = activity(json!({ "adjustments": [
        { "id": "x", "participant": "nobody", "amount": "10", "reason": "Fix" },
        { "id": "y", "participant": "a", "amount": "10", "reason": "Fix", "deal": "D-9", "period": "2027-13" },
        { "id": "y", "participant": "a", "amount": "10", "reason": "Fix" } ] }));
    let found = problems(&plan(json!([commission()])), &a);
    has(&found, "activity.adjustments[2].id", "adjustment id");
    let a = activity(json!({ "adjustments": [
        { "id": "x", "participant": "nobody", "amount": "10", "reason": "Fix" },
        { "id": "y", "participant": "a", "amount": "10", "reason": "Fix", "deal": "D-9", "period": "2027-13" } ] }));
    let found = problems(&plan(json!([commission()])), &a);
    has(
        &found,
        "activity.adjustments[0].participant",
        "\"nobody\" is not a participant",
    );
    // A deal of an earlier period (not in this activity) is named, not refused.
    assert!(!found.iter().any(|p| p.contains(".deal")), "{found:#?}");
    has(
        &found,
        "activity.adjustments[1].period",
        "\"2027-13\" is not a pay period of the plan (\"2027-01\",",
    );
}

#[test]
fn an_adjustment_needs_a_reason_and_an_amount() {
    let a = activity(json!({ "adjustments": [
        { "id": "y", "participant": "a", "amount": "10", "reason": "  " },
        { "id": "z", "participant": "a", "amount": "ten", "reason": "Fix" },
        { "participant": "a", "amount": "1", "reason": "Fix", "extra": true } ] }));
    let found = problems(&plan(json!([commission()])), &a);
    has(&found, "activity.adjustments[0].reason", "must say why");
    has(
        &found,
        "activity.adjustments[1].amount",
        "not a decimal number",
    );
    has(&found, "activity.adjustments[2].id", "");
    has(&found, "activity.adjustments[2].extra", "");
}

#[test]
fn an_adjustment_with_more_decimals_than_the_currency() {
    let a = activity(json!({ "adjustments": [
        { "id": "x", "participant": "a", "amount": "10.001", "reason": "Fix" } ] }));
    let found = problems(&plan(json!([commission()])), &a);
    has(
        &found,
        "activity.adjustments[0].amount",
        "more decimals than the currency scale (2)",
    );
}

#[test]
fn a_draw_on_a_component_that_does_not_exist() {
    let draw = json!({ "kind": "draw", "name": "Draw", "amount": "1500", "recoverable": true,
                       "applies_to": ["Commission", "Comission", "Salary"] });
    let found = problems(
        &plan(json!([salary(), commission(), draw])),
        &activity(json!({})),
    );
    has(
        &found,
        "plan.roles[0].components[2].applies_to[1]",
        "\"Comission\" is not a component of this role",
    );
    has(
        &found,
        "plan.roles[0].components[2].applies_to[2]",
        "\"Salary\" is not variable pay",
    );
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn a_draw_needs_its_amount_and_to_say_if_it_is_recoverable() {
    let draws = json!([
        commission(),
        { "kind": "draw", "name": "D1", "amount": "0", "recoverable": "yes" },
        { "kind": "draw", "name": "D2", "amount": "100", "recoverable": false, "until": "2027-02-30" } ]);
    let found = problems(&plan(draws), &activity(json!({})));
    has(&found, "plan.roles[0].components[1].amount", "");
    has(
        &found,
        "plan.roles[0].components[1].recoverable",
        "must be true",
    );
    has(&found, "plan.roles[0].components[2].until", "");
}

#[test]
fn a_draw_that_covers_nothing() {
    let draw = json!({ "kind": "draw", "name": "Draw", "amount": "1500", "recoverable": true, "applies_to": [] });
    let found = problems(&plan(json!([commission(), draw])), &activity(json!({})));
    has(
        &found,
        "plan.roles[0].components[1].applies_to",
        "names no component",
    );
}

#[test]
fn a_role_has_at_most_one_draw() {
    let d = |n: &str| json!({ "kind": "draw", "name": n, "amount": "100", "recoverable": true });
    let found = problems(
        &plan(json!([commission(), d("A"), d("B")])),
        &activity(json!({})),
    );
    has(
        &found,
        "plan.roles[0].components[2].kind",
        "at most one draw",
    );
}

#[test]
fn a_fixed_component_needs_per_and_money() {
    let bad = json!([
        { "kind": "fixed", "name": "Salary", "amount": "-1", "per": "month" },
        { "kind": "fixed", "name": "Car", "amount": "1.005", "per": "year" },
        { "kind": "fixed", "name": "Phone", "amount": "50", "per": "year", "unknown": 1 } ]);
    let found = problems(&plan(bad), &activity(json!({})));
    has(&found, "plan.roles[0].components[0].amount", "");
    has(
        &found,
        "plan.roles[0].components[0].per",
        "must be \"year\", \"plan_period\" or \"pay_period\"",
    );
    has(
        &found,
        "plan.roles[0].components[1].amount",
        "more decimals than the currency scale",
    );
    has(&found, "plan.roles[0].components[2].unknown", "");
}

#[test]
fn a_start_date_after_the_end_date() {
    let a = json!({ "participants": [ { "id": "a", "role": "rep",
                    "start_date": "2027-05-01", "end_date": "2027-04-30" } ] });
    let found = problems(&plan(json!([salary()])), &a);
    has(
        &found,
        "activity.participants[0].start_date",
        "2027-05-01 is after the end date 2027-04-30",
    );
}

#[test]
fn a_modifier_does_not_apply_to_fixed_pay_and_paths_count_every_component() {
    let modifier = json!({ "kind": "modifier", "name": "M", "measure": "company",
                           "bands": [ { "from": "0", "multiplier": "1" } ], "applies_to": ["Salary"] });
    let found = problems(
        &plan(json!([salary(), commission(), modifier])),
        &activity(json!({})),
    );
    // Written third, after a fixed component: its path is components[2].
    has(
        &found,
        "plan.roles[0].components[2].applies_to[0]",
        "\"Salary\" is not variable pay",
    );
    has(
        &found,
        "plan.roles[0].components[2].measure",
        "no company_goal",
    );
}

#[test]
fn an_unknown_kind_names_every_kind() {
    let found = problems(
        &plan(json!([ { "kind": "salary", "name": "S" } ])),
        &activity(json!({})),
    );
    has(
        &found,
        "plan.roles[0].components[0].kind",
        "\"fixed\" or \"draw\"",
    );
}
