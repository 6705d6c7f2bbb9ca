//! `Engine::facts`: what a screen shows beside a statement, decided by the
//! engine on exact figures (a view never searches bands on a rounded
//! string, nor repeats `applies_to`'s default or the clawback test).

use crate::common::*;
use incentive_widget::engine::facts::{vocabulary, Deals};
use incentive_widget::Engine;
use serde_json::{json, Value};

fn facts(plan: &Value, activity: &Value, who: &str) -> Value {
    Engine::from_values(plan, activity)
        .unwrap()
        .facts(who)
        .unwrap()
        .to_json()
}

/// A commission multiplied by a company modifier whose band turns at 1.0.
fn modified_plan(target: &str) -> Value {
    let mut plan = plan_with(json!([
        { "kind": "commission", "name": "New logos", "rate": "0.10",
          "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "0" },
                                                    { "from": "0.5", "multiplier": "1" },
                                                    { "from": "1", "multiplier": "1.5" } ] },
          "discounts": [ { "above": "0.1", "multiplier": "0.8" } ] },
        { "kind": "spif", "name": "Launch", "amount": "100" },
        { "kind": "modifier", "name": "Company goal", "measure": "company",
          "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "1", "multiplier": "1.1" } ],
          "applies_to": ["New logos"] }
    ]));
    plan["company_goal"] = json!({ "target": target });
    plan
}

#[test]
fn a_modifier_band_a_hair_either_side_of_its_edge_is_the_engines() {
    // Target 999,999,999,999.999; revenue a thousandth short: attainment
    // 0.999999999999999999…, which prints (12 places) as "1". The band in
    // force is still the one below the edge (×0.9), and the line shows it:
    // marginal tiers pay 10,000 of the 60,000 (0.5 → 0.6) at ×1, so
    // 60,000 × 10% × 1/6 × 0.9 = 900.00.
    let plan = modified_plan("999999999999.999");
    let mut a = activity_with(json!([deal("D1", "2027-01-10", "60000")]));
    a["company"] = json!({ "revenue": "999999999999.998" });
    let f = facts(&plan, &a, "rep");
    let m = &f["modifiers"][0];
    assert_eq!(
        m["value"],
        json!("1"),
        "the rounded value reads as the edge"
    );
    assert_eq!(m["band"], json!(0));
    assert_eq!(m["multiplier"], json!("0.9"));
    let s = statement(&plan, &a, "rep");
    assert_eq!(str_of(&s, "/components/0/earned"), "900.00");
    // a hair above: revenue 999,999,999,999.999 is the target itself → ×1.1:
    // 60,000 × 10% × 1/6 × 1.1 = 1,100.00
    a["company"] = json!({ "revenue": "999999999999.999" });
    let f = facts(&plan, &a, "rep");
    assert_eq!(f["modifiers"][0]["band"], json!(1));
    assert_eq!(f["modifiers"][0]["multiplier"], json!("1.1"));
    assert_eq!(
        str_of(&statement(&plan, &a, "rep"), "/components/0/earned"),
        "1100.00"
    );
}

#[test]
fn modifiers_name_what_they_multiply_and_default_to_everything() {
    let plan = modified_plan("1000000");
    let a = activity_with(json!([deal("D1", "2027-01-10", "60000")]));
    let f = facts(&plan, &a, "rep");
    assert_eq!(f["modifiers"][0]["applies_to"], json!(["New logos"]));
    assert_eq!(f["components"][0]["multiplied_by"], json!(["Company goal"]));
    assert_eq!(f["components"][1]["multiplied_by"], json!([]));
    // without applies_to: every non-modifier component
    let mut plan = plan;
    plan["roles"][0]["components"][2]
        .as_object_mut()
        .unwrap()
        .remove("applies_to");
    let f = facts(&plan, &a, "rep");
    assert_eq!(
        f["modifiers"][0]["applies_to"],
        json!(["New logos", "Launch"])
    );
    assert_eq!(f["company"]["revenue"], json!("60000"));
    assert_eq!(f["company"]["target"], json!("1000000"));
    assert_eq!(f["company"]["attainment"], json!("0.06"));
}

