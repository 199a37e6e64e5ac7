//! Word comments of a DOCX: `word/comments.xml` (author, date, initials and
//! text of each comment), `word/commentsExtended.xml` (which comment replies
//! to which, by the `w14:paraId` of a comment's last paragraph) and the
//! `w:commentRangeStart`/`w:commentRangeEnd` marks in `document.xml` that say
//! which text each comment is on. Word and WPS write them the same way.
//!
//! The commented span is taken from the *raw* extracted text and kept as a
//! quote with context ([`WordComment::quote`], `before`, `after`), cleaned by
//! [`super::clean::clean_fragment`] like the report's own text; the
//! assessment finds it in the clean text with the re-anchoring every other
//! passage uses (`assessment::anchor`), so a comment on a span the cleaner
//! changed still lands on the right text.

use std::collections::HashMap;

use quick_xml::events::Event;
use serde::{Deserialize, Serialize};

use super::clean::clean_fragment;
use super::xmltext::{attr, reference_text};
use super::{Detail, LoadError};

/// Characters of raw context kept on each side of a comment's span (the
/// same as an annotation's anchor keeps).
const CONTEXT_CHARS: usize = 20;

/// One Word comment, with the text it is on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordComment {
    /// `w:id` in the file (unique within one DOCX).
    pub id: String,
    /// `w:author`.
    pub author: String,
    /// `w:initials`.
    pub initials: String,
    /// `w:date` as written (ISO 8601, often without a time zone), empty when absent.
    pub date: String,
    /// The comment's text, one line per paragraph.
    pub text: String,
    /// `w:id` of the comment this one replies to.
    pub reply_to: Option<String>,
    /// Marked done (resolved) in Word.
    pub done: bool,
    /// The commented text, cleaned like the report (empty when the file
    /// marks no span: then the comment is on its paragraph, see below).
    pub quote: String,
    /// Clean text just before the span.
    pub before: String,
    /// Clean text just after the span.
    pub after: String,
    /// Character offset of the span in the raw text: a hint near which the
    /// quote is in the clean text (cleaning only ever removes characters).
    pub near: usize,
}

/// Where comment marks were met in the raw text, in characters.
#[derive(Debug, Default)]
pub struct CommentMarks {
    /// `w:commentRangeStart` by comment id.
    pub starts: HashMap<String, usize>,
    /// `w:commentRangeEnd` by comment id.
    pub ends: HashMap<String, usize>,
    /// `w:commentReference` by comment id.
    pub references: HashMap<String, usize>,
}

impl CommentMarks {
    /// Records a mark element (`local` is its name without prefix) at `at`.
    /// `id` is asked for only when the element is a mark.
    pub fn record(&mut self, local: &[u8], id: impl FnOnce() -> Option<String>, at: usize) {
        let map = match local {
            b"commentRangeStart" => &mut self.starts,
            b"commentRangeEnd" => &mut self.ends,
            b"commentReference" => &mut self.references,
            _ => return,
        };
        if let Some(id) = id() {
            map.entry(id).or_insert(at);
        }
    }
}

/// What `comments.xml` says about one comment.
#[derive(Debug, Default)]
struct Parsed {
    id: String,
    author: String,
    initials: String,
    date: String,
    text: String,
    /// `w14:paraId` of the comment's last paragraph.
    last_para: Option<String>,
}

/// The comments of `comments_xml` (with replies from `extended_xml`),
/// placed on the spans `marks` found in `raw`. Comments whose marks are
/// missing are kept on the paragraph of their reference, or dropped when the
/// file says nothing of where they are or their span holds no text (a reply
/// without a span takes its parent's).
pub fn read(
    comments_xml: &[u8],
    extended_xml: Option<&[u8]>,
    raw: &str,
    marks: &CommentMarks,
    max_nesting: usize,
) -> Result<Vec<WordComment>, LoadError> {
    let parsed = parse_comments(comments_xml, max_nesting)?;
    let replies = match extended_xml {
        Some(xml) => parse_extended(xml, max_nesting)?,
        None => HashMap::new(),
    };
    let by_para: HashMap<&str, &str> = parsed
        .iter()
        .filter_map(|p| p.last_para.as_deref().map(|para| (para, p.id.as_str())))
        .collect();
    let chars: Vec<char> = raw.chars().collect();
    let mut spans: HashMap<&str, (usize, usize)> = HashMap::new();
    for p in &parsed {
        if let Some(span) = span_of(&p.id, marks, &chars) {
            spans.insert(p.id.as_str(), span);
        }
    }
    let mut out = Vec::new();
    for p in &parsed {
        let (parent, done) = p
            .last_para
            .as_deref()
            .and_then(|para| replies.get(para))
            .map_or((None, false), |(parent, done)| {
                let parent = parent
                    .as_deref()
                    .and_then(|para| by_para.get(para))
                    .filter(|id| **id != p.id)
                    .map(|id| (*id).to_string());
                (parent, *done)
            });
        let span = spans
            .get(p.id.as_str())
            .copied()
            .or_else(|| parent.as_deref().and_then(|id| spans.get(id).copied()));
        let Some((start, end)) = span else { continue };
        let collect = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let quote = clean_fragment(&collect(start, end));
        // Only characters the cleaner removes (controls, zero-width): no
        // text to put the comment on.
        if quote.is_empty() {
            continue;
        }
        out.push(WordComment {
            id: p.id.clone(),
            author: p.author.clone(),
            initials: p.initials.clone(),
            date: p.date.clone(),
            text: p.text.clone(),
            reply_to: parent,
            done,
            quote,
            before: clean_fragment(&collect(start.saturating_sub(CONTEXT_CHARS), start)),
            after: clean_fragment(&collect(end, (end + CONTEXT_CHARS).min(chars.len()))),
            near: start,
        });
    }
    Ok(out)
}

