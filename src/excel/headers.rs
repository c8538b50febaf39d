//! Headers of the small sheets people make by hand (sign-in sheets, feedback forms, contest
//! entries): compared without spaces, stars and bracketed notes, and the column that names the
//! company told by what such headers end with.

use crate::domain::text::clean;

/// A header as compared: half-width, lower case, without spaces, stars and bracketed notes
/// such as （必填）.
pub fn header_key(text: &str) -> String {
    let mut key = String::new();
    let mut depth = 0;
    for c in clean(text).to_lowercase().chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            '*' | '＊' | ' ' | ':' | '：' => {}
            _ if depth == 0 => key.push(c),
            _ => {}
        }
    }
    key
}

pub fn names_company(key: &str) -> bool {
    const NOT: [&str; 9] = ["电话", "地址", "代码", "性质", "联系", "人数", "规模", "类型", "行业"];
    const ENDINGS: [&str; 6] = ["单位", "企业", "公司", "名称", "厂家", "厂名"];
    const ENGLISH: [&str; 5] = ["company", "companyname", "organisation", "organization", "member"];
    !NOT.iter().any(|n| key.contains(n))
        && (ENDINGS.iter().any(|e| key.ends_with(e)) && !key.contains("产品") || ENGLISH.contains(&key))
}

pub fn names_credit_code(key: &str) -> bool {
    key.contains("信用代码") || key.contains("creditcode")
}

/// Whether a header names any of `words` (its key contains one).
pub fn names_any(key: &str, words: &[&str]) -> bool {
    words.iter().any(|w| key.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_headers_are_told_from_their_neighbours() {
        for header in ["参会单位（全称）", "企业名称*", "公司", "Company name"] {
            assert!(names_company(&header_key(header)), "{header}");
        }
        for header in ["单位电话", "产品名称", "所属行业", "姓名"] {
            assert!(!names_company(&header_key(header)), "{header}");
        }
        assert!(names_credit_code(&header_key("统一社会信用代码")));
    }
}
