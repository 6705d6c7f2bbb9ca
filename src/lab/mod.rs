//! The plan lab: the whole organisation scored on an edited plan beside the
//! plan it came with (or any other version), after every edit.
//!
//! One [`Engine`] holds the activity; the lab keeps both plans read and
//! swaps them in to score. The base plan's figures are worked out once;
//! an edit re-scores only the people it can move: the people of the roles
//! it changed and everyone paid on a team, or everyone when it changed
//! anything outside the roles (the company goal, the period, the rounding)
//! or the roles themselves (added, removed, re-ordered, renamed).
//!
//! Payout is variable pay earned (salary and draws are not a plan's cost of
//! sales); revenue is company revenue as the engine counts it.

use crate::engine::score::Detail;
use crate::engine::Engine;
use crate::error::Error;
use crate::model::plan::Plan;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

pub mod fields;
pub mod figures;
mod movers;
mod sweep;
pub use figures::{Distribution, RoleTotal, Row, Spread, Total};
pub use movers::{MovedLine, Mover};
pub use sweep::{CostPoint, GoalCosts, GoalLevel, GoalSide};

/// The lab: an activity and two plans, and each person's figures under both.
pub struct Lab {
    engine: Engine,
    base: Plan,
    /// The edited plan as written (to see what the next edit changes).
    edited_json: Value,
    base_rows: Vec<Row>,
    edited_rows: Vec<Row>,
    /// The base plan's goal costs and curve points, worked out once.
    base_goal: Option<(Vec<Decimal>, sweep::GoalRows)>,
    base_curve: Vec<(Decimal, Total)>,
    /// The edited plan's people at the goal's levels (for the company's
    /// attainments they were worked out at), and whom edits have moved
    /// since.
    edited_goal: Option<(Vec<crate::tiers::Ratio>, sweep::GoalRows)>,
    goal_stale: Vec<usize>,
    /// Whom staged edits have moved since their rows were scored.
    rows_stale: Vec<usize>,
    /// The last movers' explained statements under the base plan.
    base_explained: Vec<(usize, crate::statement::Statement)>,
    /// Deals' attributions, weighed once for every plan scored.
    attributions: crate::engine::score::AttributionCache,
    /// Every deal line's figures, to scale from and put back.
    originals: Option<Vec<crate::engine::LineFigures>>,
}

/// What an edit re-scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    /// How many people were scored again.
    pub scored: usize,
    /// Whether that was everyone.
    pub everyone: bool,
}

/// Every figure the lab shows after an edit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub currency: String,
    pub revenue: Decimal,
    pub people: usize,
    pub base: Total,
    pub edited: Total,
    /// Edited payout − base payout.
    pub delta: Decimal,
    pub roles: Vec<RoleTotal>,
    pub distribution: Vec<Distribution>,
    /// The largest rises, largest first, then the largest falls.
    pub up: Vec<Mover>,
    pub down: Vec<Mover>,
}

/// One person in the backtest: their pay under both plans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestRow {
    pub participant: String,
    pub name: String,
    pub role: String,
    pub base_attainment: Option<Decimal>,
    pub edited_attainment: Option<Decimal>,
    pub base: Decimal,
    pub edited: Decimal,
    pub delta: Decimal,
}

