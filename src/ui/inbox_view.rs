//! The inbox drawn: a header (folder, progress, filters), a summary strip
//! with a small chart of what is most often missing, and the table of
//! reports (egui_extras), sortable by any column, filling in as reports are
//! reviewed. Reads [`Inbox`] and returns [`InboxAction`]s; changes nothing.

use egui::{Align, Color32, Layout, RichText, Sense, Ui};
use egui_extras::{Column as TableColumn, TableBuilder};

use super::inbox::{Column, Entry, EntryState, Inbox, InboxAction, Show};
use super::strings::T;
use super::theme::Palette;
use crate::i18n::Lang;
use crate::inbox::{ReportRow, ReviewStatus};
use crate::structure::DocumentKind;

/// Height of a table row.
const ROW_HEIGHT: f32 = 24.0;

fn column_title(c: Column) -> T {
    match c {
        Column::Unit => T::ColUnit,
        Column::Year => T::ColYear,
        Column::Kind => T::ColKind,
        Column::File => T::ColFile,
        Column::Chars => T::ColChars,
        Column::Missing => T::ColMissing,
        Column::Coverage => T::ColCoverage,
        Column::Published => T::ColPublished,
        Column::Status => T::ColStatus,
        Column::Verdicts => T::ColVerdicts,
        Column::Copied => T::ColCopied,
        Column::Modified => T::ColModified,
    }
}

fn show_label(s: Show) -> T {
    match s {
        Show::All => T::ShowAll,
        Show::MissingParts => T::ShowMissing,
        Show::Late => T::ShowLate,
        Show::Copied => T::ShowCopied,
        Show::NotDone => T::ShowNotDone,
        Show::Failed => T::ShowFailed,
    }
}

fn kind_label(k: DocumentKind) -> T {
    match k {
        DocumentKind::AnnualReport => T::KindAnnual,
        DocumentKind::WorkPoints => T::KindPoints,
        DocumentKind::Other => T::KindOther,
    }
}

/// The whole inbox view.
pub fn show(ui: &mut Ui, inbox: &mut Inbox, lang: Lang) -> Vec<InboxAction> {
    let palette = Palette::for_dark(ui.visuals().dark_mode);
    let mut out = Vec::new();
    header(ui, inbox, lang, &mut out);
    ui.separator();
    summary_strip(ui, inbox, lang, &palette);
    ui.separator();
    if inbox.entries.is_empty() && !inbox.busy {
        ui.label(RichText::new(T::InboxEmpty.get(lang)).color(palette.weak));
    } else {
        // A window narrower than the columns scrolls the table sideways
        // instead of cutting off its last columns.
        egui::ScrollArea::horizontal()
            .id_salt("inbox_table_sideways")
            .show(ui, |ui| table(ui, inbox, lang, &palette, &mut out));
    }
    passages_window(ui, inbox, lang, &mut out);
    out
}

fn header(ui: &mut Ui, inbox: &Inbox, lang: Lang, out: &mut Vec<InboxAction>) {
    ui.horizontal(|ui| {
        ui.heading(format!(
            "{} — {} {}",
            inbox.name(),
            inbox.entries.len(),
            T::InboxReports.get(lang)
        ));
        let (done, total) = (inbox.settled(), inbox.entries.len());
        if done < total {
            let bar = egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                .desired_width(220.0)
                .text(format!("{done}/{total}"));
            ui.add(bar);
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button(T::InboxRescan.get(lang)).clicked() {
                out.push(InboxAction::Rescan);
            }
            egui::ComboBox::new("inbox_show", T::ShowLabel.get(lang))
                .selected_text(show_label(inbox.show).get(lang))
                .show_ui(ui, |ui| {
                    for s in Show::ALL {
                        if ui
                            .selectable_label(inbox.show == s, show_label(s).get(lang))
                            .clicked()
                        {
                            out.push(InboxAction::SetShow(s));
                        }
                    }
                });
            let mut filter = inbox.filter.clone();
            let edit = egui::TextEdit::singleline(&mut filter)
                .hint_text(T::InboxFilter.get(lang))
                .desired_width(200.0);
            if ui.add(edit).changed() {
                out.push(InboxAction::SetFilter(filter));
            }
            deadline_field(ui, inbox, lang, out);
        });
    });
}

