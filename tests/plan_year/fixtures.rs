//! Each fixture's expected period statements, compared as a subset: every
//! field the expected file gives must be in the engine's statement with the
//! same value (money as strings to the cent, ratios as numbers); arrays
//! have the expected length.

use incentive_widget::Engine;
use serde_json::Value;
use std::path::PathBuf;

#[path = "../helpers/subset.rs"]
mod subset;
pub use subset::subset;

/// Every plan-year fixture under tests/fixtures/plan-year.
pub const FIXTURES: [&str; 5] = [
    "ytd-marginal-12",
    "quarterly-true-up",
    "installed-next-month",
    "one-third-schedule",
    "clawbacks",
];

pub fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plan-year")
        .join(name)
}

pub fn text(name: &str, file: &str) -> String {
    let p = dir(name).join(file);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn engine(name: &str) -> Engine {
    Engine::from_json(&text(name, "plan.json"), &text(name, "activity.json"))
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// Checks one participant of a fixture; returns their statements.
pub fn check(name: &str, participant: &str) -> Vec<Value> {
    let expected: Value = serde_json::from_str(&text(name, "expected.json")).unwrap();
    let statements: Vec<Value> = engine(name)
        .period_statements(participant)
        .unwrap()
        .iter()
        .map(|s| s.to_json())
        .collect();
    let actual = Value::Array(statements.clone());
    if let Err(e) = subset(&actual, &expected["statements"][participant], participant) {
        panic!(
            "{name}: {e}\n{}",
            serde_json::to_string_pretty(&actual).unwrap()
        );
    }
    for s in &statements {
        for c in s["components"].as_array().unwrap() {
            for l in c["lines"].as_array().unwrap() {
                assert!(
                    !l["explain"].as_str().unwrap().is_empty(),
                    "{name}: a line without its sentence: {l}"
                );
            }
        }
    }
    statements
}

fn line<'a>(s: &'a Value, kind: &str) -> &'a Value {
    s["components"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} line in {s}"))
}

#[test]
fn twelve_months_of_year_to_date_marginal_tiers() {
    let s = check("ytd-marginal-12", "rep-ada");
    assert_eq!(s.len(), 12);
    let march = line(&s[2], "deal")["explain"].as_str().unwrap().to_string();
    assert!(march.contains("200,000.00"), "{march}");
    assert!(march.contains("attainment 50% → 116.6"), "{march}");
    assert!(
        march.contains("[attainment to date, quota to date 300,000.00]"),
        "{march}"
    );
}

#[test]
fn a_quarterly_true_up() {
    let s = check("quarterly-true-up", "rep-ada");
    let t = line(&s[2], "true_up")["explain"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        t.starts_with("true-up: Q1 closed at 50% attainment to date"),
        "{t}"
    );
    assert!(
        t.contains("15,000.00 − 17,000.00 − 0.00 = −2,000.00") || t.contains("= -2,000.00"),
        "{t}"
    );
}

