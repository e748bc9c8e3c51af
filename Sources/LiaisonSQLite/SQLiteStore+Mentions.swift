import GRDB
import LiaisonCore
import LiaisonStore

/// The directory's names for the mention index (`MentionStore`), read only.
extension SQLiteStore {
    public func mentionEntries(_ kind: MentionKind, afterId: Int64, limit: Int) async throws
        -> [MentionEntry]
    {
        try await read { db in
            let arguments: StatementArguments = [afterId, limit]
            switch kind {
            case .organization:
                let sql = MentionRows.organizations(SQLiteDialect(), where: MentionRows.after) + MentionRows.limit
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(MentionRows.organization)
            case .person:
                let sql = MentionRows.people(where: MentionRows.after) + MentionRows.limit
                let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
                guard let first: Int64 = rows.first?["id"], let last: Int64 = rows.last?["id"] else { return [] }
                let positions = try Row.fetchAll(
                    db, sql: MentionRows.currentOrganizations(where: "person_id BETWEEN ? AND ?"),
                    arguments: [first, last])
                let organizations = try MentionRows.organizationsByPerson(positions)
                return try rows.map { try MentionRows.person($0, organizations: organizations) }
            }
        }
    }

    public func mentionEntries(_ targets: [MentionTarget]) async throws -> [MentionEntry] {
        try await read { db in
            var entries: [MentionEntry] = []
            for kind in [MentionKind.organization, .person] {
                let ids = targets.filter { $0.kind == kind }.map(\.id)
                for start in stride(from: 0, to: ids.count, by: MentionRows.chunkSize) {
                    let chunk = Array(ids[start..<min(start + MentionRows.chunkSize, ids.count)])
                    let condition = MentionRows.idsIn(chunk.count)
                    let arguments = StatementArguments(chunk)
                    if kind == .organization {
                        let sql = MentionRows.organizations(SQLiteDialect(), where: condition)
                        entries += try Row.fetchAll(db, sql: sql, arguments: arguments).map(MentionRows.organization)
                        continue
                    }
                    let rows = try Row.fetchAll(db, sql: MentionRows.people(where: condition), arguments: arguments)
                    let positions = try Row.fetchAll(
                        db,
                        sql: MentionRows.currentOrganizations(
                            where: MentionRows.idsIn(chunk.count, column: "person_id")),
                        arguments: arguments)
                    let organizations = try MentionRows.organizationsByPerson(positions)
                    entries += try rows.map { try MentionRows.person($0, organizations: organizations) }
                }
            }
            return entries
        }
    }

    public func directoryChanges(afterAuditId: Int64, alsoAuditIds: [Int64], limit: Int) async throws
        -> DirectoryChanges
    {
        try await read { db in
            let rows =
                limit == 0
                ? []
                : try Row.fetchAll(
                    db, sql: MentionRows.changes(alsoIdCount: alsoAuditIds.count),
                    arguments: StatementArguments([afterAuditId] + alsoAuditIds + [Int64(limit)]))
            let highest = try Row.fetchOne(db, sql: MentionRows.highestIds)!
            return try MentionRows.changes(rows, highest: highest)
        }
    }
}
