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
            read::activity::fit(&mut ra, p, &self.activity);
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
        self.recount();
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
