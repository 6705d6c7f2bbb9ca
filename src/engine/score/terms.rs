//! A deal line's terms, for a sentence in people's words: the share, the
//! amount it is paid on, the rate, the product and discount multipliers,
//! the tier with the attainment before and after, the modifiers, what it
//! earned, and what of it is payable at which stage.
//!
//! A commission's figures are worked out by the statement's own
//! `commission_deal` and `spif_deal` (with the same modifier and rounding
//! calls); tests/core/words.rs and properties.rs hold every line of every
//! fixture and of random plans to the statement's earned and payable.

use super::components::Discount;
use super::Scoring;
use crate::decimal::serialize;
use crate::model::activity::Line;
use crate::model::names::{CreditKind, TierMode};
use crate::model::plan::{Attribution, Component};
use crate::tiers::Ratio;
use rust_decimal::Decimal;
use serde::Serialize;

/// What one deal's line of one commission or spif is made of.
#[derive(Debug, Clone, Serialize)]
pub struct LineTerms {
    pub component: String,
    pub kind: &'static str,
    pub deal: String,
    /// The participant's share of the deal (owner split or attribution).
    #[serde(serialize_with = "serialize")]
    pub share: Decimal,
    /// `owner` or `attribution`, and the attribution model's name.
    pub credit: &'static str,
    pub model: Option<&'static str>,
    /// A commission: `revenue` or `margin`, the lines' total it is paid on
    /// (before the share), and the rate for the deal's type.
    pub basis: Option<&'static str>,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub amount: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub rate: Option<Decimal>,
    pub deal_type: &'static str,
    /// A spif: the amount per deal.
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub per_deal: Option<Decimal>,
    /// A commission: each of the deal's lines it pays on, with what it is
    /// paid on and the product and discount multipliers it takes (their
    /// sum is `amount`).
    pub lines: Vec<LineTerm>,
    pub tier: Option<TierTerm>,
    pub modifiers: Vec<Factor>,
    /// Whether the deal's exact earnings were below 0 (it earns 0).
    pub floored: bool,
    #[serde(serialize_with = "serialize")]
    pub earned: Decimal,
    /// The payout fraction reached at the deal's stage, and what it makes
    /// payable.
    pub stage: &'static str,
    #[serde(serialize_with = "serialize")]
    pub fraction: Decimal,
    #[serde(serialize_with = "serialize")]
    pub payable: Decimal,
}

/// One line of a deal as a commission pays it.
#[derive(Debug, Clone, Serialize)]
pub struct LineTerm {
    pub product: Option<String>,
    /// The line's amount, or its margin (amount − cost).
    #[serde(serialize_with = "serialize")]
    pub basis: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub product_multiplier: Option<Decimal>,
    /// 1 − amount / list price (12 places), when a discount band applies.
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub discount: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub discount_multiplier: Option<Decimal>,
    /// A rate table's rate for this line (absent otherwise).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::decimal::serialize_option"
    )]
    pub rate: Option<Decimal>,
    /// The line's margin ÷ amount, when a rate table reads it (12 places).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::decimal::serialize_option"
    )]
    pub margin_percent: Option<Decimal>,
}

/// A named multiplier (a modifier).
#[derive(Debug, Clone, Serialize)]
pub struct Factor {
    pub name: String,
    #[serde(serialize_with = "serialize")]
    pub multiplier: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct TierTerm {
    /// The multiplier the deal earns at (a marginal deal across an edge: the
    /// weighted average, 12 places).
    #[serde(serialize_with = "serialize")]
    pub multiplier: Decimal,
    pub mode: &'static str,
    /// Attainment before and after the deal (retroactive: both the final).
    #[serde(serialize_with = "serialize")]
    pub from: Decimal,
    #[serde(serialize_with = "serialize")]
    pub to: Decimal,
}

impl<'a> Scoring<'a> {
    /// The position of a counted deal among the participant's deals.
    pub(crate) fn deal_index(&self, id: &str) -> Option<usize> {
        self.deals.iter().position(|d| d.id == id)
    }

    /// The terms of deal `i`'s line in component `c`; None when the
    /// component has no line for it (a modifier or bonus, a filter, no
    /// rate, no share).
    pub(crate) fn line_terms(&self, c: &Component, i: usize) -> Option<LineTerms> {
        match c {
            Component::Commission(x) => self.commission_terms(x, i),
            Component::Spif(x) => self.spif_terms(x, i),
            _ => None,
        }
    }

