//! Benchmarks instead of ranks: the top quarter's and top half's lowest
//! attainment per role, what they take one rep, ties included, and that
//! neither they nor a rep's cut carry anyone else's id, name or pay.

use incentive_widget::Engine;
use serde_json::{json, Value};

/// Eight reps (quota 100,000 each) at 150%, 120%, 110%, 100%, 90%, 80%,
/// 50% and 20%, two marketers, and their manager.
fn company() -> (Value, Value) {
    let plan = json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "roles": [
            { "id": "rep", "name": "Account Executives", "components": [
                { "kind": "commission", "name": "Commission", "rate": "0.07" } ] },
            { "id": "mkt", "name": "Marketers", "components": [
                { "kind": "commission", "name": "Commission", "rate": "0.01" } ] },
            { "id": "mgr", "name": "Managers", "components": [
                { "kind": "override", "name": "Override", "rate": "0.01" } ] } ] });
    let credit = [
        150_000, 120_000, 110_000, 100_000, 90_000, 80_000, 50_000, 20_000,
    ];
    let mut people = vec![json!({ "id": "boss", "name": "Bea Boss", "role": "mgr" })];
    let mut deals = Vec::new();
    for (i, c) in credit.iter().enumerate() {
        let id = format!("r{i}");
        people.push(
            json!({ "id": id, "name": format!("Rep Number{i}"), "role": "rep",
                            "quota": "100000", "manager": "boss" }),
        );
        deals.push(
            json!({ "id": format!("D{i}"), "type": "new", "close_date": "2027-02-01",
            "amount": c.to_string(), "owners": [ { "participant": id, "split": "1" } ] }),
        );
    }
    for m in ["m0", "m1"] {
        people.push(json!({ "id": m, "name": format!("Mark {m}"), "role": "mkt", "quota": "5" }));
    }
    (plan, json!({ "participants": people, "deals": deals }))
}

fn engine() -> Engine {
    let (p, a) = company();
    Engine::from_json(&p.to_string(), &a.to_string()).unwrap()
}

#[test]
fn the_thresholds_are_the_lowest_attainment_of_each_group() {
    let b = serde_json::to_value(engine().benchmarks().unwrap()).unwrap();
    assert_eq!(
        b,
        json!({ "format": "incentive-benchmarks/1", "min_peers": 5, "roles": [
            { "role": "rep", "peers": 8, "top_quarter": "1.2", "top_half": "1" },
            { "role": "mkt", "peers": 2, "top_quarter": null, "top_half": null },
            { "role": "mgr", "peers": 0, "top_quarter": null, "top_half": null } ] })
    );
}

#[test]
fn a_rep_sees_what_more_credit_takes_them_there_ties_included() {
    let e = engine();
    // r4 at 90%: top half from 100% (10,000.00 more), top quarter from 120%.
    let s = e.standing("r4").unwrap();
    assert_eq!(s.peers, 8);
    let [q, h] = [&s.marks[0], &s.marks[1]];
    assert_eq!(
        (q.mark, q.reached, q.credit_needed.to_string()),
        ("top_quarter", false, "30000.00".into())
    );
    assert_eq!(
        q.explain,
        "30,000.00 more credit puts you in the top quarter of 8 Account Executives: it starts at 120% attainment (120% of your 100,000.00 quota = 120,000.00, less your 90,000.00 quota credit)"
    );
    assert_eq!(
        (h.reached, h.credit_needed.to_string()),
        (false, "10000.00".into())
    );
    // r3 at exactly 100%: in the top half (a tie is in).
    let s = e.standing("r3").unwrap();
    assert!(s.marks[1].reached, "{:?}", s.marks[1]);
    assert_eq!(s.marks[1].credit_needed.to_string(), "0.00");
    assert!(s.marks[1]
        .explain
        .starts_with("You are in the top half of 8 Account Executives"));
    // Too few peers: no marks, and why.
    let s = e.standing("m0").unwrap();
    assert!(s.marks.is_empty());
    assert!(
        s.explain
            .contains("2 peers with a quota; benchmarks start at 5"),
        "{}",
        s.explain
    );
}

#[test]
fn a_reps_cut_carries_the_benchmarks_and_no_one_elses_id_name_or_pay() {
    let (plan, _) = company();
    let e = engine();
    for me in ["r0", "r4", "r7"] {
        let cut = e.activity_for(me).unwrap();
        let c = Engine::from_json(&plan.to_string(), &cut.to_string()).unwrap();
        let standing = serde_json::to_value(c.standing(me).unwrap()).unwrap();
        assert_eq!(
            standing,
            serde_json::to_value(e.standing(me).unwrap()).unwrap()
        );
        let shown = format!(
            "{cut}{standing}{}",
            serde_json::to_value(c.benchmarks().unwrap()).unwrap()
        );
        for p in &e.activity().participants {
            if p.id == me {
                continue;
            }
            let s = e.statement(&p.id).unwrap();
            let earned = s.earned.to_string();
            assert!(
                !shown.contains(&format!("\"{}\"", p.id)),
                "{me} sees {}",
                p.id
            );
            assert!(
                !shown.contains(p.name.as_deref().unwrap()),
                "{me} sees {:?}",
                p.name
            );
            assert!(
                s.earned.is_zero() || !shown.contains(&earned),
                "{me} sees {} earned {earned}",
                p.id
            );
            // (A threshold is a peer's attainment, rounded down: that is what
            // a benchmark is; below `min_peers` there is none.)
        }
    }
}

/// A peer's attainment for the benchmarks is their headline statement's;
/// in a plan year that is the whole year's (the version-1 arithmetic over
/// the plan period), as the benchmarks mean.
#[test]
fn in_a_plan_year_a_peers_attainment_is_the_years() {
    for name in ["ytd-marginal-12", "quarterly-true-up", "clawbacks"] {
        let e = crate::fixture_dirs::engine("plan-year", name);
        for p in &e.activity().participants {
            assert_eq!(
                e.totals(&p.id).unwrap().attainment,
                e.whole_period_statement(&p.id).unwrap().attainment,
                "{name}: {}",
                p.id
            );
        }
    }
}
