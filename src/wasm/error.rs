//! Core errors as real JS `Error`s: `name` "IncentiveError", `message` the
//! `path: message` lines, a stable `code` and the `problems` list, so hosts
//! can branch without parsing text.

use crate::error::Error;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// The JS `Error` to throw for a core error.
pub fn throw(e: Error) -> JsValue {
    let js = js_sys::Error::new(&e.to_string());
    js.set_name("IncentiveError");
    let problems = Array::new();
    for p in &e.problems {
        let o = Object::new();
        set(&o, "path", &JsValue::from_str(&p.path));
        set(&o, "message", &JsValue::from_str(&p.message));
        problems.push(&o);
    }
    set(&js, "code", &JsValue::from_str(e.code.as_str()));
    set(&js, "problems", &problems);
    js.into()
}

/// Sets a property on an object this module just created. Reflect.set can
/// only fail on frozen objects or throwing setters, which these are not, so
/// its result is ignored.
fn set(target: &JsValue, key: &str, v: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), v);
}
