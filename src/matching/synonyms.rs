//! The synonym table matching reads: groups of words that name the same thing. Each group is one
//! line the secretary edits; a group that repeats another word for word is refused.

use super::text::{item_part, parse_group};
use crate::store::{Store, StoreError, SynonymGroup};
use crate::undo::Undo;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub enum SynonymAction {
    Update(i64, String),
    Add(String),
    Delete(i64),
    Restore(i64),
}

/// The words of a group, as a set: order and repeats do not make two groups different.
fn word_set(words: &str) -> BTreeSet<String> {
    parse_group(words).into_iter().collect()
}

/// Why `words` cannot be saved as a group (`id` is the group being edited): no words, or the
/// same words as another group, whose position (from 1) it names.
pub fn problem(words: &str, id: Option<i64>, groups: &[SynonymGroup]) -> Option<GroupProblem> {
    let set = word_set(words);
    if set.is_empty() {
        return Some(GroupProblem::Empty);
    }
    groups.iter().position(|g| Some(g.id) != id && word_set(&g.words) == set).map(|i| GroupProblem::SameAs(i + 1))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupProblem {
    Empty,
    SameAs(usize),
}

impl GroupProblem {
    pub fn message(self, lang: crate::i18n::Lang) -> String {
        match self {
            Self::Empty => lang.pick("至少填一个词", "Give at least one word").into(),
            Self::SameAs(n) => crate::tr!(lang, "与第 {n} 组相同", "Same words as group {n}"),
        }
    }
}

/// The group to add when the secretary says a need and a product near it name the same thing:
/// the item part of each name (the words before any space, letters and digits trimmed from the
/// end: 冷媒 R410A is 冷媒), when they differ.
pub fn teach_pair(need_item: &str, product_name: &str) -> Option<String> {
    let (a, b) = (item_part(need_item), item_part(product_name));
    (a.chars().count() > 1 && b.chars().count() > 1 && a != b).then(|| format!("{a} {b}"))
}

/// Carries out one action; a deletion can be undone.
pub fn apply(store: &mut Store, action: &SynonymAction) -> Result<Option<Undo>, StoreError> {
    match action {
        SynonymAction::Update(id, words) => store.update_synonym_group(*id, words.trim())?,
        SynonymAction::Add(words) => {
            store.add_synonym_group(words.trim())?;
        }
        SynonymAction::Delete(id) => {
            store.delete_synonym_group(*id)?;
            return Ok(Some(Undo::RestoreSynonymGroup(*id)));
        }
        SynonymAction::Restore(id) => store.restore_synonym_group(*id)?,
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_that_repeats_another_is_refused() {
        let groups = vec![
            SynonymGroup { id: 1, words: "螺丝 螺钉 紧固件".into() },
            SynonymGroup { id: 2, words: "托盘 栈板".into() },
        ];
        assert_eq!(problem("紧固件、螺钉 螺丝", None, &groups), Some(GroupProblem::SameAs(1)));
        assert_eq!(problem("螺丝 螺钉", None, &groups), None, "sharing words is fine");
        assert_eq!(problem("托盘 栈板", Some(2), &groups), None, "a group is not a copy of itself");
        assert_eq!(problem("  ", None, &groups), Some(GroupProblem::Empty));
    }

    #[test]
    fn teaching_pairs_the_item_parts_of_the_two_names() {
        assert_eq!(teach_pair("冷媒 R410A", "制冷剂 R22").as_deref(), Some("冷媒 制冷剂"));
        assert_eq!(teach_pair("M6×20 内六角螺丝", "杯头螺钉").as_deref(), Some("内六角螺丝 杯头螺钉"));
        assert_eq!(teach_pair("PA钉 3.5×12", "自攻螺丝").as_deref(), Some("pa钉 自攻螺丝"));
        assert_eq!(teach_pair("NTC 10K", "热敏电阻"), None, "no Chinese item word to pair");
        assert_eq!(teach_pair("托盘 1200", "托盘"), None, "the same word");
    }
}
