//! Design tokens: the colours, icons and sizes the workbench uses, in one
//! place, for the light and the dark theme. Views ask here instead of
//! writing colour literals.

use egui::Color32;

use crate::analysis::AutoStatus;
use crate::assessment::{AnnotationColor, Verdict};

/// Default body text size in points (the report and the panels).
pub const DEFAULT_TEXT_SIZE: f32 = 16.0;
/// Smallest text size offered.
pub const MIN_TEXT_SIZE: f32 = 11.0;
/// Largest text size offered.
pub const MAX_TEXT_SIZE: f32 = 32.0;
/// Report line height as a multiple of the font size: CJK text reads better
/// with generous leading.
pub const LINE_HEIGHT: f32 = 1.65;
/// Space between report paragraphs, as a multiple of the font size.
pub const PARAGRAPH_GAP: f32 = 0.6;
/// How long a passage jumped to stays flashed, in seconds.
pub const FLASH_SECONDS: f64 = 1.6;

/// Colours of one theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Evidence of the selected item: pale blue (dark: steel blue).
    pub evidence_strong: Color32,
    /// Evidence of other items: a faint grey-blue.
    pub evidence_faint: Color32,
    /// Other search hits: mint (dark: teal) — not yellow, so a hit never
    /// looks like a yellow annotation.
    pub search_hit: Color32,
    /// The current search hit: saturated orange.
    pub search_current: Color32,
    /// The reviewer's text selection.
    pub selection: Color32,
    /// A passage just jumped to (evidence, heading): violet, fading after
    /// [`FLASH_SECONDS`] — never the orange of the current search hit.
    pub flash: Color32,
    /// Heading text.
    pub heading: Color32,
    /// Body text.
    pub text: Color32,
    /// Secondary text (ids, hints).
    pub weak: Color32,
    /// Errors.
    pub error: Color32,
    /// Success (saved, present).
    pub ok: Color32,
    /// Warnings (unsaved, partial).
    pub warn: Color32,
    /// Background of text a diff shows as added.
    pub diff_insert: Color32,
    /// Background of text a diff shows as removed.
    pub diff_delete: Color32,
    /// Bars of the older year in charts.
    pub chart_old: Color32,
    /// Bars of the newer year in charts.
    pub chart_new: Color32,
}

impl Palette {
    /// The palette for a theme.
    pub fn for_dark(dark: bool) -> Palette {
        if dark {
            Palette {
                evidence_strong: Color32::from_rgb(38, 86, 140),
                evidence_faint: Color32::from_rgb(34, 42, 52),
                search_hit: Color32::from_rgb(15, 90, 80),
                search_current: Color32::from_rgb(150, 70, 0),
                selection: Color32::from_rgb(60, 90, 150),
                flash: Color32::from_rgb(100, 50, 140),
                heading: Color32::from_rgb(235, 235, 240),
                text: Color32::from_rgb(215, 215, 215),
                weak: Color32::from_rgb(160, 160, 160),
                error: Color32::from_rgb(255, 120, 110),
                ok: Color32::from_rgb(120, 200, 120),
                warn: Color32::from_rgb(230, 180, 80),
                diff_insert: Color32::from_rgb(35, 90, 45),
                diff_delete: Color32::from_rgb(110, 40, 40),
                chart_old: Color32::from_rgb(140, 140, 150),
                chart_new: Color32::from_rgb(90, 150, 230),
            }
        } else {
            Palette {
                evidence_strong: Color32::from_rgb(200, 225, 255),
                evidence_faint: Color32::from_rgb(241, 245, 251),
                search_hit: Color32::from_rgb(165, 235, 215),
                search_current: Color32::from_rgb(255, 140, 40),
                selection: Color32::from_rgb(170, 200, 245),
                flash: Color32::from_rgb(225, 185, 255),
                heading: Color32::from_rgb(20, 30, 60),
                text: Color32::from_rgb(30, 30, 30),
                weak: Color32::from_rgb(100, 100, 100),
                error: Color32::from_rgb(190, 30, 30),
                ok: Color32::from_rgb(25, 115, 45),
                warn: Color32::from_rgb(140, 85, 0),
                diff_insert: Color32::from_rgb(200, 240, 200),
                diff_delete: Color32::from_rgb(255, 210, 210),
                chart_old: Color32::from_rgb(170, 175, 185),
                chart_new: Color32::from_rgb(40, 110, 200),
            }
        }
    }

    /// Background of an annotation in this theme. Annotations also always
    /// carry an underline in [`Palette::annotation_line`], which no search
    /// or evidence mark has.
    ///
    /// The colours of the highlights are chosen to differ from each other
    /// (checked by a test) and to keep body text readable (WCAG AA, 4.5:1).
    pub fn annotation(&self, color: AnnotationColor, dark: bool) -> Color32 {
        let (light, darkc) = match color {
            AnnotationColor::Yellow => ((255, 240, 120), (95, 85, 20)),
            AnnotationColor::Green => ((205, 235, 160), (50, 90, 25)),
            AnnotationColor::Blue => ((150, 195, 250), (40, 40, 160)),
            AnnotationColor::Pink => ((255, 200, 215), (115, 40, 75)),
            AnnotationColor::Orange => ((255, 210, 160), (130, 60, 35)),
        };
        let (r, g, b) = if dark { darkc } else { light };
        Color32::from_rgb(r, g, b)
    }

