//! Year-over-year comparison from the workbench: asking the worker to
//! compare the open report with an older one (or to diff two passages),
//! taking its answer, and the comparison view's selections. The comparison
//! is computed by [`crate::compare::compare_years`] on the worker.

use std::path::Path;
use std::sync::Arc;

use super::actions::Action;
use super::command::UiCommand;
use super::compare_view::{Active, DiffView, Pending};
use super::file_dialog::DialogRequest;
use super::notices::Notice;
use super::state::AppState;
use super::strings::T;
use super::worker::{Job, OlderSource};
use crate::compare::YearReport;
use crate::text::CharRange;

impl AppState {
    /// Carries out a comparison action; other actions are left alone.
    pub(super) fn apply_compare(&mut self, action: Action, now: f64) {
        match action {
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
            Action::CompareSelectIndicator(i) => self.comparison.selected_indicator = Some(i),
            Action::CompareJumpOlder(range) => {
                if let Some(path) = self
                    .comparison
                    .active
                    .as_ref()
                    .map(|a| a.older_path.clone())
                {
                    self.comparison.jump_on_open = Some((path.clone(), range));
                    self.apply(Action::Open(path), now);
                }
            }
            _ => {}
        }
    }

    /// Runs a comparison command; false for any other command.
    pub(super) fn run_compare(&mut self, c: UiCommand, now: f64) -> bool {
        let lang = self.lang();
        match c {
            UiCommand::CompareWith => {
                if let Some(r) = &self.report {
                    let path = r.report_path.as_path();
                    // The nearest earlier report of the unit by its text,
                    // else by its file name, else the report's folder.
                    let suggested = self
                        .comparison
                        .earlier_in_folder(path)
                        .first()
                        .map(|e| e.path.clone())
                        .or_else(|| {
                            r.assessment
                                .report
                                .year
                                .and_then(|y| super::path_field::earlier_report(path, y))
                        })
                        .or_else(|| {
                            path.parent()
                                .filter(|d| !d.as_os_str().is_empty())
                                .map(Path::to_path_buf)
                        });
                    self.files.request(DialogRequest::OpenOlder {
                        title: c.label(lang).trim_end_matches('…').to_string(),
                        suggested,
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
            _ => return false,
        }
        true
    }

    pub(super) fn on_compared(
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

    /// Asks the worker for the same unit's other reports in the open
    /// report's folder (the picker's choices), when its unit and year are
    /// known.
    pub(super) fn find_same_unit(&mut self) {
        let Some(r) = &self.report else {
            return;
        };
        let unit = r.assessment.report.unit.trim();
        let (Some(year), false) = (r.assessment.report.year, unit.is_empty()) else {
            return;
        };
        let ticket = self.worker.ticket();
        self.comparison.same_unit_ticket = Some(ticket);
        let job = Job::FindSameUnit {
            ticket,
            report: r.report_path.clone(),
            unit: unit.to_string(),
            year,
        };
        self.worker.submit(job);
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
            rows: Vec::new(),
        });
        self.worker.submit(job);
    }
}
