//! The demo's enterprise requests: about a hundred a year since two years before, each routed to
//! its department and taken through its steps as the history records them — most resolved and
//! confirmed at the follow-up call, some given back and re-routed, some paused waiting for the
//! company, a few reopened, the latest still open and a few overdue.

use crate::advisory::week::{OpenRequest, WeekInput, plan_week};
use crate::domain::CompanyId;
use crate::domain::advisory::{Channel, DEFAULT_TIME_LIMIT, DEPARTMENTS, Request, Status, Step};
use crate::domain::workdays::WorkCalendar;
use crate::store::{self, HistoryEntry, StoreError};
use chrono::{Datelike, Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Transaction;
use std::collections::HashMap;

const PROBLEMS: [(&str, &str); 19] = [
    ("财政补助资金", "去年技改补助尾款何时拨付"),
    ("厂房建设审批", "厂区加建仓库的施工许可办理"),
    ("外贸进出口", "新开拓的东南亚市场需要原产地证办理指导"),
    ("员工体检", "接触粉尘岗位员工的职业健康体检安排"),
    // No department owns it: the secretary routes it by hand, or has yet to.
    (UNOWNED, "园区北门路灯损坏，夜班员工下班出行不便"),
    ("消防验收", "新建厂房消防验收排期较长，影响设备进场"),
    ("用工招聘", "旺季急需普工 50 名，希望对接劳务协作地区"),
    ("社会保险", "外地员工社保转移接续手续不清楚"),
    ("出口退税", "出口退税到账慢，资金周转紧张"),
    ("安全生产", "申请安全生产标准化复评指导"),
    ("排污许可", "扩产后排污许可证需要变更"),
    ("用地审批", "二期厂房用地指标办理进度咨询"),
    ("货车通行", "园区道路货车限行时段影响发货"),
    ("人才引进", "引进的工程师子女入学问题"),
    ("技术改造", "技改项目补助申报材料要求"),
    ("产品质量", "产品抽检不合格项的整改指导"),
    ("外籍员工证件", "外籍技术人员工作许可续期"),
    ("职工权益", "职工食堂和宿舍改善的工会补助"),
    ("能耗指标", "新上生产线的能耗指标审核"),
];

/// A problem no department's categories cover.
const UNOWNED: &str = "其他";
/// Where the secretary sends it once she has looked into it, and how many working days that takes
/// (longer than the gap between two demo requests, so the latest one always waits).
const UNOWNED_TO: i64 = 17;
const LOOKING_INTO: u32 = 5;

const DECLINES: [&str; 3] =
    ["不属本部门职责，请转交相关部门", "需企业先完成前置审批", "诉求内容不清，请秘书处核实后再派"];

fn department_of(category: &str) -> Option<i64> {
    DEPARTMENTS.iter().position(|(_, _, categories)| categories.contains(&category)).map(|i| i as i64 + 1)
}

/// `days` working days after `from`.
fn after(from: NaiveDate, days: u32, calendar: &WorkCalendar) -> NaiveDate {
    calendar.working_days_after(from, days, |_| false).unwrap_or(from)
}

struct Writer<'a> {
    tx: &'a Transaction<'a>,
    request: Request,
}

impl Writer<'_> {
    /// The request received by the secretary.
    fn receive(&mut self, on: NaiveDate) -> Result<(), StoreError> {
        let entry = HistoryEntry {
            request: 0,
            at: format!("{on} 09:30"),
            who: "秘书处".into(),
            from: None,
            to: Status::Received,
            department: None,
            step: "raise".into(),
            note: String::new(),
        };
        self.request.id = store::save_request(self.tx, &self.request, &entry)?;
        Ok(())
    }

    /// Takes a step as the history records it; a step the rules refuse is not taken.
    fn step(&mut self, step: Step, on: NaiveDate, who: &str) -> Result<(), StoreError> {
        match crate::advisory::step_in(self.tx, &self.request, &step, who, &format!("{on} 09:30")) {
            Ok(after) => self.request = after,
            Err(crate::advisory::AdvisoryError::Store(e)) => return Err(e),
            Err(crate::advisory::AdvisoryError::Step(_)) => {}
        }
        Ok(())
    }
}

