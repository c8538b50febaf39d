//! Normalising what people type or paste: full-width forms, stray spaces, numbers with separators.

use super::units;

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

/// Parses a number as people write it in sheets and forms: `1,200`, `１２００`, `¥12.5`, ` 30 `,
/// and with what they write around it: a currency (`12元`, `RMB 12`), a unit or a counting word
/// (`200人`, `3.5吨`, `12元/件`), a multiplier (`1.2万`, `3亿`), "about" (`约200`, `200左右`) and a
/// note in brackets (`12元（含税）`). Empty text is `Ok(None)`.
///
/// What the number is must be plain: a second number (`200-300`, `2026-03-05`, `1/2`, `12,15`), a
/// bound (`200以上`, `200多`), a percentage or a foreign currency is not a number. Units are not
/// converted: `3.5吨` is 3.5, whatever unit the row names (a price `12/件` is 12).
pub fn parse_number(text: &str) -> Result<Option<f64>, NotANumber> {
    // Most cells are plain numbers: read them without the work below.
    if let Ok(n) = text.trim().parse::<f64>() {
        return if n.is_finite() { Ok(Some(n)) } else { Err(NotANumber) };
    }
    let text = to_half_width(text).replace('\u{2212}', "-");
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let text = without_note(text);
    let text = strip_any_suffix(text, &["左右", "上下"]).trim_end();
    let mut rest = text;
    while let Some(stripped) =
        strip_any_prefix(rest, &["大约", "约为", "约合", "约", "大概", "~", "≈", "¥", "￥", "人民币", "rmb", "cny"])
    {
        rest = stripped.trim_start();
    }
    let (numeral, rest) = numeral(rest).ok_or(NotANumber)?;
    let exponent = counted(rest.trim_start()).ok_or(NotANumber)?;
    let value: f64 = match numeral.exponent.saturating_add(exponent) {
        0 => numeral.mantissa.parse(),
        exponent => format!("{}e{exponent}", numeral.mantissa).parse(),
    }
    .map_err(|_| NotANumber)?;
    if value.is_finite() { Ok(Some(value)) } else { Err(NotANumber) }
}

/// The text without a last note in brackets that holds no digit: 12元（含税） → 12元.
fn without_note(text: &str) -> &str {
    let Some(body) = text.strip_suffix([')', ']', '】']) else { return text };
    match body.rfind(['(', '[', '【']) {
        Some(open) if !body[open..].chars().any(|c| c.is_ascii_digit()) => text[..open].trim_end(),
        _ => text,
    }
}

/// The text after the first of `prefixes` it starts with (ASCII compared ignoring case).
fn strip_any_prefix<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        let head = text.get(..p.len())?;
        head.eq_ignore_ascii_case(p).then(|| &text[p.len()..])
    })
}

fn strip_any_suffix<'a>(text: &'a str, suffixes: &[&str]) -> &'a str {
    suffixes.iter().find_map(|s| text.strip_suffix(s)).unwrap_or(text)
}

/// A number's digits as `mantissa`e`exponent`, so a multiplier moves the decimal point exactly.
struct Numeral {
    mantissa: String,
    exponent: i32,
}

/// The number at the start of `text` and what follows it. Digits may be grouped by three with
/// commas or spaces (1,200 and 1 200, not 12,15).
fn numeral(text: &str) -> Option<(Numeral, &str)> {
    let bytes = text.as_bytes();
    let digits_from = |i: usize| bytes.get(i..).map_or(0, |b| b.iter().take_while(|b| b.is_ascii_digit()).count());
    let mut mantissa = String::new();
    let mut i = 0;
    if let Some(&sign @ (b'-' | b'+')) = bytes.first() {
        mantissa.push(char::from(sign));
        i = 1;
    }
    let first = digits_from(i);
    mantissa.push_str(&text[i..i + first]);
    i += first;
    // A separator counts only before exactly three digits, after a first group of at most three.
    while (1..=3).contains(&first) && matches!(bytes.get(i), Some(b',' | b' ')) && digits_from(i + 1) == 3 {
        mantissa.push_str(&text[i + 1..i + 4]);
        i += 4;
    }
    let mut fraction = 0;
    if bytes.get(i) == Some(&b'.') {
        fraction = digits_from(i + 1);
        mantissa.push('.');
        mantissa.push_str(&text[i + 1..i + 1 + fraction]);
        mantissa.push('0');
        i += 1 + fraction;
    }
    if first == 0 && fraction == 0 {
        return None;
    }
    let mut exponent = 0;
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let signed = usize::from(matches!(bytes.get(i + 1), Some(b'-' | b'+')));
        let digits = digits_from(i + 1 + signed);
        if digits > 0 {
            exponent = text[i + 1..i + 1 + signed + digits].parse().ok()?;
            i += 1 + signed + digits;
        }
    }
    Some((Numeral { mantissa, exponent }, &text[i..]))
}

