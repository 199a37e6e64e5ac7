//! The path field, the file dialog's fallback: what it starts with (the
//! file a native dialog would propose — "报告名_审查意见.docx" beside the
//! report, an earlier report of the same unit in the same folder) and
//! whether a typed path would replace a file, which is asked first.

use std::path::{Path, PathBuf};

use super::export_target;
use super::file_dialog::DialogRequest;
use super::notices::PathPurpose;

/// The text the path field starts with for `request`, with the report
/// under review at `report` (if one is open).
pub fn prefill(request: &DialogRequest, report: Option<&Path>, year: Option<i32>) -> String {
    let folder = || {
        report
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .map(|d| format!("{}{}", d.display(), std::path::MAIN_SEPARATOR))
            .unwrap_or_default()
    };
    match request {
        DialogRequest::SaveAs { suggested, .. } | DialogRequest::Export { suggested, .. } => {
            suggested.display().to_string()
        }
        // The report the picker found by its text first, else one by its
        // file name.
        DialogRequest::OpenOlder { suggested, .. } => suggested
            .as_deref()
            .filter(|p| p.is_file())
            .map(Path::to_path_buf)
            .or_else(|| report.and_then(|r| earlier_report(r, year?)))
            .map_or_else(folder, |p| p.display().to_string()),
        DialogRequest::Open { .. }
        | DialogRequest::OpenFolder { .. }
        | DialogRequest::OpenLastYear { .. } => folder(),
    }
}

/// An earlier report of the same unit beside `report`: the same file name
/// with an earlier year in place of `year` ("…_2022.txt" → "…_2021.txt",
/// else "…_2020.txt", up to five years back).
pub fn earlier_report(report: &Path, year: i32) -> Option<PathBuf> {
    let name = report.file_name()?.to_str()?;
    let this = year.to_string();
    if !name.contains(&this) {
        return None;
    }
    (1..=5)
        .map(|back| report.with_file_name(name.replace(&this, &(year - back).to_string())))
        .find(|p| p.is_file())
}

/// The file a path typed for `purpose` would be written to, when that is an
/// existing file the reviewer must agree to replace.
pub fn would_replace(purpose: PathPurpose, typed: &Path) -> Option<PathBuf> {
    let target = match purpose {
        PathPurpose::SaveAs => typed.to_path_buf(),
        PathPurpose::Export(t) => export_target::with_extension(typed.to_path_buf(), t),
        PathPurpose::Open | PathPurpose::CompareWith | PathPurpose::CarryFrom => return None,
    };
    target.is_file().then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ExportFormat;
    use crate::ui::export_target::ExportTarget;

    #[test]
    fn the_field_starts_with_what_a_dialog_would_propose() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let report = dir.path().join("湛江_2022.txt");
        let older = dir.path().join("湛江_2020.txt");
        std::fs::write(&report, "x").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&older, "x").unwrap_or_else(|e| panic!("{e}"));
        let target = ExportTarget::Assessment(ExportFormat::Docx);
        let suggested = export_target::suggested_path(&report, target, None, crate::i18n::Lang::Zh);
        let export = DialogRequest::Export {
            title: String::new(),
            suggested: suggested.clone(),
            target,
        };
        assert_eq!(
            prefill(&export, Some(&report), Some(2022)),
            dir.path()
                .join("湛江_2022_审查意见.docx")
                .display()
                .to_string()
        );
        let compare = DialogRequest::OpenOlder {
            title: String::new(),
            suggested: None,
        };
        assert_eq!(
            prefill(&compare, Some(&report), Some(2022)),
            older.display().to_string(),
            "the same unit's 2020 report, 2021 being absent"
        );
        assert!(prefill(&compare, Some(&report), Some(2019)).ends_with(std::path::MAIN_SEPARATOR));

        // Replacing asks; a new name does not.
        std::fs::write(&suggested, "old").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            would_replace(PathPurpose::Export(target), &suggested),
            Some(suggested.clone())
        );
        let typed_without_extension = suggested.with_extension("");
        assert_eq!(
            would_replace(PathPurpose::Export(target), &typed_without_extension),
            Some(suggested),
            "the extension the export adds is taken into account"
        );
        assert_eq!(
            would_replace(PathPurpose::Export(target), &dir.path().join("新.docx")),
            None
        );
        assert_eq!(would_replace(PathPurpose::Open, &older), None);
    }
}
