//! Exact to the last tie: a share that is a ratio of exact weights is an
//! exact rational, and every figure computed from it rounds as that
//! rational would (plan-format.md, Precise rules). Each test has the
//! calculator arithmetic in its comments.

use crate::common::*;
use serde_json::{json, Value};

/// Six touches on one deal under W-shaped attribution: first (t1),
/// lead_created (t2) and opportunity_created (t3) hold 30% each; t4, t5 and
/// t6 share the 10% rest: 1/30 each. `mkt` holds t4 alone, so their share
/// is exactly 1/30 (weights 0.3 of a total 9 as the engine scales them).
fn six_touches() -> Value {
    json!([
        { "participant": "other", "campaign": "Ads", "at": "2027-01-01" },
        { "participant": "other", "campaign": "Webinar", "at": "2027-01-02", "marks": ["lead_created"] },
        { "participant": "other", "campaign": "Demo", "at": "2027-01-03", "marks": ["opportunity_created"] },
        { "participant": "mkt", "campaign": "Newsletter", "at": "2027-01-04" },
        { "participant": "other", "campaign": "Retargeting", "at": "2027-01-05" },
        { "participant": "other", "campaign": "Event", "at": "2027-01-06" }
    ])
}

fn marketer_activity(amount: &str) -> Value {
    json!({
        "company": { "revenue": "1000000" },
        "participants": [ { "id": "mkt", "role": "mk", "quota": "100000" } ],
        "deals": [ { "id": "D1", "type": "new", "close_date": "2027-01-10", "amount": amount,
                     "owners": [ { "participant": "rep", "split": "1" } ],
                     "touches": six_touches() } ]
    })
}

fn marketer_plan(components: Value) -> Value {
    json!({
        "format": "incentive-plan/1", "name": "Exact", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "company_goal": { "target": "1000000" },
        "roles": [ { "id": "mk", "name": "Marketing",
                     "quota": { "credit": "attribution", "attribution": { "model": "w_shaped" } },
                     "components": components } ]
    })
}

#[test]
fn the_published_tie_rounds_as_the_exact_value() {
    // 150 per deal × 1/30 × 1.15 = 5.75 exactly; 50% payable at booked is
    // the tie 2.875, which rounds half-even to 2.88 (half-up: 2.88 too).
    // Cut to 28 digits first, 1/30 = 0.0333…3 would give 5.7499… and 2.87.
    let plan = marketer_plan(json!([
        { "kind": "spif", "name": "Launch", "amount": "150", "credit": "attribution",
          "attribution": { "model": "w_shaped" },
          "payout": { "booked": "0.5", "installed": "0.5" } },
        { "kind": "modifier", "name": "Company", "measure": "company",
          "bands": [ { "from": "0", "multiplier": "1.15" } ] }
    ]));
    let s = statement(&plan, &marketer_activity("1000"), "mkt");
    assert_eq!(lines(&s, 0), vec![("5.75".into(), "2.88".into())]);
    assert_eq!(str_of(&s, "/payable"), "2.88");
    let explain = str_of(&s, "/components/0/lines/0/explain");
    assert!(explain.contains("= 5.75"), "{explain}");
    assert!(explain.contains("= 2.88"), "{explain}");
    // credit: 1/30 of 1,000.00 = 33.333… → 33.33
    assert_eq!(str_of(&s, "/components/0/lines/0/credit"), "33.33");
}

#[test]
fn the_credit_needed_is_rounded_up_from_the_exact_need() {
    // 896,172.00 × 1/30 = 29,872.40 exactly of a 100,000 quota. The next
    // band starts at 0.5, so 50,000 − 29,872.40 = 20,127.60 is needed: not a
    // cent more (a cut 1/30 gives 29,872.3999… and a need of 20,127.61).
    let plan = marketer_plan(json!([
        { "kind": "commission", "name": "Pipeline", "rate": "0.01", "credit": "attribution",
          "attribution": { "model": "w_shaped" },
          "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "0" },
                                                    { "from": "0.5", "multiplier": "1" } ] } }
    ]));
    let s = statement(&plan, &marketer_activity("896172"), "mkt");
    assert_eq!(str_of(&s, "/quota_credit"), "29872.40");
    assert_eq!(str_of(&s, "/next_tier/quota_credit_needed"), "20127.60");
    // 0.2987240 of quota, exactly
    assert_eq!(s["attainment"], json!("0.298724"));
}

#[test]
fn a_band_edge_is_decided_on_the_exact_credit() {
    // 1,500,000.00 × 1/30 = 50,000.00 exactly: attainment exactly 0.5 of
    // the 100,000 quota, which is in the ×1 band (an edge belongs to the
    // band above). Retroactive: 50,000.00 × 1% × 1 = 500.00. The next band
    // is 1.0, 50,000.00 away. A cut 1/30 leaves the credit at 49,999.99…:
    // ×0 (earned 0.00) and "0.5 needs 0.01".
    let plan = marketer_plan(json!([
        { "kind": "commission", "name": "Pipeline", "rate": "0.01", "credit": "attribution",
          "attribution": { "model": "w_shaped" },
          "tiers": { "mode": "retroactive", "bands": [ { "from": "0", "multiplier": "0" },
                                                       { "from": "0.5", "multiplier": "1" },
                                                       { "from": "1.0", "multiplier": "2" } ] } }
    ]));
    let s = statement(&plan, &marketer_activity("1500000"), "mkt");
    assert_eq!(lines(&s, 0), vec![("500.00".into(), "500.00".into())]);
    assert_eq!(str_of(&s, "/quota_credit"), "50000.00");
    assert_eq!(s["attainment"], json!("0.5"));
    assert_eq!(s["next_tier"]["attainment"], json!("1"));
    assert_eq!(str_of(&s, "/next_tier/quota_credit_needed"), "50000.00");
}

#[test]
fn paid_is_the_exact_sum_of_the_payments_rounded_once() {
    // currency_scale 0: payments 2,957.58 and 0.42 sum to 2,958.00 exactly →
    // paid 2,958. Rounded one by one they would be 2,958 + 0 = 2,958 here,
    // but 0.5 + 0.5 shows the difference: exactly 1 → 1, one by one
    // (half-even) 0 + 0 = 0.
    let mut plan = plan_with(json!([{ "kind": "commission", "name": "C", "rate": "0.10" }]));
    plan["currency_scale"] = json!(0);
    let mut a = activity_with(json!([deal("D1", "2027-01-10", "100000")]));
    a["payments"] = json!([
        { "participant": "rep", "deal": "D1", "amount": "2957.58" },
        { "participant": "rep", "deal": "D1", "amount": "0.42" }
    ]);
    let s = statement(&plan, &a, "rep");
    assert_eq!(str_of(&s, "/paid"), "2958");
    assert_eq!(str_of(&s, "/due"), "7042");
    a["payments"] = json!([
        { "participant": "rep", "deal": "D1", "amount": "0.5" },
        { "participant": "rep", "deal": "D1", "amount": "0.5" }
    ]);
    let s = statement(&plan, &a, "rep");
    assert_eq!(str_of(&s, "/paid"), "1");
    assert_eq!(str_of(&s, "/due"), "9999");
}
