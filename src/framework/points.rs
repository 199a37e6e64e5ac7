//! Import of a 年度工作要点 / 工作安排 / 工作计划 ("annual work points") as a
//! checklist [`Framework`], and of a report's own 下一步 plans (DC4) as one.
//!
//! This module owns the reading of such documents: which numbered paragraphs
//! are checklist items and who their parents are, the 牵头单位/责任单位
//! annotations, quantitative targets, and the keywords derived for each item
//! (jieba with the domain dictionary, TF-IDF of an item against the other
//! items). The result is an ordinary framework: [`Framework::to_ron_pretty`]
//! writes a file a user can edit and [`super::load::parse`] reads it back.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::load::{FrameworkError, parse};
use super::{Framework, Item, Keyword, Scope, YearSpan};
use crate::document::{self, Document, LoadError, LoadOptions};
use crate::segment::Segmenter;
use crate::structure::{PartId, parse_marker};

/// At most this many keywords per item.
const MAX_KEYWORDS: usize = 10;
/// Keywords kept even when they score far below the best one.
const MIN_KEYWORDS: usize = 6;
/// Below this share of the best score a term is left out (once
/// [`MIN_KEYWORDS`] are chosen).
const KEEP_SHARE: f32 = 0.25;
/// Domain terms count this much more than ordinary words in the ranking.
const DOMAIN_BOOST: f32 = 2.0;
/// Taken off the weight of a two-character domain term (see [`weigh`]).
const SHORT_DOMAIN_PENALTY: f32 = 0.6;
/// A title longer than this (characters) is cut at its first comma.
const MAX_TITLE: usize = 30;
/// Synonyms copied from a built-in framework's keyword, at most.
const MAX_SYNONYMS: usize = 6;
/// Marker level given to 一是/二是 clauses (below every numbered level).
const CLAUSE_LEVEL: u8 = 9;

/// Words that say how, not what: never keywords ("加强", "推进", …). One
/// table (white-space separated) of the stock verbs, adverbs and nouns of
/// official documents; a domain term is never dropped for being here.
const STOP_WORDS: &str = "
    # verbs of every task
    加强 推进 进一步 工作 开展 全面 深入 落实 有关 各类 积极 建设 完善 健全 提高 提升 强化 推动
    坚持 持续 深化 严格 规范 依法 确保 注重 按照 根据 结合 围绕 切实 认真 不断 充分 发挥 作用
    加快 着力 大力 努力 扎实 稳妥 有效 实施 部署 执行 履行 贯彻 贯彻落实 组织 做好 抓好 抓实
    实行 推行 加大 力度 及时 定期 常态化 制度化 规范化 实现 形成 达到 保障 提供 参与 进行 加以
    予以 给予 作出 作为 纳入 建立 建立健全 全面推行 全面落实 深入开展 研究 解决 不得 一律 按时
    主动 广泛 完成 公布 向社会 印发 制定 明确 统筹 协调 指导 督促 配合 分别 做到 增强 营造 打造
    构建 优化 创新 探索 引导 支持 鼓励 促进 服务 管理 谋划 接受 转变 维护 整合 覆盖 支撑 突出
    遵守 防范 化解 改革 学习 听取 召开 压实 夯实 筑牢 拓展 拓宽 延伸 聚焦 对标 对照 立足 紧扣
    紧盯 着眼 坚决 全力 取得 保持 树立 弘扬 培育 梳理 讨论 提交 涉及 压缩 开办 答复 报送 总结
    推广 应用 运用 加快推进 严格落实 充分发挥 认真对待 进一步提高 依法办理 积极响应 统一
    # adjectives and adverbs
    良好 优质 高效 便捷 有力 有序 稳步 显著 明显 重大 重点 主要 重要 相关 各项 各级 具体 合法
    合理 科学 民主 科学化 民主化 法治化 专业 常态 长效 生效
    # nouns that name no task
    全县 全区 全市 全镇 全省 我县 我区 我市 我镇 我局 我们 本地区 本部门 本单位 同志 方面 领域
    情况 问题 任务 要求 目标 措施 实际 水平 能力 机制 制度 体系 工作机制 质量 效能 成效 意识
    环境 格局 方式 形式 途径 手段 内容 事项 范围 职责 分工 负责 单位 部门 政府 人民政府 机关
    行政机关 行政 法治 法律 法规 法律法规 社会 经济 发展 高质量 新时代 时代 年度 本年度 上年度
    全年 年底 年内 每年 季度 以上 不少于 至少 基础 计划 责任 进程 时限 细则 专项 效率 职能 模式
    建议 资源 人民 群众 领导 主体 业务 职业 风险 行为 权力 程序 时间 工作日 区级 县级 市级 镇级
    代表 指标 基层 治理 体制 素养 城乡 源头 结果 对象 渠道 平台 载体 举措 成果 经验 特色 亮点
    品牌 氛围 理念 思想 意见 方案 规定 办法 文件 通知 会议 报告 材料 数据 系统 项目 资金 条件
    标准 规则 原则 政策 规划 安排 行动 活动 专题 人员 干部 工作人员 力量 人才 队伍 经济社会 办事
    遇事 解决问题 负责人 具体任务 重点难点 良好环境 检查 监督 综合 机构 党委 举办 组建 办理 促使
    内生 动力 品质 关乎 专门 台阶 用法 受理 审理 办结 教育
";

/// [`STOP_WORDS`] as a set, built once.
static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    STOP_WORDS
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// True for a stop word (see [`STOP_WORDS`]).
fn is_stop_word(word: &str) -> bool {
    STOP_SET.contains(word)
}

/// Domain terms that are in the dictionary but say nothing about a task:
/// every line of a 法治政府 document has them.
const GENERIC_DOMAIN: &[&str] = &[
    "法治政府",
    "法治政府建设",
    "依法行政",
    "依法治区",
    "依法治县",
    "依法治市",
    "依法治镇",
    "全面依法治国",
    "法治建设",
    "工作要点",
    "依法治区委员会",
];

/// Part-of-speech tags (jieba's) of words that can be keywords: nouns,
/// verbs, verbal nouns, idioms, abbreviations — and `""`, the tag of words
/// that only the domain dictionary knows.
const KEYWORD_TAGS: &[&str] = &["n", "nz", "ng", "nl", "vn", "v", "l", "i", "j", ""];

/// Function characters: a "word" that starts or ends with one is a
/// segmentation fragment ("检查和"), not a term.
const FUNCTION_CHARS: &[char] = &[
    '和', '与', '及', '的', '等', '之', '对', '把', '将', '在', '为', '了', '着', '并', '或', '由',
];

