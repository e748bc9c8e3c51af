import Foundation

/// How an organization takes part in a working group.
public enum GroupRole: String, Sendable, Hashable, Codable, CaseIterable {
    case lead, member, observer, interested
}

/// An organization in a working group: its role, since when, and the people who represent it.
public struct GroupMember: Sendable, Hashable, Codable {
    public var organizationId: Int64
    public var role: GroupRole
    /// "YYYY-MM-DD".
    public var joinedOn: String?
    public var representativeIds: [Int64]

    public init(
        organizationId: Int64, role: GroupRole = .member, joinedOn: String? = nil, representativeIds: [Int64] = []
    ) {
        self.organizationId = organizationId
        self.role = role
        self.joinedOn = joinedOn
        self.representativeIds = representativeIds
    }

    enum CodingKeys: String, CodingKey { case organizationId, role, joinedOn, representativeIds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organizationId = try c.decode(Int64.self, forKey: .organizationId)
        role = try c.decodeIfPresent(GroupRole.self, forKey: .role) ?? .member
        joinedOn = try c.decodeIfPresent(String.self, forKey: .joinedOn)
        representativeIds = try c.decodeIfPresent([Int64].self, forKey: .representativeIds) ?? []
    }
}

/// A thematic working group (transport, logistics, sanitation, solid waste...): its members and meetings.
public struct WorkingGroupInput: Sendable, Hashable, Codable {
    public var name: String
    /// The theme interests are matched on ("solid waste").
    public var theme: String
    public var description: String?
    public var members: [GroupMember]
    /// Its meetings and other activities in the calendar.
    public var activityIds: [Int64]

    public static let maxMembers = 1_000
    public static let maxRepresentatives = 20
    public static let maxActivities = 500

    public init(
        name: String = "", theme: String = "", description: String? = nil, members: [GroupMember] = [],
        activityIds: [Int64] = []
    ) {
        self.name = name
        self.theme = theme
        self.description = description
        self.members = members
        self.activityIds = activityIds
    }

    enum CodingKeys: String, CodingKey { case name, theme, description, members, activityIds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        theme = try c.decodeIfPresent(String.self, forKey: .theme) ?? ""
        description = try c.decodeIfPresent(String.self, forKey: .description)
        members = try c.decodeIfPresent([GroupMember].self, forKey: .members) ?? []
        activityIds = try c.decodeIfPresent([Int64].self, forKey: .activityIds) ?? []
    }

    /// The organizations that lead it.
    public var leadIds: [Int64] { members.filter { $0.role == .lead }.map(\.organizationId) }

    public func normalized() -> WorkingGroupInput {
        var copy = self
        copy.name = name.trimmed
        copy.theme = theme.trimmed
        copy.description = description?.trimmed.nilIfEmpty
        copy.members = members.map { member in
            var member = member
            member.joinedOn = member.joinedOn?.trimmed.nilIfEmpty
            member.representativeIds = member.representativeIds.uniqued()
            return member
        }
        copy.activityIds = activityIds.uniqued()
        return copy
    }

    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        report.text(name, field: "name", label: "Name", required: true)
        report.text(theme, field: "theme", label: "Theme", required: true, max: 100)
        report.text(description, field: "description", label: "Description", max: 5_000, multiline: true)
        report.count(members.count, max: Self.maxMembers, field: "members", noun: "members")
        report.count(activityIds.count, max: Self.maxActivities, field: "activityIds", noun: "activities")
        var seen = Set<Int64>()
        for (index, member) in members.enumerated() {
            if !seen.insert(member.organizationId).inserted {
                report.add("members[\(index)].organizationId", "unique", "An organization is in a group once.")
            }
            if let day = member.joinedOn, ICalendar.day(day) == nil {
                report.add("members[\(index)].joinedOn", "date", "The day it joined must be a date written YYYY-MM-DD.")
            }
            report.count(
                member.representativeIds.count, max: Self.maxRepresentatives,
                field: "members[\(index)].representativeIds", noun: "representatives")
        }
        try report.finish()
    }
}

/// A working group as stored.
public struct WorkingGroup: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: WorkingGroupInput

    public init(stamp: RecordStamp, input: WorkingGroupInput, extras _: NoExtras) {
        self.stamp = stamp
        self.input = input
    }
}

/// An organization's interest in a theme or a working group, dated, with where it was expressed.
public struct InterestInput: Sendable, Hashable, Codable {
    public var organizationId: Int64
    /// The theme; the group's when left empty with a group named.
    public var theme: String
    public var workingGroupId: Int64?
    /// "YYYY-MM-DD"; today when left out.
    public var expressedOn: String?
    public var activityId: Int64?
    public var reportId: Int64?
    public var note: String?

    public init(
        organizationId: Int64 = 0, theme: String = "", workingGroupId: Int64? = nil, expressedOn: String? = nil,
        activityId: Int64? = nil, reportId: Int64? = nil, note: String? = nil
    ) {
        self.organizationId = organizationId
        self.theme = theme
        self.workingGroupId = workingGroupId
        self.expressedOn = expressedOn
        self.activityId = activityId
        self.reportId = reportId
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case organizationId, theme, workingGroupId, expressedOn, activityId, reportId, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organizationId = try c.decodeIfPresent(Int64.self, forKey: .organizationId) ?? 0
        theme = try c.decodeIfPresent(String.self, forKey: .theme) ?? ""
        workingGroupId = try c.decodeIfPresent(Int64.self, forKey: .workingGroupId)
        expressedOn = try c.decodeIfPresent(String.self, forKey: .expressedOn)
        activityId = try c.decodeIfPresent(Int64.self, forKey: .activityId)
        reportId = try c.decodeIfPresent(Int64.self, forKey: .reportId)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func normalized() -> InterestInput {
        var copy = self
        copy.theme = theme.trimmed
        copy.expressedOn = expressedOn?.trimmed.nilIfEmpty
        copy.note = note?.trimmed.nilIfEmpty
        return copy
    }

    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        if organizationId <= 0 { report.add("organizationId", "required", "Organization is required.") }
        if theme.isEmpty && workingGroupId == nil {
            report.add("theme", "required", "Name a theme or a working group.")
        }
        report.text(theme, field: "theme", label: "Theme", max: 100)
        if let day = expressedOn, ICalendar.day(day) == nil {
            report.add("expressedOn", "date", "The day it was expressed must be a date written YYYY-MM-DD.")
        }
        report.text(note, field: "note", label: "Note", max: 2_000, multiline: true)
        try report.finish()
    }
}

/// An interest as stored, with the name of its organization.
public struct Interest: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: InterestInput
    public var extras: Extras

    public init(stamp: RecordStamp, input: InterestInput, extras: Extras) {
        self.stamp = stamp
        self.input = input
        self.extras = extras
    }

    public init(
        id: Int64, input: InterestInput, organizationName: String, version: Int, createdAt: Date, updatedAt: Date
    ) {
        self.init(
            stamp: RecordStamp(id: id, version: version, createdAt: createdAt, updatedAt: updatedAt), input: input,
            extras: Extras(organizationName: organizationName))
    }

    public var organizationName: String { extras.organizationName }

    /// What the store fills in on reading.
    public struct Extras: Sendable, Hashable, Codable {
        public var organizationName: String

        public init(organizationName: String) { self.organizationName = organizationName }
    }
}
