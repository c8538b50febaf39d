//! The park map of a 50,000-company park: the first frame (placing every company), then frames
//! with the pointer moving over the map, as when hovering. Run with `cargo bench --bench
//! park_map`; prints the numbers recorded in docs/PERFORMANCE.md.

use qilian::catalog::Catalog;
use qilian::i18n::Lang;
use qilian::store::Store;
use qilian::ui::park_map::{MapLayout, park_map};
use qilian::ui::theme::{self, ThemeChoice};
use std::time::{Duration, Instant};

const COMPANIES: usize = 50_000;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("open");
    qilian::demo::write_demo(&mut store, COMPANIES, 1).expect("demo");
    let catalog = Catalog::load(&store).expect("catalog");
    let companies = store.live_companies().expect("companies");
    let ctx = egui::Context::default();
    theme::setup(&ctx, ThemeChoice::Light);
    let mut layout: Option<MapLayout> = None;
    let first = frame(&ctx, &mut layout, &companies, &catalog, egui::pos2(800.0, 500.0));
    println!("park map, {COMPANIES} companies, first frame (places them): {:.1} ms", first.as_secs_f64() * 1000.0);
    println!("dots drawn: {}", layout.as_ref().map_or(0, MapLayout::dots));
    let mut hover: Vec<Duration> = (0..60)
        .map(|i| {
            frame(&ctx, &mut layout, &companies, &catalog, egui::pos2(300.0 + 17.0 * i as f32, 200.0 + 9.0 * i as f32))
        })
        .collect();
    hover.sort();
    println!("park map frame while hovering, median of 60: {:.2} ms", hover[30].as_secs_f64() * 1000.0);
}

/// One frame of a 1600×1000 window showing the map, the pointer at `pointer`; tessellation included.
fn frame(
    ctx: &egui::Context,
    layout: &mut Option<MapLayout>,
    companies: &[qilian::domain::Company],
    catalog: &Catalog,
    pointer: egui::Pos2,
) -> Duration {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0))),
        events: vec![egui::Event::PointerMoved(pointer)],
        ..Default::default()
    };
    let start = Instant::now();
    let output = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| park_map(ui, layout, companies, catalog, &[], None, Lang::Zh));
    });
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    start.elapsed()
}
