//! Which files of a folder are reports: every file in it and below it with
//! one of [`crate::document::REPORT_EXTENSIONS`], except assessments and
//! their companions, hidden files and folders, and the lock files Word and
//! WPS leave beside an open document (`~$报告.docx`).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Folders deeper than this below the one opened are not searched (a
/// symbolic-link loop or a huge tree cannot hang the search).
const MAX_DEPTH: usize = 12;

/// One report file found, with what tells a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// The file.
    pub path: PathBuf,
    /// Last modification (`None` when the system does not say).
    pub modified: Option<SystemTime>,
    /// Size in bytes.
    pub len: u64,
    /// Last modification of the assessment beside it, if there is one.
    pub assessment_modified: Option<SystemTime>,
}

/// True for a file name the inbox and `batch` treat as a report.
pub fn is_report_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !name.starts_with('.')
        && !name.starts_with("~$")
        && !crate::assessment::is_assessment_file(path)
        && crate::document::has_report_extension(path)
}

/// Every report file in `folder` and below it, sorted by path.
pub fn scan(folder: &Path) -> Vec<FoundFile> {
    let mut out = Vec::new();
    walk(folder, 0, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<FoundFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        // `metadata` follows a link to a file; folders reached through a
        // link are searched too, bounded by the depth.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if !hidden && depth < MAX_DEPTH {
                walk(&path, depth + 1, out);
            }
        } else if meta.is_file() && is_report_file(&path) {
            let sidecar = crate::assessment::sidecar_path(&path);
            out.push(FoundFile {
                modified: meta.modified().ok(),
                len: meta.len(),
                assessment_modified: std::fs::metadata(&sidecar).and_then(|m| m.modified()).ok(),
                path,
            });
        }
    }
}

/// The report files named by `inputs`: files as given, folders searched
/// (in them and below them); in the order given, each folder's sorted.
pub fn report_files(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            out.extend(scan(input).into_iter().map(|f| f.path));
        } else {
            out.push(input.clone());
        }
    }
    out
}

/// How the report files of a folder changed between two scans.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// New files, or files whose content or assessment changed.
    pub changed: Vec<PathBuf>,
    /// Files no longer there.
    pub removed: Vec<PathBuf>,
}

impl Changes {
    /// Between the scans `old` and `new` (both sorted by path).
    pub fn between(old: &[FoundFile], new: &[FoundFile]) -> Changes {
        let mut changes = Changes::default();
        for f in new {
            match old.binary_search_by(|o| o.path.cmp(&f.path)) {
                Ok(i) if old.get(i) == Some(f) => {}
                _ => changes.changed.push(f.path.clone()),
            }
        }
        for o in old {
            if new.binary_search_by(|f| f.path.cmp(&o.path)).is_err() {
                changes.removed.push(o.path.clone());
            }
        }
        changes
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_below_the_folder_are_found_and_companions_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("乡镇");
        std::fs::create_dir_all(sub.join(".git")).unwrap();
        for name in [
            "a.txt",
            "a.shenyue.ron",
            "a.shenyue.ron.bak",
            "~$b.docx",
            ".hidden.txt",
            "notes.md",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::write(sub.join("b.DOCX"), "x").unwrap();
        std::fs::write(sub.join(".git").join("c.txt"), "x").unwrap();
        let found: Vec<PathBuf> = scan(dir.path()).into_iter().map(|f| f.path).collect();
        assert_eq!(found, [dir.path().join("a.txt"), sub.join("b.DOCX")]);
    }

    #[test]
    fn a_new_a_changed_and_a_removed_file_are_told_apart() {
        let at = |name: &str, len: u64| FoundFile {
            path: PathBuf::from(name),
            modified: None,
            len,
            assessment_modified: None,
        };
        let old = [at("a", 1), at("b", 1), at("c", 1)];
        let new = [at("a", 1), at("b", 2), at("d", 1)];
        let c = Changes::between(&old, &new);
        assert_eq!(c.changed, [PathBuf::from("b"), PathBuf::from("d")]);
        assert_eq!(c.removed, [PathBuf::from("c")]);
        assert!(Changes::between(&new, &new).is_empty());
    }
}
