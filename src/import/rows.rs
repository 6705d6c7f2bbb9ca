//! CSV files as rows of mapped cells, and problems at file:row:column.

use super::Csv;
use crate::error::Problem;
use serde::Serialize;
use std::collections::HashMap;

/// A problem of one row (or of the header, row 1): `column` is the file's
/// column name, empty when it is about the whole row.
#[derive(Debug, Clone, Serialize)]
pub struct RowProblem {
    #[serde(skip)]
    pub file: String,
    pub row: u64,
    pub column: String,
    pub message: String,
}

impl RowProblem {
    /// As the CLI reports it: `file:row:column`.
    pub fn problem(self) -> Problem {
        Problem::new(
            format!("{}:{}:{}", self.file, self.row, self.column),
            self.message,
        )
    }
}

/// The delimiter of a file: "," unless its header has none but has ";" or
/// a tab (what spreadsheet apps write in many locales).
pub fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let (mut comma, mut semi, mut tab) = (0, 0, 0);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    match (comma, semi, tab) {
        (0, s, _) if s > 0 => b';',
        (0, 0, t) if t > 0 => b'\t',
        _ => b',',
    }
}

/// The rows of a file, each a map field → trimmed cell, with its row as a
/// spreadsheet numbers it (the header is row 1; a quoted line break does not
/// start a row; blank lines are no rows). The header must have
/// every mapped column; each row must have the header's number of fields.
pub fn read_rows(
    csv: Csv,
    columns: &[(&'static str, &str)],
    problems: &mut Vec<RowProblem>,
) -> Vec<(u64, HashMap<&'static str, String>)> {
    let text = csv.text.strip_prefix('\u{feff}').unwrap_or(csv.text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut fail = |row: u64, column: &str, message: String| {
        problems.push(RowProblem {
            file: csv.name.to_string(),
            row,
            column: column.to_string(),
            message,
        })
    };
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            fail(1, "", e.to_string());
            return rows;
        }
    };
    let mut index = Vec::new();
    for (field, col) in columns {
        match header.iter().position(|h| h == col) {
            Some(i) => index.push((*field, i)),
            None => fail(
                1,
                col,
                format!(
                    "no such column in the header (the mapping's column for {field}); the header has {}",
                    header.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
                ),
            ),
        }
    }
    if index.len() < columns.len() {
        return rows;
    }
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.record() + 1);
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue; // a blank line
                }
                if r.len() != header.len() {
                    fail(
                        line,
                        "",
                        format!(
                            "has {} {}; the header has {} (a missing or extra delimiter, or an unquoted comma)",
                            r.len(),
                            if r.len() == 1 { "field" } else { "fields" },
                            header.len()
                        ),
                    );
                    continue;
                }
                let cells = index
                    .iter()
                    .map(|(f, i)| (*f, r.get(*i).unwrap_or("").trim().to_string()))
                    .collect();
                rows.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.record() + 1);
                fail(line, "", e.to_string());
            }
        }
    }
    rows
}

/// Collects a row's problems at `file:row:column`.
pub struct Row<'a> {
    pub file: &'a str,
    pub line: u64,
    pub cells: &'a HashMap<&'static str, String>,
    pub columns: &'a [(&'static str, &'a str)],
    pub problems: &'a mut Vec<RowProblem>,
}

impl Row<'_> {
    pub fn cell(&self, field: &str) -> Option<&str> {
        self.cells
            .get(field)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    pub fn fail(&mut self, field: &str, message: String) {
        let column = self
            .columns
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(field, |(_, c)| *c);
        self.problems.push(RowProblem {
            file: self.file.to_string(),
            row: self.line,
            column: column.to_string(),
            message,
        });
    }

    /// An optional cell through `read`; a bad value is a problem.
    pub fn take(
        &mut self,
        field: &str,
        read: impl FnOnce(&str) -> Result<String, String>,
    ) -> Option<String> {
        let v = self.cell(field)?.to_string();
        read(&v).map_err(|m| self.fail(field, m)).ok()
    }

    /// A required cell: an empty one is a problem.
    pub fn need(
        &mut self,
        field: &str,
        read: impl FnOnce(&str) -> Result<String, String>,
    ) -> Option<String> {
        if self.cell(field).is_none() {
            let what = field.replace('_', " ");
            self.fail(field, format!("is empty: every row needs its {what}"));
            return None;
        }
        self.take(field, read)
    }
}
