//! Matching in the background: each run reads the park through its own connection and updates
//! the `Matcher` kept from the run before, so after an edit only what changed is matched again.
//! Runs go through the job facility; asking while one runs queues one more run, however often
//! it is asked. A failed run waits for `retry` instead of starting again every frame.

use super::board::{Board, Matcher, Park, Rematch, board};
use super::engine::{Candidate, NearMiss};
use crate::domain::opportunity::Pipeline;
use crate::domain::{Company, CompanyId, Need, Product};
use crate::jobs::{Job, JobError, Jobs};
use crate::store::{Store, StoreError};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One finished run: the park as read, the board, and every need's candidates.
pub struct MatchSnapshot {
    pub park: Park,
    pub board: Board,
    pub candidates: HashMap<i64, Vec<Candidate>>,
    pub rematch: Rematch,
    pub took: Duration,
    companies: HashMap<CompanyId, usize>,
    needs: HashMap<i64, usize>,
    products: HashMap<i64, usize>,
    /// For each supplier, the candidates it could fill, biggest saving first: the company view
    /// reads this every frame, so it is built once here, off the UI thread.
    sales: HashMap<CompanyId, Vec<Candidate>>,
    /// For each need no member supplies, the nearest products and why they were not proposed.
    near_misses: HashMap<i64, Vec<NearMiss>>,
}

/// How many near misses the detail panel lists for a need no member supplies.
const NEAR_MISSES: usize = 3;

impl MatchSnapshot {
    pub fn new(park: Park, matcher: &Matcher, rematch: Rematch, took: Duration) -> Self {
        let board = board(&park, matcher);
        let candidates = park.needs.iter().map(|n| (n.id, matcher.candidates(n.id).to_vec())).collect();
        let companies = park.companies.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let needs: HashMap<i64, usize> = park.needs.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        let products = park.products.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut sales: HashMap<CompanyId, Vec<Candidate>> = HashMap::new();
        for c in park.needs.iter().flat_map(|n| matcher.candidates(n.id)) {
            sales.entry(c.supplier_company_id).or_default().push(c.clone());
        }
        for list in sales.values_mut() {
            let saving = |c: &Candidate| c.annual_saving().unwrap_or(0.0);
            list.sort_by(|a, b| saving(b).total_cmp(&saving(a)).then(a.need_id.cmp(&b.need_id)));
        }
        let near_misses = board
            .unsupplied
            .iter()
            .filter_map(|u| {
                needs.get(&u.need_id).map(|&i| (u.need_id, matcher.near_misses(&park.needs[i], NEAR_MISSES)))
            })
            .collect();
        Self { park, board, candidates, rematch, took, companies, needs, products, sales, near_misses }
    }

    /// The nearest products to a need no member supplies, and why each was not proposed.
    pub fn near_misses(&self, need_id: i64) -> &[NearMiss] {
        self.near_misses.get(&need_id).map_or(&[], Vec::as_slice)
    }

    pub fn company(&self, id: CompanyId) -> Option<&Company> {
        self.companies.get(&id).map(|&i| &self.park.companies[i])
    }

    pub fn need(&self, id: i64) -> Option<&Need> {
        self.needs.get(&id).map(|&i| &self.park.needs[i])
    }

    pub fn product(&self, id: i64) -> Option<&Product> {
        self.products.get(&id).map(|&i| &self.park.products[i])
    }

    /// The recorded pipeline of a pair, or a fresh suggestion.
    pub fn pipeline(&self, need_id: i64, product_id: i64) -> Pipeline {
        self.park
            .pipelines
            .iter()
            .find(|p| p.need_id == need_id && p.product_id == product_id)
            .cloned()
            .unwrap_or_else(|| Pipeline::new(need_id, product_id))
    }

    /// The pair as a candidate: from the need's ranking, or from the board for a followed pair.
    pub fn candidate(&self, need_id: i64, product_id: i64) -> Option<&Candidate> {
        self.candidates.get(&need_id).and_then(|c| c.iter().find(|c| c.product_id == product_id)).or_else(|| {
            self.board.rows.iter().map(|r| &r.candidate).find(|c| c.need_id == need_id && c.product_id == product_id)
        })
    }

