//! 顾问团 on screen: a request received and routed by its category, given back with a reason and
//! sent on, its history on the request; the list shows what is overdue; the figures per
//! department for a period, with the monthly trend.

mod common;

use common::{PROJECTOR, Window, harness_with, settle, temp_db, workspace};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use qilian::domain::advisory::Status;
use qilian::domain::advisory::{Place, Session};
use qilian::store::Store;
use qilian::ui::Section;
use qilian::ui::advisory::AdvisoryScreen;

fn screen(app: &qilian::ui::QilianApp) -> &AdvisoryScreen {
    workspace(app).screen::<AdvisoryScreen>().unwrap()
}

#[test]
fn a_request_is_routed_declined_with_a_reason_and_sent_on_with_its_history_kept() {
    let (_dir, db) = temp_db(120);
    let mut harness = harness_with(&db, Window { section: Section::Advisory, size: PROJECTOR, ..Window::default() });
    settle(&mut harness);
    assert!(screen(harness.state()).desk().is_some_and(|d| d.requests.len() > 150), "the demo's requests");
    harness.get_by_label("登记新诉求…").click();
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "企业").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("威骏");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "威骏模具").click();
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "类别").click();
    harness.run();
    harness.get_by_label("消防验收 → 消防大队").scroll_to_me();
    harness.run();
    harness.get_by_label("消防验收 → 消防大队").click();
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "问题描述").click();
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "问题描述").type_text("新车间消防验收约不上时间");
    harness.run();
    assert!(!harness.get_by_label("受理并分派").accesskit_node().is_disabled(), "everything given");
    harness.get_by_label("受理并分派").click();
    settle(&mut harness);
    let store = Store::open(&db).unwrap();
    let raised = store.requests().unwrap().into_iter().find(|r| r.description == "新车间消防验收约不上时间").unwrap();
    let fire = store.departments().unwrap().into_iter().find(|d| d.short_name == "消防大队").unwrap();
    assert_eq!((raised.status, raised.department), (Status::Assigned, Some(fire.id)));
    harness.get_by_label_contains("时限 15 个工作日");
    // Given back: a reason first.
    assert!(harness.get_by_label("退回秘书处").accesskit_node().is_disabled(), "no reason yet");
    common::type_into(&mut harness, "原因或说明", "主体结构未验收");
    harness.get_by_label("退回秘书处").click();
    settle(&mut harness);
    let back = Store::open(&db).unwrap().request(raised.id).unwrap();
    assert_eq!((back.status, back.department), (Status::Received, None), "back with the secretary");
    harness.get_all_by_label_contains("主体结构未验收").next().unwrap();
    let history = Store::open(&db).unwrap().request_history(Some(raised.id)).unwrap();
    assert_eq!(history.iter().map(|h| h.step.as_str()).collect::<Vec<_>>(), ["raise", "assign", "decline"]);

    // The secretary sends it to 住建局; found to be 消防大队's after all, it is re-routed, saying why.
    let pick = |harness: &mut egui_kittest::Harness<'static, qilian::ui::QilianApp>, combo: &str, to: &str| {
        harness.get_by_role_and_label(Role::ComboBox, combo).click();
        harness.run();
        // As a screen reader clicks: at 1024×768 the item can be below the drop-down's fold, where
        // a pointer would scroll to it first.
        harness.get_by_role_and_label(Role::Button, to).click_accesskit();
        harness.run();
    };
    pick(&mut harness, "分派给", "住建局");
    harness.get_by_label("分派").click();
    settle(&mut harness);
    pick(&mut harness, "改派给", "消防大队");
    assert!(harness.get_by_label("改派").accesskit_node().is_disabled(), "a re-route needs its reason");
    common::type_into(&mut harness, "原因或说明", "经核实仍属消防验收");
    harness.get_by_label("改派").click();
    settle(&mut harness);
    let sent = Store::open(&db).unwrap().request(raised.id).unwrap();
    assert_eq!((sent.status, sent.department), (Status::Assigned, Some(fire.id)));
    let history = Store::open(&db).unwrap().request_history(Some(raised.id)).unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.step.as_str(), last.note.as_str(), last.department),
        ("reroute", "经核实仍属消防验收", Some(fire.id))
    );
    harness.get_all_by_label_contains("经核实仍属消防验收").next().unwrap();
    harness.snapshot("advisory-history-1024");
}

