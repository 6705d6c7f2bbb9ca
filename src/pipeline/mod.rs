//! The shared pipeline: what the lead ledger says about each participant
//! and the company, computed once from the activity.
//!
//! Each lead is classified once ([`LeadFacts`]): whether its speed-to-lead
//! is known and met, whether its rejection holds and had the minimum
//! attempts first, whether it was decided, accepted, converted. A lead that
//! a deal names (or whose `deal` is in the activity, not cancelled) is
//! converted whatever its status says: a rejected lead later closed is
//! credited back to its marketer. Counts are then summed per rep (leads
//! routed to them), per marketer (leads they created), per team (leads
//! either party of which is in the team) and for the company.

pub mod alignment;
mod live;
pub mod measures;
mod parts;

use crate::date::Timestamp;
use crate::model::activity::{Activity, Deal};
use crate::model::lead::{Lead, LeadCounts, PipelineRules};
use crate::model::names::{LeadStatus, Stage};
use parts::Part;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

const NANOS_PER_HOUR: i128 = 3_600_000_000_000;

/// Whether a lead's first attempt met the SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speed {
    /// First attempted within the SLA.
    Met,
    /// First attempted after it, or not attempted by its end.
    Missed,
    /// Not attempted yet, and the SLA runs until `deadline` (nanoseconds):
    /// not counted yet.
    Waiting { deadline: i128 },
}

/// One lead, classified.
#[derive(Debug, Clone, Copy)]
pub struct LeadFacts {
    pub speed: Speed,
    /// Nanoseconds from routing to the first attempt, when attempted.
    pub first_after: Option<i128>,
    /// Attempts before the decision (all of them when undecided).
    pub attempts_before: usize,
    /// Converted: its status says so, or a deal names it.
    pub converted: bool,
    /// Rejected, then a deal came of it anyway.
    pub credited_back: bool,
    /// The deal that names it (or that it names), when in the activity.
    pub deal: Option<u32>,
}

impl LeadFacts {
    /// The rejection holds (not credited back).
    pub fn rejected(&self, lead: &Lead) -> bool {
        lead.status == LeadStatus::Rejected && !self.credited_back
    }

    /// Still to be worked: open or accepted, and not converted.
    pub fn workable(&self, lead: &Lead) -> bool {
        matches!(lead.status, LeadStatus::Open | LeadStatus::Accepted) && !self.converted
    }

    /// Waiting for a first attempt the rep can still make (within the SLA
    /// or past it).
    pub fn awaits_attempt(&self, lead: &Lead) -> bool {
        self.workable(lead) && lead.attempts.is_empty()
    }

    pub fn accepted(&self, lead: &Lead) -> bool {
        matches!(lead.status, LeadStatus::Accepted | LeadStatus::Converted) || self.converted
    }

    /// What this lead adds to the counts.
    pub fn counts(&self, lead: &Lead, min_attempts: u32) -> LeadCounts {
        let rejected = self.rejected(lead);
        let accepted = self.accepted(lead);
        LeadCounts {
            timed: u64::from(!matches!(self.speed, Speed::Waiting { .. })),
            in_sla: u64::from(self.speed == Speed::Met),
            rejected: u64::from(rejected),
            followed_up: u64::from(rejected && self.attempts_before >= min_attempts as usize),
            decided: u64::from(rejected || accepted),
            accepted: u64::from(accepted),
            converted: u64::from(self.converted),
        }
    }
}

/// A participant's part of the ledger.
#[derive(Debug, Clone, Default)]
pub struct Person {
    /// Leads routed to them (indices in the activity's leads).
    pub routed: Vec<u32>,
    /// Leads they created.
    pub created: Vec<u32>,
    /// Counts of the leads routed to them (speed, follow-up).
    pub as_rep: LeadCounts,
    /// Counts of the leads they created (acceptance, quality).
    pub as_marketer: LeadCounts,
    /// Counted deals from their leads (indices in the activity's deals).
    pub sourced: Vec<u32>,
    pub sourced_revenue: Decimal,
    /// Counted deals with their touches or from their leads.
    pub influenced: Vec<u32>,
    pub influenced_revenue: Decimal,
}

