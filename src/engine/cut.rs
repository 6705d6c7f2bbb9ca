//! One participant's cut of the activity: the smaller engine their
//! scenarios run on, and the activity document a portal serves them.

use super::Engine;
use crate::error::Error;
use crate::model::activity::Activity;
use crate::model::lead::{Colleague, Lead, LeadsElsewhere};
use serde_json::Value;
use std::collections::HashSet;

impl Engine {
    /// A smaller engine for one participant's scenarios: the plan, that
    /// participant, the deals they own or touched, and company revenue fixed
    /// at today's figure (so their statement is the same as here).
    pub fn restricted_to(&self, participant: &str) -> Result<Engine, Error> {
        // The same person and deals the statement scores.
        let (person, _, deals) = self.scored(participant)?;
        let mut person = person.clone();
        // Whom they report to is not in the cut.
        person.manager = None;
        // A manager's cut holds their whole team: the team statement, the
        // override and the team bonus are the same from it.
        let below = self.below(participant, u32::MAX);
        let (people, mut deals) = if below.is_empty() {
            (vec![person], deals.cloned().collect())
        } else {
            let mut people = vec![person];
            people.extend(
                below
                    .iter()
                    .map(|&(i, _, _)| self.activity.participants[i].clone()),
            );
            let mut at: Vec<usize> = people
                .iter()
                .flat_map(|p| self.involved.get(&p.id).into_iter().flatten().copied())
                .collect();
            at.sort_unstable();
            at.dedup();
            let deals: Vec<_> = at.iter().map(|&i| self.activity.deals[i].clone()).collect();
            (people, deals)
        };
        let ids: HashSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
        let (leads, leads_elsewhere) = self.leads_cut(&ids, &mut deals);
        let activity = Activity {
            format: self.activity.format.clone(),
            as_of: self.activity.as_of,
            company: Some(crate::model::activity::Company {
                revenue: Some(self.company_revenue()),
            }),
            deals,
            payments: self
                .activity
                .payments
                .iter()
                .filter(|p| ids.contains(p.participant.as_str()))
                .cloned()
                .collect(),
            adjustments: self
                .activity
                .adjustments
                .iter()
                .filter(|a| ids.contains(a.participant.as_str()))
                .cloned()
                .collect(),
            allocations: self
                .activity
                .allocations
                .iter()
                .filter(|a| ids.contains(a.participant.as_str()))
                .cloned()
                .collect(),
            allocated_elsewhere: self.allocated_beyond(participant),
            leads,
            leads_elsewhere,
            benchmarks: None,
            participants: people,
        };
        Ok(Engine::assemble(self.plan.clone(), activity))
    }

    /// The allocations of `participant`'s pools to everybody else, each
    /// as it was made (a share or an amount) but without saying who, and
    /// what was allocated elsewhere already: the cut's "up to", scaling and
    /// what-if shares move exactly as the whole activity's.
    fn allocated_beyond(&self, participant: &str) -> Vec<crate::model::pay::AllocatedElsewhere> {
        let Ok((_, role, _)) = self.scored(participant) else {
            return Vec::new();
        };
        let pools: Vec<&str> = role
            .components
            .iter()
            .filter_map(|c| match c {
                crate::model::plan::Component::Discretionary(x) => Some(x.name.as_str()),
                _ => None,
            })
            .collect();
        let others = self
            .activity
            .allocations
            .iter()
            .filter(|a| a.participant != participant && pools.contains(&a.component.as_str()))
            .map(|a| crate::model::pay::AllocatedElsewhere {
                component: a.component.clone(),
                share: a.share,
                amount: a.amount,
            });
        let away = self
            .activity
            .allocated_elsewhere
            .iter()
            .filter(|e| pools.contains(&e.component.as_str()))
            .cloned();
        others.chain(away).collect()
    }

