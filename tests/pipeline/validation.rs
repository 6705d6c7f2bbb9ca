//! Bad pipeline input: every problem with its JSON path, nothing scored.

use crate::problems::{has, problems};
use serde_json::{json, Value};

fn plan(extra: Value) -> Value {
    let mut p = json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-12-31" },
        "roles": [
            { "id": "rep", "name": "Rep", "components": [
                { "kind": "commission", "name": "Commission", "rate": "0.1" },
                { "kind": "modifier", "name": "Response", "measure": { "metric": "speed_to_lead" },
                  "bands": [ { "from": "0", "multiplier": "1" } ] } ] },
            { "id": "mkt", "name": "Marketer", "components": [
                { "kind": "bonus", "name": "Team", "target": "100", "measure": { "metric": "team_alignment_stage" },
                  "curve": [ { "at": "1", "payout": "1" } ] } ] } ] });
    p.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    p
}

fn lead(id: &str) -> Value {
    json!({ "id": id, "campaign": "c", "created_at": "2027-02-01T09:00:00Z", "created_by": "m",
            "routed_to": "a", "routed_at": "2027-02-01T10:00:00Z",
            "attempts": [ { "at": "2027-02-01T11:00:00Z", "channel": "call" } ], "status": "open" })
}

fn activity(leads: Vec<Value>) -> Value {
    json!({ "participants": [ { "id": "a", "role": "rep" }, { "id": "m", "role": "mkt", "team": "north" } ],
            "deals": [ { "id": "D-1", "type": "new", "close_date": "2027-02-10", "amount": "1000",
                         "owners": [ { "participant": "a", "split": "1" } ] } ],
            "leads": leads })
}

#[test]
fn a_good_ledger_loads() {
    assert_eq!(
        problems(&plan(json!({})), &activity(vec![lead("L-1")])),
        Vec::<String>::new()
    );
}

#[test]
fn the_issue_s_bad_leads_are_named_at_their_paths() {
    let mut early = lead("L-1");
    early["attempts"][0]["at"] = json!("2027-01-31T23:00:00Z");
    early["routed_at"] = json!("2027-01-31T08:00:00Z");
    let mut rejected = lead("L-2");
    rejected["status"] = json!("rejected");
    let mut converted = lead("L-3");
    converted["status"] = json!("converted");
    let found = problems(
        &plan(json!({})),
        &activity(vec![early, rejected, converted, lead("L-4"), lead("L-1")]),
    );
    has(
        &found,
        "activity.leads[0].attempts[0].at",
        "before the lead was created",
    );
    has(
        &found,
        "activity.leads[0].routed_at",
        "before the lead was created",
    );
    has(&found, "activity.leads[1].reject_reason", "is required");
    has(&found, "activity.leads[2].deal", "is required");
    has(&found, "activity.leads[4].id", "lead id");
    // Checked against the participants once every lead reads.
    let mut stranger = lead("L-4");
    stranger["routed_to"] = json!("nobody");
    stranger["created_by"] = json!("ghost");
    let found = problems(&plan(json!({})), &activity(vec![lead("L-1"), stranger]));
    has(
        &found,
        "activity.leads[1].routed_to",
        "\"nobody\" is not a participant",
    );
    has(
        &found,
        "activity.leads[1].created_by",
        "\"ghost\" is not a participant",
    );
}

#[test]
fn a_metric_typed_in_under_a_computed_name_is_refused_only_with_a_ledger() {
    let mut a = activity(vec![lead("L-1")]);
    a["participants"][0]["metrics"] = json!({ "speed_to_lead": "0.99" });
    let found = problems(&plan(json!({})), &a);
    has(
        &found,
        "activity.participants[0].metrics.speed_to_lead",
        "one source of truth",
    );
    // Version 1: without leads the name is an ordinary metric, required.
    a.as_object_mut().unwrap().remove("leads");
    let found = problems(&plan(json!({})), &a);
    assert!(
        !found
            .iter()
            .any(|p| p.starts_with("activity.participants[0]")),
        "{found:?}"
    );
    a["participants"][0]
        .as_object_mut()
        .unwrap()
        .remove("metrics");
    has(
        &problems(&plan(json!({})), &a),
        "activity.participants[0].metrics.speed_to_lead",
        "is required",
    );
}

#[test]
fn deals_name_real_leads_and_team_measures_need_a_team() {
    let mut a = activity(vec![lead("L-1")]);
    a["deals"][0]["lead"] = json!("L-9");
    a["participants"][1].as_object_mut().unwrap().remove("team");
    let found = problems(&plan(json!({})), &a);
    has(&found, "activity.deals[0].lead", "\"L-9\" is not a lead");
    has(&found, "activity.participants[1].team", "team's alignment");
    let mut status = lead("L-2");
    status["status"] = json!("won");
    status["extra"] = json!(1);
    let found = problems(&plan(json!({})), &activity(vec![status]));
    has(&found, "activity.leads[0].status", "is not one of");
    has(&found, "activity.leads[0].extra", "");
}

#[test]
fn bad_rules_and_alignments_are_named_at_their_paths() {
    let found = problems(
        &plan(json!({
            "pipeline": { "sla_hours": "0", "min_attempts": -1 },
            "alignment": { "measures": { "speed_to_lead": "1", "sourced_revenue": "1" },
                           "stages": [ { "from": "0.1", "name": "a" }, { "from": "0.1", "name": "b" } ] } })),
        &activity(vec![lead("L-1")]),
    );
    has(&found, "plan.pipeline.sla_hours", "");
    has(&found, "plan.pipeline.min_attempts", "whole number");
    has(
        &found,
        "plan.alignment.measures.sourced_revenue",
        "is not a share",
    );
    has(&found, "plan.alignment.stages[0].from", "must be 0");
    has(&found, "plan.alignment.stages[1].from", "must be above");
}
