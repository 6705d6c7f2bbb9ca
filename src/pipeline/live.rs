//! A lead pushed or removed live: the ledger changed by that lead's part
//! alone ([`super::parts`]), not measured again whole. Counts are sums, so a
//! lead's part is taken away and the new one added; the deal it became
//! (before and after) has its sourced and influenced revenue taken away and
//! added again, from the leads that deal now comes from. What comes out is
//! what [`Ledger::build`] makes of the changed activity (a property test
//! holds the two to it).

use super::parts::Part;
use super::{classify, lead_deal, Ledger};
use crate::model::activity::{Activity, Deal};
use crate::model::lead::Lead;
use std::collections::HashMap;

fn leads_of(a: &Activity) -> &[Lead] {
    a.leads.as_deref().unwrap_or_default()
}

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
        self.revenue_of(
            leads_of(activity),
            &activity.deals,
            &touched,
            &counted,
            Part::Take,
        );
        let i = match at {
            Some(i) => {
                self.count(leads_of(activity), i, Part::Take);
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
        self.count(leads_of(activity), i, Part::Add);
        self.revenue_of(
            leads_of(activity),
            &activity.deals,
            &touched,
            &counted,
            Part::Add,
        );
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
        self.revenue_of(
            leads_of(activity),
            &activity.deals,
            &touched,
            &counted,
            Part::Take,
        );
        self.count(leads_of(activity), i, Part::Take);
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
        self.revenue_of(
            leads_of(activity),
            &activity.deals,
            &touched,
            &counted,
            Part::Add,
        );
        true
    }
}
