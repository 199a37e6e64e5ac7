//! A reviewer's story through the public API: assess a report, save beside
//! it, reopen, move the folder, meet a colleague's conflicting save, survive
//! a crash through the autosave, and keep annotations when the report text
//! is corrected.

use std::fs;
use std::path::Path;

use shenyue::analysis::AutoStatus;
use shenyue::assessment::{
    Anchor, Annotation, AnnotationColor, Assessment, AutoResult, ItemAssessment, LinkedEvidence,
    ReportRef, Review, Verdict, autosave_path, backup_path, discard_autosave, load,
    reanchor_assessment, recovery_candidate, save, save_overwrite, sidecar_path, write_autosave,
};
use shenyue::text::CharRange;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const REPORT: &str = "静海区2020年法治政府建设年度报告。\
    一、主要举措。（一）推进政务公开，依法公开政府信息1200条，办理依申请公开45件。\
    （二）加强行政复议，全年受理行政复议案件13件，审结12件。\
    二、存在的不足。一是法治宣传教育针对性不强。";

fn range_of(text: &str, needle: &str) -> Result<CharRange, String> {
    let byte = text
        .find(needle)
        .ok_or_else(|| format!("{needle} not in text"))?;
    let start = text[..byte].chars().count();
    Ok(CharRange::new(start, start + needle.chars().count()))
}

/// What the app builds when the reviewer opens the report: the checklist
/// auto-filled, nothing reviewed yet.
fn open_report(report: &Path) -> Assessment {
    let mut a = Assessment::new(ReportRef {
        path: report.to_string_lossy().into_owned(),
        sha256: "0".repeat(64),
        title: "静海区2020年法治政府建设年度报告".into(),
        unit: "静海区人民政府".into(),
        year: Some(2020),
        chars: REPORT.chars().count(),
        ..ReportRef::default()
    });
    a.frameworks = vec!["gangyao-2021".into()];
    a.items = ["G15", "G15-3", "G16"]
        .iter()
        .map(|id| ItemAssessment {
            id: (*id).into(),
            framework: "gangyao-2021".into(),
            parent: (*id == "G15-3").then(|| "G15".into()),
            auto: AutoResult {
                status: AutoStatus::Covered,
                score: 80.0,
                ..AutoResult::default()
            },
            ..ItemAssessment::default()
        })
        .collect();
    a
}

#[test]
fn a_reviewers_comment_survives_save_and_reopen() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("待审");
    fs::create_dir(&folder)?;
    let report = folder.join("静海区2020年报告.docx");
    fs::write(&report, REPORT)?;
    let path = sidecar_path(&report);
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("静海区2020年报告.shenyue.ron")
    );

    // The reviewer sets 不符合 on G15-3 with a comment and highlights a passage.
    let mut a = open_report(&report);
    let item = a.item_mut("G15-3").ok_or("G15-3")?;
    item.review = Review {
        verdict: Verdict::NotMet,
        comment: "未说明依申请公开的办理结果".into(),
        linked: vec![LinkedEvidence {
            anchor: Anchor::from_text(REPORT, range_of(REPORT, "办理依申请公开45件")?),
            note: "只有数量".into(),
            unknown: Default::default(),
        }],
        ..Review::default()
    };
    a.item_mut("G15").ok_or("G15")?.review.verdict = Verdict::Met;
    a.annotations.push(Annotation {
        id: a.next_annotation_id(),
        anchor: Anchor::from_text(REPORT, range_of(REPORT, "一是法治宣传教育针对性不强")?),
        note: "与2019年表述相同".into(),
        color: AnnotationColor::Pink,
        created: jiff::Timestamp::now(),
        needs_attention: false,
        imported: None,
        unknown: Default::default(),
    });
    a.touch();
    save(&path, &a, None)?;

    // Reopen: everything is there, and the report path leads to the report.
    let (reopened, _) = load(&path)?;
    assert_eq!(reopened, a);
    assert_eq!(
        reopened.item("G15-3").ok_or("G15-3")?.review.comment,
        "未说明依申请公开的办理结果"
    );
    assert_eq!(reopened.progress(), (2, 3));
    assert_eq!(reopened.total_score(), Some(50.0));
    assert_eq!(fs::read_to_string(&reopened.report.path)?, REPORT);

    // The folder is moved to a colleague's disk: still opens, still finds the report.
    let moved = dir.path().join("交接");
    fs::rename(&folder, &moved)?;
    let (there, _) = load(&moved.join("静海区2020年报告.shenyue.ron"))?;
    assert_eq!(fs::read_to_string(&there.report.path)?, REPORT);
    assert_eq!(there.annotations[0].note, "与2019年表述相同");
    Ok(())
}

