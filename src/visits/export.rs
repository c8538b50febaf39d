//! The visits as spreadsheets. The plan: one row a month, with its date, host, zone, reasons and
//! state; the window writes the plan on show (drafts included), `qilian export --what visits`
//! every month stored, year by year. A visit's invitation and attendance list, and its feedback
//! results: written so that reading them back as a sign-in sheet or feedback forms changes nothing.

use super::plan::reasons_text;
use super::service::YearPlan;
use crate::domain::{CompanyId, Value};
use crate::excel::ExcelError;
use crate::excel::export::{ExportTask, Table, write_table, write_tables};
use crate::i18n::{Lang, Text};
use crate::store::{Guest, Store, StoreError, VisitDetails, VisitMonth};
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
    details: VisitDetails,
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

/// The plan's headers and rows, in a language.
fn plan_rows(
    rows: &[Row],
    names: &HashMap<CompanyId, (String, String)>,
    lang: Lang,
) -> (Vec<&'static str>, Vec<Vec<Value>>) {
    let headers = vec![
        lang.pick("年份", "Year"),
        lang.pick("月份", "Month"),
        lang.pick("日期", "Date"),
        lang.pick("东道主", "Host"),
        lang.pick("片区", "Zone"),
        lang.pick("理由", "Why"),
        lang.pick("状态", "State"),
        lang.pick("时间", "Time"),
        lang.pick("地点", "Place"),
        lang.pick("主题", "Theme"),
        lang.pick("议程", "Agenda"),
    ];
    let values = rows
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
                Value::of_text(name),
                Value::of_text(zone),
                Value::of_text(&r.reasons),
                Value::Text(state.to_string()),
                Value::of_text(&r.details.time),
                Value::of_text(&r.details.place),
                Value::of_text(&r.details.theme),
                Value::of_text(&r.details.agenda),
            ]
        })
        .collect();
    (headers, values)
}

fn write(
    path: &Path,
    rows: &[Row],
    names: &HashMap<CompanyId, (String, String)>,
    lang: Lang,
) -> Result<usize, ExcelError> {
    let (headers, values) = plan_rows(rows, names, lang);
    write_table(path, lang.pick("互访计划", "Visit plan"), &headers, &values)?;
    Ok(values.len())
}

