//! Writing real spreadsheets: bold frozen header with a filter, widths that fit Chinese text,
//! numbers as numbers, dates as dates, an ID column for re-import, and text that stays text.

use super::ExcelError;
use super::columns::{ID, ListKind};
use crate::domain::fields::{Env, FieldTable, Kind, Value};
use crate::domain::{Company, Need, Product};
use crate::i18n::{Lang, Text};
use crate::store::{ChildRecord, Store};
use chrono::Datelike;
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, Formula, Workbook, Worksheet};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const MAX_WIDTH: usize = 48;
/// Rows of a template that get the drop-down lists.
const TEMPLATE_ROWS: u32 = 2000;

/// Display width in Excel's character units: a Chinese character is two.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Text Excel would take for a formula (or that turns into one when the cell is edited).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// What the fields of the park's records need: its zones, the industries in use, where it is.
struct ParkEnv {
    zones: Vec<crate::domain::Zone>,
    industries: Vec<String>,
    place: crate::domain::place::ParkPlace,
}

impl ParkEnv {
    fn load(store: &Store, companies: &[Company]) -> Result<Self, ExcelError> {
        let mut industries: Vec<String> =
            companies.iter().map(|c| c.industry.clone()).filter(|s| !s.is_empty()).collect();
        industries.sort();
        industries.dedup();
        Ok(Self { zones: store.zones()?, industries, place: store.park_place()? })
    }

    fn env(&self, lang: Lang) -> Env<'_> {
        Env { lang, zones: &self.zones, industries: &self.industries, place: &self.place }
    }
}

/// A record's cells in its list's column order: ID, the owner's name for products and needs,
/// then every field.
fn record_row<R: FieldTable>(record: &R, id: i64, owner: Option<&str>, env: &Env) -> Vec<Value> {
    let fields = R::fields().iter().map(|f| (f.value)(record, env));
    std::iter::once(Value::Number(id as f64)).chain(owner.map(Value::of_text)).chain(fields).collect()
}

fn child_rows<R: FieldTable + ChildRecord>(
    store: &Store,
    names: &HashMap<i64, &str>,
    env: &Env,
) -> Result<Vec<Vec<Value>>, ExcelError> {
    let owner = |id: i64| names.get(&id).copied().unwrap_or_default();
    Ok(store.all_children::<R>()?.iter().map(|r| record_row(r, r.id(), Some(owner(r.company_id())), env)).collect())
}

/// The records of one list as rows of typed values, in the list's column order.
fn list_rows(store: &Store, kind: ListKind, lang: Lang) -> Result<Vec<Vec<Value>>, ExcelError> {
    let companies: Vec<Company> = store.live_companies()?;
    let park = ParkEnv::load(store, &companies)?;
    let env = park.env(lang);
    let names: HashMap<i64, &str> = companies.iter().map(|c| (c.id, c.name.as_str())).collect();
    match kind {
        ListKind::Companies => Ok(companies.iter().map(|c| record_row(c, c.id, None, &env)).collect()),
        ListKind::Products => child_rows::<Product>(store, &names, &env),
        ListKind::Needs => child_rows::<Need>(store, &names, &env),
    }
}

struct Formats {
    header: Format,
    date: Format,
    text_as_text: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            text_as_text: Format::new().set_quote_prefix(),
        }
    }
}

fn write_header(sheet: &mut Worksheet, headers: &[&str], formats: &Formats) -> Result<Vec<usize>, ExcelError> {
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(headers.iter().map(|h| display_width(h) + 4).collect())
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    formats: &Formats,
) -> Result<usize, ExcelError> {
    match value {
        Value::Empty => Ok(0),
        Value::Text(text) => {
            if looks_like_formula(text) {
                sheet.write_string_with_format(row, col, text, &formats.text_as_text)?;
            } else {
                sheet.write_string(row, col, text)?;
            }
            Ok(display_width(text))
        }
        Value::Number(n) => {
            sheet.write_number(row, col, *n)?;
            Ok(value.text().len())
        }
        Value::Date(d) => {
            let date = u16::try_from(d.year())
                .ok()
                .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
            match date {
                Some(date) => sheet.write_datetime_with_format(row, col, &date, &formats.date)?,
                // A date Excel cannot hold (year 1 or 10000, from an older version's data) goes as
                // text: one odd value never blocks a whole export.
                None => sheet.write_string(row, col, d.to_string())?,
            };
            Ok(10)
        }
    }
}

