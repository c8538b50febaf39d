//! Excel exchange: round trips, a messy hand-filled sheet, formula-like text, cancel, the CLI.

use calamine::{Data, Reader, open_workbook_auto};
use qilian::domain::{Company, Need, Product};
use qilian::excel::columns::ListKind;
use qilian::excel::import::{self, Existing, MatchKey, Outcome, Problem};
use qilian::excel::session::{self, ImportError, ImportRequest, Mode};
use qilian::excel::{export, read};
use qilian::i18n::Lang;
use qilian::store::Store;
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

fn demo_store(dir: &Path, companies: usize) -> (Store, PathBuf) {
    let path = dir.join("a.db");
    let mut store = Store::open(&path).unwrap();
    qilian::demo::write_demo(&mut store, companies, 3).unwrap();
    (store, path)
}

/// Reads `file` as a `kind` list (or whatever it looks like) and plans it against `store`.
fn plan_file(store: &Store, file: &Path, kind: Option<ListKind>) -> import::ImportPlan {
    let sheet = read::read_sheet(file, None).unwrap();
    let layout = import::detect_layout(&sheet.rows, kind).unwrap();
    import::plan(&sheet.rows, &layout, MatchKey::CreditCode, &Existing::load(store, layout.kind).unwrap(), Lang::Zh)
}

/// Imports `file` as the window and the command line do: planned and written under the lock.
fn run_import(
    store: &mut Store,
    file: &Path,
    kind: Option<ListKind>,
    cancel: bool,
) -> Result<session::Summary, ImportError> {
    let request = ImportRequest::new(file.to_path_buf(), kind, Lang::Zh);
    session::run(store, &request, Mode::Write { strict: false }, &AtomicBool::new(cancel), &mut ())
}

fn import_file(store: &mut Store, file: &Path, kind: ListKind) -> import::OutcomeCounts {
    run_import(store, file, Some(kind), false).unwrap().counts
}

/// Records without their ids, with zones and owners by name, for comparing two federations.
#[derive(Debug, PartialEq)]
struct Contents {
    companies: Vec<(Option<String>, Company)>,
    products: Vec<(String, Product)>,
    needs: Vec<(String, Need)>,
}

fn contents(store: &Store) -> Contents {
    let items = store.company_list().unwrap();
    let zones = store.zones().unwrap();
    let name_of = |id: i64| items.iter().find(|i| i.company.id == id).unwrap().company.name.clone();
    let zone_name = |id: Option<i64>| id.map(|id| zones.iter().find(|z| z.id == id).unwrap().name.clone());
    let mut companies: Vec<(Option<String>, Company)> = items
        .iter()
        .map(|i| (zone_name(i.company.zone_id), Company { id: 0, zone_id: None, ..i.company.clone() }))
        .collect();
    companies.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    let mut products: Vec<(String, Product)> = store
        .all_children::<Product>()
        .unwrap()
        .into_iter()
        .map(|p| (name_of(p.company_id), Product { id: 0, company_id: 0, ..p }))
        .collect();
    products.sort_by(|a, b| (&a.0, &a.1.name).cmp(&(&b.0, &b.1.name)));
    let mut needs: Vec<(String, Need)> = store
        .all_children::<Need>()
        .unwrap()
        .into_iter()
        .map(|n| (name_of(n.company_id), Need { id: 0, company_id: 0, ..n }))
        .collect();
    needs.sort_by(|a, b| (&a.0, &a.1.item).cmp(&(&b.0, &b.1.item)));
    Contents { companies, products, needs }
}

#[test]
fn export_then_import_gives_identical_data() {
    let dir = tempfile::tempdir().unwrap();
    let (mut source, _) = demo_store(dir.path(), 60);
    let mut target = Store::open(&dir.path().join("b.db")).unwrap();
    for kind in ListKind::ALL {
        let file = dir.path().join(format!("{kind:?}.xlsx"));
        export::export_list(&source, kind, &file, Lang::Zh).unwrap();
        let counts = import_file(&mut target, &file, kind);
        assert_eq!(counts.error, 0, "{kind:?}");
        // The same file into the federation it came from changes nothing.
        let again = import_file(&mut source, &file, kind);
        assert_eq!((again.new, again.update, again.error), (0, 0, 0), "{kind:?}");
    }
    assert_eq!(contents(&source), contents(&target));
}

