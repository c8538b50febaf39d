//! Fields described once. Each record type has one table of `FieldDef`s (see `records`): its
//! label in both languages, the other names sheets give it, how it is shown, how it is read from
//! the record and how text is checked and written into it. The company form, the Excel import,
//! its preview of what changes, and the Excel export all read the same table, so adding a field
//! to a record is one entry there.
//!
//! A `Draft` holds what the user typed (or a sheet said), one text per field. Applying it to a
//! stored record takes every field that is valid and reports every one that is not, so an edit is
//! saved field by field and a bad credit code never blocks the phone number typed next to it.

use super::place::ParkPlace;
use super::text::{NotANumber, clean, parse_date, parse_number};
use super::{Zone, credit_code, phone};
use crate::i18n::{Lang, Phrase, format};
use chrono::{Datelike, NaiveDate};
use std::marker::PhantomData;

/// A field's value, typed: what export writes, what import compares, and (as text) what a form
/// shows.
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
            Value::Number(n) => format::number(*n),
            Value::Date(d) => format::date(*d),
        }
    }

    pub fn of_text(s: &str) -> Value {
        if s.is_empty() { Value::Empty } else { Value::Text(s.to_string()) }
    }

    pub fn of_number(n: Option<f64>) -> Value {
        n.map_or(Value::Empty, Value::Number)
    }
}

/// What fields need to know besides their record: the language choices are named in, the park's
/// zones, the industries already in use (offered when typing one), and where the park is.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    pub lang: Lang,
    pub zones: &'a [Zone],
    pub industries: &'a [String],
    pub place: &'a ParkPlace,
}

impl Env<'static> {
    /// For records whose fields need nothing from the park.
    pub fn plain(lang: Lang) -> Self {
        Self { lang, zones: &[], industries: &[], place: &super::place::NOWHERE }
    }
}

/// How to read values a sheet gives that no rule recognises, as the user said: (field key, the
/// value as written) → the text to read instead, empty to leave the field empty.
pub type ValueMap = std::collections::BTreeMap<(String, String), String>;

/// An entry of a choice list: the text the field takes, and what the user reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub text: String,
    pub label: String,
}

impl Choice {
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Self { label: text.clone(), text }
    }
}

/// How a field is shown and read.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    /// Several lines (notes).
    LongText,
    /// A number: right-aligned in lists, a number cell in Excel.
    Number,
    /// A date: a date cell in Excel, which sheets also give as a serial number.
    Date,
    /// One of a list; the form shows a drop-down.
    Choice(fn(&Env) -> Vec<Choice>),
    /// Free text, with the usual values offered.
    Suggest(fn(&Env) -> Vec<Choice>),
}

/// The part of a field that does not depend on its record: what a column of a sheet is matched
/// against, and what a form labels.
#[derive(Debug)]
pub struct FieldInfo {
    /// Stable name, kept in remembered column mappings.
    pub key: &'static str,
    /// Form label and export header.
    pub label: Phrase,
    /// Other names sheets use for it, normalised (see `excel::columns::normalize_header`); the
    /// label in both languages is always understood.
    pub aliases: &'static [&'static str],
    pub kind: Kind,
}

impl PartialEq for FieldInfo {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for FieldInfo {}

impl std::hash::Hash for FieldInfo {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

pub struct FieldDef<R: 'static> {
    pub info: FieldInfo,
    pub value: fn(&R, &Env) -> Value,
    /// Writes the text into the record, or says why it cannot; on error the record is unchanged.
    pub set: fn(&mut R, &str, &Env) -> Result<(), ValidationError>,
}

/// A record type with a field table.
pub trait FieldTable: Clone + PartialEq + Default + Send + Sync + 'static {
    fn fields() -> &'static [FieldDef<Self>];

    fn field(key: &str) -> Option<&'static FieldDef<Self>> {
        Self::fields().iter().find(|f| f.info.key == key)
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
    /// Not one of the field's choices (what was given).
    UnknownChoice(String),
    /// A number outside `min..=max` (what was given).
    OutOfRange {
        text: String,
        min: u32,
        max: u32,
    },
}