/// Top-level areas that frame the document rather than set a task.
const PREAMBLE_AREAS: &[&str] = &[
    "指导思想",
    "总体要求",
    "总体目标",
    "工作目标",
    "目标任务",
    "基本原则",
    "主要目标",
];

/// The regular expressions of this module, compiled once.
struct Patterns {
    /// A bracketed unit annotation: 〔牵头单位：…；责任单位：…〕, （责任单位：…）.
    unit_block: Regex,
    /// An unbracketed one, running to the end of its line.
    unit_line: Regex,
    /// One label inside an annotation ("牵头单位：").
    unit_label: Regex,
    /// Quantitative targets and deadlines.
    target: Regex,
    /// Where the text of an item ends: 落款, dates, 附件, 抄送, 特此报告.
    closing: Regex,
    /// A signature line ("梁子湖区人民政府办公室").
    signature: Regex,
    /// A 一是/二是 clause marker at a clause boundary.
    clause: Regex,
    /// The words that open a plan sentence ("下一步，我们将").
    plan_opening: Regex,
    /// The kinds of document this module imports, in a title.
    points_title: Regex,
    /// "关于印发…的通知" (with or without 《》).
    notice_title: Regex,
    /// "现将《…》印发给你们".
    notice_body: Regex,
    /// A year in a title.
    year: Regex,
}

/// Labels of lead units (first group) and of other responsible units.
const LEAD_LABELS: &str = "牵头单位|牵头部门|主办单位|主责单位|牵头领导单位";
const OTHER_LABELS: &str = "责任单位|责任部门|配合单位|协办单位|参与单位|实施单位|协同单位";

static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| match Patterns::new() {
    Ok(p) => Some(p),
    Err(e) => {
        log::error!("work-point import patterns do not compile: {e}");
        None
    }
});

impl Patterns {
    fn new() -> Result<Patterns, regex::Error> {
        let labels = format!("(?:{LEAD_LABELS}|{OTHER_LABELS})");
        let num = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)";
        let unit = r"(?:个工作日|人次|学时|课时|小时|次|场|期|项|个|件|篇|天|日|家|名|人|批|%|％)";
        let target = [
            // 不少于1次, 不低于90%, 至少组织1次
            format!(r"(?:不少于|不低于|不多于|不超过|不得少于|不得低于|不高于|最少|至少\p{{Han}}{{0,3}}?)\s*{num}\s*{unit}"),
            // 2次以上, 95%以上, 5个工作日以内
            format!(r"{num}\s*{unit}\s*(?:以上|以内|以下)"),
            // 100%
            r"\d+(?:\.\d+)?\s*[%％]".to_string(),
            // 6月底前, 十一月底前, 3月31日前
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?(?:之前|前)".to_string(),
            r"年底前|年内|年底|年末|上半年|下半年".to_string(),
            r"每(?:季度|半年|年|月|周|季)".to_string(),
            r"全覆盖".to_string(),
        ]
        .join("|");
        Ok(Patterns {
            unit_block: Regex::new(&format!(
                r"〔\s*{labels}\s*[：:][^〔〕]*〕|【\s*{labels}\s*[：:][^【】]*】|[（(]\s*{labels}\s*[：:][^（）()]*[）)]|\[\s*{labels}\s*[：:][^\[\]]*\]"
            ))?,
            unit_line: Regex::new(&format!(r"(?m){labels}\s*[：:].*$"))?,
            unit_label: Regex::new(&format!(r"(?:({LEAD_LABELS})|({OTHER_LABELS}))\s*[：:]"))?,
            target: Regex::new(&target)?,
            closing: Regex::new(
                r"^(?:特此报告|专此报告|特此通知|以上报告|附件\s*[：:\d]|附件$|抄送|（此件|\(此件|[^，。；：]{0,30}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发|印)?$)",
            )?,
            signature: Regex::new(
                r"^[^，。；：:、\s]{2,24}(?:人民政府|办公室|司法局|委员会|领导小组|政府|办公厅)$",
            )?,
            clause: Regex::new(r"(?:^|[。；;：:，,！？\n])\s*([一二三四五六七八九十]{1,2})是")?,
            plan_opening: Regex::new(
                r"^(?:下一步|下一阶段|下阶段|今后|明年|新的一年|\d{4}年)[，,]?(?:我们|我区|我县|我市|我局|我镇|我街道|全区|全县|全市)?(?:将|要)?",
            )?,
            points_title: Regex::new(
                r"工作要点|工作安排|工作计划|任务分解|重点任务|实施方案|工作方案|要点|安排|计划",
            )?,
            notice_title: Regex::new(r"关于印发《?(.+?)》?的通知")?,
            notice_body: Regex::new(r"现将《([^》]+)》")?,
            year: Regex::new(r"((?:19|20)\d{2})\s*年")?,
        })
    }
}

/// A numbered paragraph (or 一是 clause) on its way to becoming an item.
#[derive(Debug, Clone)]
struct Node {
    /// Marker level (1 一、, 2 （一）, 3 1., 4 （1）, [`CLAUSE_LEVEL`] 一是).
    level: u8,
    /// The numbering as written.
    numbering: String,
    /// The item's whole text without its numbering (annotations included).
    text: String,
    /// Its own text for keywords: `text` without the clauses split off as children.
    own: String,
    /// Index of the parent node.
    parent: Option<usize>,
}

/// A node read: what becomes the [`Item`]'s fields.
#[derive(Debug, Clone, Default)]
struct Reading {
    title: String,
    description: String,
    lead_units: Vec<String>,
    responsible_units: Vec<String>,
    targets: Vec<String>,
    /// Text for keywords (own text, annotations removed).
    body: String,
}

/// Reads a work-points document (txt, docx, html or pdf, cleaned like a
/// report) and turns it into a framework.
///
/// The id is `WP-` and the file stem ("WP-西平县2020"); the name is the
/// document's title, or the file stem when no title is found. `segmenter` is
/// the one the analyzer uses (built once per process; see
/// the review engine). A document without numbered items, or
/// one that would not load back as a framework, is an
/// [`FrameworkError::Invalid`] naming the file.
pub fn import_file(
    path: &Path,
    options: &LoadOptions,
    segmenter: &Segmenter,
) -> Result<Framework, FrameworkError> {
    let source_name = path.display().to_string();
    let doc = document::open(path, options).map_err(|e| match e {
        LoadError::Io(source) => FrameworkError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => FrameworkError::Invalid {
            source_name: source_name.clone(),
            message: format!("the work-points document cannot be read: {other}"),
        },
    })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = framework_id("WP", &stem);
    let name = document_title(&doc).unwrap_or_else(|| stem.trim().to_string());
    let framework = import(&doc, &id, &name, segmenter);
    if framework.items.is_empty() {
        return Err(FrameworkError::Invalid {
            source_name,
            message: "no numbered items (一、 / （一） / 1.) were found; is this a 工作要点, 工作安排 or 工作计划?".into(),
        });
    }
    // The result must be a framework a user can save, edit and load again.
    let text = framework.to_ron_pretty()?;
    parse(&source_name, &text)
}

