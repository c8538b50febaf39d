//! The trade lexicon Qilian ships: concepts — the names buyers and sellers use for one item (卡板 =
//! 栈板 = 托盘), with what kind of thing it is, where it is sold and how it is measured — over the
//! trades of an industrial park; the look-alikes a buyer would not take for each other; and the
//! modifiers that exclude each other. Matching reads it beside the secretary's own synonym table;
//! she sees it, read-only, in the 同义词 dialog, and adds her own groups for what it lacks.

use super::text::{item_part, normalize, parse_group};
use crate::i18n::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The lexicon's text: one concept per line, `names | head words | typical categories | unit
/// family`; `#` starts a comment.
const SHIPPED: &str = include_str!("../../assets/lexicon/trade-lexicon.txt");

/// How an item is bought and priced, by the lexicon's unit-family column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// 件: counted in pieces, sets or pairs.
    Pieces,
    /// 重: by weight.
    Weight,
    /// 长: by length.
    Length,
    /// 面: by area.
    Area,
    /// 容: by volume.
    Volume,
    /// 服务: a service, priced per job, trip or month.
    Service,
}

impl Measure {
    fn parse(token: &str) -> Option<Self> {
        Some(match token {
            "件" => Self::Pieces,
            "重" => Self::Weight,
            "长" => Self::Length,
            "面" => Self::Area,
            "容" => Self::Volume,
            "服务" => Self::Service,
            _ => return None,
        })
    }

    /// Pieces, bulk or service: what says two items cannot be one thing, whatever the bulk is
    /// measured in (电线 by the metre is the same thing as by the kilogram).
    pub fn kind(self) -> MeasureKind {
        match self {
            Self::Pieces => MeasureKind::Pieces,
            Self::Weight | Self::Length | Self::Area | Self::Volume => MeasureKind::Bulk,
            Self::Service => MeasureKind::Service,
        }
    }

    fn describe(self, lang: Lang) -> &'static str {
        match self {
            Self::Pieces => lang.pick("按件计", "by the piece"),
            Self::Weight => lang.pick("按重量计", "by weight"),
            Self::Length => lang.pick("按长度计", "by length"),
            Self::Area => lang.pick("按面积计", "by area"),
            Self::Volume => lang.pick("按体积计", "by volume"),
            Self::Service => lang.pick("服务", "a service"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureKind {
    Pieces,
    Bulk,
    Service,
}

/// One concept of the shipped lexicon: the names it goes by, what kind of thing it is, the
/// categories its suppliers file it under and how it is measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The names as the line writes them, for showing.
    pub written: String,
    /// Normalized, as matching compares them; two or more.
    pub names: Vec<String>,
    /// What the thing is (深沟球轴承 is a 轴承): a head word that is itself a name in the lexicon
    /// makes this concept a kind of that one.
    pub heads: Vec<String>,
    pub categories: Vec<String>,
    /// `None` when it is sold either way (`-`).
    pub measure: Option<Measure>,
}

impl Concept {
    /// A line of the lexicon; `None` for a comment, a blank line or fewer than two names.
    pub(crate) fn parse(line: &str) -> Option<Self> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut fields = line.split('|');
        let written = fields.next()?.trim().to_string();
        let names = parse_group(&written);
        let words = |field: Option<&str>| -> Vec<String> {
            field.map(|f| f.split_whitespace().map(normalize).collect()).unwrap_or_default()
        };
        let heads = words(fields.next());
        let categories = words(fields.next());
        let measure = fields.next().and_then(|f| Measure::parse(f.trim()));
        (names.len() > 1).then_some(Self { written, names, heads, categories, measure })
    }

    /// The concept as the 同义词 dialog lists it: 卡板 栈板 托盘（属于 托盘；常见类别 包装材料 托盘；按件计）.
    pub fn describe(&self, lang: Lang) -> String {
        let mut notes: Vec<String> = Vec::new();
        if !self.heads.is_empty() {
            notes.push(format!("{} {}", lang.pick("属于", "a kind of"), self.heads.join(" ")));
        }
        if !self.categories.is_empty() {
            notes.push(format!("{} {}", lang.pick("常见类别", "filed under"), self.categories.join(" ")));
        }
        if let Some(measure) = self.measure {
            notes.push(measure.describe(lang).to_string());
        }
        match lang {
            _ if notes.is_empty() => self.written.clone(),
            Lang::Zh => format!("{}（{}）", self.written, notes.join("；")),
            Lang::En => format!("{} ({})", self.written, notes.join("; ")),
        }
    }
}

/// The shipped concepts, in the file's order.
pub fn shipped() -> &'static [Concept] {
    static CONCEPTS: OnceLock<Vec<Concept>> = OnceLock::new();
    CONCEPTS.get_or_init(|| SHIPPED.lines().filter_map(Concept::parse).collect())
}

