//! Where the park is, and where a supplier is relative to it.
//!
//! Sheets name a supplier's place the way people say it: 北仑, 江苏, 省外, 德国进口, 香港. Each
//! name is looked up among the country's divisions (`assets/regions/divisions.tsv`, with short
//! forms derived from the full names) and the countries of the world (`countries.txt`), then
//! placed relative to the park's own city and province. The files' first lines name their sources
//! and licences.

use super::SupplierRegion;
use super::text::{clean, to_half_width};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The park's city and province, as the secretary set them (宁波 / 浙江). Empty when not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParkPlace {
    pub city: String,
    pub province: String,
}

impl ParkPlace {
    pub fn new(city: &str, province: &str) -> Self {
        Self { city: clean(city), province: clean(province) }
    }

    /// Where a supplier written as `text` is relative to the park, or `None` when the text names
    /// no place, or a place that cannot be told apart (a mainland name while the park's place is
    /// not set, or a name several places share that lie at different distances).
    pub fn supplier_region(&self, text: &str) -> Option<SupplierRegion> {
        let cleaned = clean(text);
        if let Some(region) = SupplierRegion::from_label(&cleaned) {
            return Some(region);
        }
        let park = Park::of(self);
        let key = squeeze(&cleaned);
        let mut region = None;
        // 江苏/上海 lists alternatives: they must agree.
        for part in key.split(['、', '/', ',', ';', '|']).filter(|p| !p.is_empty()) {
            let found = read(part, &park, 0)?;
            if region.is_some_and(|r| r != found) {
                return None;
            }
            region = Some(found);
        }
        region
    }
}

/// For records whose fields do not depend on where the park is.
pub static NOWHERE: ParkPlace = ParkPlace { city: String::new(), province: String::new() };

