//! What kind of statement a sentence is, independent of any checklist item:
//! does it report a concrete act, document, number or result, or is it a
//! slogan, a lead-in or a bare list; which of its spans are lists of tasks
//! and which are names (departments, companies, projects) rather than
//! topics; is it the work of courts, procuratorates or police.
//!
//! These are properties of Chinese official prose in general (the 公文
//! register of every annual report), not of any report: a number with a
//! measure word, a date, an issued 《document》 or a verb of a finished act
//! mark a report of work; parallel 亲自部署、亲自过问 phrases, 为指导 and
//! 高度重视 mark a slogan; a sentence ending in a colon introduces what
//! follows.

use std::sync::LazyLock;

use super::keyword_trie::KeywordTrie;

/// The kind of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatementKind {
    /// Reports a concrete act, document, number, date or result.
    Concrete,
    /// A slogan: parallel phrases or the language of resolve, with nothing concrete.
    Slogan,
    /// Introduces what follows ("但还存在不足：").
    LeadIn,
    /// None of the above: on-topic prose without a concrete act.
    Plain,
}

/// What the analysis knows about one sentence before looking at items.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Statement {
    /// Its kind.
    pub kind: StatementKind,
    /// Work of courts, procuratorates or police (criminal cases, 扫黑除恶);
    /// set by [`classify`] from the sentence and by the caller from the
    /// headings above it ([`is_criminal`]).
    pub judicial: bool,
    /// Names courts, procuratorates or police: their work is not the
    /// government's, so such a sentence counts for less even outside
    /// criminal cases.
    pub names_justice: bool,
    /// Char ranges (relative to the sentence) of enumerations of three or
    /// more short phrases joined by 、 ("公众参与、专家论证、风险评估").
    pub lists: Vec<(usize, usize)>,
    /// Char ranges (relative to the sentence) that are names: a list closed
    /// by 等…部门/企业/项目 ("志远环保、兴联机电等6个项目"), or a word
    /// followed by an organisation suffix ("市场监督管理局").
    pub names: Vec<(usize, usize)>,
    /// Char ranges of 《titles》 of laws and documents the sentence only
    /// refers to (学习《审计法》): a keyword in a title it does not issue
    /// names the document, not work on the topic.
    pub cited: Vec<(usize, usize)>,
}

impl Statement {
    /// True when the char range `[start, end)` (relative to the sentence)
    /// lies inside a list of tasks.
    pub fn in_list(&self, start: usize, end: usize) -> bool {
        self.lists.iter().any(|&(s, e)| s <= start && end <= e)
    }

    /// True when `[start, end)` lies inside a name, or in the title of a
    /// document the sentence only cites.
    pub fn in_name(&self, start: usize, end: usize) -> bool {
        self.names
            .iter()
            .chain(&self.cited)
            .any(|&(s, e)| s <= start && end <= e)
    }
}

/// Measure words after a number that make it a count of something done.
const MEASURES: &[&str] = &[
    "件",
    "次",
    "人",
    "场",
    "个",
    "项",
    "家",
    "户",
    "%",
    "％",
    "元",
    "份",
    "篇",
    "期",
    "名",
    "条",
    "宗",
    "起",
    "部",
    "批",
    "所",
    "天",
    "余",
    "多",
    "万",
    "亿",
    "座",
    "处",
    "支",
    "类",
    "本",
    "册",
    "套",
    "台",
    "辆",
    "米",
    "公里",
    "小时",
    "课时",
    "学时",
    "平方",
    "亩",
    "倍",
    "个百分点",
];

/// Verbs of a finished act or a result: the unit did something that can be checked.
const ACT_VERBS: &[&str] = &[
    "召开",
    "举办",
    "印发",
    "出台",
    "修订",
    "废止",
    "清理",
    "聘请",
    "聘任",
    "办结",
    "审结",
    "受理",
    "建成",
    "设立",
    "成立",
    "组建",
    "开通",
    "上线",
    "出具",
    "答复",
    "调处",
    "化解",
    "完成了",
    "实现了",
    "获评",
    "荣获",
    "获得",
    "入选",
    "被评为",
    "被确定为",
    "编印",
    "发放",
    "接待",
    "走访",
    "签订",
    "制定了",
    "建立了",
    "出台了",
    "开展了",
    "组织了",
    "举行",
    "挂牌",
    "命名",
    "表彰",
    "下发",
    "报送",
    "录入",
    "归集",
];

