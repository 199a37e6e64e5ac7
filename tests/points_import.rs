//! Importing a 年度工作要点 / 工作安排 / 工作计划 as a checklist, as a reviewer
//! relies on it: the numbered items become items with their parents, the
//! 通知 header and preamble do not, 牵头单位/责任单位 and targets are kept on
//! the right item, the keywords name the task, the result is an ordinary
//! framework file, and a report's own "下一步" plans check the next report.
//!
//! The three work-point texts in `tests/fixtures/points/` are ASSEMBLED test
//! inputs (see the README there): they follow the structure of the partial
//! examples in domain.md §e but are not the real documents.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use shenyue::analysis::{Analyzer, AutoStatus};
use shenyue::document::{self, Document, LoadOptions};
use shenyue::framework::points::{self, import_file, plans_as_framework};
use shenyue::framework::{Framework, FrameworkError, Item, Scope, load_file, parse};
use shenyue::segment::Segmenter;
use shenyue::structure::PartId;

/// The segmenter the analyzer would use (built-in frameworks' terms).
fn segmenter() -> Segmenter {
    let builtin = shenyue::framework::builtin();
    Segmenter::new(builtin.iter().flat_map(|f| f.terms()))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/points")
        .join(name)
}

fn sample(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_reports")
        .join(name);
    document::open(&path, &LoadOptions::default()).unwrap()
}

fn import(name: &str) -> Framework {
    import_file(&fixture(name), &LoadOptions::default(), &segmenter())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn item<'a>(fw: &'a Framework, id: &str) -> &'a Item {
    fw.find(id)
        .unwrap_or_else(|| panic!("{}: no item {id}", fw.id))
}

fn titles(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.title.as_str()).collect()
}

fn terms(item: &Item) -> Vec<&str> {
    item.keywords.iter().map(|k| k.term.as_str()).collect()
}

fn keyword_weight(item: &Item, term: &str) -> f32 {
    item.keywords
        .iter()
        .find(|k| k.term == term)
        .unwrap_or_else(|| panic!("{}: no keyword {term} in {:?}", item.id, terms(item)))
        .weight
}

#[test]
fn the_xiping_arrangement_keeps_its_items_and_drops_the_notice() {
    let fw = import("xiping_2020.txt");
    assert_eq!(fw.id, "WP-xiping_2020");
    assert_eq!(fw.name, "西平县2020年度法治政府建设工作安排");
    assert_eq!(fw.short_name, "2020年工作安排");
    assert_eq!((fw.applies.from, fw.applies.to), (Some(2020), Some(2020)));
    assert_eq!(
        fw.description,
        "由《西平县2020年度法治政府建设工作安排》导入"
    );

    // Eight areas 一、…八、 with the fifteen （一）…（十五） items, numbered
    // continuously through the areas.
    assert_eq!(fw.items.len(), 8);
    assert_eq!(fw.walk().count(), 8 + 15);
    assert_eq!(
        fw.items
            .iter()
            .map(|a| a.children.len())
            .collect::<Vec<_>>(),
        [3, 1, 2, 2, 2, 2, 2, 1]
    );
    assert_eq!(fw.items[0].title, "依法全面履行政府职能");
    assert_eq!(
        titles(&fw.items[0].children),
        [
            "为推动经济高质量发展提供法治保障",
            "全面提高依法防控依法治理能力",
            "深化“放管服”改革"
        ]
    );
    // （十一） is the first item of area 六.
    assert_eq!(
        item(&fw, "WP-xiping_2020-6.1").title,
        "加强行政复议和行政应诉工作"
    );
    assert!(
        item(&fw, "WP-xiping_2020-6.1")
            .description
            .starts_with("（十一）加强行政复议")
    );

    // The 通知 header, 文号, 主送, 落款 and preamble are no item's text.
    for (i, _) in fw.walk() {
        for noise in [
            "通知",
            "西政办",
            "印发给你们",
            "此件公开发布",
            "2020年7月8日",
            "收官之年",
        ] {
            assert!(
                !i.title.contains(noise) && !i.description.contains(noise),
                "{}: {noise}",
                i.id
            );
        }
        assert_eq!(i.scope, Scope::Achievements);
        assert_eq!(i.weight, 1.0);
    }

    // "责任单位：…" on its own line belongs to the item above it and leaves
    // its text.
    let first = item(&fw, "WP-xiping_2020-1.1");
    assert!(first.lead_units.is_empty());
    assert_eq!(
        first.responsible_units,
        ["县政府办公室", "县司法局", "各有关部门", "乡镇人民政府"]
    );
    assert!(
        !first.description.contains("责任单位"),
        "{}",
        first.description
    );
    assert_eq!(
        item(&fw, "WP-xiping_2020-2.1").responsible_units,
        ["县司法局", "县政府各部门"]
    );

    // Targets on the right item.
    assert_eq!(item(&fw, "WP-xiping_2020-1.3").targets, ["6月底前", "100%"]);
    assert_eq!(item(&fw, "WP-xiping_2020-4.1").targets, ["每季度"]);
    let study = item(&fw, "WP-xiping_2020-7.1");
    assert_eq!(study.title, "健全领导干部学法制度");
    assert_eq!(study.targets, ["每年", "不少于4次", "年内", "至少举办1次"]);
    assert_eq!(item(&fw, "WP-xiping_2020-8.1").targets, ["11月底前"]);
    assert!(item(&fw, "WP-xiping_2020-1.1").targets.is_empty());

    // Keywords name the task; the dictionary's terms are the strongest.
    let decisions = item(&fw, "WP-xiping_2020-3.1");
    assert_eq!(decisions.title, "严格落实重大行政决策程序");
    assert!(keyword_weight(decisions, "合法性审查") >= 2.5);
    assert!(keyword_weight(decisions, "重大行政决策") >= 2.5);
    for term in ["集体讨论决定", "专家论证", "公众参与", "风险评估"] {
        assert!(terms(decisions).contains(&term), "{:?}", terms(decisions));
    }
    assert!(terms(item(&fw, "WP-xiping_2020-6.1")).contains(&"行政复议"));
    assert!(terms(item(&fw, "WP-xiping_2020-5.2")).contains(&"政务公开"));
    assert!(terms(study).contains(&"旁听庭审"), "{:?}", terms(study));
}

