//! Evidence finding: for every checklist item, the sentences that answer it,
//! ranked by strength and an explainable score, with a suggested status and
//! a one-line reason.
//!
//! Scoring is BM25 over sentences: each framework keyword (and its synonyms)
//! found as a word in a sentence adds `weight × idf × saturation(tf)`;
//! keywords inside names, cited 《titles》 and joined task titles do not
//! count, and a match nested inside a longer matched term does not count.
//! Section context then applies: evidence must lie in the item's part of the
//! report (achievements, 不足, plans), a heading above the sentence that
//! names the item adds a bonus, and a sentence mainly about another item
//! counts less. Each passage is then judged ([`Strength`]): concrete work,
//! general (slogan, lead-in, principle) or a mere mention (in passing, in a
//! list of tasks, thinly) — see [`super::statement`] for the sentence kinds.
//! Evidence is ranked strongest first, and the status follows the strongest
//! quote. docs/QUALITY.md has the measured precision.

// The maps here are looked up for every candidate sentence of every item
// (heading terms, rival scores); SipHash there cost about 2 % of a
// report's analysis. Their keys are positions and framework words.
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex};

use super::keyword_trie::KeywordTrie;
use super::statement::{self, Statement, StatementKind};
use super::{Analysis, AutoStatus, Evidence, ItemResult, Reason, Strength, Weakness};
use crate::document::Document;
use crate::framework::{Framework, Item, Keyword, Scope};
use crate::segment::{LazyBoundaries, Segmenter};
use crate::structure::{PartFound, PartId};
use crate::text::{CharRange, fold_full_width};

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation (sentences vary a lot in length).
const B: f32 = 0.5;
/// A sentence scoring below this is not evidence.
const MIN_EVIDENCE: f32 = 2.0;
/// Top evidence at or above this makes an item partly covered.
const PARTIAL: f32 = 3.0;
/// Top evidence at or above this (with a second passage) makes an item covered.
const COVERED: f32 = 6.0;
/// Top evidence at or above this alone makes an item covered.
const COVERED_SINGLE: f32 = 10.0;
/// Evidence passages kept per item.
const KEEP: usize = 8;
/// A keyword this heavy (found as a whole word) is decisive on its own.
const STRONG: f32 = 2.5;
/// A passage with neither a decisive keyword nor two different keywords
/// mentions the topic only in passing: its score is scaled by this.
const PASSING: f32 = 0.3;
/// A concrete passage scoring below this is thinly about the item.
const THIN: f32 = 6.0;
/// Keywords this long (characters) count even where the segmenter does not
/// cut the text at both their ends.
const LONG_TERM: usize = 4;
/// Longest enumeration title (characters) treated as a bare task name.
const MAX_TITLE: usize = 30;

/// What analysing reports against one list of frameworks shares: their
/// keyword tables and one automaton for all of them ([`Analyzer::prepare`]).
pub(crate) struct Prepared {
    /// The frameworks' ids, in order.
    ids: Vec<String>,
    keywords: Vec<Arc<Keywords>>,
    matcher: Arc<KeywordMatcher>,
}

/// Builds the segmenter once and analyses documents with it. Building takes
/// a noticeable time (the dictionary), so the GUI creates it off the UI thread.
pub struct Analyzer {
    segmenter: Segmenter,
    /// Each framework's keyword tables, collected once, by framework id:
    /// every version seen of it with what it was built from, so an edited
    /// framework with the same id gets its own.
    keywords: Mutex<HashMap<String, Vec<KeywordVersion>>>,
    /// One automaton for all the keywords of each set of frameworks
    /// analysed together (building it costs more than matching a whole
    /// report), keyed by their tables' addresses, which the cache above
    /// keeps alive: a report is then searched once, not once per framework.
    matchers: Mutex<HashMap<Vec<usize>, Arc<KeywordMatcher>>>,
}

impl Analyzer {
    /// Builds the analyzer with the built-in frameworks' terms in the
    /// segmentation dictionary.
    pub fn new() -> Self {
        Self::with_frameworks(&crate::framework::load::builtin())
    }

    /// Builds the analyzer with the terms of `frameworks` in the dictionary.
    pub fn with_frameworks(frameworks: &[Framework]) -> Self {
        Analyzer {
            segmenter: Segmenter::new(frameworks.iter().flat_map(Framework::terms)),
            keywords: Mutex::new(HashMap::default()),
            matchers: Mutex::new(HashMap::default()),
        }
    }

    /// Adds a framework loaded after the analyzer was built (a user file,
    /// imported work points): its terms join the segmentation dictionary.
    pub fn add_framework(&mut self, framework: &Framework) {
        self.segmenter.add_terms(framework.terms());
    }

    /// The keywords of `fw`, from the cache or collected now.
    fn keywords_of(&self, fw: &Framework) -> Arc<Keywords> {
        // A poisoned lock only means another analysis panicked; the cache
        // itself is still consistent (entries are inserted whole).
        let mut cache = self.keywords.lock().unwrap_or_else(|e| e.into_inner());
        let versions = cache.entry(fw.id.clone()).or_default();
        if let Some((_, keywords)) = versions.iter().find(|(source, _)| source.is_of(fw)) {
            return Arc::clone(keywords);
        }
        let keywords = Arc::new(Keywords::new(fw));
        versions.push((KeywordSource::of(fw), Arc::clone(&keywords)));
        keywords
    }

    /// The automaton matching every keyword of the frameworks whose tables
    /// are `keywords` (in the order they are analysed), cached like them.
    fn matcher_of(&self, keywords: &[Arc<Keywords>]) -> Arc<KeywordMatcher> {
        let key: Vec<usize> = keywords.iter().map(|k| Arc::as_ptr(k) as usize).collect();
        let mut cache = self.matchers.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(
            cache
                .entry(key)
                .or_insert_with(|| Arc::new(KeywordMatcher::new(keywords))),
        )
    }

    /// The segmenter (for search and work-point import).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Analyses `doc` against `frameworks`.
    pub fn analyse(&self, doc: &Document, frameworks: &[&Framework]) -> Analysis {
        self.analyse_prepared(doc, frameworks, &self.prepare(frameworks))
    }

    /// The keyword tables and automaton for `frameworks`, for analysing many
    /// reports against them ([`Analyzer::analyse_prepared`]). Finding them
    /// in the caches compares every keyword of every framework, which cost
    /// about a twentieth of a report's analysis in a batch.
    pub(crate) fn prepare(&self, frameworks: &[&Framework]) -> Prepared {
        let keywords: Vec<Arc<Keywords>> =
            frameworks.iter().map(|fw| self.keywords_of(fw)).collect();
        let matcher = self.matcher_of(&keywords);
        Prepared {
            ids: frameworks.iter().map(|fw| fw.id.clone()).collect(),
            keywords,
            matcher,
        }
    }