#[test]
fn an_english_export_reimports_too() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = demo_store(dir.path(), 20);
    let file = dir.path().join("companies-en.xlsx");
    export::export_list(&store, ListKind::Companies, &file, Lang::En).unwrap();
    let counts = import_file(&mut store, &file, ListKind::Companies);
    assert_eq!((counts.unchanged, counts.error), (20, 0));
}

/// A sheet as a secretary receives it: a merged title, a blank row, headers in another order
/// under other names, full-width digits, numbers as text, serial and text dates, and mistakes.
fn write_messy_sheet(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let bold = Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 6, "大港企业联合会 2026 年会员登记表", &bold).unwrap();
    let headers = ["单位名称", "所属片区", "统一社会信用代码", "联系电话", "员工数", "入会时间", "所属行业"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let text_rows: [[&str; 7]; 9] = [
        ["宁波甲公司", "一片区", "914403001922038216", "０５７４-８６８８１２３４", "１２０", "", "模具制造"],
        ["宁波乙公司  ", "3片区", "", "13805741234", "", "2026年3月5日", "物流仓储"],
        ["宁波丙公司", "", "", "", "", "2026/03/05", "物流仓储"],
        ["", "第二片区", "", "", "30", "", ""],
        ["宁波丁公司", "片区2", "914403001922038215", "", "", "", ""],
        ["宁波戊公司", "第九片区", "", "", "", "", ""],
        ["宁波甲公司分部", "一片区", "914403001922038216", "", "", "", ""],
        ["宁波己公司", "第四片区", "", "", "很多", "", ""],
        ["宁波东盛模具标准件有限公司", "第一片区", "", "0574-86880000", "", "", ""],
    ];
    // Data starts on row 5 (index 4), with a blank row after the first company.
    let sheet_rows = [4u32, 6, 7, 8, 9, 10, 11, 12, 13];
    for (row, values) in sheet_rows.iter().zip(text_rows) {
        for (c, v) in values.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(*row, c as u16, *v).unwrap();
            }
        }
    }
    // 3片区 merged down over 乙 and 丙; the first company's join date as an Excel serial number.
    sheet.merge_range(6, 1, 7, 1, "3片区", &Format::new()).unwrap();
    sheet.write_number(4, 5, 46086.0).unwrap();
    sheet.write_number(6, 4, 80.0).unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn a_messy_sheet_is_understood_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(dir.path(), 10);
    let file = dir.path().join("messy.xlsx");
    write_messy_sheet(&file);
    let sheet = read::read_sheet(&file, None).unwrap();
    let layout = import::detect_layout(&sheet.rows, None).unwrap();
    assert_eq!(layout.kind, ListKind::Companies);
    assert_eq!(layout.header_row, 2, "the header is found under the merged title");
    let existing = Existing::load(&store, layout.kind).unwrap();
    let plan = import::plan(&sheet.rows, &layout, MatchKey::CreditCode, &existing, Lang::Zh);
    let rows: Vec<(usize, &Outcome)> = plan.rows.iter().map(|r| (r.row, &r.outcome)).collect();
    assert_eq!(rows.len(), 9, "the blank row is skipped: {rows:?}");

    let new_company = |row: usize| match plan.rows.iter().find(|r| r.row == row) {
        Some(import::PlannedRow { outcome: Outcome::New, record: Some(import::Record::Company(c)), .. }) => c.clone(),
        other => panic!("row {row}: {other:?}"),
    };
    let problems = |row: usize| match &plan.rows.iter().find(|r| r.row == row).unwrap().outcome {
        Outcome::Error(p) => p.clone(),
        other => panic!("row {row}: {other:?}"),
    };
    let jia = new_company(5);
    assert_eq!(jia.phone, "0574-86881234", "full-width digits folded");
    assert_eq!(jia.employees, 120, "number stored as text");
    assert_eq!(jia.join_date.unwrap().to_string(), "2026-03-05", "Excel serial date");
    let yi = new_company(7);
    assert_eq!(yi.name, "宁波乙公司", "trailing spaces trimmed");
    assert_eq!(yi.employees, 80);
    assert_eq!(yi.join_date.unwrap().to_string(), "2026-03-05", "text date");
    let bing = new_company(8);
    assert_eq!(bing.zone_id, yi.zone_id, "merged zone cell applies to both rows");
    assert!(bing.zone_id.is_some());

    assert!(matches!(problems(9)[..], [Problem::Field(ref e)] if e.key == "CompanyName"));
    assert!(matches!(problems(10)[..], [Problem::Field(ref e)] if e.key == "CreditCode"));
    // An unknown zone does not reject the row: it is imported without a zone, and said so.
    let wu = new_company(11);
    assert_eq!(wu.zone_id, None);
    let warnings = &plan.rows.iter().find(|r| r.row == 11).unwrap().warnings;
    assert_eq!(warnings.len(), 1);
    assert_eq!((warnings[0].column.key, warnings[0].value.as_str()), ("Zone", "第九片区"));
    assert_eq!(warnings[0].message(Lang::Zh), "片区“第九片区”无法识别，该项未导入");
    assert_eq!(problems(12), vec![Problem::DuplicateInFile { first_row: 5 }]);
    assert!(matches!(problems(13)[..], [Problem::Field(ref e)] if e.key == "Employees"));
    assert!(problems(13)[0].message(Lang::Zh).contains("数字"));
    match &plan.rows.iter().find(|r| r.row == 14).unwrap().outcome {
        Outcome::Update(changes) => {
            assert_eq!(changes.len(), 1, "{changes:?}");
            assert_eq!(changes[0].new, "0574-86880000");
        }
        other => panic!("row 14: {other:?}"),
    }
    let counts = plan.counts();
    assert_eq!((counts.new, counts.update, counts.unchanged, counts.error, counts.warned), (4, 1, 0, 4, 1));
}

