//! 每季技术比武: a contest a quarter, its events with their criteria and rules (赛项规程), the
//! entries, the judges and who steps aside (回避), score sheets that lock when signed.

use super::CompanyId;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contest {
    pub id: i64,
    pub year: i32,
    pub quarter: u32,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub place: String,
    /// The industries taking part this quarter.
    pub industries: Vec<String>,
}

/// One thing scored, with its weight in the total (percent) and its maximum.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub name: String,
    pub weight: f64,
    pub max: f64,
}

crate::labelled_enum! {
    /// How the judges' scores of one criterion become the entry's.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Aggregation {
        #[default]
        Mean = ("mean", "平均分", "Mean of the judges"),
        DropExtremes = ("drop-extremes", "去掉一个最高分和一个最低分后平均", "Drop the highest and the lowest"),
        Normalised = ("normalised", "按评委标准化后平均", "Normalised per judge"),
    }
}

/// What orders entries whose totals are equal, in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak {
    /// The higher score in this criterion (its index) comes first.
    Criterion(usize),
    /// The shorter time comes first (an entry without a time last).
    ShorterTime,
}

impl TieBreak {
    pub fn code(self) -> String {
        match self {
            Self::Criterion(i) => format!("criterion:{i}"),
            Self::ShorterTime => "time".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "time" => Some(Self::ShorterTime),
            _ => code.strip_prefix("criterion:")?.parse().ok().map(Self::Criterion),
        }
    }
}

/// How many of each award an event gives, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwardCounts {
    pub first: u32,
    pub second: u32,
    pub third: u32,
    pub excellent: u32,
}

impl Default for AwardCounts {
    fn default() -> Self {
        Self { first: 1, second: 2, third: 3, excellent: 4 }
    }
}

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Award {
        First = ("first", "一等奖", "First prize"),
        Second = ("second", "二等奖", "Second prize"),
        Third = ("third", "三等奖", "Third prize"),
        Excellent = ("excellent", "优秀奖", "Honourable mention"),
    }
}

/// The fewest judges that can have their extremes dropped (two dropped leave one at least).
pub const MIN_JUDGES_TO_DROP: u32 = 3;

/// An event and its rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: i64,
    pub contest_id: i64,
    pub name: String,
    pub criteria: Vec<Criterion>,
    pub aggregation: Aggregation,
    /// Extremes are dropped only with at least this many judges (never fewer than 3).
    pub drop_from: u32,
    /// Judges further apart than this many points (of 100) on a criterion flag the entry.
    pub disagreement: f64,
    pub tie_breaks: Vec<TieBreak>,
    pub awards: AwardCounts,
}

impl Event {
    /// A new event with the usual rules: 理论 30 %, 实操 70 %, both out of 100; extremes dropped
    /// from five judges; ties broken by 实操, then 理论, then time.
    pub fn new(contest_id: i64, name: &str) -> Self {
        Self {
            id: 0,
            contest_id,
            name: name.to_string(),
            criteria: vec![
                Criterion { name: "理论".into(), weight: 30.0, max: 100.0 },
                Criterion { name: "实操".into(), weight: 70.0, max: 100.0 },
            ],
            aggregation: Aggregation::DropExtremes,
            drop_from: 5,
            disagreement: 15.0,
            tie_breaks: vec![TieBreak::Criterion(1), TieBreak::Criterion(0), TieBreak::ShorterTime],
            awards: AwardCounts::default(),
        }
    }

    /// Why the rules cannot stand, if they cannot: weights must add up to 100, maxima be positive.
    pub fn problem(&self) -> Option<RuleProblem> {
        if self.criteria.is_empty() {
            return Some(RuleProblem::NoCriteria);
        }
        let total: f64 = self.criteria.iter().map(|c| c.weight).sum();
        if (total - 100.0).abs() > 0.01 {
            return Some(RuleProblem::Weights(total));
        }
        if self.criteria.iter().any(|c| c.max.is_nan() || c.max <= 0.0 || c.weight < 0.0) {
            return Some(RuleProblem::Maximum);
        }
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RuleProblem {
    NoCriteria,
    Weights(f64),
    Maximum,
}

impl RuleProblem {
    pub fn message(self, lang: crate::i18n::Lang) -> String {
        match self {
            Self::NoCriteria => lang.pick("至少要有一项评分内容", "At least one criterion is needed").into(),
            Self::Weights(total) => crate::tr!(
                lang,
                "各项权重合计应为 100%，现为 {total}%",
                "The weights must add up to 100%, not {total}%"
            ),
            Self::Maximum => {
                lang.pick("满分须大于 0，权重不能为负", "Maxima must be above 0, weights not negative").into()
            }
        }
    }
}

/// A contestant in an event, for a company.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    pub id: i64,
    pub event_id: i64,
    pub company: CompanyId,
    pub contestant: String,
    pub employee_no: String,
    /// 工种, as the company calls the contestant's trade.
    pub trade: String,
    /// The time taken on the practical task, in seconds (a tie-break).
    pub time_seconds: Option<f64>,
    /// The running order from the draw, from 1.
    pub order: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Judge {
    pub id: i64,
    pub contest_id: i64,
    pub name: String,
    pub company: Option<CompanyId>,
}

impl Judge {
    /// A judge steps aside (回避) for the entries of their own company.
    pub fn recused_for(&self, entry: &Entry) -> bool {
        self.company == Some(entry.company)
    }
}

/// One score: a judge's for one criterion of one entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub entry: i64,
    pub judge: i64,
    pub criterion: usize,
    pub value: f64,
}

crate::labelled_enum! {
    /// Where a judge's sheet for an event stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum SheetState {
        #[default]
        Open = ("open", "填写中", "Open"),
        Submitted = ("submitted", "已签字确认", "Signed and locked"),
        Returned = ("returned", "已退回更正", "Returned for correction"),
    }
}

impl SheetState {
    pub fn locked(self) -> bool {
        self == Self::Submitted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tie_breaks_keep_their_codes() {
        for t in [TieBreak::Criterion(2), TieBreak::ShorterTime] {
            assert_eq!(TieBreak::from_code(&t.code()), Some(t));
        }
        assert_eq!(TieBreak::from_code("criterion:x"), None);
    }

    #[test]
    fn rules_need_weights_of_one_hundred_and_positive_maxima() {
        let mut event = Event::new(1, "焊工");
        assert_eq!(event.problem(), None);
        event.criteria[0].weight = 20.0;
        assert_eq!(event.problem(), Some(RuleProblem::Weights(90.0)));
        event.criteria[0].weight = 30.0;
        event.criteria[1].max = 0.0;
        assert_eq!(event.problem(), Some(RuleProblem::Maximum));
    }

    #[test]
    fn a_judge_steps_aside_for_their_own_company() {
        let judge = Judge { company: Some(7), ..Judge::default() };
        assert!(judge.recused_for(&Entry { company: 7, ..Entry::default() }));
        assert!(!judge.recused_for(&Entry { company: 8, ..Entry::default() }));
        assert!(!Judge::default().recused_for(&Entry { company: 7, ..Entry::default() }));
    }
}
