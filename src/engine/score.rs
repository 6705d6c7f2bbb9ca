//! One participant's statement: quota credit and attainment, then each
//! component of their role in plan order.
//!
//! Line earnings = credit share × basis × rate × product multiplier ×
//! discount multiplier × tier multiplier × modifiers, summed over the deal's
//! lines that pass the filters, floored at 0 per deal, rounded once. Totals
//! are sums of rounded lines, so a statement adds up to the cent.

use super::explain::{self, Money};
use super::filter::{deal_passes, line_passes, quota_passes};
use crate::decimal::checked::{self, add, div, mul, sub};
use crate::decimal::{
    is_one, percent, plain, push_percent, push_plain, ratio, round_money, round_up, Rounding,
};
use crate::model::activity::{Deal, Participant, Payment};
use crate::model::names::{Basis, CreditKind, NamedMeasure, Stage, TierMode};
use crate::model::plan::{Attribution, Bonus, Commission, Component, Measure, Plan, Role, Spif};
use crate::statement::{sum_at, ComponentStatement, NextTier, Statement, StatementLine};
use crate::tiers::{band_at, curve, Ratio, TierEdges};
use rust_decimal::Decimal;

pub use super::memo::AttributionCache;

/// What a statement is computed from besides the participant's own deals.
pub struct Context<'a> {
    pub plan: &'a Plan,
    /// Company revenue over the company goal, when the plan has one.
    pub company: Option<Ratio>,
    /// Deals' attributions, computed once per pass whoever asks.
    pub attributions: AttributionCache,
    /// How much of each statement to make.
    pub detail: Detail,
}

/// How much of a statement to make: the numbers are the same in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every line with its `explain` sentence.
    Explained,
    /// Every line's figures; deal lines' sentences empty (a bonus's or a
    /// cap's single sentence is written). Live totals, what-if steps.
    Figures,
    /// The statement's and components' totals only: no lines.
    Totals,
}

/// Everything known about one participant while their statement is built.
struct Scoring<'a> {
    plan: &'a Plan,
    cache: &'a AttributionCache,
    detail: Detail,
    role: &'a Role,
    person: &'a Participant,
    /// Counted deals in (close_date, id) order.
    deals: Vec<&'a Deal>,
    /// The participant's owner split of deal i (0 when not an owner).
    owner: Vec<Decimal>,
    /// Cumulative quota credit before deal i (and, at i = len, the total).
    cumulative: Vec<Decimal>,
    quota: Option<Decimal>,
    company: Option<Ratio>,
    money: Money,
    scale: u32,
    rounding: Rounding,
}

/// The participant's statement; `deals` are the deals they own or touched,
/// each once, in (close_date, id) order (the uncounted ones are skipped).
pub fn statement<'a>(
    ctx: &'a Context<'a>,
    role: &'a Role,
    person: &'a Participant,
    deals: impl Iterator<Item = &'a Deal>,
    payments: impl Iterator<Item = &'a Payment>,
) -> Statement {
    let plan = ctx.plan;
    let deals: Vec<&Deal> = deals.filter(|d| counted(plan, d)).collect();
    debug_assert!(deals.is_sorted_by(|a, b| (a.close_date, &a.id) < (b.close_date, &b.id)));
    // The participant's owner split of each deal, found once (every
    // owner-credit component and the quota read it).
    let owner: Vec<Decimal> = deals.iter().map(|d| owner_split(d, &person.id)).collect();

    let mut s = Scoring {
        plan,
        cache: &ctx.attributions,
        detail: ctx.detail,
        role,
        person,
        deals,
        owner,
        cumulative: Vec::new(),
        quota: person.quota.filter(|q| *q > Decimal::ZERO),
        company: ctx.company,
        money: Money(plan.currency_scale),
        scale: plan.currency_scale,
        rounding: plan.rounding(),
    };
    s.cumulative = s.quota_credit();
    s.build(payments)
}

/// `who`'s owner split of a deal (0 when not an owner).
fn owner_split(d: &Deal, who: &str) -> Decimal {
    d.owners
        .iter()
        .find(|o| o.participant == who)
        .map(|o| o.split)
        .unwrap_or_default()
}

/// A deal counts when it closed in the period and is not cancelled.
pub fn counted(plan: &Plan, d: &Deal) -> bool {
    plan.in_period(d.close_date) && d.stage != Stage::Cancelled
}

/// A component's lines as they are made, with their running totals; in
/// [`Detail::Totals`] only the totals are kept.
struct Lines {
    keep: bool,
    lines: Vec<StatementLine>,
    earned: Decimal,
    payable: Decimal,
}

