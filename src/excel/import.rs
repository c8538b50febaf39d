//! Planning an import: every row of a sheet becomes new, update (with its field changes),
//! unchanged, or error (with its reasons), before anything is written. Then the good rows are
//! written in one transaction, or none are.
//!
//! Validation reuses the form drafts of `domain`, so a sheet obeys exactly the rules of the screen.

use super::ExcelError;
use super::columns::{Column, ListKind, column_of, header_signature, map_headers};
use super::read::{self, Cell, RawSheet, excel_serial_to_date};
use super::values::{Value, company_value, need_value, product_value};
use crate::domain::text::clean;
use crate::domain::{
    Company, CompanyDraft, FieldError, MemberStatus, Need, NeedDraft, Product, ProductDraft, SupplierRegion, Zone,
    credit_code, resolve_zone,
};
use crate::i18n::Lang;
use crate::store::{self, CompanyListItem, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// How a row finds the record it updates, when it has no ID column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MatchKey {
    /// By credit code when the row has one, otherwise by full name.
    #[default]
    CreditCode,
    /// By full name only.
    Name,
}

impl MatchKey {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::CreditCode => lang.pick("按信用代码（无代码时按全称）", "By credit code (else full name)"),
            Self::Name => lang.pick("按企业全称", "By full name"),
        }
    }
}

/// Where the header is and what each of its columns means.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub kind: ListKind,
    /// Index of the header row in the sheet's rows.
    pub header_row: usize,
    pub headers: Vec<String>,
    pub mapping: Vec<Option<Column>>,
}

const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header row (the one naming most known columns, under any title rows) and maps it.
/// With `kind` given only that list is tried; otherwise the list whose headers fit best.
pub fn detect_layout(sheet: &RawSheet, kind: Option<ListKind>) -> Option<Layout> {
    let kinds: Vec<ListKind> = kind.map_or_else(|| ListKind::ALL.to_vec(), |k| vec![k]);
    let mut best: Option<(usize, Layout)> = None;
    for (index, row) in sheet.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let headers: Vec<String> = row.iter().map(Cell::text).collect();
        for &kind in &kinds {
            let mapping = map_headers(kind, &headers);
            let score = mapping.iter().flatten().count() + usize::from(fits_kind(kind, &mapping));
            if score >= 2 && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, Layout { kind, header_row: index, headers: headers.clone(), mapping }));
            }
        }
    }
    best.map(|(_, layout)| layout)
}

/// Reads the named sheet, or else the first sheet of the workbook that has a header row, and lays
/// it out. A mapping the user corrected by hand for the same headers replaces the detected one.
pub fn read_with_layout(
    path: &Path,
    sheet: Option<&str>,
    kind: Option<ListKind>,
    store: &Store,
) -> Result<(RawSheet, Layout), ExcelError> {
    let first = read::read_sheet(path, sheet)?;
    let found = match detect_layout(&first, kind) {
        Some(layout) => Some((first, layout)),
        None if sheet.is_none() => first.sheet_names.iter().skip(1).find_map(|name| {
            let raw = read::read_sheet(path, Some(name)).ok()?;
            let layout = detect_layout(&raw, kind)?;
            Some((raw, layout))
        }),
        None => None,
    };
    let (raw, mut layout) = found.ok_or(ExcelError::NoHeader)?;
    let signature = header_signature(layout.kind, &layout.headers);
    if let Some(saved) = store.saved_mapping(&signature)?.and_then(|json| serde_json::from_str(&json).ok()) {
        layout.mapping = saved;
    }
    Ok((raw, layout))
}

