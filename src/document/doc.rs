//! Word 97–2003 binary documents (`.doc`, and Kingsoft WPS `.wps`, which is
//! the same format): the main document's text from the piece table.
//!
//! The `WordDocument` stream starts with the FIB, which says which table
//! stream (`0Table`/`1Table`) holds the CLX, how many characters the main
//! document has (`ccpText`) and the language. The CLX's PlcPcd maps
//! character positions to pieces of the `WordDocument` stream, each either
//! UTF-16LE or 8-bit ("compressed"). Only the main document is read —
//! footnotes, headers and text boxes follow it in the same character space.

use std::io::{Cursor, Read};

use encoding_rs::Encoding;

use super::{Detail, LoadError, LoadOptions, PieceTableFault};

/// Extracts the main document text and describes its encoding.
pub fn extract(bytes: &[u8], options: &LoadOptions) -> Result<(String, String), LoadError> {
    // The compound-file reader is a dependency; whatever it does with a
    // hostile file must not take the application down.
    let streams = std::panic::catch_unwind(|| read_streams(bytes, options))
        .map_err(|_| damaged(Detail::CompoundCorrupt))??;
    let (text, eight_bit) = text_from_streams(&streams.word, &streams.table, options)?;
    let mut encoding = String::from("Word 97–2003 binary (UTF-16LE");
    if let Some(name) = eight_bit {
        encoding.push_str(" + ");
        encoding.push_str(name);
    }
    encoding.push(')');
    Ok((text, encoding))
}

struct Streams {
    word: Vec<u8>,
    table: Vec<u8>,
}

fn damaged(detail: Detail) -> LoadError {
    LoadError::Doc { detail }
}

fn piece_table(fault: PieceTableFault) -> LoadError {
    damaged(Detail::PieceTable(fault))
}

fn read_streams(bytes: &[u8], options: &LoadOptions) -> Result<Streams, LoadError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        damaged(Detail::NotCompound {
            message: e.to_string(),
        })
    })?;
    let word = read_stream(&mut file, "/WordDocument", options)?
        .ok_or_else(|| damaged(Detail::NoWordStream))?;
    let which = fib_u16(&word, 0x0A).map(|flags| flags & 0x0200 != 0);
    let name = if which == Some(true) {
        "/1Table"
    } else {
        "/0Table"
    };
    let table = read_stream(&mut file, name, options)?.unwrap_or_default();
    Ok(Streams { word, table })
}

/// Reads one stream, never more than the file-size cap (a stream's declared
/// size is only a claim; its sector chain is bounded by the file anyway).
fn read_stream(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    options: &LoadOptions,
) -> Result<Option<Vec<u8>>, LoadError> {
    if !file.is_stream(name) {
        return Ok(None);
    }
    let stream = file.open_stream(name).map_err(|e| {
        damaged(Detail::Entry {
            name: name.into(),
            message: e.to_string(),
        })
    })?;
    let limit = options.max_file_bytes;
    let mut out = Vec::new();
    let read = stream
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| {
            damaged(Detail::EntryCorrupt {
                name: name.into(),
                message: e.to_string(),
            })
        })? as u64;
    if read > limit {
        return Err(LoadError::TooLarge {
            what: "Word binary stream",
            size: read,
            limit,
        });
    }
    Ok(Some(out))
}

