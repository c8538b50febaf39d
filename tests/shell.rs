//! The app shell as a user meets it: the navigation, the keyboard, the notification area, file
//! dialogs that cannot open, the 字号 setting, the English mode; and the fixes for what users hit
//! (a new company in view, a row deleted by a double click, a pair that leaves its list…).

mod common;

use common::{
    DESKTOP, PROJECTOR, Window, harness_with, matching, members, notice, press, settle, step_until, temp_db,
    temp_db_fresh_board, type_into, visible_names, workspace,
};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use qilian::domain::opportunity::Stage;
use qilian::domain::{Company, Need, Product};
use qilian::i18n::Lang;
use qilian::store::Store;
use qilian::ui::file_dialog::Picked;
use qilian::ui::theme::Scale;
use qilian::ui::{QilianApp, Section};

fn key(harness: &mut Harness<'static, QilianApp>, modifiers: egui::Modifiers, key: egui::Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

#[test]
fn the_navigation_lists_every_section() {
    let (_dir, db) = temp_db(0);
    let mut harness = harness_with(&db, Window::default());
    harness.run();
    let registry: Vec<(Section, bool)> =
        workspace(harness.state()).screens().map(|s| (s.section(), s.is_ready())).collect();
    assert_eq!(registry.iter().map(|(s, _)| *s).collect::<Vec<_>>(), Section::ALL);
    assert!(registry.iter().all(|(_, ready)| *ready), "every section is built");
    for section in Section::ALL {
        harness.get_by_role_and_label(Role::Button, section.label(Lang::Zh));
    }
}

#[test]
fn ctrl_f_finds_and_the_arrow_keys_walk_the_list() {
    let (_dir, db) = temp_db(30);
    let mut harness = harness_with(&db, Window::default());
    harness.run();
    key(&mut harness, egui::Modifiers::COMMAND, egui::Key::F);
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("宁波");
    harness.run();
    let names = visible_names(&harness);
    key(&mut harness, egui::Modifiers::NONE, egui::Key::ArrowDown);
    key(&mut harness, egui::Modifiers::NONE, egui::Key::ArrowDown);
    let second = members(harness.state()).editor.as_ref().map(|e| e.stored.name.clone());
    assert_eq!(second.as_deref(), Some(names[1].as_str()), "↓ twice from the search box: the second company");
    key(&mut harness, egui::Modifiers::NONE, egui::Key::ArrowUp);
    let first = members(harness.state()).editor.as_ref().map(|e| e.stored.name.clone());
    assert_eq!(first.as_deref(), Some(names[0].as_str()));
}

#[test]
fn enter_creates_the_new_company_in_the_zone_shown_selected_and_in_view() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window { size: PROJECTOR, ..Window::default() });
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "片区").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "第三片区").click();
    harness.run();
    press(&mut harness, "＋ 新建企业");
    harness.run();
    // The name field has the keyboard as soon as the dialog opens.
    harness.get_by_role_and_label(Role::TextInput, "企业名称").type_text("宁波甬新精工有限公司");
    harness.run();
    key(&mut harness, egui::Modifiers::NONE, egui::Key::Enter);
    let app = harness.state();
    let catalog = &workspace(app).catalog;
    let zone_three = catalog.zones()[2].id;
    assert_eq!(members(app).list.filters.zone, Some(zone_three), "the zone filter stays");
    let created = catalog.entries().iter().find(|e| e.company.name == "宁波甬新精工有限公司").expect("created");
    assert_eq!(created.company.zone_id, Some(zone_three), "made in the zone the list shows");
    assert_eq!(members(app).selected(), Some(created.company.id));
    // Scrolled to: its row is on screen, however far down the list it sorts.
    let row = harness.get_all_by_label("宁波甬新精工有限公司").next().unwrap().rect();
    assert!(harness.ctx.content_rect().contains(row.center()), "{row:?}");
    assert_eq!(notice(&harness).as_deref(), Some("已创建：宁波甬新精工有限公司"));
}