#[test]
fn a_pdf_copy_with_page_marks_and_lead_units_imports_cleanly() {
    let fw = import("xx_county_2022.txt");
    assert_eq!(fw.id, "WP-xx_county_2022");
    // "XX 县 2022 年…" from the PDF text, without the extraction's spaces.
    assert_eq!(fw.name, "XX县2022年法治政府建设工作计划");
    assert_eq!((fw.applies.from, fw.applies.to), (Some(2022), Some(2022)));

    // Seven areas; items 1.–11. numbered continuously through them.
    assert_eq!(fw.items.len(), 7);
    assert_eq!(
        fw.items
            .iter()
            .map(|a| a.children.len())
            .collect::<Vec<_>>(),
        [1, 2, 1, 2, 2, 2, 1]
    );
    assert_eq!(fw.items[4].title, "深化行政执法体制改革");
    // The description keeps the numbering as written, for finding the item.
    assert!(
        item(&fw, "WP-xx_county_2022-2.2")
            .description
            .starts_with("3.县政府常务会议定期研究法治工作")
    );

    // 〔牵头单位：…；责任单位：…〕, broken over lines in the PDF text.
    let duties = item(&fw, "WP-xx_county_2022-2.1");
    assert_eq!(
        duties.title,
        "法治政府建设与经济社会发展同部署、同推进、同考核、同奖惩"
    );
    assert_eq!(duties.lead_units, ["县政府办公室", "县司法局"]);
    assert_eq!(duties.responsible_units, ["各乡镇人民政府", "县直各单位"]);
    assert_eq!(duties.targets, ["每年", "不少于1次", "3月底前"]);
    assert_eq!(
        item(&fw, "WP-xx_county_2022-1.1").lead_units,
        ["县政府办公室", "县司法局", "县教育体育局"]
    );

    // The sentence broken by "- 2 -" is whole again; its targets are its own.
    let meetings = item(&fw, "WP-xx_county_2022-2.2");
    assert!(
        meetings.description.contains("或听取法治政府建设工作汇报"),
        "{}",
        meetings.description
    );
    assert_eq!(meetings.targets, ["年内", "2次以上", "至少组织1次"]);
    assert!(!meetings.targets.iter().any(|t| t == "不少于1次"));
    assert!(
        terms(meetings).contains(&"旁听庭审"),
        "{:?}",
        terms(meetings)
    );

    for (i, _) in fw.walk() {
        for noise in ["- 1 -", "- 2 -", "- 3 -", "〔", "牵头单位", "责任单位"] {
            assert!(!i.description.contains(noise), "{}: {noise}", i.id);
        }
    }
    assert_eq!(item(&fw, "WP-xx_county_2022-6.2").targets, ["不低于90%"]);
    let decisions = item(&fw, "WP-xx_county_2022-4.1");
    assert!(keyword_weight(decisions, "合法性审查") >= 2.5);
    let enforcement = item(&fw, "WP-xx_county_2022-5.2");
    for term in ["行政执法公示", "执法全过程记录", "重大执法决定法制审核"] {
        assert!(
            terms(enforcement).contains(&term),
            "{:?}",
            terms(enforcement)
        );
    }
}

