//! Modal dialogs: the annotation editor, the path field (file dialog
//! fallback), the recovery offer, the unsaved-changes prompt, the
//! changed-on-disk conflict, and the F1 shortcut map. Each edits only the
//! dialog's own state and returns actions.

use egui::{Id, RichText};

use super::actions::Action;
use super::command::{UiCommand, format_shortcut};
use super::notices::{Dialog, PathPurpose};
use super::state::AppState;
use super::strings::T;
use super::theme::{self, Palette};
use crate::assessment::AnnotationColor;

/// Draws the open dialog, if any.
pub fn show(ctx: &egui::Context, state: &mut AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let lang = state.lang();
    let palette = Palette::for_dark(ctx.global_style().visuals.dark_mode);
    let waiting = state.dialog_pending();
    let quote = |range| {
        state
            .report
            .as_ref()
            .map(|r| r.doc.slice(range).chars().take(120).collect::<String>())
            .unwrap_or_default()
    };
    let saved_summary = state
        .report
        .as_ref()
        .filter(|r| r.stamp.is_some())
        .map(|r| super::review::work_summary(&r.assessment, lang));
    let mut annotation_quote = None;
    if let Some(Dialog::Annotation { range, .. }) = &state.dialog {
        annotation_quote = Some(quote(*range));
    }
    let Some(dialog) = &mut state.dialog else {
        if waiting {
            // A native dialog is open on its thread; offer the path field.
            egui::Area::new(Id::unique("dialog_waiting"))
                .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
                .show(ctx, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(T::DialogWaiting.get(lang));
                            if ui.button(T::TypePathInstead.get(lang)).clicked() {
                                out.push(Action::Command(UiCommand::OpenPath));
                            }
                        });
                    });
                });
        }
        return out;
    };
    let modal = egui::Modal::new(Id::unique("shenyue_dialog"));
    let response = modal.show(ctx, |ui| {
        ui.set_max_width(560.0);
        match dialog {
            Dialog::Annotation {
                id,
                range,
                note,
                color,
            } => {
                let title = if id.is_some() {
                    T::EditAnnotation
                } else {
                    T::NewAnnotation
                };
                ui.heading(title.get(lang));
                if let Some(q) = &annotation_quote {
                    ui.label(RichText::new(format!("“{q}”")).color(palette.weak));
                }
                let label = ui.label(T::Note.get(lang));
                let resp = ui
                    .add(
                        egui::TextEdit::multiline(note)
                            .id_salt("annotation_note")
                            .hint_text(T::NoteHint.get(lang))
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if id.is_none() && !resp.has_focus() && note.is_empty() {
                    resp.request_focus();
                }
                ui.horizontal(|ui| {
                    ui.label(T::Colour.get(lang));
                    let dark = ui.visuals().dark_mode;
                    for c in AnnotationColor::all() {
                        let name = theme::annotation_color_name(c, lang);
                        let text =
                            RichText::new(format!("■ {name}")).color(palette.annotation(c, !dark));
                        if ui
                            .add(egui::Button::selectable(*color == c, text))
                            .clicked()
                        {
                            *color = c;
                        }
                    }
                });
                ui.horizontal(|ui| {
                    if ui.button(T::Ok.get(lang)).clicked() {
                        out.push(Action::SaveAnnotation {
                            id: *id,
                            range: *range,
                            note: note.clone(),
                            color: *color,
                        });
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(Action::CloseDialog);
                    }
                    if let Some(existing) = id
                        && ui.button(T::Delete.get(lang)).clicked()
                    {
                        out.push(Action::DeleteAnnotation(*existing));
                        out.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Path {
                purpose,
                text,
                reason,
                replace,
            } => {
                let title = match purpose {
                    PathPurpose::Open => T::PathTitle,
                    PathPurpose::SaveAs => T::SavePathTitle,
                    PathPurpose::CompareWith => T::ComparePathTitle,
                    PathPurpose::CarryFrom => T::CarryPathTitle,
                    PathPurpose::Export(_) => T::ExportPathTitle,
                };
                ui.heading(title.get(lang));
                if reason.is_some() {
                    // Only our words: the system's reason (often English
                    // and technical) is in the log.
                    ui.add(
                        egui::Label::new(
                            RichText::new(T::DialogUnavailable.get(lang)).color(palette.warn),
                        )
                        .wrap(),
                    );
                }
                let label = ui.label(T::PathLabel.get(lang));
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .id_salt("path_field")
                            .hint_text(T::PathHint.get(lang))
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if resp.changed() {
                    *replace = None;
                }
                if replace.is_none() && !resp.has_focus() && !resp.lost_focus() {
                    resp.request_focus();
                }
                let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if let Some(existing) = replace.clone() {
                    // Asked once: replace the file, or choose another name.
                    let name = existing
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    ui.add(
                        egui::Label::new(
                            RichText::new(match lang {
                                crate::i18n::Lang::Zh => {
                                    format!("“{name}”已存在。要替换它吗？原文件的内容将丢失。")
                                }
                                crate::i18n::Lang::En => format!(
                                    "“{name}” already exists. Replace it? Its contents will be lost."
                                ),
                            })
                            .color(palette.warn),
                        )
                        .wrap(),
                    );
                    ui.horizontal(|ui| {
                        if ui.button(T::Replace.get(lang)).clicked() {
                            out.push(Action::PathEntered(existing.clone()));
                        }
                        if ui.button(T::ChooseOtherName.get(lang)).clicked() {
                            *replace = None;
                        }
                        if ui.button(T::Cancel.get(lang)).clicked() {
                            out.push(Action::CloseDialog);
                        }
                    });
                } else {
                    ui.horizontal(|ui| {
                        let ok = ui.button(T::Ok.get(lang)).clicked() || enter;
                        if ok && !text.trim().is_empty() {
                            let typed = std::path::PathBuf::from(text.trim());
                            match super::path_field::would_replace(*purpose, &typed) {
                                Some(existing) => *replace = Some(existing),
                                None => out.push(Action::PathEntered(typed)),
                            }
                        }
                        if ui.button(T::Cancel.get(lang)).clicked() {
                            out.push(Action::CloseDialog);
                        }
                    });
                }
            }
            Dialog::Recovery(rec) => {
                ui.heading(T::RecoveryTitle.get(lang));
                ui.add(egui::Label::new(T::RecoveryBody.get(lang)).wrap());
                ui.label(
                    RichText::new(format!(
                        "{} {}",
                        T::AutosavedAt.get(lang),
                        local(rec.autosaved)
                    ))
                    .color(palette.weak),
                );
                // What restoring would bring back, beside what is saved.
                ui.label(format!(
                    "{}{}{}",
                    T::RecoveryHolds.get(lang),
                    lang.pick("：", ": "),
                    crate::ui::review::work_summary(&rec.assessment, lang)
                ));
                if let Some(saved) = rec.saved {
                    ui.label(
                        RichText::new(format!("{} {}", T::SavedAt.get(lang), local(saved)))
                            .color(palette.weak),
                    );
                }
                if let Some(summary) = &saved_summary {
                    ui.label(
                        RichText::new(format!(
                            "{}{}{summary}",
                            T::SavedHolds.get(lang),
                            lang.pick("：", ": ")
                        ))
                        .color(palette.weak),
                    );
                }
                ui.horizontal(|ui| {
                    if ui.button(T::RecoveryRestore.get(lang)).clicked() {
                        out.push(Action::Recover(true));
                    }
                    if ui.button(T::RecoveryDiscard.get(lang)).clicked() {
                        out.push(Action::Recover(false));
                    }
                });
            }
            Dialog::Unsaved(_) => {
                ui.heading(T::UnsavedTitle.get(lang));
                ui.label(T::UnsavedBody.get(lang));
                ui.horizontal(|ui| {
                    if ui.button(T::Save.get(lang)).clicked() {
                        out.push(Action::ResolveUnsaved(true));
                    }
                    if ui.button(T::DontSave.get(lang)).clicked() {
                        out.push(Action::ResolveUnsaved(false));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Conflict { path } => {
                ui.heading(T::ConflictTitle.get(lang));
                ui.add(egui::Label::new(T::ConflictBody.get(lang)).wrap());
                ui.label(RichText::new(path.display().to_string()).color(palette.weak));
                ui.horizontal(|ui| {
                    if ui.button(T::ConflictOverwrite.get(lang)).clicked() {
                        out.push(Action::Overwrite);
                    }
                    if ui.button(T::ConflictSaveAs.get(lang)).clicked() {
                        out.push(Action::CloseDialog);
                        out.push(Action::Command(UiCommand::SaveAs));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::ChangedOutside { path, dirty } => {
                ui.heading(T::ConflictTitle.get(lang));
                ui.add(egui::Label::new(T::ChangedOutsideBody.get(lang)).wrap());
                ui.label(RichText::new(path.display().to_string()).color(palette.weak));
                ui.horizontal(|ui| {
                    let reload = if *dirty {
                        T::ChangedOutsideReloadDrops
                    } else {
                        T::ChangedOutsideReload
                    };
                    if ui.button(reload.get(lang)).clicked() {
                        out.push(Action::ReloadAssessment);
                    }
                    if ui.button(T::ChangedOutsideKeepMine.get(lang)).clicked() {
                        out.push(Action::CloseDialog);
                        out.push(Action::Command(UiCommand::SaveAs));
                    }
                    if ui.button(T::ChangedOutsideLater.get(lang)).clicked() {
                        out.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Shortcuts => {
                // Wide enough for two columns of shortcuts and the colour
                // legend, so the map fits a 1000×700 window without
                // scrolling and no text is cut.
                let screen = ui.ctx().content_rect();
                ui.set_max_width((screen.width() - 60.0).clamp(480.0, 980.0));
                ui.heading(T::ShortcutsTitle.get(lang));
                let rows: Vec<(String, UiCommand)> = UiCommand::ALL
                    .iter()
                    .filter_map(|cmd| {
                        let keys: Vec<String> =
                            cmd.shortcuts().iter().map(format_shortcut).collect();
                        (!keys.is_empty()).then(|| (keys.join(" / "), *cmd))
                    })
                    .collect();
                let half = rows.len().div_ceil(2);
                egui::ScrollArea::vertical()
                    .max_height((screen.height() - 160.0).max(200.0))
                    .show(ui, |ui| {
                        ui.columns(2, |cols| {
                            for (c, chunk) in rows.chunks(half.max(1)).enumerate() {
                                let Some(col) = cols.get_mut(c) else {
                                    continue;
                                };
                                egui::Grid::new(("shortcut_map", c))
                                    .num_columns(2)
                                    .striped(true)
                                    .show(col, |ui| {
                                        for (keys, cmd) in chunk {
                                            ui.label(RichText::new(keys).monospace());
                                            ui.label(cmd.label(lang))
                                                .on_hover_text(cmd.tooltip(lang));
                                            ui.end_row();
                                        }
                                    });
                            }
                        });
                        ui.separator();
                        legend(ui, lang, &palette);
                    });
                if ui.button(T::Close.get(lang)).clicked() {
                    out.push(Action::CloseDialog);
                }
            }
        }
    });
    if response.should_close() && out.is_empty() {
        // Escape or a click outside: cancel, except where an answer is needed.
        if !matches!(state.dialog, Some(Dialog::Recovery(_))) {
            out.push(Action::CloseDialog);
        }
    }
    out
}

/// A timestamp as local "2026-03-01 14:02".
fn local(t: jiff::Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// The colour legend of the report's highlights (in the F1 help): the marks
/// on one line, the annotation colours (always underlined) on the next;
/// each swatch stays whole.
fn legend(ui: &mut egui::Ui, lang: crate::i18n::Lang, palette: &Palette) {
    use theme::LegendEntry;
    ui.label(RichText::new(T::LegendTitle.get(lang)).strong());
    let dark = ui.visuals().dark_mode;
    let swatch = |ui: &mut egui::Ui, name: &str, color: egui::Color32, underline: bool| {
        let mut text = RichText::new(format!(" {name} "))
            .background_color(color)
            .color(palette.text);
        if underline {
            text = text.underline();
        }
        ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
    };
    let entries = theme::legend(palette, dark);
    ui.horizontal_wrapped(|ui| {
        for (entry, color) in &entries {
            let name = match entry {
                LegendEntry::Evidence => T::LegendEvidence,
                LegendEntry::OtherEvidence => T::LegendOtherEvidence,
                LegendEntry::Flash => T::LegendFlash,
                LegendEntry::SearchCurrent => T::LegendSearchCurrent,
                LegendEntry::SearchHit => T::LegendSearchHit,
                LegendEntry::Annotation(_) => continue,
            };
            swatch(ui, name.get(lang), *color, false);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(T::LegendAnnotation.get(lang));
        for (entry, color) in &entries {
            if let LegendEntry::Annotation(c) = entry {
                swatch(ui, theme::annotation_color_name(*c, lang), *color, true);
            }
        }
    });
}