impl ValidationError {
    /// The problem on its own, as shown under the field it belongs to.
    pub fn message(&self, lang: Lang) -> String {
        use credit_code::CreditCodeError as C;
        match self {
            Self::Required => lang.pick("必填", "Required").into(),
            Self::CreditCode(C::Length(n)) => {
                crate::tr!(lang, "信用代码应为18位，现为{n}位", "A credit code has 18 characters, this has {n}")
            }
            Self::CreditCode(C::BadChar { position, ch }) => crate::tr!(
                lang,
                "第{position}位“{ch}”不是信用代码允许的字符（不含 I、O、Z、S、V）",
                "Character {position} '{ch}' is not allowed (no I, O, Z, S, V)"
            ),
            Self::CreditCode(C::CheckDigit { expected, found }) => crate::tr!(
                lang,
                "校验位错误：末位应为 {expected}，现为 {found}，请核对代码",
                "Check digit wrong: last character should be {expected}, not {found}"
            ),
            Self::DuplicateCreditCode(other) => {
                crate::tr!(lang, "该信用代码已属于“{other}”", "This credit code already belongs to “{other}”")
            }
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
            Self::UnknownChoice(text) => crate::tr!(lang, "无法识别“{text}”", "“{text}” not recognised"),
            Self::OutOfRange { text, min, max } => {
                crate::tr!(lang, "“{text}”应为 {min}–{max}", "“{text}” should be {min}–{max}")
            }
        }
    }
}

/// A field that could not take what was typed, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub key: &'static str,
    pub label: Phrase,
    pub error: ValidationError,
}

impl FieldError {
    /// The problem with the field named, as an import report or a notification says it.
    pub fn message(&self, lang: Lang) -> String {
        let label = self.label.get(lang);
        match &self.error {
            ValidationError::UnknownChoice(text) => {
                // Lower case changes only the English name.
                let label = label.to_lowercase();
                crate::tr!(lang, "未知{label}“{text}”", "Unknown {label} “{text}”")
            }
            ValidationError::OutOfRange { text, min, max } => {
                crate::tr!(lang, "{label}“{text}”应为 {min}–{max}", "{label} “{text}” should be {min}–{max}")
            }
            other => format!("{label}{}{}", lang.colon(), other.message(lang)),
        }
    }
}

/// A record's fields as typed, one text per field of its table.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft<R: FieldTable> {
    texts: Vec<String>,
    record: PhantomData<fn() -> R>,
}

impl<R: FieldTable> Draft<R> {
    /// The record's fields as text, ready to edit.
    pub fn of(record: &R, env: &Env) -> Self {
        Self { texts: R::fields().iter().map(|f| (f.value)(record, env).text()).collect(), record: PhantomData }
    }

    pub fn text(&self, key: &str) -> &str {
        R::fields().iter().position(|f| f.info.key == key).map_or("", |i| &self.texts[i])
    }

    /// Replaces the text of one field, as typing or a sheet's cell would.
    pub fn set(&mut self, key: &str, text: String) {
        if let Some(i) = R::fields().iter().position(|f| f.info.key == key) {
            self.texts[i] = text;
        }
    }

    /// Replaces the text of the field at `index` in the table.
    pub fn set_at(&mut self, index: usize, text: String) {
        if let Some(slot) = self.texts.get_mut(index) {
            *slot = text;
        }
    }

    /// Each field with its text, to draw a form.
    pub fn fields_mut(&mut self) -> impl Iterator<Item = (&'static FieldDef<R>, &mut String)> {
        R::fields().iter().zip(self.texts.iter_mut())
    }

    /// The stored record with every valid field of the draft applied, and the fields that were not.
    pub fn apply(&self, base: &R, env: &Env) -> (R, Vec<FieldError>) {
        let mut record = base.clone();
        let mut errors = Vec::new();
        for (field, text) in R::fields().iter().zip(&self.texts) {
            if let Err(error) = (field.set)(&mut record, text, env) {
                errors.push(FieldError { key: field.info.key, label: field.info.label, error });
            }
        }
        (record, errors)
    }
}

// What the tables are made of: one way of reading each kind of text.

/// Trimmed, half-width, single spaces.
pub fn set_text(target: &mut String, text: &str) -> Result<(), ValidationError> {
    *target = clean(text);
    Ok(())
}

pub fn set_required(target: &mut String, text: &str) -> Result<(), ValidationError> {
    let value = clean(text);
    if value.is_empty() {
        return Err(ValidationError::Required);
    }
    *target = value;
    Ok(())
}

