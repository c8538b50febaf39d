//! Normalising what people type or paste: full-width forms, stray spaces, numbers with separators.

/// Folds full-width ASCII (Ａ１＋ …) and the ideographic space to their half-width forms.
pub fn to_half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Half-width, trimmed, runs of whitespace collapsed to one space.
pub fn clean(text: &str) -> String {
    to_half_width(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text that was meant to be a number and is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// Parses a number as people write it in sheets and forms: `1,200`, `１２００`, `¥12.5`, ` 30 `.
/// Empty text is `Ok(None)`.
pub fn parse_number(text: &str) -> Result<Option<f64>, NotANumber> {
    let cleaned: String = to_half_width(text).chars().filter(|c| !matches!(c, ',' | '，' | ' ' | '¥' | '￥')).collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    match cleaned.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(NotANumber),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_full_width_and_spaces() {
        assert_eq!(clean("  东盛　 公司 "), "东盛 公司");
        assert_eq!(clean("ＡＢＣ１２３"), "ABC123");
    }

    #[test]
    fn parses_numbers_as_written() {
        assert_eq!(parse_number("1,200"), Ok(Some(1200.0)));
        assert_eq!(parse_number("１２．５"), Ok(Some(12.5)));
        assert_eq!(parse_number("¥ 30"), Ok(Some(30.0)));
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("三十"), Err(NotANumber));
        assert_eq!(parse_number("NaN"), Err(NotANumber));
    }
}

/// Parses dates as people type them: 2026-3-5, 2026/03/05, 2026.3.5, 2026年3月5日.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let cleaned = to_half_width(text.trim()).replace('日', "");
    let parts: Vec<&str> =
        cleaned.split(['-', '/', '.', '年', '月']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod date_tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn parses_the_usual_date_spellings() {
        let expected = NaiveDate::from_ymd_opt(2026, 3, 5);
        for text in ["2026-3-5", "2026/03/05", "2026.3.5", "2026年3月5日", " ２０２６-03-05 "] {
            assert_eq!(parse_date(text), expected, "{text}");
        }
        assert_eq!(parse_date("2026-2-30"), None);
        assert_eq!(parse_date("明年"), None);
    }
}
