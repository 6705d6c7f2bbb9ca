//! One viewer's cut of a ledger, and orders that must not matter: the cut
//! scores as the whole activity, names colleagues as it does, and loads.

use incentive_widget::Engine;
use serde_json::{json, Value};

fn plan() -> Value {
    json!({ "name": "P", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-12-31" },
        "roles": [
            { "id": "rep", "name": "Rep", "components": [ { "kind": "commission", "name": "C", "rate": "0.1" } ] },
            { "id": "mkt", "name": "Marketer", "components": [
                { "kind": "bonus", "name": "Sourced", "target": "1000", "measure": { "metric": "sourced_revenue" },
                  "curve": [ { "at": "0", "payout": "0" }, { "at": "100", "payout": "1" } ] } ] } ] })
}

fn lead(id: &str, rep: &str, status: &str) -> Value {
    json!({ "id": id, "campaign": "c", "created_at": "2027-02-01T09:00:00Z", "created_by": "m",
            "routed_to": rep, "routed_at": "2027-02-01T09:00:00Z", "status": status })
}

fn deal(id: &str, owner: &str, close: &str, amount: &str, lead: &str) -> Value {
    json!({ "id": id, "type": "new", "close_date": close, "amount": amount, "cost": "1",
            "owners": [ { "participant": owner, "split": "1" } ], "lead": lead,
            "touches": [ { "participant": owner, "at": "2027-01-01" } ] })
}

fn people() -> Value {
    json!([ { "id": "m", "name": "Mo", "role": "mkt" }, { "id": "r", "name": "Ria", "role": "rep" },
            { "id": "r2", "name": "Raj", "role": "rep" } ])
}

#[test]
fn a_lead_named_by_two_deals_comes_from_the_earliest_whatever_their_order() {
    // D1 closes later but comes first in the list: the lead's deal is D2.
    let mut l = lead("L1", "r", "rejected");
    l["reject_reason"] = json!("no budget");
    let activity = json!({ "participants": people(), "leads": [ l ],
        "deals": [ deal("D0", "r2", "2027-01-05", "7", "L1"), deal("D1", "r", "2027-03-01", "100", "L1"),
                   deal("D2", "r2", "2027-02-01", "50", "L1") ] });
    let mut e = Engine::from_json(&plan().to_string(), &activity.to_string()).unwrap();
    let sourced = |e: &Engine| {
        e.statement("m").unwrap().pipeline.unwrap()[0]
            .value
            .unwrap()
    };
    assert_eq!(sourced(&e).to_string(), "7.00");
    // D0 removed: the last deal takes its place in the engine; D2 it is.
    let affected = e.remove_deal("D0").unwrap();
    assert!(affected.contains(&"m".to_string()), "{affected:?}");
    assert_eq!(sourced(&e).to_string(), "50.00");
    let cut = e.activity_for("m").unwrap();
    let c = Engine::from_json(&plan().to_string(), &cut.to_string()).unwrap();
    assert_eq!(sourced(&c).to_string(), "50.00");
}

#[test]
fn a_cut_loads_when_a_colleague_s_deal_names_another_lead_and_names_colleagues() {
    // L1 (mine, converted into D) and L2 (not mine), which D names.
    let mut l1 = lead("L1", "r", "converted");
    l1["deal"] = json!("D");
    let mut l2 = lead("L2", "r2", "rejected");
    l2["reject_reason"] = json!("duplicate");
    l2.as_object_mut().unwrap().remove("created_by");
    let mut l3 = lead("L3", "r", "rejected");
    l3["reject_reason"] = json!("no fit");
    let activity = json!({ "participants": people(), "leads": [ l1, l2, l3 ],
        "deals": [ deal("D", "r2", "2027-02-10", "80", "L2"), deal("E", "r", "2027-02-11", "30", "L3") ] });
    let e = Engine::from_json(&plan().to_string(), &activity.to_string()).unwrap();
    let cut = e.activity_for("m").unwrap();
    let c = Engine::from_json(&plan().to_string(), &cut.to_string())
        .unwrap_or_else(|x| panic!("{x:?}\n{cut:#}"));
    let whole = serde_json::to_value(e.statement("m").unwrap()).unwrap();
    assert_eq!(
        serde_json::to_value(c.statement("m").unwrap()).unwrap(),
        whole
    );
    assert!(
        whole["pipeline"][0]["explain"]
            .as_str()
            .unwrap()
            .contains("rejected by Ria"),
        "{whole:#}"
    );
    // The colleague's deal carries what the ledger reads, nothing more.
    let d = cut["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "D")
        .unwrap();
    assert!(
        d.get("touches")
            .is_none_or(|t| t.as_array().unwrap().is_empty()),
        "{d:#}"
    );
    assert!(d.get("lead").is_none(), "{d:#}");
    assert!(d.to_string().find("cost").is_none(), "{d:#}");
    assert_eq!(
        cut["leads_elsewhere"]["participants"],
        json!([ { "id": "r", "name": "Ria" } ])
    );
    // The cut's pipeline view names colleagues as the whole activity's.
    let rows = |e: &Engine| serde_json::to_value(e.pipeline("m").unwrap().created.leads).unwrap();
    assert_eq!(rows(&c), rows(&e));
}
