//! 互访交流: the year plan on screen, published, then a published month changed with its reason;
//! a visit's invitations, attendance (ticked or read from a sign-in sheet), feedback and
//! follow-ups; the matrix of who visited whom.

mod common;

use common::{PROJECTOR, Window, harness_with, step_until, temp_db, workspace};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use qilian::store::Store;
use qilian::ui::QilianApp;
use qilian::ui::Section;
use qilian::ui::file_dialog::Picked;
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

    // Swapping March and April (the default partner): a reason again, both months logged.
    let (march, april) = (plan.months[2].host, plan.months[3].host);
    harness.get_all_by_label("对调…").nth(2).unwrap().click();
    harness.run();
    assert!(harness.get_by_label("确定").accesskit_node().is_disabled(), "no reason yet");
    common::type_into(&mut harness, "原因", "3 月东道主迎接审核");
    harness.get_by_label("确定").click();
    step_until(&mut harness, "the swap", |app| {
        visits(app).plan().is_some_and(|p| p.months[2].host == april && p.months[3].host == march)
            && !visits(app).is_busy()
    });
    let changes = Store::open(&db).unwrap().visit_changes(year).unwrap();
    assert_eq!(changes.len(), 3);
    assert_eq!((changes[1].month, changes[1].old_host, changes[1].new_host), (3, march, april));
    assert_eq!((changes[2].month, changes[2].old_host, changes[2].new_host), (4, april, march));

    // Moving May's place: saving waits for a reason, then the change is logged beside the hosts'.
    open_month(&mut harness, 5);
    harness.get_by_label("安排").click();
    harness.run();
    common::type_into(&mut harness, "地点", "东道主一号会议室");
    harness.get_by_label("保存安排").click();
    common::settle(&mut harness);
    common::type_into(&mut harness, "地点", "东道主二号会议室");
    harness.run();
    assert!(harness.get_by_label("保存安排").accesskit_node().is_disabled(), "a published change needs a reason");
    common::type_into(&mut harness, "变更理由", "一号会议室装修");
    harness.get_by_label("保存安排").click();
    step_until(&mut harness, "the change logged", |app| !visits(app).is_busy());
    let changes = Store::open(&db).unwrap().visit_changes(year).unwrap();
    assert_eq!(changes.len(), 4, "filling in the place was not a change; moving it was");
    assert_eq!((changes[3].month, changes[3].reason.as_str()), (5, "一号会议室装修"));
    assert_eq!(changes[3].arrangements, [qilian::store::Arrangement::Place]);
    harness.get_by_label_contains("已发布月份的变更记录（4）");
}

#[test]
fn a_draft_month_is_pinned_against_a_re_plan_and_unpinned() {
    let (_dir, db) = temp_db(40);
    let mut harness = on_year(&db, 2027, Vec::new());
    let plan = visits(harness.state()).plan().unwrap().clone();
    let may = plan.months[4].host;
    // Only months with a host have the button (February is the Spring Festival's).
    let nth = plan.months[..4].iter().filter(|m| m.host.is_some()).count();
    harness.get_all_by_label("固定").nth(nth).unwrap().click();
    step_until(&mut harness, "May pinned", |app| {
        visits(app).plan().is_some_and(|p| p.months[4].pinned) && !visits(app).is_busy()
    });
    let stored =
        |db: &std::path::Path| Store::open(db).unwrap().visit_months(2027).unwrap().into_iter().find(|m| m.month == 5);
    assert!(stored(&db).is_some_and(|m| m.pinned && m.host == may && !m.published));
    harness.get_by_label("取消固定").click();
    step_until(&mut harness, "May unpinned", |app| {
        visits(app).plan().is_some_and(|p| !p.months[4].pinned) && !visits(app).is_busy()
    });
    assert!(stored(&db).is_some_and(|m| !m.pinned));
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

/// The visits screen on `year`, its plan worked out.
fn on_year(db: &std::path::Path, year: i32, files: Vec<Picked>) -> Harness<'static, QilianApp> {
    let mut harness = harness_with(db, Window { section: Section::Visits, files, ..Window::default() });
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<VisitsScreen, _>(|screen, _| screen.show_year(year));
    step_until(&mut harness, "the plan", |app| {
        visits(app).plan().is_some_and(|p| p.year == year) && !visits(app).is_busy()
    });
    harness
}

