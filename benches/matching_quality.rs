//! Matching quality on the held-out set in tests/data/heldout/ — needs in buyers' wording, filed
//! under their own ERP headings, against suppliers' catalogues over twenty trades — split once
//! (seeded, by kind; each need's half is written beside it, so correcting a label never moves a
//! need between halves) into a tuning half and a test half. Prints, for each half, the engine's and a
//! plain rapidfuzz token-set baseline's precision@1, recall@5, coverage and false proposals on
//! needs nobody supplies, overall and by kind. Run with `cargo bench --bench matching_quality`;
//! docs/PERFORMANCE.md records the test half. Tune only on the tuning half (`--tuning` prints it
//! alone, with its misses; `--explain N` one need of it; `--calibrate` what each least relevance would do to it).

use qilian::domain::{Company, Need, Product};
use qilian::matching::board::synonyms_of;
use qilian::matching::engine::MatchIndex;
use qilian::store::Store;
use std::collections::BTreeMap;

const TOP: usize = 5;

struct Case {
    need: Need,
    correct: Vec<i64>,
    kind: String,
    tuning: bool,
}

fn load() -> (Vec<Company>, Vec<Product>, Vec<Case>) {
    let (mut companies, mut products, mut cases) = (Vec::new(), Vec::new(), Vec::new());
    let mut files: Vec<_> = std::fs::read_dir("tests/data/heldout")
        .expect("tests/data/heldout")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let field = |i: usize| f.get(i).copied().unwrap_or_default();
            let id =
                |i: usize| field(i).parse::<i64>().unwrap_or_else(|_| panic!("{}:{}: {line}", file.display(), n + 1));
            let ids = |i: usize| -> Vec<i64> {
                field(i)
                    .split([',', '，'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect()
            };
            match field(0) {
                "C" => companies.push(Company {
                    id: id(1),
                    name: field(2).into(),
                    industry: field(3).into(),
                    ..Company::default()
                }),
                "P" => products.push(Product {
                    id: id(1),
                    company_id: id(2),
                    name: field(3).into(),
                    category: field(4).into(),
                    spec: field(5).into(),
                    unit: field(6).into(),
                    ..Product::default()
                }),
                "N" => cases.push(Case {
                    need: Need {
                        id: id(1),
                        company_id: id(2),
                        item: field(3).into(),
                        category: field(4).into(),
                        spec: field(5).into(),
                        unit: field(6).into(),
                        ..Need::default()
                    },
                    correct: ids(7),
                    kind: field(9).to_string(),
                    tuning: match field(10) {
                        "tuning" => true,
                        "test" => false,
                        other => panic!("{}:{}: half {other:?}", file.display(), n + 1),
                    },
                }),
                other => panic!("{}:{}: unknown line kind {other:?}", file.display(), n + 1),
            }
        }
    }
    check(&companies, &products, &cases);
    (companies, products, cases)
}

/// The set is what it says: ids unique, every reference known, a known kind for every need, and
/// no need answered by its own buyer.
fn check(companies: &[Company], products: &[Product], cases: &[Case]) {
    use std::collections::HashSet;
    let company_ids: HashSet<i64> = companies.iter().map(|c| c.id).collect();
    let product_ids: HashSet<i64> = products.iter().map(|p| p.id).collect();
    assert_eq!(company_ids.len(), companies.len(), "company ids are unique");
    assert_eq!(product_ids.len(), products.len(), "product ids are unique");
    let need_ids: HashSet<i64> = cases.iter().map(|c| c.need.id).collect();
    assert_eq!(need_ids.len(), cases.len(), "need ids are unique");
    for p in products {
        assert!(company_ids.contains(&p.company_id), "product {} of an unknown company", p.id);
    }
    for case in cases {
        assert!(company_ids.contains(&case.need.company_id), "need {} of an unknown buyer", case.need.id);
        assert!(
            ["shared", "synonym", "decoy", "none"].contains(&case.kind.as_str()),
            "need {} kind {}",
            case.need.id,
            case.kind
        );
        for id in &case.correct {
            assert!(product_ids.contains(id), "need {} names unknown product {id}", case.need.id);
        }
        match case.kind.as_str() {
            "none" => assert!(case.correct.is_empty(), "need {}: none has no supplier", case.need.id),
            "shared" | "synonym" => assert!(!case.correct.is_empty(), "need {}: {} has one", case.need.id, case.kind),
            _ => {}
        }
    }
}

