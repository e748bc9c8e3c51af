extension Migrations {
    /// The membership pipeline: each prospect's stage and what should happen next, and every move it made.
    static let membershipPipeline = """
        CREATE TABLE prospect (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            organization_id INTEGER NOT NULL UNIQUE REFERENCES organization(id) ON DELETE CASCADE,
            stage TEXT NOT NULL CHECK (stage IN
                ('identified', 'contacted', 'met', 'intent_expressed', 'applied', 'joined', 'declined')),
            stage_since TEXT NOT NULL CHECK (length(stage_since) = 10),
            owner_account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
            target_date TEXT CHECK (target_date IS NULL OR length(target_date) = 10),
            target_activity_id INTEGER REFERENCES activity(id) ON DELETE SET NULL,
            likelihood INTEGER CHECK (likelihood IS NULL OR likelihood BETWEEN 0 AND 100),
            next_step TEXT,
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX prospect_by_stage ON prospect(stage, target_date, id);
        CREATE INDEX prospect_by_owner ON prospect(owner_account_id, stage);
        CREATE INDEX prospect_by_target_activity ON prospect(target_activity_id);

        CREATE TABLE prospect_stage_change (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            prospect_id INTEGER NOT NULL REFERENCES prospect(id) ON DELETE CASCADE,
            from_stage TEXT,
            to_stage TEXT NOT NULL,
            reached_on TEXT NOT NULL CHECK (length(reached_on) = 10),
            at DATETIME NOT NULL,
            account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
            account_name TEXT NOT NULL,
            note TEXT,
            activity_id INTEGER REFERENCES activity(id) ON DELETE SET NULL
        );
        CREATE INDEX prospect_stage_change_by_prospect ON prospect_stage_change(prospect_id, id);
        """
}
