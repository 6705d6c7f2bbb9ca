//! Reads total pay: a role's `fixed` and `draw` components, the activity's
//! `adjustments`, and checks them against the plan and the activity (a draw
//! on a component that does not exist, an adjustment for somebody unknown,
//! a start date after the end date), every problem with its JSON path.

use super::{Check, Obj, Reader};
use crate::model::activity::Activity;
use crate::model::names::NamedMeasure;
use crate::model::pay::*;
use crate::model::plan::{Component, Measure, Plan, Role};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::HashSet;

/// A `fixed` or `draw` component (`kind` read already).
pub(super) fn pay_component(
    r: &mut Reader,
    o: &mut Obj<'_>,
    kind: &str,
    name: Option<String>,
    scale: u32,
) -> Option<PayComponent> {
    if kind == "fixed" {
        let amount = money(r, o, "amount", Check::NonNegative, scale);
        let per = r.req(o, "per").and_then(|(v, p)| match v.as_str() {
            Some("year") => Some(FixedPer::Year),
            Some("plan_period") => Some(FixedPer::PlanPeriod),
            Some("pay_period") => Some(FixedPer::PayPeriod),
            _ => {
                r.err(p, "must be \"year\", \"plan_period\" or \"pay_period\"");
                None
            }
        });
        return Some(PayComponent::Fixed(Fixed {
            name: name?,
            amount: amount?,
            per: per?,
        }));
    }
    let amount = money(r, o, "amount", Check::Positive, scale);
    let recoverable = r.req(o, "recoverable").and_then(|(v, p)| match v {
        Value::Bool(b) => Some(*b),
        _ => {
            r.err(
                p,
                "must be true (owed back from later variable pay) or false (forgiven)",
            );
            None
        }
    });
    let applies_to = match o.get("applies_to") {
        Some((v, p)) => {
            let names = r.list(v, &p, |r, v, p| r.string(v, p))?;
            if names.is_empty() {
                r.err(
                    p,
                    "names no component: a draw covers at least one (leave it out for all)",
                );
                return None;
            }
            Some(names)
        }
        None => None,
    };
    let until = match o.get("until") {
        Some((v, p)) => Some(r.date(v, &p)?),
        None => None,
    };
    Some(PayComponent::Draw(Draw {
        name: name?,
        amount: amount?,
        recoverable: recoverable?,
        applies_to,
        until,
    }))
}

/// A `discretionary` pool (`kind` read already): funded by company
/// attainment along its curve.
pub(super) fn discretionary(
    r: &mut Reader,
    o: &mut Obj<'_>,
    name: Option<String>,
    scale: u32,
) -> Option<Discretionary> {
    let pool = money(r, o, "pool", Check::NonNegative, scale);
    let company = Measure::Named(NamedMeasure::Company);
    let measure = match o.get("measure") {
        Some((v, _)) if v.as_str() == Some("company") => Some(company),
        Some((_, p)) => {
            r.err(
                p,
                "must be \"company\": a pool is shared, so it is funded by company attainment",
            );
            None
        }
        None => Some(company),
    };
    let (curve, max_payout) = super::components::curve_of(r, o);
    Some(Discretionary {
        name: name?,
        pool: pool?,
        measure: measure?,
        curve: curve?,
        max_payout: max_payout?,
    })
}

/// Money: a decimal with no more places than the currency scale.
fn money(
    r: &mut Reader,
    o: &mut Obj<'_>,
    key: &'static str,
    check: Check,
    scale: u32,
) -> Option<Decimal> {
    let (v, p) = r.req(o, key)?;
    let x = r.decimal(v, &p, check)?;
    r.money_scale(x, p, scale).then_some(x)
}

