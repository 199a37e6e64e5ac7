//! DOCX export: the 审查意见 as a Word document for the leadership — title,
//! a table of the report's particulars, 审查结论, 逐项审查 (one row per
//! top-level item, sub-items when reviewed or commented; the header row
//! repeats on every page), 批注 with their quotes, and the reviewer's
//! signature and date — followed by an appendix with the report text in
//! which every annotation is a real Word comment on its span (author, date,
//! note and colour) and the evidence the reviewer confirmed or linked is
//! underlined and tagged with its items. Built with docx-rs so it opens in
//! Word, WPS and LibreOffice, which show the comments in the margin.
//!
//! Layout follows the 公文 conventions (GB/T 9704) where a reader expects
//! them: A4 with margins 37/35/28/26 mm, body in 3号 仿宋, headings in 黑体,
//! page numbers "— 1 —" in 4号 宋体 at the foot. Chinese needs East Asian
//! fonts set on every run (Word otherwise picks a Latin font): the faces
//! used are those of every Chinese Windows and WPS install (仿宋, 黑体, 楷体,
//! 宋体; 小标宋 is not, so titles are 黑体), and the font table gives each
//! its English name, GB2312 character set and family, so Word, WPS and
//! LibreOffice substitute a like face where one is missing. Latin text and
//! digits are Times New Roman.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, BreakType, Comment, Docx, Footer, HeightRule, LineSpacing, LineSpacingType,
    PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, ShdType, Style, StyleType, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::common::{
    EvidenceMark, Numbered, annotations_in_order, evidence_marks, fmt_score, fmt_year,
    framework_names, listed_items, note_author, number_annotations, report_title, review_date,
    shorten, verdict_counts,
};
use super::labels::{Labels, auto_label, labels, verdict_label};
use crate::assessment::{Annotation, AnnotationColor, Assessment, Verdict};
use crate::document::Document;
use crate::i18n::Lang;
use crate::text::CharRange;

/// East Asian font of body text.
const BODY_FONT: &str = "仿宋";
/// East Asian font of headings, labels and the title.
const HEADING_FONT: &str = "黑体";
/// East Asian font of the report title under the document title.
const TITLE_FONT: &str = "楷体";
/// East Asian font of page numbers.
const NUMBER_FONT: &str = "宋体";
/// Font of Latin letters and digits.
const LATIN_FONT: &str = "Times New Roman";

/// Sizes in half-points (Chinese 字号): 二号 22pt, 三号 16pt, 四号 14pt,
/// 五号 10.5pt, 小五 9pt.
const SIZE_TITLE: usize = 44;
const SIZE_H1: usize = 32;
const SIZE_SUBTITLE: usize = 28;
const SIZE_BODY: usize = 32;
const SIZE_PAGE_NUMBER: usize = 28;
const SIZE_TABLE: usize = 21;
const SIZE_SMALL: usize = 18;
/// Body line pitch: 28 pt, 22 lines on a 225 mm type area (GB/T 9704).
const BODY_LINE: i32 = 560;

/// A4 in twentieths of a point, and the GB/T 9704 margins: top 37 mm,
/// bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm type area).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: i32 = 2098;
const MARGIN_BOTTOM: i32 = 1984;
const MARGIN_LEFT: i32 = 1587;
const MARGIN_RIGHT: i32 = 1474;
/// Width between the margins.
const TEXT_W: usize = 11906 - 1587 - 1474;

/// Column widths of the item table (编号, 审查项目, 自动判断, 审查意见, 评分, 说明).
const ITEM_COLS: [usize; 6] = [1200, 2600, 1100, 1050, 650, 2245];
/// Column widths of the particulars table (label, value, label, value).
const META_COLS: [usize; 4] = [1300, 3122, 1300, 3123];
/// Height of the item table's header row, in twentieths of a point; the
/// only row with a set height, which is how [`finish`] finds it.
const HEADER_ROW_HEIGHT: f32 = 454.0;

const LABEL_FILL: &str = "F2F2F2";
const HEADER_FILL: &str = "DCE3EC";
const SUB_FILL: &str = "FAFAFA";

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .east_asia(east_asia)
}

