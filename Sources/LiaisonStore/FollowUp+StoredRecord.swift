import Foundation
import LiaisonCore

extension FollowUp: FieldAudited {
    public static let kind = RecordKind.followUp
    public static var table: RecordTable { FollowUpRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: FollowUpRow.followUps(idsMatch: idsMatch),
            children: [
                ("organizations", FollowUpRow.organizations(idsMatch: idsMatch)),
                ("people", FollowUpRow.people(idsMatch: idsMatch)),
            ])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> FollowUp {
        let id = try row.integer("id") ?? 0
        return try FollowUpRow.followUp(
            row, organizationIds: children("organizations", of: id).compactMap { try $0.integer("organization_id") },
            personIds: children("people", of: id).compactMap { try $0.integer("person_id") })
    }

    /// The records named, and the report it came from with the task keys of its follow-ups, so the write can
    /// tick this one's line in the same transaction.
    public static func referenceLookups(_ input: FollowUpInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .of("accounts", [input.assigneeAccountId].compactMap { $0 }, dialect: dialect) {
                "SELECT id FROM account WHERE id \($0)"
            },
            .of("organizations", input.organizationIds, dialect: dialect) {
                "SELECT id FROM organization WHERE id \($0)"
            },
            .of("people", input.personIds, dialect: dialect) { "SELECT id FROM person WHERE id \($0)" },
            .existing("activity", in: "activity", [input.activityId].compactMap { $0 }, dialect: dialect),
            .of("report", [input.reportId].compactMap { $0 }, dialect: dialect) {
                "SELECT id, body FROM report WHERE id \($0) \(dialect.lockAgainstDeletion)"
            },
            .of("reportTasks", [input.reportId].compactMap { $0 }, dialect: dialect) {
                "SELECT id, task_key FROM follow_up WHERE report_id \($0) AND task_key IS NOT NULL"
            },
        ].compactMap { $0 }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: FollowUpInput, found: FoundRows<Row>) throws
        -> CheckedFollowUp
    {
        let errors = input.referenceErrors(
            accountIds: try found.ids("accounts"), organizationIds: try found.ids("organizations"),
            personIds: try found.ids("people"), activityIds: try found.ids("activity"),
            reportIds: try found.ids("report"))
        if !errors.isEmpty { throw ValidationError(errors) }
        guard let id, let reportId = input.reportId, let key = try found.text("task_key", of: "reportTasks")[id],
            let body = try found.text("body", of: "report")[reportId]
        else { return CheckedFollowUp(reportLine: nil) }
        return CheckedFollowUp(reportLine: ReportLine(reportId: reportId, body: body, taskKey: key))
    }

    public static func values(_ input: FollowUpInput, _ references: CheckedFollowUp) -> [SQLBind] {
        FollowUpRow.values(input)
    }

    /// Its organizations and people, and its report's task line ticked or cleared with it.
    public static func children(of id: Int64, _ input: FollowUpInput, _ references: CheckedFollowUp)
        -> [SQLFragment]
    {
        FollowUpRow.children(of: id, input)
            + [FollowUpRow.tickingReport(references.reportLine, status: input.status, now: .storedNow())]
            .compactMap { $0 }
    }

    /// Its assignee told it is theirs, in the save's transaction.
    public static func effects(of change: RecordChange<FollowUp>) throws -> [SQLFragment] {
        guard let record = change.after else { return [] }
        return [NotificationRows.assignment(of: record, by: change.actor)].compactMap { $0 }
    }

    public var auditSummary: String { input.title }
}
