//! The 供需对接 board, driven as the secretary would: open it, read the top opportunity and why,
//! follow it through the pipeline, dismiss one, edit the synonyms, and use the park map.

mod common;

use common::{
    Window, app_harness, harness_with, matching, members, notice, press, settle, step_until, temp_db,
    temp_db_fresh_board,
};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use qilian::domain::opportunity::Stage;
use qilian::domain::{Company, Need, Product};
use qilian::store::Store;
use qilian::ui::file_dialog::Picked;
use qilian::ui::{QilianApp, Section};

/// Runs frames until the board shows a finished matching run.
fn wait_for_matching(harness: &mut Harness<'static, QilianApp>) {
    step_until(harness, "matching", |app| matching(app).snapshot().is_some() && !matching(app).is_matching());
}

fn open_board(harness: &mut Harness<'static, QilianApp>) {
    // Work the app starts on opening (its spinners keep frames coming) is waited for, not counted.
    settle(harness);
    harness.get_by_label("供需对接").click();
    wait_for_matching(harness);
}

/// Opens the board of the demo park and selects its top pair, 威骏 ← 东盛.
fn select_top_pair(db: &std::path::Path) -> Harness<'static, QilianApp> {
    let mut harness = app_harness(db);
    open_board(&mut harness);
    // The top row is the first 东盛公司 on screen.
    harness.get_all_by_label("东盛公司").next().unwrap().click();
    harness.run();
    harness
}

/// (buyer, item, supplier) of the rows on screen.
fn rows(harness: &Harness<'static, QilianApp>) -> Vec<(String, String, String)> {
    matching(harness.state())
        .visible_rows()
        .iter()
        .map(|r| (r.need_company.clone(), r.need_item.clone(), r.supplier_company.clone()))
        .collect()
}

fn top_row(harness: &Harness<'static, QilianApp>) -> (String, String, String) {
    rows(harness).into_iter().next().expect("a row")
}

fn stages_in_db(db: &std::path::Path) -> Vec<Stage> {
    Store::open(db).unwrap().pipelines().unwrap().into_iter().map(|p| p.stage).collect()
}

fn weijun_dongsheng() -> (String, String, String) {
    ("威骏模具".into(), "导柱导套".into(), "东盛公司".into())
}

#[test]
fn the_board_puts_dongsheng_for_weijun_first_and_explains_the_pair() {
    let (_dir, db) = temp_db_fresh_board(347);
    let harness = select_top_pair(&db);
    assert_eq!(top_row(&harness), weijun_dongsheng());
    harness.get_by_label_contains("潜在年节约");
    assert!(harness.query_by_label_contains("用时").is_none(), "timings go to the log, not the status bar");
    harness.get_by_label("威骏模具 · 导柱导套");
    harness.get_by_label_contains("现供应商：香港精密模具配件有限公司（港澳台）");
    harness.get_by_label_contains("距离 424 m · 单价 ¥12 对 ¥120 · 预计年节约 ¥648,000");
}

#[test]
fn an_introduction_and_a_contract_realise_the_saving_and_undo_takes_a_step_back() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = select_top_pair(&db);

    press(&mut harness, "引荐…");
    harness.run();
    common::type_into(&mut harness, "备注", "秘书处组织两家见面");
    press(&mut harness, "确认引荐");
    wait_for_matching(&mut harness);
    assert_eq!(stages_in_db(&db), [Stage::Introduced]);
    assert_eq!(top_row(&harness), weijun_dongsheng(), "an introduced pair stays on the open board");

    // The contract form starts from 东盛's price and 威骏's quantity.
    press(&mut harness, "签约…");
    harness.run();
    press(&mut harness, "确认签约");
    wait_for_matching(&mut harness);
    assert_eq!(stages_in_db(&db), [Stage::Contracted], "{:?}", notice(&harness));
    harness.get_by_label_contains("已签约 1 项 · 已实现年节约 ¥648,000");
    harness.get_by_label("已实现年节约：¥648,000");

    harness.get_by_label("撤销").click();
    wait_for_matching(&mut harness);
    assert_eq!(stages_in_db(&db), [Stage::Introduced]);
    harness.get_by_label_contains("已签约 0 项");
}

#[test]
fn a_bad_date_in_the_introduction_form_is_explained_and_saves_nothing() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = select_top_pair(&db);
    press(&mut harness, "引荐…");
    harness.run();
    let date = harness.get_by_role_and_label(Role::TextInput, "引荐日期");
    date.click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "引荐日期").type_text("下周三");
    harness.run();
    press(&mut harness, "确认引荐");
    harness.run();
    harness.get_by_label_contains("日期无法识别");
    assert!(stages_in_db(&db).is_empty());
}

