//! The plan's cost away from today: what the company goal's modifiers and
//! bonuses cost at 80%, 100% and 120% of the company target, and the
//! payout with everyone's book of business scaled (the cost curve).
//!
//! A goal's cost at a level is the payout with company revenue at that
//! level less the payout at the same level under the plan with its company
//! goal paying nothing extra (company modifiers × 1, company bonuses 0):
//! see [`crate::engine::without_company_goal`].

use super::{Lab, Total};
use crate::decimal::{percent, round_money};
use crate::engine::explain::Money;
use crate::engine::score::Detail;
use crate::engine::without_company_goal;
use crate::error::{Error, ErrorCode};
use crate::model::plan::Plan;
use rust_decimal::Decimal;
use serde::Serialize;

/// One plan at one level of the company goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalSide {
    pub payout: Decimal,
    pub without_goal: Decimal,
    /// payout − without_goal.
    pub cost: Decimal,
    pub explain: String,
}

/// Both plans with company revenue at `at` × the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalLevel {
    pub at: Decimal,
    pub revenue: Decimal,
    pub base: GoalSide,
    pub edited: GoalSide,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalCosts {
    pub target: Decimal,
    pub levels: Vec<GoalLevel>,
}

/// Both plans with every deal line scaled by `factor`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostPoint {
    pub factor: Decimal,
    pub revenue: Decimal,
    pub base: Total,
    pub edited: Total,
}

/// The company goal's levels: 80%, 100%, 120% of target.
pub fn levels() -> [Decimal; 3] {
    [Decimal::new(8, 1), Decimal::ONE, Decimal::new(12, 1)]
}

/// Each person's payout (by index into the participants) at each of the
/// goal's levels, with the plan's company goal and without it.
#[derive(Debug, Clone)]
pub(super) struct GoalRows {
    with: [Vec<Decimal>; 3],
    without: [Vec<Decimal>; 3],
}

impl GoalRows {
    fn sides(&self, target: Decimal, m: Money) -> [GoalSide; 3] {
        let sum = |v: &Vec<Decimal>| {
            v.iter()
                .copied()
                .fold(Decimal::ZERO, Decimal::saturating_add)
        };
        let side = |l: usize| {
            let (payout, without) = (sum(&self.with[l]), sum(&self.without[l]));
            let cost = payout - without;
            GoalSide {
                payout,
                without_goal: without,
                cost,
                explain: format!(
                    "at {} of the {} target: {} payout − {} with the company goal paying nothing extra = {}",
                    percent(levels()[l]),
                    m.fmt(target),
                    m.fmt(payout),
                    m.fmt(without),
                    m.fmt(cost)
                ),
            }
        };
        [side(0), side(1), side(2)]
    }

    /// Puts `fresh` (the rows of the people at `indices`) in place.
    fn update(&mut self, indices: &[usize], fresh: GoalRows) {
        for l in 0..3 {
            for (k, &i) in indices.iter().enumerate() {
                self.with[l][i] = fresh.with[l][k];
                self.without[l][i] = fresh.without[l][k];
            }
        }
    }
}

impl Lab {
    /// What the company goal costs at 80%, 100% and 120% of its target,
    /// under both plans; None when the edited plan has no company goal.
    /// Each person's figures at the levels are kept: after an edit only
    /// the people it re-scored are scored at the levels again.
    pub fn goal_costs(&mut self) -> Result<Option<GoalCosts>, Error> {
        let Some(target) = self.engine.plan().company_goal.as_ref().map(|g| g.target) else {
            return Ok(None);
        };
        let everyone: Vec<usize> = (0..self.engine.activity().participants.len()).collect();
        let m = Money(self.engine.plan().currency_scale);
        let base = match self.base_goal.clone() {
            Some(Some(b)) => b,
            _ => {
                let b = self
                    .goal_rows(self.base.clone(), target, &everyone)?
                    .sides(target, m);
                self.base_goal = Some(Some(b.clone()));
                b
            }
        };
        let edited = self.engine.plan().clone();
        let mut stale = std::mem::take(&mut self.goal_stale);
        let rows = match self.edited_goal.take() {
            Some((t, mut rows)) if t == target => {
                stale.sort_unstable();
                stale.dedup();
                if !stale.is_empty() {
                    let fresh = self.goal_rows(edited, target, &stale)?;
                    rows.update(&stale, fresh);
                }
                rows
            }
            _ => self.goal_rows(edited, target, &everyone)?,
        };
        let mine = rows.sides(target, m);
        self.edited_goal = Some((target, rows));
        let scale = self.engine.plan().currency_scale;
        let rounding = self.engine.plan().rounding();
        let levels = levels()
            .into_iter()
            .zip(base.into_iter().zip(mine))
            .map(|(at, (base, edited))| GoalLevel {
                at,
                revenue: round_money(crate::decimal::checked::mul(target, at), scale, rounding),
                base,
                edited,
            })
            .collect();
        Ok(Some(GoalCosts { target, levels }))
    }