#[test]
fn formula_like_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("f.db")).unwrap();
    store
        .insert_company(&Company {
            name: "=HYPERLINK(\"http://x\",\"点我\")".into(),
            notes: "+86 0574 / -3 / @某人".into(),
            short_name: "-减号公司".into(),
            ..Company::default()
        })
        .unwrap();
    let file = dir.path().join("f.xlsx");
    export::export_list(&store, ListKind::Companies, &file, Lang::Zh).unwrap();

    let mut workbook = open_workbook_auto(&file).unwrap();
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).unwrap();
    assert_eq!(range.get_value((1, 1)), Some(&Data::String("=HYPERLINK(\"http://x\",\"点我\")".into())));
    assert_eq!(range.get_value((1, 2)), Some(&Data::String("-减号公司".into())));
    let formulas = workbook.worksheet_formula(&name).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell holds a formula");
    // The cells carry Excel's quote prefix, so editing them keeps them text.
    let styles = unzip_entry(&file, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""));
}

/// One part of the .xlsx package, as text.
fn unzip_entry(file: &Path, entry: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(entry).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (source, _) = demo_store(dir.path(), 40);
    let file = dir.path().join("companies.xlsx");
    export::export_list(&source, ListKind::Companies, &file, Lang::Zh).unwrap();
    let mut target = Store::open(&dir.path().join("empty.db")).unwrap();
    assert_eq!(plan_file(&target, &file, None).counts().new, 40);
    let result = run_import(&mut target, &file, None, true);
    assert!(matches!(result, Err(ImportError::Cancelled)), "{result:?}");
    assert_eq!(target.counts().unwrap().companies, 0);
}

