import Foundation
import LiaisonCore

/// A prospect's rows as both engines write and read them. Its moves are rows of their own, appended by the
/// write that makes them (`effects`) and never rewritten.
public enum ProspectRow {
    /// `stage_since` is worked out by the write: the day given with a new stage, or the one it had.
    public static let table = RecordTable(
        "prospect", parentKey: "prospect_id", children: [],
        [
            ("organization_id", .integer), ("stage", .text), ("stage_since", .text), ("owner_account_id", .integer),
            ("target_date", .text), ("target_activity_id", .integer), ("likelihood", .integer), ("next_step", .text),
        ])

    public static func prospect(_ row: some SQLRow, history: [StageChange]) throws -> Prospect {
        let input = ProspectInput(
            organizationId: try row.integer("organization_id") ?? 0,
            stage: PipelineStage(rawValue: try row.string("stage")) ?? .identified,
            ownerAccountId: try row.integer("owner_account_id"), targetDate: try row.text("target_date"),
            targetActivityId: try row.integer("target_activity_id"), likelihood: try row.int("likelihood"),
            nextStep: try row.text("next_step"))
        return Prospect(
            stamp: try row.stamp(), input: input,
            extras: Prospect.Extras(
                organizationName: try row.string("organization_name"), stageSince: try row.string("stage_since"),
                history: history))
    }

    public static func change(_ row: some SQLRow) throws -> StageChange {
        StageChange(
            from: try row.text("from_stage").flatMap(PipelineStage.init(rawValue:)),
            to: PipelineStage(rawValue: try row.string("to_stage")) ?? .identified,
            day: try row.string("reached_on"), at: try row.date("at") ?? Date(),
            accountId: try row.integer("account_id"),
            accountName: try row.string("account_name"), note: try row.text("note"),
            activityId: try row.integer("activity_id"))
    }

    /// The move appended when a write changes the stage.
    static func appendChange(
        prospectId: Int64, from: PipelineStage?, to: PipelineStage, day: String, note: String?, activityId: Int64?,
        actor: AuditActor, now: Date
    ) -> SQLFragment {
        .insert(
            into: "prospect_stage_change",
            "prospect_id, from_stage, to_stage, reached_on, at, account_id, account_name, note, activity_id",
            [
                .integer(prospectId), .text(from?.rawValue), .text(to.rawValue), .text(day), .date(now),
                .integer(actor.accountId), .text(actor.name), .text(note), .integer(activityId),
            ])
    }
}

/// What a prospect's reference check learned that its write uses.
public struct CheckedProspect: Sendable {
    public var organizationName: String
    public var membership: MembershipStatus
    public var memberSince: Int?
    /// The day its stage was reached, as the row will keep it.
    public var stageSince: String
}

extension Prospect: FieldAudited {
    public static let kind = RecordKind.prospect
    public static var table: RecordTable { ProspectRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: """
                SELECT p.*, o.name AS organization_name FROM prospect p JOIN organization o ON o.id = p.organization_id
                WHERE p.id \(idsMatch)
                """,
            children: [
                (
                    "history",
                    "SELECT * FROM prospect_stage_change WHERE prospect_id \(idsMatch) ORDER BY prospect_id, id"
                )
            ])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Prospect {
        let id = try row.integer("id") ?? 0
        return try ProspectRow.prospect(row, history: children("history", of: id).map { try ProspectRow.change($0) })
    }

