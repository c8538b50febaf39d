//! The field table of each record: the one place a field of a company, product, need or contact
//! is described (see `fields`). The order of a table is the order of the form and of the sheet.

use super::fields::{
    Choice, Env, FieldDef, FieldInfo, FieldTable, Kind, ValidationError, Value, set_amount, set_coordinate, set_count,
    set_credit_code, set_date, set_email, set_long_text, set_phone, set_required, set_text,
};
use super::text::clean;
use super::{Company, Contact, MemberStatus, Need, Ownership, Product, SupplierRegion, resolve_zone};
use crate::i18n::{Phrase, glossary};

const fn info(key: &'static str, label: Phrase, aliases: &'static [&'static str], kind: Kind) -> FieldInfo {
    FieldInfo { key, label, aliases, kind }
}

fn zone_choices(env: &Env) -> Vec<Choice> {
    let none = Choice { text: String::new(), label: glossary::NO_ZONE.get(env.lang).to_string() };
    std::iter::once(none).chain(env.zones.iter().map(|z| Choice::same(z.name.clone()))).collect()
}

fn industry_choices(env: &Env) -> Vec<Choice> {
    env.industries.iter().map(|i| Choice::same(i.clone())).collect()
}

fn ownership_choices(env: &Env) -> Vec<Choice> {
    Ownership::ALL.iter().map(|o| Choice::same(o.label(env.lang))).collect()
}

fn status_choices(env: &Env) -> Vec<Choice> {
    MemberStatus::ALL.iter().map(|s| Choice::same(s.label(env.lang))).collect()
}

fn region_choices(env: &Env) -> Vec<Choice> {
    let none = Choice { text: String::new(), label: glossary::NOT_GIVEN.get(env.lang).to_string() };
    std::iter::once(none).chain(SupplierRegion::ALL.iter().map(|r| Choice::same(r.label(env.lang)))).collect()
}

/// 五星企业 rating, as the form offers it.
pub fn stars_label(stars: u8, lang: crate::i18n::Lang) -> String {
    if stars == 0 { lang.pick("未评", "Not rated").to_string() } else { "★".repeat(stars as usize) }
}

fn star_choices(env: &Env) -> Vec<Choice> {
    (0..=5).map(|s| Choice { text: s.to_string(), label: stars_label(s, env.lang) }).collect()
}

/// 5, 五星, ★★★★★, 5星, 未评 → a rating 0–5.
fn parse_stars(text: &str) -> Option<u8> {
    let stars = text.chars().filter(|c| *c == '★').count();
    if stars > 0 {
        return u8::try_from(stars).ok().filter(|s| *s <= 5);
    }
    if text.is_empty() || text == "未评" || text.eq_ignore_ascii_case("not rated") {
        return Some(0);
    }
    let core = text.replace("星级", "").replace(['星', '级'], "");
    let core = core.trim();
    let n = core
        .parse::<f64>()
        .ok()
        .filter(|n| n.fract() == 0.0)
        .map(|n| n as i64)
        .or_else(|| ["零", "一", "二", "三", "四", "五"].iter().position(|c| *c == core).map(|p| p as i64))?;
    u8::try_from(n).ok().filter(|s| *s <= 5)
}

/// 在册, 正式会员, 已暂停, 停会, 退出, 注销 … → a status.
fn parse_status(text: &str) -> Option<MemberStatus> {
    use MemberStatus::*;
    let core = text.strip_prefix('已').filter(|c| !c.is_empty()).unwrap_or(text);
    MemberStatus::from_label(text).or_else(|| MemberStatus::from_label(core)).or(match core.to_lowercase().as_str() {
        "正常" | "会员" | "正式会员" | "正常会员" | "在册会员" | "现有会员" | "正式" | "有效" | "在会" | "入会"
        | "活跃" => Some(Active),
        "申请" | "申请入会" | "新申请" | "待审核" | "待审" | "审核中" | "待审批" | "待批准" | "待入会" | "拟入会"
        | "pending" => Some(Applicant),
        "停会" | "暂停会员" | "暂停中" | "冻结" | "中止" | "暂缓" => Some(Suspended),
        "退会" | "退出" | "注销" | "除名" | "离会" | "失效" | "迁出" => Some(Withdrawn),
        _ => None,
    })
}

/// 民营企业, 私企, 国企, 央企, 合资, 外商独资, 有限责任公司（自然人投资或控股） → one of the usual
/// kinds of ownership; other text is kept as written.
fn parse_ownership(text: &str) -> Option<Ownership> {
    let kind = |text: &str| {
        let core = ["企业", "公司", "经济", "所有制", "性质"]
            .iter()
            .find_map(|s| text.strip_suffix(s))
            .filter(|c| !c.is_empty())
            .unwrap_or(text);
        Ownership::from_label(text).or_else(|| Ownership::from_label(core)).or_else(|| ownership_word(core))
    };
    // A company type as the business licence gives it names the owner in brackets.
    let inner = |text: &str| Some(text.split_once('(')?.1.trim_end_matches(')').split(['、', ',']).next()?.to_string());
    kind(text).or_else(|| kind(&inner(text)?))
}

fn ownership_word(core: &str) -> Option<Ownership> {
    use Ownership::*;
    Some(match core {
        "国企" | "央企" | "中央" | "国营" | "国有独资" | "国有控股" | "国有全资" | "全民" | "地方国企" | "市属国企"
        | "省属国企" => State,
        "民企"
        | "私营"
        | "私企"
        | "私人"
        | "个体"
        | "个体工商户"
        | "个人独资"
        | "自然人独资"
        | "自然人投资或控股"
        | "自然人控股"
        | "合伙" => Private,
        "外企" | "外商独资" | "外资独资" | "独资" | "外商投资" | "外国法人独资" | "外国独资" => {
            Foreign
        }
        "合资" | "中外合作" | "中外合资经营" | "中外合作经营" => JointVenture,
        "台企" | "台商独资" | "台商投资" | "台湾独资" | "台湾法人独资" => Taiwan,
        "港企" | "港商独资" | "港商投资" | "香港独资" | "香港法人独资" => HongKong,
        "城镇集体" | "乡镇集体" | "村集体" => Collective,
        _ => return None,
    })
}

/// A choice read from text: empty is `None`, anything else must be recognised.
fn set_choice<T>(target: &mut Option<T>, text: &str, parse: impl Fn(&str) -> Option<T>) -> Result<(), ValidationError> {
    let text = clean(text);
    if text.is_empty() {
        *target = None;
        return Ok(());
    }
    *target = Some(parse(&text).ok_or(ValidationError::UnknownChoice(text))?);
    Ok(())
}

// Fields several records share.
const CATEGORY: FieldInfo = info(
    "Category",
    Phrase::new("类别", "Category"),
    &["产品类别", "分类", "品类", "类型", "物料类别", "所属类别", "大类", "产品分类", "采购类别"],
    Kind::Text,
);
const SPEC: FieldInfo = info(
    "Spec",
    Phrase::new("规格/关键词", "Spec / keywords"),
    &[
        "规格",
        "规格型号",
        "型号规格",
        "型号",
        "规格参数",
        "技术参数",
        "参数",
        "关键词",
        "关键字",
        "描述",
        "产品描述",
        "spec",
        "specification",
        "model",
    ],
    Kind::Text,
);
const UNIT: FieldInfo = info("Unit", Phrase::new("单位", "Unit"), &["计量单位", "计价单位", "uom"], Kind::Text);
const UNIT_PRICE: FieldInfo = info(
    "UnitPrice",
    Phrase::new("单价(元)", "Unit price (¥)"),
    &[
        "价格",
        "现单价",
        "采购单价",
        "采购价",
        "采购价格",
        "现价",
        "含税单价",
        "不含税单价",
        "销售单价",
        "出厂价",
        "报价",
        "参考价",
        "参考单价",
        "平均单价",
        "price",
    ],
    Kind::Number,
);
const PHONE: FieldInfo = info(
    "Phone",
    Phrase::new("联系电话", "Phone"),
    &[
        "电话",
        "手机",
        "联系方式",
        "手机号",
        "手机号码",
        "电话号码",
        "联系人电话",
        "联系人手机",
        "办公电话",
        "固定电话",
        "座机",
        "tel",
        "telephone",
        "mobile",
    ],
    Kind::Text,
);

static COMPANY_FIELDS: [FieldDef<Company>; 16] = [
    FieldDef {
        info: info(
            "CompanyName",
            Phrase::new("企业名称", "Company name"),
            &[
                "企业全称",
                "单位名称",
                "公司名称",
                "企业名",
                "公司全称",
                "单位全称",
                "会员单位",
                "会员单位名称",
                "会员名称",
                "会员企业",
                "企业",
                "单位",
                "名称",
                "name",
                "company",
                "fullname",
                "companyname",
            ],
            Kind::Text,
        ),
        value: |c, _| Value::of_text(&c.name),
        set: |c, t, _| set_required(&mut c.name, t),
    },
    FieldDef {
        info: info("ShortName", Phrase::new("简称", "Short name"), &["企业简称", "公司简称", "单位简称"], Kind::Text),
        value: |c, _| Value::of_text(&c.short_name),
        set: |c, t, _| set_text(&mut c.short_name, t),
    },
    FieldDef {
        info: info(
            "CreditCode",
            Phrase::new("统一社会信用代码", "Credit code"),
            &[
                "信用代码",
                "社会信用代码",
                "社会统一信用代码",
                "统一信用代码",
                "统一代码",
                "税号",
                "纳税人识别号",
                "uscc",
                "unifiedsocialcreditcode",
            ],
            Kind::Text,
        ),
        value: |c, _| Value::of_text(&c.credit_code),
        set: |c, t, _| set_credit_code(&mut c.credit_code, t),
    },
    FieldDef {
        info: info(
            "Zone",
            glossary::ZONE,
            &["所属片区", "所在片区", "片区名称", "区域", "所属区域", "所在区域", "分区"],
            Kind::Choice(zone_choices),
        ),
        value: |c, env| {
            c.zone_id
                .and_then(|id| env.zones.iter().find(|z| z.id == id))
                .map_or(Value::Empty, |z| Value::of_text(&z.name))
        },
        set: |c, t, env| set_choice(&mut c.zone_id, t, |text| resolve_zone(text, env.zones).map(|i| env.zones[i].id)),
    },
    FieldDef {
        info: info(
            "Address",
            Phrase::new("地址", "Address"),
            &[
                "企业地址",
                "详细地址",
                "公司地址",
                "单位地址",
                "注册地址",
                "经营地址",
                "办公地址",
                "通讯地址",
                "联系地址",
                "生产地址",
                "所在地址",
                "厂址",
            ],
            // An address may take two lines (road, then building), as written on an envelope.
            Kind::LongText,
        ),
        value: |c, _| Value::of_text(&c.address),
        set: |c, t, _| set_long_text(&mut c.address, t),
    },
    FieldDef {
        // Sheets say where on the park map in many ways; units in brackets are dropped before
        // matching (位置X(米) is 位置x). Longitude and latitude are degrees, not these metres.
        info: info(
            "X",
            Phrase::new("东向坐标(米)", "East (m)"),
            &[
                "x",
                "x坐标",
                "坐标x",
                "位置x",
                "x位置",
                "x轴",
                "横坐标",
                "东西向坐标",
                "东西坐标",
                "东坐标",
                "东向",
                "east",
                "eastm",
            ],
            Kind::Number,
        ),
        value: |c, _| Value::Number(c.x_m),
        set: |c, t, _| set_coordinate(&mut c.x_m, t),
    },
    FieldDef {
        info: info(
            "Y",
            Phrase::new("北向坐标(米)", "North (m)"),
            &[
                "y",
                "y坐标",
                "坐标y",
                "位置y",
                "y位置",
                "y轴",
                "纵坐标",
                "南北向坐标",
                "南北坐标",
                "北坐标",
                "北向",
                "north",
                "northm",
            ],
            Kind::Number,
        ),
        value: |c, _| Value::Number(c.y_m),
        set: |c, t, _| set_coordinate(&mut c.y_m, t),
    },
    FieldDef {
        info: info(
            "Industry",
            glossary::INDUSTRY,
            &["所属行业", "行业类别", "行业", "主营行业", "行业分类", "所属产业", "产业类别"],
            Kind::Suggest(industry_choices),
        ),
        value: |c, _| Value::of_text(&c.industry),
        set: |c, t, _| set_text(&mut c.industry, t),
    },
    FieldDef {
        info: info(
            "Ownership",
            Phrase::new("所有制", "Ownership"),
            &[
                "企业性质",
                "经济类型",
                "经济性质",
                "所有制性质",
                "所有制形式",
                "企业类型",
                "公司类型",
                "单位性质",
                "登记注册类型",
                "企业所有制",
            ],
            Kind::Suggest(ownership_choices),
        ),
        // The usual kinds are kept in Chinese and shown in the reader's language; others as typed.
        value: |c, env| Value::of_text(Ownership::from_label(&c.ownership).map_or(&c.ownership, |o| o.label(env.lang))),
        set: |c, t, _| {
            let text = clean(t);
            c.ownership = parse_ownership(&text).map_or(text, |o| o.phrase().zh.to_string());
            Ok(())
        },
    },
    FieldDef {
        info: info(
            "Employees",
            Phrase::new("职工人数", "Employees"),
            // Not 人员规模: a size is usually a range (50-100人), which no count reads.
            &[
                "员工数",
                "员工人数",
                "职工数",
                "人数",
                "职工总数",
                "员工总数",
                "从业人数",
                "从业人员",
                "从业人员数",
                "在职人数",
                "在职员工",
                "用工人数",
                "企业人数",
                "staff",
            ],
            Kind::Number,
        ),
        value: |c, _| Value::Number(f64::from(c.employees)),
        set: |c, t, _| set_count(&mut c.employees, t),
    },
    FieldDef {
        info: info(
            "Status",
            Phrase::new("会员状态", "Status"),
            &["状态", "会籍状态", "会籍", "会员资格"],
            Kind::Choice(status_choices),
        ),
        value: |c, env| Value::of_text(c.status.label(env.lang)),
        set: |c, t, _| {
            let mut status = Some(c.status);
            set_choice(&mut status, t, parse_status)?;
            // A blank status keeps what is stored.
            c.status = status.unwrap_or(c.status);
            Ok(())
        },
    },
    FieldDef {
        info: info(
            "JoinDate",
            Phrase::new("入会日期", "Join date"),
            &["入会时间", "加入日期", "加入时间", "joined"],
            Kind::Date,
        ),
        value: |c, _| c.join_date.map_or(Value::Empty, Value::Date),
        set: |c, t, _| set_date(&mut c.join_date, t),
    },
    FieldDef {
        info: info(
            "Stars",
            glossary::STARS,
            &["星级企业", "五星企业", "星级", "企业星级", "星级评定"],
            Kind::Choice(star_choices),
        ),
        value: |c, _| Value::Number(f64::from(c.stars)),
        set: |c, t, _| {
            let text = clean(t);
            c.stars = parse_stars(&text).ok_or(ValidationError::OutOfRange { text, min: 0, max: 5 })?;
            Ok(())
        },
    },
    FieldDef {
        info: info(
            "ContactPerson",
            Phrase::new("联系人", "Contact"),
            &["联系人姓名", "联络人", "联络员", "对接人", "contactperson"],
            Kind::Text,
        ),
        value: |c, _| Value::of_text(&c.contact_person),
        set: |c, t, _| set_text(&mut c.contact_person, t),
    },
    FieldDef { info: PHONE, value: |c, _| Value::of_text(&c.phone), set: |c, t, _| set_phone(&mut c.phone, t) },
    FieldDef {
        info: info(
            "Notes",
            Phrase::new("备注", "Notes"),
            &["备注说明", "说明", "note", "remark", "remarks"],
            Kind::LongText,
        ),
        value: |c, _| Value::of_text(&c.notes),
        set: |c, t, _| set_long_text(&mut c.notes, t),
    },
];

static PRODUCT_FIELDS: [FieldDef<Product>; 6] = [
    FieldDef {
        info: info(
            "ProductName",
            Phrase::new("产品名称", "Product"),
            &[
                "产品",
                "产品名",
                "品名",
                "名称",
                "商品名称",
                "物料名称",
                "主要产品",
                "主营产品",
                "productname",
                "product",
            ],
            Kind::Text,
        ),
        value: |p, _| Value::of_text(&p.name),
        set: |p, t, _| set_required(&mut p.name, t),
    },
    FieldDef { info: CATEGORY, value: |p, _| Value::of_text(&p.category), set: |p, t, _| set_text(&mut p.category, t) },
    FieldDef { info: SPEC, value: |p, _| Value::of_text(&p.spec), set: |p, t, _| set_text(&mut p.spec, t) },
    FieldDef { info: UNIT, value: |p, _| Value::of_text(&p.unit), set: |p, t, _| set_text(&mut p.unit, t) },
    FieldDef {
        info: UNIT_PRICE,
        value: |p, _| Value::of_number(p.unit_price),
        set: |p, t, _| set_amount(&mut p.unit_price, t),
    },
    FieldDef {
        info: info(
            "AnnualCapacity",
            Phrase::new("年产能", "Annual capacity"),
            &["产能", "年产量", "产量", "年生产能力", "生产能力", "年供应量", "capacity"],
            Kind::Number,
        ),
        value: |p, _| Value::of_number(p.annual_capacity),
        set: |p, t, _| set_amount(&mut p.annual_capacity, t),
    },
];

static NEED_FIELDS: [FieldDef<Need>; 8] = [
    FieldDef {
        info: info(
            "Item",
            Phrase::new("采购品名", "Item"),
            &[
                "物品名称",
                "零部件",
                "材料",
                "采购物品",
                "需求",
                "品名",
                "名称",
                "采购物料",
                "物料名称",
                "物料",
                "原材料",
                "采购产品",
                "采购内容",
                "采购名称",
                "需求产品",
                "需求名称",
                "采购需求",
                "item",
            ],
            Kind::Text,
        ),
        value: |n, _| Value::of_text(&n.item),
        set: |n, t, _| set_required(&mut n.item, t),
    },
    FieldDef { info: CATEGORY, value: |n, _| Value::of_text(&n.category), set: |n, t, _| set_text(&mut n.category, t) },
    FieldDef { info: SPEC, value: |n, _| Value::of_text(&n.spec), set: |n, t, _| set_text(&mut n.spec, t) },
    FieldDef {
        info: info(
            "CurrentSupplier",
            Phrase::new("现供应商", "Current supplier"),
            &[
                "供应商",
                "当前供应商",
                "目前供应商",
                "现有供应商",
                "原供应商",
                "主要供应商",
                "供应商名称",
                "供货商",
                "供货单位",
                "供应厂家",
                "供方",
                "supplier",
            ],
            Kind::Text,
        ),
        value: |n, _| Value::of_text(&n.current_supplier),
        set: |n, t, _| set_text(&mut n.current_supplier, t),
    },
    FieldDef {
        info: info(
            "SupplierRegion",
            Phrase::new("供应商所在地", "Supplier region"),
            &[
                "供应商地区",
                "供应商区域",
                "供应商所在地区",
                "供应商所在区域",
                "供应商所在城市",
                "供应商所在省份",
                "供应商来源",
                "供应地",
                "供货地",
                "供货地区",
                "采购地",
                "采购地区",
                "产地",
                "来源地",
            ],
            Kind::Choice(region_choices),
        ),
        value: |n, env| n.supplier_region.map_or(Value::Empty, |r| Value::of_text(r.label(env.lang))),
        set: |n, t, env| set_choice(&mut n.supplier_region, t, |text| env.place.supplier_region(text)),
    },
    FieldDef { info: UNIT, value: |n, _| Value::of_text(&n.unit), set: |n, t, _| set_text(&mut n.unit, t) },
    FieldDef {
        info: UNIT_PRICE,
        value: |n, _| Value::of_number(n.unit_price),
        set: |n, t, _| set_amount(&mut n.unit_price, t),
    },
    FieldDef {
        info: info(
            "AnnualQuantity",
            Phrase::new("年用量", "Annual quantity"),
            &[
                "年采购量",
                "用量",
                "年需求量",
                "需求量",
                "年需量",
                "采购量",
                "年采购数量",
                "采购数量",
                "数量",
                "年消耗量",
                "年耗用量",
                "quantity",
            ],
            Kind::Number,
        ),
        value: |n, _| Value::of_number(n.annual_quantity),
        set: |n, t, _| set_amount(&mut n.annual_quantity, t),
    },
];

static CONTACT_FIELDS: [FieldDef<Contact>; 4] = [
    FieldDef {
        info: info("ContactName", Phrase::new("姓名", "Name"), &[], Kind::Text),
        value: |c, _| Value::of_text(&c.name),
        set: |c, t, _| set_required(&mut c.name, t),
    },
    FieldDef {
        info: info("Role", Phrase::new("职务", "Role"), &[], Kind::Text),
        value: |c, _| Value::of_text(&c.role),
        set: |c, t, _| set_text(&mut c.role, t),
    },
    FieldDef { info: PHONE, value: |c, _| Value::of_text(&c.phone), set: |c, t, _| set_phone(&mut c.phone, t) },
    FieldDef {
        info: info("Email", Phrase::new("邮箱", "Email"), &["电子邮箱", "e-mail"], Kind::Text),
        value: |c, _| Value::of_text(&c.email),
        set: |c, t, _| set_email(&mut c.email, t),
    },
];

impl FieldTable for Company {
    fn fields() -> &'static [FieldDef<Self>] {
        &COMPANY_FIELDS
    }
}

