//! Numbers, money, distances and dates, written the same way everywhere (and the same way in
//! both languages: the park's readers know ¥, m and 2026-03-05).

use chrono::NaiveDate;

/// Digits of a whole number in groups of three: 50000 → 50,000.
fn grouped(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with thousands separators: 50,000.
pub fn count(n: usize) -> String {
    grouped(&n.to_string())
}

/// ¥ with thousands separators; cents only below ¥100.
pub fn money(yuan: f64) -> String {
    if yuan.abs() < 100.0 && yuan.fract().abs() > 1e-9 {
        return format!("¥{yuan:.2}");
    }
    let sign = if yuan < 0.0 { "-" } else { "" };
    format!("{sign}¥{}", grouped(&format!("{:.0}", yuan.abs())))
}

/// 424 m, 2.3 km.
pub fn distance(metres: f64) -> String {
    if metres < 1000.0 { format!("{metres:.0} m") } else { format!("{:.1} km", metres / 1000.0) }
}

/// A number as a person writes it: whole numbers without ".0", others as they are.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// Points a judge gave or a contestant earned: at most two decimals, no trailing zeros (83.5, 90).
pub fn points(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A rate between 0 and 1 as a whole percentage, or a dash when there is nothing to rate.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or("—".into(), |x| format!("{:.0}%", x * 100.0))
}

/// A score between 0 and 1, two decimals.
pub fn score(x: f64) -> String {
    format!("{x:.2}")
}

pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The days of the week from Monday, as a calendar's header writes them.
pub fn weekday_names(lang: crate::i18n::Lang) -> [&'static str; 7] {
    match lang {
        crate::i18n::Lang::Zh => ["一", "二", "三", "四", "五", "六", "日"],
        crate::i18n::Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    }
}

/// Money in a few characters, for a chart's label: ¥64.8万 / ¥648k.
pub fn money_short(yuan: f64, lang: crate::i18n::Lang) -> String {
    let short = |x: f64| {
        let text = format!("{x:.1}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match lang {
        _ if yuan.abs() < 10_000.0 => money(yuan),
        crate::i18n::Lang::Zh if yuan.abs() >= 1e8 => format!("¥{}亿", short(yuan / 1e8)),
        crate::i18n::Lang::Zh => format!("¥{}万", short(yuan / 1e4)),
        crate::i18n::Lang::En if yuan.abs() >= 1e6 => format!("¥{}M", short(yuan / 1e6)),
        crate::i18n::Lang::En => format!("¥{}k", short(yuan / 1e3)),
    }
}

/// The month of a date: 2026-03.
pub fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_has_separators_and_cents_only_when_small() {
        assert_eq!(money(648_000.0), "¥648,000");
        assert_eq!(money(12.0), "¥12");
        assert_eq!(money(12.5), "¥12.50");
        assert_eq!(money(-1234.4), "-¥1,234");
    }

    #[test]
    fn short_money_for_charts() {
        use crate::i18n::Lang;
        assert_eq!(money_short(648_000.0, Lang::Zh), "¥64.8万");
        assert_eq!(money_short(1_200_000.0, Lang::En), "¥1.2M");
        assert_eq!(money_short(250_000_000.0, Lang::Zh), "¥2.5亿");
        assert_eq!(money_short(9_000.0, Lang::En), "¥9,000");
    }

    #[test]
    fn counts_numbers_and_distances() {
        assert_eq!(count(50_000), "50,000");
        assert_eq!(count(347), "347");
        assert_eq!(number(120.0), "120");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(distance(424.4), "424 m");
        assert_eq!(distance(2345.0), "2.3 km");
        assert_eq!(month(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "2026-03");
    }
}
