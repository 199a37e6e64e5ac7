//! Languages and the user's language choice. UI strings live in the `ui`
//! module's string table; error types render themselves per [`Lang`].

use serde::{Deserialize, Serialize};

/// A language the UI and messages speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language of the environment for the CLI: `SHENYUE_LANG`, then the
    /// usual locale variables; Chinese unless English is asked for.
    pub fn from_env() -> Lang {
        for var in ["SHENYUE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                let v = v.to_ascii_lowercase();
                if v.starts_with("en") {
                    return Lang::En;
                }
                if v.starts_with("zh") {
                    return Lang::Zh;
                }
            }
        }
        Lang::Zh
    }

    /// Picks the string for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// What went wrong with a file operation, in `lang`, with what to do: from
/// the error's kind only, so neither the OS's English text nor the path of
/// a temporary file reaches the reviewer.
pub fn io_cause(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (zh, en) = match error.kind() {
        K::NotFound => (
            "文件夹不存在或已被移走；请选择一个存在的文件夹",
            "the folder does not exist or was removed; choose a folder that exists",
        ),
        K::PermissionDenied => (
            "没有写入权限；请换一个可写的文件夹，或请管理员开放权限",
            "permission denied; choose a folder you can write to, or ask for access",
        ),
        K::ReadOnlyFilesystem => (
            "磁盘或共享文件夹是只读的；请保存到其他位置",
            "the disk or share is read-only; save somewhere else",
        ),
        K::StorageFull | K::QuotaExceeded => (
            "磁盘空间已满；请清理空间或保存到其他磁盘",
            "the disk is full; free some space or save to another disk",
        ),
        K::IsADirectory => (
            "这是一个文件夹，不是文件；请输入文件名",
            "that is a folder, not a file; give a file name",
        ),
        K::NotADirectory => (
            "路径中的某一级不是文件夹；请检查路径",
            "part of the path is not a folder; check the path",
        ),
        K::TimedOut
        | K::NotConnected
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::StaleNetworkFileHandle => (
            "网络共享暂时不可用；请检查网络后重试，或先保存到本机",
            "the network share is not available; check the connection and retry, or save locally first",
        ),
        K::FileTooLarge => (
            "文件超出磁盘允许的大小；请保存到其他磁盘",
            "the file is larger than the disk allows; save to another disk",
        ),
        K::InvalidFilename => (
            "文件名无效；请换一个文件名",
            "the file name is not valid; choose another name",
        ),
        _ => (
            "系统拒绝了这次读写；请检查文件夹是否存在、可写且有剩余空间，然后重试",
            "the system refused the operation; check that the folder exists, is writable and has free space, then retry",
        ),
    };
    lang.pick(zh, en).to_string()
}

/// `text` with its first letter capitalised, for a phrase shown as a line of
/// its own ("under heading: …" → "Under heading: …"); Chinese is unchanged.
pub fn as_sentence(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some(c) if c.is_ascii_lowercase() => {
            std::borrow::Cow::Owned(format!("{}{}", c.to_ascii_uppercase(), &text[1..]))
        }
        _ => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::as_sentence;

    #[test]
    fn a_phrase_on_its_own_line_starts_with_a_capital() {
        assert_eq!(
            as_sentence("under heading: 一、主要举措"),
            "Under heading: 一、主要举措"
        );
        assert_eq!(as_sentence("见标题：一、主要举措"), "见标题：一、主要举措");
        assert_eq!(as_sentence("Already"), "Already");
        assert_eq!(as_sentence(""), "");
    }
}
