//! Which files Qilian may open, and how a new one comes into being.
//!
//! A file is looked at before SQLite touches it: the first hundred bytes of an SQLite file say
//! what it is (its magic string, `user_version` and `application_id`). Only a Qilian file is ever
//! opened for writing; anything else — not SQLite, another program's database, an empty file — is
//! refused and left exactly as it was. A new federation is built in a temporary file beside the
//! target and moved into place only when it is complete, so a crash or a full disk never leaves a
//! half-made federation, and two programs creating the same file at once both end with one good one.

use super::migrations::{APPLICATION_ID, latest_version, migrate};
use super::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What a path holds, as far as Qilian is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Missing,
    Empty,
    /// A folder, a pipe, a device: not a file to open.
    NotAFile,
    NotSqlite,
    /// An SQLite file, with what its header says.
    Sqlite {
        version: i64,
        application_id: i32,
    },
}

/// Reads what the file's header says, without opening it as a database.
pub fn probe(path: &Path) -> Result<FileKind> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(StoreError::Io(path.to_path_buf(), e)),
    };
    if !meta.is_file() {
        return Ok(FileKind::NotAFile);
    }
    if meta.len() == 0 {
        return Ok(FileKind::Empty);
    }
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
    let read = read_up_to(&mut file, &mut header).map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
    if read < header.len() || &header[..16] != MAGIC {
        return Ok(FileKind::NotSqlite);
    }
    let word = |at: usize| i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    Ok(FileKind::Sqlite { version: i64::from(word(60)), application_id: word(68) })
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// The tables every Qilian file has had since its first version: a file made before Qilian marked
/// its files is recognised by them.
const FIRST_TABLES: [&str; 5] = ["zones", "companies", "products", "needs", "contacts"];

/// Whether the SQLite file at `path` is a federation: marked as Qilian's, or an unmarked one of
/// an earlier version that has Qilian's tables. Looked at through a read-only connection.
pub fn is_qilian(path: &Path, version: i64, application_id: i32) -> Result<bool> {
    if application_id == APPLICATION_ID {
        return Ok(true);
    }
    if application_id != 0 || !(1..=latest_version()).contains(&version) {
        return Ok(false);
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let mut found = 0;
    for table in FIRST_TABLES {
        let n: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| {
                r.get(0)
            })?;
        found += n;
    }
    Ok(found == FIRST_TABLES.len() as i64)
}

/// Checks that `path` is a federation this build can open; `Ok(false)` when there is no file.
pub fn check_ours(path: &Path) -> Result<bool> {
    match probe(path)? {
        FileKind::Missing => Ok(false),
        FileKind::Empty => Err(StoreError::EmptyFile(path.to_path_buf())),
        FileKind::NotAFile => Err(StoreError::NotAFile(path.to_path_buf())),
        FileKind::NotSqlite => Err(StoreError::NotADatabase(path.to_path_buf())),
        FileKind::Sqlite { version, application_id } => {
            if !is_qilian(path, version, application_id)? {
                return Err(StoreError::NotOurs(path.to_path_buf()));
            }
            // The header can lag behind a file in WAL mode; the version is checked again once open.
            let supported = latest_version();
            if version > supported {
                return Err(StoreError::TooNew { found: version, supported });
            }
            Ok(true)
        }
    }
}

/// Builds a new, empty federation at `path`: in a temporary file beside it, moved into place
/// when complete. If another program made the file meanwhile, theirs is kept.
pub fn create(path: &Path) -> Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.exists() {
        // A missing folder would otherwise surface as SQLite's obscure "unable to open".
        std::fs::create_dir_all(folder).map_err(|e| StoreError::Folder(folder.to_path_buf(), e))?;
    }
    let name = path.file_name().map_or_else(|| "qilian.db".into(), |n| n.to_string_lossy().into_owned());
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let temp = folder.join(format!(".{name}.new-{}-{nanos}", std::process::id()));
    let built = build(&temp).and_then(|()| place(&temp, path));
    remove_with_side_files(&temp);
    built
}

fn build(temp: &Path) -> Result<()> {
    let mut conn = Connection::open_with_flags(
        temp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    migrate(&mut conn)?;
    // WAL from the start, written into the header before the file is moved into place.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.close().map_err(|(_, e)| StoreError::from(e))
}

/// Moves the finished file into place unless a file is already there.
fn place(temp: &Path, path: &Path) -> Result<()> {
    match std::fs::hard_link(temp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // A file system without hard links: an empty file there may be replaced, nothing else.
        Err(_) if matches!(probe(path)?, FileKind::Missing | FileKind::Empty) => {
            std::fs::rename(temp, path).map_err(|e| StoreError::Io(path.to_path_buf(), e))
        }
        Err(e) => Err(StoreError::Io(path.to_path_buf(), e)),
    }
}

fn remove_with_side_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists()
            && let Err(e) = std::fs::remove_file(&side)
        {
            log::warn!("could not remove {}: {e}", side.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_tell_what_a_file_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        assert_eq!(probe(&path).unwrap(), FileKind::Missing);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(probe(&path).unwrap(), FileKind::Empty);
        std::fs::write(&path, b"name,zone\n").unwrap();
        assert_eq!(probe(&path).unwrap(), FileKind::NotSqlite);
        assert_eq!(probe(dir.path()).unwrap(), FileKind::NotAFile);
        std::fs::remove_file(&path).unwrap();
        create(&path).unwrap();
        assert_eq!(
            probe(&path).unwrap(),
            FileKind::Sqlite { version: latest_version(), application_id: APPLICATION_ID }
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["x.db"], "no temporary file left behind");
    }
}
