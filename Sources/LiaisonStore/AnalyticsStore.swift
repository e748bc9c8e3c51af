import Foundation
import LiaisonCore

/// Which organizations the analytics count: all of them, or those of one region or one country.
public struct AnalyticsQuery: Sendable, Hashable {
    public var region: String?
    /// An ISO 3166 alpha-2 code.
    public var country: String?

    public init(region: String? = nil, country: String? = nil) {
        self.region = region
        self.country = country
    }
}

/// One line of the membership's composition: a region or a country (its key; "" for none) with its official
/// members, the paying ones among them, and the dues they owe a year.
public struct CompositionRow: Sendable, Hashable, Codable {
    public var key: String
    public var members: Int
    public var paying: Int
    /// The sum of the members' dues a year, in the workspace currency; members without dues count as none.
    public var dues: Int64
    /// Share of all official members (0 to 1).
    public var memberShare: Double
    /// Share of all paying members (0 to 1).
    public var payingShare: Double

    public init(key: String, members: Int, paying: Int, dues: Int64, memberShare: Double, payingShare: Double) {
        self.key = key
        self.members = members
        self.paying = paying
        self.dues = dues
        self.memberShare = memberShare
        self.payingShare = payingShare
    }
}

/// The membership by who is in it: totals, and the same by region and by country, largest first.
public struct MembershipComposition: Sendable, Hashable, Codable {
    public var members: Int
    public var paying: Int
    public var dues: Int64
    public var byRegion: [CompositionRow]
    public var byCountry: [CompositionRow]
}

/// Members by the year they joined, and how many had joined by the end of it.
public struct JoinedYear: Sendable, Hashable, Codable {
    public var year: Int
    public var joined: Int
    public var cumulative: Int

    public init(year: Int, joined: Int, cumulative: Int) {
        self.year = year
        self.joined = joined
        self.cumulative = cumulative
    }
}

/// How recently the team was in touch with the members: each member's last interaction (an activity it
/// confirmed or attended that has started), bucketed.
public struct EngagementFigures: Sendable, Hashable, Codable {
    public struct Year: Sendable, Hashable, Codable {
        public var year: Int
        /// Activities with at least one member taking part (confirmed or attended).
        public var activities: Int
        /// Members' participations in them.
        public var participations: Int

        public init(year: Int, activities: Int, participations: Int) {
            self.year = year
            self.activities = activities
            self.participations = participations
        }
    }
    /// Invitations still without an answer, by region key ("" for none).
    public struct Unanswered: Sendable, Hashable, Codable {
        public var region: String
        /// Activity participations still invited or marked no answer.
        public var activityInvitations: Int
        /// Opportunity invitations still at "invited".
        public var opportunityInvitations: Int

        public init(region: String, activityInvitations: Int, opportunityInvitations: Int) {
            self.region = region
            self.activityInvitations = activityInvitations
            self.opportunityInvitations = opportunityInvitations
        }
    }

    /// Last interaction less than three months ago.
    public var withinThreeMonths: Int
    /// Three to twelve months ago.
    public var withinTwelveMonths: Int
    /// More than twelve months ago.
    public var older: Int
    /// Never.
    public var never: Int
    public var byYear: [Year]
    public var unanswered: [Unanswered]
}

/// An organization placed on the map.
public struct MapPoint: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var country: String?
    public var status: MembershipStatus
    public var latitude: Double
    public var longitude: Double
    public var population: Int64?

    public init(
        id: Int64, name: String, country: String?, status: MembershipStatus, latitude: Double, longitude: Double,
        population: Int64?
    ) {
        self.id = id
        self.name = name
        self.country = country
        self.status = status
        self.latitude = latitude
        self.longitude = longitude
        self.population = population
    }
}

/// The analytics' aggregates, stated once for both engines: every figure is one GROUP BY over the directory.
public enum AnalyticsLists {
    /// The organizations `query` counts, on `o`.
    static func conditions(_ query: AnalyticsQuery, members: Bool = true) -> SQLConditions {
        var conditions = SQLConditions()
        if members { conditions.add("o.membership_status = 'member'") }
        if let region = query.region { conditions.add("o.region = ?", .text(region)) }
        if let country = query.country { conditions.add("o.country = ?", .text(country)) }
        return conditions
    }

