//! A reviewer's story through the exports: the 湛江经开区 2022 report is
//! checked, the reviewer decides on some items, comments (one comment holds
//! markup and commas), links a passage, annotates three passages (one of
//! which no longer exists in the text), writes a conclusion — and exports
//! the 审查意见 as Word, HTML, CSV, JSON and Markdown for colleagues.
//!
//! The tests read each file back the way its reader would: the DOCX as a zip
//! with `word/document.xml`, the CSV with a small RFC 4180 parser, the HTML
//! by its markup, the JSON through `Assessment::from_json`.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use shenyue::analysis::Analyzer;
use shenyue::assessment::{
    Anchor, Annotation, AnnotationColor, Assessment, LinkedEvidence, Verdict, load, save,
    sidecar_path,
};
use shenyue::document::{self, Document, LoadOptions};
use shenyue::export::{ExportFormat, csv_batch, export, export_to_file};
use shenyue::framework::load::Registry;
use shenyue::i18n::Lang;
use shenyue::text::CharRange;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const MARKUP_COMMENT: &str =
    "未单列党政主要负责人履行第一责任人职责情况, 建议补充 <script>alert(\"x\")</script>";
const CONCLUSION: &str = "报告结构完整，主要举措和成效部分内容充实、数据具体，\"放管服\"改革和行政执法规范化成效明显。\n\
     不足之处：党政主要负责人履行第一责任人职责情况未单独报告，存在的不足较为笼统、未分析原因，行政复议数据缺失。建议修改完善后公开。";
const REVIEWER: &str = "李审查";
const LOST_QUOTE: &str = "这句话已经不在报告里了";

fn report_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_reports/zhanjiang-etdz_2022.txt")
}

/// Character range of the first occurrence of `needle` in the report.
fn find(doc: &Document, needle: &str) -> Result<CharRange, String> {
    let byte = doc
        .text
        .find(needle)
        .ok_or_else(|| format!("{needle} not in the report"))?;
    let start = doc.index.char_of(&doc.text, byte);
    Ok(CharRange::new(start, start + needle.chars().count()))
}

fn decide(a: &mut Assessment, id: &str, verdict: Verdict, comment: &str) -> Result<(), String> {
    let item = a.item_mut(id).ok_or_else(|| format!("no item {id}"))?;
    item.review.verdict = verdict;
    item.review.comment = comment.into();
    Ok(())
}

