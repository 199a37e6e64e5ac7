//! What every target shares: the properties (`tests/fixtures/fuzz_checks.rs`,
//! shared with the replay of found inputs in `tests/fuzz_regressions.rs`).

#![allow(dead_code)]

#[path = "../../tests/fixtures/fuzz_checks.rs"]
pub mod checks;

/// libFuzzer's panic hook aborts on every panic, even one the library
/// catches. The built-in PDF extractor (`pdf-extract`) panics on many
/// damaged files; the library runs it in a child process (the app) or on
/// its own thread under `catch_unwind` (here), so a panic on that thread is
/// contained by design and is not a finding. Every other panic still aborts.
pub fn contain_pdf_extractor_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some("pdf-extract") {
                fuzzer_hook(info);
            }
        }));
    });
}
