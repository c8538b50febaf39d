//! Reading .xlsx, .xls and .ods sheets as people really fill them in — title rows above the
//! header, merged cells, blank rows, numbers stored as text, dates as serial numbers — and never
//! letting a file ask for more than a member list could need.
//!
//! A file is looked at before it is parsed: what its header bytes say it is (not its name), the
//! unpacked size each part of a zip declares (the zip reader holds a part to its declaration),
//! the number of shared strings, and for .ods and .xls, whose reader builds a whole grid in
//! memory, how large that grid would be. What exceeds a limit is refused, saying which limit and
//! the file's figure. An .xlsx sheet is then read cell by cell and handed on a row at a time, so a
//! stray cell at XFD1048576 costs nothing and a million rows need no more memory than one.

use super::ExcelError;
use calamine::{Data, DataRef, Ods, Range, Reader, Xls, Xlsx, open_workbook};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
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
            Cell::Number(n) => crate::i18n::format::number(*n),
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

/// A row of a sheet that has something in it: its index (0 is the sheet's first row, so Excel
/// shows it as `index + 1`) and its cells from column A.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub index: usize,
    pub cells: Vec<Cell>,
}

/// Rows of text as a sheet would give them (tests of the small sheets' readers).
#[cfg(test)]
pub fn rows_of(rows: &[&[&str]]) -> Vec<SheetRow> {
    rows.iter()
        .enumerate()
        .map(|(index, cells)| SheetRow {
            index,
            cells: cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect(),
        })
        .collect()
}

/// A whole sheet in memory: for small sheets and tests; imports read row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSheet {
    pub sheet_names: Vec<String>,
    pub sheet: String,
    pub rows: Vec<SheetRow>,
}

crate::labelled_enum! {
    /// What a limit limits.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Limit {
        FileSize = ("file-size", "文件大小（字节）", "file size (bytes)"),
        PartSize = ("part-size", "解压后的单个部件（字节）", "unpacked size of one part (bytes)"),
        SharedStrings = ("shared-strings", "共享字符串数", "shared strings"),
        Cells = ("cells", "有内容的单元格数", "cells with content"),
        Grid = ("grid", "表格区域（行×列）", "sheet area (rows × columns)"),
    }
}

/// How much a sheet may ask for: far above any real member list (50,000 companies × 20 columns
/// is 1 M cells), far below what would exhaust a desktop's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub file_bytes: u64,
    /// Unpacked, any one part of an .xlsx or .ods (the sheet XML, the shared strings…).
    pub part_bytes: u64,
    pub shared_strings: u64,
    /// Cells with content in the sheet read.
    pub cells: u64,
    /// Rows × columns of the grids an .xls or .ods reader builds for all its sheets.
    pub grid: u64,
    /// Columns kept; cells further right are ignored (stray cells far from the data).
    pub columns: usize,
}

pub const LIMITS: Limits = Limits {
    file_bytes: 256 << 20,
    part_bytes: 1 << 30,
    shared_strings: 5_000_000,
    cells: 20_000_000,
    grid: 6_000_000,
    columns: 1_024,
};

fn check(limit: Limit, found: u64, max: u64) -> Result<(), ExcelError> {
    if found > max { Err(ExcelError::TooLarge { limit, found, max }) } else { Ok(()) }
}

/// Days from Excel's epoch to a date. Excel counts 1900 as a leap year: serial 60 is its
/// 1900-02-29, and serials before it are a day later than the 1899-12-30 epoch gives.
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as u64;
    let epoch = match days {
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        60 => return NaiveDate::from_ymd_opt(1900, 2, 28),
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    epoch.checked_add_days(chrono::Days::new(days))
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

fn convert_ref(data: DataRef) -> Cell {
    match data {
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) => Cell::Text(s),
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::Bool(b) => Cell::Text(if b { "是".into() } else { "否".into() }),
        DataRef::DateTime(dt) => excel_serial_to_date(dt.as_f64()).map_or(Cell::Empty, Cell::Date),
        DataRef::DateTimeIso(s) => s.get(..10).and_then(|d| d.parse().ok()).map_or(Cell::Text(s), Cell::Date),
        DataRef::DurationIso(s) => Cell::Text(s),
    }
}

