//! Renders a [`Comparison`] for people: Markdown for quick sharing and a
//! standalone, printable HTML page (`shenyue compare --format md|html`).
//! Every piece of report text is escaped; quotes are shortened to keep the
//! tables readable (the JSON keeps them whole).

use std::fmt::Write as _;

use super::{Comparison, IndicatorPair, ItemChange};
use crate::analysis::{AutoStatus, Indicator};
use crate::document::summary::DocumentSummary;
use crate::i18n::Lang;
use crate::structure::PartId;

/// Longest quote shown in a table cell, in characters.
const MAX_QUOTE: usize = 120;
/// Recycled passages listed (the longest first).
const MAX_PASSAGES: usize = 30;

pub use crate::text::escape_html;

/// Escapes text for one Markdown table cell (pipes, line breaks, HTML).
fn md_cell(s: &str) -> String {
    escape_html(s)
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// At most [`MAX_QUOTE`] characters of `s`, with an ellipsis when cut.
fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= MAX_QUOTE {
        return s.to_string();
    }
    let mut out: String = s.chars().take(MAX_QUOTE).collect();
    out.push('…');
    out
}

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A number without useless decimals ("13", "12.33", "+2988000").
fn number(x: f64, signed: bool) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let s = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    };
    if signed && rounded > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

fn item_status(st: Option<AutoStatus>, lang: Lang) -> &'static str {
    match st {
        Some(AutoStatus::Covered) => lang.pick("已覆盖", "covered"),
        Some(AutoStatus::Partial) => lang.pick("部分覆盖", "partial"),
        Some(AutoStatus::Missing) => lang.pick("缺失", "missing"),
        None => "—",
    }
}

fn side(i: Option<&Indicator>) -> String {
    i.map_or_else(|| "—".to_string(), |i| i.raw.clone())
}

/// The change with its unit when both years use the same one; money in 万元
/// once it is large ("↑ +298.8万元").
fn change(p: &IndicatorPair) -> String {
    let (Some(c), Some(t)) = (p.change, p.trend) else {
        return "—".to_string();
    };
    let unit = match (&p.old, &p.new) {
        (Some(o), Some(n)) if o.unit == n.unit => n.unit.as_str(),
        _ => "",
    };
    if unit == "元" && c.abs() >= 10_000.0 {
        return format!("{} {}万元", t.arrow(), number(c / 10_000.0, true));
    }
    format!("{} {}{unit}", t.arrow(), number(c, true))
}

/// The pair's name, with the older year's name when it differs.
fn pair_name(p: &IndicatorPair, lang: Lang) -> (String, Option<String>) {
    let old = p
        .old
        .as_ref()
        .map(|o| o.name.clone())
        .filter(|o| *o != p.name);
    (
        p.name.clone(),
        old.map(|o| format!("{}{o}", lang.pick("上年：", "older: "))),
    )
}

fn title_of(s: &DocumentSummary) -> String {
    s.title.clone().unwrap_or_else(|| s.file.clone())
}

fn year_of(s: &DocumentSummary) -> String {
    s.year.map_or_else(|| "—".to_string(), |y| y.to_string())
}

/// Labels of both languages in one place.
struct Labels {
    title: &'static str,
    older: &'static str,
    newer: &'static str,
    report: &'static str,
    unit: &'static str,
    year: &'static str,
    file: &'static str,
    follow: &'static str,
    plan: &'static str,
    status: &'static str,
    evidence: &'static str,
    no_plans: &'static str,
    indicators: &'static str,
    indicator: &'static str,
    change: &'static str,
    no_pairs: &'static str,
    recycled: &'static str,
    part: &'static str,
    share: &'static str,
    similarity: &'static str,
    passage: &'static str,
    red_flag: &'static str,
    items: &'static str,
    item: &'static str,
    item_title: &'static str,
}