    /// Members, paying members and dues grouped by `column` (region or country).
    public static func composition(_ query: AnalyticsQuery, by column: String) -> SQLFragment {
        let conditions = conditions(query)
        return SQLFragment(
            """
            SELECT COALESCE(o.\(column), '') AS key, count(*) AS members,
                SUM(CASE WHEN o.paying THEN 1 ELSE 0 END) AS paying,
                CAST(COALESCE(SUM(o.dues_per_year), 0) AS BIGINT) AS dues
            FROM organization o \(conditions.whereClause)
            GROUP BY COALESCE(o.\(column), '')
            """, conditions.binds)
    }

    public static func joinedByYear(_ query: AnalyticsQuery) -> SQLFragment {
        var conditions = conditions(query)
        conditions.add("o.member_since IS NOT NULL")
        return SQLFragment(
            """
            SELECT o.member_since AS year, count(*) AS n FROM organization o \(conditions.whereClause)
            GROUP BY o.member_since ORDER BY o.member_since
            """, conditions.binds)
    }

    /// Members by their last interaction: `recent` and `yearAgo` are days ("YYYY-MM-DD") three and twelve
    /// months before `today`; an activity's local start day is compared, the zone's hours do not matter here.
    public static func lastInteraction(_ query: AnalyticsQuery, today: String, recent: String, yearAgo: String)
        -> SQLFragment
    {
        let conditions = conditions(query)
        return SQLFragment(
            """
            SELECT CASE WHEN last_day IS NULL THEN 'never' WHEN last_day >= ? THEN 'recent' WHEN last_day >= ? THEN 'year'
                ELSE 'older' END AS bucket, count(*) AS n
            FROM (
                SELECT (SELECT max(a.start_local) FROM activity_organization ao JOIN activity a ON a.id = ao.activity_id
                        WHERE ao.organization_id = o.id AND ao.status IN ('confirmed', 'attended')
                        AND a.start_local <= ?) AS last_day
                FROM organization o \(conditions.whereClause)
            ) members GROUP BY 1
            """, [.text(recent), .text(yearAgo), .text(today + "T99")] + conditions.binds)
    }

    public static func interactionsByYear(_ query: AnalyticsQuery) -> SQLFragment {
        var conditions = conditions(query)
        conditions.add("ao.status IN ('confirmed', 'attended')")
        return SQLFragment(
            """
            SELECT substr(a.start_local, 1, 4) AS year, count(DISTINCT a.id) AS activities, count(*) AS participations
            FROM activity_organization ao JOIN activity a ON a.id = ao.activity_id
            JOIN organization o ON o.id = ao.organization_id \(conditions.whereClause)
            GROUP BY substr(a.start_local, 1, 4) ORDER BY 1
            """, conditions.binds)
    }

    /// Unanswered invitations of every organization (members or not) by region, activities' and opportunities'.
    public static func unanswered(_ query: AnalyticsQuery) -> SQLFragment {
        let conditions = conditions(query, members: false)
        return SQLFragment(
            """
            SELECT region, SUM(activities) AS activities, SUM(opportunities) AS opportunities FROM (
                SELECT COALESCE(o.region, '') AS region, 1 AS activities, 0 AS opportunities
                FROM activity_organization ao JOIN organization o ON o.id = ao.organization_id
                \(conditions.whereClause.isEmpty ? "WHERE" : conditions.whereClause + " AND")
                    ao.status IN ('invited', 'no_answer')
                UNION ALL
                SELECT COALESCE(o.region, '') AS region, 0 AS activities, 1 AS opportunities
                FROM opportunity_invitation oi JOIN organization o ON o.id = oi.organization_id
                \(conditions.whereClause.isEmpty ? "WHERE" : conditions.whereClause + " AND") oi.answer = 'invited'
            ) invitations GROUP BY region ORDER BY region
            """, conditions.binds + conditions.binds)
    }

    /// Organizations with coordinates whose status is one of `statuses`, the most populous first.
    public static func mapPoints(_ query: AnalyticsQuery, statuses: [MembershipStatus]) -> SQLFragment {
        var conditions = conditions(query, members: false)
        conditions.add("o.latitude IS NOT NULL AND o.longitude IS NOT NULL")
        let marks = Array(repeating: "?", count: statuses.count).joined(separator: ", ")
        conditions.add(SQLFragment("o.membership_status IN (\(marks))", statuses.map { .text($0.rawValue) }))
        return SQLFragment(
            """
            SELECT o.id, o.name, o.country, o.membership_status, o.latitude, o.longitude, o.population
            FROM organization o \(conditions.whereClause)
            ORDER BY CASE WHEN o.population IS NULL THEN 1 ELSE 0 END, o.population DESC, o.id
            """, conditions.binds)
    }

