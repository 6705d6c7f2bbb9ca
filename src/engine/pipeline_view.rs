//! The pipeline as one participant's screen shows it: the leads routed to
//! them and created by them, their measures, what waits past the SLA, what
//! each measure does to their pay, and the company's and team's alignment.

use super::{unknown_participant, Engine};
use crate::error::{Error, ErrorCode};
use crate::model::activity::Participant;
use crate::model::lead::Lead;
use crate::model::names::{LeadStatus, PipelineMeasure};
use crate::pipeline::alignment::Standing;
use crate::pipeline::measures::{MeasureLine, View};
use crate::pipeline::{hours, Speed};
use rust_decimal::Decimal;
use serde::Serialize;

/// What a screen shows of the pipeline for one participant.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineView {
    pub participant: String,
    /// The leads routed to them, and their measures as the rep.
    pub routed: Side,
    /// The leads they created, and their measures as the marketer.
    pub created: Side,
    /// Leads routed to them with no attempt yet: overdue and due.
    pub waiting: Waiting,
    /// What each pipeline measure does to their pay, a sentence each.
    pub pays: Vec<String>,
    /// The company's alignment.
    pub company: Option<StandingView>,
    /// Their team's, when they have a team.
    pub team: Option<StandingView>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Side {
    pub leads: Vec<LeadRow>,
    pub measures: Vec<MeasureLine>,
}

