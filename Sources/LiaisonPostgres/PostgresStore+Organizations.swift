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
                SELECT \(OrganizationSummary.columns) FROM organization o \(filter.from)
                \(conditions.whereClause) ORDER BY \(order.sql) LIMIT ? OFFSET ?
                """, conditions.binds + order.binds + [query.perPage, query.offset]
            ).map(Self.summary(row:))
            return OrganizationPage(items: items, total: total, countsByStatus: counts)
        }
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

    public func networks() async throws -> [OrganizationSummary] {
        try await read { db in
            try await db.rows(
                "SELECT \(OrganizationSummary.columns) FROM organization o WHERE o.kind = 'network' ORDER BY o.sort_key, o.id"
            ).map(Self.summary(row:))
        }
    }

    // MARK: - Rows

    static func summary(row: Row) throws -> OrganizationSummary {
        OrganizationSummary(
            id: try row["id"], kind: OrganizationKind(rawValue: try row["kind"]) ?? .city, name: try row["name"],
            nativeName: try row["native_name"], country: try row["country"], region: try row["region"],
            population: try row["population"],
            membershipStatus: MembershipStatus(rawValue: try row["membership_status"]) ?? .none,
            memberSince: try row["member_since"], paying: try row["paying"], focalPoint: try row["focal_point"],
            updatedAt: try row["updated_at"])
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
