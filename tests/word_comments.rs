//! Word comments in: a DOCX with comments written the way Word and WPS write
//! them, opened for review through the one pipeline, carries each comment as
//! an annotation marked imported, on exactly the commented text — also where
//! the cleaner changed that text, for replies, and for comments spanning
//! paragraphs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/comments_writer.rs"]
mod comments_writer;

use comments_writer::{Comment, docx_with_comments};
use shenyue::assessment::{self, Annotation};
use shenyue::document::LoadOptions;
use shenyue::export::{ExportFormat, export};
use shenyue::framework::Registry;
use shenyue::i18n::Lang;
use shenyue::review::{FrameworkRequest, ReviewEngine};

const PARAGRAPHS: [&str; 10] = [
    "某区2023年法治政府建设年度报告",
    "\u{3000}\u{3000}2023年，我区⟦0|深入推进依法行政|0⟧，取得明显成效。",
    "一、主要举措",
    // The cleaner removes the spaces between CJK and digits inside the span.
    "全年共受理行政复议案件 ⟦1|⟦2|13 件，审结 12|1⟧|2⟧ 件。",
    // A span over two paragraphs and the page-number line between them.
    "⟦4|（二）推进政务公开，依法公开政府信息1200条。",
    "— 2 —",
    "办理依申请公开45件。|4⟧",
    "二、存在的不足",
    "一是法治宣传教育针对性不强；二是⟦5|基层执法力量薄弱|5⟧。",
    "特此报告。",
];

fn comments() -> Vec<Comment> {
    vec![
        Comment {
            id: 0,
            author: "张三",
            date: "2024-03-01T09:30:00Z",
            paragraphs: vec!["表述空泛，请补充具体举措。"],
            reply_to: None,
        },
        Comment {
            id: 1,
            author: "李四",
            date: "2024-03-02T10:00:00Z",
            paragraphs: vec!["数据与统计年报不一致？"],
            reply_to: None,
        },
        // A reply with its own range (Word), and one without (the file
        // says only whom it answers).
        Comment {
            id: 2,
            author: "王五",
            date: "2024-03-02T11:00:00Z",
            paragraphs: vec!["已核对，一致。"],
            reply_to: Some(1),
        },
        Comment {
            id: 3,
            author: "李四",
            date: "2024-03-02T12:00:00",
            paragraphs: vec!["好的。"],
            reply_to: Some(1),
        },
        Comment {
            id: 4,
            author: "张三",
            date: "2024-03-03T08:00:00Z",
            paragraphs: vec!["第一段：数字可信。", "第二段：A&B <比较>。"],
            reply_to: None,
        },
        Comment {
            id: 5,
            author: "赵六",
            date: "2024-03-04T08:00:00Z",
            paragraphs: vec!["与去年表述相同。"],
            reply_to: None,
        },
    ]
}

fn engine() -> ReviewEngine {
    ReviewEngine::with_registry(Registry::load_from(None, &[]), LoadOptions::default())
}

fn by_author<'a>(annotations: &'a [Annotation], author: &str, note: &str) -> &'a Annotation {
    annotations
        .iter()
        .find(|a| {
            a.imported.as_ref().is_some_and(|i| i.author == author) && a.note.starts_with(note)
        })
        .unwrap_or_else(|| panic!("no imported comment by {author} ({note}): {annotations:#?}"))
}

#[test]
fn word_comments_become_annotations_on_the_commented_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("某区2023年报告.docx");
    std::fs::write(&path, docx_with_comments(&PARAGRAPHS, &comments())).unwrap();

    let engine = engine();
    let opened = engine
        .open_for_review(&path, &FrameworkRequest::default(), &mut |_| {})
        .unwrap();
    let doc = &opened.doc;
    let a = &opened.assessment;
    assert_eq!(doc.comments.len(), 6, "{:#?}", doc.comments);
    assert_eq!(a.annotations.len(), 6, "{:#?}", a.annotations);
    for x in &a.annotations {
        assert!(!x.needs_attention, "{x:#?}");
        assert!(x.imported.is_some(), "{x:#?}");
        // Every anchor points at its quote in the clean text.
        assert_eq!(doc.slice(x.anchor.range), x.anchor.quote, "{x:#?}");
    }

    let plain = by_author(&a.annotations, "张三", "表述空泛");
    assert_eq!(plain.anchor.quote, "深入推进依法行政");
    let imported = plain.imported.as_ref().unwrap();
    assert_eq!(imported.date, "2024-03-01T09:30:00Z");
    assert_eq!(plain.created.to_string(), "2024-03-01T09:30:00Z");
    assert_eq!(imported.reply_to, None);

    // The cleaner turned "13 件，审结 12" into "13件，审结12".
    let cleaned = by_author(&a.annotations, "李四", "数据与统计");
    assert_eq!(cleaned.anchor.quote, "13件，审结12");
    for (author, note) in [("王五", "已核对"), ("李四", "好的")] {
        let reply = by_author(&a.annotations, author, note);
        assert_eq!(reply.anchor.range, cleaned.anchor.range, "{reply:#?}");
        assert_eq!(
            reply.imported.as_ref().and_then(|i| i.reply_to),
            Some(cleaned.id),
            "{reply:#?}"
        );
    }

    // Two paragraphs of comment text; a span over two paragraphs of the
    // report with a dropped page number between them.
    let spanning = by_author(&a.annotations, "张三", "第一段");
    assert_eq!(spanning.note, "第一段：数字可信。\n第二段：A&B <比较>。");
    assert_eq!(
        spanning.anchor.quote,
        "（二）推进政务公开，依法公开政府信息1200条。\n办理依申请公开45件。"
    );
    assert_eq!(
        by_author(&a.annotations, "赵六", "与去年").anchor.quote,
        "基层执法力量薄弱"
    );

    // Saved and opened again: the comments are not imported twice, and one
    // the reviewer deleted stays deleted.
    let mut a = opened.assessment;
    let deleted = by_author(&a.annotations, "赵六", "与去年").id;
    a.annotations.retain(|x| x.id != deleted);
    assessment::save(&opened.assessment_path, &a, opened.stamp.as_ref()).unwrap();
    let again = engine
        .open_for_review(&path, &FrameworkRequest::default(), &mut |_| {})
        .unwrap();
    assert_eq!(again.assessment.annotations.len(), 5);
    assert_eq!(again.assessment.annotations, a.annotations);
}

