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
