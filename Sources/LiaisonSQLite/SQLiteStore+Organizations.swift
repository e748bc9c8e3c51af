import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func listOrganizations(_ query: OrganizationQuery) async throws -> OrganizationPage {
        try await read { db in
            let filter = DirectoryFilter(query: query)
            let countRows = try Row.fetchAllCached(
                db,
                sql: """
                    SELECT o.membership_status AS status, count(*) AS n FROM organization o \(filter.from)
                    \(filter.whereClause(includingStatus: false)) GROUP BY o.membership_status
                    """,
                arguments: filter.arguments(includingStatus: false))
            var counts: [MembershipStatus: Int] = [:]
            for row in countRows {
                if let status = MembershipStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            let total = query.status.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
            guard query.offset <= OrganizationQuery.maxOffset, query.offset < total else {
                return OrganizationPage(items: [], total: total, countsByStatus: counts)
            }
            let items = try Row.fetchAllCached(
                db,
                sql: """
                    SELECT \(OrganizationSummary.columns) FROM organization o \(filter.from)
                    \(filter.whereClause(includingStatus: true)) ORDER BY \(filter.orderBy) LIMIT ? OFFSET ?
                    """,
                arguments: filter.arguments(includingStatus: true) + filter.orderArguments
                    + [query.perPage, query.offset]
            ).map(OrganizationSummary.init(row:))
            return OrganizationPage(items: items, total: total, countsByStatus: counts)
        }
    }

    public func organization(id: Int64) async throws -> Organization? {
        try await read { db in try Self.loadOrganization(db, id: id) }
    }

    public func createOrganization(_ input: OrganizationInput, by actor: AuditActor) async throws -> Organization {
        try await write { db in try Self.insertOrganization(db, input, by: actor) }
    }

    public func createOrganizations(_ inputs: [OrganizationInput], by actor: AuditActor) async throws -> [Int64] {
        try await write { db in
            try db.withBatchWrite { try BatchRowError.each(inputs) { try Self.insertOrganization(db, $0, by: actor).id } }
        }
    }

    public func updateOrganization(
        id: Int64, expectedVersion: Int, _ input: OrganizationInput, by actor: AuditActor
    ) async throws -> Organization {
        try await write { db in
            guard let current = try OrganizationRecord.fetchOne(db, key: id) else {
                throw StoreError.notFound(entity: "organization", id: id)
            }
            guard current.version == expectedVersion else {
                throw StoreError.versionConflict(entity: "organization", id: id, currentVersion: current.version)
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
                throw StoreError.notFound(entity: "organization", id: id)
            }
            if let expectedVersion, expectedVersion != before.version {
                throw StoreError.versionConflict(entity: "organization", id: id, currentVersion: before.version)
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

/// The FROM, WHERE and ORDER BY of a directory query, with its arguments, built from fixed SQL fragments.
private struct DirectoryFilter {
    let query: OrganizationQuery

    init(query: OrganizationQuery) {
        self.query = query
    }

    var from: String {
        query.searchTerms.isEmpty ? "" : "JOIN organization_fts f ON f.rowid = o.id"
    }

    /// An FTS5 query in which every term must match the start of an indexed word. Terms are
    /// ASCII letters and digits only (`SearchText` guarantees it), so quoting them is safe.
    private var matchExpression: String {
        query.searchTerms.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    func whereClause(includingStatus: Bool) -> String {
        var conditions: [String] = []
        if !query.searchTerms.isEmpty { conditions.append("organization_fts MATCH ?") }
        if includingStatus, query.status != nil { conditions.append("o.membership_status = ?") }
        if query.kind != nil { conditions.append("o.kind = ?") }
        if query.country != nil { conditions.append("o.country = ?") }
        if query.region != nil { conditions.append("o.region = ?") }
        if query.paying != nil { conditions.append("o.paying = ?") }
        return conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    func arguments(includingStatus: Bool) -> StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = []
        if !query.searchTerms.isEmpty { values.append(matchExpression) }
        if includingStatus, let status = query.status { values.append(status.rawValue) }
        if let kind = query.kind { values.append(kind.rawValue) }
        if let country = query.country { values.append(country) }
        if let region = query.region { values.append(region) }
        if let paying = query.paying { values.append(paying) }
        return StatementArguments(values)
    }

    /// Searches put an exact name first; every order ends on the id so pages never overlap.
    var orderBy: String {
        let exactFirst =
            query.searchTerms.isEmpty ? "" : "(o.sort_key = ?) DESC, (o.membership_status = 'member') DESC, "
        switch query.sort {
        case .name: return exactFirst + "o.sort_key, o.id"
        case .nameDescending: return exactFirst + "o.sort_key DESC, o.id DESC"
        case .population: return exactFirst + "o.population IS NULL, o.population DESC, o.id"
        case .memberSince: return exactFirst + "o.member_since IS NULL, o.member_since, o.id"
        case .recentlyUpdated: return exactFirst + "o.updated_at DESC, o.id DESC"
        }
    }

    /// The values for the placeholders of `orderBy`.
    var orderArguments: StatementArguments {
        query.searchTerms.isEmpty ? [] : [query.searchTerms.joined(separator: " ")]
    }
}
