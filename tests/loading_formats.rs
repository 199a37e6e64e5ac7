//! Every format and encoding a report arrives in loads to the same clean,
//! structured document as the plain UTF-8 text: a reviewer who receives the
//! 2020 湛河区 report as a GB18030 txt, a Word file, a web page or a PDF sees
//! the same headings, the same required parts and the same metadata, and
//! every offset points at the characters it names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/support.rs"]
mod support;

use std::path::Path;

use shenyue::document::{self, Document, Format, LoadError, LoadOptions};
use support::{SAMPLES, check_invariants, docx_from_lines, sample};

fn load(name: &str, bytes: &[u8]) -> Document {
    let doc = document::from_bytes(name, bytes, &LoadOptions::default(), None)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    check_invariants(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
    doc
}

/// The sample as the reference: plain UTF-8 txt.
fn reference(name: &str) -> Document {
    load(name, sample(name).as_bytes())
}

/// Asserts that two loads of the same report are the same document: text,
/// structure (paragraphs, sentences, headings, parts, metadata) and the
/// cleaning log.
fn assert_same_document(got: &Document, want: &Document, what: &str) {
    assert_eq!(got.text, want.text, "{what}: clean text differs");
    // The file name is evidence for the year; it differs by extension only.
    let without_name = |doc: &Document| {
        let mut s = doc.structure.clone();
        let m = &mut s.metadata;
        for e in m
            .year_signals
            .iter_mut()
            .chain(m.year_source.iter_mut())
            .chain(m.year_conflicts.iter_mut())
        {
            if e.signal == shenyue::structure::YearSignal::FileName {
                e.text.clear();
            }
        }
        s
    };
    assert_eq!(
        without_name(got),
        without_name(want),
        "{what}: structure differs"
    );
    assert_eq!(got.cleaning, want.cleaning, "{what}: cleaning log differs");
    assert_eq!(got.web, want.web, "{what}: web metadata differs");
}

fn level1(doc: &Document) -> Vec<String> {
    doc.structure
        .headings
        .iter()
        .filter(|h| h.level == 1)
        .map(|h| h.text.clone())
        .collect()
}

fn heading_outline(doc: &Document) -> Vec<(u8, String, String)> {
    doc.structure
        .headings
        .iter()
        .map(|h| (h.level, h.numbering.clone(), h.text.clone()))
        .collect()
}

fn parts_present(doc: &Document) -> Vec<(&'static str, bool)> {
    doc.structure
        .parts
        .iter()
        .map(|p| (p.id.as_str(), p.present))
        .collect()
}

#[test]
fn utf8_with_and_without_a_byte_order_mark() {
    for name in SAMPLES {
        let text = sample(name);
        let plain = load(name, text.as_bytes());
        assert_eq!(plain.source.encoding, "UTF-8");
        assert_eq!(plain.source.format, Format::Txt);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let with_bom = load(name, &bom);
        assert_eq!(with_bom.source.encoding, "UTF-8 (BOM)");
        assert!(!with_bom.text.starts_with('\u{feff}'), "{name}: BOM kept");
        assert_eq!(with_bom.text, plain.text, "{name}");
        assert_eq!(with_bom.structure, plain.structure, "{name}");
    }
}

#[test]
fn utf16_little_and_big_endian_with_a_byte_order_mark() {
    for name in SAMPLES {
        let text = sample(name);
        let want = reference(name);
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let got_le = load(name, &le);
        assert_eq!(got_le.source.encoding, "UTF-16LE", "{name}");
        assert_same_document(&got_le, &want, &format!("{name} UTF-16LE"));
        let got_be = load(name, &be);
        assert_eq!(got_be.source.encoding, "UTF-16BE", "{name}");
        assert_same_document(&got_be, &want, &format!("{name} UTF-16BE"));
    }
}

#[test]
fn gb18030_is_detected_without_a_byte_order_mark() {
    for name in SAMPLES {
        let text = sample(name);
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable, "{name}: GB18030 encodes all of Unicode");
        assert!(std::str::from_utf8(&bytes).is_err(), "{name}: not UTF-8");
        let got = load(name, &bytes);
        assert_eq!(got.source.encoding, "GB18030", "{name}");
        assert_same_document(&got, &reference(name), &format!("{name} GB18030"));
    }
}

#[test]
fn a_word_document_reads_like_the_same_text() {
    for (k, name) in SAMPLES.iter().enumerate() {
        let text = sample(name);
        // Put a table somewhere in the middle of each report.
        let lines = text.split('\n').count();
        let bytes = docx_from_lines(&text, lines / 3 + k);
        let docx_name = name.replace(".txt", ".docx");
        let got = load(&docx_name, &bytes);
        assert_eq!(got.source.format, Format::Docx);
        assert_same_document(&got, &reference(name), &docx_name);
    }
}

