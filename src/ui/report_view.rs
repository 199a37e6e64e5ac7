//! The report in the centre: laid out per paragraph and virtualised — only
//! the paragraphs in view are laid out each frame, so a 500,000-character
//! report scrolls as smoothly as a short one.
//!
//! The view keeps only numbers across frames (per-paragraph heights at the
//! current width, font size and scale, and their prefix sums), never
//! galleys: egui's own cache keeps the visible galleys warm. Heights start
//! as estimates and are replaced by measured ones, a few hundred paragraphs
//! per frame, while the paragraph at the top of the view stays put
//! (scroll anchoring), so the text does not jump as estimates are refined.
//!
//! Text is selected by dragging (across paragraphs), double-click selects a
//! sentence, triple-click a paragraph; positions are character offsets.

use std::ops::Range;
use std::sync::Arc;

use egui::text::CCursor;
use egui::{Galley, Pos2, Rect, Sense, Ui, Vec2};

use super::actions::Action;
use super::highlight::{self, Mark, ParagraphStyle, Span};
use super::strings::T;
use super::theme::{self, Palette};
use crate::assessment::Annotation;
use crate::document::Document;
use crate::i18n::Lang;
use crate::text::CharRange;

/// Width of the report's scroll bar (points), beside the text.
pub const SCROLL_BAR_WIDTH: f32 = 10.0;

/// Paragraphs measured per frame beyond the visible ones.
const MEASURE_BUDGET: usize = 400;

/// Where the report should scroll to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScrollRequest {
    /// The character to bring into view.
    pub at: usize,
}

/// What layout the stored heights belong to.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    width: f32,
    size: f32,
    ppp: f32,
}

/// The report view's state: heights, scroll anchor, selection, flash.
#[derive(Debug, Default)]
pub struct ReportView {
    key: Option<LayoutKey>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    next_measure: usize,
    prefix: Vec<f32>,
    prefix_dirty: bool,
    /// Content width seen last frame.
    width: f32,
    /// Height of the visible area last frame.
    viewport_height: f32,
    /// Top paragraph and how far into it (fraction of its height) the view starts.
    anchor: (usize, f32),
    /// Set when heights above the anchor changed: restore the anchor.
    reanchor: bool,
    /// A pending scroll.
    pub scroll_request: Option<ScrollRequest>,
    /// The passage to flash and when the flash started (seconds).
    pub flash: Option<(CharRange, f64)>,
    /// The selection as (anchor, head) character offsets.
    pub selection: Option<(usize, usize)>,
    /// Paragraphs drawn last frame.
    pub visible: Range<usize>,
    /// The character last scrolled to (for tests and the status bar).
    pub scrolled_to: Option<usize>,
    /// Space between the text's wrap edge and the view's right edge last
    /// frame: the scroll bar lives there, never over the text.
    right_gutter: f32,
}

/// What the report view draws besides the text.
#[derive(Debug, Default)]
pub struct Highlights<'a> {
    /// Evidence of the selected item.
    pub strong: Vec<CharRange>,
    /// Evidence of other items (empty when hidden).
    pub faint: Vec<CharRange>,
    /// The reviewer's annotations.
    pub annotations: &'a [Annotation],
    /// Search hits.
    pub search: &'a [CharRange],
    /// Index of the current hit.
    pub search_current: Option<usize>,
}

impl ReportView {
    /// The selected range, if it is not empty.
    pub fn selected_range(&self) -> Option<CharRange> {
        let (a, b) = self.selection?;
        let r = CharRange::new(a.min(b), a.max(b));
        (!r.is_empty()).then_some(r)
    }

    /// Asks to scroll to `at` and flash `flash` from time `now`.
    pub fn scroll_to(&mut self, at: usize, flash: Option<CharRange>, now: f64) {
        self.scroll_request = Some(ScrollRequest { at });
        self.scrolled_to = Some(at);
        if let Some(r) = flash {
            self.flash = Some((r, now));
        }
    }

