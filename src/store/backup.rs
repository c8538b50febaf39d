//! Copies of a federation taken while it is in use, kept so that any day of the last week, any
//! week of the last month, and the state before each import or restore can be had back.
//!
//! A copy is taken with SQLite's online backup in one step, under one read transaction, so it is
//! the database as it was at one commit even while another window writes. It is written to a
//! temporary file and renamed into place when complete: a backup that exists is whole. Backups
//! live in the user's data folder, one folder per database file, named by the time they were
//! taken and why.

use super::file::{self, FileKind};
use super::{Result, StoreError, data_dir, migrations};
use chrono::{Datelike, Local, NaiveDateTime};
use rusqlite::{Connection, OpenFlags, backup::Backup};
use std::path::{Path, PathBuf};
use std::time::Duration;

crate::labelled_enum! {
    /// Why a backup was taken.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Reason {
        Daily = ("daily", "每日自动", "Daily"),
        BeforeImport = ("import", "导入前", "Before an import"),
        BeforeUpgrade = ("upgrade", "升级前", "Before an upgrade"),
        BeforeRestore = ("restore", "恢复前", "Before a restore"),
        Manual = ("manual", "手动", "By hand"),
    }
}

/// A backup in a database's backup folder.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken: NaiveDateTime,
    pub reason: Reason,
    pub bytes: u64,
}

/// What a backup holds, read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupContents {
    pub companies: i64,
    pub schema: i64,
}

/// How many automatic backups are kept: the newest few whatever they are, then the newest of each
/// of the last days and weeks that have one. Manual backups are never removed.
const KEEP_NEWEST: usize = 5;
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;

const STAMP: &str = "%Y%m%d-%H%M%S";

/// The folder of `db`'s backups: in the data folder, named after the file and a hash of its full
/// path, so two databases called qilian.db in different folders keep apart.
pub fn folder_for(db: &Path) -> Option<PathBuf> {
    let full = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    let stem = db.file_stem().map_or_else(|| "qilian".into(), |s| s.to_string_lossy().into_owned());
    // FNV-1a: stable across Rust versions, unlike the standard hasher.
    let hash = full
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    Some(data_dir()?.join("backups").join(format!("{stem}-{hash:016x}")))
}

/// Copies `db` (through its own read-only connection) to `out`, which must not exist.
pub fn copy_to(db: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        return Err(StoreError::Io(out.to_path_buf(), std::io::ErrorKind::AlreadyExists.into()));
    }
    let source = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    source.busy_timeout(Duration::from_secs(5))?;
    copy_from(&source, out)
}

/// Copies what `source` reads to `out` through a temporary file beside it.
fn copy_from(source: &Connection, out: &Path) -> Result<()> {
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| StoreError::Folder(folder.to_path_buf(), e))?;
    let name = out.file_name().map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    let temp = folder.join(format!(".{name}.part-{}", std::process::id()));
    let written = write_copy(source, &temp)
        .and_then(|()| std::fs::hard_link(&temp, out).map_err(|e| StoreError::Io(out.to_path_buf(), e)));
    if let Err(e) = std::fs::remove_file(&temp) {
        log::warn!("could not remove {}: {e}", temp.display());
    }
    written
}

fn write_copy(source: &Connection, temp: &Path) -> Result<()> {
    let mut target = Connection::open(temp)?;
    copy_pages(source, &mut target)?;
    // A single self-contained file, whatever mode the original was in.
    target.pragma_update(None, "journal_mode", "DELETE")?;
    target.close().map_err(|(_, e)| StoreError::from(e))
}

/// Copies every page of `source` into `target` in one step (one read transaction on the source,
/// one write transaction on the target), waiting up to five seconds for another writer.
fn copy_pages(source: &Connection, target: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let copy = Backup::new(source, target)?;
    for _ in 0..100 {
        match copy.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(50)),
            // `More` cannot follow a step of every page; other results are SQLite's future ones.
            _ => {}
        }
    }
    Err(StoreError::Busy(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None)))
}

