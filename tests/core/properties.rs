//! Property tests: statements add up, splits and shares neither create nor
//! lose money, attribution shares sum to 1 for every model.

use incentive_widget::attribution::attribute;
use incentive_widget::model::names::Model;
use incentive_widget::model::plan::{Attribution, CustomWeights};
use incentive_widget::read::{activity, Reader};
use incentive_widget::Engine;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

const PEOPLE: [&str; 4] = ["p0", "p1", "p2", "p3"];
const MODELS: [&str; 8] = [
    "first_touch",
    "last_touch",
    "linear",
    "time_decay",
    "position_based",
    "u_shaped",
    "w_shaped",
    "full_path",
];

fn money() -> impl Strategy<Value = String> {
    (0u64..10_000_000).prop_map(|c| format!("{}.{:02}", c / 100, c % 100))
}

/// Splits in hundredths that sum to exactly 1 over 1–3 distinct owners.
fn owners() -> impl Strategy<Value = Value> {
    (proptest::sample::subsequence(PEOPLE.to_vec(), 1..=3), 1u32..100).prop_map(|(who, cut)| {
        let parts: Vec<u32> = match who.len() {
            1 => vec![100],
            2 => vec![cut, 100 - cut],
            _ => {
                let a = cut.clamp(1, 98);
                let b = (100 - a) / 2;
                vec![a, b, 100 - a - b]
            }
        };
        Value::Array(who.iter().zip(parts).map(|(p, s)| json!({ "participant": p, "split": format!("{}", Decimal::new(i64::from(s), 2)) })).collect())
    })
}

fn touch() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(proptest::sample::select(PEOPLE.to_vec())),
        0i64..120,
        0u8..4,
    )
        .prop_map(|(p, days, marks)| {
            let date = format!("2027-{:02}-{:02}", 1 + days / 30, 1 + days % 28);
            let marks: Vec<&str> = match marks {
                1 => vec!["lead_created"],
                2 => vec!["opportunity_created"],
                3 => vec!["lead_created", "opportunity_created"],
                _ => vec![],
            };
            match p {
                Some(p) => json!({ "participant": p, "at": date, "marks": marks }),
                None => json!({ "campaign": "Newsletter", "at": date, "marks": marks }),
            }
        })
}

fn deal(i: usize) -> impl Strategy<Value = Value> {
    (
        proptest::collection::vec(
            (
                money(),
                proptest::option::of(money()),
                proptest::sample::select(vec!["suite", "hw", "svc"]),
            ),
            1..3,
        ),
        proptest::sample::select(vec!["new", "expansion", "renewal"]),
        proptest::sample::select(vec!["booked", "installed", "activated", "cancelled"]),
        0i64..100,
        owners(),
        proptest::collection::vec(touch(), 0..5),
    )
        .prop_map(move |(lines, t, stage, day, owners, touches)| {
            let lines: Vec<Value> = lines
                .into_iter()
                .map(|(amount, cost, product)| match cost {
                    Some(c) => json!({ "amount": amount, "cost": c, "product": product }),
                    None => json!({ "amount": amount, "cost": "0", "product": product }),
                })
                .collect();
            json!({ "id": format!("D{i}"), "type": t, "stage": stage, "source": "marketing",
                    "close_date": format!("2027-{:02}-{:02}", 1 + day / 30, 1 + day % 28),
                    "owners": owners, "lines": lines, "touches": touches })
        })
}

fn activity_doc() -> impl Strategy<Value = Value> {
    proptest::collection::vec(any::<u8>(), 0..14).prop_flat_map(|seeds| {
        let deals: Vec<_> = (0..seeds.len()).map(deal).collect();
        (deals, proptest::collection::vec(1u64..500_000, 4)).prop_map(|(deals, quotas)| {
            let participants: Vec<Value> = PEOPLE
                .iter()
                .zip(quotas)
                .enumerate()
                .map(|(i, (p, q))| json!({ "id": p, "role": if i < 2 { "ae" } else { "mkt" }, "quota": q.to_string(), "target_bonus": "1000" }))
                .collect();
            json!({ "company": { "revenue": "900000" }, "participants": participants, "deals": deals,
                    "payments": [ { "participant": "p0", "amount": "12.34" } ] })
        })
    })
}

