//! 技术比武 on screen: a judge's sheet typed with the keyboard (a score out of range refused, the
//! judge's own company's entries 回避), signed and locked, returned with a reason and corrected
//! under the log; the results with the tie-break chain stated; the leaderboard revealed from the
//! last place up.

mod common;

use common::{PROJECTOR, Window, harness_with, settle, temp_db, text_sizes_over_backdrop, workspace};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use qilian::contests::service::{Assignment, EventBoard};
use qilian::store::Store;
use qilian::ui::QilianApp;
use qilian::ui::Section;
use qilian::ui::contests::ContestsScreen;

fn screen(app: &QilianApp) -> &ContestsScreen {
    workspace(app).screen::<ContestsScreen>().unwrap()
}

fn board(app: &QilianApp) -> &EventBoard {
    screen(app).board().expect("an event on show")
}

fn open(db: &std::path::Path, year: i32, quarter: u32, event: &str, window: Window) -> Harness<'static, QilianApp> {
    let mut harness = harness_with(db, Window { section: Section::Contests, ..window });
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<ContestsScreen, _>(|screen, _| screen.show_quarter(year, quarter));
    settle(&mut harness);
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<ContestsScreen, _>(|screen, _| screen.show_event(event));
    settle(&mut harness);
    assert_eq!(board(harness.state()).event.name, event);
    harness
}

/// The events of the demo's contest of that quarter.
fn events_of(db: &std::path::Path, year: i32, quarter: u32) -> Vec<qilian::domain::contest::Event> {
    let store = Store::open(db).unwrap();
    let contest = store.contests().unwrap().into_iter().find(|c| c.year == year && c.quarter == quarter).unwrap();
    store.contest_events(contest.id).unwrap()
}

#[test]
fn a_judges_sheet_is_typed_checked_signed_returned_and_corrected_under_the_log() {
    let (_dir, db) = temp_db(347);
    // This quarter's second event is half scored: some sheets open.
    let events = events_of(&db, 2026, 4);
    let mut harness = open(&db, 2026, 4, &events[1].name, Window { size: PROJECTOR, ..Window::default() });
    let b = board(harness.state()).clone();
    let judge = b.judges.iter().find(|j| b.panel.contains(&j.id) && !b.sheet(j.id).state.locked()).unwrap().clone();
    harness.get_all_by_label(&judge.name).next().unwrap().click();
    settle(&mut harness);
    harness.get_by_label_contains(&format!("{} 的评分表：填写中", judge.name));
    assert!(harness.get_by_label("签字确认").accesskit_node().is_disabled(), "scores are missing");
    // The first entry this judge scores and has not scored yet.
    let entry = b
        .entries
        .iter()
        .find(|e| b.assignment(&judge, e) == Assignment::Scores && b.score(e.id, judge.id, 1).is_none())
        .unwrap()
        .clone();
    let cell = format!("{} 实操", entry.contestant);
    harness.get_by_role_and_label(Role::TextInput, &cell).click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, &cell).type_text("120");
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    harness.get_by_label_contains("分数须在 0 到 100 之间");
    assert_eq!(board(harness.state()).score(entry.id, judge.id, 1), None, "refused");
    harness.get_by_role_and_label(Role::TextInput, &cell).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, &cell).type_text("86.5");
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    assert_eq!(board(harness.state()).score(entry.id, judge.id, 1), Some(86.5));
    // Enter went down the column, to the next entry this judge scores.
    let position = b.entries.iter().position(|e| e.id == entry.id).unwrap();
    let next = b.entries[position + 1..].iter().find(|e| b.assignment(&judge, e) == Assignment::Scores).unwrap();
    let below = format!("{} 实操", next.contestant);
    assert!(harness.get_by_role_and_label(Role::TextInput, &below).accesskit_node().is_focused(), "{below}");
    // Its own company's entries show 回避 and take no score.
    if b.entries.iter().any(|e| judge.recused_for(e)) {
        harness.get_all_by_label("回避").next().unwrap();
    }
    harness.snapshot_options(
        "contest-scoring-1024",
        &egui_kittest::SnapshotOptions::new().output_path("docs/screenshots"),
    );

    // A signed sheet: locked until returned with a reason; then each change is logged.
    let signed = b.judges.iter().find(|j| b.sheet(j.id).state.locked()).unwrap().clone();
    harness.get_by_label(&format!("{}（已签）", signed.name)).click();
    settle(&mut harness);
    harness.get_by_label_contains("已签字确认");
    let scored = b.entries.iter().find(|e| b.score(e.id, signed.id, 0).is_some()).unwrap().clone();
    assert!(
        harness.query_by_role_and_label(Role::TextInput, &format!("{} 理论", scored.contestant)).is_none(),
        "read only"
    );
    common::type_into(&mut harness, "退回原因", "理论分看错行");
    harness.get_by_label("退回更正（秘书处）").click();
    settle(&mut harness);
    harness.get_by_label_contains("已退回更正：理论分看错行");
    let cell = format!("{} 理论", scored.contestant);
    harness.get_by_role_and_label(Role::TextInput, &cell).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, &cell).type_text("77");
    harness.key_press(egui::Key::Tab);
    settle(&mut harness);
    let log = Store::open(&db).unwrap().corrections(b.event.id).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].new, log[0].reason.as_str(), log[0].by.as_str()),
        (Some(77.0), "理论分看错行", signed.name.as_str())
    );
    // The log holds the return and the correction it allowed.
    harness.get_by_label_contains("更正记录（2）").click();
    harness.run();
    harness.get_by_label_contains(&format!("秘书处退回{}的评分表 · 理论分看错行", signed.name));
}