/// Verbs that issue a document named in 《》.
const ISSUE_VERBS: &[&str] = &[
    "制定", "出台", "印发", "修订", "起草", "发布", "审查", "备案", "编制", "下发", "出具", "审核",
];

/// Words of resolve and instruction, not of acts.
const SLOGAN_WORDS: &[&str] = &[
    "为指导",
    "深入学习贯彻",
    "认真学习贯彻",
    "学习宣传贯彻",
    "坚定不移",
    "高度重视",
    "重要讲话",
    "指示批示",
    "重要指示",
    "牢固树立",
    "始终坚持",
    "切实增强",
    "不断提高",
    "不断提升",
    "持续深化",
    "以人民为中心",
    "政治站位",
    "两个维护",
    "四个意识",
];

/// Courts, procuratorates, police and the political-legal committee.
const JUSTICE: &[&str] = &["法院", "检察院", "公安", "政法委"];

/// Criminal justice: the work of courts, procuratorates and police.
const CRIMINAL: &[&str] = &[
    "扫黑除恶",
    "涉恶",
    "涉黑",
    "犯罪团伙",
    "刑拘",
    "刑事拘留",
    "抓获",
    "破获",
    "侦破",
    "打掉",
    "批捕",
    "提起公诉",
    "判处",
    "审判",
    "黑恶势力",
    "监狱",
    "看守所",
    "戒毒",
    "违法犯罪",
];

/// Keywords on the government's own part in litigation and review: a
/// sentence on criminal cases still counts for these.
pub(crate) const GOVERNMENT_PART: &[&str] = &[
    "应诉",
    "出庭",
    "复议",
    "诉讼",
    "裁判",
    "判决",
    "司法建议",
    "检察建议",
    "败诉",
];

/// Nouns that close a list of names: "A、B等6个项目", "市场监管、城市管理等部门".
const NAME_CLASSES: &[&str] = &[
    "部门",
    "单位",
    "企业",
    "公司",
    "项目",
    "机关",
    "乡镇",
    "镇街",
    "街道",
    "局",
    "委办局",
];

/// Suffixes that make the word before them an organisation's name.
pub(crate) const ORG_SUFFIXES: &[&str] = &["局", "厅", "公司", "集团", "有限", "股份"];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A number followed by a measure word ("13件", "100%", "530多人次"), or a
/// date ("5月30日", "10月底"). A bare year ("2020年") is neither.
fn has_count_or_date(chars: &[char]) -> bool {
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && (is_digit(chars[j]) || matches!(chars[j], '.' | '．' | ',')) {
            j += 1;
        }
        let digits = j - i;
        // The four characters after the number.
        let rest = chars.get(j..(j + 4).min(chars.len())).unwrap_or(&[]);
        if matches!(rest.first(), Some('月' | '日')) {
            return true;
        }
        if rest.first() == Some(&'年') {
            // "2020年" is a year; "3年" is a count of years (rare in reports).
            if digits < 4 {
                return true;
            }
        } else if MEASURES
            .iter()
            .any(|m| crate::text::chars_start_with(rest, m))
        {
            return true;
        }
        i = j;
    }
    false
}

/// A verb in the completed aspect ("构建了", "打赢了"): an act reported as
/// done. 了 in 为了, 了解, 除了 is not an aspect marker.
fn completed_act(chars: &[char]) -> bool {
    chars.iter().enumerate().any(|(i, &c)| {
        c == '了'
            && i > 0
            && chars.get(i - 1).is_some_and(|p| {
                crate::text::is_han(*p) && !matches!(p, '为' | '除' | '不' | '得' | '罢')
            })
            && chars.get(i + 1).is_none_or(|n| *n != '解')
    })
}

/// A 《document》 together with a verb that issues it.
fn issues_document(text: &str) -> bool {
    text.contains('《') && ISSUE_VERBS.iter().any(|v| text.contains(v))
}

