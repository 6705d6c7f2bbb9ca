//! # incentive-widget
//!
//! Joint marketing-plus-sales incentive pay, exact to the cent and explained
//! line by line. One core, reached three ways: the `incentive` command
//! (finance's pay run), the WebAssembly package, and the `<incentive-widget>`
//! element built on it. The same plan and activity give the same statement
//! everywhere.
//!
//! Data flows one way: JSON → [`read`] (every problem at once, with JSON
//! paths) → validated [`model`] → [`engine`] → [`statement::Statement`].
//! Money is `rust_decimal` from input to output.

pub mod attribution;
pub mod date;
pub mod decimal;
pub mod engine;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod lab;
pub mod limits;
pub mod model;
pub mod pipeline;
pub mod read;
pub mod schema;
pub mod statement;
pub mod tiers;
pub mod whatif;
pub mod workload;

/// The WebAssembly package's JS API (`pkg/`): a thin layer over [`Engine`].
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use engine::Engine;
pub use error::{Error, ErrorCode, Problem};
pub use statement::Statement;

/// Scores every participant: plan and activity as JSON text in, statements out.
pub fn score(plan: &str, activity: &str) -> Result<Vec<Statement>, Error> {
    Engine::from_json(plan, activity)?.statements()
}
