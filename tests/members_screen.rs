//! The members screen as the secretary uses it: search, select, edit, delete, undo.

mod common;

use common::{app_harness, db_with_company, settle, temp_db, type_into, visible_companies, visible_names};
use egui_kittest::kittest::Queryable;
use qilian::domain::Company;
use qilian::store::Store;

const DONGSHENG: &str = "宁波东盛模具标准件有限公司";

#[test]
fn typing_pinyin_initials_finds_dongsheng() {
    let (_dir, db) = temp_db(347);
    let mut harness = app_harness(&db);
    settle(&mut harness);
    assert_eq!(visible_names(&harness).len(), 347);

    type_into(&mut harness, "搜索", "dsgs");

    let names = visible_names(&harness);
    assert!(names.contains(&DONGSHENG.to_string()), "{names:?}");
    assert!(names.len() < 10, "the search narrows the list: {names:?}");
    harness.get_by_label(DONGSHENG);
    harness.get_by_label_contains("当前显示");
}

#[test]
fn a_bad_credit_code_shows_the_error_and_saves_nothing() {
    let (_dir, db, _) = db_with_company("宁波新星五金有限公司");
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("宁波新星五金有限公司").click();
    harness.run();

    // One character off a real code: the check digit gives it away.
    type_into(&mut harness, "统一社会信用代码", "914403001922038215");

    harness.get_by_label_contains("校验位错误");
    drop(harness);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.company_list().unwrap()[0].company.credit_code, "", "nothing was saved");
}

#[test]
fn an_edit_is_saved_as_typed_and_survives_reopening() {
    let (_dir, db, _) = db_with_company("宁波新星五金有限公司");
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("宁波新星五金有限公司").click();
    harness.run();
    type_into(&mut harness, "联系电话", "0574-86881234");
    type_into(&mut harness, "统一社会信用代码", "914403001922038216");
    // No save button, no closing: the app is simply dropped, as in a crash.
    drop(harness);

    let store = Store::open(&db).unwrap();
    let company = &store.company_list().unwrap()[0].company;
    assert_eq!(company.phone, "0574-86881234");
    assert_eq!(company.credit_code, "914403001922038216");
}

#[test]
fn delete_then_undo_restores_the_company() {
    let (_dir, db) = temp_db(30);
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label(DONGSHENG).click();
    harness.run();
    harness.get_by_label("删除企业").click();
    harness.run();

    assert!(!visible_names(&harness).contains(&DONGSHENG.to_string()));
    harness.get_by_label_contains("已移入回收站");
    assert_eq!(Store::open(&db).unwrap().counts().unwrap().companies, 29);

    harness.get_by_label("撤销").click();
    harness.run();
    assert!(visible_names(&harness).contains(&DONGSHENG.to_string()));
    assert_eq!(Store::open(&db).unwrap().counts().unwrap().companies, 30);
}

#[test]
fn the_recycle_bin_lists_deleted_companies_and_restores_them() {
    let (_dir, db) = temp_db(30);
    let id = {
        let mut store = Store::open(&db).unwrap();
        let id = store.company_list().unwrap()[0].company.id;
        store.delete_company(id).unwrap();
        id
    };
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("回收站").click();
    harness.run();
    assert_eq!(visible_names(&harness), vec![DONGSHENG.to_string()]);
    harness.get_by_label(DONGSHENG).click();
    harness.run();
    harness.get_by_label("恢复企业").click();
    harness.run();
    let store = Store::open(&db).unwrap();
    assert!(!store.company_list().unwrap().iter().any(|i| i.company.id == id && i.deleted));
}