/// Three or more phrases in a row that open with the same two characters
/// (亲自部署、亲自过问、亲自协调), or with the same one and end the same
/// (有权必有责、用权受监督): the rhythm of a slogan.
fn parallel_phrases(chars: &[char]) -> bool {
    // The phrases between separators, with opening quotes and spaces
    // dropped, those of two or more characters compared with the one
    // before (one pass, nothing collected).
    let mut previous: Option<&[char]> = None;
    let mut run = 1;
    for s in chars.split(|c| matches!(c, '、' | '，' | ',' | '；' | ';')) {
        let start = s
            .iter()
            .position(|c| !matches!(c, '“' | '"' | ' '))
            .unwrap_or(s.len());
        let b = &s[start..];
        if b.len() < 2 {
            continue;
        }
        if let Some(a) = previous {
            let same_opening = a.len() <= 8 && b.len() <= 8 && a.get(..2) == b.get(..2);
            // 以科学民主决策为发力点，以信息公开为着重点，以…为切入点
            let same_frame =
                a.len() <= 20 && b.len() <= 20 && a.first() == b.first() && a.last() == b.last();
            if same_opening || same_frame {
                run += 1;
                if run >= 3 {
                    return true;
                }
            } else {
                run = 1;
            }
        }
        previous = Some(b);
    }
    false
}

/// Runs of two or more phrases joined by 、 where the inner phrases are
/// short, with how many phrases each has. The first phrase reaches back to
/// the previous clause boundary (it carries the verb: "认真落实重大行政决策
/// 公众参与"). Enumerations are the runs of three or more.
fn runs(chars: &[char]) -> Vec<(usize, usize, usize)> {
    const MAX_ITEM: usize = 14;
    let is_clause_end = |c: char| {
        matches!(
            c,
            '，' | ',' | '。' | '；' | ';' | '：' | ':' | '（' | '(' | '）' | ')'
        )
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '、' {
            i += 1;
            continue;
        }
        // Collect the run of 、-separated phrases around position i.
        let mut start = i;
        while start > 0 && !is_clause_end(chars[start - 1]) {
            start -= 1;
        }
        let mut seps = 1;
        let mut j = i + 1;
        let mut seg_start = i + 1;
        let mut end = chars.len();
        while j < chars.len() {
            let c = chars[j];
            if c == '、' {
                if j - seg_start > MAX_ITEM {
                    end = j;
                    break;
                }
                seps += 1;
                seg_start = j + 1;
            } else if is_clause_end(c) {
                end = j;
                break;
            }
            j += 1;
        }
        // The last phrase ends at the clause end, or at 等.
        let last = chars.get(seg_start..end).unwrap_or(&[]);
        let last_len = last.iter().position(|&c| c == '等').unwrap_or(last.len());
        if last_len <= MAX_ITEM + 4 {
            out.push((start, end, seps + 1));
        }
        i = end.max(i + 1);
    }
    out
}

