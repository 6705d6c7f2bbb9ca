//! Attribution models with hand arithmetic, and the position rules.

use crate::common::*;
use incentive_widget::attribution::{attribute, pow2_neg};
use incentive_widget::model::activity::Deal;
use incentive_widget::model::names::Model;
use incentive_widget::model::plan::{Attribution, CustomWeights};
use incentive_widget::read::{activity, Reader};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A deal closing 2027-03-31 with touches (participant, date, marks).
fn deal_with(touches: &[(&str, &str, &[&str])]) -> Deal {
    let touches: Vec<Value> = touches
        .iter()
        .map(|(p, at, marks)| json!({ "participant": p, "at": at, "marks": marks }))
        .collect();
    let v = json!({ "id": "D", "type": "new", "close_date": "2027-03-31", "amount": "100",
                    "owners": [ { "participant": "o", "split": "1" } ], "touches": touches });
    let mut r = Reader::default();
    let deal = activity::deal(&mut r, &v, "deal");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    deal.unwrap()
}

fn model(m: Model) -> Attribution {
    Attribution {
        model: m,
        lookback_days: None,
        half_life_days: Some(d("7")),
        weights: None,
    }
}

/// Each participant's share, rounded to 10 places for comparison.
fn shares(a: &Attribution, deal: &Deal, who: &[&str]) -> Vec<Decimal> {
    let at = attribute(a, deal);
    // The weights sum exactly to their total: the shares sum to exactly 1.
    assert_eq!(
        at.touches.iter().map(|w| w.weight).sum::<Decimal>(),
        at.total
    );
    who.iter()
        .map(|p| at.share(deal, p).value().round_dp(10))
        .collect()
}

const FOUR: &[(&str, &str, &[&str])] = &[
    ("a", "2027-01-01", &[]),
    ("b", "2027-02-01", &["lead_created"]),
    ("c", "2027-03-01", &["opportunity_created"]),
    ("e", "2027-03-20", &[]),
];

#[test]
fn first_last_linear() {
    let deal = deal_with(FOUR);
    let who = ["a", "b", "c", "e"];
    assert_eq!(
        shares(&model(Model::FirstTouch), &deal, &who),
        vec![d("1"), d("0"), d("0"), d("0")]
    );
    assert_eq!(
        shares(&model(Model::LastTouch), &deal, &who),
        vec![d("0"), d("0"), d("0"), d("1")]
    );
    assert_eq!(
        shares(&model(Model::Linear), &deal, &who),
        vec![d("0.25"); 4]
    );
}

#[test]
fn position_models_with_every_position_held() {
    let deal = deal_with(FOUR);
    let who = ["a", "b", "c", "e"];
    // position_based: 40% first, 40% last, 20% over b and c → 10% each.
    assert_eq!(
        shares(&model(Model::PositionBased), &deal, &who),
        vec![d("0.4"), d("0.1"), d("0.1"), d("0.4")]
    );
    // u_shaped: 40% first, 40% lead, 20% over c and e.
    assert_eq!(
        shares(&model(Model::UShaped), &deal, &who),
        vec![d("0.4"), d("0.4"), d("0.1"), d("0.1")]
    );
    // w_shaped: 30/30/30, the rest 10% to e (the only touch holding no position).
    assert_eq!(
        shares(&model(Model::WShaped), &deal, &who),
        vec![d("0.3"), d("0.3"), d("0.3"), d("0.1")]
    );
    // full_path: 22.5% each; no rest touch → the 10% rest over the four held positions: 25% each.
    assert_eq!(
        shares(&model(Model::FullPath), &deal, &who),
        vec![d("0.25"); 4]
    );
}

#[test]
fn missing_position_goes_to_the_held_ones() {
    // No opportunity_created touch: w_shaped's 30% is split over first and lead
    // (15% each) → a 45%, b 45%, rest 10% to c (no mark now) and e: 5% each.
    let deal = deal_with(&[
        ("a", "2027-01-01", &[]),
        ("b", "2027-02-01", &["lead_created"]),
        ("c", "2027-03-01", &[]),
        ("e", "2027-03-20", &[]),
    ]);
    assert_eq!(
        shares(&model(Model::WShaped), &deal, &["a", "b", "c", "e"]),
        vec![d("0.45"), d("0.45"), d("0.05"), d("0.05")]
    );
}

