import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func listOrganizations(_ query: OrganizationQuery) async throws -> OrganizationPage {
        try await read { db in
            let filter = DirectoryFilter(query: query, dialect: SQLiteDialect())
            let forCounts = filter.conditions(includingStatus: false)
            let countRows = try Row.fetchAllCached(
                db,
                sql: """
                    SELECT o.membership_status AS status, count(*) AS n FROM organization o \(filter.from)
                    \(forCounts.whereClause) GROUP BY o.membership_status
                    """,
                arguments: StatementArguments(forCounts.binds))
            var counts: [MembershipStatus: Int] = [:]
            for row in countRows {
                if let status = MembershipStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            let total = query.status.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
            guard query.offset <= OrganizationQuery.maxOffset, query.offset < total else {
                return OrganizationPage(items: [], total: total, countsByStatus: counts)
            }
            let conditions = filter.conditions(includingStatus: true)
            let order = filter.orderBy
            let items = try Row.fetchAllCached(
                db,
                sql: """
                    SELECT \(OrganizationSummary.columns) FROM organization o \(filter.from)
                    \(conditions.whereClause) ORDER BY \(order.sql) LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(conditions.binds + order.binds) + [query.perPage, query.offset]
            ).map(OrganizationSummary.init(row:))
            return OrganizationPage(items: items, total: total, countsByStatus: counts)
        }
    }

    public func organization(id: Int64) async throws -> Organization? {
        try await read { db in try Self.loadOrganization(db, id: id) }
    }

    public func countries(ofOrganizations ids: [Int64]) async throws -> [Int64: String] {
        try await read { db in
            var countries: [Int64: String] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                for row in try Row.fetchAll(
                    db,
                    sql:
                        "SELECT id, country FROM organization WHERE country IS NOT NULL AND id IN (\(databaseQuestionMarks(count: chunk.count)))",
                    arguments: StatementArguments(chunk))
                {
                    countries[row["id"]] = row["country"]
                }
            }
            return countries
        }
    }

    public func createOrganization(_ input: OrganizationInput, by actor: AuditActor) async throws -> Organization {
        try await write { db in try Self.insertOrganization(db, input, by: actor) }
    }

    public func createOrganizations(_ inputs: [OrganizationInput], by actor: AuditActor) async throws -> [Int64] {
        try await write { db in
            try db.withBatchWrite {
                try BatchRowError.each(inputs) { try Self.insertOrganization(db, $0, by: actor).id }
            }
        }
    }

    public func updateOrganization(
        id: Int64, expectedVersion: Int, _ input: OrganizationInput, by actor: AuditActor
    ) async throws -> Organization {
        try await write { db in
            let before = try Self.lockOrganization(db, id: id, expectedVersion: expectedVersion)
            try Self.checkReferences(db, input, of: id)
            try db.run(
                OrganizationRow.table.replace(
                    id: id, version: before.version + 1, OrganizationRow.values(input), now: Self.now(),
                    dialect: SQLiteDialect()) + OrganizationRow.children(of: id, input))
            let after = try Self.loadOrganization(db, id: id)!
            try Self.appendAudit(db, .organization(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deleteOrganization(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            let before = try Self.lockOrganization(db, id: id, expectedVersion: expectedVersion)
            try db.executeCached(sql: "DELETE FROM organization WHERE id = ?", arguments: [id])
            // The entry keeps every field, so the trail still says what was deleted.
            try Self.appendAudit(db, .organization(.delete, before, from: before.input, to: nil, by: actor))
        }
    }

    public func networks() async throws -> [OrganizationSummary] {
        try await read { db in
            try Row.fetchAllCached(
                db,
                sql:
                    "SELECT \(OrganizationSummary.columns) FROM organization o WHERE o.kind = 'network' ORDER BY o.sort_key"
            ).map(OrganizationSummary.init(row:))
        }
    }

    // MARK: - Inside a transaction

    private static func insertOrganization(_ db: Database, _ input: OrganizationInput, by actor: AuditActor) throws
        -> Organization
    {
        try checkReferences(db, input, of: nil)
        try db.run([OrganizationRow.table.insert(OrganizationRow.values(input), now: now(), dialect: SQLiteDialect())])
        let id = db.lastInsertedRowID
        try db.run(OrganizationRow.children(of: id, input))
        let created = try loadOrganization(db, id: id)!
        try appendAudit(db, .organization(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    /// The organization as stored; refuses a stale version. (The write transaction already holds SQLite's
    /// one write lock.)
    private static func lockOrganization(_ db: Database, id: Int64, expectedVersion: Int?) throws -> Organization {
        guard let organization = try loadOrganization(db, id: id) else {
            throw StoreError.notFound(entity: .organization, id: id)
        }
        try StoreError.check(.organization, id: id, version: organization.version, expected: expectedVersion)
        return organization
    }

    private static func loadOrganization(_ db: Database, id: Int64) throws -> Organization? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: OrganizationRow.select(SQLiteDialect())), arguments: [id])
        else { return nil }
        return try OrganizationRow.organization(
            row, roles: Row.fetchAllCached(db, sql: OrganizationRow.roles, arguments: [id]).map(OrganizationRow.role),
            practices: Row.fetchAllCached(db, sql: OrganizationRow.practices, arguments: [id])
                .map(OrganizationRow.practice),
            affiliations: Row.fetchAllCached(db, sql: OrganizationRow.affiliations, arguments: [id])
                .map(OrganizationRow.affiliation))
    }

    /// Refuses a focal point that is not a staff account, and affiliations with anything but an existing
    /// network or with the organization itself.
    private static func checkReferences(_ db: Database, _ input: OrganizationInput, of id: Int64?) throws {
        let accountExists = try input.focalPointAccountId.map { try loadAccount(db, id: $0) != nil } ?? false
        let ids = input.affiliations.map(\.networkId)
        let networks =
            ids.isEmpty
            ? []
            : try Set(
                Int64.fetchAll(
                    db,
                    sql:
                        "SELECT id FROM organization WHERE kind = 'network' AND id IN (\(databaseQuestionMarks(count: ids.count)))",
                    arguments: StatementArguments(ids)))
        let errors = input.referenceErrors(of: id, focalPointAccountExists: accountExists, networkIds: networks)
        if !errors.isEmpty { throw ValidationError(errors) }
    }
}
