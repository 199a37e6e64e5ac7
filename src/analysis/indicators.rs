//! Quantitative indicators: finds the counted statements of a report's clean
//! text ("受理行政复议案件13件", "结案率达100%", "530多人次", "1.68亿") and turns
//! each into an [`Indicator`] with its value, unit, qualifier, name and
//! character range.
//!
//! The scanner is hand-written and makes one pass over the characters; every
//! look-back and look-ahead is bounded by a small constant, so the cost is
//! linear in the text length (no regex, no backtracking). The word lists
//! (units, fillers, qualifiers) sit at the top of the file so they can be
//! tuned without touching the scanner; they are compiled once into
//! [`WordTable`]s indexed by first or last character.
//!
//! Naming: the counted thing is the clause before the number (bounded by
//! 。；，： and by the previous figure), minus counting verbs and fillers
//! (共/累计/达/为…) and scope words (全年/全区/其中…), cut to 16 characters.
//! When little is left ("聘请19名资深执业律师", "450家中小微企业") the noun
//! after the unit completes it; a bare comparison ("比去年同期增长12.33%")
//! borrows the previous figure's name.
//!
//! What is *not* an indicator: years and dates (年/月/日 are not units),
//! ordinals (第…), document numbers (〔2019〕28号), numbers inside 《…》
//! titles, codes with leading zeros ("0506"), and Chinese numerals used as
//! enumerations or slogans (一是, 三项制度, 一网通办, 两个维护). Chinese numerals
//! are accepted only before a unit and after a counting verb in the same
//! clause ("召开专题会议三次"), because most Chinese numerals in these reports
//! are not counts.

use std::sync::LazyLock;

use crate::analysis::Indicator;
use crate::text::CharRange;

/// Units as written → the unit reported. Longer forms come first so that
/// "人次" wins over "人" and "个百分点" over "个". Money is normalised to 元
/// because 万/亿 are applied as multipliers ("911.2万元" → 9112000 元).
#[rustfmt::skip]
const UNITS: &[(&str, &str)] = &[
    ("个百分点", "个百分点"), ("个工作日", "工作日"), ("平方公里", "平方公里"), ("平方米", "平方米"), ("工作日", "工作日"),
    ("个月", "个月"), ("人次", "人次"), ("批次", "批次"), ("场次", "场次"), ("件次", "件次"),
    ("户次", "户次"), ("辆次", "辆次"), ("架次", "架次"), ("小时", "小时"), ("分钟", "分钟"),
    ("公里", "公里"), ("件", "件"), ("宗", "宗"), ("项", "项"), ("起", "起"),
    ("次", "次"), ("人", "人"), ("名", "名"), ("家", "家"), ("个", "个"),
    ("份", "份"), ("条", "条"), ("户", "户"), ("场", "场"), ("期", "期"),
    ("批", "批"), ("篇", "篇"), ("册", "册"), ("本", "本"), ("块", "块"),
    ("处", "处"), ("所", "所"), ("位", "位"), ("元", "元"), ("天", "天"),
    ("倍", "倍"), ("辆", "辆"), ("台", "台"), ("幢", "幢"), ("栋", "栋"),
    ("座", "座"), ("间", "间"), ("张", "张"), ("亩", "亩"), ("例", "例"),
    ("%", "%"), ("％", "%"), ("‰", "‰"),
];

/// A one-character unit followed by one of these characters is the first half
/// of another word ("人民", "处理", "起草", "场所"), not a unit.
const UNIT_FALSE_FOLLOWERS: &[(char, &str)] = &[
    ('人', "民"),
    ('名', "单称义额"),
    ('处', "理置罚分室"),
    ('起', "草步点诉"),
    ('场', "所景"),
    ('所', "有在以属谓"),
    ('条', "例款"),
    ('批', "准复示"),
    ('期', "间限望待"),
    ('台', "账"),
    ('本', "级市区县地"),
    ('位', "于置"),
    ('间', "隔断"),
    ('例', "如会"),
];

/// Units that count things and can take their name from the noun after them
/// ("聘请19名资深执业律师" → "聘请资深执业律师"); not rates, money or durations.
const CLASSIFIER_UNITS: &[&str] = &[
    "件", "宗", "项", "起", "次", "人", "名", "家", "个", "份", "条", "户", "场", "期", "批", "篇",
    "册", "本", "块", "处", "所", "位", "辆", "台", "幢", "栋", "座", "间", "张", "例", "人次",
    "批次", "场次", "件次", "户次", "辆次", "架次",
];

/// Words directly before a number that make it approximate (raw text keeps them).
const APPROX_PREFIXES: &[&str] = &["大约", "将近", "接近", "约", "近"];
/// Words directly before a number meaning "more than" (qualifier 超过).
const OVER_PREFIXES: &[&str] = &["超过", "超", "逾"];
/// Characters that make "约"/"近" part of another word (节约, 附近).
const APPROX_FALSE_BEFORE: &str = "节制签违履预契合集公附最就临亲贴";

/// Clause-final words between a name and its number that are dropped from the
/// name ("案件共13件", "结案率达100%"). Longest first; checked repeatedly.
#[rustfmt::skip]
const RIGHT_FILLERS: &[&str] = &[
    "不少于", "不低于", "共计", "累计", "总共", "一共", "合计", "总计", "共有", "拥有", "具有", "现有",
    "实有", "达到", "高达", "多达", "均达", "已达", "均为", "分别为", "分别", "数量", "至少", "共",
    "达", "为", "计", "均", "各", "了", "是", "有", "等", "、",
];
/// Characters that, before a one-character filler, make it part of a word
/// (行为, 表达, 统计, 人均, 公共, 所有) so it is kept.
const FILLER_FALSE_BEFORE: &[(&str, &str)] = &[
    ("为", "行作认成因称"),
    ("达", "表传下送到抵"),
    ("计", "统设会审估预"),
    ("均", "人平"),
    ("共", "公"),
    ("有", "所没"),
    ("是", "就还总"),
];

/// Words that start a clause but say nothing about what is counted.
#[rustfmt::skip]
const LEFT_PREFIXES: &[&str] = &[
    "截至目前", "截至年底", "今年以来", "本年度", "其中", "今年", "全年", "年内", "截至", "目前", "同时", "此外",
    "另外", "最终", "先后", "累计", "共计", "合计", "总计", "共", "已经", "已", "并", "还",
    "全区", "全镇", "全市", "全县", "全省", "我区", "我镇", "我市", "我县", "我局", "分别", "有序",
    "积极", "认真", "及时", "依法", "将", "把", "对", "向", "和", "及", "与", "、",
];

