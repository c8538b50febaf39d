//! 日历: the visits, the exhibition and the other events on a month page with China's official
//! days off and weekends worked; a click opens the visit; events are entered, edited and deleted
//! here; a year the official calendar does not cover says so.

mod common;

use common::{PROJECTOR, Window, harness_with, settle, temp_db, workspace};
use egui_kittest::SnapshotOptions;
use egui_kittest::kittest::Queryable;
use qilian::ui::Section;
use qilian::ui::calendar::CalendarScreen;
use qilian::ui::visits::VisitsScreen;

fn show(harness: &mut egui_kittest::Harness<'static, qilian::ui::QilianApp>, year: i32, month: u32) {
    let workspace = harness.state_mut().workspace.as_mut().unwrap();
    workspace.with_screen::<CalendarScreen, _>(|screen, _| screen.show_month(year, month));
    settle(harness);
}

#[test]
fn october_shows_its_visit_exhibition_and_national_day_holiday_and_opens_the_visit() {
    let (_dir, db) = temp_db(40);
    let mut harness = harness_with(&db, Window { section: Section::Calendar, size: PROJECTOR, ..Window::default() });
    show(&mut harness, 2025, 10);
    harness.get_by_label("2025 年 10 月");
    assert!(harness.get_all_by_label("休").count() >= 3, "National Day week");
    assert!(harness.get_all_by_label("班").count() >= 1, "a Saturday worked in exchange");
    assert!(harness.query_by_label_contains("尚未收录").is_none(), "2025 is in the official calendar");
    assert_eq!(harness.get_all_by_label("2025 年度会员产品展销会").count(), 2, "the exhibition's two days");
    harness.snapshot_options("calendar-1024", &SnapshotOptions::new().output_path("docs/screenshots"));

    harness.get_by_label_contains("互访 · ").click();
    settle(&mut harness);
    assert_eq!(harness.state().settings.section, Section::Visits);
    let visits = workspace(harness.state()).screen::<VisitsScreen>().unwrap();
    assert_eq!((visits.year(), visits.selected()), (2025, Some(10)));
}

#[test]
fn a_year_the_official_calendar_does_not_cover_says_so_and_a_quarter_shows_three_months() {
    let (_dir, db) = temp_db(0);
    let mut harness = harness_with(&db, Window { section: Section::Calendar, ..Window::default() });
    show(&mut harness, 2027, 1);
    harness.get_by_label_contains("2027 年的法定节假日和调休安排尚未收录");
    assert!(harness.query_by_label("休").is_none(), "no holiday is guessed");
    harness.get_by_label("季").click();
    settle(&mut harness);
    harness.get_by_label("2027 年 1–3 月");
    for month in ["1 月", "2 月", "3 月"] {
        harness.get_by_label(month);
    }
}

#[test]
fn the_secretary_enters_a_new_years_holidays_and_the_plan_follows() {
    let (_dir, db) = temp_db(0);
    let mut harness = harness_with(&db, Window { section: Section::Calendar, ..Window::default() });
    show(&mut harness, 2027, 4);
    harness.get_by_label("录入节假日").click();
    harness.run();
    // 15 April 2027, the third Thursday, entered as a day off: the visit moves to the Friday.
    harness.get_by_label("15").click();
    settle(&mut harness);
    harness.get_by_label("休");
    let store = qilian::store::Store::open(&db).unwrap();
    let calendar = store.work_calendar().unwrap();
    assert_eq!(calendar.entered.get(&chrono::NaiveDate::from_ymd_opt(2027, 4, 15).unwrap()), Some(&false));
    assert_eq!(qilian::visits::service::visit_date(2027, 4, &calendar), chrono::NaiveDate::from_ymd_opt(2027, 4, 16));
    // A second click takes it back; a Saturday clicked becomes a worked day.
    harness.get_by_label("15").click();
    settle(&mut harness);
    assert!(harness.query_by_label("休").is_none());
    harness.get_by_label("17").click();
    settle(&mut harness);
    harness.get_by_label("班");
    harness.get_by_label("2027 年安排已全部录入").click();
    settle(&mut harness);
    assert!(harness.query_by_label_contains("尚未收录").is_none(), "the year is known now");
    assert!(qilian::store::Store::open(&db).unwrap().work_calendar().unwrap().year_known(2027));
}

#[test]
fn a_briefing_is_entered_on_a_day_edited_and_deleted_with_undo() {
    let (_dir, db) = temp_db(40);
    let mut harness = harness_with(&db, Window { section: Section::Calendar, ..Window::default() });
    show(&mut harness, 2026, 5);
    // The demo's own briefings and council meetings are on their days.
    show(&mut harness, 2026, 1);
    harness.get_by_label("理事会 · 2026 年度理事会");
    show(&mut harness, 2026, 5);
    harness.get_by_label("12").click();
    settle(&mut harness);
    harness.get_by_label("新建活动");
    common::type_into(&mut harness, "名称", "安全生产月宣讲");
    common::type_into(&mut harness, "地点", "社区礼堂");
    harness.get_by_label("保存").click();
    settle(&mut harness);
    let events = qilian::store::Store::open(&db).unwrap().events().unwrap();
    let saved = events.iter().find(|e| e.title == "安全生产月宣讲").unwrap();
    assert_eq!((saved.start, saved.end), (chrono::NaiveDate::from_ymd_opt(2026, 5, 12).unwrap(), saved.start));
    assert_eq!(saved.kind, qilian::domain::events::EventKind::Briefing);

    harness.get_by_label("宣讲会 · 安全生产月宣讲").click();
    settle(&mut harness);
    harness.get_by_label("编辑活动");
    harness.get_by_label("删除").click();
    settle(&mut harness);
    assert!(harness.query_by_label("宣讲会 · 安全生产月宣讲").is_none());
    harness.get_by_label("撤销").click();
    settle(&mut harness);
    harness.get_by_label("宣讲会 · 安全生产月宣讲");
}