fn open_month(harness: &mut Harness<'static, QilianApp>, month: u32) {
    harness.get_by_label(&format!("{month} 月")).click();
    common::settle(harness);
    assert_eq!(visits(harness.state()).selected(), Some(month));
}

#[test]
fn at_last_years_visit_to_dongsheng_weijun_was_invited_came_answered_and_was_introduced() {
    let (_dir, db) = temp_db(347);
    let mut harness = on_year(&db, 2025, Vec::new());
    harness.get_by_label_contains("东盛公司开放参观");
    open_month(&mut harness, 3);
    harness.get_by_label_contains("3 月 · 东盛公司");
    let store = Store::open(&db).unwrap();
    let guests = store.visit_guests(2025, 3).unwrap();
    let (invited, attended) =
        (guests.iter().filter(|g| g.invited).count(), guests.iter().filter(|g| g.attended).count());
    harness.get_by_label(&format!("已邀请 {invited} 家 · 已出席 {attended} 家"));
    let weijun = harness.get_by_label("1. 威骏模具").rect();
    let why = harness.get_all_by_label_contains("需要东道主的导柱导套").next().unwrap().rect();
    assert!(why.top() > weijun.bottom() - 1.0 && why.top() < weijun.bottom() + 30.0, "威骏's reason under its name");

    harness.get_by_label("反馈表").click();
    harness.run();
    harness.get_all_by_label_contains("本次平均").next().unwrap();
    harness.get_by_label_contains("跟进事项（").click();
    harness.run();
    harness.get_by_label_contains("威骏模具向东盛公司索取导柱导套报价和样品");
    harness.get_all_by_label("已转为供需对接引荐").next().unwrap();
}

#[test]
fn after_a_visit_invitations_attendance_forms_and_introductions_are_recorded_in_bulk() {
    // December's visit has not been held on the day the demo was written.
    let (_dir, db) = temp_db(347);
    let mut harness = on_year(&db, 2026, Vec::new());
    open_month(&mut harness, 12);
    harness.get_by_label("已邀请 0 家 · 已出席 0 家");
    // Invitations go out to the whole list; after the visit everyone invited is ticked as there,
    // but one who did not come.
    harness.get_by_label("邀请全部建议企业").click();
    harness.run();
    harness.get_by_label("已邀请 30 家 · 已出席 0 家");
    // One replies that it cannot come.
    harness.get_all_by_role_and_label(Role::ComboBox, "回复：").next().unwrap().click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "谢绝").click();
    common::settle(&mut harness);
    harness.get_by_label("回复：接受 0 · 谢绝 1 · 未回复 29");
    let replies = Store::open(&db).unwrap().visit_guests(2026, 12).unwrap();
    assert_eq!(replies.iter().filter(|g| g.reply == qilian::store::Reply::Declined).count(), 1);
    harness.get_by_label("受邀者全部出席").click();
    harness.run();
    harness.get_by_label("已邀请 30 家 · 已出席 30 家");
    harness.get_all_by_label("出席").nth(1).unwrap().click();
    harness.run();
    harness.get_by_label("已邀请 30 家 · 已出席 29 家");
    let guests = Store::open(&db).unwrap().visit_guests(2026, 12).unwrap();
    assert_eq!((guests.iter().filter(|g| g.invited).count(), guests.iter().filter(|g| g.attended).count()), (30, 29));

    // Feedback forms: the attended companies each score the template's questions.
    harness.get_by_label("反馈表").click();
    harness.run();
    harness.get_by_label("本次尚无评分");
    harness.get_all_by_role_and_label(Role::SpinButton, "活动组织").next().unwrap().click();
    harness.run();
    harness.get_all_by_role_and_label(Role::SpinButton, "活动组织").next().unwrap().type_text("4");
    harness.run();
    harness.key_press(egui::Key::Enter);
    common::settle(&mut harness);
    harness.get_by_label("本次平均 4.0 分（1 项评分）");
    let answers = Store::open(&db).unwrap().visit_feedback(2026, Some(12)).unwrap();
    assert_eq!(answers.iter().filter_map(|a| a.score).collect::<Vec<_>>(), [4]);
    // A comment is saved as it is typed, and the field keeps the keyboard between keystrokes.
    harness.get_all_by_role_and_label(Role::TextInput, "意见建议").next().unwrap().click();
    harness.run();
    for part in ["希望", "多看", "车间"] {
        harness.get_all_by_role_and_label(Role::TextInput, "意见建议").next().unwrap().type_text(part);
        common::settle(&mut harness);
    }
    let answers = Store::open(&db).unwrap().visit_feedback(2026, Some(12)).unwrap();
    assert!(answers.iter().any(|a| a.comment == "希望多看车间"), "{answers:?}");
    harness.get_by_label("邀请与出席").click();
    harness.run();

    // At the visit a member met its supplier: the matched pairs become introductions in one click.
    harness.get_all_by_label_contains("记为本次引荐").next().unwrap().click();
    common::settle(&mut harness);
    let introduced: Vec<_> = Store::open(&db)
        .unwrap()
        .pipelines()
        .unwrap()
        .into_iter()
        .filter(|p| p.note.contains("2026 年 12 月互访"))
        .collect();
    assert!(!introduced.is_empty());
    assert!(introduced.iter().all(|p| p.stage == qilian::domain::opportunity::Stage::Introduced));
    harness.get_all_by_label_contains("已在跟进").next().unwrap();
    assert!(
        common::notice(&harness).is_some_and(|n| n.contains("已记为本次互访的引荐")),
        "{:?}",
        common::notice(&harness)
    );
}

