//! The workbench's state, drivable without a window: persistent
//! [`Settings`], the open [`Report`] (document, analysis, the assessment
//! being edited, view state, undo), and the runtime bits (loading, notices,
//! dialogs, search). Views read it and return [`Action`]s; [`AppState::apply`]
//! carries them out after drawing. Tests drive the same methods.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use serde::{Deserialize, Serialize};

use super::command::UiCommand;
use super::compare_view::{Active, CompareTab, Comparisons, DiffView, Pending};
use super::export_menu::{self, ExportTarget};
use super::file_dialog::{DialogOutcome, DialogRequest, FileDialog};
use super::highlight;
use super::report_view::ReportView;
use super::review::{self, EvidenceMark, Filter};
use super::strings::T;
use super::theme;
use super::undo::{EditKey, UndoStack};
use super::worker::{self, Failure, Job, OlderSource, Opened, Stage, Worker, WorkerEvent};
use crate::analysis::Analysis;
use crate::assessment::{
    self, Anchor, Annotation, AnnotationColor, Assessment, AssessmentError, DiskStamp,
    LinkedEvidence, ReanchorReport, Recovery, Verdict,
};
use crate::compare::YearReport;
use crate::document::Document;
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::text::CharRange;

/// Seconds after the last edit before the autosave is written.
pub const AUTOSAVE_DELAY: f64 = 3.0;
/// Recent files remembered.
pub const MAX_RECENT: usize = 12;
/// Search hits found at most.
pub const MAX_HITS: usize = 10_000;
/// Seconds a status message stays.
const STATUS_SECONDS: f64 = 5.0;

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Light.
    #[default]
    Light,
    /// Dark.
    Dark,
    /// Follow the system.
    System,
}

/// What persists between runs (eframe storage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Interface language.
    pub lang: Lang,
    /// Theme.
    pub theme: ThemeChoice,
    /// Body text size in points.
    pub text_size: f32,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Show the outline panel.
    pub show_outline: bool,
    /// Show the report information panel (under the outline).
    pub show_info: bool,
    /// Show the checklist panel.
    pub show_checklist: bool,
    /// Mark other items' evidence faintly.
    pub show_faint_evidence: bool,
    /// The reviewer's name, proposed for new assessments.
    pub reviewer: String,
    /// Checklist filter.
    pub filter: Filter,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::Zh,
            theme: ThemeChoice::Light,
            text_size: theme::DEFAULT_TEXT_SIZE,
            recent: Vec::new(),
            show_outline: true,
            show_info: true,
            show_checklist: true,
            show_faint_evidence: true,
            reviewer: String::new(),
            filter: Filter::All,
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// Something the reviewer asked for, carried out after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A command from the table (menu, toolbar, keyboard).
    Command(UiCommand),
    /// Open a file.
    Open(PathBuf),
    /// Scroll the report to a character and flash a passage.
    ScrollTo {
        /// The character.
        at: usize,
        /// The passage to flash.
        flash: Option<CharRange>,
    },
    /// Jump to a heading (index into the structure's headings).
    SelectHeading(usize),
    /// Jump to a required part.
    SelectPart(crate::structure::PartId),
    /// Select a checklist item (index into the assessment's items).
    SelectItem(usize),
    /// Jump to an evidence passage of the selected item.
    ShowEvidence(CharRange),
    /// Set an item's verdict.
    SetVerdict(usize, Verdict),
    /// Set an item's score (`None`: from the verdict).
    SetScore(usize, Option<f32>),
    /// Set an item's comment.
    SetComment(usize, String),
    /// Accept or reject an automatic evidence passage.
    MarkEvidence(usize, CharRange, EvidenceMark),
    /// Remove a passage the reviewer linked (item, index in `linked`).
    Unlink(usize, usize),
    /// Open the annotation editor on an existing annotation.
    EditAnnotation(u64),
    /// Remove an annotation.
    DeleteAnnotation(u64),
    /// Place an annotation that needs attention on the selected text.
    PlaceAnnotation(u64),
    /// Save the annotation editor's content.
    SaveAnnotation {
        /// Existing annotation, or `None` for a new one.
        id: Option<u64>,
        /// Where (for a new one).
        range: CharRange,
        /// The note.
        note: String,
        /// The colour.
        color: AnnotationColor,
    },
    /// Set the reviewer's name.
    SetReviewer(String),
    /// Set the overall conclusion.
    SetConclusion(String),
    /// Set the checklist filter.
    SetFilter(Filter),
    /// Switch a framework on or off for this report.
    ToggleFramework(String),
    /// Set the search text.
    SetSearch(String),
    /// Set the language.
    SetLang(Lang),
    /// Set the theme.
    SetTheme(ThemeChoice),
    /// Set the text size.
    SetTextSize(f32),
    /// Close the current dialog (cancel).
    CloseDialog,
    /// The path typed in the path dialog.
    PathEntered(PathBuf),
    /// Answer to the recovery offer: restore (true) or discard.
    Recover(bool),
    /// Answer to the unsaved-changes prompt: save first (true) or discard.
    ResolveUnsaved(bool),
    /// Overwrite a file changed on disk.
    Overwrite,
    /// Dismiss the notice banner.
    DismissNotice,
    /// Forget the recent files.
    ClearRecent,
    /// Compare the open report with this older report (a report file, or
    /// an assessment naming one).
    CompareWith(PathBuf),
    /// Compare with another report of this session (its path).
    CompareAgainst(PathBuf),
    /// Show a tab of the comparison view.
    CompareTab(CompareTab),
    /// Select a row of the items table.
    CompareSelectItem(usize),
    /// Select a recycled passage.
    CompareSelectPassage(usize),
    /// Select a pair of aligned sections.
    CompareSelectPair(usize),
    /// Diff two passages (older, newer), labelled.
    CompareDiff {
        /// What is compared.
        label: String,
        /// The older report's passage.
        old: CharRange,
        /// The newer report's passage.
        new: CharRange,
    },
    /// Close the diff.
    CloseDiff,
    /// Leave the comparison and show this passage of the open report.
    CompareJump(CharRange),
    /// Pre-fill the assessment from last year's assessment at this path.
    CarryFrom(PathBuf),
    /// Write an export to this file.
    ExportTo(ExportTarget, PathBuf),
}

/// A banner message.
#[derive(Debug)]
pub enum Notice {
    /// A file could not be opened.
    OpenFailed {
        /// The file.
        path: PathBuf,
        /// Why (rendered in the current language).
        failure: Failure,
    },
    /// An assessment error (save failed, unreadable sidecar).
    Assessment(AssessmentError),
    /// A plain message.
    Text(String),
}

impl Notice {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Notice::OpenFailed { path, failure } => format!(
                "{}{}{} — {}",
                T::OpenFailed.get(lang),
                lang.pick("：", ": "),
                path_name(path),
                failure.message(lang)
            ),
            Notice::Assessment(e) => worker::assessment_message(e, lang),
            Notice::Text(t) => t.clone(),
        }
    }
}

fn path_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    /// Quit the application.
    Quit,
    /// Close the report.
    CloseReport,
    /// Open this file.
    Open(PathBuf),
}

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a file.
    Open,
    /// Save the assessment there.
    SaveAs,
    /// Compare with that older report.
    CompareWith,
    /// Start from that assessment of last year.
    CarryFrom,
    /// Export there.
    Export(ExportTarget),
}

