//! The federation's SQLite file: opening it safely, migrations, and one module per table.
//!
//! Every public method that writes is one transaction, so a crash leaves either the whole user
//! action or none of it. WAL lets a second Qilian window read while this one writes; the busy
//! timeout makes a writer wait for the other instead of failing.

mod advisory;
pub mod backup;
mod children;
mod companies;
mod contests;
mod decks;
mod events;
mod exhibition;
pub mod file;
mod mappings;
mod matching;
mod migrations;
mod settings;
mod visits;
mod zones;

pub use advisory::{HistoryEntry, Route, ServiceWeek, StoredSlot};
pub(crate) use advisory::{request_in, save_request, save_week, set_department_contacts};
pub use children::ChildRecord;
pub(crate) use children::{insert_child, update_child};
pub use companies::CompanyListItem;
pub(crate) use companies::{insert_company, update_company};
pub use contests::{Correction, Sheet, SheetReturn};
pub(crate) use contests::{
    return_sheet, save_contest, save_contest_event, save_entry, save_judge, set_draw, set_on_panel, set_score,
    set_sheet, sheet_state,
};
pub(crate) use decks::save_deck;
pub(crate) use events::{save_event, save_follow_up};
pub(crate) use exhibition::{save_exhibition, save_lead, set_booths};
pub use matching::SynonymGroup;
pub(crate) use matching::save_pipelines;
pub(crate) use settings::{set_federation_name, set_park_place};
pub use visits::{Arrangement, CompanyVisits, FeedbackAnswer, Guest, Reply, VisitChange, VisitDetails, VisitMonth};
pub(crate) use visits::{insert_visit, record_guests, set_details};

use crate::i18n::Lang;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database schema version {found} is newer than this Qilian supports ({supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("{0} is not a Qilian database file")]
    NotADatabase(PathBuf),
    #[error("{0} is another program's database")]
    NotOurs(PathBuf),
    #[error("{0} is empty")]
    EmptyFile(PathBuf),
    #[error("{0} is not a file")]
    NotAFile(PathBuf),
    #[error("there is no database at {0}")]
    Missing(PathBuf),
    #[error("database schema version {found} needs upgrading to {supported}, which needs write access")]
    NeedsUpgrade { found: i64, supported: i64 },
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("credit code already belongs to {0}")]
    DuplicateCreditCode(String),
    #[error("cannot create the folder {0}: {1}")]
    Folder(PathBuf, std::io::Error),
    #[error("record {0} not found")]
    NotFound(i64),
    #[error("there is already a deck named {0}")]
    DeckNameTaken(String),
    #[error("zone {name} still has {companies} companies")]
    ZoneInUse { name: String, companies: i64 },
    #[error("database file is busy in another window: {0}")]
    Busy(rusqlite::Error),
    #[error(transparent)]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => Self::Busy(e),
            _ => Self::Sqlite(e),
        }
    }
}