/// A sign-in sheet as a secretary makes one: a title row, then who signed, some by short name.
fn sign_in_sheet(path: &std::path::Path, names: &[&str]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write(0, 0, "2026年12月互访交流签到表").unwrap();
    for (c, header) in ["序号", "单位名称", "姓名", "职务", "签到"].iter().enumerate() {
        sheet.write(1, c as u16, *header).unwrap();
    }
    for (r, name) in names.iter().enumerate() {
        let row = r as u32 + 2;
        sheet.write(row, 0, r as f64 + 1.0).unwrap();
        sheet.write(row, 1, *name).unwrap();
        sheet.write(row, 2, "张三").unwrap();
        sheet.write(row, 4, "✓").unwrap();
    }
    workbook.save(path).unwrap();
}

#[test]
fn a_sign_in_sheet_is_previewed_recorded_and_importing_it_twice_changes_nothing() {
    let (dir, db) = temp_db(347);
    let file = dir.path().join("签到表.xlsx");
    sign_in_sheet(&file, &["威骏模具", "宁波东盛模具标准件有限公司", "某某贸易行", "威骏模具"]);
    let files = vec![Picked::File(file.clone()), Picked::File(file.clone())];
    let mut harness = on_year(&db, 2026, files);
    open_month(&mut harness, 12);
    harness.get_by_label("导入签到表…").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("表中出席 2 家成员企业");
    harness.get_by_label("成员中找不到的名称（1）：某某贸易行");
    harness.get_by_label_contains("同一企业，已计入第 3 行");
    assert!(Store::open(&db).unwrap().visit_guests(2026, 12).unwrap().is_empty(), "nothing written before confirming");
    harness.get_by_label("确定导入").click();
    common::settle(&mut harness);
    harness.get_by_label("已邀请 0 家 · 已出席 2 家");
    let attended = Store::open(&db).unwrap().visit_guests(2026, 12).unwrap();
    assert_eq!(attended.iter().filter(|g| g.attended).count(), 2);

    // The same sheet again: nothing to record.
    harness.get_by_label("导入签到表…").click();
    common::settle(&mut harness);
    harness.get_by_label("没有需要更改的内容（可能已经导入过）。");
    assert!(harness.get_by_label("确定导入").accesskit_node().is_disabled());
    harness.get_by_label("取消").click();
    common::settle(&mut harness);
    assert_eq!(Store::open(&db).unwrap().visit_guests(2026, 12).unwrap(), attended);
}

