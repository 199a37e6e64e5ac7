//! The outline on the left: the report's headings as a tree (indented by
//! level) and the five required parts DC1–DC5 marked present or missing.
//! A click jumps the report there.

use egui::{RichText, Ui};

use super::actions::Action;
use super::report::Report;
use super::strings::T;
use super::theme::Palette;
use crate::i18n::Lang;
use crate::structure::PartId;

/// Draws the outline; returns the jumps asked for.
/// The heading list takes at most `max_height`.
pub fn show(ui: &mut Ui, report: &Report, lang: Lang, max_height: f32) -> Vec<Action> {
    let mut actions = Vec::new();
    let palette = Palette::for_dark(ui.visuals().dark_mode);
    let s = &report.doc.structure;
    egui::CollapsingHeader::new(T::RequiredParts.get(lang))
        .id_salt("outline_parts")
        .default_open(true)
        .show(ui, |ui| {
            for id in PartId::ALL {
                let part = s.part(id);
                let present = part.is_some_and(|p| p.present);
                let (mark, color, state) = if present {
                    ("✓", palette.ok, T::PartPresent)
                } else {
                    ("×", palette.error, T::PartMissing)
                };
                ui.horizontal(|ui| {
                    ui.label(RichText::new(mark).color(color).strong());
                    let text = format!("{} {}", id.as_str(), id.label(lang));
                    // Truncated to the panel, the whole name on hover: an
                    // English name wider than the panel widened its content
                    // past the panel's edge, which then clipped every row
                    // below it (the info panel's 更正 button, the outline)
                    // with no ellipsis.
                    let hover = format!("{text} — {}", state.get(lang));
                    if present {
                        let resp = ui
                            .add(
                                egui::Button::selectable(false, text)
                                    .frame_when_inactive(false)
                                    .truncate(),
                            )
                            .on_hover_text(hover);
                        if resp.clicked() {
                            actions.push(Action::SelectPart(id));
                        }
                    } else {
                        // A missing part is information, not a disabled
                        // control: secondary text at full contrast (a
                        // disabled button fades to 2.7:1).
                        ui.add(
                            egui::Label::new(RichText::new(text).color(palette.weak)).truncate(),
                        )
                        .on_hover_text(hover);
                    }
                });
            }
        });
    ui.label(RichText::new(T::Outline.get(lang)).strong());
    if s.headings.is_empty() {
        ui.label(RichText::new(T::NoHeadings.get(lang)).color(palette.weak));
        return actions;
    }
    // Only the rows in view are built: a long report has thousands of headings.
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Button));
    egui::ScrollArea::vertical()
        .id_salt("outline_rows")
        .auto_shrink([false, false])
        .max_height(max_height)
        .show_rows(ui, row_height, s.headings.len(), |ui, rows| {
            for i in rows {
                let h = &s.headings[i];
                let indent = f32::from(h.level.saturating_sub(1)) * 14.0;
                ui.horizontal(|ui| {
                    ui.set_height(row_height);
                    ui.add_space(indent);
                    let text = format!("{}{}", h.numbering, h.text);
                    let mut rich = RichText::new(text);
                    if h.level == 1 {
                        rich = rich.strong();
                    }
                    let selected = report.selected_heading == Some(i);
                    let resp = ui.add(
                        egui::Button::selectable(selected, rich)
                            .truncate()
                            .frame_when_inactive(false),
                    );
                    if resp.clicked() {
                        actions.push(Action::SelectHeading(i));
                    }
                });
            }
        });
    actions
}
