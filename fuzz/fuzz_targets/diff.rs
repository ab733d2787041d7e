//! Fuzz target: see `treatylint::fuzzing::diff` for what it runs and what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| treatylint::fuzzing::diff(data));
