//! What if? Scenarios computed by the same engine as the paycheck, on a
//! copy: the engine itself is never changed.
//!
//! A scenario is a list of changes applied in order. The result gives the
//! baseline statement, the scenario statement, the delta, and per change its
//! marginal effect (the statement after it minus the statement before it),
//! so the effects always add up to the delta.

use crate::decimal::checked;
use crate::engine::Engine;
use crate::error::{Error, ErrorCode, Problem};
use crate::model::activity::{Deal, Touch};
use crate::model::names::Stage;
use crate::read::{self, Check, Reader};
use crate::statement::Statement;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::Value;

mod curve;
pub use curve::{curve, what_it_takes, WhatItTakes};

/// Earned, payable and due moved by a change (or a whole scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delta {
    pub earned: Decimal,
    pub payable: Decimal,
    pub due: Decimal,
}

impl Delta {
    fn between(before: &Statement, after: &Statement) -> Delta {
        Delta {
            earned: after.earned - before.earned,
            payable: after.payable - before.payable,
            due: after.due - before.due,
        }
    }
}

/// One change's marginal effect, in the order given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeEffect {
    pub op: String,
    /// The statement's totals after this change.
    pub earned: Decimal,
    pub payable: Decimal,
    pub due: Decimal,
    pub delta: Delta,
    /// Why a change about a deal moved nothing, in a sentence: the deal
    /// closes outside the plan period, is cancelled, or no component of the
    /// plan pays it (absent when it moved the pay, or is about no deal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    pub baseline: Statement,
    pub scenario: Statement,
    pub delta: Delta,
    pub changes: Vec<ChangeEffect>,
}

/// One point of the earnings curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurvePoint {
    pub quota_credit: Decimal,
    pub attainment: Decimal,
    pub earned: Decimal,
}

pub(crate) fn too_large(participant: &str) -> Error {
    Error::one(
        ErrorCode::TooLarge,
        "participant",
        format!("\"{participant}\"'s figures go beyond 28 significant digits at this scale"),
    )
}

pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::one(ErrorCode::InvalidChange, path, message)
}

/// Runs `changes` (a JSON array of `{ "op": ... }` objects) for
/// `participant` on a copy of `engine`.
pub fn what_if(engine: &Engine, participant: &str, changes: &Value) -> Result<WhatIf, Error> {
    what_if_with(engine, participant, changes, true)
}

/// [`what_if`], choosing whether the baseline and scenario statements carry
/// their `explain` sentences (false: the same numbers, several times faster,
/// for a panel that shows totals while the user types).
pub fn what_if_with(
    engine: &Engine,
    participant: &str,
    changes: &Value,
    explain: bool,
) -> Result<WhatIf, Error> {
    let full = |e: &Engine| {
        if explain {
            e.statement(participant)
        } else {
            e.headline(participant)
        }
    };
    let baseline = full(engine)?;
    let Value::Array(list) = changes else {
        return Err(invalid("changes", "must be an array of changes"));
    };
    if list.len() > crate::limits::MAX_CHANGES {
        return Err(Error::one(
            ErrorCode::TooLarge,
            "changes",
            format!(
                "has {} changes; the limit is {}",
                list.len(),
                crate::limits::MAX_CHANGES
            ),
        ));
    }
    let mut scenario = engine.clone();
    let mut before = baseline.clone();
    let mut effects = Vec::with_capacity(list.len());
    for (i, change) in list.iter().enumerate() {
        let path = format!("changes[{i}]");
        let op = apply(&mut scenario, participant, change, &path)?;
        let after = if i + 1 == list.len() {
            full(&scenario)?
        } else {
            // Only the figures of the steps between are kept: no lines.
            scenario.totals(participant)?
        };
        let delta = Delta::between(&before, &after);
        let note = if delta.earned.is_zero() && delta.payable.is_zero() {
            why_nothing(&scenario, participant, change)?
        } else {
            None
        };
        effects.push(ChangeEffect {
            op,
            earned: after.earned,
            payable: after.payable,
            due: after.due,
            delta,
            note,
        });
        before = after;
    }
    Ok(WhatIf {
        delta: Delta::between(&baseline, &before),
        baseline,
        scenario: before,
        changes: effects,
    })
}

/// A copy of `engine` with `changes` applied in order (what-it-takes on a
/// scenario); the errors are what-if's, with the change's path.
pub(crate) fn scenario(
    engine: &Engine,
    participant: &str,
    changes: &Value,
) -> Result<Engine, Error> {
    let Value::Array(list) = changes else {
        return Err(invalid("changes", "must be an array of changes"));
    };
    if list.len() > crate::limits::MAX_CHANGES {
        return Err(Error::one(
            ErrorCode::TooLarge,
            "changes",
            format!(
                "has {} changes; the limit is {}",
                list.len(),
                crate::limits::MAX_CHANGES
            ),
        ));
    }
    let mut e = engine.clone();
    for (i, change) in list.iter().enumerate() {
        apply(&mut e, participant, change, &format!("changes[{i}]"))?;
    }
    Ok(e)
}

