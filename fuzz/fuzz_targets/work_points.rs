//! The work-point importer on arbitrary text: no panic, and a framework it
//! makes with items is one a user can save and load again.

#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::checks::work_points(data);
});
