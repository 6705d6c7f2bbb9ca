//! The shared pipeline (issue 15): the lead ledger, the measures computed
//! from it, credit back, the alignment stage and the modifiers and bonuses
//! that pay on them. Golden fixtures in tests/fixtures/pipeline (hand
//! arithmetic in each expected.json's `notes`), bad input with JSON paths,
//! and property tests.

mod cut;
#[path = "../helpers/fixture_dirs.rs"]
mod fixture_dirs;
mod fixtures;
mod live;
#[path = "../helpers/problems.rs"]
mod problems;
mod properties;
#[path = "../helpers/subset.rs"]
mod subset;
mod validation;
