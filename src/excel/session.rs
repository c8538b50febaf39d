//! An import as the window and the command line run it. The sheet is read on a thread of its own
//! and handed over in batches; each batch is planned (and, when writing, written) as it arrives,
//! so a million rows cost the memory of a batch and the read overlaps the checking and writing.
//!
//! A preview plans without writing and keeps each row's outcome for the dialog. A write takes the
//! database's write lock before it reads what the federation holds, and plans again under it: a
//! second import of the same file, from another window or process, waits and then finds every
//! row already there. Everything is written in one transaction, or nothing.

use super::ExcelError;
use super::columns::{ListKind, header_signature, mapping_to_json};
use super::import::{self, Existing, HEADER_SEARCH_ROWS, Layout, MatchKey, OutcomeCounts, PlannedRow, Planner};
use super::read::{self, Cell, Flow, LIMITS, ReadInfo, SheetRow};
use crate::domain::fields::ValueMap;
use crate::i18n::Lang;
use crate::jobs::JobError;
use crate::store::{Store, StoreError, backup};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::SystemTime;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] ExcelError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("import cancelled; nothing was written")]
    Cancelled,
    #[error("the file changed after it was checked; read it again before importing")]
    FileChanged,
    #[error(transparent)]
    Job(#[from] JobError),
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Read(e) => e.message(lang),
            Self::Store(e) => e.message(lang),
            Self::Cancelled => {
                lang.pick("已取消导入，未写入任何数据。", "Import cancelled; nothing was written.").into()
            }
            Self::FileChanged => lang
                .pick(
                    "文件在检查之后被修改过，未写入任何数据；请重新读取后再导入。",
                    "The file changed after it was checked; nothing was written. Read it again before importing.",
                )
                .into(),
            Self::Job(e) => e.message(lang),
        }
    }

    /// Whether the input, not the machine, is at fault: the command line exits 2 for these.
    pub fn is_rejection(&self) -> bool {
        matches!(
            self,
            Self::Read(
                ExcelError::TooLarge { .. }
                    | ExcelError::NotAFile
                    | ExcelError::NotASpreadsheet
                    | ExcelError::NoHeader
                    | ExcelError::Unreadable(_)
                    | ExcelError::NoSuchSheet(_)
                    | ExcelError::Empty
            )
        )
    }
}

/// A file's size and modification time: enough to tell that it changed since it was previewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl FileStamp {
    pub fn of(path: &Path) -> Result<Self, ExcelError> {
        let meta = std::fs::metadata(path).map_err(|e| ExcelError::Unreadable(e.to_string()))?;
        Ok(Self { len: meta.len(), modified: meta.modified().ok() })
    }
}

/// What to import and how to read it.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    pub file: PathBuf,
    /// The list the user chose to import, or `None` to recognise it from the headers.
    pub kind: Option<ListKind>,
    /// The sheet to read, or `None` for the first that has a header.
    pub sheet: Option<String>,
    pub key: MatchKey,
    /// The layout to use instead of detecting one: as the user corrected it, or as a preview
    /// showed it.
    pub layout: Option<Layout>,
    /// Remember `layout`'s mapping for the next file with these headers (the user corrected it).
    pub remember_layout: bool,
    /// How to read values no rule recognises, as the user just said; remembered.
    pub new_values: ValueMap,
    /// The file as it was previewed: a write refuses a file that has changed since.
    pub previewed: Option<FileStamp>,
    /// Keep the rejected rows as the sheet had them, to save them for fixing.
    pub keep_rejects: bool,
    pub lang: Lang,
}

impl ImportRequest {
    pub fn new(file: PathBuf, kind: Option<ListKind>, lang: Lang) -> Self {
        Self {
            file,
            kind,
            sheet: None,
            key: MatchKey::default(),
            layout: None,
            remember_layout: false,
            new_values: ValueMap::new(),
            previewed: None,
            keep_rejects: false,
            lang,
        }
    }
}

/// What an import does with the rows it plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Plan and keep every row's outcome, write nothing.
    Preview,
    /// Plan and report, write nothing.
    DryRun,
    /// Write the valid rows; with `strict`, nothing at all if any row is rejected.
    Write { strict: bool },
}

/// The rejected rows of an import as the sheet had them, for sending back to be fixed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rejects {
    pub header: Vec<Cell>,
    /// Each rejected row's cells, and why it was rejected.
    pub rows: Vec<(Vec<Cell>, String)>,
}

