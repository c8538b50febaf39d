//! Every screen of the registry, drawn as the secretary sees it: snapshots at a projector's
//! 1024×768 and a desktop's 1600×1000, kept in the repository so a layout change shows as an
//! image diff (`UPDATE_SNAPSHOTS=1 cargo test --test screens` accepts a deliberate one). The
//! README's screenshots are among them, kept in docs/screenshots, so they are always current.
//! And every section in both languages.

mod common;

use common::{PROJECTOR, Window, harness_with, matching, settle, step_until, temp_db, type_into, workspace};
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions, SnapshotResults};
use qilian::excel::columns::ListKind;
use qilian::i18n::Lang;
use qilian::store::Store;
use qilian::ui::calendar::CalendarScreen;
use qilian::ui::file_dialog::Picked;
use qilian::ui::theme::ThemeChoice;
use qilian::ui::visits::VisitsScreen;
use qilian::ui::{QilianApp, Section};

const DESKTOP: [f32; 2] = [1600.0, 1000.0];

fn size_name(size: [f32; 2]) -> String {
    format!("{}x{}", size[0], size[1])
}

/// A snapshot the README shows: kept in docs/screenshots.
fn readme_shot(harness: &mut Harness<'static, QilianApp>, name: &str) -> egui_kittest::SnapshotResult {
    harness.try_snapshot_options(name, &SnapshotOptions::new().output_path("docs/screenshots"))
}

#[test]
fn every_section_at_a_projector_and_a_desktop_size() {
    let (_dir, db) = temp_db(347);
    let mut results = SnapshotResults::new();
    for size in [PROJECTOR, DESKTOP] {
        for section in Section::ALL {
            let mut harness = harness_with(&db, Window { size, section, ..Window::default() });
            // The visit plan opens on next year and the calendar on this month: fixed ones keep
            // the images the same whenever the tests run.
            let workspace = harness.state_mut().workspace.as_mut().unwrap();
            workspace.with_screen::<VisitsScreen, _>(|screen, _| screen.show_year(2027));
            workspace.with_screen::<CalendarScreen, _>(|screen, _| screen.show_month(2026, 10));
            settle(&mut harness);
            results.add(harness.try_snapshot(format!("{}_{}", section.code(), size_name(size))));
        }
    }
}

#[test]
fn a_company_open_beside_the_list() {
    let (_dir, db) = temp_db(347);
    let mut results = SnapshotResults::new();
    for (size, name) in [(PROJECTOR, "members-1024"), (DESKTOP, "members")] {
        let mut harness = harness_with(&db, Window { size, ..Window::default() });
        harness.run();
        type_into(&mut harness, "搜索", "wj");
        harness.get_by_label("宁波威骏模具有限公司").click();
        harness.run();
        // The list keeps its key columns beside the panel.
        harness.get_by_label("企业名称 ▲");
        harness.get_by_role_and_label(egui::accesskit::Role::Button, "片区");
        results.add(readme_shot(&mut harness, name));
    }
}

#[test]
fn the_board_with_a_pair_open() {
    let (_dir, db) = temp_db(347);
    let mut results = SnapshotResults::new();
    let views = [
        (PROJECTOR, ThemeChoice::Light, "matching-board-1024"),
        (DESKTOP, ThemeChoice::Light, "matching-board"),
        (PROJECTOR, ThemeChoice::Dark, "matching-board-dark-1024"),
    ];
    for (size, theme, name) in views {
        let mut harness = harness_with(&db, Window { size, theme, section: Section::Matching, ..Window::default() });
        settle(&mut harness);
        // The top open opportunity (the article's pair is contracted in the demo's history).
        let top = matching(harness.state()).visible_rows()[0].clone();
        harness.get_all_by_label(&top.supplier_company).next().unwrap().click();
        harness.run();
        // Saving and stage stay on screen beside the detail panel.
        harness.get_by_label("预计年节约");
        let saving = qilian::i18n::format::money(top.candidate.annual_saving().unwrap());
        harness.get_all_by_label(&saving).next().unwrap();
        results.add(readme_shot(&mut harness, name));
    }
}