    /// The paragraph at the top of the view.
    pub fn top_paragraph(&self) -> usize {
        self.anchor.0
    }

    /// The width the text wraps at (points).
    pub fn text_width(&self) -> f32 {
        self.width
    }

    /// The space right of the text that the scroll bar takes (points).
    pub fn right_gutter(&self) -> f32 {
        self.right_gutter
    }

    fn reset(&mut self, doc: &Document, key: LayoutKey) {
        let n = doc.structure.paragraphs.len();
        self.heights = (0..n).map(|p| estimate(doc, p, key)).collect();
        self.measured = vec![false; n];
        self.next_measure = 0;
        self.prefix_dirty = true;
        self.reanchor = true;
        self.key = Some(key);
    }

    fn rebuild_prefix(&mut self) {
        if !self.prefix_dirty && self.prefix.len() == self.heights.len() + 1 {
            return;
        }
        self.prefix.clear();
        self.prefix.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.prefix.push(0.0);
        for h in &self.heights {
            y += h;
            self.prefix.push(y);
        }
        self.prefix_dirty = false;
    }

    fn top_of(&self, p: usize) -> f32 {
        self.prefix.get(p).copied().unwrap_or(0.0)
    }

    fn total(&self) -> f32 {
        self.prefix.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at content height `y`.
    fn paragraph_at_y(&self, y: f32) -> usize {
        let n = self.heights.len();
        self.prefix
            .partition_point(|top| *top <= y)
            .saturating_sub(1)
            .min(n.saturating_sub(1))
    }

    fn set_height(&mut self, p: usize, h: f32) {
        if let Some(old) = self.heights.get_mut(p) {
            if (*old - h).abs() > 0.25 {
                *old = h;
                self.prefix_dirty = true;
                if p < self.anchor.0 {
                    self.reanchor = true;
                }
            }
            if let Some(m) = self.measured.get_mut(p) {
                *m = true;
            }
        }
    }

    /// Draws the report and handles selection; returns what the reviewer asked for.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        hl: &Highlights<'_>,
        size: f32,
        lang: Lang,
        now: f64,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        let dark = ui.visuals().dark_mode;
        let palette = Palette::for_dark(dark);
        let text_color = palette.text;
        let ppp = ui.ctx().pixels_per_point();
        if self.width <= 0.0 {
            // First frame: the scroll area's content is a bit narrower
            // than the panel (scroll bar); the next frame corrects it.
            self.width = (ui.available_width() - 16.0).max(50.0);
        }
        let key = LayoutKey {
            width: self.width,
            size,
            ppp,
        };
        if self.key != Some(key) || self.heights.len() != doc.structure.paragraphs.len() {
            self.reset(doc, key);
        }
        // Measure a batch of paragraphs not measured yet.
        let mut budget = MEASURE_BUDGET;
        while budget > 0 && self.next_measure < self.heights.len() {
            let p = self.next_measure;
            self.next_measure += 1;
            if self.measured.get(p).copied().unwrap_or(true) {
                continue;
            }
            let galley = layout(
                ui,
                doc,
                p,
                &[],
                size,
                text_color,
                dark,
                &palette,
                self.width,
            );
            self.set_height(p, galley.size().y + gap(size));
            budget -= 1;
        }
        if self.next_measure < self.heights.len() {
            ui.ctx().request_repaint();
        }
        self.rebuild_prefix();

        let mut offset = None;
        if let Some(req) = self.scroll_request.take() {
            let y = self.y_of_char(ui, doc, req.at, size, text_color, dark, &palette);
            offset = Some((y - self.viewport_height * 0.2).max(0.0));
        } else if self.reanchor {
            let (p, frac) = self.anchor;
            let h = self.heights.get(p).copied().unwrap_or(0.0);
            offset = Some(self.top_of(p) + frac * h);
        }
        self.reanchor = false;

        let mut area = egui::ScrollArea::vertical()
            .id_salt("report_scroll")
            .auto_shrink(false);
        if let Some(o) = offset {
            area = area.vertical_scroll_offset(o);
        }
        let flash = self
            .flash
            .filter(|(_, start)| now - start < theme::FLASH_SECONDS);
        if let Some((_, start)) = flash {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(
                    (theme::FLASH_SECONDS - (now - start)).max(0.05),
                ));
        } else {
            self.flash = None;
        }
        // A solid scroll bar beside the text, not egui's floating one over
        // it, which covers the last character of every line.
        ui.spacing_mut().scroll = egui::style::ScrollStyle {
            bar_width: SCROLL_BAR_WIDTH,
            ..egui::style::ScrollStyle::solid()
        };
        let view_right = ui.max_rect().right();
        let mut text_right = view_right;
        let output = area.show_viewport(ui, |ui, viewport| {
            let content_width = ui.available_width();
            text_right = ui.max_rect().left() + self.width;
            if (content_width - self.width).abs() > 0.5 {
                self.width = content_width;
                ui.ctx().request_repaint();
            }
            self.viewport_height = viewport.height();
            ui.set_height(self.total());
            let origin = ui.max_rect().min;
            let n = self.heights.len();
            let first = self.paragraph_at_y(viewport.min.y);
            let mut drawn: Vec<(usize, Rect, Arc<Galley>)> = Vec::new();
            let mut p = first;
            while p < n && self.top_of(p) < viewport.max.y {
                let spans = spans_for(doc, p, hl, self.selected_range(), flash.map(|f| f.0));
                let galley = layout(
                    ui, doc, p, &spans, size, text_color, dark, &palette, self.width,
                );
                let pos = origin + Vec2::new(0.0, self.top_of(p));
                let rect = Rect::from_min_size(pos, galley.size());
                ui.painter().galley(pos, galley.clone(), text_color);
                self.set_height(p, galley.size().y + gap(size));
                drawn.push((p, rect, galley));
                p += 1;
            }
            self.visible = first..p;
            let top_h = self.heights.get(first).copied().unwrap_or(1.0).max(1.0);
            self.anchor = (
                first,
                ((viewport.min.y - self.top_of(first)) / top_h).clamp(0.0, 1.0),
            );
            if self.prefix_dirty {
                ui.ctx().request_repaint();
            }
            // One widget over the visible text handles pointer selection.
            let visible_rect = Rect::from_min_max(
                origin + viewport.min.to_vec2(),
                origin + viewport.max.to_vec2(),
            );
            let id = ui.make_persistent_id("report_text");
            let response = ui.interact(visible_rect, id, Sense::click_and_drag());
            // Each visible paragraph is readable by screen readers (and tests).
            for (p, rect, galley) in &drawn {
                let r = ui.interact(*rect, id.with(*p), Sense::hover());
                let text = galley.text().to_string();
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
            }
            self.handle_pointer(ui, doc, &response, &drawn, hl, lang, &mut actions);
        });
        let _ = output;
        self.right_gutter = view_right - text_right;
        actions
    }

    #[allow(clippy::too_many_arguments)]
    fn y_of_char(
        &mut self,
        ui: &Ui,
        doc: &Document,
        at: usize,
        size: f32,
        text_color: egui::Color32,
        dark: bool,
        palette: &Palette,
    ) -> f32 {
        let Some(p) = doc.structure.paragraph_at(at) else {
            return self.total();
        };
        let galley = layout(ui, doc, p, &[], size, text_color, dark, palette, self.width);
        self.set_height(p, galley.size().y + gap(size));
        self.rebuild_prefix();
        let start = doc.structure.paragraphs[p].range.start;
        let within = galley
            .pos_from_cursor(CCursor::new(at.saturating_sub(start)))
            .min
            .y;
        self.top_of(p) + within
    }

    #[allow(clippy::too_many_arguments)]
    fn handle_pointer(
        &mut self,
        ui: &Ui,
        doc: &Document,
        response: &egui::Response,
        drawn: &[(usize, Rect, Arc<Galley>)],
        hl: &Highlights<'_>,
        lang: Lang,
        actions: &mut Vec<Action>,
    ) {
        let char_at = |pos: Pos2| -> Option<usize> { char_at(doc, drawn, pos) };
        let (pressed, shift) = ui.input(|i| (i.pointer.primary_pressed(), i.modifiers.shift));
        if pressed
            && response.is_pointer_button_down_on()
            && let Some(c) = ui.input(|i| i.pointer.press_origin()).and_then(char_at)
        {
            match (shift, self.selection) {
                (true, Some((a, _))) => self.selection = Some((a, c)),
                _ => self.selection = Some((c, c)),
            }
        }
        if response.dragged()
            && let Some(c) = response.interact_pointer_pos().and_then(char_at)
            && let Some((a, _)) = self.selection
        {
            self.selection = Some((a, c));
        }
        if response.triple_clicked() {
            if let Some(c) = response.interact_pointer_pos().and_then(char_at)
                && let Some(p) = doc.structure.paragraph_at(c)
            {
                let r = doc.structure.paragraphs[p].range;
                self.selection = Some((r.start, r.end));
            }
        } else if response.double_clicked()
            && let Some(c) = response.interact_pointer_pos().and_then(char_at)
        {
            let s = doc
                .structure
                .sentences
                .iter()
                .find(|s| s.range.contains(c) || s.range.end == c);
            if let Some(s) = s {
                self.selection = Some((s.range.start, s.range.end));
            }
        }
        // Hovering an annotation shows its note.
        if let Some(c) = response.hover_pos().and_then(char_at) {
            let notes: Vec<&Annotation> = hl
                .annotations
                .iter()
                .filter(|a| a.anchor.range.contains(c) && !a.needs_attention)
                .collect();
            if !notes.is_empty() {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    for a in &notes {
                        let note = if a.note.trim().is_empty() {
                            T::Annotations.get(lang)
                        } else {
                            a.note.as_str()
                        };
                        ui.label(note);
                    }
                });
            }
        }
        let selected = self.selected_range().is_some();
        let hovered_annotation = response
            .interact_pointer_pos()
            .or(response.hover_pos())
            .and_then(char_at)
            .and_then(|c| {
                hl.annotations
                    .iter()
                    .find(|a| a.anchor.range.contains(c))
                    .map(|a| a.id)
            });
        response.context_menu(|ui| {
            use super::command::UiCommand as C;
            for cmd in [C::Annotate, C::LinkSelection, C::Copy] {
                if ui
                    .add_enabled(selected, egui::Button::new(cmd.label(lang)))
                    .clicked()
                {
                    actions.push(Action::Command(cmd));
                    ui.close();
                }
            }
            if let Some(id) = hovered_annotation {
                ui.separator();
                if ui.button(T::EditAnnotation.get(lang)).clicked() {
                    actions.push(Action::EditAnnotation(id));
                    ui.close();
                }
                if ui.button(T::Delete.get(lang)).clicked() {
                    actions.push(Action::DeleteAnnotation(id));
                    ui.close();
                }
            }
        });
    }
}

