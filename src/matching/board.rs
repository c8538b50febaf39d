//! The park-wide opportunity board: the engine's candidates joined with what the secretary has
//! recorded about each pair, sorted by the saving at stake.

use super::engine::{Candidate, DEFAULT_TOP, MatchIndex, NearMiss};
use super::text::{Synonyms, parse_group};
use crate::domain::opportunity::{Pipeline, Stage};
use crate::domain::{Company, CompanyId, MemberStatus, Need, Product};
use crate::store::{Store, StoreError, SynonymGroup};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

/// A fast hasher for fingerprints compared within one run of the app, never stored.
fn fingerprint_hasher() -> impl Hasher {
    foldhash::fast::FixedState::with_seed(0).build_hasher()
}

/// Everything matching reads, loaded in one go.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Park {
    pub companies: Vec<Company>,
    pub products: Vec<Product>,
    pub needs: Vec<Need>,
    pub synonym_groups: Vec<SynonymGroup>,
    pub pipelines: Vec<Pipeline>,
}

impl Park {
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            companies: store.live_companies()?,
            products: store.all_children()?,
            needs: store.all_children()?,
            synonym_groups: store.synonym_groups()?,
            pipelines: store.pipelines()?,
        })
    }
}

/// A matched pair as the visits and the exhibition offer it: who buys, who sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchedPair {
    pub need_id: i64,
    pub product_id: i64,
    pub buyer: CompanyId,
    pub seller: CompanyId,
}

/// The key of `pairs_between` for two companies, in either order.
pub fn pair_key(a: CompanyId, b: CompanyId) -> (CompanyId, CompanyId) {
    (a.min(b), a.max(b))
}

/// The matched pairs between each two companies, either way round (a company's own products
/// for its own needs left out), keyed by `pair_key`.
pub fn pairs_between<'a>(
    candidates: impl IntoIterator<Item = &'a Candidate>,
) -> HashMap<(CompanyId, CompanyId), Vec<MatchedPair>> {
    let mut pairs: HashMap<(CompanyId, CompanyId), Vec<MatchedPair>> = HashMap::new();
    for c in candidates.into_iter().filter(|c| c.need_company_id != c.supplier_company_id) {
        pairs.entry(pair_key(c.need_company_id, c.supplier_company_id)).or_default().push(MatchedPair {
            need_id: c.need_id,
            product_id: c.product_id,
            buyer: c.need_company_id,
            seller: c.supplier_company_id,
        });
    }
    pairs
}

/// The shipped trade lexicon and the secretary's synonym groups, as matching reads them. Hers
/// override it word by word: a word she puts in a group of her own means only what her groups
/// say (黄油 in a bakery park), while the rest of a shipped group still stands. A group of hers
/// with two or more names of one shipped concept restates it, and keeps what the lexicon says of
/// it (its kind, trade and measure); one shared word alone says nothing of what she means.
pub fn synonyms_of(groups: &[SynonymGroup]) -> Synonyms {
    let hers: Vec<Vec<String>> = groups.iter().map(|g| parse_group(&g.words)).collect();
    let her_words: std::collections::HashSet<&str> = hers.iter().flatten().map(String::as_str).collect();
    let shipped = super::lexicon::shipped();
    let mut words: Vec<Vec<String>> = Vec::new();
    let mut notes = Vec::new();
    for concept in shipped {
        let kept: Vec<String> = concept.names.iter().filter(|w| !her_words.contains(w.as_str())).cloned().collect();
        if kept.len() > 1 {
            words.push(kept);
            notes.push(vec![concept]);
        }
    }
    let first_of_hers = words.len();
    let concept_of: HashMap<&str, usize> =
        shipped.iter().enumerate().flat_map(|(i, c)| c.names.iter().map(move |w| (w.as_str(), i))).collect();
    for group in &hers {
        let mut count: HashMap<usize, usize> = HashMap::new();
        for word in group {
            if let Some(&concept) = concept_of.get(word.as_str()) {
                *count.entry(concept).or_default() += 1;
            }
        }
        let mut restated: Vec<usize> = count.into_iter().filter(|&(_, n)| n > 1).map(|(c, _)| c).collect();
        restated.sort_unstable();
        notes.push(restated.into_iter().map(|c| &shipped[c]).collect());
    }
    words.extend(hers);
    Synonyms::new(&words).with_own_from(first_of_hers).with_notes(&notes)
}

