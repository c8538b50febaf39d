//! Planning an import: every row of a sheet becomes new, update (with its field changes),
//! unchanged, or error (with its reasons), before anything is written. Then the good rows are
//! written in one transaction, or none are.
//!
//! Validation runs the records' field tables (`domain::records`), so a sheet obeys exactly the
//! rules of the form on screen.

use super::columns::{Column, ID, ListKind, OWNER, header_signature, map_headers, mapping_from_json};
use super::read::{Cell, SheetRow, excel_serial_to_date};
use crate::domain::fields::{Env, FieldError, FieldTable, Kind, ValidationError, ValueMap};
use crate::domain::place::ParkPlace;
use crate::domain::text::clean;
use crate::domain::{Company, Draft, Need, Product, Zone, credit_code};
use crate::i18n::Lang;
use crate::store::{self, ChildRecord, CompanyListItem, Store, StoreError};
use crate::tr;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    /// The header's row in the sheet, from 0 (Excel shows `header_row + 1`).
    pub header_row: usize,
    pub headers: Vec<String>,
    pub mapping: Vec<Option<Column>>,
}

/// How many rows with content a header may have above it (titles, dates, notes).
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header among the first rows with content (the row naming most known columns, under
/// any title rows) and maps it. With `kind` given only that list is tried; otherwise the list
/// whose headers fit best.
pub fn detect_layout(rows: &[SheetRow], kind: Option<ListKind>) -> Option<Layout> {
    let kinds: Vec<ListKind> = kind.map_or_else(|| ListKind::ALL.to_vec(), |k| vec![k]);
    let mut best: Option<(usize, Layout)> = None;
    for row in rows.iter().take(HEADER_SEARCH_ROWS) {
        let headers: Vec<String> = row.cells.iter().map(Cell::text).collect();
        for &kind in &kinds {
            let mapping = map_headers(kind, &headers);
            let score = mapping.iter().flatten().count() + usize::from(fits_kind(kind, &mapping));
            if score >= 2 && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, Layout { kind, header_row: row.index, headers: headers.clone(), mapping }));
            }
        }
    }
    best.map(|(_, layout)| layout)
}