/// The report opened and checked the way the app does it, then reviewed by hand.
fn reviewed() -> Result<(Document, Assessment), Box<dyn std::error::Error>> {
    let path = report_path();
    let doc = document::open(&path, &LoadOptions::default())?;
    let registry = Registry::load_from(None, &[]);
    let selection = registry.default_selection(doc.structure.metadata.year);
    let frameworks: Vec<_> = selection
        .ids
        .iter()
        .filter_map(|id| registry.get(id))
        .collect();
    let analysis = Analyzer::new().analyse(&doc, &frameworks);
    let mut a = Assessment::from_analysis(&doc, &analysis, &path.to_string_lossy());
    a.reviewer = REVIEWER.into();
    a.conclusion = CONCLUSION.into();
    a.modified = "2023-03-15T02:00:00Z".parse()?;

    decide(&mut a, "DC1", Verdict::Met, "举措和成效较全面，数据具体。")?;
    let dc1 = a.item_mut("DC1").ok_or("DC1")?;
    let first = dc1.auto.evidence.first().ok_or("DC1 has evidence")?.range;
    dc1.review.accepted.push(first);
    decide(
        &mut a,
        "DC2",
        Verdict::PartlyMet,
        "不足写得笼统，\n未分析原因。",
    )?;
    decide(&mut a, "DC3", Verdict::NotMet, MARKUP_COMMENT)?;
    decide(&mut a, "DC5", Verdict::NotApplicable, "")?;
    decide(&mut a, "G21-07", Verdict::PartlyMet, "行政复议数据缺失。")?;
    a.item_mut("G21-07").ok_or("G21-07")?.review.score = Some(75.0);
    decide(
        &mut a,
        "G21-07.22",
        Verdict::NotMet,
        "未报告行政复议案件受理、审结数据。",
    )?;
    // A comment without a verdict is still the reviewer's work: listed.
    decide(
        &mut a,
        "G21-03.07",
        Verdict::Unreviewed,
        "经开区无立法权，本项可不作要求。",
    )?;
    decide(&mut a, "G21-09", Verdict::Met, "")?;
    decide(
        &mut a,
        "DC4",
        Verdict::PartlyMet,
        "下一步安排较原则，缺少具体任务和时限。",
    )?;
    for id in ["G21-01", "G21-02", "G21-04", "G21-05", "G21-08", "G21-10"] {
        decide(&mut a, id, Verdict::Met, "")?;
    }
    decide(
        &mut a,
        "G21-03",
        Verdict::PartlyMet,
        "规范性文件备案审查未报告数量。",
    )?;
    decide(&mut a, "G21-06", Verdict::PartlyMet, "")?;
    let linked = find(&doc, "依托省政务服务管理平台、移动政务服务平台")?;
    a.item_mut("G21-09")
        .ok_or("G21-09")?
        .review
        .linked
        .push(LinkedEvidence {
            anchor: Anchor::from_text(&doc.text, linked),
            note: "数字政府建设".into(),
            unknown: Default::default(),
        });

    let notes = [
        (
            "乐华街道平乐下社区获评第九批“全国民主法治示范村(社区)”",
            "示范创建成效突出，可作为亮点。",
            AnnotationColor::Green,
        ),
        (
            "一是法治政府建设整体推进力度还不够",
            "不足写得笼统，\n未分析原因。",
            AnnotationColor::Pink,
        ),
        (
            "深入推进“一规划两纲要”贯彻实施",
            "下一步安排应列出可检查的具体任务。",
            AnnotationColor::Yellow,
        ),
    ];
    // Made in reverse reading order: numbers must follow the text, not the ids.
    for (id, (quote, note, color)) in notes.iter().rev().enumerate() {
        a.annotations.push(Annotation {
            id: id as u64 + 1,
            anchor: Anchor::from_text(&doc.text, find(&doc, quote)?),
            note: (*note).into(),
            color: *color,
            created: a.modified,
            needs_attention: false,
            imported: None,
            unknown: Default::default(),
        });
    }
    a.annotations.push(Annotation {
        id: 9,
        anchor: Anchor {
            range: CharRange::new(5, 5 + LOST_QUOTE.chars().count()),
            quote: LOST_QUOTE.into(),
            ..Anchor::default()
        },
        note: "原文修改后找不到了".into(),
        needs_attention: true,
        ..Annotation::default()
    });
    Ok((doc, a))
}

/// Ids of the items the 审查意见 lists: every top-level item, and sub-items
/// the reviewer decided on or commented — written out from the story above.
fn expected_listed(a: &Assessment) -> Vec<String> {
    a.items
        .iter()
        .filter(|i| i.parent.is_none() || ["G21-03.07", "G21-07.22"].contains(&i.id.as_str()))
        .map(|i| i.id.clone())
        .collect()
}

// ---------------------------------------------------------------- DOCX

/// What a reader sees in `word/document.xml`: tables as rows of cell
/// texts, and the text of paragraphs outside tables.
#[derive(Default)]
struct WordView {
    tables: Vec<Vec<Vec<String>>>,
    paragraphs: Vec<String>,
    east_asia_fonts: BTreeSet<String>,
}

fn read_word(bytes: &[u8]) -> Result<WordView, Box<dyn std::error::Error>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    for part in [
        "[Content_Types].xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
    ] {
        assert!(zip.by_name(part).is_ok(), "{part} missing from the DOCX");
    }
    let mut xml = String::new();
    zip.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut view = WordView::default();
    let mut table_depth = 0usize;
    let mut in_text = false;
    loop {
        let event = reader.read_event()?;
        let text: Option<String> = match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    b"w:tbl" if !empty => {
                        table_depth += 1;
                        view.tables.push(Vec::new());
                    }
                    b"w:tr" => {
                        if let Some(t) = view.tables.last_mut() {
                            t.push(Vec::new());
                        }
                    }
                    b"w:tc" => {
                        if let Some(row) = view.tables.last_mut().and_then(|t| t.last_mut()) {
                            row.push(String::new());
                        }
                    }
                    b"w:p" if table_depth == 0 => view.paragraphs.push(String::new()),
                    b"w:t" if !empty => in_text = true,
                    b"w:rFonts" => {
                        for attr in e.attributes() {
                            let attr = attr?;
                            if attr.key.as_ref() == b"w:eastAsia" {
                                view.east_asia_fonts
                                    .insert(String::from_utf8_lossy(&attr.value).into_owned());
                            }
                        }
                    }
                    _ => {}
                }
                None
            }
            Event::End(e) => {
                match e.name().as_ref() {
                    b"w:tbl" => table_depth -= 1,
                    b"w:t" => in_text = false,
                    _ => {}
                }
                None
            }
            Event::Text(t) if in_text => Some(t.decode()?.into_owned()),
            Event::GeneralRef(r) if in_text => {
                let name = r.decode()?;
                Some(
                    match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    }
                    .to_string(),
                )
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(text) = text {
            if table_depth > 0 {
                if let Some(cell) = view
                    .tables
                    .last_mut()
                    .and_then(|t| t.last_mut())
                    .and_then(|r| r.last_mut())
                {
                    cell.push_str(&text);
                }
            } else if let Some(p) = view.paragraphs.last_mut() {
                p.push_str(&text);
            }
        }
    }
    Ok(view)
}

