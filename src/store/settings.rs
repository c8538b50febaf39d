//! The federation's own settings, one row each.

use super::{Result, Store};
use crate::domain::place::ParkPlace;
use rusqlite::{OptionalExtension, params};

const PARK_CITY: &str = "park.city";
const PARK_PROVINCE: &str = "park.province";

fn spring_key(year: i32) -> String {
    format!("visits.{year}.spring_festival")
}

impl Store {
    fn setting(&self, key: &str) -> Result<String> {
        let value = self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        Ok(value.unwrap_or_default())
    }

    /// Where the park is, which gives 本地, 省内 and 省外 their meaning; empty until the user says.
    pub fn park_place(&self) -> Result<ParkPlace> {
        Ok(ParkPlace::new(&self.setting(PARK_CITY)?, &self.setting(PARK_PROVINCE)?))
    }

    /// Whether the secretary asked for a visit in `year`'s Spring Festival month after all.
    pub fn visit_in_spring_festival(&self, year: i32) -> Result<bool> {
        Ok(self.setting(&spring_key(year))? == "1")
    }

    pub fn set_visit_in_spring_festival(&mut self, year: i32, on: bool) -> Result<()> {
        let key = spring_key(year);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                params![key, if on { "1" } else { "0" }],
            )?;
            Ok(())
        })
    }

    pub fn set_park_place(&mut self, place: &ParkPlace) -> Result<()> {
        self.write(|tx| set_park_place(tx, place))
    }
}

/// Writes where the park is inside a transaction already open (the demo's).
pub(crate) fn set_park_place(tx: &rusqlite::Transaction, place: &ParkPlace) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    )?;
    stmt.execute(params![PARK_CITY, place.city])?;
    stmt.execute(params![PARK_PROVINCE, place.province])?;
    Ok(())
}
