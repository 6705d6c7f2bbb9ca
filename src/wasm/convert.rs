//! JS values to and from the JSON the core reads and writes.

use crate::engine::parse_json;
use crate::error::{Error, ErrorCode};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::JsValue;

/// A whole document (plan or activity): JSON text is parsed like the CLI
/// parses a file; any other value is read as plain JS data.
pub fn document(v: JsValue, what: &str) -> Result<Value, Error> {
    match v.as_string() {
        Some(text) => parse_json(&text, what),
        None => value(v, what),
    }
}

/// Plain JS data (objects, arrays, strings, numbers, booleans, null) as
/// JSON. `undefined` reads as null, which the core takes as absent.
pub fn value(v: JsValue, what: &str) -> Result<Value, Error> {
    serde_wasm_bindgen::from_value(v).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.strip_prefix("Error: ").unwrap_or(&msg);
        Error::one(
            ErrorCode::InvalidJson,
            what,
            format!("is not plain JSON data: {msg}"),
        )
    })
}

/// A statement (or anything the core serializes) as a plain JS object:
/// objects, not Maps; null for None; decimals stay strings.
pub fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            js_sys::Error::new(&format!(
                "incentive-widget: cannot return the result to JS: {e}"
            ))
            .into()
        })
}