#[test]
fn a_word_document_keeps_table_cells_entities_and_split_runs() {
    use support::Block;
    let blocks = [
        Block::Para("湛河区2020年法治政府建设年度报告".into()),
        Block::Para("一、依法全面履行政府职能".into()),
        Block::Para("受理“放管服”改革事项 A&B <重点> 共 23000 余份。".into()),
        Block::Table(vec![
            vec!["行政复议案件".into(), "13件".into()],
            vec!["行政应诉案件".into(), "7件".into()],
        ]),
        Block::Para("  二、存在的不足和原因".into()),
        Block::Para("法治宣传教育的针对性有待提高。".into()),
    ];
    let doc = load("tables.docx", &support::docx(&blocks));
    let lines: Vec<&str> = doc.text.lines().collect();
    assert_eq!(
        lines,
        [
            "湛河区2020年法治政府建设年度报告",
            "一、依法全面履行政府职能",
            "受理“放管服”改革事项 A&B <重点> 共23000余份。",
            "行政复议案件",
            "13件",
            "行政应诉案件",
            "7件",
            "二、存在的不足和原因",
            "法治宣传教育的针对性有待提高。",
        ]
    );
    assert_eq!(
        heading_outline(&doc),
        [
            (1, "一、".to_string(), "依法全面履行政府职能".to_string()),
            (1, "二、".to_string(), "存在的不足和原因".to_string()),
        ]
    );
    assert_eq!(doc.structure.metadata.year, Some(2020));
}

/// A government web page around the report: navigation, scripts, styles, a
/// breadcrumb, the 来源/发布日期 line, 【打印】 tools and a footer.
fn web_page(title: &str, text: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            body.push_str("<p>&nbsp;</p>\n");
        } else {
            body.push_str(&format!("<p style=\"text-indent:2em\">{}</p>\n", esc(line)));
        }
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title} - 某某区人民政府门户网站</title>
<style>body {{ font: 16px/1.5 sans-serif }} .nav a {{ color: #333 }}</style>
<script>var crumbs = "一、依法全面履行政府职能"; document.write("法治政府建设");</script>
</head><body>
<div class="top"><nav class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hdjl">互动交流</a></nav>
<div class="search"><form><input name="q"><button>搜索</button></form> 热搜：营商环境 法治政府</div></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info">来源：某某区司法局　　发布日期：2021-03-29 10:15　　浏览次数：1024</div>
<div class="content" id="zoom">
{body}</div>
<div class="tools">【打印】 【关闭窗口】 字体：【大 中 小】</div>
</div>
<footer><p>主办单位：某某区人民政府办公室　版权所有</p><p>粤ICP备12345678号</p></footer>
<script>(function(){{ var s = "二、存在的不足"; }})();</script>
</body></html>"#,
        title = esc(title),
    )
}

#[test]
fn a_web_page_reads_like_the_same_text_without_its_chrome() {
    for name in SAMPLES {
        let want = reference(name);
        let title = want
            .structure
            .metadata
            .title
            .clone()
            .unwrap_or_else(|| "法治政府建设年度报告".into());
        let html = web_page(&title, &sample(name));
        let html_name = name.replace(".txt", ".html");
        let got = load(&html_name, html.as_bytes());
        assert_eq!(got.source.format, Format::Html);
        assert_eq!(
            heading_outline(&got),
            heading_outline(&want),
            "{html_name}: headings"
        );
        assert_eq!(parts_present(&got), parts_present(&want), "{html_name}");
        assert_eq!(
            got.structure.metadata.published.as_deref(),
            Some("2021-03-29"),
            "{html_name}"
        );
        assert_eq!(
            got.web.source.as_deref(),
            Some("某某区司法局"),
            "{html_name}"
        );
        assert_eq!(got.structure.metadata.year, want.structure.metadata.year);
        for chrome in [
            "首页",
            "热搜",
            "【打印】",
            "字体",
            "ICP备",
            "document.write",
            "font:",
            "浏览次数",
            "门户网站",
        ] {
            // The report's own text may mention some of these words.
            assert_eq!(
                got.text.matches(chrome).count(),
                want.text.matches(chrome).count(),
                "{html_name}: {chrome:?} kept"
            );
        }
    }
}

#[test]
fn a_web_page_in_gb18030_is_detected_without_a_byte_order_mark() {
    let name = "zhanhe_2020.txt";
    let html = web_page("湛河区法治政府建设年度报告（2020）", &sample(name))
        .replace("charset=\"utf-8\"", "charset=\"gb2312\"");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&html);
    let got = load("zhanhe.htm", &bytes);
    assert_eq!(got.source.encoding, "GB18030");
    assert_eq!(level1(&got), level1(&reference(name)));
}

const PDF: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/zhanhe_2020.pdf"
);