    fn credit_of(
        kind: CreditKind,
        a: Option<&Attribution>,
    ) -> (&'static str, Option<&'static str>) {
        match (kind, a) {
            (CreditKind::Attribution, Some(a)) => ("attribution", Some(a.model.as_str())),
            _ => ("owner", None),
        }
    }

    fn commission_terms(&self, c: &crate::model::plan::Commission, i: usize) -> Option<LineTerms> {
        let d = self.deals[i];
        let mods = self.modifiers_for(&c.name);
        let tiers = self.tier_edges(c);
        let mut lines = Vec::new();
        let mut each = |line: &Line,
                        basis,
                        product: Option<Decimal>,
                        discount: Discount,
                        picked: Option<crate::model::rate_table::Picked>| {
            lines.push(LineTerm {
                product: line.product.clone(),
                basis,
                product_multiplier: product,
                discount: discount.map(|(_, off, list)| Ratio::new(off, list).ratio()),
                discount_multiplier: discount.map(|(m, _, _)| m),
                rate: picked.map(|p| p.rate.unwrap_or(Decimal::ZERO)),
                margin_percent: picked.and_then(|p| p.margin).map(|(m, a, _)| {
                    if a.is_zero() {
                        Decimal::ZERO
                    } else {
                        Ratio::new(m, a).ratio()
                    }
                }),
            });
        };
        let worked = self.commission_deal(
            c,
            tiers.as_ref(),
            Self::modifier_product(&mods),
            i,
            Some(&mut each),
        )?;
        let floored = worked.exact.is_negative();
        let kept = if floored {
            Ratio::of(Decimal::ZERO)
        } else {
            worked.exact
        };
        let fraction = c.payout.fractions()[d.stage as usize];
        let (credit, model) = Self::credit_of(c.credit, c.attribution.as_ref());
        Some(LineTerms {
            component: c.name.clone(),
            kind: "commission",
            deal: d.id.clone(),
            share: worked.share.value(),
            credit,
            model,
            basis: Some(c.basis.as_str()),
            amount: Some(worked.basis_total),
            rate: worked.rate,
            deal_type: d.deal_type.as_str(),
            per_deal: None,
            lines,
            tier: worked
                .tier
                .zip(self.tier_span(c, i))
                .map(|(t, (from, to))| TierTerm {
                    multiplier: t.value(),
                    mode: c.tiers.as_ref().map_or("marginal", |x| x.mode.as_str()),
                    from,
                    to,
                }),
            modifiers: factors(&mods),
            floored,
            earned: self.round_exact(kept),
            stage: d.stage.as_str(),
            fraction,
            payable: self.payable(kept, fraction),
        })
    }

    /// Attainment before and after deal `i` (retroactive tiers: the final,
    /// both), as the tier clause of the sentence reads them.
    fn tier_span(
        &self,
        c: &crate::model::plan::Commission,
        i: usize,
    ) -> Option<(Decimal, Decimal)> {
        let (Some(tiers), Some(q)) = (&c.tiers, self.quota_in_units()) else {
            return None;
        };
        let at = |k: usize| Ratio::new(self.cumulative[k], q).ratio();
        Some(match tiers.mode {
            TierMode::Retroactive => {
                let last = at(self.cumulative.len() - 1);
                (last, last)
            }
            TierMode::Marginal => (at(i), at(i + 1)),
        })
    }

    fn spif_terms(&self, s: &crate::model::plan::Spif, i: usize) -> Option<LineTerms> {
        let d = self.deals[i];
        let mods = self.modifiers_for(&s.name);
        let (share, exact) = self.spif_deal(s, Self::modifier_product(&mods), i)?;
        let fraction = s.payout.fractions()[d.stage as usize];
        let (credit, model) = Self::credit_of(s.credit, s.attribution.as_ref());
        Some(LineTerms {
            component: s.name.clone(),
            kind: "spif",
            deal: d.id.clone(),
            share: share.value(),
            credit,
            model,
            basis: None,
            amount: None,
            rate: None,
            deal_type: d.deal_type.as_str(),
            per_deal: Some(s.amount),
            lines: Vec::new(),
            tier: None,
            modifiers: factors(&mods),
            floored: false,
            earned: self.round_exact(exact),
            stage: d.stage.as_str(),
            fraction,
            payable: self.payable(exact, fraction),
        })
    }
}

fn factors(mods: &[(&str, Decimal)]) -> Vec<Factor> {
    mods.iter()
        .map(|(name, m)| Factor {
            name: name.to_string(),
            multiplier: *m,
        })
        .collect()
}
