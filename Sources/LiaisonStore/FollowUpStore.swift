import Foundation
import LiaisonCore

/// Which follow-ups a list shows. Every list reads a bounded number.
public struct FollowUpQuery: Sendable, Hashable {
    /// These follow-ups only; empty for any.
    public var ids: [Int64]
    public var assigneeAccountId: Int64?
    /// Any of these; empty for every status.
    public var statuses: [FollowUpStatus]
    public var organizationId: Int64?
    public var personId: Int64?
    public var activityId: Int64?
    public var reportId: Int64?
    /// One of its organizations is in this region.
    public var region: String?
    /// Only those still to do and due before this day ("YYYY-MM-DD").
    public var overdueOn: String?
    /// Only those due on this day or before.
    public var dueBy: String?
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 500
    public static let maxOffset = 100_000
    /// Open and waiting: what is still to do.
    public static let toDo: [FollowUpStatus] = [.open, .waiting]

    public init(
        ids: [Int64] = [], assigneeAccountId: Int64? = nil, statuses: [FollowUpStatus] = FollowUpQuery.toDo,
        organizationId: Int64? = nil,
        personId: Int64? = nil, activityId: Int64? = nil, reportId: Int64? = nil, region: String? = nil,
        overdueOn: String? = nil, dueBy: String? = nil, limit: Int = 200, offset: Int = 0
    ) {
        self.ids = ids
        self.assigneeAccountId = assigneeAccountId
        self.statuses = statuses
        self.organizationId = organizationId
        self.personId = personId
        self.activityId = activityId
        self.reportId = reportId
        self.region = region
        self.overdueOn = overdueOn
        self.dueBy = dueBy
        self.limit = limit
        self.offset = offset
    }
}

/// A record a follow-up names, with its name as read.
public struct LinkedName: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// A follow-up as a list shows it: with the names of its assignee, activity, report and organizations.
public struct FollowUpSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var title: String
    public var dueDate: String?
    public var status: FollowUpStatus
    public var priority: FollowUpPriority
    public var assigneeAccountId: Int64?
    public var assigneeName: String?
    public var activityId: Int64?
    public var activityTitle: String?
    public var reportId: Int64?
    public var reportTitle: String?
    public var organizations: [LinkedName]
    public var people: [LinkedName]
    public var version: Int

    /// Still to do and due before `today` ("YYYY-MM-DD").
    public func isOverdue(today: String) -> Bool {
        guard !status.isClosed, let dueDate else { return false }
        return dueDate < today
    }
}

/// How many follow-ups of one member of staff are overdue.
public struct OverdueCount: Sendable, Hashable, Codable {
    public var accountId: Int64
    public var name: String
    public var count: Int

    public init(accountId: Int64, name: String, count: Int) {
        self.accountId = accountId
        self.name = name
        self.count = count
    }
}

/// The follow-ups' lists, stated once for both engines; a follow-up itself is read and written as a
/// `StoredRecord`.
public enum FollowUpLists {
    /// The ids and list fields of the follow-ups `query` asks for: overdue first, then by due date, then
    /// those with no date.
    public static func select(_ query: FollowUpQuery) -> SQLFragment {
        var conditions = SQLConditions()
        if !query.ids.isEmpty {
            conditions.add(SQLFragment("f.id IN (\(marks(query.ids.count)))", query.ids.map { .integer($0) }))
        }
        if let id = query.assigneeAccountId { conditions.add("f.assignee_account_id = ?", .integer(id)) }
        if !query.statuses.isEmpty {
            conditions.add(
                SQLFragment(
                    "f.status IN (\(marks(query.statuses.count)))", query.statuses.map { .text($0.rawValue) }))
        }
        if let id = query.organizationId {
            conditions.add(
                "EXISTS (SELECT 1 FROM follow_up_organization fo WHERE fo.follow_up_id = f.id AND fo.organization_id = ?)",
                .integer(id))
        }
        if let id = query.personId {
            conditions.add(
                "EXISTS (SELECT 1 FROM follow_up_person fp WHERE fp.follow_up_id = f.id AND fp.person_id = ?)",
                .integer(id))
        }
        if let id = query.activityId { conditions.add("f.activity_id = ?", .integer(id)) }
        if let id = query.reportId { conditions.add("f.report_id = ?", .integer(id)) }
        if let region = query.region {
            conditions.add(
                """
                EXISTS (SELECT 1 FROM follow_up_organization fo JOIN organization o ON o.id = fo.organization_id
                    WHERE fo.follow_up_id = f.id AND o.region = ?)
                """, .text(region))
        }
        if let day = query.overdueOn {
            conditions.add("f.status IN ('open', 'waiting') AND f.due_date < ?", .text(day))
        }
        if let day = query.dueBy { conditions.add("f.due_date <= ?", .text(day)) }
        return SQLFragment(
            """
            SELECT f.id, f.title, f.due_date, f.status, f.priority, f.assignee_account_id, a.name AS assignee_name,
                f.activity_id, act.title AS activity_title, f.report_id, r.title AS report_title, f.version
            FROM follow_up f LEFT JOIN account a ON a.id = f.assignee_account_id
            LEFT JOIN activity act ON act.id = f.activity_id LEFT JOIN report r ON r.id = f.report_id
            \(conditions.whereClause)
            ORDER BY CASE WHEN f.due_date IS NULL THEN 1 ELSE 0 END, f.due_date, f.id LIMIT ? OFFSET ?
            """,
            conditions.binds + [
                .integer(min(max(query.limit, 1), FollowUpQuery.maxLimit)),
                .integer(min(max(query.offset, 0), FollowUpQuery.maxOffset)),
            ])
    }

