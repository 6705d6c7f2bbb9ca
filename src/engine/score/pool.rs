//! A discretionary pool on a statement: the pool funded at the company's
//! attainment along its curve (round(pool × payout)), and the
//! participant's allocation, a share of the funded pool (rounded down) or
//! an amount. No
//! allocation: "decided by your manager: up to" what is left. A live change
//! that shrinks the pool below what is allocated scales every allocation
//! down to fit, rounding down, so a pool never pays more than it holds.

use super::*;
use crate::decimal::{percent, plain};
use crate::model::pay::{AllocatedElsewhere, Allocation, Discretionary};
use crate::statement::StatementLine;
use crate::tiers::curve;
use rust_decimal::RoundingStrategy;

/// The activity's allocations and what pools allocated elsewhere.
#[derive(Clone, Copy, Default)]
pub struct Allocations<'a> {
    pub list: &'a [Allocation],
    pub elsewhere: &'a [AllocatedElsewhere],
}

/// A pool's funded amount and its payout fraction at the measure.
pub fn funded(
    x: &Discretionary,
    measured: Option<Ratio>,
    scale: u32,
    rounding: Rounding,
) -> (Decimal, Ratio) {
    let payout = measured
        .map(|r| curve(&x.curve, r, x.max_payout))
        .unwrap_or(Ratio::of(Decimal::ZERO));
    let exact = payout.times(x.pool);
    (round_money(exact.value(), scale, rounding), payout)
}

/// What one allocation gives before any scaling: its share of the funded
/// pool, rounded down (shares adding up to 1 never pay more than the
/// pool), or its amount. (`_rounding`: the plan's, which a share does not
/// use.)
pub fn allocation_value(
    a: &Allocation,
    funded: Decimal,
    scale: u32,
    _rounding: Rounding,
) -> Decimal {
    part_of(a.share, a.amount, funded, scale)
}

/// A share of `funded` rounded down, or an amount.
fn part_of(
    share: Option<Decimal>,
    amount: Option<Decimal>,
    funded: Decimal,
    scale: u32,
) -> Decimal {
    match (share, amount) {
        (Some(s), _) => {
            let mut v =
                checked::mul(s, funded).round_dp_with_strategy(scale, RoundingStrategy::ToZero);
            v.rescale(scale);
            v
        }
        (None, Some(x)) => x,
        (None, None) => Decimal::ZERO,
    }
}

impl Allocations<'_> {
    /// Everything pool `name` has allocated: its allocations here and
    /// elsewhere.
    pub fn total(&self, name: &str, funded: Decimal, scale: u32, rounding: Rounding) -> Decimal {
        let here = self
            .list
            .iter()
            .filter(|a| a.component == name)
            .map(|a| allocation_value(a, funded, scale, rounding));
        let away = self
            .elsewhere
            .iter()
            .filter(|e| e.component == name)
            .map(|e| part_of(e.share, e.amount, funded, scale));
        checked::sum(here.chain(away))
    }
}

impl Scoring<'_> {
    pub(super) fn discretionary(&self, x: &Discretionary) -> ComponentStatement {
        let measured = self.measure(&x.measure);
        let (funded, payout) = funded(x, measured, self.scale, self.rounding);
        let own = self
            .allocations
            .list
            .iter()
            .find(|a| a.component == x.name && a.participant == self.person.id);
        let total = self
            .allocations
            .total(&x.name, funded, self.scale, self.rounding);
        let value = own.map(|a| allocation_value(a, funded, self.scale, self.rounding));
        let over = total > funded;
        let earned = match value {
            None => Decimal::ZERO,
            Some(v) if !over => v,
            Some(v) => checked::div(checked::mul(v, funded), total)
                .round_dp_with_strategy(self.scale, RoundingStrategy::ToZero),
        };
        let mut earned = earned;
        earned.rescale(self.scale);
        let explain = if self.detail == Detail::Totals {
            String::new()
        } else {
            let m = self.money;
            let at = measured.map_or_else(
                || "no measure".to_string(),
                |r| format!("company attainment {}", plain(r.value())),
            );
            let mut out = format!(
                "{} pool × {} payout at {at} = {} funded",
                m.fmt(x.pool),
                percent(payout.value()),
                m.fmt(funded)
            );
            match (own, value) {
                (Some(a), Some(v)) => {
                    match a.share {
                        Some(s) => {
                            out.push_str(&format!("; your share {} = {}", percent(s), m.fmt(v)))
                        }
                        None => out.push_str(&format!("; allocated to you: {}", m.fmt(v))),
                    }
                    if over {
                        out.push_str(&format!(
                            "; {} is allocated, more than the pool, so every allocation is cut to fit: {} × {} ÷ {}, rounded down = {}",
                            m.fmt(total),
                            m.fmt(v),
                            m.fmt(funded),
                            m.fmt(total),
                            m.fmt(earned)
                        ));
                    }
                }
                _ => {
                    let left = (funded - total).max(Decimal::ZERO);
                    out.push_str(&format!("; decided by your manager: up to {}", m.fmt(left)));
                    if !total.is_zero() {
                        out.push_str(&format!(" ({} of it allocated already)", m.fmt(total)));
                    }
                }
            }
            out
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
        lines.component(&x.name, "discretionary", self.scale)
    }
}
