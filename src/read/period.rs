//! Reads the plan year's fields (see [`crate::model::period`]): pay
//! periods, quota schedules, attainment spans, true-ups, payout schedules,
//! clawbacks, and a deal's stage dates and cancellation; and checks them
//! against each other. Every problem is reported with its JSON path, and a
//! plan or activity with any problem is rejected as a whole.

use super::{Check, Obj, Reader};
use crate::date::Date;
use crate::model::activity::{Activity, Deal};
use crate::model::period::*;
use crate::model::plan::{Component, Plan};
use rust_decimal::Decimal;
use serde_json::Value;

/// `plan.period.pay_periods`: "monthly", "quarterly" or a list of
/// `{ id, start, end }`, ascending, gap-free, covering `start..=end`.
pub fn pay_periods(
    r: &mut Reader,
    v: &Value,
    path: &str,
    start: Option<Date>,
    end: Option<Date>,
) -> Option<Vec<PayPeriod>> {
    if let Value::String(s) = v {
        let quarterly = match s.as_str() {
            "monthly" => false,
            "quarterly" => true,
            other => {
                r.err(
                    path,
                    format!(
                        "\"{other}\" is not \"monthly\", \"quarterly\" or a list of pay periods"
                    ),
                );
                return None;
            }
        };
        return Some(generate(start?, end?, quarterly));
    }
    let before = r.problems.len();
    let list = r.list(v, path, |r, v, p| {
        let mut o = r.object(v, p)?;
        let id = r.req_str(&mut o, "id");
        let s = r.req(&mut o, "start").and_then(|(v, p)| r.date(v, &p));
        let e = r.req(&mut o, "end").and_then(|(v, p)| r.date(v, &p));
        r.deny_unknown(&o);
        let (id, s, e) = (id?, s?, e?);
        if e < s {
            r.err(
                o.field_path("end"),
                format!("the pay period ends ({e}) before it starts ({s})"),
            );
            return None;
        }
        Some(PayPeriod {
            id,
            start: s,
            end: e,
        })
    })?;
    if r.problems.len() != before {
        return None;
    }
    if list.is_empty() {
        r.err(path, "needs at least one pay period");
        return None;
    }
    r.unique(
        list.iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), format!("{path}[{i}].id"))),
        "pay period id",
    );
    let (start, end) = (start?, end?);
    if list[0].start != start {
        r.err(
            format!("{path}[0].start"),
            format!(
                "the first pay period must start when the plan period does ({start}), not {}",
                list[0].start
            ),
        );
    }
    for i in 1..list.len() {
        let (prev, this) = (&list[i - 1], &list[i]);
        let expected = Date(prev.end.0 + 1);
        if this.start < expected {
            r.err(
                format!("{path}[{i}].start"),
                format!(
                    "overlaps pay period \"{}\" (which ends {}); pay periods ascend without overlap",
                    prev.id, prev.end
                ),
            );
        } else if this.start > expected {
            r.err(
                format!("{path}[{i}].start"),
                format!(
                    "leaves a gap after pay period \"{}\": {expected} to {} are in no pay period",
                    prev.id,
                    Date(this.start.0 - 1)
                ),
            );
        }
    }
    let last = list.len() - 1;
    if list[last].end != end {
        r.err(
            format!("{path}[{last}].end"),
            format!(
                "the last pay period must end when the plan period does ({end}), not {}",
                list[last].end
            ),
        );
    }
    (r.problems.len() == before).then_some(list)
}

/// An exact fraction in [0, 1]: `"1/3"`, or a decimal.
pub fn fraction(r: &mut Reader, v: &Value, path: &str) -> Option<Fraction> {
    if let Value::String(s) = v {
        if let Some((a, b)) = s.split_once('/') {
            let num = r.decimal(&Value::String(a.trim().into()), path, Check::NonNegative)?;
            let den = r.decimal(&Value::String(b.trim().into()), path, Check::Positive)?;
            if num > den {
                r.err(path, format!("\"{s}\" is above 1"));
                return None;
            }
            return Some(Fraction { num, den });
        }
    }
    r.decimal(v, path, Check::Fraction).map(Fraction::whole)
}

/// Checks that fractions sum to exactly 1 (reported at `path`).
fn sums_to_one(r: &mut Reader, path: &str, items: impl Iterator<Item = Fraction>) -> bool {
    match Fraction::sum(items) {
        Some(total) if total.is_one() => true,
        Some(total) => {
            r.err(
                path,
                format!("fractions must sum to exactly 1, not {}", total.text()),
            );
            false
        }
        None => {
            r.err(
                path,
                "fractions whose sum cannot be checked exactly (denominators too large)",
            );
            false
        }
    }
}