#[test]
fn the_docx_is_a_word_document_with_one_row_per_listed_item() -> TestResult {
    let (_, a) = reviewed()?;
    let bytes = export(&a, None, ExportFormat::Docx, Lang::Zh)?;
    let word = read_word(&bytes)?;

    assert_eq!(word.tables.len(), 2, "particulars and items");
    // The particulars: report, unit, year, reviewer, date, total score.
    let meta: Vec<String> = word.tables[0].iter().flatten().cloned().collect();
    for expected in [
        "湛江经济技术开发区2022年法治政府建设年度报告",
        "湛江经济技术开发区",
        "2022年",
        REVIEWER,
        "2023年3月15日",
        "加权总分",
    ] {
        assert!(
            meta.iter().any(|c| c == expected),
            "{expected} not in {meta:?}"
        );
    }

    let items = &word.tables[1];
    assert_eq!(
        items[0],
        ["编号", "审查项目", "自动判断", "审查意见", "评分", "说明"]
    );
    let listed = expected_listed(&a);
    assert_eq!(
        items.len(),
        listed.len() + 1,
        "a header and one row per listed item"
    );
    let ids: Vec<&str> = items[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, listed);
    let row = |id: &str| {
        items
            .iter()
            .find(|r| r[0] == id)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(row("DC3")[3], "不符合");
    assert_eq!(row("DC3")[4], "0");
    assert_eq!(row("DC3")[5], MARKUP_COMMENT, "markup is text, not XML");
    assert_eq!(row("DC1")[3..5], ["符合", "100"]);
    assert_eq!(row("G21-07")[3..5], ["基本符合", "75"]);
    assert_eq!(row("DC5")[3..5], ["不适用", "—"]);
    assert_eq!(
        row("DC2")[5],
        "不足写得笼统，未分析原因。",
        "two lines, two paragraphs"
    );
    assert!(row("G21-07.22")[1].contains("发挥行政复议化解行政争议主渠道作用"));
    assert_eq!(row("G21-03.07")[3], "未审");

    let body = &word.paragraphs;
    let position = |needle: &str| body.iter().position(|p| p.contains(needle));
    assert_eq!(body.first().map(String::as_str), Some("审查意见"));
    let order = [
        position("一、审查结论"),
        position("报告结构完整"),
        position("不足之处："),
        position("二、逐项审查"),
        position("三、批注"),
        position("乐华街道平乐下社区"),
        position("示范创建成效突出"),
    ];
    assert!(order.iter().all(Option::is_some), "{body:#?}");
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Annotations numbered in reading order, each with its quote.
    assert!(
        body.iter().any(|p| p.starts_with("（1）「乐华街道")),
        "{body:#?}"
    );
    assert!(
        body.iter()
            .any(|p| p.starts_with("（4）「") && p.contains(LOST_QUOTE))
    );
    // Reviewer and date close the document.
    let tail: Vec<&str> = body
        .iter()
        .rev()
        .filter(|p| !p.is_empty())
        .take(2)
        .map(String::as_str)
        .collect();
    assert_eq!(tail, ["2023年3月15日", "审查人：李审查"]);

    for font in ["仿宋", "黑体"] {
        assert!(
            word.east_asia_fonts.contains(font),
            "{:?}",
            word.east_asia_fonts
        );
    }
    // Our own reader opens it as a report: a colleague's tools will too.
    let reopened = document::from_bytes("审查意见.docx", &bytes, &LoadOptions::default(), None)?;
    assert!(reopened.text.contains("报告结构完整"));
    Ok(())
}

/// The parts of a DOCX as text.
fn docx_part(bytes: &[u8], name: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut xml = String::new();
    zip.by_name(name)?.read_to_string(&mut xml)?;
    Ok(xml)
}

fn attr_of(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Each comment range of `document.xml`: id → the text it encloses
/// (paragraphs joined by a line break).
fn comment_ranges(xml: &str) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut text = String::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut ranges = Vec::new();
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:commentRangeStart" => {
                    open.push((attr_of(&e, b"w:id").ok_or("id")?, text.len()));
                }
                b"w:commentRangeEnd" => {
                    let id = attr_of(&e, b"w:id").ok_or("id")?;
                    let at = open.iter().position(|(o, _)| *o == id).ok_or("no start")?;
                    let (_, start) = open.remove(at);
                    ranges.push((id, text[start..].to_string()));
                }
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => text.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => text.push_str(&t.decode()?),
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "comment ranges left open: {open:?}");
    Ok(ranges)
}