#[test]
fn a_dismissed_suggestion_gives_way_to_the_next_supplier() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = select_top_pair(&db);
    press(&mut harness, "忽略此建议");
    wait_for_matching(&mut harness);
    assert_eq!(stages_in_db(&db), [Stage::Dismissed]);
    let (buyer, item, supplier) = top_row(&harness);
    assert_eq!((buyer.as_str(), item.as_str()), ("威骏模具", "导柱导套"));
    assert_ne!(supplier, "东盛公司");

    // The dismissed pair is still there under its own stage, and can be brought back.
    harness.get_by_role_and_label(Role::ComboBox, "状态").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "已忽略").click();
    harness.run();
    assert_eq!(rows(&harness), [weijun_dongsheng()]);
}

#[test]
fn filters_narrow_the_board_and_say_when_nothing_is_left() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = app_harness(&db);
    open_board(&mut harness);
    let all = rows(&harness).len();
    harness.get_by_role_and_label(Role::ComboBox, "片区").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "第三片区").click();
    harness.run();
    let in_zone = rows(&harness).len();
    assert!(in_zone > 0 && in_zone < all, "{in_zone} of {all}");

    harness.get_by_role_and_label(Role::ComboBox, "状态").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "已签约").click();
    harness.run();
    assert!(rows(&harness).is_empty());
    harness.get_by_label("没有符合条件的机会。");
}

#[test]
fn choosing_a_company_shows_what_it_could_sell_and_buy() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = app_harness(&db);
    open_board(&mut harness);
    // The company filter is typed into: by pinyin initials here.
    common::pick_company(&mut harness, "dsgs", "东盛公司");
    assert!(rows(&harness).iter().all(|(buyer, _, supplier)| buyer == "东盛公司" || supplier == "东盛公司"));
    harness.get_by_label_contains("可向成员供应（");
    harness.get_by_label_contains("可从成员采购（");
    harness.get_by_label_contains("导柱导套 → 威骏模具（导柱导套）");
}

/// A park of two companies whose items share only their last character (细木工板, 大芯板: one
/// board, named two ways, in no shipped group): only a synonym of the secretary's joins them.
fn db_with_blockboard() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db(0);
    let mut store = Store::open(&path).unwrap();
    let maker = store
        .insert_company(&Company {
            name: "宁波甬扎电工有限公司".into(),
            short_name: "甬扎电工".into(),
            ..Company::default()
        })
        .unwrap();
    let buyer = store
        .insert_company(&Company {
            name: "宁波线缆厂".into(),
            short_name: "线缆厂".into(),
            x_m: 300.0,
            ..Company::default()
        })
        .unwrap();
    store
        .insert_child(&Product {
            company_id: maker,
            name: "大芯板".into(),
            unit_price: Some(2.0),
            unit: "包".into(),
            ..Product::default()
        })
        .unwrap();
    store
        .insert_child(&Need {
            company_id: buyer,
            item: "细木工板".into(),
            unit_price: Some(5.0),
            unit: "包".into(),
            annual_quantity: Some(1000.0),
            ..Need::default()
        })
        .unwrap();
    (dir, path)
}

