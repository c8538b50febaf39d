//! The visit plan as a spreadsheet: one row a month, with its date, host, zone, reasons and state.
//! The window writes the plan on show (drafts included); `qilian export --what visits` writes
//! every month stored, year by year.

use super::plan::reasons_text;
use super::service::YearPlan;
use crate::domain::{CompanyId, Value};
use crate::excel::ExcelError;
use crate::excel::export::{ExportTask, write_table};
use crate::i18n::{Lang, Text};
use crate::store::{Store, VisitMonth};
use std::collections::HashMap;
use std::path::Path;

/// One row of the sheet, before it is written in a language.
struct Row {
    year: i32,
    month: u32,
    date: Option<chrono::NaiveDate>,
    host: Option<CompanyId>,
    reasons: String,
    published: bool,
    pinned: bool,
}

/// Each company's name and zone, by id.
fn companies(store: &Store) -> Result<HashMap<CompanyId, (String, String)>, ExcelError> {
    let zones: HashMap<_, _> = store.zones()?.into_iter().map(|z| (z.id, z.name)).collect();
    Ok(store
        .company_list()?
        .into_iter()
        .map(|i| {
            let zone = i.company.zone_id.and_then(|z| zones.get(&z).cloned()).unwrap_or_default();
            (i.company.id, (i.company.name, zone))
        })
        .collect())
}

fn write(
    path: &Path,
    rows: &[Row],
    names: &HashMap<CompanyId, (String, String)>,
    lang: Lang,
) -> Result<usize, ExcelError> {
    let headers = [
        lang.pick("年份", "Year"),
        lang.pick("月份", "Month"),
        lang.pick("日期", "Date"),
        lang.pick("东道主", "Host"),
        lang.pick("片区", "Zone"),
        lang.pick("理由", "Why"),
        lang.pick("状态", "State"),
    ];
    let text = |s: &str| if s.is_empty() { Value::Empty } else { Value::Text(s.to_string()) };
    let values: Vec<Vec<Value>> = rows
        .iter()
        .map(|r| {
            let (name, zone) = r.host.and_then(|h| names.get(&h)).map_or(("", ""), |(n, z)| (n.as_str(), z.as_str()));
            let state = match (r.published, r.pinned) {
                (true, _) => lang.pick("已发布", "Published"),
                (false, true) => lang.pick("已固定", "Pinned"),
                _ => lang.pick("草案", "Draft"),
            };
            vec![
                Value::Number(f64::from(r.year)),
                Value::Number(f64::from(r.month)),
                r.date.map_or(Value::Empty, Value::Date),
                text(name),
                text(zone),
                text(&r.reasons),
                Value::Text(state.to_string()),
            ]
        })
        .collect();
    write_table(path, lang.pick("互访计划", "Visit plan"), &headers, &values)?;
    Ok(values.len())
}

/// Every stored month of every year, oldest first.
pub fn export_stored(store: &Store, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let rows: Vec<Row> = store
        .all_visit_months()?
        .into_iter()
        .map(|VisitMonth { year, month, host, date, reasons, published, pinned }| Row {
            year,
            month,
            date,
            host,
            reasons,
            published,
            pinned,
        })
        .collect();
    write(path, &rows, &companies(store)?, lang)
}

/// The plan on show, its drafts included, for the window's export button.
pub fn plan_task(db: std::path::PathBuf, plan: YearPlan) -> ExportTask {
    let year = plan.year;
    let write_plan = move |path: &Path, lang: Lang| {
        let store = Store::open(&db)?;
        let rows: Vec<Row> = plan
            .months
            .iter()
            .zip(&plan.dates)
            .map(|(m, date)| Row {
                year,
                month: m.month,
                date: *date,
                host: m.host,
                reasons: reasons_text(&m.reasons, lang),
                published: m.published,
                pinned: m.pinned,
            })
            .collect();
        write(path, &rows, &companies(&store)?, lang)
    };
    ExportTask {
        what: Text::new(format!("{year} 年互访计划"), format!("the {year} visit plan")),
        file_name: Text::new(format!("{year}年互访计划.xlsx"), format!("visit plan {year}.xlsx")),
        write: Box::new(write_plan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stored_month_is_a_row_with_its_date_as_a_date() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("f.db")).unwrap();
        crate::demo::write_demo_in(&mut store, 40, 1, 2026).unwrap();
        let path = dir.path().join("visits.xlsx");
        assert_eq!(export_stored(&store, &path, Lang::Zh).unwrap(), 33, "three years of eleven visits");
        let sheet = crate::excel::read::read_sheet(&path, None).unwrap();
        let header: Vec<String> = sheet.rows[0].cells.iter().map(|c| c.text()).collect();
        assert_eq!(header, ["年份", "月份", "日期", "东道主", "片区", "理由", "状态"]);
        let march_2025 = sheet.rows.iter().find(|r| r.cells[0].text() == "2025" && r.cells[1].text() == "3").unwrap();
        assert!(matches!(march_2025.cells[2], crate::excel::read::Cell::Date(_)));
        assert_eq!(march_2025.cells[3].text(), "宁波东盛模具标准件有限公司");
        assert_eq!(march_2025.cells[6].text(), "已发布");
    }
}
