import Foundation
import LiaisonCore

/// What a report's save learned while checking its references: the names its links keep.
public struct CheckedReport: Sendable {
    public var organizationNames: [Int64: String]
    public var personNames: [Int64: String]

    public init(organizationNames: [Int64: String] = [:], personNames: [Int64: String] = [:]) {
        self.organizationNames = organizationNames
        self.personNames = personNames
    }

    public func name(of target: MentionTarget) -> String? {
        target.kind == .organization ? organizationNames[target.id] : personNames[target.id]
    }
}

/// A report's rows as both engines write and read them: its own row, its authors, reviewers and links,
/// and what a save makes from its text (the follow-ups of its task lines, the inbox entries of the
/// colleagues it names or asks to review it).
public enum ReportRow {
    public static let table = RecordTable(
        "report", parentKey: "report_id", children: ["report_author", "report_reviewer", "report_link"],
        [
            ("title", .text), ("body", .text), ("status", .text), ("activity_id", .integer),
            ("organization_id", .integer), ("search_text", .text),
        ])

    public static func values(_ input: ReportInput) -> [SQLBind] {
        [
            .text(input.title), .text(input.body), .text(input.status.rawValue), .integer(input.activityId),
            .integer(input.organizationId), .text(searchDocument(input)),
        ]
    }

    /// The text the search box finds a report by: its title first, then its words.
    public static func searchDocument(_ input: ReportInput) -> String {
        SearchText.document(names: [input.title, input.body])
    }

    /// The links a save writes: what the text names (unless an author removed it), what authors added, and
    /// what they removed (kept, so the text cannot bring it back). Targets no longer in the directory are
    /// left out.
    public static func links(_ input: ReportInput, _ checked: CheckedReport) -> [(MentionTarget, String, String)] {
        let handled = Set(input.linksAdded).union(input.linksRemoved)
        var seen = handled
        let found = input.resolved.found.filter { seen.insert($0).inserted }.map { ($0, "found") }
        return (found + input.linksAdded.map { ($0, "added") } + input.linksRemoved.map { ($0, "removed") })
            .compactMap { target, state in checked.name(of: target).map { (target, $0, state) } }
    }

    /// The child rows of report `id`, the follow-ups of its task lines and the inbox entries it makes.
    public static func children(of id: Int64, _ input: ReportInput, _ checked: CheckedReport) -> [SQLFragment] {
        let resolved = input.resolved
        var statements: [SQLFragment] = [
            SQLFragment(
                "UPDATE report SET created_by = ? WHERE id = ? AND created_by IS NULL",
                [.integer(resolved.savedByAccountId), .integer(id)])
        ]
        for (table, ids) in [("report_author", input.authorAccountIds), ("report_reviewer", input.reviewerAccountIds)] {
            statements += ids.enumerated().map { index, accountId in
                .insert(
                    into: table, "report_id, position, account_id",
                    [.integer(id), .integer(index), .integer(accountId)])
            }
        }
        let links = links(input, checked)
        statements += links.map { target, name, state in
            .insert(
                into: "report_link", "report_id, organization_id, person_id, name, state",
                [
                    .integer(id), .integer(target.kind == .organization ? target.id : nil),
                    .integer(target.kind == .person ? target.id : nil), .text(name), .text(state),
                ])
        }
        let organizations = links.filter { $0.0.kind == .organization && $0.2 == "found" }.map(\.0.id)
        statements += followUps(of: id, input, organizations: organizations)
        statements += notifications(of: id, input)
        return statements
    }