    /// Analyses `doc` against `frameworks` with `prepared`, made by
    /// [`Analyzer::prepare`] from the same frameworks unchanged since (the
    /// caller's promise; frameworks with other ids are prepared afresh).
    pub(crate) fn analyse_prepared(
        &self,
        doc: &Document,
        frameworks: &[&Framework],
        prepared: &Prepared,
    ) -> Analysis {
        if !prepared.ids.iter().eq(frameworks.iter().map(|fw| &fw.id)) {
            return self.analyse(doc, frameworks);
        }
        let units = Units::new(doc, &self.segmenter);
        let keywords = prepared.keywords.clone();
        let matcher = Arc::clone(&prepared.matcher);
        let mut found = matcher.matches(&units.folded, frameworks.len());
        let mut items = Vec::new();
        // Who else mentions a sentence: (unit range, top-level item, raw score),
        // for placing indicators whose sentence is not in any top evidence list.
        let mut mentions: Vec<(CharRange, String, f32)> = Vec::new();
        for (position, (fw, keywords)) in frameworks.iter().zip(keywords).enumerate() {
            let table = TermTable::new(keywords, Arc::clone(&matcher), position);
            let matches = found
                .get_mut(position)
                .map(std::mem::take)
                .unwrap_or_default();
            let hits = table.scan(&units, matches);
            let postings = units_of_terms(&hits, table.terms.len());
            let walked = walk_with_parent(fw);
            let excludes = inherited(&walked, |i| &i.exclude);
            let requires = inherited(&walked, |i| &i.require);
            let base: Vec<Vec<Candidate>> = walked
                .iter()
                .zip(excludes.iter().zip(&requires))
                .map(|((item, _, _), (exclude, require))| {
                    let words = Words { exclude, require };
                    let scan = Scan {
                        hits: &hits,
                        postings: &postings,
                    };
                    self.candidates(doc, &units, fw, &table, scan, item, words)
                })
                .collect();
            let competition = Competition::new(&walked, &base, units.list.len(), fw.id == "DC");
            if fw.id != "DC" {
                for ((item, depth, _), cands) in walked.iter().zip(&base) {
                    if *depth == 0 {
                        mentions.extend(cands.iter().filter_map(|c| {
                            units
                                .list
                                .get(c.unit)
                                .map(|u| (u.range, item.id.clone(), c.raw))
                        }));
                    }
                }
            }
            let first = items.len();
            for (idx, (item, depth, parent)) in walked.iter().enumerate() {
                let cands = base.get(idx).map_or(&[][..], Vec::as_slice);
                items.push(self.item_result(
                    doc,
                    &units,
                    fw,
                    &table,
                    cands,
                    &competition,
                    idx,
                    item,
                    *depth,
                    *parent,
                ));
            }
            if let Some(framework_items) = items.get_mut(first..) {
                parents_follow_children(framework_items);
            }
        }
        let mut indicators = super::indicators::extract_indicators(&doc.text);
        assign_indicators(&mut indicators, &items, &mentions);
        Analysis {
            frameworks: frameworks.iter().map(|f| f.id.clone()).collect(),
            items,
            indicators,
        }
    }