fn fib_u16(word: &[u8], at: usize) -> Option<u16> {
    let b = word.get(at..at + 2)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

fn fib_u32(word: &[u8], at: usize) -> Option<u32> {
    let b = word.get(at..at + 4)?;
    Some(u32::from_le_bytes([
        *b.first()?,
        *b.get(1)?,
        *b.get(2)?,
        *b.get(3)?,
    ]))
}

/// The parts of the FIB this reader needs.
struct Fib {
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
    lid: u16,
    lid_fe: u16,
    fc_bte_papx: u32,
    lcb_bte_papx: u32,
}

fn parse_fib(word: &[u8]) -> Result<Fib, LoadError> {
    let short = || damaged(Detail::FibTruncated);
    let ident = fib_u16(word, 0).ok_or_else(short)?;
    if ident != 0xA5EC {
        return Err(damaged(Detail::NoWordSignature { found: ident }));
    }
    let nfib = fib_u16(word, 2).ok_or_else(short)?;
    let lid = fib_u16(word, 6).ok_or_else(short)?;
    let flags = fib_u16(word, 0x0A).ok_or_else(short)?;
    if flags & 0x0100 != 0 {
        return Err(damaged(Detail::Encrypted));
    }
    // Word 6/95 files have no piece table of this shape.
    if nfib < 0x00C1 && nfib != 0 {
        return Err(damaged(Detail::Word95 { version: nfib }));
    }
    // FibBase (32 bytes), then csw and fibRgW, cslw and fibRgLw, cbRgFcLcb
    // and fibRgFcLcb: each length-prefixed, so later versions still parse.
    let csw = usize::from(fib_u16(word, 32).ok_or_else(short)?);
    let rgw = 34;
    let lid_fe = if csw >= 14 {
        fib_u16(word, rgw + 26).unwrap_or(0)
    } else {
        0
    };
    let at_cslw = rgw + csw * 2;
    let cslw = usize::from(fib_u16(word, at_cslw).ok_or_else(short)?);
    let rglw = at_cslw + 2;
    if cslw < 4 {
        return Err(damaged(Detail::FibNoTextLength));
    }
    let ccp_text = fib_u32(word, rglw + 12).ok_or_else(short)?;
    let at_cb = rglw + cslw * 4;
    let cb_fc_lcb = usize::from(fib_u16(word, at_cb).ok_or_else(short)?);
    if cb_fc_lcb < 34 {
        return Err(damaged(Detail::FibNoPieceTable));
    }
    let blob = at_cb + 2;
    let fc_clx = fib_u32(word, blob + 33 * 8).ok_or_else(short)?;
    let lcb_clx = fib_u32(word, blob + 33 * 8 + 4).ok_or_else(short)?;
    let fc_bte_papx = fib_u32(word, blob + 13 * 8).unwrap_or(0);
    let lcb_bte_papx = fib_u32(word, blob + 13 * 8 + 4).unwrap_or(0);
    Ok(Fib {
        ccp_text,
        fc_clx,
        lcb_clx,
        fc_bte_papx,
        lcb_bte_papx,
        lid,
        lid_fe,
    })
}

/// One piece: characters `cp_start..cp_end` stored at byte `fc`.
struct Piece {
    cp_start: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

fn parse_clx(clx: &[u8]) -> Result<Vec<Piece>, LoadError> {
    let mut at = 0usize;
    // Prc entries (formatting) come first; skip them to the Pcdt.
    loop {
        match clx.get(at) {
            Some(0x01) => {
                let cb =
                    fib_u16(clx, at + 1).ok_or_else(|| piece_table(PieceTableFault::CutOff))?;
                at += 3 + usize::from(cb);
            }
            Some(0x02) => break,
            Some(other) => {
                return Err(piece_table(PieceTableFault::UnknownEntry(*other)));
            }
            None => return Err(piece_table(PieceTableFault::Missing)),
        }
    }
    let lcb = fib_u32(clx, at + 1).ok_or_else(|| piece_table(PieceTableFault::CutOff))?;
    let plc = clx
        .get(at + 5..at + 5 + lcb as usize)
        .ok_or_else(|| piece_table(PieceTableFault::PastTableStream))?;
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(piece_table(PieceTableFault::ImpossibleLength));
    }
    let n = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let cp_start = fib_u32(plc, i * 4).unwrap_or(0);
        let cp_end = fib_u32(plc, i * 4 + 4).unwrap_or(0);
        let pcd = (n + 1) * 4 + i * 8;
        let raw_fc = fib_u32(plc, pcd + 2).unwrap_or(0);
        if cp_end < cp_start {
            return Err(piece_table(PieceTableFault::OutOfOrder));
        }
        pieces.push(Piece {
            cp_start,
            cp_end,
            fc: raw_fc & 0x3FFF_FFFF,
            compressed: raw_fc & 0x4000_0000 != 0,
        });
    }
    Ok(pieces)
}

/// The code page 8-bit pieces are in: GBK for a document whose language
/// is Simplified Chinese, Big5 for Traditional, otherwise Windows-1252.
fn eight_bit_encoding(fib: &Fib) -> &'static Encoding {
    let chinese = |lid: u16| match lid {
        0x0804 | 0x1004 => Some(encoding_rs::GBK),
        0x0404 | 0x0C04 | 0x1404 => Some(encoding_rs::BIG5),
        _ => None,
    };
    chinese(fib.lid_fe)
        .or_else(|| chinese(fib.lid))
        .unwrap_or(encoding_rs::WINDOWS_1252)
}