/// `quota.schedule`: `[{ "period": ID, "fraction": "1/12" }, ...]`, or the
/// same with `"amount"` (the quota's shape in money: each period's share is
/// its amount over their total, exactly), checked against the pay periods
/// by [`check_plan`].
pub fn quota_schedule(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<QuotaShare>> {
    let before = r.problems.len();
    let list = r.list(v, path, |r, v, p| {
        let mut o = r.object(v, p)?;
        let period = r.req_str(&mut o, "period");
        let share = match (o.get("fraction"), o.get("amount")) {
            (Some((v, p)), None) => fraction(r, v, &p).map(Share::Fraction),
            (None, Some((v, p))) => r.decimal(v, &p, Check::NonNegative).map(Share::Amount),
            (Some(_), Some(_)) => {
                r.err(
                    o.path.clone(),
                    "give a \"fraction\" or an \"amount\", not both",
                );
                None
            }
            (None, None) => {
                r.err(
                    o.field_path("fraction"),
                    "required: a \"fraction\" (or an \"amount\")",
                );
                None
            }
        };
        r.deny_unknown(&o);
        Some((period?, share?))
    })?;
    if r.problems.len() != before {
        return None;
    }
    let amounts = list
        .iter()
        .filter(|(_, s)| matches!(s, Share::Amount(_)))
        .count();
    let shares: Vec<QuotaShare> = if amounts == 0 {
        let list: Vec<QuotaShare> = list
            .into_iter()
            .map(|(period, s)| QuotaShare {
                period,
                fraction: match s {
                    Share::Fraction(f) => f,
                    Share::Amount(_) => unreachable!(),
                },
            })
            .collect();
        if !sums_to_one(r, path, list.iter().map(|s| s.fraction)) {
            return None;
        }
        list
    } else if amounts == list.len() {
        let total = crate::decimal::checked::sum(list.iter().map(|(_, s)| match s {
            Share::Amount(a) => *a,
            Share::Fraction(_) => Decimal::ZERO,
        }));
        if total <= Decimal::ZERO {
            r.err(path, "the amounts must add up to more than 0");
            return None;
        }
        list.into_iter()
            .map(|(period, s)| QuotaShare {
                period,
                fraction: match s {
                    Share::Amount(a) => Fraction::of_ratio(a, total),
                    Share::Fraction(f) => f,
                },
            })
            .collect()
    } else {
        r.err(
            path,
            "every entry gives a \"fraction\", or every entry an \"amount\": not a mix",
        );
        return None;
    };
    Some(shares)
}

/// One entry of a quota schedule as written.
enum Share {
    Fraction(Fraction),
    Amount(Decimal),
}

/// `payout.schedule`: instalments by months after close, fractions summing
/// to exactly 1, months ascending.
pub fn payout_schedule(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<Instalment>> {
    let before = r.problems.len();
    let list = r.list(v, path, |r, v, p| {
        let mut o = r.object(v, p)?;
        let months = r
            .req(&mut o, "months_after_close")
            .and_then(|(v, p)| r.whole(v, &p, 120));
        let f = r
            .req(&mut o, "fraction")
            .and_then(|(v, p)| fraction(r, v, &p));
        r.deny_unknown(&o);
        Some(Instalment {
            months_after_close: months? as u32,
            fraction: f?,
        })
    })?;
    if r.problems.len() != before {
        return None;
    }
    if list.is_empty() {
        r.err(path, "needs at least one instalment");
        return None;
    }
    for i in 1..list.len() {
        if list[i].months_after_close <= list[i - 1].months_after_close {
            r.err(
                format!("{path}[{i}].months_after_close"),
                format!(
                    "instalments must ascend ({} after {})",
                    list[i].months_after_close,
                    list[i - 1].months_after_close
                ),
            );
            return None;
        }
    }
    sums_to_one(r, path, list.iter().map(|s| s.fraction)).then_some(list)
}

/// A commission's `attainment`, `true_up` and `clawback`.
pub fn component_year(r: &mut Reader, o: &mut Obj<'_>) -> Option<ComponentYear> {
    let attainment = o.get("attainment").map(|(v, p)| match v.as_str() {
        Some("period") => Some(AttainmentSpan::Period),
        Some("to_date") => Some(AttainmentSpan::ToDate),
        _ => {
            r.err(p, "must be \"period\" or \"to_date\"");
            None
        }
    });
    let true_up = o.get("true_up").map(|(v, p)| match v.as_str() {
        Some("quarter") => Some(TrueUp::Quarter),
        Some("year") => Some(TrueUp::Year),
        _ => {
            r.err(p, "must be \"quarter\" or \"year\"");
            None
        }
    });
    let clawback = o.get("clawback").map(|(v, p)| clawback(r, v, &p));
    Some(ComponentYear {
        attainment: flip(attainment)?,
        true_up: flip(true_up)?,
        clawback: flip(clawback)?,
    })
}

/// `Some(Some(x))` → `Some(Some(x))`, `Some(None)` → `None` (a problem),
/// `None` → `Some(None)` (absent).
fn flip<T>(x: Option<Option<T>>) -> Option<Option<T>> {
    match x {
        Some(Some(v)) => Some(Some(v)),
        Some(None) => None,
        None => Some(None),
    }
}

fn clawback(r: &mut Reader, v: &Value, path: &str) -> Option<Clawback> {
    let mut o = r.object(v, path)?;
    let fraction = o
        .get("fraction")
        .map(|(v, p)| r.decimal(v, &p, Check::Fraction));
    let prorate = o.get("prorate").map(|(v, p)| match v.as_str() {
        Some("term") => Some(Prorate::Term),
        _ => {
            r.err(p, "must be \"term\"");
            None
        }
    });
    let window = o
        .get("window_days")
        .map(|(v, p)| r.whole(v, &p, 36_500).map(|n| n as u32));
    r.deny_unknown(&o);
    let (fraction, prorate, window_days) = (flip(fraction)?, flip(prorate)?, flip(window)?);
    if fraction.is_some() == prorate.is_some() {
        r.err(
            path,
            "a clawback gives \"fraction\" (of what was paid) or \"prorate\": \"term\", one of them",
        );
        return None;
    }
    Some(Clawback {
        fraction,
        prorate,
        window_days,
    })
}

/// A deal's `stages`, `cancelled_on` and `term_months` (None when it gives
/// none of them: a version-1 deal).
pub fn deal_year(
    r: &mut Reader,
    o: &mut Obj<'_>,
    close: Option<Date>,
) -> Option<Option<Box<DealYear>>> {
    let before = r.problems.len();
    let stages = o.get("stages").and_then(|(v, path)| {
        let mut s = r.object(v, &path)?;
        let mut read = |key: &'static str| s.get(key).map(|(v, p)| (r.date(v, &p), p));
        let b = read("booked");
        let i = read("installed");
        let a = read("activated");
        let dated: Vec<(Date, String)> = [b.clone(), i.clone(), a.clone()]
            .into_iter()
            .flatten()
            .filter_map(|(d, p)| Some((d?, p)))
            .collect();
        for w in dated.windows(2) {
            if w[1].0 < w[0].0 {
                let name = |p: &str| p.rsplit('.').next().unwrap_or_default().to_string();
                r.err(
                    &w[1].1,
                    format!(
                        "stage dates must not go back: {} {} is before {} {}",
                        name(&w[1].1),
                        w[1].0,
                        name(&w[0].1),
                        w[0].0
                    ),
                );
            }
        }
        Some(StageDates {
            booked: b.and_then(|x| x.0),
            installed: i.and_then(|x| x.0),
            activated: a.and_then(|x| x.0),
        })
    });
    let cancelled_on = o.get("cancelled_on").and_then(|(v, p)| {
        let d = r.date(v, &p)?;
        if let Some(c) = close {
            if d < c {
                r.err(
                    &p,
                    format!("the deal is cancelled ({d}) before it closed ({c})"),
                );
            }
        }
        Some(d)
    });
    let term_months = o
        .get("term_months")
        .and_then(|(v, p)| r.whole(v, &p, 1200).map(|n| n as u32));
    if r.problems.len() != before {
        return None;
    }
    let year = DealYear {
        stages,
        cancelled_on,
        term_months,
    };
    Some((year != DealYear::default()).then(|| Box::new(year)))
}

/// The plan-wide checks: the plan-year fields need pay periods; schedules
/// name the pay periods in order; a true-up needs tiers.
pub fn check_plan(r: &mut Reader, plan: &Plan) {
    let periods = plan.period.pay_periods.as_deref();
    let needs = "needs plan.period.pay_periods (a plan without pay periods is scored as version 1)";
    for (i, role) in plan.roles.iter().enumerate() {
        let rp = format!("plan.roles[{i}]");
        if let Some(schedule) = &role.quota.schedule {
            let spath = format!("{rp}.quota.schedule");
            match periods {
                None => r.err(&spath, needs),
                Some(ps) => {
                    let ids: Vec<&str> = ps.iter().map(|p| p.id.as_str()).collect();
                    let given: Vec<&str> = schedule.iter().map(|s| s.period.as_str()).collect();
                    if ids != given {
                        r.err(
                            &spath,
                            format!(
                                "must give one fraction for each pay period, in order ({})",
                                ids.join(", ")
                            ),
                        );
                    }
                }
            }
        }
        for (j, c) in role.components.iter().enumerate() {
            let cp = format!("{rp}.components[{}]", role.written_index(j));
            let (payout, year) = match c {
                Component::Commission(x) => (&x.payout, Some(&x.year)),
                Component::Spif(x) => (&x.payout, None),
                _ => continue,
            };
            if periods.is_none() {
                if payout.schedule.is_some() {
                    r.err(format!("{cp}.payout.schedule"), needs);
                }
                if let Some(y) = year {
                    for (key, given) in [
                        ("attainment", y.attainment.is_some()),
                        ("true_up", y.true_up.is_some()),
                        ("clawback", y.clawback.is_some()),
                    ] {
                        if given {
                            r.err(format!("{cp}.{key}"), needs);
                        }
                    }
                }
                continue;
            }
            if let (Component::Commission(x), Some(y)) = (c, year) {
                if y.true_up.is_some() && x.tiers.is_none() {
                    r.err(
                        format!("{cp}.true_up"),
                        "a true-up recomputes tiers: the commission has none",
                    );
                }
                if y.true_up.is_some() && y.span() == AttainmentSpan::Period {
                    r.err(
                        format!("{cp}.true_up"),
                        "a true-up recomputes on attainment to date: it needs \"attainment\": \"to_date\"",
                    );
                }
            }
        }
    }
}

/// The activity's checks against a plan with pay periods: dated payments
/// inside the plan period (and a date on each), stage and cancellation
/// dates not after the as-of date, a term for term-prorated clawbacks.
pub fn check_activity(r: &mut Reader, plan: &Plan, a: &Activity) {
    let Some(_) = &plan.period.pay_periods else {
        return;
    };
    let (start, end) = (plan.period.start, plan.period.end);
    for (i, p) in a.payments.iter().enumerate() {
        let path = format!("activity.payments[{i}].date");
        match p.date {
            None => r.err(path, "is required: the plan has pay periods, and a payment falls into the pay period of its date"),
            Some(d) if d < start || d > end => r.err(
                path,
                format!("{d} is outside the plan period ({start} to {end})"),
            ),
            _ => {}
        }
    }
    let prorating: std::collections::HashSet<&str> = a
        .participants
        .iter()
        .filter(|p| plan.role(&p.role).is_some_and(prorates))
        .map(|p| p.id.as_str())
        .collect();
    for (i, d) in a.deals.iter().enumerate() {
        let prorated = d
            .owners
            .iter()
            .any(|o| prorating.contains(o.participant.as_str()));
        deal_fits(r, a.as_of, prorated, d, &format!("activity.deals[{i}]"));
    }
}

/// Whether a role has a commission whose clawback is prorated by term.
pub fn prorates(role: &crate::model::plan::Role) -> bool {
    role.components.iter().any(|c| {
        matches!(c, Component::Commission(x)
            if x.year.clawback.as_ref().is_some_and(|k| k.prorate.is_some()))
    })
}

/// One deal's dates against the as-of date.
pub fn deal_fits(r: &mut Reader, as_of: Option<Date>, prorates: bool, d: &Deal, path: &str) {
    let Some(y) = &d.year else { return };
    if let (Some(as_of), Some(s)) = (as_of, &y.stages) {
        for (key, date) in [
            ("booked", s.booked),
            ("installed", s.installed),
            ("activated", s.activated),
        ] {
            if let Some(date) = date.filter(|x| *x > as_of) {
                r.err(
                    format!("{path}.stages.{key}"),
                    format!("{date} is after the as-of date ({as_of}): a stage is reached when it happens"),
                );
            }
        }
    }
    if let Some(c) = y.cancelled_on {
        if let Some(as_of) = as_of.filter(|x| c > *x) {
            r.err(
                format!("{path}.cancelled_on"),
                format!("{c} is after the as-of date ({as_of})"),
            );
        }
        if prorates && y.term_months.is_none() {
            r.err(
                format!("{path}.term_months"),
                "is required: the deal is cancelled and a clawback is prorated by term",
            );
        }
    }
}

/// The decimal `n`, for messages and sums.
pub fn dec(n: i64) -> Decimal {
    Decimal::from(n)
}