    /// One follow-up per task line, made on the first save and kept in step after: a ticked line closes
    /// it, an unticked line reopens a closed one, and a line's `@name` and `due` date replace what it had.
    static func followUps(of id: Int64, _ input: ReportInput, organizations: [Int64]) -> [SQLFragment] {
        var seen = Set<String>()
        let tasks = ReportTasks.tasks(in: input.body).filter { !$0.key.isEmpty && seen.insert($0.key).inserted }
        let newStatus = """
            CASE WHEN excluded.status = 'done' THEN 'done' WHEN follow_up.status = 'done' THEN 'open'
            ELSE follow_up.status END
            """
        return tasks.flatMap { task -> [SQLFragment] in
            let resolved = input.resolved
            let upsert = SQLFragment(
                """
                INSERT INTO follow_up (title, assignee_account_id, due_date, status, priority, activity_id, report_id,
                    task_key, created_by, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'normal', ?, ?, ?, ?, 1, ?, ?)
                ON CONFLICT (report_id, task_key) DO UPDATE SET status = \(newStatus),
                    assignee_account_id = coalesce(excluded.assignee_account_id, follow_up.assignee_account_id),
                    due_date = coalesce(excluded.due_date, follow_up.due_date),
                    version = follow_up.version + 1, updated_at = excluded.updated_at
                WHERE \(newStatus) <> follow_up.status
                    OR excluded.assignee_account_id <> coalesce(follow_up.assignee_account_id, 0)
                    OR excluded.due_date <> coalesce(follow_up.due_date, '')
                """,
                [
                    .text(task.title), .integer(resolved.assignees[task.key]), .text(task.dueDate),
                    .text(task.done ? "done" : "open"), .integer(input.activityId), .integer(id), .text(task.key),
                    .integer(resolved.savedByAccountId), .date(resolved.savedAt), .date(resolved.savedAt),
                ])
            let linked = organizations.map { organizationId in
                SQLFragment(
                    """
                    INSERT INTO follow_up_organization (follow_up_id, position, organization_id)
                    SELECT f.id, (SELECT coalesce(max(x.position) + 1, 0) FROM follow_up_organization x
                        WHERE x.follow_up_id = f.id), ?
                    FROM follow_up f WHERE f.report_id = ? AND f.task_key = ?
                    ON CONFLICT DO NOTHING
                    """, [.integer(organizationId), .integer(id), .text(task.key)])
            }
            return [upsert] + linked
        }
    }

    /// An inbox entry for each colleague asked to review the report and each its text names, once each
    /// (the `once_key` keeps a later save from notifying again); the one saving is not told of their own act.
    static func notifications(of id: Int64, _ input: ReportInput) -> [SQLFragment] {
        let resolved = input.resolved
        let entries =
            input.reviewerAccountIds.map { ($0, NotificationReason.reviewRequested) }
            + resolved.mentionedAccountIds.map { ($0, NotificationReason.mentioned) }
        return entries.filter { $0.0 != resolved.savedByAccountId }.map { accountId, reason in
            SQLFragment(
                """
                INSERT INTO notification (account_id, reason, subject, subject_id, title, actor_account_id,
                    created_at, once_key)
                VALUES (?, ?, 'report', ?, ?, ?, ?, ?) ON CONFLICT (once_key) DO NOTHING
                """,
                [
                    .integer(accountId), .text(reason.rawValue), .integer(id), .text(input.title),
                    .integer(resolved.savedByAccountId), .date(resolved.savedAt),
                    .text("report:\(id):\(reason.rawValue):\(accountId)"),
                ])
        }
    }

    // MARK: Reading back, many reports at a time

    public static func reports(idsMatch: String) -> String {
        """
        SELECT r.*, a.title AS activity_title, a.kind AS activity_kind, o.name AS organization_name FROM report r
        LEFT JOIN activity a ON a.id = r.activity_id LEFT JOIN organization o ON o.id = r.organization_id
        WHERE r.id \(idsMatch)
        """
    }

    public static func staff(_ table: String, idsMatch: String) -> String {
        """
        SELECT s.report_id, a.id, a.name, a.email FROM \(table) s JOIN account a ON a.id = s.account_id
        WHERE s.report_id \(idsMatch) ORDER BY s.report_id, s.position
        """
    }

    public static func links(idsMatch: String) -> String {
        """
        SELECT l.report_id, l.organization_id, l.person_id, coalesce(o.name, p.display_name, l.name) AS name,
            l.state
        FROM report_link l LEFT JOIN organization o ON o.id = l.organization_id
            LEFT JOIN person p ON p.id = l.person_id
        WHERE l.report_id \(idsMatch) ORDER BY l.report_id, name
        """
    }

