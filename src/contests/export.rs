//! The contests as spreadsheets: the award list for the certificates (event, rank, award,
//! contestant, number, company, total, the tie-break chain), the team table of each contest, and
//! each event's full score sheet (every judge's score, the result, how it was computed, and the
//! chain under it). `qilian export --what contests` writes every
//! contest; the window writes the contest or the event on show.

use super::rank::{chain_text, teams};
use super::service::EventBoard;
use crate::domain::contest::{Contest, Event};
use crate::domain::{CompanyId, Value};
use crate::excel::ExcelError;
use crate::excel::export::{ExportTask, Table, write_tables};
use crate::i18n::{Lang, Text};
use crate::store::Store;
use std::collections::HashMap;
use std::path::Path;

struct Sheet {
    name: String,
    headers: Vec<String>,
    rows: Vec<Vec<Value>>,
}

fn names(store: &Store) -> Result<HashMap<CompanyId, String>, ExcelError> {
    Ok(store.company_list()?.into_iter().map(|i| (i.company.id, i.company.name)).collect())
}

fn award_rows(title: &str, boards: &[EventBoard], names: &HashMap<CompanyId, String>, lang: Lang) -> Vec<Vec<Value>> {
    let mut rows = Vec::new();
    for board in boards {
        for r in board.ranked.iter().filter(|r| r.award.is_some()) {
            let Some(entry) = board.entry(r.entry) else { continue };
            let total = board.results.iter().find(|x| x.entry == r.entry).and_then(|x| x.total);
            let rank = if r.shared {
                format!("{}{}", r.rank, lang.pick("（并列）", " (tied)"))
            } else {
                r.rank.to_string()
            };
            rows.push(vec![
                Value::of_text(title),
                Value::of_text(&board.event.name),
                Value::of_text(&rank),
                Value::of_text(r.award.map_or("", |a| a.label(lang))),
                Value::of_text(&entry.contestant),
                Value::of_text(&entry.employee_no),
                Value::of_text(names.get(&entry.company).map_or("", String::as_str)),
                total.map_or(Value::Empty, |t| Value::Number((t * 100.0).round() / 100.0)),
                Value::of_text(&chain_text(&board.event, lang)),
            ]);
        }
    }
    rows
}

fn award_headers(lang: Lang) -> Vec<String> {
    ["比武", "项目", "名次", "奖项", "选手", "工号", "单位", "总分", "同分排序"]
        .iter()
        .zip(["Contest", "Event", "Rank", "Award", "Contestant", "No.", "Company", "Total", "Tie-breaks"])
        .map(|(zh, en)| lang.pick(zh, en).to_string())
        .collect()
}

/// The team table of a contest, every event together: each company's entries and awards by tier.
fn team_rows(title: &str, boards: &[EventBoard], names: &HashMap<CompanyId, String>) -> Vec<Vec<Value>> {
    let entries: Vec<_> = boards.iter().flat_map(|b| b.entries.iter().cloned()).collect();
    let results: Vec<_> = boards.iter().flat_map(|b| b.results.iter().cloned()).collect();
    let ranked: Vec<_> = boards.iter().flat_map(|b| b.ranked.iter().cloned()).collect();
    teams(&entries, &results, &ranked)
        .into_iter()
        .map(|t| {
            let mut row = vec![
                Value::of_text(title),
                Value::of_text(names.get(&t.company).map_or("", String::as_str)),
                Value::Number(t.entries as f64),
            ];
            row.extend(t.awards.iter().map(|&n| Value::Number(n as f64)));
            row.push(Value::Number((t.average * 100.0).round() / 100.0));
            row
        })
        .collect()
}

fn team_headers(lang: Lang) -> Vec<String> {
    ["比武", "单位", "参赛", "一等奖", "二等奖", "三等奖", "优秀奖", "平均分"]
        .iter()
        .zip(["Contest", "Company", "Entries", "First", "Second", "Third", "Mentions", "Average"])
        .map(|(zh, en)| lang.pick(zh, en).to_string())
        .collect()
}

