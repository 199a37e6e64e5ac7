//! A reviewer drags the wrong thing onto Shenyue — an empty file, a picture,
//! a half-downloaded Word file, a zip bomb, a folder — and gets one clear
//! line in their language saying what is wrong, never a crash, a hang, a
//! runaway allocation or a stray file on disk. The `inspect` command says
//! the same in one line on stderr and exits with code 2.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/support.rs"]
mod support;

use std::collections::BTreeSet;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use shenyue::assessment::{Assessment, AssessmentError};
use shenyue::document::{self, LoadError, LoadOptions};
use shenyue::i18n::Lang;

/// Every file under `dir`, so a test can show that loading wrote nothing.
fn listing(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            out.insert(path);
        }
    }
    out
}

/// Writes `bytes` as `file` in a fresh folder, opens it, and returns the
/// error; fails if it loads or if anything new appears in the folder.
fn refuse_with(file: &str, bytes: &[u8], options: &LoadOptions) -> LoadError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    std::fs::write(&path, bytes).unwrap();
    refuse_path(&path, options)
}

fn refuse(file: &str, bytes: &[u8]) -> LoadError {
    refuse_with(file, bytes, &LoadOptions::default())
}

/// Opens `path` and returns the error; the folder holding it must be
/// unchanged afterwards.
fn refuse_path(path: &Path, options: &LoadOptions) -> LoadError {
    let dir = path.parent().unwrap();
    let before = listing(dir);
    let result = document::open(path, options);
    assert_eq!(
        listing(dir),
        before,
        "{}: loading wrote a file",
        path.display()
    );
    match result {
        Ok(doc) => panic!(
            "{} loaded as {} characters: {:?}",
            path.display(),
            doc.char_len(),
            doc.text.chars().take(80).collect::<String>()
        ),
        Err(e) => e,
    }
}

/// The error's message is one line in each language and names the problem
/// with one of the given words.
fn assert_message(e: &LoadError, en: &[&str], zh: &[&str]) {
    for (lang, words) in [(Lang::En, en), (Lang::Zh, zh)] {
        let m = e.message(lang);
        assert!(!m.trim().is_empty(), "{lang:?}: empty message for {e:?}");
        assert!(!m.contains(['\n', '\r']), "{lang:?}: not one line: {m:?}");
        assert!(
            words.iter().any(|w| m.contains(w)),
            "{lang:?}: {m:?} does not say {words:?}"
        );
        if lang == Lang::Zh {
            assert!(
                m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "the Chinese message is not Chinese: {m:?}"
            );
        }
    }
}

/// Deterministic pseudo-random bytes.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

const REPORT: &str = "湛河区2020年法治政府建设年度报告\n一、依法全面履行政府职能\n深化“放管服”改革，共办理多证合一23000余份。\n";

fn valid_docx() -> Vec<u8> {
    let mut lines: Vec<String> = REPORT.lines().map(String::from).collect();
    // Long enough that cutting it in half loses the central directory.
    for i in 0..200 {
        lines.push(format!(
            "第{i}段：全面推行行政执法“三项制度”，规范执法行为。"
        ));
    }
    support::docx_from_lines(&lines.join("\n"), usize::MAX)
}

#[test]
fn an_empty_file_is_refused() {
    let e = refuse("report.txt", b"");
    assert!(matches!(e, LoadError::Empty), "{e:?}");
    assert_message(&e, &["empty"], &["空"]);
}

#[test]
fn a_file_of_white_space_is_refused() {
    let e = refuse("report.txt", " \r\n\t\n\u{3000}\u{3000}\n  ".as_bytes());
    assert!(matches!(e, LoadError::Empty), "{e:?}");
    assert_message(&e, &["empty"], &["空"]);
    // UTF-16 white space, and a web page with no text.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "   \n  \n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert!(matches!(refuse("report.txt", &utf16), LoadError::Empty));
    let page = "<html><head><title> </title><script>var a = 1;</script></head><body><nav>首页</nav></body></html>";
    let e = refuse("page.html", page.as_bytes());
    assert!(matches!(e, LoadError::Empty), "{e:?}");
}

#[test]
fn random_bytes_and_a_picture_are_refused_as_binary() {
    let e = refuse("report.txt", &noise(64 * 1024, 0x9E37_79B9_7F4A_7C15));
    assert!(matches!(e, LoadError::Binary { .. }), "{e:?}");
    assert_message(&e, &["binary"], &["不是文本"]);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(noise(4096, 7));
    let e = refuse("scan.png", &png);
    assert!(matches!(e, LoadError::Binary { .. }), "{e:?}");
    assert_message(&e, &["binary"], &["不是文本"]);
}

