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

    public static func idsIn(_ count: Int, column: String = "id") -> String {
        "\(column) IN (\(Array(repeating: "?", count: count).joined(separator: ", ")))"
    }

    public static func changes(alsoIdCount: Int) -> String {
        let also = alsoIdCount == 0 ? "" : " OR \(idsIn(alsoIdCount))"
        return "SELECT id, entity, entity_id FROM audit WHERE id > ?\(also) ORDER BY id LIMIT ?"
    }

    public static let highestIds = """
        SELECT (SELECT coalesce(max(id), 0) FROM organization) AS organizations,
               (SELECT coalesce(max(id), 0) FROM person) AS people,
               (SELECT coalesce(max(id), 0) FROM audit) AS audit
        """

    /// Who holds a position where, from rows of `currentOrganizations`.
    public static func organizationsByPerson(_ rows: [some SQLRow]) throws -> [Int64: [Int64]] {
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

    public static func changes(_ rows: [some SQLRow], highest: some SQLRow) throws -> DirectoryChanges {
        DirectoryChanges(
            entries: try rows.map { try change($0) }, highestOrganizationId: try highest.integer("organizations") ?? 0,
            highestPersonId: try highest.integer("people") ?? 0, latestAuditId: try highest.integer("audit") ?? 0)
    }

    static func change(_ row: some SQLRow) throws -> DirectoryChanges.Entry {
        let kind = try row.text("entity").flatMap(MentionKind.init(rawValue:))
        let entityId = try row.integer("entity_id")
        return DirectoryChanges.Entry(
            auditId: try row.integer("id") ?? 0,
            target: kind.flatMap { kind in entityId.map { MentionTarget(kind, $0) } })
    }
}
