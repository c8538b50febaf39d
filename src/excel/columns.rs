//! The columns of each list: an ID, the owning company for products and needs, then the record's
//! own fields from its field table (`domain::records`). Export writes each column's label;
//! import recognises the label in either language or any of its aliases, in any order.

use crate::domain::fields::{FieldInfo, Kind};
use crate::domain::text::clean;
use crate::domain::{Company, FieldTable, Need, Product};
use crate::i18n::Phrase;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

crate::labelled_enum! {
    /// The lists that go in and out as spreadsheets.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ListKind {
        Companies = ("companies", "成员企业", "Companies"),
        Products = ("products", "产品", "Products"),
        Needs = ("needs", "采购需求", "Needs"),
    }
}

/// A column of a list: one field's description (see `FieldInfo`), compared by its key.
pub type Column = &'static FieldInfo;

/// The record's number in this federation, written on export so a sheet sent back updates it.
pub static ID: FieldInfo =
    FieldInfo {
        key: "Id", label: Phrase::new("编号", "ID"), aliases: &["系统编号", "qilianid"], kind: Kind::Number
    };

/// The company a product or need belongs to: its full name, short name or credit code.
pub static OWNER: FieldInfo = FieldInfo {
    key: "Owner",
    label: Phrase::new("所属企业", "Company"),
    aliases: &[
        "企业名称",
        "企业",
        "公司名称",
        "单位名称",
        "企业全称",
        "公司全称",
        "单位全称",
        "所属单位",
        "所属公司",
        "会员单位",
        "采购企业",
        "采购单位",
        "需求企业",
        "需求单位",
        "生产企业",
        "生产单位",
        "供应企业",
    ],
    kind: Kind::Text,
};

fn infos<R: FieldTable>() -> impl Iterator<Item = Column> {
    R::fields().iter().map(|f| &f.info)
}

impl ListKind {
    /// Every column, in the order export writes them.
    pub fn columns(self) -> Vec<Column> {
        let fields: Vec<Column> = match self {
            Self::Companies => infos::<Company>().collect(),
            Self::Products => infos::<Product>().collect(),
            Self::Needs => infos::<Need>().collect(),
        };
        let owner = (self != Self::Companies).then_some(&OWNER);
        std::iter::once(&ID).chain(owner).chain(fields).collect()
    }

    /// The column that names the records of this list: a header row that has it fits better.
    pub fn name_key(self) -> &'static str {
        match self {
            Self::Companies => "CompanyName",
            Self::Products => "ProductName",
            Self::Needs => "Item",
        }
    }

    pub fn column(self, key: &str) -> Option<Column> {
        self.columns().into_iter().find(|c| c.key == key)
    }
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

/// Every name a column of `kind` answers to, normalised; a name is taken by its first column.
fn names(kind: ListKind) -> &'static HashMap<String, Column> {
    static TABLES: [OnceLock<HashMap<String, Column>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index = ListKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    TABLES[index].get_or_init(|| {
        let mut names = HashMap::new();
        for column in kind.columns() {
            let labels = [column.label.zh, column.label.en].into_iter().chain(column.aliases.iter().copied());
            for name in labels.map(normalize_header).filter(|n| !n.is_empty()) {
                names.entry(name).or_insert(column);
            }
        }
        names
    })
}

/// The column of `kind` a header names, if any. Besides the header as it is, what is left of it
/// without a number in front (1.企业名称, 3、单价), a note in other brackets (单价【元】), or what
/// follows a slash (单价/元, 规格/型号, 电话/手机).
pub fn recognise(kind: ListKind, header: &str) -> Option<Column> {
    let names = names(kind);
    let normalized = normalize_header(header);
    let unnumbered = normalized.trim_start_matches(|c: char| c.is_ascii_digit());
    let unnumbered = match unnumbered.strip_prefix(['.', '、']) {
        Some(rest) if unnumbered.len() < normalized.len() => rest,
        _ => normalized.as_str(),
    };
    let unbracketed = without_brackets(unnumbered);
    let before_slash = unbracketed.split('/').next().unwrap_or_default();
    [normalized.as_str(), unnumbered, unbracketed.as_str(), before_slash]
        .into_iter()
        .filter(|n| !n.is_empty())
        .find_map(|n| names.get(n))
        .copied()
}

