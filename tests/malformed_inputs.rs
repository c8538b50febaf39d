//! Files that are broken, hostile or merely odd: each is refused with a reason (exit 2 on the
//! command line) or read, never a crash, never more memory than a member list needs. One test in
//! this binary, so the process's peak memory is this corpus's alone.

use qilian::excel::ExcelError;
use qilian::excel::read::{self, Flow, LIMITS, Limit, Limits};
use rand::{Rng, SeedableRng};
use rust_xlsxwriter::Workbook;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A small valid member list.
fn members_xlsx(path: &Path, stray: Option<(u32, u16)>) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["企业名称", "片区", "员工人数"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=20u32 {
        sheet.write_string(r, 0, format!("宁波测试{r}号有限公司")).unwrap();
        sheet.write_string(r, 1, "第一片区").unwrap();
        sheet.write_number(r, 2, f64::from(r * 10)).unwrap();
    }
    if let Some((row, col)) = stray {
        sheet.write_string(row, col, "x").unwrap();
    }
    workbook.save(path).unwrap();
}

/// `source` with each part passed through `change` (which may return it as it is).
fn rezip(source: &Path, target: &Path, change: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.start_file(name.clone(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&change(&name, bytes)).unwrap();
    }
    out.finish().unwrap();
}

fn ods(path: &Path, table_body: &str) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="会员">{table_body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap();
}

/// Reads every row of `path` within `limits`; the rows read, or the error.
fn read_all(path: &Path, limits: &Limits) -> Result<usize, ExcelError> {
    let mut rows = 0;
    read::for_each_row(path, None, limits, &mut |_| {
        rows += 1;
        Flow::Continue
    })?;
    Ok(rows)
}

fn too_large(result: Result<usize, ExcelError>, limit: Limit) {
    match result {
        Err(ExcelError::TooLarge { limit: found, .. }) if found == limit => {}
        other => panic!("expected the {limit:?} limit, got {other:?}"),
    }
}

fn qilian(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_qilian")).args(args).env("LANG", "C").output().unwrap()
}

/// Peak resident memory of this process, where the system says (Linux).
fn peak_resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kib| kib / 1024)
}

struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

