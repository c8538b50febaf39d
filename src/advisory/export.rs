//! The advisory group as spreadsheets: every request with its department, status, deadline and
//! follow-up (`qilian export --what requests`); and a service week's schedules, one sheet by
//! department and one by company (`qilian export --what service-week` writes every week).

use super::Desk;
use crate::domain::advisory::{Place, Slot};
use crate::domain::{CompanyId, Value};
use crate::excel::ExcelError;
use crate::excel::export::{ExportTask, Table, write_table, write_tables};
use crate::i18n::{Lang, Text};
use crate::store::Store;
use crate::tr;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

fn names(store: &Store) -> Result<HashMap<CompanyId, String>, ExcelError> {
    Ok(store.company_list()?.into_iter().map(|i| (i.company.id, i.company.name)).collect())
}

/// Every request; returns how many.
pub fn export_requests(store: &Store, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let desk = Desk::load(store)?;
    let names = names(store)?;
    let headers: Vec<&str> = [
        ("编号", "No."),
        ("企业", "Company"),
        ("类别", "Category"),
        ("问题描述", "The problem"),
        ("受理日期", "Received"),
        ("反映人", "Raised by"),
        ("渠道", "Channel"),
        ("承办部门", "Department"),
        ("状态", "Status"),
        ("时限（工作日）", "Limit (working days)"),
        ("到期日", "Due"),
        ("办结日期", "Resolved"),
        ("满意度", "Satisfaction"),
        ("回访意见", "Follow-up comment"),
    ]
    .iter()
    .map(|(zh, en)| lang.pick(zh, en))
    .collect();
    let rows: Vec<Vec<Value>> = desk
        .requests
        .iter()
        .map(|r| {
            vec![
                Value::of_text(&r.number),
                Value::of_text(names.get(&r.company).map_or("", String::as_str)),
                Value::of_text(&r.category),
                Value::of_text(&r.description),
                Value::Date(r.raised_on),
                Value::of_text(&r.raised_by),
                Value::of_text(r.channel.label(lang)),
                Value::of_text(desk.department(r.department).map_or("", |d| d.name.as_str())),
                Value::of_text(r.status.label(lang)),
                Value::Number(r.time_limit.into()),
                r.due(&desk.calendar).map_or(Value::Empty, Value::Date),
                r.resolved_on.map_or(Value::Empty, Value::Date),
                r.satisfaction.map_or(Value::Empty, |s| Value::Number(s.into())),
                Value::of_text(&r.comment),
            ]
        })
        .collect();
    write_table(path, lang.pick("企业诉求", "Requests"), &headers, &rows)?;
    Ok(rows.len())
}

/// The schedules of the weeks given (by their Monday; every week when empty): by department and
/// by company. Returns how many slots.
pub fn export_weeks(store: &Store, weeks: &[NaiveDate], path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let desk = Desk::load(store)?;
    let names = names(store)?;
    let number: HashMap<i64, &str> = desk.requests.iter().map(|r| (r.id, r.number.as_str())).collect();
    let slots: Vec<&Slot> = desk
        .weeks
        .iter()
        .filter(|(w, _)| weeks.is_empty() || weeks.contains(&w.week_of))
        .flat_map(|(_, slots)| slots.iter().map(|s| &s.slot))
        .collect();
    let department = |id: i64| desk.department(Some(id)).map_or(String::new(), |d| d.name.clone());
    let served = |s: &Slot| {
        s.requests.iter().filter_map(|r| number.get(r)).copied().collect::<Vec<_>>().join(lang.pick("、", ", "))
    };
    let mut by_department: Vec<Vec<Value>> = slots
        .iter()
        .map(|s| {
            let place = match &s.place {
                Place::Centre(session) => {
                    tr!(lang, "社区中心（{}）", "Community centre ({})", session.label(lang))
                }
                Place::Companies(cs) => {
                    cs.iter().filter_map(|c| names.get(c)).cloned().collect::<Vec<_>>().join(lang.pick("、", ", "))
                }
            };
            vec![
                Value::of_text(&department(s.department)),
                Value::Date(s.when.day),
                Value::of_text(s.when.half.label(lang)),
                Value::of_text(&place),
                Value::of_text(&served(s)),
            ]
        })
        .collect();
    by_department.sort_by_key(|row| format!("{row:?}"));
    let mut by_company: Vec<Vec<Value>> = slots
        .iter()
        .flat_map(|s| match &s.place {
            Place::Companies(cs) => cs
                .iter()
                .map(|c| {
                    vec![
                        Value::of_text(names.get(c).map_or("", String::as_str)),
                        Value::Date(s.when.day),
                        Value::of_text(s.when.half.label(lang)),
                        Value::of_text(&department(s.department)),
                    ]
                })
                .collect::<Vec<_>>(),
            Place::Centre(_) => Vec::new(),
        })
        .collect();
    by_company.sort_by_key(|row| format!("{row:?}"));
    let department_headers = [
        lang.pick("部门", "Department"),
        lang.pick("日期", "Day"),
        lang.pick("时段", "Half-day"),
        lang.pick("地点", "Where"),
        lang.pick("办理诉求", "Requests served"),
    ];
    let company_headers = [
        lang.pick("企业", "Company"),
        lang.pick("日期", "Day"),
        lang.pick("时段", "Half-day"),
        lang.pick("来访部门", "Department"),
    ];
    write_tables(
        path,
        &[
            Table { name: lang.pick("按部门", "By department"), headers: &department_headers, rows: &by_department },
            Table { name: lang.pick("按企业", "By company"), headers: &company_headers, rows: &by_company },
        ],
    )?;
    Ok(slots.len())
}

pub fn requests_task(db: std::path::PathBuf) -> ExportTask {
    ExportTask {
        what: Text::new("企业诉求", "the requests"),
        file_name: Text::new("企业诉求.xlsx", "requests.xlsx"),
        write: Box::new(move |path: &Path, lang: Lang| export_requests(&Store::open(&db)?, path, lang)),
    }
}

pub fn week_task(db: std::path::PathBuf, week_of: NaiveDate) -> ExportTask {
    ExportTask {
        what: Text::new(format!("{week_of} 周服务周日程"), format!("the service week of {week_of}")),
        file_name: Text::new(format!("服务周日程 {week_of}.xlsx"), format!("service week {week_of}.xlsx")),
        write: Box::new(move |path: &Path, lang: Lang| export_weeks(&Store::open(&db)?, &[week_of], path, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_the_weeks_schedules_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("f.db")).unwrap();
        crate::demo::write_demo_in(&mut store, 120, 1, crate::demo::test_day()).unwrap();
        let path = dir.path().join("requests.xlsx");
        let n = export_requests(&store, &path, Lang::Zh).unwrap();
        let sheet = crate::excel::read::read_sheet(&path, None).unwrap();
        assert_eq!(sheet.rows.len(), n + 1);
        assert!(sheet.rows[1].cells[0].text().starts_with("SQ"));
        let path = dir.path().join("weeks.xlsx");
        let slots = export_weeks(&store, &[], &path, Lang::Zh).unwrap();
        assert!(slots > 10, "the demo's two service weeks");
        let by_company = crate::excel::read::read_sheet(&path, Some("按企业")).unwrap();
        assert!(by_company.rows.len() > 5);
    }
}
