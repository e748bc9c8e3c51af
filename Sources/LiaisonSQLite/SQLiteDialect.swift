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
    /// A write transaction holds SQLite's one write lock: nothing else deletes meanwhile.
    let lockAgainstDeletion = ""
    let lockAgainstWriters = ""
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
        }
    }
}

extension StatementArguments {
    init(_ binds: [SQLBind]) {
        self.init(binds.map(\.databaseValue))
    }
}

extension Row: SQLRow {
    public func text(_ column: String) -> String? { self[column] }
    public func integer(_ column: String) -> Int64? { self[column] }
    public func real(_ column: String) -> Double? { self[column] }
    public func bool(_ column: String) -> Bool? { self[column] }
    public func date(_ column: String) -> Date? { self[column] }
}

extension Database {
    /// Runs the statements of a shared plan in order, through the statement cache.
    func run(_ statements: [SQLFragment]) throws {
        for statement in statements {
            try executeCached(sql: statement.sql, arguments: StatementArguments(statement.binds))
        }
    }
}
