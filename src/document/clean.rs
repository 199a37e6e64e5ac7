//! Cleaning: raw extracted text → clean text, with a log of every kind of
//! change. Repairs what PDF extraction and web copying do to a report —
//! hard line breaks inside sentences, page numbers, site chrome, spaces
//! between CJK characters and digits — and changes no other character.
//!
//! Output: one paragraph per line (`\n` between paragraphs, no blank lines).

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::text::{is_cjk, is_cjk_punct, iso_date};

/// The kinds of change cleaning makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CleaningKind {
    /// Hard line breaks inside a sentence re-joined.
    LineJoin,
    /// Page-number lines and marks dropped ("— 8 —", "-3-", "第 3 页").
    PageNumber,
    /// Web-site chrome dropped (breadcrumbs, 热搜, 【打印】, 网站地图…).
    WebChrome,
    /// Web metadata lines (来源, 发布日期) moved out of the text into metadata.
    WebMetadata,
    /// A duplicated page title dropped.
    DuplicateTitle,
    /// Injected watermarks, URLs and pinyin annotations removed.
    Watermark,
    /// Spaces between CJK characters, or between CJK and digits, removed.
    CjkSpacing,
    /// Other runs of white space collapsed to one space.
    Whitespace,
    /// Paragraph indents (ideographic spaces) removed.
    Indent,
    /// Control and zero-width characters removed.
    ControlChar,
}

impl CleaningKind {
    /// Stable snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CleaningKind::LineJoin => "line_join",
            CleaningKind::PageNumber => "page_number",
            CleaningKind::WebChrome => "web_chrome",
            CleaningKind::WebMetadata => "web_metadata",
            CleaningKind::DuplicateTitle => "duplicate_title",
            CleaningKind::Watermark => "watermark",
            CleaningKind::CjkSpacing => "cjk_spacing",
            CleaningKind::Whitespace => "whitespace",
            CleaningKind::Indent => "indent",
            CleaningKind::ControlChar => "control_char",
        }
    }

    /// Short description in the user's language.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let (zh, en) = match self {
            CleaningKind::LineJoin => ("合并句中硬换行", "line breaks re-joined"),
            CleaningKind::PageNumber => ("删除页码", "page numbers removed"),
            CleaningKind::WebChrome => ("删除网页导航等杂项", "web chrome removed"),
            CleaningKind::WebMetadata => ("网页元数据移入元数据", "web metadata moved to metadata"),
            CleaningKind::DuplicateTitle => ("删除重复标题", "duplicate title removed"),
            CleaningKind::Watermark => ("删除水印/网址/拼音", "watermarks removed"),
            CleaningKind::CjkSpacing => (
                "删除汉字与数字间多余空格",
                "spaces between CJK and digits removed",
            ),
            CleaningKind::Whitespace => ("合并多余空白", "white space collapsed"),
            CleaningKind::Indent => ("删除段首缩进", "indents removed"),
            CleaningKind::ControlChar => ("删除控制字符", "control characters removed"),
        };
        lang.pick(zh, en)
    }
}

/// One example of a change: where (character offset in the clean text) and
/// what was removed or joined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CleaningSample {
    /// Character offset in the clean text where the change took effect.
    pub at: usize,
    /// What was removed (shortened), or the characters around a join.
    pub text: String,
}

/// How often one kind of change happened, with the first examples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CleaningEntry {
    /// What kind of change.
    pub kind: CleaningKind,
    /// How many times.
    pub count: usize,
    /// The first examples (at most [`MAX_SAMPLES`]).
    pub samples: Vec<CleaningSample>,
}

/// Examples kept per kind.
pub const MAX_SAMPLES: usize = 20;

/// Every change cleaning made, by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CleaningLog {
    /// One entry per kind that occurred, in [`CleaningKind`] order.
    pub entries: Vec<CleaningEntry>,
}

impl CleaningLog {
    fn record(&mut self, kind: CleaningKind, at: usize, text: &str) {
        let idx = match self.entries.iter().position(|e| e.kind == kind) {
            Some(i) => i,
            None => {
                self.entries.push(CleaningEntry {
                    kind,
                    count: 0,
                    samples: Vec::new(),
                });
                self.entries.len() - 1
            }
        };
        if let Some(entry) = self.entries.get_mut(idx) {
            entry.count += 1;
            if entry.samples.len() < MAX_SAMPLES {
                entry.samples.push(CleaningSample {
                    at,
                    text: text.chars().take(60).collect(),
                });
            }
        }
    }

    /// How many changes of `kind` were made.
    pub fn count(&self, kind: CleaningKind) -> usize {
        self.entries
            .iter()
            .find(|e| e.kind == kind)
            .map_or(0, |e| e.count)
    }

    /// Total number of changes.
    pub fn total(&self) -> usize {
        self.entries.iter().map(|e| e.count).sum()
    }
}

/// Metadata found in web-page chrome.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WebMeta {
    /// 来源 (the publishing office).
    pub source: Option<String>,
    /// 发布日期 as ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    /// 成文日期 from a 政府信息公开 table, as ISO `YYYY-MM-DD`.
    pub written: Option<String>,
    /// 索引号 / 发文字号, if shown.
    pub document_number: Option<String>,
    /// The metadata lines as they were.
    pub lines: Vec<String>,
}