/// Turns a work-points document into a framework with id `id` and name
/// `name`.
///
/// Every numbered paragraph (一、 / （一） / 1. / 1、 / （1）) after the
/// title is an item; a paragraph numbered at a deeper level than the one
/// before is its child, whatever levels are skipped, and continuous
/// numbering (1. 2. 3. through all areas) nests under the current area.
/// The 通知 header, 文号, 主送, preamble, 落款 and areas such as 指导思想 are
/// not items. Each item keeps its 牵头单位/责任单位, its quantitative
/// targets, and keywords from [`Segmenter`]. The framework may have no items
/// when the document has no numbering.
pub fn import(doc: &Document, id: &str, name: &str, segmenter: &Segmenter) -> Framework {
    let Some(p) = PATTERNS.as_ref() else {
        return empty_framework(id, name);
    };
    let paragraphs: Vec<&str> = doc
        .structure
        .paragraphs
        .iter()
        .map(|para| doc.slice(para.range))
        .collect();
    let mut nodes = collect_nodes(p, &paragraphs, 0);
    drop_preamble_areas(p, &mut nodes);
    let name = name.trim();
    let year = p
        .year
        .captures(name)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse::<i32>().ok());
    let bare = name.trim_start_matches('《').trim_end_matches('》');
    Framework {
        id: id.to_string(),
        name: name.to_string(),
        short_name: short_name(p, name, year),
        applies: YearSpan {
            from: year,
            to: year,
        },
        description: format!("由《{bare}》导入"),
        items: build_items(p, &nodes, id, segmenter),
    }
}

/// A report's own plans for the next year (its DC4 "下一步" part) as a
/// framework, to check the next year's report against.
///
/// Each numbered item in the part is an item, and each 一是/二是 clause in
/// it a sub-item; a plans part without numbering gives one item per 一是
/// clause, or failing those per sentence. The framework applies to the year
/// after the report's. `None` when the report has no plans part or nothing
/// in it reads as a plan.
pub fn plans_as_framework(doc: &Document, segmenter: &Segmenter) -> Option<Framework> {
    let p = PATTERNS.as_ref()?;
    let s = &doc.structure;
    let part = s.part(PartId::DC4).filter(|part| part.present)?;
    // The part's own heading ("二、下一步工作打算") is not a plan; numbering
    // at its level or above belongs to another part.
    let mut heading_text: Option<String> = None;
    let mut min_level = 0u8;
    let mut owned: Vec<String> = Vec::new();
    for (pi, para) in s.paragraphs.iter().enumerate() {
        let Some(range) = part.ranges.iter().find(|r| r.contains(para.range.start)) else {
            continue;
        };
        let text = doc.slice(para.range);
        let own_heading = para
            .heading
            .and_then(|h| s.headings.get(h))
            .filter(|h| h.range.start == range.start && h.paragraph == pi);
        match own_heading {
            Some(h) => {
                if heading_text.is_none() {
                    heading_text = Some(h.text.clone());
                }
                min_level = min_level.max(h.level);
                // "二、下一步打算。我们将…": the body after the heading is the plan.
                if h.runs_into_body {
                    let skip = h.range.end.saturating_sub(para.range.start);
                    owned.push(text.chars().skip(skip).collect());
                }
            }
            None => owned.push(text.to_string()),
        }
    }
    let paragraphs: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut nodes = collect_nodes(p, &paragraphs, min_level);
    if nodes.is_empty() {
        let region: Vec<&str> = paragraphs
            .iter()
            .copied()
            .filter(|line| !p.closing.is_match(line.trim()))
            .collect();
        nodes = clause_nodes(p, &region.join("\n"));
        if nodes.len() < 2 {
            nodes = sentence_nodes(p, &region);
        }
    } else {
        split_clauses(p, &mut nodes);
    }
    if nodes.is_empty() {
        return None;
    }
    let stem = Path::new(&doc.source.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = framework_id("PLAN", &stem);
    let title = s
        .metadata
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| stem.clone());
    let heading = heading_text.unwrap_or_else(|| "下一年度工作安排".to_string());
    let year = s.metadata.year;
    let next = year.map(|y| y + 1);
    Some(Framework {
        id: id.clone(),
        name: format!("{title}：{heading}"),
        short_name: match year {
            Some(y) => format!("{y}年报告所列下一步安排"),
            None => "报告所列下一步安排".to_string(),
        },
        applies: YearSpan {
            from: next,
            to: next,
        },
        description: format!(
            "由《{title}》的“{heading}”部分导入：报告所列的下一年度工作安排，用于检查下一年度报告的落实情况。"
        ),
        items: build_items(p, &nodes, &id, segmenter),
    })
}

/// The title of a work-points document: its own title line ("西平县2020年度
/// 法治政府建设工作安排"), else the document named by a 通知 ("关于印发…的
/// 通知", "现将《…》印发"), else the title the structure found. Spaces
/// that PDF extraction put between words are removed.
pub fn document_title(doc: &Document) -> Option<String> {
    let p = PATTERNS.as_ref()?;
    let head: Vec<String> = doc
        .structure
        .paragraphs
        .iter()
        .map(|para| doc.slice(para.range).trim().to_string())
        .filter(|line| !line.is_empty())
        .take_while(|line| parse_marker(line).is_none())
        .take(30)
        .collect();
    let own = head.iter().find(|line| {
        let n = line.chars().count();
        (6..=60).contains(&n)
            && p.points_title.is_match(line)
            && !line.contains(['，', '。', '；', '：', ','])
            && !line.starts_with("关于印发")
            && !line.ends_with("通知")
    });
    if let Some(t) = own {
        return Some(squeeze(t));
    }
    // A 通知 title may be broken over several lines.
    for (i, line) in head.iter().enumerate() {
        if !line.starts_with("关于印发") {
            continue;
        }
        let mut joined = line.clone();
        for next in head.iter().skip(i + 1).take(3) {
            if joined.ends_with("通知") {
                break;
            }
            joined.push_str(next);
        }
        if let Some(t) = p.notice_title.captures(&joined).and_then(|c| c.get(1)) {
            return Some(squeeze(t.as_str()));
        }
    }
    let body = head.iter().find_map(|line| {
        p.notice_body
            .captures(line)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
    });
    body.or_else(|| doc.structure.metadata.title.clone())
        .map(|t| squeeze(&t))
        .filter(|t| !t.is_empty())
}