/// Writes the requests up to `today`, then two past service weeks planned from the requests open
/// at the time (`zones`: each company's zone, for the plan).
pub(super) fn write_requests(
    tx: &Transaction,
    companies: &[CompanyId],
    zones: &HashMap<CompanyId, String>,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let calendar = WorkCalendar::default();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    // Each department's liaison for the federation.
    for id in 1..=DEPARTMENTS.len() as i64 {
        let phone = format!("0574-8{:07}", rng.random_range(0..10_000_000u32));
        store::set_department_contacts(tx, id, &format!("联络员 {} {phone}", super::person(&mut rng)))?;
    }
    let first = NaiveDate::from_ymd_opt(today.year() - 2, 1, 6).unwrap_or(today);
    let mut numbers = std::collections::HashMap::<i32, u32>::new();
    // Requests raised during a service week came in through it; the rest by the other channels.
    let service_days: Vec<NaiveDate> =
        service_weeks(today).into_iter().flat_map(|monday| (0..5).map(move |d| monday + Days::new(d))).collect();
    let other_channels: Vec<Channel> = Channel::ALL.into_iter().filter(|c| *c != Channel::ServiceWeek).collect();
    let mut day = first;
    let mut left_waiting = false;
    while day < today {
        day = day + Days::new(rng.random_range(2..6));
        if day >= today || !calendar.workday(day) {
            continue;
        }
        let (category, description) = *PROBLEMS.choose(&mut rng).unwrap_or(&PROBLEMS[0]);
        // The latest days' requests include one no department owns, still with the secretary.
        let waiting = after(day, LOOKING_INTO, &calendar) >= today && !left_waiting;
        left_waiting |= waiting;
        let (category, description) = match PROBLEMS.iter().find(|(c, _)| *c == UNOWNED) {
            Some(&unowned) if waiting => unowned,
            _ => (category, description),
        };
        let Some(&company) = companies.choose(&mut rng) else { return Ok(()) };
        let n = numbers.entry(day.year()).or_insert(0);
        *n += 1;
        let request = Request {
            id: 0,
            number: format!("SQ{}-{:04}", day.year(), n),
            company,
            category: category.into(),
            description: description.into(),
            raised_on: day,
            raised_by: super::person(&mut rng),
            channel: if service_days.contains(&day) {
                Channel::ServiceWeek
            } else {
                *other_channels.choose(&mut rng).unwrap_or(&Channel::Visit)
            },
            department: None,
            status: Status::Received,
            time_limit: DEFAULT_TIME_LIMIT,
            pauses: Vec::new(),
            resolved_on: None,
            satisfaction: None,
            comment: String::new(),
        };
        let mut w = Writer { tx, request };
        w.receive(day)?;
        let (department, assigned) = match department_of(category) {
            Some(department) => (department, day),
            // The secretary looks into it for a few days, then sends it on; the latest wait.
            None => match after(day, LOOKING_INTO, &calendar) {
                routed if routed >= today => continue,
                routed => (UNOWNED_TO, routed),
            },
        };
        w.step(Step::Assign { department }, assigned, "秘书处")?;
        let mut on = after(assigned, rng.random_range(1..3), &calendar);
        // One in twelve is given back, and the secretary sends it on.
        if rng.random_bool(1.0 / 12.0) {
            let reason = DECLINES.choose(&mut rng).copied().unwrap_or(DECLINES[0]);
            w.step(Step::Decline { reason: reason.into() }, on, DEPARTMENTS[department as usize - 1].1)?;
            on = after(on, 1, &calendar);
            let other = if department == 17 { 1 } else { department + 1 };
            w.step(Step::Assign { department: other }, on, "秘书处")?;
            w.step(Step::Reroute { department, reason: "核实后仍属原部门，已协调".into() }, on, "秘书处")?;
        }
        if on >= today {
            continue;
        }
        let who = DEPARTMENTS[w.request.department.unwrap_or(1) as usize - 1].1;
        w.step(Step::Start, on, who)?;
        // A few stall: still in progress long after their day (overdue, some escalated).
        if rng.random_bool(0.03) {
            continue;
        }
        if rng.random_bool(0.15) {
            w.step(Step::Pause { on, reason: "等待企业补充材料".into() }, on, who)?;
            // Some companies have not answered yet.
            if rng.random_bool(0.1) {
                continue;
            }
            on = after(on, rng.random_range(3..10), &calendar);
            if on >= today {
                continue;
            }
            w.step(Step::Resume { on }, on, who)?;
        }
        // Most are done within the limit, some late; the most recent are still being worked on.
        let took = if rng.random_bool(0.85) { rng.random_range(2..14) } else { rng.random_range(16..30) };
        let resolved = after(on, took, &calendar);
        if resolved >= today {
            continue;
        }
        w.step(Step::Resolve { on: resolved, note: "已现场答复并办理".into() }, resolved, who)?;
        let call = after(resolved, 3, &calendar);
        if call >= today {
            continue;
        }
        let satisfaction = *[5u8, 5, 5, 4, 4, 4, 3, 2].choose(&mut rng).unwrap_or(&5);
        if satisfaction <= 2 && rng.random_bool(0.6) {
            w.step(Step::Reopen { reason: "企业反映问题未根本解决".into() }, call, "秘书处")?;
            let again = after(call, rng.random_range(3..10), &calendar);
            if again >= today {
                continue;
            }
            w.step(Step::Start, call, who)?;
            w.step(Step::Resolve { on: again, note: "二次办理".into() }, again, who)?;
            w.step(
                Step::Confirm { satisfaction: 4, comment: "二次办理后解决".into() },
                after(again, 2, &calendar).min(today),
                "秘书处",
            )?;
        } else {
            w.step(Step::Confirm { satisfaction, comment: String::new() }, call, "秘书处")?;
        }
    }
    write_service_weeks(tx, &read_back(tx)?, zones, today)
}