/// What a need and a product said when a suggestion was dismissed: the fields matching reads.
pub fn fingerprint(need: &Need, product: &Product) -> String {
    let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    let region = need.supplier_region.map(|r| r.code()).unwrap_or_default();
    [
        need.item.as_str(),
        &need.category,
        &need.spec,
        &need.unit,
        &number(need.unit_price),
        &number(need.annual_quantity),
        &need.current_supplier,
        region,
        &product.name,
        &product.category,
        &product.spec,
        &product.unit,
        &number(product.unit_price),
    ]
    .join("\u{1f}")
}

/// How much a `Matcher::update` had to recompute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rematch {
    /// Companies, products or synonyms changed: the index was rebuilt and every need matched.
    Full,
    /// Only these many needs were new or changed.
    Needs(usize),
}

/// What matching reads of a company (its name, place, trade and membership), of a product, and
/// the synonym groups, as one number: editing anything else (a phone number) costs no re-match.
/// A fingerprint rather than a copy, so the matcher holds no second park.
fn inputs_fingerprint(park: &Park) -> u64 {
    let mut h = fingerprint_hasher();
    for c in &park.companies {
        (c.id, c.x_m.to_bits(), c.y_m.to_bits(), &c.name, &c.short_name, &c.industry).hash(&mut h);
        (c.status == MemberStatus::Withdrawn).hash(&mut h);
    }
    for p in &park.products {
        (p.id, p.company_id, &p.name, &p.category, &p.spec, &p.unit, p.unit_price.map(f64::to_bits)).hash(&mut h);
    }
    for g in &park.synonym_groups {
        (g.id, &g.words).hash(&mut h);
    }
    h.finish()
}

/// Every field of a need, as one number.
fn need_fingerprint(n: &Need) -> u64 {
    let mut h = fingerprint_hasher();
    (n.id, n.company_id, &n.item, &n.category, &n.spec, &n.current_supplier).hash(&mut h);
    (n.supplier_region.map(|r| r.code()), &n.unit, n.unit_price.map(f64::to_bits)).hash(&mut h);
    n.annual_quantity.map(f64::to_bits).hash(&mut h);
    h.finish()
}

/// Keeps the index and every need's candidates between runs, so an edited need costs one
/// need's matching and an edit elsewhere (a phone number, a pipeline) costs nothing.
#[derive(Default)]
pub struct Matcher {
    index: Option<MatchIndex>,
    /// The fingerprint of what the index was built from (see `inputs_fingerprint`).
    indexed: u64,
    /// The needs last matched, by id, with their fingerprints; their candidates in the same order.
    needs: Vec<(i64, u64)>,
    results: Vec<Vec<Candidate>>,
}

