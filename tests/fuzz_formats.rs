//! Property tests over random and mutated input for the readers of Word
//! 97–2003 (.doc/.wps), RTF, ODT and OFD. None may panic or hang, whatever
//! it is fed; what they return must keep the invariants of every
//! [`Document`] (see `fixtures/support.rs`).
//!
//! Runs 256 cases per property with a fixed seed, so CI is reproducible.
//! Fuzz longer with `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=<n> cargo test
//! --release --test fuzz_formats`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/support.rs"]
mod support;

#[path = "fixtures/ofd_writer.rs"]
mod ofd_writer;

#[path = "fixtures/word97_writer.rs"]
mod word97_writer;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use shenyue::document::{LoadError, LoadOptions, from_bytes, odt};
use support::{SAMPLES, check_invariants, sample};

fn config() -> ProptestConfig {
    support::proptest_config(0x0FD0_97F0_2026, 1024)
}

/// Small caps, so a case that would grow large fails fast instead.
fn options() -> LoadOptions {
    LoadOptions {
        max_text_bytes: 4 * 1024 * 1024,
        max_docx_uncompressed: 16 * 1024 * 1024,
        max_nesting: 128,
        ..LoadOptions::default()
    }
}

/// Loads and checks: no panic (the test harness catches one), and a
/// document that loads keeps its invariants.
fn load_checked(name: &str, bytes: &[u8]) -> Result<(), String> {
    match from_bytes(name, bytes, &options(), None) {
        Ok(doc) => check_invariants(&doc),
        Err(e) => {
            // Every error has a message in both languages.
            let zh = e.message(shenyue::i18n::Lang::Zh);
            let en = e.message(shenyue::i18n::Lang::En);
            if zh.is_empty() || en.is_empty() {
                return Err(format!("empty message for {e:?}"));
            }
            Ok(())
        }
    }
}

