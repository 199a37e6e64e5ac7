//! Exports: an assessment leaves the tool as a file a colleague can open — a
//! printable HTML 审查意见 with the report text and numbered margin notes, a
//! Word (DOCX) 审查意见 for the leadership, CSV rows for the office's
//! spreadsheet (also for many assessments at once, [`csv_batch`]), the whole
//! assessment as JSON, and Markdown for quick sharing.
//!
//! A year-over-year comparison is written by [`write_comparison`] (JSON,
//! Markdown or HTML; `comparison.rs`), for the export menu and `shenyue
//! compare -o` alike.
//!
//! Exports only read: [`export`] takes `&Assessment` and returns bytes, and
//! [`export_to_file`] writes them atomically ([`crate::atomic::write_atomic`])
//! and refuses to write over the assessment file or the report itself.

mod common;
mod comparison;
mod csv;
mod docx;
mod html;
mod labels;
mod markdown;

use std::path::{Path, PathBuf};

use crate::assessment::Assessment;
use crate::document::Document;
use crate::i18n::Lang;

pub use comparison::{ComparisonFormat, render_comparison, write_comparison};
pub use csv::csv_batch;
pub use labels::{auto_label, score_basis_note, total_score_name, total_score_value};

/// A file format an assessment can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Standalone, printable web page: header, conclusion, checklist, report
    /// text with highlights and numbered margin notes.
    Html,
    /// Word document 审查意见 (opens in Word, WPS and LibreOffice).
    Docx,
    /// UTF-8 CSV with a byte-order mark, one row per checklist item.
    Csv,
    /// The whole assessment as JSON ([`Assessment::to_json`]).
    Json,
    /// Markdown: header, conclusion, a table of items, annotations.
    Markdown,
}

impl ExportFormat {
    /// Every format, in the order menus offer them.
    pub fn all() -> [ExportFormat; 5] {
        [
            ExportFormat::Html,
            ExportFormat::Docx,
            ExportFormat::Csv,
            ExportFormat::Json,
            ExportFormat::Markdown,
        ]
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Docx => "docx",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "md",
        }
    }

    /// Label for menus and file dialogs.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ExportFormat::Html => lang.pick("网页（HTML，可打印）", "Web page (HTML, printable)"),
            ExportFormat::Docx => lang.pick("Word 审查意见（DOCX）", "Word review (DOCX)"),
            ExportFormat::Csv => lang.pick("表格（CSV）", "Spreadsheet (CSV)"),
            ExportFormat::Json => lang.pick("数据（JSON）", "Data (JSON)"),
            ExportFormat::Markdown => lang.pick("Markdown 文本", "Markdown"),
        }
    }

    /// The format a file extension stands for (case-insensitive, without the
    /// dot): `html`/`htm`, `docx`, `csv`, `json`, `md`/`markdown`.
    pub fn from_extension(ext: &str) -> Option<ExportFormat> {
        match ext.trim_start_matches('.').to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(ExportFormat::Html),
            "docx" => Some(ExportFormat::Docx),
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            "md" | "markdown" => Some(ExportFormat::Markdown),
            _ => None,
        }
    }

    /// The format of a file named `path`, from its extension.
    pub fn for_path(path: &Path) -> Result<ExportFormat, ExportError> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(ExportFormat::from_extension)
            .ok_or_else(|| ExportError::NoFormatForPath {
                path: path.to_path_buf(),
            })
    }

    /// Parses a format name as given on the command line (`html`, `docx`,
    /// `word`, `csv`, `json`, `md`, `markdown`; case-insensitive).
    pub fn parse(name: &str) -> Result<ExportFormat, ExportError> {
        let trimmed = name.trim();
        if trimmed.eq_ignore_ascii_case("word") {
            return Ok(ExportFormat::Docx);
        }
        ExportFormat::from_extension(trimmed).ok_or_else(|| ExportError::UnknownFormat {
            given: name.to_string(),
        })
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ExportFormat::parse(s)
    }
}

