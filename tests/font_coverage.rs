//! The bundled font covers what Chinese reports use: all of GB 2312's
//! 6,763 Han characters, CJK and Latin punctuation, and every character of
//! the sample reports (a missing glyph would show as a box in the UI).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use encoding_rs::GB18030;

const FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Shenyue.otf");

fn face() -> ttf_parser::Face<'static> {
    ttf_parser::Face::parse(FONT, 0).unwrap()
}

#[test]
fn covers_every_gb2312_character() {
    let face = face();
    let mut missing = Vec::new();
    let mut count = 0;
    // GB 2312 Han characters: rows 0xB0–0xF7, cells 0xA1–0xFE (0xD7FA–0xD7FE are unassigned).
    for hi in 0xB0u8..=0xF7 {
        for lo in 0xA1u8..=0xFE {
            if hi == 0xD7 && lo >= 0xFA {
                continue;
            }
            let bytes = [hi, lo];
            let (text, _, bad) = GB18030.decode(&bytes);
            assert!(!bad);
            let c = text.chars().next().unwrap();
            count += 1;
            if face.glyph_index(c).is_none() {
                missing.push(c);
            }
        }
    }
    assert_eq!(count, 6763);
    assert!(
        missing.is_empty(),
        "missing {} characters: {:?}",
        missing.len(),
        &missing[..missing.len().min(20)]
    );
}

#[test]
fn covers_punctuation_and_the_sample_reports() {
    let face = face();
    let mut text: String =
        "、。，：；！？“”‘’（）《》〔〕【】—…·％＋－×÷①②③ABCabc0123456789,.:;!?()[]%".to_string();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_reports");
    for entry in std::fs::read_dir(dir).unwrap() {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\u{fffd}')
        .filter(|c| face.glyph_index(*c).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    assert!(missing.is_empty(), "missing glyphs: {missing:?}");
}
