//! Ranks, for each need, the products of other members that can fill it. Pure: companies,
//! products, needs and synonyms in; candidates with their score and its parts out.
//!
//! Products with the same name, category and spec share one text vector (a park has thousands of
//! products but a few hundred distinct items), found through an inverted index. Within such a
//! group the members are sorted by price (per base unit of their unit's family, so ¥15,000 per 吨
//! sorts as ¥15 per 公斤), so once the best a member could still score falls below the last of
//! the top candidates, the rest of the group is skipped.

use super::lexicon::{self, LookAlikes, Marks, MeasureKind, Modifiers};
use super::text::{Head, Synonyms, Token, concept_ids, is_cjk, normalize, read_name, tokens, trade_words};
use crate::domain::units::{self, Family, Unit};
use crate::domain::{Company, CompanyId, MemberStatus, Need, Product, SupplierRegion, distance_between};
use crate::i18n::{Lang, Phrase, format};
use crate::tr;
use std::collections::HashMap;

/// The parts of a score and their weights; they add up to 1.
const W_TEXT: f64 = 0.5;
const W_CATEGORY: f64 = 0.1;
const W_DISTANCE: f64 = 0.15;
const W_PRICE: f64 = 0.15;
const W_FAR: f64 = 0.1;

/// Below this text relevance a product is not a candidate at all, however close or cheap: the
/// board says 园区内暂无供应 rather than show a look-alike. Calibrated on the tuning half of the
/// held-out set (`cargo bench --bench matching_quality -- --calibrate`) where a wrong first pick
/// and a proposal for a need nobody supplies, counted alike, are fewest.
pub const MIN_TEXT: f64 = 0.4;

/// How many candidates are kept for each need.
pub const DEFAULT_TOP: usize = 5;

/// How much an item's name and its spec count in its text. Category is not text here: it is its
/// own part of the score, so sharing a broad category (模具标准件) does not make 顶针 read like 导柱.
const NAME_WEIGHT: f64 = 1.0;
const SPEC_WEIGHT: f64 = 0.5;

/// A Chinese item name ends in what the thing is (塑料桶 is a 桶, 不锈钢管 a 管): when one name
/// lacks the other's head, the two share only modifiers (气缸垫 and 气缸, 钢丝 and 钢丝球), so
/// their relevance is scaled by this, once for each side whose head the other lacks. (A harsher
/// factor for the need's head was tried: it lost more right first picks than false proposals.)
const HEAD_MISMATCH: f64 = 0.5;
/// The head character's weight, between a single character's (0.25) and a bigram's (1).
const HEAD_WEIGHT: f64 = 0.6;

/// A model, grade or size code both name (6204ZZ, 316L, M12, 68号) takes this share of what the
/// text still lacks: the same code says the same item more surely than the words around it.
const SPEC_AGREEMENT: f64 = 0.5;

/// A need and a product naming two modifiers that exclude each other (户内 and 户外, 全合成 and
/// 半合成, 不锈钢 and 弹簧钢) ask for different things: their relevance is scaled by this.
const MODIFIER_CLASH: f64 = 0.5;

/// A need counted in pieces answered by a product measured in bulk, or the reverse (液氮罐 个
/// against 液氮 吨), is likely another thing: its relevance is scaled by this.
const UNIT_CLASH: f64 = 0.6;

/// Proximity falls to 1/e at this distance: across the park, still worth a visit.
const DISTANCE_SCALE_M: f64 = 1500.0;

/// How far the current supplier is, as a bonus for bringing the purchase into the park.
fn far_bonus(region: Option<SupplierRegion>) -> f64 {
    match region {
        None | Some(SupplierRegion::Park) => 0.0,
        Some(SupplierRegion::City) => 0.2,
        Some(SupplierRegion::Province) => 0.4,
        Some(SupplierRegion::Domestic) => 0.6,
        Some(SupplierRegion::HongKongMacaoTaiwan) => 0.9,
        Some(SupplierRegion::Abroad) => 1.0,
    }
}

/// A company not placed on the map counts as this far: neither near nor far.
const UNKNOWN_DISTANCE_M: f64 = 1000.0;

fn proximity(distance_m: Option<f64>) -> f64 {
    (-distance_m.unwrap_or(UNKNOWN_DISTANCE_M) / DISTANCE_SCALE_M).exp()
}

/// The share of the current price a member's offer saves, 0 when it saves nothing.
fn saving_share(current: f64, offered: f64) -> f64 {
    if current > 0.0 { ((current - offered) / current).clamp(0.0, 1.0) } else { 0.0 }
}

/// One product that could fill one need, with every part of its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub need_id: i64,
    pub need_company_id: CompanyId,
    pub product_id: i64,
    pub supplier_company_id: CompanyId,
    /// Text relevance of the product to the need, 0–1.
    pub text: f64,
    pub same_category: bool,
    /// The buyer's trade (industry, the need's heading) shares a word with the product's category
    /// or the supplier's industry.
    pub same_trade: bool,
    /// `None` when either company has not been placed on the park map.
    pub distance_m: Option<f64>,
    pub current_unit_price: Option<f64>,
    /// The member's price per the need's unit when the prices compare (converted from its own
    /// unit, see `conversion`), else as the member quotes it.
    pub offered_unit_price: Option<f64>,
    /// Whether the prices compare: the same unit, or two units of one family (公斤 and 吨, 个 and
    /// 件), never 套 with 个 or 箱 with 盒.
    pub same_unit: bool,
    /// The member's own price and unit, when it was converted into the need's unit.
    pub conversion: Option<PriceConversion>,
    pub annual_quantity: Option<f64>,
    pub supplier_region: Option<SupplierRegion>,
    pub score: f64,
}

/// A product near a need that was not proposed for it, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    pub product_id: i64,
    pub supplier_company_id: CompanyId,
    /// Its relevance after heads, codes and units were weighed (0 for a look-alike).
    pub text: f64,
    pub reasons: Vec<MissReason>,
}

/// Why a product near a need was not proposed.
#[derive(Debug, Clone, PartialEq)]
pub enum MissReason {
    /// One names a kind of thing the other does not (钢丝 and 钢丝球).
    HeadsDiffer,
    /// The shipped look-alikes say a buyer of this (the word named) would not take that.
    LookAlike(String),
    /// The need names one modifier and the product another that excludes it (户内, 户外).
    ModifiersDiffer(String, String),
    /// One is counted in pieces, the other measured in bulk, or one is a service and the other
    /// goods (see `side_measure`).
    UnitClash,
    /// Its relevance, below the least a candidate needs.
    Weak(f64),
    CurrentSupplier,
    Withdrawn,
}