#[test]
fn a_colleagues_save_is_never_silently_overwritten() -> TestResult {
    let dir = tempfile::tempdir()?;
    let report = dir.path().join("报告.docx");
    let path = sidecar_path(&report);
    save(&path, &open_report(&report), None)?;

    // Two reviewers open the same file.
    let (mut mine, my_stamp) = load(&path)?;
    let (mut theirs, their_stamp) = load(&path)?;
    theirs.conclusion = "同事：总体符合".into();
    save(&path, &theirs, Some(&their_stamp))?;

    mine.conclusion = "我：基本符合".into();
    let err = save(&path, &mine, Some(&my_stamp))
        .err()
        .ok_or("expected a conflict")?;
    assert_eq!(err.kind(), "changed_on_disk");
    assert_eq!(
        load(&path)?.0.conclusion,
        "同事：总体符合",
        "their save is intact"
    );

    // After confirming, mine wins and theirs is the .bak.
    let stamp = save_overwrite(&path, &mine)?;
    assert_eq!(load(&path)?.0.conclusion, "我：基本符合");
    assert_eq!(load(&backup_path(&path))?.0.conclusion, "同事：总体符合");
    mine.conclusion = "我：定稿".into();
    save(&path, &mine, Some(&stamp))?;
    Ok(())
}

#[test]
fn work_since_the_last_save_is_recovered_after_a_crash() -> TestResult {
    let dir = tempfile::tempdir()?;
    let report = dir.path().join("报告.docx");
    let path = sidecar_path(&report);
    let mut a = open_report(&report);
    let stamp = save(&path, &a, None)?;

    // The reviewer writes a comment; the app autosaves; then it crashes.
    a.item_mut("G16").ok_or("G16")?.review.comment = "复议数据与上年不一致".into();
    a.modified = a.modified.checked_add(jiff::SignedDuration::from_secs(1))?;
    write_autosave(&path, &a)?;
    drop(a);

    // Next start: the app offers "恢复自动保存的版本？".
    let (saved, _) = load(&path)?;
    assert_eq!(saved.item("G16").ok_or("G16")?.review.comment, "");
    let recovery = recovery_candidate(&path).ok_or("no recovery offered")?;
    assert_eq!(
        recovery.assessment.item("G16").ok_or("G16")?.review.comment,
        "复议数据与上年不一致"
    );
    // The reviewer accepts and saves: the autosave is gone.
    save(&path, &recovery.assessment, Some(&stamp))?;
    assert!(!autosave_path(&path).exists());
    assert_eq!(
        load(&path)?.0.item("G16").ok_or("G16")?.review.comment,
        "复议数据与上年不一致"
    );
    assert!(recovery_candidate(&path).is_none());

    // Declining a recovery discards it.
    write_autosave(&path, &recovery.assessment)?;
    discard_autosave(&path)?;
    assert!(recovery_candidate(&path).is_none());
    Ok(())
}

#[test]
fn annotations_follow_a_corrected_report_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let report = dir.path().join("报告.docx");
    let path = sidecar_path(&report);
    let mut a = open_report(&report);
    a.annotations = vec![
        Annotation {
            id: 1,
            anchor: Anchor::from_text(REPORT, range_of(REPORT, "全年受理行政复议案件13件")?),
            note: "核对统计".into(),
            ..Annotation::default()
        },
        Annotation {
            id: 2,
            anchor: Anchor::from_text(REPORT, range_of(REPORT, "一是法治宣传教育针对性不强")?),
            note: "套话".into(),
            ..Annotation::default()
        },
    ];
    let stamp = save(&path, &a, None)?;

    // The unit publishes a corrected version: a sentence added, the weakness rewritten.
    let corrected = REPORT
        .replace(
            "一、主要举措。",
            "一、主要举措。全区坚持依法行政，法治政府建设取得新进展。",
        )
        .replace("一是法治宣传教育针对性不强", "一是基层执法人员数量不足");
    let (mut reopened, _) = load(&path)?;
    let outcome = reanchor_assessment(&mut reopened, &corrected, "ff");
    assert_eq!((outcome.moved, outcome.lost), (1, 1));
    let followed = &reopened.annotations[0];
    assert_eq!(
        followed.anchor.range,
        range_of(&corrected, "全年受理行政复议案件13件")?
    );
    assert!(!followed.needs_attention);
    let lost = &reopened.annotations[1];
    assert!(lost.needs_attention, "flagged for the reviewer");
    assert_eq!(lost.note, "套话", "the note is kept");
    save(&path, &reopened, Some(&stamp))?;
    assert_eq!(load(&path)?.0.annotations, reopened.annotations);
    Ok(())
}