#[test]
fn eight_areas_with_continuous_numbering_and_a_skipped_level() {
    let fw = import("liangzihu_2018.txt");
    assert_eq!(fw.name, "梁子湖区2018年法治政府建设工作要点及任务分解");
    assert_eq!(fw.short_name, "2018年工作要点");
    assert_eq!(
        titles(&fw.items),
        [
            "提高法治思维",
            "转变政府职能",
            "加强制度建设",
            "健全决策机制",
            "规范执法行为",
            "强化行政监督",
            "化解社会矛盾",
            "强化考核检查"
        ]
    );
    // 一、 → 1、 skips （一）; the fifteen 1、…15、 items nest under their area.
    let numbered: usize = fw.items.iter().map(|a| a.children.len()).sum();
    assert_eq!(numbered, 15);
    // （1）（2） under item 6、 of area 四.
    let decisions = item(&fw, "WP-liangzihu_2018-4.1");
    assert_eq!(decisions.title, "落实重大行政决策法定程序");
    assert_eq!(
        decisions
            .children
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["WP-liangzihu_2018-4.1.1", "WP-liangzihu_2018-4.1.2"]
    );
    assert_eq!(
        decisions.responsible_units,
        ["区政府办公室", "区司法局"],
        "the annotation after 6、 stays with 6、, not with its sub-items"
    );
    assert!(terms(decisions).contains(&"合法性审查"));
    assert!(decisions.children[0].responsible_units.is_empty());

    let study = item(&fw, "WP-liangzihu_2018-1.1");
    assert_eq!(study.responsible_units, ["区政府办公室", "区司法局"]);
    assert_eq!(study.targets, ["不少于4次", "2次以上", "至少1次"]);
    assert_eq!(
        item(&fw, "WP-liangzihu_2018-1.2").responsible_units,
        ["区司法局", "区人社局", "各行政执法部门"]
    );
    assert_eq!(
        item(&fw, "WP-liangzihu_2018-2.2").targets,
        ["5个工作日以内"]
    );
    assert_eq!(
        item(&fw, "WP-liangzihu_2018-5.2").targets,
        ["每半年", "95%以上"]
    );
    // The 落款 and date after the last item are not part of it.
    let last = item(&fw, "WP-liangzihu_2018-8.2");
    assert!(
        !last.description.contains("人民政府办公室"),
        "{}",
        last.description
    );
    assert!(
        !last.description.contains("3月20日"),
        "{}",
        last.description
    );
    assert_eq!(last.targets, ["年底前"]);
}

#[test]
fn imported_frameworks_are_ordinary_framework_files() {
    let dir = tempfile::tempdir().unwrap();
    let plans =
        plans_as_framework(&sample("zhanjiang-etdz_2020.txt"), &Segmenter::new([])).unwrap();
    let all = [
        import("xiping_2020.txt"),
        import("xx_county_2022.txt"),
        import("liangzihu_2018.txt"),
        plans,
    ];
    for fw in &all {
        let text = fw.to_ron_pretty().unwrap();
        assert_eq!(&parse("imported.ron", &text).unwrap(), fw, "{}", fw.id);
        let path = dir.path().join(format!("{}.ron", fw.id));
        std::fs::write(&path, &text).unwrap();
        assert_eq!(&load_file(&path).unwrap(), fw);
        // A reviewer reads and edits it: Chinese stays Chinese.
        assert!(text.contains(&fw.items[0].title), "{}", fw.id);
    }
}

