//! The import dialog: a messy sheet is read in the background, previewed row by row, and its
//! good rows written when the user says so.

mod common;

use common::{Window, harness_with, step_until, temp_db, visible_names, workspace};
use egui_kittest::kittest::Queryable;
use qilian::store::Store;
use qilian::ui::QilianApp;
use qilian::ui::file_dialog::Picked;
use qilian::ui::import::{ImportDialog, Stage};
use rust_xlsxwriter::{Format, Workbook};

fn messy_sheet(path: &std::path::Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.merge_range(0, 0, 0, 3, "2026 年新会员登记", &Format::new().set_bold()).unwrap();
    for (c, h) in ["公司名称", "片区", "联系电话", "入会日期"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let rows = [
        // A zone nobody recognises: the row comes in without it, and the user may say what it is.
        ["宁波新港物流有限公司", "第九片区", "13805741234", "2026-3-5"],
        ["宁波海天塑业有限公司", "二片区", "", "明年三月"],
        ["宁波东盛模具标准件有限公司", "第一片区", "0574-86880000", ""],
    ];
    for (r, values) in rows.iter().enumerate() {
        for (c, v) in values.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 2, c as u16, *v).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

fn import_dialog(app: &QilianApp) -> Option<&ImportDialog> {
    workspace(app).import()
}

/// A federation of ten companies with the messy sheet's preview open, reached as the secretary
/// reaches it: the Excel menu, 导入成员企业…, the file (the test answers the file dialog).
struct Previewing {
    /// Deleted with the federation when dropped: bind it for as long as the test runs.
    dir: tempfile::TempDir,
    db: std::path::PathBuf,
    file: std::path::PathBuf,
    harness: egui_kittest::Harness<'static, QilianApp>,
}

fn preview_messy_sheet() -> Previewing {
    let (dir, db) = temp_db(10);
    let file = dir.path().join("new-members.xlsx");
    messy_sheet(&file);
    let mut harness = harness_with(&db, Window { files: vec![Picked::File(file.clone())], ..Window::default() });
    harness.run();
    harness.get_by_label("Excel 导入/导出").click();
    harness.run();
    harness.get_by_label("导入成员企业…").click();
    step_until(&mut harness, "the preview", |app| import_dialog(app).is_some_and(|d| d.preview().is_some()));
    Previewing { dir, db, file, harness }
}

#[test]
fn the_preview_shows_every_row_and_imports_the_good_ones() {
    let Previewing { dir: _dir, db, mut harness, .. } = preview_messy_sheet();

    harness.get_by_label("新增 1 · 更新 1 · 未变 0 · 错误 1 · 有未识别的值 1");
    harness.get_by_label_contains("入会日期：日期格式如");
    harness.get_by_label_contains("片区“第九片区”无法识别，该项未导入");
    harness.get_by_label_contains("联系电话：");
    harness.get_by_label("只看错误").click();
    harness.run();
    assert!(harness.query_by_label("宁波新港物流有限公司").is_none(), "only the bad row is listed");
    harness.get_by_label("宁波海天塑业有限公司");
    assert_eq!(Store::open(&db).unwrap().counts().unwrap().companies, 10, "nothing written before the user says so");

    harness.get_by_label("导入 2 行有效数据").click();
    step_until(&mut harness, "the import", |app| import_dialog(app).is_none_or(|d| matches!(d.stage, Stage::Done(_))));
    harness.get_by_label_contains("导入完成：新增 1 行，更新 1 行");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.counts().unwrap().companies, 11);
    let visible = visible_names(&harness);
    assert!(visible.contains(&"宁波新港物流有限公司".to_string()), "the list shows the imported company");
}

#[test]
fn a_column_mapping_corrected_in_the_preview_is_applied_and_remembered() {
    let Previewing { dir: _dir, db, file, mut harness } = preview_messy_sheet();
    harness.get_by_label("新增 1 · 更新 1 · 未变 0 · 错误 1 · 有未识别的值 1");

    // The secretary decides the join dates of this sheet are not to be imported.
    harness.get_by_label_contains("列对应关系").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "“入会日期” →").click();
    harness.run();
    harness.get_by_label("（不导入）").click();
    step_until(&mut harness, "the new plan", |app| {
        import_dialog(app).and_then(|d| d.preview()).is_some_and(|p| p.counts.error == 0)
    });
    harness.get_by_label("新增 2 · 更新 1 · 未变 0 · 错误 0 · 有未识别的值 1");

    let sheet = qilian::excel::read::read_sheet(&file, None).unwrap();
    let layout = qilian::excel::import::detect_layout(&sheet.rows, None).unwrap();
    let signature = qilian::excel::columns::header_signature(layout.kind, &layout.headers);
    let saved = Store::open(&db).unwrap().saved_mapping(&signature).unwrap();
    assert!(saved.is_some(), "the correction is remembered for the next file with these headers");
}

#[test]
fn a_value_nothing_recognised_can_be_given_its_meaning_which_is_remembered() {
    let Previewing { dir: _dir, db, mut harness, .. } = preview_messy_sheet();
    harness.get_by_label_contains("无法识别的值（1 个）").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "片区“第九片区”（1 行）→").click();
    harness.run();
    // The list behind the dialog names zones too; the drop-down's entries are buttons.
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "第七片区").click();
    step_until(&mut harness, "the new plan", |app| {
        import_dialog(app).and_then(|d| d.preview()).is_some_and(|p| p.counts.warned == 0)
    });
    harness.get_by_label("新增 1 · 更新 1 · 未变 0 · 错误 1");
    let remembered = Store::open(&db).unwrap().value_mappings().unwrap();
    assert_eq!(remembered.get(&("Zone".to_string(), "第九片区".to_string())).map(String::as_str), Some("第七片区"));
}