#[test]
fn the_detail_panel_folds_and_closes() {
    let (_dir, db) = temp_db(10);
    let mut harness = harness_with(&db, Window { size: PROJECTOR, ..Window::default() });
    harness.run();
    harness.get_by_label("宁波东盛模具标准件有限公司").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "统一社会信用代码");
    press(&mut harness, "»");
    harness.run();
    assert!(harness.query_by_role_and_label(Role::TextInput, "统一社会信用代码").is_none(), "folded away");
    assert!(members(harness.state()).selected().is_some(), "still the selected company");
    press(&mut harness, "«");
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "统一社会信用代码");
    press(&mut harness, "关闭");
    harness.run();
    assert!(members(harness.state()).selected().is_none());
}

#[test]
fn a_file_dialog_that_cannot_open_offers_a_path_field() {
    let (dir, db) = temp_db(10);
    let file = dir.path().join("companies.xlsx");
    let store = Store::open(&db).unwrap();
    qilian::excel::export::export_list(&store, qilian::excel::columns::ListKind::Companies, &file, Lang::Zh).unwrap();
    let mut harness = harness_with(&db, Window { files: vec![Picked::Unavailable], ..Window::default() });
    harness.run();
    press(&mut harness, "Excel 导入/导出");
    harness.run();
    press(&mut harness, "导入成员企业…");
    harness.run();
    harness.get_by_label_contains("系统的文件对话框打不开");
    type_into(&mut harness, "文件路径", "/no/such/file.xlsx");
    press(&mut harness, "确定");
    harness.run();
    harness.get_by_label("找不到这个文件，请检查路径。");
    harness.get_by_role_and_label(Role::TextInput, "文件路径").click();
    harness.run();
    key(&mut harness, egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, "文件路径").type_text(file.to_str().unwrap());
    harness.run();
    // Enter confirms, as the button would.
    key(&mut harness, egui::Modifiers::NONE, egui::Key::Enter);
    step_until(&mut harness, "the preview", |app| workspace(app).import().is_some_and(|d| d.preview().is_some()));
    harness.get_by_label_contains("未变 10");
}

#[test]
fn the_text_size_scales_the_whole_window() {
    let (_dir, db) = temp_db(0);
    let mut harness = harness_with(&db, Window::default());
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
    key(&mut harness, egui::Modifiers::COMMAND, egui::Key::Equals);
    assert_eq!(harness.state().settings.scale, Scale::Large);
    assert_eq!(harness.ctx.zoom_factor(), 1.25);
    press(&mut harness, "视图");
    harness.run();
    harness.get_by_label("特大").click();
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.5);
}

/// A park whose data is all in Latin letters, so any Chinese on screen is the interface's own.
fn latin_park() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = temp_db(0);
    let mut store = Store::open(&db).unwrap();
    for (i, zone) in store.zones().unwrap().iter().enumerate() {
        store.rename_zone(zone.id, &format!("Zone {}", i + 1)).unwrap();
    }
    // The decks every federation starts with are named in Chinese, like its zones: data.
    for deck in store.decks().unwrap() {
        store.save_deck(&qilian::present::Deck { name: deck.meeting.label(Lang::En).into(), ..deck }).unwrap();
    }
    let zones = store.zones().unwrap();
    let company = |name: &str, short: &str, x: f64| Company {
        name: name.into(),
        short_name: short.into(),
        zone_id: Some(zones[0].id),
        industry: "Moulds".into(),
        ownership: "民营".into(),
        stars: 3,
        x_m: x,
        y_m: 100.0,
        ..Company::default()
    };
    let maker = store.insert_company(&company("Ningbo Pillar Works Ltd", "Pillar Works", 100.0)).unwrap();
    let buyer = store.insert_company(&company("Ningbo Mould Co Ltd", "Mould Co", 400.0)).unwrap();
    store
        .insert_child(&Product {
            company_id: maker,
            name: "guide pillar".into(),
            unit: "pc".into(),
            unit_price: Some(12.0),
            ..Product::default()
        })
        .unwrap();
    store
        .insert_child(&Need {
            company_id: buyer,
            item: "guide pillar".into(),
            unit: "pc".into(),
            unit_price: Some(120.0),
            annual_quantity: Some(1000.0),
            supplier_region: Some(qilian::domain::SupplierRegion::HongKongMacaoTaiwan),
            ..Need::default()
        })
        .unwrap();
    (dir, db)
}

