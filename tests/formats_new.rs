//! The formats reports arrive in besides txt/DOCX/HTML/PDF: Word 97–2003
//! `.doc` (and WPS `.wps`), ODT, RTF and OFD.
//!
//! Round trips: the five sample reports are converted by LibreOffice
//! (`scripts/make-format-fixtures`, run here at test time; it needs the
//! Debian package `libreoffice-writer-nogui`) and laid out as OFD by the
//! writer in `fixtures/ofd_writer.rs`; each must load to the paragraphs,
//! headings and required parts the `.txt` loads to. Then: formats are
//! chosen by the bytes, not the name; and bad input of each format gives a
//! clear error in bounded time, never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/support.rs"]
mod support;

#[path = "fixtures/ofd_writer.rs"]
mod ofd_writer;

#[path = "fixtures/word97_writer.rs"]
mod word97_writer;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ofd_writer::{OfdLayout, image_object, ofd_from_pages, write_ofd};
use shenyue::document::{
    CleaningKind, Detail, Document, Format, LoadError, LoadOptions, from_bytes,
};
use shenyue::i18n::Lang;
use support::{SAMPLE_DIR, SAMPLES, check_invariants, sample};

fn load(name: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    from_bytes(name, bytes, &LoadOptions::default(), None)
}

/// The LibreOffice conversions of the samples, made once per test run.
fn fixtures() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("shenyue-format-fixtures")
            .tempdir()
            .unwrap()
            .keep();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/make-format-fixtures");
        let status = std::process::Command::new(script)
            .arg(&dir)
            .arg(SAMPLE_DIR)
            .status()
            .unwrap_or_else(|e| panic!("cannot run {script}: {e}"));
        assert!(
            status.success(),
            "{script} failed ({status}); install libreoffice-writer-nogui"
        );
        dir
    })
}

