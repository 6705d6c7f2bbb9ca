//! JSON documents as text: within the size limit, where the text stops
//! being JSON, and a plan read on its own. The engine, the CLI and the
//! package's bindings all read documents through these.

use crate::error::{Error, ErrorCode};
use crate::model::plan::Plan;
use crate::read::{self, Reader};
use serde_json::Value;

/// A document of `bytes` bytes over the size limit (`too_large`); the CLI
/// asks before it reads a file.
pub fn check_len(bytes: u64, what: &str) -> Result<(), Error> {
    if bytes > crate::limits::MAX_JSON_BYTES as u64 {
        return Err(Error::one(
            ErrorCode::TooLarge,
            what,
            format!(
                "is {bytes} bytes of JSON; the limit is {}",
                crate::limits::MAX_JSON_BYTES
            ),
        ));
    }
    Ok(())
}

pub(crate) fn check_size(text: &str, what: &str) -> Result<(), Error> {
    check_len(text.len() as u64, what)
}

/// Checks that text is JSON (within the size limit) without keeping
/// anything of it.
pub fn check_json(text: &str, what: &str) -> Result<(), Error> {
    check_size(text, what)?;
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| json_error(&e, what))
}

/// Parses JSON text, reporting where it stops being JSON.
pub fn parse_json(text: &str, what: &str) -> Result<Value, Error> {
    check_size(text, what)?;
    serde_json::from_str(text).map_err(|e| json_error(&e, what))
}

/// A JSON syntax error: where the text stops being JSON.
pub(crate) fn json_error(e: &serde_json::Error, what: &str) -> Error {
    Error::one(
        ErrorCode::InvalidJson,
        what,
        format!(
            "is not valid JSON: {} (line {}, column {})",
            strip_position(&e.to_string()),
            e.line(),
            e.column()
        ),
    )
}

fn strip_position(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
}

/// Reads a plan on its own (`incentive validate --plan`).
pub fn read_plan(v: &Value) -> Result<Plan, Error> {
    let mut r = Reader::default();
    let plan = read::plan::read(&mut r, v);
    match plan {
        Some(p) if r.ok() => Ok(p),
        _ => Err(Error::new(ErrorCode::InvalidPlan, r.problems)),
    }
}