    /// Every unit in the item's scope that mentions one of its keywords,
    /// with its BM25 score (before context).
    fn candidates(
        &self,
        doc: &Document,
        units: &Units,
        fw: &Framework,
        table: &TermTable,
        scan: Scan<'_>,
        item: &Item,
        words: Words<'_>,
    ) -> Vec<Candidate> {
        let weights = table.item_weights.get(&item.id);
        let part = (fw.id == "DC").then(|| PartId::parse(&item.id)).flatten();
        // Only units holding one of the item's terms can score: the others
        // are not looked at (most units are about other items).
        let mut with_terms: Vec<usize> = weights
            .map(|w| {
                w.terms
                    .iter()
                    .filter_map(|t| scan.postings.get(*t))
                    .flatten()
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        with_terms.sort_unstable();
        with_terms.dedup();
        let mut out = Vec::new();
        for ui in with_terms {
            let Some(unit) = units.list.get(ui) else {
                continue;
            };
            match part {
                Some(p) => {
                    let inside = doc
                        .structure
                        .part(p)
                        .is_some_and(|p| p.ranges.iter().any(|r| r.contains(unit.sentence_start)));
                    if !inside {
                        continue;
                    }
                }
                None => {
                    if !in_scope(item.scope, unit.part) {
                        continue;
                    }
                }
            }
            if !words.exclude.is_empty() || !words.require.is_empty() {
                let text = unit.text(doc);
                if words.exclude.iter().any(|x| text.contains(x)) {
                    continue;
                }
                if !words.require.is_empty()
                    && !words.require.iter().any(|w| {
                        text.contains(w) || unit.context.iter().any(|c| doc.slice(*c).contains(w))
                    })
                {
                    continue;
                }
            }
            let (raw, passing, listed, matched) = bm25(
                scan.hits.get(ui).map_or(&[][..], Vec::as_slice),
                weights,
                table,
                units,
                unit.len,
            );
            // Criminal cases are the work of police, procuratorates and
            // courts; they count only for items on the government's part
            // in litigation (出庭应诉, 复议, 执行生效裁判).
            if unit.statement.judicial
                && !matched
                    .iter()
                    .filter_map(|t| table.terms.get(*t))
                    .any(|m| statement::GOVERNMENT_PART.iter().any(|g| m.contains(g)))
            {
                continue;
            }
            if raw > 0.0 {
                out.push(Candidate {
                    unit: ui,
                    raw,
                    passing,
                    listed,
                    matched,
                });
            }
        }
        out
    }

    fn item_result(
        &self,
        doc: &Document,
        units: &Units,
        fw: &Framework,
        table: &TermTable,
        candidates: &[Candidate],
        competition: &Competition,
        idx: usize,
        item: &Item,
        depth: usize,
        parent: Option<&str>,
    ) -> ItemResult {
        let weights = table.item_weights.get(&item.id);
        let part = (fw.id == "DC").then(|| PartId::parse(&item.id)).flatten();
        // Shortcomings and plans report no acts: there a specific problem or
        // measure is what a reviewer calls concrete.
        let prospective = match part {
            Some(p) => matches!(p, PartId::DC2 | PartId::DC4),
            None => matches!(item.scope, Scope::Shortcomings | Scope::Plans),
        };
        let mut scored: Vec<Scored> = Vec::new();
        for c in candidates {
            let Some(unit) = units.list.get(c.unit) else {
                continue;
            };
            let heading_bonus = unit
                .context
                .iter()
                .map(|r| context_score(doc, *r, weights, table))
                .fold(0.0f32, f32::max);
            let mut score = c.raw
                * (1.0 + 0.25 * heading_bonus.min(4.0))
                * unit.factor
                * competition.factor(idx, c);
            if c.passing {
                // A passing mention is shown, but never makes an item covered.
                score = score.min(PARTIAL * 0.99);
            }
            let (mut strength, mut weakness) = judge(unit, c, score, prospective);
            if strength > Strength::Mention && competition.outranked(idx, c) {
                strength = Strength::Mention;
                weakness = Some(Weakness::AboutAnother);
            }
            // Concrete, but thinly about this item: concrete about
            // something else. It ranks with the general passages.
            // Thin and not concrete: a mention.
            if strength == Strength::Concrete && score < THIN {
                strength = Strength::General;
                weakness = Some(Weakness::Passing);
            } else if strength == Strength::General && score < THIN {
                strength = Strength::Mention;
                weakness = weakness.or(Some(Weakness::Passing));
            }
            scored.push(Scored {
                unit: c.unit,
                score,
                matched: &c.matched,
                strength,
                weakness,
                // A concrete sentence naming the item with one minor
                // keyword ("区长出庭出声2次") backs stronger quotes.
                supports: c.passing && unit.statement.kind == StatementKind::Concrete,
            });
        }
        scored.retain(|s| s.score >= MIN_EVIDENCE || part.is_some());
        // Strongest first, then by score: the top quote is the strongest.
        scored.sort_by(|a, b| {
            b.strength
                .cmp(&a.strength)
                .then(b.score.total_cmp(&a.score))
        });
        // Fewer, better quotes: concrete ones, with general ones only to
        // make up three; mentions only when there is nothing else.
        let best = scored.first().map_or(Strength::Mention, |s| s.strength);
        let keep = |s: &Scored, rank: usize| match best {
            Strength::Concrete => {
                s.strength == Strength::Concrete
                    || rank < 3 && (s.strength == Strength::General || s.supports)
            }
            Strength::General => rank < 3 && s.strength == Strength::General,
            _ => rank < 2,
        };
        let kept: Vec<&Scored> = scored
            .iter()
            .enumerate()
            .filter(|(rank, s)| keep(s, *rank))
            .map(|(_, s)| s)
            .take(KEEP)
            .collect();
        let evidence: Vec<Evidence> = kept
            .iter()
            .filter_map(|s| {
                let unit = units.list.get(s.unit)?;
                Some(Evidence {
                    range: unit.range,
                    quote: unit.text(doc).to_string(),
                    score: round2(s.score),
                    matched: s
                        .matched
                        .iter()
                        .filter_map(|t| table.terms.get(*t).cloned())
                        .collect(),
                    strength: s.strength,
                })
            })
            .collect();
        let top_weakness = kept.first().and_then(|s| s.weakness);
        let (status, reason) = match part {
            Some(p) => self.part_status(doc, p, &evidence),
            None => self.status(item, &evidence, top_weakness, table),
        };
        let top: f32 = evidence.iter().take(3).map(|e| e.score).sum();
        let score = if status == AutoStatus::Missing {
            0.0
        } else {
            round2(100.0 * (1.0 - (-top / 20.0).exp()))
        };
        ItemResult {
            id: item.id.clone(),
            framework: fw.id.clone(),
            title: item.title.clone(),
            parent: parent.map(str::to_string),
            depth,
            weight: item.weight,
            status,
            score,
            reason,
            evidence,
        }
    }

    fn status(
        &self,
        item: &Item,
        evidence: &[Evidence],
        weakness: Option<Weakness>,
        table: &TermTable,
    ) -> (AutoStatus, Reason) {
        let mut terms: Vec<String> = Vec::new();
        for e in evidence {
            for m in &e.matched {
                if !terms.contains(m) {
                    terms.push(m.clone());
                }
            }
        }
        terms.truncate(4);
        let Some(top) = evidence.first() else {
            let examples = table
                .top_terms(&item.id, 3)
                .into_iter()
                .map(str::to_string)
                .collect();
            return (AutoStatus::Missing, Reason::NothingFound { examples });
        };
        let concrete = evidence
            .iter()
            .filter(|e| e.strength == Strength::Concrete)
            .count();
        match top.strength {
            Strength::Concrete => {
                // Covered needs a concrete quote strong on its own, or one
                // backed by a second passage.
                let second = evidence.iter().skip(1).any(|e| e.score >= COVERED * 0.5);
                let best = evidence
                    .iter()
                    .filter(|e| e.strength == Strength::Concrete)
                    .map(|e| e.score)
                    .fold(0.0f32, f32::max);
                let covered = best >= COVERED_SINGLE || (best >= COVERED && second);
                let status = if covered {
                    AutoStatus::Covered
                } else {
                    AutoStatus::Partial
                };
                (
                    status,
                    Reason::Mentions {
                        passages: evidence.len(),
                        terms,
                        weak: !covered,
                        concrete,
                        weakness: None,
                    },
                )
            }
            Strength::General => (
                AutoStatus::Partial,
                Reason::Mentions {
                    passages: evidence.len(),
                    terms,
                    weak: true,
                    concrete: 0,
                    weakness: Some(weakness.unwrap_or(Weakness::NoAct)),
                },
            ),
            Strength::Mention | Strength::Unrated => (
                AutoStatus::Missing,
                Reason::OnlyNamed {
                    passages: evidence.len(),
                    terms,
                    weakness: weakness.unwrap_or(Weakness::Passing),
                },
            ),
        }
    }

    fn part_status(
        &self,
        doc: &Document,
        part: PartId,
        evidence: &[Evidence],
    ) -> (AutoStatus, Reason) {
        let Some(p) = doc.structure.part(part).filter(|p| p.present) else {
            return (AutoStatus::Missing, Reason::PartMissing);
        };
        let heading = p
            .ranges
            .first()
            .and_then(|r| {
                doc.structure
                    .headings
                    .iter()
                    .find(|h| h.range.start == r.start)
            })
            .map(|h| format!("{}{}", h.numbering, h.text));
        match (p.found, heading) {
            (PartFound::Heading, Some(heading)) => {
                (AutoStatus::Covered, Reason::PartUnderHeading { heading })
            }
            (PartFound::Heading | PartFound::TopicalSections, _) => {
                (AutoStatus::Covered, Reason::PartInTopicalSections)
            }
            _ => (
                AutoStatus::Partial,
                Reason::PartInText {
                    passages: evidence.len(),
                },
            ),
        }
    }
}

fn status_rank(s: AutoStatus) -> u8 {
    match s {
        AutoStatus::Missing => 0,
        AutoStatus::Partial => 1,
        AutoStatus::Covered => 2,
    }
}

/// A parent item is at least as covered as its best sub-item: work reported
/// on a sub-item is work on the parent. A parent raised so takes its reason
/// from the children and, if it had none, their top quotes. Deepest first,
/// so grandchildren reach the top.
fn parents_follow_children(items: &mut [ItemResult]) {
    for i in (0..items.len()).rev() {
        let Some(id) = items.get(i).map(|it| it.id.clone()) else {
            continue;
        };
        let children: Vec<&ItemResult> = items
            .iter()
            .filter(|c| c.parent.as_deref() == Some(id.as_str()))
            .collect();
        let Some(best) = children
            .iter()
            .map(|c| c.status)
            .max_by_key(|s| status_rank(*s))
        else {
            continue;
        };
        let covered = children
            .iter()
            .filter(|c| c.status == AutoStatus::Covered)
            .count();
        let partial = children
            .iter()
            .filter(|c| c.status == AutoStatus::Partial)
            .count();
        let of = children.len();
        let mut quotes: Vec<Evidence> = children
            .iter()
            .filter(|c| c.status == best)
            .filter_map(|c| c.evidence.first().cloned())
            .collect();
        quotes.sort_by(|a, b| {
            b.strength
                .cmp(&a.strength)
                .then(b.score.total_cmp(&a.score))
        });
        quotes.dedup_by_key(|e| e.range);
        quotes.truncate(3);
        let child_score = children.iter().map(|c| c.score).fold(0.0f32, f32::max);
        let Some(item) = items.get_mut(i) else {
            continue;
        };
        if status_rank(best) <= status_rank(item.status) {
            continue;
        }
        item.status = best;
        item.reason = Reason::FromChildren {
            covered,
            partial,
            of,
        };
        let own_strength = item
            .evidence
            .first()
            .map_or(Strength::Unrated, |e| e.strength);
        let child_strength = quotes.first().map_or(Strength::Unrated, |e| e.strength);
        if item.evidence.is_empty() || child_strength > own_strength {
            item.evidence = quotes;
        }
        item.score = item.score.max(child_score);
    }
}

/// One candidate passage of an item, scored and judged.
struct Scored<'a> {
    unit: usize,
    score: f32,
    /// The candidate's matched terms (indices into the term table).
    matched: &'a [usize],
    strength: Strength,
    weakness: Option<Weakness>,
    supports: bool,
}

/// How strongly a candidate passage shows work on its item, and if weakly,
/// why. A passage that names the item only in passing, only in a list of
/// tasks, or scores thinly is a mention; one on the item without a
/// concrete act (a slogan, a lead-in, a statement of principle) is general.
fn judge(
    unit: &Unit,
    c: &Candidate,
    score: f32,
    prospective: bool,
) -> (Strength, Option<Weakness>) {
    let kind = unit.statement.kind;
    if c.passing {
        return (Strength::Mention, Some(Weakness::Passing));
    }
    if c.listed {
        return match kind {
            StatementKind::Concrete => (Strength::General, Some(Weakness::Listed)),
            _ => (Strength::Mention, Some(Weakness::Listed)),
        };
    }
    if score < PARTIAL {
        return (Strength::Mention, Some(Weakness::Passing));
    }
    match kind {
        StatementKind::Concrete => (Strength::Concrete, None),
        StatementKind::Plain if prospective && unit.len >= 12.0 => (Strength::Concrete, None),
        StatementKind::Slogan => (Strength::General, Some(Weakness::Slogan)),
        StatementKind::LeadIn => (Strength::General, Some(Weakness::LeadIn)),
        StatementKind::Plain => (Strength::General, Some(Weakness::NoAct)),
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

/// Items of a framework in checklist order with their depth and parent id.
fn walk_with_parent(fw: &Framework) -> Vec<(&Item, usize, Option<&str>)> {
    let mut out = Vec::new();
    fn rec<'a>(
        items: &'a [Item],
        depth: usize,
        parent: Option<&'a str>,
        out: &mut Vec<(&'a Item, usize, Option<&'a str>)>,
    ) {
        for item in items {
            out.push((item, depth, parent));
            rec(&item.children, depth + 1, Some(&item.id), out);
        }
    }
    rec(&fw.items, 0, None, &mut out);
    out
}

/// An item's word conditions on its evidence (see [`Item::exclude`] and
/// [`Item::require`]), its ancestors' included.
#[derive(Clone, Copy)]
struct Words<'a> {
    exclude: &'a [&'a str],
    require: &'a [&'a str],
}

