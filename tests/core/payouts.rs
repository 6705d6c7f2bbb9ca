//! When each payable amount is paid (`Engine::payouts`, the package's
//! `payouts`): the timeline and every deal's status, by hand on the staged
//! payout fixture and a plan year of instalments, and, for every
//! participant of every fixture, the sums a rep can check: paid + due =
//! payable, the timeline adds up to earned, each deal's earned is its
//! payable plus what waits, and what a stage releases is what the statement
//! shows once every deal has reached it.

use incentive_widget::engine::{DealPayout, Payouts};
use incentive_widget::Engine;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn fixture(dir: &str) -> (String, Value) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = if dir.starts_with("plan-year/") {
        root.join("tests/fixtures").join(dir)
    } else {
        root.join("../shared/fixtures").join(dir)
    };
    let plan = std::fs::read_to_string(base.join("plan.json")).unwrap();
    let activity = std::fs::read_to_string(base.join("activity.json")).unwrap();
    (plan, serde_json::from_str(&activity).unwrap())
}

fn deal<'a>(p: &'a Payouts, id: &str) -> &'a DealPayout {
    p.deals.iter().find(|x| x.deal == id).unwrap()
}

fn steps(p: &Payouts) -> Vec<(String, String, usize)> {
    p.timeline
        .iter()
        .map(|s| {
            let when = match (s.stage, &s.period) {
                (Some(st), _) => st.to_string(),
                (None, Some(per)) => per.clone(),
                _ => s.when.to_string(),
            };
            (when, s.amount.to_string(), s.deals)
        })
        .collect()
}

#[test]
fn a_staged_payout_reads_paid_due_then_each_stage() {
    let (plan, activity) = fixture("payout-stages-clawback");
    let e = Engine::from_json(&plan, &activity.to_string()).unwrap();
    let p = e.payouts("rep-kim").unwrap();
    // 8% of 50,000 + 60,000 + 40,000 = 12,000.00 earned; payable 2,000 +
    // 3,600 + 3,200 = 8,800; paid 2,400 + 3,200 + 1,200 (D-404, cancelled).
    assert_eq!(
        (p.earned, p.payable, p.paid, p.due),
        (d("12000.00"), d("8800.00"), d("6800.00"), d("2000.00"))
    );
    let s = |a: &str, b: &str, n| (a.to_string(), b.to_string(), n);
    assert_eq!(
        steps(&p),
        [
            s("paid", "6800.00", 0),
            s("due", "2000.00", 0),
            s("installed", "1000.00", 1),
            s("activated", "2200.00", 2)
        ]
    );
    assert_eq!(
        p.explain,
        "Earned 12,000.00 = paid 6,800.00 + due 2,000.00 + 1,000.00 when installed + 2,200.00 when activated."
    );
    let d401 = deal(&p, "D-401");
    assert_eq!(
        (d401.status, d401.payable, d401.due),
        ("due", d("2000.00"), d("2000.00"))
    );
    assert_eq!(
        d401.explain,
        "Earned 4,000.00: 2,000.00 payable + 1,000.00 when installed + 1,000.00 when activated; payable 2,000.00 = paid 0.00 + due 2,000.00."
    );
    let d402 = deal(&p, "D-402");
    assert_eq!(
        (d402.status, d402.paid, d402.due),
        ("part_paid", d("2400.00"), d("1200.00"))
    );
    assert_eq!(d402.waiting.len(), 1);
    assert_eq!(
        (d402.waiting[0].stage, d402.waiting[0].amount),
        (Some("activated"), d("1200.00"))
    );
    assert_eq!(deal(&p, "D-403").status, "paid");
    let d404 = deal(&p, "D-404");
    assert_eq!(
        (d404.status, d404.earned, d404.due),
        ("clawback", d("0"), d("-1200.00"))
    );
    assert_eq!(
        p.deals.iter().map(|x| x.deal.as_str()).collect::<Vec<_>>(),
        ["D-401", "D-402", "D-403", "D-404"]
    );
}

