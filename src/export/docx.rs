//! DOCX export: the 审查意见 as a Word document for the leadership — title,
//! a table of the report's particulars, 审查结论, 逐项审查 (one row per
//! top-level item, sub-items when reviewed or commented), 批注 with their
//! quotes, and the reviewer's signature and date. Built with docx-rs so it
//! opens in Word, WPS and LibreOffice.
//!
//! Chinese needs East Asian fonts set on every run (Word otherwise picks a
//! Latin font and falls back unpredictably): body text in 宋体, headings in
//! 黑体, the report title in 楷体, Latin text and digits in Times New Roman.

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Shading, ShdType, Style, StyleType, Table, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::common::{
    annotations_in_order, fmt_score, fmt_year, framework_names, listed_items, report_title,
    review_date, shorten, verdict_counts,
};
use super::labels::{Labels, auto_label, labels, verdict_label};
use crate::assessment::{Assessment, Verdict};
use crate::i18n::Lang;

/// East Asian font of body text.
const BODY_FONT: &str = "宋体";
/// East Asian font of headings and labels.
const HEADING_FONT: &str = "黑体";
/// East Asian font of the report title under the document title.
const TITLE_FONT: &str = "楷体";
/// Font of Latin letters and digits.
const LATIN_FONT: &str = "Times New Roman";

/// Sizes in half-points (Chinese 字号): 二号 22pt, 三号 16pt, 四号 14pt,
/// 小四 12pt, 五号 10.5pt, 小五 9pt.
const SIZE_TITLE: usize = 44;
const SIZE_H1: usize = 32;
const SIZE_SUBTITLE: usize = 28;
const SIZE_BODY: usize = 24;
const SIZE_TABLE: usize = 21;
const SIZE_SMALL: usize = 18;

/// A4 in twentieths of a point, and 2.54 cm / 3.17 cm margins (Word's default).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TB: i32 = 1440;
const MARGIN_LR: i32 = 1531;
/// Width between the margins.
const TEXT_W: usize = 11906 - 2 * 1531;

/// Column widths of the item table (编号, 审查项目, 自动判断, 审查意见, 评分, 说明).
const ITEM_COLS: [usize; 6] = [1200, 2600, 1100, 1050, 650, 2244];
/// Column widths of the particulars table (label, value, label, value).
const META_COLS: [usize; 4] = [1300, 3122, 1300, 3122];

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

/// Body paragraphs: 1.5 lines, a little space after.
fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(360)
        .after(60)
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
                .line_spacing(LineSpacing::new().before(120).after(0).line(320))
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
        for line in n.note.lines().map(str::trim).filter(|s| !s.is_empty()) {
            out.push(
                Paragraph::new()
                    .line_spacing(
                        LineSpacing::new()
                            .line_rule(LineSpacingType::Auto)
                            .line(360),
                    )
                    .indent(Some(480), None, None, None)
                    .add_run(run(line, SIZE_BODY)),
            );
        }
    }
    out
}

/// The document.
fn build(a: &Assessment, lang: Lang) -> Docx {
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
            .add_run(run("— ", SIZE_SMALL))
            .add_page_num(PageNum::new())
            .add_run(run(" —", SIZE_SMALL)),
    );
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TB)
                .bottom(MARGIN_TB)
                .left(MARGIN_LR)
                .right(MARGIN_LR)
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
    docx.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .line_spacing(LineSpacing::new().before(720).line(400))
            .add_run(run(&format!("{}{reviewer}", l.signed), SIZE_BODY)),
    )
    .add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .line_spacing(LineSpacing::new().line(400))
            .add_run(run(&review_date(a, lang), SIZE_BODY)),
    )
}

/// The DOCX bytes of `a`; the error says what docx-rs could not do.
pub(super) fn render(a: &Assessment, lang: Lang) -> Result<Vec<u8>, String> {
    let mut buf = std::io::Cursor::new(Vec::new());
    build(a, lang).pack(&mut buf).map_err(|e| e.to_string())?;
    Ok(buf.into_inner())
}
