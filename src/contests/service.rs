//! The contests against the store: an event read whole (`EventBoard`), and the writes with their
//! rules — a judge never scores an entry of their own company (回避), a signed sheet is locked,
//! only a returned sheet (with a reason) can change again and every change to it is logged, a
//! score stays within its criterion's maximum, the running order is drawn from a kept seed.

use super::aggregate::{EntryResult, aggregate};
use super::rank::{Ranked, rank};
use crate::domain::contest::{Entry, Event, Judge, Score, SheetState};
use crate::i18n::Lang;
use crate::store::{Correction, Sheet, SheetReturn, Store, StoreError};
use crate::tr;
use rusqlite::OptionalExtension;
use std::collections::HashSet;

#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error("the judge steps aside for their own company's entry")]
    Recused,
    #[error("the judge is not on this event's panel")]
    NotOnPanel,
    #[error("the judge does not score this entry")]
    Skipped,
    #[error("the sheet is signed and locked")]
    Locked,
    #[error("the score is outside 0 to {max}")]
    OutOfRange { max: f64 },
    #[error("{0} scores are missing")]
    Incomplete(usize),
    #[error("a reason is required")]
    ReasonRequired,
    #[error("only a signed sheet is returned")]
    NotSigned,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ScoreError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Recused => lang
                .pick("回避：评委不给本单位的选手评分", "Recused: a judge does not score their own company's entries")
                .into(),
            Self::NotOnPanel => {
                lang.pick("该评委不在本项目的评委组中", "The judge is not on this event's panel").into()
            }
            Self::Skipped => lang.pick("该评委不评这名选手", "The judge does not score this entry").into(),
            Self::Locked => lang
                .pick(
                    "评分表已签字确认并锁定；如需更正，请秘书处先退回",
                    "The sheet is signed and locked; the secretariat must return it first",
                )
                .into(),
            Self::OutOfRange { max } => tr!(lang, "分数须在 0 到 {max} 之间", "The score must be from 0 to {max}"),
            Self::Incomplete(n) => tr!(lang, "还有 {n} 项未评分，不能签字确认", "{n} scores missing: cannot sign yet"),
            Self::ReasonRequired => lang.pick("退回须写明原因", "A return needs a reason").into(),
            Self::NotSigned => {
                lang.pick("评分表尚未签字确认，无需退回", "The sheet is not signed: there is nothing to return").into()
            }
            Self::Store(e) => e.message(lang),
        }
    }
}

/// Whether a judge scores an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    Scores,
    /// 回避: the entry is the judge's own company's.
    Recused,
    NotOnPanel,
    /// On the panel, but set not to see this entry.
    Skipped,
}

/// One event read whole, with its results.
#[derive(Debug, Clone, PartialEq)]
pub struct EventBoard {
    pub event: Event,
    pub entries: Vec<Entry>,
    /// The contest's judges.
    pub judges: Vec<Judge>,
    pub panel: Vec<i64>,
    pub skips: HashSet<(i64, i64)>,
    pub scores: Vec<Score>,
    pub sheets: Vec<Sheet>,
    pub corrections: Vec<Correction>,
    /// Every return of a signed sheet, with its reason.
    pub returns: Vec<SheetReturn>,
    pub seed: Option<u64>,
    pub results: Vec<EntryResult>,
    pub ranked: Vec<Ranked>,
}

impl EventBoard {
    pub fn load(store: &Store, event: &Event) -> Result<Self, StoreError> {
        let mut board = Self {
            event: event.clone(),
            entries: store.contest_entries(event.id)?,
            judges: store.judges(event.contest_id)?,
            panel: store.panel(event.id)?,
            skips: store.skips(event.id)?.into_iter().collect(),
            scores: store.contest_scores(event.id)?,
            sheets: store.sheets(event.id)?,
            corrections: store.corrections(event.id)?,
            returns: store.sheet_returns(event.id)?,
            seed: store.draw_seed(event.id)?,
            results: Vec::new(),
            ranked: Vec::new(),
        };
        board.recompute();
        Ok(board)
    }

    /// Results and ranking again, after the scores changed.
    pub fn recompute(&mut self) {
        self.results = aggregate(&self.event, &self.entries, &self.scores);
        self.ranked = rank(&self.event, &self.entries, &self.results);
    }

    pub fn judge(&self, id: i64) -> Option<&Judge> {
        self.judges.iter().find(|j| j.id == id)
    }

    pub fn entry(&self, id: i64) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn assignment(&self, judge: &Judge, entry: &Entry) -> Assignment {
        if judge.recused_for(entry) {
            Assignment::Recused
        } else if !self.panel.contains(&judge.id) {
            Assignment::NotOnPanel
        } else if self.skips.contains(&(judge.id, entry.id)) {
            Assignment::Skipped
        } else {
            Assignment::Scores
        }
    }

