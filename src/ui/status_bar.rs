//! The status bar: save state ("已自动保存恢复副本 14:02 · 审阅记录有未保存的
//!更改": the autosave is a recovery copy, Save writes the assessment), progress of a job with a
//! spinner, the latest status message, the cleaning summary, the selection
//! size and the character count.

use egui::{RichText, Ui};

use super::info_panel;
use super::state::AppState;
use super::strings::T;
use super::theme::Palette;
use super::worker::Stage;

/// Draws the status bar.
pub fn show(ui: &mut Ui, state: &AppState, now: f64) {
    let lang = state.lang();
    let palette = Palette::for_dark(ui.visuals().dark_mode);
    ui.horizontal(|ui| {
        if let Some(l) = &state.loading {
            ui.spinner();
            let stage = match l.stage {
                Stage::Preparing => T::StagePreparing,
                Stage::Reading => T::StageReading,
                Stage::Analysing => T::StageAnalysing,
            };
            ui.label(format!(
                "{} {} — {}",
                T::Loading.get(lang),
                l.path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                stage.get(lang)
            ));
            ui.separator();
        }
        if let Some(r) = &state.report {
            if r.analysing.is_some() {
                ui.spinner();
                ui.label(T::StageAnalysing.get(lang));
                ui.separator();
            }
            let (text, color) = if r.dirty {
                match &r.autosaved_at {
                    Some(t) => (
                        format!("{} {t} · {}", T::Autosaved.get(lang), T::Unsaved.get(lang)),
                        palette.warn,
                    ),
                    None => (T::Unsaved.get(lang).to_string(), palette.warn),
                }
            } else {
                match &r.saved_at {
                    Some(t) => (format!("{} {t}", T::Saved.get(lang)), palette.ok),
                    None if r.stamp.is_some() => (T::Saved.get(lang).to_string(), palette.ok),
                    None => (T::NotSavedYet.get(lang).to_string(), palette.weak),
                }
            };
            ui.label(RichText::new(text).color(color))
                .on_hover_text(T::SaveStateHelp.get(lang));
            ui.separator();
            ui.label(RichText::new(info_panel::cleaning_summary(r, lang)).color(palette.weak));
            ui.separator();
            ui.label(format!("{} {}", r.doc.char_len(), T::CharsUnit.get(lang)));
            if let Some(sel) = r.view.selected_range() {
                ui.separator();
                ui.label(format!(
                    "{} {} {}",
                    T::SelectionInfo.get(lang),
                    sel.len(),
                    T::CharsUnit.get(lang)
                ));
            }
        } else if state.loading.is_none() {
            ui.label(RichText::new(T::Ready.get(lang)).color(palette.weak));
        }
        if let Some(msg) = state.status_text(now) {
            ui.separator();
            // Cut to the bar with an ellipsis, whole on hover: a long
            // message ran past the window's edge at 1000×700.
            ui.add(egui::Label::new(msg).truncate());
        }
    });
}
