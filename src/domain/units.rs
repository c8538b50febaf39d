//! Units of measure as sheets spell them (kg, 公斤, 千克; 吨, t; 个, 件, pcs), grouped into
//! families with a factor to one base unit, so a price per 吨 can be set against one per 公斤.

use super::text::to_half_width;
use crate::i18n::Phrase;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a unit measures. Units of one family convert into each other; of two, never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Base: the kilogram.
    Mass,
    /// Single items, whatever word counts them (个, 件, 只, 根, 片 …): for a price, one item is
    /// one item; and round lots of them (打, 百个, 千个, 万个), as fasteners are priced. Base: one
    /// piece.
    Count,
    /// Base: one pair (双, 对).
    Pair,
    /// Base: one set (套). A set is not a number of pieces.
    Set,
    /// Base: the metre.
    Length,
    /// Base: the square metre.
    Area,
    /// Base: the litre.
    Volume,
    /// A package (箱, 盒, 卷, 包 …), by its Chinese word: how much one holds differs from seller to
    /// seller, so it is only ever the same as itself.
    Pack(&'static str),
}

/// A unit: its family, how many base units one of it is, and what explanations call it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub family: Family,
    pub factor: f64,
    pub name: Phrase,
}

const fn measure(family: Family, factor: f64, zh: &'static str, en: &'static str) -> Unit {
    Unit { family, factor, name: Phrase::new(zh, en) }
}

const fn pack(zh: &'static str, en: &'static str) -> Unit {
    measure(Family::Pack(zh), 1.0, zh, en)
}

/// Every spelling of every unit, lower case.
const SPELLINGS: &[(&[&str], Unit)] = &[
    (&["kg", "kgs", "㎏", "公斤", "千克"], measure(Family::Mass, 1.0, "千克", "kg")),
    (&["g", "克", "gram"], measure(Family::Mass, 0.001, "克", "g")),
    (&["mg", "毫克"], measure(Family::Mass, 1e-6, "毫克", "mg")),
    (&["斤", "市斤"], measure(Family::Mass, 0.5, "斤", "jin")),
    (&["t", "吨", "公吨", "ton", "tons", "tonne"], measure(Family::Mass, 1000.0, "吨", "t")),
    (&["lb", "lbs", "磅"], measure(Family::Mass, 0.453_592_37, "磅", "lb")),
    (
        &[
            "个", "只", "件", "pcs", "pc", "piece", "pieces", "ea", "支", "根", "片", "颗", "粒", "枚", "块", "张",
            "条", "台", "把", "辆",
        ],
        measure(Family::Count, 1.0, "个", "piece"),
    ),
    (&["打", "dozen", "dz"], measure(Family::Count, 12.0, "打", "dozen")),
    (&["百个", "百只", "百件", "百支", "百粒", "百片"], measure(Family::Count, 100.0, "百个", "100 pieces")),
    (
        &["千个", "千只", "千件", "千支", "千粒", "千片", "千颗", "kpcs", "mpcs"],
        measure(Family::Count, 1000.0, "千个", "1,000 pieces"),
    ),
    (&["万个", "万只", "万件", "万支", "万粒", "万片"], measure(Family::Count, 10_000.0, "万个", "10,000 pieces")),
    (&["双", "对", "pair", "pairs"], measure(Family::Pair, 1.0, "双", "pair")),
    (&["套", "set", "sets"], measure(Family::Set, 1.0, "套", "set")),
    (&["m", "米", "公尺"], measure(Family::Length, 1.0, "米", "m")),
    (&["mm", "㎜", "毫米"], measure(Family::Length, 0.001, "毫米", "mm")),
    (&["cm", "㎝", "厘米", "公分"], measure(Family::Length, 0.01, "厘米", "cm")),
    (&["dm", "分米"], measure(Family::Length, 0.1, "分米", "dm")),
    (&["km", "㎞", "公里", "千米"], measure(Family::Length, 1000.0, "公里", "km")),
    (&["inch", "英寸"], measure(Family::Length, 0.0254, "英寸", "inch")),
    (&["ft", "英尺"], measure(Family::Length, 0.3048, "英尺", "ft")),
    (&["㎡", "m2", "m²", "平方米", "平米", "平方", "sqm"], measure(Family::Area, 1.0, "平方米", "m²")),
    (&["cm2", "cm²", "平方厘米"], measure(Family::Area, 1e-4, "平方厘米", "cm²")),
    (&["mm2", "mm²", "平方毫米"], measure(Family::Area, 1e-6, "平方毫米", "mm²")),
    (&["亩"], measure(Family::Area, 10000.0 / 15.0, "亩", "mu")),
    (&["公顷", "ha"], measure(Family::Area, 10000.0, "公顷", "ha")),
    (&["l", "ℓ", "升", "公升"], measure(Family::Volume, 1.0, "升", "L")),
    (&["ml", "㎖", "毫升"], measure(Family::Volume, 0.001, "毫升", "mL")),
    (&["m3", "m³", "立方米", "立方", "cbm"], measure(Family::Volume, 1000.0, "立方米", "m³")),
    (&["箱", "carton", "ctn"], pack("箱", "carton")),
    (&["盒", "box"], pack("盒", "box")),
    (&["卷", "roll"], pack("卷", "roll")),
    (&["包", "pack"], pack("包", "pack")),
    (&["袋", "bag"], pack("袋", "bag")),
    (&["桶", "drum"], pack("桶", "drum")),
    (&["瓶", "bottle"], pack("瓶", "bottle")),
    (&["罐", "can"], pack("罐", "can")),
    (&["捆", "扎", "bundle"], pack("捆", "bundle")),
    (&["托", "pallet"], pack("托", "pallet")),
    (&["盘", "reel"], pack("盘", "reel")),
];

