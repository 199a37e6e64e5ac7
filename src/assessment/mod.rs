//! Assessment: the reviewer's work on one report — the model ([`model`]),
//! keeping it safe on disk ([`persist`]: atomic saves, backups, conflict
//! detection, autosave and recovery) and finding annotated passages again
//! after the report text changed ([`anchor`]).
//!
//! The promise of this module is that a reviewer never loses a note: a save
//! either fully replaces the file or leaves the old one, the previous version
//! is kept as `.bak`, a file changed by someone else is never overwritten
//! silently, and an annotation that cannot be found again is flagged rather
//! than moved to a wrong place.

pub mod anchor;
pub mod comments;
pub mod error;
pub mod from_analysis;
pub mod model;
pub mod persist;
pub mod unknown;

pub use anchor::{Reanchor, ReanchorReport, find_all, reanchor, reanchor_assessment};
pub use error::AssessmentError;
pub use model::{
    ANCHOR_CONTEXT_CHARS, Anchor, Annotation, AnnotationColor, Assessment, AutoResult,
    ImportedComment, ItemAssessment, LinkedEvidence, ReportRef, Review, SCHEMA_VERSION, Verdict,
};
pub use persist::{
    DiskStamp, MAX_FILE_BYTES, Recovery, autosave_path, backup_path, changed_on_disk,
    discard_autosave, is_assessment_file, load, recovery_candidate, relative_report_path,
    resolve_report_path, save, save_overwrite, sidecar_path, write_autosave,
};
