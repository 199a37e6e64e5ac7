//! Opening and closing reports: the worker's answers to the jobs the state
//! submitted (stages, the text ready early, the opened report, a new
//! analysis, a comparison, a diff, a failure) and showing an opened report
//! in place of the one open (which stays a year of the comparison).

use super::compare_view::Comparisons;
use super::notices::{Dialog, Notice};
use super::report::Report;
use super::report_view::ReportView;
use super::review;
use super::search::Search;
use super::state::AppState;
use super::strings::T;
use super::undo::UndoStack;
use super::worker::{self, Opened, WorkerEvent};
use crate::compare::YearReport;

impl AppState {
    pub(super) fn on_worker(&mut self, event: WorkerEvent, now: f64) {
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
            WorkerEvent::SameUnit { ticket, found } => {
                if self.comparison.same_unit_ticket == Some(ticket) {
                    self.comparison.same_unit_ticket = None;
                    self.comparison.same_unit = Some(found);
                }
            }
            WorkerEvent::Diffed { ticket, ops, rows } => {
                if let Some(d) = self.comparison.diff.as_mut().filter(|d| d.ticket == ticket) {
                    d.ops = Some(ops);
                    d.rows = rows;
                }
            }
            WorkerEvent::Analysed {
                ticket,
                analysis,
                frameworks,
            } => {
                if let Some(r) = self.report.as_mut().filter(|r| r.analysing == Some(ticket)) {
                    r.analysing = None;
                    r.assessment.refresh_auto(&analysis);
                    r.analysed = review::analysed_ids(&analysis);
                    r.analysis = analysis;
                    r.frameworks = frameworks;
                    r.selected_item = None;
                    r.selected_evidence = None;
                    r.mark_edited(now);
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

    /// Shows an opened report (replacing the one open).
    fn install(&mut self, opened: Opened, view: ReportView, now: f64) {
        let Opened { report, available } = opened;
        let crate::review::OpenedReport {
            report_path,
            doc,
            analysis,
            frameworks,
            notices,
            assessment_path,
            mut assessment,
            stamp,
            existing_error,
            reanchored,
            recovery,
        } = report;
        if assessment.reviewer.is_empty() {
            assessment.reviewer = self.settings.reviewer.clone();
        }
        let mut notice_text = Vec::new();
        notice_text.extend(notices.iter().map(|n| n.message(self.lang())));
        let analysed = review::analysed_ids(&analysis);
        self.search = Search::default();
        // The report replaced stays available as a year of the comparison.
        if let Some(prev) = self.report.take() {
            remember_closed(&mut self.comparison, prev);
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
            watch: super::report::DiskWatch::default(),
        });
        if let Some(e) = existing_error {
            self.notice = Some(Notice::Text(format!(
                "{}：{}",
                T::AssessmentUnreadable.get(self.lang()),
                worker::assessment_message(&e, self.lang())
            )));
        }
        if let Some(r) = recovery {
            // In the log: an autosave newer than the saved file means the last
            // session did not end normally (kill, crash, power cut).
            log::warn!(
                "recovery offered: {} is newer than the saved assessment",
                r.autosave_path.display()
            );
            self.dialog = Some(Dialog::Recovery(Box::new(r)));
        }
        self.find_same_unit();
        if let Some(path) = self.comparison.on_open.take() {
            self.start_compare(&path);
        }
        if let Some((path, range)) = self.comparison.jump_on_open.take()
            && let Some(r) = self.report.as_mut().filter(|r| r.report_path == path)
        {
            r.view.scroll_to(range.start, Some(range), now);
        }
    }

    pub(super) fn close_report(&mut self) {
        if let Some(prev) = self.report.take() {
            remember_closed(&mut self.comparison, prev);
        }
        self.comparison.reset();
        self.search = Search::default();
    }
}

/// Keeps the report closed as a year of this session's comparisons.
fn remember_closed(comparison: &mut Comparisons, prev: Report) {
    comparison.remember(YearReport {
        path: prev.report_path,
        doc: prev.doc,
        analysis: prev.analysis,
        assessment: Some(prev.assessment),
    });
}
