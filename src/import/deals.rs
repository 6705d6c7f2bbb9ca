//! The rows of an opportunities export as deals: the one reader of CRM deal
//! rows, for the pay run's import (`incentive import`) and the widget's CSV
//! import of hypothetical deals (through the package). Both take the same
//! mapping (`[opportunities]`: columns, value maps, date format) and the same
//! rules; [`Rules`] holds what differs (who a row's owner is when it names
//! none, what an open stage means, ids already taken).

use super::mapping::{DealColumns, File};
use super::rows::{read_rows, Row, RowProblem};
use super::values::{amount, date, fraction, word, SOURCES, STAGES, TYPES};
use super::{Csv, Deal, Owner};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

/// What differs between the pay run and a what-if.
pub struct Rules<'a> {
    /// A row's owner cell (an id or a name) → the participant's id, or why not.
    pub person: &'a dyn Fn(&str) -> Result<String, String>,
    /// The owner of a row that names none (the widget's viewer); None: the
    /// owner column is required.
    pub default_owner: Option<&'a str>,
    /// The type of a row that gives none.
    pub default_type: Option<&'a str>,
    /// Ids that are deals already (a what-if adds deals, it does not edit).
    pub taken: &'a dyn Fn(&str) -> bool,
    /// Rows without an id get `{prefix}1`, `{prefix}2`, …; None: the id
    /// column is required.
    pub id_prefix: Option<&'a str>,
    /// A what-if of a pipeline: a stage the maps do not know is an open deal,
    /// imported as booked (and the deal says so), unless it reads as lost
    /// ("Closed Lost", "Dead"), which is left out with the reason. Off: an
    /// unknown stage is a problem.
    pub open_stages: bool,
    /// Said after a word no map knows ("; add it to the mapping's value map").
    pub word_hint: &'a str,
    pub max_deals: usize,
}

/// One deal read, with the rows it came from.
pub struct Imported {
    pub deal: Deal,
    pub rows: Vec<u64>,
    /// The discount column's value, when the row gave no list price (the
    /// what-if's `add_deal` `discount`; the pay run writes the list price).
    pub discount: Option<String>,
    /// Why the deal is not quite what the row said ("open (Negotiation):
    /// imported as if booked").
    pub note: Option<String>,
}

/// The list price at which `amount` is `discount` off, rounded down to 12
/// places (as what-if's `discount` does); None at a zero discount.
pub fn list_price(amount: &str, discount: &str) -> Option<String> {
    let (a, d) = (
        amount.parse::<Decimal>().ok()?,
        discount.parse::<Decimal>().ok()?,
    );
    if d.is_zero() || d >= Decimal::ONE {
        return None;
    }
    let list = a
        .checked_div(Decimal::ONE - d)?
        .round_dp_with_strategy(12, RoundingStrategy::ToZero);
    Some(list.normalize().to_string())
}

fn lost(stage: &str) -> bool {
    let s = stage.to_lowercase();
    ["lost", "dead", "disqualified"]
        .iter()
        .any(|w| s.contains(w))
}

