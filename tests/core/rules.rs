//! The sales side of plan-format.md, rule by rule, each with its hand
//! arithmetic.

use crate::common::*;
use serde_json::json;

fn commission(extra: serde_json::Value) -> serde_json::Value {
    let mut c = json!({ "kind": "commission", "name": "Commission", "rate": "0.10" });
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    plan_with(json!([c]))
}

#[test]
fn tie_rounding_follows_the_mode() {
    // 1,234.50 × 1% = 12.345 exactly: half_even → 12.34, half_up → 12.35.
    let activity = activity_with(json!([deal("D1", "2027-01-10", "1234.5")]));
    let mut plan = commission(json!({ "rate": "0.01" }));
    assert_eq!(
        lines(&statement(&plan, &activity, "rep"), 0),
        vec![("12.34".into(), "12.34".into())]
    );
    plan["rounding"] = json!("half_up");
    assert_eq!(
        lines(&statement(&plan, &activity, "rep"), 0),
        vec![("12.35".into(), "12.35".into())]
    );
    // currency_scale 0: 105 × 10% = 10.5 → 10 (half_even), 11 (half_up).
    let activity = activity_with(json!([deal("D1", "2027-01-10", "105")]));
    let mut plan = commission(json!({}));
    plan["currency_scale"] = json!(0);
    let s = statement(&plan, &activity, "rep");
    assert_eq!(str_of(&s, "/earned"), "10");
    assert_eq!(str_of(&s, "/quota_credit"), "105");
    plan["rounding"] = json!("half_up");
    assert_eq!(str_of(&statement(&plan, &activity, "rep"), "/earned"), "11");
}

#[test]
fn totals_are_sums_of_rounded_lines() {
    // Three deals of 0.05 × 10% = 0.005 each: each line rounds (half-even) to
    // 0.00, so the total is 0.00 — not round(0.015) = 0.02.
    let activity = activity_with(json!([
        deal("D1", "2027-01-10", "0.05"),
        deal("D2", "2027-01-11", "0.05"),
        deal("D3", "2027-01-12", "0.05")
    ]));
    let s = statement(&commission(json!({})), &activity, "rep");
    assert_eq!(str_of(&s, "/earned"), "0.00");
    assert_eq!(lines(&s, 0).len(), 3);
}

fn tiered(mode: &str) -> serde_json::Value {
    commission(json!({ "tiers": { "mode": mode, "bands": [
        { "from": "0", "multiplier": "0" }, { "from": "0.5", "multiplier": "1" }, { "from": "1", "multiplier": "2" } ] } }))
}

#[test]
fn marginal_deal_straddling_two_bands() {
    // Quota 100,000. D1 40,000: 0 → 0.4, all in the ×0 threshold band → 0.00.
    // D2 30,000: 0.4 → 0.7: 0.1 at ×0 + 0.2 at ×1 → 0.2 / 0.3 = ×0.6667;
    // 30,000 × 10% × 2/3 = 2,000.00 (2/3 is not an exact decimal: 28 digits, then one rounding).
    let activity = activity_with(json!([
        deal("D1", "2027-01-10", "40000"),
        deal("D2", "2027-02-10", "30000")
    ]));
    let s = statement(&tiered("marginal"), &activity, "rep");
    assert_eq!(
        lines(&s, 0),
        vec![
            ("0.00".into(), "0.00".into()),
            ("2000.00".into(), "2000.00".into())
        ]
    );
    let explain = str_of(&s, "/components/0/lines/1/explain");
    assert!(
        explain.contains("marginal, attainment 40% → 70%"),
        "{explain}"
    );
}