/// The deadline, editable: applied as soon as it reads as a date; while it
/// does not, the field is marked and says which forms it takes.
fn deadline_field(ui: &mut Ui, inbox: &Inbox, lang: Lang, out: &mut Vec<InboxAction>) {
    let mut text = inbox.deadline_text.clone();
    let mut edit = egui::TextEdit::singleline(&mut text)
        .desired_width(90.0)
        .hint_text(inbox.deadline.label_in(lang));
    if inbox.deadline_invalid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit).on_hover_text(T::InboxDeadlineHelp.get(lang));
    if response.changed() {
        out.push(InboxAction::EditDeadline(text));
    }
    if inbox.deadline_invalid {
        ui.label(
            RichText::new(T::InboxDeadlineInvalid.get(lang)).color(ui.visuals().error_fg_color),
        );
    }
    // Right to left: the label comes after its field in code.
    let label = ui.label(format!(
        "{}{}",
        T::InboxDeadline.get(lang),
        lang.pick("：", ":")
    ));
    response.labelled_by(label.id);
}

fn summary_strip(ui: &mut Ui, inbox: &mut Inbox, lang: Lang, palette: &Palette) {
    let s = inbox.summary().clone();
    ui.horizontal(|ui| {
        let stat = |ui: &mut Ui, label: T, n: usize, color: Color32| {
            ui.label(
                RichText::new(n.to_string())
                    .strong()
                    .size(18.0)
                    .color(color),
            );
            ui.label(label.get(lang));
            ui.add_space(10.0);
        };
        stat(ui, T::SumReports, s.reports, palette.text);
        stat(ui, T::SumDone, s.done, palette.ok);
        stat(ui, T::SumMissing, s.missing_parts, palette.warn);
        stat(ui, T::SumLate, s.late, palette.warn);
        stat(ui, T::SumCopied, s.copied, palette.error);
        if s.failures > 0 {
            stat(ui, T::SumFailed, s.failures, palette.error);
        }
        ui.separator();
        ui.label(RichText::new(T::SumMostMissing.get(lang)).color(palette.weak));
        let bars: Vec<(String, usize)> = s
            .parts_most_missing
            .iter()
            .take(3)
            .chain(s.items_most_missing.iter().take(4))
            .map(|t| (t.id.clone(), t.count))
            .collect();
        chart(ui, &bars, s.reports.max(1), palette);
    });
}

