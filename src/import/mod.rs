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
//! No clap and no files here: the command line reads the files, and the
//! package can reuse this later.

pub mod mapping;
pub mod values;

use crate::error::{Error, ErrorCode, Problem};
use mapping::Mapping;
use serde::Serialize;
use std::collections::HashMap;
use values::{amount, date, fraction, word, MARKS, SOURCES, STAGES, TYPES};

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

/// The rows of one file, each a map field → trimmed cell, with its line.
struct Rows {
    rows: Vec<(u64, HashMap<&'static str, String>)>,
}

/// Reads a CSV file: the header must have every mapped column; each row
/// must have the header's number of fields.
fn read_rows(csv: Csv, columns: &[(&'static str, &str)], problems: &mut Vec<Problem>) -> Rows {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv.text.as_bytes());
    let mut rows = Vec::new();
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            problems.push(Problem::new(format!("{}:1", csv.name), e.to_string()));
            return Rows { rows };
        }
    };
    let mut index = Vec::new();
    for (field, col) in columns {
        match header.iter().position(|h| h == col) {
            Some(i) => index.push((*field, i)),
            None => problems.push(Problem::new(
                format!("{}:1:{col}", csv.name),
                format!(
                    "no such column in the header (the mapping's column for {field}); the header has {}",
                    header.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
    if index.len() < columns.len() {
        return Rows { rows };
    }
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue; // a blank line
                }
                if r.len() != header.len() {
                    problems.push(Problem::new(
                        format!("{}:{line}:", csv.name),
                        format!(
                            "has {} fields; the header has {} (a missing or extra delimiter, or an unquoted comma)",
                            r.len(),
                            header.len()
                        ),
                    ));
                    continue;
                }
                let cells = index
                    .iter()
                    .map(|(f, i)| (*f, r.get(*i).unwrap_or("").trim().to_string()))
                    .collect();
                rows.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Problem::new(format!("{}:{line}:", csv.name), e.to_string()));
            }
        }
    }
    Rows { rows }
}

/// Collects a row's problems at `file:row:column`.
struct Row<'a> {
    file: &'a str,
    line: u64,
    cells: &'a HashMap<&'static str, String>,
    columns: &'a [(&'static str, &'a str)],
    problems: &'a mut Vec<Problem>,
}

impl Row<'_> {
    fn cell(&self, field: &str) -> Option<&str> {
        self.cells
            .get(field)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    fn fail(&mut self, field: &str, message: String) {
        let col = self
            .columns
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(field, |(_, c)| *c);
        self.problems.push(Problem::new(
            format!("{}:{}:{col}", self.file, self.line),
            message,
        ));
    }

    /// An optional cell through `read`; a bad value is a problem.
    fn take(
        &mut self,
        field: &str,
        read: impl FnOnce(&str) -> Result<String, String>,
    ) -> Option<String> {
        let v = self.cell(field)?.to_string();
        read(&v).map_err(|m| self.fail(field, m)).ok()
    }

    /// A required cell: an empty one is a problem.
    fn need(
        &mut self,
        field: &str,
        read: impl FnOnce(&str) -> Result<String, String>,
    ) -> Option<String> {
        if self.cell(field).is_none() {
            self.fail(field, format!("is empty: every row needs its {field}"));
            return None;
        }
        self.take(field, read)
    }
}

