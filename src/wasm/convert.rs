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
//! `JSON.stringify` writes NaN and ±Infinity as `null`, which the core
//! reads as "absent": `setCompanyRevenue(NaN)` would quietly go back to
//! summing the deals, a `list_price: NaN` would drop the discount. And it
//! escapes a lone UTF-16 surrogate as `\udXXX`, which `serde_json` rejects
//! with a column in text the caller never wrote. So when the text holds a
//! `null` (rare in CRM data, and only then) or fails to parse, a second
//! pass names the offending value instead (`not_plain`).
//!
//! Out: the core's JSON text, parsed by `JSON.parse` (plain objects, null
//! for None, decimals as the strings the core writes): one crossing.

use crate::error::{Error, ErrorCode};
use crate::limits::MAX_STRING;
use crate::read::document::parse_json;
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// A whole document (plan or activity): JSON text, or plain JS data.
pub fn document(v: JsValue, what: &str) -> Result<Value, Error> {
    match v.as_string() {
        Some(text) => parse_json(&text, what),
        None => value(&v, what),
    }
}

/// A whole document as JSON text: the text given, or plain JS data through
/// [`json_text`]. Second: whether it was JS data (a JSON error then comes
/// from [`explain_json_error`]).
pub fn document_text(v: &JsValue, what: &str) -> Result<(String, bool), Error> {
    match v.as_string() {
        Some(text) => Ok((text, false)),
        None => json_text(v, what).map(|t| (t, true)),
    }
}

/// For JS data whose JSON text did not parse: what `JSON.stringify`
/// changed (a NaN, a lone surrogate), or the parse error itself.
pub fn explain_json_error(v: &JsValue, what: &str, e: Error) -> Error {
    match not_plain(v) {
        Some(why) => not_json(what, &why),
        None => e,
    }
}

fn not_json(what: &str, why: &str) -> Error {
    Error::one(
        ErrorCode::InvalidJson,
        what,
        format!("is not plain JSON data: {why}"),
    )
}

/// Plain JS data as JSON text (see [`value`]), unparsed.
fn json_text(v: &JsValue, what: &str) -> Result<String, Error> {
    if v.is_undefined() {
        return Ok("null".into());
    }
    let text = js_sys::JSON::stringify(v).map_err(|e| not_json(what, &first_line(&e)))?;
    // `JSON.stringify` answers undefined for a function or a symbol.
    let text = text
        .as_string()
        .ok_or_else(|| not_json(what, "a function or symbol has no JSON form"))?;
    if text.contains("null") {
        if let Some(why) = not_plain(v) {
            return Err(not_json(what, &why));
        }
    }
    Ok(text)
}

/// Plain JS data (objects, arrays, strings, numbers, booleans, null) as
/// JSON, with `JSON.stringify`'s rules: `undefined` fields are left out,
/// `toJSON` is used (a `Date` becomes its ISO string). `undefined` itself
/// reads as null, which the core takes as absent.
pub fn value(v: &JsValue, what: &str) -> Result<Value, Error> {
    if v.is_undefined() {
        return Ok(Value::Null);
    }
    let text = json_text(v, what)?;
    parse_json(&text, what).map_err(|e| explain_json_error(v, what, e))
}

/// The first value in `v` that `JSON.stringify` would quietly change: a
/// NaN or infinite number (written as null) or a string with a lone UTF-16
/// surrogate (which no JSON reader takes). Says where, by its key.
fn not_plain(v: &JsValue) -> Option<String> {
    let found: Rc<RefCell<Option<String>>> = Rc::default();
    let seen = found.clone();
    let check = Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(
        move |key: JsValue, value: JsValue| {
            if seen.borrow().is_some() {
                return JsValue::UNDEFINED; // found already: skip the rest
            }
            match changed_by_json(&key, &value) {
                Some(why) => {
                    *seen.borrow_mut() = Some(why);
                    JsValue::UNDEFINED
                }
                None => value,
            }
        },
    );
    let _ = js_sys::JSON::stringify_with_replacer(v, check.as_ref());
    drop(check);
    let why = found.borrow_mut().take();
    why
}

/// What is wrong with one key and value met by `JSON.stringify`, if any.
fn changed_by_json(key: &JsValue, value: &JsValue) -> Option<String> {
    let broken = |s: &JsValue| {
        s.dyn_ref::<js_sys::JsString>()
            .is_some_and(|s| !s.is_well_formed())
    };
    let why = if broken(key) {
        "a key with a lone UTF-16 surrogate (broken text)"
    } else if broken(value) {
        "a string with a lone UTF-16 surrogate (broken text)"
    } else {
        match value.as_f64() {
            Some(n) if n.is_nan() => "NaN is not a JSON number",
            Some(n) if n == f64::INFINITY => "Infinity is not a JSON number",
            Some(n) if n == f64::NEG_INFINITY => "-Infinity is not a JSON number",
            _ => return None,
        }
    };
    let at = key.as_string().unwrap_or_default();
    Some(if at.is_empty() {
        why.to_string()
    } else if at.bytes().all(|b| b.is_ascii_digit()) {
        format!("{why} (at [{at}])")
    } else {
        format!("{why} (at \"{}\")", clip(&at))
    })
}