/// A role's draw: at most one, covering variable components of the role.
pub(super) fn check_role(r: &mut Reader, role: &Role, cpath: &str) {
    let mut draws = 0;
    for (c, &j) in role.pay.iter().zip(&role.pay_at) {
        let PayComponent::Draw(d) = c else { continue };
        draws += 1;
        if draws > 1 {
            r.err(
                format!("{cpath}[{j}].kind"),
                "a role has at most one draw (this is its second)",
            );
        }
        for (k, target) in d.applies_to.iter().flatten().enumerate() {
            let variable = role.components.iter().find(|x| x.name() == target);
            let problem = match variable {
                Some(Component::Modifier(_)) => format!(
                    "\"{target}\" is a modifier; a draw covers what commissions, SPIFs and bonuses pay"
                ),
                Some(_) => continue,
                None if role.pay.iter().any(|p| p.name() == target) => {
                    format!("\"{target}\" is not variable pay; a draw covers variable components")
                }
                None => format!("\"{target}\" is not a component of this role"),
            };
            r.err(format!("{cpath}[{j}].applies_to[{k}]"), problem);
        }
    }
}

/// The activity's adjustments.
pub(super) fn adjustments(r: &mut Reader, o: &mut Obj<'_>) -> Option<Vec<Adjustment>> {
    let Some((v, p)) = o.get("adjustments") else {
        return Some(Vec::new());
    };
    let list = r.list_max(v, &p, crate::limits::MAX_PAYMENTS, adjustment)?;
    r.unique(
        list.iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), format!("activity.adjustments[{i}].id"))),
        "adjustment id",
    );
    Some(list)
}

fn adjustment(r: &mut Reader, v: &Value, path: &str) -> Option<Adjustment> {
    let mut o = r.object(v, path)?;
    let id = r.req_str(&mut o, "id");
    let participant = r.req_str(&mut o, "participant");
    let amount = r.req_dec(&mut o, "amount", Check::Any);
    let reason = r.req_str(&mut o, "reason");
    if reason.as_deref().is_some_and(|s| s.trim().is_empty()) {
        r.err(
            o.field_path("reason"),
            "must say why (it is the line's sentence)",
        );
    }
    let period = o.get("period").map(|(v, p)| r.string(v, &p));
    let deal = o.get("deal").map(|(v, p)| r.string(v, &p));
    r.deny_unknown(&o);
    Some(Adjustment {
        id: id?,
        participant: participant?,
        amount: amount?,
        reason: reason.filter(|s| !s.trim().is_empty())?,
        period: period.map_or(Some(None), |p| p.map(Some))?,
        deal: deal.map_or(Some(None), |d| d.map(Some))?,
    })
}

/// Adjustments name real participants and pay periods, in money of the
/// currency scale (an adjustment's `deal` names the deal it concerns, which
/// may be an earlier period's and need not be in this activity: one
/// viewer's cut keeps only their deals); employment dates are in order.
pub(super) fn fit(r: &mut Reader, plan: &Plan, a: &Activity) {
    for (i, p) in a.participants.iter().enumerate() {
        if let (Some(s), Some(e)) = (p.start_date, p.end_date) {
            if s > e {
                r.err(
                    format!("activity.participants[{i}].start_date"),
                    format!("{s} is after the end date {e}"),
                );
            }
        }
    }
    let people: HashSet<&str> = a.participants.iter().map(|p| p.id.as_str()).collect();
    let periods: Vec<String> = match &plan.period.pay_periods {
        Some(list) => list.iter().map(|p| p.id.clone()).collect(),
        None => vec![plan.whole_period().id],
    };
    let scale = plan.currency_scale;
    for (i, adj) in a.adjustments.iter().enumerate() {
        let path = format!("activity.adjustments[{i}]");
        if !people.contains(adj.participant.as_str()) {
            r.err(
                format!("{path}.participant"),
                format!(
                    "\"{}\" is not a participant of this activity",
                    adj.participant
                ),
            );
        }
        if let Some(id) = adj
            .period
            .as_deref()
            .filter(|id| !periods.iter().any(|p| p == id))
        {
            let ids: Vec<String> = periods.iter().map(|p| format!("\"{p}\"")).collect();
            r.err(
                format!("{path}.period"),
                format!(
                    "\"{id}\" is not a pay period of the plan ({})",
                    super::one_of(&ids)
                ),
            );
        }
        r.money_scale(adj.amount, format!("{path}.amount"), scale);
    }
}