    public static func staffContact(_ row: some SQLRow) throws -> StaffContact {
        StaffContact(id: try row.integer("id") ?? 0, name: try row.string("name"), email: try row.string("email"))
    }

    public static func link(_ row: some SQLRow) throws -> (link: ReportLink, state: String) {
        let target =
            if let organizationId = try row.integer("organization_id") {
                MentionTarget(.organization, organizationId)
            } else {
                MentionTarget(.person, try row.integer("person_id") ?? 0)
            }
        let state = try row.string("state")
        return (ReportLink(target: target, name: try row.string("name"), found: state == "found"), state)
    }

    /// A report from its row and the rows of its tables.
    public static func report(
        _ row: some SQLRow, authors: [StaffContact], reviewers: [StaffContact],
        links: [(link: ReportLink, state: String)]
    ) throws -> Report {
        var input = ReportInput(
            title: try row.string("title"), body: try row.string("body"),
            status: ReportStatus(rawValue: try row.string("status")) ?? .draft, authorAccountIds: authors.map(\.id),
            reviewerAccountIds: reviewers.map(\.id), activityId: try row.integer("activity_id"),
            organizationId: try row.integer("organization_id"),
            linksAdded: links.filter { $0.state == "added" }.map(\.link.target),
            linksRemoved: links.filter { $0.state == "removed" }.map(\.link.target))
        input.resolved.found = links.filter { $0.state == "found" }.map(\.link.target)
        let stamp = try row.stamp()
        return Report(
            id: stamp.id, input: input, links: links.filter { $0.state != "removed" }.map(\.link),
            createdByAccountId: try row.integer("created_by"), version: stamp.version, createdAt: stamp.createdAt,
            updatedAt: stamp.updatedAt, activityTitle: try row.text("activity_title"),
            activityKind: try row.text("activity_kind").flatMap(ActivityKind.init(rawValue:)),
            organizationName: try row.text("organization_name"), authors: authors, reviewers: reviewers)
    }

    // MARK: Checking references

    /// The look-ups of what `input` refers to, as (name, ids, statement made from the ids' match).
    public static func referenceLookups(_ input: ReportInput) -> [(String, [Int64], (String) -> String)] {
        let targets = input.resolved.found + input.linksAdded + input.linksRemoved
        let organizations = Set(targets.filter { $0.kind == .organization }.map(\.id) + [input.organizationId])
            .compactMap { $0 }
        return [
            ("organizations", organizations, { "SELECT id, name FROM organization WHERE id \($0)" }),
            (
                "people", Array(Set(targets.filter { $0.kind == .person }.map(\.id))),
                { "SELECT id, display_name FROM person WHERE id \($0)" }
            ),
            (
                "accounts", Array(Set(input.authorAccountIds + input.reviewerAccountIds)),
                { "SELECT id FROM account WHERE id \($0)" }
            ),
            ("activity", [input.activityId].compactMap { $0 }, { "SELECT id FROM activity WHERE id \($0)" }),
        ]
    }

    /// Refuses references to records that do not exist (an author's added link, an account, the activity,
    /// the organization); what the text found and no longer exists is simply not linked.
    public static func checked(
        _ input: ReportInput, organizationNames: [Int64: String], personNames: [Int64: String],
        accountIds: Set<Int64>, activityIds: Set<Int64>
    ) throws(ValidationError) -> CheckedReport {
        var errors: [FieldError] = []
        for (field, ids) in [
            ("authorAccountIds", input.authorAccountIds), ("reviewerAccountIds", input.reviewerAccountIds),
        ] {
            for (index, id) in ids.enumerated() where !accountIds.contains(id) {
                errors.append(
                    FieldError(
                        field: "\(field)[\(index)]", rule: "not_found", message: "No staff account has id \(id)."))
            }
        }
        if let id = input.activityId, !activityIds.contains(id) {
            errors.append(FieldError(field: "activityId", rule: "not_found", message: "No activity has id \(id)."))
        }
        if let id = input.organizationId, organizationNames[id] == nil {
            errors.append(
                FieldError(field: "organizationId", rule: "not_found", message: "No organization has id \(id)."))
        }
        let checked = CheckedReport(organizationNames: organizationNames, personNames: personNames)
        for (index, target) in input.linksAdded.enumerated() where checked.name(of: target) == nil {
            errors.append(
                FieldError(
                    field: "linksAdded[\(index)]", rule: "not_found",
                    message: "No \(target.kind.rawValue) has id \(target.id)."))
        }
        if !errors.isEmpty { throw ValidationError(errors) }
        return checked
    }
}

