//! An independent exact check of the engine: random plans with positional
//! attribution models and owner splits, scored by the engine and by a small
//! evaluation of plan-format.md's formulas in big rationals (num-rational,
//! tests only). Every money figure must be equal to the cent.
//!
//! The oracle is written from the spec, not from the engine: attribution
//! shares from the position rules as the spec words them (not the engine's
//! scaled weights), marginal tiers as slices of [a, b], rounding of the
//! exact rational. `cut: true` cuts every share to 28 decimal places first,
//! as the engine once did: `the_check_catches_cut_shares` shows that the
//! comparison finds that old arithmetic out.
//!
//! Cases: `EXACT_CASES` (default 300 in `cargo test`; `scripts/test.sh`
//! runs 10,000; `EXACT_CASES=200000 cargo test --release --test core
//! oracle` is the longer run).

use crate::common::score;
use incentive_widget::Engine;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use proptest::prelude::*;
use serde_json::{json, Value};

type Q = BigRational;

fn q(s: &str) -> Q {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits: BigInt = format!("{int}{frac}").parse().unwrap();
    Q::new(digits, BigInt::from(10).pow(frac.len() as u32))
}

fn qi(n: i64) -> Q {
    Q::from_integer(BigInt::from(n))
}

/// `x` rounded to `places` decimals: half-even or half-up (ties away from
/// 0), or up (toward +infinity); as the decimal text the engine writes.
fn round(x: &Q, places: u32, how: &str) -> String {
    let unit = BigInt::from(10).pow(places);
    let scaled = x * Q::from_integer(unit.clone());
    let floor = scaled.floor().to_integer();
    let rest = &scaled - Q::from_integer(floor.clone());
    let half = Q::new(BigInt::one(), BigInt::from(2));
    let up = match how {
        "up" => !rest.is_zero(),
        "half_up" if x.is_negative() => rest > half,
        "half_up" => rest >= half,
        _ => rest > half || (rest == half && (&floor % 2u32) != BigInt::zero()),
    };
    let n = if up { floor + 1 } else { floor };
    let (sign, n) = if n.is_negative() { ("-", -n) } else { ("", n) };
    let digits = format!("{:0>width$}", n.to_string(), width = places as usize + 1);
    let (i, f) = digits.split_at(digits.len() - places as usize);
    if places == 0 {
        format!("{sign}{i}")
    } else {
        format!("{sign}{i}.{f}")
    }
}

/// Splitmix64: a generator from the case's seed, so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const MODELS: [&str; 7] = [
    "linear",
    "first_touch",
    "last_touch",
    "position_based",
    "u_shaped",
    "w_shaped",
    "full_path",
];
const SPLITS: [&[&str]; 4] = [
    &["1"],
    &["0.5", "0.5"],
    &["0.6", "0.4"],
    &["0.3", "0.3", "0.4"],
];
const MARKETERS: [&str; 4] = ["m0", "m1", "other", ""];

