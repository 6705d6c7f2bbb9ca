//! One participant's statement: quota credit and attainment, then each
//! component of their role in plan order.
//!
//! Line earnings = credit share × basis × rate × product multiplier ×
//! discount multiplier × tier multiplier × modifiers, summed over the deal's
//! lines that pass the filters, floored at 0 per deal, rounded once. Totals
//! are sums of rounded lines, so a statement adds up to the cent.

use super::explain::{self, Money};
use super::filter::{deal_passes, line_passes, quota_passes};
use crate::attribution::{attribute, Attributed};
use crate::decimal::checked::{self, add, div, mul, sub};
use crate::decimal::{percent, plain, ratio, round_money, round_up, Rounding};
use crate::model::activity::{Deal, Participant, Payment};
use crate::model::names::{Basis, CreditKind, NamedMeasure, Stage, TierMode};
use crate::model::plan::{Attribution, Bonus, Commission, Component, Measure, Plan, Role, Spif};
use crate::statement::{sum_at, ComponentStatement, NextTier, Statement, StatementLine};
use crate::tiers::{band_at, curve, marginal, Ratio};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// What a statement is computed from besides the participant's own deals.
pub struct Context<'a> {
    pub plan: &'a Plan,
    /// Company revenue over the company goal, when the plan has one.
    pub company: Option<Ratio>,
    /// Deals' attributions, computed once per pass whoever asks.
    pub attributions: AttributionCache,
    /// Whether lines get their `explain` sentence (off for headline figures:
    /// the numbers are the same, the sentences empty).
    pub explain: bool,
}

/// Each deal's touches weighted once per attribution setting, shared by every
/// participant scored in one pass. Keyed by the addresses of the setting and
/// the deal, which do not move while a pass holds them borrowed.
#[derive(Default)]
pub struct AttributionCache(RefCell<HashMap<(usize, usize), Rc<Attributed>>>);

impl AttributionCache {
    pub fn get(&self, a: &Attribution, d: &Deal) -> Rc<Attributed> {
        let key = (a as *const Attribution as usize, d as *const Deal as usize);
        if let Some(found) = self.0.borrow().get(&key) {
            return Rc::clone(found);
        }
        let made = Rc::new(attribute(a, d));
        self.0.borrow_mut().insert(key, Rc::clone(&made));
        made
    }

    /// The participant's share of a deal: their owner split, or their
    /// touches' attribution weight over all weights.
    pub fn share(
        &self,
        kind: CreditKind,
        attribution: Option<&Attribution>,
        d: &Deal,
        who: &str,
    ) -> Decimal {
        match (kind, attribution) {
            (CreditKind::Attribution, Some(a)) => self.get(a, d).share(d, who),
            _ => d
                .owners
                .iter()
                .find(|o| o.participant == who)
                .map(|o| o.split)
                .unwrap_or_default(),
        }
    }
}

/// Everything known about one participant while their statement is built.
struct Scoring<'a> {
    plan: &'a Plan,
    cache: &'a AttributionCache,
    explain: bool,
    role: &'a Role,
    person: &'a Participant,
    /// Counted deals in (close_date, id) order.
    deals: Vec<&'a Deal>,
    /// Cumulative quota credit before deal i (and, at i = len, the total).
    cumulative: Vec<Decimal>,
    quota: Option<Decimal>,
    company: Option<Ratio>,
    money: Money,
    scale: u32,
    rounding: Rounding,
}

/// The participant's statement; `deals` are the deals they own or touched
/// (any order; the uncounted ones are skipped).
pub fn statement<'a>(
    ctx: &'a Context<'a>,
    role: &'a Role,
    person: &'a Participant,
    deals: impl Iterator<Item = &'a Deal>,
    payments: impl Iterator<Item = &'a Payment>,
) -> Statement {
    let plan = ctx.plan;
    let mut deals: Vec<&Deal> = deals.filter(|d| counted(plan, d)).collect();
    fn key(d: &Deal) -> (crate::date::Date, &str) {
        (d.close_date, d.id.as_str())
    }
    if !deals.is_sorted_by(|a, b| key(a) <= key(b)) {
        deals.sort_by(|a, b| key(a).cmp(&key(b)));
    }
    deals.dedup_by(|a, b| a.id == b.id);

    let mut cumulative = Vec::with_capacity(deals.len() + 1);
    let mut running = Decimal::ZERO;
    cumulative.push(running);
    for d in &deals {
        if quota_passes(&role.quota, d) {
            let share = ctx.attributions.share(
                role.quota.credit,
                role.quota.attribution.as_ref(),
                d,
                &person.id,
            );
            running = add(running, mul(share, d.revenue()));
        }
        cumulative.push(running);
    }
    let s = Scoring {
        plan,
        cache: &ctx.attributions,
        explain: ctx.explain,
        role,
        person,
        deals,
        cumulative,
        quota: person.quota.filter(|q| *q > Decimal::ZERO),
        company: ctx.company,
        money: Money(plan.currency_scale),
        scale: plan.currency_scale,
        rounding: plan.rounding(),
    };
    s.build(payments)
}