#[test]
fn a_template_has_the_headers_and_the_zone_list() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(dir.path(), 10);
    let file = dir.path().join("template.xlsx");
    export::export_template(&store, ListKind::Companies, &file, Lang::Zh).unwrap();
    let mut workbook = open_workbook_auto(&file).unwrap();
    let range = workbook.worksheet_range("成员企业").unwrap();
    assert_eq!(range.get_value((0, 0)), Some(&Data::String("企业名称".into())));
    assert_eq!(range.height(), 1, "no data, only the header");
    let lists = workbook.worksheet_range("选项").unwrap();
    assert_eq!(lists.get_value((0, 0)), Some(&Data::String("第一片区".into())));
    let sheet_xml = unzip_entry(&file, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains("<dataValidation type=\"list\""), "drop-down lists");
}

fn qilian(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_qilian")).args(args).env("LANG", "C").output().unwrap()
}

#[test]
fn the_cli_imports_valid_rows_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (store, db) = demo_store(dir.path(), 10);
    drop(store);
    let db = db.to_str().unwrap();
    let file = dir.path().join("messy.xlsx");
    write_messy_sheet(&file);
    let file = file.to_str().unwrap();
    let companies = || Store::open(Path::new(db)).unwrap().counts().unwrap().companies;

    let out = qilian(&["import", "--db", db, file, "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("row 10 宁波丁公司: Credit code: Check digit wrong"), "{report}");
    assert!(report.contains("row 11 宁波戊公司 (imported): Zone “第九片区” not recognised; left out"), "{report}");
    assert!(report.contains("new 4, updated 1, unchanged 0, rejected 4"), "{report}");
    assert_eq!(companies(), 10, "--dry-run writes nothing");

    let out = qilian(&["import", "--db", db, file, "--strict"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(companies(), 10, "--strict writes nothing when a row is bad");

    let out = qilian(&["import", "--db", db, file]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(companies(), 14);

    let out = qilian(&["import", "--db", db, file]);
    assert_eq!(out.status.code(), Some(0), "all valid rows already there");
    assert!(String::from_utf8_lossy(&out.stdout).contains("new 0, updated 0, unchanged 5"));
    assert_eq!(companies(), 14, "the second run changes nothing");
}

#[test]
fn the_cli_rejects_a_file_with_no_valid_row_and_exports_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let db = db.to_str().unwrap();
    let file = dir.path().join("bad.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "企业名称").unwrap();
    sheet.write_string(0, 1, "联系电话").unwrap();
    sheet.write_string(1, 0, "宁波某公司").unwrap();
    sheet.write_string(1, 1, "12345").unwrap();
    workbook.save(&file).unwrap();
    let out = qilian(&["import", "--db", db, file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("row 2 宁波某公司: Phone"));

    let out_file = dir.path().join("out.xlsx");
    let out = qilian(&["export", "--db", db, "--what", "companies", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out_file.exists());
    let out = qilian(&["export", "--db", db, "--what", "requests", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_mapping_corrected_by_hand_is_used_for_the_next_file_with_the_same_headers() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = demo_store(dir.path(), 10);
    let file = dir.path().join("messy.xlsx");
    write_messy_sheet(&file);
    let sheet = read::read_sheet(&file, None).unwrap();
    let layout = import::detect_layout(&sheet.rows, None).unwrap();
    // The secretary tells Qilian to ignore the zone column of this layout.
    let mut mapping = layout.mapping.clone();
    mapping[1] = None;
    let signature = qilian::excel::columns::header_signature(layout.kind, &layout.headers);
    store.save_mapping(&signature, &qilian::excel::columns::mapping_to_json(&mapping)).unwrap();
    drop(store);
    let out = qilian(&["import", "--db", db.to_str().unwrap(), file.to_str().unwrap(), "--dry-run"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!report.contains("Zone “第九片区”"), "{report}");
    assert!(report.contains("rejected 4"), "{report}");
}

#[test]
fn a_sheet_that_breaks_half_way_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (source, _) = demo_store(dir.path(), 300);
    let whole = dir.path().join("companies.xlsx");
    export::export_list(&source, ListKind::Companies, &whole, Lang::Zh).unwrap();
    // The same package with its sheet cut off two thirds of the way through.
    let broken = dir.path().join("broken.xlsx");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&whole).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(&broken).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            bytes.truncate(bytes.len() * 2 / 3);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
    }
    out.finish().unwrap();

    let mut target = Store::open(&dir.path().join("target.db")).unwrap();
    let result = run_import(&mut target, &broken, None, false);
    assert!(matches!(result, Err(ImportError::Read(_))), "{result:?}");
    assert_eq!(target.counts().unwrap().companies, 0, "none of the rows read before the break was kept");
}

#[test]
fn a_write_plans_again_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (source, _) = demo_store(dir.path(), 30);
    let file = dir.path().join("companies.xlsx");
    export::export_list(&source, ListKind::Companies, &file, Lang::Zh).unwrap();
    let db = dir.path().join("target.db");
    let mut request = ImportRequest::new(file.clone(), None, Lang::Zh);
    let preview = session::preview(&db, &request, &AtomicBool::new(false)).unwrap();
    assert_eq!(preview.counts.new, 30);
    // Between the preview and the write, another window adds one of the sheet's companies.
    let last = source.live_companies().unwrap().pop().unwrap();
    let mut other_window = Store::open(&db).unwrap();
    other_window.insert_company(&Company { id: 0, ..last }).unwrap();

    request.layout = Some(preview.layout);
    request.previewed = Some(preview.stamp);
    let mut store = Store::open(&db).unwrap();
    let summary =
        session::run(&mut store, &request, Mode::Write { strict: false }, &AtomicBool::new(false), &mut ()).unwrap();
    assert_eq!((summary.counts.new, summary.counts.unchanged), (29, 1), "the row already there is not added twice");
    assert_eq!(store.counts().unwrap().companies, 30);
}

/// A minimal OpenDocument spreadsheet, as LibreOffice or WPS would save it.
fn write_ods(path: &Path, rows: &[Vec<&str>]) {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#,
    )
    .unwrap();
    let mut body = String::new();
    for row in rows {
        body.push_str("<table:table-row>");
        for cell in row {
            match cell.parse::<f64>() {
                Ok(n) => body.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{cell}</text:p></table:table-cell>"#
                )),
                Err(_) => body.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{cell}</text:p></table:table-cell>"#
                )),
            }
        }
        body.push_str("</table:table-row>");
    }
    zip.start_file("content.xml", stored).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="会员">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_ods_sheet_imports_like_an_xlsx_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("o.db")).unwrap();
    let file = dir.path().join("members.ods");
    write_ods(
        &file,
        &[
            vec!["企业名称", "片区", "职工人数"],
            vec!["宁波开源软件有限公司", "五片区", "42"],
            vec!["", "", ""],
            vec!["宁波办公套件有限公司", "片区6", "7"],
        ],
    );
    let counts = import_file(&mut store, &file, ListKind::Companies);
    assert_eq!((counts.new, counts.error), (2, 0));
    let companies = store.company_list().unwrap();
    assert_eq!(companies[0].company.employees, 42);
    assert_eq!(store.zones().unwrap()[4].id, companies[0].company.zone_id.unwrap());
}

