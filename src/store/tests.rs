use super::*;
use crate::domain::{Company, Contact, Need, Product, SupplierRegion};

fn company(name: &str, code: &str) -> Company {
    Company { name: name.into(), credit_code: code.into(), ..Company::default() }
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("federation.db");
    (dir, path)
}

#[test]
fn a_new_file_gets_the_schema_and_seven_zones() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
    let zones = store.zones().unwrap();
    assert_eq!(zones.len(), 7);
    assert_eq!(zones[0].name, "第一片区");
    assert_eq!(store.counts().unwrap().companies, 0);
    assert!(store.integrity_problems().unwrap().is_empty());
}

#[test]
fn company_crud_soft_delete_and_restore() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.insert_company(&company("宁波东盛模具标准件有限公司", "914403001922038216")).unwrap();
    let mut stored = store.company(id).unwrap();
    stored.short_name = "东盛公司".into();
    store.update_company(&stored).unwrap();
    let list = store.company_list().unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].search_key.contains("dsgs"), "search key follows the short name");

    store.delete_company(id).unwrap();
    assert_eq!(store.counts().unwrap().companies, 0);
    assert!(store.company_list().unwrap()[0].deleted);
    store.restore_company(id).unwrap();
    assert_eq!(store.company(id).unwrap(), stored);
    assert_eq!(store.counts().unwrap().companies, 1);
}

#[test]
fn a_credit_code_belongs_to_one_company() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert_company(&company("甲公司", "914403001922038216")).unwrap();
    let err = store.insert_company(&company("乙公司", "914403001922038216")).unwrap_err();
    assert!(matches!(&err, StoreError::DuplicateCreditCode(name) if name == "甲公司"));
    assert!(err.message(Lang::Zh).contains("甲公司"));
    assert_eq!(store.counts().unwrap().companies, 1);
}

#[test]
fn products_needs_and_contacts_round_trip_and_restore() {
    let mut store = Store::open_in_memory().unwrap();
    let owner = store.insert_company(&company("威骏模具", "")).unwrap();
    let product =
        Product { company_id: owner, name: "注塑模具".into(), unit_price: Some(8000.0), ..Product::default() };
    let need = Need {
        company_id: owner,
        item: "导柱导套".into(),
        supplier_region: Some(SupplierRegion::HongKongMacaoTaiwan),
        unit_price: Some(120.0),
        annual_quantity: Some(5000.0),
        ..Need::default()
    };
    let contact =
        Contact { company_id: owner, name: "李工".into(), phone: "13805741234".into(), ..Contact::default() };
    let product_id = store.insert_child(&product).unwrap();
    let need_id = store.insert_child(&need).unwrap();
    store.insert_child(&contact).unwrap();

    let mut needs: Vec<Need> = store.children_of(owner).unwrap();
    assert_eq!(needs, vec![Need { id: need_id, ..need.clone() }]);
    needs[0].unit_price = Some(110.0);
    store.update_child(&needs[0]).unwrap();
    assert_eq!(store.children_of::<Need>(owner).unwrap()[0].unit_price, Some(110.0));

    store.delete_child::<Product>(product_id).unwrap();
    assert!(store.children_of::<Product>(owner).unwrap().is_empty());
    store.restore_child::<Product>(product_id).unwrap();
    assert_eq!(store.all_children::<Product>().unwrap().len(), 1);
    assert_eq!(store.counts().unwrap().contacts, 1);
}

#[test]
fn a_database_from_a_newer_qilian_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err:?}");
    assert!(err.message(Lang::Zh).contains("更新版本"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Files that are not Qilian's: each is refused with one line and stays byte for byte as it was.
#[test]
fn files_that_are_not_ours_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = |name: &str, sql: &str| {
        let path = dir.path().join(name);
        rusqlite::Connection::open(&path).unwrap().execute_batch(sql).unwrap();
        path
    };
    let cases = [
        sqlite("negative.db", "CREATE TABLE t (x); PRAGMA user_version = -5;"),
        sqlite(
            "clash.db",
            "CREATE TABLE companies (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO companies VALUES (1, 'x');",
        ),
        sqlite(
            "bookmarks.db",
            "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.org');",
        ),
        sqlite("wal.db", "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);"),
        {
            let path = dir.path().join("empty.db");
            std::fs::write(&path, b"").unwrap();
            path
        },
    ];
    for path in cases {
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().unwrap_or_else(|| panic!("{} must be refused", path.display()));
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(err.message(lang).lines().count(), 1, "{err:?}");
        }
        assert!(Store::open_for_reading(&path).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), before, "{} changed", path.display());
    }
    // Asked for explicitly (新建), an empty file becomes a federation.
    let empty = dir.path().join("empty.db");
    assert_eq!(Store::create(&empty).unwrap().counts().unwrap().zones, 7);
}

