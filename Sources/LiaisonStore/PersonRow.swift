import Foundation
import LiaisonCore

/// A person's rows as both engines write and read them: their own row, languages, positions and channels.
/// The engines add only their placeholders, locks, how they learn a new id and how they match a list of ids.
public enum PersonRow {
    public static let table = RecordTable(
        "person", parentKey: "person_id", children: ["person_language", "person_position", "person_channel"],
        [
            ("given_name", .text), ("family_name", .text), ("name_order", .text), ("native_name", .text),
            ("honorific", .text), ("role", .text), ("notes", .text), ("met_at", .text),
            ("met_at_activity_id", .integer), ("consent_note", .text), ("consent_date", .text),
            ("display_name", .text), ("search_text", .text), ("sort_key", .text),
        ])

    /// The values of `table.fields` for `input`, in their order.
    public static func values(_ input: PersonInput) -> [SQLBind] {
        [
            .text(input.givenName), .text(input.familyName), .text(input.nameOrder.rawValue), .text(input.nativeName),
            .text(input.honorific), .text(input.role.rawValue), .text(input.notes), .text(input.metAt),
            .integer(input.metAtActivityId), .text(input.consentNote), .text(input.consentDate),
            .text(input.displayName), .text(input.searchDocument), .text(input.sortKey),
        ]
    }

    /// The child rows of person `id`; a position keeps the directory name of its organization (from
    /// `organizationNames`, read while checking it) so it still says where after the organization is deleted.
    public static func children(of id: Int64, _ input: PersonInput, organizationNames: [Int64: String])
        -> [SQLFragment]
    {
        let languages = input.languages.enumerated().map { position, code in
            SQLFragment.insert(
                into: "person_language", "person_id, position, code", [.integer(id), .integer(position), .text(code)])
        }
        let positions = input.positions.enumerated().map { index, position in
            SQLFragment.insert(
                into: "person_position",
                "person_id, position, organization_id, organization_name, title, department, start_date, end_date",
                [
                    .integer(id), .integer(index), .integer(position.organizationId),
                    .text(position.organizationId.flatMap { organizationNames[$0] } ?? position.organizationName ?? ""),
                    .text(position.title), .text(position.department), .text(position.startDate),
                    .text(position.endDate),
                ])
        }
        let channels = input.channels.enumerated().map { index, channel in
            SQLFragment.insert(
                into: "person_channel",
                "person_id, position, kind, value, match_key, label, preferred, held_by_account_id",
                [
                    .integer(id), .integer(index), .text(channel.kind.rawValue), .text(channel.value),
                    .text(channel.matchKey), .text(channel.label), .bool(channel.preferred),
                    .integer(channel.heldByAccountId),
                ])
        }
        return languages + positions + channels
    }

    // MARK: Reading back, many people at a time

    /// The statements that read the people whose id `idsMatch` (the engine's `IN (?, ...)` or `= ANY(?)`).
    public static func languages(idsMatch: String) -> String {
        "SELECT person_id, code FROM person_language WHERE person_id \(idsMatch) ORDER BY person_id, position"
    }

    public static func positions(idsMatch: String) -> String {
        """
        SELECT pp.person_id, pp.organization_id, coalesce(o.name, pp.organization_name) AS organization_name,
            pp.title, pp.department, pp.start_date, pp.end_date
        FROM person_position pp LEFT JOIN organization o ON o.id = pp.organization_id
        WHERE pp.person_id \(idsMatch) ORDER BY pp.person_id, pp.position
        """
    }

    public static func channels(idsMatch: String) -> String {
        """
        SELECT c.person_id, c.kind, c.value, c.label, c.preferred, c.held_by_account_id,
            a.name AS holder_name, a.email AS holder_email
        FROM person_channel c LEFT JOIN account a ON a.id = c.held_by_account_id
        WHERE c.person_id \(idsMatch) ORDER BY c.person_id, c.position
        """
    }

    public static func people(idsMatch: String) -> String { "SELECT * FROM person WHERE id \(idsMatch)" }

