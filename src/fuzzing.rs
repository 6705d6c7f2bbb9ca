//! Entry points for the fuzz targets (`fuzz/`) and for their regression
//! tests (`tests/core/hostile.rs`, which replays the committed corpus and
//! every crash ever found). Each takes arbitrary bytes and panics only when
//! an invariant breaks: input problems must come back as errors, never as
//! panics, and every statement must add up.

use crate::engine::Engine;
use crate::read::document::{parse_json, read_plan};
use crate::statement::Statement;
use crate::whatif;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// Plan parsing and validation on arbitrary text.
pub fn plan(bytes: &[u8]) {
    if let Ok(v) = parse_json(&String::from_utf8_lossy(bytes), "plan") {
        if let Err(e) = read_plan(&v) {
            assert!(!e.problems.is_empty(), "an error without problems");
        }
    }
}

/// Activity parsing and validation (against a plan using every feature) on
/// arbitrary text; when it reads, every statement must add up. The reader
/// that streams the text deal by deal must agree with the one that reads
/// the parsed document: the same statements, or the same problems.
pub fn activity(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let plan = crate::workload::plan();
    let streamed = Engine::from_activity_text(&plan, &text, "activity");
    let Ok(v) = parse_json(&text, "activity") else {
        let e = streamed.expect_err("the streaming reader took text that is not JSON");
        assert_eq!(e.code, crate::ErrorCode::InvalidJson, "{e}");
        return;
    };
    let whole = Engine::from_values(&plan, &v);
    same_reading(&whole, &streamed);
    match whole {
        Ok(e) => check_engine(&e),
        Err(e) => assert!(!e.problems.is_empty(), "an error without problems"),
    }
}

/// Two readings of one document agree: the same statements or the same
/// error.
pub fn same_reading(a: &Result<Engine, crate::Error>, b: &Result<Engine, crate::Error>) {
    match (a, b) {
        (Ok(a), Ok(b)) => assert_eq!(a.statements().ok(), b.statements().ok()),
        (Err(a), Err(b)) => {
            assert_eq!(a.code, b.code);
            assert_eq!(a.problems, b.problems);
        }
        (a, b) => panic!(
            "the readers disagree: {:?} / {:?}",
            a.as_ref().err(),
            b.as_ref().err()
        ),
    }
}

/// Scoring valid-shaped documents built from the bytes (edge values,
/// random structure).
pub fn score(bytes: &[u8]) {
    let mut b = Bytes::new(bytes);
    let plan = shaped_plan(&mut b);
    let activity = shaped_activity(&mut b);
    same_reading(
        &Engine::from_values(&plan, &activity),
        &Engine::from_activity_text(&plan, &activity.to_string(), "activity"),
    );
    match Engine::from_values(&plan, &activity) {
        Ok(e) => check_engine(&e),
        Err(e) => assert!(!e.problems.is_empty(), "an error without problems"),
    }
}

/// What-if change lists (arbitrary JSON) on a fixed engine: errors or a
/// result whose effects add up, and the engine unchanged.
pub fn what_if(bytes: &[u8]) {
    let Ok(changes) = parse_json(&String::from_utf8_lossy(bytes), "changes") else {
        return;
    };
    let mut b = Bytes::new(b"\x03\x01\x02\x05\x07\x11\x13\x17\x1d\x1f");
    let Ok(engine) = Engine::from_values(&shaped_plan(&mut b), &shaped_activity(&mut b)) else {
        return;
    };
    let before = engine.statements();
    for p in engine.activity().participants.iter().map(|p| p.id.clone()) {
        match whatif::what_if(&engine, &p, &changes) {
            Ok(r) => {
                let sum: Decimal = r.changes.iter().map(|c| c.delta.earned).sum();
                assert_eq!(sum, r.delta.earned, "effects add up to the delta");
                check_statement(&r.scenario, engine.plan().currency_scale);
            }
            Err(e) => assert!(!e.problems.is_empty(), "an error without problems"),
        }
    }
    assert_eq!(engine.statements(), before, "a what-if changed the engine");
}