#[test]
fn nul_bytes_in_text_are_refused_as_binary() {
    let text = "法治政府建设年度报告\0\0\0一、主要举措和成效\n".repeat(20);
    let e = refuse("report.txt", text.as_bytes());
    assert!(matches!(e, LoadError::Binary { .. }), "{e:?}");
    assert_message(&e, &["binary", "NUL"], &["不是文本"]);
    // A NUL inside UTF-16 text is a NUL character, not a byte of padding.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "法治政府\0建设报告".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert!(matches!(
        refuse("report.txt", &utf16),
        LoadError::Binary { .. }
    ));
}

#[test]
fn undecodable_bytes_are_refused_as_an_encoding_problem() {
    // High bytes that are neither UTF-8 nor GB18030 (0xFF never occurs in
    // GB18030) nor any other plausible encoding of a Chinese report.
    let mut garbage = Vec::new();
    for i in 0..2000u32 {
        garbage.extend_from_slice(b"abc \xC3\x28 \xFF\xFE\xFD ");
        garbage.push(0x80 | (i % 0x7F) as u8);
        garbage.push(b'\n');
    }
    let e = refuse("report.txt", &garbage);
    assert!(matches!(e, LoadError::Encoding { .. }), "{e:?}");
    assert_message(&e, &["encoding"], &["编码"]);
    // Truncated UTF-16 (an odd number of bytes after the BOM).
    let e = refuse("report.txt", &[0xFF, 0xFE, 0x55, 0x6C, 0x3B]);
    assert!(matches!(e, LoadError::Encoding { .. }), "{e:?}");
}

#[test]
fn a_truncated_word_file_is_refused() {
    let docx = valid_docx();
    assert!(document::from_bytes("ok.docx", &docx, &LoadOptions::default(), None).is_ok());
    let e = refuse("report.docx", &docx[..docx.len() / 2]);
    assert!(matches!(e, LoadError::Docx { .. }), "{e:?}");
    assert_message(&e, &["DOCX"], &["DOCX"]);
    // Only the first bytes, as an interrupted download leaves them.
    let e = refuse("report.docx", &docx[..10]);
    assert!(matches!(e, LoadError::Docx { .. }), "{e:?}");
}

#[test]
fn a_word_file_without_its_document_is_refused() {
    let zip = support::zip_of(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/styles.xml", b"<w:styles/>".as_slice()),
    ]);
    let e = refuse("report.docx", &zip);
    assert!(
        matches!(&e, LoadError::Docx { detail } if detail.to_string().contains("document.xml")),
        "{e:?}"
    );
    assert_message(&e, &["document.xml"], &["document.xml"]);
}

#[test]
fn a_word_file_with_broken_or_hostile_xml_is_refused() {
    for xml in [
        b"<w:document><w:body><w:p><w:r><w:t>\xE6\xB3\x95</w:x></w:p>".to_vec(),
        b"not xml at all < & >".to_vec(),
        format!("{}{}", "<w:p>".repeat(10_000), "</w:p>".repeat(10_000)).into_bytes(),
    ] {
        let e = refuse("report.docx", &support::docx_with(&xml));
        assert!(matches!(e, LoadError::Docx { .. }), "{e:?}");
        assert_message(&e, &["DOCX"], &["DOCX"]);
    }
}

/// A DOCX whose `word/document.xml` is `size` bytes — a valid document
/// whose one run of text is the digit 0 repeated — deflated while it is
/// generated, so the test never holds it in memory.
fn zip_bomb(size: u64) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let head = b"<w:document><w:body><w:p><w:r><w:t>";
    let tail = b"</w:t></w:r></w:p></w:body></w:document>";
    zip.write_all(head).unwrap();
    let chunk = vec![b'0'; 1 << 20];
    let mut left = size - (head.len() + tail.len()) as u64;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        zip.write_all(&chunk[..n]).unwrap();
        left -= n as u64;
    }
    zip.write_all(tail).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Rewrites the uncompressed size recorded for `name`, in its local header
