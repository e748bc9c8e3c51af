import Foundation
import LiaisonCore

/// A working group as the list shows it.
public struct GroupSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var theme: String
    public var memberCount: Int
    public var leads: [LinkedName]
    public var version: Int
}

/// Which interests a list shows: "which Chinese cities said they care about solid waste?" is a theme and a
/// country.
public struct InterestQuery: Sendable, Hashable {
    public var theme: String?
    public var country: String?
    public var region: String?
    public var workingGroupId: Int64?
    public var organizationId: Int64?
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 1_000
    public static let maxOffset = 1_000_000

    public init(
        theme: String? = nil, country: String? = nil, region: String? = nil, workingGroupId: Int64? = nil,
        organizationId: Int64? = nil, limit: Int = 200, offset: Int = 0
    ) {
        self.theme = theme
        self.country = country
        self.region = region
        self.workingGroupId = workingGroupId
        self.organizationId = organizationId
        self.limit = limit
        self.offset = offset
    }
}

/// An interest as a list shows it, with the names it needs.
public struct InterestSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var organizationId: Int64
    public var organizationName: String
    public var country: String?
    public var region: String?
    public var theme: String
    public var workingGroupId: Int64?
    public var workingGroupName: String?
    public var expressedOn: String
    public var activityId: Int64?
    public var activityTitle: String?
    public var reportId: Int64?
    public var reportTitle: String?
    public var note: String?
    public var version: Int
}

/// A member with no working group, no interest and no opportunity on record: the untapped potential.
public struct UnengagedMember: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var country: String?
    public var region: String?
    public var memberSince: Int?
}

/// An organization's groups (with its role) and interests, for its page.
public struct OrganizationEngagement: Sendable, Hashable {
    public var groups: [(group: LinkedName, role: GroupRole)]
    public var interests: [InterestSummary]
    public var opportunities: [OrganizationOpportunity] = []

    public init(
        groups: [(group: LinkedName, role: GroupRole)] = [], interests: [InterestSummary] = [],
        opportunities: [OrganizationOpportunity] = []
    ) {
        self.groups = groups
        self.interests = interests
        self.opportunities = opportunities
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.groups.map(\.group) == rhs.groups.map(\.group) && lhs.groups.map(\.role) == rhs.groups.map(\.role)
            && lhs.interests == rhs.interests && lhs.opportunities == rhs.opportunities
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(groups.map(\.group))
        hasher.combine(interests)
    }
}

/// The lists of working groups and interests, stated once for both engines.
public enum GroupLists {
    static let interestColumns = """
        i.id, i.organization_id, o.name AS organization_name, o.country, o.region, i.theme, i.working_group_id,
        g.name AS working_group_name, i.expressed_on, i.activity_id, a.title AS activity_title, i.report_id,
        r.title AS report_title, i.note, i.version
        """

    public static func interests(_ query: InterestQuery) -> SQLFragment {
        var conditions = SQLConditions()
        if let theme = query.theme { conditions.add("i.theme_key = ?", .text(WorkingGroupRow.themeKey(theme))) }
        if let country = query.country { conditions.add("o.country = ?", .text(country)) }
        if let region = query.region { conditions.add("o.region = ?", .text(region)) }
        if let id = query.workingGroupId { conditions.add("i.working_group_id = ?", .integer(id)) }
        if let id = query.organizationId { conditions.add("i.organization_id = ?", .integer(id)) }
        return SQLFragment(
            """
            SELECT \(interestColumns)
            FROM interest i JOIN organization o ON o.id = i.organization_id
            LEFT JOIN working_group g ON g.id = i.working_group_id LEFT JOIN activity a ON a.id = i.activity_id
            LEFT JOIN report r ON r.id = i.report_id
            \(conditions.whereClause) ORDER BY i.expressed_on DESC, i.id DESC LIMIT ? OFFSET ?
            """,
            conditions.binds + [
                .integer(min(max(query.limit, 1), InterestQuery.maxLimit)),
                .integer(min(max(query.offset, 0), InterestQuery.maxOffset)),
            ])
    }

