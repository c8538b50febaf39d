//! A visit's sign-in sheet (签到表) and feedback forms (反馈表) read from Excel. Each row names a
//! company the way a product sheet names its owner (full name, credit code, or a short name only
//! one member has). The plan says, row by row, what would be recorded and why a row cannot be;
//! nothing is written until the secretary confirms, and then all of it in one transaction.
//! Reading the same sheet twice records nothing the second time.

use crate::domain::CompanyId;
use crate::domain::text::clean;
use crate::excel::headers::{header_key, names_company, names_credit_code};
use crate::excel::import::{CompanyIndex, HEADER_SEARCH_ROWS, Problem};
use crate::excel::read::{Cell, SheetRow};
use crate::i18n::Lang;
use crate::store::{CompanyListItem, FeedbackAnswer, Guest};
use crate::tr;
use std::collections::HashMap;

crate::labelled_enum! {
    /// Which of a visit's sheets is being read.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum VisitSheet {
        Attendance = ("attendance", "签到表", "sign-in sheet"),
        Feedback = ("feedback", "反馈表", "feedback forms"),
    }
}

/// Why a sheet cannot be read as the visit's sheet at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("no company column")]
    NoCompanyColumn,
    #[error("no question column")]
    NoQuestionColumn,
}

impl SheetError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NoCompanyColumn => lang
                .pick(
                    "表格前 30 行里找不到写企业名称的列（表头如“单位名称”“企业名称”“公司”）。",
                    "No column naming the companies in the first 30 rows (a header such as 单位名称, 企业名称 or Company).",
                )
                .to_string(),
            Self::NoQuestionColumn => lang
                .pick(
                    "表头里没有反馈表的题目：列名须与反馈表题目一致（可在“本年反馈”中查看和修改题目）。",
                    "No column is one of the form's questions: headers must match them (see and edit them under This year's feedback).",
                )
                .to_string(),
        }
    }
}

/// Why one row is not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    NotFound(String),
    Ambiguous(String),
    /// Scores or a comment without a company.
    NoCompany,
    Score {
        question: String,
        text: String,
    },
    /// A second form from a company: the first is the one read.
    SameCompany {
        first_row: usize,
    },
}

impl RowProblem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotFound(name) => tr!(lang, "成员中找不到“{name}”", "“{name}” is not a member"),
            Self::Ambiguous(name) => tr!(
                lang,
                "“{name}”对应多家企业，请填全称或信用代码",
                "“{name}” matches several companies; use the full name or credit code"
            ),
            Self::NoCompany => lang.pick("缺少企业名称", "No company").to_string(),
            Self::Score { question, text } => {
                tr!(lang, "“{question}”的评分“{text}”不是 1–5 分", "“{text}” for “{question}” is not a score of 1–5")
            }
            Self::SameCompany { first_row } => {
                tr!(
                    lang,
                    "该企业已在第 {first_row} 行填写，此行未导入",
                    "The company already answered in row {first_row}"
                )
            }
        }
    }
}

/// What a row of the sheet does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// Attendance: recorded as there. Feedback: its answers recorded.
    Recorded,
    /// The sheet marks the company absent where it was recorded as there.
    Absent,
    /// Already recorded so (a second import of the same sheet).
    Unchanged,
    /// The same company signed in again (a second person from it): counted once.
    Repeated {
        first_row: usize,
    },
    Error(RowProblem),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlan {
    /// The row number Excel shows.
    pub row: usize,
    /// The company as the sheet names it.
    pub name: String,
    pub company: Option<CompanyId>,
    /// The sheet shows the company as there (or, for feedback, as having answered).
    pub present: bool,
    pub outcome: RowOutcome,
}

/// A read sheet: each row's outcome, and what confirming would write.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPlan {
    pub kind: VisitSheet,
    /// The header's row number as Excel shows it.
    pub header_row: usize,
    pub rows: Vec<RowPlan>,
    /// Headers of columns that are not read.
    pub ignored: Vec<String>,
    /// The guests whose record changes, as they would be.
    pub guests: Vec<Guest>,
    /// The answers new or changed.
    pub answers: Vec<FeedbackAnswer>,
}

