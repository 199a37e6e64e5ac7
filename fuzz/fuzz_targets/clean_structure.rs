//! The cleaner and the structure parser on arbitrary text (invalid UTF-8
//! replaced): the document built must keep every invariant.

#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::checks::clean_structure(data);
});