/// A run of body text.
fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(BODY_FONT)).size(size)
}

/// A run in the heading font.
fn strong_run(text: &str, size: usize) -> Run {
    Run::new()
        .add_text(text)
        .fonts(fonts(HEADING_FONT))
        .size(size)
}

/// Single-spaced paragraph spacing for table cells.
fn tight() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(264)
        .before(20)
        .after(20)
}

/// Body paragraphs: the fixed 公文 line pitch.
fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(BODY_LINE)
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Heading1")
        .add_run(strong_run(text, SIZE_H1))
        .keep_next(true)
}

/// Body paragraphs of `text`, one per non-empty line, first line indented two characters.
fn body_paragraphs(text: &str, empty: &str) -> Vec<Paragraph> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return vec![
            Paragraph::new()
                .line_spacing(body_spacing())
                .first_line_chars(200)
                .add_run(run(empty, SIZE_BODY).color("7F7F7F")),
        ];
    }
    lines
        .into_iter()
        .map(|l| {
            Paragraph::new()
                .line_spacing(body_spacing())
                .first_line_chars(200)
                .align(AlignmentType::Both)
                .add_run(run(l, SIZE_BODY))
        })
        .collect()
}

/// A table cell holding `runs` in one paragraph per line of text.
fn cell_of(lines: Vec<Vec<Run>>, width: usize, align: AlignmentType) -> TableCell {
    let mut cell = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    if lines.is_empty() {
        return cell.add_paragraph(Paragraph::new().line_spacing(tight()));
    }
    for runs in lines {
        let mut p = Paragraph::new().line_spacing(tight()).align(align);
        for r in runs {
            p = p.add_run(r);
        }
        cell = cell.add_paragraph(p);
    }
    cell
}

/// A cell of plain text (line breaks become paragraphs).
fn text_cell(text: &str, width: usize, size: usize, align: AlignmentType) -> TableCell {
    let lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| vec![run(l, size)])
        .collect();
    cell_of(lines, width, align)
}

/// A shaded label cell.
fn label_cell(text: &str, width: usize, fill: &str) -> TableCell {
    cell_of(
        vec![vec![strong_run(text, SIZE_TABLE)]],
        width,
        AlignmentType::Center,
    )
    .shading(Shading::new().shd_type(ShdType::Clear).fill(fill))
}

/// Text colour of a verdict (Word hex).
fn verdict_color(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Met => "1B6A3A",
        Verdict::PartlyMet => "8A5A00",
        Verdict::NotMet => "B01C1C",
        Verdict::NotApplicable => "595959",
        Verdict::Unreviewed => "8C8C8C",
    }
}

fn meta_table(a: &Assessment, l: &Labels, lang: Lang) -> Table {
    let (reviewed, total) = a.progress();
    let none = |s: &str| {
        if s.trim().is_empty() {
            l.none.to_string()
        } else {
            s.trim().to_string()
        }
    };
    let [w0, w1, w2, w3] = META_COLS;
    let wide = w1 + w2 + w3;
    let pair_row = |k1: &str, v1: String, k2: &str, v2: String| {
        TableRow::new(vec![
            label_cell(k1, w0, LABEL_FILL),
            text_cell(&v1, w1, SIZE_TABLE, AlignmentType::Left),
            label_cell(k2, w2, LABEL_FILL),
            text_cell(&v2, w3, SIZE_TABLE, AlignmentType::Left),
        ])
    };
    let wide_row = |k: &str, v: String| {
        TableRow::new(vec![
            label_cell(k, w0, LABEL_FILL),
            text_cell(&v, wide, SIZE_TABLE, AlignmentType::Left).grid_span(3),
        ])
    };
    let tally: Vec<String> = verdict_counts(a)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{} {n}", verdict_label(v, lang)))
        .collect();
    let mut rows = vec![
        wide_row(l.report, none(&report_title(a))),
        pair_row(
            l.unit,
            none(&a.report.unit),
            l.year,
            fmt_year(a.report.year, l.year_suffix, l.none),
        ),
        pair_row(l.reviewer, none(&a.reviewer), l.date, review_date(a, lang)),
        pair_row(
            l.total_score,
            super::labels::total_score_value(a, lang),
            l.progress,
            format!("{reviewed} / {total}"),
        ),
    ];
    if !tally.is_empty() {
        rows.push(wide_row(l.tally, tally.join(lang.pick("　", "; "))));
    }
    let frameworks = framework_names(a);
    if !frameworks.is_empty() {
        rows.push(wide_row(
            l.frameworks,
            frameworks.join(lang.pick("、", ", ")),
        ));
    }
    Table::new(rows)
        .set_grid(META_COLS.to_vec())
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(40, 100, 40, 100))
}

