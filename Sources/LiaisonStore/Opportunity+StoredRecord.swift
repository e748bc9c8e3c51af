import Foundation
import LiaisonCore

/// An opportunity's rows as both engines write and read them: its own row and its invitations in order.
public enum OpportunityRow {
    public static let table = RecordTable(
        "opportunity", parentKey: "opportunity_id", children: ["opportunity_invitation"],
        [
            ("title", .text), ("kind", .text), ("theme", .text), ("theme_key", .text), ("deadline", .text),
            ("eligibility", .text), ("description", .text), ("activity_id", .integer),
        ])
}

extension Opportunity: FieldAudited {
    public static let kind = RecordKind.opportunity
    public static var table: RecordTable { OpportunityRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: "SELECT * FROM opportunity WHERE id \(idsMatch)",
            children: [
                ("invitations", orderedChildren("opportunity_invitation", idsMatch: idsMatch))
            ])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Opportunity {
        let id = try row.integer("id") ?? 0
        let invitations = try children("invitations", of: id).map { invitation in
            OpportunityInvitation(
                organizationId: try invitation.integer("organization_id") ?? 0,
                answer: InvitationAnswer(rawValue: try invitation.string("answer")) ?? .invited,
                sentOn: try invitation.text("sent_on"))
        }
        let input = OpportunityInput(
            title: try row.string("title"),
            kind: OpportunityKind(rawValue: try row.string("kind")) ?? .other, theme: try row.text("theme"),
            deadline: try row.text("deadline"), eligibility: try row.text("eligibility"),
            description: try row.text("description"), activityId: try row.integer("activity_id"),
            invitations: invitations)
        return Opportunity(stamp: try row.stamp(), input: input)
    }

    public static func referenceLookups(_ input: OpportunityInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .existing(
                "organizations", in: "organization", Set(input.invitations.map(\.organizationId)), dialect: dialect),
            .existing("activity", in: "activity", [input.activityId].compactMap { $0 }, dialect: dialect),
        ].compactMap { $0 }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: OpportunityInput, found: FoundRows<Row>)
        throws
    {
        let organizations = try found.ids("organizations")
        var errors: [FieldError] = []
        for (index, invitation) in input.invitations.enumerated()
        where !organizations.contains(invitation.organizationId) {
            errors.append(.missing("invitations[\(index)].organizationId", "organization", invitation.organizationId))
        }
        if let activityId = input.activityId, try !found.ids("activity").contains(activityId) {
            errors.append(.missing("activityId", "activity", activityId))
        }
        if !errors.isEmpty { throw ValidationError(errors) }
    }

    public static func values(_ input: OpportunityInput, _ references: Void) -> [SQLBind] {
        [
            .text(input.title), .text(input.kind.rawValue), .text(input.theme),
            .text(input.theme.map(WorkingGroupRow.themeKey)), .text(input.deadline), .text(input.eligibility),
            .text(input.description), .integer(input.activityId),
        ]
    }

    public static func children(of id: Int64, _ input: OpportunityInput, _ references: Void) -> [SQLFragment] {
        input.invitations.enumerated().map { position, invitation in
            .insert(
                into: "opportunity_invitation", "opportunity_id, position, organization_id, answer, sent_on",
                [
                    .integer(id), .integer(position), .integer(invitation.organizationId),
                    .text(invitation.answer.rawValue), .text(invitation.sentOn),
                ])
        }
    }

    public var auditSummary: String { input.title }
}

/// An opportunity as the list shows it: how many were invited and how they answered.
public struct OpportunitySummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var title: String
    public var kind: OpportunityKind
    public var theme: String?
    public var deadline: String?
    /// How many invitations have each answer, by the answer's name.
    public var answers: [String: Int]
    public var version: Int
}

/// An organization's place in an opportunity, for its page.
public struct OrganizationOpportunity: Sendable, Hashable, Codable {
    public var opportunity: LinkedName
    public var answer: InvitationAnswer
    public var deadline: String?
}

extension LiaisonStore {
    public func opportunity(id: Int64) async throws -> Opportunity? {
        try await records(Opportunity.self, ids: [id]).first
    }

    public func createOpportunity(_ input: OpportunityInput, by actor: AuditActor) async throws -> Opportunity {
        try await createRecord(try input.checked(), by: actor)
    }

    public func updateOpportunity(id: Int64, expectedVersion: Int, _ input: OpportunityInput, by actor: AuditActor)
        async throws -> Opportunity
    {
        try await updateRecord(
            Opportunity.self, id: id, expectedVersion: expectedVersion, try input.checked(), by: actor)
    }

    public func deleteOpportunity(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(Opportunity.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    /// Every opportunity, the nearest deadline first (those with none last), with its answers counted.
    public func listOpportunities() async throws -> [OpportunitySummary] {
        var items = try await fetch(
            SQLFragment(
                """
                SELECT id, title, kind, theme, deadline, version FROM opportunity
                ORDER BY CASE WHEN deadline IS NULL THEN 1 ELSE 0 END, deadline, id LIMIT 1000
                """)
        ) {
            OpportunitySummary(
                id: try $0.integer("id") ?? 0, title: try $0.string("title"),
                kind: OpportunityKind(rawValue: try $0.string("kind")) ?? .other, theme: try $0.text("theme"),
                deadline: try $0.text("deadline"), answers: [:], version: try $0.int("version") ?? 1)
        }
        let counts = try await fetch(
            SQLFragment(
                "SELECT opportunity_id, answer, count(*) AS n FROM opportunity_invitation GROUP BY opportunity_id, answer"
            )
        ) {
            (
                try $0.integer("opportunity_id") ?? 0, InvitationAnswer(rawValue: try $0.string("answer")) ?? .invited,
                try $0.int("n") ?? 0
            )
        }
        let positions = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        for (id, answer, count) in counts {
            if let index = positions[id] { items[index].answers[answer.rawValue] = count }
        }
        return items
    }

    /// The opportunities the organization was invited to, with its answer.
    public func opportunities(organizationId: Int64) async throws -> [OrganizationOpportunity] {
        try await reading { _ in OrganizationOpportunity.reading(organizationId: organizationId) }
    }
}

extension OrganizationOpportunity {
    /// The opportunities an organization is invited to, latest deadline first (at most 100).
    static func reading(organizationId: Int64) -> SQLPlan<[OrganizationOpportunity]> {
        SQLFragment(
            """
            SELECT o.id, o.title, o.deadline, i.answer FROM opportunity_invitation i
            JOIN opportunity o ON o.id = i.opportunity_id WHERE i.organization_id = ?
            ORDER BY CASE WHEN o.deadline IS NULL THEN 1 ELSE 0 END, o.deadline DESC, o.id LIMIT 100
            """, [.integer(organizationId)]
        ).rows {
            OrganizationOpportunity(
                opportunity: LinkedName(id: try $0.integer("id") ?? 0, name: try $0.string("title")),
                answer: InvitationAnswer(rawValue: try $0.string("answer")) ?? .invited,
                deadline: try $0.text("deadline"))
        }
    }
}
