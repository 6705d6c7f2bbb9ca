//! The statement of a plan year as its pay periods make it: each
//! component's lines are its lines of every pay period in order (a deal
//! closed, a release, a true-up, a clawback, the cap), each sentence naming
//! its pay period; the figures are their sums. Quota, quota credit,
//! attainment and the next tier are the year's (the plan period's quota
//! and every deal of the year), as in version 1; `paid` is every payment,
//! summed exactly and rounded once. So `statement`, `headline`, `totals`,
//! what-if, the curve and what it takes read the year the way the pay
//! periods pay it (year-to-date tiers, true-ups, caps to date), and a plan
//! without pay periods is untouched.

use super::*;
use crate::statement::{ComponentStatement, StatementLine};

impl Engine {
    /// The year statement at `detail`: the year's facts and paid from the
    /// whole plan period, the figures and lines from its pay periods.
    pub(in crate::engine) fn year_statement(
        &self,
        participant: &str,
        detail: Detail,
    ) -> Result<Statement, Error> {
        let (whole, periods) = self.year_parts(participant, detail)?;
        Ok(self.year_of(whole, &periods, detail))
    }

    /// The year's facts (no commission worked out) and its pay period
    /// statements at `detail`.
    fn year_parts(
        &self,
        participant: &str,
        detail: Detail,
    ) -> Result<(Statement, Vec<PeriodStatement>), Error> {
        let periods = self.period_statements_in(&self.year_at(detail), participant)?;
        Ok((self.year_facts(participant)?, periods))
    }

    /// A plan year's totals (the year's statement with no lines) and its pay
    /// periods' statements (their lines without deal-line sentences), from
    /// one scoring of the year: what a screen shows on every live update.
    /// None for a plan without pay periods.
    pub fn year_view(
        &self,
        participant: &str,
    ) -> Result<Option<(Statement, Vec<PeriodStatement>)>, Error> {
        if self.plan.period.pay_periods.is_none() {
            return Ok(None);
        }
        let (whole, periods) = self.year_parts(participant, Detail::Figures)?;
        Ok(Some((
            self.year_of(whole, &periods, Detail::Totals),
            periods,
        )))
    }

    fn year_of(&self, whole: Statement, periods: &[PeriodStatement], detail: Detail) -> Statement {
        let scale = self.plan.currency_scale;
        let components: Vec<ComponentStatement> = whole
            .components
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                let parts = periods.iter().map(|p| (p, &p.components[ci]));
                let lines: Vec<StatementLine> = if detail == Detail::Totals {
                    Vec::new()
                } else {
                    parts
                        .clone()
                        .flat_map(|(p, pc)| {
                            pc.lines.iter().map(move |l| StatementLine {
                                member: None,
                                deal: l.deal.clone(),
                                credit: l.credit,
                                earned: l.earned,
                                payable: l.payable,
                                explain: if l.explain.is_empty() {
                                    String::new()
                                } else {
                                    format!("{}: {}", p.period, l.explain)
                                },
                            })
                        })
                        .collect()
                };
                ComponentStatement {
                    name: c.name.clone(),
                    kind: c.kind,
                    earned: sum_at(parts.clone().map(|(_, pc)| pc.earned), scale),
                    payable: sum_at(parts.map(|(_, pc)| pc.payable), scale),
                    lines,
                }
            })
            .collect();
        let pay = super::super::pay::year_pay(periods, detail != Detail::Totals, scale);
        let earned = sum_at(components.iter().map(|c| c.earned), scale);
        let payable = sum_at(
            components
                .iter()
                .map(|c| c.payable)
                .chain(pay.as_ref().map(|p| p.added())),
            scale,
        );
        let mut due = sub(payable, whole.paid);
        due.rescale(scale);
        Statement {
            components,
            earned,
            payable,
            due,
            pay,
            ..whole
        }
    }
}
