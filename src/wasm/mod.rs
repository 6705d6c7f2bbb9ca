//! The WebAssembly package (`pkg/`, built by `scripts/build.sh`): the core
//! [`Engine`](crate::Engine) as a JS class, nothing more.
//!
//! This layer only converts: JS values in (plain objects or JSON text, read
//! into `serde_json::Value` exactly as the CLI reads its files), statements
//! out as plain JS objects equal to the CLI's JSON (decimals as strings), and
//! core errors out as JS `Error`s with a stable `code` and the `problems`
//! list. Every rule lives in the core. No input can panic here: a method
//! that throws has changed nothing, and the engine keeps answering.
//!
//! Compiled only for `wasm32` (see `src/lib.rs`), so the native build never
//! sees `wasm_bindgen`.

mod convert;
mod error;
/// The plan lab's bindings: only in the lab's package (`--features lab`).
#[cfg(feature = "lab")]
mod lab;

use crate::engine::Engine as Core;
use crate::error::ErrorCode;
use convert::{document, document_text, text, to_js};
use error::throw;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// A plan and an activity, checked against each other, ready to score.
/// Keep one per page and push changes to it; statements are computed on
/// demand.
#[wasm_bindgen(js_name = Engine)]
pub struct Engine {
    core: Core,
}

#[wasm_bindgen(js_class = Engine)]
impl Engine {
    /// Reads and checks both documents: each a plain object or its JSON text.
    /// @throws {IncentiveError} `invalid_json`, `invalid_plan` or
    /// `invalid_activity`, with every problem of both documents.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Activity | string")] activity: JsValue,
    ) -> Result<Engine, JsValue> {
        // The activity (possibly 100,000 deals) is read from its JSON text
        // deal by deal, never as one document tree.
        let plan = document(plan, "plan");
        let read = match document_text(&activity, "activity") {
            Ok((text, from_js)) => {
                // JS data whose JSON did not parse: say what JSON.stringify changed.
                let explained = |e: crate::Error| match e.code {
                    ErrorCode::InvalidJson if from_js => {
                        convert::explain_json_error(&activity, "activity", e)
                    }
                    _ => e,
                };
                match plan {
                    Ok(p) => Core::from_activity_text(&p, &text, "activity").map_err(explained),
                    Err(mut e) => {
                        if let Err(f) = crate::read::document::check_json(&text, "activity") {
                            e.problems.extend(explained(f).problems);
                        }
                        Err(e)
                    }
                }
            }
            Err(f) => Err(match plan {
                Err(mut e) => {
                    e.problems.extend(f.problems);
                    e
                }
                Ok(_) => f,
            }),
        };
        read.map(|core| Engine { core }).map_err(throw)
    }

    /// One participant's statement; with `{ period: ID }`, their statement
    /// of that pay period (plans with `pay_periods`, see `periods()`).
    /// @throws {IncentiveError} `unknown_participant`, `unknown_period`.
    #[wasm_bindgen(js_name = statement, unchecked_return_type = "Statement | PeriodStatement")]
    pub fn statement(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
        #[wasm_bindgen(unchecked_param_type = "StatementOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        match convert::option_text(&options, "period").map_err(throw)? {
            None => self.one(&participant, Core::statement),
            Some(period) => self.one(&participant, |core, p| core.period_statement(p, &period)),
        }
    }

    /// The plan's pay periods (`{ id, start, end }`, in order) and the one
    /// holding the as-of date; a plan without pay periods has one.
    #[wasm_bindgen(js_name = periods, unchecked_return_type = "PayPeriods")]
    pub fn periods(&self) -> Result<JsValue, JsValue> {
        let year = self.core.year();
        let current = year.periods[self.core.as_of_period(&year)].id.clone();
        to_js(&serde_json::json!({ "periods": year.periods, "current": current }))
    }

    /// Every pay period's statement of one participant, in order (the
    /// widget's strip of the year).
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = periodStatements, unchecked_return_type = "PeriodStatement[]")]
    pub fn period_statements(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.one(&participant, Core::period_statements)
    }

    /// A plan year's totals (the year's statement without lines) and every
    /// pay period's statement (no deal-line sentences), from one scoring of
    /// the year: `{ statement, periods }`; null for a plan without pay
    /// periods. What a screen asks on every live update (`headline` and
    /// `periodStatements` would score the year twice).
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = yearView, unchecked_return_type = "YearView | null")]
    pub fn year_view(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        // Written straight to the JSON text (no serde_json::Value between).
        #[derive(serde::Serialize)]
        struct YearView {
            statement: crate::statement::Statement,
            periods: Vec<crate::statement::period::PeriodStatement>,
        }
        self.one(&participant, |core, p| {
            core.year_view(p)
                .map(|v| v.map(|(statement, periods)| YearView { statement, periods }))
        })
    }

    /// Every participant's statement, in the activity's order.
    #[wasm_bindgen(js_name = statements, unchecked_return_type = "Statement[]")]
    pub fn statements(&self) -> Result<JsValue, JsValue> {
        // Each statement is written to the JSON text as it is computed: a
        // company's statements are never held as Rust values all at once.
        let mut out = Vec::with_capacity(1 << 16);
        out.push(b'[');
        let mut failed = None;
        self.core
            .each_statement(crate::engine::score::Detail::Explained, |s| {
                if out.len() > 1 {
                    out.push(b',');
                }
                if let Err(e) = convert::write_json(&mut out, &s) {
                    failed.get_or_insert(e);
                }
            })
            .map_err(throw)?;
        out.push(b']');
        convert::json_to_js(out, failed)
    }

    /// Adds a deal, or replaces the deal with the same id. Returns the ids of
    /// the participants whose statements it can change.
    /// @throws {IncentiveError} `invalid_activity` (nothing changed).
    #[wasm_bindgen(js_name = upsertDeal)]
    pub fn upsert_deal(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Deal")] deal: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let deal = convert::value(&deal, "deal").map_err(throw)?;
        self.core.upsert_deal(&deal).map_err(throw)
    }

    /// Removes a deal by id. Returns the ids of the participants it paid.
    /// Payments recorded against it stay in `paid`.
    /// @throws {IncentiveError} `unknown_deal`.
    #[wasm_bindgen(js_name = removeDeal)]
    pub fn remove_deal(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let id = text(&id, "id", ErrorCode::UnknownDeal).map_err(throw)?;
        self.core.remove_deal(&id).map_err(throw)
    }

    /// Adds a lead to the ledger, or replaces the lead with the same id.
    /// Returns the ids of the participants whose statements it can change.
    /// @throws {IncentiveError} `invalid_activity` (nothing changed).
    #[wasm_bindgen(js_name = upsertLead)]
    pub fn upsert_lead(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Lead")] lead: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let lead = convert::value(&lead, "lead").map_err(throw)?;
        self.core.upsert_lead(&lead).map_err(throw)
    }

    /// Removes a lead by id. Returns the ids of the participants it counted for.
    /// @throws {IncentiveError} `invalid_activity` (no such lead).
    #[wasm_bindgen(js_name = removeLead)]
    pub fn remove_lead(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let id = text(&id, "id", ErrorCode::InvalidActivity).map_err(throw)?;
        self.core.remove_lead(&id).map_err(throw)
    }

    /// The pipeline as the participant's screen shows it: the leads routed
    /// to them and created by them, their measures, what waits past the
    /// SLA, what each measure does to their pay, and the alignment stage;
    /// null when the activity has no lead ledger (a screen then shows no
    /// pipeline, without an error to catch on every render).
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = pipeline, unchecked_return_type = "PipelineView | null")]
    pub fn pipeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.one(&participant, |core, id| {
            if core.activity().leads.is_none() {
                // Still an unknown participant's error first.
                return core.leads_of(id).map(|_| None);
            }
            core.pipeline(id).map(Some)
        })
    }

    /// The leads routed to or created by the participant, as the engine
    /// holds them now (live updates in), in (routed_at, id) order; empty
    /// without a lead ledger.
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = leads, unchecked_return_type = "Lead[]")]
    pub fn leads(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.one(&participant, |core, id| core.leads_of(id))
    }

    /// A manager's team statement: every member below them, depth first,
    /// with their headline figures (from their own statements), and the
    /// sums, which add up to the rows.
    /// @throws {IncentiveError} `unknown_participant`, `too_large`.
    #[wasm_bindgen(js_name = team, unchecked_return_type = "TeamStatement")]
    pub fn team(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] manager: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.one(&manager, |core, id| core.team(id))
    }

    /// The peers' anonymous benchmarks per role: the ones the activity
    /// carries (a rep's cut), or computed from its participants.
    #[wasm_bindgen(js_name = benchmarks, unchecked_return_type = "Benchmarks")]
    pub fn benchmarks(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.benchmarks().map_err(throw)?)
    }

    /// Where the participant stands against their role's benchmarks: what
    /// more quota credit puts them in the top quarter and the top half.
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = standing, unchecked_return_type = "BenchmarkStanding")]
    pub fn standing(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.one(&participant, |core, id| core.standing(id))
    }

    /// Sets company revenue (a decimal string or number), or with `null`
    /// goes back to summing the counted deals.
    /// @throws {IncentiveError} `invalid_activity` (nothing changed).
    #[wasm_bindgen(js_name = setCompanyRevenue)]
    pub fn set_company_revenue(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DecimalInput | null")] amount: JsValue,
    ) -> Result<(), JsValue> {
        if amount.is_null() || amount.is_undefined() {
            return self.core.set_company_revenue(None).map_err(throw);
        }
        let amount = convert::value(&amount, "revenue").map_err(throw)?;
        self.core.set_company_revenue(Some(&amount)).map_err(throw)
    }

    /// Sets one participant metric (such as `lead_followup`).
    /// @throws {IncentiveError} `unknown_participant` or `invalid_activity`.
    #[wasm_bindgen(js_name = setMetric)]
    pub fn set_metric(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalInput")] value: JsValue,
    ) -> Result<(), JsValue> {
        let participant =
            text(&participant, "participant", ErrorCode::UnknownParticipant).map_err(throw)?;
        let name = text(&name, "name", ErrorCode::InvalidActivity).map_err(throw)?;
        let v = convert::value(&value, "value").map_err(throw)?;
        self.core.set_metric(&participant, &name, &v).map_err(throw)
    }

    /// The same statement's numbers without the `explain` sentences: the
    /// headline figures, several times faster (live totals, sliders).
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = headline, unchecked_return_type = "Statement")]
    pub fn headline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.one(&participant, Core::headline)
    }

    /// The headline figures alone: the statement's totals (earned, payable,
    /// paid, due, quota credit, attainment, next tier) and each component's
    /// earned and payable, with no lines (`lines` is empty). The fastest
    /// call: live totals, a slider, a badge.
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = totals, unchecked_return_type = "Statement")]
    pub fn totals(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.one(&participant, Core::totals)
    }

    /// When each payable amount is paid: paid, due, then what each later
    /// stage (or, in a plan year, pay period) releases; and every deal's
    /// earned, payable, paid, due, what waits, and its status.
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = payouts, unchecked_return_type = "Payouts")]
    pub fn payouts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.one(&participant, Core::payouts)
    }

    /// The terms of one deal's line in one component — share, amount, rate,
    /// product and discount multipliers, tier with the attainment before and
    /// after, modifiers, earned and payable — for a sentence in people's
    /// words; null when the component has no line for that deal.
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = lineTerms, unchecked_return_type = "LineTerms | null")]
    pub fn line_terms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] component: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] deal: JsValue,
    ) -> Result<JsValue, JsValue> {
        let component = text(&component, "component", ErrorCode::InvalidJson).map_err(throw)?;
        let deal = text(&deal, "deal", ErrorCode::UnknownDeal).map_err(throw)?;
        self.one(&participant, |core, p| {
            core.line_terms(p, &component, &deal)
        })
    }

    /// What a screen shows beside the statement, decided by the engine:
    /// each modifier's band at the exact measure and what it multiplies,
    /// tier edges in money, company revenue and target, the participant's
    /// deals with their discounts, clawbacks and why a deal does not count.
    /// @throws {IncentiveError} `unknown_participant`.
    /// `{ deals: false }` lists only the deals with a clawback (a render's
    /// worth: a 2,000-deal rep's facts are mostly their deals' lines).
    #[wasm_bindgen(js_name = facts, unchecked_return_type = "Facts")]
    pub fn facts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
        #[wasm_bindgen(unchecked_param_type = "FactsOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let all = convert::flag(&options, "deals", true).map_err(throw)?;
        let wanted = if all {
            crate::engine::facts::Deals::All
        } else {
            crate::engine::facts::Deals::Clawbacks
        };
        self.one(&participant, |core, id| core.facts_of(id, wanted))
    }

    /// The deals the participant owns or touched, as the engine holds them
    /// now (every live update applied), in (close_date, id) order.
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = deals, unchecked_return_type = "Deal[]")]
    pub fn deals(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        let participant =
            text(&participant, "participant", ErrorCode::UnknownParticipant).map_err(throw)?;
        to_js(&self.core.deals_of(&participant).map_err(throw)?)
    }

    /// Every participant's id, name and role, in the activity's order.
    #[wasm_bindgen(js_name = people, unchecked_return_type = "Person[]")]
    pub fn people(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.people())
    }

    /// A new engine: this one's activity, live updates included, under
    /// another plan (read and checked as the constructor would). This
    /// engine is unchanged.
    /// @throws {IncentiveError} `invalid_json`, `invalid_plan` or
    /// `invalid_activity` (the activity does not fit the new plan).
    #[wasm_bindgen(js_name = withPlan)]
    pub fn with_plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    ) -> Result<Engine, JsValue> {
        let plan = document(plan, "plan").map_err(throw)?;
        let core = self.core.with_plan(&plan).map_err(throw)?;
        Ok(Engine { core })
    }

    /// A scenario on a copy of the engine (this one never changes):
    /// baseline, scenario, delta, and each change's marginal effect.
    /// `{ explain: false }` leaves the sentences out (same numbers, faster).
    /// @throws {IncentiveError} `invalid_change`, `unknown_deal` or
    /// `unknown_participant`, with the change's path (`changes[2].amount`).
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Change[]")] changes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WhatIfOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let participant =
            text(&participant, "participant", ErrorCode::UnknownParticipant).map_err(throw)?;
        let changes = convert::value(&changes, "changes").map_err(throw)?;
        let explain = convert::flag(&options, "explain", true).map_err(throw)?;
        to_js(
            &crate::whatif::what_if_with(&self.core, &participant, &changes, explain)
                .map_err(throw)?,
        )
    }

    /// The earnings curve for the chart: earned against quota credit, from 0
    /// to `to_attainment` × quota (default 2) in `points` steps (default 101).
    /// @throws {IncentiveError} `invalid_change` or `unknown_participant`.
    #[wasm_bindgen(js_name = curve, unchecked_return_type = "CurvePoint[]")]
    pub fn curve(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CurveOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let participant =
            text(&participant, "participant", ErrorCode::UnknownParticipant).map_err(throw)?;
        let options = convert::value(&options, "options").map_err(throw)?;
        to_js(&crate::whatif::curve(&self.core, &participant, &options).map_err(throw)?)
    }

    /// What it takes to reach the next tier: the credit needed, the smallest
    /// hypothetical deal (of the given type, product, discount) that does it,
    /// and the pay it would add.
    /// @throws {IncentiveError} `invalid_change` or `unknown_participant`.
    #[wasm_bindgen(js_name = whatItTakes, unchecked_return_type = "WhatItTakes")]
    pub fn what_it_takes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DealTemplate | undefined")] deal: JsValue,
    ) -> Result<JsValue, JsValue> {
        let participant =
            text(&participant, "participant", ErrorCode::UnknownParticipant).map_err(throw)?;
        let deal = convert::value(&deal, "deal").map_err(throw)?;
        let deal = if deal.is_null() {
            serde_json::json!({})
        } else {
            deal
        };
        to_js(&crate::whatif::what_it_takes(&self.core, &participant, &deal).map_err(throw)?)
    }

    /// What one viewer's page needs, as an activity document (`incentive
    /// cut`): that participant, the deals they own or touched, their
    /// payments, company revenue fixed at today's figure. A portal's server
    /// serves each person their own; their statement is the same.
    /// @throws {IncentiveError} `unknown_participant`.
    #[wasm_bindgen(js_name = activityFor, unchecked_return_type = "Activity")]
    pub fn activity_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
    ) -> Result<JsValue, JsValue> {
        let participant =
            text(&participant, "participant", ErrorCode::UnknownParticipant).map_err(throw)?;
        to_js(&self.core.activity_for(&participant).map_err(throw)?)
    }

    /// Deals from a CRM export (CSV text) as hypothetical deals of
    /// `participant`'s scenario, read by the same importer as `incentive
    /// import`: `options.mapping` is a mapping file's `[opportunities]`
    /// section (columns, value maps, `date_format`). Rows it can't take are
    /// listed with their row, column and reason; the good rows are deals.
    /// @throws {IncentiveError} `invalid_change` (the options) or `unknown_participant`.
    #[wasm_bindgen(js_name = importDeals, unchecked_return_type = "ImportedDeals")]
    pub fn import_deals(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] participant: JsValue,
        csv: String,
        #[wasm_bindgen(unchecked_param_type = "ImportOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let participant =
            text(&participant, "participant", ErrorCode::UnknownParticipant).map_err(throw)?;
        let options = convert::value(&options, "options").map_err(throw)?;
        to_js(
            &crate::whatif::import::import_deals(&self.core, &participant, &csv, &options)
                .map_err(throw)?,
        )
    }
}

