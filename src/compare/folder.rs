//! The same unit's other reports in a report's folder, the choices the
//! comparison picker offers: each file beside the report is read and its
//! unit and year taken from [`crate::structure::metadata`] (what the text
//! says, not the file name), and the years between the nearest earlier
//! report and this one that have no report in the folder are named.

use std::path::{Path, PathBuf};

use crate::document::LoadOptions;

/// Files beside the report read at most (those whose names are most like
/// the report's first): a folder of a thousand submissions is the inbox's
/// job, not the picker's.
pub const MAX_FOLDER_FILES: usize = 40;

/// One report of the same unit in another year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameUnitReport {
    /// The file.
    pub path: PathBuf,
    /// Its year, as its text states it.
    pub year: i32,
}

/// The same unit's other reports in a folder, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SameUnitReports {
    /// The report they are of.
    pub report: PathBuf,
    /// Its year.
    pub year: i32,
    /// The other years' reports, newest first.
    pub reports: Vec<SameUnitReport>,
}

impl SameUnitReports {
    /// The earlier years' reports, newest first (the comparison's choices).
    pub fn earlier(&self) -> impl Iterator<Item = &SameUnitReport> {
        self.reports.iter().filter(|r| r.year < self.year)
    }

    /// The nearest earlier report, the one a comparison starts with.
    pub fn nearest_earlier(&self) -> Option<&SameUnitReport> {
        self.earlier().next()
    }

    /// The years after `older` and before this report's with no report in
    /// the folder: what comparing with `older` skips unseen.
    pub fn missing_between(&self, older: i32) -> Vec<i32> {
        (older + 1..self.year)
            .filter(|y| !self.reports.iter().any(|r| r.year == *y))
            .collect()
    }
}

/// The reports of `unit` other than `report` (of `year`) in `report`'s
/// folder: files with a report extension beside it (not below it), read
/// with `options`, kept when their text names the same unit and another
/// year. Files that cannot be read are left out.
pub fn same_unit_reports(
    report: &Path,
    unit: &str,
    year: i32,
    options: &LoadOptions,
) -> SameUnitReports {
    let mut out = SameUnitReports {
        report: report.to_path_buf(),
        year,
        reports: Vec::new(),
    };
    let Some(folder) = report.parent() else {
        return out;
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return out;
    };
    let this = report
        .canonicalize()
        .unwrap_or_else(|_| report.to_path_buf());
    let name = file_name(report);
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && crate::inbox::discover::is_report_file(p))
        .filter(|p| p.canonicalize().unwrap_or_else(|_| p.clone()) != this)
        .collect();
    // Names most like the report's first ("…_2022.txt" / "…_2020.txt").
    files.sort_by(|a, b| {
        let (na, nb) = (file_name(a), file_name(b));
        common_prefix(&nb, &name)
            .cmp(&common_prefix(&na, &name))
            .then(na.cmp(&nb))
    });
    files.truncate(MAX_FOLDER_FILES);
    for path in files {
        let Ok(doc) = crate::document::open(&path, options) else {
            continue;
        };
        let meta = &doc.structure.metadata;
        if let (Some(u), Some(y)) = (meta.unit.as_deref(), meta.year)
            && u == unit
            && y != year
        {
            out.reports.push(SameUnitReport { path, year: y });
        }
    }
    out.reports
        .sort_by(|a, b| b.year.cmp(&a.year).then(a.path.cmp(&b.path)));
    out
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        p
    }

    fn report(unit: &str, year: i32) -> String {
        format!(
            "{unit}{year}年法治政府建设年度报告\n一、主要举措和成效\n深化“放管服”改革。\n二、存在的不足和原因\n法治宣传不够深入。\n"
        )
    }

    #[test]
    fn finds_the_units_other_years_by_their_text_and_names_a_missing_year() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let d = dir.path();
        let this = write(d, "a.txt", &report("湛江经济技术开发区", 2022));
        // Names say nothing; the texts say unit and year.
        let y2020 = write(d, "材料一.txt", &report("湛江经济技术开发区", 2020));
        let y2019 = write(d, "old.txt", &report("湛江经济技术开发区", 2019));
        write(d, "霞山区.txt", &report("湛江市霞山区", 2021));
        write(d, "notes.md", &report("湛江经济技术开发区", 2021));
        write(d, "a.shenyue.ron", "(x)");
        let found = same_unit_reports(&this, "湛江经济技术开发区", 2022, &LoadOptions::default());
        let got: Vec<(&Path, i32)> = found
            .reports
            .iter()
            .map(|r| (r.path.as_path(), r.year))
            .collect();
        assert_eq!(got, [(y2020.as_path(), 2020), (y2019.as_path(), 2019)]);
        assert_eq!(found.nearest_earlier().map(|r| r.year), Some(2020));
        assert_eq!(found.missing_between(2020), [2021]);
        assert_eq!(found.missing_between(2019), [2021], "2020 is there");
        assert!(found.missing_between(2021).is_empty());
    }

    #[test]
    fn a_lone_report_has_no_choices() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let this = write(dir.path(), "a.txt", &report("湛江经济技术开发区", 2022));
        let found = same_unit_reports(&this, "湛江经济技术开发区", 2022, &LoadOptions::default());
        assert!(found.reports.is_empty());
        assert!(found.nearest_earlier().is_none());
    }
}
