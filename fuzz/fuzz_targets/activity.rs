//! Fuzz target: see `incentive_widget::fuzzing::activity`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| incentive_widget::fuzzing::activity(data));
