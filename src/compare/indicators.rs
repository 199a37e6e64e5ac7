//! Indicators across years: the same counted quantity in the older and the
//! newer report ("审查重大合同 79份" → "审查重大合同、招商引资协议 56份"), paired
//! by the similarity of their names (Dice coefficient of character bigrams)
//! within one family of units, with the change and its direction.
//!
//! Names come from the indicator extractor and are sometimes only the words
//! before the number ("…行政执法单位的 1141项 行政执法事项下放到镇街"). With
//! the documents at hand, [`indicator_pairs_in`] adds the words right after
//! the figure to the name before comparing, which tells "投资 1200多万元建成
//! 红色教育基地" from "投资 2.25亿元开展智慧城市建设".

use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::ngram;
use super::plans::round3;
use crate::analysis::Indicator;
use crate::document::Document;
use crate::text::CharRange;

/// Names at least this similar (bigram Dice) are the same indicator. On the
/// 湛江 pair every candidate from 0.48 up is the same measure ("依申请公开政府
/// 信息" / "新收到政府信息公开申请" 0.56, "审查全区各单位重大合同" / "审查全区重大
/// 合同、招商引资协议" 0.52, 1141/1216 items handed to the 镇街 0.48) and every
/// one at 0.38 or below is not (矛盾纠纷排查 vs 成功调解矛盾纠纷; two lists of
/// unit names); 0.45 sits in that gap, nearer the true pairs because a false
/// pair (a misleading trend) costs the reviewer more than a missed one.
pub const MIN_NAME_SIMILARITY: f64 = 0.45;
/// Characters after the figure that [`indicator_pairs_in`] may use.
const TAIL: usize = 12;
/// Most similar older names kept per newer name before the one-to-one pairing.
const CANDIDATES: usize = 8;
/// Occurrences of a repeated name considered on each side of the same rank.
const RANK_WINDOW: usize = 2;
/// Names this short are completed with the words after the figure.
const SHORT_NAME: usize = 2;

/// Direction of change from the older to the newer year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Larger this year.
    Up,
    /// Smaller this year.
    Down,
    /// The same value.
    Flat,
}

impl Trend {
    /// Arrow for tables.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Up => "↑",
            Trend::Down => "↓",
            Trend::Flat => "→",
        }
    }
}

/// One indicator in one or both years.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorPair {
    /// Display name: the newer year's name when there is one.
    pub name: String,
    /// The older year's indicator.
    pub old: Option<Indicator>,
    /// The newer year's indicator.
    pub new: Option<Indicator>,
    /// Name similarity of the pair (0 when one side is missing).
    pub similarity: f64,
    /// `new.value - old.value`, when both are there.
    pub change: Option<f64>,
    /// Direction of the change.
    pub trend: Option<Trend>,
}

impl IndicatorPair {
    /// True when both years have the indicator.
    pub fn is_pair(&self) -> bool {
        self.old.is_some() && self.new.is_some()
    }

    /// True when both years have it in the same unit, so the values can be
    /// compared (only then is there a change and a trend).
    pub fn comparable(&self) -> bool {
        matches!((&self.old, &self.new), (Some(o), Some(n)) if o.unit == n.unit)
    }

    /// True when both years have it but in different units (83起 / 1宗):
    /// listed apart, not compared.
    pub fn units_differ(&self) -> bool {
        self.is_pair() && !self.comparable()
    }
}

/// The JSON view of one side: `{"value", "unit", "raw"}` plus its name and place.
struct Side<'a>(&'a Indicator);

impl Serialize for Side<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = self.0;
        let mut st = s.serialize_struct("Side", 6)?;
        st.serialize_field("value", &i.value)?;
        st.serialize_field("unit", &i.unit)?;
        st.serialize_field("raw", &i.raw)?;
        st.serialize_field("name", &i.name)?;
        st.serialize_field("start", &i.range.start)?;
        st.serialize_field("end", &i.range.end)?;
        st.end()
    }
}