/// A layout that has the column naming its records fits its list a little better than another.
fn fits_kind(kind: ListKind, mapping: &[Option<Column>]) -> bool {
    let key = match kind {
        ListKind::Companies => Column::CompanyName,
        ListKind::Products => Column::ProductName,
        ListKind::Needs => Column::Item,
    };
    mapping.contains(&Some(key))
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Field(FieldError),
    /// A column that must be given for this list (its header).
    Missing(Column),
    UnknownZone(String),
    UnknownStatus(String),
    BadStars(String),
    UnknownRegion(String),
    NotANumber(Column, String),
    DuplicateInFile {
        first_row: usize,
    },
    CreditCodeTaken(String),
    InRecycleBin(String),
    OwnerNotFound(String),
    OwnerAmbiguous(String),
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Problem::Field(e) => format!("{}：{}", e.field.label(lang), e.error.message(lang)),
            Problem::Missing(c) => {
                if zh {
                    format!("缺少{}", c.header(lang))
                } else {
                    format!("{} missing", c.header(lang))
                }
            }
            Problem::UnknownZone(z) => {
                if zh {
                    format!("未知片区“{z}”")
                } else {
                    format!("Unknown zone “{z}”")
                }
            }
            Problem::UnknownStatus(s) => {
                if zh {
                    format!("未知会员状态“{s}”")
                } else {
                    format!("Unknown status “{s}”")
                }
            }
            Problem::BadStars(s) => {
                if zh {
                    format!("星级“{s}”应为 0–5")
                } else {
                    format!("Stars “{s}” should be 0–5")
                }
            }
            Problem::UnknownRegion(s) => {
                if zh {
                    format!("未知供应商所在地“{s}”")
                } else {
                    format!("Unknown supplier region “{s}”")
                }
            }
            Problem::NotANumber(c, s) => {
                if zh {
                    format!("{}应填数字，现为“{s}”", c.header(lang))
                } else {
                    format!("{} must be a number, not “{s}”", c.header(lang))
                }
            }
            Problem::DuplicateInFile { first_row } => {
                if zh {
                    format!("与第 {first_row} 行重复")
                } else {
                    format!("Same as row {first_row}")
                }
            }
            Problem::CreditCodeTaken(other) => {
                if zh {
                    format!("信用代码已属于“{other}”")
                } else {
                    format!("Credit code belongs to “{other}”")
                }
            }
            Problem::InRecycleBin(name) => {
                if zh {
                    format!("对应企业“{name}”在回收站中，请先恢复")
                } else {
                    format!("The company “{name}” is in the recycle bin; restore it first")
                }
            }
            Problem::OwnerNotFound(name) => {
                if zh {
                    format!("找不到所属企业“{name}”")
                } else {
                    format!("Company “{name}” not found")
                }
            }
            Problem::OwnerAmbiguous(name) => {
                if zh {
                    format!("“{name}”对应多家企业，请填全称或信用代码")
                } else {
                    format!("“{name}” matches several companies; use the full name or credit code")
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub column: Column,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    New,
    Update(Vec<Change>),
    Unchanged,
    Error(Vec<Problem>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Company(Company),
    Product(Product),
    Need(Need),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRow {
    /// The row number Excel shows (1-based).
    pub row: usize,
    /// The name the row is about, for the report.
    pub label: String,
    pub outcome: Outcome,
    pub record: Option<Record>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    pub new: usize,
    pub update: usize,
    pub unchanged: usize,
    pub error: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub kind: ListKind,
    pub rows: Vec<PlannedRow>,
}

impl ImportPlan {
    pub fn counts(&self) -> OutcomeCounts {
        let mut c = OutcomeCounts::default();
        for row in &self.rows {
            match row.outcome {
                Outcome::New => c.new += 1,
                Outcome::Update(_) => c.update += 1,
                Outcome::Unchanged => c.unchanged += 1,
                Outcome::Error(_) => c.error += 1,
            }
        }
        c
    }
}

/// What is already in the federation, read once per import.
pub struct Existing {
    pub companies: Vec<CompanyListItem>,
    pub zones: Vec<Zone>,
    pub products: Vec<Product>,
    pub needs: Vec<Need>,
}

impl Existing {
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            companies: store.company_list()?,
            zones: store.zones()?,
            products: store.all_children()?,
            needs: store.all_children()?,
        })
    }
}

/// Looks up companies by id, credit code, full name and short name.
struct CompanyIndex<'a> {
    by_id: HashMap<i64, &'a CompanyListItem>,
    by_code: HashMap<&'a str, &'a CompanyListItem>,
    by_name: HashMap<&'a str, &'a CompanyListItem>,
    by_short: HashMap<&'a str, Vec<&'a CompanyListItem>>,
}

