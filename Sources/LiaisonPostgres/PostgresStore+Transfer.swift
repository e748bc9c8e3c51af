import Foundation
import LiaisonStore
import PostgresNIO

extension PostgresStore {
    public func exportRows(_ table: TransferTable, after: [TransferValue]?, limit: Int) async throws
        -> [[TransferValue]]
    {
        try await read { db in
            let key = table.keyOrder
            let columns = table.columns.map { $0.type == .json ? "\($0.name)::text" : $0.name }
            var values: [any SQLValue] = []
            var condition = ""
            if let after {
                condition = "WHERE (\(key)) > (\(questionMarks(after.count)))"
                values += after as [any SQLValue]
            }
            values.append(limit)
            return try await db.rows(
                "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) \(condition) ORDER BY \(key) LIMIT ?",
                values
            ).map { row in
                try table.columns.enumerated().map { index, column in try row.transferValue(at: index, column.type) }
            }
        }
    }

    public func countRows(_ table: TransferTable) async throws -> Int {
        try await read { db in try await db.value(Int.self, "SELECT count(*) FROM \(table.name)") ?? 0 }
    }

    public func importRows(_ body: (any TransferSink) async throws -> Void) async throws {
        try await write { db in
            try await body(PostgresTransferSink(db: db))
            try await SearchReindex.run(db)
            // Fresh statistics for the planner: without them it guesses at a million rows (and reads them all).
            for table in TransferTable.all {
                try await db.execute("ANALYZE \(table.name)")
            }
            try await Self.mergePendingSearchEntries(db)
            // Identity counters continue after the ids received and after every id the audit trail names (a
            // record deleted from the top of the source is not among the rows), never going back: an id once
            // given is never given again.
            for table in TransferTable.all where table.hasIdentity {
                try await db.execute(
                    """
                    SELECT setval(sequence, greatest(
                            coalesce((SELECT max(id) FROM \(table.name)), 0),
                            coalesce((SELECT max(entity_id) FROM audit WHERE entity = ?), 0),
                            coalesce(pg_sequence_last_value(sequence), 0)) + 1, false)
                    FROM (SELECT pg_get_serial_sequence(?, 'id')::regclass AS sequence) AS identity
                    """, table.name, table.name)
            }
        }
    }
}

extension TransferValue: SQLValue {
    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .null: bindings.appendNull()
        case .integer(let number): bindings.append(number)
        case .real(let number): bindings.append(number)
        case .text(let text): bindings.append(text)
        case .bool(let flag): bindings.append(flag)
        case .date(let date): bindings.append(date)
        }
    }
}

extension Row {
    func transferValue(at index: Int, _ type: TransferColumnType) throws -> TransferValue {
        let value: TransferValue? =
            switch type {
            case .integer: try self[index, Int64.self].map(TransferValue.integer)
            case .real: try self[index, Double.self].map(TransferValue.real)
            case .text: try self[index, String.self].map(TransferValue.text)
            case .json: try self[index, String.self].map(TransferValue.json)
            case .bool: try self[index, Bool.self].map(TransferValue.bool)
            case .date: try self[index, Date.self].map(TransferValue.instant)
            }
        return value ?? .null
    }
}

/// Inserts each batch as one multi-row statement inside the import's transaction.
private struct PostgresTransferSink: TransferSink {
    let db: Connection

    func insert(_ table: TransferTable, _ rows: [[TransferValue]]) async throws {
        if table.isSingleton { try await db.execute("DELETE FROM \(table.name)") }
        let placeholders = "(" + table.columns.map { $0.type == .json ? "?::jsonb" : "?" }.joined(separator: ", ") + ")"
        // PostgreSQL takes at most 65,535 parameters a statement.
        let rowsPerStatement = max(1, 60_000 / table.columns.count)
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            try await db.execute(
                "INSERT INTO \(table.name) (\(table.columnNames.joined(separator: ", "))) VALUES "
                    + Array(repeating: placeholders, count: chunk.count).joined(separator: ", "),
                chunk.flatMap { $0 as [any SQLValue] })
        }
    }
}

extension PostgresStore {
    /// The search indexes keep new entries in a pending list that every search reads whole until it is merged
    /// in; after an import or a batch it holds megabytes (a search for a name no one has took 3.6 ms at a
    /// million people, 0.07 ms once merged; under load searches timed out).
    static func mergePendingSearchEntries(_ db: Connection) async throws {
        for index in [
            "organization_search", "person_search", "person_position_by_title", "person_position_by_department",
            "activity_search", "report_search",
        ] {
            _ = try await db.value(Int64.self, "SELECT gin_clean_pending_list(?::regclass)", index)
        }
    }
}
