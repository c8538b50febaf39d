//! An event's entries read from a company's or the secretariat's sheet (报名表): the company named
//! like a product's owner, the contestant, their number, trade and time. Every row is checked
//! before anything is written, and the sheet goes in whole or not at all: one bad row stops it,
//! with the row and the reason. A contestant already entered is left as is, so reading the same
//! sheet twice adds nobody twice.

use crate::domain::contest::{Entry, Event};
use crate::domain::text::{clean, parse_number};
use crate::excel::headers::{header_key, names_any, names_company, names_credit_code};
use crate::excel::import::{CompanyIndex, HEADER_SEARCH_ROWS, Problem};
use crate::excel::read::SheetRow;
use crate::i18n::Lang;
use crate::store::CompanyListItem;
use crate::tr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryProblem {
    NoHeader,
    NoContestant,
    NotFound(String),
    Ambiguous(String),
    Time(String),
    /// The same contestant of the same company again in the sheet.
    Repeated {
        first_row: usize,
    },
}

impl EntryProblem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NoHeader => lang
                .pick(
                    "表格前 30 行里找不到表头：需要写单位的列（如“单位名称”）和写选手的列（如“姓名”“选手”）。",
                    "No header in the first 30 rows: a company column (单位名称) and a contestant column (姓名, 选手) are needed.",
                )
                .into(),
            Self::NoContestant => lang.pick("缺少选手姓名", "No contestant").into(),
            Self::NotFound(name) => tr!(lang, "成员中找不到“{name}”", "“{name}” is not a member"),
            Self::Ambiguous(name) => tr!(
                lang,
                "“{name}”对应多家企业，请填全称或信用代码",
                "“{name}” matches several companies; use the full name or credit code"
            ),
            Self::Time(text) => tr!(lang, "用时“{text}”不是秒数", "Time “{text}” is not a number of seconds"),
            Self::Repeated { first_row } => tr!(lang, "与第 {first_row} 行是同一选手", "The same contestant as row {first_row}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    New(Entry),
    /// Already entered in the event.
    Entered,
    Error(EntryProblem),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowPlan {
    /// The row number Excel shows.
    pub row: usize,
    pub contestant: String,
    pub outcome: RowOutcome,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntriesPlan {
    pub header_row: usize,
    pub rows: Vec<RowPlan>,
}

impl EntriesPlan {
    /// The entries the sheet adds.
    pub fn new_entries(&self) -> Vec<Entry> {
        self.rows
            .iter()
            .filter_map(|r| if let RowOutcome::New(e) = &r.outcome { Some(e.clone()) } else { None })
            .collect()
    }

    pub fn errors(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r.outcome, RowOutcome::Error(_))).count()
    }

    /// Whether confirming would write: something new, and no row in error.
    pub fn writes(&self) -> bool {
        self.errors() == 0 && !self.new_entries().is_empty()
    }
}

const CONTESTANT: [&str; 6] = ["姓名", "选手", "参赛人员", "参赛者", "contestant", "name"];
const NUMBER: [&str; 5] = ["工号", "员工号", "员工编号", "编号", "employee"];
const TRADE: [&str; 3] = ["工种", "岗位", "trade"];
const TIME: [&str; 3] = ["用时", "时间", "time"];

/// Reads the sheet's rows as entries of `event`.
pub fn plan_entries(
    rows: &[SheetRow],
    companies: &[CompanyListItem],
    event: &Event,
    existing: &[Entry],
) -> Result<EntriesPlan, EntryProblem> {
    let mut header = None;
    for row in rows.iter().take(HEADER_SEARCH_ROWS) {
        let keys: Vec<String> = row.cells.iter().map(|c| header_key(&c.text())).collect();
        let find = |test: &dyn Fn(&str) -> bool| keys.iter().position(|k| test(k));
        let (Some(company), Some(contestant)) =
            (find(&|k| names_company(k)), find(&|k| names_any(k, &CONTESTANT) && !names_company(k)))
        else {
            continue;
        };
        let code = find(&|k| names_credit_code(k));
        let number = find(&|k| names_any(k, &NUMBER));
        let trade = find(&|k| names_any(k, &TRADE));
        let time = find(&|k| names_any(k, &TIME));
        header = Some((row.index + 1, company, contestant, code, number, trade, time));
        break;
    }
    let Some((header_row, company_col, contestant_col, code_col, number_col, trade_col, time_col)) = header else {
        return Err(EntryProblem::NoHeader);
    };
    let index = CompanyIndex::new(companies);
    let mut plan = EntriesPlan { header_row, rows: Vec::new() };
    let mut seen: Vec<(i64, String, usize)> = Vec::new();
    for row in rows.iter().filter(|r| r.index + 1 > header_row) {
        let text =
            |col: Option<usize>| col.and_then(|c| row.cells.get(c)).map(|c| clean(&c.text())).unwrap_or_default();
        let (company_name, contestant) = (text(Some(company_col)), text(Some(contestant_col)));
        if company_name.is_empty() && contestant.is_empty() {
            continue;
        }
        let number = text(number_col);
        let push = |plan: &mut EntriesPlan, outcome| {
            plan.rows.push(RowPlan { row: row.index + 1, contestant: contestant.clone(), outcome })
        };
        if contestant.is_empty() {
            push(&mut plan, RowOutcome::Error(EntryProblem::NoContestant));
            continue;
        }
        let found = index.owner(&company_name).or_else(|problem| {
            let code = text(code_col);
            if code.is_empty() { Err(problem) } else { index.owner(&code).map_err(|_| problem) }
        });
        let company = match found {
            Ok(c) => c.id,
            Err(Problem::OwnerAmbiguous(name)) => {
                push(&mut plan, RowOutcome::Error(EntryProblem::Ambiguous(name)));
                continue;
            }
            Err(_) => {
                push(&mut plan, RowOutcome::Error(EntryProblem::NotFound(company_name.clone())));
                continue;
            }
        };
        let time_text = text(time_col);
        let time = match parse_number(time_text.trim_end_matches('秒')) {
            Ok(t) if t.is_none_or(|t| t >= 0.0) => t,
            _ => {
                push(&mut plan, RowOutcome::Error(EntryProblem::Time(time_text)));
                continue;
            }
        };
        // The same person: same company, same name, and the same number when both have one.
        let same = |c: i64, name: &str, no: &str| {
            c == company && name == contestant && (no.is_empty() || number.is_empty() || no == number)
        };
        if let Some((_, _, first_row)) = seen.iter().find(|(c, n, _)| same(*c, n, "")) {
            push(&mut plan, RowOutcome::Error(EntryProblem::Repeated { first_row: *first_row }));
            continue;
        }
        seen.push((company, contestant.clone(), row.index + 1));
        if existing.iter().any(|e| same(e.company, &e.contestant, &e.employee_no)) {
            push(&mut plan, RowOutcome::Entered);
            continue;
        }
        let trade = text(trade_col);
        let entry = Entry {
            id: 0,
            event_id: event.id,
            company,
            contestant: contestant.clone(),
            employee_no: number.clone(),
            trade: if trade.is_empty() { event.name.clone() } else { trade },
            time_seconds: time,
            order: None,
        };
        push(&mut plan, RowOutcome::New(entry));
    }
    Ok(plan)
}

