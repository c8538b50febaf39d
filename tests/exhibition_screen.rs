//! 展销会: last year's hall with its booths, members placed by list and by dragging, booths
//! swapped, leads and deals recorded (between members, as introductions on the board), the
//! booth list exported, and the calendar opening the exhibition.

mod common;

use common::{PROJECTOR, Window, harness_with, settle, temp_db, workspace};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use qilian::domain::exhibition::BoothAt;
use qilian::store::Store;
use qilian::ui::QilianApp;
use qilian::ui::Section;
use qilian::ui::exhibition::ExhibitionScreen;
use qilian::ui::file_dialog::Picked;

fn screen(app: &QilianApp) -> &ExhibitionScreen {
    workspace(app).screen::<ExhibitionScreen>().unwrap()
}

fn on_year(db: &std::path::Path, year: i32, window: Window) -> Harness<'static, QilianApp> {
    let mut harness = harness_with(db, Window { section: Section::Exhibition, ..window });
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<ExhibitionScreen, _>(|screen, _| screen.show_year(year));
    settle(&mut harness);
    assert_eq!(screen(harness.state()).year(), year);
    harness
}

fn booth_company(db: &std::path::Path, at: BoothAt) -> Option<i64> {
    let store = Store::open(db).unwrap();
    let id = store.exhibitions().unwrap().into_iter().find(|e| e.year == 2025).unwrap().id;
    store.booths(id).unwrap().into_iter().find(|b| b.at == at).map(|b| b.company)
}

#[test]
fn last_years_hall_fits_a_projector_with_every_booth_named() {
    let (_dir, db) = temp_db(347);
    let mut harness = on_year(&db, 2025, Window { size: PROJECTOR, ..Window::default() });
    harness.get_by_label_contains("2025 年度会员产品展销会");
    let hall = screen(harness.state()).hall().unwrap().clone();
    assert_eq!(hall.booths.len(), 26);
    let window = harness.ctx.content_rect();
    for booth in &hall.booths {
        let company = workspace(harness.state()).catalog.entry(booth.company).unwrap().company.clone();
        let name = format!("{} {}", booth.at.label(), qilian::ui::widgets::display_name(&company));
        assert!(window.contains(harness.get_by_label(&name).rect().center()), "{name}");
    }
    harness.snapshot_options("exhibition-1024", &egui_kittest::SnapshotOptions::new().output_path("docs/screenshots"));
    // With the list beside it the plan narrows, and names wrap rather than vanish.
    harness.get_by_label("安排参展企业").click();
    settle(&mut harness);
    harness.snapshot("exhibition-list-1024");
    harness.get_by_label_contains("意向与成交（").click();
    settle(&mut harness);
    harness.snapshot("exhibition-leads-1024");
}

#[test]
fn a_member_is_placed_from_the_list_and_booths_swap_by_dragging() {
    let (_dir, db) = temp_db(347);
    let mut harness = on_year(&db, 2025, Window::default());
    let (d8, a1, a2) = (BoothAt { row: 3, col: 7 }, BoothAt { row: 0, col: 0 }, BoothAt { row: 0, col: 1 });
    assert_eq!(booth_company(&db, d8), None);
    // By list: 安排 beside a member, then the empty booth.
    harness.get_by_label("安排参展企业").click();
    harness.run();
    let first = harness.get_all_by_label("安排").next().unwrap();
    first.click();
    harness.run();
    harness.get_by_label_contains("点一个空展位");
    harness.get_by_role_and_label(Role::Button, "D8").click();
    settle(&mut harness);
    let placed = booth_company(&db, d8).expect("D8 taken");
    // Its products are offered in the booth's panel; ticking one shows it there.
    let products = Store::open(&db).unwrap().children_of::<qilian::domain::Product>(placed).unwrap();
    if let Some(product) = products.first() {
        harness.get_all_by_role(Role::CheckBox).next().unwrap().click();
        settle(&mut harness);
        let store = Store::open(&db).unwrap();
        let id = store.exhibitions().unwrap()[0].id;
        let booth = store.booths(id).unwrap().into_iter().find(|b| b.at == d8).unwrap();
        assert_eq!(booth.products, [product.id]);
    }

    // Dragging A1 onto A2 swaps the two.
    let (first_company, second_company) = (booth_company(&db, a1), booth_company(&db, a2));
    let from = harness.get_by_label_contains("A1 ").rect().center();
    let to = harness.get_by_label_contains("A2 ").rect().center();
    drag(&mut harness, from, to);
    settle(&mut harness);
    assert_eq!((booth_company(&db, a1), booth_company(&db, a2)), (second_company, first_company));
}

