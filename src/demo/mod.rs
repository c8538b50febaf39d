//! The demo federation: a believable Dagang industrial park for first-time users and benchmarks.
//!
//! Companies of about fifteen industries whose products and needs really interlock (mould makers
//! buy guide pillars that standard-part makers sell, toy makers buy moulds, cartons and ABS…),
//! together with the real pair from the article: 东盛公司 makes mould standard parts and 威骏模具,
//! 424 m away, buys the same parts from Hong Kong at ten times the price. Same seed, same park.

mod contests;
mod history;
mod requests;

use crate::domain::place::ParkPlace;
use crate::domain::{Company, Contact, MemberStatus, Need, Product, SupplierRegion, Zone, credit_code};
use crate::matching::board::Park;
use crate::store::{self, Store, StoreError};
use crate::visits::plan::Candidate;
use chrono::NaiveDate;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

pub const DEFAULT_COMPANIES: usize = 347;

/// Something made in the park: name, category, spec, unit, usual unit price in yuan, and the other
/// names buyers write for it on their purchase lists.
struct Good {
    name: &'static str,
    category: &'static str,
    spec: &'static str,
    unit: &'static str,
    price: f64,
    buyer_names: &'static [&'static str],
}

const fn good(
    name: &'static str,
    category: &'static str,
    spec: &'static str,
    unit: &'static str,
    price: f64,
    buyer_names: &'static [&'static str],
) -> Good {
    Good { name, category, spec, unit, price, buyer_names }
}

const GUIDE_PILLAR: Good =
    good("导柱导套", "模具标准件", "SUJ2 Φ20×150 淬火研磨", "套", 12.0, &["导柱", "导柱导套", "模具导柱导套"]);
const EJECTOR_PIN: Good = good("顶针", "模具标准件", "SKD61 Φ3×100 氮化", "支", 1.5, &["顶针", "模具顶针", "顶杆"]);
const DIE_SPRING: Good = good("模具弹簧", "模具标准件", "矩形弹簧 25×50 黄色", "个", 3.0, &["模具弹簧", "矩形弹簧"]);
const INJECTION_MOULD: Good =
    good("注塑模具", "模具", "P20钢 一出四 热流道", "套", 45000.0, &["注塑模具", "塑料模具", "注塑模"]);
const STAMPING_DIE: Good =
    good("冲压模具", "模具", "级进模 Cr12MoV", "套", 60000.0, &["冲压模具", "五金冲压模", "级进模"]);
const CARTON: Good = good("瓦楞纸箱", "包装", "五层 K=K 印刷两色", "只", 3.2, &["纸箱", "瓦楞纸箱", "包装箱", "外箱"]);
const COLOR_BOX: Good = good("彩盒", "包装", "350g白卡 四色印刷", "只", 1.1, &["彩盒", "彩色包装盒"]);
const PALLET: Good = good("木托盘", "包装", "1200×1000 熏蒸", "个", 85.0, &["托盘", "木托盘", "栈板"]);
const SCREW: Good = good("螺丝", "紧固件", "M6×20 304不锈钢", "千个", 180.0, &["螺丝", "螺钉", "紧固件", "不锈钢螺丝"]);
const STAMPED_PART: Good = good("冲压件", "五金件", "SPCC 1.2mm 镀锌", "件", 0.9, &["冲压件", "五金冲压件"]);
const CASTING: Good = good("铸件", "铸造", "HT250 灰铸铁", "吨", 9800.0, &["铸件", "灰铁铸件", "铸铁件"]);
const BEARING: Good = good("轴承", "机械零部件", "6204-2RS 深沟球", "套", 6.5, &["轴承", "深沟球轴承"]);
const REDUCER: Good = good("减速机", "机械", "RV63 蜗轮蜗杆", "台", 1200.0, &["减速机", "减速器"]);
const FOOD_FLAVOUR: Good =
    good("食用香精", "香精香料", "草莓味 水溶性", "公斤", 95.0, &["食用香精", "香精", "食品香精"]);
const DAILY_FLAVOUR: Good = good("日化香精", "香精香料", "洗涤剂用 花香型", "公斤", 120.0, &["日化香精", "洗涤香精"]);
const STEAM: Good = good("工业蒸汽", "能源", "1.0MPa 饱和蒸汽", "吨", 230.0, &["蒸汽", "工业蒸汽"]);
const PCB: Good = good("PCB线路板", "电子", "双面 FR-4 1.6mm", "平方米", 450.0, &["PCB线路板", "线路板", "电路板"]);
const HARNESS: Good = good("线束", "电子", "UL1007 端子线", "条", 2.8, &["线束", "连接线", "电线束"]);
const ABS: Good =
    good("ABS塑料粒子", "塑料原料", "注塑级 通用", "吨", 13500.0, &["ABS塑料粒子", "ABS粒子", "塑料粒子"]);
