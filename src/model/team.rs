//! Teams: who reports to whom (`participants[].manager`) and what a
//! manager is paid on their team's results.

use super::names::{AllLevels, OverrideBasis};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// A manager's override: `rate` × each team member's credited revenue (or
/// earned commission), one line per member, down `depth` levels.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub name: String,
    /// A fraction: 0.08 pays 8%.
    pub rate: Decimal,
    /// What the rate is paid on (default "credited_revenue").
    #[serde(default = "default_on")]
    pub on: OverrideBasis,
    /// 1: direct reports (the default); 2: their reports too; "all": the
    /// whole subtree.
    #[serde(default = "default_depth")]
    pub depth: Depth,
}

fn default_on() -> OverrideBasis {
    OverrideBasis::CreditedRevenue
}

fn default_depth() -> Depth {
    Depth::Levels(1)
}

/// How many levels below a manager a component reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Depth {
    /// 1 or more.
    Levels(u32),
    All(AllLevels),
}

impl Depth {
    /// Whether a member `level` levels below (1: a direct report) is in.
    pub fn reaches(self, level: u32) -> bool {
        match self {
            Depth::Levels(n) => level <= n,
            Depth::All(_) => true,
        }
    }
}

/// What attainment it takes to be in the top quarter and top half of a
/// role's peers: anonymous figures (`incentive score --benchmarks`, and a
/// rep's cut of the activity).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Benchmarks {
    /// "incentive-benchmarks/1".
    pub format: String,
    /// A role with fewer peers with a quota than this has no thresholds.
    pub min_peers: usize,
    pub roles: Vec<RoleBenchmark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RoleBenchmark {
    /// A role id of the plan.
    pub role: String,
    /// Participants of the role with a quota.
    pub peers: usize,
    /// The lowest attainment in the top quarter, rounded down to 4 places
    /// (null below `min_peers`).
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    #[schemars(with = "Option<String>")]
    pub top_quarter: Option<Decimal>,
    /// The lowest attainment in the top half, likewise.
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    #[schemars(with = "Option<String>")]
    pub top_half: Option<Decimal>,
}