fn check_engine(e: &Engine) {
    let scale = e.plan().currency_scale;
    let statements = match e.statements() {
        Ok(list) => list,
        Err(err) => {
            assert_eq!(err.code, crate::error::ErrorCode::TooLarge, "{err}");
            assert!(!err.problems.is_empty(), "an error without problems");
            return;
        }
    };
    for s in statements {
        check_statement(&s, scale);
        let head = e.headline(&s.participant).expect("a listed participant");
        assert_eq!(
            (head.earned, head.payable, head.due),
            (s.earned, s.payable, s.due),
            "headline = statement"
        );
        let _ = serde_json::to_string(&s).expect("a statement serializes");
    }
}

/// Totals are sums of lines, due = payable − paid, money at the scale.
pub fn check_statement(s: &Statement, scale: u32) {
    let mut earned = Decimal::ZERO;
    let mut payable = Decimal::ZERO;
    for c in &s.components {
        let le: Decimal = c.lines.iter().map(|l| l.earned).sum();
        let lp: Decimal = c.lines.iter().map(|l| l.payable).sum();
        assert_eq!(le, c.earned, "{}: earned is the sum of its lines", c.name);
        assert_eq!(lp, c.payable, "{}: payable is the sum of its lines", c.name);
        for l in &c.lines {
            assert_eq!(l.earned.scale(), scale, "money at the currency scale");
        }
        earned += le;
        payable += lp;
    }
    assert_eq!(earned, s.earned);
    assert_eq!(payable, s.payable);
    assert_eq!(s.payable - s.paid, s.due);
}

/// Reads choices from the fuzzer's bytes (zeros once they run out).
struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    fn new(data: &'a [u8]) -> Self {
        Bytes { data, pos: 0 }
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::from(self.byte()) % n
        }
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

const AMOUNTS: &[&str] = &[
    "0",
    "0.01",
    "0.005",
    "1",
    "10",
    "99.995",
    "1000",
    "50000",
    "123456.789",
    "999999999999999",
    "123456789012.345678",
    "0.000000000001",
    "1e3",
    "2.5E-1",
    "-1",
    "1e15",
    "x",
];
const FRACTIONS: &[&str] = &["0", "0.1", "0.25", "0.3333", "0.5", "0.75", "1", "1.5", "2"];
const DATES: &[&str] = &[
    "2026-12-31",
    "2027-01-01",
    "2027-01-15",
    "2027-02-28",
    "2027-03-31",
    "2027-04-01",
    "2027-02-29",
];
const TIMES: &[&str] = &[
    "2026-06-01",
    "2027-01-01T00:00:00Z",
    "2027-01-15T23:59:59-05:00",
    "2027-02-01T01:00:00+02:00",
    "2027-03-31",
    "2027-04-02",
];
const MODELS: &[&str] = &[
    "first_touch",
    "last_touch",
    "linear",
    "time_decay",
    "position_based",
    "u_shaped",
    "w_shaped",
    "full_path",
    "custom",
];

