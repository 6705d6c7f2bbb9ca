//! Discretionary pools: bad allocations with their JSON paths, and on
//! random pools, allocations and live changes of company revenue, what the
//! pool pays never exceeds what it is funded with.

use crate::problems::{has, problems};
use incentive_widget::Engine;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn plan(extra: Value) -> Value {
    let mut components = vec![
        json!({ "kind": "discretionary", "name": "Pool", "pool": "100000",
        "curve": [ { "at": "0.8", "payout": "0.5" }, { "at": "1", "payout": "1" }, { "at": "1.2", "payout": "1.5" } ] }),
    ];
    if let Value::Array(more) = extra {
        components.extend(more);
    }
    json!({ "name": "P", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-03-31" },
            "company_goal": { "target": "1000000" },
            "roles": [ { "id": "mkt", "name": "Marketer", "components": components },
                       { "id": "rep", "name": "Rep", "components": [ { "kind": "commission", "name": "C", "rate": "0.1" } ] } ] })
}

fn activity(allocations: Value, revenue: &str) -> Value {
    json!({ "company": { "revenue": revenue },
            "participants": [ { "id": "a", "role": "mkt" }, { "id": "b", "role": "mkt" }, { "id": "r", "role": "rep" } ],
            "allocations": allocations })
}

#[test]
fn allocations_over_the_pool_are_an_error_naming_them() {
    // Funded at 100% (attainment 1): 100,000.00; 60,000 + 50% = 110,000.
    let a = activity(
        json!([ { "participant": "a", "component": "Pool", "amount": "60000" },
                            { "participant": "b", "component": "Pool", "share": "0.5" } ]),
        "1000000",
    );
    let found = problems(&plan(json!([])), &a);
    for i in 0..2 {
        has(&found, &format!("activity.allocations[{i}]"), "\"Pool\" is allocated 110,000.00 in all, beyond its funded pool of 100,000.00 (100,000.00 × 100% payout");
    }
    // Within the pool at a higher attainment (funded 125,000): accepted.
    assert!(problems(
        &plan(json!([])),
        &activity(
            json!([ { "participant": "a", "component": "Pool", "amount": "60000" },
        { "participant": "b", "component": "Pool", "share": "0.5" } ]),
            "1100000"
        )
    )
    .is_empty());
}

#[test]
fn an_allocation_names_a_participant_and_a_pool_of_their_role() {
    let a = activity(
        json!([
        { "participant": "nobody", "component": "Pool", "amount": "1" },
        { "participant": "r", "component": "Pool", "amount": "1" },
        { "participant": "a", "component": "Pool", "amount": "1" },
        { "participant": "a", "component": "Pool", "amount": "2" },
        { "participant": "b", "component": "Pool", "share": "0.7" },
        { "participant": "b", "component": "Other", "share": "0.7" } ]),
        "1000000",
    );
    let found = problems(&plan(json!([])), &a);
    has(
        &found,
        "activity.allocations[0].participant",
        "\"nobody\" is not a participant",
    );
    has(
        &found,
        "activity.allocations[1].component",
        "\"Pool\" is not a discretionary pool of role \"rep\"",
    );
    has(
        &found,
        "activity.allocations[3].participant",
        "\"a\" has another allocation of \"Pool\"",
    );
    has(
        &found,
        "activity.allocations[5].component",
        "\"Other\" is not a discretionary pool of role \"mkt\"",
    );
    let both = activity(
        json!([ { "participant": "a", "component": "Pool", "amount": "1", "share": "0.1" },
                               { "participant": "b", "component": "Pool" },
                               { "participant": "b", "component": "Pool", "share": "1.5" } ]),
        "1000000",
    );
    let found = problems(&plan(json!([])), &both);
    has(&found, "activity.allocations[0].share", "one of them");
    has(&found, "activity.allocations[1].share", "one of them");
    has(&found, "activity.allocations[2].share", "");
    let shares = activity(
        json!([ { "participant": "a", "component": "Pool", "share": "0.6" },
                                 { "participant": "b", "component": "Pool", "share": "0.6" } ]),
        "1300000",
    );
    has(
        &problems(&plan(json!([])), &shares),
        "activity.allocations[1].share",
        "add up to 1.2, more than the whole pool",
    );
}

