//! The demo's skills contests: every quarter of last year and this year's quarters so far, held
//! and scored — with a sheet returned and corrected, and a tie the chain settles — and this
//! quarter's contest in progress: one event signed off, one half scored, one only drawn.

use super::person;
use crate::contests::draw::draw;
use crate::domain::CompanyId;
use crate::domain::contest::{Contest, Entry, Event, Judge, SheetState};
use crate::store::{self, StoreError};
use chrono::{Datelike, NaiveDate, Weekday};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Transaction;
use std::collections::BTreeMap;

/// The usual events, each with the industries whose workers enter it.
const EVENTS: [(&str, &[&str]); 6] = [
    ("焊工", &["模具制造", "机械设备", "五金紧固件", "金属材料"]),
    ("数控车工", &["模具标准件", "机械设备", "汽车零部件"]),
    ("电工", &["电子电器", "热电能源", "化工材料"]),
    ("叉车", &["物流仓储", "包装印刷", "塑料制品"]),
    ("质检", &["汽车零部件", "电子电器", "食品饮料", "玩具制造"]),
    ("钳工", &["模具制造", "模具标准件", "五金紧固件"]),
];

/// A member as the contests draw their entrants: its id and industry.
pub(super) struct Member<'a> {
    pub id: CompanyId,
    pub industry: &'a str,
}

/// Writes the contests up to `today`.
pub(super) fn write_contests(tx: &Transaction, members: &[Member], today: NaiveDate) -> Result<(), StoreError> {
    let mut rng = ChaCha8Rng::seed_from_u64(7 + today.year() as u64);
    let current = (today.month() - 1) / 3 + 1;
    let quarters = (1..=4).map(|q| (today.year() - 1, q)).chain((1..=current).map(|q| (today.year(), q)));
    for (n, (year, quarter)) in quarters.enumerate() {
        let in_progress = year == today.year() && quarter == current;
        write_contest(tx, members, (year, quarter, n), in_progress, &mut rng)?;
    }
    Ok(())
}

fn write_contest(
    tx: &Transaction,
    members: &[Member],
    (year, quarter, n): (i32, u32, usize),
    in_progress: bool,
    rng: &mut ChaCha8Rng,
) -> Result<(), StoreError> {
    // Three events a quarter, taken in turn; their industries are the quarter's.
    let events: Vec<&(&str, &[&str])> = (0..3).map(|i| &EVENTS[(n * 3 + i) % EVENTS.len()]).collect();
    let mut industries: Vec<String> = events.iter().flat_map(|(_, i)| i.iter().map(|s| s.to_string())).collect();
    industries.sort();
    industries.dedup();
    let date = NaiveDate::from_weekday_of_month_opt(year, quarter * 3 - 1, Weekday::Sat, 2);
    let contest = Contest {
        id: 0,
        year,
        quarter,
        title: format!("{year} 年第{}季度技术比武", ["一", "二", "三", "四"][quarter as usize - 1]),
        date,
        place: "大港职业技能实训基地".into(),
        industries,
    };
    let contest_id = store::save_contest(tx, &contest)?;
    // Five judges from member companies (their entries are theirs to step aside from) and one
    // from the vocational college.
    let taking_part: Vec<&Member> =
        members.iter().filter(|m| contest.industries.iter().any(|i| i == m.industry)).collect();
    let mut judges = Vec::new();
    for i in 0..6 {
        let company = (i < 5).then(|| taking_part.choose(rng).map(|m| m.id)).flatten();
        // Names on a panel differ: a judge is chosen by name.
        let mut name = if company.is_none() { "宁波职业技术学院 陈老师".into() } else { person(rng) };
        while judges.iter().any(|j: &Judge| j.name == name) {
            name = person(rng);
        }
        let judge = Judge { id: 0, contest_id, name, company };
        judges.push(Judge { id: store::save_judge(tx, &judge)?, ..judge });
    }
    for (e, (name, trades)) in events.iter().enumerate() {
        let mut event = Event::new(contest_id, name);
        if *name == "叉车" {
            // A driving test: 理论 20 %, 实操 80 %.
            event.criteria[0].weight = 20.0;
            event.criteria[1].weight = 80.0;
        }
        event.id = store::save_contest_event(tx, &event)?;
        let pool: Vec<&Member> = members.iter().filter(|m| trades.contains(&m.industry)).collect();
        let mut entries = Vec::new();
        for i in 0..11 {
            let Some(member) = pool.choose(rng) else { break };
            // The second entry of the first event comes from the first's company (the tie below);
            // the fourth from the first judge's, who steps aside for it.
            let company = match i {
                1 if e == 0 => entries.first().map_or(member.id, |f: &Entry| f.company),
                3 => judges[0].company.unwrap_or(member.id),
                _ => member.id,
            };
            let entry = Entry {
                id: 0,
                event_id: event.id,
                company,
                contestant: person(rng),
                employee_no: format!("GH{:05}", rng.random_range(10_000..99_999)),
                trade: name.to_string(),
                time_seconds: Some(f64::from(rng.random_range(900..1800u32))),
                order: None,
            };
            entries.push(Entry { id: store::save_entry(tx, &entry)?, ..entry });
        }
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let seed = rng.random_range(100_000_000..999_999_999u64);
        store::set_draw(tx, event.id, seed, &draw(&ids, seed))?;
        for j in &judges {
            store::set_on_panel(tx, event.id, j.id, true)?;
        }
        let stage = if in_progress { e } else { 0 };
        write_scores(tx, &event, &entries, &judges, stage, rng)?;
        if !in_progress && e == 0 && quarter == 2 {
            correct_a_sheet(tx, &event, &entries, &judges)?;
        }
    }
    Ok(())
}

