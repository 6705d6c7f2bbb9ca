//! When each payable amount is paid: the payout timeline of one
//! participant (paid, due, and what each later stage or pay period
//! releases) and every deal's status (paid, due, waiting for a stage,
//! clawed back), each with a sentence a rep can add up.
//!
//! A plan without pay periods: what a stage releases is what would be
//! payable if every deal not there yet reached it, all else equal — the
//! same scoring with the stages raised, so the figures are exactly what the
//! statement will show then. A plan year: what each later pay period's
//! statement releases, and what no pay period of the year releases yet.

use super::score::{self, Detail};
use super::Engine;
use crate::decimal::checked::{self, add, sub};
use crate::decimal::{round_money, serialize};
use crate::engine::explain::Money;
use crate::error::Error;
use crate::model::activity::Deal;
use crate::model::names::Stage;
use crate::statement::Statement;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// Each deal's position in the participant's list.
type Index<'a> = HashMap<&'a str, usize>;

/// One participant's payout timeline and deals.
#[derive(Debug, Clone, Serialize)]
pub struct Payouts {
    pub participant: String,
    pub currency: String,
    /// The pay period the figures are as of (a plan year), else null.
    pub period: Option<String>,
    /// Earned in the plan period: the sum of the timeline.
    #[serde(serialize_with = "serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "serialize")]
    pub payable: Decimal,
    #[serde(serialize_with = "serialize")]
    pub paid: Decimal,
    #[serde(serialize_with = "serialize")]
    pub due: Decimal,
    /// In order: paid, due, then what later stages or pay periods release
    /// (steps of 0 are left out).
    pub timeline: Vec<PayoutStep>,
    /// The participant's deals with a line or a payment, in (close_date,
    /// id) order.
    pub deals: Vec<DealPayout>,
    /// The sentence of the whole: `earned 1,000.00 = paid 400.00 + due …`.
    pub explain: String,
}

/// A part of the earnings and when it is paid.
#[derive(Debug, Clone, Serialize)]
pub struct PayoutStep {
    /// `paid` (already paid), `due` (payable, not paid yet: the next pay
    /// run; negative is a clawback), `stage` (released when deals reach
    /// `stage`), `period` (released in the pay period `period`), `later`
    /// (a plan year: released by no pay period of the year yet).
    pub when: &'static str,
    pub stage: Option<&'static str>,
    pub period: Option<String>,
    #[serde(serialize_with = "serialize")]
    pub amount: Decimal,
    /// How many deals the step concerns (0 for paid and due).
    pub deals: usize,
}

/// One deal's pay and status.
#[derive(Debug, Clone, Serialize)]
pub struct DealPayout {
    pub deal: String,
    pub name: Option<String>,
    pub stage: &'static str,
    /// Summed over the participant's components (before any cap).
    #[serde(serialize_with = "serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "serialize")]
    pub payable: Decimal,
    /// The payments naming this deal, summed exactly and rounded once.
    #[serde(serialize_with = "serialize")]
    pub paid: Decimal,
    /// payable − paid (negative: paid more than payable, or a clawback).
    #[serde(serialize_with = "serialize")]
    pub due: Decimal,
    /// What is earned but not payable yet, by the stage or pay period
    /// that releases it: earned = payable + the sum of these.
    pub waiting: Vec<Waiting>,
    /// `paid`, `part_paid`, `due`, `waiting`, `overpaid`, `clawback` or
    /// `nothing` (see docs/FORMAT.md, "When it is paid").
    pub status: &'static str,
    pub explain: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Waiting {
    pub stage: Option<&'static str>,
    pub period: Option<String>,
    #[serde(serialize_with = "serialize")]
    pub amount: Decimal,
}

/// A deal's figures as the payouts are gathered.
#[derive(Default, Clone)]
struct Tally {
    earned: Decimal,
    payable: Decimal,
    waiting: Vec<Waiting>,
    lines: bool,
}

impl Engine {
    /// When each payable amount of one participant is paid, and where each
    /// deal stands.
    pub fn payouts(&self, participant: &str) -> Result<Payouts, Error> {
        let (_, _, deals) = self.scored(participant)?;
        let deals: Vec<&Deal> = deals.collect();
        let index: Index = deals
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let year = self.plan.period.pay_periods.is_some();
        let mut out = if year {
            self.year_payouts(participant, &deals, &index)?
        } else {
            self.stage_payouts(participant, &deals, &index)?
        };
        out.explain = whole_sentence(&out, Money(self.plan.currency_scale));
        Ok(out)
    }

