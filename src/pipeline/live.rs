//! A lead pushed or removed live: the ledger changed by that lead's part
//! alone, not measured again whole. Counts are sums, so a lead's part is
//! taken away and the new one added; the deal it became (before and after)
//! has its sourced and influenced revenue taken away and added again, from
//! the leads that deal now comes from. What comes out is what
//! [`Ledger::build`] makes of the changed activity (a property test holds
//! the two to it).

use super::{classify, lead_deal, Ledger};
use crate::model::activity::{Activity, Deal};
use crate::model::lead::{Lead, LeadCounts};
use std::collections::HashMap;

impl Ledger {
    /// Puts `lead` in the activity's ledger (replacing the lead with its id,
    /// or added last), and changes the ledger by it. `counted` says which
    /// deals count.
    pub fn put(
        &mut self,
        activity: &mut Activity,
        lead: Lead,
        deal_index: &HashMap<String, usize>,
        counted: impl Fn(&Deal) -> bool,
    ) {
        let deal = lead_deal(&lead, &self.named, &activity.deals, deal_index);
        let facts = classify(&lead, self.sla, self.now, deal);
        let at = self.index.get(&lead.id).map(|&i| i as usize);
        let touched = [at.and_then(|i| self.facts[i].deal), facts.deal];
        self.revenue_of(activity, &touched, &counted, false);
        let i = match at {
            Some(i) => {
                self.count(activity, i, false);
                activity.leads.get_or_insert_with(Vec::new)[i] = lead;
                self.facts[i] = facts;
                i
            }
            None => {
                let leads = activity.leads.get_or_insert_with(Vec::new);
                self.index.insert(lead.id.clone(), leads.len() as u32);
                leads.push(lead);
                self.facts.push(facts);
                leads.len() - 1
            }
        };
        self.count(activity, i, true);
        self.revenue_of(activity, &touched, &counted, true);
    }

    /// Takes lead `id` out of the activity's ledger and the ledger by its
    /// part; false when there is no such lead.
    pub fn remove(
        &mut self,
        activity: &mut Activity,
        id: &str,
        counted: impl Fn(&Deal) -> bool,
    ) -> bool {
        let Some(i) = self.index.get(id).map(|&i| i as usize) else {
            return false;
        };
        let touched = [self.facts[i].deal, None];
        self.revenue_of(activity, &touched, &counted, false);
        self.count(activity, i, false);
        let Some(leads) = activity.leads.as_mut() else {
            return false;
        };
        let last = leads.len() - 1;
        leads.swap_remove(i);
        self.facts.swap_remove(i);
        self.index.remove(id);
        if i != last {
            // The last lead moved to `i`: every list naming it by place.
            let moved = &leads[i];
            self.index.insert(moved.id.clone(), i as u32);
            let renumber = |list: &mut Vec<u32>| {
                list.iter_mut()
                    .filter(|x| **x == last as u32)
                    .for_each(|x| *x = i as u32);
            };
            let parties = std::iter::once(&moved.routed_to).chain(&moved.created_by);
            for p in parties {
                if let Some(person) = self.people.get_mut(p) {
                    renumber(&mut person.routed);
                    renumber(&mut person.created);
                }
            }
            if let Some(d) = self.facts[i].deal {
                renumber(self.by_deal.entry(d).or_default());
            }
        }
        self.revenue_of(activity, &touched, &counted, true);
        true
    }

    /// Lead `i`'s part of the counts and lists: added, or taken away.
    fn count(&mut self, activity: &Activity, i: usize, add: bool) {
        let leads: &[Lead] = activity.leads.as_deref().unwrap_or_default();
        let (l, f) = (&leads[i], self.facts[i]);
        let c = f.counts(l, self.rules.min_attempts);
        let apply = |to: &mut LeadCounts| if add { to.add(&c) } else { to.sub(&c) };
        apply(&mut self.company);
        let team_of = |id: &str| {
            activity
                .participants
                .iter()
                .find(|p| p.id == id)
                .and_then(|p| p.team.clone())
        };
        let rep_team = team_of(&l.routed_to);
        let mk_team = l
            .created_by
            .as_deref()
            .and_then(team_of)
            .filter(|t| Some(t) != rep_team.as_ref());
        for t in rep_team.iter().chain(&mk_team) {
            apply(self.teams.entry(t.clone()).or_default());
        }
        let place = |list: &mut Vec<u32>| {
            let key = (l.routed_at, &l.id);
            if add {
                let at = list.partition_point(|&j| {
                    let o = &leads[j as usize];
                    (o.routed_at, &o.id) < key
                });
                list.insert(at, i as u32);
            } else {
                list.retain(|&j| j != i as u32);
            }
        };
        let rep = self.people.entry(l.routed_to.clone()).or_default();
        place(&mut rep.routed);
        apply(&mut rep.as_rep);
        if let Some(m) = &l.created_by {
            let mk = self.people.entry(m.clone()).or_default();
            place(&mut mk.created);
            apply(&mut mk.as_marketer);
        }
        if let Some(d) = f.deal {
            let list = self.by_deal.entry(d).or_default();
            if add {
                list.push(i as u32);
            } else {
                list.retain(|&j| j != i as u32);
            }
        }
    }

    /// The sourced and influenced revenue of each of `deals` (once each):
    /// added, or taken away, for the marketers of the leads it came from
    /// and everyone with a touch on it.
    fn revenue_of(
        &mut self,
        activity: &Activity,
        deals: &[Option<u32>],
        counted: &impl Fn(&Deal) -> bool,
        add: bool,
    ) {
        let leads: &[Lead] = activity.leads.as_deref().unwrap_or_default();
        let all = &activity.deals;
        for (k, &d) in deals.iter().enumerate() {
            let Some(d) = d.filter(|d| !deals[..k].contains(&Some(*d))) else {
                continue;
            };
            let deal = &all[d as usize];
            if !counted(deal) {
                continue;
            }
            let mut sourced: Vec<&str> = Vec::new();
            for &j in self.by_deal.get(&d).into_iter().flatten() {
                if let Some(m) = leads[j as usize].created_by.as_deref() {
                    if !sourced.contains(&m) {
                        sourced.push(m);
                    }
                }
            }
            let mut who = sourced.clone();
            for t in &deal.touches {
                if let Some(p) = t.participant.as_deref().filter(|p| !who.contains(p)) {
                    who.push(p);
                }
            }
            let revenue = deal.revenue();
            let place = |list: &mut Vec<u32>| {
                if add {
                    let key = (deal.close_date, &deal.id);
                    let at = list.partition_point(|&j| {
                        let o = &all[j as usize];
                        (o.close_date, &o.id) < key
                    });
                    list.insert(at, d);
                } else {
                    list.retain(|&j| j != d);
                }
            };
            let signed = if add { revenue } else { -revenue };
            for p in who {
                let person = self.people.entry(p.to_string()).or_default();
                if sourced.contains(&p) {
                    place(&mut person.sourced);
                    person.sourced_revenue = person.sourced_revenue.saturating_add(signed);
                }
                place(&mut person.influenced);
                person.influenced_revenue = person.influenced_revenue.saturating_add(signed);
            }
        }
    }
}
