//! Native file dialogs behind a small trait, so tests never open one and a
//! desktop without a working dialog (no xdg portal, no zenity) gets a clear
//! message and a path field instead of a hang.
//!
//! The rfd implementation runs the dialog on its own thread: a portal that
//! never answers cannot freeze the window, and the reviewer can switch to
//! typing a path while waiting.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::export_target::ExportTarget;
use crate::i18n::Lang;

/// What a dialog is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogRequest {
    /// Pick a report or assessment to open.
    Open {
        /// Window title.
        title: String,
    },
    /// Pick a folder to open as the inbox.
    OpenFolder {
        /// Window title.
        title: String,
    },
    /// Pick where to save the assessment.
    SaveAs {
        /// Window title.
        title: String,
        /// Proposed file (folder and name).
        suggested: PathBuf,
    },
    /// Pick an earlier report to compare the open one with.
    OpenOlder {
        /// Window title.
        title: String,
        /// Where the dialog starts: the same unit's earlier report beside
        /// the open one (pre-selected), else the open report's folder.
        suggested: Option<PathBuf>,
    },
    /// Pick last year's assessment to start from.
    OpenLastYear {
        /// Window title.
        title: String,
    },
    /// Pick where to write an export.
    Export {
        /// Window title.
        title: String,
        /// Proposed file (folder and name).
        suggested: PathBuf,
        /// What is exported.
        target: ExportTarget,
    },
}

/// How a dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The reviewer chose a file.
    Picked(PathBuf),
    /// The reviewer closed the dialog.
    Cancelled,
    /// No dialog could be shown; the text says why.
    Unavailable(String),
}

/// A source of file dialogs.
pub trait FileDialog {
    /// Starts a dialog; its outcome arrives through [`FileDialog::poll`].
    /// A dialog already open is left alone and this request is dropped.
    fn request(&mut self, request: DialogRequest);
    /// The outcome of the dialog, once it has ended.
    fn poll(&mut self) -> Option<(DialogRequest, DialogOutcome)>;
    /// True while a dialog is open.
    fn is_open(&self) -> bool;
}

/// Native dialogs through rfd, on a background thread.
#[derive(Default)]
pub struct RfdDialog {
    pending: Option<(DialogRequest, Receiver<DialogOutcome>)>,
    /// Asked by the UI to repaint when the dialog ends.
    repaint: Option<egui::Context>,
}

impl RfdDialog {
    /// A dialog source that wakes `ctx` when a dialog ends.
    pub fn new(ctx: Option<egui::Context>) -> Self {
        Self {
            pending: None,
            repaint: ctx,
        }
    }
}

/// Why no native dialog can be shown on this desktop, if that is known in
/// advance. On Linux rfd talks to the xdg desktop portal over the session
/// bus and falls back to `zenity`; with neither it silently returns nothing,
/// which would look like a cancelled dialog.
pub fn unavailable_reason() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    if bus || on_path("zenity") {
        return None;
    }
    Some(
        "没有可用的系统文件对话框（需要 xdg-desktop-portal 或 zenity）/ \
         no system file dialog (install xdg-desktop-portal or zenity)"
            .to_string(),
    )
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn report_filter(dialog: rfd::FileDialog) -> rfd::FileDialog {
    dialog
        .add_filter(
            "报告和审阅记录 / reports and assessments",
            &[crate::document::REPORT_EXTENSIONS, &["ron"]].concat(),
        )
        .add_filter("所有文件 / all files", &["*"])
}

fn save_dialog(title: String, suggested: &Path, label: &str, ext: &str) -> rfd::FileDialog {
    let mut d = rfd::FileDialog::new()
        .set_title(title)
        .add_filter(label, &[ext]);
    if let Some(dir) = suggested.parent().filter(|d| d.is_dir()) {
        d = d.set_directory(dir);
    }
    if let Some(name) = suggested.file_name() {
        d = d.set_file_name(name.to_string_lossy());
    }
    d
}

/// A dialog that starts at `start`: in its folder with it pre-selected
/// when it is a file, in it when it is a folder.
fn open_at(mut d: rfd::FileDialog, start: Option<&Path>) -> rfd::FileDialog {
    match start {
        Some(p) if p.is_file() => {
            if let Some(dir) = p.parent().filter(|d| d.is_dir()) {
                d = d.set_directory(dir);
            }
            if let Some(name) = p.file_name() {
                d = d.set_file_name(name.to_string_lossy());
            }
            d
        }
        Some(p) if p.is_dir() => d.set_directory(p),
        _ => d,
    }
}

