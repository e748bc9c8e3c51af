import Foundation
import LiaisonCore

/// A working group's rows as both engines write and read them: its own row, its members in order with their
/// representatives, and its activities.
public enum WorkingGroupRow {
    public static let table = RecordTable(
        "working_group", parentKey: "working_group_id",
        children: ["working_group_member", "working_group_representative", "working_group_activity"],
        [("name", .text), ("theme", .text), ("theme_key", .text), ("description", .text)])

    /// The key a theme is matched on: "Solid  Waste" and "solid waste" are one theme.
    public static func themeKey(_ theme: String) -> String { SearchText.normalize(theme) }

    static func children(of id: Int64, _ input: WorkingGroupInput) -> [SQLFragment] {
        var statements: [SQLFragment] = []
        var representative = 0
        for (position, member) in input.members.enumerated() {
            statements.append(
                .insert(
                    into: "working_group_member", "working_group_id, position, organization_id, role, joined_on",
                    [
                        .integer(id), .integer(position), .integer(member.organizationId), .text(member.role.rawValue),
                        .text(member.joinedOn),
                    ]))
            for personId in member.representativeIds {
                statements.append(
                    .insert(
                        into: "working_group_representative", "working_group_id, position, organization_id, person_id",
                        [.integer(id), .integer(representative), .integer(member.organizationId), .integer(personId)]))
                representative += 1
            }
        }
        for (position, activityId) in input.activityIds.enumerated() {
            statements.append(
                .insert(
                    into: "working_group_activity", "working_group_id, position, activity_id",
                    [.integer(id), .integer(position), .integer(activityId)]))
        }
        return statements
    }
}

extension WorkingGroup: FieldAudited {
    public static let kind = RecordKind.workingGroup
    public static var table: RecordTable { WorkingGroupRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: "SELECT * FROM working_group WHERE id \(idsMatch)",
            children: [
                ("members", orderedChildren("working_group_member", idsMatch: idsMatch)),
                ("representatives", orderedChildren("working_group_representative", idsMatch: idsMatch)),
                ("activities", orderedChildren("working_group_activity", idsMatch: idsMatch)),
            ])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> WorkingGroup {
        let id = try row.integer("id") ?? 0
        var representatives: [Int64: [Int64]] = [:]
        for rep in children("representatives", of: id) {
            representatives[try rep.integer("organization_id") ?? 0, default: []].append(
                try rep.integer("person_id") ?? 0)
        }
        let members = try children("members", of: id).map { member in
            let organizationId = try member.integer("organization_id") ?? 0
            return GroupMember(
                organizationId: organizationId, role: GroupRole(rawValue: try member.string("role")) ?? .member,
                joinedOn: try member.text("joined_on"), representativeIds: representatives[organizationId] ?? [])
        }
        let input = WorkingGroupInput(
            name: try row.string("name"), theme: try row.string("theme"), description: try row.text("description"),
            members: members,
            activityIds: try children("activities", of: id).compactMap { try $0.integer("activity_id") })
        return WorkingGroup(stamp: try row.stamp(), input: input)
    }

    public static func referenceLookups(_ input: WorkingGroupInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .existing("organizations", in: "organization", Set(input.members.map(\.organizationId)), dialect: dialect),
            .existing("people", in: "person", Set(input.members.flatMap(\.representativeIds)), dialect: dialect),
            .existing("activities", in: "activity", Set(input.activityIds), dialect: dialect),
        ].compactMap { $0 }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: WorkingGroupInput, found: FoundRows<Row>)
        throws
    {
        let organizations = try found.ids("organizations")
        let people = try found.ids("people")
        let activities = try found.ids("activities")
        var errors: [FieldError] = []
        for (index, member) in input.members.enumerated() {
            if !organizations.contains(member.organizationId) {
                errors.append(.missing("members[\(index)].organizationId", "organization", member.organizationId))
            }
            for personId in member.representativeIds where !people.contains(personId) {
                errors.append(.missing("members[\(index)].representativeIds", "person", personId))
            }
        }
        for (index, activityId) in input.activityIds.enumerated() where !activities.contains(activityId) {
            errors.append(.missing("activityIds[\(index)]", "activity", activityId))
        }
        if !errors.isEmpty { throw ValidationError(errors) }
    }

    public static func values(_ input: WorkingGroupInput, _ references: Void) -> [SQLBind] {
        [
            .text(input.name), .text(input.theme), .text(WorkingGroupRow.themeKey(input.theme)),
            .text(input.description),
        ]
    }

    public static func children(of id: Int64, _ input: WorkingGroupInput, _ references: Void) -> [SQLFragment] {
        WorkingGroupRow.children(of: id, input)
    }

    public var auditSummary: String { input.name }
}

