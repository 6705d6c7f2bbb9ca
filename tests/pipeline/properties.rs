//! Invariants of the pipeline measures on random ledgers: every share is in
//! [0, 1] and is the count its leads say (recounted here from the raw
//! leads); revenue measures are the sums of the deals they list; removing a
//! lead and adding it back changes nothing; one viewer's cut scores them as
//! the whole activity does.

use incentive_widget::Engine;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

const REPS: [&str; 2] = ["r1", "r2"];
const MARKETERS: [&str; 2] = ["m1", "m2"];
const STATUS: [&str; 4] = ["open", "accepted", "rejected", "converted"];

#[derive(Debug, Clone)]
struct L {
    rep: usize,
    marketer: Option<usize>,
    routed_hour: u32,
    attempts: Vec<u32>,
    status: usize,
    decided_after: Option<u32>,
    deal: Option<u32>,
}

fn lead() -> impl Strategy<Value = L> {
    (
        0usize..2,
        prop::option::of(0usize..2),
        0u32..24 * 40,
        prop::collection::vec(0u32..72, 0..4),
        0usize..4,
        prop::option::of(0u32..60),
        prop::option::of(1u32..60_000),
    )
        .prop_map(
            |(rep, marketer, routed_hour, attempts, status, decided_after, deal)| L {
                rep,
                marketer,
                routed_hour,
                attempts,
                status,
                decided_after,
                deal,
            },
        )
}

fn at(hour: u32) -> String {
    // Hours from 2027-02-01T00:00Z.
    let (d, h) = (hour / 24, hour % 24);
    let date = incentive_widget::date::Date::parse("2027-02-01").unwrap();
    format!(
        "{}T{h:02}:00:00Z",
        incentive_widget::date::Date(date.0 + i64::from(d))
    )
}

fn documents(leads: &[L]) -> (Value, Value) {
    let share_measures = ["speed_to_lead", "follow_up", "acceptance", "lead_quality"];
    let modifier = |m: &str| {
        json!({ "kind": "modifier", "name": m, "measure": { "metric": m },
                "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "0.5", "multiplier": "1" },
                           { "from": "0.8", "multiplier": "1.1" } ] })
    };
    let mut rep = vec![json!({ "kind": "commission", "name": "Commission", "rate": "0.1" })];
    rep.extend(share_measures[..2].iter().map(|m| modifier(m)));
    rep.push(modifier("alignment_stage"));
    let mut mkt = vec![
        json!({ "kind": "bonus", "name": "Sourced", "target": "1000",
        "measure": { "metric": "sourced_revenue" },
        "curve": [ { "at": "0", "payout": "0" }, { "at": "100000", "payout": "1" } ] }),
    ];
    mkt.extend(share_measures[2..].iter().map(|m| modifier(m)));
    mkt.push(modifier("team_alignment_index"));
    mkt.push(json!({ "kind": "bonus", "name": "Influence", "target": "100",
        "measure": { "metric": "influenced_revenue" }, "curve": [ { "at": "50000", "payout": "1" } ] }));
    let plan = json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-12-31" },
        "pipeline": { "sla_hours": "24", "min_attempts": 2 },
        "roles": [ { "id": "rep", "name": "Rep", "components": rep },
                   { "id": "mkt", "name": "Marketer", "components": mkt } ] });
    let mut deals = Vec::new();
    let list: Vec<Value> = leads
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let id = format!("L{i}");
            let mut v = json!({ "id": id, "campaign": "c", "created_at": at(l.routed_hour),
                "routed_to": REPS[l.rep], "routed_at": at(l.routed_hour),
                "attempts": l.attempts.iter().map(|h| json!({ "at": at(l.routed_hour + h), "channel": "call" })).collect::<Vec<_>>(),
                "status": STATUS[l.status] });
            if let Some(m) = l.marketer {
                v["created_by"] = json!(MARKETERS[m]);
            }
            if let Some(h) = l.decided_after {
                v["decided_at"] = json!(at(l.routed_hour + h));
            }
            if STATUS[l.status] == "rejected" {
                v["reject_reason"] = json!("no budget");
            }
            let converted = STATUS[l.status] == "converted";
            if let Some(amount) = l.deal.filter(|_| converted || STATUS[l.status] == "rejected") {
                let deal = format!("D{i}");
                let mut d = json!({ "id": deal, "type": "new", "close_date": "2027-03-15",
                    "amount": amount.to_string(), "owners": [ { "participant": REPS[l.rep], "split": "1" } ],
                    "lead": id });
                if let Some(m) = l.marketer.filter(|_| i % 3 == 0) {
                    d["touches"] = json!([ { "participant": MARKETERS[m], "at": "2027-03-01" } ]);
                }
                deals.push(d);
                if converted {
                    v["deal"] = json!(deal);
                }
            } else if converted {
                v["deal"] = json!(format!("elsewhere-{i}"));
            }
            v
        })
        .collect();
    let activity = json!({ "as_of": "2027-03-20",
        "participants": [ { "id": "r1", "role": "rep", "team": "north" }, { "id": "r2", "role": "rep", "team": "south" },
                          { "id": "m1", "role": "mkt", "team": "north" }, { "id": "m2", "role": "mkt", "team": "south" } ],
        "deals": deals, "leads": list });
    (plan, activity)
}