impl<'a> CompanyIndex<'a> {
    fn new(items: &'a [CompanyListItem]) -> Self {
        let mut index =
            Self { by_id: HashMap::new(), by_code: HashMap::new(), by_name: HashMap::new(), by_short: HashMap::new() };
        for item in items {
            let c = &item.company;
            index.by_id.insert(c.id, item);
            if !c.credit_code.is_empty() {
                index.by_code.insert(&c.credit_code, item);
            }
            // A live company wins a name over a deleted one.
            if !item.deleted || !index.by_name.contains_key(c.name.as_str()) {
                index.by_name.insert(&c.name, item);
            }
            if !c.short_name.is_empty() && !item.deleted {
                index.by_short.entry(&c.short_name).or_default().push(item);
            }
        }
        index
    }

    /// The live company a product or need sheet names, by full name, credit code or short name.
    fn owner(&self, text: &str) -> Result<&'a Company, Problem> {
        let name = clean(text);
        let code = credit_code::normalize(&name);
        let live = |item: &&&'a CompanyListItem| !item.deleted;
        if let Some(item) =
            self.by_name.get(name.as_str()).filter(live).or_else(|| self.by_code.get(code.as_str()).filter(live))
        {
            return Ok(&item.company);
        }
        match self.by_short.get(name.as_str()).map(Vec::as_slice) {
            Some([only]) => Ok(&only.company),
            Some([_, _, ..]) => Err(Problem::OwnerAmbiguous(name)),
            _ => Err(Problem::OwnerNotFound(name)),
        }
    }
}

/// One data row: its cells by column, blank cells left out.
struct RowCells<'a> {
    cells: HashMap<Column, &'a Cell>,
}

impl<'a> RowCells<'a> {
    fn new(row: &'a [Cell], mapping: &[Option<Column>]) -> Self {
        let cells = mapping
            .iter()
            .zip(row)
            .filter_map(|(column, cell)| Some((((*column)?), cell)))
            .filter(|(_, cell)| !cell.is_blank())
            .collect();
        Self { cells }
    }

    fn text(&self, column: Column) -> Option<String> {
        self.cells.get(&column).map(|cell| clean(&cell.text()))
    }

    /// Dates come as Excel dates, serial numbers, or text; the draft parses text.
    fn date_text(&self, column: Column) -> Option<String> {
        self.cells.get(&column).map(|cell| match cell {
            Cell::Number(n) => excel_serial_to_date(*n).map_or_else(|| n.to_string(), |d| d.to_string()),
            other => clean(&other.text()),
        })
    }
}

/// Plans the import of `sheet` as laid out by `layout`, against what the federation holds.
pub fn plan(sheet: &RawSheet, layout: &Layout, key: MatchKey, existing: &Existing, lang: Lang) -> ImportPlan {
    let data: Vec<(usize, RowCells)> = sheet
        .rows
        .iter()
        .enumerate()
        .skip(layout.header_row + 1)
        .filter(|(_, row)| !row.iter().all(Cell::is_blank))
        .map(|(index, row)| (index + 1, RowCells::new(row, &layout.mapping)))
        .collect();
    let companies = CompanyIndex::new(&existing.companies);
    let mut rows = match layout.kind {
        ListKind::Companies => plan_companies(&data, key, &companies, &existing.zones, lang),
        ListKind::Products => plan_products(&data, &companies, &existing.products),
        ListKind::Needs => plan_needs(&data, &companies, &existing.needs, lang),
    };
    mark_duplicates(&mut rows);
    ImportPlan { kind: layout.kind, rows: rows.into_iter().map(|(row, _)| row).collect() }
}

