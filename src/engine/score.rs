//! One participant's statement: quota credit and attainment, then each
//! component of their role in plan order.
//!
//! Line earnings = credit share × basis × rate × product multiplier ×
//! discount multiplier × tier multiplier × modifiers, summed over the deal's
//! lines that pass the filters, floored at 0 per deal, rounded once. Totals
//! are sums of rounded lines, so a statement adds up to the cent.

use super::explain::Money;
use crate::decimal::checked::{self, add, mul, sub};
use crate::decimal::exact::{exact_mul, gcd};
use crate::decimal::{is_one, ratio, round_money, Rounding};
use crate::model::activity::{Deal, Participant, Payment};
use crate::model::filter::quota_passes;
use crate::model::names::{CreditKind, NamedMeasure, Stage};
use crate::model::plan::{Attribution, Band, Component, Measure, Modifier, Plan, Role};
use crate::statement::{sum_at, ComponentStatement, NextTier, Statement};
use crate::tiers::{band_at, Ratio};
use rust_decimal::Decimal;

pub use super::memo::AttributionCache;

mod components;
mod pool;
mod team;
mod terms;
pub(crate) use components::discount_band;
use components::{times, Lines};
pub use pool::{allocation_value, funded, Allocations};
pub use team::{AtTarget, MemberFigures, TeamFigures};
pub use terms::{Factor, LineTerm, LineTerms, TierTerm};

/// What a statement is computed from besides the participant's own deals.
pub struct Context<'a> {
    pub plan: &'a Plan,
    /// Company revenue over the company goal, when the plan has one.
    pub company: Option<Ratio>,
    /// Deals' attributions, computed once per pass whoever asks.
    pub attributions: AttributionCache,
    /// How much of each statement to make.
    pub detail: Detail,
    /// Discretionary pools' allocations.
    pub allocations: Allocations<'a>,
    /// The lead ledger's measures, when the activity has a ledger.
    pub pipeline: Option<crate::pipeline::measures::View<'a>>,
    /// A manager's team figures, when their role pays on the team.
    pub team: Option<&'a TeamFigures>,
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
pub(super) struct Scoring<'a> {
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
    /// Lines are made for deals from this position on (the deals before
    /// still count toward quota credit and attainment): a pay period's
    /// scoring of the year to date needs only its own deals' lines.
    from: usize,
    allocations: Allocations<'a>,
    pipeline: Option<crate::pipeline::measures::View<'a>>,
    team: Option<&'a TeamFigures>,
    /// Shares of every deal by attribution setting (its address), from a
    /// lasting memo: see [`AttributionCache::shares_of`].
    shares: std::cell::RefCell<Vec<(usize, std::rc::Rc<[Ratio]>)>>,
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
    Scoring::new(ctx, role, person, deals).build(payments)
}

/// [`statement`] with lines only for the deals closed on or after `from`:
/// the earlier deals count toward quota credit, attainment and the tiers'
/// edges as ever, but their lines (and so the components' totals) are left
/// out. A pay period's scoring of the year to date takes only its own
/// deals' lines, so the year costs one scoring of lines, not one per period.
pub fn statement_from<'a>(
    ctx: &'a Context<'a>,
    role: &'a Role,
    person: &'a Participant,
    deals: impl Iterator<Item = &'a Deal>,
    payments: impl Iterator<Item = &'a Payment>,
    from: crate::date::Date,
) -> Statement {
    let mut s = Scoring::new(ctx, role, person, deals);
    s.from = s.deals.partition_point(|d| d.close_date < from);
    s.build(payments)
}

/// [`statement`]'s facts alone: quota, quota credit, attainment, the
/// company's attainment, the next tier and what was paid; each component
/// named with no lines and zero totals (no commission is worked out). What
/// a plan year takes from the whole plan period (its pay periods make the
/// components' figures).
pub fn statement_facts<'a>(
    ctx: &'a Context<'a>,
    role: &'a Role,
    person: &'a Participant,
    deals: impl Iterator<Item = &'a Deal>,
    payments: impl Iterator<Item = &'a Payment>,
) -> Statement {
    Scoring::new(ctx, role, person, deals).build_as(payments, false)
}

