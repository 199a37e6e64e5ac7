//! One pipeline: for every sample, with a user framework installed and the
//! language set to English, the GUI's engine (the worker opening a report)
//! and `shenyue check` produce the same assessment — the same items,
//! statuses, scores, evidence and reasons.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use std::path::{Path, PathBuf};
use std::process::Command;

use shenyue::assessment::Assessment;
use shenyue::document::LoadOptions;
use shenyue::framework::Registry;
use shenyue::i18n::Lang;
use shenyue::review::ReviewEngine;
use shenyue::ui::worker::{Job, Worker, WorkerEvent};

const SAMPLES: [&str; 5] = [
    "xiashan_2019.txt",
    "yingzai_2025.txt",
    "zhanhe_2020.txt",
    "zhanjiang-etdz_2020.txt",
    "zhanjiang-etdz_2022.txt",
];

/// A user checklist covering every year, with terms the built-in
/// dictionary does not have (so segmentation differs if it is ignored).
const USER_FRAMEWORK: &str = r#"#![enable(implicit_some)]
Framework(
    id: "LOCAL",
    name: "本地年度重点工作",
    short_name: "本地重点",
    applies: (from: 2015, to: 2030),
    description: "本地自定的审查要点。",
    items: [
        Item(
            id: "LOCAL-1",
            title: "行政执法三项制度落地",
            description: "执法公示、全过程记录、法制审核。",
            scope: Achievements,
            weight: 1.0,
            keywords: [
                (term: "执法全过程记录", weight: 3.0, synonyms: ["全过程记录制度", "执法记录仪"]),
                (term: "重大执法决定法制审核", weight: 3.0, synonyms: ["法制审核制度"]),
                (term: "执法公示", weight: 2.5, synonyms: ["行政执法公示"]),
            ],
        ),
        Item(
            id: "LOCAL-2",
            title: "营商环境法治保障",
            description: "优化营商环境的制度与成效。",
            scope: Achievements,
            weight: 1.0,
            keywords: [
                (term: "营商环境", weight: 3.0, synonyms: ["法治化营商环境", "优化营商环境"]),
                (term: "证明事项告知承诺制", weight: 2.5, synonyms: ["告知承诺"]),
            ],
        ),
    ],
)
"#;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_reports")
        .join(name)
}

fn gui_assessment(engine: ReviewEngine, report: &Path) -> Assessment {
    let mut worker = Worker::inline_with_engine(engine);
    let ticket = worker.ticket();
    worker.submit(Job::Open {
        ticket,
        path: report.to_path_buf(),
    });
    while let Some(event) = worker.poll() {
        match event {
            WorkerEvent::Opened { opened, .. } => return opened.report.assessment,
            WorkerEvent::Failed { failure, .. } => panic!("{}", failure.message(Lang::En)),
            _ => {}
        }
    }
    panic!("the worker did not answer")
}

#[test]
fn the_gui_engine_and_check_agree_on_every_sample() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    let user_dir = config.join("shenyue").join("frameworks");
    std::fs::create_dir_all(&user_dir).unwrap();
    std::fs::write(user_dir.join("local.ron"), USER_FRAMEWORK).unwrap();
    // The CLI finds the user folder itself; check it is the one written.
    let listed = Command::new(env!("CARGO_BIN_EXE_shenyue"))
        .arg("frameworks")
        .env("XDG_CONFIG_HOME", &config)
        .env("HOME", home.path())
        .env("SHENYUE_LANG", "en")
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listing.contains("LOCAL"),
        "user framework loaded: {listing}"
    );

    for name in SAMPLES {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join(name);
        std::fs::copy(sample(name), &report).unwrap();
        let out = dir.path().join("cli.shenyue.ron");
        let status = Command::new(env!("CARGO_BIN_EXE_shenyue"))
            .args([
                "check",
                report.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .env("XDG_CONFIG_HOME", &config)
            .env("HOME", home.path())
            .env("SHENYUE_LANG", "en")
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let (cli, _) = shenyue::assessment::load(&out).unwrap();

        let engine = ReviewEngine::with_registry(
            Registry::load_from(Some(&user_dir), &[]),
            LoadOptions::default(),
        );
        let gui = gui_assessment(engine, &report);

        assert!(
            gui.frameworks.iter().any(|f| f == "LOCAL"),
            "{name}: {:?}",
            gui.frameworks
        );
        assert_eq!(gui.frameworks, cli.frameworks, "{name}");
        assert_eq!(gui.items.len(), cli.items.len(), "{name}");
        for (g, c) in gui.items.iter().zip(&cli.items) {
            assert_eq!((&g.id, &g.framework), (&c.id, &c.framework), "{name}");
            assert_eq!(g.auto.status, c.auto.status, "{name} {}", g.id);
            assert_eq!(g.auto.score, c.auto.score, "{name} {}", g.id);
            assert_eq!(g.auto.evidence, c.auto.evidence, "{name} {}", g.id);
            assert_eq!(
                g.auto.reason_text(Lang::En),
                c.auto.reason_text(Lang::En),
                "{name} {}",
                g.id
            );
            let en = g.auto.reason_text(Lang::En);
            assert!(
                !en.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)) || en.contains(' '),
                "{name} {}: an English reason: {en}",
                g.id
            );
        }
        assert_eq!(gui.indicators, cli.indicators, "{name}");
        assert_eq!(gui.report.sha256, cli.report.sha256, "{name}");
        assert_eq!(gui.report.year, cli.report.year, "{name}");
    }
}