#[test]
fn stacked_positions_add_up() {
    // One touch is first and lead_created: u_shaped gives it 40% + 40%; the
    // other two share the 20% rest.
    let deal = deal_with(&[
        ("a", "2027-01-01", &["lead_created"]),
        ("b", "2027-02-01", &[]),
        ("c", "2027-03-01", &[]),
    ]);
    assert_eq!(
        shares(&model(Model::UShaped), &deal, &["a", "b", "c"]),
        vec![d("0.8"), d("0.1"), d("0.1")]
    );
    // A single touch holds everything: 100%.
    let one = deal_with(&[("a", "2027-01-01", &[])]);
    for m in [
        Model::PositionBased,
        Model::UShaped,
        Model::WShaped,
        Model::FullPath,
        Model::FirstTouch,
        Model::LastTouch,
    ] {
        assert_eq!(shares(&model(m), &one, &["a"]), vec![d("1")], "{m:?}");
    }
}

#[test]
fn rest_without_rest_touches_spreads_over_held_positions() {
    // Two touches, position_based: first 40%, last 40%, the 20% rest has no
    // touch to go to → 10% to each held position: 50/50.
    let deal = deal_with(&[("a", "2027-01-01", &[]), ("b", "2027-02-01", &[])]);
    assert_eq!(
        shares(&model(Model::PositionBased), &deal, &["a", "b"]),
        vec![d("0.5"), d("0.5")]
    );
}

#[test]
fn first_carrier_of_a_mark_holds_the_position() {
    // Two touches marked lead_created: the first in touch order holds it.
    // u_shaped: a first 40%, b lead 40%, c (a second lead mark) rest 20%.
    let deal = deal_with(&[
        ("a", "2027-01-01", &[]),
        ("b", "2027-02-01", &["lead_created"]),
        ("c", "2027-03-01", &["lead_created"]),
    ]);
    assert_eq!(
        shares(&model(Model::UShaped), &deal, &["a", "b", "c"]),
        vec![d("0.4"), d("0.4"), d("0.2")]
    );
}

#[test]
fn touch_order_is_by_time_then_list_position() {
    // Listed out of order: the 01-01 touch is first whatever its place in the list;
    // two touches at the same time keep list order (x before y).
    let deal = deal_with(&[
        ("late", "2027-03-01", &[]),
        ("x", "2027-01-01", &[]),
        ("y", "2027-01-01T00:00:00Z", &[]),
    ]);
    assert_eq!(
        shares(&model(Model::FirstTouch), &deal, &["x", "y", "late"]),
        vec![d("1"), d("0"), d("0")]
    );
    assert_eq!(
        shares(&model(Model::LastTouch), &deal, &["x", "y", "late"]),
        vec![d("0"), d("0"), d("1")]
    );
}

#[test]
fn custom_weights() {
    // first 50%, last 50%, nothing else: with three touches the middle one gets 0.
    let deal = deal_with(&[
        ("a", "2027-01-01", &[]),
        ("b", "2027-02-01", &[]),
        ("c", "2027-03-01", &[]),
    ]);
    let a = Attribution {
        model: Model::Custom,
        lookback_days: None,
        half_life_days: None,
        weights: Some(CustomWeights {
            first: d("0.5"),
            last: d("0.5"),
            ..Default::default()
        }),
    };
    assert_eq!(
        shares(&a, &deal, &["a", "b", "c"]),
        vec![d("0.5"), d("0"), d("0.5")]
    );
}

