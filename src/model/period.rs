//! The plan year: pay periods inside the plan period, quota schedules, how a
//! component reads attainment, true-ups, payout schedules by month, dated
//! deal stages and clawbacks. Every field here is an extension of version
//! 1: a plan without `pay_periods` keeps its version-1 meaning.

use crate::date::Date;
use crate::decimal::checked::{add, div, mul};
use rust_decimal::Decimal;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// One pay period of the plan year: `2027-03`, `2027-Q1` or an id given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayPeriod {
    pub id: String,
    pub start: Date,
    pub end: Date,
}

impl PayPeriod {
    /// Both ends included.
    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }

    /// Days in the period, both ends included.
    pub fn days(&self) -> i64 {
        self.start.days_until(self.end) + 1
    }
}

/// How `plan.period.pay_periods` is written (for the JSON Schema; the
/// reader resolves it to the list of pay periods).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum PayPeriodsInput {
    /// "monthly" (ids "2027-03") or "quarterly" (ids "2027-Q1").
    Generated(PayPeriodsName),
    /// Ascending, gap-free, from the plan's start to its end.
    List(Vec<PayPeriod>),
}

#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum PayPeriodsName {
    Monthly,
    Quarterly,
}

/// An exact fraction, written `"1/3"` or as a decimal (`"0.25"`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fraction {
    pub num: Decimal,
    pub den: Decimal,
}

impl Fraction {
    pub fn whole(x: Decimal) -> Fraction {
        Fraction {
            num: x,
            den: Decimal::ONE,
        }
    }

    /// `num / den` kept exact (reduced when both are whole numbers).
    pub fn of_ratio(num: Decimal, den: Decimal) -> Fraction {
        Fraction { num, den }.reduced()
    }

    /// The fraction to 28 digits (for sentences).
    pub fn value(&self) -> Decimal {
        div(self.num, self.den)
    }

    /// `x × num / den`, to 28 significant digits.
    pub fn of(&self, x: Decimal) -> Decimal {
        div(mul(x, self.num), self.den)
    }

    /// The sum of fractions, exactly when the denominators allow
    /// (a common denominator of at most 28 digits).
    pub fn sum(items: impl Iterator<Item = Fraction>) -> Option<Fraction> {
        let mut total = Fraction::whole(Decimal::ZERO);
        for f in items {
            total = total.plus(f)?;
        }
        Some(total)
    }

    /// `self + f`, reduced; None past 28 digits. Kept out of line: `sum`
    /// is generic, and one copy of this serves every caller (wasm size).
    #[inline(never)]
    fn plus(self, f: Fraction) -> Option<Fraction> {
        let den = self.den.checked_mul(f.den)?;
        let num = self
            .num
            .checked_mul(f.den)?
            .checked_add(f.num.checked_mul(self.den)?)?;
        Some(Fraction { num, den }.reduced())
    }

    /// Whether the fraction is exactly 1.
    pub fn is_one(&self) -> bool {
        self.num == self.den
    }

    fn reduced(self) -> Fraction {
        let (n, d) = (self.num.normalize(), self.den.normalize());
        if n.scale() == 0 && d.scale() == 0 {
            if let (Ok(a), Ok(b)) = (
                u128::try_from(n.mantissa().abs()),
                u128::try_from(d.mantissa()),
            ) {
                let g = crate::decimal::exact::gcd(a, b).max(1);
                let sign = if n.is_sign_negative() { -1 } else { 1 };
                return Fraction {
                    num: Decimal::from_i128_with_scale(sign * (a / g) as i128, 0),
                    den: Decimal::from_i128_with_scale((b / g) as i128, 0),
                };
            }
        }
        Fraction { num: n, den: d }
    }

    pub fn text(&self) -> String {
        if self.den == Decimal::ONE {
            crate::decimal::plain(self.num)
        } else {
            format!(
                "{}/{}",
                crate::decimal::plain(self.num),
                crate::decimal::plain(self.den)
            )
        }
    }
}

impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.text())
    }
}

impl JsonSchema for Fraction {
    fn schema_name() -> Cow<'static, str> {
        "Fraction".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "number"],
            "description": "An exact fraction: \"1/3\", or a decimal such as \"0.25\""
        })
    }
}