/// Reads the opportunities file; every bad row is a problem, the good rows
/// are deals (rows sharing an id are one deal split between owners).
pub fn read_deals(
    f: &File<DealColumns>,
    csv: Csv,
    default_format: &str,
    rules: &Rules,
    problems: &mut Vec<RowProblem>,
) -> Vec<Imported> {
    let format = f.date_format.as_deref().unwrap_or(default_format);
    let columns = f.columns.named();
    let rows = read_rows(csv, &columns, problems);
    let mut deals: Vec<Imported> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut generated = 0;
    let hint = |r: Result<String, String>| r.map_err(|m| format!("{m}{}", rules.word_hint));
    for (line, cells) in &rows {
        let before = problems.len();
        let mut r = Row {
            file: csv.name,
            line: *line,
            cells,
            columns: &columns,
            problems,
        };
        let id = match rules.id_prefix {
            Some(_) => r.cell("id").map(str::to_string),
            None => r.need("id", |s| Ok(s.to_string())),
        };
        let amount_ = r.need("amount", amount);
        // A close date is a day: a time of day in the export is dropped.
        let close = r.need("close_date", |s| {
            date(s, format).map(|d| d[..10].to_string())
        });
        let owner = match (r.cell("owner"), rules.default_owner) {
            (None, Some(viewer)) => Some(viewer.to_string()),
            _ => r.need("owner", rules.person),
        };
        let split = r
            .take("split", |s| fraction(s, "split"))
            .unwrap_or_else(|| "1".into());
        if split
            .parse::<Decimal>()
            .is_ok_and(|x| x <= Decimal::ZERO || x > Decimal::ONE)
        {
            let cell = r.cell("split").unwrap_or("").to_string();
            r.fail(
                "split",
                format!("“{cell}” must be above 0 and at most 100%"),
            );
        }
        let kind = r
            .take("type", |s| hint(word(s, &f.types, TYPES, "deal type")))
            .or_else(|| rules.default_type.map(str::to_string));
        let mut note = None;
        let stage = match r.cell("stage").map(str::to_string) {
            Some(s) if rules.open_stages && word(&s, &f.stages, STAGES, "").is_err() => {
                if lost(&s) {
                    r.fail(
                        "stage",
                        format!("“{s}” is a lost deal: left out (it pays nothing)"),
                    );
                    continue;
                }
                note = Some(format!("open ({s}): imported as if booked"));
                Some("booked".to_string())
            }
            _ => r.take("stage", |s| {
                hint(word(s, &f.stages, STAGES, "stage the plan knows"))
            }),
        };
        let source = r.take("source", |s| {
            hint(word(s, &f.sources, SOURCES, "deal source"))
        });
        let list = r.take("list_price", amount);
        let discount = r.take("discount", |s| fraction(s, "discount"));
        if discount
            .as_deref()
            .and_then(|d| d.parse::<Decimal>().ok())
            .is_some_and(|d| d >= Decimal::ONE)
        {
            let cell = r.cell("discount").unwrap_or("").to_string();
            r.fail(
                "discount",
                format!("“{cell}” is 100% or more: a discount must be below 100%"),
            );
        }
        let cost = r.take("cost", amount);
        if let (Some(l), Some(a)) = (&list, &amount_) {
            if l.parse::<Decimal>().ok() < a.parse::<Decimal>().ok() {
                r.fail("list_price", format!("{l} is below the amount {a}: the list price is the price before the discount"));
            }
        }
        if let Some(id) = id.as_deref().filter(|id| (rules.taken)(id)) {
            r.fail(
                "id",
                format!("“{id}” is already a deal in the data: edit it in “Edit a deal” instead"),
            );
        }
        let (name, product) = (
            r.cell("name").map(str::to_string),
            r.cell("product").map(str::to_string),
        );
        let (Some(amount_), Some(close), Some(owner), true) =
            (amount_, close, owner, problems.len() == before)
        else {
            continue;
        };
        let id = match (id, rules.id_prefix) {
            (Some(id), _) => id,
            (None, prefix) => loop {
                generated += 1;
                let id = format!("{}{generated}", prefix.unwrap_or_default());
                if !(rules.taken)(&id) && !by_id.contains_key(&id) {
                    break id;
                }
            },
        };
        let mut r = Row {
            file: csv.name,
            line: *line,
            cells,
            columns: &columns,
            problems,
        };
        if let Some(&k) = by_id.get(&id) {
            // Another owner of a split deal.
            let d = &mut deals[k];
            if d.deal.owners.iter().any(|o| o.participant == owner) {
                let first = d.rows[0];
                r.fail(
                    "owner",
                    format!("repeats deal “{id}” for {owner} (row {first}): one row per owner"),
                );
                continue;
            }
            d.rows.push(*line);
            d.deal.owners.push(Owner {
                participant: owner,
                split,
            });
            continue;
        }
        if deals.len() >= rules.max_deals {
            r.fail(
                "",
                format!(
                    "is past the limit of {} deals in one scenario",
                    rules.max_deals
                ),
            );
            continue;
        }
        // A discount with a list price is the list price's; without one it
        // prices the deal.
        let discount =
            discount.filter(|d| list.is_none() && d.parse::<Decimal>().is_ok_and(|d| !d.is_zero()));
        let list = list.filter(|l| l.parse::<Decimal>().ok() > amount_.parse::<Decimal>().ok());
        by_id.insert(id.clone(), deals.len());
        deals.push(Imported {
            deal: Deal {
                id,
                name,
                kind,
                source,
                close_date: close,
                stage,
                amount: amount_,
                product,
                list_price: list,
                cost,
                owners: vec![Owner {
                    participant: owner,
                    split,
                }],
                touches: Vec::new(),
            },
            rows: vec![*line],
            discount,
            note,
        });
    }
    // Each deal's splits add up to 1 (the engine checks again; here the rows
    // are named).
    deals.retain(|d| {
        let total: Option<Decimal> = d.deal.owners.iter().map(|o| o.split.parse::<Decimal>().ok()).sum();
        if total == Some(Decimal::ONE) {
            return true;
        }
        let list = d.rows.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
        let col = f.columns.split.as_deref().unwrap_or("split");
        for line in &d.rows {
            problems.push(RowProblem {
                file: csv.name.to_string(),
                row: *line,
                column: col.to_string(),
                message: format!(
                    "the splits of deal “{}” (rows {list}) add up to {}; they must add up to 1 (100%)",
                    d.deal.id,
                    total.map_or("?".into(), |t| t.normalize().to_string())
                ),
            });
        }
        false
    });
    deals
}
