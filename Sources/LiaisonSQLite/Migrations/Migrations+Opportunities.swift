extension Migrations {
    /// Opportunities to engage (the Clearing House) and the organizations invited, with their answers.
    static let opportunities = """
        CREATE TABLE opportunity (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL CHECK (length(title) > 0),
            kind TEXT NOT NULL
                CHECK (kind IN ('call_for_projects', 'training', 'peer_exchange', 'speaking_slot', 'other')),
            theme TEXT,
            theme_key TEXT,
            deadline TEXT CHECK (deadline IS NULL OR length(deadline) = 10),
            eligibility TEXT,
            description TEXT,
            activity_id INTEGER REFERENCES activity(id) ON DELETE SET NULL,
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX opportunity_by_deadline ON opportunity(deadline, id);

        CREATE TABLE opportunity_invitation (
            opportunity_id INTEGER NOT NULL REFERENCES opportunity(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            answer TEXT NOT NULL CHECK (answer IN ('invited', 'interested', 'applied', 'selected', 'declined')),
            sent_on TEXT CHECK (sent_on IS NULL OR length(sent_on) = 10),
            PRIMARY KEY (opportunity_id, position),
            UNIQUE (opportunity_id, organization_id)
        );
        CREATE INDEX opportunity_invitation_by_organization ON opportunity_invitation(organization_id, opportunity_id);
        """
}