/// Space after a paragraph.
fn gap(size: f32) -> f32 {
    (size * theme::PARAGRAPH_GAP).round()
}

/// A quick height estimate before a paragraph is measured: full-width
/// characters are one em wide, others about half.
fn estimate(doc: &Document, p: usize, key: LayoutKey) -> f32 {
    let Some(par) = doc.structure.paragraphs.get(p) else {
        return 0.0;
    };
    let text = doc.text.get(par.byte_start..par.byte_end).unwrap_or("");
    let size = match par.heading.and_then(|h| doc.structure.headings.get(h)) {
        Some(h) => highlight::heading_size(key.size, h.level),
        None => key.size,
    };
    let width: f32 = text
        .chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.55 } else { 1.0 })
        .sum::<f32>()
        * size;
    let lines = (width / key.width.max(10.0)).ceil().max(1.0);
    lines * (key.size * theme::LINE_HEIGHT).round() + gap(key.size)
}

/// Marks that touch paragraph `p`.
fn spans_for(
    doc: &Document,
    p: usize,
    hl: &Highlights<'_>,
    selection: Option<CharRange>,
    flash: Option<CharRange>,
) -> Vec<Span> {
    let Some(par) = doc.structure.paragraphs.get(p) else {
        return Vec::new();
    };
    let range = par.range;
    let mut spans = Vec::new();
    let mut push = |r: CharRange, mark: Mark| {
        if r.overlaps(range) {
            spans.push(Span { range: r, mark });
        }
    };
    if let Some(s) = selection {
        push(s, Mark::Selection);
    }
    if let Some(f) = flash {
        push(f, Mark::Flash);
    }
    // Search hits are sorted: look only at those near the paragraph.
    let first = hl.search.partition_point(|h| h.end <= range.start);
    for (i, h) in hl.search.iter().enumerate().skip(first) {
        if h.start >= range.end {
            break;
        }
        let mark = if hl.search_current == Some(i) {
            Mark::SearchCurrent
        } else {
            Mark::SearchHit
        };
        push(*h, mark);
    }
    for r in &hl.strong {
        push(*r, Mark::EvidenceStrong);
    }
    for a in hl.annotations {
        if !a.needs_attention {
            push(a.anchor.range, Mark::Annotation(a.color));
        }
    }
    for r in &hl.faint {
        push(*r, Mark::EvidenceFaint);
    }
    spans
}