#[test]
fn a_plan_year_reads_paid_due_then_each_later_pay_period() {
    let (plan, mut activity) = fixture("plan-year/one-third-schedule");
    activity["as_of"] = json!("2027-02-28");
    let e = Engine::from_json(&plan, &activity.to_string()).unwrap();
    let p = e.payouts("rep-ada").unwrap();
    // 10% of 600 and of 1,000, a third in the close month and each of the
    // next two: D-1 20 + 20 + 20 (Jan–Mar), D-2 33.33 + 33.33 + 33.34.
    assert_eq!(p.period.as_deref(), Some("2027-02"));
    let s = |a: &str, b: &str, n| (a.to_string(), b.to_string(), n);
    assert_eq!(
        steps(&p),
        [
            s("paid", "0.00", 0),
            s("due", "73.33", 0),
            s("2027-03", "53.33", 2),
            s("2027-04", "33.34", 1)
        ]
    );
    assert_eq!(p.earned, d("160.00"));
    let d2 = deal(&p, "D-2");
    assert_eq!(
        (d2.earned, d2.payable, d2.status),
        (d("100.00"), d("33.33"), "due")
    );
    let waits: Vec<_> = d2
        .waiting
        .iter()
        .map(|w| (w.period.clone().unwrap(), w.amount))
        .collect();
    assert_eq!(
        waits,
        [
            ("2027-03".to_string(), d("33.33")),
            ("2027-04".to_string(), d("33.34"))
        ]
    );
}

fn every_fixture() -> Vec<String> {
    crate::common::fixture_dirs()
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            if p.to_string_lossy().contains("plan-year") {
                format!("plan-year/{name}")
            } else {
                name.to_string()
            }
        })
        .collect()
}

#[test]
fn every_payout_adds_up_and_a_stage_releases_what_the_statement_will_show() {
    let mut checked = 0;
    for dir in every_fixture() {
        let (plan, activity) = fixture(&dir);
        let e = Engine::from_json(&plan, &activity.to_string()).unwrap();
        let year = dir.starts_with("plan-year/");
        for person in e.people() {
            let p = e.payouts(&person.id).unwrap();
            let at = format!("{dir}: {}", person.id);
            let total: Decimal = p.timeline.iter().map(|s| s.amount).sum();
            assert_eq!(total, p.earned, "{at}: the timeline adds up to earned");
            assert_eq!(p.paid + p.due, p.payable, "{at}");
            if !year {
                let st = e.statement(&person.id).unwrap();
                assert_eq!(
                    (p.earned, p.payable, p.paid, p.due),
                    (st.earned, st.payable, st.paid, st.due),
                    "{at}"
                );
            }
            for x in &p.deals {
                let waits: Decimal = x.waiting.iter().map(|w| w.amount).sum();
                if x.stage != "cancelled" {
                    assert_eq!(x.payable + waits, x.earned, "{at} {}", x.deal);
                }
                assert_eq!(x.paid + x.due, x.payable, "{at} {}", x.deal);
            }
            if year {
                continue;
            }
            // Move every deal to installed, then activated, for real: the
            // statement's payable grows by each step.
            let mut moved = activity.clone();
            let mut payable = p.payable;
            for stage in ["installed", "activated"] {
                let rank = |s: &str| {
                    ["booked", "installed", "activated"]
                        .iter()
                        .position(|x| *x == s)
                };
                for deal in moved["deals"].as_array_mut().unwrap() {
                    let now = deal["stage"].as_str().unwrap_or("booked").to_string();
                    if rank(&now).is_some_and(|r| r < rank(stage).unwrap()) {
                        deal["stage"] = json!(stage);
                    }
                }
                let after = Engine::from_json(&plan, &moved.to_string()).unwrap();
                let after = after.statement(&person.id).unwrap().payable;
                let step = p
                    .timeline
                    .iter()
                    .find(|s| s.stage == Some(stage))
                    .map_or(Decimal::ZERO, |s| s.amount);
                assert_eq!(after - payable, step, "{at}: {stage}");
                payable = after;
            }
            checked += 1;
        }
    }
    assert!(checked >= 16, "{checked}");
}
