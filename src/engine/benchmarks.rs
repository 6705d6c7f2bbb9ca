//! Benchmarks instead of ranks: what attainment it takes to be in the top
//! quarter and the top half of a role's peers, and what that means for one
//! rep ("12,000.00 more credit puts you in the top quarter"). The figures
//! are anonymous: no id, name or pay of anyone else.

use super::Engine;
use crate::decimal::percent;
use crate::error::Error;
use crate::model::team::{Benchmarks, RoleBenchmark};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// Below this many peers with a quota a role has no thresholds: with two
/// or three, a rep could tell whose attainment a threshold is.
pub const MIN_PEERS: usize = 5;

/// Where one rep stands against their role's benchmarks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub participant: String,
    pub role: String,
    /// The role's peers with a quota (the rep among them).
    pub peers: usize,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub attainment: Option<Decimal>,
    /// The top quarter, then the top half (empty without thresholds).
    pub marks: Vec<Mark>,
    /// Why there are no marks, when there are none.
    pub explain: String,
}

/// One benchmark and what it takes the rep to reach it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    /// "top_quarter" or "top_half".
    pub mark: &'static str,
    /// "top quarter", "top half".
    pub title: &'static str,
    /// The lowest attainment in the group.
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub attainment: Decimal,
    /// Whether the rep's quota credit reaches it.
    pub reached: bool,
    /// The quota credit that reaches it (attainment × quota).
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub credit_at: Decimal,
    /// What more quota credit it takes, rounded up to the cent (0 when
    /// reached).
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub credit_needed: Decimal,
    pub explain: String,
}

/// The lowest attainment among the top `num`/`den` of `sorted` (highest
/// first), rounded down to 0.01%: at or above it, a rep is in that group.
fn threshold(sorted: &[Decimal], num: usize, den: usize) -> Decimal {
    let k = (sorted.len() * num).div_ceil(den).max(1);
    sorted[k - 1].round_dp_with_strategy(4, RoundingStrategy::ToZero)
}

impl Engine {
    /// The benchmarks of every role, from the participants this engine
    /// holds: peers are the role's participants with a quota above 0.
    pub fn computed_benchmarks(&self) -> Result<Benchmarks, Error> {
        let roles = self
            .plan
            .roles
            .iter()
            .map(|role| self.role_benchmark(&role.id))
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Benchmarks {
            format: "incentive-benchmarks/1".into(),
            min_peers: MIN_PEERS,
            roles,
        })
    }

    /// One role's benchmark from the participants held here. Below
    /// `MIN_PEERS` nobody is scored; the peers' attainments come from the
    /// statements the engine keeps between calls (a live deal re-scores its
    /// own people only), so a rep's standing costs one statement per change,
    /// not one per peer.
    fn role_benchmark(&self, role: &str) -> Result<RoleBenchmark, Error> {
        let peers: Vec<&str> = self
            .activity
            .participants
            .iter()
            .filter(|p| p.role == role && p.quota.is_some_and(|q| q > Decimal::ZERO))
            .map(|p| p.id.as_str())
            .collect();
        let mut at: Vec<Decimal> = Vec::new();
        if peers.len() >= MIN_PEERS {
            for p in &peers {
                at.extend(self.member_totals(p)?.attainment);
            }
        }
        at.sort_unstable_by(|a, b| b.cmp(a));
        let enough = peers.len() >= MIN_PEERS && !at.is_empty();
        Ok(RoleBenchmark {
            role: role.to_string(),
            peers: peers.len(),
            top_quarter: enough.then(|| threshold(&at, 1, 4)),
            top_half: enough.then(|| threshold(&at, 1, 2)),
        })
    }

    /// The benchmarks the activity carries (a cut's), or those computed
    /// from its participants.
    pub fn benchmarks(&self) -> Result<Benchmarks, Error> {
        match &self.activity.benchmarks {
            Some(b) => Ok(b.clone()),
            None => self.computed_benchmarks(),
        }
    }

    /// Where `participant` stands against their role's benchmarks.
    pub fn standing(&self, participant: &str) -> Result<Standing, Error> {
        let (_, role, _) = self.scored(participant)?;
        let facts = self.year_facts(participant)?;
        // The role's own benchmark: given with the activity (a cut), or
        // worked out from its peers alone (not every role's).
        let (bench, min_peers) = match &self.activity.benchmarks {
            Some(b) => (
                b.roles.iter().find(|x| x.role == role.id).cloned(),
                b.min_peers,
            ),
            None => (Some(self.role_benchmark(&role.id)?), MIN_PEERS),
        };
        let bench = bench.as_ref();
        let peers = bench.map_or(0, |b| b.peers);
        let scale = self.plan.currency_scale;
        let money = super::explain::Money(scale);
        let mut marks = Vec::new();
        let quota = facts.quota.filter(|q| *q > Decimal::ZERO);
        if let (Some(b), Some(quota)) = (bench, quota) {
            for (mark, title, at) in [
                ("top_quarter", "top quarter", b.top_quarter),
                ("top_half", "top half", b.top_half),
            ] {
                let Some(target) = at.and_then(|at| at.checked_mul(quota)) else {
                    continue;
                };
                let at = at.unwrap_or_default();
                // The credit that reaches it, rounded up to the cent: a
                // calculator subtracts the figures the sentence shows.
                let credit_at =
                    target.round_dp_with_strategy(scale, RoundingStrategy::AwayFromZero);
                let reached = facts.quota_credit >= credit_at;
                let mut need = if reached {
                    Decimal::ZERO
                } else {
                    credit_at - facts.quota_credit
                };
                need.rescale(scale);
                // One sentence, two openings: where the rep is, or what it takes.
                let (opening, tail) = if reached {
                    (format!("You are in the {title}"), "and you have")
                } else {
                    (
                        format!("{} more credit puts you in the {title}", money.fmt(need)),
                        "less your",
                    )
                };
                let explain = format!(
                    "{opening} of {peers} {}: it starts at {} attainment ({} of your {} quota = {}{} {tail} {} quota credit{}",
                    role.name,
                    percent(at),
                    percent(at),
                    money.fmt(quota),
                    money.fmt(credit_at),
                    if reached { ")" } else { "," },
                    money.fmt(facts.quota_credit),
                    if reached { "" } else { ")" },
                );
                marks.push(Mark {
                    mark,
                    title,
                    attainment: at,
                    reached,
                    credit_at,
                    credit_needed: need,
                    explain,
                });
            }
        }
        let explain = match (bench, quota) {
            _ if !marks.is_empty() => String::new(),
            (_, None) => "Benchmarks compare quota attainment: you have no quota".to_string(),
            (Some(b), _) if b.peers < min_peers => format!(
                "{} has {} peers with a quota; benchmarks start at {}, so no one's attainment can be told",
                role.name, b.peers, min_peers
            ),
            _ => format!("No benchmarks for {}", role.name),
        };
        Ok(Standing {
            participant: participant.to_string(),
            role: role.id.clone(),
            peers,
            attainment: facts.attainment,
            marks,
            explain,
        })
    }
}