impl Serialize for IndicatorPair {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("IndicatorPair", 6)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("old", &self.old.as_ref().map(Side))?;
        st.serialize_field("new", &self.new.as_ref().map(Side))?;
        st.serialize_field("similarity", &round3(self.similarity))?;
        st.serialize_field("change", &self.change)?;
        st.serialize_field("trend", &self.trend)?;
        st.end()
    }
}

/// Families of units that count the same kind of thing; only indicators of
/// one family are paired. 宗, 件 and 起 all count cases (and 件/份 documents);
/// % never pairs with 件, nor 条 (entries) with 件 (cases).
fn unit_family(unit: &str) -> &'static str {
    match unit {
        "%" | "个百分点" => "percent",
        "‰" => "permille",
        "元" => "money",
        "" => "none",
        "件" | "宗" | "起" | "例" | "份" | "篇" => "case_or_document",
        "项" => "matter",
        "条" => "entry",
        "家" | "个" | "所" | "处" => "body",
        "人" | "名" | "位" => "people",
        "人次" => "person_times",
        "户" | "户次" => "household",
        "次" | "场次" | "件次" | "辆次" | "架次" | "批次" | "场" | "期" | "批" => {
            "times"
        }
        "平方米" | "平方公里" | "亩" => "area",
        "公里" => "length",
        "天" | "工作日" | "小时" | "分钟" | "个月" => "duration",
        "倍" => "ratio",
        _ => "object",
    }
}

/// Pairs the indicators of two years by name alone.
pub fn indicator_pairs(old: &[Indicator], new: &[Indicator]) -> Vec<IndicatorPair> {
    let keys = |list: &[Indicator]| -> Vec<Vec<u64>> {
        list.iter().map(|i| ngram::name_bigrams(&i.name)).collect()
    };
    pair_by_keys(old, &keys(old), new, &keys(new))
}

/// Pairs the indicators of two years, completing names from their
/// documents: a name that ends in 的 only qualifies what is counted ("4个行政
/// 执法单位的 1141项 行政执法事项下放到镇街"), so the words after the figure
/// replace it; a name of one or two characters ("投资") is too vague alone,
/// so the words after the figure are added to it.
pub fn indicator_pairs_in(
    old_doc: &Document,
    old: &[Indicator],
    new_doc: &Document,
    new: &[Indicator],
) -> Vec<IndicatorPair> {
    let keys = |doc: &Document, list: &[Indicator]| -> Vec<Vec<u64>> {
        list.iter()
            .map(|i| ngram::name_bigrams(&completed_name(doc, i)))
            .collect()
    };
    pair_by_keys(old, &keys(old_doc, old), new, &keys(new_doc, new))
}

/// The name used for pairing (see [`indicator_pairs_in`]).
fn completed_name(doc: &Document, ind: &Indicator) -> String {
    let tail = tail(doc, ind);
    if ind.name.ends_with('的') && tail.chars().count() >= 2 {
        tail
    } else if ind.name.chars().count() <= SHORT_NAME {
        format!("{}{tail}", ind.name)
    } else {
        ind.name.clone()
    }
}

/// The words after an indicator's figure, up to the end of its clause.
fn tail(doc: &Document, ind: &Indicator) -> String {
    let after = doc.slice(CharRange::new(ind.range.end, ind.range.end + TAIL));
    after
        .chars()
        .take_while(|c| !matches!(c, '，' | ',' | '。' | '；' | ';' | '、' | '：' | '\n'))
        .filter(|c| !c.is_ascii_digit())
        .collect()
}

/// Indicators sharing a unit family and a name key, in text order.
struct Group<'k> {
    family: &'static str,
    key: &'k [u64],
    members: Vec<usize>,
}

fn groups<'k>(list: &[Indicator], keys: &'k [Vec<u64>]) -> Vec<Group<'k>> {
    let mut at: HashMap<(&'static str, &'k [u64]), usize> = HashMap::new();
    let mut out: Vec<Group<'k>> = Vec::new();
    for (i, (ind, key)) in list.iter().zip(keys).enumerate() {
        let family = unit_family(&ind.unit);
        let g = *at.entry((family, key.as_slice())).or_insert_with(|| {
            out.push(Group {
                family,
                key: key.as_slice(),
                members: Vec::new(),
            });
            out.len() - 1
        });
        if let Some(group) = out.get_mut(g) {
            group.members.push(i);
        }
    }
    out
}

