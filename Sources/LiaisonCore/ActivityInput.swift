import Foundation

/// The fields a person or a script sets on an activity; the store adds id, version, timestamps and the
/// UTC instants of its start and end.
public struct ActivityInput: Sendable, Hashable, Codable {
    public var kind: ActivityKind
    public var title: String
    public var summary: String?
    /// The mission this activity is part of (a meeting during a trip).
    public var missionId: Int64?
    /// All-day activities have dates ("2026-11-10"); the others local times ("2026-11-10T09:30").
    public var allDay: Bool
    /// The local start in `timeZone`, as written where the activity takes place.
    public var start: String
    /// The local end in `timeZone`; for all-day activities, the last day (inclusive).
    public var end: String
    /// An IANA time zone ("Asia/Shanghai").
    public var timeZone: String
    /// The organization where it takes place (the host city), and its name as kept with the activity.
    public var placeOrganizationId: Int64?
    public var placeName: String?
    /// The venue ("Guangzhou Baiyun International Convention Center").
    public var venue: String?
    public var visibility: ActivityVisibility
    /// The staff members taking part.
    public var staffAccountIds: [Int64]
    /// The organizations taking part, organizers among them.
    public var organizations: [ActivityOrganization]
    /// The people taking part, each in the delegation of one of `organizations` or on their own.
    public var people: [ActivityPerson]

    public init(
        kind: ActivityKind = .bilateralMeeting, title: String = "", summary: String? = nil, missionId: Int64? = nil,
        allDay: Bool = false, start: String = "", end: String = "", timeZone: String = "UTC",
        placeOrganizationId: Int64? = nil, placeName: String? = nil, venue: String? = nil,
        visibility: ActivityVisibility = .internal, staffAccountIds: [Int64] = [],
        organizations: [ActivityOrganization] = [], people: [ActivityPerson] = []
    ) {
        self.kind = kind
        self.title = title
        self.summary = summary
        self.missionId = missionId
        self.allDay = allDay
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.placeOrganizationId = placeOrganizationId
        self.placeName = placeName
        self.venue = venue
        self.visibility = visibility
        self.staffAccountIds = staffAccountIds
        self.organizations = organizations
        self.people = people
    }

    enum CodingKeys: String, CodingKey {
        case kind, title, summary, missionId, allDay, start, end, timeZone, placeOrganizationId, placeName, venue
        case visibility, staffAccountIds, organizations, people
    }

    // Lists, flags and visibility may be left out of a JSON body; optional text may be null or absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(ActivityKind.self, forKey: .kind)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        missionId = try c.decodeIfPresent(Int64.self, forKey: .missionId)
        allDay = try c.decodeIfPresent(Bool.self, forKey: .allDay) ?? false
        start = try c.decodeIfPresent(String.self, forKey: .start) ?? ""
        end = try c.decodeIfPresent(String.self, forKey: .end) ?? ""
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? ""
        placeOrganizationId = try c.decodeIfPresent(Int64.self, forKey: .placeOrganizationId)
        placeName = try c.decodeIfPresent(String.self, forKey: .placeName)
        venue = try c.decodeIfPresent(String.self, forKey: .venue)
        visibility = try c.decodeIfPresent(ActivityVisibility.self, forKey: .visibility) ?? .internal
        staffAccountIds = try c.decodeIfPresent([Int64].self, forKey: .staffAccountIds) ?? []
        organizations = try c.decodeIfPresent([ActivityOrganization].self, forKey: .organizations) ?? []
        people = try c.decodeIfPresent([ActivityPerson].self, forKey: .people) ?? []
    }

    /// The organizations that organize or host the activity.
    public var organizers: [ActivityOrganization] { organizations.filter(\.organizer) }

    /// The activity's zone; nil when `timeZone` names none (validation refuses such an input).
    public var zone: TimeZone? { ActivityTime.zone(named: timeZone) }
}

extension ActivityInput {
    /// The text the search box finds an activity by: its title first, then where it took place and what
    /// happened ("Guangzhou Award ceremony", "Baiyun Convention Center").
    public static func searchDocument(title: String, placeName: String?, venue: String?, summary: String?) -> String {
        SearchText.document(names: [title] + [placeName, venue, summary].compactMap { $0 })
    }
}
