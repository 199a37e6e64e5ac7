//! The checklist on the right: items grouped by framework with their
//! automatic status, the reviewer's verdict, score and a comment marker;
//! filters; and, for the selected item, its description, the automatic
//! reason, the evidence (jump, accept, reject), the reviewer's linked
//! passages, verdict buttons, score and comment. Below: the overall review
//! and the annotations (with those needing attention after the report
//! changed).

use egui::{Align, RichText, Ui};

use super::actions::Action;
use super::command::UiCommand;
use super::report::Report;
use super::review::{self, EvidenceMark, Filter};
use super::strings::T;
use super::theme::{self, Palette};
use crate::analysis::AutoStatus;
use crate::assessment::Verdict;
use crate::i18n::Lang;

/// The automatic status of an item, `None` when the analysis has no result.
fn auto_status(report: &Report, i: usize) -> Option<AutoStatus> {
    let item = report.assessment.items.get(i)?;
    report
        .analysed
        .contains(&item.id)
        .then_some(item.auto.status)
}

/// The automatic status in words: the library's wording (the same as in
/// the exports), or "no automatic result".
pub fn auto_label(status: Option<AutoStatus>, lang: Lang) -> &'static str {
    match status {
        Some(s) => crate::export::auto_label(s, lang),
        None => T::AutoNone.get(lang),
    }
}

/// An item's title as the checklist shows it: the framework's title; in
/// English, a required part (DC1–DC5) by its English name, as the left
/// panel names it, since the framework text is Chinese.
pub fn item_title(item: &crate::assessment::ItemAssessment, lang: Lang) -> String {
    match (lang, crate::structure::PartId::parse(&item.id)) {
        (Lang::En, Some(part)) => part.label(lang).to_string(),
        _ => item.title.clone(),
    }
}

/// A framework's name as the checklist groups by it: the required parts
/// by the UI's name for them, others by their own short name.
pub fn framework_label(report: &Report, fw: &str, lang: Lang) -> String {
    if fw == "DC" {
        return T::RequiredParts.get(lang).to_string();
    }
    report
        .frameworks
        .iter()
        .find(|f| f.id == fw)
        .map_or_else(|| fw.to_string(), |f| f.label().to_string())
}

/// The verdict's label in `lang`.
pub fn verdict_label(v: Verdict, lang: Lang) -> &'static str {
    lang.pick(v.label_zh(), v.label_en())
}

fn verdict_command(v: Verdict) -> UiCommand {
    match v {
        Verdict::Met => UiCommand::VerdictMet,
        Verdict::PartlyMet => UiCommand::VerdictPartlyMet,
        Verdict::NotMet => UiCommand::VerdictNotMet,
        Verdict::NotApplicable => UiCommand::VerdictNotApplicable,
        Verdict::Unreviewed => UiCommand::VerdictUnreviewed,
    }
}

fn filter_label(f: Filter) -> T {
    match f {
        Filter::All => T::FilterAll,
        Filter::Unreviewed => T::FilterUnreviewed,
        Filter::Missing => T::FilterMissing,
        Filter::Commented => T::FilterCommented,
    }
}