    /// A position as `positions` (or a list of people at an organization) selects it.
    public static func position(_ row: some SQLRow) throws -> Position {
        Position(
            organizationId: try row.integer("organization_id"), organizationName: try row.text("organization_name"),
            title: try row.string("title"), department: try row.text("department"),
            startDate: try row.text("start_date"), endDate: try row.text("end_date"))
    }

    public static func channel(_ row: some SQLRow) throws -> Channel {
        let holderId = try row.integer("held_by_account_id")
        let holder = try holderId.map {
            StaffContact(id: $0, name: try row.string("holder_name"), email: try row.string("holder_email"))
        }
        return Channel(
            kind: ChannelKind(rawValue: try row.string("kind")) ?? .email, value: try row.string("value"),
            label: try row.text("label"), preferred: try row.bool("preferred") ?? false, heldByAccountId: holderId,
            heldBy: holder)
    }

    /// The person from their own row and their child rows.
    public static func person(_ row: some SQLRow, languages: [String], positions: [Position], channels: [Channel])
        throws -> Person
    {
        let input = PersonInput(
            givenName: try row.string("given_name"), familyName: try row.string("family_name"),
            nameOrder: NameOrder(rawValue: try row.string("name_order")) ?? .givenFirst,
            nativeName: try row.text("native_name"), honorific: try row.text("honorific"), languages: languages,
            role: PersonRole(rawValue: try row.string("role")) ?? .none, notes: try row.text("notes"),
            metAt: try row.text("met_at"), metAtActivityId: try row.integer("met_at_activity_id"),
            consentNote: try row.text("consent_note"), consentDate: try row.text("consent_date"),
            positions: positions, channels: channels)
        return Person(stamp: try row.stamp(), input: input)
    }
}

extension Person: FieldAudited {
    public static let kind = RecordKind.person
    public static var table: RecordTable { PersonRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: PersonRow.people(idsMatch: idsMatch),
            children: [
                ("languages", PersonRow.languages(idsMatch: idsMatch)),
                ("positions", PersonRow.positions(idsMatch: idsMatch)),
                ("channels", PersonRow.channels(idsMatch: idsMatch)),
            ])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Person {
        let id = try row.integer("id") ?? 0
        return try PersonRow.person(
            row, languages: children("languages", of: id).map { try $0.string("code") },
            positions: children("positions", of: id).map { try PersonRow.position($0) },
            channels: children("channels", of: id).map { try PersonRow.channel($0) })
    }

    /// The organizations of the positions (with their names, kept with the positions), the channels' holders
    /// and the activity where the person was met, locked against deletion until the write commits.
    public static func referenceLookups(_ input: PersonInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .of("organizations", Set(input.positions.compactMap(\.organizationId)), dialect: dialect) {
                "SELECT id, name FROM organization WHERE id \($0)"
            },
            .of("accounts", input.holderAccountIds, dialect: dialect) { "SELECT id FROM account WHERE id \($0)" },
            .existing("metAt", in: "activity", [input.metAtActivityId].compactMap { $0 }, dialect: dialect),
        ].compactMap { $0 }
    }

    /// The names of the organizations the positions name.
    public static func references<Row: SQLRow>(of id: Int64?, _ input: PersonInput, found: FoundRows<Row>) throws
        -> [Int64: String]
    {
        let names = try found.text("name", of: "organizations")
        let errors = input.referenceErrors(
            organizationIds: Set(names.keys), accountIds: try found.ids("accounts"),
            metAtActivityExists: input.metAtActivityId == nil || !found["metAt"].isEmpty)
        if !errors.isEmpty { throw ValidationError(errors) }
        return names
    }

    public static func values(_ input: PersonInput, _ references: [Int64: String]) -> [SQLBind] {
        PersonRow.values(input)
    }

    public static func children(of id: Int64, _ input: PersonInput, _ references: [Int64: String]) -> [SQLFragment] {
        PersonRow.children(of: id, input, organizationNames: references)
    }

    public var auditSummary: String { input.displayName }
}