/// A `w:comment`: id, author, text.
type WordComment = (String, String, String);

/// `word/comments.xml`: id → (author, text).
fn word_comments(xml: &str) -> Result<Vec<WordComment>, Box<dyn std::error::Error>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<WordComment> = Vec::new();
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.name().as_ref() {
                b"w:comment" => out.push((
                    attr_of(&e, b"w:id").ok_or("id")?,
                    attr_of(&e, b"w:author").unwrap_or_default(),
                    String::new(),
                )),
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    if let Some(c) = out.last_mut() {
                        c.2.push('\n');
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(c) = out.last_mut() {
                    c.2.push_str(&t.decode()?);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[test]
fn the_docx_appendix_has_every_annotation_as_a_word_comment_on_its_quote() -> TestResult {
    let (doc, a) = reviewed()?;
    let bytes = export(&a, Some(&doc), ExportFormat::Docx, Lang::Zh)?;
    let document = docx_part(&bytes, "word/document.xml")?;
    let comments = word_comments(&docx_part(&bytes, "word/comments.xml")?)?;
    let ranges = comment_ranges(&document)?;
    assert_eq!(a.annotations.len(), 4);
    assert_eq!(comments.len(), a.annotations.len(), "{comments:#?}");
    for n in &a.annotations {
        let id = n.id.to_string();
        let (_, author, text) = comments
            .iter()
            .find(|c| c.0 == id)
            .ok_or_else(|| format!("no w:comment for annotation {id}"))?;
        assert_eq!(author, REVIEWER);
        for line in n.note.lines() {
            assert!(text.contains(line), "{text:?} lacks {line:?}");
        }
        let color = n.color.label(Lang::Zh);
        assert!(text.contains(&format!("标记颜色：{color}")), "{text:?}");
        let enclosed = ranges
            .iter()
            .find(|(r, _)| *r == id)
            .map(|(_, t)| t.as_str())
            .ok_or_else(|| format!("no comment range for annotation {id}"))?;
        let quote = n.anchor.quote.replace("\r\n", "\n");
        assert!(
            enclosed.contains(quote.as_str()),
            "comment {id}: {enclosed:?} does not enclose {quote:?}"
        );
        // Placed annotations enclose just their quote.
        if !n.needs_attention {
            assert_eq!(enclosed, quote, "comment {id}");
        }
    }
    // The appendix holds the whole report text, after the signature.
    let word = read_word(&bytes)?;
    let appendix = word
        .paragraphs
        .iter()
        .position(|p| p == "附：报告原文与批注")
        .ok_or("no appendix heading")?;
    let signed = word
        .paragraphs
        .iter()
        .position(|p| p.starts_with("审查人："))
        .ok_or("no signature")?;
    assert!(signed < appendix);
    let first_line = doc.text.lines().next().ok_or("empty report")?;
    assert!(word.paragraphs[appendix..].iter().any(|p| p == first_line));
    // Linked evidence is underlined and tagged with its item.
    let linked = "依托省政务服务管理平台、移动政务服务平台";
    assert!(
        word.paragraphs[appendix..]
            .iter()
            .any(|p| p.contains(&format!("{linked}〔G21-09〕"))),
        "linked passage not tagged"
    );
    assert!(
        document.contains("<w:u w:val=\"single\" />"),
        "no underline"
    );
    // The item table's header row repeats on every page: the one header
    // row is the first of the second table.
    assert_eq!(document.matches("<w:tblHeader />").count(), 1);
    let second_table = document.match_indices("<w:tbl>").nth(1).ok_or("tables")?.0;
    let first_row_end = document[second_table..].find("</w:tr>").ok_or("row")? + second_table;
    assert!(document[second_table..first_row_end].contains("<w:tblHeader />"));
    // 公文 page: A4, GB/T 9704 margins, page numbers "— n —".
    assert!(
        document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""),
        "A4"
    );
    assert!(
        document.contains("w:top=\"2098\"") && document.contains("w:left=\"1587\""),
        "margins"
    );
    let fonts = docx_part(&bytes, "word/fontTable.xml")?;
    assert!(fonts.contains("<w:altName w:val=\"FangSong\"/>"), "{fonts}");
    let footer = (1..=3)
        .filter_map(|i| docx_part(&bytes, &format!("word/footer{i}.xml")).ok())
        .collect::<String>();
    assert!(footer.contains("— ") && footer.contains("PAGE"), "{footer}");

    // Round trip: our own reader takes the export's comments back in.
    let back = document::from_bytes("审查意见.docx", &bytes, &LoadOptions::default(), None)?;
    assert_eq!(
        back.comments.len(),
        a.annotations.len(),
        "{:#?}",
        back.comments
    );
    for n in a.annotations.iter().filter(|n| !n.needs_attention) {
        assert!(
            back.comments.iter().any(|c| c.author == REVIEWER
                && c.text
                    .starts_with(n.note.lines().next().unwrap_or_default())),
            "annotation {} not read back: {:#?}",
            n.id,
            back.comments
        );
    }
    Ok(())
}

/// The text comments (sticky notes) of a PDF as LibreOffice writes them:
/// `(title, contents)` decoded from UTF-16BE hex strings.
fn pdf_text_annotations(pdf: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(pdf);
    let hex_field = |obj: &str, key: &str| -> String {
        let Some(at) = obj.find(&format!("{key} <")) else {
            return String::new();
        };
        let rest = &obj[at + key.len() + 2..];
        let hex: String = rest.chars().take_while(|c| *c != '>').collect();
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
            .collect();
        let units: Vec<u16> = bytes
            .chunks(2)
            .filter(|c| c.len() == 2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
            .trim_start_matches('\u{feff}')
            .to_string()
    };
    text.split("endobj")
        .filter(|obj| obj.contains("/Subtype /Text"))
        .map(|obj| (hex_field(obj, "/T"), hex_field(obj, "/Contents")))
        .collect()
}

/// LibreOffice (the office suite many government desktops run) converts the
/// Word export to PDF and keeps every annotation as a comment on the page.
/// Needs `soffice` (libreoffice-writer-nogui, installed by scripts/test);
/// fails without it.
#[test]
fn libreoffice_turns_the_docx_into_a_pdf_with_every_comment() -> TestResult {
    let (doc, a) = reviewed()?;
    let dir = tempfile::tempdir()?;
    let docx = dir.path().join("审查意见.docx");
    export_to_file(&a, Some(&doc), ExportFormat::Docx, Lang::Zh, &docx)?;
    let profile = dir.path().join("profile");
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg(r#"pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}"#)
        .arg("--outdir")
        .arg(dir.path())
        .arg(&docx)
        .output()
        .map_err(|e| format!("cannot run soffice ({e}); install libreoffice-writer-nogui"))?;
    assert!(status.status.success(), "{status:?}");
    let pdf = std::fs::read(dir.path().join("审查意见.pdf"))?;
    assert!(pdf.starts_with(b"%PDF"));
    let notes = pdf_text_annotations(&pdf);
    assert_eq!(notes.len(), a.annotations.len(), "{notes:#?}");
    for n in &a.annotations {
        let first = n.note.lines().next().unwrap_or_default();
        assert!(
            notes
                .iter()
                .any(|(title, text)| title.starts_with(REVIEWER) && text.contains(first)),
            "annotation {} ({first}) not among the PDF's comments: {notes:#?}",
            n.id
        );
    }
    Ok(())
}

// ---------------------------------------------------------------- CSV

/// RFC 4180: records end in CRLF, quoted fields may hold , " CR LF.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\r' | '\n' => return Err(format!("bare line break after row {}", rows.len())),
            '"' => return Err("quote inside an unquoted field".into()),
            _ => field.push(c),
        }
    }
    if quoted || !field.is_empty() || !row.is_empty() {
        return Err("the last record is not ended by CRLF".into());
    }
    Ok(rows)
}

const CSV_HEADER: [&str; 12] = [
    "报告文件",
    "报告单位",
    "年度",
    "框架",
    "编号",
    "审查项目",
    "自动判断",
    "自动评分",
    "审查意见",
    "评分",
    "说明",
    "证据数",
];

#[test]
fn the_csv_opens_with_the_right_columns() -> TestResult {
    let (_, a) = reviewed()?;
    let bytes = export(&a, None, ExportFormat::Csv, Lang::Zh)?;
    assert_eq!(
        &bytes[..3],
        [0xEF, 0xBB, 0xBF],
        "UTF-8 BOM for Excel and WPS"
    );
    let text = std::str::from_utf8(&bytes[3..])?;
    let rows = parse_csv(text)?;
    assert_eq!(rows[0], CSV_HEADER);
    assert_eq!(rows.len(), a.items.len() + 1, "every item, sub-items too");
    assert!(rows.iter().all(|r| r.len() == 12));

    let row = |id: &str| {
        rows.iter()
            .find(|r| r[4] == id)
            .cloned()
            .unwrap_or_default()
    };
    let dc3 = row("DC3");
    assert_eq!(dc3[0], "zhanjiang-etdz_2022.txt");
    assert_eq!(dc3[1..4], ["湛江经济技术开发区", "2022", "DC"]);
    assert_eq!(dc3[8..11], ["不符合", "0", MARKUP_COMMENT]);
    assert_eq!(
        row("DC2")[10],
        "不足写得笼统，\n未分析原因。",
        "a line break survives"
    );
    assert_eq!(row("G21-07")[9], "75");
    assert_eq!(row("DC5")[9], "", "不适用 has no score");
    let dc1 = a.item("DC1").ok_or("DC1")?;
    assert_eq!(row("DC1")[6], "已覆盖");
    assert_eq!(row("DC1")[11], dc1.auto.evidence.len().to_string());
    let g09 = a.item("G21-09").ok_or("G21-09")?;
    assert_eq!(row("G21-09")[11], (g09.auto.evidence.len() + 1).to_string());
    assert!(
        rows[1..].iter().all(|r| r[7].parse::<f32>().is_ok()),
        "auto score is a number"
    );

    // English headers and labels for an English user.
    let en = export(&a, None, ExportFormat::Csv, Lang::En)?;
    let en_rows = parse_csv(std::str::from_utf8(&en[3..])?)?;
    assert_eq!(en_rows[0][4], "item_id");
    assert_eq!(
        en_rows
            .iter()
            .find(|r| r[4] == "DC3")
            .map(|r| r[8].as_str()),
        Some("Not met")
    );
    Ok(())
}

#[test]
fn a_batch_csv_has_the_same_columns_for_many_assessments() -> TestResult {
    let (_, a) = reviewed()?;
    let mut b = a.clone();
    b.report.unit = "另一单位, 带逗号".into();
    let rows_in = [(Path::new("2022/a.txt"), &a), (Path::new("2022/b.txt"), &b)];
    let bytes = csv_batch(&rows_in, Lang::Zh);
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
    let rows = parse_csv(std::str::from_utf8(&bytes[3..])?)?;
    assert_eq!(rows[0], CSV_HEADER);
    assert_eq!(rows.len(), 1 + a.items.len() + b.items.len());
    assert_eq!(rows[1][0], "2022/a.txt");
    assert_eq!(
        rows[rows.len() - 1][0..2],
        ["2022/b.txt", "另一单位, 带逗号"]
    );
    Ok(())
}

// ---------------------------------------------------------------- HTML

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or(html.len());
    let rest = &html[from..];
    let to = rest.find(end).map_or(rest.len(), |i| i + end.len());
    &rest[..to]
}

