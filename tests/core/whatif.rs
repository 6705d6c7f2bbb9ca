//! What-if scenarios: the engine is never changed, a scenario equals scoring
//! the changed activity from scratch, and per-change effects add up.

use crate::common::*;
use incentive_widget::whatif::{curve, what_if, what_it_takes};
use incentive_widget::{Engine, ErrorCode};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn plan() -> Value {
    let mut p = plan_with(json!([
        { "kind": "commission", "name": "Commission", "rates": { "new": "0.1", "expansion": "0.05" },
          "discounts": [ { "above": "0.1", "multiplier": "0.5" } ], "products": { "suite": "2" },
          "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "1" }, { "from": "1", "multiplier": "2" } ] },
          "payout": { "booked": "0.5", "activated": "0.5" } },
        { "kind": "modifier", "name": "Goal", "measure": "company", "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "1", "multiplier": "1.1" } ] }
    ]));
    p["company_goal"] = json!({ "target": "100000" });
    p
}

fn engine() -> Engine {
    Engine::from_values(
        &plan(),
        &activity_with(json!([
            deal("D1", "2027-01-10", "50000"),
            deal("D2", "2027-02-10", "30000")
        ])),
    )
    .unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn a_new_deal_and_its_marginal_effects() {
    let e = engine();
    let before = e.statements();
    // Baseline: company revenue 80,000 of 100,000 → ×0.9; 80,000 × 10% × 0.9 = 7,200.00.
    // add D3 40,000 (0.8 → 1.2: 0.2 at ×1 + 0.2 at ×2 → ×1.5), company now 120,000 → ×1.1:
    // D1 5,500 + D2 3,300 + D3 40,000 × 10% × 1.5 × 1.1 = 6,600 → 15,400.00 (+8,200.00).
    // then set_stage D3 activated: payable +3,300.00 (the other half of 6,600).
    let r = what_if(
        &e,
        "rep",
        &json!([
            { "op": "add_deal", "deal": deal("D3", "2027-03-10", "40000") },
            { "op": "set_stage", "deal": "D3", "stage": "activated" }
        ]),
    )
    .unwrap();
    assert_eq!(r.baseline.earned, dec("7200.00"));
    assert_eq!(r.changes[0].earned, dec("15400.00"));
    assert_eq!(r.changes[0].delta.earned, dec("8200.00"));
    assert_eq!(r.changes[1].delta.earned, dec("0.00"));
    assert_eq!(r.changes[1].delta.payable, dec("3300.00"));
    assert_eq!(r.delta.earned, dec("8200.00"));
    assert_eq!(e.statements(), before, "the engine is unchanged");
}

#[test]
fn every_deal_edit() {
    let e = engine();
    // set_discount 20% on D1 (above 10% → ×0.5): D1 25,000 × 10% × 0.9 = 2,250 (was 4,500).
    let r = what_if(
        &e,
        "rep",
        &json!([{ "op": "set_discount", "deal": "D1", "discount": "0.2" }]),
    )
    .unwrap();
    assert_eq!(r.delta.earned, dec("-2250.00"));
    // exactly 10% does not exceed the band.
    let r = what_if(
        &e,
        "rep",
        &json!([{ "op": "set_discount", "deal": "D1", "discount": "0.1" }]),
    )
    .unwrap();
    assert_eq!(r.delta.earned, dec("0.00"));
    // set_product suite (×2) on D2: 30,000 × 10% × 2 × 0.9 = 5,400 (+2,700).
    let r = what_if(
        &e,
        "rep",
        &json!([{ "op": "set_product", "deal": "D2", "product": "suite" }]),
    )
    .unwrap();
    assert_eq!(r.delta.earned, dec("2700.00"));
    // set_amount and set_close_date out of the period, remove_deal.
    let r = what_if(
        &e,
        "rep",
        &json!([
            { "op": "set_amount", "deal": "D2", "amount": "10000" },
            { "op": "set_close_date", "deal": "D2", "close_date": "2027-04-01" },
            { "op": "remove_deal", "deal": "D1" }
        ]),
    )
    .unwrap();
    assert_eq!(r.scenario.earned, dec("0.00"));
    // company revenue and a metric.
    let r = what_if(
        &e,
        "rep",
        &json!([{ "op": "set_company_revenue", "amount": "100000" }]),
    )
    .unwrap();
    assert_eq!(r.scenario.company_attainment, Some(dec("1")));
    assert_eq!(r.scenario.earned, dec("8800.00"));
}

#[test]
fn touches_move_attribution() {
    let plan = json!({ "name": "M", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "roles": [ { "id": "m", "name": "M", "components": [ { "kind": "commission", "name": "C", "rate": "0.1",
            "credit": "attribution", "attribution": { "model": "linear" } } ] },
            { "id": "ae", "name": "AE", "components": [] } ] });
    let activity = json!({ "participants": [ { "id": "mk", "role": "m" }, { "id": "o", "role": "ae" } ],
        "deals": [ { "id": "D", "type": "new", "close_date": "2027-02-01", "amount": "1000", "owners": [ { "participant": "o", "split": "1" } ],
                     "touches": [ { "participant": "mk", "at": "2027-01-01" }, { "campaign": "x", "at": "2027-01-02" } ] } ] });
    let e = Engine::from_values(&plan, &activity).unwrap();
    // 1/2 × 1,000 × 10% = 50; drop the other touch → 100; add it back → 50.
    let r = what_if(
        &e,
        "mk",
        &json!([
            { "op": "remove_touch", "deal": "D", "index": 1 },
            { "op": "add_touch", "deal": "D", "touch": { "campaign": "y", "at": "2027-01-03" } }
        ]),
    )
    .unwrap();
    assert_eq!(r.baseline.earned, dec("50.00"));
    assert_eq!(r.changes[0].earned, dec("100.00"));
    assert_eq!(r.changes[1].earned, dec("50.00"));
}

#[test]
fn bad_changes_say_where() {
    let e = engine();
    let err = what_if(
        &e,
        "rep",
        &json!([{ "op": "set_amount", "deal": "D1", "amount": "5" }, { "op": "explode" }]),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidChange);
    assert_eq!(err.problems[0].path, "changes[1].op");
    let err = what_if(
        &e,
        "rep",
        &json!([{ "op": "set_amount", "deal": "nope", "amount": "5" }]),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownDeal);
    let err = what_if(
        &e,
        "rep",
        &json!([{ "op": "set_amount", "deal": "D1", "amount": "-5" }]),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "changes[0].amount");
    let err = what_if(
        &e,
        "rep",
        &json!([{ "op": "add_deal", "deal": { "id": "D1" } }]),
    )
    .unwrap_err();
    assert!(
        err.problems
            .iter()
            .any(|p| p.path == "changes[0].deal.type"),
        "{err}"
    );
    assert_eq!(
        what_if(&e, "ghost", &json!([])).unwrap_err().code,
        ErrorCode::UnknownParticipant
    );
}

#[test]
fn what_it_takes_to_reach_the_next_tier() {
    let e = engine();
    // 80,000 of 100,000: the ×2 band needs 20,000.00; a new deal of 20,000 earns
    // 20,000 × 10% × 1 × 1.1 = 2,200 and lifts company revenue to 100,000, so the
    // other 80,000 × 10% = 8,000 moves from ×0.9 to ×1.1: +1,600. Extra 3,800.00.
    let t = what_it_takes(&e, "rep", &json!({ "type": "new" })).unwrap();
    assert_eq!(
        t.next_tier.as_ref().unwrap().quota_credit_needed,
        dec("20000.00")
    );
    assert_eq!(t.amount_needed, Some(dec("20000.00")));
    assert_eq!(t.extra_earned, Some(dec("3800.00")));
}

#[test]
fn earnings_curve() {
    let e = engine();
    let c = curve(&e, "rep", &json!({ "to_attainment": "2", "points": 5 })).unwrap();
    assert_eq!(c.len(), 5);
    let att: Vec<String> = c.iter().map(|p| p.attainment.to_string()).collect();
    assert_eq!(att, vec!["0", "0.5", "1", "1.5", "2"]);
    assert_eq!(c[0].earned, dec("0.00"));
    // At attainment 1: 100,000 of credit at ×1 and company held at ×0.9 → 9,000.00;
    // at 2: 100,000 × 10% × 1 + 100,000 × 10% × 2 = 30,000 × 0.9 = 27,000.00.
    assert_eq!(c[2].earned, dec("9000.00"));
    assert_eq!(c[4].earned, dec("27000.00"));
    // Accelerating: each step pays at least as much as the one before.
    assert!(c.windows(2).all(|w| w[1].earned >= w[0].earned));
    // Slices (`first`, `last`) put end to end are the curve, point for point.
    let whole = curve(&e, "rep", &json!({ "points": 9 })).unwrap();
    let mut sliced = Vec::new();
    for (first, last) in [(0, 3), (4, 4), (5, 8)] {
        sliced.extend(
            curve(
                &e,
                "rep",
                &json!({ "points": 9, "first": first, "last": last }),
            )
            .unwrap(),
        );
    }
    assert_eq!(
        serde_json::to_value(&sliced).unwrap(),
        serde_json::to_value(&whole).unwrap()
    );
    let err = curve(&e, "rep", &json!({ "points": 9, "last": 9 })).unwrap_err();
    assert_eq!(err.problems[0].path, "options.last");
    let err = curve(&e, "rep", &json!({ "points": 9, "first": 5, "last": 4 })).unwrap_err();
    assert_eq!(err.problems[0].path, "options.first");
}

// --- properties --------------------------------------------------------

/// A change and the same change applied to the activity JSON by hand.
fn change() -> impl Strategy<Value = (Value, u8)> {
    (0u8..6, 0usize..3, 1u64..90_000, 0u8..4).prop_map(|(kind, k, amount, stage)| {
        let id = format!("D{k}");
        let v = match kind {
            0 => json!({ "op": "set_amount", "deal": id, "amount": amount.to_string() }),
            1 => {
                let stage = ["booked", "installed", "activated", "cancelled"][stage as usize];
                json!({ "op": "set_stage", "deal": id, "stage": stage })
            }
            2 => json!({ "op": "set_close_date", "deal": id, "close_date": format!("2027-0{}-15", 1 + stage) }),
            3 => json!({ "op": "set_company_revenue", "amount": (amount * 2).to_string() }),
            4 => json!({ "op": "add_deal", "deal": deal(&format!("N{amount}"), "2027-02-01", &amount.to_string()) }),
            _ => json!({ "op": "remove_deal", "deal": id }),
        };
        (v, kind)
    })
}

/// The JSON mirror of a change: what scoring from scratch sees.
fn mirror(activity: &mut Value, c: &Value) -> bool {
    let deals = activity["deals"].as_array_mut().unwrap();
    let find = |deals: &mut Vec<Value>, id: &Value| deals.iter().position(|d| d["id"] == *id);
    match c["op"].as_str().unwrap() {
        "set_company_revenue" => activity["company"] = json!({ "revenue": c["amount"] }),
        "add_deal" => {
            if deals.iter().any(|d| d["id"] == c["deal"]["id"]) {
                return false;
            }
            deals.push(c["deal"].clone());
        }
        op => {
            let Some(i) = find(deals, &c["deal"]) else {
                return false;
            };
            match op {
                "set_amount" => deals[i]["amount"] = c["amount"].clone(),
                "set_stage" => deals[i]["stage"] = c["stage"].clone(),
                "set_close_date" => deals[i]["close_date"] = c["close_date"].clone(),
                _ => {
                    deals.remove(i);
                }
            }
        }
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn what_if_is_scoring_from_scratch(changes in proptest::collection::vec(change(), 0..6)) {
        let activity = activity_with(json!([deal("D0", "2027-01-10", "50000"), deal("D1", "2027-02-10", "30000"), deal("D2", "2027-03-10", "70000")]));
        let e = Engine::from_values(&plan(), &activity).unwrap();
        let before = e.statements();
        // Keep only the changes that apply (a removed deal cannot be edited).
        let mut scratch = activity.clone();
        let mut kept = Vec::new();
        for (c, _) in &changes {
            if mirror(&mut scratch, c) {
                kept.push(c.clone());
            }
        }
        let r = what_if(&e, "rep", &Value::Array(kept)).map_err(|x| TestCaseError::fail(x.to_string()))?;
        prop_assert_eq!(e.statements(), before);
        let fresh = Engine::from_values(&plan(), &scratch).unwrap().statement("rep").unwrap();
        prop_assert_eq!(&r.scenario, &fresh);
        let sum: Decimal = r.changes.iter().map(|c| c.delta.earned).sum();
        prop_assert_eq!(sum, r.delta.earned);
        let sum: Decimal = r.changes.iter().map(|c| c.delta.due).sum();
        prop_assert_eq!(sum, r.delta.due);
    }
}

#[test]
fn typos_in_changes_are_errors_not_silent_defaults() {
    let e = engine();
    let err = what_if(
        &e,
        "rep",
        &json!([{ "op": "set_amount", "deal": "D1", "amount": "1", "lien": 1 }]),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidChange);
    assert_eq!(err.problems[0].path, "changes[0].lien");
    assert!(
        err.problems[0].message.contains("did you mean \"line\""),
        "{err}"
    );
    assert!(what_if(
        &e,
        "rep",
        &json!([{ "op": "remove_deal", "deal": "D1", "amount": "5" }])
    )
    .is_err());
    let err = what_it_takes(&e, "rep", &json!({ "tpye": "renewal" })).unwrap_err();
    assert_eq!(err.problems[0].path, "deal.tpye");
    let err = curve(&e, "rep", &json!({ "pionts": 3 })).unwrap_err();
    assert_eq!(err.problems[0].path, "options.pionts");
}

#[test]
fn a_new_deal_at_a_discount_is_priced_by_the_engine() {
    // add_deal with `discount` 0.2: list price 40,000 / 0.8 = 50,000, so the
    // deal is 20% off (above 10% → ×0.5), the same as add_deal + set_discount.
    let e = engine();
    let one = what_if(
        &e,
        "rep",
        &json!([{ "op": "add_deal", "deal": deal("D3", "2027-03-10", "40000"), "discount": "0.2" }]),
    )
    .unwrap();
    let two = what_if(
        &e,
        "rep",
        &json!([
            { "op": "add_deal", "deal": deal("D3", "2027-03-10", "40000") },
            { "op": "set_discount", "deal": "D3", "discount": "0.2" }
        ]),
    )
    .unwrap();
    assert_eq!(one.scenario.earned, two.scenario.earned);
    let plain = what_if(
        &e,
        "rep",
        &json!([{ "op": "add_deal", "deal": deal("D3", "2027-03-10", "40000") }]),
    )
    .unwrap();
    assert!(
        one.scenario.earned < plain.scenario.earned,
        "the discount band applies"
    );
    let err = what_if(
        &e,
        "rep",
        &json!([{ "op": "add_deal", "deal": deal("D3", "2027-03-10", "40000"), "discount": "1" }]),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "changes[0].discount");
}

#[test]
fn what_it_takes_from_a_scenario_and_why_no_amount() {
    let e = engine();
    // From actual numbers: 80,000 of 100,000 quota; the next tier (×2 from
    // 100%) is 20,000 of credit away.
    let now = what_it_takes(&e, "rep", &json!({ "type": "new" })).unwrap();
    assert_eq!(
        now.next_tier.as_ref().unwrap().quota_credit_needed,
        dec("20000.00")
    );
    // After a scenario deal of 15,000, only 5,000 is left.
    let later = what_it_takes(
        &e,
        "rep",
        &json!({ "type": "new", "changes": [ { "op": "add_deal", "deal": deal("D9", "2027-03-01", "15000") } ] }),
    )
    .unwrap();
    assert_eq!(
        later.next_tier.as_ref().unwrap().quota_credit_needed,
        dec("5000.00")
    );
    assert_eq!(later.amount_needed, Some(dec("5000.00")));
    // Past the tier in the scenario: no next tier.
    let past = what_it_takes(
        &e,
        "rep",
        &json!({ "changes": [ { "op": "add_deal", "deal": deal("D9", "2027-03-01", "30000") } ] }),
    )
    .unwrap();
    assert!(past.next_tier.is_none());
    // A cancelled deal: the reason, no amount.
    let none = what_it_takes(&e, "rep", &json!({ "stage": "cancelled" })).unwrap();
    assert_eq!(none.amount_needed, None);
    assert!(none
        .why_no_amount
        .unwrap()
        .contains("cancelled deal counts for nothing"));
    // A bad change says where.
    let err = what_it_takes(&e, "rep", &json!({ "changes": [ { "op": "nope" } ] })).unwrap_err();
    assert!(err.problems[0].path.starts_with("deal.changes[0]"), "{err}");
}

#[test]
fn a_change_that_moves_nothing_says_why() {
    let e = engine();
    let mut renewal = deal("R1", "2027-03-01", "10000");
    renewal["type"] = json!("renewal");
    let w = what_if(
        &e,
        "rep",
        &json!([
            { "op": "add_deal", "deal": renewal },
            { "op": "add_deal", "deal": deal("L1", "2027-04-02", "10000") },
            { "op": "set_stage", "deal": "D1", "stage": "cancelled" },
            { "op": "add_deal", "deal": deal("N1", "2027-03-01", "10000") }
        ]),
    )
    .unwrap();
    let notes: Vec<Option<&str>> = w.changes.iter().map(|c| c.note.as_deref()).collect();
    assert_eq!(
        notes,
        [
            Some("no component of this plan pays a renewal deal from sales"),
            Some("it closes on 2027-04-02, outside the plan period (2027-01-01 to 2027-03-31)"),
            None, // it moved the pay (down)
            None,
        ]
    );
    let mut cancelled = deal("C1", "2027-03-01", "10000");
    cancelled["stage"] = json!("cancelled");
    let w = what_if(&e, "rep", &json!([{ "op": "add_deal", "deal": cancelled }])).unwrap();
    assert_eq!(
        w.changes[0].note.as_deref(),
        Some("cancelled: a cancelled deal earns nothing")
    );
}

/// The problems of a change, as (path, message) pairs.
fn problems(e: &Engine, changes: Value) -> (ErrorCode, Vec<(String, String)>) {
    let err = what_if(e, "rep", &changes).unwrap_err();
    let list = err
        .problems
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect();
    (err.code, list)
}

fn pair(path: &str, message: &str) -> (String, String) {
    (path.to_string(), message.to_string())
}

#[test]
fn a_change_is_read_whole_then_checked_against_the_activity() {
    let e = engine();
    // Everything wrong with the change itself, at once, with its paths.
    assert_eq!(
        problems(
            &e,
            json!([{ "op": "set_amount", "deal": 7, "amount": "abc" }])
        ),
        (
            ErrorCode::InvalidChange,
            vec![
                pair("changes[0].deal", "must be a string, not a number"),
                pair("changes[0].amount", "\"abc\" is not a decimal number"),
            ]
        )
    );
    // A well-formed change about a deal that is not there.
    for op in [
        json!({ "op": "remove_deal", "deal": "nope" }),
        json!({ "op": "set_stage", "deal": "nope", "stage": "activated" }),
    ] {
        assert_eq!(
            problems(&e, json!([op])),
            (
                ErrorCode::UnknownDeal,
                vec![pair(
                    "changes[0].deal",
                    "\"nope\" is not a deal of the activity"
                )]
            )
        );
    }
    // The line is checked against the deal it edits.
    assert_eq!(
        problems(
            &e,
            json!([{ "op": "set_amount", "deal": "D1", "amount": "5", "line": 3 }])
        ),
        (
            ErrorCode::InvalidChange,
            vec![pair(
                "changes[0].line",
                "must be a whole number from 0 to 0"
            )]
        )
    );
    assert_eq!(
        problems(
            &e,
            json!([{ "op": "remove_touch", "deal": "D1", "index": 0 }])
        ),
        (
            ErrorCode::InvalidChange,
            vec![pair("changes[0].index", "deal \"D1\" has no touches")]
        )
    );
    // The amount's path is the field's own.
    assert_eq!(
        problems(&e, json!([{ "op": "set_company_revenue", "amount": "-1" }])),
        (
            ErrorCode::InvalidChange,
            vec![pair("changes[0].amount", "must not be negative (-1)")]
        )
    );
    // The first failing change, in order, is the one reported: a later
    // change's typo does not hide an earlier change's unknown deal.
    let (code, list) = problems(
        &e,
        json!([{ "op": "remove_deal", "deal": "nope" }, { "op": "set_amount", "deal": "D1", "amuont": "5" }]),
    );
    assert_eq!(
        (code, list[0].0.as_str()),
        (ErrorCode::UnknownDeal, "changes[0].deal")
    );
    // The list of ops comes from the one table.
    let (_, list) = problems(&e, json!([{ "op": "explode" }]));
    assert_eq!(
        list,
        vec![pair(
            "changes[0].op",
            "\"explode\" is not a change; use add_deal, remove_deal, set_amount, set_stage, set_close_date, set_discount, set_product, add_touch, remove_touch, set_company_revenue, set_metric, upsert_lead or remove_lead"
        )]
    );
}