/// One lead as a row of the panel.
#[derive(Debug, Clone, Serialize)]
pub struct LeadRow {
    pub id: String,
    pub campaign: String,
    /// "open", "accepted", "rejected", "converted", or "credited_back".
    pub status: &'static str,
    /// The other party's name (or id).
    pub with: String,
    pub routed_at: String,
    pub attempts: usize,
    /// "met", "missed" or "waiting".
    pub speed: &'static str,
    /// Hours to the first attempt (one decimal), when attempted.
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub first_attempt_hours: Option<Decimal>,
    /// When the SLA runs out, for a lead waiting.
    pub due: Option<String>,
    pub reject_reason: Option<String>,
    pub deal: Option<String>,
    /// The lead as a what-if on this row changes it, at the end of `as_of`:
    /// attempted (a lead routed to them awaiting a first attempt) or
    /// accepted (an open lead they created); absent otherwise, and without
    /// `as_of`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<Lead>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Waiting {
    /// Past the SLA with no attempt, still open or accepted.
    pub overdue: Vec<String>,
    /// Within the SLA with no attempt.
    pub due: Vec<String>,
    /// Speed-to-lead if every lead due is attempted in time, and if none is.
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub if_in_time: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub if_missed: Option<Decimal>,
    /// The warning, or empty when nothing waits.
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StandingView {
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub index: Decimal,
    pub stage: String,
    /// 1 for the first stage.
    pub stage_number: usize,
    pub stages: Vec<String>,
    pub explain: String,
    /// The next stage and the index it starts at.
    pub next: Option<String>,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub next_from: Option<Decimal>,
    /// One more lead that does well on each weighed share: the sentence of
    /// where the index would go.
    pub moves: Vec<String>,
}

impl Engine {
    /// The pipeline as one participant's screen shows it.
    pub fn pipeline(&self, participant: &str) -> Result<PipelineView, Error> {
        let person = self
            .participant_index
            .get(participant)
            .map(|&i| &self.activity.participants[i])
            .ok_or_else(|| unknown_participant(participant))?;
        let Some(view) = self.pipeline_view() else {
            return Err(Error::one(
                ErrorCode::InvalidActivity,
                "activity.leads",
                "the activity has no lead ledger",
            ));
        };
        let ledger = view.ledger;
        let leads: &[Lead] = self.activity.leads.as_deref().unwrap_or_default();
        let me = ledger.person(participant);
        let row = |i: u32, other: &str, rep: bool| -> LeadRow {
            let (l, f) = (&leads[i as usize], &ledger.facts[i as usize]);
            let what_if = ledger.act_at(l).and_then(|at| match rep {
                true if f.awaits_attempt(l) => {
                    let mut tried = l.clone();
                    tried.attempts.push(crate::model::lead::Attempt {
                        at,
                        channel: "call".into(),
                    });
                    Some(tried)
                }
                false if l.status == LeadStatus::Open && !f.converted => {
                    let mut tried = l.clone();
                    tried.status = LeadStatus::Accepted;
                    tried.decided_at = Some(at);
                    Some(tried)
                }
                _ => None,
            });
            LeadRow {
                id: l.id.clone(),
                campaign: l.campaign.clone(),
                status: if f.credited_back {
                    "credited_back"
                } else if f.converted {
                    "converted"
                } else {
                    l.status.as_str()
                },
                with: view.name_of(other),
                routed_at: l.routed_at.to_string(),
                attempts: l.attempts.len(),
                speed: match f.speed {
                    Speed::Met => "met",
                    Speed::Missed => "missed",
                    Speed::Waiting { .. } => "waiting",
                },
                first_attempt_hours: f.first_after.map(hours),
                due: match f.speed {
                    Speed::Waiting { deadline } => Some(instant(deadline)),
                    _ => None,
                },
                reject_reason: l.reject_reason.clone(),
                deal: f.deal.map(|d| self.activity.deals[d as usize].id.clone()),
                what_if,
            }
        };
        let routed: Vec<u32> = me.map(|p| p.routed.clone()).unwrap_or_default();
        let created: Vec<u32> = me.map(|p| p.created.clone()).unwrap_or_default();
        let side = |list: &[u32], rep: bool, measures: &[PipelineMeasure]| Side {
            leads: list
                .iter()
                .map(|&i| {
                    let l = &leads[i as usize];
                    let other = if rep {
                        l.created_by.as_deref().unwrap_or("")
                    } else {
                        &l.routed_to
                    };
                    row(i, other, rep)
                })
                .collect(),
            measures: if list.is_empty() {
                Vec::new()
            } else {
                measures.iter().map(|m| view.line(person, *m)).collect()
            },
        };
        use PipelineMeasure::*;
        Ok(PipelineView {
            participant: participant.to_string(),
            routed: side(&routed, true, &[SpeedToLead, FollowUp]),
            created: side(
                &created,
                false,
                &[Acceptance, LeadQuality, SourcedRevenue, InfluencedRevenue],
            ),
            waiting: self.waiting(&view, person, &routed),
            pays: self.pays(&view, person)?,
            company: view
                .standing(None)
                .map(|s| standing_view(&s, &ledger.company, "The company's")),
            team: person.team.as_deref().and_then(|t| {
                let s = view.standing(Some(person))?;
                Some(standing_view(&s, ledger.teams.get(t)?, "The team's"))
            }),
        })
    }