#[derive(Default)]
struct Tally {
    with_supplier: usize,
    first_right: usize,
    in_top: usize,
    answered: usize,
    without_supplier: usize,
    false_proposals: usize,
}

impl Tally {
    fn add(&mut self, case: &Case, got: &[i64]) {
        if case.correct.is_empty() {
            self.without_supplier += 1;
            self.false_proposals += usize::from(!got.is_empty());
            return;
        }
        self.with_supplier += 1;
        self.answered += usize::from(!got.is_empty());
        self.first_right += usize::from(got.first().is_some_and(|id| case.correct.contains(id)));
        self.in_top += usize::from(got.iter().take(TOP).any(|id| case.correct.contains(id)));
    }

    fn line(&self) -> String {
        let rate =
            |a: usize, b: usize| if b == 0 { "   —".to_string() } else { format!("{:.2}", a as f64 / b as f64) };
        format!(
            "P@1 {}  R@5 {}  coverage {}  false proposals {} ({} of {} needs without a supplier)",
            rate(self.first_right, self.with_supplier),
            rate(self.in_top, self.with_supplier),
            rate(self.answered, self.with_supplier),
            rate(self.false_proposals, self.without_supplier),
            self.false_proposals,
            self.without_supplier
        )
    }
}

/// Each need's ranked product ids, by some method.
fn report(label: &str, cases: &[Case], rank: &dyn Fn(&Need) -> Vec<i64>, misses: bool) {
    let mut all = Tally::default();
    let mut kinds: BTreeMap<&str, Tally> = BTreeMap::new();
    for case in cases {
        let got = rank(&case.need);
        all.add(case, &got);
        kinds.entry(case.kind.as_str()).or_default().add(case, &got);
        if misses
            && !got.first().is_some_and(|id| case.correct.contains(id))
            && !(case.correct.is_empty() && got.is_empty())
        {
            println!(
                "    miss ({}): {} [{}] → {:?}, wanted {:?}",
                case.kind, case.need.item, case.need.spec, got, case.correct
            );
        }
    }
    println!("  {label:<10} all       {}", all.line());
    for (kind, tally) in kinds {
        println!("  {label:<10} {kind:<9} {}", tally.line());
    }
}

/// Python rapidfuzz's `fuzz.token_set_ratio` (0–100), composed from the Rust crate's `ratio`:
/// words split on white space (an unspaced Chinese name is one word), common and differing words
/// compared, the best of three.
fn token_set_ratio(a: &str, b: &str) -> f64 {
    use std::collections::BTreeSet;
    let ta: BTreeSet<&str> = a.split_whitespace().collect();
    let tb: BTreeSet<&str> = b.split_whitespace().collect();
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let join = |words: Vec<&str>| words.join(" ");
    let sect = join(ta.intersection(&tb).copied().collect());
    let ab = join(ta.difference(&tb).copied().collect());
    let ba = join(tb.difference(&ta).copied().collect());
    if !sect.is_empty() && (ab.is_empty() || ba.is_empty()) {
        return 100.0;
    }
    let ratio = |x: &str, y: &str| rapidfuzz::fuzz::ratio(x.chars(), y.chars()) * 100.0;
    if sect.is_empty() {
        return ratio(&ab, &ba);
    }
    let t1 = format!("{sect} {ab}");
    let t2 = format!("{sect} {ba}");
    ratio(&sect, &t1).max(ratio(&sect, &t2)).max(ratio(&t1, &t2))
}