/// and in the central directory, as a forger would.
fn forge_declared_size(zip: &mut [u8], name: &[u8], size: u32) {
    let mut patched = 0;
    for i in 0..zip.len().saturating_sub(46) {
        let (size_at, name_len_at, name_at) = match &zip[i..i + 4] {
            b"PK\x03\x04" => (22, 26, 30),
            b"PK\x01\x02" => (24, 28, 46),
            _ => continue,
        };
        let len = u16::from_le_bytes([zip[i + name_len_at], zip[i + name_len_at + 1]]) as usize;
        if zip.get(i + name_at..i + name_at + len) == Some(name) {
            zip[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local header and central directory entry");
}

#[test]
fn a_zip_bomb_is_refused_without_inflating_it() {
    let bomb = zip_bomb(300 * 1024 * 1024);
    println!(
        "zip bomb: 300 MB of document.xml in {} KB",
        bomb.len() / 1024
    );
    assert!(bomb.len() < 2 * 1024 * 1024);

    // Default limits: refused by the declared size.
    let shared = bomb.clone();
    let e = support::hang_guard("zip bomb", move || refuse("bomb.docx", &shared));
    assert!(
        matches!(
            e,
            LoadError::TooLarge {
                what: "DOCX content",
                ..
            }
        ),
        "{e:?}"
    );
    assert_message(&e, &["too large"], &["过大"]);

    // A generous size limit: refused by the compression ratio.
    let generous = LoadOptions {
        max_docx_uncompressed: 1 << 30,
        ..LoadOptions::default()
    };
    let shared = bomb.clone();
    let e = support::hang_guard("zip bomb, generous limit", move || {
        refuse_with("bomb.docx", &shared, &generous)
    });
    assert!(
        matches!(&e, LoadError::Docx { detail } if detail.to_string().contains("zip bomb")),
        "{e:?}"
    );
    assert_message(&e, &["DOCX"], &["DOCX"]);

    // A forged header that declares 4 KB: inflating stops right after the
    // declared size instead of at the 200 MB limit.
    let mut forged = bomb.clone();
    forge_declared_size(&mut forged, b"word/document.xml", 4096);
    let e = support::hang_guard("forged zip bomb", move || refuse("forged.docx", &forged));
    assert!(
        matches!(&e, LoadError::Docx { detail } if detail.to_string().contains("declares")),
        "{e:?}"
    );
    assert_message(&e, &["DOCX"], &["DOCX"]);
}

/// Loads `text` from memory under [`support::hang_guard`].
fn load_guarded(what: &str, file: &'static str, text: String) -> document::Document {
    support::hang_guard(what, move || {
        document::from_bytes(file, text.as_bytes(), &LoadOptions::default(), None)
    })
    .unwrap_or_else(|e| panic!("{what}: {e:?}"))
}

#[test]
fn one_five_megabyte_line_loads_or_is_refused_cleanly() {
    // A report pasted into a single line: 5 MB, sentences but no line breaks.
    let sentence =
        "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，规范执法行为。";
    let line = sentence.repeat(5 * 1024 * 1024 / sentence.len() + 1);
    assert!(line.len() >= 5 * 1024 * 1024);
    // Loading time is measured by `cargo bench --bench pipeline`
    // (load_clean_structure/5mb_single_line); here only a hang fails.
    let doc = load_guarded("one 5 MB line", "line.txt", line.clone());
    assert_eq!(doc.structure.paragraphs.len(), 1);
    assert_eq!(doc.structure.sentences.len(), line.matches('。').count());
    support::check_invariants(&doc).unwrap();
    // Every pattern the structure looks for, in every sentence.
    let busy = "存在一些不足，主要负责人亲自部署，一是执法力量有待加强；2. 制度不完善；（3）二是下一步将改进。";
    let line = busy.repeat(5 * 1024 * 1024 / busy.len() + 1);
    let doc = load_guarded("one 5 MB line of busy sentences", "busy.txt", line);
    println!(
        "one 5 MB line of busy sentences: {} sentences, {} enumerations",
        doc.structure.sentences.len(),
        doc.structure.enumerations.len()
    );
    support::check_invariants(&doc).unwrap();
    // The same as 5 MB of short paragraphs.
    let lines = "存在问题。主要负责人亲自部署。\n一、下一步安排\n（一）存在的不足\n1.主要负责人\n"
        .repeat(5 * 1024 * 1024 / 120);
    let doc = load_guarded("5 MB of short paragraphs", "lines.txt", lines);
    println!(
        "5 MB of short paragraphs: {} paragraphs, {} headings",
        doc.structure.paragraphs.len(),
        doc.structure.headings.len()
    );
    support::check_invariants(&doc).unwrap();
    // Without sentence ends either.
    let bare = "法".repeat(5 * 1024 * 1024 / 3);
    let doc = load_guarded("5 MB without sentence ends", "bare.txt", bare);
    assert_eq!(doc.structure.sentences.len(), 1);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let small = LoadOptions {
        max_file_bytes: 1024,
        ..LoadOptions::default()
    };
    let text = "法治政府建设年度报告。".repeat(100);
    let e = refuse_with("report.txt", text.as_bytes(), &small);
    assert!(
        matches!(
            e,
            LoadError::TooLarge {
                what: "file",
                size: 3300,
                limit: 1024
            }
        ),
        "{e:?}"
    );
    assert_message(&e, &["too large"], &["过大"]);
    // The same from memory.
    let e = document::from_bytes("report.txt", text.as_bytes(), &small, None).unwrap_err();
    assert!(
        matches!(e, LoadError::TooLarge { what: "file", .. }),
        "{e:?}"
    );
    // And the cap on extracted text.
    let tight_text = LoadOptions {
        max_text_bytes: 1000,
        ..LoadOptions::default()
    };
    let e = document::from_bytes("report.txt", text.as_bytes(), &tight_text, None).unwrap_err();
    assert!(
        matches!(e, LoadError::TooLarge { what: "text", .. }),
        "{e:?}"
    );
}

#[test]
fn an_endless_device_is_read_only_up_to_the_limit() {
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        println!("note: no /dev/zero here; skipped");
        return;
    }
    let small = LoadOptions {
        max_file_bytes: 64 * 1024,
        ..LoadOptions::default()
    };
    let e = document::open(zero, &small).unwrap_err();
    assert!(
        matches!(e, LoadError::TooLarge { what: "file", .. }),
        "{e:?}"
    );
}

#[test]
fn a_deeply_nested_web_page_is_refused() {
    // 1 MB of <div>: the parser alone would need minutes for this.
    let depth = 200_000;
    let page = format!(
        "<html><body>{}法治政府建设{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let e = support::hang_guard("nested web page", move || {
        refuse("page.html", page.as_bytes())
    });
    assert!(matches!(e, LoadError::Html { .. }), "{e:?}");
    assert_message(&e, &["web page"], &["网页"]);
}

#[test]
fn a_pdf_without_a_text_layer_is_refused() {
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let e = refuse("scan.pdf", pdf);
    assert!(
        matches!(e, LoadError::Pdf { .. } | LoadError::PdfToolMissing { .. }),
        "{e:?}"
    );
    assert_message(&e, &["PDF"], &["PDF"]);
}

#[test]
fn a_folder_and_a_missing_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("reports");
    std::fs::create_dir(&folder).unwrap();
    let e = refuse_path(&folder, &LoadOptions::default());
    assert!(matches!(e, LoadError::Io(_)), "{e:?}");
    assert_message(&e, &["folder"], &["文件夹"]);

    let e = refuse_path(&dir.path().join("missing.txt"), &LoadOptions::default());
    assert!(
        matches!(&e, LoadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound),
        "{e:?}"
    );
    assert_message(&e, &["No such file", "not found"], &["不存在", "找不到"]);
}

