//! How item names become comparable: synonym groups found by forward maximum matching, then
//! character bigrams (and weak unigrams) for the Chinese left over, and words for Latin letters
//! and digits (SUJ2, M6, φ20). Item names are two to eight characters with specs attached, which
//! n-grams handle without a segmentation dictionary; the synonyms the secretary edits carry what
//! characters cannot (螺丝 = 螺钉, 栈板 = 托盘).

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
        Self { concepts_of, longest }
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

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// The tokens of one field, each with its count. Synonym words are matched longest first and
/// their characters consumed, so 螺钉 and 螺丝 become the same concept and nothing else.
pub fn tokens(text: &str, synonyms: &Synonyms) -> Vec<Token> {
    let chars: Vec<char> = normalize(text).chars().collect();
    let mut out = Vec::new();
    let mut rest = String::new();
    let flush = |rest: &mut String, out: &mut Vec<Token>| {
        char_tokens(rest, out);
        rest.clear();
    };
    let mut i = 0;
    while i < chars.len() {
        let mut matched = None;
        for len in (1..=synonyms.longest.min(chars.len() - i)).rev() {
            let candidate: String = chars[i..i + len].iter().collect();
            if let Some(concepts) = synonyms.concepts_of.get(&candidate) {
                // A Latin word counts only whole: "abs" must not match inside "absorb".
                let whole = !chars[i].is_ascii_alphanumeric()
                    || ((i == 0 || !chars[i - 1].is_ascii_alphanumeric())
                        && chars.get(i + len).is_none_or(|c| !c.is_ascii_alphanumeric()));
                if whole {
                    matched = Some((len, concepts));
                    break;
                }
            }
        }
        match matched {
            Some((len, concepts)) => {
                flush(&mut rest, &mut out);
                out.extend(concepts.iter().map(|c| Token::Concept(*c)));
                i += len;
            }
            None => {
                rest.push(chars[i]);
                i += 1;
            }
        }
    }
    flush(&mut rest, &mut out);
    out
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
        assert_eq!(tokens("导柱导套", &s), vec![Token::Concept(0)]);
        assert_eq!(tokens("导柱", &s), vec![Token::Concept(0)]);
        assert_eq!(tokens("螺钉", &s), tokens("螺丝", &s));
        assert_eq!(tokens("模具标准件", &s), vec![Token::Concept(0), Token::Concept(1)]);
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
        assert_eq!(tokens("ＡＢＳ粒子", &s), vec![Token::Concept(3)]);
        assert!(!tokens("absorber", &s).contains(&Token::Concept(3)));
    }

    #[test]
    fn a_group_line_splits_on_the_separators_people_type() {
        assert_eq!(parse_group(" 纸箱、瓦楞纸箱，包装箱 / 外箱  "), vec!["纸箱", "瓦楞纸箱", "包装箱", "外箱"]);
    }
}