#[test]
fn a_product_row_is_added_and_saved_once_named() {
    let (_dir, db, id) = db_with_company("宁波新星五金有限公司");
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("宁波新星五金有限公司").click();
    harness.run();
    harness.get_by_label("添加产品").click();
    harness.run();
    // The row's fields are labelled by their column names; the product row is the first one.
    // The new row is below the fold of the detail panel.
    harness.get_all_by_label("单价(元)").next().unwrap().scroll_to_me();
    harness.run();
    harness.get_all_by_label("单价(元)").next().unwrap().click();
    harness.run();
    harness.get_all_by_label("单价(元)").next().unwrap().type_text("-5");
    harness.run();
    harness.get_by_label_contains("不能为负数");
    assert!(
        Store::open(&db).unwrap().children_of::<qilian::domain::Product>(id).unwrap().is_empty(),
        "no name yet: not saved"
    );

    harness.get_all_by_label("产品名称").next().unwrap().click();
    harness.run();
    harness.get_all_by_label("产品名称").next().unwrap().type_text("不锈钢螺丝");
    harness.run();
    let products = Store::open(&db).unwrap().children_of::<qilian::domain::Product>(id).unwrap();
    assert_eq!(products.len(), 1);
    assert_eq!(products[0].name, "不锈钢螺丝");
    assert_eq!(products[0].unit_price, None, "the bad price was not saved");
}

#[test]
fn filters_narrow_the_list_and_sorting_reorders_it() {
    let (_dir, db) = temp_db(347);
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("回收站").click();
    harness.run();
    assert!(visible_names(&harness).is_empty());
    harness.get_by_label("回收站是空的。");
    harness.get_by_label("回收站").click();
    harness.run();

    harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "片区").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "第一片区").click();
    harness.run();
    let shown = visible_companies(&harness);
    let zone_one = shown[0].zone_id;
    assert!(shown.len() < 347);
    assert!(shown.iter().all(|c| c.zone_id == zone_one), "only the first zone");

    harness.get_by_label("职工").click();
    harness.run();
    let staff: Vec<u32> = visible_companies(&harness).iter().map(|c| c.employees).collect();
    assert!(staff.windows(2).all(|w| w[0] <= w[1]), "sorted by staff ascending");
}

#[test]
fn a_new_company_is_created_from_the_dialog() {
    let (_dir, db) = temp_db(0);
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("＋ 新建企业").click();
    harness.run();
    harness.get_by_label("企业名称").type_text("宁波甬港物流有限公司");
    harness.run();
    harness.get_by_label("创建").click();
    harness.run();
    assert_eq!(visible_names(&harness), vec!["宁波甬港物流有限公司".to_string()]);
    assert_eq!(Store::open(&db).unwrap().counts().unwrap().companies, 1);
}

#[test]
fn zones_are_renamed_and_added_from_the_zones_dialog() {
    let (_dir, db) = temp_db(0);
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("片区管理").click();
    harness.run();
    type_into(&mut harness, "新片区", "物流园片区");
    harness.get_by_label("添加片区").click();
    harness.run();
    let names: Vec<String> = Store::open(&db).unwrap().zones().unwrap().into_iter().map(|z| z.name).collect();
    assert_eq!(names.len(), 8);
    assert_eq!(names[7], "物流园片区");

    // A second zone of the same name is refused at the field.
    type_into(&mut harness, "新片区", "第一片区");
    harness.get_by_label_contains("已有同名片区");

    // Where the park is, which imports read suppliers' places by, is kept as typed.
    type_into(&mut harness, "园区所在城市", "宁波");
    type_into(&mut harness, "省份", "浙江");
    let place = Store::open(&db).unwrap().park_place().unwrap();
    assert_eq!((place.city.as_str(), place.province.as_str()), ("宁波", "浙江"));
}

#[test]
fn a_database_from_a_newer_qilian_is_explained_on_the_start_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.db");
    drop(Store::open(&db).unwrap());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA user_version = 42; PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    drop(conn);
    let app = qilian::ui::QilianApp::new(qilian::ui::Settings::default(), Some(db.clone()));
    assert!(app.workspace.is_none());
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1200.0, 800.0])
        .with_context_setup(|ctx| qilian::ui::theme::setup(ctx, qilian::ui::theme::ThemeChoice::Light))
        .build_ui_state(|ui, app: &mut qilian::ui::QilianApp| app.draw(ui), app);
    harness.run();
    harness.get_by_label_contains("更新版本的企联");
    harness.get_by_label("新建空白联合会…");
}