/// A modal dialog.
#[derive(Debug)]
pub enum Dialog {
    /// The annotation editor.
    Annotation {
        /// Existing annotation, or `None` for a new one.
        id: Option<u64>,
        /// The passage.
        range: CharRange,
        /// The note being typed.
        note: String,
        /// The colour.
        color: AnnotationColor,
    },
    /// A path field (the file dialog's fallback).
    Path {
        /// What for.
        purpose: PathPurpose,
        /// The text typed.
        text: String,
        /// Why the system dialog was not used, if it failed.
        reason: Option<String>,
    },
    /// Offer to restore an autosave.
    Recovery(Box<Recovery>),
    /// Unsaved changes: save, discard or cancel.
    Unsaved(Then),
    /// The assessment file changed on disk.
    Conflict {
        /// The file.
        path: PathBuf,
    },
    /// The F1 shortcut map.
    Shortcuts,
}

/// The find bar.
#[derive(Debug, Default)]
pub struct Search {
    /// Shown.
    pub open: bool,
    /// The text searched for.
    pub query: String,
    /// Hits, in text order.
    pub hits: Vec<CharRange>,
    /// The current hit.
    pub current: Option<usize>,
    /// Ask the field to take the keyboard.
    pub focus: bool,
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
}

impl Report {
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

/// The file being opened.
#[derive(Debug)]
pub struct Loading {
    /// The file.
    pub path: PathBuf,
    /// The job's ticket.
    pub ticket: u64,
    /// Where it is.
    pub stage: Stage,
    /// The report's text, shown while the analysis runs.
    pub preview: Option<Arc<Document>>,
    /// The view of the preview (kept when the report opens).
    pub view: ReportView,
}

/// Everything the workbench knows.
pub struct AppState {
    /// What persists.
    pub settings: Settings,
    /// The open report.
    pub report: Option<Report>,
    /// The file being opened.
    pub loading: Option<Loading>,
    /// The banner message.
    pub notice: Option<Notice>,
    /// A short status message and when it was set.
    pub status: Option<(String, f64)>,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// The find bar.
    pub search: Search,
    /// Set when the app may close (unsaved changes dealt with).
    pub quit_confirmed: bool,
    /// Set when the app should close now.
    pub quit_requested: bool,
    /// Year-over-year comparison.
    pub comparison: Comparisons,
    worker: Worker,
    files: Box<dyn FileDialog>,
    autosave: Option<Receiver<Result<String, AssessmentError>>>,
}

impl AppState {
    /// A workbench with `settings`, a worker and a file dialog source.
    pub fn new(settings: Settings, worker: Worker, files: Box<dyn FileDialog>) -> AppState {
        AppState {
            settings,
            report: None,
            loading: None,
            notice: None,
            status: None,
            dialog: None,
            search: Search::default(),
            quit_confirmed: false,
            quit_requested: false,
            comparison: Comparisons::default(),
            worker,
            files,
            autosave: None,
        }
    }

    /// The language in use.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// True while a file is being opened or analysed.
    pub fn is_busy(&self) -> bool {
        self.loading.is_some()
            || self.report.as_ref().is_some_and(|r| r.analysing.is_some())
            || self.comparison.pending.is_some()
            || self
                .comparison
                .diff
                .as_ref()
                .is_some_and(|d| d.ops.is_none())
    }

    /// True while the comparison view is shown.
    pub fn comparing(&self) -> bool {
        self.comparison.open && self.comparison.active.is_some() && self.report.is_some()
    }

    /// True while a file dialog is open.
    pub fn dialog_pending(&self) -> bool {
        self.files.is_open()
    }

    /// True once some of the report's text is laid out on screen (the
    /// loaded report, or the preview shown while the analysis runs).
    pub fn report_text_shown(&self) -> bool {
        self.report
            .as_ref()
            .is_some_and(|r| !r.view.visible.is_empty())
            || self
                .loading
                .as_ref()
                .is_some_and(|l| l.preview.is_some() && !l.view.visible.is_empty())
    }

    /// True when the assessment has changes not saved to its file.
    pub fn has_unsaved(&self) -> bool {
        self.report.as_ref().is_some_and(|r| r.dirty)
    }

    fn set_status(&mut self, text: impl Into<String>, now: f64) {
        self.status = Some((text.into(), now));
    }

    /// The status message, while it is fresh.
    pub fn status_text(&self, now: f64) -> Option<&str> {
        self.status
            .as_ref()
            .filter(|(_, t)| now - t < STATUS_SECONDS)
            .map(|(s, _)| s.as_str())
    }

    /// Starts opening `path` (a report or an assessment).
    pub fn open(&mut self, path: PathBuf) {
        let ticket = self.worker.ticket();
        self.loading = Some(Loading {
            path: path.clone(),
            ticket,
            stage: Stage::Reading,
            preview: None,
            view: ReportView::default(),
        });
        self.notice = None;
        self.worker.submit(Job::Open { ticket, path });
    }

    /// Handles what arrived from the worker, dialogs and the autosave
    /// thread; writes a due autosave. Call once per frame.
    pub fn poll(&mut self, now: f64) {
        while let Some(event) = self.worker.poll() {
            self.on_worker(event, now);
        }
        if let Some((request, outcome)) = self.files.poll() {
            self.on_dialog(&request, outcome, now);
        }
        self.poll_autosave();
        self.autosave_if_due(now);
    }

    fn on_worker(&mut self, event: WorkerEvent, now: f64) {
        match event {
            WorkerEvent::Stage { ticket, stage } => {
                if let Some(l) = self.loading.as_mut().filter(|l| l.ticket == ticket) {
                    l.stage = stage;
                }
            }
            WorkerEvent::Document { ticket, doc } => {
                if let Some(l) = self.loading.as_mut().filter(|l| l.ticket == ticket) {
                    l.preview = Some(doc);
                }
            }
            WorkerEvent::Opened { ticket, opened } => {
                if self.loading.as_ref().is_some_and(|l| l.ticket == ticket)
                    && let Some(loading) = self.loading.take()
                {
                    self.settings.remember(&loading.path);
                    // Keep where the reviewer scrolled while the analysis ran.
                    let view = if loading.preview.is_some() {
                        loading.view
                    } else {
                        ReportView::default()
                    };
                    self.install(*opened, view, now);
                }
            }
            WorkerEvent::Failed {
                ticket,
                path,
                failure,
            } => {
                let compare_failed = self
                    .comparison
                    .pending
                    .as_ref()
                    .is_some_and(|p| p.ticket == ticket);
                if compare_failed {
                    self.comparison.pending = None;
                }
                if self.loading.as_ref().is_some_and(|l| l.ticket == ticket) {
                    self.loading = None;
                    self.notice = Some(Notice::OpenFailed { path, failure });
                } else if compare_failed {
                    self.notice = Some(Notice::OpenFailed { path, failure });
                }
                if let Some(r) = self.report.as_mut().filter(|r| r.analysing == Some(ticket)) {
                    r.analysing = None;
                }
            }
            WorkerEvent::Compared {
                ticket,
                older,
                comparison,
            } => self.on_compared(ticket, *older, *comparison, now),
            WorkerEvent::Diffed { ticket, ops } => {
                if let Some(d) = self.comparison.diff.as_mut().filter(|d| d.ticket == ticket) {
                    d.ops = Some(ops);
                }
            }
            WorkerEvent::Analysed {
                ticket,
                analysis,
                frameworks,
            } => {
                if let Some(r) = self.report.as_mut().filter(|r| r.analysing == Some(ticket)) {
                    r.analysing = None;
                    review::reapply_analysis(&mut r.assessment, &analysis, &frameworks);
                    r.analysed = review::analysed_ids(&analysis);
                    r.analysis = analysis;
                    r.frameworks = frameworks;
                    r.selected_item = None;
                    r.selected_evidence = None;
                    mark_edited(r, now);
                    // The checklist changed: so does the comparison's.
                    if let Some(older) = self
                        .comparison
                        .active
                        .as_ref()
                        .map(|a| a.older_path.clone())
                    {
                        self.start_compare(&older);
                    }
                }
            }
        }
    }