/// Why a change about a deal moved no pay, in words a rep reads: the
/// deal's period, its cancellation, or that no component pays it. None for
/// a change about no deal, or a deal that is paid (the change just moved
/// nothing, e.g. a stage already reached).
fn why_nothing(e: &Engine, participant: &str, change: &Value) -> Result<Option<String>, Error> {
    let id = match change.get("deal") {
        Some(Value::String(id)) => id.as_str(),
        Some(Value::Object(d)) => match d.get("id") {
            Some(Value::String(id)) => id.as_str(),
            _ => return Ok(None),
        },
        _ => return Ok(None),
    };
    let Some(d) = e.deal(id) else {
        return Ok(None);
    };
    let plan = e.plan();
    if d.stage == Stage::Cancelled {
        return Ok(Some(
            "cancelled: a cancelled deal earns nothing".to_string(),
        ));
    }
    if !crate::engine::score::counted(plan, d) {
        return Ok(Some(format!(
            "it closes on {}, outside the plan period ({} to {})",
            d.close_date, plan.period.start, plan.period.end
        )));
    }
    let paid = e
        .headline(participant)?
        .components
        .iter()
        .any(|c| c.lines.iter().any(|l| l.deal.as_deref() == Some(id)));
    Ok((!paid).then(|| {
        format!(
            "no component of this plan pays a {} deal from {}",
            d.deal_type.as_str(),
            d.source.as_str()
        )
    }))
}

/// Problems found while reading one change, as an InvalidChange error.
pub(crate) fn check(r: Reader) -> Result<(), Error> {
    if r.ok() {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::InvalidChange, r.problems))
    }
}

/// Relabels an engine error's problems under the change's path.
pub(crate) fn under(path: &str, e: Error) -> Error {
    let problems = e
        .problems
        .into_iter()
        .map(|p| Problem::new(format!("{path}.{}", p.path), p.message))
        .collect();
    Error::new(ErrorCode::InvalidChange, problems)
}

/// The list price at which `amount` is `discount` (below 1) off: amount /
/// (1 − discount), rounded down to 12 places so the discount is never
/// above the one asked for; none when it comes to 0.
fn list_price_at(amount: Decimal, discount: Decimal) -> Option<Decimal> {
    let list = checked::div(amount, Decimal::ONE - discount)
        .round_dp_with_strategy(12, RoundingStrategy::ToZero);
    (list > Decimal::ZERO).then_some(list)
}

fn apply(e: &mut Engine, participant: &str, change: &Value, path: &str) -> Result<String, Error> {
    let mut r = Reader::default();
    let Some(mut o) = r.object(change, path) else {
        return Err(Error::new(ErrorCode::InvalidChange, r.problems));
    };
    let op = r.req_str(&mut o, "op").unwrap_or_default();
    // A typo in a change must not change the answer silently: only the
    // change's own fields are taken.
    let fields: &[&'static str] = match op.as_str() {
        "add_deal" => &["deal", "discount"],
        "remove_deal" => &["deal"],
        "set_amount" => &["deal", "amount", "line"],
        "set_stage" => &["deal", "stage"],
        "set_close_date" => &["deal", "close_date"],
        "set_discount" => &["deal", "discount", "line"],
        "set_product" => &["deal", "product", "line"],
        "add_touch" => &["deal", "touch"],
        "remove_touch" => &["deal", "index"],
        "set_company_revenue" => &["amount"],
        "set_metric" => &["participant", "name", "value"],
        _ => &[],
    };
    if !fields.is_empty() {
        for f in fields {
            o.get(f);
        }
        r.deny_unknown(&o);
    }
    check(r)?;
    let mut r = Reader::default();
    let deal_id = |r: &mut Reader, o: &mut read::Obj<'_>| r.req_str(o, "deal");
    match op.as_str() {
        "add_deal" => {
            let (v, p) = r.req(&mut o, "deal").ok_or_else(|| invalid(format!("{path}.deal"), "is required"))?;
            let d = read::activity::deal(&mut r, v, &p);
            // `discount`: every line at that discount off its list price.
            let discount = r.opt_dec(&mut o, "discount", Check::Fraction);
            if discount.is_some_and(|x| x >= Decimal::ONE) {
                r.err(o.field_path("discount"), "must be below 1");
            }
            check(r)?;
            if let Some(mut d) = d {
                if let Some(x) = discount.filter(|x| !x.is_zero()) {
                    for l in &mut d.lines {
                        l.list_price = list_price_at(l.amount, x);
                    }
                }
                if e.deal(&d.id).is_some() {
                    return Err(invalid(format!("{p}.id"), format!("\"{}\" is already a deal; use set_* changes to edit it", d.id)));
                }
                e.put_deal(d, &p).map_err(|x| Error::new(ErrorCode::InvalidChange, x.problems))?;
            }
        }
        "remove_deal" => {
            let id = deal_id(&mut r, &mut o);
            check(r)?;
            e.remove_deal(&id.unwrap_or_default()).map_err(|x| under(path, x))?;
        }
        "set_company_revenue" => {
            let v = o.get("amount").map(|(v, _)| v);
            e.set_company_revenue(v).map_err(|x| under(path, x))?;
        }
        "set_metric" => {
            let who = r.opt_str(&mut o, "participant").unwrap_or_else(|| participant.to_string());
            let name = r.req_str(&mut o, "name");
            let value = r.req(&mut o, "value");
            check(r)?;
            if let (Some(name), Some((v, _))) = (name, value) {
                e.set_metric(&who, &name, v).map_err(|x| under(path, x))?;
            }
        }
        "set_amount" | "set_stage" | "set_close_date" | "set_discount" | "set_product" | "add_touch" | "remove_touch" => {
            let id = deal_id(&mut r, &mut o);
            check(r)?;
            let id = id.unwrap_or_default();
            let mut d = e.deal(&id).cloned().ok_or_else(|| {
                Error::one(ErrorCode::UnknownDeal, format!("{path}.deal"), format!("\"{id}\" is not a deal of the activity"))
            })?;
            edit(&mut d, &op, &mut o, path)?;
            e.put_deal(d, path).map_err(|x| Error::new(ErrorCode::InvalidChange, x.problems))?;
        }
        other => {
            return Err(invalid(
                format!("{path}.op"),
                format!(
                    "\"{other}\" is not a change; use add_deal, remove_deal, set_amount, set_stage, set_close_date, set_discount, set_product, add_touch, remove_touch, set_company_revenue or set_metric"
                ),
            ))
        }
    }
    Ok(op)
}

