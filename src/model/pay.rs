//! Total pay: what a person is paid besides variable pay. A role's `fixed`
//! components (base salary, an allowance) and its `draw`, and the
//! activity's adjustments. Every field here is an extension of version 1:
//! a document without them keeps its version-1 meaning and output.

use crate::date::Date;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// What a fixed amount is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FixedPer {
    /// A calendar year: a pay period of whole calendar months gets
    /// months ÷ 12 of it, any other its days ÷ the days of its year.
    Year,
    /// The plan period, shared out by months (whole calendar months) or
    /// else by days.
    PlanPeriod,
    /// Each pay period (the plan period when it has none).
    PayPeriod,
}

/// A fixed amount (base salary, a car allowance), prorated by calendar
/// days for a participant's `start_date` / `end_date`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fixed {
    pub name: String,
    /// Money, not negative.
    pub amount: Decimal,
    pub per: FixedPer,
}

/// A draw: a floor under variable pay in each pay period.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Draw {
    pub name: String,
    /// Money per pay period, above 0.
    pub amount: Decimal,
    /// true: what the draw advances is owed back from later variable pay;
    /// false: it is forgiven.
    pub recoverable: bool,
    /// Names of the role's variable components it covers (default: all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Vec<String>>,
    /// Paid in the pay periods that start on or before this date; a
    /// balance owed is still recovered after it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// A role's components that are not variable pay.
#[derive(Debug, Clone, Serialize)]
pub enum PayComponent {
    Fixed(Fixed),
    Draw(Draw),
}

impl PayComponent {
    pub fn name(&self) -> &str {
        match self {
            PayComponent::Fixed(f) => &f.name,
            PayComponent::Draw(d) => &d.name,
        }
    }
}

/// A discretionary bonus pool: funded by company attainment along a
/// curve (as a bonus's target is) and shared out by the activity's
/// allocations; variable pay, paid as allocated (no modifier applies).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discretionary {
    /// Unique among the plan's discretionary components (allocations name
    /// it).
    pub name: String,
    /// The pool at a payout of 100% (money).
    pub pool: Decimal,
    /// What funds it: "company" (company attainment, the default).
    #[serde(default = "company")]
    pub measure: super::plan::Measure,
    /// Points ascending by `at`: the payout fraction of `pool`.
    pub curve: Vec<super::plan::CurvePoint>,
    /// A maximum payout fraction (uncapped when absent).
    pub max_payout: Option<Decimal>,
}

fn company() -> super::plan::Measure {
    super::plan::Measure::Named(super::names::NamedMeasure::Company)
}

/// A manager's decision: a participant's part of a discretionary pool, a
/// share of the funded pool or an amount.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    pub participant: String,
    /// A discretionary component of the participant's role.
    pub component: String,
    /// A fraction of the funded pool, 0–1 (or give `amount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Decimal>,
    /// Money (or give `share`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
}

/// An allocation of a pool to somebody outside this activity, without
/// saying who (one viewer's cut carries colleagues' allocations so; or
/// allocations kept elsewhere): a share of the funded pool or an amount.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocatedElsewhere {
    pub component: String,
    /// A fraction of the funded pool, 0–1 (or give `amount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Decimal>,
    /// Money (or give `share`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
}

/// A correction payroll makes: its own line in the statement's
/// "Adjustments", adding to payable and due.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    /// Unique among the adjustments.
    pub id: String,
    pub participant: String,
    /// Money; negative takes pay back.
    pub amount: Decimal,
    /// Said in the line's sentence.
    pub reason: String,
    /// The pay period it falls in (absent: the last one, as a payment
    /// without a date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// A deal of the activity it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deal: Option<String>,
}
