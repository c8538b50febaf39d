//! A record's value in one column, typed: what export writes and what import compares.

use super::columns::Column;
use crate::domain::{Company, Need, Product, Zone};
use crate::i18n::Lang;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Value {
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) => format_number(*n),
            Value::Date(d) => d.to_string(),
        }
    }
}

pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

fn text(s: &str) -> Value {
    if s.is_empty() { Value::Empty } else { Value::Text(s.to_string()) }
}

fn number(n: Option<f64>) -> Value {
    n.map_or(Value::Empty, Value::Number)
}

pub fn company_value(c: &Company, column: Column, zones: &[Zone], lang: Lang) -> Value {
    match column {
        Column::Id => Value::Number(c.id as f64),
        Column::CompanyName => text(&c.name),
        Column::ShortName => text(&c.short_name),
        Column::CreditCode => text(&c.credit_code),
        Column::Zone => {
            c.zone_id.and_then(|id| zones.iter().find(|z| z.id == id)).map_or(Value::Empty, |z| text(&z.name))
        }
        Column::Address => text(&c.address),
        Column::X => Value::Number(c.x_m),
        Column::Y => Value::Number(c.y_m),
        Column::Industry => text(&c.industry),
        Column::Ownership => text(&c.ownership),
        Column::Employees => Value::Number(f64::from(c.employees)),
        Column::Status => text(c.status.label(lang)),
        Column::JoinDate => c.join_date.map_or(Value::Empty, Value::Date),
        Column::Stars => Value::Number(f64::from(c.stars)),
        Column::ContactPerson => text(&c.contact_person),
        Column::Phone => text(&c.phone),
        Column::Notes => text(&c.notes),
        _ => Value::Empty,
    }
}

/// `owner` is the owning company's full name.
pub fn product_value(p: &Product, owner: &str, column: Column) -> Value {
    match column {
        Column::Id => Value::Number(p.id as f64),
        Column::Owner => text(owner),
        Column::ProductName => text(&p.name),
        Column::Category => text(&p.category),
        Column::Spec => text(&p.spec),
        Column::Unit => text(&p.unit),
        Column::UnitPrice => number(p.unit_price),
        Column::AnnualCapacity => number(p.annual_capacity),
        _ => Value::Empty,
    }
}

pub fn need_value(n: &Need, owner: &str, column: Column, lang: Lang) -> Value {
    match column {
        Column::Id => Value::Number(n.id as f64),
        Column::Owner => text(owner),
        Column::Item => text(&n.item),
        Column::Category => text(&n.category),
        Column::Spec => text(&n.spec),
        Column::CurrentSupplier => text(&n.current_supplier),
        Column::SupplierRegion => n.supplier_region.map_or(Value::Empty, |r| text(r.label(lang))),
        Column::Unit => text(&n.unit),
        Column::UnitPrice => number(n.unit_price),
        Column::AnnualQuantity => number(n.annual_quantity),
        _ => Value::Empty,
    }
}