/// Takes a backup of `db` into its backup folder and prunes the old automatic ones.
pub fn take(db: &Path, reason: Reason) -> Result<BackupInfo> {
    let folder = folder_for(db).ok_or_else(|| StoreError::Missing(PathBuf::from("data folder")))?;
    let source = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    source.busy_timeout(Duration::from_secs(5))?;
    take_from(&source, &folder, reason)
}

/// Takes a backup through `source` into `folder`.
pub(super) fn take_from(source: &Connection, folder: &Path, reason: Reason) -> Result<BackupInfo> {
    let mut taken = Local::now().naive_local();
    let mut out = folder.join(file_name(taken, reason));
    // Two backups in one second (an import right after the daily one): the second waits its turn.
    while out.exists() {
        taken += chrono::Duration::seconds(1);
        out = folder.join(file_name(taken, reason));
    }
    copy_from(source, &out)?;
    let bytes = std::fs::metadata(&out).map_or(0, |m| m.len());
    log::info!("backup {} taken ({})", out.display(), reason.code());
    if let Err(e) = prune(folder) {
        log::warn!("old backups in {} not pruned: {}", folder.display(), e.message(crate::i18n::Lang::En));
    }
    Ok(BackupInfo { path: out, taken, reason, bytes })
}

fn file_name(taken: NaiveDateTime, reason: Reason) -> String {
    format!("qilian-{}-{}.db", taken.format(STAMP), reason.code())
}

fn parse_name(name: &str) -> Option<(NaiveDateTime, Reason)> {
    let core = name.strip_prefix("qilian-")?.strip_suffix(".db")?;
    let (stamp, reason) = core.rsplit_once('-')?;
    Some((NaiveDateTime::parse_from_str(stamp, STAMP).ok()?, Reason::from_code(reason)?))
}

/// The backups of `db`, newest first.
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    match folder_for(db) {
        Some(folder) => list_in(&folder),
        None => Ok(Vec::new()),
    }
}

fn list_in(folder: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::Io(folder.to_path_buf(), e)),
    };
    let mut found: Vec<BackupInfo> = entries
        .flatten()
        .filter_map(|entry| {
            let (taken, reason) = parse_name(&entry.file_name().to_string_lossy())?;
            let bytes = entry.metadata().ok()?.len();
            Some(BackupInfo { path: entry.path(), taken, reason, bytes })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.taken));
    Ok(found)
}

/// Takes the day's backup of `db` unless it has one from today already.
pub fn daily(db: &Path) -> Result<Option<BackupInfo>> {
    let today = Local::now().date_naive();
    if list(db)?.iter().any(|b| b.taken.date() == today) {
        return Ok(None);
    }
    take(db, Reason::Daily).map(Some)
}

/// Which automatic backups to remove: all but the newest few, the newest of each of the last
/// days, and the newest of each of the last weeks. `backups` is newest first.
fn to_remove(backups: &[BackupInfo]) -> Vec<&BackupInfo> {
    let automatic: Vec<&BackupInfo> = backups.iter().filter(|b| b.reason != Reason::Manual).collect();
    let mut keep = vec![false; automatic.len()];
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for (i, backup) in automatic.iter().enumerate() {
        let day = backup.taken.date();
        let week = day.iso_week();
        if i < KEEP_NEWEST {
            keep[i] = true;
        }
        if !days.contains(&day) && days.len() < KEEP_DAYS {
            days.push(day);
            keep[i] = true;
        }
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKS {
            weeks.push(week);
            keep[i] = true;
        }
    }
    automatic.into_iter().zip(keep).filter(|(_, keep)| !keep).map(|(b, _)| b).collect()
}

fn prune(folder: &Path) -> Result<()> {
    for backup in to_remove(&list_in(folder)?) {
        std::fs::remove_file(&backup.path).map_err(|e| StoreError::Io(backup.path.clone(), e))?;
    }
    Ok(())
}

