//! Plain-text decoding: BOMs, strict UTF-8, and legacy Chinese encodings
//! (GB18030/GBK, Big5) detected without a BOM; binary input is refused.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::{Detail, LoadError};

/// Decoded text and the name of the encoding it was in.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, with any BOM removed.
    pub text: String,
    /// Encoding name, e.g. "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "GB18030".
    pub encoding: String,
}

/// Decodes the bytes of a text file, or explains why they are not text.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let name = if enc == UTF_8 {
            "UTF-8 (BOM)".to_string()
        } else {
            enc.name().to_string()
        };
        return strict(enc, body, &name.to_uppercase());
    }
    if let Some(enc) = sniff_utf16_without_bom(bytes) {
        return strict(enc, bytes, &enc.name().to_uppercase());
    }
    if bytes.contains(&0) {
        if let Some((enc, text)) = chinese_utf16_without_bom(bytes) {
            check_textual(&text)?;
            return Ok(Decoded {
                text,
                encoding: format!("{} (no BOM)", enc.name().to_uppercase()),
            });
        }
        return Err(LoadError::Binary {
            detail: Detail::NulBytes,
        });
    }
    // Validated with SIMD: a Chinese report is nearly all multi-byte
    // characters, which std's validation takes one at a time.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        check_textual(text)?;
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8".into(),
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // Chinese reports: GBK is decoded as its superset GB18030.
    let enc = if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    };
    if enc == GB18030 || enc == encoding_rs::BIG5 {
        return strict(enc, bytes, &enc.name().to_uppercase());
    }
    // Any other guess (windows-1252, Shift_JIS…) for a Chinese report means
    // the bytes are probably not text in a supported encoding at all.
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors
        || text.chars().filter(|c| crate::text::is_han(*c)).count() * 20 < text.chars().count()
    {
        return Err(LoadError::Encoding {
            detail: Detail::UnknownEncoding {
                looks_like: enc.name().into(),
            },
        });
    }
    Err(LoadError::Encoding {
        detail: Detail::UnsupportedEncoding {
            name: enc.name().into(),
        },
    })
}

fn strict(enc: &'static Encoding, body: &[u8], name: &str) -> Result<Decoded, LoadError> {
    match enc.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => {
            check_textual(&text)?;
            Ok(Decoded {
                text: text.into_owned(),
                encoding: name.to_string(),
            })
        }
        None => Err(LoadError::Encoding {
            detail: Detail::InvalidBytes {
                encoding: name.into(),
            },
        }),
    }
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII-heavy
/// text; Chinese UTF-16 has no such pattern, so only the clear case is taken.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd_nul * 10 > pairs * 7 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 > pairs * 7 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Chinese text in UTF-16 without a BOM has NUL bytes only where it has
/// ASCII (line breaks, digits), so [`sniff_utf16_without_bom`] misses it. A
/// file with NUL bytes is taken as such when one byte order decodes cleanly
/// into mostly Chinese characters with Chinese punctuation — random or binary
/// bytes decode into unpaired surrogates and scattered scripts, not that.
fn chinese_utf16_without_bom(bytes: &[u8]) -> Option<(&'static Encoding, String)> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find_map(|enc| {
        let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
        let mut visible = 0usize;
        let mut han = 0usize;
        let mut punct = 0usize;
        for c in text.chars().take(100_000) {
            if c.is_whitespace() {
                continue;
            }
            visible += 1;
            if crate::text::is_han(c) {
                han += 1;
            } else if matches!(c, '，' | '。' | '、' | '；' | '：') {
                punct += 1;
            }
        }
        (visible >= 20 && han * 2 >= visible && punct * 200 >= visible)
            .then(|| (enc, text.into_owned()))
    })
}

/// Refuses decoded text that is mostly control characters (a binary file
/// that happened to decode) or that holds NUL characters.
fn check_textual(text: &str) -> Result<(), LoadError> {
    if text.contains('\0') {
        return Err(LoadError::Binary {
            detail: Detail::NulCharacters,
        });
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(200_000) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if total > 0 && control * 20 > total {
        return Err(LoadError::Binary {
            detail: Detail::ControlCharacters {
                count: control,
                total,
            },
        });
    }
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "法治政府建设年度报告：受理行政复议案件13件。";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode_text(SAMPLE.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (SAMPLE, "UTF-8"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode_text(&bom).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            (SAMPLE, "UTF-8 (BOM)")
        );
    }

    #[test]
    fn utf16_both_endians_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_text(&le).unwrap().text, SAMPLE);
        assert_eq!(decode_text(&le).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode_text(&be).unwrap().text, SAMPLE);
        assert_eq!(decode_text(&be).unwrap().encoding, "UTF-16BE");
        // Chinese text without a BOM: NUL bytes only at the ASCII.
        let report = "某区2020年法治政府建设情况报告\n一、主要举措和成效\n全年受理行政复议案件13件，审结12件。\n".repeat(5);
        let le: Vec<u8> = report.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = report.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode_text(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            (report.as_str(), "UTF-16LE (no BOM)")
        );
        assert_eq!(decode_text(&be).unwrap().text, report);
        // Binary with NUL bytes is still binary.
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .chain([0, 0])
            .collect();
        assert!(decode_text(&noise).is_err());
    }

    #[test]
    fn gb18030_detected_without_bom() {
        let long = SAMPLE.repeat(5);
        let (bytes, _, _) = GB18030.encode(&long);
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.text, long);
        assert_eq!(d.encoding, "GB18030");
    }

    #[test]
    fn refuses_empty_binary_and_garbage() {
        assert!(matches!(decode_text(b""), Err(LoadError::Empty)));
        assert!(matches!(decode_text(b"  \n\t "), Err(LoadError::Empty)));
        assert!(matches!(
            decode_text(b"abc\0def"),
            Err(LoadError::Binary { .. })
        ));
        let noise: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 0x80)
            .collect();
        assert!(decode_text(&noise).is_err());
        let controls: Vec<u8> = (0..1000).map(|i| (i % 8) as u8 + 1).collect();
        assert!(matches!(
            decode_text(&controls),
            Err(LoadError::Binary { .. })
        ));
    }

    #[test]
    fn truncated_utf16_is_an_error_not_a_panic() {
        let bytes = [0xFF, 0xFE, 0x55, 0x6C, 0x3B];
        assert!(decode_text(&bytes).is_err());
    }
}
