//! Import of a 100,000-row company sheet: read, validate (plan) and write, against a bare
//! calamine read of the same file. Run with `cargo bench --bench import`.

mod common;

use calamine::{Reader, open_workbook_auto};
use qilian::excel::import::{self, Existing, MatchKey};
use qilian::excel::read;
use qilian::i18n::Lang;
use qilian::store::Store;
use rust_xlsxwriter::Workbook;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

const ROWS: u32 = 100_000;

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn write_sheet(path: &std::path::Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let headers = ["企业名称", "简称", "统一社会信用代码", "片区", "行业", "职工人数", "联系人", "联系电话"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for r in 1..=ROWS {
        let code = qilian::domain::credit_code::compose("91", "330206", &format!("{:08}", r));
        sheet.write_string(r, 0, format!("宁波测试{r}号制造有限公司")).expect("cell");
        sheet.write_string(r, 1, format!("测试{r}")).expect("cell");
        sheet.write_string(r, 2, &code).expect("cell");
        sheet
            .write_string(r, 3, format!("第{}片区", ["一", "二", "三", "四", "五", "六", "七"][r as usize % 7]))
            .expect("cell");
        sheet.write_string(r, 4, "机械设备").expect("cell");
        sheet.write_number(r, 5, f64::from(r % 900 + 10)).expect("cell");
        sheet.write_string(r, 6, "王伟").expect("cell");
        sheet.write_string(r, 7, format!("138{:08}", r)).expect("cell");
    }
    workbook.save(path).expect("save");
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("companies-100k.xlsx");
    let start = Instant::now();
    write_sheet(&file);
    println!("write the {ROWS}-row test sheet: {}", ms(start.elapsed()));

    let start = Instant::now();
    let mut workbook = open_workbook_auto(&file).expect("open");
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).expect("range");
    let bare = start.elapsed();
    println!("bare calamine read: {} ({} rows)", ms(bare), range.height());
    drop(range);

    let mut store = Store::open(&dir.path().join("import.db")).expect("store");
    let total = Instant::now();
    let start = Instant::now();
    let sheet = read::read_sheet(&file, None).expect("read");
    let read_time = start.elapsed();
    let start = Instant::now();
    let layout = import::detect_layout(&sheet, None).expect("layout");
    let existing = Existing::load(&store).expect("existing");
    let plan = import::plan(&sheet, &layout, MatchKey::CreditCode, &existing, Lang::Zh);
    let validate = start.elapsed();
    let counts = plan.counts();
    assert_eq!(counts.new as u32, ROWS, "{counts:?}");
    let start = Instant::now();
    import::apply(&mut store, &plan, &AtomicBool::new(false), &mut |_, _| {}).expect("apply");
    let write = start.elapsed();
    let total = total.elapsed();
    println!("qilian read: {}", ms(read_time));
    println!("qilian validate (plan): {}", ms(validate));
    println!("qilian write (one transaction): {}", ms(write));
    println!("qilian import total: {} = {:.2}× the bare read", ms(total), total.as_secs_f64() / bare.as_secs_f64());
    common::print_peak_memory();
}