    fn on_compared(
        &mut self,
        ticket: u64,
        older: YearReport,
        made: crate::compare::YearComparison,
        now: f64,
    ) {
        if self
            .comparison
            .pending
            .as_ref()
            .is_none_or(|p| p.ticket != ticket)
        {
            return;
        }
        self.comparison.pending = None;
        let lang = self.lang();
        let Some(r) = &self.report else {
            return;
        };
        let warning = crate::compare::warning(&made.mismatches, lang);
        let same_older = self
            .comparison
            .active
            .as_ref()
            .is_some_and(|a| a.older_path == older.path);
        let older_path = older.path.clone();
        let newer_path = r.report_path.clone();
        self.comparison.remember(older);
        self.comparison.active = Some(Active::new(older_path, newer_path, made));
        if !same_older {
            self.comparison.clear_selection();
        }
        self.comparison.open = true;
        let msg = match warning {
            Some(w) => format!("{} — {w}", T::CompareDone.get(lang)),
            None => T::CompareDone.get(lang).to_string(),
        };
        self.set_status(msg, now);
    }

    /// Starts comparing the open report with `path` (a report or an
    /// assessment) on the worker; a report of this session is not read again.
    pub fn start_compare(&mut self, path: &Path) {
        let lang = self.lang();
        let Some(r) = &self.report else {
            self.status = Some((T::NoDocument.get(lang).into(), 0.0));
            return;
        };
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        };
        if same(path, &r.report_path) {
            self.notice = Some(Notice::Text(T::CompareSelf.get(lang).into()));
            return;
        }
        let older = match self.comparison.session.iter().find(|s| same(&s.path, path)) {
            Some(known) => OlderSource::Loaded(Box::new(known.clone())),
            None => OlderSource::Path(path.to_path_buf()),
        };
        let ticket = self.worker.ticket();
        self.comparison.pending = Some(Pending {
            ticket,
            path: path.to_path_buf(),
        });
        let job = Job::Compare {
            ticket,
            older,
            frameworks: r.frameworks.iter().map(|f| f.id.clone()).collect(),
            newer: Arc::clone(&r.doc),
            newer_analysis: Box::new(r.analysis.clone()),
        };
        self.worker.submit(job);
    }

    fn start_diff(&mut self, label: String, old: CharRange, new: CharRange) {
        let (Some(r), Some(o)) = (&self.report, self.comparison.older()) else {
            return;
        };
        let ticket = self.worker.ticket();
        let job = Job::Diff {
            ticket,
            old: o.doc.slice(old).to_string(),
            new: r.doc.slice(new).to_string(),
        };
        self.comparison.diff = Some(DiffView {
            label,
            old,
            new,
            ticket,
            ops: None,
        });
        self.worker.submit(job);
    }

    /// Pre-fills the assessment from last year's assessment at `path`: one
    /// undo step; carried items stay marked until the reviewer touches them.
    fn carry_from(&mut self, path: &Path, now: f64) {
        let lang = self.lang();
        let Some(r) = &self.report else {
            self.set_status(T::NoDocument.get(lang), now);
            return;
        };
        let last = match assessment::load(path) {
            Ok((a, _)) => a,
            Err(e) => {
                self.notice = Some(Notice::Assessment(e));
                return;
            }
        };
        if !last.report.sha256.is_empty() && last.report.sha256 == r.assessment.report.sha256 {
            self.notice = Some(Notice::Text(T::CarrySameReport.get(lang).into()));
            return;
        }
        let stored = assessment::relative_report_path(&r.assessment_path, path);
        let mut carried = 0;
        self.edit(now, EditKey::Discrete, |a| {
            carried = a.carry_from(&last, &stored);
        });
        let msg = if carried == 0 {
            T::CarriedNone.get(lang).to_string()
        } else {
            format!("{} {carried}", T::CarriedCount.get(lang))
        };
        self.set_status(msg, now);
    }

    fn export_to(&mut self, target: ExportTarget, path: PathBuf, now: f64) {
        let lang = self.lang();
        let path = export_menu::with_extension(path, target);
        let result = match target {
            ExportTarget::Assessment(format) => {
                let Some(r) = &self.report else {
                    self.set_status(T::NoDocument.get(lang), now);
                    return;
                };
                crate::export::export_to_file(&r.assessment, Some(&r.doc), format, lang, &path)
            }
            ExportTarget::Comparison(format) => {
                let Some(a) = &self.comparison.active else {
                    return;
                };
                let reports = [a.older_path.as_path(), a.newer_path.as_path()];
                crate::export::write_comparison(&a.comparison, format, lang, &reports, &path)
            }
        };
        match result {
            Ok(()) => {
                let msg = format!("{} {}", T::ExportedTo.get(lang), path.display());
                self.set_status(msg, now);
            }
            Err(e) => {
                self.set_status(T::ExportFailed.get(lang), now);
                self.notice = Some(Notice::Text(format!(
                    "{}{}{}",
                    T::ExportFailed.get(lang),
                    lang.pick("：", ": "),
                    e.message(lang)
                )));
            }
        }
    }

    fn request_export(&mut self, target: ExportTarget) {
        let lang = self.lang();
        let Some(r) = &self.report else {
            return;
        };
        let years = self
            .comparison
            .active
            .as_ref()
            .and_then(|a| Some((a.comparison.old.year?, a.comparison.new.year?)));
        if matches!(target, ExportTarget::Comparison(_)) && self.comparison.active.is_none() {
            return;
        }
        let suggested = export_menu::suggested_path(&r.report_path, target, years, lang);
        self.files.request(DialogRequest::Export {
            title: target
                .command()
                .label(lang)
                .trim_end_matches('…')
                .to_string(),
            suggested,
            target,
        });
    }

