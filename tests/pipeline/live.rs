//! Leads pushed and removed live, and what-if on leads.

use crate::fixtures::engine;
use incentive_widget::whatif;
use serde_json::{json, Value};

fn statements(e: &incentive_widget::Engine) -> Value {
    let people = ["ada", "cho"];
    json!(people
        .iter()
        .map(|p| json!({
            "statement": serde_json::to_value(e.statement(p).unwrap()).unwrap(),
            "pipeline": serde_json::to_value(e.pipeline(p).unwrap()).unwrap(),
        }))
        .collect::<Vec<_>>())
}

#[test]
fn a_bad_lead_changes_nothing_and_an_unknown_removal_is_an_error() {
    let mut e = engine("handoff");
    let before = statements(&e);
    let err = e
        .upsert_lead(
            &json!({ "id": "L99", "campaign": "c", "created_at": "2027-03-01",
            "routed_to": "nobody", "routed_at": "2027-03-01", "status": "rejected" }),
        )
        .unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"lead.reject_reason"), "{paths:?}");
    let err = e
        .upsert_lead(
            &json!({ "id": "L99", "campaign": "c", "created_at": "2027-03-01",
            "routed_to": "nobody", "routed_at": "2027-03-01", "status": "open" }),
        )
        .unwrap_err();
    assert_eq!(err.problems[0].path, "lead.routed_to");
    assert!(e.remove_lead("L99").is_err());
    assert_eq!(statements(&e), before);
}

#[test]
fn a_new_lead_moves_the_rep_s_measure_live() {
    let mut e = engine("handoff");
    let affected = e
        .upsert_lead(&json!({ "id": "L13", "campaign": "c", "created_at": "2027-03-30T09:00:00Z",
            "created_by": "cho", "routed_to": "ada", "routed_at": "2027-03-30T09:00:00Z",
            "attempts": [ { "at": "2027-03-30T10:00:00Z", "channel": "call" } ], "status": "open" }))
        .unwrap();
    assert_eq!(affected, ["ada", "cho"]);
    let ada = e.pipeline("ada").unwrap();
    assert_eq!(ada.routed.measures[0].numerator, Some(10));
    assert_eq!(ada.routed.measures[0].denominator, Some(13));
    assert_eq!(ada.routed.leads.len(), 13);
}

#[test]
fn what_if_a_lead_is_accepted_shows_both_sides_pay() {
    let e = engine("handoff");
    let activity = serde_json::to_value(e.activity()).unwrap();
    let mut l11 = activity["leads"][10].clone();
    l11["status"] = json!("accepted");
    let changes = json!([ { "op": "upsert_lead", "lead": l11 } ]);
    let w = whatif::what_if(&e, "cho", &changes).unwrap();
    let w = serde_json::to_value(w).unwrap();
    assert_eq!(w["delta"]["earned"], "450.00", "{w:#}");
    let changes = json!([ { "op": "remove_lead", "lead": "L99" } ]);
    let err = whatif::what_if(&e, "ada", &changes).unwrap_err();
    assert!(
        err.problems[0].path.contains("changes[0]"),
        "{:?}",
        err.problems
    );
}

#[test]
fn a_lead_a_deal_names_stays_and_a_computed_metric_is_not_typed_in() {
    let mut e = engine("handoff");
    let err = e.remove_lead("L10").unwrap_err();
    assert!(
        err.problems[0]
            .message
            .contains("deal \"D4\" names lead \"L10\""),
        "{:?}",
        err.problems
    );
    let err = e
        .set_metric("ada", "speed_to_lead", &json!("1"))
        .unwrap_err();
    assert!(err.problems[0]
        .message
        .contains("computed from the activity's leads"));
    // A lead no deal names goes, and the rep's measure follows.
    e.remove_lead("L11").unwrap();
    let ada = e.pipeline("ada").unwrap();
    assert_eq!(ada.routed.measures[0].numerator, Some(9));
    assert_eq!(ada.routed.measures[0].denominator, Some(11));
}

#[test]
fn a_version_1_deal_may_carry_a_crm_lead_id_without_a_ledger() {
    let plan = json!({ "name": "P", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-12-31" },
        "roles": [ { "id": "rep", "name": "Rep", "components": [ { "kind": "commission", "name": "C", "rate": "0.1" } ] } ] });
    let activity = json!({ "participants": [ { "id": "a", "role": "rep" } ],
        "deals": [ { "id": "D", "type": "new", "close_date": "2027-02-01", "amount": "100",
                     "owners": [ { "participant": "a", "split": "1" } ], "lead": "00Q5e000001" } ] });
    let e = incentive_widget::Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap();
    assert_eq!(e.statement("a").unwrap().earned.to_string(), "10.00");
    assert!(e.statement("a").unwrap().pipeline.is_none());
}