#[test]
fn marginal_deals_in_close_date_then_id_order() {
    // Same close date: "D-10" sorts before "D-9" by code point, so D-10 fills
    // the threshold (0 → 0.5, ×0) and D-9 (0.5 → 1.0) earns at ×1:
    // 50,000 × 10% = 5,000.00. Lines are listed in that order too.
    let activity = activity_with(json!([
        deal("D-9", "2027-01-10", "50000"),
        deal("D-10", "2027-01-10", "50000")
    ]));
    let s = statement(&tiered("marginal"), &activity, "rep");
    assert_eq!(str_of(&s, "/components/0/lines/0/deal"), "D-10");
    assert_eq!(
        lines(&s, 0),
        vec![
            ("0.00".into(), "0.00".into()),
            ("5000.00".into(), "5000.00".into())
        ]
    );
}

#[test]
fn band_edge_exactly_hit() {
    // Retroactive: 50,000 / 100,000 = 0.5 exactly is the ×1 band (a band covers
    // its `from`): 50,000 × 10% × 1 = 5,000.00.
    let activity = activity_with(json!([deal("D1", "2027-01-10", "50000")]));
    let s = statement(&tiered("retroactive"), &activity, "rep");
    assert_eq!(str_of(&s, "/earned"), "5000.00");
    assert_eq!(str_of(&s, "/attainment"), "0.5");
    // next band is 1.0: needs 100,000 − 50,000 = 50,000.00 more, at ×2.
    assert_eq!(
        s["next_tier"],
        json!({ "attainment": "1", "quota_credit_needed": "50000.00", "multiplier": "2" })
    );
    // Marginal: the same deal spans [0, 0.5), all threshold → 0.00; the next
    // deal of 10,000 starts exactly at 0.5 and earns ×1 = 1,000.00.
    let activity = activity_with(json!([
        deal("D1", "2027-01-10", "50000"),
        deal("D2", "2027-01-11", "10000")
    ]));
    let s = statement(&tiered("marginal"), &activity, "rep");
    assert_eq!(
        lines(&s, 0),
        vec![
            ("0.00".into(), "0.00".into()),
            ("1000.00".into(), "1000.00".into())
        ]
    );
}

#[test]
fn threshold_pays_nothing_but_shows_the_line() {
    // 49,999.99 / 100,000 is under 0.5: ×0 on every deal (retroactive).
    let activity = activity_with(json!([deal("D1", "2027-01-10", "49999.99")]));
    let s = statement(&tiered("retroactive"), &activity, "rep");
    assert_eq!(lines(&s, 0), vec![("0.00".into(), "0.00".into())]);
    // 0.5 × 100,000 − 49,999.99 = 0.01 to the next band.
    assert_eq!(str_of(&s, "/next_tier/quota_credit_needed"), "0.01");
}

#[test]
fn accelerators_are_uncapped_past_the_last_band() {
    // 300,000 on a 100,000 quota, retroactive: band 1.0 (×2) applies to all:
    // 300,000 × 10% × 2 = 60,000.00, and no next tier.
    let activity = activity_with(json!([deal("D1", "2027-01-10", "300000")]));
    let s = statement(&tiered("retroactive"), &activity, "rep");
    assert_eq!(str_of(&s, "/earned"), "60000.00");
    assert!(s["next_tier"].is_null());
}

#[test]
fn decelerator_band_lowers_the_rate() {
    // Bands 0 ×1, 1.0 ×0.5 (a decelerator), marginal. One deal 150,000 on
    // 100,000 quota: 1.0 at ×1 + 0.5 at ×0.5 = 1.25 / 1.5 = ×0.8333…;
    // 150,000 × 10% × 0.8333… = 12,500.00.
    let plan = commission(json!({ "tiers": { "mode": "marginal", "bands": [
        { "from": "0", "multiplier": "1" }, { "from": "1", "multiplier": "0.5" } ] } }));
    let activity = activity_with(json!([deal("D1", "2027-01-10", "150000")]));
    assert_eq!(
        str_of(&statement(&plan, &activity, "rep"), "/earned"),
        "12500.00"
    );
}

