//! Supplier matching on `demo --companies 10000` (about 42,000 needs and 43,000 products): a full
//! recompute, one need re-matched, and peak memory. Run with `cargo bench --bench matching`;
//! `-- --companies 50000` measures another size.

mod common;

use qilian::domain::{Company, Need, Product};
use qilian::matching::board::{Matcher, Park, Rematch, board};
use qilian::matching::engine::{DEFAULT_TOP, MatchIndex};
use qilian::store::Store;
use std::time::{Duration, Instant};

/// The park's size unless `--companies N` says otherwise.
const COMPANIES: usize = 10_000;

fn park_size() -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--companies")
        .and_then(|i| args.get(i + 1))
        .map_or(COMPANIES, |n| n.parse().expect("--companies takes a number"))
}
const RUNS: usize = 5;

fn ms(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{:.0} µs", d.as_secs_f64() * 1e6)
    } else {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    }
}

/// The demo park as the store would hand it over, ids filled in.
fn park() -> Park {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("bench.db")).expect("store");
    let synonym_groups = store.synonym_groups().expect("synonyms");
    let (mut companies, mut products, mut needs): (Vec<Company>, Vec<Product>, Vec<Need>) = Default::default();
    for (i, demo) in qilian::demo::generate(park_size(), 1, 7).into_iter().enumerate() {
        let id = i as i64 + 1;
        companies.push(Company { id, ..demo.company });
        for p in demo.products {
            products.push(Product { id: products.len() as i64 + 1, company_id: id, ..p });
        }
        for n in demo.needs {
            needs.push(Need { id: needs.len() as i64 + 1, company_id: id, ..n });
        }
    }
    Park { companies, products, needs, synonym_groups, pipelines: Vec::new() }
}

fn best_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let mut park = park();
    println!("{} companies, {} products, {} needs", park.companies.len(), park.products.len(), park.needs.len());
    let synonyms = || qilian::matching::board::synonyms_of(&park.synonym_groups);

    let build = best_of(RUNS, || {
        MatchIndex::build(&park.companies, &park.products, synonyms());
    });
    let index = MatchIndex::build(&park.companies, &park.products, synonyms());
    let match_all = best_of(RUNS, || {
        index.match_all(&park.needs, DEFAULT_TOP);
    });
    let mut candidates = 0;
    let full = best_of(RUNS, || {
        let mut matcher = Matcher::default();
        assert_eq!(matcher.update(&park), Rematch::Full);
        candidates = park.needs.iter().map(|n| matcher.candidates(n.id).len()).sum();
    });
    println!("build the index: {}", ms(build));
    println!("match every need: {}", ms(match_all));
    println!("full recompute (index + every need, as the app does it): {} → {candidates} candidates", ms(full));

    let mut matcher = Matcher::default();
    matcher.update(&park);
    let weijun_need = park.needs.iter().position(|n| n.company_id == 2).expect("威骏 needs");
    let one = best_of(RUNS, || {
        index.candidates(&park.needs[weijun_need], DEFAULT_TOP);
    });
    println!("one need matched against the index: {}", ms(one));
    let mut incremental = Duration::MAX;
    for run in 0..RUNS {
        park.needs[weijun_need].annual_quantity = Some(7000.0 + run as f64);
        let start = Instant::now();
        assert_eq!(matcher.update(&park), Rematch::Needs(1));
        incremental = incremental.min(start.elapsed());
    }
    println!("one need edited, Matcher::update (compares every record, re-matches one): {}", ms(incremental));
    let board_time = best_of(RUNS, || {
        board(&park, &matcher);
    });
    println!("assemble the board: {}", ms(board_time));
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("park.db")).expect("store");
    qilian::demo::write_demo(&mut store, park_size(), 1).expect("demo");
    let load = best_of(RUNS, || {
        Park::load(&store).expect("load");
    });
    println!("load the park from SQLite (what a re-match reads first): {}", ms(load));
    common::print_peak_memory();
}
