//! The plan lab: an edit re-scores only whom it can move, and its figures
//! are exactly those of scoring everyone from scratch on the edited plan;
//! the backtest sums to the totals; a bad band is one problem at its path.

use incentive_widget::lab::Lab;
use incentive_widget::workload::{self, Size};
use incentive_widget::Engine;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn small() -> (Value, Value) {
    let size = Size {
        participants: 40,
        deals: 800,
        touches: 2400,
        seed: 5,
        deals_of_first: 10,
        leads: 0,
        attempts: 0,
    };
    (workload::plan(), workload::activity(size))
}

fn lab_on(plan: &Value, activity: &Value) -> Lab {
    Lab::new(Engine::from_values(plan, activity).unwrap(), plan.clone()).unwrap()
}

#[test]
fn an_edit_re_scores_whom_it_moves_and_agrees_with_scoring_everyone() {
    let (plan, activity) = small();
    let mut lab = lab_on(&plan, &activity);
    let mut edited = plan.clone();
    edited["roles"][0]["components"][0]["rates"]["new"] = json!("0.12");
    let edit = lab.edit(&edited).unwrap();
    assert!(!edit.everyone && edit.scored > 0, "{edit:?}");
    let report = lab.report(3).unwrap();
    // From scratch: the edited plan as the base of a new lab.
    let mut fresh = lab_on(&edited, &activity);
    let whole = fresh.report(0).unwrap();
    assert_eq!(report.edited, whole.base);
    let engine = Engine::from_values(&edited, &activity).unwrap();
    let sum: Decimal = engine.statements().unwrap().iter().map(|s| s.earned).sum();
    assert_eq!(report.edited.payout, sum);
    assert!(report.delta > Decimal::ZERO);
    for r in &report.roles {
        assert_eq!(r.delta.is_zero(), r.role != "hunter", "{r:?}");
    }
    assert_eq!(report.up.len(), 3);
    for m in &report.up {
        let line = m.line.as_ref().unwrap();
        assert!(line.explain.contains("12% new rate"), "{}", line.explain);
        assert_eq!(line.delta, line.edited - line.base);
    }
    // The backtest's rows sum to both totals.
    let rows = lab.backtest();
    assert_eq!(
        rows.iter().map(|r| r.edited).sum::<Decimal>(),
        report.edited.payout
    );
    assert_eq!(
        rows.iter().map(|r| r.base).sum::<Decimal>(),
        report.base.payout
    );
    assert_eq!(lab.backtest_csv().lines().count(), rows.len() + 1);
    // A change outside the roles re-scores everyone.
    edited["company_goal"]["target"] = json!("1000000000");
    assert!(lab.edit(&edited).unwrap().everyone);
}

#[test]
fn goal_costs_and_cost_points_put_everything_back() {
    let (plan, activity) = small();
    let mut lab = lab_on(&plan, &activity);
    let before = lab.report(0).unwrap();
    let goal = lab.goal_costs().unwrap().unwrap();
    assert_eq!(goal.levels.len(), 3);
    for l in &goal.levels {
        assert_eq!(l.base, l.edited, "same plan, same cost");
        assert_eq!(l.edited.cost, l.edited.payout - l.edited.without_goal);
    }
    assert!(goal.levels[2].edited.payout > goal.levels[0].edited.payout);
    let point = lab.cost_point(Decimal::new(12, 1)).unwrap();
    assert!(point.edited.payout > before.edited.payout);
    let one = lab.cost_point(Decimal::ONE).unwrap();
    assert_eq!(one.edited.payout, before.edited.payout);
    assert_eq!(lab.report(0).unwrap(), before, "the lab is as it was");
    assert!(lab.cost_point(Decimal::ZERO).is_err());
}

#[test]
fn goal_costs_after_edits_are_those_of_the_edited_plan_from_scratch() {
    // The lab keeps each person's figures at the goal's levels and scores
    // only whom an edit moved: the sums must be a fresh lab's, to the cent.
    let (plan, activity) = small();
    let mut lab = lab_on(&plan, &activity);
    lab.goal_costs().unwrap().unwrap();
    let mut edited = plan.clone();
    edited["roles"][0]["components"][0]["rates"]["new"] = json!("0.12");
    assert!(!lab.edit(&edited).unwrap().everyone);
    lab.goal_costs().unwrap().unwrap();
    let last = edited["roles"].as_array().unwrap().len() - 1;
    edited["roles"][last]["components"][0]["rate"] = json!("0.013");
    let edit = lab.edit(&edited).unwrap();
    assert!(!edit.everyone, "{edit:?}");
    let kept = lab.goal_costs().unwrap().unwrap();
    let fresh = lab_on(&edited, &activity).goal_costs().unwrap().unwrap();
    for (k, f) in kept.levels.iter().zip(&fresh.levels) {
        assert_eq!(k.edited, f.base, "at {}", k.at);
    }
    assert_ne!(
        kept.levels[1].edited, kept.levels[1].base,
        "the edits moved the payout"
    );
    // A change outside the roles re-scores everyone at the levels.
    edited["company_goal"]["target"] = json!("1000000000");
    assert!(lab.edit(&edited).unwrap().everyone);
    let kept = lab.goal_costs().unwrap().unwrap();
    let fresh = lab_on(&edited, &activity).goal_costs().unwrap().unwrap();
    assert_eq!(kept.levels[0].edited, fresh.levels[0].base);
}

#[test]
fn a_bad_band_is_one_problem_at_its_path_and_changes_nothing() {
    let (plan, activity) = small();
    let mut lab = lab_on(&plan, &activity);
    let before = lab.report(0).unwrap();
    let mut bad = plan.clone();
    bad["roles"][0]["components"][0]["tiers"]["bands"][2]["from"] = json!("0.2");
    let e = lab.edit(&bad).unwrap_err();
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["plan.roles[0].components[0].tiers.bands[2].from"],
        "{:?}",
        e.problems
    );
    assert_eq!(lab.report(0).unwrap(), before);
}
