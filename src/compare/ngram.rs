//! Character n-grams shared by the comparison: one normalisation of
//! characters (full-width forms folded, punctuation and spaces dropped),
//! the genre's stop words, and the bigram/trigram keys used to match plans
//! against achievements.
//!
//! Chinese has no spaces, so instead of words we use character bigrams and
//! trigrams. To keep them meaningful, runs of text are cut at function
//! characters (的, 和, 在 …) and at the genre's ubiquitous words (法治, 建设,
//! 推进, 加强, 工作 …), as RAKE does with stop words: "加强行政执法队伍" yields
//! the grams of "行政执法队伍" and never the junk bigram "强行".

use std::sync::LazyLock;

use crate::text::is_han;

/// Characters that only glue words together; a run of content stops there.
const FUNCTION_CHARS: &str = "的了和与及在是将把使等之其于被并而也都各对为以从向由";

/// Words found in nearly every sentence of an annual report on 法治政府建设
/// (the genre's nouns and its stock verbs and adverbs). They say nothing
/// about *which* task a sentence is about, so they cut runs like
/// punctuation does. Listed by hand from the sample reports; the document
/// frequencies computed per comparison drop whatever else is common.
const STOP_WORDS: &[&str] = &[
    "法治",
    "建设",
    "推进",
    "加强",
    "工作",
    "政府",
    "进一步",
    "依法",
    "开展",
    "落实",
    "完善",
    "深化",
    "提高",
    "提升",
    "持续",
    "不断",
    "全面",
    "积极",
    "认真",
    "坚持",
    "机制",
    "制度",
    "我区",
    "全区",
    "充分",
    "发挥",
    "作用",
    "有效",
    "做好",
    "严格",
    "着力",
    "切实",
    "努力",
    "深入",
    "大力",
    "扎实",
    "稳妥",
    "坚决",
    "优化",
    "健全",
    "强化",
    "推动",
    "加快",
    "实施",
    "建立",
    "构建",
    "营造",
    "发展",
    "水平",
    "能力",
    "体系",
    "相关",
    "重点",
    "主要",
    "各项",
    "今年",
    "全年",
    "目前",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "七是",
    "八是",
    "九是",
    "十是",
    "进行",
    "通过",
    "实现",
    "确保",
    "不够",
    "有待",
    "情况",
    "方面",
    "组织",
    "继续",
    "同时",
    "以来",
    "截至",
    "共计",
];

/// Stop words as characters, longest first so "进一步" wins over shorter ones.
static STOP_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    let mut words: Vec<Vec<char>> = STOP_WORDS.iter().map(|w| w.chars().collect()).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
});

/// Folds a character for matching: full-width ASCII to ASCII, letters to
/// lower case. Returns `None` for anything that is not an ideograph, an
/// ASCII letter or a digit (punctuation, spaces, symbols), so that "，" and
/// ",", or “” and "", never make two copies of a text look different.
pub fn fold(c: char) -> Option<char> {
    let c = crate::text::fold_full_width(c);
    if is_han(c) || c.is_ascii_alphanumeric() {
        Some(c.to_ascii_lowercase())
    } else {
        None
    }
}

/// The folded characters of `text` with the character offset (into `text`)
/// of each, dropping everything [`fold`] drops.
pub fn folded_stream(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::with_capacity(text.len() / 3);
    let mut offsets = Vec::with_capacity(text.len() / 3);
    for (i, c) in text.chars().enumerate() {
        if let Some(f) = fold(c) {
            chars.push(f);
            offsets.push(i);
        }
    }
    (chars, offsets)
}

/// Runs of content characters of `text`: folded, cut at punctuation, digits,
/// function characters and stop words. Runs shorter than two characters are
/// dropped (a single character carries no topic).
pub fn content_runs(text: &str) -> Vec<Vec<char>> {
    let folded: Vec<Option<char>> = text
        .chars()
        .map(|c| fold(c).filter(|f| !f.is_ascii_digit() && !FUNCTION_CHARS.contains(*f)))
        .collect();
    let mut runs = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        let Some(c) = folded[i] else {
            flush(&mut run, &mut runs);
            i += 1;
            continue;
        };
        if let Some(len) = stop_word_at(&folded, i) {
            flush(&mut run, &mut runs);
            i += len;
            continue;
        }
        run.push(c);
        i += 1;
    }
    flush(&mut run, &mut runs);
    runs
}

