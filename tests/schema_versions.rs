//! Schema evolution of the assessment file: every released version loads
//! with the reviewer's work intact, a re-analysis keeps it, and a file from
//! a newer build is refused with a message rather than misread.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use std::path::Path;
use std::process::Command;

use shenyue::analysis::Strength;
use shenyue::assessment::{self, Assessment, AssessmentError, SCHEMA_VERSION, Verdict};
use shenyue::i18n::Lang;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/assessments");
const V1: &str = "v1-zhanhe_2020.shenyue.ron";

fn check_v1_work(a: &Assessment) {
    let dc1 = a.items.iter().find(|i| i.id == "DC1").expect("DC1");
    assert_eq!(dc1.review.verdict, Verdict::Met);
    assert_eq!(dc1.review.score, Some(90.0));
    assert_eq!(dc1.review.comment, "举措具体，有数字");
    assert_eq!(a.annotations.len(), 1);
    assert_eq!(a.annotations[0].note, "写入审查意见");
    assert_eq!(
        a.annotations[0].anchor.quote,
        "全年全区累计归集涉企信息63956条。"
    );
}

/// `shenyue check` on a copy of the zhanhe sample in `dir`, writing into an
/// assessment beside it that starts as `assessment`; returns the CLI's
/// output and the assessment's path.
fn check_onto(
    dir: &Path,
    lang: &str,
    assessment: &str,
) -> (std::process::Output, std::path::PathBuf) {
    let report = dir.join("zhanhe_2020.txt");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample_reports/zhanhe_2020.txt"
        ),
        &report,
    )
    .unwrap();
    let target = dir.join("zhanhe_2020.shenyue.ron");
    std::fs::write(&target, assessment).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shenyue"))
        .env("SHENYUE_LANG", lang)
        .args([
            "check",
            report.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    (out, target)
}

#[test]
fn every_released_version_loads_with_the_reviewers_work() {
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let (a, _) = assessment::persist::load(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!a.items.is_empty(), "{}", path.display());
            let text = std::fs::read_to_string(&path).unwrap();
            let declared = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("schema_version: "))
                .and_then(|v| v.trim_end_matches(',').parse::<u32>().ok())
                .expect("a schema_version line");
            versions.push(declared);
        }
    }
    versions.sort_unstable();
    // One fixture per version before this one.
    assert_eq!(versions, (1..SCHEMA_VERSION).collect::<Vec<_>>());

    let (a, _) = assessment::persist::load(&Path::new(FIXTURES).join(V1)).unwrap();
    check_v1_work(&a);
    // Evidence from before strengths existed reads as unrated, not as a guess.
    assert!(
        a.items
            .iter()
            .flat_map(|i| &i.auto.evidence)
            .all(|e| e.strength == Strength::Unrated)
    );
    // Saved by this build: the current version, the work kept.
    let ron = a.to_ron().unwrap();
    assert!(
        ron.lines()
            .any(|l| l.trim() == format!("schema_version: {SCHEMA_VERSION},"))
    );
    check_v1_work(&Assessment::from_ron("resaved", &ron).unwrap());
}

#[test]
fn re_analysing_an_old_file_keeps_the_work_and_rates_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::fs::read_to_string(Path::new(FIXTURES).join(V1)).unwrap();
    let (out, target) = check_onto(
        dir.path(),
        "zh",
        &old.replace("../../../sample_reports/zhanhe_2020.txt", "zhanhe_2020.txt"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (a, _) = assessment::persist::load(&target).unwrap();
    assert_eq!(a.schema_version, SCHEMA_VERSION);
    check_v1_work(&a);
    let dc1 = a.items.iter().find(|i| i.id == "DC1").unwrap();
    assert!(
        dc1.auto
            .evidence
            .iter()
            .all(|e| e.strength != Strength::Unrated),
        "{dc1:?}"
    );
    // The version-1 file is kept beside it.
    let bak = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().ends_with(".bak"));
    assert!(bak, "the old version is kept as a backup");
}

#[test]
fn a_file_from_a_newer_build_is_refused_with_a_message() {
    let v1 = std::fs::read_to_string(Path::new(FIXTURES).join(V1)).unwrap();
    let newer = v1.replacen(
        "schema_version: 1,",
        &format!("schema_version: {},", SCHEMA_VERSION + 1),
        1,
    );
    let err = Assessment::from_ron("next.shenyue.ron", &newer).unwrap_err();
    assert!(
        matches!(err, AssessmentError::NewerSchema { .. }),
        "{err:?}"
    );
    assert!(
        err.message(Lang::Zh).contains("更新版本"),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(
        err.message(Lang::En).contains("newer Shenyue"),
        "{}",
        err.message(Lang::En)
    );

    // The CLI says so in one line, exits 2, and leaves the file as it was.
    let dir = tempfile::tempdir().unwrap();
    let (out, target) = check_onto(dir.path(), "en", &newer);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), newer);
}