    /// Shows an opened report (replacing the one open).
    fn install(&mut self, opened: Opened, view: ReportView, now: f64) {
        let Opened {
            report_path,
            doc,
            text_sha,
            analysis,
            frameworks,
            available,
            selection_notice,
            assessment_path,
            existing,
            existing_error,
            recovery,
        } = opened;
        let (existing, stamp) = match existing {
            Some((a, s)) => (Some(a), Some(s)),
            None => (None, None),
        };
        let (mut assessment, reanchored) = review::build_assessment(
            &doc,
            &report_path,
            &text_sha,
            &analysis,
            &frameworks,
            existing,
        );
        if assessment.reviewer.is_empty() {
            assessment.reviewer = self.settings.reviewer.clone();
        }
        let mut notice_text = Vec::new();
        if let Some(n) = &selection_notice {
            notice_text.push(n.clone());
        }
        notice_text.extend(analysis.notices.iter().cloned());
        let analysed = review::analysed_ids(&analysis);
        self.search = Search::default();
        // The report replaced stays available as a year of the comparison.
        if let Some(prev) = self.report.take() {
            self.comparison.remember(YearReport {
                path: prev.report_path,
                doc: prev.doc,
                analysis: prev.analysis,
            });
        }
        self.comparison.reset();
        self.comparison.forget(&report_path);
        self.report = Some(Report {
            doc,
            report_path,
            analysis,
            analysed,
            frameworks,
            available,
            framework_notice: (!notice_text.is_empty()).then(|| notice_text.join("；")),
            assessment,
            assessment_path,
            stamp,
            dirty: false,
            autosave_due: None,
            autosaved_at: None,
            saved_at: None,
            view,
            selected_item: None,
            selected_evidence: None,
            selected_heading: None,
            undo: UndoStack::default(),
            reanchored,
            analysing: None,
            reveal_item: false,
        });
        if let Some(e) = existing_error {
            self.notice = Some(Notice::Text(format!(
                "{}：{}",
                T::AssessmentUnreadable.get(self.lang()),
                worker::assessment_message(&e, self.lang())
            )));
        }
        if let Some(r) = recovery {
            self.dialog = Some(Dialog::Recovery(Box::new(r)));
        }
        if let Some(path) = self.comparison.on_open.take() {
            self.start_compare(&path);
        }
        let _ = now;
    }

    fn on_dialog(&mut self, request: &DialogRequest, outcome: DialogOutcome, now: f64) {
        let purpose = match request {
            DialogRequest::Open { .. } => PathPurpose::Open,
            DialogRequest::SaveAs { .. } => PathPurpose::SaveAs,
            DialogRequest::OpenOlder { .. } => PathPurpose::CompareWith,
            DialogRequest::OpenLastYear { .. } => PathPurpose::CarryFrom,
            DialogRequest::Export { target, .. } => PathPurpose::Export(*target),
        };
        match outcome {
            DialogOutcome::Picked(path) => self.path_chosen(purpose, path, now),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable(reason) => {
                self.dialog = Some(Dialog::Path {
                    purpose,
                    text: String::new(),
                    reason: Some(reason),
                });
            }
        }
    }

    fn path_chosen(&mut self, purpose: PathPurpose, path: PathBuf, now: f64) {
        match purpose {
            PathPurpose::Open => self.apply(Action::Open(path), now),
            PathPurpose::SaveAs => self.save_to(path, now),
            PathPurpose::CompareWith => self.apply(Action::CompareWith(path), now),
            PathPurpose::CarryFrom => self.apply(Action::CarryFrom(path), now),
            PathPurpose::Export(target) => self.apply(Action::ExportTo(target, path), now),
        }
    }

    /// Carries out `action` at time `now` (seconds, egui's clock).
    pub fn apply(&mut self, action: Action, now: f64) {
        let lang = self.lang();
        match action {
            Action::Command(c) => self.run(c, now),
            Action::Open(path) => {
                if self.has_unsaved() {
                    self.dialog = Some(Dialog::Unsaved(Then::Open(path)));
                } else {
                    self.open(path);
                }
            }
            Action::ScrollTo { at, flash } => {
                if let Some(r) = &mut self.report {
                    r.view.scroll_to(at, flash, now);
                }
            }
            Action::SelectHeading(h) => {
                if let Some(r) = &mut self.report
                    && let Some(head) = r.doc.structure.headings.get(h)
                {
                    let range = head.range;
                    r.selected_heading = Some(h);
                    r.view.scroll_to(range.start, Some(range), now);
                }
            }
            Action::SelectPart(id) => {
                if let Some(r) = &mut self.report
                    && let Some(span) = r.doc.structure.part(id).and_then(|p| p.ranges.first())
                {
                    let span = *span;
                    r.view.scroll_to(
                        span.start,
                        Some(CharRange::new(span.start, span.start)),
                        now,
                    );
                }
            }
            Action::SelectItem(i) => self.select_item(i, now),
            Action::ShowEvidence(range) => {
                if let Some(r) = &mut self.report {
                    if let Some(item) = r.item() {
                        r.selected_evidence = review::evidence_ranges(item)
                            .iter()
                            .position(|e| *e == range);
                    }
                    r.view.scroll_to(range.start, Some(range), now);
                }
            }
            Action::SetVerdict(i, v) => {
                self.edit(now, EditKey::Discrete, |a| {
                    if let Some(item) = a.items.get_mut(i) {
                        item.review.verdict = v;
                        item.review.carried = false;
                        item.review.modified = Some(jiff::Timestamp::now());
                    }
                });
            }
            Action::SetScore(i, s) => {
                let key = self.item_key(i).map_or(EditKey::Discrete, EditKey::Score);
                self.edit(now, key, |a| {
                    if let Some(item) = a.items.get_mut(i) {
                        item.review.score = s.map(|s| s.clamp(0.0, 100.0));
                        item.review.carried = false;
                        item.review.modified = Some(jiff::Timestamp::now());
                    }
                });
            }
            Action::SetComment(i, text) => {
                let key = self.item_key(i).map_or(EditKey::Discrete, EditKey::Comment);
                self.edit(now, key, |a| {
                    if let Some(item) = a.items.get_mut(i) {
                        item.review.comment = text;
                        item.review.carried = false;
                        item.review.modified = Some(jiff::Timestamp::now());
                    }
                });
            }
            Action::MarkEvidence(i, range, mark) => {
                self.edit(now, EditKey::Discrete, |a| {
                    if let Some(item) = a.items.get_mut(i) {
                        item.review.accepted.retain(|r| *r != range);
                        item.review.rejected.retain(|r| *r != range);
                        match mark {
                            EvidenceMark::Accepted => item.review.accepted.push(range),
                            EvidenceMark::Rejected => item.review.rejected.push(range),
                            EvidenceMark::Open => {}
                        }
                        item.review.modified = Some(jiff::Timestamp::now());
                    }
                });
            }
            Action::Unlink(i, n) => {
                self.edit(now, EditKey::Discrete, |a| {
                    if let Some(item) = a.items.get_mut(i)
                        && n < item.review.linked.len()
                    {
                        item.review.linked.remove(n);
                    }
                });
            }
            Action::EditAnnotation(id) => {
                if let Some(a) = self
                    .report
                    .as_ref()
                    .and_then(|r| r.assessment.annotations.iter().find(|a| a.id == id))
                {
                    self.dialog = Some(Dialog::Annotation {
                        id: Some(id),
                        range: a.anchor.range,
                        note: a.note.clone(),
                        color: a.color,
                    });
                }
            }
            Action::DeleteAnnotation(id) => {
                self.edit(now, EditKey::Discrete, |a| {
                    a.annotations.retain(|x| x.id != id);
                });
            }
            Action::PlaceAnnotation(id) => {
                let Some((range, doc)) = self
                    .report
                    .as_ref()
                    .and_then(|r| r.view.selected_range().map(|s| (s, Arc::clone(&r.doc))))
                else {
                    self.set_status(T::NoSelection.get(lang), now);
                    return;
                };
                self.edit(now, EditKey::Discrete, |a| {
                    if let Some(x) = a.annotation_mut(id) {
                        x.anchor = Anchor::from_text(&doc.text, range);
                        x.needs_attention = false;
                    }
                });
                if let Some(r) = &mut self.report {
                    r.view.selection = None;
                }
            }
            Action::SaveAnnotation {
                id,
                range,
                note,
                color,
            } => {
                self.dialog = None;
                let Some(text) = self.report.as_ref().map(|r| Arc::clone(&r.doc)) else {
                    return;
                };
                self.edit(now, EditKey::Discrete, |a| match id {
                    Some(id) => {
                        if let Some(x) = a.annotation_mut(id) {
                            x.note = note;
                            x.color = color;
                        }
                    }
                    None => {
                        let id = a.next_annotation_id();
                        a.annotations.push(Annotation {
                            id,
                            anchor: Anchor::from_text(&text.text, range),
                            note,
                            color,
                            created: jiff::Timestamp::now(),
                            needs_attention: false,
                        });
                    }
                });
                if id.is_none() {
                    if let Some(r) = &mut self.report {
                        r.view.selection = None;
                    }
                    self.set_status(T::AnnotationAdded.get(lang), now);
                }
            }
            Action::SetReviewer(name) => {
                self.settings.reviewer = name.clone();
                self.edit(now, EditKey::Reviewer, |a| a.reviewer = name);
            }
            Action::SetConclusion(text) => {
                self.edit(now, EditKey::Conclusion, |a| a.conclusion = text);
            }
            Action::SetFilter(f) => self.settings.filter = f,
            Action::ToggleFramework(id) => self.toggle_framework(&id),
            Action::SetSearch(q) => self.set_search(q, now),
            Action::SetLang(l) => self.settings.lang = l,
            Action::SetTheme(t) => self.settings.theme = t,
            Action::SetTextSize(s) => {
                self.settings.text_size = s.clamp(theme::MIN_TEXT_SIZE, theme::MAX_TEXT_SIZE);
            }
            Action::CloseDialog => self.dialog = None,
            Action::PathEntered(path) => {
                let purpose = match self.dialog.take() {
                    Some(Dialog::Path { purpose, .. }) => purpose,
                    _ => PathPurpose::Open,
                };
                self.path_chosen(purpose, path, now);
            }
            Action::Recover(restore) => self.recover(restore, now),
            Action::ResolveUnsaved(save) => self.resolve_unsaved(save, now),
            Action::Overwrite => {
                if let Some(Dialog::Conflict { path }) = self.dialog.take() {
                    self.write(&path, true, now);
                }
            }
            Action::DismissNotice => self.notice = None,
            Action::ClearRecent => self.settings.recent.clear(),
            Action::CompareWith(path) | Action::CompareAgainst(path) => self.start_compare(&path),
            Action::CompareTab(t) => self.comparison.tab = t,
            Action::CompareSelectItem(i) => self.comparison.selected_item = Some(i),
            Action::CompareSelectPassage(i) => {
                self.comparison.selected_passage = Some(i);
                self.comparison.selected_pair = None;
            }
            Action::CompareSelectPair(i) => {
                self.comparison.selected_pair = Some(i);
                self.comparison.selected_passage = None;
            }
            Action::CompareDiff { label, old, new } => self.start_diff(label, old, new),
            Action::CloseDiff => self.comparison.diff = None,
            Action::CompareJump(range) => {
                self.comparison.open = false;
                if let Some(r) = &mut self.report {
                    r.view.scroll_to(range.start, Some(range), now);
                }
            }
            Action::CarryFrom(path) => self.carry_from(&path, now),
            Action::ExportTo(target, path) => self.export_to(target, path, now),
        }
    }