    /// The underline of an annotation: its colour, saturated.
    pub fn annotation_line(&self, color: AnnotationColor, dark: bool) -> Color32 {
        let (light, darkc) = match color {
            AnnotationColor::Yellow => ((200, 160, 0), (230, 210, 60)),
            AnnotationColor::Green => ((40, 150, 40), (120, 210, 90)),
            AnnotationColor::Blue => ((30, 90, 220), (120, 140, 255)),
            AnnotationColor::Pink => ((220, 60, 130), (240, 120, 170)),
            AnnotationColor::Orange => ((230, 110, 0), (250, 160, 80)),
        };
        let (r, g, b) = if dark { darkc } else { light };
        Color32::from_rgb(r, g, b)
    }

    /// Colour of an automatic status icon.
    pub fn auto_status(&self, status: Option<AutoStatus>) -> Color32 {
        match status {
            Some(AutoStatus::Covered) => self.ok,
            Some(AutoStatus::Partial) => self.warn,
            Some(AutoStatus::Missing) => self.error,
            None => self.weak,
        }
    }

    /// Colour of a verdict badge.
    pub fn verdict(&self, verdict: Verdict) -> Color32 {
        match verdict {
            Verdict::Met => self.ok,
            Verdict::PartlyMet => self.warn,
            Verdict::NotMet => self.error,
            Verdict::NotApplicable | Verdict::Unreviewed => self.weak,
        }
    }
}

/// The width of `text` as a button's label on one line, without the
/// button's padding: what a view that must keep a button on its line (or
/// shorten its label) measures before laying it out.
pub fn button_text_width(ui: &egui::Ui, text: &str) -> f32 {
    egui::WidgetText::from(text)
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        )
        .size()
        .x
}

/// The width a row of buttons labelled `labels` takes: each label, its
/// button's padding on both sides and the spacing after it.
pub fn buttons_row_width(ui: &egui::Ui, labels: &[&str]) -> f32 {
    let sp = ui.spacing();
    let (pad, gap) = (2.0 * sp.button_padding.x, sp.item_spacing.x);
    labels
        .iter()
        .map(|l| button_text_width(ui, l) + pad + gap)
        .sum()
}

/// egui's visuals for a theme, with the text colours egui's defaults give
/// too little contrast raised to WCAG AA (4.5:1) on every background they
/// are drawn on — panels, windows, text fields, striped rows, selected rows
/// (figures in docs/UI.md, checked by a test): links, secondary text,
/// warnings and errors, and a selection light (dark: deep) enough for the
/// status colours on a selected row.
pub fn visuals(dark: bool) -> egui::Visuals {
    let p = Palette::for_dark(dark);
    let mut v = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    v.weak_text_color = Some(p.weak);
    v.error_fg_color = p.error;
    if dark {
        // egui's grey 140 labels read as faint on grey 27.
        v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(180);
        v.selection.bg_fill = Color32::from_rgb(30, 50, 75);
        v.selection.stroke.color = Color32::from_rgb(192, 222, 255);
    } else {
        v.hyperlink_color = Color32::from_rgb(0, 90, 170);
        v.warn_fg_color = Color32::from_rgb(150, 80, 0);
        v.selection.bg_fill = Color32::from_rgb(210, 230, 252);
        v.selection.stroke.color = Color32::from_rgb(0, 60, 100);
    }
    v
}

/// Icon of an automatic status (glyphs the bundled font has).
pub fn auto_icon(status: Option<AutoStatus>) -> &'static str {
    match status {
        Some(AutoStatus::Covered) => "●",
        Some(AutoStatus::Partial) => "◐",
        Some(AutoStatus::Missing) => "○",
        None => "·",
    }
}

/// Marker shown beside items that carry a reviewer comment.
pub const COMMENT_MARK: &str = "※";

/// Name of an annotation colour.
pub fn annotation_color_name(color: AnnotationColor, lang: crate::i18n::Lang) -> &'static str {
    color.label(lang)
}

/// What a highlight colour in the report means, for the legend in the F1
/// help: the marks, then the annotation colours.
pub fn legend(palette: &Palette, dark: bool) -> Vec<(LegendEntry, Color32)> {
    let mut out = vec![
        (LegendEntry::Evidence, palette.evidence_strong),
        (LegendEntry::OtherEvidence, palette.evidence_faint),
        (LegendEntry::Flash, palette.flash),
        (LegendEntry::SearchCurrent, palette.search_current),
        (LegendEntry::SearchHit, palette.search_hit),
    ];
    for c in AnnotationColor::all() {
        out.push((LegendEntry::Annotation(c), palette.annotation(c, dark)));
    }
    out
}

