//! The same book of business, bigger or smaller: every deal line scaled
//! by a factor (the earnings curve), from the figures it started with.

use super::{score, Engine};
use rust_decimal::Decimal;

impl Engine {
    /// Every line's (amount, cost, list price), in deal order: the book to
    /// rescale from with [`Engine::rescale_lines`].
    pub fn line_figures(&self) -> Vec<(Decimal, Option<Decimal>, Option<Decimal>)> {
        self.activity
            .deals
            .iter()
            .flat_map(|d| d.lines.iter().map(|l| (l.amount, l.cost, l.list_price)))
            .collect()
    }

    /// Sets every line to `originals` (from [`Engine::line_figures`]) × `factor`,
    /// rounded to the currency scale: the same book of business, bigger or
    /// smaller (the earnings curve). Ids, dates and people are unchanged, so
    /// the indexes stay valid.
    pub fn rescale_lines(
        &mut self,
        originals: &[(Decimal, Option<Decimal>, Option<Decimal>)],
        factor: Decimal,
    ) {
        use crate::decimal::checked::mul;
        let factor = factor.max(Decimal::ZERO);
        let (scale, rounding) = (self.plan.currency_scale, self.plan.rounding());
        let scaled = |x: Decimal| crate::decimal::round_money(mul(x, factor), scale, rounding);
        let mut it = originals.iter();
        let mut counted = Decimal::ZERO;
        for d in &mut self.activity.deals {
            for l in &mut d.lines {
                let Some(&(amount, cost, list)) = it.next() else {
                    return;
                };
                l.amount = scaled(amount);
                l.cost = cost.map(scaled);
                l.list_price = list.map(scaled).filter(|p| *p > Decimal::ZERO);
            }
            if score::counted(&self.plan, d) {
                counted = crate::decimal::checked::add(counted, d.revenue());
            }
        }
        self.counted_revenue = counted;
        if self.activity.leads.is_some() {
            // Sourced and influenced revenue follow the lines.
            self.remeasure();
        }
    }
}