/// Draws the checklist panel. `list_height` is the height of the item list
/// above the selected item's detail; the reviewer drags the splitter
/// between them, and the height is remembered in the settings.
pub fn show(
    ui: &mut Ui,
    report: &mut Report,
    filter: Filter,
    lang: Lang,
    list_height: &mut f32,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let palette = Palette::for_dark(ui.visuals().dark_mode);
    let (done, total) = report.progress();
    ui.horizontal(|ui| {
        ui.heading(T::Checklist.get(lang));
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            ui.label(format!("{} {done} / {total}", T::Reviewed.get(lang)));
        });
    });
    ui.horizontal_wrapped(|ui| {
        // The four tabs stay on one line: in a narrow panel (English at
        // 1000×700) the "Filter" label gives way rather than "Commented"
        // wrapping alone onto a second line.
        let gap = ui.spacing().item_spacing.x;
        let labels: Vec<&str> = Filter::ALL
            .iter()
            .map(|&f| filter_label(f).get(lang))
            .collect();
        let tabs = super::theme::buttons_row_width(ui, &labels);
        let label = T::FilterLabel.get(lang);
        let room = ui.available_width();
        if tabs + super::theme::button_text_width(ui, label) + gap <= room {
            ui.label(RichText::new(label).color(palette.weak));
        }
        // Still too wide: the tabs in the small size, then tighter.
        let small = tabs > room;
        if small {
            ui.spacing_mut().button_padding.x = 2.0;
            ui.spacing_mut().item_spacing.x = 4.0;
        }
        for f in Filter::ALL {
            let mut text = RichText::new(filter_label(f).get(lang));
            if small {
                text = text.small();
            }
            if ui
                .add(egui::Button::selectable(filter == f, text))
                .clicked()
            {
                actions.push(Action::SetFilter(f));
            }
        }
    });
    if let Some(n) = &report.framework_notice {
        ui.label(RichText::new(n).color(palette.warn).small());
    }
    ui.separator();
    let visible = report.visible_items(filter);
    // Leave the detail at least a few lines, whatever was remembered.
    let room = (ui.available_height() - 120.0).max(super::settings::PanelSizes::MIN_LIST);
    let height = list_height.clamp(super::settings::PanelSizes::MIN_LIST, room);
    let reveal = std::mem::take(&mut report.reveal_item);
    egui::ScrollArea::vertical()
        .id_salt("checklist_list")
        .min_scrolled_height(height)
        .max_height(height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if report.assessment.items.is_empty() {
                ui.label(RichText::new(T::NoItems.get(lang)).color(palette.weak));
                return;
            }
            if visible.is_empty() {
                ui.label(RichText::new(T::NoItemsFiltered.get(lang)).color(palette.weak));
                return;
            }
            // Group by framework, in the order the items come.
            let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
            for &i in &visible {
                let fw = report.assessment.items[i].framework.clone();
                match groups.last_mut() {
                    Some((g, list)) if *g == fw => list.push(i),
                    _ => groups.push((fw, vec![i])),
                }
            }
            for (fw, list) in groups {
                let label = framework_label(report, &fw, lang);
                egui::CollapsingHeader::new(format!("{label} ({})", list.len()))
                    .id_salt(("fw", fw.as_str()))
                    .default_open(true)
                    .show(ui, |ui| {
                        for i in list {
                            item_row(ui, report, i, reveal, lang, &palette, &mut actions);
                        }
                    });
            }
        });
    if let Some(h) = splitter(ui, height, lang, &palette) {
        *list_height = h.clamp(super::settings::PanelSizes::MIN_LIST, room);
    }
    // The detail starts at the top for each newly selected item, so its
    // title is never cut off by the last item's scroll position.
    let shown_id = egui::Id::unique("checklist_detail_shown_item");
    let last: Option<Option<usize>> = ui.data(|d| d.get_temp(shown_id));
    let fresh = last != Some(report.selected_item);
    ui.data_mut(|d| d.insert_temp(shown_id, report.selected_item));
    let mut detail_area = egui::ScrollArea::vertical()
        .id_salt("checklist_detail")
        .auto_shrink([false, false]);
    if fresh {
        detail_area = detail_area.vertical_scroll_offset(0.0);
    }
    detail_area.show(ui, |ui| {
        detail(ui, report, lang, &palette, &mut actions);
        ui.add_space(8.0);
        overall(ui, report, lang, &palette, &mut actions);
        annotations(ui, report, lang, &palette, &mut actions);
    });
    actions
}

/// The splitter under the item list: a bar to drag up or down. Returns the
/// new list height while it is dragged.
fn splitter(ui: &mut Ui, height: f32, lang: Lang, palette: &Palette) -> Option<f32> {
    let (rect, resp) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 8.0), egui::Sense::drag());
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Splitter, true, T::SplitterHelp.get(lang))
    });
    let resp = resp.on_hover_text(T::SplitterHelp.get(lang));
    let hot = resp.hovered() || resp.dragged();
    if hot {
        ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeVertical);
    }
    let stroke = if hot {
        ui.visuals().widgets.active.bg_stroke
    } else {
        egui::Stroke::new(1.0, palette.weak.gamma_multiply(0.5))
    };
    ui.painter().hline(rect.x_range(), rect.center().y, stroke);
    resp.dragged().then(|| height + resp.drag_delta().y)
}