/// The kinds of spreadsheet Qilian reads, told by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
    Xls,
}

/// What a sheet was read from, and what was passed over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadInfo {
    pub sheet_names: Vec<String>,
    pub sheet: String,
    /// Cells right of the columns kept (see `Limits::columns`), not read.
    pub ignored_cells: u64,
}

/// Which way a reader goes on after a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

fn unreadable(e: impl std::fmt::Display) -> ExcelError {
    // One line: parser errors can quote whole elements.
    let text = e.to_string();
    ExcelError::Unreadable(text.lines().next().unwrap_or_default().chars().take(200).collect())
}

/// Checks that `path` is a regular file of a kind we read and within the limits.
fn inspect(path: &Path, limits: &Limits) -> Result<Format, ExcelError> {
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(ExcelError::NotAFile);
    }
    check(Limit::FileSize, meta.len(), limits.file_bytes)?;
    let mut magic = [0u8; 8];
    let mut file = File::open(path).map_err(unreadable)?;
    let read = file.read(&mut magic).map_err(unreadable)?;
    match &magic[..read] {
        [0x50, 0x4B, 0x03, 0x04, ..] => inspect_zip(path, limits),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] => {
            inspect_xls(path, limits)?;
            Ok(Format::Xls)
        }
        _ => Err(ExcelError::NotASpreadsheet),
    }
}

/// An .xlsx or .ods: every part within the part limit, the shared strings within theirs, and
/// for .ods the grid its reader would build.
fn inspect_zip(path: &Path, limits: &Limits) -> Result<Format, ExcelError> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path).map_err(unreadable)?)).map_err(unreadable)?;
    let mut format = None;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(unreadable)?;
        check(Limit::PartSize, entry.size(), limits.part_bytes)?;
        match entry.name().map_err(unreadable)?.as_ref() {
            "xl/workbook.xml" => format = Some(Format::Xlsx),
            "content.xml" => format = format.or(Some(Format::Ods)),
            _ => {}
        }
    }
    match format {
        Some(Format::Xlsx) => {
            if let Ok(strings) = zip.by_name("xl/sharedStrings.xml") {
                let size = strings.size();
                let declared = declared_strings(strings).map_err(unreadable)?;
                // Each string takes some bytes of XML: a count above that is a lie.
                check(Limit::SharedStrings, declared, limits.shared_strings.min(size / 8 + 1))?;
            }
            Ok(Format::Xlsx)
        }
        Some(Format::Ods) => {
            let content = zip.by_name("content.xml").map_err(unreadable)?;
            let (cells, grid) = ods_extent(BufReader::new(content), limits.columns as u64).map_err(unreadable)?;
            check(Limit::Cells, cells, limits.cells)?;
            check(Limit::Grid, grid, limits.grid)?;
            Ok(Format::Ods)
        }
        _ => Err(ExcelError::NotASpreadsheet),
    }
}

/// The `uniqueCount` the shared strings declare: calamine reserves room for that many. (`count`
/// counts references to them, which may rightly exceed the part's size.)
fn declared_strings(part: impl Read) -> Result<u64, quick_xml::Error> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf)? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "sst" =>
            {
                let mut count = 0u64;
                for attr in e.attributes().flatten() {
                    if attr.key.local_name().as_ref() == "uniqueCount" {
                        let n = attr.value.trim().parse::<u64>().ok();
                        count = count.max(n.unwrap_or(u64::MAX));
                    }
                }
                return Ok(count);
            }
            quick_xml::events::Event::Eof => return Ok(0),
            _ => buf.clear(),
        }
    }
}

