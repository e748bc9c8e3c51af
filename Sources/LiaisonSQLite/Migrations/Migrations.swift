import GRDB

/// The numbered schema changes, applied in order at start; a migration, once shipped, never changes.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001 organizations", migrate: createOrganizations)
        return migrator
    }

    private static func createOrganizations(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE organization (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN
                        ('city','metropolitan_area','national_association','network','agency','partner')),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    native_name TEXT,
                    aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
                    country TEXT CHECK (country IS NULL OR length(country) = 2),
                    region TEXT,
                    metro_area TEXT,
                    population INTEGER CHECK (population >= 0),
                    latitude REAL CHECK (latitude BETWEEN -90 AND 90),
                    longitude REAL CHECK (longitude BETWEEN -180 AND 180),
                    website TEXT,
                    membership_status TEXT NOT NULL CHECK (membership_status IN
                        ('member','prospect','former','partner','none')),
                    member_since INTEGER,
                    paying INTEGER NOT NULL DEFAULT 0 CHECK (paying IN (0, 1)),
                    dues_per_year INTEGER CHECK (dues_per_year >= 0),
                    focal_point TEXT,
                    search_text TEXT NOT NULL,
                    sort_key TEXT NOT NULL,
                    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                CREATE INDEX organization_by_sort_key ON organization(sort_key);
                CREATE INDEX organization_by_status ON organization(membership_status, sort_key);
                CREATE INDEX organization_by_country ON organization(country, sort_key);
                CREATE INDEX organization_by_region ON organization(region, sort_key);
                CREATE INDEX organization_by_kind ON organization(kind, sort_key);
                CREATE INDEX organization_by_population ON organization(population);
                CREATE INDEX organization_by_member_since ON organization(member_since);
                CREATE INDEX organization_by_updated_at ON organization(updated_at);

                CREATE TABLE organization_role (
                    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    from_year INTEGER,
                    to_year INTEGER,
                    PRIMARY KEY (organization_id, position)
                );

                CREATE TABLE organization_practice (
                    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    year INTEGER,
                    description TEXT,
                    PRIMARY KEY (organization_id, position)
                );

                CREATE TABLE organization_affiliation (
                    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                    network_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                    PRIMARY KEY (organization_id, network_id)
                );
                CREATE INDEX organization_affiliation_by_network ON organization_affiliation(network_id);

                -- Search index over the normalized, transliterated names; the triggers keep it in step
                -- with the table inside the writing transaction.
                CREATE VIRTUAL TABLE organization_fts USING fts5(
                    search_text, content='organization', content_rowid='id', tokenize='unicode61', prefix='2 3'
                );
                CREATE TRIGGER organization_fts_insert AFTER INSERT ON organization BEGIN
                    INSERT INTO organization_fts(rowid, search_text) VALUES (new.id, new.search_text);
                END;
                CREATE TRIGGER organization_fts_delete AFTER DELETE ON organization BEGIN
                    INSERT INTO organization_fts(organization_fts, rowid, search_text)
                        VALUES ('delete', old.id, old.search_text);
                END;
                CREATE TRIGGER organization_fts_update AFTER UPDATE OF search_text ON organization BEGIN
                    INSERT INTO organization_fts(organization_fts, rowid, search_text)
                        VALUES ('delete', old.id, old.search_text);
                    INSERT INTO organization_fts(rowid, search_text) VALUES (new.id, new.search_text);
                END;
                """)
    }
}
