//! OpenDocument text (`.odt`): the body of `content.xml` — paragraphs and
//! headings, lists, tables (cells separated by tabs, rows by line breaks),
//! spaces, tabs and line breaks — without annotations, notes or tracked
//! deletions.

use quick_xml::events::{BytesStart, Event};

use super::zipsafe::SafeZip;
use super::{Detail, Format, LoadError, LoadOptions};

/// Extracts the text of an ODT file, one line per paragraph.
pub fn extract(bytes: &[u8], options: &LoadOptions) -> Result<String, LoadError> {
    let mut archive = SafeZip::open(bytes, Format::Odt, options)?;
    let xml = archive.read("content.xml")?.ok_or_else(|| LoadError::Odt {
        detail: Detail::Missing {
            part: "content.xml".into(),
        },
    })?;
    text_from_content(&xml, options)
}

fn err(detail: Detail) -> LoadError {
    LoadError::Odt { detail }
}

/// Subtrees that are not the document's running text.
const SKIPPED: &[&[u8]] = &[
    b"office:annotation",
    b"text:note",
    b"text:tracked-changes",
    b"office:forms",
    b"text:sequence-decls",
    b"text:variable-decls",
    b"text:user-field-decls",
    b"office:automatic-styles",
    b"office:font-face-decls",
    b"office:scripts",
    b"draw:object",
];

/// Walks `content.xml`, within the nesting and text caps of `options`
/// (`text:s` repeats spaces, so the text can outgrow the XML).
pub fn text_from_content(xml: &[u8], options: &LoadOptions) -> Result<String, LoadError> {
    let max_nesting = options.max_nesting;
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut depth = 0usize;
    let mut skipped_from: Option<usize> = None;
    // Open paragraphs/headings (text outside them is formatting white space).
    let mut in_para = 0usize;
    // Open table cells: paragraphs inside a cell are joined by a space so
    // the row stays on one line.
    let mut in_cell = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            err(Detail::Xml {
                part: None,
                at: Some(reader.buffer_position()),
                message: e.to_string(),
            })
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_nesting {
                    return Err(err(Detail::NestedTooDeep {
                        max: max_nesting,
                        groups: false,
                    }));
                }
                if skipped_from.is_some() {
                } else if SKIPPED.contains(&e.name().as_ref()) {
                    skipped_from = Some(depth);
                } else {
                    match e.name().as_ref() {
                        b"text:p" | b"text:h" => {
                            if in_cell > 0 && in_para == 0 && !out.ends_with(['\t', '\n']) {
                                out.push(' ');
                            }
                            in_para += 1;
                        }
                        b"table:table-cell" | b"table:covered-table-cell" => in_cell += 1,
                        _ => {}
                    }
                }
            }
            Event::End(e) => {
                if skipped_from == Some(depth) {
                    skipped_from = None;
                } else if skipped_from.is_none() {
                    match e.name().as_ref() {
                        b"text:p" | b"text:h" => {
                            in_para = in_para.saturating_sub(1);
                            if in_cell == 0 && in_para == 0 {
                                out.push('\n');
                            }
                        }
                        b"table:table-cell" | b"table:covered-table-cell" => {
                            in_cell = in_cell.saturating_sub(1);
                            out.push('\t');
                        }
                        b"table:table-row" => {
                            while out.ends_with('\t') || out.ends_with(' ') {
                                out.pop();
                            }
                            out.push('\n');
                        }
                        _ => {}
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Empty(_) if skipped_from.is_some() => {}
            Event::Empty(e) => match e.name().as_ref() {
                b"text:s" => {
                    let n = count_attr(&e).clamp(1, 1000);
                    out.extend(std::iter::repeat_n(' ', n));
                }
                b"text:tab" => out.push('\t'),
                b"text:line-break" => out.push('\n'),
                b"text:p" | b"text:h" if in_cell == 0 => out.push('\n'),
                b"table:table-cell" | b"table:covered-table-cell" => {
                    // An empty cell, possibly repeated.
                    let n = repeat_attr(&e).clamp(1, 64);
                    out.extend(std::iter::repeat_n('\t', n));
                }
                _ => {}
            },
            Event::Text(t) if skipped_from.is_none() && in_para > 0 => {
                let text = t.decode().map_err(|e| {
                    err(Detail::XmlText {
                        part: None,
                        message: e.to_string(),
                    })
                })?;
                // New lines in the XML source are not line breaks.
                out.push_str(&text.replace(['\n', '\r'], ""));
            }
            Event::GeneralRef(r) if skipped_from.is_none() && in_para > 0 => {
                out.push_str(&super::xmltext::reference_text(&r).map_err(|message| {
                    err(Detail::XmlText {
                        part: None,
                        message,
                    })
                })?);
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() > options.max_text_bytes {
            return Err(LoadError::TooLarge {
                what: "text",
                size: out.len() as u64,
                limit: options.max_text_bytes as u64,
            });
        }
        buf.clear();
    }
    if depth != 0 {
        return Err(err(Detail::Truncated {
            part: Some("content.xml".into()),
        }));
    }
    Ok(out)
}

fn attr_usize(e: &BytesStart, name: &[u8]) -> Option<usize> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
}

fn count_attr(e: &BytesStart) -> usize {
    attr_usize(e, b"text:c").unwrap_or(1)
}

fn repeat_attr(e: &BytesStart) -> usize {
    attr_usize(e, b"table:number-columns-repeated").unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_tables_spaces_and_no_notes() {
        let xml = r#"<office:document-content><office:automatic-styles><style:style/></office:automatic-styles>
<office:body><office:text><text:sequence-decls><text:sequence-decl text:name="x"/></text:sequence-decls>
<text:h text:outline-level="1">一、主要举措</text:h>
<text:p>正文<text:s text:c="3"/>甲<text:tab/>乙<text:line-break/>丙<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注</text:p></text:note-body></text:note>。</text:p>
<text:list><text:list-item><text:p>（一）项</text:p></text:list-item></text:list>
<office:annotation><text:p>批注</text:p></office:annotation>
<table:table><table:table-row><table:table-cell><text:p>受理</text:p><text:p>复议</text:p></table:table-cell><table:table-cell/><table:table-cell><text:p>13件</text:p></table:table-cell></table:table-row></table:table>
<text:p>A &amp; B</text:p><text:p/>
</office:text></office:body></office:document-content>"#;
        let text = text_from_content(xml.as_bytes(), &nesting(64)).unwrap();
        assert_eq!(
            text,
            "一、主要举措\n正文   甲\t乙\n丙。\n（一）项\n受理 复议\t\t13件\nA & B\n\n"
        );
    }

    #[test]
    fn nesting_and_truncation_are_errors() {
        let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        assert!(matches!(
            text_from_content(deep.as_bytes(), &nesting(50)),
            Err(LoadError::Odt { .. })
        ));
        assert!(text_from_content(b"<office:text><text:p>x", &nesting(50)).is_err());
    }

    fn nesting(max_nesting: usize) -> LoadOptions {
        LoadOptions {
            max_nesting,
            ..LoadOptions::default()
        }
    }

    #[test]
    fn repeated_spaces_cannot_outgrow_the_text_cap() {
        let xml = format!(
            "<office:text><text:p>{}</text:p></office:text>",
            "<text:s text:c=\"1000\"/>".repeat(2_000)
        );
        let options = LoadOptions {
            max_text_bytes: 1024 * 1024,
            ..LoadOptions::default()
        };
        assert!(matches!(
            text_from_content(xml.as_bytes(), &options),
            Err(LoadError::TooLarge { what: "text", .. })
        ));
    }
}