#[test]
fn a_synonym_added_in_the_dialog_finds_a_supplier_and_a_deleted_one_can_be_restored() {
    let (_dir, db) = db_with_blockboard();
    let mut harness = app_harness(&db);
    open_board(&mut harness);
    assert!(rows(&harness).is_empty());

    harness.get_by_label("同义词…").click();
    harness.run();
    // The lexicon Qilian ships is listed apart, read-only, and found by 查找 like her own groups.
    let shipped = qilian::matching::lexicon::shipped();
    harness.get_by_label_contains(&format!("随软件提供的行业词库（{} 个品名", shipped.len())).click();
    harness.run();
    // So are its look-alikes, which her own group can overrule.
    let look_alikes = qilian::matching::lexicon::look_alike_lines();
    harness.get_by_label_contains(&format!("随软件提供的易混品（{} 行", look_alikes.len())).click();
    harness.run();
    // And the modifiers that exclude each other.
    let modifiers = qilian::matching::lexicon::exclusive_modifier_lines();
    harness.get_by_label_contains(&format!("随软件提供的互斥规格词（{} 行", modifiers.len())).click();
    harness.run();
    common::type_into(&mut harness, "查找", "焊机");
    harness.get_by_label("焊机 ≠ 焊丝 焊条 焊把线 焊钳");
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "查找").click();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    common::type_into(&mut harness, "查找", "卡板");
    // Each concept with what it is, where it is sold and how it is measured.
    let pallets = shipped.iter().find(|c| c.names.iter().any(|w| w == "卡板")).unwrap();
    assert!(!pallets.heads.is_empty() && !pallets.categories.is_empty() && pallets.measure.is_some());
    harness.get_by_label(&pallets.describe(qilian::i18n::Lang::Zh));
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "查找").click();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    common::type_into(&mut harness, "查找", "户外");
    harness.get_by_label("户内 ≠ 户外");
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "查找").click();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    common::type_into(&mut harness, "新的一组", "细木工板 大芯板 木工板");
    harness.get_by_label("添加").click();
    wait_for_matching(&mut harness);
    assert_eq!(rows(&harness), [("线缆厂".to_string(), "细木工板".to_string(), "甬扎电工".to_string())]);
    harness.get_by_label_contains("潜在年节约 ¥3,000");

    // Deleting the group loses the match; restoring it brings it back.
    common::type_into(&mut harness, "查找", "细木工板");
    harness.get_by_label("删除").click();
    wait_for_matching(&mut harness);
    assert!(rows(&harness).is_empty());
    harness.get_by_label_contains("已删除（1）").click();
    harness.run();
    harness.get_by_label("恢复").click();
    wait_for_matching(&mut harness);
    assert_eq!(rows(&harness).len(), 1);
}

#[test]
fn a_need_nobody_supplies_says_so_shows_why_not_and_is_taught_a_synonym_in_place() {
    let (_dir, db) = db_with_blockboard();
    let mut harness = app_harness(&db);
    open_board(&mut harness);
    assert!(rows(&harness).is_empty());
    harness.get_by_label_contains("园区内暂无供应 1 项");

    harness.get_by_role_and_label(Role::ComboBox, "状态").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "园区内暂无供应").click();
    harness.run();
    let listed: Vec<String> =
        matching(harness.state()).visible_unsupplied().iter().map(|u| u.need_item.clone()).collect();
    assert_eq!(listed, ["细木工板"]);
    harness.get_by_label("细木工板").click();
    harness.run();
    // The nearest product, why it was not proposed, and the button that teaches the engine.
    harness.get_by_label("最接近的产品及未推荐的原因");
    harness.get_by_label("甬扎电工 · 大芯板");
    harness.get_by_label_contains("名称相近度仅");
    harness.get_by_label("视为同义词：细木工板 = 大芯板").click();
    wait_for_matching(&mut harness);
    let groups = Store::open(&db).unwrap().synonym_groups().unwrap();
    assert_eq!(groups.last().map(|g| g.words.as_str()), Some("细木工板 大芯板"));
    assert!(matching(harness.state()).visible_unsupplied().is_empty(), "the need has a supplier now");
    harness.get_by_role_and_label(Role::ComboBox, "状态").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "进行中").click();
    harness.run();
    assert_eq!(rows(&harness), [("线缆厂".to_string(), "细木工板".to_string(), "甬扎电工".to_string())]);
}

#[test]
fn clicking_a_company_on_the_park_map_opens_it() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = app_harness(&db);
    open_board(&mut harness);
    harness.get_by_label("园区地图").click();
    harness.run();
    let rect = harness.get_by_role_and_label(Role::Canvas, "园区地图").rect();
    let snapshot = matching(harness.state()).snapshot().cloned().unwrap();
    let companies = &snapshot.park.companies;
    let dongsheng = companies.iter().find(|c| c.short_name == "东盛公司").unwrap();
    let at = qilian::ui::park_map::MapTransform::fit(companies, rect).to_screen(dongsheng.x_m, dongsheng.y_m);
    harness.hover_at(at);
    harness.run();
    harness.get_by_label("宁波东盛模具标准件有限公司");
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run();
    let app = harness.state();
    assert_eq!(app.settings.section, Section::Members);
    assert_eq!(members(app).selected(), Some(dongsheng.id));
}