/// The text as a key: half-width, lower case, without spaces and the marks that join the parts
/// of one place (浙江-宁波, 浙江·宁波).
fn squeeze(text: &str) -> String {
    to_half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '·' | '•' | '—' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words that say where the supplier is without naming a place.
fn relative_word(text: &str) -> Option<SupplierRegion> {
    use SupplierRegion::*;
    Some(match text {
        "园区" | "园区内" | "本园区" | "园内" | "本园" | "同园区" => Park,
        // 本地 is read as the city: a member calls "local" what is in its own city, not only the
        // park. 外地 and 外市 are left out: they may or may not be in the province.
        "本地" | "本市" | "市内" | "同城" | "同市" | "当地" | "市区" | "本县" | "县内" => City,
        "省内" | "本省" | "同省" => Province,
        "省外" | "外省" | "外省市" | "国内" | "内地" | "大陆" | "中国" | "中国大陆" | "中国内地" | "全国" | "国产" => {
            Domestic
        }
        "港澳台" | "港澳" | "港台" | "澳台" | "台港澳" => HongKongMacaoTaiwan,
        "国外" | "境外" | "海外" | "进口" | "外国" | "国际" | "欧美" | "日韩" | "欧美日" | "欧美日韩" => {
            Abroad
        }
        _ => return None,
    })
}

/// What may stand before or after a place without changing where it is: 原装, 中国 (中国香港),
/// 进口 (德国进口), 产 (美国产), 地区, 本地 (宁波本地), 厂家.
const PREFIXES: &str = "中国 原装 产自 来自 原产";
const SUFFIXES: &str = "进口 原装 原产 制造 生产 出产 产 品牌 货 厂家 厂商 供应商 企业 公司 地区 本地";

/// The region `text` (squeezed) names: a word, a place, or either with brackets or affixes.
fn read(text: &str, park: &Park, depth: u8) -> Option<SupplierRegion> {
    if let Some(region) = relative_word(text).or_else(|| SupplierRegion::from_label(text)) {
        return Some(region);
    }
    if let Some(places) = INDEX.places(text) {
        return park.region_among(&places);
    }
    // Affixes nest at most a few deep (日本原装进口); this bounds the search.
    if depth >= 4 {
        return None;
    }
    // 省外(江苏): the text outside the brackets says it, else the note inside.
    if let Some((open, bracket)) = text.char_indices().find(|(_, c)| matches!(c, '(' | '[' | '【')) {
        let inner_start = open + bracket.len_utf8();
        let (inner, after) = match text[inner_start..].char_indices().find(|(_, c)| matches!(c, ')' | ']' | '】')) {
            Some((close, c)) => (&text[inner_start..inner_start + close], &text[inner_start + close + c.len_utf8()..]),
            None => (&text[inner_start..], ""),
        };
        let outer = format!("{}{after}", &text[..open]);
        return read(&outer, park, depth + 1).or_else(|| read(inner, park, depth + 1));
    }
    let stripped = PREFIXES
        .split(' ')
        .filter_map(|p| text.strip_prefix(p))
        .chain(SUFFIXES.split(' ').filter_map(|s| text.strip_suffix(s)))
        .filter(|rest| !rest.is_empty());
    for rest in stripped {
        if let Some(region) = read(rest, park, depth + 1) {
            return Some(region);
        }
    }
    None
}

// The divisions and countries, indexed by every name they go by.

const DIVISIONS: &str = include_str!("../../assets/regions/divisions.tsv");
const COUNTRIES: &str = include_str!("../../assets/regions/countries.txt");

/// Places the data files do not list: the cities of Taiwan, Hong Kong and Macao (the division
/// list stops at the region), counted as the region itself.
const HMT_PLACES: [(&str, u32); 14] = [
    ("台北市", 710000),
    ("新北市", 710000),
    ("桃园市", 710000),
    ("台中市", 710000),
    ("台南市", 710000),
    ("高雄市", 710000),
    ("基隆市", 710000),
    ("新竹市", 710000),
    ("嘉义市", 710000),
    ("九龙", 810000),
    ("新界", 810000),
    ("港岛", 810000),
    ("氹仔", 820000),
    ("路环", 820000),
];

/// Short names of countries in common use that cannot be derived from the full ones.
const COUNTRY_NICKNAMES: [&str; 5] = ["阿联酋", "沙特", "南韩", "美利坚", "俄国"];

/// The administrative suffixes a short name drops, longest first (浦东新区 → 浦东, not 浦东新).
const SUFFIXES_OF_DIVISIONS: &str = "特别行政区 自治区 自治州 自治县 自治旗 新区 林区 特区 地区 省 市 区 县 旗 盟";

/// Peoples named in autonomous divisions (广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边); 各 is
/// 龙胜各族自治县's "all peoples".
const PEOPLES: &str = "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 \
    佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 \
    普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各";

/// The name people use for a division, when it differs from the full one: 江苏省 → 江苏,
/// 北仑区 → 北仑, 新疆维吾尔自治区 → 新疆. A name of one character is never a short form.
fn short_division_name(name: &'static str) -> Option<&'static str> {
    let (core, suffix) = SUFFIXES_OF_DIVISIONS.split(' ').find_map(|s| name.strip_suffix(s).map(|core| (core, s)))?;
    let core = if suffix.starts_with("自治") { without_peoples(core) } else { core };
    (core.chars().count() >= 2).then_some(core)
}

/// An autonomous division's place name without the peoples after it: the text before the first
/// people named from its third character on (a people of one character only when 族 follows,
/// so 白沙 stays whole).
fn without_peoples(core: &'static str) -> &'static str {
    let cut = core.char_indices().skip(2).find(|(i, _)| {
        let rest = &core[*i..];
        PEOPLES
            .split_whitespace()
            .any(|p| rest.starts_with(p) && (p.chars().count() > 1 || rest[p.len()..].starts_with('族')))
    });
    let core = cut.map_or(core, |(i, _)| &core[..i]);
    // 东乡族自治县 names only its people.
    core.strip_suffix('族').filter(|c| c.chars().count() >= 2).unwrap_or(core)
}

/// A country's short name: 多米尼加共和国 → 多米尼加, 孟加拉国 → 孟加拉.
fn short_country_name(name: &'static str) -> Option<&'static str> {
    name.strip_suffix("共和国").or_else(|| name.strip_suffix('国')).filter(|c| c.chars().count() >= 2)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A division by its code: 330000 a province, 330200 a prefecture, 330206 a county.
    Division(u32),
    Country,
}

/// A place a name stands for, and whether the name is the place's full one.
#[derive(Debug, Clone, Copy)]
struct Entry {
    place: Place,
    full: bool,
}

struct Index {
    names: HashMap<&'static str, Vec<Entry>>,
    /// The longest name, in characters: how far a name can reach when splitting 浙江宁波北仑.
    longest: usize,
    /// Provinces the data lists no prefectures for, each a city on its own: the municipalities,
    /// and Hong Kong, Macao and Taiwan.
    municipalities: Vec<u32>,
}

static INDEX: LazyLock<Index> = LazyLock::new(Index::build);

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Index {
    fn build() -> Self {
        let mut index = Index { names: HashMap::with_capacity(8000), longest: 0, municipalities: Vec::new() };
        let mut divisions = Vec::new();
        for line in data_lines(DIVISIONS) {
            if let Some((code, name)) = line.split_once('\t')
                && let Ok(code) = code.trim().parse::<u32>()
            {
                divisions.push((code, name.trim()));
            }
        }
        for (code, name) in divisions.iter().copied().chain(HMT_PLACES.iter().map(|&(name, code)| (code, name))) {
            index.add(name, Place::Division(code), true);
            if let Some(short) = short_division_name(name) {
                index.add(short, Place::Division(code), false);
            }
        }
        for name in data_lines(COUNTRIES) {
            index.add(name, Place::Country, true);
            if let Some(short) = short_country_name(name) {
                index.add(short, Place::Country, false);
            }
        }
        for name in COUNTRY_NICKNAMES {
            index.add(name, Place::Country, false);
        }
        let has_prefectures =
            |province: u32| divisions.iter().any(|&(c, _)| province_of(c) == province && level(c) == Level::Prefecture);
        index.municipalities =
            divisions.iter().map(|&(c, _)| c).filter(|&c| level(c) == Level::Province && !has_prefectures(c)).collect();
        index
    }

    fn add(&mut self, name: &'static str, place: Place, full: bool) {
        self.longest = self.longest.max(name.chars().count());
        let entries = self.names.entry(name).or_default();
        match entries.iter_mut().find(|e| e.place == place) {
            Some(entry) => entry.full |= full,
            None => entries.push(Entry { place, full }),
        }
    }

    /// The places a text names: one name (江苏, 北仑区), or names each within the one before
    /// (浙江宁波, 江苏省苏州市). `None` when it is not made of names.
    fn places(&self, text: &str) -> Option<Vec<Place>> {
        if let Some(entries) = self.names.get(text) {
            return Some(preferred(entries.iter().copied()));
        }
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        // A place name has two characters at least, and a sheet's cell rarely holds more than
        // province, city and county.
        if bounds.len() > 3 * self.longest + 1 {
            return None;
        }
        self.chain(text, &bounds, 0, None)
    }

    /// Splits `text` from the character `start` into names, each a place within the one before,
    /// longest names first; the places the last name can be.
    fn chain(&self, text: &str, bounds: &[usize], start: usize, within: Option<&[Place]>) -> Option<Vec<Place>> {
        if start + 1 == bounds.len() {
            return within.map(<[Place]>::to_vec);
        }
        let last = (start + self.longest).min(bounds.len() - 1);
        for end in (start + 2..=last).rev() {
            let Some(entries) = self.names.get(&text[bounds[start]..bounds[end]]) else { continue };
            let fitting =
                entries.iter().copied().filter(|e| within.is_none_or(|w| w.iter().any(|o| holds(*o, e.place))));
            let places = preferred(fitting);
            if places.is_empty() {
                continue;
            }
            if let Some(found) = self.chain(text, bounds, end, Some(&places)) {
                return Some(found);
            }
        }
        None
    }
}

/// The places a name stands for, full names first: 黑山 is the country before 黑山县.
fn preferred(entries: impl Iterator<Item = Entry> + Clone) -> Vec<Place> {
    let any_full = entries.clone().any(|e| e.full);
    entries.filter(|e| e.full || !any_full).map(|e| e.place).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Province,
    Prefecture,
    County,
}

fn level(code: u32) -> Level {
    if code.is_multiple_of(10000) {
        Level::Province
    } else if code.is_multiple_of(100) {
        Level::Prefecture
    } else {
        Level::County
    }
}

fn province_of(code: u32) -> u32 {
    code / 10000 * 10000
}

/// The prefecture a division belongs to. A county-level city the province governs directly
/// (仙桃 429004, codes xx90xx) belongs to none but itself.
fn prefecture_of(code: u32) -> u32 {
    if code / 100 % 100 == 90 { code } else { code / 100 * 100 }
}

/// Whether division `outer` holds division `inner` (or is it).
fn contains(outer: u32, inner: u32) -> bool {
    match level(outer) {
        Level::Province => province_of(inner) == outer,
        Level::Prefecture => prefecture_of(inner) == outer,
        Level::County => inner == outer,
    }
}

fn holds(outer: Place, inner: Place) -> bool {
    matches!((outer, inner), (Place::Division(o), Place::Division(i)) if contains(o, i))
}

/// Hong Kong, Macao and Taiwan.
fn is_hmt(code: u32) -> bool {
    matches!(province_of(code), 710000 | 810000 | 820000)
}

/// The park's place as divisions: its province, and the city (or municipality, or county-level
/// city) it is in, when the settings name ones the index knows.
#[derive(Debug, Clone, Copy)]
struct Park {
    province: Option<u32>,
    locality: Option<u32>,
}

thread_local! {
    /// The park last placed on this thread: an import reads every row against the same one.
    static LAST_PARK: RefCell<Option<(ParkPlace, Park)>> = const { RefCell::new(None) };
}

impl Park {
    fn of(place: &ParkPlace) -> Self {
        LAST_PARK.with_borrow_mut(|last| match last {
            Some((seen, park)) if seen == place => *park,
            _ => {
                let park = Park::locate(place);
                *last = Some((place.clone(), park));
                park
            }
        })
    }

    fn locate(place: &ParkPlace) -> Self {
        let index = &*INDEX;
        let divisions = |text: &str| -> Vec<u32> {
            index
                .places(&squeeze(text))
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| match p {
                    Place::Division(code) => Some(code),
                    Place::Country => None,
                })
                .collect()
        };
        let province = single(divisions(&place.province).into_iter().filter(|&c| level(c) == Level::Province));
        let localities: Vec<u32> = divisions(&place.city)
            .into_iter()
            .filter(|&c| level(c) != Level::Province || index.municipalities.contains(&c))
            .filter(|&c| province.is_none_or(|p| province_of(c) == p))
            .collect();
        // 朝阳 in 辽宁 is the prefecture, not the county of the same name.
        let top = localities.iter().map(|&c| level(c)).min();
        let locality = single(localities.into_iter().filter(|&c| Some(level(c)) == top));
        Park { province: province.or(locality.map(province_of)), locality }
    }

    fn region_of(&self, place: Place) -> Option<SupplierRegion> {
        let code = match place {
            Place::Country => return Some(SupplierRegion::Abroad),
            Place::Division(code) if is_hmt(code) => return Some(SupplierRegion::HongKongMacaoTaiwan),
            Place::Division(code) => code,
        };
        if province_of(code) != self.province? {
            return Some(SupplierRegion::Domestic);
        }
        match self.locality {
            Some(locality) if contains(locality, code) => Some(SupplierRegion::City),
            Some(_) => Some(SupplierRegion::Province),
            // Without the park's city only the province itself is surely 省内.
            None => (code == province_of(code)).then_some(SupplierRegion::Province),
        }
    }

    /// The region of a name several places share: the ones in the park's province if any (a
    /// member writing 江北 means its own), and only if they all lie at one distance.
    fn region_among(&self, places: &[Place]) -> Option<SupplierRegion> {
        let home: Vec<Place> = places
            .iter()
            .copied()
            .filter(|p| matches!(p, Place::Division(c) if Some(province_of(*c)) == self.province))
            .collect();
        let pool = if home.is_empty() { places } else { &home };
        let mut region = None;
        for place in pool {
            let found = self.region_of(*place)?;
            if region.is_some_and(|r| r != found) {
                return None;
            }
            region = Some(found);
        }
        region
    }
}

/// The one item, if there is exactly one distinct.
fn single(items: impl Iterator<Item = u32>) -> Option<u32> {
    let mut found = None;
    for item in items {
        if found.is_some_and(|f| f != item) {
            return None;
        }
        found = Some(item);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use SupplierRegion::*;

    fn ningbo() -> ParkPlace {
        ParkPlace::new("宁波", "浙江")
    }

    fn assert_regions(place: &ParkPlace, expected: SupplierRegion, texts: &[&str]) {
        for text in texts {
            assert_eq!(place.supplier_region(text), Some(expected), "{text} for {place:?}");
        }
    }

    #[test]
    fn labels_and_codes_still_work_in_both_languages() {
        for region in SupplierRegion::ALL {
            for place in [&NOWHERE, &ningbo()] {
                for text in [region.code(), region.phrase().zh, region.phrase().en] {
                    assert_eq!(place.supplier_region(text), Some(region), "{text}");
                }
            }
        }
    }

    #[test]
    fn the_issue_examples_read_for_a_park_in_ningbo() {
        let p = ningbo();
        assert_regions(
            &p,
            Domestic,
            &["省外", "外省", "江苏", "山东", "山东省", "苏州", "上海", "内蒙古", "广西", "新疆"],
        );
        assert_regions(&p, City, &["本地", "本市", "市内", "同城", "北仑", "北仑区", "宁波", "宁波市", "慈溪"]);
        assert_regions(&p, Province, &["浙江", "浙江省", "省内", "本省", "杭州", "温州市", "景宁"]);
        assert_regions(&p, Park, &["园区内", "本园区", "园区"]);
        assert_regions(
            &p,
            HongKongMacaoTaiwan,
            &["香港", "澳门", "台湾", "港澳", "港台", "港澳台", "中国香港", "台北"],
        );
        assert_regions(
            &p,
            Abroad,
            &["国外", "境外", "海外", "进口", "德国进口", "日本进口", "日本", "美国产", "原装进口"],
        );
        assert_regions(
            &p,
            Abroad,
            &["瑞士", "瑞典", "意大利", "韩国", "英国", "法国", "孟加拉", "阿联酋", "日本原装进口"],
        );
    }

    #[test]
    fn provinces_and_cities_need_the_parks_place() {
        for text in ["江苏", "北仑", "宁波", "浙江", "苏州市"] {
            assert_eq!(NOWHERE.supplier_region(text), None, "{text}");
        }
        // These do not depend on where the park is.
        assert_regions(&NOWHERE, HongKongMacaoTaiwan, &["香港", "台湾省", "澳门特别行政区"]);
        assert_regions(&NOWHERE, Abroad, &["德国进口", "美国"]);
        assert_regions(&NOWHERE, Domestic, &["省外", "国产"]);
        assert_regions(&NOWHERE, City, &["本地"]);
    }

    #[test]
    fn a_park_with_only_its_province_knows_what_is_outside() {
        let p = ParkPlace::new("", "浙江省");
        assert_regions(&p, Domestic, &["江苏", "上海"]);
        assert_regions(&p, Province, &["浙江"]);
        assert_eq!(p.supplier_region("杭州"), None, "city or province: cannot tell");
        // The province follows from the city alone.
        assert_regions(&ParkPlace::new("宁波市", ""), Province, &["杭州"]);
    }

    #[test]
    fn full_names_and_chains_of_names() {
        let p = ningbo();
        assert_regions(&p, City, &["浙江宁波", "浙江省宁波市北仑区", "宁波北仑", "浙江 宁波", "浙江-宁波"]);
        assert_regions(&p, Domestic, &["江苏省苏州市", "山东青岛", "广西壮族自治区", "新疆维吾尔自治区"]);
        assert_regions(&p, Province, &["浙江杭州"]);
        assert_eq!(p.supplier_region("江苏宁波"), None, "宁波 is not in 江苏");
        assert_eq!(p.supplier_region("宁波某某路8号"), None, "an address is not a region");
    }

    #[test]
    fn shared_names_prefer_the_parks_province_else_agree() {
        let p = ningbo();
        // 江北区 is in both 宁波 and 重庆.
        assert_regions(&p, City, &["江北"]);
        assert_regions(&ParkPlace::new("重庆", "重庆"), City, &["江北"]);
        assert_regions(&ParkPlace::new("成都", "四川"), Domestic, &["江北"]);
        // 朝阳 is a city and counties in other provinces: all domestic from 宁波.
        assert_regions(&p, Domestic, &["朝阳"]);
        assert_regions(&ParkPlace::new("沈阳", "辽宁"), Province, &["朝阳"]);
        assert_regions(&ParkPlace::new("北京", "北京"), City, &["朝阳", "朝阳区", "海淀"]);
        assert_regions(&ParkPlace::new("上海", "上海市"), City, &["浦东", "浦东新区", "上海", "普陀区"]);
        // 普陀区 is in 上海 and in 舟山.
        assert_regions(&p, Province, &["普陀区", "普陀"]);
        assert_regions(&ParkPlace::new("苏州", "江苏"), Domestic, &["普陀区"]);
        // 鼓楼区 is in 南京 and 徐州 (and elsewhere): both of 苏州's province, at one distance.
        assert_regions(&ParkPlace::new("苏州", "江苏"), Province, &["鼓楼区"]);
        assert_regions(&p, Domestic, &["鼓楼区"]);
    }

    #[test]
    fn a_county_level_park_city() {
        let p = ParkPlace::new("昆山", "江苏");
        assert_regions(&p, City, &["昆山", "昆山市", "本市"]);
        assert_regions(&p, Province, &["苏州", "南京"]);
        assert_regions(&p, Domestic, &["宁波"]);
    }

    #[test]
    fn brackets_affixes_and_alternatives() {
        let p = ningbo();
        assert_regions(&p, Domestic, &["省外（江苏）", "江苏/上海", "江苏、山东", "江苏地区"]);
        assert_regions(&p, City, &["宁波本地", "本地(北仑)", "北仑【宁波】", "[宁波]北仑"]);
        assert_regions(&p, Abroad, &["德国/日本", "欧美", "欧洲", "国外进口", "美国品牌"]);
        assert_eq!(p.supplier_region("宁波/上海"), None, "alternatives at different distances");
        assert_eq!(p.supplier_region("外地"), None);
        assert_eq!(p.supplier_region("不知道"), None);
        assert_eq!(p.supplier_region(""), None);
    }

    #[test]
    fn short_forms_are_derived_from_full_names() {
        let short = |name: &'static str| short_division_name(name);
        assert_eq!(short("江苏省"), Some("江苏"));
        assert_eq!(short("内蒙古自治区"), Some("内蒙古"));
        assert_eq!(short("广西壮族自治区"), Some("广西"));
        assert_eq!(short("宁夏回族自治区"), Some("宁夏"));
        assert_eq!(short("新疆维吾尔自治区"), Some("新疆"));
        assert_eq!(short("香港特别行政区"), Some("香港"));
        assert_eq!(short("黔西南布依族苗族自治州"), Some("黔西南"));
        assert_eq!(short("伊犁哈萨克自治州"), Some("伊犁"));
        assert_eq!(short("白沙黎族自治县"), Some("白沙"));
        assert_eq!(short("龙胜各族自治县"), Some("龙胜"));
        assert_eq!(short("东乡族自治县"), Some("东乡"));
        assert_eq!(short("浦东新区"), Some("浦东"));
        assert_eq!(short("北仑区"), Some("北仑"));
        assert_eq!(short("城区"), None, "one character is no name");
        assert_eq!(short_country_name("孟加拉国"), Some("孟加拉"));
        assert_eq!(short_country_name("美国"), None);
    }

    #[test]
    fn every_division_and_country_reads_by_its_full_name() {
        let p = ningbo();
        let lines: Vec<(&str, &str)> = data_lines(DIVISIONS).map(|l| l.split_once('\t').unwrap()).collect();
        // Names two divisions share are read as `shared_names_prefer_the_parks_province_else_agree` says.
        let unique = |name: &str| lines.iter().filter(|(_, n)| *n == name).count() == 1;
        for &(code, name) in lines.iter().filter(|(_, n)| unique(n)) {
            let code: u32 = code.parse().unwrap();
            let expected = if is_hmt(code) {
                HongKongMacaoTaiwan
            } else if province_of(code) != 330000 {
                Domestic
            } else if contains(330200, code) {
                City
            } else {
                Province
            };
            assert_eq!(p.supplier_region(name), Some(expected), "{code} {name}");
        }
        for name in data_lines(COUNTRIES) {
            assert_eq!(p.supplier_region(name), Some(Abroad), "{name}");
            assert_eq!(p.supplier_region(&format!("{name}进口")), Some(Abroad), "{name}进口");
        }
    }

    #[test]
    fn the_index_holds_every_division_and_country() {
        let index = &*INDEX;
        assert!(index.names.len() > 5000, "{}", index.names.len());
        assert_eq!(index.municipalities, vec![110000, 120000, 310000, 500000, 710000, 810000, 820000]);
        assert_eq!(index.places("北京"), Some(vec![Place::Division(110000)]));
        assert_eq!(index.places("德国"), Some(vec![Place::Country]));
        assert_eq!(index.places("黑山"), Some(vec![Place::Country]), "the full name wins");
    }
}