/// The result of cleaning.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// Clean text: one paragraph per line.
    pub text: String,
    /// What changed.
    pub log: CleaningLog,
    /// Web metadata taken out of the text.
    pub web: WebMeta,
}

#[allow(clippy::unwrap_used)] // constant patterns, covered by tests
fn re(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

static PAGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[—–\-－_~·•]+\s*\d{1,4}\s*[—–\-－_~·•]+|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|\d{1,3}|[\-—]\s*[IVXivx]{1,5}\s*[\-—])$",
    )
});
static PAGE_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(r"^[—–\-－]\s*\d{1,4}\s*[—–\-－]\s+"));
/// The dashes around an inline page number ([`PAGE_INLINE`]).
const PAGE_DASHES: [char; 4] = ['—', '–', '-', '－'];
static PAGE_INLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\s[—–\-－]\s*\d{1,4}\s*[—–\-－](?:\s|$)"));
static URL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:https?://|www\.)[a-z0-9\-._~/?#=&%]+"));
static WATERMARK: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"[\p{{Han}}]{{2,10}}[—\-－]?{WATERMARK_TAIL}")));
static PINYIN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\p{Han})\([a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜü]{1,6}\)"));
static META_KEY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(文章来源|信息来源|来源|发布日期|发布时间|更新时间|成文日期|索引号|发文字号|发文机关|主题分类|发布机构|浏览次数|作者)\s*[:：]",
    )
});
/// The literal every [`WATERMARK`] holds.
const WATERMARK_TAIL: &str = "全网资源每日更新";

fn has_watermark(p: &str) -> bool {
    p.contains(WATERMARK_TAIL)
}

/// False only when [`URL`] cannot match: no "://" and no "www." in any case.
fn may_hold_url(p: &str) -> bool {
    let www = |(dot, _): (usize, &str)| {
        dot.checked_sub(3)
            .and_then(|start| p.as_bytes().get(start..dot))
            .is_some_and(|w| w.eq_ignore_ascii_case(b"www"))
    };
    p.contains("://") || p.match_indices('.').any(www)
}
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| re(r"(?:\s[>＞»›]\s|[>＞»›].*[>＞»›])"));

/// [`CHROME`] searched at once (one pass over a line, not one per phrase).
static CHROME_MATCHER: LazyLock<Option<aho_corasick::AhoCorasick>> =
    LazyLock::new(|| aho_corasick::AhoCorasick::new(CHROME).ok());

/// Phrases that, in a short line, mark web-site chrome.
const CHROME: &[&str] = &[
    "热搜",
    "【打印】",
    "打印本页",
    "打印整页",
    "打印内容",
    "关闭窗口",
    "【关闭】",
    "字体:",
    "字体：",
    "【大 中 小】",
    "【大】",
    "网站地图",
    "网站声明",
    "联系我们",
    "无障碍",
    "简体|",
    "简体 |",
    "繁体",
    "分享到",
    "扫一扫",
    "扫码",
    "手机浏览",
    "您所在的位置",
    "当前位置",
    "您现在的位置",
    "返回顶部",
    "上一篇",
    "下一篇",
    "相关链接",
    "版权所有",
    "ICP备",
    "公网安备",
    "主办单位",
    "承办单位",
    "技术支持",
    "浏览次数",
    "访问量",
    "今天是",
    "【字体",
    "收藏本页",
    "设为首页",
    "加入收藏",
    "用户登录",
    "政务微博",
    "政务微信",
    "【我要纠错】",
    "打印|",
    "分享：",
    "分享:",
];