/// A name ending in one of these scopes ("组织全区540多个…") is completed by
/// the noun after the unit.
const SCOPE_ENDINGS: &[&str] = &["全区", "全镇", "全市", "全县", "全省", "辖区", "各"];

/// Where a name cut to [`MAX_NAME`] characters may start: a verb that opens
/// the counted phrase ("…负责人主持召开专题会议" → "主持召开专题会议").
const NAME_OPENERS: &[&str] = &[
    "主持", "提供", "处理", "办理", "受理", "审查", "组织", "开展", "召开", "举办", "发放", "新增",
    "完成",
];

/// Date tails left at the start of a name when the look-back stopped at a
/// number ("2022年度共办理…" → "共办理…"; "1-11月共计…" → "共计…").
#[rustfmt::skip]
const DATE_TAILS: &[&str] = &[
    "上半年", "下半年", "年度", "以来", "期间", "月份", "年", "月", "日", "号", "底", "初", "末",
];

/// Verbs of increase / decrease at the end of a name, turned into qualifiers.
const GROWTH_UP: &[&str] = &["增长", "增加", "提高", "提升", "上升", "增幅"];
const GROWTH_DOWN: &[&str] = &[
    "下降", "减少", "降低", "压减", "缩减", "缩短", "压缩", "降幅",
];
/// Comparison words before a growth verb ("比去年同期增长"); `true` marks a
/// year-over-year comparison (qualifier 同比…).
const COMPARATIVES: &[(&str, bool)] = &[
    ("与去年同期相比", true),
    ("比去年同期", true),
    ("较去年同期", true),
    ("比上年同期", true),
    ("较上年同期", true),
    ("比去年", true),
    ("较去年", true),
    ("比上年", true),
    ("较上年", true),
    ("同比", true),
    ("同期", true),
    ("环比", false),
];

/// A name that is only one of these verbs gets the noun after the unit too.
const PURE_VERBS: &[&str] = &[
    "聘请", "选聘", "成立", "设立", "组建", "派出", "培养", "投放", "设置", "建成", "打掉", "有",
    "共有", "拥有", "新增", "举办", "组织", "开展", "召开", "发放", "出动", "建立", "除", "还有",
    "剩", "只剩", "培训", "涉及", "覆盖", "帮助", "服务", "接待", "引进", "安置", "惠及", "带动",
    "配备", "招录",
];

/// Where the noun after a unit stops (once it has at least two characters).
const NOUN_STOPS: &[&str] = &[
    "担任", "参加", "参与", "进驻", "实现", "完成", "下放", "取得", "获得", "进行", "开展", "通过",
    "全部", "被", "的", "和", "与", "及", "等", "在", "对", "均", "已", "报", "为",
];

/// Counting verbs: a Chinese numeral counts only when one of these precedes it
/// in the same clause ("召开专题会议三次", "共办理十二项").
const COUNT_CONTEXT: &[&str] = &[
    "开展", "组织", "召开", "举办", "举行", "共", "累计", "合计", "总计", "达", "完成", "办理",
    "受理", "办结", "审结", "审查", "发放", "印发", "出台", "制定", "培训", "参加", "处理", "化解",
    "调解", "新增", "发布", "聘请", "设立", "建成", "归纳", "梳理", "清理", "取消", "下放", "主持",
    "收到", "接待", "接访", "督导", "检查",
];

/// After a Chinese numeral and unit, these words mark a slogan or a fixed
/// expression ("三项制度", "两个维护"), not a count.
const SLOGAN_FOLLOWERS: &[&str] = &[
    "制度", "维护", "意识", "自信", "确立", "务必", "全面", "统一", "代表", "方面", "工程", "清单",
    "机制", "体系", "结合", "同步", "分离", "合一", "到位", "重点", "基本", "坚持", "必须", "不变",
    "主线", "路线", "战略", "建设", "项目", "龙", "盘",
];

/// Characters before a Chinese numeral that make it an ordinal or part of a
/// word (第一, 每一, 统一, 同一) or a quoted slogan (“两个维护”).
const CN_FALSE_BEFORE: &str = "第每之某几唯统同逐单专“”‘’「」『』\"'";

/// How far (in characters) a name may reach back from its number.
const MAX_LOOKBACK: usize = 24;
/// Longest name kept (characters, counted from the number backwards).
const MAX_NAME: usize = 16;
/// Longest noun taken after a unit.
const MAX_NOUN_AFTER: usize = 12;
/// How far back a counting verb may be for a Chinese numeral.
const CONTEXT_LOOKBACK: usize = 12;

/// A word list compiled once into characters and indexed by its first (or
/// last) character, so that a lookup compares only the few words that can
/// match instead of walking the whole list.
struct WordTable {
    /// Index characters, sorted; `buckets[k]` holds the words keyed by `keys[k]`.
    keys: Vec<char>,
    /// (word as characters, index in the source list), in source order, so
    /// the longest-first order of the lists is kept.
    buckets: Vec<Vec<(Vec<char>, usize)>>,
}