/// A deal counts when it closed in the period and is not cancelled.
pub fn counted(plan: &Plan, d: &Deal) -> bool {
    plan.in_period(d.close_date) && d.stage != Stage::Cancelled
}

impl<'a> Scoring<'a> {
    fn round(&self, d: Decimal) -> Decimal {
        round_money(d, self.scale, self.rounding)
    }

    fn credit_total(&self) -> Decimal {
        self.cumulative.last().copied().unwrap_or_default()
    }

    fn attainment(&self) -> Option<Ratio> {
        self.quota.map(|q| Ratio::new(self.credit_total(), q))
    }

    fn measure(&self, m: &Measure) -> Option<Ratio> {
        match m {
            Measure::Named(NamedMeasure::Company) => self.company,
            Measure::Named(NamedMeasure::Quota) => self.attainment(),
            Measure::Metric { metric } => self.person.metrics.get(metric).copied().map(Ratio::of),
        }
    }

    /// The modifiers that apply to component `name`, with their multipliers.
    fn modifiers_for(&self, name: &str) -> Vec<(&'a str, Decimal)> {
        self.role
            .components
            .iter()
            .filter_map(|c| match c {
                Component::Modifier(m)
                    if m.applies_to
                        .as_ref()
                        .is_none_or(|l| l.iter().any(|x| x == name)) =>
                {
                    let multiplier = self
                        .measure(&m.measure)
                        .map(|r| band_at(&m.bands, r).multiplier)
                        .unwrap_or(Decimal::ONE);
                    Some((m.name.as_str(), multiplier))
                }
                _ => None,
            })
            .collect()
    }

    fn build(&self, payments: impl Iterator<Item = &'a Payment>) -> Statement {
        let components: Vec<ComponentStatement> = self
            .role
            .components
            .iter()
            .map(|c| match c {
                Component::Commission(x) => self.commission(x),
                Component::Spif(x) => self.spif(x),
                Component::Bonus(x) => self.bonus(x),
                Component::Modifier(x) => {
                    ComponentStatement::new(&x.name, "modifier", self.scale, Vec::new())
                }
            })
            .collect();
        let earned = sum_at(components.iter().map(|c| c.earned), self.scale);
        let payable = sum_at(components.iter().map(|c| c.payable), self.scale);
        let paid = checked::sum(
            payments
                .filter(|p| p.participant == self.person.id)
                .map(|p| self.round(p.amount)),
        );
        let paid = self.round(paid);
        Statement {
            participant: self.person.id.clone(),
            role: self.role.id.clone(),
            currency: self.plan.currency.clone(),
            quota: self.person.quota.map(ratio),
            quota_credit: self.round(self.credit_total()),
            attainment: self.attainment().map(|r| ratio(r.value())),
            company_attainment: self.company.map(|r| ratio(r.value())),
            components,
            earned,
            payable,
            paid,
            due: self.round(sub(payable, paid)),
            next_tier: self.next_tier(),
        }
    }

    /// The first band above the current attainment of the role's first
    /// tiered commission.
    fn next_tier(&self) -> Option<NextTier> {
        let quota = self.quota?;
        let tiers = self.role.components.iter().find_map(|c| match c {
            Component::Commission(x) => x.tiers.as_ref(),
            _ => None,
        })?;
        let credit = self.credit_total();
        let band = tiers.bands.iter().find(|b| mul(b.from, quota) > credit)?;
        Some(NextTier {
            attainment: ratio(band.from),
            quota_credit_needed: round_up(sub(mul(band.from, quota), credit), self.scale),
            multiplier: ratio(band.multiplier),
        })
    }

    /// Payable part of a line and its clause of the sentence.
    fn payable(
        &self,
        exact: Decimal,
        payout: &crate::model::plan::Payout,
        stage: Stage,
    ) -> (Decimal, String) {
        let fraction = payout.fraction_at(stage);
        let payable = self.round(exact * fraction);
        let text = if self.explain {
            explain::payable(self.money, fraction, stage, payable)
        } else {
            String::new()
        };
        (payable, text)
    }