/// Presses at `from`, moves in steps to `to` and lets go, as a hand drags.
fn drag(harness: &mut Harness<'static, QilianApp>, from: egui::Pos2, to: egui::Pos2) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    harness.event(egui::Event::PointerMoved(from));
    harness.run();
    harness.event(button(from, true));
    harness.run();
    for step in 1..=10 {
        harness.event(egui::Event::PointerMoved(from.lerp(to, step as f32 / 10.0)));
        harness.run();
    }
    harness.event(button(to, false));
    harness.run();
}

#[test]
fn an_outside_buyers_deal_is_recorded_and_a_deleted_lead_comes_back() {
    let (_dir, db) = temp_db(347);
    let mut harness = on_year(&db, 2025, Window::default());
    harness.get_by_label_contains("意向与成交（34）").click();
    settle(&mut harness);
    harness.get_by_label_contains("成员之间");
    // An outside buyer's deal at the first booth.
    let booths = screen(harness.state()).hall().unwrap().booths.clone();
    let catalog = &workspace(harness.state()).catalog;
    let exhibitor = qilian::ui::widgets::display_name(&catalog.entry(booths[0].company).unwrap().company).to_string();
    harness.get_by_role_and_label(Role::ComboBox, "参展企业").click();
    harness.run();
    harness.get_by_label(&format!("A1 {exhibitor}")).click();
    harness.run();
    common::type_into(&mut harness, "或非成员客户", "杭州某机电贸易公司");
    harness.get_all_by_label("成交").next().unwrap().click();
    common::type_into(&mut harness, "金额（元）", "120000");
    harness.get_by_label("添加").click();
    settle(&mut harness);
    let store = Store::open(&db).unwrap();
    let id = store.exhibitions().unwrap()[0].id;
    let leads = store.leads(id).unwrap();
    let added = leads.last().unwrap();
    assert_eq!(
        (added.visitor_name.as_str(), added.amount, added.visitor),
        ("杭州某机电贸易公司", Some(120_000.0), None)
    );
    assert_eq!(added.kind, qilian::domain::exhibition::LeadKind::Deal);
    // Deleted by mistake, and back.
    let count = leads.len();
    harness.get_all_by_label("删除").next().unwrap().click();
    settle(&mut harness);
    let left = Store::open(&db).unwrap().leads(id).unwrap();
    assert_eq!(left.len(), count - 1);
    assert!(!left.iter().any(|l| l.id == added.id), "the newest, listed first, is the one deleted");
    harness.get_by_label("撤销").click();
    settle(&mut harness);
    assert_eq!(Store::open(&db).unwrap().leads(id).unwrap().len(), count);
}

