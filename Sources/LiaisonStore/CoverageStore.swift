import Foundation
import LiaisonCore

/// What the least-known list asks for. Limits are bounded so no request reads a whole table.
public struct LeastKnownQuery: Sendable, Hashable {
    public var region: String?
    public var country: String?
    public var focalPointAccountId: Int64?
    /// Members by default; nil for every status.
    public var status: MembershipStatus?
    public var payingOnly: Bool
    public var page: Int
    public var perPage: Int

    public static let maxPerPage = 500
    public static let maxPage = 2_000

    public init(
        region: String? = nil, country: String? = nil, focalPointAccountId: Int64? = nil,
        status: MembershipStatus? = .member, payingOnly: Bool = false, page: Int = 1, perPage: Int = 50
    ) {
        self.region = region
        self.country = country
        self.focalPointAccountId = focalPointAccountId
        self.status = status
        self.payingOnly = payingOnly
        self.page = min(max(page, 1), Self.maxPage)
        self.perPage = min(max(perPage, 1), Self.maxPerPage)
    }
}

/// One row of the least-known list.
public struct LeastKnownMember: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var nativeName: String?
    public var country: String?
    public var region: String?
    public var membershipStatus: MembershipStatus
    public var paying: Bool
    public var focalPoint: String?
    public var score: Int
    /// The checks not met, heaviest first.
    public var missing: [CoverageCheck]
}

/// One page of the least-known list and how many match in all.
public struct LeastKnownPage: Sendable, Hashable {
    public var items: [LeastKnownMember]
    public var total: Int
    /// The average score of every organization that matches, nil when none does.
    public var averageScore: Double?
}

/// The average coverage of members, for the whole network (`region` nil) or one region, in one month.
public struct CoverageAverage: Sendable, Hashable, Codable {
    /// YYYY-MM; the current month's figure is today's.
    public var month: String
    public var region: String?
    public var members: Int
    public var averageScore: Double

    public init(month: String, region: String?, members: Int, averageScore: Double) {
        self.month = month
        self.region = region
        self.members = members
        self.averageScore = averageScore
    }
}

/// An organization's coverage today, with the facts it was worked out from.
public struct OrganizationCoverage: Sendable, Hashable, Codable {
    public var organizationId: Int64
    public var coverage: Coverage
    public var facts: CoverageFacts
}

extension LiaisonStore {
    /// Today's coverage of one organization, worked out from its records now; nil when there is no such
    /// organization.
    public func coverage(organizationId: Int64, now: Date = Date()) async throws -> OrganizationCoverage? {
        try await reading { _ in OrganizationCoverage.reading(organizationId: organizationId, now: now) }
    }

    /// Recomputes the coverage of every organization marked stale, or whose date-bound checks change by today,
    /// in batches of `batchSize`; returns how many it recomputed. Reads of coverage call it first, so they
    /// answer from current figures; after a bulk load, `liaison coverage refresh` does it ahead of time.
    @discardableResult
    public func refreshCoverage(now: Date = Date(), batchSize: Int = 500) async throws -> Int {
        let today = CoverageDays.day(now)
        var done = 0
        // Bounded: each round clears its batch unless a concurrent write marks it again.
        for _ in 0..<10_000 {
            let due = try await fetch(
                SQLFragment(
                    "SELECT organization_id, generation FROM organization_coverage WHERE due_on <= ? LIMIT ?",
                    [.text(today), .integer(batchSize)])
            ) { (id: try $0.integer("organization_id") ?? 0, generation: try $0.integer("generation") ?? 0) }
            guard !due.isEmpty else { break }
            let facts = try await coverageFacts(ids: due.map(\.id), now: now)
            let writes = due.map { row -> SQLFragment in
                let found = facts[row.id] ?? (CoverageFacts(), "")
                let coverage = Coverage.evaluate(found.facts, today: today)
                // Written only if no write marked it again meanwhile: that write's own refresh will follow.
                return SQLFragment(
                    """
                    UPDATE organization_coverage SET score = ?, missing = ?, practice_text = ?, due_on = ?, computed_on = ?
                    WHERE organization_id = ? AND generation = ?
                    """,
                    [
                        .integer(coverage.score), .text(coverage.missing.map(\.rawValue).joined(separator: ",")),
                        .text(found.practiceText), .text(coverage.recheckOn ?? CoverageSchema.never), .text(today),
                        .integer(row.id), .integer(row.generation),
                    ])
            }
            try await execute(writes)
            done += due.count
            if due.count < batchSize { break }
        }
        return done
    }

