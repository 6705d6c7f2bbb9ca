//! Live updates on a team: a member's deal moves their managers' override
//! and team statement, and the engine says so (the participants it
//! returns); the result is the same as loading the changed activity.

use crate::fixture_dirs;
use crate::fixtures::engine;
use incentive_widget::Engine;
use serde_json::{json, Value};

fn fresh(e: &Engine) -> Engine {
    let plan = fixture_dirs::text("teams", "two-levels", "plan.json");
    Engine::from_json(&plan, &serde_json::to_string(e.activity()).unwrap()).unwrap()
}

#[test]
fn a_members_deal_moves_every_manager_above_them() {
    let mut e = engine("two-levels");
    let before = e.team("dir-vi").unwrap();
    let deal = json!({ "id": "D9", "type": "new", "close_date": "2027-03-20", "amount": "50000",
                       "owners": [ { "participant": "rep-ben", "split": "1" } ] });
    let affected = e.upsert_deal(&deal).unwrap();
    assert_eq!(affected, ["dir-vi", "mgr-dee", "rep-ben"]);
    let after = e.team("dir-vi").unwrap();
    // Ben's row and Dee's (her override on Ben) move; Ada's and Cy's do not.
    let row = |t: &incentive_widget::engine::TeamStatement, id: &str| {
        t.members
            .iter()
            .find(|m| m.participant == id)
            .unwrap()
            .clone()
    };
    assert_eq!(row(&after, "rep-ben").earned.to_string(), "55000.00");
    // Dee: 8% of 50,000 + 5% of 5,000 more = 4,000 + 250.
    assert_eq!(row(&after, "mgr-dee").earned.to_string(), "106930.00");
    assert_eq!(row(&after, "rep-ada"), row(&before, "rep-ada"));
    assert_eq!(row(&after, "rep-cy"), row(&before, "rep-cy"));
    // Vi: 2% of Ben's 50,000 more.
    assert_eq!(
        e.statement("dir-vi").unwrap().earned.to_string(),
        "27160.00"
    );
    assert_eq!(after, fresh(&e).team("dir-vi").unwrap());
    let gone = e.remove_deal("D9").unwrap();
    assert_eq!(gone, ["dir-vi", "mgr-dee", "rep-ben"]);
    assert_eq!(e.team("dir-vi").unwrap(), before);
}

#[test]
fn a_deal_outside_any_team_moves_nobody_else() {
    let mut e = engine("at-target");
    let deal: Value = json!({ "id": "D9", "type": "new", "close_date": "2027-03-20", "amount": "1",
                              "owners": [ { "participant": "rep-hal", "split": "1" } ] });
    assert_eq!(e.upsert_deal(&deal).unwrap(), ["rep-hal"]);
}

#[test]
fn reaching_target_moves_the_team_bonus() {
    let mut e = engine("at-target");
    // Gus from 0.2 to exactly 1: 3 of 4 at target, 75% of 20,000.
    let deal = json!({ "id": "D9", "type": "new", "close_date": "2027-03-20", "amount": "400000",
                       "owners": [ { "participant": "rep-gus", "split": "1" } ] });
    assert_eq!(e.upsert_deal(&deal).unwrap(), ["mgr-dee", "rep-gus"]);
    let s = e.statement("mgr-dee").unwrap();
    assert_eq!(s.earned.to_string(), "15000.00");
    assert!(
        s.components[0].lines[0]
            .explain
            .contains("3 of 4 direct reports"),
        "{:?}",
        s.components[0]
    );
    assert_eq!(e.team("mgr-dee").unwrap().totals.at_target, 3);
}

/// Under a company goal with revenue summed from the deals, one rep's deal
/// moves everyone's company attainment: every team follows (nothing kept
/// from before the change).
#[test]
fn a_deal_that_moves_company_revenue_moves_every_team() {
    let plan = fixture_dirs::text("teams", "two-levels", "plan.json");
    let mut plan: Value = serde_json::from_str(&plan).unwrap();
    plan["company_goal"] = json!({ "target": "2000000" });
    plan["roles"][0]["components"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "kind": "modifier", "name": "Company", "measure": "company",
                      "bands": [ { "from": "0", "multiplier": "1" }, { "from": "0.6", "multiplier": "1.2" } ] }));
    let activity = fixture_dirs::text("teams", "two-levels", "activity.json");
    let mut e = Engine::from_json(&plan.to_string(), &activity).unwrap();
    let before = e.team("dir-vi").unwrap();
    // Company 1,308,000 of 2,000,000 (0.654): × 1.2 already; Cy's deal of
    // 1,000 more does not change the band, a removal of D2 does.
    e.remove_deal("D2").unwrap();
    let after = e.team("dir-vi").unwrap();
    let fresh = Engine::from_json(
        &plan.to_string(),
        &serde_json::to_string(e.activity()).unwrap(),
    )
    .unwrap();
    assert_eq!(after, fresh.team("dir-vi").unwrap());
    assert_ne!(after, before);
    // Cy owns nothing of D2, yet his earned moved (the company band fell).
    let cy = |t: &incentive_widget::engine::TeamStatement| {
        t.members
            .iter()
            .find(|m| m.participant == "rep-cy")
            .unwrap()
            .earned
    };
    assert_ne!(cy(&after), cy(&before));
}
