//! Frame cost of the workbench with a 500,000-character report open,
//! headless (egui_kittest, no GPU): the CPU time of one frame while
//! scrolling with the mouse wheel or jumping through the report, and the
//! time from start to the first frame with the report's text on screen; and
//! the submissions inbox with 1,000 reports: one frame while rows fill in
//! (ten arrive per frame, the table re-sorted and the summary redone), and
//! one frame while scrolling the full table.
//!
//! `cargo bench --bench ui_frame` — results are recorded in docs/PERFORMANCE.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use shenyue::ui::file_dialog::FakeDialog;
use shenyue::ui::worker::Worker;
use shenyue::ui::{Action, AppState, Settings};
use shenyue::ui::{ShenyueApp, install_fonts};

/// The five samples repeated to at least 500,000 characters, in a temp folder.
fn big_report(dir: &std::path::Path) -> std::path::PathBuf {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_reports");
    let mut names: Vec<_> = std::fs::read_dir(folder)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "txt"));
    names.sort();
    let texts: Vec<String> = names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while out.chars().count() < 500_000 && !texts.is_empty() {
        out.push_str(&texts[i % texts.len()]);
        out.push('\n');
        i += 1;
    }
    let path = dir.join("big.txt");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn wheel(delta: f32) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, delta),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    }
}

/// Mouse-wheel scrolling, 40 points per frame, turning back every
/// `turn` frames so a long benchmark never sits at an end.
struct Scroll {
    turn: usize,
    steps: usize,
    down: bool,
}

impl Scroll {
    fn turning_every(turn: usize) -> Scroll {
        Scroll {
            turn,
            steps: 0,
            down: true,
        }
    }

    /// One frame of scrolling.
    fn frame(&mut self, h: &mut Harness<'_, ShenyueApp>) {
        self.steps += 1;
        if self.steps.is_multiple_of(self.turn) {
            self.down = !self.down;
        }
        h.event(wheel(if self.down { -40.0 } else { 40.0 }));
        h.step();
    }
}

fn frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = big_report(dir.path());
    let mut state = AppState::new(
        Settings::default(),
        Worker::inline(),
        Box::new(FakeDialog::default()),
    );
    state.open(path.clone());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(400)
        .with_context_setup(install_fonts)
        .build_eframe(move |cc| ShenyueApp::with_state(&cc.egui_ctx, state));
    h.run();
    let n = h
        .state()
        .state
        .report
        .as_ref()
        .map_or(0, |r| r.doc.char_len());
    h.hover_at(egui::pos2(700.0, 450.0));
    h.step();

    let mut g = c.benchmark_group("ui_frame_500k");
    let mut scroll = Scroll::turning_every(500);
    g.bench_function("wheel_scroll", |b| b.iter(|| scroll.frame(&mut h)));
    let mut k = 0usize;
    g.bench_function("jump_through_report", |b| {
        b.iter(|| {
            k = (k + 37) % 200;
            h.state_mut().state.apply(
                Action::ScrollTo {
                    at: n * k / 200,
                    flash: None,
                },
                0.0,
            );
            h.step();
        });
    });
    g.finish();

    let mut g = c.benchmark_group("ui_launch_500k");
    g.sample_size(10);
    g.bench_function("start_to_text_on_screen", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                let mut state = AppState::new(
                    Settings::default(),
                    Worker::spawn(shenyue::document::LoadOptions::default(), None),
                    Box::new(FakeDialog::default()),
                );
                state.open(path.clone());
                let mut h = Harness::builder()
                    .with_size([1400.0, 900.0])
                    .with_context_setup(install_fonts)
                    .build_eframe(move |cc| ShenyueApp::with_state(&cc.egui_ctx, state));
                loop {
                    h.step();
                    let shown = h.state().state.report_text_shown();
                    if shown || started.elapsed() > Duration::from_secs(60) {
                        break;
                    }
                    std::thread::yield_now();
                }
                total += started.elapsed();
                black_box(&h);
            }
            total
        });
    });
    g.finish();
}

/// 1,000 inbox rows made from the five samples' real rows (each reviewed
/// once), under distinct file names and units.
fn inbox_rows(folder: &std::path::Path) -> Vec<shenyue::inbox::ReportRow> {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_reports");
    let engine = shenyue::review::ReviewEngine::new(shenyue::document::LoadOptions::default());
    let deadline = shenyue::inbox::Deadline::default();
    let mut base = Vec::new();
    for name in [
        "xiashan_2019.txt",
        "yingzai_2025.txt",
        "zhanhe_2020.txt",
        "zhanjiang-etdz_2020.txt",
        "zhanjiang-etdz_2022.txt",
    ] {
        let path = std::path::Path::new(samples).join(name);
        let reviewed = shenyue::inbox::review_file(&engine, &path, &deadline)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        base.push(reviewed.row);
    }
    (0..1000)
        .map(|i| {
            let mut row = base[i % base.len()].clone();
            let unit = format!("第{}单位", i / base.len());
            row.file = folder.join(format!("{unit}_{i:04}.txt"));
            row.unit = Some(unit);
            row
        })
        .collect()
}

fn inbox_frames(c: &mut Criterion) {
    use shenyue::inbox::service::Event;
    use shenyue::ui::inbox::Inbox;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let rows = inbox_rows(dir.path());
    let paths: Vec<_> = rows.iter().map(|r| r.file.clone()).collect();
    let mut state = AppState::new(
        Settings::default(),
        Worker::inline(),
        Box::new(FakeDialog::default()),
    );
    let options = Inbox::options(shenyue::i18n::Lang::Zh);
    state.inbox = Some(Inbox::fed(dir.path().to_path_buf(), &options));
    state.show_inbox = true;
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(400)
        .with_context_setup(install_fonts)
        .build_eframe(move |cc| ShenyueApp::with_state(&cc.egui_ctx, state));
    h.run();
    let feed = |h: &mut Harness<'_, ShenyueApp>, event: Event| {
        if let Some(inbox) = h.state_mut().state.inbox.as_mut() {
            inbox.on_event(event);
        }
    };
    let mut g = c.benchmark_group("ui_inbox_1000");
    let mut next = 0usize;
    g.bench_function("rows_filling_in", |b| {
        b.iter(|| {
            // A new round (every report waiting again) once all are in.
            if next.is_multiple_of(rows.len()) {
                feed(&mut h, Event::Found(paths.clone()));
            }
            for _ in 0..10 {
                let row = rows[next % rows.len()].clone();
                feed(&mut h, Event::Row(row.file.clone(), Ok(Box::new(row))));
                next += 1;
            }
            h.step();
        });
    });
    // Every row in, then scroll the table.
    for row in &rows {
        feed(
            &mut h,
            Event::Row(row.file.clone(), Ok(Box::new(row.clone()))),
        );
    }
    h.step();
    h.hover_at(egui::pos2(700.0, 500.0));
    let mut scroll = Scroll::turning_every(300);
    g.bench_function("scroll_full_table", |b| b.iter(|| scroll.frame(&mut h)));
    g.finish();
}

criterion_group!(benches, frames, inbox_frames);
criterion_main!(benches);