    /// The least-known organizations that match, the lowest score first, then by name.
    public func leastKnown(_ query: LeastKnownQuery, now: Date = Date()) async throws -> LeastKnownPage {
        try await refreshCoverage(now: now)
        var conditions = SQLConditions()
        if let status = query.status { conditions.add("o.membership_status = ?", .text(status.rawValue)) }
        if query.payingOnly { conditions.add("o.paying = ?", .bool(true)) }
        if let region = query.region { conditions.add("o.region = ?", .text(region)) }
        if let country = query.country { conditions.add("o.country = ?", .text(country)) }
        if let staff = query.focalPointAccountId { conditions.add("o.focal_point_account_id = ?", .integer(staff)) }
        let items = try await fetch(
            SQLFragment(
                """
                SELECT o.id, o.name, o.native_name, o.country, o.region, o.membership_status, o.paying,
                    coalesce(a.name, o.focal_point) AS focal, c.score, c.missing
                FROM organization_coverage c JOIN organization o ON o.id = c.organization_id
                LEFT JOIN account a ON a.id = o.focal_point_account_id
                \(conditions.whereClause) ORDER BY c.score, o.sort_key, o.id LIMIT ? OFFSET ?
                """,
                conditions.binds + [.integer(query.perPage), .integer((query.page - 1) * query.perPage)])
        ) { row in
            LeastKnownMember(
                id: try row.integer("id") ?? 0, name: try row.string("name"), nativeName: try row.text("native_name"),
                country: try row.text("country"), region: try row.text("region"),
                membershipStatus: MembershipStatus(rawValue: try row.string("membership_status")) ?? .none,
                paying: try row.bool("paying") ?? false, focalPoint: try row.text("focal"),
                score: try row.int("score") ?? 0,
                missing: try row.string("missing").split(separator: ",").compactMap {
                    CoverageCheck(rawValue: String($0))
                })
        }
        let totals = try await fetch(
            SQLFragment(
                """
                SELECT count(*) AS n, sum(c.score) AS total
                FROM organization_coverage c JOIN organization o ON o.id = c.organization_id \(conditions.whereClause)
                """, conditions.binds)
        ) { (count: try $0.int("n") ?? 0, total: Double(try $0.integer("total") ?? 0)) }
        let count = totals.first?.count ?? 0
        return LeastKnownPage(
            items: items, total: count, averageScore: count > 0 ? (totals.first?.total ?? 0) / Double(count) : nil)
    }

    /// The average coverage of members by region today, regions by name (members with no region left out).
    public func coverageByRegion(now: Date = Date()) async throws -> [CoverageAverage] {
        try await refreshCoverage(now: now)
        let month = CoverageDays.month(now)
        return try await fetch(CoverageReads.byRegion()) { row in
            let members = try row.int("n") ?? 0
            return CoverageAverage(
                month: month, region: try row.text("region"), members: members,
                averageScore: members > 0 ? Double(try row.integer("total") ?? 0) / Double(members) : 0)
        }
    }

    /// Writes this month's averages (the network's and each region's), replacing any written earlier this month.
    public func writeCoverageSnapshot(now: Date = Date()) async throws {
        let month = CoverageDays.month(now)
        let regions = try await coverageByRegion(now: now)
        let members = regions.map(\.members).reduce(0, +)
        let network = try await fetch(CoverageReads.network()) {
            (members: try $0.int("n") ?? 0, total: try $0.integer("total") ?? 0)
        }.first
        var statements = [SQLFragment("DELETE FROM coverage_snapshot WHERE month = ?", [.text(month)])]
        statements.append(
            SQLFragment(
                "INSERT INTO coverage_snapshot (month, region, members, score_total) VALUES (?, '', ?, ?)",
                [.text(month), .integer(network?.members ?? members), .integer(network?.total ?? 0)]))
        for region in regions {
            statements.append(
                SQLFragment(
                    "INSERT INTO coverage_snapshot (month, region, members, score_total) VALUES (?, ?, ?, ?)",
                    [
                        .text(month), .text(region.region ?? ""), .integer(region.members),
                        .integer(Int64((region.averageScore * Double(region.members)).rounded())),
                    ]))
        }
        try await execute(statements)
    }

