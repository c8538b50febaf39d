//! The advisory group at scale: a service week planned for 17 departments, 2,000 open requests
//! and 5,000 companies over 7 zones; and the figures tab of 50,000 requests as the screen works it
//! out for a period (the headline, each department with its declines, the monthly chart). Run
//! with `cargo bench --bench advisory`.

mod common;

use common::{median, ms};
use qilian::advisory::Desk;
use qilian::advisory::week::{OpenRequest, WeekInput, plan_week};
use qilian::domain::advisory::{DEPARTMENTS, Department, Pause, Request, Status, figures};
use qilian::domain::workdays::WorkCalendar;
use qilian::store::HistoryEntry;
use std::collections::HashMap;
use std::time::{Duration, Instant};

fn main() {
    let calendar = WorkCalendar::default();
    let zones: HashMap<i64, String> = (0..5_000).map(|c| (c, format!("第{}片区", c % 7 + 1))).collect();
    let requests: Vec<OpenRequest> = (0..2_000)
        .map(|i| OpenRequest {
            id: i,
            number: format!("SQ2026-{i:04}"),
            category: "用地审批".into(),
            company: (i * 37) % 5_000,
            department: i % 17 + 1,
        })
        .collect();
    let departments: Vec<i64> = (1..=17).collect();
    let week_of = chrono::NaiveDate::from_ymd_opt(2026, 5, 18).unwrap();
    let input = WeekInput {
        week_of,
        calendar: &calendar,
        departments: &departments,
        requests: &requests,
        zones: &zones,
        capacity: &HashMap::new(),
    };
    let times: Vec<Duration> = (0..10)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(plan_week(&input));
            start.elapsed()
        })
        .collect();
    let plan = plan_week(&input);
    println!(
        "service week, 17 departments × 2,000 open requests × 5,000 companies (median of 10): {} — {} slots, {} requests left for another week",
        ms(median(times)),
        plan.slots.len(),
        plan.unplaced.len()
    );

    let first = chrono::NaiveDate::from_ymd_opt(2022, 1, 3).unwrap();
    let all: Vec<Request> = (0..50_000i64)
        .map(|i| {
            let raised_on = first + chrono::Days::new((i % 1_700) as u64);
            let done = i % 10 != 0;
            Request {
                id: i,
                company: i % 5_000,
                department: Some(i % 17 + 1),
                raised_on,
                time_limit: 15,
                status: if done { Status::Confirmed } else { Status::InProgress },
                resolved_on: done.then(|| raised_on + chrono::Days::new((i % 30) as u64)),
                satisfaction: done.then_some((i % 5 + 1) as u8),
                ..Request::default()
            }
        })
        .collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    // One in twelve given back once by its department, one in seven paused for a week.
    let history: Vec<HistoryEntry> = all
        .iter()
        .filter(|r| r.id % 12 == 0)
        .map(|r| HistoryEntry {
            request: r.id,
            at: format!("{} 09:30", r.raised_on),
            who: "秘书处".into(),
            from: Some(Status::Assigned),
            to: Status::Received,
            department: r.department,
            step: "decline".into(),
            note: "不属本部门职责".into(),
        })
        .collect();
    let all: Vec<Request> = all
        .into_iter()
        .map(|mut r| {
            if r.id % 7 == 0 {
                r.pauses = vec![Pause { from: r.raised_on, to: Some(r.raised_on + chrono::Days::new(7)) }];
            }
            r
        })
        .collect();
    let departments = DEPARTMENTS
        .iter()
        .enumerate()
        .map(|(i, (name, short, _))| Department {
            id: i as i64 + 1,
            name: name.to_string(),
            short_name: short.to_string(),
            contacts: String::new(),
        })
        .collect();
    let desk = Desk {
        departments,
        routes: Vec::new(),
        requests: all,
        history,
        calendar: calendar.clone(),
        weeks: Vec::new(),
        capacity: HashMap::new(),
    };
    let (from, to) = (first, today);
    let times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(figures(desk.in_period(from, to), 0, today, &desk.calendar));
            std::hint::black_box(desk.by_department(from, to, today));
            std::hint::black_box(desk.monthly(from, to));
            start.elapsed()
        })
        .collect();
    println!(
        "the figures tab for 50,000 requests, 4,167 declines, every period: headline, departments, months (median of 5): {}",
        ms(median(times))
    );
    common::print_peak_memory();
}
