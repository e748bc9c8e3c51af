import GRDB

extension Migrations {
    /// The international calendar: activities with who took part, calendar feeds, each staff member's own
    /// time zone, and where a person was met as a link to an activity.
    static func createActivities(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE activity (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN
                        ('mission','bilateral_meeting','courtesy_visit','event','congress','call')),
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    summary TEXT,
                    -- Deferred: a copy may bring a mission after the activities that are part of it.
                    mission_id INTEGER REFERENCES activity(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
                    all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
                    start_local TEXT NOT NULL,
                    end_local TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    starts_at DATETIME NOT NULL,
                    ends_at DATETIME NOT NULL CHECK (ends_at > starts_at),
                    place_organization_id INTEGER REFERENCES organization(id) ON DELETE SET NULL,
                    place_name TEXT,
                    venue TEXT,
                    visibility TEXT NOT NULL CHECK (visibility IN ('internal', 'public')),
                    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                -- With the end beside the start, a calendar range skips what ended before it from the index alone.
                CREATE INDEX activity_by_start ON activity(starts_at, ends_at, id);
                CREATE INDEX activity_by_mission ON activity(mission_id);
                CREATE INDEX activity_by_place ON activity(place_organization_id);

                -- Names are kept with each participant: the activity still says who came after a record goes.
                CREATE TABLE activity_organization (
                    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    organization_id INTEGER REFERENCES organization(id) ON DELETE SET NULL,
                    organization_name TEXT NOT NULL CHECK (length(organization_name) > 0),
                    mode TEXT NOT NULL CHECK (mode IN ('in_person', 'virtual')),
                    status TEXT NOT NULL CHECK (status IN ('invited','confirmed','attended','declined','no_answer')),
                    organizer INTEGER NOT NULL DEFAULT 0 CHECK (organizer IN (0, 1)),
                    PRIMARY KEY (activity_id, position)
                );
                CREATE INDEX activity_organization_by_organization ON activity_organization(organization_id, activity_id);

                CREATE TABLE activity_person (
                    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
                    person_name TEXT NOT NULL CHECK (length(person_name) > 0),
                    organization_id INTEGER REFERENCES organization(id) ON DELETE SET NULL,
                    role TEXT NOT NULL CHECK (role IN ('head_of_delegation','member','interpreter','speaker')),
                    in_person INTEGER NOT NULL CHECK (in_person IN (0, 1)),
                    PRIMARY KEY (activity_id, position)
                );
                CREATE INDEX activity_person_by_person ON activity_person(person_id, activity_id);

                CREATE TABLE activity_staff (
                    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    PRIMARY KEY (activity_id, position),
                    UNIQUE (activity_id, account_id)
                );
                CREATE INDEX activity_staff_by_account ON activity_staff(account_id, activity_id);

                CREATE TABLE calendar_feed (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    scope TEXT NOT NULL CHECK (scope IN ('mine', 'all')),
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at DATETIME NOT NULL,
                    revoked_at DATETIME
                );
                CREATE INDEX calendar_feed_by_account ON calendar_feed(account_id);

                ALTER TABLE account ADD COLUMN time_zone TEXT;
                ALTER TABLE person ADD COLUMN met_at_activity_id INTEGER
                    REFERENCES activity(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
                CREATE INDEX person_by_met_at_activity ON person(met_at_activity_id);
                """)
    }
}