    /// A plan without pay periods: the statement, then the same scoring
    /// with every deal raised to `installed`, then to `activated`.
    fn stage_payouts(
        &self,
        participant: &str,
        deals: &[&Deal],
        index: &Index,
    ) -> Result<Payouts, Error> {
        let now = self.headline(participant)?;
        let mut tallies = by_deal(&now, index);
        let mut timeline = head_steps(now.paid, now.due);
        let mut before = now.payable;
        for stage in [Stage::Installed, Stage::Activated] {
            if !deals.iter().any(|d| below(d, stage)) {
                continue;
            }
            let raised = self.raised(participant, deals, stage)?;
            let step = sub(raised.payable, before);
            before = raised.payable;
            let after = by_deal(&raised, index);
            let mut concerned = 0;
            for (t, a) in tallies.iter_mut().zip(&after) {
                let released = sub(sub(a.payable, t.payable), waited(t));
                if !released.is_zero() {
                    concerned += 1;
                    t.waiting.push(Waiting {
                        stage: Some(stage.as_str()),
                        period: None,
                        amount: released,
                    });
                }
            }
            if !step.is_zero() {
                timeline.push(PayoutStep {
                    when: "stage",
                    stage: Some(stage.as_str()),
                    period: None,
                    amount: step,
                    deals: concerned,
                });
            }
        }
        Ok(self.gather(participant, &now, timeline, tallies, deals, index))
    }

    /// The participant's statement with every deal below `stage` (and not
    /// cancelled) at `stage`: the same earnings, more of them payable (its
    /// paid and due are left at 0).
    fn raised(&self, participant: &str, deals: &[&Deal], stage: Stage) -> Result<Statement, Error> {
        let (person, role, _) = self.scored(participant)?;
        let raised: Vec<Deal> = deals
            .iter()
            .map(|d| {
                let mut d = (*d).clone();
                if below(&d, stage) {
                    d.stage = stage;
                }
                d
            })
            .collect();
        let raised: Vec<&Deal> = raised.iter().collect();
        let ctx = self.context(Detail::Figures);
        // Only payable is read: no payments. The same iterator types as a
        // pay period's scoring, so no second copy of the scoring is built.
        checked::guard(|| {
            score::statement(
                &ctx,
                role,
                person,
                raised.iter().copied(),
                std::iter::empty::<&crate::model::activity::Payment>(),
            )
        })
        .map_err(|_| super::too_large(participant))
    }

