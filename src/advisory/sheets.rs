//! A department's sheet sent back (办理回执): each row either names a request by its number and
//! says where it stands now — the steps to get there are taken as the rules allow, old → new in
//! the preview — or, without a number, is a new request (company, category, problem), routed as if
//! typed. Nothing is written until confirmed; then all of it in one transaction, or nothing.

use crate::domain::advisory::{Request, Status, Step};
use crate::domain::text::{clean, parse_date};
use crate::excel::headers::{header_key, names_any, names_company};
use crate::excel::import::{CompanyIndex, HEADER_SEARCH_ROWS};
use crate::excel::read::SheetRow;
use crate::i18n::Lang;
use crate::store::CompanyListItem;
use crate::tr;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    /// The request moves from → to, by these steps.
    Update {
        request: Request,
        steps: Vec<Step>,
        to: Status,
    },
    New(Request),
    Unchanged,
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowPlan {
    pub row: usize,
    pub number: String,
    pub outcome: RowOutcome,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SheetPlan {
    pub header_row: usize,
    pub rows: Vec<RowPlan>,
}

impl SheetPlan {
    pub fn errors(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r.outcome, RowOutcome::Error(_))).count()
    }

    /// Confirming writes: something changes and no row is in error (the sheet goes in whole).
    pub fn writes(&self) -> bool {
        self.errors() == 0
            && self.rows.iter().any(|r| matches!(r.outcome, RowOutcome::Update { .. } | RowOutcome::New(_)))
    }
}

/// A status as departments write it.
fn status_of(text: &str) -> Option<Status> {
    let text = clean(text);
    Status::from_label(&text).or(match text.as_str() {
        "办结" | "已解决" | "已完成" | "完成" | "解决" => Some(Status::Resolved),
        "处理中" | "正在办理" | "办理" | "在办" => Some(Status::InProgress),
        _ => None,
    })
}

/// The steps from where the request is to `to`, if a department's sheet may take it there.
fn path(from: Status, to: Status, on: NaiveDate, note: &str) -> Option<Vec<Step>> {
    let resolve = || Step::Resolve { on, note: note.to_string() };
    match (from, to) {
        (a, b) if a == b => Some(Vec::new()),
        (Status::Assigned, Status::InProgress) => Some(vec![Step::Start]),
        (Status::Assigned, Status::Resolved) => Some(vec![Step::Start, resolve()]),
        (Status::InProgress, Status::Resolved) => Some(vec![resolve()]),
        _ => None,
    }
}