#[test]
fn next_tier_is_rounded_up_to_the_cent() {
    // Quota 1,000.005: band 0.5 needs 500.0025 − 0 → 500.01 (rounded up, never down).
    let plan = tiered("marginal");
    let mut activity = activity_with(json!([]));
    activity["participants"][0]["quota"] = json!("1000.005");
    let s = statement(&plan, &activity, "rep");
    assert_eq!(str_of(&s, "/next_tier/quota_credit_needed"), "500.01");
    assert_eq!(str_of(&s, "/next_tier/attainment"), "0.5");
}

#[test]
fn cap_bites_on_earned_and_on_payable() {
    // Cap 1,000. D1 activated 8,000 × 10% = 800 (payable 800); D2 booked with
    // payout 50/50: 6,000 × 10% = 600, payable 300. Earned 1,400 > 1,000 →
    // cap line −400; payable 1,100 > 1,000 → cap line −100.
    let plan =
        commission(json!({ "cap": "1000", "payout": { "booked": "0.5", "activated": "0.5" } }));
    let mut d1 = deal("D1", "2027-01-10", "8000");
    d1["stage"] = json!("activated");
    let activity = activity_with(json!([d1, deal("D2", "2027-01-11", "6000")]));
    let s = statement(&plan, &activity, "rep");
    let l = lines(&s, 0);
    assert_eq!(l[2], ("-400.00".into(), "-100.00".into()));
    assert!(s["components"][0]["lines"][2]["deal"].is_null());
    assert!(s["components"][0]["lines"][2]["credit"].is_null());
    assert_eq!(str_of(&s, "/earned"), "1000.00");
    assert_eq!(str_of(&s, "/payable"), "1000.00");
}

#[test]
fn cap_bites_on_earned_only() {
    // Cap 1,000; one booked deal 15,000 × 10% = 1,500 earned, payout 50% → 750
    // payable. Earned is cut by 500; payable 750 is under the cap: cut 0.00.
    let plan =
        commission(json!({ "cap": "1000", "payout": { "booked": "0.5", "activated": "0.5" } }));
    let activity = activity_with(json!([deal("D1", "2027-01-10", "15000")]));
    let s = statement(&plan, &activity, "rep");
    assert_eq!(lines(&s, 0)[1], ("-500.00".into(), "0.00".into()));
    assert_eq!(str_of(&s, "/payable"), "750.00");
}

#[test]
fn uncapped_component_has_no_cap_line() {
    let activity = activity_with(json!([deal("D1", "2027-01-10", "1000000")]));
    let s = statement(&commission(json!({ "cap": "1000000" })), &activity, "rep");
    assert_eq!(lines(&s, 0).len(), 1);
}

#[test]
fn negative_margin_line_is_offset_within_its_deal() {
    // Margin basis: line A 1,000 − 400 = 600; line B 100 − 300 = −200.
    // The deal's margin 400 × 10% = 40.00 (B offsets A). A deal that is
    // negative as a whole stops at 0.00.
    let plan = commission(json!({ "basis": "margin" }));
    let activity = activity_with(json!([
        { "id": "D1", "type": "new", "close_date": "2027-01-10", "owners": [ { "participant": "rep", "split": "1" } ],
          "lines": [ { "amount": "1000", "cost": "400" }, { "amount": "100", "cost": "300" } ] },
        { "id": "D2", "type": "new", "close_date": "2027-01-11", "owners": [ { "participant": "rep", "split": "1" } ],
          "amount": "100", "cost": "250" }
    ]));
    let s = statement(&plan, &activity, "rep");
    assert_eq!(
        lines(&s, 0),
        vec![
            ("40.00".into(), "40.00".into()),
            ("0.00".into(), "0.00".into())
        ]
    );
    assert_eq!(str_of(&s, "/components/0/lines/0/credit"), "400.00");
    let explain = str_of(&s, "/components/0/lines/1/explain");
    assert!(explain.contains("never earns below 0"), "{explain}");
}

