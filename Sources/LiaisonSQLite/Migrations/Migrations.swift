import GRDB

/// The numbered schema changes, applied in order at start; a migration, once shipped, never changes.
enum Migrations {
    /// Indexes in the directory's own sort orders (unknown values last, the id to break ties), so a sorted
    /// page reads its rows in order instead of sorting every organization. The same on both engines.
    static let directorySortIndexes = """
        DROP INDEX organization_by_population;
        DROP INDEX organization_by_member_since;
        DROP INDEX organization_by_updated_at;
        CREATE INDEX organization_by_population ON organization((population IS NULL), population DESC, id);
        CREATE INDEX organization_by_member_since ON organization((member_since IS NULL), member_since, id);
        CREATE INDEX organization_by_updated_at ON organization(updated_at DESC, id DESC);
        -- The directory's counts by status within a region or a country, read from the index alone.
        CREATE INDEX organization_by_region_status ON organization(region, membership_status);
        CREATE INDEX organization_by_country_status ON organization(country, membership_status);
        """

    /// Search indexes that keep prefixes of two to six letters: a prefix the index does not keep makes FTS5
    /// gather every matching word's whole list first ("chen"* read 34,000 entries for 50 candidates: 7 ms
    /// instead of 0.1 ms at a million people). Longer words have few continuations.
    static let searchPrefixIndexes = """
        DROP TABLE organization_fts;
        CREATE VIRTUAL TABLE organization_fts USING fts5(
            search_text, content='organization', content_rowid='id', tokenize='unicode61', prefix='2 3 4 5 6'
        );
        DROP TABLE person_fts;
        CREATE VIRTUAL TABLE person_fts USING fts5(
            search_text, content='person', content_rowid='id', tokenize='unicode61', prefix='2 3 4 5 6'
        );
        INSERT INTO organization_fts (organization_fts) VALUES ('rebuild');
        INSERT INTO person_fts (person_fts) VALUES ('rebuild');
        """

    /// Activities found by the search box by their title, place, venue and summary, as organizations are.
    static let activitySearch = """
        CREATE VIRTUAL TABLE activity_fts USING fts5(
            search_text, content='activity', content_rowid='id', tokenize='unicode61', prefix='2 3 4 5 6'
        );
        CREATE TRIGGER activity_fts_insert AFTER INSERT ON activity BEGIN
            INSERT INTO activity_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER activity_fts_delete AFTER DELETE ON activity BEGIN
            INSERT INTO activity_fts(activity_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END;
        CREATE TRIGGER activity_fts_update AFTER UPDATE OF search_text ON activity BEGIN
            INSERT INTO activity_fts(activity_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO activity_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        """

    /// Fills the search indexes from their tables, after an import that set their triggers aside.
    static let rebuildSearchIndexes = """
        INSERT INTO organization_fts (organization_fts) VALUES ('rebuild');
        INSERT INTO person_fts (person_fts) VALUES ('rebuild');
        INSERT INTO activity_fts (activity_fts) VALUES ('rebuild');
        INSERT INTO report_fts (report_fts) VALUES ('rebuild');
        INSERT INTO person_position_fts (person_position_fts) VALUES ('delete-all');
        INSERT INTO person_position_fts (rowid, title, department)
            SELECT person_id * 1024 + position, title, coalesce(department, '') FROM person_position;
        """

    /// "Position contains" answered from a trigram index of titles and departments instead of reading every
    /// position (PostgreSQL has pg_trgm for it). Contentless: the text stays in person_position. A row's id
    /// is `person_id * 1024 + position` (a person holds at most 100 positions).
    static let positionTrigramIndex = """
        CREATE VIRTUAL TABLE person_position_fts USING fts5(title, department, content = '', tokenize = 'trigram');
        INSERT INTO person_position_fts (rowid, title, department)
            SELECT person_id * 1024 + position, title, coalesce(department, '') FROM person_position;
        CREATE TRIGGER person_position_fts_insert AFTER INSERT ON person_position BEGIN
            INSERT INTO person_position_fts (rowid, title, department)
                VALUES (new.person_id * 1024 + new.position, new.title, coalesce(new.department, ''));
        END;
        CREATE TRIGGER person_position_fts_delete AFTER DELETE ON person_position BEGIN
            INSERT INTO person_position_fts (person_position_fts, rowid, title, department)
                VALUES ('delete', old.person_id * 1024 + old.position, old.title, coalesce(old.department, ''));
        END;
        CREATE TRIGGER person_position_fts_update AFTER UPDATE ON person_position BEGIN
            INSERT INTO person_position_fts (person_position_fts, rowid, title, department)
                VALUES ('delete', old.person_id * 1024 + old.position, old.title, coalesce(old.department, ''));
            INSERT INTO person_position_fts (rowid, title, department)
                VALUES (new.person_id * 1024 + new.position, new.title, coalesce(new.department, ''));
        END;
        """