#[test]
fn tier_edges_in_money_and_the_band_in_force() {
    // Quota 100,000: bands start at 0.00, 50,000.00 and 100,000.00 of
    // credit; 60,000 of credit is in the second band.
    let plan = modified_plan("1000000");
    let a = activity_with(json!([deal("D1", "2027-01-10", "60000")]));
    let t = &facts(&plan, &a, "rep")["tiers"][0];
    assert_eq!(t["component"], json!("New logos"));
    assert_eq!(t["mode"], json!("marginal"));
    let edges: Vec<&Value> = t["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["quota_credit"])
        .collect();
    assert_eq!(
        edges,
        vec![&json!("0.00"), &json!("50000.00"), &json!("100000.00")]
    );
    assert_eq!(t["band"], json!(1));
}

#[test]
fn deals_say_why_they_do_not_count_and_what_is_clawed_back() {
    let plan = modified_plan("1000000");
    let mut cancelled = deal("D2", "2027-01-20", "10000");
    cancelled["stage"] = json!("cancelled");
    let mut discounted = deal("D3", "2027-02-01", "0");
    discounted["lines"] = json!([ { "product": "suite", "amount": "45000", "list_price": "50000" },
                                  { "amount": "1000", "list_price": "1050" } ]);
    discounted.as_object_mut().unwrap().remove("amount");
    let mut a = activity_with(json!([
        deal("D1", "2027-04-10", "60000"),
        cancelled,
        discounted
    ]));
    a["payments"] = json!([ { "participant": "rep", "deal": "D2", "amount": "1000" } ]);
    let f = facts(&plan, &a, "rep");
    let deals = f["deals"].as_array().unwrap();
    let by_id = |id: &str| deals.iter().find(|d| d["id"] == id).unwrap();
    assert_eq!(by_id("D1")["not_counted"], json!("outside the plan period"));
    assert_eq!(by_id("D1")["counted"], json!(false));
    assert_eq!(by_id("D2")["not_counted"], json!("cancelled"));
    assert_eq!(by_id("D2")["paid"], json!("1000.00"));
    assert_eq!(by_id("D2")["clawback"], json!("-1000.00"));
    assert_eq!(by_id("D3")["counted"], json!(true));
    assert_eq!(by_id("D3")["clawback"], Value::Null);
    // A render's worth: only the deal with a clawback, the same facts.
    let few = Engine::from_values(&plan, &a)
        .unwrap()
        .facts_of("rep", Deals::Clawbacks)
        .unwrap()
        .to_json();
    assert_eq!(few["deals"], json!([by_id("D2")]));
    assert_eq!(few["modifiers"], f["modifiers"]);
    // 45,000 of 50,000 is 10% off: not above 10%, no band; 1,000 of 1,050
    // is 4.76…% off: no band either. A 20% discount reaches the 0.8 band.
    let lines = by_id("D3")["lines"].as_array().unwrap();
    assert_eq!(lines[0]["discount"], json!("0.1"));
    assert_eq!(lines[0]["discount_multipliers"], json!([]));
    assert_eq!(lines[1]["discount"], json!("0.047619047619"));
    let mut a2 = a.clone();
    a2["deals"][2]["lines"][0]["amount"] = json!("40000");
    let f = facts(&plan, &a2, "rep");
    let d3 = f["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "D3")
        .unwrap()
        .clone();
    assert_eq!(d3["lines"][0]["discount"], json!("0.2"));
    assert_eq!(
        d3["lines"][0]["discount_multipliers"],
        json!([ { "component": "New logos", "multiplier": "0.8" } ])
    );
}

#[test]
fn the_vocabulary_is_the_engines_own() {
    let v = serde_json::to_value(vocabulary()).unwrap();
    assert_eq!(v["deal_types"], json!(["new", "expansion", "renewal"]));
    assert_eq!(
        v["stages"],
        json!(["booked", "installed", "activated", "cancelled"])
    );
    assert_eq!(
        v["payout_stages"],
        json!(["booked", "installed", "activated"])
    );
    assert_eq!(
        v["limits"]["max_changes"],
        json!(incentive_widget::limits::MAX_CHANGES)
    );
    assert!(v["attribution_models"]
        .as_array()
        .unwrap()
        .contains(&json!("w_shaped")));
}

#[test]
fn components_say_what_they_measure_and_the_facts_carry_as_of() {
    let plan = modified_plan("100000");
    let mut a = activity_with(json!([deal("D1", "2027-01-10", "60000")]));
    a["as_of"] = json!("2027-02-01");
    let f = facts(&plan, &a, "rep");
    let measures: Vec<&Value> = f["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["measure"])
        .collect();
    assert_eq!(measures, [&json!(null), &json!(null), &json!("company")]);
    assert_eq!(f["as_of"], json!("2027-02-01"));
    // Revenue not given: the sum of the counted deals, and the facts say so.
    assert_eq!(f["company"]["revenue"], json!("60000"));
    assert_eq!(f["company"]["revenue_given"], json!(false));
    a["company"] = json!({ "revenue": "70000" });
    assert_eq!(
        facts(&plan, &a, "rep")["company"]["revenue_given"],
        json!(true)
    );
}

#[test]
fn another_plan_keeps_the_live_updates_and_is_checked_like_a_new_engine() {
    let plan = modified_plan("100000");
    let a = activity_with(json!([deal("D1", "2027-01-10", "60000")]));
    let mut e = Engine::from_values(&plan, &a).unwrap();
    e.upsert_deal(&deal("D2", "2027-02-10", "20000")).unwrap();
    // The engine's own deals, with the live one, in (close_date, id) order.
    let ids: Vec<&str> = e
        .deals_of("rep")
        .unwrap()
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["D1", "D2"]);
    let mut richer = plan.clone();
    richer["roles"][0]["components"][0]["rate"] = json!("0.20");
    let swapped = e.with_plan(&richer).unwrap();
    assert_eq!(
        swapped.deals_of("rep").unwrap().len(),
        2,
        "the live deal stays"
    );
    let before = e.statement("rep").unwrap();
    let after = swapped.statement("rep").unwrap();
    assert_eq!(before.quota_credit, after.quota_credit);
    assert_eq!(
        after.components[0].earned,
        before.components[0].earned * rust_decimal::Decimal::TWO
    );
    // A plan without the participant's role: the activity no longer fits.
    let mut other = plan.clone();
    other["roles"][0]["id"] = json!("someone-else");
    let err = e.with_plan(&other).unwrap_err();
    assert_eq!(err.code.as_str(), "invalid_activity");
    assert!(
        err.problems
            .iter()
            .any(|p| p.path.starts_with("activity.participants[0]")),
        "{err}"
    );
    // A broken plan: the plan's problems, and the old engine still answers.
    let err = e
        .with_plan(&json!({ "format": "incentive-plan/1" }))
        .unwrap_err();
    assert_eq!(err.code.as_str(), "invalid_plan");
    assert_eq!(e.statement("rep").unwrap().earned, before.earned);
    let people = e.people();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].id, "rep");
}
