//! The top of the window: the menu bar (built from the command table), the
//! toolbar with the report's title, unit and year, the framework chooser and
//! the progress "已审 12 / 23", the find bar, and the notice banner.

use egui::{Align, RichText, Ui};

use super::actions::Action;
use super::command::UiCommand;
use super::export_target::ExportTarget;
use super::settings::ThemeChoice;
use super::state::AppState;
use super::strings::T;
use super::theme::Palette;
use crate::export::{ComparisonFormat, ExportFormat};
use crate::i18n::Lang;

/// A menu entry for a command: label, shortcut text, tooltip.
fn command_button(ui: &mut Ui, cmd: UiCommand, lang: Lang, enabled: bool, out: &mut Vec<Action>) {
    let mut button = egui::Button::new(cmd.label(lang));
    if let Some(sc) = cmd.shortcut_text() {
        button = button.shortcut_text(sc);
    }
    let resp = ui
        .add_enabled(enabled, button)
        .on_hover_text(cmd.tooltip(lang));
    if resp.clicked() {
        out.push(Action::Command(cmd));
        ui.close();
    }
}

fn command_toggle(ui: &mut Ui, cmd: UiCommand, on: bool, lang: Lang, out: &mut Vec<Action>) {
    let mut value = on;
    if ui
        .checkbox(&mut value, cmd.label(lang))
        .on_hover_text(cmd.tooltip(lang))
        .clicked()
    {
        out.push(Action::Command(cmd));
    }
}

/// Draws the menu bar.
pub fn menu_bar(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let lang = state.lang();
    let has_report = state.report.is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(T::MenuFile.get(lang), |ui| {
            command_button(ui, UiCommand::Open, lang, true, &mut out);
            command_button(ui, UiCommand::OpenPath, lang, true, &mut out);
            command_button(ui, UiCommand::OpenFolder, lang, true, &mut out);
            ui.menu_button(T::MenuRecent.get(lang), |ui| {
                if state.settings.recent.is_empty() {
                    ui.label(T::NoRecent.get(lang));
                }
                for p in &state.settings.recent {
                    let name = p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(p.display().to_string())
                        .clicked()
                    {
                        out.push(Action::Open(p.clone()));
                        ui.close();
                    }
                }
                if !state.settings.recent.is_empty() {
                    ui.separator();
                    if ui.button(T::ClearRecent.get(lang)).clicked() {
                        out.push(Action::ClearRecent);
                        ui.close();
                    }
                }
            });
            ui.separator();
            command_button(ui, UiCommand::Save, lang, has_report, &mut out);
            command_button(ui, UiCommand::SaveAs, lang, has_report, &mut out);
            command_button(ui, UiCommand::CloseReport, lang, has_report, &mut out);
            ui.separator();
            command_button(ui, UiCommand::Quit, lang, true, &mut out);
        });
        ui.menu_button(T::MenuEdit.get(lang), |ui| {
            let (undo, redo) = state
                .report
                .as_ref()
                .map_or((false, false), |r| (r.undo.can_undo(), r.undo.can_redo()));
            command_button(ui, UiCommand::Undo, lang, undo, &mut out);
            command_button(ui, UiCommand::Redo, lang, redo, &mut out);
            ui.separator();
            let selected = state
                .report
                .as_ref()
                .is_some_and(|r| r.view.selected_range().is_some());
            command_button(ui, UiCommand::Copy, lang, selected, &mut out);
            command_button(ui, UiCommand::Find, lang, has_report, &mut out);
            command_button(ui, UiCommand::FindNext, lang, has_report, &mut out);
            command_button(ui, UiCommand::FindPrev, lang, has_report, &mut out);
        });
        ui.menu_button(T::MenuReview.get(lang), |ui| {
            for cmd in [
                UiCommand::NextItem,
                UiCommand::PrevItem,
                UiCommand::VerdictMet,
                UiCommand::VerdictPartlyMet,
                UiCommand::VerdictNotMet,
                UiCommand::VerdictNotApplicable,
                UiCommand::VerdictUnreviewed,
                UiCommand::NextEvidence,
                UiCommand::PrevEvidence,
                UiCommand::Annotate,
                UiCommand::LinkSelection,
            ] {
                command_button(ui, cmd, lang, has_report, &mut out);
            }
            ui.separator();
            command_button(ui, UiCommand::CompareWith, lang, has_report, &mut out);
            let has_comparison = has_report && state.comparison.active.is_some();
            command_button(
                ui,
                UiCommand::ShowComparison,
                lang,
                has_comparison,
                &mut out,
            );
            command_button(ui, UiCommand::StartFromLastYear, lang, has_report, &mut out);
        });
        ui.menu_button(T::MenuExport.get(lang), |ui| {
            export_entries(ui, state, &mut out);
        });
        ui.menu_button(T::MenuView.get(lang), |ui| {
            command_toggle(
                ui,
                UiCommand::ToggleOutline,
                state.settings.show_outline,
                lang,
                &mut out,
            );
            command_toggle(
                ui,
                UiCommand::ToggleInfo,
                state.settings.show_info,
                lang,
                &mut out,
            );
            command_toggle(
                ui,
                UiCommand::ToggleChecklist,
                state.settings.show_checklist,
                lang,
                &mut out,
            );
            command_toggle(
                ui,
                UiCommand::ToggleFaintEvidence,
                state.settings.show_faint_evidence,
                lang,
                &mut out,
            );
            ui.separator();
            command_button(ui, UiCommand::TextBigger, lang, true, &mut out);
            command_button(ui, UiCommand::TextSmaller, lang, true, &mut out);
            command_button(ui, UiCommand::TextReset, lang, true, &mut out);
            ui.separator();
            ui.menu_button(T::MenuTheme.get(lang), |ui| {
                for (t, label) in [
                    (ThemeChoice::Light, T::ThemeLight),
                    (ThemeChoice::Dark, T::ThemeDark),
                    (ThemeChoice::System, T::ThemeSystem),
                ] {
                    if ui
                        .add(egui::Button::selectable(
                            state.settings.theme == t,
                            label.get(lang),
                        ))
                        .clicked()
                    {
                        out.push(Action::SetTheme(t));
                        ui.close();
                    }
                }
            });
            ui.menu_button(T::MenuLanguage.get(lang), |ui| {
                for (l, label) in [(Lang::Zh, T::ZhName), (Lang::En, T::EnName)] {
                    if ui
                        .add(egui::Button::selectable(lang == l, label.get(lang)))
                        .clicked()
                    {
                        out.push(Action::SetLang(l));
                        ui.close();
                    }
                }
            });
        });
        ui.menu_button(T::MenuHelp.get(lang), |ui| {
            command_button(ui, UiCommand::Shortcuts, lang, true, &mut out);
        });
    });
    out
}

