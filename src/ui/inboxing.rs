//! The inbox's handlers on [`AppState`]: opening a folder, what the
//! reviewer does in the table (open a report in the workbench, compare a
//! unit's years), going back, and the window title.

use std::path::PathBuf;

use super::actions::Action;
use super::inbox::{Inbox, InboxAction};
use super::state::AppState;
use super::strings::T;
use crate::inbox::Deadline;

impl AppState {
    /// Opens `folder` as the inbox (replacing an inbox already open) and
    /// shows it; reviewing starts in the background at once.
    pub fn open_folder(&mut self, folder: PathBuf) {
        let wake = self
            .repaint
            .clone()
            .map(|ctx| Box::new(move || ctx.request_repaint()) as Box<dyn Fn() + Send + Sync>);
        let mut options = Inbox::options(self.lang());
        if let Some(d) = Deadline::parse(&self.settings.inbox_deadline) {
            options.deadline = d;
        }
        self.inbox = Some(Inbox::open(folder, options, wake));
        self.show_inbox = true;
    }

    /// Carries out what the reviewer did in the inbox table.
    pub(super) fn apply_inbox(&mut self, action: InboxAction, now: f64) {
        let Some(inbox) = &mut self.inbox else {
            return;
        };
        match inbox.apply(action) {
            Some(InboxAction::Open(path)) => self.apply(Action::Open(path), now),
            Some(InboxAction::CompareYears { older, newer }) => {
                self.comparison.on_open = Some(older);
                self.apply(Action::Open(newer), now);
            }
            Some(InboxAction::DeadlineChanged(d)) => {
                // Kept in the language-neutral form, read back by `parse`.
                self.settings.inbox_deadline = d.label_in(crate::i18n::Lang::En);
            }
            _ => {}
        }
    }

    /// The window title: the report's file name in the workbench, marked
    /// `*` while the assessment has unsaved changes (as gedit, Kate and most
    /// Linux editors do), the folder and its count of reports in the inbox.
    pub fn window_title(&self) -> String {
        let lang = self.lang();
        let app = lang.pick("审阅", "Shenyue");
        if self.show_inbox
            && let Some(inbox) = &self.inbox
        {
            return format!(
                "{} — {} {} — {app}",
                inbox.name(),
                inbox.entries.len(),
                T::InboxReports.get(lang)
            );
        }
        let path = self
            .report
            .as_ref()
            .map(|r| r.report_path.clone())
            .or_else(|| self.loading.as_ref().map(|l| l.path.clone()));
        match path.and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())) {
            Some(name) => {
                let mark = if self.has_unsaved() { "*" } else { "" };
                format!("{mark}{name} — {app}")
            }
            None => T::AppTitle.get(lang).to_string(),
        }
    }
}