/// Turns the exports into an activity; every problem at once.
pub fn import(
    m: &Mapping,
    opportunities: Csv,
    touches: Option<Csv>,
    payments: Option<Csv>,
) -> Result<Activity, Error> {
    let mut problems = Vec::new();
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
            .ok_or_else(|| format!("\"{s}\" is not a participant of the mapping (an id, a name, or a name in [owners])"))
    };

    // Deals, in the order of their first row.
    let f = &m.opportunities;
    let format = f.date_format.as_deref().unwrap_or(&m.date_format);
    let columns = f.columns.named();
    let rows = read_rows(opportunities, &columns, &mut problems);
    let mut deals: Vec<Deal> = Vec::new();
    let mut by_id: HashMap<String, (usize, Vec<u64>)> = HashMap::new();
    for (line, cells) in &rows.rows {
        let before = problems.len();
        let mut r = Row {
            file: opportunities.name,
            line: *line,
            cells,
            columns: &columns,
            problems: &mut problems,
        };
        let id = r.need("id", |s| Ok(s.to_string()));
        let amount_ = r.need("amount", amount);
        // A close date is a day: a time of day in the export is dropped.
        let close = r.need("close_date", |s| {
            date(s, format).map(|d| d[..10].to_string())
        });
        let owner = r.need("owner", person);
        let split = r
            .take("split", |s| fraction(s, "split"))
            .unwrap_or_else(|| "1".into());
        let kind = r.take("type", |s| word(s, &f.types, TYPES, "deal type"));
        let stage = r.take("stage", |s| {
            word(s, &f.stages, STAGES, "stage the plan knows")
        });
        let source = r.take("source", |s| word(s, &f.sources, SOURCES, "deal source"));
        let list_price = r.take("list_price", amount);
        let cost = r.take("cost", amount);
        let (name, product) = (
            r.cell("name").map(str::to_string),
            r.cell("product").map(str::to_string),
        );
        let (Some(id), Some(amount_), Some(close), Some(owner)) = (id, amount_, close, owner)
        else {
            continue;
        };
        if problems.len() > before {
            continue;
        }
        let owner = Owner {
            participant: owner,
            split,
        };
        match by_id.get_mut(&id) {
            Some((k, lines)) => {
                // Another owner of a split deal.
                lines.push(*line);
                deals[*k].owners.push(owner);
            }
            None => {
                by_id.insert(id.clone(), (deals.len(), vec![*line]));
                deals.push(Deal {
                    id,
                    name,
                    kind,
                    source,
                    close_date: close,
                    stage,
                    amount: amount_,
                    product,
                    list_price,
                    cost,
                    owners: vec![owner],
                    touches: Vec::new(),
                });
            }
        }
    }
    // Each deal's splits add up to 1 (the engine checks again; here the rows
    // are named).
    for d in &deals {
        let total: Option<rust_decimal::Decimal> = d
            .owners
            .iter()
            .map(|o| o.split.parse::<rust_decimal::Decimal>().ok())
            .sum();
        if total != Some(rust_decimal::Decimal::ONE) {
            let lines = &by_id[&d.id].1;
            let list = lines
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let col = f.columns.split.as_deref().unwrap_or("split");
            for line in lines {
                problems.push(Problem::new(
                    format!("{}:{line}:{col}", opportunities.name),
                    format!(
                        "the splits of deal \"{}\" (rows {list}) add up to {}; they must add up to 1 (100%)",
                        d.id,
                        total.map_or("?".into(), |t| t.normalize().to_string())
                    ),
                ));
            }
        }
    }

    if let (Some(csv), Some(f)) = (touches, &m.touches) {
        let format = f.date_format.as_deref().unwrap_or(&m.date_format);
        let columns = f.columns.named();
        let rows = read_rows(csv, &columns, &mut problems);
        for (line, cells) in &rows.rows {
            let before = problems.len();
            let mut r = Row {
                file: csv.name,
                line: *line,
                cells,
                columns: &columns,
                problems: &mut problems,
            };
            let deal = r.need("deal", |s| {
                by_id
                    .get(s)
                    .map(|(k, _)| *k)
                    .map(|k| k.to_string())
                    .ok_or_else(|| {
                        format!(
                            "\"{s}\" is not a deal of {} (or its rows have problems)",
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
        problems.push(Problem::new(
            "touches",
            "a touches file needs [touches.columns] in the mapping",
        ));
    }

    let mut paid = Vec::new();
    if let (Some(csv), Some(f)) = (payments, &m.payments) {
        let format = f.date_format.as_deref().unwrap_or(&m.date_format);
        let columns = f.columns.named();
        let rows = read_rows(csv, &columns, &mut problems);
        for (line, cells) in &rows.rows {
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
        problems.push(Problem::new(
            "payments",
            "a payments file needs [payments.columns] in the mapping",
        ));
    }

    if !problems.is_empty() {
        // File by file, row by row (a split's problem among its rows).
        let files = [Some(opportunities), touches, payments];
        problems.sort_by_key(|p| {
            files
                .iter()
                .enumerate()
                .find_map(|(i, f)| {
                    let rest = p.path.strip_prefix(f.as_ref()?.name)?.strip_prefix(':')?;
                    let row: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    Some((i, row.parse::<u64>().unwrap_or(0)))
                })
                .unwrap_or((files.len(), 0))
        });
        return Err(Error::new(ErrorCode::InvalidActivity, problems));
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