#[test]
fn a_follow_up_between_two_members_becomes_their_introduction_in_one_click() {
    let (_dir, db) = temp_db(347);
    let mut harness = on_year(&db, 2026, Vec::new());
    open_month(&mut harness, 12);
    harness.get_by_label("跟进事项（0）").click();
    harness.run();
    harness.get_by_label("本次互访还没有跟进事项。");
    // Two members the matching engine pairs, whose pairs are still only suggestions.
    let (a, b) = {
        let app = harness.state();
        let plan = visits(app).plan().unwrap();
        let catalog = &workspace(app).catalog;
        let short = |id: i64| catalog.entry(id).unwrap().company.short_name.clone();
        let unique = |name: &str| catalog.entries().iter().filter(|e| e.company.short_name == name).count() == 1;
        let mut keys: Vec<_> = plan.pairs_between.iter().collect();
        keys.sort_by_key(|(key, _)| **key);
        let (&(a, b), _) = keys
            .into_iter()
            .find(|((a, b), pairs)| {
                pairs.iter().any(|p| !plan.stages.contains_key(&(p.need_id, p.product_id)))
                    && unique(&short(*a))
                    && unique(&short(*b))
            })
            .unwrap();
        (short(a), short(b))
    };
    common::type_into(&mut harness, "新增事项", "到对方车间看生产线");
    common::type_into(&mut harness, "负责人", "采购部");
    for (combo, company) in [("企业", &a), ("对方", &b)] {
        harness.get_by_role_and_label(Role::ComboBox, combo).click();
        harness.run();
        harness.get_by_role_and_label(Role::TextInput, "搜索").type_text(company);
        harness.run();
        harness.get_by_role_and_label(Role::Button, company).click();
        harness.run();
    }
    harness.get_by_label("添加").click();
    common::settle(&mut harness);
    let follow_ups = Store::open(&db).unwrap().follow_ups(2026, Some(12)).unwrap();
    assert_eq!(follow_ups.len(), 1);
    assert_eq!(follow_ups[0].due, chrono::NaiveDate::from_ymd_opt(2026, 12, 31), "two weeks after the visit");
    harness.get_by_label_contains("转为供需对接引荐（").click();
    common::settle(&mut harness);
    harness.get_by_label("已转为供需对接引荐");
    let store = Store::open(&db).unwrap();
    assert!(store.follow_ups(2026, Some(12)).unwrap()[0].introduced);
    assert!(store.pipelines().unwrap().iter().any(|p| p.note.contains("到对方车间看生产线")));
    // Deleting it can be undone.
    harness.get_by_label("删除").click();
    common::settle(&mut harness);
    assert!(Store::open(&db).unwrap().follow_ups(2026, Some(12)).unwrap().is_empty());
    harness.get_by_label("撤销").click();
    common::settle(&mut harness);
    assert_eq!(Store::open(&db).unwrap().follow_ups(2026, Some(12)).unwrap().len(), 1);
}

