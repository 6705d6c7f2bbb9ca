//! A CRM export as hypothetical deals of a scenario: the pay run's importer
//! ([`crate::import::deals`]) with the what-if's rules. The owner of a row
//! that names none is the viewer; an owner is a participant (id or name) or
//! someone the data's deals name; rows without an id are numbered `CSV-1`,
//! `CSV-2`, …; an open stage is imported as booked and a lost deal is left
//! out, each with the reason; ids already deals are refused.

use crate::engine::Engine;
use crate::error::{Error, ErrorCode};
use crate::import::deals::{read_deals, Rules};
use crate::import::mapping::{DealColumns, File};
use crate::import::rows::RowProblem;
use crate::import::{self, Csv};
use crate::limits::MAX_CHANGES;
use crate::read::{self, Reader};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the widget asks: the file, its mapping (the `[opportunities]`
/// section of a mapping file, as JSON), ids a scenario has added already and
/// how many deals there is room for.
struct Options {
    file: String,
    mapping: File<DealColumns>,
    taken: Vec<String>,
    max_deals: usize,
}

/// Reads the options with the format's reader (every problem at its path,
/// unknown fields refused), not serde: the package stays small.
fn options(v: &Value) -> Result<Options, Error> {
    let mut r = Reader::default();
    let fail = |r: Reader| Error::new(ErrorCode::InvalidChange, r.problems);
    let Some(mut o) = r.object(v, "options") else {
        return Err(fail(r));
    };
    let file = r
        .opt_str(&mut o, "file")
        .unwrap_or_else(|| "file".to_string());
    let mut taken = Vec::new();
    if let Some((v, p)) = o.get("taken") {
        for (i, id) in r.array(v, &p).unwrap_or_default().iter().enumerate() {
            taken.extend(r.string(id, &read::index(&p, i)));
        }
    }
    let max_deals = match o.get("max_deals") {
        Some((v, p)) => r.whole(v, &p, MAX_CHANGES as u64).map_or(0, |n| n as usize),
        None => MAX_CHANGES,
    };
    let mapping = r
        .req(&mut o, "mapping")
        .and_then(|(v, p)| mapping(&mut r, v, &p));
    r.deny_unknown(&o);
    match mapping {
        Some(mapping) if r.ok() => Ok(Options {
            file,
            mapping,
            taken,
            max_deals,
        }),
        _ => Err(fail(r)),
    }
}

fn mapping(r: &mut Reader, v: &Value, path: &str) -> Option<File<DealColumns>> {
    let mut o = r.object(v, path)?;
    let date_format = r.opt_str(&mut o, "date_format");
    let columns = r.req(&mut o, "columns").and_then(|(v, p)| {
        let mut c = r.object(v, &p)?;
        let mut col = |r: &mut Reader, key: &'static str| r.opt_str(&mut c, key);
        let (id, owner, name, kind) = (
            col(r, "id"),
            col(r, "owner"),
            col(r, "name"),
            col(r, "type"),
        );
        let (stage, source, split, product) = (
            col(r, "stage"),
            col(r, "source"),
            col(r, "split"),
            col(r, "product"),
        );
        let (list_price, discount, cost) =
            (col(r, "list_price"), col(r, "discount"), col(r, "cost"));
        let amount = r.req_str(&mut c, "amount");
        let close_date = r.req_str(&mut c, "close_date");
        r.deny_unknown(&c);
        Some(DealColumns {
            id,
            amount: amount?,
            close_date: close_date?,
            owner,
            name,
            kind,
            stage,
            source,
            split,
            product,
            list_price,
            discount,
            cost,
        })
    });
    let mut words = |r: &mut Reader, key: &'static str| -> BTreeMap<String, String> {
        let Some((v, p)) = o.get(key) else {
            return BTreeMap::new();
        };
        let Some(Value::Object(m)) = r.object(v, &p).map(|_| v) else {
            return BTreeMap::new();
        };
        m.iter()
            .filter_map(|(k, w)| Some((k.clone(), r.string(w, &read::child(&p, k))?)))
            .collect()
    };
    let (stages, types, sources, marks) = (
        words(r, "stages"),
        words(r, "types"),
        words(r, "sources"),
        words(r, "marks"),
    );
    r.deny_unknown(&o);
    Some(File {
        date_format,
        columns: columns?,
        stages,
        types,
        sources,
        marks,
    })
}

/// One deal of the file, as an `add_deal` change takes it.
#[derive(Debug, Serialize)]
pub struct ImportedDeal {
    pub deal: import::Deal,
    /// The rows it came from (the header is row 1).
    pub rows: Vec<u64>,
    /// For `add_deal`'s `discount` (the row gave a discount, no list price).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ImportedDeals {
    pub deals: Vec<ImportedDeal>,
    /// Every row left out, with its row, column and reason, by row.
    pub problems: Vec<RowProblem>,
}

/// Reads `text` (CSV) for `participant`'s scenario.
pub fn import_deals(
    engine: &Engine,
    participant: &str,
    text: &str,
    options_json: &Value,
) -> Result<ImportedDeals, Error> {
    let o = options(options_json)?;
    let activity = engine.activity();
    let me = activity
        .participants
        .iter()
        .find(|p| p.id == participant)
        .ok_or_else(|| {
            Error::one(
                ErrorCode::UnknownParticipant,
                "participant",
                format!("\"{participant}\" is not a participant of the activity"),
            )
        })?;
    let default_type = engine
        .plan()
        .role(&me.role)
        .and_then(|r| r.quota.types.as_ref()?.first().map(|t| t.as_str()))
        .unwrap_or("new");
    // Ids and names of participants; ids of anyone the data's deals name.
    let mut people: HashMap<String, String> = HashMap::new();
    for d in &activity.deals {
        for w in &d.owners {
            people.insert(w.participant.clone(), w.participant.clone());
        }
    }
    let mut by_name: HashMap<String, String> = HashMap::new();
    for p in &activity.participants {
        people.insert(p.id.clone(), p.id.clone());
        if let Some(n) = &p.name {
            by_name.insert(n.trim().to_lowercase(), p.id.clone());
        }
    }
    let example = activity
        .participants
        .first()
        .map_or("rep-ada", |p| p.id.as_str())
        .to_string();
    let person = |s: &str| -> Result<String, String> {
        people.get(s).or_else(|| by_name.get(&s.to_lowercase())).cloned().ok_or_else(|| {
            format!("“{s}” is neither a participant nor a deal owner in the data (use an id such as {example} or a name)")
        })
    };
    let taken: HashSet<&str> = o.taken.iter().map(String::as_str).collect();
    let is_taken = |id: &str| taken.contains(id) || engine.deal(id).is_some();
    let rules = Rules {
        person: &person,
        default_owner: Some(participant),
        default_type: Some(default_type),
        taken: &is_taken,
        id_prefix: Some("CSV-"),
        open_stages: true,
        word_hint: "",
        max_deals: o.max_deals,
    };
    let mut problems = Vec::new();
    let csv = Csv {
        name: &o.file,
        text,
    };
    let deals = read_deals(&o.mapping, csv, "%Y-%m-%d", &rules, &mut problems);
    problems.sort_by_key(|p| p.row);
    Ok(ImportedDeals {
        deals: deals
            .into_iter()
            .map(|d| ImportedDeal {
                deal: d.deal,
                rows: d.rows,
                discount: d.discount,
                note: d.note,
            })
            .collect(),
        problems,
    })
}
