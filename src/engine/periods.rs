//! The plan year, pay period by pay period (plans with `pay_periods`).
//!
//! Each pay period k is scored with the version-1 rules on the deals
//! counted to its end (a deal cancelled on or before the end no longer
//! counts) and the quota to date Q_k: that gives each deal closed in the
//! period its earnings on the slice of year-to-date attainment it covers
//! (a component with `"attainment": "period"` is scored on the period's
//! deals against the period's own quota instead). What an earned line
//! releases as payable falls into the pay period of each stage's date or
//! instalment's month; a true-up recomputes the component on every deal to
//! date at the span's final attainment; a cancellation takes back a
//! fraction of what was released and forfeits what was not. A bonus is
//! settled in the last pay period on the year's measure.

use super::score::{self, Context, Detail};
use super::Engine;
use crate::date::Date;
use crate::decimal::checked::{self, add, sub};
use crate::decimal::{percent, ratio, round_money, Rounding};
use crate::engine::explain::Money;
use crate::error::{Error, ErrorCode};
use crate::model::activity::{Deal, Participant, Payment};
use crate::model::names::Stage;
use crate::model::period::*;
use crate::model::plan::{Component, Payout};
use crate::statement::period::*;
use crate::statement::{sum_at, Statement};
use crate::tiers::Ratio;
use rust_decimal::Decimal;
use std::collections::HashMap;

mod release;
mod year;
use release::*;

/// The pay periods and company attainment (worked out once for all
/// participants).
pub struct Year {
    pub periods: Vec<PayPeriod>,
    company: Option<Ratio>,
    /// `Explained`: every line's sentence; `Figures` (or `Totals`): the same
    /// numbers, deal lines without sentences (releases, true-ups, clawbacks
    /// and caps keep theirs): the year's strip, the headline, benchmarks.
    pub detail: Detail,
}

/// A deal line earned in some pay period, remembered for its later
/// releases, true-ups and clawback.
struct Earned<'a> {
    component: usize,
    deal: &'a Deal,
    amount: Decimal,
    portions: Vec<Portion>,
}

impl Engine {
    /// The plan's pay periods (a plan without them: one period, the plan
    /// period, with id `START..END`).
    pub fn pay_periods(&self) -> Vec<PayPeriod> {
        let p = &self.plan.period;
        p.pay_periods
            .clone()
            .unwrap_or_else(|| vec![self.plan.whole_period()])
    }

    /// The plan year, ready to score each participant's pay periods with
    /// every sentence.
    pub fn year(&self) -> Year {
        self.year_at(Detail::Explained)
    }

    /// [`Engine::year`] scoring at `detail` (`Figures`: deal lines without
    /// sentences).
    pub fn year_at(&self, detail: Detail) -> Year {
        Year {
            company: self.context(Detail::Totals).company,
            periods: self.pay_periods(),
            detail,
        }
    }

    /// The index of the pay period with this id.
    pub fn period_index(&self, year: &Year, id: &str) -> Result<usize, Error> {
        year.periods.iter().position(|p| p.id == id).ok_or_else(|| {
            let ids: Vec<String> = year
                .periods
                .iter()
                .map(|p| format!("\"{}\"", p.id))
                .collect();
            Error::one(
                ErrorCode::UnknownPeriod,
                "period",
                format!(
                    "\"{id}\" is not a pay period of the plan ({})",
                    crate::error::one_of(&ids)
                ),
            )
        })
    }

    /// The index of the pay period holding the as-of date (the last one when
    /// the as-of date is after the plan, the first when before or absent).
    pub fn as_of_period(&self, year: &Year) -> usize {
        match self.activity.as_of {
            Some(d) => year.periods.iter().position(|p| p.contains(d)).unwrap_or(
                if d > self.plan.period.end {
                    year.periods.len() - 1
                } else {
                    0
                },
            ),
            None => year.periods.len() - 1,
        }
    }