impl MissReason {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Self::HeadsDiffer => lang.pick("名称中心词不同", "names a different kind of thing").into(),
            Self::LookAlike(word) => tr!(lang, "易混品，并非“{word}”", "a look-alike, not “{word}”"),
            Self::ModifiersDiffer(wanted, offered) => {
                tr!(
                    lang,
                    "规格不符（要{wanted}，此为{offered}）",
                    "a different kind ({wanted} wanted, {offered} offered)"
                )
            }
            Self::UnitClash => {
                lang.pick("计量方式不同（按件、按量或服务）", "measured differently (pieces, bulk or a service)").into()
            }
            Self::Weak(text) => tr!(lang, "名称相近度仅 {}", "name match only {}", format::score(*text)),
            Self::CurrentSupplier => lang.pick("已是现供应商", "already the current supplier").into(),
            Self::Withdrawn => lang.pick("该成员已退会", "the member has withdrawn").into(),
        }
    }
}

/// A member's price as quoted, before it was converted into the unit of the need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriceConversion {
    pub quoted: f64,
    pub from: Phrase,
    pub to: Phrase,
}

impl Candidate {
    /// The current and the offered price per the need's unit, when both are known and compare.
    pub fn comparable_prices(&self) -> Option<(f64, f64)> {
        match (self.current_unit_price, self.offered_unit_price) {
            (Some(current), Some(offered)) if self.same_unit => Some((current, offered)),
            _ => None,
        }
    }

    /// (current − offered) × annual quantity, when that is a saving.
    pub fn annual_saving(&self) -> Option<f64> {
        let (current, offered) = self.comparable_prices()?;
        let saving = (current - offered) * self.annual_quantity?;
        (saving > 0.0).then_some(saving)
    }

    /// The score in words, e.g. 名称相近 0.82 · 距离 480 m · 单价 ¥12 对 ¥120 · 预计年节约 ¥648,000.
    pub fn reasons(&self, lang: Lang) -> String {
        let mut parts = vec![tr!(lang, "名称相近 {}", "name match {}", format::score(self.text))];
        if self.same_category {
            parts.push(lang.pick("类别一致", "same category").to_string());
        } else if self.same_trade {
            parts.push(lang.pick("行业相近", "same trade").to_string());
        }
        parts.push(match self.distance_m {
            Some(d) => tr!(lang, "距离 {}", "distance {}", format::distance(d)),
            None => lang.pick("距离未知（未标位置）", "distance unknown (not on the map)").to_string(),
        });
        match (self.current_unit_price, self.offered_unit_price) {
            (Some(current), Some(offered)) if self.same_unit => {
                let (offered, current) = (format::money(offered), format::money(current));
                parts.push(match self.conversion {
                    Some(c) => {
                        let (quoted, from, to) = (format::money(c.quoted), c.from.get(lang), c.to.get(lang));
                        tr!(
                            lang,
                            "单价 {offered}/{to} 对 {current}/{to}（按每{from} {quoted} 换算）",
                            "unit price {offered}/{to} vs {current}/{to} (converted from {quoted} per {from})"
                        )
                    }
                    None => tr!(lang, "单价 {offered} 对 {current}", "unit price {offered} vs {current}"),
                })
            }
            (Some(_), Some(_)) => {
                parts.push(lang.pick("单位不同，未比价", "different units, price not compared").into())
            }
            _ => parts.push(lang.pick("缺少价格，未比价", "price missing, not compared").into()),
        }
        if let Some(saving) = self.annual_saving() {
            parts.push(tr!(lang, "预计年节约 {}", "est. annual saving {}", format::money(saving)));
        }
        if let Some(region) = self.supplier_region.filter(|r| far_bonus(Some(*r)) >= 0.6) {
            parts.push(tr!(lang, "现供应商在{}", "current supplier: {}", region.label(lang)));
        }
        parts.join(" · ")
    }
}

struct CompanySlot {
    id: CompanyId,
    position: Option<(f64, f64)>,
    withdrawn: bool,
    /// The Chinese bigrams of its industry, sorted: what a buyer's trade shares with a supplier's.
    trade: Vec<(char, char)>,
}

/// The trade a product category says its supplier is in: its own words, and where the lexicon
/// says the items it names are typically sold (a category 螺丝 is the fastener trade, 紧固件).
fn category_trade(category: &str, category_concepts: &[u32], synonyms: &Synonyms) -> Vec<(char, char)> {
    let mut trade = trade_words(category);
    for concept in category_concepts {
        trade.extend_from_slice(synonyms.trade_of(*concept));
    }
    trade.sort_unstable();
    trade.dedup();
    trade
}

fn share_any(a: &[(char, char)], b: &[(char, char)]) -> bool {
    a.iter().any(|x| b.binary_search(x).is_ok())
}

/// One product in a group, with what ranking reads copied in so the inner loop stays in cache.
struct Member {
    position: Option<(f64, f64)>,
    price: Option<f64>,
    /// The price per base unit of the unit's family (per kg for a price per 吨), which is what
    /// members are sorted by: any need's unit of that family orders them the same way.
    base_price: Option<f64>,
    product_id: i64,
    company: u32,
    /// Prices compare when this is the need's: a family of units, or one unknown unit's spelling.
    unit: u32,
    known_unit: Option<&'static Unit>,
    withdrawn: bool,
}

/// What decides whether two prices compare: the family of a known unit, else the spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum UnitClass {
    Family(Family),
    Spelling(String),
}

fn unit_class(unit: &str) -> (UnitClass, Option<&'static Unit>) {
    match units::unit(unit) {
        Some(known) => (UnitClass::Family(known.family), Some(known)),
        None => (UnitClass::Spelling(normalize(unit)), None),
    }
}

/// How a unit measures: in pieces or in bulk. Packages (桶, 盒, 卷) hold either, so say neither.
fn measured_by(unit: Option<&Unit>) -> Option<MeasureKind> {
    match unit?.family {
        Family::Count | Family::Pair | Family::Set => Some(MeasureKind::Pieces),
        Family::Mass | Family::Length | Family::Area | Family::Volume => Some(MeasureKind::Bulk),
        Family::Pack(_) => None,
    }
}

/// How one side is measured: by its unit when that says, else by what the lexicon says of the
/// item its name ends in (焊丝 by weight, 焊机 by the piece, 危废处置 a service), so a unit left
/// blank or a package still counts.
fn side_measure(unit: Option<&Unit>, item: Option<MeasureKind>) -> Option<MeasureKind> {
    measured_by(unit).or(item)
}