/// How an import went.
#[derive(Debug, Clone)]
pub struct Summary {
    pub info: ReadInfo,
    pub layout: Layout,
    pub counts: OutcomeCounts,
    /// Whether anything was committed.
    pub written: bool,
    /// Every row's outcome, for a preview (without the records, which a write plans again).
    pub rows: Vec<PlannedRow>,
    pub rejects: Rejects,
    pub stamp: FileStamp,
}

/// Rows handed from the reading thread at a time: enough to keep both threads busy, few enough
/// that memory stays flat however long the sheet.
const BATCH: usize = 2048;

/// Who follows an import as it goes: the command line prints its report, the window moves its
/// progress bar.
pub trait Observer {
    /// The header was found (or given).
    fn layout(&mut self, _layout: &Layout) {}
    /// A row was planned (and, when writing, written).
    fn row(&mut self, _row: &PlannedRow) {}
    /// So many rows of the sheet have been taken in.
    fn progress(&mut self, _rows: usize) {}
}

/// Follows nothing.
impl Observer for () {}

/// Imports `request.file` into `store` as `mode` says.
pub fn run(
    store: &mut Store,
    request: &ImportRequest,
    mode: Mode,
    cancel: &AtomicBool,
    observer: &mut dyn Observer,
) -> Result<Summary, ImportError> {
    let stamp = FileStamp::of(&request.file)?;
    if request.previewed.is_some_and(|previewed| previewed != stamp) {
        return Err(ImportError::FileChanged);
    }
    remember(store, request)?;
    let Mode::Write { strict } = mode else {
        return plan_file(store, None, request, mode, cancel, observer).map(|s| Summary { stamp, ..s });
    };
    let cancelled = || cancel.load(Ordering::Relaxed);
    let lock =
        store.write_lock(&|| !cancelled()).map_err(|e| if cancelled() { ImportError::Cancelled } else { e.into() })?;
    if lock.store.path().is_file() {
        // Under the lock, so the copy is exactly what this import starts from.
        backup::take(lock.store.path(), backup::Reason::BeforeImport)?;
    }
    let mut summary = plan_file(lock.store, Some(lock.tx()), request, mode, cancel, observer)?;
    if cancelled() {
        return Err(ImportError::Cancelled);
    }
    let rejected = strict && summary.counts.error > 0;
    if summary.counts.new + summary.counts.update > 0 && !rejected {
        lock.commit()?;
        summary.written = true;
    }
    Ok(Summary { stamp, ..summary })
}

/// Saves what the user taught this import, so the next file is read the same way.
fn remember(store: &mut Store, request: &ImportRequest) -> Result<(), StoreError> {
    if let Some(layout) = request.layout.as_ref().filter(|_| request.remember_layout) {
        store.save_mapping(&header_signature(layout.kind, &layout.headers), &mapping_to_json(&layout.mapping))?;
    }
    if !request.new_values.is_empty() {
        store.save_value_mappings(&request.new_values)?;
    }
    Ok(())
}

/// A sheet being read on its own thread: its batches of rows, then how the read ended.
struct Stream<'scope> {
    batches: mpsc::Receiver<Vec<SheetRow>>,
    reader: std::thread::ScopedJoinHandle<'scope, Result<ReadInfo, ExcelError>>,
}

impl Stream<'_> {
    /// Stops the reader (it finds no one listening at its next batch) and says how it ended.
    fn finish(self) -> Result<ReadInfo, ImportError> {
        drop(self.batches);
        Ok(self.reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?)
    }

    /// The first rows with content, enough to find the header among.
    fn head(&self) -> Vec<SheetRow> {
        let mut head = Vec::new();
        while head.len() < HEADER_SEARCH_ROWS {
            match self.batches.recv() {
                Ok(batch) => head.extend(batch),
                Err(_) => break,
            }
        }
        head
    }
}

fn stream<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    file: &'scope Path,
    sheet: Option<String>,
) -> Result<Stream<'scope>, ImportError> {
    let (sender, batches) = mpsc::sync_channel::<Vec<SheetRow>>(4);
    let read = move || {
        let mut batch = Vec::with_capacity(BATCH);
        // The first rows go at once: the header is looked for while the rest is read.
        let mut size = HEADER_SEARCH_ROWS;
        let info = read::for_each_row(file, sheet.as_deref(), &LIMITS, &mut |row| {
            batch.push(row);
            if batch.len() >= size {
                size = BATCH;
                if sender.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err() {
                    return Flow::Stop;
                }
            }
            Flow::Continue
        })?;
        if !batch.is_empty() {
            // Nobody listening means the import stopped: nothing to hand over.
            let _ = sender.send(batch);
        }
        Ok(info)
    };
    let reader = std::thread::Builder::new()
        .name("qilian-import-read".into())
        .spawn_scoped(scope, read)
        .map_err(|e| ExcelError::Unreadable(e.to_string()))?;
    Ok(Stream { batches, reader })
}