fn plan_doc() -> impl Strategy<Value = Value> {
    (
        proptest::sample::select(vec!["marginal", "retroactive"]),
        proptest::collection::vec(1u32..300, 0..4),
        proptest::sample::select(MODELS.to_vec()),
        proptest::option::of(1u32..50_000),
        proptest::sample::select(vec!["half_even", "half_up"]),
    )
        .prop_map(|(mode, mut steps, model, cap, rounding)| {
            steps.sort_unstable();
            steps.dedup();
            let mut bands = vec![json!({ "from": "0", "multiplier": "0.5" })];
            bands.extend(steps.iter().enumerate().map(|(i, s)| json!({ "from": format!("{}", Decimal::new(i64::from(*s), 2)), "multiplier": format!("{}", i + 1) })));
            let attribution = json!({ "model": model, "half_life_days": "7", "lookback_days": 90 });
            json!({
                "name": "Random", "currency": "USD", "rounding": rounding,
                "period": { "start": "2027-01-01", "end": "2027-03-31" },
                "company_goal": { "target": "1000000" },
                "roles": [
                    { "id": "ae", "name": "AE", "components": [
                        { "kind": "commission", "name": "Commission", "rates": { "new": "0.1", "expansion": "0.05" },
                          "products": { "suite": "1.25" }, "tiers": { "mode": mode, "bands": bands },
                          "cap": cap.map(|c| c.to_string()), "payout": { "booked": "0.5", "activated": "0.5" } },
                        { "kind": "spif", "name": "Suite", "amount": "250", "deals": { "products": ["suite"] } },
                        { "kind": "modifier", "name": "Goal", "measure": "company",
                          "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "1", "multiplier": "1.1" } ] } ] },
                    { "id": "mkt", "name": "Marketing", "quota": { "credit": "attribution", "attribution": attribution },
                      "components": [
                        { "kind": "commission", "name": "Influenced", "credit": "attribution", "attribution": attribution, "rate": "0.02", "basis": "margin" },
                        { "kind": "bonus", "name": "Bonus", "measure": "quota", "curve": [ { "at": "0.5", "payout": "0.5" }, { "at": "1", "payout": "1" } ] } ] }
                ]
            })
        })
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn statements_add_up(plan in plan_doc(), activity in activity_doc()) {
        let e = Engine::from_values(&plan, &activity).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for s in e.statements().map_err(|e| TestCaseError::fail(e.to_string()))? {
            let s = s.to_json();
            let mut earned = Decimal::ZERO;
            let mut payable = Decimal::ZERO;
            for c in s["components"].as_array().unwrap() {
                let le: Decimal = c["lines"].as_array().unwrap().iter().map(|l| dec(&l["earned"])).sum();
                let lp: Decimal = c["lines"].as_array().unwrap().iter().map(|l| dec(&l["payable"])).sum();
                prop_assert_eq!(le, dec(&c["earned"]));
                prop_assert_eq!(lp, dec(&c["payable"]));
                earned += le;
                payable += lp;
                // Every money figure is at the currency scale.
                for l in c["lines"].as_array().unwrap() {
                    prop_assert_eq!(dec(&l["earned"]).scale(), 2);
                    prop_assert!(!l["explain"].as_str().unwrap().is_empty());
                }
            }
            prop_assert_eq!(earned, dec(&s["earned"]));
            prop_assert_eq!(payable, dec(&s["payable"]));
            prop_assert_eq!(dec(&s["payable"]) - dec(&s["paid"]), dec(&s["due"]));
        }
    }

    /// The payout timeline adds up to what was earned (caps included),
    /// paid + due = payable, and each deal's earned is its payable plus
    /// what waits for a stage.
    #[test]
    fn payouts_add_up(plan in plan_doc(), activity in activity_doc()) {
        let e = Engine::from_values(&plan, &activity).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for s in e.statements().map_err(|e| TestCaseError::fail(e.to_string()))? {
            let p = e.payouts(&s.participant).unwrap();
            prop_assert_eq!((p.earned, p.payable, p.paid, p.due), (s.earned, s.payable, s.paid, s.due));
            prop_assert_eq!(p.timeline.iter().map(|x| x.amount).sum::<Decimal>(), s.earned);
            for d in &p.deals {
                prop_assert_eq!(d.paid + d.due, d.payable);
                if d.stage != "cancelled" {
                    prop_assert_eq!(d.payable + d.waiting.iter().map(|w| w.amount).sum::<Decimal>(), d.earned);
                }
            }
        }
    }

    /// Every deal line's terms (its words for people) give the line's own
    /// earned and payable.
    #[test]
    fn line_terms_give_every_line(plan in plan_doc(), activity in activity_doc()) {
        let e = Engine::from_values(&plan, &activity).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for s in e.statements().map_err(|e| TestCaseError::fail(e.to_string()))? {
            for c in &s.components {
                for line in c.lines.iter().filter(|l| l.deal.is_some()) {
                    let t = e.line_terms(&s.participant, &c.name, line.deal.as_deref().unwrap()).unwrap();
                    let t = t.ok_or_else(|| TestCaseError::fail(format!("{} {}: no terms", c.name, line.deal.as_deref().unwrap())))?;
                    prop_assert_eq!((t.earned, t.payable), (line.earned, line.payable));
                }
            }
        }
    }

    /// The three levels of detail give the same numbers: `headline` is the
    /// statement without the deal lines' sentences, `totals` without lines.
    #[test]
    fn headline_and_totals_are_the_statement_figures(plan in plan_doc(), activity in activity_doc()) {
        let e = Engine::from_values(&plan, &activity).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for s in e.statements().map_err(|e| TestCaseError::fail(e.to_string()))? {
            let mut h = e.headline(&s.participant).unwrap();
            let mut t = e.totals(&s.participant).unwrap();
            let mut full = s.clone();
            // Headline figures leave out the deal lines' sentences; a bonus's
            // or cap's single sentence stays.
            for c in &mut full.components {
                for l in c.lines.iter_mut().filter(|l| l.deal.is_some()) {
                    l.explain.clear();
                }
            }
            prop_assert_eq!(&h, &full);
            prop_assert!(t.components.iter().all(|c| c.lines.is_empty()));
            for c in h.components.iter_mut().chain(full.components.iter_mut()) {
                c.lines.clear();
            }
            t.components.iter_mut().for_each(|c| c.lines.clear());
            prop_assert_eq!(&t, &full);
            prop_assert_eq!(&h, &t);
        }
    }

    #[test]
    fn splits_never_create_or_lose_money(activity in activity_doc()) {
        // A flat 10% on revenue, no tiers, caps or modifiers: the owners' lines
        // of a deal add up to 10% of it, give or take half a cent per line.
        let plan = json!({ "name": "Flat", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-03-31" },
            "roles": [ { "id": "ae", "name": "AE", "components": [ { "kind": "commission", "name": "C", "rate": "0.1" } ] },
                       { "id": "mkt", "name": "M", "components": [ { "kind": "commission", "name": "C", "rate": "0.1" } ] } ] });
        let e = Engine::from_values(&plan, &activity).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let statements: Vec<Value> = e.statements().unwrap().iter().map(|s| s.to_json()).collect();
        for d in activity["deals"].as_array().unwrap() {
            let id = d["id"].as_str().unwrap();
            let Some(deal) = e.deal(id) else { continue };
            let counted = deal.stage != incentive_widget::model::names::Stage::Cancelled && e.plan().in_period(deal.close_date);
            let lines: Vec<&Value> = statements.iter().flat_map(|s| s["components"][0]["lines"].as_array().unwrap()).filter(|l| l["deal"] == id).collect();
            let paid: Decimal = lines.iter().map(|l| dec(&l["earned"])).sum();
            let credit: Decimal = lines.iter().map(|l| dec(&l["credit"])).sum();
            let expected = if counted { deal.revenue() * Decimal::new(1, 1) } else { Decimal::ZERO };
            let slack = Decimal::new(5, 3) * Decimal::from(lines.len().max(1));
            prop_assert!((paid - expected).abs() <= slack, "{id}: {paid} vs {expected}");
            let revenue = if counted { deal.revenue() } else { Decimal::ZERO };
            prop_assert!((credit - revenue).abs() <= slack, "{id}: credit {credit} vs {revenue}");
        }
    }

    #[test]
    fn attribution_shares_sum_to_one(touches in proptest::collection::vec(touch(), 0..8), model in 0usize..9, lookback in proptest::option::of(0u32..200)) {
        let v = json!({ "id": "D", "type": "new", "close_date": "2027-03-31", "amount": "100",
                        "owners": [ { "participant": "p0", "split": "1" } ], "touches": touches });
        let mut r = Reader::default();
        let deal = activity::deal(&mut r, &v, "deal").unwrap();
        let a = if model == 8 {
            Attribution { model: Model::Custom, lookback_days: lookback, half_life_days: None,
                weights: Some(CustomWeights { first: Decimal::new(2, 1), lead_created: Decimal::new(15, 2), opportunity_created: Decimal::new(15, 2), last: Decimal::new(3, 1), rest: Decimal::new(2, 1) }) }
        } else {
            Attribution { model: Model::parse(MODELS[model]).unwrap(), lookback_days: lookback, half_life_days: Some(Decimal::new(7, 0)), weights: None }
        };
        let at = attribute(&a, &deal);
        // The weights sum exactly to the total, so the shares, as fractions, sum to exactly 1.
        prop_assert_eq!(at.touches.iter().map(|w| w.weight).sum::<Decimal>(), at.total);
        prop_assert!(at.touches.iter().all(|w| w.weight >= Decimal::ZERO));
        let mut people: Vec<Option<&str>> = deal.touches.iter().map(|t| t.participant.as_deref()).collect();
        people.sort();
        people.dedup();
        let shares: Vec<Decimal> = people.iter().flatten().map(|p| at.share(&deal, p).value()).collect();
        for s in &shares {
            prop_assert!(*s >= Decimal::ZERO && *s <= Decimal::ONE, "share {s}");
        }
        let sum: Decimal = shares.iter().sum();
        prop_assert!(sum <= Decimal::ONE + Decimal::new(1, 26), "sum {sum}");
        if !at.touches.is_empty() && deal.touches.iter().all(|t| t.participant.is_some()) {
            prop_assert!((sum - Decimal::ONE).abs() < Decimal::new(1, 25), "sum {sum}");
        }
    }

    #[test]
    fn attributed_credit_never_exceeds_the_deals(plan in plan_doc(), activity in activity_doc()) {
        let e = Engine::from_values(&plan, &activity).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let total: Decimal = e.activity().deals.iter().filter(|d| d.stage != incentive_widget::model::names::Stage::Cancelled && e.plan().in_period(d.close_date)).map(|d| d.revenue()).sum();
        let marketers: Decimal = ["p2", "p3"].iter().map(|p| e.statement(p).unwrap().quota_credit).sum();
        prop_assert!(marketers <= total + Decimal::new(1, 2), "{marketers} > {total}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// On an uncapped plan without decelerators (multipliers never fall as
    /// attainment rises; discount bands pay less the deeper the discount),
    /// raising a deal's amount never lowers anyone's pay.
    #[test]
    fn raising_an_amount_never_lowers_pay(activity in activity_doc(), which in 0usize..20, line in 0usize..2, extra in 1u64..50_000, model in 0usize..8) {
        let attribution = json!({ "model": MODELS[model], "half_life_days": "7" });
        let plan = json!({ "name": "Monotone", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-03-31" },
            "company_goal": { "target": "500000" },
            "roles": [
                { "id": "ae", "name": "AE", "components": [
                    { "kind": "commission", "name": "C", "rates": { "new": "0.1", "expansion": "0.05", "renewal": "0.02" }, "basis": "margin",
                      "discounts": [ { "above": "0.1", "multiplier": "0.8" }, { "above": "0.3", "multiplier": "0.5" } ],
                      "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "0" }, { "from": "0.2", "multiplier": "1" }, { "from": "1", "multiplier": "2" } ] } },
                    { "kind": "commission", "name": "R", "rate": "0.01",
                      "tiers": { "mode": "retroactive", "bands": [ { "from": "0", "multiplier": "0.5" }, { "from": "0.5", "multiplier": "1.5" } ] } },
                    { "kind": "bonus", "name": "B", "measure": "quota", "target": "1000", "curve": [ { "at": "0.5", "payout": "0.5" }, { "at": "1", "payout": "1" } ] },
                    { "kind": "modifier", "name": "G", "measure": "company", "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "1", "multiplier": "1.1" } ] } ] },
                { "id": "mkt", "name": "M", "quota": { "credit": "attribution", "attribution": attribution }, "components": [
                    { "kind": "commission", "name": "I", "credit": "attribution", "attribution": attribution, "rate": "0.02",
                      "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "1" }, { "from": "0.1", "multiplier": "3" } ] } } ] }
            ] });
        let deals = activity["deals"].as_array().unwrap();
        prop_assume!(!deals.is_empty());
        let k = which % deals.len();
        let lines = deals[k]["lines"].as_array().unwrap().len();
        let l = line % lines;
        let mut raised = activity.clone();
        let amount: Decimal = raised["deals"][k]["lines"][l]["amount"].as_str().unwrap().parse().unwrap();
        raised["deals"][k]["lines"][l]["amount"] = json!((amount + Decimal::from(extra)).to_string());
        // Company revenue summed from the deals, so it rises too.
        let mut base = activity.clone();
        base.as_object_mut().unwrap().remove("company");
        raised.as_object_mut().unwrap().remove("company");
        let before = Engine::from_values(&plan, &base).map_err(|e| TestCaseError::fail(e.to_string()))?.statements().unwrap();
        let after = Engine::from_values(&plan, &raised).map_err(|e| TestCaseError::fail(e.to_string()))?.statements().unwrap();
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(a.earned >= b.earned, "{}: {} → {}", b.participant, b.earned, a.earned);
        }
    }
}
