import Foundation
import LiaisonCore

/// What the mention index reads from the directory: every record's names a page at a time, some records
/// again by id, and what changed since it last looked. Read-only; the same on both engines.
public protocol MentionStore: Sendable {
    /// Up to `limit` organizations or people with ids above `afterId`, by id: the index is built from these
    /// pages rather than from the whole directory at once.
    func mentionEntries(_ kind: MentionKind, afterId: Int64, limit: Int) async throws -> [MentionEntry]

    /// The entries of these records that still exist (a deleted or merged-away record is simply missing).
    func mentionEntries(_ targets: [MentionTarget]) async throws -> [MentionEntry]

    /// The audit entries with ids above `afterAuditId` or among `alsoAuditIds`, at most `limit`, by id, with
    /// the highest ids in use, all read at one moment (`limit` 0 reads the highest ids alone).
    func directoryChanges(afterAuditId: Int64, alsoAuditIds: [Int64], limit: Int) async throws -> DirectoryChanges
}

/// What changed in the directory, as the audit trail tells it, and how far its ids reach: records that
/// appear without an entry in the trail (an import) show as an id beyond any the index has seen.
public struct DirectoryChanges: Sendable, Hashable {
    /// Each audit entry read, with the organization or person it is about (nil for other entries).
    public var entries: [Entry]
    public var highestOrganizationId: Int64
    public var highestPersonId: Int64
    public var latestAuditId: Int64

    public struct Entry: Sendable, Hashable {
        public var auditId: Int64
        public var target: MentionTarget?

        public init(auditId: Int64, target: MentionTarget?) {
            self.auditId = auditId
            self.target = target
        }
    }

    public init(entries: [Entry], highestOrganizationId: Int64, highestPersonId: Int64, latestAuditId: Int64) {
        self.entries = entries
        self.highestOrganizationId = highestOrganizationId
        self.highestPersonId = highestPersonId
        self.latestAuditId = latestAuditId
    }
}

/// The statements behind `MentionStore`, written once for both engines (with `?` placeholders), and how
/// their rows become entries.
public enum MentionRows {
    /// Organizations meeting `condition`, by id.
    public static func organizations(_ dialect: any SQLDialect, where condition: String) -> String {
        """
        SELECT id, name, native_name, \(dialect.jsonText("aliases")) AS aliases_json FROM organization
        WHERE \(condition) ORDER BY id
        """
    }

    /// People meeting `condition`, by id.
    public static func people(where condition: String) -> String {
        "SELECT id, given_name, family_name, native_name FROM person WHERE \(condition) ORDER BY id"
    }

    /// The organizations people meeting `condition` (on `person_id`) hold a position at now.
    public static func currentOrganizations(where condition: String) -> String {
        """
        SELECT person_id, organization_id FROM person_position
        WHERE \(condition) AND end_date IS NULL AND organization_id IS NOT NULL ORDER BY person_id, position
        """
    }

    /// A page after an id: `id > ?` with `limit` appended as ` LIMIT ?`.
    public static let after = "id > ?"
    public static let limit = " LIMIT ?"

    /// The audit entries after an id, and those of `alsoIdCount` ids more (matched by `dialect.idsMatch`).
    public static func changes(alsoIdCount: Int, dialect: any SQLDialect) -> String {
        let also = alsoIdCount == 0 ? "" : " OR id \(dialect.idsMatch(count: alsoIdCount))"
        return "SELECT id, entity, entity_id FROM audit WHERE id > ?\(also) ORDER BY id LIMIT ?"
    }

    public static let highestIds = """
        SELECT (SELECT coalesce(max(id), 0) FROM organization) AS organizations,
               (SELECT coalesce(max(id), 0) FROM person) AS people,
               (SELECT coalesce(max(id), 0) FROM audit) AS audit
        """

    /// Who holds a position where, from rows of `currentOrganizations`.
    public static func organizationsByPerson(_ rows: [KeptRow]) throws -> [Int64: [Int64]] {
        var byPerson: [Int64: [Int64]] = [:]
        for row in rows {
            guard let person = try row.integer("person_id"), let organization = try row.integer("organization_id")
            else { continue }
            byPerson[person, default: []].append(organization)
        }
        return byPerson
    }

    /// Ids of one kind are read in chunks of this many, to keep statements short.
    public static let chunkSize = 500

    public static func organization(_ row: some SQLRow) throws -> MentionEntry {
        let aliases = try JSONDecoder().decode([String].self, from: Data(try row.string("aliases_json").utf8))
        return .organization(
            id: try row.integer("id") ?? 0, name: try row.string("name"), nativeName: try row.text("native_name"),
            aliases: aliases)
    }

