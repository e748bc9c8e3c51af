extension Migrations {
    /// Delegations to events: one per event and organization, with its invitation, expected size and the
    /// people registered. The organization's and people's names are kept, so deleting them from the directory
    /// keeps the delegation's history; deleting the event deletes its delegations with it.
    static let delegations = """
        CREATE TABLE delegation (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
            organization_id INTEGER REFERENCES organization(id) ON DELETE SET NULL,
            organization_name TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('not_sent', 'invited', 'accepted', 'declined', 'no_answer')),
            sent_on TEXT CHECK (sent_on IS NULL OR length(sent_on) = 10),
            sent_by_account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
            letter_language TEXT,
            expected_size INTEGER CHECK (expected_size IS NULL OR expected_size BETWEEN 0 AND 50),
            mayor_heads INTEGER NOT NULL DEFAULT 0,
            expected_mode TEXT NOT NULL CHECK (expected_mode IN ('in_person', 'virtual')),
            note TEXT,
            registered_in_person INTEGER NOT NULL DEFAULT 0,
            registered_virtual INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE UNIQUE INDEX delegation_by_activity ON delegation(activity_id, organization_id);
        CREATE INDEX delegation_by_organization ON delegation(organization_id, activity_id);

        CREATE TABLE delegation_registration (
            delegation_id INTEGER NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
            person_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('head_of_delegation', 'member', 'interpreter', 'speaker')),
            mode TEXT NOT NULL CHECK (mode IN ('in_person', 'virtual')),
            state TEXT NOT NULL CHECK (state IN ('registered', 'confirmed', 'cancelled', 'attended')),
            visa_letter INTEGER NOT NULL DEFAULT 0,
            interpretation TEXT,
            PRIMARY KEY (delegation_id, position)
        );
        CREATE INDEX delegation_registration_by_person ON delegation_registration(person_id);
        """
}