    /// A summary as `select` reads it, its organizations and people still to add.
    public static func summary(_ row: some SQLRow) throws -> FollowUpSummary {
        FollowUpSummary(
            id: try row.integer("id") ?? 0, title: try row.string("title"), dueDate: try row.text("due_date"),
            status: FollowUpStatus(rawValue: try row.string("status")) ?? .open,
            priority: FollowUpPriority(rawValue: try row.string("priority")) ?? .normal,
            assigneeAccountId: try row.integer("assignee_account_id"), assigneeName: try row.text("assignee_name"),
            activityId: try row.integer("activity_id"), activityTitle: try row.text("activity_title"),
            reportId: try row.integer("report_id"), reportTitle: try row.text("report_title"), organizations: [],
            people: [], version: try row.int("version") ?? 1)
    }

    /// The organizations, then the people, of these follow-ups, with their names: rows of
    /// (`follow_up_id`, `kind`, `id`, `name`), in each follow-up's order.
    public static func links(of ids: [Int64]) -> SQLFragment {
        let match = "IN (\(marks(ids.count)))"
        return SQLFragment(
            """
            SELECT fo.follow_up_id, 'organization' AS kind, o.id, o.name, fo.position FROM follow_up_organization fo
            JOIN organization o ON o.id = fo.organization_id WHERE fo.follow_up_id \(match)
            UNION ALL
            SELECT fp.follow_up_id, 'person' AS kind, p.id, p.display_name AS name, fp.position FROM follow_up_person fp
            JOIN person p ON p.id = fp.person_id WHERE fp.follow_up_id \(match)
            ORDER BY 1, 2, 5
            """, (ids + ids).map { .integer($0) })
    }

    /// Those of `accounts` that have follow-ups to do due before `today`, with how many, by name.
    public static func overdueCounts(today: String) -> SQLFragment {
        SQLFragment(
            """
            SELECT f.assignee_account_id AS account_id, a.name, count(*) AS n FROM follow_up f
            JOIN account a ON a.id = f.assignee_account_id
            WHERE f.status IN ('open', 'waiting') AND f.due_date < ?
            GROUP BY f.assignee_account_id, a.name ORDER BY a.name
            """, [.text(today)])
    }

    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}

/// What a follow-up made from a report's page starts with: the report's activity and the organizations it
/// names (those its authors did not remove).
public struct ReportOrigin: Sendable {
    public var activityId: Int64?
    public var organizations: [LinkedName]
}

extension LiaisonStore {
    /// The report's activity and named organizations, or nil when there is no such report.
    public func reportOrigin(id: Int64) async throws -> ReportOrigin? {
        guard
            let activityId = try await fetch(
                SQLFragment("SELECT activity_id FROM report WHERE id = ?", [.integer(id)]),
                { try $0.integer("activity_id") }
            ).first
        else { return nil }
        let organizations = try await fetch(
            SQLFragment(
                """
                SELECT o.id, o.name FROM report_link l JOIN organization o ON o.id = l.organization_id
                WHERE l.report_id = ? AND l.state <> 'removed' ORDER BY o.name LIMIT 100
                """, [.integer(id)])
        ) { LinkedName(id: try $0.integer("id") ?? 0, name: try $0.string("name")) }
        return ReportOrigin(activityId: activityId, organizations: organizations)
    }

    /// The follow-ups `query` asks for, with the names a list shows, in its order.
    public func listFollowUps(_ query: FollowUpQuery) async throws -> [FollowUpSummary] {
        try await reading { _ in FollowUpSummary.listing(query) }
    }

    /// How many follow-ups of the account are overdue on `today`: one indexed count.
    public func overdueFollowUpCount(accountId: Int64, today: String) async throws -> Int {
        try await count(
            SQLFragment(
                """
                SELECT count(*) AS n FROM follow_up
                WHERE assignee_account_id = ? AND status IN ('open', 'waiting') AND due_date < ?
                """, [.integer(accountId), .text(today)]))
    }

    /// How many follow-ups each member of staff has overdue on `today`.
    public func overdueFollowUpCounts(today: String) async throws -> [OverdueCount] {
        try await fetch(FollowUpLists.overdueCounts(today: today)) {
            OverdueCount(
                accountId: try $0.integer("account_id") ?? 0, name: try $0.string("name"), count: try $0.int("n") ?? 0)
        }
    }
}

extension FollowUpSummary {
    /// The follow-ups `query` asks for, with the names a list shows, in its order, as a plan: a record's page reads
    /// them with the rest of what it shows, at one moment.
    public static func listing(_ query: FollowUpQuery) -> SQLPlan<[FollowUpSummary]> {
        FollowUpLists.select(query).rows { try FollowUpLists.summary($0) }.then { found in
            guard !found.isEmpty else { return .value([]) }
            return FollowUpLists.links(of: found.map(\.id)).rows {
                (
                    try $0.integer("follow_up_id") ?? 0, try $0.string("kind"),
                    LinkedName(id: try $0.integer("id") ?? 0, name: try $0.string("name"))
                )
            }.map { links in
                var summaries = found
                let positions = Dictionary(uniqueKeysWithValues: summaries.enumerated().map { ($1.id, $0) })
                for (followUpId, kind, link) in links {
                    guard let index = positions[followUpId] else { continue }
                    if kind == "organization" {
                        summaries[index].organizations.append(link)
                    } else {
                        summaries[index].people.append(link)
                    }
                }
                return summaries
            }
        }
    }
}
