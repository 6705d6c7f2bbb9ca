//! A commission's rate table: the rate picked by the deal line's margin
//! percentage (margin ÷ amount), by the deal's amount, or by a grid of
//! both. An extension of version 1: a commission without `rate_table`
//! keeps its `rate` / `rates`.

use crate::decimal::checked::{mul, sub};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// Bands of one or two keys and the rate of each band (or cell).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateTable {
    /// Band starts of the deal's amount (all its lines), strictly
    /// ascending; a band runs from its start (included) to the next.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Vec<Decimal>>,
    /// Band starts of the line's margin percentage, (amount − cost) ÷
    /// amount as a fraction ("0.25" is 25%), strictly ascending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_percent: Option<Vec<Decimal>>,
    /// One key: a rate per band. Both: a row per amount band, each a rate
    /// per margin band.
    #[schemars(with = "RatesInput")]
    pub rates: Vec<Vec<Decimal>>,
}

/// How `rates` is written (the schema's view).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum RatesInput {
    Bands(Vec<Decimal>),
    Grid(Vec<Vec<Decimal>>),
}

/// The rate a line gets and why: the bands it fell in (None: below the
/// first band of that key, and no rate).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picked {
    pub rate: Option<Decimal>,
    /// The deal's amount and the start of its band.
    pub amount: Option<(Decimal, Option<Decimal>)>,
    /// The line's margin (amount − cost) and amount, and the start of its
    /// band.
    pub margin: Option<(Decimal, Decimal, Option<Decimal>)>,
}

impl RateTable {
    /// The rate of a line of `amount` and `cost` on a deal of
    /// `deal_amount`. The margin band is decided exactly: margin ÷ amount
    /// ≥ from ⇔ margin ≥ from × amount (amount > 0); a line of amount 0
    /// has margin percentage 0.
    pub fn pick(&self, deal_amount: Decimal, amount: Decimal, cost: Option<Decimal>) -> Picked {
        let row = self
            .amount
            .as_ref()
            .map(|starts| band(starts, |from| deal_amount >= from));
        let margin = sub(amount, cost.unwrap_or(Decimal::ZERO));
        let col = self.margin_percent.as_ref().map(|starts| {
            band(starts, |from| {
                if amount > Decimal::ZERO {
                    margin >= mul(from, amount)
                } else {
                    Decimal::ZERO >= from
                }
            })
        });
        let at = |i: Option<Option<usize>>| match i {
            None => Some(0),
            Some(found) => found,
        };
        let rate = at(row)
            .zip(at(col))
            .and_then(|(r, c)| self.rates.get(r)?.get(c).copied());
        let start = |starts: &Option<Vec<Decimal>>, i: Option<Option<usize>>| {
            i.flatten().and_then(|i| starts.as_ref()?.get(i).copied())
        };
        Picked {
            rate,
            amount: row.map(|_| (deal_amount, start(&self.amount, row))),
            margin: col.map(|_| (margin, amount, start(&self.margin_percent, col))),
        }
    }

    /// The first band start of a key, for "below the table" words.
    pub fn first(&self, margin: bool) -> Option<Decimal> {
        let starts = if margin {
            &self.margin_percent
        } else {
            &self.amount
        };
        starts.as_ref()?.first().copied()
    }
}

/// The index of the last band whose start passes `reached`; None below the
/// first.
fn band(starts: &[Decimal], reached: impl Fn(Decimal) -> bool) -> Option<usize> {
    starts.iter().rposition(|&from| reached(from))
}