/// Why an export could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A format name that is not one of ours.
    #[error("unknown export format \"{given}\": use html, docx, csv, json or md")]
    UnknownFormat {
        /// What was given.
        given: String,
    },
    /// An output file whose extension names no format.
    #[error(
        "cannot tell the export format from \"{}\": name the file .html, .docx, .csv, .json or .md, or give the format",
        path.display()
    )]
    NoFormatForPath {
        /// The output file.
        path: PathBuf,
    },
    /// The output file is an assessment (or its backup / autosave).
    #[error(
        "will not write an export over the assessment file \"{}\": choose another name, e.g. ending in .html or .docx",
        path.display()
    )]
    WouldOverwriteAssessment {
        /// The output file.
        path: PathBuf,
    },
    /// The output file is the assessed report itself.
    #[error(
        "will not write an export over the report \"{}\": choose another file name",
        path.display()
    )]
    WouldOverwriteReport {
        /// The output file.
        path: PathBuf,
    },
    /// The file could not be written (nothing was left behind).
    #[error(
        "cannot write \"{}\": {}",
        path.display(),
        crate::i18n::io_cause(source, crate::i18n::Lang::En)
    )]
    Write {
        /// The output file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The document could not be produced in memory.
    #[error("could not produce the {format} export of \"{report}\": {message}; please report this")]
    Build {
        /// Which format.
        format: &'static str,
        /// The assessed report (its path, or title when there is none).
        report: String,
        /// What failed.
        message: String,
    },
}

impl ExportError {
    /// Stable short name of the error kind, for tests and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            ExportError::UnknownFormat { .. } => "unknown_format",
            ExportError::NoFormatForPath { .. } => "no_format_for_path",
            ExportError::WouldOverwriteAssessment { .. } => "would_overwrite_assessment",
            ExportError::WouldOverwriteReport { .. } => "would_overwrite_report",
            ExportError::Write { .. } => "write",
            ExportError::Build { .. } => "build",
        }
    }

    /// One line in the user's language: what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ExportError::UnknownFormat { given } => {
                format!("未知的导出格式“{given}”：请使用 html、docx、csv、json 或 md")
            }
            ExportError::NoFormatForPath { path } => format!(
                "无法从文件名“{}”判断导出格式：请以 .html、.docx、.csv、.json 或 .md 结尾，或指定格式",
                path.display()
            ),
            ExportError::WouldOverwriteAssessment { path } => format!(
                "不能用导出文件覆盖审查记录“{}”：请换一个文件名，例如以 .html 或 .docx 结尾",
                path.display()
            ),
            ExportError::WouldOverwriteReport { path } => format!(
                "不能用导出文件覆盖报告原文“{}”：请换一个文件名",
                path.display()
            ),
            ExportError::Write { path, source } => format!(
                "无法写入“{}”：{}",
                path.display(),
                crate::i18n::io_cause(source, crate::i18n::Lang::Zh)
            ),
            ExportError::Build {
                format,
                report,
                message,
            } => format!("无法生成“{report}”的 {format} 导出：{message}；请报告此问题"),
        }
    }
}

/// The export of `a` in `format`, as the bytes of the file.
///
/// `doc` is the assessed report; the HTML and DOCX exports use it (the
/// report text with highlights and margin notes, in the DOCX as Word
/// comments) and omit that section without it.
/// Passages are found again by their quotes when the report changed since.
pub fn export(
    a: &Assessment,
    doc: Option<&Document>,
    format: ExportFormat,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Html => Ok(html::render(a, doc, lang).into_bytes()),
        ExportFormat::Docx => docx::render(a, doc, lang).map_err(|message| ExportError::Build {
            format: "DOCX",
            report: common::report_name(a),
            message,
        }),
        ExportFormat::Csv => Ok(csv::render(a, lang)),
        ExportFormat::Json => {
            let mut text = a.to_json().map_err(|e| ExportError::Build {
                format: "JSON",
                report: common::report_name(a),
                message: e.to_string(),
            })?;
            text.push('\n');
            Ok(text.into_bytes())
        }
        ExportFormat::Markdown => Ok(markdown::render(a, lang).into_bytes()),
    }
}

