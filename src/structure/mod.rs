//! Structure: clean text → paragraphs, sentences, headings (with level and
//! numbering), inline enumerations (一是…二是…), sections, the report's
//! required parts (DC1–DC5) and its metadata. All ranges are character
//! offsets into the clean text.

mod headings;
mod kind;
mod metadata;
mod parts;
mod year;

use serde::{Deserialize, Serialize};

use crate::text::{CharIndex, CharRange};

pub use headings::parse_marker;
pub use kind::{DocumentKind, KindJudgement, KindReason};
pub use metadata::{UnitEvidence, UnitSignal};
pub use parts::{Part, PartFound, PartId};
pub use year::{YearEvidence, YearSignal};

/// A paragraph: one line of the clean text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Where it is.
    pub range: CharRange,
    /// Byte offsets of the same span (for slicing and egui layout).
    pub byte_start: usize,
    /// End byte offset.
    pub byte_end: usize,
    /// The heading this paragraph starts with, if any.
    pub heading: Option<usize>,
}

/// A sentence (ended by 。！？；) inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is.
    pub range: CharRange,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// A numbered heading: "一、", "（一）", "1.", "（1）".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    /// 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）.
    pub level: u8,
    /// The numbering as written ("一、", "（一）", "1.").
    pub numbering: String,
    /// The heading's text without numbering or final 。.
    pub text: String,
    /// Numbering plus text.
    pub range: CharRange,
    /// The text only.
    pub text_range: CharRange,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// True when body text follows in the same paragraph
    /// ("（一）强化组织领导，压实法治责任。镇党委书记…").
    pub runs_into_body: bool,
}

/// An inline enumeration item inside a paragraph ("一是…", "2. …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enumeration {
    /// Index of its paragraph.
    pub paragraph: usize,
    /// The marker as written ("一是", "2.").
    pub marker: String,
    /// Its number (1 for 一是).
    pub ordinal: u32,
    /// From the marker to the next marker or the paragraph's end.
    pub range: CharRange,
}

/// A heading with the text it governs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Index into [`Structure::headings`].
    pub heading: usize,
    /// From the heading to the next heading of the same or a higher level.
    pub range: CharRange,
    /// The enclosing section's heading index.
    pub parent: Option<usize>,
}

/// Report metadata. Unknown values are `None`, never guessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// The report's title.
    pub title: Option<String>,
    /// The reporting unit (e.g. 湛江经济技术开发区, 霞山区司法局).
    pub unit: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// The signature date (成文日期), ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The web publication date, ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where the title is.
    pub title_range: Option<CharRange>,
    /// The strongest evidence for `year` (`None` when the year is unknown).
    #[serde(default)]
    pub year_source: Option<YearEvidence>,
    /// Every year signal found, strongest first.
    #[serde(default)]
    pub year_signals: Vec<YearEvidence>,
    /// Year signals that point to another year than `year`.
    #[serde(default)]
    pub year_conflicts: Vec<YearEvidence>,
    /// The evidence `unit` was taken from.
    #[serde(default)]
    pub unit_source: Option<UnitEvidence>,
    /// Every unit signal found, in order of precedence.
    #[serde(default)]
    pub unit_signals: Vec<UnitEvidence>,
    /// What kind of document this is, and why.
    #[serde(default)]
    pub document_kind: KindJudgement,
}

/// Everything structural about a clean text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// One section per heading, same order.
    pub sections: Vec<Section>,
    /// Inline enumeration items in order.
    pub enumerations: Vec<Enumeration>,
    /// The five required parts, DC1..DC5 in order.
    pub parts: Vec<Part>,
    /// Title, unit, year, dates.
    pub metadata: Metadata,
}

