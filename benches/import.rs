//! Import of a 100,000-row company sheet, stage by stage: the bare calamine read, Qilian's
//! bounded read, the window's preview, and the command line's streaming import. Run with
//! `cargo bench --bench import`.

mod common;

use calamine::{Reader, Xlsx, open_workbook, open_workbook_auto};
use qilian::excel::read;
use qilian::excel::session::{self, ImportRequest, Mode};
use qilian::i18n::Lang;
use qilian::store::Store;
use rust_xlsxwriter::Workbook;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// 100,000 rows unless `QILIAN_BENCH_ROWS` says (up to Excel's 1,048,575 below the header).
fn rows() -> u32 {
    std::env::var("QILIAN_BENCH_ROWS").ok().and_then(|r| r.parse().ok()).unwrap_or(100_000).min(1_048_575)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn write_sheet(path: &std::path::Path, rows: u32) {
    let mut workbook = Workbook::new();
    // Row by row to disk, so a million-row sheet does not need its own gigabytes to be made.
    let sheet = workbook.add_worksheet_with_constant_memory().expect("sheet");
    let headers = ["企业名称", "简称", "统一社会信用代码", "片区", "行业", "职工人数", "联系人", "联系电话"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for r in 1..=rows {
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

fn timed<T>(label: &str, work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    let took = start.elapsed();
    println!("{label}: {}", ms(took));
    (value, took)
}

fn main() {
    let rows_wanted = rows();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("companies.xlsx");
    timed(&format!("write the {rows_wanted}-row test sheet"), || write_sheet(&file, rows_wanted));

    // Qilian's own stages first, so the peak memory printed after them is theirs alone (the bare
    // whole-grid read below holds the entire sheet at once).
    timed("qilian read (limits, merges, row by row)", || {
        let mut n = 0;
        read::for_each_row(&file, None, &read::LIMITS, &mut |_| {
            n += 1;
            read::Flow::Continue
        })
        .expect("read");
        n
    });
    let db = dir.path().join("import.db");
    let request = ImportRequest::new(file.clone(), None, Lang::Zh);
    let never = AtomicBool::new(false);
    let mut store = Store::open(&db).expect("store");
    let (summary, import) = timed("import (command line: read → plan → write, one transaction)", || {
        session::run(&mut store, &request, Mode::Write { strict: false }, &never, &mut ()).expect("import")
    });
    assert!(summary.written);
    print!("after the import, ");
    common::print_peak_memory();
    let (again, _) = timed("the same file again (backup, every row unchanged, nothing written)", || {
        session::run(&mut store, &request, Mode::Write { strict: false }, &never, &mut ()).expect("again")
    });
    assert_eq!(again.counts.unchanged as u32, rows_wanted);
    let fresh = dir.path().join("preview.db");
    let (preview, _) = timed("preview (window: read and plan every row, keep outcomes)", || {
        session::preview(&fresh, &request, &never).expect("preview")
    });
    assert_eq!(preview.counts.new as u32, rows_wanted, "{:?}", preview.counts);
    drop(preview);
    print!("after the preview, ");
    common::print_peak_memory();

    let (rows, bare) = timed("bare calamine read (whole grid)", || {
        let mut workbook = open_workbook_auto(&file).expect("open");
        let name = workbook.sheet_names()[0].clone();
        workbook.worksheet_range(&name).expect("range").height()
    });
    assert_eq!(rows as u32, rows_wanted + 1);
    timed("bare calamine read (cell by cell)", || {
        let mut workbook: Xlsx<_> = open_workbook(&file).expect("open");
        let name = workbook.sheet_names()[0].clone();
        let mut cells = workbook.worksheet_cells_reader(&name).expect("cells");
        let mut n = 0;
        while cells.next_cell().expect("cell").is_some() {
            n += 1;
        }
        n
    });
    println!("import = {:.2}× the bare read", import.as_secs_f64() / bare.as_secs_f64());
    print!("in all, ");
    common::print_peak_memory();
}