fn set_widths(sheet: &mut Worksheet, widths: &[usize]) -> Result<(), ExcelError> {
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width + 2).min(MAX_WIDTH) as f64)?;
    }
    Ok(())
}

/// Writes an export's file in the language given; returns how many rows it wrote.
pub type WriteFile = Box<dyn FnOnce(&Path, Lang) -> Result<usize, ExcelError> + Send>;

/// An export to run in the background: what it is called and how it writes its file.
pub struct ExportTask {
    /// What is exported, as the notification names it: "成员企业".
    pub what: Text,
    /// The file name the save dialog suggests.
    pub file_name: Text,
    /// Writes the file in the language given; returns how many rows it wrote.
    pub write: WriteFile,
}

impl ExportTask {
    /// A list of the federation (or its blank template), read through its own connection.
    pub fn list(db: PathBuf, kind: ListKind, template: bool) -> Self {
        let phrase = kind.phrase();
        let file_name = if template {
            Text::new(format!("{}模板.xlsx", phrase.zh), format!("{} template.xlsx", phrase.en))
        } else {
            Text::new(format!("{}.xlsx", phrase.zh), format!("{}.xlsx", phrase.en))
        };
        let write = move |path: &Path, lang: Lang| {
            let store = Store::open(&db)?;
            if template {
                export_template(&store, kind, path, lang).map(|()| 0)
            } else {
                export_list(&store, kind, path, lang)
            }
        };
        Self { what: phrase.into(), file_name, write: Box::new(write) }
    }
}

/// Exports the live records of `kind`; returns how many rows were written.
pub fn export_list(store: &Store, kind: ListKind, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let rows = list_rows(store, kind, lang)?;
    let headers: Vec<&str> = kind.columns().iter().map(|c| c.label.get(lang)).collect();
    write_table(path, kind.label(lang), &headers, &rows)?;
    Ok(rows.len())
}

/// One sheet of typed rows under a bold, frozen, filtered header, with widths that fit.
pub fn write_table(path: &Path, sheet_name: &str, headers: &[&str], rows: &[Vec<Value>]) -> Result<(), ExcelError> {
    write_tables(path, &[Table { name: sheet_name, headers, rows }])
}

/// One sheet of a workbook written by `write_tables`.
pub struct Table<'a> {
    pub name: &'a str,
    pub headers: &'a [&'a str],
    pub rows: &'a [Vec<Value>],
}

/// Writes each table on its own sheet, in order: the first is what an import reads back.
pub fn write_tables(path: &Path, tables: &[Table]) -> Result<(), ExcelError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let names = sheet_names(tables.iter().map(|t| t.name));
    for (table, name) in tables.iter().zip(&names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        let mut widths = write_header(sheet, table.headers, &formats)?;
        for (r, values) in table.rows.iter().enumerate() {
            for (c, value) in values.iter().enumerate() {
                let width = write_cell(sheet, r as u32 + 1, c as u16, value, &formats)?;
                widths[c] = widths[c].max(width);
            }
        }
        sheet.autofilter(0, 0, table.rows.len() as u32, (table.headers.len() - 1) as u16)?;
        set_widths(sheet, &widths)?;
    }
    workbook.save(path)?;
    Ok(())
}

/// Sheet names Excel accepts, from names a secretary typed (an event called 焊工/电焊, two events of
/// one name, a long one): the characters Excel forbids become full-width look-alikes, a name is
/// cut to Excel's 31 characters, and a repeated name (Excel ignores case) gets a number.
pub fn sheet_names<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    const MAX: usize = 31;
    let mut taken: Vec<String> = Vec::new();
    let mut names = Vec::new();
    for name in wanted {
        let cleaned: String = name
            .trim()
            .trim_matches('\'')
            .chars()
            .map(|c| match c {
                '/' => '／',
                '\\' => '＼',
                '?' => '？',
                '*' => '＊',
                ':' => '：',
                '[' => '［',
                ']' => '］',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let cleaned = if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("history") {
            format!("Sheet{}", names.len() + 1)
        } else {
            cleaned
        };
        let mut name: String = cleaned.chars().take(MAX).collect();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            name = cleaned.chars().take(MAX - suffix.chars().count()).collect::<String>() + &suffix;
            n += 1;
        }
        taken.push(name.to_lowercase());
        names.push(name);
    }
    names
}

