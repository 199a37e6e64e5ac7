//! A year-over-year comparison leaves the tool as a file: the stable JSON
//! of `shenyue compare`, Markdown for quick sharing, or a standalone HTML
//! page ([`crate::compare::to_markdown`] / [`crate::compare::to_html`]).
//! One function renders it ([`render_comparison`], also for standard
//! output) and one writes it ([`write_comparison`]), for the workbench's
//! export menu and the command line alike.

use std::path::Path;

use super::{ExportError, guard_export_path};
use crate::compare::Comparison;
use crate::i18n::Lang;

/// A comparison's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComparisonFormat {
    /// The stable JSON interface (pretty-printed).
    Json,
    /// Markdown for quick sharing.
    Markdown,
    /// A standalone, printable web page.
    Html,
}

impl ComparisonFormat {
    /// Every format, in the order menus offer them.
    pub fn all() -> [ComparisonFormat; 3] {
        [
            ComparisonFormat::Html,
            ComparisonFormat::Markdown,
            ComparisonFormat::Json,
        ]
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ComparisonFormat::Json => "json",
            ComparisonFormat::Markdown => "md",
            ComparisonFormat::Html => "html",
        }
    }

    /// Name of the file type in a save dialog's filter.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ComparisonFormat::Json => lang.pick("数据（JSON）", "Data (JSON)"),
            ComparisonFormat::Markdown => lang.pick("Markdown", "Markdown"),
            ComparisonFormat::Html => lang.pick("网页（HTML）", "HTML"),
        }
    }
}

/// The comparison `c` as the text of a file in `format` (what `shenyue
/// compare` prints).
pub fn render_comparison(
    c: &Comparison,
    format: ComparisonFormat,
    lang: Lang,
) -> Result<String, ExportError> {
    Ok(match format {
        ComparisonFormat::Json => {
            serde_json::to_string_pretty(c).map_err(|e| ExportError::Build {
                format: "JSON",
                report: c.new.file.clone(),
                message: e.to_string(),
            })?
        }
        ComparisonFormat::Markdown => crate::compare::to_markdown(c, lang),
        ComparisonFormat::Html => crate::compare::to_html(c, lang),
    })
}

/// Writes the comparison `c` to `path` atomically (fully written or left as
/// it was); refuses to write over an assessment file or any of `reports`
/// (the two compared reports).
pub fn write_comparison(
    c: &Comparison,
    format: ComparisonFormat,
    lang: Lang,
    reports: &[&Path],
    path: &Path,
) -> Result<(), ExportError> {
    guard_export_path(path, reports)?;
    let text = render_comparison(c, format, lang)?;
    crate::atomic::write_atomic(path, text.as_bytes()).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::document::Document;

    fn comparison() -> Comparison {
        let old = Document::from_text(
            "old.txt",
            "某区2021年法治政府建设年度报告\n一、主要工作情况\n全年办理行政复议案件13件。\n",
        );
        let new = Document::from_text(
            "new.txt",
            "某区2022年法治政府建设年度报告\n一、主要工作情况\n全年办理行政复议案件15件。\n",
        );
        crate::compare::compare(&old, &Analysis::default(), &new, &Analysis::default())
    }

    #[test]
    fn renders_the_same_text_the_library_does() {
        let c = comparison();
        let json = render_comparison(&c, ComparisonFormat::Json, Lang::Zh).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(v["new"]["year"], 2022);
        assert_eq!(
            render_comparison(&c, ComparisonFormat::Markdown, Lang::En).ok(),
            Some(crate::compare::to_markdown(&c, Lang::En))
        );
        assert_eq!(
            render_comparison(&c, ComparisonFormat::Html, Lang::Zh).ok(),
            Some(crate::compare::to_html(&c, Lang::Zh))
        );
        let exts: Vec<&str> = ComparisonFormat::all()
            .iter()
            .map(|f| f.extension())
            .collect();
        assert_eq!(exts, ["html", "md", "json"]);
    }

    #[test]
    fn a_comparison_is_never_written_over_an_assessment_or_a_report() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let report = dir.path().join("r.txt");
        std::fs::write(&report, "正文").unwrap_or_else(|e| panic!("{e}"));
        let c = comparison();
        let ron = dir.path().join("r.shenyue.ron");
        let e = write_comparison(&c, ComparisonFormat::Html, Lang::Zh, &[], &ron).err();
        assert_eq!(e.map(|e| e.kind()), Some("would_overwrite_assessment"));
        let e = write_comparison(
            &c,
            ComparisonFormat::Markdown,
            Lang::Zh,
            &[&report],
            &report,
        )
        .err();
        assert_eq!(e.map(|e| e.kind()), Some("would_overwrite_report"));
        assert_eq!(std::fs::read_to_string(&report).unwrap_or_default(), "正文");
        let out = dir.path().join("对照.html");
        write_comparison(&c, ComparisonFormat::Html, Lang::Zh, &[&report], &out)
            .unwrap_or_else(|e| panic!("{e}"));
        let html = std::fs::read_to_string(&out).unwrap_or_default();
        assert!(html.contains("<html"), "{html}");
        let out = dir.path().join("对照.json");
        write_comparison(&c, ComparisonFormat::Json, Lang::Zh, &[&report], &out)
            .unwrap_or_else(|e| panic!("{e}"));
        let json = std::fs::read_to_string(&out).unwrap_or_default();
        assert!(json.contains("\"follow_through\""), "{json}");
    }
}