/// The text without notes in square or lenticular brackets: 单价【元】 → 单价.
fn without_brackets(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '[' | '【' => depth += 1,
            ']' | '】' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
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

/// A mapping as stored: each header's column key, or null.
pub fn mapping_to_json(mapping: &[Option<Column>]) -> String {
    let keys: Vec<Option<&str>> = mapping.iter().map(|c| c.map(|c| c.key)).collect();
    serde_json::Value::from(keys).to_string()
}

/// A stored mapping, if it still names columns of `kind` (a later version may have renamed one).
pub fn mapping_from_json(kind: ListKind, json: &str) -> Option<Vec<Option<Column>>> {
    let keys: Vec<Option<String>> = serde_json::from_str(json).ok()?;
    keys.into_iter().map(|key| key.map_or(Some(None), |k| kind.column(&k).map(Some))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn headers_are_recognised_loosely_in_both_languages() {
        let key = |kind, header| recognise(kind, header).map(|c| c.key);
        assert_eq!(key(ListKind::Companies, " 单位名称 * "), Some("CompanyName"));
        assert_eq!(key(ListKind::Companies, "Credit Code"), Some("CreditCode"));
        assert_eq!(key(ListKind::Companies, "所属片区（必填）"), Some("Zone"));
        assert_eq!(key(ListKind::Products, "单价(元)"), Some("UnitPrice"));
        assert_eq!(key(ListKind::Products, "企业名称"), Some("Owner"));
        assert_eq!(key(ListKind::Needs, "采购品名"), Some("Item"));
        assert_eq!(key(ListKind::Companies, "序号"), None);
    }

    #[test]
    fn real_header_variants_are_recognised() {
        let key = |kind, header| recognise(kind, header).map(|c| c.key);
        for header in ["位置X(米)", "X坐标", "坐标X", "X（米）", "东西向坐标", "X 坐标 (m)", "横坐标", "东向坐标(米)"]
        {
            assert_eq!(key(ListKind::Companies, header), Some("X"), "{header}");
        }
        for header in ["位置Y(米)", "Y坐标", "坐标Y", "Y（米）", "南北向坐标", "纵坐标"] {
            assert_eq!(key(ListKind::Companies, header), Some("Y"), "{header}");
        }
        let companies = [
            ("企业全称", "CompanyName"),
            ("单位名称", "CompanyName"),
            ("1.企业名称", "CompanyName"),
            ("统一社会信用代码", "CreditCode"),
            ("社会统一信用代码", "CreditCode"),
            ("信用代码", "CreditCode"),
            ("税号", "CreditCode"),
            ("所属片区", "Zone"),
            ("员工人数", "Employees"),
            ("职工人数(人)", "Employees"),
            ("从业人数", "Employees"),
            ("企业性质", "Ownership"),
            ("企业类型", "Ownership"),
            ("注册地址", "Address"),
            ("联系人电话", "Phone"),
            ("电话/手机", "Phone"),
            ("会籍状态", "Status"),
            ("星级", "Stars"),
            ("行业", "Industry"),
        ];
        for (header, expected) in companies {
            assert_eq!(key(ListKind::Companies, header), Some(expected), "{header}");
        }
        let needs = [
            ("年采购量", "AnnualQuantity"),
            ("年需求量(吨)", "AnnualQuantity"),
            ("采购单价", "UnitPrice"),
            ("单价/元", "UnitPrice"),
            ("单价【元/件】", "UnitPrice"),
            ("含税单价（元）", "UnitPrice"),
            ("规格/型号", "Spec"),
            ("供应商所在地区", "SupplierRegion"),
            ("产地", "SupplierRegion"),
            ("物料名称", "Item"),
            ("供货商", "CurrentSupplier"),
            ("计量单位", "Unit"),
            ("企业全称", "Owner"),
        ];
        for (header, expected) in needs {
            assert_eq!(key(ListKind::Needs, header), Some(expected), "{header}");
        }
        assert_eq!(key(ListKind::Products, "年产量"), Some("AnnualCapacity"));
        assert_eq!(key(ListKind::Products, "型号"), Some("Spec"));
        assert_eq!(key(ListKind::Companies, "经度"), None, "degrees are not metres on the park map");
        assert_eq!(key(ListKind::Companies, "人员规模"), None, "a size is a range, not a count");
    }

    #[test]
    fn no_name_answers_to_two_columns_of_one_list() {
        for kind in ListKind::ALL {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for column in kind.columns() {
                let names = [column.label.zh, column.label.en].into_iter().chain(column.aliases.iter().copied());
                for name in names.map(normalize_header) {
                    if let Some(other) = seen.insert(name.clone(), column.key) {
                        assert_eq!(other, column.key, "{kind:?}: “{name}”");
                    }
                }
            }
        }
    }

    #[test]
    fn every_exported_header_is_recognised_on_import() {
        for kind in ListKind::ALL {
            for column in kind.columns() {
                for lang in Lang::ALL {
                    assert_eq!(
                        recognise(kind, column.label.get(lang)),
                        Some(column),
                        "{kind:?} {} {lang:?}",
                        column.key
                    );
                }
            }
        }
    }

    #[test]
    fn a_column_is_mapped_once() {
        let headers: Vec<String> = ["企业名称", "公司名称", "电话"].map(String::from).to_vec();
        let keys: Vec<Option<&str>> =
            map_headers(ListKind::Companies, &headers).iter().map(|c| c.map(|c| c.key)).collect();
        assert_eq!(keys, vec![Some("CompanyName"), None, Some("Phone")]);
    }

    #[test]
    fn a_stored_mapping_reads_back_and_old_ones_still_load() {
        let headers: Vec<String> = ["企业名称", "备注", "序号"].map(String::from).to_vec();
        let mapping = map_headers(ListKind::Companies, &headers);
        let json = mapping_to_json(&mapping);
        assert_eq!(json, r#"["CompanyName","Notes",null]"#, "the format earlier versions wrote");
        assert_eq!(mapping_from_json(ListKind::Companies, &json), Some(mapping));
        assert_eq!(mapping_from_json(ListKind::Companies, r#"["NoSuchColumn"]"#), None);
    }
}