fn commission(rng: &mut Rng, credit: Value) -> Value {
    let bands = [
        json!([ { "from": "0", "multiplier": rng.pick(&["0", "0.5", "1"]) },
                { "from": rng.pick(&["0.3", "0.5"]), "multiplier": rng.pick(&["1", "1.15"]) },
                { "from": rng.pick(&["1", "1.2"]), "multiplier": rng.pick(&["1.5", "2"]) } ]),
        json!([ { "from": "0", "multiplier": "1" } ]),
    ];
    let mut c = json!({ "kind": "commission", "name": "Commission",
        "rates": { "new": rng.pick(&["0.1", "0.05", "0.125"]),
                   "expansion": rng.pick(&["0.06", "0.075"]),
                   "renewal": rng.pick(&["0.02", "0.015"]) },
        "tiers": { "mode": rng.pick(&["marginal", "retroactive"]), "bands": rng.pick(&bands) },
        "payout": { "booked": "0.5", "installed": "0.25", "activated": "0.25" } });
    for (k, v) in credit.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

fn components(rng: &mut Rng, credit: Value) -> Value {
    let mut spif = json!({ "kind": "spif", "name": "Spif",
        "amount": rng.pick(&["150", "100", "75", "50.5"]),
        "payout": { "booked": rng.pick(&["0.5", "1"]), "installed": "0", "activated": "0" } });
    if spif["payout"]["booked"] == "0.5" {
        spif["payout"]["installed"] = json!("0.5");
    } else {
        spif["payout"] = json!({ "booked": "1" });
    }
    for (k, v) in credit.as_object().unwrap() {
        spif[k] = v.clone();
    }
    json!([
        commission(rng, credit),
        spif,
        { "kind": "modifier", "name": "Company", "measure": "company",
          "bands": [ { "from": "0", "multiplier": rng.pick(&["1", "1.15", "0.9", "1.1"]) } ] }
    ])
}

/// A random plan and activity.
fn case(seed: u64) -> (Value, Value) {
    let mut rng = Rng(seed);
    let quota_model = *rng.pick(&MODELS);
    let model = *rng.pick(&MODELS);
    let attribution = json!({ "credit": "attribution", "attribution": { "model": model } });
    let plan = json!({
        "format": "incentive-plan/1", "name": "Random", "currency": "USD",
        "rounding": rng.pick(&["half_even", "half_up"]),
        "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "company_goal": { "target": "1000000" },
        "roles": [
            { "id": "sales", "name": "Sales", "components": components(&mut rng, json!({})) },
            { "id": "mkt", "name": "Marketing",
              "quota": { "credit": "attribution", "attribution": { "model": quota_model } },
              "components": components(&mut rng, attribution) }
        ]
    });
    let quota = |rng: &mut Rng| json!(rng.pick(&["100000", "30000", "12345.67", "50000"]));
    let participants = json!([
        { "id": "s0", "role": "sales", "quota": quota(&mut rng) },
        { "id": "s1", "role": "sales", "quota": quota(&mut rng) },
        { "id": "m0", "role": "mkt", "quota": quota(&mut rng) },
        { "id": "m1", "role": "mkt", "quota": quota(&mut rng) }
    ]);
    let mut deals = Vec::new();
    for i in 0..1 + rng.below(10) {
        let close = 1 + rng.below(80);
        let amount = if rng.chance(60) {
            format!("{}", 50 * (1 + rng.below(600)))
        } else {
            format!("{}.{:02}", rng.below(60000), rng.below(100))
        };
        let splits = *rng.pick(&SPLITS);
        let sellers = if rng.chance(50) {
            ["s0", "s1", "x"]
        } else {
            ["s1", "s0", "x"]
        };
        let owners: Vec<Value> = splits
            .iter()
            .zip(sellers)
            .map(|(s, p)| json!({ "participant": p, "split": s }))
            .collect();
        let mut touches = Vec::new();
        for _ in 0..rng.below(8) {
            let who = *rng.pick(&MARKETERS);
            let mut marks = Vec::new();
            if rng.chance(25) {
                marks.push("lead_created");
            }
            if rng.chance(25) {
                marks.push("opportunity_created");
            }
            let at = (close as i64 - rng.below(40) as i64).max(1);
            let mut t = json!({ "at": day(at), "marks": marks });
            if !who.is_empty() {
                t["participant"] = json!(who);
            }
            touches.push(t);
        }
        deals.push(
            json!({ "id": format!("D{i}"), "close_date": day(close as i64),
            "type": rng.pick(&["new", "expansion", "renewal"]),
            "stage": rng.pick(&["booked", "installed", "activated"]),
            "amount": amount, "owners": owners, "touches": touches }),
        );
    }
    let activity = json!({ "company": { "revenue": rng.pick(&["1000000", "1150000", "900000"]) },
        "participants": participants, "deals": deals });
    (plan, activity)
}

/// Day `n` (1 to 90) of the plan year as a date (day 1 = 2027-01-01).
fn day(n: i64) -> String {
    let months = [(1, 31), (2, 28), (3, 31)];
    let mut left = n;
    for (m, len) in months {
        if left <= len {
            return format!("2027-{m:02}-{left:02}");
        }
        left -= len;
    }
    unreachable!()
}

/// The spec's share of `who` in `deal` under `model`.
fn share(deal: &Value, model: &str, who: &str) -> Q {
    let close = deal["close_date"].as_str().unwrap();
    let mut window: Vec<(usize, &Value)> = deal["touches"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, t)| t["at"].as_str().unwrap() <= close)
        .collect();
    window.sort_by_key(|(i, t)| (t["at"].as_str().unwrap().to_string(), *i));
    let n = window.len();
    if n == 0 {
        return Q::zero();
    }
    let mine = |t: &Value| t["participant"].as_str() == Some(who);
    if model == "linear" {
        let count = window.iter().filter(|(_, t)| mine(t)).count();
        return Q::new(BigInt::from(count), BigInt::from(n));
    }
    let (w, rest): ([&str; 4], &str) = match model {
        "first_touch" => (["1", "0", "0", "0"], "0"),
        "last_touch" => (["0", "0", "0", "1"], "0"),
        "position_based" => (["0.4", "0", "0", "0.4"], "0.2"),
        "u_shaped" => (["0.4", "0.4", "0", "0"], "0.2"),
        "w_shaped" => (["0.3", "0.3", "0.3", "0"], "0.1"),
        _ => (["0.225", "0.225", "0.225", "0.225"], "0.1"),
    };
    let marked = |m: &str| {
        window
            .iter()
            .position(|(_, t)| t["marks"].as_array().unwrap().iter().any(|x| x == m))
    };
    let holder = [
        Some(0),
        marked("lead_created"),
        marked("opportunity_created"),
        Some(n - 1),
    ];
    let weighted: Vec<usize> = (0..4).filter(|&p| q(w[p]) > Q::zero()).collect();
    let held: Vec<usize> = weighted
        .iter()
        .copied()
        .filter(|&p| holder[p].is_some())
        .collect();
    let unheld: Q = weighted
        .iter()
        .filter(|&&p| holder[p].is_none())
        .map(|&p| q(w[p]))
        .sum();
    let k = qi(held.len() as i64);
    let holds = |slot: usize| held.iter().any(|&p| holder[p] == Some(slot));
    let rest_touches = (0..n).filter(|&s| !holds(s)).count();
    let mut position_share: Vec<Q> = (0..4).map(|p| q(w[p]) + &unheld / &k).collect();
    if rest_touches == 0 {
        for x in &mut position_share {
            *x += q(rest) / &k;
        }
    }
    let mut total = Q::zero();
    for (slot, (_, t)) in window.iter().enumerate() {
        if !mine(t) {
            continue;
        }
        if holds(slot) {
            for &p in &held {
                if holder[p] == Some(slot) {
                    total += &position_share[p];
                }
            }
        } else {
            total += q(rest) / qi(rest_touches as i64);
        }
    }
    total
}