/// The summary the preview leads with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetCounts {
    /// Companies the sheet shows as there (attendance) or that answered (feedback).
    pub companies: usize,
    /// Rows that would change something.
    pub changes: usize,
    pub unchanged: usize,
    /// Names that are not members, as written, once each.
    pub not_found: Vec<String>,
    /// Rows with another problem.
    pub errors: usize,
}

impl SheetPlan {
    pub fn counts(&self) -> SheetCounts {
        let mut counts = SheetCounts::default();
        for row in &self.rows {
            match &row.outcome {
                RowOutcome::Recorded | RowOutcome::Absent => counts.changes += 1,
                RowOutcome::Unchanged => counts.unchanged += 1,
                RowOutcome::Repeated { .. } => {}
                RowOutcome::Error(RowProblem::NotFound(name)) => {
                    if !counts.not_found.contains(name) {
                        counts.not_found.push(name.clone());
                    }
                }
                RowOutcome::Error(_) => counts.errors += 1,
            }
            if row.present && matches!(row.outcome, RowOutcome::Recorded | RowOutcome::Unchanged) {
                counts.companies += 1;
            }
        }
        counts
    }

    /// Whether anything would be written.
    pub fn writes(&self) -> bool {
        !self.guests.is_empty() || !self.answers.is_empty()
    }
}

/// What the visit holds before the sheet is read.
pub struct VisitRecords<'a> {
    pub guests: &'a [Guest],
    pub answers: &'a [FeedbackAnswer],
    /// The feedback form's questions.
    pub questions: &'a [String],
}

fn names_presence(key: &str) -> bool {
    ["签到", "出席", "到会", "参会情况", "是否参加", "是否参会", "到场", "attended", "attendance", "present"]
        .iter()
        .any(|w| key.contains(w))
}

fn names_comment(key: &str) -> bool {
    ["意见", "建议", "评价内容", "留言", "备注", "comment", "suggestion"].iter().any(|w| key.contains(w))
}

/// The question a header asks, if it is one of the form's (written out or shortened).
fn question_of<'q>(key: &str, questions: &'q [String]) -> Option<&'q String> {
    let keys: Vec<String> = questions.iter().map(|q| header_key(q)).collect();
    let exact = keys.iter().position(|q| q == key);
    let close = || keys.iter().position(|q| key.chars().count() >= 2 && (q.contains(key) || key.contains(q.as_str())));
    exact.or_else(close).map(|i| &questions[i])
}

/// What a presence cell says: blank or a no means absent.
fn says_present(cell: Option<&Cell>) -> bool {
    const NO: [&str; 16] = [
        "否",
        "无",
        "未到",
        "缺席",
        "未参加",
        "未出席",
        "请假",
        "缺",
        "未签到",
        "×",
        "✗",
        "✘",
        "x",
        "n",
        "no",
        "false",
    ];
    match cell {
        None | Some(Cell::Empty) => false,
        Some(Cell::Number(n)) => *n != 0.0,
        Some(cell) => {
            let text = clean(&cell.text()).to_lowercase();
            !text.is_empty() && text != "0" && !NO.contains(&text.as_str())
        }
    }
}

/// Why a visit's sheet could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Excel(#[from] crate::excel::ExcelError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Sheet(#[from] SheetError),
}

impl ReadError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Excel(e) => e.message(lang),
            Self::Store(e) => e.message(lang),
            Self::Sheet(e) => e.message(lang),
        }
    }
}

/// Reads the file's first sheet as the sign-in sheet or feedback forms of the visit of
/// `year`-`month`, against the federation in `db` (in the background: nothing is written).
pub fn read_visit_sheet(
    db: &std::path::Path,
    file: &std::path::Path,
    kind: VisitSheet,
    year: i32,
    month: u32,
) -> Result<SheetPlan, ReadError> {
    let sheet = crate::excel::read::read_sheet(file, None)?;
    let store = crate::store::Store::open(db)?;
    let (guests, answers) = (store.visit_guests(year, month)?, store.visit_feedback(year, Some(month))?);
    let questions = store.feedback_questions()?;
    let visit = VisitRecords { guests: &guests, answers: &answers, questions: &questions };
    Ok(plan_sheet(kind, &sheet.rows, &store.company_list()?, &visit)?)
}