const HOUSING: Good = good("塑料外壳", "塑料制品", "ABS 注塑 本色", "个", 4.0, &["塑料外壳", "塑胶外壳"]);
const CRATE: Good = good("塑料周转箱", "塑料制品", "600×400×300 PP", "个", 38.0, &["周转箱", "塑料周转箱"]);
const WORKWEAR: Good = good("工作服", "纺织服装", "涤棉 春秋款", "套", 95.0, &["工作服", "劳保服", "工装"]);
const TRUCKING: Good =
    good("整车运输", "物流服务", "9.6米厢式 市内", "车次", 1500.0, &["整车运输", "货运", "运输服务"]);
const WAREHOUSING: Good = good("仓储服务", "物流服务", "常温库 含装卸", "平方米·月", 25.0, &["仓储服务", "仓库租赁"]);
const WATER_TREATMENT: Good = good("水处理剂", "化工", "锅炉阻垢剂", "吨", 6000.0, &["水处理剂", "阻垢剂"]);
const INK: Good = good("油墨", "化工", "水性柔版油墨", "公斤", 40.0, &["油墨", "水性油墨"]);
const MOULD_STEEL: Good = good("模具钢", "钢材", "P20 / 718H 预硬", "吨", 16000.0, &["模具钢", "模具钢材"]);
const STAINLESS: Good = good("不锈钢板", "钢材", "304 2B 1.5mm", "吨", 15500.0, &["不锈钢板", "304不锈钢板"]);
const TOY: Good = good("塑料玩具", "玩具", "益智拼装 3岁以上", "套", 22.0, &[]);
const DRINK: Good = good("果味饮料", "食品", "500ml PET", "箱", 36.0, &[]);
/// Nobody in the park makes glass bottles: these needs stay open, as some always do.
const GLASS_BOTTLE: Good = good("玻璃瓶", "包装", "100ml 棕色", "只", 0.8, &["玻璃瓶"]);

struct Industry {
    name: &'static str,
    /// The word in a company name that says what it does.
    name_words: &'static [&'static str],
    makes: &'static [&'static Good],
    buys: &'static [&'static Good],
    /// Relative number of companies.
    weight: u32,
}

const INDUSTRIES: &[Industry] = &[
    Industry {
        name: "模具制造",
        name_words: &["模具", "精密模具", "模塑"],
        makes: &[&INJECTION_MOULD, &STAMPING_DIE],
        buys: &[&GUIDE_PILLAR, &EJECTOR_PIN, &DIE_SPRING, &MOULD_STEEL],
        weight: 14,
    },
    Industry {
        name: "模具标准件",
        name_words: &["模具配件", "标准件", "模具标准件"],
        makes: &[&GUIDE_PILLAR, &EJECTOR_PIN, &DIE_SPRING],
        buys: &[&MOULD_STEEL, &CARTON],
        weight: 5,
    },
    Industry {
        name: "物流仓储",
        name_words: &["物流", "储运", "国际货运"],
        makes: &[&TRUCKING, &WAREHOUSING],
        buys: &[&PALLET, &CARTON, &WORKWEAR],
        weight: 9,
    },
    Industry {
        name: "香精香料",
        name_words: &["香精香料", "香料", "香精"],
        makes: &[&FOOD_FLAVOUR, &DAILY_FLAVOUR],
        buys: &[&GLASS_BOTTLE, &CARTON, &STEAM],
        weight: 4,
    },
    Industry {
        name: "热电能源",
        name_words: &["热电", "能源"],
        makes: &[&STEAM],
        buys: &[&WATER_TREATMENT, &WORKWEAR],
        weight: 1,
    },
    Industry {
        name: "玩具制造",
        name_words: &["玩具", "工艺玩具"],
        makes: &[&TOY],
        buys: &[&INJECTION_MOULD, &ABS, &COLOR_BOX, &CARTON, &HARNESS],
        weight: 6,
    },
    Industry {
        name: "电子电器",
        name_words: &["电子", "电器", "电子科技"],
        makes: &[&PCB, &HARNESS],
        buys: &[&HOUSING, &SCREW, &COLOR_BOX],
        weight: 12,
    },
    Industry {
        name: "机械设备",
        name_words: &["机械", "机电", "传动设备"],
        makes: &[&REDUCER, &BEARING],
        buys: &[&CASTING, &SCREW, &STAINLESS],
        weight: 11,
    },
    Industry {
        name: "包装印刷",
        name_words: &["包装", "纸业", "印刷包装"],
        makes: &[&CARTON, &COLOR_BOX, &PALLET],
        buys: &[&INK, &TRUCKING],
        weight: 6,
    },
    Industry {
        name: "塑料制品",
        name_words: &["塑业", "塑料制品", "塑胶"],
        makes: &[&HOUSING, &CRATE],
        buys: &[&ABS, &INJECTION_MOULD],
        weight: 8,
    },
    Industry {
        name: "化工材料",
        name_words: &["化工", "新材料", "化学"],
        makes: &[&ABS, &WATER_TREATMENT, &INK],
        buys: &[&STEAM, &TRUCKING],
        weight: 5,
    },
    Industry {
        name: "五金紧固件",
        name_words: &["五金", "紧固件", "金属制品"],
        makes: &[&SCREW, &STAMPED_PART],
        buys: &[&STAINLESS, &STAMPING_DIE],
        weight: 9,
    },
    Industry {
        name: "纺织服装",
        name_words: &["服饰", "制衣", "针织"],
        makes: &[&WORKWEAR],
        buys: &[&CARTON, &TRUCKING],
        weight: 5,
    },
    Industry {
        name: "食品饮料",
        name_words: &["食品", "饮品"],
        makes: &[&DRINK],
        buys: &[&FOOD_FLAVOUR, &GLASS_BOTTLE, &CARTON, &STEAM],
        weight: 3,
    },
    Industry {
        name: "金属材料",
        name_words: &["钢材", "金属材料", "特钢"],
        makes: &[&MOULD_STEEL, &STAINLESS],
        buys: &[&TRUCKING, &PALLET],
        weight: 4,
    },
    Industry {
        name: "汽车零部件",
        name_words: &["汽车部件", "汽配", "车业"],
        makes: &[&CASTING, &STAMPED_PART],
        buys: &[&BEARING, &SCREW, &STAMPING_DIE, &HARNESS],
        weight: 8,
    },
];

