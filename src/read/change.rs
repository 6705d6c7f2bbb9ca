//! Reads what-if changes (`{ "op": ... }` objects) into typed
//! [`Change`]s. Everything a change says about itself is checked here:
//! its op, its fields (a typo is refused, never ignored), their types and
//! bounds. What depends on the activity (the deal exists, the line or touch
//! is there) is checked when what-if applies it.

use super::{activity, Check, Obj, Reader};
use crate::error::{one_of, Error, ErrorCode};
use crate::limits::MAX_CHANGES;
use crate::model::change::{fields, Change, Edit, Position, OPS};
use crate::model::names::Stage;
use rust_decimal::Decimal;
use serde_json::Value;

/// An InvalidChange error with one problem.
pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::one(ErrorCode::InvalidChange, path, message)
}

/// The problems a reader found, as an InvalidChange error.
pub fn check(r: Reader) -> Result<(), Error> {
    if r.ok() {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::InvalidChange, r.problems))
    }
}

/// The scenario's list of changes, at most [`MAX_CHANGES`] of them (each is
/// read with [`change`] as it is applied, so the first failing change, in
/// order, is the one reported).
pub fn list(changes: &Value) -> Result<&[Value], Error> {
    let Value::Array(list) = changes else {
        return Err(invalid("changes", "must be an array of changes"));
    };
    if list.len() > MAX_CHANGES {
        return Err(Error::one(
            ErrorCode::TooLarge,
            "changes",
            format!("has {} changes; the limit is {MAX_CHANGES}", list.len()),
        ));
    }
    Ok(list)
}

/// Reads one change found at `path` (such as `changes[2]`).
pub fn change(v: &Value, path: &str) -> Result<Change, Error> {
    let mut r = Reader::default();
    let Some(mut o) = r.object(v, path) else {
        return Err(Error::new(ErrorCode::InvalidChange, r.problems));
    };
    let op = r.req_str(&mut o, "op").unwrap_or_default();
    let known = fields(&op);
    if let Some(known) = known {
        for f in known {
            o.get(f);
        }
        r.deny_unknown(&o);
    }
    check(r)?;
    if known.is_none() {
        let names: Vec<String> = OPS.iter().map(|(n, _)| n.to_string()).collect();
        return Err(invalid(
            format!("{path}.op"),
            format!("\"{op}\" is not a change; use {}", one_of(&names)),
        ));
    }
    let mut r = Reader::default();
    let change = match op.as_str() {
        "add_deal" => add_deal(&mut r, &mut o, path)?,
        "remove_deal" => r
            .req_str(&mut o, "deal")
            .map(|deal| Change::RemoveDeal { deal }),
        "set_company_revenue" => {
            let amount = match o.get("amount") {
                None | Some((Value::Null, _)) => None,
                Some((v, p)) => Some(r.decimal(v, &p, Check::NonNegative)),
            };
            match amount {
                Some(None) => None,
                amount => Some(Change::SetCompanyRevenue {
                    amount: amount.flatten(),
                }),
            }
        }
        "set_metric" => {
            let participant = r.opt_str(&mut o, "participant");
            let name = r.req_str(&mut o, "name");
            let value = r.req_dec(&mut o, "value", Check::Any);
            match (name, value) {
                (Some(name), Some(value)) => Some(Change::SetMetric {
                    participant,
                    name,
                    value,
                }),
                _ => None,
            }
        }
        "upsert_lead" => r
            .req(&mut o, "lead")
            .and_then(|(v, p)| super::lead::lead(&mut r, v, &p))
            .map(|lead| Change::UpsertLead {
                lead: Box::new(lead),
            }),
        "remove_lead" => r
            .req_str(&mut o, "lead")
            .map(|lead| Change::RemoveLead { lead }),
        op => {
            let deal = r.req_str(&mut o, "deal");
            match (deal, edit(&mut r, &mut o, op)) {
                (Some(deal), Some(edit)) => Some(Change::Edit { deal, edit }),
                _ => None,
            }
        }
    };
    check(r)?;
    Ok(change.expect("a change read without problems"))
}

fn add_deal(r: &mut Reader, o: &mut Obj<'_>, path: &str) -> Result<Option<Change>, Error> {
    let (v, p) = o
        .get("deal")
        .ok_or_else(|| invalid(format!("{path}.deal"), "is required"))?;
    let deal = activity::deal(r, v, &p);
    // `discount`: every line at that discount off its list price.
    let discount = r.opt_dec(o, "discount", Check::Fraction);
    let discount = below_one(r, o, discount);
    Ok(deal.map(|deal| Change::AddDeal {
        deal: Box::new(deal),
        discount,
    }))
}

/// A discount is a fraction below 1 (at 1 nothing would be left to pay).
fn below_one(r: &mut Reader, o: &Obj<'_>, discount: Option<Decimal>) -> Option<Decimal> {
    match discount {
        Some(x) if x >= Decimal::ONE => {
            r.err(o.field_path("discount"), "must be below 1");
            None
        }
        x => x,
    }
}

/// `line` or `index` as given (None: not given).
fn position(o: &mut Obj<'_>, key: &'static str) -> Option<Position> {
    o.get(key).map(|(v, _)| v.as_u64())
}

fn edit(r: &mut Reader, o: &mut Obj<'_>, op: &str) -> Option<Edit> {
    match op {
        "set_amount" => {
            let amount = r.req_dec(o, "amount", Check::NonNegative)?;
            Some(Edit::SetAmount {
                amount,
                line: position(o, "line"),
            })
        }
        "set_stage" => {
            let (v, p) = r.req(o, "stage")?;
            r.name(v, &p, Stage::parse, Stage::expected)
                .map(Edit::SetStage)
        }
        "set_close_date" => {
            let (v, p) = r.req(o, "close_date")?;
            r.date(v, &p).map(Edit::SetCloseDate)
        }
        "set_discount" => {
            let discount = r.req_dec(o, "discount", Check::Fraction);
            let discount = below_one(r, o, discount)?;
            Some(Edit::SetDiscount {
                discount,
                line: position(o, "line"),
            })
        }
        "set_product" => {
            let product = r.req_str(o, "product")?;
            Some(Edit::SetProduct {
                product,
                line: position(o, "line"),
            })
        }
        "add_touch" => {
            let (v, p) = r.req(o, "touch")?;
            activity::touch(r, v, &p).map(Edit::AddTouch)
        }
        "remove_touch" => Some(Edit::RemoveTouch(position(o, "index"))),
        _ => unreachable!("every op of OPS is read"),
    }
}