impl WordTable {
    fn new<'w>(words: impl Iterator<Item = &'w str>, by_last: bool) -> Self {
        let mut entries: Vec<(char, Vec<char>, usize)> = words
            .enumerate()
            .filter_map(|(i, w)| {
                let cs: Vec<char> = w.chars().collect();
                let key = if by_last { cs.last() } else { cs.first() };
                key.copied().map(|k| (k, cs, i))
            })
            .collect();
        // Stable: words sharing a key stay in source order.
        entries.sort_by_key(|e| e.0);
        let mut keys: Vec<char> = Vec::new();
        let mut buckets: Vec<Vec<(Vec<char>, usize)>> = Vec::new();
        for (k, cs, i) in entries {
            match buckets.last_mut() {
                Some(bucket) if keys.last() == Some(&k) => bucket.push((cs, i)),
                _ => {
                    keys.push(k);
                    buckets.push(vec![(cs, i)]);
                }
            }
        }
        Self { keys, buckets }
    }

    fn prefixes(words: &[&str]) -> Self {
        Self::new(words.iter().copied(), false)
    }

    fn suffixes(words: &[&str]) -> Self {
        Self::new(words.iter().copied(), true)
    }

    fn bucket(&self, key: Option<&char>) -> &[(Vec<char>, usize)] {
        key.and_then(|k| self.keys.binary_search(k).ok())
            .and_then(|k| self.buckets.get(k))
            .map_or(&[], Vec::as_slice)
    }

    /// Words starting at `pos` and ending by `limit`, as (length, source index).
    fn starting_at<'a>(
        &'a self,
        chars: &'a [char],
        pos: usize,
        limit: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.bucket(chars.get(pos))
            .iter()
            .filter(move |(w, _)| {
                pos + w.len() <= limit && chars.get(pos..pos + w.len()) == Some(w.as_slice())
            })
            .map(|(w, i)| (w.len(), *i))
    }

    /// Words ending at `end` and starting at or after `floor`, as (length, source index).
    fn ending_at<'a>(
        &'a self,
        chars: &'a [char],
        end: usize,
        floor: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let key = end.checked_sub(1).and_then(|p| chars.get(p));
        self.bucket(key)
            .iter()
            .filter(move |(w, _)| {
                end >= floor + w.len() && chars.get(end - w.len()..end) == Some(w.as_slice())
            })
            .map(|(w, i)| (w.len(), *i))
    }
}

/// Every word list, compiled once.
struct Tables {
    units: WordTable,
    right_fillers: WordTable,
    left_prefixes: WordTable,
    date_tails: WordTable,
    growth_up: WordTable,
    growth_down: WordTable,
    comparatives: WordTable,
    approx_prefixes: WordTable,
    over_prefixes: WordTable,
    scope_endings: WordTable,
    name_openers: WordTable,
    noun_stops: WordTable,
    count_context: WordTable,
    slogan_followers: WordTable,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| Tables {
    units: WordTable::new(UNITS.iter().map(|u| u.0), false),
    right_fillers: WordTable::suffixes(RIGHT_FILLERS),
    left_prefixes: WordTable::prefixes(LEFT_PREFIXES),
    date_tails: WordTable::prefixes(DATE_TAILS),
    growth_up: WordTable::suffixes(GROWTH_UP),
    growth_down: WordTable::suffixes(GROWTH_DOWN),
    comparatives: WordTable::new(COMPARATIVES.iter().map(|c| c.0), true),
    approx_prefixes: WordTable::suffixes(APPROX_PREFIXES),
    over_prefixes: WordTable::suffixes(OVER_PREFIXES),
    scope_endings: WordTable::suffixes(SCOPE_ENDINGS),
    name_openers: WordTable::prefixes(NAME_OPENERS),
    noun_stops: WordTable::prefixes(NOUN_STOPS),
    count_context: WordTable::suffixes(COUNT_CONTEXT),
    slogan_followers: WordTable::prefixes(SLOGAN_FOLLOWERS),
});

/// All quantitative statements in `text`, in order of appearance.
///
/// Ranges are character offsets into `text` and cover the counted thing
/// through the number and its unit; `item` is always `None` (assignment to
/// checklist items happens elsewhere).
pub fn extract_indicators(text: &str) -> Vec<Indicator> {
    let chars: Vec<char> = text.chars().collect();
    let mut scanner = Scanner {
        chars: &chars,
        tables: &TABLES,
        out: Vec::new(),
        last_end: 0,
    };
    scanner.run();
    scanner.out
}

/// What follows a number: multiplier, approximation marks, unit and trailing
/// qualifier.
struct Suffix {
    mult: f64,
    unit: &'static str,
    approx: bool,
    trailing: Option<&'static str>,
    /// One past the last character of the unit (and of 以上/左右).
    end: usize,
}

/// A number with its suffix, ready to be named.
struct Quantity {
    /// First character of the number itself.
    num_start: usize,
    value: f64,
    suffix: Suffix,
    /// The number was written as a range ("2—4名"); the value is the lower bound.
    range: bool,
}

struct Scanner<'a> {
    chars: &'a [char],
    tables: &'a Tables,
    out: Vec<Indicator>,
    /// End of the previous indicator: names never reach back across it.
    last_end: usize,
}