#[test]
fn malformed_files_are_refused_or_read_in_bounded_memory_and_never_crash() {
    let corpus = Corpus { dir: tempfile::tempdir().unwrap() };
    let valid = corpus.path("valid.xlsx");
    members_xlsx(&valid, None);
    assert_eq!(read_all(&valid, &LIMITS).unwrap(), 21);

    // Stray cells far from the data: at the sheet's very last cell, and a million rows down.
    for (name, cell) in
        [("xfd.xlsx", (1_048_575, 16_383)), ("z1m.xlsx", (999_999, 25)), ("zz200k.xlsx", (199_999, 701))]
    {
        let path = corpus.path(name);
        members_xlsx(&path, Some(cell));
        let mut rows = Vec::new();
        let info = read::for_each_row(&path, None, &LIMITS, &mut |row| {
            rows.push(row.index);
            Flow::Continue
        })
        .unwrap();
        assert_eq!(rows.len(), 21 + usize::from(usize::from(cell.1) < LIMITS.columns), "{name}");
        assert_eq!(info.ignored_cells, u64::from(usize::from(cell.1) >= LIMITS.columns), "{name}");
    }

    // Shared strings that claim more than the file could hold.
    for (name, count) in [("sst-max.xlsx", u64::MAX.to_string()), ("sst-2g.xlsx", (1u64 << 31).to_string())] {
        let path = corpus.path(name);
        rezip(&valid, &path, |part, bytes| {
            if part != "xl/sharedStrings.xml" {
                return bytes;
            }
            let xml = String::from_utf8(bytes).unwrap();
            let start = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = start + xml[start..].find('"').unwrap();
            format!("{}{count}{}", &xml[..start], &xml[end..]).into_bytes()
        });
        too_large(read_all(&path, &LIMITS), Limit::SharedStrings);
    }

    // A part that unpacks to more than the limit (here a small limit, the same check as the real one).
    let bomb = corpus.path("bomb.xlsx");
    rezip(&valid, &bomb, |part, mut bytes| {
        if part == "xl/worksheets/sheet1.xml" {
            let at = bytes.windows(11).position(|w| w == b"</sheetData").unwrap();
            let padding = vec![b' '; 4 << 20];
            bytes.splice(at..at, padding);
        }
        bytes
    });
    too_large(read_all(&bomb, &Limits { part_bytes: 1 << 20, ..LIMITS }), Limit::PartSize);
    assert_eq!(read_all(&bomb, &LIMITS).unwrap(), 21, "under the real limit the same file reads");

    // More cells than any member list (a small limit again, counted as the cells stream by).
    too_large(read_all(&valid, &Limits { cells: 30, ..LIMITS }), Limit::Cells);

    // OpenDocument's repeats: a few bytes asking for a hundred million cells.
    let repeats = corpus.path("repeats.ods");
    ods(
        &repeats,
        r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
    );
    assert!(std::fs::metadata(&repeats).unwrap().len() < 2_000);
    assert!(matches!(read_all(&repeats, &LIMITS), Err(ExcelError::TooLarge { .. })));
    let tall = corpus.path("tall.ods");
    ods(
        &tall,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>企业名称</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    too_large(read_all(&tall, &LIMITS), Limit::Grid);

    // Not spreadsheets, whatever their names say; cut short; a folder.
    let text = corpus.path("notes.xlsx");
    std::fs::write(&text, "企业名称,片区\n东盛,第一片区\n").unwrap();
    assert!(matches!(read_all(&text, &LIMITS), Err(ExcelError::NotASpreadsheet)));
    let empty = corpus.path("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(read_all(&empty, &LIMITS), Err(ExcelError::NotASpreadsheet)));
    let whole = std::fs::read(&valid).unwrap();
    let cut = corpus.path("cut.xlsx");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    assert!(read_all(&cut, &LIMITS).is_err());
    assert!(matches!(read_all(corpus.dir.path(), &LIMITS), Err(ExcelError::NotAFile)));
    // A named pipe would block a reader forever: it is refused without being opened.
    #[cfg(unix)]
    {
        let pipe = corpus.path("pipe.xlsx");
        if Command::new("mkfifo").arg(&pipe).status().is_ok_and(|s| s.success()) {
            assert!(matches!(read_all(&pipe, &LIMITS), Err(ExcelError::NotAFile)));
        }
    }

    // Random damage: bytes flipped, runs overwritten, cut and spliced, in xlsx and ods. Each is
    // refused or read; none may panic. QILIAN_FUZZ_ROUNDS runs longer (see docs/PERFORMANCE.md).
    let small_ods = corpus.path("small.ods");
    ods(
        &small_ods,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>企业名称</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>东盛</text:p></table:table-cell></table:table-row>"#,
    );
    let seeds = [whole, std::fs::read(&small_ods).unwrap()];
    let rounds: usize = std::env::var("QILIAN_FUZZ_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(300);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
    let mutant = corpus.path("mutant.xlsx");
    let (mut read_ok, mut refused) = (0, 0);
    for round in 0..rounds {
        let mut bytes = seeds[round % seeds.len()].clone();
        for _ in 0..rng.random_range(1..8) {
            let at = rng.random_range(0..bytes.len());
            match rng.random_range(0..4) {
                0 => bytes[at] ^= 1 << rng.random_range(0..8),
                1 => bytes[at] = rng.random(),
                2 => bytes.truncate(at.max(1)),
                _ => {
                    let len = rng.random_range(1..64).min(bytes.len() - at);
                    let from = rng.random_range(0..=bytes.len() - len);
                    let chunk = bytes[from..from + len].to_vec();
                    bytes.splice(at..at, chunk);
                }
            }
        }
        std::fs::write(&mutant, &bytes).unwrap();
        let result = std::panic::catch_unwind(|| read_all(&mutant, &LIMITS));
        match result {
            Ok(Ok(_)) => read_ok += 1,
            Ok(Err(_)) => refused += 1,
            Err(_) => {
                let kept = corpus.path(&format!("panic-{round}.bin"));
                std::fs::copy(&mutant, &kept).unwrap();
                panic!("round {round} panicked; the file is {}", kept.display());
            }
        }
    }
    println!("{rounds} damaged files: {read_ok} read, {refused} refused");

    if let Some(peak) = peak_resident_mib() {
        assert!(peak < 500, "peak resident memory {peak} MiB");
    }

    // The command line says why in one line and exits 2 for each kind of refusal.
    let db = corpus.path("f.db");
    for name in ["sst-max.xlsx", "repeats.ods", "notes.xlsx", "cut.xlsx", "pipe.xlsx"] {
        if !corpus.path(name).exists() {
            continue;
        }
        let out = qilian(&["import", "--db", db.to_str().unwrap(), corpus.path(name).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1, "{name}");
    }
    let out = qilian(&["import", "--db", db.to_str().unwrap(), corpus.path("xfd.xlsx").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}
