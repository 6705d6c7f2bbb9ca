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
    let rows = lab.backtest().unwrap();
    assert_eq!(
        rows.iter().map(|r| r.edited).sum::<Decimal>(),
        report.edited.payout
    );
    assert_eq!(
        rows.iter().map(|r| r.base).sum::<Decimal>(),
        report.base.payout
    );
    assert_eq!(lab.backtest_csv().unwrap().lines().count(), rows.len() + 1);
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
    // The quota credits kept between plans are the lines' as they stand:
    // after the curve, an edit re-scores on the lines put back, exactly as
    // a fresh lab does; and a point asked again is the same.
    lab.cost_point(Decimal::new(12, 1)).unwrap();
    let mut edited = plan.clone();
    edited["roles"][0]["components"][0]["rates"]["new"] = json!("0.12");
    lab.edit(&edited).unwrap();
    let mut fresh = lab_on(&plan, &activity);
    fresh.edit(&edited).unwrap();
    assert_eq!(lab.report(2).unwrap(), fresh.report(2).unwrap());
    assert_eq!(lab.goal_costs().unwrap(), fresh.goal_costs().unwrap());
    let again = lab.cost_point(Decimal::new(12, 1)).unwrap();
    assert_eq!(again, fresh.cost_point(Decimal::new(12, 1)).unwrap());
    assert!(
        again.edited.payout > point.edited.payout,
        "the edit pays more"
    );
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
    // A new company target: each plan is at its own target's levels, so
    // the base side stands and the edited side's payouts at the levels do
    // too (80% of any target pays the same); only the revenues move.
    let before = lab.goal_costs().unwrap().unwrap();
    edited["company_goal"]["target"] = json!("1000000000");
    assert!(lab.edit(&edited).unwrap().everyone);
    let kept = lab.goal_costs().unwrap().unwrap();
    let fresh = lab_on(&edited, &activity).goal_costs().unwrap().unwrap();
    assert_eq!(kept.levels[0].edited, fresh.levels[0].base);
    for (k, b) in kept.levels.iter().zip(&before.levels) {
        assert_eq!(k.base, b.base);
        assert_eq!(
            (k.edited.payout, k.edited.cost),
            (b.edited.payout, b.edited.cost)
        );
        assert_eq!(k.revenue * Decimal::TWO, b.revenue, "half the target");
        assert_eq!(k.edited.revenue, k.revenue);
    }
    // Both sides, the base plan's too, are a fresh lab's that saw only the
    // last plan: the base plan at the new target's levels.
    let mut once = lab_on(&plan, &activity);
    once.edit(&edited).unwrap();
    assert_eq!(kept, once.goal_costs().unwrap().unwrap());
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

#[test]
fn figures_at_the_goals_levels_are_those_of_setting_company_revenue() {
    // Engine::earned_at_levels scores a person once and builds their
    // statement at each level: it must give what setting the revenue and
    // scoring everyone gives, also for a manager paid on a team and on a
    // plan year (both scored level by level).
    use incentive_widget::engine::memo::AttributionCache;
    let (plan, plain) = small();
    let mut activity = plain.clone();
    let mut teamed = plan.clone();
    teamed["roles"].as_array_mut().unwrap().push(json!({
        "id": "manager", "name": "Sales manager",
        "components": [{ "kind": "override", "name": "Team override", "rate": "0.05" }] }));
    activity["participants"][0]["role"] = json!("manager");
    for k in 1..4 {
        let lead = activity["participants"][0]["id"].clone();
        activity["participants"][k]["manager"] = lead;
    }
    let mut year = plan.clone();
    year["period"]["pay_periods"] = json!("monthly");
    let mut yearly = plain;
    yearly["payments"] = json!([]);
    for (plan, activity) in [(teamed, activity), (year, yearly)] {
        let mut engine = Engine::from_values(&plan, &activity).unwrap();
        let all: Vec<usize> = (0..engine.activity().participants.len()).collect();
        let memo = AttributionCache::lasting(&engine.activity().deals);
        let target = engine.plan().company_goal.as_ref().unwrap().target;
        let revenues = [8, 10, 12].map(|t| target * Decimal::new(t, 1));
        let neutral = incentive_widget::engine::without_company_goal(engine.plan());
        let (at, without) = engine
            .earned_at_levels(&all, &memo, &revenues, Some((&neutral, 3)))
            .unwrap();
        let (alone, none) = engine
            .earned_at_levels(&all, &memo, &revenues, None)
            .unwrap();
        assert_eq!((&alone, none.len()), (&at, 0));
        // Setting the revenue and scoring everyone, level by level.
        let scored = |engine: &mut Engine| -> Vec<Vec<Decimal>> {
            let mut out = Vec::new();
            for &r in &revenues {
                engine.set_company_revenue_to(Some(r));
                out.push(
                    engine
                        .statements()
                        .unwrap()
                        .iter()
                        .map(|s| s.earned)
                        .collect(),
                );
            }
            out
        };
        assert_eq!(at, scored(&mut engine));
        assert_ne!(at[0], at[2], "the levels pay differently");
        let in_force = engine.swap_plan(neutral);
        assert_eq!(without, scored(&mut engine), "without the goal");
        engine.swap_plan(in_force);
        assert_ne!(at[1], without[1], "the goal pays something");
    }
}

