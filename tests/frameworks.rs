//! The built-in requirement frameworks as a reviewer relies on them: they
//! load, carry the official ids and titles, number the 纲要 measures the way
//! the 纲要 does, pick the right outline for a report year, survive user
//! edits (good and broken), and their keywords find the hand-labelled
//! evidence of the sample reports.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use shenyue::framework::{Framework, FrameworkError, Item, Registry, Scope, builtin, parse};
use shenyue::i18n::Lang;

#[path = "fixtures/support.rs"]
mod support;

fn builtin_by_id(id: &str) -> Framework {
    builtin()
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("built-in framework {id} missing"))
}

fn builtin_text(id: &str) -> String {
    let path = format!("{}/assets/frameworks/{id}.ron", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// The official number at the end of a sub-item id ("G15-3.17" → 17).
fn number_of(child: &Item) -> u32 {
    let (_, n) = child.id.rsplit_once('.').expect("sub-item id has a '.'");
    n.parse()
        .unwrap_or_else(|_| panic!("{}: not a number", child.id))
}

/// A registry of the built-ins only, whatever is in the user's config folder.
fn builtin_registry() -> Registry {
    Registry::load_from(None, &[])
}

#[test]
fn the_three_builtin_frameworks_parse_in_order() {
    let ids: Vec<String> = builtin().into_iter().map(|f| f.id).collect();
    assert_eq!(ids, ["DC", "G15", "G21"]);
    let registry = builtin_registry();
    assert!(registry.errors.is_empty(), "{:?}", registry.errors);
}

#[test]
fn ids_and_titles_match_the_shared_frameworks_json() {
    let Some(path) = support::shared_file("frameworks.json") else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let canonical = json["frameworks"].as_array().unwrap();
    let ours = builtin();
    assert_eq!(canonical.len(), ours.len());
    for (want, have) in canonical.iter().zip(&ours) {
        assert_eq!(want["id"], have.id.as_str());
        assert_eq!(want["name"], have.name.as_str(), "name of {}", have.id);
        let want_items: Vec<(&str, &str)> = want["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["id"].as_str().unwrap(), i["title"].as_str().unwrap()))
            .collect();
        let have_items: Vec<(&str, &str)> = have
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.title.as_str()))
            .collect();
        assert_eq!(want_items, have_items, "top-level items of {}", have.id);
    }
}

#[test]
fn g15_numbers_its_forty_measures_1_to_40_across_the_seven_tasks() {
    let g15 = builtin_by_id("G15");
    assert_eq!(g15.items.len(), 8);
    let mut numbers = Vec::new();
    for task in &g15.items[..7] {
        assert!(!task.children.is_empty(), "{} has no measures", task.id);
        for measure in &task.children {
            assert!(
                measure.id.starts_with(&format!("{}.", task.id)),
                "{}",
                measure.id
            );
            numbers.push(number_of(measure));
        }
    }
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>());
    assert_eq!(g15.find("G15-3.17").unwrap().title, "加强合法性审查");
    assert_eq!(g15.find("G15-6.33").unwrap().title, "加强行政复议工作");

    // Part 三 (组织保障和落实机制) has four unnumbered paragraphs.
    let titles: Vec<&str> = g15.items[7]
        .children
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "加强党对法治政府建设的领导",
            "落实第一责任人责任",
            "强化考核评价和督促检查",
            "加强理论研究、典型示范和宣传引导"
        ]
    );
    assert_eq!(g15.applies.from, None);
    assert_eq!(g15.applies.to, Some(2020));
}

#[test]
fn g21_sub_items_are_numbered_4_to_35() {
    let g21 = builtin_by_id("G21");
    assert_eq!(g21.items.len(), 10);
    assert!(
        g21.items[0].children.is_empty(),
        "part 一 has no task sub-items"
    );
    let mut numbers = Vec::new();
    for part in &g21.items {
        for sub in &part.children {
            let n = number_of(sub);
            assert_eq!(sub.id, format!("{}.{n:02}", part.id));
            numbers.push(n);
        }
    }
    assert_eq!(numbers, (4..=35).collect::<Vec<_>>());
    assert_eq!(g21.find("G21-02.05").unwrap().title, "深入推进“放管服”改革");
    assert_eq!(
        g21.find("G21-07.23").unwrap().title,
        "加强和规范行政应诉工作"
    );
    assert_eq!((g21.applies.from, g21.applies.to), (Some(2021), Some(2025)));
}

