//! Form drafts: what the user typed, as text, and the rules that turn it into records.
//!
//! Each draft `apply`s onto a stored record: every field that is valid is taken, every field that
//! is not keeps the stored value and is reported. That way an edit is saved field by field as it is
//! made, and a bad credit code never blocks saving the phone number typed next to it.

use super::text::{NotANumber, clean, parse_date, parse_number};
use super::{Company, Contact, MemberStatus, Need, Product, SupplierRegion, ZoneId};
use super::{credit_code, phone};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    CompanyName,
    Name,
    Item,
    PersonName,
    ShortName,
    CreditCode,
    Address,
    X,
    Y,
    Industry,
    Ownership,
    Employees,
    JoinDate,
    ContactPerson,
    Phone,
    Notes,
    Category,
    Spec,
    Unit,
    UnitPrice,
    AnnualCapacity,
    CurrentSupplier,
    AnnualQuantity,
    Role,
    Email,
}

impl Field {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::CompanyName => lang.pick("企业全称", "Full name"),
            Field::Name => lang.pick("名称", "Name"),
            Field::Item => lang.pick("采购品名", "Item"),
            Field::PersonName => lang.pick("姓名", "Name"),
            Field::ShortName => lang.pick("简称", "Short name"),
            Field::CreditCode => lang.pick("统一社会信用代码", "Credit code"),
            Field::Address => lang.pick("地址", "Address"),
            Field::X => lang.pick("东向坐标(米)", "East (m)"),
            Field::Y => lang.pick("北向坐标(米)", "North (m)"),
            Field::Industry => lang.pick("行业", "Industry"),
            Field::Ownership => lang.pick("所有制", "Ownership"),
            Field::Employees => lang.pick("职工人数", "Employees"),
            Field::JoinDate => lang.pick("入会日期", "Joined"),
            Field::ContactPerson => lang.pick("联系人", "Contact"),
            Field::Phone => lang.pick("联系电话", "Phone"),
            Field::Notes => lang.pick("备注", "Notes"),
            Field::Category => lang.pick("类别", "Category"),
            Field::Spec => lang.pick("规格/关键词", "Spec / keywords"),
            Field::Unit => lang.pick("单位", "Unit"),
            Field::UnitPrice => lang.pick("单价(元)", "Unit price (¥)"),
            Field::AnnualCapacity => lang.pick("年产能", "Annual capacity"),
            Field::CurrentSupplier => lang.pick("现供应商", "Current supplier"),
            Field::AnnualQuantity => lang.pick("年用量", "Annual quantity"),
            Field::Role => lang.pick("职务", "Role"),
            Field::Email => lang.pick("邮箱", "Email"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValidationError {
    Required,
    CreditCode(credit_code::CreditCodeError),
    /// The credit code is already used by another company (its name).
    DuplicateCreditCode(String),
    Phone,
    Email,
    NotANumber,
    Negative,
    NotAWholeNumber,
    Date,
}

impl ValidationError {
    pub fn message(&self, lang: Lang) -> String {
        use credit_code::CreditCodeError as C;
        match self {
            Self::Required => lang.pick("必填", "Required").into(),
            Self::CreditCode(C::Length(n)) => match lang {
                Lang::Zh => format!("信用代码应为18位，现为{n}位"),
                Lang::En => format!("A credit code has 18 characters, this has {n}"),
            },
            Self::CreditCode(C::BadChar { position, ch }) => match lang {
                Lang::Zh => format!("第{position}位“{ch}”不是信用代码允许的字符（不含 I、O、Z、S、V）"),
                Lang::En => format!("Character {position} '{ch}' is not allowed (no I, O, Z, S, V)"),
            },
            Self::CreditCode(C::CheckDigit { expected, found }) => match lang {
                Lang::Zh => format!("校验位错误：末位应为 {expected}，现为 {found}，请核对代码"),
                Lang::En => format!("Check digit wrong: last character should be {expected}, not {found}"),
            },
            Self::DuplicateCreditCode(other) => match lang {
                Lang::Zh => format!("该信用代码已属于“{other}”"),
                Lang::En => format!("This credit code already belongs to “{other}”"),
            },
            Self::Phone => lang
                .pick(
                    "电话格式不对：手机11位，座机带区号如 0574-86881234",
                    "Not a phone number: 11-digit mobile, or landline with area code like 0574-86881234",
                )
                .into(),
            Self::Email => lang.pick("邮箱格式不对", "Not an email address").into(),
            Self::NotANumber => lang.pick("应填数字", "Must be a number").into(),
            Self::Negative => lang.pick("不能为负数", "Cannot be negative").into(),
            Self::NotAWholeNumber => lang.pick("应填整数", "Must be a whole number").into(),
            Self::Date => lang.pick("日期格式如 2026-03-05", "Date like 2026-03-05").into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: Field,
    pub error: ValidationError,
}

/// Collects field errors while a draft is applied.
#[derive(Default)]
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, field: Field, error: ValidationError) {
        self.errors.push(FieldError { field, error });
    }

    fn required(&mut self, field: Field, text: &str, target: &mut String) {
        let value = clean(text);
        if value.is_empty() {
            self.fail(field, ValidationError::Required);
        } else {
            *target = value;
        }
    }

    fn optional_number(&mut self, field: Field, text: &str, target: &mut Option<f64>) {
        match parse_number(text) {
            Err(NotANumber) => self.fail(field, ValidationError::NotANumber),
            Ok(Some(n)) if n < 0.0 => self.fail(field, ValidationError::Negative),
            Ok(n) => *target = n,
        }
    }

    fn coordinate(&mut self, field: Field, text: &str, target: &mut f64) {
        match parse_number(text) {
            Err(NotANumber) => self.fail(field, ValidationError::NotANumber),
            Ok(n) => *target = n.unwrap_or(0.0),
        }
    }

    fn phone(&mut self, text: &str, target: &mut String) {
        let value = phone::normalize(text);
        if value.is_empty() || phone::is_valid(&value) {
            *target = value;
        } else {
            self.fail(Field::Phone, ValidationError::Phone);
        }
    }
}

fn format_number(n: Option<f64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// The company form as typed. Zone, status and stars are picked from lists, so they are typed values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CompanyDraft {
    pub name: String,
    pub short_name: String,
    pub credit_code: String,
    pub zone_id: Option<ZoneId>,
    pub address: String,
    pub x_m: String,
    pub y_m: String,
    pub industry: String,
    pub ownership: String,
    pub employees: String,
    pub status: MemberStatus,
    pub join_date: String,
    pub stars: u8,
    pub contact_person: String,
    pub phone: String,
    pub notes: String,
}

impl CompanyDraft {
    pub fn from_company(c: &Company) -> Self {
        Self {
            name: c.name.clone(),
            short_name: c.short_name.clone(),
            credit_code: c.credit_code.clone(),
            zone_id: c.zone_id,
            address: c.address.clone(),
            x_m: format!("{:.0}", c.x_m),
            y_m: format!("{:.0}", c.y_m),
            industry: c.industry.clone(),
            ownership: c.ownership.clone(),
            employees: c.employees.to_string(),
            status: c.status,
            join_date: c.join_date.map(|d| d.to_string()).unwrap_or_default(),
            stars: c.stars,
            contact_person: c.contact_person.clone(),
            phone: c.phone.clone(),
            notes: c.notes.clone(),
        }
    }

    /// The stored company with every valid field of the draft applied, and the fields that were not.
    pub fn apply(&self, base: &Company) -> (Company, Vec<FieldError>) {
        let mut c = base.clone();
        let mut check = Checker::default();
        check.required(Field::CompanyName, &self.name, &mut c.name);
        c.short_name = clean(&self.short_name);
        let code = credit_code::normalize(&super::text::to_half_width(&self.credit_code));
        match credit_code::validate(&code) {
            _ if code.is_empty() => c.credit_code.clear(),
            Ok(()) => c.credit_code = code,
            Err(e) => check.fail(Field::CreditCode, ValidationError::CreditCode(e)),
        }
        c.zone_id = self.zone_id;
        c.address = clean(&self.address);
        check.coordinate(Field::X, &self.x_m, &mut c.x_m);
        check.coordinate(Field::Y, &self.y_m, &mut c.y_m);
        c.industry = clean(&self.industry);
        c.ownership = clean(&self.ownership);
        match parse_number(&self.employees) {
            Err(NotANumber) => check.fail(Field::Employees, ValidationError::NotANumber),
            Ok(None) => c.employees = 0,
            Ok(Some(n)) if n < 0.0 => check.fail(Field::Employees, ValidationError::Negative),
            Ok(Some(n)) if n.fract() != 0.0 || n > f64::from(u32::MAX) => {
                check.fail(Field::Employees, ValidationError::NotAWholeNumber)
            }
            Ok(Some(n)) => c.employees = n as u32,
        }
        c.status = self.status;
        if self.join_date.trim().is_empty() {
            c.join_date = None;
        } else {
            match parse_date(&self.join_date) {
                Some(d) => c.join_date = Some(d),
                None => check.fail(Field::JoinDate, ValidationError::Date),
            }
        }
        c.stars = self.stars.min(5);
        c.contact_person = clean(&self.contact_person);
        check.phone(&self.phone, &mut c.phone);
        c.notes = self.notes.trim().to_string();
        (c, check.errors)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProductDraft {
    pub name: String,
    pub category: String,
    pub spec: String,
    pub unit: String,
    pub unit_price: String,
    pub annual_capacity: String,
}

impl ProductDraft {
    /// The free-text fields, in form order.
    pub fn text_fields(&mut self) -> Vec<(Field, &mut String)> {
        vec![
            (Field::Name, &mut self.name),
            (Field::Category, &mut self.category),
            (Field::Spec, &mut self.spec),
            (Field::Unit, &mut self.unit),
            (Field::UnitPrice, &mut self.unit_price),
            (Field::AnnualCapacity, &mut self.annual_capacity),
        ]
    }

    pub fn from_product(p: &Product) -> Self {
        Self {
            name: p.name.clone(),
            category: p.category.clone(),
            spec: p.spec.clone(),
            unit: p.unit.clone(),
            unit_price: format_number(p.unit_price),
            annual_capacity: format_number(p.annual_capacity),
        }
    }

    pub fn apply(&self, base: &Product) -> (Product, Vec<FieldError>) {
        let mut p = base.clone();
        let mut check = Checker::default();
        check.required(Field::Name, &self.name, &mut p.name);
        p.category = clean(&self.category);
        p.spec = clean(&self.spec);
        p.unit = clean(&self.unit);
        check.optional_number(Field::UnitPrice, &self.unit_price, &mut p.unit_price);
        check.optional_number(Field::AnnualCapacity, &self.annual_capacity, &mut p.annual_capacity);
        (p, check.errors)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NeedDraft {
    pub item: String,
    pub category: String,
    pub spec: String,
    pub current_supplier: String,
    pub supplier_region: Option<SupplierRegion>,
    pub unit: String,
    pub unit_price: String,
    pub annual_quantity: String,
}

impl NeedDraft {
    /// The free-text fields, in form order.
    pub fn text_fields(&mut self) -> Vec<(Field, &mut String)> {
        vec![
            (Field::Item, &mut self.item),
            (Field::Category, &mut self.category),
            (Field::Spec, &mut self.spec),
            (Field::CurrentSupplier, &mut self.current_supplier),
            (Field::Unit, &mut self.unit),
            (Field::UnitPrice, &mut self.unit_price),
            (Field::AnnualQuantity, &mut self.annual_quantity),
        ]
    }

    pub fn from_need(n: &Need) -> Self {
        Self {
            item: n.item.clone(),
            category: n.category.clone(),
            spec: n.spec.clone(),
            current_supplier: n.current_supplier.clone(),
            supplier_region: n.supplier_region,
            unit: n.unit.clone(),
            unit_price: format_number(n.unit_price),
            annual_quantity: format_number(n.annual_quantity),
        }
    }

    pub fn apply(&self, base: &Need) -> (Need, Vec<FieldError>) {
        let mut n = base.clone();
        let mut check = Checker::default();
        check.required(Field::Item, &self.item, &mut n.item);
        n.category = clean(&self.category);
        n.spec = clean(&self.spec);
        n.current_supplier = clean(&self.current_supplier);
        n.supplier_region = self.supplier_region;
        n.unit = clean(&self.unit);
        check.optional_number(Field::UnitPrice, &self.unit_price, &mut n.unit_price);
        check.optional_number(Field::AnnualQuantity, &self.annual_quantity, &mut n.annual_quantity);
        (n, check.errors)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactDraft {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

impl ContactDraft {
    /// The free-text fields, in form order.
    pub fn text_fields(&mut self) -> Vec<(Field, &mut String)> {
        vec![
            (Field::PersonName, &mut self.name),
            (Field::Role, &mut self.role),
            (Field::Phone, &mut self.phone),
            (Field::Email, &mut self.email),
        ]
    }

    pub fn from_contact(c: &Contact) -> Self {
        Self { name: c.name.clone(), role: c.role.clone(), phone: c.phone.clone(), email: c.email.clone() }
    }

    pub fn apply(&self, base: &Contact) -> (Contact, Vec<FieldError>) {
        let mut c = base.clone();
        let mut check = Checker::default();
        check.required(Field::PersonName, &self.name, &mut c.name);
        c.role = clean(&self.role);
        check.phone(&self.phone, &mut c.phone);
        let email = self.email.trim();
        let looks_like_email = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if email.is_empty() || looks_like_email {
            c.email = email.to_string();
        } else {
            check.fail(Field::Email, ValidationError::Email);
        }
        (c, check.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> Company {
        Company {
            id: 7,
            name: "宁波东盛模具标准件有限公司".into(),
            phone: "0574-86881234".into(),
            ..Company::default()
        }
    }

    #[test]
    fn valid_fields_are_taken_and_bad_ones_reported() {
        let base = stored();
        let mut draft = CompanyDraft::from_company(&base);
        draft.credit_code = "914403001922038215".into();
        draft.phone = "13805741234".into();
        let (company, errors) = draft.apply(&base);
        assert_eq!(company.phone, "13805741234", "the good field is saved");
        assert_eq!(company.credit_code, "", "the bad field keeps the stored value");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::CreditCode);
        assert!(errors[0].error.message(Lang::Zh).contains("校验位"));
    }

    #[test]
    fn name_is_required_and_numbers_must_be_numbers() {
        let base = stored();
        let mut draft = CompanyDraft::from_company(&base);
        draft.name = "  ".into();
        draft.employees = "很多".into();
        draft.join_date = "2026年3月5日".into();
        let (company, errors) = draft.apply(&base);
        assert_eq!(company.name, base.name);
        assert_eq!(company.join_date, chrono::NaiveDate::from_ymd_opt(2026, 3, 5));
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::CompanyName, Field::Employees]);
    }

    #[test]
    fn prices_and_quantities_cannot_be_negative() {
        let draft = NeedDraft {
            item: "导柱".into(),
            unit_price: "-3".into(),
            annual_quantity: "1,000".into(),
            ..NeedDraft::default()
        };
        let (need, errors) = draft.apply(&Need::default());
        assert_eq!(need.annual_quantity, Some(1000.0));
        assert_eq!(errors, vec![FieldError { field: Field::UnitPrice, error: ValidationError::Negative }]);

        let draft =
            ProductDraft { name: "导柱导套".into(), unit_price: "十二".into(), ..ProductDraft::default() };
        let (_, errors) = draft.apply(&Product::default());
        assert_eq!(errors[0].error, ValidationError::NotANumber);
    }

    #[test]
    fn contact_email_and_phone_are_checked() {
        let draft = ContactDraft {
            name: "王芳".into(),
            phone: "12345".into(),
            email: "wang@".into(),
            ..ContactDraft::default()
        };
        let (_, errors) = draft.apply(&Contact::default());
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::Phone, Field::Email]);
    }
}
