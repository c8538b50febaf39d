//! 会议投屏: decks made, arranged and saved; shown full screen with every slide's text at least a
//! 25th of the height; the keys go on, back, jump, reveal and black out; the deck as a PDF.

mod common;

use common::{
    PROJECTOR, Window, docx_paragraphs, harness_with, settle, step_until, temp_db, text_sizes_over_backdrop,
    texts_over_backdrop, workspace,
};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use qilian::present::{Slide, SlideKind};
use qilian::ui::QilianApp;
use qilian::ui::Section;
use qilian::ui::file_dialog::Picked;
use qilian::ui::present::PresentScreen;

fn screen(app: &QilianApp) -> &PresentScreen {
    workspace(app).screen::<PresentScreen>().unwrap()
}

#[test]
fn every_slide_of_the_council_deck_is_readable_from_the_back_of_the_room() {
    let (_dir, db) = temp_db(347);
    for size in [PROJECTOR, [1920.0, 1080.0]] {
        let mut harness = harness_with(&db, Window { section: Section::Present, size, ..Window::default() });
        settle(&mut harness);
        if size == PROJECTOR {
            harness.snapshot_options(
                "present-decks-1024",
                &egui_kittest::SnapshotOptions::new().output_path("docs/screenshots"),
            );
        }
        harness.get_by_label("开始放映（F5）").click();
        harness.run();
        let count = screen(harness.state()).slides().unwrap().len();
        for i in 0..count {
            assert_eq!(screen(harness.state()).showing(), Some(i));
            let sizes = text_sizes_over_backdrop(&harness);
            assert!(!sizes.is_empty(), "slide {i} says something");
            let smallest = sizes.into_iter().fold(f32::INFINITY, f32::min);
            assert!(smallest + 0.01 >= size[1] / 25.0, "slide {} at {size:?}: {smallest}", i + 1);
            // The members by industry: a slide that does not change with the day the test runs.
            if size == PROJECTOR && i == 3 {
                harness.snapshot("present-industries-1024");
            }
            // On: a ranking reveals its lines first, a key press each.
            for _ in 0..=qilian::present::MAX_LINES {
                if i + 1 == count || screen(harness.state()).showing() != Some(i) {
                    break;
                }
                harness.key_press(egui::Key::Space);
                harness.run();
            }
        }
    }
}

#[test]
fn the_keys_go_on_back_jump_and_black_out_and_escape_leaves() {
    let (_dir, db) = temp_db(120);
    let mut harness = harness_with(&db, Window { section: Section::Present, ..Window::default() });
    settle(&mut harness);
    // As a person gets here: the navigation's button clicked, so it has the keyboard.
    harness.get_by_role_and_label(Role::Button, "会议投屏").click();
    settle(&mut harness);
    harness.key_press(egui::Key::F5);
    harness.run();
    assert_eq!(screen(harness.state()).showing(), Some(0));
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press(egui::Key::PageDown);
    harness.run();
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(screen(harness.state()).showing(), Some(1));
    harness.key_press(egui::Key::Num4);
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(screen(harness.state()).showing(), Some(3), "4 and Enter: the fourth slide");
    harness.key_press(egui::Key::B);
    harness.run();
    assert!(screen(harness.state()).blacked_out());
    assert!(text_sizes_over_backdrop(&harness).is_empty(), "nothing on a black screen");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(screen(harness.state()).showing(), None);
}

#[test]
fn the_contest_ranking_is_revealed_from_the_last_place_up_before_the_deck_goes_on() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window { section: Section::Present, ..Window::default() });
    settle(&mut harness);
    harness.get_by_label("季度比武").click();
    settle(&mut harness);
    harness.key_press(egui::Key::F5);
    harness.run();
    harness.key_press(egui::Key::Space);
    harness.run();
    assert_eq!(screen(harness.state()).showing(), Some(1));
    let lines = match &screen(harness.state()).slides().unwrap()[1] {
        Slide::Lines { lines, reveal: true, .. } => lines.clone(),
        other => panic!("the leaderboard reveals: {other:?}"),
    };
    let first = lines[0].clone();
    let last = lines.last().unwrap().clone();
    let shows = |harness: &egui_kittest::Harness<'static, QilianApp>, line: &str| {
        texts_over_backdrop(harness).iter().any(|t| t == line)
    };
    assert!(!shows(&harness, &last), "nothing shown yet");
    harness.key_press(egui::Key::Space);
    harness.run();
    assert!(shows(&harness, &last), "the last place first");
    assert!(!shows(&harness, &first), "the winner last");
    for _ in 1..lines.len() {
        harness.key_press(egui::Key::Space);
        harness.run();
    }
    assert!(shows(&harness, &first));
    assert_eq!(screen(harness.state()).showing(), Some(1), "the deck ends with the ranking");
}

