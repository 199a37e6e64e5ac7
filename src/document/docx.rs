//! DOCX text extraction: the paragraphs of `word/document.xml` in order,
//! table cells included, with caps against zip bombs and deep nesting.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::{LoadError, LoadOptions};

const MAX_ENTRIES: usize = 20_000;
/// A part whose uncompressed size is this many times its compressed size is
/// treated as a zip bomb (real documents compress XML about 5–20×).
const MAX_RATIO: u64 = 400;

/// Extracts the text of a DOCX file, one line per paragraph.
pub fn extract(bytes: &[u8], options: &LoadOptions) -> Result<String, LoadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| LoadError::Docx {
        detail: format!("not a zip archive: {e}"),
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(LoadError::Docx {
            detail: format!("{} entries in the archive", archive.len()),
        });
    }
    let xml =
        read_part(&mut archive, "word/document.xml", options)?.ok_or_else(|| LoadError::Docx {
            detail: "word/document.xml is missing".into(),
        })?;
    paragraphs_from_xml(&xml, options.max_nesting)
}

fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    options: &LoadOptions,
) -> Result<Option<Vec<u8>>, LoadError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(LoadError::Docx {
                detail: format!("{name}: {e}"),
            });
        }
    };
    let limit = options.max_docx_uncompressed;
    let declared = file.size();
    if declared > limit {
        return Err(LoadError::TooLarge {
            what: "DOCX content",
            size: declared,
            limit,
        });
    }
    let compressed = file.compressed_size().max(1);
    if declared / compressed > MAX_RATIO && declared > 1024 * 1024 {
        return Err(LoadError::Docx {
            detail: format!("{name} expands {}× (zip bomb)", declared / compressed),
        });
    }
    // The declared size can lie: cap what is actually inflated as well.
    let mut out = Vec::with_capacity(declared.min(limit) as usize);
    let read = file
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| LoadError::Docx {
            detail: format!("{name} is truncated or corrupt: {e}"),
        })?;
    if read as u64 > limit {
        return Err(LoadError::TooLarge {
            what: "DOCX content",
            size: read as u64,
            limit,
        });
    }
    Ok(Some(out))
}

/// Walks WordprocessingML: `w:t` is text, `w:tab` a tab, `w:br`/`w:cr` a line
/// break, `w:p` ends a paragraph. Deleted text and field codes are skipped.
pub fn paragraphs_from_xml(xml: &[u8], max_nesting: usize) -> Result<String, LoadError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| LoadError::Docx {
                detail: format!("XML error at byte {}: {e}", reader.buffer_position()),
            })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_nesting {
                    return Err(LoadError::Docx {
                        detail: format!("elements nested deeper than {max_nesting}"),
                    });
                }
                in_text = e.name().as_ref() == b"w:t";
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                in_text = false;
                if e.name().as_ref() == b"w:p" {
                    out.push('\n');
                }
            }
            Event::Empty(e) => match e.name().as_ref() {
                b"w:tab" => out.push('\t'),
                b"w:br" | b"w:cr" => out.push('\n'),
                b"w:p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.decode().map_err(|e| LoadError::Docx {
                    detail: format!("bad text encoding: {e}"),
                })?;
                out.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().map_err(|e| LoadError::Docx {
                    detail: format!("bad entity: {e}"),
                })?;
                out.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
                if let Some(ch) = r.resolve_char_ref().ok().flatten() {
                    out.push(ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if depth != 0 {
        return Err(LoadError::Docx {
            detail: "document.xml is truncated".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tables_tabs_and_entities() {
        let xml = r#"<w:document><w:body>
            <w:p><w:r><w:t>一、主要举措</w:t></w:r><w:r><w:t xml:space="preserve">和成效</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>受理</w:t><w:tab/><w:t>13件</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>A &amp; B</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>
            <w:p/>
            </w:body></w:document>"#;
        let text = paragraphs_from_xml(xml.as_bytes(), 64).unwrap();
        assert_eq!(text, "一、主要举措和成效\n受理\t13件\nA & B\n下一行\n\n");
    }

    #[test]
    fn nesting_cap_and_truncation_are_errors() {
        let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        assert!(matches!(
            paragraphs_from_xml(deep.as_bytes(), 50),
            Err(LoadError::Docx { .. })
        ));
        assert!(paragraphs_from_xml(b"<w:document><w:body><w:p><w:t>x", 50).is_err());
    }

    #[test]
    fn not_a_zip_is_an_error() {
        let err = extract(b"PK\x03\x04garbage", &LoadOptions::default()).unwrap_err();
        assert!(matches!(err, LoadError::Docx { .. }), "{err}");
    }
}
