//! The desktop workbench (egui/eframe): a report beside its checklist.
//!
//! Architecture (see `STYLE.md`): [`state::AppState`] holds everything and
//! can be driven without a window; views (`outline`, `report_view`,
//! `info_panel`, `checklist`, `top_bar`, `status_bar`, `dialogs`) only read
//! it and return [`actions::Action`]s, which [`app::ShenyueApp`] applies after
//! drawing: [`state::AppState::apply`] routes each to the handler of its
//! concern (`opening`, `navigation`, `editing`, `saving`, `comparing`, `exporting`,
//! [`settings`], [`search`]); the data they work on is in [`report`]
//! (the open report), [`settings`], [`notices`] (banner and dialogs).
//! No file of `src/ui` imports one that imports it back. Commands with labels and shortcuts come from one table
//! ([`command`]), UI strings from another ([`strings`]), colours from
//! [`theme`]. Slow work runs on [`worker`]; native dialogs sit behind
//! [`file_dialog::FileDialog`]. The year-over-year comparison (computed by
//! [`crate::compare`] on the worker) is shown by [`compare_view`] in place
//! of the panels, which also keeps its state; exports are named by
//! [`export_target`], drawn in the 导出 menu of [`top_bar`], written by
//! [`crate::export`].

pub mod actions;
pub mod app;
pub mod checklist;
pub mod command;
pub mod compare_view;
mod comparing;
pub mod dialogs;
mod editing;
pub mod export_target;
mod exporting;
pub mod file_dialog;
pub mod highlight;
pub mod inbox;
pub mod inbox_view;
mod inboxing;
pub mod info_panel;
mod navigation;
pub mod notices;
mod opening;
pub mod outline;
mod path_field;
pub mod report;
pub mod report_view;
pub mod review;
mod saving;
pub mod search;
pub mod settings;
pub mod startup;
pub mod state;
pub mod status_bar;
pub mod strings;
pub mod theme;
pub mod top_bar;
pub mod undo;
pub mod worker;

pub use actions::Action;
pub use app::ShenyueApp;
pub use settings::Settings;
pub use state::AppState;

use std::path::PathBuf;

/// The bundled Simplified Chinese font (Noto Sans SC, OFL), face 0.
pub static CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Shenyue.otf");

/// Name of the bundled font in egui's font definitions.
pub const CJK_FONT_NAME: &str = "NotoSansSC-Shenyue";

/// Installs the bundled CJK font as the fallback of both the proportional
/// and the monospace family. Call once, when the context is created (egui
/// skips a font whose name is already installed).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(egui::FontInsert::new(
        CJK_FONT_NAME,
        egui::FontData::from_static(CJK_FONT),
        vec![
            egui::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::FontPriority::Lowest,
            },
            egui::InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: egui::FontPriority::Lowest,
            },
        ],
    ));
}

/// Opens the workbench with `files` (reports or assessments; the first is
/// opened, the others are put in the recent files).
pub fn run(files: Vec<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("审阅 Shenyue")
            .with_app_id("shenyue")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    startup::install();
    let lang = crate::i18n::Lang::from_env();
    // A panic anywhere in the window's life is logged by the hook; here it
    // becomes a message instead of a silent exit.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        eframe::run_native(
            "审阅 Shenyue",
            options,
            Box::new(move |cc| Ok(Box::new(ShenyueApp::new(cc, files)))),
        )
    }));
    let failure = match outcome {
        Ok(Ok(())) => {
            startup::record("exit");
            return Ok(());
        }
        Ok(Err(e)) => match lang {
            crate::i18n::Lang::Zh => {
                format!("无法打开窗口（{e}）；请检查显示环境和显卡驱动（OpenGL）")
            }
            crate::i18n::Lang::En => format!(
                "the window could not be opened ({e}); check the display and the graphics driver (OpenGL)"
            ),
        },
        Err(_) => lang
            .pick(
                "程序内部错误，已停止",
                "Shenyue stopped after an internal error",
            )
            .to_string(),
    };
    Err(startup::report_failure(&failure, lang))
}
