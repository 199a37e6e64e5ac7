//! Copied reports: long passages that reports of *different* units share.
//!
//! Each report's clean text is reduced to its letters and digits (so line
//! breaks, punctuation and spacing do not hide a copy) and cut into
//! overlapping shingles of [`K`] characters; winnowing keeps the smallest
//! hash of every window of [`W`] shingles, so any common run of at least
//! `K + W − 1` characters shares a kept shingle, with about one shingle in
//! eight kept. One sorted index maps each kept shingle to the reports that
//! have it; nothing compares every pair of reports:
//!
//! - candidates for a report are the reports it shares shingles with, at
//!   most [`NEIGHBOURS`] per shingle (a shingle in hundreds of reports cannot
//!   make the work quadratic), never the same unit's own reports;
//! - shingles found in more than half of the units' reports (and at least
//!   [`COMMON_MIN_UNITS`]) are the usual slogans and boilerplate: they
//!   propose no candidates;
//! - a candidate counts only through *passages*: runs of shared shingles at
//!   least [`MIN_PASSAGE`] characters long. Slogans are shorter, so a report
//!   that merely uses the same 提法 as another is not flagged.
//!
//! The share is the part of the report's characters inside such passages.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use crate::text::CharRange;

/// Characters per shingle.
pub const K: usize = 12;
/// Winnowing window, in shingles.
pub const W: usize = 16;
/// Shortest common passage that counts, in letters and digits.
pub const MIN_PASSAGE: usize = 50;
/// Least share of a report in common passages to be flagged.
pub const MIN_SHARE: f32 = 0.05;
/// Other reports looked at per shingle when finding candidates.
pub const NEIGHBOURS: usize = 16;
/// A shingle is common (a slogan) in more than half of the units' reports,
/// and in at least this many units.
pub const COMMON_MIN_UNITS: usize = 8;
/// Candidates verified per report.
const CANDIDATES: usize = 8;
/// Matches kept per report, largest share first.
const MAX_MATCHES: usize = 3;
/// Passages kept per match (the longest).
const MAX_PASSAGES: usize = 20;

/// One kept shingle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Print {
    hash: u64,
    /// Position in the letters-and-digits text.
    pos: u32,
    /// Where the shingle starts and ends in the clean text (characters).
    start: u32,
    end: u32,
}

/// The kept shingles of one report: small (about 16 bytes per 8 characters),
/// computed where the report is analysed and kept in its row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprints {
    prints: Vec<Print>,
    /// Letters and digits in the report.
    len: u32,
}

/// The character as the shingles compare it: letters and digits only,
/// full-width Latin as ASCII, lower case; `None` for anything else.
fn normalise(c: char) -> Option<char> {
    // Nearly every character of a report is ASCII or in the main CJK block:
    // answered without Unicode's tables, which cost more than the hashing.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase());
    }
    match c {
        '\u{4E00}'..='\u{9FFF}' => Some(c),
        // The punctuation of Chinese text (，。、《》“”——；：（）): no
        // letter or digit lives in these ranges.
        '\u{2000}'..='\u{206F}'
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}' => None,
        _ => normalise_by_tables(c),
    }
}

/// [`normalise`] asking Unicode's tables, for any character.
fn normalise_by_tables(c: char) -> Option<char> {
    if !c.is_alphanumeric() {
        return None;
    }
    // Full-width Latin letters and digits (ＡＢ１２) as ASCII.
    let c = match u32::from(c) {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
            char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    };
    Some(c.to_ascii_lowercase())
}