#[test]
fn the_list_and_the_figures_fit_a_projector() {
    let (_dir, db) = temp_db(120);
    let mut harness = harness_with(&db, Window { section: Section::Advisory, size: PROJECTOR, ..Window::default() });
    settle(&mut harness);
    let first =
        screen(harness.state()).desk().unwrap().requests.iter().find(|r| r.status.is_open()).unwrap().number.clone();
    harness.get_all_by_label(&first).next().unwrap().click();
    settle(&mut harness);
    harness.get_by_label("办理记录");
    harness.snapshot_options(
        "advisory-requests-1024",
        &egui_kittest::SnapshotOptions::new().output_path("docs/screenshots"),
    );
    harness.get_by_label("办理统计").click();
    settle(&mut harness);
    harness.get_all_by_label_contains("已解决").next().unwrap();
    harness.get_by_label_contains("在办逾期计为未按时");
    harness.snapshot("advisory-figures-1024");
    // The same figures by company and by category.
    harness.get_by_label("按类别…").click();
    harness.run();
    harness.get_all_by_label_contains("消防验收：受理").next().unwrap();

    // Any period: the headline for the first half of 2025, as the domain counts it.
    harness.get_by_role_and_label(Role::ComboBox, "期间").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "自定起止日期").click();
    harness.run();
    for (field, day) in [("起", "2025-01-01"), ("止", "2025-06-30")] {
        harness.get_by_role_and_label(Role::TextInput, field).click();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness.get_by_role_and_label(Role::TextInput, field).type_text(day);
        harness.run();
    }
    settle(&mut harness);
    let desk = screen(harness.state()).desk().unwrap();
    let (from, to) =
        (chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
    let today = qilian::demo::test_day();
    let expected = qilian::domain::advisory::figures(desk.in_period(from, to), 0, today, &desk.calendar);
    assert!(expected.received > 0);
    harness.get_by_label_contains(&format!("受理 {} 件 · 已解决 {} 件", expected.received, expected.resolved));
    harness.get_by_label("2025-01-01 至 2025-06-30");
}