fn read_back(tx: &Transaction) -> Result<Vec<Request>, StoreError> {
    let mut stmt = tx.prepare("SELECT id FROM requests ORDER BY id")?;
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| store::request_in(tx, id)).collect()
}

/// The Mondays of the demo's service weeks: the third week of May of the two past years.
fn service_weeks(today: NaiveDate) -> Vec<NaiveDate> {
    [today.year() - 2, today.year() - 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_weekday_of_month_opt(year, 5, chrono::Weekday::Mon, 3))
        .collect()
}

/// The May service week of each of the two past years, planned from what was open then.
fn write_service_weeks(
    tx: &Transaction,
    requests: &[Request],
    zones: &HashMap<CompanyId, String>,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let calendar = WorkCalendar::default();
    let departments: Vec<i64> = (1..=DEPARTMENTS.len() as i64).collect();
    for week_of in service_weeks(today) {
        let friday = week_of + Days::new(4);
        // Open at the time: raised before the week, not resolved before its end.
        let open: Vec<OpenRequest> = requests
            .iter()
            .filter(|r| r.raised_on < week_of && r.resolved_on.is_none_or(|d| d > friday))
            .filter_map(|r| {
                Some(OpenRequest {
                    id: r.id,
                    number: r.number.clone(),
                    category: r.category.clone(),
                    company: r.company,
                    department: r.department?,
                })
            })
            .collect();
        let input = WeekInput {
            week_of,
            calendar: &calendar,
            departments: &departments,
            requests: &open,
            zones,
            capacity: &HashMap::new(),
        };
        let plan = plan_week(&input);
        let id = store::save_week(tx, week_of, &departments, &plan.slots)?;
        // Held: every department came.
        tx.execute("UPDATE service_slots SET attended = 1 WHERE week_id = ?1", [id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn three_years_of_requests_in_every_state_consistent_with_the_calendar() {
        let mut store = Store::open_in_memory().unwrap();
        let today = crate::demo::test_day();
        crate::demo::write_demo_in(&mut store, 120, 1, today).unwrap();
        let requests = store.requests().unwrap();
        let history = store.request_history(None).unwrap();
        let calendar = store.work_calendar().unwrap();
        assert!(requests.len() > 150, "{}", requests.len());
        for status in Status::ALL {
            assert!(requests.iter().any(|r| r.status == status), "some {status:?}");
        }
        for step in ["decline", "reroute", "reopen", "pause", "resume"] {
            assert!(history.iter().any(|h| h.step == step), "some {step}");
        }
        assert!(requests.iter().any(|r| r.overdue(today, &calendar)), "some overdue");
        assert!(requests.iter().any(|r| r.escalated(today, &calendar)), "some escalated");
        assert!(requests.iter().any(|r| r.satisfaction.is_some()), "scores at the follow-up call");
        // Every department has requests, and the federation its liaison in each.
        for department in store.departments().unwrap() {
            assert!(requests.iter().any(|r| r.department == Some(department.id)), "{}", department.name);
            assert!(!department.contacts.is_empty(), "{}", department.name);
        }
        // 服务周 is the channel of the requests raised in a service week, and of no others.
        let weeks = service_weeks(today);
        let in_a_week = |d: NaiveDate| weeks.iter().any(|m| d >= *m && d <= *m + Days::new(4));
        for r in &requests {
            assert_eq!(r.channel == Channel::ServiceWeek, in_a_week(r.raised_on), "{}", r.number);
        }
        assert!(requests.iter().any(|r| r.channel == Channel::ServiceWeek));
    }
}
