//! Backups: taken before imports and once a day, listed with their dates and member counts,
//! restored from the window and the command line, the current state always kept first.

mod common;

use common::{Window, harness_with, step_until, temp_db, workspace};
use egui_kittest::kittest::Queryable;
use qilian::store::Store;
use qilian::store::backup::{self, Reason};
use std::path::Path;
use std::process::Command;

fn qilian(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_qilian"))
        .args(args)
        .env("LANG", "C")
        .env("QILIAN_DATA_DIR", data)
        .output()
        .unwrap()
}

fn companies(db: &Path) -> i64 {
    Store::open(db).unwrap().counts().unwrap().companies
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn the_command_line_backs_up_and_restores_keeping_the_state_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = dir.path().join("f.db");
    let db_s = db.to_str().unwrap();
    assert!(qilian(&data, &["demo", "--db", db_s, "--companies", "30"]).status.success());

    let copy = dir.path().join("copy.db");
    let out = qilian(&data, &["backup", "--db", db_s, copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("30 companies"));
    // A backup never overwrites a file that is there.
    let again = qilian(&data, &["backup", "--db", db_s, copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));

    // The federation changes, then is restored from the copy.
    let mut store = Store::open(&db).unwrap();
    let id = store.company_list().unwrap()[0].company.id;
    store.delete_company(id).unwrap();
    drop(store);
    assert_eq!(companies(&db), 29);
    let out = qilian(&data, &["restore", "--db", db_s, copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(companies(&db), 30);
    assert!(qilian(&data, &["check", "--db", db_s]).status.success());

    // What was replaced is itself a backup, which restores the 29.
    let folder = data.join("backups");
    let saved: Vec<_> =
        std::fs::read_dir(&folder).unwrap().flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap()).collect();
    let saved: Vec<_> =
        saved.into_iter().map(|e| e.unwrap().path()).filter(|p| p.to_string_lossy().ends_with("-restore.db")).collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(qilian(&data, &["restore", "--db", db_s, saved[0].to_str().unwrap()]).status.success());
    assert_eq!(companies(&db), 29);
}

#[test]
fn a_file_that_is_not_a_federation_is_never_restored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = dir.path().join("f.db");
    assert!(qilian(&data, &["demo", "--db", db.to_str().unwrap(), "--companies", "5"]).status.success());
    let before = bytes(&db);
    let other = dir.path().join("bookmarks.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');").unwrap();
    drop(conn);
    let other_before = bytes(&other);
    for source in [other.as_path(), Path::new(dir.path()), &dir.path().join("missing.db")] {
        let out = qilian(&data, &["restore", "--db", db.to_str().unwrap(), source.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
    assert_eq!(bytes(&db), before, "the federation is untouched");
    assert_eq!(bytes(&other), other_before, "the other program's file is untouched");
}

#[test]
fn every_import_is_preceded_by_a_backup_of_what_it_changes() {
    let (_dir, db) = temp_db(3);
    let sheet = db.with_file_name("new.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let ws = workbook.add_worksheet();
    ws.write_string(0, 0, "企业名称").unwrap();
    ws.write_string(0, 1, "片区").unwrap();
    ws.write_string(1, 0, "宁波新港物流有限公司").unwrap();
    ws.write_string(1, 1, "第二片区").unwrap();
    workbook.save(&sheet).unwrap();
    let request = qilian::excel::session::ImportRequest::new(sheet, None, qilian::i18n::Lang::Zh);
    let mut store = Store::open(&db).unwrap();
    let mode = qilian::excel::session::Mode::Write { strict: false };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    qilian::excel::session::run(&mut store, &request, mode, &cancel, &mut ()).unwrap();
    assert_eq!(store.counts().unwrap().companies, 4);
    let backups = backup::list(&db).unwrap();
    let before_import = backups.iter().find(|b| b.reason == Reason::BeforeImport).expect("a backup before the import");
    assert_eq!(backup::inspect(&before_import.path).unwrap().companies, 3, "the state the import started from");
}

#[test]
fn the_window_lists_backups_and_restores_one_after_asking() {
    let (_dir, db) = temp_db(4);
    let mut harness = harness_with(&db, Window::default());
    // The day's first opening backs up in the background.
    step_until(&mut harness, "the daily backup", |_| {
        backup::list(&db).unwrap().iter().any(|b| b.reason == Reason::Daily)
    });
    let mut store = Store::open(&db).unwrap();
    let id = store.company_list().unwrap()[0].company.id;
    store.delete_company(id).unwrap();
    drop(store);

    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("从备份恢复…").click();
    step_until(&mut harness, "the list of backups", |app| {
        workspace(app).restore().and_then(|d| d.backups()).is_some_and(|b| !b.is_empty())
    });
    harness.get_by_label("每日自动").click();
    harness.run();
    harness.get_by_label("恢复所选备份…").click();
    harness.run();
    harness.get_by_label_contains("4 家企业");
    harness.get_by_label("确定恢复").click();
    step_until(&mut harness, "the restore", |app| workspace(app).restore().is_none());
    assert_eq!(companies(&db), 4);
    harness.get_by_label_contains("已恢复到");
    let kept = backup::list(&db).unwrap();
    let saved = kept.iter().find(|b| b.reason == Reason::BeforeRestore).expect("the replaced state is kept");
    assert_eq!(backup::inspect(&saved.path).unwrap().companies, 3);
}

#[test]
fn the_backup_list_fits_a_projector() {
    let (_dir, db) = temp_db(4);
    let mut harness = harness_with(&db, Window { size: common::PROJECTOR, ..Window::default() });
    step_until(&mut harness, "the daily backup", |_| !backup::list(&db).unwrap().is_empty());
    for _ in 0..30 {
        backup::take(&db, Reason::BeforeImport).unwrap();
    }
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("从备份恢复…").click();
    step_until(&mut harness, "the list of backups", |app| workspace(app).restore().and_then(|d| d.backups()).is_some());
    harness.get_all_by_label("导入前").next().unwrap().click();
    harness.run();
    harness.get_by_label("恢复所选备份…").click();
    harness.run();
    let window = harness.ctx.content_rect();
    for label in ["确定恢复", "取消"] {
        assert!(window.contains(harness.get_by_label(label).rect().center()), "{label} is inside the window");
    }
}