#[test]
fn a_service_week_is_planned_saved_moved_with_its_conflict_shown_and_on_the_calendar() {
    let (_dir, db) = temp_db(120);
    let mut harness = harness_with(&db, Window { section: Section::Advisory, size: PROJECTOR, ..Window::default() });
    settle(&mut harness);
    harness.get_by_label("服务周").click();
    settle(&mut harness);
    // The demo's two past weeks; last year's says which requests each visit served, resolved
    // since as they are.
    assert_eq!(screen(harness.state()).desk().unwrap().weeks.len(), 2);
    harness.get_by_label("2025-05-19 周").click();
    settle(&mut harness);
    harness.get_all_by_label_contains("件诉求：SQ").next().unwrap();
    assert!(harness.query_all_by_label_contains("办理 0 件诉求").next().is_none(), "no visit serves nothing");
    harness.get_by_role_and_label(Role::TextInput, "安排哪一周（周内任一天）").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "安排哪一周（周内任一天）").type_text("2026-12-02");
    harness.run();
    harness.get_by_label("生成安排").click();
    settle(&mut harness);
    harness.get_by_label_contains("周的安排（未保存）");
    // Each visit says which requests it serves; the centre holds the briefing and a training talk.
    harness.get_all_by_label_contains("件诉求：SQ").next().unwrap();
    harness.get_all_by_label("社区中心 · 政策说明会").next().unwrap();
    harness.get_all_by_label("社区中心 · 培训讲座").next().unwrap();
    harness.get_by_label("保存安排").click();
    settle(&mut harness);
    let store = Store::open(&db).unwrap();
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let week = store.service_weeks().unwrap().into_iter().find(|w| w.week_of == monday);
    let week = week.expect("saved, by its Monday");
    let slots = store.week_slots(week.id).unwrap();
    let session = |s: Session| slots.iter().filter(|x| x.slot.place == Place::Centre(s)).count();
    assert_eq!(session(Session::Briefing), week.departments.len(), "every department at the briefing");
    assert!(session(Session::Training) > 0);
    harness.snapshot("advisory-week-1024");

    // A department's slot moved by hand onto another of its own half-days: the conflict is said.
    let visits = |s: &&qilian::store::StoredSlot| matches!(s.slot.place, Place::Companies(_));
    let moved = slots
        .iter()
        .filter(visits)
        .find(|s| slots.iter().filter(visits).any(|o| o.id != s.id && o.slot.department == s.slot.department))
        .expect("a department with two half-days of visits");
    let other = slots.iter().filter(visits).find(|o| o.id != moved.id && o.slot.department == moved.slot.department);
    Store::open(&db).unwrap().move_slot(moved.id, other.unwrap().slot.when).unwrap();
    harness.get_by_label("企业诉求").click();
    settle(&mut harness);
    harness.get_by_label("服务周").click();
    settle(&mut harness);
    harness.get_all_by_label_contains("同时安排在两处").next().unwrap();

    // A company that can receive only one department at a time: set once, kept for every week.
    harness.get_by_label_contains("企业接待能力").click();
    harness.run();
    common::pick_company(&mut harness, "东盛", "东盛公司");
    harness.get_by_role_and_label(Role::SpinButton, "每半天可接待部门数").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_role_and_label(Role::SpinButton, "每半天可接待部门数").type_text("1");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("设定").click();
    settle(&mut harness);
    let capacity = Store::open(&db).unwrap().hosting_capacity().unwrap();
    assert_eq!(capacity.values().copied().collect::<Vec<_>>(), [1], "{capacity:?}");
    harness.get_by_label_contains("东盛公司：每半天 1 个部门");

    // The week is on the calendar, each of its working days.
    harness
        .state_mut()
        .workspace
        .as_mut()
        .unwrap()
        .with_screen::<qilian::ui::calendar::CalendarScreen, _>(|calendar, _| calendar.show_month(2026, 12));
    harness.get_by_label("日历").click();
    settle(&mut harness);
    assert!(harness.get_all_by_label("服务周").count() >= 4, "30 November to 4 December, those in December");
}

#[test]
fn a_departments_sheet_moves_its_requests_and_adds_new_ones_whole() {
    let (dir, db) = temp_db(120);
    let store = Store::open(&db).unwrap();
    let open = store.requests().unwrap().into_iter().find(|r| r.status == Status::InProgress && !r.paused()).unwrap();
    let file = dir.path().join("回执.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["诉求编号", "企业", "类别", "问题描述", "办理状态", "办理情况"].iter().enumerate()
    {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, open.number.as_str()).unwrap();
    sheet.write(1, 4, "已解决").unwrap();
    sheet.write(1, 5, "已现场答复").unwrap();
    sheet.write(2, 1, "宁波东盛模具标准件有限公司").unwrap();
    sheet.write(2, 2, "排污许可").unwrap();
    sheet.write(2, 3, "扩建车间排污许可变更").unwrap();
    workbook.save(&file).unwrap();
    let files = vec![qilian::ui::file_dialog::Picked::File(file)];
    let mut harness = harness_with(&db, Window { section: Section::Advisory, files, ..Window::default() });
    settle(&mut harness);
    harness.get_by_label("导入部门回执…").click();
    settle(&mut harness);
    harness.get_by_label_contains("更新 1 件 · 新增 1 件");
    harness.get_by_label("确定导入").click();
    settle(&mut harness);
    let store = Store::open(&db).unwrap();
    let after = store.request(open.id).unwrap();
    assert_eq!(after.status, Status::Resolved);
    assert_eq!(store.request_history(Some(open.id)).unwrap().last().unwrap().note, "已现场答复");
    let new = store.requests().unwrap().into_iter().find(|r| r.description == "扩建车间排污许可变更").unwrap();
    assert_eq!(new.status, Status::Assigned, "routed by its category");
}
