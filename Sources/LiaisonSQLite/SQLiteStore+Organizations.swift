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
            guard let current = try OrganizationRecord.fetchOne(db, key: id) else {
                throw StoreError.notFound(entity: .organization, id: id)
            }
            guard current.version == expectedVersion else {
                throw StoreError.versionConflict(entity: .organization, id: id, currentVersion: current.version)
            }
            try Self.checkReferences(db, input, of: id)
            let before = try Self.loadOrganization(db, id: id)!
            let record = try OrganizationRecord(
                id: id, input: input, version: current.version + 1, createdAt: current.createdAt,
                updatedAt: Self.now())
            try record.update(db)
            try db.executeCached(sql: "DELETE FROM organization_role WHERE organization_id = ?", arguments: [id])
            try db.executeCached(sql: "DELETE FROM organization_practice WHERE organization_id = ?", arguments: [id])
            try db.executeCached(sql: "DELETE FROM organization_affiliation WHERE organization_id = ?", arguments: [id])
            try Self.saveChildren(db, id: id, input)
            let after = try Self.loadOrganization(db, id: id)!
            try Self.appendAudit(db, .organization(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deleteOrganization(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            guard let before = try Self.loadOrganization(db, id: id) else {
                throw StoreError.notFound(entity: .organization, id: id)
            }
            if let expectedVersion, expectedVersion != before.version {
                throw StoreError.versionConflict(entity: .organization, id: id, currentVersion: before.version)
            }
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
        let now = now()
        var record = try OrganizationRecord(id: nil, input: input, version: 1, createdAt: now, updatedAt: now)
        try record.insert(db)
        let id = record.id!
        try saveChildren(db, id: id, input)
        let created = try loadOrganization(db, id: id)!
        try appendAudit(db, .organization(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    private static func loadOrganization(_ db: Database, id: Int64) throws -> Organization? {
        guard let record = try OrganizationRecord.fetchOne(db, key: id) else { return nil }
        let roles = try Row.fetchAllCached(
            db,
            sql: "SELECT title, from_year, to_year FROM organization_role WHERE organization_id = ? ORDER BY position",
            arguments: [id]
        ).map { GovernanceRole(title: $0["title"], fromYear: $0["from_year"], toYear: $0["to_year"]) }
        let practices = try Row.fetchAllCached(
            db,
            sql:
                "SELECT title, year, description FROM organization_practice WHERE organization_id = ? ORDER BY position",
            arguments: [id]
        ).map { Practice(title: $0["title"], year: $0["year"], description: $0["description"]) }
        let affiliations = try Row.fetchAllCached(
            db,
            sql: """
                SELECT n.id, n.name FROM organization_affiliation a JOIN organization n ON n.id = a.network_id
                WHERE a.organization_id = ? ORDER BY n.sort_key
                """,
            arguments: [id]
        ).map { Affiliation(networkId: $0["id"], networkName: $0["name"]) }
        let staff = try record.focalPointAccountId.flatMap { try loadAccount(db, id: $0) }
            .map { StaffContact(id: $0.id, name: $0.name, email: $0.email) }
        return try record.organization(
            roles: roles, practices: practices, affiliations: affiliations, focalPointStaff: staff)
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

    private static func saveChildren(_ db: Database, id: Int64, _ input: OrganizationInput) throws {
        for (position, role) in input.governanceRoles.enumerated() {
            try db.executeCached(
                sql:
                    "INSERT INTO organization_role (organization_id, position, title, from_year, to_year) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, position, role.title, role.fromYear, role.toYear])
        }
        for (position, practice) in input.practices.enumerated() {
            try db.executeCached(
                sql: """
                    INSERT INTO organization_practice (organization_id, position, title, year, description)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [id, position, practice.title, practice.year, practice.description])
        }
        for affiliation in input.affiliations {
            try db.executeCached(
                sql: "INSERT INTO organization_affiliation (organization_id, network_id) VALUES (?, ?)",
                arguments: [id, affiliation.networkId])
        }
    }
}