/// The raw span of comment `id`: its range marks, else the paragraph of its
/// reference (a comment on a point).
fn span_of(id: &str, marks: &CommentMarks, chars: &[char]) -> Option<(usize, usize)> {
    let len = chars.len();
    let start = marks.starts.get(id).copied();
    let end = marks.ends.get(id).copied();
    let (start, end) = match (start, end) {
        (Some(s), Some(e)) if s < e => (s.min(len), e.min(len)),
        _ => {
            let at = marks
                .references
                .get(id)
                .or(marks.ends.get(id))
                .or(marks.starts.get(id))
                .copied()?
                .min(len);
            let start = chars[..at]
                .iter()
                .rposition(|c| *c == '\n')
                .map_or(0, |i| i + 1);
            let end = chars[at..]
                .iter()
                .position(|c| *c == '\n')
                .map_or(len, |i| at + i);
            (start, end)
        }
    };
    // A span of white space only says nothing about the text.
    (chars[start..end].iter().any(|c| !c.is_whitespace())).then_some((start, end))
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> LoadError {
    LoadError::Docx {
        detail: Detail::Xml {
            part: Some(part.into()),
            at: None,
            message: e.to_string(),
        },
    }
}

fn text_error(part: &str, e: impl std::fmt::Display) -> LoadError {
    LoadError::Docx {
        detail: Detail::XmlText {
            part: Some(part.into()),
            message: e.to_string(),
        },
    }
}

fn too_deep(max: usize) -> LoadError {
    LoadError::Docx {
        detail: Detail::NestedTooDeep { max, groups: false },
    }
}

fn parse_comments(xml: &[u8], max_nesting: usize) -> Result<Vec<Parsed>, LoadError> {
    const PART: &str = "word/comments.xml";
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut out: Vec<Parsed> = Vec::new();
    let mut current: Option<Parsed> = None;
    let mut depth = 0usize;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(PART, e))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_nesting {
                    return Err(too_deep(max_nesting));
                }
                match e.name().local_name().as_ref() {
                    b"comment" => {
                        current = Some(Parsed {
                            id: attr(&e, b"id").unwrap_or_default(),
                            author: attr(&e, b"author").unwrap_or_default(),
                            initials: attr(&e, b"initials").unwrap_or_default(),
                            date: attr(&e, b"date").unwrap_or_default(),
                            ..Parsed::default()
                        });
                    }
                    b"p" => {
                        if let Some(c) = current.as_mut() {
                            c.last_para = attr(&e, b"paraId");
                        }
                    }
                    b"t" => in_text = current.is_some(),
                    _ => {}
                }
            }
            Event::End(e) => {
                in_text = false;
                depth = depth.saturating_sub(1);
                match e.name().local_name().as_ref() {
                    b"p" => {
                        if let Some(c) = current.as_mut() {
                            c.text.push('\n');
                        }
                    }
                    b"comment" => {
                        if let Some(mut c) = current.take() {
                            c.text = c
                                .text
                                .lines()
                                .map(str::trim_end)
                                .collect::<Vec<_>>()
                                .join("\n")
                                .trim()
                                .to_string();
                            out.push(c);
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if let Some(c) = current.as_mut() {
                    match e.name().local_name().as_ref() {
                        b"tab" => c.text.push('\t'),
                        b"br" | b"cr" => c.text.push('\n'),
                        b"p" => c.text.push('\n'),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if in_text => {
                let text = t.decode().map_err(|e| text_error(PART, e))?;
                if let Some(c) = current.as_mut() {
                    c.text.push_str(&text);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let text = reference_text(&r).map_err(|e| text_error(PART, e))?;
                if let Some(c) = current.as_mut() {
                    c.text.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// `w15:commentEx` entries: paragraph id → (parent paragraph id, done).
fn parse_extended(
    xml: &[u8],
    max_nesting: usize,
) -> Result<HashMap<String, (Option<String>, bool)>, LoadError> {
    const PART: &str = "word/commentsExtended.xml";
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = HashMap::new();
    let mut depth = 0usize;
    let mut take = |e: &quick_xml::events::BytesStart<'_>| {
        if e.name().local_name().as_ref() == b"commentEx"
            && let Some(para) = attr(e, b"paraId")
        {
            let parent = attr(e, b"paraIdParent");
            let done = attr(e, b"done").is_some_and(|d| d == "1" || d == "true");
            out.insert(para, (parent, done));
        }
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(PART, e))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_nesting {
                    return Err(too_deep(max_nesting));
                }
                take(&e);
            }
            Event::Empty(e) => take(&e),
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