    /// A person's entry, with the organizations read by `currentOrganizations`.
    public static func person(_ row: some SQLRow, organizations: [Int64: [Int64]]) throws -> MentionEntry {
        let id = try row.integer("id") ?? 0
        return .person(
            id: id, givenName: try row.string("given_name"), familyName: try row.string("family_name"),
            nativeName: try row.text("native_name"), organizationIds: organizations[id] ?? [])
    }

    /// The changes of `rows`, with the highest ids read by `highestIds` (0 when none was read).
    public static func changes(_ rows: [KeptRow], highest: KeptRow?) throws -> DirectoryChanges {
        DirectoryChanges(
            entries: try rows.map { try change($0) },
            highestOrganizationId: try highest?.integer("organizations") ?? 0,
            highestPersonId: try highest?.integer("people") ?? 0, latestAuditId: try highest?.integer("audit") ?? 0)
    }

    static func change(_ row: some SQLRow) throws -> DirectoryChanges.Entry {
        let kind = try row.text("entity").flatMap(MentionKind.init(rawValue:))
        let entityId = try row.integer("entity_id")
        return DirectoryChanges.Entry(
            auditId: try row.integer("id") ?? 0,
            target: kind.flatMap { kind in entityId.map { MentionTarget(kind, $0) } })
    }
}

/// The reads of `MentionStore` as both engines run them, each on one snapshot.
extension MentionStore where Self: SharedStatements {
    public func mentionEntries(_ kind: MentionKind, afterId: Int64, limit: Int) async throws -> [MentionEntry] {
        try await reading { dialect in
            let page: [SQLBind] = [.integer(afterId), .integer(limit)]
            switch kind {
            case .organization:
                let sql = MentionRows.organizations(dialect, where: MentionRows.after) + MentionRows.limit
                return SQLFragment(sql, page).rows { try MentionRows.organization($0) }
            case .person:
                let sql = MentionRows.people(where: MentionRows.after) + MentionRows.limit
                return SQLFragment(sql, page).keptRows().then { rows in
                    guard let first = try rows.first?.integer("id"), let last = try rows.last?.integer("id") else {
                        return .value([])
                    }
                    return people(
                        rows, positions: MentionRows.currentOrganizations(where: "person_id BETWEEN ? AND ?"),
                        [.integer(first), .integer(last)])
                }
            }
        }
    }

    public func mentionEntries(_ targets: [MentionTarget]) async throws -> [MentionEntry] {
        try await reading { dialect in
            var plans: [SQLPlan<[MentionEntry]>] = []
            for kind in [MentionKind.organization, .person] {
                let ids = targets.filter { $0.kind == kind }.map(\.id)
                for start in stride(from: 0, to: ids.count, by: MentionRows.chunkSize) {
                    let chunk = Array(ids[start..<min(start + MentionRows.chunkSize, ids.count)])
                    let match = dialect.idsMatch(count: chunk.count)
                    let binds: [SQLBind] = [.integers(chunk)]
                    if kind == .organization {
                        plans.append(
                            SQLFragment(MentionRows.organizations(dialect, where: "id \(match)"), binds).rows {
                                try MentionRows.organization($0)
                            })
                        continue
                    }
                    plans.append(
                        SQLFragment(MentionRows.people(where: "id \(match)"), binds).keptRows().then { rows in
                            people(
                                rows, positions: MentionRows.currentOrganizations(where: "person_id \(match)"), binds)
                        })
                }
            }
            return SQLPlan.sequence(plans).map { $0.flatMap { $0 } }
        }
    }

    public func directoryChanges(afterAuditId: Int64, alsoAuditIds: [Int64], limit: Int) async throws
        -> DirectoryChanges
    {
        try await reading { dialect in
            let changes: SQLPlan<[KeptRow]> =
                limit == 0
                ? .value([])
                : SQLFragment(
                    MentionRows.changes(alsoIdCount: alsoAuditIds.count, dialect: dialect),
                    [.integer(afterAuditId)] + (alsoAuditIds.isEmpty ? [] : [.integers(alsoAuditIds)])
                        + [.integer(limit)]
                ).keptRows()
            return changes.then { rows in
                SQLFragment(MentionRows.highestIds).keptRows().map {
                    try MentionRows.changes(rows, highest: $0.first)
                }
            }
        }
    }
}

/// The people of `rows` with the organizations where each holds a position now, read by `positions`.
private func people(_ rows: [KeptRow], positions: String, _ binds: [SQLBind]) -> SQLPlan<[MentionEntry]> {
    SQLFragment(positions, binds).keptRows().map { positions in
        let organizations = try MentionRows.organizationsByPerson(positions)
        return try rows.map { try MentionRows.person($0, organizations: organizations) }
    }
}
