import Foundation

/// What kind of thing happened or will happen on the international calendar.
public enum ActivityKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A trip that contains other activities ("mission to Guangzhou").
    case mission
    case bilateralMeeting = "bilateral_meeting"
    /// A delegation received at the secretariat.
    case courtesyVisit = "courtesy_visit"
    /// An event or workshop, with many organizations taking part.
    case event
    case congress
    case call
}

/// Who may see an activity: staff only, or anyone (a public event).
public enum ActivityVisibility: String, Sendable, Hashable, Codable, CaseIterable {
    case `internal`, `public`
}

/// How an organization takes part.
public enum AttendanceMode: String, Sendable, Hashable, Codable, CaseIterable {
    case inPerson = "in_person"
    case virtual
}

/// Where an organization's participation stands, from invitation to attendance.
public enum ParticipationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case invited, confirmed, attended, declined
    case noAnswer = "no_answer"
}

/// The part a person plays in an activity or a delegation.
public enum DelegateRole: String, Sendable, Hashable, Codable, CaseIterable {
    case headOfDelegation = "head_of_delegation"
    case member, interpreter, speaker
}

/// An organization taking part in an activity. `organizationId` names a directory entry;
/// `organizationName` is kept with it so the activity still names the organization after it leaves the
/// directory (and names one that was never in it).
public struct ActivityOrganization: Sendable, Hashable, Codable {
    public var organizationId: Int64?
    public var organizationName: String?
    public var mode: AttendanceMode
    public var status: ParticipationStatus
    /// The organization organizes or hosts the activity.
    public var organizer: Bool

    public init(
        organizationId: Int64? = nil, organizationName: String? = nil, mode: AttendanceMode = .inPerson,
        status: ParticipationStatus = .invited, organizer: Bool = false
    ) {
        self.organizationId = organizationId
        self.organizationName = organizationName
        self.mode = mode
        self.status = status
        self.organizer = organizer
    }

    enum CodingKeys: String, CodingKey { case organizationId, organizationName, mode, status, organizer }

    // Mode, status and the organizer flag may be left out of a JSON body.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organizationId = try c.decodeIfPresent(Int64.self, forKey: .organizationId)
        organizationName = try c.decodeIfPresent(String.self, forKey: .organizationName)
        mode = try c.decodeIfPresent(AttendanceMode.self, forKey: .mode) ?? .inPerson
        status = try c.decodeIfPresent(ParticipationStatus.self, forKey: .status) ?? .invited
        organizer = try c.decodeIfPresent(Bool.self, forKey: .organizer) ?? false
    }
}

/// A person taking part: their role, whether they came in person, and the organization whose delegation
/// they belong to (one of the activity's organizations). As with organizations, the name is kept.
public struct ActivityPerson: Sendable, Hashable, Codable {
    public var personId: Int64?
    public var personName: String?
    public var organizationId: Int64?
    public var role: DelegateRole
    public var inPerson: Bool

    public init(
        personId: Int64? = nil, personName: String? = nil, organizationId: Int64? = nil,
        role: DelegateRole = .member, inPerson: Bool = true
    ) {
        self.personId = personId
        self.personName = personName
        self.organizationId = organizationId
        self.role = role
        self.inPerson = inPerson
    }

    enum CodingKeys: String, CodingKey { case personId, personName, organizationId, role, inPerson }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        personId = try c.decodeIfPresent(Int64.self, forKey: .personId)
        personName = try c.decodeIfPresent(String.self, forKey: .personName)
        organizationId = try c.decodeIfPresent(Int64.self, forKey: .organizationId)
        role = try c.decodeIfPresent(DelegateRole.self, forKey: .role) ?? .member
        inPerson = try c.decodeIfPresent(Bool.self, forKey: .inPerson) ?? true
    }
}

/// A mission, meeting, visit, event, Congress or call. The fields people set are `input`; the store adds
/// the rest, with the instants the local times stand for in the activity's zone.
@dynamicMemberLookup
public struct Activity: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: ActivityInput
    public var extras: Extras

    public init(stamp: RecordStamp, input: ActivityInput, extras: Extras) {
        self.stamp = stamp
        self.input = input
        self.extras = extras
    }

    public init(
        id: Int64, input: ActivityInput, startsAt: Date, endsAt: Date, staff: [StaffContact] = [],
        missionTitle: String? = nil, version: Int, createdAt: Date, updatedAt: Date
    ) {
        self.init(
            stamp: RecordStamp(id: id, version: version, createdAt: createdAt, updatedAt: updatedAt), input: input,
            extras: Extras(startsAt: startsAt, endsAt: endsAt, staff: staff, missionTitle: missionTitle))
    }

    public var startsAt: Date { extras.startsAt }
    public var endsAt: Date { extras.endsAt }
    public var staff: [StaffContact] { extras.staff }
    public var missionTitle: String? { extras.missionTitle }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ActivityInput, Value>) -> Value {
        get { input[keyPath: keyPath] }
        set { input[keyPath: keyPath] = newValue }
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<ActivityInput, Value>) -> Value {
        input[keyPath: keyPath]
    }

    /// The organizations that came in person, and those that joined virtually, in the order entered.
    public func attendees(_ mode: AttendanceMode) -> [ActivityOrganization] {
        input.organizations.filter { $0.mode == mode }
    }

    /// What the store works out and fills in on reading.
    public struct Extras: Sendable, Hashable, Codable {
        /// The start and end as instants (UTC), worked out from the local times in `input.timeZone`. An all-day
        /// activity runs from midnight of its first day to midnight after its last, in its zone.
        public var startsAt: Date
        public var endsAt: Date
        /// The staff members `input.staffAccountIds` names.
        public var staff: [StaffContact]
        /// The title of the mission this activity is part of.
        public var missionTitle: String?

        public init(startsAt: Date, endsAt: Date, staff: [StaffContact] = [], missionTitle: String? = nil) {
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.staff = staff
            self.missionTitle = missionTitle
        }

        private enum CodingKeys: String, CodingKey { case startsAt, endsAt, staff, missionTitle }

        // A JSON object without staff names none.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                startsAt: try c.decode(Date.self, forKey: .startsAt), endsAt: try c.decode(Date.self, forKey: .endsAt),
                staff: try c.decodeIfPresent([StaffContact].self, forKey: .staff) ?? [],
                missionTitle: try c.decodeIfPresent(String.self, forKey: .missionTitle))
        }
    }
}
