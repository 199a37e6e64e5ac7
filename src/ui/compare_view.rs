//! The comparison view, shown instead of the workbench's panels: an older
//! report of the same unit against the one under review, in five tabs —
//! 总览 (plans, indicator chart, recycled share on one page), 逐项对照 (items ×
//! years, both years' evidence of the selected item), 上年计划落实 (each plan
//! of the older report with its status and the newer report's quotes),
//! 指标对比 (table and bar chart) and 重复文字 (shares per part, passages,
//! character diff of aligned sections). It only reads [`AppState`] and
//! returns [`Action`]s; clicking a quote of the newer report leaves the view
//! and shows the quote in the report.

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Layout, RichText, Stroke, TextStyle, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, GridInput, GridMark, Legend, Plot};

use super::command::UiCommand;
use super::comparison::{Active, CompareTab, Comparisons, YearReport};
use super::state::{Action, AppState, Report};
use super::strings::T;
use super::theme::{self, Palette};
use crate::analysis::AutoStatus;
use crate::compare::{
    self as cmp, DiffKind, FollowStatus, IndicatorPair, RED_FLAG_SHARE, StatusChange,
};
use crate::i18n::Lang;
use crate::structure::PartId;

/// Characters of a chart label under its bars.
const CHART_NAME_CHARS: usize = 8;
/// Evidence passages shown per year for a selected item.
const EVIDENCE_PER_YEAR: usize = 3;

/// What every part of the view needs.
struct View<'a> {
    lang: Lang,
    palette: Palette,
    report: &'a Report,
    cmp: &'a Comparisons,
    active: &'a Active,
    older: Option<&'a YearReport>,
    old_label: String,
    new_label: String,
}

/// Draws the comparison view into the central area.
pub fn show(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let (Some(report), Some(active)) = (&state.report, &state.comparison.active) else {
        return out;
    };
    let lang = state.lang();
    let older = state.comparison.older();
    let view = View {
        lang,
        palette: Palette::for_dark(ui.visuals().dark_mode),
        report,
        cmp: &state.comparison,
        active,
        older,
        old_label: older.map_or_else(
            || {
                active
                    .comparison
                    .old
                    .year
                    .map_or_else(String::new, |y| y.to_string())
            },
            |o| o.column_label(lang),
        ),
        new_label: cmp::column_label(&report.doc, lang),
    };
    view.header(ui, &mut out);
    view.tabs(ui, &mut out);
    ui.separator();
    match state.comparison.tab {
        CompareTab::Overview => view.overview(ui, &mut out),
        CompareTab::Items => view.items(ui, &mut out),
        CompareTab::FollowThrough => {
            egui::ScrollArea::vertical()
                .id_salt("follow_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| view.follow_through(ui, &mut out));
        }
        CompareTab::Indicators => view.indicators(ui, &mut out),
        CompareTab::Recycled => view.recycled(ui, &mut out),
    }
    out
}

fn command_button(ui: &mut Ui, cmd: UiCommand, lang: Lang, out: &mut Vec<Action>) {
    if ui
        .button(cmd.label(lang))
        .on_hover_text(cmd.tooltip(lang))
        .clicked()
    {
        out.push(Action::Command(cmd));
    }
}

fn status_label(s: Option<AutoStatus>) -> T {
    match s {
        Some(AutoStatus::Covered) => T::AutoCovered,
        Some(AutoStatus::Partial) => T::AutoPartial,
        Some(AutoStatus::Missing) => T::AutoMissing,
        None => T::AutoNone,
    }
}

/// What a change marker means.
fn change_label(ch: StatusChange) -> T {
    match ch {
        StatusChange::Better => T::ChangeBetter,
        StatusChange::Worse => T::ChangeWorse,
        StatusChange::Same => T::ChangeSame,
        StatusChange::New => T::ChangeNew,
        StatusChange::Gone => T::ChangeGone,
    }
}

fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(n).collect();
        s.push('…');
        s
    }
}

