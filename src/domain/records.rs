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

fn parse_status(text: &str) -> Option<MemberStatus> {
    MemberStatus::from_label(text).or(match text {
        "会员" | "正式会员" | "正常" => Some(MemberStatus::Active),
        "退会" => Some(MemberStatus::Withdrawn),
        _ => None,
    })
}

fn parse_region(text: &str) -> Option<SupplierRegion> {
    SupplierRegion::from_label(text).or(match text {
        "香港" | "澳门" | "台湾" | "港澳" => Some(SupplierRegion::HongKongMacaoTaiwan),
        "国外" | "海外" | "进口" => Some(SupplierRegion::Abroad),
        "本市" | "宁波" => Some(SupplierRegion::City),
        "本省" | "浙江" => Some(SupplierRegion::Province),
        "园区" | "本园区" => Some(SupplierRegion::Park),
        _ => None,
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
const CATEGORY: FieldInfo = info("Category", Phrase::new("类别", "Category"), &["产品类别", "分类"], Kind::Text);
const SPEC: FieldInfo =
    info("Spec", Phrase::new("规格/关键词", "Spec / keywords"), &["规格", "规格型号", "关键词", "spec"], Kind::Text);
const UNIT: FieldInfo = info("Unit", Phrase::new("单位", "Unit"), &["计量单位"], Kind::Text);
const UNIT_PRICE: FieldInfo =
    info("UnitPrice", Phrase::new("单价(元)", "Unit price (¥)"), &["价格", "现单价", "price"], Kind::Number);
const PHONE: FieldInfo = info("Phone", Phrase::new("联系电话", "Phone"), &["电话", "手机", "联系方式"], Kind::Text);

static COMPANY_FIELDS: [FieldDef<Company>; 16] = [
    FieldDef {
        info: info(
            "CompanyName",
            Phrase::new("企业名称", "Company name"),
            &["企业全称", "单位名称", "公司名称", "名称", "name", "company", "fullname"],
            Kind::Text,
        ),
        value: |c, _| Value::of_text(&c.name),
        set: |c, t, _| set_required(&mut c.name, t),
    },
    FieldDef {
        info: info("ShortName", Phrase::new("简称", "Short name"), &["企业简称"], Kind::Text),
        value: |c, _| Value::of_text(&c.short_name),
        set: |c, t, _| set_text(&mut c.short_name, t),
    },
    FieldDef {
        info: info(
            "CreditCode",
            Phrase::new("统一社会信用代码", "Credit code"),
            &["信用代码", "社会信用代码", "uscc"],
            Kind::Text,
        ),
        value: |c, _| Value::of_text(&c.credit_code),
        set: |c, t, _| set_credit_code(&mut c.credit_code, t),
    },
    FieldDef {
        info: info("Zone", glossary::ZONE, &["所属片区", "区域"], Kind::Choice(zone_choices)),
        value: |c, env| {
            c.zone_id
                .and_then(|id| env.zones.iter().find(|z| z.id == id))
                .map_or(Value::Empty, |z| Value::of_text(&z.name))
        },
        set: |c, t, env| set_choice(&mut c.zone_id, t, |text| resolve_zone(text, env.zones).map(|i| env.zones[i].id)),
    },
    FieldDef {
        // An address may take two lines (road, then building), as written on an envelope.
        info: info("Address", Phrase::new("地址", "Address"), &["企业地址", "详细地址"], Kind::LongText),
        value: |c, _| Value::of_text(&c.address),
        set: |c, t, _| set_long_text(&mut c.address, t),
    },
    FieldDef {
        info: info("X", Phrase::new("东向坐标(米)", "East (m)"), &["x", "x坐标"], Kind::Number),
        value: |c, _| Value::Number(c.x_m),
        set: |c, t, _| set_coordinate(&mut c.x_m, t),
    },
    FieldDef {
        info: info("Y", Phrase::new("北向坐标(米)", "North (m)"), &["y", "y坐标"], Kind::Number),
        value: |c, _| Value::Number(c.y_m),
        set: |c, t, _| set_coordinate(&mut c.y_m, t),
    },
    FieldDef {
        info: info("Industry", glossary::INDUSTRY, &["所属行业", "行业类别"], Kind::Suggest(industry_choices)),
        value: |c, _| Value::of_text(&c.industry),
        set: |c, t, _| set_text(&mut c.industry, t),
    },
    FieldDef {
        info: info(
            "Ownership",
            Phrase::new("所有制", "Ownership"),
            &["企业性质", "经济类型"],
            Kind::Suggest(ownership_choices),
        ),
        // The usual kinds are kept in Chinese and shown in the reader's language; others as typed.
        value: |c, env| Value::of_text(Ownership::from_label(&c.ownership).map_or(&c.ownership, |o| o.label(env.lang))),
        set: |c, t, _| {
            let text = clean(t);
            c.ownership = Ownership::from_label(&text).map_or(text, |o| o.phrase().zh.to_string());
            Ok(())
        },
    },
    FieldDef {
        info: info(
            "Employees",
            Phrase::new("职工人数", "Employees"),
            &["员工数", "员工人数", "职工数", "人数"],
            Kind::Number,
        ),
        value: |c, _| Value::Number(f64::from(c.employees)),
        set: |c, t, _| set_count(&mut c.employees, t),
    },
    FieldDef {
        info: info("Status", Phrase::new("会员状态", "Status"), &["状态"], Kind::Choice(status_choices)),
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
        info: info("Stars", glossary::STARS, &["星级企业", "五星企业"], Kind::Choice(star_choices)),
        value: |c, _| Value::Number(f64::from(c.stars)),
        set: |c, t, _| {
            let text = clean(t);
            c.stars = parse_stars(&text).ok_or(ValidationError::OutOfRange { text, min: 0, max: 5 })?;
            Ok(())
        },
    },
    FieldDef {
        info: info("ContactPerson", Phrase::new("联系人", "Contact"), &["contactperson"], Kind::Text),
        value: |c, _| Value::of_text(&c.contact_person),
        set: |c, t, _| set_text(&mut c.contact_person, t),
    },
    FieldDef { info: PHONE, value: |c, _| Value::of_text(&c.phone), set: |c, t, _| set_phone(&mut c.phone, t) },
    FieldDef {
        info: info("Notes", Phrase::new("备注", "Notes"), &["note"], Kind::LongText),
        value: |c, _| Value::of_text(&c.notes),
        set: |c, t, _| set_long_text(&mut c.notes, t),
    },
];

static PRODUCT_FIELDS: [FieldDef<Product>; 6] = [
    FieldDef {
        info: info(
            "ProductName",
            Phrase::new("产品名称", "Product"),
            &["产品", "品名", "名称", "productname"],
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
        info: info("AnnualCapacity", Phrase::new("年产能", "Annual capacity"), &["产能", "capacity"], Kind::Number),
        value: |p, _| Value::of_number(p.annual_capacity),
        set: |p, t, _| set_amount(&mut p.annual_capacity, t),
    },
];

static NEED_FIELDS: [FieldDef<Need>; 8] = [
    FieldDef {
        info: info(
            "Item",
            Phrase::new("采购品名", "Item"),
            &["物品名称", "零部件", "材料", "采购物品", "需求", "品名", "名称"],
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
            &["供应商", "当前供应商", "supplier"],
            Kind::Text,
        ),
        value: |n, _| Value::of_text(&n.current_supplier),
        set: |n, t, _| set_text(&mut n.current_supplier, t),
    },
    FieldDef {
        info: info(
            "SupplierRegion",
            Phrase::new("供应商所在地", "Supplier region"),
            &["供应商地区", "供应商区域"],
            Kind::Choice(region_choices),
        ),
        value: |n, env| n.supplier_region.map_or(Value::Empty, |r| Value::of_text(r.label(env.lang))),
        set: |n, t, _| set_choice(&mut n.supplier_region, t, parse_region),
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
            &["年采购量", "用量", "quantity"],
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
