//! How item names become comparable: synonym groups found by forward maximum matching, then
//! character bigrams (and weak unigrams) for the Chinese left over, and words for Latin letters
//! and digits (SUJ2, M6, φ20). Item names are two to eight characters with specs attached, which
//! n-grams handle without a segmentation dictionary; the shipped lexicon and the synonyms the
//! secretary edits carry what characters cannot (螺丝 = 螺钉, 栈板 = 托盘; 风批 is a 螺丝刀). A
//! segmenter (jieba-rs, with the lexicon as its dictionary) was measured against this reading and
//! did no better (docs/PERFORMANCE.md).

use super::lexicon::{Concept, MeasureKind};
use crate::domain::text::{clean, to_half_width};
use std::collections::HashMap;

/// Lower-cased, half-width, single-spaced text: the form every comparison works on.
pub fn normalize(text: &str) -> String {
    clean(&to_half_width(text)).to_lowercase()
}

/// Splits a line the secretary typed into the words of one synonym group.
pub fn parse_group(line: &str) -> Vec<String> {
    let mut words: Vec<String> = normalize(line)
        .split([' ', ',', '，', '、', ';', '；', '/', '|'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.dedup();
    words
}

/// The synonym groups, indexed for matching. A word may sit in several groups: a broader word
/// such as 模具标准件 is put in the group of each part it covers, so it finds all of them while
/// 导柱 still does not find 顶针.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    concepts_of: HashMap<String, Vec<u32>>,
    longest: usize,
    /// Concepts from this one on are the secretary's own groups (see `with_own_from`).
    own_from: u32,
    /// How many groups there are; concepts from here on are the lexicon's head words that no
    /// group names (see `with_notes`).
    groups: u32,
    /// What the shipped lexicon says of each of its concepts (see `with_notes`), by concept.
    notes: Vec<Notes>,
}

/// What the lexicon says of a concept beyond its names.
#[derive(Debug, Clone, Default)]
struct Notes {
    /// The concepts its head words name: what it is a kind of.
    kinds: Vec<u32>,
    /// The bigrams of its typical categories (see `trade_words`).
    trade: Vec<(char, char)>,
    measure: Option<MeasureKind>,
}

/// The Chinese bigrams of a text, sorted: 电子元器件 → 电子, 子元, 元器, 器件. Two trades that
/// share one work in the same line of business.
pub fn trade_words(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = normalize(text).chars().collect();
    let mut out: Vec<(char, char)> =
        chars.windows(2).filter(|w| is_cjk(w[0]) && is_cjk(w[1])).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Synonyms {
    pub fn new<S: AsRef<str>>(groups: &[Vec<S>]) -> Self {
        let mut concepts_of: HashMap<String, Vec<u32>> = HashMap::new();
        let mut longest = 0;
        for (group, words) in groups.iter().enumerate() {
            for word in words {
                let word = normalize(word.as_ref());
                if word.is_empty() {
                    continue;
                }
                longest = longest.max(word.chars().count());
                let concepts = concepts_of.entry(word).or_default();
                if !concepts.contains(&(group as u32)) {
                    concepts.push(group as u32);
                }
            }
        }
        Self { concepts_of, longest, own_from: u32::MAX, groups: groups.len() as u32, notes: Vec::new() }
    }

    /// Reads what the shipped lexicon says of each group: `notes[g]` are the lexicon concepts
    /// group `g` stands for (one for a shipped concept; for a group of hers, those it restates).
    /// A head word names the groups it is a word of, or, failing that, of the longest word it
    /// ends in (a head word 弹簧 makes 矩形弹簧 a kind of 弹簧); goods are never a kind of a
    /// service, nor the reverse. A measure counts when all the group's concepts agree on it.
    pub fn with_notes(mut self, notes: &[Vec<&Concept>]) -> Self {
        // A head word no group names is a kind of its own, which a name is when it ends in it
        // (see `read_name`): 手动液压托盘搬运车 is a 搬运车, as 地牛 is.
        let mut next = self.groups;
        for head in notes.iter().flatten().flat_map(|c| &c.heads) {
            if head.chars().count() > 1 && self.concepts_named_by(head).is_empty() {
                self.longest = self.longest.max(head.chars().count());
                self.concepts_of.insert(head.clone(), vec![next]);
                next += 1;
            }
        }
        let measures: Vec<Option<MeasureKind>> = notes
            .iter()
            .map(|concepts| {
                let mut measures = concepts.iter().map(|c| c.measure.map(|m| m.kind()));
                let first = measures.next().flatten();
                measures.all(|m| m == first).then_some(first).flatten()
            })
            .collect();
        let is_service = |group: u32| measures.get(group as usize).copied().flatten() == Some(MeasureKind::Service);
        self.notes = notes
            .iter()
            .enumerate()
            .map(|(own, concepts)| {
                let own = own as u32;
                let mut kinds: Vec<u32> = Vec::new();
                for head in concepts.iter().flat_map(|c| &c.heads) {
                    for kind in self.concepts_named_by(head) {
                        // A service's head words name what it is done to as well (行车维修 is
                        // 维修 of a 行车): that is its object, not its kind.
                        let object = is_service(own) != is_service(kind);
                        if kind != own && !object && !kinds.contains(&kind) {
                            kinds.push(kind);
                        }
                    }
                }
                let categories: Vec<&str> = concepts.iter().flat_map(|c| &c.categories).map(String::as_str).collect();
                Notes { kinds, trade: trade_words(&categories.join(" ")), measure: measures[own as usize] }
            })
            .collect();
        self
    }

    /// The concepts a word names: its own, else those of the longest word it ends in.
    fn concepts_named_by(&self, word: &str) -> Vec<u32> {
        let chars: Vec<char> = word.chars().collect();
        (0..chars.len().saturating_sub(1))
            .find_map(|from| self.concepts_of.get(&chars[from..].iter().collect::<String>()))
            .cloned()
            .unwrap_or_default()
    }

    /// What a concept is a kind of, by its head words in the lexicon.
    pub fn kinds_of(&self, concept: u32) -> &[u32] {
        self.notes.get(concept as usize).map_or(&[], |n| &n.kinds)
    }

    /// The bigrams of the categories a concept's suppliers typically file it under.
    pub fn trade_of(&self, concept: u32) -> &[(char, char)] {
        self.notes.get(concept as usize).map_or(&[], |n| &n.trade)
    }

    /// How a concept is typically measured, when the lexicon says.
    pub fn measure_of(&self, concept: u32) -> Option<MeasureKind> {
        self.notes.get(concept as usize).and_then(|n| n.measure)
    }

    /// Marks the groups from `first` on as the secretary's own: what she says two names are
    /// outweighs what the shipped lexicon says they are not (its look-alikes).
    pub fn with_own_from(mut self, first: usize) -> Self {
        self.own_from = u32::try_from(first).unwrap_or(u32::MAX);
        self
    }

    pub fn is_own(&self, concept: u32) -> bool {
        (self.own_from..self.groups).contains(&concept)
    }
}

/// One feature of a text. Concepts are synonym groups; the rest come from the characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Token {
    Concept(u32),
    Bigram(char, char),
    Unigram(char),
    Word(String),
}

impl Token {
    /// How much a token of this kind says about what an item is, before rarity is counted.
    pub fn kind_weight(&self) -> f64 {
        match self {
            Token::Concept(_) => 2.0,
            Token::Bigram(..) => 1.0,
            Token::Word(_) => 0.6,
            Token::Unigram(_) => 0.25,
        }
    }
}

/// Whether a character is Chinese (the unified ideographs and their first extension).
pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// What an item is, read from the end of its name: Chinese names put the thing last (塑料桶 is a
/// 桶, 深沟球轴承 a 轴承), after any letters and digits of a spec (轴承 6204ZZ is a 轴承). When a
/// synonym word covers that character, its concepts say what the thing is as well (卡板 is a 托盘
/// though it ends in 板).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Head {
    pub ch: char,
    pub concepts: Vec<u32>,
}

