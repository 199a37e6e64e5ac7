//! Property tests over random and mutated input for every parser on the
//! loading path — text decoding, cleaning, structuring, DOCX XML, HTML, the
//! assessment RON and the framework RON. None may panic, whatever it is
//! fed; what they return must keep the invariants the rest of Shenyue
//! relies on (every range a character range inside the text, sentences in
//! order, cleaning changes nothing but white space and removed material).
//!
//! Runs 256 cases per property with a fixed seed, so CI is reproducible.
//! Fuzz longer with `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=<n> cargo test
//! --release --test fuzz_parsers`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/support.rs"]
mod support;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use shenyue::assessment::{Assessment, ReportRef};
use shenyue::document::{Document, LoadOptions, clean, decode, docx, html};
use shenyue::framework::load::parse as parse_framework;
use support::{SAMPLES, check_invariants, sample};

fn config() -> ProptestConfig {
    support::proptest_config(0x5E4E_9E00_2020, 2048)
}

/// Characters reports and their damaged copies are made of: Han, CJK and
/// ASCII punctuation, digits, numbering, every kind of white space, and a
/// few hostile characters (NUL, controls, BOM, zero-width, surrogate-range
/// neighbours, combining marks).
fn report_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::sample::select(
            "法治政府建设年度报告主要举措和成效存在不足原因下一步安排第一责任人区镇局委员会人民是"
                .chars()
                .collect::<Vec<_>>()
        ),
        3 => prop::sample::select(
            "一二三四五六七八九十〇零（）()、．.，,。；;：:！？!?“”‘’《》【】—–-－_/|>＞ \u{3000}\u{a0}\t\n\r0123456789０１２９年月日页共第"
                .chars()
                .collect::<Vec<_>>()
        ),
        1 => prop::sample::select(vec![
            '\0', '\u{1}', '\u{7f}', '\u{85}', '\u{feff}', '\u{200b}', '\u{2028}', '\u{2029}',
            '\u{ad}', '\u{301}', '\u{fffd}', '\u{e000}', '\u{20000}', 'a', 'Z', 'ü', 'ā', '&', '<',
        ]),
        1 => any::<char>(),
    ]
}

fn report_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(report_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Lines the way reports, PDF extractions and web copies have them.
fn report_line() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "湛河区法治政府建设年度报告（2020）",
        "某区2022年法治政府建设年度报告 -某某平台",
        "一、主要举措和成效",
        "（一）强化组织领导，压实法治责任。镇党委书记切实履行第一责任人职责。",
        "(二) 全面推行政务公开",
        "1. 认真安排部署。为统筹安排全年工作，2. 精心组织实施。",
        "（3）规范执法",
        "一是部署落实任务；二是强化督查；三是",
        "二、存在的不足和原因",
        "三、下一年度主要安排",
        "下一步，我们将继续努力。",
        "— 8 —",
        "-3-",
        "第 3 页 共 10 页",
        "12",
        "来源:本网  作者:  发布日期:2023-02-22 09:25:33",
        "首页 > 政务公开 > 结果公开 > 落实情况公开",
        "【打印】 【字体:大 中 小】",
        "热搜:",
        "www.example.gov.cn",
        "秘书之家—全网资源每日更新www.mishuzj.com",
        "建设(shè)工作",
        "特此报告。",
        "廉江市营仔镇人民政府",
        "2025年12月3日",
        "二〇二一年一月五日",
        "　　",
        "",
    ]);
    prop_oneof![
        3 => fixed.prop_map(String::from),
        2 => report_string(90),
        1 => (report_string(10), 1..40usize).prop_map(|(s, n)| s.repeat(n)),
    ]
}

fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec(report_line(), 0..40).prop_map(|lines| lines.join("\n"))
}