fn item_row(
    ui: &mut Ui,
    report: &Report,
    i: usize,
    reveal: bool,
    lang: Lang,
    palette: &Palette,
    actions: &mut Vec<Action>,
) {
    let Some(item) = report.assessment.items.get(i) else {
        return;
    };
    let status = auto_status(report, i);
    let selected = report.selected_item == Some(i);
    let depth = item
        .parent
        .as_ref()
        .map_or(0, |_| 1 + usize::from(item.id.matches('.').count() > 1));
    ui.horizontal(|ui| {
        ui.add_space(depth as f32 * 12.0);
        ui.label(RichText::new(theme::auto_icon(status)).color(palette.auto_status(status)))
            .on_hover_text(auto_label(status, lang));
        let verdict = item.review.verdict;
        let mut text = format!("{} {}", item.id, item_title(item, lang));
        if !item.review.comment.trim().is_empty() {
            text = format!("{text} {}", theme::COMMENT_MARK);
        }
        let resp = ui
            .with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
                let mut badge = if verdict.is_reviewed() {
                    let score = item
                        .review
                        .effective_score()
                        .map(|s| format!(" {s:.0}"))
                        .unwrap_or_default();
                    RichText::new(format!("{}{score}", verdict_label(verdict, lang)))
                        .color(palette.verdict(verdict))
                } else {
                    RichText::new(verdict_label(verdict, lang)).color(palette.weak)
                };
                if item.review.carried {
                    // Carried over from last year, not yet confirmed: the
                    // verdict in italics and a 承 badge until touched.
                    badge = badge.italics();
                }
                ui.label(badge);
                if item.review.carried {
                    ui.label(
                        RichText::new(T::CarriedBadge.get(lang))
                            .small()
                            .strong()
                            .color(palette.warn),
                    )
                    .on_hover_text(T::CarriedTip.get(lang));
                }
                // The title takes the rest of the row, left-aligned.
                ui.with_layout(egui::Layout::left_to_right(Align::Center), |ui| {
                    ui.add(
                        egui::Button::selectable(selected, text)
                            .truncate()
                            .frame_when_inactive(false),
                    )
                })
                .inner
            })
            .inner;
        if resp.clicked() {
            actions.push(Action::SelectItem(i));
        }
        if selected && reveal {
            resp.scroll_to_me(Some(Align::Center));
        }
    });
}