impl Head {
    /// Whether a text with these characters (sorted) and these concepts names this head.
    pub fn named_by(&self, sorted_chars: &[char], concepts: &[u32]) -> bool {
        sorted_chars.binary_search(&self.ch).is_ok() || self.concepts.iter().any(|c| concepts.contains(c))
    }
}

/// The tokens of one field, each with its count. Synonym words are matched longest first and
/// their characters consumed, so 螺钉 and 螺丝 become the same concept and nothing else.
pub fn tokens(text: &str, synonyms: &Synonyms) -> Vec<Token> {
    read_name(text, synonyms).tokens
}

/// Words that make a name a service done to something: the thing it is done to is a second head
/// (行车维修保养 is not 冷水机维修保养). Longest first, so 维修保养 is taken whole.
const SERVICE_WORDS: [&str; 27] = [
    "维修保养",
    "维护保养",
    "安装调试",
    "维修",
    "保养",
    "维保",
    "维护",
    "检修",
    "修理",
    "大修",
    "清洗",
    "安装",
    "调试",
    "检测",
    "检验",
    "校准",
    "标定",
    "处置",
    "回收",
    "加工",
    "运输",
    "改造",
    "租赁",
    "更换",
    "服务",
    "外包",
    "代加工",
];

/// Words that end a name for a range rather than an item (消防器材, 劳保用品, 模具配件): such a
/// name has no head another must name.
const RANGE_WORDS: [&str; 12] =
    ["器材", "用品", "材料", "配件", "制品", "产品", "耗材", "设备", "系列", "物资", "五金", "附件"];