impl<'a> Scoring<'a> {
    /// The participant's counted deals, owner splits and quota credit.
    pub(super) fn new(
        ctx: &'a Context<'a>,
        role: &'a Role,
        person: &'a Participant,
        deals: impl Iterator<Item = &'a Deal>,
    ) -> Scoring<'a> {
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
            allocations: ctx.allocations,
            pipeline: ctx.pipeline,
            team: ctx.team,
            money: Money(plan.currency_scale),
            scale: plan.currency_scale,
            rounding: plan.rounding(),
            from: 0,
            shares: Default::default(),
        };
        (s.cumulative, s.unit) =
            ctx.attributions
                .quota_credit(&role.quota, person, &s.deals, || s.quota_credit());
        s
    }
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

    pub(super) fn attainment(&self) -> Option<Ratio> {
        self.quota_in_units()
            .map(|q| Ratio::new(self.credit_total(), q))
    }

    pub(super) fn measure(&self, m: &Measure) -> Option<Ratio> {
        match m {
            Measure::Named(NamedMeasure::Company) => self.company,
            Measure::Named(NamedMeasure::Quota) => self.attainment(),
            Measure::Named(NamedMeasure::TeamAtTarget) => self.team?.at_target(),
            Measure::Metric { metric } => match self.pipeline_measure(metric) {
                Some((view, m)) => view.value(self.person, m),
                None => self.person.metrics.get(metric).copied().map(Ratio::of),
            },
        }
    }

    /// The ledger and the measure, when `metric` is computed from it.
    pub(super) fn pipeline_measure(
        &self,
        metric: &str,
    ) -> Option<(
        crate::pipeline::measures::View<'a>,
        crate::model::names::PipelineMeasure,
    )> {
        Some((
            self.pipeline?,
            crate::model::names::PipelineMeasure::parse(metric)?,
        ))
    }

    /// The participant's share of deal `i`: their owner split, or their
    /// touches' attribution weight over all weights (an exact quotient).
    fn share(&self, kind: CreditKind, attribution: Option<&Attribution>, i: usize) -> Ratio {
        match (kind, attribution) {
            (CreditKind::Attribution, Some(a)) => match self.kept_shares(a) {
                Some(shares) => shares[i],
                None => {
                    let d = self.deals[i];
                    self.cache.get(a, d).share(d, &self.person.id)
                }
            },
            _ => Ratio::of(self.owner[i]),
        }
    }

    /// The same participant with the company at `company` over its goal:
    /// their deals, owner splits and quota credit do not depend on it, so
    /// one scoring builds a statement at each level of the company goal.
    pub(super) fn at_company(&mut self, company: Option<Ratio>) {
        self.company = company;
    }

    /// The same participant under `plan`'s `role`: a plan that differs
    /// from the one they were scored under only in its components (the
    /// period, the role's quota rule and the currency the same), so their
    /// deals, splits and quota credit stand.
    pub(super) fn under(&mut self, plan: &'a Plan, role: &'a Role) {
        debug_assert!(plan.period.start == self.plan.period.start && role.id == self.role.id);
        self.plan = plan;
        self.role = role;
    }

    /// The participant's shares of every deal under `a`, when the memo is
    /// a lasting one (asked of it once per setting).
    fn kept_shares(&self, a: &Attribution) -> Option<std::rc::Rc<[Ratio]>> {
        let address = a as *const Attribution as usize;
        if let Some((_, s)) = self.shares.borrow().iter().find(|(at, _)| *at == address) {
            return Some(std::rc::Rc::clone(s));
        }
        let shares = self.cache.shares_of(a, self.person, &self.deals)?;
        self.shares
            .borrow_mut()
            .push((address, std::rc::Rc::clone(&shares)));
        Some(shares)
    }

    /// The modifiers that apply to component `name`, with their multipliers.
    fn modifiers_for(&self, name: &str) -> Vec<(&'a str, Decimal)> {
        let components = &self.role.components;
        let Some(target) = components.iter().find(|c| c.name() == name) else {
            return Vec::new();
        };
        components
            .iter()
            .filter_map(|c| match c {
                Component::Modifier(m) if applies_to(m, target) => {
                    let multiplier = self.modifier_band(m).map_or(Decimal::ONE, |b| b.multiplier);
                    Some((m.name.as_str(), multiplier))
                }
                _ => None,
            })
            .collect()
    }

    /// The band of a modifier at its measure's exact value (None without a
    /// measure: multiplier 1).
    pub(super) fn modifier_band(&self, m: &'a Modifier) -> Option<&'a Band> {
        self.measure(&m.measure).map(|r| band_at(&m.bands, r))
    }

    /// The quota credit as an exact quotient (credit units over `unit`).
    pub(super) fn quota_credit_exact(&self) -> Ratio {
        Ratio::new(self.credit_total(), self.unit)
    }

    /// The product of the modifiers' multipliers, or None without modifiers.
    fn modifier_product(mods: &[(&str, Decimal)]) -> Option<Decimal> {
        (!mods.is_empty()).then(|| checked::product(mods.iter().map(|(_, m)| *m)))
    }

    pub(super) fn build(&self, payments: impl Iterator<Item = &'a Payment>) -> Statement {
        self.build_as(payments, true)
    }

    /// The statement; with `worked` false its components are named only.
    fn build_as(&self, payments: impl Iterator<Item = &'a Payment>, worked: bool) -> Statement {
        let components: Vec<ComponentStatement> = self
            .role
            .components
            .iter()
            .map(|c| match c {
                _ if !worked => Lines::new(false, 0).component(c.name(), c.kind(), self.scale),
                Component::Commission(x) => self.commission(x),
                Component::Spif(x) => self.spif(x),
                Component::Bonus(x) => self.bonus(x),
                Component::Discretionary(x) => self.discretionary(x),
                Component::Override(x) => self.override_pay(x),
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
            quota_credit: self.quota_credit_exact().round(self.scale, self.rounding),
            attainment: self.attainment().map(|r| r.ratio()),
            company_attainment: self.company.map(|r| r.ratio()),
            components,
            earned,
            payable,
            paid,
            due: self.round(sub(payable, paid)),
            next_tier: self.next_tier(),
            pay: None,
            pipeline: None,
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
}

/// Whether modifier `m` multiplies `target`: the components `applies_to`
/// names, by default every one of the role; never another modifier, nor a
/// discretionary pool (it pays as its allocations decide).
pub fn applies_to(m: &Modifier, target: &Component) -> bool {
    !matches!(target, Component::Modifier(_) | Component::Discretionary(_))
        && m.applies_to
            .as_ref()
            .is_none_or(|l| l.iter().any(|x| x == target.name()))
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
