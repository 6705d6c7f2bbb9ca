//! Bad input: every problem at once, each with its JSON path; nothing half
//! applied.

use crate::common::*;
use incentive_widget::{Engine, ErrorCode};
use serde_json::json;

fn paths(e: &incentive_widget::Error) -> Vec<String> {
    e.problems.iter().map(|p| p.path.clone()).collect()
}

#[test]
fn a_typo_is_an_error_not_a_silent_zero() {
    let plan = plan_with(json!([ { "kind": "commission", "name": "C", "rate ": "0.1" } ]));
    let e = errors(&plan, &activity_with(json!([])));
    assert_eq!(e.code, ErrorCode::InvalidPlan);
    let p = e
        .problems
        .iter()
        .find(|p| p.path == "plan.roles[0].components[0][\"rate \"]")
        .expect("typo reported");
    assert!(p.message.contains("did you mean \"rate\""), "{}", p.message);
    // ...and the missing rate is reported too.
    assert!(
        paths(&e).contains(&"plan.roles[0].components[0].rate".to_string()),
        "{e}"
    );
}

#[test]
fn every_problem_at_once() {
    let plan = json!({
        "name": "Bad", "currency": "usd", "period": { "start": "2027-03-31", "end": "2027-01-01" },
        "currency_scale": 13,
        "roles": [ { "id": "ae", "name": "AE", "components": [
            { "kind": "commission", "name": "C", "rate": "0.1",
              "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "0" }, { "from": "1.5", "multiplier": "1" }, { "from": "1.0", "multiplier": "2" } ] },
              "payout": { "booked": "0.5" } },
            { "kind": "commission", "name": "C", "rate": 0.30000000000000004 },
            { "kind": "modifier", "name": "M", "measure": "company", "bands": [ { "from": "0.1", "multiplier": "1" } ], "applies_to": ["Nope"] },
            { "kind": "bogus", "name": "B" } ] } ]
    });
    let e = errors(&plan, &activity_with(json!([])));
    let got = paths(&e);
    for expected in [
        "plan.currency",
        "plan.period.end",
        "plan.currency_scale",
        "plan.roles[0].components[0].tiers.bands[2].from",
        "plan.roles[0].components[0].payout",
        "plan.roles[0].components[1].rate",
        "plan.roles[0].components[2].bands[0].from",
        "plan.roles[0].components[3].kind",
    ] {
        assert!(
            got.contains(&expected.to_string()),
            "missing {expected} in:\n{e}"
        );
    }
    let bands = e
        .problems
        .iter()
        .find(|p| p.path.ends_with("bands[2].from"))
        .unwrap();
    assert_eq!(bands.message, "bands must ascend (1.0 after 1.5)");
    let digits = e
        .problems
        .iter()
        .find(|p| p.path.ends_with("components[1].rate"))
        .unwrap();
    assert!(
        digits.message.contains("give it as a string"),
        "{}",
        digits.message
    );
}

#[test]
fn plan_cross_checks() {
    // A company measure without a company_goal; applies_to naming a missing
    // component; duplicate component names.
    let plan = plan_with(json!([
        { "kind": "commission", "name": "C", "rate": "0.1" },
        { "kind": "commission", "name": "C", "rate": "0.1" },
        { "kind": "modifier", "name": "M", "measure": "company", "bands": [ { "from": "0", "multiplier": "1" } ], "applies_to": ["Nope", "M"] }
    ]));
    let e = errors(&plan, &activity_with(json!([])));
    let got = paths(&e);
    for expected in [
        "plan.roles[0].components[1].name",
        "plan.roles[0].components[2].applies_to[0]",
        "plan.roles[0].components[2].applies_to[1]",
        "plan.roles[0].components[2].measure",
    ] {
        assert!(
            got.contains(&expected.to_string()),
            "missing {expected} in:\n{e}"
        );
    }
}

