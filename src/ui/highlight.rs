//! Highlights in the report text: which marks (selection, flash, search
//! hits, evidence, annotations) cover which characters of a paragraph, and
//! the egui `LayoutJob` that paints them. Marks are character ranges; they
//! become byte ranges only here, per paragraph.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId, Stroke};

use super::theme::{self, Palette};
use crate::assessment::AnnotationColor;
use crate::text::CharRange;

/// A kind of mark, highest priority first in the enum order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The reviewer's selection.
    Selection,
    /// A passage just jumped to.
    Flash,
    /// The current search hit.
    SearchCurrent,
    /// Another search hit.
    SearchHit,
    /// Evidence of the selected item.
    EvidenceStrong,
    /// An annotation.
    Annotation(AnnotationColor),
    /// Evidence of other items.
    EvidenceFaint,
}

impl Mark {
    /// Priority: lower wins the background.
    pub fn rank(self) -> u8 {
        match self {
            Mark::Selection => 0,
            Mark::Flash => 1,
            Mark::SearchCurrent => 2,
            Mark::SearchHit => 3,
            Mark::EvidenceStrong => 4,
            Mark::Annotation(_) => 5,
            Mark::EvidenceFaint => 6,
        }
    }
}

/// A mark on a character range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Where.
    pub range: CharRange,
    /// What.
    pub mark: Mark,
}

/// A run of characters with one look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Where (absolute character offsets).
    pub range: CharRange,
    /// The winning background mark.
    pub mark: Option<Mark>,
    /// The annotation under it, if any (drawn as an underline even when a
    /// stronger mark wins the background).
    pub annotation: Option<AnnotationColor>,
}