/// Each walked item's word list with its ancestors': a sub-item refines its
/// parent's topic, so what shows a sentence is about something else for the
/// parent (全社会, 群众 for officials' 学法) does so for its sub-items too.
fn inherited<'a>(
    walked: &[(&'a Item, usize, Option<&str>)],
    list: impl Fn(&'a Item) -> &'a Vec<String>,
) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&'a str>> = Vec::with_capacity(walked.len());
    for (i, (item, _, parent)) in walked.iter().enumerate() {
        let mut words: Vec<&'a str> = parent
            .and_then(|p| walked[..i].iter().rposition(|(it, _, _)| it.id == p))
            .and_then(|j| out.get(j).cloned())
            .unwrap_or_default();
        words.extend(list(item).iter().map(String::as_str));
        out.push(words);
    }
    out
}

fn in_scope(scope: Scope, part: Option<PartId>) -> bool {
    match scope {
        Scope::Achievements | Scope::Leadership => {
            !matches!(part, Some(PartId::DC2 | PartId::DC4 | PartId::DC5))
        }
        Scope::Shortcomings => part == Some(PartId::DC2),
        Scope::Plans => part == Some(PartId::DC4),
        Scope::Other => part == Some(PartId::DC5),
        Scope::Anywhere => true,
    }
}

/// A unit of evidence: one sentence that is not a bare heading.
struct Unit {
    range: CharRange,
    /// `range` in bytes of the clean text, so the unit's text is a slice.
    bytes: (usize, usize),
    /// Where the sentence itself starts: `range` may begin earlier, at the
    /// enumeration title joined to it, which can lie in another part.
    sentence_start: usize,
    /// Characters of the enumeration title joined at the start: a task
    /// name, context for the sentence but not evidence itself.
    title_len: usize,
    len: f32,
    part: Option<PartId>,
    /// Text that governs the unit: the headings of its sections and the
    /// title of its enumeration item ("一是部署落实法治政府建设各项任务。").
    context: Vec<CharRange>,
    /// Multiplier for the kind of statement (concrete, slogan, preamble, judicial).
    factor: f32,
    /// What kind of statement the unit is, before any item is considered.
    statement: Statement,
}

struct Units<'a> {
    list: Vec<Unit>,
    avg_len: f32,
    /// Word boundaries, segmented only where a keyword is found.
    boundaries: LazyBoundaries<'a>,
    /// The document's characters width-folded, searched once for all frameworks.
    folded: Vec<char>,
}

impl<'a> Units<'a> {
    fn new(doc: &'a Document, seg: &'a Segmenter) -> Units<'a> {
        let s = &doc.structure;
        let boundaries = seg.lazy_boundaries(&doc.text);
        let first_heading = s.headings.first().map_or(0, |h| h.range.start);
        // Enumeration items open with a short title sentence ("一是梳理行政执法
        //权力清单。"): a bare task name, not evidence, but context for the rest.
        let mut titles: Vec<(CharRange, CharRange)> = Vec::new(); // (title, item)
        for e in &s.enumerations {
            // Only an item that goes on after its first sentence has a title.
            let sentences = s.sentences_in(e.range);
            if let Some(first) = sentences.first()
                && sentences.len() >= 2
                && first.range.start <= e.range.start + 1
                && first.range.len() <= MAX_TITLE
            {
                titles.push((first.range, e.range));
            }
        }
        let mut list = Vec::with_capacity(s.sentences.len());
        // Whether a heading or title speaks of criminal cases: the same few
        // govern every sentence below them.
        let mut criminal_context: HashMap<CharRange, bool> = HashMap::default();
        // A title joins the first sentence of its item: "二是落实自查。10月，组织…".
        let mut pending_title: Option<(CharRange, CharRange)> = None;
        for sentence in &s.sentences {
            let mut r = sentence.range;
            let mut title_len = 0;
            if let Some((title, item)) = pending_title.take()
                && title.end == r.start
                && item.contains(r.start)
            {
                r = CharRange::new(title.start, r.end);
                title_len = title.len();
            }
            let text = doc.slice(r);
            let content = text.trim_end_matches(statement::SENTENCE_ENDS);
            let n = content.chars().count();
            if n < 6 {
                continue;
            }
            // A bare heading or task name is not evidence of work done.
            let paragraph = s.paragraphs.get(sentence.paragraph);
            let heading = paragraph
                .and_then(|p| p.heading)
                .and_then(|h| s.headings.get(h));
            if heading.is_some_and(|h| r.start <= h.range.start + 1 && h.range.end + 1 >= r.end) {
                continue;
            }
            if let Some(t) = titles.iter().find(|(t, _)| *t == r) {
                pending_title = Some(*t);
                continue;
            }
            let mut context: Vec<CharRange> = s
                .section_path(r.start)
                .iter()
                .filter_map(|h| s.headings.get(*h))
                .map(|h| h.text_range)
                .collect();
            context.extend(
                titles
                    .iter()
                    .filter(|(_, item)| item.contains(r.start))
                    .map(|(t, _)| *t),
            );
            // The report's frame is not evidence of work: its title, the
            // 主送 line and the 落款 (unit and date).
            if is_frame(doc, r, content, first_heading) {
                continue;
            }
            // The sentence's characters are the document's: not collected
            // again for every sentence.
            let content_chars = boundaries.chars().get(r.start..r.start + n).unwrap_or(&[]);
            let mut statement = statement::classify_content(content, content_chars);
            // Under a heading on criminal cases (扫黑除恶), the sentences
            // are that work even when they do not say so.
            statement.judicial |= context.iter().any(|c| {
                *criminal_context
                    .entry(*c)
                    .or_insert_with(|| statement::is_criminal(doc.slice(*c)))
            });
            let mut factor: f32 = 1.0;
            match statement.kind {
                StatementKind::Concrete => factor *= 1.15,
                StatementKind::Slogan => factor *= 0.6,
                StatementKind::LeadIn | StatementKind::Plain => {}
            }
            if statement.names_justice {
                factor *= 0.5;
            }
            if r.start < first_heading {
                factor *= 0.6;
            }
            list.push(Unit {
                range: r,
                bytes: (
                    doc.index.byte_of(&doc.text, r.start),
                    doc.index.byte_of(&doc.text, r.end),
                ),
                sentence_start: sentence.range.start,
                title_len,
                len: n as f32,
                part: s.part_at(sentence.range.start),
                context,
                factor,
                statement,
            });
        }
        let avg_len = if list.is_empty() {
            1.0
        } else {
            list.iter().map(|u| u.len).sum::<f32>() / list.len() as f32
        };
        // From the characters the lazy segmentation already holds, instead
        // of decoding the text once more.
        let folded = boundaries
            .chars()
            .iter()
            .map(|&c| fold_full_width(c))
            .collect();
        Units {
            list,
            avg_len,
            boundaries,
            folded,
        }
    }
}

impl Unit {
    /// The unit's text.
    fn text<'a>(&self, doc: &'a Document) -> &'a str {
        doc.text.get(self.bytes.0..self.bytes.1).unwrap_or("")
    }
}

/// The title line, a 主送 line ("区委、区政府：") before the first heading,
/// or a 落款 (a short line ending with a date, or the reporting unit alone).
fn is_frame(doc: &Document, r: CharRange, content: &str, first_heading: usize) -> bool {
    let meta = &doc.structure.metadata;
    if meta
        .title_range
        .is_some_and(|t| t.start < r.end && r.start < t.end)
    {
        return true;
    }
    let n = content.chars().count();
    if r.start < first_heading && n <= 40 && content.trim_end().ends_with(['：', ':']) {
        return true;
    }
    if n <= 40 && crate::text::ends_with_date(content.trim_end()) {
        return true;
    }
    meta.unit.as_deref().is_some_and(|u| content.trim() == u)
}