/// `prefix-stem` with white space in the stem removed ("WP-西平县2020").
fn framework_id(prefix: &str, stem: &str) -> String {
    let stem: String = stem.chars().filter(|c| !c.is_whitespace()).collect();
    if stem.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}-{stem}")
    }
}

/// A title without white space (PDF text has "XX 县 2022 年").
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// "2020年工作安排" from the kind of document the name says it is.
fn short_name(p: &Patterns, name: &str, year: Option<i32>) -> String {
    let kind = [
        "工作要点",
        "工作安排",
        "工作计划",
        "实施方案",
        "工作方案",
        "要点",
    ]
    .into_iter()
    .find(|k| name.contains(k))
    .or_else(|| p.points_title.find(name).map(|m| m.as_str()));
    match (year, kind) {
        (Some(y), Some(k)) => format!("{y}年{k}"),
        (Some(y), None) => format!("{y}年工作要点"),
        _ => String::new(),
    }
}

fn empty_framework(id: &str, name: &str) -> Framework {
    Framework {
        id: id.to_string(),
        name: name.to_string(),
        short_name: String::new(),
        applies: YearSpan::default(),
        description: String::new(),
        items: Vec::new(),
    }
}

/// The numbered paragraphs of `lines` as nodes with parents, each with the
/// unnumbered paragraphs that follow it. Numbering at `min_level` or above
/// is ignored (it belongs to an enclosing part).
fn collect_nodes(p: &Patterns, lines: &[&str], min_level: u8) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    // The node that unnumbered paragraphs continue, if any.
    let mut open: Option<usize> = None;
    for raw in lines {
        let line = raw.trim_matches(|c: char| c.is_whitespace());
        if line.is_empty() {
            continue;
        }
        if let Some((level, numbering, len, _)) = parse_marker(line)
            && level > min_level
        {
            let body: String = line.chars().skip(len).collect();
            let body = body.trim().to_string();
            if body.is_empty() {
                continue;
            }
            while stack
                .last()
                .and_then(|&i| nodes.get(i))
                .is_some_and(|n| n.level >= level)
            {
                stack.pop();
            }
            nodes.push(Node {
                level,
                numbering,
                own: body.clone(),
                text: body,
                parent: stack.last().copied(),
            });
            stack.push(nodes.len() - 1);
            open = Some(nodes.len() - 1);
            continue;
        }
        let Some(o) = open else {
            continue; // header, 文号, 主送, preamble
        };
        let Some(node) = nodes.get_mut(o) else {
            continue;
        };
        let complete = node.text.ends_with([
            '。', '！', '？', '；', '：', '〕', '）', ')', '】', ']', '”', '!', '?', ';',
        ]);
        let annotation = p.unit_line.find(line).is_some_and(|m| m.start() == 0)
            || p.unit_block.find(line).is_some_and(|m| m.start() == 0);
        if !annotation && (p.closing.is_match(line) || (complete && p.signature.is_match(line))) {
            open = None;
            continue;
        }
        // A line broken by PDF extraction continues its sentence.
        if !complete && !annotation {
            node.text.push_str(line);
            node.own.push_str(line);
        } else {
            node.text.push('\n');
            node.text.push_str(line);
            node.own.push('\n');
            node.own.push_str(line);
        }
    }
    nodes
}

/// Drops top-level areas such as 指导思想 / 总体要求 (and what they hold):
/// they frame the document, a report cannot be checked against them.
fn drop_preamble_areas(p: &Patterns, nodes: &mut Vec<Node>) {
    let top = nodes.iter().map(|n| n.level).min().unwrap_or(1);
    let mut dropped = vec![false; nodes.len()];
    for i in 0..nodes.len() {
        let Some(node) = nodes.get(i) else {
            continue;
        };
        let by_parent = node
            .parent
            .is_some_and(|parent| dropped.get(parent).copied().unwrap_or(false));
        let preamble = node.parent.is_none() && node.level == top && {
            let title = read_node(p, node).title;
            title.chars().count() <= 12 && PREAMBLE_AREAS.iter().any(|a| title.contains(a))
        };
        if let Some(d) = dropped.get_mut(i) {
            *d = by_parent || preamble;
        }
    }
    if !dropped.contains(&true) {
        return;
    }
    // Renumber parents after removal.
    let mut new_index = vec![None; nodes.len()];
    let mut kept = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if dropped.get(i).copied().unwrap_or(false) {
            continue;
        }
        if let Some(slot) = new_index.get_mut(i) {
            *slot = Some(kept.len());
        }
        let mut node = node.clone();
        node.parent = node
            .parent
            .and_then(|parent| new_index.get(parent).copied().flatten());
        kept.push(node);
    }
    *nodes = kept;
}

/// Splits the 一是/二是 clauses of every node into child nodes (for plans).
fn split_clauses(p: &Patterns, nodes: &mut Vec<Node>) {
    let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
    let mut new_index: Vec<usize> = Vec::with_capacity(nodes.len());
    for node in nodes.iter() {
        let mut node = node.clone();
        node.parent = node
            .parent
            .and_then(|parent| new_index.get(parent).copied());
        let clauses = clauses_of(p, &node.text);
        let index = out.len();
        new_index.push(index);
        if clauses.len() >= 2 {
            let first = clauses.first().map_or(0, |c| c.0);
            node.own = node.text.get(..first).unwrap_or("").trim().to_string();
            out.push(node);
            for (start, end, numbering) in clauses {
                let text = out
                    .get(index)
                    .and_then(|n| n.text.get(start..end))
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let body = text
                    .strip_prefix(numbering.as_str())
                    .unwrap_or(&text)
                    .trim()
                    .to_string();
                out.push(Node {
                    level: CLAUSE_LEVEL,
                    numbering,
                    own: body.clone(),
                    text: body,
                    parent: Some(index),
                });
            }
        } else {
            out.push(node);
        }
    }
    *nodes = out;
}

/// Plans without numbering: one node per 一是 clause.
fn clause_nodes(p: &Patterns, text: &str) -> Vec<Node> {
    clauses_of(p, text)
        .into_iter()
        .filter_map(|(start, end, numbering)| {
            let clause = text.get(start..end)?.trim();
            let body = clause.strip_prefix(numbering.as_str())?.trim().to_string();
            Some(Node {
                level: CLAUSE_LEVEL,
                numbering,
                own: body.clone(),
                text: body,
                parent: None,
            })
        })
        .collect()
}

