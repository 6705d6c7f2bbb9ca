//! Each total-pay fixture: every participant's pay period statements and
//! year statement against the expected subset, to the cent, and the parts
//! adding up to the total.

use incentive_widget::statement::pay::Pay;
use incentive_widget::Engine;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::fixture_dirs;
use crate::subset::subset;

/// Every total-pay fixture under tests/fixtures/total-pay.
pub const FIXTURES: [&str; 4] = [
    "recoverable-draw",
    "mid-month-hire",
    "quarter-salary",
    "discretionary-pool",
];

fn text(name: &str, file: &str) -> String {
    fixture_dirs::text("total-pay", name, file)
}

pub fn engine(name: &str) -> Engine {
    fixture_dirs::engine("total-pay", name)
}

fn expected(name: &str) -> Value {
    serde_json::from_str(&text(name, "expected.json")).unwrap()
}

/// Total pay is the sum of its parts: the fixed amounts, and payable (the
/// variable components' payable, the draw and the adjustments).
pub fn parts_add_up(pay: &Pay, payable: Decimal, variable_payable: Decimal, what: &str) {
    let fixed: Decimal = pay.fixed.iter().map(|f| f.amount).sum();
    assert_eq!(pay.fixed_pay, fixed, "{what}: fixed_pay");
    let draw = pay.draw.as_ref().map_or(Decimal::ZERO, |d| d.amount);
    let adjustments = pay.adjustments.as_ref().map_or(Decimal::ZERO, |a| a.amount);
    assert_eq!(pay.variable_pay, variable_payable, "{what}: variable_pay");
    assert_eq!(
        payable,
        variable_payable + draw + adjustments,
        "{what}: payable"
    );
    assert_eq!(pay.total_pay, pay.fixed_pay + payable, "{what}: total_pay");
    for part in pay.fixed.iter().chain(&pay.draw).chain(&pay.adjustments) {
        let lines: Decimal = part
            .lines
            .iter()
            .filter(|l| l.kind != "balance_owed")
            .map(|l| l.amount)
            .sum();
        if !part.lines.is_empty() {
            assert_eq!(
                part.amount, lines,
                "{what}: {} is its lines' sum",
                part.name
            );
        }
        assert!(part.lines.iter().all(|l| !l.explain.is_empty()), "{what}");
    }
}

#[test]
fn every_fixture_to_the_cent() {
    for name in FIXTURES {
        let e = engine(name);
        let want = expected(name);
        for p in &e.activity().participants {
            let periods = e.period_statements(&p.id).unwrap();
            let got = Value::Array(periods.iter().map(|s| s.to_json()).collect());
            if let Err(err) = subset(&got, &want["statements"][&p.id], &p.id) {
                panic!(
                    "{name}: {err}\n{}",
                    serde_json::to_string_pretty(&got).unwrap()
                );
            }
            for s in &periods {
                let pay = s.pay.as_ref().expect("a total-pay statement");
                let variable = s.components.iter().map(|c| c.payable).sum();
                parts_add_up(
                    pay,
                    s.payable,
                    variable,
                    &format!("{name} {} {}", p.id, s.period),
                );
            }
            let year = e.statement(&p.id).unwrap();
            if let Err(err) = subset(&year.to_json(), &want["year"][&p.id], &p.id) {
                panic!("{name} year: {err}\n{:#}", year.to_json());
            }
            let pay = year.pay.as_ref().unwrap();
            let variable = year.components.iter().map(|c| c.payable).sum();
            parts_add_up(
                pay,
                year.payable,
                variable,
                &format!("{name} {} year", p.id),
            );
            let total: Decimal = periods
                .iter()
                .map(|s| s.pay.as_ref().unwrap().total_pay)
                .sum();
            assert_eq!(
                pay.total_pay, total,
                "{name} {}: the year is its pay periods",
                p.id
            );
        }
    }
}

#[test]
fn fixtures_lists_every_total_pay_fixture() {
    fixture_dirs::every_dir_listed("total-pay", &FIXTURES);
}

#[test]
fn the_published_draw_example() {
    // Draw 1,500: August commission 500 → paid 1,500, owed 1,000;
    // September 3,000 → paid 2,000, owed 0; non-recoverable September → 3,000.
    let e = engine("recoverable-draw");
    let rec = e.period_statements("rep-rec").unwrap();
    let owed = |s: &incentive_widget::statement::period::PeriodStatement| {
        s.pay.as_ref().unwrap().balance_owed.unwrap().to_string()
    };
    assert_eq!(
        (rec[0].payable.to_string(), owed(&rec[0])),
        ("1500.00".into(), "1000.00".into())
    );
    assert_eq!(
        (rec[1].payable.to_string(), owed(&rec[1])),
        ("2000.00".into(), "0.00".into())
    );
    let non = e.period_statements("rep-nonrec").unwrap();
    assert_eq!(non[1].payable.to_string(), "3000.00");
    assert!(non[1].pay.as_ref().unwrap().balance_owed.is_none());
}

#[test]
fn after_the_draw_ends_nothing_is_advanced() {
    let e = engine("recoverable-draw");
    let s = e.period_statements("rep-until").unwrap();
    let nov = s[3].pay.as_ref().unwrap().draw.as_ref().unwrap();
    assert!(
        nov.lines[0].explain.contains("the draw ended 2027-10-31"),
        "{:?}",
        nov.lines
    );
    for late in &s[4..] {
        assert!(late.pay.as_ref().unwrap().draw.is_none(), "{}", late.period);
    }
}