/// A small bar chart: one bar per id, its height the share of reports. Each
/// bar's slot is as wide as its label ("G15-1.4 507" is wider than a bar), so
/// labels never run into each other.
fn chart(ui: &mut Ui, bars: &[(String, usize)], of: usize, palette: &Palette) {
    let (bar_w, gap, h) = (46.0, 6.0, 34.0);
    let font = egui::FontId::proportional(10.0);
    let labels: Vec<_> = bars
        .iter()
        .map(|(id, n)| {
            ui.painter()
                .layout_no_wrap(format!("{id} {n}"), font.clone(), palette.weak)
        })
        .collect();
    let slots: Vec<f32> = labels.iter().map(|l| l.size().x.max(bar_w) + gap).collect();
    let width: f32 = slots.iter().sum();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width.max(1.0), h + 14.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let mut x = rect.left();
    for (((id, n), label), slot) in bars.iter().zip(labels).zip(slots) {
        let centre = x + (slot - gap) / 2.0;
        x += slot;
        let share = *n as f32 / of as f32;
        let top = rect.top() + h * (1.0 - share.clamp(0.0, 1.0));
        let bar = egui::Rect::from_min_max(
            egui::pos2(centre - bar_w / 2.0, top),
            egui::pos2(centre + bar_w / 2.0, rect.top() + h),
        );
        let color = if id.starts_with("DC") {
            palette.warn
        } else {
            palette.chart_new
        };
        painter.rect_filled(bar, 2.0, color);
        let at = egui::pos2(centre - label.size().x / 2.0, rect.top() + h + 1.0);
        painter.galley(at, label, palette.weak);
    }
    response.on_hover_text(
        bars.iter()
            .map(|(id, n)| format!("{id}: {n}/{of}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

fn table(
    ui: &mut Ui,
    inbox: &mut Inbox,
    lang: Lang,
    palette: &Palette,
    out: &mut Vec<InboxAction>,
) {
    let order = inbox.visible().to_vec();
    let (sort_col, asc) = inbox.sort;
    let selected = inbox.selected.clone();
    let widths = [
        150.0, 48.0, 70.0, 180.0, 56.0, 110.0, 64.0, 120.0, 70.0, 140.0, 140.0,
    ];
    let mut builder = TableBuilder::new(ui)
        .id_salt("inbox_table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(Layout::left_to_right(Align::Center));
    for w in widths {
        builder = builder.column(TableColumn::initial(w).at_least(36.0).clip(true));
    }
    builder = builder.column(TableColumn::remainder().at_least(100.0));
    builder
        .header(ROW_HEIGHT, |mut header| {
            for c in Column::ALL {
                header.col(|ui| {
                    let mut title = column_title(c).get(lang).to_string();
                    if c == sort_col {
                        title.push_str(if asc { " ▲" } else { " ▼" });
                    }
                    if ui
                        .add(egui::Button::new(RichText::new(title).strong()).frame(false))
                        .clicked()
                    {
                        out.push(InboxAction::SortBy(c));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, order.len(), |mut row| {
                let Some(entry) = order.get(row.index()).and_then(|&i| inbox.entries.get(i)) else {
                    return;
                };
                row.set_selected(selected.as_ref() == Some(&entry.path));
                for c in Column::ALL {
                    row.col(|ui| cell(ui, entry, c, lang, palette));
                }
                let response = row.response();
                if response.double_clicked() {
                    out.push(InboxAction::Open(entry.path.clone()));
                } else if response.clicked() {
                    out.push(InboxAction::Select(entry.path.clone()));
                }
                response.context_menu(|ui| row_menu(ui, inbox, entry, lang, out));
            });
        });
}

fn row_menu(ui: &mut Ui, inbox: &Inbox, entry: &Entry, lang: Lang, out: &mut Vec<InboxAction>) {
    if ui.button(T::OpenInWorkbench.get(lang)).clicked() {
        out.push(InboxAction::Open(entry.path.clone()));
        ui.close();
    }
    let years = inbox.same_unit(&entry.path);
    let this_year = entry.row().and_then(|r| r.year).unwrap_or_default();
    if !years.is_empty() {
        ui.menu_button(T::CompareYears.get(lang), |ui| {
            for (other, year) in &years {
                if ui.button(format!("{year}")).clicked() {
                    let (older, newer) = if *year < this_year {
                        (other.clone(), entry.path.clone())
                    } else {
                        (entry.path.clone(), other.clone())
                    };
                    out.push(InboxAction::CompareYears { older, newer });
                    ui.close();
                }
            }
        });
    }
    if entry.row().is_some_and(|r| !r.copied_from.is_empty())
        && ui.button(T::ShowCopiesSide.get(lang)).clicked()
    {
        out.push(InboxAction::ShowCopies(entry.path.clone()));
        ui.close();
    }
}

fn cell(ui: &mut Ui, entry: &Entry, c: Column, lang: Lang, palette: &Palette) {
    let row = match &entry.state {
        EntryState::Done(r) => r,
        EntryState::Pending => {
            match c {
                Column::File => {
                    ui.label(entry.name());
                }
                Column::Unit => {
                    ui.label(RichText::new(T::InboxAnalysing.get(lang)).color(palette.weak));
                }
                _ => {}
            }
            return;
        }
        EntryState::Failed(reason) => {
            match c {
                Column::File => {
                    ui.label(entry.name());
                }
                Column::Unit => {
                    ui.label(RichText::new(T::InboxFailed.get(lang)).color(palette.error))
                        .on_hover_text(reason);
                }
                Column::Modified => {
                    // The file is named in its own column: the cell starts
                    // with what is wrong, the tooltip keeps the whole message.
                    let path = format!("{}: ", entry.path.display());
                    let what = reason.strip_prefix(path.as_str()).unwrap_or(reason);
                    ui.label(RichText::new(what).color(palette.error))
                        .on_hover_text(reason);
                }
                _ => {}
            }
            return;
        }
    };
    match c {
        Column::Unit => {
            ui.label(row.unit.as_deref().unwrap_or("—"));
        }
        Column::Year => {
            ui.label(row.year.map_or_else(|| "—".into(), |y| y.to_string()));
        }
        Column::Kind => {
            let color = if row.document_kind == DocumentKind::AnnualReport {
                palette.text
            } else {
                palette.warn
            };
            ui.label(RichText::new(kind_label(row.document_kind).get(lang)).color(color));
        }
        Column::File => {
            ui.label(entry.name())
                .on_hover_text(entry.path.display().to_string());
        }
        Column::Chars => {
            ui.label(row.chars.to_string());
        }
        Column::Missing => missing_cell(ui, row, lang, palette),
        Column::Coverage => {
            ui.label(format!("{:.0}%", row.coverage));
        }
        Column::Published => match (row.published, row.on_time) {
            (Some(d), Some(true)) => {
                ui.label(format!("{d} {}", T::OnTime.get(lang)));
            }
            (Some(d), Some(false)) => {
                ui.label(RichText::new(format!("{d} {}", T::Late.get(lang))).color(palette.error));
            }
            (Some(d), None) => {
                ui.label(d.to_string());
            }
            (None, _) => {
                ui.label(RichText::new("—").color(palette.weak));
            }
        },
        Column::Status => {
            let color = match row.review_status {
                ReviewStatus::Done => palette.ok,
                ReviewStatus::InProgress => palette.warn,
                ReviewStatus::NotStarted => palette.weak,
            };
            ui.label(RichText::new(row.review_status.label(lang)).color(color));
        }
        Column::Verdicts => {
            ui.label(row.verdicts.label(lang));
        }
        Column::Copied => match row.copied_from.first() {
            Some(m) => {
                let other = m.unit.clone().unwrap_or_else(|| {
                    m.file
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                });
                ui.label(
                    RichText::new(format!("{other} {:.0}%", m.share * 100.0)).color(palette.error),
                )
                .on_hover_text(m.file.display().to_string());
            }
            None => {
                ui.label(RichText::new("—").color(palette.weak));
            }
        },
        Column::Modified => {
            let text = row.modified.map_or_else(
                || "—".to_string(),
                |t| {
                    let z = t.to_zoned(jiff::tz::TimeZone::system());
                    z.strftime("%Y-%m-%d %H:%M").to_string()
                },
            );
            ui.label(text);
        }
    }
}

fn missing_cell(ui: &mut Ui, row: &ReportRow, lang: Lang, palette: &Palette) {
    if row.parts_missing.is_empty() {
        ui.label(RichText::new("—").color(palette.weak));
        return;
    }
    let ids: Vec<&str> = row.parts_missing.iter().map(|p| p.as_str()).collect();
    let names: Vec<&str> = row.parts_missing.iter().map(|p| p.label(lang)).collect();
    ui.label(RichText::new(ids.join(" ")).color(palette.warn))
        .on_hover_text(names.join("、"));
}

fn passages_window(ui: &mut Ui, inbox: &Inbox, lang: Lang, out: &mut Vec<InboxAction>) {
    let Some(p) = &inbox.passages else {
        return;
    };
    let mut open = true;
    let name = |path: &std::path::Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    egui::Window::new(T::CopiesTitle.get(lang))
        .open(&mut open)
        .default_size([1000.0, 600.0])
        .show(ui.ctx(), |ui| {
            ui.label(format!(
                "{} ⟷ {}（{}）  {} {:.0}%",
                name(&p.path),
                name(&p.other),
                p.other_unit.as_deref().unwrap_or("—"),
                T::CopiesShare.get(lang),
                p.share * 100.0
            ));
            ui.separator();
            match &p.pairs {
                None => {
                    ui.spinner();
                    ui.label(T::CopiesLoading.get(lang));
                }
                Some(Err(e)) => {
                    ui.label(e);
                }
                Some(Ok(pairs)) => {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        for (here, there) in pairs {
                            ui.columns(2, |cols| {
                                cols[0].label(here);
                                cols[1].label(there);
                            });
                            ui.separator();
                        }
                    });
                }
            }
        });
    if !open {
        out.push(InboxAction::CloseCopies);
    }
}