/// Most of the toolbar the frameworks button may take with its full label.
const FRAMEWORKS_SHARE: f32 = 0.3;

/// Draws the toolbar under the menu: report identity, frameworks, progress.
pub fn toolbar(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let lang = state.lang();
    let palette = Palette::for_dark(ui.visuals().dark_mode);
    let Some(r) = &state.report else {
        return out;
    };
    ui.horizontal(|ui| {
        // The buttons on the right first; the title and subtitle take the
        // room left and are cut short (full text on hover) in a narrow
        // window, so nothing overlaps.
        let meta = &r.doc.structure.metadata;
        let title = meta
            .title
            .clone()
            .unwrap_or_else(|| r.doc.source.name.clone());
        let mut bits = Vec::new();
        if let Some(u) = &meta.unit {
            bits.push(u.clone());
        }
        if let Some(y) = meta.year {
            bits.push(
                lang.pick(&format!("{y}年度"), &format!("year {y}"))
                    .to_string(),
            );
        }
        let subtitle = bits.join(" · ");
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            let (done, total) = r.progress();
            ui.label(RichText::new(format!("{} {done} / {total}", T::Reviewed.get(lang))).strong());
            ui.separator();
            let chosen: Vec<String> = r
                .frameworks
                .iter()
                .map(|f| super::checklist::framework_label(r, &f.id, lang))
                .collect();
            let label = if chosen.is_empty() {
                T::Frameworks.get(lang).to_string()
            } else {
                chosen.join(" + ")
            };
            let full = format!("{}: {label}", T::Frameworks.get(lang));
            // In a narrow window (or in English, whose names are longer)
            // the frameworks button gives way to the report's title: it
            // says how many are chosen, and names them on hover.
            let full_width = super::theme::button_text_width(ui, &full);
            let shown = if full_width <= ui.available_width() * FRAMEWORKS_SHARE {
                full.clone()
            } else {
                format!("{} ({})", T::Frameworks.get(lang), chosen.len())
            };
            ui.menu_button(shown, |ui| {
                for (id, name) in &r.available {
                    let mut on = r.frameworks.iter().any(|f| &f.id == id);
                    if ui.checkbox(&mut on, format!("{id} {name}")).clicked() {
                        out.push(Action::ToggleFramework(id.clone()));
                    }
                }
            })
            .response
            .on_hover_text(full);
            if r.analysing.is_some() {
                ui.spinner();
            }
            if state.comparison.pending.is_some() {
                ui.spinner();
                ui.label(T::Comparing.get(lang));
            }
            // In the comparison view its own header has these buttons.
            if !state.comparing() {
                ui.separator();
                if state.comparison.active.is_some() {
                    if ui
                        .button(UiCommand::ShowComparison.label(lang))
                        .on_hover_text(UiCommand::ShowComparison.tooltip(lang))
                        .clicked()
                    {
                        out.push(Action::Command(UiCommand::ShowComparison));
                    }
                } else {
                    super::compare_view::picker(
                        ui,
                        &state.comparison,
                        &r.report_path,
                        lang,
                        &mut out,
                    );
                }
            }
            ui.with_layout(egui::Layout::left_to_right(Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(&title).strong()).truncate())
                    .on_hover_text(&title);
                if !subtitle.is_empty() {
                    ui.add(
                        egui::Label::new(RichText::new(&subtitle).color(palette.weak)).truncate(),
                    )
                    .on_hover_text(&subtitle);
                }
            });
        });
    });
    out
}

