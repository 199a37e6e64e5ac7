//! What the workbench's 导出 menu exports (the assessment as HTML, DOCX,
//! CSV, JSON or Markdown through [`crate::export::export_to_file`]; the
//! comparison as HTML, Markdown or JSON through
//! [`crate::export::write_comparison`], as `shenyue compare` writes it) and
//! the file names proposed. Exports only read; every write is atomic.

use std::path::{Path, PathBuf};

use super::command::UiCommand;
use crate::export::{ComparisonFormat, ExportFormat};
use crate::i18n::Lang;

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportTarget {
    /// The assessment under review.
    Assessment(ExportFormat),
    /// The comparison shown.
    Comparison(ComparisonFormat),
}

impl ExportTarget {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportTarget::Assessment(f) => f.extension(),
            ExportTarget::Comparison(f) => f.extension(),
        }
    }

    /// Name of the file type in a save dialog's filter.
    pub fn filter_label(self, lang: Lang) -> &'static str {
        match self {
            ExportTarget::Assessment(f) => f.label(lang),
            ExportTarget::Comparison(f) => f.label(lang),
        }
    }

    /// The command that starts this export.
    pub fn command(self) -> UiCommand {
        match self {
            ExportTarget::Assessment(ExportFormat::Html) => UiCommand::ExportHtml,
            ExportTarget::Assessment(ExportFormat::Docx) => UiCommand::ExportDocx,
            ExportTarget::Assessment(ExportFormat::Csv) => UiCommand::ExportCsv,
            ExportTarget::Assessment(ExportFormat::Json) => UiCommand::ExportJson,
            ExportTarget::Assessment(ExportFormat::Markdown) => UiCommand::ExportMarkdown,
            ExportTarget::Comparison(ComparisonFormat::Html) => UiCommand::ExportComparisonHtml,
            ExportTarget::Comparison(ComparisonFormat::Markdown) => {
                UiCommand::ExportComparisonMarkdown
            }
            ExportTarget::Comparison(ComparisonFormat::Json) => UiCommand::ExportComparisonJson,
        }
    }

    /// The export a command starts, if it is an export command.
    pub fn of_command(c: UiCommand) -> Option<ExportTarget> {
        Some(match c {
            UiCommand::ExportHtml => ExportTarget::Assessment(ExportFormat::Html),
            UiCommand::ExportDocx => ExportTarget::Assessment(ExportFormat::Docx),
            UiCommand::ExportCsv => ExportTarget::Assessment(ExportFormat::Csv),
            UiCommand::ExportJson => ExportTarget::Assessment(ExportFormat::Json),
            UiCommand::ExportMarkdown => ExportTarget::Assessment(ExportFormat::Markdown),
            UiCommand::ExportComparisonHtml => ExportTarget::Comparison(ComparisonFormat::Html),
            UiCommand::ExportComparisonMarkdown => {
                ExportTarget::Comparison(ComparisonFormat::Markdown)
            }
            UiCommand::ExportComparisonJson => ExportTarget::Comparison(ComparisonFormat::Json),
            _ => return None,
        })
    }
}

/// The file proposed for an export of the report at `report`: beside it,
/// "<name>_审查意见.docx" (as Word proposes it) or
/// "<name>-对照-2020-2022.html".
pub fn suggested_path(
    report: &Path,
    target: ExportTarget,
    years: Option<(i32, i32)>,
    lang: Lang,
) -> PathBuf {
    let stem = report.file_stem().map_or_else(
        || "report".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let name = match target {
        ExportTarget::Assessment(_) => format!("{stem}_{}", lang.pick("审查意见", "review")),
        ExportTarget::Comparison(_) => {
            let what = lang.pick("对照", "comparison");
            match years {
                Some((a, b)) => format!("{stem}-{what}-{a}-{b}"),
                None => format!("{stem}-{what}"),
            }
        }
    };
    let dir = report.parent().unwrap_or(Path::new(""));
    dir.join(format!("{name}.{}", target.extension()))
}

/// `path` with the target's extension added when it has none (a name typed
/// without one).
pub fn with_extension(path: PathBuf, target: ExportTarget) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(target.extension())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_command_round_trips() {
        for f in ExportFormat::all() {
            let t = ExportTarget::Assessment(f);
            assert_eq!(ExportTarget::of_command(t.command()), Some(t));
        }
        for f in ComparisonFormat::all() {
            let t = ExportTarget::Comparison(f);
            assert_eq!(ExportTarget::of_command(t.command()), Some(t));
        }
        assert_eq!(ExportTarget::of_command(UiCommand::Save), None);
    }

    #[test]
    fn proposed_names_sit_beside_the_report() {
        let r = Path::new("/data/湛江_2022.txt");
        assert_eq!(
            suggested_path(
                r,
                ExportTarget::Assessment(ExportFormat::Docx),
                None,
                Lang::Zh
            ),
            PathBuf::from("/data/湛江_2022_审查意见.docx")
        );
        assert_eq!(
            suggested_path(
                r,
                ExportTarget::Comparison(ComparisonFormat::Markdown),
                Some((2020, 2022)),
                Lang::En
            ),
            PathBuf::from("/data/湛江_2022-comparison-2020-2022.md")
        );
        let t = ExportTarget::Assessment(ExportFormat::Csv);
        assert_eq!(
            with_extension("/tmp/表".into(), t),
            PathBuf::from("/tmp/表.csv")
        );
        assert_eq!(
            with_extension("/tmp/a.txt".into(), t),
            PathBuf::from("/tmp/a.txt")
        );
    }
}
