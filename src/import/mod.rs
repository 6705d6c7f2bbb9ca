//! CRM exports (CSV) to an activity document (`incentive-activity/1`).
//!
//! A mapping file ([`mapping::Mapping`], TOML) names, per input file, which
//! column feeds which activity field, the value maps (a CRM's stage names
//! such as "Closed Won" → `booked`) and the date format; the participants
//! (roles, quotas) come from the mapping too, as a CRM export has none.
//! Rows sharing a deal id are one deal with several owners (a split deal).
//! Every bad row is a problem at `file:row:column`, all of them at once;
//! no row is ever dropped silently. The activity it gives is then read like
//! any other (its own checks against the plan apply).
//!
//! No clap and no files here: the command line reads the files; the
//! package reads deals for what-if with the same [`deals::read_deals`].

pub mod deals;
pub mod mapping;
pub mod rows;
pub mod values;

use crate::error::{Error, ErrorCode, Problem};
use deals::{list_price, read_deals, Rules};
use mapping::Mapping;
use rows::{read_rows, Row, RowProblem};
use serde::Serialize;
use std::collections::HashMap;
use values::{amount, date, word, MARKS};

/// One CSV input: the name problems are reported under, and its text.
#[derive(Clone, Copy)]
pub struct Csv<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Activity {
    pub format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<Company>,
    pub participants: Vec<Participant>,
    pub deals: Vec<Deal>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Payment>,
}

#[derive(Debug, Serialize)]
pub struct Company {
    pub revenue: String,
}

#[derive(Debug, Serialize)]
pub struct Participant {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_bonus: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Deal {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub close_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    pub amount: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_price: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<String>,
    pub owners: Vec<Owner>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub touches: Vec<Touch>,
}

#[derive(Debug, Serialize)]
pub struct Owner {
    pub participant: String,
    pub split: String,
}

#[derive(Debug, Serialize)]
pub struct Touch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    pub at: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Payment {
    pub participant: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deal: Option<String>,
    pub amount: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Reads a mapping file; problems at `name: message` (TOML's own message,
/// with its line and column).
pub fn read_mapping(text: &str, name: &str) -> Result<Mapping, Error> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().to_string();
        let at = e
            .span()
            .map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                format!("{name}:{line}")
            })
            .unwrap_or_else(|| name.to_string());
        Error::one(ErrorCode::InvalidActivity, at, message)
    })
}