/// The ledger, measured.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    pub rules: PipelineRules,
    /// The SLA in nanoseconds.
    pub sla: i128,
    /// The end of `as_of` (nanoseconds), when the activity has one: leads
    /// not attempted whose SLA runs past it are waiting, not missed.
    pub now: Option<i128>,
    /// Per lead, in the activity's order.
    pub facts: Vec<LeadFacts>,
    pub people: HashMap<String, Person>,
    pub company: LeadCounts,
    pub teams: BTreeMap<String, LeadCounts>,
    /// Lead ids → index in the activity's leads.
    pub index: HashMap<String, u32>,
    /// Lead ids → the deal naming it that counts (the earliest by
    /// (close_date, id) of the non-cancelled ones).
    named: HashMap<String, u32>,
    /// Deals → the leads whose deal it is.
    by_deal: HashMap<u32, Vec<u32>>,
    /// Participant ids → their team.
    team_of: HashMap<String, String>,
}

impl Ledger {
    /// Measures the activity's ledger; `counted` says which deals count
    /// (closed in the plan period, not cancelled); `deal_index` maps deal
    /// ids to their index.
    pub fn build(
        rules: &PipelineRules,
        activity: &Activity,
        deal_index: &HashMap<String, usize>,
        counted: impl Fn(&Deal) -> bool,
    ) -> Ledger {
        let leads: &[Lead] = activity.leads.as_deref().unwrap_or_default();
        let sla = to_nanos(rules.sla_hours);
        let now = activity
            .as_of
            .map(|d| i128::from(d.0 + 1) * 24 * NANOS_PER_HOUR);
        let deals = &activity.deals;
        // Deals that name a lead, by the lead's id: of several, the first
        // by (close_date, id), whatever their order in the activity (a cut
        // and a live removal reorder the deals).
        let mut named: HashMap<String, u32> = HashMap::new();
        for (i, d) in deals.iter().enumerate() {
            let Some(l) = d.lead.as_deref().filter(|_| d.stage != Stage::Cancelled) else {
                continue;
            };
            let earlier = |j: u32| {
                let o = &deals[j as usize];
                (o.close_date, &o.id) < (d.close_date, &d.id)
            };
            match named.get(l) {
                Some(&j) if earlier(j) => {}
                _ => {
                    named.insert(l.to_string(), i as u32);
                }
            }
        }
        let facts: Vec<LeadFacts> = leads
            .iter()
            .map(|l| classify(l, sla, now, lead_deal(l, &named, deals, deal_index)))
            .collect();
        let mut ledger = Ledger {
            rules: rules.clone(),
            sla,
            now,
            facts,
            index: leads
                .iter()
                .enumerate()
                .map(|(i, l)| (l.id.clone(), i as u32))
                .collect(),
            named,
            team_of: activity
                .participants
                .iter()
                .filter_map(|p| Some((p.id.clone(), p.team.clone()?)))
                .collect(),
            ..Ledger::default()
        };
        for i in 0..leads.len() {
            ledger.count(leads, i, Part::Build);
        }
        if let Some(e) = &activity.leads_elsewhere {
            ledger.company.add(&e.company);
            for (t, c) in &e.teams {
                ledger.teams.entry(t.clone()).or_default().add(c);
            }
        }
        for d in 0..deals.len() {
            ledger.revenue_of(leads, deals, &[Some(d as u32)], &counted, Part::Build);
        }
        // Sentences list leads by routing time and deals by close date,
        // whatever their place in the activity.
        let by_time = |list: &mut Vec<u32>| {
            list.sort_by(|&a, &b| {
                let (x, y) = (&leads[a as usize], &leads[b as usize]);
                (x.routed_at, &x.id).cmp(&(y.routed_at, &y.id))
            })
        };
        let by_close = |list: &mut Vec<u32>| {
            list.sort_by(|&a, &b| {
                let (x, y) = (&deals[a as usize], &deals[b as usize]);
                (x.close_date, &x.id).cmp(&(y.close_date, &y.id))
            })
        };
        for p in ledger.people.values_mut() {
            by_time(&mut p.routed);
            by_time(&mut p.created);
            by_close(&mut p.sourced);
            by_close(&mut p.influenced);
        }
        ledger
    }

