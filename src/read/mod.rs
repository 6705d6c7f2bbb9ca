//! Reading JSON into the models while collecting every problem.
//!
//! Serde stops at the first error; a plan author wants them all, each with
//! its JSON path. So the readers walk a `serde_json::Value` by hand through
//! [`Reader`], which records problems and keeps going, and [`Obj`], which
//! remembers the fields that were asked for so that the rest can be reported
//! as unknown (plans) or ignored (activities, which CRM exports pad).

pub mod activity;
pub mod change;
mod components;
pub mod document;
pub mod lead;
mod pay;
pub mod period;
pub mod plan;
mod pool;
mod rate_table;
pub mod stream;
mod team;

use crate::date::{Date, Timestamp};
use crate::decimal;
use crate::error::Problem;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

pub use crate::error::one_of;

/// The message when a list has more than `max` items.
pub fn items_over_limit(n: usize, max: usize) -> Option<String> {
    (n > max).then(|| format!("has {n} items; the limit is {max}"))
}

/// `parent.key`, or `parent["odd key"]` when the key is not a plain name.
pub fn child(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        format!("{parent}.{key}")
    } else {
        format!(
            "{parent}[{}]",
            serde_json::to_string(key).unwrap_or_default()
        )
    }
}

pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// What a decimal must satisfy besides the format limits.
#[derive(Clone, Copy)]
pub enum Check {
    Any,
    /// ≥ 0
    NonNegative,
    /// > 0
    Positive,
    /// in [0, 1]
    Fraction,
}

/// Collects problems while the readers walk the input.
#[derive(Default)]
pub struct Reader {
    pub problems: Vec<Problem>,
    /// Whether a problem is a size limit (the error code is then `too_large`).
    pub too_large: bool,
    /// Names that recur across a document (touches' participants and
    /// campaigns), each held once.
    names: std::collections::HashSet<std::sync::Arc<str>>,
}

/// A JSON object being read: which of its fields were asked for.
pub struct Obj<'v> {
    map: &'v Map<String, Value>,
    pub path: String,
    seen: Vec<&'static str>,
}

impl<'v> Obj<'v> {
    /// The value of `key` and its path; `null` counts as absent.
    pub fn get(&mut self, key: &'static str) -> Option<(&'v Value, String)> {
        self.seen.push(key);
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some((v, child(&self.path, key))),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        !matches!(self.map.get(key), None | Some(Value::Null))
    }

    pub fn field_path(&self, key: &str) -> String {
        child(&self.path, key)
    }
}

impl Reader {
    pub fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// Records a size-limit problem.
    pub fn limit(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.too_large = true;
        self.err(path, message);
    }

    /// Takes over the problems another reader found (part of the same
    /// document, read apart).
    pub fn absorb(&mut self, other: Reader) {
        self.too_large |= other.too_large;
        self.problems.extend(other.problems);
    }

    /// The one shared copy of a recurring name.
    pub fn intern(&mut self, name: String) -> std::sync::Arc<str> {
        if let Some(known) = self.names.get(name.as_str()) {
            return known.clone();
        }
        let shared: std::sync::Arc<str> = name.into();
        self.names.insert(shared.clone());
        shared
    }