#[test]
fn the_matrix_shows_who_never_meets_and_fits_a_projector() {
    let (_dir, db) = temp_db(120);
    let mut harness = harness_with(&db, Window { section: Section::Visits, size: PROJECTOR, ..Window::default() });
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<VisitsScreen, _>(|screen, _| screen.show_year(2027));
    step_until(&mut harness, "the plan", |app| visits(app).plan().is_some() && !visits(app).is_busy());
    harness.get_by_label("互访矩阵").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("对成员从未在互访中见面");
    // The rows on show mark where each member was (those who met the fewest come first, so the
    // hosts' ★ may be further down).
    assert!(harness.query_all_by_label("●").count() + harness.query_all_by_label("★").count() > 0);
    harness.snapshot("visits-matrix-1024");
    // Pointing at a member's row names the members it has not met yet.
    // The first row: the member who has met the fewest.
    let column = harness.get_by_label("企业").rect();
    let first = harness
        .get_all_by_role(Role::Label)
        .filter(|n| (n.rect().left() - column.left()).abs() < 12.0 && n.rect().top() > column.bottom())
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap();
    let name = first.accesskit_node().value().unwrap_or_default();
    first.hover();
    // A tooltip waits for the pointer to rest.
    for _ in 0..60 {
        harness.step();
    }
    harness.get_by_label_contains(&format!("{name} 尚未在互访中见过"));
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

#[test]
fn a_visit_fits_a_projector() {
    let (_dir, db) = temp_db(347);
    let mut harness = harness_with(&db, Window { section: Section::Visits, size: PROJECTOR, ..Window::default() });
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<VisitsScreen, _>(|screen, _| screen.show_year(2025));
    step_until(&mut harness, "the plan", |app| {
        visits(app).plan().is_some_and(|p| p.year == 2025) && !visits(app).is_busy()
    });
    open_month(&mut harness, 3);
    let window = harness.ctx.content_rect();
    for label in ["导入签到表…", "导出邀请与出席名单…", "1. 威骏模具"] {
        assert!(window.contains(harness.get_by_label(label).rect().center()), "{label}");
    }
    harness.snapshot_options("visit-1024", &egui_kittest::SnapshotOptions::new().output_path("docs/screenshots"));
    harness.get_by_label_contains("跟进事项（").click();
    common::settle(&mut harness);
    harness.snapshot("visit-follow-ups-1024");
    harness.get_by_label("安排").click();
    common::settle(&mut harness);
    harness.snapshot("visit-arrangements-1024");
    assert!(window.contains(harness.get_by_label("保存安排").rect().center()));
    harness.get_by_label_contains("跟进事项（").click();
    common::settle(&mut harness);
    assert!(window.contains(harness.get_by_label("添加").rect().center()), "the new follow-up's button");
    harness.snapshot("visit-follow-ups-1024");
}

#[test]
fn a_draft_months_arrangements_are_saved_and_pin_it_against_a_re_plan() {
    let (_dir, db) = temp_db(60);
    let mut harness = on_year(&db, 2027, Vec::new());
    open_month(&mut harness, 4);
    let host = visits(harness.state()).plan().unwrap().months[3].host;
    harness.get_by_label("安排").click();
    harness.run();
    common::type_into(&mut harness, "主题", "数字化车间开放日");
    common::type_into(&mut harness, "时间", "9:30");
    harness.get_by_label("保存安排").click();
    common::settle(&mut harness);
    let store = Store::open(&db).unwrap();
    let details = store.visit_details(2027, 4).unwrap();
    assert_eq!((details.theme.as_str(), details.time.as_str()), ("数字化车间开放日", "9:30"));
    let april = store.visit_months(2027).unwrap().into_iter().find(|m| m.month == 4).unwrap();
    assert!(april.pinned && !april.published && april.host == host, "pinned as planned");
    // A new member who never hosted would come first; April stays as arranged.
    drop(store);
    Store::open(&db)
        .unwrap()
        .insert_company(&qilian::domain::Company { name: "新成员甲".into(), ..Default::default() })
        .unwrap();
    let again = qilian::visits::service::plan(&Store::open(&db).unwrap(), 2027, false).unwrap();
    assert_eq!(again.months[3].host, host);
}

#[test]
fn feedback_forms_are_imported_with_their_reasons_twice_without_change_and_the_lists_export() {
    let (dir, db) = temp_db(347);
    let questions = Store::open(&db).unwrap().feedback_questions().unwrap();
    // The forms as the secretary gathers them: the questions as headers, one bad score, one
    // name that is no member's.
    let file = dir.path().join("反馈表.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write(0, 0, "单位名称").unwrap();
    for (c, q) in questions.iter().enumerate() {
        sheet.write(0, c as u16 + 1, q.as_str()).unwrap();
    }
    sheet.write(0, questions.len() as u16 + 1, "意见建议").unwrap();
    let rows: [(&str, &str); 3] = [("威骏模具", "5"), ("宁波东盛模具标准件有限公司", "优"), ("某某贸易行", "4")];
    for (r, (company, score)) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write(row, 0, *company).unwrap();
        for c in 0..questions.len() {
            sheet.write(row, c as u16 + 1, *score).unwrap();
        }
    }
    sheet.write(1, questions.len() as u16 + 1, "希望多看车间").unwrap();
    workbook.save(&file).unwrap();
    let (results, guests) = (dir.path().join("results.xlsx"), dir.path().join("guests.xlsx"));
    let files = [&file, &file, &results, &guests].map(|f| Picked::File(f.clone())).to_vec();

    let mut harness = on_year(&db, 2026, files);
    open_month(&mut harness, 12);
    harness.get_by_label("反馈表").click();
    harness.run();
    harness.get_by_label("导入反馈表…").click();
    common::settle(&mut harness);
    harness.get_by_label_contains("1 家成员企业交了反馈表");
    harness.get_by_label("成员中找不到的名称（1）：某某贸易行");
    harness.get_by_label_contains("1 行有问题");
    assert!(Store::open(&db).unwrap().visit_feedback(2026, Some(12)).unwrap().is_empty(), "nothing before 确定导入");
    harness.get_by_label("确定导入").click();
    common::settle(&mut harness);
    let answers = Store::open(&db).unwrap().visit_feedback(2026, Some(12)).unwrap();
    assert_eq!(answers.iter().filter(|a| a.score == Some(5)).count(), questions.len(), "威骏's scores");
    assert!(answers.iter().any(|a| a.comment == "希望多看车间"));
    harness.get_by_label(&format!("本次平均 5.0 分（{} 项评分）", questions.len()));

    // The same forms again record nothing.
    harness.get_by_label("导入反馈表…").click();
    common::settle(&mut harness);
    harness.get_by_label("没有需要更改的内容（可能已经导入过）。");
    harness.get_by_label("取消").click();
    common::settle(&mut harness);
    assert_eq!(Store::open(&db).unwrap().visit_feedback(2026, Some(12)).unwrap(), answers);

    // The results, then the invitation and attendance list, written from the screen.
    harness.get_by_label("导出反馈结果…").click();
    step_until(&mut harness, "the results", |_| results.exists());
    common::settle(&mut harness);
    let averages = qilian::excel::read::read_sheet(&results, Some("平均分")).unwrap();
    assert_eq!(averages.rows[1].cells[0].text(), questions[0]);
    assert_eq!(averages.rows[1].cells[1].text(), "5");
    harness.get_by_label("邀请与出席").click();
    harness.run();
    harness.get_by_label("导出邀请与出席名单…").click();
    step_until(&mut harness, "the list", |_| guests.exists());
    common::settle(&mut harness);
    let list = qilian::excel::read::read_sheet(&guests, None).unwrap();
    let weijun = list.rows.iter().find(|r| r.cells.iter().any(|c| c.text() == "宁波威骏模具有限公司"));
    assert!(weijun.is_some_and(|r| r.cells.iter().any(|c| c.text() == "是")), "威骏 handed in a form: there");
}

#[test]
fn the_feedback_questions_are_edited_for_every_visit() {
    let (_dir, db) = temp_db(120);
    let before = Store::open(&db).unwrap().feedback_questions().unwrap();
    let mut harness = on_year(&db, 2026, Vec::new());
    harness.get_by_label_contains("本年反馈：").click();
    harness.run();
    let field = || Role::MultilineTextInput;
    harness.get_by_role_and_label(field(), "反馈表题目（每行一题，所有互访共用）").click();
    harness.run();
    harness.get_by_role_and_label(field(), "反馈表题目（每行一题，所有互访共用）").type_text("\n对接成效");
    harness.run();
    // The questions are saved when the field is left.
    harness.key_press(egui::Key::Tab);
    common::settle(&mut harness);
    let questions = Store::open(&db).unwrap().feedback_questions().unwrap();
    assert_eq!(questions.len(), before.len() + 1);
    assert!(questions.iter().any(|q| q == "对接成效"), "{questions:?}");
    // October's visit was held: each company that came has the new question on its form.
    open_month(&mut harness, 10);
    harness.get_by_label("反馈表").click();
    harness.run();
    harness.get_all_by_role_and_label(Role::SpinButton, "对接成效").next().unwrap();
}