fn item_table(a: &Assessment, l: &Labels, lang: Lang) -> Table {
    let [c0, c1, c2, c3, c4, c5] = ITEM_COLS;
    let header = TableRow::new(
        [
            (l.col_id, c0),
            (l.col_item, c1),
            (l.col_auto, c2),
            (l.col_verdict, c3),
            (l.col_score, c4),
            (l.col_comment, c5),
        ]
        .into_iter()
        .map(|(text, w)| label_cell(text, w, HEADER_FILL))
        .collect(),
    )
    .row_height(HEADER_ROW_HEIGHT)
    .height_rule(HeightRule::AtLeast)
    .cant_split();
    let mut rows = vec![header];
    for (item, depth) in listed_items(a) {
        let title = if depth > 0 {
            format!("{}└ {}", "　".repeat(depth - 1), item.title)
        } else {
            item.title.clone()
        };
        let mut verdict_lines = vec![vec![
            Run::new()
                .add_text(verdict_label(item.review.verdict, lang))
                .fonts(fonts(HEADING_FONT))
                .size(SIZE_TABLE)
                .color(verdict_color(item.review.verdict)),
        ]];
        if item.review.carried {
            verdict_lines.push(vec![run(l.carried, SIZE_SMALL).color("8A5A00")]);
        }
        let mut cells = vec![
            text_cell(&item.id, c0, SIZE_TABLE, AlignmentType::Center),
            text_cell(&title, c1, SIZE_TABLE, AlignmentType::Left),
            text_cell(
                auto_label(item.auto.status, lang),
                c2,
                SIZE_TABLE,
                AlignmentType::Center,
            ),
            cell_of(verdict_lines, c3, AlignmentType::Center),
            text_cell(
                &fmt_score(item.review.effective_score(), l.none),
                c4,
                SIZE_TABLE,
                AlignmentType::Center,
            ),
            text_cell(&item.review.comment, c5, SIZE_TABLE, AlignmentType::Left),
        ];
        if depth > 0 {
            cells = cells
                .into_iter()
                .map(|c| c.shading(Shading::new().shd_type(ShdType::Clear).fill(SUB_FILL)))
                .collect();
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        .set_grid(ITEM_COLS.to_vec())
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(30, 80, 30, 80))
}

/// The 批注 section: each annotation's number, quote and note.
fn annotation_paragraphs(a: &Assessment, l: &Labels) -> Vec<Paragraph> {
    if a.annotations.is_empty() {
        return body_paragraphs(l.no_annotations, l.no_annotations);
    }
    let mut out = Vec::new();
    for (i, n) in annotations_in_order(a).into_iter().enumerate() {
        out.push(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(120).after(0))
                .keep_next(true)
                .add_run(strong_run(&format!("（{}）", i + 1), SIZE_BODY))
                .add_run(
                    Run::new()
                        .add_text(format!("「{}」", shorten(&n.anchor.quote)))
                        .fonts(fonts(TITLE_FONT))
                        .size(SIZE_BODY)
                        .color("404040"),
                ),
        );
        let author = note_author(n);
        for (k, line) in n
            .note
            .lines()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .enumerate()
        {
            let mut p =
                Paragraph::new()
                    .line_spacing(body_spacing())
                    .indent(Some(640), None, None, None);
            if k == 0 && !author.is_empty() {
                p = p.add_run(strong_run(&author, SIZE_BODY));
            }
            out.push(p.add_run(run(line, SIZE_BODY)));
        }
    }
    out
}