    pub fn sheet(&self, judge: i64) -> Sheet {
        self.sheets.iter().find(|s| s.judge == judge).cloned().unwrap_or(Sheet { judge, ..Sheet::default() })
    }

    pub fn score(&self, entry: i64, judge: i64, criterion: usize) -> Option<f64> {
        self.scores.iter().find(|s| s.entry == entry && s.judge == judge && s.criterion == criterion).map(|s| s.value)
    }

    /// How many scores the judge still owes on this event.
    pub fn missing(&self, judge: &Judge) -> usize {
        let owed = self.entries.iter().filter(|e| self.assignment(judge, e) == Assignment::Scores);
        owed.map(|e| (0..self.event.criteria.len()).filter(|c| self.score(e.id, judge.id, *c).is_none()).count()).sum()
    }
}

/// Enters (or clears) one score, as the judge's sheet and the rules allow.
pub fn enter_score(
    store: &mut Store,
    board: &EventBoard,
    judge: i64,
    entry: i64,
    criterion: usize,
    value: Option<f64>,
) -> Result<(), ScoreError> {
    let (Some(j), Some(e)) = (board.judge(judge), board.entry(entry)) else {
        return Err(StoreError::NotFound(entry).into());
    };
    match board.assignment(j, e) {
        Assignment::Scores => {}
        Assignment::Recused => return Err(ScoreError::Recused),
        Assignment::NotOnPanel => return Err(ScoreError::NotOnPanel),
        Assignment::Skipped => return Err(ScoreError::Skipped),
    }
    let max = board.event.criteria.get(criterion).map_or(0.0, |c| c.max);
    if value.is_some_and(|v| !(0.0..=max).contains(&v) || !v.is_finite()) {
        return Err(ScoreError::OutOfRange { max });
    }
    let event = board.event.id;
    let name = j.name.clone();
    store.write(|tx| {
        // The sheet as it is now, not as the screen last read it.
        let sheet: Option<(String, String)> = tx
            .query_row(
                "SELECT state, reason FROM score_sheets WHERE event_id = ?1 AND judge_id = ?2",
                rusqlite::params![event, judge],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(StoreError::from)?;
        let (state, reason) = sheet
            .map_or((SheetState::Open, String::new()), |(s, r)| (SheetState::from_code(&s).unwrap_or_default(), r));
        if state.locked() {
            return Err(ScoreError::Locked);
        }
        let correction = (state == SheetState::Returned).then_some((reason.as_str(), name.as_str()));
        crate::store::set_score(tx, event, (entry, judge, criterion), value, correction)?;
        Ok(())
    })
}

/// The judge signs the sheet (签字确认): complete, it locks.
pub fn submit_sheet(store: &mut Store, board: &EventBoard, judge: i64) -> Result<(), ScoreError> {
    let Some(j) = board.judge(judge) else { return Err(StoreError::NotFound(judge).into()) };
    match board.missing(j) {
        0 => Ok(store.write(|tx| crate::store::set_sheet(tx, board.event.id, judge, SheetState::Submitted, ""))?),
        n => Err(ScoreError::Incomplete(n)),
    }
}

/// The secretariat returns a signed sheet for correction, saying why.
pub fn return_sheet(store: &mut Store, board: &EventBoard, judge: i64, reason: &str) -> Result<(), ScoreError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ScoreError::ReasonRequired);
    }
    store.write(|tx| {
        // The sheet as it is now, not as the screen last read it.
        if crate::store::sheet_state(tx, board.event.id, judge)? != SheetState::Submitted {
            return Err(ScoreError::NotSigned);
        }
        Ok(crate::store::return_sheet(tx, board.event.id, judge, reason)?)
    })
}

/// Whether the judge scores the entry; assigning a judge to their own company's entry is refused.
pub fn assign(store: &mut Store, board: &EventBoard, judge: i64, entry: i64, scores: bool) -> Result<(), ScoreError> {
    let (Some(j), Some(e)) = (board.judge(judge), board.entry(entry)) else {
        return Err(StoreError::NotFound(entry).into());
    };
    if scores && j.recused_for(e) {
        return Err(ScoreError::Recused);
    }
    Ok(store.set_skip(judge, entry, !scores)?)
}