/// Finds the sheet and its header, then plans (and writes through `tx`) every row.
fn plan_file(
    store: &Store,
    tx: Option<&rusqlite::Transaction>,
    request: &ImportRequest,
    mode: Mode,
    cancel: &AtomicBool,
    observer: &mut dyn Observer,
) -> Result<Summary, ImportError> {
    std::thread::scope(|scope| {
        let file = request.file.as_path();
        let mut stream = stream(scope, file, request.sheet.clone())?;
        let mut head = stream.head();
        let layout = match &request.layout {
            Some(layout) => layout.clone(),
            None => match import::detect_layout(&head, request.kind) {
                Some(layout) => import::remembered(layout, store)?,
                None => {
                    // No header on this sheet: when none was named, the first sheet that has one.
                    let info = stream.finish()?;
                    if request.sheet.is_some() {
                        return Err(ExcelError::NoHeader.into());
                    }
                    let (sheet, layout) = other_sheet_layout(file, &info, request.kind)?;
                    stream = self::stream(scope, file, Some(sheet))?;
                    head = stream.head();
                    import::remembered(layout, store)?
                }
            },
        };
        observer.layout(&layout);
        let existing = Existing::load(store, layout.kind)?;
        let mut planner = Planner::new(&layout, request.key, &existing, request.lang);
        let mut summary = Summary {
            info: ReadInfo::default(),
            layout: layout.clone(),
            counts: OutcomeCounts::default(),
            written: false,
            rows: Vec::new(),
            rejects: Rejects::default(),
            stamp: FileStamp { len: 0, modified: None },
        };
        if let Some(header) = head.iter().find(|r| r.index == layout.header_row) {
            summary.rejects.header = header.cells.clone();
        }
        let mut done = 0;
        let mut batch = head;
        loop {
            if cancel.load(Ordering::Relaxed) {
                stream.finish()?;
                return Err(ImportError::Cancelled);
            }
            let planned = planner.plan(&batch);
            done += batch.len();
            let mut cells = batch.into_iter().filter(|r| r.index > layout.header_row);
            for mut row in planned {
                if let Some(tx) = tx {
                    import::write_row(tx, &row)?;
                }
                summary.counts.add(&row);
                observer.row(&row);
                // Rows come out in the order they went in, blank ones left out.
                let source = cells.find(|r| r.index + 1 == row.row);
                if request.keep_rejects
                    && matches!(row.outcome, import::Outcome::Error(_))
                    && let Some(source) = source
                {
                    summary.rejects.rows.push((source.cells, row.reasons(request.lang)));
                }
                if mode == Mode::Preview {
                    row.record = None;
                    summary.rows.push(row);
                }
            }
            observer.progress(done);
            match stream.batches.recv() {
                Ok(next) => batch = next,
                Err(_) => break,
            }
        }
        summary.info = stream.finish()?;
        Ok(summary)
    })
}

/// The first sheet other than the one already tried whose first rows hold a header.
fn other_sheet_layout(file: &Path, tried: &ReadInfo, kind: Option<ListKind>) -> Result<(String, Layout), ImportError> {
    for name in tried.sheet_names.iter().filter(|n| **n != tried.sheet) {
        let mut head = Vec::new();
        read::for_each_row(file, Some(name), &LIMITS, &mut |row| {
            head.push(row);
            if head.len() < HEADER_SEARCH_ROWS { Flow::Continue } else { Flow::Stop }
        })?;
        if let Some(layout) = import::detect_layout(&head, kind) {
            return Ok((name.clone(), layout));
        }
    }
    Err(ExcelError::NoHeader.into())
}

/// Plans the whole file without writing, for the import dialog: a connection of its own, and a
/// cancel for when the dialog closes.
pub fn preview(db: &Path, request: &ImportRequest, cancel: &AtomicBool) -> Result<Summary, ImportError> {
    let mut store = Store::open(db)?;
    run(&mut store, request, Mode::Preview, cancel, &mut ())
}
