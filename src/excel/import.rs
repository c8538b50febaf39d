//! Planning an import: every row of a sheet becomes new, update (with its field changes),
//! unchanged, or error (with its reasons), before anything is written. Then the good rows are
//! written in one transaction, or none are.
//!
//! Validation runs the records' field tables (`domain::records`), so a sheet obeys exactly the
//! rules of the form on screen.

use super::ExcelError;
use super::columns::{Column, ID, ListKind, OWNER, header_signature, map_headers, mapping_from_json};
use super::read::{self, Cell, RawSheet, excel_serial_to_date};
use crate::domain::fields::{Env, FieldError, FieldTable, Kind};
use crate::domain::text::clean;
use crate::domain::{Company, Draft, Need, Product, Zone, credit_code};
use crate::i18n::Lang;
use crate::store::{self, ChildRecord, CompanyListItem, Store, StoreError};
use crate::tr;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

crate::labelled_enum! {
    /// How a row finds the record it updates, when it has no ID column.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub enum MatchKey {
        /// By credit code when the row has one, otherwise by full name.
        #[default]
        CreditCode = ("credit-code", "按信用代码（无代码时按全称）", "By credit code (else full name)"),
        /// By full name only.
        Name = ("name", "按企业名称", "By company name"),
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
    if let Some(saved) = store.saved_mapping(&signature)?.and_then(|json| mapping_from_json(layout.kind, &json)) {
        layout.mapping = saved;
    }
    Ok((raw, layout))
}

