//! The year's visit plan for 5,000 members: the rotation alone (what a re-plan after a change
//! costs once the inputs are known), and the whole plan from a federation file, which first asks
//! the matching engine who can supply whom. Run with `cargo bench --bench visits`.

mod common;

use common::{median, ms};
use qilian::visits::plan::{Candidate, PlanInput, Settled, plan_year};
use qilian::visits::service;
use std::time::{Duration, Instant};

const MEMBERS: usize = 5_000;
const RUNS: usize = 20;

fn main() {
    // Members over 7 zones and 15 industries; two thirds hosted before, some months blocked.
    let candidates: Vec<Candidate> = (0..MEMBERS)
        .map(|i| Candidate {
            id: i as i64 + 1,
            name: format!("企业{i}"),
            zone: format!("第{}片区", i % 7 + 1),
            industry: format!("行业{}", i % 15),
            active: i % 20 != 0,
            last_hosted: (i % 3 != 0)
                .then(|| chrono::NaiveDate::from_ymd_opt(2010 + (i % 16) as i32, 1 + (i % 12) as u32, 10))
                .flatten(),
            unavailable: if i % 5 == 0 { vec![7, 8] } else { Vec::new() },
            can_supply: i % 40,
        })
        .collect();
    let input = PlanInput {
        year: 2027,
        candidates,
        settled: vec![Settled { month: 1, host: 17, published: true, pinned: false }],
        spring_festival_month: Some(2),
        visit_in_spring_festival: false,
    };
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(plan_year(&input));
            start.elapsed()
        })
        .collect();
    println!("rotation for {MEMBERS} members (median of {RUNS}): {}", ms(median(times)));

    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = qilian::store::Store::open(&dir.path().join("bench.db")).expect("store");
    qilian::demo::write_demo(&mut store, MEMBERS, 1).expect("demo");
    let times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(service::plan(&store, 2027, false).expect("plan"));
            start.elapsed()
        })
        .collect();
    println!("whole plan from the file, matching included (median of 5): {}", ms(median(times)));
    calendar_frames();
    common::print_peak_memory();
}

/// One month page drawn with five years of events (a visit, a contest, briefings… 25 a month),
/// as the calendar screen draws it every frame, tessellation included.
fn calendar_frames() {
    use qilian::ui::month_view::{DayEvent, month_view};
    let events: Vec<DayEvent<usize>> = (0..5 * 12 * 25)
        .filter_map(|i| {
            let date = chrono::NaiveDate::from_ymd_opt(
                2022 + (i / 300) as i32,
                1 + (i / 25 % 12) as u32,
                1 + (i % 25) as u32,
            )?;
            Some(DayEvent {
                date, text: format!("事件 {i} · 东盛公司"), colour: egui::Color32::DARK_BLUE, key: i
            })
        })
        .collect();
    let calendar = qilian::domain::workdays::WorkCalendar::default();
    let ctx = egui::Context::default();
    qilian::ui::theme::setup(&ctx, qilian::ui::theme::ThemeChoice::Light);
    let frame = || {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0))),
            ..Default::default()
        };
        let start = Instant::now();
        let output = ctx.run_ui(input, |ui| {
            egui::CentralPanel::default()
                .show(ui, |ui| month_view(ui, 2026, 10, &events, &calendar, false, qilian::i18n::Lang::Zh));
        });
        let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
        start.elapsed()
    };
    frame();
    let times: Vec<Duration> = (0..300).map(|_| frame()).collect();
    println!("calendar month page with {} events (median of 300 frames): {}", events.len(), ms(median(times)));
}
