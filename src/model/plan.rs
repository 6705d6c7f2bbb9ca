//! The plan: the rules a company writes once a period.

use super::names::{
    Basis, CreditKind, DealType, Model, NamedMeasure, RoundingMode, Source, Stage, TierMode,
};
use super::period::{ComponentYear, Instalment, PayPeriod, QuotaShare};
use crate::date::Date;
use crate::decimal::Rounding;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// A compensation plan (`incentive-plan/1`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "incentive-plan/1")]
pub struct Plan {
    /// "incentive-plan/1" when present.
    pub format: Option<String>,
    pub name: String,
    /// ISO 4217 code such as "USD".
    pub currency: String,
    pub period: Period,
    #[serde(default)]
    pub rounding: RoundingMode,
    /// Decimal places of money in statements, 0–12 (default 2).
    #[serde(default = "default_scale")]
    #[schemars(range(max = 12))]
    pub currency_scale: u32,
    /// The revenue the whole company must book in the period.
    pub company_goal: Option<CompanyGoal>,
    pub roles: Vec<Role>,
    /// How the lead ledger is measured (SLA, minimum attempts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<super::lead::PipelineRules>,
    /// The alignment index and its stages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<super::lead::Alignment>,
}

fn default_scale() -> u32 {
    2
}

// The enum is declared by `named_enum!`, which derives no Default.
#[allow(clippy::derivable_impls)]
impl Default for RoundingMode {
    fn default() -> Self {
        RoundingMode::HalfEven
    }
}

impl Plan {
    pub fn rounding(&self) -> Rounding {
        match self.rounding {
            RoundingMode::HalfEven => Rounding::HalfEven,
            RoundingMode::HalfUp => Rounding::HalfUp,
        }
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The plan period as the one pay period of a plan without pay
    /// periods (id `START..END`).
    pub fn whole_period(&self) -> super::period::PayPeriod {
        let p = &self.period;
        super::period::PayPeriod {
            id: format!("{}..{}", p.start, p.end),
            start: p.start,
            end: p.end,
        }
    }

    /// Both ends included.
    pub fn in_period(&self, d: Date) -> bool {
        self.period.start <= d && d <= self.period.end
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    /// The plan year's pay periods, ascending and gap-free ("monthly",
    /// "quarterly" or a list); absent: the plan period is the one period.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<super::period::PayPeriodsInput>")]
    pub pay_periods: Option<Vec<PayPeriod>>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyGoal {
    /// Company attainment = company revenue / target.
    pub target: Decimal,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub quota: QuotaRule,
    /// Evaluated in order; names unique within the role: variable pay
    /// (commission, spif, bonus, modifier) and total pay (fixed, draw).
    #[schemars(with = "Vec<ComponentInput>")]
    pub components: Vec<Component>,
    /// The role's fixed and draw components, in the order written (the
    /// reader takes them out of `components`).
    #[serde(skip)]
    pub pay: Vec<super::pay::PayComponent>,
    /// Where each of `pay` was written in `components` (for JSON paths).
    #[serde(skip)]
    pub pay_at: Vec<usize>,
}

impl Role {
    /// The metrics its bonuses, modifiers and pools measure.
    pub fn measured_metrics(&self) -> impl Iterator<Item = &str> {
        self.components.iter().filter_map(|c| match c.measure()? {
            Measure::Metric { metric } => Some(metric.as_str()),
            _ => None,
        })
    }

    /// Where variable component `j` was written in `components` (the
    /// index of its JSON path).
    pub fn written_index(&self, j: usize) -> usize {
        written_at(&self.pay_at, j)
    }
}

/// Where variable component `j` of a role was written in its
/// `components`, given where its pay components were (`pay_at`).
pub fn written_at(pay_at: &[usize], j: usize) -> usize {
    (0..).filter(|i| !pay_at.contains(i)).nth(j).unwrap_or(j)
}

/// A component as written (the schema's view): variable pay, or a fixed
/// amount or draw (total pay).
#[derive(JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ComponentInput {
    Commission(Commission),
    Spif(Spif),
    Bonus(Bonus),
    Modifier(Modifier),
    Discretionary(super::pay::Discretionary),
    Override(super::team::Override),
    Fixed(super::pay::Fixed),
    Draw(super::pay::Draw),
}

/// What counts toward a participant's attainment.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuotaRule {
    #[serde(default)]
    pub credit: CreditKind,
    /// Required when `credit` is "attribution".
    pub attribution: Option<Attribution>,
    pub types: Option<Vec<DealType>>,
    pub sources: Option<Vec<Source>>,
    /// Fractions of the quota per pay period (default: pro rata by days),
    /// written as fractions or as amounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<super::period::QuotaShareInput>>")]
    pub schedule: Option<Vec<QuotaShare>>,
}

// The enum is declared by `named_enum!`, which derives no Default.
#[allow(clippy::derivable_impls)]
impl Default for CreditKind {
    fn default() -> Self {
        CreditKind::Owner
    }
}

/// Which deals (and deal lines) a component pays on. Absent lists let
/// everything pass; an empty list lets nothing pass.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealFilter {
    pub types: Option<Vec<DealType>>,
    pub sources: Option<Vec<Source>>,
    /// Filters deal lines by product.
    pub products: Option<Vec<String>>,
}

