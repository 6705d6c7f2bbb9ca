//! Statements of one pay period (plans with `pay_periods`): what the period
//! earned, released as payable and paid, and the year to date beside it.
//! Version-1 statements ([`super::Statement`]) are unchanged.

use crate::date::Date;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodStatement {
    pub participant: String,
    pub role: String,
    pub currency: String,
    /// The pay period's id (`2027-03`, `2027-Q1`).
    pub period: String,
    pub start: Date,
    pub end: Date,
    /// Quota to date (the schedule's, or pro rata by calendar days).
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub quota: Option<Decimal>,
    /// Quota credit of the deals counted to the end of the period.
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub quota_credit: Decimal,
    /// Attainment to date: quota credit to date / quota to date.
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub attainment: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub company_attainment: Option<Decimal>,
    pub components: Vec<PeriodComponent>,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub paid: Decimal,
    /// payable − paid of this period.
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub due: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned_to_date: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable_to_date: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub paid_to_date: Decimal,
    /// Carried into the next period: the previous balance + due
    /// (= payable to date − paid to date).
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub balance: Decimal,
    /// Total pay of the pay period (roles with fixed or draw components,
    /// or adjustments).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub pay: Option<super::pay::Pay>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodComponent {
    pub name: String,
    pub kind: &'static str,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable: Decimal,
    pub lines: Vec<PeriodLine>,
}

/// What a line of a period statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A deal closed in this period: its earnings (and what of them is
    /// payable now).
    Deal,
    /// A deal closed earlier: the part that becomes payable in this period
    /// (a stage reached, an instalment due).
    Release,
    /// The component recomputed on the span's final attainment.
    TrueUp,
    /// A cancelled deal: what is taken back (and what is forfeited).
    Clawback,
    Bonus,
    /// A cap that bites (plans without pay periods).
    Cap,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodLine {
    pub kind: LineKind,
    pub deal: Option<String>,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub credit: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable: Decimal,
    pub explain: String,
}

impl PeriodStatement {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}
