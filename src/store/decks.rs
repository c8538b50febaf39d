//! The meetings' decks: kept by name; deleted ones go to the recycle bin.

use super::{Result, Store, StoreError};
use crate::domain::deck::{Deck, Meeting, slide_codes, slides_from_codes};
use rusqlite::{OptionalExtension, params};

fn deck_of(r: &rusqlite::Row) -> rusqlite::Result<Deck> {
    let (meeting, slides): (String, String) = (r.get(2)?, r.get(3)?);
    Ok(Deck {
        id: Some(r.get(0)?),
        name: r.get(1)?,
        meeting: Meeting::from_code(&meeting).unwrap_or(Meeting::Custom),
        slides: slides_from_codes(&slides),
        zone: r.get(4)?,
        personal: r.get(5)?,
    })
}

/// Adds or saves a deck inside a transaction already open (the demo's).
pub(crate) fn save_deck(tx: &rusqlite::Transaction, deck: &Deck) -> Result<i64> {
    let name = deck.name.trim().to_string();
    let taken: Option<i64> = tx
        .query_row(
            "SELECT id FROM decks WHERE name = ?1 AND deleted_at IS NULL AND id IS NOT ?2",
            params![name, deck.id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(StoreError::DeckNameTaken(name));
    }
    let slides = slide_codes(&deck.slides);
    match deck.id {
        None => {
            tx.execute(
                "INSERT INTO decks (name, meeting, slides, zone_id, personal) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, deck.meeting.code(), slides, deck.zone, deck.personal],
            )?;
            Ok(tx.last_insert_rowid())
        }
        Some(id) => {
            let changed = tx.execute(
                "UPDATE decks SET name = ?1, meeting = ?2, slides = ?3, zone_id = ?4, personal = ?5,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?6 AND deleted_at IS NULL",
                params![name, deck.meeting.code(), slides, deck.zone, deck.personal, id],
            )?;
            if changed == 0 { Err(StoreError::NotFound(id)) } else { Ok(id) }
        }
    }
}

impl Store {
    /// The decks not deleted, in the order they were made.
    pub fn decks(&self) -> Result<Vec<Deck>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, meeting, slides, zone_id, personal FROM decks WHERE deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], deck_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (no id) or saves a deck; returns its id. Two decks cannot share a name.
    pub fn save_deck(&mut self, deck: &Deck) -> Result<i64> {
        self.write(|tx| save_deck(tx, deck))
    }

    pub fn delete_deck(&mut self, id: i64) -> Result<()> {
        self.set_deleted("decks", id, true)
    }

    /// Brings a deck back from the recycle bin; if its name was given to another deck since, it
    /// comes back as "name（恢复）".
    pub fn restore_deck(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let name: String = tx
                .query_row("SELECT name FROM decks WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NotFound(id))?;
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM decks WHERE name = ?1 AND deleted_at IS NULL AND id != ?2)",
                params![name, id],
                |r| r.get(0),
            )?;
            let name = if taken { format!("{name}（恢复）") } else { name };
            tx.execute(
                "UPDATE decks SET name = ?2, deleted_at = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1",
                params![id, name],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deck::SlideKind;
    use crate::i18n::Lang;

    #[test]
    fn a_new_federation_has_a_deck_for_each_kind_of_meeting() {
        let store = Store::open_in_memory().unwrap();
        let decks = store.decks().unwrap();
        for meeting in [Meeting::Council, Meeting::Visit, Meeting::Contest, Meeting::ServiceWeek] {
            let deck = decks.iter().find(|d| d.meeting == meeting).unwrap();
            assert_eq!(deck.name, meeting.label(Lang::Zh));
            assert_eq!(deck.slides, meeting.slides(), "{meeting:?} starts as a new deck of its kind would");
        }
    }

    #[test]
    fn decks_are_saved_by_a_name_of_their_own_and_come_back_from_the_bin() {
        let mut store = Store::open_in_memory().unwrap();
        let zone = store.zones().unwrap()[2].id;
        let mut deck = Deck {
            name: "第三片区座谈会".into(),
            zone: Some(zone),
            personal: true,
            slides: vec![SlideKind::Title, SlideKind::Zones],
            ..Deck::standard(Meeting::Custom, Lang::Zh)
        };
        let id = store.save_deck(&deck).unwrap();
        deck.id = Some(id);
        assert_eq!(store.decks().unwrap().last(), Some(&deck));

        let twin = Deck { id: None, ..deck.clone() };
        assert!(matches!(store.save_deck(&twin), Err(StoreError::DeckNameTaken(_))));

        store.delete_deck(id).unwrap();
        assert!(!store.decks().unwrap().iter().any(|d| d.id == Some(id)));
        let newer = store.save_deck(&twin).unwrap();
        store.restore_deck(id).unwrap();
        let names: Vec<String> = store.decks().unwrap().into_iter().map(|d| d.name).collect();
        assert!(names.contains(&"第三片区座谈会（恢复）".to_string()), "{names:?}");
        assert!(store.decks().unwrap().iter().any(|d| d.id == Some(newer)));
    }
}
