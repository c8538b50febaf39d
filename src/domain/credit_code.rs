//! Unified social credit code (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters from the set `0-9 A-H J-N P-R T U W-Y` (no I, O, Z, S, V). The last one is a check
//! character: weights 3^i mod 31 over the first 17, and `31 - sum mod 31` picked from the same set.

/// The 31 characters of the code, in the order of their values.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Why a text is not a valid credit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Not 18 characters long (the count found).
    Length(usize),
    /// A character outside the code's set (position counted from 1).
    BadChar { position: usize, ch: char },
    /// The 18th character does not match the computed one.
    CheckDigit { expected: char, found: char },
}

fn value_of(ch: char) -> Option<u32> {
    CHARSET.iter().position(|&c| c as char == ch).map(|p| p as u32)
}

/// The check character for the first 17 characters, or `None` when one of them is outside the set.
pub fn check_char(first17: &str) -> Option<char> {
    let mut sum = 0;
    let mut count = 0;
    for (ch, weight) in first17.chars().zip(WEIGHTS) {
        sum += value_of(ch)? * weight;
        count += 1;
    }
    if count != 17 || first17.chars().count() != 17 {
        return None;
    }
    let check = (31 - sum % 31) % 31;
    Some(CHARSET[check as usize] as char)
}

/// Upper-cases and trims what people type; validation runs on the result.
pub fn normalize(text: &str) -> String {
    text.trim().to_uppercase()
}

/// Validates an already normalised code.
pub fn validate(code: &str) -> Result<(), CreditCodeError> {
    let len = code.chars().count();
    if len != 18 {
        return Err(CreditCodeError::Length(len));
    }
    for (i, ch) in code.chars().enumerate() {
        if value_of(ch).is_none() {
            return Err(CreditCodeError::BadChar { position: i + 1, ch });
        }
    }
    // All 18 characters are ASCII from the set (checked above), so byte 17 splits off the last.
    let (body, last) = code.split_at(17);
    match (check_char(body), last.chars().next()) {
        (Some(expected), Some(found)) if expected != found => Err(CreditCodeError::CheckDigit { expected, found }),
        _ => Ok(()),
    }
}

/// Builds a valid code from a registration-type prefix (2 chars), a 6-digit division code and an
/// 8-digit organisation body; the organisation code's own check digit (GB 11714) is computed too.
/// Used by the demo federation so every generated company has a code that passes real validators.
pub fn compose(prefix: &str, division: &str, org_body: &str) -> String {
    const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = org_body.chars().zip(ORG_WEIGHTS).map(|(c, w)| value_of(c).unwrap_or(0) * w).sum();
    let org_check = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        d => char::from_digit(d, 10).unwrap_or('0'),
    };
    let first17 = format!("{prefix}{division}{org_body}{org_check}");
    let check = check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes published by the companies themselves (business licences shown on their sites).
    const REAL_CODES: &[&str] = &[
        "914403001922038216", // 华为技术有限公司
        "9144030071526726XG", // 深圳市腾讯计算机系统有限公司
        "91350100M000100Y43", // the example printed in GB 32100-2015 itself
        "91110108551385082Q", // 小米科技有限责任公司
    ];

    #[test]
    fn real_codes_are_valid() {
        for code in REAL_CODES {
            assert_eq!(validate(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn one_changed_character_is_caught() {
        assert_eq!(validate("914403001922038215"), Err(CreditCodeError::CheckDigit { expected: '6', found: '5' }));
        assert!(matches!(validate("914403001922038316"), Err(CreditCodeError::CheckDigit { .. })));
    }

    #[test]
    fn wrong_length_and_letters_outside_the_set() {
        assert_eq!(validate("91440300192203821"), Err(CreditCodeError::Length(17)));
        assert_eq!(validate(""), Err(CreditCodeError::Length(0)));
        assert_eq!(validate("9144030019220382I6"), Err(CreditCodeError::BadChar { position: 17, ch: 'I' }));
    }

    #[test]
    fn normalize_uppercases_and_trims() {
        assert_eq!(normalize(" 9144030071526726xg "), "9144030071526726XG");
    }

    #[test]
    fn composed_codes_validate() {
        for body in ["12345678", "MA2CX0X1", "00000000", "99999999"] {
            let code = compose("91", "330206", body);
            assert_eq!(validate(&code), Ok(()), "{code}");
        }
    }
}