impl Lines {
    /// Room for `expected` lines when they are kept.
    fn new(keep: bool, expected: usize) -> Lines {
        Lines {
            keep,
            lines: Vec::with_capacity(if keep { expected } else { 0 }),
            earned: Decimal::ZERO,
            payable: Decimal::ZERO,
        }
    }

    fn push(&mut self, line: StatementLine) {
        self.earned = add(self.earned, line.earned);
        self.payable = add(self.payable, line.payable);
        if self.keep {
            self.lines.push(line);
        }
    }

    /// The component: its totals are the sums of its rounded lines, shown
    /// at the currency scale even when there are none.
    fn component(self, name: &str, kind: &'static str, scale: u32) -> ComponentStatement {
        let (mut earned, mut payable) = (self.earned, self.payable);
        earned.rescale(scale);
        payable.rescale(scale);
        ComponentStatement {
            name: name.to_string(),
            kind,
            earned,
            payable,
            lines: self.lines,
        }
    }
}

/// `x × f`, or `x` itself when there is no factor (a multiplication by 1
/// changes nothing).
fn times(x: Decimal, f: Option<Decimal>) -> Decimal {
    match f {
        Some(f) => mul(x, f),
        None => x,
    }
}

impl<'a> Scoring<'a> {
    fn round(&self, d: Decimal) -> Decimal {
        round_money(d, self.scale, self.rounding)
    }

    /// Cumulative quota credit before each deal and, last, the total: each
    /// deal that passes the quota's filters adds share × revenue.
    fn quota_credit(&self) -> Vec<Decimal> {
        let q = &self.role.quota;
        let mut cumulative = Vec::with_capacity(self.deals.len() + 1);
        let mut running = Decimal::ZERO;
        cumulative.push(running);
        for (i, d) in self.deals.iter().enumerate() {
            if quota_passes(q, d) {
                let share = self.share(q.credit, q.attribution.as_ref(), i);
                if !share.is_zero() {
                    running = add(running, mul(share, d.revenue()));
                }
            }
            cumulative.push(running);
        }
        cumulative
    }

    fn explain(&self) -> bool {
        self.detail == Detail::Explained
    }