fn detail(ui: &mut Ui, report: &Report, lang: Lang, palette: &Palette, actions: &mut Vec<Action>) {
    let Some(i) = report.selected_item else {
        ui.label(RichText::new(T::SelectItemHint.get(lang)).color(palette.weak));
        return;
    };
    let Some(item) = report.assessment.items.get(i) else {
        return;
    };
    ui.label(
        RichText::new(format!("{} {}", item.id, item_title(item, lang)))
            .strong()
            .size(ui.text_style_height(&egui::TextStyle::Body) * 1.05),
    );
    if let Some(d) = report.description(&item.id) {
        ui.label(
            RichText::new(T::Description.get(lang))
                .color(palette.weak)
                .small(),
        );
        ui.add(egui::Label::new(d).wrap());
    }
    // Automatic finding.
    let status = auto_status(report, i);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(T::AutoReason.get(lang)).color(palette.weak));
        ui.label(
            RichText::new(format!(
                "{} {}",
                theme::auto_icon(status),
                auto_label(status, lang)
            ))
            .color(palette.auto_status(status)),
        );
        if status.is_some() {
            // The number is labelled: what it is and that the total does
            // not count it. Kept whole: wrapped, it split "78 /" from "100".
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "· {} {:.0} / 100",
                        T::AutoScore.get(lang),
                        item.auto.score
                    ))
                    .color(palette.weak),
                )
                .extend(),
            )
            .on_hover_text(T::AutoScoreHelp.get(lang));
        }
    });
    let reason = item.auto.reason_text(lang);
    if !reason.trim().is_empty() {
        let reason = crate::i18n::as_sentence(&reason);
        ui.add(egui::Label::new(RichText::new(reason).color(palette.weak)).wrap());
    }
    // A verdict carried over from last year waits for confirmation.
    if item.review.carried {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    T::CarriedBadge.get(lang),
                    T::CarriedNote.get(lang)
                ))
                .color(palette.warn),
            );
            if ui
                .button(T::ConfirmCarried.get(lang))
                .on_hover_text(T::CarriedTip.get(lang))
                .clicked()
            {
                actions.push(Action::SetVerdict(i, item.review.verdict));
            }
        });
    }
    // Verdict: the five buttons on one row when they fit, else three and
    // two — never one button ("未审 5") alone on a line.
    ui.add_space(4.0);
    ui.label(RichText::new(T::Verdict.get(lang)).color(palette.weak));
    let labels: Vec<(Verdict, String)> = Verdict::all()
        .into_iter()
        .map(|v| {
            let key = verdict_command(v).shortcut_text().unwrap_or_default();
            (v, format!("{} {key}", verdict_label(v, lang)))
        })
        .collect();
    let font = egui::TextStyle::Button.resolve(ui.style());
    let pad = ui.spacing().button_padding.x * 2.0 + ui.spacing().item_spacing.x;
    let needed: f32 = labels
        .iter()
        .map(|(_, l)| {
            ui.painter()
                .layout_no_wrap(l.clone(), font.clone(), palette.text)
                .size()
                .x
                + pad
        })
        .sum();
    let split = if needed <= ui.available_width() {
        labels.len()
    } else {
        3
    };
    for row in labels.chunks(split) {
        ui.horizontal(|ui| {
            for (v, label) in row {
                let selected = item.review.verdict == *v;
                let text = if selected {
                    RichText::new(label).color(palette.verdict(*v)).strong()
                } else {
                    RichText::new(label)
                };
                if ui
                    .add(egui::Button::selectable(selected, text))
                    .on_hover_text(verdict_command(*v).tooltip(lang))
                    .clicked()
                {
                    actions.push(Action::SetVerdict(i, *v));
                }
            }
        });
    }
    // Score.
    ui.horizontal(|ui| {
        let mut custom = item.review.score.is_some();
        if ui.checkbox(&mut custom, T::ScoreSet.get(lang)).changed() {
            let s = if custom {
                Some(item.review.effective_score().unwrap_or(item.auto.score))
            } else {
                None
            };
            actions.push(Action::SetScore(i, s));
        }
        if let Some(mut s) = item.review.score {
            if ui
                .add(
                    egui::Slider::new(&mut s, 0.0..=100.0)
                        .step_by(1.0)
                        .text(T::Score.get(lang)),
                )
                .changed()
            {
                actions.push(Action::SetScore(i, Some(s)));
            }
        } else {
            let shown = item
                .review
                .effective_score()
                .map_or_else(|| "—".to_string(), |s| format!("{s:.0}"));
            ui.label(
                RichText::new(format!(
                    "{} {} {shown}",
                    T::Score.get(lang),
                    T::ScoreAuto.get(lang)
                ))
                .color(palette.weak),
            );
        }
    });
    // Comment.
    let mut comment = item.review.comment.clone();
    let label = ui.label(RichText::new(T::Comment.get(lang)).color(palette.weak));
    let resp = ui.add(
        egui::TextEdit::multiline(&mut comment)
            .id_salt(("comment", item.id.as_str()))
            .hint_text(T::CommentHint.get(lang))
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    let resp = resp.labelled_by(label.id);
    if resp.changed() {
        actions.push(Action::SetComment(i, comment));
    }
    // Evidence.
    ui.add_space(4.0);
    let rows = review::evidence_rows(item);
    // "证据 3 / 8" while one row is shown, else "证据 (8)".
    let heading = match report.selected_evidence.filter(|n| *n < rows.len()) {
        Some(n) => super::navigation::evidence_counter(lang, n, rows.len()),
        None => format!("{} ({})", T::Evidence.get(lang), rows.len()),
    };
    ui.label(RichText::new(heading).strong())
        .on_hover_text(T::EvidenceNavHelp.get(lang));
    if item.auto.evidence.is_empty() {
        ui.label(RichText::new(T::NoEvidence.get(lang)).color(palette.weak));
    }
    let current = report
        .selected_evidence
        .and_then(|n| rows.get(n).map(|(r, _)| *r));
    for (n, e) in item.auto.evidence.iter().enumerate() {
        let mark = review::evidence_mark(item, e.range);
        ui.push_id(("evidence", n), |ui| {
            ui.horizontal(|ui| {
                let accept = mark == EvidenceMark::Accepted;
                let reject = mark == EvidenceMark::Rejected;
                if ui
                    .add(egui::Button::selectable(accept, T::Accept.get(lang)).small())
                    .clicked()
                {
                    let to = if accept {
                        EvidenceMark::Open
                    } else {
                        EvidenceMark::Accepted
                    };
                    actions.push(Action::MarkEvidence(i, e.range, to));
                }
                if ui
                    .add(egui::Button::selectable(reject, T::Reject.get(lang)).small())
                    .clicked()
                {
                    let to = if reject {
                        EvidenceMark::Open
                    } else {
                        EvidenceMark::Rejected
                    };
                    actions.push(Action::MarkEvidence(i, e.range, to));
                }
                // The strength label (具体 / 一般 / 提及) first, so the
                // reviewer sees at a glance how much each quote shows.
                let label = e.strength.label(lang);
                if !label.is_empty() {
                    let color = match e.strength {
                        crate::analysis::Strength::Concrete => palette.ok,
                        crate::analysis::Strength::General => palette.text,
                        _ => palette.weak,
                    };
                    ui.label(RichText::new(format!("[{label}]")).small().color(color))
                        .on_hover_text(T::StrengthHelp.get(lang));
                }
                // The others stay one line each (no tooltip covering the
                // rows below); the row shown in the report is wrapped in
                // full on the lines under its buttons, across the whole
                // panel (beside the buttons it had a third of a narrow panel,
                // nine characters a line at 1000×700).
                let shown = current == Some(e.range);
                let head = if shown {
                    format!("{}.", n + 1)
                } else {
                    let quote: String = e.quote.chars().take(80).collect();
                    format!("{}. {quote}", n + 1)
                };
                let button = egui::Button::selectable(shown, quote_text(head, reject, palette))
                    .frame_when_inactive(false)
                    .truncate();
                if ui.add(button).clicked() {
                    actions.push(Action::ShowEvidence(e.range));
                }
            });
            if current == Some(e.range) {
                let reject = mark == EvidenceMark::Rejected;
                let whole =
                    egui::Button::selectable(true, quote_text(e.quote.clone(), reject, palette))
                        .frame_when_inactive(false)
                        .wrap();
                if ui.add(whole).clicked() {
                    actions.push(Action::ShowEvidence(e.range));
                }
            }
        });
    }
    if !item.review.linked.is_empty() {
        ui.label(RichText::new(T::LinkedEvidence.get(lang)).strong());
        for (n, l) in item.review.linked.iter().enumerate() {
            ui.push_id(("linked", n), |ui| {
                ui.horizontal(|ui| {
                    if ui
                        .add(egui::Button::new(T::Unlink.get(lang)).small())
                        .clicked()
                    {
                        actions.push(Action::Unlink(i, n));
                    }
                    let shown = current == Some(l.anchor.range);
                    let quote: String = if shown {
                        l.anchor.quote.clone()
                    } else {
                        l.anchor.quote.chars().take(80).collect()
                    };
                    let button = egui::Button::selectable(shown, quote).frame_when_inactive(false);
                    let button = if shown {
                        button.wrap()
                    } else {
                        button.truncate()
                    };
                    let resp = ui.add(button);
                    if resp.clicked() {
                        actions.push(Action::ShowEvidence(l.anchor.range));
                    }
                });
            });
        }
    }
}

