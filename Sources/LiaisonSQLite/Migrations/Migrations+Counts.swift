extension Migrations {
    /// The directory's counts by membership status and the count of people, kept by triggers: counting every
    /// organization's index entry took 1.5 ms a page at 20,000 organizations, and the people list counted
    /// 10,001 entries (0.3 ms) before each page. SQLite has one writer at a time, so these few rows never hold
    /// writers up; PostgreSQL counts instead (see `SQLDialect.organizationCountsByStatus`).
    static let keptCounts = """
        CREATE TABLE organization_status_count (
            membership_status TEXT PRIMARY KEY,
            n INTEGER NOT NULL CHECK (n >= 0)
        ) WITHOUT ROWID;
        CREATE TRIGGER organization_status_count_insert AFTER INSERT ON organization BEGIN
            INSERT INTO organization_status_count (membership_status, n) VALUES (new.membership_status, 1)
                ON CONFLICT (membership_status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER organization_status_count_delete AFTER DELETE ON organization BEGIN
            UPDATE organization_status_count SET n = n - 1 WHERE membership_status = old.membership_status;
        END;
        CREATE TRIGGER organization_status_count_update AFTER UPDATE OF membership_status ON organization
        WHEN old.membership_status IS NOT new.membership_status BEGIN
            UPDATE organization_status_count SET n = n - 1 WHERE membership_status = old.membership_status;
            INSERT INTO organization_status_count (membership_status, n) VALUES (new.membership_status, 1)
                ON CONFLICT (membership_status) DO UPDATE SET n = n + 1;
        END;
        CREATE TABLE person_count (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            n INTEGER NOT NULL CHECK (n >= 0)
        );
        CREATE TRIGGER person_count_insert AFTER INSERT ON person BEGIN
            UPDATE person_count SET n = n + 1;
        END;
        CREATE TRIGGER person_count_delete AFTER DELETE ON person BEGIN
            UPDATE person_count SET n = n - 1;
        END;
        \(recount)
        """

    /// Both counts made again from the rows: after the migration, and after a bulk load, which sets the
    /// triggers aside while its rows go in.
    static let recount = """
        DELETE FROM organization_status_count;
        INSERT INTO organization_status_count (membership_status, n)
            SELECT membership_status, count(*) FROM organization GROUP BY membership_status;
        DELETE FROM person_count;
        INSERT INTO person_count (id, n) SELECT 1, count(*) FROM person;
        """
}