const PEOPLE: [&str; 4] = ["r1", "r2", "m1", "m2"];

/// Every statement and pipeline view, with id lists sorted (a lead added
/// back comes last in the ledger).
fn everything(e: &Engine) -> Value {
    let mut v = json!(PEOPLE
        .iter()
        .map(|p| json!([e.statement(p).unwrap(), e.pipeline(p).unwrap()]))
        .collect::<Vec<_>>());
    sort_lists(&mut v);
    v
}

fn sort_lists(v: &mut Value) {
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if matches!(k.as_str(), "leads" | "due" | "overdue") {
                    if let Value::Array(a) = x {
                        a.sort_by_key(|i| i.to_string());
                    }
                }
                sort_lists(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(sort_lists),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn measures_are_shares_or_sums_of_what_their_leads_say(leads in prop::collection::vec(lead(), 0..24)) {
        let (plan, activity) = documents(&leads);
        let e = Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap();
        let now = 24 * (19 + 28 + 1); // 2027-03-21T00:00Z in hours from 2027-02-01
        for (k, rep) in REPS.iter().enumerate() {
            let view = e.pipeline(rep).unwrap();
            // Speed to lead, recounted from the raw leads.
            let mine: Vec<&L> = leads.iter().filter(|l| l.rep == k).collect();
            let timed: Vec<&&L> = mine.iter().filter(|l| !l.attempts.is_empty() || l.routed_hour + 24 <= now).collect();
            let met = timed.iter().filter(|l| l.attempts.iter().min().is_some_and(|&h| h <= 24)).count();
            if let Some(m) = view.routed.measures.first() {
                prop_assert_eq!(m.denominator, Some(timed.len() as u64));
                prop_assert_eq!(m.numerator, Some(met as u64));
            }
            for m in &view.routed.measures {
                if let Some(v) = m.value {
                    prop_assert!(v >= Decimal::ZERO && v <= Decimal::ONE, "{} = {v}", m.measure);
                }
            }
        }
        for m in MARKETERS {
            let view = e.pipeline(m).unwrap();
            for line in &view.created.measures {
                match line.measure {
                    "sourced_revenue" | "influenced_revenue" => {
                        let deals = e.activity().deals.iter().filter(|d| line.deals.contains(&d.id));
                        let sum: Decimal = deals.map(|d| d.revenue()).sum();
                        prop_assert_eq!(line.value.unwrap(), sum.round_dp(2));
                    }
                    _ => if let Some(v) = line.value {
                        prop_assert!(v >= Decimal::ZERO && v <= Decimal::ONE, "{} = {v}", line.measure);
                    }
                }
            }
        }
    }

    #[test]
    fn removing_a_lead_and_adding_it_back_changes_nothing(leads in prop::collection::vec(lead(), 1..16), pick in 0usize..16) {
        let (plan, activity) = documents(&leads);
        let mut e = Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap();
        let before = everything(&e);
        let i = pick % leads.len();
        let lead = activity["leads"][i].clone();
        let id = lead["id"].as_str().unwrap().to_string();
        // A lead a deal names cannot go while the deal names it.
        if e.activity().deals.iter().any(|d| d.lead.as_deref() == Some(id.as_str())) {
            return Ok(());
        }
        e.remove_lead(&id).unwrap();
        e.upsert_lead(&lead).unwrap();
        prop_assert_eq!(everything(&e), before);
    }

    #[test]
    fn a_viewer_s_cut_scores_as_the_whole_activity(leads in prop::collection::vec(lead(), 0..20)) {
        let (plan, activity) = documents(&leads);
        let e = Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap();
        for p in PEOPLE {
            let cut = e.activity_for(p).unwrap();
            let c = Engine::from_json(&plan.to_string(), &cut.to_string())
                .unwrap_or_else(|x| panic!("{p}'s cut: {x:?}\n{cut:#}"));
            let mut whole = serde_json::to_value(e.statement(p).unwrap()).unwrap();
            let mut mine = serde_json::to_value(c.statement(p).unwrap()).unwrap();
            sort_lists(&mut whole);
            sort_lists(&mut mine);
            prop_assert_eq!(mine, whole, "{}", p);
        }
    }
}

/// One live change of the ledger.
#[derive(Debug, Clone)]
enum Op {
    /// Lead `pick` (modulo the ledger) with another status and attempts.
    Change(usize, usize, Vec<u32>),
    Add(L),
    Remove(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..64, 0usize..3, prop::collection::vec(0u32..72, 0..3))
            .prop_map(|(i, s, a)| Op::Change(i, s, a)),
        lead().prop_map(Op::Add),
        (0usize..64).prop_map(Op::Remove),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Live lead changes change the ledger by that lead's part alone: what
    /// comes out is what measuring the changed activity afresh gives.
    #[test]
    fn live_lead_changes_measure_as_the_changed_activity_does(
        leads in prop::collection::vec(lead(), 1..14),
        ops in prop::collection::vec(op(), 1..8),
    ) {
        let (plan, activity) = documents(&leads);
        let mut e = Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap();
        let mut added = 0;
        for op in ops {
            let now: Vec<Value> = serde_json::to_value(e.activity()).unwrap()["leads"].as_array().cloned().unwrap_or_default();
            let named = |id: &str| e.activity().deals.iter().any(|d| d.lead.as_deref() == Some(id));
            match op {
                Op::Change(i, status, attempts) if !now.is_empty() => {
                    let mut l = now[i % now.len()].clone();
                    // Open, accepted or rejected (a converted lead needs its deal).
                    l["status"] = json!(["open", "accepted", "rejected"][status]);
                    if status == 2 { l["reject_reason"] = json!("no budget"); }
                    let at = l["routed_at"].as_str().unwrap().to_string();
                    let base = incentive_widget::date::Timestamp::parse(&at).unwrap().nanos;
                    l["attempts"] = json!(attempts.iter().map(|h| {
                        let n = base + i128::from(*h) * 3_600_000_000_000;
                        let day = incentive_widget::date::Date(n.div_euclid(86_400_000_000_000) as i64);
                        json!({ "at": incentive_widget::date::Timestamp { nanos: n, date: day }.to_string(), "channel": "call" })
                    }).collect::<Vec<_>>());
                    if status != 2 { l.as_object_mut().unwrap().remove("reject_reason"); }
                    l.as_object_mut().unwrap().remove("deal");
                    e.upsert_lead(&l).unwrap();
                }
                Op::Add(l) => {
                    let (_, a) = documents(std::slice::from_ref(&l));
                    let mut v = a["leads"][0].clone();
                    added += 1;
                    v["id"] = json!(format!("N{added}"));
                    v.as_object_mut().unwrap().remove("deal");
                    if v["status"] == "converted" { v["status"] = json!("accepted"); }
                    e.upsert_lead(&v).unwrap();
                }
                Op::Remove(i) if !now.is_empty() => {
                    let id = now[i % now.len()]["id"].as_str().unwrap().to_string();
                    if !named(&id) {
                        e.remove_lead(&id).unwrap();
                    }
                }
                _ => {}
            }
        }
        let fresh = Engine::from_values(&plan, &serde_json::to_value(e.activity()).unwrap()).unwrap();
        prop_assert_eq!(everything(&e), everything(&fresh));
    }
}