/// An evidence quote's text, struck through when the reviewer rejected it.
fn quote_text(text: String, rejected: bool, palette: &Palette) -> RichText {
    let t = RichText::new(text);
    if rejected {
        t.strikethrough().color(palette.weak)
    } else {
        t
    }
}

fn overall(ui: &mut Ui, report: &Report, lang: Lang, palette: &Palette, actions: &mut Vec<Action>) {
    egui::CollapsingHeader::new(T::Overall.get(lang))
        .id_salt("overall")
        .default_open(false)
        .show(ui, |ui| {
            let a = &report.assessment;
            let mut name = a.reviewer.clone();
            ui.horizontal(|ui| {
                let label = ui.label(T::ReviewerName.get(lang));
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(&mut name)
                            .id_salt("reviewer_name")
                            .hint_text(T::ReviewerHint.get(lang)),
                    )
                    .labelled_by(label.id);
                if resp.changed() {
                    actions.push(Action::SetReviewer(name));
                }
            });
            let mut conclusion = a.conclusion.clone();
            let label = ui.label(T::Conclusion.get(lang));
            let resp = ui
                .add(
                    egui::TextEdit::multiline(&mut conclusion)
                        .id_salt("conclusion")
                        .hint_text(T::ConclusionHint.get(lang))
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if resp.changed() {
                actions.push(Action::SetConclusion(conclusion));
            }
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    crate::export::total_score_name(lang),
                    crate::export::total_score_value(a, lang)
                ))
                .color(palette.weak),
            )
            .on_hover_text(T::TotalScoreHelp.get(lang));
        });
}