/// What the measures of a need and a product say of their being one thing: `UNIT_CLASH` when
/// one is counted in pieces and the other measured in bulk, or one is a service and the other
/// goods; else 1.
fn unit_agreement(need: Option<MeasureKind>, product: Option<MeasureKind>) -> f64 {
    match (need, product) {
        (Some(a), Some(b)) if a != b => UNIT_CLASH,
        _ => 1.0,
    }
}

/// How the lexicon says the item a name ends in is measured: the first concept at its heads
/// that says.
fn item_measure(heads: &[Head], synonyms: &Synonyms) -> Option<MeasureKind> {
    heads.iter().flat_map(|h| &h.concepts).find_map(|c| synonyms.measure_of(*c))
}

/// The codes a text names: runs of letters and digits that are a model, grade or thread (6204zz,
/// 316l, m12, q235, 2rs), not a bare dimension (20, 1.0mm, 18l); and a number before 号 or #
/// (68号 oil, 3号 grease). Sorted.
fn spec_codes(text: &str) -> Vec<String> {
    const SIZE_UNITS: [&str; 14] = ["mm", "cm", "m", "kg", "g", "l", "ml", "t", "kw", "w", "mpa", "pcs", "um", "μm"];
    let chars: Vec<char> = normalize(text).chars().collect();
    let mut codes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_alphanumeric() {
            i += 1;
        }
        // A decimal's parts are a measurement (99.999%, 1.5), not a code.
        let decimal = (start > 0 && chars[start - 1] == '.') || (chars.get(i) == Some(&'.'));
        let run: String = chars[start..i].iter().collect();
        if decimal {
            continue;
        }
        let digits = run.chars().filter(char::is_ascii_digit).count();
        if digits == 0 {
            continue;
        }
        let suffix = run.trim_start_matches(|c: char| c.is_ascii_digit());
        let graded = matches!(chars.get(i), Some('号' | '#'));
        let is_code = if graded {
            true
        } else if run.chars().all(|c| c.is_ascii_digit()) {
            digits >= 3
        } else {
            digits >= 3 || !(run.starts_with(|c: char| c.is_ascii_digit()) && SIZE_UNITS.contains(&suffix))
        };
        if is_code {
            codes.push(if graded { format!("{run}号") } else { run });
        }
    }
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Products that read the same: one text vector for all of them.
struct ProductGroup {
    norm: f64,
    /// What the product is and what its name names: a need that never names the product's head
    /// asks for something else (钢丝 is not a 钢丝球).
    shape: NameShape,
    /// The codes its name and spec name (see `spec_codes`).
    codes: Vec<String>,
    /// Where its name stands on the shipped look-alikes.
    look: Marks,
    /// The exclusive modifiers its name and spec name.
    modifiers: Modifiers,
    /// How the lexicon says the item its name ends in is measured; a member's unit overrides it.
    measure: Option<MeasureKind>,
    category: String,
    category_concepts: Vec<u32>,
    /// The bigrams of its category and of where the lexicon says the items its category names
    /// are sold (see `category_trade`).
    category_trade: Vec<(char, char)>,
    /// Cheapest first; unknown prices last.
    members: Vec<Member>,
    /// For a large group, its members by place (see `Grid`).
    grid: Option<Grid>,
}

/// Everything needed to match needs against the park's products.
pub struct MatchIndex {
    synonyms: Synonyms,
    vocabulary: HashMap<Token, u32>,
    idf: Vec<f64>,
    /// For each token, the groups that have it and its weight there.
    postings: Vec<Vec<(u32, f64)>>,
    groups: Vec<ProductGroup>,
    companies: Vec<CompanySlot>,
    company_slot: HashMap<CompanyId, u32>,
    /// Where each product sits: its group and its place among the group's members.
    product_slot: HashMap<i64, (u32, u32)>,
    /// Units by their class and company names (full and short) by their normalized text, so the
    /// inner loop compares numbers.
    units: HashMap<UnitClass, u32>,
    company_by_name: HashMap<String, u32>,
}

/// What ranking one need needs to know, worked out once.
struct NeedContext<'n> {
    need: &'n Need,
    buyer: u32,
    /// The member that supplies this today, if the current supplier is one.
    current_supplier: Option<u32>,
    /// `u32::MAX` when no product uses the need's unit (or its family).
    unit: u32,
    known_unit: Option<&'static Unit>,
    /// Pieces, bulk or a service (see `side_measure`).
    measure: Option<MeasureKind>,
    /// Base units per need unit: a member's base price times this is its price per need unit.
    factor: f64,
    far: f64,
    /// The bigrams of the buyer's industry and of the need's heading: its trade, which settles
    /// what an ambiguous word means (黄油 in a bakery, 香蕉插头 in an electronics plant).
    trade: Vec<(char, char)>,
}

/// What a need's item says beyond its words (see `MatchIndex::item_reading`).
struct ItemReading {
    measure: Option<MeasureKind>,
    trade: Vec<(char, char)>,
}

/// The top candidates of one need as they are found.
struct Ranking<'n> {
    context: NeedContext<'n>,
    best: Vec<Candidate>,
    top: usize,
    min_text: f64,
}

impl Ranking<'_> {
    /// The score a member must beat to enter the top.
    fn floor(&self) -> f64 {
        if self.best.len() >= self.top { self.best[self.top - 1].score } else { f64::NEG_INFINITY }
    }
}

/// The placed members of a large group by square of the map, so ranking visits the near and
/// cheap first and stops once no square can reach the top: without it a group of hundreds of
/// suppliers at one price is read whole for every need, and the cost grows with the square of
/// the park.
type Grid = Vec<GridCell>;

/// Groups with more members than this get a grid.
const GRID_MIN_MEMBERS: usize = 32;
const GRID_CELL_M: f64 = 400.0;

struct GridCell {
    /// The south-west corner; `None` for the members not on the map.
    corner: Option<(f64, f64)>,
    /// Indices into the group's members, cheapest first.
    members: Vec<u32>,
}

impl GridCell {
    /// The distance from a point to the nearest point of the cell; `None` (unknown) for the cell
    /// of members not on the map.
    fn distance_from(&self, (x, y): (f64, f64)) -> Option<f64> {
        let (x0, y0) = self.corner?;
        let dx = (x0 - x).max(x - (x0 + GRID_CELL_M)).max(0.0);
        let dy = (y0 - y).max(y - (y0 + GRID_CELL_M)).max(0.0);
        Some(dx.hypot(dy))
    }
}

