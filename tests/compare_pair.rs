//! The one real pair of the samples: 湛江经济技术开发区 2020 → 2022. A reviewer
//! opens both reports and asks what a careful reader asks: were last year's
//! five plans reported on, which figures can be followed across the years,
//! and was text copied?
//!
//! Every expectation below was written from reading the two reports (the
//! reasons are in the comments), not from the tool's output. Where a careful
//! reader could fairly hesitate, the test accepts both readings and says why.
//!
//! Note on the years: the 2020 report's plans are for 2021; the newer report
//! available is for 2022, so "follow-through" here spans two years. The
//! 2022 report still reports on the same lines of work.

use std::path::Path;

use shenyue::analysis::Analysis;
use shenyue::compare::{
    self, Comparison, FollowStatus, FollowThrough, IndicatorPair, Trend, compare,
};
use shenyue::document::{self, Document, LoadOptions};
use shenyue::structure::PartId;

fn open(year: u32) -> Document {
    let path = format!(
        "{}/sample_reports/zhanjiang-etdz_{year}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    document::open(Path::new(&path), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn pair() -> (Document, Document, Comparison) {
    let old = open(2020);
    let new = open(2022);
    let c = compare(&old, &Analysis::default(), &new, &Analysis::default());
    (old, new, c)
}

fn plan<'a>(c: &'a Comparison, text: &str) -> &'a FollowThrough {
    c.follow_through
        .iter()
        .find(|f| f.plan.text == text)
        .unwrap_or_else(|| panic!("plan {text} not found in {:#?}", c.follow_through))
}

fn evidence_mentions(f: &FollowThrough, words: &[&str]) -> bool {
    f.evidence
        .iter()
        .any(|q| words.iter().any(|w| q.quote.contains(w)))
}

#[test]
fn the_2020_report_makes_five_plans() {
    // 二、下一步工作打算 lists （一）…（五）, each a heading with a body.
    let old = open(2020);
    let plans = compare::plans(&old);
    let texts: Vec<&str> = plans.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "不断优化营商环境",
            "深化行政执法体制改革",
            "强化法治宣传教育工作",
            "依法有效化解矛盾纠纷",
            "优化完善法治政府建设考核",
        ]
    );
    for p in &plans {
        assert_eq!(old.slice(p.range), p.text);
        assert!(p.body_range.contains_range(p.range));
    }
    // The bodies hold the commitments, e.g. plan (二) promises training of
    // the 镇街 enforcement staff and plan (四) 行政复议体制改革.
    assert!(
        old.slice(plans[1].body_range)
            .contains("加强镇街执法人员培训")
    );
    assert!(
        old.slice(plans[3].body_range)
            .contains("稳妥推进行政复议体制改革")
    );
    // The 2022 report's own plans part has seven items.
    assert_eq!(compare::plans(&open(2022)).len(), 7);
}

#[test]
fn follow_through_of_the_2020_plans_in_2022() {
    let (_, new, c) = pair();
    assert_eq!(c.follow_through.len(), 5);

    // (一) 不断优化营商环境 (深化“放管服”改革, 审批服务便民化, 信用监管):
    // 2022 reports 一（二）一是 深入推进“放管服”改革 (权责清单, 1216 items
    // handed to 镇街), 三是 大力优化法治营商环境 (810 items in the service
    // hall) and the 双公示 credit data. Reported.
    let p1 = plan(&c, "不断优化营商环境");
    assert_eq!(p1.status, FollowStatus::Reported, "{p1:#?}");
    assert!(evidence_mentions(p1, &["放管服", "营商环境"]), "{p1:#?}");

    // (二) 深化行政执法体制改革 (队伍, 镇街执法人员培训, 镇街综合行政执法常态化):
    // 2022 一（四）一是: 8 区直 experts named 镇街综合行政执法培训导师, work
    // guides, an assessment scheme for 综合行政执法, and 1216 执法事项
    // handed down to the 镇街. Reported.
    let p2 = plan(&c, "深化行政执法体制改革");
    assert_eq!(p2.status, FollowStatus::Reported, "{p2:#?}");
    assert!(
        evidence_mentions(p2, &["综合行政执法", "综合执法"]),
        "{p2:#?}"
    );

    // (三) 强化法治宣传教育工作 (领导班子集体学法; 普法 for the public):
    // 2022 一（六）一是 落实管委会主任办公会议学法制度 and a 领导干部学法计划
    // "不断提高领导干部运用法治思维和法治方式解决问题能力"; 二是/三是 普法
    // (谁执法谁普法, 民法典进农村, 送法进…). Reported.
    let p3 = plan(&c, "强化法治宣传教育工作");
    assert_eq!(p3.status, FollowStatus::Reported, "{p3:#?}");
    assert!(evidence_mentions(p3, &["学法"]), "{p3:#?}");

    // (四) 依法有效化解矛盾纠纷 (行政复议体制改革, 行政应诉, 调解, 枫桥经验):
    // 2022 一（五）二是/三是 report 矛盾纠纷多元解纷, 大调解 (786 disputes
    // mediated), 信访; 一（四）三是 行政机关负责人出庭应诉. Nothing on
    // 行政复议体制改革. Most of the plan is reported: a careful reader says
    // reported, a strict one partly — both are accepted, not "not reported".
    let p4 = plan(&c, "依法有效化解矛盾纠纷");
    assert!(
        matches!(p4.status, FollowStatus::Reported | FollowStatus::Partly),
        "{p4:#?}"
    );
    assert!(evidence_mentions(p4, &["矛盾纠纷", "调解"]), "{p4:#?}");

    // (五) 优化完善法治政府建设考核 (考核 as 指挥棒, 法治政府建设 in the
    // 机关综合绩效考核): 2022 reports no change to the 法治政府建设 assessment
    // — its own 不足 says "法治建设考核机制体系不健全" and its plans promise
    // again to use the 年度考评 as 指挥棒. The only related achievement is
    // "推动综合行政执法工作考核纳入绩效考核体系", which is about enforcement,
    // not the rule-of-law assessment. Not reported, at most partly; never
    // reported.
    let p5 = plan(&c, "优化完善法治政府建设考核");
    assert_ne!(p5.status, FollowStatus::Reported, "{p5:#?}");

    // Evidence is always an achievement of the newer report: an exact
    // quote at its range, never in its 不足 (DC2) or plans (DC4) part.
    for f in &c.follow_through {
        for q in &f.evidence {
            assert_eq!(new.slice(q.range), q.quote);
            let part = new.structure.part_at(q.range.start);
            assert!(
                !matches!(part, Some(PartId::DC2 | PartId::DC4)),
                "{}: evidence in {part:?}: {}",
                f.plan.text,
                q.quote
            );
        }
    }
}

