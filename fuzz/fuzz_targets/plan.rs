//! Fuzz target: see `incentive_widget::fuzzing::plan`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| incentive_widget::fuzzing::plan(data));