fn annotations(
    ui: &mut Ui,
    report: &Report,
    lang: Lang,
    palette: &Palette,
    actions: &mut Vec<Action>,
) {
    let a = &report.assessment;
    let lost: Vec<_> = a.annotations.iter().filter(|x| x.needs_attention).collect();
    if let Some(re) = &report.reanchored {
        ui.label(
            RichText::new(T::Reanchored.get(lang))
                .color(palette.warn)
                .small(),
        );
        if !re.lost_links.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{}: {}",
                    T::LostLinks.get(lang),
                    re.lost_links.len()
                ))
                .color(palette.error),
            );
        }
    }
    if !lost.is_empty() {
        ui.label(RichText::new(T::NeedsAttention.get(lang)).color(palette.error));
        for x in &lost {
            ui.horizontal(|ui| {
                ui.label(RichText::new("⚠").color(palette.error));
                let text = format!(
                    "“{}” {}",
                    x.anchor.quote.chars().take(30).collect::<String>(),
                    x.note
                );
                ui.add(egui::Label::new(text).truncate());
                if ui
                    .add_enabled(
                        report.view.selected_range().is_some(),
                        egui::Button::new(T::PlaceHere.get(lang)).small(),
                    )
                    .on_hover_text(T::PlaceHereTip.get(lang))
                    .on_disabled_hover_text(T::PlaceHereTip.get(lang))
                    .clicked()
                {
                    actions.push(Action::PlaceAnnotation(x.id));
                }
                if ui
                    .add(egui::Button::new(T::Delete.get(lang)).small())
                    .clicked()
                {
                    actions.push(Action::DeleteAnnotation(x.id));
                }
            });
        }
    }
    let dark = ui.visuals().dark_mode;
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        T::Annotations.get(lang),
        a.annotations.len()
    ))
    .id_salt("annotations")
    .default_open(true)
    .show(ui, |ui| {
        for x in a.annotations.iter().filter(|x| !x.needs_attention) {
            ui.push_id(("annotation", x.id), |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new("■").color(palette.annotation(x.color, !dark)));
                    let quote: String = x.anchor.quote.chars().take(24).collect();
                    // A Word comment of the report says whose it is (a
                    // reply is marked ↳).
                    let who = x.imported.as_ref().map_or(String::new(), |i| {
                        let reply = if i.reply_to.is_some() { "↳ " } else { "" };
                        format!("{reply}{}: ", i.author)
                    });
                    let text = if x.note.trim().is_empty() {
                        format!("{who}“{quote}”")
                    } else {
                        format!("{who}“{quote}” {}", x.note)
                    };
                    let hover = match &x.imported {
                        Some(i) => format!("{} · {}\n{}", i.author, i.date, x.note),
                        None => x.note.clone(),
                    };
                    let resp = ui
                        .add(
                            egui::Button::selectable(false, text)
                                .truncate()
                                .frame_when_inactive(false),
                        )
                        .on_hover_text(hover);
                    if resp.clicked() {
                        actions.push(Action::ScrollTo {
                            at: x.anchor.range.start,
                            flash: Some(x.anchor.range),
                        });
                    }
                    if resp.double_clicked() {
                        actions.push(Action::EditAnnotation(x.id));
                    }
                });
            });
        }
    });
}