/// The award list and the team table, the first two sheets of every contest workbook.
fn summary_sheets(awards: Vec<Vec<Value>>, teams: Vec<Vec<Value>>, lang: Lang) -> [Sheet; 2] {
    [
        Sheet { name: lang.pick("获奖名单", "Awards").into(), headers: award_headers(lang), rows: awards },
        Sheet { name: lang.pick("团体成绩", "Teams").into(), headers: team_headers(lang), rows: teams },
    ]
}

/// One event's full score sheet.
fn score_sheet(board: &EventBoard, names: &HashMap<CompanyId, String>, lang: Lang) -> Sheet {
    let event = &board.event;
    let panel: Vec<_> = board.judges.iter().filter(|j| board.panel.contains(&j.id)).collect();
    let mut headers: Vec<String> = ["顺序", "选手", "工号", "单位"]
        .iter()
        .zip(["Order", "Contestant", "No.", "Company"])
        .map(|(zh, en)| lang.pick(zh, en).to_string())
        .collect();
    for c in &event.criteria {
        headers.extend(panel.iter().map(|j| format!("{}-{}", c.name, j.name)));
        headers.push(format!("{}{}", c.name, lang.pick("得分", " score")));
    }
    for h in [("总分", "Total"), ("名次", "Rank"), ("奖项", "Award"), ("计算说明", "How it was computed")] {
        headers.push(lang.pick(h.0, h.1).to_string());
    }
    let judge_name = |id: i64| board.judge(id).map_or(String::new(), |j| j.name.clone());
    let rows = board
        .entries
        .iter()
        .map(|e| {
            let result = board.results.iter().find(|r| r.entry == e.id);
            let ranked = board.ranked.iter().find(|r| r.entry == e.id);
            let mut row = vec![
                e.order.map_or(Value::Empty, |o| Value::Number(o.into())),
                Value::of_text(&e.contestant),
                Value::of_text(&e.employee_no),
                Value::of_text(names.get(&e.company).map_or("", String::as_str)),
            ];
            for (c, _) in event.criteria.iter().enumerate() {
                for j in &panel {
                    let recused = j.recused_for(e);
                    row.push(match board.score(e.id, j.id, c) {
                        Some(v) => Value::Number(v),
                        None if recused => Value::of_text(lang.pick("回避", "recused")),
                        None => Value::Empty,
                    });
                }
                let value = result.and_then(|r| r.criteria.get(c)).and_then(|c| c.value);
                row.push(value.map_or(Value::Empty, |v| Value::Number((v * 100.0).round() / 100.0)));
            }
            row.push(result.and_then(|r| r.total).map_or(Value::Empty, |t| Value::Number((t * 100.0).round() / 100.0)));
            row.push(ranked.map_or(Value::Empty, |r| Value::Number(r.rank.into())));
            row.push(Value::of_text(ranked.and_then(|r| r.award).map_or("", |a| a.label(lang))));
            row.push(
                result
                    .map_or(Value::Empty, |r| Value::of_text(&super::aggregate::explain(event, r, &judge_name, lang))),
            );
            row
        })
        .collect::<Vec<_>>();
    let mut rows = rows;
    let rule = format!("{}{}{}", lang.pick("同分排序", "Tie-breaks"), lang.colon(), chain_text(event, lang));
    rows.push(vec![Value::of_text(&rule)]);
    Sheet { name: event.name.clone(), headers, rows }
}

fn write(path: &Path, sheets: Vec<Sheet>) -> Result<(), ExcelError> {
    let headers: Vec<Vec<&str>> = sheets.iter().map(|s| s.headers.iter().map(String::as_str).collect()).collect();
    let tables: Vec<Table> =
        sheets.iter().zip(&headers).map(|(s, h)| Table { name: &s.name, headers: h, rows: &s.rows }).collect();
    write_tables(path, &tables)
}

fn boards(store: &Store, contest: &Contest) -> Result<Vec<EventBoard>, ExcelError> {
    let events: Vec<Event> = store.contest_events(contest.id)?;
    Ok(events.iter().map(|e| EventBoard::load(store, e)).collect::<Result<_, _>>()?)
}