#[test]
fn window_and_touches_without_a_participant() {
    // Lookback 30 days from 03-31: the 02-01 touch (58 days) is out; a touch after
    // the close date is out; the campaign touch with no participant takes its
    // linear share, which credits nobody: a gets 1/2.
    let v = json!({ "id": "D", "type": "new", "close_date": "2027-03-31", "amount": "100", "owners": [ { "participant": "o", "split": "1" } ],
        "touches": [ { "participant": "a", "at": "2027-02-01" }, { "participant": "a", "at": "2027-03-30T23:59:59Z" },
                     { "campaign": "Newsletter", "at": "2027-03-01" }, { "participant": "a", "at": "2027-04-01" } ] });
    let mut r = Reader::default();
    let deal = activity::deal(&mut r, &v, "deal").unwrap();
    let mut a = model(Model::Linear);
    a.lookback_days = Some(30);
    assert_eq!(shares(&a, &deal, &["a"]), vec![d("0.5")]);
    // No touch in the window: nobody is credited.
    a.lookback_days = Some(0);
    let at = attribute(&a, &deal);
    assert!(at.touches.is_empty());
    assert_eq!(at.share(&deal, "a").value(), Decimal::ZERO);
}

#[test]
fn utc_dates_decide_the_window() {
    // 2027-04-01T01:00:00+02:00 is 2027-03-31T23:00Z: on the close date, so in.
    let v = json!({ "id": "D", "type": "new", "close_date": "2027-03-31", "amount": "100", "owners": [ { "participant": "o", "split": "1" } ],
        "touches": [ { "participant": "a", "at": "2027-04-01T01:00:00+02:00" } ] });
    let mut r = Reader::default();
    let deal = activity::deal(&mut r, &v, "deal").unwrap();
    assert_eq!(shares(&model(Model::Linear), &deal, &["a"]), vec![d("1")]);
}

#[test]
fn time_decay_published_example() {
    // 7-day half-life; touches 9, 6, 0 and 0 days before a $50 conversion:
    // weights 2^(-9/7) = 0.41016, 2^(-6/7) = 0.55204, 1, 1; sum 2.96220
    // → 50 × share = 6.92, 9.32, 16.88, 16.88.
    let deal = deal_with(&[
        ("p9", "2027-03-22", &[]),
        ("p6", "2027-03-25", &[]),
        ("p0a", "2027-03-31", &[]),
        ("p0b", "2027-03-31T18:00:00Z", &[]),
    ]);
    let at = attribute(&model(Model::TimeDecay), &deal);
    let money: Vec<Decimal> = ["p9", "p6", "p0a", "p0b"]
        .iter()
        .map(|p| (d("50") * at.share(&deal, p).value()).round_dp(2))
        .collect();
    assert_eq!(money, vec![d("6.92"), d("9.32"), d("16.88"), d("16.88")]);
}

#[test]
fn pow2_is_precise() {
    assert_eq!(pow2_neg(d("0")), d("1"));
    assert_eq!(pow2_neg(d("1")), d("0.5"));
    assert_eq!(pow2_neg(d("3")), d("0.125"));
    // 2^(-0.5) = 0.70710678118654752440084436210484903928...
    assert_eq!(
        pow2_neg(d("0.5")).round_dp(24),
        d("0.707106781186547524400844")
    );
    // 2^(-9/7) = 0.410167678003818965585142341433748...
    assert_eq!(
        pow2_neg(d("9") / d("7")).round_dp(24),
        d("0.410167678003818965585142")
    );
    assert!(pow2_neg(d("500")).is_zero());
}

#[test]
fn attribution_credit_in_a_statement_names_the_model() {
    // The fixture's W-shaped walk-through: Fay is first and opportunity_created on D-501.
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/attribution-w-shaped-time-decay");
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).unwrap();
    let activity: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("activity.json")).unwrap()).unwrap();
    let fay = statement(&plan, &activity, "mkt-fay");
    let explain = str_of(&fay, "/components/0/lines/0/explain");
    assert!(
        explain.starts_with("60% (W-shaped of D-501: first touch"),
        "{explain}"
    );
    assert!(explain.contains("opportunity creation touch"), "{explain}");
}