impl StoreError {
    /// What went wrong and what the user can do, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::TooNew { found, supported }, Lang::Zh) => format!(
                "这个数据库由更新版本的企联创建（结构版本 {found}，本程序支持到 {supported}）。为保护数据，未做任何改动。请升级企联后再打开。"
            ),
            (Self::TooNew { found, supported }, Lang::En) => format!(
                "This database was written by a newer Qilian (schema {found}, this build supports {supported}). It was left untouched; please upgrade Qilian to open it."
            ),
            (Self::NotADatabase(path), Lang::Zh) => {
                format!("“{}”不是企联数据库文件（或已损坏），未做任何改动。", path.display())
            }
            (Self::NotADatabase(path), Lang::En) => {
                format!("“{}” is not a Qilian database (or it is damaged); it was left untouched.", path.display())
            }
            (Self::NotOurs(path), Lang::Zh) => {
                format!("“{}”是别的程序的数据库，不是企联数据库，未做任何改动。", path.display())
            }
            (Self::NotOurs(path), Lang::En) => {
                format!("“{}” is another program's database, not Qilian's; it was left untouched.", path.display())
            }
            (Self::EmptyFile(path), Lang::Zh) => format!(
                "“{}”是空文件，不是企联数据库，未做任何改动。要在此新建联合会，请用“文件 → 新建联合会”。",
                path.display()
            ),
            (Self::EmptyFile(path), Lang::En) => format!(
                "“{}” is an empty file, not a Qilian database; left untouched. To start a federation there, use File → New federation.",
                path.display()
            ),
            (Self::NotAFile(path), Lang::Zh) => format!("“{}”不是文件（是文件夹或设备），无法打开。", path.display()),
            (Self::NotAFile(path), Lang::En) => format!("“{}” is not a file (a folder or a device).", path.display()),
            (Self::Missing(path), Lang::Zh) => format!("“{}”不存在。", path.display()),
            (Self::Missing(path), Lang::En) => format!("“{}” does not exist.", path.display()),
            (Self::NeedsUpgrade { found, supported }, Lang::Zh) => {
                format!("这个数据库是旧版本（结构版本 {found}），需要升级到 {supported} 才能读取，而升级需要写入权限。")
            }
            (Self::NeedsUpgrade { found, supported }, Lang::En) => format!(
                "This database is from an older Qilian (schema {found}); reading it needs an upgrade to {supported}, which needs write access."
            ),
            (Self::Io(path, e), Lang::Zh) => format!("无法读写“{}”：{}", path.display(), one_line(e)),
            (Self::Io(path, e), Lang::En) => format!("Cannot read or write “{}”: {}", path.display(), one_line(e)),
            (Self::DuplicateCreditCode(other), Lang::Zh) => format!("该信用代码已属于“{other}”，未保存。"),
            (Self::DuplicateCreditCode(other), Lang::En) => {
                format!("This credit code already belongs to “{other}”; not saved.")
            }
            (Self::Folder(path, e), Lang::Zh) => format!("无法创建文件夹“{}”：{e}", path.display()),
            (Self::DeckNameTaken(name), Lang::Zh) => format!("已有名为“{name}”的幻灯片，请换一个名称。"),
            (Self::DeckNameTaken(name), Lang::En) => {
                format!("There is already a deck named “{name}”; choose another name.")
            }
            (Self::ZoneInUse { name, companies }, Lang::Zh) => {
                format!("“{name}”还有 {companies} 家企业（含回收站中的），不能删除；请先把它们改到别的片区。")
            }
            (Self::ZoneInUse { name, companies }, Lang::En) => format!(
                "“{name}” still has {companies} companies (the recycle bin included); move them to another zone first."
            ),
            (Self::Busy(_), Lang::Zh) => "数据库正被另一个企联窗口写入，请稍后再试。".into(),
            (Self::Busy(_), Lang::En) => "Another Qilian window is writing to this database; try again shortly.".into(),
            (other, Lang::Zh) => format!("数据库错误：{}", one_line(other)),
            (other, Lang::En) => format!("Database error: {}", one_line(other)),
        }
    }
}

/// A path as an SQLite `file:` URI, with the characters URIs reserve escaped.
fn url_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        // A Windows drive path: file:/C:/…
        uri.push('/');
    }
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            _ => uri.push(c),
        }
    }
    uri
}