#[test]
fn exported_numbers_are_numbers_and_dates_are_dates() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(dir.path(), 5);
    let file = dir.path().join("typed.xlsx");
    export::export_list(&store, ListKind::Companies, &file, Lang::Zh).unwrap();
    let mut workbook = open_workbook_auto(&file).unwrap();
    let range = workbook.worksheet_range("成员企业").unwrap();
    let column =
        |header: &str| (0..range.width()).find(|&c| range.get((0, c)) == Some(&Data::String(header.into()))).unwrap();
    assert!(matches!(range.get((1, column("职工人数"))), Some(Data::Float(_))));
    assert!(matches!(range.get((1, column("入会日期"))), Some(Data::DateTime(_))));
    assert!(matches!(range.get((1, column("编号"))), Some(Data::Float(_))));
}

#[test]
fn products_find_their_company_by_short_name_or_credit_code() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = demo_store(dir.path(), 10);
    let dongsheng =
        store.company_list().unwrap().into_iter().find(|i| i.company.short_name == "东盛公司").unwrap().company;
    let file = dir.path().join("products.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["所属企业", "产品名称", "单价"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["东盛公司", "定位圈", "8"],
        [dongsheng.credit_code.as_str(), "推板导柱", "15"],
        ["不存在的公司", "螺母", "1"],
    ];
    for (r, values) in rows.iter().enumerate() {
        for (c, v) in values.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    workbook.save(&file).unwrap();
    let plan = plan_file(&store, &file, None);
    assert_eq!(plan.kind, ListKind::Products);
    assert_eq!(plan.rows[2].outcome, Outcome::Error(vec![Problem::OwnerNotFound("不存在的公司".into())]));
    import_file(&mut store, &file, ListKind::Products);
    let names: Vec<String> = store.children_of::<Product>(dongsheng.id).unwrap().into_iter().map(|p| p.name).collect();
    assert!(names.contains(&"定位圈".to_string()) && names.contains(&"推板导柱".to_string()), "{names:?}");
}