impl Structure {
    /// The paragraph containing character `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.range.end < offset);
        self.paragraphs
            .get(i)
            .filter(|p| p.range.start <= offset)
            .map(|_| i)
    }

    /// Headings whose sections contain `offset`, outermost first.
    pub fn section_path(&self, offset: usize) -> Vec<usize> {
        let mut path: Vec<usize> = self
            .sections
            .iter()
            .filter(|s| s.range.contains(offset))
            .map(|s| s.heading)
            .collect();
        path.sort_by_key(|h| self.headings.get(*h).map_or(0, |h| h.level));
        path
    }

    /// The required part a position belongs to, if any. When parts overlap
    /// (DC3 inside DC1), the more specific one (DC2–DC5) wins.
    pub fn part_at(&self, offset: usize) -> Option<PartId> {
        let mut found = None;
        for part in &self.parts {
            if part.ranges.iter().any(|r| r.contains(offset)) {
                if part.id != PartId::DC1 && part.id != PartId::DC3 {
                    return Some(part.id);
                }
                found = found.or(Some(part.id));
            }
        }
        found
    }

    /// The part record for `id`.
    pub fn part(&self, id: PartId) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == id)
    }

    /// Sentences inside `range`.
    pub fn sentences_in(&self, range: CharRange) -> &[Sentence] {
        let a = self
            .sentences
            .partition_point(|s| s.range.end <= range.start);
        let b = self
            .sentences
            .partition_point(|s| s.range.start < range.end);
        self.sentences.get(a..b.max(a)).unwrap_or(&[])
    }
}

/// Builds the structure of a clean text. `published` is the web
/// publication date (ISO) and `file_name` the name the text came under;
/// both are evidence for the year reported on.
pub fn build(
    text: &str,
    index: &CharIndex,
    published: Option<&str>,
    file_name: Option<&str>,
) -> Structure {
    let mut s = Structure::default();
    let mut char_pos = 0usize;
    let mut byte_pos = 0usize;
    for (pi, line) in text.split('\n').enumerate() {
        let n = line.chars().count();
        let range = CharRange::new(char_pos, char_pos + n);
        s.paragraphs.push(Paragraph {
            range,
            byte_start: byte_pos,
            byte_end: byte_pos + line.len(),
            heading: None,
        });
        split_sentences(line, char_pos, pi, &mut s.sentences);
        if let Some(h) = headings::heading_of(line, char_pos, pi) {
            s.paragraphs[pi].heading = Some(s.headings.len());
            s.headings.push(h);
        }
        headings::enumerations_of(line, char_pos, pi, &mut s.enumerations);
        char_pos += n + 1;
        byte_pos += line.len() + 1;
    }
    let total = char_pos.saturating_sub(1);
    s.sections = headings::sections(&s.headings, total);
    s.metadata = metadata::extract(text, &s, published, file_name);
    s.parts = parts::detect(text, index, &s, total);
    s.metadata.document_kind = kind::classify(text, &s);
    s
}

/// Splits a paragraph into sentences at 。！？；!?; (closing quotes stay with
/// their sentence).
fn split_sentences(line: &str, base: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let chars: Vec<char> = line.chars().collect();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        if matches!(chars[i], '。' | '！' | '？' | '；' | '!' | '?' | ';') {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], '”' | '’' | '」' | '』' | '）' | ')')
            {
                end += 1;
            }
            out.push(Sentence {
                range: CharRange::new(base + start, base + end),
                paragraph,
            });
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        out.push(Sentence {
            range: CharRange::new(base + start, base + chars.len()),
            paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;

    #[test]
    fn full_width_digits_number_headings_and_date_the_report() {
        let doc = Document::from_text(
            "t",
            "某镇２０２４年法治政府建设情况报告\n一、主要举措和成效\n（一）强化组织领导\n１．认真安排部署。\n（２）规范执法。\n某镇人民政府\n２０２５年１月５日",
        );
        let outline: Vec<(u8, &str)> = doc
            .structure
            .headings
            .iter()
            .map(|h| (h.level, h.numbering.as_str()))
            .collect();
        assert_eq!(
            outline,
            [(1, "一、"), (2, "（一）"), (3, "１．"), (4, "（２）")]
        );
        let meta = &doc.structure.metadata;
        assert_eq!(meta.year, Some(2024));
        assert_eq!(meta.unit.as_deref(), Some("某镇"));
        assert_eq!(meta.date.as_deref(), Some("2025-01-05"));
    }

    #[test]
    fn sentences_keep_closing_quotes_and_cover_the_paragraph() {
        let doc = Document::from_text("t", "他说：“好。”然后走了！最后一句\n第二段。");
        let ss: Vec<&str> = doc
            .structure
            .sentences
            .iter()
            .map(|s| doc.slice(s.range))
            .collect();
        assert_eq!(ss, ["他说：“好。”", "然后走了！", "最后一句", "第二段。"]);
        assert_eq!(doc.structure.sentences[3].paragraph, 1);
        assert_eq!(doc.structure.paragraph_at(0), Some(0));
        assert_eq!(
            doc.structure
                .paragraph_at(doc.structure.paragraphs[1].range.start),
            Some(1)
        );
    }
}