#[test]
fn results_state_the_chain_and_the_leaderboard_reveals_from_the_last_place_up() {
    let (_dir, db) = temp_db(347);
    // Last year's first contest: its first event has a tie the chain settles.
    let event = events_of(&db, 2025, 1).remove(0);
    let mut harness = open(&db, 2025, 1, &event.name, Window { size: PROJECTOR, ..Window::default() });
    harness.get_by_label("成绩与奖项").click();
    settle(&mut harness);
    harness.get_by_label("同分排序：总分 → 实操得分 → 理论得分 → 用时短者 → 仍相同则并列");
    harness.get_all_by_label_contains("与上一名总分相同，按实操得分排后").next().unwrap();
    harness.get_all_by_label("一等奖").next().unwrap();
    harness.snapshot("contest-results-1024");

    harness.get_by_label("大屏排行榜").click();
    settle(&mut harness);
    assert!(screen(harness.state()).presenting());
    let ranked = board(harness.state()).ranked.clone();
    let n = ranked.len();
    let names: Vec<String> =
        ranked.iter().map(|r| board(harness.state()).entry(r.entry).unwrap().contestant.clone()).collect();
    let contestant = |i: usize| names[i].clone();
    // Nothing revealed: every row on show hides its name, company, total and award; the chain is
    // said before anyone is named.
    let hidden = harness.get_all_by_label("？？？").count();
    assert!(hidden >= 4 * 3 && hidden % 4 == 0, "{hidden} hidden cells");
    assert!(harness.query_by_label(&contestant(n - 1)).is_none(), "the last place is not named yet");
    harness.get_by_label("同分依次比较：总分 → 实操得分 → 理论得分 → 用时短者 → 仍相同则并列");
    for _ in 0..3 {
        harness.key_press(egui::Key::Space);
        harness.run();
    }
    harness.get_by_label_contains(&format!("已揭晓 3/{n}"));
    for i in n - 3..n {
        harness.get_by_label(&contestant(i));
    }
    assert!(harness.query_by_label(&contestant(n - 4)).is_none(), "the fourth from last is still hidden");
    harness.snapshot_options(
        "contest-leaderboard-1024",
        &egui_kittest::SnapshotOptions::new().output_path("docs/screenshots"),
    );
    // Esc by mistake: coming back goes on from where the room was.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!screen(harness.state()).presenting());
    harness.get_by_label("大屏排行榜").click();
    settle(&mut harness);
    harness.get_by_label_contains(&format!("已揭晓 3/{n}"));
    // Award by award: each press reveals the next award's rows (the unplaced count as one) whole.
    harness.key_press(egui::Key::A);
    harness.run();
    let mut revealed = 3;
    for _ in 0..2 {
        let tier = ranked[n - 1 - revealed].award;
        while revealed < n && ranked[n - 1 - revealed].award == tier {
            revealed += 1;
        }
        harness.key_press(egui::Key::Space);
        harness.run();
        harness.get_by_label_contains(&format!("已揭晓 {revealed}/{n} · 按奖项"));
        assert!(revealed == n || ranked[n - 1 - revealed].award != tier, "a whole tier at once");
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!screen(harness.state()).presenting());
}

#[test]
fn assigning_a_judge_to_their_own_companys_entry_is_refused() {
    let (_dir, db) = temp_db(347);
    let event = events_of(&db, 2025, 2).remove(0);
    let mut harness = open(&db, 2025, 2, &event.name, Window::default());
    harness.get_by_label("评委与回避").click();
    settle(&mut harness);
    harness.get_all_by_label("回避").next().unwrap().click();
    settle(&mut harness);
    assert!(common::notice(&harness).is_some_and(|n| n.contains("回避")), "{:?}", common::notice(&harness));
}

#[test]
fn the_calendar_opens_a_contest_and_its_details_are_edited() {
    let (_dir, db) = temp_db(120);
    let mut harness = harness_with(&db, Window { section: Section::Calendar, ..Window::default() });
    let date =
        Store::open(&db).unwrap().contests().unwrap().into_iter().find(|c| c.year == 2025 && c.quarter == 3).unwrap();
    let day = date.date.unwrap();
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    use chrono::Datelike;
    workspace
        .with_screen::<qilian::ui::calendar::CalendarScreen, _>(|screen, _| screen.show_month(day.year(), day.month()));
    settle(&mut harness);
    harness.get_by_label(&format!("技术比武 · {}", date.title)).click();
    settle(&mut harness);
    assert_eq!(harness.state().settings.section, Section::Contests);
    assert_eq!(screen(harness.state()).contest().map(|c| (c.year, c.quarter)), Some((2025, 3)));
    harness.get_by_label("比武信息…").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "地点").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "地点").type_text("大港实训基地二号车间");
    harness.get_by_label("保存").click();
    settle(&mut harness);
    let saved = Store::open(&db).unwrap().contests().unwrap().into_iter().find(|c| c.id == date.id).unwrap();
    assert_eq!(saved.place, "大港实训基地二号车间");
}