/// The document; the appendix of the report text is there when `doc` is.
fn build(a: &Assessment, doc: Option<&Document>, lang: Lang) -> Docx {
    let l = labels(lang);
    let heading_style = Style::new("Heading1", StyleType::Paragraph)
        .name("heading 1")
        .fonts(fonts(HEADING_FONT))
        .size(SIZE_H1)
        .outline_lvl(0)
        .line_spacing(LineSpacing::new().before(360).after(180).line(360));
    let title_style = Style::new("Title", StyleType::Paragraph)
        .name("Title")
        .fonts(fonts(HEADING_FONT))
        .size(SIZE_TITLE)
        .align(AlignmentType::Center);
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(number_run("— "))
            .add_page_num(PageNum::new())
            .add_run(number_run(" —")),
    );
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                .footer(992),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(SIZE_BODY)
        .add_style(heading_style)
        .add_style(title_style)
        .footer(footer)
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .line_spacing(LineSpacing::new().before(240).after(120))
                .add_run(strong_run(l.title, SIZE_TITLE).character_spacing(200)),
        )
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(360))
                .add_run(
                    Run::new()
                        .add_text(report_title(a))
                        .fonts(fonts(TITLE_FONT))
                        .size(SIZE_SUBTITLE),
                ),
        )
        .add_table(meta_table(a, l, lang))
        .add_paragraph(heading(l.h_conclusion));
    for p in body_paragraphs(&a.conclusion, l.empty) {
        docx = docx.add_paragraph(p);
    }
    docx = docx
        .add_paragraph(heading(l.h_checklist))
        .add_table(item_table(a, l, lang))
        .add_paragraph(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(60))
                .add_run(run(l.sub_items_note, SIZE_SMALL).color("7F7F7F")),
        )
        .add_paragraph(heading(l.h_annotations));
    for p in annotation_paragraphs(a, l) {
        docx = docx.add_paragraph(p);
    }
    let reviewer = if a.reviewer.trim().is_empty() {
        l.none
    } else {
        a.reviewer.trim()
    };
    docx = docx
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .line_spacing(LineSpacing::new().before(720).line(BODY_LINE))
                .keep_next(true)
                .add_run(run(&format!("{}{reviewer}", l.signed), SIZE_BODY)),
        )
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .line_spacing(LineSpacing::new().line(BODY_LINE))
                .add_run(run(&review_date(a, lang), SIZE_BODY)),
        );
    if let Some(doc) = doc {
        for p in appendix(a, doc, l, lang) {
            docx = docx.add_paragraph(p);
        }
    }
    docx
}

/// A run of a page number.
fn number_run(text: &str) -> Run {
    Run::new()
        .add_text(text)
        .fonts(fonts(NUMBER_FONT))
        .size(SIZE_PAGE_NUMBER)
}

/// Shading of an annotated span: the soft fills of the HTML export (Word's
/// own highlight colours are few and loud).
fn fill(color: AnnotationColor) -> &'static str {
    match color {
        AnnotationColor::Yellow => "FFF0A0",
        AnnotationColor::Green => "D3F2D8",
        AnnotationColor::Blue => "D5E5FB",
        AnnotationColor::Pink => "FBD6E4",
        AnnotationColor::Orange => "FFE0BF",
    }
}

/// The Word comment of annotation `n`: by its importer's author (a Word
/// comment of the report) or the reviewer, dated when it was made, with
/// the note, its colour and, for an imported reply, its parent.
fn comment_of(a: &Assessment, n: &Annotation, l: &Labels, lang: Lang) -> Comment {
    let author = match &n.imported {
        Some(i) if !i.author.trim().is_empty() => i.author.trim().to_string(),
        _ if !a.reviewer.trim().is_empty() => a.reviewer.trim().to_string(),
        _ => l.reviewer.to_string(),
    };
    let date = n.created.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    // One paragraph, lines broken inside it: docx-rs writes a comment once
    // per paragraph it holds.
    let mut p = Paragraph::new();
    for line in n.note.lines().map(str::trim).filter(|s| !s.is_empty()) {
        p = p.add_run(Run::new().add_text(line).add_break(BreakType::TextWrapping));
    }
    p = p.add_run(
        Run::new()
            .add_text(format!("{}{}", l.color_prefix, n.color.label(lang)))
            .color("7F7F7F"),
    );
    let mut comment = Comment::new(comment_id(n))
        .author(author)
        .date(date)
        .add_paragraph(p);
    if let Some(parent) = n.imported.as_ref().and_then(|i| i.reply_to)
        && a.annotations.iter().any(|x| x.id == parent)
    {
        comment = comment.parent_comment_id(comment_id_of(parent));
    }
    comment
}

