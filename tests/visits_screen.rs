//! 互访交流: the year plan on screen, published, then a published month changed with its reason.

mod common;

use common::{PROJECTOR, Window, harness_with, step_until, temp_db, workspace};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use qilian::store::Store;
use qilian::ui::Section;
use qilian::ui::visits::VisitsScreen;

fn visits(app: &qilian::ui::QilianApp) -> &VisitsScreen {
    workspace(app).screen::<VisitsScreen>().unwrap()
}

#[test]
fn the_year_is_planned_published_and_a_published_month_changed_with_its_reason() {
    let (_dir, db) = temp_db(40);
    let mut harness = harness_with(&db, Window { section: Section::Visits, ..Window::default() });
    step_until(&mut harness, "the plan", |app| visits(app).plan().is_some() && !visits(app).is_busy());
    let year = visits(harness.state()).year();
    let plan = visits(harness.state()).plan().unwrap().clone();
    assert_eq!(plan.months.len(), 12);
    assert!(plan.months.iter().all(|m| !m.reasons.is_empty()), "every month says why");
    harness.get_by_label_contains("春节所在月，不安排互访");
    harness.get_all_by_label_contains("从未承办").next().unwrap();
    assert!(Store::open(&db).unwrap().visit_months(year).unwrap().is_empty(), "nothing saved before publishing");

    harness.get_by_label("发布全年计划").click();
    step_until(&mut harness, "the published plan", |app| {
        visits(app).plan().is_some_and(|p| p.months.iter().filter(|m| m.published).count() == 11)
    });
    let stored = Store::open(&db).unwrap().visit_months(year).unwrap();
    assert_eq!(stored.iter().filter(|m| m.published).count(), 11);

    // Replacing January's host: a published month needs a reason, and the change is logged.
    harness.get_all_by_label("更换…").next().unwrap().click();
    harness.run();
    assert!(harness.get_by_label("确定").accesskit_node().is_disabled(), "no reason yet");
    let january = plan.months[0].host;
    harness.get_by_role_and_label(Role::ComboBox, "1 月东道主").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("威骏");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "威骏模具").click();
    harness.run();
    common::type_into(&mut harness, "原因", "原东道主厂房改造");
    harness.get_by_label("确定").click();
    step_until(&mut harness, "the change", |app| {
        visits(app).plan().is_some_and(|p| p.months[0].host != january) && !visits(app).is_busy()
    });
    let store = Store::open(&db).unwrap();
    let changes = store.visit_changes(year).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!((changes[0].old_host, changes[0].reason.as_str()), (january, "原东道主厂房改造"));
    harness.get_by_label_contains("已发布月份的变更记录（1）");
}

#[test]
fn the_plan_fits_a_projector() {
    let (_dir, db) = temp_db(40);
    let mut harness = harness_with(&db, Window { section: Section::Visits, size: PROJECTOR, ..Window::default() });
    // A fixed year, so the image does not change with the date the test runs on.
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<VisitsScreen, _>(|screen, _| screen.show_year(2027));
    step_until(&mut harness, "the plan", |app| {
        visits(app).plan().is_some_and(|p| p.year == 2027) && !visits(app).is_busy()
    });
    harness.run();
    let window = harness.ctx.content_rect();
    for label in ["发布全年计划", "春节所在月也安排互访"] {
        assert!(window.contains(harness.get_by_label(label).rect().center()), "{label}");
    }
    let last_row = harness.get_all_by_label("对调…").last().unwrap().rect();
    assert!(window.contains(last_row.center()), "December's row is on screen");
    // The README shows it: kept in docs/screenshots.
    harness.snapshot_options("visits-plan-1024", &egui_kittest::SnapshotOptions::new().output_path("docs/screenshots"));
}