/// The line a change edits: `line` when given, else the deal's only line.
fn line_index(r: &mut Reader, o: &mut read::Obj<'_>, d: &Deal) -> Option<usize> {
    match o.get("line") {
        Some((v, p)) => {
            let i = r.whole(v, &p, d.lines.len().saturating_sub(1) as u64)? as usize;
            Some(i)
        }
        None if d.lines.len() == 1 => Some(0),
        None => {
            r.err(
                o.field_path("line"),
                format!("is required: deal \"{}\" has {} lines", d.id, d.lines.len()),
            );
            None
        }
    }
}

fn edit(d: &mut Deal, op: &str, o: &mut read::Obj<'_>, path: &str) -> Result<(), Error> {
    let mut r = Reader::default();
    match op {
        "set_amount" => {
            let amount = r.req_dec(o, "amount", Check::NonNegative);
            let i = line_index(&mut r, o, d);
            if let (Some(a), Some(i)) = (amount, i) {
                d.lines[i].amount = a;
            }
        }
        "set_stage" => {
            if let Some(s) = r
                .req(o, "stage")
                .and_then(|(v, p)| r.name(v, &p, Stage::parse, Stage::expected))
            {
                d.stage = s;
            }
        }
        "set_close_date" => {
            if let Some(date) = r.req(o, "close_date").and_then(|(v, p)| r.date(v, &p)) {
                d.close_date = date;
            }
        }
        "set_discount" => {
            // The discount is set through the list price: list = amount / (1 − discount),
            // rounded down to 12 places so the discount is never above the one asked for.
            let discount = r.req_dec(o, "discount", Check::Fraction);
            let i = line_index(&mut r, o, d);
            if let (Some(x), Some(i)) = (discount, i) {
                if x >= Decimal::ONE {
                    r.err(o.field_path("discount"), "must be below 1");
                } else if x.is_zero() {
                    d.lines[i].list_price = None;
                } else {
                    d.lines[i].list_price = list_price_at(d.lines[i].amount, x);
                }
            }
        }
        "set_product" => {
            let product = r.req_str(o, "product");
            let i = line_index(&mut r, o, d);
            if let (Some(p), Some(i)) = (product, i) {
                d.lines[i].product = Some(p);
            }
        }
        "add_touch" => {
            if let Some((v, p)) = r.req(o, "touch") {
                let touch: Option<Touch> = read::activity::touch(&mut r, v, &p);
                if let Some(t) = touch {
                    d.touches.push(t);
                }
            }
        }
        "remove_touch" => {
            let max = d.touches.len().saturating_sub(1) as u64;
            if d.touches.is_empty() {
                r.err(
                    format!("{path}.index"),
                    format!("deal \"{}\" has no touches", d.id),
                );
            } else if let Some(i) = r.req(o, "index").and_then(|(v, p)| r.whole(v, &p, max)) {
                d.touches.remove(i as usize);
            }
        }
        _ => {}
    }
    check(r)
}