#[test]
fn cancelled_paid_deal_claws_back() {
    // D1 earns 100,000 × 10% = 10,000; D2 (cancelled) earns nothing and counts
    // for no quota, but the 2,500 paid on it stays in paid: due 10,000 − 2,500 − 1,000.
    let mut d2 = deal("D2", "2027-01-20", "50000");
    d2["stage"] = json!("cancelled");
    let mut activity = activity_with(json!([deal("D1", "2027-01-10", "100000"), d2]));
    activity["payments"] = json!([ { "participant": "rep", "deal": "D2", "amount": "2500" }, { "participant": "rep", "amount": 1000 } ]);
    let s = statement(&commission(json!({})), &activity, "rep");
    assert_eq!(lines(&s, 0).len(), 1);
    assert_eq!(str_of(&s, "/quota_credit"), "100000.00");
    assert_eq!(str_of(&s, "/paid"), "3500.00");
    assert_eq!(str_of(&s, "/due"), "6500.00");
    // Only the cancelled deal: due is negative.
    let mut d2 = deal("D2", "2027-01-20", "50000");
    d2["stage"] = json!("cancelled");
    let mut activity = activity_with(json!([d2]));
    activity["payments"] = json!([ { "participant": "rep", "deal": "D2", "amount": "2500" } ]);
    assert_eq!(
        str_of(&statement(&commission(json!({})), &activity, "rep"), "/due"),
        "-2500.00"
    );
}

#[test]
fn payout_stages_accumulate() {
    // 10,000 × 10% = 1,000 at booked 50%, installed +30%, activated +20%:
    // booked 500, installed 800, activated 1,000.
    let plan = commission(
        json!({ "payout": { "booked": "0.5", "installed": "0.3", "activated": "0.2" } }),
    );
    for (stage, payable) in [
        ("booked", "500.00"),
        ("installed", "800.00"),
        ("activated", "1000.00"),
    ] {
        let mut d = deal("D1", "2027-01-10", "10000");
        d["stage"] = json!(stage);
        let s = statement(&plan, &activity_with(json!([d])), "rep");
        assert_eq!(
            lines(&s, 0),
            vec![("1000.00".into(), payable.into())],
            "{stage}"
        );
    }
}

#[test]
fn splits_rates_by_type_and_filters() {
    // Hunter rates: new 10%, expansion 5%, renewal left out (no line).
    // D1 new 60% split of 50,000 → 30,000 × 10% = 3,000; D2 expansion 100% 20,000 × 5% = 1,000;
    // D3 renewal: no line; D4 partner-sourced is filtered out by sources.
    let plan = commission(
        json!({ "rate": null, "rates": { "new": "0.10", "expansion": "0.05" },
                                  "deals": { "sources": ["sales", "marketing"] } }),
    );
    let activity = json!({
        "participants": [ { "id": "rep", "role": "ae", "quota": "100000" }, { "id": "rep2", "role": "ae" } ],
        "deals": [
            { "id": "D1", "type": "new", "close_date": "2027-01-10", "amount": "50000",
              "owners": [ { "participant": "rep", "split": "0.6" }, { "participant": "rep2", "split": "0.4" } ] },
            { "id": "D2", "type": "expansion", "close_date": "2027-01-11", "amount": "20000", "owners": [ { "participant": "rep", "split": "1" } ] },
            { "id": "D3", "type": "renewal", "close_date": "2027-01-12", "amount": "90000", "owners": [ { "participant": "rep", "split": "1" } ] },
            { "id": "D4", "type": "new", "source": "partner", "close_date": "2027-01-13", "amount": "70000", "owners": [ { "participant": "rep", "split": "1" } ] }
        ]
    });
    let all = score(&plan, &activity);
    let rep = &all[0];
    assert_eq!(
        lines(rep, 0),
        vec![
            ("3000.00".into(), "3000.00".into()),
            ("1000.00".into(), "1000.00".into())
        ]
    );
    assert_eq!(str_of(rep, "/components/0/lines/0/credit"), "30000.00");
    // The quota (no filters) counts every counted deal: 30,000 + 20,000 + 90,000 + 70,000.
    assert_eq!(str_of(rep, "/quota_credit"), "210000.00");
    // rep2 has no quota: quota and attainment are null; 40% of D1 → 2,000.00.
    let rep2 = &all[1];
    assert!(rep2["quota"].is_null() && rep2["attainment"].is_null());
    assert_eq!(str_of(rep2, "/earned"), "2000.00");
}

