//! Rich Text Format: the visible text of an RTF file. Groups and control
//! words are tokenised; `\uN` characters (with their `\ucN` fallbacks
//! skipped) and `\'hh` bytes decoded in the document's code page
//! (`\ansicpgN`) or the current font's charset (`\fcharsetN`); paragraph,
//! line, cell and row marks become line breaks and tabs; destinations that
//! are not running text (font and colour tables, style sheet, info,
//! pictures, headers, footers, notes, field instructions, `{\*…}`) skipped.

use std::collections::HashMap;

use encoding_rs::Encoding;

use super::{Detail, LoadError, LoadOptions};

/// Destinations whose content is never running text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "fldinst",
    "objdata",
    "datafield",
    "themedata",
    "colorschememapping",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "filetbl",
    "generator",
    "xmlnstbl",
    "latentstyles",
    "pgdsctbl",
    "bkmkstart",
    "bkmkend",
    "nonshppict",
    "shpinst",
    "sp",
    "sn",
    "sv",
    "template",
    "userprops",
    "docvar",
    "pntxta",
    "pntxtb",
    "xe",
    "tc",
    "txe",
    "ftnsep",
    "ftnsepc",
    "aftnsep",
    "aftnsepc",
    "do",
    "mmathPr",
];

#[derive(Clone)]
struct Group {
    /// Inside a destination that is not running text.
    skip: bool,
    /// Fallback characters after each `\uN`.
    uc: usize,
    /// The current font (`\fN`), `None` for the default.
    font: Option<i64>,
    /// Inside the font table, where `\fN`/`\fcharsetN` define fonts.
    in_fonttbl: bool,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    groups: Vec<Group>,
    ansi: &'static Encoding,
    ansi_cpg: Option<i64>,
    fonts: HashMap<i64, &'static Encoding>,
    default_font: Option<i64>,
    defining_font: i64,
    pending: Vec<u8>,
    pending_encoding: &'static Encoding,
    out: String,
    skip_chars: usize,
    high_surrogate: Option<u16>,
    max_text: usize,
}

/// Extracts the text of an RTF file and names its code page.
pub fn extract(bytes: &[u8], options: &LoadOptions) -> Result<(String, String), LoadError> {
    let start = bytes
        .windows(5)
        .take(1024)
        .position(|w| w == b"{\\rtf")
        .ok_or(LoadError::Rtf {
            detail: Detail::NoRtfHeader,
        })?;
    let mut reader = Reader {
        bytes: bytes.get(start..).unwrap_or_default(),
        at: 0,
        groups: Vec::new(),
        ansi: encoding_rs::WINDOWS_1252,
        ansi_cpg: None,
        fonts: HashMap::new(),
        default_font: None,
        defining_font: 0,
        pending: Vec::new(),
        pending_encoding: encoding_rs::WINDOWS_1252,
        out: String::new(),
        skip_chars: 0,
        high_surrogate: None,
        max_text: options.max_text_bytes,
    };
    reader.run(options.max_nesting)?;
    let encoding = match reader.ansi_cpg {
        Some(cpg) => format!("RTF (code page {cpg})"),
        None => "RTF".to_string(),
    };
    Ok((reader.out, encoding))
}

