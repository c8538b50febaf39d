//! Every kind of slide, drawn as the projector and the PDF draw it, at 1024×768 and 1920×1080 in
//! both languages: no text under a 25th of the height, and the pages kept as snapshots.

mod common;

use common::{PROJECTOR, text_sizes_over_backdrop};
use egui_kittest::{Harness, SnapshotOptions};
use qilian::i18n::Lang;
use qilian::present::{Deck, Meeting, Slide, SlideKind, build};
use qilian::store::Store;
use qilian::ui::present::render::render;
use qilian::ui::present::slide::{Page, show};
use qilian::ui::theme::{self, ThemeChoice};

const FULL_HD: [f32; 2] = [1920.0, 1080.0];

/// Every kind of slide over the demo, as it was on the demo's day (a contest's first event for
/// the leaderboards, one a kind).
fn every_slide(lang: Lang) -> Vec<Slide> {
    let mut store = Store::open_in_memory().unwrap();
    qilian::demo::write_demo_in(&mut store, 347, 1, qilian::demo::test_day()).unwrap();
    SlideKind::ALL
        .iter()
        .map(|kind| {
            let deck = Deck { slides: vec![*kind], ..Deck::standard(Meeting::Custom, lang) };
            build(&store, &deck, qilian::demo::test_day(), lang).unwrap().swap_remove(0)
        })
        .collect()
}

#[test]
fn no_text_on_any_slide_is_smaller_than_a_25th_of_the_height() {
    for lang in [Lang::Zh, Lang::En] {
        let count = slides_for(lang).len();
        for size in [PROJECTOR, FULL_HD] {
            let mut harness = Harness::builder()
                .with_size(size)
                .with_context_setup(|ctx| theme::setup(ctx, ThemeChoice::Dark))
                .build_ui_state(
                    move |ui, index: &mut usize| {
                        show(
                            ui,
                            &slides_for(lang)[*index],
                            Page { position: Some((*index + 1, count)), revealed: None },
                        )
                    },
                    0usize,
                );
            for (i, kind) in SlideKind::ALL.iter().enumerate() {
                *harness.state_mut() = i;
                harness.run();
                let sizes = text_sizes_over_backdrop(&harness);
                assert!(sizes.len() > 1, "{kind:?} says something");
                let smallest = sizes.into_iter().fold(f32::INFINITY, f32::min);
                assert!(smallest + 0.01 >= size[1] / 25.0, "{kind:?} at {size:?} in {lang:?}: {smallest}");
            }
        }
    }
}

/// The slides of `lang`, built once per test binary and language.
fn slides_for(lang: Lang) -> &'static [Slide] {
    static ZH: std::sync::OnceLock<Vec<Slide>> = std::sync::OnceLock::new();
    static EN: std::sync::OnceLock<Vec<Slide>> = std::sync::OnceLock::new();
    match lang {
        Lang::Zh => ZH.get_or_init(|| every_slide(Lang::Zh)),
        Lang::En => EN.get_or_init(|| every_slide(Lang::En)),
    }
}

#[test]
fn every_slide_renders_as_the_pdf_shows_it() {
    let options = SnapshotOptions::new().output_path("tests/snapshots/slides");
    let mut failures = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        let slides = slides_for(lang);
        for size in [PROJECTOR, FULL_HD] {
            let pages = render(slides, size, None).unwrap();
            assert_eq!(pages.len(), SlideKind::ALL.len());
            for (page, kind) in pages.iter().zip(SlideKind::ALL) {
                assert_eq!((page.width(), page.height()), (size[0] as u32, size[1] as u32));
                let name = format!("{}-{}-{}", kind.code(), lang.pick("zh", "en"), size[1]);
                if let Err(e) = egui_kittest::try_image_snapshot_options(page, name, &options) {
                    failures.push(e.to_string());
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_presenters_view_shows_the_slide_the_next_one_the_notes_and_its_buttons() {
    use qilian::ui::present::presenter::{Ask, Showing, view};
    let slides = slides_for(Lang::Zh);
    let savings = SlideKind::ALL.iter().position(|k| *k == SlideKind::Savings).unwrap();
    let mut harness = Harness::builder()
        .with_size([1366.0, 768.0])
        .with_context_setup(|ctx| theme::setup(ctx, ThemeChoice::Light))
        .build_ui_state(
            move |ui, asked: &mut Vec<Ask>| {
                let showing = Showing {
                    slides,
                    index: savings,
                    revealed: 0,
                    black: false,
                    running: std::time::Duration::from_secs(125),
                    now: chrono::NaiveTime::from_hms_opt(14, 30, 0).unwrap(),
                };
                asked.extend(view(ui, &showing, Lang::Zh));
            },
            Vec::new(),
        );
    harness.run_ok();
    use egui_kittest::kittest::Queryable;
    assert!(harness.query_by_label(&format!("第 {} / {} 页", savings + 1, slides.len())).is_some());
    assert!(harness.query_by_label("已放映 02:05").is_some() && harness.query_by_label("14:30").is_some());
    assert!(harness.query_by_label("下一页").is_some());
    // The notes: the slide's whole text, which the projector may cut.
    for text in slides[savings].texts() {
        assert!(harness.query_by_label(text).is_some(), "{text} in the notes");
    }
    harness.get_by_label("下一页（→）").click();
    harness.run_ok();
    harness.get_by_label("结束放映（Esc）").click();
    harness.run_ok();
    assert_eq!(harness.state(), &[Ask::Next, Ask::Leave]);
    harness.snapshot("presenter-view");
}
