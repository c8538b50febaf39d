//! Two Qilian processes at once on one federation: the second waits for the first and sees its
//! rows, and two first runs on a new file end with one good federation.

use rust_xlsxwriter::Workbook;
use std::path::Path;
use std::process::{Command, Output};

fn spawn(args: &[&str], data: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_qilian"))
        .args(args)
        .env("LANG", "C")
        .env("QILIAN_DATA_DIR", data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn both(a: std::process::Child, b: std::process::Child) -> [Output; 2] {
    [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()]
}

fn members(path: &Path, rows: u32) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "企业名称").unwrap();
    sheet.write_string(0, 1, "片区").unwrap();
    for r in 1..=rows {
        sheet.write_string(r, 0, format!("宁波并发测试{r}号有限公司")).unwrap();
        sheet.write_string(r, 1, "第三片区").unwrap();
    }
    workbook.save(path).unwrap();
}

#[test]
fn the_same_file_imported_twice_at_once_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let (db, file, data) = (dir.path().join("c.db"), dir.path().join("m.xlsx"), dir.path().join("data"));
    members(&file, 3000);
    let (db, file) = (db.to_str().unwrap(), file.to_str().unwrap());
    // Both start on a database that does not exist yet: two first runs make one federation.
    let outputs = both(spawn(&["import", "--db", db, file], &data), spawn(&["import", "--db", db, file], &data));
    for out in &outputs {
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let reports: Vec<String> = outputs.iter().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).collect();
    let wrote = reports.iter().filter(|r| r.contains("new 3000")).count();
    let found = reports.iter().filter(|r| r.contains("unchanged 3000")).count();
    assert_eq!((wrote, found), (1, 1), "{reports:?}");
    let store = qilian::store::Store::open(Path::new(db)).unwrap();
    assert_eq!(store.counts().unwrap().companies, 3000);
    assert!(store.integrity_problems().unwrap().is_empty());
}

#[test]
fn two_first_runs_on_a_new_file_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for round in 0..5 {
        let db = dir.path().join(format!("new-{round}.db"));
        let db = db.to_str().unwrap();
        for out in both(spawn(&["check", "--db", db], &data), spawn(&["check", "--db", db], &data)) {
            assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
            assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: schema"));
        }
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left: {leftovers:?}");
}