#[test]
fn an_entry_form_is_previewed_and_read_whole_and_reading_it_again_adds_nobody() {
    let (dir, db) = temp_db(120);
    let file = dir.path().join("报名表.xlsx");
    let companies = Store::open(&db).unwrap().company_list().unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["单位名称", "选手姓名", "工号", "用时（秒）"].iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    for (r, (company, name)) in
        [(&companies[0].company.name, "陆一鸣"), (&companies[1].company.name, "沈二")].iter().enumerate()
    {
        sheet.write(r as u32 + 1, 0, company.as_str()).unwrap();
        sheet.write(r as u32 + 1, 1, *name).unwrap();
        sheet.write(r as u32 + 1, 2, format!("GH{r}")).unwrap();
        sheet.write(r as u32 + 1, 3, 1500.0).unwrap();
    }
    workbook.save(&file).unwrap();
    let event = events_of(&db, 2026, 4).remove(2);
    let files = vec![qilian::ui::file_dialog::Picked::File(file.clone()), qilian::ui::file_dialog::Picked::File(file)];
    let mut harness = open(&db, 2026, 4, &event.name, Window { files, ..Window::default() });
    harness.get_by_label("选手与抽签").click();
    settle(&mut harness);
    let before = Store::open(&db).unwrap().contest_entries(event.id).unwrap().len();
    harness.get_by_label("从 Excel 导入报名表…").click();
    settle(&mut harness);
    harness.get_by_label_contains("新选手 2 名");
    harness.get_by_label("确定导入").click();
    settle(&mut harness);
    let after = Store::open(&db).unwrap().contest_entries(event.id).unwrap();
    assert_eq!(after.len(), before + 2);
    assert!(after.iter().any(|e| e.contestant == "陆一鸣" && e.time_seconds == Some(1500.0) && e.trade == event.name));
    harness.get_by_label("从 Excel 导入报名表…").click();
    settle(&mut harness);
    harness.get_by_label_contains("新选手 0 名 · 已报名 2 名");
    assert!(harness.get_by_label("确定导入").accesskit_node().is_disabled());
}

#[test]
fn no_text_on_the_leaderboard_is_smaller_than_a_25th_of_the_screen() {
    let (_dir, db) = temp_db(347);
    let event = events_of(&db, 2025, 1).remove(0);
    for size in [PROJECTOR, [1920.0, 1080.0]] {
        let mut harness = open(&db, 2025, 1, &event.name, Window { size, ..Window::default() });
        harness.get_by_label("大屏排行榜").click();
        settle(&mut harness);
        harness.key_press(egui::Key::Space);
        harness.run();
        let smallest = text_sizes_over_backdrop(&harness).into_iter().fold(f32::INFINITY, f32::min);
        // A hundredth of a point for the rounding of 0.8 × h/20 against h/25.
        assert!(smallest + 0.01 >= size[1] / 25.0, "{smallest} points at {size:?}");
    }
}

#[test]
fn an_entry_is_typed_with_its_trade_and_the_draw_is_checked_against_its_seed() {
    let (_dir, db) = temp_db(347);
    let events = events_of(&db, 2026, 4);
    let event = events.last().unwrap().clone();
    let mut harness = open(&db, 2026, 4, &event.name, Window::default());
    harness.get_by_label("选手与抽签").click();
    settle(&mut harness);
    let before = board(harness.state()).entries.len();
    harness.get_by_role_and_label(Role::ComboBox, "单位").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("东盛");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "东盛公司").click();
    harness.run();
    common::type_into(&mut harness, "选手", "王建设");
    common::type_into(&mut harness, "工号", "DS0107");
    common::type_into(&mut harness, "工种", "模具钳工");
    harness.get_by_label("添加选手").click();
    settle(&mut harness);
    let entries = Store::open(&db).unwrap().contest_entries(event.id).unwrap();
    assert_eq!(entries.len(), before + 1);
    let added = entries.iter().find(|e| e.contestant == "王建设").unwrap();
    assert_eq!((added.employee_no.as_str(), added.trade.as_str()), ("DS0107", "模具钳工"));
    // A new entry since the draw: the seed no longer gives this list's order, and the screen says so.
    if board(harness.state()).seed.is_some() {
        harness.get_by_label_contains("选手已有变动，请重新抽签");
    }
    harness.get_by_label("抽签排定出场顺序").click();
    settle(&mut harness);
    harness.get_by_label_contains("按此种子重抽，顺序一致");
    let drawn = Store::open(&db).unwrap().contest_entries(event.id).unwrap();
    assert!(drawn.iter().all(|e| e.order.is_some()), "everyone has a place in the running order");
}
