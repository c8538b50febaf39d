//! Members screen on a 50,000-company federation: open, one frame, one search keystroke.
//! Run with `cargo bench --bench members`; prints the numbers recorded in docs/PERFORMANCE.md.

mod common;

use common::{median, ms};
use qilian::store::Store;
use qilian::ui::members::MembersScreen;
use qilian::ui::theme::{self, ThemeChoice};
use qilian::ui::{QilianApp, Settings};
use std::time::{Duration, Instant};

const COMPANIES: usize = 50_000;

fn frame(ctx: &egui::Context, app: &mut QilianApp) -> Duration {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0))),
        ..Default::default()
    };
    let start = Instant::now();
    let output = ctx.run_ui(input, |ui| app.draw(ui));
    // Tessellation is part of the CPU cost of a frame in a real window.
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    start.elapsed()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let start = Instant::now();
    let mut store = Store::open(&path).expect("open");
    qilian::demo::write_demo(&mut store, COMPANIES, 1).expect("demo");
    let counts = store.counts().expect("counts");
    drop(store);
    println!(
        "demo --companies {COMPANIES}: {} ({} products, {} needs)",
        ms(start.elapsed()),
        counts.products,
        counts.needs
    );

    let start = Instant::now();
    let mut app = QilianApp::new(Settings::default(), Some(path.clone()));
    let open = start.elapsed();
    assert!(app.workspace.is_some(), "{:?}", app.problem);
    println!("open database and load members list: {}", ms(open));

    let ctx = egui::Context::default();
    theme::setup(&ctx, ThemeChoice::Light);
    let first = frame(&ctx, &mut app);
    println!("first frame (font atlas warm-up): {}", ms(first));
    let frames: Vec<Duration> = (0..300).map(|_| frame(&ctx, &mut app)).collect();
    println!("members screen frame, median of 300: {}", ms(median(frames)));

    let mut keystrokes = Vec::new();
    for _ in 0..20 {
        for query in ["d", "ds", "dsg", "dsgs", "dsg", "ds", "d", ""] {
            let start = Instant::now();
            let workspace = app.workspace.as_mut().expect("open");
            workspace.with_screen(|members: &mut MembersScreen, catalog| members.set_search(query, catalog));
            frame(&ctx, &mut app);
            keystrokes.push(start.elapsed());
        }
    }
    println!("search keystroke (filter + frame), median of {}: {}", keystrokes.len(), ms(median(keystrokes)));
}