/// A planned row and what makes it the same as another row of the file, if anything.
type Keyed = (PlannedRow, Option<String>);

/// Maps rows on all cores: validating a big sheet is CPU work the user waits for.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(2048);
    std::thread::scope(|scope| {
        let f = &f;
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let work = move || part.iter().map(f).collect::<Vec<R>>();
                std::thread::Builder::new().name("qilian-plan".into()).spawn_scoped(scope, work).map_err(|_| part)
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| match part {
                Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: do that part here.
                Err(part) => part.iter().map(f).collect(),
            })
            .collect()
    })
}

/// The second and later rows with the same key are errors that point at the first.
fn mark_duplicates(rows: &mut [Keyed]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    for (index, (row, key)) in rows.iter().enumerate() {
        let Some(key) = key else { continue };
        match seen.get(key.as_str()) {
            Some(&first_row) => duplicates.push((index, first_row)),
            None => {
                seen.insert(key, row.row);
            }
        }
    }
    for (index, first_row) in duplicates {
        let outcome = &mut rows[index].0.outcome;
        match outcome {
            Outcome::Error(problems) => problems.push(Problem::DuplicateInFile { first_row }),
            _ => *outcome = Outcome::Error(vec![Problem::DuplicateInFile { first_row }]),
        }
    }
}

fn outcome_of<T: PartialEq>(
    problems: Vec<Problem>,
    base: Option<&T>,
    record: &T,
    changes: impl FnOnce(&T) -> Vec<Change>,
) -> Outcome {
    match base {
        _ if !problems.is_empty() => Outcome::Error(problems),
        None => Outcome::New,
        Some(base) if base == record => Outcome::Unchanged,
        Some(base) => Outcome::Update(changes(base)),
    }
}

fn diff(columns: &[Column], old: impl Fn(Column) -> Value, new: impl Fn(Column) -> Value) -> Vec<Change> {
    columns
        .iter()
        .filter(|c| **c != Column::Id)
        .filter_map(|&column| {
            let (before, after) = (old(column).text(), new(column).text());
            (before != after).then_some(Change { column, old: before, new: after })
        })
        .collect()
}

fn parse_status(text: &str) -> Option<MemberStatus> {
    MemberStatus::ALL
        .into_iter()
        .find(|s| s.code() == text || s.label(Lang::Zh) == text || s.label(Lang::En).eq_ignore_ascii_case(text))
        .or(match text {
            "会员" | "正式会员" | "正常" => Some(MemberStatus::Active),
            "退会" => Some(MemberStatus::Withdrawn),
            _ => None,
        })
}

/// 5, 五星, ★★★★★, 5星 → 5.
fn parse_stars(text: &str) -> Option<u8> {
    let stars = text.chars().filter(|c| *c == '★').count();
    if stars > 0 {
        return u8::try_from(stars).ok().filter(|s| *s <= 5);
    }
    let core = text.replace("星级", "").replace(['星', '级'], "");
    let core = core.trim();
    let n = core
        .parse::<f64>()
        .ok()
        .filter(|n| n.fract() == 0.0)
        .map(|n| n as i64)
        .or_else(|| ["零", "一", "二", "三", "四", "五"].iter().position(|c| *c == core).map(|p| p as i64))?;
    u8::try_from(n).ok().filter(|s| *s <= 5)
}

fn parse_region(text: &str) -> Option<SupplierRegion> {
    let found = SupplierRegion::ALL
        .into_iter()
        .find(|r| r.code() == text || r.label(Lang::Zh) == text || r.label(Lang::En).eq_ignore_ascii_case(text));
    found.or(match text {
        "香港" | "澳门" | "台湾" | "港澳" => Some(SupplierRegion::HongKongMacaoTaiwan),
        "国外" | "海外" | "进口" => Some(SupplierRegion::Abroad),
        "本市" | "宁波" => Some(SupplierRegion::City),
        "本省" | "浙江" => Some(SupplierRegion::Province),
        "园区" | "本园区" => Some(SupplierRegion::Park),
        _ => None,
    })
}