impl Scanner<'_> {
    fn run(&mut self) {
        // Depth of 《…》 titles: numbers inside a title are part of its name.
        let mut title_depth = 0usize;
        let mut i = 0;
        while let Some(&c) = self.chars.get(i) {
            match c {
                '《' => title_depth += 1,
                '》' => title_depth = title_depth.saturating_sub(1),
                // A title never spans a sentence; recover from unbalanced marks.
                '\n' | '。' => title_depth = 0,
                '0'..='9' | '０'..='９' if title_depth == 0 => {
                    i = self.arabic_at(i);
                    continue;
                }
                c if title_depth == 0 && is_cn_numeral(c) => {
                    i = self.chinese_at(i);
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn starts_with(&self, pos: usize, word: &str) -> bool {
        (pos..)
            .zip(word.chars())
            .all(|(p, w)| self.at(p) == Some(w))
    }

    fn collect(&self, start: usize, end: usize) -> String {
        self.chars
            .get(start..end)
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    fn skip_spaces(&self, mut j: usize) -> usize {
        while self.at(j) == Some(' ') {
            j += 1;
        }
        j
    }

    /// Scans an Arabic number at `i` (a run start) and emits an indicator if
    /// it has a unit; returns where scanning continues.
    fn arabic_at(&mut self, i: usize) -> usize {
        let (num_end, value) = self.arabic_number(i);
        let mut after = num_end;
        let mut range = false;
        // "2—4名": a range of counts; "2021—2025年" is dropped later for lack of a unit.
        if let (Some(d), Some(n)) = (self.at(num_end), self.at(num_end + 1))
            && is_range_dash(d)
            && is_digit(n)
        {
            after = self.arabic_number(num_end + 1).0;
            range = true;
        }
        let Some(value) = value else { return after };
        if let Some(p) = i.checked_sub(1).and_then(|p| self.at(p))
            && (p == '第' || p == '.' || p == '．' || p.is_ascii_alphabetic())
        {
            return after;
        }
        let Some(suffix) = self.suffix(after) else {
            return after;
        };
        let end = suffix.end;
        self.emit(Quantity {
            num_start: i,
            value,
            suffix,
            range,
        });
        end
    }

    /// Parses digits with thousands separators and a decimal part; returns the
    /// end of the number and its value (`None` for codes like "0506").
    fn arabic_number(&self, i: usize) -> (usize, Option<f64>) {
        let mut s = String::new();
        let mut j = i;
        while let Some(d) = self.at(j).and_then(digit_value) {
            s.push(d);
            j += 1;
        }
        let int_len = s.len();
        // "1,234,567": only when the first group has 1–3 digits and every
        // later group exactly 3, so "2022,经开区" stays a year and a comma.
        if int_len <= 3 {
            while self.at(j) == Some(',')
                && (1..=3).all(|k| self.at(j + k).is_some_and(is_digit))
                && !self.at(j + 4).is_some_and(is_digit)
            {
                for k in 1..=3 {
                    if let Some(d) = self.at(j + k).and_then(digit_value) {
                        s.push(d);
                    }
                }
                j += 4;
            }
        }
        let leading_zero = int_len > 1 && s.starts_with('0');
        if matches!(self.at(j), Some('.' | '．')) && self.at(j + 1).is_some_and(is_digit) {
            s.push('.');
            j += 1;
            while let Some(d) = self.at(j).and_then(digit_value) {
                s.push(d);
                j += 1;
            }
        }
        if leading_zero {
            return (j, None);
        }
        (j, s.parse::<f64>().ok())
    }

    /// Scans a Chinese numeral run at `i` and emits an indicator when it is a
    /// count; returns where scanning continues.
    fn chinese_at(&mut self, i: usize) -> usize {
        let mut end = i;
        while self.at(end).is_some_and(is_cn_numeral) && end - i < 12 {
            end += 1;
        }
        let Some(run) = self.chars.get(i..end) else {
            return end;
        };
        // A bare 一 is almost always "one-off", "a", or part of a word.
        if run == ['一'] {
            return end;
        }
        let Some(value) = parse_cn_numeral(run) else {
            return end;
        };
        if let Some(p) = i.checked_sub(1).and_then(|p| self.at(p))
            && CN_FALSE_BEFORE.contains(p)
        {
            return end;
        }
        let Some(suffix) = self.suffix(end) else {
            return end;
        };
        if suffix.unit == "%" || suffix.unit.is_empty() {
            return end;
        }
        // Slogans and reduplication: "三项制度", "一项项", “四个全面”.
        let after = suffix.end;
        if self.at(after) == Some('”')
            || self.at(after).is_some_and(|c| suffix.unit.starts_with(c))
            || self
                .tables
                .slogan_followers
                .starting_at(self.chars, after, usize::MAX)
                .next()
                .is_some()
        {
            return end;
        }
        if !self.has_count_context(i) {
            return end;
        }
        let next = suffix.end;
        self.emit(Quantity {
            num_start: i,
            value,
            suffix,
            range: false,
        });
        next
    }

    /// True when a counting verb precedes `i` within its clause.
    fn has_count_context(&self, i: usize) -> bool {
        let floor = i.saturating_sub(CONTEXT_LOOKBACK);
        let mut s = i;
        while s > floor && self.at(s - 1).is_some_and(|c| !is_clause_boundary(c)) {
            s -= 1;
        }
        let table = &self.tables.count_context;
        (s..i).any(|p| table.ending_at(self.chars, p + 1, s).next().is_some())
    }

    /// Multiplier, approximation and unit after a number ending at `j`.
    fn suffix(&self, j: usize) -> Option<Suffix> {
        let mut j = self.skip_spaces(j);
        let mut approx = false;
        if matches!(self.at(j), Some('余' | '多')) {
            approx = true;
            j += 1;
        }
        let mut mult = 1.0;
        for (word, m) in [("千万", 1e7), ("亿", 1e8), ("万", 1e4), ("千", 1e3)] {
            if self.starts_with(j, word) {
                mult = m;
                j += word.chars().count();
                break;
            }
        }
        if mult > 1.0 && matches!(self.at(j), Some('余' | '多')) {
            approx = true;
            j += 1;
        }
        j = self.skip_spaces(j);
        let (unit, mut end) = match self.unit_at(j) {
            Some((len, unit)) => (unit, j + len),
            // "1.68亿；": a bare 万/亿 amount keeps an empty unit.
            None if mult >= 1e4 && !self.at(j).is_some_and(crate::text::is_han) => ("", j),
            None => return None,
        };
        let mut trailing = None;
        if self.starts_with(end, "以上") {
            trailing = Some("以上");
            end += 2;
        } else if self.starts_with(end, "左右") {
            approx = true;
            end += 2;
        } else if self.starts_with(end, "全覆盖") {
            trailing = Some("全覆盖");
        }
        Some(Suffix {
            mult,
            unit,
            approx,
            trailing,
            end,
        })
    }

    /// The unit written at `j`: its length in characters and its reported form.
    fn unit_at(&self, j: usize) -> Option<(usize, &'static str)> {
        let (len, idx) = self
            .tables
            .units
            .starting_at(self.chars, j, usize::MAX)
            .next()?;
        let unit = UNITS.get(idx)?.1;
        if len == 1
            && let Some(next) = self.at(j + 1)
            && let Some(first) = self.at(j)
            && UNIT_FALSE_FOLLOWERS
                .iter()
                .any(|(u, f)| *u == first && f.contains(next))
        {
            return None;
        }
        Some((len, unit))
    }

    /// Names a quantity from its clause and records the indicator.
    fn emit(&mut self, q: Quantity) {
        let Quantity {
            num_start,
            value,
            suffix,
            range,
        } = q;
        let mut approx = suffix.approx || range;
        let mut qualifier: Option<&'static str> = None;

        // Approximation / "more than" words directly before the number.
        let mut raw_start = num_start;
        let t = self.tables;
        if let Some((len, _)) = t.approx_prefixes.ending_at(self.chars, num_start, 0).next() {
            let start = num_start - len;
            let word_like = len == 1
                && start
                    .checked_sub(1)
                    .and_then(|p| self.at(p))
                    .is_some_and(|c| APPROX_FALSE_BEFORE.contains(c));
            if !word_like {
                approx = true;
                raw_start = start;
            }
        } else if let Some((len, _)) = t.over_prefixes.ending_at(self.chars, num_start, 0).next() {
            qualifier = Some("超过");
            raw_start = num_start - len;
        }

        // Look back over the clause for the counted thing.
        let floor = self.last_end.max(raw_start.saturating_sub(MAX_LOOKBACK));
        let mut seg_start = raw_start;
        let mut stopped_at_number = false;
        // "21个单位、810项事项", "35家…和450家…": a number right after 、 or
        // a conjunction starts a new list item and takes the noun after it.
        let list_item = raw_start
            .checked_sub(1)
            .and_then(|p| self.at(p))
            .is_some_and(|c| matches!(c, '、' | '和' | '及' | '与'));
        if !list_item {
            while seg_start > floor {
                let Some(c) = self.at(seg_start - 1) else {
                    break;
                };
                if is_clause_boundary(c) {
                    break;
                }
                if is_digit(c) || c == '%' || c == '％' {
                    stopped_at_number = true;
                    break;
                }
                seg_start -= 1;
            }
        }
        let mut a = seg_start;
        let mut b = raw_start;
        if stopped_at_number {
            a = self.strip_left(a, b, &t.date_tails);
        }

        // Right end: fillers, qualifiers and growth verbs between name and number.
        let mut growth: Option<(bool, bool)> = None; // (up, year-over-year)
        let mut comparative_only = false;
        loop {
            let filler = t
                .right_fillers
                .ending_at(self.chars, b, a)
                .find(|&(len, idx)| self.filler_is_word(b - len, idx));
            if let Some((len, idx)) = filler {
                b -= len;
                let w = RIGHT_FILLERS.get(idx).copied().unwrap_or_default();
                if w.contains('达') && qualifier.is_none() {
                    qualifier = Some("达");
                } else if matches!(w, "不少于" | "不低于" | "至少") {
                    qualifier = Some("不少于");
                }
                continue;
            }
            if growth.is_none() {
                let up = t.growth_up.ending_at(self.chars, b, a).next();
                let down = t.growth_down.ending_at(self.chars, b, a).next();
                if let Some((len, is_up)) = up.map(|u| (u.0, true)).or(down.map(|d| (d.0, false))) {
                    b -= len;
                    let mut yoy = false;
                    if let Some((len, idx)) = t.comparatives.ending_at(self.chars, b, a).next() {
                        b -= len;
                        yoy = COMPARATIVES.get(idx).is_some_and(|c| c.1);
                        comparative_only = b == a;
                    }
                    growth = Some((is_up, yoy));
                    continue;
                }
            }
            break;
        }
        if let Some((up, yoy)) = growth {
            qualifier = Some(match (up, yoy) {
                (true, true) => "同比增长",
                (false, true) => "同比下降",
                (true, false) => "增长",
                (false, false) => "下降",
            });
        }
        if qualifier.is_none() {
            qualifier = suffix.trailing;
        } else if suffix.trailing == Some("以上") && qualifier == Some("达") {
            qualifier = Some("以上");
        }
        a = self.strip_enumeration(a, b);
        a = self.strip_left(a, b, &t.left_prefixes);
        if b > a + MAX_NAME {
            a = self.cut_name(b);
        }
        let mut range_start = if a < b { a } else { raw_start };
        let mut name = self.collect(a, b);

        let mut end = suffix.end;
        // A bare verb or scope ("聘请19名…", "组织全区540多个…") needs the noun after the unit.
        let needs_noun = b - a <= 2
            || PURE_VERBS.contains(&name.as_str())
            || t.scope_endings.ending_at(self.chars, b, a).next().is_some();
        if comparative_only {
            // "…4698户，比去年同期增长12.33%": the growth of the previous figure.
            range_start = seg_start;
            name = self.previous_name(seg_start).unwrap_or_default();
        } else if needs_noun && CLASSIFIER_UNITS.contains(&suffix.unit) {
            let noun_end = self.noun_after(suffix.end);
            if noun_end > suffix.end {
                name.push_str(&self.collect(suffix.end, noun_end));
                end = noun_end;
            }
        }
        if name.is_empty() {
            // "起诉8宗69人": the second figure shares the first one's subject.
            name = self.previous_name(raw_start).unwrap_or_default();
        }

        let value = value * suffix.mult;
        self.out.push(Indicator {
            name,
            value,
            unit: suffix.unit.to_string(),
            raw: self.collect(raw_start, suffix.end),
            approx,
            qualifier: qualifier.map(str::to_string),
            range: CharRange::new(range_start.min(raw_start), end),
            item: None,
        });
        self.last_end = end;
    }

    /// True when filler number `idx` of [`RIGHT_FILLERS`], starting at
    /// `start`, is a filler there and not the tail of another word ("行为", "统计").
    fn filler_is_word(&self, start: usize, idx: usize) -> bool {
        let Some(w) = RIGHT_FILLERS.get(idx) else {
            return false;
        };
        let before = start.checked_sub(1).and_then(|p| self.at(p));
        !FILLER_FALSE_BEFORE
            .iter()
            .any(|(f, chars)| f == w && before.is_some_and(|c| chars.contains(c)))
    }

    /// Skips an enumeration mark left at the start of a name by a run-in
    /// heading or list ("五、…", "（一）…", "一是…").
    fn strip_enumeration(&self, a: usize, b: usize) -> usize {
        let numeral = |p: usize| self.at(p).is_some_and(is_cn_numeral);
        let skip = if numeral(a) && matches!(self.at(a + 1), Some('、' | '是')) {
            2
        } else if matches!(self.at(a), Some('（' | '('))
            && numeral(a + 1)
            && matches!(self.at(a + 2), Some('）' | ')'))
        {
            3
        } else {
            0
        };
        if a + skip <= b { a + skip } else { a }
    }

    /// Start of a name that ends at `b` and is longer than [`MAX_NAME`]: at
    /// the first verb that opens the counted phrase, else after a list mark,
    /// else simply [`MAX_NAME`] characters back.
    fn cut_name(&self, b: usize) -> usize {
        let w = b.saturating_sub(MAX_NAME);
        let openers = &self.tables.name_openers;
        let opener = (w..b.saturating_sub(2))
            .find(|&p| openers.starting_at(self.chars, p, b).next().is_some());
        if let Some(p) = opener {
            return p;
        }
        (w..(w + 6).min(b))
            .find(|&p| self.at(p).is_some_and(|c| matches!(c, '、' | '的' | '和')))
            .map_or(w, |p| p + 1)
    }

    /// Skips any of `words` at `a` repeatedly, never past `b`.
    fn strip_left(&self, mut a: usize, b: usize, words: &WordTable) -> usize {
        while let Some((len, _)) = words.starting_at(self.chars, a, b).next() {
            a += len;
        }
        a
    }

    /// End of the noun phrase after a unit ("19名资深执业律师担任…" → after 律师).
    fn noun_after(&self, start: usize) -> usize {
        let mut j = start;
        while j - start < MAX_NOUN_AFTER {
            let Some(c) = self.at(j) else { break };
            let ok = crate::text::is_han(c) || matches!(c, '（' | '）' | '(' | ')' | '“' | '”');
            if !ok || is_cn_numeral(c) && j == start {
                break;
            }
            let stops = &self.tables.noun_stops;
            if j - start >= 2
                && stops
                    .starting_at(self.chars, j, usize::MAX)
                    .next()
                    .is_some()
            {
                break;
            }
            j += 1;
        }
        j
    }

    /// The previous indicator's name when it is in the same sentence as `pos`.
    fn previous_name(&self, pos: usize) -> Option<String> {
        let prev = self.out.last()?;
        let gap = pos.checked_sub(prev.range.end)?;
        if gap > MAX_LOOKBACK {
            return None;
        }
        let same_sentence = (prev.range.end..pos).all(|p| {
            self.at(p)
                .is_some_and(|c| !matches!(c, '。' | '；' | ';' | '\n' | '！' | '？'))
        });
        same_sentence.then(|| prev.name.clone())
    }
}

/// ASCII or full-width decimal digit.
fn is_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９')
}

/// The ASCII digit for an ASCII or full-width digit.
fn digit_value(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
    )
}

fn is_range_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '~' | '～' | '至')
}