/// A score of 1–5 as typed: 4, 4分, ★★★★; blank is none.
fn score(cell: &Cell) -> Result<Option<u8>, String> {
    let text = clean(&cell.text());
    if text.is_empty() {
        return Ok(None);
    }
    let stars = text.chars().filter(|c| *c == '★').count();
    let value = if !text.is_empty() && text.chars().all(|c| c == '★' || c == '☆') {
        Some(stars as f64)
    } else {
        text.trim_end_matches('分').trim().parse::<f64>().ok()
    };
    match value {
        Some(v) if v.fract() == 0.0 && (1.0..=5.0).contains(&v) => Ok(Some(v as u8)),
        _ => Err(text),
    }
}

/// Where the header is and which column holds what.
struct Columns<'q> {
    header_row: usize,
    company: usize,
    credit_code: Option<usize>,
    presence: Option<usize>,
    comment: Option<usize>,
    questions: Vec<(usize, &'q String)>,
    ignored: Vec<String>,
}

fn find_columns<'q>(rows: &[SheetRow], kind: VisitSheet, questions: &'q [String]) -> Result<Columns<'q>, SheetError> {
    let mut company_only = false;
    for row in rows.iter().take(HEADER_SEARCH_ROWS) {
        let keys: Vec<String> = row.cells.iter().map(|c| header_key(&c.text())).collect();
        let Some(company) = keys.iter().position(|k| names_company(k)) else { continue };
        let mut columns = Columns {
            header_row: row.index + 1,
            company,
            credit_code: None,
            presence: None,
            comment: None,
            questions: Vec::new(),
            ignored: Vec::new(),
        };
        for (i, key) in keys.iter().enumerate().filter(|(i, k)| *i != company && !k.is_empty()) {
            let question = (kind == VisitSheet::Feedback).then(|| question_of(key, questions)).flatten();
            if names_credit_code(key) && columns.credit_code.is_none() {
                columns.credit_code = Some(i);
            } else if let Some(q) = question.filter(|q| !columns.questions.iter().any(|(_, have)| have == q)) {
                columns.questions.push((i, q));
            } else if kind == VisitSheet::Attendance && names_presence(key) && columns.presence.is_none() {
                columns.presence = Some(i);
            } else if kind == VisitSheet::Feedback && names_comment(key) && columns.comment.is_none() {
                columns.comment = Some(i);
            } else {
                columns.ignored.push(clean(&row.cells[i].text()));
            }
        }
        if kind == VisitSheet::Attendance || !columns.questions.is_empty() {
            return Ok(columns);
        }
        company_only = true;
    }
    Err(if company_only { SheetError::NoQuestionColumn } else { SheetError::NoCompanyColumn })
}