    /// The instant a what-if acts at for `lead`: the last second of `as_of`
    /// (the SLA is measured at its end), not before the lead was routed;
    /// None without `as_of`.
    pub fn act_at(&self, lead: &Lead) -> Option<Timestamp> {
        let nanos = (self.now? - 1_000_000_000).max(lead.routed_at.nanos);
        let date = crate::date::Date(nanos.div_euclid(24 * NANOS_PER_HOUR) as i64);
        Some(Timestamp { nanos, date })
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.get(id)
    }
}

/// The deal a lead became: the deal naming it that counts, else its own
/// `deal` when that is in the activity and not cancelled.
fn lead_deal(
    l: &Lead,
    named: &HashMap<String, u32>,
    deals: &[Deal],
    deal_index: &HashMap<String, usize>,
) -> Option<u32> {
    let own = l
        .deal
        .as_deref()
        .and_then(|id| deal_index.get(id))
        .map(|&i| i as u32)
        .filter(|&i| deals[i as usize].stage != Stage::Cancelled);
    named.get(l.id.as_str()).copied().or(own)
}

/// Hours (at most 6 decimals, at most 100,000) in nanoseconds.
fn to_nanos(hours: Decimal) -> i128 {
    use rust_decimal::prelude::ToPrimitive;
    let n = hours.saturating_mul(Decimal::from(NANOS_PER_HOUR as i64));
    n.trunc().to_i128().unwrap_or(i128::MAX / 4)
}

/// Hours from nanoseconds, to one decimal (half-even), for sentences.
pub fn hours(nanos: i128) -> Decimal {
    let tenths =
        Decimal::from_i128_with_scale(nanos, 0) / Decimal::from(NANOS_PER_HOUR as i64 / 10);
    (tenths.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointNearestEven)
        / Decimal::TEN)
        .normalize()
}

/// Hours from nanoseconds, rounded up to one decimal: a late attempt is
/// never shown at the SLA (24 h 2 min is "24.1 h", not "24 h").
pub fn hours_up(nanos: i128) -> Decimal {
    let tenths =
        Decimal::from_i128_with_scale(nanos, 0) / Decimal::from(NANOS_PER_HOUR as i64 / 10);
    (tenths.ceil() / Decimal::TEN).normalize()
}

fn classify(l: &Lead, sla: i128, now: Option<i128>, deal: Option<u32>) -> LeadFacts {
    let first = l.attempts.iter().map(|a| a.at.nanos).min();
    let routed = l.routed_at.nanos;
    let speed = match first {
        Some(f) if f - routed <= sla => Speed::Met,
        Some(_) => Speed::Missed,
        None => match now {
            Some(n) if n < routed + sla => Speed::Waiting {
                deadline: routed + sla,
            },
            _ => Speed::Missed,
        },
    };
    let decided = l.decided_at.map(|t: Timestamp| t.nanos);
    let attempts_before = l
        .attempts
        .iter()
        .filter(|a| decided.is_none_or(|d| a.at.nanos <= d))
        .count();
    let converted = l.status == LeadStatus::Converted || deal.is_some();
    LeadFacts {
        speed,
        first_after: first.map(|f| (f - routed).max(0)),
        attempts_before,
        converted,
        credited_back: l.status == LeadStatus::Rejected && deal.is_some(),
        deal,
    }
}
