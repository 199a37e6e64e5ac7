//! HTML export: one standalone, printable page a leader can read — the
//! header (report, unit, year, reviewer, date, progress, total score), the
//! conclusion, the checklist table (verdicts, scores, comments, evidence
//! quotes), then the report text with the reviewer's highlights, confirmed
//! evidence underlined, and numbered margin notes beside each paragraph.
//!
//! No external resources: the CSS is inline and fonts come from a CJK font
//! stack, so the file opens the same offline and prints on A4. Every piece
//! of text from the assessment or the report is escaped.

use std::fmt::Write as _;

use super::common::{
    EvidenceMark, Numbered, evidence_marks, fmt_score, fmt_year, framework_names, item_quotes,
    listed_items, note_author, number_annotations, report_title, review_date, shorten,
    verdict_counts,
};
use super::labels::{Labels, auto_label, labels, verdict_label};
use crate::analysis::AutoStatus;
use crate::assessment::{AnnotationColor, Assessment, Verdict};
use crate::document::Document;
use crate::i18n::Lang;
use crate::text::CharRange;

/// Quotes shown per item in the checklist table.
const QUOTES_PER_ITEM: usize = 2;

/// Longest quote in the checklist table, in characters: enough to recognise
/// the passage, which the report text below shows in full.
const TABLE_QUOTE_CHARS: usize = 80;

/// Characters of an item title in a margin evidence tag.
const TAG_TITLE_CHARS: usize = 16;