/// Word comment ids are the annotation ids (unique within the assessment).
fn comment_id(n: &Annotation) -> usize {
    comment_id_of(n.id)
}

fn comment_id_of(id: u64) -> usize {
    usize::try_from(id).unwrap_or(usize::MAX)
}

/// What happens at one character offset of the appendix text.
#[derive(Default)]
struct Events<'a> {
    /// Annotations whose (non-empty) span ends here.
    ends: Vec<&'a Annotation>,
    /// Evidence passages ending here (their item ids).
    tags: Vec<String>,
    /// Annotations whose span starts here.
    starts: Vec<&'a Annotation>,
    /// Annotations whose span is empty and here.
    points: Vec<&'a Annotation>,
}

/// The appendix: the report text, each paragraph with its annotations as
/// Word comments on their spans (highlighted in their colour) and the
/// evidence the reviewer confirmed or linked underlined and tagged.
/// Annotations not found in the text follow, each a comment on its quote.
fn appendix(a: &Assessment, doc: &Document, l: &Labels, lang: Lang) -> Vec<Paragraph> {
    let numbered: Vec<Numbered<'_>> = number_annotations(a, Some(doc));
    let marks: Vec<EvidenceMark> = evidence_marks(a, doc);
    let placed: Vec<(CharRange, &Annotation)> = numbered
        .iter()
        .filter_map(|n| n.range.map(|r| (r, n.annotation)))
        .collect();
    let mut out = vec![
        Paragraph::new()
            .style("Heading1")
            .page_break_before(true)
            .add_run(strong_run(l.h_report_text, SIZE_H1))
            .keep_next(true),
        Paragraph::new()
            .line_spacing(tight())
            .add_run(run(l.appendix_note, SIZE_SMALL).color("7F7F7F")),
    ];
    let chars: Vec<char> = doc.text.chars().collect();
    let mut start = 0;
    for line in doc.text.split('\n') {
        let len = line.chars().count();
        let end = start + len;
        out.push(appendix_paragraph(
            a,
            &chars,
            CharRange::new(start, end),
            &placed,
            &marks,
            l,
            lang,
        ));
        start = end + 1;
    }
    let unplaced: Vec<&Annotation> = numbered
        .iter()
        .filter(|n| n.range.is_none())
        .map(|n| n.annotation)
        .collect();
    if !unplaced.is_empty() {
        out.push(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(240))
                .keep_next(true)
                .add_run(strong_run(l.unplaced, SIZE_BODY)),
        );
        for n in unplaced {
            out.push(
                Paragraph::new()
                    .line_spacing(body_spacing())
                    .add_comment_start(comment_of(a, n, l, lang))
                    .add_run(run(&format!("「{}」", shorten(&n.anchor.quote)), SIZE_BODY))
                    .add_comment_end(comment_id(n)),
            );
        }
    }
    out
}