    /// Whether money `x` has no more decimals than the currency `scale`;
    /// a problem at `path` when it has.
    pub fn money_scale(&mut self, x: Decimal, path: impl Into<String>, scale: u32) -> bool {
        let fits = x.normalize().scale() <= scale;
        if !fits {
            self.err(
                path,
                format!("{x} has more decimals than the currency scale ({scale})"),
            );
        }
        fits
    }

    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn object<'v>(&mut self, v: &'v Value, path: &str) -> Option<Obj<'v>> {
        match v {
            Value::Object(map) => Some(Obj {
                map,
                path: path.to_string(),
                seen: Vec::new(),
            }),
            other => {
                self.err(
                    path,
                    format!("must be an object, not {}", decimal::kind_of(other)),
                );
                None
            }
        }
    }

    /// Reports every field of `o` that no reader asked for.
    pub fn deny_unknown(&mut self, o: &Obj<'_>) {
        for key in o.map.keys() {
            if !o.seen.contains(&key.as_str()) {
                let hint = o
                    .seen
                    .iter()
                    .find(|k| looks_like(key, k))
                    .map(|k| format!(" (did you mean \"{k}\"?)"))
                    .unwrap_or_default();
                let mut known: Vec<&str> = o.seen.clone();
                known.sort_unstable();
                known.dedup();
                self.err(
                    child(&o.path, key),
                    format!(
                        "unknown field{hint}; known fields here: {}",
                        known.join(", ")
                    ),
                );
            }
        }
    }

    pub fn array<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v [Value]> {
        match v {
            Value::Array(items) => Some(items),
            other => {
                self.err(
                    path,
                    format!("must be an array, not {}", decimal::kind_of(other)),
                );
                None
            }
        }
    }

    pub fn string(&mut self, v: &Value, path: &str) -> Option<String> {
        match v {
            Value::String(s) if s.len() > MAX_STRING => {
                self.limit(path, format!("is longer than {MAX_STRING} bytes"));
                None
            }
            Value::String(s) => Some(s.clone()),
            other => {
                self.err(
                    path,
                    format!("must be a string, not {}", decimal::kind_of(other)),
                );
                None
            }
        }
    }

    pub fn decimal(&mut self, v: &Value, path: &str, check: Check) -> Option<Decimal> {
        let d = match decimal::from_json(v) {
            Ok(d) => d,
            Err(m) => {
                self.err(path, m);
                return None;
            }
        };
        let problem = match check {
            Check::Any => None,
            Check::NonNegative if d.is_sign_negative() && !d.is_zero() => {
                Some("must not be negative")
            }
            Check::Positive if d <= Decimal::ZERO => Some("must be above 0"),
            Check::Fraction if d.is_sign_negative() && !d.is_zero() || d > Decimal::ONE => {
                Some("must be between 0 and 1")
            }
            _ => None,
        };
        match problem {
            Some(m) => {
                self.err(path, format!("{m} ({d})"));
                None
            }
            None => Some(d),
        }
    }

    pub fn whole(&mut self, v: &Value, path: &str, max: u64) -> Option<u64> {
        match v.as_u64() {
            Some(n) if n <= max => Some(n),
            _ => {
                self.err(path, format!("must be a whole number from 0 to {max}"));
                None
            }
        }
    }

    pub fn date(&mut self, v: &Value, path: &str) -> Option<Date> {
        let s = self.string(v, path)?;
        Date::parse(&s).map_err(|m| self.err(path, m)).ok()
    }

    pub fn timestamp(&mut self, v: &Value, path: &str) -> Option<Timestamp> {
        let s = self.string(v, path)?;
        Timestamp::parse(&s).map_err(|m| self.err(path, m)).ok()
    }

    /// Reads a string that must be one of `parse`'s names.
    pub fn name<T>(
        &mut self,
        v: &Value,
        path: &str,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Option<T> {
        let s = self.string(v, path)?;
        let found = parse(&s);
        if found.is_none() {
            self.err(path, format!("\"{s}\" is not one of {}", expected()));
        }
        found
    }

    /// Reads an array, each item by `item`; items that fail are left out
    /// (their problems are recorded).
    pub fn list<T>(
        &mut self,
        v: &Value,
        path: &str,
        item: impl FnMut(&mut Reader, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.list_max(v, path, MAX_ITEMS, item)
    }

    /// Reads an array of at most `max` items (checked before any is read).
    pub fn list_max<T>(
        &mut self,
        v: &Value,
        path: &str,
        max: usize,
        mut item: impl FnMut(&mut Reader, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = self.array(v, path)?;
        if let Some(message) = items_over_limit(items.len(), max) {
            self.limit(path, message);
            return None;
        }
        Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, x)| item(self, x, &index(path, i)))
                .collect(),
        )
    }

    /// A list of at most 1,000,000 items whose parts count toward an
    /// activity-wide limit (deals' touches, leads' attempts): the parts are
    /// counted first, and past the limit (`over`'s message) nothing is read.
    pub fn counted_list<T>(
        &mut self,
        v: &Value,
        path: &str,
        count: fn(&Value) -> usize,
        over: fn(usize) -> Option<String>,
        item: impl FnMut(&mut Reader, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let total: usize = v
            .as_array()
            .map_or(0, |items| items.iter().map(count).sum());
        if let Some(message) = over(total) {
            self.limit(path, message);
            return None;
        }
        self.list_max(v, path, crate::limits::MAX_DEALS, item)
    }

    // Field shorthands: read `key` of `o`, recording "is required" when a
    // required one is absent.

    pub fn req<'v>(&mut self, o: &mut Obj<'v>, key: &'static str) -> Option<(&'v Value, String)> {
        let got = o.get(key);
        if got.is_none() {
            self.err(o.field_path(key), "is required");
        }
        got
    }

    pub fn req_str(&mut self, o: &mut Obj<'_>, key: &'static str) -> Option<String> {
        let (v, p) = self.req(o, key)?;
        self.string(v, &p)
    }

    pub fn opt_str(&mut self, o: &mut Obj<'_>, key: &'static str) -> Option<String> {
        let (v, p) = o.get(key)?;
        self.string(v, &p)
    }

    pub fn req_dec(&mut self, o: &mut Obj<'_>, key: &'static str, check: Check) -> Option<Decimal> {
        let (v, p) = self.req(o, key)?;
        self.decimal(v, &p, check)
    }

    pub fn opt_dec(&mut self, o: &mut Obj<'_>, key: &'static str, check: Check) -> Option<Decimal> {
        let (v, p) = o.get(key)?;
        self.decimal(v, &p, check)
    }

    /// `format`, when present, must be exactly `expected`.
    pub fn format(&mut self, o: &mut Obj<'_>, expected: &str) {
        if let Some((v, p)) = o.get("format") {
            if let Some(s) = self.string(v, &p) {
                if s != expected {
                    self.err(p, format!("is \"{s}\"; this reader takes \"{expected}\""));
                }
            }
        }
    }

    /// A list of unique ids/names; duplicates are reported.
    pub fn unique<'a>(&mut self, items: impl Iterator<Item = (&'a str, String)>, what: &str) {
        let mut seen = std::collections::HashSet::new();
        for (id, path) in items {
            if !seen.insert(id) {
                self.err(path, format!("{what} \"{id}\" appears more than once"));
            }
        }
    }
}

pub use crate::limits::{MAX_ITEMS, MAX_STRING};

/// A likely typo of a known key: same letters but for case, spaces,
/// dashes, or one edit.
fn looks_like(unknown: &str, known: &str) -> bool {
    let norm = |s: &str| s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    if norm(unknown) == norm(known) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (unknown.chars().collect(), known.chars().collect());
    // Two neighbours swapped ("lien" for "line").
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        if let [i, j] = diff[..] {
            if j == i + 1 && a[i] == b[j] && a[j] == b[i] {
                return true;
            }
        }
    }
    if a.len().abs_diff(b.len()) > 1 || a.len() < 3 {
        return false;
    }
    // One insertion, deletion or substitution.
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}
