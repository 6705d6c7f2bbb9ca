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
use crate::decimal::exact::exact_mul;
use crate::decimal::{
    is_one, percent, plain, push_percent, push_plain, ratio, round_money, Rounding,
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
    /// Cumulative quota credit before deal i (and, at i = len, the total),
    /// in units of 1/`unit`: whole-number multiples of the common
    /// denominator of the participant's shares, so exact.
    cumulative: Vec<Decimal>,
    /// The common denominator of the quota credit's shares (1 for owner
    /// splits).
    unit: Decimal,
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
        unit: Decimal::ONE,
        quota: person.quota.filter(|q| *q > Decimal::ZERO),
        company: ctx.company,
        money: Money(plan.currency_scale),
        scale: plan.currency_scale,
        rounding: plan.rounding(),
    };
    (s.cumulative, s.unit) = s.quota_credit();
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
    /// deal that passes the quota's filters adds share × revenue. Kept
    /// exact over one common denominator (the least common multiple of the
    /// shares' denominators, returned beside the credits), so band edges,
    /// the rounded credit and what the next tier needs are decided on the
    /// exact sum of rational shares.
    fn quota_credit(&self) -> (Vec<Decimal>, Decimal) {
        let q = &self.role.quota;
        let shares: Vec<Option<Ratio>> = self
            .deals
            .iter()
            .enumerate()
            .map(|(i, d)| {
                quota_passes(q, d)
                    .then(|| self.share(q.credit, q.attribution.as_ref(), i))
                    .filter(|s| !s.is_zero())
            })
            .collect();
        if let Some(unit) = common_denominator(shares.iter().flatten()) {
            if let Some(cumulative) = self.credits_in(unit, &shares) {
                return (cumulative, unit);
            }
        }
        // Every share a plain decimal (owner splits), or an exact sum that
        // would pass 28 digits: credit = share × revenue as decimals.
        let mut cumulative = Vec::with_capacity(self.deals.len() + 1);
        let mut running = Decimal::ZERO;
        cumulative.push(running);
        for (share, d) in shares.iter().zip(&self.deals) {
            if let Some(share) = share {
                running = add(running, mul(share.value(), d.revenue()));
            }
            cumulative.push(running);
        }
        (cumulative, Decimal::ONE)
    }

    /// The cumulative credits in units of 1/`unit` (a multiple of every
    /// share's denominator), or None when an exact figure would not fit.
    fn credits_in(&self, unit: Decimal, shares: &[Option<Ratio>]) -> Option<Vec<Decimal>> {
        let mut cumulative = Vec::with_capacity(self.deals.len() + 1);
        let mut running = Decimal::ZERO;
        cumulative.push(running);
        for (share, d) in shares.iter().zip(&self.deals) {
            if let Some(share) = share {
                let per = unit.checked_div(share.den)?;
                let credit = exact_mul(exact_mul(share.num, per)?, d.revenue())?;
                running = running.checked_add(credit)?;
            }
            cumulative.push(running);
        }
        Some(cumulative)
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

    /// The quota in the units of `cumulative`.
    fn quota_in_units(&self) -> Option<Decimal> {
        self.quota.map(|q| times(q, self.scaled()))
    }

    /// `Some(unit)` when credits are scaled (shares with denominators).
    fn scaled(&self) -> Option<Decimal> {
        (!is_one(self.unit)).then_some(self.unit)
    }

    fn attainment(&self) -> Option<Ratio> {
        self.quota_in_units()
            .map(|q| Ratio::new(self.credit_total(), q))
    }

    fn measure(&self, m: &Measure) -> Option<Ratio> {
        match m {
            Measure::Named(NamedMeasure::Company) => self.company,
            Measure::Named(NamedMeasure::Quota) => self.attainment(),
            Measure::Metric { metric } => self.person.metrics.get(metric).copied().map(Ratio::of),
        }
    }

    /// The participant's share of deal `i`: their owner split, or their
    /// touches' attribution weight over all weights (an exact quotient).
    fn share(&self, kind: CreditKind, attribution: Option<&Attribution>, i: usize) -> Ratio {
        match (kind, attribution) {
            (CreditKind::Attribution, Some(a)) => {
                let d = self.deals[i];
                self.cache.get(a, d).share(d, &self.person.id)
            }
            _ => Ratio::of(self.owner[i]),
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
        // The exact sum of the payments, rounded once.
        let paid = checked::sum(
            payments
                .filter(|p| p.participant == self.person.id)
                .map(|p| p.amount),
        );
        let paid = self.round(paid);
        Statement {
            participant: self.person.id.clone(),
            role: self.role.id.clone(),
            currency: self.plan.currency.clone(),
            quota: self.person.quota.map(ratio),
            quota_credit: Ratio::new(self.credit_total(), self.unit)
                .round(self.scale, self.rounding),
            attainment: self.attainment().map(|r| r.ratio()),
            company_attainment: self.company.map(|r| r.ratio()),
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
        let quota = self.quota_in_units()?;
        let tiers = self.role.components.iter().find_map(|c| match c {
            Component::Commission(x) => x.tiers.as_ref(),
            _ => None,
        })?;
        let credit = self.credit_total();
        let band = tiers.bands.iter().find(|b| mul(b.from, quota) > credit)?;
        // rounded up from the exact need (credit units over `unit`)
        let need = Ratio::new(sub(mul(band.from, quota), credit), self.unit);
        Some(NextTier {
            attainment: ratio(band.from),
            quota_credit_needed: need.round_up(self.scale),
            multiplier: ratio(band.multiplier),
        })
    }

    /// Payable part of a line: `fraction` of the payout schedule at the
    /// deal's stage, rounded once from the exact value.
    fn payable(&self, exact: Ratio, fraction: Decimal) -> Decimal {
        if is_one(fraction) {
            self.round_exact(exact)
        } else {
            self.round_exact(exact.times(fraction))
        }
    }

    /// An exact quotient rounded once as money.
    fn round_exact(&self, x: Ratio) -> Decimal {
        x.round(self.scale, self.rounding)
    }

    /// The share and, for attribution, why: `60% (W-shaped of D-501: ...)`.
    fn share_text(
        &self,
        out: &mut String,
        kind: CreditKind,
        attribution: Option<&Attribution>,
        d: &Deal,
        share: Ratio,
    ) {
        push_percent(out, share.value());
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
            if share.is_zero() || share.is_negative() {
                continue;
            }
            let tier = tiers.as_ref().map(|t| t.multiplier(&self.cumulative, i));
            // A plain multiplier joins the product; an averaged one over a
            // straddled edge (a quotient) multiplies the exact result.
            let (tier_factor, tier_ratio) = match tier {
                Some(t) if t.is_whole() => (Some(t.num), None),
                Some(t) => (None, Some(t)),
                None => (None, None),
            };
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
                // share × basis × rate × product × discount × tier × modifiers,
                // in that order, over the share's (and tier's) denominator.
                let mut x = mul(mul(share.num, basis), rate);
                x = times(x, product);
                x = times(x, discount.map(|d| d.0));
                x = times(x, tier_factor);
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
            let mut exact = Ratio::new(exact, share.den);
            if let Some(t) = tier_ratio {
                exact = exact.times_ratio(t);
            }
            let floored = if exact.is_negative() {
                Ratio::of(Decimal::ZERO)
            } else {
                exact
            };
            let earned = self.round_exact(floored);
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
                let tier = tier.map_or(Decimal::ONE, |t| t.value());
                self.tier_text(out, c, i, tier, &mut attained);
                explain::modifiers(out, &mods);
                explain::result(out, self.money, exact.value(), earned);
                explain::payable(out, self.money, fraction, d.stage, payable);
            }
            lines.push(StatementLine {
                deal: lines.keep.then(|| d.id.clone()),
                credit: lines
                    .keep
                    .then(|| self.round_exact(share.times(basis_total))),
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
        Some(TierEdges::new(tiers, times(quota, self.scaled())))
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
        let (Some(tiers), Some(quota)) = (&c.tiers, self.quota_in_units()) else {
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
            if share.is_zero() || share.is_negative() {
                continue;
            }
            let exact = Ratio::new(times(mul(s.amount, share.num), mod_product), share.den);

            let earned = self.round_exact(exact);
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
                    self.round_exact(share.times(revenue))
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
            .unwrap_or(Ratio::of(Decimal::ZERO));
        let exact = fraction.times(target);
        let exact = mod_product.map_or(exact, |m| exact.times(m));
        let earned = self.round_exact(exact);
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
                Some(m) if fraction.same(&Ratio::of(m)) => " (the maximum payout)",
                _ => "",
            };
            let mut out = format!(
                "{} target × {} payout{capped} at {at}",
                self.money.fmt(target),
                percent(fraction.value())
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

/// The least common multiple of the shares' (whole-number) denominators, or
/// None when every share is a plain decimal — or when it passes 10^12 (a
/// participant whose deals have hundreds of different touch counts): then
/// the credits would need more than 28 digits, and the quota credit is
/// summed from 28-digit quotients (within the spec's 10⁻¹² allowance).
fn common_denominator<'r>(shares: impl Iterator<Item = &'r Ratio>) -> Option<Decimal> {
    const MAX: u128 = 1_000_000_000_000;
    let mut l: u128 = 1;
    for s in shares {
        if s.is_whole() {
            continue;
        }
        let den = s.den.normalize();
        if den.scale() != 0 || den.is_sign_negative() {
            return None;
        }
        let d = u128::try_from(den.mantissa()).ok()?;
        let g = gcd(l, d);
        l = (l / g).checked_mul(d).filter(|l| *l <= MAX)?;
    }
    (l > 1).then(|| Decimal::from_i128_with_scale(l as i128, 0))
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}
