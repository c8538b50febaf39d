//! Writing real spreadsheets: bold frozen header with a filter, widths that fit Chinese text,
//! numbers as numbers, dates as dates, an ID column for re-import, and text that stays text.

use super::ExcelError;
use super::columns::{Column, ListKind};
use super::values::{Value, company_value, need_value, product_value};
use crate::domain::{Company, Need, Product, Zone};
use crate::i18n::Lang;
use crate::store::Store;
use chrono::Datelike;
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Formula, Workbook, Worksheet};
use std::collections::HashMap;
use std::path::Path;

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

/// The records of one list as rows of typed values, in the list's column order.
fn list_rows(store: &Store, kind: ListKind, lang: Lang) -> Result<Vec<Vec<Value>>, ExcelError> {
    let companies: Vec<Company> = store.company_list()?.into_iter().filter(|i| !i.deleted).map(|i| i.company).collect();
    let zones: Vec<Zone> = store.zones()?;
    let columns = kind.columns();
    let names: HashMap<i64, &str> = companies.iter().map(|c| (c.id, c.name.as_str())).collect();
    let owner = |id: i64| names.get(&id).copied().unwrap_or_default();
    Ok(match kind {
        ListKind::Companies => {
            companies.iter().map(|c| columns.iter().map(|&col| company_value(c, col, &zones, lang)).collect()).collect()
        }
        ListKind::Products => store
            .all_children::<Product>()?
            .iter()
            .map(|p| columns.iter().map(|&col| product_value(p, owner(p.company_id), col)).collect())
            .collect(),
        ListKind::Needs => store
            .all_children::<Need>()?
            .iter()
            .map(|n| columns.iter().map(|&col| need_value(n, owner(n.company_id), col, lang)).collect())
            .collect(),
    })
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
            let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            sheet.write_datetime_with_format(row, col, &date, &formats.date)?;
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

/// Exports the live records of `kind`; returns how many rows were written.
pub fn export_list(store: &Store, kind: ListKind, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let rows = list_rows(store, kind, lang)?;
    let headers: Vec<&str> = kind.columns().iter().map(|c| c.header(lang)).collect();
    write_table(path, kind.label(lang), &headers, &rows)?;
    Ok(rows.len())
}

/// One sheet of typed rows under a bold, frozen, filtered header, with widths that fit.
pub fn write_table(path: &Path, sheet_name: &str, headers: &[&str], rows: &[Vec<Value>]) -> Result<(), ExcelError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    let mut widths = write_header(sheet, headers, &formats)?;
    for (r, values) in rows.iter().enumerate() {
        for (c, value) in values.iter().enumerate() {
            let width = write_cell(sheet, r as u32 + 1, c as u16, value, &formats)?;
            widths[c] = widths[c].max(width);
        }
    }
    sheet.autofilter(0, 0, rows.len() as u32, (headers.len() - 1) as u16)?;
    set_widths(sheet, &widths)?;
    workbook.save(path)?;
    Ok(())
}

/// A blank sheet for companies to fill in: the headers (without the ID column), and drop-down
/// lists of zones, industries, statuses or supplier regions where the column has a fixed set.
pub fn export_template(store: &Store, kind: ListKind, path: &Path, lang: Lang) -> Result<(), ExcelError> {
    let columns: Vec<Column> = kind.columns().iter().copied().filter(|c| *c != Column::Id).collect();
    let headers: Vec<&str> = columns.iter().map(|c| c.header(lang)).collect();
    let formats = Formats::new();
    let mut choices: Vec<(Column, Vec<String>)> = Vec::new();
    match kind {
        ListKind::Companies => {
            choices.push((Column::Zone, store.zones()?.into_iter().map(|z| z.name).collect()));
            let mut industries: Vec<String> =
                store.company_list()?.into_iter().map(|i| i.company.industry).filter(|s| !s.is_empty()).collect();
            industries.sort();
            industries.dedup();
            choices.push((Column::Industry, industries));
            choices.push((
                Column::Status,
                crate::domain::MemberStatus::ALL.iter().map(|s| s.label(lang).to_string()).collect(),
            ));
        }
        ListKind::Needs => choices.push((
            Column::SupplierRegion,
            crate::domain::SupplierRegion::ALL.iter().map(|r| r.label(lang).to_string()).collect(),
        )),
        ListKind::Products => {}
    }
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(kind.label(lang))?;
    let widths = write_header(sheet, &headers, &formats)?;
    set_widths(sheet, &widths)?;
    sheet.autofilter(0, 0, 0, (columns.len() - 1) as u16)?;
    // The lists live on a hidden sheet: Excel limits inline lists to 255 characters.
    let mut validations = Vec::new();
    for (list_col, (column, values)) in choices.iter().enumerate().filter(|(_, (_, v))| !v.is_empty()) {
        let Some(target) = columns.iter().position(|c| c == column) else { continue };
        let letter = (b'A' + list_col as u8) as char;
        let formula = Formula::new(format!("=选项!${letter}$1:${letter}${}", values.len()));
        let validation = DataValidation::new()
            .allow_list_formula(formula)
            .set_error_message(lang.pick("请从下拉列表中选择", "Please pick from the list"))?;
        validations.push((target as u16, validation));
    }
    for (col, validation) in &validations {
        sheet.add_data_validation(1, *col, TEMPLATE_ROWS, *col, validation)?;
    }
    let lists = workbook.add_worksheet();
    lists.set_name("选项")?;
    for (list_col, (_, values)) in choices.iter().enumerate() {
        for (r, value) in values.iter().enumerate() {
            lists.write_string(r as u32, list_col as u16, value)?;
        }
    }
    lists.set_hidden(true);
    workbook.save(path)?;
    Ok(())
}