#[test]
fn an_installed_stage_in_the_next_month() {
    let s = check("installed-next-month", "rep-ada");
    let release = line(&s[1], "release")["explain"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(release.contains("50% at installed 2027-02-03"), "{release}");
    let d1 = line(&s[0], "deal")["explain"].as_str().unwrap().to_string();
    assert!(d1.contains("payable in 2027-02"), "{d1}");
}

#[test]
fn a_one_third_schedule_pays_twenty_three_times() {
    let s = check("one-third-schedule", "rep-ada");
    let last = line(&s[3], "release")["explain"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(last.contains("instalment 3 of 3"), "{last}");
}

#[test]
fn a_half_clawback_of_ten_thousand() {
    let s = check("clawbacks", "rep-half");
    let c = line(&s[7], "clawback")["explain"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(c.contains("H-1 cancelled 2027-08-15"), "{c}");
    assert!(c.contains("50% of 10,000.00 paid"), "{c}");
}

#[test]
fn a_term_prorated_clawback() {
    let s = check("clawbacks", "rep-term");
    let c = line(&s[6], "clawback")["explain"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(c.contains("6 of 12 months served"), "{c}");
}

#[test]
fn a_clawback_outside_its_window_is_none() {
    check("clawbacks", "rep-window");
}

#[test]
fn every_fixture_is_deterministic_and_its_balance_carries() {
    for name in FIXTURES {
        let e = engine(name);
        for p in &e.activity().participants {
            let a = e.period_statements(&p.id).unwrap();
            assert_eq!(a, e.period_statements(&p.id).unwrap());
            // Figures without deal-line sentences: the same numbers.
            let mut year = e.year();
            year.detail = incentive_widget::engine::score::Detail::Figures;
            let figures = e.period_statements_in(&year, &p.id).unwrap();
            let numbers = |s: &[incentive_widget::statement::period::PeriodStatement]| {
                let mut v: Vec<_> = s.iter().map(|x| x.to_json()).collect();
                for x in &mut v {
                    for c in x["components"].as_array_mut().unwrap() {
                        for l in c["lines"].as_array_mut().unwrap() {
                            l["explain"] = Value::Null;
                        }
                    }
                }
                v
            };
            assert_eq!(numbers(&a), numbers(&figures), "{name}");
            crate::properties::invariants(&a);
            // The year's statement (and its headline and totals) is what
            // the pay periods pay: earned and payable to the year's end.
            let last = a.last().unwrap();
            for st in [
                e.statement(&p.id).unwrap(),
                e.headline(&p.id).unwrap(),
                e.totals(&p.id).unwrap(),
            ] {
                assert_eq!(
                    (st.earned, st.payable),
                    (last.earned_to_date, last.payable_to_date),
                    "{name} {}",
                    p.id
                );
                assert_eq!(st.due, st.payable - st.paid, "{name}");
            }
        }
    }
}

/// Quarterly pay periods, quota pro rata by calendar days (365,000.00 over
/// the 365 days of 2027: Q1 has 90 days = 90,000.00, Q2 91 days =
/// 91,000.00), marginal tiers ×1 below 100% and ×2 above, rate 10%.
fn quarterly(attainment: &str) -> Engine {
    let plan = serde_json::json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-12-31", "pay_periods": "quarterly" },
        "roles": [ { "id": "rep", "name": "Rep", "components": [ { "kind": "commission", "name": "C", "rate": "0.1",
            "attainment": attainment,
            "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "1" }, { "from": "1", "multiplier": "2" } ] } } ] } ] });
    let deal = |id: &str, close: &str, amount: &str| {
        serde_json::json!({ "id": id, "type": "new", "close_date": close,
        "amount": amount, "owners": [ { "participant": "a", "split": "1" } ] })
    };
    let activity = serde_json::json!({ "participants": [ { "id": "a", "role": "rep", "quota": "365000" } ],
        "deals": [ deal("A", "2027-02-01", "100000"), deal("B", "2027-04-10", "91000") ] });
    Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap()
}

#[test]
fn attainment_of_the_period_alone_or_to_date_with_quota_pro_rata_by_days() {
    // Q1: A moves 0 → 100,000 of 90,000: 90,000 × 10% + 10,000 × 10% × 2 = 11,000.00 (both readings).
    // Q2, "period": B moves 0 → 91,000 of Q2's own 91,000: 9,100.00.
    // Q2, "to_date": B moves 100,000 → 191,000 of 181,000 to date:
    //   81,000 × 10% + 10,000 × 10% × 2 = 8,100 + 2,000 = 10,100.00.
    let own = quarterly("period").period_statements("a").unwrap();
    let to_date = quarterly("to_date").period_statements("a").unwrap();
    let earned = |s: &[incentive_widget::statement::period::PeriodStatement]| {
        s.iter().map(|x| x.earned.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(earned(&own), ["11000.00", "9100.00", "0.00", "0.00"]);
    assert_eq!(earned(&to_date), ["11000.00", "10100.00", "0.00", "0.00"]);
    assert_eq!(to_date[1].quota.unwrap().to_string(), "181000");
    let line = &own[1].components[0].lines[0].explain;
    assert!(
        line.contains("[attainment of this pay period alone, quota 91,000.00]"),
        "{line}"
    );
}

/// A quarterly year whose quota schedule is `schedule`; participants `a`
/// (quota 400,000) and `b` (quota 200,000), each with a 150,000 deal in Q2.
fn scheduled(schedule: serde_json::Value) -> Engine {
    let plan = serde_json::json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-12-31", "pay_periods": "quarterly" },
        "roles": [ { "id": "rep", "name": "Rep", "quota": { "schedule": schedule },
            "components": [ { "kind": "commission", "name": "C", "rate": "0.1",
            "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "1" }, { "from": "1", "multiplier": "2" } ] } } ] } ] });
    let deal = |id: &str, who: &str| {
        serde_json::json!({ "id": id, "type": "new", "close_date": "2027-05-10",
        "amount": "150000", "owners": [ { "participant": who, "split": "1" } ] })
    };
    let activity = serde_json::json!({ "participants": [ { "id": "a", "role": "rep", "quota": "400000" }, { "id": "b", "role": "rep", "quota": "200000" } ],
        "deals": [ deal("A", "a"), deal("B", "b") ] });
    Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap()
}

#[test]
fn a_quota_schedule_in_amounts_is_the_quota_s_shape() {
    // 100,000 + 80,000 + 80,000 + 140,000 = 400,000: the shares are 1/4,
    // 1/5, 1/5 and 7/20. `a` (quota 400,000) has 180,000 to date in Q2; `b`
    // (quota 200,000) the same shape, scaled: 90,000.
    let ids = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"];
    let amounts = scheduled(serde_json::Value::Array(
        ids.iter()
            .zip(["100000", "80000", "80000", "140000"])
            .map(|(p, a)| serde_json::json!({ "period": p, "amount": a }))
            .collect(),
    ));
    let fractions = scheduled(serde_json::Value::Array(
        ids.iter()
            .zip(["1/4", "1/5", "1/5", "7/20"])
            .map(|(p, f)| serde_json::json!({ "period": p, "fraction": f }))
            .collect(),
    ));
    for who in ["a", "b"] {
        let x = amounts.period_statements(who).unwrap();
        let y = fractions.period_statements(who).unwrap();
        assert_eq!(x, y, "{who}: amounts and their fractions score the same");
    }
    let a = amounts.period_statements("a").unwrap();
    let b = amounts.period_statements("b").unwrap();
    assert_eq!(a[1].quota.unwrap().to_string(), "180000");
    assert_eq!(b[1].quota.unwrap().to_string(), "90000");
    // a: 150,000 of 180,000 to date: 15,000.00. b: 90,000 × 10% + 60,000 × 10% × 2 = 21,000.00.
    assert_eq!(a[1].earned.to_string(), "15000.00");
    assert_eq!(b[1].earned.to_string(), "21000.00");
}

#[test]
fn a_cap_holds_for_the_year_to_date() {
    let plan = serde_json::json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-12-31", "pay_periods": "quarterly" },
        "roles": [ { "id": "rep", "name": "Rep", "components": [
            { "kind": "commission", "name": "C", "rate": "0.1", "cap": "15000" } ] } ] });
    let deal = |id: &str, close: &str, amount: &str| {
        serde_json::json!({ "id": id, "type": "new", "close_date": close,
        "amount": amount, "owners": [ { "participant": "a", "split": "1" } ] })
    };
    let activity = serde_json::json!({ "as_of": "2027-12-31", "participants": [ { "id": "a", "role": "rep", "quota": "400000" } ],
        "deals": [ deal("A", "2027-02-01", "100000"), deal("B", "2027-05-10", "80000"), deal("C", "2027-08-10", "50000") ] });
    let e = Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap();
    let year = e.period_statements("a").unwrap();
    let earned: Vec<String> = year.iter().map(|p| p.earned.to_string()).collect();
    assert_eq!(earned, ["10000.00", "5000.00", "0.00", "0.00"]);
    let cap_line = |k: usize| {
        year[k].components[0]
            .lines
            .iter()
            .find(|l| l.kind == incentive_widget::statement::period::LineKind::Cap)
            .map(|l| {
                (
                    l.earned.to_string(),
                    l.payable.to_string(),
                    l.explain.clone(),
                )
            })
    };
    assert_eq!(cap_line(0), None, "under the cap: no line");
    let (e2, p2, s2) = cap_line(1).unwrap();
    assert_eq!((e2.as_str(), p2.as_str()), ("-3000.00", "-3000.00"));
    assert_eq!(
        s2,
        "Cap 15,000.00 for the plan year, to the end of 2027-Q2: earned 18,000.00 before the cap is 3,000.00 over it (0.00 before): -3,000.00 now; \
         payable 18,000.00 before the cap is 3,000.00 over it (0.00 before): -3,000.00 now"
    );
    assert_eq!(cap_line(2).unwrap().0, "-5000.00");
    // The year is the cap, as the version-1 arithmetic of the same plan says.
    assert_eq!(year[3].earned_to_date.to_string(), "15000.00");
    assert_eq!(
        e.whole_period_statement("a").unwrap().earned.to_string(),
        "15000.00"
    );
    let st = e.statement("a").unwrap();
    assert_eq!(st.earned.to_string(), "15000.00");
    // Its lines: the three deals and the two cap lines, each naming its pay period.
    let explains: Vec<&str> = st.components[0]
        .lines
        .iter()
        .map(|l| l.explain.as_str())
        .collect();
    assert_eq!(explains.len(), 5, "{explains:#?}");
    assert!(
        explains[2].starts_with("2027-Q2: Cap 15,000.00"),
        "{}",
        explains[2]
    );
    super::properties::invariants(&year);
}

#[test]
fn a_plan_year_statement_is_what_its_pay_periods_pay() {
    // ytd-marginal-12: the version-1 arithmetic over the whole year (tiers
    // on the annual quota) gives one commission; the pay periods
    // (year-to-date quota, pro rata by days) pay another. The statement,
    // what-if and the curve read the pay periods'.
    let e = engine("ytd-marginal-12");
    let id = &e.activity().participants[0].id;
    let periods = e.period_statements(id).unwrap();
    let whole = e.whole_period_statement(id).unwrap();
    let year = e.statement(id).unwrap();
    assert_eq!(year.earned, periods.last().unwrap().earned_to_date);
    assert_ne!(
        year.earned, whole.earned,
        "the plan year pays otherwise than one long period"
    );
    assert_eq!(
        (year.quota, year.quota_credit, year.attainment),
        (whole.quota, whole.quota_credit, whole.attainment)
    );
    let w = incentive_widget::whatif::what_if(&e, id, &serde_json::json!([])).unwrap();
    assert_eq!(w.baseline.earned, year.earned);
}

#[test]
fn the_year_view_is_the_year_statement_without_lines() {
    // What a screen asks on every live update: the year's figures (the
    // pay periods' sums, facts from crediting the deals alone) and every
    // pay period's statement, from one scoring of the year.
    for name in FIXTURES {
        let e = engine(name);
        for p in &e.activity().participants {
            let (view, periods) = e.year_view(&p.id).unwrap().expect("a plan year");
            let year = e.statement(&p.id).unwrap();
            let whole = e.whole_period_statement(&p.id).unwrap();
            assert!(
                view.components.iter().all(|c| c.lines.is_empty()),
                "{name} {}",
                p.id
            );
            let figures = |s: &incentive_widget::statement::Statement| {
                (
                    s.earned,
                    s.payable,
                    s.paid,
                    s.due,
                    s.quota,
                    s.quota_credit,
                    s.attainment,
                )
            };
            assert_eq!(figures(&view), figures(&year), "{name} {}", p.id);
            assert_eq!(
                (
                    view.quota_credit,
                    view.attainment,
                    view.paid,
                    view.next_tier.is_some()
                ),
                (
                    whole.quota_credit,
                    whole.attainment,
                    whole.paid,
                    whole.next_tier.is_some()
                ),
                "{name} {}: the year's facts are the whole plan period's",
                p.id
            );
            for (v, y) in view.components.iter().zip(&year.components) {
                assert_eq!(
                    (&v.name, v.earned, v.payable),
                    (&y.name, y.earned, y.payable)
                );
            }
            let full = e.period_statements(&p.id).unwrap();
            assert_eq!(periods.len(), full.len());
            for (v, f) in periods.iter().zip(&full) {
                assert_eq!(
                    (&v.period, v.earned, v.payable, v.paid, v.balance),
                    (&f.period, f.earned, f.payable, f.paid, f.balance)
                );
            }
        }
    }
}

#[test]
fn fixtures_lists_every_plan_year_fixture() {
    crate::fixture_dirs::every_dir_listed("plan-year", &FIXTURES);
}