/// Characters that end a clause: names never reach back across them.
fn is_clause_boundary(c: char) -> bool {
    matches!(
        c,
        '。' | '；'
            | '，'
            | '：'
            | '！'
            | '？'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\n'
            | '\r'
            | '\t'
            | ' '
            | '\u{3000}'
            | '|'
            | '>'
            | '<'
            | '【'
            | '】'
            | '…'
    )
}

/// Value of a Chinese numeral ("十二" → 12, "一百二十" → 120, "三万五千" →
/// 35000); `None` for runs that are not one number ("一五", "二〇二〇").
fn parse_cn_numeral(run: &[char]) -> Option<f64> {
    let mut total = 0.0;
    let mut section = 0.0;
    let mut digit: Option<f64> = None;
    let mut prev_was_digit = false;
    let mut last_small = f64::INFINITY;
    for &c in run {
        if let Some(d) = cn_digit(c) {
            if prev_was_digit && digit != Some(0.0) {
                return None;
            }
            digit = Some(d);
            prev_was_digit = true;
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let u = match c {
                    '十' => 10.0,
                    '百' => 100.0,
                    _ => 1000.0,
                };
                if u >= last_small {
                    return None;
                }
                let d = match digit {
                    Some(d) if d > 0.0 => d,
                    // "十二": a leading 十 means one ten.
                    None if u == 10.0 && section == 0.0 => 1.0,
                    _ => return None,
                };
                section += d * u;
                last_small = u;
            }
            '万' | '亿' => {
                let s = section + digit.unwrap_or(0.0);
                if s == 0.0 {
                    return None;
                }
                if c == '亿' {
                    total = (total + s) * 1e8;
                } else {
                    total += s * 1e4;
                }
                section = 0.0;
                last_small = f64::INFINITY;
            }
            _ => return None,
        }
        digit = None;
        prev_was_digit = false;
    }
    Some(total + section + digit.unwrap_or(0.0))
}