    /// The share and, for attribution, why: `60% (W-shaped of D-501: ...)`.
    fn share_text(
        &self,
        kind: CreditKind,
        attribution: Option<&Attribution>,
        d: &Deal,
        share: Decimal,
    ) -> String {
        match (kind, attribution) {
            (CreditKind::Attribution, Some(a)) => format!(
                "{} ({})",
                percent(share),
                self.cache.get(a, d).describe(d, &self.person.id)
            ),
            _ => percent(share),
        }
    }

    fn commission(&self, c: &Commission) -> ComponentStatement {
        let mods = self.modifiers_for(&c.name);
        let mod_product = checked::product(mods.iter().map(|(_, m)| *m));
        let mut lines = Vec::new();
        for (i, d) in self.deals.iter().enumerate() {
            let Some(rate) = c.rate_for(d.deal_type) else {
                continue;
            };
            if !deal_passes(&c.deals, d) {
                continue;
            }
            let share = self
                .cache
                .share(c.credit, c.attribution.as_ref(), d, &self.person.id);
            if share <= Decimal::ZERO {
                continue;
            }
            let tier = self.tier(c, i);
            let mut exact = Decimal::ZERO;
            let mut basis_total = Decimal::ZERO;
            let mut terms = Vec::new();
            for line in d.lines.iter().filter(|l| line_passes(&c.deals, l)) {
                let basis = match c.basis {
                    Basis::Revenue => line.amount,
                    Basis::Margin => line.amount - line.cost.unwrap_or_default(),
                };
                let product = line
                    .product
                    .as_ref()
                    .and_then(|p| c.products.get(p))
                    .copied();
                let discount = discount_band(c, line);
                basis_total += basis;
                // share × basis × rate × product × discount × tier × modifiers, in that order.
                let factors = [
                    basis,
                    rate,
                    product.unwrap_or(Decimal::ONE),
                    discount.map_or(Decimal::ONE, |x| x.0),
                    tier,
                    mod_product,
                ];
                exact = add(exact, factors.into_iter().fold(share, mul));
                if self.explain {
                    let discount = discount.map(|(m, off, list)| (m, off / list));
                    terms.push(explain::line_term(
                        self.money, c.basis, line, product, discount,
                    ));
                }
            }
            let floored = exact.max(Decimal::ZERO);
            let earned = self.round(floored);
            let (payable, payable_text) = self.payable(floored, &c.payout, d.stage);
            let explain = if self.explain {
                format!(
                    "{} × {}{}{}{}{}{}",
                    self.share_text(c.credit, c.attribution.as_ref(), d, share),
                    explain::lines_sum(&terms),
                    explain::rate(rate, d.deal_type),
                    self.tier_text(c, i, tier),
                    explain::modifiers(&mods),
                    explain::result(self.money, exact, earned),
                    payable_text
                )
            } else {
                String::new()
            };
            lines.push(StatementLine {
                deal: Some(d.id.clone()),
                credit: Some(self.round(share * basis_total)),
                earned,
                payable,
                explain,
            });
        }
        self.capped(&c.name, "commission", c.cap, lines)
    }

    /// The tier multiplier of deal `i` (1 without tiers).
    fn tier(&self, c: &Commission, i: usize) -> Decimal {
        let (Some(tiers), Some(quota)) = (&c.tiers, self.quota) else {
            return Decimal::ONE;
        };
        match tiers.mode {
            TierMode::Retroactive => {
                band_at(&tiers.bands, Ratio::new(self.credit_total(), quota)).multiplier
            }
            TierMode::Marginal => marginal(
                &tiers.bands,
                self.cumulative[i],
                self.cumulative[i + 1],
                quota,
            ),
        }
    }

    /// The tier clause of deal `i`'s sentence.
    fn tier_text(&self, c: &Commission, i: usize, m: Decimal) -> String {
        let (Some(tiers), Some(quota)) = (&c.tiers, self.quota) else {
            return String::new();
        };
        let pct = |credit: Decimal| percent(div(credit, quota));
        match tiers.mode {
            TierMode::Retroactive => format!(
                " × tier {} (retroactive, attainment {})",
                plain(m),
                pct(self.credit_total())
            ),
            TierMode::Marginal => format!(
                " × tier {} (marginal, attainment {} → {})",
                plain(m),
                pct(self.cumulative[i]),
                pct(self.cumulative[i + 1])
            ),
        }
    }

