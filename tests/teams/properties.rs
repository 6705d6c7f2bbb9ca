//! Invariants of teams on random hierarchies and deals: a team's sums are
//! its rows; an override on credited revenue is the rate times each
//! member's credit, rounded per member; a live deal leaves every team as
//! loading the changed activity does; the engine names every manager
//! above a changed deal's people.

use incentive_widget::Engine;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

const PEOPLE: usize = 7;

/// Person i's manager is an earlier person (or nobody): never a cycle.
fn hierarchy() -> impl Strategy<Value = Vec<Option<usize>>> {
    (0..PEOPLE)
        .map(|i| {
            if i == 0 {
                Just(None).boxed()
            } else {
                prop::option::of(0..i).boxed()
            }
        })
        .collect::<Vec<_>>()
}

fn deals() -> impl Strategy<Value = Vec<(usize, u32, u32)>> {
    prop::collection::vec((0..PEOPLE, 1u32..900_000, 1u32..90), 0..14)
}

fn documents(managers: &[Option<usize>], deals: &[(usize, u32, u32)]) -> (Value, Value) {
    let plan = json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "roles": [ { "id": "lead", "name": "Lead", "components": [
            { "kind": "commission", "name": "Commission", "rate": "0.07" },
            { "kind": "override", "name": "All", "rate": "0.013", "depth": "all" },
            { "kind": "override", "name": "Direct", "rate": "0.021", "on": "earned_commission" } ] } ] });
    let people: Vec<Value> = managers
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut p = json!({ "id": format!("p{i}"), "role": "lead", "quota": "250000" });
            if let Some(m) = m {
                p["manager"] = json!(format!("p{m}"));
            }
            p
        })
        .collect();
    let deals: Vec<Value> = deals
        .iter()
        .enumerate()
        .map(|(k, (who, amount, day))| {
            json!({ "id": format!("D{k}"), "type": "new", "amount": format!("{amount}.37"),
                    "close_date": format!("2027-{:02}-{:02}", 1 + day / 30, 1 + day % 28),
                    "owners": [ { "participant": format!("p{who}"), "split": "1" } ] })
        })
        .collect();
    (plan, json!({ "participants": people, "deals": deals }))
}

fn load(p: &Value, a: &Value) -> Engine {
    Engine::from_json(&p.to_string(), &a.to_string()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn teams_add_up(managers in hierarchy(), deals in deals()) {
        let (p, a) = documents(&managers, &deals);
        let e = load(&p, &a);
        for i in 0..PEOPLE {
            let id = format!("p{i}");
            let t = e.team(&id).unwrap();
            let s = e.statement(&id).unwrap();
            prop_assert_eq!(t.totals.earned, t.members.iter().map(|m| m.earned).sum::<Decimal>());
            prop_assert_eq!(t.totals.due, t.members.iter().map(|m| m.due).sum::<Decimal>());
            // The whole subtree, each member's override line the rate × their credit.
            let all = &s.components[1];
            prop_assert_eq!(all.lines.len(), t.members.len());
            for (line, m) in all.lines.iter().zip(&t.members) {
                prop_assert_eq!(line.member.as_deref(), Some(m.participant.as_str()));
                let want = (Decimal::from_str("0.013").unwrap() * m.quota_credit).round_dp(2);
                prop_assert_eq!(line.earned, want);
            }
            prop_assert_eq!(all.earned, all.lines.iter().map(|l| l.earned).sum::<Decimal>());
            // Direct reports only on the second.
            let direct = t.members.iter().filter(|m| m.level == 1).count();
            prop_assert_eq!(s.components[2].lines.len(), direct);
            // Every base shown at the currency scale, as the member's statement shows it.
            for line in s.components[1].lines.iter().chain(&s.components[2].lines) {
                prop_assert_eq!(line.credit.map(|c| c.scale()), Some(2));
            }
        }
    }

    #[test]
    fn a_live_deal_moves_teams_as_reloading_does(managers in hierarchy(), deals in deals(),
                                                 who in 0..PEOPLE, amount in 1u32..500_000) {
        let (p, a) = documents(&managers, &deals);
        let mut e = load(&p, &a);
        // Every team asked first: what the engine keeps between calls is
        // in use when the deal comes.
        for i in 0..PEOPLE {
            e.team(&format!("p{i}")).unwrap();
            e.statement(&format!("p{i}")).unwrap();
        }
        let deal = json!({ "id": "LIVE", "type": "new", "close_date": "2027-02-02", "amount": amount.to_string(),
                           "owners": [ { "participant": format!("p{who}"), "split": "1" } ] });
        let affected = e.upsert_deal(&deal).unwrap();
        let mut above = vec![format!("p{who}")];
        let mut at = managers[who];
        while let Some(m) = at {
            above.push(format!("p{m}"));
            at = managers[m];
        }
        above.sort();
        prop_assert_eq!(affected, above);
        let fresh = load(&p, &serde_json::to_value(e.activity()).unwrap());
        for i in 0..PEOPLE {
            let id = format!("p{i}");
            prop_assert_eq!(e.team(&id).unwrap(), fresh.team(&id).unwrap());
            prop_assert_eq!(e.statement(&id).unwrap(), fresh.statement(&id).unwrap());
        }
        // And taken away again: every team as it was loaded.
        e.remove_deal("LIVE").unwrap();
        let before = load(&p, &a);
        for i in 0..PEOPLE {
            let id = format!("p{i}");
            prop_assert_eq!(e.team(&id).unwrap(), before.team(&id).unwrap());
            prop_assert_eq!(e.statement(&id).unwrap(), before.statement(&id).unwrap());
        }
    }
}