impl Reader<'_> {
    fn top(&self) -> Group {
        self.groups.last().cloned().unwrap_or(Group {
            skip: false,
            uc: 1,
            font: None,
            in_fonttbl: false,
        })
    }

    fn top_mut(&mut self) -> Option<&mut Group> {
        self.groups.last_mut()
    }

    fn skipping(&self) -> bool {
        self.groups.last().is_some_and(|g| g.skip)
    }

    fn current_encoding(&self) -> &'static Encoding {
        let font = self
            .groups
            .last()
            .and_then(|g| g.font)
            .or(self.default_font);
        font.and_then(|f| self.fonts.get(&f).copied())
            .unwrap_or(self.ansi)
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let (text, _, _) = self.pending_encoding.decode(&self.pending);
        self.out.push_str(&text);
        self.pending.clear();
    }

    fn push_byte(&mut self, b: u8) {
        if self.skipping() {
            return;
        }
        let encoding = self.current_encoding();
        if encoding != self.pending_encoding {
            self.flush();
            self.pending_encoding = encoding;
        }
        self.pending.push(b);
    }

    fn push_str(&mut self, s: &str) {
        if self.skipping() {
            return;
        }
        self.flush();
        self.out.push_str(s);
    }

    fn run(&mut self, max_nesting: usize) -> Result<(), LoadError> {
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            match b {
                b'{' => {
                    self.flush();
                    if self.groups.len() >= max_nesting {
                        return Err(LoadError::Rtf {
                            detail: Detail::NestedTooDeep {
                                max: max_nesting,
                                groups: true,
                            },
                        });
                    }
                    self.skip_chars = 0;
                    let top = self.top();
                    self.groups.push(top);
                }
                b'}' => {
                    self.flush();
                    self.skip_chars = 0;
                    // A closing brace too many is ignored.
                    self.groups.pop();
                }
                b'\\' => self.control()?,
                b'\r' | b'\n' => {}
                b'\t' => self.push_str("\t"),
                _ => {
                    if self.skip_chars > 0 {
                        self.skip_chars -= 1;
                    } else {
                        self.push_byte(b);
                    }
                }
            }
            if self.out.len() > self.max_text {
                return Err(LoadError::TooLarge {
                    what: "text",
                    size: self.out.len() as u64,
                    limit: self.max_text as u64,
                });
            }
        }
        self.flush();
        Ok(())
    }

    fn control(&mut self) -> Result<(), LoadError> {
        let Some(&c) = self.bytes.get(self.at) else {
            return Ok(());
        };
        self.at += 1;
        if c.is_ascii_alphabetic() {
            let start = self.at - 1;
            while self
                .bytes
                .get(self.at)
                .is_some_and(|b| b.is_ascii_alphabetic())
                && self.at - start < 32
            {
                self.at += 1;
            }
            let word = std::str::from_utf8(self.bytes.get(start..self.at).unwrap_or_default())
                .unwrap_or_default()
                .to_string();
            let num_start = self.at;
            if self.bytes.get(self.at) == Some(&b'-') {
                self.at += 1;
            }
            while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit)
                && self.at - num_start < 11
            {
                self.at += 1;
            }
            let param = std::str::from_utf8(self.bytes.get(num_start..self.at).unwrap_or_default())
                .ok()
                .and_then(|s| s.parse::<i64>().ok());
            if self.bytes.get(self.at) == Some(&b' ') {
                self.at += 1;
            }
            self.word(&word, param);
            return Ok(());
        }
        if self.skip_chars > 0 && c != b'\\' && c != b'{' && c != b'}' {
            self.skip_chars -= 1;
            if c == b'\'' {
                self.at = (self.at + 2).min(self.bytes.len());
            }
            return Ok(());
        }
        match c {
            b'\'' => {
                let hex = self.bytes.get(self.at..self.at + 2).unwrap_or_default();
                let value = std::str::from_utf8(hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                self.at = (self.at + 2).min(self.bytes.len());
                if let Some(v) = value {
                    self.push_byte(v);
                }
            }
            b'*' => {
                if let Some(g) = self.top_mut() {
                    g.skip = true;
                }
            }
            b'~' => self.push_str("\u{a0}"),
            b'_' => self.push_str("-"),
            b'\\' | b'{' | b'}' => {
                if self.skip_chars > 0 {
                    self.skip_chars -= 1;
                } else {
                    self.push_byte(c);
                }
            }
            b'\r' | b'\n' => self.push_str("\n"),
            _ => {}
        }
        Ok(())
    }

    fn word(&mut self, word: &str, param: Option<i64>) {
        if word == "bin" {
            // Binary data: skip it whatever the state.
            let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
            self.at = self.at.saturating_add(n).min(self.bytes.len());
            return;
        }
        if word == "u" {
            self.unicode(param.unwrap_or(0));
            return;
        }
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
            return;
        }
        if SKIPPED.contains(&word) {
            let fonttbl = word == "fonttbl";
            if let Some(g) = self.top_mut() {
                g.skip = true;
                g.in_fonttbl = fonttbl;
            }
            return;
        }
        let group = self.top();
        if group.in_fonttbl {
            match word {
                "f" => self.defining_font = param.unwrap_or(0),
                "fcharset" => {
                    if let Some(enc) = charset_encoding(param.unwrap_or(0), self.ansi) {
                        self.fonts.insert(self.defining_font, enc);
                    }
                }
                "cpg" => {
                    if let Some(enc) = codepage_encoding(param.unwrap_or(0)) {
                        self.fonts.insert(self.defining_font, enc);
                    }
                }
                _ => {}
            }
            return;
        }
        match word {
            "ansicpg" => {
                if let Some(cpg) = param {
                    self.ansi_cpg = Some(cpg);
                    if let Some(enc) = codepage_encoding(cpg) {
                        self.ansi = enc;
                    }
                }
            }
            "deff" => self.default_font = param,
            "f" => {
                if let Some(g) = self.top_mut() {
                    g.font = param;
                }
            }
            "plain" => {
                if let Some(g) = self.top_mut() {
                    g.font = None;
                }
            }
            "uc" => {
                let n = usize::try_from(param.unwrap_or(1)).unwrap_or(1).min(16);
                if let Some(g) = self.top_mut() {
                    g.uc = n;
                }
            }
            "par" | "line" | "sect" | "page" | "column" | "lbr" => self.push_str("\n"),
            "row" | "nestrow" if !self.skipping() => {
                self.flush();
                while self.out.ends_with('\t') {
                    self.out.pop();
                }
                self.out.push('\n');
            }
            "cell" | "nestcell" | "tab" => self.push_str("\t"),
            "emdash" => self.push_str("—"),
            "endash" => self.push_str("–"),
            "emspace" | "enspace" | "qmspace" => self.push_str(" "),
            "lquote" => self.push_str("‘"),
            "rquote" => self.push_str("’"),
            "ldblquote" => self.push_str("“"),
            "rdblquote" => self.push_str("”"),
            "bullet" => self.push_str("•"),
            _ => {}
        }
    }

    fn unicode(&mut self, n: i64) {
        let unit = if n < 0 { n + 65536 } else { n };
        let uc = self.top().uc;
        self.skip_chars = uc;
        let Ok(unit) = u16::try_from(unit) else {
            return;
        };
        if self.skipping() {
            return;
        }
        let c = if (0xD800..0xDC00).contains(&unit) {
            self.high_surrogate = Some(unit);
            return;
        } else if (0xDC00..0xE000).contains(&unit) {
            match self.high_surrogate.take() {
                Some(high) => char::decode_utf16([high, unit])
                    .next()
                    .and_then(Result::ok)
                    .unwrap_or('\u{fffd}'),
                None => '\u{fffd}',
            }
        } else {
            char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}')
        };
        self.high_surrogate = None;
        let mut buf = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buf));
    }
}