/// Reads what a backup holds, refusing a file that is not a whole federation this build can open.
pub fn inspect(backup: &Path) -> Result<BackupContents> {
    match file::probe(backup)? {
        FileKind::Sqlite { .. } if file::check_ours(backup)? => {}
        FileKind::Missing => return Err(StoreError::Missing(backup.to_path_buf())),
        _ => return Err(StoreError::NotADatabase(backup.to_path_buf())),
    }
    let conn = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::NotADatabase(backup.to_path_buf()));
    }
    let schema: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let companies = conn.query_row("SELECT count(*) FROM companies WHERE deleted_at IS NULL", [], |r| r.get(0))?;
    Ok(BackupContents { companies, schema })
}

/// Replaces the federation at `db` by `backup`, after backing up what `db` holds now. The pages
/// are copied into the open file in one transaction, so other windows see the old federation or
/// the restored one, never a mixture; an older backup is then upgraded like any older file.
/// Returns the backup of the replaced state.
pub fn restore(db: &Path, backup: &Path) -> Result<BackupInfo> {
    inspect(backup)?;
    if !file::check_ours(db)? {
        return Err(StoreError::Missing(db.to_path_buf()));
    }
    let before = take(db, Reason::BeforeRestore)?;
    let source =
        Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let mut target =
        Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    target.busy_timeout(Duration::from_secs(5))?;
    copy_pages(&source, &mut target)?;
    // The restored file keeps working in WAL mode, and an older backup is brought up to date.
    target.pragma_update(None, "journal_mode", "WAL")?;
    migrations::migrate(&mut target)?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32, reason: Reason) -> BackupInfo {
        let taken = chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(hour, 0, 0).unwrap();
        BackupInfo { path: PathBuf::from(file_name(taken, reason)), taken, reason, bytes: 0 }
    }

    #[test]
    fn names_say_when_and_why() {
        let b = at(26, 9, Reason::BeforeImport);
        assert_eq!(b.path.to_str(), Some("qilian-20261126-090000-import.db"));
        assert_eq!(parse_name("qilian-20261126-090000-import.db"), Some((b.taken, Reason::BeforeImport)));
        assert_eq!(parse_name("qilian-20261126-090000-import.db.part-12"), None);
        assert_eq!(parse_name("notes.txt"), None);
    }

    #[test]
    fn the_newest_few_then_one_a_day_and_one_a_week_are_kept() {
        // Ten imports today, then one backup a day for thirty days back, and a manual one.
        let mut backups: Vec<BackupInfo> = (0..10).map(|h| at(26, 20 - h, Reason::BeforeImport)).collect();
        backups.extend((1..26).map(|d| at(d, 8, Reason::Daily)));
        backups.push(at(1, 7, Reason::Manual));
        backups.sort_by_key(|b| std::cmp::Reverse(b.taken));
        let removed = to_remove(&backups);
        let kept: Vec<&BackupInfo> = backups.iter().filter(|b| !removed.contains(b)).collect();
        assert!(kept.iter().any(|b| b.reason == Reason::Manual), "manual backups stay");
        let today = kept.iter().filter(|b| b.taken.date().day() == 26).count();
        assert_eq!(today, KEEP_NEWEST, "the newest five of today");
        let days: std::collections::BTreeSet<_> = kept.iter().map(|b| b.taken.date()).collect();
        assert!(days.len() >= KEEP_DAYS);
        for d in 20..=25 {
            assert!(days.contains(&chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap()), "day {d} kept");
        }
        let weeks: std::collections::BTreeSet<_> = kept.iter().map(|b| b.taken.date().iso_week()).collect();
        assert!(weeks.len() >= KEEP_WEEKS);
        assert!(kept.len() <= KEEP_NEWEST + KEEP_DAYS + KEEP_WEEKS + 1);
    }
}