extension AuditEvent {
    /// A report created (`before` nil), updated, or deleted (`after` nil), field by field; the links the text
    /// names count among its fields, so the trail shows what a save linked.
    public static func report(
        _ action: AuditAction, _ report: Report, from before: ReportInput?, to after: ReportInput?,
        by actor: AuditActor
    ) -> AuditEvent {
        AuditEvent(
            actor: actor, action: action, entity: .report, entityId: report.id, summary: report.input.title,
            changes: AuditDiff.changes(from: before.map(AuditedReport.init), to: after.map(AuditedReport.init)))
    }
}

/// A report's fields as its audit entries compare them.
private struct AuditedReport: Encodable {
    let input: ReportInput
    let linksFound: [MentionTarget]

    init(_ input: ReportInput) {
        self.input = input
        linksFound = input.resolved.found.sorted()
    }

    func encode(to encoder: any Encoder) throws {
        try input.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(linksFound, forKey: Key(stringValue: "linksFound"))
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension Report: StoredRecord {
    public static let kind = RecordKind.report
    public static var table: RecordTable { ReportRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: ReportRow.reports(idsMatch: idsMatch),
            children: [
                ("authors", ReportRow.staff("report_author", idsMatch: idsMatch)),
                ("reviewers", ReportRow.staff("report_reviewer", idsMatch: idsMatch)),
                ("links", ReportRow.links(idsMatch: idsMatch)),
            ])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Report {
        let id = try row.integer("id") ?? 0
        return try ReportRow.report(
            row, authors: children("authors", of: id).map { try ReportRow.staffContact($0) },
            reviewers: children("reviewers", of: id).map { try ReportRow.staffContact($0) },
            links: children("links", of: id).map { try ReportRow.link($0) })
    }

    public static func referenceLookups(_ input: ReportInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        ReportRow.referenceLookups(input).compactMap { name, ids, sql in
            .of(name, ids, dialect: dialect) { sql($0) + (name == "activity" ? " \(dialect.lockAgainstDeletion)" : "") }
        }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: ReportInput, found: FoundRows<Row>) throws
        -> CheckedReport
    {
        try ReportRow.checked(
            input, organizationNames: try found.text("name", of: "organizations"),
            personNames: try found.text("display_name", of: "people"), accountIds: try found.ids("accounts"),
            activityIds: try found.ids("activity"))
    }

    public static func values(_ input: ReportInput, _ references: CheckedReport) -> [SQLBind] {
        ReportRow.values(input)
    }

    public static func children(of id: Int64, _ input: ReportInput, _ references: CheckedReport) -> [SQLFragment] {
        ReportRow.children(of: id, input, references)
    }

    public static func audit(
        _ action: AuditAction, _ record: Report, from before: ReportInput?, to after: ReportInput?,
        by actor: AuditActor
    ) -> AuditEvent {
        .report(action, record, from: before, to: after, by: actor)
    }
}

extension LiaisonStore {
    public func report(id: Int64) async throws -> Report? { try await records(Report.self, ids: [id]).first }

    /// Stores a report as `ReportIntake` resolved it; the save writes its links, the follow-ups of its task
    /// lines and the inbox entries it makes, all in its one transaction.
    public func createReport(_ input: ReportInput, by actor: AuditActor) async throws -> Report {
        try await createRecord(input, by: actor)
    }

    public func updateReport(id: Int64, expectedVersion: Int, _ input: ReportInput, by actor: AuditActor)
        async throws -> Report
    {
        try await updateRecord(Report.self, id: id, expectedVersion: expectedVersion, input, by: actor)
    }

    public func deleteReport(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(Report.self, id: id, expectedVersion: expectedVersion, by: actor)
    }
}