/// Every label and value on screen that has a Chinese character.
fn chinese_on_screen(harness: &Harness<'static, QilianApp>) -> Vec<String> {
    let chinese = |c: char| matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
    let has_chinese = |s: &str| s.chars().any(chinese);
    harness
        .query_all_by(|node| {
            node.label().is_some_and(|l| has_chinese(&l)) || node.value().is_some_and(|v| has_chinese(&v))
        })
        .map(|node| node.accesskit_node().label().or_else(|| node.value()).unwrap_or_default())
        .collect()
}

#[test]
fn in_english_no_chinese_is_left_on_screen() {
    let (_dir, db) = latin_park();
    let mut harness = harness_with(&db, Window { lang: Lang::En, size: PROJECTOR, ..Window::default() });
    harness.run();
    let mut seen = Vec::new();
    harness.get_by_label("Ningbo Mould Co Ltd").click();
    harness.run();
    seen.extend(chinese_on_screen(&harness));
    // A product deleted: the notice, in English.
    press(&mut harness, "Delete company");
    harness.run();
    assert_eq!(
        harness.state().notifications.current().map(|n| n.text.get(Lang::En).to_string()).as_deref(),
        Some("Moved to the recycle bin: Ningbo Mould Co Ltd")
    );
    press(&mut harness, "Undo");
    harness.run();
    seen.extend(chinese_on_screen(&harness));
    press(&mut harness, "Zones");
    harness.run();
    seen.extend(chinese_on_screen(&harness));
    key(&mut harness, egui::Modifiers::NONE, egui::Key::Escape);
    press(&mut harness, "Excel import/export");
    harness.run();
    seen.extend(chinese_on_screen(&harness));
    key(&mut harness, egui::Modifiers::NONE, egui::Key::Escape);
    harness.get_by_role_and_label(Role::Button, "Supplier matching").click();
    settle(&mut harness);
    harness.get_all_by_label("Pillar Works").next().unwrap().click();
    harness.run();
    seen.extend(chinese_on_screen(&harness));
    for section in [Section::Visits, Section::Present] {
        harness.get_by_role_and_label(Role::Button, section.label(Lang::En)).click();
        settle(&mut harness);
        seen.extend(chinese_on_screen(&harness));
    }
    // The language button names the other language in its own script, as language switches do.
    seen.retain(|text| text != "中文");
    assert!(seen.is_empty(), "Chinese left in English mode: {seen:?}");
}

#[test]
fn a_deleted_product_is_named_and_a_double_click_deletes_only_it() {
    let (_dir, db, id) = common::db_with_company("宁波新星五金有限公司");
    {
        let mut store = Store::open(&db).unwrap();
        for name in ["不锈钢螺丝", "铜螺母"] {
            store.insert_child(&Product { company_id: id, name: name.into(), ..Product::default() }).unwrap();
        }
    }
    let mut harness = harness_with(&db, Window::default());
    harness.run();
    harness.get_by_label("宁波新星五金有限公司").click();
    harness.run();
    let delete = harness.get_all_by_label("删除").next().unwrap();
    delete.scroll_to_me();
    harness.run();
    let delete = harness.get_all_by_label("删除").next().unwrap();
    delete.click();
    delete.click();
    harness.run();
    let left: Vec<Product> = Store::open(&db).unwrap().children_of(id).unwrap();
    assert_eq!(left.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["铜螺母"], "the second click did not land");
    assert_eq!(notice(&harness).as_deref(), Some("已删除产品“不锈钢螺丝”"));
}

