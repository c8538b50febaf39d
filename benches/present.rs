//! 会议投屏 on a 50,000-company federation: building the council deck, a frame that switches
//! slides, and the deck written as a PDF; then the year's work report. Run with
//! `cargo bench --bench present`; prints the numbers recorded in docs/PERFORMANCE.md.

mod common;

use common::ms;
use qilian::present::{Slide, build, export, find_deck};
use qilian::store::Store;
use qilian::ui::present::render::{PAGE_SIZE, render, write_report};
use qilian::ui::present::slide::{Page, show};
use qilian::ui::theme::{self, ThemeChoice};
use std::time::{Duration, Instant};

const COMPANIES: usize = 50_000;

/// One frame that shows slide `index`, tessellated as a real window would.
fn frame(ctx: &egui::Context, slides: &[Slide], index: usize, size: [f32; 2]) -> Duration {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0], size[1]))),
        ..Default::default()
    };
    let start = Instant::now();
    let page = Page { position: Some((index + 1, slides.len())), revealed: None };
    let output = ctx.run_ui(input, |ui| show(ui, &slides[index], page));
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    start.elapsed()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).expect("open");
    let today = qilian::demo::test_day();
    let start = Instant::now();
    qilian::demo::write_demo_in(&mut store, COMPANIES, 1, today).expect("demo");
    println!("demo --companies {COMPANIES}: {}", ms(start.elapsed()));

    let deck = find_deck(&store, "理事会").expect("decks").expect("the council's deck");
    let start = Instant::now();
    let slides = build(&store, &deck, today, qilian::i18n::Lang::Zh).expect("build");
    println!("build the council deck ({} slides, on its background job): {}", slides.len(), ms(start.elapsed()));

    for size in [[1024.0, 768.0], [1920.0, 1080.0]] {
        let ctx = egui::Context::default();
        theme::setup(&ctx, ThemeChoice::Dark);
        // The first showing of each slide lays its text out: the cost of a slide not seen yet.
        let first = (0..slides.len()).map(|i| frame(&ctx, &slides, i, size)).max().unwrap_or_default();
        // Every frame shows the next slide: the cost of a key press on the projector.
        let mut samples: Vec<Duration> = (0..300).map(|n| frame(&ctx, &slides, n % slides.len(), size)).collect();
        samples.sort();
        println!(
            "switch slides at {}×{}: first showing at most {}; then median {}, slowest {} (of 300)",
            size[0],
            size[1],
            ms(first),
            ms(samples[samples.len() / 2]),
            ms(samples[samples.len() - 1])
        );
    }

    let out = dir.path().join("理事会.pdf");
    let start = Instant::now();
    let pages = render(&slides, PAGE_SIZE, None).expect("render");
    let drawn = start.elapsed();
    export::write_pdf(&out, &pages).expect("pdf");
    let bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "PDF of the {}-slide deck at 1920×1080: {} (drawing {}), {:.1} MB",
        pages.len(),
        ms(start.elapsed()),
        ms(drawn),
        bytes as f64 / 1e6
    );

    let start = Instant::now();
    let docx = dir.path().join("report.docx");
    let years = (2024, 2026);
    write_report(&store, years, today, &docx, None).expect("report");
    println!("work report 2024–2026 with its three charts: {}", ms(start.elapsed()));
    common::print_peak_memory();
}
