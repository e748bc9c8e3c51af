import GRDB

extension Migrations {
    static func createPeople(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE person (
                    id INTEGER PRIMARY KEY,
                    given_name TEXT NOT NULL,
                    family_name TEXT NOT NULL,
                    name_order TEXT NOT NULL CHECK (name_order IN ('given_first', 'family_first')),
                    native_name TEXT,
                    honorific TEXT,
                    role TEXT NOT NULL CHECK (role IN ('none', 'interpreter', 'protocol_officer')),
                    notes TEXT,
                    met_at TEXT,
                    consent_note TEXT,
                    consent_date TEXT,
                    display_name TEXT NOT NULL CHECK (length(display_name) > 0),
                    search_text TEXT NOT NULL,
                    sort_key TEXT NOT NULL,
                    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                CREATE INDEX person_by_sort_key ON person(sort_key, id);

                CREATE TABLE person_language (
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    code TEXT NOT NULL CHECK (length(code) = 2),
                    PRIMARY KEY (person_id, position)
                );
                CREATE INDEX person_language_by_code ON person_language(code, person_id);

                -- A position outlives the directory entry it names: the organization's name is kept.
                CREATE TABLE person_position (
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    organization_id INTEGER REFERENCES organization(id) ON DELETE SET NULL,
                    organization_name TEXT NOT NULL CHECK (length(organization_name) > 0),
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    department TEXT,
                    start_date TEXT,
                    end_date TEXT,
                    PRIMARY KEY (person_id, position)
                );
                CREATE INDEX person_position_by_organization ON person_position(organization_id, end_date);

                CREATE TABLE person_channel (
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'wechat', 'whatsapp', 'linkedin', 'postal')),
                    value TEXT NOT NULL CHECK (length(value) > 0),
                    match_key TEXT NOT NULL,
                    label TEXT,
                    preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
                    held_by_account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
                    PRIMARY KEY (person_id, position)
                );
                CREATE INDEX person_channel_by_value ON person_channel(kind, match_key);
                CREATE INDEX person_channel_by_holder ON person_channel(held_by_account_id);

                CREATE VIRTUAL TABLE person_fts USING fts5(
                    search_text, content='person', content_rowid='id', tokenize='unicode61', prefix='2 3'
                );
                CREATE TRIGGER person_fts_insert AFTER INSERT ON person BEGIN
                    INSERT INTO person_fts(rowid, search_text) VALUES (new.id, new.search_text);
                END;
                CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN
                    INSERT INTO person_fts(person_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
                END;
                CREATE TRIGGER person_fts_update AFTER UPDATE OF search_text ON person BEGIN
                    INSERT INTO person_fts(person_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
                    INSERT INTO person_fts(rowid, search_text) VALUES (new.id, new.search_text);
                END;
                """)
    }
}