#[test]
fn the_needs_no_member_supplies_with_why_not() {
    let (_dir, db) = temp_db(347);
    // A buyer of injection moulding machines in a park of mould makers.
    let mut store = qilian::store::Store::open(&db).unwrap();
    let buyer = store.live_companies().unwrap()[0].id;
    let machine = qilian::domain::Need {
        company_id: buyer,
        item: "注塑机".into(),
        spec: "全新 200吨 伺服".into(),
        unit: "台".into(),
        ..qilian::domain::Need::default()
    };
    store.insert_child(&machine).unwrap();
    drop(store);
    let mut harness = harness_with(&db, Window { size: PROJECTOR, section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "状态").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "园区内暂无供应").click();
    harness.run();
    // The first need whose nearest products the panel can explain.
    let screen = matching(harness.state());
    let snapshot = screen.snapshot().unwrap().clone();
    let listed = screen.visible_unsupplied();
    let row = listed.iter().position(|u| !snapshot.near_misses(u.need_id).is_empty()).expect("a near miss in the demo");
    let need = listed[row].need_id;
    for _ in 0..=row {
        harness.key_press(egui::Key::ArrowDown);
    }
    harness.run();
    assert_eq!(matching(harness.state()).selected.map(|(n, _)| n), Some(need));
    harness.get_by_label("最接近的产品及未推荐的原因");
    harness.get_all_by_label_contains("易混品").next().expect("a look-alike, said so");
    let mut results = SnapshotResults::new();
    results.add(readme_shot(&mut harness, "matching-unsupplied-1024"));
    // On a desk there is room for what the buyer buys today, where the board has its supplier.
    harness.set_size(egui::Vec2::from(DESKTOP));
    harness.run();
    harness.get_by_label("规格/关键词");
    harness.get_by_label("现供应商");
    harness.get_all_by_label("全新 200吨 伺服").next().expect("the need's spec, in its row and in the panel");
}

#[test]
fn the_park_map() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window { size: DESKTOP, section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    harness.get_all_by_label("东盛公司").next().unwrap().click();
    harness.run();
    harness.get_by_label("园区地图").click();
    harness.run();
    let mut results = SnapshotResults::new();
    results.add(readme_shot(&mut harness, "matching-map"));
}

#[test]
fn the_import_preview_fits_with_its_mapping_open() {
    let (dir, db) = temp_db(10);
    let file = dir.path().join("members.xlsx");
    qilian::excel::export::export_list(&Store::open(&db).unwrap(), ListKind::Companies, &file, Lang::Zh).unwrap();
    let window = Window { size: PROJECTOR, files: vec![Picked::File(file)], ..Window::default() };
    let mut harness = harness_with(&db, window);
    harness.run();
    harness.get_by_label("Excel 导入/导出").click();
    harness.run();
    harness.get_by_label("导入成员企业…").click();
    step_until(&mut harness, "the preview", |app| workspace(app).import().is_some_and(|d| d.preview().is_some()));
    harness.get_by_label_contains("列对应关系").click();
    harness.run();
    // The buttons keep their own line, inside the window, under the rows' header (the snapshot
    // shows the rest: no row drawn over them).
    let footer = harness.get_by_label("取消").rect();
    assert!(harness.ctx.content_rect().contains(footer.center()));
    assert!(footer.top() > harness.get_by_label("说明").rect().bottom() + 100.0, "rows have room above the buttons");
    let mut results = SnapshotResults::new();
    results.add(readme_shot(&mut harness, "import-preview-1024"));
}

#[test]
fn the_members_screen_in_english_at_a_projector_size() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window { size: PROJECTOR, lang: Lang::En, ..Window::default() });
    harness.run();
    let mut results = SnapshotResults::new();
    results.add(readme_shot(&mut harness, "members-english-1024"));
}

#[test]
fn every_section_renders_in_both_languages() {
    let (_dir, db) = temp_db(30);
    for lang in Lang::ALL {
        for section in Section::ALL {
            let mut harness = harness_with(&db, Window { lang, section, ..Window::default() });
            settle(&mut harness);
            let title = section.label(lang);
            assert!(harness.query_all_by_label(title).next().is_some(), "{section:?} in {lang:?} shows its name");
        }
    }
    let mut harness = harness_with(&db, Window { section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    assert!(matching(harness.state()).snapshot().is_some());
}