#[test]
fn quota_credit_filters() {
    // Quota counts only new deals from marketing: D1 (new, marketing) 10,000.
    let mut plan = commission(json!({}));
    plan["roles"][0]["quota"] = json!({ "types": ["new"], "sources": ["marketing"] });
    let mut d1 = deal("D1", "2027-01-10", "10000");
    d1["source"] = json!("marketing");
    let d2 = deal("D2", "2027-01-11", "20000");
    let mut d3 = deal("D3", "2027-01-12", "30000");
    d3["type"] = json!("renewal");
    d3["source"] = json!("marketing");
    let s = statement(&plan, &activity_with(json!([d1, d2, d3])), "rep");
    assert_eq!(str_of(&s, "/quota_credit"), "10000.00");
    assert_eq!(str_of(&s, "/attainment"), "0.1");
}

#[test]
fn products_and_discount_bands() {
    // suite ×1.25; discount 1 − 9,000/10,000 = 10% exactly does not exceed the
    // 0.10 band → ×1: 9,000 × 10% × 1.25 = 1,125. A line 8,000 of 10,000 list
    // (20% off, above 0.10 but not above 0.20) → ×0.8: 8,000 × 10% × 0.8 = 640.
    let plan = commission(json!({ "products": { "suite": "1.25" },
        "discounts": [ { "above": "0.10", "multiplier": "0.8" }, { "above": "0.20", "multiplier": "0.5" } ] }));
    let activity = activity_with(json!([
        { "id": "D1", "type": "new", "close_date": "2027-01-10", "owners": [ { "participant": "rep", "split": "1" } ],
          "lines": [ { "product": "suite", "amount": "9000", "list_price": "10000" },
                     { "product": "other", "amount": "8000", "list_price": "10000" } ] }
    ]));
    let s = statement(&plan, &activity, "rep");
    assert_eq!(str_of(&s, "/earned"), "1765.00");
    let explain = str_of(&s, "/components/0/lines/0/explain");
    assert!(
        explain.contains("suite × 1.25") && explain.contains("× 0.8 for 20% discount"),
        "{explain}"
    );
}

#[test]
fn product_filter_selects_lines() {
    // Only "suite" lines pay: 9,000 × 10% = 900 (the other line is filtered out);
    // a deal without a suite line has no line at all; a line without product never passes.
    let plan = commission(json!({ "deals": { "products": ["suite"] } }));
    let activity = activity_with(json!([
        { "id": "D1", "type": "new", "close_date": "2027-01-10", "owners": [ { "participant": "rep", "split": "1" } ],
          "lines": [ { "product": "suite", "amount": "9000" }, { "product": "other", "amount": "8000" } ] },
        { "id": "D2", "type": "new", "close_date": "2027-01-10", "owners": [ { "participant": "rep", "split": "1" } ], "amount": "5000" }
    ]));
    let s = statement(&plan, &activity, "rep");
    assert_eq!(lines(&s, 0), vec![("900.00".into(), "900.00".into())]);
    assert_eq!(str_of(&s, "/components/0/lines/0/credit"), "9000.00");
}

