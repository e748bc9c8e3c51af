extension Migrations {
    /// Working groups with their members, representatives and meetings; organizations' interests in themes.
    static let workingGroupsAndInterests = """
        CREATE TABLE working_group (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL CHECK (length(name) > 0),
            theme TEXT NOT NULL CHECK (length(theme) > 0),
            -- The theme as search reads it, so "Solid waste" and "solid  waste" are one theme.
            theme_key TEXT NOT NULL,
            description TEXT,
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX working_group_by_theme ON working_group(theme_key);

        CREATE TABLE working_group_member (
            working_group_id INTEGER NOT NULL REFERENCES working_group(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('lead', 'member', 'observer', 'interested')),
            joined_on TEXT CHECK (joined_on IS NULL OR length(joined_on) = 10),
            PRIMARY KEY (working_group_id, position),
            UNIQUE (working_group_id, organization_id)
        );
        CREATE INDEX working_group_member_by_organization ON working_group_member(organization_id, working_group_id);

        CREATE TABLE working_group_representative (
            working_group_id INTEGER NOT NULL REFERENCES working_group(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            PRIMARY KEY (working_group_id, position)
        );
        CREATE INDEX working_group_representative_by_person ON working_group_representative(person_id);

        CREATE TABLE working_group_activity (
            working_group_id INTEGER NOT NULL REFERENCES working_group(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
            PRIMARY KEY (working_group_id, position),
            UNIQUE (working_group_id, activity_id)
        );
        CREATE INDEX working_group_activity_by_activity ON working_group_activity(activity_id);

        CREATE TABLE interest (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            theme TEXT NOT NULL CHECK (length(theme) > 0),
            theme_key TEXT NOT NULL,
            working_group_id INTEGER REFERENCES working_group(id) ON DELETE SET NULL,
            expressed_on TEXT NOT NULL CHECK (length(expressed_on) = 10),
            activity_id INTEGER REFERENCES activity(id) ON DELETE SET NULL,
            report_id INTEGER REFERENCES report(id) ON DELETE SET NULL,
            note TEXT,
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX interest_by_theme ON interest(theme_key, organization_id);
        CREATE INDEX interest_by_organization ON interest(organization_id, expressed_on);
        CREATE INDEX interest_by_group ON interest(working_group_id);
        """
}