fn flush(run: &mut Vec<char>, runs: &mut Vec<Vec<char>>) {
    if run.len() >= 2 {
        runs.push(std::mem::take(run));
    } else {
        run.clear();
    }
}

/// First characters of the stop words, sorted, to skip most positions fast.
static STOP_FIRST: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut first: Vec<char> = STOP_CHARS
        .iter()
        .filter_map(|w| w.first().copied())
        .collect();
    first.sort_unstable();
    first.dedup();
    first
});

/// Length of the stop word starting at `i`, if one does.
fn stop_word_at(folded: &[Option<char>], i: usize) -> Option<usize> {
    let first = folded.get(i).copied().flatten()?;
    STOP_FIRST.binary_search(&first).ok()?;
    STOP_CHARS.iter().find_map(|w| {
        let hit = w
            .iter()
            .enumerate()
            .all(|(k, c)| folded.get(i + k).copied().flatten() == Some(*c));
        hit.then_some(w.len())
    })
}

/// Key of a character bigram (top bit set, so it never equals a trigram key).
fn key2(a: char, b: char) -> u64 {
    (1 << 63) | (u64::from(a) << 21) | u64::from(b)
}

/// Key of a character trigram (21 bits per character).
fn key3(a: char, b: char, c: char) -> u64 {
    (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c)
}

/// The distinct bigrams and trigrams of the content runs of `text`, sorted.
pub fn grams(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for run in content_runs(text) {
        for w in run.windows(2) {
            out.push(key2(w[0], w[1]));
        }
        for w in run.windows(3) {
            out.push(key3(w[0], w[1], w[2]));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The distinct character bigrams of `text` after folding (punctuation and
/// spaces dropped, stop words kept), for comparing short names.
pub fn name_bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter_map(fold).collect();
    let mut out: Vec<u64> = chars.windows(2).map(|w| key2(w[0], w[1])).collect();
    if out.is_empty() {
        // A one-character name still deserves to match itself.
        out.extend(chars.first().map(|&c| key2(c, '\0')));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Dice coefficient of two sorted, deduplicated key sets (the pairing of
/// indicators computes the same through an index).
pub fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_of(text: &str) -> Vec<String> {
        content_runs(text)
            .into_iter()
            .map(|r| r.into_iter().collect())
            .collect()
    }

    #[test]
    fn folding_makes_full_width_and_ascii_punctuation_equal() {
        assert_eq!(fold('Ａ'), Some('a'));
        assert_eq!(fold('５'), Some('5'));
        assert_eq!(fold('，'), None);
        assert_eq!(fold(','), None);
        assert_eq!(fold('“'), None);
        let (a, _) = folded_stream("坚持“三重一大”，强化把关");
        let (b, _) = folded_stream("坚持\"三重一大\",强化把关");
        assert_eq!(a, b);
    }

    #[test]
    fn stop_words_and_function_characters_cut_runs() {
        assert_eq!(
            runs_of("加强行政执法队伍的建设和管理"),
            ["行政执法队伍", "管理"]
        );
        assert_eq!(runs_of("进一步深化“放管服”改革"), ["放管服", "改革"]);
        // Digits are not topics: "1216项" leaves only the unit, which is dropped.
        assert_eq!(runs_of("下放事项1216项"), ["下放事项"]);
    }

    #[test]
    fn grams_are_bigrams_and_trigrams_inside_runs() {
        let g = grams("放管服");
        assert_eq!(g.len(), 3);
        assert!(g.contains(&key2('放', '管')) && g.contains(&key3('放', '管', '服')));
        // Nothing spans the stop word: no "服营" from 放管服优化营商.
        assert!(!grams("放管服优化营商").contains(&key2('服', '营')));
    }

    #[test]
    fn dice_of_names() {
        let a = name_bigrams("审查全区各单位重大合同");
        let b = name_bigrams("审查全区重大合同、招商引资协议");
        let d = dice(&a, &b);
        assert!((0.5..0.6).contains(&d), "{d}");
        assert!((dice(&name_bigrams("刑拘"), &name_bigrams("刑拘")) - 1.0).abs() < 1e-9);
        assert!(dice(&name_bigrams("刑"), &name_bigrams("刑")) > 0.99);
        assert_eq!(dice(&[], &name_bigrams("刑拘")), 0.0);
    }
}