    public static func interest(_ row: some SQLRow) throws -> InterestSummary {
        InterestSummary(
            id: try row.integer("id") ?? 0, organizationId: try row.integer("organization_id") ?? 0,
            organizationName: try row.string("organization_name"), country: try row.text("country"),
            region: try row.text("region"), theme: try row.string("theme"),
            workingGroupId: try row.integer("working_group_id"), workingGroupName: try row.text("working_group_name"),
            expressedOn: try row.string("expressed_on"), activityId: try row.integer("activity_id"),
            activityTitle: try row.text("activity_title"), reportId: try row.integer("report_id"),
            reportTitle: try row.text("report_title"), note: try row.text("note"), version: try row.int("version") ?? 1)
    }

    /// Members with no group and no interest on record, by name; `countOnly` for how many there are.
    public static func unengaged(region: String?, country: String?, limit: Int, offset: Int, countOnly: Bool)
        -> SQLFragment
    {
        var conditions = SQLConditions()
        conditions.add("o.membership_status = 'member'")
        conditions.add("NOT EXISTS (SELECT 1 FROM working_group_member m WHERE m.organization_id = o.id)")
        conditions.add("NOT EXISTS (SELECT 1 FROM interest i WHERE i.organization_id = o.id)")
        conditions.add("NOT EXISTS (SELECT 1 FROM opportunity_invitation v WHERE v.organization_id = o.id)")
        if let region { conditions.add("o.region = ?", .text(region)) }
        if let country { conditions.add("o.country = ?", .text(country)) }
        if countOnly {
            return SQLFragment("SELECT count(*) AS n FROM organization o \(conditions.whereClause)", conditions.binds)
        }
        return SQLFragment(
            """
            SELECT o.id, o.name, o.country, o.region, o.member_since FROM organization o \(conditions.whereClause)
            ORDER BY o.sort_key, o.id LIMIT ? OFFSET ?
            """, conditions.binds + [.integer(limit), .integer(offset)])
    }
}

extension LiaisonStore {
    public func workingGroup(id: Int64) async throws -> WorkingGroup? {
        try await records(WorkingGroup.self, ids: [id]).first
    }

    public func createWorkingGroup(_ input: WorkingGroupInput, by actor: AuditActor) async throws -> WorkingGroup {
        try await createRecord(try input.checked(), by: actor)
    }

    public func updateWorkingGroup(id: Int64, expectedVersion: Int, _ input: WorkingGroupInput, by actor: AuditActor)
        async throws -> WorkingGroup
    {
        try await updateRecord(
            WorkingGroup.self, id: id, expectedVersion: expectedVersion, try input.checked(), by: actor)
    }