/// For an .ods content part: the cells with content once repeats are expanded, and the grid the
/// reader would build (the rows from the first to the last with content, times the widest of
/// them), summed over all sheets as calamine reads them all.
fn ods_extent(content: impl std::io::BufRead, max_columns: u64) -> Result<(u64, u64), quick_xml::Error> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let (mut cells, mut grid) = (0u64, 0u64);
    // The table being read: rows so far (with repeats), first and last content row, width.
    let mut rows = 0u64;
    let mut span: Option<(u64, u64)> = None;
    let mut width = 0u64;
    // The row being read: its repeats, columns so far, content columns.
    let (mut row_repeats, mut column, mut row_cells, mut row_width) = (1u64, 0u64, 0u64, 0u64);
    let repeats = |e: &quick_xml::events::BytesStart, key: &str| -> u64 {
        e.attributes().flatten().find(|a| a.key.as_ref() == key).and_then(|a| a.value.parse().ok()).unwrap_or(1)
    };
    loop {
        let event = xml.read_event_into(&mut buf)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => (rows, span, width) = (0, None, 0),
                "table:table-row" => {
                    (row_repeats, column, row_cells, row_width) = (repeats(e, "table:number-rows-repeated"), 0, 0, 0);
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeats(e, "table:number-columns-repeated");
                    let filled = matches!(event, Event::Start(_))
                        || e.attributes().flatten().any(|a| a.key.as_ref() == "office:value-type");
                    column = column.saturating_add(n).min(max_columns.max(16_384));
                    if filled {
                        row_cells = row_cells.saturating_add(n);
                        row_width = column;
                    }
                }
                _ => {}
            },
            _ => {}
        }
        match event {
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if row_cells > 0 {
                    cells = cells.saturating_add(row_cells.saturating_mul(row_repeats));
                    let first = span.map_or(rows, |(first, _)| first);
                    span = Some((first, rows.saturating_add(row_repeats)));
                    width = width.max(row_width);
                }
                rows = rows.saturating_add(row_repeats);
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(repeats(&e, "table:number-rows-repeated"))
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some((first, last)) = span {
                    grid = grid.saturating_add(last.saturating_sub(first).saturating_mul(width));
                }
            }
            Event::Eof => return Ok((cells, grid)),
            _ => {}
        }
        buf.clear();
    }
}

/// An .xls: the grids its reader builds (one per sheet, from each sheet's first to last cell)
/// within the limit, found by walking the BIFF records of the workbook stream.
fn inspect_xls(path: &Path, limits: &Limits) -> Result<(), ExcelError> {
    let mut cfb = cfb::open(path).map_err(unreadable)?;
    let name = if cfb.is_stream("/Workbook") { "/Workbook" } else { "/Book" };
    let mut stream = Vec::new();
    cfb.open_stream(name).map_err(unreadable)?.read_to_end(&mut stream).map_err(unreadable)?;
    let mut grid = 0u64;
    let mut sheet: Option<(u64, u64, u64, u64)> = None;
    let mut at = 0;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = &stream[(at + 4).min(stream.len())..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        let u16_at = |i: usize| data.get(i..i + 2).map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])));
        let cell = match kind {
            // BLANK, NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA, RSTRING: row, column first.
            0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x00D6 => {
                Some((u16_at(0), u16_at(2), u16_at(2)))
            }
            // MULRK, MULBLANK: row, first column, …, last column.
            0x00BD | 0x00BE if data.len() >= 6 => Some((u16_at(0), u16_at(2), u16_at(data.len() - 2))),
            // EOF closes a sheet's substream.
            0x000A => {
                if let Some((r0, r1, c0, c1)) = sheet.take() {
                    grid = grid.saturating_add((r1 - r0 + 1) * (c1 - c0 + 1));
                }
                None
            }
            _ => None,
        };
        if let Some((row, first, last)) = cell {
            let (r0, r1, c0, c1) = sheet.unwrap_or((row, row, first, last));
            sheet = Some((r0.min(row), r1.max(row), c0.min(first), c1.max(last.max(first))));
        }
    }
    check(Limit::Grid, grid, limits.grid)
}