fn shaped_plan(b: &mut Bytes<'_>) -> Value {
    let mut bands = vec![json!({ "from": "0", "multiplier": b.pick(FRACTIONS) })];
    let mut from = Decimal::ZERO;
    for _ in 0..b.below(4) {
        from += Decimal::new(1 + b.below(80) as i64, 2);
        bands.push(json!({ "from": from.to_string(), "multiplier": b.pick(FRACTIONS) }));
    }
    let model = b.pick(MODELS);
    let attribution = json!({ "model": model, "half_life_days": b.pick(&["0.5", "7", "30"]), "lookback_days": b.below(400),
        "weights": if model == "custom" { json!({ "first": "0.5", "last": "0.3", "rest": "0.2" }) } else { Value::Null } });
    let cap = (b.below(3) == 0).then(|| b.pick(&["0", "100", "5000"]));
    let payout = b.pick(&[
        json!({ "booked": "1" }),
        json!({ "booked": "0.5", "installed": "0.25", "activated": "0.25" }),
        json!({ "activated": "1" }),
    ]);
    json!({
        "name": "Fuzz", "currency": "USD", "rounding": b.pick(&["half_even", "half_up"]), "currency_scale": b.pick(&[0, 2, 3]),
        "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "company_goal": { "target": b.pick(&["1", "100000", "999999999999999"]) },
        "roles": [
            { "id": "ae", "name": "AE", "quota": { "types": b.pick(&[json!(null), json!(["new"]), json!([])]) }, "components": [
                { "kind": "commission", "name": "C", "rates": { "new": b.pick(FRACTIONS), "expansion": "0.05" },
                  "basis": b.pick(&["revenue", "margin"]), "products": { "suite": b.pick(FRACTIONS) },
                  "discounts": [ { "above": "0.1", "multiplier": "0.8" } ],
                  "tiers": { "mode": b.pick(&["marginal", "retroactive"]), "bands": bands }, "cap": cap, "payout": payout },
                { "kind": "spif", "name": "S", "amount": b.pick(AMOUNTS), "deals": { "products": ["suite"] } },
                { "kind": "modifier", "name": "M", "measure": b.pick(&[json!("company"), json!("quota")]),
                  "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "1", "multiplier": "1.1" } ] } ] },
            { "id": "mkt", "name": "Marketing", "quota": { "credit": "attribution", "attribution": attribution }, "components": [
                { "kind": "commission", "name": "I", "credit": "attribution", "attribution": attribution, "rate": "0.01" },
                { "kind": "bonus", "name": "B", "target": b.pick(AMOUNTS), "measure": "quota", "max_payout": b.pick(&[json!(null), json!("1.5")]),
                  "curve": [ { "at": "0.5", "payout": "0.5" }, { "at": "1", "payout": "1" } ] } ] }
        ]
    })
}

fn shaped_activity(b: &mut Bytes<'_>) -> Value {
    let people = ["a", "b", "m", "n"];
    let deals: Vec<Value> = (0..b.below(9))
        .map(|k| {
            let lines: Vec<Value> = (0..1 + b.below(3))
                .map(|_| json!({ "amount": b.pick(AMOUNTS), "cost": b.pick(AMOUNTS), "product": b.pick(&["suite", "hw"]),
                                 "list_price": b.pick(&[json!(null), json!("100000"), json!("0.02")]) }))
                .collect();
            let owners = match b.below(3) {
                0 => json!([ { "participant": "a", "split": "1" } ]),
                1 => json!([ { "participant": "a", "split": "0.5" }, { "participant": "b", "split": "0.5" } ]),
                _ => json!([ { "participant": "b", "split": "0.3333" }, { "participant": "x", "split": "0.6667" } ]),
            };
            let touches: Vec<Value> = (0..b.below(6))
                .map(|_| json!({ "participant": b.pick(&[json!("m"), json!("n"), json!(null)]), "at": b.pick(TIMES),
                                 "marks": b.pick(&[json!([]), json!(["lead_created"]), json!(["opportunity_created"])]) }))
                .collect();
            json!({ "id": format!("D{}", k % 7), "type": b.pick(&["new", "expansion", "renewal"]), "close_date": b.pick(DATES),
                    "stage": b.pick(&["booked", "installed", "activated", "cancelled"]), "source": b.pick(&["marketing", "sales"]),
                    "owners": owners, "lines": lines, "touches": touches })
        })
        .collect();
    json!({
        "company": if b.below(2) == 0 { json!({ "revenue": b.pick(AMOUNTS) }) } else { json!(null) },
        "participants": people.iter().map(|p| json!({ "id": p, "role": if *p < "m" { "ae" } else { "mkt" },
            "quota": b.pick(&["1", "100000", "0.01"]), "target_bonus": "1000" })).collect::<Vec<_>>(),
        "deals": deals,
        "payments": [ { "participant": "a", "amount": b.pick(AMOUNTS) } ]
    })
}