/// The shipped concepts as the 同义词 dialog lists them (see `Concept::describe`), worked out
/// once per language: the dialog draws every frame.
pub fn described(lang: Lang) -> &'static [String] {
    static ZH: OnceLock<Vec<String>> = OnceLock::new();
    static EN: OnceLock<Vec<String>> = OnceLock::new();
    let cell = if lang == Lang::Zh { &ZH } else { &EN };
    cell.get_or_init(|| shipped().iter().map(|c| c.describe(lang)).collect())
}

/// The look-alikes' text: `A | B C` per line, what is named A is not B nor C.
const LOOK_ALIKES: &str = include_str!("../../assets/lexicon/look-alikes.txt");

/// Pairs of items whose names overlap but that a buyer would not take for each other (焊机 and
/// 焊丝, 气缸垫 and 气缸). Each line has two sides; a name is on the side of the longest of the
/// line's words its item ends in (what the thing is), so 气缸垫 is on 气缸垫's side though it
/// contains 气缸.
#[derive(Debug, Default)]
pub struct LookAlikes {
    /// Each word, normalized, with the lines it is on and on which side (`true`: the line's A).
    sides: HashMap<String, Vec<(u32, bool)>>,
    longest: usize,
    /// Each line as written, for explanations.
    lines: Vec<(String, Vec<String>)>,
}

/// Where a name stands on the look-alike lines it touches: (line, on the A side), by line.
pub type Marks = Vec<(u32, bool)>;

impl LookAlikes {
    fn parse(text: &str) -> Self {
        let mut out = Self::default();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let Some((a, others)) = line.split_once('|') else { continue };
            let a = normalize(a);
            let others: Vec<String> = others.split_whitespace().map(normalize).filter(|w| *w != a).collect();
            if a.chars().count() < 2 || others.is_empty() {
                continue;
            }
            let n = out.lines.len() as u32;
            for (word, is_a) in std::iter::once((&a, true)).chain(others.iter().map(|w| (w, false))) {
                out.longest = out.longest.max(word.chars().count());
                out.sides.entry(word.clone()).or_default().push((n, is_a));
            }
            out.lines.push((a, others));
        }
        out
    }

    /// The lines a name touches and its side on each. Only the words its item ends in count, as
    /// that is what the thing is: 五金冲压模 is a die though it contains 冲压 (stamping), and
    /// 焊机焊丝套装 is a kit. The item is the name's first part with Chinese in it, without the
    /// letters and digits after (逆变焊机ZX7 ends in 焊机).
    pub fn marks(&self, name: &str) -> Marks {
        let chars: Vec<char> = item_part(name).chars().collect();
        let end = chars.len();
        // For each line, the longest of its words the item ends in, and that word's side.
        let mut found: HashMap<u32, (usize, bool)> = HashMap::new();
        for len in 2..=self.longest.min(end) {
            let word: String = chars[end - len..end].iter().collect();
            for &(line, is_a) in self.sides.get(&word).into_iter().flatten() {
                found.insert(line, (len, is_a));
            }
        }
        let mut marks: Marks = found.into_iter().map(|(line, (_, is_a))| (line, is_a)).collect();
        marks.sort_unstable();
        marks
    }

    /// The line on which two names stand on opposite sides, if any: they name look-alikes.
    pub fn clash(a: &Marks, b: &Marks) -> Option<u32> {
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal if a[i].1 != b[j].1 => return Some(a[i].0),
                std::cmp::Ordering::Equal => (i, j) = (i + 1, j + 1),
            }
        }
        None
    }

    /// A line's A word, for saying which look-alike a product was taken for.
    pub fn word_a(&self, line: u32) -> &str {
        &self.lines[line as usize].0
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The shipped look-alikes' lines as written (`焊机 | 焊丝 焊条`), for the 同义词 dialog.
pub fn look_alike_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        LOOK_ALIKES
            .lines()
            .map(str::trim)
            .filter(|line| line.contains('|') && !line.starts_with('#'))
            .map(|line| line.replace(" | ", " ≠ "))
            .collect()
    })
}

