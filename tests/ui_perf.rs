//! Frame cost of the workbench with a 500,000-character report open, headless
//! (egui_kittest, no GPU): time to the first frame with the report shown, and
//! the median CPU time of a frame while scrolling through the report.
//! Ignored by default (it measures, it does not check behaviour); run with
//! `cargo test --release --test ui_perf -- --ignored --nocapture`.

// Test helpers outside #[test] functions panic on setup failures too.
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use shenyue::ui::file_dialog::FakeDialog;
use shenyue::ui::state::{Action, AppState, Settings};
use shenyue::ui::worker::Worker;
use shenyue::ui::{ShenyueApp, install_fonts};

/// The five samples repeated to at least 500,000 characters.
fn big_report(dir: &std::path::Path) -> std::path::PathBuf {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_reports");
    let mut names: Vec<_> = std::fs::read_dir(folder)
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let texts: Vec<String> = names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while out.chars().count() < 500_000 {
        out.push_str(&texts[i % texts.len()]);
        out.push('\n');
        i += 1;
    }
    let path = dir.join("big.txt");
    std::fs::write(&path, out).expect("write");
    path
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
#[ignore = "measurement; run by hand"]
fn frame_time_with_a_500k_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = big_report(dir.path());
    let started = Instant::now();
    let mut state = AppState::new(
        Settings::default(),
        Worker::inline(),
        Box::new(FakeDialog::default()),
    );
    state.open(path);
    let opened = started.elapsed();
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(200)
        .with_context_setup(install_fonts)
        .build_eframe(move |cc| ShenyueApp::with_state(&cc.egui_ctx, state));
    let first_frame = started.elapsed();
    // Let the background measurement of paragraph heights finish.
    h.run();
    let settled = started.elapsed();
    let n = h
        .state()
        .state
        .report
        .as_ref()
        .map_or(0, |r| r.doc.char_len());
    let mut frames = Vec::new();
    for k in 0..200 {
        let at = n * k / 200;
        h.state_mut()
            .state
            .apply(Action::ScrollTo { at, flash: None }, 0.0);
        let t = Instant::now();
        h.step();
        frames.push(t.elapsed());
    }
    let scroll_jump = median(frames);
    // Small steps, like a mouse wheel: 40 points per frame.
    h.hover_at(egui::pos2(700.0, 450.0));
    h.step();
    let top_before = h
        .state()
        .state
        .report
        .as_ref()
        .map(|r| r.view.top_paragraph());
    let mut frames = Vec::new();
    for _ in 0..200 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -40.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let t = Instant::now();
        h.step();
        frames.push(t.elapsed());
    }
    let wheel = median(frames);
    let top_after = h
        .state()
        .state
        .report
        .as_ref()
        .map(|r| r.view.top_paragraph());
    assert_ne!(top_before, top_after, "the wheel scrolled the report");
    // The same without the side panels, to see what they cost.
    {
        let st = &mut h.state_mut().state.settings;
        st.show_outline = false;
        st.show_info = false;
        st.show_checklist = false;
    }
    h.step();
    let mut frames = Vec::new();
    for _ in 0..100 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 40.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let t = Instant::now();
        h.step();
        frames.push(t.elapsed());
    }
    let text_only = median(frames);
    println!(
        "chars {n}: open (load+analyse) {opened:?}, first frame {first_frame:?}, \
         settled {settled:?}, median frame jumping {scroll_jump:?}, wheel {wheel:?}, \
         wheel with the report alone {text_only:?}"
    );
}

#[test]
#[ignore = "measurement; run by hand"]
fn launch_to_first_frame_with_the_500k_report_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = big_report(dir.path());
    let started = Instant::now();
    let mut state = AppState::new(
        Settings::default(),
        Worker::spawn(shenyue::document::LoadOptions::default(), None),
        Box::new(FakeDialog::default()),
    );
    state.open(path);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(install_fonts)
        .build_eframe(move |cc| ShenyueApp::with_state(&cc.egui_ctx, state));
    let mut shown = None;
    let mut complete = None;
    while complete.is_none() && started.elapsed() < Duration::from_secs(300) {
        h.step();
        let s = &h.state().state;
        let text_on_screen = s
            .report
            .as_ref()
            .is_some_and(|r| !r.view.visible.is_empty())
            || s.loading
                .as_ref()
                .is_some_and(|l| l.preview.is_some() && !l.view.visible.is_empty());
        if text_on_screen && shown.is_none() {
            shown = Some(started.elapsed());
        }
        if s.report.is_some() {
            complete = Some(started.elapsed());
        }
        std::thread::yield_now();
    }
    println!("500k report: text on screen after {shown:?}, checklist ready after {complete:?}");
    assert!(shown.is_some() && complete.is_some());
}