/// A grid over a group's members, which are sorted cheapest first (so each cell's are too).
fn grid_of(members: &[Member]) -> Option<Grid> {
    if members.len() <= GRID_MIN_MEMBERS {
        return None;
    }
    let mut cells: HashMap<Option<(i64, i64)>, Vec<u32>> = HashMap::new();
    for (i, member) in members.iter().enumerate() {
        let key = member.position.map(|(x, y)| ((x / GRID_CELL_M).floor() as i64, (y / GRID_CELL_M).floor() as i64));
        cells.entry(key).or_default().push(i as u32);
    }
    let mut grid: Grid = cells
        .into_iter()
        .map(|(key, members)| GridCell {
            corner: key.map(|(cx, cy)| (cx as f64 * GRID_CELL_M, cy as f64 * GRID_CELL_M)),
            members,
        })
        .collect();
    // A fixed order, so ties between cells break the same way on every run.
    grid.sort_by(|a, b| a.members[0].cmp(&b.members[0]));
    Some(grid)
}

/// One product group read against one need, before any threshold.
#[derive(Debug, Clone, Copy)]
struct Assessment {
    group: u32,
    /// How alike their words are, before codes, heads and look-alikes are weighed.
    similarity: f64,
    text: f64,
    heads_differ: bool,
    /// The look-alike line they stand on opposite sides of: never a candidate.
    look_alike: Option<u32>,
    /// The two exclusive modifiers they differ in, the need's first.
    modifiers_differ: Option<(&'static str, &'static str)>,
    same_category: bool,
}

/// Text relevance of one product group to one need text.
#[derive(Debug, Clone, Copy)]
struct TextMatch {
    group: u32,
    text: f64,
    same_category: bool,
    /// The buyer's trade shares a word with the product's category or the supplier's industry;
    /// set per member.
    same_trade: bool,
}

/// A name's heads and what it names, for the check that two items are the same kind of thing.
#[derive(Debug, Clone, Default)]
struct NameShape {
    heads: Vec<Head>,
    /// Sorted.
    chars: Vec<char>,
    concepts: Vec<u32>,
    /// See `Name::words`.
    words: Vec<u32>,
}

impl NameShape {
    fn of(name: &str, name_tokens: &[Token], heads: Vec<Head>, words: Vec<u32>) -> Self {
        let mut chars: Vec<char> = normalize(name).chars().collect();
        chars.sort_unstable();
        chars.dedup();
        Self { heads, chars, concepts: concept_ids(name_tokens), words }
    }

    /// Whether the two names use synonym words of one concept: the lexicon or her table says
    /// they name the same item.
    fn same_item_as(&self, other: &NameShape) -> bool {
        self.words.iter().any(|c| other.words.contains(c))
    }

    /// Whether the two names share a Chinese character or a concept.
    fn shares_with(&self, other: &NameShape) -> bool {
        self.chars.iter().filter(|c| is_cjk(**c)).any(|c| other.chars.binary_search(c).is_ok())
            || self.concepts.iter().any(|c| other.concepts.contains(c))
    }

    /// Whether this name's heads are all named by the other name.
    fn heads_named_by(&self, other: &NameShape) -> bool {
        self.heads.iter().all(|h| h.named_by(&other.chars, &other.concepts))
    }
}

/// A text's weighted tokens and the shape of its name.
type TextVector = (Vec<(Token, f64)>, NameShape);

/// The weighted tokens of a name and its spec, and the name's shape. The head character, when no
/// synonym word took it, weighs more than other single characters.
fn text_vector(name: &str, spec: &str, synonyms: &Synonyms) -> TextVector {
    let name_read = read_name(name, synonyms);
    let name_tokens = name_read.tokens;
    let shape = NameShape::of(name, &name_tokens, name_read.heads, name_read.words);
    let mut out: Vec<(Token, f64)> = Vec::new();
    let weighted_name = name_tokens.into_iter().map(|t| {
        let is_head = shape.heads.iter().any(|h| t == Token::Unigram(h.ch));
        let kind = if is_head { HEAD_WEIGHT } else { t.kind_weight() };
        (t, kind * NAME_WEIGHT)
    });
    let weighted_spec = tokens(spec, synonyms).into_iter().map(|t| {
        let w = t.kind_weight() * SPEC_WEIGHT;
        (t, w)
    });
    for (token, weight) in weighted_name.chain(weighted_spec) {
        match out.iter_mut().find(|(t, _)| *t == token) {
            Some((_, w)) => *w += weight,
            None => out.push((token, weight)),
        }
    }
    (out, shape)
}

fn concepts(text: &str, synonyms: &Synonyms) -> Vec<u32> {
    concept_ids(&tokens(text, synonyms))
}