    /// A plan year: the pay periods' statements. Paid and due are to the
    /// as-of pay period; each later period's payable is a step; what the
    /// year earned and no period releases is `later`.
    fn year_payouts(
        &self,
        participant: &str,
        deals: &[&Deal],
        index: &Index,
    ) -> Result<Payouts, Error> {
        let year = self.year_at(Detail::Figures);
        let k = self.as_of_period(&year);
        let all = self.period_statements_in(&year, participant)?;
        let at = &all[k];
        let last = &all[all.len() - 1];
        let due = sub(at.payable_to_date, at.paid_to_date);
        let mut timeline = head_steps(at.paid_to_date, due);
        let mut tallies = vec![Tally::default(); deals.len()];
        // The last pay period (+ 1) each deal was counted in, for the steps.
        let mut counted_in = vec![0usize; deals.len()];
        for (j, p) in all.iter().enumerate() {
            let mut concerned = 0;
            for line in p.components.iter().flat_map(|c| &c.lines) {
                let Some(&i) = line.deal.as_deref().and_then(|id| index.get(id)) else {
                    continue;
                };
                let t = &mut tallies[i];
                t.lines = true;
                t.earned = add(t.earned, line.earned);
                if j <= k {
                    t.payable = add(t.payable, line.payable);
                } else if !line.payable.is_zero() {
                    add_waiting(&mut t.waiting, None, Some(&p.period), line.payable);
                    if counted_in[i] != j + 1 {
                        counted_in[i] = j + 1;
                        concerned += 1;
                    }
                }
            }
            if j > k && !p.payable.is_zero() {
                timeline.push(PayoutStep {
                    when: "period",
                    stage: None,
                    period: Some(p.period.clone()),
                    amount: p.payable,
                    deals: concerned,
                });
            }
        }
        let mut unreleased = 0;
        for t in tallies.iter_mut() {
            let rest = sub(sub(t.earned, t.payable), waited(t));
            if !rest.is_zero() {
                unreleased += 1;
                add_waiting(&mut t.waiting, None, None, rest);
            }
        }
        let rest = sub(last.earned_to_date, last.payable_to_date);
        if !rest.is_zero() {
            timeline.push(PayoutStep {
                when: "later",
                stage: None,
                period: None,
                amount: rest,
                deals: unreleased,
            });
        }
        let totals = Statement {
            participant: participant.to_string(),
            role: at.role.clone(),
            currency: at.currency.clone(),
            quota: None,
            quota_credit: Decimal::ZERO,
            attainment: None,
            company_attainment: None,
            components: Vec::new(),
            earned: last.earned_to_date,
            payable: at.payable_to_date,
            paid: at.paid_to_date,
            due,
            next_tier: None,
            pay: None,
            pipeline: None,
        };
        let period = Some(at.period.clone());
        let mut out = self.gather(participant, &totals, timeline, tallies, deals, index);
        out.period = period;
        Ok(out)
    }

