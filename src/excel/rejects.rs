//! The rejected rows of an import, saved as a sheet to send back to the companies: the header as
//! they wrote it, each rejected row as it was, and a 原因 column saying what to fix. Fixed, the
//! file imports like any other (the 原因 column is not one the import knows, so it is ignored).

use super::ExcelError;
use super::export::write_table;
use super::read::Cell;
use super::session::Rejects;
use crate::domain::Value;
use crate::i18n::Lang;
use std::path::Path;

fn value(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Empty,
        Cell::Text(s) => Value::Text(s.clone()),
        Cell::Number(n) => Value::Number(*n),
        Cell::Date(d) => Value::Date(*d),
    }
}

/// Writes `rejects` to `path`.
pub fn write(path: &Path, rejects: &Rejects, lang: Lang) -> Result<(), ExcelError> {
    let width = rejects.rows.iter().map(|(cells, _)| cells.len()).chain([rejects.header.len()]).max().unwrap_or(0);
    let mut headers: Vec<String> = rejects.header.iter().map(Cell::text).collect();
    headers.resize(width, String::new());
    headers.push(lang.pick("原因", "Reason").to_string());
    let rows: Vec<Vec<Value>> = rejects
        .rows
        .iter()
        .map(|(cells, reason)| {
            let mut row: Vec<Value> = cells.iter().map(value).collect();
            row.resize(width, Value::Empty);
            row.push(Value::Text(reason.clone()));
            row
        })
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    write_table(path, lang.pick("被拒绝的行", "Rejected rows"), &headers, &rows)
}