fn cn_digit(c: char) -> Option<f64> {
    let d = match c {
        '零' | '〇' => 0.0,
        '一' => 1.0,
        '二' | '两' => 2.0,
        '三' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        _ => return None,
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::char_slice;

    fn one(text: &str) -> Indicator {
        let found = extract_indicators(text);
        assert_eq!(
            found.len(),
            1,
            "expected one indicator in {text:?}, got {found:#?}"
        );
        found.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    fn none(text: &str) {
        let found = extract_indicators(text);
        assert!(
            found.is_empty(),
            "expected no indicator in {text:?}, got {found:#?}"
        );
    }

    #[test]
    fn arabic_integer_with_name_and_range() {
        let text = "认真做好行政复议工作，受理行政复议案件13件。";
        let ind = one(text);
        assert_eq!(ind.name, "受理行政复议案件");
        assert_eq!(ind.value, 13.0);
        assert_eq!(ind.unit, "件");
        assert_eq!(ind.raw, "13件");
        assert!(!ind.approx);
        assert_eq!(ind.qualifier, None);
        assert_eq!(ind.item, None);
        assert_eq!(char_slice(text, ind.range), "受理行政复议案件13件");
        assert_eq!(ind.range, CharRange::new(11, 22));
    }

    #[test]
    fn counting_verbs_are_stripped_from_the_name() {
        let ind = one("今年我区作为复议机关受理的行政复议案件共13件");
        assert_eq!(ind.name, "作为复议机关受理的行政复议案件");
        // Long clauses are cut at the counting verb …
        let ind = one("我区管委会和各部门作为复议机关受理的行政复议案件共13件");
        assert_eq!(ind.name, "受理的行政复议案件");
        // … or, without one, keep the 16 characters nearest the number.
        let ind = one("区内各级各类学校幼儿园托育机构校外培训机构的在校学生人数共13000人");
        assert_eq!(ind.name.chars().count(), MAX_NAME);
        assert!(ind.name.ends_with("在校学生人数"));
        let ind = one("2022年度共办理政府法律顾问事务243件");
        assert_eq!(ind.name, "办理政府法律顾问事务");
        assert_eq!(ind.value, 243.0);
        let ind = one("1-11月共计归集上报数据11737条");
        assert_eq!(ind.name, "归集上报数据");
        assert_eq!(ind.value, 11737.0);
        assert_eq!(ind.unit, "条");
    }

    #[test]
    fn several_figures_in_one_sentence() {
        let text = "受理行政复议案件40件，办结38件，其中终止36件，不予受理1件；正在审理中2件。";
        let found = extract_indicators(text);
        let got: Vec<(&str, f64)> = found.iter().map(|i| (i.name.as_str(), i.value)).collect();
        assert_eq!(
            got,
            vec![
                ("受理行政复议案件", 40.0),
                ("办结", 38.0),
                ("终止", 36.0),
                ("不予受理", 1.0),
                ("正在审理中", 2.0)
            ]
        );
        for ind in &found {
            assert_eq!(ind.unit, "件");
            assert!(char_slice(text, ind.range).ends_with(&ind.raw));
        }
    }

    #[test]
    fn decimals_and_percentages() {
        let ind = one("行政许可事项时限压缩率95.87%");
        assert_eq!(ind.name, "行政许可事项时限压缩率");
        assert_eq!(ind.value, 95.87);
        assert_eq!(ind.unit, "%");
        assert_eq!(ind.raw, "95.87%");

        let found = extract_indicators("审结13宗，结案率达100%。");
        let rate = &found[1];
        assert_eq!(rate.name, "结案率");
        assert_eq!(rate.value, 100.0);
        assert_eq!(rate.qualifier.as_deref(), Some("达"));

        let ind = one("提高3.5个百分点");
        assert_eq!(ind.unit, "个百分点");
        assert_eq!(ind.value, 3.5);
        assert_eq!(ind.qualifier.as_deref(), Some("增长"));
        let ind = one("参加率１００％");
        assert_eq!((ind.value, ind.unit.as_str()), (100.0, "%"));
    }

    #[test]
    fn growth_after_a_figure_is_its_own_indicator() {
        let text = "全区实有各类市场主体28716户，新增各类市场主体4698户，比去年同期增长12.33%，市场主体总量稳步增长。";
        let found = extract_indicators(text);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!(found[1].name, "新增各类市场主体");
        assert_eq!((found[1].value, found[1].unit.as_str()), (4698.0, "户"));
        let growth = &found[2];
        assert_eq!((growth.value, growth.unit.as_str()), (12.33, "%"));
        assert_eq!(growth.qualifier.as_deref(), Some("同比增长"));
        assert_eq!(growth.name, "新增各类市场主体");
        assert_eq!(char_slice(text, growth.range), "比去年同期增长12.33%");

        let ind = one("年度常规检查频次同比压减25%");
        assert_eq!(ind.name, "年度常规检查频次");
        assert_eq!(ind.qualifier.as_deref(), Some("同比下降"));
    }

    #[test]
    fn thousands_separators() {
        let ind = one("共办理1,234件");
        assert_eq!(ind.value, 1234.0);
        assert_eq!(ind.raw, "1,234件");
        let ind = one("访问总量3,572,178人次");
        assert_eq!(ind.value, 3_572_178.0);
        assert_eq!(ind.unit, "人次");
        // A year followed by an ASCII comma is not a thousands group.
        let found = extract_indicators("2022,经开区办理案件123件");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, 123.0);
    }

    #[test]
    fn multipliers() {
        let ind = one("查封、扣押、冻结涉案财产1.68亿；");
        assert_eq!(ind.value, 168_000_000.0);
        assert_eq!(ind.unit, "");
        assert_eq!(ind.raw, "1.68亿");
        let ind = one("开展培训3.5万人次");
        assert_eq!(ind.value, 35_000.0);
        assert_eq!(ind.unit, "人次");
        let ind = one("调解涉及金额高达911.2万元");
        assert!((ind.value - 9_112_000.0).abs() < 1e-6);
        assert_eq!(ind.unit, "元");
        assert_eq!(ind.raw, "911.2万元");
        assert_eq!(ind.qualifier.as_deref(), Some("达"));
        let ind = one("投资1200多万元建成基地");
        assert_eq!(ind.value, 12_000_000.0);
        assert!(ind.approx);
        assert_eq!(ind.raw, "1200多万元");
        let ind = one("湛江钢铁项目完成投资17.3亿元");
        assert!((ind.value - 1_730_000_000.0).abs() < 1.0);
    }

    #[test]
    fn approximations() {
        let ind = one("共办理多证合一23000余份");
        assert_eq!(
            (ind.value, ind.unit.as_str(), ind.approx),
            (23000.0, "份", true)
        );
        assert_eq!(ind.raw, "23000余份");
        assert_eq!(ind.name, "办理多证合一");
        let ind = one("全区综合行政执法人员530多人次参加了培训");
        assert_eq!(
            (ind.value, ind.unit.as_str(), ind.approx),
            (530.0, "人次", true)
        );
        assert_eq!(ind.name, "综合行政执法人员");
        let ind = one("固化房屋约4000幢");
        assert!(ind.approx);
        assert_eq!(ind.raw, "约4000幢");
        assert_eq!(ind.name, "固化房屋");
        let ind = one("覆盖群众近5000人");
        assert!(ind.approx);
        assert_eq!(ind.raw, "近5000人");
        let ind = one("培训干部300人左右");
        assert!(ind.approx);
        assert_eq!(ind.raw, "300人左右");
        let ind = one("驻村律师全年提供法律咨询超500人次");
        assert!(!ind.approx);
        assert_eq!(ind.qualifier.as_deref(), Some("超过"));
        assert_eq!(ind.raw, "超500人次");
        let ind = one("调解成功率、执行率均达98%以上");
        assert_eq!(ind.qualifier.as_deref(), Some("以上"));
        assert_eq!(ind.raw, "98%以上");
        assert_eq!(ind.name, "调解成功率、执行率");
        // 节约 is a verb, not "about".
        let ind = one("节约资金30万元");
        assert!(!ind.approx);
        assert_eq!(ind.name, "节约资金");
    }

    #[test]
    fn chinese_numerals_as_counts() {
        let ind = one("党政主要负责人召开专题会议三次。");
        assert_eq!((ind.value, ind.unit.as_str()), (3.0, "次"));
        assert_eq!(ind.raw, "三次");
        let ind = one("共办理十二项");
        assert_eq!(ind.value, 12.0);
        let ind = one("累计受理一百二十件");
        assert_eq!(ind.value, 120.0);
        let ind = one("组织开展两件");
        assert_eq!(ind.value, 2.0);
        let ind = one("我镇共归纳具体工作事项一千多项");
        assert_eq!((ind.value, ind.approx), (1000.0, true));
        assert_eq!(ind.name, "归纳具体工作事项");
        let ind = one("共举办培训二十余期");
        assert_eq!(
            (ind.value, ind.approx, ind.unit.as_str()),
            (20.0, true, "期")
        );
        assert_eq!(parse_cn_numeral(&['三', '万', '五', '千']), Some(35000.0));
        assert_eq!(parse_cn_numeral(&['一', '千', '零', '五']), Some(1005.0));
        assert_eq!(parse_cn_numeral(&['二', '〇', '二', '〇']), None);
        assert_eq!(parse_cn_numeral(&['一', '五']), None);
    }

    #[test]
    fn chinese_numerals_that_are_not_counts() {
        none("一是提高政治站位。二是扎实谋划部署。");
        none("一、主要举措和成效（一）强化组织领导");
        none("第一责任人职责，荣获第一名");
        none("推进一体化平台建设，实现一网通办，打造一站式服务");
        none("两个维护，“两个维护”，坚决做到两个确立");
        none("落实行政执法“三项制度”，推行三项制度执法模式，组织落实三项制度");
        none("深入推进“双随机、一公开”监管");
        none("全面实施“八五”普法规划，八五普法");
        none("全面贯彻党的十九大和十九届二中、三中、四中全会精神");
        none("已先后三批下放镇街综合执法事项");
        none("最多跑一次，每半年报告一次，只剩一宗案件未审结");
        none("通过四个示范点社区推荐");
        none("统一五项标准");
        none("突出多元化调解机制改革和镇街综合行政执法体制改革两条主线");
        none("完成“雪亮工程”二期建设，组织开展二期工程");
    }

    #[test]
    fn years_dates_and_times_are_not_indicators() {
        none("2020年，在市委的领导下");
        none("3月底前公开，10月底前完成，2025年12月3日");
        none("“12·4”国家宪法日，“4·15”国家安全教育日");
        none("发布日期:2023-02-22 09:25:33");
        none("《法治政府建设实施纲要(2021—2025年)》");
        none("打赢了“0506”、“0804”疫情防控遭遇战");
        none("2022年度经开区质量考核得分90.5分");
        none("统筹梳理全区4862政务服务事项");
    }

    #[test]
    fn ordinals_document_numbers_and_titles_are_not_indicators() {
        none("获评第九批示范村，第1批名单，第3次会议");
        none("根据湛府〔2019〕28号文件");
        none("制定《2020年度30项重点任务清单》和《关于印发100条措施的通知》");
        none("1.认真安排部署。2.精心组织实施。（3）项目建设");
        none("央视12套社会与法栏目");
        none("与现行-3-法律规定不一致");
    }

    #[test]
    fn ranges_are_lower_bound_and_approximate() {
        let ind = one("为每个村培养2—4名“法律明白人”");
        assert_eq!(
            (ind.value, ind.unit.as_str(), ind.approx),
            (2.0, "名", true)
        );
        assert_eq!(ind.raw, "2—4名");
    }

    #[test]
    fn name_taken_after_the_unit_when_clause_is_empty() {
        let text = "聘请19名资深执业律师担任全区50条村（社区）法律顾问";
        let found = extract_indicators(text);
        assert_eq!(found[0].name, "聘请资深执业律师");
        assert_eq!((found[0].value, found[0].unit.as_str()), (19.0, "名"));
        assert_eq!(char_slice(text, found[0].range), "聘请19名资深执业律师");
        let text = "其中11件案件均维持原具体行政行为，2件案件的复议决定为撤销";
        let found = extract_indicators(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].name, "案件");
        assert_eq!(char_slice(text, found[1].range), "2件案件");
        let found = extract_indicators("刑拘142人，逮捕114人，起诉8宗69人");
        let names: Vec<&str> = found.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, vec!["刑拘", "逮捕", "起诉", "起诉"]);
        let ind = &extract_indicators("实现21个政务服务单位、810项事项进驻区行政服务大厅")[1];
        assert_eq!(ind.name, "事项");
        assert_eq!(ind.value, 810.0);
    }

    #[test]
    fn list_items_and_run_in_headings() {
        let text = "对辖区35家规上工业企业和450家中小微企业";
        let found = extract_indicators(text);
        let names: Vec<&str> = found.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, vec!["辖区规上工业企业", "中小微企业"]);
        assert_eq!(char_slice(text, found[1].range), "450家中小微企业");
        // A heading glued to its paragraph leaves "五、" before the name.
        let ind = one("五、全面推行政务公开编制18个领域");
        assert_eq!(ind.name, "全面推行政务公开编制");
        let ind = one("（二）办理复议案件12件");
        assert_eq!(ind.name, "办理复议案件");
    }

    #[test]
    fn long_names_start_at_the_counting_verb() {
        let ind = one("今年以来，党政主要负责人主持召开法治政府建设专题会议11次");
        assert_eq!(ind.name, "主持召开法治政府建设专题会议");
        assert_eq!(ind.value, 11.0);
        let ind = one("组织全区540多个基层党组织");
        assert_eq!(ind.name, "组织全区基层党组织");
        assert!(ind.approx);
    }

    #[test]
    fn offsets_are_characters_not_bytes() {
        let text = "ａ法治政府建设😀，发布政府规范性文件1件，报备率、审查率达100%";
        let found = extract_indicators(text);
        assert_eq!(found.len(), 2);
        assert_eq!(char_slice(text, found[0].range), "发布政府规范性文件1件");
        assert_eq!(found[0].range.start, 9);
        assert_eq!(char_slice(text, found[1].range), "报备率、审查率达100%");
    }

    #[test]
    fn words_that_look_like_units() {
        none("3人民群众");
        none("第二批重复信访5处理");
        let ind = one("建成5所学校");
        assert_eq!(ind.unit, "所");
    }

    #[test]
    fn long_text_yields_every_chunks_indicators() {
        // Speed is measured by `cargo bench --bench pipeline`
        // (check/indicators_500k_chars); here only the work done.
        let chunk = "全区处理各类民间纠纷共518宗，开展矛盾纠纷排查372起，调解成功率达98%以上，\
                     投资1200多万元，召开会议三次，2020年12月，《2020年30项任务》，一是二是。";
        let n = 500_000 / chunk.chars().count() + 1;
        let text = chunk.repeat(n);
        let found = extract_indicators(&text);
        assert_eq!(found.len(), 5 * n);
    }
}
