//! Reads teams: the override component, and checks the hierarchy
//! (`participants[].manager`: known ids, nobody their own manager, no
//! cycles) and where team pay may be used.

use super::{Check, Obj, Reader};
use crate::model::activity::Activity;
use crate::model::names::{AllLevels, NamedMeasure, OverrideBasis};
use crate::model::plan::{Component, Measure, Plan};
use crate::model::team::{Benchmarks, Depth, Override, RoleBenchmark};
use std::collections::HashMap;

/// The deepest numbered `depth` (deeper hierarchies say "all").
const MAX_DEPTH: u64 = 64;

/// An `override` component's fields (after `name` and `kind`).
pub(super) fn override_of(
    r: &mut Reader,
    o: &mut Obj<'_>,
    name: Option<String>,
) -> Option<Override> {
    let rate = r.req_dec(o, "rate", Check::NonNegative);
    let on = match o.get("on") {
        Some((v, p)) => r.name(v, &p, OverrideBasis::parse, OverrideBasis::expected),
        None => Some(OverrideBasis::CreditedRevenue),
    };
    let depth = match o.get("depth") {
        Some((serde_json::Value::String(s), p)) => match AllLevels::parse(s) {
            Some(all) => Some(Depth::All(all)),
            None => {
                r.err(
                    p,
                    format!("\"{s}\" is not a depth: give 1 (direct reports), 2, … or \"all\""),
                );
                None
            }
        },
        Some((v, p)) => {
            match v.as_u64() {
                Some(n @ 1..=MAX_DEPTH) => Some(Depth::Levels(n as u32)),
                _ => {
                    r.err(
                    p,
                    format!("must be a whole number from 1 (direct reports) to {MAX_DEPTH}, or \"all\""),
                );
                    None
                }
            }
        }
        None => Some(Depth::Levels(1)),
    };
    Some(Override {
        name: name?,
        rate: rate?,
        on: on?,
        depth: depth?,
    })
}

/// Team pay is scored over the whole plan period: a plan with pay periods
/// has no override or team-at-target measure (yet).
pub(super) fn check_plan(r: &mut Reader, plan: &Plan) {
    if plan.period.pay_periods.is_none() {
        return;
    }
    for (i, role) in plan.roles.iter().enumerate() {
        for (j, c) in role.components.iter().enumerate() {
            let at = format!("plan.roles[{i}].components[{}]", role.written_index(j));
            if matches!(c, Component::Override(_)) {
                r.err(
                    format!("{at}.kind"),
                    "an override is scored over the whole plan period: a plan with pay_periods cannot have one",
                );
            }
            if c.measure() == Some(&Measure::Named(NamedMeasure::TeamAtTarget)) {
                r.err(
                    format!("{at}.measure"),
                    "\"team_at_target\" is measured over the whole plan period: a plan with pay_periods cannot use it",
                );
            }
        }
    }
}

/// Every `manager` names another participant, and following managers up
/// never comes back round.
pub(super) fn fit(r: &mut Reader, a: &Activity) {
    let index: HashMap<&str, usize> = a
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut up: Vec<Option<usize>> = vec![None; a.participants.len()];
    for (i, p) in a.participants.iter().enumerate() {
        let Some(m) = &p.manager else { continue };
        let path = format!("activity.participants[{i}].manager");
        match index.get(m.as_str()) {
            None => r.err(
                path,
                format!("\"{m}\" is not a participant of this activity"),
            ),
            Some(&j) if j == i => r.err(path, "a participant cannot be their own manager"),
            Some(&j) => up[i] = Some(j),
        }
    }
    // Walk up from each participant once: 1 on the current path, 2 done.
    let mut state = vec![0u8; up.len()];
    for start in 0..up.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&x| x == i).unwrap_or(0);
                    report_cycle(r, a, &path[from..]);
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = up[i];
                }
            }
        }
        for i in path {
            state[i] = 2;
        }
    }
}

/// One problem per cycle, at its first participant in the activity.
fn report_cycle(r: &mut Reader, a: &Activity, cycle: &[usize]) {
    let first = cycle.iter().copied().min().unwrap_or(0);
    let at = cycle.iter().position(|&x| x == first).unwrap_or(0);
    let mut names: Vec<String> = cycle[at..]
        .iter()
        .chain(&cycle[..at])
        .map(|&i| format!("\"{}\"", a.participants[i].id))
        .collect();
    names.push(names[0].clone());
    r.err(
        format!("activity.participants[{first}].manager"),
        format!(
            "managers go round in a cycle ({}): someone in it must report elsewhere",
            names.join(" → ")
        ),
    );
}

/// `activity.benchmarks`: the anonymous figures a cut carries.
pub(super) fn benchmarks(r: &mut Reader, o: &mut Obj<'_>) -> Option<Option<Benchmarks>> {
    let Some((v, p)) = o.get("benchmarks") else {
        return Some(None);
    };
    let mut b = r.object(v, &p)?;
    r.format(&mut b, "incentive-benchmarks/1");
    let min_peers = r
        .req(&mut b, "min_peers")
        .and_then(|(v, p)| r.whole(v, &p, crate::limits::MAX_PARTICIPANTS as u64));
    let roles = r.req(&mut b, "roles").and_then(|(v, p)| {
        r.list_max(v, &p, crate::limits::MAX_ROLES, |r, v, p| {
            let mut x = r.object(v, p)?;
            let role = r.req_str(&mut x, "role");
            let peers = r
                .req(&mut x, "peers")
                .and_then(|(v, p)| r.whole(v, &p, crate::limits::MAX_PARTICIPANTS as u64));
            let mut threshold = |r: &mut Reader, key: &'static str| match x.get(key) {
                None | Some((serde_json::Value::Null, _)) => Some(None),
                Some((v, p)) => r.decimal(v, &p, Check::NonNegative).map(Some),
            };
            let top_quarter = threshold(r, "top_quarter");
            let top_half = threshold(r, "top_half");
            r.deny_unknown(&x);
            Some(RoleBenchmark {
                role: role?,
                peers: peers? as usize,
                top_quarter: top_quarter?,
                top_half: top_half?,
            })
        })
    });
    r.deny_unknown(&b);
    Some(Some(Benchmarks {
        format: "incentive-benchmarks/1".into(),
        min_peers: min_peers? as usize,
        roles: roles?,
    }))
}
