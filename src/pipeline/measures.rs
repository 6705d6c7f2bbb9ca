//! One participant's pipeline measures: their values (what a bonus or
//! modifier pays on) and their sentences with the leads they counted.

use super::alignment::{standing, Standing};
use super::{hours, hours_up, Ledger, Person, Speed};
use crate::decimal::exact::Ratio;
use crate::decimal::{grouped, percent};
use crate::model::activity::{Activity, Participant};
use crate::model::lead::{Alignment, Lead, LeadCounts};
use crate::model::names::PipelineMeasure;
use rust_decimal::Decimal;
use serde::Serialize;

/// The ledger as one statement sees it.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub ledger: &'a Ledger,
    pub activity: &'a Activity,
    pub alignment: Option<&'a Alignment>,
    pub scale: u32,
    /// Participant ids → index in the activity's participants.
    pub people: &'a std::collections::HashMap<String, usize>,
}

/// One measure of a statement: its value, its sentence, what it counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureLine {
    pub measure: &'static str,
    /// Its name in words ("speed-to-lead").
    pub title: &'static str,
    /// "share", "money", "index" or "stage": how its value reads.
    pub unit: &'static str,
    /// The exact quotient (a share), the money figure, the index, or the
    /// stage's number (1 = the first); null when there is nothing to count.
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub value: Option<Decimal>,
    /// For a share: what it is of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    pub explain: String,
    /// The leads it counted.
    pub leads: Vec<String>,
    /// The deals it counted (revenue measures).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deals: Vec<String>,
}

const NOBODY: &Person = &Person {
    routed: Vec::new(),
    created: Vec::new(),
    as_rep: LeadCounts::NONE,
    as_marketer: LeadCounts::NONE,
    sourced: Vec::new(),
    sourced_revenue: Decimal::ZERO,
    influenced: Vec::new(),
    influenced_revenue: Decimal::ZERO,
};