impl Lab {
    /// A lab on `engine`'s activity, the edited plan starting as its plan.
    pub fn new(engine: Engine, plan_json: Value) -> Result<Lab, Error> {
        let base = engine.plan().clone();
        let attributions =
            crate::engine::score::AttributionCache::lasting(&engine.activity().deals);
        let mut lab = Lab {
            attributions,
            engine,
            base,
            edited_json: plan_json,
            base_rows: Vec::new(),
            edited_rows: Vec::new(),
            base_goal: None,
            base_curve: Vec::new(),
            edited_goal: None,
            goal_stale: Vec::new(),
            rows_stale: Vec::new(),
            base_explained: Vec::new(),
            originals: None,
        };
        lab.base_rows = lab.rows_all()?;
        lab.edited_rows = lab.base_rows.clone();
        Ok(lab)
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Compares against another version of the plan from now on.
    pub fn set_base(&mut self, plan: &Value) -> Result<(), Error> {
        let base = self.engine.read_plan_against(plan)?;
        let edited = self.engine.swap_plan(base);
        let rows = self.rows_all();
        self.base = self.engine.swap_plan(edited);
        self.base_rows = rows?;
        self.base_goal = None;
        self.base_curve.clear();
        self.base_explained.clear();
        Ok(())
    }

    /// Puts the edited plan in force and re-scores whom it can move. On an
    /// error (every problem, with the JSON path of the field) nothing
    /// changes.
    pub fn edit(&mut self, plan: &Value) -> Result<Edit, Error> {
        // The plan it replaces comes back: put back on an error.
        let (before, moved, goal) = self.put_in_force(plan)?;
        let mut indices = moved.clone();
        indices.extend_from_slice(&self.rows_stale);
        indices.sort_unstable();
        indices.dedup();
        match self.rescore_rows(&indices) {
            Ok(()) => {
                self.rows_stale.clear();
                Ok(self.staged(plan, &indices, moved.len(), &goal))
            }
            Err(e) => {
                self.engine.swap_plan(before);
                Err(e)
            }
        }
    }

    /// [`Lab::edit`] without re-scoring anyone's rows yet: the plan is put
    /// in force and whom it can move noted, for the goal costs and the
    /// cost curve (what the lab's second worker works out). The rows are
    /// re-scored when a report or the backtest next needs them.
    pub fn stage(&mut self, plan: &Value) -> Result<Edit, Error> {
        let (_, moved, goal) = self.put_in_force(plan)?;
        self.rows_stale.extend_from_slice(&moved);
        Ok(self.staged(plan, &moved, moved.len(), &goal))
    }

    /// Reads `plan` against the activity and puts it in force: the plan it
    /// replaced, whom it can move, and whose figures at the goal's levels.
    fn put_in_force(&mut self, plan: &Value) -> Result<(Plan, Vec<usize>, Vec<usize>), Error> {
        let read = self.engine.read_plan_against(plan)?;
        let changed = changed_roles(&self.edited_json, plan);
        let before = self.engine.swap_plan(read);
        let goal = self.goal_movable(plan);
        Ok((before, self.movable(changed.as_deref()), goal))
    }

    /// Whose figures at the company goal's levels the edit `plan` can move:
    /// as [`Lab::movable`], but a new company target alone moves no one
    /// (the levels are fractions of the target: each person's figures at
    /// 80% of it are the same whatever it is).
    fn goal_movable(&self, plan: &Value) -> Vec<usize> {
        let untargeted = |v: &Value| {
            let mut v = v.clone();
            if let Some(goal) = v.get_mut("company_goal").and_then(Value::as_object_mut) {
                goal.remove("target");
            }
            v
        };
        let changed = changed_roles(&untargeted(&self.edited_json), &untargeted(plan));
        self.movable(changed.as_deref())
    }

    /// Who an edit changing `changed` roles can move (None: everyone):
    /// the people in those roles and every manager (a team's pay moves
    /// with its members').
    fn movable(&self, changed: Option<&[String]>) -> Vec<usize> {
        let people = &self.engine.activity().participants;
        match changed {
            None => (0..people.len()).collect(),
            Some(roles) => {
                let leads: std::collections::HashSet<&str> =
                    people.iter().filter_map(|p| p.manager.as_deref()).collect();
                (0..people.len())
                    .filter(|&i| {
                        roles.contains(&people[i].role) || leads.contains(people[i].id.as_str())
                    })
                    .collect()
            }
        }
    }

    /// The rows of the people at `indices` scored under the plan in force.
    fn rescore_rows(&mut self, indices: &[usize]) -> Result<(), Error> {
        let statements = self
            .engine
            .statements_at(indices, Detail::Totals, &self.attributions)?;
        for (i, s) in indices.iter().zip(statements) {
            self.edited_rows[*i] = row(&s);
        }
        Ok(())
    }

    /// Notes the edit `plan`, which moved the people at `indices` (and at
    /// `goal`, their figures at the goal's levels).
    fn staged(&mut self, plan: &Value, indices: &[usize], moved: usize, goal: &[usize]) -> Edit {
        self.edited_json = plan.clone();
        let people = self.engine.activity().participants.len();
        let everyone = indices.len() == people;
        if goal.len() == people {
            self.edited_goal = None;
            self.goal_stale.clear();
        } else {
            self.goal_stale.extend_from_slice(goal);
        }
        Edit {
            scored: moved,
            everyone,
        }
    }

    /// Re-scores the rows staged edits left stale.
    fn fresh_rows(&mut self) -> Result<(), Error> {
        if !self.rows_stale.is_empty() {
            let mut stale = std::mem::take(&mut self.rows_stale);
            stale.sort_unstable();
            stale.dedup();
            if let Err(e) = self.rescore_rows(&stale) {
                self.rows_stale = stale;
                return Err(e);
            }
        }
        Ok(())
    }

    /// Every figure, with the `movers` largest rises and falls.
    pub fn report(&mut self, movers: usize) -> Result<Report, Error> {
        self.fresh_rows()?;
        let plan = self.engine.plan();
        let scale = plan.currency_scale;
        let revenue = self.engine.company_revenue();
        let people = &self.engine.activity().participants;
        let sum = |rows: &[Row]| rows.iter().map(|r| r.earned).sum::<Decimal>();
        let (base, edited) = (sum(&self.base_rows), sum(&self.edited_rows));
        let mut roles = Vec::new();
        let mut distribution = Vec::new();
        for r in &plan.roles {
            let mine: Vec<(&Row, &Row)> = people
                .iter()
                .enumerate()
                .filter(|(_, p)| p.role == r.id)
                .map(|(i, _)| (&self.base_rows[i], &self.edited_rows[i]))
                .collect();
            let b: Decimal = mine.iter().map(|(b, _)| b.earned).sum();
            let e: Decimal = mine.iter().map(|(_, e)| e.earned).sum();
            roles.push(RoleTotal {
                role: r.id.clone(),
                name: r.name.clone(),
                people: mine.len(),
                base: b,
                edited: e,
                delta: e - b,
            });
            distribution.push(figures::distribution(&r.id, &r.name, &mine));
        }
        let report_base = Total::of(base, revenue, scale);
        let report_edited = Total::of(edited, revenue, scale);
        let currency = plan.currency.clone();
        let (up, down) = movers::movers(self, movers)?;
        Ok(Report {
            currency,
            revenue,
            people: self.base_rows.len(),
            base: report_base,
            edited: report_edited,
            delta: edited - base,
            roles,
            distribution,
            up,
            down,
        })
    }

    /// Everyone's pay under both plans, in the activity's order.
    pub fn backtest(&mut self) -> Result<Vec<BacktestRow>, Error> {
        self.fresh_rows()?;
        let people = &self.engine.activity().participants;
        Ok(people
            .iter()
            .zip(self.base_rows.iter().zip(&self.edited_rows))
            .map(|(p, (b, e))| BacktestRow {
                participant: p.id.clone(),
                name: p.name.clone().unwrap_or_else(|| p.id.clone()),
                role: p.role.clone(),
                base_attainment: b.attainment,
                edited_attainment: e.attainment,
                base: b.earned,
                edited: e.earned,
                delta: e.earned - b.earned,
            })
            .collect())
    }

    /// The backtest as CSV (RFC 4180; figures as exact decimals, a blank
    /// attainment for someone without a quota).
    pub fn backtest_csv(&mut self) -> Result<String, Error> {
        let mut out = String::from(
            "participant,name,role,base_attainment,edited_attainment,base_earned,edited_earned,delta\r\n",
        );
        let opt = |d: Option<Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
        for r in self.backtest()? {
            let cells = [
                csv_cell(&r.participant),
                csv_cell(&r.name),
                csv_cell(&r.role),
                opt(r.base_attainment),
                opt(r.edited_attainment),
                r.base.to_string(),
                r.edited.to_string(),
                r.delta.to_string(),
            ];
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        Ok(out)
    }

    /// Everyone's rows under the plan in force.
    fn rows_all(&self) -> Result<Vec<Row>, Error> {
        let all: Vec<usize> = (0..self.engine.activity().participants.len()).collect();
        Ok(self
            .engine
            .statements_at(&all, Detail::Totals, &self.attributions)?
            .iter()
            .map(row)
            .collect())
    }
}

fn row(s: &crate::statement::Statement) -> Row {
    Row {
        earned: s.earned,
        attainment: s.attainment,
    }
}

/// A cell that a spreadsheet reads back as the same text: quoted when it
/// holds a comma, quote or line break; a leading =, +, - or @ defused with
/// a quote mark so that no formula runs.
fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The ids of the roles `after` changed against `before`, when that is all
/// it changed; None when anything else moved (re-score everyone).
pub fn changed_roles(before: &Value, after: &Value) -> Option<Vec<String>> {
    let (Value::Object(b), Value::Object(a)) = (before, after) else {
        return None;
    };
    let others = |m: &serde_json::Map<String, Value>| {
        m.iter()
            .filter(|(k, _)| k.as_str() != "roles")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    if others(b) != others(a) {
        return None;
    }
    let (Some(Value::Array(rb)), Some(Value::Array(ra))) = (b.get("roles"), a.get("roles")) else {
        return None;
    };
    if rb.len() != ra.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (x, y) in rb.iter().zip(ra) {
        let id = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_string);
        if id(x) != id(y) || id(y).is_none() {
            return None;
        }
        if x != y {
            changed.extend(id(y));
        }
    }
    Some(changed)
}
