//! The plan year (issue 13): pay periods, year-to-date attainment, true-ups,
//! stage dates, schedules by month and dated clawbacks. Golden fixtures in
//! tests/fixtures/plan-year (hand arithmetic in each expected.json's
//! `notes`), validation with JSON paths, and property tests.

#[path = "../helpers/fixture_dirs.rs"]
mod fixture_dirs;
mod fixtures;
#[path = "../helpers/problems.rs"]
mod problems;
mod properties;
mod validation;
