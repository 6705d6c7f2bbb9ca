//! The lab's figures from two sets of per-person rows (the plan it came
//! with, the edited plan): total payout and cost of sales, payout by role,
//! the distribution of attainment and of pay per role. Exact decimals; the
//! sentences show the arithmetic.

use crate::decimal::percent;
use crate::engine::explain::Money;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// One participant's headline figures under one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub earned: Decimal,
    pub attainment: Option<Decimal>,
}

/// A plan's total: payout (variable pay earned, everyone) and cost of
/// sales (payout ÷ company revenue, to 0.01%, half to even).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Total {
    pub payout: Decimal,
    pub cost_of_sales: Option<Decimal>,
    pub explain: String,
}

impl Total {
    pub fn of(payout: Decimal, revenue: Decimal, scale: u32) -> Total {
        let m = Money(scale);
        let cost = cost_of_sales(payout, revenue);
        let explain = match cost {
            Some(c) => format!(
                "{} payout ÷ {} revenue = {} cost of sales",
                m.fmt(payout),
                m.fmt(revenue),
                percent(c)
            ),
            None => format!(
                "{} payout; no revenue yet, so no cost of sales",
                m.fmt(payout)
            ),
        };
        Total {
            payout,
            cost_of_sales: cost,
            explain,
        }
    }
}

/// payout ÷ revenue to 4 places (0.01%), half to even; None without revenue.
pub fn cost_of_sales(payout: Decimal, revenue: Decimal) -> Option<Decimal> {
    if revenue.is_zero() {
        return None;
    }
    payout
        .checked_div(revenue)
        .map(|r| r.round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven))
}

/// Payout by role under both plans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleTotal {
    pub role: String,
    pub name: String,
    pub people: usize,
    pub base: Decimal,
    pub edited: Decimal,
    pub delta: Decimal,
}

/// How one role's attainment and pay are spread, under both plans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub role: String,
    pub name: String,
    /// The lower edge of each attainment bucket (0, 10%, … 200%): bucket
    /// k holds edges[k] ≤ attainment < edges[k + 1]; the last, 200% and up.
    pub edges: Vec<Decimal>,
    pub base: Vec<usize>,
    pub edited: Vec<usize>,
    /// People of the role without a quota (no attainment).
    pub no_quota: usize,
    pub base_pay: Option<Spread>,
    pub edited_pay: Option<Spread>,
}

/// Five people's pay that split a role: the lowest, the quarter, the
/// middle, three quarters, the highest. Each is one person's actual pay
/// (nearest rank: the ⌈p·n⌉-th lowest), never an interpolation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub min: Decimal,
    pub q1: Decimal,
    pub median: Decimal,
    pub q3: Decimal,
    pub max: Decimal,
}

impl Spread {
    pub fn of(mut pay: Vec<Decimal>) -> Option<Spread> {
        if pay.is_empty() {
            return None;
        }
        pay.sort_unstable();
        let n = pay.len();
        // ⌈p·n⌉ for p = 1/4, 1/2, 3/4, as a 1-based rank.
        let rank = |num: usize| (num * n).div_ceil(4).max(1) - 1;
        Some(Spread {
            min: pay[0],
            q1: pay[rank(1)],
            median: pay[rank(2)],
            q3: pay[rank(3)],
            max: pay[n - 1],
        })
    }
}

/// The attainment buckets' lower edges: 0% to 200% by 10%.
pub fn edges() -> Vec<Decimal> {
    (0..=20).map(|k| Decimal::new(k, 1)).collect()
}

/// The bucket of an attainment among `edges` (the last is open above).
pub fn bucket(edges: &[Decimal], attainment: Decimal) -> usize {
    edges.iter().rposition(|e| attainment >= *e).unwrap_or(0)
}

/// One role's distribution from the rows of its people (base, edited).
pub fn distribution(role: &str, name: &str, rows: &[(&Row, &Row)]) -> Distribution {
    let edges = edges();
    let mut base = vec![0; edges.len()];
    let mut edited = vec![0; edges.len()];
    let mut no_quota = 0;
    for (b, e) in rows {
        match (b.attainment, e.attainment) {
            (Some(x), Some(y)) => {
                base[bucket(&edges, x)] += 1;
                edited[bucket(&edges, y)] += 1;
            }
            _ => no_quota += 1,
        }
    }
    Distribution {
        role: role.to_string(),
        name: name.to_string(),
        base_pay: Spread::of(rows.iter().map(|(b, _)| b.earned).collect()),
        edited_pay: Spread::of(rows.iter().map(|(_, e)| e.earned).collect()),
        edges,
        base,
        edited,
        no_quota,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    macro_rules! dec {
        ($x:literal) => {
            d(stringify!($x))
        };
    }

    #[test]
    fn spread_is_nearest_rank() {
        let s = Spread::of(vec![dec!(5), dec!(1), dec!(4), dec!(2), dec!(3)]).unwrap();
        // n = 5: ranks ⌈1.25⌉ = 2, ⌈2.5⌉ = 3, ⌈3.75⌉ = 4.
        assert_eq!(
            (s.min, s.q1, s.median, s.q3, s.max),
            (dec!(1), dec!(2), dec!(3), dec!(4), dec!(5))
        );
        let one = Spread::of(vec![dec!(7)]).unwrap();
        assert_eq!((one.q1, one.median, one.q3), (dec!(7), dec!(7), dec!(7)));
        assert!(Spread::of(vec![]).is_none());
    }

    #[test]
    fn a_tie_on_an_edge_is_in_the_upper_bucket() {
        let e = edges();
        assert_eq!(bucket(&e, dec!(1.0)), 10);
        assert_eq!(bucket(&e, dec!(0.9999)), 9);
        assert_eq!(bucket(&e, dec!(3.5)), 20);
        assert_eq!(bucket(&e, dec!(-0.2)), 0);
    }

    #[test]
    fn cost_of_sales_rounds_half_to_even_at_a_hundredth_of_a_percent() {
        assert_eq!(cost_of_sales(dec!(1), dec!(8)), Some(dec!(0.1250)));
        assert_eq!(cost_of_sales(dec!(1.25), dec!(10000)), Some(dec!(0.0001))); // 0.000125 → 0.0001 (even)
        assert_eq!(cost_of_sales(dec!(1), dec!(0)), None);
        let t = Total::of(dec!(2500), dec!(100000), 2);
        assert_eq!(
            t.explain,
            "2,500.00 payout ÷ 100,000.00 revenue = 2.5% cost of sales"
        );
    }
}