#[test]
fn the_html_is_a_standalone_printable_page_with_numbered_notes() -> TestResult {
    let (doc, a) = reviewed()?;
    let html = String::from_utf8(export(&a, Some(&doc), ExportFormat::Html, Lang::Zh)?)?;

    // Standalone: nothing fetched, nothing run.
    for forbidden in [
        "<script", "<link", "src=", "@import", "url(", "http://", "https://",
    ] {
        assert!(!html.contains(forbidden), "{forbidden} in the page");
    }
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("@media print"));
    assert!(html.contains("\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\""));
    assert!(html.starts_with("<!DOCTYPE html>"));

    // The header: title, report, reviewer, date, progress, total score.
    let head = between(&html, "<header", "<section class=\"conclusion\"");
    let (reviewed_n, total) = a.progress();
    for expected in [
        "审查意见".to_string(),
        "湛江经济技术开发区2022年法治政府建设年度报告".into(),
        REVIEWER.into(),
        "2023年3月15日".into(),
        format!("{reviewed_n} / {total}"),
    ] {
        assert!(head.contains(&expected), "{expected} not in the header");
    }
    let score = a.total_score().ok_or("some items are scored")?;
    assert!(head.contains(&format!("{score:.1}")) || head.contains(&format!("{score:.0}")));

    // Conclusion before the checklist before the report text.
    let order = [
        "一、审查结论",
        "报告结构完整",
        "二、逐项审查",
        "审查人：李审查",
        "附：报告原文与批注",
    ]
    .map(|s| html.find(s));
    assert!(order.iter().all(Option::is_some));
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");

    // One table row per listed item, plus the header.
    let table = between(&html, "<table class=\"items\"", "</table>");
    assert_eq!(table.matches("<tr").count(), expected_listed(&a).len() + 1);
    assert_eq!(table.matches("<tr class=\"sub\"").count(), 2);
    assert!(table.contains("<span class=\"badge v-notmet\">不符合</span>"));
    // Evidence quotes: the reviewer's confirmed passage comes first for DC1.
    let dc1_quote = &a.item("DC1").ok_or("DC1")?.auto.evidence[0].quote;
    let dc1_row = between(table, "<td class=\"id\">DC1</td>", "</tr>");
    let first: String = dc1_quote.chars().take(20).collect();
    assert!(dc1_row.contains("<li class=\"confirmed\""), "{dc1_row}");
    assert!(dc1_row.contains(&first), "{dc1_row}");

    // The report text: every paragraph, highlights, numbers in the text and beside it.
    let report = between(&html, "<section class=\"report\"", "</section>");
    assert_eq!(
        report.matches("<div class=\"row\">").count(),
        doc.structure
            .paragraphs
            .iter()
            .filter(|p| !doc.slice(p.range).trim().is_empty())
            .count()
    );
    // Each number appears once in the text, and its note sits in the margin
    // of the same paragraph row.
    let rows: Vec<&str> = report.split("<div class=\"row\">").skip(1).collect();
    for n in 1..=3 {
        let in_text = format!("id=\"ref-{n}\"");
        let in_margin = format!("id=\"note-{n}\"");
        assert_eq!(
            report.matches(&in_text).count(),
            1,
            "number {n} in the text"
        );
        let row = rows
            .iter()
            .find(|r| r.contains(&in_text))
            .ok_or(format!("no row holds number {n}"))?;
        let margin = row
            .split("<aside class=\"margin\">")
            .nth(1)
            .unwrap_or_default();
        assert!(
            margin.contains(&in_margin),
            "note {n} beside its paragraph: {row}"
        );
    }
    // Numbers follow the reading order, not the order the notes were made in.
    let pos = |s: &str| report.find(s).unwrap_or(usize::MAX);
    assert!(pos("id=\"ref-1\"") < pos("id=\"ref-2\"") && pos("id=\"ref-2\"") < pos("id=\"ref-3\""));
    assert!(report.contains("<mark class=\"hl hl-green\">乐华街道平乐下社区获评第九批“全国民主法治示范村(社区)”</mark><sup class=\"nref\"><a href=\"#note-1\""));
    let note1 = between(report, "id=\"note-1\"", "</div>\n");
    assert!(note1.contains("示范创建成效突出"), "{note1}");
    let note2 = between(report, "id=\"note-2\"", "</div>\n");
    assert!(note2.contains("不足写得笼统，<br>未分析原因。"), "{note2}");
    // The lost annotation is listed with its quote, not placed in the text.
    assert!(report.contains("未能在原文中定位的批注"));
    assert!(report.contains("id=\"note-4\"") && !report.contains("id=\"ref-4\""));
    assert!(report.contains(LOST_QUOTE));
    // Linked and confirmed evidence is underlined and tagged in the margin.
    assert!(report.contains(
        "<span class=\"ev\" title=\"G21-09\">依托省政务服务管理平台、移动政务服务平台</span>"
    ));
    assert!(report.contains("▸ 佐证 G21-09"));
    assert!(report.contains("▸ 佐证 DC1"));
    Ok(())
}