#[test]
fn activity_problems_with_paths() {
    let plan = plan_with(
        json!([ { "kind": "commission", "name": "C", "rate": "0.1", "basis": "margin",
        "tiers": { "mode": "retroactive", "bands": [ { "from": "0", "multiplier": "1" } ] } } ]),
    );
    let activity = json!({
        "participants": [ { "id": "rep", "role": "ae" }, { "id": "rep", "role": "nope", "quota": "10" } ],
        "deals": [
            { "id": "D1", "type": "new", "close_date": "2027-02-30", "amount": "-1", "owners": [ { "participant": "rep", "split": "0.5" } ] },
            { "id": "D2", "type": "upsell", "close_date": "2027-01-10", "amount": "5", "lines": [], "owners": [] },
            { "id": "D3", "type": "new", "close_date": "2027-01-10", "amount": "5", "owners": [ { "participant": "rep", "split": "1" } ],
              "touches": [ { "at": "yesterday", "marks": ["won"] } ] }
        ],
        "payments": [ { "participant": "ghost", "deal": "D9", "amount": "1" } ]
    });
    let e = errors(&plan, &activity);
    assert_eq!(e.code, ErrorCode::InvalidActivity);
    let got = paths(&e);
    for expected in [
        "activity.participants[1].id",
        "activity.deals[0].close_date",
        "activity.deals[0].amount",
        "activity.deals[0].owners",
        "activity.deals[1].type",
        "activity.deals[1].amount",
        "activity.deals[1].owners",
        "activity.deals[2].touches[0].at",
        "activity.deals[2].touches[0].marks[0]",
    ] {
        assert!(
            got.contains(&expected.to_string()),
            "missing {expected} in:\n{e}"
        );
    }
}

#[test]
fn activity_fits_the_plan() {
    // Unknown role, missing quota for a tiered role, a margin line without
    // cost, payments naming nobody. Unknown activity fields are ignored.
    let plan = plan_with(
        json!([ { "kind": "commission", "name": "C", "rate": "0.1", "basis": "margin",
        "tiers": { "mode": "retroactive", "bands": [ { "from": "0", "multiplier": "1" } ] } } ]),
    );
    let activity = json!({
        "crm_export_id": 7,
        "participants": [ { "id": "rep", "role": "ae", "hire_date": "2020-01-01" }, { "id": "x", "role": "nope" } ],
        "deals": [ { "id": "D1", "type": "new", "close_date": "2027-01-10", "amount": "5", "owners": [ { "participant": "rep", "split": "1" } ], "stage_name": "Won" } ],
        "payments": [ { "participant": "ghost", "deal": "D9", "amount": "1" } ]
    });
    let e = errors(&plan, &activity);
    let got = paths(&e);
    assert_eq!(
        got,
        vec![
            "activity.participants[0].quota",
            "activity.participants[1].role",
            "activity.payments[0].participant",
            "activity.payments[0].deal",
            "activity.deals[0].cost"
        ],
        "{e}"
    );
}

#[test]
fn no_partial_statement_on_bad_input() {
    let plan = plan_with(json!([ { "kind": "commission", "name": "C", "rate": "x" } ]));
    assert!(Engine::from_values(
        &plan,
        &activity_with(json!([deal("D1", "2027-01-10", "5")]))
    )
    .is_err());
}

#[test]
fn bad_json_says_where() {
    let e = Engine::from_json("{\"name\": ", "{}").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidJson);
    assert!(e.problems[0].message.contains("line 1"), "{e}");
}

#[test]
fn live_updates_are_checked_and_atomic() {
    let plan = plan_with(json!([ { "kind": "commission", "name": "C", "rate": "0.1" } ]));
    let mut e = Engine::from_values(
        &plan,
        &activity_with(json!([deal("D1", "2027-01-10", "1000")])),
    )
    .unwrap();
    let before = e.statements();
    let err = e.upsert_deal(&json!({ "id": "D1", "type": "new", "close_date": "2027-01-10", "amount": "oops", "owners": [] })).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidActivity);
    assert!(
        err.problems.iter().any(|p| p.path == "deal.amount"),
        "{err}"
    );
    assert_eq!(e.statements(), before, "a rejected deal changes nothing");
    assert_eq!(
        e.remove_deal("nope").unwrap_err().code,
        ErrorCode::UnknownDeal
    );
    assert_eq!(
        e.statement("nobody").unwrap_err().code,
        ErrorCode::UnknownParticipant
    );
    // A good upsert replaces the deal: 2,000 × 10% = 200.00.
    let affected = e.upsert_deal(&deal("D1", "2027-01-10", "2000")).unwrap();
    assert_eq!(affected, vec!["rep".to_string()]);
    assert_eq!(e.statement("rep").unwrap().earned.to_string(), "200.00");
    e.remove_deal("D1").unwrap();
    assert_eq!(e.statement("rep").unwrap().earned.to_string(), "0.00");
}