/// A framework's keyword hits in one document: per unit, and per term the
/// units it occurs in.
#[derive(Clone, Copy)]
struct Scan<'a> {
    hits: &'a [Vec<Hit>],
    postings: &'a [Vec<usize>],
}

/// Term index → the units (ascending) holding a hit of it.
fn units_of_terms(hits: &[Vec<Hit>], terms: usize) -> Vec<Vec<usize>> {
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); terms];
    for (ui, unit_hits) in hits.iter().enumerate() {
        for h in unit_hits {
            if let Some(p) = postings.get_mut(h.term)
                && p.last() != Some(&ui)
            {
                p.push(ui);
            }
        }
    }
    postings
}

/// One keyword occurrence in a unit: a whole word, or a long term (see
/// [`TermTable::scan`]).
#[derive(Debug, Clone, Copy)]
struct Hit {
    term: usize,
    /// Inside a list of tasks ("公众参与、专家论证、风险评估").
    listed: bool,
}

/// All keyword strings of one framework.
struct Keywords {
    /// Canonical terms (a keyword's `term`).
    terms: Vec<String>,
    /// Every string that finds a term (terms and synonyms, width-folded,
    /// each once), with its term index.
    patterns: Vec<(String, usize)>,
    /// Item id → its terms' weights (own keywords plus descendants').
    item_weights: HashMap<String, ItemWeights>,
}

/// One item's term weights, by term index: looked up for every keyword hit
/// of every unit for every item, so a dense table rather than a hash map.
#[derive(Debug, Default)]
struct ItemWeights {
    /// Term index → weight; `None` for terms that are not the item's.
    by_term: Vec<Option<f32>>,
    /// The item's term indices, in the order first seen.
    terms: Vec<usize>,
}

impl ItemWeights {
    fn get(&self, term: usize) -> Option<f32> {
        self.by_term.get(term).copied().flatten()
    }

    fn contains(&self, term: usize) -> bool {
        self.get(term).is_some()
    }

    /// Keeps the heavier weight of `term` (an item and its descendants may
    /// share a keyword).
    fn raise(&mut self, term: usize, weight: f32) {
        if self.by_term.len() <= term {
            self.by_term.resize(term + 1, None);
        }
        if let Some(slot) = self.by_term.get_mut(term) {
            match slot {
                Some(w) => *w = w.max(weight),
                None => {
                    *slot = Some(weight.max(0.0));
                    self.terms.push(term);
                }
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.terms.iter().filter_map(|&t| Some((t, self.get(t)?)))
    }
}

/// A framework's keywords with one document's frequencies.
struct TermTable {
    keywords: Arc<Keywords>,
    /// The automaton of the frameworks analysed together, and this
    /// framework's position among them.
    matcher: Arc<KeywordMatcher>,
    position: usize,
    /// Number of units each term occurs in (filled by `scan`).
    df: std::cell::RefCell<Vec<usize>>,
    units: std::cell::Cell<usize>,
    /// The distinct terms of each heading or title used as context.
    context_terms: std::cell::RefCell<HashMap<CharRange, Vec<usize>>>,
}

impl std::ops::Deref for TermTable {
    type Target = Keywords;
    fn deref(&self) -> &Keywords {
        &self.keywords
    }
}

/// One version of a framework's keywords: what they were built from, and them.
type KeywordVersion = (KeywordSource, Arc<Keywords>);

/// What a framework's [`Keywords`] are built from: every item's depth, id
/// and keywords, in walk order. Compared, not hashed, with a framework
/// being analysed: as fast as hashing it, and never confused.
struct KeywordSource {
    items: Vec<(usize, String, Vec<Keyword>)>,
}

impl KeywordSource {
    fn of(fw: &Framework) -> KeywordSource {
        KeywordSource {
            items: fw
                .walk()
                .map(|(item, depth)| (depth, item.id.clone(), item.keywords.clone()))
                .collect(),
        }
    }

    /// Whether `fw` has these items and keywords (weights compared by
    /// their bits, so a NaN weight is still the same framework).
    fn is_of(&self, fw: &Framework) -> bool {
        let same = |a: &[Keyword], b: &[Keyword]| {
            a.len() == b.len()
                && a.iter().zip(b).all(|(x, y)| {
                    x.term == y.term
                        && x.weight.to_bits() == y.weight.to_bits()
                        && x.synonyms == y.synonyms
                })
        };
        let mut mine = self.items.iter();
        for (item, depth) in fw.walk() {
            match mine.next() {
                Some((d, id, keywords))
                    if *d == depth && *id == item.id && same(keywords, &item.keywords) => {}
                _ => return false,
            }
        }
        mine.next().is_none()
    }
}

impl Keywords {
    fn new(fw: &Framework) -> Keywords {
        let mut terms: Vec<String> = Vec::new();
        let mut term_index: HashMap<String, usize> = HashMap::default();
        let mut patterns: Vec<(String, usize)> = Vec::new();
        let mut pattern_seen: HashMap<String, usize> = HashMap::default();
        let mut item_weights: HashMap<String, ItemWeights> = HashMap::default();
        fn collect<'a>(item: &'a Item, out: &mut Vec<&'a Keyword>) {
            out.extend(item.keywords.iter());
            for c in &item.children {
                collect(c, out);
            }
        }
        for (item, _) in fw.walk() {
            let mut kws = Vec::new();
            collect(item, &mut kws);
            let weights = item_weights.entry(item.id.clone()).or_default();
            for kw in kws {
                let ti = *term_index.entry(kw.term.clone()).or_insert_with(|| {
                    terms.push(kw.term.clone());
                    terms.len() - 1
                });
                weights.raise(ti, kw.weight);
                for p in std::iter::once(&kw.term).chain(kw.synonyms.iter()) {
                    if p.is_empty() || pattern_seen.contains_key(p) {
                        continue;
                    }
                    pattern_seen.insert(p.clone(), ti);
                    patterns.push((fold_width(p), ti));
                }
            }
        }
        Keywords {
            terms,
            patterns,
            item_weights,
        }
    }
}

/// The keywords of several frameworks matched at once: building the
/// automaton costs more than matching a whole report, and one search of a
/// report costs about as much as another, whatever the keywords.
struct KeywordMatcher {
    trie: KeywordTrie,
    /// Pattern index → the (framework position, term index) it finds: a
    /// string may be a keyword of several frameworks.
    owners: Vec<Vec<(usize, usize)>>,
}

impl KeywordMatcher {
    fn new(keywords: &[Arc<Keywords>]) -> KeywordMatcher {
        let mut index: HashMap<&str, usize> = HashMap::default();
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        for (position, kw) in keywords.iter().enumerate() {
            for (pattern, term) in &kw.patterns {
                let i = *index.entry(pattern.as_str()).or_insert_with(|| {
                    patterns.push(pattern.as_str());
                    owners.push(Vec::new());
                    patterns.len() - 1
                });
                if let Some(o) = owners.get_mut(i) {
                    o.push((position, *term));
                }
            }
        }
        KeywordMatcher {
            trie: KeywordTrie::new(patterns),
            owners,
        }
    }

    /// Every keyword occurrence in `text` (already width-folded), for each
    /// of the `frameworks` frameworks: (char start, char end, term), in
    /// the order of their ends. Every occurrence of every pattern is found,
    /// so each framework gets what searching for its keywords alone would.
    fn matches(&self, text: &[char], frameworks: usize) -> Vec<Vec<(usize, usize, usize)>> {
        let mut found = vec![Vec::new(); frameworks];
        self.for_each_match(text, |position, m| {
            if let Some(f) = found.get_mut(position) {
                f.push(m);
            }
        });
        found
    }

    /// The occurrences of the keywords of the framework at `position` alone.
    fn matches_of(&self, text: &[char], position: usize) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        self.for_each_match(text, |p, m| {
            if p == position {
                found.push(m);
            }
        });
        found
    }

    fn for_each_match(&self, text: &[char], mut each: impl FnMut(usize, (usize, usize, usize))) {
        for (s, e, pattern) in self.trie.find_all(text) {
            for &(position, term) in self.owners.get(pattern).map_or(&[][..], Vec::as_slice) {
                each(position, (s, e, term));
            }
        }
    }
}

