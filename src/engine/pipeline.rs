//! The shared pipeline in the engine: the ledger measured when the activity
//! is read or a deal changes, leads pushed and removed live (the ledger
//! changed by that lead's part), and the statement's measure lines. The
//! screen's view is in `pipeline_view`.

use super::{score, unknown_participant, Engine};
use crate::error::{Error, ErrorCode};
use crate::model::lead::{Alignment, Lead};
use crate::model::names::PipelineMeasure;
use crate::pipeline::measures::View;
use crate::pipeline::Ledger;
use crate::read::{self, Reader};
use crate::statement::Statement;
use serde_json::Value;
use std::sync::LazyLock;

/// The alignment of a plan that names none: equal weights, the four stages.
static DEFAULT_ALIGNMENT: LazyLock<Alignment> = LazyLock::new(|| Alignment {
    measures: Alignment::default_measures(),
    stages: Alignment::default_stages(),
});

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
        self.team_memo.clear();
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
        let mut affected = parties(&l);
        match self.ledger.as_mut() {
            Some(ledger) => {
                if let (Some(&i), Some(leads)) = (ledger.index.get(&l.id), &self.activity.leads) {
                    affected.extend(parties(&leads[i as usize]));
                }
                // Only this lead's part of the ledger changes.
                let plan = &self.plan;
                ledger.put(&mut self.activity, l, &self.deal_index, |d| {
                    score::counted(plan, d)
                });
            }
            None => {
                self.activity.leads.get_or_insert_with(Vec::new).push(l);
                self.remeasure();
            }
        }
        Ok(self.widen(affected))
    }

    /// Removes a lead by id; refused while a deal names it (change or
    /// remove the deal first).
    pub fn remove_lead(&mut self, id: &str) -> Result<Vec<String>, Error> {
        self.team_memo.clear();
        let at = self.ledger.as_ref().and_then(|l| l.index.get(id));
        let (Some(&i), Some(leads)) = (at, &self.activity.leads) else {
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
        let gone = parties(&leads[i as usize]);
        if let Some(ledger) = self.ledger.as_mut() {
            let plan = &self.plan;
            ledger.remove(&mut self.activity, id, |d| score::counted(plan, d));
        }
        Ok(self.widen(gone))
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
        let (Some(id), Some(ledger)) = (&d.lead, &self.ledger) else {
            return;
        };
        if !ledger.index.contains_key(id) {
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
            let mut affected = self.with_managers(affected);
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
    fn widen(&self, affected: Vec<String>) -> Vec<String> {
        let mut affected = self.with_managers(affected);
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
