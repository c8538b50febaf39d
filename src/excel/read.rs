//! Reading .xlsx, .xls and .ods sheets as people really fill them in: title rows above the header,
//! merged cells, blank rows, numbers stored as text, dates as Excel serial numbers.

use super::ExcelError;
use calamine::{Data, Reader, Sheets, open_workbook_auto};
use chrono::NaiveDate;
use std::path::Path;

/// One cell, reduced to what an import needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text: numbers without a trailing `.0`, dates as 2026-03-05.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet as rows of cells, with merged regions filled from their top-left cell.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSheet {
    pub sheet_names: Vec<String>,
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
}

/// Days from Excel's epoch (1899-12-30, which absorbs the 1900 leap-year bug) to a date.
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

fn convert(data: Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s),
        Data::Int(i) => Cell::Number(i as f64),
        Data::Float(f) => Cell::Number(f),
        Data::Bool(b) => Cell::Text(if b { "是".into() } else { "否".into() }),
        Data::DateTime(dt) => excel_serial_to_date(dt.as_f64()).map_or(Cell::Empty, Cell::Date),
        Data::DateTimeIso(s) => s.get(..10).and_then(|d| d.parse().ok()).map_or(Cell::Text(s), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s),
    }
}

/// Reads one sheet (the first when `sheet` is `None`).
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<RawSheet, ExcelError> {
    let mut workbook = open_workbook_auto(path).map_err(|e| ExcelError::Unreadable(e.to_string()))?;
    let sheet_names = workbook.sheet_names();
    let name = match sheet {
        Some(s) if sheet_names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => return Err(ExcelError::NoSuchSheet(s.to_string())),
        None => sheet_names.first().cloned().ok_or(ExcelError::Empty)?,
    };
    let mut range = workbook.worksheet_range(&name).map_err(|e| ExcelError::Unreadable(e.to_string()))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    // Cells are moved out of the range, not copied: a big sheet is mostly strings.
    let mut rows: Vec<Vec<Cell>> =
        (0..range.height()).map(|r| range[r].iter_mut().map(|d| convert(std::mem::take(d))).collect()).collect();
    let regions = if has_gaps_in_data(&rows) { merged_regions(&mut workbook, &name) } else { Vec::new() };
    for (start, end) in regions {
        fill_merged(
            &mut rows,
            (start.0.wrapping_sub(top), start.1.wrapping_sub(left)),
            (end.0.wrapping_sub(top), end.1.wrapping_sub(left)),
        );
    }
    Ok(RawSheet { sheet_names, sheet: name, rows })
}

type Corner = (u32, u32);

/// Looking up merged regions parses the whole sheet again (a third of the read time of a big
/// sheet), and they only matter where a merge left a blank in a row of data: a row with two or
/// more values and a blank cell within the sheet's used width. Title rows hold one value.
fn has_gaps_in_data(rows: &[Vec<Cell>]) -> bool {
    let width = rows.iter().filter_map(|row| row.iter().rposition(|c| !c.is_blank())).max().map_or(0, |last| last + 1);
    rows.iter().any(|row| {
        let used = &row[..width.min(row.len())];
        let filled = used.iter().filter(|c| !c.is_blank()).count();
        filled >= 2 && filled < width
    })
}

fn merged_regions<RS: std::io::Read + std::io::Seek>(workbook: &mut Sheets<RS>, sheet: &str) -> Vec<(Corner, Corner)> {
    // A sheet whose merges cannot be read is imported as it is, cells unfilled; the log says so.
    let unmerged = |e: &dyn std::fmt::Display| {
        log::warn!("merged cells of {sheet} not read: {e}");
        Vec::new()
    };
    let dims = match workbook {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_else(|e| unmerged(&e)),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_else(|e| unmerged(&e)),
        // .ods and .xlsb keep the value in the first cell only; nothing more to fill.
        _ => Vec::new(),
    };
    dims.into_iter().map(|d| (d.start, d.end)).collect()
}

/// Copies a merged region's top-left value into every cell of the region, so a zone merged down
/// over five companies belongs to all five.
fn fill_merged(rows: &mut [Vec<Cell>], start: Corner, end: Corner) {
    let (r0, c0) = (start.0 as usize, start.1 as usize);
    let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else { return };
    for r in r0..=(end.0 as usize).min(rows.len().saturating_sub(1)) {
        let row = &mut rows[r];
        for c in c0..=(end.1 as usize).min(row.len().saturating_sub(1)) {
            if row[c] == Cell::Empty {
                row[c] = value.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates_follow_excel() {
        assert_eq!(excel_serial_to_date(46086.0), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(excel_serial_to_date(1.0), NaiveDate::from_ymd_opt(1899, 12, 31));
        assert_eq!(excel_serial_to_date(-3.0), None);
    }

    #[test]
    fn cell_text_drops_the_trailing_zero_of_whole_numbers() {
        assert_eq!(Cell::Number(120.0).text(), "120");
        assert_eq!(Cell::Number(12.5).text(), "12.5");
        assert_eq!(Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()).text(), "2026-03-05");
    }

    #[test]
    fn only_rows_of_data_with_gaps_send_us_looking_for_merges() {
        let text = |s: &str| Cell::Text(s.into());
        let title = vec![text("2026 年会员登记表"), Cell::Empty, Cell::Empty];
        let full = vec![text("甲"), text("一片区"), text("120")];
        assert!(!has_gaps_in_data(&[title.clone(), full.clone(), full.clone()]));
        let gap = vec![text("丙"), Cell::Empty, text("80")];
        assert!(has_gaps_in_data(&[title.clone(), full.clone(), gap]));
        // A merge down the last column leaves the blank at the end of the row.
        let trailing = vec![text("丁"), text("三片区"), Cell::Empty];
        assert!(has_gaps_in_data(&[title, full, trailing]));
    }

    #[test]
    fn merged_regions_are_filled_down() {
        let mut rows = vec![
            vec![Cell::Text("第一片区".into()), Cell::Text("甲".into())],
            vec![Cell::Empty, Cell::Text("乙".into())],
            vec![Cell::Empty, Cell::Text("丙".into())],
        ];
        fill_merged(&mut rows, (0, 0), (2, 0));
        assert!(rows.iter().all(|r| r[0] == Cell::Text("第一片区".into())));
    }
}