/// At most 40 characters of a key, for a message.
fn clip(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
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
/// instance, so strings come in as JS values and are checked here. Longer
/// than the core's string limit, it can't name anything the engine holds:
/// `too_large`, without echoing megabytes back in the message.
pub fn text(v: &JsValue, what: &str, code: ErrorCode) -> Result<String, Error> {
    let too_long = || {
        Error::one(
            ErrorCode::TooLarge,
            what,
            format!("is longer than {MAX_STRING} bytes"),
        )
    };
    // UTF-8 is never shorter than UTF-16: a long string is refused before
    // it is copied into wasm memory.
    if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        if s.length() as usize > MAX_STRING {
            return Err(too_long());
        }
        // Read as Rust text, a lone surrogate would quietly become U+FFFD.
        if !s.is_well_formed() {
            return Err(Error::one(
                code,
                what,
                "has a lone UTF-16 surrogate (broken text)",
            ));
        }
    }
    let s = v.as_string().ok_or_else(|| {
        let kind = if v.is_null() {
            "null".to_string()
        } else {
            v.js_typeof().as_string().unwrap_or_default()
        };
        Error::one(code, what, format!("must be a string, not {kind}"))
    })?;
    if s.len() > MAX_STRING {
        return Err(too_long());
    }
    Ok(s)
}

/// A statement (or anything the core serializes) as a plain JS object: one
/// JSON string across the boundary and `JSON.parse` on the JS side. (Building
/// the object field by field from Rust copied thousands of small strings
/// out one at a time: a third of a statement's time in Chromium.)
pub fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let mut text = Vec::with_capacity(1 << 12);
    match write_json(&mut text, v) {
        Ok(()) => json_to_js(text, None),
        Err(e) => Err(cannot_return(&e)),
    }
}

/// Appends `v` as compact JSON in pure ASCII (see [`AsciiJson`]).
pub fn write_json<T: Serialize>(out: &mut Vec<u8>, v: &T) -> Result<(), serde_json::Error> {
    v.serialize(&mut serde_json::Serializer::with_formatter(out, AsciiJson))
}

/// serde_json's compact JSON with every non-ASCII character written as a
/// `\u` escape. The text that crosses into JS is then pure ASCII, which the
/// browser decodes and parses on its one-byte fast path; a statement's
/// sentences (`×`, `−`, `→`) would otherwise send all of it through the
/// general UTF-8 decoder. `JSON.parse` gives the same strings either way.
struct AsciiJson;

impl serde_json::ser::Formatter for AsciiJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                i += 1;
                continue;
            }
            w.write_all(&bytes[start..i])?;
            let c = fragment[i..].chars().next().unwrap_or('\u{fffd}');
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            i += c.len_utf8();
            start = i;
        }
        w.write_all(&bytes[start..])
    }
}

/// JSON text written in Rust, as JS data (`JSON.parse`); `failed` is an
/// error met while writing it.
pub fn json_to_js(text: Vec<u8>, failed: Option<serde_json::Error>) -> Result<JsValue, JsValue> {
    if let Some(e) = failed {
        return Err(cannot_return(&e));
    }
    // serde_json writes UTF-8 only.
    let text = String::from_utf8(text).map_err(|e| cannot_return(&e))?;
    js_sys::JSON::parse(&text).map_err(|_| cannot_return(&"JSON.parse refused it"))
}

fn cannot_return(e: &dyn std::fmt::Display) -> JsValue {
    js_sys::Error::new(&format!(
        "incentive-widget: cannot return the result to JS: {e}"
    ))
    .into()
}

/// An optional boolean option `key` of an options object (absent,
/// `undefined` or `null` options give `default`).
pub fn flag(options: &JsValue, key: &str, default: bool) -> Result<bool, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(default);
    }
    if !options.is_object() {
        return Err(Error::one(
            ErrorCode::InvalidChange,
            "options",
            "must be an object",
        ));
    }
    let v = js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    v.as_bool().ok_or_else(|| {
        Error::one(
            ErrorCode::InvalidChange,
            format!("options.{key}"),
            "must be true or false",
        )
    })
}

/// An optional string option `key` of an options object (absent,
/// `undefined` or `null` options give None).
pub fn option_text(options: &JsValue, key: &str) -> Result<Option<String>, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !options.is_object() {
        return Err(Error::one(
            ErrorCode::InvalidChange,
            "options",
            "must be an object",
        ));
    }
    let v = js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    text(&v, &format!("options.{key}"), ErrorCode::UnknownPeriod).map(Some)
}
