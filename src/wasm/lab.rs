//! The plan lab's JS class: an activity and two plans (see [`crate::lab`]).
//! A comp admin's page runs it in a Web Worker (`www/lib/lab-worker.js`).

use super::convert::{self, document, to_js};
use super::error::throw;
use crate::engine::Engine as Core;
use crate::error::{Error, ErrorCode};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const LAB_TYPES: &str = include_str!("lab.d.ts");

/// The whole organisation scored on an edited plan beside the plan it came
/// with. `edit(plan)` after every change, then `report()`.
#[wasm_bindgen(js_name = Lab)]
pub struct Lab {
    lab: crate::lab::Lab,
}

#[wasm_bindgen(js_class = Lab)]
impl Lab {
    /// Reads and checks both documents as `new Engine` does; the edited
    /// plan starts as this plan.
    /// @throws {IncentiveError} `invalid_json`, `invalid_plan` or `invalid_activity`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Activity | string")] activity: JsValue,
    ) -> Result<Lab, JsValue> {
        let plan = document(plan, "plan").map_err(throw)?;
        let (text, _) = convert::document_text(&activity, "activity").map_err(throw)?;
        let core = Core::from_activity_text(&plan, &text, "activity").map_err(throw)?;
        let lab = crate::lab::Lab::new(core, plan).map_err(throw)?;
        Ok(Lab { lab })
    }

    /// Puts the edited plan in force and re-scores whom it can move.
    /// @throws {IncentiveError} `invalid_plan` (every problem, at its path:
    /// `plan.roles[0].components[0].tiers.bands[1].from`) or
    /// `invalid_activity` (the activity does not fit it); nothing changes.
    #[wasm_bindgen(js_name = edit, unchecked_return_type = "LabEdit")]
    pub fn edit(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    ) -> Result<JsValue, JsValue> {
        let plan = document(plan, "plan").map_err(throw)?;
        to_js(&self.lab.edit(&plan).map_err(throw)?)
    }

    /// `edit` without re-scoring the figures yet: for a worker that works
    /// out only the goal costs and cost points (the report and backtest
    /// re-score whom it moved when next asked).
    /// @throws {IncentiveError} as `edit`.
    #[wasm_bindgen(js_name = stage, unchecked_return_type = "LabEdit")]
    pub fn stage(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    ) -> Result<JsValue, JsValue> {
        let plan = document(plan, "plan").map_err(throw)?;
        to_js(&self.lab.stage(&plan).map_err(throw)?)
    }

    /// Compares with another version of the plan from now on.
    /// @throws {IncentiveError} as `edit`.
    #[wasm_bindgen(js_name = compareWith)]
    pub fn compare_with(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    ) -> Result<(), JsValue> {
        let plan = document(plan, "plan").map_err(throw)?;
        self.lab.set_base(&plan).map_err(throw)
    }

    /// Every figure: totals and cost of sales, by role, the spread, the
    /// `movers` (default 5) largest rises and falls with their lines.
    #[wasm_bindgen(js_name = report, unchecked_return_type = "LabReport")]
    pub fn report(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "{ movers?: number } | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let o = convert::value(&options, "options").map_err(throw)?;
        let movers = match o.get("movers") {
            None | Some(serde_json::Value::Null) => 5,
            Some(v) => v.as_u64().filter(|n| *n <= 100).ok_or_else(|| {
                throw(Error::one(
                    ErrorCode::InvalidChange,
                    "options.movers",
                    "movers is a whole number from 0 to 100".to_string(),
                ))
            })? as usize,
        };
        to_js(&self.lab.report(movers).map_err(throw)?)
    }

    /// The company goal's cost at 80%, 100% and 120% of target (null
    /// without a company goal).
    #[wasm_bindgen(js_name = goalCosts, unchecked_return_type = "GoalCosts | null")]
    pub fn goal_costs(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.lab.goal_costs().map_err(throw)?)
    }

    /// Both plans with every deal line × `factor` (0.7 to 1.5 on the slider).
    /// @throws {IncentiveError} `invalid_change` at `factor`.
    #[wasm_bindgen(js_name = costPoint, unchecked_return_type = "CostPoint")]
    pub fn cost_point(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DecimalInput")] factor: JsValue,
    ) -> Result<JsValue, JsValue> {
        let v = convert::value(&factor, "factor").map_err(throw)?;
        let f = crate::decimal::from_json(&v)
            .map_err(|m| throw(Error::one(ErrorCode::InvalidChange, "factor", m)))?;
        to_js(&self.lab.cost_point(f).map_err(throw)?)
    }

    /// Everyone's pay under both plans (the backtest), as rows.
    #[wasm_bindgen(js_name = backtest, unchecked_return_type = "BacktestRow[]")]
    pub fn backtest(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.lab.backtest().map_err(throw)?)
    }

    /// The backtest as CSV text (RFC 4180, exact decimals).
    /// @throws {IncentiveError} when a staged edit's figures cannot be worked out.
    #[wasm_bindgen(js_name = backtestCsv)]
    pub fn backtest_csv(&mut self) -> Result<String, JsValue> {
        self.lab.backtest_csv().map_err(throw)
    }
}

/// The plan as form fields: each editable figure and choice with its JSON
/// path, label, kind and allowed values.
#[wasm_bindgen(js_name = planFields, unchecked_return_type = "PlanField[]")]
pub fn plan_fields(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
) -> Result<JsValue, JsValue> {
    let plan = document(plan, "plan").map_err(throw)?;
    to_js(&crate::lab::fields::fields(&plan))
}