fn plan_companies(
    data: &[(usize, RowCells)],
    key: MatchKey,
    index: &CompanyIndex,
    zones: &[Zone],
    lang: Lang,
) -> Vec<Keyed> {
    par_map(data, |(row, cells)| {
        let row = *row;
        let mut problems = Vec::new();
        let name = cells.text(Column::CompanyName).unwrap_or_default();
        let code = cells.text(Column::CreditCode).map(|c| credit_code::normalize(&c)).unwrap_or_default();
        // An ID is trusted only when the record it names agrees on the name or the credit code: a
        // sheet exported from another federation carries IDs that mean other companies here.
        let by_id = cells
            .text(Column::Id)
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| index.by_id.get(&id).copied())
            .filter(|item| item.company.name == name || (!code.is_empty() && item.company.credit_code == code));
        let matched = by_id.or_else(|| match key {
            MatchKey::CreditCode if !code.is_empty() => index.by_code.get(code.as_str()).copied(),
            _ => index.by_name.get(name.as_str()).copied(),
        });
        if let Some(item) = matched.filter(|i| i.deleted) {
            problems.push(Problem::InRecycleBin(item.company.name.clone()));
        }
        let base = matched.map(|i| i.company.clone()).unwrap_or_default();
        let mut draft = CompanyDraft::from_company(&base);
        let set = |column: Column, target: &mut String| {
            if let Some(value) = cells.text(column) {
                *target = value;
            }
        };
        set(Column::CompanyName, &mut draft.name);
        set(Column::ShortName, &mut draft.short_name);
        set(Column::CreditCode, &mut draft.credit_code);
        set(Column::Address, &mut draft.address);
        set(Column::X, &mut draft.x_m);
        set(Column::Y, &mut draft.y_m);
        set(Column::Industry, &mut draft.industry);
        set(Column::Ownership, &mut draft.ownership);
        set(Column::Employees, &mut draft.employees);
        set(Column::ContactPerson, &mut draft.contact_person);
        set(Column::Phone, &mut draft.phone);
        set(Column::Notes, &mut draft.notes);
        if let Some(date) = cells.date_text(Column::JoinDate) {
            draft.join_date = date;
        }
        if let Some(zone) = cells.text(Column::Zone) {
            match resolve_zone(&zone, zones) {
                Some(i) => draft.zone_id = Some(zones[i].id),
                None => problems.push(Problem::UnknownZone(zone)),
            }
        }
        if let Some(status) = cells.text(Column::Status) {
            match parse_status(&status) {
                Some(s) => draft.status = s,
                None => problems.push(Problem::UnknownStatus(status)),
            }
        }
        if let Some(stars) = cells.text(Column::Stars) {
            match parse_stars(&stars) {
                Some(s) => draft.stars = s,
                None => problems.push(Problem::BadStars(stars)),
            }
        }
        let (company, errors) = draft.apply(&base);
        problems.extend(errors.into_iter().map(Problem::Field));
        if let Some(other) = index.by_code.get(company.credit_code.as_str()).filter(|o| o.company.id != company.id) {
            problems.push(Problem::CreditCodeTaken(other.company.name.clone()));
        }
        let file_key = if key == MatchKey::CreditCode && !company.credit_code.is_empty() {
            company.credit_code.clone()
        } else {
            company.name.clone()
        };
        let columns = ListKind::Companies.columns();
        let outcome = outcome_of(problems, matched.map(|i| &i.company), &company, |old| {
            diff(columns, |c| company_value(old, c, zones, lang), |c| company_value(&company, c, zones, lang))
        });
        let label = if name.is_empty() { company.name.clone() } else { name };
        let planned = PlannedRow { row, label, outcome, record: Some(Record::Company(company)) };
        (planned, (!file_key.is_empty()).then_some(file_key))
    })
}

