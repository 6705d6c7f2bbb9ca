//! Invariants of total pay on random plans and activities: total pay is the
//! sum of its parts in every pay period and in the year; a recoverable
//! draw's balance owed is never negative, changes by exactly the draw line,
//! and is repaid before anything beyond the draw is paid.

use super::fixtures::parts_add_up;
use incentive_widget::Engine;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

const PERS: [&str; 3] = ["year", "plan_period", "pay_period"];

#[derive(Debug, Clone)]
struct Case {
    deals: Vec<(u32, u32)>,
    draw: u32,
    recoverable: bool,
    until: Option<u32>,
    salary: u32,
    per: usize,
    start_day: Option<u32>,
    adjustments: Vec<(i32, Option<u32>)>,
    quarterly: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec((1u32..=365, 0u32..60_000), 0..14),
        1u32..5_000,
        any::<bool>(),
        prop::option::of(1u32..=12),
        0u32..200_000,
        0usize..3,
        prop::option::of(1u32..=365),
        prop::collection::vec((-2_000i32..2_000, prop::option::of(1u32..=12)), 0..4),
        any::<bool>(),
    )
        .prop_map(
            |(deals, draw, recoverable, until, salary, per, start_day, adjustments, quarterly)| {
                Case {
                    deals,
                    draw,
                    recoverable,
                    until,
                    salary,
                    per,
                    start_day,
                    adjustments,
                    quarterly,
                }
            },
        )
}

fn day(n: u32) -> String {
    let (mut m, mut d) = (1, n);
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    while d > lengths[m - 1] {
        d -= lengths[m - 1];
        m += 1;
    }
    format!("2027-{m:02}-{d:02}")
}

fn documents(c: &Case) -> (Value, Value) {
    let mut draw = json!({ "kind": "draw", "name": "Draw", "amount": c.draw.to_string(),
                           "recoverable": c.recoverable, "applies_to": ["Commission"] });
    if let Some(m) = c.until {
        draw["until"] = json!(format!("2027-{m:02}-15"));
    }
    let plan = json!({ "name": "P", "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-12-31",
                    "pay_periods": if c.quarterly { "quarterly" } else { "monthly" } },
        "roles": [ { "id": "rep", "name": "Rep", "components": [
            { "kind": "fixed", "name": "Salary", "amount": c.salary.to_string(), "per": PERS[c.per] },
            { "kind": "commission", "name": "Commission", "rate": "0.1" },
            draw ] } ] });
    let deals: Vec<Value> = c
        .deals
        .iter()
        .enumerate()
        .map(|(i, (d, amount))| {
            json!({ "id": format!("D-{i}"), "type": "new", "close_date": day(*d),
            "amount": amount.to_string(), "owners": [ { "participant": "a", "split": "1" } ] })
        })
        .collect();
    let adjustments: Vec<Value> = c
        .adjustments
        .iter()
        .enumerate()
        .map(|(i, (amount, m))| {
            let mut a = json!({ "id": format!("A-{i}"), "participant": "a",
                                "amount": format!("{amount}.25"), "reason": "Correction" });
            if let (Some(m), false) = (m, c.quarterly) {
                a["period"] = json!(format!("2027-{m:02}"));
            }
            a
        })
        .collect();
    let mut person = json!({ "id": "a", "role": "rep" });
    if let Some(d) = c.start_day {
        person["start_date"] = json!(day(d));
    }
    let activity = json!({ "as_of": "2027-12-31", "participants": [ person ],
                           "deals": deals, "adjustments": adjustments });
    (plan, activity)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn total_pay_is_the_sum_of_its_parts_and_the_balance_holds(c in case()) {
        let (plan, activity) = documents(&c);
        let e = Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap();
        let periods = e.period_statements("a").unwrap();
        let mut owed = Decimal::ZERO;
        for s in &periods {
            let pay = s.pay.as_ref().unwrap();
            let variable: Decimal = s.components.iter().map(|c| c.payable).sum();
            parts_add_up(pay, s.payable, variable, &s.period);
            let Some(draw) = &pay.draw else { continue };
            if !c.recoverable {
                prop_assert!(pay.balance_owed.is_none());
                prop_assert!(draw.amount >= Decimal::ZERO, "a forgiven draw only adds");
                continue;
            }
            let after = pay.balance_owed.unwrap();
            prop_assert!(after >= Decimal::ZERO, "{}: balance {}", s.period, after);
            prop_assert_eq!(after, owed + draw.amount, "{}", s.period);
            // Paid beyond the draw only once the balance is repaid.
            let paid = variable + draw.amount;
            if paid > Decimal::from(c.draw) {
                prop_assert_eq!(after, Decimal::ZERO, "{}: paid {} with {} still owed", s.period, paid, after);
            }
            owed = after;
        }
        let year = e.statement("a").unwrap();
        let pay = year.pay.as_ref().unwrap();
        let variable: Decimal = year.components.iter().map(|c| c.payable).sum();
        parts_add_up(pay, year.payable, variable, "year");
        let total: Decimal = periods.iter().map(|s| s.pay.as_ref().unwrap().total_pay).sum();
        prop_assert_eq!(pay.total_pay, total);
        let salary: Decimal = periods.iter().map(|s| s.pay.as_ref().unwrap().fixed_pay).sum();
        if c.start_day.is_none() && c.per != 2 {
            // A whole year of a yearly or plan-period amount is the amount.
            prop_assert_eq!(salary, Decimal::from(c.salary));
        }
    }
}