#[test]
fn every_item_is_described_and_carries_8_to_25_usable_keywords() {
    for framework in builtin() {
        for (item, depth) in framework.walk() {
            let n = item.keywords.len();
            assert!((8..=25).contains(&n), "{} has {n} keywords", item.id);
            assert!(
                !item.description.trim().is_empty(),
                "{} has no description",
                item.id
            );
            assert!(
                !item.description.contains('\n'),
                "{}: description is one line",
                item.id
            );
            for keyword in &item.keywords {
                assert!(
                    (0.5..=3.0).contains(&keyword.weight),
                    "{}: {} weighs {}",
                    item.id,
                    keyword.term,
                    keyword.weight
                );
                // A one-character term would match almost anything; only the
                // plans' "将" (weight 0.5) is allowed to be that short.
                let short = keyword.term.chars().count() < 2;
                assert!(
                    !short || keyword.weight <= 0.5,
                    "{}: '{}'",
                    item.id,
                    keyword.term
                );
            }
            if framework.id != "DC" {
                assert_eq!(item.scope, Scope::Achievements, "{}", item.id);
            }
            assert!(depth <= 1, "{} nests too deep", item.id);
        }
    }
}

#[test]
fn top_level_items_carry_keywords_from_every_sub_item() {
    for framework in builtin() {
        for top in &framework.items {
            let top_words: Vec<&str> = top.keywords.iter().flat_map(|k| k.wordings()).collect();
            for child in &top.children {
                let shared = child
                    .keywords
                    .iter()
                    .any(|k| top_words.contains(&k.term.as_str()));
                assert!(shared, "{} carries no keyword of {}", top.id, child.id);
            }
        }
    }
}

#[test]
fn the_required_parts_have_their_scopes() {
    let dc = builtin_by_id("DC");
    let scopes: Vec<(&str, Scope)> = dc.items.iter().map(|i| (i.id.as_str(), i.scope)).collect();
    assert_eq!(
        scopes,
        [
            ("DC1", Scope::Achievements),
            ("DC2", Scope::Shortcomings),
            ("DC3", Scope::Leadership),
            ("DC4", Scope::Plans),
            ("DC5", Scope::Other)
        ]
    );
    assert!(dc.applies.from.is_none() && dc.applies.to.is_none());
}

#[test]
fn synonyms_let_different_wordings_count_for_the_same_item() {
    let g21 = builtin_by_id("G21");
    let appearance = g21.find("G21-07.23").unwrap();
    let keyword = appearance
        .keywords
        .iter()
        .find(|k| k.term == "负责人出庭应诉")
        .unwrap();
    assert!(keyword.synonyms.iter().any(|s| s == "出庭出声"));
    assert!(keyword.synonyms.iter().any(|s| s == "出庭应诉"));
}

#[test]
fn default_selection_follows_the_report_year() {
    let registry = builtin_registry();
    for (year, want) in [(2019, "G15"), (2020, "G15"), (2021, "G21"), (2025, "G21")] {
        let selection = registry.default_selection(Some(year));
        assert_eq!(selection.ids, ["DC", want], "{year}");
        assert_eq!(selection.notice, None, "{year}");
    }
    let later = registry.default_selection(Some(2026));
    assert_eq!(later.ids, ["DC", "G21"]);
    assert_eq!(
        later.notice.map(|n| n.message(Lang::Zh)).as_deref(),
        Some("报告年度为2026年，尚未载入更新的纲要框架，暂按2021－2025年纲要审查")
    );
    let unknown = registry.default_selection(None);
    assert_eq!(unknown.ids, ["DC", "G21"]);
    let notice = unknown.notice.unwrap().message(Lang::Zh);
    assert!(
        notice.contains("未能确定报告年度") && notice.contains("2021－2025年纲要"),
        "{notice}"
    );
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
}