/// A 64-bit finaliser (splitmix64) so window minima are spread evenly.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl Fingerprints {
    /// The fingerprints of a clean text.
    pub fn of_text(text: &str) -> Fingerprints {
        // One pass: the polynomial rolling hash of every K letters or
        // digits, and winnowing (the rightmost minimum of every window of W
        // hashes) as the hashes come. Only the last few letters and offsets
        // are needed, in small rings indexed by masks.
        //
        // The window minima are found by blocks (van Herk / Gil-Werman): the
        // shingles are cut into blocks of W; a window covers the end of one
        // block and the start of the next, so its minimum is the lesser of
        // the first block's minimum from the window's start (kept for every
        // start when the block is complete) and the running minimum of the
        // second. Three comparisons per shingle, none of them a branch that
        // depends on the hashes (a monotonic queue's pops are, and were most
        // of the cost).
        const B: u64 = 0x0100_0000_01b3;
        /// Ring sizes: powers of two above K (letters) and K + W (their
        /// offsets: a kept shingle starts at most W − 1 shingles back).
        const LETTERS: usize = 16;
        const RING: usize = 32;
        const _: () = assert!(K < LETTERS && K + W <= RING && W.is_power_of_two());
        let top = (1..K).fold(1u64, |p, _| p.wrapping_mul(B));
        let mut letters = [0u64; LETTERS];
        let mut offsets = [0u32; RING];
        // The current block's hashes; the previous block's minimum from
        // each position to its end (hash, shingle); the current block's
        // minimum so far. Ties go to the rightmost shingle.
        let mut block = [0u64; W];
        let mut suffix = [(0u64, 0usize); W];
        let mut prefix = (0u64, 0usize);
        let mut prints = Vec::with_capacity(text.len() / (3 * W) + 1);
        let mut last: Option<usize> = None;
        let mut keep = |j: usize, hash: u64, offsets: &[u32; RING]| {
            if last != Some(j) {
                last = Some(j);
                prints.push(Print {
                    hash,
                    pos: j as u32,
                    start: offsets[j % RING],
                    end: offsets[(j + K - 1) % RING] + 1,
                });
            }
        };
        let mut n = 0usize;
        let mut h = 0u64;
        for (offset, c) in text.chars().enumerate() {
            let Some(c) = normalise(c) else { continue };
            let c = u64::from(u32::from(c));
            let i = n;
            n += 1;
            if i >= K {
                h = h.wrapping_sub(letters[(i - K) % LETTERS].wrapping_mul(top));
            }
            letters[i % LETTERS] = c;
            h = h.wrapping_mul(B).wrapping_add(c);
            offsets[i % RING] = offset as u32;
            if i + 1 < K {
                continue;
            }
            let s = i + 1 - K;
            let hash = mix(h);
            let q = s % W;
            block[q] = hash;
            prefix = if q == 0 || hash <= prefix.0 {
                (hash, s)
            } else {
                prefix
            };
            if q + 1 < W {
                // The window from the previous block's shingle q + 1 to s.
                if s >= W {
                    let left = suffix[q + 1];
                    let (hash, j) = if prefix.0 <= left.0 { prefix } else { left };
                    keep(j, hash, &offsets);
                }
            } else {
                // A block complete: its minima from every position, and
                // the window that is the block itself.
                let first = s + 1 - W;
                let mut m = (hash, s);
                for r in (0..W).rev() {
                    if block[r] < m.0 {
                        m = (block[r], first + r);
                    }
                    suffix[r] = m;
                }
                keep(suffix[0].1, suffix[0].0, &offsets);
            }
        }
        // Fewer than W shingles: one window, the whole text.
        let shingles = (n + 1).saturating_sub(K);
        if (1..W).contains(&shingles) {
            keep(prefix.1, prefix.0, &offsets);
        }
        Fingerprints {
            prints,
            len: n as u32,
        }
    }

    /// Letters and digits in the report.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when the report has no text to compare.
    pub fn is_empty(&self) -> bool {
        self.prints.is_empty()
    }
}

/// One report as the index sees it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The reporting unit; `None` when unknown (then compared with all).
    pub unit: Option<&'a str>,
    /// Its fingerprints.
    pub prints: &'a Fingerprints,
}

/// A passage one report shares with another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// Where it is in this report (clean-text characters).
    pub here: CharRange,
    /// Where it is in the other report.
    pub there: CharRange,
}