/// A pay component of a role.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Component {
    Commission(Commission),
    Spif(Spif),
    Bonus(Bonus),
    Modifier(Modifier),
    Discretionary(super::pay::Discretionary),
    /// A manager's rate on the team's results.
    Override(super::team::Override),
}

impl Component {
    /// What a bonus, modifier or pool measures (None for a commission or
    /// SPIF).
    pub fn measure(&self) -> Option<&Measure> {
        match self {
            Component::Bonus(b) => Some(&b.measure),
            Component::Modifier(m) => Some(&m.measure),
            Component::Discretionary(x) => Some(&x.measure),
            Component::Commission(_) | Component::Spif(_) | Component::Override(_) => None,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Component::Commission(c) => &c.name,
            Component::Spif(c) => &c.name,
            Component::Bonus(c) => &c.name,
            Component::Modifier(c) => &c.name,
            Component::Discretionary(c) => &c.name,
            Component::Override(c) => &c.name,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Component::Commission(_) => "commission",
            Component::Spif(_) => "spif",
            Component::Bonus(_) => "bonus",
            Component::Modifier(_) => "modifier",
            Component::Discretionary(_) => "discretionary",
            Component::Override(_) => "override",
        }
    }
}

/// Pays a rate on credited revenue (or margin), shaped by attainment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commission {
    pub name: String,
    #[serde(default)]
    pub credit: CreditKind,
    /// Required when `credit` is "attribution".
    pub attribution: Option<Attribution>,
    #[serde(default)]
    pub deals: DealFilter,
    #[serde(default)]
    pub basis: Basis,
    /// One rate for every deal type (or give `rates`).
    pub rate: Option<Decimal>,
    /// Rates by deal type; a type left out earns nothing.
    pub rates: Option<BTreeMap<DealType, Decimal>>,
    /// Instead of `rate` / `rates`: the rate by the line's margin
    /// percentage and/or the deal's amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_table: Option<Box<super::rate_table::RateTable>>,
    /// Multiplier by product (default 1).
    #[serde(default)]
    pub products: BTreeMap<String, Decimal>,
    /// Discount bands, ascending by `above`.
    #[serde(default)]
    pub discounts: Vec<DiscountBand>,
    pub tiers: Option<Tiers>,
    /// Upper limit on the component's earnings in the period (money).
    pub cap: Option<Decimal>,
    #[serde(default)]
    pub payout: Payout,
    /// Attainment span, true-up and clawback (plans with pay periods).
    #[serde(flatten)]
    pub year: ComponentYear,
}

// The enum is declared by `named_enum!`, which derives no Default.
#[allow(clippy::derivable_impls)]
impl Default for Basis {
    fn default() -> Self {
        Basis::Revenue
    }
}

