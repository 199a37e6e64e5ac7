//! The one error type of the assessment module: everything that can go wrong
//! while turning an [`Assessment`](super::Assessment) into text, reading it
//! back, or keeping it on disk.
//!
//! Each message is one English line that names the file, says what is wrong
//! and what to do; the UI localises by variant (see [`AssessmentError::kind`]).

use std::path::PathBuf;

/// Why an assessment could not be serialised, parsed, loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum AssessmentError {
    /// The file (or its folder) does not exist.
    #[error("{} does not exist; check the path or choose another file", path.display())]
    NotFound {
        /// The missing file.
        path: PathBuf,
    },
    /// Any other input/output failure (permissions, full disk, …).
    #[error("could not {action} {}: {}", path.display(), crate::i18n::io_cause(source, crate::i18n::Lang::En))]
    Io {
        /// The file being read or written.
        path: PathBuf,
        /// What we were doing, as a verb phrase ("read", "write the temporary file for").
        action: &'static str,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not a well-formed assessment.
    #[error("{}:{line}:{col}: not a valid Shenyue assessment ({message}); fix the file in a text editor or open its .bak copy", path.display())]
    Parse {
        /// The file (or source name) that was parsed.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        col: usize,
        /// The parser's description.
        message: String,
    },
    /// The file declares a schema version this build does not know.
    #[error("{} was made by a newer Shenyue (schema version {found}, this version reads up to {supported}); update Shenyue to open it", path.display())]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The version written in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file is larger than any assessment could reasonably be.
    #[error("{} is {len} bytes, more than the {max}-byte limit for an assessment; check that this is the right file", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        len: u64,
        /// The limit.
        max: u64,
    },
    /// The file is not UTF-8 text.
    #[error("{} is not UTF-8 text (invalid bytes on line {line}); open its .bak copy or re-save it as UTF-8", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
    },
    /// Someone else changed the file since we last read or wrote it; nothing was written.
    #[error("{} was changed on disk by another program or reviewer since it was opened; nothing was saved: reload it, or save under another name", path.display())]
    ChangedOnDisk {
        /// The file that changed.
        path: PathBuf,
    },
    /// The assessment could not be turned into RON or JSON (a bug, or a NaN where JSON needs a number).
    #[error(
        "could not serialise the assessment as {format}: {message}; please report this as a bug"
    )]
    Serialize {
        /// "RON" or "JSON".
        format: &'static str,
        /// The serialiser's description.
        message: String,
    },
}