    fn item_key(&self, i: usize) -> Option<String> {
        self.report
            .as_ref()
            .and_then(|r| r.assessment.items.get(i))
            .map(|it| it.id.clone())
    }

    /// Applies a reviewer edit with undo, marking the assessment changed.
    fn edit(&mut self, now: f64, key: EditKey, f: impl FnOnce(&mut Assessment)) {
        let Some(r) = &mut self.report else {
            return;
        };
        let before = r.assessment.clone();
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return;
        }
        r.undo.before_edit(&before, key, now);
        r.assessment = after;
        mark_edited(r, now);
    }

    fn select_item(&mut self, i: usize, now: f64) {
        let Some(r) = &mut self.report else {
            return;
        };
        if i >= r.assessment.items.len() {
            return;
        }
        r.selected_item = Some(i);
        r.selected_evidence = None;
        r.reveal_item = true;
        r.undo.break_group();
        let first = r
            .item()
            .and_then(|it| review::evidence_ranges(it).first().copied());
        if let Some(range) = first {
            r.selected_evidence = Some(0);
            r.view.scroll_to(range.start, Some(range), now);
        }
    }

    fn step_item(&mut self, forward: bool, now: f64) {
        let filter = self.settings.filter;
        let Some(r) = &self.report else {
            return;
        };
        let visible = r.visible_items(filter);
        if visible.is_empty() {
            return;
        }
        let next = match r
            .selected_item
            .and_then(|s| visible.iter().position(|v| *v == s))
        {
            None => {
                if forward {
                    visible.first()
                } else {
                    visible.last()
                }
            }
            Some(pos) => {
                if forward {
                    visible.get(pos + 1).or(visible.last())
                } else {
                    visible.get(pos.saturating_sub(1))
                }
            }
        };
        if let Some(&n) = next {
            self.select_item(n, now);
        }
    }

    fn step_evidence(&mut self, forward: bool, now: f64) {
        let lang = self.lang();
        let Some(r) = &mut self.report else {
            return;
        };
        let Some(item) = r.item() else {
            self.set_status(T::NoItemSelected.get(lang), now);
            return;
        };
        let list = review::evidence_ranges(item);
        if list.is_empty() {
            self.set_status(T::NoEvidence.get(lang), now);
            return;
        }
        let n = list.len();
        let next = match r.selected_evidence {
            None => {
                if forward {
                    0
                } else {
                    n - 1
                }
            }
            Some(cur) => {
                if forward {
                    (cur + 1) % n
                } else {
                    (cur + n - 1) % n
                }
            }
        };
        r.selected_evidence = Some(next);
        let range = list[next];
        r.view.scroll_to(range.start, Some(range), now);
    }

    fn set_verdict_on_selected(&mut self, v: Verdict, now: f64) {
        let selected = self.report.as_ref().and_then(|r| r.selected_item);
        match selected {
            Some(i) => self.apply(Action::SetVerdict(i, v), now),
            None => self.set_status(T::NoItemSelected.get(self.lang()), now),
        }
    }

    fn set_search(&mut self, q: String, now: f64) {
        let Some(r) = &mut self.report else {
            self.search.query = q;
            return;
        };
        self.search.hits = highlight::find_all(&r.doc.text, &q, MAX_HITS);
        self.search.query = q;
        // The first hit at or after the top of the view.
        let top = r
            .doc
            .structure
            .paragraphs
            .get(r.view.top_paragraph())
            .map_or(0, |p| p.range.start);
        self.search.current = if self.search.hits.is_empty() {
            None
        } else {
            Some(
                self.search
                    .hits
                    .partition_point(|h| h.start < top)
                    .min(self.search.hits.len() - 1),
            )
        };
        if let Some(h) = self.search.current.and_then(|c| self.search.hits.get(c)) {
            r.view.scroll_to(h.start, None, now);
        }
    }

    fn step_search(&mut self, forward: bool, now: f64) {
        let n = self.search.hits.len();
        if n == 0 {
            return;
        }
        let next = match self.search.current {
            None => 0,
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
        };
        self.search.current = Some(next);
        if let (Some(r), Some(h)) = (&mut self.report, self.search.hits.get(next)) {
            r.view.scroll_to(h.start, None, now);
        }
    }

    fn toggle_framework(&mut self, id: &str) {
        let Some(r) = &mut self.report else {
            return;
        };
        let mut ids: Vec<String> = r.frameworks.iter().map(|f| f.id.clone()).collect();
        if let Some(pos) = ids.iter().position(|x| x == id) {
            ids.remove(pos);
        } else {
            // Keep the order of the registry.
            ids.push(id.to_string());
            let order: Vec<&String> = r.available.iter().map(|(id, _)| id).collect();
            ids.sort_by_key(|x| order.iter().position(|o| *o == x).unwrap_or(usize::MAX));
        }
        let ticket = self.worker.ticket();
        r.analysing = Some(ticket);
        let doc = Arc::clone(&r.doc);
        self.worker.submit(Job::Analyse {
            ticket,
            doc,
            frameworks: ids,
        });
    }

    /// Runs a command from the table.
    pub fn run(&mut self, c: UiCommand, now: f64) {
        let lang = self.lang();
        match c {
            UiCommand::Open => self.files.request(DialogRequest::Open {
                title: UiCommand::Open
                    .label(lang)
                    .trim_end_matches('…')
                    .to_string(),
            }),
            UiCommand::OpenPath => {
                self.dialog = Some(Dialog::Path {
                    purpose: PathPurpose::Open,
                    text: String::new(),
                    reason: None,
                });
            }
            UiCommand::Save => self.save(now),
            UiCommand::SaveAs => {
                if let Some(r) = &self.report {
                    self.files.request(DialogRequest::SaveAs {
                        title: UiCommand::SaveAs
                            .label(lang)
                            .trim_end_matches('…')
                            .to_string(),
                        suggested: r.assessment_path.clone(),
                    });
                }
            }
            UiCommand::CloseReport => {
                if self.has_unsaved() {
                    self.dialog = Some(Dialog::Unsaved(Then::CloseReport));
                } else {
                    self.close_report();
                }
            }
            UiCommand::Quit => {
                if self.has_unsaved() {
                    self.dialog = Some(Dialog::Unsaved(Then::Quit));
                } else {
                    self.quit_confirmed = true;
                    self.quit_requested = true;
                }
            }
            UiCommand::Undo | UiCommand::Redo => {
                let Some(r) = &mut self.report else {
                    return;
                };
                let done = if c == UiCommand::Undo {
                    r.undo.undo(&mut r.assessment)
                } else {
                    r.undo.redo(&mut r.assessment)
                };
                if done {
                    mark_edited(r, now);
                }
                let msg = match (c == UiCommand::Undo, done) {
                    (true, true) => T::Undone,
                    (true, false) => T::UndoNothing,
                    (false, true) => T::Redone,
                    (false, false) => T::RedoNothing,
                };
                self.set_status(msg.get(lang), now);
            }
            UiCommand::Find => {
                self.search.open = true;
                self.search.focus = true;
            }
            UiCommand::FindNext => self.step_search(true, now),
            UiCommand::FindPrev => self.step_search(false, now),
            UiCommand::NextItem => self.step_item(true, now),
            UiCommand::PrevItem => self.step_item(false, now),
            UiCommand::VerdictMet => self.set_verdict_on_selected(Verdict::Met, now),
            UiCommand::VerdictPartlyMet => self.set_verdict_on_selected(Verdict::PartlyMet, now),
            UiCommand::VerdictNotMet => self.set_verdict_on_selected(Verdict::NotMet, now),
            UiCommand::VerdictNotApplicable => {
                self.set_verdict_on_selected(Verdict::NotApplicable, now);
            }
            UiCommand::VerdictUnreviewed => {
                self.set_verdict_on_selected(Verdict::Unreviewed, now);
            }
            UiCommand::NextEvidence => self.step_evidence(true, now),
            UiCommand::PrevEvidence => self.step_evidence(false, now),
            UiCommand::Annotate => {
                match self.report.as_ref().and_then(|r| r.view.selected_range()) {
                    Some(range) => {
                        self.dialog = Some(Dialog::Annotation {
                            id: None,
                            range,
                            note: String::new(),
                            color: AnnotationColor::Yellow,
                        });
                    }
                    None => self.set_status(T::NoSelection.get(lang), now),
                }
            }
            UiCommand::LinkSelection => self.link_selection(now),
            UiCommand::Copy => {
                // The app puts the text on the clipboard (it owns the egui context).
            }
            UiCommand::Escape => {
                if self.dialog.is_some() {
                    self.dialog = None;
                } else if self.comparing() {
                    self.comparison.open = false;
                } else if self.search.open {
                    self.search.open = false;
                } else if let Some(r) = &mut self.report {
                    r.view.selection = None;
                }
            }
            UiCommand::TextBigger => {
                self.apply(Action::SetTextSize(self.settings.text_size + 1.0), now);
            }
            UiCommand::TextSmaller => {
                self.apply(Action::SetTextSize(self.settings.text_size - 1.0), now);
            }
            UiCommand::TextReset => self.settings.text_size = theme::DEFAULT_TEXT_SIZE,
            UiCommand::ToggleTheme => {
                self.settings.theme = match self.settings.theme {
                    ThemeChoice::Dark => ThemeChoice::Light,
                    ThemeChoice::Light | ThemeChoice::System => ThemeChoice::Dark,
                };
            }
            UiCommand::ToggleOutline => self.settings.show_outline ^= true,
            UiCommand::ToggleInfo => self.settings.show_info ^= true,
            UiCommand::ToggleChecklist => self.settings.show_checklist ^= true,
            UiCommand::ToggleFaintEvidence => self.settings.show_faint_evidence ^= true,
            UiCommand::Shortcuts => {
                self.dialog = match self.dialog {
                    Some(Dialog::Shortcuts) => None,
                    _ => Some(Dialog::Shortcuts),
                };
            }
            UiCommand::CompareWith => {
                if self.report.is_some() {
                    self.files.request(DialogRequest::OpenOlder {
                        title: c.label(lang).trim_end_matches('…').to_string(),
                    });
                } else {
                    self.set_status(T::NoDocument.get(lang), now);
                }
            }
            UiCommand::ShowComparison => {
                if self.comparison.active.is_some() {
                    self.comparison.open = true;
                }
            }
            UiCommand::CloseComparison => self.comparison.open = false,
            UiCommand::StartFromLastYear => {
                if self.report.is_some() {
                    self.files.request(DialogRequest::OpenLastYear {
                        title: c.label(lang).trim_end_matches('…').to_string(),
                    });
                } else {
                    self.set_status(T::NoDocument.get(lang), now);
                }
            }
            UiCommand::ExportHtml
            | UiCommand::ExportDocx
            | UiCommand::ExportCsv
            | UiCommand::ExportJson
            | UiCommand::ExportMarkdown
            | UiCommand::ExportComparisonHtml
            | UiCommand::ExportComparisonMarkdown
            | UiCommand::ExportComparisonJson => {
                if let Some(target) = ExportTarget::of_command(c) {
                    self.request_export(target);
                }
            }
        }
    }

    /// The selected report text.
    pub fn selected_text(&self) -> Option<String> {
        let r = self.report.as_ref()?;
        let range = r.view.selected_range()?;
        Some(r.doc.slice(range).to_string())
    }

    fn link_selection(&mut self, now: f64) {
        let lang = self.lang();
        let Some(r) = &self.report else {
            return;
        };
        let Some(range) = r.view.selected_range() else {
            self.set_status(T::NoSelection.get(lang), now);
            return;
        };
        let Some(i) = r.selected_item else {
            self.set_status(T::NoItemSelected.get(lang), now);
            return;
        };
        let id = r.assessment.items.get(i).map(|it| it.id.clone());
        let doc = Arc::clone(&r.doc);
        self.edit(now, EditKey::Discrete, |a| {
            if let Some(item) = a.items.get_mut(i) {
                item.review.linked.push(LinkedEvidence {
                    anchor: Anchor::from_text(&doc.text, range),
                    note: String::new(),
                });
                item.review.modified = Some(jiff::Timestamp::now());
            }
        });
        if let Some(r) = &mut self.report {
            r.view.selection = None;
        }
        self.set_status(
            format!("{} {}", T::LinkedTo.get(lang), id.unwrap_or_default()),
            now,
        );
    }

    fn close_report(&mut self) {
        if let Some(prev) = self.report.take() {
            self.comparison.remember(YearReport {
                path: prev.report_path,
                doc: prev.doc,
                analysis: prev.analysis,
            });
        }
        self.comparison.reset();
        self.search = Search::default();
    }

    fn resolve_unsaved(&mut self, save: bool, now: f64) {
        let Some(Dialog::Unsaved(then)) = self.dialog.take() else {
            return;
        };
        if save {
            self.save(now);
            if self.has_unsaved() {
                // The save failed or needs an answer (conflict): stay.
                return;
            }
        } else if let Some(r) = &mut self.report {
            // The reviewer chose to drop the changes: drop the autosave too,
            // so it is not offered next time.
            if let Err(e) = assessment::discard_autosave(&r.assessment_path) {
                log::warn!("{e}");
            }
            r.dirty = false;
            r.autosave_due = None;
        }
        match then {
            Then::Quit => {
                self.quit_confirmed = true;
                self.quit_requested = true;
            }
            Then::CloseReport => self.close_report(),
            Then::Open(path) => self.open(path),
        }
    }

    fn recover(&mut self, restore: bool, now: f64) {
        let Some(Dialog::Recovery(rec)) = self.dialog.take() else {
            return;
        };
        let Some(r) = &mut self.report else {
            return;
        };
        if restore {
            let text_sha = crate::document::sha256_hex(r.doc.text.as_bytes());
            let (a, re) = review::build_assessment(
                &r.doc,
                &r.report_path,
                &text_sha,
                &r.analysis,
                &r.frameworks,
                Some(rec.assessment),
            );
            r.assessment = a;
            if re.is_some() {
                r.reanchored = re;
            }
            r.undo = UndoStack::default();
            r.dirty = true;
            r.autosave_due = None;
            r.autosaved_at = Some(local_time());
            let _ = now;
        } else if let Err(e) = assessment::discard_autosave(&r.assessment_path) {
            self.notice = Some(Notice::Assessment(e));
        }
    }

    /// Saves the assessment to its file (conflicts open a dialog).
    pub fn save(&mut self, now: f64) {
        let Some(path) = self.report.as_ref().map(|r| r.assessment_path.clone()) else {
            self.set_status(T::NoDocument.get(self.lang()), now);
            return;
        };
        self.write(&path, false, now);
    }

    fn save_to(&mut self, path: PathBuf, now: f64) {
        let path = if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path
        };
        let same = self
            .report
            .as_ref()
            .is_some_and(|r| r.assessment_path == path);
        if same {
            self.write(&path, false, now);
            return;
        }
        // Another file: never overwrite what is there without asking.
        let Some(r) = &mut self.report else {
            return;
        };
        match assessment::save(&path, &r.assessment, None) {
            Ok(stamp) => {
                r.assessment_path = path.clone();
                r.stamp = Some(stamp);
                r.dirty = false;
                r.autosave_due = None;
                r.saved_at = Some(local_time());
                let msg = format!("{} {}", T::SavedTo.get(self.lang()), path.display());
                self.set_status(msg, now);
            }
            Err(AssessmentError::ChangedOnDisk { path }) => {
                self.dialog = Some(Dialog::Conflict { path });
            }
            Err(e) => self.notice = Some(Notice::Assessment(e)),
        }
    }

    fn write(&mut self, path: &Path, overwrite: bool, now: f64) {
        let lang = self.lang();
        let Some(r) = &mut self.report else {
            return;
        };
        let result = if overwrite {
            assessment::save_overwrite(path, &r.assessment)
        } else {
            let expected = (r.assessment_path == path)
                .then_some(r.stamp.as_ref())
                .flatten();
            assessment::save(path, &r.assessment, expected)
        };
        match result {
            Ok(stamp) => {
                r.assessment_path = path.to_path_buf();
                r.stamp = Some(stamp);
                r.dirty = false;
                r.autosave_due = None;
                r.saved_at = Some(local_time());
                self.set_status(T::Saved.get(lang), now);
            }
            Err(AssessmentError::ChangedOnDisk { path }) => {
                self.dialog = Some(Dialog::Conflict { path });
            }
            Err(e) => {
                self.set_status(T::SaveFailed.get(lang), now);
                self.notice = Some(Notice::Assessment(e));
            }
        }
    }

    fn autosave_if_due(&mut self, now: f64) {
        if self.autosave.is_some() {
            return;
        }
        let Some(r) = &mut self.report else {
            return;
        };
        if !r.autosave_due.is_some_and(|due| now >= due) {
            return;
        }
        r.autosave_due = None;
        let path = r.assessment_path.clone();
        let a = r.assessment.clone();
        let (tx, rx) = channel();
        // Written off the UI thread: a slow disk must not freeze typing.
        let spawned = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                let _ = tx.send(assessment::write_autosave(&path, &a).map(|()| local_time()));
            });
        match spawned {
            Ok(_) => self.autosave = Some(rx),
            Err(e) => log::warn!("autosave thread: {e}"),
        }
    }

    fn poll_autosave(&mut self) {
        let Some(rx) = &self.autosave else {
            return;
        };
        let result = match rx.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                self.autosave = None;
                return;
            }
        };
        self.autosave = None;
        match result {
            Ok(time) => {
                if let Some(r) = &mut self.report {
                    r.autosaved_at = Some(time);
                }
            }
            Err(e) => self.notice = Some(Notice::Assessment(e)),
        }
    }

    /// Writes any pending autosave now and waits for it (tests, shutdown).
    pub fn flush_autosave(&mut self, now: f64) {
        if let Some(r) = &mut self.report
            && r.autosave_due.is_some()
        {
            r.autosave_due = Some(now);
        }
        self.autosave_if_due(now);
        if let Some(rx) = self.autosave.take() {
            match rx.recv_timeout(std::time::Duration::from_secs(30)) {
                Ok(Ok(time)) => {
                    if let Some(r) = &mut self.report {
                        r.autosaved_at = Some(time);
                    }
                }
                Ok(Err(e)) => self.notice = Some(Notice::Assessment(e)),
                Err(_) => log::warn!("autosave did not finish"),
            }
        }
    }

    /// True while a background job or a due autosave needs frames.
    pub fn wants_repaint(&self) -> bool {
        self.is_busy() || self.autosave.is_some() || self.files.is_open()
    }

    /// Seconds until the next autosave is due, if one is.
    pub fn autosave_in(&self, now: f64) -> Option<f64> {
        self.report
            .as_ref()
            .and_then(|r| r.autosave_due)
            .map(|d| (d - now).max(0.0))
    }
}