#[test]
fn the_html_without_the_report_lists_the_notes_instead() -> TestResult {
    let (_, a) = reviewed()?;
    let html = String::from_utf8(export(&a, None, ExportFormat::Html, Lang::Zh)?)?;
    assert!(!html.contains("<section class=\"report\""));
    let notes = between(&html, "<section class=\"annotations\"", "</section>");
    assert!(notes.contains("三、批注"));
    assert_eq!(
        notes.matches("<li class=\"note").count(),
        a.annotations.len()
    );
    assert!(notes.contains("「乐华街道平乐下社区获评第九批“全国民主法治示范村(社区)”」"));
    let en = String::from_utf8(export(&a, None, ExportFormat::Html, Lang::En)?)?;
    assert!(en.contains("<html lang=\"en\">") && en.contains("Not met"));
    Ok(())
}

// ---------------------------------------------------------------- JSON, Markdown

#[test]
fn the_json_round_trips_the_whole_assessment() -> TestResult {
    let (_, a) = reviewed()?;
    let bytes = export(&a, None, ExportFormat::Json, Lang::Zh)?;
    let back = Assessment::from_json("export.json", std::str::from_utf8(&bytes)?)?;
    assert_eq!(back, a);
    Ok(())
}

#[test]
fn the_markdown_has_a_table_row_per_listed_item() -> TestResult {
    let (_, a) = reviewed()?;
    let md = String::from_utf8(export(&a, None, ExportFormat::Markdown, Lang::Zh)?)?;
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(rows.len(), expected_listed(&a).len() + 1);
    let dc2 = rows
        .iter()
        .find(|r| r.starts_with("| DC2 |"))
        .ok_or("DC2 row")?;
    assert!(
        dc2.contains("| 基本符合 | 70 | 不足写得笼统，<br>未分析原因。 |"),
        "{dc2}"
    );
    assert!(md.contains("- 审查人：李审查"));
    assert!(md.contains("1. > 乐华街道"));
    Ok(())
}