    /// What a company could supply to other members, biggest saving first.
    pub fn sales_of(&self, company: CompanyId) -> &[Candidate] {
        self.sales.get(&company).map_or(&[], Vec::as_slice)
    }
}

/// What a run needs from the one before: the matcher, and the connection it reads with.
#[derive(Default)]
struct Worker {
    matcher: Matcher,
    store: Option<Store>,
}

type RunResult = (Worker, Result<MatchSnapshot, StoreError>);

/// Why matching stopped.
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Job(#[from] JobError),
}

impl MatchError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Self::Store(e) => e.message(lang),
            Self::Job(e) => e.message(lang),
        }
    }
}

pub struct MatchService {
    db: PathBuf,
    /// Between runs; inside the job while one runs.
    idle: Option<Worker>,
    running: Option<Job<RunResult>>,
    wanted: bool,
    failure: Option<MatchError>,
    snapshot: Option<Arc<MatchSnapshot>>,
}

impl MatchService {
    pub fn new(db: PathBuf) -> Self {
        Self { db, idle: Some(Worker::default()), running: None, wanted: false, failure: None, snapshot: None }
    }

    /// Asks for a run with the data as it is now. Ignored after a failure until `retry`.
    pub fn request(&mut self) {
        self.wanted = true;
    }

    pub fn retry(&mut self) {
        self.failure = None;
        self.wanted = true;
    }

    pub fn snapshot(&self) -> Option<&Arc<MatchSnapshot>> {
        self.snapshot.as_ref()
    }

    pub fn failure(&self) -> Option<&MatchError> {
        self.failure.as_ref()
    }

    /// A run is under way or about to start.
    pub fn is_busy(&self) -> bool {
        self.running.is_some() || (self.wanted && self.failure.is_none())
    }

    /// Takes a finished run's result and starts the next run if one was asked for. True when a
    /// new snapshot or a failure came in.
    pub fn poll(&mut self, jobs: &mut Jobs) -> bool {
        let mut news = false;
        if let Some(result) = self.running.as_ref().and_then(Job::poll) {
            self.running = None;
            news = true;
            match result {
                Ok((worker, Ok(snapshot))) => {
                    log::info!(
                        "matching: {} in {} ms",
                        match snapshot.rematch {
                            Rematch::Full => "everything matched".to_string(),
                            Rematch::Needs(n) => format!("{n} needs re-matched"),
                        },
                        snapshot.took.as_millis()
                    );
                    self.idle = Some(worker);
                    self.snapshot = Some(Arc::new(snapshot));
                }
                Ok((_, Err(e))) => self.fail(e.into()),
                Err(e) => self.fail(e.into()),
            }
        }
        if self.wanted && self.running.is_none() && self.failure.is_none() {
            self.start(jobs);
        }
        news
    }

    fn fail(&mut self, error: MatchError) {
        log::error!("matching failed: {error}");
        self.failure = Some(error);
        self.wanted = false;
        // The connection may be what failed: the next run opens a new one.
        self.idle = Some(Worker::default());
    }

    fn start(&mut self, jobs: &mut Jobs) {
        self.wanted = false;
        let mut worker = self.idle.take().unwrap_or_default();
        let db = self.db.clone();
        let label = crate::i18n::Text::new("正在匹配供需", "Matching supply and demand");
        match jobs.spawn("qilian-match", label, false, move |_| {
            let start = Instant::now();
            let result = run(&mut worker, &db, start);
            (worker, result)
        }) {
            Ok(job) => self.running = Some(job),
            Err(e) => self.fail(e.into()),
        }
    }
}

fn run(worker: &mut Worker, db: &std::path::Path, start: Instant) -> Result<MatchSnapshot, StoreError> {
    let store = match worker.store.take() {
        Some(store) => store,
        None => Store::open(db)?,
    };
    let park = Park::load(&store)?;
    worker.store = Some(store);
    let rematch = worker.matcher.update(&park);
    Ok(MatchSnapshot::new(park, &worker.matcher, rematch, start.elapsed()))
}