/// Another report this one shares long passages with.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyMatch {
    /// Index of the other report among the entries.
    pub other: usize,
    /// Part of this report's characters in common passages, 0–1.
    pub share: f32,
    /// The longest common passages, in this report's order.
    pub passages: Vec<Passage>,
}

/// What makes two unit names one unit: spaces dropped, and the body's
/// name after the place (义中县人民政府 is 义中县; 义中县司法局 is not).
fn unit_key(unit: &str) -> String {
    let u: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
    for body in ["人民政府", "办事处", "管理委员会", "管委会"] {
        if let Some(place) = u.strip_suffix(body)
            && place.chars().count() >= 2
        {
            return place.to_string();
        }
    }
    u
}

/// An empty slot of [`Scratch::in_y`].
const ABSENT: u32 = u32::MAX;

/// Tables reused by every report a thread looks at, all zero (or
/// [`ABSENT`]) between uses, so that counting and lookups are by index
/// instead of by sorting and searching.
#[derive(Default)]
struct Scratch {
    /// Meetings with each report ([`Index::candidates`]).
    met: Vec<u32>,
    /// The reports whose `met` is not zero.
    touched: Vec<u32>,
    /// First print of the other report in each group ([`Index::verify`]).
    in_y: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// The index: kept shingles → the reports that have them.
struct Index {
    /// Reports of each group (one group per distinct shingle), sorted.
    members: Vec<u32>,
    /// Where each group's reports start in `members` (one past the end last).
    bounds: Vec<u32>,
    /// Group of each print of each report.
    group_of: Vec<Vec<u32>>,
    /// Groups that are slogans.
    common: Vec<bool>,
    /// Unit number of each report (unknown units get their own).
    unit: Vec<u32>,
}

impl Index {
    fn build(entries: &[Entry<'_>], threads: usize) -> Index {
        let mut unit_ids: HashMap<String, u32> = HashMap::new();
        let mut unit = Vec::with_capacity(entries.len());
        let mut next_unit = 0u32;
        for e in entries {
            let key = e.unit.map(unit_key).filter(|u| !u.is_empty());
            let id = match key {
                Some(k) => *unit_ids.entry(k).or_insert_with(|| {
                    next_unit += 1;
                    next_unit - 1
                }),
                None => {
                    next_unit += 1;
                    next_unit - 1
                }
            };
            unit.push(id);
        }
        let units = next_unit as usize;
        let total: usize = entries.iter().map(|e| e.prints.prints.len()).sum();
        let mut postings: Vec<(u64, u32, u32)> = Vec::with_capacity(total);
        for (d, e) in entries.iter().enumerate() {
            for (p, print) in e.prints.prints.iter().enumerate() {
                postings.push((print.hash, d as u32, p as u32));
            }
        }
        super::parallel::sort(&mut postings, threads);
        let mut group_of: Vec<Vec<u32>> = entries
            .iter()
            .map(|e| vec![0; e.prints.prints.len()])
            .collect();
        let mut members = Vec::with_capacity(total);
        let mut bounds = vec![0u32];
        let mut common = Vec::new();
        let common_units = (units / 2).max(COMMON_MIN_UNITS);
        let mut seen_units: Vec<u32> = Vec::new();
        let mut i = 0;
        while i < postings.len() {
            let hash = postings[i].0;
            let group = (bounds.len() - 1) as u32;
            seen_units.clear();
            while i < postings.len() && postings[i].0 == hash {
                let (_, d, p) = postings[i];
                if members.len() as u32 == *bounds.last().unwrap_or(&0)
                    || members.last() != Some(&d)
                {
                    members.push(d);
                    seen_units.push(unit[d as usize]);
                }
                if let Some(slot) = group_of
                    .get_mut(d as usize)
                    .and_then(|g| g.get_mut(p as usize))
                {
                    *slot = group;
                }
                i += 1;
            }
            bounds.push(members.len() as u32);
            seen_units.sort_unstable();
            seen_units.dedup();
            common.push(seen_units.len() > common_units);
        }
        Index {
            members,
            bounds,
            group_of,
            common,
            unit,
        }
    }

    fn group(&self, g: u32) -> &[u32] {
        let g = g as usize;
        match (self.bounds.get(g), self.bounds.get(g + 1)) {
            (Some(&a), Some(&b)) => self.members.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Reports that may share passages with `x`, most shared shingles first.
    fn candidates(&self, x: usize, scratch: &mut Scratch) -> Vec<u32> {
        // Every (shingle, other report) meeting, counted in a per-thread
        // table of reports (only the touched entries are read and reset).
        let Scratch { met, touched, .. } = scratch;
        if met.len() < self.unit.len() {
            met.resize(self.unit.len(), 0);
        }
        touched.clear();
        let xu = self.unit[x];
        for &g in self.group_of.get(x).map_or(&[][..], Vec::as_slice) {
            if self.common.get(g as usize).copied().unwrap_or(true) {
                continue;
            }
            let members = self.group(g);
            if members.len() < 2 {
                continue;
            }
            let at = members.binary_search(&(x as u32)).unwrap_or(0);
            let mut taken = 0;
            // The next reports after this one (wrapping), skipping the same
            // unit's, a bounded number of steps.
            for step in 1..members.len().min(4 * NEIGHBOURS + 1) {
                let other = members[(at + step) % members.len()];
                if self.unit[other as usize] == xu {
                    continue;
                }
                if let Some(n) = met.get_mut(other as usize) {
                    if *n == 0 {
                        touched.push(other);
                    }
                    *n += 1;
                }
                taken += 1;
                if taken == NEIGHBOURS {
                    break;
                }
            }
        }
        let mut ranked: Vec<(u32, u32)> = Vec::new();
        for &d in touched.iter() {
            if let Some(n) = met.get_mut(d as usize) {
                if *n >= 2 {
                    ranked.push((d, *n));
                }
                *n = 0;
            }
        }
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(CANDIDATES);
        ranked.into_iter().map(|(d, _)| d).collect()
    }

    /// The passages `x` shares with `y` and their share of `x`.
    fn verify(
        &self,
        entries: &[Entry<'_>],
        x: usize,
        y: u32,
        scratch: &mut Scratch,
    ) -> Option<CopyMatch> {
        let (ex, ey) = (entries.get(x)?, entries.get(y as usize)?);
        let gx = self.group_of.get(x)?;
        let gy = self.group_of.get(y as usize)?;
        // Where each of y's groups first occurs among its prints, in a
        // per-thread table of groups: a group is shared exactly when y has
        // a print in it. Reset before returning.
        let in_y = &mut scratch.in_y;
        if in_y.len() < self.common.len() {
            in_y.resize(self.common.len(), ABSENT);
        }
        for (j, &g) in gy.iter().enumerate().rev() {
            if let Some(slot) = in_y.get_mut(g as usize) {
                *slot = j as u32;
            }
        }
        let found = self.shared_passages(ex, ey, gx, y, in_y);
        for &g in gy {
            if let Some(slot) = in_y.get_mut(g as usize) {
                *slot = ABSENT;
            }
        }
        found
    }

    /// [`Index::verify`] with y's groups in `in_y`.
    fn shared_passages(
        &self,
        ex: &Entry<'_>,
        ey: &Entry<'_>,
        gx: &[u32],
        y: u32,
        in_y: &[u32],
    ) -> Option<CopyMatch> {
        let first_in_y = |g: u32| in_y.get(g as usize).copied().filter(|&j| j != ABSENT);
        let mut runs: Vec<(usize, usize)> = Vec::new(); // print indices, inclusive
        let mut open: Option<(usize, usize)> = None;
        for (i, (print, &g)) in ex.prints.prints.iter().zip(gx).enumerate() {
            let shared = first_in_y(g).is_some();
            match (shared, open) {
                (true, Some((a, b))) if (print.pos - ex.prints.prints[b].pos) as usize <= W => {
                    open = Some((a, i));
                }
                (true, _) => {
                    runs.extend(open);
                    open = Some((i, i));
                }
                (false, _) => {
                    runs.extend(open.take());
                }
            }
        }
        runs.extend(open);
        let prints = &ex.prints.prints;
        let run_len = |&(a, b): &(usize, usize)| (prints[b].pos - prints[a].pos) as usize + K;
        let mut long: Vec<(usize, usize)> = runs
            .into_iter()
            .filter(|r| run_len(r) >= MIN_PASSAGE)
            .collect();
        if long.is_empty() || ex.prints.len == 0 {
            return None;
        }
        let common: usize = long.iter().map(run_len).sum();
        let share = (common as f32 / ex.prints.len as f32).min(1.0);
        if share < MIN_SHARE {
            return None;
        }
        long.sort_by_key(|r| std::cmp::Reverse(run_len(r)));
        long.truncate(MAX_PASSAGES);
        long.sort_unstable();
        let find_in_y =
            |g: u32| first_in_y(g).and_then(|j| ey.prints.prints.get(j as usize).copied());
        let passages = long
            .iter()
            .map(|&(a, b)| {
                let here = CharRange::new(prints[a].start as usize, prints[b].end as usize);
                let there = match (find_in_y(gx[a]), find_in_y(gx[b])) {
                    (Some(s), Some(e)) if e.end > s.start => {
                        CharRange::new(s.start as usize, e.end as usize)
                    }
                    (Some(s), _) => CharRange::new(s.start as usize, s.end as usize),
                    _ => CharRange::new(0, 0),
                };
                Passage { here, there }
            })
            .collect();
        Some(CopyMatch {
            other: y as usize,
            share,
            passages,
        })
    }
}

/// For every entry, the reports of other units it shares long passages
/// with (largest share first, at most three), on `threads` threads.
pub fn find_copies(entries: &[Entry<'_>], threads: usize) -> Vec<Vec<CopyMatch>> {
    let index = Index::build(entries, threads);
    let docs: Vec<usize> = (0..entries.len()).collect();
    let mut out: Vec<Vec<CopyMatch>> = vec![Vec::new(); entries.len()];
    super::parallel::for_each(
        &docs,
        threads,
        &AtomicBool::new(false),
        |&x| {
            let mut matches: Vec<CopyMatch> = SCRATCH.with_borrow_mut(|scratch| {
                index
                    .candidates(x, scratch)
                    .into_iter()
                    .filter_map(|y| index.verify(entries, x, y, scratch))
                    .collect()
            });
            matches.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.other.cmp(&b.other)));
            matches.truncate(MAX_MATCHES);
            matches
        },
        |x, matches| {
            if let Some(slot) = out.get_mut(x) {
                *slot = matches;
            }
        },
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths of [`normalise`] (ASCII, the main CJK block, Chinese
    /// punctuation) answer as Unicode's tables do, for every character.
    #[test]
    fn normalise_agrees_with_unicode_for_every_character() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(
                normalise(c),
                normalise_by_tables(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    /// Deterministic filler text of `n` characters that no other call
    /// repeats (`seed` picks the stream).
    fn filler(seed: u64, n: usize) -> String {
        const HAN: &[char] = &[
            '法', '治', '政', '府', '建', '设', '行', '执', '复', '议', '规', '范', '性', '文',
            '件', '备', '案', '审', '查', '决', '策', '程', '序', '公', '开', '监', '督', '考',
            '核', '培', '训', '普', '宣', '传', '街', '道', '乡', '镇', '部', '门', '事', '项',
        ];
        let mut rng = crate::testing::XorShift::new(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        (0..n)
            .map(|i| {
                let pick = rng.below(HAN.len());
                if i % 23 == 22 { '，' } else { HAN[pick] }
            })
            .collect()
    }

    fn run(texts: &[(&str, &str)]) -> Vec<Vec<CopyMatch>> {
        let prints: Vec<Fingerprints> = texts
            .iter()
            .map(|(_, t)| Fingerprints::of_text(t))
            .collect();
        let entries: Vec<Entry<'_>> = texts
            .iter()
            .zip(&prints)
            .map(|((u, _), p)| Entry {
                unit: Some(u),
                prints: p,
            })
            .collect();
        find_copies(&entries, 2)
    }

    #[test]
    fn a_paragraph_copied_from_another_unit_is_found_with_its_place() {
        let copied = filler(99, 400);
        let a = format!("{}{}{}", filler(1, 1500), copied, filler(2, 1500));
        // The copy is rewrapped and repunctuated: still found.
        let rewrapped: String = copied
            .chars()
            .enumerate()
            .flat_map(|(i, c)| (i % 37 == 0).then_some('\n').into_iter().chain([c]))
            .collect();
        let b = format!("{}{}", filler(3, 800), rewrapped);
        let c = filler(4, 3000);
        let found = run(&[("甲区司法局", &a), ("乙镇人民政府", &b), ("丙街道", &c)]);
        assert_eq!(found[0].len(), 1, "{:?}", found[0]);
        assert_eq!(found[0][0].other, 1);
        assert_eq!(found[1][0].other, 0);
        assert!(found[2].is_empty());
        // About 400 of b's 1,200 letters are a's paragraph.
        let share = found[1][0].share;
        assert!((0.25..=0.36).contains(&share), "share {share}");
        let p = found[0][0].passages[0];
        let in_a: String = a.chars().skip(p.here.start).take(p.here.len()).collect();
        assert!(
            copied.contains(&in_a) && in_a.chars().count() > 350,
            "{in_a}"
        );
        let in_b: String = b.chars().skip(p.there.start).take(p.there.len()).collect();
        assert!(in_b.chars().filter(|c| *c != '\n').count() > 350);
    }

    #[test]
    fn the_same_units_other_years_and_shared_slogans_are_not_copies() {
        let slogans = [
            "深入学习贯彻习近平法治思想",
            "坚持以人民为中心的发展思想",
            "全面推进依法行政",
            "加快建设法治政府",
        ];
        let with_slogans = |seed: u64| {
            let mut s = String::new();
            for (i, slogan) in slogans.iter().cycle().take(12).enumerate() {
                s.push_str(&filler(seed * 100 + i as u64, 200));
                s.push_str(slogan);
            }
            s
        };
        let base = filler(7, 2000);
        let texts = [
            ("甲区", base.clone()),
            ("甲区人民政府", format!("{base}{}", filler(8, 100))),
            ("乙区", with_slogans(1)),
            ("丙区", with_slogans(2)),
        ];
        let refs: Vec<(&str, &str)> = texts.iter().map(|(u, t)| (*u, t.as_str())).collect();
        let found = run(&refs);
        assert!(found.iter().all(Vec::is_empty), "{found:?}");
    }

    #[test]
    fn a_corpus_of_five_reports_copied_sixty_times_each_finds_its_copies() {
        let bases: Vec<String> = (0..5).map(|b| filler(50 + b, 3000)).collect();
        let texts: Vec<(String, String)> = (0..300u64)
            .map(|i| {
                let base = &bases[(i % 5) as usize];
                (
                    format!("第{i}单位"),
                    format!("{}{base}", filler(1000 + i, 300)),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(u, t)| (u.as_str(), t.as_str()))
            .collect();
        let found = run(&refs);
        for (i, matches) in found.iter().enumerate() {
            assert!(!matches.is_empty(), "report {i} found no copy");
            assert!(matches.len() <= MAX_MATCHES);
            for m in matches {
                assert_eq!(m.other % 5, i % 5, "a copy of the same base");
                assert!(m.other != i && m.share > 0.8, "{m:?}");
            }
        }
    }

    /// The fingerprints as first computed (vectors of every letter's
    /// offset and every shingle's hash, a `VecDeque` for the queue).
    fn reference_of_text(text: &str) -> Fingerprints {
        const B: u64 = 0x0100_0000_01b3;
        let top = (1..K).fold(1u64, |p, _| p.wrapping_mul(B));
        let mut offsets: Vec<u32> = Vec::new();
        let mut hashes: Vec<u64> = Vec::new();
        let mut ring = [0u64; K];
        let mut h = 0u64;
        for (offset, c) in text.chars().enumerate() {
            let Some(c) = normalise(c) else { continue };
            let c = u64::from(u32::from(c));
            let i = offsets.len();
            if i >= K {
                h = h.wrapping_sub(ring[i % K].wrapping_mul(top));
            }
            ring[i % K] = c;
            h = h.wrapping_mul(B).wrapping_add(c);
            if i + 1 >= K {
                hashes.push(mix(h));
            }
            offsets.push(offset as u32);
        }
        let len = offsets.len() as u32;
        if offsets.len() < K {
            return Fingerprints {
                prints: Vec::new(),
                len,
            };
        }
        let window = W.min(hashes.len());
        let mut queue = std::collections::VecDeque::<usize>::new();
        let mut prints = Vec::new();
        let mut last: Option<usize> = None;
        for (i, &hash) in hashes.iter().enumerate() {
            while queue.back().is_some_and(|&j| hashes[j] >= hash) {
                queue.pop_back();
            }
            queue.push_back(i);
            if queue.front().is_some_and(|&j| j + window <= i) {
                queue.pop_front();
            }
            if i + 1 >= window
                && let Some(&j) = queue.front()
                && last != Some(j)
            {
                last = Some(j);
                prints.push(Print {
                    hash: hashes[j],
                    pos: j as u32,
                    start: offsets[j],
                    end: offsets[j + K - 1] + 1,
                });
            }
        }
        Fingerprints { prints, len }
    }

    /// Texts of every length around K and K + W, with punctuation, spaces,
    /// Latin letters and repeats (equal hashes), and the sample reports,
    /// give the fingerprints of the first version.
    #[test]
    fn fingerprints_are_those_of_the_first_version() {
        let pieces = [
            "法",
            "治",
            "，",
            " ",
            "Ａ",
            "b",
            "1",
            "法治",
            "。\n",
            "依法行政",
        ];
        let mut rng = crate::testing::XorShift::new(5);
        for _ in 0..3000 {
            let n = rng.below(80);
            let text: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            assert_eq!(
                Fingerprints::of_text(&text),
                reference_of_text(&text),
                "{text}"
            );
        }
        for n in 0..60 {
            let text = filler(3, n);
            assert_eq!(
                Fingerprints::of_text(&text),
                reference_of_text(&text),
                "{n}"
            );
            let same = "法".repeat(n);
            assert_eq!(
                Fingerprints::of_text(&same),
                reference_of_text(&same),
                "{n}"
            );
        }
        let text = filler(9, 20_000);
        assert_eq!(Fingerprints::of_text(&text), reference_of_text(&text));
        for report in [
            include_str!("../../sample_reports/zhanjiang-etdz_2020.txt"),
            include_str!("../../sample_reports/zhanjiang-etdz_2022.txt"),
            include_str!("../../sample_reports/zhanhe_2020.txt"),
            include_str!("../../sample_reports/xiashan_2019.txt"),
            include_str!("../../sample_reports/yingzai_2025.txt"),
        ] {
            let text = crate::document::clean::clean(report).text;
            let prints = Fingerprints::of_text(&text);
            assert!(prints.prints.len() > 100, "{}", prints.prints.len());
            assert_eq!(prints, reference_of_text(&text));
        }
    }

    #[test]
    fn short_or_empty_texts_have_no_fingerprints() {
        assert!(Fingerprints::of_text("").is_empty());
        assert!(Fingerprints::of_text("短文本，。").is_empty());
        let p = Fingerprints::of_text(&filler(1, 1000));
        // About 2 / (W + 1) of the shingles are kept.
        let kept = p.prints.len() as f32 / 1000.0;
        assert!((0.07..0.18).contains(&kept), "{kept}");
    }
}