/// Which sheet to read: the one named, else the first.
fn pick_sheet(names: &[String], sheet: Option<&str>) -> Result<String, ExcelError> {
    match sheet {
        Some(s) if names.iter().any(|n| n == s) => Ok(s.to_string()),
        Some(s) => Err(ExcelError::NoSuchSheet(s.to_string())),
        None => names.first().cloned().ok_or(ExcelError::Empty),
    }
}

/// Copies a merged region's top-left value into the rest of the region as rows go by, so a zone
/// merged down over five companies belongs to all five.
struct MergeFill {
    regions: Vec<((u32, u32), (u32, u32))>,
    values: HashMap<usize, Cell>,
}

impl MergeFill {
    fn new(regions: Vec<((u32, u32), (u32, u32))>) -> Self {
        Self { regions, values: HashMap::new() }
    }

    fn fill(&mut self, row: &mut SheetRow) {
        for (i, &((r0, c0), (r1, c1))) in self.regions.iter().enumerate() {
            let r = row.index as u32;
            if r < r0 || r > r1 {
                continue;
            }
            if r == r0
                && let Some(value) = row.cells.get(c0 as usize).filter(|c| !c.is_blank())
            {
                self.values.insert(i, value.clone());
            }
            let Some(value) = self.values.get(&i) else { continue };
            for c in c0 as usize..=(c1 as usize).min(row.cells.len().saturating_sub(1)) {
                if row.cells[c] == Cell::Empty {
                    row.cells[c] = value.clone();
                }
            }
        }
    }
}

/// Reads the rows of one sheet (the first when `sheet` is `None`) that have something in them,
/// in order, handing each to `visit`. Merged cells are filled.
pub fn for_each_row(
    path: &Path,
    sheet: Option<&str>,
    limits: &Limits,
    visit: &mut dyn FnMut(SheetRow) -> Flow,
) -> Result<ReadInfo, ExcelError> {
    match inspect(path, limits)? {
        Format::Xlsx => {
            let mut book: Xlsx<_> = open_workbook(path).map_err(unreadable)?;
            let names = book.sheet_names();
            let name = pick_sheet(&names, sheet)?;
            let regions = if sheet_has_merges(path, &name)? {
                book.merge_cells_by_sheet_name(&name)
                    .map_err(unreadable)?
                    .into_iter()
                    .map(|d| (d.start, d.end))
                    .collect()
            } else {
                Vec::new()
            };
            let mut fill = MergeFill::new(regions);
            let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
            let mut info = ReadInfo { sheet_names: names.clone(), sheet: name.clone(), ignored_cells: 0 };
            let mut row = SheetRow { index: 0, cells: Vec::new() };
            let mut count = 0u64;
            let mut emit = |row: &mut SheetRow| {
                let ready = std::mem::replace(row, SheetRow { index: 0, cells: Vec::new() });
                if ready.cells.iter().all(Cell::is_blank) {
                    return Flow::Continue;
                }
                let mut ready = ready;
                fill.fill(&mut ready);
                visit(ready)
            };
            while let Some(cell) = cells.next_cell().map_err(unreadable)? {
                let (r, c) = cell.get_position();
                let (r, c) = (r as usize, c as usize);
                if r != row.index && !row.cells.is_empty() && emit(&mut row) == Flow::Stop {
                    return Ok(info);
                }
                row.index = r;
                if c >= limits.columns {
                    info.ignored_cells += 1;
                    continue;
                }
                let value = convert_ref(cell.get_value().clone());
                if value == Cell::Empty {
                    continue;
                }
                count += 1;
                check(Limit::Cells, count, limits.cells)?;
                if row.cells.len() <= c {
                    row.cells.resize(c + 1, Cell::Empty);
                }
                row.cells[c] = value;
            }
            if !row.cells.is_empty() {
                emit(&mut row);
            }
            Ok(info)
        }
        Format::Xls => {
            let mut book: Xls<_> = open_workbook(path).map_err(unreadable)?;
            let names = book.sheet_names();
            let name = pick_sheet(&names, sheet)?;
            let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_else(|e| {
                log::warn!("merged cells of {name} not read: {e}");
                Vec::new()
            });
            let range = book.worksheet_range(&name).map_err(unreadable)?;
            let regions = merges.into_iter().map(|d| (d.start, d.end)).collect();
            Ok(visit_range(range, names, name, regions, limits, visit))
        }
        Format::Ods => {
            let mut book: Ods<_> = open_workbook(path).map_err(unreadable)?;
            let names = book.sheet_names();
            let name = pick_sheet(&names, sheet)?;
            let range = book.worksheet_range(&name).map_err(unreadable)?;
            // .ods keeps a merged value in the first cell only; nothing to fill.
            Ok(visit_range(range, names, name, Vec::new(), limits, visit))
        }
    }
}

