//! Each team fixture: the statements and team statements against the
//! expected subset, to the cent; every team's sums equal to its rows; and
//! a manager's cut scoring as the whole activity.

use crate::fixture_dirs;
use crate::subset::subset;
use incentive_widget::Engine;
use serde_json::Value;

/// Every team fixture under tests/fixtures/teams.
pub const FIXTURES: [&str; 2] = ["two-levels", "at-target"];

pub fn engine(name: &str) -> Engine {
    fixture_dirs::engine("teams", name)
}

fn check(name: &str) {
    let e = engine(name);
    let text = fixture_dirs::text("teams", name, "expected.json");
    let expected: Value = serde_json::from_str(&text).unwrap();
    for (who, want) in expected["statements"].as_object().unwrap() {
        let s = serde_json::to_value(e.statement(who).unwrap()).unwrap();
        subset(&s, want, who).unwrap_or_else(|d| panic!("{name}: {d}\n{s:#}"));
    }
    for (who, want) in expected["teams"].as_object().unwrap() {
        let t = serde_json::to_value(e.team(who).unwrap()).unwrap();
        subset(&t, want, who).unwrap_or_else(|d| panic!("{name}: {d}\n{t:#}"));
    }
}

#[test]
fn every_fixture_directory_is_listed() {
    fixture_dirs::every_dir_listed("teams", &FIXTURES);
}

#[test]
fn an_override_over_two_levels() {
    check("two-levels");
}

#[test]
fn a_team_bonus_on_the_share_at_target() {
    check("at-target");
}

/// A team's sums are the sums of its rows, and each row is the member's
/// own statement's figures.
#[test]
fn team_sums_are_the_members_figures() {
    for name in FIXTURES {
        let e = engine(name);
        for p in &e.activity().participants {
            let t = e.team(&p.id).unwrap();
            let sum = |f: fn(&incentive_widget::engine::TeamMember) -> rust_decimal::Decimal| {
                t.members.iter().map(f).sum::<rust_decimal::Decimal>()
            };
            assert_eq!(t.totals.earned, sum(|m| m.earned), "{name} {}", p.id);
            assert_eq!(t.totals.payable, sum(|m| m.payable));
            assert_eq!(t.totals.paid, sum(|m| m.paid));
            assert_eq!(t.totals.due, sum(|m| m.due));
            assert_eq!(t.totals.quota_credit, sum(|m| m.quota_credit));
            assert_eq!(t.totals.members, t.members.len());
            for m in &t.members {
                let s = e.statement(&m.participant).unwrap();
                assert_eq!(
                    (
                        m.earned,
                        m.payable,
                        m.paid,
                        m.due,
                        m.quota_credit,
                        m.attainment
                    ),
                    (
                        s.earned,
                        s.payable,
                        s.paid,
                        s.due,
                        s.quota_credit,
                        s.attainment
                    ),
                    "{name}: {}",
                    m.participant
                );
            }
        }
    }
}

/// A manager's cut (what a portal serves them) holds the team: their
/// statement and team statement are the same from it, and nobody outside
/// the team is in it.
#[test]
fn a_managers_cut_scores_as_the_whole_activity() {
    for (name, manager, outside) in [
        ("two-levels", "mgr-dee", "rep-cy"),
        ("at-target", "mgr-dee", "rep-hal"),
    ] {
        let e = engine(name);
        let cut = e.activity_for(manager).unwrap();
        let text = cut.to_string();
        assert!(
            !text.contains(outside),
            "{name}: {outside} is outside {manager}'s team"
        );
        let plan = fixture_dirs::text("teams", name, "plan.json");
        let c = Engine::from_json(&plan, &text).unwrap();
        assert_eq!(c.statement(manager).unwrap(), e.statement(manager).unwrap());
        assert_eq!(c.team(manager).unwrap(), e.team(manager).unwrap());
    }
}

/// A manager's cut of an activity with a lead ledger: the leads of the
/// team whole, the rest as counts, the colleagues they name listed: it
/// loads, and the manager's and members' statements and pipeline views
/// are the whole activity's.
#[test]
fn a_managers_cut_of_a_ledger_scores_as_the_whole_activity() {
    let text = |f: &str| fixture_dirs::text("pipeline", "handoff", f);
    let mut plan: Value = serde_json::from_str(&text("plan.json")).unwrap();
    let mut activity: Value = serde_json::from_str(&text("activity.json")).unwrap();
    plan["roles"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
        "id": "mgr", "name": "Manager", "components": [
            { "kind": "override", "name": "Override", "rate": "0.05" } ] }));
    let people = activity["participants"].as_array_mut().unwrap();
    for p in people.iter_mut().filter(|p| p["id"] == "ada") {
        p["manager"] = "boss".into();
    }
    people.push(serde_json::json!({ "id": "boss", "name": "Bo Boss", "role": "mgr" }));
    let e = Engine::from_json(&plan.to_string(), &activity.to_string()).unwrap();
    let cut = e.activity_for("boss").unwrap();
    let c =
        Engine::from_json(&plan.to_string(), &cut.to_string()).unwrap_or_else(|x| panic!("{x:?}"));
    for who in ["boss", "ada"] {
        assert_eq!(
            c.statement(who).unwrap(),
            e.statement(who).unwrap(),
            "{who}"
        );
    }
    assert_eq!(
        serde_json::to_value(c.pipeline("ada").unwrap()).unwrap(),
        serde_json::to_value(e.pipeline("ada").unwrap()).unwrap()
    );
    assert_eq!(c.team("boss").unwrap(), e.team("boss").unwrap());
    assert!(
        !cut["participants"].to_string().contains("\"cho\""),
        "cho is not in boss's team"
    );
}