impl AssessmentError {
    /// One line in the user's language: which file, what is wrong, what to do.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let e = self;
        if lang == crate::i18n::Lang::En {
            return e.to_string();
        }
        let file = e
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        match e {
            AssessmentError::NotFound { .. } => format!("{file} 不存在，请检查路径"),
            AssessmentError::Io { source, action, .. } => {
                let verb = match *action {
                    "open" | "read" => "无法读取",
                    "delete" => "无法删除",
                    _ => "无法保存",
                };
                format!(
                    "{verb} {file}：{}",
                    crate::i18n::io_cause(source, crate::i18n::Lang::Zh)
                )
            }
            AssessmentError::Parse { line, col, .. } => format!(
                "{file} 第 {line} 行第 {col} 列不是有效的审阅记录；可用文本编辑器修正，或打开其 .bak 备份"
            ),
            AssessmentError::NewerSchema { .. } => {
                format!("{file} 由更新版本的审阅软件创建，请升级后再打开")
            }
            AssessmentError::TooLarge { .. } => format!("{file} 过大，不像是审阅记录，请确认文件"),
            AssessmentError::NotUtf8 { .. } => {
                format!("{file} 不是 UTF-8 文本；请打开其 .bak 备份或另存为 UTF-8")
            }
            AssessmentError::ChangedOnDisk { .. } => {
                format!("{file} 在打开后被其他程序或审阅人修改，未保存；请重新载入或另存为")
            }
            AssessmentError::Serialize { message, .. } => {
                format!("无法写出审阅记录（{message}），这是程序错误，请报告")
            }
        }
    }

    /// Stable machine name of the variant, for localisation and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            AssessmentError::NotFound { .. } => "not_found",
            AssessmentError::Io { .. } => "io",
            AssessmentError::Parse { .. } => "parse",
            AssessmentError::NewerSchema { .. } => "newer_schema",
            AssessmentError::TooLarge { .. } => "too_large",
            AssessmentError::NotUtf8 { .. } => "not_utf8",
            AssessmentError::ChangedOnDisk { .. } => "changed_on_disk",
            AssessmentError::Serialize { .. } => "serialize",
        }
    }

    /// The file the error is about, if it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            AssessmentError::NotFound { path }
            | AssessmentError::Io { path, .. }
            | AssessmentError::Parse { path, .. }
            | AssessmentError::NewerSchema { path, .. }
            | AssessmentError::TooLarge { path, .. }
            | AssessmentError::NotUtf8 { path, .. }
            | AssessmentError::ChangedOnDisk { path } => Some(path),
            AssessmentError::Serialize { .. } => None,
        }
    }

    /// An [`AssessmentError::Io`] of a write: a missing file or folder is
    /// the folder being gone ("文件夹不存在或已被移走"), not a file to look for.
    pub(crate) fn write_io(
        path: &std::path::Path,
        action: &'static str,
        source: std::io::Error,
    ) -> Self {
        AssessmentError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// An [`AssessmentError::Io`] of a read, or [`AssessmentError::NotFound`]
    /// when the OS says the file is missing.
    pub(crate) fn io(path: &std::path::Path, action: &'static str, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::NotFound {
            AssessmentError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            AssessmentError::Io {
                path: path.to_path_buf(),
                action,
                source,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_never_reach_the_reviewer_raw() {
        // What tempfile reports: the OS's English text and the temp file.
        let source = std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "Permission denied (os error 13) at path /w/.out.ron.95sOlm.tmp",
        );
        let e = AssessmentError::io(std::path::Path::new("/w/out.ron"), "write", source);
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            let m = e.message(lang);
            assert!(m.contains("/w/out.ron"), "{m}");
            assert!(!m.contains(".tmp") && !m.contains("os error"), "{m}");
        }
        assert!(e.message(crate::i18n::Lang::Zh).contains("没有写入权限"));
        assert!(
            e.message(crate::i18n::Lang::En)
                .contains("permission denied")
        );
    }

    #[test]
    fn messages_are_one_line_and_name_the_file() {
        let errors = [
            AssessmentError::NotFound {
                path: "a.shenyue.ron".into(),
            },
            AssessmentError::io(
                std::path::Path::new("a.shenyue.ron"),
                "read",
                std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            ),
            AssessmentError::Parse {
                path: "a.shenyue.ron".into(),
                line: 3,
                col: 7,
                message: "x".into(),
            },
            AssessmentError::NewerSchema {
                path: "a.shenyue.ron".into(),
                found: 9,
                supported: 1,
            },
            AssessmentError::TooLarge {
                path: "a.shenyue.ron".into(),
                len: 9,
                max: 1,
            },
            AssessmentError::NotUtf8 {
                path: "a.shenyue.ron".into(),
                line: 2,
            },
            AssessmentError::ChangedOnDisk {
                path: "a.shenyue.ron".into(),
            },
        ];
        for e in &errors {
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "{msg}");
            assert!(msg.contains("a.shenyue.ron"), "{msg}");
            assert_eq!(e.path(), Some(std::path::Path::new("a.shenyue.ron")));
        }
        let kinds: Vec<_> = errors.iter().map(AssessmentError::kind).collect();
        assert_eq!(
            kinds,
            [
                "not_found",
                "io",
                "parse",
                "newer_schema",
                "too_large",
                "not_utf8",
                "changed_on_disk"
            ]
        );
        assert!(errors[2].to_string().starts_with("a.shenyue.ron:3:7:"));
        assert!(errors[3].to_string().contains("made by a newer Shenyue"));
    }
}
