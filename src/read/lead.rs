//! Reads the shared pipeline: the activity's `leads` (the handoff ledger)
//! and `leads_elsewhere`, the plan's `pipeline` rules and `alignment`; and
//! checks the ledger against the participants and deals.

use super::{Check, Obj, Reader};
use crate::date::Timestamp;
use crate::limits;
use crate::model::activity::Activity;
use crate::model::lead::*;
use crate::model::names::{LeadStatus, PipelineMeasure};
use crate::model::plan::Plan;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// Leads read ahead of the rest of the activity (streamed).
pub type Leads = super::activity::ReadAhead<Lead>;

/// The number of attempts a lead's JSON lists.
pub fn count_attempts(lead: &Value) -> usize {
    lead.get("attempts")
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// The message when the leads' attempts in all exceed the limit.
pub fn attempts_over_limit(total: usize) -> Option<String> {
    (total > limits::MAX_TOUCHES).then(|| {
        format!(
            "the leads have {total} attempts in all; the limit is {}",
            limits::MAX_TOUCHES
        )
    })
}

/// The activity's `leads` (None when absent: the ledger is then off), or
/// the leads streamed ahead.
pub(super) fn leads(
    r: &mut Reader,
    o: &mut Obj<'_>,
    streamed: Option<Leads>,
) -> Option<Option<Vec<Lead>>> {
    let list = match (streamed, o.get("leads")) {
        (Some(read), _) => {
            r.absorb(read.reader);
            read.items?
        }
        (None, None) => return Some(None),
        (None, Some((v, p))) => r.counted_list(v, &p, count_attempts, attempts_over_limit, lead)?,
    };
    r.unique(
        list.iter()
            .enumerate()
            .map(|(i, l)| (l.id.as_str(), format!("activity.leads[{i}].id"))),
        "lead id",
    );
    Some(Some(list))
}

/// One lead, checked on its own (every time after `created_at`, a reason
/// for a rejection, the deal of a conversion).
pub fn lead(r: &mut Reader, v: &Value, path: &str) -> Option<Lead> {
    let mut o = r.object(v, path)?;
    let id = r.req_str(&mut o, "id");
    let campaign = r.req_str(&mut o, "campaign");
    let created_at = r
        .req(&mut o, "created_at")
        .and_then(|(v, p)| r.timestamp(v, &p));
    let created_by = o.get("created_by").map(|(v, p)| r.string(v, &p));
    let routed_to = r.req_str(&mut o, "routed_to");
    let routed_at = r
        .req(&mut o, "routed_at")
        .and_then(|(v, p)| r.timestamp(v, &p));
    let attempts = match o.get("attempts") {
        Some((v, p)) => r.list_max(v, &p, limits::MAX_TOUCHES_PER_DEAL, attempt),
        None => Some(Vec::new()),
    };
    let status = r
        .req(&mut o, "status")
        .and_then(|(v, p)| r.name(v, &p, LeadStatus::parse, LeadStatus::expected));
    let decided_at = o.get("decided_at").map(|(v, p)| r.timestamp(v, &p));
    let reject_reason = o.get("reject_reason").map(|(v, p)| r.string(v, &p));
    let deal = o.get("deal").map(|(v, p)| r.string(v, &p));
    r.deny_unknown(&o);

    let after = |r: &mut Reader, t: Option<Timestamp>, key: &str| {
        if let (Some(c), Some(t)) = (created_at, t) {
            if t < c {
                r.err(
                    o.field_path(key),
                    format!("{t} is before the lead was created ({c})"),
                );
            }
        }
    };
    after(r, routed_at, "routed_at");
    if let Some(Some(t)) = decided_at {
        after(r, Some(t), "decided_at");
    }
    if let (Some(c), Some(list)) = (created_at, &attempts) {
        for (k, a) in list.iter().enumerate() {
            if a.at < c {
                r.err(
                    format!("{path}.attempts[{k}].at"),
                    format!("{} is before the lead was created ({c})", a.at),
                );
            }
        }
    }
    let reason = reject_reason
        .clone()
        .flatten()
        .filter(|s| !s.trim().is_empty());
    if status == Some(LeadStatus::Rejected) && reason.is_none() {
        r.err(
            o.field_path("reject_reason"),
            "is required: the lead is rejected (the marketer sees why)",
        );
    }
    if status == Some(LeadStatus::Converted) && deal.is_none() {
        r.err(
            o.field_path("deal"),
            "is required: the lead is converted (the deal it became)",
        );
    }
    Some(Lead {
        id: id?,
        campaign: campaign?,
        created_at: created_at?,
        created_by: created_by.map_or(Some(None), |x| x.map(Some))?,
        routed_to: routed_to?,
        routed_at: routed_at?,
        attempts: attempts?,
        status: status?,
        decided_at: decided_at.map_or(Some(None), |x| x.map(Some))?,
        reject_reason: match reject_reason {
            Some(x) => Some(x?),
            None => None,
        },
        deal: deal.map_or(Some(None), |x| x.map(Some))?,
    })
}

fn attempt(r: &mut Reader, v: &Value, path: &str) -> Option<Attempt> {
    let mut o = r.object(v, path)?;
    let at = r.req(&mut o, "at").and_then(|(v, p)| r.timestamp(v, &p));
    let channel = r.req_str(&mut o, "channel");
    r.deny_unknown(&o);
    Some(Attempt {
        at: at?,
        channel: channel?,
    })
}

/// The activity's `leads_elsewhere` (written by a cut).
pub(super) fn leads_elsewhere(r: &mut Reader, o: &mut Obj<'_>) -> Option<Option<LeadsElsewhere>> {
    let Some((v, p)) = o.get("leads_elsewhere") else {
        return Some(None);
    };
    let mut e = r.object(v, &p)?;
    let participants = match e.get("participants") {
        Some((v, p)) => r.list_max(v, &p, limits::MAX_PARTICIPANTS, colleague),
        None => Some(Vec::new()),
    };
    let company = r.req(&mut e, "company").and_then(|(v, p)| counts(r, v, &p));
    let teams = match e.get("teams") {
        Some((Value::Object(map), p)) => map
            .iter()
            .map(|(k, v)| Some((k.clone(), counts(r, v, &super::child(&p, k))?)))
            .collect::<Option<BTreeMap<_, _>>>(),
        Some((other, p)) => r.object(other, &p).map(|_| BTreeMap::new()),
        None => Some(BTreeMap::new()),
    };
    r.deny_unknown(&e);
    Some(Some(LeadsElsewhere {
        participants: participants?,
        company: company?,
        teams: teams?,
    }))
}

fn colleague(r: &mut Reader, v: &Value, path: &str) -> Option<Colleague> {
    let mut o = r.object(v, path)?;
    let id = r.req_str(&mut o, "id");
    let name = o.get("name").map(|(v, p)| r.string(v, &p));
    r.deny_unknown(&o);
    Some(Colleague {
        id: id?,
        name: name.map_or(Some(None), |n| n.map(Some))?,
    })
}

fn counts(r: &mut Reader, v: &Value, path: &str) -> Option<LeadCounts> {
    let mut o = r.object(v, path)?;
    let mut n = |key: &'static str| match o.get(key) {
        Some((v, p)) => r.whole(v, &p, limits::MAX_DEALS as u64 * 1_000),
        None => Some(0),
    };
    let c = LeadCounts {
        timed: n("timed")?,
        in_sla: n("in_sla")?,
        rejected: n("rejected")?,
        followed_up: n("followed_up")?,
        decided: n("decided")?,
        accepted: n("accepted")?,
        converted: n("converted")?,
    };
    r.deny_unknown(&o);
    let nested = c.in_sla <= c.timed
        && c.followed_up <= c.rejected
        && c.accepted <= c.decided
        && c.converted <= c.accepted;
    if !nested {
        r.err(
            path,
            "each count must be at most the one it is a share of (in_sla ≤ timed, \
             followed_up ≤ rejected, accepted ≤ decided, converted ≤ accepted)",
        );
    }
    Some(c)
}