/// An amount as people type it ("$30,000", "USD 30000", "30k") as a
/// decimal string, or why not: the importer's reader, for forms.
#[wasm_bindgen(js_name = readAmount, unchecked_return_type = "AmountRead")]
pub fn read_amount(text: String) -> Result<JsValue, JsValue> {
    let answer = match crate::import::values::amount(&text) {
        Ok(value) => serde_json::json!({ "value": value }),
        Err(error) => serde_json::json!({ "error": error }),
    };
    to_js(&answer)
}

impl Engine {
    /// One participant's statement (at some level of detail) or facts, as
    /// JS data.
    fn one<T: serde::Serialize>(
        &self,
        participant: &JsValue,
        get: impl Fn(&Core, &str) -> Result<T, crate::Error>,
    ) -> Result<JsValue, JsValue> {
        let participant =
            text(participant, "participant", ErrorCode::UnknownParticipant).map_err(throw)?;
        to_js(&get(&self.core, &participant).map_err(throw)?)
    }
}

/// The formats' vocabularies (deal types, stages, models, ...) and the
/// engine's limits, for forms: the same lists the engine reads with.
#[wasm_bindgen(js_name = vocabulary, unchecked_return_type = "Vocabulary")]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    to_js(&crate::engine::facts::vocabulary())
}

/// The package version (`Cargo.toml`'s).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