fn main() {
    let tuning_misses = std::env::args().any(|a| a == "--tuning");
    let (companies, products, cases) = load();
    let kinds = cases.iter().fold(BTreeMap::<&str, usize>::new(), |mut m, c| {
        *m.entry(c.kind.as_str()).or_default() += 1;
        m
    });
    let no_supplier = cases.iter().filter(|c| c.correct.is_empty()).count();
    let trades: std::collections::BTreeSet<&str> = products.iter().map(|p| p.category.as_str()).collect();
    println!(
        "held-out set: {} companies, {} products ({} supplier categories), {} needs {kinds:?}, {no_supplier} with no supplier",
        companies.len(),
        products.len(),
        trades.len(),
        cases.len()
    );
    let (tuning, test): (Vec<Case>, Vec<Case>) = cases.into_iter().partition(|c| c.tuning);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("eval.db")).expect("store");
    let index = MatchIndex::build(&companies, &products, synonyms_of(&store.synonym_groups().expect("synonyms")));
    let engine = |need: &Need| index.candidates(need, TOP).iter().map(|c| c.product_id).collect::<Vec<i64>>();
    // The baseline proposes the best-scoring products of other companies, whatever their score.
    let baseline = |need: &Need| {
        let mut scored: Vec<(f64, i64)> = products
            .iter()
            .filter(|p| p.company_id != need.company_id)
            .map(|p| (token_set_ratio(&need.item, &p.name), p.id))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(TOP).map(|(_, id)| id).collect::<Vec<i64>>()
    };
    // `--explain N`: how need N of the tuning half reads against its candidates and near misses.
    let args: Vec<String> = std::env::args().collect();
    if let Some(id) = args.iter().position(|a| a == "--explain").and_then(|at| args.get(at + 1)) {
        let id: i64 = id.parse().expect("a need id");
        let case = tuning.iter().find(|c| c.need.id == id).expect("a need of the tuning half");
        let name = |id: i64| products.iter().find(|p| p.id == id).map_or("?", |p| p.name.as_str());
        println!("{} [{}] wanted {:?}", case.need.item, case.need.spec, case.correct);
        let proposed = index.candidates(&case.need, TOP);
        for c in &proposed {
            println!("  proposed {} {} text {:.3} score {:.3}", c.product_id, name(c.product_id), c.text, c.score);
        }
        for wanted in &case.correct {
            let text = index.pair(&case.need, *wanted).map(|c| c.text);
            println!("  wanted {wanted} {} text {text:?}", name(*wanted));
        }
        for miss in index.near_misses(&case.need, &proposed, 5) {
            println!("  near {} {} text {:.3} {:?}", miss.product_id, name(miss.product_id), miss.text, miss.reasons);
        }
        return;
    }
    if std::env::args().any(|a| a == "--calibrate") {
        // What raising the least relevance a candidate needs would do, on the tuning half only.
        let candidates: Vec<Vec<(f64, i64)>> = tuning
            .iter()
            .map(|c| index.candidates_above(&c.need, TOP, 0.0).iter().map(|c| (c.text, c.product_id)).collect())
            .collect();
        for step in 4..=12 {
            let threshold = f64::from(step) * 0.05;
            let mut tally = Tally::default();
            for (case, got) in tuning.iter().zip(&candidates) {
                let kept: Vec<i64> = got.iter().filter(|(t, _)| *t >= threshold).map(|(_, id)| *id).collect();
                tally.add(case, &kept);
            }
            println!("  text ≥ {threshold:.2}  {}", tally.line());
        }
        return;
    }
    // While tuning, the test half stays unread: `--tuning` prints the tuning half alone.
    let halves: &[(&str, &Vec<Case>, bool)] = if tuning_misses {
        &[("tuning half", &tuning, true)]
    } else {
        &[("tuning half", &tuning, false), ("test half", &test, false)]
    };
    for &(half, cases, show_misses) in halves {
        println!("{half}: {} needs", cases.len());
        report("engine", cases, &engine, show_misses);
        report("rapidfuzz", cases, &baseline, false);
    }
}