    /// Leads routed to `person` that wait for a first attempt.
    fn waiting(&self, view: &View<'_>, person: &Participant, routed: &[u32]) -> Waiting {
        let leads: &[Lead] = self.activity.leads.as_deref().unwrap_or_default();
        let f = &view.ledger.facts;
        let mut w = Waiting::default();
        // Leads waiting that nobody will work (rejected, converted): missed
        // once their SLA runs out, whatever is done today.
        let mut idle = 0u64;
        for &i in routed {
            let (l, x) = (&leads[i as usize], &f[i as usize]);
            match x.speed {
                Speed::Waiting { .. } if x.workable(l) => w.due.push(l.id.clone()),
                Speed::Waiting { .. } => idle += 1,
                Speed::Missed if x.awaits_attempt(l) => w.overdue.push(l.id.clone()),
                _ => {}
            }
        }
        let c = view
            .ledger
            .person(&person.id)
            .map(|p| p.as_rep)
            .unwrap_or_default();
        let due = w.due.len() as u64;
        let share = |n: u64, d: u64| (d > 0).then(|| Decimal::from(n) / Decimal::from(d));
        w.if_in_time = share(c.in_sla + due, c.timed + due + idle);
        w.if_missed = share(c.in_sla, c.timed + due + idle);
        let sla = crate::decimal::plain(view.ledger.rules.sla_hours);
        let pct = |d: Option<Decimal>| d.map(crate::decimal::percent).unwrap_or_default();
        let mut parts = Vec::new();
        if !w.overdue.is_empty() {
            let n = w.overdue.len();
            parts.push(format!(
                "{n} lead{} waiting over {sla} h with no attempt ({}): late already for speed-to-lead; \
                 make {} attempts before rejecting any, or follow-up falls",
                plural(n),
                w.overdue.join(", "),
                view.ledger.rules.min_attempts
            ));
        }
        if due > 0 {
            parts.push(format!(
                "{due} lead{} due within {sla} h of routing ({}): following up in time takes speed-to-lead to {}; missing {} takes it to {}",
                plural(due as usize),
                w.due.join(", "),
                pct(w.if_in_time),
                if due == 1 { "it" } else { "them" },
                pct(w.if_missed)
            ));
        }
        w.sentence = parts.join("; ");
        w
    }

    /// What each bonus and modifier on a pipeline measure does to pay.
    fn pays(&self, view: &View<'_>, person: &Participant) -> Result<Vec<String>, Error> {
        let facts = self.facts_of(&person.id, super::facts::Deals::Clawbacks)?;
        let mut out = Vec::new();
        for m in &facts.modifiers {
            let Some(pm) = m.metric.as_deref().and_then(PipelineMeasure::parse) else {
                continue;
            };
            out.push(format!(
                "{}: {} → × {} on {}",
                m.name,
                view.words(person, pm),
                crate::decimal::plain(m.multiplier),
                m.applies_to.join(", ")
            ));
        }
        for c in &facts.components {
            let Some(b) = &c.bonus else { continue };
            let Some(pm) = b.metric.as_deref().and_then(PipelineMeasure::parse) else {
                continue;
            };
            let payout = b
                .payout
                .map(crate::decimal::percent)
                .unwrap_or_else(|| "nothing".into());
            out.push(format!(
                "{}: {} → {} of the {} target",
                c.name,
                view.words(person, pm),
                payout,
                crate::decimal::grouped(b.target, self.plan.currency_scale)
            ));
        }
        Ok(out)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn instant(nanos: i128) -> String {
    let date = crate::date::Date(nanos.div_euclid(86_400_000_000_000) as i64);
    crate::date::Timestamp { nanos, date }.to_string()
}

fn standing_view(
    s: &Standing<'_>,
    counts: &crate::model::lead::LeadCounts,
    whose: &str,
) -> StandingView {
    let moves = s
        .parts
        .iter()
        .filter_map(|(m, ..)| {
            let after = s.with_one_more(counts, *m)?;
            let reached = if after.stage > s.stage {
                format!(": {}", after.stage_name())
            } else {
                String::new()
            };
            let now = crate::decimal::percent(s.index.value());
            Some(format!(
                "one more lead {} takes the index from {now} {}to {}{reached}",
                match m {
                    PipelineMeasure::SpeedToLead => "attempted within the SLA",
                    PipelineMeasure::FollowUp =>
                        "attempted in time and rejected after full follow-up",
                    PipelineMeasure::Acceptance => "attempted in time and accepted",
                    _ => "attempted in time and converted",
                },
                if after.index.value() < s.index.value() {
                    "down "
                } else {
                    ""
                },
                crate::decimal::percent(after.index.value())
            ))
        })
        .collect();
    StandingView {
        index: s.index.ratio(),
        stage: s.stage_name().to_string(),
        stage_number: s.stage + 1,
        stages: s.alignment.stages.iter().map(|x| x.name.clone()).collect(),
        explain: s.sentence(whose),
        next: s.next().map(|n| n.name.clone()),
        next_from: s.next().map(|n| n.from),
        moves,
    }
}
