//! Every occurrence of many short strings in a text: a trie of their
//! characters, walked from every character of the text.
//!
//! The evidence scan looks for a few thousand keywords, nearly all two to
//! six Chinese characters, in every report. A byte-level Aho-Corasick
//! search asked for overlapping matches follows failure links through three
//! bytes per Chinese character and stops at every match, which made it the
//! costliest single step of the analysis. Walking a character trie from each
//! position costs one table lookup for most characters (the first step is
//! a direct table over the CJK block) and a few more where a keyword
//! starts, and finds exactly the same occurrences.

/// No node / no pattern.
const NONE: u32 = u32::MAX;
/// The main CJK block, whose characters the root looks up in a table.
const CJK_FIRST: u32 = 0x4E00;
const CJK_LAST: u32 = 0x9FFF;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// This node's children: `edges[first..first + len]`, sorted by char.
    first: u32,
    len: u32,
    /// The pattern ending here, if any.
    pattern: u32,
}

/// The patterns' trie; see the module documentation.
#[derive(Debug)]
pub struct KeywordTrie {
    /// The root's child for each character of the CJK block (`NONE`: none).
    cjk: Vec<u32>,
    /// The root's children for other characters, sorted by char.
    other: Vec<(char, u32)>,
    nodes: Vec<Node>,
    edges: Vec<(char, u32)>,
}

impl KeywordTrie {
    /// A trie of `patterns`; pattern `i` is reported as `i`. An empty
    /// pattern is never found; of equal patterns the first is reported.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> KeywordTrie {
        // Built as a map per node, then laid out flat with sorted edges.
        let mut children: Vec<std::collections::BTreeMap<char, u32>> = vec![Default::default()];
        let mut ends: Vec<u32> = vec![NONE];
        for (i, pattern) in patterns.into_iter().enumerate() {
            let mut node = 0usize;
            for c in pattern.chars() {
                let next = children.len() as u32;
                let child = match children.get_mut(node) {
                    Some(map) => *map.entry(c).or_insert(next),
                    None => break,
                };
                if child == next {
                    children.push(Default::default());
                    ends.push(NONE);
                }
                node = child as usize;
            }
            if node != 0
                && let Some(end) = ends.get_mut(node)
                && *end == NONE
            {
                *end = u32::try_from(i).unwrap_or(NONE);
            }
        }
        let mut cjk = vec![NONE; (CJK_LAST - CJK_FIRST + 1) as usize];
        let mut other = Vec::new();
        let mut nodes = Vec::with_capacity(children.len());
        let mut edges = Vec::new();
        for (i, (map, &pattern)) in children.iter().zip(&ends).enumerate() {
            if i == 0 {
                for (&c, &child) in map {
                    match (c as u32).checked_sub(CJK_FIRST) {
                        Some(k) if c as u32 <= CJK_LAST => {
                            if let Some(slot) = cjk.get_mut(k as usize) {
                                *slot = child;
                            }
                        }
                        _ => other.push((c, child)),
                    }
                }
            }
            nodes.push(Node {
                first: edges.len() as u32,
                len: if i == 0 { 0 } else { map.len() as u32 },
                pattern,
            });
            if i != 0 {
                edges.extend(map.iter().map(|(&c, &child)| (c, child)));
            }
        }
        KeywordTrie {
            cjk,
            other,
            nodes,
            edges,
        }
    }

    fn root_child(&self, c: char) -> u32 {
        let code = c as u32;
        if (CJK_FIRST..=CJK_LAST).contains(&code) {
            return self
                .cjk
                .get((code - CJK_FIRST) as usize)
                .copied()
                .unwrap_or(NONE);
        }
        match self.other.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(i) => self.other.get(i).map_or(NONE, |&(_, n)| n),
            Err(_) => NONE,
        }
    }

    fn child(&self, node: &Node, c: char) -> u32 {
        let (first, len) = (node.first as usize, node.len as usize);
        let Some(edges) = self.edges.get(first..first + len) else {
            return NONE;
        };
        if len <= 8 {
            edges
                .iter()
                .find(|&&(k, _)| k == c)
                .map_or(NONE, |&(_, n)| n)
        } else {
            match edges.binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => edges.get(i).map_or(NONE, |&(_, n)| n),
                Err(_) => NONE,
            }
        }
    }

    /// Calls `each(start, end, pattern)` for every occurrence of every
    /// pattern in `text` (in characters), by start and, at the same start,
    /// shortest first, until it returns `false`.
    pub fn for_each_match(&self, text: &[char], mut each: impl FnMut(usize, usize, usize) -> bool) {
        for (start, &c) in text.iter().enumerate() {
            let mut at = self.root_child(c);
            let mut end = start + 1;
            while let Some(node) = self.nodes.get(at as usize) {
                if node.pattern != NONE && !each(start, end, node.pattern as usize) {
                    return;
                }
                let Some(&next) = text.get(end) else {
                    break;
                };
                at = self.child(node, next);
                end += 1;
            }
        }
    }

    /// Every occurrence of every pattern in `text` as (start, end, pattern)
    /// in characters, ordered by end and, at the same end, longest first:
    /// the order of an overlapping Aho-Corasick search.
    pub fn find_all(&self, text: &[char]) -> Vec<(usize, usize, usize)> {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        self.for_each_match(text, |s, e, p| {
            found.push((s, e, p));
            true
        });
        // Walks from each start go to the right, so ends come out of order.
        found.sort_unstable_by_key(|&(s, e, _)| (e, s));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::XorShift;

    #[test]
    fn finds_nested_and_overlapping_occurrences() {
        let trie = KeywordTrie::new(["法律顾问", "村居法律顾问", "法律", "律师", "", "法律"]);
        let text: Vec<char> = "推行村居法律顾问和律师".chars().collect();
        assert_eq!(
            trie.find_all(&text),
            vec![(4, 6, 2), (2, 8, 1), (4, 8, 0), (9, 11, 3)]
        );
        assert!(trie.find_all(&[]).is_empty());
    }

    /// The same occurrences, in the same order, as aho-corasick's
    /// overlapping search, on random texts over a small alphabet (CJK, ASCII
    /// and full-width characters, so every lookup path is taken).
    #[test]
    fn finds_what_an_overlapping_aho_corasick_search_finds() {
        let alphabet: Vec<char> = "法治政府建设a1(（，。律师".chars().collect();
        let mut rng = XorShift::new(7);
        let word = |rng: &mut XorShift, max: usize| -> String {
            let n = 1 + rng.below(max);
            (0..n)
                .filter_map(|_| alphabet.get(rng.below(alphabet.len())))
                .collect()
        };
        for _ in 0..200 {
            let mut patterns: Vec<String> =
                (0..1 + rng.below(40)).map(|_| word(&mut rng, 5)).collect();
            let mut seen = std::collections::HashSet::new();
            patterns.retain(|p| seen.insert(p.clone()));
            let text = word(&mut rng, 300);
            let ac = aho_corasick::AhoCorasick::new(&patterns).expect("automaton");
            let chars: Vec<char> = text.chars().collect();
            let char_at = |byte: usize| text[..byte].chars().count();
            let expected: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(text.as_str())
                .map(|m| (char_at(m.start()), char_at(m.end()), m.pattern().as_usize()))
                .collect();
            let trie = KeywordTrie::new(patterns.iter().map(String::as_str));
            assert_eq!(trie.find_all(&chars), expected, "{patterns:?} in {text}");
        }
    }
}