fn fixture(stem: &str, ext: &str) -> Vec<u8> {
    let path = fixtures().join(format!("{stem}.{ext}"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn normalise(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts that `got` has what the `.txt` of the same report has: ≥ 95% of
/// its paragraphs verbatim (white space aside), the same headings and the
/// same required parts present.
fn assert_same_report(label: &str, txt: &Document, got: &Document) {
    check_invariants(got).unwrap_or_else(|e| panic!("{label}: {e}"));
    let have: HashSet<String> = got.text.split('\n').map(normalise).collect();
    let want: Vec<String> = txt
        .text
        .split('\n')
        .map(normalise)
        .filter(|p| !p.is_empty())
        .collect();
    let missing: Vec<&String> = want.iter().filter(|p| !have.contains(*p)).collect();
    let found = want.len() - missing.len();
    assert!(
        found * 100 >= want.len() * 95,
        "{label}: {found} of {} paragraphs found; first missing: {:?}",
        want.len(),
        missing.iter().take(3).collect::<Vec<_>>()
    );
    let headings = |d: &Document| -> Vec<(u8, String)> {
        d.structure
            .headings
            .iter()
            .map(|h| (h.level, normalise(&h.text)))
            .collect()
    };
    assert_eq!(headings(got), headings(txt), "{label}: headings");
    let parts =
        |d: &Document| -> Vec<bool> { d.structure.parts.iter().map(|p| p.present).collect() };
    assert_eq!(parts(got), parts(txt), "{label}: required parts present");
}

fn txt_doc(name: &str) -> Document {
    load(name, sample(name).as_bytes()).unwrap()
}

fn round_trip(ext: &str, format: Format) {
    for name in SAMPLES {
        let stem = name.trim_end_matches(".txt");
        let txt = txt_doc(name);
        let bytes = fixture(stem, ext);
        let got =
            load(&format!("{stem}.{ext}"), &bytes).unwrap_or_else(|e| panic!("{stem}.{ext}: {e}"));
        assert_eq!(got.source.format, format, "{stem}.{ext}");
        assert_same_report(&format!("{stem}.{ext}"), &txt, &got);
    }
}

#[test]
fn word_97_documents_from_libreoffice_load_like_the_text() {
    round_trip("doc", Format::Doc);
}

#[test]
fn odt_documents_from_libreoffice_load_like_the_text() {
    round_trip("odt", Format::Odt);
}

#[test]
fn rtf_documents_from_libreoffice_load_like_the_text() {
    round_trip("rtf", Format::Rtf);
}

#[test]
fn html_from_libreoffice_loads_like_the_text() {
    round_trip("html", Format::Html);
}

#[test]
fn ofd_laid_out_out_of_order_loads_like_the_text() {
    // The default (小四 on A4) and a larger type with more lines split
    // into characters.
    let large = OfdLayout {
        size: 5.6,
        width: 5.6 * 21.0,
        line_height: 5.6 * 1.5,
        lines_per_page: 22,
        split_every: 3,
        page_numbers: true,
        seed: 99,
    };
    for (name, layout) in SAMPLES
        .iter()
        .flat_map(|n| [(n, OfdLayout::default()), (n, large.clone())])
    {
        let txt = txt_doc(name);
        // The writer lays out the report's paragraphs as they are after
        // cleaning, as an OFD producer lays out a finished document.
        let ofd = write_ofd(&txt.text, &layout);
        let got = load("report.ofd", &ofd).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got.source.format, Format::Ofd);
        assert_same_report(&format!("{name} as OFD"), &txt, &got);
        // Every page's "- N -" is removed and logged.
        let pages = ofd_pages(&txt.text, &layout);
        assert!(pages >= 2, "{name}: {pages} pages");
        assert_eq!(
            got.cleaning.count(CleaningKind::PageNumber),
            pages,
            "{name}: page numbers"
        );
        assert!(!got.text.contains("- 1 -"), "{name}");
    }
}

/// How many pages the writer makes of `text`: its line count is not known
/// here, so count the page files in the archive.
fn ofd_pages(text: &str, layout: &OfdLayout) -> usize {
    let bytes = write_ofd(text, layout);
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    archive
        .file_names()
        .filter(|n| n.ends_with("/Content.xml"))
        .count()
}

#[test]
fn table_rows_with_empty_cells_stay_rows() {
    for ext in ["doc", "odt", "rtf"] {
        let doc = load(&format!("table.{ext}"), &fixture("table", ext)).unwrap();
        let lines: Vec<&str> = doc.text.lines().collect();
        assert_eq!(
            lines,
            [
                "一、主要举措",
                "项目件数",
                "行政复议13",
                "行政应诉76",
                "正文结束。"
            ],
            "table.{ext}"
        );
    }
}

#[test]
fn the_bytes_decide_the_format_not_the_name() {
    let stem = SAMPLES[2].trim_end_matches(".txt");
    let doc = fixture(stem, "doc");
    let as_docx = load("report.docx", &doc).unwrap();
    assert_eq!(as_docx.source.format, Format::Doc);
    let as_wps = load("report.wps", &doc).unwrap();
    assert_eq!(as_wps.source.format, Format::Doc);
    assert!(
        as_wps.source.encoding.starts_with("WPS"),
        "{}",
        as_wps.source.encoding
    );
    assert_eq!(as_wps.text, as_docx.text);
    let docx = support::docx_from_lines(&sample(SAMPLES[2]), 0);
    let docx_as_wps = load("report.wps", &docx).unwrap();
    assert_eq!(docx_as_wps.source.format, Format::Docx);
    assert_eq!(
        as_docx.structure.headings.len(),
        docx_as_wps.structure.headings.len()
    );
    let odt = fixture(stem, "odt");
    assert_eq!(load("report.doc", &odt).unwrap().source.format, Format::Odt);
    let rtf = fixture(stem, "rtf");
    assert_eq!(load("report.doc", &rtf).unwrap().source.format, Format::Rtf);
    let ofd = write_ofd("一、主要举措\n我区坚持依法行政。", &OfdLayout::default());
    assert_eq!(load("report.zip", &ofd).unwrap().source.format, Format::Ofd);
}

#[test]
fn html_keeps_the_lines_of_pre_and_br() {
    let txt = txt_doc(SAMPLES[0]);
    let raw = sample(SAMPLES[0]);
    let escaped = raw.replace('&', "&amp;").replace('<', "&lt;");
    // LibreOffice "save as HTML" of a text document: the report in one <pre>.
    let pre = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title></title></head><body><pre class=\"western\">{escaped}</pre></body></html>"
    );
    let got = load("report.html", pre.as_bytes()).unwrap();
    assert_same_report("<pre>", &txt, &got);
    let br = format!(
        "<html><head><meta charset=\"utf-8\"></head><body><div>{}</div></body></html>",
        escaped.replace('\n', "<br>\n")
    );
    let got = load("report.htm", br.as_bytes()).unwrap();
    assert_same_report("<br>", &txt, &got);
    let table = "<html><body><table><tr><td>项目</td><td>件数</td></tr><tr><td>行政复议</td><td>13</td></tr></table><p>一、主要举措</p></body></html>";
    let got = load("t.html", table.as_bytes()).unwrap();
    let lines: Vec<&str> = got.text.lines().collect();
    assert!(lines.len() >= 3, "{:?}", got.text);
}

#[test]
fn word_97_pieces_in_utf16_gbk_and_cp1252_with_tables_and_fields() {
    use word97_writer::{eight_bit, utf16, word97};
    let gbk = encoding_rs::GBK.encode("二、存在的不足\r").0.into_owned();
    let doc = word97(
        &[
            utf16(
                "一、主要举措\r受理\u{7}13件\u{7}\u{7}见\u{13} HYPERLINK \"http://x\" \u{14}网站\u{15}。\r",
            ),
            eight_bit(&gbk),
            utf16("下一步\u{0b}安排\u{0c}"),
        ],
        0x0804,
    );
    let got = load("a.doc", &doc).unwrap();
    assert_eq!(got.source.format, Format::Doc);
    // The cells' tab is white space between Han and digits, which cleaning
    // removes; the row ends the line.
    assert_eq!(
        got.text,
        "一、主要举措\n受理13件\n见网站。\n二、存在的不足\n下一步\n安排"
    );
    assert!(
        got.source.encoding.contains("GBK"),
        "{}",
        got.source.encoding
    );
    // In an English document 8-bit pieces are Windows-1252.
    let doc = word97(
        &[eight_bit(b"caf\xe9 and \x93quoted\x94\r"), utf16("法治")],
        0x0409,
    );
    let got = load("b.wps", &doc).unwrap();
    assert_eq!(got.text, "café and“quoted”\n法治");
    // A Latin piece in a Chinese document that is not valid GBK.
    let doc = word97(&[eight_bit(b"\x93A\x94\r"), utf16("法治政府")], 0x0804);
    assert_eq!(load("c.doc", &doc).unwrap().text, "“A”\n法治政府");
}

// ---------------------------------------------------------------- bad input

fn assert_clear_error(e: &LoadError) {
    let zh = e.message(Lang::Zh);
    let en = e.message(Lang::En);
    assert!(!zh.is_empty() && !en.is_empty());
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{zh}"
    );
}

#[test]
fn a_truncated_or_cut_compound_file_is_a_doc_error() {
    let doc = fixture(SAMPLES[0].trim_end_matches(".txt"), "doc");
    for len in [
        8,
        100,
        512,
        513,
        1024,
        1536,
        2048,
        doc.len() / 2,
        doc.len() - 1,
    ] {
        let cut = doc.get(..len).unwrap();
        if let Err(e) = load("cut.doc", cut) {
            assert_clear_error(&e);
            assert!(
                matches!(
                    e,
                    LoadError::Doc { .. } | LoadError::Empty | LoadError::TooLarge { .. }
                ),
                "{len}: {e:?}"
            );
        }
    }
    let e = load("cut.doc", doc.get(..600).unwrap()).unwrap_err();
    assert!(matches!(e, LoadError::Doc { .. }), "{e:?}");
    assert!(e.message(Lang::Zh).contains("另存为 DOCX"), "{e}");
}

/// Offset in the file of sector `n` of a compound file with 512-byte sectors.
fn sector(n: u32) -> usize {
    (n as usize + 1) * 512
}

#[test]
fn a_real_word_97_file_damaged_anywhere_never_panics() {
    // LibreOffice's file has what the synthetic writer lacks (paragraph
    // properties, styles, fonts); overwrite each stretch of it in turn.
    let doc = fixture("table", "doc");
    for at in (0..doc.len()).step_by(61) {
        for value in [0u32, 0xFFFF_FFFF, 0x7FFF_FFF0, 0x200] {
            let mut bad = doc.clone();
            let end = (at + 4).min(bad.len());
            bad[at..end].copy_from_slice(&value.to_le_bytes()[..end - at]);
            if let Err(e) = load("bad.doc", &bad) {
                assert_clear_error(&e);
            }
        }
    }
}

#[test]
fn a_looping_sector_chain_ends() {
    let doc = fixture(SAMPLES[1].trim_end_matches(".txt"), "doc");
    // The first FAT sector's number is at header offset 0x4C; make every
    // FAT entry point to itself, so every chain loops.
    let fat0 = u32::from_le_bytes(doc[0x4C..0x50].try_into().unwrap());
    let mut looped = doc.clone();
    let at = sector(fat0);
    for i in 0..128u32 {
        let entry = at + i as usize * 4;
        let value = u32::from_le_bytes(looped[entry..entry + 4].try_into().unwrap());
        // Keep the FAT's own marks (free, end of chain, FAT sector).
        if value < 0xFFFF_FFFA {
            looped[entry..entry + 4].copy_from_slice(&i.to_le_bytes());
        }
    }
    let e = load("loop.doc", &looped).unwrap_err();
    assert!(matches!(e, LoadError::Doc { .. }), "{e:?}");
    // A chain that points to the next sector past the end of the file.
    let mut wild = doc.clone();
    let start = u32::from_le_bytes(doc[0x30..0x34].try_into().unwrap());
    let entry = sector(fat0) + start as usize * 4;
    wild[entry..entry + 4].copy_from_slice(&0x00FF_FFF0u32.to_le_bytes());
    assert!(load("wild.doc", &wild).is_err());
}

#[test]
fn a_fib_pointing_outside_its_stream_is_a_doc_error() {
    let doc = fixture(SAMPLES[2].trim_end_matches(".txt"), "doc");
    // The WordDocument stream starts at a sector with the Word signature.
    let fib = (512..doc.len())
        .step_by(512)
        .find(|&at| doc[at..at + 2] == [0xEC, 0xA5])
        .unwrap();
    for (offset, value) in [
        (0x1A2, 0x7FFF_FFF0u32),
        (0x1A6, 0x7FFF_FFF0),
        (0x4C, 0x7FFF_FFF0),
    ] {
        let mut bad = doc.clone();
        bad[fib + offset..fib + offset + 4].copy_from_slice(&value.to_le_bytes());
        match load("bad.doc", &bad) {
            Err(e) => {
                assert!(matches!(e, LoadError::Doc { .. }), "{offset:#x}: {e:?}");
                assert_clear_error(&e);
            }
            // A huge text length is cut at the pieces there are.
            Ok(d) => assert!(offset == 0x4C && !d.text.is_empty()),
        }
    }
    // Not a Word document at all: an OLE file without WordDocument.
    let mut other = doc.clone();
    let name: Vec<u8> = "WordDocument"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let at = other.windows(name.len()).position(|w| w == name).unwrap();
    other[at] = b'X';
    let e = load("other.doc", &other).unwrap_err();
    assert!(matches!(e, LoadError::Doc { .. }), "{e:?}");
}

#[test]
fn an_ofd_with_a_missing_page_says_which() {
    let mut pages = vec![vec![], vec![]];
    pages[0].push(
        "<ofd:TextObject ID=\"1\" Boundary=\"20 20 50 5\" Size=\"4\"><ofd:TextCode X=\"0\" Y=\"4\">法治</ofd:TextCode></ofd:TextObject>"
            .to_string(),
    );
    let ok = ofd_from_pages(&pages);
    // Rewrite the archive without the second page.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(ok)).unwrap();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        use std::io::Read;
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if !name.contains("Page_1/") {
            entries.push((name, data));
        }
    }
    let e = load("missing.ofd", &ofd_writer::zip_entries(&entries)).unwrap_err();
    assert!(
        matches!(&e, LoadError::Ofd { detail } if detail.to_string().contains("page 2")),
        "{e:?}"
    );
    assert_clear_error(&e);
}