/// One line of the colour legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendEntry {
    /// Evidence of the selected item.
    Evidence,
    /// Evidence of other items.
    OtherEvidence,
    /// A passage just jumped to.
    Flash,
    /// The current search hit.
    SearchCurrent,
    /// Other search hits.
    SearchHit,
    /// An annotation of a colour.
    Annotation(AnnotationColor),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: Color32) -> f64 {
        let f = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    fn distance(a: Color32, b: Color32) -> f64 {
        let d = |x: u8, y: u8| (f64::from(x) - f64::from(y)).powi(2);
        (d(a.r(), b.r()) + d(a.g(), b.g()) + d(a.b(), b.b())).sqrt()
    }

    /// `fg` drawn over `bg` (egui colours are premultiplied).
    fn over(fg: Color32, bg: Color32) -> Color32 {
        let a = f32::from(fg.a()) / 255.0;
        let mix = |f: u8, b: u8| (f32::from(f) + f32::from(b) * (1.0 - a)).round().min(255.0) as u8;
        Color32::from_rgb(
            mix(fg.r(), bg.r()),
            mix(fg.g(), bg.g()),
            mix(fg.b(), bg.b()),
        )
    }

    /// Every text colour the workbench draws, each on every background it
    /// is drawn on, with its contrast ratio (text and background opaque).
    pub(super) fn contrast_table(dark: bool) -> Vec<(String, String, f64)> {
        let v = visuals(dark);
        let p = Palette::for_dark(dark);
        let panel = v.panel_fill;
        let backgrounds = [
            ("panel", panel),
            ("window", v.window_fill),
            ("text field", v.extreme_bg_color),
            ("striped row", over(v.faint_bg_color, panel)),
            ("selected row", v.selection.bg_fill),
        ];
        let labels = [
            ("label", v.text_color()),
            ("weak label", v.weak_text_color()),
            ("link", v.hyperlink_color),
            ("warning", v.warn_fg_color),
            ("error", v.error_fg_color),
            ("body text", p.text),
            ("heading", p.heading),
            ("secondary", p.weak),
            ("ok", p.ok),
            ("partly", p.warn),
            ("missing / error", p.error),
        ];
        let mut out = Vec::new();
        for (what, fg) in labels {
            for (on, bg) in backgrounds {
                let fg = over(fg, bg);
                out.push((what.to_string(), on.to_string(), contrast(fg, bg)));
            }
        }
        let w = &v.widgets;
        for (state, style) in [
            ("button", &w.inactive),
            ("hovered button", &w.hovered),
            ("pressed button", &w.active),
        ] {
            for (fill, bg) in [("", style.weak_bg_fill), (" (checkbox)", style.bg_fill)] {
                let bg = over(bg, panel);
                out.push((
                    format!("{state} text"),
                    format!("{state}{fill}"),
                    contrast(over(style.fg_stroke.color, bg), bg),
                ));
            }
        }
        out.push((
            "selected text".into(),
            "selection".into(),
            contrast(v.selection.stroke.color, v.selection.bg_fill),
        ));
        // Report text on each highlight (the faint evidence of other items
        // is a tint of the page, not a mark of its own).
        for (entry, bg) in legend(&p, dark) {
            out.push((
                "body text".into(),
                format!("{entry:?}"),
                contrast(p.text, bg),
            ));
        }
        out.push((
            "body text".into(),
            "report selection".into(),
            contrast(p.text, p.selection),
        ));
        out
    }

    #[test]
    fn every_text_colour_meets_wcag_aa_on_its_backgrounds_in_both_themes() {
        let mut failures = Vec::new();
        for dark in [false, true] {
            for (what, on, ratio) in contrast_table(dark) {
                if ratio < 4.5 {
                    failures.push(format!("dark={dark}: {what} on {on}: {ratio:.2}:1"));
                }
            }
        }
        assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
    }

    /// The table for docs/UI.md: `cargo test --lib contrast_figures -- --ignored --nocapture`.
    #[test]
    #[ignore = "prints the figures for the docs"]
    fn contrast_figures() {
        for dark in [false, true] {
            let mut rows = contrast_table(dark);
            rows.sort_by(|a, b| a.2.total_cmp(&b.2));
            println!("{}: lowest", if dark { "dark" } else { "light" });
            for (what, on, ratio) in rows.iter().take(8) {
                println!("| {what} | {on} | {ratio:.2}:1 |");
            }
        }
    }

    #[test]
    fn egui_defaults_fail_where_the_app_raised_them() {
        // Why `visuals` exists: egui's light link colour is 2.8:1 on its panel.
        let d = egui::Visuals::light();
        assert!(contrast(d.hyperlink_color, d.panel_fill) < 4.5);
        let v = visuals(false);
        assert!(contrast(v.hyperlink_color, v.panel_fill) >= 4.5);
    }

    #[test]
    fn highlight_colours_differ() {
        for dark in [false, true] {
            let p = Palette::for_dark(dark);
            let marks: Vec<_> = legend(&p, dark)
                .into_iter()
                .filter(|(e, _)| *e != LegendEntry::OtherEvidence)
                .collect();
            for (i, (a, ca)) in marks.iter().enumerate() {
                for (b, cb) in &marks[i + 1..] {
                    assert!(
                        distance(*ca, *cb) >= 40.0,
                        "dark={dark}: {a:?} and {b:?} look alike"
                    );
                }
            }
        }
    }
}
