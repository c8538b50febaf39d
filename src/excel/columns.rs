//! The columns of each list, their headers in both languages, and the other names people give
//! them in sheets. Export writes `header`; import recognises any alias, in any order.

use crate::domain::Field;
use crate::domain::text::clean;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ListKind {
    Companies,
    Products,
    Needs,
}

impl ListKind {
    pub const ALL: [ListKind; 3] = [Self::Companies, Self::Products, Self::Needs];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Companies => lang.pick("成员企业", "Companies"),
            Self::Products => lang.pick("产品", "Products"),
            Self::Needs => lang.pick("采购需求", "Needs"),
        }
    }

    pub fn columns(self) -> &'static [Column] {
        use Column::*;
        match self {
            Self::Companies => &[
                Id,
                CompanyName,
                ShortName,
                CreditCode,
                Zone,
                Address,
                X,
                Y,
                Industry,
                Ownership,
                Employees,
                Status,
                JoinDate,
                Stars,
                ContactPerson,
                Phone,
                Notes,
            ],
            Self::Products => &[Id, Owner, ProductName, Category, Spec, Unit, UnitPrice, AnnualCapacity],
            Self::Needs => {
                &[Id, Owner, Item, Category, Spec, CurrentSupplier, SupplierRegion, Unit, UnitPrice, AnnualQuantity]
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    Id,
    CompanyName,
    ShortName,
    CreditCode,
    Zone,
    Address,
    X,
    Y,
    Industry,
    Ownership,
    Employees,
    Status,
    JoinDate,
    Stars,
    ContactPerson,
    Phone,
    Notes,
    /// The company a product or need belongs to: full name, short name or credit code.
    Owner,
    ProductName,
    Item,
    Category,
    Spec,
    Unit,
    UnitPrice,
    AnnualCapacity,
    CurrentSupplier,
    SupplierRegion,
    AnnualQuantity,
}

impl Column {
    /// The header export writes, in the user's language.
    pub fn header(self, lang: Lang) -> &'static str {
        use Column::*;
        match self {
            Id => lang.pick("编号", "ID"),
            CompanyName => lang.pick("企业名称", "Company name"),
            ShortName => lang.pick("简称", "Short name"),
            CreditCode => lang.pick("统一社会信用代码", "Credit code"),
            Zone => lang.pick("片区", "Zone"),
            Address => lang.pick("地址", "Address"),
            X => lang.pick("东向坐标(米)", "East (m)"),
            Y => lang.pick("北向坐标(米)", "North (m)"),
            Industry => lang.pick("行业", "Industry"),
            Ownership => lang.pick("所有制", "Ownership"),
            Employees => lang.pick("职工人数", "Employees"),
            Status => lang.pick("会员状态", "Status"),
            JoinDate => lang.pick("入会日期", "Join date"),
            Stars => lang.pick("星级", "Stars"),
            ContactPerson => lang.pick("联系人", "Contact"),
            Phone => lang.pick("联系电话", "Phone"),
            Notes => lang.pick("备注", "Notes"),
            Owner => lang.pick("所属企业", "Company"),
            ProductName => lang.pick("产品名称", "Product"),
            Item => lang.pick("采购品名", "Item"),
            Category => lang.pick("类别", "Category"),
            Spec => lang.pick("规格/关键词", "Spec"),
            Unit => lang.pick("单位", "Unit"),
            UnitPrice => lang.pick("单价(元)", "Unit price"),
            AnnualCapacity => lang.pick("年产能", "Annual capacity"),
            CurrentSupplier => lang.pick("现供应商", "Current supplier"),
            SupplierRegion => lang.pick("供应商所在地", "Supplier region"),
            AnnualQuantity => lang.pick("年用量", "Annual quantity"),
        }
    }

    /// Other names for the column, already normalised (see `normalize_header`).
    fn aliases(self) -> &'static [&'static str] {
        use Column::*;
        match self {
            Id => &["编号", "id", "系统编号", "qilianid"],
            CompanyName => &["企业名称", "企业全称", "单位名称", "公司名称", "名称", "name", "companyname", "company"],
            ShortName => &["简称", "企业简称", "shortname"],
            CreditCode => &["统一社会信用代码", "信用代码", "社会信用代码", "creditcode", "uscc"],
            Zone => &["片区", "所属片区", "区域", "zone"],
            Address => &["地址", "企业地址", "详细地址", "address"],
            X => &["东向坐标", "x", "x坐标", "east"],
            Y => &["北向坐标", "y", "y坐标", "north"],
            Industry => &["行业", "所属行业", "行业类别", "industry"],
            Ownership => &["所有制", "企业性质", "经济类型", "ownership"],
            Employees => &["职工人数", "员工数", "员工人数", "职工数", "人数", "employees"],
            Status => &["会员状态", "状态", "status"],
            JoinDate => &["入会日期", "入会时间", "加入日期", "加入时间", "joindate", "joined"],
            Stars => &["星级", "星级企业", "五星企业", "stars"],
            ContactPerson => &["联系人", "contact", "contactperson"],
            Phone => &["联系电话", "电话", "手机", "联系方式", "phone"],
            Notes => &["备注", "notes", "note"],
            Owner => &["所属企业", "企业名称", "企业", "公司名称", "单位名称", "采购企业", "生产企业", "company"],
            ProductName => &["产品名称", "产品", "品名", "product", "productname"],
            Item => &["采购品名", "物品名称", "零部件", "材料", "采购物品", "需求", "品名", "item"],
            Category => &["类别", "产品类别", "分类", "category"],
            Spec => &["规格/关键词", "规格", "规格型号", "关键词", "spec"],
            Unit => &["单位", "计量单位", "unit"],
            UnitPrice => &["单价", "价格", "现单价", "unitprice", "price"],
            AnnualCapacity => &["年产能", "产能", "annualcapacity", "capacity"],
            CurrentSupplier => &["现供应商", "供应商", "当前供应商", "currentsupplier", "supplier"],
            SupplierRegion => &["供应商所在地", "供应商地区", "供应商区域", "supplierregion"],
            AnnualQuantity => &["年用量", "年采购量", "用量", "annualquantity", "quantity"],
        }
    }
}

