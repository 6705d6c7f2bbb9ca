//! A lead's part and a deal's part of the ledger: what measuring a whole
//! ledger adds for each ([`Ledger::build`]), and what a live change takes
//! away and adds again ([`super::live`]). One rule for both, so the two
//! cannot drift apart.

use super::Ledger;
use crate::model::activity::Deal;
use crate::model::lead::{Lead, LeadCounts};

/// How a part goes into the ledger's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// Added while the whole ledger is measured: pushed (the lists are
    /// sorted once at the end).
    Build,
    /// Added live: put in its place in the sorted lists.
    Add,
    /// Taken away.
    Take,
}

impl Part {
    /// Puts `x` in `list` (or takes it out); `before(j)` says whether `j`
    /// sorts before `x`.
    fn place(self, list: &mut Vec<u32>, x: u32, before: impl Fn(u32) -> bool) {
        match self {
            Part::Build => list.push(x),
            Part::Add => {
                let at = list.partition_point(|&j| before(j));
                list.insert(at, x);
            }
            Part::Take => list.retain(|&j| j != x),
        }
    }
}

impl Ledger {
    /// Lead `i`'s part of the counts and lists: added, or taken away.
    pub(super) fn count(&mut self, leads: &[Lead], i: usize, part: Part) {
        let (l, f) = (&leads[i], self.facts[i]);
        let add = part != Part::Take;
        let c = f.counts(l, self.rules.min_attempts);
        let apply = |to: &mut LeadCounts| if add { to.add(&c) } else { to.sub(&c) };
        apply(&mut self.company);
        // A lead counts for its rep's team and its marketer's (once when
        // they share one).
        let rep_team = self.team_of.get(&l.routed_to).cloned();
        let mk_team = l
            .created_by
            .as_ref()
            .and_then(|m| self.team_of.get(m))
            .filter(|t| Some(*t) != rep_team.as_ref())
            .cloned();
        for t in rep_team.iter().chain(&mk_team) {
            apply(self.teams.entry(t.clone()).or_default());
        }
        let place = |list: &mut Vec<u32>| {
            part.place(list, i as u32, |j| {
                let o = &leads[j as usize];
                (o.routed_at, &o.id) < (l.routed_at, &l.id)
            })
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
            // Unordered: which leads a deal came from.
            let list = self.by_deal.entry(d).or_default();
            match add {
                true => list.push(i as u32),
                false => list.retain(|&j| j != i as u32),
            }
        }
    }

    /// The sourced and influenced revenue of each of `deals` (once each):
    /// added, or taken away, for the marketers of the leads it came from
    /// and everyone with a touch on it.
    pub(super) fn revenue_of(
        &mut self,
        leads: &[Lead],
        all: &[Deal],
        deals: &[Option<u32>],
        counted: &impl Fn(&Deal) -> bool,
        part: Part,
    ) {
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
                part.place(list, d, |j| {
                    let o = &all[j as usize];
                    (o.close_date, &o.id) < (deal.close_date, &deal.id)
                })
            };
            let signed = if part == Part::Take {
                -revenue
            } else {
                revenue
            };
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
