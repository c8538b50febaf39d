//! Export then import changes nothing: text on several lines, spaces as typed, dates in Excel's
//! odd first two months of 1900; and one impossible date from an older version's data does not
//! stop an export.

use chrono::NaiveDate;
use qilian::domain::Company;
use qilian::excel::columns::ListKind;
use qilian::excel::export::export_list;
use qilian::excel::session::{self, ImportRequest, Mode};
use qilian::i18n::Lang;
use qilian::store::Store;
use std::sync::atomic::AtomicBool;

fn company(name: &str, join: (i32, u32, u32), notes: &str, address: &str) -> Company {
    Company {
        name: name.into(),
        join_date: NaiveDate::from_ymd_opt(join.0, join.1, join.2),
        notes: notes.into(),
        address: address.into(),
        ..Company::default()
    }
}

#[test]
fn multi_line_text_and_1900_dates_come_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("f.db")).unwrap();
    let companies = [
        company("宁波甲有限公司", (1900, 1, 1), "第一行\n第二行  两个空格", "北仑区\n大港工业城 3 号"),
        company("宁波乙有限公司", (1900, 2, 28), "中间  两个空格\n\n空一行", ""),
        company("宁波丙有限公司", (1900, 3, 1), "甲\t乙", ""),
        company("宁波丁有限公司", (2026, 11, 26), "", ""),
    ];
    for c in &companies {
        store.insert_company(c).unwrap();
    }
    let file = dir.path().join("companies.xlsx");
    export_list(&store, ListKind::Companies, &file, Lang::Zh).unwrap();
    let request = ImportRequest::new(file, None, Lang::Zh);
    let summary =
        session::run(&mut store, &request, Mode::Write { strict: false }, &AtomicBool::new(false), &mut ()).unwrap();
    assert_eq!(
        (summary.counts.unchanged, summary.counts.update, summary.counts.error),
        (4, 0, 0),
        "{:?}",
        summary.counts
    );
    let back: Vec<Company> = store.live_companies().unwrap();
    for c in &companies {
        let found = back.iter().find(|b| b.name == c.name).unwrap();
        assert_eq!((&found.notes, &found.address, found.join_date), (&c.notes, &c.address, c.join_date));
    }
}

#[test]
fn a_date_excel_cannot_hold_does_not_stop_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("f.db")).unwrap();
    // As an older version could have stored it, before dates were held to 1900–2099.
    store.insert_company(&company("宁波远古有限公司", (1, 1, 1), "", "")).unwrap();
    store.insert_company(&company("宁波未来有限公司", (2026, 1, 1), "", "")).unwrap();
    let file = dir.path().join("companies.xlsx");
    assert_eq!(export_list(&store, ListKind::Companies, &file, Lang::Zh).unwrap(), 2);
}
