import LiaisonCore
import LiaisonStore

/// The directory's names for the mention index (`MentionStore`), read only.
extension PostgresStore {
    public func mentionEntries(_ kind: MentionKind, afterId: Int64, limit: Int) async throws
        -> [MentionEntry]
    {
        try await snapshot { db in
            switch kind {
            case .organization:
                let sql = MentionRows.organizations(PostgresDialect(), where: MentionRows.after) + MentionRows.limit
                return try await db.rows(sql, afterId, limit).map(MentionRows.organization)
            case .person:
                let sql = MentionRows.people(where: MentionRows.after) + MentionRows.limit
                let rows = try await db.rows(sql, afterId, limit)
                guard let first: Int64 = try rows.first?["id"], let last: Int64 = try rows.last?["id"] else {
                    return []
                }
                let positions = try await db.rows(
                    MentionRows.currentOrganizations(where: "person_id BETWEEN ? AND ?"), first, last)
                let organizations = try MentionRows.organizationsByPerson(positions)
                return try rows.map { try MentionRows.person($0, organizations: organizations) }
            }
        }
    }

    public func mentionEntries(_ targets: [MentionTarget]) async throws -> [MentionEntry] {
        try await snapshot { db in
            var entries: [MentionEntry] = []
            for kind in [MentionKind.organization, .person] {
                let ids = targets.filter { $0.kind == kind }.map(\.id)
                guard !ids.isEmpty else { continue }
                // One array parameter whatever the count.
                if kind == .organization {
                    let sql = MentionRows.organizations(PostgresDialect(), where: "id = ANY(?)")
                    entries += try await db.rows(sql, ids).map(MentionRows.organization)
                    continue
                }
                let rows = try await db.rows(MentionRows.people(where: "id = ANY(?)"), ids)
                let positions = try await db.rows(
                    MentionRows.currentOrganizations(where: "person_id = ANY(?)"), ids)
                let organizations = try MentionRows.organizationsByPerson(positions)
                entries += try rows.map { try MentionRows.person($0, organizations: organizations) }
            }
            return entries
        }
    }

    public func directoryChanges(afterAuditId: Int64, alsoAuditIds: [Int64], limit: Int) async throws
        -> DirectoryChanges
    {
        try await snapshot { db in
            let rows =
                limit == 0
                ? []
                : try await db.rows(
                    "SELECT id, entity, entity_id FROM audit WHERE id > ? OR id = ANY(?) ORDER BY id LIMIT ?",
                    afterAuditId, alsoAuditIds, limit)
            guard let highest = try await db.row(MentionRows.highestIds) else {
                throw PostgresStoreError("The highest ids of the directory could not be read.")
            }
            return try MentionRows.changes(rows, highest: highest)
        }
    }
}