impl TermTable {
    fn new(keywords: Arc<Keywords>, matcher: Arc<KeywordMatcher>, position: usize) -> TermTable {
        let n = keywords.terms.len();
        TermTable {
            keywords,
            matcher,
            position,
            df: std::cell::RefCell::new(vec![0; n]),
            units: std::cell::Cell::new(0),
            context_terms: std::cell::RefCell::new(HashMap::default()),
        }
    }

    /// Finds every keyword in every unit; records document frequencies.
    /// `matches` are the framework's keywords found in the whole document
    /// ([`KeywordMatcher::matches`]), handed here to the units they lie in:
    /// an overlapping search reports every occurrence, so this finds what
    /// searching each unit alone would.
    fn scan(&self, units: &Units, matches: Vec<(usize, usize, usize)>) -> Vec<Vec<Hit>> {
        let mut per_unit: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); units.list.len()];
        for (s, e, t) in matches {
            // The unit starting at or before the match, if the match ends in it.
            let ui = units.list.partition_point(|u| u.range.start <= s);
            if let Some(slot) = ui.checked_sub(1).and_then(|i| {
                let unit = units.list.get(i)?;
                (e <= unit.range.end).then_some(i)
            }) && let (Some(found), Some(unit)) = (per_unit.get_mut(slot), units.list.get(slot))
            {
                found.push((s - unit.range.start, e - unit.range.start, t));
            }
        }
        let mut out: Vec<Vec<Hit>> = Vec::with_capacity(units.list.len());
        let mut df = vec![0usize; self.terms.len()];
        let mut seen: Vec<usize> = Vec::new();
        for (unit, found) in units.list.iter().zip(per_unit) {
            if found.is_empty() {
                out.push(Vec::new());
                continue;
            }
            // The unit's characters, width-folded, which leaves the
            // organisation suffixes (all CJK) as they are.
            let chars = units
                .folded
                .get(unit.range.start..unit.range.end)
                .unwrap_or(&[]);
            // Only whole words count (as the segmenter cuts the text), and
            // never inside a name: 环保 in a company's name, 市场监管 in
            // 市场监督管理局, a list of departments closed by 等…部门.
            let base = unit.range.start;
            let hits: Vec<Hit> = outermost_hits(&found)
                .into_iter()
                .filter(|&(s, e, _)| {
                    // A long term is unambiguous even where the segmenter
                    // joins a suffix to it (出庭应诉|率); a short one inside
                    // another word is another word. So only a short term's
                    // ends are segmented, and only when nothing else
                    // already rules it out.
                    s >= unit.title_len
                        && !unit.statement.in_name(s, e)
                        && !followed_by_org_suffix(chars, e)
                        && (e - s >= LONG_TERM
                            || (units.boundaries.is_boundary(base + s)
                                && units.boundaries.is_boundary(base + e)))
                })
                .map(|(s, e, term)| Hit {
                    term,
                    listed: unit.statement.in_list(s, e),
                })
                .collect();
            seen.clear();
            seen.extend(hits.iter().map(|h| h.term));
            seen.sort_unstable();
            seen.dedup();
            for &t in &seen {
                if let Some(d) = df.get_mut(t) {
                    *d += 1;
                }
            }
            out.push(hits);
        }
        *self.df.borrow_mut() = df;
        self.units.set(units.list.len());
        out
    }

    /// The terms occurring in `text`, outside longer matches of other
    /// terms, in text order.
    fn terms_in(&self, text: &str) -> Vec<usize> {
        outermost_hits(&self.matcher.matches_of(&folded_chars(text), self.position))
            .into_iter()
            .map(|(_, _, term)| term)
            .collect()
    }

    fn idf(&self, term: usize) -> f32 {
        let n = self.units.get() as f32;
        let df = self.df.borrow().get(term).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The item's strongest terms (for "nothing found on …").
    fn top_terms(&self, item: &str, n: usize) -> Vec<&str> {
        let Some(w) = self.item_weights.get(item) else {
            return Vec::new();
        };
        let mut v: Vec<(usize, f32)> = w.iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter()
            .take(n)
            .filter_map(|(t, _)| self.terms.get(t).map(String::as_str))
            .collect()
    }
}

/// BM25 of one unit for one item; also returns the matched terms (indices
/// into the term table), strongest first.
fn bm25(
    hits: &[Hit],
    weights: Option<&ItemWeights>,
    table: &TermTable,
    units: &Units,
    len: f32,
) -> (f32, bool, bool, Vec<usize>) {
    let Some(weights) = weights else {
        return (0.0, false, false, Vec::new());
    };
    // Every keyword of the item sits in a list of tasks.
    let listed = hits
        .iter()
        .filter(|h| weights.contains(h.term))
        .all(|h| h.listed);
    // Term frequencies of the item's terms; a unit has few distinct terms.
    let mut tf: Vec<(usize, f32)> = Vec::new();
    for h in hits {
        if weights.contains(h.term) {
            match tf.iter_mut().find(|(t, _)| *t == h.term) {
                Some((_, f)) => *f += 1.0,
                None => tf.push((h.term, 1.0)),
            }
        }
    }
    let norm = K1 * (1.0 - B + B * len / units.avg_len.max(1.0));
    let mut parts: Vec<(f32, usize)> = tf
        .iter()
        .map(|&(t, f)| {
            let w = weights.get(t).unwrap_or(0.0);
            (w * table.idf(t) * f * (K1 + 1.0) / (f + norm), t)
        })
        .collect();
    parts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let strong = hits
        .iter()
        .any(|h| weights.get(h.term).is_some_and(|w| w >= STRONG));
    let mut score: f32 = parts.iter().map(|p| p.0).sum();
    let passing = !strong && parts.len() < 2;
    if passing {
        score *= PASSING;
    }
    let matched = parts.iter().map(|&(_, t)| t).collect();
    (score, passing, listed, matched)
}

/// One unit that mentions an item.
struct Candidate {
    unit: usize,
    raw: f32,
    passing: bool,
    /// The item is only named in a list of tasks there.
    listed: bool,
    /// The matched terms, strongest first, as indices into the term
    /// table: named as strings only for the evidence kept.
    matched: Vec<usize>,
}

/// Which item a unit is most about. A sentence is evidence for the items it
/// is mainly about: an item scoring far below the best item of the same
/// level on it is only mentioned there ("市场监管等执法部门严格执法" is about
/// enforcement, not market regulation); and a sentence that names three or
/// more top-level items at once is a list of tasks, not a report of work.
struct Competition {
    /// Per depth: unit → best raw score.
    best: HashMap<usize, Vec<f32>>,
    /// Unit → number of top-level items scoring near its best.
    contenders: Vec<usize>,
    depth_of: Vec<usize>,
    off: bool,
}

/// An item scoring below this share of the best item on a unit is only mentioned there.
const RIVAL_SHARE: f32 = 0.5;
/// A sub-item scoring below this share of the best sub-item on a unit is
/// only mentioned there (the unit is about a sibling).
const SIBLING_SHARE: f32 = 0.8;
/// Factor for such a mention, and for task lists.
const RIVAL_FACTOR: f32 = 0.4;

impl Competition {
    fn new(
        walked: &[(&Item, usize, Option<&str>)],
        base: &[Vec<Candidate>],
        units: usize,
        off: bool,
    ) -> Competition {
        let mut best: HashMap<usize, Vec<f32>> = HashMap::default();
        let depth_of: Vec<usize> = walked.iter().map(|(_, d, _)| *d).collect();
        for (idx, cands) in base.iter().enumerate() {
            let depth = depth_of.get(idx).copied().unwrap_or(0);
            let row = best.entry(depth).or_insert_with(|| vec![0.0; units]);
            for c in cands {
                if let Some(b) = row.get_mut(c.unit) {
                    *b = b.max(c.raw);
                }
            }
        }
        let mut contenders = vec![0usize; units];
        if let Some(top) = best.get(&0) {
            for (idx, cands) in base.iter().enumerate() {
                if depth_of.get(idx) != Some(&0) {
                    continue;
                }
                for c in cands.iter().filter(|c| !c.passing) {
                    if top.get(c.unit).is_some_and(|b| c.raw >= RIVAL_SHARE * b)
                        && let Some(n) = contenders.get_mut(c.unit)
                    {
                        *n += 1;
                    }
                }
            }
        }
        Competition {
            best,
            contenders,
            depth_of,
            off,
        }
    }

