//! The workbench's state, drivable without a window: [`AppState`] holds
//! the persistent [`Settings`], the open [`Report`], the file being opened,
//! notices and dialogs, the find bar and the comparison; views read it and
//! return [`Action`]s, which [`AppState::apply`] routes to the handler of
//! their concern after drawing. This file holds the state, the worker's and
//! the file dialog's answers and the routing; the handlers live beside it
//! (`opening.rs`, `navigation.rs`, `editing.rs`, `saving.rs`, `comparing.rs`,
//! `exporting.rs`, `settings.rs`, `search.rs`). Tests drive the same methods.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use super::actions::Action;
use super::command::UiCommand;
use super::compare_view::Comparisons;
use super::file_dialog::{DialogOutcome, DialogRequest, FileDialog};
use super::notices::{Dialog, Notice, PathPurpose, Then};
use super::report::Report;
use super::report_view::ReportView;
use super::search::Search;
use super::settings::Settings;
use super::worker::{Job, Stage, Worker};
use crate::assessment::AssessmentError;
use crate::document::Document;
use crate::i18n::Lang;

/// Seconds a status message stays.
const STATUS_SECONDS: f64 = 5.0;

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
    /// The open folder (the submissions inbox), if any.
    pub inbox: Option<super::inbox::Inbox>,
    /// True while the inbox is shown instead of the workbench.
    pub show_inbox: bool,
    /// The window, woken by background work that is not the worker's.
    pub repaint: Option<egui::Context>,
    pub(super) worker: Worker,
    pub(super) files: Box<dyn FileDialog>,
    pub(super) autosave: Option<Receiver<Result<String, AssessmentError>>>,
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
            inbox: None,
            show_inbox: false,
            repaint: None,
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

    pub(super) fn set_status(&mut self, text: impl Into<String>, now: f64) {
        self.status = Some((text.into(), now));
    }

    /// The status message, while it is fresh.
    pub fn status_text(&self, now: f64) -> Option<&str> {
        self.status
            .as_ref()
            .filter(|(_, t)| now - t < STATUS_SECONDS)
            .map(|(s, _)| s.as_str())
    }

    /// Starts opening `path` (a report or an assessment; a folder opens
    /// as the inbox).
    pub fn open(&mut self, path: PathBuf) {
        if path.is_dir() {
            self.open_folder(path);
            return;
        }
        self.show_inbox = false;
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
        self.watch_assessment(now);
        if let Some(inbox) = &mut self.inbox {
            inbox.poll();
        }
    }

    fn on_dialog(&mut self, request: &DialogRequest, outcome: DialogOutcome, now: f64) {
        let purpose = PathPurpose::of_request(request);
        match outcome {
            DialogOutcome::Picked(path) => self.path_chosen(purpose, path, now),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable(reason) => {
                // The technical reason goes to the log; the reviewer reads
                // one message in their language and a pre-filled field.
                log::warn!("file dialog unavailable: {reason}");
                let report = self.report.as_ref();
                let text = super::path_field::prefill(
                    request,
                    report.map(|r| r.report_path.as_path()),
                    report.and_then(|r| r.assessment.report.year),
                );
                self.dialog = Some(Dialog::Path {
                    purpose,
                    text,
                    reason: Some(reason),
                    replace: None,
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

    /// The selected report text.
    pub fn selected_text(&self) -> Option<String> {
        let r = self.report.as_ref()?;
        let range = r.view.selected_range()?;
        Some(r.doc.slice(range).to_string())
    }

    /// True while a background job or a due autosave needs frames.
    pub fn wants_repaint(&self) -> bool {
        self.is_busy()
            || self.autosave.is_some()
            || self.files.is_open()
            || self.inbox.as_ref().is_some_and(|i| i.busy)
    }

    /// Carries out `action` at time `now` (seconds, egui's clock): each
    /// concern has its handler (`navigation.rs`, `editing.rs`, `saving.rs`,
    /// `comparing.rs`, `exporting.rs`, [`Settings`], [`Search`]).
    pub fn apply(&mut self, action: Action, now: f64) {
        match action {
            Action::Command(c) => self.run(c, now),
            Action::Open(path) => {
                if self.has_unsaved() {
                    self.dialog = Some(Dialog::Unsaved(Then::Open(path)));
                } else {
                    self.open(path);
                }
            }
            a @ (Action::ScrollTo { .. }
            | Action::SelectHeading(_)
            | Action::SelectPart(_)
            | Action::SelectItem(_)
            | Action::ShowEvidence(_)) => self.navigate(&a, now),
            a @ (Action::SetVerdict(..)
            | Action::SetScore(..)
            | Action::SetComment(..)
            | Action::MarkEvidence(..)
            | Action::Unlink(..)
            | Action::EditAnnotation(_)
            | Action::DeleteAnnotation(_)
            | Action::PlaceAnnotation(_)
            | Action::SaveAnnotation { .. }
            | Action::SetReviewer(_)
            | Action::SetConclusion(_)
            | Action::ToggleFramework(_)
            | Action::CorrectYear(_)
            | Action::CorrectUnit(_)
            | Action::CarryFrom(_)) => self.apply_edit(a, now),
            Action::SetSearch(q) => self.search.set_query(q, self.report.as_mut(), now),
            Action::SetFilter(f) => self.settings.filter = f,
            Action::SetLang(l) => self.settings.lang = l,
            Action::SetTheme(t) => self.settings.theme = t,
            Action::SetTextSize(s) => self.settings.set_text_size(s),
            Action::ClearRecent => self.settings.recent.clear(),
            Action::CloseDialog => self.dialog = None,
            Action::PathEntered(path) => {
                let purpose = match self.dialog.take() {
                    Some(Dialog::Path { purpose, .. }) => purpose,
                    _ => PathPurpose::Open,
                };
                self.path_chosen(purpose, path, now);
            }
            Action::DismissNotice => self.notice = None,
            a @ (Action::Recover(_)
            | Action::ResolveUnsaved(_)
            | Action::Overwrite
            | Action::ReloadAssessment) => {
                self.apply_saving(&a, now);
            }
            a @ (Action::CompareWith(_)
            | Action::CompareAgainst(_)
            | Action::CompareTab(_)
            | Action::CompareSelectItem(_)
            | Action::CompareSelectPassage(_)
            | Action::CompareSelectPair(_)
            | Action::CompareDiff { .. }
            | Action::CloseDiff
            | Action::CompareJump(_)
            | Action::CompareSelectIndicator(_)
            | Action::CompareJumpOlder(_)) => self.apply_compare(a, now),
            Action::ExportTo(target, path) => self.export_to(target, path, now),
            Action::Inbox(a) => self.apply_inbox(a, now),
            Action::ShowInbox => self.show_inbox = self.inbox.is_some(),
        }
    }

    /// Runs a command from the table: the file and window commands here,
    /// the others by their concern's handler.
    pub fn run(&mut self, c: UiCommand, now: f64) {
        if self.settings.run(c)
            || self.run_navigation(c, now)
            || self.run_editing(c, now)
            || self.run_compare(c, now)
            || self.run_export(c)
        {
            return;
        }
        let lang = self.lang();
        match c {
            UiCommand::Open => self.files.request(DialogRequest::Open {
                title: UiCommand::Open
                    .label(lang)
                    .trim_end_matches('…')
                    .to_string(),
            }),
            UiCommand::OpenFolder => self.files.request(DialogRequest::OpenFolder {
                title: UiCommand::OpenFolder
                    .label(lang)
                    .trim_end_matches('…')
                    .to_string(),
            }),
            UiCommand::OpenPath => {
                self.dialog = Some(Dialog::Path {
                    purpose: PathPurpose::Open,
                    text: String::new(),
                    reason: None,
                    replace: None,
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
            UiCommand::Find => {
                if !self.search.open && !self.search.query.is_empty() {
                    // Reopened: the kept query finds its hits again.
                    let q = self.search.query.clone();
                    self.search.set_query(q, self.report.as_mut(), now);
                }
                self.search.open = true;
                self.search.focus = true;
            }
            UiCommand::FindNext => self.search.step(true, self.report.as_mut(), now),
            UiCommand::FindPrev => self.search.step(false, self.report.as_mut(), now),
            UiCommand::Copy => {
                // The app puts the text on the clipboard (it owns the egui context).
            }
            UiCommand::Escape => {
                if self.dialog.is_some() {
                    self.dialog = None;
                } else if self.comparing() {
                    self.comparison.open = false;
                } else if self.search.open {
                    // Closing the find bar takes its highlights with it.
                    self.search.close();
                } else if let Some(r) = &mut self.report {
                    r.view.selection = None;
                }
            }
            UiCommand::Shortcuts => {
                self.dialog = match self.dialog {
                    Some(Dialog::Shortcuts) => None,
                    _ => Some(Dialog::Shortcuts),
                };
            }
            // Handled above by their concern.
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::assessment::Verdict;
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
    fn save_as_never_writes_over_the_report() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut s = opened_state(dir.path());
        let report = dir.path().join("report.txt");
        let before = std::fs::read(&report).unwrap_or_default();
        s.save_to(dir.path().join(".").join("report.txt"), 1.0);
        assert!(
            matches!(&s.notice, Some(Notice::Text(t)) if t.contains("请换一个输出文件名")),
            "{:?}",
            s.notice
        );
        assert!(s.dialog.is_none(), "no offer to overwrite the report");
        assert_eq!(std::fs::read(&report).unwrap_or_default(), before);
    }

    #[test]
    fn correcting_the_year_reselects_frameworks_keeps_verdicts_and_survives_reopening() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut s = opened_state(dir.path()); // a 2020 report: the 2015–2020 outline
        let ids = |s: &AppState| -> Vec<String> {
            s.report
                .as_ref()
                .map(|r| r.frameworks.iter().map(|f| f.id.clone()).collect())
                .unwrap_or_default()
        };
        assert!(ids(&s).contains(&"G15".to_string()), "{:?}", ids(&s));
        s.run(UiCommand::NextItem, 1.0);
        s.run(UiCommand::VerdictNotMet, 1.0);
        let first = s.report.as_ref().map(|r| r.assessment.items[0].id.clone());
        s.apply(Action::CorrectYear(2021), 2.0);
        s.poll(2.0);
        assert!(ids(&s).contains(&"G21".to_string()), "{:?}", ids(&s));
        assert!(!ids(&s).contains(&"G15".to_string()), "{:?}", ids(&s));
        s.apply(Action::CorrectUnit("某区司法局".into()), 2.5);
        let r = s.report.as_ref().unwrap_or_else(|| panic!("report"));
        assert_eq!(r.assessment.report.year, Some(2021));
        assert!(r.assessment.report.year_corrected);
        assert_eq!(r.assessment.report.unit, "某区司法局");
        let kept = r
            .assessment
            .items
            .iter()
            .find(|i| Some(&i.id) == first.as_ref())
            .map(|i| i.review.verdict);
        assert_eq!(kept, Some(Verdict::NotMet), "the verdict given is kept");
        s.save(3.0);
        let ron = dir.path().join("report.shenyue.ron");
        s.apply(Action::Open(ron), 4.0);
        s.poll(4.0);
        let r = s
            .report
            .as_ref()
            .unwrap_or_else(|| panic!("{:?}", s.notice));
        assert_eq!(
            r.assessment.report.year,
            Some(2021),
            "the correction is kept"
        );
        assert_eq!(r.assessment.report.unit, "某区司法局");
        assert!(ids(&s).contains(&"G21".to_string()), "{:?}", ids(&s));
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
    fn the_comparison_is_computed_on_the_worker_and_exported_as_the_cli_writes_it() {
        use crate::export::ComparisonFormat;
        use crate::ui::export_target::ExportTarget;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let older = dir.path().join("zhanjiang-etdz_2020.txt");
        let newer = dir.path().join("zhanjiang-etdz_2022.txt");
        for (name, to) in [
            ("zhanjiang-etdz_2020.txt", &older),
            ("zhanjiang-etdz_2022.txt", &newer),
        ] {
            let from = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample_reports")
                .join(name);
            std::fs::copy(from, to).unwrap_or_else(|e| panic!("{e}"));
        }
        let mut s = AppState::new(
            Settings::default(),
            Worker::inline(),
            Box::new(FakeDialog::default()),
        );
        s.open(newer);
        s.poll(0.0);
        s.apply(Action::CompareWith(older), 1.0);
        s.poll(1.0);
        let a = s
            .comparison
            .active
            .as_ref()
            .unwrap_or_else(|| panic!("{:?}", s.notice.as_ref().map(|n| n.message(Lang::En))));
        // What the view shows arrived with the comparison.
        assert!(!a.pairs.is_empty());
        assert_eq!(
            a.mismatches,
            [crate::compare::Mismatch::SkippedYears {
                older: 2020,
                newer: 2022
            }],
            "2021 is named as skipped"
        );
        assert_eq!(
            a.chart,
            crate::compare::chart_bars(
                &a.comparison.indicator_pairs().cloned().collect::<Vec<_>>()
            )
        );
        let expected =
            crate::export::render_comparison(&a.comparison, ComparisonFormat::Json, Lang::Zh)
                .unwrap_or_else(|e| panic!("{e}"));
        let out = dir.path().join("对照");
        s.apply(
            Action::ExportTo(
                ExportTarget::Comparison(ComparisonFormat::Json),
                out.clone(),
            ),
            2.0,
        );
        let written = std::fs::read_to_string(out.with_extension("json"))
            .unwrap_or_else(|e| panic!("{e} {:?}", s.notice.as_ref().map(|n| n.message(Lang::En))));
        assert_eq!(written, expected);
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
