//! The trade lexicon Qilian ships: groups of names buyers and sellers use for the same item
//! (卡板 = 栈板 = 托盘), over the trades of an industrial park. Matching reads it beside the
//! secretary's own synonym table; she sees it, read-only, in the 同义词 dialog, and adds her own
//! groups for what it lacks.

use super::text::parse_group;
use std::sync::OnceLock;

/// The lexicon's text: one group per line, words separated by spaces; `#` starts a comment.
const SHIPPED: &str = include_str!("../../assets/lexicon/trade-synonyms.txt");

/// The shipped groups, each as its line reads and as the words matching compares.
pub fn shipped() -> &'static [(String, Vec<String>)] {
    static GROUPS: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        SHIPPED
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|line| (line.to_string(), parse_group(line)))
            .filter(|(_, words)| words.len() > 1)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn the_shipped_lexicon_is_large_and_each_word_names_one_concept() {
        let groups = shipped();
        assert!(groups.len() >= 500, "{} groups", groups.len());
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (line, words) in groups {
            for word in words {
                assert!(word.chars().count() > 1, "a one-character word in “{line}”");
                if let Some(other) = seen.insert(word, line) {
                    panic!("“{word}” is in “{other}” and in “{line}”");
                }
            }
        }
    }
}
