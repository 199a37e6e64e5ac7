//! Word comments in: the comments a DOCX report carries
//! ([`crate::document::WordComment`]) become annotations marked imported,
//! on the text they were made on, found in the clean text by the
//! re-anchoring every passage uses ([`super::find_all`]). A comment that
//! cannot be found is kept with `needs_attention`, never put on wrong text.
//!
//! Each comment is imported once: its key (author, date, text and quote) is
//! recorded in [`Assessment::imported_comments`], so opening the report again
//! adds only new comments and one the reviewer deleted stays deleted.

use std::collections::HashMap;

use super::model::{Anchor, Annotation, AnnotationColor, Assessment, ImportedComment};
use crate::document::{Document, WordComment, sha256_hex};
use crate::text::CharRange;

/// Colour of imported comments, apart from the reviewer's default yellow.
pub const IMPORTED_COLOR: AnnotationColor = AnnotationColor::Blue;

/// The key a comment is remembered by: the same comment in a re-saved file
/// has the same key even when Word renumbered it.
pub fn comment_key(c: &WordComment) -> String {
    let digest = sha256_hex(
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            c.author, c.date, c.text, c.quote
        )
        .as_bytes(),
    );
    digest.chars().take(16).collect()
}

/// When a comment was made: its date (Word writes UTC with `Z`, WPS often a
/// local time without a zone, taken as UTC), else `fallback`.
fn comment_time(date: &str, fallback: jiff::Timestamp) -> jiff::Timestamp {
    let date = date.trim();
    date.parse::<jiff::Timestamp>()
        .ok()
        .or_else(|| {
            date.parse::<jiff::civil::DateTime>()
                .ok()
                .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
                .map(|z| z.timestamp())
        })
        .unwrap_or(fallback)
}

impl Assessment {
    /// Adds the Word comments of `doc` not imported before as annotations;
    /// returns how many were added.
    pub fn import_comments(&mut self, doc: &Document) -> usize {
        let new: Vec<(&WordComment, String)> = doc
            .comments
            .iter()
            .map(|c| (c, comment_key(c)))
            .filter(|(_, key)| !self.imported_comments.contains(key))
            .collect();
        if new.is_empty() {
            return 0;
        }
        let anchors: Vec<Anchor> = new
            .iter()
            .map(|(c, _)| Anchor {
                range: CharRange::new(c.near, c.near + c.quote.chars().count()),
                quote: c.quote.clone(),
                before: c.before.clone(),
                after: c.after.clone(),
            })
            .collect();
        let found = super::find_all(&anchors, &doc.text);
        // Word ids of this file → annotation ids, for replies; earlier
        // imports count too.
        let mut ids: HashMap<String, u64> = self
            .annotations
            .iter()
            .filter_map(|a| a.imported.as_ref().map(|i| (i.word_id.clone(), a.id)))
            .collect();
        let now = jiff::Timestamp::now();
        let mut added = 0;
        for (((c, key), anchor), found) in new.into_iter().zip(anchors).zip(found) {
            let id = self.next_annotation_id();
            ids.insert(c.id.clone(), id);
            let reply_to = c.reply_to.as_ref().and_then(|w| ids.get(w).copied());
            let needs_attention = found.is_none();
            self.annotations.push(Annotation {
                id,
                anchor: found.unwrap_or(anchor),
                note: c.text.clone(),
                color: IMPORTED_COLOR,
                created: comment_time(&c.date, now),
                needs_attention,
                imported: Some(ImportedComment {
                    author: c.author.clone(),
                    date: c.date.clone(),
                    word_id: c.id.clone(),
                    reply_to,
                    done: c.done,
                }),
                unknown: Default::default(),
            });
            self.imported_comments.push(key);
            added += 1;
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, quote: &str, near: usize) -> WordComment {
        WordComment {
            id: id.into(),
            author: "李四".into(),
            date: "2024-03-01T09:30:00Z".into(),
            text: format!("意见{id}"),
            quote: quote.into(),
            near,
            ..WordComment::default()
        }
    }

    #[test]
    fn comments_land_on_their_text_once_and_replies_know_their_parent() {
        let mut doc = Document::from_text(
            "r.txt",
            "一、主要举措\n全年受理行政复议案件13件，审结12件。\n二、存在的不足",
        );
        let mut reply = comment("2", "", 0);
        reply.quote = "受理行政复议案件13件".into();
        reply.reply_to = Some("1".into());
        reply.date = "2024-03-02T08:00:00".into();
        doc.comments = vec![
            // The raw offset is off (the cleaner removed text before it).
            comment("1", "受理行政复议案件13件", 30),
            reply,
            comment("3", "这段话不在报告里出现过", 0),
        ];
        let mut a = Assessment::default();
        assert_eq!(a.import_comments(&doc), 3);
        let [first, second, lost] = &a.annotations[..] else {
            panic!("{:?}", a.annotations)
        };
        assert_eq!(doc.slice(first.anchor.range), "受理行政复议案件13件");
        assert!(!first.needs_attention);
        assert_eq!(first.note, "意见1");
        let imported = first.imported.as_ref().map(|i| i.author.as_str());
        assert_eq!(imported, Some("李四"));
        assert_eq!(first.created.to_string(), "2024-03-01T09:30:00Z");
        assert_eq!(second.anchor.range, first.anchor.range);
        assert_eq!(
            second.imported.as_ref().and_then(|i| i.reply_to),
            Some(first.id)
        );
        assert_eq!(second.created.to_string(), "2024-03-02T08:00:00Z");
        assert!(lost.needs_attention);
        // Opening again adds nothing, even after the reviewer deleted one.
        let lost = lost.id;
        a.annotations.retain(|x| x.id != lost);
        assert_eq!(a.import_comments(&doc), 0);
        assert_eq!(a.annotations.len(), 2);
    }
}