#[test]
fn a_deal_needs_a_line() {
    // `lines: []` would leave a what-if `set_amount` with no line to edit
    // (an index out of bounds): it is refused where it is read.
    let plan = plan_with(json!([ { "kind": "commission", "name": "C", "rate": "0.1" } ]));
    let activity = activity_with(
        json!([ { "id": "D1", "type": "new", "close_date": "2027-01-10", "lines": [],
        "owners": [ { "participant": "rep", "split": "1" } ] } ]),
    );
    let e = errors(&plan, &activity);
    assert_eq!(e.problems[0].path, "activity.deals[0].lines");
    assert!(e.problems[0].message.contains("at least one line"), "{e}");
}

#[test]
fn a_bad_split_is_said_once_not_as_no_owner() {
    // One owner with split 2: the split is wrong; the deal has an owner.
    let plan = plan_with(json!([ { "kind": "commission", "name": "C", "rate": "0.1" } ]));
    let activity = activity_with(
        json!([ { "id": "D1", "type": "new", "close_date": "2027-01-10",
        "amount": "100", "owners": [ { "participant": "rep", "split": "2" } ] } ]),
    );
    let e = errors(&plan, &activity);
    let said: Vec<String> = e
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect();
    assert_eq!(
        said,
        ["activity.deals[0].owners[0].split: must be between 0 and 1 (2)"]
    );
    // No owners at all is still said.
    let none = activity_with(
        json!([ { "id": "D1", "type": "new", "close_date": "2027-01-10",
        "amount": "100", "owners": [] } ]),
    );
    let e = errors(&plan, &none);
    assert!(
        e.problems
            .iter()
            .any(|p| p.message == "needs at least one owner"),
        "{e}"
    );
}

#[test]
fn the_schema_takes_what_the_reader_takes() {
    // Signed exponents ("1e-3") read as decimals, so the schema's decimal
    // pattern allows them; currency_scale stops at 12, as the reader does.
    let s = serde_json::to_string(&incentive_widget::schema::plan()).unwrap();
    assert!(!s.contains(r#"([eE]\\d+)?$"#), "the narrow pattern is gone");
    assert!(s.contains(r#"([eE][+-]?\\d+)?$"#));
    let plan = incentive_widget::schema::plan();
    let scale = &plan["properties"]["currency_scale"];
    assert_eq!(scale["maximum"], json!(12), "{scale}");
    let mut p = plan_with(json!([ { "kind": "commission", "name": "C", "rate": "1e-1" } ]));
    p["currency_scale"] = json!(2);
    let s = statement(
        &p,
        &activity_with(json!([deal("D1", "2027-01-10", "1000")])),
        "rep",
    );
    assert_eq!(str_of(&s, "/earned"), "100.00");
}

#[test]
fn the_published_schemas_are_the_generated_ones_and_the_samples_name_them() {
    // docs/schema/*.schema.json are what `incentive schema` prints (refresh:
    // `incentive schema plan > docs/schema/plan.schema.json`, and activity),
    // and the sample plan and activity carry `$schema`, which scores nothing.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(p)).unwrap()).unwrap()
    };
    assert_eq!(
        read("docs/schema/plan.schema.json"),
        incentive_widget::schema::plan()
    );
    assert_eq!(
        read("docs/schema/activity.schema.json"),
        incentive_widget::schema::activity()
    );
    let plan = read("www/sample/plan.json");
    let activity = read("www/sample/activity.json");
    assert_eq!(plan["$schema"], json!("../../docs/schema/plan.schema.json"));
    assert_eq!(
        activity["$schema"],
        json!("../../docs/schema/activity.schema.json")
    );
    let with = statement(&plan, &activity, "rep-ada");
    let mut bare = plan.clone();
    bare.as_object_mut().unwrap().remove("$schema");
    assert_eq!(statement(&bare, &activity, "rep-ada"), with);
    // Only a string names a schema.
    let mut odd = plan.clone();
    odd["$schema"] = json!(3);
    assert!(errors(&odd, &activity)
        .problems
        .iter()
        .any(|p| p.path == r#"plan["$schema"]"#));
}
