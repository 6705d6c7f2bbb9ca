//! Invariants of the plan year: each period's totals are the sums of its
//! lines; `due` = payable − paid; the balance carries exactly from one
//! period to the next; the periods' `earned` sum to the year's (with a
//! year-end true-up, to the version-1 statement of the whole plan period);
//! a line's instalments sum to the line.

use incentive_widget::statement::period::{LineKind, PeriodStatement};
use incentive_widget::Engine;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::collections::HashMap;

/// What holds for every participant's pay periods.
pub fn invariants(periods: &[PeriodStatement]) {
    let mut balance = Decimal::ZERO;
    let (mut earned, mut payable, mut paid) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for s in periods {
        for c in &s.components {
            assert_eq!(
                c.earned,
                c.lines.iter().map(|l| l.earned).sum::<Decimal>(),
                "{}",
                s.period
            );
            assert_eq!(
                c.payable,
                c.lines.iter().map(|l| l.payable).sum::<Decimal>(),
                "{}",
                s.period
            );
        }
        assert_eq!(
            s.earned,
            s.components.iter().map(|c| c.earned).sum::<Decimal>()
        );
        assert_eq!(
            s.payable,
            s.components.iter().map(|c| c.payable).sum::<Decimal>()
        );
        assert_eq!(s.due, s.payable - s.paid, "{}", s.period);
        balance += s.due;
        earned += s.earned;
        payable += s.payable;
        paid += s.paid;
        assert_eq!(
            s.balance, balance,
            "{}: the balance carries exactly",
            s.period
        );
        assert_eq!(s.earned_to_date, earned);
        assert_eq!(s.payable_to_date, payable);
        assert_eq!(s.paid_to_date, paid);
        assert_eq!(s.balance, s.payable_to_date - s.paid_to_date);
    }
}

fn plan(schedule: bool, true_up: &str) -> Value {
    let payout = if schedule {
        json!({ "schedule": [ { "months_after_close": 0, "fraction": "1/3" },
                               { "months_after_close": 1, "fraction": "1/3" },
                               { "months_after_close": 2, "fraction": "1/3" } ] })
    } else {
        json!({ "booked": "0.4", "installed": "0.35", "activated": "0.25" })
    };
    let mut commission = json!({ "kind": "commission", "name": "Commission", "rates": { "new": "0.07", "expansion": "0.0333" },
        "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "0.5" },
                                                  { "from": "0.6", "multiplier": "1" },
                                                  { "from": "1.1", "multiplier": "1.75" } ] },
        "payout": payout });
    if !true_up.is_empty() {
        commission["true_up"] = json!(true_up);
    }
    json!({ "name": "Property year", "currency": "USD",
            "period": { "start": "2027-01-01", "end": "2027-12-31", "pay_periods": "monthly" },
            "roles": [ { "id": "rep", "name": "Rep", "components": [ commission ] } ] })
}

/// Deals closing Jan–Sep (so every instalment and stage falls in the year),
/// each (day of year, cents, expansion?, stage days after close).
fn activity(deals: &[(u32, u64, bool, u32, u32)], pays: &[(u32, u64)]) -> Value {
    let date = |doy: u32| {
        let d = incentive_widget::date::Date::parse("2027-01-01").unwrap();
        incentive_widget::date::Date(d.0 + i64::from(doy)).to_string()
    };
    let deals: Vec<Value> = deals
        .iter()
        .enumerate()
        .map(|(i, &(doy, cents, exp, inst, act))| {
            json!({ "id": format!("D-{i:02}"), "type": if exp { "expansion" } else { "new" },
                    "close_date": date(doy), "amount": format!("{}.{:02}", cents / 100, cents % 100),
                    "stage": "activated",
                    "stages": { "booked": date(doy), "installed": date(doy + inst), "activated": date(doy + inst + act) },
                    "owners": [ { "participant": "rep-a", "split": "1" } ] })
        })
        .collect();
    let payments: Vec<Value> = pays
        .iter()
        .map(|&(doy, cents)| {
            json!({ "participant": "rep-a", "date": date(doy),
                                     "amount": format!("{}.{:02}", cents / 100, cents % 100) })
        })
        .collect();
    json!({ "as_of": "2027-12-31", "participants": [ { "id": "rep-a", "role": "rep", "quota": "750000" } ],
            "deals": deals, "payments": payments })
}

