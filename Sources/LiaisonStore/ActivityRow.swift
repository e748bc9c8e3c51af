import Foundation
import LiaisonCore

/// The names of the directory records an activity names, read while checking them: the activity keeps
/// them beside the ids so it still says who took part after a record is deleted.
public struct ActivityNames: Sendable {
    public var organizations: [Int64: String] = [:]
    public var people: [Int64: String] = [:]

    public init() {}

    public func name(of organization: ActivityOrganization) -> String {
        organization.organizationId.flatMap { organizations[$0] } ?? organization.organizationName ?? ""
    }

    public func name(of person: ActivityPerson) -> String {
        person.personId.flatMap { people[$0] } ?? person.personName ?? ""
    }

    /// The place's directory name, or the place as written when it is not in the directory.
    public func placeName(of input: ActivityInput) -> String? {
        input.placeOrganizationId.flatMap { organizations[$0] } ?? input.placeName
    }
}

/// The instants and the names an activity keeps, once every reference has been checked.
public struct CheckedActivity: Sendable {
    public var interval: DateInterval
    public var names: ActivityNames

    public init(interval: DateInterval, names: ActivityNames) {
        self.interval = interval
        self.names = names
    }
}

/// An activity's rows as both engines write and read them: its own row, the organizations and people
/// taking part, and the staff.
public enum ActivityRow {
    public static let table = RecordTable(
        "activity", parentKey: "activity_id", children: ["activity_organization", "activity_person", "activity_staff"],
        [
            ("kind", .text), ("title", .text), ("summary", .text), ("mission_id", .integer), ("all_day", .bool),
            ("start_local", .text), ("end_local", .text), ("time_zone", .text), ("starts_at", .date),
            ("ends_at", .date), ("place_organization_id", .integer), ("place_name", .text), ("venue", .text),
            ("visibility", .text), ("search_text", .text),
        ])

    /// The values of `table.fields` for `input`, with the instants and names its check worked out.
    public static func values(_ input: ActivityInput, _ checked: CheckedActivity) -> [SQLBind] {
        [
            .text(input.kind.rawValue), .text(input.title), .text(input.summary), .integer(input.missionId),
            .bool(input.allDay), .text(input.start), .text(input.end), .text(input.timeZone),
            .date(checked.interval.start), .date(checked.interval.end), .integer(input.placeOrganizationId),
            .text(checked.names.placeName(of: input)), .text(input.venue), .text(input.visibility.rawValue),
            .text(
                ActivityInput.searchDocument(
                    title: input.title, placeName: checked.names.placeName(of: input), venue: input.venue,
                    summary: input.summary)),
        ]
    }

    /// The child rows of activity `id`; organizations and people keep their directory names (from `names`).
    public static func children(of id: Int64, _ input: ActivityInput, names: ActivityNames) -> [SQLFragment] {
        let organizations = input.organizations.enumerated().map { index, organization in
            SQLFragment.insert(
                into: "activity_organization",
                "activity_id, position, organization_id, organization_name, mode, status, organizer",
                [
                    .integer(id), .integer(index), .integer(organization.organizationId),
                    .text(names.name(of: organization)), .text(organization.mode.rawValue),
                    .text(organization.status.rawValue), .bool(organization.organizer),
                ])
        }
        let people = input.people.enumerated().map { index, person in
            SQLFragment.insert(
                into: "activity_person",
                "activity_id, position, person_id, person_name, organization_id, role, in_person",
                [
                    .integer(id), .integer(index), .integer(person.personId), .text(names.name(of: person)),
                    .integer(person.organizationId), .text(person.role.rawValue), .bool(person.inPerson),
                ])
        }
        let staff = input.staffAccountIds.enumerated().map { index, accountId in
            SQLFragment.insert(
                into: "activity_staff", "activity_id, position, account_id",
                [.integer(id), .integer(index), .integer(accountId)])
        }
        return organizations + people + staff
    }

    // MARK: Reading back, many activities at a time

    public static func activities(idsMatch: String) -> String {
        """
        SELECT a.*, coalesce(po.name, a.place_name) AS place_label, m.title AS mission_title FROM activity a
        LEFT JOIN organization po ON po.id = a.place_organization_id
        LEFT JOIN activity m ON m.id = a.mission_id
        WHERE a.id \(idsMatch)
        """
    }

    public static func organizations(idsMatch: String) -> String {
        """
        SELECT ao.activity_id, ao.organization_id, coalesce(o.name, ao.organization_name) AS organization_name,
            ao.mode, ao.status, ao.organizer
        FROM activity_organization ao LEFT JOIN organization o ON o.id = ao.organization_id
        WHERE ao.activity_id \(idsMatch) ORDER BY ao.activity_id, ao.position
        """
    }

    public static func people(idsMatch: String) -> String {
        """
        SELECT ap.activity_id, ap.person_id, coalesce(p.display_name, ap.person_name) AS person_name,
            ap.organization_id, ap.role, ap.in_person
        FROM activity_person ap LEFT JOIN person p ON p.id = ap.person_id
        WHERE ap.activity_id \(idsMatch) ORDER BY ap.activity_id, ap.position
        """
    }

