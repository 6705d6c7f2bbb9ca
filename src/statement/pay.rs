//! Total pay on a statement: the fixed amounts, the draw, the adjustments
//! and their sum with variable pay. Present only when the participant's
//! role has a `fixed` or `draw` component or they have adjustments, so a
//! version-1 statement is unchanged.

use rust_decimal::Decimal;
use serde::Serialize;

/// Everything besides variable pay, and the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pay {
    /// The role's fixed components, prorated for the days employed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<PayPart>,
    /// What the draw adds to variable pay (an advance), or takes from it
    /// (repaying the balance owed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draw: Option<PayPart>,
    /// Payroll's corrections, a line each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustments: Option<PayPart>,
    /// The fixed amounts' sum.
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub fixed_pay: Decimal,
    /// The variable components' payable (before the draw and adjustments).
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub variable_pay: Decimal,
    /// fixed_pay + payable, where payable = variable_pay + the draw + the
    /// adjustments.
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub total_pay: Decimal,
    /// A recoverable draw's balance owed at the end of the period, carried
    /// into the next.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::decimal::serialize_option"
    )]
    pub balance_owed: Option<Decimal>,
}

/// A fixed component, the draw, or the adjustments: an amount and the
/// lines that make it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayPart {
    pub name: String,
    /// "fixed", "draw" or "adjustments".
    pub kind: &'static str,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub amount: Decimal,
    pub lines: Vec<PayLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayLine {
    /// "fixed", "draw", "balance_owed" (the balance after the draw line:
    /// not added to the part's amount) or "adjustment".
    pub kind: &'static str,
    /// The adjustment's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The adjustment's reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The deal an adjustment concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deal: Option<String>,
    /// The pay period (in a plan year's statement).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub amount: Decimal,
    /// A sentence a rep can check with a calculator.
    pub explain: String,
}
