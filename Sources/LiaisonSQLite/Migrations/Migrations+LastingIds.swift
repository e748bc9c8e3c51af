import GRDB

extension Migrations {
    /// The tables whose ids leave the database (in addresses, the API, the audit trail, calendar and vCard
    /// UIDs, rows of other tables), each the audit trail's name for its records. An id once given is never
    /// given again. The audit trail's own ids need no more: its rows can never be deleted.
    static let tablesWithLastingIds = ["account", "organization", "person", "activity", "calendar_feed", "api_token"]

    /// Tables made after migration 008, with `AUTOINCREMENT` from the start.
    static let laterTablesWithLastingIds = [
        "report", "comment", "follow_up", "notification", "prospect", "prospect_stage_change", "working_group",
        "interest", "opportunity", "delegation",
    ]

    /// Makes the id of every table with lasting ids `INTEGER PRIMARY KEY AUTOINCREMENT`. Without it SQLite
    /// gives a new row the highest id plus one, so the newest record's id, once deleted, went to the next
    /// record made: with its address, its audit history and the version a stale edit names.
    ///
    /// SQLite's procedure for a change ALTER TABLE cannot make
    /// (https://www.sqlite.org/lang_altertable.html#otheralter): the migrator turns foreign keys off around
    /// the migration's transaction and checks them all before it commits; here each table is made anew from
    /// its own stored definition with only the id's clause changed, filled with the same rows and ids, the old
    /// one dropped and the new one renamed into its place, then given back the same indexes and triggers.
    /// The search indexes read their table by id, which stays, so they are kept as they are.
    static func neverReuseIds(_ db: Database) throws {
        for table in tablesWithLastingIds {
            try rebuildWithAutoincrement(db, table: table)
        }
        try raiseIdCounters(db)
    }

    private static func rebuildWithAutoincrement(_ db: Database, table: String) throws {
        let definition = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table])
        let prefix = "CREATE TABLE \(table) ("
        let idClause = "id INTEGER PRIMARY KEY,"
        guard let definition, definition.hasPrefix(prefix),
            definition.ranges(of: idClause).count == 1
        else {
            throw DatabaseError(message: "the table \(table) does not have the definition this migration expects")
        }
        let rebuilt =
            "CREATE TABLE \(table)_rebuilt ("
            + definition.dropFirst(prefix.count).replacing(idClause, with: "id INTEGER PRIMARY KEY AUTOINCREMENT,")
        let dependents = try String.fetchAll(
            db,
            sql: """
                SELECT sql FROM sqlite_master
                WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL
                ORDER BY type, name
                """,
            arguments: [table])

        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO \(table)_rebuilt SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(table)_rebuilt RENAME TO \(table)")
        for sql in dependents {
            try db.execute(sql: sql)
        }
    }

    /// Sets each lasting-id counter (`sqlite_sequence`) at least as high as the highest id its table holds
    /// and the highest the audit trail names for it, so a record deleted from the top is not given again
    /// either. Never lowers a counter. Run by the migration and after every import (copy, restore), which
    /// brings rows with their ids but not the counters of the database they came from.
    static func raiseIdCounters(_ db: Database) throws {
        for table in tablesWithLastingIds + laterTablesWithLastingIds where try db.tableExists(table) {
            let highest =
                try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT max(coalesce((SELECT max(id) FROM \(table)), 0),
                                   coalesce((SELECT max(entity_id) FROM audit WHERE entity = ?), 0))
                        """,
                    arguments: [table]) ?? 0
            try db.execute(
                sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", arguments: [highest, table])
            if db.changesCount == 0 && highest > 0 {
                try db.execute(
                    sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [table, highest])
            }
        }
    }
}
