//! Step tables and curves: tier bands, modifier bands, bonus curves.
//!
//! A measure is kept as an exact pair (numerator, denominator) — quota
//! credit and quota, company revenue and target, or a metric over 1 — so
//! every band decision compares `from × denominator` with the numerator
//! exactly, without a rounded quotient deciding which band applies.

use crate::decimal::checked::{add, mul, sub};
use crate::model::names::TierMode;
use crate::model::plan::{Band, CurvePoint, Tiers};
use rust_decimal::Decimal;

pub use crate::decimal::exact::Ratio;

/// The band covering `r`: the last whose `from` it reaches (the first band
/// when it reaches none).
pub fn band_at(bands: &[Band], r: Ratio) -> &Band {
    let i = bands.iter().rposition(|b| r.reaches(b.from)).unwrap_or(0);
    &bands[i]
}

/// Marginal tiers: the multiplier of a deal that moves quota credit from
/// `a` to `b` (quota `quota`), each slice of [a, b] paid at its own band's
/// multiplier, averaged over the slice: kept as the exact quotient
/// (Σ slice × multiplier) / (b − a), so a line computed from it rounds as
/// the exact value would. A deal that adds no credit takes the band at `a`.
pub fn marginal(bands: &[Band], a: Decimal, b: Decimal, quota: Decimal) -> Ratio {
    if b <= a {
        return Ratio::of(band_at(bands, Ratio::new(a, quota)).multiplier);
    }
    let mut paid = Decimal::ZERO;
    for (i, band) in bands.iter().enumerate() {
        let lo = mul(band.from, quota).max(a);
        let hi = match bands.get(i + 1) {
            Some(next) => mul(next.from, quota).min(b),
            None => b,
        };
        if hi > lo {
            paid = add(paid, mul(sub(hi, lo), band.multiplier));
        }
    }
    Ratio::new(paid, sub(b, a)).reduced()
}

/// A commission's tier bands against one quota, with each band's edge in
/// quota credit (`from × quota`) worked out once per statement.
pub struct TierEdges<'t> {
    mode: TierMode,
    bands: &'t [Band],
    edges: Vec<Decimal>,
    quota: Decimal,
}