/// Cleans raw extracted text. Never fails; every change is logged.
pub fn clean(raw: &str) -> Cleaned {
    let mut log = CleaningLog::default();
    let mut web = WebMeta::default();

    // 1. Characters: line endings, BOM, zero-width and control characters.
    let normal = normalise_characters(raw, &mut log);

    // 2. Lines: classify, drop page numbers and chrome, keep metadata.
    let mut lines: Vec<Line> = Vec::new();
    let mut blank_run = 0usize;
    for raw_line in normal.split('\n') {
        let trimmed = raw_line.trim_matches(is_space);
        if trimmed.is_empty() {
            blank_run += 1;
            continue;
        }
        let indented = raw_line.starts_with('\u{3000}')
            || raw_line.starts_with("  ")
            || raw_line.starts_with('\t');
        if PAGE_LINE.is_match(trimmed) && has_page_shape(trimmed) {
            log.record(CleaningKind::PageNumber, 0, trimmed);
            continue;
        }
        if is_metadata_line(trimmed) {
            take_metadata(trimmed, &mut web);
            log.record(CleaningKind::WebMetadata, 0, trimmed);
            continue;
        }
        if is_chrome(trimmed) {
            log.record(CleaningKind::WebChrome, 0, trimmed);
            continue;
        }
        let mut text = trimmed.to_string();
        if let Some(m) = PAGE_PREFIX.find(&text) {
            log.record(CleaningKind::PageNumber, 0, m.as_str());
            text = text[m.end()..].to_string();
        }
        lines.push(Line {
            text,
            indented,
            blank_before: blank_run > 0,
        });
        blank_run = 0;
    }
    drop_duplicate_title(&mut lines, &mut log);

    // 3. Re-join hard line breaks into paragraphs.
    let width = wrap_width(&lines);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut join_points: Vec<(usize, usize, String)> = Vec::new(); // (paragraph, byte offset, context)
    let mut indents = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if line.indented {
            indents += 1;
        }
        let join = i > 0
            && paragraphs.last().is_some_and(|prev| {
                lines.get(i - 1).is_some_and(|prev_line| {
                    should_join(prev_line, prev, line, width, paragraphs.len())
                })
            });
        match (join, paragraphs.last_mut()) {
            (true, Some(prev)) => {
                let at = prev.len();
                // The last six characters before the join and the first six after.
                let tail = prev.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
                let head = line
                    .text
                    .char_indices()
                    .nth(6)
                    .map_or(line.text.len(), |(i, _)| i);
                let ctx = format!(
                    "{}⏎{}",
                    prev.get(tail..).unwrap_or(""),
                    line.text.get(..head).unwrap_or("")
                );
                if needs_space(prev, &line.text) {
                    prev.push(' ');
                }
                prev.push_str(&line.text);
                join_points.push((paragraphs.len() - 1, at, ctx));
            }
            _ => paragraphs.push(line.text.clone()),
        }
    }

    // 4. Within paragraphs: watermarks, inline page marks, spacing.
    let mut out = String::with_capacity(normal.len());
    let mut out_chars = 0usize;
    let mut join_iter = join_points.into_iter().peekable();
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut p = para.clone();
        // Each regex is run only on a paragraph holding what it cannot match
        // without: most paragraphs hold none, and a regex opening with a
        // class (\p{Han}, \s) scans all of the paragraph.
        for (regex, kind, needed) in [
            (
                &*WATERMARK,
                CleaningKind::Watermark,
                has_watermark as fn(&str) -> bool,
            ),
            (&*URL, CleaningKind::Watermark, may_hold_url),
        ] {
            if needed(&p) && regex.is_match(&p) {
                for m in regex.find_iter(&p) {
                    log.record(kind, out_chars, m.as_str());
                }
                p = regex.replace_all(&p, "").into_owned();
            }
        }
        if p.contains('(') && PINYIN.is_match(&p) {
            for m in PINYIN.find_iter(&p) {
                log.record(CleaningKind::Watermark, out_chars, m.as_str());
            }
            p = PINYIN.replace_all(&p, "$1").into_owned();
        }
        if p.contains(PAGE_DASHES) && PAGE_INLINE.is_match(&p) {
            for m in PAGE_INLINE.find_iter(&p) {
                log.record(CleaningKind::PageNumber, out_chars, m.as_str().trim());
            }
            p = PAGE_INLINE.replace_all(&p, " ").into_owned();
        }
        while let Some((_, _, ctx)) = join_iter.next_if(|(jp, _, _)| *jp == pi) {
            log.record(CleaningKind::LineJoin, out_chars, &ctx);
        }
        let spaced = normalise_spacing(&p, out_chars, &mut log);
        if spaced.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            out_chars += 1;
        }
        out_chars += spaced.chars().count();
        out.push_str(&spaced);
    }
    for _ in 0..indents {
        log.record(CleaningKind::Indent, 0, "　");
    }
    log.entries.sort_by_key(|e| e.kind);
    Cleaned {
        text: out,
        log,
        web,
    }
}

/// A character cleaning drops: the BOM, zero-width characters, the soft
/// hyphen and control characters other than LF, CR (which becomes LF) and
/// tab.
fn is_dropped(c: char) -> bool {
    match c {
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}' => true,
        '\n' | '\r' | '\t' => false,
        c => c.is_control(),
    }
}

/// `raw` with CR and CRLF line endings as LF, and the BOM, zero-width and
/// control characters (but LF and tab) dropped and logged. Copied in runs
/// between the bytes that can start such a character: a report has few.
fn normalise_characters(raw: &str, log: &mut CleaningLog) -> String {
    // Only these bytes start a character that is not copied: ASCII
    // controls, and the lead bytes of U+0080–U+00BF (C1 controls, soft
    // hyphen), U+2000–U+20FF (zero-width characters, word joiner) and
    // U+F000–U+FFFF (BOM). The others start characters copied as they are.
    let may_drop = |b: u8| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xEF;
    let bytes = raw.as_bytes();
    let mut normal = String::with_capacity(raw.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| may_drop(b)))
    {
        let start = i + at;
        let Some(c) = raw.get(start..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i = start + c.len_utf8();
        if c != '\r' && !is_dropped(c) {
            continue;
        }
        normal.push_str(raw.get(copied..start).unwrap_or(""));
        copied = i;
        if c == '\r' {
            if bytes.get(i) != Some(&b'\n') {
                normal.push('\n');
            }
        } else {
            log.record(CleaningKind::ControlChar, 0, &format!("U+{:04X}", c as u32));
        }
    }
    normal.push_str(raw.get(copied..).unwrap_or(""));
    normal
}

