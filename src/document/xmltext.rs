//! Text of the XML inside DOCX, ODT and OFD files: quick-xml reports entity
//! and character references (`&amp;`, `&#x4E00;`) as separate events, and
//! every reader must turn them back into text the same way.

use quick_xml::events::{BytesRef, BytesStart};

/// The text a general reference stands for: the five predefined entities
/// and character references; other (undeclared) entities are dropped.
pub fn reference_text(r: &BytesRef<'_>) -> Result<String, String> {
    if let Some(ch) = r.resolve_char_ref().ok().flatten() {
        return Ok(ch.to_string());
    }
    let name = r.decode().map_err(|e| format!("bad entity: {e}"))?;
    Ok(match name.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string())
}

/// The value of the attribute of `e` whose local name (without prefix) is
/// `local`, entities resolved; `None` when there is none.
pub fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            let key = a.key.as_ref();
            let name = match key.iter().rposition(|b| *b == b':') {
                Some(i) => key.get(i + 1..).unwrap_or_default(),
                None => key,
            };
            name == local
        })
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&raw)
                .map(|v| v.into_owned())
                .unwrap_or(raw)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_character_references_become_text() {
        let mut reader = quick_xml::Reader::from_str("<a>&amp;&#x4E00;&#19968;&lt;&nbsp;</a>");
        let mut out = String::new();
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::GeneralRef(r)) => {
                    out.push_str(&reference_text(&r).unwrap_or_default());
                }
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        assert_eq!(out, "&一一<");
    }
}