/// The figures of one statement: (path, money) pairs.
type Figures = Vec<(String, String)>;

/// `who`'s figures by the spec, in exact rationals (`cut`: shares cut to
/// 28 places first).
fn oracle(plan: &Value, activity: &Value, who: &str, cut: bool) -> Figures {
    let how = plan["rounding"].as_str().unwrap();
    let money = |x: &Q| round(x, 2, how);
    let person = activity["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == who)
        .unwrap();
    let role = plan["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == person["role"])
        .unwrap();
    let quota = q(person["quota"].as_str().unwrap());
    let mut deals: Vec<&Value> = activity["deals"].as_array().unwrap().iter().collect();
    deals.sort_by_key(|d| (d["close_date"].as_str().unwrap(), d["id"].as_str().unwrap()));
    let cut_share = |x: Q| {
        if cut {
            q(&round(&x, 28, "half_even"))
        } else {
            x
        }
    };
    let share_of = |d: &Value, credit: &Value| -> Q {
        match credit["attribution"]["model"].as_str() {
            Some(m) if credit["credit"] == "attribution" => cut_share(share(d, m, who)),
            _ => d["owners"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["participant"] == who)
                .map(|o| q(o["split"].as_str().unwrap()))
                .unwrap_or_else(Q::zero),
        }
    };
    let revenue = |d: &Value| q(d["amount"].as_str().unwrap());
    // cumulative quota credit
    let mut cumulative = vec![Q::zero()];
    for d in &deals {
        let c = cumulative.last().unwrap() + share_of(d, &role["quota"]) * revenue(d);
        cumulative.push(c);
    }
    let credit = cumulative.last().unwrap().clone();
    let company = q(activity["company"]["revenue"].as_str().unwrap()) / q("1000000");
    let comps = role["components"].as_array().unwrap();
    let modifier = comps
        .iter()
        .find(|c| c["kind"] == "modifier")
        .map(|m| {
            let bands = m["bands"].as_array().unwrap();
            let b = bands
                .iter()
                .rev()
                .find(|b| company >= q(b["from"].as_str().unwrap()))
                .unwrap_or(&bands[0]);
            q(b["multiplier"].as_str().unwrap())
        })
        .unwrap_or_else(Q::one);
    let stage_fraction = |payout: &Value, stage: &str| -> Q {
        let order = ["booked", "installed", "activated"];
        let reached = order.iter().position(|s| *s == stage).unwrap();
        order[..=reached]
            .iter()
            .filter_map(|s| payout[*s].as_str())
            .map(q)
            .sum()
    };
    let mut out = Figures::new();
    let (mut earned, mut payable) = (Q::zero(), Q::zero());
    let mut first_tiers: Option<&Value> = None;
    for (ci, c) in comps.iter().enumerate() {
        let (mut c_earned, mut c_payable) = (Q::zero(), Q::zero());
        let kind = c["kind"].as_str().unwrap();
        if kind == "modifier" {
            continue;
        }
        if kind == "commission" && first_tiers.is_none() {
            first_tiers = Some(&c["tiers"]);
        }
        for (i, d) in deals.iter().enumerate() {
            let s = share_of(d, c);
            if s.is_zero() {
                continue;
            }
            let exact = if kind == "commission" {
                let rate = q(c["rates"][d["type"].as_str().unwrap()].as_str().unwrap());
                let tier = tier(&c["tiers"], &cumulative, i, &quota);
                &s * revenue(d) * rate * tier * &modifier
            } else {
                q(c["amount"].as_str().unwrap()) * &s * &modifier
            };
            let line_payable = &exact * stage_fraction(&c["payout"], d["stage"].as_str().unwrap());
            let (e, p) = (money(&exact), money(&line_payable));
            let id = d["id"].as_str().unwrap();
            out.push((format!("{ci}/{id}/credit"), money(&(&s * revenue(d)))));
            c_earned += q(&e);
            c_payable += q(&p);
            out.push((format!("{ci}/{id}/earned"), e));
            out.push((format!("{ci}/{id}/payable"), p));
        }
        out.push((format!("{ci}/earned"), money(&c_earned)));
        out.push((format!("{ci}/payable"), money(&c_payable)));
        earned += c_earned;
        payable += c_payable;
    }
    out.push(("earned".into(), money(&earned)));
    out.push(("payable".into(), money(&payable)));
    out.push(("quota_credit".into(), money(&credit)));
    let need = first_tiers.and_then(|t| {
        t["bands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| q(b["from"].as_str().unwrap()) * &quota)
            .find(|edge| *edge > credit)
            .map(|edge| round(&(edge - &credit), 2, "up"))
    });
    out.push(("next_tier".into(), need.unwrap_or_else(|| "none".into())));
    out
}

/// The tier multiplier of deal `i` by the spec.
fn tier(tiers: &Value, cumulative: &[Q], i: usize, quota: &Q) -> Q {
    let bands: Vec<(Q, Q)> = tiers["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                q(b["from"].as_str().unwrap()) * quota,
                q(b["multiplier"].as_str().unwrap()),
            )
        })
        .collect();
    let at = |x: &Q| {
        bands
            .iter()
            .rev()
            .find(|(from, _)| x >= from)
            .unwrap_or(&bands[0])
            .1
            .clone()
    };
    if tiers["mode"] == "retroactive" {
        return at(cumulative.last().unwrap());
    }
    let (a, b) = (&cumulative[i], &cumulative[i + 1]);
    if b <= a {
        return at(a);
    }
    let mut paid = Q::zero();
    for (k, (from, m)) in bands.iter().enumerate() {
        let lo = from.max(a).clone();
        let hi = bands
            .get(k + 1)
            .map_or(b.clone(), |(next, _)| next.min(b).clone());
        if hi > lo {
            paid += (hi - lo) * m;
        }
    }
    paid / (b - a)
}

/// The same figures read from the engine's statement.
fn engine_figures(s: &Value) -> Figures {
    let text = |v: &Value| v.as_str().unwrap().to_string();
    let mut out = Figures::new();
    for (ci, c) in s["components"].as_array().unwrap().iter().enumerate() {
        if c["kind"] == "modifier" {
            continue;
        }
        for l in c["lines"].as_array().unwrap() {
            let id = l["deal"].as_str().unwrap();
            out.push((format!("{ci}/{id}/credit"), text(&l["credit"])));
            out.push((format!("{ci}/{id}/earned"), text(&l["earned"])));
            out.push((format!("{ci}/{id}/payable"), text(&l["payable"])));
        }
        out.push((format!("{ci}/earned"), text(&c["earned"])));
        out.push((format!("{ci}/payable"), text(&c["payable"])));
    }
    out.push(("earned".into(), text(&s["earned"])));
    out.push(("payable".into(), text(&s["payable"])));
    out.push(("quota_credit".into(), text(&s["quota_credit"])));
    let need = s["next_tier"]["quota_credit_needed"].as_str();
    out.push(("next_tier".into(), need.unwrap_or("none").to_string()));
    out
}

/// Where the engine and the oracle disagree on a case, as readable lines:
/// the statement, the headline figures, the totals, and the statement after
/// the last deal arrives as a live update, each against the exact figures.
fn disagreements(seed: u64, cut: bool) -> Vec<String> {
    let (plan, activity) = case(seed);
    let engine = Engine::from_values(&plan, &activity).expect("a valid case");
    let mut before = activity.clone();
    let last = before["deals"].as_array_mut().unwrap().pop().unwrap();
    let mut live = Engine::from_values(&plan, &before).expect("a valid case");
    live.upsert_deal(&last).expect("the last deal");
    let mut found = Vec::new();
    for s in score(&plan, &activity) {
        let who = s["participant"].as_str().unwrap();
        let exact = oracle(&plan, &activity, who, cut);
        let totals_only = |f: &Figures| -> Figures {
            f.iter()
                .filter(|(k, _)| k.matches('/').count() != 2)
                .cloned()
                .collect()
        };
        let views = [
            ("statement", engine_figures(&s)),
            (
                "headline",
                engine_figures(&engine.headline(who).unwrap().to_json()),
            ),
            (
                "live update",
                engine_figures(&live.statement(who).unwrap().to_json()),
            ),
        ];
        let totals = engine_figures(&engine.totals(who).unwrap().to_json());
        let mut compare = |view: &str, mine: &Figures, exact: &Figures| {
            if mine != exact {
                let diff: Vec<String> = exact
                    .iter()
                    .filter(|f| !mine.contains(f))
                    .map(|(k, v)| {
                        let got = mine
                            .iter()
                            .find(|(m, _)| m == k)
                            .map_or("-", |(_, x)| x.as_str());
                        format!("{who} {view} {k}: exact {v}, engine {got}")
                    })
                    .collect();
                found.push(diff.join("; "));
            }
        };
        for (view, mine) in &views {
            compare(view, mine, &exact);
        }
        compare("totals", &totals_only(&totals), &totals_only(&exact));
    }
    found
}

fn cases() -> u32 {
    std::env::var("EXACT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Every money figure of every statement equals the exact-rational
    /// evaluation of the spec's formulas.
    #[test]
    fn engine_figures_are_the_exact_rational_figures(seed in any::<u64>()) {
        let found = disagreements(seed, false);
        prop_assert!(found.is_empty(), "seed {seed}: {}", found.join("\n"));
    }
}

#[test]
fn the_check_catches_cut_shares() {
    // The same comparison against shares cut to 28 places (the old
    // arithmetic) finds disagreements among the generated cases: the
    // generator reaches the ties and edges where a cut share goes wrong.
    let caught = (0..3000u64).find(|&seed| !disagreements(seed, true).is_empty());
    assert!(
        caught.is_some(),
        "no generated case tells cut shares from exact ones"
    );
}

#[test]
fn the_oracle_rounds_like_the_spec() {
    // 2.875 is a tie: half-even 2.88, half-up 2.88; 2.865: 2.86 / 2.87
    assert_eq!(round(&q("2.875"), 2, "half_even"), "2.88");
    assert_eq!(round(&q("2.865"), 2, "half_even"), "2.86");
    assert_eq!(round(&q("2.865"), 2, "half_up"), "2.87");
    assert_eq!(round(&q("-2.865"), 2, "half_up"), "-2.87");
    assert_eq!(round(&(qi(1) / qi(30)), 2, "up"), "0.04");
    assert_eq!(round(&q("0.004"), 2, "half_even"), "0.00");
    // the spec's W-shaped rest share of one touch in six: 1/30
    let touches = json!([
        { "at": "2027-01-01", "marks": [] },
        { "at": "2027-01-02", "marks": ["lead_created"] },
        { "at": "2027-01-03", "marks": ["opportunity_created"] },
        { "at": "2027-01-04", "marks": [], "participant": "m" },
        { "at": "2027-01-05", "marks": [] },
        { "at": "2027-01-06", "marks": [] }
    ]);
    let deal = json!({ "close_date": "2027-01-10", "touches": touches });
    assert_eq!(share(&deal, "w_shaped", "m"), qi(1) / qi(30));
}
