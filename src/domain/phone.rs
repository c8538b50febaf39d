//! Chinese phone numbers: mobiles (11 digits from 13x–19x), landlines with an area code
//! (0574-86881234, (0574)86881234, 057486881234, optional extension) and 400/800 service numbers.

/// Digits and separators only; full-width digits are folded to ASCII first.
pub fn normalize(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' | '–' => '-',
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

/// True for a plausible mobile, landline or service number (already normalised).
pub fn is_valid(phone: &str) -> bool {
    // An extension may follow the number: 0574-86881234-802 or 0574-86881234转802.
    let main = phone.split(['转', '#']).next().unwrap_or(phone).trim_start_matches("+86").trim();
    let digits: String = main.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_separators = main.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')'));
    if !only_separators {
        return false;
    }
    let is_mobile = digits.len() == 11 && digits.starts_with('1') && matches!(digits.as_bytes()[1], b'3'..=b'9');
    let is_service = digits.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"));
    let is_landline = digits.starts_with('0') && {
        // Area codes are 3 digits (010, 02x) or 4 digits (0574); local numbers 7–8 digits.
        let area = if digits.starts_with("01") || digits.starts_with("02") { 3 } else { 4 };
        let local = digits.len().saturating_sub(area);
        (7..=8).contains(&local) && landline_extension_ok(phone)
    };
    is_mobile || is_service || is_landline
}

fn landline_extension_ok(phone: &str) -> bool {
    match phone.split_once(['转', '#']) {
        None => true,
        Some((_, ext)) => !ext.is_empty() && ext.chars().all(|c| c.is_ascii_digit()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_mobiles_landlines_and_service_numbers() {
        for phone in [
            "13805741234",
            "+86 13805741234",
            "0574-86881234",
            "(0574)86881234",
            "057486881234",
            "010-62751234",
            "021 5080 1234",
            "0574-8688123",
            "0574-86881234转802",
            "400-820-8820",
        ] {
            assert!(is_valid(&normalize(phone)), "{phone}");
        }
    }

    #[test]
    fn rejects_short_long_and_lettered_numbers() {
        for phone in
            ["1380574123", "12805741234", "86881234", "0574-868812345", "abc", "0574-8688123a", "0574-86881234转"]
        {
            assert!(!is_valid(&normalize(phone)), "{phone}");
        }
    }

    #[test]
    fn full_width_digits_are_folded() {
        assert_eq!(normalize("０５７４－８６８８１２３４"), "0574-86881234");
        assert!(is_valid(&normalize("１３８０５７４１２３４")));
    }
}
