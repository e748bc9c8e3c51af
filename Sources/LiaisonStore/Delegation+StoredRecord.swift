import Foundation
import LiaisonCore

/// A delegation's rows as both engines write and read them. Its registered counts are worked out from its
/// registrations by the write that replaces them, so the forecast reads one row per delegation.
public enum DelegationRow {
    public static let table = RecordTable(
        "delegation", parentKey: "delegation_id", children: ["delegation_registration"],
        [
            ("activity_id", .integer), ("organization_id", .integer), ("organization_name", .text), ("state", .text),
            ("sent_on", .text), ("sent_by_account_id", .integer), ("letter_language", .text),
            ("expected_size", .integer), ("mayor_heads", .bool), ("expected_mode", .text), ("note", .text),
            ("registered_in_person", .integer), ("registered_virtual", .integer),
        ])

    static func registration(_ row: some SQLRow) throws -> DelegationRegistration {
        DelegationRegistration(
            personId: try row.integer("person_id"), personName: try row.text("person_name"),
            role: DelegateRole(rawValue: try row.string("role")) ?? .member,
            mode: AttendanceMode(rawValue: try row.string("mode")) ?? .inPerson,
            state: RegistrationState(rawValue: try row.string("state")) ?? .registered,
            visaLetter: try row.bool("visa_letter") ?? false, interpretation: try row.text("interpretation"))
    }
}

/// What a delegation's reference check learned that its rows keep: the names of the organization and people.
public struct CheckedDelegation: Sendable {
    public var organizationName: String
    public var personNames: [Int64: String]
}

extension Delegation: FieldAudited {
    public static let kind = RecordKind.delegation
    public static var table: RecordTable { DelegationRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: """
                SELECT d.*, a.title AS activity_title, acc.name AS sent_by_name FROM delegation d
                JOIN activity a ON a.id = d.activity_id LEFT JOIN account acc ON acc.id = d.sent_by_account_id
                WHERE d.id \(idsMatch)
                """,
            children: [("registrations", orderedChildren("delegation_registration", idsMatch: idsMatch))])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Delegation {
        let id = try row.integer("id") ?? 0
        let input = DelegationInput(
            activityId: try row.integer("activity_id") ?? 0, organizationId: try row.integer("organization_id"),
            state: DelegationInvitationState(rawValue: try row.string("state")) ?? .notSent,
            sentOn: try row.text("sent_on"), sentByAccountId: try row.integer("sent_by_account_id"),
            letterLanguage: try row.text("letter_language"), expectedSize: try row.int("expected_size"),
            mayorHeads: try row.bool("mayor_heads") ?? false,
            expectedMode: AttendanceMode(rawValue: try row.string("expected_mode")) ?? .inPerson,
            note: try row.text("note"),
            registrations: try children("registrations", of: id).map { try DelegationRow.registration($0) })
        return Delegation(
            stamp: try row.stamp(), input: input,
            extras: Delegation.Extras(
                organizationName: try row.string("organization_name"), activityTitle: try row.string("activity_title"),
                sentByName: try row.text("sent_by_name")))
    }

    /// The organization is locked for the write, so two simultaneous invitations of one organization to one
    /// event cannot both find it without a delegation (the unique index stands behind this).
    public static func referenceLookups(_ input: DelegationInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        let organization: [Int64] = input.organizationId.map { [$0] } ?? []
        let account: [Int64] = input.sentByAccountId.map { [$0] } ?? []
        let people: [Int64] = Array(Set(input.registrations.compactMap(\.personId)))
        let lookups: [ReferenceLookup?] = [
            .of("organization", organization, dialect: dialect) { match in
                "SELECT id, name FROM organization WHERE id \(match) \(dialect.lockAgainstWriters)"
            },
            .of("existing", organization, dialect: dialect) { match in
                "SELECT id, activity_id FROM delegation WHERE organization_id \(match)"
            },
            .existing("activity", in: "activity", [input.activityId], dialect: dialect),
            .of("account", account, dialect: dialect) { match in "SELECT id FROM account WHERE id \(match)" },
            .of("people", people, dialect: dialect) { match in
                "SELECT id, display_name FROM person WHERE id \(match)"
            },
        ]
        return lookups.compactMap { $0 }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: DelegationInput, found: FoundRows<Row>)
        throws -> CheckedDelegation
    {
        var errors: [FieldError] = []
        let organizations = try found.text("name", of: "organization")
        if let organizationId = input.organizationId {
            if organizations[organizationId] == nil {
                errors.append(.missing("organizationId", "organization", organizationId))
            }
        } else if id == nil {
            errors.append(FieldError(field: "organizationId", rule: "required", message: "Organization is required."))
        }
        for row in found["existing"] where try row.integer("activity_id") == input.activityId {
            if try row.integer("id") != id {
                errors.append(
                    FieldError(
                        field: "organizationId", rule: "unique",
                        message: "This organization already has a delegation to this event."))
            }
        }
        if try !found.ids("activity").contains(input.activityId) {
            errors.append(.missing("activityId", "activity", input.activityId))
        }
        if let account = input.sentByAccountId, try !found.ids("account").contains(account) {
            errors.append(.missing("sentByAccountId", "staff account", account))
        }
        let people = try found.text("display_name", of: "people")
        for (index, registration) in input.registrations.enumerated() {
            if let personId = registration.personId, people[personId] == nil {
                errors.append(.missing("registrations[\(index)].personId", "person", personId))
            }
        }
        if !errors.isEmpty { throw ValidationError(errors) }
        return CheckedDelegation(
            organizationName: input.organizationId.flatMap { organizations[$0] } ?? "", personNames: people)
    }

    public static func values(_ input: DelegationInput, _ references: CheckedDelegation) -> [SQLBind] {
        let registered = input.registered
        return [
            .integer(input.activityId), .integer(input.organizationId), .text(references.organizationName),
            .text(input.state.rawValue), .text(input.sentOn), .integer(input.sentByAccountId),
            .text(input.letterLanguage), .integer(input.expectedSize), .bool(input.mayorHeads),
            .text(input.expectedMode.rawValue), .text(input.note), .integer(registered.inPerson),
            .integer(registered.virtual),
        ]
    }

    public static func children(of id: Int64, _ input: DelegationInput, _ references: CheckedDelegation)
        -> [SQLFragment]
    {
        input.registrations.enumerated().map { position, registration in
            let name = registration.personId.flatMap { references.personNames[$0] } ?? registration.personName ?? ""
            return .insert(
                into: "delegation_registration",
                "delegation_id, position, person_id, person_name, role, mode, state, visa_letter, interpretation",
                [
                    .integer(id), .integer(position), .integer(registration.personId), .text(name),
                    .text(registration.role.rawValue), .text(registration.mode.rawValue),
                    .text(registration.state.rawValue), .bool(registration.visaLetter),
                    .text(registration.interpretation),
                ])
        }
    }

    public var auditSummary: String { "\(organizationName) · \(activityTitle)" }
}