    public func deleteWorkingGroup(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(WorkingGroup.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    /// Every working group by name, with how many members and its leads.
    public func listWorkingGroups() async throws -> [GroupSummary] {
        var groups = try await fetch(
            SQLFragment(
                """
                SELECT g.id, g.name, g.theme, g.version,
                    (SELECT count(*) FROM working_group_member m WHERE m.working_group_id = g.id) AS members
                FROM working_group g ORDER BY g.name, g.id LIMIT 1000
                """)
        ) {
            GroupSummary(
                id: try $0.integer("id") ?? 0, name: try $0.string("name"), theme: try $0.string("theme"),
                memberCount: try $0.int("members") ?? 0, leads: [], version: try $0.int("version") ?? 1)
        }
        let leads = try await fetch(
            SQLFragment(
                """
                SELECT m.working_group_id, o.id, o.name FROM working_group_member m
                JOIN organization o ON o.id = m.organization_id WHERE m.role = 'lead'
                ORDER BY m.working_group_id, m.position
                """)
        ) {
            (
                try $0.integer("working_group_id") ?? 0,
                LinkedName(id: try $0.integer("id") ?? 0, name: try $0.string("name"))
            )
        }
        let positions = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.id, $0) })
        for (groupId, lead) in leads { if let index = positions[groupId] { groups[index].leads.append(lead) } }
        return groups
    }

    public func interest(id: Int64) async throws -> Interest? { try await records(Interest.self, ids: [id]).first }

    public func createInterest(_ input: InterestInput, by actor: AuditActor) async throws -> Interest {
        try await createRecord(try input.checked(), by: actor)
    }

    public func updateInterest(id: Int64, expectedVersion: Int, _ input: InterestInput, by actor: AuditActor)
        async throws -> Interest
    {
        try await updateRecord(Interest.self, id: id, expectedVersion: expectedVersion, try input.checked(), by: actor)
    }

    public func deleteInterest(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(Interest.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    public func listInterests(_ query: InterestQuery) async throws -> [InterestSummary] {
        try await fetch(GroupLists.interests(query)) { try GroupLists.interest($0) }
    }

    /// The themes of groups and interests, each once, by name: what the theme fields suggest.
    public func themes() async throws -> [String] {
        try await fetch(
            SQLFragment(
                """
                SELECT min(theme) AS theme FROM (SELECT theme, theme_key FROM working_group
                    UNION ALL SELECT theme, theme_key FROM interest) t
                GROUP BY theme_key ORDER BY 1 LIMIT 500
                """)
        ) { try $0.string("theme") }
    }

    /// Members with no working group and no interest on record, by name, and how many there are.
    public func unengagedMembers(region: String? = nil, country: String? = nil, limit: Int = 100, offset: Int = 0)
        async throws -> (items: [UnengagedMember], total: Int)
    {
        let items = try await fetch(
            GroupLists.unengaged(
                region: region, country: country, limit: min(max(limit, 1), 1000),
                offset: min(max(offset, 0), 1_000_000),
                countOnly: false)
        ) {
            UnengagedMember(
                id: try $0.integer("id") ?? 0, name: try $0.string("name"), country: try $0.text("country"),
                region: try $0.text("region"), memberSince: try $0.int("member_since"))
        }
        let total = try await count(
            GroupLists.unengaged(region: region, country: country, limit: 0, offset: 0, countOnly: true))
        return (items, total)
    }

    /// The names of these organizations, by id (those that exist).
    public func organizationNames(ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids)).prefix(5_000)
        let rows = try await fetch(
            SQLFragment(
                "SELECT id, name FROM organization WHERE id IN (\(unique.map { _ in "?" }.joined(separator: ", ")))",
                unique.map { .integer($0) })
        ) { (try $0.integer("id") ?? 0, try $0.string("name")) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// The organization's groups with its role in each, and its interests, newest first.
    public func engagement(organizationId: Int64) async throws -> OrganizationEngagement {
        try await reading { _ in OrganizationEngagement.reading(organizationId: organizationId) }
    }
}

extension OrganizationEngagement {
    /// An organization's groups (with its role), interests and opportunities, as one plan of three reads.
    public static func reading(organizationId: Int64) -> SQLPlan<OrganizationEngagement> {
        SQLPlan.value(OrganizationEngagement())
            .then { engagement in
                SQLFragment(
                    """
                    SELECT g.id, g.name, m.role FROM working_group_member m
                    JOIN working_group g ON g.id = m.working_group_id
                    WHERE m.organization_id = ? ORDER BY g.name
                    """, [.integer(organizationId)]
                ).rows {
                    (
                        group: LinkedName(id: try $0.integer("id") ?? 0, name: try $0.string("name")),
                        role: GroupRole(rawValue: try $0.string("role")) ?? .member
                    )
                }.map { groups in
                    var engagement = engagement
                    engagement.groups = groups
                    return engagement
                }
            }
            .reading(\.interests) { _ in
                GroupLists.interests(InterestQuery(organizationId: organizationId, limit: 50)).rows {
                    try GroupLists.interest($0)
                }
            }
            .reading(\.opportunities) { _ in OrganizationOpportunity.reading(organizationId: organizationId) }
    }
}