    /// Every pay period's statement of one participant, in period order.
    pub fn period_statements(&self, participant: &str) -> Result<Vec<PeriodStatement>, Error> {
        self.period_statements_in(&self.year(), participant)
    }

    /// One pay period's statement of one participant.
    pub fn period_statement(
        &self,
        participant: &str,
        period: &str,
    ) -> Result<PeriodStatement, Error> {
        let year = self.year();
        let k = self.period_index(&year, period)?;
        let mut all = self.period_statements_in(&year, participant)?;
        Ok(all.swap_remove(k))
    }

    /// Every participant's pay period statements, in the activity's order
    /// (natively shared out between the cores, as [`Engine::statements`]).
    pub fn all_period_statements(&self) -> Result<Vec<Vec<PeriodStatement>>, Error> {
        let year = self.year();
        let people = &self.activity.participants;
        let threads = super::workers();
        let part = people.len().div_ceil(threads.max(1)).max(1);
        let results: Vec<Result<Vec<PeriodStatement>, Error>> =
            if threads <= 1 || people.len() < 2 * super::MIN_PER_THREAD {
                people
                    .iter()
                    .map(|p| self.period_statements_in(&year, &p.id))
                    .collect()
            } else {
                std::thread::scope(|scope| {
                    let running: Vec<_> = people
                        .chunks(part)
                        .map(|mine| {
                            let year = &year;
                            scope.spawn(move || {
                                mine.iter()
                                    .map(|p| self.period_statements_in(year, &p.id))
                                    .collect::<Vec<_>>()
                            })
                        })
                        .collect();
                    running
                        .into_iter()
                        .flat_map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                        .collect()
                })
            };
        results.into_iter().collect()
    }

    /// [`Engine::period_statements`] with the year worked out already.
    pub fn period_statements_in(
        &self,
        year: &Year,
        participant: &str,
    ) -> Result<Vec<PeriodStatement>, Error> {
        let (person, role, deals) = self.scored(participant)?;
        let deals: Vec<&Deal> = deals.collect();
        checked::guard(|| self.score_year(year, person, role, &deals))
            .map_err(|_| super::too_large(participant))
    }