#[test]
fn streamed_and_parsed_ledgers_read_the_same_with_the_same_problems() {
    let plan: Value = serde_json::from_str(&crate::fixtures::text("handoff", "plan.json")).unwrap();
    let mut activity: Value =
        serde_json::from_str(&crate::fixtures::text("handoff", "activity.json")).unwrap();
    let parsed = incentive_widget::Engine::from_values(&plan, &activity).unwrap();
    let streamed = engine("handoff");
    assert_eq!(statements(&parsed), statements(&streamed));
    activity["leads"][2]["status"] = json!("rejected");
    activity["leads"][5]["attempts"][0]["at"] = json!("2020-01-01");
    let paths = |e: incentive_widget::Error| -> Vec<String> {
        e.problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect()
    };
    let a = paths(incentive_widget::Engine::from_values(&plan, &activity).unwrap_err());
    let b = paths(
        incentive_widget::Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap_err(),
    );
    assert_eq!(a, b);
    assert_eq!(a.len(), 2, "{a:?}");
}

#[test]
fn a_late_first_attempt_is_never_shown_at_the_sla_and_a_rejection_moves_acceptance_too() {
    let mut e = engine("waiting");
    e.upsert_lead(
        &json!({ "id": "W5", "campaign": "c", "created_at": "2027-03-01T09:00:00Z",
        "routed_to": "sam", "routed_at": "2027-03-01T09:00:00Z",
        "attempts": [ { "at": "2027-03-02T09:02:00Z", "channel": "call" } ], "status": "open" }),
    )
    .unwrap();
    let s = e.statement("sam").unwrap();
    let line = &s.pipeline.as_ref().unwrap()[0];
    assert!(
        line.explain.contains("W5 (first attempt after 24.1 h)"),
        "{}",
        line.explain
    );
    // One more rejected lead with full follow-up is decided as well: the
    // index's acceptance share moves with it.
    let mut h = engine("handoff");
    h.upsert_lead(&json!({ "id": "L99", "campaign": "c", "created_at": "2027-03-02T09:00:00Z",
        "created_by": "cho", "routed_to": "ada", "routed_at": "2027-03-02T09:00:00Z",
        "attempts": [ { "at": "2027-03-02T10:00:00Z", "channel": "call" }, { "at": "2027-03-02T11:00:00Z", "channel": "call" } ],
        "status": "rejected", "reject_reason": "no budget", "decided_at": "2027-03-02T12:00:00Z" }))
        .unwrap();
    let with = h.pipeline("ada").unwrap().company.unwrap().index;
    let before = engine("handoff").pipeline("ada").unwrap().company.unwrap();
    let said = before
        .moves
        .iter()
        .find(|m| m.contains("rejected after full follow-up"))
        .unwrap();
    assert!(
        said.contains(&format!(
            "to {}%",
            (with * rust_decimal::Decimal::ONE_HUNDRED).normalize()
        )),
        "{said} vs {with}"
    );
}

#[test]
fn a_live_change_to_a_converted_lead_keeps_its_deal_s_revenue() {
    let mut e = engine("handoff");
    let mut l01 = serde_json::to_value(e.activity()).unwrap()["leads"][0].clone();
    l01["attempts"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "at": "2027-03-03T09:00:00Z", "channel": "email" }));
    e.upsert_lead(&l01).unwrap();
    let fresh = incentive_widget::Engine::from_values(
        &serde_json::from_str(&crate::fixtures::text("handoff", "plan.json")).unwrap(),
        &serde_json::to_value(e.activity()).unwrap(),
    )
    .unwrap();
    assert_eq!(statements(&e), statements(&fresh));
    let cho = e.pipeline("cho").unwrap();
    assert_eq!(cho.created.measures[3].deals, ["D1", "D2", "D3", "D4"]);
}

#[test]
fn the_engine_says_which_rows_offer_a_what_if_and_what_it_tries() {
    let e = engine("waiting");
    let sam = e.pipeline("sam").unwrap();
    let offered: Vec<&str> = sam
        .routed
        .leads
        .iter()
        .filter(|r| r.what_if.is_some())
        .map(|r| r.id.as_str())
        .collect();
    // W1 was attempted; W2 is overdue, W3 and W4 due: each tried at the
    // last second of as_of, when the engine measures the SLA.
    assert_eq!(offered, ["W2", "W3", "W4"]);
    let w3 = sam.routed.leads.iter().find(|r| r.id == "W3").unwrap();
    let tried = serde_json::to_value(w3.what_if.as_ref().unwrap()).unwrap();
    assert_eq!(tried["attempts"][0]["at"], "2027-03-31T23:59:59Z");
    let w = whatif::what_if(
        &e,
        "sam",
        &json!([ { "op": "upsert_lead", "lead": tried } ]),
    )
    .unwrap();
    let line = &w.scenario.pipeline.as_ref().unwrap()[0];
    assert_eq!((line.numerator, line.denominator), (Some(2), Some(3)));
    assert_eq!(line.unit, "share");
    // A marketer's open leads offer acceptance; the decided ones none.
    let cho = engine("handoff").pipeline("cho").unwrap();
    let open: Vec<(&str, &str)> = cho
        .created
        .leads
        .iter()
        .filter_map(|r| Some((r.id.as_str(), r.what_if.as_ref()?.status.as_str())))
        .collect();
    assert_eq!(open, [("L11", "accepted"), ("L12", "accepted")]);
    let units: Vec<&str> = cho.created.measures.iter().map(|m| m.unit).collect();
    assert_eq!(units, ["share", "share", "money", "money"]);
}