/// A slice of a real sample report.
fn sample_excerpt() -> impl Strategy<Value = String> {
    (0..SAMPLES.len(), any::<prop::sample::Index>(), 0..3000usize).prop_map(|(i, start, len)| {
        let text = sample(SAMPLES[i]);
        let chars: Vec<char> = text.chars().collect();
        let a = start.index(chars.len());
        chars[a..(a + len).min(chars.len())].iter().collect()
    })
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, Vec<u8>),
    Delete(prop::sample::Index, usize),
    Duplicate(prop::sample::Index, usize),
    Truncate(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let idx = any::<prop::sample::Index>();
    prop_oneof![
        idx.clone()
            .prop_flat_map(|i| any::<u8>().prop_map(move |b| Mutation::Flip(i, b))),
        (
            idx.clone(),
            prop::collection::vec(
                prop_oneof![
                    any::<u8>(),
                    prop::sample::select(b"<>&;/\"'=()[]{},:#\\\n\0".to_vec())
                ],
                1..12
            )
        )
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        (idx.clone(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (idx.clone(), 1..256usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        idx.prop_map(Mutation::Truncate),
    ]
}

fn mutate(base: &[u8], edits: &[Mutation]) -> Vec<u8> {
    let mut out = base.to_vec();
    for edit in edits {
        let len = out.len().max(1);
        match edit {
            Mutation::Flip(i, b) => {
                let at = i.index(len);
                if let Some(x) = out.get_mut(at) {
                    *x ^= b | 1;
                }
            }
            Mutation::Insert(i, bytes) => {
                let at = i.index(out.len() + 1);
                out.splice(at..at, bytes.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let at = i.index(len).min(out.len());
                let end = (at + n).min(out.len());
                out.drain(at..end);
            }
            Mutation::Duplicate(i, n) => {
                let at = i.index(len).min(out.len());
                let end = (at + n).min(out.len());
                let piece: Vec<u8> = out[at..end].to_vec();
                out.splice(end..end, piece);
            }
            Mutation::Truncate(i) => {
                let at = i.index(len);
                out.truncate(at);
            }
        }
    }
    out
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..6)
}

/// The sample excerpt in a random encoding, with or without its BOM.
fn encoded_text() -> impl Strategy<Value = Vec<u8>> {
    (sample_excerpt(), 0..6u8).prop_map(|(text, enc)| match enc {
        0 => text.into_bytes(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 | 3 => {
            let mut out = if enc == 2 {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for u in text.encode_utf16() {
                out.extend(if enc == 2 {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                });
            }
            out
        }
        _ => encoding_rs::GB18030.encode(&text).0.into_owned(),
    })
}

/// Non-white-space characters, in order.
fn visible(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

fn is_subsequence(small: &[char], big: &[char]) -> bool {
    let mut it = big.iter();
    small.iter().all(|c| it.any(|b| b == c))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decode_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(d) = decode::decode_text(&bytes) {
            prop_assert!(!d.text.contains('\0'));
            prop_assert!(!d.text.trim().is_empty());
        }
    }

    #[test]
    fn decode_reads_every_encoding_and_survives_its_corruption(
        bytes in encoded_text(),
        edits in mutations(),
    ) {
        let _ = decode::decode_text(&bytes);
        let damaged = mutate(&bytes, &edits);
        let _ = decode::decode_text(&damaged);
    }

    #[test]
    fn decode_recognises_every_encoding_of_a_report_excerpt(
        text in sample_excerpt().prop_filter("a paragraph or more", |t| t.chars().count() >= 300 && !t.trim().is_empty()),
        enc in 0..5u8,
    ) {
        let bytes = match enc {
            0 => text.clone().into_bytes(),
            1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            2 => [vec![0xFF, 0xFE], text.encode_utf16().flat_map(u16::to_le_bytes).collect()].concat(),
            3 => [vec![0xFE, 0xFF], text.encode_utf16().flat_map(u16::to_be_bytes).collect()].concat(),
            _ => encoding_rs::GB18030.encode(&text).0.into_owned(),
        };
        let d = decode::decode_text(&bytes);
        prop_assert!(d.is_ok(), "encoding {}: {:?}", enc, d.err());
        prop_assert_eq!(d.unwrap().text, text);
    }

    #[test]
    fn decode_returns_valid_utf8_text_unchanged(
        text in report_string(400).prop_map(|t| t.replace('\0', "").trim_start_matches('\u{feff}').to_string())
    ) {
        // What the decoder refuses as binary: NULs, or over 5% control characters.
        let control = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
            .count();
        prop_assume!(!text.trim().is_empty() && control * 20 <= text.chars().count());
        let d = decode::decode_text(text.as_bytes());
        prop_assert!(d.is_ok(), "{:?}", d.err());
        let d = d.unwrap();
        prop_assert_eq!(d.text, text);
        prop_assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn clean_only_removes_material_and_white_space(raw in prop_oneof![report_text(), report_string(600)]) {
        let c = clean::clean(&raw);
        prop_assert!(!c.text.contains('\r'));
        prop_assert!(!c.text.contains("\n\n"), "blank line in {:?}", c.text);
        prop_assert!(!c.text.starts_with('\n') && !c.text.ends_with('\n'));
        prop_assert!(!c.text.chars().any(|ch| ch.is_control() && ch != '\n'), "{:?}", c.text);
        for line in c.text.split('\n') {
            prop_assert_eq!(line.trim(), line, "untrimmed paragraph");
        }
        prop_assert!(
            is_subsequence(&visible(&c.text), &visible(&raw)),
            "cleaning changed characters: {:?} -> {:?}", raw, c.text
        );
        let n = c.text.chars().count();
        for e in &c.log.entries {
            prop_assert!(e.count >= e.samples.len());
            for s in &e.samples {
                prop_assert!(s.at <= n, "{:?} sample at {} past {}", e.kind, s.at, n);
            }
        }
    }

    #[test]
    fn documents_keep_every_range_inside_their_text(
        text in prop_oneof![3 => report_text(), 1 => report_string(600), 1 => sample_excerpt()]
    ) {
        let doc = Document::from_text("fuzz.txt", &text);
        if let Err(e) = check_invariants(&doc) {
            prop_assert!(false, "{}\n text: {:?}", e, doc.text);
        }
    }

    #[test]
    fn mutated_sample_reports_keep_their_invariants(text in sample_excerpt(), edits in mutations()) {
        let damaged = String::from_utf8_lossy(&mutate(text.as_bytes(), &edits)).into_owned();
        let doc = Document::from_text("fuzz.txt", &damaged);
        if let Err(e) = check_invariants(&doc) {
            prop_assert!(false, "{}\n text: {:?}", e, doc.text);
        }
    }

    #[test]
    fn docx_xml_never_panics(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..2048),
            report_string(300).prop_map(String::into_bytes),
        ],
        depth in 1..64usize,
    ) {
        let _ = docx::paragraphs_from_xml(&bytes, depth);
    }

    #[test]
    fn docx_xml_reads_generated_documents_and_survives_their_corruption(
        lines in prop::collection::vec(report_line(), 0..12),
        edits in mutations(),
    ) {
        let lines: Vec<String> = lines
            .into_iter()
            .map(|l| l.chars().filter(|c| *c != '\n' && *c != '\r' && !c.is_control()).collect())
            .collect();
        let blocks: Vec<support::Block> = lines.iter().cloned().map(support::Block::Para).collect();
        let xml = support::document_xml(&blocks);
        let text = docx::paragraphs_from_xml(xml.as_bytes(), 64);
        prop_assert!(text.is_ok(), "{:?}", text.err());
        let want: String = lines.iter().map(|l| format!("{l}\n")).collect();
        prop_assert_eq!(text.unwrap(), want);
        let damaged = mutate(xml.as_bytes(), &edits);
        let _ = docx::paragraphs_from_xml(&damaged, 64);
        // And through the whole loader, zipped.
        let zipped = support::docx_with(&damaged);
        if let Ok(doc) = shenyue::document::from_bytes("f.docx", &zipped, &LoadOptions::default(), None) {
            prop_assert!(check_invariants(&doc).is_ok());
        }
    }

    #[test]
    fn word_comments_never_panic_on_damaged_parts_or_stray_marks(
        edits in mutations(),
        raw in report_string(200),
        marks in prop::collection::vec((0..3usize, 0..4u8, 0..400usize), 0..12),
    ) {
        use shenyue::document::comments::{CommentMarks, read};
        const COMMENTS: &str = concat!(
            r#"<w:comments xmlns:w="w" xmlns:w14="w14">"#,
            r#"<w:comment w:id="1" w:author="甲" w:date="2024-01-01T00:00:00Z"><w:p w14:paraId="0001"><w:r><w:t>意见&amp;</w:t></w:r></w:p></w:comment>"#,
            r#"<w:comment w:id="2" w:author="乙"><w:p w14:paraId="0002"><w:r><w:t>回复</w:t><w:br/><w:t>二</w:t></w:r></w:p></w:comment>"#,
            "</w:comments>"
        );
        const EXTENDED: &str = r#"<w15:commentsEx xmlns:w15="w15"><w15:commentEx w15:paraId="0001" w15:done="0"/><w15:commentEx w15:paraId="0002" w15:paraIdParent="0001"/></w15:commentsEx>"#;
        let kinds: [&[u8]; 3] = [b"commentRangeStart", b"commentRangeEnd", b"commentReference"];
        let mut m = CommentMarks::default();
        for (kind, id, at) in marks {
            m.record(kinds[kind], || Some(id.to_string()), at);
        }
        // Intact parts: every comment found is on text of `raw`.
        if let Ok(found) = read(COMMENTS.as_bytes(), Some(EXTENDED.as_bytes()), &raw, &m, 64) {
            for c in &found {
                prop_assert!(!c.quote.trim().is_empty(), "{:?}", c);
                prop_assert!(c.near <= raw.chars().count());
            }
        }
        let damaged = mutate(COMMENTS.as_bytes(), &edits);
        let damaged_ext = mutate(EXTENDED.as_bytes(), &edits);
        let _ = read(&damaged, Some(&damaged_ext), &raw, &m, 64);
        let _ = read(&damaged, None, &raw, &m, 2);
    }

    #[test]
    fn docx_archives_never_panic(edits in mutations()) {
        let good = support::docx(&[support::Block::Para("一、主要举措和成效".into())]);
        let damaged = mutate(&good, &edits);
        let _ = docx::extract(&damaged, &LoadOptions::default());
    }

    #[test]
    fn html_never_panics(
        page in prop_oneof![
            report_string(500),
            prop::collection::vec(
                prop_oneof![
                    prop::sample::select(vec![
                        "<html>", "<body>", "<div>", "</div>", "<p>", "</p>", "<br>", "<table><tr><td>",
                        "</td></tr></table>", "<script>", "</script>", "<style>", "<nav>", "</nav>",
                        "<title>", "</title>", "<b id=1>", "<!--", "-->", "<![CDATA[", "&nbsp;", "&amp;",
                        "<svg><foreignObject>", "<template>", "<select><option>", "<frameset>",
                        "来源：本网 发布日期：2021-03-29", "一、主要举措和成效", "<", ">", "\"", "'",
                    ]).prop_map(String::from),
                    report_string(40),
                ],
                0..120,
            ).prop_map(|v| v.concat()),
        ],
        depth in 4..600usize,
    ) {
        let options = LoadOptions { max_nesting: depth, ..LoadOptions::default() };
        let _ = html::extract(&page, &options);
    }

    #[test]
    fn html_pages_of_samples_survive_corruption(text in sample_excerpt(), edits in mutations()) {
        let mut page = String::from("<html><head><title>报告</title></head><body><nav>首页</nav><div>");
        for line in text.lines() {
            page.push_str("<p>");
            page.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
            page.push_str("</p>");
        }
        page.push_str("</div></body></html>");
        let damaged = String::from_utf8_lossy(&mutate(page.as_bytes(), &edits)).into_owned();
        if let Ok(doc) = shenyue::document::from_bytes("f.html", damaged.as_bytes(), &LoadOptions::default(), None) {
            prop_assert!(check_invariants(&doc).is_ok());
        }
    }

    #[test]
    fn assessment_ron_never_panics(text in report_string(400), edits in mutations()) {
        let _ = Assessment::from_ron("fuzz.ron", &text);
        let good = Assessment::new(ReportRef {
            path: "湛河区.txt".into(),
            title: "湛河区法治政府建设年度报告（2020）".into(),
            unit: "湛河区".into(),
            year: Some(2020),
            ..ReportRef::default()
        })
        .to_ron()
        .unwrap();
        prop_assert!(Assessment::from_ron("good.ron", &good).is_ok());
        let damaged = String::from_utf8_lossy(&mutate(good.as_bytes(), &edits)).into_owned();
        let _ = Assessment::from_ron("fuzz.ron", &damaged);
    }

    #[test]
    fn framework_ron_never_panics(
        which in 0..3usize,
        text in report_string(300),
        edits in prop::collection::vec(mutation(), 1..4),
    ) {
        let _ = parse_framework("fuzz.ron", &text);
        let id = ["DC", "G15", "G21"][which];
        let good = std::fs::read_to_string(format!(
            "{}/assets/frameworks/{id}.ron",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let damaged = String::from_utf8_lossy(&mutate(good.as_bytes(), &edits)).into_owned();
        let _ = parse_framework("fuzz.ron", &damaged);
    }
}

#[test]
fn deeply_nested_ron_is_an_error_not_a_stack_overflow() {
    for text in [
        format!("(schema_version: 1, items: {})", "[".repeat(200_000)),
        format!("(schema_version: 1, report: {})", "(".repeat(200_000)),
        "Some(".repeat(200_000),
    ] {
        assert!(Assessment::from_ron("deep.ron", &text).is_err());
        assert!(parse_framework("deep.ron", &text).is_err());
    }
}