/// Every contest: the award list first (for the certificates), then each event's score sheet.
/// Returns how many awards were written.
pub fn export_all(store: &Store, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let names = names(store)?;
    let mut awards = Vec::new();
    let mut teams = Vec::new();
    let mut sheets = Vec::new();
    let mut contests = store.contests()?;
    contests.reverse();
    for contest in &contests {
        let boards = boards(store, contest)?;
        awards.extend(award_rows(&contest.title, &boards, &names, lang));
        teams.extend(team_rows(&contest.title, &boards, &names));
        for board in &boards {
            let mut sheet = score_sheet(board, &names, lang);
            sheet.name = format!("{}Q{} {}", contest.year, contest.quarter, board.event.name);
            sheets.push(sheet);
        }
    }
    let count = awards.len();
    write(path, summary_sheets(awards, teams, lang).into_iter().chain(sheets).collect())?;
    Ok(count)
}

/// The contest on show: its award list and each event's score sheet.
pub fn awards_task(db: std::path::PathBuf, contest: Contest) -> ExportTask {
    let title = contest.title.clone();
    ExportTask {
        what: Text::new(format!("{title}获奖名单"), format!("the awards of {title}")),
        file_name: Text::new(format!("{title}获奖名单.xlsx"), format!("{title} awards.xlsx")),
        write: Box::new(move |path: &Path, lang: Lang| {
            let store = Store::open(&db)?;
            let names = names(&store)?;
            let boards = boards(&store, &contest)?;
            let awards = award_rows(&contest.title, &boards, &names, lang);
            let count = awards.len();
            let teams = team_rows(&contest.title, &boards, &names);
            let sheets = boards.iter().map(|b| score_sheet(b, &names, lang));
            write(path, summary_sheets(awards, teams, lang).into_iter().chain(sheets).collect())?;
            Ok(count)
        }),
    }
}

/// One event's full score sheet, with the tie-break chain it was ranked by.
pub fn sheet_task(db: std::path::PathBuf, event: Event) -> ExportTask {
    let name = event.name.clone();
    ExportTask {
        what: Text::new(format!("{name}评分表"), format!("the {name} score sheet")),
        file_name: Text::new(format!("{name}评分表.xlsx"), format!("{name} scores.xlsx")),
        write: Box::new(move |path: &Path, lang: Lang| {
            let store = Store::open(&db)?;
            let board = EventBoard::load(&store, &event)?;
            let sheet = score_sheet(&board, &names(&store)?, lang);
            let rows = board.entries.len();
            write(path, vec![sheet])?;
            Ok(rows)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_contests_awards_and_score_sheets_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("f.db")).unwrap();
        crate::demo::write_demo_in(&mut store, 120, 1, crate::demo::test_day()).unwrap();
        let path = dir.path().join("contests.xlsx");
        let awards = export_all(&store, &path, Lang::Zh).unwrap();
        assert!(awards > 20);
        let list = crate::excel::read::read_sheet(&path, None).unwrap();
        assert_eq!(list.sheet, "获奖名单");
        assert_eq!(list.rows.len(), awards + 1);
        assert!(list.rows.iter().any(|r| r.cells[3].text() == "一等奖"));
        let sheet = crate::excel::read::read_sheet(&path, Some(&list.sheet_names[2])).unwrap();
        let header: Vec<String> = sheet.rows[0].cells.iter().map(|c| c.text()).collect();
        assert!(header.iter().any(|h| h.starts_with("实操-")) && header.last().is_some_and(|h| h == "计算说明"));
        assert!(sheet.rows.iter().any(|r| r.cells.iter().any(|c| c.text() == "回避")), "recusals shown");
        // The chain on every output: each award's row, and under each score sheet.
        assert!(list.rows.iter().skip(1).all(|r| r.cells[8].text().starts_with("总分 → ")));
        assert!(sheet.rows.last().unwrap().cells[0].text().starts_with("同分排序：总分 → "));
        // The team table: every company of each contest, its awards adding up to the list's.
        assert_eq!(list.sheet_names[1], "团体成绩");
        let teams = crate::excel::read::read_sheet(&path, Some("团体成绩")).unwrap();
        let firsts: usize = teams.rows.iter().skip(1).map(|r| r.cells[3].text().parse::<usize>().unwrap()).sum();
        assert_eq!(firsts, list.rows.iter().filter(|r| r.cells[3].text() == "一等奖").count());
    }
}