/// The exclusive modifiers' text: one set of words per line.
const EXCLUSIVE_MODIFIERS: &str = include_str!("../../assets/lexicon/exclusive-modifiers.txt");

/// Sets of modifiers that exclude each other (户内 and 户外, 全合成 and 半合成, 不锈钢 and 弹簧钢): a
/// need naming one and a product naming another ask for different things, though their heads agree.
#[derive(Debug, Default)]
pub struct ExclusiveModifiers {
    /// Each word, normalized, with its set.
    words: Vec<(String, u16)>,
}

/// The exclusive modifiers a text names, as (set, word) indices into `ExclusiveModifiers`.
pub type Modifiers = Vec<(u16, u16)>;

impl ExclusiveModifiers {
    fn parse(text: &str) -> Self {
        let mut words: Vec<(String, u16)> = Vec::new();
        let lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        for (set, line) in lines.enumerate() {
            words.extend(line.split_whitespace().map(|w| (normalize(w), set as u16)));
        }
        Self { words }
    }

    /// The modifiers a text names: each word it contains, by its place among `words`.
    pub fn named(&self, text: &str) -> Modifiers {
        let text = normalize(text);
        self.words
            .iter()
            .enumerate()
            .filter(|(_, (word, _))| text.contains(word.as_str()))
            .map(|(at, (_, set))| (*set, at as u16))
            .collect()
    }

    /// Two modifiers of one set, one named by each side and not by the other: what they differ in.
    pub fn clash<'m>(&'m self, need: &Modifiers, product: &Modifiers) -> Option<(&'m str, &'m str)> {
        need.iter().find_map(|&(set, a)| {
            product
                .iter()
                .find(|&&(other_set, b)| other_set == set && !need.contains(&(set, b)) && !product.contains(&(set, a)))
                .map(|&(_, b)| (self.words[a as usize].0.as_str(), self.words[b as usize].0.as_str()))
        })
    }
}

/// The shipped exclusive modifiers' lines as written (`户内 ≠ 户外`), for the 同义词 dialog.
pub fn exclusive_modifier_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        EXCLUSIVE_MODIFIERS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" ≠ "))
            .collect()
    })
}

/// The shipped exclusive modifiers.
pub fn exclusive_modifiers() -> &'static ExclusiveModifiers {
    static MODIFIERS: OnceLock<ExclusiveModifiers> = OnceLock::new();
    MODIFIERS.get_or_init(|| ExclusiveModifiers::parse(EXCLUSIVE_MODIFIERS))
}

