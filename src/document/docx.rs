//! DOCX text extraction: the paragraphs of `word/document.xml` in order,
//! table cells included, with caps against zip bombs and deep nesting.

use quick_xml::events::Event;

use super::comments::{CommentMarks, WordComment};
use super::xmltext::attr;
use super::zipsafe::SafeZip;
use super::{Detail, Format, LoadError, LoadOptions};

/// Extracts the text of a DOCX file, one line per paragraph.
pub fn extract(bytes: &[u8], options: &LoadOptions) -> Result<String, LoadError> {
    extract_with_comments(bytes, options).map(|(text, _)| text)
}

/// Extracts the text of a DOCX file and its Word comments (see
/// [`super::comments`]); a file without `word/comments.xml`, or whose
/// comments part cannot be read, has none.
pub fn extract_with_comments(
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<(String, Vec<WordComment>), LoadError> {
    let mut archive = SafeZip::open(bytes, Format::Docx, options)?;
    let xml = archive
        .read("word/document.xml")?
        .ok_or_else(|| LoadError::Docx {
            detail: Detail::Missing {
                part: "word/document.xml".into(),
            },
        })?;
    let (text, marks) = walk(&xml, options.max_nesting)?;
    // The comments are extra: a damaged comments part costs the comments,
    // not the report.
    let comments = read_comments(&mut archive, &text, &marks, options).unwrap_or_else(|e| {
        log::warn!("the Word comments of the DOCX are left out: {e}");
        Vec::new()
    });
    Ok((text, comments))
}

fn read_comments(
    archive: &mut SafeZip<'_>,
    text: &str,
    marks: &CommentMarks,
    options: &LoadOptions,
) -> Result<Vec<WordComment>, LoadError> {
    let Some(name) = archive.resolve("word/comments.xml") else {
        return Ok(Vec::new());
    };
    let comments_xml = archive.read(&name)?.unwrap_or_default();
    let extended = match archive.resolve("word/commentsExtended.xml") {
        Some(name) => archive.read(&name)?,
        None => None,
    };
    super::comments::read(
        &comments_xml,
        extended.as_deref(),
        text,
        marks,
        options.max_nesting,
    )
}

/// Walks WordprocessingML: `w:t` is text, `w:tab` a tab, `w:br`/`w:cr` a line
/// break, `w:p` ends a paragraph. Deleted text and field codes are skipped.
pub fn paragraphs_from_xml(xml: &[u8], max_nesting: usize) -> Result<String, LoadError> {
    walk(xml, max_nesting).map(|(text, _)| text)
}

/// The text of `document.xml` and where its comment marks are, as character
/// offsets into that text.
fn walk(xml: &[u8], max_nesting: usize) -> Result<(String, CommentMarks), LoadError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut out = String::new();
    // Characters in `out`, kept as text is added (counting again each time
    // would be quadratic).
    let mut chars = 0usize;
    let mut marks = CommentMarks::default();
    let mut depth = 0usize;
    let mut in_text = false;
    // Depth at which an ignored subtree began: tab-stop definitions
    // (`w:tabs` in paragraph properties are layout, not tabs in the text),
    // the VML fallback copy of a text box (`mc:Fallback` repeats what
    // `mc:Choice` holds) and text moved away by tracked changes.
    let mut ignored_from: Option<usize> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| LoadError::Docx {
                detail: Detail::Xml {
                    part: None,
                    at: Some(reader.buffer_position()),
                    message: e.to_string(),
                },
            })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_nesting {
                    return Err(LoadError::Docx {
                        detail: Detail::NestedTooDeep {
                            max: max_nesting,
                            groups: false,
                        },
                    });
                }
                let name = e.name();
                if ignored_from.is_none()
                    && matches!(name.as_ref(), b"w:tabs" | b"mc:Fallback" | b"w:moveFrom")
                {
                    ignored_from = Some(depth);
                }
                in_text = ignored_from.is_none() && name.as_ref() == b"w:t";
                if ignored_from.is_none() {
                    marks.record(name.local_name().as_ref(), || attr(&e, b"id"), chars);
                }
            }
            Event::End(e) => {
                in_text = false;
                if ignored_from == Some(depth) {
                    ignored_from = None;
                } else if ignored_from.is_none() && e.name().as_ref() == b"w:p" {
                    out.push('\n');
                    chars += 1;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Empty(_) if ignored_from.is_some() => {}
            Event::Empty(e) => match e.name().as_ref() {
                b"w:tab" => {
                    out.push('\t');
                    chars += 1;
                }
                b"w:br" | b"w:cr" | b"w:p" => {
                    out.push('\n');
                    chars += 1;
                }
                _ => marks.record(e.name().local_name().as_ref(), || attr(&e, b"id"), chars),
            },
            Event::Text(t) if in_text => {
                let text = t.decode().map_err(|e| LoadError::Docx {
                    detail: Detail::XmlText {
                        part: None,
                        message: e.to_string(),
                    },
                })?;
                chars += text.chars().count();
                out.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                let text =
                    super::xmltext::reference_text(&r).map_err(|message| LoadError::Docx {
                        detail: Detail::XmlText {
                            part: None,
                            message,
                        },
                    })?;
                chars += text.chars().count();
                out.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if depth != 0 {
        return Err(LoadError::Docx {
            detail: Detail::Truncated {
                part: Some("document.xml".into()),
            },
        });
    }
    Ok((out, marks))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

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
    fn tab_stops_text_box_fallbacks_and_moved_text_are_not_text() {
        let xml = r#"<w:document><w:body>
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、主要举措</w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
              <w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
              <mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>
              </w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
            <w:p><w:moveFrom><w:r><w:t>旧位置</w:t></w:r></w:moveFrom><w:r><w:t>正文</w:t><w:tab/><w:t>13件</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let text = paragraphs_from_xml(xml.as_bytes(), 64).unwrap();
        assert_eq!(text, "一、主要举措\n文本框\n\n正文\t13件\n");
    }

    fn zip_with_document(content: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(content).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_forged_declared_size_stops_inflating_at_the_declared_size() {
        let body = format!(
            "<w:document><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
            "0".repeat(200_000)
        );
        let mut bytes = zip_with_document(body.as_bytes());
        // Declare 1000 bytes in the local header (offset 22) and the central
        // directory entry (offset 24).
        let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        for at in [22, central + 24] {
            bytes[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
        }
        let err = extract(&bytes, &LoadOptions::default()).unwrap_err();
        assert!(
            matches!(&err, LoadError::Docx { detail } if detail.to_string().contains("declares 1000 bytes")),
            "{err:?}"
        );
        // The honest archive reads.
        let honest = zip_with_document(body.as_bytes());
        assert_eq!(
            extract(&honest, &LoadOptions::default()).unwrap().len(),
            200_001
        );
    }

    #[test]
    fn not_a_zip_is_an_error() {
        let err = extract(b"PK\x03\x04garbage", &LoadOptions::default()).unwrap_err();
        assert!(matches!(err, LoadError::Docx { .. }), "{err}");
    }
}