    /// A component's lines: at most one per deal, and a cap line.
    fn lines(&self) -> Lines {
        Lines::new(self.detail != Detail::Totals, self.deals.len() + 1)
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

    /// The participant's share of deal `i`: their owner split, or their
    /// touches' attribution weight over all weights.
    fn share(&self, kind: CreditKind, attribution: Option<&Attribution>, i: usize) -> Decimal {
        match (kind, attribution) {
            (CreditKind::Attribution, Some(a)) => {
                let d = self.deals[i];
                self.cache.get(a, d).share(d, &self.person.id)
            }
            _ => self.owner[i],
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

    /// The product of the modifiers' multipliers, or None without modifiers.
    fn modifier_product(mods: &[(&str, Decimal)]) -> Option<Decimal> {
        (!mods.is_empty()).then(|| checked::product(mods.iter().map(|(_, m)| *m)))
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
                    Lines::new(false, 0).component(&x.name, "modifier", self.scale)
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

    /// Payable part of a line: `fraction` of the payout schedule at the
    /// deal's stage.
    fn payable(&self, exact: Decimal, fraction: Decimal) -> Decimal {
        if is_one(fraction) {
            self.round(exact)
        } else {
            self.round(mul(exact, fraction))
        }
    }

    /// The share and, for attribution, why: `60% (W-shaped of D-501: ...)`.
    fn share_text(
        &self,
        out: &mut String,
        kind: CreditKind,
        attribution: Option<&Attribution>,
        d: &Deal,
        share: Decimal,
    ) {
        push_percent(out, share);
        if let (CreditKind::Attribution, Some(a)) = (kind, attribution) {
            out.push_str(" (");
            out.push_str(&self.cache.get(a, d).describe(d, &self.person.id));
            out.push(')');
        }
    }

    fn commission(&self, c: &Commission) -> ComponentStatement {
        let mods = self.modifiers_for(&c.name);
        let mod_product = Self::modifier_product(&mods);
        let tiers = self.tier_edges(c);
        let fractions = c.payout.fractions();
        let mut lines = self.lines();
        // Attainment before and after each deal, as written in the tier
        // clauses: deal i's "after" is deal i + 1's "before".
        let mut attained = vec![
            None;
            if self.explain() {
                self.cumulative.len()
            } else {
                0
            }
        ];
        for (i, d) in self.deals.iter().enumerate() {
            let Some(rate) = c.rate_for(d.deal_type) else {
                continue;
            };
            if !deal_passes(&c.deals, d) {
                continue;
            }
            let share = self.share(c.credit, c.attribution.as_ref(), i);
            if share.is_zero() || share.is_sign_negative() {
                continue;
            }
            let tier = tiers.as_ref().map(|t| t.multiplier(&self.cumulative, i));
            let mut exact = Decimal::ZERO;
            let mut basis_total = Decimal::ZERO;
            let mut terms = String::new();
            let mut count = 0;
            for line in d.lines.iter().filter(|l| line_passes(&c.deals, l)) {
                let basis = match (c.basis, line.cost) {
                    (Basis::Margin, Some(cost)) => sub(line.amount, cost),
                    _ => line.amount,
                };
                let product = match &line.product {
                    Some(p) if !c.products.is_empty() => c.products.get(p).copied(),
                    _ => None,
                };
                let discount = discount_band(c, line);
                basis_total = add(basis_total, basis);
                // share × basis × rate × product × discount × tier × modifiers, in that order.
                let mut x = mul(mul(share, basis), rate);
                x = times(x, product);
                x = times(x, discount.map(|d| d.0));
                x = times(x, tier);
                x = times(x, mod_product);
                exact = add(exact, x);
                if self.explain() {
                    let discount = discount.map(|(m, off, list)| (m, div(off, list)));
                    if count > 0 {
                        terms.push_str(" + ");
                    }
                    explain::line_term(&mut terms, self.money, c.basis, line, product, discount);
                }
                count += 1;
            }
            let floored = if exact.is_sign_negative() {
                Decimal::ZERO
            } else {
                exact
            };
            let earned = self.round(floored);
            let fraction = fractions[d.stage as usize];
            let payable = self.payable(floored, fraction);
            let mut explain = String::new();
            if self.explain() {
                let out = &mut explain;
                out.reserve(160 + terms.len());
                self.share_text(out, c.credit, c.attribution.as_ref(), d, share);
                out.push_str(" × ");
                explain::lines_sum(out, &terms, count);
                explain::rate(out, rate, d.deal_type);
                self.tier_text(out, c, i, tier.unwrap_or(Decimal::ONE), &mut attained);
                explain::modifiers(out, &mods);
                explain::result(out, self.money, exact, earned);
                explain::payable(out, self.money, fraction, d.stage, payable);
            }
            lines.push(StatementLine {
                deal: lines.keep.then(|| d.id.clone()),
                credit: lines.keep.then(|| self.round(mul(share, basis_total))),
                earned,
                payable,
                explain,
            });
        }
        self.capped(&c.name, "commission", c.cap, lines)
    }

    /// The commission's tiers against this participant's quota; None
    /// without tiers or quota (tier multiplier 1).
    fn tier_edges<'c>(&self, c: &'c Commission) -> Option<TierEdges<'c>> {
        let (Some(tiers), Some(quota)) = (&c.tiers, self.quota) else {
            return None;
        };
        Some(TierEdges::new(tiers, quota))
    }

    /// The tier clause of deal `i`'s sentence:
    /// ` × tier 1.5 (marginal, attainment 98% → 103%)`. `attained` keeps
    /// the attainment percentages already written, by deal position.
    fn tier_text(
        &self,
        out: &mut String,
        c: &Commission,
        i: usize,
        m: Decimal,
        attained: &mut [Option<String>],
    ) {
        let (Some(tiers), Some(quota)) = (&c.tiers, self.quota) else {
            return;
        };
        let mut pct = |k: usize| -> String {
            attained[k]
                .get_or_insert_with(|| percent(div(self.cumulative[k], quota)))
                .clone()
        };
        out.push_str(" × tier ");
        push_plain(out, m);
        match tiers.mode {
            TierMode::Retroactive => {
                out.push_str(" (retroactive, attainment ");
                out.push_str(&pct(self.cumulative.len() - 1));
            }
            TierMode::Marginal => {
                out.push_str(" (marginal, attainment ");
                out.push_str(&pct(i));
                out.push_str(" → ");
                out.push_str(&pct(i + 1));
            }
        }
        out.push(')');
    }

    fn spif(&self, s: &Spif) -> ComponentStatement {
        let mods = self.modifiers_for(&s.name);
        let mod_product = Self::modifier_product(&mods);
        let fractions = s.payout.fractions();
        let mut lines = self.lines();
        for (i, d) in self.deals.iter().enumerate() {
            if !deal_passes(&s.deals, d) {
                continue;
            }
            let share = self.share(s.credit, s.attribution.as_ref(), i);
            if share.is_zero() || share.is_sign_negative() {
                continue;
            }
            let exact = times(mul(s.amount, share), mod_product);
            let earned = self.round(exact);
            let fraction = fractions[d.stage as usize];
            let payable = self.payable(exact, fraction);
            let mut explain = String::new();
            if self.explain() {
                let out = &mut explain;
                self.money.push(out, s.amount);
                out.push_str(" per deal × ");
                self.share_text(out, s.credit, s.attribution.as_ref(), d, share);
                out.push_str(" credit");
                explain::modifiers(out, &mods);
                out.push_str(" = ");
                self.money.push(out, earned);
                explain::payable(out, self.money, fraction, d.stage, payable);
            }
            lines.push(StatementLine {
                deal: lines.keep.then(|| d.id.clone()),
                // the credit is a line's figure: not worked out for totals
                credit: lines.keep.then(|| {
                    let revenue = checked::sum(
                        d.lines
                            .iter()
                            .filter(|l| line_passes(&s.deals, l))
                            .map(|l| l.amount),
                    );
                    self.round(mul(share, revenue))
                }),
                earned,
                payable,
                explain,
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
        mut lines: Lines,
    ) -> ComponentStatement {
        if let Some(cap) = cap {
            let (earned, payable) = (lines.earned, lines.payable);
            let cut_earned = self.round(sub(cap, earned).min(Decimal::ZERO));
            let cut_payable = self.round(sub(cap, payable).min(Decimal::ZERO));
            if !cut_earned.is_zero() || !cut_payable.is_zero() {
                lines.push(StatementLine {
                    deal: None,
                    credit: None,
                    earned: cut_earned,
                    payable: cut_payable,
                    // One line, written for headline figures too (as a bonus's).
                    explain: if self.detail != Detail::Totals {
                        explain::cap(self.money, cap, earned, cut_earned, payable, cut_payable)
                    } else {
                        String::new()
                    },
                });
            }
        }
        lines.component(name, kind, self.scale)
    }

    fn bonus(&self, b: &Bonus) -> ComponentStatement {
        let mods = self.modifiers_for(&b.name);
        let mod_product = Self::modifier_product(&mods);
        let target = b.target.or(self.person.target_bonus).unwrap_or_default();
        let measured = self.measure(&b.measure);
        let fraction = measured
            .map(|r| curve(&b.curve, r, b.max_payout))
            .unwrap_or_default();
        let exact = times(mul(target, fraction), mod_product);
        let earned = self.round(exact);
        // A bonus is one line, and its sentence all there is to show of it:
        // written for headline figures too.
        let explain = if self.detail != Detail::Totals {
            let at = match (&b.measure, measured) {
                (_, None) => "no measure".to_string(),
                (Measure::Named(NamedMeasure::Company), Some(r)) => {
                    format!("company attainment {}", plain(r.value()))
                }
                (Measure::Named(NamedMeasure::Quota), Some(r)) => {
                    format!("quota attainment {}", plain(r.value()))
                }
                (Measure::Metric { metric }, Some(r)) => {
                    format!("{metric} {}", plain(r.value()))
                }
            };
            let capped = match b.max_payout {
                Some(m) if fraction == m => " (the maximum payout)",
                _ => "",
            };
            let mut out = format!(
                "{} target × {} payout{capped} at {at}",
                self.money.fmt(target),
                percent(fraction)
            );
            explain::modifiers(&mut out, &mods);
            out.push_str(" = ");
            self.money.push(&mut out, earned);
            out
        } else {
            String::new()
        };
        let mut lines = self.lines();
        lines.push(StatementLine {
            deal: None,
            credit: None,
            earned,
            payable: earned,
            explain,
        });
        lines.component(&b.name, "bonus", self.scale)
    }
}

/// The discount band that applies to a line: (multiplier, list − amount,
/// list), or None when no band's `above` is exceeded. Compared exactly:
/// 1 − amount/list > above ⇔ list − amount > above × list.
fn discount_band(
    c: &Commission,
    line: &crate::model::activity::Line,
) -> Option<(Decimal, Decimal, Decimal)> {
    if c.discounts.is_empty() {
        return None;
    }
    let list = line.list_price?;
    let off = sub(list, line.amount);
    let band = c
        .discounts
        .iter()
        .rev()
        .find(|b| off > mul(b.above, list))?;
    Some((band.multiplier, off, list))
}