/// Draws the find bar.
pub fn find_bar(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let lang = state.lang();
    let s = &state.search;
    ui.horizontal(|ui| {
        let label = ui.label(T::Search.get(lang));
        let mut query = s.query.clone();
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .id_salt("search_field")
                    .hint_text(T::SearchHint.get(lang))
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        if s.focus {
            resp.request_focus();
        }
        if resp.changed() {
            out.push(Action::SetSearch(query));
        }
        if resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(Action::Command(if back {
                UiCommand::FindPrev
            } else {
                UiCommand::FindNext
            }));
            resp.request_focus();
        }
        let count = match (s.current, s.hits.len()) {
            (_, 0) if !s.query.trim().is_empty() => T::SearchNone.get(lang).to_string(),
            (_, 0) => String::new(),
            (Some(c), n) => format!("{} / {n}", c + 1),
            (None, n) => format!("{n}"),
        };
        ui.label(count);
        if ui
            .button(T::SearchPrev.get(lang))
            .on_hover_text(UiCommand::FindPrev.shortcut_text().unwrap_or_default())
            .clicked()
        {
            out.push(Action::Command(UiCommand::FindPrev));
        }
        if ui
            .button(T::SearchNext.get(lang))
            .on_hover_text(UiCommand::FindNext.shortcut_text().unwrap_or_default())
            .clicked()
        {
            out.push(Action::Command(UiCommand::FindNext));
        }
        if ui.button(T::SearchClose.get(lang)).clicked() {
            out.push(Action::Command(UiCommand::Escape));
        }
    });
    out
}

/// Draws the notice banner, if there is one.
pub fn notice(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let lang = state.lang();
    let palette = Palette::for_dark(ui.visuals().dark_mode);
    if let Some(n) = &state.notice {
        ui.horizontal(|ui| {
            ui.label(RichText::new("⚠").color(palette.error));
            ui.add(egui::Label::new(RichText::new(n.message(lang)).color(palette.error)).wrap());
            if ui.button(T::Dismiss.get(lang)).clicked() {
                out.push(Action::DismissNotice);
            }
        });
    }
    out
}

fn export_entry(ui: &mut Ui, cmd: UiCommand, lang: Lang, enabled: bool, out: &mut Vec<Action>) {
    if ui
        .add_enabled(enabled, egui::Button::new(cmd.label(lang)))
        .on_hover_text(cmd.tooltip(lang))
        .on_disabled_hover_text(cmd.tooltip(lang))
        .clicked()
    {
        out.push(Action::Command(cmd));
        ui.close();
    }
}

/// The entries of the 导出 menu.
fn export_entries(ui: &mut Ui, state: &AppState, out: &mut Vec<Action>) {
    let lang = state.lang();
    let has_report = state.report.is_some();
    for f in ExportFormat::all() {
        export_entry(
            ui,
            ExportTarget::Assessment(f).command(),
            lang,
            has_report,
            out,
        );
    }
    ui.separator();
    let has_comparison = state.comparison.active.is_some();
    for f in ComparisonFormat::all() {
        export_entry(
            ui,
            ExportTarget::Comparison(f).command(),
            lang,
            has_comparison,
            out,
        );
    }
}
