import Foundation

/// The PostgreSQL engine's numbered schema changes, applied in order; once shipped, a migration never
/// changes. They carry the same names as the SQLite engine's and build the same tables and columns, so
/// `liaison copy` and backups move rows between the engines column by column.
enum PostgresMigrations {
    static let all: [(name: String, sql: String)] = [
        ("001 organizations", organizations),
        ("002 accounts and audit", accountsAndAudit),
        (
            "003 focal point account",
            """
            ALTER TABLE organization ADD COLUMN focal_point_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL;
            CREATE INDEX organization_by_focal_point_account ON organization(focal_point_account_id);
            """
        ),
        (
            "004 workspace settings",
            """
            CREATE TABLE workspace_setting (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                require_two_factor BOOLEAN NOT NULL DEFAULT false
            );
            INSERT INTO workspace_setting (id) VALUES (1);
            """
        ),
        ("005 people", people),
        (
            // Indexes in the directory's own sort orders (as on SQLite), so a sorted page reads rows in order.
            "006 indexes for the largest networks",
            """
            DROP INDEX organization_by_population;
            DROP INDEX organization_by_member_since;
            DROP INDEX organization_by_updated_at;
            CREATE INDEX organization_by_population ON organization((population IS NULL), population DESC, id);
            CREATE INDEX organization_by_member_since ON organization((member_since IS NULL), member_since, id);
            CREATE INDEX organization_by_updated_at ON organization(updated_at DESC, id DESC);
            -- The directory's counts by status within a region or a country, read from the index alone.
            CREATE INDEX organization_by_region_status ON organization(region, membership_status);
            CREATE INDEX organization_by_country_status ON organization(country, membership_status);

            -- The search vectors also hold each word's first two to six letters (as SQLite's prefix indexes),
            -- so a word typed so far is one exact look-up instead of gathering every word it begins (two
            -- common prefixes together took 20 ms at a million people). Longer words have few continuations.
            CREATE FUNCTION search_lexemes(document TEXT) RETURNS TSVECTOR
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT coalesce(array_to_tsvector(array_agg(DISTINCT lexeme)), ''::tsvector)
                FROM unnest(string_to_array(document, ' ')) AS word
                CROSS JOIN LATERAL (
                    SELECT left(word, n) FROM generate_series(2, least(length(word) - 1, 6)) AS n
                    UNION ALL SELECT word
                ) AS prefixes (lexeme)
                WHERE word <> ''
            $$;
            ALTER TABLE organization DROP COLUMN search_vector;
            ALTER TABLE organization ADD COLUMN search_vector TSVECTOR
                GENERATED ALWAYS AS (search_lexemes(search_text)) STORED;
            CREATE INDEX organization_search ON organization USING gin (search_vector);
            ALTER TABLE person DROP COLUMN search_vector;
            ALTER TABLE person ADD COLUMN search_vector TSVECTOR GENERATED ALWAYS AS (search_lexemes(search_text)) STORED;
            CREATE INDEX person_search ON person USING gin (search_vector);
            """
        ),
        ("007 international calendar", internationalCalendar),
        // Identity columns never give an id twice here; the step keeps the engines' lists of migrations alike.
        ("008 ids never reused", "SELECT 1"),
        (
            "009 rate limits, known devices and session details",
            """
            DROP TABLE sign_in_failure;
            -- Unlogged: a counter is written on every sign-in, search and export, and is worth no WAL flush;
            -- a crash empties it, which only gives everyone their tries back.
            CREATE UNLOGGED TABLE rate_counter (
                key TEXT PRIMARY KEY CHECK (length(key) <= 200),
                count INTEGER NOT NULL,
                since TIMESTAMPTZ NOT NULL,
                blocked_until TIMESTAMPTZ
            );
            CREATE INDEX rate_counter_by_since ON rate_counter(since);
            CREATE TABLE known_device (
                token_hash TEXT PRIMARY KEY,
                account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                created_at TIMESTAMPTZ NOT NULL,
                last_used_at TIMESTAMPTZ NOT NULL
            );
            CREATE INDEX known_device_by_account ON known_device(account_id);
            ALTER TABLE session ADD COLUMN address TEXT;
            ALTER TABLE session ADD COLUMN device TEXT;
            """
        ),
        (
            // Followed by `SearchReindex`, which works the search text out in Swift as every write does.
            "010 search reaches further",
            """
            ALTER TABLE activity ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
            ALTER TABLE activity ADD COLUMN search_vector TSVECTOR GENERATED ALWAYS AS (search_lexemes(search_text)) STORED;
            CREATE INDEX activity_search ON activity USING gin (search_vector);
            """
        ),
        (
            "011 workspace currency",
            """
            ALTER TABLE workspace_setting ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR'
                CHECK (length(currency) = 3);
            """
        ),
        ("012 reports and follow-ups", reportsAndFollowUps),
        ("013 mail", mail),
        ("014 membership pipeline", membershipPipeline),
        (
            "015 comments notify the report's authors",
            """
            ALTER TABLE notification DROP CONSTRAINT notification_reason_check;
            ALTER TABLE notification ADD CONSTRAINT notification_reason_check CHECK (reason IN
                ('mentioned', 'review_requested', 'follow_up_assigned', 'follow_up_overdue', 'commented'));
            """
        ),
        ("016 working groups and interests", workingGroupsAndInterests),
        ("017 opportunities", opportunities),
        ("018 delegations", delegations),
        ("019 coverage", coverage),
        // The distance search counts the organizations without coordinates, and finds those it lists, in this small index.
        (
            "020 organizations without coordinates",
            """
            CREATE INDEX organization_without_coordinates ON organization(membership_status, sort_key, id)
                WHERE latitude IS NULL OR longitude IS NULL;
            """
        ),
    ]