#[test]
fn spif_pays_per_qualifying_deal_times_share() {
    // 500 per deal with a "suite" line × 50% split = 250; payable at booked only 50%.
    let plan = plan_with(
        json!([ { "kind": "spif", "name": "Suite launch", "amount": "500",
        "deals": { "products": ["suite"], "types": ["new"] }, "payout": { "booked": "0.5", "activated": "0.5" } } ]),
    );
    let activity = json!({
        "participants": [ { "id": "rep", "role": "ae" } ],
        "deals": [
            { "id": "D1", "type": "new", "close_date": "2027-01-10", "owners": [ { "participant": "rep", "split": "0.5" }, { "participant": "x", "split": "0.5" } ],
              "lines": [ { "product": "suite", "amount": "10000" }, { "product": "other", "amount": "1" } ] },
            { "id": "D2", "type": "renewal", "close_date": "2027-01-10", "owners": [ { "participant": "rep", "split": "1" } ], "product": "suite", "amount": "5" }
        ]
    });
    let s = statement(&plan, &activity, "rep");
    assert_eq!(lines(&s, 0), vec![("250.00".into(), "125.00".into())]);
    // credit: the share of the qualifying lines' revenue: 50% × 10,000.
    assert_eq!(str_of(&s, "/components/0/lines/0/credit"), "5000.00");
}

#[test]
fn period_includes_both_ends() {
    // Deals on 01-01 and 03-31 count; 12-31 and 04-01 do not.
    let activity = activity_with(json!([
        deal("A", "2026-12-31", "1"),
        deal("B", "2027-01-01", "100"),
        deal("C", "2027-03-31", "200"),
        deal("D", "2027-04-01", "1")
    ]));
    let s = statement(&commission(json!({})), &activity, "rep");
    assert_eq!(str_of(&s, "/quota_credit"), "300.00");
    assert_eq!(str_of(&s, "/earned"), "30.00");
}

#[test]
fn as_of_changes_no_number() {
    let mut a = activity_with(json!([deal("B", "2027-01-01", "100")]));
    let before = score(&commission(json!({})), &a);
    a["as_of"] = json!("2027-01-02");
    assert_eq!(score(&commission(json!({})), &a), before);
}

#[test]
fn people_scored_elsewhere_take_their_share_away() {
    // D1 is split 50/50 with someone not in this activity: rep still gets only 50%.
    let activity = activity_with(json!([
        { "id": "D1", "type": "new", "close_date": "2027-01-10", "amount": "1000",
          "owners": [ { "participant": "rep", "split": "0.5" }, { "participant": "elsewhere", "split": "0.5" } ] }
    ]));
    assert_eq!(
        str_of(
            &statement(&commission(json!({})), &activity, "rep"),
            "/earned"
        ),
        "50.00"
    );
}

