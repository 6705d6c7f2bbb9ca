//! The shared pipeline in the engine: the ledger measured again on every
//! change, leads pushed and removed live, the statement's measure lines,
//! and the pipeline view a screen shows both sides.

use super::{score, unknown_participant, Engine};
use crate::error::{Error, ErrorCode};
use crate::model::activity::Participant;
use crate::model::lead::{Alignment, Lead};
use crate::model::names::{LeadStatus, PipelineMeasure};
use crate::pipeline::alignment::Standing;
use crate::pipeline::measures::{MeasureLine, View};
use crate::pipeline::{hours, Ledger, Speed};
use crate::read::{self, Reader};
use crate::statement::Statement;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::sync::LazyLock;

/// The alignment of a plan that names none: equal weights, the four stages.
static DEFAULT_ALIGNMENT: LazyLock<Alignment> = LazyLock::new(|| Alignment {
    measures: Alignment::default_measures(),
    stages: Alignment::default_stages(),
});

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
    /// Measures the ledger again (after any change to leads or deals).
    pub(super) fn remeasure(&mut self) {
        self.ledger = self.activity.leads.as_ref().map(|_| {
            let rules = self.plan.pipeline.clone().unwrap_or_default();
            let plan = &self.plan;
            Ledger::build(&rules, &self.activity, &self.deal_index, |d| {
                score::counted(plan, d)
            })
        });
    }

    pub(super) fn pipeline_view(&self) -> Option<View<'_>> {
        Some(View {
            ledger: self.ledger.as_ref()?,
            activity: &self.activity,
            alignment: Some(self.plan.alignment.as_ref().unwrap_or(&DEFAULT_ALIGNMENT)),
            scale: self.plan.currency_scale,
            people: &self.participant_index,
        })
    }

    /// The statement with the pipeline measures its role pays on (explained
    /// statements of activities with a ledger).
    pub(super) fn with_pipeline(&self, mut s: Statement, detail: score::Detail) -> Statement {
        let (Some(view), score::Detail::Explained) = (self.pipeline_view(), detail) else {
            return s;
        };
        let Ok((person, role, _)) = self.scored(&s.participant) else {
            return s;
        };
        let mut measured: Vec<PipelineMeasure> = Vec::new();
        for m in role.measured_metrics().filter_map(PipelineMeasure::parse) {
            if !measured.contains(&m) {
                measured.push(m);
            }
        }
        if !measured.is_empty() {
            s.pipeline = Some(measured.iter().map(|m| view.line(person, *m)).collect());
        }
        s
    }

    /// Adds a lead, or replaces the lead with the same id; read and checked
    /// first, and on error nothing changes. Returns the participants whose
    /// statements it can change.
    pub fn upsert_lead(&mut self, lead: &Value) -> Result<Vec<String>, Error> {
        let mut r = Reader::default();
        let l = read::lead::lead(&mut r, lead, "lead");
        match l.filter(|_| r.ok()) {
            Some(l) => self.put_lead(l),
            None => Err(Error::new(ErrorCode::InvalidActivity, r.problems)),
        }
    }

    /// [`Engine::upsert_lead`] with the lead read.
    pub fn put_lead(&mut self, l: Lead) -> Result<Vec<String>, Error> {
        let mut r = Reader::default();
        if !self.known(&l.routed_to) {
            r.err(
                "lead.routed_to",
                format!("\"{}\" is not a participant of this activity", l.routed_to),
            );
        }
        if let Some(m) = l.created_by.as_deref().filter(|m| !self.known(m)) {
            r.err(
                "lead.created_by",
                format!("\"{m}\" is not a participant of this activity"),
            );
        }
        if self.activity.leads.is_none() {
            // Turning the ledger on: the checks of loading one (typed-in
            // metrics under computed names, teams, deals' leads), once.
            let mut on = self.activity.clone();
            on.leads = Some(vec![l.clone()]);
            let mut all = Reader::default();
            read::lead::fit(&mut all, &self.plan, &on);
            // The lead's own problems are reported above, at `lead`.
            for p in all
                .problems
                .into_iter()
                .filter(|p| !p.path.starts_with("activity.leads["))
            {
                r.problems.push(p);
            }
        }
        if !r.ok() {
            return Err(Error::new(ErrorCode::InvalidActivity, r.problems));
        }
        let leads = self.activity.leads.get_or_insert_with(Vec::new);
        let mut affected = parties(&l);
        match leads.iter().position(|x| x.id == l.id) {
            Some(i) => {
                affected.extend(parties(&leads[i]));
                leads[i] = l;
            }
            None => leads.push(l),
        }
        self.remeasure();
        Ok(self.widen(affected))
    }

    /// Removes a lead by id; refused while a deal names it (change or
    /// remove the deal first).
    pub fn remove_lead(&mut self, id: &str) -> Result<Vec<String>, Error> {
        let at = self.activity.leads.as_ref();
        let Some(i) = at.and_then(|ls| ls.iter().position(|x| x.id == id)) else {
            return Err(Error::one(
                ErrorCode::InvalidActivity,
                "id",
                format!("\"{id}\" is not a lead of the activity"),
            ));
        };
        if let Some(d) = self
            .activity
            .deals
            .iter()
            .find(|d| d.lead.as_deref() == Some(id))
        {
            return Err(Error::one(
                ErrorCode::InvalidActivity,
                "id",
                format!(
                    "deal \"{}\" names lead \"{id}\": change or remove the deal first",
                    d.id
                ),
            ));
        }
        let Some(leads) = self.activity.leads.as_mut() else {
            return Ok(Vec::new());
        };
        let l = leads.remove(i);
        self.remeasure();
        Ok(self.widen(parties(&l)))
    }

    /// A participant's name, or a colleague's a cut names (None when
    /// unnamed or unknown).
    pub(super) fn name_of(&self, id: &str) -> Option<String> {
        match self.participant_index.get(id) {
            Some(&i) => self.activity.participants[i].name.clone(),
            None => self
                .activity
                .leads_elsewhere
                .as_ref()?
                .participants
                .iter()
                .find(|c| c.id == id)?
                .name
                .clone(),
        }
    }

    /// Whether a lead may name `id`: a participant, or a colleague a cut
    /// names.
    fn known(&self, id: &str) -> bool {
        self.participant_index.contains_key(id)
            || self
                .activity
                .leads_elsewhere
                .as_ref()
                .is_some_and(|e| e.participants.iter().any(|c| c.id == id))
    }

    /// A deal's `lead` is a lead of the ledger.
    pub(super) fn lead_fits(&self, r: &mut Reader, d: &crate::model::activity::Deal, path: &str) {
        // Without a ledger a deal's `lead` is kept and ignored (version 1).
        let (Some(id), Some(leads)) = (&d.lead, self.activity.leads.as_deref()) else {
            return;
        };
        if !leads.iter().any(|l| &l.id == id) {
            r.err(
                format!("{path}.lead"),
                format!("\"{id}\" is not a lead of this activity"),
            );
        }
    }

    /// After a deal changed: the ledger measured again (its leads' revenue
    /// and conversions), and who that can change — the deal's people, the
    /// marketers of the leads it came from.
    pub(super) fn deal_changed(
        &mut self,
        mut affected: Vec<String>,
        deal: &str,
        named: &[Option<String>],
    ) -> Vec<String> {
        if self.activity.leads.is_none() {
            affected.sort();
            affected.dedup();
            return affected;
        }
        self.remeasure();
        let leads = self.activity.leads.as_deref().unwrap_or_default();
        let linked = leads
            .iter()
            .filter(|l| {
                l.deal.as_deref() == Some(deal) || named.iter().flatten().any(|n| *n == l.id)
            })
            .flat_map(parties);
        affected.extend(linked);
        self.widen(affected)
    }

    /// A lead's parties, and everyone paid on an alignment stage.
    fn widen(&self, mut affected: Vec<String>) -> Vec<String> {
        let on_alignment = |role: &crate::model::plan::Role| {
            role.measured_metrics()
                .any(|m| PipelineMeasure::parse(m).is_some_and(|m| !m.is_share() && !is_revenue(m)))
        };
        for p in &self.activity.participants {
            if self.plan.role(&p.role).is_some_and(on_alignment) {
                affected.push(p.id.clone());
            }
        }
        affected.retain(|id| self.participant_index.contains_key(id));
        affected.sort();
        affected.dedup();
        affected
    }

    /// The leads routed to or created by `participant`, as the engine holds
    /// them now (live updates in), in (routed_at, id) order: what a screen
    /// hands back changed in an `upsert_lead` what-if.
    pub fn leads_of(&self, participant: &str) -> Result<Vec<Lead>, Error> {
        if !self.participant_index.contains_key(participant) {
            return Err(unknown_participant(participant));
        }
        let leads: &[Lead] = self.activity.leads.as_deref().unwrap_or_default();
        let Some(p) = self.ledger.as_ref().and_then(|l| l.person(participant)) else {
            return Ok(Vec::new());
        };
        let mut list: Vec<u32> = p.routed.iter().chain(&p.created).copied().collect();
        list.sort_by(|&a, &b| {
            let (x, y) = (&leads[a as usize], &leads[b as usize]);
            (x.routed_at, &x.id).cmp(&(y.routed_at, &y.id))
        });
        list.dedup();
        Ok(list.iter().map(|&i| leads[i as usize].clone()).collect())
    }

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
        let row = |i: u32, other: &str| -> LeadRow {
            let (l, f) = (&leads[i as usize], &ledger.facts[i as usize]);
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
                    row(i, other)
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
            let workable =
                matches!(l.status, LeadStatus::Open | LeadStatus::Accepted) && !x.converted;
            match x.speed {
                Speed::Waiting { .. } if workable => w.due.push(l.id.clone()),
                Speed::Waiting { .. } => idle += 1,
                Speed::Missed if l.attempts.is_empty() && workable => w.overdue.push(l.id.clone()),
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

fn is_revenue(m: PipelineMeasure) -> bool {
    matches!(
        m,
        PipelineMeasure::SourcedRevenue | PipelineMeasure::InfluencedRevenue
    )
}

fn parties(l: &Lead) -> Vec<String> {
    let mut v = vec![l.routed_to.clone()];
    v.extend(l.created_by.clone());
    v
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