/// The raw characters of the main document, then the cleaned text.
fn text_from_streams(
    word: &[u8],
    table: &[u8],
    options: &LoadOptions,
) -> Result<(String, Option<&'static str>), LoadError> {
    let fib = parse_fib(word)?;
    if table.is_empty() {
        return Err(damaged(Detail::NoTableStream));
    }
    let clx = table
        .get(fib.fc_clx as usize..(fib.fc_clx as usize).saturating_add(fib.lcb_clx as usize))
        .ok_or_else(|| piece_table(PieceTableFault::OutsideTableStream))?;
    let pieces = parse_clx(clx)?;
    let eight_bit = eight_bit_encoding(&fib);
    // Row ends are cell marks whose paragraph is a table-row end (TTP);
    // only the paragraph properties tell them from the mark of an empty
    // cell. Without readable properties, a guess is made later.
    let rows = row_end_paragraphs(word, table, &fib);
    let is_row_end = |fc: u32| {
        rows.as_ref().is_some_and(|r| {
            let i = r.partition_point(|(_, end)| *end <= fc);
            r.get(i).is_some_and(|(start, _)| *start <= fc)
        })
    };
    let mut raw = String::new();
    let mut used_eight_bit = false;
    // Byte offsets in `raw` of the row-end marks.
    let mut row_marks: Vec<usize> = Vec::new();
    for piece in &pieces {
        if piece.cp_start >= fib.ccp_text {
            break;
        }
        let count = (piece.cp_end.min(fib.ccp_text) - piece.cp_start) as usize;
        if piece.compressed {
            let start = (piece.fc / 2) as usize;
            let bytes = word
                .get(start..start.saturating_add(count))
                .ok_or_else(|| damaged(Detail::PieceOutside))?;
            used_eight_bit = true;
            let text = decode_eight_bit(bytes, eight_bit);
            if rows.is_some() {
                // 0x07 is a character of its own in every code page read
                // here (never a GBK/Big5 trail byte), so the k-th mark byte
                // is the k-th mark character.
                let marks = text.char_indices().filter(|(_, c)| *c == '\u{07}');
                let bytes_at = bytes.iter().enumerate().filter(|(_, b)| **b == 0x07);
                for ((at, _), (i, _)) in marks.zip(bytes_at) {
                    if is_row_end(u32::try_from(start + i).unwrap_or(u32::MAX)) {
                        row_marks.push(raw.len() + at);
                    }
                }
            }
            raw.push_str(&text);
        } else {
            let start = piece.fc as usize;
            let bytes = word
                .get(start..start.saturating_add(count.saturating_mul(2)))
                .ok_or_else(|| damaged(Detail::PieceOutside))?;
            let units = bytes.chunks_exact(2).map(|c| {
                u16::from_le_bytes([
                    c.first().copied().unwrap_or(0),
                    c.get(1).copied().unwrap_or(0),
                ])
            });
            for (i, c) in char::decode_utf16(units).enumerate() {
                let c = c.unwrap_or('\u{fffd}');
                if c == '\u{07}' && is_row_end(piece.fc.saturating_add(2 * i as u32)) {
                    row_marks.push(raw.len());
                }
                raw.push(c);
            }
        }
        if raw.len() > options.max_text_bytes {
            return Err(LoadError::TooLarge {
                what: "text",
                size: raw.len() as u64,
                limit: options.max_text_bytes as u64,
            });
        }
    }
    let name = if eight_bit == encoding_rs::WINDOWS_1252 {
        "Windows-1252"
    } else {
        eight_bit.name()
    };
    let text = match rows {
        Some(_) => {
            let mut marked = raw.into_bytes();
            for at in row_marks {
                if let Some(b) = marked.get_mut(at) {
                    *b = ROW_END as u8;
                }
            }
            map_specials_with_rows(&String::from_utf8_lossy(&marked))
        }
        None => map_specials(&raw),
    };
    Ok((text, used_eight_bit.then_some(name)))
}

/// Decodes an 8-bit piece; one that is not valid in the Chinese code page
/// (Latin text in a Chinese document) is read as Windows-1252, which every
/// byte is.
fn decode_eight_bit(bytes: &[u8], encoding: &'static Encoding) -> String {
    if encoding != encoding_rs::WINDOWS_1252
        && let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return text.into_owned();
    }
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// Stands in for a row-end mark once the paragraph properties identified it
/// (a control character Word never writes in text).
const ROW_END: char = '\u{10}';

/// FC ranges of the paragraphs that end a table row, sorted, from the
/// paragraph properties (PlcBtePapx → PAPX FKPs → sprmPFTtp /
/// sprmPFInnerTtp). `None` when the document has none readable.
fn row_end_paragraphs(word: &[u8], table: &[u8], fib: &Fib) -> Option<Vec<(u32, u32)>> {
    let plc = table.get(
        fib.fc_bte_papx as usize
            ..(fib.fc_bte_papx as usize).saturating_add(fib.lcb_bte_papx as usize),
    )?;
    if plc.len() < 8 || (plc.len() - 4) % 8 != 0 {
        return None;
    }
    let n = (plc.len() - 4) / 8;
    let mut rows = Vec::new();
    for k in 0..n {
        let pn = fib_u32(plc, (n + 1) * 4 + k * 4)? & 0x003F_FFFF;
        let page = word.get(pn as usize * 512..pn as usize * 512 + 512)?;
        let crun = usize::from(*page.get(511)?);
        for i in 0..crun {
            let (Some(start), Some(end)) = (fib_u32(page, i * 4), fib_u32(page, i * 4 + 4)) else {
                break;
            };
            let b_offset = usize::from(*page.get((crun + 1) * 4 + i * 13)?) * 2;
            if b_offset == 0 {
                continue;
            }
            let cb = usize::from(*page.get(b_offset)?);
            let (at, len) = if cb != 0 {
                (b_offset + 1, 2 * cb - 1)
            } else {
                (b_offset + 2, 2 * usize::from(*page.get(b_offset + 1)?))
            };
            // The style index (2 bytes), then the properties.
            let grpprl = page.get(at + 2..(at + len).min(512)).unwrap_or_default();
            if ends_row(grpprl) {
                rows.push((start, end));
            }
        }
    }
    rows.sort_unstable();
    Some(rows)
}