#[test]
fn a_credit_code_of_another_company_is_refused_at_the_field() {
    let (_dir, db) = temp_db(0);
    {
        let mut store = Store::open(&db).unwrap();
        store
            .insert_company(&Company {
                name: "甲公司".into(),
                credit_code: "914403001922038216".into(),
                ..Company::default()
            })
            .unwrap();
        store.insert_company(&Company { name: "乙公司".into(), ..Company::default() }).unwrap();
    }
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("乙公司").click();
    harness.run();
    type_into(&mut harness, "联系人", "王芳");
    type_into(&mut harness, "统一社会信用代码", "914403001922038216");
    harness.get_by_label_contains("该信用代码已属于“甲公司”");
    let store = Store::open(&db).unwrap();
    let second = store.company_list().unwrap().into_iter().find(|i| i.company.name == "乙公司").unwrap().company;
    assert_eq!(second.credit_code, "");
    assert_eq!(second.contact_person, "王芳", "the other fields are still saved");
}

#[test]
fn a_deleted_product_can_be_restored_later_from_the_company() {
    let (_dir, db, id) = db_with_company("宁波新星五金有限公司");
    Store::open(&db)
        .unwrap()
        .insert_child(&qilian::domain::Product { company_id: id, name: "不锈钢螺丝".into(), ..Default::default() })
        .unwrap();
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("宁波新星五金有限公司").click();
    harness.run();
    // The row's delete button is below the fold of the detail panel.
    harness.get_by_label("删除").scroll_to_me();
    harness.run();
    harness.get_by_label("删除").click();
    harness.run();
    assert!(Store::open(&db).unwrap().children_of::<qilian::domain::Product>(id).unwrap().is_empty());
    // Another action replaces the undo notice; the row is still in the company's recycle bin.
    harness.get_by_label("添加联系人").click();
    harness.run();
    harness.get_by_label("已删除（1）").click();
    harness.run();
    harness.get_by_label("恢复“不锈钢螺丝”").click();
    harness.run();
    let products = Store::open(&db).unwrap().children_of::<qilian::domain::Product>(id).unwrap();
    assert_eq!(products.len(), 1);
    assert!(harness.query_by_label_contains("已删除（").is_none());
}

#[test]
fn a_company_added_in_another_window_appears_in_the_list() {
    let (_dir, db) = temp_db(5);
    let mut harness = app_harness(&db);
    settle(&mut harness);
    assert_eq!(visible_names(&harness).len(), 5);
    let mut other_window = Store::open(&db).unwrap();
    other_window.insert_company(&Company { name: "宁波另一窗口有限公司".into(), ..Company::default() }).unwrap();
    harness.run();
    assert!(visible_names(&harness).contains(&"宁波另一窗口有限公司".to_string()));
}

#[test]
fn leaving_a_company_with_an_invalid_entry_says_it_was_not_saved() {
    let (_dir, db) = temp_db(30);
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label(DONGSHENG).click();
    harness.run();
    type_into(&mut harness, "职工人数", "很多");
    harness.get_by_label_contains("应填");
    harness.get_by_label("宁波威骏模具有限公司").click();
    harness.run();
    harness.get_by_label_contains("未保存的无效内容已放弃：职工人数");
}

#[test]
fn a_new_short_name_is_found_by_its_pinyin_at_once() {
    let (_dir, db, _) = db_with_company("宁波新星五金有限公司");
    Store::open(&db).unwrap().insert_company(&Company { name: "宁波甲公司".into(), ..Company::default() }).unwrap();
    let mut harness = app_harness(&db);
    settle(&mut harness);
    harness.get_by_label("宁波新星五金有限公司").click();
    harness.run();
    type_into(&mut harness, "简称", "星五金");
    type_into(&mut harness, "联系电话", "13805741234");
    type_into(&mut harness, "搜索", "xwj");
    assert_eq!(visible_names(&harness), vec!["宁波新星五金有限公司".to_string()]);
}
