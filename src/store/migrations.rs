//! Numbered schema migrations. Each is applied in its own transaction by `rusqlite_migration`,
//! which records the version in SQLite's `user_version`. Never edit a released migration: add one.

use rusqlite_migration::{M, Migrations};

const V1_FOUNDATION: &str = r#"
CREATE TABLE zones (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE companies (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (name <> ''),
    short_name      TEXT NOT NULL DEFAULT '',
    credit_code     TEXT NOT NULL DEFAULT '' CHECK (credit_code = '' OR length(credit_code) = 18),
    zone_id         INTEGER REFERENCES zones(id),
    address         TEXT NOT NULL DEFAULT '',
    x_m             REAL NOT NULL DEFAULT 0,
    y_m             REAL NOT NULL DEFAULT 0,
    industry        TEXT NOT NULL DEFAULT '',
    ownership       TEXT NOT NULL DEFAULT '',
    employees       INTEGER NOT NULL DEFAULT 0 CHECK (employees >= 0),
    status          TEXT NOT NULL DEFAULT 'active',
    join_date       TEXT,
    stars           INTEGER NOT NULL DEFAULT 0 CHECK (stars BETWEEN 0 AND 5),
    contact_person  TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    search_key      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at      TEXT
);
-- A credit code identifies one company, deleted ones included, so that restoring never collides.
CREATE UNIQUE INDEX companies_credit_code ON companies(credit_code) WHERE credit_code <> '';
CREATE INDEX companies_zone ON companies(zone_id);

CREATE TABLE products (
    id               INTEGER PRIMARY KEY,
    company_id       INTEGER NOT NULL REFERENCES companies(id),
    name             TEXT NOT NULL CHECK (name <> ''),
    category         TEXT NOT NULL DEFAULT '',
    spec             TEXT NOT NULL DEFAULT '',
    unit             TEXT NOT NULL DEFAULT '',
    unit_price       REAL CHECK (unit_price >= 0),
    annual_capacity  REAL CHECK (annual_capacity >= 0),
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at       TEXT
);
CREATE INDEX products_company ON products(company_id);

CREATE TABLE needs (
    id                INTEGER PRIMARY KEY,
    company_id        INTEGER NOT NULL REFERENCES companies(id),
    item              TEXT NOT NULL CHECK (item <> ''),
    category          TEXT NOT NULL DEFAULT '',
    spec              TEXT NOT NULL DEFAULT '',
    current_supplier  TEXT NOT NULL DEFAULT '',
    supplier_region   TEXT,
    unit              TEXT NOT NULL DEFAULT '',
    unit_price        REAL CHECK (unit_price >= 0),
    annual_quantity   REAL CHECK (annual_quantity >= 0),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at        TEXT
);
CREATE INDEX needs_company ON needs(company_id);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    name        TEXT NOT NULL CHECK (name <> ''),
    role        TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at  TEXT
);
CREATE INDEX contacts_company ON contacts(company_id);

INSERT INTO zones (name, sort_order) VALUES
    ('第一片区', 1), ('第二片区', 2), ('第三片区', 3), ('第四片区', 4),
    ('第五片区', 5), ('第六片区', 6), ('第七片区', 7);
"#;

/// Column mappings the user corrected by hand, keyed by the sheet's header layout.
const V2_IMPORT_MAPPINGS: &str = r#"
CREATE TABLE import_mappings (
    signature   TEXT PRIMARY KEY,
    mapping     TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
"#;

const ALL: &[&str] = &[V1_FOUNDATION, V2_IMPORT_MAPPINGS];

pub fn migrations() -> Migrations<'static> {
    Migrations::new(ALL.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build writes; a database with a higher one is refused.
pub fn latest_version() -> i64 {
    ALL.len() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid_and_latest_version_matches() {
        let migrations = super::migrations();
        assert!(migrations.validate().is_ok());
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations.to_latest(&mut conn).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, super::latest_version());
    }
}
