import Foundation
import GRDB
import LiaisonStore

/// SQLite's side of the shared queries: FTS5 tables for names, a trigram index for positions.
struct SQLiteDialect: SQLDialect {
    /// JSON is kept as its text.
    let jsonPlaceholder = "?"
    func jsonText(_ expression: String) -> String { expression }
    /// `IN (?, ...)`, each id bound on its own.
    func idsMatch(count: Int) -> String { "IN (\(databaseQuestionMarks(count: count)))" }
    /// A write transaction holds SQLite's one write lock: nothing else deletes or writes meanwhile.
    let lockAgainstDeletion = ""
    let lockAgainstWriters = ""
    var personRowJoins: String { PersonSummary.joins }
    /// Kept by triggers (migration 021): one writer at a time, so the count rows never make writers wait.
    let organizationCountsByStatus = "SELECT membership_status, n FROM organization_status_count WHERE n > 0"
    func personCount(upTo limit: Int) -> String { "SELECT n FROM person_count" }
    func ignoringCase(_ expression: String) -> String { "\(expression) COLLATE NOCASE" }
    func joinedNames(_ expression: String) -> String { "group_concat(\(expression), char(31))" }

    /// Each record table's words are in its FTS5 table `table_fts`.
    func fullTextIds(of table: String, terms: [String], limit: Int) -> SQLFragment {
        SQLFragment(
            "SELECT rowid FROM \(table)_fts WHERE \(table)_fts MATCH ? LIMIT ?",
            [.text(Self.prefixMatch(terms)), .integer(limit)])
    }

    func organizationSearchJoin(_ terms: [String]) -> String { "JOIN organization_fts f ON f.rowid = o.id" }

    func organizationSearchMatch(_ terms: [String]) -> SQLFragment {
        SQLFragment("organization_fts MATCH ?", [.text(Self.prefixMatch(terms))])
    }

    func personSearchJoin(_ terms: [String]) -> String { "JOIN person_fts f ON f.rowid = p.id" }

    func personSearchMatch(_ terms: [String]) -> SQLFragment {
        SQLFragment("person_fts MATCH ?", [.text(Self.prefixMatch(terms))])
    }

    /// Three characters make a trigram: shorter text is looked for position by position.
    func currentPositionContains(_ text: String) -> SQLFragment {
        if text.count >= 3 {
            return SQLFragment(
                """
                p.id IN (SELECT pp.person_id FROM person_position_fts f JOIN person_position pp
                    ON pp.person_id = f.rowid / 1024 AND pp.position = f.rowid % 1024
                    WHERE person_position_fts MATCH ? AND pp.end_date IS NULL)
                """, [.text("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")])
        }
        let pattern = SQLBind.text(SQLFragment.likeAnywhere(text))
        return SQLFragment(
            """
            p.id IN (SELECT person_id FROM person_position WHERE end_date IS NULL
                AND (title LIKE ? ESCAPE '\\' OR department LIKE ? ESCAPE '\\'))
            """, [pattern, pattern])
    }

    func activityInvolvesOrganization(_ id: Int64) -> SQLFragment {
        SQLFragment(
            "(a.id IN (SELECT activity_id FROM activity_organization WHERE organization_id = ?) OR a.place_organization_id = ?)",
            [.integer(id), .integer(id)])
    }

    /// An FTS5 query in which every term must match the start of an indexed word. Terms are ASCII letters
    /// and digits only (`SearchText` guarantees it), so quoting them is safe.
    static func prefixMatch(_ terms: [String]) -> String {
        terms.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}

extension SQLBind {
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let text): text.databaseValue
        case .integer(let number): number.databaseValue
        case .bool(let flag): flag.databaseValue
        case .real(let number): number.databaseValue
        case .date(let date): date.databaseValue
        case .null: .null
        // Flattened by `StatementArguments(_:)`, one value for each of `idsMatch`'s placeholders.
        case .integers: .null
        }
    }
}

extension StatementArguments {
    init(_ binds: [SQLBind]) {
        var values: [DatabaseValue] = []
        values.reserveCapacity(binds.count)
        for bind in binds {
            if case .integers(let ids) = bind {
                values += ids.map(\.databaseValue)
            } else {
                values.append(bind.databaseValue)
            }
        }
        self.init(values)
    }
}

extension Row: SQLRow {
    public func text(_ column: String) -> String? { self[column] }
    public func integer(_ column: String) -> Int64? { self[column] }
    public func real(_ column: String) -> Double? { self[column] }
    public func bool(_ column: String) -> Bool? { self[column] }
    public func date(_ column: String) -> Date? { storedDate(column) }
    public func text(at index: Int) -> String? { self[index] }
    public func integer(at index: Int) -> Int64? { self[index] }
    public func real(at index: Int) -> Double? { self[index] }
    public func bool(at index: Int) -> Bool? { self[index] }
    public func date(at index: Int) -> Date? { storedDate(index) }
    public func kept() -> any SQLRow { copy() }
}

/// A statement's rows as SQLite steps through them, each read in place: a plan's decoding reads a column
/// straight from the statement, with no copy of the row.
private struct SteppedRows: SQLRows {
    let statement: Statement
    let arguments: StatementArguments

    func forEach(_ body: (any SQLRow) throws -> Void) throws {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() { try body(row) }
    }
}

extension Database {
    /// Runs the statements of a shared plan in order, through the statement cache.
    func run(_ statements: [SQLFragment]) throws {
        for statement in statements {
            try executeCached(sql: statement.sql, arguments: StatementArguments(statement.binds))
        }
    }

    /// Runs a shared plan's steps inside the caller's transaction and returns its value.
    func run<Value>(_ plan: SQLPlan<Value>) throws -> Value {
        switch plan.step {
        case .done(let value):
            return value
        case .fetch(let statement, let next):
            let rows = SteppedRows(
                statement: try cachedStatement(sql: statement.sql), arguments: StatementArguments(statement.binds))
            return try run(next(rows))
        case .execute(let statements, let next):
            try run(statements)
            return try run(next())
        }
    }
}
