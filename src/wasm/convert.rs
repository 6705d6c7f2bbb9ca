//! JS values to and from the JSON the core reads and writes.
//!
//! In: every value goes through `JSON.stringify` and then the same
//! `serde_json` parser as the CLI's files, so the package and the CLI read
//! identical JSON (numbers included). NOTE: this is deliberate, not
//! serde-wasm-bindgen: that walks a JS object recursively with no depth
//! limit, so a cyclic or very deep object overflowed the wasm stack and
//! trapped the instance for good ("memory access out of bounds" on every
//! later call). `JSON.stringify` throws a catchable error on cycles, and
//! `serde_json` stops at 128 levels.
//!
//! Out: serde-wasm-bindgen's JSON-compatible serializer (plain objects,
//! null for None, decimals as the strings the core writes).

use crate::engine::parse_json;
use crate::error::{Error, ErrorCode};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// A whole document (plan or activity): JSON text, or plain JS data.
pub fn document(v: JsValue, what: &str) -> Result<Value, Error> {
    match v.as_string() {
        Some(text) => parse_json(&text, what),
        None => value(&v, what),
    }
}

/// Plain JS data (objects, arrays, strings, numbers, booleans, null) as
/// JSON, with `JSON.stringify`'s rules: `undefined` fields are left out,
/// `toJSON` is used (a `Date` becomes its ISO string). `undefined` itself
/// reads as null, which the core takes as absent.
pub fn value(v: &JsValue, what: &str) -> Result<Value, Error> {
    if v.is_undefined() {
        return Ok(Value::Null);
    }
    let not_json = |why: &str| {
        Error::one(
            ErrorCode::InvalidJson,
            what,
            format!("is not plain JSON data: {why}"),
        )
    };
    let text = js_sys::JSON::stringify(v).map_err(|e| not_json(&first_line(&e)))?;
    // `JSON.stringify` answers undefined for a function or a symbol.
    let text = text
        .as_string()
        .ok_or_else(|| not_json("a function or symbol has no JSON form"))?;
    parse_json(&text, what)
}

/// The first line of a thrown JS error's message (V8 explains a cycle over
/// several lines; a problem is one line).
fn first_line(e: &JsValue) -> String {
    let msg = match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e.as_string().unwrap_or_default(),
    };
    msg.lines().next().unwrap_or_default().to_string()
}

/// A string argument (an id or a name). wasm-bindgen's own `&str`
/// conversion has no check in release builds, and a number there traps the
/// instance, so strings come in as JS values and are checked here.
pub fn text(v: &JsValue, what: &str, code: ErrorCode) -> Result<String, Error> {
    v.as_string().ok_or_else(|| {
        let kind = if v.is_null() {
            "null".to_string()
        } else {
            v.js_typeof().as_string().unwrap_or_default()
        };
        Error::one(code, what, format!("must be a string, not {kind}"))
    })
}

/// A statement (or anything the core serializes) as a plain JS object.
pub fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            js_sys::Error::new(&format!(
                "incentive-widget: cannot return the result to JS: {e}"
            ))
            .into()
        })
}