/// Reads the visit's sheet against the members and what the visit already holds.
pub fn plan_sheet(
    kind: VisitSheet,
    rows: &[SheetRow],
    companies: &[CompanyListItem],
    visit: &VisitRecords,
) -> Result<SheetPlan, SheetError> {
    let columns = find_columns(rows, kind, visit.questions)?;
    let index = CompanyIndex::new(companies);
    let mut plan = SheetPlan {
        kind,
        header_row: columns.header_row,
        rows: Vec::new(),
        ignored: columns.ignored.clone(),
        guests: Vec::new(),
        answers: Vec::new(),
    };
    // The row each company was first seen on, and whether the sheet says it was there.
    let mut seen: HashMap<CompanyId, usize> = HashMap::new();
    for row in rows.iter().filter(|r| r.index + 1 > columns.header_row) {
        let cell = |i: usize| row.cells.get(i).filter(|c| !c.is_blank());
        let name = cell(columns.company).map(|c| clean(&c.text())).unwrap_or_default();
        let code = columns.credit_code.and_then(cell).map(|c| clean(&c.text()));
        let has_answers =
            columns.questions.iter().any(|(i, _)| cell(*i).is_some()) || columns.comment.and_then(cell).is_some();
        let number = row.index + 1;
        let entry = |company: Option<CompanyId>, present: bool, outcome: RowOutcome| RowPlan {
            row: number,
            name: name.clone(),
            company,
            present,
            outcome,
        };
        if name.is_empty() && code.is_none() {
            // A signature with no company, a blank line, a footer: nothing to record.
            if kind == VisitSheet::Feedback && has_answers {
                plan.rows.push(entry(None, false, RowOutcome::Error(RowProblem::NoCompany)));
            }
            continue;
        }
        let found = match index.owner(&name) {
            Ok(company) => Ok(company),
            Err(problem) => code.as_deref().and_then(|c| index.owner(c).ok()).ok_or(problem),
        };
        let company = match found {
            Ok(company) => company.id,
            Err(Problem::OwnerAmbiguous(n)) => {
                plan.rows.push(entry(None, false, RowOutcome::Error(RowProblem::Ambiguous(n))));
                continue;
            }
            Err(_) => {
                plan.rows.push(entry(None, false, RowOutcome::Error(RowProblem::NotFound(name.clone()))));
                continue;
            }
        };
        let guest = visit.guests.iter().find(|g| g.company == company).copied();
        let there_before = guest.is_some_and(|g| g.attended);
        match kind {
            VisitSheet::Attendance => {
                let present = columns.presence.is_none_or(|i| says_present(row.cells.get(i)));
                if let Some(&first_row) = seen.get(&company) {
                    // Another person of a company already seen: there if either row says so.
                    if present && let Some(first) = plan.rows.iter_mut().find(|r| r.row == first_row) {
                        first.present = true;
                        first.outcome = attendance_outcome(true, there_before);
                    }
                    plan.rows.push(entry(Some(company), present, RowOutcome::Repeated { first_row }));
                    continue;
                }
                seen.insert(company, number);
                plan.rows.push(entry(Some(company), present, attendance_outcome(present, there_before)));
            }
            VisitSheet::Feedback => {
                if let Some(&first_row) = seen.get(&company) {
                    plan.rows.push(entry(
                        Some(company),
                        true,
                        RowOutcome::Error(RowProblem::SameCompany { first_row }),
                    ));
                    continue;
                }
                seen.insert(company, number);
                let stored =
                    |question: &str| visit.answers.iter().find(|a| a.company == company && a.question == question);
                let mut answers = Vec::new();
                let mut bad = None;
                for &(i, question) in &columns.questions {
                    match row.cells.get(i).map_or(Ok(None), score) {
                        Ok(Some(given)) => {
                            let comment = stored(question).map_or(String::new(), |a| a.comment.clone());
                            answers.push(FeedbackAnswer {
                                company,
                                question: question.clone(),
                                score: Some(given),
                                comment,
                            });
                        }
                        Ok(None) => {}
                        Err(text) => bad = bad.or(Some(RowProblem::Score { question: question.clone(), text })),
                    }
                }
                if let Some(problem) = bad {
                    plan.rows.push(entry(Some(company), true, RowOutcome::Error(problem)));
                    continue;
                }
                // The company's comment is kept with the form's empty question.
                if let Some(comment) = columns.comment.and_then(cell).map(|c| c.text().trim().to_string()) {
                    answers.push(FeedbackAnswer { company, question: String::new(), score: None, comment });
                }
                answers.retain(|a| stored(&a.question) != Some(a));
                // A form handed in is proof the company was there.
                if !there_before {
                    plan.guests
                        .push(Guest { attended: true, ..guest.unwrap_or(Guest { company, ..Guest::default() }) });
                }
                let outcome =
                    if answers.is_empty() && there_before { RowOutcome::Unchanged } else { RowOutcome::Recorded };
                plan.answers.extend(answers);
                plan.rows.push(entry(Some(company), true, outcome));
            }
        }
    }
    if kind == VisitSheet::Attendance {
        for row in &plan.rows {
            if let (Some(company), RowOutcome::Recorded | RowOutcome::Absent) = (row.company, &row.outcome) {
                let before = visit.guests.iter().find(|g| g.company == company).copied();
                plan.guests
                    .push(Guest { attended: row.present, ..before.unwrap_or(Guest { company, ..Guest::default() }) });
            }
        }
    }
    Ok(plan)
}