#[test]
fn a_broken_user_file_reports_the_right_line() {
    let text = builtin_text("G21");

    // A misspelt scope on one line.
    let line = line_of(&text, "id: \"G21-07.23\"") + 3;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert!(
        lines[line - 1].contains("scope: Achievements"),
        "{}",
        lines[line - 1]
    );
    lines[line - 1] = lines[line - 1].replace("Achievements", "Achievments");
    let err = parse("G21.ron", &lines.join("\n")).unwrap_err();
    match &err {
        FrameworkError::Parse { line: l, .. } => assert_eq!(*l, line, "{err}"),
        other => panic!("expected a parse error, got {other:?}"),
    }
    assert!(
        err.to_string().starts_with(&format!("G21.ron:{line}:")),
        "{err}"
    );

    // A stray character: line and column both point at it.
    let line = line_of(&text, "id: \"G21-03.09\"");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let col = lines[line - 1].chars().position(|c| c == 'i').unwrap() + 1;
    let byte = lines[line - 1].find('i').unwrap();
    lines[line - 1].insert(byte, '@');
    match parse("G21.ron", &lines.join("\n")).unwrap_err() {
        FrameworkError::Parse {
            line: l, col: c, ..
        } => assert_eq!((l, c), (line, col)),
        other => panic!("expected a parse error, got {other:?}"),
    }

    // Valid RON that breaks a rule: a child id outside its parent.
    let broken = text.replace("id: \"G21-05.14\"", "id: \"G21-04.14\"");
    let err = parse("G21.ron", &broken).unwrap_err();
    assert!(matches!(err, FrameworkError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("G21-04.14"), "{err}");
}

#[test]
fn a_user_file_with_a_builtin_id_replaces_it_and_a_bad_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = builtin_by_id("G21");
    mine.short_name = "本地修订版".into();
    mine.items[6].children[3].keywords[0].weight = 2.5;
    std::fs::write(dir.path().join("G21.ron"), mine.to_ron_pretty().unwrap()).unwrap();
    std::fs::write(dir.path().join("draft.ron"), "Framework(id: \"D\",").unwrap();

    let registry = Registry::load_from(Some(dir.path()), &[]);
    let ids: Vec<&str> = registry.frameworks.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["DC", "G15", "G21"], "replaced in place, not appended");
    assert_eq!(registry.get("G21"), Some(&mine));
    assert_eq!(registry.errors.len(), 1);
    let message = registry.errors[0].to_string();
    assert!(message.contains("draft.ron"), "{message}");
    assert_eq!(
        registry
            .default_selection(Some(2030))
            .notice
            .map(|n| n.message(Lang::Zh))
            .as_deref(),
        Some("报告年度为2030年，尚未载入更新的纲要框架，暂按本地修订版审查")
    );

    // An extra path given on the command line wins over the user folder.
    let extra = dir.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    let mut newer = mine.clone();
    newer.short_name = "命令行版".into();
    let extra_file = extra.join("g21-cli.ron");
    std::fs::write(&extra_file, newer.to_ron_pretty().unwrap()).unwrap();
    let registry = Registry::load_from(Some(dir.path()), &[extra_file]);
    assert_eq!(registry.get("G21").unwrap().short_name, "命令行版");
}

#[test]
fn builtins_round_trip_through_pretty_ron() {
    for framework in builtin() {
        let text = framework.to_ron_pretty().unwrap();
        let back = parse(&format!("{}.ron", framework.id), &text).unwrap();
        assert_eq!(back, framework);
    }
}