#[test]
fn a_docx_without_comments_or_with_unplaceable_ones_imports_nothing_wrong() {
    // No comments part: nothing imported.
    let plain = docx_with_comments(&["正文一段。", "正文二段。"], &[]);
    let doc =
        shenyue::document::from_bytes("a.docx", &plain, &LoadOptions::default(), None).unwrap();
    assert!(doc.comments.is_empty());
    // A comment whose marks are missing from the text is dropped, not put
    // at the start of the report.
    let orphan = docx_with_comments(
        &["正文一段。"],
        &[Comment {
            id: 7,
            author: "甲",
            date: "",
            paragraphs: vec!["无处安放"],
            reply_to: None,
        }],
    );
    let doc =
        shenyue::document::from_bytes("b.docx", &orphan, &LoadOptions::default(), None).unwrap();
    assert!(doc.comments.is_empty(), "{:#?}", doc.comments);
}

#[test]
fn comments_written_by_python_docx_are_imported() {
    // Made by scripts/make-comments-fixture (python-docx 1.2), committed.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/python_docx_comments.docx"
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("python_docx_comments.docx");
    std::fs::copy(path, &copy).unwrap();
    let opened = engine()
        .open_for_review(&copy, &FrameworkRequest::default(), &mut |_| {})
        .unwrap();
    let a = &opened.assessment.annotations;
    let found: Vec<(&str, &str, &str)> = a
        .iter()
        .map(|x| {
            (
                x.imported.as_ref().map_or("", |i| i.author.as_str()),
                x.anchor.quote.as_str(),
                x.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "审查员甲",
                "严格落实重大行政决策程序",
                "请列出具体决策事项。"
            ),
            ("审查员乙", "36", "与附表数字核对。\n第二段意见。"),
            ("审查员甲", "一是行政执法监督\n仍需加强。", "跨段批注"),
        ]
    );
    for x in a {
        assert_eq!(opened.doc.slice(x.anchor.range), x.anchor.quote);
    }
    // The "36" is the one in "规范性文件36件", now without spaces around it.
    let n = &a[1];
    assert!(n.anchor.before.ends_with("规范性文件"), "{n:#?}");
    assert!(n.anchor.after.starts_with("件。"), "{n:#?}");
}

#[test]
fn a_damaged_comments_part_costs_the_comments_not_the_report() {
    let good = docx_with_comments(&["⟦1|正文|1⟧一段。"], &comments()[..1]);
    // Cut the comments part short: the report still opens, without comments.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        if f.name() == "word/comments.xml" {
            bytes.truncate(bytes.len() / 2);
            bytes.extend_from_slice(b"<w:p></w:comment>");
        }
        entries.push((f.name().to_string(), bytes));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in &entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
    }
    let damaged = zip.finish().unwrap().into_inner();
    let doc =
        shenyue::document::from_bytes("c.docx", &damaged, &LoadOptions::default(), None).unwrap();
    assert_eq!(doc.text, "正文一段。");
    assert!(doc.comments.is_empty());
}

#[test]
fn imported_comments_go_back_out_as_word_comments_by_their_authors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.docx");
    std::fs::write(&path, docx_with_comments(&PARAGRAPHS, &comments())).unwrap();
    let opened = engine()
        .open_for_review(&path, &FrameworkRequest::default(), &mut |_| {})
        .unwrap();
    let a = &opened.assessment;
    let md = export(a, Some(&opened.doc), ExportFormat::Markdown, Lang::Zh).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("张三：表述空泛"), "{md}");
    let html = export(a, Some(&opened.doc), ExportFormat::Html, Lang::Zh).unwrap();
    assert!(String::from_utf8(html).unwrap().contains("王五："));

    // The Word export read back: the same comments, authors, spans and replies.
    let docx = export(a, Some(&opened.doc), ExportFormat::Docx, Lang::Zh).unwrap();
    let back = shenyue::document::from_bytes("审查意见.docx", &docx, &LoadOptions::default(), None)
        .unwrap();
    assert_eq!(
        back.comments.len(),
        a.annotations.len(),
        "{:#?}",
        back.comments
    );
    for n in &a.annotations {
        let author = &n.imported.as_ref().unwrap().author;
        let c = back
            .comments
            .iter()
            .find(|c| c.id == n.id.to_string())
            .unwrap_or_else(|| panic!("annotation {} not exported", n.id));
        assert_eq!(&c.author, author);
        assert!(c.text.starts_with(n.note.lines().next().unwrap()), "{c:#?}");
        assert_eq!(c.quote, n.anchor.quote, "{c:#?}");
        let parent = n.imported.as_ref().unwrap().reply_to.map(|p| p.to_string());
        assert_eq!(c.reply_to, parent, "{c:#?}");
    }
}
