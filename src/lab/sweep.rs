//! The plan's cost away from today: what the company goal's modifiers and
//! bonuses cost at 80%, 100% and 120% of the company target, and the
//! payout with everyone's book of business scaled (the cost curve).
//!
//! Each plan is at the levels of its own target. A goal's cost at a level
//! is the payout with company revenue at that level less the payout at
//! the same level under the plan with its company goal paying nothing
//! extra (company modifiers × 1, company bonuses 0): see
//! [`crate::engine::without_company_goal`].

use super::{Lab, Total};
use crate::decimal::{percent, round_money};
use crate::engine::explain::Money;
use crate::engine::without_company_goal;
use crate::error::{Error, ErrorCode};
use crate::model::plan::Plan;
use crate::tiers::Ratio;
use rust_decimal::Decimal;
use serde::Serialize;

/// One plan at one level of its company goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalSide {
    /// Company revenue at the level: this plan's target × the level (the
    /// edited plan's target for a plan without a company goal).
    pub revenue: Decimal,
    pub payout: Decimal,
    pub without_goal: Decimal,
    /// payout − without_goal.
    pub cost: Decimal,
    pub explain: String,
}

/// Both plans with the company at `at` of each plan's own target: what
/// reaching 80% of the goal costs under each (a new target alone moves no
/// one's figures at the levels).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalLevel {
    pub at: Decimal,
    /// The edited plan's company revenue at the level.
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
    /// One row per level, or a single row for every level when the payout
    /// without the goal does not depend on company revenue.
    without: Vec<Vec<Decimal>>,
}

impl GoalRows {
    /// The payout without the goal at level `l`.
    fn without_at(&self, l: usize) -> &[Decimal] {
        &self.without[l.min(self.without.len().saturating_sub(1))]
    }

    /// Both sums at each level; a sum past 28 digits is `too_large` at
    /// `plan.company_goal`, never a saturated figure.
    fn sides(
        &self,
        target: Decimal,
        revenues: &[Decimal],
        m: Money,
    ) -> Result<[GoalSide; 3], Error> {
        let sum = |v: &[Decimal]| {
            v.iter()
                .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
                .ok_or_else(unreachable_levels)
        };
        let side = |l: usize| -> Result<GoalSide, Error> {
            let (payout, without) = (sum(&self.with[l])?, sum(self.without_at(l))?);
            let cost = payout.checked_sub(without).ok_or_else(unreachable_levels)?;
            Ok(GoalSide {
                revenue: revenues[l],
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
            })
        };
        Ok([side(0)?, side(1)?, side(2)?])
    }

    /// Puts `fresh` (the rows of the people at `indices`) in place.
    fn update(&mut self, indices: &[usize], fresh: GoalRows) {
        let rows = self.with.iter_mut().zip(&fresh.with);
        for (row, new) in rows.chain(self.without.iter_mut().zip(&fresh.without)) {
            for (k, &i) in indices.iter().enumerate() {
                row[i] = new[k];
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
        // The base plan at its own target's levels (the edited target's
        // when it has no company goal): its rows kept for those revenues.
        let base_target = self.base.company_goal.as_ref().map_or(target, |g| g.target);
        let base_revenues = level_revenues(base_target, scale_of(&self.base));
        let base_rows = match self.base_goal.take() {
            Some((at, rows)) if at == base_revenues => rows,
            _ => self.goal_rows(self.base.clone(), &base_revenues, &everyone)?,
        };
        let base = base_rows.sides(base_target, &base_revenues, m);
        self.base_goal = Some((base_revenues, base_rows));
        let base = base?;
        let edited = self.engine.plan().clone();
        let mut stale = std::mem::take(&mut self.goal_stale);
        let revenues = level_revenues(target, scale_of(&edited));
        let attained = attainments(target, &revenues);
        let rows = match self.edited_goal.take() {
            // Rows kept for these attainments of the company and of the
            // same shape (one row without the goal, or one per level when a
            // pool is funded on the company measure): only the stale
            // people are scored.
            Some((kept, mut rows))
                if same_attainments(&kept, &attained)
                    && rows.without.len() == without_rows(&edited) =>
            {
                stale.sort_unstable();
                stale.dedup();
                if !stale.is_empty() {
                    let fresh = self.goal_rows(edited, &revenues, &stale)?;
                    rows.update(&stale, fresh);
                }
                rows
            }
            _ => self.goal_rows(edited, &revenues, &everyone)?,
        };
        let mine = rows.sides(target, &revenues, m)?;
        self.edited_goal = Some((attained, rows));
        let levels = levels()
            .into_iter()
            .zip(base.into_iter().zip(mine))
            .map(|(at, (base, edited))| GoalLevel {
                at,
                revenue: edited.revenue,
                base,
                edited,
            })
            .collect();
        Ok(Some(GoalCosts { target, levels }))
    }

    /// The payouts of the people at `indices` under `plan` with company
    /// revenue at each of `revenues` (the levels'), with its company goal
    /// and without (the edited plan is put back in force, company revenue
    /// as it was). Without the goal the payout does not depend on company
    /// revenue unless a discretionary pool is funded on it: then it is
    /// scored at each level too.
    fn goal_rows(
        &mut self,
        plan: Plan,
        revenues: &[Decimal],
        indices: &[usize],
    ) -> Result<GoalRows, Error> {
        let neutral = without_company_goal(&plan);
        let levels_without = without_rows(&plan);
        let in_force = self.engine.swap_plan(plan);
        let both = self.engine.earned_at_levels(
            indices,
            &self.attributions,
            revenues,
            Some((&neutral, levels_without)),
        );
        self.engine.swap_plan(in_force);
        let (with, without) = both?;
        match with.try_into() {
            Ok(with) => Ok(GoalRows { with, without }),
            _ => Err(unreachable_levels()),
        }
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
        self.attributions.lines_changed();
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
        self.attributions.lines_changed();
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

/// The plan's currency scale and rounding.
fn scale_of(plan: &Plan) -> (u32, crate::decimal::Rounding) {
    (plan.currency_scale, plan.rounding())
}

/// Company revenue at each level: the target × the level, rounded to the
/// cent.
fn level_revenues(
    target: Decimal,
    (scale, rounding): (u32, crate::decimal::Rounding),
) -> Vec<Decimal> {
    levels()
        .into_iter()
        .map(|at| round_money(crate::decimal::checked::mul(target, at), scale, rounding))
        .collect()
}

/// Company revenue at each level over the target: the company's
/// attainment the level is scored at.
fn attainments(target: Decimal, revenues: &[Decimal]) -> Vec<Ratio> {
    revenues.iter().map(|&r| Ratio::new(r, target)).collect()
}

/// Whether two lists of attainments are the same fractions (a product past
/// 28 digits is not the same: the rows are worked out again).
fn same_attainments(a: &[Ratio], b: &[Ratio]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| crate::decimal::checked::guard(|| x.same(y)).unwrap_or(false))
}

/// How many rows without the goal `plan` needs: one per level when a pool
/// is funded on the company measure, else one for every level.
fn without_rows(plan: &Plan) -> usize {
    if funded_on_company(plan) {
        levels().len()
    } else {
        1
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
        "the payouts at the goal's levels do not fit in 28 digits".to_string(),
    )
}