#[test]
fn a_malformed_assessment_is_a_parse_error_naming_the_place() {
    for text in [
        "(schema_version: 1, report: (",
        "not ron at all {{{",
        "(schema_version: \"one\")",
        &"[".repeat(10_000),
        "",
    ] {
        let e = Assessment::from_ron("review.shenyue.ron", text).unwrap_err();
        assert!(
            matches!(e, AssessmentError::Parse { .. }),
            "{text:?}: {e:?}"
        );
        for lang in [Lang::En, Lang::Zh] {
            let m = shenyue::ui::worker::assessment_message(&e, lang);
            assert!(!m.contains('\n'), "{m:?}");
            assert!(m.contains("review.shenyue.ron"), "{m:?}");
        }
        assert!(e.to_string().contains("not a valid Shenyue assessment"));
    }
}

/// Runs `shenyue inspect FILE` in a language; returns (exit code, stdout, stderr).
fn inspect(file: &Path, lang: &str) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shenyue"))
        .arg("inspect")
        .arg(file)
        .env("SHENYUE_LANG", lang)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn inspect_says_what_is_wrong_in_one_line_and_exits_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let docx = valid_docx();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        ("scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ("half.docx", docx[..docx.len() / 2].to_vec()),
        ("nul.txt", "法治\0政府".as_bytes().to_vec()),
        ("bomb.docx", zip_bomb(300 * 1024 * 1024)),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    paths.push(dir.path().join("missing.txt"));
    let folder = dir.path().join("folder.txt");
    std::fs::create_dir(&folder).unwrap();
    paths.push(folder);
    let before = listing(dir.path());
    for path in &paths {
        for lang in ["zh_CN", "en_US"] {
            let (code, stdout, stderr) = inspect(path, lang);
            let name = path.file_name().unwrap().to_string_lossy();
            assert_eq!(code, Some(2), "{name} ({lang}): {stderr}");
            assert_eq!(stdout, "", "{name} ({lang})");
            assert_eq!(stderr.lines().count(), 1, "{name} ({lang}): {stderr:?}");
            assert!(stderr.contains(&*name), "{name} ({lang}): {stderr:?}");
        }
    }
    assert_eq!(listing(dir.path()), before, "inspect wrote a file");
}