/// A fragment of raw text (a commented span, its context) cleaned the way
/// [`clean`] cleans characters within a paragraph: control and zero-width
/// characters dropped, each line trimmed and its spacing normalised, blank
/// lines dropped, and — in a fragment of several lines — page-number lines
/// dropped. The other line-level repairs (chrome, joins) need the whole text
/// and are not made; the re-anchoring that finds the fragment in the clean
/// text forgives those.
pub fn clean_fragment(raw: &str) -> String {
    let mut log = CleaningLog::default();
    let lines: Vec<String> = raw
        .split(['\n', '\r'])
        .map(|line| line.chars().filter(|c| !is_dropped(*c)).collect::<String>())
        .filter(|l| !l.trim_matches(is_space).is_empty())
        .collect();
    let several = lines.len() > 1;
    lines
        .iter()
        .map(|l| l.trim_matches(is_space))
        .filter(|l| !(several && PAGE_LINE.is_match(l) && has_page_shape(l)))
        .map(|l| normalise_spacing(l, 0, &mut log))
        .collect::<Vec<_>>()
        .join("\n")
}

struct Line {
    text: String,
    indented: bool,
    blank_before: bool,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// A bare number is a page number only when it is short; dashes or 第…页
/// make any match a page mark.
fn has_page_shape(line: &str) -> bool {
    !line.chars().all(|c| c.is_ascii_digit()) || line.len() <= 3
}

/// Whether `s` has more than `n` characters, counting them only when its
/// length in bytes (one to four per character) does not tell.
fn longer_than(s: &str, n: usize) -> bool {
    s.len() > n && (s.len() > 4 * n || s.chars().count() > n)
}

fn is_metadata_line(line: &str) -> bool {
    if longer_than(line, 160) {
        return false;
    }
    if !line.contains([':', '：']) {
        return false;
    }
    let keys = META_KEY.find_iter(line).count();
    keys >= 2
        || (keys == 1
            && (line.starts_with("来源") || line.contains("发布日期") || line.contains("发布时间")))
            && !line.ends_with('。')
}

fn take_metadata(line: &str, web: &mut WebMeta) {
    web.lines.push(line.to_string());
    let keys: Vec<_> = META_KEY
        .captures_iter(line)
        .filter_map(|c| c.get(0).zip(c.get(1)))
        .collect();
    for (i, (whole, key)) in keys.iter().enumerate() {
        let end = keys.get(i + 1).map_or(line.len(), |(w, _)| w.start());
        let value = line[whole.end()..end]
            .trim_matches(|c: char| is_space(c) || c == '|' || c == '｜')
            .to_string();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "文章来源" | "信息来源" | "来源" => {
                web.source = web.source.take().or(Some(value));
            }
            "发布日期" | "发布时间" => {
                web.published = web.published.take().or_else(|| iso_date(&value));
            }
            "成文日期" => web.written = web.written.take().or_else(|| iso_date(&value)),
            "索引号" | "发文字号" => {
                web.document_number = web.document_number.take().or(Some(value));
            }
            _ => {}
        }
    }
}

fn is_chrome(line: &str) -> bool {
    if line.ends_with('。') || longer_than(line, 80) {
        return false;
    }
    let n = line.chars().count();
    if CHROME_MATCHER.as_ref().map_or_else(
        || CHROME.iter().any(|p| line.contains(p)),
        |m| m.is_match(line),
    ) {
        return true;
    }
    // Breadcrumbs: short segments separated by ">" (首页 > 政务公开 > …).
    if line.matches(['>', '＞', '»', '›']).count() >= 2 && BREADCRUMB.is_match(line) {
        return true;
    }
    // Navigation rows: many short segments separated by | or 丨.
    let bars = line.matches(['|', '｜', '丨']).count();
    if bars >= 2 && n < 60 {
        return true;
    }
    // A line that is only a URL.
    URL.find(line)
        .is_some_and(|m| m.as_str().len() + 4 >= line.len())
}

/// Web copies repeat the title: once with the site's name (from <title>),
/// once as the article heading. Keep the clean one.
fn drop_duplicate_title(lines: &mut Vec<Line>, log: &mut CleaningLog) {
    let Some(first) = lines.first() else { return };
    let stripped = strip_site_suffix(&first.text);
    let stripped_differs = stripped != first.text;
    // The article heading may be broken over two lines, with spaces a PDF
    // copy left in it ("…2020年法治政府建设 " + "工作报告"): compare without
    // white space, one line or two.
    let squash = |s: &str| s.chars().filter(|c| !is_space(*c)).collect::<String>();
    let title = squash(&stripped);
    let near: Vec<String> = lines
        .iter()
        .skip(1)
        .take(9)
        .map(|l| squash(&l.text))
        .collect();
    let dup = !title.is_empty()
        && near.iter().take(8).enumerate().any(|(k, l)| {
            *l == title
                || near
                    .get(k + 1)
                    .is_some_and(|next| title.strip_prefix(l.as_str()) == Some(next.as_str()))
        });
    if dup {
        let removed = lines.remove(0);
        log.record(CleaningKind::DuplicateTitle, 0, &removed.text);
    } else if stripped_differs {
        let removed: String = first.text[stripped.len()..].to_string();
        if let Some(f) = lines.first_mut() {
            f.text = stripped;
        }
        log.record(CleaningKind::WebChrome, 0, &removed);
    }
}