/// The part of a name that says what the item is, normalized: the first part with Chinese in it,
/// without the letters and digits after (逆变焊机ZX7 → 逆变焊机; 冷媒 R410A → 冷媒).
pub fn item_part(name: &str) -> String {
    let name = normalize(name);
    let part = name.split_whitespace().find(|p| p.chars().any(is_cjk)).unwrap_or_default();
    part.trim_end_matches(|c: char| !is_cjk(c)).to_string()
}

/// The concepts among some tokens.
pub fn concept_ids(tokens: &[Token]) -> Vec<u32> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Concept(c) => Some(*c),
            _ => None,
        })
        .collect()
}

/// Where the heads of a name are: the last Chinese character of its first part with Chinese in
/// it (buyers write the item, then a space and its colour or size: 模具弹簧 绿色 is a 簧), and,
/// when that part ends in service words, the last Chinese character before them.
fn head_positions(chars: &[char]) -> Vec<usize> {
    let first_cjk = chars.iter().position(|c| is_cjk(*c));
    let part_end = first_cjk.map(|i| chars[i..].iter().position(|c| c.is_whitespace()).map_or(chars.len(), |n| i + n));
    let Some(last) = part_end.and_then(|end| chars[..end].iter().rposition(|c| is_cjk(*c))) else { return Vec::new() };
    let mut heads = vec![last];
    let mut end = last + 1;
    loop {
        let before: String = chars[..end].iter().collect();
        let Some(word) = SERVICE_WORDS.iter().find(|w| before.ends_with(*w)) else { break };
        end -= word.chars().count();
    }
    if end <= last
        && let Some(object) = chars[..end].iter().rposition(|c| is_cjk(*c))
    {
        heads.push(object);
    }
    heads.retain(|&at| {
        let before: String = chars[..=at].iter().collect();
        !RANGE_WORDS.iter().any(|w| before.ends_with(w))
    });
    heads
}

/// A name as matching reads it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Name {
    pub tokens: Vec<Token>,
    /// See `head_positions`.
    pub heads: Vec<Head>,
    /// The concepts of the synonym words it names, without what they are kinds of: a product
    /// with one of these names the same thing.
    pub words: Vec<u32>,
}

