//! The sentences on statement lines: every factor named, in the order it is
//! multiplied, so a rep can redo the line with a calculator.

use crate::decimal::{grouped, percent, plain};
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
}

/// One deal line's term: `(40,000.00 − 10,000.00 cost) suite-bundle × 1.25 × 0.8 for 12% discount`.
pub fn line_term(
    m: Money,
    basis: Basis,
    line: &Line,
    product_multiplier: Option<Decimal>,
    discount: Option<(Decimal, Decimal)>,
) -> String {
    let mut s = match (basis, line.cost) {
        (Basis::Margin, Some(cost)) => format!("({} − {} cost)", m.fmt(line.amount), m.fmt(cost)),
        _ => m.fmt(line.amount),
    };
    if let Some(p) = &line.product {
        s.push(' ');
        s.push_str(p);
    }
    if let Some(pm) = product_multiplier {
        s.push_str(&format!(" × {}", plain(pm)));
    }
    if let Some((multiplier, discount)) = discount {
        s.push_str(&format!(
            " × {} for {} discount",
            plain(multiplier),
            percent(discount)
        ));
    }
    s
}

/// The deal's lines joined: one term alone, or `(a + b)`.
pub fn lines_sum(terms: &[String]) -> String {
    match terms {
        [one] => one.clone(),
        many => format!("({})", many.join(" + ")),
    }
}

pub fn rate(rate: Decimal, t: DealType) -> String {
    format!(" × {} {} rate", percent(rate), t.as_str())
}

/// ` × 1.1 Company goal multiplier × 0.9 Lead follow-up`
pub fn modifiers(applied: &[(&str, Decimal)]) -> String {
    applied
        .iter()
        .map(|(name, m)| format!(" × {} {name}", plain(*m)))
        .collect()
}

/// `; 50% payable at booked = 3,000.00`
pub fn payable(m: Money, fraction: Decimal, stage: Stage, payable: Decimal) -> String {
    format!(
        "; {} payable at {} = {}",
        percent(fraction),
        stage.as_str(),
        m.fmt(payable)
    )
}

/// The result, with the floor at 0 said out loud when it bites.
pub fn result(m: Money, exact: Decimal, earned: Decimal) -> String {
    if exact < Decimal::ZERO {
        format!(
            " = {}; a deal never earns below 0, so {}",
            m.fmt(exact),
            m.fmt(earned)
        )
    } else {
        format!(" = {}", m.fmt(earned))
    }
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