impl FileDialog for RfdDialog {
    fn request(&mut self, request: DialogRequest) {
        if self.pending.is_some() {
            return;
        }
        let (tx, rx) = channel();
        if let Some(reason) = unavailable_reason() {
            let _ = tx.send(DialogOutcome::Unavailable(reason));
            self.pending = Some((request, rx));
            return;
        }
        let job = request.clone();
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let picked = match job {
                    DialogRequest::Open { title } => {
                        report_filter(rfd::FileDialog::new().set_title(title)).pick_file()
                    }
                    DialogRequest::OpenOlder { title, suggested } => open_at(
                        report_filter(rfd::FileDialog::new().set_title(title)),
                        suggested.as_deref(),
                    )
                    .pick_file(),
                    DialogRequest::OpenFolder { title } => {
                        rfd::FileDialog::new().set_title(title).pick_folder()
                    }
                    DialogRequest::OpenLastYear { title } => rfd::FileDialog::new()
                        .set_title(title)
                        .add_filter("审阅记录 / assessments", &["ron"])
                        .add_filter("所有文件 / all files", &["*"])
                        .pick_file(),
                    DialogRequest::SaveAs { title, suggested } => {
                        save_dialog(title, &suggested, "Shenyue", "ron").save_file()
                    }
                    DialogRequest::Export {
                        title,
                        suggested,
                        target,
                    } => {
                        let label = format!(
                            "{} / {}",
                            target.filter_label(Lang::Zh),
                            target.filter_label(Lang::En)
                        );
                        save_dialog(title, &suggested, &label, target.extension()).save_file()
                    }
                };
                let _ = tx.send(picked.map_or(DialogOutcome::Cancelled, DialogOutcome::Picked));
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.pending = Some((request, rx)),
            Err(e) => {
                let (tx, rx) = channel();
                let _ = tx.send(DialogOutcome::Unavailable(e.to_string()));
                self.pending = Some((request, rx));
            }
        }
    }

    fn poll(&mut self) -> Option<(DialogRequest, DialogOutcome)> {
        let (_, rx) = self.pending.as_ref()?;
        let outcome = match rx.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                DialogOutcome::Unavailable("the dialog thread ended without an answer".into())
            }
        };
        self.pending.take().map(|(req, _)| (req, outcome))
    }

    fn is_open(&self) -> bool {
        self.pending.is_some()
    }
}

/// A scripted dialog for tests: each request is answered with the next
/// scripted outcome (or "cancelled" when the script is empty).
#[derive(Debug, Default)]
pub struct FakeDialog {
    /// Outcomes still to give, first first.
    pub script: std::collections::VecDeque<DialogOutcome>,
    /// Every request made, in order.
    pub requests: Vec<DialogRequest>,
    answer: Option<(DialogRequest, DialogOutcome)>,
}

impl FakeDialog {
    /// A fake that answers with `outcomes` in order.
    pub fn with(outcomes: impl IntoIterator<Item = DialogOutcome>) -> Self {
        Self {
            script: outcomes.into_iter().collect(),
            ..Self::default()
        }
    }

    /// A fake that picks `path` once.
    pub fn picking(path: &Path) -> Self {
        Self::with([DialogOutcome::Picked(path.to_path_buf())])
    }
}

impl FileDialog for FakeDialog {
    fn request(&mut self, request: DialogRequest) {
        if self.answer.is_some() {
            return;
        }
        self.requests.push(request.clone());
        let outcome = self.script.pop_front().unwrap_or(DialogOutcome::Cancelled);
        self.answer = Some((request, outcome));
    }

    fn poll(&mut self) -> Option<(DialogRequest, DialogOutcome)> {
        self.answer.take()
    }

    fn is_open(&self) -> bool {
        self.answer.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_answers_in_order_then_cancels() {
        let mut d = FakeDialog::with([
            DialogOutcome::Picked("a.txt".into()),
            DialogOutcome::Unavailable("no portal".into()),
        ]);
        let open = DialogRequest::Open { title: "t".into() };
        d.request(open.clone());
        assert!(d.is_open());
        assert_eq!(
            d.poll(),
            Some((open.clone(), DialogOutcome::Picked("a.txt".into())))
        );
        d.request(open.clone());
        assert!(matches!(d.poll(), Some((_, DialogOutcome::Unavailable(_)))));
        d.request(open.clone());
        assert_eq!(d.poll(), Some((open, DialogOutcome::Cancelled)));
        assert_eq!(d.requests.len(), 3);
        assert!(d.poll().is_none());
    }
}