/// True when paragraph properties set sprmPFTtp or sprmPFInnerTtp.
fn ends_row(grpprl: &[u8]) -> bool {
    let mut at = 0usize;
    while let Some(sprm) = fib_u16(grpprl, at) {
        let operand = at + 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                // sprmTDefTable: a two-byte length.
                0xD608 => usize::from(fib_u16(grpprl, operand).unwrap_or(0)) + 1,
                _ => usize::from(grpprl.get(operand).copied().unwrap_or(0)) + 1,
            },
        };
        if matches!(sprm, 0x2417 | 0x244C) && grpprl.get(operand).is_some_and(|v| *v != 0) {
            return true;
        }
        at = operand + len;
    }
    false
}

/// Special characters to plain text when row ends are marked [`ROW_END`]:
/// every cell mark is a tab.
fn map_specials_with_rows(raw: &str) -> String {
    map_specials(&raw.replace('\u{07}', "\t").replace(ROW_END, "\u{07}\u{07}"))
}

/// Word's special characters to plain text: paragraph and line marks become
/// line breaks, cell marks tabs and row ends line breaks, field codes are
/// dropped (their results kept), anchors of pictures and notes dropped.
pub fn map_specials(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // One entry per open field: true once its separator is passed (the
    // result shows), false while in its code.
    let mut fields: Vec<bool> = Vec::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{13}' => {
                fields.push(false);
                continue;
            }
            '\u{14}' => {
                if let Some(top) = fields.last_mut() {
                    *top = true;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ => {}
        }
        if fields.iter().any(|shown| !shown) {
            continue;
        }
        match c {
            '\r' | '\u{0b}' | '\u{0c}' | '\u{0e}' => out.push('\n'),
            '\u{07}' => {
                // A cell mark; the row-end mark follows a row's last cell
                // mark directly.
                if chars.peek() == Some(&'\u{07}') {
                    chars.next();
                    while out.ends_with('\t') {
                        out.pop();
                    }
                    out.push('\n');
                } else {
                    out.push('\t');
                }
            }
            '\u{1e}' => out.push('-'),
            '\u{a0}' => out.push(' '),
            '\t' => out.push('\t'),
            // Optional hyphens, picture/object anchors, note references.
            '\u{1f}' | '\u{01}' | '\u{08}' | '\u{02}' | '\u{05}' | '\u{03}' | '\u{04}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_tables_and_marks() {
        let raw = "一、标题\r正文\u{13} HYPERLINK \"x\" \u{14}链接\u{15}。\u{0b}下一行\u{0c}A\u{07}B\u{07}\u{07}C\u{07}D\u{07}\u{07}尾\u{13}PAGE\u{15}\r";
        assert_eq!(
            map_specials(raw),
            "一、标题\n正文链接。\n下一行\nA\tB\nC\tD\n尾\n"
        );
        // Nested fields: the inner code is hidden with the outer.
        assert_eq!(
            map_specials("a\u{13}IF \u{13}PAGE\u{14}3\u{15} \u{14}结果\u{15}b"),
            "a结果b"
        );
    }

    #[test]
    fn a_fib_pointing_outside_the_stream_is_an_error() {
        let mut word = vec![0u8; 1024];
        word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        word[32..34].copy_from_slice(&14u16.to_le_bytes());
        let cslw_at = 34 + 28;
        word[cslw_at..cslw_at + 2].copy_from_slice(&22u16.to_le_bytes());
        let cb_at = cslw_at + 2 + 88;
        word[cb_at..cb_at + 2].copy_from_slice(&93u16.to_le_bytes());
        let clx_at = cb_at + 2 + 33 * 8;
        word[clx_at..clx_at + 4].copy_from_slice(&0x7FFF_0000u32.to_le_bytes());
        word[clx_at + 4..clx_at + 8].copy_from_slice(&100u32.to_le_bytes());
        let e = text_from_streams(&word, &[1, 2, 3], &LoadOptions::default()).unwrap_err();
        assert!(
            matches!(&e, LoadError::Doc { detail } if detail.to_string().contains("outside")),
            "{e:?}"
        );
    }
}