#[test]
fn a_lead_between_members_is_recorded_as_their_pair_introduced_at_the_exhibition() {
    let (_dir, db) = temp_db(347);
    let mut harness = on_year(&db, 2025, Window::default());
    harness.get_by_label_contains("意向与成交（").click();
    settle(&mut harness);
    // An exhibitor and a member buyer the engine pairs, the pair still only a suggestion.
    let (booth, buyer, pair) = {
        let app = harness.state();
        let (hall, matches) = (screen(app).hall().unwrap(), screen(app).matches().unwrap());
        let catalog = &workspace(app).catalog;
        let unique = |id: i64| {
            let short = &catalog.entry(id).unwrap().company.short_name;
            catalog.entries().iter().filter(|e| &e.company.short_name == short).count() == 1
        };
        let mut pairs: Vec<_> = matches.pairs_between.values().flatten().copied().collect();
        pairs.sort_by_key(|p| (p.seller, p.buyer, p.need_id, p.product_id));
        // One the secretary can tell from the others between the two by its words.
        let told_apart = |p: &qilian::matching::board::MatchedPair| {
            let label = matches.label((p.need_id, p.product_id));
            matches
                .sales(p.seller, p.buyer)
                .iter()
                .filter(|q| matches.label((q.need_id, q.product_id)) == label)
                .count()
                == 1
        };
        hall.booths
            .iter()
            .find_map(|b| {
                let pair = pairs.iter().find(|p| {
                    p.seller == b.company
                        && !matches.stages.contains_key(&(p.need_id, p.product_id))
                        && unique(p.buyer)
                        && told_apart(p)
                })?;
                Some((b.clone(), pair.buyer, *pair))
            })
            .unwrap()
    };
    let name = |id: i64| {
        qilian::ui::widgets::display_name(&workspace(harness.state()).catalog.entry(id).unwrap().company).to_string()
    };
    let (exhibitor, buyer_name) = (name(booth.company), name(buyer));
    harness.get_by_role_and_label(Role::ComboBox, "参展企业").click();
    harness.run();
    harness.get_by_label(&format!("{} {exhibitor}", booth.at.label())).click();
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "成员客户").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text(&buyer_name);
    harness.run();
    harness.get_by_role_and_label(Role::Button, &buyer_name).click();
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "对应供需").click();
    harness.run();
    let label = screen(harness.state()).matches().unwrap().label((pair.need_id, pair.product_id));
    harness.get_all_by_label(&label).last().unwrap().click();
    harness.run();
    harness.get_by_label("添加").click();
    settle(&mut harness);
    let store = Store::open(&db).unwrap();
    let pipeline =
        store.pipelines().unwrap().into_iter().find(|p| (p.need_id, p.product_id) == (pair.need_id, pair.product_id));
    assert_eq!(
        pipeline.map(|p| (p.stage, p.note)),
        Some((qilian::domain::opportunity::Stage::Introduced, "2025 年度会员产品展销会".to_string()))
    );
    assert!(common::notice(&harness).is_some_and(|n| n.contains("供需对接引荐")));
}

#[test]
fn the_booth_list_exports_and_the_calendar_opens_the_exhibition() {
    let (dir, db) = temp_db(120);
    let file = dir.path().join("booths.xlsx");
    let window = Window { files: vec![Picked::File(file.clone())], ..Window::default() };
    let mut harness = on_year(&db, 2025, window);
    harness.get_by_label("导出展位表…").click();
    settle(&mut harness);
    let sheet = qilian::excel::read::read_sheet(&file, None).unwrap();
    let booths = screen(harness.state()).hall().unwrap().booths.len();
    assert_eq!(sheet.rows.len(), booths + 1);

    harness.state_mut().settings.section = Section::Calendar;
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<qilian::ui::calendar::CalendarScreen, _>(|screen, _| screen.show_month(2025, 10));
    settle(&mut harness);
    harness.get_all_by_label("2025 年度会员产品展销会").next().unwrap().click();
    settle(&mut harness);
    assert_eq!(harness.state().settings.section, Section::Exhibition);
    assert_eq!(screen(harness.state()).year(), 2025);
}

#[test]
fn a_year_without_an_exhibition_offers_to_plan_one() {
    let (_dir, db) = temp_db(40);
    let mut harness = on_year(&db, 2027, Window::default());
    harness.get_by_label("2027 年还没有安排展销会。");
    harness.get_by_label("安排本年展销会").click();
    settle(&mut harness);
    let hall = screen(harness.state()).hall().unwrap();
    assert_eq!((hall.exhibition.year, hall.exhibition.rows * hall.exhibition.cols), (2027, 32));
    assert!(Store::open(&db).unwrap().exhibitions().unwrap().iter().any(|e| e.year == 2027));
}