/// A layout that has the column naming its records fits its list a little better than another.
fn fits_kind(kind: ListKind, mapping: &[Option<Column>]) -> bool {
    mapping.iter().flatten().any(|c| c.key == kind.name_key())
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Field(FieldError),
    /// A column that must be given for this list.
    Missing(Column),
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
        match self {
            Problem::Field(e) => e.message(lang),
            Problem::Missing(c) => tr!(lang, "缺少{}", "{} missing", c.label.get(lang)),
            Problem::DuplicateInFile { first_row } => tr!(lang, "与第 {first_row} 行重复", "Same as row {first_row}"),
            Problem::CreditCodeTaken(other) => {
                tr!(lang, "信用代码已属于“{other}”", "Credit code belongs to “{other}”")
            }
            Problem::InRecycleBin(name) => tr!(
                lang,
                "对应企业“{name}”在回收站中，请先恢复",
                "The company “{name}” is in the recycle bin; restore it first"
            ),
            Problem::OwnerNotFound(name) => tr!(lang, "找不到所属企业“{name}”", "Company “{name}” not found"),
            Problem::OwnerAmbiguous(name) => tr!(
                lang,
                "“{name}”对应多家企业，请填全称或信用代码",
                "“{name}” matches several companies; use the full name or credit code"
            ),
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

/// One data row: its cells in the order of its list's columns, blank ones left out.
struct RowCells<'a> {
    columns: &'a [Column],
    cells: Vec<Option<&'a Cell>>,
}

impl<'a> RowCells<'a> {
    /// `slots` gives, for each cell of the row, the position of its column in `columns`.
    fn new(row: &'a [Cell], slots: &[Option<usize>], columns: &'a [Column]) -> Self {
        let mut cells = vec![None; columns.len()];
        for (slot, cell) in slots.iter().zip(row) {
            if let Some(i) = *slot
                && !cell.is_blank()
            {
                cells[i] = Some(cell);
            }
        }
        Self { columns, cells }
    }

    /// The cell in column `i` as a form would have it typed. Dates come as Excel dates, serial
    /// numbers or text; the field parses text.
    fn text_at(&self, i: usize) -> Option<String> {
        let cell = self.cells.get(i).copied().flatten()?;
        Some(match (self.columns[i].kind, cell) {
            (Kind::Date, Cell::Number(n)) => excel_serial_to_date(*n).map_or_else(|| n.to_string(), |d| d.to_string()),
            _ => clean(&cell.text()),
        })
    }

    fn text(&self, key: &str) -> Option<String> {
        self.text_at(self.columns.iter().position(|c| c.key == key)?)
    }

    /// A draft of `base` with every field the row gives replaced by the row's text. A list's
    /// columns are its key columns, then its record's fields in table order.
    fn draft<R: FieldTable>(&self, base: &R, env: &Env) -> Draft<R> {
        let mut draft = Draft::of(base, env);
        let first = self.columns.len() - R::fields().len();
        for i in 0..R::fields().len() {
            if let Some(text) = self.text_at(first + i) {
                draft.set_at(i, text);
            }
        }
        draft
    }

    fn id(&self) -> Option<i64> {
        self.text(ID.key).and_then(|id| id.parse().ok())
    }
}

/// Plans the import of `sheet` as laid out by `layout`, against what the federation holds.
pub fn plan(sheet: &RawSheet, layout: &Layout, key: MatchKey, existing: &Existing, lang: Lang) -> ImportPlan {
    let columns = layout.kind.columns();
    let slots: Vec<Option<usize>> =
        layout.mapping.iter().map(|m| m.and_then(|c| columns.iter().position(|x| x == &c))).collect();
    let data: Vec<(usize, RowCells)> = sheet
        .rows
        .iter()
        .enumerate()
        .skip(layout.header_row + 1)
        .filter(|(_, row)| !row.iter().all(Cell::is_blank))
        .map(|(index, row)| (index + 1, RowCells::new(row, &slots, &columns)))
        .collect();
    let companies = CompanyIndex::new(&existing.companies);
    let env = Env { lang, zones: &existing.zones, industries: &[] };
    let mut rows = match layout.kind {
        ListKind::Companies => plan_companies(&data, key, &companies, &env),
        ListKind::Products => plan_children(&data, &companies, &existing.products, &env, Record::Product),
        ListKind::Needs => plan_children(&data, &companies, &existing.needs, &env, Record::Need),
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

fn outcome_of<R: FieldTable>(problems: Vec<Problem>, base: Option<&R>, record: &R, env: &Env) -> Outcome {
    match base {
        _ if !problems.is_empty() => Outcome::Error(problems),
        None => Outcome::New,
        Some(base) if base == record => Outcome::Unchanged,
        Some(base) => Outcome::Update(changes(base, record, env)),
    }
}

/// Each field whose text differs between the stored record and the row's.
fn changes<R: FieldTable>(old: &R, new: &R, env: &Env) -> Vec<Change> {
    R::fields()
        .iter()
        .filter_map(|field| {
            let (before, after) = ((field.value)(old, env).text(), (field.value)(new, env).text());
            (before != after).then_some(Change { column: &field.info, old: before, new: after })
        })
        .collect()
}

fn field_problems(errors: Vec<FieldError>) -> impl Iterator<Item = Problem> {
    errors.into_iter().map(Problem::Field)
}

fn plan_companies(data: &[(usize, RowCells)], key: MatchKey, index: &CompanyIndex, env: &Env) -> Vec<Keyed> {
    par_map(data, |(row, cells)| {
        let row = *row;
        let mut problems = Vec::new();
        let name = cells.text("CompanyName").unwrap_or_default();
        let code = cells.text("CreditCode").map(|c| credit_code::normalize(&c)).unwrap_or_default();
        // An ID is trusted only when the record it names agrees on the name or the credit code: a
        // sheet exported from another federation carries IDs that mean other companies here.
        let by_id = cells
            .id()
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
        let (company, errors) = cells.draft(&base, env).apply(&base, env);
        problems.extend(field_problems(errors));
        if let Some(other) = index.by_code.get(company.credit_code.as_str()).filter(|o| o.company.id != company.id) {
            problems.push(Problem::CreditCodeTaken(other.company.name.clone()));
        }
        let file_key = if key == MatchKey::CreditCode && !company.credit_code.is_empty() {
            company.credit_code.clone()
        } else {
            company.name.clone()
        };
        let outcome = outcome_of(problems, matched.map(|i| &i.company), &company, env);
        let label = if name.is_empty() { company.name.clone() } else { name };
        let planned = PlannedRow { row, label, outcome, record: Some(Record::Company(company)) };
        (planned, (!file_key.is_empty()).then_some(file_key))
    })
}

/// A product or need sheet row's owner, or the problem with it.
fn owner_of<'a>(cells: &RowCells, index: &CompanyIndex<'a>, problems: &mut Vec<Problem>) -> Option<&'a Company> {
    match cells.text(OWNER.key) {
        None => {
            problems.push(Problem::Missing(&OWNER));
            None
        }
        Some(text) => index.owner(&text).map_err(|p| problems.push(p)).ok(),
    }
}

/// A product or need as a sheet lists it: under its company, by name and spec (a company sells
/// one product in several grades).
pub trait ChildRow: FieldTable + ChildRecord {
    fn name(&self) -> &str;
    fn spec(&self) -> &str;
}

impl ChildRow for Product {
    fn name(&self) -> &str {
        &self.name
    }
    fn spec(&self) -> &str {
        &self.spec
    }
}

impl ChildRow for Need {
    fn name(&self) -> &str {
        &self.item
    }
    fn spec(&self) -> &str {
        &self.spec
    }
}

/// Existing products or needs, by id and by owner and name.
struct ChildIndex<'a, T> {
    by_id: HashMap<i64, &'a T>,
    by_name: HashMap<(i64, &'a str), Vec<&'a T>>,
}

impl<'a, T: ChildRow> ChildIndex<'a, T> {
    fn new(existing: &'a [T]) -> Self {
        let mut by_name: HashMap<(i64, &str), Vec<&T>> = HashMap::new();
        for record in existing {
            by_name.entry((record.company_id(), record.name())).or_default().push(record);
        }
        Self { by_id: existing.iter().map(|r| (r.id(), r)).collect(), by_name }
    }

    /// The record a row means: by its ID when that record has the same owner; else by owner,
    /// name and spec; else, when the row gives no spec, by owner and name if only one has it.
    fn find(&self, cells: &RowCells, owner: Option<&Company>, name: &str, spec: &str) -> Option<&'a T> {
        let owner = owner?;
        let by_id = cells.id().and_then(|id| self.by_id.get(&id).copied()).filter(|r| r.company_id() == owner.id);
        let same_name = self.by_name.get(&(owner.id, name)).map_or(&[][..], Vec::as_slice);
        let only_one = match same_name {
            [only] if spec.is_empty() => Some(*only),
            _ => None,
        };
        by_id.or_else(|| same_name.iter().find(|r| r.spec() == spec).copied()).or(only_one)
    }
}