/// The page's style sheet: screen as a sheet of paper, print on A4.
const CSS: &str = r#"
:root { --ink:#1f2328; --muted:#5f6672; --line:#d5d9df; --accent:#a11d1d; --blue:#2a64a8; }
* { box-sizing: border-box; }
html { background: #eceef1; }
body { margin: 0; color: var(--ink); font-size: 15px; line-height: 1.75;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
.page { max-width: 1100px; margin: 24px auto; background: #fff; padding: 44px 56px 36px;
  box-shadow: 0 1px 6px rgba(0,0,0,.14); }
.masthead { text-align: center; border-bottom: 3px double var(--accent); padding-bottom: 16px; }
.kicker { color: var(--accent); letter-spacing: .35em; font-size: 14px; }
h1 { font-size: 34px; letter-spacing: .6em; text-indent: .6em; margin: 4px 0 2px; color: var(--accent); }
.report-title { font-size: 19px; font-weight: 700; margin-bottom: 4px; }
.summary { display: grid; grid-template-columns: minmax(0,1fr) 210px; gap: 28px; margin: 22px 0 6px; }
dl.meta { display: grid; grid-template-columns: 5.5em minmax(0,1fr) 5.5em minmax(0,1fr); gap: 6px 12px;
  margin: 0; align-content: start; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-weight: 600; }
dl.meta dd.wide { grid-column: span 3; font-weight: 400; }
.scorebox { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px 12px; text-align: center; }
.scorebox .label { color: var(--muted); font-size: 13px; }
.scorebox .big { font-size: 42px; font-weight: 700; line-height: 1.15; color: var(--accent); }
.scorebox .progress { font-size: 13px; color: var(--muted); }
.bar { height: 6px; background: #e6e8ec; border-radius: 3px; overflow: hidden; margin-top: 4px; }
.bar span { display: block; height: 100%; background: #2f7a52; }
.tally { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 12px; font-size: 13px; }
h2 { font-size: 20px; border-left: 5px solid var(--accent); padding-left: 10px; margin: 30px 0 12px; line-height: 1.4; }
.conclusion p { text-indent: 2em; margin: 0 0 .5em; font-size: 16px; }
.empty { color: var(--muted); }
table.items { width: 100%; border-collapse: collapse; font-size: 14px; table-layout: fixed; }
table.items th { background: #f2f3f5; border: 1px solid var(--line); padding: 6px 8px; text-align: left; }
table.items td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; overflow-wrap: anywhere; }
col.c-id { width: 7.5em; } col.c-item { width: 24%; } col.c-auto { width: 6.5em; }
col.c-verdict { width: 6.8em; } col.c-score { width: 4em; }
td.id { color: var(--muted); white-space: nowrap; }
td.score { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
tr.sub td { background: #fafbfc; font-size: 13.5px; }
tr.sub td.item { padding-left: 1.8em; }
tr.sub td.item::before { content: "└ "; color: #a0a6ae; }
.badge { display: inline-block; padding: 0 8px; border-radius: 4px; font-weight: 700; white-space: nowrap; }
.v-met { background: #e1f3e7; color: #1b6a3a; }
.v-partlymet { background: #fff1cc; color: #845400; }
.v-notmet { background: #fde2e2; color: #a51818; }
.v-notapplicable { background: #eceef1; color: #555b63; }
.v-unreviewed { color: #8a9099; border: 1px dashed #c4c8ce; font-weight: 400; }
.a-covered { color: #1b6a3a; } .a-partial { color: #845400; } .a-missing { color: #a51818; }
.auto .sub { color: var(--muted); font-size: 12px; }
.carried { display: block; font-size: 12px; color: #845400; }
td.comment p { margin: 0 0 4px; }
ul.quotes { list-style: none; margin: 4px 0 0; padding: 0; }
ul.quotes li { font-size: 12.5px; line-height: 1.6; color: #4b525d; border-left: 3px solid #d3d7dd;
  padding-left: 8px; margin-top: 4px; }
ul.quotes li.confirmed { border-left-color: var(--blue); }
.table-note { font-size: 12.5px; color: var(--muted); margin-top: 6px; }
.legend { font-size: 13px; color: var(--muted); margin: -4px 0 14px; display: flex; gap: 24px; flex-wrap: wrap; }
.report .row { display: grid; grid-template-columns: minmax(0,1fr) 250px; gap: 22px; }
.report .para { margin: 0 0 .55em; text-indent: 2em; font-size: 15.5px; line-height: 1.95; text-align: justify; }
.report .rh { text-indent: 0; font-weight: 700; margin-top: .4em; }
.report .rh1 { font-size: 16.5px; }
.report .rtitle { text-align: center; text-indent: 0; font-size: 18px; font-weight: 700; }
aside.margin { font-size: 13px; line-height: 1.6; padding-top: 4px; }
.note { border-left: 3px solid #d9b600; background: #fbfbfc; padding: 3px 8px; margin-bottom: 6px; }
.note .quote { color: var(--muted); font-size: 12px; }
.evtag { color: var(--blue); font-size: 12px; margin-bottom: 3px; }
.num { display: inline-block; min-width: 1.55em; height: 1.55em; padding: 0 3px; border-radius: .8em;
  background: var(--accent); color: #fff; text-align: center; font-size: 11.5px; line-height: 1.55em;
  font-weight: 700; text-indent: 0; margin-right: 6px; }
sup.nref { line-height: 0; }
sup.nref a { text-decoration: none; }
sup.nref .num { margin: 0 1px 0 2px; font-size: 10.5px; }
mark.hl { color: inherit; padding: 0 1px; border-radius: 2px; }
.hl-yellow { background: #fff0a0; } .note.c-yellow { border-left-color: #d9b600; }
.hl-green { background: #d3f2d8; } .note.c-green { border-left-color: #2f9a4f; }
.hl-blue { background: #d5e5fb; } .note.c-blue { border-left-color: #2a64a8; }
.hl-pink { background: #fbd6e4; } .note.c-pink { border-left-color: #c23d73; }
.hl-orange { background: #ffe0bf; } .note.c-orange { border-left-color: #d9741b; }
.ev { text-decoration: underline; text-decoration-color: var(--blue); text-decoration-thickness: 2px;
  text-underline-offset: 4px; }
ol.notes { padding-left: 0; list-style: none; }
ol.notes li { margin-bottom: 8px; }
.sign { margin-top: 40px; text-align: right; font-size: 16px; line-height: 2; }
.generated { text-align: center; color: #9aa0a8; font-size: 12px; margin-top: 28px; }
@page { size: A4; margin: 15mm 13mm; }
@media print {
  html { background: #fff; }
  body { font-size: 10.5pt; }
  .page { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.report { break-before: page; }
  tr, .note, .rh { break-inside: avoid; }
  .rh { break-after: avoid; }
  thead { display: table-header-group; }
  h2 { break-after: avoid; }
  .report .row { grid-template-columns: minmax(0,1fr) 52mm; gap: 5mm; }
  table.items { font-size: 9.5pt; }
  ul.quotes li { font-size: 8pt; }
}
"#;

/// Escapes text for HTML content and attribute values.
pub(super) fn esc(text: &str) -> String {
    crate::text::escape_html(text)
}

fn color_name(color: AnnotationColor) -> &'static str {
    match color {
        AnnotationColor::Yellow => "yellow",
        AnnotationColor::Green => "green",
        AnnotationColor::Blue => "blue",
        AnnotationColor::Pink => "pink",
        AnnotationColor::Orange => "orange",
    }
}

fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Met => "v-met",
        Verdict::PartlyMet => "v-partlymet",
        Verdict::NotMet => "v-notmet",
        Verdict::NotApplicable => "v-notapplicable",
        Verdict::Unreviewed => "v-unreviewed",
    }
}

fn auto_class(status: AutoStatus) -> &'static str {
    match status {
        AutoStatus::Covered => "a-covered",
        AutoStatus::Partial => "a-partial",
        AutoStatus::Missing => "a-missing",
    }
}

/// The full HTML page.
pub(super) fn render(a: &Assessment, doc: Option<&Document>, lang: Lang) -> String {
    let l = labels(lang);
    let numbered = number_annotations(a, doc);
    let mut h = String::with_capacity(64 * 1024);
    let title = report_title(a);
    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Shenyue\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main class=\"page\">\n",
        lang.pick("zh-CN", "en"),
        esc(l.title),
        esc(&title)
    );
    masthead(&mut h, a, l, lang);
    conclusion(&mut h, a, l);
    checklist(&mut h, a, l, lang);
    if doc.is_none() {
        annotation_list(&mut h, &numbered, l, l.h_annotations);
    }
    // The signature closes the opinion; the annotated report follows as an appendix.
    let _ = writeln!(
        h,
        "<div class=\"sign\"><div>{}{}</div><div>{}</div></div>",
        esc(l.signed),
        esc(or_none(&a.reviewer, l)),
        esc(&review_date(a, lang)),
    );
    if let Some(doc) = doc {
        report_text(&mut h, a, doc, &numbered, l);
    }
    let _ = write!(
        h,
        "<div class=\"generated\">{}</div>\n</main>\n</body>\n</html>\n",
        esc(l.generated)
    );
    h
}

fn or_none<'a>(text: &'a str, l: &'a Labels) -> &'a str {
    if text.trim().is_empty() {
        l.none
    } else {
        text.trim()
    }
}

fn masthead(h: &mut String, a: &Assessment, l: &Labels, lang: Lang) {
    let (reviewed, total) = a.progress();
    let percent = (reviewed * 100).checked_div(total).unwrap_or(0);
    let _ = write!(
        h,
        "<header class=\"masthead\">\n<div class=\"kicker\">{}</div>\n<h1>{}</h1>\n<div class=\"report-title\">{}</div>\n</header>\n",
        esc(l.kicker),
        esc(l.title),
        esc(&report_title(a))
    );
    let year = fmt_year(a.report.year, l.year_suffix, l.none);
    let date = review_date(a, lang);
    let _ = write!(
        h,
        "<div class=\"summary\">\n<dl class=\"meta\">\
         <dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>\
         <dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
        esc(l.unit),
        esc(or_none(&a.report.unit, l)),
        esc(l.year),
        esc(&year),
        esc(l.reviewer),
        esc(or_none(&a.reviewer, l)),
        esc(l.date),
        esc(&date),
    );
    let frameworks = framework_names(a);
    if !frameworks.is_empty() {
        let _ = write!(
            h,
            "<dt>{}</dt><dd class=\"wide\">{}</dd>",
            esc(l.frameworks),
            esc(&frameworks.join(lang.pick("、", ", ")))
        );
    }
    let _ = write!(
        h,
        "</dl>\n<div class=\"scorebox\"><div class=\"label\">{}</div><div class=\"big\">{}</div>\
         <div class=\"progress\">{}</div>\
         <div class=\"progress\">{} {reviewed} / {total}</div>\
         <div class=\"bar\"><span style=\"width:{percent}%\"></span></div></div>\n</div>\n",
        esc(l.total_score),
        esc(&fmt_score(a.total_score(), l.none)),
        esc(&super::labels::score_basis_note(a, lang)),
        esc(l.items_reviewed),
    );
    h.push_str("<div class=\"tally\">");
    for (verdict, n) in verdict_counts(a) {
        if n > 0 {
            let _ = write!(
                h,
                "<span class=\"badge {}\">{} {n}</span>",
                verdict_class(verdict),
                esc(verdict_label(verdict, lang))
            );
        }
    }
    h.push_str("</div>\n");
}

fn conclusion(h: &mut String, a: &Assessment, l: &Labels) {
    let _ = write!(
        h,
        "<section class=\"conclusion\">\n<h2>{}</h2>\n",
        esc(l.h_conclusion)
    );
    let paras: Vec<&str> = a
        .conclusion
        .lines()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if paras.is_empty() {
        let _ = writeln!(h, "<p class=\"empty\">{}</p>", esc(l.empty));
    }
    for p in paras {
        let _ = writeln!(h, "<p>{}</p>", esc(p));
    }
    h.push_str("</section>\n");
}

fn checklist(h: &mut String, a: &Assessment, l: &Labels, lang: Lang) {
    let _ = write!(
        h,
        "<section class=\"checklist\">\n<h2>{}</h2>\n<table class=\"items\">\n\
         <colgroup><col class=\"c-id\"><col class=\"c-item\"><col class=\"c-auto\"><col class=\"c-verdict\">\
         <col class=\"c-score\"><col class=\"c-comment\"></colgroup>\n\
         <thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(l.h_checklist),
        esc(l.col_id),
        esc(l.col_item),
        esc(l.col_auto),
        esc(l.col_verdict),
        esc(l.col_score),
        esc(l.col_comment),
    );
    for (item, depth) in listed_items(a) {
        let row_class = if depth == 0 { "top" } else { "sub" };
        let carried = if item.review.carried {
            format!("<span class=\"carried\">{}</span>", esc(l.carried))
        } else {
            String::new()
        };
        let _ = write!(
            h,
            "<tr class=\"{row_class}\"><td class=\"id\">{}</td><td class=\"item\">{}</td>\
             <td class=\"auto\"><span class=\"{}\">{}</span><div class=\"sub\">{}</div></td>\
             <td class=\"verdict\"><span class=\"badge {}\">{}</span>{carried}</td>\
             <td class=\"score\">{}</td><td class=\"comment\">",
            esc(&item.id),
            esc(&item.title),
            auto_class(item.auto.status),
            esc(auto_label(item.auto.status, lang)),
            esc(&fmt_score(Some(item.auto.score), l.none)),
            verdict_class(item.review.verdict),
            esc(verdict_label(item.review.verdict, lang)),
            esc(&fmt_score(item.review.effective_score(), l.none)),
        );
        for line in item.review.comment.lines().filter(|c| !c.trim().is_empty()) {
            let _ = write!(h, "<p>{}</p>", esc(line.trim()));
        }
        let mut quotes = item_quotes(item, QUOTES_PER_ITEM, TABLE_QUOTE_CHARS);
        // One automatic quote shows what the analysis found; more crowd the table.
        let mut autos = 0;
        quotes.retain(|q| {
            autos += usize::from(!q.by_reviewer);
            q.by_reviewer || autos == 1
        });
        if !quotes.is_empty() {
            h.push_str("<ul class=\"quotes\">");
            for q in quotes {
                if q.by_reviewer {
                    let _ = write!(
                        h,
                        "<li class=\"confirmed\" title=\"{}\">{}</li>",
                        esc(l.confirmed),
                        esc(&q.text)
                    );
                } else {
                    let _ = write!(h, "<li>{}</li>", esc(&q.text));
                }
            }
            h.push_str("</ul>");
        }
        h.push_str("</td></tr>\n");
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<p class=\"table-note\">{} {}</p>\n</section>\n",
        esc(l.sub_items_note),
        esc(l.quotes_note)
    );
}

/// A numbered list of annotations with their quotes (when there is no
/// report text to put them beside).
fn annotation_list(h: &mut String, numbered: &[Numbered<'_>], l: &Labels, heading: &str) {
    let _ = write!(
        h,
        "<section class=\"annotations\">\n<h2>{}</h2>\n",
        esc(heading)
    );
    if numbered.is_empty() {
        let _ = writeln!(h, "<p class=\"empty\">{}</p>", esc(l.no_annotations));
    } else {
        h.push_str("<ol class=\"notes\">\n");
        for n in numbered {
            note_html(h, n, true, "li");
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n");
}

/// One margin or list note: number, note text and (optionally) the quote.
fn note_html(h: &mut String, n: &Numbered<'_>, with_quote: bool, tag: &str) {
    let _ = write!(
        h,
        "<{tag} class=\"note c-{}\" id=\"note-{num}\"><span class=\"num\">{num}</span>",
        color_name(n.annotation.color),
        num = n.number,
    );
    if with_quote {
        let _ = write!(
            h,
            "<span class=\"quote\">「{}」</span><br>",
            esc(&shorten(&n.annotation.anchor.quote))
        );
    }
    let note = n.annotation.note.trim();
    let mut lines = note.lines().map(str::trim).filter(|l| !l.is_empty());
    let author = note_author(n.annotation);
    if !author.is_empty() {
        let _ = write!(h, "<b class=\"author\">{}</b>", esc(&author));
    }
    if let Some(first) = lines.next() {
        h.push_str(&esc(first));
    }
    for line in lines {
        let _ = write!(h, "<br>{}", esc(line));
    }
    let _ = writeln!(h, "</{tag}>");
}

fn report_text(
    h: &mut String,
    a: &Assessment,
    doc: &Document,
    numbered: &[Numbered<'_>],
    l: &Labels,
) {
    let marks = evidence_marks(a, doc);
    let s = &doc.structure;
    let _ = write!(
        h,
        "<section class=\"report\">\n<h2>{}</h2>\n<div class=\"legend\"><span><span class=\"ev\">{}</span></span>\
         <span><mark class=\"hl hl-yellow\">{}</mark></span></div>\n",
        esc(l.h_report_text),
        esc(l.legend_evidence),
        esc(l.legend_note),
    );
    // Each annotation's number goes right after its passage, and its note
    // beside the paragraph where the passage ends (a passage ending on a line
    // break is numbered at the end of its last paragraph).
    let mut unplaced: Vec<&Numbered<'_>> = Vec::new();
    let mut notes_at: Vec<Vec<&Numbered<'_>>> = vec![Vec::new(); s.paragraphs.len()];
    let mut markers_at: Vec<Vec<(usize, usize)>> = vec![Vec::new(); s.paragraphs.len()];
    for n in numbered {
        let Some(range) = n.range else {
            unplaced.push(n);
            continue;
        };
        let end = range.end.max(range.start + 1);
        let Some(pi) = s
            .paragraphs
            .partition_point(|p| p.range.start < end)
            .checked_sub(1)
        else {
            unplaced.push(n);
            continue;
        };
        notes_at[pi].push(n);
        markers_at[pi].push((range.end.min(s.paragraphs[pi].range.end), n.number));
    }
    let title_range = s.metadata.title_range;
    for (pi, p) in s.paragraphs.iter().enumerate() {
        let notes = &notes_at[pi];
        if doc.slice(p.range).trim().is_empty() && notes.is_empty() {
            continue;
        }
        let heading = p
            .heading
            .and_then(|i| s.headings.get(i))
            .filter(|hd| !hd.runs_into_body);
        let class = if title_range.is_some_and(|t| p.range.overlaps(t)) {
            "para rtitle".to_string()
        } else if let Some(hd) = heading {
            format!("para rh rh{}", hd.level)
        } else {
            "para".to_string()
        };
        let _ = write!(h, "<div class=\"row\"><p class=\"{class}\">");
        inline(h, doc, p.range, numbered, &marks, &markers_at[pi]);
        h.push_str("</p><aside class=\"margin\">");
        for n in notes {
            note_html(h, n, false, "div");
        }
        let mut tagged: Vec<&(String, String)> = Vec::new();
        for m in marks.iter().filter(|m| p.range.contains(m.range.start)) {
            for item in &m.items {
                if !tagged.contains(&item) {
                    tagged.push(item);
                }
            }
        }
        for (id, title) in tagged {
            let short: String = title.chars().take(TAG_TITLE_CHARS).collect();
            let ellipsis = if title.chars().count() > TAG_TITLE_CHARS {
                "…"
            } else {
                ""
            };
            let _ = write!(
                h,
                "<div class=\"evtag\">▸ {} {} {}{ellipsis}</div>",
                esc(l.evidence_for),
                esc(id),
                esc(&short)
            );
        }
        h.push_str("</aside></div>\n");
    }
    if !unplaced.is_empty() {
        let _ = write!(h, "<h3>{}</h3>\n<ol class=\"notes\">\n", esc(l.unplaced));
        for n in unplaced {
            note_html(h, n, true, "li");
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n");
}

/// The text of `range` with highlights: annotations as coloured marks,
/// confirmed evidence underlined, and the note numbers `markers`
/// (`(position, number)`) where they belong. Ranges may overlap and cross
/// paragraphs; each piece between two boundaries is wrapped in whatever
/// covers it.
fn inline(
    h: &mut String,
    doc: &Document,
    range: CharRange,
    numbered: &[Numbered<'_>],
    marks: &[EvidenceMark],
    markers: &[(usize, usize)],
) {
    let anns: Vec<(CharRange, &Numbered<'_>)> = numbered
        .iter()
        .filter_map(|n| n.range.map(|r| (r, n)))
        .filter(|(r, _)| r.overlaps(range))
        .collect();
    let evs: Vec<&EvidenceMark> = marks.iter().filter(|m| m.range.overlaps(range)).collect();
    let mut bounds = vec![range.start, range.end];
    for r in anns
        .iter()
        .map(|(r, _)| *r)
        .chain(evs.iter().map(|m| m.range))
    {
        bounds.push(r.start.clamp(range.start, range.end));
        bounds.push(r.end.clamp(range.start, range.end));
    }
    bounds.extend(markers.iter().map(|(pos, _)| *pos));
    bounds.sort_unstable();
    bounds.dedup();
    push_markers(h, markers, range.start);
    for w in bounds.windows(2) {
        let seg = CharRange::new(w[0], w[1]);
        let ann = anns
            .iter()
            .filter(|(r, _)| r.contains_range(seg))
            .map(|(_, n)| n)
            .next_back();
        let ev_items: Vec<&str> = evs
            .iter()
            .filter(|m| m.range.contains_range(seg))
            .flat_map(|m| m.items.iter().map(|(id, _)| id.as_str()))
            .collect();
        if !ev_items.is_empty() {
            let _ = write!(
                h,
                "<span class=\"ev\" title=\"{}\">",
                esc(&ev_items.join(" "))
            );
        }
        if let Some(n) = ann {
            let _ = write!(
                h,
                "<mark class=\"hl hl-{}\">",
                color_name(n.annotation.color)
            );
        }
        h.push_str(&esc(doc.slice(seg)));
        if ann.is_some() {
            h.push_str("</mark>");
        }
        if !ev_items.is_empty() {
            h.push_str("</span>");
        }
        push_markers(h, markers, w[1]);
    }
}

/// The superscript note numbers placed at `pos`.
fn push_markers(h: &mut String, markers: &[(usize, usize)], pos: usize) {
    for (_, num) in markers.iter().filter(|(p, _)| *p == pos) {
        let _ = write!(
            h,
            "<sup class=\"nref\"><a href=\"#note-{num}\" id=\"ref-{num}\"><span class=\"num\">{num}</span></a></sup>"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Anchor, Annotation, ReportRef};
    use crate::document::sha256_hex;

    fn doc_and_assessment() -> (Document, Assessment) {
        let text = "某区2020年法治政府建设年度报告\n一、主要举措\n全面推进政务公开，公开信息1200条。\n二、存在的不足\n法治宣传针对性不强。";
        let doc = Document::from_text("r.txt", text);
        let mut a = Assessment::new(ReportRef {
            sha256: sha256_hex(doc.text.as_bytes()),
            ..ReportRef::default()
        });
        let find = |needle: &str| -> CharRange {
            let byte = doc.text.find(needle).unwrap_or(0);
            let start = doc.index.char_of(&doc.text, byte);
            CharRange::new(start, start + needle.chars().count())
        };
        a.annotations = vec![
            Annotation {
                id: 7,
                anchor: Anchor::from_text(&doc.text, find("针对性不强")),
                note: "后写的批注<b>".into(),
                ..Annotation::default()
            },
            Annotation {
                id: 9,
                anchor: Anchor::from_text(&doc.text, find("政务公开")),
                note: "亮点".into(),
                color: AnnotationColor::Green,
                ..Annotation::default()
            },
            Annotation {
                id: 3,
                anchor: Anchor {
                    quote: "原文里没有这句话".into(),
                    ..Anchor::default()
                },
                note: "找不到".into(),
                ..Annotation::default()
            },
        ];
        (doc, a)
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn annotations_are_numbered_in_reading_order_with_lost_ones_last() {
        let (doc, a) = doc_and_assessment();
        let numbered = number_annotations(&a, Some(&doc));
        let order: Vec<(usize, u64, bool)> = numbered
            .iter()
            .map(|n| (n.number, n.annotation.id, n.range.is_some()))
            .collect();
        assert_eq!(order, [(1, 9, true), (2, 7, true), (3, 3, false)]);
    }

    #[test]
    fn numbers_appear_after_the_passage_and_beside_the_paragraph() {
        let (doc, a) = doc_and_assessment();
        let html = render(&a, Some(&doc), Lang::Zh);
        let mark = "<mark class=\"hl hl-green\">政务公开</mark><sup class=\"nref\"><a href=\"#note-1\" id=\"ref-1\">";
        assert!(html.contains(mark), "{html}");
        assert!(html.contains("id=\"note-1\""));
        assert!(html.contains("id=\"ref-2\""));
        assert!(html.contains("后写的批注&lt;b&gt;"));
        // The lost annotation is listed, with its quote, but has no place in the text.
        assert!(html.contains("未能在原文中定位的批注"));
        assert!(html.contains("id=\"note-3\""));
        assert!(!html.contains("id=\"ref-3\""));
    }

    #[test]
    fn a_passage_found_again_after_the_text_changed_is_still_highlighted() {
        let (doc, a) = doc_and_assessment();
        let edited = Document::from_text("r.txt", &format!("前言一段新加的文字。\n{}", doc.text));
        let html = render(&a, Some(&edited), Lang::Zh);
        assert!(
            html.contains("<mark class=\"hl hl-green\">政务公开</mark>"),
            "{html}"
        );
    }

    #[test]
    fn without_the_report_the_notes_are_a_list_with_quotes() {
        let (_, a) = doc_and_assessment();
        let html = render(&a, None, Lang::Zh);
        assert!(!html.contains("class=\"report\""));
        assert!(html.contains("三、批注"));
        assert!(html.contains("「政务公开」"));
    }
}