#[test]
fn in_english_the_board_reads_in_english_and_exports_to_excel() {
    let (dir, db) = temp_db_fresh_board(347);
    // The native save dialog cannot run headless: the test answers for it.
    let file = dir.path().join("matches.xlsx");
    let mut harness = harness_with(&db, Window { files: vec![Picked::File(file.clone())], ..Window::default() });
    open_board(&mut harness);
    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label("Buyer");
    harness.get_by_label("Est. saving/yr");
    harness.get_by_label_contains("opportunities ·");

    harness.get_by_label("Export to Excel…").click();
    step_until(&mut harness, "the export", |app| app.notifications.current().is_some() && !app.is_busy());
    harness.get_by_label_contains("Exported");
    let sheet = qilian::excel::read::read_sheet(&file, None).unwrap();
    assert_eq!(sheet.rows[0].cells[0].text(), "Buyer");
    assert_eq!(
        (sheet.rows[1].cells[0].text(), sheet.rows[1].cells[2].text()),
        ("威骏模具".to_string(), "东盛公司".to_string())
    );
}

#[test]
fn an_edit_made_elsewhere_is_re_matched_in_the_background() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = app_harness(&db);
    open_board(&mut harness);
    assert_eq!(top_row(&harness), weijun_dongsheng());

    // Another window finds a cheaper supplier for 威骏: the saving at stake shrinks.
    let mut other = Store::open(&db).unwrap();
    let weijun = other.company_list().unwrap().into_iter().find(|i| i.company.short_name == "威骏模具").unwrap();
    let mut need =
        other.children_of::<Need>(weijun.company.id).unwrap().into_iter().find(|n| n.item == "导柱导套").unwrap();
    need.unit_price = Some(12.5);
    other.update_child(&need).unwrap();

    step_until(&mut harness, "the re-match", |app| {
        matching(app).visible_rows().first().is_some_and(|r| r.need_company != "威骏模具")
    });
    // Still a need with suppliers in the park (now the one saving most of the little left).
    let still_there =
        rows(&harness).iter().position(|r| r.0 == "威骏模具" && r.1 == "导柱导套").expect("still a candidate");
    assert!(still_there > 100, "now worth ¥10,000 a year at most, it sorts far down: {still_there}");
}

#[test]
fn a_failed_run_is_explained_and_can_be_retried() {
    let (_dir, db) = temp_db(30);
    let rename = |from: &str, to: &str| {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(&format!("ALTER TABLE {from} RENAME TO {to}")).unwrap();
    };
    let mut harness = app_harness(&db);
    settle(&mut harness);
    // Something outside Qilian has damaged the file.
    rename("opportunities", "opportunities_moved");
    harness.get_by_label("供需对接").click();
    step_until(&mut harness, "the failure", |app| !matching(app).is_matching());
    harness.get_by_label_contains("匹配未能完成");
    harness.run_steps(5);
    assert!(!matching(harness.state()).is_matching(), "no endless retrying");

    rename("opportunities_moved", "opportunities");
    harness.get_by_label("重试").click();
    wait_for_matching(&mut harness);
    assert!(harness.query_by_label_contains("匹配未能完成").is_none());
    assert!(!rows(&harness).is_empty());
}

#[test]
fn a_companys_record_leads_to_its_opportunities() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = app_harness(&db);
    settle(&mut harness);
    common::type_into(&mut harness, "搜索", "dsgs");
    harness.get_by_label("宁波东盛模具标准件有限公司").click();
    harness.run();
    harness.get_by_label("供需对接机会").click();
    wait_for_matching(&mut harness);
    let app = harness.state();
    assert_eq!(app.settings.section, Section::Matching);
    let dongsheng = members(app).selected();
    assert_eq!(matching(app).filters.company, dongsheng);
    assert!(rows(&harness).contains(&weijun_dongsheng()));
    harness.get_by_label_contains("可向成员供应（");
}

#[test]
fn the_demo_board_carries_its_history_the_articles_contract_and_the_visits_introductions() {
    let (_dir, db) = temp_db(347);
    let mut harness = app_harness(&db);
    open_board(&mut harness);
    let snapshot = matching(harness.state()).snapshot().unwrap().clone();
    let all = &snapshot.board.rows;
    let contracted = all.iter().find(|r| r.stage == Stage::Contracted).expect("a contract");
    assert_eq!(
        (contracted.need_company.as_str(), contracted.need_item.as_str(), contracted.supplier_company.as_str()),
        ("威骏模具", "导柱导套", "东盛公司"),
        "the article's pair, found at the visit to 东盛"
    );
    assert!(all.iter().filter(|r| r.stage == Stage::Introduced).count() > 5, "introduced at visits and the exhibition");
    harness.get_by_label_contains("已签约 1 项 · 已实现年节约 ¥648,000");
}