fn mark_edited(r: &mut Report, now: f64) {
    r.assessment.touch();
    r.dirty = true;
    r.autosave_due = Some(now + AUTOSAVE_DELAY);
}

/// Local wall-clock time as "HH:MM".
fn local_time() -> String {
    jiff::Zoned::now().strftime("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::file_dialog::FakeDialog;

    fn sample() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_reports/zhanjiang-etdz_2020.txt")
    }

    fn opened_state(dir: &Path) -> AppState {
        let copy = dir.join("report.txt");
        let _ = std::fs::copy(sample(), &copy);
        let mut s = AppState::new(
            Settings::default(),
            Worker::inline(),
            Box::new(FakeDialog::default()),
        );
        s.open(copy);
        s.poll(0.0);
        s
    }

    #[test]
    fn opening_builds_a_checklist_and_a_sidecar_path() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let s = opened_state(dir.path());
        let r = s
            .report
            .as_ref()
            .unwrap_or_else(|| panic!("{:?}", s.notice));
        assert!(!r.assessment.items.is_empty(), "DC items at least");
        assert_eq!(r.assessment_path, dir.path().join("report.shenyue.ron"));
        assert_eq!(r.progress().0, 0);
        assert_eq!(s.settings.recent.len(), 1);
    }

    #[test]
    fn verdict_comment_undo_save_and_reopen() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut s = opened_state(dir.path());
        s.run(UiCommand::NextItem, 1.0);
        s.run(UiCommand::VerdictNotMet, 1.1);
        s.apply(Action::SetComment(0, "缺".into()), 2.0);
        s.apply(Action::SetComment(0, "缺少数据".into()), 2.5);
        let item = |s: &AppState| {
            s.report
                .as_ref()
                .and_then(|r| r.assessment.items.first())
                .map(|i| (i.review.verdict, i.review.comment.clone()))
        };
        assert_eq!(item(&s), Some((Verdict::NotMet, "缺少数据".into())));
        s.run(UiCommand::Undo, 3.0);
        assert_eq!(item(&s), Some((Verdict::NotMet, String::new())));
        s.run(UiCommand::Redo, 3.1);
        assert!(s.has_unsaved());
        s.save(4.0);
        assert!(!s.has_unsaved(), "{:?}", s.notice);
        let mut again = opened_state(dir.path());
        again.poll(0.0);
        assert_eq!(item(&again), Some((Verdict::NotMet, "缺少数据".into())));
    }

    #[test]
    fn opening_the_assessment_reopens_its_report() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut s = opened_state(dir.path());
        s.apply(Action::SetConclusion("见附件".into()), 1.0);
        s.save(1.0);
        let ron = dir.path().join("report.shenyue.ron");
        assert!(ron.is_file(), "{:?}", s.notice);
        s.apply(Action::Open(ron.clone()), 2.0);
        s.poll(2.0);
        let r = s
            .report
            .as_ref()
            .unwrap_or_else(|| panic!("{:?}", s.notice));
        assert_eq!(r.report_path, dir.path().join("report.txt"));
        assert_eq!(r.assessment_path, ron);
        assert_eq!(r.assessment.conclusion, "见附件");
    }

    #[test]
    fn switching_frameworks_reanalyses_and_keeps_reviews() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut s = opened_state(dir.path());
        s.run(UiCommand::NextItem, 1.0);
        s.run(UiCommand::VerdictMet, 1.0);
        let ids = |s: &AppState| -> Vec<String> {
            s.report
                .as_ref()
                .map(|r| r.frameworks.iter().map(|f| f.id.clone()).collect())
                .unwrap_or_default()
        };
        let before = ids(&s);
        assert!(!before.contains(&"G21".to_string()), "{before:?}");
        s.apply(Action::ToggleFramework("G21".into()), 2.0);
        s.poll(2.0);
        assert!(ids(&s).contains(&"G21".to_string()));
        let r = s.report.as_ref().unwrap_or_else(|| panic!("report"));
        assert_eq!(r.assessment.items[0].review.verdict, Verdict::Met);
        assert!(r.assessment.items.iter().any(|i| i.framework == "G21"));
    }

    #[test]
    fn comparing_keeps_older_years_and_forgets_the_comparison_of_another_report() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut s = opened_state(dir.path()); // the 2020 report as report.txt
        let newer = dir.path().join("zhanjiang-etdz_2022.txt");
        let _ = std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_reports/zhanjiang-etdz_2022.txt"),
            &newer,
        );
        let older = dir.path().join("report.txt");
        // Comparing a report with itself is refused with a message.
        s.apply(Action::CompareWith(older.clone()), 1.0);
        assert!(s.comparison.pending.is_none());
        assert!(matches!(s.notice, Some(Notice::Text(_))));
        // Open 2022: the 2020 report stays in the session as an older year.
        s.apply(Action::Open(newer.clone()), 1.0);
        s.poll(1.0);
        assert_eq!(s.comparison.session.len(), 1);
        s.apply(Action::CompareWith(older.clone()), 2.0);
        s.poll(2.0);
        assert!(
            s.comparing(),
            "{:?}",
            s.notice.as_ref().map(|n| n.message(Lang::En))
        );
        let a = s
            .comparison
            .active
            .as_ref()
            .unwrap_or_else(|| panic!("active"));
        assert_eq!(a.comparison.follow_through.len(), 5);
        assert!(
            a.pairs
                .iter()
                .any(|p| p.kind == crate::compare::PairKind::Part(crate::structure::PartId::DC2))
        );
        // A quote jumps back into the report.
        let q = a.comparison.follow_through[0].evidence[0].range;
        s.apply(Action::CompareJump(q), 3.0);
        assert!(!s.comparing());
        assert_eq!(
            s.report
                .as_ref()
                .and_then(|r| r.view.scroll_request.as_ref().map(|x| x.at)),
            Some(q.start)
        );
        // Opening another report drops the comparison, keeps the years.
        s.apply(Action::Open(older), 4.0);
        s.poll(4.0);
        assert!(s.comparison.active.is_none());
        assert_eq!(
            s.comparison.session.len(),
            1,
            "2022 is remembered, 2020 is open"
        );
    }

    #[test]
    fn autosave_is_offered_back_after_a_crash() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut s = opened_state(dir.path());
        s.apply(Action::SetConclusion("总体较好".into()), 1.0);
        s.flush_autosave(1.0);
        assert!(s.report.as_ref().is_some_and(|r| r.autosaved_at.is_some()));
        drop(s); // "crash": never saved
        let mut again = opened_state(dir.path());
        assert!(matches!(again.dialog, Some(Dialog::Recovery(_))));
        again.apply(Action::Recover(true), 1.0);
        let r = again.report.as_ref().unwrap_or_else(|| panic!("report"));
        assert_eq!(r.assessment.conclusion, "总体较好");
        assert!(r.dirty, "restored work still needs saving");
    }
}