impl Matcher {
    pub fn update(&mut self, park: &Park) -> Rematch {
        // The park's needs by id: as the store lists them, sorted here only if they are not.
        let sorted: std::borrow::Cow<[Need]> = if park.needs.is_sorted_by_key(|n| n.id) {
            std::borrow::Cow::Borrowed(&park.needs)
        } else {
            let mut needs = park.needs.clone();
            needs.sort_by_key(|n| n.id);
            std::borrow::Cow::Owned(needs)
        };
        // Fingerprinting every record is most of an update's cost: needs on one core, the rest
        // on the other.
        let (inputs, fingerprints) = std::thread::scope(|scope| {
            let needs = || sorted.iter().map(|n| (n.id, need_fingerprint(n))).collect::<Vec<_>>();
            let handle = std::thread::Builder::new().name("qilian-diff".into()).spawn_scoped(scope, needs);
            let inputs = inputs_fingerprint(park);
            // A thread the system refused: fingerprint here instead.
            let fingerprints = match handle {
                Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => needs(),
            };
            (inputs, fingerprints)
        });
        let index = match self.index.take() {
            Some(index) if self.indexed == inputs => index,
            _ => {
                let index = MatchIndex::build(&park.companies, &park.products, synonyms_of(&park.synonym_groups));
                self.results = index.match_all(&sorted, DEFAULT_TOP);
                self.needs = fingerprints;
                self.index = Some(index);
                self.indexed = inputs;
                return Rematch::Full;
            }
        };
        // Keep the candidates of every need that is still the same; match the rest.
        let same_ids =
            self.needs.len() == fingerprints.len() && self.needs.iter().zip(&fingerprints).all(|(a, b)| a.0 == b.0);
        let (mut results, changed) = if same_ids {
            // The usual case, an edit: the same needs in the same order.
            let changed = (0..fingerprints.len()).filter(|&i| self.needs[i].1 != fingerprints[i].1).collect();
            (std::mem::take(&mut self.results), changed)
        } else {
            let old: HashMap<i64, usize> = self.needs.iter().enumerate().map(|(i, &(id, _))| (id, i)).collect();
            let mut results = Vec::with_capacity(fingerprints.len());
            let mut changed = Vec::new();
            for (i, &(id, fingerprint)) in fingerprints.iter().enumerate() {
                match old.get(&id) {
                    Some(&j) if self.needs[j].1 == fingerprint => results.push(std::mem::take(&mut self.results[j])),
                    _ => {
                        results.push(Vec::new());
                        changed.push(i);
                    }
                }
            }
            (results, changed)
        };
        let changed: Vec<usize> = changed;
        let to_match: Vec<Need> = changed.iter().map(|&i| sorted[i].clone()).collect();
        for (&i, candidates) in changed.iter().zip(index.match_all(&to_match, DEFAULT_TOP)) {
            results[i] = candidates;
        }
        self.needs = fingerprints;
        self.results = results;
        self.index = Some(index);
        Rematch::Needs(changed.len())
    }

    pub fn candidates(&self, need_id: i64) -> &[Candidate] {
        self.needs.binary_search_by_key(&need_id, |n| n.0).map_or(&[], |i| self.results[i].as_slice())
    }

    fn pair(&self, need: &Need, product_id: i64) -> Option<Candidate> {
        self.index.as_ref()?.pair(need, product_id)
    }

    /// The products nearest a need that were not proposed, and why (see `MatchIndex::near_misses`).
    pub fn near_misses(&self, need: &Need, k: usize) -> Vec<NearMiss> {
        self.index.as_ref().map_or_else(Vec::new, |index| index.near_misses(need, self.candidates(need.id), k))
    }
}

/// One row of the board: a pair, where it stands, and the names to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Opportunity {
    pub candidate: Candidate,
    pub stage: Stage,
    pub pipeline: Option<Pipeline>,
    pub need_company: String,
    pub need_item: String,
    pub supplier_company: String,
    pub product: String,
}

impl Opportunity {
    pub fn realised_saving(&self) -> Option<f64> {
        self.pipeline.as_ref()?.realised_saving()
    }
}

/// A need no member can supply: the board says 园区内暂无供应 rather than show a look-alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsupplied {
    pub need_id: i64,
    pub need_company_id: CompanyId,
    pub need_company: String,
    pub need_item: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Board {
    /// By estimated annual saving, largest first; pairs without a comparable price last.
    pub rows: Vec<Opportunity>,
    /// The needs with no candidate and no pair followed, in the order of the needs.
    pub unsupplied: Vec<Unsupplied>,
    /// The best open saving of each need, added up.
    pub potential_saving: f64,
    pub realised_saving: f64,
    pub contracted: usize,
}