/// The pair whose older side has `old_raw` and newer side `new_raw`.
fn find_pair<'a>(c: &'a Comparison, old_raw: &str, new_raw: &str) -> Option<&'a IndicatorPair> {
    c.indicator_pairs().find(|p| {
        p.old.as_ref().is_some_and(|i| i.raw == old_raw)
            && p.new.as_ref().is_some_and(|i| i.raw == new_raw)
    })
}

#[test]
fn indicators_followed_across_the_years() {
    let (_, _, c) = pair();
    let show = || {
        c.indicator_pairs()
            .map(|p| {
                format!(
                    "{} / {}: {} → {}",
                    p.old.as_ref().map_or("", |i| i.name.as_str()),
                    p.new.as_ref().map_or("", |i| i.name.as_str()),
                    p.old.as_ref().map_or("", |i| i.raw.as_str()),
                    p.new.as_ref().map_or("", |i| i.raw.as_str())
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };

    // Found by reading both reports — the same measure in both years:
    // contracts reviewed (2020 "审查全区各单位重大合同 79份", 2022 "审查全区重大
    // 合同、招商引资协议等56份"): down.
    let contracts = find_pair(&c, "79份", "56份").unwrap_or_else(|| panic!("{}", show()));
    assert_eq!(contracts.trend, Some(Trend::Down));
    // Requests for government information (2020 "依申请公开政府信息 20宗",
    // 2022 "新收到政府信息公开申请数量29件"): the same measure in different
    // units — listed apart with both sentences, never subtracted.
    assert!(find_pair(&c, "20宗", "29件").is_none(), "not compared");
    let requests = c
        .unit_mismatches()
        .find(|p| {
            p.old.as_ref().is_some_and(|i| i.raw == "20宗")
                && p.new.as_ref().is_some_and(|i| i.raw == "29件")
        })
        .unwrap_or_else(|| panic!("{}", show()));
    assert_eq!(requests.trend, None);
    assert_eq!(requests.change, None);
    // The exports list them apart and name the skipped year.
    for text in [
        shenyue::compare::to_markdown(&c, shenyue::i18n::Lang::Zh),
        shenyue::compare::to_html(&c, shenyue::i18n::Lang::Zh),
    ] {
        assert!(text.contains("单位不同、未比较的指标"), "listed apart");
        assert!(text.contains("20宗 / 29件"));
        assert!(text.contains("中间缺 2021 年"), "the skipped year");
    }
    // Enforcement matters handed down to the 镇街 (2020 "1141 项行政执法事项下放
    // 到镇街", 2022 "已先后三批下放镇街综合执法事项1216项"): up.
    let handed = find_pair(&c, "1141项", "1216项").unwrap_or_else(|| panic!("{}", show()));
    assert_eq!(handed.trend, Some(Trend::Up));
    // Amount involved in mediated disputes (2020 "调解涉及金额高达 911.2万元",
    // 2022 "调解基层矛盾纠纷786宗,涉及金额1210万元"): up.
    let mediated = find_pair(&c, "911.2万元", "1210万元").unwrap_or_else(|| panic!("{}", show()));
    assert_eq!(mediated.trend, Some(Trend::Up));
    // 扫黑除恶 figures (police work, but the same measures): 刑拘 142 → 123.
    let detained = find_pair(&c, "142人", "123人").unwrap_or_else(|| panic!("{}", show()));
    assert_eq!(detained.trend, Some(Trend::Down));
    assert!(find_pair(&c, "114人", "51人").is_some(), "{}", show()); // 逮捕
    assert!(find_pair(&c, "7个", "5个").is_some(), "{}", show()); // 涉恶犯罪团伙

    // Not the same measure, though the numbers or names look alike: 行政复议
    // cases received (2020, 13件) vs 行政/民事 cases defended (2022, 13件);
    // money invested in a red education base (2020, 1200多万元) vs a smart-
    // city platform (2022, 约2.25亿元).
    assert!(find_pair(&c, "13件", "13件").is_none(), "{}", show());
    // Nor are "政府信息公开工作年度报告 23条" (reports published) and "上年结转
    // 今年政府信息公开申请数量2件" (requests carried over), nor "区市场监督管理局
    // 等4个 (units handing powers down)" and "…各街道(镇)等10家 (units whose
    // case files were reviewed)".
    assert!(find_pair(&c, "23条", "2件").is_none(), "{}", show());
    assert!(find_pair(&c, "4个", "10家").is_none(), "{}", show());
    assert!(
        find_pair(&c, "1200多万元", "约2.25亿元").is_none(),
        "{}",
        show()
    );
}

#[test]
fn recycled_text_is_a_few_reused_sentences() {
    let (old, new, c) = pair();
    let r = &c.recycled;
    let quotes: Vec<&str> = r.passages.iter().map(|p| p.quote.as_str()).collect();

    // By reading: the 2022 report rewrites almost everything. It reuses, with
    // small edits, the 2020 sentence on major decisions ("认真贯彻落实《重大行政
    // 决策程序暂行条例》…坚持“三重一大”事项必须经党委班子会集体讨论决定原则，强化
    // 律师专业把关…提高决策科学民主性"; 2022 adds a second law and says 法律顾问
    // for 律师), the phrase on leaders' duty ("党政主要负责人履行推进法治建设第一
    // 责任人职责情况…年终述职内容") and the name of the annual event ("国家机关
    // “谁执法谁普法”履职报告评议会").
    let decisions = r
        .passages
        .iter()
        .find(|p| p.quote.contains("三重一大"))
        .unwrap_or_else(|| panic!("{quotes:#?}"));
    assert!(decisions.quote.contains("集体讨论决定原则"));
    assert!(old.slice(decisions.old).contains("三重一大"));
    assert!(
        decisions.similarity >= 0.6 && decisions.similarity < 1.0,
        "edited, not verbatim: {decisions:?}"
    );
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("党政主要负责人履行推进法治建设第一责任人职责")),
        "{quotes:#?}"
    );
    assert!(
        quotes.iter().any(|q| q.contains("履职报告评议会")),
        "{quotes:#?}"
    );
    for p in &r.passages {
        assert_eq!(new.slice(p.new), p.quote);
    }

    // So the share is low but not zero: a few sentences of some 6,000
    // characters.
    assert!(r.share > 0.005 && r.share < 0.05, "share {}", r.share);
    // The 2022 不足 paragraph is new text ("整体推进力度还不够", "工作抓手有待进一步
    // 找准", "个别单位…还不够重视"), not the 2020 list of 短板: no red flag.
    let dc2 = r.part_share(PartId::DC2).unwrap_or(0.0);
    assert!(dc2 < 0.1, "DC2 share {dc2}");
    assert!(!r.shortcomings_recycled());
}

#[test]
fn the_pair_compares_and_renders() {
    // How long this takes is measured by `cargo bench --bench pipeline`
    // (compare/zhanjiang-etdz_2020_vs_2022), not asserted here.
    let old = open(2020);
    let new = open(2022);
    let c = compare(&old, &Analysis::default(), &new, &Analysis::default());

    let json = serde_json::to_value(&c).unwrap_or_default();
    assert_eq!(json["old"]["year"], 2020);
    assert_eq!(json["new"]["year"], 2022);
    assert_eq!(json["follow_through"].as_array().map(Vec::len), Some(5));
    assert!(json["recycled_share"].as_f64().is_some_and(|s| s > 0.0));

    let md = compare::to_markdown(&c, shenyue::i18n::Lang::Zh);
    assert!(md.contains("不断优化营商环境"));
    let html = compare::to_html(&c, shenyue::i18n::Lang::Zh);
    assert!(html.contains("优化完善法治政府建设考核"));
}
