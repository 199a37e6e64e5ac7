//! The assessment RON reader on arbitrary text: no panic, and an assessment
//! that loads is written back, loads again, and is written the same way
//! (unknown fields included).

#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::checks::assessment_ron(data);
});
