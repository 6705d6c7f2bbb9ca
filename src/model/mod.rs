//! The validated models: what a plan and an activity mean once read.
//!
//! These types describe the JSON formats of `plan-format.md` (the CLI's
//! `schema` command derives the JSON Schema from them). They are built only
//! by the readers in [`crate::read`], which check every rule of the format,
//! so the engine can trust them.

pub mod activity;
pub mod change;
pub mod filter;
pub mod lead;
pub mod names;
pub mod pay;
pub mod period;
pub mod plan;
pub mod rate_table;
pub mod team;

use crate::date::{Date, Timestamp};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date", "description": "YYYY-MM-DD" })
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Only the UTC date matters to the engine once read.
        s.collect_str(&self.date)
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "RFC 3339 time (2027-01-05T14:00:00Z) or a plain date (YYYY-MM-DD, meaning 00:00Z)"
        })
    }
}
