//! The two languages of the interface.
//!
//! Strings live next to where they are used, in both languages at once: `lang.pick("中文",
//! "English")` for a fixed string, `tr!(lang, "已导出 {rows} 行", "Exported {rows} rows")` for one
//! with arguments, `Phrase` for a fixed pair kept in a table, and `Text` for a message made now
//! and shown later (a notification) in whichever language the user reads then. Nouns every screen
//! shares are in `glossary`, numbers, money and dates are written by `format`.

pub mod format;
pub mod glossary;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// What goes between a label and its value: "片区：全部", "Zone: All".
    pub fn colon(self) -> &'static str {
        self.pick("：", ": ")
    }

    /// What separates the items of a list written out: "甲、乙", "a, b".
    pub fn list_separator(self) -> &'static str {
        self.pick("、", ", ")
    }
}

/// A fixed string in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Phrase {
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Self { zh, en }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// A message in both languages, made when something happens and shown later in whichever
/// language the user reads by then.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    zh: String,
    en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { zh: zh.into(), en: en.into() }
    }

    /// The message as `message` words it in each language (typed errors have such a method).
    pub fn from_fn(message: impl Fn(Lang) -> String) -> Self {
        Self { zh: message(Lang::Zh), en: message(Lang::En) }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl From<Phrase> for Text {
    fn from(phrase: Phrase) -> Self {
        Self::new(phrase.zh, phrase.en)
    }
}

/// `format!` in the user's language: `tr!(lang, "共 {n} 家", "{n} companies")`. Arguments are
/// named inline or listed after the two strings, as with `format!`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Zh => format!($zh $(, $arg)*),
            $crate::i18n::Lang::En => format!($en $(, $arg)*),
        }
    };
}

/// A `Text` in both languages: `text!("已创建：{name}", "Created: {name}")`. The arguments are
/// formatted once per language, so keep them cheap.
#[macro_export]
macro_rules! text {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::i18n::Text::new(format!($zh $(, $arg)*), format!($en $(, $arg)*))
    };
}

/// An enum of fixed choices with a stable code (what the database stores) and a label in each
/// language, so `ALL`, `code`, `from_code` and `label` are not written by hand each time:
///
/// ```ignore
/// labelled_enum! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
///     pub enum MemberStatus {
///         Applicant = ("applicant", "申请中", "Applicant"),
///         #[default]
///         Active = ("active", "在册", "Active"),
///     }
/// }
/// ```
#[macro_export]
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = ($code:literal, $zh:literal, $en:literal)),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            pub const ALL: [Self; [$(stringify!($variant)),+].len()] = [$(Self::$variant),+];

            /// Stable code stored in the database and written by the command line.
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.code() == code)
            }

            pub fn phrase(self) -> $crate::i18n::Phrase {
                match self {
                    $(Self::$variant => $crate::i18n::Phrase::new($zh, $en)),+
                }
            }

            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                self.phrase().get(lang)
            }

            /// The choice a label or code names, in either language (English ignoring case).
            pub fn from_label(text: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| {
                    let phrase = v.phrase();
                    v.code() == text || phrase.zh == text || phrase.en.eq_ignore_ascii_case(text)
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    labelled_enum! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        enum Colour {
            Red = ("red", "红", "Red"),
            #[default]
            Blue = ("blue", "蓝", "Blue"),
        }
    }

    #[test]
    fn a_labelled_enum_knows_its_codes_and_labels() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::Blue]);
        assert_eq!(Colour::default(), Colour::Blue);
        for colour in Colour::ALL {
            assert_eq!(Colour::from_code(colour.code()), Some(colour));
            assert_eq!(Colour::from_label(colour.label(Lang::Zh)), Some(colour));
        }
        assert_eq!(Colour::from_label("RED"), Some(Colour::Red));
        assert_eq!(Colour::from_label("绿"), None);
    }

    #[test]
    fn messages_are_formatted_in_the_language_asked() {
        let rows = 3;
        assert_eq!(tr!(Lang::Zh, "共 {rows} 行", "{rows} rows"), "共 3 行");
        assert_eq!(tr!(Lang::En, "第 {} 行", "row {}", rows + 1), "row 4");
        let kept = text!("已创建：{}", "Created: {}", "东盛");
        assert_eq!(kept.get(Lang::En), "Created: 东盛");
        assert_eq!(kept.get(Lang::Zh), "已创建：东盛");
    }
}