#[test]
fn at_last_years_visit_to_dongsheng_weijun_is_the_first_to_invite() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window { section: Section::Visits, ..Window::default() });
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<VisitsScreen, _>(|screen, _| screen.show_year(2025));
    step_until(&mut harness, "the plan", |app| {
        visits(app).plan().is_some_and(|p| p.year == 2025) && !visits(app).is_busy()
    });
    harness.get_by_label_contains("东盛公司开放参观");
    harness.get_by_label("3 月").click();
    harness.run();
    assert_eq!(visits(harness.state()).selected(), Some(3));
    harness.get_by_label_contains("3 月 · 东盛公司");
    harness.get_by_label("已邀请 0 家 · 已出席 0 家");
    let weijun = harness.get_by_label("1. 威骏模具").rect();
    let why = harness.get_all_by_label_contains("需要东道主的导柱导套").next().unwrap().rect();
    assert!(why.top() > weijun.bottom() - 1.0 && why.top() < weijun.bottom() + 30.0, "威骏's reason under its name");

    // Invitations go out to the whole list; after the visit everyone invited is ticked as there,
    // but one who did not come.
    harness.get_by_label("邀请全部建议企业").click();
    harness.run();
    harness.get_by_label("已邀请 30 家 · 已出席 0 家");
    harness.get_by_label("受邀者全部出席").click();
    harness.run();
    harness.get_by_label("已邀请 30 家 · 已出席 30 家");
    harness.get_all_by_label("出席").nth(1).unwrap().click();
    harness.run();
    harness.get_by_label("已邀请 30 家 · 已出席 29 家");
    let store = Store::open(&db).unwrap();
    let guests = store.visit_guests(2025, 3).unwrap();
    assert_eq!((guests.iter().filter(|g| g.invited).count(), guests.iter().filter(|g| g.attended).count()), (30, 29));
    let weijun_id =
        store.company_list().unwrap().into_iter().find(|c| c.company.short_name == "威骏模具").unwrap().company.id;
    assert!(guests.iter().any(|g| g.company == weijun_id && g.attended), "威骏 came to 东盛's visit");

    // Feedback forms: the attended companies each score the template's questions.
    harness.get_by_label("反馈表").click();
    harness.run();
    harness.get_by_label("本次尚无评分");
    let spin = harness.get_all_by_role_and_label(Role::SpinButton, "活动组织").next().unwrap();
    spin.click();
    harness.run();
    harness.get_all_by_role_and_label(Role::SpinButton, "活动组织").next().unwrap().type_text("4");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    harness.get_by_label("本次平均 4.0 分（1 项评分）");
    let answers = Store::open(&db).unwrap().visit_feedback(2025, Some(3)).unwrap();
    assert_eq!(answers.iter().filter_map(|a| a.score).collect::<Vec<_>>(), [4]);
    harness.get_by_label("邀请与出席").click();
    harness.run();

    // At the visit 威骏 met its supplier: the matched pairs become introductions in one click.
    harness.get_all_by_label_contains("记为本次引荐").next().unwrap().click();
    step_until(&mut harness, "the introduction", |app| !visits(app).is_busy());
    common::settle(&mut harness);
    let introduced: Vec<_> = Store::open(&db)
        .unwrap()
        .pipelines()
        .unwrap()
        .into_iter()
        .filter(|p| p.stage == qilian::domain::opportunity::Stage::Introduced)
        .collect();
    assert!(!introduced.is_empty());
    assert!(introduced.iter().all(
        |p| p.note.contains("2025 年 3 月互访") && p.introduced_on == chrono::NaiveDate::from_ymd_opt(2025, 3, 20)
    ));
    harness.get_all_by_label_contains("已在跟进").next().unwrap();
    assert!(
        common::notice(&harness).is_some_and(|n| n.contains("已记为本次互访的引荐：威骏模具")),
        "{:?}",
        common::notice(&harness)
    );
}

#[test]
fn the_plan_on_show_exports_to_excel_drafts_included() {
    let (dir, db) = temp_db(40);
    let file = dir.path().join("plan.xlsx");
    let files = vec![qilian::ui::file_dialog::Picked::File(file.clone())];
    let mut harness = harness_with(&db, Window { section: Section::Visits, files, ..Window::default() });
    step_until(&mut harness, "the plan", |app| visits(app).plan().is_some() && !visits(app).is_busy());
    harness.get_by_label("导出 Excel…").click();
    step_until(&mut harness, "the export", |_| file.exists());
    common::settle(&mut harness);
    let sheet = qilian::excel::read::read_sheet(&file, None).unwrap();
    assert_eq!(sheet.rows.len(), 13, "a header and twelve months");
    assert!(sheet.rows.iter().skip(1).filter(|r| r.cells.get(6).is_some_and(|c| c.text() == "草案")).count() >= 11);
}

#[test]
fn a_companys_record_shows_its_visits_and_the_months_it_cannot_host() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window::default());
    harness.run();
    common::type_into(&mut harness, "搜索", "dsgs");
    harness.get_all_by_label("宁波东盛模具标准件有限公司").next().unwrap().click();
    harness.run();
    harness.get_by_label("承办（1）：");
    // July is blocked: the rotation leaves it free for others.
    harness.get_by_label("7月").scroll_to_me();
    harness.run();
    harness.get_by_label("7月").click();
    harness.run();
    let store = Store::open(&db).unwrap();
    let dongsheng =
        store.company_list().unwrap().into_iter().find(|c| c.company.short_name == "东盛公司").unwrap().company.id;
    assert_eq!(store.company_visits(dongsheng).unwrap().unavailable, vec![7]);
    drop(store);
    // Its visit opens on the visits screen.
    harness.get_by_label("2025 年 3 月").click();
    common::settle(&mut harness);
    assert_eq!(harness.state().settings.section, Section::Visits);
    assert_eq!((visits(harness.state()).year(), visits(harness.state()).selected()), (2025, Some(3)));
    harness.get_by_label_contains("3 月 · 东盛公司");
}