#[test]
fn keywords_are_weighted_few_and_free_of_stop_words_and_units() {
    let stop = [
        "加强",
        "推进",
        "进一步",
        "工作",
        "开展",
        "全面",
        "深入",
        "落实",
        "有关",
        "各类",
        "积极",
        "法治政府",
    ];
    for name in [
        "xiping_2020.txt",
        "xx_county_2022.txt",
        "liangzihu_2018.txt",
    ] {
        let fw = import(name);
        for (i, _) in fw.walk() {
            assert!(i.keywords.len() <= 10, "{}: {:?}", i.id, terms(i));
            if i.children.is_empty() {
                assert!(!i.keywords.is_empty(), "{} has no keywords", i.id);
            }
            for k in &i.keywords {
                assert!((1.0..=3.0).contains(&k.weight), "{}: {k:?}", i.id);
                assert!(k.term.chars().count() >= 2, "{}: {k:?}", i.id);
                assert!(!stop.contains(&k.term.as_str()), "{}: {k:?}", i.id);
                assert!(!k.term.ends_with('局'), "{}: {k:?}", i.id);
                assert!(
                    !i.lead_units
                        .iter()
                        .chain(&i.responsible_units)
                        .any(|u| u == &k.term),
                    "{}: {k:?}",
                    i.id
                );
            }
            // Strongest first.
            assert!(
                i.keywords.windows(2).all(|w| w[0].weight >= w[1].weight),
                "{}: {:?}",
                i.id,
                i.keywords
            );
        }
    }
}

#[test]
fn the_2020_report_s_own_plans_are_its_five_next_year_items() {
    let doc = sample("zhanjiang-etdz_2020.txt");
    let fw = plans_as_framework(&doc, &Segmenter::new([])).unwrap();
    assert_eq!(fw.id, "PLAN-zhanjiang-etdz_2020");
    assert_eq!(
        fw.name,
        "湛江经济技术开发区2020年法治政府建设工作报告：下一步工作打算"
    );
    // Plans written in the 2020 report are checked against the 2021 one.
    assert_eq!((fw.applies.from, fw.applies.to), (Some(2021), Some(2021)));
    assert_eq!(
        titles(&fw.items),
        [
            "不断优化营商环境",
            "深化行政执法体制改革",
            "强化法治宣传教育工作",
            "依法有效化解矛盾纠纷",
            "优化完善法治政府建设考核"
        ]
    );
    // The opening ("2021年，我区将…重点做好以下工作：") and "专此报告。" are not plans.
    for i in &fw.items {
        assert!(i.children.is_empty());
        assert!(!i.description.contains("专此报告"), "{}", i.description);
        assert!(!i.description.contains("以下工作"), "{}", i.description);
    }
    assert!(terms(&fw.items[0]).contains(&"营商环境"));
    assert!(terms(&fw.items[0]).contains(&"放管服"));
    assert!(terms(&fw.items[3]).contains(&"行政复议"));
    assert!(terms(&fw.items[3]).contains(&"枫桥经验"));
    assert!(terms(&fw.items[4]).contains(&"考核"));
}

#[test]
fn the_2020_plans_checked_against_the_2022_report() {
    let analyzer = Analyzer::new();
    let report_2020 = sample("zhanjiang-etdz_2020.txt");
    let report_2022 = sample("zhanjiang-etdz_2022.txt");
    let plans = plans_as_framework(&report_2020, analyzer.segmenter()).unwrap();
    let analysis = analyzer.analyse(&report_2022, &[&plans]);
    assert_eq!(analysis.frameworks, std::slice::from_ref(&plans.id));
    assert_eq!(analysis.items.len(), 5);
    println!("2020 plans in the 2022 report:");
    for r in &analysis.items {
        println!(
            "  {} {}: {} — {}",
            r.id,
            r.title,
            r.status.as_str(),
            r.reason
        );
        if let Some(e) = r.evidence.first() {
            let quote: String = e.quote.chars().take(50).collect();
            println!("      {:.1} {quote}", e.score);
        }
        // Evidence is what was done in 2022, never 2022's own plans.
        for e in &r.evidence {
            assert_ne!(
                report_2022.structure.part_at(e.range.start),
                Some(PartId::DC4),
                "{}: {}",
                r.id,
                e.quote
            );
        }
    }
    let by_title = |title: &str| {
        analysis
            .items
            .iter()
            .find(|r| r.title == title)
            .unwrap_or_else(|| panic!("no result for {title}"))
    };
    // Verified by reading both reports: 2022 reports 放管服/营商环境/信用
    // (一(二)), 镇街综合行政执法 and its training (一(四)一是), the 学法
    // system (一(六)一是), and 矛盾纠纷 mediation and 负责人出庭应诉
    // (一(五)二是三是, 一(四)三是).
    let quotes = |title: &str| -> String {
        by_title(title)
            .evidence
            .iter()
            .take(3)
            .map(|e| e.quote.as_str())
            .collect()
    };
    for (title, phrase) in [
        ("不断优化营商环境", "放管服"),
        ("深化行政执法体制改革", "综合行政执法"),
        ("强化法治宣传教育工作", "学法制度"),
        ("依法有效化解矛盾纠纷", "矛盾纠纷"),
    ] {
        let r = by_title(title);
        assert_ne!(r.status, AutoStatus::Missing, "{title}: {}", r.reason);
        assert!(quotes(title).contains(phrase), "{title}: {}", quotes(title));
    }
    // 2022 reports no work on the 法治政府建设 assessment itself (its 不足
    // part says the assessment system is "不健全"): not covered.
    let assessment = by_title("优化完善法治政府建设考核");
    assert_ne!(
        assessment.status,
        AutoStatus::Covered,
        "{}",
        assessment.reason
    );
}

