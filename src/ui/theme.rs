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
    /// Evidence of the selected item.
    pub evidence_strong: Color32,
    /// Evidence of other items.
    pub evidence_faint: Color32,
    /// Search hits.
    pub search_hit: Color32,
    /// The current search hit.
    pub search_current: Color32,
    /// The reviewer's text selection.
    pub selection: Color32,
    /// A passage just jumped to.
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
                search_hit: Color32::from_rgb(110, 90, 20),
                search_current: Color32::from_rgb(170, 110, 10),
                selection: Color32::from_rgb(60, 90, 150),
                flash: Color32::from_rgb(150, 120, 30),
                heading: Color32::from_rgb(235, 235, 240),
                text: Color32::from_rgb(215, 215, 215),
                weak: Color32::from_rgb(150, 150, 150),
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
                evidence_strong: Color32::from_rgb(190, 220, 255),
                evidence_faint: Color32::from_rgb(241, 245, 251),
                search_hit: Color32::from_rgb(255, 236, 150),
                search_current: Color32::from_rgb(255, 190, 70),
                selection: Color32::from_rgb(170, 200, 245),
                flash: Color32::from_rgb(255, 215, 100),
                heading: Color32::from_rgb(20, 30, 60),
                text: Color32::from_rgb(30, 30, 30),
                weak: Color32::from_rgb(110, 110, 110),
                error: Color32::from_rgb(190, 30, 30),
                ok: Color32::from_rgb(30, 130, 50),
                warn: Color32::from_rgb(170, 110, 0),
                diff_insert: Color32::from_rgb(200, 240, 200),
                diff_delete: Color32::from_rgb(255, 210, 210),
                chart_old: Color32::from_rgb(170, 175, 185),
                chart_new: Color32::from_rgb(40, 110, 200),
            }
        }
    }

    /// Background of an annotation in this theme.
    pub fn annotation(&self, color: AnnotationColor, dark: bool) -> Color32 {
        let (light, darkc) = match color {
            AnnotationColor::Yellow => ((255, 245, 140), (110, 100, 30)),
            AnnotationColor::Green => ((190, 240, 190), (40, 95, 45)),
            AnnotationColor::Blue => ((195, 225, 255), (35, 70, 120)),
            AnnotationColor::Pink => ((255, 205, 225), (115, 45, 80)),
            AnnotationColor::Orange => ((255, 215, 170), (120, 70, 25)),
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