#[test]
fn an_ofd_of_thousands_of_pages_is_refused() {
    let pages = vec![Vec::new(); 2_500];
    let e = load("many.ofd", &ofd_from_pages(&pages)).unwrap_err();
    assert!(matches!(e, LoadError::Ofd { .. }), "{e:?}");
}

#[test]
fn a_scanned_ofd_says_it_is_a_scan() {
    let pages = vec![vec![image_object(1)], vec![image_object(2)]];
    let e = load("scan.ofd", &ofd_from_pages(&pages)).unwrap_err();
    assert!(
        matches!(e, LoadError::Scanned { format: "OFD", .. }),
        "{e:?}"
    );
    assert!(e.message(Lang::Zh).contains("扫描件"), "{e}");
    assert!(e.message(Lang::Zh).contains("OCR"), "{e}");
    assert!(e.message(Lang::En).contains("scan"), "{e}");
}

#[test]
fn a_scanned_pdf_says_it_is_a_scan() {
    // One page painting one image, no text.
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        "<< /Length 33 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream".to_string(),
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\u{7f}\nendstream".to_string(),
    ];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    let e = load("scan.pdf", pdf.as_bytes()).unwrap_err();
    assert!(
        matches!(e, LoadError::Scanned { format: "PDF", .. }),
        "{e:?}"
    );
    assert!(e.message(Lang::Zh).contains("扫描件"), "{e}");
}