/// What may follow a number: a multiplier, then a currency, counting word or unit, then a per-
/// unit part (/件, /年). The multiplier's power of ten, or `None` when the text says more than a
/// number.
fn counted(text: &str) -> Option<i32> {
    if text.is_empty() {
        return Some(0);
    }
    let (amount, per) = match text.split_once('/') {
        // The per part names what the number is counted per, never another number.
        Some((amount, per)) => {
            let per = per.trim();
            if per.is_empty() || per.chars().any(|c| c.is_ascii_digit() || c == '/') {
                return None;
            }
            (amount.trim_end(), true)
        }
        None => (text, false),
    };
    // 1.2M and 5G are as often millions and giga- as metres and grams.
    if matches!(amount, "M" | "G") {
        return None;
    }
    // A unit that begins like a multiplier is the unit: 12千克 is 12 kilograms. A lot of pieces
    // is the multiplier: 3千个 is 3,000 pieces, whatever the row's unit column says (个 usually).
    if units::unit(amount).is_some_and(|u| u.family != units::Family::Count || u.factor == 1.0) {
        return Some(0);
    }
    const MULTIPLIERS: [(&str, i32); 7] =
        [("千万", 7), ("百万", 6), ("十万", 5), ("万", 4), ("亿", 8), ("千", 3), ("百", 2)];
    let (exponent, word) = MULTIPLIERS
        .iter()
        .find_map(|(m, e)| amount.strip_prefix(m).map(|w| (*e, w.trim_start())))
        .unwrap_or((0, amount));
    (word.is_empty() && (exponent > 0 || per) || is_counting_word(word)).then_some(exponent)
}

/// A currency, a word people count with, or a unit: 元, 人, 台, kg, 套.
fn is_counting_word(word: &str) -> bool {
    const WORDS: [&str; 13] =
        ["元", "圆", "块钱", "元人民币", "人民币", "rmb", "cny", "人", "名", "位", "户", "家", "次"];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) || units::unit(word).is_some()
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
        assert_eq!(parse_number("-12.5"), Ok(Some(-12.5)));
        assert_eq!(parse_number("1 200"), Ok(Some(1200.0)));
        assert_eq!(parse_number("12,345,678.9"), Ok(Some(12_345_678.9)));
        assert_eq!(parse_number(".5"), Ok(Some(0.5)));
        assert_eq!(parse_number("1e3"), Ok(Some(1000.0)));
    }

    #[test]
    fn numbers_with_units_currencies_and_multipliers() {
        let cases = [
            ("200人", 200.0),
            ("200 人", 200.0),
            ("¥12", 12.0),
            ("￥12", 12.0),
            ("12元", 12.0),
            ("RMB 12", 12.0),
            ("12元人民币", 12.0),
            ("1.2万", 12_000.0),
            ("1.2万元", 12_000.0),
            ("３亿", 300_000_000.0),
            ("12万吨", 120_000.0),
            ("约200", 200.0),
            ("约为200", 200.0),
            ("200左右", 200.0),
            ("约¥1,200元", 1200.0),
            ("3.5吨", 3.5),
            ("12千克", 12.0),
            ("3千个", 3000.0),
            ("12元/件", 12.0),
            ("12/件", 12.0),
            ("¥15,000/吨", 15_000.0),
            ("200吨/年", 200.0),
            ("12元（含税）", 12.0),
            ("120米", 120.0),
            ("50 pcs", 50.0),
            ("12m", 12.0),
            ("2.5kg", 2.5),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_number(text), Ok(Some(expected)), "{text}");
        }
    }

    #[test]
    fn two_numbers_bounds_and_dates_are_not_a_number() {
        for text in [
            "200-300",
            "200~300",
            "12,15",
            "12 15",
            "2026-03-05",
            "2026.3.5",
            "2026/3/5",
            "2026年3月",
            "2026年",
            "1/2",
            "0574-86881234",
            "200以上",
            "200多人",
            "12元起",
            "10%",
            "$12",
            "12块5",
            "12(2026年)",
            "M12",
            "12k",
            "1.2M",
            "1e400",
            "1e2147483647万",
            "元",
            "约",
        ] {
            assert_eq!(parse_number(text), Err(NotANumber), "{text}");
        }
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