/// Why an entry form could not be read at all.
#[derive(Debug)]
pub enum ReadError {
    Excel(crate::excel::ExcelError),
    Store(crate::store::StoreError),
    Sheet(EntryProblem),
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

/// Reads the file's first sheet as entries of `event` (in the background: nothing is written).
pub fn read_entries(db: &std::path::Path, file: &std::path::Path, event: &Event) -> Result<EntriesPlan, ReadError> {
    let sheet = crate::excel::read::read_sheet(file, None).map_err(ReadError::Excel)?;
    let store = crate::store::Store::open(db).map_err(ReadError::Store)?;
    let existing = store.contest_entries(event.id).map_err(ReadError::Store)?;
    let companies = store.company_list().map_err(ReadError::Store)?;
    plan_entries(&sheet.rows, &companies, event, &existing).map_err(ReadError::Sheet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Company;
    use crate::excel::read::rows_of as sheet;

    fn members() -> Vec<CompanyListItem> {
        let company = |id: i64, name: &str, short: &str| CompanyListItem {
            company: Company { id, name: name.into(), short_name: short.into(), ..Company::default() },
            search_key: String::new(),
            deleted: false,
        };
        vec![company(1, "宁波东盛模具标准件有限公司", "东盛"), company(2, "宁波威骏模具有限公司", "威骏")]
    }

    #[test]
    fn an_entry_form_is_read_whole_and_a_bad_row_stops_it() {
        let event = Event { id: 9, ..Event::new(1, "焊工") };
        let rows = sheet(&[
            &["2026年第四季度技术比武报名表"],
            &["序号", "单位名称", "选手姓名", "工号", "用时（秒）"],
            &["1", "东盛", "张三", "GH001", "1200"],
            &["2", "威骏", "李四", "", ""],
            &["3", "东盛", "张三", "GH001", ""],
            &["4", "某贸易行", "王五", "", ""],
            &["5", "威骏", "赵六", "", "二十分钟"],
        ]);
        let existing = [Entry { company: 2, contestant: "李四".into(), ..Entry::default() }];
        let plan = plan_entries(&rows, &members(), &event, &existing).unwrap();
        assert_eq!(plan.header_row, 2);
        let outcomes: Vec<_> = plan.rows.iter().map(|r| (r.row, r.outcome.clone())).collect();
        assert!(
            matches!(&outcomes[0], (3, RowOutcome::New(e)) if e.company == 1 && e.trade == "焊工" && e.time_seconds == Some(1200.0))
        );
        assert_eq!(outcomes[1], (4, RowOutcome::Entered));
        assert_eq!(outcomes[2], (5, RowOutcome::Error(EntryProblem::Repeated { first_row: 3 })));
        assert_eq!(outcomes[3], (6, RowOutcome::Error(EntryProblem::NotFound("某贸易行".into()))));
        assert_eq!(outcomes[4], (7, RowOutcome::Error(EntryProblem::Time("二十分钟".into()))));
        assert!(!plan.writes(), "three bad rows: nothing is written");
        let good = plan_entries(&rows[..4], &members(), &event, &existing).unwrap();
        assert!(good.writes());
        assert_eq!(good.new_entries().len(), 1, "李四 is already entered");
        assert_eq!(plan_entries(&sheet(&[&["姓名"], &["张三"]]), &members(), &event, &[]), Err(EntryProblem::NoHeader));
    }
}