/// The version-1 fixture with fields this build does not know: at the top
/// level (a struct with an enum, a map, a comment inside), in the DC1 item,
/// and in the structs below (the report reference, DC1's review and a passage
/// linked to it, an annotation).
fn with_unknown_fields() -> String {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join(V1)).unwrap();
    let text = text.replacen(
        "(\n  schema_version: 1,\n",
        "(\n  schema_version: 1,\n  review_round: Second(by: \"李四\", on: Some(\"2021-04-02\")),\n  \
         signoff: {\"科室\": [1, 2], \"备注\": \"见 ) 和 , \"}, // a newer build's\n",
        1,
    );
    let text = text.replacen(
        "      id: \"DC1\",\n",
        "      id: \"DC1\",\n      second_opinion: (verdict: Met, comment: r#\"同意\"#),\n",
        1,
    );
    let text = text.replacen(
        "    chars: 3981,\n",
        "    chars: 3981,\n    checksum_kind: \"sm3\",\n",
        1,
    );
    let text = text.replacen(
        "        comment: \"举措具体，有数字\",\n        linked: [],\n",
        "        comment: \"举措具体，有数字\",\n        reviewed_with: [Checklist(\"DC\"), Notes],\n        \
         linked: [(anchor: (range: (start: 908, end: 927), quote: \"全年全区累计归集涉企信息63956条。\"), \
         note: \"数字\", weight_hint: 2)],\n",
        1,
    );
    let text = text.replacen(
        "      note: \"写入审查意见\",\n",
        "      note: \"写入审查意见\",\n      tags: [\"重点\"],\n",
        1,
    );
    for field in [
        "second_opinion",
        "checksum_kind",
        "reviewed_with",
        "weight_hint",
        "tags",
    ] {
        assert_eq!(text.matches(field).count(), 1, "fixture changed? {field}");
    }
    text
}

/// `field` is in `saved` once, after `after` and before the first `before`
/// that follows: in its own struct.
fn assert_between(saved: &str, after: &str, field: &str, before: &str) {
    let start = saved
        .find(after)
        .unwrap_or_else(|| panic!("{after} in\n{saved}"));
    let end = saved[start..].find(before).unwrap() + start;
    let at = saved.find(field).unwrap();
    assert!(
        start < at && at < end,
        "{field} not in its struct:\n{saved}"
    );
}

fn assert_unknown_fields_kept(saved: &str) {
    for field in [
        "review_round: Second(by: \"李四\", on: Some(\"2021-04-02\")),",
        "signoff: {\"科室\": [1, 2], \"备注\": \"见 ) 和 , \"},",
        "second_opinion: (verdict: Met, comment: r#\"同意\"#),",
        "checksum_kind: \"sm3\",",
        "reviewed_with: [Checklist(\"DC\"), Notes],",
        "weight_hint: 2,",
        "tags: [\"重点\"],",
    ] {
        assert_eq!(saved.matches(field).count(), 1, "{field} in\n{saved}");
    }
    assert_between(saved, "report: (", "checksum_kind", "\n  ),");
    assert_between(saved, "note: \"数字\"", "weight_hint", "\n          ),");
    assert_between(saved, "comment: \"举措具体", "reviewed_with", "\n      ),");
    assert_between(saved, "note: \"写入审查意见\"", "tags", "\n    ),");
    // Still this build's file, still in struct syntax, the item field in its item.
    assert!(
        saved.lines().any(|l| l.trim() == "schema_version: 2,"),
        "{saved}"
    );
    let dc1 = saved.find("id: \"DC1\"").unwrap();
    let next_item = saved[dc1..].find("\n    ),").unwrap() + dc1;
    let opinion = saved.find("second_opinion").unwrap();
    assert!(dc1 < opinion && opinion < next_item, "{saved}");
}

#[test]
fn unknown_fields_survive_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhanhe_2020.shenyue.ron");
    std::fs::write(&path, with_unknown_fields()).unwrap();
    let (mut a, stamp) = assessment::persist::load(&path).unwrap();
    check_v1_work(&a);
    a.conclusion = "总体符合".into();
    assessment::save(&path, &a, Some(&stamp)).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_unknown_fields_kept(&saved);
    assert!(saved.contains("conclusion: \"总体符合\""), "{saved}");
    // What was written loads, and a second save writes the same text.
    let (again, stamp) = assessment::persist::load(&path).unwrap();
    check_v1_work(&again);
    assert_eq!(again.unknown, a.unknown);
    assert!(!again.unknown.is_empty());
    assessment::save(&path, &again, Some(&stamp)).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
}

#[test]
fn unknown_fields_survive_a_re_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let (out, target) = check_onto(dir.path(), "en", &with_unknown_fields());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = std::fs::read_to_string(&target).unwrap();
    assert_unknown_fields_kept(&saved);
    check_v1_work(&assessment::persist::load(&target).unwrap().0);
}

/// Unknown fields belong to their struct, not to a place in a list: an
/// annotation deleted and a passage linked before the save leave every
/// other struct's fields with that struct.
#[test]
fn unknown_fields_stay_with_their_struct_when_lists_change() {
    let text = with_unknown_fields().replacen(
        "  annotations: [\n",
        "  annotations: [\n    (id: 7, note: \"先删掉的批注\", colour_name: \"红\"),\n",
        1,
    );
    let mut a = Assessment::from_ron("a.shenyue.ron", &text).unwrap();
    assert_eq!(a.annotations.len(), 2);
    a.annotations.remove(0);
    let dc1 = a.items.iter_mut().find(|i| i.id == "DC1").unwrap();
    dc1.review.linked.insert(
        0,
        shenyue::assessment::LinkedEvidence {
            note: "新链接".into(),
            ..Default::default()
        },
    );
    let saved = a.to_ron().unwrap();
    assert!(!saved.contains("colour_name"), "{saved}");
    assert_unknown_fields_kept(&saved);
    let again = Assessment::from_ron("b.shenyue.ron", &saved).unwrap();
    let dc1 = again.items.iter().find(|i| i.id == "DC1").unwrap();
    assert!(dc1.review.linked[0].unknown.is_empty());
    assert_eq!(
        dc1.review.linked[1]
            .unknown
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        ["weight_hint"]
    );
    assert_eq!(
        again.annotations[0]
            .unknown
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        ["tags"]
    );
}