/// The encoding of a font charset (`\fcharsetN`); `None` for the ANSI and
/// symbol charsets, which follow the document's code page.
fn charset_encoding(charset: i64, ansi: &'static Encoding) -> Option<&'static Encoding> {
    Some(match charset {
        0..=2 => return (ansi != encoding_rs::WINDOWS_1252).then_some(ansi),
        128 => encoding_rs::SHIFT_JIS,
        129 => encoding_rs::EUC_KR,
        134 => encoding_rs::GBK,
        136 => encoding_rs::BIG5,
        161 => encoding_rs::WINDOWS_1253,
        162 => encoding_rs::WINDOWS_1254,
        163 => encoding_rs::WINDOWS_1258,
        177 => encoding_rs::WINDOWS_1255,
        178 => encoding_rs::WINDOWS_1256,
        186 => encoding_rs::WINDOWS_1257,
        204 => encoding_rs::WINDOWS_1251,
        222 => encoding_rs::WINDOWS_874,
        238 => encoding_rs::WINDOWS_1250,
        _ => return None,
    })
}

/// The encoding of a Windows code page number.
fn codepage_encoding(cpg: i64) -> Option<&'static Encoding> {
    Some(match cpg {
        936 | 20936 => encoding_rs::GBK,
        54936 => encoding_rs::GB18030,
        950 => encoding_rs::BIG5,
        932 => encoding_rs::SHIFT_JIS,
        949 => encoding_rs::EUC_KR,
        874 => encoding_rs::WINDOWS_874,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1252 => encoding_rs::WINDOWS_1252,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1255 => encoding_rs::WINDOWS_1255,
        1256 => encoding_rs::WINDOWS_1256,
        1257 => encoding_rs::WINDOWS_1257,
        1258 => encoding_rs::WINDOWS_1258,
        10000 => encoding_rs::MACINTOSH,
        65001 => encoding_rs::UTF_8,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rtf: &str) -> String {
        extract(rtf.as_bytes(), &LoadOptions::default()).unwrap().0
    }

    #[test]
    fn code_pages_unicode_and_destinations() {
        // GBK bytes for 法治 in the document code page; \u with fallbacks.
        let rtf = r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}{\colortbl;\red0\green0\blue0;}{\*\generator X;}{\info{\title T}}
{\header 页眉}\pard\f0 \'b7\'a8\'d6\'ce\par
\uc1\u25919?\u24220?\line A\tab B\par
{\field{\*\fldinst HYPERLINK x}{\fldrslt \'c1\'b4\'bd\'d3}}\par
{\pict 0123abcd}\trowd A1\cell B1\cell\row }";
        assert_eq!(text(rtf), "法治\n政府\nA\tB\n链接\nA1\tB1\n");
    }

    #[test]
    fn font_charset_decides_when_the_code_page_is_latin() {
        let rtf = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}{\f1\fcharset134 SimSun;}}\f0 caf\'e9 {\f1 \'b7\'a8}\uc2\u27835\'d6\'ce\par}";
        assert_eq!(text(rtf), "café 法治\n");
    }

    #[test]
    fn unbalanced_and_deep_groups() {
        assert_eq!(text(r"{\rtf1 a}}}b\par"), "ab\n");
        assert_eq!(text(r"{\rtf1 {{{unclosed"), "unclosed");
        let deep = format!("{{\\rtf1 {}x", "{".repeat(10_000));
        let e = extract(deep.as_bytes(), &LoadOptions::default()).unwrap_err();
        assert!(matches!(e, LoadError::Rtf { .. }), "{e:?}");
    }
}