    /// The payouts from the totals, the steps and each deal's tally: paid
    /// from the payments naming the deal, the status and the sentence.
    fn gather(
        &self,
        participant: &str,
        totals: &Statement,
        timeline: Vec<PayoutStep>,
        tallies: Vec<Tally>,
        deals: &[&Deal],
        index: &Index,
    ) -> Payouts {
        let (scale, rounding) = (self.plan.currency_scale, self.plan.rounding());
        let money = Money(scale);
        // Each deal's payments, summed exactly (rounded once below).
        let mut paid: Vec<Option<Decimal>> = vec![None; deals.len()];
        for p in self
            .activity
            .payments
            .iter()
            .filter(|p| p.participant == participant)
        {
            if let Some(&i) = p.deal.as_deref().and_then(|id| index.get(id)) {
                paid[i] = Some(add(paid[i].unwrap_or_default(), p.amount));
            }
        }
        let rows = deals
            .iter()
            .zip(tallies)
            .zip(paid)
            .filter(|((_, t), on)| t.lines || on.is_some())
            .map(|((d, t), on)| {
                let paid = on.map_or(Decimal::ZERO, |x| round_money(x, scale, rounding));
                deal_payout(d, t, paid, money)
            })
            .collect();
        Payouts {
            participant: participant.to_string(),
            currency: self.plan.currency.clone(),
            period: None,
            earned: totals.earned,
            payable: totals.payable,
            paid: totals.paid,
            due: totals.due,
            timeline,
            deals: rows,
            explain: String::new(),
        }
    }
}

fn below(d: &Deal, stage: Stage) -> bool {
    d.stage != Stage::Cancelled && (d.stage as usize) < (stage as usize)
}

fn waited(t: &Tally) -> Decimal {
    checked::sum(t.waiting.iter().map(|w| w.amount))
}

fn add_waiting(
    list: &mut Vec<Waiting>,
    stage: Option<&'static str>,
    period: Option<&str>,
    x: Decimal,
) {
    match list
        .iter_mut()
        .find(|w| w.stage == stage && w.period.as_deref() == period)
    {
        Some(w) => w.amount = add(w.amount, x),
        None => list.push(Waiting {
            stage,
            period: period.map(str::to_string),
            amount: x,
        }),
    }
}

/// Paid, then due: both shown, even at 0 (a rep asks "what is due?").
fn head_steps(paid: Decimal, due: Decimal) -> Vec<PayoutStep> {
    [("paid", paid), ("due", due)]
        .into_iter()
        .map(|(when, amount)| PayoutStep {
            when,
            stage: None,
            period: None,
            amount,
            deals: 0,
        })
        .collect()
}

/// Each deal's earned and payable in a statement, over its components.
fn by_deal(st: &Statement, index: &Index) -> Vec<Tally> {
    let mut out = vec![Tally::default(); index.len()];
    for line in st.components.iter().flat_map(|c| &c.lines) {
        if let Some(&i) = line.deal.as_deref().and_then(|id| index.get(id)) {
            let t = &mut out[i];
            t.lines = true;
            t.earned = add(t.earned, line.earned);
            t.payable = add(t.payable, line.payable);
        }
    }
    out
}

fn deal_payout(d: &Deal, mut t: Tally, paid: Decimal, money: Money) -> DealPayout {
    // Every figure at the currency scale, 0 included ("0.00").
    let at = |mut x: Decimal| {
        x.rescale(money.0);
        x
    };
    let (paid, earned, payable) = (at(paid), at(t.earned), at(t.payable));
    t.earned = earned;
    t.payable = payable;
    for w in &mut t.waiting {
        w.amount = at(w.amount);
    }
    let due = at(sub(t.payable, paid));
    let waiting: Decimal = checked::sum(t.waiting.iter().map(|w| w.amount));
    let status = if d.stage == Stage::Cancelled {
        if paid.is_zero() {
            "nothing"
        } else {
            "clawback"
        }
    } else if due > Decimal::ZERO {
        if paid.is_zero() {
            "due"
        } else {
            "part_paid"
        }
    } else if due < Decimal::ZERO {
        "overpaid"
    } else if waiting > Decimal::ZERO {
        "waiting"
    } else if t.earned.is_zero() && paid.is_zero() {
        "nothing"
    } else {
        "paid"
    };
    let m = |x: Decimal| money.fmt(x);
    let mut explain = if d.stage == Stage::Cancelled {
        format!(
            "Cancelled: earns nothing; {} paid on it comes back out of what is due",
            m(paid)
        )
    } else {
        let mut s = format!("Earned {}: {} payable", m(t.earned), m(t.payable));
        for w in &t.waiting {
            s.push_str(" + ");
            s.push_str(&m(w.amount));
            s.push_str(&when_words(w.stage, w.period.as_deref()));
        }
        s.push_str(&format!(
            "; payable {} = paid {} + due {}",
            m(t.payable),
            m(paid),
            m(due)
        ));
        s
    };
    explain.push('.');
    DealPayout {
        deal: d.id.clone(),
        name: d.name.clone(),
        stage: d.stage.as_str(),
        earned: t.earned,
        payable: t.payable,
        paid,
        due,
        waiting: t.waiting,
        status,
        explain,
    }
}

fn when_words(stage: Option<&str>, period: Option<&str>) -> String {
    match (stage, period) {
        (Some(s), _) => format!(" when {s}"),
        (None, Some(p)) => format!(" in {p}"),
        (None, None) => " later (no pay period of the year releases it yet)".to_string(),
    }
}

/// `Earned 1,000.00 = paid 400.00 + due 100.00 + 250.00 when installed …`.
fn whole_sentence(p: &Payouts, money: Money) -> String {
    let mut s = format!(
        "Earned {} = paid {} + due {}",
        money.fmt(p.earned),
        money.fmt(p.paid),
        money.fmt(p.due)
    );
    for step in p.timeline.iter().skip(2) {
        s.push_str(" + ");
        s.push_str(&money.fmt(step.amount));
        s.push_str(&when_words(step.stage, step.period.as_deref()));
    }
    s.push('.');
    s
}