impl MatchIndex {
    /// Indexes the products of the given companies; products of companies not given are ignored.
    pub fn build(companies: &[Company], products: &[Product], synonyms: Synonyms) -> Self {
        let company_slot: HashMap<CompanyId, u32> =
            companies.iter().enumerate().map(|(i, c)| (c.id, i as u32)).collect();
        let slots: Vec<CompanySlot> = companies
            .iter()
            .map(|c| CompanySlot {
                id: c.id,
                position: c.position(),
                withdrawn: c.status == MemberStatus::Withdrawn,
                trade: trade_words(&c.industry),
            })
            .collect();
        let mut company_by_name = HashMap::new();
        for (i, c) in companies.iter().enumerate() {
            for name in [&c.name, &c.short_name] {
                let name = normalize(name);
                if !name.is_empty() {
                    company_by_name.entry(name).or_insert(i as u32);
                }
            }
        }
        let mut units: HashMap<UnitClass, u32> = HashMap::new();

        // Group products that read the same.
        let mut group_of: HashMap<(String, String, String), u32> = HashMap::new();
        let mut group_texts: Vec<(String, String, String)> = Vec::new();
        let mut members: Vec<Vec<Member>> = Vec::new();
        for product in products {
            let Some(&company) = company_slot.get(&product.company_id) else { continue };
            let key = (normalize(&product.name), normalize(&product.category), normalize(&product.spec));
            let group = *group_of.entry(key.clone()).or_insert_with(|| {
                group_texts.push(key);
                members.push(Vec::new());
                (members.len() - 1) as u32
            });
            let next_unit = units.len() as u32;
            let slot = &slots[company as usize];
            let (class, known_unit) = unit_class(&product.unit);
            let factor = known_unit.map_or(1.0, |u| u.factor);
            members[group as usize].push(Member {
                position: slot.position,
                price: product.unit_price,
                base_price: product.unit_price.map(|p| p / factor),
                product_id: product.id,
                company,
                unit: *units.entry(class).or_insert(next_unit),
                known_unit,
                withdrawn: slot.withdrawn,
            });
        }

        // Token weights: kind × field × rarity among the groups.
        let vectors: Vec<TextVector> =
            group_texts.iter().map(|(name, _category, spec)| text_vector(name, spec, &synonyms)).collect();
        let (raw, mut shapes): (Vec<_>, Vec<NameShape>) = vectors.into_iter().unzip();
        let mut vocabulary: HashMap<Token, u32> = HashMap::new();
        let mut document_frequency: Vec<u32> = Vec::new();
        for group_tokens in &raw {
            for (token, _) in group_tokens {
                let id = *vocabulary.entry(token.clone()).or_insert_with(|| {
                    document_frequency.push(0);
                    (document_frequency.len() - 1) as u32
                });
                document_frequency[id as usize] += 1;
            }
        }
        let group_count = raw.len() as f64;
        let idf: Vec<f64> = document_frequency.iter().map(|df| (1.0 + group_count / f64::from(*df)).ln()).collect();
        let mut postings: Vec<Vec<(u32, f64)>> = vec![Vec::new(); idf.len()];
        let mut groups = Vec::with_capacity(raw.len());
        for (g, (group_tokens, mut group_members)) in raw.into_iter().zip(members).enumerate() {
            let mut norm = 0.0;
            for (token, weight) in group_tokens {
                let id = vocabulary[&token];
                let w = weight * idf[id as usize];
                norm += w * w;
                postings[id as usize].push((g as u32, w));
            }
            group_members.sort_by(|a, b| match (a.base_price, b.base_price) {
                (Some(x), Some(y)) => x.total_cmp(&y).then(a.product_id.cmp(&b.product_id)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.product_id.cmp(&b.product_id),
            });
            let category = group_texts[g].1.clone();
            let measure = item_measure(&shapes[g].heads, &synonyms);
            let category_concepts = concepts(&category, &synonyms);
            let name_and_spec = format!("{} {}", group_texts[g].0, group_texts[g].2);
            groups.push(ProductGroup {
                norm: norm.sqrt(),
                shape: std::mem::take(&mut shapes[g]),
                codes: spec_codes(&name_and_spec),
                look: lexicon::look_alikes().marks(&group_texts[g].0),
                modifiers: lexicon::exclusive_modifiers().named(&name_and_spec),
                measure,
                category_trade: category_trade(&category, &category_concepts, &synonyms),
                category_concepts,
                grid: grid_of(&group_members),
                category,
                members: group_members,
            });
        }
        let product_slot = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| {
                group.members.iter().enumerate().map(move |(m, member)| (member.product_id, (g as u32, m as u32)))
            })
            .collect();
        Self {
            synonyms,
            vocabulary,
            idf,
            postings,
            groups,
            companies: slots,
            company_slot,
            product_slot,
            units,
            company_by_name,
        }
    }

    /// Product groups whose text is relevant enough to the need, most relevant first, and what
    /// the need's item says beyond its words.
    fn text_matches(&self, need: &Need) -> (Vec<TextMatch>, ItemReading) {
        self.text_matches_above(need, MIN_TEXT)
    }

    fn text_matches_above(&self, need: &Need, min_text: f64) -> (Vec<TextMatch>, ItemReading) {
        let (assessed, need_shape) = self.assess(need);
        let mut matches: Vec<TextMatch> = assessed
            .into_iter()
            // A look-alike reads 0: never a match, not even for a pair she follows.
            .filter(|a| a.text >= min_text && a.text > 0.0)
            .map(|a| TextMatch { group: a.group, text: a.text, same_category: a.same_category, same_trade: false })
            .collect();
        matches.sort_by(|a, b| b.text.total_cmp(&a.text).then(a.group.cmp(&b.group)));
        (matches, self.item_reading(&need_shape.heads))
    }

    /// How every product group sharing a token with the need reads against it: the plain
    /// similarity of their words, then what the codes, the heads and the look-alikes say; and
    /// the shape of the need's name.
    fn assess(&self, need: &Need) -> (Vec<Assessment>, NameShape) {
        let (need_tokens, need_shape) = text_vector(&need.item, &need.spec, &self.synonyms);
        let item_and_spec = format!("{} {}", need.item, need.spec);
        let need_codes = spec_codes(&item_and_spec);
        let need_marks = lexicon::look_alikes().marks(&need.item);
        let need_modifiers = lexicon::exclusive_modifiers().named(&item_and_spec);
        let unseen_idf = (1.0 + self.groups.len() as f64).ln();
        let mut norm = 0.0;
        let mut dots: HashMap<u32, f64> = HashMap::new();
        for (token, weight) in &need_tokens {
            match self.vocabulary.get(token) {
                Some(&id) => {
                    let w = weight * self.idf[id as usize];
                    norm += w * w;
                    for &(group, group_weight) in &self.postings[id as usize] {
                        *dots.entry(group).or_default() += w * group_weight;
                    }
                }
                None => norm += (weight * unseen_idf).powi(2),
            }
        }
        let norm = norm.sqrt();
        if norm == 0.0 {
            return (Vec::new(), need_shape);
        }
        let category = normalize(&need.category);
        let category_concepts = concepts(&category, &self.synonyms);
        let assessed = dots
            .into_iter()
            .filter(|(_, dot)| *dot > 0.0)
            .map(|(group, dot)| {
                let g = &self.groups[group as usize];
                let similarity = (dot / (norm * g.norm)).min(1.0);
                let mut text = similarity;
                if need_codes.iter().any(|c| g.codes.binary_search(c).is_ok()) {
                    text += (1.0 - text) * SPEC_AGREEMENT;
                }
                let (need_head_named, product_head_named) =
                    (need_shape.heads_named_by(&g.shape), g.shape.heads_named_by(&need_shape));
                for named in [need_head_named, product_head_named] {
                    if !named {
                        text *= HEAD_MISMATCH;
                    }
                }
                let heads_differ = !(need_head_named && product_head_named);
                // Two names the synonyms call one item are a candidate however their other words
                // differ (NTC 10K and 热敏电阻, 线鼻子 and 冷压端子).
                if !heads_differ && need_shape.same_item_as(&g.shape) {
                    text = text.max(MIN_TEXT);
                }
                // Her own synonym group joining the two names overrules a shipped look-alike.
                let joined_by_her =
                    need_shape.concepts.iter().any(|c| self.synonyms.is_own(*c) && g.shape.concepts.contains(c));
                let look_alike = LookAlikes::clash(&need_marks, &g.look).filter(|_| !joined_by_her);
                let modifiers_differ = lexicon::exclusive_modifiers().clash(&need_modifiers, &g.modifiers);
                if modifiers_differ.is_some() {
                    text *= MODIFIER_CLASH;
                }
                Assessment {
                    group,
                    similarity,
                    text: if look_alike.is_some() { 0.0 } else { text },
                    heads_differ,
                    look_alike,
                    modifiers_differ,
                    same_category: !category.is_empty()
                        && (category == g.category
                            || category_concepts.iter().any(|c| g.category_concepts.contains(c))),
                }
            })
            .collect();
        (assessed, need_shape)
    }