/// A maker sells a good in several grades and a buyer buys several: about five products and five
/// needs per company, as the matching benchmark expects.
const VARIANTS: [&str; 4] = ["", " 加厚型", " 经济型", " 出口型"];

/// Companies the article names, placed first so every demo park has them.
struct Named {
    name: &'static str,
    short_name: &'static str,
    industry: usize,
    ownership: &'static str,
    zone: usize,
    position: (f64, f64),
}

const DONGSHENG: usize = 0;
const WEIJUN: usize = 1;
const NAMED: &[Named] = &[
    Named {
        name: "宁波东盛模具标准件有限公司",
        short_name: "东盛公司",
        industry: 1,
        ownership: "民营",
        zone: 0,
        position: (460.0, 520.0),
    },
    Named {
        name: "宁波威骏模具有限公司",
        short_name: "威骏模具",
        industry: 0,
        ownership: "民营",
        zone: 1,
        position: (760.0, 820.0),
    },
    Named {
        name: "宁波龙星物流有限公司",
        short_name: "龙星物流",
        industry: 2,
        ownership: "民营",
        zone: 4,
        position: (300.0, 1450.0),
    },
    Named {
        name: "宁波热电股份有限公司",
        short_name: "宁波热电",
        industry: 4,
        ownership: "国有",
        zone: 5,
        position: (900.0, 1600.0),
    },
    Named {
        name: "宁波威龙香精香料有限公司",
        short_name: "威龙香精",
        industry: 3,
        ownership: "民营",
        zone: 2,
        position: (1400.0, 300.0),
    },
    Named {
        name: "宁波怡人玩具有限公司",
        short_name: "怡人玩具",
        industry: 5,
        ownership: "港资",
        zone: 3,
        position: (1900.0, 600.0),
    },
    Named {
        name: "宁波美博电器有限公司",
        short_name: "美博电器",
        industry: 6,
        ownership: "台资",
        zone: 6,
        position: (1500.0, 1500.0),
    },
];

/// The park is about 2.2 km × 2 km (4.4 km²); zones 1–4 are the southern row, 5–7 the northern.
fn zone_rect(zone: usize) -> (f64, f64, f64, f64) {
    if zone < 4 {
        (zone as f64 * 550.0, 0.0, 550.0, 1000.0)
    } else {
        ((zone - 4) as f64 * 733.0, 1000.0, 733.0, 1000.0)
    }
}

const BRAND_CHARS: &[&str] = &[
    "华", "盛", "东", "海", "龙", "星", "恒", "丰", "泰", "鑫", "达", "德", "信", "宏", "金", "永", "安", "通", "明",
    "嘉", "瑞", "凯", "博", "美", "怡", "锦", "新", "宇", "天", "亚", "隆", "顺", "利", "源", "富", "昌", "兴", "联",
    "创", "晟", "港", "甬", "仑", "峰", "汇", "宝", "裕", "和", "光", "远",
];
const PLACE_PREFIXES: &[&str] = &["宁波", "宁波北仑", "浙江"];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "俞", "應", "邬", "贺",
];
const GIVEN_NAMES: &[&str] = &[
    "伟", "芳", "军", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "秀英", "建国",
    "海燕", "国平", "晓阳", "岳平", "志刚", "雪梅",
];
const ROLES: &[&str] = &["总经理", "采购经理", "办公室主任", "生产主管", "人事主管", "财务"];
const ROADS: &[&str] = &[
    "大港一路",
    "大港二路",
    "大港三路",
    "大港四路",
    "大港五路",
    "大港六路",
    "黄山西路",
    "长江路",
    "泰山路",
    "庐山西路",
];