/// Greedy one-to-one pairing, most similar first; the pairs in the newer
/// report's order, then the older year's unpaired indicators, then the
/// newer year's.
fn pair_by_keys(
    old: &[Indicator],
    old_keys: &[Vec<u64>],
    new: &[Indicator],
    new_keys: &[Vec<u64>],
) -> Vec<IndicatorPair> {
    // Names are compared once per distinct (unit family, name), through an
    // index of the older names' bigrams, so a table repeating one name a
    // thousand times costs no more than the name once.
    let old_groups = groups(old, old_keys);
    let new_groups = groups(new, new_keys);
    let mut index: HashMap<(&str, u64), Vec<usize>> = HashMap::new();
    for (ga, g) in old_groups.iter().enumerate() {
        for &k in g.key {
            index.entry((g.family, k)).or_default().push(ga);
        }
    }
    // (similarity, distance in occurrence rank, old, new)
    let mut scored: Vec<(f64, usize, usize, usize)> = Vec::new();
    let mut common: HashMap<usize, usize> = HashMap::new();
    for gb in &new_groups {
        common.clear();
        for &k in gb.key {
            for &ga in index.get(&(gb.family, k)).map_or(&[][..], Vec::as_slice) {
                *common.entry(ga).or_insert(0) += 1;
            }
        }
        let mut best: Vec<(f64, usize)> = common
            .iter()
            .map(|(&ga, &c)| {
                let d = 2.0 * c as f64 / (old_groups[ga].key.len() + gb.key.len()) as f64;
                (d, ga)
            })
            .filter(|&(d, _)| d >= MIN_NAME_SIMILARITY)
            .collect();
        best.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        best.truncate(CANDIDATES);
        for (rank, &b) in gb.members.iter().enumerate() {
            for &(d, ga) in &best {
                // The k-th figure under a name in one year most likely
                // matches the k-th under the same name in the other.
                let members = &old_groups[ga].members;
                let centre = rank.min(members.len().saturating_sub(1));
                let lo = centre.saturating_sub(RANK_WINDOW);
                let hi = (centre + RANK_WINDOW + 1).min(members.len());
                for (r, &a) in members.iter().enumerate().take(hi).skip(lo) {
                    scored.push((d, r.abs_diff(rank), a, b));
                }
            }
        }
    }
    scored.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for (d, _, a, b) in scored {
        if !old_used[a] && !new_used[b] {
            old_used[a] = true;
            new_used[b] = true;
            pairs.push((a, b, d));
        }
    }
    pairs.sort_by_key(|&(_, b, _)| new[b].range.start);

    let mut out: Vec<IndicatorPair> = pairs
        .into_iter()
        .map(|(a, b, d)| {
            let (o, n) = (&old[a], &new[b]);
            // 83起 and 1宗 may well be the same measure, but a difference
            // across units means nothing: such a pair is kept (both
            // sentences at hand) with no change and no trend.
            if o.unit != n.unit {
                return IndicatorPair {
                    name: n.name.clone(),
                    old: Some(o.clone()),
                    new: Some(n.clone()),
                    similarity: d,
                    change: None,
                    trend: None,
                };
            }
            let change = n.value - o.value;
            let trend = if change.abs() <= 1e-9 * o.value.abs().max(1.0) {
                Trend::Flat
            } else if change > 0.0 {
                Trend::Up
            } else {
                Trend::Down
            };
            IndicatorPair {
                name: n.name.clone(),
                old: Some(o.clone()),
                new: Some(n.clone()),
                similarity: d,
                change: Some(change),
                trend: Some(trend),
            }
        })
        .collect();
    let single = |i: &Indicator, is_old: bool| IndicatorPair {
        name: i.name.clone(),
        old: is_old.then(|| i.clone()),
        new: (!is_old).then(|| i.clone()),
        similarity: 0.0,
        change: None,
        trend: None,
    };
    out.extend(
        old.iter()
            .zip(&old_used)
            .filter(|(_, used)| !**used)
            .map(|(i, _)| single(i, true)),
    );
    out.extend(
        new.iter()
            .zip(&new_used)
            .filter(|(_, used)| !**used)
            .map(|(i, _)| single(i, false)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(name: &str, value: f64, unit: &str, start: usize) -> Indicator {
        Indicator {
            name: name.into(),
            value,
            unit: unit.into(),
            raw: format!("{value}{unit}"),
            approx: false,
            qualifier: None,
            range: CharRange::new(start, start + name.chars().count() + 3),
            item: None,
        }
    }

    #[test]
    fn same_indicator_is_paired_with_change_and_trend() {
        let old = [
            ind("受理的行政复议案件", 13.0, "件", 0),
            ind("审查全区各单位重大合同", 79.0, "份", 50),
            ind("依申请公开政府信息", 20.0, "宗", 100),
        ];
        let new = [
            ind("新收到政府信息公开申请", 29.0, "件", 10),
            ind("区管委会应诉行政、民事案件", 13.0, "件", 40),
            ind("审查全区重大合同、招商引资协议", 56.0, "份", 90),
        ];
        let pairs = indicator_pairs(&old, &new);
        let both: Vec<&IndicatorPair> = pairs.iter().filter(|p| p.is_pair()).collect();
        assert_eq!(both.len(), 2, "{pairs:#?}");
        // In the newer report's order.
        assert_eq!(both[0].name, "新收到政府信息公开申请");
        assert_eq!(both[0].old.as_ref().map(|i| i.value), Some(20.0));
        // 20宗 and 29件: the same measure in different units — paired (both
        // sentences at hand) but not compared.
        assert_eq!(both[0].trend, None);
        assert_eq!(both[0].change, None);
        assert!(both[0].units_differ() && !both[0].comparable());
        assert_eq!(both[1].old.as_ref().map(|i| i.value), Some(79.0));
        assert!(both[1].comparable());
        assert_eq!(both[1].change, Some(-23.0));
        assert_eq!(both[1].trend, Some(Trend::Down));
        // 行政复议 and 应诉 are different measures: listed, unpaired.
        assert!(pairs.iter().any(|p| {
            p.new.is_none()
                && p.old
                    .as_ref()
                    .is_some_and(|i| i.name == "受理的行政复议案件")
        }));
        assert!(
            pairs
                .iter()
                .any(|p| p.old.is_none() && p.name == "区管委会应诉行政、民事案件")
        );
        assert_eq!(pairs.len(), 4);
    }

    #[test]
    fn units_of_different_families_never_pair() {
        let old = [ind("结案率", 100.0, "%", 0)];
        let new = [ind("结案", 12.0, "件", 0)];
        let pairs = indicator_pairs(&old, &new);
        assert!(pairs.iter().all(|p| !p.is_pair()));
        let same = indicator_pairs(&old, &[ind("结案率", 100.0, "%", 0)]);
        assert_eq!(same[0].trend, Some(Trend::Flat));
        assert!((same[0].similarity - 1.0).abs() < 1e-9);
    }

    #[test]
    fn each_indicator_is_used_once() {
        let old = [ind("刑拘", 142.0, "人", 0), ind("逮捕", 114.0, "人", 10)];
        let new = [ind("刑拘", 123.0, "人", 0), ind("刑拘", 5.0, "人", 20)];
        let pairs = indicator_pairs(&old, &new);
        assert_eq!(pairs.iter().filter(|p| p.is_pair()).count(), 1);
        assert_eq!(pairs.len(), 3);
    }

    #[test]
    fn a_repeated_name_pairs_its_occurrences_in_order() {
        // 刑拘 twice in each year (two sections): first with first, second with second.
        let old = [ind("刑拘", 142.0, "人", 0), ind("刑拘", 10.0, "人", 50)];
        let new = [ind("刑拘", 123.0, "人", 5), ind("刑拘", 12.0, "人", 60)];
        let pairs = indicator_pairs(&old, &new);
        let values: Vec<(f64, f64)> = pairs
            .iter()
            .filter_map(|p| Some((p.old.as_ref()?.value, p.new.as_ref()?.value)))
            .collect();
        assert_eq!(values, [(142.0, 123.0), (10.0, 12.0)]);
    }

    #[test]
    fn words_after_the_figure_tell_same_names_apart() {
        let old_doc = Document::from_text(
            "o",
            "投资1200多万元建成红色廉政教育基地。刑拘142人，逮捕114人。",
        );
        let new_doc = Document::from_text(
            "n",
            "投资约2.25亿元开展智慧城市平台建设。刑拘123人，逮捕51人。",
        );
        let find = |doc: &Document, name: &str, raw: &str| -> Indicator {
            let start = doc
                .text
                .find(raw)
                .map_or(0, |b| doc.index.char_of(&doc.text, b));
            let mut i = ind(name, 1.0, "元", 0);
            i.range = CharRange::new(start - name.chars().count(), start + raw.chars().count());
            i
        };
        let old = [
            find(&old_doc, "投资", "1200多万元"),
            find(&old_doc, "刑拘", "142人"),
        ];
        let new = [
            find(&new_doc, "投资", "约2.25亿元"),
            find(&new_doc, "刑拘", "123人"),
        ];
        // By name alone both pairs look perfect …
        assert_eq!(
            indicator_pairs(&old, &new)
                .iter()
                .filter(|p| p.is_pair())
                .count(),
            2
        );
        // … with the words after the figure, the two investments differ.
        let pairs = indicator_pairs_in(&old_doc, &old, &new_doc, &new);
        let both: Vec<&IndicatorPair> = pairs.iter().filter(|p| p.is_pair()).collect();
        assert_eq!(both.len(), 1, "{pairs:#?}");
        assert_eq!(both[0].name, "刑拘");
    }

    #[test]
    fn a_name_ending_in_de_is_completed_by_the_counted_thing() {
        // "4个行政执法单位的1141项行政执法事项下放到镇街": the extractor names
        // the figure by what precedes it; what is counted follows it.
        let doc = Document::from_text("o", "先后将4个行政执法单位的1141项行政执法事项下放到镇街。");
        let start = doc
            .text
            .find("行政执法单位的")
            .map_or(0, |b| doc.index.char_of(&doc.text, b));
        let mut i = ind("行政执法单位的", 1141.0, "项", start);
        i.range = CharRange::new(start, start + "行政执法单位的1141项".chars().count());
        assert_eq!(completed_name(&doc, &i), "行政执法事项下放到镇街");
        let new_doc = Document::from_text("n", "已先后三批下放镇街综合执法事项1216项。");
        let mut j = ind("三批下放镇街综合执法事项", 1216.0, "项", 0);
        j.range = CharRange::new(3, 3 + "三批下放镇街综合执法事项1216项".chars().count());
        assert_eq!(completed_name(&new_doc, &j), "三批下放镇街综合执法事项");
        let pairs = indicator_pairs_in(&doc, &[i], &new_doc, &[j]);
        assert!(pairs[0].is_pair(), "{pairs:#?}");
        assert_eq!(pairs[0].trend, Some(Trend::Up));
    }

    #[test]
    fn json_sides_are_null_when_missing() {
        let pairs = indicator_pairs(&[ind("刑拘", 142.0, "人", 0)], &[]);
        let v = serde_json::to_value(&pairs).unwrap();
        assert_eq!(v[0]["name"], "刑拘");
        assert_eq!(v[0]["old"]["value"], 142.0);
        assert_eq!(v[0]["old"]["unit"], "人");
        assert!(v[0]["old"]["raw"].is_string());
        assert!(v[0]["new"].is_null());
        assert!(v[0]["trend"].is_null());
    }
}