fn strip_site_suffix(title: &str) -> String {
    for sep in [" -", " _", " |", "－", " —", "_"] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = title.split_at(pos);
            let tail_len = tail.chars().count();
            if (head.contains("报告") || head.contains("情况"))
                && tail_len <= 24
                && !tail.contains("报告")
            {
                return head.trim_end().to_string();
            }
        }
    }
    title.to_string()
}

/// The width of a hard-wrapped text (PDF extraction): the most common line
/// length, if enough lines have it. `None` for unwrapped text.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut counts = std::collections::HashMap::<usize, usize>::new();
    let lens: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    for &n in lens.iter().filter(|n| **n >= 15) {
        *counts.entry(n).or_default() += 1;
    }
    let (&mode, _) = counts.iter().max_by_key(|(len, c)| (**c, **len))?;
    let near = lens
        .iter()
        .filter(|n| (mode.saturating_sub(2)..=mode + 1).contains(*n))
        .count();
    (near >= 8 && near * 4 >= lens.len()).then_some(mode)
}

/// Characters that end a sentence, a clause introducing a list, or a heading.
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '’', '」', '』', '）', ')', '"', '\'']);
    t.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '…'])
        || (t.len() < text.len() && t.ends_with('。'))
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[一二三四五六七八九十]{1,3}[、，,．.]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}(?:[、．]|\.[^\d])|[（(]\d{1,2}[）)]|[①-⑳]|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、部章节条]|特此报告|专此报告|附件|[^\s]{2,30}(?:人民政府|委员会|局|办公室|党委|管委会)$|\d{4}年\d{1,2}月\d{1,2}日$)",
    )
});

fn starts_structure(text: &str) -> bool {
    may_start_structure(text) && MARKER.is_match(text)
}

/// False only when [`MARKER`] cannot match: every one of its forms opens
/// with a numeral, a bracket, a digit (a date too), a circled number, 第,
/// 特此 / 专此 or 附件, or ends with a body's name (人民政府, 委员会,
/// 管委会, 局, 办公室, 党委). Most lines do neither, and the regex on every
/// line cost 3 % of a batch (docs/PERFORMANCE.md).
fn may_start_structure(text: &str) -> bool {
    const OPENERS: &str = "一二三四五六七八九十（(第特专附";
    text.chars()
        .next()
        .is_some_and(|c| OPENERS.contains(c) || ('①'..='⑳').contains(&c) || c.is_numeric())
        || text.ends_with(['府', '会', '局', '室', '委'])
}

fn should_join(
    prev_line: &Line,
    paragraph: &str,
    next: &Line,
    width: Option<usize>,
    paragraphs: usize,
) -> bool {
    if ends_sentence(paragraph) || starts_structure(&next.text) {
        return false;
    }
    let prev_len = prev_line.text.chars().count();
    let next_len = next.text.chars().count();
    // A title broken after a few words: "…2020年法治政府建设" + "工作报告".
    if paragraphs <= 2
        && next_len <= 12
        && (next.text.ends_with("报告") || next.text.ends_with("情况"))
    {
        return paragraph.contains("法治") || paragraph.contains("报告");
    }
    match width {
        Some(w) => prev_len + 3 >= w || prev_len >= 60,
        // Unwrapped text: only a long unterminated line (a page break in the
        // middle of a paragraph) continues; short ones are headings.
        None => prev_len >= 40 && !next.blank_before || prev_len >= 60,
    }
}

/// A space between two CJK characters, or between a CJK character and a
/// digit or CJK punctuation, was inserted by a tool; one between CJK and a
/// Latin word may be the author's and is kept.
fn removable_space(b: char, a: char) -> bool {
    let tight = |c: char| is_cjk(c) || c.is_ascii_digit();
    (is_cjk(b) && tight(a)) || (is_cjk(a) && tight(b)) || is_cjk_punct(a) || is_cjk_punct(b)
}

fn needs_space(prev: &str, next: &str) -> bool {
    let a = prev.chars().next_back();
    let b = next.chars().next();
    matches!((a, b), (Some(a), Some(b)) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic())
}