#[test]
fn plans_with_clauses_without_numbering_and_without_a_plans_part() {
    let seg = Segmenter::new([]);
    // 霞山 2019: （一）…（四） each with 一是/二是 clauses as sub-items.
    let xiashan = plans_as_framework(&sample("xiashan_2019.txt"), &seg).unwrap();
    assert_eq!(xiashan.items.len(), 4);
    assert_eq!(xiashan.items[0].title, "加快法治政府建设进程");
    assert_eq!(
        titles(&xiashan.items[0].children),
        [
            "认真谋划部署",
            "在上年度法治政府建设工作基础上",
            "加大督察力度"
        ]
    );
    assert_eq!(xiashan.items[0].children[0].id, "PLAN-xiashan_2019-1.1");
    assert!(
        xiashan.items[1].children[0]
            .description
            .starts_with("一是建立完善决策程序")
    );
    assert!(terms(&xiashan.items[1].children[0]).contains(&"合法性审查"));

    // 湛河 2020: one unnumbered "下一步，我们将…" paragraph: one item per sentence.
    let zhanhe = plans_as_framework(&sample("zhanhe_2020.txt"), &seg).unwrap();
    println!("湛河 2020 plans: {:?}", titles(&zhanhe.items));
    assert!(zhanhe.items.len() >= 6, "{:?}", titles(&zhanhe.items));
    assert!(zhanhe.items.iter().any(|i| i.title.contains("枫桥经验")));
    assert!(!zhanhe.items[0].title.starts_with("下一步"));

    let none = Document::from_text(
        "t.txt",
        "某区2020年法治政府建设情况报告\n一、主要举措和成效\n我区深化放管服改革。",
    );
    assert!(plans_as_framework(&none, &seg).is_none());
}

#[test]
fn documents_that_are_not_work_points_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let prose = dir.path().join("prose.txt");
    std::fs::write(&prose, "这是一段没有编号的文字。\n还有一段。\n").unwrap();
    match import_file(&prose, &LoadOptions::default(), &segmenter()) {
        Err(e @ FrameworkError::Invalid { .. }) => {
            assert!(e.to_string().contains("prose.txt"), "{e}");
            assert!(e.to_string().contains("no numbered items"), "{e}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    let missing = dir.path().join("missing.txt");
    let err = import_file(&missing, &LoadOptions::default(), &segmenter()).unwrap_err();
    assert_eq!(err.kind(), "io");
    assert!(err.to_string().contains("missing.txt"), "{err}");
}

#[test]
fn document_titles_come_from_the_title_line_or_the_notice() {
    let doc = document::open(&fixture("xiping_2020.txt"), &LoadOptions::default()).unwrap();
    assert_eq!(
        points::document_title(&doc).as_deref(),
        Some("西平县2020年度法治政府建设工作安排")
    );
    let notice_only = Document::from_text(
        "n.txt",
        "某市司法局\n关于印发《某市2023年法治政府建设工作要点》的通知\n各区司法局：\n一、深入学习贯彻习近平法治思想\n（一）开展专题学习。",
    );
    assert_eq!(
        points::document_title(&notice_only).as_deref(),
        Some("某市2023年法治政府建设工作要点")
    );
}

#[test]
fn shenyue_check_uses_imported_points() {
    let report =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_reports/zhanjiang-etdz_2022.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_shenyue"))
        .arg("check")
        .arg(&report)
        .arg("--points")
        .arg(fixture("xx_county_2022.txt"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let frameworks: Vec<&str> = json["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    assert!(frameworks.contains(&"WP-xx_county_2022"), "{frameworks:?}");
    let ours: Vec<&serde_json::Value> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["framework"] == "WP-xx_county_2022")
        .collect();
    assert_eq!(ours.len(), 7 + 11);
    // The 2022 report publishes a 重大行政决策事项目录 and follows the
    // decision procedure (一(三)二是): the 决策程序 item has evidence.
    let decisions = ours
        .iter()
        .find(|i| i["id"] == "WP-xx_county_2022-4.1")
        .unwrap();
    assert_ne!(decisions["status"], "missing", "{decisions}");
}
