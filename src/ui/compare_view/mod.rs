//! The comparison view, shown instead of the workbench's panels: an older
//! report of the same unit against the one under review, in five tabs —
//! 总览 (plans, indicator chart, recycled share on one page), 逐项对照 (items ×
//! years, both years' evidence of the selected item), 上年计划落实 (each plan
//! of the older report with its status and the newer report's quotes),
//! 指标对比 (table and bar chart) and 重复文字 (shares per part, passages,
//! character diff of aligned sections). It only reads the open report and
//! the comparison's state and returns [`Action`]s; clicking a quote of the newer report leaves the view
//! and shows the quote in the report.
//!
//! The UI's one home of the comparison (the library's is
//! [`crate::compare`], which computes everything shown, on the worker):
//! `session.rs` keeps its state ([`Comparisons`]), this file draws the
//! header, the tabs and the overview, `tabs.rs` the items, plans and
//! indicators, `recycled.rs` the recycled text and diffs.

use egui::{Align, Layout, RichText, Ui};

mod recycled;
mod session;
mod tabs;

pub use session::{Active, Comparisons, DiffView, MAX_SESSION, Pending};

use super::actions::CompareTab;

use super::actions::Action;
use super::command::UiCommand;
use super::report::Report;
use super::strings::T;
use super::theme::{self, Palette};
use crate::analysis::AutoStatus;
use crate::compare::YearReport;
use crate::compare::{self as cmp, FollowStatus, StatusChange};
use crate::i18n::Lang;

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
pub fn show(ui: &mut Ui, report: &Report, cmp: &Comparisons, lang: Lang) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(active) = &cmp.active else {
        return out;
    };
    let older = cmp.older();
    let view = View {
        lang,
        palette: Palette::for_dark(ui.visuals().dark_mode),
        report,
        cmp,
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
    match cmp.tab {
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

/// The comparison picker: "与往年报告对照…" as a menu of the same unit's
/// earlier reports in the report's folder (one click each, a skipped year
/// named under its choice) above "choose another file…"; a plain button for
/// the file dialog when the folder holds none.
pub fn picker(
    ui: &mut Ui,
    cmp: &Comparisons,
    report: &std::path::Path,
    lang: Lang,
    out: &mut Vec<Action>,
) {
    let choices = cmp.earlier_in_folder(report);
    let Some(found) = cmp.same_unit.as_ref().filter(|_| !choices.is_empty()) else {
        command_button(ui, UiCommand::CompareWith, lang, out);
        return;
    };
    let weak = Palette::for_dark(ui.visuals().dark_mode).weak;
    let compared = cmp.active.as_ref().map(|a| a.older_path.as_path());
    ui.menu_button(UiCommand::CompareWith.label(lang), |ui| {
        ui.label(RichText::new(T::PickerSameUnit.get(lang)).color(weak));
        for c in choices {
            let name = c
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let label = format!("{}{}  {name}", c.year, lang.pick("年", ""));
            let on = compared == Some(c.path.as_path());
            if ui.selectable_label(on, label).clicked() {
                out.push(Action::CompareWith(c.path.clone()));
                ui.close();
            }
            let missing = found.missing_between(c.year);
            if !missing.is_empty() {
                let years: Vec<String> = missing.iter().map(i32::to_string).collect();
                ui.label(
                    RichText::new(format!(
                        "    {}{}",
                        T::PickerSkipped.get(lang),
                        years.join(lang.pick("、", ", "))
                    ))
                    .color(weak),
                );
            }
        }
        ui.separator();
        if ui.button(T::PickerOtherFile.get(lang)).clicked() {
            out.push(Action::Command(UiCommand::CompareWith));
            ui.close();
        }
    })
    .response
    .on_hover_text(UiCommand::CompareWith.tooltip(lang));
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

fn status_label(s: Option<AutoStatus>, lang: crate::i18n::Lang) -> &'static str {
    crate::ui::checklist::auto_label(s, lang)
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
            status_label(s, self.lang)
        ))
        .color(self.palette.auto_status(s))
    }

    /// The reviewer's verdict and score of an item in one year: "符合 90",
    /// "未审", or "无审阅记录" when that year has no saved assessment.
    fn verdict_text(&self, review: Option<Option<&crate::assessment::Review>>) -> RichText {
        let lang = self.lang;
        match review {
            None => RichText::new(T::NoAssessment.get(lang)).color(self.palette.weak),
            Some(None) => RichText::new(T::NotInAssessment.get(lang)).color(self.palette.weak),
            Some(Some(r)) => {
                let v = r.verdict;
                let score = r
                    .effective_score()
                    .filter(|_| v.is_reviewed())
                    .map(|s| format!(" {s:.0}"))
                    .unwrap_or_default();
                RichText::new(format!(
                    "{}{score}",
                    crate::ui::checklist::verdict_label(v, lang)
                ))
                .color(self.palette.verdict(v))
            }
        }
    }

    /// The review of item `id` in the older year: outer `None` when that
    /// year has no assessment.
    fn older_review(&self, id: &str) -> Option<Option<&crate::assessment::Review>> {
        let a = self.older?.assessment.as_ref()?;
        Some(a.item(id).map(|i| &i.review))
    }

    /// The review of item `id` in the report under review.
    fn newer_review(&self, id: &str) -> Option<Option<&crate::assessment::Review>> {
        Some(self.report.assessment.item(id).map(|i| &i.review))
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

    /// The tabs, and on the same row the view's commands — or, where the
    /// row has no room for both (English at 1000×700), the picker and the
    /// exports on a row of their own above the tabs, and the way back at
    /// the tabs' right end (on the commands' row it wrapped alone onto a
    /// line). Laid out right to left on a row too short for them, the
    /// commands ran past the view's left edge and pushed the whole view off
    /// screen.
    fn tabs(&self, ui: &mut Ui, out: &mut Vec<Action>) {
        let lang = self.lang;
        let gap = ui.spacing().item_spacing.x;
        let width = crate::ui::theme::buttons_row_width;
        let tab_labels: Vec<&str> = CompareTab::ALL
            .iter()
            .map(|t| t.label().get(lang))
            .collect();
        let commands = [
            UiCommand::CompareWith.label(lang),
            UiCommand::ExportComparisonHtml.label(lang),
            UiCommand::ExportComparisonMarkdown.label(lang),
            UiCommand::CloseComparison.label(lang),
        ];
        // Two separators of about 2 × item spacing each.
        let needed = width(ui, &tab_labels) + width(ui, &commands) + 4.0 * gap;
        let one_row = needed <= ui.available_width();
        if !one_row {
            ui.horizontal_wrapped(|ui| {
                picker(ui, self.cmp, &self.report.report_path, lang, out);
                ui.separator();
                command_button(ui, UiCommand::ExportComparisonHtml, lang, out);
                command_button(ui, UiCommand::ExportComparisonMarkdown, lang, out);
            });
        }
        ui.horizontal_wrapped(|ui| {
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
                if one_row {
                    ui.separator();
                    command_button(ui, UiCommand::ExportComparisonMarkdown, lang, out);
                    command_button(ui, UiCommand::ExportComparisonHtml, lang, out);
                    ui.separator();
                    picker(ui, self.cmp, &self.report.report_path, lang, out);
                }
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

    // ----- 上年计划落实 -----

    // ----- 指标对比 -----

    // ----- 重复文字 -----
}
