//! Matching quality on the labelled evaluation set in tests/data/matching-eval.tsv, with the
//! synonym table a new federation starts with. Prints the numbers (cargo test -- --nocapture)
//! and guards them; docs/PERFORMANCE.md records them.

use qilian::domain::{Company, Need, Product};
use qilian::matching::board::synonyms_of;
use qilian::matching::engine::{DEFAULT_TOP, MatchIndex};
use qilian::matching::text::Synonyms;
use qilian::store::Store;

struct Case {
    need: Need,
    correct: Vec<i64>,
    kind: String,
}

fn load() -> (Vec<Company>, Vec<Product>, Vec<Case>) {
    let text = include_str!("data/matching-eval.tsv");
    let mut companies = vec![Company { id: 1000, name: "买方".into(), ..Company::default() }];
    let mut products = Vec::new();
    let mut cases = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "P" => {
                let id: i64 = f[1].parse().unwrap();
                companies.push(Company { id, name: format!("供方{id}"), ..Company::default() });
                products.push(Product {
                    id,
                    company_id: id,
                    name: f[2].into(),
                    category: f[3].into(),
                    spec: f[4].into(),
                    ..Product::default()
                });
            }
            "N" => cases.push(Case {
                need: Need {
                    id: cases.len() as i64 + 1,
                    company_id: 1000,
                    item: f[1].into(),
                    category: f[2].into(),
                    spec: f[3].into(),
                    ..Need::default()
                },
                correct: f[4].split(',').filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect(),
                kind: f[5].into(),
            }),
            other => panic!("unknown line kind {other}"),
        }
    }
    (companies, products, cases)
}

struct Scores {
    recall: f64,
    precision: f64,
    negative_rate: f64,
    misses: Vec<String>,
}

fn evaluate(synonyms: Synonyms) -> Scores {
    let (companies, products, cases) = load();
    let index = MatchIndex::build(&companies, &products, synonyms);

    let (mut found, mut wanted, mut first_right, mut positives, mut quiet_negatives, mut negatives) =
        (0, 0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for case in &cases {
        let got: Vec<i64> = index.candidates(&case.need, DEFAULT_TOP).iter().map(|c| c.product_id).collect();
        if case.correct.is_empty() {
            negatives += 1;
            if got.is_empty() {
                quiet_negatives += 1;
            } else {
                misses.push(format!("{} ({}): expected nothing, got {got:?}", case.need.item, case.kind));
            }
            continue;
        }
        positives += 1;
        wanted += case.correct.len();
        found += case.correct.iter().filter(|id| got.contains(id)).count();
        if got.first().is_some_and(|id| case.correct.contains(id)) {
            first_right += 1;
        } else {
            misses.push(format!("{} ({}): expected {:?}, got {got:?}", case.need.item, case.kind, case.correct));
        }
    }
    println!("evaluation set: {positives} needs with suppliers, {negatives} without");
    Scores {
        recall: found as f64 / wanted as f64,
        precision: first_right as f64 / positives as f64,
        negative_rate: quiet_negatives as f64 / negatives as f64,
        misses,
    }
}

fn report(label: &str, s: &Scores) {
    println!(
        "{label}: recall@5 {:.3}, precision@1 {:.3}, needs without a supplier left empty {:.3}",
        s.recall, s.precision, s.negative_rate
    );
    for miss in &s.misses {
        println!("  miss: {miss}");
    }
}

#[test]
fn recall_at_5_and_precision_at_1_stay_high_on_the_evaluation_set() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("eval.db")).unwrap();
    let shipped = evaluate(synonyms_of(&store.synonym_groups().unwrap()));
    report("with the shipped synonym table", &shipped);
    // What characters alone achieve: the part that does not depend on the table.
    report("with no synonyms", &evaluate(Synonyms::default()));
    assert!(shipped.recall >= 0.9, "recall@5 {:.3}; {:#?}", shipped.recall, shipped.misses);
    assert!(shipped.precision >= 0.9, "precision@1 {:.3}; {:#?}", shipped.precision, shipped.misses);
    assert!(shipped.negative_rate >= 0.9, "{:#?}", shipped.misses);
}
