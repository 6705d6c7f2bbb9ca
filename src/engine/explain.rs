//! The sentences on statement lines: every factor named, in the order it is
//! multiplied, so a rep can redo the line with a calculator.

use crate::decimal::{grouped, push_grouped, push_percent, push_plain};
use crate::model::activity::Line;
use crate::model::names::{Basis, DealType, Stage};
use rust_decimal::Decimal;

/// Formats money for sentences at the plan's scale: `48,000.00`.
#[derive(Clone, Copy)]
pub struct Money(pub u32);

impl Money {
    pub fn fmt(self, d: Decimal) -> String {
        grouped(d, self.0)
    }

    pub fn push(self, out: &mut String, d: Decimal) {
        push_grouped(out, d, self.0)
    }
}

// The clauses below append to the sentence being written (one buffer per
// line: a statement writes thousands of them).

/// One deal line's term: `(40,000.00 − 10,000.00 cost) suite-bundle × 1.25 × 0.8 for 12% discount`.
pub fn line_term(
    out: &mut String,
    m: Money,
    basis: Basis,
    line: &Line,
    product_multiplier: Option<Decimal>,
    discount: Option<(Decimal, Decimal)>,
) {
    match (basis, line.cost) {
        (Basis::Margin, Some(cost)) => {
            out.push('(');
            m.push(out, line.amount);
            out.push_str(" − ");
            m.push(out, cost);
            out.push_str(" cost)");
        }
        _ => m.push(out, line.amount),
    }
    if let Some(p) = &line.product {
        out.push(' ');
        out.push_str(p);
    }
    if let Some(pm) = product_multiplier {
        out.push_str(" × ");
        push_plain(out, pm);
    }
    if let Some((multiplier, discount)) = discount {
        out.push_str(" × ");
        push_plain(out, multiplier);
        out.push_str(" for ");
        push_percent(out, discount);
        out.push_str(" discount");
    }
}

/// The deal's line terms (`terms`, joined by ` + `): one term alone, or
/// `(a + b)` for `count` > 1.
pub fn lines_sum(out: &mut String, terms: &str, count: usize) {
    if count == 1 {
        out.push_str(terms);
    } else {
        out.push('(');
        out.push_str(terms);
        out.push(')');
    }
}

/// ` × 10% new rate`
pub fn rate(out: &mut String, rate: Decimal, t: DealType) {
    out.push_str(" × ");
    push_percent(out, rate);
    out.push(' ');
    out.push_str(t.as_str());
    out.push_str(" rate");
}

/// ` × 1.1 Company goal multiplier × 0.9 Lead follow-up`
pub fn modifiers(out: &mut String, applied: &[(&str, Decimal)]) {
    for (name, m) in applied {
        out.push_str(" × ");
        push_plain(out, *m);
        out.push(' ');
        out.push_str(name);
    }
}

/// `; 50% payable at booked = 3,000.00`
pub fn payable(out: &mut String, m: Money, fraction: Decimal, stage: Stage, payable: Decimal) {
    out.push_str("; ");
    push_percent(out, fraction);
    out.push_str(" payable at ");
    out.push_str(stage.as_str());
    out.push_str(" = ");
    m.push(out, payable);
}

/// The result, with the floor at 0 said out loud when it bites.
pub fn result(out: &mut String, m: Money, exact: Decimal, earned: Decimal) {
    out.push_str(" = ");
    if exact < Decimal::ZERO {
        m.push(out, exact);
        out.push_str("; a deal never earns below 0, so ");
    }
    m.push(out, earned);
}

/// `Cap 15,000.00: earned 21,000.00 is reduced by 6,000.00; payable 18,000.00 by 3,000.00`
pub fn cap(
    m: Money,
    cap: Decimal,
    earned: Decimal,
    cut_earned: Decimal,
    payable: Decimal,
    cut_payable: Decimal,
) -> String {
    let e = if cut_earned.is_zero() {
        format!("earned {} stays", m.fmt(earned))
    } else {
        format!(
            "earned {} is reduced by {}",
            m.fmt(earned),
            m.fmt(-cut_earned)
        )
    };
    let p = if cut_payable.is_zero() {
        format!("payable {} stays", m.fmt(payable))
    } else {
        format!("payable {} by {}", m.fmt(payable), m.fmt(-cut_payable))
    };
    format!("Cap {}: {e}; {p}", m.fmt(cap))
}

/// A rate table's rate for a line, with the bands that picked it:
/// ` × 5% rate (margin 3,200.00 ÷ 10,000.00 = 32%, the band from 25%)`,
/// ` × 3% rate (deal 60,000.00, the band from 50,000.00; margin … = 32%, the band from 25%)`,
/// or ` × 0% (margin 500.00 ÷ 10,000.00 = 5%, below the first margin band, 10%: no rate)`.
pub fn table_rate(
    out: &mut String,
    m: Money,
    table: &crate::model::rate_table::RateTable,
    p: &crate::model::rate_table::Picked,
) {
    out.push_str(" × ");
    push_percent(out, p.rate.unwrap_or(Decimal::ZERO));
    out.push_str(if p.rate.is_some() { " rate (" } else { " (" });
    let mut below = None;
    if let Some((amount, from)) = p.amount {
        out.push_str("deal ");
        m.push(out, amount);
        match from {
            Some(f) => {
                out.push_str(", the band from ");
                m.push(out, f);
            }
            None => below = table.first(false).map(|f| (false, f)),
        }
    }
    if let Some((margin, amount, from)) = p.margin {
        if p.amount.is_some() {
            out.push_str("; ");
        }
        out.push_str("margin ");
        m.push(out, margin);
        out.push_str(" ÷ ");
        m.push(out, amount);
        out.push_str(" = ");
        let pct = if amount.is_zero() {
            Decimal::ZERO
        } else {
            crate::decimal::checked::div(margin, amount)
        };
        push_percent(out, pct);
        match from {
            Some(f) => {
                out.push_str(", the band from ");
                push_percent(out, f);
            }
            None => below = below.or(table.first(true).map(|f| (true, f))),
        }
    }
    if let Some((margin, f)) = below {
        out.push_str(", below the first ");
        out.push_str(if margin { "margin" } else { "amount" });
        out.push_str(" band, ");
        if margin {
            push_percent(out, f);
        } else {
            m.push(out, f);
        }
        out.push_str(": no rate");
    }
    out.push(')');
}