/// Turns the exports into an activity; every problem at once.
pub fn import(
    m: &Mapping,
    opportunities: Csv,
    touches: Option<Csv>,
    payments: Option<Csv>,
) -> Result<Activity, Error> {
    let mut problems: Vec<RowProblem> = Vec::new();
    let mut people: HashMap<String, String> = HashMap::new();
    for p in &m.participants {
        people.insert(p.id.clone(), p.id.clone());
        if let Some(n) = &p.name {
            people.insert(n.to_lowercase(), p.id.clone());
        }
    }
    for (name, id) in &m.owners {
        people.insert(name.to_lowercase(), id.clone());
    }
    let person = |s: &str| -> Result<String, String> {
        people
            .get(s)
            .or_else(|| people.get(&s.to_lowercase()))
            .cloned()
            .ok_or_else(|| format!("“{s}” is not a participant of the mapping (an id, a name, or a name in [owners])"))
    };
    // The pay run needs each deal's id and owner from the export.
    let mut missing = Vec::new();
    for (field, col) in [
        ("id", &m.opportunities.columns.id),
        ("owner", &m.opportunities.columns.owner),
    ] {
        if col.is_none() {
            missing.push(Problem::new(
                format!("mapping.opportunities.columns.{field}"),
                format!("is required: the column of each deal's {field}"),
            ));
        }
    }
    if !missing.is_empty() {
        return Err(Error::new(ErrorCode::InvalidActivity, missing));
    }
    let rules = Rules {
        person: &person,
        default_owner: None,
        default_type: None,
        taken: &|_| false,
        id_prefix: None,
        open_stages: false,
        word_hint: "; add it to the mapping's value map",
        max_deals: crate::limits::MAX_ITEMS,
    };
    let read = read_deals(
        &m.opportunities,
        opportunities,
        &m.date_format,
        &rules,
        &mut problems,
    );
    let by_id: HashMap<String, usize> = read
        .iter()
        .enumerate()
        .map(|(k, d)| (d.deal.id.clone(), k))
        .collect();
    let mut deals: Vec<Deal> = read
        .into_iter()
        .map(|d| {
            let mut deal = d.deal;
            if let Some(x) = &d.discount {
                deal.list_price = list_price(&deal.amount, x);
            }
            deal
        })
        .collect();

    if let (Some(csv), Some(f)) = (touches, &m.touches) {
        let format = f.date_format.as_deref().unwrap_or(&m.date_format);
        let columns = f.columns.named();
        let rows = read_rows(csv, &columns, &mut problems);
        for (line, cells) in &rows {
            let before = problems.len();
            let mut r = Row {
                file: csv.name,
                line: *line,
                cells,
                columns: &columns,
                problems: &mut problems,
            };
            let deal = r.need("deal", |s| {
                by_id.get(s).map(|k| k.to_string()).ok_or_else(|| {
                    format!(
                        "“{s}” is not a deal of {} (or its rows have problems)",
                        opportunities.name
                    )
                })
            });
            let at = r.need("at", |s| date(s, format));
            let participant = r.take("participant", person);
            let campaign = r.cell("campaign").map(str::to_string);
            let marks: Vec<String> = r
                .cell("marks")
                .unwrap_or("")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
                .into_iter()
                .filter_map(|s| {
                    word(&s, &f.marks, MARKS, "touch mark")
                        .map_err(|e| r.fail("marks", e))
                        .ok()
                })
                .collect();
            if let (Some(deal), Some(at), true) = (deal, at, problems.len() == before) {
                let k: usize = deal.parse().unwrap_or(0);
                deals[k].touches.push(Touch {
                    participant,
                    campaign,
                    at,
                    marks,
                });
            }
        }
    } else if touches.is_some() {
        return Err(Error::one(
            ErrorCode::InvalidActivity,
            "touches",
            "a touches file needs [touches.columns] in the mapping",
        ));
    }

    let mut paid = Vec::new();
    if let (Some(csv), Some(f)) = (payments, &m.payments) {
        let format = f.date_format.as_deref().unwrap_or(&m.date_format);
        let columns = f.columns.named();
        let rows = read_rows(csv, &columns, &mut problems);
        for (line, cells) in &rows {
            let before = problems.len();
            let mut r = Row {
                file: csv.name,
                line: *line,
                cells,
                columns: &columns,
                problems: &mut problems,
            };
            let participant = r.need("participant", person);
            let amount_ = r.need("amount", amount);
            let deal = r.take("deal", |s| Ok(s.to_string()));
            let day = r.take("date", |s| date(s, format));
            if let (Some(participant), Some(amount), true) =
                (participant, amount_, problems.len() == before)
            {
                paid.push(Payment {
                    participant,
                    deal,
                    amount,
                    date: day,
                });
            }
        }
    } else if payments.is_some() {
        return Err(Error::one(
            ErrorCode::InvalidActivity,
            "payments",
            "a payments file needs [payments.columns] in the mapping",
        ));
    }

    if !problems.is_empty() {
        // File by file, row by row (a split's problem among its rows).
        let files = [Some(opportunities), touches, payments];
        let file = |p: &RowProblem| {
            files
                .iter()
                .position(|f| f.is_some_and(|f| f.name == p.file))
        };
        problems.sort_by_key(|p| (file(p).unwrap_or(files.len()), p.row));
        return Err(Error::new(
            ErrorCode::InvalidActivity,
            problems.into_iter().map(RowProblem::problem).collect(),
        ));
    }
    Ok(Activity {
        format: "incentive-activity/1",
        as_of: m.as_of.clone(),
        company: m.company_revenue.clone().map(|revenue| Company { revenue }),
        participants: m
            .participants
            .iter()
            .map(|p| Participant {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.clone(),
                quota: p.quota.clone(),
                target_bonus: p.target_bonus.clone(),
            })
            .collect(),
        deals,
        payments: paid,
    })
}