/// Outside suppliers by region: the same part bought far away usually costs more.
/// Where a need's current supplier is, and how much dearer than a member it sells. Steam and
/// transport come from nearby; goods can come from anywhere.
fn outside_supplier(rng: &mut ChaCha8Rng, good: &Good) -> (SupplierRegion, String, f64) {
    let local = matches!(good.category, "能源" | "物流服务");
    let roll = rng.random_range(0..if local { 50 } else { 100 });
    let brand = format!("{}{}", BRAND_CHARS.choose(rng).unwrap_or(&"华"), BRAND_CHARS.choose(rng).unwrap_or(&"达"));
    match roll {
        0..=24 => (SupplierRegion::City, format!("宁波{brand}贸易有限公司"), rng.random_range(1.0..1.4)),
        25..=49 => (
            SupplierRegion::Province,
            format!("{}{brand}实业有限公司", ["杭州", "台州", "温州", "绍兴"][roll % 4]),
            rng.random_range(1.0..1.6),
        ),
        50..=74 => (
            SupplierRegion::Domestic,
            format!("{}{brand}工贸有限公司", ["上海", "苏州", "东莞", "深圳"][roll % 4]),
            rng.random_range(1.1..2.0),
        ),
        75..=89 => {
            (SupplierRegion::HongKongMacaoTaiwan, format!("香港{brand}实业有限公司"), rng.random_range(1.3..2.5))
        }
        _ => (
            SupplierRegion::Abroad,
            format!("{} {brand} Trading", ["德国", "日本", "新加坡"][roll % 3]),
            rng.random_range(1.4..2.8),
        ),
    }
}

/// One generated company with everything it owns; ids are filled in when written.
pub struct DemoCompany {
    pub company: Company,
    pub zone: usize,
    pub products: Vec<Product>,
    pub needs: Vec<Need>,
    pub contacts: Vec<Contact>,
}

fn person(rng: &mut ChaCha8Rng) -> String {
    format!("{}{}", SURNAMES.choose(rng).unwrap_or(&"王"), GIVEN_NAMES.choose(rng).unwrap_or(&"伟"))
}

fn mobile(rng: &mut ChaCha8Rng) -> String {
    format!("1{}{:09}", rng.random_range(3..=9), rng.random_range(0..1_000_000_000u32))
}

fn vary(rng: &mut ChaCha8Rng, price: f64, low: f64, high: f64) -> f64 {
    (price * rng.random_range(low..high) * 100.0).round() / 100.0
}

