//! The comparison view's 重复文字 tab: recycled shares per part, the
//! passages, and the character diff of a passage or of aligned sections.

use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, Stroke, TextStyle, Ui};

use super::{View, short};
use crate::compare::{DiffKind, RED_FLAG_SHARE};
use crate::structure::PartId;
use crate::ui::actions::Action;
use crate::ui::strings::T;

impl View<'_> {
    pub(super) fn recycled_summary(&self, ui: &mut Ui) {
        let lang = self.lang;
        let rec = &self.active.comparison.recycled;
        let color = if rec.share >= RED_FLAG_SHARE {
            self.palette.error
        } else {
            self.palette.text
        };
        ui.label(
            RichText::new(format!(
                "{} {:.1}%",
                T::RecycledShare.get(lang),
                rec.share * 100.0
            ))
            .strong()
            .color(color),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(T::PerPart.get(lang)).color(self.palette.weak));
            for p in &rec.parts {
                let red = p.part == PartId::DC2 && p.share >= RED_FLAG_SHARE;
                let text = RichText::new(format!(
                    "{} {}: {:.1}%",
                    p.part.as_str(),
                    p.part.label(lang),
                    p.share * 100.0
                ));
                ui.label(if red {
                    text.strong().color(self.palette.error)
                } else {
                    text
                });
            }
        });
        if rec.shortcomings_recycled() {
            ui.label(
                RichText::new(format!("⚠ {}", T::RedFlag.get(lang)))
                    .strong()
                    .color(self.palette.error),
            );
        }
    }

    pub(super) fn recycled(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let rec = &self.active.comparison.recycled;
        self.recycled_summary(ui);
        ui.label(RichText::new(T::RecycledIntro.get(lang)).color(self.palette.weak));
        ui.separator();
        let list_h = (ui.available_height() * 0.4).max(140.0);
        ui.columns(2, |cols| {
            let [left, right] = cols else {
                return;
            };
            left.strong(format!(
                "{} ({})",
                T::Passages.get(lang),
                rec.passages.len()
            ));
            egui::ScrollArea::vertical()
                .id_salt("passages")
                .max_height(list_h)
                .auto_shrink([false, true])
                .show(left, |ui| {
                    if rec.passages.is_empty() {
                        ui.label(RichText::new(T::NoPassages.get(lang)).color(self.palette.weak));
                    }
                    for (i, p) in rec.passages.iter().enumerate() {
                        ui.push_id(("passage", i), |ui| {
                            let on = self.cmp.selected_passage == Some(i);
                            let resp = ui
                                .add(
                                    egui::Button::selectable(
                                        on,
                                        format!(
                                            "{:.0}%  {}",
                                            p.similarity * 100.0,
                                            short(&p.quote, 60)
                                        ),
                                    )
                                    .truncate()
                                    .frame_when_inactive(false),
                                )
                                .on_hover_text(&p.quote);
                            if resp.clicked() {
                                out.push(Action::CompareSelectPassage(i));
                            }
                            if resp.double_clicked() {
                                out.push(Action::CompareJump(p.new));
                            }
                        });
                    }
                });
            right.strong(T::AlignedSections.get(lang));
            egui::ScrollArea::vertical()
                .id_salt("pairs")
                .max_height(list_h)
                .auto_shrink([false, true])
                .show(right, |ui| {
                    for (i, p) in self.active.pairs.iter().enumerate() {
                        ui.push_id(("pair", i), |ui| {
                            let on = self.cmp.selected_pair == Some(i);
                            if ui
                                .add(
                                    egui::Button::selectable(on, p.label(lang))
                                        .truncate()
                                        .frame_when_inactive(false),
                                )
                                .clicked()
                            {
                                out.push(Action::CompareSelectPair(i));
                            }
                        });
                    }
                });
        });
        let chosen = match (self.cmp.selected_pair, self.cmp.selected_passage) {
            (Some(i), _) => self
                .active
                .pairs
                .get(i)
                .map(|p| (p.label(lang), p.old, p.new)),
            (None, Some(i)) => rec.passages.get(i).map(|p| {
                (
                    format!("{} “{}”", T::Passages.get(lang), short(&p.quote, 20)),
                    p.old,
                    p.new,
                )
            }),
            (None, None) => None,
        };
        ui.horizontal(|ui| {
            let resp = ui.add_enabled(chosen.is_some(), egui::Button::new(T::ShowDiff.get(lang)));
            if resp.clicked()
                && let Some((label, old, new)) = chosen.clone()
            {
                out.push(Action::CompareDiff { label, old, new });
            }
            if let Some(i) = self.cmp.selected_passage
                && let Some(p) = rec.passages.get(i)
                && ui.button(T::ShowInReport.get(lang)).clicked()
            {
                out.push(Action::CompareJump(p.new));
            }
        });
        self.diff(ui, out);
    }

    pub(super) fn diff(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let Some(d) = &self.cmp.diff else {
            ui.label(RichText::new(T::SelectPairHint.get(lang)).color(self.palette.weak));
            return;
        };
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(&d.label);
            if ui.button(T::Close.get(lang)).clicked() {
                out.push(Action::CloseDiff);
            }
        });
        let Some(ops) = &d.ops else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(T::DiffWorking.get(lang));
            });
            return;
        };
        ui.label(
            RichText::new(format!(
                "{} · {} {:.0}%",
                T::DiffLegend.get(lang),
                T::DiffSameShare.get(lang),
                crate::compare::diff_ratio(ops) * 100.0
            ))
            .color(self.palette.weak),
        );
        // Side by side, one row per sentence: the same sentence plain, an
        // edited one with its changed characters marked on each side, a
        // dropped one on the left only, a new one on the right only.
        let font = TextStyle::Body.resolve(ui.style());
        egui::ScrollArea::vertical()
            .id_salt("diff_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let half = ((ui.available_width() - 24.0) / 2.0).max(120.0);
                egui::Grid::new("sentence_diff")
                    .num_columns(2)
                    .striped(true)
                    .min_col_width(half)
                    .max_col_width(half)
                    .show(ui, |ui| {
                        ui.strong(&self.old_label);
                        ui.strong(&self.new_label);
                        ui.end_row();
                        for row in &d.rows {
                            let (left, right) = self.row_jobs(row, &font, half);
                            ui.add(egui::Label::new(left).wrap());
                            ui.add(egui::Label::new(right).wrap());
                            ui.end_row();
                        }
                    });
            });
    }

    /// The two sides of one sentence row as laid-out text.
    fn row_jobs(
        &self,
        row: &crate::compare::SentenceRow,
        font: &egui::FontId,
        width: f32,
    ) -> (LayoutJob, LayoutJob) {
        use crate::compare::RowKind;
        let plain = TextFormat {
            font_id: font.clone(),
            color: self.palette.text,
            ..Default::default()
        };
        let marked = |bg| TextFormat {
            background: bg,
            ..plain.clone()
        };
        let mut left = LayoutJob::default();
        let mut right = LayoutJob::default();
        left.wrap.max_width = width;
        right.wrap.max_width = width;
        match row.kind {
            RowKind::Same => {
                left.append(row.old.as_deref().unwrap_or(""), 0.0, plain.clone());
                right.append(row.new.as_deref().unwrap_or(""), 0.0, plain.clone());
            }
            RowKind::Removed => {
                let mut f = marked(self.palette.diff_delete);
                f.strikethrough = Stroke::new(1.0, self.palette.error);
                left.append(row.old.as_deref().unwrap_or(""), 0.0, f);
            }
            RowKind::Added => {
                right.append(
                    row.new.as_deref().unwrap_or(""),
                    0.0,
                    marked(self.palette.diff_insert),
                );
            }
            RowKind::Changed => {
                for op in &row.ops {
                    match op.kind {
                        DiffKind::Equal => {
                            left.append(&op.text, 0.0, plain.clone());
                            right.append(&op.text, 0.0, plain.clone());
                        }
                        DiffKind::Delete => {
                            left.append(&op.text, 0.0, marked(self.palette.diff_delete));
                        }
                        DiffKind::Insert => {
                            right.append(&op.text, 0.0, marked(self.palette.diff_insert));
                        }
                    }
                }
            }
        }
        (left, right)
    }
}