/// One paragraph `para` of the report text in the appendix. A span over
/// several paragraphs opens in its first and closes in its last; at one
/// offset, spans that end close before new ones open.
fn appendix_paragraph(
    a: &Assessment,
    chars: &[char],
    para: CharRange,
    placed: &[(CharRange, &Annotation)],
    marks: &[EvidenceMark],
    l: &Labels,
    lang: Lang,
) -> Paragraph {
    let inside = |at: usize| para.start <= at && at <= para.end;
    let mut cuts: Vec<usize> = vec![para.start, para.end];
    let mut events: std::collections::BTreeMap<usize, Events<'_>> = Default::default();
    for (range, n) in placed {
        if range.is_empty() {
            if inside(range.start) {
                events.entry(range.start).or_default().points.push(n);
            }
            continue;
        }
        if inside(range.start) {
            events.entry(range.start).or_default().starts.push(n);
            cuts.push(range.start);
        }
        if inside(range.end) {
            events.entry(range.end).or_default().ends.push(n);
            cuts.push(range.end);
        }
    }
    for m in marks {
        if inside(m.range.end) {
            let ids: Vec<&str> = m.items.iter().map(|(id, _)| id.as_str()).collect();
            events
                .entry(m.range.end)
                .or_default()
                .tags
                .push(ids.join("、"));
            cuts.push(m.range.end);
        }
        if inside(m.range.start) {
            cuts.push(m.range.start);
        }
    }
    cuts.extend(events.keys().copied());
    cuts.sort_unstable();
    cuts.dedup();
    let mut p = Paragraph::new()
        .line_spacing(body_spacing())
        .first_line_chars(200)
        .align(AlignmentType::Both);
    for (k, &at) in cuts.iter().enumerate() {
        if let Some(ev) = events.get(&at) {
            for n in &ev.ends {
                p = p.add_comment_end(comment_id(n));
            }
            for tag in &ev.tags {
                p = p.add_run(run(&format!("〔{tag}〕"), SIZE_SMALL).color("2F5597"));
            }
            for n in &ev.starts {
                p = p.add_comment_start(comment_of(a, n, l, lang));
            }
            for n in &ev.points {
                p = p
                    .add_comment_start(comment_of(a, n, l, lang))
                    .add_comment_end(comment_id(n));
            }
        }
        let Some(&next) = cuts.get(k + 1) else { break };
        let text: String = chars
            .get(at..next)
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        let mut r = run(&text, SIZE_BODY);
        if let Some((_, n)) = placed
            .iter()
            .find(|(range, _)| range.start <= at && next <= range.end)
        {
            r = r.shading(Shading::new().shd_type(ShdType::Clear).fill(fill(n.color)));
        }
        if marks
            .iter()
            .any(|m| m.range.start <= at && next <= m.range.end)
        {
            r = r.underline("single");
        }
        p = p.add_run(r);
    }
    p
}

/// The DOCX bytes of `a` (with the report text of `doc` as an appendix);
/// the error says what docx-rs could not do.
pub(super) fn render(
    a: &Assessment,
    doc: Option<&Document>,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let mut buf = Cursor::new(Vec::new());
    build(a, doc, lang)
        .pack(&mut buf)
        .map_err(|e| e.to_string())?;
    finish(&buf.into_inner())
}

/// What docx-rs cannot say, written into its package: the item table's
/// header row repeats on every page (`w:tblHeader`), and the font table
/// describes the Chinese faces so a missing one is substituted by a like
/// face.
fn finish(packed: &[u8]) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(packed)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        let bytes = match name.as_str() {
            "word/document.xml" => repeat_header_row(&bytes)?,
            "word/fontTable.xml" => FONT_TABLE.as_bytes().to_vec(),
            _ => bytes,
        };
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

/// `document.xml` with `w:tblHeader` on the item table's header row (the
/// one row of height [`HEADER_ROW_HEIGHT`]).
fn repeat_header_row(xml: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let height = format!("<w:trHeight w:val=\"{HEADER_ROW_HEIGHT}\" w:hRule=\"atLeast\" />");
    let found = text.matches(&height).count();
    if found != 1 {
        return Err(format!(
            "expected one header row in the item table, found {found}"
        ));
    }
    Ok(text
        .replacen(&height, &format!("{height}<w:tblHeader />"), 1)
        .into_bytes())
}

/// The font table: Latin faces and the Chinese ones with their English
/// names, the GB2312 character set and their family and pitch, which is
/// what Word and WPS substitute by when a face is missing.
const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Symbol"><w:charset w:val="02"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Arial"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="楷体"><w:altName w:val="KaiTi"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    "</w:fonts>"
);