/// Every stored month of every year, oldest first; then, on their own sheets, every visit's
/// invitations and attendance, feedback forms, the forms' averages and follow-ups, and every
/// exhibition's booth list. Returns the months written.
pub fn export_stored(store: &Store, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let months = store.all_visit_months()?;
    let rows = months
        .iter()
        .cloned()
        .map(|VisitMonth { year, month, host, date, reasons, published, pinned }| {
            let details = store.visit_details(year, month)?;
            Ok(Row { year, month, date, host, reasons, published, pinned, details })
        })
        .collect::<Result<Vec<Row>, StoreError>>()?;
    let names = companies(store)?;
    let name = |id: Option<CompanyId>| Value::of_text(id.and_then(|id| names.get(&id)).map_or("", |(n, _)| n.as_str()));
    let host =
        |year: i32, month: u32| name(months.iter().find(|m| m.year == year && m.month == month).and_then(|m| m.host));
    let number = |n: i64| Value::Number(n as f64);
    let (plan_headers, plan) = plan_rows(&rows, &names, lang);

    // Every sheet after the plan starts with the visit its row belongs to.
    let visit = |year: i32, month: u32| vec![number(year.into()), number(month.into()), host(year, month)];
    let mut guests = Vec::new();
    let mut forms = Vec::new();
    let mut follow_ups = Vec::new();
    let mut averages = Vec::new();
    let questions = store.feedback_questions()?;
    for m in &months {
        for g in store.visit_guests(m.year, m.month)? {
            let mut row = visit(m.year, m.month);
            row.extend([
                name(Some(g.company)),
                yes_no(g.invited, lang),
                Value::of_text(if g.invited { g.reply.label(lang) } else { "" }),
                yes_no(g.attended, lang),
            ]);
            guests.push(row);
        }
        let answers = store.visit_feedback(m.year, Some(m.month))?;
        let mut answered: Vec<CompanyId> = answers.iter().map(|a| a.company).collect();
        answered.dedup();
        for company in answered {
            let of = |q: &str| answers.iter().find(|a| a.company == company && a.question == q);
            let mut row = visit(m.year, m.month);
            row.push(name(Some(company)));
            row.extend(
                questions.iter().map(|q| of(q).and_then(|a| a.score).map_or(Value::Empty, |s| number(s.into()))),
            );
            row.push(of("").map_or(Value::Empty, |a| Value::of_text(&a.comment)));
            forms.push(row);
        }
        let (per_question, _) = super::feedback::averages(&questions, &answers);
        for q in per_question.iter().filter(|q| q.answers > 0) {
            let mut row = visit(m.year, m.month);
            row.extend([Value::of_text(&q.question), two_decimals(q.average), number(q.answers as i64)]);
            averages.push(row);
        }
    }
    let mut years: Vec<i32> = months.iter().map(|m| m.year).collect();
    years.dedup();
    for year in years {
        for f in store.follow_ups(year, None)? {
            let mut row = visit(year, f.month);
            row.extend([
                Value::of_text(&f.action),
                Value::of_text(&f.owner),
                f.due.map_or(Value::Empty, Value::Date),
                name(f.companies.0),
                name(f.companies.1),
                yes_no(f.done, lang),
                yes_no(f.introduced, lang),
            ]);
            follow_ups.push(row);
        }
    }
    let visit_headers = [lang.pick("年份", "Year"), lang.pick("月份", "Month"), lang.pick("东道主", "Host")];
    let headed = |rest: &[&'static str]| -> Vec<&'static str> { visit_headers.iter().chain(rest).copied().collect() };
    let company_h = lang.pick("单位名称", "Company");
    let guest_headers =
        headed(&[company_h, lang.pick("受邀", "Invited"), lang.pick("回复", "Reply"), lang.pick("出席", "Attended")]);
    let mut form_headers: Vec<&str> = headed(&[company_h]);
    form_headers.extend(questions.iter().map(String::as_str));
    form_headers.push(lang.pick("意见建议", "Comments"));
    let follow_up_headers = headed(&[
        lang.pick("事项", "Follow-up"),
        lang.pick("负责人", "Owner"),
        lang.pick("截止日期", "Due"),
        lang.pick("企业", "Company"),
        lang.pick("对方", "With"),
        lang.pick("已办结", "Done"),
        lang.pick("已转为引荐", "Introduced"),
    ]);
    let average_headers =
        headed(&[lang.pick("题目", "Question"), lang.pick("平均分", "Average"), lang.pick("份数", "Answers")]);
    let mut booths = Vec::new();
    for exhibition in store.exhibitions()? {
        let Some(hall) = crate::exhibition::Hall::load(store, exhibition.year)? else { continue };
        for row in crate::exhibition::booth_rows(store, &hall, lang)? {
            booths.push(std::iter::once(number(exhibition.year.into())).chain(row).collect());
        }
    }
    let mut booth_headers = vec![visit_headers[0]];
    booth_headers.extend(crate::exhibition::booth_headers(lang));
    write_tables(
        path,
        &[
            Table { name: lang.pick("互访计划", "Visit plan"), headers: &plan_headers, rows: &plan },
            Table { name: lang.pick("邀请与出席", "Invitations"), headers: &guest_headers, rows: &guests },
            Table { name: lang.pick("反馈表", "Feedback"), headers: &form_headers, rows: &forms },
            Table {
                name: lang.pick("反馈平均分", "Feedback averages"), headers: &average_headers, rows: &averages
            },
            Table { name: lang.pick("跟进事项", "Follow-ups"), headers: &follow_up_headers, rows: &follow_ups },
            Table { name: lang.pick("展销会展位", "Exhibition booths"), headers: &booth_headers, rows: &booths },
        ],
    )?;
    Ok(plan.len())
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
            .map(|(m, date)| {
                Ok(Row {
                    year,
                    month: m.month,
                    date: *date,
                    host: m.host,
                    reasons: reasons_text(&m.reasons, lang),
                    published: m.published,
                    pinned: m.pinned,
                    details: store.visit_details(year, m.month)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        write(path, &rows, &companies(&store)?, lang)
    };
    ExportTask {
        what: Text::new(format!("{year} 年互访计划"), format!("the {year} visit plan")),
        file_name: Text::new(format!("{year}年互访计划.xlsx"), format!("visit plan {year}.xlsx")),
        write: Box::new(write_plan),
    }
}

/// An average as written: two decimals, blank when there is none.
fn two_decimals(average: Option<f64>) -> Value {
    average.map_or(Value::Empty, |a| Value::Number((a * 100.0).round() / 100.0))
}

fn yes_no(yes: bool, lang: Lang) -> Value {
    Value::Text(if yes { lang.pick("是", "Yes") } else { lang.pick("否", "No") }.to_string())
}

/// A visit's guests (invited or there), then the suggested members not yet invited with why.
pub fn export_guests(
    store: &Store,
    year: i32,
    month: u32,
    suggested: &[(CompanyId, String)],
    path: &Path,
    lang: Lang,
) -> Result<usize, ExcelError> {
    let names = companies(store)?;
    let industries: HashMap<CompanyId, String> =
        store.company_list()?.into_iter().map(|i| (i.company.id, i.company.industry)).collect();
    let guests = store.visit_guests(year, month)?;
    let why = |id: CompanyId| suggested.iter().find(|(c, _)| *c == id).map_or("", |(_, why)| why.as_str());
    let unlisted = suggested.iter().filter(|(c, _)| !guests.iter().any(|g| g.company == *c));
    let listed =
        guests.iter().copied().chain(unlisted.map(|(company, _)| Guest { company: *company, ..Guest::default() }));
    let rows: Vec<Vec<Value>> = listed
        .filter_map(|Guest { company, invited, reply, attended }| {
            let (name, zone) = names.get(&company)?;
            let industry = industries.get(&company).map_or("", String::as_str);
            Some(vec![
                Value::of_text(name),
                Value::of_text(zone),
                Value::of_text(industry),
                Value::of_text(why(company)),
                yes_no(invited, lang),
                Value::of_text(if invited { reply.label(lang) } else { "" }),
                yes_no(attended, lang),
            ])
        })
        .collect();
    let headers = [
        lang.pick("单位名称", "Company"),
        lang.pick("片区", "Zone"),
        lang.pick("行业", "Industry"),
        lang.pick("建议理由", "Why suggested"),
        lang.pick("受邀", "Invited"),
        lang.pick("回复", "Reply"),
        lang.pick("出席", "Attended"),
    ];
    write_table(path, lang.pick("邀请与出席", "Invitations"), &headers, &rows)?;
    Ok(rows.len())
}

/// A visit's feedback forms, one row a company, and the averages per question on a second sheet.
pub fn export_feedback(store: &Store, year: i32, month: u32, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let names = companies(store)?;
    let questions = store.feedback_questions()?;
    let answers = store.visit_feedback(year, Some(month))?;
    let mut answered: Vec<CompanyId> = answers.iter().map(|a| a.company).collect();
    answered.dedup();
    let rows: Vec<Vec<Value>> = answered
        .iter()
        .filter_map(|&company| {
            let (name, _) = names.get(&company)?;
            let of = |question: &str| answers.iter().find(|a| a.company == company && a.question == question);
            let scores =
                questions.iter().map(|q| of(q).and_then(|a| a.score).map_or(Value::Empty, |s| Value::Number(s.into())));
            let comment = of("").map_or(Value::Empty, |a| Value::of_text(&a.comment));
            Some(std::iter::once(Value::of_text(name)).chain(scores).chain([comment]).collect())
        })
        .collect();
    let mut headers = vec![lang.pick("单位名称", "Company")];
    headers.extend(questions.iter().map(String::as_str));
    headers.push(lang.pick("意见建议", "Comments"));
    let (per_question, overall) = super::feedback::averages(&questions, &answers);
    let mut summary: Vec<Vec<Value>> = per_question
        .iter()
        .map(|q| vec![Value::of_text(&q.question), two_decimals(q.average), Value::Number(q.answers as f64)])
        .collect();
    let scores = answers.iter().filter(|a| a.score.is_some()).count();
    summary.push(vec![
        Value::of_text(lang.pick("全部题目", "All questions")),
        two_decimals(overall),
        Value::Number(scores as f64),
    ]);
    let summary_headers = [lang.pick("题目", "Question"), lang.pick("平均分", "Average"), lang.pick("份数", "Answers")];
    write_tables(
        path,
        &[
            Table { name: lang.pick("反馈表", "Feedback"), headers: &headers, rows: &rows },
            Table { name: lang.pick("平均分", "Averages"), headers: &summary_headers, rows: &summary },
        ],
    )?;
    Ok(rows.len())
}

/// The visit's invitation and attendance list, for the window's export button.
pub fn guests_task(db: std::path::PathBuf, year: i32, month: u32, suggested: Vec<(CompanyId, String)>) -> ExportTask {
    ExportTask {
        what: Text::new(
            format!("{year} 年 {month} 月互访的邀请与出席名单"),
            format!("the invitations of {year}-{month:02}"),
        ),
        file_name: Text::new(
            format!("{year}年{month}月互访邀请与出席.xlsx"),
            format!("visit {year}-{month:02} guests.xlsx"),
        ),
        write: Box::new(move |path: &Path, lang: Lang| {
            export_guests(&Store::open(&db)?, year, month, &suggested, path, lang)
        }),
    }
}

/// The visit's feedback results, for the window's export button.
pub fn feedback_task(db: std::path::PathBuf, year: i32, month: u32) -> ExportTask {
    ExportTask {
        what: Text::new(format!("{year} 年 {month} 月互访的反馈结果"), format!("the feedback of {year}-{month:02}")),
        file_name: Text::new(
            format!("{year}年{month}月互访反馈.xlsx"),
            format!("visit {year}-{month:02} feedback.xlsx"),
        ),
        write: Box::new(move |path: &Path, lang: Lang| export_feedback(&Store::open(&db)?, year, month, path, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stored_month_is_a_row_with_its_date_as_a_date() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("f.db")).unwrap();
        crate::demo::write_demo_in(&mut store, 40, 1, crate::demo::test_day()).unwrap();
        let path = dir.path().join("visits.xlsx");
        assert_eq!(export_stored(&store, &path, Lang::Zh).unwrap(), 33, "three years of eleven visits");
        let sheet = crate::excel::read::read_sheet(&path, None).unwrap();
        let header: Vec<String> = sheet.rows[0].cells.iter().map(|c| c.text()).collect();
        assert_eq!(header, ["年份", "月份", "日期", "东道主", "片区", "理由", "状态", "时间", "地点", "主题", "议程"]);
        let march_2025 = sheet.rows.iter().find(|r| r.cells[0].text() == "2025" && r.cells[1].text() == "3").unwrap();
        assert!(matches!(march_2025.cells[2], crate::excel::read::Cell::Date(_)));
        assert_eq!(march_2025.cells[3].text(), "宁波东盛模具标准件有限公司");
        assert_eq!(march_2025.cells[6].text(), "已发布");
        assert_eq!(march_2025.cells[7].text(), "14:00");
        assert!(march_2025.cells[9].text().starts_with("走进东盛公司"), "its theme");
        // Each visit's guests, forms, averages and follow-ups, and the booths, on their own sheets.
        assert_eq!(sheet.sheet_names, ["互访计划", "邀请与出席", "反馈表", "反馈平均分", "跟进事项", "展销会展位"]);
        let averages = crate::excel::read::read_sheet(&path, Some("反馈平均分")).unwrap();
        let march = |r: &&crate::excel::read::SheetRow| r.cells[0].text() == "2025" && r.cells[1].text() == "3";
        let (questions, answers) = (store.feedback_questions().unwrap(), store.visit_feedback(2025, Some(3)).unwrap());
        let (expected, _) = crate::visits::feedback::averages(&questions, &answers);
        let first = averages.rows.iter().find(march).expect("March 2025's averages");
        assert_eq!(first.cells[3].text(), expected[0].question);
        let written: f64 = first.cells[4].text().parse().unwrap();
        assert!((written - expected[0].average.unwrap()).abs() < 0.006, "{written} against {:?}", expected[0].average);
        let booths = crate::excel::read::read_sheet(&path, Some("展销会展位")).unwrap();
        let hall = crate::exhibition::Hall::load(&store, 2025).unwrap().unwrap();
        assert_eq!(booths.rows.len(), hall.booths.len() + 1, "every booth of last year's exhibition");
        assert_eq!(booths.rows[1].cells[0].text(), "2025");
        let guests = crate::excel::read::read_sheet(&path, Some("邀请与出席")).unwrap();
        let stored: usize =
            store.all_visit_months().unwrap().iter().map(|m| store.visit_guests(m.year, m.month).unwrap().len()).sum();
        assert_eq!(guests.rows.len(), stored + 1);
        let follow_ups = crate::excel::read::read_sheet(&path, Some("跟进事项")).unwrap();
        assert!(
            follow_ups.rows.iter().any(|r| r.cells.get(9).is_some_and(|c| c.text() == "是")),
            "some became introductions"
        );
    }

    /// Reads a visit's sheet back as the visit's sign-in sheet or feedback forms.
    fn read_back(store: &Store, path: &Path, kind: super::super::sheets::VisitSheet, month: u32) -> bool {
        use super::super::sheets::{VisitRecords, plan_sheet};
        let sheet = crate::excel::read::read_sheet(path, None).unwrap();
        let (guests, answers) =
            (store.visit_guests(2025, month).unwrap(), store.visit_feedback(2025, Some(month)).unwrap());
        let questions = store.feedback_questions().unwrap();
        let visit = VisitRecords { guests: &guests, answers: &answers, questions: &questions };
        let plan = plan_sheet(kind, &sheet.rows, &store.company_list().unwrap(), &visit).unwrap();
        assert_eq!(plan.counts().errors, 0);
        plan.writes()
    }

    #[test]
    fn a_visits_guest_list_and_feedback_read_back_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("f.db")).unwrap();
        crate::demo::write_demo_in(&mut store, 40, 1, crate::demo::test_day()).unwrap();
        let month = 3;
        let guests = store.visit_guests(2025, month).unwrap();
        assert!(guests.iter().any(|g| g.attended) && guests.iter().any(|g| g.invited && !g.attended));
        let path = dir.path().join("guests.xlsx");
        let suggested = [(guests[0].company, "同片区".to_string())];
        assert_eq!(export_guests(&store, 2025, month, &suggested, &path, Lang::Zh).unwrap(), guests.len());
        assert!(!read_back(&store, &path, super::super::sheets::VisitSheet::Attendance, month));

        let answers = store.visit_feedback(2025, Some(month)).unwrap();
        assert!(answers.iter().any(|a| a.score.is_some()) && answers.iter().any(|a| !a.comment.is_empty()));
        let path = dir.path().join("feedback.xlsx");
        export_feedback(&store, 2025, month, &path, Lang::Zh).unwrap();
        assert!(!read_back(&store, &path, super::super::sheets::VisitSheet::Feedback, month));
        let averages = crate::excel::read::read_sheet(&path, Some("平均分")).unwrap();
        assert_eq!(averages.rows[0].cells[0].text(), "题目");
    }
}
