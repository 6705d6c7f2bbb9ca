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
use crate::model::activity::Deal;
use crate::model::change::{Change, Edit, Position};
use crate::model::names::Stage;
use crate::read;
pub(crate) use crate::read::change::{check, invalid};
use crate::statement::Statement;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::Value;

mod curve;
pub mod import;
pub use curve::{curve, what_it_takes, WhatItTakes};

/// Earned, payable and due moved by a change (or a whole scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delta {
    pub earned: Decimal,
    pub payable: Decimal,
    pub due: Decimal,
    /// Total pay moved (statements with total pay: the draw can turn a
    /// change of variable pay into a smaller one of total pay).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_pay: Option<Decimal>,
}

impl Delta {
    fn between(before: &Statement, after: &Statement) -> Delta {
        Delta {
            earned: after.earned - before.earned,
            payable: after.payable - before.payable,
            due: after.due - before.due,
            total_pay: match (&before.pay, &after.pay) {
                (Some(b), Some(a)) => Some(a.total_pay - b.total_pay),
                _ => None,
            },
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
    let list = read::change::list(changes)?;
    let mut scenario = engine.clone();
    let mut before = baseline.clone();
    let mut effects = Vec::with_capacity(list.len());
    for (i, change) in list.iter().enumerate() {
        let path = format!("changes[{i}]");
        let (op, deal) = apply(&mut scenario, participant, change, &path)?;
        let after = if i + 1 == list.len() {
            full(&scenario)?
        } else {
            // Only the figures of the steps between are kept: no lines.
            scenario.totals(participant)?
        };
        let delta = Delta::between(&before, &after);
        let note = if delta.earned.is_zero() && delta.payable.is_zero() {
            why_nothing(&scenario, participant, deal.as_deref())?
        } else {
            None
        };
        effects.push(ChangeEffect {
            op: op.to_string(),
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
    let list = read::change::list(changes)?;
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
fn why_nothing(e: &Engine, participant: &str, deal: Option<&str>) -> Result<Option<String>, Error> {
    let Some(id) = deal else {
        return Ok(None);
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

/// Reads the change at `path` and applies it to the copy `e`: its op and
/// the deal it is about.
fn apply(
    e: &mut Engine,
    participant: &str,
    change: &Value,
    path: &str,
) -> Result<(&'static str, Option<String>), Error> {
    let change = read::change::change(change, path)?;
    let op = change.op();
    let deal = change.deal().map(str::to_string);
    match change {
        Change::AddDeal { mut deal, discount } => {
            if let Some(x) = discount.filter(|x| !x.is_zero()) {
                for l in &mut deal.lines {
                    l.list_price = list_price_at(l.amount, x);
                }
            }
            let at = format!("{path}.deal");
            if e.deal(&deal.id).is_some() {
                return Err(invalid(
                    format!("{at}.id"),
                    format!(
                        "\"{}\" is already a deal; use set_* changes to edit it",
                        deal.id
                    ),
                ));
            }
            e.put_deal(*deal, &at)
                .map_err(|x| Error::new(ErrorCode::InvalidChange, x.problems))?;
        }
        Change::RemoveDeal { deal } => {
            e.remove_deal(&deal)
                .map_err(|_| unknown_deal(path, &deal))?;
        }
        Change::SetCompanyRevenue { amount } => e.set_company_revenue_to(amount),
        Change::SetMetric {
            participant: who,
            name,
            value,
        } => {
            let who = who.as_deref().unwrap_or(participant);
            e.set_metric_to(who, &name, value)
                .map_err(|x| under(path, x))?;
        }
        Change::UpsertLead { lead } => {
            e.put_lead(*lead).map_err(|x| under(path, x))?;
        }
        Change::RemoveLead { lead } => {
            e.remove_lead(&lead).map_err(|x| under(path, x))?;
        }
        Change::Edit { deal, edit } => {
            let mut d = e
                .deal(&deal)
                .cloned()
                .ok_or_else(|| unknown_deal(path, &deal))?;
            apply_edit(&mut d, edit, path)?;
            e.put_deal(d, path)
                .map_err(|x| Error::new(ErrorCode::InvalidChange, x.problems))?;
        }
    }
    Ok((op, deal))
}

fn unknown_deal(path: &str, id: &str) -> Error {
    Error::one(
        ErrorCode::UnknownDeal,
        format!("{path}.deal"),
        format!("\"{id}\" is not a deal of the activity"),
    )
}

/// The position `at` of a list of `len` (`line`, `index`) when it is there.
fn within(at: Position, len: usize, path: String) -> Result<usize, Error> {
    let max = len.saturating_sub(1) as u64;
    match at {
        Some(n) if n <= max => Ok(n as usize),
        _ => Err(invalid(
            path,
            format!("must be a whole number from 0 to {max}"),
        )),
    }
}

/// The line an edit is about: `line` when given, else the deal's only line.
fn line_of(d: &Deal, line: Option<Position>, path: &str) -> Result<usize, Error> {
    let at = format!("{path}.line");
    match line {
        Some(p) => within(p, d.lines.len(), at),
        None if d.lines.len() == 1 => Ok(0),
        None => Err(invalid(
            at,
            format!("is required: deal \"{}\" has {} lines", d.id, d.lines.len()),
        )),
    }
}

fn apply_edit(d: &mut Deal, edit: Edit, path: &str) -> Result<(), Error> {
    match edit {
        Edit::SetAmount { amount, line } => {
            let i = line_of(d, line, path)?;
            d.lines[i].amount = amount;
        }
        Edit::SetStage(stage) => d.stage = stage,
        Edit::SetCloseDate(date) => d.close_date = date,
        Edit::SetDiscount { discount, line } => {
            // Set through the list price: list = amount / (1 − discount).
            let i = line_of(d, line, path)?;
            d.lines[i].list_price = if discount.is_zero() {
                None
            } else {
                list_price_at(d.lines[i].amount, discount)
            };
        }
        Edit::SetProduct { product, line } => {
            let i = line_of(d, line, path)?;
            d.lines[i].product = Some(product);
        }
        Edit::AddTouch(t) => d.touches.push(t),
        Edit::RemoveTouch(index) => {
            let at = format!("{path}.index");
            if d.touches.is_empty() {
                return Err(invalid(at, format!("deal \"{}\" has no touches", d.id)));
            }
            let Some(index) = index else {
                return Err(invalid(at, "is required"));
            };
            let i = within(index, d.touches.len(), at)?;
            d.touches.remove(i);
        }
    }
    Ok(())
}