/// The pay period fractions of the plan period's quota (in pay period
/// order), summing to exactly 1.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuotaShare {
    pub period: String,
    pub fraction: Fraction,
}

/// A quota schedule entry as written (the schema's view): a fraction of the
/// quota, or an amount (the quota's shape in money: each pay period's share
/// is its amount over the total). Every entry gives the same one.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct QuotaShareInput {
    pub period: String,
    pub fraction: Option<Fraction>,
    pub amount: Option<Decimal>,
}

/// What a component's tiers read: the pay period's attainment or the year's
/// to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttainmentSpan {
    Period,
    ToDate,
}

/// When a tiered commission is recomputed on the span's final attainment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrueUp {
    Quarter,
    Year,
}

/// One instalment of a payout schedule.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instalment {
    pub months_after_close: u32,
    pub fraction: Fraction,
}

/// What a cancellation takes back.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clawback {
    /// Take back this fraction of what was paid on the deal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fraction: Option<Decimal>,
    /// "term": take back the unserved part of the deal's `term_months`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prorate: Option<Prorate>,
    /// No clawback once this many days have passed since close.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_days: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Prorate {
    Term,
}

/// The period-aware fields of a commission or spif (absent: version 1).
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct ComponentYear {
    /// Default "to_date".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attainment: Option<AttainmentSpan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub true_up: Option<TrueUp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clawback: Option<Clawback>,
}

impl ComponentYear {
    pub fn span(&self) -> AttainmentSpan {
        self.attainment.unwrap_or(AttainmentSpan::ToDate)
    }
}

/// The dates a deal reached its stages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageDates {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub booked: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installed: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activated: Option<Date>,
}

/// The period-aware fields of a deal (absent: version 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct DealYear {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stages: Option<StageDates>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancelled_on: Option<Date>,
    /// The contract's term, for clawbacks prorated by term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_months: Option<u32>,
}

/// Monthly or quarterly pay periods over `start..=end` (each cut at the
/// plan's ends), ids `2027-03` and `2027-Q1`. Quarters are calendar
/// quarters.
pub fn generate(start: Date, end: Date, quarterly: bool) -> Vec<PayPeriod> {
    let mut out = Vec::new();
    let mut at = start;
    while at <= end {
        let (y, m, _) = at.ymd();
        let (id, last) = if quarterly {
            let q = (m - 1) / 3;
            let last = Date::from_ymd(y, q * 3 + 1, 1).month_start_after(3);
            (format!("{y:04}-Q{}", q + 1), Date(last.0 - 1))
        } else {
            (format!("{y:04}-{m:02}"), at.month_end())
        };
        let stop = last.min(end);
        out.push(PayPeriod {
            id,
            start: at,
            end: stop,
        });
        at = Date(stop.0 + 1);
    }
    out
}

/// Quota to date at the end of each pay period: `quota × cumulative
/// fraction` of the schedule, or pro rata by calendar days
/// (`quota × days to date / days of the plan period`), to 28 digits.
pub fn quota_to_date(
    quota: Decimal,
    periods: &[PayPeriod],
    schedule: Option<&[QuotaShare]>,
) -> Vec<Decimal> {
    match schedule {
        Some(shares) => {
            let mut cum = Fraction::whole(Decimal::ZERO);
            shares
                .iter()
                .map(|s| {
                    cum = Fraction::sum([cum, s.fraction].into_iter()).unwrap_or(cum);
                    if cum.is_one() {
                        quota
                    } else {
                        cum.of(quota)
                    }
                })
                .collect()
        }
        None => {
            let total: i64 = periods.iter().map(PayPeriod::days).sum();
            let mut days = 0;
            periods
                .iter()
                .map(|p| {
                    days += p.days();
                    if days == total {
                        quota
                    } else {
                        div(mul(quota, Decimal::from(days)), Decimal::from(total))
                    }
                })
                .collect()
        }
    }
}

/// The quota of each pay period alone (differences of quota to date).
pub fn quota_of_periods(to_date: &[Decimal]) -> Vec<Decimal> {
    let mut before = Decimal::ZERO;
    to_date
        .iter()
        .map(|q| {
            let own = add(*q, -before);
            before = *q;
            own
        })
        .collect()
}
