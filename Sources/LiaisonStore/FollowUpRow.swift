import Foundation
import LiaisonCore

/// A follow-up's rows as both engines write and read them: its own row, and the organizations and people
/// it concerns, in the order given.
public enum FollowUpRow {
    /// `task_key` and `created_by` are not the input's: a report's save writes them when it makes the
    /// follow-up from a task line, and an update keeps them.
    public static let table = RecordTable(
        "follow_up", parentKey: "follow_up_id", children: ["follow_up_organization", "follow_up_person"],
        [
            ("title", .text), ("details", .text), ("assignee_account_id", .integer), ("due_date", .text),
            ("status", .text), ("priority", .text), ("activity_id", .integer), ("report_id", .integer),
        ])

    public static func values(_ input: FollowUpInput) -> [SQLBind] {
        [
            .text(input.title), .text(input.details), .integer(input.assigneeAccountId), .text(input.dueDate),
            .text(input.status.rawValue), .text(input.priority.rawValue), .integer(input.activityId),
            .integer(input.reportId),
        ]
    }

    public static func children(of id: Int64, _ input: FollowUpInput) -> [SQLFragment] {
        input.organizationIds.enumerated().map { index, organizationId in
            SQLFragment.insert(
                into: "follow_up_organization", "follow_up_id, position, organization_id",
                [.integer(id), .integer(index), .integer(organizationId)])
        }
            + input.personIds.enumerated().map { index, personId in
                SQLFragment.insert(
                    into: "follow_up_person", "follow_up_id, position, person_id",
                    [.integer(id), .integer(index), .integer(personId)])
            }
    }

    // MARK: Reading back, many follow-ups at a time

    public static func followUps(idsMatch: String) -> String { "SELECT * FROM follow_up WHERE id \(idsMatch)" }

    public static func organizations(idsMatch: String) -> String {
        """
        SELECT follow_up_id, organization_id FROM follow_up_organization WHERE follow_up_id \(idsMatch)
        ORDER BY follow_up_id, position
        """
    }

    public static func people(idsMatch: String) -> String {
        """
        SELECT follow_up_id, person_id FROM follow_up_person WHERE follow_up_id \(idsMatch)
        ORDER BY follow_up_id, position
        """
    }

    /// A follow-up from its row and the ids of its organizations and people.
    public static func followUp(_ row: some SQLRow, organizationIds: [Int64], personIds: [Int64]) throws -> FollowUp {
        let input = FollowUpInput(
            title: try row.string("title"), details: try row.text("details"),
            assigneeAccountId: try row.integer("assignee_account_id"), dueDate: try row.text("due_date"),
            status: FollowUpStatus(rawValue: try row.string("status")) ?? .open,
            priority: FollowUpPriority(rawValue: try row.string("priority")) ?? .normal,
            organizationIds: organizationIds, personIds: personIds, activityId: try row.integer("activity_id"),
            reportId: try row.integer("report_id"))
        return FollowUp(
            stamp: try row.stamp(), input: input,
            extras: FollowUp.Extras(
                createdByAccountId: try row.integer("created_by"), taskKey: try row.text("task_key")))
    }

    // MARK: The report line a follow-up ticks

    /// The statement writing the report's body with the follow-up's task line ticked (done) or cleared
    /// (open, waiting), or nil when the line already says so, is gone, or the follow-up came from no line.
    /// A dropped follow-up leaves its line as it is.
    public static func tickingReport(_ report: ReportLine?, status: FollowUpStatus, now: Date) -> SQLFragment? {
        guard let report, status != .dropped,
            let body = ReportTasks.ticking(report.body, key: report.taskKey, done: status == .done)
        else { return nil }
        return SQLFragment(
            "UPDATE report SET body = ?, version = version + 1, updated_at = ? WHERE id = ?",
            [.text(body), .date(now), .integer(report.reportId)])
    }
}

/// The report a follow-up came from, with the words of the task line the two share.
public struct ReportLine: Sendable, Hashable {
    public var reportId: Int64
    public var body: String
    public var taskKey: String

    public init(reportId: Int64, body: String, taskKey: String) {
        self.reportId = reportId
        self.body = body
        self.taskKey = taskKey
    }
}

/// What a follow-up's reference check learned that its write uses: the report line it ticks, if any.
public struct CheckedFollowUp: Sendable {
    public var reportLine: ReportLine?

    public init(reportLine: ReportLine?) { self.reportLine = reportLine }
}

extension FollowUpInput {
    /// The references that do not exist, each named by its field.
    public func referenceErrors(
        accountIds: Set<Int64>, organizationIds: Set<Int64>, personIds: Set<Int64>, activityIds: Set<Int64>,
        reportIds: Set<Int64>
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if let id = assigneeAccountId, !accountIds.contains(id) {
            errors.append(.missing("assigneeAccountId", "staff account", id))
        }
        for (index, id) in self.organizationIds.enumerated() where !organizationIds.contains(id) {
            errors.append(.missing("organizationIds[\(index)]", "organization", id))
        }
        for (index, id) in self.personIds.enumerated() where !personIds.contains(id) {
            errors.append(.missing("personIds[\(index)]", "person", id))
        }
        if let id = activityId, !activityIds.contains(id) { errors.append(.missing("activityId", "activity", id)) }
        if let id = reportId, !reportIds.contains(id) { errors.append(.missing("reportId", "report", id)) }
        return errors
    }
}