#[test]
fn a_deck_is_made_arranged_saved_and_deleted_with_undo() {
    let (_dir, db) = temp_db(60);
    let mut harness = harness_with(&db, Window { section: Section::Present, ..Window::default() });
    settle(&mut harness);
    harness.get_by_label("新建幻灯片").click();
    settle(&mut harness);
    assert_eq!(screen(harness.state()).deck().unwrap().name, "新幻灯片");

    harness.get_by_label("添加幻灯片").click();
    harness.run();
    harness.get_by_label("各片区成员").click();
    settle(&mut harness);
    harness.get_all_by_label("↑").last().unwrap().click();
    settle(&mut harness);
    harness.get_by_label("显示电话和工号").click();
    settle(&mut harness);

    let saved = qilian::store::Store::open(&db).unwrap().decks().unwrap();
    let deck = saved.iter().find(|d| d.name == "新幻灯片").expect("saved at once");
    assert_eq!(deck.slides, [SlideKind::Title, SlideKind::Zones, SlideKind::Glance], "added, then moved up");
    assert!(deck.personal);
    assert_eq!(screen(harness.state()).slides().map(<[Slide]>::len), Some(3), "the slides follow the deck");

    harness.get_by_label("删除此幻灯片").click();
    settle(&mut harness);
    assert!(harness.query_by_label("新幻灯片").is_none());
    harness.get_by_label("撤销").click();
    settle(&mut harness);
    assert!(harness.query_by_label("新幻灯片").is_some(), "back from the recycle bin");
}

#[test]
fn the_deck_exports_to_a_pdf_with_a_page_a_slide() {
    let (dir, db) = temp_db(60);
    let pdf = dir.path().join("理事会.pdf");
    let files = vec![Picked::File(pdf.clone())];
    let mut harness = harness_with(&db, Window { section: Section::Present, files, ..Window::default() });
    settle(&mut harness);
    harness.get_by_label("导出 PDF").click();
    settle(&mut harness);
    step_until(&mut harness, "the export", |app| !workspace(app).screen::<PresentScreen>().unwrap().exporting());
    let count = screen(harness.state()).slides().unwrap().len();
    let doc = lopdf::Document::load(&pdf).expect("a PDF that opens");
    assert_eq!(doc.get_pages().len(), count);
}

#[test]
fn the_work_report_is_written_in_the_secretarys_wording() {
    let (dir, db) = temp_db(60);
    qilian::store::Store::open(&db).unwrap().set_report_template("# {期间}总结\n成员 {成员企业数} 家。\n").unwrap();
    let out = dir.path().join("总结.docx");
    let files = vec![Picked::File(out.clone())];
    let mut harness = harness_with(&db, Window { section: Section::Present, files, ..Window::default() });
    settle(&mut harness);
    harness.get_by_label("年度工作总结").click();
    settle(&mut harness);
    harness.get_by_label("可用的数字").click();
    harness.run();
    assert!(harness.query_by_label_contains("{成员企业数}").is_some(), "the figures' names are listed");
    harness.get_by_label("模板内容").click();
    harness.run();
    harness.key_press(egui::Key::End);
    harness.get_by_label("模板内容").type_text("欢迎指正。");
    settle(&mut harness);
    let saved = qilian::store::Store::open(&db).unwrap().report_template().unwrap();
    assert!(saved.ends_with("欢迎指正。"), "saved as typed: {saved}");

    harness.get_by_label("生成 Word 文档").click();
    settle(&mut harness);
    step_until(&mut harness, "the report", |app| !workspace(app).screen::<PresentScreen>().unwrap().exporting());
    let text = docx_paragraphs(&out);
    assert!(text[0].ends_with("年总结"), "{text:?}");
    assert_eq!(text[1..], ["成员 60 家。", "欢迎指正。"], "the wording as typed, its figure filled in");
}

#[test]
fn the_slides_are_built_again_in_the_language_chosen() {
    let (_dir, db) = temp_db(60);
    let mut harness = harness_with(&db, Window { section: Section::Present, ..Window::default() });
    settle(&mut harness);
    assert_eq!(screen(harness.state()).slides().unwrap()[1].title(), "联合会概况");
    harness.get_by_label("English").click();
    settle(&mut harness);
    assert_eq!(screen(harness.state()).slides().unwrap()[1].title(), "The federation at a glance");
}