/// Plans in running text: one node per sentence that says what will be done.
fn sentence_nodes(p: &Patterns, lines: &[&str]) -> Vec<Node> {
    let mut nodes = Vec::new();
    for line in lines {
        for sentence in line.split_inclusive(['。', '！', '？', '；', ';', '!', '?']) {
            let sentence = sentence.trim();
            let content = p.plan_opening.replace(sentence, "");
            let n = content
                .trim_end_matches(['。', '；', ';', '！', '？', '!', '?'])
                .chars()
                .count();
            // An opening ("2021年，我区将重点做好以下工作：") is not a plan.
            if n < 10 || sentence.ends_with(['：', ':']) {
                continue;
            }
            nodes.push(Node {
                level: CLAUSE_LEVEL,
                numbering: String::new(),
                text: content.to_string(),
                own: content.to_string(),
                parent: None,
            });
        }
    }
    nodes
}

/// Byte spans (start, end, marker) of the 一是/二是/… clauses of `text`:
/// a run that counts up from 一是; empty when there is no such run of two.
fn clauses_of(p: &Patterns, text: &str) -> Vec<(usize, usize, String)> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut expected = 1u32;
    for c in p.clause.captures_iter(text) {
        let Some(num) = c.get(1) else {
            continue;
        };
        // parse_marker reads the Chinese numeral of "三、" for us.
        let Some(value) =
            parse_marker(&format!("{}、", num.as_str())).map(|(_, _, _, ordinal)| ordinal)
        else {
            continue;
        };
        if value == expected {
            found.push((num.start(), format!("{}是", num.as_str())));
            expected += 1;
        }
    }
    if found.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(found.len());
    for (i, (start, marker)) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(text.len(), |next| next.0);
        out.push((*start, end, marker.clone()));
    }
    out
}

/// Reads a node: units, targets, title and description.
fn read_node(p: &Patterns, node: &Node) -> Reading {
    let mut lead = Vec::new();
    let mut responsible = Vec::new();
    let text = strip_units(p, &node.text, &mut lead, &mut responsible);
    // Targets ("不低于90%") are fields of their own, not words of the task.
    let own = strip_units(p, &node.own, &mut Vec::new(), &mut Vec::new());
    let own = p.target.replace_all(&own, "，").into_owned();
    // A 一是 clause or a plan sentence has no heading: its first phrase is.
    let title = if node.level == CLAUSE_LEVEL {
        title_of(&text).map(|t| first_phrase(&t))
    } else {
        title_of(&text)
    }
    .unwrap_or_else(|| node.numbering.clone());
    let mut targets: Vec<String> = Vec::new();
    for m in p.target.find_iter(&text) {
        let t = squeeze(m.as_str());
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
    let description = if node.numbering.is_empty() {
        text.clone()
    } else {
        format!("{}{}", node.numbering, text)
    };
    Reading {
        title,
        description,
        lead_units: lead,
        responsible_units: responsible,
        targets,
        body: own,
    }
}

/// `text` without its unit annotations; the units go to `lead` and
/// `responsible`.
fn strip_units(
    p: &Patterns,
    text: &str,
    lead: &mut Vec<String>,
    responsible: &mut Vec<String>,
) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut rest_start = 0;
    // Bracketed annotations first, then unbracketed ones in what is left.
    let mut spans: Vec<(usize, usize)> = p
        .unit_block
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for &(s, e) in &spans {
        pieces.push((from, s));
        from = e;
    }
    pieces.push((from, text.len()));
    for (s, e) in pieces {
        let Some(piece) = text.get(s..e) else {
            continue;
        };
        for m in p.unit_line.find_iter(piece) {
            spans.push((s + m.start(), s + m.end()));
        }
    }
    spans.sort_unstable();
    for (s, e) in spans {
        let Some(annotation) = text.get(s..e) else {
            continue;
        };
        read_units(p, annotation, lead, responsible);
        if let Some(before) = text.get(rest_start..s) {
            kept.push_str(before);
        }
        rest_start = e;
    }
    if let Some(after) = text.get(rest_start..) {
        kept.push_str(after);
    }
    // Tidy what the annotations leave behind: empty lines, dangling breaks.
    kept.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The units named in one annotation ("〔牵头单位：A、B；责任单位：C〕").
fn read_units(
    p: &Patterns,
    annotation: &str,
    lead: &mut Vec<String>,
    responsible: &mut Vec<String>,
) {
    let inner = annotation.trim_matches(|c: char| {
        matches!(
            c,
            '〔' | '〕' | '【' | '】' | '（' | '）' | '(' | ')' | '[' | ']'
        ) || c.is_whitespace()
    });
    // Each label, in order, owns the text up to the next label.
    let labels: Vec<(usize, usize, bool)> = p
        .unit_label
        .captures_iter(inner)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let is_lead = c.get(1).is_some();
            let is_label = is_lead || c.get(2).is_some();
            is_label.then(|| (whole.start(), whole.end(), is_lead))
        })
        .collect();
    for (i, &(_, end, is_lead)) in labels.iter().enumerate() {
        let stop = labels.get(i + 1).map_or(inner.len(), |next| next.0);
        let Some(body) = inner.get(end..stop) else {
            continue;
        };
        let body = body.trim_start_matches(['：', ':', ' ']);
        let target = if is_lead {
            &mut *lead
        } else {
            &mut *responsible
        };
        for unit in split_units(body) {
            if !target.contains(&unit) {
                target.push(unit);
            }
        }
    }
}

/// Unit names from "县政府办公室、县司法局，乡镇人民政府按职责分工分别负责".
fn split_units(body: &str) -> Vec<String> {
    const TAILS: &[&str] = &[
        "按职责分工分别负责",
        "按职责分工负责",
        "按职能分工负责",
        "按职责分别负责",
        "分别负责",
        "按职责负责",
        "负责",
        "配合",
        "等",
    ];
    body.split(['、', '，', ',', '；', ';', '\n'])
        .filter_map(|piece| {
            let mut unit = piece
                .trim()
                .trim_end_matches(['。', '.', '〕', '）', ')'])
                .trim();
            for tail in TAILS {
                if let Some(stripped) = unit.strip_suffix(tail)
                    && stripped.chars().count() >= 2
                {
                    unit = stripped;
                    break;
                }
            }
            let unit = squeeze(unit);
            (unit.chars().count() >= 2).then_some(unit)
        })
        .collect()
}