/// An error as one short line: SQLite's errors can carry a whole statement.
fn one_line(error: &dyn std::fmt::Display) -> String {
    const MAX: usize = 200;
    let text = error.to_string();
    let line = text.lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Counts shown in the status line and printed by `qilian check`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub zones: i64,
    pub companies: i64,
    pub deleted_companies: i64,
    pub products: i64,
    pub needs: i64,
    pub contacts: i64,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the federation file at `path`, migrating it to the current schema; where there is no
    /// file, creates a new federation (the default zones, no companies). Anything that is not a
    /// Qilian file (another program's database, an empty file, a newer Qilian's) is refused and
    /// left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if !file::check_ours(path)? {
            file::create(path)?;
            file::check_ours(path)?;
        }
        // No CREATE flag: this never makes a file; only `file::create` does.
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        Self::prepare(conn, path.to_path_buf())
    }

    /// A new federation at `path`, which must not exist or be an empty file (the user chose 新建
    /// and agreed to replace it). An existing federation is opened as it is.
    pub fn create(path: &Path) -> Result<Store> {
        if file::probe(path)? == file::FileKind::Empty {
            std::fs::remove_file(path).map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
        }
        Self::open(path)
    }

    /// Opens a federation only to read it, so it works in a read-only folder; a missing file is
    /// created (as `open` does), and one that needs upgrading is opened for writing.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        if !file::check_ours(path)? {
            return Self::open(path);
        }
        let (conn, found) = match Self::read_only(path, false) {
            // A WAL file in a folder we cannot write to: SQLite cannot make its shared-memory file
            // there, but a file nobody can write to cannot change while we read it.
            Err(StoreError::Sqlite(e))
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
                ) =>
            {
                log::info!("{} opened as immutable: its folder is read-only", path.display());
                Self::read_only(path, true)?
            }
            other => other?,
        };
        let supported = migrations::latest_version();
        match found.cmp(&supported) {
            std::cmp::Ordering::Greater => Err(StoreError::TooNew { found, supported }),
            std::cmp::Ordering::Less => {
                drop(conn);
                Self::open(path).map_err(|e| match e {
                    StoreError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
                        StoreError::NeedsUpgrade { found, supported }
                    }
                    other => other,
                })
            }
            std::cmp::Ordering::Equal => Ok(Store { conn, path: path.to_path_buf() }),
        }
    }

    /// A read-only connection and the file's schema version.
    fn read_only(path: &Path, immutable: bool) -> Result<(Connection, i64)> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = if immutable {
            let mut uri = url_path(path);
            uri.push_str("?immutable=1");
            Connection::open_with_flags(uri, flags)?
        } else {
            Connection::open_with_flags(path, flags - OpenFlags::SQLITE_OPEN_URI)?
        };
        conn.busy_timeout(Duration::from_secs(5))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        Ok((conn, found))
    }

    /// A private in-memory federation, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn prepare(mut conn: Connection, path: PathBuf) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let supported = migrations::latest_version();
        if found > supported {
            return Err(StoreError::TooNew { found, supported });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if (1..supported).contains(&found)
            && let Some(folder) = backup::folder_for(&path)
        {
            // An upgrade rewrites tables: the file as it was is kept, and the upgrade waits for it.
            backup::take_from(&conn, &folder, backup::Reason::BeforeUpgrade)?;
        }
        migrations::migrate(&mut conn)?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever another connection (another Qilian window) commits to this file.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "data_version", |row| row.get(0))?)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            zones: count("SELECT count(*) FROM zones WHERE deleted_at IS NULL")?,
            companies: count("SELECT count(*) FROM companies WHERE deleted_at IS NULL")?,
            deleted_companies: count("SELECT count(*) FROM companies WHERE deleted_at IS NOT NULL")?,
            products: count(
                "SELECT count(*) FROM products p JOIN companies c ON c.id = p.company_id
                 WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL",
            )?,
            needs: count(
                "SELECT count(*) FROM needs n JOIN companies c ON c.id = n.company_id
                 WHERE n.deleted_at IS NULL AND c.deleted_at IS NULL",
            )?,
            contacts: count(
                "SELECT count(*) FROM contacts k JOIN companies c ON c.id = k.company_id
                 WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL",
            )?,
        })
    }

    /// SQLite's own integrity and foreign-key checks; an empty list means the file is sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = row?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} row {} references missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
        Ok(problems)
    }

    /// Soft delete (or restore) of one row of `table`, which must have a `deleted_at` column.
    pub(super) fn set_deleted(&mut self, table: &str, id: i64, deleted: bool) -> Result<()> {
        let sql = format!(
            "UPDATE {table} SET deleted_at = CASE WHEN ?2 THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1"
        );
        self.write(|tx| match tx.execute(&sql, rusqlite::params![id, deleted])? {
            0 => Err(StoreError::NotFound(id)),
            _ => Ok(()),
        })
    }

    /// Takes the database's write lock before anything is read, so what is read under it is what
    /// is written over: two imports of one file, from two windows or two processes, follow each
    /// other instead of both planning against the same old state. Waits for another writer for as
    /// long as `keep_waiting` says.
    pub fn write_lock(&mut self, keep_waiting: &dyn Fn() -> bool) -> Result<WriteLock<'_>> {
        let store: &Store = self;
        loop {
            // Unchecked only in that it takes `&Connection`; `&mut self` makes it the only one.
            match rusqlite::Transaction::new_unchecked(&store.conn, rusqlite::TransactionBehavior::Immediate) {
                Ok(tx) => return Ok(WriteLock { store, tx }),
                Err(e) => match StoreError::from(e) {
                    StoreError::Busy(_) if keep_waiting() => log::info!("waiting for another writer"),
                    other => return Err(other),
                },
            }
        }
    }

    /// Runs `work` in one transaction: all of it is written, or none.
    pub(crate) fn write<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let value = work(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }
}

/// The write lock, with the store to read through while holding it. Dropped without `commit`,
/// everything written under it is rolled back.
pub struct WriteLock<'a> {
    pub store: &'a Store,
    tx: rusqlite::Transaction<'a>,
}

impl WriteLock<'_> {
    pub(crate) fn tx(&self) -> &rusqlite::Transaction<'_> {
        &self.tx
    }

    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

/// The user's data folder: the default database, the log and the backups. `QILIAN_DATA_DIR`
/// puts it elsewhere (a portable install on a USB stick; tests).
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("QILIAN_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("cn", "Qilian", "Qilian").map(|dirs| dirs.data_dir().to_path_buf()),
    }
}

/// Where the GUI keeps its database when no `--db` is given: the user's data folder.
pub fn default_db_path() -> Option<PathBuf> {
    data_dir().map(|dir| dir.join("qilian.db"))
}

#[cfg(test)]
mod tests;
