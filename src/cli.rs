//! The command line: the contract of SPEC.md, for batch work and automated checks.
//!
//! Exit status: 0 success; 1 failure with a one-line reason on stderr; 2 input rejected.

use crate::demo::{self, DemoError};
use crate::excel::columns::ListKind;
use crate::excel::import::{Layout, Outcome, OutcomeCounts, PlannedRow};
use crate::excel::session::{self, ImportRequest, Mode, Observer};
use crate::excel::{export, rejects};
use crate::i18n::{Lang, format};
use crate::matching;
use crate::store::Store;
use crate::store::backup;
use crate::tr;
use crate::visits;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

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
        #[command(flatten)]
        import: ImportOptions,
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
        /// Instead of the board, every need with its top K candidates.
        #[arg(long, value_name = "K")]
        candidates: Option<usize>,
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
    /// Render a meeting deck to PDF, one page a slide (to PNG images, one a slide, when OUT ends in .png).
    Deck {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        /// The deck's name, or its meeting: council, visit, contest, service-week [default: the first deck].
        #[arg(long, value_name = "NAME")]
        deck: Option<String>,
        out: PathBuf,
    },
    /// The year's work report (年度工作总结) as a .docx; with --from, the report of several years.
    Report {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// The first year of a longer period, e.g. three years: --from 2023 --year 2025.
        #[arg(long, value_name = "YYYY")]
        from: Option<i32>,
        out: PathBuf,
    },
    /// A consistent copy of the database: to OUT, or into its backup folder.
    Backup {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        out: Option<PathBuf>,
    },
    /// Replace the database by a backup (the current file is backed up first).
    Restore {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        backup: PathBuf,
    },
    /// Integrity check of a database file.
    Check {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
pub struct ImportOptions {
    file: PathBuf,
    #[arg(long, value_enum)]
    kind: Option<ImportKind>,
    /// Check every row and report, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Write nothing if any row is rejected.
    #[arg(long)]
    strict: bool,
    /// Save the rejected rows, with a 原因 (reason) column, to this .xlsx.
    #[arg(long, value_name = "OUT.xlsx")]
    rejects: Option<PathBuf>,
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

/// The input is refused (exit 2), with its reason in one line.
fn reject(reason: &str) -> ExitCode {
    eprintln!("qilian: {reason}");
    ExitCode::from(REJECTED)
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
        Command::Import { db, import } => run_import(&db, import, lang),
        Command::Export { db, what, out } => run_export(&db, what, &out, lang),
        Command::Match { db, top, candidates: Some(k), json } => run_candidates(&db, top, k, json, lang),
        Command::Match { db, top, candidates: None, json } => run_match(&db, top, json, lang),
        Command::PlanVisits { db, year, json } => run_plan_visits(&db, year, json, lang),
        Command::Deck { db, deck, out } => run_deck(&db, deck.as_deref(), &out, lang),
        Command::Report { db, year, from, out } => run_report(&db, (from.unwrap_or(year), year), &out, lang),
        Command::Backup { db, out } => run_backup(&db, out.as_deref(), lang),
        Command::Restore { db, backup } => run_restore(&db, &backup, lang),
    };
    result.unwrap_or_else(|code| code)
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

/// Prints the import's report as it goes: the header found, then each rejected row and each
/// value left out, one line each.
struct ImportReport<W: Write> {
    out: W,
    lang: Lang,
}

impl<W: Write> Observer for ImportReport<W> {
    fn layout(&mut self, layout: &Layout) {
        let (list, header) = (layout.kind.label(self.lang), layout.header_row + 1);
        let line = tr!(self.lang, "{list}：表头在第 {header} 行", "{list}: header on row {header}");
        // A closed stdout (a pager quit) must not stop the import.
        let _ = writeln!(self.out, "{line}");
    }

    fn row(&mut self, row: &PlannedRow) {
        let rejected = matches!(row.outcome, Outcome::Error(_));
        if !rejected && row.warnings.is_empty() {
            return;
        }
        let (number, label, reasons) = (row.row, &row.label, row.reasons(self.lang));
        let line = if rejected {
            tr!(self.lang, "第 {number} 行 {label}：{reasons}", "row {number} {label}: {reasons}")
        } else {
            tr!(self.lang, "第 {number} 行 {label}（已导入）：{reasons}", "row {number} {label} (imported): {reasons}")
        };
        let _ = writeln!(self.out, "{line}");
    }
}

fn run_import(db: &Path, options: ImportOptions, lang: Lang) -> Result<ExitCode, ExitCode> {
    let ImportOptions { file, kind, dry_run, strict, rejects } = options;
    let mut store = open(db, lang)?;
    let mut request = ImportRequest::new(file, kind.map(ImportKind::list), lang);
    request.keep_rejects = rejects.is_some();
    let mode = if dry_run { Mode::DryRun } else { Mode::Write { strict } };
    let never = AtomicBool::new(false);
    let mut report = ImportReport { out: std::io::BufWriter::new(std::io::stdout().lock()), lang };
    let result = session::run(&mut store, &request, mode, &never, &mut report);
    let mut out = report.out;
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            let _ = out.flush();
            let reason = e.message(lang);
            return Err(if e.is_rejection() { reject(&reason) } else { fail(&reason) });
        }
    };
    let OutcomeCounts { new, update, unchanged, error, warned } = summary.counts;
    let rows = new + update + unchanged + error;
    let mut line = tr!(
        lang,
        "共 {rows} 行数据：新增 {new}，更新 {update}，未变 {unchanged}，拒绝 {error}",
        "{rows} data rows: new {new}, updated {update}, unchanged {unchanged}, rejected {error}"
    );
    if warned > 0 {
        line += &tr!(lang, "（{warned} 行有未识别的值，已留空）", " ({warned} with values left out)");
    }
    let _ = writeln!(out, "{line}");
    let mut say = |zh: &str, en: &str| {
        let _ = writeln!(out, "{}", lang.pick(zh, en));
    };
    let code = if summary.counts.valid() == 0 {
        say("没有有效行，未写入任何数据。", "No valid row: nothing written.");
        ExitCode::from(REJECTED)
    } else if strict && error > 0 {
        say("--strict：有被拒绝的行，未写入任何数据。", "--strict: some rows were rejected, nothing written.");
        ExitCode::from(REJECTED)
    } else if dry_run {
        say("--dry-run：未写入任何数据。", "--dry-run: nothing written.");
        ExitCode::SUCCESS
    } else {
        ExitCode::SUCCESS
    };
    let _ = out.flush();
    if let Some(path) = rejects {
        write_rejects(&path, &summary, lang)?;
    }
    Ok(code)
}