/// A product or need sheet row's owner, or the problem with it.
fn owner_of<'a>(cells: &RowCells, index: &CompanyIndex<'a>, problems: &mut Vec<Problem>) -> Option<&'a Company> {
    match cells.text(Column::Owner) {
        None => {
            problems.push(Problem::Missing(Column::Owner));
            None
        }
        Some(text) => index.owner(&text).map_err(|p| problems.push(p)).ok(),
    }
}

/// Finds the existing record a row updates: by ID when that record has the same owner, else by
/// owner and name.
/// Existing products or needs of a company by name: a company sells one product in several
/// specs, so the spec tells them apart.
struct ChildIndex<'a, T> {
    by_id: HashMap<i64, &'a T>,
    by_name: HashMap<(i64, &'a str), Vec<(&'a str, &'a T)>>,
}

impl<'a, T: store::ChildRecord> ChildIndex<'a, T> {
    fn new(existing: &'a [T], name_and_spec: impl Fn(&'a T) -> (&'a str, &'a str)) -> Self {
        let mut by_name: HashMap<(i64, &str), Vec<(&str, &T)>> = HashMap::new();
        for record in existing {
            let (name, spec) = name_and_spec(record);
            by_name.entry((record.company_id(), name)).or_default().push((spec, record));
        }
        Self { by_id: existing.iter().map(|r| (r.id(), r)).collect(), by_name }
    }

    /// The record a row means: by its ID when that record has the same owner; else by owner,
    /// name and spec; else, when the row gives no spec, by owner and name if only one has it.
    fn find(&self, cells: &RowCells, owner: Option<&Company>, name: &str, spec: &str) -> Option<&'a T> {
        let owner = owner?;
        let by_id = cells
            .text(Column::Id)
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| self.by_id.get(&id).copied())
            .filter(|record| record.company_id() == owner.id);
        let same_name = self.by_name.get(&(owner.id, name)).map_or(&[][..], Vec::as_slice);
        let only_one = match same_name {
            [(_, only)] if spec.is_empty() => Some(*only),
            _ => None,
        };
        by_id.or_else(|| same_name.iter().find(|(s, _)| *s == spec).map(|(_, r)| *r)).or(only_one)
    }
}

/// Two rows of a product or need sheet are the same when they name the same owner, item and spec.
fn child_key(owner: Option<&Company>, name: &str, spec: &str) -> Option<String> {
    owner.filter(|_| !name.is_empty()).map(|o| format!("{}\u{1f}{name}\u{1f}{spec}", o.id))
}

fn with_spec(name: &str, spec: &str) -> String {
    if spec.is_empty() { name.to_string() } else { format!("{name}（{spec}）") }
}

fn plan_products(data: &[(usize, RowCells)], index: &CompanyIndex, existing: &[Product]) -> Vec<Keyed> {
    let children = ChildIndex::new(existing, |p| (p.name.as_str(), p.spec.as_str()));
    par_map(data, |(row, cells)| {
        let row = *row;
        let mut problems = Vec::new();
        let owner = owner_of(cells, index, &mut problems);
        let name = cells.text(Column::ProductName).unwrap_or_default();
        let spec = cells.text(Column::Spec).unwrap_or_default();
        let matched = children.find(cells, owner, &name, &spec);
        let base =
            matched.cloned().unwrap_or_else(|| Product { company_id: owner.map_or(0, |o| o.id), ..Product::default() });
        let mut draft = ProductDraft::from_product(&base);
        for (field, target) in draft.text_fields() {
            if let Some(value) = column_of(field).and_then(|column| cells.text(column)) {
                *target = value;
            }
        }
        let (mut product, errors) = draft.apply(&base);
        if let Some(owner) = owner {
            product.company_id = owner.id;
        }
        problems.extend(errors.into_iter().map(Problem::Field));
        let key = child_key(owner, &product.name, &product.spec);
        let owner_name = owner.map_or(String::new(), |o| o.name.clone());
        let columns = ListKind::Products.columns();
        let outcome = outcome_of(problems, matched, &product, |old| {
            diff(columns, |c| product_value(old, &owner_name, c), |c| product_value(&product, &owner_name, c))
        });
        let label = format!("{owner_name} · {}", with_spec(&product.name, &product.spec));
        (PlannedRow { row, label, outcome, record: Some(Record::Product(product)) }, key)
    })
}

