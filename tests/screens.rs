//! Every screen of the registry, drawn as the secretary sees it: snapshots at a projector's
//! 1024×768 and a desktop's 1600×1000 (kept in tests/snapshots, so a layout change shows as an
//! image diff; `UPDATE_SNAPSHOTS=1 cargo test --test screens` accepts a deliberate one), and every
//! section in both languages.

mod common;

use common::{PROJECTOR, Window, harness_with, matching, settle, step_until, temp_db, workspace};
use egui_kittest::SnapshotResults;
use egui_kittest::kittest::Queryable;
use qilian::i18n::Lang;
use qilian::ui::Section;
use qilian::ui::file_dialog::Picked;
use qilian::ui::theme::ThemeChoice;

const DESKTOP: [f32; 2] = [1600.0, 1000.0];

fn size_name(size: [f32; 2]) -> String {
    format!("{}x{}", size[0], size[1])
}

#[test]
fn every_section_at_a_projector_and_a_desktop_size() {
    let (_dir, db) = temp_db(347);
    let mut results = SnapshotResults::new();
    for size in [PROJECTOR, DESKTOP] {
        for section in Section::ALL {
            let mut harness = harness_with(&db, Window { size, section, ..Window::default() });
            settle(&mut harness);
            results.add(harness.try_snapshot(format!("{}_{}", section.code(), size_name(size))));
        }
    }
}

#[test]
fn a_company_open_beside_the_list() {
    let (_dir, db) = temp_db(347);
    let mut results = SnapshotResults::new();
    for size in [PROJECTOR, DESKTOP] {
        let mut harness = harness_with(&db, Window { size, ..Window::default() });
        harness.run();
        common::type_into(&mut harness, "搜索", "wj");
        harness.get_by_label("宁波威骏模具有限公司").click();
        harness.run();
        // The list keeps its key columns beside the panel.
        harness.get_by_label("企业名称 ▲");
        harness.get_by_role_and_label(egui::accesskit::Role::Button, "片区");
        results.add(harness.try_snapshot(format!("members_company_{}", size_name(size))));
    }
}

#[test]
fn the_board_with_a_pair_open() {
    let (_dir, db) = temp_db(347);
    let mut results = SnapshotResults::new();
    for (size, theme, name) in [
        (PROJECTOR, ThemeChoice::Light, "light"),
        (DESKTOP, ThemeChoice::Light, "light"),
        (PROJECTOR, ThemeChoice::Dark, "dark"),
    ] {
        let mut harness = harness_with(&db, Window { size, theme, section: Section::Matching, ..Window::default() });
        settle(&mut harness);
        harness.get_all_by_label("东盛公司").next().unwrap().click();
        harness.run();
        // Saving and stage stay on screen beside the detail panel.
        harness.get_by_label("预计年节约");
        harness.get_by_label("¥648,000");
        results.add(harness.try_snapshot(format!("matching_pair_{name}_{}", size_name(size))));
    }
}

#[test]
fn the_park_map() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window { size: PROJECTOR, section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    harness.get_by_label("园区地图").click();
    harness.run();
    harness.snapshot("matching_map_1024x768");
}

#[test]
fn the_import_preview_fits_with_its_mapping_open() {
    let (dir, db) = temp_db(10);
    let file = dir.path().join("members.xlsx");
    qilian::excel::export::export_list(
        &qilian::store::Store::open(&db).unwrap(),
        qilian::excel::columns::ListKind::Companies,
        &file,
        Lang::Zh,
    )
    .unwrap();
    let window = Window { size: PROJECTOR, files: vec![Picked::File(file)], ..Window::default() };
    let mut harness = harness_with(&db, window);
    harness.run();
    harness.get_by_label("Excel 导入/导出").click();
    harness.run();
    harness.get_by_label("导入成员企业…").click();
    step_until(&mut harness, "the preview", |app| workspace(app).import().is_some_and(|d| d.plan().is_some()));
    harness.get_by_label_contains("列对应关系").click();
    harness.run();
    let footer = harness.get_by_label("取消").rect();
    let mapping_last = harness.get_by_label("“备注” →").rect();
    assert!(
        footer.top() > mapping_last.bottom() || !harness.ctx.content_rect().contains(mapping_last.center()),
        "the footer keeps its own line"
    );
    harness.snapshot("import_preview_mapping_1024x768");
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
    let (_dir, db) = temp_db(30);
    let mut harness = harness_with(&db, Window { section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    assert!(matching(harness.state()).snapshot().is_some());
}