/// Deterministic xorshift64 so the fuzz test is reproducible.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random edit of the kind a person or a broken disk makes.
fn mutate(chars: &mut Vec<char>, rng: &mut XorShift) {
    const ALPHABET: &[char] = &[
        '(', ')', '[', ']', '"', ',', ':', '/', '*', '#', '!', '\\', '\n', ' ', '0', '9', '.', '-',
        'e', 'N', 'a', 'n', '中', '—', '\u{feff}', '\u{0}', 'r',
    ];
    let at = rng.below(chars.len() + 1);
    match rng.below(6) {
        0 if at < chars.len() => {
            chars.remove(at);
        }
        1 => chars.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
        2 if at < chars.len() => chars[at] = ALPHABET[rng.below(ALPHABET.len())],
        3 => chars.truncate(at),
        4 if at < chars.len() => {
            let end = (at + 1 + rng.below(40)).min(chars.len());
            let copy: Vec<char> = chars[at..end].to_vec();
            let to = rng.below(chars.len() + 1);
            chars.splice(to..to, copy);
        }
        _ => {
            let a = rng.below(chars.len());
            let b = rng.below(chars.len());
            if a < chars.len() && b < chars.len() {
                chars.swap(a, b);
            }
        }
    }
}

#[test]
fn parse_never_panics_on_mutated_builtin_files() {
    let mut rng = XorShift(0x5eed_2021_0033_u64);
    let sources = [builtin_text("DC"), builtin_text("G21")];
    let mut rejected = 0;
    for round in 0..400 {
        let mut chars: Vec<char> = sources[round % 2].chars().collect();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut chars, &mut rng);
        }
        let text: String = chars.into_iter().collect();
        match parse("fuzz.ron", &text) {
            Ok(framework) => {
                // Whatever is accepted must satisfy the rules the loader promises.
                let mut ids = std::collections::HashSet::new();
                for (item, _) in framework.walk() {
                    assert!(
                        ids.insert(item.id.clone()),
                        "duplicate {} accepted",
                        item.id
                    );
                    assert!(item.weight.is_finite() && item.weight > 0.0);
                }
            }
            Err(e) => {
                rejected += 1;
                assert!(!e.to_string().contains('\n'), "{e}");
            }
        }
    }
    // Most edits break a file; a test that never saw an error tested nothing.
    assert!(
        rejected > 100,
        "only {rejected} of 400 mutations were rejected"
    );
}

/// The terms and synonyms of an item and of its sub-items.
fn terms_under(item: &Item) -> Vec<String> {
    let mut out: Vec<String> = item
        .keywords
        .iter()
        .flat_map(|k| k.wordings().map(str::to_string))
        .collect();
    for child in &item.children {
        out.extend(terms_under(child));
    }
    out
}

#[test]
fn keywords_find_most_hand_labelled_evidence() {
    let Some(files) = support::shared_files("gold", "json") else {
        return;
    };
    let frameworks = builtin();
    let (mut found, mut total) = (0, 0);
    let mut missed = Vec::new();
    for path in files {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let framework_id = gold["framework"].as_str().unwrap();
        let framework = frameworks.iter().find(|f| f.id == framework_id).unwrap();
        for (item_id, label) in gold["coverage"].as_object().unwrap() {
            let item = framework.find(item_id).unwrap();
            let words = terms_under(item);
            for quote in label["evidence"].as_array().unwrap() {
                // PDF copies put spaces between CJK and digits; terms have none.
                let quote: String = quote.as_str().unwrap().split_whitespace().collect();
                total += 1;
                if words.iter().any(|w| quote.contains(w.as_str())) {
                    found += 1;
                } else {
                    missed.push(format!("{item_id}: {quote}"));
                }
            }
        }
    }
    println!("gold evidence matched by its item's keywords: {found}/{total}; missed: {missed:#?}");
    assert!(
        total > 50,
        "expected the five labelled samples, saw {total} quotes"
    );
    // Some quotes are local brand names or bare numbers ("粤执法", "33 项重点
    // 任务") that no general keyword should match; 90% is what general
    // terms reach.
    assert!(found * 10 >= total * 9, "{found}/{total}: {missed:#?}");
}