    /// The item's depth and the best raw score of any item at that depth on
    /// the candidate's unit.
    fn best_at_depth(&self, idx: usize, c: &Candidate) -> (usize, f32) {
        let depth = self.depth_of.get(idx).copied().unwrap_or(0);
        let best = self
            .best
            .get(&depth)
            .and_then(|row| row.get(c.unit))
            .copied()
            .unwrap_or(0.0);
        (depth, best)
    }

    fn factor(&self, idx: usize, c: &Candidate) -> f32 {
        if self.off {
            return 1.0;
        }
        let (_, best) = self.best_at_depth(idx, c);
        let mut f = 1.0;
        if c.raw < RIVAL_SHARE * best {
            f *= RIVAL_FACTOR;
        }
        if self.contenders.get(c.unit).is_some_and(|n| *n >= 3) {
            f *= RIVAL_FACTOR;
        }
        f
    }

    /// True when a sub-item is far from the sub-item the unit is most
    /// about: one sentence on 清理 of documents is evidence for the 清理
    /// sub-item, not for each sibling that shares a keyword with it.
    fn outranked(&self, idx: usize, c: &Candidate) -> bool {
        if self.off {
            return false;
        }
        let (depth, best) = self.best_at_depth(idx, c);
        depth > 0 && c.raw < SIBLING_SHARE * best
    }
}

/// The characters of `text` width-folded ([`fold_full_width`]): what
/// keywords are looked for in.
fn folded_chars(text: &str) -> Vec<char> {
    text.chars().map(fold_full_width).collect()
}

/// The matches `found` (char start, char end, term) without those nested
/// inside a longer match of another term (法律顾问 inside 村居法律顾问).
fn outermost_hits(found: &[(usize, usize, usize)]) -> Vec<(usize, usize, usize)> {
    // A container starts at most the longest match's length before the
    // end of what it contains, so only the matches starting in that
    // window are compared: linear in the matches, not quadratic (a
    // 5 MB line repeating one keyword has hundreds of thousands).
    let max_len = found.iter().map(|f| f.1 - f.0).max().unwrap_or(0);
    let mut by_start: Vec<usize> = (0..found.len()).collect();
    by_start.sort_by_key(|&i| found.get(i).map_or(0, |f| f.0));
    let starts: Vec<usize> = by_start
        .iter()
        .map(|&i| found.get(i).map_or(0, |f| f.0))
        .collect();
    let mut hits = Vec::with_capacity(found.len());
    for (i, &(s, e, t)) in found.iter().enumerate() {
        let lo = starts.partition_point(|&x| x + max_len < e);
        let hi = starts.partition_point(|&x| x <= s);
        let nested = by_start.get(lo..hi).unwrap_or(&[]).iter().any(|&j| {
            found.get(j).is_some_and(|&(s2, e2, t2)| {
                j != i && t2 != t && s2 <= s && e <= e2 && (e2 - s2) > (e - s)
            })
        });
        if !nested {
            hits.push((s, e, t));
        }
    }
    hits
}

/// [`fold_full_width`] over a string.
fn fold_width(s: &str) -> String {
    s.chars().map(fold_full_width).collect()
}

/// True when the characters from `end` start an organisation suffix (局,
/// 公司…): the keyword before them is part of a name.
fn followed_by_org_suffix(chars: &[char], end: usize) -> bool {
    let rest = chars.get(end..).unwrap_or(&[]);
    statement::ORG_SUFFIXES
        .iter()
        .any(|s| crate::text::chars_start_with(rest, s))
}

/// How strongly a heading or title names the item (sum of matched weights).
/// The terms of each heading are found once per report and framework: the
/// same headings govern many sentences and are asked about for every item.
fn context_score(
    doc: &Document,
    range: CharRange,
    weights: Option<&ItemWeights>,
    table: &TermTable,
) -> f32 {
    let Some(weights) = weights else { return 0.0 };
    let mut cache = table.context_terms.borrow_mut();
    let terms = cache.entry(range).or_insert_with(|| {
        let mut seen: Vec<usize> = Vec::new();
        for term in table.terms_in(doc.slice(range)) {
            if !seen.contains(&term) {
                seen.push(term);
            }
        }
        seen
    });
    terms.iter().map(|&t| weights.get(t).unwrap_or(0.0)).sum()
}

