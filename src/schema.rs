//! JSON Schemas of the plan and activity formats, derived from the model
//! types (never written by hand).

use crate::model::activity::Activity;
use crate::model::plan::Plan;
use schemars::generate::SchemaSettings;

fn generate<T: schemars::JsonSchema>() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    generator.into_root_schema_for::<T>().to_value()
}

/// The JSON Schema of `incentive-plan/1`.
pub fn plan() -> serde_json::Value {
    generate::<Plan>()
}

/// The JSON Schema of `incentive-activity/1`.
pub fn activity() -> serde_json::Value {
    generate::<Activity>()
}
