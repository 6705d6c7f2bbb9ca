//! A statement's components, each a list of lines: commission (share ×
//! basis × rate × product × discount × tier × modifiers, floored at 0 per
//! deal, rounded once from the exact value), spif, bonus, and the cap line.

use super::{Detail, Scoring};
use crate::decimal::checked::{self, add, div, mul, sub};
use crate::decimal::{is_one, percent, plain, push_percent, push_plain};
use crate::engine::explain;
use crate::model::activity::{Deal, Line};
use crate::model::filter::{deal_passes, line_passes};
use crate::model::names::{Basis, CreditKind, NamedMeasure, TierMode};
use crate::model::plan::{Attribution, Bonus, Commission, Measure, Spif};
use crate::model::rate_table::Picked;
use crate::statement::{ComponentStatement, StatementLine};
use crate::tiers::{curve, Ratio, TierEdges};
use rust_decimal::Decimal;

/// A line's discount band: (multiplier, amount off, list price).
pub(super) type Discount = Option<(Decimal, Decimal, Decimal)>;

/// What sees each line of a deal as its commission is worked out: the
/// line, its basis, product multiplier, discount, and (a rate table's
/// commission) the rate it picked.
pub(super) type OnLine<'x> =
    &'x mut dyn FnMut(&Line, Decimal, Option<Decimal>, Discount, Option<Picked>);

/// One deal's commission worked out (see `Scoring::commission_deal`).
pub(super) struct DealCommission {
    /// The deal type's rate (None: a rate table's, line by line).
    pub rate: Option<Decimal>,
    pub share: Ratio,
    /// The tier multiplier (None without tiers).
    pub tier: Option<Ratio>,
    /// The exact earnings, before the floor at 0.
    pub exact: Ratio,
    /// The lines' basis, before the share.
    pub basis_total: Decimal,
}

/// A component's lines as they are made, with their running totals; in
/// [`Detail::Totals`] only the totals are kept.
pub(super) struct Lines {
    keep: bool,
    lines: Vec<StatementLine>,
    earned: Decimal,
    payable: Decimal,
}

impl Lines {
    /// Room for `expected` lines when they are kept.
    pub(super) fn new(keep: bool, expected: usize) -> Lines {
        Lines {
            keep,
            lines: Vec::with_capacity(if keep { expected } else { 0 }),
            earned: Decimal::ZERO,
            payable: Decimal::ZERO,
        }
    }

    pub(super) fn push(&mut self, line: StatementLine) {
        self.earned = add(self.earned, line.earned);
        self.payable = add(self.payable, line.payable);
        if self.keep {
            self.lines.push(line);
        }
    }

