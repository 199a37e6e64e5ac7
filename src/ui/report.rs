//! The open report and the reviewer's work on it ([`Report`]): document,
//! analysis, the assessment being edited, its file and save state, the text
//! view, selections and undo.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use super::report_view::ReportView;
use super::review::Filter;
use super::undo::UndoStack;
use crate::analysis::Analysis;
use crate::assessment::{self, Assessment, DiskStamp, ReanchorReport};
use crate::document::Document;
use crate::framework::Framework;

/// Seconds after the last edit before the autosave is written.
pub const AUTOSAVE_DELAY: f64 = 3.0;

/// Seconds between two looks at the assessment file for changes made by
/// someone else (another window, another reviewer, a sync tool).
pub const WATCH_INTERVAL: f64 = 2.0;

/// The assessment file at the last look (`AppState::watch_assessment`).
#[derive(Debug, Clone, Default)]
pub struct DiskWatch {
    /// When the file was last looked at, in seconds.
    pub checked_at: Option<f64>,
    /// Its size and modification time then (inner `None`: no file); `None`
    /// before the first look.
    pub seen: Option<Option<(u64, SystemTime)>>,
    /// Someone else changed the file and the reviewer has not been asked yet.
    pub changed_outside: bool,
}

/// An open report and the reviewer's work on it.
pub struct Report {
    /// The clean, structured report.
    pub doc: Arc<Document>,
    /// The report file.
    pub report_path: PathBuf,
    /// The latest analysis.
    pub analysis: Analysis,
    /// Ids of the items the analysis has a result for.
    pub analysed: HashSet<String>,
    /// The frameworks in use, in checklist order.
    pub frameworks: Vec<Framework>,
    /// Every framework available: (id, label).
    pub available: Vec<(String, String)>,
    /// Why the frameworks are a fallback, if they are.
    pub framework_notice: Option<String>,
    /// The assessment being edited.
    pub assessment: Assessment,
    /// Where the assessment is saved.
    pub assessment_path: PathBuf,
    /// The saved file as last read or written (for conflict checks).
    pub stamp: Option<DiskStamp>,
    /// Edits not yet saved to `assessment_path`.
    pub dirty: bool,
    /// When the autosave is due (seconds), if an edit is waiting.
    pub autosave_due: Option<f64>,
    /// Local time of the last autosave ("14:02").
    pub autosaved_at: Option<String>,
    /// Local time of the last save.
    pub saved_at: Option<String>,
    /// The text view.
    pub view: ReportView,
    /// The selected checklist item.
    pub selected_item: Option<usize>,
    /// The evidence passage last shown (index into the item's N/P list).
    pub selected_evidence: Option<usize>,
    /// The outline heading last chosen.
    pub selected_heading: Option<usize>,
    /// Undo and redo.
    pub undo: UndoStack,
    /// What re-anchoring did when the report text had changed.
    pub reanchored: Option<ReanchorReport>,
    /// Ticket of a running re-analysis.
    pub analysing: Option<u64>,
    /// Scroll the checklist to the selected item (after J/K).
    pub reveal_item: bool,
    /// Watching the assessment file for changes made by someone else.
    pub watch: DiskWatch,
}

impl Report {
    /// Marks the assessment changed: unsaved, with an autosave due.
    pub fn mark_edited(&mut self, now: f64) {
        self.assessment.touch();
        self.dirty = true;
        self.autosave_due = Some(now + AUTOSAVE_DELAY);
    }

    /// The selected item.
    pub fn item(&self) -> Option<&assessment::ItemAssessment> {
        self.assessment.items.get(self.selected_item?)
    }

    /// Description of item `id` from its framework.
    pub fn description(&self, id: &str) -> Option<&str> {
        self.frameworks
            .iter()
            .find_map(|f| f.find(id))
            .map(|i| i.description.as_str())
            .filter(|d| !d.trim().is_empty())
    }

    /// Indices of the items that pass `filter`, in checklist order.
    pub fn visible_items(&self, filter: Filter) -> Vec<usize> {
        self.assessment
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| filter.accepts(i, &self.analysed))
            .map(|(n, _)| n)
            .collect()
    }

    /// `(reviewed, total)`; a verdict carried over from last year counts
    /// once the reviewer has confirmed it.
    pub fn progress(&self) -> (usize, usize) {
        let (_, total) = self.assessment.progress();
        let reviewed = self
            .assessment
            .items
            .iter()
            .filter(|i| i.review.verdict.is_reviewed() && !i.review.carried)
            .count();
        (reviewed, total)
    }
}
