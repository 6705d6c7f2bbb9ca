//! Each pipeline fixture: every participant's statement and pipeline view
//! against the expected subset, to the cent; and the stage that one more
//! accepted lead moves, paying both sides.

use crate::fixture_dirs;
use crate::subset::subset;
use incentive_widget::Engine;
use serde_json::{json, Value};

/// Every pipeline fixture under tests/fixtures/pipeline.
pub const FIXTURES: [&str; 2] = ["handoff", "waiting"];

pub fn text(name: &str, file: &str) -> String {
    fixture_dirs::text("pipeline", name, file)
}

pub fn engine(name: &str) -> Engine {
    fixture_dirs::engine("pipeline", name)
}

fn check(name: &str) {
    let e = engine(name);
    let expected: Value = serde_json::from_str(&text(name, "expected.json")).unwrap();
    for (who, want) in expected["statements"].as_object().unwrap() {
        let s = serde_json::to_value(e.statement(who).unwrap()).unwrap();
        subset(&s, want, who).unwrap_or_else(|d| panic!("{name}: {d}\n{s:#}"));
    }
    for (who, want) in expected["pipeline"].as_object().into_iter().flatten() {
        let v = serde_json::to_value(e.pipeline(who).unwrap()).unwrap();
        subset(&v, want, who).unwrap_or_else(|d| panic!("{name}: {d}\n{v:#}"));
    }
}

#[test]
fn every_fixture_directory_is_listed() {
    fixture_dirs::every_dir_listed("pipeline", &FIXTURES);
}

#[test]
fn handoff() {
    check("handoff");
}

#[test]
fn waiting() {
    check("waiting");
}

fn lead(e: &Engine, id: &str) -> Value {
    let a = serde_json::to_value(e.activity()).unwrap();
    a["leads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .cloned()
        .unwrap()
}

#[test]
fn one_more_accepted_lead_moves_partnership_to_fusion_and_pays_both_sides() {
    let mut e = engine("handoff");
    let before = e.pipeline("cho").unwrap();
    let company = before.company.as_ref().unwrap();
    assert_eq!(company.stage, "partnership");
    assert!(
        company.moves.contains(
            &"one more lead attempted in time and accepted takes the index from 70.4175% to 72.2625%: fusion".to_string()
        ),
        "{:?}",
        company.moves
    );
    let mut l11 = lead(&e, "L11");
    l11["status"] = json!("accepted");
    l11["decided_at"] = json!("2027-03-12T09:00:00Z");
    let affected = e.upsert_lead(&l11).unwrap();
    assert_eq!(affected, ["ada", "cho"]);
    let after = e.pipeline("ada").unwrap();
    let company = after.company.as_ref().unwrap();
    assert_eq!(
        (company.stage.as_str(), company.stage_number),
        ("fusion", 4)
    );
    assert_eq!(company.index.to_string(), "0.717825");
    let ada = e.statement("ada").unwrap();
    let cho = e.statement("cho").unwrap();
    assert_eq!(ada.earned.to_string(), "9900.00");
    assert_eq!(cho.earned.to_string(), "4950.00");
    assert!(
        ada.components[0].lines[0]
            .explain
            .contains("× 1.1 Alignment"),
        "{}",
        ada.components[0].lines[0].explain
    );
    assert!(
        cho.components[0].lines[0]
            .explain
            .contains("× 1.1 Alignment = 4,950.00"),
        "{}",
        cho.components[0].lines[0].explain
    );
}

#[test]
fn a_rejected_lead_closed_by_the_rep_is_credited_back_and_the_line_says_so() {
    let e = engine("handoff");
    let cho = e.statement("cho").unwrap();
    let sourced = &cho.pipeline.as_ref().unwrap()[0];
    assert!(
        sourced.explain.contains(
            "D4 25,000.00 (your lead L10: rejected by Ada Park, then closed — credited back to you as sourced)"
        ),
        "{}",
        sourced.explain
    );
    // Without the deal naming it, L10 is an ordinary rejection: the
    // marketer's acceptance and sourced revenue fall, the rep's follow-up
    // counts it (two attempts: followed up).
    let mut plain: Value = serde_json::from_str(&text("handoff", "activity.json")).unwrap();
    plain["deals"][3].as_object_mut().unwrap().remove("lead");
    let e = Engine::from_json(&text("handoff", "plan.json"), &plain.to_string()).unwrap();
    let cho = e.pipeline("cho").unwrap();
    assert_eq!(cho.created.measures[0].numerator, Some(6));
    assert_eq!(cho.created.measures[0].denominator, Some(10));
    assert_eq!(e.statement("cho").unwrap().earned.to_string(), "3250.00");
    let ada = e.pipeline("ada").unwrap();
    assert_eq!(ada.routed.measures[1].numerator, Some(3));
    assert_eq!(ada.routed.measures[1].denominator, Some(4));
}
