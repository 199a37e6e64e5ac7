//! The comparison view's tables: 逐项对照 (items × years and both years'
//! evidence of the selected item), 上年计划落实 (plans and their quotes) and
//! 指标对比 (indicator table and chart).

use egui::{Align, Layout, RichText, Stroke, TextStyle, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, GridInput, GridMark, Legend, Plot};

use super::{CHART_NAME_CHARS, EVIDENCE_PER_YEAR, View, change_label, short};
use crate::analysis::AutoStatus;
use crate::compare::{self as cmp, FollowStatus, IndicatorPair};
use crate::ui::actions::Action;
use crate::ui::strings::T;

impl View<'_> {
    pub(super) fn items(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let items = &self.active.comparison.items;
        let meta = &self.report.doc.structure.metadata;
        let columns = self
            .cmp
            .columns(meta.unit.as_deref(), &self.report.report_path);
        let row_h = ui.text_style_height(&TextStyle::Body) + 8.0;
        let table_h = (ui.available_height() * 0.55).max(160.0);
        let selected = self.cmp.selected_item;
        // A box of fixed height: the table's column resize lines stay in it.
        let size = egui::vec2(ui.available_width(), table_h + row_h);
        ui.allocate_ui_with_layout(size, Layout::top_down(Align::Min), |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("compare_items")
                .striped(true)
                .resizable(true)
                .cell_layout(Layout::left_to_right(Align::Center))
                .max_scroll_height(table_h)
                .min_scrolled_height(table_h)
                .column(Column::auto().at_least(72.0))
                .column(Column::remainder().at_least(160.0).clip(true));
            for _ in 0..=columns.len() {
                table = table.column(Column::auto().at_least(90.0));
            }
            table = table.column(Column::auto().at_least(48.0));
            table
                .header(row_h, |mut h| {
                    h.col(|ui| {
                        ui.strong(T::ItemId.get(lang));
                    });
                    h.col(|ui| {
                        ui.strong(T::Title.get(lang));
                    });
                    for c in &columns {
                        h.col(|ui| {
                            ui.strong(c.column_label(lang));
                        });
                    }
                    h.col(|ui| {
                        ui.strong(&self.new_label);
                    });
                    h.col(|ui| {
                        ui.strong(T::Change.get(lang));
                    });
                })
                .body(|body| {
                    body.rows(row_h, items.len(), |mut row| {
                        let i = row.index();
                        let Some(it) = items.get(i) else {
                            return;
                        };
                        let on = selected == Some(i);
                        row.set_selected(on);
                        row.col(|ui| {
                            ui.label(RichText::new(&it.id).color(self.palette.weak));
                        });
                        row.col(|ui| {
                            let resp = ui
                                .add(
                                    egui::Button::selectable(on, &it.title)
                                        .truncate()
                                        .frame_when_inactive(false),
                                )
                                .on_hover_text(&it.title);
                            if resp.clicked() {
                                out.push(Action::CompareSelectItem(i));
                            }
                        });
                        for c in &columns {
                            row.col(|ui| {
                                ui.label(self.status_text(c.status(&it.id)));
                                if let Some(a) = &c.assessment {
                                    let r = a.item(&it.id).map(|i| &i.review);
                                    ui.label(self.verdict_text(Some(r)));
                                }
                            });
                        }
                        row.col(|ui| {
                            ui.label(self.status_text(it.new_status));
                            ui.label(self.verdict_text(self.newer_review(&it.id)));
                        });
                        row.col(|ui| {
                            let ch = it.change();
                            ui.label(
                                RichText::new(ch.symbol())
                                    .strong()
                                    .color(self.change_color(ch)),
                            )
                            .on_hover_text(change_label(ch).get(lang));
                        });
                    });
                });
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("compare_item_detail")
            .auto_shrink([false, false])
            .show(ui, |ui| self.item_detail(ui, out));
    }

    pub(super) fn item_detail(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let Some(it) = self
            .cmp
            .selected_item
            .and_then(|i| self.active.comparison.items.get(i))
        else {
            ui.label(RichText::new(T::SelectRowHint.get(lang)).color(self.palette.weak));
            return;
        };
        ui.label(RichText::new(format!("{} {}", it.id, it.title)).strong());
        ui.columns(2, |cols| {
            let [left, right] = cols else {
                return;
            };
            left.label(RichText::new(&self.old_label).strong());
            // Status and evidence from the same analysis, so a status is
            // never shown beside "no evidence found" from another one.
            let old_status = self.older.map_or(it.old_status, |o| o.status(&it.id));
            self.year_review(left, old_status, self.older_review(&it.id));
            let old_ev = self
                .older
                .map(|o| o.top_evidence(&it.id, EVIDENCE_PER_YEAR))
                .unwrap_or_default();
            if old_ev.is_empty() {
                let none = if self.older.is_none() && old_status != Some(AutoStatus::Missing) {
                    T::OlderNotLoaded
                } else {
                    T::NoEvidence
                };
                left.label(RichText::new(none.get(lang)).color(self.palette.weak));
            }
            for (n, e) in old_ev.iter().enumerate() {
                left.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "{}. {}{}",
                            n + 1,
                            strength_tag(e, lang),
                            e.quote.trim()
                        ))
                        .color(self.palette.weak),
                    )
                    .wrap(),
                )
                .on_hover_text(T::OlderOnlyText.get(lang));
            }
            right.label(RichText::new(&self.new_label).strong());
            self.year_review(right, it.new_status, self.newer_review(&it.id));
            let new_ev = cmp::top_evidence(&self.report.analysis, &it.id, EVIDENCE_PER_YEAR);
            if new_ev.is_empty() {
                right.label(RichText::new(T::NoEvidence.get(lang)).color(self.palette.weak));
            }
            for (n, e) in new_ev.iter().enumerate() {
                right.push_id(("new_ev", n), |ui| {
                    if ui
                        .add(
                            egui::Button::new(format!(
                                "{}. {}{}",
                                n + 1,
                                strength_tag(e, lang),
                                e.quote.trim()
                            ))
                            .wrap()
                            .frame_when_inactive(false),
                        )
                        .on_hover_text(T::ShowInReport.get(lang))
                        .clicked()
                    {
                        out.push(Action::CompareJump(e.range));
                    }
                });
            }
        });
    }

    /// One year's column head in the item detail: the automatic status,
    /// then the reviewer's verdict, score and comment of that year.
    fn year_review(
        &self,
        ui: &mut Ui,
        status: Option<AutoStatus>,
        review: Option<Option<&crate::assessment::Review>>,
    ) {
        let lang = self.lang;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(T::AutoReason.get(lang)).color(self.palette.weak));
            ui.label(self.status_text(status));
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(T::Verdict.get(lang)).color(self.palette.weak));
            ui.label(self.verdict_text(review));
        });
        if let Some(Some(r)) = review
            && !r.comment.trim().is_empty()
        {
            ui.add(
                egui::Label::new(RichText::new(format!(
                    "{}{}{}",
                    T::Comment.get(lang),
                    lang.pick("：", ": "),
                    r.comment.trim()
                )))
                .wrap(),
            );
        }
    }

    pub(super) fn follow_through(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let c = &self.active.comparison;
        ui.label(RichText::new(T::FollowIntro.get(lang)).color(self.palette.weak));
        let (done, partly, not) = c.follow_counts();
        ui.horizontal_wrapped(|ui| {
            for (st, n) in [
                (FollowStatus::Reported, done),
                (FollowStatus::Partly, partly),
                (FollowStatus::NotReported, not),
            ] {
                ui.label(
                    RichText::new(format!("{} {n}", st.label(lang))).color(self.follow_color(st)),
                );
            }
        });
        if c.follow_through.is_empty() {
            ui.label(RichText::new(T::NoPlans.get(lang)).color(self.palette.weak));
            return;
        }
        for (n, f) in c.follow_through.iter().enumerate() {
            ui.separator();
            ui.push_id(("plan", n), |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{}.", n + 1)).color(self.palette.weak));
                    let resp = ui.label(RichText::new(&f.plan.text).strong());
                    if let Some(o) = self.older {
                        resp.on_hover_text(short(o.doc.slice(f.plan.body_range), 400));
                    }
                    ui.label(
                        RichText::new(f.status.label(lang))
                            .strong()
                            .color(self.follow_color(f.status)),
                    );
                });
                if f.evidence.is_empty() {
                    ui.label(RichText::new(T::NoFollowEvidence.get(lang)).color(self.palette.weak));
                }
                for (k, q) in f.evidence.iter().enumerate() {
                    ui.push_id(("quote", k), |ui| {
                        ui.horizontal(|ui| {
                            ui.add_space(16.0);
                            let resp = ui
                                .add(
                                    egui::Button::new(format!("“{}”", q.quote))
                                        .wrap()
                                        .frame_when_inactive(false),
                                )
                                .on_hover_text(T::ShowInReport.get(lang));
                            if resp.clicked() {
                                out.push(Action::CompareJump(q.range));
                            }
                        });
                    });
                }
            });
        }
    }

    pub(super) fn indicators(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let c = &self.active.comparison;
        // Rows are the comparable pairs; each keeps its index into
        // `c.indicators`, which the selection names.
        let pairs: Vec<(usize, &IndicatorPair)> = c
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, p)| p.comparable())
            .collect();
        let selected = self.cmp.selected_indicator;
        if pairs.is_empty() {
            ui.label(RichText::new(T::NoPairs.get(lang)).color(self.palette.weak));
        } else {
            let row_h = ui.text_style_height(&TextStyle::Body) + 8.0;
            let table_h = (ui.available_height() * 0.4).max(140.0);
            let size = egui::vec2(ui.available_width(), table_h + row_h);
            ui.allocate_ui_with_layout(size, Layout::top_down(Align::Min), |ui| {
                TableBuilder::new(ui)
                    .id_salt("compare_indicators")
                    .striped(true)
                    .resizable(true)
                    .cell_layout(Layout::left_to_right(Align::Center))
                    .max_scroll_height(table_h)
                    .column(Column::remainder().at_least(200.0).clip(true))
                    .column(Column::auto().at_least(90.0))
                    .column(Column::auto().at_least(90.0))
                    .column(Column::auto().at_least(110.0))
                    .column(Column::auto().at_least(48.0))
                    .header(row_h, |mut h| {
                        for label in [
                            T::Indicator.get(lang).to_string(),
                            self.old_label.clone(),
                            self.new_label.clone(),
                            T::Change.get(lang).to_string(),
                            T::Trend.get(lang).to_string(),
                        ] {
                            h.col(|ui| {
                                ui.strong(label);
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(row_h, pairs.len(), |mut row| {
                            let Some(&(i, p)) = pairs.get(row.index()) else {
                                return;
                            };
                            let on = selected == Some(i);
                            row.set_selected(on);
                            row.col(|ui| {
                                let resp = ui
                                    .add(
                                        egui::Button::selectable(on, &p.name)
                                            .truncate()
                                            .frame_when_inactive(false),
                                    )
                                    .on_hover_text(T::IndicatorRowHint.get(lang));
                                if resp.clicked() {
                                    out.push(Action::CompareSelectIndicator(i));
                                }
                            });
                            row.col(|ui| {
                                ui.label(cmp::value_text(p.old.as_ref()));
                            });
                            row.col(|ui| {
                                ui.label(cmp::value_text(p.new.as_ref()));
                            });
                            row.col(|ui| {
                                ui.label(cmp::change_text(p, lang));
                            });
                            row.col(|ui| {
                                ui.label(RichText::new(p.trend.map_or("", |t| t.arrow())).strong());
                            });
                        });
                    });
            });
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("indicators_rest")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                match selected
                    .and_then(|i| c.indicators.get(i))
                    .filter(|p| p.comparable())
                {
                    Some(p) => self.both_sentences(ui, p, "selected_indicator", out),
                    None if !pairs.is_empty() => {
                        ui.label(
                            RichText::new(T::IndicatorRowHint.get(lang)).color(self.palette.weak),
                        );
                    }
                    None => {}
                }
                ui.separator();
                let h = (ui.available_height() - 40.0).max(220.0);
                self.chart(ui, "indicator_chart", h);
                self.unit_mismatches(ui, out);
                let single: Vec<&IndicatorPair> =
                    c.indicators.iter().filter(|p| !p.is_pair()).collect();
                if !single.is_empty() {
                    egui::CollapsingHeader::new(format!(
                        "{} ({})",
                        T::Unpaired.get(lang),
                        single.len()
                    ))
                    .id_salt("unpaired")
                    .default_open(false)
                    .show(ui, |ui| {
                        for p in single {
                            let (year, v) = match (&p.old, &p.new) {
                                (Some(o), None) => (&self.old_label, o),
                                (_, Some(n)) => (&self.new_label, n),
                                (None, None) => continue,
                            };
                            ui.label(format!("{year}  {}  {}", p.name, v.raw));
                        }
                    });
                }
            });
    }

    /// An indicator's two sentences side by side, older year on the left,
    /// each with a link that shows it in its report (the older one opens
    /// that report).
    fn both_sentences(&self, ui: &mut Ui, p: &IndicatorPair, id: &str, out: &mut Vec<Action>) {
        let lang = self.lang;
        let colon = lang.pick("：", ": ");
        ui.push_id(id, |ui| {
            let values = match (&p.old, &p.new) {
                (Some(o), Some(n)) if p.comparable() => {
                    format!(
                        "{} → {}{}{}{}",
                        o.raw,
                        n.raw,
                        lang.pick("（", " ("),
                        cmp::change_text(p, lang),
                        lang.pick("）", ")")
                    )
                }
                (Some(o), Some(n)) => format!("{} / {}", o.raw, n.raw),
                _ => String::new(),
            };
            ui.label(RichText::new(format!("{}  {values}", p.name)).strong());
            ui.columns(2, |cols| {
                let [left, right] = cols else {
                    return;
                };
                left.label(RichText::new(&self.old_label).strong());
                match (&p.old, self.older) {
                    (Some(o), Some(older)) => {
                        left.add(
                            egui::Label::new(format!(
                                "{}{colon}{}",
                                o.raw,
                                sentence(&older.doc, o.range)
                            ))
                            .wrap(),
                        );
                        if left.link(T::ShowInOlderReport.get(lang)).clicked() {
                            out.push(Action::CompareJumpOlder(o.range));
                        }
                    }
                    (Some(o), None) => {
                        left.label(format!("{}{colon}{}", o.raw, T::OlderNotLoaded.get(lang)));
                    }
                    (None, _) => {
                        left.label(RichText::new("—").color(self.palette.weak));
                    }
                }
                right.label(RichText::new(&self.new_label).strong());
                match &p.new {
                    Some(n) => {
                        right.add(
                            egui::Label::new(format!(
                                "{}{colon}{}",
                                n.raw,
                                sentence(&self.report.doc, n.range)
                            ))
                            .wrap(),
                        );
                        if right.link(T::ShowInReport.get(lang)).clicked() {
                            out.push(Action::CompareJump(n.range));
                        }
                    }
                    None => {
                        right.label(RichText::new("—").color(self.palette.weak));
                    }
                }
            });
        });
    }

    /// Indicators of both years in different units (83起 / 1宗): listed
    /// apart with both sentences, never compared.
    fn unit_mismatches(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let list: Vec<&IndicatorPair> = self.active.comparison.unit_mismatches().collect();
        if list.is_empty() {
            return;
        }
        egui::CollapsingHeader::new(format!("{} ({})", T::UnitsDiffer.get(lang), list.len()))
            .id_salt("units_differ")
            .default_open(true)
            .show(ui, |ui| {
                ui.label(RichText::new(T::UnitsDifferHelp.get(lang)).color(self.palette.weak));
                for (k, p) in list.iter().enumerate() {
                    ui.separator();
                    self.both_sentences(ui, p, &format!("units_differ_{k}"), out);
                }
            });
    }

    /// Bars of the paired indicators, each normalised to the older year.
    pub(super) fn chart(&self, ui: &mut Ui, id: &str, height: f32) {
        let lang = self.lang;
        let bars = &self.active.chart;
        ui.label(
            RichText::new(format!(
                "{}{}{} = 100{}",
                T::ChartTitle.get(lang),
                lang.pick("（", " ("),
                self.old_label,
                lang.pick("）", ")")
            ))
            .color(self.palette.weak),
        );
        if bars.is_empty() {
            ui.label(RichText::new(T::NoPairs.get(lang)).color(self.palette.weak));
            return;
        }
        let names: Vec<String> = bars
            .iter()
            .map(|b| short(&b.name, CHART_NAME_CHARS))
            .collect();
        let n = bars.len();
        // Horizontal bars: the indicator names, long Chinese phrases, get
        // the y axis to themselves instead of crowding under the bars.
        let bar = |i: usize, offset: f64, value: f64, color: egui::Color32, name: String| {
            Bar::new(i as f64 + offset, value)
                .width(0.38)
                .fill(color)
                .stroke(Stroke::new(1.0, color))
                .name(name)
        };
        let old_bars = bars
            .iter()
            .enumerate()
            .map(|(i, b)| {
                bar(
                    i,
                    -0.2,
                    b.old,
                    self.palette.chart_old,
                    format!("{}\n{} {}", b.name, self.old_label, b.old_raw),
                )
            })
            .collect();
        let new_bars = bars
            .iter()
            .enumerate()
            .map(|(i, b)| {
                bar(
                    i,
                    0.2,
                    b.new,
                    self.palette.chart_new,
                    format!(
                        "{}\n{} {} ({:.0})",
                        b.name, self.new_label, b.new_raw, b.new
                    ),
                )
            })
            .collect();
        let old_chart = BarChart::new(self.old_label.clone(), old_bars)
            .horizontal()
            .color(self.palette.chart_old)
            .element_formatter(Box::new(|bar, _| bar.name.clone()));
        let new_chart = BarChart::new(self.new_label.clone(), new_bars)
            .horizontal()
            .color(self.palette.chart_new)
            .element_formatter(Box::new(|bar, _| bar.name.clone()));
        let name_width = ui.text_style_height(&TextStyle::Body) * (CHART_NAME_CHARS as f32 + 1.5);
        Plot::new(id)
            .height(height)
            .legend(Legend::default().position(egui_plot::Corner::RightBottom))
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_grid([true, false])
            .invert_y(true)
            .include_x(0.0)
            .include_y(-0.6)
            .include_y(n as f64 - 0.4)
            .y_axis_min_width(name_width)
            .y_grid_spacer(move |_: GridInput| {
                (0..n)
                    .map(|i| GridMark {
                        value: i as f64,
                        step_size: 1.0,
                    })
                    .collect()
            })
            .y_axis_formatter(move |mark, _| {
                let i = mark.value.round();
                if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                    names.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
            .show(ui, |p| {
                p.bar_chart(old_chart);
                p.bar_chart(new_chart);
            });
    }
}

/// The sentence around `range` in `doc` (at most 160 characters).
fn sentence(doc: &crate::document::Document, range: crate::text::CharRange) -> String {
    let found = doc.structure.sentences_in(range).first().map(|s| s.range);
    let r = found.unwrap_or(range);
    short(doc.slice(r).trim(), 160)
}

/// "[提及] " before a quote, as the workbench's evidence list labels it: a
/// 未找到 item may list passages that only mention it, and the label says so.
fn strength_tag(e: &crate::analysis::Evidence, lang: crate::i18n::Lang) -> String {
    let label = e.strength.label(lang);
    if label.is_empty() {
        String::new()
    } else {
        format!("[{label}] ")
    }
}
