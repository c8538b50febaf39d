//! An import as the window runs it, in two background steps: read the sheet and plan every row
//! (again whenever the user picks another sheet, corrects the column mapping or changes how rows
//! find their company), then write the plan in one transaction, with progress and a cancel that
//! writes nothing.

use super::ExcelError;
use super::columns::{ListKind, header_signature, mapping_to_json};
use super::import::{self, ApplyError, Existing, ImportPlan, Layout, MatchKey, OutcomeCounts};
use super::read::{self, RawSheet};
use crate::i18n::Lang;
use crate::jobs::{JobContext, JobError};
use crate::store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] ExcelError),
    #[error(transparent)]
    Write(#[from] ApplyError),
    #[error(transparent)]
    Job(#[from] JobError),
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Read(e) => e.message(lang),
            Self::Write(e) => e.message(lang),
            Self::Job(e) => e.message(lang),
        }
    }
}

/// What to read and how to lay it out.
#[derive(Debug, Clone)]
pub struct PreviewRequest {
    pub file: PathBuf,
    pub db: PathBuf,
    /// The list the user chose to import, or `None` to recognise it from the headers.
    pub kind: Option<ListKind>,
    pub sheet: Option<String>,
    pub key: MatchKey,
    /// A layout the user corrected by hand; it is remembered for the next file with these headers.
    pub corrected: Option<Layout>,
    pub lang: Lang,
}

/// A sheet read and planned, ready to show.
pub struct Preview {
    pub sheet: Arc<RawSheet>,
    pub layout: Layout,
    pub plan: ImportPlan,
}

/// Reads the sheet, lays it out (as corrected, remembered or detected) and plans every row.
pub fn preview(request: &PreviewRequest) -> Result<Preview, ImportError> {
    let mut store = Store::open(&request.db).map_err(ExcelError::from)?;
    let (sheet, layout) = match &request.corrected {
        Some(layout) => {
            let signature = header_signature(layout.kind, &layout.headers);
            // Failing to remember loses nothing of this import; the log keeps the reason.
            if let Err(e) = store.save_mapping(&signature, &mapping_to_json(&layout.mapping)) {
                log::warn!("column mapping not remembered: {e}");
            }
            (read::read_sheet(&request.file, request.sheet.as_deref())?, layout.clone())
        }
        None => import::read_with_layout(&request.file, request.sheet.as_deref(), request.kind, &store)?,
    };
    let existing = Existing::load(&store).map_err(ExcelError::from)?;
    let plan = import::plan(&sheet, &layout, request.key, &existing, request.lang);
    Ok(Preview { sheet: Arc::new(sheet), layout, plan })
}

/// Writes the plan's new and updated rows through a connection of its own.
pub fn write(db: &Path, plan: &ImportPlan, job: &JobContext) -> Result<OutcomeCounts, ImportError> {
    let mut store = Store::open(db).map_err(ApplyError::from)?;
    Ok(import::apply(&mut store, plan, job.cancel_flag(), &mut |done, total| job.set_progress(done, total))?)
}