/// The sheet column of a product or need form field.
pub fn column_of(field: Field) -> Option<Column> {
    Some(match field {
        Field::Name => Column::ProductName,
        Field::Item => Column::Item,
        Field::Category => Column::Category,
        Field::Spec => Column::Spec,
        Field::Unit => Column::Unit,
        Field::UnitPrice => Column::UnitPrice,
        Field::AnnualCapacity => Column::AnnualCapacity,
        Field::CurrentSupplier => Column::CurrentSupplier,
        Field::AnnualQuantity => Column::AnnualQuantity,
        _ => return None,
    })
}

/// Headers compared loosely: no spaces, lower case, no "*" marks, no "(元)"-style notes.
pub fn normalize_header(text: &str) -> String {
    let cleaned = clean(text).to_lowercase();
    let mut out = String::new();
    let mut depth = 0;
    for c in cleaned.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth - 1).max(0),
            '*' | '＊' | ' ' | '_' | ':' | '：' if depth == 0 => {}
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The column of `kind` a header names, if any.
pub fn recognise(kind: ListKind, header: &str) -> Option<Column> {
    let normalized = normalize_header(header);
    if normalized.is_empty() {
        return None;
    }
    kind.columns().iter().copied().find(|c| c.aliases().contains(&normalized.as_str()))
}

/// Maps each header cell to a column; a column is taken by its first header only.
pub fn map_headers(kind: ListKind, headers: &[String]) -> Vec<Option<Column>> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|h| {
            let column = recognise(kind, h).filter(|c| !taken.contains(c))?;
            taken.push(column);
            Some(column)
        })
        .collect()
}

/// What identifies a header layout, to remember a hand-corrected mapping for the next file.
pub fn header_signature(kind: ListKind, headers: &[String]) -> String {
    let names: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    format!("{kind:?}|{}", names.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_loosely_in_both_languages() {
        assert_eq!(recognise(ListKind::Companies, " 单位名称 * "), Some(Column::CompanyName));
        assert_eq!(recognise(ListKind::Companies, "Credit Code"), Some(Column::CreditCode));
        assert_eq!(recognise(ListKind::Companies, "所属片区（必填）"), Some(Column::Zone));
        assert_eq!(recognise(ListKind::Products, "单价(元)"), Some(Column::UnitPrice));
        assert_eq!(recognise(ListKind::Products, "企业名称"), Some(Column::Owner));
        assert_eq!(recognise(ListKind::Needs, "采购品名"), Some(Column::Item));
        assert_eq!(recognise(ListKind::Companies, "序号"), None);
    }

    #[test]
    fn every_exported_header_is_recognised_on_import() {
        for kind in ListKind::ALL {
            for &column in kind.columns() {
                for lang in [Lang::Zh, Lang::En] {
                    assert_eq!(recognise(kind, column.header(lang)), Some(column), "{kind:?} {column:?} {lang:?}");
                }
            }
        }
    }

    #[test]
    fn a_column_is_mapped_once() {
        let headers: Vec<String> = ["企业名称", "公司名称", "电话"].map(String::from).to_vec();
        assert_eq!(
            map_headers(ListKind::Companies, &headers),
            vec![Some(Column::CompanyName), None, Some(Column::Phone)]
        );
    }
}
