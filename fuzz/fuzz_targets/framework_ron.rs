//! The framework RON reader on arbitrary text: no panic, and a framework
//! that loads is written back and loads again.

#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::checks::framework_ron(data);
});
