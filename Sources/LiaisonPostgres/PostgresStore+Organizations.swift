import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func listOrganizations(_ query: OrganizationQuery) async throws -> OrganizationPage {
        try await snapshot { db in
            let filter = DirectoryFilter(query: query, dialect: PostgresDialect())
            let forCounts = filter.conditions(includingStatus: false)
            var counts: [MembershipStatus: Int] = [:]
            for row in try await db.rows(
                """
                SELECT o.membership_status AS status, count(*) AS n FROM organization o \(filter.from)
                \(forCounts.whereClause) GROUP BY o.membership_status
                """, forCounts.binds)
            {
                if let status = MembershipStatus(rawValue: try row["status"]) { counts[status] = try row["n"] }
            }
            let total = query.status.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
            guard query.offset <= OrganizationQuery.maxOffset, query.offset < total else {
                return OrganizationPage(items: [], total: total, countsByStatus: counts)
            }
            let conditions = filter.conditions(includingStatus: true)
            let order = filter.orderBy
            let items = try await db.rows(
                """
                SELECT \(Self.summaryColumns) FROM organization o \(filter.from)
                \(conditions.whereClause) ORDER BY \(order.sql) LIMIT ? OFFSET ?
                """, conditions.binds + order.binds + [query.perPage, query.offset]
            ).map(Self.summary(row:))
            return OrganizationPage(items: items, total: total, countsByStatus: counts)
        }
    }

    public func organization(id: Int64) async throws -> Organization? {
        try await snapshot { db in try await Self.loadOrganization(db, id: id) }
    }

    public func countries(ofOrganizations ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try await snapshot { db in
            var countries: [Int64: String] = [:]
            for row in try await db.rows(
                "SELECT id, country FROM organization WHERE country IS NOT NULL AND id = ANY(?)", ids)
            {
                countries[try row["id"]] = try row["country"]
            }
            return countries
        }
    }

    public func createOrganization(_ input: OrganizationInput, by actor: AuditActor) async throws -> Organization {
        try await write { db in try await Self.insertOrganization(db, input, by: actor) }
    }

    public func createOrganizations(_ inputs: [OrganizationInput], by actor: AuditActor) async throws -> [Int64] {
        try await write { db in
            let ids = try await BatchRowError.each(inputs) { try await Self.insertOrganization(db, $0, by: actor).id }
            try await Self.mergePendingSearchEntries(db)
            return ids
        }
    }

    private static func insertOrganization(_ db: Connection, _ input: OrganizationInput, by actor: AuditActor)
        async throws -> Organization
    {
        try await checkReferences(db, input, of: nil)
        let id = try await db.insertReturningId(
            OrganizationRow.table.insert(OrganizationRow.values(input), now: now(), dialect: PostgresDialect()))
        try await db.run(OrganizationRow.children(of: id, input))
        let created = try await loadOrganization(db, id: id)!
        try await appendAudit(db, .organization(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    public func updateOrganization(
        id: Int64, expectedVersion: Int, _ input: OrganizationInput, by actor: AuditActor
    ) async throws -> Organization {
        try await write { db in
            let before = try await Self.lockOrganization(db, id: id, expectedVersion: expectedVersion)
            try await Self.checkReferences(db, input, of: id)
            try await db.run(
                OrganizationRow.table.replace(
                    id: id, version: before.version + 1, OrganizationRow.values(input), now: Self.now(),
                    dialect: PostgresDialect()) + OrganizationRow.children(of: id, input))
            let after = try await Self.loadOrganization(db, id: id)!
            try await Self.appendAudit(
                db, .organization(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deleteOrganization(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            let before = try await Self.lockOrganization(db, id: id, expectedVersion: expectedVersion)
            try await db.execute("DELETE FROM organization WHERE id = ?", id)
            // The entry keeps every field, so the trail still says what was deleted.
            try await Self.appendAudit(db, .organization(.delete, before, from: before.input, to: nil, by: actor))
        }
    }

    public func networks() async throws -> [OrganizationSummary] {
        try await read { db in
            try await db.rows(
                "SELECT \(Self.summaryColumns) FROM organization o WHERE o.kind = 'network' ORDER BY o.sort_key, o.id"
            ).map(Self.summary(row:))
        }
    }

    // MARK: - Rows

    static let summaryColumns =
        "o.id, o.kind, o.name, o.native_name, o.country, o.region, o.population, o.membership_status, "
        + "o.member_since, o.paying, o.focal_point, o.updated_at"

    static func summary(row: Row) throws -> OrganizationSummary {
        OrganizationSummary(
            id: try row["id"], kind: OrganizationKind(rawValue: try row["kind"]) ?? .city, name: try row["name"],
            nativeName: try row["native_name"], country: try row["country"], region: try row["region"],
            population: try row["population"],
            membershipStatus: MembershipStatus(rawValue: try row["membership_status"]) ?? .none,
            memberSince: try row["member_since"], paying: try row["paying"], focalPoint: try row["focal_point"],
            updatedAt: try row["updated_at"])
    }

    /// The organization as stored, its row locked until the transaction ends (so an edit through another
    /// server waits, then sees the new version); refuses a stale version.
    static func lockOrganization(_ db: Connection, id: Int64, expectedVersion: Int?) async throws -> Organization {
        guard
            let version = try await db.value(Int.self, "SELECT version FROM organization WHERE id = ? FOR UPDATE", id),
            let organization = try await loadOrganization(db, id: id)
        else {
            throw StoreError.notFound(entity: .organization, id: id)
        }
        try StoreError.check(.organization, id: id, version: version, expected: expectedVersion)
        return organization
    }

    static func loadOrganization(_ db: Connection, id: Int64) async throws -> Organization? {
        guard let row = try await db.row(OrganizationRow.select(PostgresDialect()), id) else { return nil }
        return try OrganizationRow.organization(
            row, roles: try await db.rows(OrganizationRow.roles, id).map(OrganizationRow.role),
            practices: try await db.rows(OrganizationRow.practices, id).map(OrganizationRow.practice),
            affiliations: try await db.rows(OrganizationRow.affiliations, id).map(OrganizationRow.affiliation))
    }

    private static func checkReferences(_ db: Connection, _ input: OrganizationInput, of id: Int64?) async throws {
        let accountExists =
            try await input.focalPointAccountId.asyncMap { try await loadAccount(db, id: $0) != nil } ?? false
        let ids = input.affiliations.map(\.networkId)
        let networks =
            ids.isEmpty
            ? []
            : Set(
                try await db.rows("SELECT id FROM organization WHERE kind = 'network' AND id = ANY(?)", ids)
                    .map { try $0["id"] as Int64 })
        let errors = input.referenceErrors(of: id, focalPointAccountExists: accountExists, networkIds: networks)
        if !errors.isEmpty { throw ValidationError(errors) }
    }
}

/// The words of a search as a tsquery in which every term must be the start of an indexed word, as the
/// SQLite engine's FTS5 prefix queries. Terms are ASCII letters and digits only (`SearchText` guarantees
/// it), and the query is bound as a parameter.
func prefixQuery(_ terms: [String]) -> String {
    // Words keep their first two to six letters as lexemes of their own (see migration 006): such a term is
    // an exact look-up; a single letter or a longer term is a prefix match. Terms are ASCII letters and
    // digits (SearchText makes them so), safe to quote.
    terms.map { (2...6).contains($0.count) ? "'\($0)'" : "\($0):*" }.joined(separator: " & ")
}