static UNITS: LazyLock<HashMap<&'static str, &'static Unit>> = LazyLock::new(|| {
    SPELLINGS.iter().flat_map(|(spellings, unit)| spellings.iter().map(move |s| (*s, unit))).collect()
});

/// A unit cell as a key: half-width, lower case, no spaces, without what often goes around the
/// unit in a price's unit (元/kg, ¥/件, 每套, /个, pcs.).
fn unit_key(text: &str) -> String {
    let key: String = to_half_width(text).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    let key = ["元/", "¥/", "￥/", "rmb/", "/", "每"].iter().fold(key.as_str(), |k, p| k.strip_prefix(p).unwrap_or(k));
    key.strip_suffix('.').unwrap_or(key).to_string()
}

/// The unit a text spells, if it is a known one.
pub fn unit(text: &str) -> Option<&'static Unit> {
    UNITS.get(unit_key(text).as_str()).copied()
}

/// The family of a unit and how many of its base unit one is: 吨 → (Mass, 1000).
pub fn unit_family(text: &str) -> Option<(Family, f64)> {
    unit(text).map(|u| (u.family, u.factor))
}

/// A price per `from` as a price per `to`: ¥15,000 per 吨 is ¥15 per 公斤. `None` when the
/// units are of different families or unknown; two unknown units spelt alike are the same.
pub fn price_in(price: f64, from: &str, to: &str) -> Option<f64> {
    match (unit(from), unit(to)) {
        (Some(a), Some(b)) => (a.family == b.family).then(|| price * b.factor / a.factor),
        (None, None) => (unit_key(from) == unit_key(to)).then_some(price),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_unit_agree() {
        for text in ["kg", "KG", "Kg", "公斤", "千克", " ｋｇ ", "元/kg", "¥/公斤", "每千克"] {
            assert_eq!(unit_family(text), Some((Family::Mass, 1.0)), "{text}");
        }
        for text in ["吨", "t", "T", "公吨"] {
            assert_eq!(unit_family(text), Some((Family::Mass, 1000.0)), "{text}");
        }
        assert_eq!(unit_family("斤"), Some((Family::Mass, 0.5)));
        assert_eq!(unit_family("克"), Some((Family::Mass, 0.001)));
        for text in ["个", "只", "件", "pcs", "PCS", "pcs.", "支", "根", "片", "颗", "粒"] {
            assert_eq!(unit_family(text), Some((Family::Count, 1.0)), "{text}");
        }
        assert_eq!(unit_family("千个"), Some((Family::Count, 1000.0)), "a lot of a thousand pieces");
        assert_eq!(unit_family("打"), Some((Family::Count, 12.0)));
        assert_eq!(unit_family("套"), Some((Family::Set, 1.0)));
        assert_eq!(unit_family("SET"), Some((Family::Set, 1.0)));
        for text in ["米", "m", "M"] {
            assert_eq!(unit_family(text), Some((Family::Length, 1.0)), "{text}");
        }
        assert_eq!(unit_family("毫米"), Some((Family::Length, 0.001)));
        assert_eq!(unit_family("cm"), Some((Family::Length, 0.01)));
        assert_eq!(unit_family("公里"), Some((Family::Length, 1000.0)));
        for text in ["㎡", "平方米", "m2", "平米", "M²"] {
            assert_eq!(unit_family(text), Some((Family::Area, 1.0)), "{text}");
        }
        assert_eq!(unit_family("升"), Some((Family::Volume, 1.0)));
        assert_eq!(unit_family("L"), Some((Family::Volume, 1.0)));
        assert_eq!(unit_family("毫升"), Some((Family::Volume, 0.001)));
        assert_eq!(unit_family("箱"), Some((Family::Pack("箱"), 1.0)));
        assert_eq!(unit_family("台班"), None);
        assert_eq!(unit_family(""), None);
    }

    #[test]
    fn packages_sets_and_pieces_are_apart() {
        assert_ne!(unit_family("套").map(|u| u.0), unit_family("个").map(|u| u.0));
        assert_ne!(unit_family("箱").map(|u| u.0), unit_family("盒").map(|u| u.0));
        assert_ne!(unit_family("箱").map(|u| u.0), unit_family("个").map(|u| u.0));
    }

    #[test]
    fn prices_convert_within_a_family() {
        let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-9);
        assert!(close(price_in(15000.0, "吨", "kg"), 15.0));
        assert!(close(price_in(12.0, "公斤", "T"), 12000.0));
        assert!(close(price_in(6.0, "斤", "千克"), 12.0));
        assert!(close(price_in(12.0, "件", "pcs"), 12.0));
        assert!(close(price_in(120.0, "千个", "个"), 0.12));
        assert!(close(price_in(120.0, "千个", "千只"), 120.0));
        assert!(close(price_in(6.0, "打", "个"), 0.5));
        assert!(close(price_in(3.0, "米", "mm"), 0.003));
        assert!(close(price_in(2.0, "升", "毫升"), 0.002));
        assert!(close(price_in(5.0, "箱子", " 箱子 "), 5.0), "unknown units spelt alike are alike");
        assert_eq!(price_in(12.0, "kg", "个"), None);
        assert_eq!(price_in(12.0, "套", "个"), None);
        assert_eq!(price_in(12.0, "箱", "盒"), None);
        assert_eq!(price_in(12.0, "kg", "台班"), None);
    }
}
