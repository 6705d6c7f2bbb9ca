//! The activity: the facts that change all day.

use super::names::{DealType, Mark, Source, Stage};
use super::period::DealYear;
use crate::date::{Date, Timestamp};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Participants, deals, touches, company revenue and payments
/// (`incentive-activity/1`). Unknown fields are ignored.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(title = "incentive-activity/1")]
pub struct Activity {
    /// "incentive-activity/1" when present.
    pub format: Option<String>,
    /// Informational; changes no number.
    pub as_of: Option<Date>,
    pub company: Option<Company>,
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub deals: Vec<Deal>,
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// Corrections to pay, each its own statement line (total pay).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<super::pay::Adjustment>,
    /// Managers' decisions on discretionary pools.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allocations: Vec<super::pay::Allocation>,
    /// Pools' allocations to participants outside this activity, in all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allocated_elsewhere: Vec<super::pay::AllocatedElsewhere>,
    /// The handoff ledger (the shared pipeline). When present, the
    /// pipeline measures are computed from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leads: Option<Vec<super::lead::Lead>>,
    /// What a cut leaves out of the ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leads_elsewhere: Option<super::lead::LeadsElsewhere>,
    /// The peers' anonymous benchmarks, when the activity is a cut of a
    /// larger one (otherwise they are computed from its participants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmarks: Option<super::team::Benchmarks>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Company {
    /// When absent: the sum of the amounts of the counted deals.
    pub revenue: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Participant {
    pub id: String,
    pub name: Option<String>,
    /// A role id of the plan.
    pub role: String,
    pub quota: Option<Decimal>,
    pub target_bonus: Option<Decimal>,
    #[serde(default)]
    pub metrics: BTreeMap<String, Decimal>,
    /// First day employed: fixed pay is prorated by calendar days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
    /// Last day employed (on or after `start_date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    /// The team whose alignment stage the participant shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The participant's manager (a participant id): the manager's team
    /// statement, overrides and team bonus count this participant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Deal {
    pub id: String,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub deal_type: DealType,
    #[serde(default = "default_source")]
    pub source: Source,
    pub close_date: Date,
    #[serde(default = "default_stage")]
    pub stage: Stage,
    /// Splits sum to exactly 1.
    pub owners: Vec<Owner>,
    /// The deal's lines. A deal may instead give a single `amount` (with
    /// optional `product`, `cost`, `list_price`) that stands for one line.
    #[serde(default)]
    pub lines: Vec<Line>,
    #[serde(default)]
    pub touches: Vec<Touch>,
    /// Shorthand for one line, as given in the input: the reader puts it
    /// into `lines`, and after reading only `lines` counts (what-if edits
    /// and the curve change `lines`, not these). `amount` being present
    /// only decides the JSON path of a line's fields in messages.
    #[serde(skip_serializing)]
    pub amount: Option<Decimal>,
    #[serde(skip_serializing)]
    pub product: Option<String>,
    #[serde(skip_serializing)]
    pub cost: Option<Decimal>,
    #[serde(skip_serializing)]
    pub list_price: Option<Decimal>,
    /// Stage dates, cancellation date and term (plans with pay periods).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DealYear")]
    pub year: Option<Box<DealYear>>,
    /// The lead of the ledger it came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
}

fn default_source() -> Source {
    Source::Sales
}
fn default_stage() -> Stage {
    Stage::Booked
}

impl Deal {
    /// Revenue: the sum of the line amounts.
    pub fn revenue(&self) -> Decimal {
        self.lines.iter().map(|l| l.amount).sum()
    }

    /// Whether the deal was given as a single `amount` rather than `lines`
    /// (it decides the JSON path of a line's fields in messages).
    pub fn is_single_line(&self) -> bool {
        self.amount.is_some()
    }

    /// The JSON path of line `i`'s fields, relative to the deal.
    pub fn line_path(&self, i: usize) -> String {
        if self.is_single_line() {
            String::new()
        } else {
            format!(".lines[{i}]")
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Owner {
    pub participant: String,
    pub split: Decimal,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Line {
    pub product: Option<String>,
    pub amount: Decimal,
    /// Above 0; discount = 1 − amount / list_price.
    pub list_price: Option<Decimal>,
    /// Needed by margin-basis commissions.
    pub cost: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Touch {
    /// Optional: a touch without one still counts; its share credits nobody.
    pub participant: Option<Arc<str>>,
    pub campaign: Option<Arc<str>>,
    pub at: Timestamp,
    #[serde(default)]
    #[schemars(with = "Vec<Mark>")]
    pub marks: Marks,
}

impl Touch {
    pub fn has(&self, m: Mark) -> bool {
        self.marks.has(m)
    }
}

/// A touch's marks: a set in one byte (half a million touches each with a
/// `Vec` would weigh more than their deals), written as the list of names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks(u8);

impl Marks {
    fn bit(m: Mark) -> u8 {
        1 << (m as u8)
    }

    pub fn has(self, m: Mark) -> bool {
        self.0 & Marks::bit(m) != 0
    }

    pub fn add(&mut self, m: Mark) {
        self.0 |= Marks::bit(m);
    }
}

impl FromIterator<Mark> for Marks {
    fn from_iter<I: IntoIterator<Item = Mark>>(marks: I) -> Marks {
        let mut set = Marks::default();
        marks.into_iter().for_each(|m| set.add(m));
        set
    }
}

impl Serialize for Marks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(Mark::ALL.iter().filter(|m| self.has(**m)))
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Payment {
    pub participant: String,
    /// When given, a deal of the activity.
    pub deal: Option<String>,
    pub amount: Decimal,
    /// The day it was paid: it falls into that pay period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}
