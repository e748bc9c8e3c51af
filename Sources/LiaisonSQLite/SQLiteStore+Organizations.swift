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

    public func networks() async throws -> [OrganizationSummary] {
        try await read { db in
            try Row.fetchAllCached(
                db,
                sql:
                    "SELECT \(OrganizationSummary.columns) FROM organization o WHERE o.kind = 'network' ORDER BY o.sort_key"
            ).map(OrganizationSummary.init(row:))
        }
    }
}