/// Two rows of a product or need sheet are the same when they name the same owner, item and spec.
fn child_key(owner: Option<&Company>, name: &str, spec: &str) -> Option<String> {
    owner.filter(|_| !name.is_empty()).map(|o| format!("{}\u{1f}{name}\u{1f}{spec}", o.id))
}

fn with_spec(name: &str, spec: &str) -> String {
    if spec.is_empty() { name.to_string() } else { format!("{name}（{spec}）") }
}

/// Plans a product or need sheet; `wrap` makes the planned record.
fn plan_children<T: ChildRow>(
    data: &[(usize, RowCells)],
    index: &CompanyIndex,
    existing: &[T],
    env: &Env,
    wrap: fn(T) -> Record,
) -> Vec<Keyed> {
    let children = ChildIndex::new(existing);
    let name_key = T::fields()[0].info.key;
    par_map(data, |(row, cells)| {
        let mut problems = Vec::new();
        let owner = owner_of(cells, index, &mut problems);
        let name = cells.text(name_key).unwrap_or_default();
        let spec = cells.text("Spec").unwrap_or_default();
        let matched = children.find(cells, owner, &name, &spec);
        let mut base = matched.cloned().unwrap_or_default();
        if let Some(owner) = owner {
            base.set_company_id(owner.id);
        }
        let (record, errors) = cells.draft(&base, env).apply(&base, env);
        problems.extend(field_problems(errors));
        let key = child_key(owner, record.name(), record.spec());
        let owner_name = owner.map_or("", |o| o.name.as_str());
        let label = format!("{owner_name} · {}", with_spec(record.name(), record.spec()));
        let outcome = outcome_of(problems, matched, &record, env);
        (PlannedRow { row: *row, label, outcome, record: Some(wrap(record)) }, key)
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