/// Reads the sheet against the requests and the members.
pub fn plan_sheet(
    rows: &[SheetRow],
    requests: &[Request],
    companies: &[CompanyListItem],
    today: NaiveDate,
    lang: Lang,
) -> Result<SheetPlan, String> {
    let mut columns = None;
    for row in rows.iter().take(HEADER_SEARCH_ROWS) {
        let keys: Vec<String> = row.cells.iter().map(|c| header_key(&c.text())).collect();
        let find = |words: &[&str]| keys.iter().position(|k| names_any(k, words));
        let number = find(&["编号", "number"]);
        let status = find(&["状态", "status"]);
        let company = keys.iter().position(|k| names_company(k));
        if number.is_some() || (company.is_some() && status.is_some()) {
            columns = Some((
                row.index + 1,
                number,
                status,
                company,
                find(&["类别", "category"]),
                find(&["问题", "描述", "诉求内容", "description"]),
                find(&["办结日期", "办结时间", "resolved"]),
                find(&["办理情况", "说明", "答复", "note"]),
            ));
            break;
        }
    }
    let Some((header_row, number_col, status_col, company_col, category_col, problem_col, done_col, note_col)) =
        columns
    else {
        return Err(lang
            .pick(
                "表格前 30 行里找不到表头：需要“编号”列（更新已有诉求），或“企业”“类别”“问题描述”列（新诉求）。",
                "No header in the first 30 rows: a 编号 column (to update requests), or company, category and problem columns (new ones).",
            )
            .into());
    };
    let index = CompanyIndex::new(companies);
    let mut plan = SheetPlan { header_row, rows: Vec::new() };
    for row in rows.iter().filter(|r| r.index + 1 > header_row) {
        let text =
            |col: Option<usize>| col.and_then(|c| row.cells.get(c)).map(|c| clean(&c.text())).unwrap_or_default();
        let number = text(number_col);
        let note = text(note_col);
        let done = match done_col.and_then(|c| row.cells.get(c)) {
            Some(crate::excel::read::Cell::Date(d)) => Some(*d),
            _ => parse_date(&text(done_col)),
        };
        let outcome = if !number.is_empty() {
            match requests.iter().find(|r| r.number == number) {
                None => RowOutcome::Error(tr!(lang, "没有编号为 {number} 的诉求", "No request numbered {number}")),
                Some(request) => match status_of(&text(status_col)) {
                    None => {
                        RowOutcome::Error(tr!(lang, "状态“{}”无法识别", "Status “{}” not recognised", text(status_col)))
                    }
                    Some(to) => match path(request.status, to, done.unwrap_or(today), &note) {
                        Some(steps) if steps.is_empty() => RowOutcome::Unchanged,
                        Some(steps) => RowOutcome::Update { request: request.clone(), steps, to },
                        None => RowOutcome::Error(tr!(
                            lang,
                            "不能从“{}”改为“{}”（回访确认和重新办理由秘书处操作）",
                            "Cannot go from {} to {} (follow-up calls and reopening are the secretariat's)",
                            request.status.label(lang),
                            to.label(lang)
                        )),
                    },
                },
            }
        } else {
            let (company, category, problem) = (text(company_col), text(category_col), text(problem_col));
            if company.is_empty() && category.is_empty() && problem.is_empty() {
                continue;
            }
            match index.owner(&company) {
                Err(_) => RowOutcome::Error(tr!(lang, "成员中找不到“{company}”", "“{company}” is not a member")),
                Ok(_) if category.is_empty() || problem.is_empty() => RowOutcome::Error(
                    lang.pick("新诉求须有类别和问题描述", "A new request needs a category and the problem").into(),
                ),
                Ok(c) => RowOutcome::New(Request {
                    company: c.id,
                    category,
                    description: problem,
                    raised_on: today,
                    channel: crate::domain::advisory::Channel::Letter,
                    ..Request::default()
                }),
            }
        };
        plan.rows.push(RowPlan { row: row.index + 1, number, outcome });
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Company;
    use crate::excel::read::rows_of as sheet;

    #[test]
    fn a_departments_sheet_moves_requests_as_the_rules_allow_and_adds_new_ones() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let request = |number: &str, status| Request { number: number.into(), status, ..Request::default() };
        let requests = [
            request("SQ2026-0001", Status::Assigned),
            request("SQ2026-0002", Status::InProgress),
            request("SQ2026-0003", Status::Confirmed),
        ];
        let companies = vec![CompanyListItem {
            company: Company {
                id: 5,
                name: "宁波东盛模具标准件有限公司".into(),
                short_name: "东盛".into(),
                ..Company::default()
            },
            search_key: String::new(),
            deleted: false,
        }];
        let rows = sheet(&[
            &["编号", "企业", "类别", "问题描述", "办理状态", "办结日期", "办理情况"],
            &["SQ2026-0001", "", "", "", "已解决", "2026-11-18", "已上门指导"],
            &["SQ2026-0002", "", "", "", "办理中", "", ""],
            &["SQ2026-0003", "", "", "", "办理中", "", ""],
            &["SQ2026-0999", "", "", "", "已办结", "", ""],
            &["", "东盛", "用地审批", "二期用地指标", "", "", ""],
        ]);
        let plan = plan_sheet(&rows, &requests, &companies, day, Lang::Zh).unwrap();
        let outcomes: Vec<&RowOutcome> = plan.rows.iter().map(|r| &r.outcome).collect();
        assert!(matches!(outcomes[0], RowOutcome::Update { steps, to: Status::Resolved, .. }
            if steps == &[Step::Start, Step::Resolve { on: NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(), note: "已上门指导".into() }]));
        assert_eq!(outcomes[1], &RowOutcome::Unchanged);
        assert!(matches!(outcomes[2], RowOutcome::Error(e) if e.contains("不能从")));
        assert!(matches!(outcomes[3], RowOutcome::Error(e) if e.contains("SQ2026-0999")));
        assert!(matches!(outcomes[4], RowOutcome::New(r) if r.company == 5 && r.category == "用地审批"));
        assert!(!plan.writes(), "two bad rows: nothing is written");
    }
}
