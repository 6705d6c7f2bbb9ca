//! `cargo bench`: the core on the workloads of docs/BENCHMARKS.md.
//!
//! - one statement for a rep with 2,000 deals and 10,000 touches, every
//!   line's figures without sentences (headline), and the headline figures
//!   alone (totals);
//! - all statements for 1,000 participants / 100,000 deals / 500,000 touches;
//! - a what-if with 10 changes; a 101-point curve;
//! - parsing and validation of the large activity;
//! - a live update (upsert one deal, then the rep's statement).
//!
//! Set `BENCH_QUICK=1` to skip the 100,000-deal group.

use criterion::{criterion_group, criterion_main, Criterion};
use incentive_widget::engine::facts;
use incentive_widget::workload::{self, Size};
use incentive_widget::{whatif, Engine};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Duration;

fn engine_for(size: Size) -> (String, String, Engine) {
    let plan = workload::plan().to_string();
    let activity = workload::activity(size).to_string();
    let engine = Engine::from_json(&plan, &activity).expect("the workload is valid");
    (plan, activity, engine)
}

fn ten_changes() -> Value {
    let mut changes = vec![
        json!({ "op": "add_deal", "deal": { "id": "W-1", "type": "new", "close_date": "2027-03-30", "amount": "120000",
                 "product": "suite-bundle", "owners": [ { "participant": "rep-0", "split": "1" } ] } }),
        json!({ "op": "set_stage", "deal": "W-1", "stage": "activated" }),
        json!({ "op": "set_discount", "deal": "W-1", "discount": "0.15" }),
        json!({ "op": "set_company_revenue", "amount": "2500000000" }),
    ];
    for k in 0..6 {
        changes.push(json!({ "op": "set_amount", "deal": format!("D-{:06}", k * 7), "amount": "90000", "line": 0 }));
    }
    Value::Array(changes)
}

fn one_rep(c: &mut Criterion) {
    let (_, _, engine) = engine_for(Size::one_rep());
    let mut g = c.benchmark_group("one rep, 2,000 deals, 10,000 touches");
    g.bench_function("statement (every line explained)", |b| {
        b.iter(|| black_box(engine.statement("rep-0").unwrap()))
    });
    g.bench_function("headline figures (no sentences)", |b| {
        b.iter(|| black_box(engine.headline("rep-0").unwrap()))
    });
    g.bench_function("headline figures alone: totals (no lines)", |b| {
        b.iter(|| black_box(engine.totals("rep-0").unwrap()))
    });
    // What the element asks beside the headline on every render.
    g.bench_function("facts, every deal, as JSON", |b| {
        b.iter(|| black_box(engine.facts("rep-0").unwrap().to_json()))
    });
    g.bench_function("facts, clawback deals only (a render's), as JSON", |b| {
        b.iter(|| {
            black_box(
                engine
                    .facts_of("rep-0", facts::Deals::Clawbacks)
                    .unwrap()
                    .to_json(),
            )
        })
    });
    // A marketer beside the rep: attribution credit (W-shaped commission,
    // time-decay quota), the path of exact rational shares.
    let marketer = engine
        .activity()
        .participants
        .iter()
        .find(|p| p.role == "marketer")
        .map(|p| p.id.clone())
        .expect("the workload has marketers");
    g.bench_function("a marketer's statement (attribution credit)", |b| {
        b.iter(|| black_box(engine.statement(&marketer).unwrap()))
    });
    g.bench_function("a marketer's totals (attribution credit)", |b| {
        b.iter(|| black_box(engine.totals(&marketer).unwrap()))
    });
    let changes = ten_changes();
    g.bench_function("what-if, 10 changes", |b| {
        b.iter(|| black_box(whatif::what_if(&engine, "rep-0", &changes).unwrap()))
    });
    let options = json!({ "to_attainment": "2", "points": 101 });
    g.sample_size(10);
    g.bench_function("curve, 101 points", |b| {
        b.iter(|| black_box(whatif::curve(&engine, "rep-0", &options).unwrap()))
    });
    let mut live = engine.clone();
    let deal = json!({ "id": "D-000003", "type": "new", "close_date": "2027-02-02", "amount": "77000", "owners": [ { "participant": "rep-0", "split": "1" } ] });
    g.bench_function("live update: upsertDeal + statement", |b| {
        b.iter(|| {
            live.upsert_deal(&deal).unwrap();
            black_box(live.statement("rep-0").unwrap())
        })
    });
    g.finish();
}

fn company(c: &mut Criterion) {
    if std::env::var_os("BENCH_QUICK").is_some() {
        return;
    }
    let (plan, activity, engine) = engine_for(Size::company());
    let mut g = c.benchmark_group("company, 1,000 people, 100,000 deals, 500,000 touches");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("all statements", |b| {
        b.iter(|| black_box(engine.statements().unwrap()))
    });
    g.bench_function("parse + validate", |b| {
        b.iter(|| black_box(Engine::from_json(&plan, &activity).unwrap()))
    });
    g.bench_function("one rep's statement (incremental)", |b| {
        b.iter(|| black_box(engine.statement("rep-1").unwrap()))
    });
    g.finish();
}

/// The company with the shared pipeline (100,000 leads, 500,000 attempts):
/// what a live lead update costs (the ledger is measured again whole).
fn company_with_leads(c: &mut Criterion) {
    if std::env::var_os("BENCH_QUICK").is_some() {
        return;
    }
    let size = Size {
        leads: 100_000,
        attempts: 500_000,
        ..Size::company()
    };
    let plan = workload::plan_with_pipeline().to_string();
    let activity = workload::activity(size);
    let mut engine =
        Engine::from_json(&plan, &activity.to_string()).expect("the workload is valid");
    let lead = activity["leads"][500].clone();
    let rep = lead["routed_to"].as_str().unwrap_or("rep-1").to_string();
    let mut g = c.benchmark_group("company with leads, 100,000 leads, 500,000 attempts");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("live update: upsertLead", |b| {
        b.iter(|| black_box(engine.upsert_lead(&lead).unwrap()))
    });
    g.bench_function("the rep's statement", |b| {
        b.iter(|| black_box(engine.statement(&rep).unwrap()))
    });
    g.bench_function("the rep's pipeline view", |b| {
        b.iter(|| black_box(engine.pipeline(&rep).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, one_rep, company, company_with_leads);
criterion_main!(benches);