/// The tokens of a name, and its heads (see `head_positions`). A synonym word also gives its
/// character bigrams, as plain text would: a specific item (深沟球轴承, a word of its own) still
/// shares its kind (轴承) with a need that names only that, and a look-alike (二保焊丝 for
/// 二保焊机) still reads as near, so the heads and look-alikes can say why it is not proposed.
pub fn read_name(text: &str, synonyms: &Synonyms) -> Name {
    let chars: Vec<char> = normalize(text).chars().collect();
    let positions = head_positions(&chars);
    let mut heads: Vec<Head> = positions.iter().map(|&at| Head { ch: chars[at], concepts: Vec::new() }).collect();
    let mut out = Vec::new();
    let mut words: Vec<u32> = Vec::new();
    let mut rest = String::new();
    let flush = |rest: &mut String, out: &mut Vec<Token>| {
        char_tokens(rest, out);
        rest.clear();
    };
    let mut i = 0;
    // Byte offsets of each character, so a candidate word is a slice, not a new string.
    let text: String = chars.iter().collect();
    let offsets: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
    while i < chars.len() {
        let mut matched = None;
        for len in (1..=synonyms.longest.min(chars.len() - i)).rev() {
            let candidate = &text[offsets[i]..offsets[i + len]];
            if let Some(concepts) = synonyms.concepts_of.get(candidate) {
                // A Latin word counts only whole: "abs" must not match inside "absorb".
                let whole = !chars[i].is_ascii_alphanumeric()
                    || ((i == 0 || !chars[i - 1].is_ascii_alphanumeric())
                        && chars.get(i + len).is_none_or(|c| !c.is_ascii_alphanumeric()));
                // A head word no group names counts only as what the item is, at its head:
                // 不锈钢 is the kind of 304不锈钢 but only a modifier of 不锈钢螺丝.
                let kind_only = concepts.iter().all(|c| *c >= synonyms.groups);
                let at_head = positions.iter().any(|at| (i..i + len).contains(at));
                if whole && (!kind_only || at_head) {
                    matched = Some((len, concepts));
                    break;
                }
            }
        }
        match matched {
            Some((len, concepts)) => {
                flush(&mut rest, &mut out);
                let word = &chars[i..i + len];
                // A word ending in another word is a kind of it (深沟球轴承 is a 轴承): it names
                // that concept too.
                let kind_of = (1..len.saturating_sub(1))
                    .find_map(|k| synonyms.concepts_of.get(&word[k..].iter().collect::<String>()))
                    .filter(|_| is_cjk(word[len - 1]));
                words.extend(concepts.iter().filter(|c| !words.contains(c)).copied().collect::<Vec<_>>());
                let mut concepts = concepts.clone();
                // And what the lexicon's head words say it is a kind of (风批 is a 螺丝刀).
                let kinds = concepts.iter().flat_map(|c| synonyms.kinds_of(*c));
                for c in kind_of.into_iter().flatten().chain(kinds).copied().collect::<Vec<_>>() {
                    if !concepts.contains(&c) {
                        concepts.push(c);
                    }
                }
                out.extend(concepts.iter().map(|c| Token::Concept(*c)));
                out.extend(word.windows(2).filter(|w| is_cjk(w[0]) && is_cjk(w[1])).map(|w| Token::Bigram(w[0], w[1])));
                for (head, at) in heads.iter_mut().zip(&positions) {
                    if (i..i + len).contains(at) {
                        head.concepts.clone_from(&concepts);
                    }
                }
                i += len;
            }
            None => {
                rest.push(chars[i]);
                i += 1;
            }
        }
    }
    flush(&mut rest, &mut out);
    Name { tokens: out, heads, words }
}