impl FieldTable for Product {
    fn fields() -> &'static [FieldDef<Self>] {
        &PRODUCT_FIELDS
    }
}

impl FieldTable for Need {
    fn fields() -> &'static [FieldDef<Self>] {
        &NEED_FIELDS
    }
}

impl FieldTable for Contact {
    fn fields() -> &'static [FieldDef<Self>] {
        &CONTACT_FIELDS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::{Draft, FieldError};
    use crate::domain::{Zone, credit_code::CreditCodeError};
    use crate::i18n::Lang;

    fn zones() -> Vec<Zone> {
        ["第一片区", "第二片区", "第三片区"]
            .iter()
            .enumerate()
            .map(|(i, n)| Zone { id: i as i64 + 1, name: n.to_string() })
            .collect()
    }

    fn stored() -> Company {
        Company {
            id: 7,
            name: "宁波东盛模具标准件有限公司".into(),
            phone: "0574-86881234".into(),
            zone_id: Some(2),
            ..Company::default()
        }
    }

    fn keys<R: FieldTable>() -> Vec<&'static str> {
        R::fields().iter().map(|f| f.info.key).collect()
    }

    #[test]
    fn keys_are_unique_within_each_table() {
        for mut keys in [keys::<Company>(), keys::<Product>(), keys::<Need>(), keys::<Contact>()] {
            let n = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), n);
        }
    }

    #[test]
    fn an_untouched_draft_gives_back_the_stored_record() {
        let zones = zones();
        let env = Env { lang: Lang::En, zones: &zones, industries: &[], place: &crate::domain::place::NOWHERE };
        let company = Company {
            credit_code: "914403001922038216".into(),
            x_m: -12.5,
            ownership: "民营".into(),
            employees: 120,
            join_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 5),
            stars: 4,
            status: MemberStatus::Suspended,
            notes: "两行\n备注".into(),
            ..stored()
        };
        let (back, errors) = Draft::of(&company, &env).apply(&company, &env);
        assert_eq!((back, errors), (company, vec![]));
        let need = Need {
            item: "导柱".into(),
            supplier_region: Some(SupplierRegion::Abroad),
            unit_price: Some(0.1 + 0.2),
            ..Need::default()
        };
        let (back, errors) = Draft::of(&need, &env).apply(&need, &env);
        assert_eq!((back, errors), (need, vec![]));
    }

    #[test]
    fn valid_fields_are_taken_and_bad_ones_reported() {
        let zones = zones();
        let env = Env { lang: Lang::Zh, zones: &zones, industries: &[], place: &crate::domain::place::NOWHERE };
        let base = stored();
        let mut draft = Draft::of(&base, &env);
        draft.set("CreditCode", "914403001922038215".into());
        draft.set("Phone", "13805741234".into());
        draft.set("Zone", "三片区".into());
        let (company, errors) = draft.apply(&base, &env);
        assert_eq!(company.phone, "13805741234", "the good field is saved");
        assert_eq!(company.zone_id, Some(3), "a zone is understood however it is written");
        assert_eq!(company.credit_code, "", "the bad field keeps the stored value");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key, "CreditCode");
        assert!(matches!(errors[0].error, ValidationError::CreditCode(CreditCodeError::CheckDigit { .. })));
        assert!(errors[0].message(Lang::Zh).contains("校验位"));
    }

    #[test]
    fn name_is_required_and_numbers_must_be_numbers() {
        let zones = zones();
        let env = Env { lang: Lang::Zh, zones: &zones, industries: &[], place: &crate::domain::place::NOWHERE };
        let base = stored();
        let mut draft = Draft::of(&base, &env);
        draft.set("CompanyName", "  ".into());
        draft.set("Employees", "很多".into());
        draft.set("JoinDate", "2026年3月5日".into());
        let (company, errors) = draft.apply(&base, &env);
        assert_eq!(company.name, base.name);
        assert_eq!(company.join_date, chrono::NaiveDate::from_ymd_opt(2026, 3, 5));
        let fields: Vec<&str> = errors.iter().map(|e| e.key).collect();
        assert_eq!(fields, vec!["CompanyName", "Employees"]);
    }

    #[test]
    fn choices_are_read_in_either_language_and_unknown_ones_named() {
        let zones = zones();
        let env = Env { lang: Lang::Zh, zones: &zones, industries: &[], place: &crate::domain::place::NOWHERE };
        let base = stored();
        let mut draft = Draft::of(&base, &env);
        draft.set("Status", "Withdrawn".into());
        draft.set("Ownership", "Foreign-owned".into());
        draft.set("Stars", "★★★".into());
        let (company, errors) = draft.apply(&base, &env);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((company.status, company.ownership.as_str(), company.stars), (MemberStatus::Withdrawn, "外资", 3));

        draft.set("Zone", "第九片区".into());
        draft.set("Stars", "七星".into());
        let (_, errors) = draft.apply(&base, &env);
        let messages: Vec<String> = errors.iter().map(|e| e.message(Lang::Zh)).collect();
        assert_eq!(messages, ["未知片区“第九片区”", "星级“七星”应为 0–5"]);
        assert_eq!(
            errors[0],
            FieldError {
                key: "Zone", label: glossary::ZONE, error: ValidationError::UnknownChoice("第九片区".into())
            }
        );
        assert_eq!(errors[0].message(Lang::En), "Unknown zone “第九片区”");
    }

    #[test]
    fn prices_and_quantities_cannot_be_negative() {
        let env = Env::plain(Lang::Zh);
        let mut draft = Draft::of(&Need::default(), &env);
        draft.set("Item", "导柱".into());
        draft.set("UnitPrice", "-3".into());
        draft.set("AnnualQuantity", "1,000".into());
        let (need, errors) = draft.apply(&Need::default(), &env);
        assert_eq!(need.annual_quantity, Some(1000.0));
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].key, &errors[0].error), ("UnitPrice", &ValidationError::Negative));

        let mut draft = Draft::of(&Product::default(), &env);
        draft.set("ProductName", "导柱导套".into());
        draft.set("UnitPrice", "十二".into());
        let (_, errors) = draft.apply(&Product::default(), &env);
        assert_eq!(errors[0].error, ValidationError::NotANumber);
    }

    #[test]
    fn supplier_regions_are_read_against_the_parks_place() {
        let place = crate::domain::place::ParkPlace::new("宁波", "浙江");
        let env = Env { place: &place, ..Env::plain(Lang::Zh) };
        let region = |text: &str, env: &Env| {
            let mut draft = Draft::of(&Need::default(), env);
            draft.set("Item", "导柱".into());
            draft.set("SupplierRegion", text.into());
            let (need, errors) = draft.apply(&Need::default(), env);
            errors.is_empty().then_some(need.supplier_region)
        };
        let cases = [
            ("省外", SupplierRegion::Domestic),
            ("江苏", SupplierRegion::Domestic),
            ("本地", SupplierRegion::City),
            ("北仑", SupplierRegion::City),
            ("杭州", SupplierRegion::Province),
            ("德国进口", SupplierRegion::Abroad),
            ("香港", SupplierRegion::HongKongMacaoTaiwan),
            ("本园区", SupplierRegion::Park),
        ];
        for (text, expected) in cases {
            assert_eq!(region(text, &env), Some(Some(expected)), "{text}");
        }
        assert_eq!(region("", &env), Some(None));
        // Without the park's place a province cannot be placed, and is named as unrecognised.
        assert_eq!(region("江苏", &Env::plain(Lang::Zh)), None);
        assert_eq!(region("德国进口", &Env::plain(Lang::Zh)), Some(Some(SupplierRegion::Abroad)));
    }

    #[test]
    fn status_is_read_as_secretaries_write_it() {
        let cases = [
            ("在册", MemberStatus::Active),
            ("正常", MemberStatus::Active),
            ("正式会员", MemberStatus::Active),
            ("已入会", MemberStatus::Active),
            ("待审核", MemberStatus::Applicant),
            ("暂停", MemberStatus::Suspended),
            ("停会", MemberStatus::Suspended),
            ("已暂停", MemberStatus::Suspended),
            ("退会", MemberStatus::Withdrawn),
            ("已退会", MemberStatus::Withdrawn),
            ("退出", MemberStatus::Withdrawn),
            ("注销", MemberStatus::Withdrawn),
            ("已注销", MemberStatus::Withdrawn),
            ("suspended", MemberStatus::Suspended),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_status(text), Some(expected), "{text}");
        }
        assert_eq!(parse_status("已"), None);
        assert_eq!(parse_status("不清楚"), None);
    }

    #[test]
    fn ownership_is_read_as_the_usual_kinds_and_other_text_kept() {
        let cases = [
            ("民营", "民营"),
            ("民企", "民营"),
            ("私营", "民营"),
            ("私企", "民营"),
            ("民营企业", "民营"),
            ("有限责任公司（自然人投资或控股）", "民营"),
            ("国企", "国有"),
            ("国有企业", "国有"),
            ("央企", "国有"),
            ("外企", "外资"),
            ("外商独资", "外资"),
            ("独资", "外资"),
            ("外资企业", "外资"),
            ("合资", "中外合资"),
            ("股份有限公司(中外合资、未上市)", "中外合资"),
            ("台企", "台资"),
            ("港企", "港资"),
            ("集体所有制", "集体"),
            ("Private", "民营"),
            ("社会团体", "社会团体"),
            ("有限责任公司（台港澳法人独资）", "有限责任公司(台港澳法人独资)"),
        ];
        let env = Env::plain(Lang::Zh);
        for (text, expected) in cases {
            let mut draft = Draft::of(&stored(), &env);
            draft.set("Ownership", text.into());
            let (company, errors) = draft.apply(&stored(), &env);
            assert_eq!((company.ownership.as_str(), errors), (expected, vec![]), "{text}");
        }
    }

    #[test]
    fn counts_and_amounts_take_units_and_multipliers() {
        let env = Env::plain(Lang::Zh);
        let mut draft = Draft::of(&stored(), &env);
        draft.set("Employees", "200人".into());
        draft.set("X", "120米".into());
        let (company, errors) = draft.apply(&stored(), &env);
        assert_eq!((company.employees, company.x_m, errors), (200, 120.0, vec![]));
        let mut draft = Draft::of(&Need::default(), &env);
        draft.set("Item", "导柱".into());
        draft.set("UnitPrice", "¥12".into());
        draft.set("AnnualQuantity", "1.2万".into());
        let (need, errors) = draft.apply(&Need::default(), &env);
        assert_eq!((need.unit_price, need.annual_quantity, errors), (Some(12.0), Some(12_000.0), vec![]));
        draft.set("AnnualQuantity", "200-300".into());
        let (_, errors) = draft.apply(&Need::default(), &env);
        assert_eq!(errors[0].error, ValidationError::NotANumber);
    }

    #[test]
    fn contact_email_and_phone_are_checked() {
        let env = Env::plain(Lang::Zh);
        let mut draft = Draft::of(&Contact::default(), &env);
        draft.set("ContactName", "王芳".into());
        draft.set("Phone", "12345".into());
        draft.set("Email", "wang@".into());
        let (_, errors) = draft.apply(&Contact::default(), &env);
        let fields: Vec<&str> = errors.iter().map(|e| e.key).collect();
        assert_eq!(fields, vec!["Phone", "Email"]);
    }
}