#[test]
fn modifiers_multiply_and_apply_where_named() {
    // Two modifiers on the commission: company 1.1 (revenue 110 / target 100)
    // and a metric lead_followup 0.94 → band 0.9 gives ×0.95.
    // 1,000 × 10% × 1.1 × 0.95 = 104.50. The bonus is named by neither... the
    // company modifier applies to all (no applies_to): bonus 1,000 × 100% × 1.1 = 1,100.
    let mut plan = plan_with(json!([
        { "kind": "commission", "name": "Commission", "rate": "0.1" },
        { "kind": "bonus", "name": "Goal bonus", "target": "1000", "measure": "company", "curve": [ { "at": "1", "payout": "1" } ] },
        { "kind": "modifier", "name": "Company goal", "measure": "company",
          "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "1", "multiplier": "1.1" } ] },
        { "kind": "modifier", "name": "Lead follow-up", "measure": { "metric": "lead_followup" },
          "bands": [ { "from": "0", "multiplier": "0.8" }, { "from": "0.9", "multiplier": "0.95" } ], "applies_to": ["Commission"] }
    ]));
    plan["company_goal"] = json!({ "target": "100" });
    let mut activity = activity_with(json!([deal("D1", "2027-01-10", "1000")]));
    activity["company"] = json!({ "revenue": "110" });
    activity["participants"][0]["metrics"] = json!({ "lead_followup": 0.94 });
    let s = statement(&plan, &activity, "rep");
    assert_eq!(str_of(&s, "/components/0/earned"), "104.50");
    assert_eq!(str_of(&s, "/components/1/earned"), "1100.00");
    assert_eq!(str_of(&s, "/components/2/earned"), "0.00");
    assert_eq!(s["components"][2]["lines"], json!([]));
    assert_eq!(str_of(&s, "/company_attainment"), "1.1");
    let explain = str_of(&s, "/components/0/lines/0/explain");
    assert!(
        explain.contains("× 1.1 Company goal × 0.95 Lead follow-up"),
        "{explain}"
    );
}

#[test]
fn company_revenue_defaults_to_counted_deals() {
    // No company.revenue: 60 + 40 (the cancelled 1,000 and the out-of-period 500 do not count) = 100 of 200 → 0.5.
    let mut plan = commission(json!({}));
    plan["company_goal"] = json!({ "target": "200" });
    let mut c = deal("C", "2027-01-10", "1000");
    c["stage"] = json!("cancelled");
    let activity = activity_with(json!([
        deal("A", "2027-01-10", "60"),
        deal("B", "2027-02-10", "40"),
        c,
        deal("X", "2027-05-01", "500")
    ]));
    assert_eq!(
        str_of(&statement(&plan, &activity, "rep"), "/company_attainment"),
        "0.5"
    );
}

#[test]
fn bonus_uses_target_bonus_and_max_payout() {
    // Quota measure: 120,000 / 100,000 = 1.2; curve (1, 1) → (1.1, 1.5): past
    // the end slope 5 → 1.5 + 0.1 × 5 = 2.0, capped by max_payout 1.8.
    // target_bonus 5,000 × 1.8 = 9,000.00.
    let plan = plan_with(
        json!([ { "kind": "bonus", "name": "Quota bonus", "measure": "quota", "max_payout": "1.8",
        "curve": [ { "at": "1", "payout": "1" }, { "at": "1.1", "payout": "1.5" } ] } ]),
    );
    let mut activity = activity_with(json!([deal("D1", "2027-01-10", "120000")]));
    activity["participants"][0]["target_bonus"] = json!("5000");
    let s = statement(&plan, &activity, "rep");
    assert_eq!(lines(&s, 0), vec![("9000.00".into(), "9000.00".into())]);
    assert!(s["components"][0]["lines"][0]["deal"].is_null());
}

#[test]
fn joint_story_sales_and_marketing_rise_together() {
    // The joint-company-goal fixture at 4,400,000 (×1.1, bonus 125%) and at
    // 3,600,000 (0.9 of the 4,000,000 goal: ×0.9, bonus 0.5 + 0.1/0.2 × 0.5 = 75%).
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/joint-company-goal");
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).unwrap();
    let mut activity: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("activity.json")).unwrap()).unwrap();
    let up = score(&plan, &activity);
    activity["company"]["revenue"] = json!("3600000");
    let down = score(&plan, &activity);
    // Ada: (60,000 + 90,000) × 10% = 15,000 × 1.1 = 16,500 vs × 0.9 = 13,500.
    assert_eq!(str_of(&up[0], "/earned"), "16500.00");
    assert_eq!(str_of(&down[0], "/earned"), "13500.00");
    // Ben: 7,000 × 1.1 = 7,700 vs × 0.9 = 6,300.
    assert_eq!(str_of(&down[1], "/earned"), "6300.00");
    // Cho: 1,600 × 0.9 = 1,440 + bonus 10,000 × 75% = 7,500 → 8,940.00 (vs 14,260.00).
    assert_eq!(str_of(&up[2], "/earned"), "14260.00");
    assert_eq!(str_of(&down[2], "/components/1/earned"), "7500.00");
    assert_eq!(str_of(&down[2], "/earned"), "8940.00");
    assert_eq!(str_of(&down[2], "/company_attainment"), "0.9");
}