/// The item's heading: its first sentence, cut at the first comma when long.
fn title_of(text: &str) -> Option<String> {
    let first_line = text.lines().next()?.trim();
    let sentence = first_line
        .split(['。', '！', '？', '；', ';', '!', '?'])
        .next()?
        .trim()
        .trim_end_matches(['：', ':'])
        .trim();
    if sentence.is_empty() {
        return None;
    }
    if sentence.chars().count() <= MAX_TITLE {
        return Some(sentence.to_string());
    }
    let clause = sentence
        .split(['，', ','])
        .next()
        .unwrap_or(sentence)
        .trim();
    let n = clause.chars().count();
    if (4..=MAX_TITLE).contains(&n) {
        return Some(clause.to_string());
    }
    let cut: String = sentence.chars().take(MAX_TITLE).collect();
    Some(format!("{cut}…"))
}

/// A title up to its first comma, when that leaves a phrase of four or
/// more characters.
fn first_phrase(title: &str) -> String {
    let phrase = title.split(['，', ',']).next().unwrap_or(title).trim();
    if phrase.chars().count() >= 4 {
        phrase.to_string()
    } else {
        title.to_string()
    }
}

/// The item tree with ids, fields and keywords.
fn build_items(p: &Patterns, nodes: &[Node], id: &str, segmenter: &Segmenter) -> Vec<Item> {
    let readings: Vec<Reading> = nodes.iter().map(|n| read_node(p, n)).collect();
    let keywords = keywords_for(&readings, segmenter);
    // Children lists in document order.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        match node.parent.and_then(|parent| children.get_mut(parent)) {
            Some(list) => list.push(i),
            None => roots.push(i),
        }
    }
    let ctx = BuildContext {
        readings: &readings,
        keywords: &keywords,
        children: &children,
    };
    roots
        .iter()
        .enumerate()
        .filter_map(|(pos, &i)| ctx.item(i, &format!("{id}-{}", pos + 1)))
        .collect()
}

struct BuildContext<'a> {
    readings: &'a [Reading],
    keywords: &'a [Vec<Keyword>],
    children: &'a [Vec<usize>],
}

impl BuildContext<'_> {
    fn item(&self, i: usize, id: &str) -> Option<Item> {
        let reading = self.readings.get(i)?;
        let children = self
            .children
            .get(i)
            .map(|list| {
                list.iter()
                    .enumerate()
                    .filter_map(|(pos, &c)| self.item(c, &format!("{id}.{}", pos + 1)))
                    .collect()
            })
            .unwrap_or_default();
        let title = if reading.title.trim().is_empty() {
            id.to_string()
        } else {
            reading.title.clone()
        };
        Some(Item {
            id: id.to_string(),
            title,
            description: reading.description.clone(),
            keywords: self.keywords.get(i).cloned().unwrap_or_default(),
            scope: Scope::Achievements,
            weight: 1.0,
            exclude: Vec::new(),
            require: Vec::new(),
            children,
            lead_units: reading.lead_units.clone(),
            responsible_units: reading.responsible_units.clone(),
            targets: reading.targets.clone(),
        })
    }
}

/// Domain terms: the segmentation dictionary and the built-in frameworks'
/// decisive keywords (weight ≥ 2.5), less the generic ones.
static DOMAIN_TERMS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut terms: Vec<String> = crate::segment::domain_terms().map(str::to_string).collect();
    for fw in super::load::builtin() {
        for (item, _) in fw.walk() {
            for k in &item.keywords {
                if k.weight >= 2.5 {
                    terms.push(k.term.clone());
                }
            }
        }
    }
    let mut seen = HashSet::new();
    terms.retain(|t| {
        t.chars().count() >= 2 && !GENERIC_DOMAIN.contains(&t.as_str()) && seen.insert(t.clone())
    });
    terms
});

/// Synonyms of the built-in frameworks' keywords, by term.
static BUILTIN_SYNONYMS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for fw in super::load::builtin() {
        for (item, _) in fw.walk() {
            for k in &item.keywords {
                let list = map.entry(k.term.clone()).or_default();
                for s in &k.synonyms {
                    if !list.contains(s) && s != &k.term {
                        list.push(s.clone());
                    }
                }
            }
        }
    }
    map
});

/// True for a term of the domain (see [`DOMAIN_TERMS`]).
fn is_domain_term(word: &str) -> bool {
    DOMAIN_TERMS.iter().any(|t| t == word)
}

/// A word that names a unit ("县司法局", "政法委", "人民法院") rather than a task.
fn is_unit_like(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "局",
        "委",
        "院",
        "厅",
        "处",
        "科",
        "府",
        "办公室",
        "中心",
        "部门",
        "单位",
        "小组",
        "站",
    ];
    ENDINGS.iter().any(|e| word.ends_with(e)) || word == "编办"
}

/// Non-overlapping occurrences of `word` in `text`.
fn count(text: &str, word: &str) -> usize {
    if word.is_empty() {
        0
    } else {
        text.matches(word).count()
    }
}