#[test]
fn a_federation_is_read_in_a_read_only_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut store = Store::open(&path).unwrap();
    store.insert_company(&company("东盛公司", "")).unwrap();
    drop(store);
    let mut permissions = std::fs::metadata(dir.path()).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(dir.path(), permissions.clone()).unwrap();
    std::fs::set_permissions(&path, {
        let mut p = std::fs::metadata(&path).unwrap().permissions();
        p.set_readonly(true);
        p
    })
    .unwrap();
    let read = Store::open_for_reading(&path).map(|s| s.counts().unwrap().companies);
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(dir.path(), permissions).unwrap();
    // Root ignores permissions; the reading must work either way.
    assert_eq!(read.unwrap(), 1);
}

#[test]
fn two_programs_creating_one_federation_at_once_both_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let opened: Vec<bool> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..4)
            .map(|i| {
                let path = path.clone();
                std::thread::Builder::new()
                    .name(format!("creator-{i}"))
                    .spawn_scoped(scope, move || Store::open(&path).is_ok())
                    .unwrap()
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    assert_eq!(opened, [true; 4]);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap().zones, 7);
    assert!(store.integrity_problems().unwrap().is_empty());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, "企业名称,片区\n东盛公司,第一片区\n".repeat(100)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn two_windows_on_one_file_see_each_others_writes() {
    let (_dir, path) = temp_db();
    let mut first = Store::open(&path).unwrap();
    let mut second = Store::open(&path).unwrap();
    let id = first.insert_company(&company("东盛公司", "")).unwrap();
    let mut seen = second.company(id).unwrap();
    seen.phone = "0574-86881234".into();
    second.update_company(&seen).unwrap();
    assert_eq!(first.company(id).unwrap().phone, "0574-86881234");
    // A write while the other connection holds a read transaction still succeeds (WAL).
    let tx = second.conn.transaction().unwrap();
    let _: i64 = tx.query_row("SELECT count(*) FROM companies", [], |r| r.get(0)).unwrap();
    first.insert_company(&company("威骏模具", "")).unwrap();
    drop(tx);
    assert_eq!(second.counts().unwrap().companies, 2);
    assert!(first.integrity_problems().unwrap().is_empty());
}

#[test]
fn zones_are_editable() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.add_zone("第八片区").unwrap();
    store.rename_zone(id, "物流园").unwrap();
    assert_eq!(store.zones().unwrap().last().unwrap().name, "物流园");
}

#[test]
fn a_pipeline_is_saved_replaced_and_read_back_whole() {
    use crate::domain::opportunity::{Pipeline, Transition};
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let buyer = store.insert_company(&company("宁波威骏模具有限公司", "")).unwrap();
    let maker = store.insert_company(&company("宁波东盛模具标准件有限公司", "")).unwrap();
    let need = store.insert_child(&Need { company_id: buyer, item: "导柱导套".into(), ..Need::default() }).unwrap();
    let product =
        store.insert_child(&Product { company_id: maker, name: "导柱导套".into(), ..Product::default() }).unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let introduced =
        Pipeline::new(need, product).apply(Transition::Introduce { on, note: "秘书处牵线".into() }).unwrap();
    store.save_pipeline(&introduced).unwrap();
    let contracted = introduced
        .apply(Transition::Contract { on, unit_price: 12.0, annual_quantity: 6000.0, baseline_unit_price: Some(120.0) })
        .unwrap();
    store.save_pipeline(&contracted).unwrap();
    assert_eq!(store.pipelines().unwrap(), vec![contracted], "one record per pair, the latest");
}

#[test]
fn synonym_groups_start_seeded_and_a_deleted_one_can_be_restored() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let seeded = store.synonym_groups().unwrap();
    assert!(seeded.iter().any(|g| g.words.contains("螺丝 螺钉")), "{seeded:?}");
    let id = store.add_synonym_group("扎带 束线带").unwrap();
    store.update_synonym_group(id, "扎带 束线带 尼龙扎带").unwrap();
    store.delete_synonym_group(id).unwrap();
    assert!(store.synonym_groups().unwrap().iter().all(|g| g.id != id));
    assert_eq!(store.deleted_synonym_groups().unwrap()[0].words, "扎带 束线带 尼龙扎带");
    store.restore_synonym_group(id).unwrap();
    assert_eq!(store.synonym_groups().unwrap().len(), seeded.len() + 1);
}

#[test]
fn a_federation_made_before_files_were_marked_is_recognised_and_upgraded() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&migrations::schema_of_version(3)).unwrap();
        conn.execute_batch("PRAGMA user_version = 3; PRAGMA journal_mode = WAL;").unwrap();
        conn.execute("INSERT INTO companies (name) VALUES ('东盛公司')", []).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
    assert_eq!(store.counts().unwrap().companies, 1);
    drop(store);
    let marked = matches!(
        file::probe(&path).unwrap(),
        file::FileKind::Sqlite { application_id: migrations::APPLICATION_ID, .. }
    );
    assert!(marked || Store::open(&path).is_ok(), "marked as Qilian's (the header may wait for a checkpoint)");
}
