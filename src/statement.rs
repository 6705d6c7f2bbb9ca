//! Statements: what one participant earned, why, and what is due.
//!
//! Money fields are already rounded to the currency scale; ratio fields are
//! rounded for output (12 places, no trailing zeros). Both serialize as JSON
//! strings, exactly as `plan-format.md` shows.

pub mod pay;
pub mod period;

use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub participant: String,
    pub role: String,
    pub currency: String,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub quota: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub quota_credit: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub attainment: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub company_attainment: Option<Decimal>,
    pub components: Vec<ComponentStatement>,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub paid: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub due: Decimal,
    pub next_tier: Option<NextTier>,
    /// Total pay (roles with fixed or draw components, or adjustments).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub pay: Option<pay::Pay>,
    /// The pipeline measures the role pays on, each with its sentence and
    /// the leads it counted (activities with a lead ledger).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<Vec<crate::pipeline::measures::MeasureLine>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentStatement {
    pub name: String,
    pub kind: &'static str,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable: Decimal,
    pub lines: Vec<StatementLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementLine {
    /// The deal, or null for a bonus or cap line.
    pub deal: Option<String>,
    /// The participant's share of the basis, or null for a bonus or cap line.
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub credit: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable: Decimal,
    /// A sentence a rep can check with a calculator.
    pub explain: String,
    /// The team member an override line pays on (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
}

/// What the next tier band of the role's first tiered commission takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextTier {
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub attainment: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub quota_credit_needed: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub multiplier: Decimal,
}

impl Statement {
    /// The statement as the JSON value the CLI prints and the package returns.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// The sum of already-rounded money figures, at the currency scale.
pub fn sum_at(items: impl Iterator<Item = Decimal>, scale: u32) -> Decimal {
    let mut total = crate::decimal::checked::sum(items);
    total.rescale(scale);
    total
}