/// Bigrams and unigrams of each run of Chinese characters; whole words of letters and digits.
fn char_tokens(text: &str, out: &mut Vec<Token>) {
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let end_run = |run: &mut Vec<char>, out: &mut Vec<Token>| {
        out.extend(run.iter().map(|c| Token::Unigram(*c)));
        out.extend(run.windows(2).map(|w| Token::Bigram(w[0], w[1])));
        run.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(Token::Word(std::mem::take(&mut word)));
            }
            run.push(c);
        } else if c.is_alphanumeric() {
            end_run(&mut run, out);
            word.push(c);
        } else {
            end_run(&mut run, out);
            if !word.is_empty() {
                out.push(Token::Word(std::mem::take(&mut word)));
            }
        }
    }
    end_run(&mut run, out);
    if !word.is_empty() {
        out.push(Token::Word(word));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synonyms() -> Synonyms {
        Synonyms::new(&[
            vec!["导柱", "导柱导套", "导套", "模具标准件"],
            vec!["顶针", "顶杆", "模具标准件"],
            vec!["螺丝", "螺钉", "紧固件"],
            vec!["abs", "abs粒子"],
        ])
    }

    #[test]
    fn synonym_words_become_one_concept_longest_first() {
        let s = synonyms();
        assert_eq!(
            tokens("导柱导套", &s),
            vec![Token::Concept(0), Token::Bigram('导', '柱'), Token::Bigram('柱', '导'), Token::Bigram('导', '套')]
        );
        assert_eq!(tokens("导柱", &s), vec![Token::Concept(0), Token::Bigram('导', '柱')]);
        assert!(tokens("螺钉", &s).contains(&Token::Concept(2)) && tokens("螺丝", &s).contains(&Token::Concept(2)));
        assert_eq!(tokens("模具标准件", &s)[..2], [Token::Concept(0), Token::Concept(1)]);
    }

    #[test]
    fn leftover_chinese_gives_bigrams_and_latin_gives_words() {
        let s = synonyms();
        let t = tokens("不锈钢螺丝 M6×20", &s);
        assert!(t.contains(&Token::Concept(2)));
        assert!(t.contains(&Token::Bigram('不', '锈')));
        assert!(t.contains(&Token::Bigram('锈', '钢')));
        assert!(t.contains(&Token::Word("m6".into())));
        assert!(t.contains(&Token::Word("20".into())));
        assert!(!t.contains(&Token::Unigram('螺')), "{t:?}");
    }

    #[test]
    fn full_width_and_case_do_not_matter_and_latin_synonyms_match_whole_words() {
        let s = synonyms();
        assert_eq!(tokens("ＡＢＳ粒子", &s), vec![Token::Concept(3), Token::Bigram('粒', '子')]);
        assert!(!tokens("absorber", &s).contains(&Token::Concept(3)));
    }

    #[test]
    fn the_head_is_the_last_chinese_character_and_the_concepts_of_the_word_that_covers_it() {
        let s = synonyms();
        let heads = read_name("不锈钢螺丝 M6×20", &s).heads;
        assert_eq!(heads, vec![Head { ch: '丝', concepts: vec![2] }]);
        let heads = read_name("塑料桶", &s).heads;
        assert_eq!(heads, vec![Head { ch: '桶', concepts: vec![] }]);
        assert_eq!(read_name("SUJ2", &s).heads, vec![]);
        let head = &read_name("螺钉", &s).heads[0];
        assert!(head.named_by(&['螺', '钉'], &[]), "by its character");
        assert!(head.named_by(&[], &[2]), "by its concept: 螺钉 is a 螺丝");
        assert!(!head.named_by(&['螺'], &[0]));
    }

    #[test]
    fn the_head_is_read_from_the_part_that_names_the_item_not_its_colour() {
        let s = synonyms();
        let chars = |heads: Vec<Head>| heads.iter().map(|h| h.ch).collect::<String>();
        assert_eq!(chars(read_name("模具弹簧 绿色", &s).heads), "簧");
        assert_eq!(chars(read_name("RVV 2*0.75 电源线 国标", &s).heads), "线");
        assert_eq!(chars(read_name("消防器材", &s).heads), "", "a range, not an item");
        assert_eq!(chars(read_name("模具配件维修", &s).heads), "修");
    }

    #[test]
    fn a_service_names_what_it_is_done_to_as_a_second_head() {
        let s = synonyms();
        let chars = |heads: Vec<Head>| heads.iter().map(|h| h.ch).collect::<String>();
        assert_eq!(chars(read_name("行车维修保养", &s).heads), "养车");
        assert_eq!(chars(read_name("铝件CNC加工", &s).heads), "工件");
        assert_eq!(read_name("螺丝加工", &s).heads[1].concepts, vec![2]);
        assert_eq!(chars(read_name("维修", &s).heads), "修", "a service of nothing named");
        assert_eq!(chars(read_name("注塑机", &s).heads), "机");
    }

    #[test]
    fn a_specific_synonym_word_shares_its_kind_with_the_plain_word() {
        let s = Synonyms::new(&[vec!["深沟球轴承", "深沟轴承"], vec!["轴承", "啤令"], vec!["滚针轴承", "针状轴承"]]);
        assert!(tokens("深沟球轴承", &s).contains(&Token::Bigram('轴', '承')));
        assert!(tokens("轴承", &s).contains(&Token::Bigram('轴', '承')));
        assert_eq!(tokens("深沟轴承", &s)[..2], [Token::Concept(0), Token::Concept(1)], "a 深沟轴承 is a 轴承");
        assert!(!tokens("针状轴承", &s).contains(&Token::Concept(0)), "but not a 深沟球轴承");
    }

    #[test]
    fn a_group_line_splits_on_the_separators_people_type() {
        assert_eq!(parse_group(" 纸箱、瓦楞纸箱，包装箱 / 外箱  "), vec!["纸箱", "瓦楞纸箱", "包装箱", "外箱"]);
    }
}