fn labels(lang: Lang) -> Labels {
    let p = |zh, en| lang.pick(zh, en);
    Labels {
        title: p("年度对比", "Year-over-year comparison"),
        older: p("上一年度", "Older report"),
        newer: p("本年度", "Newer report"),
        report: p("报告", "Report"),
        unit: p("单位", "Unit"),
        year: p("年度", "Year"),
        file: p("文件", "File"),
        follow: p(
            "上年度工作安排落实情况",
            "Follow-through of last year's plans",
        ),
        plan: p("上年度安排", "Plan"),
        status: p("落实情况", "Status"),
        evidence: p("本年度报告中的依据", "Evidence in the newer report"),
        no_plans: p(
            "上一年度报告中未找到下一年度工作安排。",
            "No plans for the next year were found in the older report.",
        ),
        indicators: p("指标对比", "Indicators"),
        indicator: p("指标", "Indicator"),
        change: p("变化", "Change"),
        no_pairs: p(
            "两年报告中没有可对应的指标。",
            "No indicator appears in both reports.",
        ),
        recycled: p("与上年度重复的文字", "Text repeated from the older report"),
        part: p("部分", "Part"),
        share: p("重复比例", "Share repeated"),
        similarity: p("相似度", "Similarity"),
        passage: p("重复段落", "Passage"),
        red_flag: p(
            "“不足和原因”部分大量重复上年度报告的文字，请核实是否照搬。",
            "The shortcomings part largely repeats the older report: check whether it was copied.",
        ),
        items: p("清单项目对比", "Checklist items"),
        item: p("项目", "Item"),
        item_title: p("名称", "Title"),
    }
}

fn follow_summary(c: &Comparison, lang: Lang) -> String {
    let (r, p, n) = c.follow_counts();
    let total = c.follow_through.len();
    match lang {
        Lang::Zh => format!("共 {total} 项：已报告 {r} 项，部分报告 {p} 项，未报告 {n} 项。"),
        Lang::En => {
            format!("{total} plans: {r} reported, {p} partly reported, {n} not reported.")
        }
    }
}

fn unpaired_summary(c: &Comparison, lang: Lang) -> String {
    let old_only = c.indicators.iter().filter(|p| p.new.is_none()).count();
    let new_only = c.indicators.iter().filter(|p| p.old.is_none()).count();
    match lang {
        Lang::Zh => format!("另有上一年度指标 {old_only} 项、本年度指标 {new_only} 项无对应。"),
        Lang::En => format!(
            "{old_only} indicators of the older and {new_only} of the newer report have no counterpart."
        ),
    }
}

/// The indicators of both years in different units, listed apart (never
/// compared): "单位不同、未比较的指标 1 项：政府信息公开申请 20宗 / 29件".
fn units_differ_summary(c: &Comparison, lang: Lang) -> Option<String> {
    let list: Vec<String> = c
        .unit_mismatches()
        .filter_map(|p| {
            let (o, n) = (p.old.as_ref()?, p.new.as_ref()?);
            Some(format!("{} {} / {}", p.name, o.raw, n.raw))
        })
        .collect();
    if list.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!(
            "单位不同、未比较的指标 {} 项：{}。",
            list.len(),
            list.join("；")
        ),
        Lang::En => format!(
            "{} indicators in different units, not compared: {}.",
            list.len(),
            list.join("; ")
        ),
    })
}

/// The skipped years, when the two reports are not of consecutive years.
fn skipped_note(c: &Comparison, lang: Lang) -> Option<String> {
    let (older, newer) = (c.old.year?, c.new.year?);
    (newer - older > 1).then(|| super::Mismatch::SkippedYears { older, newer }.message(lang))
}

fn share_summary(c: &Comparison, lang: Lang) -> String {
    let n = c.recycled.passages.len();
    let s = percent(c.recycled.share);
    match lang {
        Lang::Zh => format!("本年度报告约 {s} 的文字与上一年度报告重复（{n} 处）。"),
        Lang::En => {
            format!("About {s} of the newer report's text repeats the older report ({n} passages).")
        }
    }
}

/// Passages to list: the longest first, at most [`MAX_PASSAGES`].
fn listed_passages(c: &Comparison) -> Vec<&super::RecycledPassage> {
    let mut ps: Vec<&super::RecycledPassage> = c.recycled.passages.iter().collect();
    ps.sort_by_key(|p| std::cmp::Reverse(p.new.len()));
    ps.truncate(MAX_PASSAGES);
    ps.sort_by_key(|p| p.new.start);
    ps
}

fn part_label(part: PartId, lang: Lang) -> String {
    format!("{} {}", part.as_str(), part.label(lang))
}