#[test]
fn a_zone_without_companies_is_deleted_and_restored() {
    let (_dir, db) = temp_db(30);
    let mut harness = harness_with(&db, Window::default());
    harness.run();
    press(&mut harness, "片区管理");
    harness.run();
    type_into(&mut harness, "新片区", "物流园片区");
    // Enter adds it.
    key(&mut harness, egui::Modifiers::NONE, egui::Key::Enter);
    assert_eq!(Store::open(&db).unwrap().zones().unwrap().len(), 8);
    let deletes: Vec<bool> = harness.get_all_by_label("删除").map(|b| !b.accesskit_node().is_disabled()).collect();
    assert_eq!(deletes.iter().filter(|enabled| **enabled).count(), 1, "only the empty zone: {deletes:?}");
    harness.get_all_by_label("删除").last().unwrap().click();
    harness.run();
    assert_eq!(Store::open(&db).unwrap().zones().unwrap().len(), 7);
    assert_eq!(notice(&harness).as_deref(), Some("已删除片区“物流园片区”"));
    harness.get_by_label("撤销").click();
    harness.run();
    assert_eq!(Store::open(&db).unwrap().zones().unwrap().len(), 8);
}

#[test]
fn a_synonym_group_that_repeats_another_is_refused() {
    let (_dir, db) = temp_db(0);
    let mut harness = harness_with(&db, Window { section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    press(&mut harness, "同义词…");
    harness.run();
    let groups_before = Store::open(&db).unwrap().synonym_groups().unwrap().len();
    type_into(&mut harness, "新的一组", "栈板 托盘 卡板 木托盘 塑料托盘");
    harness.get_by_label_contains("相同");
    key(&mut harness, egui::Modifiers::NONE, egui::Key::Enter);
    assert_eq!(Store::open(&db).unwrap().synonym_groups().unwrap().len(), groups_before, "not added");
    // The list has the dialog's height, not ten rows.
    let rows = harness.query_all_by_role(Role::TextInput).count();
    assert!(rows > 15, "{rows} rows shown");
}

#[test]
fn a_contracted_pair_leaves_the_open_list_and_its_panel_says_where_it_went() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = harness_with(&db, Window { section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    harness.get_all_by_label("东盛公司").next().unwrap().click();
    harness.run();
    for step in ["引荐…", "确认引荐", "签约…", "确认签约"] {
        press(&mut harness, step);
        settle(&mut harness);
    }
    assert_eq!(Store::open(&db).unwrap().pipelines().unwrap()[0].stage, Stage::Contracted);
    assert_eq!(notice(&harness).as_deref(), Some("已记为“已签约”，它不再列在“进行中”中"));
    harness.get_by_label_contains("不在当前筛选“进行中”的列表中");
    press(&mut harness, "在列表中显示");
    harness.run();
    let rows = matching(harness.state()).visible_rows();
    assert!(rows.iter().any(|r| r.stage == Stage::Contracted && r.supplier_company == "东盛公司"));
    assert!(harness.query_by_label_contains("不在当前筛选").is_none());
}

#[test]
fn the_company_filter_tells_same_named_companies_apart() {
    let (_dir, db) = temp_db(30);
    {
        let mut store = Store::open(&db).unwrap();
        let twin = Company {
            name: "宁波东盛物流有限公司".into(), short_name: "东盛公司".into(), ..Company::default()
        };
        store.insert_company(&twin).unwrap();
    }
    let mut harness = harness_with(&db, Window { section: Section::Matching, size: DESKTOP, ..Window::default() });
    settle(&mut harness);
    harness.get_by_role_and_label(Role::ComboBox, "企业").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("东盛");
    harness.run();
    assert_eq!(harness.query_all_by_role_and_label(Role::Button, "东盛公司").count(), 2);
    harness.get_by_label_contains("宁波东盛物流有限公司");
    harness.get_by_label_contains("宁波东盛模具标准件有限公司");
}

#[test]
fn the_board_company_counts_say_what_they_count() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window { section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    common::pick_company(&mut harness, "dsgs", "东盛公司");
    harness.get_by_label_contains("机会表每项需求只列最佳供应方");
    let rows = matching(harness.state()).visible_rows().len();
    harness.get_by_label_contains(&format!("当前显示 {rows} 条"));
}

#[test]
fn escape_closes_the_dialog_on_top_and_f11_goes_full_screen() {
    let (_dir, db) = temp_db(10);
    let mut harness = harness_with(&db, Window::default());
    harness.run();
    press(&mut harness, "片区管理");
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "新片区");
    key(&mut harness, egui::Modifiers::NONE, egui::Key::Escape);
    assert!(harness.query_by_role_and_label(Role::TextInput, "新片区").is_none(), "closed");

    key(&mut harness, egui::Modifiers::NONE, egui::Key::F11);
    assert!(harness.state().is_fullscreen());
    // With no dialog open, Esc leaves full screen.
    key(&mut harness, egui::Modifiers::NONE, egui::Key::Escape);
    assert!(!harness.state().is_fullscreen());
}

#[test]
fn a_failed_export_says_why() {
    let (dir, db) = temp_db(10);
    let nowhere = dir.path().join("no-such-folder").join("companies.xlsx");
    let mut harness = harness_with(&db, Window { files: vec![Picked::File(nowhere)], ..Window::default() });
    harness.run();
    press(&mut harness, "Excel 导入/导出");
    harness.run();
    press(&mut harness, "导出成员企业…");
    step_until(&mut harness, "the export", |app| app.notifications.current().is_some() && !app.is_busy());
    let text = notice(&harness).unwrap();
    assert!(text.starts_with("成员企业导出失败：无法写入表格"), "{text}");
}

#[test]
fn another_company_opens_at_the_top_of_its_panel() {
    let (_dir, db) = temp_db(30);
    let mut harness = harness_with(&db, Window { size: PROJECTOR, ..Window::default() });
    harness.run();
    let names = visible_names(&harness);
    harness.get_by_label(&names[0]).click();
    harness.run();
    // Down to the contacts at the end of the first company's panel.
    press(&mut harness, "添加联系人");
    harness.run();
    assert!(!on_screen(&harness, "统一社会信用代码"), "scrolled down past the first fields");
    harness.get_all_by_label(&names[1]).next().unwrap().click();
    harness.run();
    assert!(on_screen(&harness, "统一社会信用代码"), "the next company starts at its top");
}

/// Whether the field labelled `label` is in view.
fn on_screen(harness: &Harness<'static, QilianApp>, label: &str) -> bool {
    harness
        .query_by_role_and_label(Role::TextInput, label)
        .is_some_and(|field| harness.ctx.content_rect().contains(field.rect().center()))
}

#[test]
fn on_the_board_the_arrows_walk_the_pairs_and_enter_records_the_open_form() {
    let (_dir, db) = temp_db_fresh_board(347);
    let mut harness = harness_with(&db, Window { section: Section::Matching, ..Window::default() });
    settle(&mut harness);
    key(&mut harness, egui::Modifiers::NONE, egui::Key::ArrowDown);
    key(&mut harness, egui::Modifiers::NONE, egui::Key::ArrowDown);
    let rows = matching(harness.state()).visible_rows();
    let second = (rows[1].candidate.need_id, rows[1].candidate.product_id);
    assert_eq!(matching(harness.state()).selected, Some(second));
    key(&mut harness, egui::Modifiers::NONE, egui::Key::ArrowUp);
    press(&mut harness, "引荐…");
    harness.run();
    type_into(&mut harness, "备注", "秘书处牵线");
    // Recording starts a re-match: wait for it rather than for a still window.
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    let pipelines = Store::open(&db).unwrap().pipelines().unwrap();
    assert_eq!(pipelines.len(), 1);
    assert_eq!((pipelines[0].stage, pipelines[0].note.as_str()), (Stage::Introduced, "秘书处牵线"));
}