    /// The best `top` candidates for one need, best first, one per supplier.
    pub fn candidates(&self, need: &Need, top: usize) -> Vec<Candidate> {
        self.candidates_above(need, top, MIN_TEXT)
    }

    /// The candidates a least relevance other than `MIN_TEXT` would give: for calibrating it.
    pub fn candidates_above(&self, need: &Need, top: usize, min_text: f64) -> Vec<Candidate> {
        let (matches, item) = self.text_matches_above(need, min_text);
        self.rank(need, &matches, &item, top, min_text)
    }

    /// The products nearest to a need that are not among its candidates, and why each is not:
    /// for a need with no candidate, what the secretary reads to see whether the engine missed a
    /// supplier (and, with one click, teach it a synonym). Nearest by their words alone, one per
    /// supplier, at most `k`, leaving out the candidates already `proposed` for it.
    pub fn near_misses(&self, need: &Need, proposed: &[Candidate], k: usize) -> Vec<NearMiss> {
        let (mut assessed, need_shape) = self.assess(need);
        let Some(context) = self.context(need, &self.item_reading(&need_shape.heads)) else { return Vec::new() };
        let proposed: Vec<i64> = proposed.iter().map(|c| c.product_id).collect();
        assessed.sort_by(|a, b| b.similarity.total_cmp(&a.similarity).then(a.group.cmp(&b.group)));
        let mut out: Vec<NearMiss> = Vec::new();
        for a in assessed {
            if out.len() >= k {
                break;
            }
            // Near is a name that shares something with the need's, not a stray character of a spec.
            if !self.groups[a.group as usize].shape.shares_with(&need_shape) {
                continue;
            }
            let members = &self.groups[a.group as usize].members;
            // The member that could best have been proposed: eligible if any is.
            let Some(member) = members
                .iter()
                .filter(|m| m.company != context.buyer && !proposed.contains(&m.product_id))
                .min_by_key(|m| !Self::eligible(&context, m))
            else {
                continue;
            };
            let supplier = self.companies[member.company as usize].id;
            if out.iter().any(|o| o.supplier_company_id == supplier) {
                continue;
            }
            let agreement = self.unit_agreement(&context, a.group, member);
            let text = a.text * agreement;
            let mut reasons = Vec::new();
            if let Some(line) = a.look_alike {
                reasons.push(MissReason::LookAlike(lexicon::look_alikes().word_a(line).to_string()));
            }
            if a.heads_differ {
                reasons.push(MissReason::HeadsDiffer);
            }
            if let Some((wanted, offered)) = a.modifiers_differ {
                reasons.push(MissReason::ModifiersDiffer(wanted.to_string(), offered.to_string()));
            }
            if agreement < 1.0 {
                reasons.push(MissReason::UnitClash);
            }
            if member.withdrawn {
                reasons.push(MissReason::Withdrawn);
            } else if Some(member.company) == context.current_supplier {
                reasons.push(MissReason::CurrentSupplier);
            }
            if text < MIN_TEXT {
                reasons.push(MissReason::Weak(text));
            }
            if reasons.is_empty() {
                // Relevant and eligible, yet not proposed: five better ones came first.
                continue;
            }
            out.push(NearMiss { product_id: member.product_id, supplier_company_id: supplier, text, reasons });
        }
        out
    }

    /// One need × product pair scored as a candidate, for pairs the secretary already follows:
    /// however weak its text match, and even when the member has since become the buyer's current
    /// supplier or left the federation, since a contract must not drop off the board when the
    /// buyer's record is brought up to date. `None` when the product or the buyer is not indexed.
    pub fn pair(&self, need: &Need, product_id: i64) -> Option<Candidate> {
        let &(group, member) = self.product_slot.get(&product_id)?;
        let (matches, item) = self.text_matches_above(need, 0.0);
        let context = self.context(need, &item)?;
        let text = matches.into_iter().find(|m| m.group == group).unwrap_or(TextMatch {
            group,
            text: 0.0,
            same_category: false,
            same_trade: false,
        });
        Some(self.scored(&context, &text, &self.groups[group as usize].members[member as usize]))
    }

    /// How a need's item is measured and where it is sold, by the lexicon, from its heads.
    fn item_reading(&self, heads: &[Head]) -> ItemReading {
        // Where the item is typically sold: a supplier in that line of business sells the thing
        // the need names, not a namesake.
        let trade = heads.iter().flat_map(|h| &h.concepts).flat_map(|c| self.synonyms.trade_of(*c)).copied().collect();
        ItemReading { measure: item_measure(heads, &self.synonyms), trade }
    }

