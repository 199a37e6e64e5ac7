//! Keeping the reviewer's work: saving the assessment (with conflict
//! checks), saving it elsewhere, the autosave written off the UI thread a
//! few seconds after the last edit, offering it back after a crash, and the
//! unsaved-changes prompt.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{TryRecvError, channel};

use super::actions::Action;
use std::time::SystemTime;

use super::notices::{Dialog, Notice, Then};
use super::report::{DiskWatch, WATCH_INTERVAL};
use super::state::AppState;
use super::strings::T;
use super::undo::UndoStack;
use crate::assessment::{self, AssessmentError};

impl AppState {
    /// Carries out an answer to a saving dialog; other actions are left alone.
    pub(super) fn apply_saving(&mut self, action: &Action, now: f64) {
        match *action {
            Action::Recover(restore) => self.recover(restore, now),
            Action::ResolveUnsaved(save) => self.resolve_unsaved(save, now),
            Action::Overwrite => {
                if let Some(Dialog::Conflict { path }) = self.dialog.take() {
                    self.write(&path, true, now);
                }
            }
            Action::ReloadAssessment => self.reload_assessment(),
            _ => {}
        }
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
            let (a, re) = crate::review::merge(rec.assessment, &r.doc, &r.analysis);
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

    pub(super) fn save_to(&mut self, path: PathBuf, now: f64) {
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
        // Never the report itself, in any spelling (the one output guard).
        if let Some(r) = &self.report
            && let Err(e) = crate::output::guard_output(&path, &[&r.report_path])
        {
            self.notice = Some(Notice::Text(e.message(self.lang())));
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
                r.watch = DiskWatch::default();
                r.dirty = false;
                r.autosave_due = None;
                r.saved_at = Some(local_time());
                let msg = format!("{} {}", T::SavedTo.get(self.lang()), path.display());
                self.set_status(msg, now);
            }
            Err(AssessmentError::ChangedOnDisk { path }) => {
                r.watch.changed_outside = false;
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
                // Watching starts again from what was just written.
                r.watch = DiskWatch::default();
                r.dirty = false;
                r.autosave_due = None;
                r.saved_at = Some(local_time());
                self.set_status(T::Saved.get(lang), now);
            }
            Err(AssessmentError::ChangedOnDisk { path }) => {
                r.watch.changed_outside = false;
                self.dialog = Some(Dialog::Conflict { path });
            }
            Err(e) => {
                self.set_status(T::SaveFailed.get(lang), now);
                self.notice = Some(Notice::Assessment(e));
            }
        }
    }

    pub(super) fn autosave_if_due(&mut self, now: f64) {
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

    pub(super) fn poll_autosave(&mut self) {
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

    /// Seconds until the next autosave is due, if one is.
    pub fn autosave_in(&self, now: f64) -> Option<f64> {
        self.report
            .as_ref()
            .and_then(|r| r.autosave_due)
            .map(|d| (d - now).max(0.0))
    }
}

impl AppState {
    /// Every [`WATCH_INTERVAL`] seconds, while a report is open: when the
    /// assessment file's size or modification time changed and its content
    /// is no longer what this window last read or wrote, someone else changed
    /// it (a second window on the same assessment, a colleague on a share, a
    /// sync tool). The reviewer is asked at once ([`Dialog::ChangedOutside`])
    /// rather than at the next save — which would refuse to overwrite it
    /// anyway ([`assessment::save`] compares the stamp); the autosave never
    /// writes the assessment itself.
    pub(super) fn watch_assessment(&mut self, now: f64) {
        let Some(r) = &mut self.report else {
            return;
        };
        let due = r
            .watch
            .checked_at
            .is_none_or(|t| now < t || now - t >= WATCH_INTERVAL);
        if due {
            r.watch.checked_at = Some(now);
            let meta = std::fs::metadata(&r.assessment_path)
                .ok()
                .filter(std::fs::Metadata::is_file)
                .map(|m| (m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
            let seen = match r.watch.seen.replace(meta) {
                Some(seen) => seen,
                // The first look: the stamp says what this window read; with
                // none (no file, or one it could not read) what is there now
                // is where watching starts.
                None => r.stamp.as_ref().map(|s| (s.len, s.modified)).or(meta),
            };
            // A file deleted since holds nothing of anyone's: Save writes it again.
            if meta.is_some() && meta != seen {
                r.watch.changed_outside |= match &r.stamp {
                    // The content decides: a `touch` or a copy of the same bytes is no change.
                    Some(stamp) => {
                        assessment::changed_on_disk(&r.assessment_path, stamp).unwrap_or(false)
                    }
                    None => true,
                };
            }
        }
        if r.watch.changed_outside && self.dialog.is_none() && !self.files.is_open() {
            r.watch.changed_outside = false;
            self.dialog = Some(Dialog::ChangedOutside {
                path: r.assessment_path.clone(),
                dirty: r.dirty,
            });
        }
    }

    /// The reviewer took the other version: the assessment is opened again
    /// from its file, dropping this window's unsaved changes and their autosave.
    fn reload_assessment(&mut self) {
        let Some(Dialog::ChangedOutside { .. }) = self.dialog.take() else {
            return;
        };
        let Some(r) = &mut self.report else {
            return;
        };
        if let Err(e) = assessment::discard_autosave(&r.assessment_path) {
            log::warn!("{e}");
        }
        r.dirty = false;
        r.autosave_due = None;
        // The report's own sidecar opens with the report; an assessment kept
        // elsewhere is opened itself (it names its report).
        let path = if r.assessment_path == assessment::sidecar_path(&r.report_path) {
            r.report_path.clone()
        } else {
            r.assessment_path.clone()
        };
        self.open(path);
    }
}

/// Local wall-clock time as "HH:MM".
fn local_time() -> String {
    jiff::Zoned::now().strftime("%H:%M").to_string()
}
