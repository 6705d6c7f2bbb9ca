//! Total pay (issue 14): fixed components prorated for the days employed,
//! draws (recoverable or not) with the balance owed carried, adjustments,
//! and the statement's `total_pay`. Golden fixtures in
//! tests/fixtures/total-pay (hand arithmetic in each expected.json's
//! `notes`), bad input with JSON paths, and property tests.

#[path = "../helpers/fixture_dirs.rs"]
mod fixture_dirs;
mod fixtures;
mod pools;
#[path = "../helpers/problems.rs"]
mod problems;
mod properties;
mod rate_tables;
#[path = "../helpers/subset.rs"]
mod subset;
mod validation;