#[test]
fn a_zip_that_is_no_document_says_so() {
    let zip = ofd_writer::zip_entries(&[("photos/a.jpg".to_string(), vec![0xFF, 0xD8, 0xFF])]);
    let e = load("report.docx", &zip).unwrap_err();
    assert!(matches!(e, LoadError::ZipNotDocument { .. }), "{e:?}");
    assert!(e.message(Lang::Zh).contains("压缩包"), "{e}");
    let ods = ofd_writer::zip_entries(&[
        (
            "mimetype".to_string(),
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        (
            "content.xml".to_string(),
            b"<office:document-content/>".to_vec(),
        ),
    ]);
    let e = load("table.odt", &ods).unwrap_err();
    assert!(matches!(e, LoadError::ZipNotDocument { .. }), "{e:?}");
}

#[test]
fn deep_nesting_is_refused_in_every_xml_format() {
    let deep = format!(
        "{}法治{}",
        "<text:span>".repeat(5_000),
        "</text:span>".repeat(5_000)
    );
    let odt = ofd_writer::zip_entries(&[
        (
            "mimetype".to_string(),
            b"application/vnd.oasis.opendocument.text".to_vec(),
        ),
        (
            "content.xml".to_string(),
            format!("<office:document-content><office:body><office:text><text:p>{deep}</text:p></office:text></office:body></office:document-content>").into_bytes(),
        ),
    ]);
    let e = load("deep.odt", &odt).unwrap_err();
    assert!(matches!(e, LoadError::Odt { .. }), "{e:?}");
    assert_clear_error(&e);
    let pages = vec![vec![format!(
        "{}<ofd:TextObject ID=\"1\" Boundary=\"0 0 9 9\"><ofd:TextCode X=\"0\" Y=\"4\">法治</ofd:TextCode></ofd:TextObject>{}",
        "<ofd:PageBlock>".repeat(5_000),
        "</ofd:PageBlock>".repeat(5_000)
    )]];
    let e = load("deep.ofd", &ofd_from_pages(&pages)).unwrap_err();
    assert!(matches!(e, LoadError::Ofd { .. }), "{e:?}");
}

#[test]
fn rtf_with_unbalanced_or_very_deep_groups() {
    // RTF is 8-bit text in its code page.
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let ok = load(
        "a.rtf",
        &gbk("{\\rtf1\\ansi\\ansicpg936 一、主要举措}}}}\\par 正文。"),
    )
    .unwrap();
    assert!(ok.text.contains("一、主要举措"), "{}", ok.text);
    let unclosed = load("b.rtf", &gbk("{\\rtf1\\ansicpg936{{{{ 法治政府建设")).unwrap();
    assert!(unclosed.text.contains("法治政府建设"));
    let deep = format!(
        "{{\\rtf1 {}法治{}",
        "{".repeat(100_000),
        "}".repeat(100_000)
    );
    let e = load("deep.rtf", deep.as_bytes()).unwrap_err();
    assert!(matches!(e, LoadError::Rtf { .. }), "{e:?}");
    assert_clear_error(&e);
    // A \bin that claims more bytes than there are.
    let bin = load("bin.rtf", b"{\\rtf1 \xe6\xb3\x95 {\\bin999999999 xyz}}").map(|d| d.text);
    assert!(
        bin.is_ok() || matches!(bin, Err(LoadError::Empty)),
        "{bin:?}"
    );
}

#[test]
fn messages_name_the_format_and_what_to_do() {
    let cases = [
        LoadError::Doc {
            detail: Detail::Encrypted,
        },
        LoadError::Odt {
            detail: Detail::NoPages,
        },
        LoadError::Rtf {
            detail: Detail::NoRtfHeader,
        },
        LoadError::Ofd {
            detail: Detail::NoDocRoot,
        },
    ];
    for (e, name) in cases.iter().zip(["Word 97", "ODT", "RTF", "OFD"]) {
        assert!(e.message(Lang::Zh).contains(name), "{e}");
        assert!(e.message(Lang::En).contains(name), "{e}");
        assert!(e.message(Lang::Zh).contains("另存为"), "{e}");
    }
    let binary = LoadError::Binary {
        detail: Detail::NulBytes,
    };
    for ext in ["doc", "wps", "odt", "rtf", "ofd"] {
        assert!(binary.message(Lang::Zh).contains(ext), "{binary}");
        assert!(binary.message(Lang::En).contains(ext), "{binary}");
    }
}