/// The judges' scores: each entry's skill, each judge's leniency, a little noise. `stage` 0: all
/// signed; 1: half the judges signed, the others part way; 2: nothing scored yet.
fn write_scores(
    tx: &Transaction,
    event: &Event,
    entries: &[Entry],
    judges: &[Judge],
    stage: usize,
    rng: &mut ChaCha8Rng,
) -> Result<(), StoreError> {
    if stage == 2 {
        return Ok(());
    }
    let mut skill: Vec<(f64, f64)> = entries
        .iter()
        .map(|_| (f64::from(rng.random_range(60..96u32)), f64::from(rng.random_range(58..97u32))))
        .collect();
    // Room for the tie below to stay within 0–100.
    if let Some(first) = skill.first_mut() {
        *first = (first.0.min(85.0), first.1.max(66.0));
    }
    let mut given: BTreeMap<(i64, i64, usize), f64> = BTreeMap::new();
    for (j, judge) in judges.iter().enumerate() {
        let leniency = f64::from(rng.random_range(-3..=3i32));
        let part_way = stage == 1 && j >= judges.len() / 2;
        for (k, entry) in entries.iter().enumerate() {
            if judge.recused_for(entry) || (part_way && k >= entries.len() / 2) {
                continue;
            }
            for (c, base) in [skill[k].0, skill[k].1].into_iter().enumerate() {
                let noise = f64::from(rng.random_range(-4..=4i32)) / 2.0;
                given.insert((entry.id, judge.id, c), (base + leniency + noise).clamp(0.0, 100.0));
            }
        }
        if !part_way {
            store::set_sheet(tx, event.id, judge.id, SheetState::Submitted, "")?;
        }
    }
    // The first event's second entry ties the first on total — 7 more in 理论, 3 less in 实操
    // (7 × 30 % = 3 × 70 %) — and the chain puts the better 实操 first.
    if let [first, second, ..] = entries
        && event.criteria[0].weight == 30.0
        && first.company == second.company
    {
        for judge in judges.iter().filter(|j| !j.recused_for(first)) {
            for (c, shift) in [(0, 7.0), (1, -3.0)] {
                if let Some(v) = given.get(&(first.id, judge.id, c)).copied() {
                    let shifted = v + shift;
                    if (0.0..=100.0).contains(&shifted) {
                        given.insert((second.id, judge.id, c), shifted);
                    }
                }
            }
        }
    }
    for ((entry, judge, criterion), value) in given {
        store::set_score(tx, event.id, (entry, judge, criterion), Some(value), None)?;
    }
    Ok(())
}

/// A judge signed a 实操 score typed into the wrong row; the secretariat returned the sheet, the
/// judge put it right, and signed again.
fn correct_a_sheet(tx: &Transaction, event: &Event, entries: &[Entry], judges: &[Judge]) -> Result<(), StoreError> {
    let Some(judge) = judges.get(1) else { return Ok(()) };
    let Some(entry) = entries.iter().rev().find(|e| !judge.recused_for(e)) else { return Ok(()) };
    let reason = "实操分录入串行，第 11 名选手的分数填到了上一行";
    store::return_sheet(tx, event.id, judge.id, reason)?;
    let current: Option<f64> = tx
        .query_row(
            "SELECT value FROM contest_scores WHERE entry_id = ?1 AND judge_id = ?2 AND criterion = 1",
            rusqlite::params![entry.id, judge.id],
            |r| r.get(0),
        )
        .ok();
    let corrected = current.map(|v| (v - 6.0).max(0.0));
    store::set_score(tx, event.id, (entry.id, judge.id, 1), corrected, Some((reason, &judge.name)))?;
    store::set_sheet(tx, event.id, judge.id, SheetState::Submitted, "")
}