#[test]
fn the_cli_finds_the_sheet_that_has_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let file = dir.path().join("two-sheets.xlsx");
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes.write_string(0, 0, "请在第二个工作表填写会员信息，谢谢！").unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("会员").unwrap();
    sheet.write_string(0, 0, "企业名称").unwrap();
    sheet.write_string(0, 1, "片区").unwrap();
    sheet.write_string(1, 0, "宁波第二表有限公司").unwrap();
    sheet.write_string(1, 1, "第七片区").unwrap();
    workbook.save(&file).unwrap();
    let out = qilian(&["import", "--db", db.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(Store::open(&db).unwrap().counts().unwrap().companies, 1);
}

#[test]
fn supplier_regions_and_prices_are_read_as_members_write_them() {
    use qilian::domain::SupplierRegion::{self, *};
    use qilian::domain::place::ParkPlace;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("r.db")).unwrap();
    store.set_park_place(&ParkPlace::new("宁波", "浙江")).unwrap();
    store.insert_company(&Company { name: "宁波采购方有限公司".into(), ..Company::default() }).unwrap();
    let rows: [(&str, &str, SupplierRegion, f64); 9] = [
        ("省外", "¥12", Domestic, 12.0),
        ("江苏", "1.2万", Domestic, 12_000.0),
        ("外省", "12元", Domestic, 12.0),
        ("本地", "¥12", City, 12.0),
        ("德国进口", "1.2万", Abroad, 12_000.0),
        ("日本进口", "12元", Abroad, 12.0),
        ("山东", "¥12", Domestic, 12.0),
        ("北仑", "1.2万", City, 12_000.0),
        ("香港", "12元", HongKongMacaoTaiwan, 12.0),
    ];
    let file = dir.path().join("needs.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["企业全称", "物料名称", "供应商所在地区", "采购单价", "计量单位"].iter().enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (region, price, _, _)) in rows.iter().enumerate() {
        let item = format!("零件{r}");
        for (c, v) in ["宁波采购方有限公司", item.as_str(), region, price, "件"].iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    workbook.save(&file).unwrap();

    let plan = plan_file(&store, &file, None);
    assert_eq!(plan.kind, ListKind::Needs);
    let counts = import_file(&mut store, &file, ListKind::Needs);
    assert_eq!((counts.new, counts.error, counts.warned), (9, 0, 0), "every row imports, none with a warning");
    let needs = store.all_children::<Need>().unwrap();
    for (r, (region, price, expected_region, expected_price)) in rows.iter().enumerate() {
        let need = needs.iter().find(|n| n.item == format!("零件{r}")).unwrap();
        assert_eq!(need.supplier_region, Some(*expected_region), "{region}");
        assert_eq!(need.unit_price, Some(*expected_price), "{price}");
    }
}