    /// The component: its totals are the sums of its rounded lines, shown
    /// at the currency scale even when there are none.
    pub(super) fn component(
        self,
        name: &str,
        kind: &'static str,
        scale: u32,
    ) -> ComponentStatement {
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
pub(super) fn times(x: Decimal, f: Option<Decimal>) -> Decimal {
    match f {
        Some(f) => mul(x, f),
        None => x,
    }
}

impl<'a> Scoring<'a> {
    /// Payable part of a line: `fraction` of the payout schedule at the
    /// deal's stage, rounded once from the exact value.
    pub(super) fn payable(&self, exact: Ratio, fraction: Decimal) -> Decimal {
        if is_one(fraction) {
            self.round_exact(exact)
        } else {
            self.round_exact(exact.times(fraction))
        }
    }

    /// An exact quotient rounded once as money.
    pub(super) fn round_exact(&self, x: Ratio) -> Decimal {
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

    pub(super) fn commission(&self, c: &Commission) -> ComponentStatement {
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
        for (i, d) in self.deals.iter().enumerate().skip(self.from) {
            let mut terms = String::new();
            let mut count = 0;
            let worked = if self.explain() {
                let mut each = |line: &Line,
                                _basis,
                                product: Option<Decimal>,
                                discount: Discount,
                                picked: Option<Picked>| {
                    let discount = discount.map(|(m, off, list)| (m, div(off, list)));
                    if count > 0 {
                        terms.push_str(" + ");
                    }
                    explain::line_term(&mut terms, self.money, c.basis, line, product, discount);
                    if let (Some(p), Some(t)) = (picked, &c.rate_table) {
                        explain::table_rate(&mut terms, self.money, t, &p);
                    }
                    count += 1;
                };
                self.commission_deal(c, tiers.as_ref(), mod_product, i, Some(&mut each))
            } else {
                self.commission_deal(c, tiers.as_ref(), mod_product, i, None)
            };
            let Some(DealCommission {
                rate,
                share,
                tier,
                exact,
                basis_total,
            }) = worked
            else {
                continue;
            };
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
                if let Some(rate) = rate {
                    explain::rate(out, rate, d.deal_type);
                }
                let tier = tier.map_or(Decimal::ONE, |t| t.value());
                self.tier_text(out, c, i, tier, &mut attained);
                explain::modifiers(out, &mods);
                explain::result(out, self.money, exact.value(), earned);
                explain::payable(out, self.money, fraction, d.stage, payable);
            }
            lines.push(StatementLine {
                member: None,
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

    /// Deal `i`'s commission worked out, the one computation of its line
    /// and of its terms (`terms.rs`): None when the commission has no line
    /// for it (no rate for its type, a filter, no share). `each` sees every
    /// line that passes the filters with its basis (amount, or margin) and
    /// its product and discount multipliers. Out of line: one copy serves both (wasm size; a call per
    /// deal costs nothing beside its decimal arithmetic).
    #[inline(never)]
    pub(super) fn commission_deal(
        &self,
        c: &Commission,
        tiers: Option<&TierEdges>,
        mod_product: Option<Decimal>,
        i: usize,
        mut each: Option<OnLine>,
    ) -> Option<DealCommission> {
        let d = self.deals[i];
        let rate = match c.rate_table {
            Some(_) => None,
            None => Some(c.rate_for(d.deal_type)?),
        };
        if !deal_passes(&c.deals, d) {
            return None;
        }
        let share = self.share(c.credit, c.attribution.as_ref(), i);
        if share.is_zero() || share.is_negative() {
            return None;
        }
        let tier = tiers.map(|t| t.multiplier(&self.cumulative, i));
        // A plain multiplier joins the product; an averaged one over a
        // straddled edge (a quotient) multiplies the exact result.
        let (tier_factor, tier_ratio) = match tier {
            Some(t) if t.is_whole() => (Some(t.num), None),
            Some(t) => (None, Some(t)),
            None => (None, None),
        };
        let mut exact = Decimal::ZERO;
        let mut basis_total = Decimal::ZERO;
        let deal_amount = if c.rate_table.is_some() {
            d.revenue()
        } else {
            Decimal::ZERO
        };
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
            let picked = c
                .rate_table
                .as_ref()
                .map(|t| t.pick(deal_amount, line.amount, line.cost));
            // Below a rate table's first band: no rate, the line earns 0.
            let line_rate = match (rate, picked) {
                (Some(r), _) => r,
                (None, Some(p)) => p.rate.unwrap_or(Decimal::ZERO),
                (None, None) => Decimal::ZERO,
            };
            let mut x = mul(mul(share.num, basis), line_rate);
            x = times(x, product);
            x = times(x, discount.map(|d| d.0));
            x = times(x, tier_factor);
            x = times(x, mod_product);
            exact = add(exact, x);
            if let Some(f) = each.as_mut() {
                f(line, basis, product, discount, picked);
            }
        }
        let mut exact = Ratio::new(exact, share.den);
        if let Some(t) = tier_ratio {
            exact = exact.times_ratio(t);
        }
        Some(DealCommission {
            rate,
            share,
            tier,
            exact,
            basis_total,
        })
    }

    /// The commission's tiers against this participant's quota; None
    /// without tiers or quota (tier multiplier 1).
    pub(super) fn tier_edges<'c>(&self, c: &'c Commission) -> Option<TierEdges<'c>> {
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

    pub(super) fn spif(&self, s: &Spif) -> ComponentStatement {
        let mods = self.modifiers_for(&s.name);
        let mod_product = Self::modifier_product(&mods);
        let fractions = s.payout.fractions();
        let mut lines = self.lines();
        for (i, d) in self.deals.iter().enumerate().skip(self.from) {
            let Some((share, exact)) = self.spif_deal(s, mod_product, i) else {
                continue;
            };
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
                member: None,
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

    /// Deal `i`'s spif worked out, the one computation of its line and of
    /// its terms: (share, exact earnings), None when it has no line.
    pub(super) fn spif_deal(
        &self,
        s: &Spif,
        mod_product: Option<Decimal>,
        i: usize,
    ) -> Option<(Ratio, Ratio)> {
        if !deal_passes(&s.deals, self.deals[i]) {
            return None;
        }
        let share = self.share(s.credit, s.attribution.as_ref(), i);
        if share.is_zero() || share.is_negative() {
            return None;
        }
        let exact = Ratio::new(times(mul(s.amount, share.num), mod_product), share.den);
        Some((share, exact))
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
                    member: None,
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

    pub(super) fn bonus(&self, b: &Bonus) -> ComponentStatement {
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
            let pipeline = match &b.measure {
                Measure::Metric { metric } => self.pipeline_measure(metric),
                _ => None,
            };
            let at = match (&b.measure, measured, pipeline) {
                (_, _, Some((view, m))) => view.words(self.person, m),
                (_, None, _) => "no measure".to_string(),
                (Measure::Named(NamedMeasure::Company), Some(r), _) => {
                    format!("company attainment {}", plain(r.value()))
                }
                (Measure::Named(NamedMeasure::Quota), Some(r), _) => {
                    format!("quota attainment {}", plain(r.value()))
                }
                (Measure::Named(NamedMeasure::TeamAtTarget), Some(_), _) => self.at_target_words(),
                (Measure::Metric { metric }, Some(r), _) => {
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
            member: None,
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
pub(crate) fn discount_band(c: &Commission, line: &Line) -> Option<(Decimal, Decimal, Decimal)> {
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