    /// Rows with shares of the totals, the largest first (then by key).
    static func rows(_ raw: [(key: String, members: Int, paying: Int, dues: Int64)], members: Int, paying: Int)
        -> [CompositionRow]
    {
        raw.map { row in
            CompositionRow(
                key: row.key, members: row.members, paying: row.paying, dues: row.dues,
                memberShare: members == 0 ? 0 : Double(row.members) / Double(members),
                payingShare: paying == 0 ? 0 : Double(row.paying) / Double(paying))
        }
        .sorted { ($0.members, $0.paying, $1.key) > ($1.members, $1.paying, $0.key) }
    }
}

extension LiaisonStore {
    /// The membership's composition; zeros and empty lists when there are no members.
    public func membershipComposition(_ query: AnalyticsQuery) async throws -> MembershipComposition {
        func raw(_ column: String) async throws -> [(key: String, members: Int, paying: Int, dues: Int64)] {
            try await fetch(AnalyticsLists.composition(query, by: column)) { row in
                (
                    key: try row.string("key"), members: try row.int("members") ?? 0,
                    paying: try row.int("paying") ?? 0, dues: try row.integer("dues") ?? 0
                )
            }
        }
        let regions = try await raw("region")
        let countries = try await raw("country")
        let members = regions.reduce(0) { $0 + $1.members }
        let paying = regions.reduce(0) { $0 + $1.paying }
        return MembershipComposition(
            members: members, paying: paying, dues: regions.reduce(0) { $0 + $1.dues },
            byRegion: AnalyticsLists.rows(regions, members: members, paying: paying),
            byCountry: AnalyticsLists.rows(countries, members: members, paying: paying))
    }

    /// Members by year joined, oldest first, with the running total; members without a year are left out.
    public func membersByYearJoined(_ query: AnalyticsQuery) async throws -> [JoinedYear] {
        let counts = try await fetch(AnalyticsLists.joinedByYear(query)) { row in
            (year: try row.int("year") ?? 0, n: try row.int("n") ?? 0)
        }
        var total = 0
        return counts.map { count in
            total += count.n
            return JoinedYear(year: count.year, joined: count.n, cumulative: total)
        }
    }

    /// How recently members were met, interactions per year and unanswered invitations, as of `today`
    /// ("YYYY-MM-DD").
    public func engagementFigures(_ query: AnalyticsQuery, today: String) async throws -> EngagementFigures {
        let day = ICalendar.day(today) ?? 0
        func daysBefore(_ days: Int) -> String {
            let date = LocalTime.date(day - days)
            return ActivityTime.dayText(year: date.year, month: date.month, day: date.day)
        }
        let buckets = try await fetch(
            AnalyticsLists.lastInteraction(query, today: today, recent: daysBefore(91), yearAgo: daysBefore(365))
        ) { row in (bucket: try row.string("bucket"), n: try row.int("n") ?? 0) }
        let counts = Dictionary(buckets.map { ($0.bucket, $0.n) }, uniquingKeysWith: +)
        let years = try await fetch(AnalyticsLists.interactionsByYear(query)) { row in
            EngagementFigures.Year(
                year: Int(try row.string("year")) ?? 0, activities: try row.int("activities") ?? 0,
                participations: try row.int("participations") ?? 0)
        }
        let unanswered = try await fetch(AnalyticsLists.unanswered(query)) { row in
            EngagementFigures.Unanswered(
                region: try row.string("region"), activityInvitations: try row.int("activities") ?? 0,
                opportunityInvitations: try row.int("opportunities") ?? 0)
        }
        return EngagementFigures(
            withinThreeMonths: counts["recent"] ?? 0, withinTwelveMonths: counts["year"] ?? 0,
            older: counts["older"] ?? 0, never: counts["never"] ?? 0, byYear: years, unanswered: unanswered)
    }

    /// Organizations to place on the map, the most populous first; empty when none has coordinates.
    public func mapPoints(_ query: AnalyticsQuery, statuses: [MembershipStatus]) async throws -> [MapPoint] {
        guard !statuses.isEmpty else { return [] }
        return try await fetch(AnalyticsLists.mapPoints(query, statuses: statuses)) { row in
            MapPoint(
                id: try row.integer("id") ?? 0, name: try row.string("name"), country: try row.text("country"),
                status: MembershipStatus(rawValue: try row.string("membership_status")) ?? .none,
                latitude: try row.real("latitude") ?? 0, longitude: try row.real("longitude") ?? 0,
                population: try row.integer("population"))
        }
    }
}