/// Cuts `para` into runs at every mark boundary; each run gets the
/// highest-priority mark covering it.
pub fn runs(para: CharRange, spans: &[Span]) -> Vec<Run> {
    let mut cuts: Vec<usize> = vec![para.start, para.end];
    for s in spans {
        if s.range.overlaps(para) {
            cuts.push(s.range.start.clamp(para.start, para.end));
            cuts.push(s.range.end.clamp(para.start, para.end));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Run> = Vec::new();
    for w in cuts.windows(2) {
        let range = CharRange::new(w[0], w[1]);
        if range.is_empty() {
            continue;
        }
        let covering = spans.iter().filter(|s| s.range.contains_range(range));
        let mut mark: Option<Mark> = None;
        let mut annotation = None;
        for s in covering {
            if let Mark::Annotation(c) = s.mark {
                annotation.get_or_insert(c);
            }
            if mark.is_none_or(|m| s.mark.rank() < m.rank()) {
                mark = Some(s.mark);
            }
        }
        match out.last_mut() {
            Some(last)
                if last.mark == mark
                    && last.annotation == annotation
                    && last.range.end == range.start =>
            {
                last.range.end = range.end;
            }
            _ => out.push(Run {
                range,
                mark,
                annotation,
            }),
        }
    }
    out
}

/// How a paragraph is styled.
#[derive(Debug, Clone, Copy)]
pub struct ParagraphStyle {
    /// Body font size.
    pub size: f32,
    /// Heading level of the paragraph's heading (1–4), if it has one.
    pub heading_level: Option<u8>,
    /// The heading's range inside the paragraph (absolute).
    pub heading_range: Option<CharRange>,
    /// True for the report title.
    pub title: bool,
    /// Body text colour.
    pub text: Color32,
    /// Dark theme.
    pub dark: bool,
}

/// Font size of a heading of `level` for body size `size`.
pub fn heading_size(size: f32, level: u8) -> f32 {
    match level {
        1 => size * 1.25,
        2 => size * 1.12,
        _ => size * 1.04,
    }
}

/// The layout job of one paragraph: `text` is the paragraph's text, which
/// starts at absolute character `start`.
pub fn paragraph_job(
    text: &str,
    start: usize,
    runs: &[Run],
    style: &ParagraphStyle,
    palette: &Palette,
    wrap_width: f32,
) -> LayoutJob {
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::wrap_at_width(wrap_width.max(10.0)),
        ..LayoutJob::default()
    };
    // Byte offset of every character (and the end), local to the paragraph.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let len = bytes.len() - 1;
    let byte_of = |abs: usize| -> usize {
        let local = abs.saturating_sub(start).min(len);
        bytes.get(local).copied().unwrap_or(text.len())
    };
    let full = CharRange::new(start, start + len);
    let base_runs;
    let runs = if runs.is_empty() {
        base_runs = [Run {
            range: full,
            mark: None,
            annotation: None,
        }];
        &base_runs[..]
    } else {
        runs
    };
    // Split runs further at the heading boundary, which changes the font.
    let mut pieces: Vec<(CharRange, Option<Mark>, Option<AnnotationColor>, bool)> = Vec::new();
    for r in runs {
        let mut cuts = vec![r.range.start, r.range.end];
        if let Some(h) = style.heading_range {
            for c in [h.start, h.end] {
                if r.range.start < c && c < r.range.end {
                    cuts.push(c);
                }
            }
        }
        cuts.sort_unstable();
        for w in cuts.windows(2) {
            let range = CharRange::new(w[0], w[1]);
            let in_heading = style.title
                || style
                    .heading_range
                    .is_some_and(|h| h.contains_range(range) && !range.is_empty());
            pieces.push((range, r.mark, r.annotation, in_heading));
        }
    }
    for (range, mark, annotation, in_heading) in pieces {
        let (a, b) = (byte_of(range.start), byte_of(range.end));
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        if piece.is_empty() {
            continue;
        }
        let size = if style.title {
            style.size * 1.4
        } else if in_heading {
            heading_size(style.size, style.heading_level.unwrap_or(3))
        } else {
            style.size
        };
        let background = match mark {
            None => Color32::TRANSPARENT,
            Some(Mark::Selection) => palette.selection,
            Some(Mark::Flash) => palette.flash,
            Some(Mark::SearchCurrent) => palette.search_current,
            Some(Mark::SearchHit) => palette.search_hit,
            Some(Mark::EvidenceStrong) => palette.evidence_strong,
            Some(Mark::Annotation(c)) => palette.annotation(c, style.dark),
            Some(Mark::EvidenceFaint) => palette.evidence_faint,
        };
        // An annotation is always underlined in its saturated colour, also
        // when it wins the background: no search or evidence mark is, so
        // a yellow annotation never reads as a search hit.
        let underline = match annotation {
            Some(c) => Stroke::new(2.0, palette.annotation_line(c, style.dark)),
            None => Stroke::NONE,
        };
        let color = if in_heading {
            palette.heading
        } else {
            style.text
        };
        job.append(
            piece,
            0.0,
            TextFormat {
                font_id: FontId::new(size, FontFamily::Proportional),
                line_height: Some((style.size * theme::LINE_HEIGHT).round()),
                color,
                background,
                underline,
                ..TextFormat::default()
            },
        );
    }
    if job.text.is_empty() {
        // An empty paragraph still has the height of one line.
        job.append(
            "",
            0.0,
            TextFormat {
                font_id: FontId::new(style.size, FontFamily::Proportional),
                line_height: Some((style.size * theme::LINE_HEIGHT).round()),
                color: style.text,
                ..TextFormat::default()
            },
        );
    }
    job
}

/// All occurrences of `query` in `text`, as character ranges (empty query:
/// none). Exact match of characters, so a Chinese word and a single
/// character are both found; Latin letters match regardless of case.
pub fn find_all(text: &str, query: &str, limit: usize) -> Vec<CharRange> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let qlen = query.chars().count();
    let fold = |c: char| c.to_ascii_lowercase();
    let needle: Vec<char> = query.chars().map(fold).collect();
    let hay: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + qlen <= hay.len() {
        if hay[i..i + qlen] == needle[..] {
            out.push(CharRange::new(i, i + qlen));
            if out.len() >= limit {
                break;
            }
            i += qlen;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_pick_the_strongest_mark_and_keep_annotation_underlines() {
        let spans = [
            Span {
                range: CharRange::new(2, 8),
                mark: Mark::EvidenceStrong,
            },
            Span {
                range: CharRange::new(5, 12),
                mark: Mark::Annotation(AnnotationColor::Green),
            },
            Span {
                range: CharRange::new(6, 7),
                mark: Mark::Selection,
            },
        ];
        let r = runs(CharRange::new(0, 10), &spans);
        let got: Vec<(usize, usize, Option<Mark>, bool)> = r
            .iter()
            .map(|r| (r.range.start, r.range.end, r.mark, r.annotation.is_some()))
            .collect();
        assert_eq!(
            got,
            [
                (0, 2, None, false),
                (2, 5, Some(Mark::EvidenceStrong), false),
                (5, 6, Some(Mark::EvidenceStrong), true),
                (6, 7, Some(Mark::Selection), true),
                (7, 8, Some(Mark::EvidenceStrong), true),
                (8, 10, Some(Mark::Annotation(AnnotationColor::Green)), true),
            ]
        );
    }

    #[test]
    fn job_sections_follow_char_ranges_as_bytes() {
        let text = "一、总体情况。abc";
        let start = 100;
        let spans = [Span {
            range: CharRange::new(102, 104),
            mark: Mark::SearchHit,
        }];
        let r = runs(CharRange::new(100, 110), &spans);
        let style = ParagraphStyle {
            size: 16.0,
            heading_level: Some(1),
            heading_range: Some(CharRange::new(100, 106)),
            title: false,
            text: Color32::BLACK,
            dark: false,
        };
        let job = paragraph_job(text, start, &r, &style, &Palette::for_dark(false), 300.0);
        assert_eq!(job.text, text);
        let pieces: Vec<&str> = job
            .sections
            .iter()
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(pieces, ["一、", "总体", "情况", "。abc"]);
        assert!(job.sections[1].format.background != Color32::TRANSPARENT);
        assert!(job.sections[0].format.font_id.size > 16.0, "heading larger");
        assert_eq!(job.sections[3].format.font_id.size, 16.0);
    }

    #[test]
    fn find_all_counts_characters_not_bytes() {
        let text = "依法行政，依法治理；ABC abc";
        assert_eq!(
            find_all(text, "依法", 100),
            [CharRange::new(0, 2), CharRange::new(5, 7)]
        );
        assert_eq!(find_all(text, "abc", 100).len(), 2);
        assert!(find_all(text, "  ", 100).is_empty());
        assert_eq!(find_all(text, "法", 1).len(), 1);
    }
}
