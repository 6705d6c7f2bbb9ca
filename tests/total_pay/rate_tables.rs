//! Rate tables on the deal itself: the published margin-percent bands and
//! the invoice-size × gross-profit grid, to the cent (tests/fixtures/
//! rate-tables, hand arithmetic in each expected.json), their bad input
//! with JSON paths, and the rate a line gets always being its table cell.

use incentive_widget::Engine;
use serde_json::{json, Value};
use std::path::PathBuf;

use crate::problems::{has, problems};
use crate::subset;

fn text(name: &str, file: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rate-tables")
        .join(name)
        .join(file);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn the_margin_percent_bands_and_the_grid_to_the_cent() {
    for name in ["margin-percent", "grid"] {
        let e = Engine::from_json(&text(name, "plan.json"), &text(name, "activity.json")).unwrap();
        let want: Value = serde_json::from_str(&text(name, "expected.json")).unwrap();
        for (who, expected) in want["statements"].as_object().unwrap() {
            let got = e.statement(who).unwrap().to_json();
            if let Err(err) = subset::subset(&got, expected, who) {
                panic!("{name}: {err}\n{got:#}");
            }
            assert!(
                got.get("total_pay").is_none(),
                "a rate table is variable pay only"
            );
        }
    }
}

fn plan(table: Value) -> Value {
    json!({ "name": "P", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-03-31" },
            "roles": [ { "id": "rep", "name": "Rep", "components": [
                { "kind": "commission", "name": "C", "rate_table": table } ] } ] })
}

fn activity(deal: Value) -> Value {
    json!({ "participants": [ { "id": "a", "role": "rep" } ], "deals": [ deal ] })
}

fn deal(amount: &str, cost: Option<&str>) -> Value {
    let mut d = json!({ "id": "D", "type": "new", "close_date": "2027-02-01", "amount": amount,
                        "owners": [ { "participant": "a", "split": "1" } ] });
    if let Some(c) = cost {
        d["cost"] = json!(c);
    }
    d
}

const C: &str = "plan.roles[0].components[0]";

#[test]
fn overlapping_bands_and_a_grid_of_the_wrong_shape() {
    let ok = activity(deal("1000", Some("500")));
    let found = problems(
        &plan(
            json!({ "margin_percent": ["0.1", "0.4", "0.25"], "rates": ["0.01", "0.02", "0.03"] }),
        ),
        &ok,
    );
    has(
        &found,
        &format!("{C}.rate_table.margin_percent[2]"),
        "0.25 overlaps the band from 0.4",
    );
    let found = problems(
        &plan(json!({ "amount": ["0", "0"], "rates": ["0.01", "0.02"] })),
        &ok,
    );
    has(&found, &format!("{C}.rate_table.amount[1]"), "overlaps");
    let found = problems(
        &plan(json!({ "margin_percent": ["0", "0.2"], "rates": ["0.01"] })),
        &ok,
    );
    has(
        &found,
        &format!("{C}.rate_table.rates"),
        "has 1 rates; it needs one per margin band (2)",
    );
    let grid = json!({ "amount": ["0", "1000"], "margin_percent": ["0", "0.2"], "rates": [["0.01", "0.02"], ["0.03"]] });
    has(
        &problems(&plan(grid), &ok),
        &format!("{C}.rate_table.rates[1]"),
        "needs one per margin band (2)",
    );
    let grid = json!({ "amount": ["0", "1000"], "margin_percent": ["0"], "rates": [["0.01"]] });
    has(
        &problems(&plan(grid), &ok),
        &format!("{C}.rate_table.rates"),
        "has 1 rows; the grid needs one per amount band (2)",
    );
    let found = problems(&plan(json!({ "rates": ["0.01"] })), &ok);
    has(
        &found,
        &format!("{C}.rate_table"),
        "needs \"margin_percent\", \"amount\" or both",
    );
    let found = problems(
        &plan(json!({ "margin_percent": [], "rates": [], "by": "x" })),
        &ok,
    );
    has(
        &found,
        &format!("{C}.rate_table.margin_percent"),
        "at least one band start",
    );
    has(&found, &format!("{C}.rate_table.by"), "unknown field");
    let found = problems(&plan(json!({ "amount": ["-1"], "rates": ["-0.1"] })), &ok);
    has(&found, &format!("{C}.rate_table.amount[0]"), "");
    has(&found, &format!("{C}.rate_table.rates[0]"), "");
}

#[test]
fn a_rate_table_is_instead_of_rate_and_needs_costs_for_margin_percent() {
    let mut p = plan(json!({ "margin_percent": ["0"], "rates": ["0.05"] }));
    p["roles"][0]["components"][0]["rate"] = json!("0.1");
    has(
        &problems(&p, &activity(deal("1000", Some("1")))),
        &format!("{C}.rate_table"),
        "not more than one",
    );
    let p = plan(json!({ "margin_percent": ["0"], "rates": ["0.05"] }));
    has(
        &problems(&p, &activity(deal("1000", None))),
        "activity.deals[0].cost",
        "its rate table reads margin percent",
    );
    // By amount alone, a line needs no cost.
    let p = plan(json!({ "amount": ["0", "500"], "rates": ["0.01", "0.02"] }));
    let e = Engine::from_json(&p.to_string(), &activity(deal("1000", None)).to_string()).unwrap();
    assert_eq!(e.statement("a").unwrap().earned.to_string(), "20.00");
}

#[test]
fn every_line_gets_its_cell_exactly_at_the_edges() {
    // A line exactly on a band start takes that band; a cent below takes the one before.
    let table =
        json!({ "margin_percent": ["0.1", "0.25", "0.4"], "rates": ["0.03", "0.05", "0.08"] });
    for (cost, rate) in [
        ("7500", "0.05"),
        ("7500.01", "0.03"),
        ("6000", "0.08"),
        ("6000.01", "0.05"),
        ("9000", "0.03"),
        ("9000.01", "0"),
    ] {
        let e = Engine::from_json(
            &plan(table.clone()).to_string(),
            &activity(deal("10000", Some(cost))).to_string(),
        )
        .unwrap();
        let terms = e.line_terms("a", "C", "D").unwrap().unwrap();
        let got = serde_json::to_value(&terms).unwrap();
        assert_eq!(got["lines"][0]["rate"], json!(rate), "cost {cost}: {got}");
        let earned: rust_decimal::Decimal = e.statement("a").unwrap().earned;
        assert_eq!(
            earned,
            rate.parse::<rust_decimal::Decimal>().unwrap() * rust_decimal::Decimal::from(10_000),
            "cost {cost}"
        );
    }
}