// ---------------------------------------------------------------- safety

#[test]
fn exports_never_change_the_assessment_and_writes_are_atomic() -> TestResult {
    let (doc, a) = reviewed()?;
    let before = a.clone();
    let dir = tempfile::tempdir()?;
    for format in ExportFormat::all() {
        let path = dir.path().join(format!("审查意见.{}", format.extension()));
        std::fs::write(&path, "an older export")?;
        export_to_file(&a, Some(&doc), format, Lang::Zh, &path)?;
        let written = std::fs::read(&path)?;
        assert_eq!(
            written,
            export(&a, Some(&doc), format, Lang::Zh)?,
            "{format:?}"
        );
    }
    assert_eq!(a, before, "exports only read");
    assert_eq!(
        std::fs::read_dir(dir.path())?.count(),
        5,
        "no temporary files left"
    );

    let missing = dir.path().join("没有这个文件夹/审查意见.docx");
    let err = export_to_file(&a, None, ExportFormat::Docx, Lang::Zh, &missing)
        .err()
        .ok_or("writing into a missing folder fails")?;
    assert_eq!(err.kind(), "write");
    assert!(err.to_string().contains("没有这个文件夹"), "{err}");
    assert!(
        err.message(Lang::Zh).contains("文件夹不存在"),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(!missing.exists());
    assert_eq!(
        std::fs::read_dir(dir.path())?.count(),
        5,
        "nothing left behind"
    );
    Ok(())
}

#[test]
fn a_saved_assessment_reopened_from_disk_exports_with_its_report() -> TestResult {
    let (_, a) = reviewed()?;
    let dir = tempfile::tempdir()?;
    let report = dir.path().join("zhanjiang-etdz_2022.txt");
    std::fs::copy(report_path(), &report)?;
    let mut a = a;
    a.report.path = report.to_string_lossy().into_owned();
    let sidecar = sidecar_path(&report);
    save(&sidecar, &a, None)?;
    let on_disk = std::fs::read(&sidecar)?;

    let (loaded, _) = load(&sidecar)?;
    let doc = document::open(Path::new(&loaded.report.path), &LoadOptions::default())?;
    let out = dir.path().join("审查意见.html");
    export_to_file(&loaded, Some(&doc), ExportFormat::Html, Lang::Zh, &out)?;
    let html = std::fs::read_to_string(&out)?;
    assert!(html.contains("id=\"ref-3\""));
    assert_eq!(
        std::fs::read(&sidecar)?,
        on_disk,
        "the assessment file is untouched"
    );
    Ok(())
}

/// Writes every export of the story to `$SHENYUE_EXPORT_DEMO` (default
/// `target/tmp/shenyue-export-demo`) for looking at them in Word, LibreOffice
/// or a browser: `cargo test --test export_formats -- --ignored`.
#[test]
#[ignore = "writes demo files for a person to look at"]
fn write_demo_exports() -> TestResult {
    let (doc, a) = reviewed()?;
    let dir = std::env::var_os("SHENYUE_EXPORT_DEMO").map_or_else(
        || Path::new(env!("CARGO_TARGET_TMPDIR")).join("shenyue-export-demo"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    for format in ExportFormat::all() {
        let path = dir.join(format!("review.{}", format.extension()));
        export_to_file(&a, Some(&doc), format, Lang::Zh, &path)?;
    }
    Ok(())
}