    fn spif(&self, s: &Spif) -> ComponentStatement {
        let mods = self.modifiers_for(&s.name);
        let mod_product = checked::product(mods.iter().map(|(_, m)| *m));
        let mut lines = Vec::new();
        for d in &self.deals {
            if !deal_passes(&s.deals, d) {
                continue;
            }
            let share = self
                .cache
                .share(s.credit, s.attribution.as_ref(), d, &self.person.id);
            if share <= Decimal::ZERO {
                continue;
            }
            let revenue: Decimal = d
                .lines
                .iter()
                .filter(|l| line_passes(&s.deals, l))
                .map(|l| l.amount)
                .sum();
            let exact = mul(mul(s.amount, share), mod_product);
            let earned = self.round(exact);
            let (payable, payable_text) = self.payable(exact, &s.payout, d.stage);
            lines.push(StatementLine {
                deal: Some(d.id.clone()),
                credit: Some(self.round(share * revenue)),
                earned,
                payable,
                explain: if self.explain {
                    format!(
                        "{} per deal × {} credit{} = {}{}",
                        self.money.fmt(s.amount),
                        self.share_text(s.credit, s.attribution.as_ref(), d, share),
                        explain::modifiers(&mods),
                        self.money.fmt(earned),
                        payable_text
                    )
                } else {
                    String::new()
                },
            });
        }
        self.capped(&s.name, "spif", s.cap, lines)
    }

    /// Adds the cap line when the cap bites on earned or on payable.
    fn capped(
        &self,
        name: &str,
        kind: &'static str,
        cap: Option<Decimal>,
        mut lines: Vec<StatementLine>,
    ) -> ComponentStatement {
        if let Some(cap) = cap {
            let earned = checked::sum(lines.iter().map(|l| l.earned));
            let payable = checked::sum(lines.iter().map(|l| l.payable));
            let cut_earned = self.round((cap - earned).min(Decimal::ZERO));
            let cut_payable = self.round((cap - payable).min(Decimal::ZERO));
            if !cut_earned.is_zero() || !cut_payable.is_zero() {
                lines.push(StatementLine {
                    deal: None,
                    credit: None,
                    earned: cut_earned,
                    payable: cut_payable,
                    explain: explain::cap(
                        self.money,
                        cap,
                        earned,
                        cut_earned,
                        payable,
                        cut_payable,
                    ),
                });
            }
        }
        ComponentStatement::new(name, kind, self.scale, lines)
    }

    fn bonus(&self, b: &Bonus) -> ComponentStatement {
        let mods = self.modifiers_for(&b.name);
        let mod_product = checked::product(mods.iter().map(|(_, m)| *m));
        let target = b.target.or(self.person.target_bonus).unwrap_or_default();
        let measured = self.measure(&b.measure);
        let fraction = measured
            .map(|r| curve(&b.curve, r, b.max_payout))
            .unwrap_or_default();
        let exact = mul(mul(target, fraction), mod_product);
        let earned = self.round(exact);
        let at = match (&b.measure, measured) {
            (_, None) => "no measure".to_string(),
            (Measure::Named(NamedMeasure::Company), Some(r)) => {
                format!("company attainment {}", plain(r.value()))
            }
            (Measure::Named(NamedMeasure::Quota), Some(r)) => {
                format!("quota attainment {}", plain(r.value()))
            }
            (Measure::Metric { metric }, Some(r)) => format!("{metric} {}", plain(r.value())),
        };
        let capped = match b.max_payout {
            Some(m) if fraction == m => " (the maximum payout)".to_string(),
            _ => String::new(),
        };
        let line = StatementLine {
            deal: None,
            credit: None,
            earned,
            payable: earned,
            explain: format!(
                "{} target × {} payout{capped} at {at}{} = {}",
                self.money.fmt(target),
                percent(fraction),
                explain::modifiers(&mods),
                self.money.fmt(earned)
            ),
        };
        ComponentStatement::new(&b.name, "bonus", self.scale, vec![line])
    }
}

/// The discount band that applies to a line: (multiplier, list − amount,
/// list), or None when no band's `above` is exceeded. Compared exactly:
/// 1 − amount/list > above ⇔ list − amount > above × list.
fn discount_band(
    c: &Commission,
    line: &crate::model::activity::Line,
) -> Option<(Decimal, Decimal, Decimal)> {
    let list = line.list_price?;
    let off = list - line.amount;
    let band = c.discounts.iter().rev().find(|b| off > b.above * list)?;
    Some((band.multiplier, off, list))
}