impl View<'_> {
    fn follow_color(&self, s: FollowStatus) -> egui::Color32 {
        match s {
            FollowStatus::Reported => self.palette.ok,
            FollowStatus::Partly => self.palette.warn,
            FollowStatus::NotReported => self.palette.error,
        }
    }

    fn change_color(&self, ch: StatusChange) -> egui::Color32 {
        match ch {
            StatusChange::Better => self.palette.ok,
            StatusChange::Worse => self.palette.error,
            _ => self.palette.weak,
        }
    }

    fn status_text(&self, s: Option<AutoStatus>) -> RichText {
        RichText::new(format!(
            "{} {}",
            theme::auto_icon(s),
            status_label(s).get(self.lang)
        ))
        .color(self.palette.auto_status(s))
    }

    fn header(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let meta = &self.report.doc.structure.metadata;
        let unit = meta.unit.clone().unwrap_or_default();
        ui.heading(format!(
            "{}{}{unit} {} → {}",
            T::CompareTitle.get(lang),
            lang.pick("：", ": "),
            self.old_label,
            self.new_label
        ));
        ui.horizontal_wrapped(|ui| {
            let columns = self
                .cmp
                .columns(meta.unit.as_deref(), &self.report.report_path);
            if columns.len() > 1 {
                egui::ComboBox::from_label(T::CompareYear.get(lang))
                    .selected_text(self.old_label.clone())
                    .show_ui(ui, |ui| {
                        for c in &columns {
                            let on = c.path == self.active.older_path;
                            if ui.selectable_label(on, c.column_label(lang)).clicked() && !on {
                                out.push(Action::CompareAgainst(c.path.clone()));
                            }
                        }
                    });
            }
            if let Some(o) = self.older {
                let name = o.doc.source.name.clone();
                ui.label(
                    RichText::new(format!("{} ← {name}", self.old_label)).color(self.palette.weak),
                );
            }
            if let Some(p) = &self.cmp.pending {
                ui.spinner();
                let name = p
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.label(format!("{} {name}", T::Comparing.get(lang)));
            }
        });
        if let Some(w) = cmp::warning(&self.active.mismatches, lang) {
            ui.label(RichText::new(format!("⚠ {w}")).color(self.palette.warn));
        }
    }

    /// The tabs, and on the same row the view's commands.
    fn tabs(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        ui.horizontal(|ui| {
            for t in CompareTab::ALL {
                let on = self.cmp.tab == t;
                if ui
                    .add(egui::Button::selectable(on, t.label().get(lang)))
                    .clicked()
                    && !on
                {
                    out.push(Action::CompareTab(t));
                }
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                command_button(ui, UiCommand::CloseComparison, lang, out);
                ui.separator();
                command_button(ui, UiCommand::ExportComparisonMarkdown, lang, out);
                command_button(ui, UiCommand::ExportComparisonHtml, lang, out);
                ui.separator();
                command_button(ui, UiCommand::CompareWith, lang, out);
            });
        });
    }

    // ----- 总览 -----

    fn overview(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        ui.columns(2, |cols| {
            let [left, right] = cols else {
                return;
            };
            left.heading(T::TabFollowThrough.get(lang));
            egui::ScrollArea::vertical()
                .id_salt("overview_follow")
                .auto_shrink([false, false])
                .show(left, |ui| self.follow_through(ui, out));

            let chart_height = (right.available_height() * 0.5).max(220.0);
            right.heading(T::TabIndicators.get(lang));
            self.chart(right, "overview_chart", chart_height);
            right.add_space(8.0);
            right.heading(T::TabRecycled.get(lang));
            self.recycled_summary(right);
            right.add_space(8.0);
            right.heading(T::ItemsSummary.get(lang));
            self.items_summary(right);
        });
    }

    fn items_summary(&self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            for ch in [
                StatusChange::Better,
                StatusChange::Worse,
                StatusChange::Same,
            ] {
                let n = self.active.comparison.change_count(ch);
                ui.label(
                    RichText::new(format!(
                        "{} {} {n}",
                        ch.symbol(),
                        change_label(ch).get(self.lang)
                    ))
                    .color(self.change_color(ch)),
                );
            }
        });
    }

    // ----- 逐项对照 -----

    fn items(&self, ui: &mut Ui, out: &mut Vec<Action>) {
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
                            });
                        }
                        row.col(|ui| {
                            ui.label(self.status_text(it.new_status));
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

    fn item_detail(&self, ui: &mut Ui, out: &mut Vec<Action>) {
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
            left.label(self.status_text(it.old_status));
            let old_ev = self
                .older
                .map(|o| o.top_evidence(&it.id, EVIDENCE_PER_YEAR))
                .unwrap_or_default();
            if old_ev.is_empty() {
                left.label(RichText::new(T::NoEvidence.get(lang)).color(self.palette.weak));
            }
            for (n, e) in old_ev.iter().enumerate() {
                left.add(
                    egui::Label::new(
                        RichText::new(format!("{}. {}", n + 1, e.quote.trim()))
                            .color(self.palette.weak),
                    )
                    .wrap(),
                )
                .on_hover_text(T::OlderOnlyText.get(lang));
            }
            right.label(RichText::new(&self.new_label).strong());
            right.label(self.status_text(it.new_status));
            let new_ev = cmp::top_evidence(&self.report.analysis, &it.id, EVIDENCE_PER_YEAR);
            if new_ev.is_empty() {
                right.label(RichText::new(T::NoEvidence.get(lang)).color(self.palette.weak));
            }
            for (n, e) in new_ev.iter().enumerate() {
                right.push_id(("new_ev", n), |ui| {
                    if ui
                        .add(
                            egui::Button::new(format!("{}. {}", n + 1, e.quote.trim()))
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

    // ----- 上年计划落实 -----

    fn follow_through(&self, ui: &mut Ui, out: &mut Vec<Action>) {
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

    // ----- 指标对比 -----

    fn indicators(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let c = &self.active.comparison;
        let pairs: Vec<&IndicatorPair> = c.indicator_pairs().collect();
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
                            let Some(p) = pairs.get(row.index()) else {
                                return;
                            };
                            row.col(|ui| {
                                let resp = ui
                                    .add(
                                        egui::Button::new(&p.name)
                                            .truncate()
                                            .frame_when_inactive(false),
                                    )
                                    .on_hover_text(format!(
                                        "{}\n{}",
                                        p.name,
                                        T::ShowInReport.get(lang)
                                    ));
                                if resp.clicked()
                                    && let Some(n) = &p.new
                                {
                                    out.push(Action::CompareJump(n.range));
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
                let h = (ui.available_height() - 40.0).max(220.0);
                self.chart(ui, "indicator_chart", h);
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

    /// Bars of the paired indicators, each normalised to the older year.
    fn chart(&self, ui: &mut Ui, id: &str, height: f32) {
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

    // ----- 重复文字 -----

    fn recycled_summary(&self, ui: &mut Ui) {
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

    fn recycled(&self, ui: &mut Ui, out: &mut Vec<Action>) {
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

    fn diff(&self, ui: &mut Ui, out: &mut Vec<Action>) {
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
        let font = TextStyle::Body.resolve(ui.style());
        let mut job = LayoutJob::default();
        for op in ops {
            let mut format = TextFormat {
                font_id: font.clone(),
                color: self.palette.text,
                ..Default::default()
            };
            match op.kind {
                DiffKind::Equal => {}
                DiffKind::Insert => format.background = self.palette.diff_insert,
                DiffKind::Delete => {
                    format.background = self.palette.diff_delete;
                    format.strikethrough = Stroke::new(1.0, self.palette.error);
                }
            }
            job.append(&op.text, 0.0, format);
        }
        egui::ScrollArea::vertical()
            .id_salt("diff_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                job.wrap.max_width = ui.available_width();
                ui.add(egui::Label::new(job).wrap());
            });
    }
}