#[test]
fn a_draw_is_not_advanced_for_pay_periods_after_the_as_of_date() {
    let plan = text("recoverable-draw", "plan.json");
    let mut activity: Value =
        serde_json::from_str(&text("recoverable-draw", "activity.json")).unwrap();
    activity["as_of"] = "2027-10-15".into();
    let e = Engine::from_json(&plan, &activity.to_string()).unwrap();
    let s = e.period_statements("rep-rec").unwrap();
    // October has started: its draw is advanced (B 1,500); November on: not yet,
    // and the year's balance owed is what is owed today.
    assert_eq!(
        s[2].pay.as_ref().unwrap().balance_owed.unwrap().to_string(),
        "1500.00"
    );
    let nov = s[3].pay.as_ref().unwrap().draw.as_ref().unwrap();
    assert!(
        nov.lines[0]
            .explain
            .contains("2027-11 has not started as of 2027-10-15: no draw yet"),
        "{:?}",
        nov.lines
    );
    let year = e.statement("rep-rec").unwrap();
    assert_eq!(year.pay.unwrap().balance_owed.unwrap().to_string(), "0.00");
}

#[test]
fn a_plan_without_pay_periods_agrees_with_its_one_period() {
    let e = engine("quarter-salary");
    let s = e.statement("rep-q").unwrap();
    let one = e.period_statements("rep-q").unwrap();
    assert_eq!(one.len(), 1);
    let (a, b) = (s.pay.as_ref().unwrap(), one[0].pay.as_ref().unwrap());
    assert_eq!(a.total_pay, b.total_pay);
    assert_eq!(a.fixed, b.fixed);
    assert_eq!((s.payable, s.due), (one[0].payable, one[0].due));
}

#[test]
fn one_viewers_cut_has_the_same_total_pay() {
    for name in FIXTURES {
        let e = engine(name);
        for p in &e.activity().participants {
            let cut = e.restricted_to(&p.id).unwrap();
            assert_eq!(
                cut.statement(&p.id).unwrap(),
                e.statement(&p.id).unwrap(),
                "{name} {}",
                p.id
            );
        }
    }
}

#[test]
fn one_viewers_activity_document_scores_the_same_and_keeps_colleagues_out() {
    for name in FIXTURES {
        let e = engine(name);
        let plan = text(name, "plan.json");
        for p in &e.activity().participants {
            let doc = e.activity_for(&p.id).unwrap();
            for key in ["adjustments", "allocations"] {
                for item in doc
                    .get(key)
                    .and_then(|v| v.as_array())
                    .into_iter()
                    .flatten()
                {
                    assert_eq!(
                        item["participant"],
                        p.id.as_str(),
                        "{name}: {key} of a colleague in {}'s cut",
                        p.id
                    );
                }
            }
            let cut = Engine::from_json(&plan, &doc.to_string()).unwrap();
            assert_eq!(
                cut.statement(&p.id).unwrap(),
                e.statement(&p.id).unwrap(),
                "{name} {}",
                p.id
            );
        }
    }
}

#[test]
fn headline_and_totals_carry_the_same_total_pay() {
    for name in FIXTURES {
        let e = engine(name);
        for p in &e.activity().participants {
            let full = e.statement(&p.id).unwrap().pay.unwrap();
            for other in [e.headline(&p.id).unwrap(), e.totals(&p.id).unwrap()] {
                let pay = other.pay.unwrap();
                assert_eq!(
                    (pay.total_pay, pay.fixed_pay, pay.balance_owed),
                    (full.total_pay, full.fixed_pay, full.balance_owed),
                    "{name} {}",
                    p.id
                );
            }
        }
    }
}

#[test]
fn a_participant_without_total_pay_keeps_the_version_1_statement() {
    // An adjustment for one participant shows total pay on their statement
    // only; a colleague's statement has no total-pay fields.
    let plan = r#"{"name":"P","currency":"USD","period":{"start":"2027-01-01","end":"2027-03-31"},
        "roles":[{"id":"rep","name":"Rep","components":[{"kind":"commission","name":"C","rate":"0.1"}]}]}"#;
    let activity = r#"{"participants":[{"id":"a","role":"rep"},{"id":"b","role":"rep"}],
        "deals":[{"id":"D","type":"new","close_date":"2027-02-01","amount":"1000","owners":[{"participant":"b","split":"1"}]}],
        "adjustments":[{"id":"x","participant":"a","amount":"10","reason":"Correction"}]}"#;
    let e = Engine::from_json(plan, activity).unwrap();
    let b = e.statement("b").unwrap().to_json();
    assert!(b.get("total_pay").is_none(), "{b}");
    let without =
        Engine::from_json(plan, &activity.replace(r#""adjustments""#, r#""ignored""#)).unwrap();
    assert_eq!(
        serde_json::to_string(&b).unwrap(),
        serde_json::to_string(&without.statement("b").unwrap().to_json()).unwrap()
    );
    let a = e.statement("a").unwrap();
    assert_eq!(a.pay.unwrap().total_pay.to_string(), "10.00");
    assert_eq!(a.due.to_string(), "10.00");
}
