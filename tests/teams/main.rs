//! Teams (issue 16): the hierarchy, managers' overrides and team bonus,
//! the team statement, benchmarks instead of ranks, and the cuts a portal
//! serves a manager and a rep. Golden fixtures in tests/fixtures/teams
//! (hand arithmetic in each expected.json's `notes`), bad input with JSON
//! paths, live updates and property tests.

mod benchmarks;
mod cli;
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
