//! Exports from the workbench: asking where to write (the file dialog,
//! with a name proposed beside the report) and writing the assessment
//! ([`crate::export::export_to_file`]) or the comparison
//! ([`crate::export::write_comparison`]) there.

use std::path::PathBuf;

use super::command::UiCommand;
use super::export_target::{self, ExportTarget};
use super::file_dialog::DialogRequest;
use super::notices::Notice;
use super::state::AppState;
use super::strings::T;

impl AppState {
    /// Runs an export command; false for any other command.
    pub(super) fn run_export(&mut self, c: UiCommand) -> bool {
        match ExportTarget::of_command(c) {
            Some(target) => {
                self.request_export(target);
                true
            }
            None => false,
        }
    }

    pub(super) fn export_to(&mut self, target: ExportTarget, path: PathBuf, now: f64) {
        let lang = self.lang();
        let path = export_target::with_extension(path, target);
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
        let suggested = export_target::suggested_path(&r.report_path, target, years, lang);
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
}
