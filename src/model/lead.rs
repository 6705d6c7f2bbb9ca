//! The shared pipeline: the handoff ledger of leads marketing creates and
//! sales works, the plan's rules for measuring it, and the alignment stages.
//! Every field here is an extension of version 1: a document without them
//! keeps its version-1 meaning and output.

use super::names::{LeadStatus, PipelineMeasure};
use crate::date::Timestamp;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// An instant written in full (RFC 3339, UTC): the SLA is counted in hours.
fn instant<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(t)
}

fn instant_option<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.collect_str(t),
        None => s.serialize_none(),
    }
}

/// The weights as the plan writes them: `{ "speed_to_lead": "1", … }`.
fn weights_as_map<S: Serializer>(
    w: &[(PipelineMeasure, Decimal)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(w.iter().map(|(m, x)| (m.as_str(), x.to_string())))
}

/// One lead of the handoff ledger.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    pub id: String,
    /// The campaign it came from.
    pub campaign: String,
    #[serde(serialize_with = "instant")]
    pub created_at: Timestamp,
    /// The marketer who created it (a participant), when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// The sales participant it was routed to.
    pub routed_to: String,
    /// On or after `created_at`.
    #[serde(serialize_with = "instant")]
    pub routed_at: Timestamp,
    /// Attempts to reach the lead, each on or after `created_at`.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    pub status: LeadStatus,
    #[serde(
        serialize_with = "instant_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub decided_at: Option<Timestamp>,
    /// Required when rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// The deal it became (required when converted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deal: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    #[serde(serialize_with = "instant")]
    pub at: Timestamp,
    /// "call", "email", ... (free text).
    pub channel: String,
}

/// The plan's rules for measuring the ledger (`plan.pipeline`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineRules {
    /// Hours from `routed_at` within which a first attempt meets the SLA
    /// (default 24; above 0, at most 100,000, at most 6 decimals).
    pub sla_hours: Decimal,
    /// Attempts a rejected lead must have had before its rejection
    /// (default 2).
    #[schemars(range(max = 1000))]
    pub min_attempts: u32,
}

impl Default for PipelineRules {
    fn default() -> Self {
        PipelineRules {
            sla_hours: Decimal::from(24),
            min_attempts: 2,
        }
    }
}

/// The alignment stage's index and stages (`plan.alignment`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alignment {
    /// Weights (above 0) of the shares the index weighs: `speed_to_lead`,
    /// `follow_up`, `acceptance`, `lead_quality` (default: 1 each).
    #[schemars(with = "BTreeMap<String, Decimal>")]
    #[serde(
        default = "Alignment::default_measures",
        serialize_with = "weights_as_map"
    )]
    pub measures: Vec<(PipelineMeasure, Decimal)>,
    /// Ascending `from`, the first from 0 (default: entrepreneurial 0,
    /// get-along 0.5, partnership 0.7, fusion 0.85).
    #[serde(default = "Alignment::default_stages")]
    pub stages: Vec<AlignmentStage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlignmentStage {
    /// The index from which the stage is reached (inclusive).
    pub from: Decimal,
    pub name: String,
}

impl Alignment {
    /// The four stages the product's story names, when a plan names none.
    pub fn default_stages() -> Vec<AlignmentStage> {
        [
            ("0", "entrepreneurial"),
            ("0.5", "get-along"),
            ("0.7", "partnership"),
            ("0.85", "fusion"),
        ]
        .iter()
        .map(|(from, name)| AlignmentStage {
            from: from.parse().unwrap_or_default(),
            name: (*name).to_string(),
        })
        .collect()
    }

    /// Equal weights on the four shares, when a plan names none.
    pub fn default_measures() -> Vec<(PipelineMeasure, Decimal)> {
        PipelineMeasure::ALL
            .iter()
            .filter(|m| m.is_share())
            .map(|m| (*m, Decimal::ONE))
            .collect()
    }
}

/// What a cut of the activity leaves out of the ledger: the leads not
/// involving its viewer, as counts (company-wide and the viewer's team's),
/// and the colleagues its leads name who are not in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadsElsewhere {
    /// Colleagues a lead may name who are not in this activity (their id,
    /// and the name sentences call them by).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Colleague>,
    pub company: LeadCounts,
    /// The team these counts are of, with them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub teams: BTreeMap<String, LeadCounts>,
}

/// A colleague named by a cut's leads.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Colleague {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Counts of leads, what each measure is a share of (each 0 when absent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct LeadCounts {
    /// Leads whose speed-to-lead is known (attempted, or past the SLA).
    pub timed: u64,
    /// Of those, first attempted within the SLA.
    pub in_sla: u64,
    /// Leads rejected (the rejection holding).
    pub rejected: u64,
    /// Of those, with the minimum attempts first.
    pub followed_up: u64,
    /// Leads accepted, converted or rejected.
    pub decided: u64,
    /// Of those, accepted or converted.
    pub accepted: u64,
    /// Of those, converted.
    pub converted: u64,
}

impl LeadCounts {
    pub const NONE: LeadCounts = LeadCounts {
        timed: 0,
        in_sla: 0,
        rejected: 0,
        followed_up: 0,
        decided: 0,
        accepted: 0,
        converted: 0,
    };

    pub fn add(&mut self, o: &LeadCounts) {
        self.timed += o.timed;
        self.in_sla += o.in_sla;
        self.rejected += o.rejected;
        self.followed_up += o.followed_up;
        self.decided += o.decided;
        self.accepted += o.accepted;
        self.converted += o.converted;
    }

    /// Takes `o` away again (what [`LeadCounts::add`] added).
    pub fn sub(&mut self, o: &LeadCounts) {
        self.timed -= o.timed;
        self.in_sla -= o.in_sla;
        self.rejected -= o.rejected;
        self.followed_up -= o.followed_up;
        self.decided -= o.decided;
        self.accepted -= o.accepted;
        self.converted -= o.converted;
    }

    pub fn is_empty(&self) -> bool {
        *self == LeadCounts::default()
    }

    /// (numerator, denominator) of one of the four shares.
    pub fn share(&self, m: PipelineMeasure) -> (u64, u64) {
        match m {
            PipelineMeasure::SpeedToLead => (self.in_sla, self.timed),
            PipelineMeasure::FollowUp => (self.followed_up, self.rejected),
            PipelineMeasure::Acceptance => (self.accepted, self.decided),
            PipelineMeasure::LeadQuality => (self.converted, self.accepted),
            _ => (0, 0),
        }
    }
}