/// Lists closed by 等…部门/企业/项目 are lists of names.
fn name_lists(chars: &[char], runs: &[(usize, usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(s, e, _) in runs {
        let run = chars.get(s..e).unwrap_or(&[]);
        let Some(deng) = run.iter().rposition(|&c| c == '等') else {
            continue;
        };
        let after = &run[deng..(deng + 12).min(run.len())];
        let names_a_class = NAME_CLASSES
            .iter()
            .any(|n| (0..after.len()).any(|k| crate::text::chars_start_with(&after[k..], n)));
        if names_a_class {
            // The first name starts after the verb: take the last few
            // characters before the first 、 as its span.
            let list_start = run
                .iter()
                .position(|&c| c == '、')
                .map_or(s, |first| s + first.saturating_sub(MAX_NAME));
            out.push((list_start, s + deng));
        }
    }
    out
}

/// Longest name a list item is taken to be.
const MAX_NAME: usize = 8;

/// True when `text` speaks of criminal cases (a sentence or a heading).
pub(crate) fn is_criminal(text: &str) -> bool {
    word_lists_in(&text.chars().collect::<Vec<_>>()) & CRIMINAL_WORD != 0
}

/// Bits of [`word_lists_in`]: which word list has a word in the text.
const ACT_WORD: u8 = 1;
const SLOGAN_WORD: u8 = 2;
const JUSTICE_WORD: u8 = 4;
const CRIMINAL_WORD: u8 = 8;

/// The word lists every sentence is searched for, as one trie: one pass
/// over the sentence instead of a substring search per word.
static WORD_LISTS: LazyLock<(KeywordTrie, Vec<u8>)> = LazyLock::new(|| {
    let lists = [
        (ACT_VERBS, ACT_WORD),
        (SLOGAN_WORDS, SLOGAN_WORD),
        (JUSTICE, JUSTICE_WORD),
        (CRIMINAL, CRIMINAL_WORD),
    ];
    // A word in two lists is one pattern with both bits.
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let mut bits: Vec<u8> = Vec::new();
    for (words, bit) in lists {
        for w in words.iter().filter(|w| !w.is_empty()) {
            let i = *index.entry(w).or_insert_with(|| {
                patterns.push(w);
                bits.push(0);
                patterns.len() - 1
            });
            if let Some(b) = bits.get_mut(i) {
                *b |= bit;
            }
        }
    }
    (KeywordTrie::new(patterns), bits)
});

/// Which of the word lists (ACT_VERBS, SLOGAN_WORDS, JUSTICE, CRIMINAL)
/// have a word in `chars`, as bits: the same as asking `contains` of every
/// word (every occurrence of every word is found).
fn word_lists_in(chars: &[char]) -> u8 {
    let (trie, bits) = &*WORD_LISTS;
    let mut found = 0u8;
    trie.for_each_match(chars, |_, _, pattern| {
        found |= bits.get(pattern).copied().unwrap_or(0);
        found != ACT_WORD | SLOGAN_WORD | JUSTICE_WORD | CRIMINAL_WORD
    });
    found
}

/// The 《titles》 in a sentence, as char ranges inside the brackets.
fn titles(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in chars.iter().enumerate() {
        match c {
            '《' => open = Some(i + 1),
            '》' => {
                if let Some(s) = open.take() {
                    out.push((s, i));
                }
            }
            _ => {}
        }
    }
    out
}

/// What [`classify`] trims from the end of a sentence.
pub(crate) const SENTENCE_ENDS: [char; 7] = ['。', '；', '！', '？', ';', '!', '?'];

/// Classifies one sentence (the tests' way in; the analysis, which has the
/// document's characters, calls [`classify_content`]).
#[cfg(test)]
pub(crate) fn classify(text: &str) -> Statement {
    let content = text.trim_end_matches(SENTENCE_ENDS);
    let chars: Vec<char> = content.chars().collect();
    classify_content(content, &chars)
}

/// [`classify`] of a sentence already trimmed of [`SENTENCE_ENDS`],
/// given with its characters (the analysis has the document's).
pub(crate) fn classify_content(content: &str, chars: &[char]) -> Statement {
    debug_assert!(content.chars().eq(chars.iter().copied()), "{content}");
    let phrase_runs = runs(chars);
    let lists: Vec<(usize, usize)> = phrase_runs
        .iter()
        .filter(|r| r.2 >= 3)
        .map(|&(s, e, _)| (s, e))
        .collect();
    // Two names are enough for a list of names: "A、B等6个项目".
    let names = name_lists(chars, &phrase_runs);
    let words = word_lists_in(chars);
    let issues = issues_document(content);
    let concrete =
        has_count_or_date(chars) || issues || completed_act(chars) || words & ACT_WORD != 0;
    let lead_in = content.trim_end().ends_with(['：', ':']);
    let parallel = parallel_phrases(chars);
    let slogan = parallel || (!concrete && words & SLOGAN_WORD != 0);
    let kind = if lead_in && chars.len() < 60 {
        StatementKind::LeadIn
    } else if concrete && !parallel {
        StatementKind::Concrete
    } else if slogan {
        StatementKind::Slogan
    } else if lead_in {
        StatementKind::LeadIn
    } else {
        StatementKind::Plain
    };
    let cited = if issues { Vec::new() } else { titles(chars) };
    Statement {
        kind,
        judicial: words & CRIMINAL_WORD != 0,
        names_justice: words & JUSTICE_WORD != 0,
        lists,
        names,
        cited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> StatementKind {
        classify(s).kind
    }

    /// The bits a substring search per word gives.
    fn naive_word_lists(text: &str) -> u8 {
        let mut found = 0u8;
        for (words, bit) in [
            (ACT_VERBS, ACT_WORD),
            (SLOGAN_WORDS, SLOGAN_WORD),
            (JUSTICE, JUSTICE_WORD),
            (CRIMINAL, CRIMINAL_WORD),
        ] {
            if words.iter().any(|w| !w.is_empty() && text.contains(w)) {
                found |= bit;
            }
        }
        found
    }

    #[test]
    fn word_lists_are_found_as_a_search_per_word_finds_them() {
        let words: Vec<&str> = [ACT_VERBS, SLOGAN_WORDS, JUSTICE, CRIMINAL].concat();
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        for w in &words {
            let text = format!("前{w}后");
            assert_eq!(
                word_lists_in(&chars(&text)),
                naive_word_lists(&text),
                "{text}"
            );
        }
        // Several words, overlapping and apart, with other text between.
        let mut rng = crate::testing::XorShift::new(11);
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..rng.below(5) {
                let w = words.get(rng.below(words.len())).copied().unwrap_or("");
                let cut = rng.below(w.chars().count() + 1);
                text.extend(w.chars().skip(cut));
                text.push_str(["，", "法治", "", "了"][rng.below(4)]);
                text.push_str(w);
            }
            assert_eq!(
                word_lists_in(&chars(&text)),
                naive_word_lists(&text),
                "{text}"
            );
        }
    }

    /// The phrase runs, name lists and parallel phrases as first written
    /// (collecting strings and vectors), for the random test below.
    fn reference_runs(chars: &[char]) -> Vec<(usize, usize, usize)> {
        const MAX_ITEM: usize = 14;
        let is_clause_end = |c: char| {
            matches!(
                c,
                '，' | ',' | '。' | '；' | ';' | '：' | ':' | '（' | '(' | '）' | ')'
            )
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] != '、' {
                i += 1;
                continue;
            }
            let mut start = i;
            while start > 0 && !is_clause_end(chars[start - 1]) {
                start -= 1;
            }
            let mut seps = vec![i];
            let (mut j, mut seg_start, mut end) = (i + 1, i + 1, chars.len());
            while j < chars.len() {
                let c = chars[j];
                if c == '、' {
                    if j - seg_start > MAX_ITEM {
                        end = j;
                        break;
                    }
                    seps.push(j);
                    seg_start = j + 1;
                } else if is_clause_end(c) {
                    end = j;
                    break;
                }
                j += 1;
            }
            let last: String = chars[seg_start..end].iter().collect();
            let last_len = last
                .find('等')
                .map_or(end - seg_start, |b| last[..b].chars().count());
            if last_len <= MAX_ITEM + 4 {
                out.push((start, end, seps.len() + 1));
            }
            i = end.max(i + 1);
        }
        out
    }

    fn reference_name_lists(chars: &[char], runs: &[(usize, usize, usize)]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &(s, e, _) in runs {
            let text: String = chars[s..e].iter().collect();
            let Some(deng) = text.rfind('等') else {
                continue;
            };
            let after: String = text[deng..].chars().take(12).collect();
            if NAME_CLASSES.iter().any(|n| after.contains(n)) {
                let list_start = text.find('、').map_or(s, |b| {
                    s + text[..b].chars().count().saturating_sub(MAX_NAME)
                });
                out.push((list_start, s + text[..deng].chars().count()));
            }
        }
        out
    }

    fn reference_parallel_phrases(chars: &[char]) -> bool {
        let segments: Vec<&[char]> = chars
            .split(|c| matches!(c, '、' | '，' | ',' | '；' | ';'))
            .map(|s| {
                let start = s
                    .iter()
                    .position(|c| !matches!(c, '“' | '"' | ' '))
                    .unwrap_or(s.len());
                &s[start..]
            })
            .filter(|s| s.len() >= 2)
            .collect();
        let mut run = 1;
        for w in segments.windows(2) {
            let (a, b) = (w[0], w[1]);
            let same_opening = a.len() <= 8 && b.len() <= 8 && a.get(..2) == b.get(..2);
            let same_frame =
                a.len() <= 20 && b.len() <= 20 && a.first() == b.first() && a.last() == b.last();
            if same_opening || same_frame {
                run += 1;
                if run >= 3 {
                    return true;
                }
            } else {
                run = 1;
            }
        }
        false
    }

    /// Random sentences over the characters these functions look at
    /// (separators, clause ends, 等, class nouns, quotes) give the same
    /// answers as the first versions.
    #[test]
    fn phrase_runs_name_lists_and_parallels_match_their_first_versions() {
        let pieces = [
            "、",
            "，",
            ",",
            "；",
            "：",
            "（",
            "）",
            "等",
            "部门",
            "企业",
            "局",
            "项目",
            "“",
            " ",
            "亲自",
            "部署",
            "市场监管",
            "法",
            "治",
            "以",
            "为",
            "点",
            "了",
            "a",
            "1",
        ];
        let mut rng = crate::testing::XorShift::new(23);
        for _ in 0..5000 {
            let n = rng.below(40);
            let text: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            let chars: Vec<char> = text.chars().collect();
            let r = runs(&chars);
            assert_eq!(r, reference_runs(&chars), "{text}");
            assert_eq!(
                name_lists(&chars, &r),
                reference_name_lists(&chars, &r),
                "{text}"
            );
            assert_eq!(
                parallel_phrases(&chars),
                reference_parallel_phrases(&chars),
                "{text}"
            );
        }
    }

    #[test]
    fn counts_dates_documents_and_acts_are_concrete() {
        assert_eq!(
            kind("全年受理行政复议案件13件，审结12件。"),
            StatementKind::Concrete
        );
        assert_eq!(
            kind("党政主要负责人主持召开法治政府建设专题会议11次。"),
            StatementKind::Concrete
        );
        assert_eq!(
            kind("10月底，收集资料并整理装订成册11本。"),
            StatementKind::Concrete
        );
        assert_eq!(
            kind("制定《某区重大行政决策程序规定》，规范决策流程。"),
            StatementKind::Concrete
        );
        assert_eq!(
            kind("聘请律师担任村（社区）法律顾问，实现全覆盖。"),
            StatementKind::Concrete
        );
    }

    #[test]
    fn a_year_alone_is_not_a_count() {
        assert_eq!(kind("2020年，我区深入推进依法行政。"), StatementKind::Plain);
    }

    #[test]
    fn slogans_and_lead_ins_are_not_concrete() {
        assert_eq!(
            kind("亲自部署、亲自过问、亲自协调、亲自督办。"),
            StatementKind::Slogan
        );
        assert_eq!(
            kind("下一步，我们将以习近平法治思想为指导，不断提升依法行政水平。"),
            StatementKind::Slogan
        );
        assert_eq!(
            kind("虽然取得了一定成效,但还存在不足:"),
            StatementKind::LeadIn
        );
        assert_eq!(kind("主要存在以下问题："), StatementKind::LeadIn);
    }

    #[test]
    fn lists_of_tasks_are_found() {
        let text =
            "认真落实重大行政决策公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序";
        let s = classify(text);
        assert_eq!(s.lists.len(), 1, "{s:?}");
        let chars: Vec<char> = text.chars().collect();
        let at = |w: &str| {
            let b = text.find(w).unwrap();
            let start = text[..b].chars().count();
            (start, start + w.chars().count())
        };
        let (a, b) = at("专家论证");
        assert!(s.in_list(a, b));
        let (a, b) = at("合法性审查");
        assert!(s.in_list(a, b));
        assert!(chars.len() > 10);
        // Two phrases are not a list.
        assert!(classify("加强规范性文件备案、审查工作。").lists.is_empty());
    }

    #[test]
    fn lists_closed_by_a_class_noun_are_names() {
        let text = "志远环保、兴联机电、华港物流等6个项目建成投产";
        let s = classify(text);
        let b = text.find("环保").unwrap();
        let start = text[..b].chars().count();
        assert!(s.in_name(start, start + 2), "{s:?}");
        let text = "市场监管、城市管理、安全生产等重点行政执法部门严格落实上级要求";
        let s = classify(text);
        assert!(s.in_name(0, 4), "{s:?}");
        // A list of fields of work is not a list of names.
        let text = "在食品药品、安全生产、生态环境等重点领域开展执法检查";
        assert!(classify(text).names.is_empty());
    }

    #[test]
    fn keywords_in_a_cited_law_are_its_name() {
        let text = "重点学习《中华人民共和国审计法》等法律法规";
        let s = classify(text);
        let b = text.find("审计").unwrap();
        let start = text[..b].chars().count();
        assert!(s.in_name(start, start + 2), "{s:?}");
        // A document the unit issues is its work.
        let text = "制定《某区行政复议工作规定》";
        let s = classify(text);
        assert!(!s.in_name(4, 8), "{s:?}");
    }

    #[test]
    fn criminal_cases_are_judicial() {
        assert!(classify("打掉涉恶犯罪团伙5个，刑拘123人。").judicial);
        assert!(!classify("行政机关负责人出庭应诉率100%。").judicial);
    }
}