/// The layout with the mapping the user last corrected by hand for the same headers, if any.
pub fn remembered(mut layout: Layout, store: &Store) -> Result<Layout, StoreError> {
    let signature = header_signature(layout.kind, &layout.headers);
    if let Some(saved) = store.saved_mapping(&signature)?.and_then(|json| mapping_from_json(layout.kind, &json)) {
        layout.mapping = saved;
    }
    Ok(layout)
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
    /// Another row of the file, for another company, has the same credit code.
    CreditCodeInFile {
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
            Problem::CreditCodeInFile { first_row } => {
                tr!(lang, "信用代码与第 {first_row} 行相同", "Same credit code as row {first_row}")
            }
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

/// A value of an optional field that no rule recognises (a supplier region written 北仑 in a
/// federation that has not said where it is): the row is imported without it, and the user can
/// say how to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unrecognised {
    pub column: Column,
    pub value: String,
}

impl Unrecognised {
    pub fn message(&self, lang: Lang) -> String {
        let (label, value) = (self.column.label.get(lang), &self.value);
        tr!(lang, "{label}“{value}”无法识别，该项未导入", "{label} “{value}” not recognised; left out")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRow {
    /// The row number Excel shows (1-based).
    pub row: usize,
    /// The name the row is about, for the report.
    pub label: String,
    pub outcome: Outcome,
    pub warnings: Vec<Unrecognised>,
    /// What the row would write; a preview drops it once the row is counted.
    pub record: Option<Record>,
}

impl PlannedRow {
    /// Every reason and warning of the row, as one line.
    pub fn reasons(&self, lang: Lang) -> String {
        let problems = match &self.outcome {
            Outcome::Error(problems) => problems.as_slice(),
            _ => &[],
        };
        let texts = problems.iter().map(|p| p.message(lang)).chain(self.warnings.iter().map(|w| w.message(lang)));
        texts.collect::<Vec<_>>().join(lang.pick("；", "; "))
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    pub new: usize,
    pub update: usize,
    pub unchanged: usize,
    pub error: usize,
    /// Rows imported without a value that was not recognised.
    pub warned: usize,
}

impl OutcomeCounts {
    pub fn add(&mut self, row: &PlannedRow) {
        match row.outcome {
            Outcome::New => self.new += 1,
            Outcome::Update(_) => self.update += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Error(_) => self.error += 1,
        }
        if !row.warnings.is_empty() && !matches!(row.outcome, Outcome::Error(_)) {
            self.warned += 1;
        }
    }

    /// Rows that are fine: written, or already there.
    pub fn valid(&self) -> usize {
        self.new + self.update + self.unchanged
    }
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
            c.add(row);
        }
        c
    }
}

/// What is already in the federation, read once per import: the records the list can match,
/// the zones and place its fields read against, and the values the user taught it.
pub struct Existing {
    pub companies: Vec<CompanyListItem>,
    pub zones: Vec<Zone>,
    pub place: ParkPlace,
    /// Only for a product sheet.
    pub products: Vec<Product>,
    /// Only for a need sheet.
    pub needs: Vec<Need>,
    pub values: ValueMap,
}

impl Existing {
    pub fn load(store: &Store, kind: ListKind) -> Result<Self, StoreError> {
        Ok(Self {
            companies: store.company_list()?,
            zones: store.zones()?,
            place: store.park_place()?,
            products: if kind == ListKind::Products { store.all_children()? } else { Vec::new() },
            needs: if kind == ListKind::Needs { store.all_children()? } else { Vec::new() },
            values: store.value_mappings()?,
        })
    }
}

/// Looks up companies by id, credit code, full name and short name.
pub(crate) struct CompanyIndex<'a> {
    by_id: HashMap<i64, &'a CompanyListItem>,
    by_code: HashMap<&'a str, &'a CompanyListItem>,
    by_name: HashMap<&'a str, &'a CompanyListItem>,
    by_short: HashMap<&'a str, Vec<&'a CompanyListItem>>,
}

impl<'a> CompanyIndex<'a> {
    pub(crate) fn new(items: &'a [CompanyListItem]) -> Self {
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
    pub(crate) fn owner(&self, text: &str) -> Result<&'a Company, Problem> {
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
    values: &'a ValueMap,
}

impl<'a> RowCells<'a> {
    /// `slots` gives, for each cell of the row, the position of its column in `columns`.
    fn new(row: &'a [Cell], slots: &[Option<usize>], columns: &'a [Column], values: &'a ValueMap) -> Self {
        let mut cells = vec![None; columns.len()];
        for (slot, cell) in slots.iter().zip(row) {
            if let Some(i) = *slot
                && !cell.is_blank()
            {
                cells[i] = Some(cell);
            }
        }
        Self { columns, cells, values }
    }

    /// The cell in column `i` as a form would have it typed. Dates come as Excel dates, serial
    /// numbers or text; the field parses text. Several lines stay as written; elsewhere spaces
    /// are tidied. A value the user said how to read is read so.
    fn text_at(&self, i: usize) -> Option<String> {
        let cell = self.cells.get(i).copied().flatten()?;
        let column = self.columns[i];
        let text = match (column.kind, cell) {
            (Kind::Date, Cell::Number(n)) => excel_serial_to_date(*n).map_or_else(|| n.to_string(), |d| d.to_string()),
            (Kind::LongText, _) => cell.text(),
            _ => clean(&cell.text()),
        };
        if matches!(column.kind, Kind::Choice(_) | Kind::Suggest(_))
            && !self.values.is_empty()
            && let Some(meaning) = self.values.get(&(column.key.to_string(), text.clone()))
        {
            return Some(meaning.clone());
        }
        Some(text)
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

    /// The row's draft applied to `base`: the record, the problems that reject the row, and the
    /// values left out because nothing recognised them.
    fn apply<R: FieldTable>(&self, base: &R, env: &Env) -> (R, Vec<Problem>, Vec<Unrecognised>) {
        let (record, errors) = self.draft(base, env).apply(base, env);
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        for error in errors {
            let column = self.columns.iter().find(|c| c.key == error.key);
            match (&error.error, column) {
                (
                    ValidationError::UnknownChoice(value) | ValidationError::OutOfRange { text: value, .. },
                    Some(&column),
                ) if matches!(column.kind, Kind::Choice(_)) => {
                    warnings.push(Unrecognised { column, value: value.clone() });
                }
                _ => problems.push(Problem::Field(error)),
            }
        }
        (record, problems, warnings)
    }
}

/// Plans an import row by row as a sheet is read: every row becomes new, update, unchanged or
/// error against what the federation held when planning began, and the second and later rows
/// about the same record are errors that point at the first.
pub struct Planner<'a> {
    kind: ListKind,
    key: MatchKey,
    columns: Vec<Column>,
    /// For each header cell, its column's position in `columns`.
    slots: Vec<Option<usize>>,
    header_row: usize,
    companies: CompanyIndex<'a>,
    products: ChildIndex<'a, Product>,
    needs: ChildIndex<'a, Need>,
    env: Env<'a>,
    values: &'a ValueMap,
    /// The first row of each record's key, for the rows that repeat it.
    first_row_of: HashMap<String, usize>,
    /// The first row to claim each credit code.
    code_rows: HashMap<String, usize>,
}

impl<'a> Planner<'a> {
    pub fn new(layout: &Layout, key: MatchKey, existing: &'a Existing, lang: Lang) -> Self {
        let columns = layout.kind.columns();
        let slots = layout.mapping.iter().map(|m| m.and_then(|c| columns.iter().position(|x| x == &c))).collect();
        Self {
            kind: layout.kind,
            key,
            columns,
            slots,
            header_row: layout.header_row,
            companies: CompanyIndex::new(&existing.companies),
            products: ChildIndex::new(&existing.products),
            needs: ChildIndex::new(&existing.needs),
            env: Env { lang, zones: &existing.zones, industries: &[], place: &existing.place },
            values: &existing.values,
            first_row_of: HashMap::new(),
            code_rows: HashMap::new(),
        }
    }

    /// Plans the data rows among `rows` (those below the header, with something in them), in
    /// order. Call again with the rows that follow.
    pub fn plan(&mut self, rows: &[SheetRow]) -> Vec<PlannedRow> {
        let data: Vec<(usize, RowCells)> = rows
            .iter()
            .filter(|row| row.index > self.header_row && !row.cells.iter().all(Cell::is_blank))
            .map(|row| (row.index + 1, RowCells::new(&row.cells, &self.slots, &self.columns, self.values)))
            .collect();
        let this = &*self;
        let keyed = match self.kind {
            ListKind::Companies => par_map(&data, |(row, cells)| this.plan_company(*row, cells)),
            ListKind::Products => {
                par_map(&data, |(row, cells)| this.plan_child(*row, cells, &this.products, Record::Product))
            }
            ListKind::Needs => par_map(&data, |(row, cells)| this.plan_child(*row, cells, &this.needs, Record::Need)),
        };
        keyed.into_iter().map(|(row, key)| self.mark_repeats(row, key)).collect()
    }

    /// A row that repeats an earlier row's record, or claims its credit code for another
    /// company, is an error that points at the first.
    fn mark_repeats(&mut self, mut row: PlannedRow, key: Option<String>) -> PlannedRow {
        let mut problems = Vec::new();
        if let Some(key) = key {
            match self.first_row_of.get(&key) {
                Some(&first_row) => problems.push(Problem::DuplicateInFile { first_row }),
                None => {
                    self.first_row_of.insert(key, row.row);
                }
            }
        }
        let code = match &row.record {
            Some(Record::Company(c)) if problems.is_empty() && !c.credit_code.is_empty() => Some(&c.credit_code),
            _ => None,
        };
        if let Some(code) = code {
            match self.code_rows.get(code) {
                Some(&first_row) => problems.push(Problem::CreditCodeInFile { first_row }),
                None => {
                    self.code_rows.insert(code.clone(), row.row);
                }
            }
        }
        if !problems.is_empty() {
            match &mut row.outcome {
                Outcome::Error(already) => already.extend(problems),
                outcome => *outcome = Outcome::Error(problems),
            }
        }
        row
    }

    fn plan_company(&self, row: usize, cells: &RowCells) -> Keyed {
        let index = &self.companies;
        let name = cells.text("CompanyName").unwrap_or_default();
        let code = cells.text("CreditCode").map(|c| credit_code::normalize(&c)).unwrap_or_default();
        // An ID is trusted only when the record it names agrees on the name or the credit code: a
        // sheet exported from another federation carries IDs that mean other companies here.
        let by_id = cells
            .id()
            .and_then(|id| index.by_id.get(&id).copied())
            .filter(|item| item.company.name == name || (!code.is_empty() && item.company.credit_code == code));
        let matched = by_id.or_else(|| match self.key {
            MatchKey::CreditCode if !code.is_empty() => index.by_code.get(code.as_str()).copied(),
            _ => index.by_name.get(name.as_str()).copied(),
        });
        let base = matched.map(|i| i.company.clone()).unwrap_or_default();
        let (company, mut problems, warnings) = cells.apply(&base, &self.env);
        if let Some(item) = matched.filter(|i| i.deleted) {
            problems.insert(0, Problem::InRecycleBin(item.company.name.clone()));
        }
        if let Some(other) = index.by_code.get(company.credit_code.as_str()).filter(|o| o.company.id != company.id) {
            problems.push(Problem::CreditCodeTaken(other.company.name.clone()));
        }
        let file_key = if self.key == MatchKey::CreditCode && !company.credit_code.is_empty() {
            company.credit_code.clone()
        } else {
            company.name.clone()
        };
        let outcome = outcome_of(problems, matched.map(|i| &i.company), &company, &self.env);
        let label = if name.is_empty() { company.name.clone() } else { name };
        let planned = PlannedRow { row, label, outcome, warnings, record: Some(Record::Company(company)) };
        (planned, (!file_key.is_empty()).then_some(file_key))
    }

    /// Plans a product or need row; `wrap` makes the planned record.
    fn plan_child<T: ChildRow>(
        &self,
        row: usize,
        cells: &RowCells,
        children: &ChildIndex<T>,
        wrap: fn(T) -> Record,
    ) -> Keyed {
        let mut problems = Vec::new();
        let owner = owner_of(cells, &self.companies, &mut problems);
        let name = cells.text(T::fields()[0].info.key).unwrap_or_default();
        let spec = cells.text("Spec").unwrap_or_default();
        let matched = children.find(cells, owner, &name, &spec);
        let mut base = matched.cloned().unwrap_or_default();
        if let Some(owner) = owner {
            base.set_company_id(owner.id);
        }
        let (record, field_problems, warnings) = cells.apply(&base, &self.env);
        problems.extend(field_problems);
        let key = child_key(owner, record.name(), record.spec());
        let owner_name = owner.map_or("", |o| o.name.as_str());
        let label = format!("{owner_name} · {}", with_spec(record.name(), record.spec()));
        let outcome = outcome_of(problems, matched, &record, &self.env);
        (PlannedRow { row, label, outcome, warnings, record: Some(wrap(record)) }, key)
    }
}

/// Plans every data row of `rows` at once (a sheet in memory; imports plan as they read).
pub fn plan(rows: &[SheetRow], layout: &Layout, key: MatchKey, existing: &Existing, lang: Lang) -> ImportPlan {
    let mut planner = Planner::new(layout, key, existing, lang);
    ImportPlan { kind: layout.kind, rows: planner.plan(rows) }
}

/// A planned row and what makes it the same as another row of the file, if anything.
type Keyed = (PlannedRow, Option<String>);

/// Maps rows on all cores: validating a big sheet is CPU work the user waits for.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(2048);
    if items.len() <= chunk {
        return items.iter().map(f).collect();
    }
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

/// Writes a planned row's record, if it is new or changed, inside the import's transaction.
pub(crate) fn write_row(tx: &rusqlite::Transaction, row: &PlannedRow) -> Result<(), StoreError> {
    let is_new = match row.outcome {
        Outcome::New => true,
        Outcome::Update(_) => false,
        Outcome::Unchanged | Outcome::Error(_) => return Ok(()),
    };
    match (&row.record, is_new) {
        (Some(Record::Company(c)), true) => store::insert_company(tx, c).map(|_| ()),
        (Some(Record::Company(c)), false) => store::update_company(tx, c),
        (Some(Record::Product(p)), true) => store::insert_child(tx, p).map(|_| ()),
        (Some(Record::Product(p)), false) => store::update_child(tx, p),
        (Some(Record::Need(n)), true) => store::insert_child(tx, n).map(|_| ()),
        (Some(Record::Need(n)), false) => store::update_child(tx, n),
        (None, _) => Ok(()),
    }
}