impl Commission {
    /// The rate for a deal type, if the plan pays on it (a rate table's
    /// commission has none: its rate is each line's).
    pub fn rate_for(&self, t: DealType) -> Option<Decimal> {
        match (&self.rate, &self.rates) {
            (Some(r), _) => Some(*r),
            (None, Some(rates)) => rates.get(&t).copied(),
            (None, None) => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiscountBand {
    /// Applies when a line's discount exceeds this fraction.
    pub above: Decimal,
    pub multiplier: Decimal,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    pub mode: TierMode,
    /// Ascending, the first from 0; a band of multiplier 0 is a threshold.
    pub bands: Vec<Band>,
}

/// A step of a tier or modifier table: covers `from` (included) up to the
/// next band's `from` (excluded).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: Decimal,
    pub multiplier: Decimal,
}

/// Fraction of a deal's earnings payable at each stage reached; sums to 1.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Payout {
    #[serde(default)]
    pub booked: Decimal,
    #[serde(default)]
    pub installed: Decimal,
    #[serde(default)]
    pub activated: Decimal,
    /// Instead of stages: instalments by months after close (plans with
    /// pay periods); the stage fractions are then `booked: 1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Vec<Instalment>>,
}

impl Default for Payout {
    fn default() -> Self {
        Payout {
            booked: Decimal::ONE,
            installed: Decimal::ZERO,
            activated: Decimal::ZERO,
            schedule: None,
        }
    }
}

impl Payout {
    /// The fraction payable once a deal is at `stage`.
    pub fn fraction_at(&self, stage: Stage) -> Decimal {
        stage
            .reached()
            .iter()
            .map(|s| match s {
                Stage::Booked => self.booked,
                Stage::Installed => self.installed,
                Stage::Activated => self.activated,
                Stage::Cancelled => Decimal::ZERO,
            })
            .sum()
    }

    /// [`Payout::fraction_at`] of every stage, indexed by `stage as usize`
    /// (worked out once per component, not once per deal).
    pub fn fractions(&self) -> [Decimal; 4] {
        [
            Stage::Booked,
            Stage::Installed,
            Stage::Activated,
            Stage::Cancelled,
        ]
        .map(|s| self.fraction_at(s))
    }
}

/// A fixed amount once per qualifying deal, times the credit share.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spif {
    pub name: String,
    pub amount: Decimal,
    #[serde(default)]
    pub credit: CreditKind,
    pub attribution: Option<Attribution>,
    #[serde(default)]
    pub deals: DealFilter,
    pub cap: Option<Decimal>,
    #[serde(default)]
    pub payout: Payout,
}

/// A target amount paid along a curve of a measure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    pub name: String,
    /// Omitted: the participant's `target_bonus`.
    pub target: Option<Decimal>,
    pub measure: Measure,
    /// Points ascending by `at`.
    pub curve: Vec<CurvePoint>,
    /// A maximum payout fraction of target (uncapped when absent).
    pub max_payout: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CurvePoint {
    pub at: Decimal,
    pub payout: Decimal,
}

/// Multiplies other components of the same role by a step table on a measure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Modifier {
    pub name: String,
    pub measure: Measure,
    pub bands: Vec<Band>,
    /// Names of non-modifier components of the role (default: all of them).
    pub applies_to: Option<Vec<String>>,
}

/// What a bonus or modifier looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Measure {
    Named(NamedMeasure),
    Metric {
        /// A participant metric, such as "lead_followup".
        metric: String,
    },
}

/// How a deal's touches share its credit.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    pub model: Model,
    /// Touches older than this many days before the close date do not count.
    pub lookback_days: Option<u32>,
    /// Required by time_decay.
    pub half_life_days: Option<Decimal>,
    /// Required by custom.
    pub weights: Option<CustomWeights>,
}

/// Position weights of a custom model; they sum to 1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomWeights {
    #[serde(default)]
    pub first: Decimal,
    #[serde(default)]
    pub lead_created: Decimal,
    #[serde(default)]
    pub opportunity_created: Decimal,
    #[serde(default)]
    pub last: Decimal,
    #[serde(default)]
    pub rest: Decimal,
}