impl<'t> TierEdges<'t> {
    pub fn new(tiers: &'t Tiers, quota: Decimal) -> TierEdges<'t> {
        TierEdges {
            mode: tiers.mode,
            bands: &tiers.bands,
            edges: tiers.bands.iter().map(|b| mul(b.from, quota)).collect(),
            quota,
        }
    }

    /// The tier multiplier of deal `i`, given the cumulative quota credit
    /// before each deal (`cumulative[i]`) and, last, the total: a band's
    /// multiplier, or for a deal straddling marginal edges the exact
    /// average over its slice.
    pub fn multiplier(&self, cumulative: &[Decimal], i: usize) -> Ratio {
        match self.mode {
            TierMode::Retroactive => {
                let total = cumulative.last().copied().unwrap_or_default();
                Ratio::of(band_at(self.bands, Ratio::new(total, self.quota)).multiplier)
            }
            TierMode::Marginal => {
                let (a, b) = (cumulative[i], cumulative[i + 1]);
                // A deal inside one band takes that band's multiplier; only
                // a deal that straddles an edge needs the weighted average.
                if let Some(k) = self.edges.iter().rposition(|e| a >= *e) {
                    if self.edges.get(k + 1).is_none_or(|next| b <= *next) {
                        return Ratio::of(self.bands[k].multiplier);
                    }
                }
                marginal(self.bands, a, b, self.quota)
            }
        }
    }
}

/// Bonus curve: payout fraction of target at `r`, as an exact quotient. 0
/// below the first point, linear between points, past the last point the
/// last segment's slope (uncapped) unless `max` is given; a single point is
/// a step. Never below 0.
pub fn curve(points: &[CurvePoint], r: Ratio, max: Option<Decimal>) -> Ratio {
    let Some(first) = points.first() else {
        return Ratio::of(Decimal::ZERO);
    };
    if !r.reaches(first.at) {
        return Ratio::of(Decimal::ZERO);
    }
    let i = points.iter().rposition(|p| r.reaches(p.at)).unwrap_or(0);
    // The segment to interpolate on: [i, i+1], or past the end the last one.
    let seg = if i + 1 < points.len() {
        Some((&points[i], &points[i + 1]))
    } else if points.len() >= 2 {
        Some((&points[points.len() - 2], &points[points.len() - 1]))
    } else {
        None
    };
    let fraction = match seg {
        None => Ratio::of(first.payout),
        Some((p, q)) => {
            // (p.payout × run + (num − p.at·den) × (q.payout − p.payout)) / run,
            // run = (q.at − p.at) × den
            let run = mul(q.at - p.at, r.den);
            let rise = mul(sub(r.num, mul(p.at, r.den)), q.payout - p.payout);
            Ratio::new(rise, run).reduced().plus(p.payout)
        }
    };
    let fraction = if fraction.is_negative() {
        Ratio::of(Decimal::ZERO)
    } else {
        fraction
    };
    match max {
        Some(m) => fraction.min_with(m),
        None => fraction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn bands(spec: &[(&str, &str)]) -> Vec<Band> {
        spec.iter()
            .map(|(f, m)| Band {
                from: d(f),
                multiplier: d(m),
            })
            .collect()
    }

    fn points(spec: &[(&str, &str)]) -> Vec<CurvePoint> {
        spec.iter()
            .map(|(a, p)| CurvePoint {
                at: d(a),
                payout: d(p),
            })
            .collect()
    }

    #[test]
    fn band_edges_belong_to_the_upper_band() {
        let b = bands(&[("0", "0"), ("0.5", "1"), ("1.0", "1.5")]);
        // 100,000 of 200,000 is exactly 0.5: the ×1 band, not the threshold.
        assert_eq!(
            band_at(&b, Ratio::new(d("100000"), d("200000"))).multiplier,
            d("1")
        );
        assert_eq!(
            band_at(&b, Ratio::new(d("99999.99"), d("200000"))).multiplier,
            d("0")
        );
        assert_eq!(band_at(&b, Ratio::new(d("1"), d("3"))).multiplier, d("0"));
        // 1/3 of a quota of 3 is exactly 1/3 even though 1/3 has no exact decimal.
        let third = bands(&[("0", "0"), ("0.3333333333", "2")]);
        assert_eq!(
            band_at(&third, Ratio::new(d("1"), d("3"))).multiplier,
            d("2")
        );
    }

    #[test]
    fn marginal_deal_straddling_bands() {
        let b = bands(&[("0", "0"), ("0.5", "1"), ("1.0", "1.5"), ("1.5", "2")]);
        let q = d("200000");
        // 60,000 → 140,000 (0.3 → 0.7): 40,000 at ×0 and 40,000 at ×1 → ×0.5
        assert_eq!(marginal(&b, d("60000"), d("140000"), q).value(), d("0.5"));
        // 140,000 → 240,000 (0.7 → 1.2): 60,000 at ×1, 40,000 at ×1.5 → 120,000 / 100,000 = ×1.2
        assert_eq!(marginal(&b, d("140000"), d("240000"), q).value(), d("1.2"));
        // past the last band: uncapped ×2 all the way
        assert_eq!(marginal(&b, d("300000"), d("900000"), q).value(), d("2"));
        // a deal that adds nothing takes the band at a (exactly on an edge: the upper band)
        assert_eq!(marginal(&b, d("100000"), d("100000"), q).value(), d("1"));
    }

    #[test]
    fn tier_edges_give_what_marginal_gives() {
        let tiers = Tiers {
            mode: TierMode::Marginal,
            bands: bands(&[("0.3", "1"), ("1.0", "1.5"), ("1.5", "2")]),
        };
        let q = d("200000");
        let t = TierEdges::new(&tiers, q);
        // below the first band, inside one, on an edge, straddling, beyond the last, no credit
        for (a, b) in [
            ("0", "50000"),
            ("70000", "150000"),
            ("60000", "60000"),
            ("150000", "250000"),
            ("40000", "90000"),
            ("310000", "900000"),
            ("200000", "200000"),
            ("0", "0"),
        ] {
            let cumulative = [d(a), d(b)];
            assert!(
                t.multiplier(&cumulative, 0)
                    .same(&marginal(&tiers.bands, d(a), d(b), q)),
                "{a} → {b}"
            );
        }
    }

    #[test]
    fn curve_interpolates_and_extrapolates() {
        let c = points(&[("0.8", "0.5"), ("1.0", "1.0"), ("1.2", "1.5")]);
        let t = d("4000000");
        // 1.1 is halfway from (1.0, 1.0) to (1.2, 1.5) → 1.25
        assert_eq!(
            curve(&c, Ratio::new(d("4400000"), t), None).value(),
            d("1.25")
        );
        assert_eq!(curve(&c, Ratio::new(d("3199999"), t), None).value(), d("0"));
        assert_eq!(
            curve(&c, Ratio::new(d("3200000"), t), None).value(),
            d("0.5")
        );
        // 1.4: past the end, slope 2.5 per unit → 1.5 + 0.2 × 2.5 = 2.0; capped at 1.8 with max_payout
        assert_eq!(curve(&c, Ratio::new(d("5600000"), t), None).value(), d("2"));
        assert_eq!(
            curve(&c, Ratio::new(d("5600000"), t), Some(d("1.8"))).value(),
            d("1.8")
        );
        // one point is a step
        let step = points(&[("1", "1")]);
        assert_eq!(curve(&step, Ratio::of(d("0.99")), None).value(), d("0"));
        assert_eq!(curve(&step, Ratio::of(d("3")), None).value(), d("1"));
        // never below 0 on a falling curve
        let falling = points(&[("0", "1"), ("1", "0")]);
        assert_eq!(curve(&falling, Ratio::of(d("2")), None).value(), d("0"));
    }
}