/// Removes white space next to CJK characters (PDF tools insert it between
/// CJK and digits: "共 13 件" → "共13件") and collapses other runs to one
/// space. No other character changes.
fn normalise_spacing(p: &str, base: usize, log: &mut CleaningLog) -> String {
    // Most paragraphs of a Chinese report hold no space at all.
    if !p.contains(is_space) {
        return p.to_string();
    }
    // Runs of other characters are copied as slices; `out_len` counts the
    // characters written, for the log's offsets.
    let mut out = String::with_capacity(p.len());
    let mut out_len = 0usize;
    let mut copied = 0usize;
    let mut pending = 0usize;
    let mut before: Option<char> = None;
    let mut chars = p.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_space(c) {
            pending += 1;
            before = Some(c);
            continue;
        }
        out.push_str(p.get(copied..at).unwrap_or(""));
        out_len += pending;
        pending = 0;
        let mut end = at + c.len_utf8();
        while let Some(&(next_at, next)) = chars.peek() {
            if !is_space(next) {
                break;
            }
            end = next_at + next.len_utf8();
            chars.next();
        }
        copied = end;
        let run = p.get(at..end).unwrap_or("");
        let after = chars.peek().map(|&(_, a)| a);
        match (before, after) {
            (None, _) | (_, None) => {}
            (Some(b), Some(a)) if removable_space(b, a) => {
                log.record(
                    CleaningKind::CjkSpacing,
                    base + out_len,
                    &format!("{b}{run}{a}"),
                );
            }
            (Some(_), Some(_)) => {
                if run != " " {
                    log.record(CleaningKind::Whitespace, base + out_len, run);
                }
                out.push(' ');
                out_len += 1;
            }
        }
    }
    out.push_str(p.get(copied..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(raw: &str) -> Cleaned {
        clean(raw)
    }

    /// [`normalise_spacing`] as first written (characters collected, pushed
    /// one at a time), for the random test below.
    fn reference_normalise_spacing(p: &str, base: usize, log: &mut CleaningLog) -> String {
        if !p.contains(is_space) {
            return p.to_string();
        }
        let chars: Vec<char> = p.chars().collect();
        let mut out = String::new();
        let mut out_len = 0usize;
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            if !is_space(c) {
                out.push(c);
                out_len += 1;
                i += 1;
                continue;
            }
            let start = i;
            while chars.get(i).is_some_and(|c| is_space(*c)) {
                i += 1;
            }
            let before = start.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i).copied();
            let run: String = chars[start..i].iter().collect();
            match (before, after) {
                (None, _) | (_, None) => {}
                (Some(b), Some(a)) if removable_space(b, a) => {
                    log.record(
                        CleaningKind::CjkSpacing,
                        base + out_len,
                        &format!("{b}{run}{a}"),
                    );
                }
                (Some(_), Some(_)) => {
                    if run != " " {
                        log.record(CleaningKind::Whitespace, base + out_len, &run);
                    }
                    out.push(' ');
                    out_len += 1;
                }
            }
        }
        out
    }

    /// Same text and same log as the first version, on random paragraphs
    /// of CJK, digits, Latin, punctuation and every kind of space.
    #[test]
    fn spacing_is_normalised_as_the_first_version_did() {
        let pieces = [
            "法", "治", "1", "2", "a", "B", "，", "。", "(", " ", "  ", "\u{3000}", "\u{a0}", "\t",
            "\u{2003}",
        ];
        let mut rng = crate::testing::XorShift::new(17);
        for _ in 0..3000 {
            let n = rng.below(30);
            let p: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            let (mut a, mut b) = (CleaningLog::default(), CleaningLog::default());
            assert_eq!(
                normalise_spacing(&p, 7, &mut a),
                reference_normalise_spacing(&p, 7, &mut b),
                "{p:?}"
            );
            assert_eq!(a, b, "{p:?}");
        }
    }

    /// Each re-joined break is logged with the six characters either side.
    #[test]
    fn a_join_is_logged_with_six_characters_either_side() {
        let line =
            |n: usize| format!("第{n}行正文内容正文内容正文内容正文内容正文内容正文内容正文内");
        let mut raw = String::new();
        for n in 1..=9 {
            raw.push_str(&line(n));
            raw.push('\n');
        }
        raw.push_str("完。\n");
        let c = cleaned(&raw);
        let joins = c
            .log
            .entries
            .iter()
            .find(|e| e.kind == CleaningKind::LineJoin);
        let samples: Vec<&str> = joins
            .map(|e| e.samples.iter().map(|s| s.text.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(samples.first(), Some(&"文内容正文内⏎第2行正文内"));
        assert_eq!(samples.last(), Some(&"文内容正文内⏎完。"));
    }

    #[test]
    fn rejoins_pdf_hard_breaks_but_keeps_paragraphs_and_headings() {
        // A PDF extraction: 30-character lines with blank lines between them.
        let full =
            |n: usize| format!("第{n}行正文内容正文内容正文内容正文内容正文内容正文内容正文内"); // 30 chars
        let mut raw = String::from("一、 主要工作情况\n\n（一）强化党委统筹引领\n\n");
        for n in 1..=4 {
            raw.push_str(&full(n));
            raw.push_str("\n\n");
        }
        raw.push_str("结束。\n\n一是部署落实任务。\n\n");
        for n in 5..=9 {
            raw.push_str(&full(n));
            raw.push_str("\n\n");
        }
        raw.push_str("局。\n\n二、下一步工作打算\n\n");
        let c = cleaned(&raw);
        let paras: Vec<&str> = c.text.split('\n').collect();
        assert_eq!(paras[0], "一、主要工作情况");
        assert_eq!(paras[1], "（一）强化党委统筹引领");
        assert!(
            paras[2].starts_with("第1行")
                && paras[2]
                    .ends_with("第4行正文内容正文内容正文内容正文内容正文内容正文内容正文内结束。"),
            "{}",
            paras[2]
        );
        assert_eq!(paras[3], "一是部署落实任务。");
        assert!(paras[4].starts_with("第5行") && paras[4].ends_with("局。"));
        assert_eq!(paras[5], "二、下一步工作打算");
        assert_eq!(paras.len(), 6);
        assert_eq!(c.log.count(CleaningKind::LineJoin), 9);
    }

    #[test]
    fn drops_page_numbers_and_marks() {
        let raw = "第一段内容很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长或听取法治政府建设\n- 2 - 工作汇报。\n— 8 —\n-3-\n第 3 页\n第3页 共10页\n12\n下一段。";
        let c = cleaned(raw);
        assert_eq!(
            c.text,
            "第一段内容很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长或听取法治政府建设工作汇报。\n下一段。"
        );
        assert_eq!(c.log.count(CleaningKind::PageNumber), 6);
    }

    #[test]
    fn removes_web_chrome_and_keeps_metadata() {
        let raw = "某区2022年法治政府建设年度报告 -某某平台\n热搜:\n首页 > 政务公开 > 结果公开 > 落实情况公开\n某区2022年法治政府建设年度报告\n来源:本网  作者:  发布日期:2023-02-22 09:25:33\n【打印】 【字体:\n今天是:2019年10月31日 星期三 农历十月初七\n       2022年，我区扎实推进法治政府建设。\n网站地图";
        let c = cleaned(raw);
        assert_eq!(
            c.text,
            "某区2022年法治政府建设年度报告\n2022年，我区扎实推进法治政府建设。"
        );
        assert_eq!(c.web.published.as_deref(), Some("2023-02-22"));
        assert_eq!(c.web.source.as_deref(), Some("本网"));
        assert_eq!(c.log.count(CleaningKind::DuplicateTitle), 1);
        assert_eq!(c.log.count(CleaningKind::WebMetadata), 1);
        assert_eq!(c.log.count(CleaningKind::WebChrome), 5);
        assert_eq!(c.log.count(CleaningKind::Indent), 1);
    }

    #[test]
    fn a_page_title_repeated_on_two_lines_is_a_duplicate() {
        let raw = "湛江经济技术开发区2020年法治政府建设工作报告 - 某某政府门户网站\n来源：本网 发布日期：2021-03-29\n 湛江经济技术开发区 2020年法治政府建设 \n\n工作报告 \n\n市人民政府：";
        let c = cleaned(raw);
        assert_eq!(
            c.text,
            "湛江经济技术开发区2020年法治政府建设工作报告\n市人民政府："
        );
        assert_eq!(c.log.count(CleaningKind::DuplicateTitle), 1);
        // A line that is only the start of the title is not a duplicate.
        let c = cleaned("某区2022年法治政府建设年度报告 - 某网\n某区2022年法治政府建设\n正文。");
        assert_eq!(c.log.count(CleaningKind::DuplicateTitle), 0);
        assert!(
            c.text.starts_with("某区2022年法治政府建设年度报告\n"),
            "{}",
            c.text
        );
    }

    #[test]
    fn normalises_spacing_without_touching_other_characters() {
        let c = cleaned("XX 县 2022 年共受理 13 件，结案率 100 %，app  平台 and   English words。");
        assert_eq!(
            c.text,
            "XX 县2022年共受理13件，结案率100 %，app 平台 and English words。"
        );
        assert_eq!(c.log.count(CleaningKind::CjkSpacing), 5);
        assert_eq!(c.log.count(CleaningKind::Whitespace), 2);
        let ideo = cleaned("\u{3000}\u{3000}正文第一段。\r\n\u{3000}\u{3000}正文第二段。");
        assert_eq!(ideo.text, "正文第一段。\n正文第二段。");
    }

    #[test]
    fn removes_watermarks_pinyin_and_control_characters() {
        let c = cleaned(
            "加强建設(shè)工作\u{200b}，秘书之家—全网资源每日更新www.mishuzj.com依法行政。",
        );
        assert_eq!(c.text, "加强建設工作，依法行政。");
        assert!(c.log.count(CleaningKind::Watermark) >= 2);
        assert_eq!(c.log.count(CleaningKind::ControlChar), 1);
    }

    #[test]
    fn fragments_are_cleaned_like_paragraphs() {
        assert_eq!(
            clean_fragment("\u{3000}\u{3000}共 13 件\u{200b}，\n\n  app  平台 "),
            "共13件，\napp 平台"
        );
        assert_eq!(clean_fragment(" \n\t"), "");
        assert_eq!(clean_fragment("建设\n— 2 —\n工作"), "建设\n工作");
        assert_eq!(
            clean_fragment("12"),
            "12",
            "one line is never a page number"
        );
    }

    /// The cheap checks before the watermark and URL regexes never skip a
    /// paragraph either regex matches.
    #[test]
    fn the_checks_before_the_regexes_never_skip_a_match() {
        let pieces = [
            "www.",
            "WwW.",
            "ww.",
            "www",
            ".",
            "http://",
            "HTTPS://",
            ":/",
            "//",
            "gov.cn",
            "a",
            "法治",
            "——",
            "全网资源每日更新",
            "全网资源",
            "-",
            "1.5",
            " ",
            "。",
        ];
        // Each regex and the check run before it.
        type Checked = (&'static LazyLock<Regex>, fn(&str) -> bool);
        let regexes: [Checked; 2] = [(&URL, may_hold_url), (&WATERMARK, has_watermark)];
        let mut matched = [0usize; 2];
        let mut rng = crate::testing::XorShift::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let mut p = String::new();
            for _ in 0..rng.below(6) {
                p.push_str(pieces[rng.below(pieces.len())]);
            }
            for ((regex, check), n) in regexes.iter().zip(&mut matched) {
                if regex.is_match(&p) {
                    *n += 1;
                    assert!(check(&p), "{} skipped on {p:?}", regex.as_str());
                }
            }
        }
        // Each regex matched some of the generated text, so each check was
        // put to the test.
        assert!(matched.iter().all(|&n| n > 0), "{matched:?}");
        assert!(may_hold_url("见WWW.GOV.CN"));
        assert!(!may_hold_url("增长1.5倍"));
    }

    /// The check before the structure-marker regex never skips a line it
    /// matches, on lines made of every form the regex knows, near misses
    /// and ordinary text, in random order.
    #[test]
    fn the_check_before_the_marker_regex_never_skips_a_match() {
        let pieces = [
            "一",
            "十二",
            "三十",
            "、",
            "，",
            ",",
            "．",
            ".",
            "是",
            "（",
            "(",
            "）",
            ")",
            "1",
            "12",
            "１",
            "٣",
            "①",
            "⑳",
            "⑴",
            "第",
            "部",
            "章",
            "条",
            "特此报告",
            "专此报告",
            "附件",
            "人民政府",
            "政府",
            "委员会",
            "管委会",
            "局",
            "办公室",
            "党委",
            "2021年",
            "3月",
            "15日",
            "年",
            "日",
            "法治",
            "建设",
            " ",
            "\u{3000}",
            "。",
            "a",
        ];
        let mut matched = 0usize;
        let mut rng = crate::testing::XorShift::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..40_000 {
            let mut line = String::new();
            for _ in 0..rng.below(7) {
                line.push_str(pieces[rng.below(pieces.len())]);
            }
            if MARKER.is_match(&line) {
                matched += 1;
                assert!(may_start_structure(&line), "skipped {line:?}");
            }
        }
        assert!(matched > 1_000, "{matched}");
        assert!(!may_start_structure("全面推进依法行政，加快建设法治"));
    }

    /// The characters step, one character at a time: what
    /// [`normalise_characters`] must give.
    fn normalise_characters_slowly(raw: &str, log: &mut CleaningLog) -> String {
        let mut normal = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        normal.push('\n');
                    }
                }
                '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}' => {
                    log.record(CleaningKind::ControlChar, 0, &format!("U+{:04X}", c as u32));
                }
                '\n' | '\t' => normal.push(c),
                c if c.is_control() => {
                    log.record(CleaningKind::ControlChar, 0, &format!("U+{:04X}", c as u32));
                }
                c => normal.push(c),
            }
        }
        normal
    }

    #[test]
    fn characters_are_normalised_as_one_at_a_time() {
        let pieces = [
            "法治", "\r\n", "\r", "\n", "\t", "\u{feff}", "\u{200b}", "\u{200d}", "\u{2060}",
            "\u{00ad}", "\u{0085}", "\u{009f}", "\u{00a0}", "\u{0001}", "\u{007f}", "“", "—", "，",
            "\u{ff0c}", "\u{fffd}", "a", " ", "\u{2028}", "é",
        ];
        let mut rng = crate::testing::XorShift::new(5);
        for _ in 0..3000 {
            let raw: String = (0..rng.below(12))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            let (mut fast, mut slow) = (CleaningLog::default(), CleaningLog::default());
            assert_eq!(
                normalise_characters(&raw, &mut fast),
                normalise_characters_slowly(&raw, &mut slow),
                "{raw:?}"
            );
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{raw:?}");
        }
    }

    #[test]
    fn longer_than_counts_characters() {
        let widths = ["a", "é", "法", "😀"];
        let mut rng = crate::testing::XorShift::new(3);
        for _ in 0..2000 {
            let s: String = (0..rng.below(40))
                .map(|_| widths[rng.below(widths.len())])
                .collect();
            let n = rng.below(30);
            assert_eq!(longer_than(&s, n), s.chars().count() > n, "{s:?} {n}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "\n\n\n",
            "—",
            "- 1 -",
            "\u{feff}",
            "一、",
            "（",
            "a\rb\r\nc",
            "\u{3000}",
        ] {
            let _ = clean(s);
        }
    }
}