/// Keywords for every node: TF-IDF of the node's words against the other
/// nodes (the document's items are the corpus), domain terms first.
///
/// Candidates are jieba's nouns and verbs of two or more characters and
/// every domain term found in the text, less stop words and unit names. A
/// candidate's frequency is its number of occurrences (the title counts
/// twice); its idf is `ln((1 + N) / (1 + df)) + 1` over the N items; domain
/// terms score [`DOMAIN_BOOST`] times more. A word found only inside a
/// longer candidate ("行政执法" in "综合行政执法") is left to the longer one.
/// Weights by score: domain terms 2.5–3.0, other words 1.0–2.0 (see
/// [`weigh`]).
fn keywords_for(readings: &[Reading], segmenter: &Segmenter) -> Vec<Vec<Keyword>> {
    let jieba = segmenter.jieba();
    let units: HashSet<&str> = readings
        .iter()
        .flat_map(|r| r.lead_units.iter().chain(r.responsible_units.iter()))
        .map(String::as_str)
        .collect();
    // Candidates per node with their counts.
    let mut per_node: Vec<Vec<(String, f32, bool)>> = Vec::with_capacity(readings.len());
    for reading in readings {
        let text = reading.body.as_str();
        let mut words: Vec<String> = Vec::new();
        for tag in jieba.tag(text, false) {
            let word = tag.word;
            if word.chars().count() < 2
                || !KEYWORD_TAGS.contains(&tag.tag)
                || word
                    .chars()
                    .any(|c| !crate::text::is_cjk(c) || crate::text::is_cjk_punct(c))
                || word.starts_with(FUNCTION_CHARS)
                || word.ends_with(FUNCTION_CHARS)
            {
                continue;
            }
            if !words.iter().any(|w| w == word) {
                words.push(word.to_string());
            }
        }
        for term in DOMAIN_TERMS.iter() {
            if text.contains(term.as_str()) && !words.contains(term) {
                words.push(term.clone());
            }
        }
        let mut cands: Vec<(String, f32, bool)> = Vec::new();
        for word in words {
            let domain = is_domain_term(&word);
            if is_stop_word(&word) || GENERIC_DOMAIN.contains(&word.as_str()) {
                continue;
            }
            if !domain && (is_unit_like(&word) || units.iter().any(|u| u.contains(word.as_str()))) {
                continue;
            }
            let tf = count(text, &word) + count(&reading.title, &word);
            if tf > 0 {
                cands.push((word, tf as f32, domain));
            }
        }
        // A word seen only inside a longer candidate is the same mention
        // twice: keep one. A domain term beats an ordinary word ("第一责任人"
        // over "第一责任人职责"), else the longer, more specific one wins.
        let snapshot = cands.clone();
        let mut dropped: HashSet<String> = HashSet::new();
        for (short, stf, sdomain) in &snapshot {
            for (long, ltf, ldomain) in &snapshot {
                if long.len() > short.len() && long.contains(short.as_str()) && ltf >= stf {
                    if *sdomain && !*ldomain {
                        dropped.insert(long.clone());
                    } else {
                        dropped.insert(short.clone());
                    }
                }
            }
        }
        cands.retain(|(w, _, _)| !dropped.contains(w));
        per_node.push(cands);
    }
    let n = readings.len() as f32;
    // Document frequency: in how many items' text the candidate occurs.
    let mut df: HashMap<&str, usize> = HashMap::new();
    for (word, _, _) in per_node.iter().flatten() {
        df.entry(word.as_str()).or_insert_with(|| {
            readings
                .iter()
                .filter(|r| r.body.contains(word.as_str()))
                .count()
        });
    }
    per_node
        .iter()
        .map(|cands| {
            let mut scored: Vec<(&str, f32, bool)> = cands
                .iter()
                .map(|(word, tf, domain)| {
                    let d = df.get(word.as_str()).copied().unwrap_or(1) as f32;
                    let idf = ((1.0 + n) / (1.0 + d)).ln() + 1.0;
                    let boost = if *domain { DOMAIN_BOOST } else { 1.0 };
                    (word.as_str(), tf * idf * boost, *domain)
                })
                .collect();
            scored.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then_with(|| b.0.chars().count().cmp(&a.0.chars().count()))
                    .then_with(|| a.0.cmp(b.0))
            });
            let best = scored.first().map_or(0.0, |s| s.1);
            let chosen: Vec<(&str, f32, bool)> = scored
                .iter()
                .enumerate()
                .take_while(|(i, s)| *i < MIN_KEYWORDS || s.1 >= KEEP_SHARE * best)
                .take(MAX_KEYWORDS)
                .map(|(_, s)| *s)
                .collect();
            weigh(&chosen)
        })
        .collect()
}