/// Several lines: only the ends are trimmed.
pub fn set_long_text(target: &mut String, text: &str) -> Result<(), ValidationError> {
    *target = text.trim().to_string();
    Ok(())
}

/// A price or quantity: empty, or a number not below zero.
pub fn set_amount(target: &mut Option<f64>, text: &str) -> Result<(), ValidationError> {
    match parse_number(text) {
        Err(NotANumber) => Err(ValidationError::NotANumber),
        Ok(Some(n)) if n < 0.0 => Err(ValidationError::Negative),
        Ok(n) => {
            *target = n;
            Ok(())
        }
    }
}

/// Metres on the park map, either side of the origin; empty is the origin.
pub fn set_coordinate(target: &mut f64, text: &str) -> Result<(), ValidationError> {
    match parse_number(text) {
        Err(NotANumber) => Err(ValidationError::NotANumber),
        Ok(n) => {
            *target = n.unwrap_or(0.0);
            Ok(())
        }
    }
}

/// A head count: a whole number, empty is none.
pub fn set_count(target: &mut u32, text: &str) -> Result<(), ValidationError> {
    match parse_number(text) {
        Err(NotANumber) => Err(ValidationError::NotANumber),
        Ok(None) => {
            *target = 0;
            Ok(())
        }
        Ok(Some(n)) if n < 0.0 => Err(ValidationError::Negative),
        Ok(Some(n)) if n.fract() != 0.0 || n > f64::from(u32::MAX) => Err(ValidationError::NotAWholeNumber),
        Ok(Some(n)) => {
            *target = n as u32;
            Ok(())
        }
    }
}

/// The years a date of the federation's records may fall in: any real join date, and nothing a
/// typo or a stray serial number makes (year 1, year 10000), which Excel could not even hold.
pub const DATE_YEARS: std::ops::RangeInclusive<u32> = 1900..=2099;

pub fn set_date(target: &mut Option<NaiveDate>, text: &str) -> Result<(), ValidationError> {
    if text.trim().is_empty() {
        *target = None;
        return Ok(());
    }
    let date = parse_date(text).ok_or(ValidationError::Date)?;
    if !u32::try_from(date.year()).is_ok_and(|y| DATE_YEARS.contains(&y)) {
        let (min, max) = (*DATE_YEARS.start(), *DATE_YEARS.end());
        return Err(ValidationError::OutOfRange { text: text.trim().to_string(), min, max });
    }
    *target = Some(date);
    Ok(())
}

pub fn set_phone(target: &mut String, text: &str) -> Result<(), ValidationError> {
    let value = phone::normalize(text);
    if !value.is_empty() && !phone::is_valid(&value) {
        return Err(ValidationError::Phone);
    }
    *target = value;
    Ok(())
}

pub fn set_email(target: &mut String, text: &str) -> Result<(), ValidationError> {
    let email = text.trim();
    let looks_like_email = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    if !email.is_empty() && !looks_like_email {
        return Err(ValidationError::Email);
    }
    *target = email.to_string();
    Ok(())
}

/// A credit code: empty, or 18 characters with a right check digit (GB 32100-2015).
pub fn set_credit_code(target: &mut String, text: &str) -> Result<(), ValidationError> {
    let code = credit_code::normalize(&super::text::to_half_width(text));
    if !code.is_empty() {
        credit_code::validate(&code).map_err(ValidationError::CreditCode)?;
    }
    *target = code;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_any_real_join_date_are_refused() {
        let mut date = None;
        assert_eq!(set_date(&mut date, "1900-01-01"), Ok(()));
        assert_eq!(set_date(&mut date, "2026-3-5"), Ok(()));
        assert_eq!(date, NaiveDate::from_ymd_opt(2026, 3, 5));
        for text in ["0001-01-01", "1899-12-31", "2100-01-01", "10000-01-01"] {
            assert!(
                matches!(
                    set_date(&mut date, text),
                    Err(ValidationError::OutOfRange { .. }) | Err(ValidationError::Date)
                ),
                "{text}"
            );
        }
        assert_eq!(date, NaiveDate::from_ymd_opt(2026, 3, 5), "a refused date keeps the one before");
    }
}