/// The plan's `pipeline` rules (defaults when absent).
pub(super) fn rules(r: &mut Reader, o: &mut Obj<'_>) -> Option<Option<PipelineRules>> {
    let Some((v, p)) = o.get("pipeline") else {
        return Some(None);
    };
    let mut x = r.object(v, &p)?;
    let defaults = PipelineRules::default();
    let sla = x.get("sla_hours").map(|(v, p)| {
        let h = r.decimal(v, &p, Check::Positive)?;
        if h > Decimal::from(100_000) || h.scale() > 6 {
            r.err(p, "must be at most 100000 hours, to at most 6 decimals");
            return None;
        }
        Some(h)
    });
    let min = x
        .get("min_attempts")
        .map(|(v, p)| r.whole(v, &p, 1_000).map(|n| n as u32));
    r.deny_unknown(&x);
    Some(Some(PipelineRules {
        sla_hours: sla.unwrap_or(Some(defaults.sla_hours))?,
        min_attempts: min.unwrap_or(Some(defaults.min_attempts))?,
    }))
}

/// The plan's `alignment`.
pub(super) fn alignment(r: &mut Reader, o: &mut Obj<'_>) -> Option<Option<Alignment>> {
    let Some((v, p)) = o.get("alignment") else {
        return Some(None);
    };
    let mut x = r.object(v, &p)?;
    let measures = match x.get("measures") {
        Some((Value::Object(map), mp)) if !map.is_empty() => map
            .iter()
            .map(|(k, v)| {
                let path = super::child(&mp, k);
                let weight = r.decimal(v, &path, Check::Positive);
                let m = PipelineMeasure::parse(k).filter(|m| m.is_share());
                if m.is_none() {
                    r.err(
                        &path,
                        "is not a share the index weighs (\"speed_to_lead\", \"follow_up\", \
                         \"acceptance\" or \"lead_quality\")",
                    );
                }
                Some((m?, weight?))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect::<Option<Vec<_>>>(),
        Some((Value::Object(_), mp)) => {
            r.err(mp, "must weigh at least one measure");
            None
        }
        Some((other, mp)) => r.object(other, &mp).map(|_| Vec::new()),
        None => Some(Alignment::default_measures()),
    };
    let stages = match x.get("stages") {
        Some((v, p)) => r.list(v, &p, stage).filter(|s| stages_ascend(r, s, &p)),
        None => Some(Alignment::default_stages()),
    };
    r.deny_unknown(&x);
    // Sentences take the shares in one order, however the plan lists them.
    let mut measures = measures?;
    measures.sort_by_key(|(m, _)| PipelineMeasure::ALL.iter().position(|x| x == m));
    Some(Some(Alignment {
        measures,
        stages: stages?,
    }))
}

fn stage(r: &mut Reader, v: &Value, path: &str) -> Option<AlignmentStage> {
    let mut o = r.object(v, path)?;
    let from = r.req_dec(&mut o, "from", Check::Fraction);
    let name = r.req_str(&mut o, "name");
    r.deny_unknown(&o);
    Some(AlignmentStage {
        from: from?,
        name: name?,
    })
}

/// Stages start at 0 and ascend strictly.
fn stages_ascend(r: &mut Reader, stages: &[AlignmentStage], path: &str) -> bool {
    let Some(first) = stages.first() else {
        r.err(path, "must name at least one stage");
        return false;
    };
    let mut ok = true;
    if !first.from.is_zero() {
        r.err(
            format!("{path}[0].from"),
            "must be 0: every index is in a stage",
        );
        ok = false;
    }
    for (i, w) in stages.windows(2).enumerate() {
        if w[1].from <= w[0].from {
            r.err(
                format!("{path}[{}].from", i + 1),
                format!("must be above the previous stage's {}", w[0].from),
            );
            ok = false;
        }
    }
    ok
}

/// The ledger against the rest of the activity: each lead routed to (and
/// created by) a participant, each deal's `lead` a lead of the ledger, no
/// metric typed in under a computed measure's name, a team for a team's
/// measure.
pub fn fit(r: &mut Reader, plan: &Plan, a: &Activity) {
    // Without a ledger a deal's `lead` names nothing here (a version-1
    // export may carry a CRM lead id): it is kept and ignored.
    let Some(leads) = &a.leads else {
        return;
    };
    let mut people: HashSet<&str> = a.participants.iter().map(|p| p.id.as_str()).collect();
    if let Some(e) = &a.leads_elsewhere {
        people.extend(e.participants.iter().map(|c| c.id.as_str()));
    }
    let party = |r: &mut Reader, who: &str, path: String| {
        if !people.contains(who) {
            r.err(
                path,
                format!("\"{who}\" is not a participant of this activity"),
            );
        }
    };
    for (i, l) in leads.iter().enumerate() {
        party(r, &l.routed_to, format!("activity.leads[{i}].routed_to"));
        if let Some(m) = &l.created_by {
            party(r, m, format!("activity.leads[{i}].created_by"));
        }
    }
    let ids: HashSet<&str> = leads.iter().map(|l| l.id.as_str()).collect();
    for (i, d) in a.deals.iter().enumerate() {
        if let Some(l) = d.lead.as_deref().filter(|l| !ids.contains(l)) {
            r.err(
                format!("activity.deals[{i}].lead"),
                format!("\"{l}\" is not a lead of this activity"),
            );
        }
    }
    for (i, p) in a.participants.iter().enumerate() {
        for name in p.metrics.keys() {
            if PipelineMeasure::parse(name).is_some() {
                r.err(
                    format!("activity.participants[{i}].metrics.{name}"),
                    "is computed from the activity's leads: remove it (one source of truth)",
                );
            }
        }
        let role = plan.role(&p.role);
        let team_measure = role.is_some_and(|role| {
            role.measured_metrics().any(|m| {
                matches!(
                    PipelineMeasure::parse(m),
                    Some(PipelineMeasure::TeamAlignmentIndex | PipelineMeasure::TeamAlignmentStage)
                )
            })
        });
        if team_measure && p.team.is_none() {
            r.err(
                format!("activity.participants[{i}].team"),
                format!(
                    "is required: role \"{}\" pays on the team's alignment",
                    p.role
                ),
            );
        }
    }
}
