//! The command line: the contract of SPEC.md, for batch work and automated checks.
//!
//! Exit status: 0 success; 1 failure with a one-line reason on stderr; 2 input rejected.

use crate::demo::{self, DemoError};
use crate::excel::columns::ListKind;
use crate::excel::import::{self as excel_import, Existing, MatchKey, Outcome, OutcomeCounts};
use crate::excel::{ExcelError, export};
use crate::i18n::{Lang, format};
use crate::matching;
use crate::store::Store;
use crate::tr;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "qilian", version, about = "企联 — the enterprise federation secretary's desktop application")]
pub struct Cli {
    /// Database file to open in the GUI (default: qilian.db in the user's data folder).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a realistic demo federation (default 347 companies).
    Demo {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        #[arg(long, value_name = "N", default_value_t = demo::DEFAULT_COMPANIES)]
        companies: usize,
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
    /// Import a spreadsheet; prints a per-row report.
    Import {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        file: PathBuf,
        #[arg(long, value_enum)]
        kind: Option<ImportKind>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        strict: bool,
    },
    /// Export a list to .xlsx. LIST: companies, products, needs, matches, visits, contests, requests, service-week.
    Export {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        #[arg(long, value_name = "LIST", value_enum)]
        what: ExportList,
        out: PathBuf,
    },
    /// Rank supplier opportunities park-wide, biggest estimated saving first.
    Match {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        /// How many to print [default: 20, or all with --json].
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Plan the year's monthly exchange visits.
    PlanVisits {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Integrity check of a database file.
    Check {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ImportKind {
    Companies,
    Products,
    Needs,
}

impl ImportKind {
    fn list(self) -> ListKind {
        match self {
            Self::Companies => ListKind::Companies,
            Self::Products => ListKind::Products,
            Self::Needs => ListKind::Needs,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ExportList {
    Companies,
    Products,
    Needs,
    Matches,
    Visits,
    Contests,
    Requests,
    ServiceWeek,
}

/// Messages follow the terminal's language: Chinese under a zh_* locale, English otherwise.
fn terminal_lang() -> Lang {
    let locale = std::env::var("LC_ALL").or_else(|_| std::env::var("LANG")).unwrap_or_default();
    if locale.starts_with("zh") { Lang::Zh } else { Lang::En }
}

fn fail(reason: &str) -> ExitCode {
    eprintln!("qilian: {reason}");
    ExitCode::from(1)
}

fn open(path: &Path, lang: Lang) -> Result<Store, ExitCode> {
    Store::open(path).map_err(|e| fail(&e.message(lang)))
}

/// For commands that only read: works in a read-only folder.
fn open_for_reading(path: &Path, lang: Lang) -> Result<Store, ExitCode> {
    Store::open_for_reading(path).map_err(|e| fail(&e.message(lang)))
}

pub fn run(command: Command) -> ExitCode {
    let lang = terminal_lang();
    let result = match command {
        Command::Demo { db, companies, seed } => run_demo(&db, companies, seed, lang),
        Command::Check { db } => run_check(&db, lang),
        Command::Import { db, file, kind, dry_run, strict } => run_import(&db, &file, kind, dry_run, strict, lang),
        Command::Export { db, what, out } => run_export(&db, what, &out, lang),
        Command::Match { db, top, json } => run_match(&db, top, json, lang),
        Command::PlanVisits { .. } => Err(not_yet("plan-visits", lang)),
    };
    result.unwrap_or_else(|code| code)
}

fn not_yet(command: &str, lang: Lang) -> ExitCode {
    fail(&tr!(lang, "“{command}”尚未实现，将在后续版本提供", "`{command}` is not yet available in this version"))
}

fn run_demo(db: &Path, companies: usize, seed: u64, lang: Lang) -> Result<ExitCode, ExitCode> {
    let mut store = open(db, lang)?;
    match demo::write_demo(&mut store, companies, seed) {
        Ok(n) => {
            let counts = store.counts().map_err(|e| fail(&e.message(lang)))?;
            let (products, needs, db) = (counts.products, counts.needs, db.display());
            println!(
                "{}",
                tr!(
                    lang,
                    "已创建演示联合会：{n} 家企业，{products} 种产品，{needs} 项采购需求 → {db}",
                    "demo federation created: {n} companies, {products} products, {needs} needs in {db}"
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(DemoError::NotEmpty(n)) => Err(fail(&tr!(
            lang,
            "该数据库已有 {n} 家企业，演示数据只写入空的联合会，未做改动",
            "the database already has {n} companies; the demo only goes into an empty one (nothing written)"
        ))),
        Err(DemoError::Store(e)) => Err(fail(&e.message(lang))),
    }
}

fn run_check(db: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    let store = open_for_reading(db, lang)?;
    let problems = store.integrity_problems().map_err(|e| fail(&e.message(lang)))?;
    if !problems.is_empty() {
        for problem in &problems {
            eprintln!("{problem}");
        }
        return Err(fail(&format!("{} integrity problem(s) in {}", problems.len(), db.display())));
    }
    let c = store.counts().map_err(|e| fail(&e.message(lang)))?;
    let version = store.schema_version().map_err(|e| fail(&e.message(lang)))?;
    println!(
        "ok: schema {version}, {} zones, {} companies ({} deleted), {} products, {} needs, {} contacts",
        c.zones, c.companies, c.deleted_companies, c.products, c.needs, c.contacts
    );
    Ok(ExitCode::SUCCESS)
}

/// Input rejected: the report says which rows and why.
const REJECTED: u8 = 2;

fn run_import(
    db: &Path,
    file: &Path,
    kind: Option<ImportKind>,
    dry_run: bool,
    strict: bool,
    lang: Lang,
) -> Result<ExitCode, ExitCode> {
    let mut store = open(db, lang)?;
    let (sheet, layout) = match excel_import::read_with_layout(file, None, kind.map(ImportKind::list), &store) {
        Ok(found) => found,
        Err(e @ ExcelError::NoHeader) => {
            eprintln!("qilian: {}", e.message(lang));
            return Err(ExitCode::from(REJECTED));
        }
        Err(e) => return Err(fail(&e.message(lang))),
    };
    let existing = Existing::load(&store).map_err(|e| fail(&e.message(lang)))?;
    let plan = excel_import::plan(&sheet, &layout, MatchKey::CreditCode, &existing, lang);
    let counts = plan.counts();
    let (list, header, rows) = (layout.kind.label(lang), layout.header_row + 1, plan.rows.len());
    println!(
        "{}",
        tr!(lang, "{list}：表头在第 {header} 行，共 {rows} 行数据", "{list}: header on row {header}, {rows} data rows")
    );
    for row in &plan.rows {
        if let Outcome::Error(problems) = &row.outcome {
            let reasons: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
            let (number, label, reasons) = (row.row, &row.label, reasons.join(lang.pick("；", "; ")));
            println!("{}", tr!(lang, "第 {number} 行 {label}：{reasons}", "row {number} {label}: {reasons}"));
        }
    }
    let OutcomeCounts { new, update, unchanged, error } = counts;
    println!(
        "{}",
        tr!(
            lang,
            "新增 {new}，更新 {update}，未变 {unchanged}，拒绝 {error}",
            "new {new}, updated {update}, unchanged {unchanged}, rejected {error}"
        )
    );
    let valid = counts.new + counts.update + counts.unchanged;
    let nothing = |why_zh: &str, why_en: &str| println!("{}", lang.pick(why_zh, why_en));
    if valid == 0 {
        nothing("没有有效行，未写入任何数据。", "No valid row: nothing written.");
        return Err(ExitCode::from(REJECTED));
    }
    if strict && counts.error > 0 {
        nothing("--strict：有被拒绝的行，未写入任何数据。", "--strict: some rows were rejected, nothing written.");
        return Err(ExitCode::from(REJECTED));
    }
    if dry_run {
        nothing("--dry-run：未写入任何数据。", "--dry-run: nothing written.");
        return Ok(ExitCode::SUCCESS);
    }
    let never = std::sync::atomic::AtomicBool::new(false);
    excel_import::apply(&mut store, &plan, &never, &mut |_, _| {}).map_err(|e| fail(&e.message(lang)))?;
    Ok(ExitCode::SUCCESS)
}

fn run_export(db: &Path, what: ExportList, out: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    let kind = match what {
        ExportList::Companies => ListKind::Companies,
        ExportList::Products => ListKind::Products,
        ExportList::Needs => ListKind::Needs,
        ExportList::Matches => return run_export_matches(db, out, lang),
        ExportList::Visits => return Err(not_yet("export --what visits", lang)),
        ExportList::Contests => return Err(not_yet("export --what contests", lang)),
        ExportList::Requests => return Err(not_yet("export --what requests", lang)),
        ExportList::ServiceWeek => return Err(not_yet("export --what service-week", lang)),
    };
    let store = open_for_reading(db, lang)?;
    let rows = export::export_list(&store, kind, out, lang).map_err(|e| fail(&e.message(lang)))?;
    // Lower case changes only the English name.
    let (list, out) = (kind.label(lang).to_lowercase(), out.display());
    println!("{}", tr!(lang, "已导出 {rows} 行{list} → {out}", "exported {rows} rows of {list} to {out}"));
    Ok(ExitCode::SUCCESS)
}

/// The park's board, matched afresh from the database.
fn load_board(db: &Path, lang: Lang) -> Result<matching::board::Board, ExitCode> {
    let store = open_for_reading(db, lang)?;
    let park = matching::board::Park::load(&store).map_err(|e| fail(&e.message(lang)))?;
    let mut matcher = matching::board::Matcher::default();
    matcher.update(&park);
    Ok(matching::board::board(&park, &matcher))
}

fn run_match(db: &Path, top: Option<usize>, json: bool, lang: Lang) -> Result<ExitCode, ExitCode> {
    let board = load_board(db, lang)?;
    let rows: Vec<_> = matching::export::live_rows(&board).collect();
    if json {
        let shown = &rows[..top.unwrap_or(rows.len()).min(rows.len())];
        println!("{}", matching::export::to_json(shown, lang));
        return Ok(ExitCode::SUCCESS);
    }
    let shown = &rows[..top.unwrap_or(20).min(rows.len())];
    for (i, row) in shown.iter().enumerate() {
        println!("{}", matching::export::to_text(i + 1, row, lang));
    }
    let (total, listed, contracted) = (rows.len(), shown.len(), board.contracted);
    let (potential, realised) = (format::money(board.potential_saving), format::money(board.realised_saving));
    println!(
        "{}",
        tr!(
            lang,
            "共 {total} 条机会，显示 {listed} 条；潜在年节约 {potential}，已签约 {contracted} 项，已实现年节约 {realised}",
            "{total} opportunities, {listed} shown; potential annual saving {potential}, {contracted} contracted, realised {realised}"
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn run_export_matches(db: &Path, out: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    let board = load_board(db, lang)?;
    let rows = matching::export::export_board(&board, out, lang).map_err(|e| fail(&e.message(lang)))?;
    let out = out.display();
    println!(
        "{}",
        tr!(lang, "已导出 {rows} 条供需对接机会 → {out}", "exported {rows} supplier opportunities to {out}")
    );
    Ok(ExitCode::SUCCESS)
}
