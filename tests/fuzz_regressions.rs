//! Replays every input the cargo-fuzz targets (`fuzz/`) found — a crash,
//! a hang or a blow-up, each fixed — and their seed corpora through the
//! same checks the targets run (`fixtures/fuzz_checks.rs`), so a finding
//! cannot come back unnoticed. Found inputs live in
//! `tests/fixtures/fuzz/<target>/`, seeds in `fuzz/seeds/<target>/`; how
//! the targets are run is in docs/RELIABILITY.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/fuzz_checks.rs"]
mod fuzz_checks;

use std::path::{Path, PathBuf};

use fuzz_checks::{TARGETS, support};

fn inputs(root: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(root)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

fn replay(root: &str) -> usize {
    let mut count = 0;
    for (target, check) in TARGETS {
        for path in inputs(root, target) {
            let bytes = std::fs::read(&path).unwrap();
            let what = format!("{target} {}", path.display());
            // Each in bounded time: a hang found once must not come back.
            support::hang_guard(&what, move || check(&bytes));
            count += 1;
        }
    }
    count
}

#[test]
fn every_input_the_fuzzers_found_passes() {
    let found = replay("tests/fixtures/fuzz");
    println!("{found} found inputs replayed");
}

#[test]
fn every_seed_passes() {
    let seeds = replay("fuzz/seeds");
    assert!(
        seeds >= 20,
        "the seed corpora are missing: run fuzz/make-seeds ({seeds})"
    );
}