/// A blank sheet for companies to fill in: the headers (without the ID column), and a drop-down
/// list wherever a field offers choices (zones, industries in use, statuses, supplier regions…).
pub fn export_template(store: &Store, kind: ListKind, path: &Path, lang: Lang) -> Result<(), ExcelError> {
    let columns: Vec<_> = kind.columns().into_iter().filter(|c| *c != &ID).collect();
    let headers: Vec<&str> = columns.iter().map(|c| c.label.get(lang)).collect();
    let formats = Formats::new();
    let park = ParkEnv::load(store, &store.live_companies()?)?;
    let env = park.env(lang);
    // A fixed set refuses other text; suggestions (industries, ownership) only inform.
    let choices: Vec<(usize, Vec<String>, DataValidationErrorStyle)> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let (list, style) = match c.kind {
                Kind::Choice(list) => (list, DataValidationErrorStyle::Stop),
                Kind::Suggest(list) => (list, DataValidationErrorStyle::Information),
                _ => return None,
            };
            let texts: Vec<String> = list(&env).into_iter().map(|c| c.text).filter(|t| !t.is_empty()).collect();
            Some((i, texts, style))
        })
        .filter(|(_, texts, _)| !texts.is_empty())
        .collect();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(kind.label(lang))?;
    let widths = write_header(sheet, &headers, &formats)?;
    set_widths(sheet, &widths)?;
    sheet.autofilter(0, 0, 0, (columns.len() - 1) as u16)?;
    // The lists live on a hidden sheet: Excel limits inline lists to 255 characters.
    let lists_name = lang.pick("选项", "Lists");
    let mut validations = Vec::new();
    for (list_col, (target, values, style)) in choices.iter().enumerate() {
        let letter = (b'A' + list_col as u8) as char;
        let formula = Formula::new(format!("={lists_name}!${letter}$1:${letter}${}", values.len()));
        let validation = DataValidation::new()
            .allow_list_formula(formula)
            .set_error_style(style.clone())
            .set_error_message(lang.pick("请从下拉列表中选择", "Please pick from the list"))?;
        validations.push((*target as u16, validation));
    }
    for (col, validation) in &validations {
        sheet.add_data_validation(1, *col, TEMPLATE_ROWS, *col, validation)?;
    }
    let lists = workbook.add_worksheet();
    lists.set_name(lists_name)?;
    for (list_col, (_, values, _)) in choices.iter().enumerate() {
        for (r, value) in values.iter().enumerate() {
            lists.write_string(r as u32, list_col as u16, value)?;
        }
    }
    lists.set_hidden(true);
    workbook.save(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_excel_refuses_are_made_acceptable_and_kept_apart() {
        let names = sheet_names([
            "焊工/电焊",
            "数控车工",
            "数控车工",
            "2026Q3 一个名字很长很长很长很长很长很长很长很长很长很长的比武项目",
            "history",
            "'[质检]'",
        ]);
        assert_eq!(names[0], "焊工／电焊");
        assert_eq!(names[1], "数控车工");
        assert_eq!(names[2], "数控车工 (2)");
        assert_eq!(names[3].chars().count(), 31);
        assert_eq!(names[4], "Sheet5");
        assert_eq!(names[5], "［质检］");

        // The workbook is written and reads back under those names.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let headers = ["A"];
        let rows = vec![vec![Value::Number(1.0)]];
        let wanted = ["焊工/电焊", "数控车工", "数控车工", "Sheet"];
        let tables: Vec<Table> = wanted.iter().map(|name| Table { name, headers: &headers, rows: &rows }).collect();
        write_tables(&path, &tables).unwrap();
        assert_eq!(
            crate::excel::read::sheet_names(&path).unwrap(),
            ["焊工／电焊", "数控车工", "数控车工 (2)", "Sheet"]
        );
    }
}