fn plan_needs(data: &[(usize, RowCells)], index: &CompanyIndex, existing: &[Need], lang: Lang) -> Vec<Keyed> {
    let children = ChildIndex::new(existing, |n| (n.item.as_str(), n.spec.as_str()));
    par_map(data, |(row, cells)| {
        let row = *row;
        let mut problems = Vec::new();
        let owner = owner_of(cells, index, &mut problems);
        let item = cells.text(Column::Item).unwrap_or_default();
        let spec = cells.text(Column::Spec).unwrap_or_default();
        let matched = children.find(cells, owner, &item, &spec);
        let base =
            matched.cloned().unwrap_or_else(|| Need { company_id: owner.map_or(0, |o| o.id), ..Need::default() });
        let mut draft = NeedDraft::from_need(&base);
        for (field, target) in draft.text_fields() {
            if let Some(value) = column_of(field).and_then(|column| cells.text(column)) {
                *target = value;
            }
        }
        if let Some(region) = cells.text(Column::SupplierRegion) {
            match parse_region(&region) {
                Some(r) => draft.supplier_region = Some(r),
                None => problems.push(Problem::UnknownRegion(region)),
            }
        }
        let (mut need, errors) = draft.apply(&base);
        if let Some(owner) = owner {
            need.company_id = owner.id;
        }
        problems.extend(errors.into_iter().map(Problem::Field));
        let key = child_key(owner, &need.item, &need.spec);
        let owner_name = owner.map_or(String::new(), |o| o.name.clone());
        let columns = ListKind::Needs.columns();
        let outcome = outcome_of(problems, matched, &need, |old| {
            diff(columns, |c| need_value(old, &owner_name, c, lang), |c| need_value(&need, &owner_name, c, lang))
        });
        let label = format!("{owner_name} · {}", with_spec(&need.item, &need.spec));
        (PlannedRow { row, label, outcome, record: Some(Record::Need(need)) }, key)
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("import cancelled; nothing was written")]
    Cancelled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ApplyError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApplyError::Cancelled => {
                lang.pick("已取消导入，未写入任何数据。", "Import cancelled; nothing was written.").into()
            }
            ApplyError::Store(e) => e.message(lang),
        }
    }
}

/// Writes the new and updated rows of `plan` in one transaction. `progress(done, total)` is called
/// as rows are written; raising `cancel` rolls everything back.
pub fn apply(
    store: &mut Store,
    plan: &ImportPlan,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<OutcomeCounts, ApplyError> {
    let writes: Vec<(&Record, bool)> = plan
        .rows
        .iter()
        .filter_map(|row| match (&row.outcome, &row.record) {
            (Outcome::New, Some(record)) => Some((record, true)),
            (Outcome::Update(_), Some(record)) => Some((record, false)),
            _ => None,
        })
        .collect();
    let total = writes.len();
    store.write(|tx| {
        for (done, (record, is_new)) in writes.into_iter().enumerate() {
            if done % 500 == 0 {
                if cancel.load(Ordering::Relaxed) {
                    return Err(ApplyError::Cancelled);
                }
                progress(done, total);
            }
            match (record, is_new) {
                (Record::Company(c), true) => store::insert_company(tx, c).map(|_| ())?,
                (Record::Company(c), false) => store::update_company(tx, c)?,
                (Record::Product(p), true) => store::insert_child(tx, p).map(|_| ())?,
                (Record::Product(p), false) => store::update_child(tx, p)?,
                (Record::Need(n), true) => store::insert_child(tx, n).map(|_| ())?,
                (Record::Need(n), false) => store::update_child(tx, n)?,
            }
        }
        if cancel.load(Ordering::Relaxed) {
            return Err(ApplyError::Cancelled);
        }
        progress(total, total);
        Ok(())
    })?;
    Ok(plan.counts())
}