/// The comparison as Markdown.
pub fn to_markdown(c: &Comparison, lang: Lang) -> String {
    let l = labels(lang);
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# {}：{} → {}\n",
        l.title,
        md_cell(&year_of(&c.old)),
        md_cell(&year_of(&c.new))
    );
    if let Some(note) = skipped_note(c, lang) {
        let _ = writeln!(md, "> {note}\n");
    }
    let _ = writeln!(md, "| | {} | {} |\n|---|---|---|", l.older, l.newer);
    let row = |md: &mut String, label: &str, a: &str, b: &str| {
        let _ = writeln!(md, "| {label} | {} | {} |", md_cell(a), md_cell(b));
    };
    row(&mut md, l.report, &title_of(&c.old), &title_of(&c.new));
    row(
        &mut md,
        l.unit,
        c.old.unit.as_deref().unwrap_or("—"),
        c.new.unit.as_deref().unwrap_or("—"),
    );
    row(&mut md, l.year, &year_of(&c.old), &year_of(&c.new));
    row(&mut md, l.file, &c.old.file, &c.new.file);

    let _ = writeln!(md, "\n## {}\n", l.follow);
    if c.follow_through.is_empty() {
        let _ = writeln!(md, "{}", l.no_plans);
    } else {
        let _ = writeln!(md, "{}\n", follow_summary(c, lang));
        let _ = writeln!(
            md,
            "| # | {} | {} | {} |\n|---|---|---|---|",
            l.plan, l.status, l.evidence
        );
        for (k, f) in c.follow_through.iter().enumerate() {
            let ev: Vec<String> = f
                .evidence
                .iter()
                .map(|q| format!("“{}”", md_cell(&shorten(&q.quote))))
                .collect();
            let ev = if ev.is_empty() {
                "—".to_string()
            } else {
                ev.join("<br>")
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                k + 1,
                md_cell(&f.plan.text),
                f.status.label(lang),
                ev
            );
        }
    }

    let _ = writeln!(md, "\n## {}\n", l.indicators);
    let pairs: Vec<&IndicatorPair> = c.indicator_pairs().collect();
    if pairs.is_empty() {
        let _ = writeln!(md, "{}", l.no_pairs);
    } else {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            l.indicator, l.older, l.newer, l.change
        );
        for p in pairs {
            let (name, old_name) = pair_name(p, lang);
            let name = match old_name {
                Some(o) => format!("{}<br>{}", md_cell(&name), md_cell(&o)),
                None => md_cell(&name),
            };
            let _ = writeln!(
                md,
                "| {name} | {} | {} | {} |",
                md_cell(&side(p.old.as_ref())),
                md_cell(&side(p.new.as_ref())),
                change(p)
            );
        }
    }
    let _ = writeln!(md, "\n{}", unpaired_summary(c, lang));
    if let Some(u) = units_differ_summary(c, lang) {
        let _ = writeln!(md, "\n{u}");
    }

    let _ = writeln!(md, "\n## {}\n", l.recycled);
    let _ = writeln!(md, "{}\n", share_summary(c, lang));
    if c.recycled.shortcomings_recycled() {
        let _ = writeln!(md, "> **⚠ {}**\n", l.red_flag);
    }
    if !c.recycled.parts.is_empty() {
        let _ = writeln!(md, "| {} | {} |\n|---|---|", l.part, l.share);
        for p in &c.recycled.parts {
            let _ = writeln!(
                md,
                "| {} | {} |",
                part_label(p.part, lang),
                percent(p.share)
            );
        }
        md.push('\n');
    }
    let listed = listed_passages(c);
    if !listed.is_empty() {
        let _ = writeln!(md, "| {} | {} |\n|---|---|", l.passage, l.similarity);
        for p in listed {
            let _ = writeln!(
                md,
                "| {} | {:.2} |",
                md_cell(&shorten(&p.quote)),
                p.similarity
            );
        }
    }

    if !c.items.is_empty() {
        let _ = writeln!(md, "\n## {}\n", l.items);
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            l.item, l.item_title, l.older, l.newer
        );
        for it in &c.items {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                md_cell(&it.id),
                md_cell(&it.title),
                item_status(it.old_status, lang),
                item_status(it.new_status, lang)
            );
        }
    }
    md
}

const CSS: &str = r#"
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
       color: #1a1a1a; max-width: 960px; margin: 2em auto; padding: 0 1.5em; line-height: 1.6; }