    /// The ledger of one viewer's cut: their leads (routed to them, created
    /// by them, or named by their deals) whole, the deals their leads
    /// became added to `deals` (their sourced revenue and credit back need
    /// them), and the rest as counts: the company's and the viewer's
    /// team's, so the alignment index is the same as the whole activity's.
    fn leads_cut(
        &self,
        viewers: &HashSet<&str>,
        deals: &mut Vec<crate::model::activity::Deal>,
    ) -> (Option<Vec<Lead>>, Option<LeadsElsewhere>) {
        let (Some(leads), Some(ledger)) = (&self.activity.leads, &self.ledger) else {
            return (None, None);
        };
        let named: HashSet<String> = deals.iter().filter_map(|d| d.lead.clone()).collect();
        let party = |l: &Lead| {
            viewers.contains(l.routed_to.as_str())
                || l.created_by.as_deref().is_some_and(|c| viewers.contains(c))
        };
        let team_of = |id: &str| {
            self.participant_index
                .get(id)
                .and_then(|&i| self.activity.participants[i].team.as_deref())
        };
        // The viewers' teams (a manager's cut: their members' teams).
        let mut teams: Vec<&str> = viewers.iter().filter_map(|v| team_of(v)).collect();
        teams.sort_unstable();
        teams.dedup();
        let before = self.activity.leads_elsewhere.clone().unwrap_or_default();
        let mut elsewhere = LeadsElsewhere {
            participants: Vec::new(),
            company: before.company,
            teams: teams
                .iter()
                .map(|t| {
                    (
                        t.to_string(),
                        before.teams.get(*t).copied().unwrap_or_default(),
                    )
                })
                .collect(),
        };
        let mut kept = Vec::new();
        let mut added = Vec::new();
        let mut have: HashSet<String> = deals.iter().map(|d| d.id.clone()).collect();
        let min = ledger.rules.min_attempts;
        for (l, f) in leads.iter().zip(&ledger.facts) {
            // The viewers' teams this lead counts for (its rep's, its marketer's).
            let mut in_teams: Vec<&str> = [Some(l.routed_to.as_str()), l.created_by.as_deref()]
                .into_iter()
                .flatten()
                .filter_map(team_of)
                .filter(|t| teams.contains(t))
                .collect();
            in_teams.dedup();
            if party(l) || named.contains(&l.id) {
                if !party(l) {
                    // Kept for a deal of the viewer's, its parties not in the
                    // cut: its part of the team's counts goes with it.
                    for t in &in_teams {
                        let c = f.counts(l, min);
                        elsewhere.teams.entry(t.to_string()).or_default().add(&c);
                    }
                }
                kept.push(l.clone());
                if let Some(d) = f.deal.map(|d| &self.activity.deals[d as usize]) {
                    if have.insert(d.id.clone()) {
                        added.push(d);
                    }
                }
                continue;
            }
            let c = f.counts(l, min);
            elsewhere.company.add(&c);
            for t in &in_teams {
                elsewhere.teams.entry(t.to_string()).or_default().add(&c);
            }
        }
        // A colleague's deal a kept lead became: what the ledger reads of
        // it (dates, stage, revenue, the lead it names when that is kept),
        // not its costs, prices, products or touches.
        let ids: HashSet<&str> = kept.iter().map(|l| l.id.as_str()).collect();
        deals.extend(added.into_iter().map(|d| {
            let mut d = d.clone();
            d.name = None;
            d.touches.clear();
            for l in &mut d.lines {
                (l.product, l.cost, l.list_price) = (None, None, None);
            }
            (d.product, d.cost, d.list_price) = (None, None, None);
            d.lead = d.lead.filter(|id| ids.contains(id.as_str()));
            d
        }));
        let mut others: Vec<&str> = kept
            .iter()
            .flat_map(|l| std::iter::once(&l.routed_to).chain(&l.created_by))
            .map(String::as_str)
            .filter(|id| !viewers.contains(id))
            .collect();
        others.sort_unstable();
        others.dedup();
        elsewhere.participants = others
            .into_iter()
            .map(|id| Colleague {
                id: id.to_string(),
                name: self.name_of(id),
            })
            .collect();
        deals.sort_by(|a, b| (a.close_date, &a.id).cmp(&(b.close_date, &b.id)));
        (Some(kept), Some(elsewhere))
    }

    /// What one viewer's page needs, as an activity document: that
    /// participant, the deals they own or touched (whole, with every touch:
    /// attribution shares need them), their payments and adjustments, and company revenue
    /// fixed at today's figure. Their statement from it is the same as from
    /// the whole activity; colleagues' other deals, payments and names stay
    /// on the server.
    pub fn activity_for(&self, participant: &str) -> Result<Value, Error> {
        let mut cut = self.restricted_to(participant)?;
        // The peers' anonymous benchmarks, from everyone here.
        cut.activity.benchmarks = Some(self.benchmarks()?);
        let mut v = serde_json::to_value(cut.activity()).unwrap_or(Value::Null);
        drop_nulls(&mut v);
        if let Value::Object(o) = &mut v {
            o.insert("format".into(), Value::from("incentive-activity/1"));
        }
        Ok(v)
    }
}

/// Removes null fields (the reader takes an absent field, not a null one,
/// for most optional fields).
fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.retain(|_, x| !x.is_null());
            o.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}
