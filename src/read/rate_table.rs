//! Reads a commission's `rate_table`: band starts of the deal's amount
//! and/or the line's margin percentage, strictly ascending, and a rate per
//! band (a grid: a row per amount band, a rate per margin band).

use super::{Check, Reader};
use crate::model::rate_table::RateTable;
use rust_decimal::Decimal;
use serde_json::Value;

pub(super) fn rate_table(r: &mut Reader, v: &Value, path: &str) -> Option<RateTable> {
    let mut o = r.object(v, path)?;
    let amount = o
        .get("amount")
        .map(|(v, p)| starts(r, v, &p, Check::NonNegative));
    let margin = o
        .get("margin_percent")
        .map(|(v, p)| starts(r, v, &p, Check::Any));
    let rates = r.req(&mut o, "rates");
    r.deny_unknown(&o);
    let (v, rpath) = rates?;
    let (Some(amount), Some(margin)) = (
        amount.map_or(Some(None), |x| x.map(Some)),
        margin.map_or(Some(None), |x| x.map(Some)),
    ) else {
        // The bands are wrong: the rates' own problems still, every one at once.
        each_rate(r, v, &rpath);
        return None;
    };
    let rates = match (&amount, &margin) {
        (None, None) => {
            r.err(
                path,
                "needs \"margin_percent\", \"amount\" or both: the band starts that pick the rate",
            );
            return None;
        }
        (Some(rows), Some(cols)) => {
            let list = r.array(v, &rpath)?;
            if list.len() != rows.len() {
                r.err(
                    &rpath,
                    format!(
                        "has {} rows; the grid needs one per amount band ({})",
                        list.len(),
                        rows.len()
                    ),
                );
                return None;
            }
            let mut grid = Vec::with_capacity(rows.len());
            for (i, row) in list.iter().enumerate() {
                grid.push(band_rates(
                    r,
                    row,
                    &super::index(&rpath, i),
                    cols.len(),
                    "margin",
                )?);
            }
            grid
        }
        (Some(rows), None) => band_rates(r, v, &rpath, rows.len(), "amount")?
            .into_iter()
            .map(|x| vec![x])
            .collect(),
        (None, Some(cols)) => vec![band_rates(r, v, &rpath, cols.len(), "margin")?],
    };
    Some(RateTable {
        amount,
        margin_percent: margin,
        rates,
    })
}

/// Band starts: at least one, strictly ascending (a start at or below the
/// one before would overlap its band).
fn starts(r: &mut Reader, v: &Value, path: &str, check: Check) -> Option<Vec<Decimal>> {
    let list = r.array(v, path)?;
    if list.is_empty() {
        r.err(path, "needs at least one band start");
        return None;
    }
    let mut out: Vec<Decimal> = Vec::with_capacity(list.len());
    let mut ok = true;
    for (i, x) in list.iter().enumerate() {
        let p = super::index(path, i);
        let Some(d) = r.decimal(x, &p, check) else {
            ok = false;
            continue;
        };
        if let Some(before) = out.last().filter(|b| d <= **b) {
            r.err(
                p,
                format!("{d} overlaps the band from {before}: band starts ascend strictly"),
            );
            ok = false;
        }
        out.push(d);
    }
    ok.then_some(out)
}

/// One rate (≥ 0) per band of the key.
fn band_rates(r: &mut Reader, v: &Value, path: &str, n: usize, key: &str) -> Option<Vec<Decimal>> {
    let list = r.array(v, path)?;
    if list.len() != n {
        r.err(
            path,
            format!(
                "has {} rates; it needs one per {key} band ({n})",
                list.len()
            ),
        );
        return None;
    }
    let rates: Vec<Option<Decimal>> = list
        .iter()
        .enumerate()
        .map(|(i, x)| r.decimal(x, &super::index(path, i), Check::NonNegative))
        .collect();
    rates.into_iter().collect()
}

/// Checks every rate of `v` (a list, or a list of lists) on its own.
fn each_rate(r: &mut Reader, v: &Value, path: &str) {
    match v {
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                each_rate(r, x, &super::index(path, i));
            }
        }
        x => {
            r.decimal(x, path, Check::NonNegative);
        }
    }
}
