import Foundation
import LiaisonCore

/// Reads and writes the international calendar: activities, who took part, and the calendar feeds staff
/// subscribe to. Every write is one transaction with its audit entry. Engines check the rules that need
/// the database (the mission, place, organizations, people and staff named exist); the rest are checked by
/// `ActivityInput.validate` before any write.
public protocol ActivityStore: Sendable {
    /// The activities matching the query, by start (latest first when `query.newestFirst`).
    func listActivities(_ query: ActivityQuery) async throws -> [ActivitySummary]

    /// The activity with this id, or nil when there is none.
    func activity(id: Int64) async throws -> Activity?

    /// The activities with these ids, in the order given; ids with no activity are left out.
    func activities(ids: [Int64]) async throws -> [Activity]

    /// Stores a new activity at version 1 and returns it as stored.
    /// Throws `ValidationError` for a bad time or a reference to a record that does not exist.
    func createActivity(_ input: ActivityInput, by actor: AuditActor) async throws -> Activity

    /// Replaces the activity's fields when `expectedVersion` is current and returns it at the next version.
    /// Throws `StoreError.notFound` and `StoreError.versionConflict` (changing nothing).
    func updateActivity(id: Int64, expectedVersion: Int, _ input: ActivityInput, by actor: AuditActor) async throws
        -> Activity

    /// Deletes the activity; the activities of a mission stay, no longer part of it, and people met there keep
    /// the note of where. When `expectedVersion` is given it must be the current one.
    /// Throws `StoreError.notFound` when there is no such activity.
    func deleteActivity(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws

    // MARK: Calendar feeds

    /// Stores a new feed whose secret hashes to `tokenHash`.
    func createCalendarFeed(accountId: Int64, scope: CalendarFeedScope, tokenHash: String, by actor: AuditActor)
        async throws -> CalendarFeed

    /// The account's feeds, newest first, revoked ones included.
    func calendarFeeds(accountId: Int64) async throws -> [CalendarFeed]

    /// The unrevoked feed whose secret hashes to `tokenHash`, with its account when that is not disabled;
    /// nil otherwise.
    func calendarFeed(tokenHash: String) async throws -> (feed: CalendarFeed, account: StaffAccount)?

    /// Revokes a feed of this account; throws `StoreError.notFound` when it has no such feed.
    func revokeCalendarFeed(id: Int64, accountId: Int64, by actor: AuditActor) async throws
}

/// What a calendar page, a timeline or a feed asks for. Every query reads a bounded number of activities.
public struct ActivityQuery: Sendable, Hashable {
    /// Activities that end after `from` and start before `to` (either may be open).
    public var from: Date?
    public var to: Date?
    /// Any of these kinds; empty for all.
    public var kinds: [ActivityKind]
    /// An organization of this region takes part or is the place.
    public var region: String?
    /// This organization takes part or is the place.
    public var organizationId: Int64?
    /// This person takes part.
    public var personId: Int64?
    /// This staff account takes part.
    public var staffAccountId: Int64?
    /// The parts of this mission.
    public var missionId: Int64?
    public var newestFirst: Bool
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 2_000
    public static let maxOffset = 100_000

    public init(
        from: Date? = nil, to: Date? = nil, kinds: [ActivityKind] = [], region: String? = nil,
        organizationId: Int64? = nil, personId: Int64? = nil, staffAccountId: Int64? = nil, missionId: Int64? = nil,
        newestFirst: Bool = false, limit: Int = 200, offset: Int = 0
    ) {
        self.from = from
        self.to = to
        self.kinds = kinds
        self.region = region
        self.organizationId = organizationId
        self.personId = personId
        self.staffAccountId = staffAccountId
        self.missionId = missionId
        self.newestFirst = newestFirst
        self.limit = limit
        self.offset = offset
    }

    /// The earliest start an activity overlapping `from` can have (activities last at most
    /// `ActivityInput.maxDuration`), so a range reads its activities through the index of starts.
    public var earliestStart: Date? { from.map { $0.addingTimeInterval(-ActivityInput.maxDuration) } }
}

/// The fields a calendar, an agenda or a timeline shows of an activity.
public struct ActivitySummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var kind: ActivityKind
    public var title: String
    public var allDay: Bool
    public var start: String
    public var end: String
    public var timeZone: String
    public var startsAt: Date
    public var endsAt: Date
    public var placeOrganizationId: Int64?
    public var placeName: String?
    public var venue: String?
    public var visibility: ActivityVisibility
    public var missionId: Int64?
    /// How the organization of an organization's timeline took part (nil when it was only the place).
    public var participation: ActivityOrganization?
    /// How the person of a person's timeline took part.
    public var delegate: ActivityPerson?

    public init(
        id: Int64, kind: ActivityKind, title: String, allDay: Bool, start: String, end: String, timeZone: String,
        startsAt: Date, endsAt: Date, placeOrganizationId: Int64?, placeName: String?, venue: String?,
        visibility: ActivityVisibility, missionId: Int64?, participation: ActivityOrganization? = nil,
        delegate: ActivityPerson? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.allDay = allDay
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.placeOrganizationId = placeOrganizationId
        self.placeName = placeName
        self.venue = venue
        self.visibility = visibility
        self.missionId = missionId
        self.participation = participation
        self.delegate = delegate
    }
}

/// Which activities a calendar feed carries.
public enum CalendarFeedScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// The activities the feed's owner takes part in.
    case mine
    /// The whole calendar.
    case all
}

/// A subscribable calendar feed: its secret is shown once, when made, and stored only as a hash.
public struct CalendarFeed: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var accountId: Int64
    public var scope: CalendarFeedScope
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: Int64, accountId: Int64, scope: CalendarFeedScope, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.accountId = accountId
        self.scope = scope
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

extension ActivitySummary {
    /// The columns a calendar row reads, from `activity a` with its place `po`.
    public static let columns = """
        a.id, a.kind, a.title, a.all_day, a.start_local, a.end_local, a.time_zone, a.starts_at, a.ends_at,
        a.place_organization_id, coalesce(po.name, a.place_name) AS place_label, a.venue, a.visibility, a.mission_id
        """
}