/// Generates `count` companies for a park with `zone_count` zones, deterministically for `seed`.
pub fn generate(count: usize, seed: u64, zone_count: usize) -> Vec<DemoCompany> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let zone_count = zone_count.max(1);
    let total_weight: u32 = INDUSTRIES.iter().map(|i| i.weight).sum();
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    let mut out = Vec::with_capacity(count);

    for index in 0..count {
        let named = NAMED.get(index);
        let industry_index = match named {
            Some(n) => n.industry,
            None => {
                let mut pick = rng.random_range(0..total_weight);
                INDUSTRIES
                    .iter()
                    .position(|i| {
                        pick < i.weight || {
                            pick -= i.weight;
                            false
                        }
                    })
                    .unwrap_or(0)
            }
        };
        let industry = &INDUSTRIES[industry_index];
        let (name, short_name) = match named {
            Some(n) => (n.name.to_string(), n.short_name.to_string()),
            None => unique_name(&mut rng, industry, &mut names),
        };
        names.insert(name.clone());
        let zone = named.map_or_else(|| rng.random_range(0..zone_count), |n| n.zone % zone_count);
        let (x_m, y_m) = match named {
            Some(n) => n.position,
            None => {
                let (x, y, w, h) = zone_rect(zone % 7);
                ((x + rng.random_range(40.0..w - 40.0)).round(), (y + rng.random_range(40.0..h - 40.0)).round())
            }
        };
        let code = loop {
            let body: String =
                (0..8).map(|_| *b"0123456789ABCDEFGHJKLMNPQRTUWXY".choose(&mut rng).unwrap_or(&b'0') as char).collect();
            let code = credit_code::compose("91", "330206", &body);
            if codes.insert(code.clone()) {
                break code;
            }
        };
        // Employee counts are skewed: many small workshops, a few large plants (≈90,000 in 347).
        let employees = (14.0 * (rng.random_range(0.0f64..1.0) * 4.5).exp()).round() as u32;
        let stars = match rng.random_range(0..100) {
            0..=8 => 5,
            9..=30 => 4,
            31..=65 => 3,
            66..=85 => 2,
            _ => 1,
        };
        let status = match rng.random_range(0..100) {
            0..=2 => MemberStatus::Applicant,
            3..=5 => MemberStatus::Suspended,
            6..=7 => MemberStatus::Withdrawn,
            _ => MemberStatus::Active,
        };
        let join_date = NaiveDate::from_ymd_opt(2008, 3, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(rng.random_range(0..6500))));
        let contact_person = person(&mut rng);
        let phone = if rng.random_bool(0.6) {
            mobile(&mut rng)
        } else {
            format!("0574-86{:06}", rng.random_range(0..1_000_000))
        };
        let company = Company {
            id: 0,
            name,
            short_name,
            credit_code: code,
            zone_id: None,
            address: format!(
                "北仑区新碶街道{}{}号",
                ROADS.choose(&mut rng).unwrap_or(&"大港一路"),
                rng.random_range(1..300)
            ),
            x_m,
            y_m,
            industry: industry.name.to_string(),
            ownership: named.map_or_else(
                || {
                    ["民营", "民营", "民营", "民营", "外资", "台资", "港资", "国有", "中外合资"]
                        .choose(&mut rng)
                        .unwrap_or(&"民营")
                        .to_string()
                },
                |n| n.ownership.to_string(),
            ),
            employees,
            status,
            join_date,
            stars,
            contact_person,
            phone,
            notes: String::new(),
        };

        let mut products = Vec::new();
        // Every company makes its industry's first good, and some of the others.
        for (k, g) in industry.makes.iter().enumerate() {
            if k > 0 && !rng.random_bool(0.75) {
                continue;
            }
            for variant in VARIANTS.iter().take(rng.random_range(1..=4)) {
                products.push(Product {
                    name: g.name.to_string(),
                    category: g.category.to_string(),
                    spec: format!("{}{variant}", g.spec),
                    unit: g.unit.to_string(),
                    unit_price: Some(vary(&mut rng, g.price, 0.85, 1.15)),
                    annual_capacity: Some((rng.random_range(1_000.0f64..200_000.0) / g.price.sqrt()).round().max(10.0)),
                    ..Product::default()
                });
            }
        }
        let mut needs = Vec::new();
        for g in industry.buys {
            if !rng.random_bool(0.7) {
                continue;
            }
            for variant in VARIANTS.iter().take(rng.random_range(1..=3)) {
                let (region, supplier, markup) = outside_supplier(&mut rng, g);
                let unit_price = vary(&mut rng, g.price, markup, markup + 0.01);
                needs.push(Need {
                    item: g.buyer_names.choose(&mut rng).unwrap_or(&g.name).to_string(),
                    category: g.category.to_string(),
                    spec: format!("{}{variant}", g.spec),
                    current_supplier: supplier,
                    supplier_region: Some(region),
                    unit: g.unit.to_string(),
                    unit_price: Some(unit_price),
                    // A purchase line costs the buyer ¥20,000–600,000 a year.
                    annual_quantity: Some((rng.random_range(20_000.0f64..600_000.0) / unit_price).round().max(1.0)),
                    ..Need::default()
                });
            }
        }
        let contacts = (0..rng.random_range(0..=2))
            .map(|_| Contact {
                name: person(&mut rng),
                role: ROLES.choose(&mut rng).unwrap_or(&"总经理").to_string(),
                phone: mobile(&mut rng),
                ..Contact::default()
            })
            .collect();
        out.push(DemoCompany { company, zone, products, needs, contacts });
    }
    plant_the_article_story(&mut out);
    out
}

/// 威骏模具 buys 导柱导套 from Hong Kong at ¥120 a set; 东盛 makes them for ¥12, and is the
/// maker nearest to 威骏 (others within 800 m make other standard parts instead).
fn plant_the_article_story(companies: &mut [DemoCompany]) {
    if let [_, weijun, others @ ..] = companies {
        let (x, y) = (weijun.company.x_m, weijun.company.y_m);
        for other in others.iter_mut().filter(|o| (o.company.x_m - x).hypot(o.company.y_m - y) < 800.0) {
            for p in other.products.iter_mut().filter(|p| p.name == GUIDE_PILLAR.name) {
                p.name = EJECTOR_PIN.name.into();
                p.spec = p.spec.replace(GUIDE_PILLAR.spec, EJECTOR_PIN.spec);
                p.unit = EJECTOR_PIN.unit.into();
                p.unit_price = Some(EJECTOR_PIN.price);
            }
            // A grade it already made once is listed once.
            let mut seen = HashSet::new();
            other.products.retain(|p| seen.insert((p.name.clone(), p.spec.clone())));
        }
    }
    if let Some(dongsheng) = companies.get_mut(DONGSHENG) {
        dongsheng.products.retain(|p| p.name != GUIDE_PILLAR.name);
        dongsheng.products.insert(
            0,
            Product {
                name: GUIDE_PILLAR.name.into(),
                category: GUIDE_PILLAR.category.into(),
                spec: "SUJ2 Φ16–Φ50 淬火研磨 导柱导套 模具标准件".into(),
                unit: "套".into(),
                unit_price: Some(12.0),
                annual_capacity: Some(200_000.0),
                ..Product::default()
            },
        );
    }
    if let Some(weijun) = companies.get_mut(WEIJUN) {
        weijun.needs.retain(|n| !GUIDE_PILLAR.buyer_names.contains(&n.item.as_str()));
        weijun.needs.insert(
            0,
            Need {
                item: "导柱导套".into(),
                category: "模具标准件".into(),
                spec: "SUJ2 Φ20×150".into(),
                current_supplier: "香港精密模具配件有限公司".into(),
                supplier_region: Some(SupplierRegion::HongKongMacaoTaiwan),
                unit: "套".into(),
                unit_price: Some(120.0),
                annual_quantity: Some(6000.0),
                ..Need::default()
            },
        );
    }
}