impl<'a> View<'a> {
    fn leads(&self) -> &'a [Lead] {
        self.activity.leads.as_deref().unwrap_or_default()
    }

    fn person(&self, who: &Participant) -> &'a Person {
        self.ledger.person(&who.id).unwrap_or(NOBODY)
    }

    /// The counts a share of `who` is taken over.
    fn counts(&self, who: &Participant, m: PipelineMeasure) -> LeadCounts {
        let p = self.person(who);
        match m {
            PipelineMeasure::SpeedToLead | PipelineMeasure::FollowUp => p.as_rep,
            _ => p.as_marketer,
        }
    }

    /// The company's standing, or `who`'s team's.
    pub fn standing(&self, who: Option<&Participant>) -> Option<Standing<'a>> {
        let counts = match who {
            None => &self.ledger.company,
            Some(p) => self.ledger.teams.get(p.team.as_deref()?)?,
        };
        standing(self.alignment?, counts)
    }

    /// What a bonus or modifier measuring `m` pays on (None: nothing to
    /// count, as a bonus without its measure).
    pub fn value(&self, who: &Participant, m: PipelineMeasure) -> Option<Ratio> {
        use PipelineMeasure::*;
        let p = self.person(who);
        match m {
            SpeedToLead | FollowUp | Acceptance | LeadQuality => {
                let (n, d) = self.counts(who, m).share(m);
                (d > 0).then(|| Ratio::new(Decimal::from(n), Decimal::from(d)))
            }
            SourcedRevenue => Some(Ratio::of(p.sourced_revenue)),
            InfluencedRevenue => Some(Ratio::of(p.influenced_revenue)),
            AlignmentIndex => self.standing(None).map(|s| s.index),
            TeamAlignmentIndex => self.standing(Some(who)).map(|s| s.index),
            AlignmentStage => self.standing(None).map(|s| stage_number(&s)),
            TeamAlignmentStage => self.standing(Some(who)).map(|s| stage_number(&s)),
        }
    }

    /// The measure's words in a bonus's sentence: "speed-to-lead 11/12
    /// (91.6667%)", "alignment stage 4 (fusion)".
    pub fn words(&self, who: &Participant, m: PipelineMeasure) -> String {
        use PipelineMeasure::*;
        match (m, self.value(who, m)) {
            (_, None) => format!("{} (nothing to count yet)", m.title()),
            (SpeedToLead | FollowUp | Acceptance | LeadQuality, Some(r)) => {
                format!("{} {}/{} ({})", m.title(), r.num, r.den, percent(r.value()))
            }
            (SourcedRevenue | InfluencedRevenue, Some(r)) => {
                format!("{} {}", m.title(), grouped(r.num, self.scale))
            }
            (AlignmentStage | TeamAlignmentStage, Some(r)) => {
                let team = m == TeamAlignmentStage;
                let name = self
                    .standing(team.then_some(who))
                    .map(|s| s.stage_name().to_string())
                    .unwrap_or_default();
                format!("{} {} ({name})", m.title(), r.num)
            }
            (AlignmentIndex | TeamAlignmentIndex, Some(r)) => {
                format!("{} {}", m.title(), percent(r.value()))
            }
        }
    }

    /// The measure's statement line.
    pub fn line(&self, who: &Participant, m: PipelineMeasure) -> MeasureLine {
        use PipelineMeasure::*;
        let value = self.value(who, m);
        let mut line = MeasureLine {
            measure: m.as_str(),
            title: m.title(),
            unit: m.unit(),
            value: value.map(|r| match m {
                SourcedRevenue | InfluencedRevenue => {
                    let mut money = r.num;
                    money.rescale(self.scale);
                    money
                }
                _ => r.ratio(),
            }),
            numerator: None,
            denominator: None,
            explain: String::new(),
            leads: Vec::new(),
            deals: Vec::new(),
        };
        match m {
            SpeedToLead | FollowUp | Acceptance | LeadQuality => {
                let (n, d) = self.counts(who, m).share(m);
                line.numerator = Some(n);
                line.denominator = Some(d);
                let (explain, leads) = self.share_sentence(who, m, n, d);
                line.explain = explain;
                line.leads = leads;
            }
            SourcedRevenue | InfluencedRevenue => self.revenue_line(who, m, &mut line),
            AlignmentIndex | AlignmentStage | TeamAlignmentIndex | TeamAlignmentStage => {
                let team = matches!(m, TeamAlignmentIndex | TeamAlignmentStage);
                line.explain = match self.standing(team.then_some(who)) {
                    Some(s) => {
                        let whose = if team { "The team's" } else { "The company's" };
                        s.sentence(whose)
                    }
                    None => "no lead has anything to count yet: no alignment index".into(),
                };
            }
        }
        line
    }

    fn share_sentence(
        &self,
        who: &Participant,
        m: PipelineMeasure,
        n: u64,
        d: u64,
    ) -> (String, Vec<String>) {
        let leads = self.leads();
        let p = self.person(who);
        let rules = &self.ledger.rules;
        let side = match m {
            PipelineMeasure::SpeedToLead | PipelineMeasure::FollowUp => &p.routed,
            _ => &p.created,
        };
        // The leads in its denominator: one rule, the counts' own.
        let counted: Vec<String> = side
            .iter()
            .filter(|&&i| self.part(i, m).1 == 1)
            .map(|&i| leads[i as usize].id.clone())
            .collect();
        let of = |what: &str| -> String {
            if d == 0 {
                let none = match m {
                    PipelineMeasure::SpeedToLead => {
                        "no lead routed to you is attempted or past its SLA yet"
                    }
                    PipelineMeasure::FollowUp => "you have rejected no lead",
                    PipelineMeasure::Acceptance => "sales has decided on none of your leads yet",
                    _ => "sales has accepted none of your leads yet",
                };
                format!("{} has nothing to count: {none}", m.title())
            } else {
                format!("{n} of {d} {what}")
            }
        };
        let mut out = match m {
            PipelineMeasure::SpeedToLead => of(&format!(
                "leads routed to you had a first attempt within {} h",
                crate::decimal::plain(rules.sla_hours)
            )),
            PipelineMeasure::FollowUp => of(&format!(
                "leads you rejected had at least {} attempts first",
                rules.min_attempts
            )),
            PipelineMeasure::Acceptance => of("of your leads that sales decided on were accepted"),
            _ => of("of your accepted leads converted to deals"),
        };
        if d > 0 {
            out.push_str(" = ");
            out.push_str(&percent(Decimal::from(n) / Decimal::from(d)));
        }
        let notes = self.notes(p, m);
        if !notes.is_empty() {
            out.push_str("; ");
            out.push_str(&notes.join("; "));
        }
        (out, counted)
    }

    /// Lead `i`'s part of share `m`: (numerator, denominator), each 0 or 1.
    fn part(&self, i: u32, m: PipelineMeasure) -> (u64, u64) {
        let (l, f) = (&self.leads()[i as usize], &self.ledger.facts[i as usize]);
        f.counts(l, self.ledger.rules.min_attempts).share(m)
    }

    /// The leads of `list` that cost share `m`: in its denominator, not
    /// its numerator.
    fn cost<'l>(&self, list: &'l [u32], m: PipelineMeasure) -> impl Iterator<Item = usize> + 'l
    where
        'a: 'l,
    {
        let view = *self;
        list.iter()
            .filter(move |&&i| view.part(i, m) == (0, 1))
            .map(|&i| i as usize)
    }

    /// The leads that cost a share, named (and the median, the waiting).
    fn notes(&self, p: &Person, m: PipelineMeasure) -> Vec<String> {
        let leads = self.leads();
        let f = &self.ledger.facts;
        let mut notes = Vec::new();
        let mut list = |title: &str, items: Vec<String>| {
            if !items.is_empty() {
                notes.push(format!("{title}: {}", items.join(", ")));
            }
        };
        match m {
            PipelineMeasure::SpeedToLead => {
                let mut first: Vec<i128> = p
                    .routed
                    .iter()
                    .filter_map(|&i| f[i as usize].first_after)
                    .collect();
                first.sort_unstable();
                let missed = self
                    .cost(&p.routed, m)
                    .map(|i| match f[i].first_after {
                        Some(n) => {
                            format!("{} (first attempt after {} h)", leads[i].id, hours_up(n))
                        }
                        None => format!("{} (no attempt)", leads[i].id),
                    })
                    .collect();
                list("late", missed);
                if let Some(median) = median(&first) {
                    notes.push(format!("median {} h to a first attempt", hours(median)));
                }
                let waiting = p
                    .routed
                    .iter()
                    .filter(|&&i| matches!(f[i as usize].speed, Speed::Waiting { .. }))
                    .count();
                if waiting > 0 {
                    notes.push(format!(
                        "{waiting} lead{} still within the SLA, not counted yet",
                        if waiting == 1 { "" } else { "s" }
                    ));
                }
            }
            PipelineMeasure::FollowUp => {
                let dropped = self
                    .cost(&p.routed, m)
                    .map(|i| {
                        let n = f[i].attempts_before;
                        format!(
                            "{} ({n} attempt{})",
                            leads[i].id,
                            if n == 1 { "" } else { "s" }
                        )
                    })
                    .collect();
                list("dropped after fewer", dropped);
            }
            PipelineMeasure::Acceptance => {
                let rejected = self
                    .cost(&p.created, m)
                    .map(|i| {
                        let reason = leads[i].reject_reason.as_deref().unwrap_or_default();
                        format!("{} ({reason})", leads[i].id)
                    })
                    .collect();
                list("rejected", rejected);
                list(
                    "credited back (rejected, then a deal came of it)",
                    self.credited_back(p),
                );
            }
            _ => list(
                "credited back (rejected, then a deal came of it)",
                self.credited_back(p),
            ),
        }
        notes
    }

    fn credited_back(&self, p: &Person) -> Vec<String> {
        let leads = self.leads();
        p.created
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| self.ledger.facts[i].credited_back)
            .map(|i| leads[i].id.clone())
            .collect()
    }

    fn revenue_line(&self, who: &Participant, m: PipelineMeasure, line: &mut MeasureLine) {
        let p = self.person(who);
        let deals = &self.activity.deals;
        let (list, total, what) = match m {
            PipelineMeasure::SourcedRevenue => {
                (&p.sourced, p.sourced_revenue, "deals from your leads")
            }
            _ => (
                &p.influenced,
                p.influenced_revenue,
                "deals with your touches or from your leads",
            ),
        };
        // The lead each sourced deal came from, and whether credited back.
        let leads = self.leads();
        // Each deal's first lead of theirs (in routing order), found once.
        let mut by_deal: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
        for &i in &p.created {
            if let Some(d) = self.ledger.facts[i as usize].deal {
                by_deal.entry(d).or_insert(i as usize);
            }
        }
        let from_lead = |d: u32| by_deal.get(&d).copied();
        let terms: Vec<String> = list
            .iter()
            .map(|&d| {
                let deal = &deals[d as usize];
                let mut t = format!("{} {}", deal.id, grouped(deal.revenue(), self.scale));
                if let Some(i) = from_lead(d).filter(|&i| self.ledger.facts[i].credited_back) {
                    let l = &leads[i];
                    t.push_str(&format!(
                        " (your lead {}: rejected by {}, then closed — credited back to you as sourced)",
                        l.id,
                        self.name_of(&l.routed_to)
                    ));
                }
                t
            })
            .collect();
        line.explain = if terms.is_empty() {
            format!(
                "no counted deal of {what} = {}",
                grouped(Decimal::ZERO, self.scale)
            )
        } else {
            format!(
                "{what}: {} = {}",
                terms.join(" + "),
                grouped(total, self.scale)
            )
        };
        line.deals = list.iter().map(|&d| deals[d as usize].id.clone()).collect();
        let summed: std::collections::HashSet<u32> = list.iter().copied().collect();
        line.leads = p
            .created
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| {
                self.ledger.facts[i]
                    .deal
                    .is_some_and(|d| summed.contains(&d))
            })
            .map(|i| leads[i].id.clone())
            .collect();
    }

    /// A participant's name, or a colleague's a cut names; their id when
    /// unnamed.
    pub fn name_of(&self, id: &str) -> String {
        let named = match self.people.get(id) {
            Some(&i) => self.activity.participants[i].name.as_deref(),
            None => self
                .activity
                .leads_elsewhere
                .as_ref()
                .and_then(|e| e.participants.iter().find(|c| c.id == id)?.name.as_deref()),
        };
        named.unwrap_or(id).to_string()
    }
}

/// The stage's number: 1 for the first.
fn stage_number(s: &Standing<'_>) -> Ratio {
    Ratio::of(Decimal::from(s.stage as u64 + 1))
}

/// The median of sorted values (the mean of the middle two, rounded down
/// to the nanosecond, for an even count).
fn median(sorted: &[i128]) -> Option<i128> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]).div_euclid(2)),
    }
}