/// Whether an .xlsx sheet declares merged cells: a look through its unpacked XML, far cheaper
/// than parsing it again for regions it almost never has.
fn sheet_has_merges(path: &Path, name: &str) -> Result<bool, ExcelError> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path).map_err(unreadable)?)).map_err(unreadable)?;
    let target = worksheet_part(&mut zip, name).map_err(unreadable)?;
    let Some(target) = target else { return Ok(false) };
    let mut part = zip.by_name(&target).map_err(unreadable)?;
    let finder = memchr::memmem::Finder::new(b"<mergeCell ");
    let mut buf = vec![0u8; 1 << 16];
    let mut carry = 0;
    loop {
        let n = part.read(&mut buf[carry..]).map_err(unreadable)?;
        if n == 0 {
            return Ok(false);
        }
        let end = carry + n;
        if finder.find(&buf[..end]).is_some() {
            return Ok(true);
        }
        // Keep the tail, in case the tag straddles two reads.
        let keep = end.min(16);
        buf.copy_within(end - keep..end, 0);
        carry = keep;
    }
}

/// The zip part of the worksheet named `name`, through the workbook and its relationships.
fn worksheet_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, quick_xml::Error> {
    let attribute = |e: &quick_xml::events::BytesStart, key: &str| {
        e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key).map(|a| a.value.into_owned())
    };
    let mut relation = None;
    if let Ok(workbook) = zip.by_name("xl/workbook.xml") {
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(workbook));
        let mut buf = Vec::new();
        loop {
            match xml.read_event_into(&mut buf)? {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                    if e.local_name().as_ref() == "sheet" =>
                {
                    let sheet_name = attribute(&e, "name")
                        .map(|n| quick_xml::escape::unescape(&n).map(|n| n.into_owned()).unwrap_or(n));
                    if sheet_name.as_deref() == Some(name) {
                        relation = attribute(&e, "id");
                        break;
                    }
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }
    let Some(relation) = relation else { return Ok(None) };
    let Ok(rels) = zip.by_name("xl/_rels/workbook.xml.rels") else { return Ok(None) };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(rels));
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf)? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "Relationship"
                    && attribute(&e, "Id").as_deref() == Some(relation.as_str()) =>
            {
                return Ok(attribute(&e, "Target").map(|t| match t.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{t}"),
                }));
            }
            quick_xml::events::Event::Eof => return Ok(None),
            _ => {}
        }
        buf.clear();
    }
}

