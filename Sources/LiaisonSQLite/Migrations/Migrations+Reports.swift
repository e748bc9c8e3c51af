import GRDB

extension Migrations {
    /// Reports with their authors, reviewers and links to what they name; comments under them; follow-ups
    /// with the organizations and people they concern; each staff member's inbox.
    static let reportsAndFollowUps = """
        CREATE TABLE report (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL CHECK (length(title) > 0),
            body TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('draft', 'shared')),
            activity_id INTEGER REFERENCES activity(id) ON DELETE SET NULL,
            organization_id INTEGER REFERENCES organization(id) ON DELETE SET NULL,
            created_by INTEGER REFERENCES account(id) ON DELETE SET NULL,
            search_text TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX report_by_activity ON report(activity_id);
        CREATE INDEX report_by_organization ON report(organization_id);
        CREATE INDEX report_by_update ON report(updated_at, id);

        CREATE TABLE report_author (
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            PRIMARY KEY (report_id, position),
            UNIQUE (report_id, account_id)
        );
        CREATE INDEX report_author_by_account ON report_author(account_id, report_id);

        CREATE TABLE report_reviewer (
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            PRIMARY KEY (report_id, position),
            UNIQUE (report_id, account_id)
        );
        CREATE INDEX report_reviewer_by_account ON report_reviewer(account_id, report_id);

        -- A link found in the text, added by an author, or removed by one (kept, so it stays removed).
        CREATE TABLE report_link (
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            organization_id INTEGER REFERENCES organization(id) ON DELETE CASCADE,
            person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('found', 'added', 'removed')),
            CHECK ((organization_id IS NULL) <> (person_id IS NULL)),
            UNIQUE (report_id, organization_id),
            UNIQUE (report_id, person_id)
        );
        CREATE INDEX report_link_by_organization ON report_link(organization_id, report_id)
            WHERE organization_id IS NOT NULL;
        CREATE INDEX report_link_by_person ON report_link(person_id, report_id) WHERE person_id IS NOT NULL;

        CREATE TABLE comment (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            author_account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
            body TEXT NOT NULL CHECK (length(body) > 0),
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX comment_by_report ON comment(report_id, id);

        CREATE TABLE follow_up (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL CHECK (length(title) > 0),
            details TEXT,
            assignee_account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
            due_date TEXT CHECK (due_date IS NULL OR length(due_date) = 10),
            status TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'done', 'dropped')),
            priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high')),
            activity_id INTEGER REFERENCES activity(id) ON DELETE SET NULL,
            report_id INTEGER REFERENCES report(id) ON DELETE SET NULL,
            -- The words of the report's task line it came from: the line and the follow-up tick together.
            task_key TEXT,
            created_by INTEGER REFERENCES account(id) ON DELETE SET NULL,
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX follow_up_by_assignee ON follow_up(assignee_account_id, status, due_date);
        CREATE INDEX follow_up_to_do_by_due ON follow_up(due_date, id) WHERE status IN ('open', 'waiting');
        CREATE UNIQUE INDEX follow_up_by_report_task ON follow_up(report_id, task_key);
        CREATE INDEX follow_up_by_activity ON follow_up(activity_id);

        CREATE TABLE follow_up_organization (
            follow_up_id INTEGER NOT NULL REFERENCES follow_up(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            PRIMARY KEY (follow_up_id, position),
            UNIQUE (follow_up_id, organization_id)
        );
        CREATE INDEX follow_up_organization_by_organization ON follow_up_organization(organization_id, follow_up_id);

        CREATE TABLE follow_up_person (
            follow_up_id INTEGER NOT NULL REFERENCES follow_up(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            PRIMARY KEY (follow_up_id, position),
            UNIQUE (follow_up_id, person_id)
        );
        CREATE INDEX follow_up_person_by_person ON follow_up_person(person_id, follow_up_id);

        -- `once_key` makes a reminder (a follow-up overdue) at most once however many servers look.
        CREATE TABLE notification (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            reason TEXT NOT NULL
                CHECK (reason IN ('mentioned', 'review_requested', 'follow_up_assigned', 'follow_up_overdue')),
            subject TEXT NOT NULL CHECK (subject IN ('report', 'comment', 'follow_up')),
            subject_id INTEGER NOT NULL,
            title TEXT NOT NULL,
            actor_account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
            created_at DATETIME NOT NULL,
            read_at DATETIME,
            once_key TEXT UNIQUE
        );
        CREATE INDEX notification_by_account ON notification(account_id, id);
        CREATE INDEX notification_unread ON notification(account_id) WHERE read_at IS NULL;

        CREATE VIRTUAL TABLE report_fts USING fts5(
            search_text, content='report', content_rowid='id', tokenize='unicode61', prefix='2 3 4 5 6'
        );
        CREATE TRIGGER report_fts_insert AFTER INSERT ON report BEGIN
            INSERT INTO report_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER report_fts_delete AFTER DELETE ON report BEGIN
            INSERT INTO report_fts(report_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END;
        CREATE TRIGGER report_fts_update AFTER UPDATE OF search_text ON report BEGIN
            INSERT INTO report_fts(report_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO report_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        """
}