    /// Writes this month's averages when the month has none yet.
    public func writeCoverageSnapshotIfMissing(now: Date = Date()) async throws {
        let written = try await count(
            SQLFragment(
                "SELECT count(*) AS n FROM coverage_snapshot WHERE month = ?", [.text(CoverageDays.month(now))]))
        if written == 0 { try await writeCoverageSnapshot(now: now) }
    }

    /// Stores a past month's averages as given (the demo's history); replaces the month's figures.
    public func storeCoverageSnapshot(_ averages: [CoverageAverage]) async throws {
        let months = Set(averages.map(\.month))
        var statements = months.sorted().map {
            SQLFragment("DELETE FROM coverage_snapshot WHERE month = ?", [.text($0)])
        }
        for average in averages {
            statements.append(
                SQLFragment(
                    "INSERT INTO coverage_snapshot (month, region, members, score_total) VALUES (?, ?, ?, ?)",
                    [
                        .text(average.month), .text(average.region ?? ""), .integer(average.members),
                        .integer(Int64((average.averageScore * Double(average.members)).rounded())),
                    ]))
        }
        try await execute(statements)
    }

    /// The monthly averages of the last `months` months that have one, oldest first; the network's have a nil
    /// region.
    public func coverageTrend(months: Int = 12) async throws -> [CoverageAverage] {
        let rows = try await fetch(
            SQLFragment(
                """
                SELECT month, region, members, score_total FROM coverage_snapshot
                WHERE month IN (SELECT DISTINCT month FROM coverage_snapshot ORDER BY month DESC LIMIT ?)
                ORDER BY month, region
                """, [.integer(min(max(months, 1), 120))])
        ) { row in
            let members = try row.int("members") ?? 0
            let region = try row.string("region")
            return CoverageAverage(
                month: try row.string("month"), region: region.isEmpty ? nil : region, members: members,
                averageScore: members > 0 ? Double(try row.integer("score_total") ?? 0) / Double(members) : 0)
        }
        return rows
    }
}

/// The coverage reads stated once for both engines.
enum CoverageReads {
    static func byRegion() -> SQLFragment {
        SQLFragment(
            """
            SELECT o.region, count(*) AS n, sum(c.score) AS total
            FROM organization_coverage c JOIN organization o ON o.id = c.organization_id
            WHERE o.membership_status = 'member' AND o.region IS NOT NULL GROUP BY o.region ORDER BY o.region
            """)
    }

    static func network() -> SQLFragment {
        SQLFragment(
            """
            SELECT count(*) AS n, sum(c.score) AS total
            FROM organization_coverage c JOIN organization o ON o.id = c.organization_id
            WHERE o.membership_status = 'member'
            """)
    }
}

extension LiaisonStore {
    /// Marks every organization's coverage for recomputing (and adds the rows a bulk load left out).
    public func markAllCoverageStale() async throws {
        try await execute([
            SQLFragment(CoverageSchema.addMissingRows),
            SQLFragment("UPDATE organization_coverage SET due_on = '', generation = generation + 1"),
        ])
    }
}

extension OrganizationCoverage {
    /// The organization's coverage worked out now from its records, as a plan (nil when it does not exist).
    public static func reading(organizationId: Int64, now: Date = Date()) -> SQLPlan<OrganizationCoverage?> {
        CoverageFacts.reading(ids: [organizationId], now: now).map { found in
            found[organizationId].map {
                OrganizationCoverage(
                    organizationId: organizationId, coverage: Coverage.evaluate($0.facts, today: CoverageDays.day(now)),
                    facts: $0.facts)
            }
        }
    }
}
