//! Shenyue (审阅): the library behind the review workbench for annual
//! 法治政府建设年度报告.
//!
//! Data flows one way: bytes → [`document::Document`] (clean text, structure,
//! metadata) → [`analysis::Analysis`] (checklist evidence, indicators) →
//! [`assessment::Assessment`] (auto results plus the reviewer's edits) → files.
//! The GUI (`ui`) and the CLI (`cli`) are thin layers over these modules.

pub mod analysis;
pub mod assessment;
pub mod atomic;
pub mod cli;
pub mod compare;
pub mod document;
pub mod export;
pub mod framework;
pub mod i18n;
pub mod inbox;
pub mod output;
pub mod review;
pub mod segment;
pub mod structure;
#[cfg(test)]
mod testing;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// When the process started (the first call, made first thing in the
/// binary's `main`), for start-up timing.
pub fn started() -> std::time::Instant {
    *STARTED.get_or_init(std::time::Instant::now)
}
