import Foundation
import LiaisonCore

/// What a comment's save learned while checking its references: the report it is under.
public struct CheckedComment: Sendable {
    public var reportTitle: String
}

/// A comment's rows as both engines write and read them, and the inbox entries its save makes.
public enum CommentRows {
    public static let table = RecordTable(
        "comment", parentKey: "comment_id", children: [],
        [("report_id", .integer), ("author_account_id", .integer), ("body", .text)])

    public static func comments(idsMatch: String) -> String {
        """
        SELECT c.*, r.title AS report_title, a.name AS author_name FROM comment c
        JOIN report r ON r.id = c.report_id LEFT JOIN account a ON a.id = c.author_account_id
        WHERE c.id \(idsMatch)
        """
    }

    public static func comment(_ row: some SQLRow) throws -> ReportComment {
        let stamp = try row.stamp()
        return ReportComment(
            id: stamp.id,
            input: CommentInput(
                reportId: try row.integer("report_id") ?? 0, body: try row.string("body"),
                authorAccountId: try row.integer("author_account_id")),
            authorName: try row.text("author_name"), reportTitle: try row.string("report_title"),
            version: stamp.version, createdAt: stamp.createdAt, updatedAt: stamp.updatedAt)
    }

    /// The ids of a report's comments, oldest first.
    public static func ids(ofReport reportId: Int64) -> SQLFragment {
        SQLFragment(
            "SELECT id FROM comment WHERE report_id = ? ORDER BY id LIMIT ?",
            [.integer(reportId), .integer(Int64(CommentInput.maxPerReport))])
    }

    /// An inbox entry for each colleague the comment's `@handles` name, once each however often it is edited;
    /// on its creation, one for each author of the report it is under (but a colleague named is told once,
    /// and nobody of their own comment).
    static func notifications(_ input: CommentInput, of comment: ReportComment, created: Bool, by actor: AuditActor)
        -> [SQLFragment]
    {
        let now = Date.storedNow()
        let named = input.mentionedAccountIds.filter { $0 != actor.accountId }
        var statements = named.map { accountId in
            NotificationRows.insert(
                accountId: accountId, reason: .mentioned, subject: .comment, subjectId: comment.id,
                title: comment.reportTitle, actorAccountId: actor.accountId,
                onceKey: "comment:\(comment.id):mentioned:\(accountId)", now: now)
        }
        guard created else { return statements }
        let exceptNamed =
            named.isEmpty
            ? "" : " AND ra.account_id NOT IN (\(Array(repeating: "?", count: named.count).joined(separator: ", ")))"
        statements.append(
            SQLFragment(
                """
                INSERT INTO notification (account_id, reason, subject, subject_id, title, actor_account_id,
                    created_at, once_key)
                SELECT ra.account_id, ?, 'comment', ?, ?, CAST(? AS BIGINT), ?, ? || ra.account_id FROM report_author ra
                WHERE ra.report_id = ? AND ra.account_id <> ?\(exceptNamed)
                ON CONFLICT (once_key) DO NOTHING
                """,
                [
                    .text(NotificationReason.commented.rawValue), .integer(comment.id), .text(comment.reportTitle),
                    .integer(actor.accountId), .date(now), .text("comment:\(comment.id):commented:"),
                    .integer(comment.input.reportId), .integer(actor.accountId ?? 0),
                ] + named.map { .integer($0) }))
        return statements
    }
}

extension ReportComment: StoredRecord {
    public static let kind = RecordKind.comment
    public static var table: RecordTable { CommentRows.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(records: CommentRows.comments(idsMatch: idsMatch), children: [])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> ReportComment {
        try CommentRows.comment(row)
    }

    /// The report, held against other comments being added to it until the save ends, then its comments
    /// counted (in a statement of their own, so the count sees every comment committed while the report was
    /// waited for): its thread never passes its cap however many colleagues comment at once.
    public static func referenceLookups(_ input: CommentInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .of("report", [input.reportId], dialect: dialect) {
                "SELECT id, title FROM report WHERE id \($0) \(dialect.lockAgainstWriters)"
            },
            .of("comments", [input.reportId], dialect: dialect) {
                "SELECT count(*) AS n FROM comment WHERE report_id \($0)"
            },
        ].compactMap { $0 }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: CommentInput, found: FoundRows<Row>) throws
        -> CheckedComment
    {
        guard let row = found["report"].first else {
            throw ValidationError(
                field: "reportId", rule: "not_found", message: "No report has id \(input.reportId).")
        }
        if id == nil, try found["comments"].first?.int("n") ?? 0 >= CommentInput.maxPerReport {
            throw ValidationError(
                field: "reportId", rule: "max_count",
                message: "A report holds at most \(CommentInput.maxPerReport) comments.")
        }
        return CheckedComment(reportTitle: try row.string("title"))
    }

    public static func values(_ input: CommentInput, _ references: CheckedComment) -> [SQLBind] {
        [.integer(input.reportId), .integer(input.authorAccountId), .text(input.body)]
    }

    public static func children(of id: Int64, _ input: CommentInput, _ references: CheckedComment) -> [SQLFragment] {
        []
    }

    /// The colleagues it names and the report's authors told, in the save's transaction.
    public static func effects(of change: RecordChange<ReportComment>) throws -> [SQLFragment] {
        guard let record = change.after, let input = change.input else { return [] }
        return CommentRows.notifications(input, of: record, created: change.before == nil, by: change.actor)
    }

    public static func audit(
        _ action: AuditAction, _ record: ReportComment, from before: CommentInput?, to after: CommentInput?,
        by actor: AuditActor
    ) -> AuditEvent {
        AuditEvent(
            actor: actor, action: action, entity: .comment, entityId: record.id,
            summary: "\(record.authorName ?? actor.name) on “\(record.reportTitle)”",
            changes: AuditDiff.changes(from: before, to: after))
    }
}

/// A comment's writes: normalized and checked, its `@handles` resolved among the staff, then stored through
/// the one write flow with the inbox entries it makes.
extension LiaisonStore {
    public func comment(id: Int64) async throws -> ReportComment? {
        try await records(ReportComment.self, ids: [id]).first
    }

    /// The report's comments, oldest first (none for a report that does not exist).
    public func comments(ofReport reportId: Int64) async throws -> [ReportComment] {
        let ids = try await fetch(CommentRows.ids(ofReport: reportId)) { try $0.integer("id") ?? 0 }
        return try await records(ReportComment.self, ids: ids)
    }

    /// Stores a new comment by `actor` under its report. Throws `ValidationError` naming every rule it breaks.
    public func createComment(_ input: CommentInput, by actor: AuditActor) async throws -> ReportComment {
        var input = input
        input.authorAccountId = actor.accountId
        return try await createRecord(try await resolved(input), by: actor)
    }

    /// Replaces the comment's text when `expectedVersion` is current; its report and author stay.
    public func updateComment(id: Int64, expectedVersion: Int, body: String, by actor: AuditActor) async throws
        -> ReportComment
    {
        guard let current = try await comment(id: id) else { throw StoreError.notFound(entity: .comment, id: id) }
        var input = current.input
        input.body = body
        return try await updateRecord(
            ReportComment.self, id: id, expectedVersion: expectedVersion, try await resolved(input), by: actor)
    }

    public func deleteComment(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(ReportComment.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    private func resolved(_ input: CommentInput) async throws -> CommentInput {
        var input = input.normalized()
        try input.validate()
        let staff = try await accounts().filter { !$0.disabled }
        input.mentionedAccountIds = StaffHandles(staff.map { (id: $0.id, name: $0.name, email: $0.email) })
            .accounts(in: input.body)
        return input
    }
}