/// A slice of a real sample report.
fn sample_excerpt() -> impl Strategy<Value = String> {
    (0..SAMPLES.len(), any::<prop::sample::Index>(), 1..1500usize).prop_map(|(i, start, len)| {
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
    Truncate(prop::sample::Index),
    /// A little-endian u32 written over four bytes: lengths and offsets.
    Word(prop::sample::Index, u32),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let idx = any::<prop::sample::Index>();
    prop_oneof![
        3 => (idx.clone(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        1 => (idx.clone(), prop::collection::vec(any::<u8>(), 1..12))
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        1 => (idx.clone(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => idx.clone().prop_map(Mutation::Truncate),
        2 => (
            idx,
            prop_oneof![
                Just(0u32),
                Just(u32::MAX),
                Just(0xFFFF_FFFE),
                Just(0x4000_0000),
                Just(0x7FFF_FFFF),
                0..4096u32,
                any::<u32>()
            ]
        )
            .prop_map(|(i, v)| Mutation::Word(i, v)),
    ]
}

fn mutate(base: &[u8], edits: &[Mutation]) -> Vec<u8> {
    let mut out = base.to_vec();
    for edit in edits {
        let len = out.len().max(1);
        match edit {
            Mutation::Flip(i, b) => {
                if let Some(x) = out.get_mut(i.index(len)) {
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
            Mutation::Truncate(i) => out.truncate(i.index(len)),
            Mutation::Word(i, v) => {
                let at = i.index(len);
                if let Some(slot) = out.get_mut(at..at + 4) {
                    slot.copy_from_slice(&v.to_le_bytes());
                }
            }
        }
    }
    out
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..6)
}

/// A Word 97 document of a sample excerpt in a few pieces, some 8-bit GBK.
fn word97_of(text: &str, split: usize) -> Vec<u8> {
    use word97_writer::{eight_bit, utf16, word97};
    let text = text.replace('\n', "\r");
    let chars: Vec<char> = text.chars().collect();
    let step = (chars.len() / split.max(1)).max(1);
    let pieces: Vec<_> = chars
        .chunks(step)
        .enumerate()
        .map(|(i, c)| {
            let s: String = c.iter().collect();
            if i % 2 == 1 {
                let (bytes, _, bad) = encoding_rs::GBK.encode(&s);
                if !bad {
                    return eight_bit(&bytes);
                }
            }
            utf16(&s)
        })
        .collect();
    word97(&pieces, 0x0804)
}

/// RTF of a text, the way Word writes Chinese: `\uN` with a GBK fallback,
/// or `\'hh` bytes.
fn rtf_of(text: &str, unicode: bool) -> Vec<u8> {
    let mut rtf = String::from(
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}{\\*\\generator t;}\\uc2 ",
    );
    for c in text.chars() {
        match c {
            '\n' => rtf.push_str("\\par\n"),
            '\\' | '{' | '}' => {
                rtf.push('\\');
                rtf.push(c);
            }
            c if c.is_ascii() => rtf.push(c),
            c => {
                let mut buf = [0u8; 4];
                let (bytes, _, _) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
                if unicode {
                    rtf.push_str(&format!("\\u{}", c as u32 as i16));
                }
                for b in bytes.iter() {
                    rtf.push_str(&format!("\\'{b:02x}"));
                }
                if unicode && bytes.len() != 2 {
                    // The fallback is always two skipped characters.
                    rtf.push_str(&"?".repeat(2usize.saturating_sub(bytes.len())));
                }
            }
        }
    }
    rtf.push('}');
    rtf.into_bytes()
}

/// RTF made of random tokens: groups, control words and symbols with
/// hostile parameters, escapes and text.
fn rtf_tokens() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("{\\*".to_string()),
        Just("\\par ".to_string()),
        Just("\\cell ".to_string()),
        Just("\\row ".to_string()),
        Just("{\\fonttbl{\\f1\\fcharset134 A;}}".to_string()),
        Just("{\\pict ".to_string()),
        Just("\\'".to_string()),
        Just("\\'b7\\'a8".to_string()),
        Just("\\".to_string()),
        prop::sample::select(vec![
            "u", "uc", "bin", "f", "ansicpg", "fcharset", "cpg", "deff"
        ])
        .prop_flat_map(|w| {
            prop_oneof![
                Just(i64::MIN),
                Just(-1i64),
                Just(0),
                Just(55296),
                Just(56320),
                Just(936),
                Just(99_999_999_999),
                -70000..70000i64
            ]
            .prop_map(move |n| format!("\\{w}{n} "))
        }),
        "[a-z]{1,40}".prop_map(|w| format!("\\{w}")),
        "[法治政府 A-Za-z0-9]{1,12}",
    ];
    prop::collection::vec(token, 0..200)
        .prop_map(|t| format!("{{\\rtf1 {}", t.concat()).into_bytes())
}

/// A number attribute as producers write it, and as damage leaves it.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0.0..300.0f64).prop_map(|v| format!("{v:.3}")),
        1 => Just("NaN".to_string()),
        1 => Just("inf".to_string()),
        1 => Just("-1e308".to_string()),
        1 => Just("1e308".to_string()),
        1 => Just("".to_string()),
        1 => Just("x".to_string()),
    ]
}

fn text_object() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(number(), 0..5),
        number(),
        number(),
        number(),
        prop_oneof![
            Just(String::new()),
            Just(" DeltaX=\"g 99999999 4\"".to_string()),
            Just(" DeltaX=\"g\"".to_string()),
            prop::collection::vec(number(), 0..6)
                .prop_map(|v| format!(" DeltaX=\"{}\"", v.join(" "))),
        ],
        "[法治政府建设一二三、。\\- 0-9第页]{0,20}",
    )
        .prop_map(|(boundary, size, x, y, delta, text)| {
            format!(
                "<ofd:TextObject ID=\"1\" Boundary=\"{}\" Size=\"{size}\"><ofd:TextCode X=\"{x}\" Y=\"{y}\"{delta}>{text}</ofd:TextCode></ofd:TextObject>",
                boundary.join(" ")
            )
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_word97_documents_never_panic(text in sample_excerpt(), split in 1..6usize, edits in mutations()) {
        let doc = word97_of(&text, split);
        prop_assert!(load_checked("a.doc", &doc).is_ok());
        let bad = mutate(&doc, &edits);
        load_checked("a.doc", &bad).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn random_fibs_and_piece_tables_never_panic(
        ccp in prop_oneof![Just(u32::MAX), 0..5000u32],
        fc in prop_oneof![Just(u32::MAX), 0..200u32],
        lcb in prop_oneof![Just(u32::MAX), 0..400u32],
        table in prop::collection::vec(any::<u8>(), 0..400),
        text in prop::collection::vec(any::<u8>(), 0..600),
        lid in prop::sample::select(vec![0x0804u16, 0x0404, 0x0409, 0]),
    ) {
        let mut word = word97_writer::fib(lid, ccp, fc, lcb);
        word.extend_from_slice(&text);
        let doc = word97_writer::compound(&word, &table);
        load_checked("r.doc", &doc).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn random_bytes_after_the_ole_magic_never_panic(tail in prop::collection::vec(any::<u8>(), 0..4096)) {
        let mut bytes = shenyue::document::OLE_MAGIC.to_vec();
        bytes.extend_from_slice(&tail);
        let e = from_bytes("x.doc", &bytes, &options(), None).unwrap_err();
        prop_assert!(matches!(e, LoadError::Doc { .. }), "{:?}", e);
    }

    #[test]
    fn rtf_round_trips_and_mutations_never_panic(text in sample_excerpt(), unicode in any::<bool>(), edits in mutations()) {
        let rtf = rtf_of(&text, unicode);
        let doc = from_bytes("a.rtf", &rtf, &options(), None);
        if let Ok(doc) = &doc {
            check_invariants(doc).map_err(TestCaseError::fail)?;
            // Every Han character of the excerpt, as loaded from text,
            // survives the round trip.
            let han = |s: &str| s.chars().filter(|c| shenyue::text::is_han(*c)).collect::<String>();
            if let Ok(txt) = from_bytes("a.txt", text.as_bytes(), &options(), None) {
                prop_assert_eq!(han(&doc.text), han(&txt.text));
            }
        }
        load_checked("a.rtf", &mutate(&rtf, &edits)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn random_rtf_tokens_never_panic(rtf in rtf_tokens()) {
        load_checked("t.rtf", &rtf).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn mutated_odt_content_never_panics(text in sample_excerpt(), edits in mutations()) {
        let mut xml = String::from("<office:document-content><office:body><office:text>");
        for line in text.lines() {
            let line = line.replace('&', "&amp;").replace('<', "&lt;");
            xml.push_str(&format!("<text:p>{line}<text:s text:c=\"2\"/><text:tab/></text:p>"));
        }
        xml.push_str("</office:text></office:body></office:document-content>");
        let bad = mutate(xml.as_bytes(), &edits);
        let _ = odt::text_from_content(&bad, &options());
        let zip = ofd_writer::zip_entries(&[
            ("mimetype".to_string(), b"application/vnd.oasis.opendocument.text".to_vec()),
            ("content.xml".to_string(), bad),
        ]);
        load_checked("a.odt", &zip).map_err(TestCaseError::fail)?;
        load_checked("a.odt", &mutate(&zip, &edits)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn random_ofd_text_objects_never_panic(pages in prop::collection::vec(prop::collection::vec(text_object(), 0..30), 1..4)) {
        load_checked("r.ofd", &ofd_writer::ofd_from_pages(&pages)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn mutated_ofd_never_panics(text in sample_excerpt(), edits in mutations()) {
        let layout = ofd_writer::OfdLayout { lines_per_page: 8, ..ofd_writer::OfdLayout::default() };
        let ofd = ofd_writer::write_ofd(&text, &layout);
        load_checked("a.ofd", &mutate(&ofd, &edits)).map_err(TestCaseError::fail)?;
        // The page XML damaged inside an intact archive.
        let page = ofd_writer::page_xml(&[format!(
            "<ofd:TextObject ID=\"1\" Boundary=\"20 20 100 5\" Size=\"4\"><ofd:TextCode X=\"0\" Y=\"4\">{}</ofd:TextCode></ofd:TextObject>",
            text.replace('&', "&amp;").replace('<', "&lt;")
        )]);
        let bad_page = String::from_utf8_lossy(&mutate(page.as_bytes(), &edits)).into_owned();
        let zip = ofd_writer::zip_entries(&[
            ("OFD.xml".to_string(), ofd_writer::ofd_xml("Doc_0/Document.xml").into_bytes()),
            ("Doc_0/Document.xml".to_string(), ofd_writer::document_xml(&["Pages/Page_0/Content.xml".to_string()]).into_bytes()),
            ("Doc_0/Pages/Page_0/Content.xml".to_string(), bad_page.into_bytes()),
        ]);
        load_checked("b.ofd", &zip).map_err(TestCaseError::fail)?;
    }
}
