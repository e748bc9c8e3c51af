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
        let now = now()
        let id = try await db.value(
            Int64.self,
            "INSERT INTO organization (\(organizationColumns), version, created_at, updated_at) VALUES (\(organizationMarks), 1, ?, ?) RETURNING id",
            organizationValues(input) + [now, now])!
        try await saveChildren(db, id: id, input)
        let created = try await loadOrganization(db, id: id)!
        try await appendAudit(db, .organization(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    public func updateOrganization(
        id: Int64, expectedVersion: Int, _ input: OrganizationInput, by actor: AuditActor
    ) async throws -> Organization {
        try await write { db in
            // The row lock makes an edit through another server wait, then see the new version.
            guard
                let version = try await db.value(
                    Int.self, "SELECT version FROM organization WHERE id = ? FOR UPDATE", id)
            else {
                throw StoreError.notFound(entity: .organization, id: id)
            }
            guard version == expectedVersion else {
                throw StoreError.versionConflict(entity: .organization, id: id, currentVersion: version)
            }
            try await Self.checkReferences(db, input, of: id)
            let before = try await Self.loadOrganization(db, id: id)!
            let assignments = zip(
                Self.organizationColumns.split(separator: ","), Self.organizationMarks.split(separator: ",")
            )
            .map { "\($0.trimmingCharacters(in: .whitespaces)) = \($1.trimmingCharacters(in: .whitespaces))" }
            try await db.execute(
                "UPDATE organization SET \(assignments.joined(separator: ", ")), version = ?, updated_at = ? WHERE id = ?",
                Self.organizationValues(input) + [version + 1, Self.now(), id])
            for table in ["organization_role", "organization_practice", "organization_affiliation"] {
                try await db.execute("DELETE FROM \(table) WHERE organization_id = ?", id)
            }
            try await Self.saveChildren(db, id: id, input)
            let after = try await Self.loadOrganization(db, id: id)!
            try await Self.appendAudit(
                db, .organization(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deleteOrganization(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            guard
                let version = try await db.value(
                    Int.self, "SELECT version FROM organization WHERE id = ? FOR UPDATE", id),
                let before = try await Self.loadOrganization(db, id: id)
            else {
                throw StoreError.notFound(entity: .organization, id: id)
            }
            if let expectedVersion, expectedVersion != version {
                throw StoreError.versionConflict(entity: .organization, id: id, currentVersion: version)
            }
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

    static let organizationColumns =
        "kind, name, native_name, aliases, country, region, metro_area, population, latitude, longitude, website, "
        + "membership_status, member_since, paying, dues_per_year, focal_point, focal_point_account_id, "
        + "search_text, sort_key"
    static let organizationMarks = "?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"

    static func organizationValues(_ input: OrganizationInput) -> [any SQLValue] {
        let aliases = String(decoding: (try? JSONEncoder().encode(input.aliases)) ?? Data("[]".utf8), as: UTF8.self)
        return [
            input.kind.rawValue, input.name, input.nativeName, aliases, input.country, input.region, input.metroArea,
            input.population, input.latitude, input.longitude, input.website, input.membershipStatus.rawValue,
            input.memberSince, input.paying, input.duesPerYear, input.focalPoint, input.focalPointAccountId,
            input.searchDocument, SearchText.sortKey(input.name),
        ]
    }

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

    static func loadOrganization(_ db: Connection, id: Int64) async throws -> Organization? {
        guard
            let row = try await db.row(
                """
                SELECT o.*, o.aliases::text AS aliases_json, a.name AS staff_name, a.email AS staff_email
                FROM organization o LEFT JOIN account a ON a.id = o.focal_point_account_id WHERE o.id = ?
                """, id)
        else { return nil }
        let roles = try await db.rows(
            "SELECT title, from_year, to_year FROM organization_role WHERE organization_id = ? ORDER BY position", id
        ).map { GovernanceRole(title: try $0["title"], fromYear: try $0["from_year"], toYear: try $0["to_year"]) }
        let practices = try await db.rows(
            "SELECT title, year, description FROM organization_practice WHERE organization_id = ? ORDER BY position", id
        ).map { Practice(title: try $0["title"], year: try $0["year"], description: try $0["description"]) }
        let affiliations = try await db.rows(
            """
            SELECT n.id, n.name FROM organization_affiliation a JOIN organization n ON n.id = a.network_id
            WHERE a.organization_id = ? ORDER BY n.sort_key
            """, id
        ).map { Affiliation(networkId: try $0["id"], networkName: try $0["name"]) }
        let staffId: Int64? = try row["focal_point_account_id"]
        let staff = try staffId.map {
            StaffContact(id: $0, name: try row["staff_name"], email: try row["staff_email"])
        }
        let input = OrganizationInput(
            kind: OrganizationKind(rawValue: try row["kind"]) ?? .city, name: try row["name"],
            nativeName: try row["native_name"],
            aliases: try JSONDecoder().decode([String].self, from: Data((try row["aliases_json"] as String).utf8)),
            country: try row["country"], region: try row["region"], metroArea: try row["metro_area"],
            population: try row["population"], latitude: try row["latitude"], longitude: try row["longitude"],
            website: try row["website"],
            membershipStatus: MembershipStatus(rawValue: try row["membership_status"]) ?? .none,
            memberSince: try row["member_since"], paying: try row["paying"], duesPerYear: try row["dues_per_year"],
            focalPoint: try row["focal_point"], focalPointAccountId: staffId, governanceRoles: roles,
            affiliations: affiliations, practices: practices)
        return Organization(
            id: id, input: input, version: try row["version"], createdAt: try row["created_at"],
            updatedAt: try row["updated_at"], focalPointStaff: staff)
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

    private static func saveChildren(_ db: Connection, id: Int64, _ input: OrganizationInput) async throws {
        for (position, role) in input.governanceRoles.enumerated() {
            try await db.execute(
                "INSERT INTO organization_role (organization_id, position, title, from_year, to_year) VALUES (?, ?, ?, ?, ?)",
                id, position, role.title, role.fromYear, role.toYear)
        }
        for (position, practice) in input.practices.enumerated() {
            try await db.execute(
                "INSERT INTO organization_practice (organization_id, position, title, year, description) VALUES (?, ?, ?, ?, ?)",
                id, position, practice.title, practice.year, practice.description)
        }
        for affiliation in input.affiliations {
            try await db.execute(
                "INSERT INTO organization_affiliation (organization_id, network_id) VALUES (?, ?)", id,
                affiliation.networkId)
        }
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
