import Foundation
import LiaisonCore

/// What a reports list asks for. Every query reads a bounded number of reports, latest written first.
public struct ReportQuery: Sendable, Hashable {
    public var authorAccountId: Int64?
    /// On an activity of any of these kinds; empty for all.
    public var activityKinds: [ActivityKind]
    /// A linked organization, the activity's organizations or place, or the organization noted is of this region.
    public var region: String?
    /// Written (last saved) on or after `from` and before `to`.
    public var from: Date?
    public var to: Date?
    /// Linking this organization, or a note about it.
    public var organizationId: Int64?
    /// Linking this person.
    public var personId: Int64?
    public var activityId: Int64?
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 500

    public init(
        authorAccountId: Int64? = nil, activityKinds: [ActivityKind] = [], region: String? = nil, from: Date? = nil,
        to: Date? = nil, organizationId: Int64? = nil, personId: Int64? = nil, activityId: Int64? = nil,
        limit: Int = 100, offset: Int = 0
    ) {
        self.authorAccountId = authorAccountId
        self.activityKinds = activityKinds
        self.region = region
        self.from = from
        self.to = to
        self.organizationId = organizationId
        self.personId = personId
        self.activityId = activityId
        self.limit = limit
        self.offset = offset
    }
}

/// A report as lists show it.
public struct ReportSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var title: String
    public var status: ReportStatus
    public var activityId: Int64?
    public var activityTitle: String?
    public var activityKind: ActivityKind?
    public var organizationId: Int64?
    public var organizationName: String?
    public var authors: [String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(row: any SQLRow) throws {
        id = try row.integer("id") ?? 0
        title = try row.string("title")
        status = ReportStatus(rawValue: try row.string("status")) ?? .draft
        activityId = try row.integer("activity_id")
        activityTitle = try row.text("activity_title")
        activityKind = try row.text("activity_kind").flatMap(ActivityKind.init(rawValue:))
        organizationId = try row.integer("organization_id")
        organizationName = try row.text("organization_name")
        // Names are joined with a character no name holds.
        authors = (try row.text("author_names") ?? "").split(separator: "\u{1F}").map(String.init)
        createdAt = try row.date("created_at") ?? Date()
        updatedAt = try row.date("updated_at") ?? Date()
    }
}

/// A follow-up made from a report's task line, as the report's page lists it.
public struct ReportFollowUpLine: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var title: String
    public var status: String
    public var assigneeName: String?
    public var dueDate: String?

    public init(row: any SQLRow) throws {
        id = try row.integer("id") ?? 0
        title = try row.string("title")
        status = try row.string("status")
        assigneeName = try row.text("assignee_name")
        dueDate = try row.text("due_date")
    }
}

/// The reads of reports, as both engines run them.
public enum ReportQueries {
    public static func list(_ query: ReportQuery, dialect: any SQLDialect) -> SQLFragment {
        var conditions = SQLConditions()
        if let author = query.authorAccountId {
            conditions.add(
                "EXISTS (SELECT 1 FROM report_author ra WHERE ra.report_id = r.id AND ra.account_id = ?)",
                .integer(author))
        }
        if !query.activityKinds.isEmpty {
            let marks = Array(repeating: "?", count: query.activityKinds.count).joined(separator: ", ")
            conditions.add(SQLFragment("a.kind IN (\(marks))", query.activityKinds.map { .text($0.rawValue) }))
        }
        if let region = query.region {
            conditions.add(
                """
                EXISTS (SELECT 1 FROM report_link l JOIN organization o ON o.id = l.organization_id
                    WHERE l.report_id = r.id AND l.state <> 'removed' AND o.region = ?
                    UNION ALL SELECT 1 FROM activity_organization ao JOIN organization o ON o.id = ao.organization_id
                    WHERE ao.activity_id = r.activity_id AND o.region = ?
                    UNION ALL SELECT 1 FROM organization o WHERE o.region = ?
                    AND (o.id = a.place_organization_id OR o.id = r.organization_id))
                """, .text(region), .text(region), .text(region))
        }
        if let from = query.from { conditions.add("r.updated_at >= ?", .date(from)) }
        if let to = query.to { conditions.add("r.updated_at < ?", .date(to)) }
        if let organization = query.organizationId {
            conditions.add(
                """
                (r.organization_id = ? OR EXISTS (SELECT 1 FROM report_link l WHERE l.report_id = r.id
                    AND l.organization_id = ? AND l.state <> 'removed'))
                """, .integer(organization), .integer(organization))
        }
        if let person = query.personId {
            conditions.add(
                "EXISTS (SELECT 1 FROM report_link l WHERE l.report_id = r.id AND l.person_id = ? AND l.state <> 'removed')",
                .integer(person))
        }
        if let activity = query.activityId { conditions.add("r.activity_id = ?", .integer(activity)) }
        return SQLFragment(
            """
            SELECT r.id, r.title, r.status, r.activity_id, r.organization_id, r.created_at, r.updated_at,
                a.title AS activity_title, a.kind AS activity_kind, o.name AS organization_name,
                (SELECT \(dialect.joinedNames("ac.name"))
                    FROM report_author ra JOIN account ac ON ac.id = ra.account_id WHERE ra.report_id = r.id)
                    AS author_names
            FROM report r LEFT JOIN activity a ON a.id = r.activity_id
                LEFT JOIN organization o ON o.id = r.organization_id
            \(conditions.whereClause) ORDER BY r.updated_at DESC, r.id DESC LIMIT ? OFFSET ?
            """,
            conditions.binds + [
                .integer(min(max(query.limit, 1), ReportQuery.maxLimit)), .integer(max(query.offset, 0)),
            ])
    }

