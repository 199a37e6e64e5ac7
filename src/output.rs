//! The one guard for every file Shenyue writes on a user's say-so (`check
//! -o`, `compare -o`, `batch -o`, `export -o`, `points -o`, Save As, Export):
//! an output must never replace one of the command's own inputs (the report,
//! the older report, the assessment, a work-point or framework file), however
//! its path is spelled (relative or absolute, `..`, a symlink, a hard link).
//!
//! Writing itself is [`crate::atomic`]'s concern; this module only decides
//! whether a target may be written.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// Why an output target was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    /// The target is one of the command's inputs.
    #[error(
        "{}: refusing to write here: this is the input {}; choose another output file",
        output.display(),
        input.display()
    )]
    IsInput {
        /// The target as given.
        output: PathBuf,
        /// The input it would replace, as given.
        input: PathBuf,
    },
    /// The target is an assessment file, its backup or its autosave, and the
    /// command does not write assessments.
    #[error(
        "{}: refusing to write here: this is an assessment file (a reviewer's work); choose another output file",
        path.display()
    )]
    IsAssessment {
        /// The target as given.
        path: PathBuf,
    },
}

impl OutputError {
    /// One line in the user's language: which file, what is wrong, what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (OutputError::IsInput { output, input }, Lang::Zh) => format!(
                "{}：不能写到这里：这是本次输入的文件 {}，写入会覆盖它；请换一个输出文件名",
                output.display(),
                input.display()
            ),
            (OutputError::IsAssessment { path }, Lang::Zh) => format!(
                "{}：不能写到这里：这是审阅记录文件（审阅人的工作），写入会覆盖它；请换一个输出文件名",
                path.display()
            ),
        }
    }
}

/// Refuses `output` when it is the same file as any of `inputs`.
pub fn guard_output(output: &Path, inputs: &[&Path]) -> Result<(), OutputError> {
    let target = Resolved::new(output);
    for input in inputs {
        if target.same_file(&Resolved::new(input)) {
            return Err(OutputError::IsInput {
                output: output.to_path_buf(),
                input: input.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// Like [`guard_output`], and also refuses any assessment file (`*.ron` of
/// an assessment, its `.bak` or `.autosave`): for commands that write
/// something else (exports, comparisons, tables).
pub fn guard_non_assessment_output(output: &Path, inputs: &[&Path]) -> Result<(), OutputError> {
    if crate::assessment::is_assessment_file(output) {
        return Err(OutputError::IsAssessment {
            path: output.to_path_buf(),
        });
    }
    guard_output(output, inputs)
}

/// A path made comparable: canonical when the file exists (symlinks and
/// `..` resolved), else its canonical folder joined with its name, else the
/// absolute path; plus the file's identity where the platform has one.
struct Resolved {
    path: PathBuf,
    #[cfg(unix)]
    identity: Option<(u64, u64)>,
}

impl Resolved {
    fn new(path: &Path) -> Resolved {
        let canonical = path.canonicalize().ok().or_else(|| {
            let name = path.file_name()?;
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            let parent = parent.unwrap_or(Path::new("."));
            Some(parent.canonicalize().ok()?.join(name))
        });
        let path = canonical
            .or_else(|| std::path::absolute(path).ok())
            .unwrap_or_else(|| path.to_path_buf());
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(&path).ok().map(|m| (m.dev(), m.ino()))
        };
        Resolved {
            path,
            #[cfg(unix)]
            identity,
        }
    }

    fn same_file(&self, other: &Resolved) -> bool {
        #[cfg(unix)]
        if let (Some(a), Some(b)) = (self.identity, other.identity) {
            return a == b;
        }
        same_spelling(&self.path, &other.path)
    }
}

/// Path equality; case-insensitive where the file system usually is.
fn same_spelling(a: &Path, b: &Path) -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
    } else {
        a == b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_an_input_is_refused() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let report = dir.path().join("报告.txt");
        std::fs::write(&report, "正文")?;
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub)?;
        let dotted = sub.join("..").join("报告.txt");
        assert!(guard_output(&report, &[&report]).is_err());
        assert!(guard_output(&dotted, &[&report]).is_err());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&report, &link)?;
            assert!(guard_output(&link, &[&report]).is_err());
            let hard = dir.path().join("hard.txt");
            std::fs::hard_link(&report, &hard)?;
            assert!(guard_output(&hard, &[&report]).is_err());
        }
        let other = dir.path().join("out.json");
        assert!(guard_output(&other, &[&report]).is_ok());
        Ok(())
    }

    #[test]
    fn the_message_names_both_files_in_each_language() {
        let e = OutputError::IsInput {
            output: "a.txt".into(),
            input: "./a.txt".into(),
        };
        assert!(e.message(Lang::Zh).contains("请换一个输出文件名"));
        assert!(e.message(Lang::En).contains("choose another output file"));
        assert!(e.message(Lang::En).contains("./a.txt"));
    }

    #[test]
    fn assessment_files_are_refused_for_other_outputs() {
        let e = guard_non_assessment_output(Path::new("r.shenyue.ron.bak"), &[]);
        assert!(matches!(e, Err(OutputError::IsAssessment { .. })), "{e:?}");
    }
}