/// Draws the running order with `seed` and keeps both.
pub fn draw_order(store: &mut Store, board: &EventBoard, seed: u64) -> Result<Vec<i64>, StoreError> {
    let ids: Vec<i64> = board.entries.iter().map(|e| e.id).collect();
    let order = super::draw::draw(&ids, seed);
    store.set_draw(board.event.id, seed, &order)?;
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Company;
    use crate::domain::contest::Contest;

    /// An event with two companies' entries, three judges (judge 1 of company A) on its panel.
    fn setup() -> (Store, EventBoard) {
        let mut store = Store::open_in_memory().unwrap();
        let a = store.insert_company(&Company { name: "甲".into(), ..Company::default() }).unwrap();
        let b = store.insert_company(&Company { name: "乙".into(), ..Company::default() }).unwrap();
        let contest = store
            .save_contest(&Contest { year: 2026, quarter: 2, title: "二季度".into(), ..Contest::default() })
            .unwrap();
        let mut event = Event::new(contest, "焊工");
        event.id = store.save_contest_event(&event).unwrap();
        let entries = [
            Entry { event_id: event.id, company: a, contestant: "张一".into(), ..Entry::default() },
            Entry { event_id: event.id, company: b, contestant: "李二".into(), ..Entry::default() },
        ];
        store.save_contest_entries(&entries).unwrap();
        for (name, company) in [("王评", Some(a)), ("赵评", Some(b)), ("钱评", None)] {
            let id = store
                .save_judge(&Judge { contest_id: contest, name: name.into(), company, ..Judge::default() })
                .unwrap();
            store.set_on_panel(event.id, id, true).unwrap();
        }
        let board = EventBoard::load(&store, &event).unwrap();
        (store, board)
    }

    #[test]
    fn a_judge_cannot_score_or_be_assigned_their_own_companys_entry() {
        let (mut store, board) = setup();
        let (judge, own, other) = (board.judges[0].id, board.entries[0].id, board.entries[1].id);
        assert!(matches!(enter_score(&mut store, &board, judge, own, 0, Some(80.0)), Err(ScoreError::Recused)));
        assert!(matches!(assign(&mut store, &board, judge, own, true), Err(ScoreError::Recused)));
        enter_score(&mut store, &board, judge, other, 0, Some(80.0)).unwrap();
        assert!(matches!(
            enter_score(&mut store, &board, judge, other, 1, Some(101.0)),
            Err(ScoreError::OutOfRange { .. })
        ));
        assert_eq!(store.contest_scores(board.event.id).unwrap().len(), 1);
    }

    #[test]
    fn a_signed_sheet_locks_until_returned_with_a_reason_and_every_correction_is_logged() {
        let (mut store, board) = setup();
        let judge = board.judges[2].id;
        let entries: Vec<i64> = board.entries.iter().map(|e| e.id).collect();
        enter_score(&mut store, &board, judge, entries[0], 0, Some(80.0)).unwrap();
        let board = EventBoard::load(&store, &board.event).unwrap();
        assert!(matches!(submit_sheet(&mut store, &board, judge), Err(ScoreError::Incomplete(3))));
        for (entry, criterion) in [(entries[0], 1), (entries[1], 0), (entries[1], 1)] {
            enter_score(&mut store, &board, judge, entry, criterion, Some(70.0)).unwrap();
        }
        let board = EventBoard::load(&store, &board.event).unwrap();
        submit_sheet(&mut store, &board, judge).unwrap();
        assert!(matches!(enter_score(&mut store, &board, judge, entries[0], 0, Some(85.0)), Err(ScoreError::Locked)));
        assert!(matches!(return_sheet(&mut store, &board, judge, " "), Err(ScoreError::ReasonRequired)));
        let unsigned = board.judges[0].id;
        assert!(matches!(return_sheet(&mut store, &board, unsigned, "误点"), Err(ScoreError::NotSigned)));
        return_sheet(&mut store, &board, judge, "理论分录错一位").unwrap();
        assert!(matches!(return_sheet(&mut store, &board, judge, "再退一次"), Err(ScoreError::NotSigned)));
        let returns = store.sheet_returns(board.event.id).unwrap();
        assert_eq!(
            returns.iter().map(|r| (r.judge, r.reason.as_str())).collect::<Vec<_>>(),
            [(judge, "理论分录错一位")]
        );
        enter_score(&mut store, &board, judge, entries[0], 0, Some(85.0)).unwrap();
        let log = store.corrections(board.event.id).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(
            (log[0].old, log[0].new, log[0].reason.as_str(), log[0].by.as_str()),
            (Some(80.0), Some(85.0), "理论分录错一位", "钱评")
        );
        let board = EventBoard::load(&store, &board.event).unwrap();
        submit_sheet(&mut store, &board, judge).unwrap();
        assert_eq!(EventBoard::load(&store, &board.event).unwrap().sheet(judge).state, SheetState::Submitted);
    }

    #[test]
    fn the_draw_is_kept_and_can_be_drawn_again_from_its_seed() {
        let (mut store, board) = setup();
        let order = draw_order(&mut store, &board, 4242).unwrap();
        let again = EventBoard::load(&store, &board.event).unwrap();
        assert_eq!(again.seed, Some(4242));
        assert_eq!(again.entries.iter().map(|e| e.id).collect::<Vec<_>>(), order, "listed in the drawn order");
        assert_eq!(super::super::draw::draw(&order, 4242), order);
    }
}