/// Saves the rejected rows, with their reasons, to send back for fixing.
fn write_rejects(path: &Path, summary: &session::Summary, lang: Lang) -> Result<(), ExitCode> {
    let count = summary.rejects.rows.len();
    rejects::write(path, &summary.rejects, lang).map_err(|e| fail(&e.message(lang)))?;
    let shown = path.display();
    println!("{}", tr!(lang, "{count} 行被拒绝的行已保存到 {shown}", "{count} rejected rows saved to {shown}"));
    Ok(())
}

/// Prints the year's plan: the published and pinned months as they are, the rest as the rotation
/// would fill them now. Nothing is written.
fn run_deck(db: &Path, name: Option<&str>, out: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    use crate::present::{self, export};
    let store = open_for_reading(db, lang)?;
    let deck = present::find_deck(&store, name.unwrap_or_default()).map_err(|e| fail(&e.message(lang)))?;
    let Some(deck) = deck else {
        let decks = store.decks().map_err(|e| fail(&e.message(lang)))?;
        let known: Vec<String> = decks.into_iter().map(|d| d.name).collect();
        if known.is_empty() {
            return Err(fail(lang.pick("这个联合会还没有幻灯片", "this federation has no decks yet")));
        }
        return Err(fail(&tr!(
            lang,
            "没有名为“{}”的幻灯片：可选 {}",
            "no deck named \"{}\"; there are: {}",
            name.unwrap_or_default(),
            known.join(lang.pick("、", ", "))
        )));
    };
    let today = crate::clock::today();
    let slides = present::build(&store, &deck, today, lang).map_err(|e| fail(&e.message(lang)))?;
    let pages = crate::ui::present::render::render(&slides, crate::ui::present::render::PAGE_SIZE, None)
        .map_err(|e| fail(&e.message(lang)))?;
    let png = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let written = if png {
        export::write_pngs(out, &pages).map_err(|e| fail(&e.message(lang)))?.len()
    } else {
        export::write_pdf(out, &pages).map_err(|e| fail(&e.message(lang)))?;
        1
    };
    let (n, file) = (pages.len(), out.display());
    if png {
        println!(
            "{}",
            tr!(
                lang,
                "{}：{n} 页幻灯片 → {written} 张图片（{file} 旁）",
                "{}: {n} slides → {written} images beside {file}",
                deck.name
            )
        );
    } else {
        println!("{}", tr!(lang, "{}：{n} 页幻灯片 → {file}", "{}: {n} slides → {file}", deck.name));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_report(db: &Path, years: (i32, i32), out: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    if !(1900..=2099).contains(&years.0) || !(1900..=2099).contains(&years.1) {
        return Err(fail(&tr!(lang, "年份应为 1900–2099", "the year must be 1900–2099")));
    }
    if years.0 > years.1 {
        return Err(fail(&tr!(lang, "--from 不能晚于 --year", "--from cannot be after --year")));
    }
    let store = open_for_reading(db, lang)?;
    let today = crate::clock::today();
    let report = crate::ui::present::render::write_report(&store, years, today, out, None)
        .map_err(|e| fail(&e.message(lang)))?;
    let (period, file) = (report.period(), out.display());
    println!(
        "{}",
        tr!(
            lang,
            "{period}工作总结 → {file}：成员 {} 家，互访 {} 次，签约 {} 对，受理诉求 {} 件",
            "work report of {period} → {file}: {} members, {} visits, {} contracts, {} requests",
            report.members,
            report.visits,
            report.contracted,
            report.received
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn run_plan_visits(db: &Path, year: i32, json: bool, lang: Lang) -> Result<ExitCode, ExitCode> {
    if !(1900..=2099).contains(&year) {
        return Err(fail(&tr!(lang, "年份应为 1900–2099", "the year must be 1900–2099")));
    }
    let store = open_for_reading(db, lang)?;
    let spring = store.visit_in_spring_festival(year).map_err(|e| fail(&e.message(lang)))?;
    let plan = visits::service::plan(&store, year, spring).map_err(|e| fail(&e.message(lang)))?;
    let names: std::collections::HashMap<_, _> = store
        .company_list()
        .map_err(|e| fail(&e.message(lang)))?
        .into_iter()
        .map(|item| (item.company.id, item.company.name))
        .collect();
    let name = |id: Option<crate::domain::CompanyId>| id.and_then(|id| names.get(&id).cloned());
    if json {
        let months: Vec<serde_json::Value> = plan
            .months
            .iter()
            .zip(&plan.dates)
            .map(|(m, date)| {
                serde_json::json!({
                    "month": format!("{year}-{:02}", m.month),
                    "date": date.map(|d| d.to_string()),
                    "host": name(m.host),
                    "host_id": m.host,
                    "reasons": m.reasons.iter().map(|r| r.text(lang)).collect::<Vec<_>>(),
                    "published": m.published,
                    "pinned": m.pinned,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(months));
        return Ok(ExitCode::SUCCESS);
    }
    if plan.spring_festival_month.is_none() {
        println!(
            "{}",
            tr!(
                lang,
                "注意：{year} 年的春节日期不在农历表范围内，未避开春节",
                "note: the Spring Festival of {year} is outside the lunar calendar's range; not avoided"
            )
        );
    }
    if !plan.holidays_known() {
        println!(
            "{}",
            tr!(
                lang,
                "注意：{year} 年的法定节假日安排尚未收录，日期只避开了周末，请核对",
                "note: {year}'s official holidays are not known yet; dates only avoid weekends, please check them"
            )
        );
    }
    for (m, date) in plan.months.iter().zip(&plan.dates) {
        let date = date.map_or_else(|| "—".to_string(), |d| format!("{d} {}", visits::service::weekday_name(d, lang)));
        let host = name(m.host).unwrap_or_else(|| lang.pick("（无）", "(none)").to_string());
        let reasons = visits::plan::reasons_text(&m.reasons, lang);
        println!("{year}-{:02}  {date}  {host}  {reasons}", m.month);
    }
    Ok(ExitCode::SUCCESS)
}

fn run_backup(db: &Path, out: Option<&Path>, lang: Lang) -> Result<ExitCode, ExitCode> {
    // Checks (or, where there is no file, creates) the federation before copying it.
    drop(open_for_reading(db, lang)?);
    let written = match out {
        Some(out) => backup::copy_to(db, out).map(|()| out.to_path_buf()),
        None => backup::take(db, backup::Reason::Manual).map(|b| b.path),
    };
    let path = written.map_err(|e| fail(&e.message(lang)))?;
    let companies = backup::inspect(&path).map_err(|e| fail(&e.message(lang)))?.companies;
    let (path, companies) = (path.display(), format::count(companies as usize));
    println!("{}", tr!(lang, "已备份（{companies} 家企业）→ {path}", "backup written ({companies} companies): {path}"));
    Ok(ExitCode::SUCCESS)
}

fn run_restore(db: &Path, source: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    // A backup that is not a whole federation is refused before anything is touched.
    let contents = backup::inspect(source).map_err(|e| reject(&e.message(lang)))?;
    drop(open(db, lang)?);
    let saved = backup::restore(db, source).map_err(|e| fail(&e.message(lang)))?;
    let (companies, saved) = (format::count(contents.companies as usize), saved.path.display());
    println!(
        "{}",
        tr!(
            lang,
            "已从备份恢复（{companies} 家企业）；恢复前的数据已备份到 {saved}",
            "restored from the backup ({companies} companies); the data before it was backed up to {saved}"
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn run_export(db: &Path, what: ExportList, out: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    let kind = match what {
        ExportList::Companies => ListKind::Companies,
        ExportList::Products => ListKind::Products,
        ExportList::Needs => ListKind::Needs,
        ExportList::Matches => return run_export_matches(db, out, lang),
        ExportList::Visits => return run_export_visits(db, out, lang),
        ExportList::Contests => return run_export_contests(db, out, lang),
        ExportList::Requests => return run_export_advisory(db, out, false, lang),
        ExportList::ServiceWeek => return run_export_advisory(db, out, true, lang),
    };
    let store = open_for_reading(db, lang)?;
    let rows = export::export_list(&store, kind, out, lang).map_err(|e| fail(&e.message(lang)))?;
    // Lower case changes only the English name.
    let (list, out) = (kind.label(lang).to_lowercase(), out.display());
    println!("{}", tr!(lang, "已导出 {rows} 行{list} → {out}", "exported {rows} rows of {list} to {out}"));
    Ok(ExitCode::SUCCESS)
}

fn run_export_visits(db: &Path, out: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    let store = open_for_reading(db, lang)?;
    let rows = visits::export::export_stored(&store, out, lang).map_err(|e| fail(&e.message(lang)))?;
    let out = out.display();
    println!("{}", tr!(lang, "已导出 {rows} 个月的互访 → {out}", "exported {rows} months of visits to {out}"));
    Ok(ExitCode::SUCCESS)
}

fn run_export_advisory(db: &Path, out: &Path, weeks: bool, lang: Lang) -> Result<ExitCode, ExitCode> {
    let store = open_for_reading(db, lang)?;
    let written = if weeks {
        crate::advisory::export::export_weeks(&store, &[], out, lang)
    } else {
        crate::advisory::export::export_requests(&store, out, lang)
    };
    let rows = written.map_err(|e| fail(&e.message(lang)))?;
    let out = out.display();
    let what = if weeks {
        lang.pick("个服务周时段", "service-week slots")
    } else {
        lang.pick("件企业诉求", "requests")
    };
    println!("{}", tr!(lang, "已导出 {rows} {what} → {out}", "exported {rows} {what} to {out}"));
    Ok(ExitCode::SUCCESS)
}

fn run_export_contests(db: &Path, out: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    let store = open_for_reading(db, lang)?;
    let awards = crate::contests::export::export_all(&store, out, lang).map_err(|e| fail(&e.message(lang)))?;
    let out = out.display();
    println!(
        "{}",
        tr!(
            lang,
            "已导出 {awards} 项获奖和各项目评分表 → {out}",
            "exported {awards} awards and every event's scores to {out}"
        )
    );
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

fn run_candidates(db: &Path, top: Option<usize>, k: usize, json: bool, lang: Lang) -> Result<ExitCode, ExitCode> {
    let store = open_for_reading(db, lang)?;
    let park = matching::board::Park::load(&store).map_err(|e| fail(&e.message(lang)))?;
    let mut needs = matching::export::candidates_json(&park, k, lang);
    if let Some(n) = top {
        needs.truncate(n);
    }
    if json {
        println!("{}", serde_json::Value::Array(needs));
        return Ok(ExitCode::SUCCESS);
    }
    for need in &needs {
        let listed: Vec<String> = need["candidates"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                format!(
                    "{} {} {:.2}",
                    c["supplier_company"].as_str().unwrap_or(""),
                    c["product"].as_str().unwrap_or(""),
                    c["score"].as_f64().unwrap_or(0.0)
                )
            })
            .collect();
        let listed = if listed.is_empty() {
            lang.pick("园区内暂无供应", "no supplier in the park").to_string()
        } else {
            listed.join(" | ")
        };
        println!(
            "{} {} ← {listed}",
            need["need_company"].as_str().unwrap_or(""),
            need["need_item"].as_str().unwrap_or("")
        );
    }
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
