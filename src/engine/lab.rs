//! What the plan lab needs of the engine: a plan read and checked against
//! this activity without copying it, put in force and taken out again, the
//! same company's figures under a plan whose company goal pays nothing
//! extra, and a book of business put back exactly as it was.
//!
//! One engine holds the activity once; the lab swaps plans in and out of it
//! (a 100,000-deal activity is never held twice).

use super::{score, Engine};
use crate::error::Error;
use crate::model::names::NamedMeasure;
use crate::model::plan::{Band, Component, CurvePoint, Measure, Plan};
use crate::read::{self, Reader};
use crate::statement::Statement;
use rust_decimal::Decimal;
use serde_json::Value;

/// Figures at each level: `[level][k]` for the k-th person asked for.
pub type Levels = Vec<Vec<Decimal>>;

/// A deal line's figures: amount, cost and list price.
pub type LineFigures = (Decimal, Option<Decimal>, Option<Decimal>);

impl Engine {
    /// Reads `plan` and checks this engine's activity against it exactly as
    /// [`Engine::with_plan`] does (every problem, with its JSON path; a
    /// pool allocated beyond its funding), without copying the activity.
    /// The plan in force is unchanged.
    pub fn read_plan_against(&mut self, plan: &Value) -> Result<Plan, Error> {
        let mut rp = Reader::default();
        let read = read::plan::read(&mut rp, plan);
        let mut ra = Reader::default();
        if let (Some(p), true) = (&read, rp.ok()) {
            // The activity fits the plan in force: its deals need checking
            // again only when what the check reads of a plan changed.
            let deals = read::activity::deal_checks(p) != read::activity::deal_checks(&self.plan);
            read::activity::fit_with(&mut ra, p, &self.activity, deals);
        }
        match read {
            Some(p) if rp.ok() && ra.ok() => {
                let old = self.swap_plan(p);
                let fits = self.pools_fit();
                let p = self.swap_plan(old);
                fits.map(|_| p)
            }
            _ => Err(super::load::refused(rp, ra)),
        }
    }

    /// Puts `plan` (read against this activity) in force and returns the
    /// plan it replaces. What depends on the plan (company revenue from the
    /// counted deals, the lead ledger, the team memo) is worked out again.
    pub fn swap_plan(&mut self, plan: Plan) -> Plan {
        let old = std::mem::replace(&mut self.plan, plan);
        let (a, b) = (&old.period, &self.plan.period);
        if (a.start, a.end) == (b.start, b.end) {
            // The same deals count (a deal counts by its close date and
            // stage alone): company revenue stands; the rest is redone.
            self.replanned();
        } else {
            self.recount();
        }
        old
    }

    /// Every participant at `indices` (into `activity.participants`), at
    /// `detail`, with the attribution memo `memo` for all (one kept by the
    /// caller from pass to pass: see [`score::AttributionCache::lasting`]):
    /// the same statements as [`Engine::statement`] one by one, faster.
    pub fn statements_at(
        &self,
        indices: &[usize],
        detail: score::Detail,
        memo: &score::AttributionCache,
    ) -> Result<Vec<Statement>, Error> {
        let mut ctx = self.context(detail);
        ctx.attributions = memo.share();
        let people = &self.activity.participants;
        indices
            .iter()
            .map(|&i| self.statement_in(&ctx, &people[i].id))
            .collect()
    }