    fn score_year(
        &self,
        year: &Year,
        person: &Participant,
        role: &crate::model::plan::Role,
        deals: &[&Deal],
    ) -> Vec<PeriodStatement> {
        let plan = &self.plan;
        let (scale, rounding) = (plan.currency_scale, plan.rounding());
        let money = Money(scale);
        let zero = sum_at(std::iter::empty(), scale);
        let periods = &year.periods;
        let n = periods.len();
        let quota_td = person
            .quota
            .filter(|q| *q > Decimal::ZERO)
            .map(|q| quota_to_date(q, periods, role.quota.schedule.as_deref()));
        let quota_own = quota_td.as_deref().map(quota_of_periods);
        let by_id: HashMap<&str, &Deal> = deals.iter().map(|d| (d.id.as_str(), *d)).collect();
        // A deal cancelled on a date counts (as booked) until then.
        let revived: Vec<Option<Deal>> = deals
            .iter()
            .map(|d| {
                (cancelled_on(d).is_some() && d.stage == Stage::Cancelled).then(|| {
                    let mut c = (*d).clone();
                    c.stage = Stage::Booked;
                    c
                })
            })
            .collect();
        let period_span = role.components.iter().any(
            |c| matches!(c, Component::Commission(x) if x.year.span() == AttainmentSpan::Period),
        );
        // One context for the participant's year: each deal's touches are
        // weighed once, whichever pay periods count it.
        let ctx = Context {
            plan,
            company: year.company,
            attributions: score::AttributionCache::default(),
            allocations: score::Allocations {
                list: &self.activity.allocations,
                elsewhere: &self.activity.allocated_elsewhere,
            },
            detail: match year.detail {
                Detail::Explained => Detail::Explained,
                _ => Detail::Figures,
            },
            pipeline: self.pipeline_view(),
            // A plan year has no team pay (the reader refuses it).
            team: None,
        };
        let mut earned: Vec<Earned> = Vec::new();
        let mut true_ups: Vec<Decimal> = vec![Decimal::ZERO; role.components.len()];
        // A cap with pay periods holds for the plan year: the components'
        // earned and payable to date (before the cap) and the cut to date.
        let pay_periods = plan.period.pay_periods.is_some();
        let mut caps = year_caps(role, pay_periods);
        let mut book = super::pay::Book::new(plan, &self.activity, role, person);
        let mut out = Vec::with_capacity(n);
        let (mut earned_td, mut payable_td, mut paid_td) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for (k, period) in periods.iter().enumerate() {
            let counted: Vec<&Deal> = deals
                .iter()
                .zip(&revived)
                .filter(|(d, _)| {
                    d.close_date <= period.end && cancelled_on(d).is_none_or(|c| c > period.end)
                })
                .map(|(d, r)| r.as_ref().unwrap_or(d))
                .collect();
            // The deals given are the ones that count (cut to the year to
            // date or the period): the plan's own period is the whole year.
            let score_with = |quota: Option<Decimal>, list: &[&Deal], from: Option<Date>| {
                let person = Participant {
                    quota,
                    ..person.clone()
                };
                let (deals, none) = (list.iter().copied(), std::iter::empty::<&Payment>());
                match from {
                    Some(from) => score::statement_from(&ctx, role, &person, deals, none, from),
                    None => score::statement(&ctx, role, &person, deals, none),
                }
            };
            // Lines of this period's deals only, unless a true-up settles
            // here (it recomputes the commission on every deal to date).
            let settles = role.components.iter().any(|c| {
                matches!(c, Component::Commission(x)
                    if x.year.true_up.is_some_and(|t| true_up_span(plan.period.start, periods, k, t).is_some()))
            });
            let from = (!settles && n > 1).then_some(period.start);
            let to_date = score_with(quota_td.as_ref().map(|q| q[k]), &counted, from);
            let own = period_span.then(|| {
                let mine: Vec<&Deal> = counted
                    .iter()
                    .copied()
                    .filter(|d| period.contains(d.close_date))
                    .collect();
                score_with(quota_own.as_ref().map(|q| q[k]), &mine, None)
            });
            let first_new = earned.len();
            let mut lines: Vec<Vec<PeriodLine>> = vec![Vec::new(); role.components.len()];
            for (ci, c) in role.components.iter().enumerate() {
                let payout = match c {
                    Component::Commission(x) => &x.payout,
                    Component::Spif(x) => &x.payout,
                    // Bonuses and pools settle on the year's measure.
                    Component::Bonus(_) | Component::Discretionary(_) => {
                        if k + 1 == n {
                            let line = &to_date.components[ci].lines[0];
                            lines[ci].push(PeriodLine {
                                kind: LineKind::Bonus,
                                deal: None,
                                credit: None,
                                earned: line.earned,
                                payable: line.payable,
                                explain: format!(
                                    "settled at the end of the plan year: {}",
                                    line.explain
                                ),
                            });
                        }
                        continue;
                    }
                    // A plan with pay periods has no override (the reader
                    // refuses one).
                    Component::Modifier(_) | Component::Override(_) => continue,
                };
                let source = match (c, &own) {
                    (Component::Commission(x), Some(own))
                        if x.year.span() == AttainmentSpan::Period =>
                    {
                        own
                    }
                    _ => &to_date,
                };
                for line in &source.components[ci].lines {
                    if line.deal.is_none() {
                        if pay_periods {
                            // The year's cap is worked out below, to date.
                            continue;
                        }
                        // The cap line of a plan without pay periods.
                        lines[ci].push(PeriodLine {
                            kind: LineKind::Cap,
                            deal: None,
                            credit: None,
                            earned: line.earned,
                            payable: line.payable,
                            explain: line.explain.clone(),
                        });
                        continue;
                    }
                    let Some(d) = line.deal.as_deref().and_then(|id| by_id.get(id).copied()) else {
                        continue;
                    };
                    if !period.contains(d.close_date) {
                        continue;
                    }
                    let portions = portions(payout, d, line.earned, scale, rounding);
                    // Figures (the strip, the headline): a deal line's
                    // sentence is left out, as in version 1's headline.
                    let words = year.detail == Detail::Explained;
                    let mut explain = strip_payable(&line.explain).to_string();
                    if let (true, Component::Commission(x)) = (words, c) {
                        let q = match x.year.span() {
                            AttainmentSpan::Period => quota_own
                                .as_ref()
                                .map(|q| (q[k], "of this pay period alone, quota")),
                            AttainmentSpan::ToDate => {
                                quota_td.as_ref().map(|q| (q[k], "to date, quota to date"))
                            }
                        };
                        if let (Some(_), Some((q, what))) = (&x.tiers, q) {
                            let q = money.fmt(round_money(q, scale, rounding));
                            explain.push_str(&format!(" [attainment {what} {q}]"));
                        }
                    }
                    let mut now = Decimal::ZERO;
                    for p in &portions {
                        let at = release_period(periods, d, p);
                        if at == Some(k) {
                            now = add(now, p.amount);
                        }
                        if !words {
                            continue;
                        }
                        explain.push_str("; ");
                        explain.push_str(&p.label());
                        explain.push_str(" = ");
                        money.push(&mut explain, p.amount);
                        explain.push_str(&match at {
                            Some(j) => format!(" payable in {}", periods[j].id),
                            None if p.date.is_none() => " not payable yet".to_string(),
                            None if forfeited(d, p) => " forfeited (cancelled first)".to_string(),
                            None => " payable after the plan year".to_string(),
                        });
                    }
                    lines[ci].push(PeriodLine {
                        kind: LineKind::Deal,
                        deal: Some(d.id.clone()),
                        credit: line.credit,
                        earned: line.earned,
                        payable: now,
                        explain,
                    });
                    earned.push(Earned {
                        component: ci,
                        deal: d,
                        amount: line.earned,
                        portions,
                    });
                }
            }
            // Earlier deals' releases, then cancellations in this period.
            for e in &earned[..first_new] {
                for p in &e.portions {
                    if release_period(periods, e.deal, p) == Some(k) {
                        lines[e.component].push(PeriodLine {
                            kind: LineKind::Release,
                            deal: Some(e.deal.id.clone()),
                            credit: None,
                            earned: zero,
                            payable: p.amount,
                            explain: format!(
                                "{}: {} of {} earned = {} payable now",
                                e.deal.id,
                                p.label(),
                                money.fmt(e.amount),
                                money.fmt(p.amount)
                            ),
                        });
                    }
                }
            }
            for e in &earned[..first_new] {
                let Some(on) = cancelled_on(e.deal).filter(|c| period.contains(*c)) else {
                    continue;
                };
                if let Some(line) = clawback(
                    &role.components[e.component],
                    e,
                    on,
                    periods,
                    money,
                    scale,
                    rounding,
                ) {
                    lines[e.component].push(line);
                }
            }
            // True-ups.
            for (ci, c) in role.components.iter().enumerate() {
                let Component::Commission(x) = c else {
                    continue;
                };
                let Some(t) = x.year.true_up else { continue };
                let Some(span) = true_up_span(plan.period.start, periods, k, t) else {
                    continue;
                };
                // The commission on every deal to date, before any cap (the
                // year's cap is a line of its own).
                let recomputed = if caps[ci].is_some() {
                    checked::sum(
                        to_date.components[ci]
                            .lines
                            .iter()
                            .filter(|l| l.deal.is_some())
                            .map(|l| l.earned),
                    )
                } else {
                    to_date.components[ci].earned
                };
                let still: Vec<&str> = counted.iter().map(|d| d.id.as_str()).collect();
                let before = checked::sum(
                    earned
                        .iter()
                        .filter(|e| e.component == ci && still.contains(&e.deal.id.as_str()))
                        .map(|e| e.amount),
                );
                let diff = sub(sub(recomputed, before), true_ups[ci]);
                let attained = to_date.attainment.map_or("no quota".to_string(), percent);
                let explain = format!(
                    "true-up: {span} closed at {attained} attainment to date ({} quota credit of {} quota to date): \
                     the commission on every deal to date is {}; earned on those deals {} and in earlier true-ups {}; \
                     {} − {} − {} = {}",
                    money.fmt(to_date.quota_credit),
                    quota_td.as_ref().map_or("no".to_string(), |q| money.fmt(round_money(q[k], scale, rounding))),
                    money.fmt(recomputed),
                    money.fmt(before),
                    money.fmt(true_ups[ci]),
                    money.fmt(recomputed),
                    money.fmt(before),
                    money.fmt(true_ups[ci]),
                    money.fmt(diff)
                );
                true_ups[ci] = add(true_ups[ci], diff);
                lines[ci].push(PeriodLine {
                    kind: LineKind::TrueUp,
                    deal: None,
                    credit: None,
                    earned: diff,
                    payable: diff,
                    explain,
                });
            }
            for (ci, cap) in caps.iter_mut().enumerate() {
                if let Some(cap) = cap {
                    if let Some(line) = cap.line(&lines[ci], &period.id, money) {
                        lines[ci].push(line);
                    }
                }
            }
            let components: Vec<PeriodComponent> = role
                .components
                .iter()
                .zip(lines)
                .map(|(c, lines)| PeriodComponent {
                    name: c.name().to_string(),
                    kind: c.kind(),
                    earned: sum_at(lines.iter().map(|l| l.earned), scale),
                    payable: sum_at(lines.iter().map(|l| l.payable), scale),
                    lines,
                })
                .collect();
            let earned_k = sum_at(components.iter().map(|c| c.earned), scale);
            // Total pay: the draw and adjustments add to what is payable.
            let pay = book.as_mut().map(|b| {
                let v = components.iter().map(|c| (c.name.as_str(), c.payable));
                b.period(period, k + 1 == n, &super::pay::variable(v))
            });
            let payable_k = sum_at(
                components
                    .iter()
                    .map(|c| c.payable)
                    .chain(pay.as_ref().map(|p| p.added())),
                scale,
            );
            let paid_k = round_money(
                checked::sum(
                    self.activity
                        .payments
                        .iter()
                        .filter(|p| p.participant == person.id)
                        .filter(|p| match p.date {
                            Some(d) => period.contains(d),
                            None => k + 1 == n,
                        })
                        .map(|p| p.amount),
                ),
                scale,
                rounding,
            );
            earned_td = add(earned_td, earned_k);
            payable_td = add(payable_td, payable_k);
            paid_td = add(paid_td, paid_k);
            let mut st = period_statement(
                &to_date,
                period,
                quota_td.as_ref().map(|q| ratio(q[k])),
                components,
                [earned_k, payable_k, paid_k, earned_td, payable_td, paid_td],
                scale,
            );
            st.pay = pay.map(|p| p.with_total(payable_k, scale));
            out.push(st);
        }
        out
    }
}

fn period_statement(
    s: &Statement,
    period: &PayPeriod,
    quota: Option<Decimal>,
    components: Vec<PeriodComponent>,
    [earned, payable, paid, earned_td, payable_td, paid_td]: [Decimal; 6],
    scale: u32,
) -> PeriodStatement {
    let at = |x: Decimal| sum_at(std::iter::once(x), scale);
    PeriodStatement {
        participant: s.participant.clone(),
        role: s.role.clone(),
        currency: s.currency.clone(),
        period: period.id.clone(),
        start: period.start,
        end: period.end,
        quota,
        quota_credit: s.quota_credit,
        attainment: s.attainment,
        company_attainment: s.company_attainment,
        components,
        earned,
        payable,
        paid,
        due: at(sub(payable, paid)),
        earned_to_date: at(earned_td),
        payable_to_date: at(payable_td),
        paid_to_date: at(paid_td),
        balance: at(sub(payable_td, paid_td)),
        pay: None,
    }
}