/// The board: every pair the secretary follows, and for each need nobody is working on yet, its
/// best candidate that was not dismissed or declined.
pub fn board(park: &Park, matcher: &Matcher) -> Board {
    let company_name: HashMap<CompanyId, &str> = park.companies.iter().map(|c| (c.id, display_name(c))).collect();
    let products: HashMap<i64, &Product> = park.products.iter().map(|p| (p.id, p)).collect();
    let withdrawn: std::collections::HashSet<CompanyId> =
        park.companies.iter().filter(|c| c.status == MemberStatus::Withdrawn).map(|c| c.id).collect();
    let mut tracked: HashMap<i64, Vec<&Pipeline>> = HashMap::new();
    for p in park.pipelines.iter().filter(|p| p.stage != Stage::Suggested) {
        tracked.entry(p.need_id).or_default().push(p);
    }
    let row = |need: &Need, candidate: Candidate, pipeline: Option<&Pipeline>, stage: Stage| {
        let product = products.get(&candidate.product_id)?;
        Some(Opportunity {
            need_company: company_name.get(&need.company_id)?.to_string(),
            need_item: need.item.clone(),
            supplier_company: company_name.get(&candidate.supplier_company_id)?.to_string(),
            product: product.name.clone(),
            candidate,
            stage,
            pipeline: pipeline.cloned(),
        })
    };

    let mut rows = Vec::new();
    let mut unsupplied = Vec::new();
    for need in &park.needs {
        let followed = tracked.get(&need.id).map_or(&[][..], Vec::as_slice);
        // A dismissal holds only while neither side has changed.
        let still_dismissed = |p: &&&Pipeline| {
            p.stage != Stage::Dismissed
                || products
                    .get(&p.product_id)
                    .is_some_and(|product| fingerprint(need, product) == p.dismissed_fingerprint)
        };
        let followed: Vec<&Pipeline> = followed.iter().filter(still_dismissed).copied().collect();
        // A member that has left the federation is matched for nobody: its needs are not 园区内暂无供应.
        if followed.is_empty()
            && matcher.candidates(need.id).is_empty()
            && !withdrawn.contains(&need.company_id)
            && let Some(buyer) = company_name.get(&need.company_id)
        {
            unsupplied.push(Unsupplied {
                need_id: need.id,
                need_company_id: need.company_id,
                need_company: buyer.to_string(),
                need_item: need.item.clone(),
            });
            continue;
        }
        for p in &followed {
            if let Some(candidate) = matcher.pair(need, p.product_id)
                && let Some(r) = row(need, candidate, Some(p), p.stage)
            {
                rows.push(r);
            }
        }
        let busy = followed.iter().any(|p| matches!(p.stage, Stage::Introduced | Stage::Trial | Stage::Contracted));
        if busy {
            continue;
        }
        let best = matcher.candidates(need.id).iter().find(|c| !followed.iter().any(|p| p.product_id == c.product_id));
        if let Some(r) = best.and_then(|c| row(need, c.clone(), None, Stage::Suggested)) {
            rows.push(r);
        }
    }
    rows.sort_by(|a, b| {
        let saving = |o: &Opportunity| o.candidate.annual_saving().unwrap_or(f64::NEG_INFINITY);
        saving(b)
            .total_cmp(&saving(a))
            .then(b.candidate.score.total_cmp(&a.candidate.score))
            .then(a.candidate.need_id.cmp(&b.candidate.need_id))
            .then(a.candidate.product_id.cmp(&b.candidate.product_id))
    });

    let mut best_open: HashMap<i64, f64> = HashMap::new();
    for r in rows.iter().filter(|r| r.stage.is_open()) {
        let saving = r.candidate.annual_saving().unwrap_or(0.0);
        let entry = best_open.entry(r.candidate.need_id).or_insert(0.0);
        *entry = entry.max(saving);
    }
    let contracted: Vec<&Opportunity> = rows.iter().filter(|r| r.stage == Stage::Contracted).collect();
    Board {
        potential_saving: best_open.values().sum(),
        realised_saving: contracted.iter().filter_map(|r| r.realised_saving()).sum(),
        contracted: contracted.len(),
        rows,
        unsupplied,
    }
}

/// The names of the board's columns, shared by the screen and the spreadsheet.
pub mod heading {
    use crate::i18n::Phrase;
    pub const BUYER: Phrase = Phrase::new("需求企业", "Buyer");
    pub const ITEM: Phrase = Phrase::new("采购品名", "Item");
    pub const SUPPLIER: Phrase = Phrase::new("供应企业", "Supplier");
    pub const PRODUCT: Phrase = Phrase::new("产品", "Product");
    pub const SCORE: Phrase = Phrase::new("得分", "Score");
    pub const STAGE: Phrase = crate::i18n::glossary::STATUS;
}

/// The short name when there is one: what the secretary calls the company.
pub fn display_name(company: &Company) -> &str {
    if company.short_name.is_empty() { &company.name } else { &company.short_name }
}