    fn context<'n>(&self, need: &'n Need, item: &ItemReading) -> Option<NeedContext<'n>> {
        let &buyer = self.company_slot.get(&need.company_id)?;
        let (class, known_unit) = unit_class(&need.unit);
        Some(NeedContext {
            need,
            buyer,
            current_supplier: self.company_by_name.get(&normalize(&need.current_supplier)).copied(),
            unit: self.units.get(&class).copied().unwrap_or(u32::MAX),
            known_unit,
            measure: side_measure(known_unit, item.measure),
            factor: known_unit.map_or(1.0, |u| u.factor),
            far: W_FAR * far_bonus(need.supplier_region),
            trade: {
                let buyer_trade = &self.companies[buyer as usize].trade;
                let mut trade = trade_words(&need.category);
                trade.extend_from_slice(buyer_trade);
                trade.extend_from_slice(&item.trade);
                trade.sort_unstable();
                trade.dedup();
                trade
            },
        })
    }

    /// The price part of a member's score, were its units of the need's family. It is read from
    /// the base price, so members sorted by base price come in order of it for any need.
    fn price_part(context: &NeedContext, member: &Member) -> f64 {
        match (context.need.unit_price, member.base_price) {
            (Some(current), Some(base)) => W_PRICE * saving_share(current, base * context.factor),
            _ => 0.0,
        }
    }

    /// Whether this member can be an opportunity for this need at all.
    fn eligible(context: &NeedContext, member: &Member) -> bool {
        member.company != context.buyer && !member.withdrawn && Some(member.company) != context.current_supplier
    }

    /// A group's text match for one of its members, weighed by what their units say and whether
    /// the supplier works in the buyer's trade.
    fn for_member(&self, context: &NeedContext, m: &TextMatch, member: &Member) -> TextMatch {
        let same_trade = !context.trade.is_empty()
            && (share_any(&context.trade, &self.groups[m.group as usize].category_trade)
                || share_any(&context.trade, &self.companies[member.company as usize].trade));
        TextMatch { text: m.text * self.unit_agreement(context, m.group, member), same_trade, ..*m }
    }

    fn unit_agreement(&self, context: &NeedContext, group: u32, member: &Member) -> f64 {
        unit_agreement(context.measure, side_measure(member.known_unit, self.groups[group as usize].measure))
    }

    fn scored(&self, context: &NeedContext, m: &TextMatch, member: &Member) -> Candidate {
        let m = &self.for_member(context, m, member);
        let buyer = &self.companies[context.buyer as usize];
        let distance_m = distance_between(buyer.position, member.position);
        let same_unit = member.unit == context.unit;
        let price_part = if same_unit { Self::price_part(context, member) } else { 0.0 };
        let score = Self::fixed_part(context, m) + price_part + W_DISTANCE * proximity(distance_m);
        self.make_candidate(context, m, member, score, distance_m, same_unit)
    }

    /// The parts of the score every member of a group shares.
    fn fixed_part(context: &NeedContext, m: &TextMatch) -> f64 {
        W_TEXT * m.text + if m.same_category || m.same_trade { W_CATEGORY } else { 0.0 } + context.far
    }

    fn make_candidate(
        &self,
        context: &NeedContext,
        m: &TextMatch,
        member: &Member,
        score: f64,
        distance_m: Option<f64>,
        same_unit: bool,
    ) -> Candidate {
        let need = context.need;
        // Converted from the quoted price, not the base one, so a price in the need's own unit
        // stays exactly as quoted; the same unit spelt another way (件 for 个) is no conversion.
        let (offered_unit_price, conversion) = match (member.known_unit, context.known_unit, member.price) {
            (Some(from), Some(to), Some(quoted)) if same_unit && from.factor != to.factor => {
                (Some(quoted * to.factor / from.factor), Some(PriceConversion { quoted, from: from.name, to: to.name }))
            }
            _ => (member.price, None),
        };
        Candidate {
            need_id: need.id,
            need_company_id: need.company_id,
            product_id: member.product_id,
            supplier_company_id: self.companies[member.company as usize].id,
            text: m.text,
            same_category: m.same_category,
            same_trade: m.same_trade,
            distance_m,
            current_unit_price: need.unit_price,
            offered_unit_price,
            same_unit,
            conversion,
            annual_quantity: need.annual_quantity,
            supplier_region: need.supplier_region,
            score,
        }
    }

    /// The top candidates, best first. Each member's score is bounded before it is computed: the
    /// fixed part, its own price, and full proximity; members are sorted by price, so once that
    /// bound falls below the last of the top, the rest of the group is skipped.
    fn rank(
        &self,
        need: &Need,
        matches: &[TextMatch],
        item: &ItemReading,
        top: usize,
        min_text: f64,
    ) -> Vec<Candidate> {
        let Some(context) = self.context(need, item) else { return Vec::new() };
        let buyer = &self.companies[context.buyer as usize];
        if buyer.withdrawn {
            return Vec::new();
        }
        let mut ranking = Ranking { context, best: Vec::with_capacity(top + 1), top, min_text };
        for m in matches {
            // Units can only lower a member's relevance, and a shared trade add what a shared
            // category would: the group's relevance with that bonus bounds every member's.
            let fixed_bound = Self::fixed_part(&ranking.context, &TextMatch { same_trade: true, ..*m });
            // Matches come most relevant first: once even the best price and the nearest place
            // cannot reach the last of the top, no later group can.
            if fixed_bound + W_PRICE + W_DISTANCE < ranking.floor() {
                break;
            }
            let group = &self.groups[m.group as usize];
            // Its cheapest member bounds its price part: a group that cannot reach is passed by.
            let cheapest = group.members.first().map_or(0.0, |c| Self::price_part(&ranking.context, c));
            if fixed_bound + cheapest + W_DISTANCE < ranking.floor() {
                continue;
            }
            match (&group.grid, buyer.position) {
                (Some(grid), Some(at)) => {
                    // Cells nearest and cheapest first; each bounded by its nearest corner.
                    let mut cells: Vec<(f64, f64, &GridCell)> = grid
                        .iter()
                        .map(|cell| {
                            let nearest = W_DISTANCE * proximity(cell.distance_from(at));
                            let cheapest = &group.members[cell.members[0] as usize];
                            (fixed_bound + Self::price_part(&ranking.context, cheapest) + nearest, nearest, cell)
                        })
                        .collect();
                    cells.sort_by(|a, b| b.0.total_cmp(&a.0));
                    for (bound, nearest, cell) in cells {
                        if bound < ranking.floor() {
                            break;
                        }
                        for &i in &cell.members {
                            if !self.consider(&mut ranking, m, &group.members[i as usize], fixed_bound, nearest) {
                                break;
                            }
                        }
                    }
                }
                (_, at) => {
                    // A buyer not on the map is equally far from everyone.
                    let nearest = W_DISTANCE * if at.is_some() { 1.0 } else { proximity(None) };
                    for member in &group.members {
                        if !self.consider(&mut ranking, m, member, fixed_bound, nearest) {
                            break;
                        }
                    }
                }
            }
        }
        ranking.best
    }

    /// Scores one member into the ranking unless it cannot make the top. `nearest` bounds its
    /// distance part. False when neither it nor any dearer member after it in its list can.
    fn consider(&self, ranking: &mut Ranking, m: &TextMatch, member: &Member, fixed_bound: f64, nearest: f64) -> bool {
        let context = &ranking.context;
        let floor = ranking.floor();
        let price_bound = Self::price_part(context, member);
        if fixed_bound + price_bound + nearest < floor {
            return false;
        }
        if !Self::eligible(context, member) {
            return true;
        }
        let m = &self.for_member(context, m, member);
        if m.text < ranking.min_text {
            return true;
        }
        let same_unit = member.unit == context.unit;
        let partial = Self::fixed_part(context, m) + if same_unit { price_bound } else { 0.0 };
        if partial + nearest < floor {
            return true;
        }
        let buyer = &self.companies[context.buyer as usize];
        let distance_m = distance_between(buyer.position, member.position);
        let score = partial + W_DISTANCE * proximity(distance_m);
        let ahead = |b: &Candidate| score > b.score || (score == b.score && member.product_id < b.product_id);
        // One line per supplier: a member selling several grades shows its best one.
        let supplier = self.companies[member.company as usize].id;
        let best = &mut ranking.best;
        if let Some(same) = best.iter().position(|b| b.supplier_company_id == supplier) {
            if !ahead(&best[same]) {
                return true;
            }
            best.remove(same);
        }
        let at = best.iter().position(ahead).unwrap_or(best.len());
        if at < ranking.top {
            let candidate = self.make_candidate(context, m, member, score, distance_m, same_unit);
            best.insert(at, candidate);
            best.truncate(ranking.top);
        }
        true
    }

    /// Candidates for every need, in the order of `needs`, on all cores. Needs that read the same
    /// share their text matching.
    pub fn match_all(&self, needs: &[Need], top: usize) -> Vec<Vec<Candidate>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(needs.len().max(1));
        let chunk = needs.len().div_ceil(threads).max(1);
        let work = |part: &[Need]| {
            let mut cache: HashMap<(&str, &str, &str), (Vec<TextMatch>, ItemReading)> = HashMap::new();
            part.iter()
                .map(|need| {
                    let (matches, item) = cache
                        .entry((need.item.as_str(), need.category.as_str(), need.spec.as_str()))
                        .or_insert_with(|| self.text_matches(need));
                    self.rank(need, matches, item, top, MIN_TEXT)
                })
                .collect::<Vec<_>>()
        };
        if threads == 1 {
            return work(needs);
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = needs
                .chunks(chunk)
                .map(|part| {
                    std::thread::Builder::new()
                        .name("qilian-match".into())
                        .spawn_scoped(scope, move || work(part))
                        .map_err(|_| part)
                })
                .collect();
            // A thread the system refused runs here instead.
            handles
                .into_iter()
                .flat_map(|handle| match handle {
                    Ok(h) => h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    Err(part) => work(part),
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(id: CompanyId, x: f64) -> Company {
        Company { id, name: format!("成员{id}"), x_m: x, y_m: 100.0, ..Company::default() }
    }

    fn product(id: i64, company_id: CompanyId, price: f64, unit: &str) -> Product {
        Product {
            id,
            company_id,
            name: "不锈钢板".into(),
            unit: unit.into(),
            unit_price: Some(price),
            ..Product::default()
        }
    }

    fn need(price: f64, unit: &str) -> Need {
        Need {
            id: 1,
            company_id: 1,
            item: "不锈钢板".into(),
            unit: unit.into(),
            unit_price: Some(price),
            annual_quantity: Some(1000.0),
            ..Need::default()
        }
    }

    fn index_of(products: &[Product]) -> MatchIndex {
        let companies: Vec<Company> = (1..=4).map(|id| company(id, 100.0)).collect();
        MatchIndex::build(&companies, products, Synonyms::new::<&str>(&[]))
    }

    #[test]
    fn a_price_per_ton_compares_with_one_per_kilogram() {
        let index = index_of(&[product(20, 2, 15_000.0, "吨")]);
        let candidate = &index.candidates(&need(20.0, "kg"), 1)[0];
        assert!(candidate.same_unit);
        assert_eq!(candidate.comparable_prices(), Some((20.0, 15.0)));
        assert_eq!(candidate.annual_saving(), Some(5.0 * 1000.0));
        assert_eq!(
            candidate.conversion,
            Some(PriceConversion { quoted: 15_000.0, from: Phrase::new("吨", "t"), to: Phrase::new("千克", "kg") })
        );
        let zh = candidate.reasons(Lang::Zh);
        assert!(zh.contains("单价 ¥15/千克 对 ¥20/千克（按每吨 ¥15,000 换算）"), "{zh}");
        let en = candidate.reasons(Lang::En);
        assert!(en.contains("unit price ¥15/kg vs ¥20/kg (converted from ¥15,000 per t)"), "{en}");
    }

    #[test]
    fn one_unit_spelt_two_ways_compares_without_a_conversion() {
        let index = index_of(&[product(20, 2, 12.0, "件")]);
        let candidate = &index.candidates(&need(15.0, "PCS"), 1)[0];
        assert_eq!((candidate.comparable_prices(), candidate.conversion), (Some((15.0, 12.0)), None));
        assert!(candidate.reasons(Lang::Zh).contains("单价 ¥12 对 ¥15"));
        let index = index_of(&[product(20, 2, 12.0, "公斤")]);
        assert_eq!(index.candidates(&need(15.0, "KG"), 1)[0].comparable_prices(), Some((15.0, 12.0)));
    }

    #[test]
    fn units_of_different_families_do_not_compare() {
        for (offered, wanted) in [("套", "个"), ("箱", "盒"), ("吨", "个"), ("箱", "个")] {
            let index = index_of(&[product(20, 2, 12.0, offered)]);
            let candidate = &index.candidates(&need(15.0, wanted), 1)[0];
            assert!(!candidate.same_unit, "{offered} {wanted}");
            assert_eq!(candidate.comparable_prices(), None);
            assert_eq!(candidate.offered_unit_price, Some(12.0), "as the member quotes it");
            assert!(candidate.reasons(Lang::Zh).contains("单位不同，未比价"));
        }
    }

    #[test]
    fn members_rank_by_their_price_in_the_needs_unit() {
        // Per kilogram: 14 (quoted per 吨), 16, 17 (quoted per 斤 at 8.5), and one per 套.
        let products = [
            product(20, 2, 16.0, "公斤"),
            product(21, 3, 14_000.0, "t"),
            product(22, 4, 8.5, "斤"),
            product(23, 1, 1.0, "套"),
        ];
        let index = index_of(&products);
        let ranked: Vec<i64> = index.candidates(&need(20.0, "千克"), 5).iter().map(|c| c.product_id).collect();
        assert_eq!(ranked, vec![21, 20, 22], "the buyer's own product is left out");
        // Only the best is kept: the pruning must not skip the member dear per ton but cheap per kg.
        let best = &index.candidates(&need(20.0, "千克"), 1)[0];
        assert_eq!((best.product_id, best.comparable_prices()), (21, Some((20.0, 14.0))));
    }
}
