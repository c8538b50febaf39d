//! Search by pinyin initials: `dsgs` finds 东盛公司.

use pinyin::ToPinyin;

/// Lower-case pinyin initials of the Chinese characters in `text`; other letters and digits are
/// kept (lower-cased), everything else dropped. 东盛公司 → `dsgs`, 3M中国 → `3mzg`.
pub fn pinyin_initials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (ch, pinyin) in text.chars().zip(text.to_pinyin()) {
        match pinyin {
            Some(p) => out.push_str(p.first_letter()),
            None if ch.is_ascii_alphanumeric() => out.push(ch.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

/// What a company is found by: its names as typed (lower-cased) and their pinyin initials,
/// separated so a query never matches across two of them.
pub fn company_search_key(name: &str, short_name: &str) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        name.to_lowercase(),
        short_name.to_lowercase(),
        pinyin_initials(name),
        pinyin_initials(short_name)
    )
}

/// A key that sorts names the way WPS and Excel sort Chinese: by the pinyin of each character in
/// turn, tone after letters (安宝 an1 bao3 before 安博 an1 bo2, 安 before 昂), digits and Latin
/// letters among them by themselves. Characters that read the same are left to a later tie-break.
pub fn pinyin_sort_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() * 2);
    for (ch, pinyin) in text.chars().zip(text.to_pinyin()) {
        match pinyin {
            // "an1": the tone digit ends the syllable and sorts before any letter, so "an" < "ang".
            Some(p) => key.push_str(p.with_tone_num_end()),
            None if ch.is_alphanumeric() => {
                key.extend(ch.to_lowercase());
                key.push('0');
            }
            None => {}
        }
    }
    key
}

/// True when the query (already trimmed and lower-cased) occurs in the key.
pub fn matches(search_key: &str, query: &str) -> bool {
    query.is_empty() || search_key.contains(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_chinese_names() {
        assert_eq!(pinyin_initials("东盛公司"), "dsgs");
        assert_eq!(pinyin_initials("威骏模具"), "wjmj");
        assert_eq!(pinyin_initials("3M中国"), "3mzg");
        assert_eq!(pinyin_initials("（宁波）热电"), "nbrd");
    }

    #[test]
    fn names_sort_by_full_pinyin_as_wps_sorts_them() {
        let mut names = vec!["安博", "昂立", "安宝", "宁波", "A公司", "3M中国", "爱心"];
        names.sort_by_key(|n| pinyin_sort_key(n));
        assert_eq!(names, vec!["3M中国", "A公司", "爱心", "安宝", "安博", "昂立", "宁波"]);
    }

    #[test]
    fn key_finds_by_name_short_name_and_initials() {
        let key = company_search_key("宁波东盛模具标准件有限公司", "东盛公司");
        for query in ["东盛", "标准件", "dsgs", "nbds", "ds"] {
            assert!(matches(&key, query), "{query}");
        }
        assert!(!matches(&key, "威骏"));
        // The separator keeps a query from spanning the end of one name and the start of the next.
        assert!(!matches(&key, "公司东盛"));
    }
}