fn unique_name(rng: &mut ChaCha8Rng, industry: &Industry, taken: &mut HashSet<String>) -> (String, String) {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let brand = format!("{}{}", BRAND_CHARS.choose(rng).unwrap_or(&"华"), BRAND_CHARS.choose(rng).unwrap_or(&"达"));
        let word = industry.name_words.choose(rng).unwrap_or(&industry.name);
        let prefix = PLACE_PREFIXES.choose(rng).unwrap_or(&"宁波");
        // Past the easy combinations (large parks), number the branch plants.
        let branch = if attempt > 20 { format!("第{}分厂", attempt - 20) } else { String::new() };
        let name = format!("{prefix}{brand}{word}有限公司{branch}");
        if !taken.contains(&name) {
            return (name, format!("{brand}{word}"));
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the federation already has {0} companies; the demo is only written into an empty one")]
    NotEmpty(i64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The day tests write the demo on, so their images and figures never change with the date.
pub fn test_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

/// Writes a generated park into an empty federation, in one transaction, with its history up to
/// today.
pub fn write_demo(store: &mut Store, count: usize, seed: u64) -> Result<usize, DemoError> {
    write_demo_in(store, count, seed, crate::clock::today())
}

/// The same as it would be written on `today` (tests fix the day, so their images do not change
/// as time passes).
pub fn write_demo_in(store: &mut Store, count: usize, seed: u64, today: NaiveDate) -> Result<usize, DemoError> {
    let existing = store.counts()?.companies + store.counts()?.deleted_companies;
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing));
    }
    let zones: Vec<Zone> = store.zones()?;
    let park = generate(count, seed, zones.len());
    let synonym_groups = store.synonym_groups()?;
    store.write(|tx| {
        let mut written = history::Written {
            members: Vec::with_capacity(park.len()),
            park: Park {
                companies: Vec::new(),
                products: Vec::new(),
                needs: Vec::new(),
                synonym_groups,
                pipelines: Vec::new(),
            },
        };
        // The article's park: Dagang in Beilun, Ningbo, Zhejiang.
        store::set_park_place(tx, &ParkPlace::new("宁波", "浙江"))?;
        store::set_federation_name(tx, "大港企业联合会")?;
        for demo in &park {
            let mut company = demo.company.clone();
            company.zone_id = zones.get(demo.zone).map(|z| z.id);
            let id = store::insert_company(tx, &company)?;
            written.park.companies.push(Company { id, ..company.clone() });
            written.members.push(Candidate {
                id,
                name: company.name.clone(),
                zone: zones.get(demo.zone).map(|z| z.name.clone()).unwrap_or_default(),
                industry: company.industry.clone(),
                active: company.status == MemberStatus::Active,
                last_hosted: None,
                unavailable: Vec::new(),
                can_supply: 0,
            });
            for product in &demo.products {
                let product = Product { company_id: id, ..product.clone() };
                let product_id = store::insert_child(tx, &product)?;
                written.park.products.push(Product { id: product_id, ..product });
            }
            for need in &demo.needs {
                let need = Need { company_id: id, ..need.clone() };
                let need_id = store::insert_child(tx, &need)?;
                written.park.needs.push(Need { id: need_id, ..need });
            }
            for contact in &demo.contacts {
                store::insert_child(tx, &Contact { company_id: id, ..contact.clone() })?;
            }
        }
        let members: Vec<contests::Member> =
            written.park.companies.iter().map(|c| contests::Member { id: c.id, industry: &c.industry }).collect();
        contests::write_contests(tx, &members, today)?;
        // Beside the four meetings' decks every federation has: a zone's own, for its members'
        // meeting (座谈会).
        if let Some(zone) = zones.get(2) {
            let deck = crate::domain::deck::Deck {
                name: format!("{}座谈会", zone.name),
                zone: Some(zone.id),
                slides: {
                    use crate::domain::deck::SlideKind::*;
                    vec![Title, Glance, Industries, Savings, Requests, Departments]
                },
                ..crate::domain::deck::Deck::standard(crate::domain::deck::Meeting::Custom, crate::i18n::Lang::Zh)
            };
            store::save_deck(tx, &deck)?;
        }
        let ids: Vec<i64> = written.park.companies.iter().map(|c| c.id).collect();
        let zone_names: std::collections::HashMap<i64, String> = written
            .park
            .companies
            .iter()
            .map(|c| {
                (
                    c.id,
                    c.zone_id.and_then(|z| zones.iter().find(|x| x.id == z)).map_or(String::new(), |z| z.name.clone()),
                )
            })
            .collect();
        requests::write_requests(tx, &ids, &zone_names, today)?;
        history::write_history(tx, written, today)?;
        Ok::<(), StoreError>(())
    })?;
    Ok(park.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{distance_m, phone};

    #[test]
    fn two_past_years_of_visits_and_this_years_published_plan() {
        let mut store = Store::open_in_memory().unwrap();
        let this_year = 2026;
        write_demo_in(&mut store, 60, 1, NaiveDate::from_ymd_opt(this_year, 11, 26).unwrap()).unwrap();
        let dongsheng = store.company_list().unwrap().into_iter().find(|c| c.company.short_name == "东盛公司").unwrap();
        for year in this_year - 2..=this_year {
            let months = store.visit_months(year).unwrap();
            assert_eq!(months.len(), 11, "{year}: a visit a month but the Spring Festival's");
            assert!(months.iter().all(|m| m.published && m.date.is_some() && !m.reasons.is_empty()));
        }
        let march = &store.visit_months(this_year - 1).unwrap()[..];
        assert!(march.iter().any(|m| m.month == 3 && m.host == Some(dongsheng.company.id)), "the visit to 东盛");
        let hosts: Vec<_> =
            (this_year - 2..=this_year).flat_map(|y| store.visit_months(y).unwrap()).map(|m| m.host).collect();
        let mut unique = hosts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), hosts.len(), "nobody hosted twice while others never had");
    }

    #[test]
    fn held_visits_have_guests_forms_and_follow_ups_some_of_which_are_on_the_board() {
        let mut store = Store::open_in_memory().unwrap();
        write_demo_in(&mut store, 120, 1, test_day()).unwrap();
        let companies = store.company_list().unwrap();
        let id_of = |short: &str| companies.iter().find(|c| c.company.short_name == short).unwrap().company.id;
        let (dongsheng, weijun) = (id_of("东盛公司"), id_of("威骏模具"));
        // The visit to 东盛: 威骏 was there, said so, and the follow-up became the contract.
        let guests = store.visit_guests(2025, 3).unwrap();
        assert!(guests.iter().any(|g| g.company == weijun && g.attended));
        let forms = store.visit_feedback(2025, Some(3)).unwrap();
        assert!(forms.iter().any(|a| a.company == weijun && a.comment.contains("500 米")));
        let follow_ups = store.follow_ups(2025, Some(3)).unwrap();
        assert!(follow_ups.iter().any(|f| f.companies == (Some(weijun), Some(dongsheng)) && f.introduced));
        let pipelines = store.pipelines().unwrap();
        assert!(pipelines.iter().any(|p| p.stage == crate::domain::opportunity::Stage::Contracted));
        assert!(pipelines.iter().filter(|p| p.note.contains("互访")).count() > 3, "introductions made at visits");
        // Visits after the day written are not held yet.
        assert!(store.visit_guests(2026, 12).unwrap().is_empty());
        assert!(!store.visit_guests(2026, 10).unwrap().is_empty());
        // Last year's exhibition, with booths, leads and deals.
        let exhibition = &store.exhibitions().unwrap()[0];
        assert_eq!(exhibition.year, 2025);
        assert!(store.booths(exhibition.id).unwrap().len() > 20);
        let leads = store.leads(exhibition.id).unwrap();
        assert!(leads.iter().any(|l| l.pair.is_some()) && leads.iter().any(|l| l.visitor.is_none()));
        assert!(store.events().unwrap().len() >= 15, "council meetings, briefings and training each year");
    }

    #[test]
    fn last_years_contests_were_judged_with_a_correction_and_a_tie_and_this_quarters_is_under_way() {
        use crate::contests::service::EventBoard;
        use crate::domain::contest::{SheetState, TieBreak};
        let mut store = Store::open_in_memory().unwrap();
        write_demo_in(&mut store, 347, 1, test_day()).unwrap();
        let contests = store.contests().unwrap();
        let last_year: Vec<_> = contests.iter().filter(|c| c.year == 2025).collect();
        assert_eq!(last_year.len(), 4);
        let boards = |contest: i64| -> Vec<EventBoard> {
            let events = store.contest_events(contest).unwrap();
            events.iter().map(|e| EventBoard::load(&store, e).unwrap()).collect()
        };
        let held: Vec<EventBoard> = last_year.iter().flat_map(|c| boards(c.id)).collect();
        assert_eq!(held.len(), 12);
        assert!(
            held.iter().all(|b| b.ranked.len() == b.entries.len() && b.seed.is_some()),
            "every entry ranked, every order drawn"
        );
        assert!(held.iter().any(|b| b.corrections.len() == 1), "a returned and corrected sheet");
        assert!(
            held.iter().flat_map(|b| &b.ranked).any(|r| r.decided_by == Some(TieBreak::Criterion(1))),
            "a tie the chain settles"
        );
        assert!(
            held.iter().any(|b| b.judges.iter().any(|j| b.entries.iter().any(|e| j.recused_for(e)))),
            "judges stepping aside"
        );
        // This quarter: one event signed off, one part way, one only drawn.
        let now = contests.iter().find(|c| c.year == 2026 && c.quarter == 4).unwrap();
        let events = boards(now.id);
        let locked = |b: &EventBoard| b.sheets.iter().filter(|s| s.state == SheetState::Submitted).count();
        assert_eq!(locked(&events[0]), 6);
        assert!((1..6).contains(&locked(&events[1])));
        assert!(events[2].scores.is_empty() && events[2].seed.is_some());
    }

    #[test]
    fn same_seed_same_park_other_seed_other_park() {
        let a = generate(60, 7, 7);
        let b = generate(60, 7, 7);
        let c = generate(60, 8, 7);
        let names = |p: &[DemoCompany]| p.iter().map(|d| d.company.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b));
        assert_eq!(
            a.iter().map(|d| d.needs.clone()).collect::<Vec<_>>(),
            b.iter().map(|d| d.needs.clone()).collect::<Vec<_>>()
        );
        assert_ne!(names(&a), names(&c));
    }

    #[test]
    fn dongsheng_and_weijun_tell_the_article_story() {
        let park = generate(DEFAULT_COMPANIES, 1, 7);
        let dongsheng = &park[DONGSHENG];
        let weijun = &park[WEIJUN];
        assert_eq!(dongsheng.company.short_name, "东盛公司");
        assert_eq!(weijun.company.short_name, "威骏模具");
        assert!(distance_m(&dongsheng.company, &weijun.company).is_some_and(|d| d < 500.0));
        let made = &dongsheng.products[0];
        let bought = &weijun.needs[0];
        assert_eq!(made.name, bought.item);
        assert_eq!(bought.supplier_region, Some(SupplierRegion::HongKongMacaoTaiwan));
        assert_eq!(bought.unit_price.unwrap() / made.unit_price.unwrap(), 10.0);
    }

    #[test]
    fn companies_are_valid_unique_and_interlock() {
        let park = generate(DEFAULT_COMPANIES, 1, 7);
        assert_eq!(park.len(), 347);
        let names: HashSet<_> = park.iter().map(|d| &d.company.name).collect();
        assert_eq!(names.len(), 347);
        let industries: HashSet<_> = park.iter().map(|d| &d.company.industry).collect();
        assert!((14..=16).contains(&industries.len()), "{} industries", industries.len());
        for d in &park {
            assert_eq!(credit_code::validate(&d.company.credit_code), Ok(()), "{}", d.company.name);
            assert!(phone::is_valid(&d.company.phone), "{}", d.company.phone);
            assert!(!d.products.is_empty(), "{} makes something", d.company.name);
            let grades: HashSet<_> = d.products.iter().map(|p| (&p.name, &p.spec)).collect();
            assert_eq!(grades.len(), d.products.len(), "{} lists each grade once", d.company.name);
        }
        let (products, need_count) = park.iter().fold((0, 0), |(p, n), d| (p + d.products.len(), n + d.needs.len()));
        assert!((3 * 347..=6 * 347).contains(&products) && (3 * 347..=6 * 347).contains(&need_count));
        // Interlock: most needs are something another member makes.
        let made: HashSet<&str> = park.iter().flat_map(|d| d.products.iter().map(|p| p.category.as_str())).collect();
        let needs: Vec<&Need> = park.iter().flat_map(|d| d.needs.iter()).collect();
        let fillable = needs.iter().filter(|n| made.contains(n.category.as_str())).count();
        assert!(fillable * 10 > needs.len() * 8, "{fillable} of {} needs can be filled in the park", needs.len());
        let employees: u32 = park.iter().map(|d| d.company.employees).sum();
        assert!((50_000..=150_000).contains(&employees), "{employees} employees");
    }

    #[test]
    fn the_demo_is_written_once_into_an_empty_federation() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(write_demo(&mut store, 40, 1).unwrap(), 40);
        let counts = store.counts().unwrap();
        assert_eq!(counts.companies, 40);
        assert!(counts.products >= 40 && counts.needs > 20);
        assert!(matches!(write_demo(&mut store, 40, 1), Err(DemoError::NotEmpty(40))));
    }
}