    /// What the people at `indices` earn with company revenue at each of
    /// `revenues` (the plan's company goal over its target; the revenue in
    /// force is put back): `[level][k]` for the person `indices[k]`; and,
    /// given `neutral` (a plan that differs from the one in force only in
    /// its components, such as [`without_company_goal`]'s, and how many of
    /// the levels to score it at), what they earn under it at the first
    /// levels. The same figures as setting the revenue and
    /// [`Engine::statements_at`] at each level under each plan; a person on
    /// a plan without pay periods and not paid on a team is scored once
    /// (deals, splits, quota credit) and their statement built at each
    /// level under each plan.
    pub fn earned_at_levels(
        &mut self,
        indices: &[usize],
        memo: &score::AttributionCache,
        revenues: &[Decimal],
        neutral: Option<(&Plan, usize)>,
    ) -> Result<(Levels, Levels), Error> {
        let n = neutral.map_or(0, |(_, n)| n.min(revenues.len()));
        let mut earned = vec![vec![Decimal::ZERO; indices.len()]; revenues.len()];
        let mut without = vec![vec![Decimal::ZERO; indices.len()]; n];
        let once = self.plan.period.pay_periods.is_none();
        let (mut alone, mut rest) = (Vec::new(), Vec::new());
        for (k, &i) in indices.iter().enumerate() {
            let role = self.plan.role(&self.activity.participants[i].role);
            let team = role.is_some_and(|r| {
                let (deepest, at_target) = super::team::team_needs(r);
                deepest.is_some() || at_target
            });
            match once && !team && role.is_some() {
                true => alone.push(k),
                false => rest.push(k),
            }
        }
        let companies: Vec<Option<crate::tiers::Ratio>> = revenues
            .iter()
            .map(|&r| {
                self.plan
                    .company_goal
                    .as_ref()
                    .map(|g| crate::tiers::Ratio::new(r, g.target))
            })
            .collect();
        let mut ctx = self.context(score::Detail::Totals);
        ctx.attributions = memo.share();
        for &k in &alone {
            let id = &self.activity.participants[indices[k]].id;
            let (person, role, deals) = self.scored(id)?;
            let mut scoring = score::Scoring::new(&ctx, role, person, deals);
            let at = |scoring: &score::Scoring| -> Result<Decimal, Error> {
                let payments = self.activity.payments.iter();
                let s = crate::decimal::checked::guard(|| scoring.build(payments))
                    .map_err(|_| super::too_large(id))?;
                Ok(self.with_pay(s)?.earned)
            };
            for (l, company) in companies.iter().enumerate() {
                scoring.at_company(*company);
                earned[l][k] = at(&scoring)?;
            }
            if let Some((plan, _)) = neutral.filter(|_| n > 0) {
                let role = plan.role(&person.role).ok_or_else(|| {
                    Error::one(
                        crate::error::ErrorCode::InvalidPlan,
                        "plan.roles",
                        format!("\"{}\" is not a role of the plan", person.role),
                    )
                })?;
                scoring.under(plan, role);
                for (l, company) in companies.iter().take(n).enumerate() {
                    scoring.at_company(*company);
                    without[l][k] = at(&scoring)?;
                }
            }
        }
        drop(ctx);
        if !rest.is_empty() {
            let people: Vec<usize> = rest.iter().map(|&k| indices[k]).collect();
            self.levels_one_by_one(&people, &rest, memo, revenues, &mut earned)?;
            if let Some((plan, _)) = neutral.filter(|_| n > 0) {
                let in_force = self.swap_plan(plan.clone());
                let result =
                    self.levels_one_by_one(&people, &rest, memo, &revenues[..n], &mut without);
                self.swap_plan(in_force);
                result?;
            }
        }
        Ok((earned, without))
    }

    /// [`Engine::earned_at_levels`] by setting company revenue to each
    /// level and scoring `people` (at positions `at` of the figures).
    fn levels_one_by_one(
        &mut self,
        people: &[usize],
        at: &[usize],
        memo: &score::AttributionCache,
        revenues: &[Decimal],
        earned: &mut [Vec<Decimal>],
    ) -> Result<(), Error> {
        let kept = self.activity.company.as_ref().and_then(|c| c.revenue);
        let result = (|| {
            for (l, &r) in revenues.iter().enumerate() {
                self.set_company_revenue_to(Some(r));
                let statements = self.statements_at(people, score::Detail::Totals, memo)?;
                for (s, &k) in statements.iter().zip(at) {
                    earned[l][k] = s.earned;
                }
            }
            Ok(())
        })();
        self.set_company_revenue_to(kept);
        result
    }

    /// Puts every line back to `originals` (from [`Engine::line_figures`]),
    /// exactly: what [`Engine::rescale_lines`] changed is undone.
    pub fn restore_lines(&mut self, originals: &[LineFigures]) {
        let mut it = originals.iter();
        for d in &mut self.activity.deals {
            for l in &mut d.lines {
                if let Some(&(amount, cost, list)) = it.next() {
                    (l.amount, l.cost, l.list_price) = (amount, cost, list);
                }
            }
        }
        self.recount();
    }
}

/// `plan` with its company goal paying nothing extra: every modifier on the
/// company measure multiplies by 1 and every bonus on it pays 0. The
/// difference between a plan's payout and this one's is what its company
/// goal costs.
pub fn without_company_goal(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    let company = Measure::Named(NamedMeasure::Company);
    for c in p.roles.iter_mut().flat_map(|r| r.components.iter_mut()) {
        match c {
            Component::Modifier(m) if m.measure == company => {
                m.bands = vec![Band {
                    from: Decimal::ZERO,
                    multiplier: Decimal::ONE,
                }];
            }
            Component::Bonus(b) if b.measure == company => {
                b.curve = vec![CurvePoint {
                    at: Decimal::ZERO,
                    payout: Decimal::ZERO,
                }];
                b.max_payout = None;
            }
            _ => {}
        }
    }
    p
}