    /// Migrations after whose statements every organization's and activity's search text is worked out again.
    static let reindexingSearch: Set<String> = ["010 search reaches further"]

    /// The statements of a migration one by one (the extended protocol runs one at a time): split at each
    /// `;` outside quotes and `$$` bodies. Comments are dropped.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quoted = false
        var inBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            if !quoted, !inBody, line.trimmingCharacters(in: .whitespaces).hasPrefix("--") { continue }
            var previous: Character = " "
            for character in line {
                if character == "'", !inBody { quoted.toggle() }
                if character == "$", previous == "$", !quoted { inBody.toggle() }
                previous = character
                if character == ";", !quoted, !inBody {
                    statements.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            current.append("\n")
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Words of the normalized search text (already lowercase ASCII separated by single spaces) become the
    /// lexemes as they are, with no stemming or stop words, so a prefix query matches what SQLite's FTS5
    /// index matches.
    private static let searchVector =
        "TSVECTOR GENERATED ALWAYS AS (array_to_tsvector(string_to_array(search_text, ' '))) STORED"

    private static let organizations = """
        CREATE TABLE organization (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN
                ('city','metropolitan_area','national_association','network','agency','partner')),
            name TEXT NOT NULL CHECK (length(name) > 0),
            native_name TEXT,
            aliases JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(aliases) = 'array'),
            country TEXT CHECK (country IS NULL OR length(country) = 2),
            region TEXT,
            metro_area TEXT,
            population BIGINT CHECK (population >= 0),
            latitude DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
            longitude DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
            website TEXT,
            membership_status TEXT NOT NULL CHECK (membership_status IN
                ('member','prospect','former','partner','none')),
            member_since BIGINT,
            paying BOOLEAN NOT NULL DEFAULT false,
            dues_per_year BIGINT CHECK (dues_per_year >= 0),
            focal_point TEXT,
            search_text TEXT NOT NULL,
            search_vector \(searchVector),
            sort_key TEXT COLLATE "C" NOT NULL,
            version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX organization_by_sort_key ON organization(sort_key, id);
        CREATE INDEX organization_by_status ON organization(membership_status, sort_key);
        CREATE INDEX organization_by_country ON organization(country, sort_key);
        CREATE INDEX organization_by_region ON organization(region, sort_key);
        CREATE INDEX organization_by_kind ON organization(kind, sort_key);
        CREATE INDEX organization_by_population ON organization(population);
        CREATE INDEX organization_by_member_since ON organization(member_since);
        CREATE INDEX organization_by_updated_at ON organization(updated_at);
        CREATE INDEX organization_search ON organization USING gin (search_vector);

        CREATE TABLE organization_role (
            organization_id BIGINT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            title TEXT NOT NULL CHECK (length(title) > 0),
            from_year BIGINT,
            to_year BIGINT,
            PRIMARY KEY (organization_id, position)
        );

        CREATE TABLE organization_practice (
            organization_id BIGINT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            title TEXT NOT NULL CHECK (length(title) > 0),
            year BIGINT,
            description TEXT,
            PRIMARY KEY (organization_id, position)
        );

        CREATE TABLE organization_affiliation (
            organization_id BIGINT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            network_id BIGINT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            PRIMARY KEY (organization_id, network_id)
        );
        CREATE INDEX organization_affiliation_by_network ON organization_affiliation(network_id);
        """

    private static let accountsAndAudit = """
        CREATE TABLE account (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            email TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) > 2),
            name TEXT NOT NULL CHECK (length(name) > 0),
            role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
            disabled BOOLEAN NOT NULL DEFAULT false,
            password_hash TEXT NOT NULL,
            totp_secret TEXT,
            version BIGINT NOT NULL DEFAULT 1,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );

        CREATE TABLE session (
            token_hash TEXT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            last_seen_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX session_by_account ON session(account_id);
        CREATE INDEX session_by_expiry ON session(expires_at);

        CREATE TABLE api_token (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            token_hash TEXT NOT NULL UNIQUE,
            can_write BOOLEAN NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            last_used_at TIMESTAMPTZ,
            revoked_at TIMESTAMPTZ
        );
        CREATE INDEX api_token_by_account ON api_token(account_id);

        CREATE TABLE sign_in_failure (key TEXT NOT NULL, at TIMESTAMPTZ NOT NULL);
        CREATE INDEX sign_in_failure_by_key ON sign_in_failure(key, at);
        CREATE INDEX sign_in_failure_by_at ON sign_in_failure(at);

        CREATE TABLE totp_use (
            account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            step BIGINT NOT NULL,
            PRIMARY KEY (account_id, step)
        );

        CREATE TABLE audit (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at TIMESTAMPTZ NOT NULL,
            actor_account_id BIGINT,
            actor_name TEXT NOT NULL,
            address TEXT,
            action TEXT NOT NULL,
            entity TEXT,
            entity_id BIGINT,
            summary TEXT NOT NULL,
            changes JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(changes) = 'array')
        );
        CREATE INDEX audit_by_entity ON audit(entity, entity_id, id);
        CREATE INDEX audit_by_actor ON audit(actor_account_id, id);
        CREATE INDEX audit_by_at ON audit(at);
        -- The trail is append-only: nothing in the app, nor a stray statement, can rewrite it.
        CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail cannot be changed';
        END $$;
        CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit
            FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
        CREATE TRIGGER audit_is_append_only_truncate BEFORE TRUNCATE ON audit
            FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();
        """

    private static let people = """
        CREATE TABLE person (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
            search_vector \(searchVector),
            sort_key TEXT COLLATE "C" NOT NULL,
            version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX person_by_sort_key ON person(sort_key, id);
        CREATE INDEX person_search ON person USING gin (search_vector);

        CREATE TABLE person_language (
            person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            code TEXT NOT NULL CHECK (length(code) = 2),
            PRIMARY KEY (person_id, position)
        );
        CREATE INDEX person_language_by_code ON person_language(code, person_id);

        -- A position outlives the directory entry it names: the organization's name is kept.
        CREATE TABLE person_position (
            person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            organization_id BIGINT REFERENCES organization(id) ON DELETE SET NULL,
            organization_name TEXT NOT NULL CHECK (length(organization_name) > 0),
            title TEXT NOT NULL CHECK (length(title) > 0),
            department TEXT,
            start_date TEXT,
            end_date TEXT,
            PRIMARY KEY (person_id, position)
        );
        CREATE INDEX person_position_by_organization ON person_position(organization_id, end_date);
        -- Trigram indexes answer "title or department contains" without reading every position.
        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
        CREATE INDEX person_position_by_title ON person_position USING gin (title public.gin_trgm_ops);
        CREATE INDEX person_position_by_department ON person_position USING gin (department public.gin_trgm_ops);

        CREATE TABLE person_channel (
            person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'wechat', 'whatsapp', 'linkedin', 'postal')),
            value TEXT NOT NULL CHECK (length(value) > 0),
            match_key TEXT NOT NULL,
            label TEXT,
            preferred BOOLEAN NOT NULL DEFAULT false,
            held_by_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
            PRIMARY KEY (person_id, position)
        );
        CREATE INDEX person_channel_by_value ON person_channel(kind, match_key);
        CREATE INDEX person_channel_by_holder ON person_channel(held_by_account_id);
        """

    /// The international calendar: activities with who took part, calendar feeds, each staff member's own
    /// time zone, and where a person was met as a link to an activity.
    private static let internationalCalendar = """
        CREATE TABLE activity (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN
                ('mission','bilateral_meeting','courtesy_visit','event','congress','call')),
            title TEXT NOT NULL CHECK (length(title) > 0),
            summary TEXT,
            -- Deferred: a copy may bring a mission after the activities that are part of it.
            mission_id BIGINT REFERENCES activity(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
            all_day BOOLEAN NOT NULL,
            start_local TEXT NOT NULL,
            end_local TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            starts_at TIMESTAMPTZ NOT NULL,
            ends_at TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
            place_organization_id BIGINT REFERENCES organization(id) ON DELETE SET NULL,
            place_name TEXT,
            venue TEXT,
            visibility TEXT NOT NULL CHECK (visibility IN ('internal', 'public')),
            version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        -- With the end beside the start, a calendar range skips what ended before it from the index alone.
        CREATE INDEX activity_by_start ON activity(starts_at, ends_at, id);
        CREATE INDEX activity_by_mission ON activity(mission_id);
        CREATE INDEX activity_by_place ON activity(place_organization_id);

        -- Names are kept with each participant: the activity still says who came after a record goes.
        CREATE TABLE activity_organization (
            activity_id BIGINT NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            organization_id BIGINT REFERENCES organization(id) ON DELETE SET NULL,
            organization_name TEXT NOT NULL CHECK (length(organization_name) > 0),
            mode TEXT NOT NULL CHECK (mode IN ('in_person', 'virtual')),
            status TEXT NOT NULL CHECK (status IN ('invited','confirmed','attended','declined','no_answer')),
            organizer BOOLEAN NOT NULL DEFAULT false,
            PRIMARY KEY (activity_id, position)
        );
        CREATE INDEX activity_organization_by_organization ON activity_organization(organization_id, activity_id);

        CREATE TABLE activity_person (
            activity_id BIGINT NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            person_id BIGINT REFERENCES person(id) ON DELETE SET NULL,
            person_name TEXT NOT NULL CHECK (length(person_name) > 0),
            organization_id BIGINT REFERENCES organization(id) ON DELETE SET NULL,
            role TEXT NOT NULL CHECK (role IN ('head_of_delegation','member','interpreter','speaker')),
            in_person BOOLEAN NOT NULL,
            PRIMARY KEY (activity_id, position)
        );
        CREATE INDEX activity_person_by_person ON activity_person(person_id, activity_id);

        CREATE TABLE activity_staff (
            activity_id BIGINT NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            PRIMARY KEY (activity_id, position),
            UNIQUE (activity_id, account_id)
        );
        CREATE INDEX activity_staff_by_account ON activity_staff(account_id, activity_id);

        CREATE TABLE calendar_feed (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            scope TEXT NOT NULL CHECK (scope IN ('mine', 'all')),
            token_hash TEXT NOT NULL UNIQUE,
            created_at TIMESTAMPTZ NOT NULL,
            revoked_at TIMESTAMPTZ
        );
        CREATE INDEX calendar_feed_by_account ON calendar_feed(account_id);

        ALTER TABLE account ADD COLUMN time_zone TEXT;
        ALTER TABLE person ADD COLUMN met_at_activity_id BIGINT
            REFERENCES activity(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
        CREATE INDEX person_by_met_at_activity ON person(met_at_activity_id);
        """
}
