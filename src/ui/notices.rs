//! What the workbench tells or asks the reviewer: the notice banner
//! ([`Notice`]) and the modal dialogs ([`Dialog`]), with what a typed or
//! picked path is for ([`PathPurpose`]) and what follows an unsaved-changes
//! prompt ([`Then`]).

use std::path::{Path, PathBuf};

use super::export_target::ExportTarget;
use super::file_dialog::DialogRequest;
use super::strings::T;
use super::worker::{self, Failure};
use crate::assessment::{AnnotationColor, AssessmentError, Recovery};
use crate::i18n::Lang;
use crate::text::CharRange;

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

impl PathPurpose {
    /// What the path picked in answer to `request` is for.
    pub fn of_request(request: &DialogRequest) -> PathPurpose {
        match request {
            DialogRequest::Open { .. } | DialogRequest::OpenFolder { .. } => PathPurpose::Open,
            DialogRequest::SaveAs { .. } => PathPurpose::SaveAs,
            DialogRequest::OpenOlder { .. } => PathPurpose::CompareWith,
            DialogRequest::OpenLastYear { .. } => PathPurpose::CarryFrom,
            DialogRequest::Export { target, .. } => PathPurpose::Export(*target),
        }
    }
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
        /// The existing file the typed path would replace, once the
        /// reviewer was asked about it.
        replace: Option<PathBuf>,
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
    /// The assessment file was changed by someone else while it was open
    /// (noticed by watching it): reload it, or keep this version by saving it
    /// elsewhere.
    ChangedOutside {
        /// The file.
        path: PathBuf,
        /// This window has unsaved changes (a reload drops them).
        dirty: bool,
    },
    /// The F1 shortcut map.
    Shortcuts,
}
