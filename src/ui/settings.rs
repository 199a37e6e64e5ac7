//! What persists between runs (eframe storage): language, theme, text size,
//! panels shown, recent files, the reviewer's name and the checklist filter,
//! and the commands that only change them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::command::UiCommand;
use super::review::Filter;
use super::theme;
use crate::i18n::Lang;

/// Recent files remembered.
pub const MAX_RECENT: usize = 12;

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Light.
    #[default]
    Light,
    /// Dark.
    Dark,
    /// Follow the system.
    System,
}

/// What persists between runs (eframe storage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Interface language.
    pub lang: Lang,
    /// Theme.
    pub theme: ThemeChoice,
    /// Body text size in points.
    pub text_size: f32,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Show the outline panel.
    pub show_outline: bool,
    /// Show the report information panel (under the outline).
    pub show_info: bool,
    /// Show the checklist panel.
    pub show_checklist: bool,
    /// Mark other items' evidence faintly.
    pub show_faint_evidence: bool,
    /// The reviewer's name, proposed for new assessments.
    pub reviewer: String,
    /// Checklist filter.
    pub filter: Filter,
    /// Sizes of the resizable panels, as the reviewer last left them.
    pub panels: PanelSizes,
    /// The inbox's publication deadline as last set (`04-01`, `2027-03-31`);
    /// empty for the default, 4月1日 of the next year.
    pub inbox_deadline: String,
}

/// Sizes of the splitters the reviewer drags, in points; remembered
/// between runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PanelSizes {
    /// Width of the left panel (outline and information).
    pub left: f32,
    /// Width of the checklist panel on the right.
    pub right: f32,
    /// Height of the checklist's item list, above the selected item.
    pub checklist_list: f32,
}

impl Default for PanelSizes {
    fn default() -> Self {
        Self {
            left: 260.0,
            right: 420.0,
            checklist_list: 300.0,
        }
    }
}

impl PanelSizes {
    /// Smallest height of the checklist's item list (a few rows).
    pub const MIN_LIST: f32 = 80.0;

    /// A size read from disk made usable: finite and not below the smallest
    /// size (a bad value would hide a panel).
    pub fn sane(self) -> Self {
        let d = Self::default();
        let fix = |v: f32, min: f32, dflt: f32| if v.is_finite() && v >= min { v } else { dflt };
        Self {
            left: fix(self.left, 120.0, d.left),
            right: fix(self.right, 200.0, d.right),
            checklist_list: fix(self.checklist_list, Self::MIN_LIST, d.checklist_list),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::Zh,
            theme: ThemeChoice::Light,
            text_size: theme::DEFAULT_TEXT_SIZE,
            recent: Vec::new(),
            show_outline: true,
            show_info: true,
            show_checklist: true,
            show_faint_evidence: true,
            reviewer: String::new(),
            filter: Filter::All,
            panels: PanelSizes::default(),
            inbox_deadline: String::new(),
        }
    }
}

impl Settings {
    /// The settings to start with: the saved ones — the reviewer's own
    /// choices, language included — or, on the first start with nothing
    /// saved, the defaults in the system's language (`system`, from
    /// `SHENYUE_LANG`, then `LANG`: see [`Lang::from_env`]).
    pub fn at_start(saved: Option<Settings>, system: Lang) -> Settings {
        let mut s = saved.unwrap_or_else(|| Settings {
            lang: system,
            ..Settings::default()
        });
        s.panels = s.panels.sane();
        s
    }

    /// Sets the body text size, within the sizes offered.
    pub fn set_text_size(&mut self, size: f32) {
        self.text_size = size.clamp(theme::MIN_TEXT_SIZE, theme::MAX_TEXT_SIZE);
    }

    /// Carries out a command that only changes the settings; false for any
    /// other command.
    pub fn run(&mut self, c: UiCommand) -> bool {
        match c {
            UiCommand::TextBigger => self.set_text_size(self.text_size + 1.0),
            UiCommand::TextSmaller => self.set_text_size(self.text_size - 1.0),
            UiCommand::TextReset => self.text_size = theme::DEFAULT_TEXT_SIZE,
            UiCommand::ToggleTheme => {
                self.theme = match self.theme {
                    ThemeChoice::Dark => ThemeChoice::Light,
                    ThemeChoice::Light | ThemeChoice::System => ThemeChoice::Dark,
                };
            }
            UiCommand::ToggleOutline => self.show_outline ^= true,
            UiCommand::ToggleInfo => self.show_info ^= true,
            UiCommand::ToggleChecklist => self.show_checklist ^= true,
            UiCommand::ToggleFaintEvidence => self.show_faint_evidence ^= true,
            _ => return false,
        }
        true
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_start_speaks_the_system_language_later_starts_the_choice() {
        assert_eq!(Settings::at_start(None, Lang::En).lang, Lang::En);
        assert_eq!(Settings::at_start(None, Lang::Zh).lang, Lang::Zh);
        let chosen = Settings {
            lang: Lang::Zh,
            ..Settings::default()
        };
        assert_eq!(
            Settings::at_start(Some(chosen), Lang::En).lang,
            Lang::Zh,
            "a saved choice wins over the system"
        );
        let mut broken = Settings::default();
        broken.panels.right = f32::NAN;
        assert_eq!(
            Settings::at_start(Some(broken), Lang::Zh).panels.right,
            PanelSizes::default().right
        );
    }

    #[test]
    fn text_size_stays_in_range_and_toggles_flip() {
        let mut s = Settings::default();
        for _ in 0..100 {
            assert!(s.run(UiCommand::TextBigger));
        }
        assert_eq!(s.text_size, theme::MAX_TEXT_SIZE);
        assert!(s.run(UiCommand::TextReset));
        assert_eq!(s.text_size, theme::DEFAULT_TEXT_SIZE);
        assert!(s.run(UiCommand::ToggleTheme));
        assert_eq!(s.theme, ThemeChoice::Dark);
        assert!(s.run(UiCommand::ToggleOutline));
        assert!(!s.show_outline);
        assert!(!s.run(UiCommand::Save), "not a settings command");
    }
}