/// The shipped look-alikes.
pub fn look_alikes() -> &'static LookAlikes {
    static LOOK: OnceLock<LookAlikes> = OnceLock::new();
    LOOK.get_or_init(|| LookAlikes::parse(LOOK_ALIKES))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lexicon_is_large_and_each_word_names_one_concept() {
        let groups = shipped();
        assert!(groups.len() >= 500, "{} groups", groups.len());
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for concept in groups {
            let line = &concept.written;
            for word in &concept.names {
                assert!(word.chars().count() > 1, "a one-character word in “{line}”");
                if let Some(other) = seen.insert(word, line) {
                    panic!("“{word}” is in “{other}” and in “{line}”");
                }
            }
        }
    }

    #[test]
    fn every_shipped_concept_says_what_it_is_where_it_is_sold_and_how_it_is_measured() {
        let lines = SHIPPED.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        for line in lines {
            let fields: Vec<&str> = line.split(" | ").collect();
            assert_eq!(fields.len(), 4, "names | heads | categories | unit family: “{line}”");
            assert!(!fields[1].trim().is_empty() && !fields[2].trim().is_empty(), "“{line}”");
            let unit = fields[3].trim();
            assert!(unit == "-" || Measure::parse(unit).is_some(), "unit family “{unit}” in “{line}”");
        }
        let kinds = crate::matching::board::synonyms_of(&[]);
        let with_a_kind = (0..shipped().len() as u32).filter(|c| !kinds.kinds_of(*c).is_empty()).count();
        assert!(with_a_kind > 400, "{with_a_kind} concepts are a kind of another");
    }

    #[test]
    fn a_concept_line_reads_its_four_fields() {
        let concept = Concept::parse("气动螺丝刀 风批 | 螺丝刀 | 气动工具 五金工具 | 件").unwrap();
        assert_eq!(concept.names, ["气动螺丝刀", "风批"]);
        assert_eq!(concept.heads, ["螺丝刀"]);
        assert_eq!(concept.categories, ["气动工具", "五金工具"]);
        assert_eq!(concept.measure, Some(Measure::Pieces));
        assert_eq!(concept.describe(Lang::Zh), "气动螺丝刀 风批（属于 螺丝刀；常见类别 气动工具 五金工具；按件计）");
        assert_eq!(
            concept.describe(Lang::En),
            "气动螺丝刀 风批 (a kind of 螺丝刀; filed under 气动工具 五金工具; by the piece)"
        );
        let plain = Concept::parse("卡板 栈板").unwrap();
        assert_eq!((plain.heads.len(), plain.measure), (0, None), "a bare group still reads");
        assert_eq!(Concept::parse("# 包装材料"), None);
    }

    #[test]
    fn exclusive_modifiers_tell_indoor_from_outdoor_but_not_from_silence() {
        let modifiers = ExclusiveModifiers::parse("# comment\n户内 户外\n软态 硬态 半硬\n");
        let clash = |a: &str, b: &str| modifiers.clash(&modifiers.named(a), &modifiers.named(b));
        assert_eq!(clash("静电粉 户内 白色", "粉末涂料 户外聚酯"), Some(("户内", "户外")));
        assert_eq!(clash("静电粉 白色", "粉末涂料 户外聚酯"), None, "the need does not say");
        assert_eq!(clash("粉末涂料 户内户外通用", "粉末涂料 户外"), None, "the product names both");
        assert_eq!(clash("钢带 半硬", "钢带 硬态"), Some(("半硬", "硬态")));
        assert!(exclusive_modifiers().words.len() > 40);
    }

    #[test]
    fn look_alikes_keep_a_machine_from_its_consumable_and_a_part_from_its_whole() {
        let look = LookAlikes::parse("# comment\n焊机 | 焊丝 焊条\n气缸垫 | 气缸\n");
        let clash = |a: &str, b: &str| LookAlikes::clash(&look.marks(a), &look.marks(b)).map(|l| look.word_a(l));
        assert_eq!(clash("二保焊机", "二保焊丝"), Some("焊机"));
        assert_eq!(clash("碳钢焊条", "逆变焊机 ZX7"), Some("焊机"));
        assert_eq!(clash("气缸垫", "标准气缸 SC63"), Some("气缸垫"), "气缸垫 contains 气缸 but is on its own side");
        assert_eq!(clash("气缸", "亚德客气缸"), None);
        assert_eq!(clash("焊丝", "焊条"), None, "both on the B side: not this line's business");
        assert_eq!(clash("焊机焊丝套装", "焊丝"), None, "a kit: on neither side");
        let look = LookAlikes::parse("冲压 | 冲压模具\n");
        assert_eq!(LookAlikes::clash(&look.marks("五金冲压模"), &look.marks("冲压模具")), None, "冲压 is its modifier");
        assert!(LookAlikes::clash(&look.marks("冲压 外协"), &look.marks("冲压模具 级进模")).is_some());
    }

    #[test]
    fn the_shipped_look_alikes_are_read_and_never_pair_words_of_one_synonym_group() {
        let look = look_alikes();
        assert!(look.len() >= 300, "{} lines", look.len());
        let mut group_of: HashMap<&str, usize> = HashMap::new();
        for (n, concept) in shipped().iter().enumerate() {
            group_of.extend(concept.names.iter().map(|w| (w.as_str(), n)));
        }
        for (a, others) in &look.lines {
            for b in others {
                let same = group_of.get(a.as_str()).is_some_and(|g| group_of.get(b.as_str()) == Some(g));
                assert!(!same, "{a} and {b} are synonyms and look-alikes");
            }
        }
    }
}