/// Loads the committed PDF (made by LibreOffice from `zhanhe_2020.txt`);
/// `None` when this machine has no working extractor at all.
fn load_pdf(options: &LoadOptions, from_disk: bool) -> Option<Document> {
    let result = if from_disk {
        document::open(Path::new(PDF), options)
    } else {
        let bytes = std::fs::read(PDF).unwrap();
        document::from_bytes("zhanhe_2020.pdf", &bytes, options, None)
    };
    match result {
        Ok(doc) => {
            check_invariants(&doc).unwrap();
            Some(doc)
        }
        Err(e @ LoadError::PdfToolMissing { .. }) => {
            println!("note: no PDF text extractor works here ({e}); PDF test skipped");
            None
        }
        Err(e) => panic!("zhanhe_2020.pdf: {e}"),
    }
}

#[test]
fn a_pdf_made_from_a_sample_has_the_same_outline() {
    let want = reference("zhanhe_2020.txt");
    let in_thread = LoadOptions::default();
    let in_child = LoadOptions {
        pdf_helper: Some(env!("CARGO_BIN_EXE_shenyue").into()),
        ..LoadOptions::default()
    };
    for (options, from_disk, how) in [
        (&in_thread, false, "extractor thread, bytes"),
        (&in_child, true, "extractor process, file"),
    ] {
        let Some(got) = load_pdf(options, from_disk) else {
            continue;
        };
        assert_eq!(got.source.format, Format::Pdf, "{how}");
        assert_eq!(level1(&got), level1(&want), "{how}");
        assert_eq!(level1(&got).len(), 8, "{how}");
        assert_eq!(got.structure.metadata.unit.as_deref(), Some("湛河区"));
        assert_eq!(got.structure.metadata.year, Some(2020));
        assert_eq!(parts_present(&got), parts_present(&want), "{how}");
    }
}

#[test]
fn every_offset_of_every_sample_points_at_what_it_names() {
    for name in SAMPLES {
        let doc = reference(name);
        assert!(!doc.structure.headings.is_empty(), "{name}: no headings");
        for h in &doc.structure.headings {
            let whole = doc.slice(h.range);
            assert!(whole.starts_with(&h.numbering), "{name}: {whole:?}");
            assert!(whole.ends_with(&h.text), "{name}: {whole:?}");
            assert_eq!(doc.slice(h.text_range), h.text, "{name}");
        }
        for p in doc.structure.parts.iter().filter(|p| p.present) {
            let span = p.span().unwrap();
            assert!(span.end <= doc.char_len(), "{name} {}", p.id.as_str());
            assert!(
                !doc.slice(span).is_empty(),
                "{name} {} is empty",
                p.id.as_str()
            );
        }
    }
}

#[test]
fn a_500k_character_report_loads() {
    let mut text = String::new();
    let mut chars = 0;
    while chars < 500_000 {
        for name in SAMPLES {
            let s = sample(name);
            chars += s.chars().count() + 1;
            text.push_str(&s);
            text.push('\n');
        }
    }
    // Loading time is measured by `cargo bench --bench pipeline`
    // (load_clean_structure/500k_chars), not in this debug build.
    let doc =
        document::from_bytes("big.txt", text.as_bytes(), &LoadOptions::default(), None).unwrap();
    check_invariants(&doc).unwrap();
    println!(
        "500k report: {} input chars, {} clean chars, {} paragraphs",
        chars,
        doc.char_len(),
        doc.structure.paragraphs.len()
    );
    assert!(doc.char_len() > 400_000);
}

#[test]
fn both_pdf_extractors_read_the_fixture() {
    let want = level1(&reference("zhanhe_2020.txt"));
    let bytes = std::fs::read(PDF).unwrap();
    // The built-in extractor, in this process (it is isolated in the app).
    match std::panic::catch_unwind(|| document::pdf::extract_builtin(&bytes)) {
        Ok(Ok(text)) if text.contains("法治政府") => {
            let doc = Document::from_text("builtin.pdf", &text);
            check_invariants(&doc).unwrap();
            assert_eq!(level1(&doc), want, "built-in extractor");
        }
        Ok(Ok(text)) => println!(
            "note: the built-in extractor found no Chinese text: {:?}",
            text.chars().take(60).collect::<String>()
        ),
        Ok(Err(e)) => println!("note: the built-in extractor failed: {e}"),
        Err(_) => println!("note: the built-in extractor panicked"),
    }
    // poppler's pdftotext, the fallback.
    match std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", PDF, "-"])
        .output()
    {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8(out.stdout).unwrap();
            let doc = Document::from_text("pdftotext.pdf", &text);
            check_invariants(&doc).unwrap();
            assert_eq!(level1(&doc), want, "pdftotext");
        }
        Ok(out) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => println!("note: pdftotext is not installed ({e}); CI installs poppler-utils"),
    }
}
