//! Reads the activity's allocations of discretionary pools (and what pools
//! allocated elsewhere) and checks them against the plan: a real
//! participant, a pool of their role, a share or an amount, each person
//! once per pool, shares of a pool at most 1. Whether allocations fit the
//! funded pool needs company revenue: the engine checks that on loading.

use super::{Check, Obj, Reader};
use crate::model::activity::Activity;
use crate::model::pay::{AllocatedElsewhere, Allocation};
use crate::model::plan::{Component, Plan};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

pub(super) fn allocations(r: &mut Reader, o: &mut Obj<'_>) -> Option<Vec<Allocation>> {
    let Some((v, p)) = o.get("allocations") else {
        return Some(Vec::new());
    };
    r.list_max(v, &p, crate::limits::MAX_PAYMENTS, |r, v, p| {
        let mut o = r.object(v, p)?;
        let participant = r.req_str(&mut o, "participant");
        let component = r.req_str(&mut o, "component");
        let (share, amount) = share_or_amount(r, &mut o)?;
        Some(Allocation {
            participant: participant?,
            component: component?,
            share,
            amount,
        })
    })
}

pub(super) fn allocated_elsewhere(
    r: &mut Reader,
    o: &mut Obj<'_>,
) -> Option<Vec<AllocatedElsewhere>> {
    let Some((v, p)) = o.get("allocated_elsewhere") else {
        return Some(Vec::new());
    };
    r.list_max(v, &p, crate::limits::MAX_PAYMENTS, |r, v, p| {
        let mut o = r.object(v, p)?;
        let component = r.req_str(&mut o, "component");
        let (share, amount) = share_or_amount(r, &mut o)?;
        Some(AllocatedElsewhere {
            component: component?,
            share,
            amount,
        })
    })
}

/// `share` (0–1) or `amount` (money ≥ 0), exactly one; unknown fields
/// refused.
fn share_or_amount(r: &mut Reader, o: &mut Obj<'_>) -> Option<(Option<Decimal>, Option<Decimal>)> {
    let share = o
        .get("share")
        .map(|(v, p)| r.decimal(v, &p, Check::Fraction));
    let amount = o
        .get("amount")
        .map(|(v, p)| r.decimal(v, &p, Check::NonNegative));
    if share.is_some() == amount.is_some() {
        r.err(
            o.field_path("share"),
            "give \"share\" (a fraction of the funded pool) or \"amount\" (money), one of them",
        );
    }
    r.deny_unknown(o);
    let share = share.map_or(Some(None), |s| s.map(Some))?;
    let amount = amount.map_or(Some(None), |a| a.map(Some))?;
    (share.is_some() != amount.is_some()).then_some((share, amount))
}

/// The pools of the plan by name, with the roles that have them.
fn pools(plan: &Plan) -> HashMap<&str, Vec<&str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for role in &plan.roles {
        for c in &role.components {
            if let Component::Discretionary(x) = c {
                out.entry(x.name.as_str())
                    .or_default()
                    .push(role.id.as_str());
            }
        }
    }
    out
}

pub(super) fn fit(r: &mut Reader, plan: &Plan, a: &Activity) {
    let pools = pools(plan);
    let roles: HashMap<&str, &str> = a
        .participants
        .iter()
        .map(|p| (p.id.as_str(), p.role.as_str()))
        .collect();
    let scale = plan.currency_scale;
    let mut seen = HashSet::new();
    let mut shares: HashMap<&str, (Decimal, Vec<String>)> = HashMap::new();
    for (i, al) in a.allocations.iter().enumerate() {
        let path = format!("activity.allocations[{i}]");
        match roles.get(al.participant.as_str()) {
            None => r.err(
                format!("{path}.participant"),
                format!(
                    "\"{}\" is not a participant of this activity",
                    al.participant
                ),
            ),
            Some(role)
                if !pools
                    .get(al.component.as_str())
                    .is_some_and(|rs| rs.contains(role)) =>
            {
                r.err(
                    format!("{path}.component"),
                    format!(
                        "\"{}\" is not a discretionary pool of role \"{role}\" (\"{}\"'s role)",
                        al.component, al.participant
                    ),
                )
            }
            Some(_) => {}
        }
        if !seen.insert((al.participant.as_str(), al.component.as_str())) {
            r.err(
                format!("{path}.participant"),
                format!(
                    "\"{}\" has another allocation of \"{}\"",
                    al.participant, al.component
                ),
            );
        }
        if let Some(x) = al.amount {
            r.money_scale(x, format!("{path}.amount"), scale);
        }
        if let Some(s) = al.share {
            let e = shares.entry(al.component.as_str()).or_default();
            e.0 += s;
            e.1.push(format!("{path}.share"));
        }
    }
    for (i, e) in a.allocated_elsewhere.iter().enumerate() {
        let path = format!("activity.allocated_elsewhere[{i}]");
        if let Some(x) = e.amount {
            r.money_scale(x, format!("{path}.amount"), scale);
        }
        if let Some(s) = e.share {
            let entry = shares.entry(e.component.as_str()).or_default();
            entry.0 += s;
            entry.1.push(format!("{path}.share"));
        }
        if !pools.contains_key(e.component.as_str()) {
            r.err(
                format!("{path}.component"),
                format!(
                    "\"{}\" is not a discretionary pool of the plan",
                    e.component
                ),
            );
        }
    }
    for (pool, (total, paths)) in shares {
        if total > Decimal::ONE {
            for p in paths {
                r.err(
                    p,
                    format!(
                        "the shares of \"{pool}\" add up to {total}, more than the whole pool (1)"
                    ),
                );
            }
        }
    }
}