#[test]
fn a_pool_is_funded_by_the_company_and_no_modifier_applies() {
    let m = json!([ { "kind": "modifier", "name": "M", "measure": "company",
                      "bands": [ { "from": "0", "multiplier": "1" } ], "applies_to": ["Pool"] } ]);
    has(
        &problems(&plan(m), &activity(json!([]), "1")),
        "plan.roles[0].components[1].applies_to[0]",
        "is a discretionary pool",
    );
    let mut p = plan(json!([]));
    p["roles"][0]["components"][0]["measure"] = json!("quota");
    has(
        &problems(&p, &activity(json!([]), "1")),
        "plan.roles[0].components[0].measure",
        "must be \"company\"",
    );
    let mut p = plan(json!([]));
    p["roles"][1]["components"] = p["roles"][0]["components"].clone();
    has(
        &problems(&p, &activity(json!([]), "1")),
        "plan.roles[1].components[0].name",
        "discretionary pool name",
    );
    let mut p = plan(json!([]));
    p.as_object_mut().unwrap().remove("company_goal");
    has(
        &problems(&p, &activity(json!([]), "1")),
        "plan.roles[0].components[0].measure",
        "no company_goal",
    );
}

#[test]
fn a_default_modifier_leaves_the_pool_alone() {
    let m = json!([ { "kind": "modifier", "name": "M", "measure": "company",
                      "bands": [ { "from": "0", "multiplier": "2" } ] } ]);
    let e = Engine::from_json(
        &plan(m).to_string(),
        &activity(
            json!([ { "participant": "a", "component": "Pool", "amount": "1000" } ]),
            "1000000",
        )
        .to_string(),
    )
    .unwrap();
    assert_eq!(e.statement("a").unwrap().earned.to_string(), "1000.00");
    assert!(e.facts("a").unwrap().modifiers[0].applies_to.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn what_a_pool_pays_never_exceeds_what_it_holds(
        a in prop::option::of(0u32..=100),
        b in prop::option::of(0u32..60_000),
        revenue in 700_000u32..1_400_000,
        later in 0u32..1_400_000,
    ) {
        // Allocations that fit at the loading revenue (or the documents are refused).
        let mut list = Vec::new();
        if let Some(pct) = a {
            list.push(json!({ "participant": "a", "component": "Pool", "share": format!("0.{pct:02}") }));
        }
        if let Some(x) = b {
            list.push(json!({ "participant": "b", "component": "Pool", "amount": x.to_string() }));
        }
        let p = plan(json!([]));
        let Ok(mut e) = Engine::from_json(&p.to_string(), &activity(json!(list), &revenue.to_string()).to_string()) else {
            return Ok(());
        };
        for r in [None, Some(later)] {
            if let Some(r) = r {
                // A live change may shrink the pool below what is allocated.
                e.set_company_revenue(Some(&json!(r.to_string()))).unwrap();
            }
            let paid: Decimal = ["a", "b"].iter().map(|w| e.statement(w).unwrap().earned).sum();
            let line = e.statement("a").unwrap().components[0].lines[0].explain.clone();
            let funded: Decimal = line.split(" = ").nth(1).unwrap().split(' ').next().unwrap().replace(',', "").parse().unwrap();
            prop_assert!(paid <= funded, "paid {} from a pool of {}: {}", paid, funded, line);
        }
    }
}

#[test]
fn shares_adding_up_to_one_never_pay_more_than_the_pool() {
    // Funded at 100,000 × 1.00002… → 100,000.01 (odd cents), half-up: two halves are 5… each
    // rounded down, 50,000.00 + 50,000.00 ≤ 100,000.01: accepted.
    let mut p = plan(json!([]));
    p["rounding"] = json!("half_up");
    let a = activity(
        json!([ { "participant": "a", "component": "Pool", "share": "0.5" },
                            { "participant": "b", "component": "Pool", "share": "0.5" } ]),
        "1000000.04",
    );
    let e = Engine::from_json(&p.to_string(), &a.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    let paid: Decimal = ["a", "b"]
        .iter()
        .map(|w| e.statement(w).unwrap().earned)
        .sum();
    let line = e.statement("a").unwrap().components[0].lines[0]
        .explain
        .clone();
    assert!(
        line.contains("= 100,000.01 funded; your share 50% = 50,000.00"),
        "{line}"
    );
    assert_eq!(paid.to_string(), "100000.00");
}

#[test]
fn what_was_allocated_elsewhere_counts_and_is_named() {
    let mut a = activity(
        json!([ { "participant": "a", "component": "Pool", "amount": "30000" } ]),
        "1000000",
    );
    a["allocated_elsewhere"] = json!([ { "component": "Pool", "amount": "80000" } ]);
    let found = problems(&plan(json!([])), &a);
    has(
        &found,
        "activity.allocated_elsewhere[0]",
        "allocated 110,000.00 in all",
    );
    has(
        &found,
        "activity.allocations[0]",
        "allocated 110,000.00 in all",
    );
    a["allocated_elsewhere"] = json!([ { "component": "Pool", "amount": "0.001" } ]);
    has(
        &problems(&plan(json!([])), &a),
        "activity.allocated_elsewhere[0].amount",
        "more decimals than the currency scale",
    );
    a["allocated_elsewhere"] = json!([ { "component": "Pool", "amount": "50000" } ]);
    let e = Engine::from_json(&plan(json!([])).to_string(), &a.to_string()).unwrap();
    let line = e.statement("b").unwrap().components[0].lines[0]
        .explain
        .clone();
    assert!(
        line.ends_with(
            "decided by your manager: up to 20,000.00 (80,000.00 of it allocated already)"
        ),
        "{line}"
    );
}

#[test]
fn one_viewers_cut_moves_with_company_revenue_as_the_whole_does() {
    // Colleagues' allocations travel without their names, a share as a
    // share: a what-if on company revenue scales them the same way.
    let a = activity(
        json!([ { "participant": "a", "component": "Pool", "amount": "30000" },
                            { "participant": "b", "component": "Pool", "share": "0.6" } ]),
        "1200000",
    );
    let mut whole = Engine::from_json(&plan(json!([])).to_string(), &a.to_string()).unwrap();
    let doc = whole.activity_for("a").unwrap();
    assert!(
        !doc.to_string().contains("\"b\""),
        "a colleague's id in the cut: {doc}"
    );
    let mut cut = Engine::from_json(&plan(json!([])).to_string(), &doc.to_string()).unwrap();
    for revenue in ["1200000", "1000000", "850000"] {
        for e in [&mut whole, &mut cut] {
            e.set_company_revenue(Some(&json!(revenue))).unwrap();
        }
        assert_eq!(
            cut.statement("a").unwrap(),
            whole.statement("a").unwrap(),
            "at {revenue}"
        );
    }
}

#[test]
fn a_pool_beyond_28_digits_is_refused_at_its_path_not_a_panic() {
    let mut p = plan(json!([]));
    p["roles"][0]["components"][0]["pool"] = json!("900000000000000");
    p["roles"][0]["components"][0]["curve"] = json!([ { "at": "0", "payout": "900000000000000" } ]);
    let a = activity(
        json!([ { "participant": "a", "component": "Pool", "amount": "1" } ]),
        "1000000",
    );
    let found = problems(&p, &a);
    has(
        &found,
        "plan.roles[0].components[0].pool",
        "goes beyond 28 significant digits",
    );
}
