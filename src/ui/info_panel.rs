//! Report information: metadata (title, unit, year, dates, source) and the
//! cleaning log (what kinds of change cleaning made, how many, examples with
//! a jump to where they took effect).

use egui::{RichText, Ui};

use super::actions::Action;
use super::report::Report;
use super::strings::T;
use super::theme::Palette;
use crate::i18n::Lang;
use crate::text::CharRange;

/// Draws the metadata and the cleaning log.
pub fn show(ui: &mut Ui, report: &Report, lang: Lang) -> Vec<Action> {
    let mut actions = Vec::new();
    let palette = Palette::for_dark(ui.visuals().dark_mode);
    let doc = &report.doc;
    let meta = &doc.structure.metadata;
    let unknown = T::Unknown.get(lang);
    egui::CollapsingHeader::new(T::Info.get(lang))
        .id_salt("info_meta")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("info_grid")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let chars = doc.char_len().to_string();
                    let rows: [(T, Option<&str>); 7] = [
                        (T::Title, meta.title.as_deref()),
                        (T::Date, meta.date.as_deref()),
                        (T::Published, meta.published.as_deref()),
                        (T::FileName, Some(doc.source.name.as_str())),
                        (T::Format, Some(doc.source.format.as_str())),
                        (T::Encoding, Some(doc.source.encoding.as_str())),
                        (T::Chars, Some(chars.as_str())),
                    ];
                    for (i, (key, value)) in rows.into_iter().enumerate() {
                        ui.label(RichText::new(key.get(lang)).color(palette.weak));
                        match value {
                            Some(v) if !v.is_empty() => ui.add(egui::Label::new(v).wrap()),
                            _ => ui.label(RichText::new(unknown).color(palette.weak)),
                        };
                        ui.end_row();
                        // Unit and year follow the title: the two a reviewer may correct.
                        if i == 0 {
                            correctable_rows(ui, report, lang, &palette, &mut actions);
                        }
                    }
                });
        });
    egui::CollapsingHeader::new(T::Cleaning.get(lang))
        .id_salt("info_cleaning")
        .default_open(false)
        .show(ui, |ui| {
            if doc.cleaning.entries.is_empty() {
                ui.label(RichText::new(T::CleaningNone.get(lang)).color(palette.weak));
            }
            for entry in &doc.cleaning.entries {
                let title = format!("{} × {}", entry.kind.label(lang), entry.count);
                egui::CollapsingHeader::new(title)
                    .id_salt(("cleaning", entry.kind.as_str()))
                    .show(ui, |ui| {
                        for sample in entry.samples.iter().take(10) {
                            let shown: String = sample.text.chars().take(40).collect();
                            let label = if shown.trim().is_empty() {
                                format!("@{}", sample.at)
                            } else {
                                shown
                            };
                            if ui
                                .add(egui::Button::selectable(false, label).truncate())
                                .clicked()
                            {
                                actions.push(Action::ScrollTo {
                                    at: sample.at,
                                    flash: Some(CharRange::new(sample.at, sample.at + 1)),
                                });
                            }
                        }
                    });
            }
        });
    actions
}

/// The unit and the year, as the assessment records them (the reviewer's
/// correction, else what the text says), each with a field to correct it.
fn correctable_rows(
    ui: &mut Ui,
    report: &Report,
    lang: Lang,
    palette: &Palette,
    actions: &mut Vec<Action>,
) {
    let rec = &report.assessment.report;
    let corrected = |yes: bool| {
        if yes {
            T::CorrectedByReviewer.get(lang)
        } else {
            ""
        }
    };
    // Unit.
    ui.label(RichText::new(T::Unit.get(lang)).color(palette.weak));
    ui.horizontal(|ui| {
        let id = ui.scope_id().with("unit_edit");
        let mut text: String = ui
            .data_mut(|d| d.get_temp::<String>(id))
            .unwrap_or_else(|| rec.unit.clone());
        // The field gives way so the button stays on its line: a button
        // wrapped under it in this grid row was drawn under the next row.
        let (word, apply) = apply_button(ui, lang, UNIT_FIELD_MIN);
        let edit = ui.add(
            egui::TextEdit::singleline(&mut text)
                .desired_width((ui.available_width() - apply).clamp(40.0, 120.0))
                .hint_text(T::Unknown.get(lang)),
        );
        if edit.changed() {
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
        }
        let changed = text.trim() != rec.unit && !text.trim().is_empty();
        if ui
            .add_enabled(changed, egui::Button::new(word))
            .on_hover_text(T::CorrectApply.get(lang))
            .clicked()
        {
            actions.push(Action::CorrectUnit(text.trim().to_string()));
            ui.data_mut(|d| d.remove::<String>(id));
        }
        ui.label(RichText::new(corrected(rec.unit_corrected)).color(palette.weak));
    });
    ui.end_row();
    // Year.
    ui.label(RichText::new(T::Year.get(lang)).color(palette.weak));
    // One line, as the unit's: a button wrapped under the year (English
    // at 1000×700) was drawn over the next row.
    ui.horizontal(|ui| {
        let id = ui.scope_id().with("year_edit");
        // The same choice of label as the unit's row above (same column).
        let (word, _) = apply_button(ui, lang, UNIT_FIELD_MIN);
        // With no year known, start from last year: the usual report.
        let shown = rec.year.unwrap_or(i32::from(jiff::Zoned::now().year()) - 1);
        let mut year: i32 = ui.data_mut(|d| d.get_temp::<i32>(id)).unwrap_or(shown);
        if ui
            .add(egui::DragValue::new(&mut year).range(1990..=2100))
            .on_hover_text(T::CorrectYearHint.get(lang))
            .changed()
        {
            ui.data_mut(|d| d.insert_temp(id, year));
        }
        if rec.year.is_none() {
            ui.label(RichText::new(T::Unknown.get(lang)).color(palette.weak));
        }
        if ui
            .add_enabled(
                rec.year != Some(year) && report.analysing.is_none(),
                egui::Button::new(word),
            )
            .on_hover_text(T::CorrectYearHint.get(lang))
            .clicked()
        {
            actions.push(Action::CorrectYear(year));
            ui.data_mut(|d| d.remove::<i32>(id));
        }
        ui.label(RichText::new(corrected(rec.year_corrected)).color(palette.weak));
    });
    ui.end_row();
}

/// The narrowest the unit's field gets before its button shortens.
const UNIT_FIELD_MIN: f32 = 80.0;

/// The correction button's label and the width it takes with its spacing:
/// the word (更正 / Correct) where it fits beside `beside` points of the
/// row's field, else ✓ (the word on hover), so the button never wraps
/// under the field.
fn apply_button(ui: &Ui, lang: Lang, beside: f32) -> (&'static str, f32) {
    // The button, and the gap between the field and it.
    let width = |label| super::theme::buttons_row_width(ui, &[label]) + ui.spacing().item_spacing.x;
    let word = T::CorrectApply.get(lang);
    let wide = width(word);
    if beside + wide <= ui.available_width() {
        (word, wide)
    } else {
        ("✓", width("✓"))
    }
}

/// One line for the status bar: "合并句中硬换行 198 · 删除页码 1".
pub fn cleaning_summary(report: &Report, lang: Lang) -> String {
    let total: usize = report.doc.cleaning.entries.iter().map(|e| e.count).sum();
    if total == 0 {
        return T::CleaningNone.get(lang).to_string();
    }
    format!(
        "{} {} {}",
        T::Cleaning.get(lang),
        total,
        T::CleaningChanges.get(lang)
    )
}