    /// The payouts of the people at `indices` under `plan` at each level,
    /// with its company goal and without (the edited plan is put back in
    /// force, company revenue as it was). Without the goal the payout
    /// does not depend on company revenue unless a discretionary pool is
    /// funded on it: then it is scored at each level too.
    fn goal_rows(
        &mut self,
        plan: Plan,
        target: Decimal,
        indices: &[usize],
    ) -> Result<GoalRows, Error> {
        let neutral = without_company_goal(&plan);
        let pooled = funded_on_company(&plan);
        let kept = self.fixed_revenue();
        let (scale, rounding) = (plan.currency_scale, plan.rounding());
        let mut with = Vec::new();
        let mut without: Vec<Vec<Decimal>> = Vec::new();
        let in_force = self.engine.swap_plan(plan);
        let scored = || -> Result<(), Error> {
            for at in levels() {
                let revenue =
                    round_money(crate::decimal::checked::mul(target, at), scale, rounding);
                self.engine.set_company_revenue_to(Some(revenue));
                with.push(self.payouts_at(indices)?);
            }
            let plan = self.engine.swap_plan(neutral);
            let result = (|| {
                for at in levels() {
                    if !pooled && !without.is_empty() {
                        without.push(without[0].clone());
                        continue;
                    }
                    let revenue =
                        round_money(crate::decimal::checked::mul(target, at), scale, rounding);
                    self.engine.set_company_revenue_to(Some(revenue));
                    without.push(self.payouts_at(indices)?);
                }
                Ok(())
            })();
            self.engine.swap_plan(plan);
            result
        };
        let result = scored();
        self.engine.set_company_revenue_to(kept);
        self.engine.swap_plan(in_force);
        result?;
        match (with.try_into(), without.try_into()) {
            (Ok(with), Ok(without)) => Ok(GoalRows { with, without }),
            _ => Err(unreachable_levels()),
        }
    }

    fn payouts_at(&self, indices: &[usize]) -> Result<Vec<Decimal>, Error> {
        Ok(self
            .engine
            .statements_at(indices, Detail::Totals, &self.attributions)?
            .iter()
            .map(|s| s.earned)
            .collect())
    }

    /// Both plans' payout with every deal line × `factor` (0 < factor ≤ 10;
    /// the lab's slider goes from 0.7 to 1.5), company revenue with them.
    pub fn cost_point(&mut self, factor: Decimal) -> Result<CostPoint, Error> {
        if factor <= Decimal::ZERO || factor > Decimal::TEN {
            return Err(Error::one(
                ErrorCode::InvalidChange,
                "factor",
                format!("the factor must be above 0 and at most 10, not {factor}"),
            ));
        }
        let originals = match self.originals.take() {
            Some(o) => o,
            None => self.engine.line_figures(),
        };
        let kept = self.fixed_revenue();
        let (scale, rounding) = (
            self.engine.plan().currency_scale,
            self.engine.plan().rounding(),
        );
        self.engine.rescale_lines(&originals, factor);
        if let Some(r) = kept {
            let scaled = round_money(crate::decimal::checked::mul(r, factor), scale, rounding);
            self.engine.set_company_revenue_to(Some(scaled));
        }
        let revenue = self.engine.company_revenue();
        let edited = self.payout_under(self.engine.plan().clone());
        let cached = self
            .base_curve
            .iter()
            .find(|(f, _)| *f == factor)
            .map(|(_, t)| t.clone());
        let base = match cached {
            Some(t) => Ok(t.payout),
            None => self.payout_under(self.base.clone()),
        };
        self.engine.restore_lines(&originals);
        self.engine.set_company_revenue_to(kept);
        self.originals = Some(originals);
        let (edited, base) = (edited?, base?);
        let base = Total::of(base, revenue, scale);
        if !self.base_curve.iter().any(|(f, _)| *f == factor) {
            self.base_curve.push((factor, base.clone()));
        }
        Ok(CostPoint {
            factor,
            revenue,
            base,
            edited: Total::of(edited, revenue, scale),
        })
    }

    /// Everyone's payout under `plan`; the plan in force is put back.
    fn payout_under(&mut self, plan: Plan) -> Result<Decimal, Error> {
        let kept = self.engine.swap_plan(plan);
        let rows = self.rows_all();
        self.engine.swap_plan(kept);
        Ok(rows?.iter().map(|r| r.earned).sum())
    }

    fn fixed_revenue(&self) -> Option<Decimal> {
        self.engine
            .activity()
            .company
            .as_ref()
            .and_then(|c| c.revenue)
    }
}

/// Whether a discretionary pool of `plan` is funded on the company measure.
fn funded_on_company(plan: &Plan) -> bool {
    use crate::model::names::NamedMeasure;
    use crate::model::plan::{Component, Measure};
    plan.roles.iter().flat_map(|r| &r.components).any(|c| {
        matches!(c, Component::Discretionary(d) if d.measure == Measure::Named(NamedMeasure::Company))
    })
}

fn unreachable_levels() -> Error {
    Error::one(
        ErrorCode::TooLarge,
        "plan.company_goal",
        "the goal's levels could not be worked out".to_string(),
    )
}