fn attendance_outcome(present: bool, there_before: bool) -> RowOutcome {
    match (present, there_before) {
        (true, true) | (false, false) => RowOutcome::Unchanged,
        (true, false) => RowOutcome::Recorded,
        (false, true) => RowOutcome::Absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Company;
    use crate::excel::read::rows_of as sheet;
    use crate::store::Reply;

    fn members() -> Vec<CompanyListItem> {
        let company = |id: i64, name: &str, short: &str, code: &str| CompanyListItem {
            company: Company {
                id,
                name: name.into(),
                short_name: short.into(),
                credit_code: code.into(),
                ..Company::default()
            },
            search_key: String::new(),
            deleted: false,
        };
        vec![
            company(1, "宁波东盛模具标准件有限公司", "东盛", "91330206MA2AB1C2XY"),
            company(2, "宁波威骏汽车零部件有限公司", "威骏", ""),
            company(3, "大港精工机械有限公司", "精工", ""),
            company(4, "北仑精工电子有限公司", "精工", ""),
        ]
    }

    fn no_records() -> VisitRecords<'static> {
        VisitRecords { guests: &[], answers: &[], questions: &[] }
    }

    #[test]
    fn a_sign_in_sheet_is_read_under_its_title_with_names_as_members_write_them() {
        let rows = sheet(&[
            &["2026年3月互访交流签到表"],
            &["序号", "参会单位（全称）", "姓名", "职务", "联系电话"],
            &["1", "威骏", "王五", "采购经理", "13800000000"],
            &["2", "宁波威骏汽车零部件有限公司", "赵六", "", ""],
            &["3", "精工", "钱七", "", ""],
            &["4", "某某贸易行", "孙八", "", ""],
            &["", "", "李九", "", ""],
            &["5", "91330206MA2AB1C2XY", "周十", "", ""],
        ]);
        let plan = plan_sheet(VisitSheet::Attendance, &rows, &members(), &no_records()).unwrap();
        assert_eq!(plan.header_row, 2);
        let outcomes: Vec<_> = plan.rows.iter().map(|r| (r.row, r.outcome.clone())).collect();
        assert_eq!(
            outcomes,
            [
                (3, RowOutcome::Recorded),
                (4, RowOutcome::Repeated { first_row: 3 }),
                (5, RowOutcome::Error(RowProblem::Ambiguous("精工".into()))),
                (6, RowOutcome::Error(RowProblem::NotFound("某某贸易行".into()))),
                (8, RowOutcome::Recorded),
            ]
        );
        let counts = plan.counts();
        assert_eq!((counts.companies, counts.changes, counts.errors), (2, 2, 1));
        assert_eq!(counts.not_found, ["某某贸易行"]);
        assert_eq!(
            plan.guests,
            [
                Guest { company: 2, attended: true, ..Guest::default() },
                Guest { company: 1, attended: true, ..Guest::default() }
            ]
        );
    }

    #[test]
    fn reading_the_same_sheet_after_it_was_recorded_changes_nothing() {
        let rows = sheet(&[&["单位名称", "出席"], &["东盛", "是"], &["威骏", "否"]]);
        let guests = [
            Guest { company: 1, invited: true, attended: true, ..Guest::default() },
            Guest { company: 2, invited: true, ..Guest::default() },
        ];
        let visit = VisitRecords { guests: &guests, answers: &[], questions: &[] };
        let plan = plan_sheet(VisitSheet::Attendance, &rows, &members(), &visit).unwrap();
        assert!(!plan.writes());
        assert_eq!(plan.counts().companies, 1, "only 东盛 was there");
        assert!(plan.rows.iter().all(|r| r.outcome == RowOutcome::Unchanged));
    }

    #[test]
    fn a_presence_column_can_say_absent_and_correct_an_earlier_record() {
        let rows =
            sheet(&[&["企业名称", "是否出席"], &["东盛", "请假"], &["威骏", "✓"], &["大港精工机械有限公司", ""]]);
        // 东盛 had accepted and was ticked as there; the sheet says it sent apologies.
        let guests = [Guest { company: 1, invited: true, reply: Reply::Accepted, attended: true }];
        let visit = VisitRecords { guests: &guests, answers: &[], questions: &[] };
        let plan = plan_sheet(VisitSheet::Attendance, &rows, &members(), &visit).unwrap();
        let outcomes: Vec<_> = plan.rows.iter().map(|r| r.outcome.clone()).collect();
        assert_eq!(outcomes, [RowOutcome::Absent, RowOutcome::Recorded, RowOutcome::Unchanged]);
        assert_eq!(
            plan.guests,
            [
                Guest { company: 1, invited: true, reply: Reply::Accepted, attended: false },
                Guest { company: 2, attended: true, ..Guest::default() }
            ]
        );
    }

    #[test]
    fn a_sheet_without_a_company_column_is_refused_with_what_it_needs() {
        let rows = sheet(&[&["姓名", "电话"], &["王五", "138"]]);
        let refused = plan_sheet(VisitSheet::Attendance, &rows, &members(), &no_records()).unwrap_err();
        assert_eq!(refused, SheetError::NoCompanyColumn);
        assert!(refused.message(Lang::Zh).contains("单位名称"));
    }

    #[test]
    fn feedback_forms_read_scores_in_any_usual_form_and_refuse_the_rest() {
        let questions = ["活动组织".to_string(), "交流收获".to_string()];
        let rows = sheet(&[
            &["公司", "活动组织（1-5分）", "交流收获", "意见建议", "填表人"],
            &["东盛", "5", "4分", "希望多安排车间参观", "张三"],
            &["威骏", "★★★", "", "", ""],
            &["大港精工机械有限公司", "优", "3", "", ""],
            &["", "4", "4", "", ""],
            &["东盛", "1", "1", "", ""],
        ]);
        let visit = VisitRecords { guests: &[], answers: &[], questions: &questions };
        let plan = plan_sheet(VisitSheet::Feedback, &rows, &members(), &visit).unwrap();
        assert_eq!(plan.ignored, ["填表人"]);
        let outcomes: Vec<_> = plan.rows.iter().map(|r| r.outcome.clone()).collect();
        assert_eq!(
            outcomes,
            [
                RowOutcome::Recorded,
                RowOutcome::Recorded,
                RowOutcome::Error(RowProblem::Score { question: "活动组织".into(), text: "优".into() }),
                RowOutcome::Error(RowProblem::NoCompany),
                RowOutcome::Error(RowProblem::SameCompany { first_row: 2 }),
            ]
        );
        let scores: Vec<_> = plan.answers.iter().map(|a| (a.company, a.question.as_str(), a.score)).collect();
        assert_eq!(
            scores,
            [(1, "活动组织", Some(5)), (1, "交流收获", Some(4)), (1, "", None), (2, "活动组织", Some(3))]
        );
        assert_eq!(plan.answers[2].comment, "希望多安排车间参观");
        // Both are recorded as there: a form handed in says so.
        assert_eq!(plan.guests.iter().map(|g| (g.company, g.attended)).collect::<Vec<_>>(), [(1, true), (2, true)]);
    }

    #[test]
    fn a_feedback_sheet_whose_headers_are_not_the_questions_is_refused() {
        let questions = ["活动组织".to_string()];
        let rows = sheet(&[&["单位名称", "满意度"], &["东盛", "5"]]);
        let visit = VisitRecords { guests: &[], answers: &[], questions: &questions };
        assert_eq!(plan_sheet(VisitSheet::Feedback, &rows, &members(), &visit), Err(SheetError::NoQuestionColumn));
    }
}