fn deals() -> impl Strategy<Value = Vec<(u32, u64, bool, u32, u32)>> {
    prop::collection::vec(
        (
            0u32..270,
            1u64..40_000_000,
            any::<bool>(),
            0u32..40,
            0u32..40,
        ),
        1..25,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_year_end_true_up_makes_the_periods_sum_to_the_years_statement(
        deals in deals(), pays in prop::collection::vec((0u32..365, 1u64..1_000_000), 0..5)
    ) {
        let e = Engine::from_json(&plan(false, "year").to_string(), &activity(&deals, &pays).to_string()).unwrap();
        let periods = e.period_statements("rep-a").unwrap();
        invariants(&periods);
        let year: Decimal = periods.iter().map(|s| s.earned).sum();
        prop_assert_eq!(year, periods[11].earned_to_date);
        // With a year-end true-up, the pay periods pay what the version-1
        // arithmetic over the whole year says.
        prop_assert_eq!(year, e.whole_period_statement("rep-a").unwrap().earned);
        // The year's statement is its pay periods' sum, line by line.
        let st = e.statement("rep-a").unwrap();
        prop_assert_eq!(st.earned, year);
        prop_assert_eq!(st.payable, periods[11].payable_to_date);
        let lines: usize = periods.iter().map(|p| p.components[0].lines.len()).sum();
        prop_assert_eq!(st.components[0].lines.len(), lines);
        prop_assert_eq!(st.components[0].lines.iter().map(|l| l.earned).sum::<Decimal>(), st.components[0].earned);
        prop_assert_eq!(st.payable - st.paid, st.due);
        let t = e.totals("rep-a").unwrap();
        prop_assert_eq!((t.earned, t.payable, t.due), (st.earned, st.payable, st.due));
    }

    /// A cap holds for the year to date: no pay period's earned or payable
    /// to date passes it, and with a year-end true-up the year is the
    /// version-1 statement's capped figure.
    #[test]
    fn a_cap_holds_to_date_in_every_pay_period(
        deals in deals(), cap in 1u64..60_000
    ) {
        let mut p = plan(false, "year");
        p["roles"][0]["components"][0]["cap"] = json!(cap.to_string());
        let e = Engine::from_json(&p.to_string(), &activity(&deals, &[]).to_string()).unwrap();
        let periods = e.period_statements("rep-a").unwrap();
        invariants(&periods);
        let cap = Decimal::from(cap);
        for s in &periods {
            prop_assert!(s.earned_to_date <= cap, "{}: earned to date {} over {}", s.period, s.earned_to_date, cap);
            prop_assert!(s.payable_to_date <= cap, "{}: payable to date {} over {}", s.period, s.payable_to_date, cap);
        }
        prop_assert_eq!(periods[11].earned_to_date, e.whole_period_statement("rep-a").unwrap().earned);
        prop_assert_eq!(periods[11].earned_to_date, e.statement("rep-a").unwrap().earned);
    }

    #[test]
    fn instalments_and_stage_parts_sum_to_their_line(
        deals in deals(), schedule in any::<bool>(), quarter in any::<bool>()
    ) {
        let e = Engine::from_json(&plan(schedule, if quarter { "quarter" } else { "" }).to_string(),
                                  &activity(&deals, &[]).to_string()).unwrap();
        let periods = e.period_statements("rep-a").unwrap();
        invariants(&periods);
        let mut earned: HashMap<String, Decimal> = HashMap::new();
        let mut payable: HashMap<String, Decimal> = HashMap::new();
        for s in &periods {
            for l in &s.components[0].lines {
                let Some(d) = &l.deal else { continue };
                if l.kind == LineKind::Deal {
                    *earned.entry(d.clone()).or_default() += l.earned;
                }
                *payable.entry(d.clone()).or_default() += l.payable;
            }
        }
        prop_assert_eq!(earned.len(), deals.len());
        for (d, x) in &earned {
            prop_assert_eq!(payable.get(d).copied().unwrap_or_default(), *x, "deal {}", d);
        }
        // Without a true-up, the periods' earned are the deals' lines.
        if !quarter {
            let lines: Decimal = earned.values().copied().sum();
            prop_assert_eq!(periods[11].earned_to_date, lines);
        }
    }
}

#[test]
fn a_one_period_plan_is_its_version_1_statement() {
    // A version-1 plan (no pay periods): one period, the plan period, whose
    // figures are the version-1 statement's.
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    for entry in std::fs::read_dir(root).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("expected.json").exists() {
            continue;
        }
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
        let e = Engine::from_json(&read("plan.json"), &read("activity.json")).unwrap();
        assert_eq!(e.pay_periods().len(), 1);
        for p in &e.activity().participants {
            let v1 = e.statement(&p.id).unwrap();
            let one = e.period_statements(&p.id).unwrap();
            assert_eq!(one.len(), 1);
            invariants(&one);
            assert_eq!(one[0].earned, v1.earned, "{}: {}", dir.display(), p.id);
            assert_eq!(one[0].paid, v1.paid);
            assert_eq!(one[0].quota_credit, v1.quota_credit);
        }
    }
}
