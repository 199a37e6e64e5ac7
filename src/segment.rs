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

    /// The underlying jieba, for keyword extraction.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
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