h1 { font-size: 1.6em; text-align: center; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; border-bottom: 2px solid #8a1c1c; padding-bottom: 0.2em; margin-top: 1.8em; }
p.sub { text-align: center; color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.95em; }
th, td { border: 1px solid #bbb; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
th { background: #f3efe8; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.plan { min-width: 9em; }
.badge { display: inline-block; padding: 0 0.5em; border-radius: 3px; white-space: nowrap; font-size: 0.9em; }
.reported { background: #e3f1e3; color: #1d5e20; }
.partly { background: #fff3d6; color: #7a5300; }
.not_reported { background: #f9e0e0; color: #8a1c1c; }
.quote { color: #333; }
.quote + .quote { margin-top: 0.3em; }
.old { color: #666; font-size: 0.85em; }
.flag { border: 2px solid #8a1c1c; background: #fbeaea; padding: 0.6em 0.8em; font-weight: bold; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"#;

/// The comparison as a standalone, printable HTML page.
pub fn to_html(c: &Comparison, lang: Lang) -> String {
    let l = labels(lang);
    let e = escape_html;
    let mut h = String::new();
    let html_lang = lang.pick("zh-CN", "en");
    let heading = format!("{}：{} → {}", l.title, year_of(&c.old), year_of(&c.new));
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        e(&heading),
        e(&heading)
    );
    if let Some(unit) = c.new.unit.as_deref().or(c.old.unit.as_deref()) {
        let _ = writeln!(h, "<p class=\"sub\">{}</p>", e(unit));
    }
    if let Some(note) = skipped_note(c, lang) {
        let _ = writeln!(h, "<p class=\"sub\">{}</p>", e(&note));
    }
    let _ = writeln!(
        h,
        "<table>\n<tr><th></th><th>{}</th><th>{}</th></tr>",
        l.older, l.newer
    );
    for (label, a, b) in [
        (l.report, title_of(&c.old), title_of(&c.new)),
        (l.year, year_of(&c.old), year_of(&c.new)),
        (l.file, c.old.file.clone(), c.new.file.clone()),
    ] {
        let _ = writeln!(
            h,
            "<tr><th>{label}</th><td>{}</td><td>{}</td></tr>",
            e(&a),
            e(&b)
        );
    }
    h.push_str("</table>\n");

    let _ = writeln!(h, "<h2>{}</h2>", l.follow);
    if c.follow_through.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", l.no_plans);
    } else {
        let _ = writeln!(h, "<p>{}</p>", e(&follow_summary(c, lang)));
        let _ = writeln!(
            h,
            "<table>\n<tr><th>#</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            l.plan, l.status, l.evidence
        );
        for (k, f) in c.follow_through.iter().enumerate() {
            let ev: String = if f.evidence.is_empty() {
                "—".to_string()
            } else {
                f.evidence
                    .iter()
                    .map(|q| format!("<div class=\"quote\">“{}”</div>", e(&shorten(&q.quote))))
                    .collect()
            };
            let _ = writeln!(
                h,
                "<tr><td class=\"num\">{}</td><td class=\"plan\">{}</td><td><span class=\"badge {}\">{}</span></td><td>{ev}</td></tr>",
                k + 1,
                e(&f.plan.text),
                f.status.as_str(),
                f.status.label(lang)
            );
        }
        h.push_str("</table>\n");
    }

    let _ = writeln!(h, "<h2>{}</h2>", l.indicators);
    let pairs: Vec<&IndicatorPair> = c.indicator_pairs().collect();
    if pairs.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", l.no_pairs);
    } else {
        let _ = writeln!(
            h,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            l.indicator, l.older, l.newer, l.change
        );
        for p in pairs {
            let (name, old_name) = pair_name(p, lang);
            let name = match old_name {
                Some(o) => format!("{}<div class=\"old\">{}</div>", e(&name), e(&o)),
                None => e(&name),
            };
            let _ = writeln!(
                h,
                "<tr><td>{name}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                e(&side(p.old.as_ref())),
                e(&side(p.new.as_ref())),
                e(&change(p))
            );
        }
        h.push_str("</table>\n");
    }
    let _ = writeln!(h, "<p>{}</p>", e(&unpaired_summary(c, lang)));
    if let Some(u) = units_differ_summary(c, lang) {
        let _ = writeln!(h, "<p>{}</p>", e(&u));
    }

    let _ = writeln!(h, "<h2>{}</h2>", l.recycled);
    let _ = writeln!(h, "<p>{}</p>", e(&share_summary(c, lang)));
    if c.recycled.shortcomings_recycled() {
        let _ = writeln!(h, "<p class=\"flag\">⚠ {}</p>", e(l.red_flag));
    }
    if !c.recycled.parts.is_empty() {
        let _ = writeln!(
            h,
            "<table>\n<tr><th>{}</th><th>{}</th></tr>",
            l.part, l.share
        );
        for p in &c.recycled.parts {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                e(&part_label(p.part, lang)),
                percent(p.share)
            );
        }
        h.push_str("</table>\n");
    }
    let listed = listed_passages(c);
    if !listed.is_empty() {
        let _ = writeln!(
            h,
            "<table>\n<tr><th>{}</th><th class=\"num\">{}</th></tr>",
            l.passage, l.similarity
        );
        for p in listed {
            let _ = writeln!(
                h,
                "<tr><td class=\"quote\">{}</td><td class=\"num\">{:.2}</td></tr>",
                e(&shorten(&p.quote)),
                p.similarity
            );
        }
        h.push_str("</table>\n");
    }

    if !c.items.is_empty() {
        let _ = writeln!(h, "<h2>{}</h2>", l.items);
        let _ = writeln!(
            h,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            l.item, l.item_title, l.older, l.newer
        );
        for it in &c.items {
            h.push_str(&item_row(it, lang));
        }
        h.push_str("</table>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn item_row(it: &ItemChange, lang: Lang) -> String {
    format!(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape_html(&it.id),
        escape_html(&it.title),
        item_status(it.old_status, lang),
        item_status(it.new_status, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::compare::{FollowStatus, compare};
    use crate::document::Document;

    fn sample() -> Comparison {
        let old = Document::from_text(
            "old<1>.txt",
            "某区2021年法治政府建设年度报告\n一、主要工作情况\n全年办理行政复议案件13件。\n\
             二、存在的不足\n法治工作力量较薄弱，法制审查等依法决策机制贯彻落实还不彻底。\n\
             三、下一步工作打算\n（一）推行行政执法公示制度。建立执法信息公示平台。\n（二）开展<宪法>宣传周活动。\n",
        );
        let new = Document::from_text(
            "new.txt",
            "某区2022年法治政府建设年度报告\n一、主要举措和成效\n全面推行行政执法公示制度，建成执法信息公示平台。全年办理行政复议案件15件。\n\
             二、存在的不足\n法治工作力量较薄弱，法制审查等依法决策机制贯彻落实还不彻底。\n",
        );
        compare(&old, &Analysis::default(), &new, &Analysis::default())
    }

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(
            escape_html("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn markdown_has_every_section() {
        let c = sample();
        let md = to_markdown(&c, Lang::Zh);
        assert!(md.starts_with("# 年度对比：2021 → 2022"));
        assert!(md.contains("## 上年度工作安排落实情况"));
        assert!(md.contains("| 1 | 推行行政执法公示制度 | 已报告 |"));
        assert!(md.contains("| 2 | 开展&lt;宪法&gt;宣传周活动 | 未报告 | — |"));
        assert!(
            md.contains("| 办理行政复议案件 | 13件 | 15件 | ↑ +2件 |"),
            "{md}"
        );
        assert!(md.contains("⚠"), "the copied 不足 must be flagged:\n{md}");
        let en = to_markdown(&c, Lang::En);
        assert!(en.contains("## Follow-through of last year's plans"));
        assert!(en.contains("Not reported"));
    }

    #[test]
    fn html_is_standalone_and_escaped() {
        let c = sample();
        let html = to_html(&c, Lang::Zh);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.trim_end().ends_with("</html>"));
        assert!(html.contains("old&lt;1&gt;.txt"));
        assert!(html.contains("开展&lt;宪法&gt;宣传周活动"));
        assert!(!html.contains("<宪法>"));
        assert!(html.contains("class=\"badge reported\""));
        assert!(html.contains("class=\"flag\""));
        // Balanced tables.
        assert_eq!(
            html.matches("<table>").count(),
            html.matches("</table>").count()
        );
        assert_eq!(FollowStatus::Partly.label(Lang::En), "Partly reported");
    }

    #[test]
    fn numbers_are_shown_without_noise() {
        assert_eq!(number(13.0, false), "13");
        assert_eq!(number(2.0, true), "+2");
        assert_eq!(number(-23.0, true), "-23");
        assert_eq!(number(12.3349, false), "12.33");
        assert_eq!(shorten(&"字".repeat(130)).chars().count(), MAX_QUOTE + 1);
    }
}