/// Hands on the rows of a grid an .xls or .ods reader built.
fn visit_range(
    mut range: Range<Data>,
    sheet_names: Vec<String>,
    sheet: String,
    regions: Vec<((u32, u32), (u32, u32))>,
    limits: &Limits,
    visit: &mut dyn FnMut(SheetRow) -> Flow,
) -> ReadInfo {
    let (top, left) = range.start().unwrap_or((0, 0));
    let (top, left) = (top as usize, left as usize);
    let mut fill = MergeFill::new(regions);
    let mut info = ReadInfo { sheet_names, sheet, ignored_cells: 0 };
    let width = range.width();
    for r in 0..range.height() {
        let mut cells = vec![Cell::Empty; left];
        // Cells are moved out of the grid, not copied: a big sheet is mostly strings.
        for (c, data) in range[r].iter_mut().enumerate() {
            if left + c < limits.columns {
                cells.push(convert(std::mem::take(data)));
            } else if *data != Data::Empty {
                info.ignored_cells += 1;
            }
        }
        debug_assert!(cells.len() <= left + width);
        let mut row = SheetRow { index: top + r, cells };
        if row.cells.iter().all(Cell::is_blank) {
            continue;
        }
        fill.fill(&mut row);
        if visit(row) == Flow::Stop {
            break;
        }
    }
    info
}

/// Reads one whole sheet (the first when `sheet` is `None`) into memory.
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<RawSheet, ExcelError> {
    let mut rows = Vec::new();
    let info = for_each_row(path, sheet, &LIMITS, &mut |row| {
        rows.push(row);
        Flow::Continue
    })?;
    Ok(RawSheet { sheet_names: info.sheet_names, sheet: info.sheet, rows })
}

/// The names of a workbook's sheets.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, ExcelError> {
    let mut names = Vec::new();
    for_each_row(path, None, &LIMITS, &mut |_| Flow::Stop).map(|info| {
        names = info.sheet_names;
    })?;
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates_follow_excel_and_its_1900_leap_year() {
        assert_eq!(excel_serial_to_date(46086.0), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(excel_serial_to_date(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(excel_serial_to_date(59.0), NaiveDate::from_ymd_opt(1900, 2, 28));
        assert_eq!(excel_serial_to_date(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
        assert_eq!(excel_serial_to_date(-3.0), None);
    }

    #[test]
    fn cell_text_drops_the_trailing_zero_of_whole_numbers() {
        assert_eq!(Cell::Number(120.0).text(), "120");
        assert_eq!(Cell::Number(12.5).text(), "12.5");
        assert_eq!(Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()).text(), "2026-03-05");
    }

    #[test]
    fn merged_regions_are_filled_down_as_rows_go_by() {
        let mut fill = MergeFill::new(vec![((0, 0), (2, 0))]);
        let mut rows = vec![
            SheetRow { index: 0, cells: vec![Cell::Text("第一片区".into()), Cell::Text("甲".into())] },
            SheetRow { index: 1, cells: vec![Cell::Empty, Cell::Text("乙".into())] },
            SheetRow { index: 2, cells: vec![Cell::Empty, Cell::Text("丙".into())] },
            SheetRow { index: 3, cells: vec![Cell::Empty, Cell::Text("丁".into())] },
        ];
        for row in &mut rows {
            fill.fill(row);
        }
        assert!(rows[..3].iter().all(|r| r.cells[0] == Cell::Text("第一片区".into())));
        assert_eq!(rows[3].cells[0], Cell::Empty, "below the region");
    }

    #[test]
    fn an_ods_repeat_bomb_is_measured_before_it_is_read() {
        let content = r#"<office:document-content><table:table><table:table-row table:number-rows-repeated="10000"><table:table-cell table:number-columns-repeated="10000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:document-content>"#;
        let (cells, grid) = ods_extent(content.as_bytes(), 1_024).unwrap();
        assert_eq!(cells, 100_000_000);
        assert_eq!(grid, 10_000 * 10_000);
        // LibreOffice's own trailing empty repeats count for nothing.
        let trailing = r#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#;
        assert_eq!(ods_extent(trailing.as_bytes(), 1_024).unwrap(), (1, 1));
    }
}
