//! JSON Schemas of the plan and activity formats, derived from the model
//! types (never written by hand).

use crate::model::activity::Activity;
use crate::model::plan::Plan;
use schemars::generate::SchemaSettings;

/// What the reader takes as a decimal string: schemars' pattern for
/// `rust_decimal` refuses signed exponents ("1e-3", "1E+3"), which the
/// reader accepts; an editor must not flag what scores.
const DECIMAL_PATTERN: &str = r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$";

fn generate<T: schemars::JsonSchema>() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    widen_decimal_patterns(&mut schema);
    // `$schema` names this schema for editors; the reader takes it and it
    // changes no number.
    if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        props.insert(
            "$schema".into(),
            serde_json::json!({ "type": "string", "description": "Where an editor finds this JSON Schema (docs/schema/); changes no number." }),
        );
    }
    schema
}

fn widen_decimal_patterns(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(p)) = map.get_mut("pattern") {
                if p.as_str() == r"^-?\d+(\.\d+)?([eE]\d+)?$" {
                    *p = DECIMAL_PATTERN.to_string();
                }
            }
            map.values_mut().for_each(widen_decimal_patterns);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(widen_decimal_patterns),
        _ => {}
    }
}

/// The JSON Schema of `incentive-plan/1`.
pub fn plan() -> serde_json::Value {
    generate::<Plan>()
}

/// The JSON Schema of `incentive-activity/1`.
pub fn activity() -> serde_json::Value {
    generate::<Activity>()
}