/// Exports `a` to the file `path` atomically: the file is either fully
/// written or left as it was, and a failed write leaves nothing behind.
/// Refuses to write over an assessment file (`*.ron`, its backup or
/// autosave) or over the assessed report.
pub fn export_to_file(
    a: &Assessment,
    doc: Option<&Document>,
    format: ExportFormat,
    lang: Lang,
    path: &Path,
) -> Result<(), ExportError> {
    guard_target(a, path)?;
    let bytes = export(a, doc, format, lang)?;
    crate::atomic::write_atomic(path, &bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Refuses targets that would destroy the reviewer's work or the report.
fn guard_target(a: &Assessment, path: &Path) -> Result<(), ExportError> {
    let report = Path::new(&a.report.path);
    let reports: &[&Path] = if a.report.path.is_empty() {
        &[]
    } else {
        &[report]
    };
    guard_export_path(path, reports)
}

/// Refuses an export target that is an assessment file (or its backup or
/// autosave) or one of `reports`: an export must never destroy the reviewer's
/// work or a report.
pub fn guard_export_path(path: &Path, reports: &[&Path]) -> Result<(), ExportError> {
    use crate::output::{OutputError, guard_non_assessment_output};
    guard_non_assessment_output(path, reports).map_err(|e| match e {
        OutputError::IsAssessment { path } => ExportError::WouldOverwriteAssessment { path },
        OutputError::IsInput { output, .. } => ExportError::WouldOverwriteReport { path: output },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_names_and_extensions() {
        for f in ExportFormat::all() {
            assert_eq!(ExportFormat::parse(f.extension()).ok(), Some(f));
            assert_eq!(ExportFormat::from_extension(f.extension()), Some(f));
        }
        assert_eq!(ExportFormat::parse(" Word ").ok(), Some(ExportFormat::Docx));
        assert_eq!(
            ExportFormat::parse("MARKDOWN").ok(),
            Some(ExportFormat::Markdown)
        );
        assert_eq!(
            ExportFormat::from_extension(".HTM"),
            Some(ExportFormat::Html)
        );
        let err = ExportFormat::parse("pdf").err();
        assert_eq!(err.as_ref().map(ExportError::kind), Some("unknown_format"));
        assert!(
            err.map(|e| e.message(Lang::Zh))
                .is_some_and(|m| m.contains("pdf") && m.contains("docx"))
        );
        assert_eq!(
            ExportFormat::for_path(Path::new("/tmp/审查意见.DOCX")).ok(),
            Some(ExportFormat::Docx)
        );
        let err = ExportFormat::for_path(Path::new("/tmp/审查意见")).err();
        assert_eq!(
            err.as_ref().map(ExportError::kind),
            Some("no_format_for_path")
        );
        assert!(err.is_some_and(|e| e.to_string().contains("审查意见")));
    }

    #[test]
    fn refuses_to_write_over_the_assessment_or_the_report() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let report = dir.path().join("报告.txt");
        std::fs::write(&report, "原文")?;
        let sidecar = dir.path().join("报告.shenyue.ron");
        std::fs::write(&sidecar, "(schema_version: 1)")?;
        let mut a = Assessment::default();
        a.report.path = report.to_string_lossy().into_owned();
        for (target, kind) in [
            (&sidecar, "would_overwrite_assessment"),
            (&report, "would_overwrite_report"),
        ] {
            let err = export_to_file(&a, None, ExportFormat::Json, Lang::Zh, target)
                .err()
                .ok_or("expected a refusal")?;
            assert_eq!(err.kind(), kind);
        }
        assert_eq!(std::fs::read_to_string(&report)?, "原文");
        assert_eq!(std::fs::read_to_string(&sidecar)?, "(schema_version: 1)");
        Ok(())
    }
}