#[allow(clippy::too_many_arguments)]
fn layout(
    ui: &Ui,
    doc: &Document,
    p: usize,
    spans: &[Span],
    size: f32,
    text_color: egui::Color32,
    dark: bool,
    palette: &Palette,
    width: f32,
) -> Arc<Galley> {
    let Some(par) = doc.structure.paragraphs.get(p) else {
        return ui
            .ctx()
            .fonts_mut(|f| f.layout_job(egui::text::LayoutJob::default()));
    };
    let text = doc.text.get(par.byte_start..par.byte_end).unwrap_or("");
    let heading = par.heading.and_then(|h| doc.structure.headings.get(h));
    let title = doc
        .structure
        .metadata
        .title_range
        .is_some_and(|t| t.overlaps(par.range) && heading.is_none() && p < 3);
    let style = ParagraphStyle {
        size,
        heading_level: heading.map(|h| h.level),
        heading_range: heading.map(|h| h.range),
        title,
        text: text_color,
        dark,
    };
    let runs = highlight::runs(par.range, spans);
    let job = highlight::paragraph_job(text, par.range.start, &runs, &style, palette, width);
    ui.ctx().fonts_mut(|f| f.layout_job(job))
}

/// The character under `pos`, among the paragraphs drawn this frame.
fn char_at(doc: &Document, drawn: &[(usize, Rect, Arc<Galley>)], pos: Pos2) -> Option<usize> {
    let (first, last) = (drawn.first()?, drawn.last()?);
    if pos.y < first.1.top() {
        return doc.structure.paragraphs.get(first.0).map(|p| p.range.start);
    }
    // The paragraph whose block (text plus the gap after it) holds pos.
    let hit = drawn
        .iter()
        .rev()
        .find(|(_, rect, _)| rect.top() <= pos.y)
        .unwrap_or(last);
    let (p, rect, galley) = hit;
    let par = doc.structure.paragraphs.get(*p)?;
    if pos.y > rect.bottom() {
        return Some(par.range.end);
    }
    let c = galley.cursor_from_pos(pos - rect.min);
    Some((par.range.start + c.index.0).min(par.range.end))
}
