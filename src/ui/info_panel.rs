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
                    let year = meta.year.map(|y| y.to_string());
                    let chars = doc.char_len().to_string();
                    let rows: [(T, Option<&str>); 9] = [
                        (T::Title, meta.title.as_deref()),
                        (T::Unit, meta.unit.as_deref()),
                        (T::Year, year.as_deref()),
                        (T::Date, meta.date.as_deref()),
                        (T::Published, meta.published.as_deref()),
                        (T::FileName, Some(doc.source.name.as_str())),
                        (T::Format, Some(doc.source.format.as_str())),
                        (T::Encoding, Some(doc.source.encoding.as_str())),
                        (T::Chars, Some(chars.as_str())),
                    ];
                    for (key, value) in rows {
                        ui.label(RichText::new(key.get(lang)).color(palette.weak));
                        match value {
                            Some(v) if !v.is_empty() => ui.add(egui::Label::new(v).wrap()),
                            _ => ui.label(RichText::new(unknown).color(palette.weak)),
                        };
                        ui.end_row();
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