    public static func staff(idsMatch: String) -> String {
        """
        SELECT s.activity_id, a.id, a.name, a.email FROM activity_staff s JOIN account a ON a.id = s.account_id
        WHERE s.activity_id \(idsMatch) ORDER BY s.activity_id, s.position
        """
    }

    public static func organization(_ row: some SQLRow) throws -> ActivityOrganization {
        ActivityOrganization(
            organizationId: try row.integer("organization_id"), organizationName: try row.text("organization_name"),
            mode: AttendanceMode(rawValue: try row.string("mode")) ?? .inPerson,
            status: ParticipationStatus(rawValue: try row.string("status")) ?? .invited,
            organizer: try row.bool("organizer") ?? false)
    }

    public static func person(_ row: some SQLRow) throws -> ActivityPerson {
        ActivityPerson(
            personId: try row.integer("person_id"), personName: try row.text("person_name"),
            organizationId: try row.integer("organization_id"),
            role: DelegateRole(rawValue: try row.string("role")) ?? .member, inPerson: try row.bool("in_person") ?? true
        )
    }

    public static func staffContact(_ row: some SQLRow) throws -> StaffContact {
        StaffContact(id: try row.integer("id") ?? 0, name: try row.string("name"), email: try row.string("email"))
    }

    /// An activity from its row (with `place_label` and `mission_title`) and the rows of its tables.
    public static func activity(
        _ row: some SQLRow, staff: [StaffContact], organizations: [ActivityOrganization], people: [ActivityPerson]
    ) throws -> Activity {
        let input = ActivityInput(
            kind: ActivityKind(rawValue: try row.string("kind")) ?? .event, title: try row.string("title"),
            summary: try row.text("summary"), missionId: try row.integer("mission_id"),
            allDay: try row.bool("all_day") ?? false, start: try row.string("start_local"),
            end: try row.string("end_local"), timeZone: try row.string("time_zone"),
            placeOrganizationId: try row.integer("place_organization_id"), placeName: try row.text("place_label"),
            venue: try row.text("venue"),
            visibility: ActivityVisibility(rawValue: try row.string("visibility")) ?? .internal,
            staffAccountIds: staff.map(\.id), organizations: organizations, people: people)
        return Activity(
            stamp: try row.stamp(), input: input,
            extras: Activity.Extras(
                startsAt: try row.date("starts_at") ?? Date(), endsAt: try row.date("ends_at") ?? Date(), staff: staff,
                missionTitle: try row.text("mission_title")))
    }
}

extension Activity: FieldAudited {
    public static let kind = RecordKind.activity
    public static var table: RecordTable { ActivityRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: ActivityRow.activities(idsMatch: idsMatch),
            children: [
                ("organizations", ActivityRow.organizations(idsMatch: idsMatch)),
                ("people", ActivityRow.people(idsMatch: idsMatch)),
                ("staff", ActivityRow.staff(idsMatch: idsMatch)),
            ])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Activity {
        let id = try row.integer("id") ?? 0
        return try ActivityRow.activity(
            row, staff: children("staff", of: id).map { try ActivityRow.staffContact($0) },
            organizations: children("organizations", of: id).map { try ActivityRow.organization($0) },
            people: children("people", of: id).map { try ActivityRow.person($0) })
    }

    /// The directory records named (with their names, kept with the activity), the staff, and the mission,
    /// locked against deletion until the write commits.
    public static func referenceLookups(_ input: ActivityInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .of("organizations", input.referencedOrganizationIds, dialect: dialect) {
                "SELECT id, name FROM organization WHERE id \($0)"
            },
            .of("people", input.referencedPersonIds, dialect: dialect) {
                "SELECT id, display_name FROM person WHERE id \($0)"
            },
            .of("accounts", Set(input.staffAccountIds), dialect: dialect) { "SELECT id FROM account WHERE id \($0)" },
            .of("mission", [input.missionId].compactMap { $0 }, dialect: dialect) {
                "SELECT id, kind FROM activity WHERE id \($0) \(dialect.lockAgainstDeletion)"
            },
        ].compactMap { $0 }
    }

    /// Works out the instants, and keeps the names of the directory records named.
    public static func references<Row: SQLRow>(of id: Int64?, _ input: ActivityInput, found: FoundRows<Row>) throws
        -> CheckedActivity
    {
        let interval = try input.interval().get()
        var names = ActivityNames()
        names.organizations = try found.text("name", of: "organizations")
        names.people = try found.text("display_name", of: "people")
        let missionKind = try found["mission"].first.flatMap { ActivityKind(rawValue: try $0.string("kind")) }
        let errors = input.referenceErrors(
            of: id, missionKind: missionKind, organizationIds: Set(names.organizations.keys),
            personIds: Set(names.people.keys), accountIds: try found.ids("accounts"))
        if !errors.isEmpty { throw ValidationError(errors) }
        return CheckedActivity(interval: interval, names: names)
    }

    public static func values(_ input: ActivityInput, _ references: CheckedActivity) -> [SQLBind] {
        ActivityRow.values(input, references)
    }

    public static func children(of id: Int64, _ input: ActivityInput, _ references: CheckedActivity)
        -> [SQLFragment]
    {
        ActivityRow.children(of: id, input, names: references.names)
    }

    public var auditSummary: String { input.title }
}