/// Each indicator belongs to the top-level item (of a non-DC framework)
/// whose evidence includes its sentence with the best score; failing that,
/// to the item that mentions its sentence most strongly.
fn assign_indicators(
    indicators: &mut [super::Indicator],
    items: &[ItemResult],
    mentions: &[(CharRange, String, f32)],
) {
    for ind in indicators.iter_mut() {
        let mut best: Option<(&str, f32)> = None;
        for item in items.iter().filter(|i| i.depth == 0 && i.framework != "DC") {
            for e in &item.evidence {
                if e.range.contains(ind.range.start) && best.is_none_or(|(_, s)| e.score > s) {
                    best = Some((&item.id, e.score));
                }
            }
        }
        if best.is_none() {
            for (range, id, raw) in mentions {
                if range.contains(ind.range.start) && best.is_none_or(|(_, s)| *raw > s) {
                    best = Some((id, *raw));
                }
            }
        }
        ind.item = best.map(|(id, _)| id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Strength, Weakness};
    use crate::framework::YearSpan;
    use crate::i18n::Lang;

    fn kw(term: &str, weight: f32, synonyms: &[&str]) -> Keyword {
        Keyword {
            term: term.into(),
            weight,
            synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn item(id: &str, title: &str, keywords: Vec<Keyword>, scope: Scope) -> Item {
        Item {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            keywords,
            scope,
            weight: 1.0,
            children: Vec::new(),
            lead_units: Vec::new(),
            responsible_units: Vec::new(),
            targets: Vec::new(),
            exclude: Vec::new(),
            require: Vec::new(),
        }
    }

    fn framework() -> Framework {
        Framework {
            id: "T".into(),
            name: "test".into(),
            short_name: String::new(),
            applies: YearSpan::default(),
            description: String::new(),
            items: vec![
                item(
                    "T-1",
                    "行政复议",
                    vec![
                        kw("行政复议", 3.0, &["复议案件"]),
                        kw("行政应诉", 2.0, &["出庭应诉", "出庭出声"]),
                    ],
                    Scope::Achievements,
                ),
                item(
                    "T-2",
                    "规范性文件",
                    vec![kw("规范性文件", 3.0, &[]), kw("备案审查", 2.5, &[])],
                    Scope::Achievements,
                ),
                item(
                    "T-3",
                    "不足",
                    vec![kw("有待", 2.0, &[]), kw("不足", 2.0, &[])],
                    Scope::Shortcomings,
                ),
            ],
        }
    }

    /// A report around `body`, with enough unrelated sentences for the
    /// keywords' document frequencies to mean something.
    fn report_with(body: &str) -> String {
        format!(
            "某区2020年法治政府建设情况报告\n一、主要举措和成效\n{body}\n（二）其他工作\n我区开展普法宣传活动120场。组织安全生产检查45次。完成村居换届选举工作。建成文化广场3个。新增就业岗位800个。改造老旧小区12个。新建污水管网30公里。发放助学金60万元。开通公交线路4条。培训农村实用人才500人次。举办招聘会8场。完成河道整治15公里。新增绿地2万平方米。"
        )
    }

    fn analyse(text: &str) -> Analysis {
        let fw = framework();
        let analyzer = Analyzer::with_frameworks(std::slice::from_ref(&fw));
        let doc = Document::from_text("t", text);
        analyzer.analyse(&doc, &[&fw])
    }

    const REPORT: &str = "某区2020年法治政府建设情况报告\n一、主要举措和成效\n（一）加强行政复议和应诉工作\n全年受理行政复议案件13件，审结12件。区长出庭出声2次，负责人出庭应诉率100%，行政复议纠错率下降。\n（二）其他工作\n我区开展普法宣传活动。规范性文件的备案审查工作有待加强。\n二、存在的不足和原因\n规范性文件备案审查工作有待加强，执法力量不足。\n三、下一年度主要安排\n加强规范性文件备案审查。";

    #[test]
    fn evidence_is_ranked_with_reasons_and_synonyms() {
        let a = analyse(REPORT);
        let t1 = a.items.iter().find(|i| i.id == "T-1").unwrap();
        assert_eq!(t1.status, AutoStatus::Covered, "{t1:?}");
        assert_eq!(t1.evidence.len(), 2);
        assert!(t1.evidence[0].quote.contains("行政复议") || t1.evidence[0].quote.contains("出庭"));
        assert!(
            t1.evidence
                .iter()
                .any(|e| e.matched.contains(&"行政应诉".to_string())),
            "synonym 出庭出声 counts as 行政应诉"
        );
        assert!(
            t1.evidence.iter().all(|e| e.strength == Strength::Concrete),
            "{t1:?}"
        );
        let zh = t1.reason.text(Lang::Zh);
        assert!(zh.starts_with("2处具体记述"), "{zh}");
        assert!(
            t1.reason
                .text(Lang::En)
                .starts_with("2 of 2 passages report concrete work"),
            "{:?}",
            t1.reason
        );
        for e in &t1.evidence {
            let doc = Document::from_text("t", REPORT);
            assert_eq!(doc.slice(e.range), e.quote);
        }
    }

    #[test]
    fn section_context_keeps_shortcomings_and_plans_out_of_achievements() {
        let a = analyse(REPORT);
        let doc = Document::from_text("t", REPORT);
        let t2 = a.items.iter().find(|i| i.id == "T-2").unwrap();
        for e in &t2.evidence {
            let part = doc.structure.part_at(e.range.start);
            assert!(
                !matches!(part, Some(PartId::DC2 | PartId::DC4)),
                "{e:?} in {part:?}"
            );
        }
        let t3 = a.items.iter().find(|i| i.id == "T-3").unwrap();
        assert!(!t3.evidence.is_empty());
        for e in &t3.evidence {
            assert_eq!(doc.structure.part_at(e.range.start), Some(PartId::DC2));
        }
    }

    #[test]
    fn indicators_belong_to_the_item_their_sentence_answers() {
        let a = analyse(REPORT);
        let cases = a.indicators.iter().find(|i| i.raw == "13件").unwrap();
        assert_eq!(cases.item.as_deref(), Some("T-1"));
        assert_eq!(cases.value, 13.0);
    }

    #[test]
    fn nothing_found_is_missing_with_a_reason() {
        let a = analyse(
            "某区2020年法治政府建设情况报告\n一、主要举措和成效\n我区开展普法宣传活动，群众满意。",
        );
        let t1 = a.items.iter().find(|i| i.id == "T-1").unwrap();
        assert_eq!(t1.status, AutoStatus::Missing);
        assert!(t1.evidence.is_empty());
        assert!(
            matches!(&t1.reason, Reason::NothingFound { examples } if examples.iter().any(|e| e.contains("行政复议"))),
            "{:?}",
            t1.reason
        );
        assert!(t1.reason.text(Lang::En).starts_with("nothing found"));
        assert_eq!(t1.score, 0.0);
    }

    #[test]
    fn a_list_of_tasks_names_items_but_is_no_work_on_them() {
        let a = analyse(&report_with(
            "认真落实行政复议、规范性文件、备案审查、合法性审查等工作要求。",
        ));
        for id in ["T-1", "T-2"] {
            let t = a.items.iter().find(|i| i.id == id).unwrap();
            assert_eq!(t.status, AutoStatus::Missing, "{t:?}");
            assert!(t.evidence.iter().all(|e| e.strength == Strength::Mention));
            assert!(
                matches!(
                    &t.reason,
                    Reason::OnlyNamed {
                        weakness: Weakness::Listed,
                        ..
                    }
                ),
                "{:?}",
                t.reason
            );
        }
    }

    #[test]
    fn concrete_work_ranks_above_a_keyword_dense_slogan() {
        let a = analyse(&report_with(
            "坚定不移推进行政复议工作，高度重视行政复议，深入学习贯彻行政复议法精神。全年办理行政复议案件8件。",
        ));
        let t1 = a.items.iter().find(|i| i.id == "T-1").unwrap();
        assert_eq!(t1.evidence[0].quote, "全年办理行政复议案件8件。", "{t1:?}");
        assert_eq!(t1.evidence[0].strength, Strength::Concrete);
        assert!(
            t1.evidence[1..]
                .iter()
                .all(|e| e.strength < Strength::Concrete)
        );
    }

    #[test]
    fn only_a_slogan_gives_partial_with_the_reason() {
        let a = analyse(&report_with(
            "坚定不移推进行政复议和行政应诉工作，高度重视行政复议。",
        ));
        let t1 = a.items.iter().find(|i| i.id == "T-1").unwrap();
        assert_eq!(t1.status, AutoStatus::Partial, "{t1:?}");
        assert_eq!(t1.evidence[0].strength, Strength::General);
        let zh = t1.reason.text(Lang::Zh);
        assert!(zh.contains("口号"), "{zh}");
    }

    #[test]
    fn the_title_and_the_signature_are_never_evidence() {
        let text = "某区行政复议工作2020年法治政府建设情况报告\n一、主要举措和成效\n全年受理行政复议案件13件，审结12件。\n某区行政复议局\n2021年1月5日";
        let a = analyse(text);
        let doc = Document::from_text("t", text);
        let title = doc.structure.metadata.title_range.unwrap();
        let t1 = a.items.iter().find(|i| i.id == "T-1").unwrap();
        assert!(!t1.evidence.is_empty());
        for e in &t1.evidence {
            assert!(!e.range.overlaps(title), "{e:?}");
            assert!(!e.quote.contains("2021年1月5日"), "{e:?}");
        }
    }

    #[test]
    fn keyword_automata_are_built_once_per_framework_version() {
        let fw = framework();
        let analyzer = Analyzer::with_frameworks(std::slice::from_ref(&fw));
        let a = analyzer.keywords_of(&fw);
        let b = analyzer.keywords_of(&fw);
        assert!(
            Arc::ptr_eq(&a, &b),
            "the second analysis reuses the automaton"
        );
        // An edited framework with the same id is another framework.
        let mut edited = fw.clone();
        edited.items[0].keywords[0].weight = 1.0;
        let c = analyzer.keywords_of(&edited);
        assert!(!Arc::ptr_eq(&a, &c));
        // A weight that is not a number is still one version, not a new
        // one at every analysis.
        let mut odd = fw.clone();
        odd.items[0].keywords[0].weight = f32::NAN;
        let d = analyzer.keywords_of(&odd);
        assert!(Arc::ptr_eq(&d, &analyzer.keywords_of(&odd.clone())));
        // And analysing with it gives what a fresh analyzer gives.
        let doc = Document::from_text("t", REPORT);
        let fresh = Analyzer::with_frameworks(std::slice::from_ref(&edited));
        assert_eq!(
            analyzer.analyse(&doc, &[&edited]),
            fresh.analyse(&doc, &[&edited])
        );
        // One joint automaton per set of frameworks analysed together, and
        // each framework finds in it what it finds alone.
        analyzer.analyse(&doc, &[&edited]);
        let together = analyzer.analyse(&doc, &[&fw, &edited]);
        let matchers = analyzer.matchers.lock().map(|m| m.len()).unwrap_or(0);
        assert_eq!(matchers, 2, "[edited] and [fw, edited]");
        let alone = analyzer.analyse(&doc, &[&fw]);
        assert_eq!(
            together.items.get(..alone.items.len()),
            Some(&alone.items[..])
        );
    }
}