    /// How many reports link an organization (or note it), or a person.
    public static func count(organizationId: Int64? = nil, personId: Int64? = nil) -> SQLFragment {
        if let personId {
            return SQLFragment(
                "SELECT count(*) AS n FROM report_link WHERE person_id = ? AND state <> 'removed'", [.integer(personId)]
            )
        }
        return SQLFragment(
            """
            SELECT count(*) AS n FROM report r WHERE r.organization_id = ? OR EXISTS (SELECT 1 FROM report_link l
                WHERE l.report_id = r.id AND l.organization_id = ? AND l.state <> 'removed')
            """, [.integer(organizationId), .integer(organizationId)])
    }

    public static func followUps(ofReport id: Int64) -> SQLFragment {
        SQLFragment(
            """
            SELECT f.id, f.title, f.status, f.due_date, ac.name AS assignee_name FROM follow_up f
            LEFT JOIN account ac ON ac.id = f.assignee_account_id WHERE f.report_id = ? ORDER BY f.id
            """, [.integer(id)])
    }

    /// Reports whose words start with each term, latest written first.
    public static func search(terms: [String], limit: Int, dialect: any SQLDialect) -> SQLFragment {
        let match = dialect.fullTextIds(of: "report", terms: terms, limit: limit)
        return SQLFragment(
            """
            SELECT r.id, r.title, r.search_text, r.updated_at, a.title AS activity_title FROM report r
            LEFT JOIN activity a ON a.id = r.activity_id
            WHERE r.id IN (\(match.sql)) ORDER BY r.updated_at DESC
            """, match.binds)
    }
}

extension SharedStatements {
    public func listReports(_ query: ReportQuery) async throws -> [ReportSummary] {
        try await fetch(ReportQueries.list(query, dialect: dialect)) { try ReportSummary(row: $0) }
    }

    public func reportCount(organizationId: Int64) async throws -> Int {
        try await fetch(ReportQueries.count(organizationId: organizationId)) { try $0.int("n") ?? 0 }.first ?? 0
    }

    public func reportCount(personId: Int64) async throws -> Int {
        try await fetch(ReportQueries.count(personId: personId)) { try $0.int("n") ?? 0 }.first ?? 0
    }

    /// The follow-ups made from the report's task lines, in the order they were made.
    public func followUps(ofReport id: Int64) async throws -> [ReportFollowUpLine] {
        try await fetch(ReportQueries.followUps(ofReport: id)) { try ReportFollowUpLine(row: $0) }
    }

    /// Reports found by the search box; the day they were last written and their activity under the title.
    public func reportSearchCandidates(terms: [String], limit: Int) async throws -> [SearchCandidate] {
        try await fetch(ReportQueries.search(terms: terms, limit: limit, dialect: dialect)) { row in
            let day = (try row.date("updated_at")).map { String(ISO8601DateFormatter().string(from: $0).prefix(10)) }
            return SearchCandidate(
                kind: .report, id: try row.integer("id") ?? 0, name: try row.string("title"), nativeName: nil,
                otherNames: [], document: try row.string("search_text"),
                detail: ([day, try row.text("activity_title")].compactMap { $0 }).joined(separator: " · "),
                membershipStatus: nil)
        }
    }
}