extension Migrations {
    /// Mail: which inbox entries have been mailed (or are being, by which deadline), and each account's daily
    /// digest, one row per account and day, so that several app servers send each at most once.
    static let mail = """
        ALTER TABLE notification ADD COLUMN mailed_at DATETIME;
        ALTER TABLE notification ADD COLUMN mail_retry_at DATETIME;
        ALTER TABLE notification ADD COLUMN mail_attempts INTEGER NOT NULL DEFAULT 0 CHECK (mail_attempts >= 0);
        CREATE INDEX notification_to_mail ON notification(created_at) WHERE mailed_at IS NULL;

        CREATE TABLE mail_digest (
            account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            day TEXT NOT NULL CHECK (length(day) = 10),
            claimed_until DATETIME NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
            sent_at DATETIME,
            items INTEGER CHECK (items >= 0),
            PRIMARY KEY (account_id, day)
        );
        CREATE INDEX mail_digest_by_day ON mail_digest(day);
        """

    /// Comments notify the authors of the report they are under: the inbox takes a reason more.
    static func notifyOfComments(_ db: Database) throws {
        try rebuild(
            db, table: "notification", replacing: "'follow_up_overdue')", with: "'follow_up_overdue', 'commented')")
    }

    /// Makes a table anew from its own stored definition with one clause changed, as SQLite's procedure for a
    /// change ALTER TABLE cannot make asks (https://www.sqlite.org/lang_altertable.html#otheralter; the
    /// migrator turns foreign keys off around the migration and checks them all before it commits): the same
    /// columns (whatever later migrations added), rows, ids, id counter, indexes and triggers.
    static func rebuild(_ db: Database, table: String, replacing clause: String, with replacement: String) throws {
        let definition = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table])
        let prefix = "CREATE TABLE \(table) ("
        guard let definition, definition.hasPrefix(prefix), definition.ranges(of: clause).count == 1 else {
            throw DatabaseError(message: "the table \(table) does not have the definition this migration expects")
        }
        let dependents = try String.fetchAll(
            db,
            sql: """
                SELECT sql FROM sqlite_master
                WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL
                ORDER BY type, name
                """,
            arguments: [table])
        let counter = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table])
        try db.execute(
            sql: "CREATE TABLE \(table)_rebuilt ("
                + definition.dropFirst(prefix.count).replacing(clause, with: replacement))
        try db.execute(sql: "INSERT INTO \(table)_rebuilt SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(table)_rebuilt RENAME TO \(table)")
        for sql in dependents { try db.execute(sql: sql) }
        // The counter goes on from where it was, not from the highest id left.
        if let counter {
            try db.execute(
                sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", arguments: [counter, table])
            if db.changesCount == 0 {
                try db.execute(
                    sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [table, counter])
            }
        }
    }
}