/// Scales scores to weights: domain terms 2.5–3.0 (two-character ones
/// 1.9–2.4), other words 1.0–2.0;
/// adds the built-in frameworks' synonyms of each term. Strongest first.
fn weigh(chosen: &[(&str, f32, bool)]) -> Vec<Keyword> {
    let range = |domain: bool| {
        let scores = chosen.iter().filter(|c| c.2 == domain).map(|c| c.1);
        let lo = scores.clone().fold(f32::INFINITY, f32::min);
        let hi = scores.fold(f32::NEG_INFINITY, f32::max);
        (lo, hi)
    };
    let (dlo, dhi) = range(true);
    let (olo, ohi) = range(false);
    let terms: Vec<&str> = chosen.iter().map(|c| c.0).collect();
    let mut out: Vec<Keyword> = chosen
        .iter()
        .map(|&(word, score, domain)| {
            let (lo, hi, base, span) = if domain {
                (dlo, dhi, 2.5, 0.5)
            } else {
                (olo, ohi, 1.0, 1.0)
            };
            let rel = if hi > lo {
                (score - lo) / (hi - lo)
            } else {
                1.0
            };
            let mut weight = base + span * rel;
            // A two-character term (考核, 普法, 信访) names a whole field: it
            // should not make an item covered on its own (the analyzer takes
            // a keyword of 2.5 or more as decisive), only with another.
            if domain && word.chars().count() <= 2 {
                weight -= SHORT_DOMAIN_PENALTY;
            }
            let weight = (weight * 10.0).round() / 10.0;
            let synonyms: Vec<String> = BUILTIN_SYNONYMS
                .get(word)
                .map(|list| {
                    list.iter()
                        .filter(|s| s.chars().count() >= 2 && !terms.contains(&s.as_str()))
                        .take(MAX_SYNONYMS)
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            Keyword {
                term: word.to_string(),
                weight,
                synonyms,
            }
        })
        .collect();
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn patterns() -> &'static Patterns {
        PATTERNS.as_ref().expect("patterns compile")
    }

    fn segmenter() -> Segmenter {
        Segmenter::new([])
    }

    #[test]
    fn patterns_compile() {
        assert!(PATTERNS.is_some());
    }

    #[test]
    fn units_in_brackets_and_on_their_own_line_are_read_and_removed() {
        let p = patterns();
        let mut lead = Vec::new();
        let mut resp = Vec::new();
        let text = strip_units(
            p,
            "推动学习走深走实。〔牵头单位：县政府办公室、县司法局；责任单位：各乡镇人民政府、县直各单位〕",
            &mut lead,
            &mut resp,
        );
        assert_eq!(text, "推动学习走深走实。");
        assert_eq!(lead, ["县政府办公室", "县司法局"]);
        assert_eq!(resp, ["各乡镇人民政府", "县直各单位"]);

        let mut lead = Vec::new();
        let mut resp = Vec::new();
        let text = strip_units(
            p,
            "提供法治保障。\n责任单位：县政府办公室、县司法局、各有关部门，乡镇人民政府按职责分工分别负责",
            &mut lead,
            &mut resp,
        );
        assert_eq!(text, "提供法治保障。");
        assert!(lead.is_empty());
        assert_eq!(
            resp,
            ["县政府办公室", "县司法局", "各有关部门", "乡镇人民政府"]
        );

        let mut lead = Vec::new();
        let mut resp = Vec::new();
        let text = strip_units(
            p,
            "备案审查率100%。（责任单位：区司法局）",
            &mut lead,
            &mut resp,
        );
        assert_eq!(text, "备案审查率100%。");
        assert_eq!(resp, ["区司法局"]);
    }

    #[test]
    fn targets_are_found_as_written() {
        let p = patterns();
        let node = Node {
            level: 3,
            numbering: "3.".into(),
            text: "县政府常务会议定期研究法治工作。年内组织2次以上法治专题讲座，至少组织1次领导班子旁听庭审，6月底前完成，报备率100%，每年不少于1次。".into(),
            own: String::new(),
            parent: None,
        };
        let r = read_node(p, &node);
        assert_eq!(
            r.targets,
            [
                "年内",
                "2次以上",
                "至少组织1次",
                "6月底前",
                "100%",
                "每年",
                "不少于1次"
            ]
        );
        assert_eq!(r.title, "县政府常务会议定期研究法治工作");
        assert!(r.description.starts_with("3.县政府"));
    }

    #[test]
    fn long_titles_are_cut_at_the_first_comma() {
        assert_eq!(
            title_of("法治政府建设与经济社会发展同部署、同推进、同考核、同奖惩，党政主要负责人每年召开部署会议。").as_deref(),
            Some("法治政府建设与经济社会发展同部署、同推进、同考核、同奖惩")
        );
        let long = "很".repeat(50);
        assert_eq!(title_of(&long).unwrap().chars().count(), MAX_TITLE + 1);
    }

    #[test]
    fn skipped_levels_and_continuous_numbering_nest_under_the_area() {
        let text = "某县2024年法治政府建设工作要点\n为推进法治政府建设，制定本要点。\n一、总体要求\n（一）指导思想\n以习近平法治思想为指导。\n二、健全决策机制\n1. 落实重大行政决策合法性审查。（责任单位：县司法局）\n（1）编制决策事项目录。\n2. 发挥法律顾问作用。\n三、规范执法\n3. 推行行政执法三项制度。\n某县人民政府办公室\n2024年3月1日";
        let doc = Document::from_text("t.txt", text);
        let fw = import(&doc, "WP-t", "某县2024年法治政府建设工作要点", &segmenter());
        let tree: Vec<(String, String, usize)> = fw
            .walk()
            .map(|(i, d)| (i.id.clone(), i.title.clone(), d))
            .collect();
        assert_eq!(
            tree,
            [
                ("WP-t-1".to_string(), "健全决策机制".to_string(), 0),
                ("WP-t-1.1".into(), "落实重大行政决策合法性审查".into(), 1),
                ("WP-t-1.1.1".into(), "编制决策事项目录".into(), 2),
                ("WP-t-1.2".into(), "发挥法律顾问作用".into(), 1),
                ("WP-t-2".into(), "规范执法".into(), 0),
                ("WP-t-2.1".into(), "推行行政执法三项制度".into(), 1),
            ]
        );
        // The 落款 and date after the last item are not part of it.
        let last = fw.find("WP-t-2.1").unwrap();
        assert_eq!(last.description, "3.推行行政执法三项制度。");
        assert_eq!(fw.applies.from, Some(2024));
        assert_eq!(fw.short_name, "2024年工作要点");
        assert_eq!(fw.description, "由《某县2024年法治政府建设工作要点》导入");
    }

    #[test]
    fn clauses_count_up_from_one() {
        let p = patterns();
        let spans = clauses_of(
            p,
            "加快进程。一是认真谋划。统一是基础。二是加大督察。三是开展检查。",
        );
        let markers: Vec<&str> = spans.iter().map(|s| s.2.as_str()).collect();
        assert_eq!(markers, ["一是", "二是", "三是"]);
        assert!(clauses_of(p, "二是开展检查。").is_empty());
    }

    #[test]
    fn keywords_prefer_domain_terms_and_skip_stop_words_and_units() {
        let readings: Vec<Reading> = [
            "严格落实重大行政决策程序。严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。",
            "全面推进政务公开。依法办理政府信息公开申请。",
            "加强行政复议和行政应诉工作。落实行政机关负责人出庭应诉制度。",
        ]
        .iter()
        .map(|t| Reading {
            title: title_of(t).unwrap(),
            body: t.to_string(),
            lead_units: vec!["县司法局".into()],
            ..Reading::default()
        })
        .collect();
        let kws = keywords_for(&readings, &segmenter());
        let terms: Vec<&str> = kws[0].iter().map(|k| k.term.as_str()).collect();
        assert!(terms.contains(&"合法性审查"), "{terms:?}");
        assert!(terms.contains(&"重大行政决策"), "{terms:?}");
        assert!(!terms.contains(&"严格"), "{terms:?}");
        for list in &kws {
            for k in list {
                assert!((1.0..=3.0).contains(&k.weight), "{k:?}");
                assert!(!is_stop_word(&k.term), "{k:?}");
                assert!(!k.term.contains("司法局"), "{k:?}");
            }
        }
        let top = &kws[0][0];
        assert!(is_domain_term(&top.term) && top.weight >= 2.5, "{top:?}");
        let third: Vec<&str> = kws[2].iter().map(|k| k.term.as_str()).collect();
        assert!(third.contains(&"行政复议"), "{third:?}");
    }

    #[test]
    fn plans_under_a_run_in_heading_are_its_clauses() {
        let doc = Document::from_text(
            "某区2020年报告.txt",
            "某区2020年法治政府建设情况报告\n一、主要举措和成效\n我区深化放管服改革，推进综合行政执法。\n二、下一步工作打算。一是深化“放管服”改革，优化营商环境。二是推进综合行政执法改革，加强执法人员培训。",
        );
        let fw = plans_as_framework(&doc, &segmenter()).unwrap();
        let titles: Vec<&str> = fw.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["深化“放管服”改革", "推进综合行政执法改革"]);
        assert_eq!(fw.items[1].id, "PLAN-某区2020年报告-2");
        assert_eq!(
            fw.items[0].description,
            "一是深化“放管服”改革，优化营商环境。"
        );
        assert_eq!((fw.applies.from, fw.applies.to), (Some(2021), Some(2021)));
    }

    #[test]
    fn a_notice_title_broken_over_lines_names_the_document() {
        let doc = Document::from_text(
            "n.txt",
            "某县人民政府办公室\n关于印发某县2021年度法治政府建设\n工作安排的通知\n某政办〔2021〕3号\n一、依法全面履行政府职能\n（一）深化放管服改革。",
        );
        assert_eq!(
            document_title(&doc).as_deref(),
            Some("某县2021年度法治政府建设工作安排")
        );
    }
}