    /// Rate counters taken before the work they guard, browsers where an account signed in before, and
    /// where each session comes from. The same on both engines.
    static let rateLimitsAndDevices = """
        DROP TABLE sign_in_failure;
        CREATE TABLE rate_counter (
            key TEXT PRIMARY KEY CHECK (length(key) <= 200),
            count INTEGER NOT NULL,
            since DATETIME NOT NULL,
            blocked_until DATETIME
        );
        CREATE INDEX rate_counter_by_since ON rate_counter(since);
        CREATE TABLE known_device (
            token_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            created_at DATETIME NOT NULL,
            last_used_at DATETIME NOT NULL
        );
        CREATE INDEX known_device_by_account ON known_device(account_id);
        ALTER TABLE session ADD COLUMN address TEXT;
        ALTER TABLE session ADD COLUMN device TEXT;
        """

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001 organizations", migrate: createOrganizations)
        migrator.registerMigration("002 accounts and audit", migrate: createAccountsAndAudit)
        migrator.registerMigration("003 focal point account") { db in
            try db.execute(
                sql: """
                    ALTER TABLE organization ADD COLUMN focal_point_account_id INTEGER
                        REFERENCES account(id) ON DELETE SET NULL;
                    CREATE INDEX organization_by_focal_point_account ON organization(focal_point_account_id);
                    """)
        }
        migrator.registerMigration("004 workspace settings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE workspace_setting (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        require_two_factor INTEGER NOT NULL DEFAULT 0 CHECK (require_two_factor IN (0, 1))
                    );
                    INSERT INTO workspace_setting (id) VALUES (1);
                    """)
        }
        migrator.registerMigration("005 people", migrate: createPeople)
        migrator.registerMigration("006 indexes for the largest networks") { db in
            try db.execute(sql: Self.directorySortIndexes)
            try db.execute(sql: Self.positionTrigramIndex)
            try db.execute(sql: Self.searchPrefixIndexes)
        }
        migrator.registerMigration("007 international calendar", migrate: createActivities)
        migrator.registerMigration("008 ids never reused", migrate: neverReuseIds)
        migrator.registerMigration("009 rate limits, known devices and session details") { db in
            try db.execute(sql: Self.rateLimitsAndDevices)
        }
        migrator.registerMigration("010 search reaches further") { db in
            try db.execute(sql: "ALTER TABLE activity ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
            // Before the activities' index exists: its triggers would remove entries it never had.
            try SearchReindex.run(db)
            try db.execute(sql: Self.activitySearch)
            try db.execute(sql: "INSERT INTO activity_fts (activity_fts) VALUES ('rebuild')")
        }
        migrator.registerMigration("011 workspace currency") { db in
            try db.execute(
                sql: """
                    ALTER TABLE workspace_setting ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR'
                        CHECK (length(currency) = 3);
                    """)
        }
        migrator.registerMigration("012 reports and follow-ups") { db in
            try db.execute(sql: Self.reportsAndFollowUps)
        }
        migrator.registerMigration("013 mail") { db in
            try db.execute(sql: Self.mail)
        }
        migrator.registerMigration("014 membership pipeline") { db in
            try db.execute(sql: Self.membershipPipeline)
        }
        migrator.registerMigration("015 comments notify the report's authors", migrate: notifyOfComments)
        migrator.registerMigration("016 working groups and interests") { db in
            try db.execute(sql: Self.workingGroupsAndInterests)
        }
        migrator.registerMigration("017 opportunities") { db in
            try db.execute(sql: Self.opportunities)
        }
        migrator.registerMigration("018 delegations") { db in
            try db.execute(sql: Self.delegations)
        }
        migrator.registerMigration("019 coverage") { db in
            try db.execute(sql: Self.coverage)
        }
        // The distance search counts the organizations without coordinates, and finds those it lists, in this small index.
        migrator.registerMigration("020 organizations without coordinates") { db in
            try db.execute(sql: Self.organizationsWithoutCoordinates)
        }
        migrator.registerMigration("021 directory and people counts") { db in
            try db.execute(sql: Self.keptCounts)
        }
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

    private static func createAccountsAndAudit(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) > 2),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
                    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                    password_hash TEXT NOT NULL,
                    totp_secret TEXT,
                    version INTEGER NOT NULL DEFAULT 1,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );

                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL
                );
                CREATE INDEX session_by_account ON session(account_id);
                CREATE INDEX session_by_expiry ON session(expires_at);

                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    token_hash TEXT NOT NULL UNIQUE,
                    can_write INTEGER NOT NULL CHECK (can_write IN (0, 1)),
                    created_at DATETIME NOT NULL,
                    last_used_at DATETIME,
                    revoked_at DATETIME
                );
                CREATE INDEX api_token_by_account ON api_token(account_id);

                CREATE TABLE sign_in_failure (key TEXT NOT NULL, at DATETIME NOT NULL);
                CREATE INDEX sign_in_failure_by_key ON sign_in_failure(key, at);

                CREATE TABLE totp_use (
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    step INTEGER NOT NULL,
                    PRIMARY KEY (account_id, step)
                );

                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at DATETIME NOT NULL,
                    actor_account_id INTEGER,
                    actor_name TEXT NOT NULL,
                    address TEXT,
                    action TEXT NOT NULL,
                    entity TEXT,
                    entity_id INTEGER,
                    summary TEXT NOT NULL,
                    changes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changes))
                );
                CREATE INDEX audit_by_entity ON audit(entity, entity_id, id);
                CREATE INDEX audit_by_actor ON audit(actor_account_id, id);
                CREATE INDEX audit_by_at ON audit(at);
                -- The trail is append-only: nothing in the app, nor a stray statement, can rewrite it.
                CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit BEGIN
                    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
                END;
                CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit BEGIN
                    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
                END;
                """)
    }
}

extension Migrations {
    static let organizationsWithoutCoordinates = """
        CREATE INDEX organization_without_coordinates ON organization(membership_status, sort_key, id)
            WHERE latitude IS NULL OR longitude IS NULL;
        """
}