/// An interest's row as both engines write and read it.
public enum InterestRow {
    public static let table = RecordTable(
        "interest", parentKey: "interest_id", children: [],
        [
            ("organization_id", .integer), ("theme", .text), ("theme_key", .text), ("working_group_id", .integer),
            ("expressed_on", .text), ("activity_id", .integer), ("report_id", .integer), ("note", .text),
        ])
}

/// What an interest's reference check learned: the theme it keeps (its group's when it names none).
public struct CheckedInterest: Sendable {
    public var theme: String
    public var expressedOn: String
}

extension Interest: FieldAudited {
    public static let kind = RecordKind.interest
    public static var table: RecordTable { InterestRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: """
                SELECT i.*, o.name AS organization_name FROM interest i JOIN organization o ON o.id = i.organization_id
                WHERE i.id \(idsMatch)
                """, children: [])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Interest {
        let input = InterestInput(
            organizationId: try row.integer("organization_id") ?? 0, theme: try row.string("theme"),
            workingGroupId: try row.integer("working_group_id"), expressedOn: try row.text("expressed_on"),
            activityId: try row.integer("activity_id"), reportId: try row.integer("report_id"),
            note: try row.text("note"))
        return Interest(
            stamp: try row.stamp(), input: input,
            extras: Interest.Extras(organizationName: try row.string("organization_name")))
    }

    public static func referenceLookups(_ input: InterestInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .existing("organization", in: "organization", [input.organizationId], dialect: dialect),
            .of("group", [input.workingGroupId].compactMap { $0 }, dialect: dialect) {
                "SELECT id, theme FROM working_group WHERE id \($0) \(dialect.lockAgainstDeletion)"
            },
            .existing("activity", in: "activity", [input.activityId].compactMap { $0 }, dialect: dialect),
            .existing("report", in: "report", [input.reportId].compactMap { $0 }, dialect: dialect),
        ].compactMap { $0 }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: InterestInput, found: FoundRows<Row>) throws
        -> CheckedInterest
    {
        var errors: [FieldError] = []
        func check(_ name: String, _ field: String, _ id: Int64?, _ noun: String) throws {
            if let id, try !found.ids(name).contains(id) { errors.append(.missing(field, noun, id)) }
        }
        try check("organization", "organizationId", input.organizationId, "organization")
        try check("group", "workingGroupId", input.workingGroupId, "working group")
        try check("activity", "activityId", input.activityId, "activity")
        try check("report", "reportId", input.reportId, "report")
        if !errors.isEmpty { throw ValidationError(errors) }
        let groupTheme = try input.workingGroupId.flatMap { try found.text("theme", of: "group")[$0] }
        return CheckedInterest(
            theme: input.theme.isEmpty ? groupTheme ?? "" : input.theme,
            expressedOn: input.expressedOn ?? LocalTime(Date(), in: .gmt).dayKey)
    }

    public static func values(_ input: InterestInput, _ references: CheckedInterest) -> [SQLBind] {
        [
            .integer(input.organizationId), .text(references.theme),
            .text(WorkingGroupRow.themeKey(references.theme)), .integer(input.workingGroupId),
            .text(references.expressedOn), .integer(input.activityId), .integer(input.reportId), .text(input.note),
        ]
    }

    public static func children(of id: Int64, _ input: InterestInput, _ references: CheckedInterest) -> [SQLFragment] {
        []
    }

    public var auditSummary: String { "\(organizationName): \(input.theme)" }
}
