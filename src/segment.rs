//! Chinese word segmentation: jieba-rs with Shenyue's domain dictionary
//! (`assets/dict/legal_terms.txt`) and the frameworks' terms, so that
//! 重大行政决策, 合法性审查, 双随机、一公开 … stay single words.
//!
//! Segmentation sits below `framework` and `analysis`: both use it (the
//! work-point importer for keywords, the analyzer for evidence), and neither
//! reaches into the other for it.
//!
//! Building the dictionary takes ~100 ms or more; build one [`Segmenter`] per
//! process (the GUI does it off the UI thread) and share it by reference.

use std::cell::RefCell;
use std::sync::LazyLock;

use jieba_rs::Jieba;

const DOMAIN_DICT: &str = include_str!("../assets/dict/legal_terms.txt");
/// Frequency given to domain terms: high enough that jieba keeps them whole.
const TERM_FREQ: usize = 200_000;

/// The domain dictionary, parsed once per process: (term, frequency).
static DOMAIN: LazyLock<Vec<(&'static str, usize)>> = LazyLock::new(|| {
    DOMAIN_DICT
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let word = parts.next()?;
            let freq = parts
                .next()
                .and_then(|f| f.parse().ok())
                .unwrap_or(TERM_FREQ);
            Some((word, freq))
        })
        .collect()
});

/// The terms of the domain dictionary (`assets/dict/legal_terms.txt`).
pub fn domain_terms() -> impl Iterator<Item = &'static str> {
    DOMAIN.iter().map(|(word, _)| *word)
}

/// A jieba segmenter with the domain dictionary loaded.
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// Builds the segmenter with the domain dictionary and `extra_terms`
    /// (e.g. every framework keyword).
    pub fn new<'a>(extra_terms: impl IntoIterator<Item = &'a str>) -> Segmenter {
        let mut jieba = Jieba::new();
        for (word, freq) in DOMAIN.iter() {
            jieba.add_word(word, Some(*freq), None);
        }
        let mut segmenter = Segmenter { jieba };
        segmenter.add_terms(extra_terms);
        segmenter
    }

    /// Adds terms that must stay whole words (a framework loaded later, such
    /// as imported work points), without rebuilding the dictionary.
    pub fn add_terms<'a>(&mut self, terms: impl IntoIterator<Item = &'a str>) {
        for term in terms {
            let n = term.chars().count();
            if (2..=10).contains(&n) && !term.contains(char::is_whitespace) {
                self.jieba.add_word(term, Some(TERM_FREQ), None);
            }
        }
    }

    /// Words of `text` with their character ranges (HMM off: with a good
    /// domain dictionary it segments legal text more accurately).
    pub fn words<'a>(&self, text: &'a str) -> Vec<(&'a str, usize, usize)> {
        self.jieba
            .cut(text, false)
            .into_iter()
            .map(|t| (t.word, t.start, t.end))
            .collect()
    }

    /// Word boundaries of `text` as a bit per character offset (`len + 1`
    /// entries; `true` where a word starts or ends). Text is segmented per
    /// line, which is both faster and what jieba is tuned for.
    pub fn boundaries(&self, text: &str) -> Vec<bool> {
        let total = text.chars().count();
        let mut marks = vec![false; total + 1];
        let mut base = 0usize;
        for line in text.split('\n') {
            let n = line.chars().count();
            if let Some(m) = marks.get_mut(base) {
                *m = true;
            }
            for t in self.jieba.cut(line, false) {
                if let Some(m) = marks.get_mut(base + t.end) {
                    *m = true;
                }
            }
            base += n + 1;
        }
        marks
    }

    /// Word boundaries of `text` found only where asked, with the answers
    /// of [`Segmenter::boundaries`] (see [`LazyBoundaries`]).
    pub fn lazy_boundaries<'a>(&'a self, text: &'a str) -> LazyBoundaries<'a> {
        let mut chars = Vec::with_capacity(text.len() / 3);
        let mut bytes = Vec::with_capacity(text.len() / 3);
        for (byte, c) in text.char_indices() {
            chars.push(c);
            bytes.push(u32::try_from(byte).unwrap_or(u32::MAX));
        }
        LazyBoundaries {
            segmenter: self,
            text,
            marks: RefCell::new(vec![Mark::Unknown; chars.len()]),
            chars,
            bytes,
        }
    }

    /// The underlying jieba, for keyword extraction.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}

/// What is known of one character offset of a [`LazyBoundaries`].
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Unknown,
    Boundary,
    Inside,
}

/// Word boundaries of a text, segmenting only the pieces asked about.
///
/// The analysis needs boundaries only at the two ends of keyword matches,
/// which touch a minority of a report's clauses, and segmenting is the
/// costliest step of it (the dictionary's trie does not stay in cache).
/// The answers are those of [`Segmenter::boundaries`] because jieba cuts a
/// text into runs of word characters (CJK, ASCII letters and digits,
/// `+#&._%-`) and segments each run on its own, every other character being
/// a word by itself. So a piece between two characters that are neither
/// alphanumeric nor one of those symbols (punctuation, spaces, line
/// breaks) is cut exactly as it is inside its line — whatever finer
/// classes jieba uses within the alphanumerics.
pub struct LazyBoundaries<'a> {
    segmenter: &'a Segmenter,
    text: &'a str,
    /// Every character of `text` (which the analysis reads too), and the
    /// byte offset of each.
    chars: Vec<char>,
    bytes: Vec<u32>,
    marks: RefCell<Vec<Mark>>,
}

