//! `cargo bench --bench plan_year`: a 12-pay-period year for the company
//! workload (1,000 participants, 100,000 deals, 500,000 touches): every pay
//! period's statements of every participant, beside today's single-period
//! run of the same plan and deals (`statements()`). Printed figures only
//! (best of `BENCH_RUNS`, default 3).
//!
//! The workload's plan is turned into a year: plan period 2027, monthly pay
//! periods (caps kept: they hold for the year to date); deal close dates
//! spread over the year (deal i moves (i mod 4) × 3 months later), payments
//! dated. The single-period run is the same plan without `pay_periods` (the
//! version-1 arithmetic over the same year, the same deals).

use incentive_widget::workload::{self, Size};
use incentive_widget::Engine;
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn year_plan(pay_periods: bool) -> Value {
    let mut plan = workload::plan();
    plan["period"] = json!({ "start": "2027-01-01", "end": "2027-12-31" });
    if pay_periods {
        plan["period"]["pay_periods"] = json!("monthly");
    }
    plan
}

fn year_activity() -> Value {
    let mut a = workload::activity(Size::company());
    for (i, d) in a["deals"].as_array_mut().unwrap().iter_mut().enumerate() {
        let close = d["close_date"].as_str().unwrap().to_string();
        let month: u32 = close[5..7].parse().unwrap();
        let moved = month + 3 * (i as u32 % 4);
        d["close_date"] = json!(format!("2027-{moved:02}-{}", (&close[8..10]).min("28")));
    }
    for p in a["payments"].as_array_mut().unwrap() {
        p["date"] = json!("2027-03-31");
    }
    a["as_of"] = json!("2027-12-31");
    a
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let (plan, activity) = (year_plan(true).to_string(), year_activity().to_string());
    let t = Instant::now();
    let engine = Engine::from_json(&plan, &activity).expect("the year workload is valid");
    println!("plan year: read and validated in {:.2?}", t.elapsed());
    let flat = Engine::from_json(&year_plan(false).to_string(), &activity).expect("valid");
    let single = best(runs, || flat.statements().unwrap());
    let year = best(runs, || engine.all_period_statements().unwrap());
    let year_statements = best(runs, || engine.statements().unwrap());
    let periods = engine.pay_periods().len();
    let people = engine.activity().participants.len();
    println!(
        "single-period run (statements(), {people} participants, {} deals): {single:.2?}",
        engine.activity().deals.len()
    );
    println!(
        "{periods} pay periods, every period's statements ({} statements): {year:.2?} = {:.1}× the single-period run (target 2×)",
        people * periods,
        year.as_secs_f64() / single.as_secs_f64()
    );
    println!(
        "the year's statements() (each the sum of its pay periods' lines): {year_statements:.2?} = {:.1}×",
        year_statements.as_secs_f64() / single.as_secs_f64()
    );
    let mut figures = engine.year();
    figures.detail = incentive_widget::engine::score::Detail::Figures;
    let people_ids: Vec<String> = engine
        .activity()
        .participants
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let quick = best(runs, || {
        people_ids
            .iter()
            .map(|p| engine.period_statements_in(&figures, p).unwrap().len())
            .sum::<usize>()
    });
    let headline = best(runs, || {
        people_ids
            .iter()
            .map(|p| flat.headline(p).unwrap().components.len())
            .sum::<usize>()
    });
    println!(
        "figures without deal-line sentences, one core: {quick:.2?}; the single-period headline() of everyone, one core: {headline:.2?} ({:.1}×)",
        quick.as_secs_f64() / headline.as_secs_f64()
    );
    let rep = best(runs, || engine.period_statements("rep-0").unwrap());
    let one = best(runs, || flat.statement("rep-0").unwrap());
    println!("one rep's year (rep-0): {rep:.2?}; their single-period statement: {one:.2?}");
}
