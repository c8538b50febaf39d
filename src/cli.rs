//! The command line: the contract of SPEC.md, for batch work and automated checks.
//!
//! Exit status: 0 success; 1 failure with a one-line reason on stderr; 2 input rejected.

use crate::demo::{self, DemoError};
use crate::i18n::Lang;
use crate::store::Store;
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
    /// Rank supplier opportunities park-wide.
    Match {
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
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

pub fn run(command: Command) -> ExitCode {
    let lang = terminal_lang();
    let result = match command {
        Command::Demo { db, companies, seed } => run_demo(&db, companies, seed, lang),
        Command::Check { db } => run_check(&db, lang),
        Command::Import { .. } => Err(not_yet("import", lang)),
        Command::Export { .. } => Err(not_yet("export", lang)),
        Command::Match { .. } => Err(not_yet("match", lang)),
        Command::PlanVisits { .. } => Err(not_yet("plan-visits", lang)),
    };
    result.unwrap_or_else(|code| code)
}

fn not_yet(command: &str, lang: Lang) -> ExitCode {
    fail(&match lang {
        Lang::Zh => format!("“{command}”尚未实现，将在后续版本提供"),
        Lang::En => format!("`{command}` is not yet available in this version"),
    })
}

fn run_demo(db: &Path, companies: usize, seed: u64, lang: Lang) -> Result<ExitCode, ExitCode> {
    let mut store = open(db, lang)?;
    match demo::write_demo(&mut store, companies, seed) {
        Ok(n) => {
            let counts = store.counts().map_err(|e| fail(&e.message(lang)))?;
            println!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "已创建演示联合会：{n} 家企业，{} 种产品，{} 项采购需求 → {}",
                        counts.products,
                        counts.needs,
                        db.display()
                    ),
                    Lang::En => format!(
                        "demo federation created: {n} companies, {} products, {} needs in {}",
                        counts.products,
                        counts.needs,
                        db.display()
                    ),
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(DemoError::NotEmpty(n)) => Err(fail(&match lang {
            Lang::Zh => format!("该数据库已有 {n} 家企业，演示数据只写入空的联合会，未做改动"),
            Lang::En => format!(
                "the database already has {n} companies; the demo only goes into an empty one (nothing written)"
            ),
        })),
        Err(DemoError::Store(e)) => Err(fail(&e.message(lang))),
    }
}

fn run_check(db: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    let store = open(db, lang)?;
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