    /// The organization is locked for the write, so two simultaneous additions of one organization cannot both
    /// find it outside the pipeline.
    public static func referenceLookups(_ input: ProspectInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .of("organization", [input.organizationId], dialect: dialect) {
                "SELECT id, name, membership_status, member_since FROM organization WHERE id \($0) \(dialect.lockAgainstWriters)"
            },
            .of("existing", [input.organizationId], dialect: dialect) {
                "SELECT id, stage, stage_since FROM prospect WHERE organization_id \($0)"
            },
            .of("accounts", [input.ownerAccountId].compactMap { $0 }, dialect: dialect) {
                "SELECT id FROM account WHERE id \($0)"
            },
            .existing(
                "activities", in: "activity", Set([input.targetActivityId, input.stageActivityId].compactMap { $0 }),
                dialect: dialect),
        ].compactMap { $0 }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: ProspectInput, found: FoundRows<Row>) throws
        -> CheckedProspect
    {
        var errors: [FieldError] = []
        let organization = found["organization"].first
        if organization == nil { errors.append(.missing("organizationId", "organization", input.organizationId)) }
        let existing = found["existing"].first
        if let existing, try existing.integer("id") != id {
            errors.append(
                FieldError(
                    field: "organizationId", rule: "unique", message: "This organization is already in the pipeline."))
        }
        let accounts = try found.ids("accounts")
        if let owner = input.ownerAccountId, !accounts.contains(owner) {
            errors.append(.missing("ownerAccountId", "staff account", owner))
        }
        let activities = try found.ids("activities")
        for (field, activityId) in [
            ("targetActivityId", input.targetActivityId), ("stageActivityId", input.stageActivityId),
        ] {
            if let activityId, !activities.contains(activityId) {
                errors.append(.missing(field, "activity", activityId))
            }
        }
        if !errors.isEmpty { throw ValidationError(errors) }
        let storedStage = try existing.flatMap { try $0.text("stage") }.flatMap(PipelineStage.init(rawValue:))
        let stageSince =
            storedStage == input.stage
            ? try existing?.string("stage_since") ?? ""
            : input.stageDate ?? LocalTime(Date(), in: .gmt).dayKey
        return CheckedProspect(
            organizationName: try organization?.string("name") ?? "",
            membership: MembershipStatus(rawValue: try organization?.string("membership_status") ?? "") ?? .none,
            memberSince: try organization?.int("member_since"), stageSince: stageSince)
    }

    public static func values(_ input: ProspectInput, _ references: CheckedProspect) -> [SQLBind] {
        [
            .integer(input.organizationId), .text(input.stage.rawValue), .text(references.stageSince),
            .integer(input.ownerAccountId), .text(input.targetDate), .integer(input.targetActivityId),
            .integer(input.likelihood.map(Int64.init)), .text(input.nextStep),
        ]
    }

    public static func children(of id: Int64, _ input: ProspectInput, _ references: CheckedProspect)
        -> [SQLFragment]
    { [] }

    public var auditSummary: String { organizationName }

    /// A new stage appends its move to the history; joining makes the organization a member (from the year
    /// it joined, unless it says since when), with its own audit entry, in the same transaction.
    public static func effects(of change: RecordChange<Prospect>) throws -> [SQLFragment] {
        guard let after = change.after, let references = change.references else { return [] }
        var statements: [SQLFragment] = []
        let from = change.before?.input.stage
        if from != after.input.stage {
            statements.append(
                ProspectRow.appendChange(
                    prospectId: after.id, from: from, to: after.input.stage, day: after.stageSince,
                    note: change.input?.stageNote, activityId: change.input?.stageActivityId, actor: change.actor,
                    now: change.now))
        }
        if after.input.stage == .joined, from != .joined, references.membership != .member {
            let year = Int(after.stageSince.prefix(4))
            statements.append(
                SQLFragment(
                    """
                    UPDATE organization SET membership_status = 'member', member_since = COALESCE(member_since, ?),
                        version = version + 1, updated_at = ?
                    WHERE id = ?
                    """, [.integer(year.map(Int64.init)), .date(change.now), .integer(after.input.organizationId)]))
            var changes = [
                FieldChange(field: "membershipStatus", before: references.membership.rawValue, after: "member")
            ]
            if references.memberSince == nil, let year {
                changes.append(FieldChange(field: "memberSince", before: nil, after: String(year)))
            }
            statements.append(
                try AuditRows.insert(
                    AuditEvent(
                        actor: change.actor, action: .update, entity: .organization,
                        entityId: after.input.organizationId, summary: references.organizationName, changes: changes),
                    at: change.now, dialect: change.dialect))
        }
        return statements
    }
}