/// A character that always ends jieba's runs of word characters. Asked of
/// every character around a match: ASCII, the main CJK block and the
/// commonest Chinese punctuation, nearly all of a report, are answered
/// without Unicode's tables.
fn separates_runs(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_alphanumeric() && !matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        match c {
            '\u{4E00}'..='\u{9FFF}' => false,
            '，' | '。' | '、' | '；' | '：' | '（' | '）' | '“' | '”' | '《' | '》' => {
                true
            }
            _ => !c.is_alphanumeric(),
        }
    }
}

impl LazyBoundaries<'_> {
    /// The characters of the text.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Whether a word starts or ends at character offset `pos` (true at
    /// both ends of the text and past its end, as a missing entry of
    /// [`Segmenter::boundaries`] is read).
    pub fn is_boundary(&self, pos: usize) -> bool {
        let (Some(&after), Some(&before)) = (
            self.chars.get(pos),
            pos.checked_sub(1).and_then(|p| self.chars.get(p)),
        ) else {
            return true;
        };
        if separates_runs(before) || separates_runs(after) {
            return true;
        }
        if let Some(&known) = self.marks.borrow().get(pos)
            && known != Mark::Unknown
        {
            return known == Mark::Boundary;
        }
        self.segment_piece_around(pos);
        self.marks.borrow().get(pos) == Some(&Mark::Boundary)
    }

    /// Segments the piece between the separators around `pos` and records
    /// every boundary inside it.
    fn segment_piece_around(&self, pos: usize) {
        let chars = &self.chars;
        let start = chars
            .get(..pos)
            .and_then(|before| before.iter().rposition(|&c| separates_runs(c)))
            .map_or(0, |i| i + 1);
        let end = chars
            .get(pos..)
            .and_then(|after| after.iter().position(|&c| separates_runs(c)))
            .map_or(chars.len(), |i| pos + i);
        let byte = |i: usize| self.bytes.get(i).map_or(self.text.len(), |&b| b as usize);
        let piece = self.text.get(byte(start)..byte(end)).unwrap_or("");
        let mut marks = self.marks.borrow_mut();
        if let Some(inside) = marks.get_mut(start..end) {
            inside.fill(Mark::Inside);
        }
        if let Some(m) = marks.get_mut(start) {
            *m = Mark::Boundary;
        }
        for t in self.segmenter.jieba.cut(piece, false) {
            if let Some(m) = marks.get_mut(start + t.end) {
                *m = Mark::Boundary;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_terms_stay_whole() {
        let seg = Segmenter::new(["行政执法三项制度"]);
        let words: Vec<&str> = seg
            .words("严格落实重大行政决策合法性审查制度，推行行政执法三项制度")
            .iter()
            .map(|w| w.0)
            .collect();
        assert!(words.contains(&"重大行政决策"), "{words:?}");
        assert!(words.contains(&"合法性审查"), "{words:?}");
        assert!(words.contains(&"行政执法三项制度"), "{words:?}");
    }

    /// The lazy boundaries answer as the whole text's do, at every offset,
    /// on text with every kind of character jieba tells apart (CJK, its
    /// extensions, ASCII and full-width letters and digits, its joining
    /// symbols, punctuation, spaces, line breaks) in random order.
    #[test]
    fn lazy_boundaries_are_the_whole_texts() {
        let seg = Segmenter::new(["行政执法三项制度"]);
        let pieces = [
            "行政",
            "复议",
            "法律援助",
            "重大行政决策",
            "合法性审查",
            "行政执法三项制度",
            "2021",
            "年",
            "A",
            "b3",
            "ＡＢ",
            "１２",
            "㐀",
            "𠀀",
            "+",
            "#",
            "&",
            ".",
            "_",
            "%",
            "-",
            "，",
            "。",
            "、",
            "（",
            "）",
            " ",
            "\n",
            "\t",
            "——",
            "·",
            "Ⅳ",
            "①",
        ];
        let mut rng = crate::testing::XorShift::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                text.push_str(pieces[rng.below(pieces.len())]);
            }
            let whole = seg.boundaries(&text);
            let lazy = seg.lazy_boundaries(&text);
            // Asked in a scattered order, so cached pieces are reused.
            let n = whole.len() + 2;
            for k in 0..n {
                let pos = (k * 7) % n;
                let expected = whole.get(pos).copied().unwrap_or(true);
                assert_eq!(lazy.is_boundary(pos), expected, "{text:?} at {pos}");
            }
        }
        // And on a real report.
        let report = include_str!("../sample_reports/zhanhe_2020.txt");
        let whole = seg.boundaries(report);
        let lazy = seg.lazy_boundaries(report);
        for (pos, expected) in whole.iter().enumerate().rev() {
            assert_eq!(lazy.is_boundary(pos), *expected, "zhanhe_2020 at {pos}");
        }
    }

    #[test]
    fn boundaries_are_char_offsets_across_lines() {
        let seg = Segmenter::new([]);
        let text = "行政复议\n法律援助";
        let b = seg.boundaries(text);
        assert_eq!(b.len(), 10);
        assert!(b[0] && b[4] && b[5] && b[9]);
        assert!(!b[1] && !b[6]);
    }
}