#[test]
fn a_staged_edit_gives_the_same_goal_costs_and_then_the_same_report() {
    let (plan, activity) = small();
    let mut edited = plan.clone();
    edited["roles"][0]["components"][0]["rates"]["new"] = json!("0.12");
    let mut staged = lab_on(&plan, &activity);
    let mut scored = lab_on(&plan, &activity);
    assert_eq!(
        staged.stage(&edited).unwrap(),
        scored.edit(&edited).unwrap()
    );
    assert_eq!(staged.goal_costs().unwrap(), scored.goal_costs().unwrap());
    assert_eq!(staged.report(2).unwrap(), scored.report(2).unwrap());
    assert_eq!(
        staged.backtest_csv().unwrap(),
        scored.backtest_csv().unwrap()
    );
}

#[test]
fn an_edit_that_makes_a_deal_need_a_cost_is_refused_at_the_deal() {
    // The lab skips the deals' check when what it reads of the plan is the
    // same as the plan in force; an edit that changes it is checked.
    let (plan, mut activity) = small();
    // The lines of deals nobody paid on margin is on lose their cost (no
    // margin-basis commission pays on them until the edit below).
    let margin: Vec<Value> = plan["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.to_string().contains("\"basis\":\"margin\""))
        .map(|r| r["id"].clone())
        .collect();
    assert!(!margin.contains(&plan["roles"][0]["id"]));
    let on_margin: Vec<Value> = activity["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| margin.contains(&p["role"]))
        .map(|p| p["id"].clone())
        .collect();
    for d in activity["deals"].as_array_mut().unwrap() {
        let text = d.to_string();
        if !on_margin.iter().any(|id| text.contains(&id.to_string())) {
            for l in d["lines"].as_array_mut().into_iter().flatten() {
                l.as_object_mut().unwrap().remove("cost");
            }
            d.as_object_mut().unwrap().remove("cost");
        }
    }
    let mut lab = lab_on(&plan, &activity);
    let mut rate = plan.clone();
    rate["roles"][0]["components"][0]["rates"]["new"] = json!("0.12");
    lab.edit(&rate).unwrap();
    let mut margin = rate.clone();
    margin["roles"][0]["components"][0]["basis"] = json!("margin");
    let e = lab.stage(&margin).unwrap_err();
    assert!(!e.problems.is_empty());
    for p in &e.problems {
        assert!(
            p.path.starts_with("activity.deals[") && p.path.ends_with(".cost"),
            "{p:?}"
        );
    }
    assert!(lab.edit(&margin).is_err(), "refused by edit too");
    assert_eq!(
        lab.edit(&rate).unwrap().scored,
        0,
        "the plan in force is the last valid one"
    );
}
