import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore
import NIOCore

/// Calendars for calendar programs: one activity as an .ics download, and subscribable feeds (a staff
/// member's own activities with their follow-ups on their due days, or the whole calendar) behind a secret
/// address that its owner can revoke.
struct CalendarFeeds {
    let store: any LiaisonStore
    let strings: Strings

    /// How far back and ahead a feed reaches: calendar programs poll it, so it stays a bounded read.
    static let feedPast: TimeInterval = 2 * 365 * 86_400
    static let feedAhead: TimeInterval = 2 * 365 * 86_400

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/api/v1/activities/:id/ics", access: .viewer, use: activityFile)
        routes.add(.get, "/api/v1/calendar-feeds", access: .viewer, use: list)
        routes.add(.post, "/api/v1/calendar-feeds", access: .viewer, use: create)
        routes.add(.delete, "/api/v1/calendar-feeds/:id", access: .viewer, use: revoke)
        // The secret in the address is the credential: calendar programs send no cookie or token.
        routes.add(.get, "/feeds/calendar/:token", access: .public, use: feed)
    }

    /// Creates a feed for the account and returns it with the secret of its address, shown once and never again.
    static func issue(accountId: Int64, scope: CalendarFeedScope, store: any LiaisonStore, by actor: AuditActor)
        async throws -> (feed: CalendarFeed, secret: String)
    {
        let secret = "lcf_" + Secrets.random()
        let feed = try await store.createCalendarFeed(
            accountId: accountId, scope: scope, tokenHash: Secrets.hash(secret), by: actor)
        return (feed, secret)
    }

    /// The feed's address as this request reached the server.
    static func address(of secret: String, request: Request) -> String {
        let host = request.head.authority ?? "127.0.0.1"
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return "\(scheme)://\(host)/feeds/calendar/\(secret)"
    }

    static func document(_ activities: [Activity], followUps: [FollowUp] = [], name: String, request: Request)
        -> String
    {
        let authority = request.head.authority ?? "liaison"
        let host = String(authority.split(separator: ":").first ?? "liaison")
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return ICalendar.document(
            activities, calendarName: name, host: host, now: Date(),
            url: { "\(scheme)://\(authority)/activities/\($0.id)" }, followUps: followUps,
            followUpURL: { "\(scheme)://\(authority)/follow-ups/\($0.id)" })
    }

    static func calendarResponse(_ text: String, filename: String?) -> Response {
        var headers: HTTPFields = [.contentType: "text/calendar; charset=utf-8", .cacheControl: "no-store"]
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func activityFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await ActivityInputs.load(context, store: store)
        return Self.calendarResponse(
            Self.document([activity], name: activity.title, request: request), filename: "activity-\(activity.id).ics")
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let secret = context.parameters.get("token") ?? ""
        guard secret.hasPrefix("lcf_"), secret.count < 200,
            let (feed, account) = try await store.calendarFeed(tokenHash: Secrets.hash(secret))
        else {
            throw HTTPError(.notFound, message: "No such calendar feed (it may have been revoked).")
        }
        guard !account.disabled, try await !TwoFactorRequirement.blocks(account, store: store) else {
            throw HTTPError(.forbidden, message: "This feed works again once its owner sets up two-factor sign-in.")
        }
        let now = Date()
        let summaries = try await store.listActivities(
            ActivityQuery(
                from: now.addingTimeInterval(-Self.feedPast), to: now.addingTimeInterval(Self.feedAhead),
                staffAccountId: feed.scope == .mine ? account.id : nil, limit: ActivityQuery.maxLimit))
        let activities = try await store.activities(ids: summaries.map(\.id))
        let name =
            feed.scope == .mine
            ? String(format: strings[.feedCalendarMine], account.name) : strings[.feedCalendarAll]
        let followUps = feed.scope == .mine ? try await dueFollowUps(of: account.id) : []
        return Self.calendarResponse(
            Self.document(activities, followUps: followUps, name: name, request: request), filename: nil)
    }

    /// The account's follow-ups still to do that have a due day: its own feed shows them on that day.
    private func dueFollowUps(of accountId: Int64) async throws -> [FollowUp] {
        // Dated ones come first in a list, so a bounded read keeps the dated ones.
        let due = try await store.listFollowUps(
            FollowUpQuery(assigneeAccountId: accountId, limit: FollowUpQuery.maxLimit)
        ).filter { $0.dueDate != nil }
        return try await store.records(FollowUp.self, ids: due.map(\.id))
    }

    struct FeedList: Encodable { var items: [CalendarFeed] }
    struct NewFeed: Encodable {
        var feed: CalendarFeed
        var url: String
    }
    struct FeedRequest: Decodable { var scope: CalendarFeedScope }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try Self.signedIn(context)
        return try JSONBody.response(FeedList(items: try await store.calendarFeeds(accountId: account.id)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try Self.signedIn(context)
        let body = try await JSONBody.decode(
            FeedRequest.self, from: request, context: context, fields: KnownFields(names: ["scope"], lists: [:]))
        let (feed, secret) = try await Self.issue(
            accountId: account.id, scope: body.scope, store: store, by: context.actor)
        return try JSONBody.response(
            NewFeed(feed: feed, url: Self.address(of: secret, request: request)), status: .created)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try Self.signedIn(context)
        // Only the owner's feeds can be named: another account's feed is simply not found.
        try await store.revokeCalendarFeed(id: try context.recordID(), accountId: account.id, by: context.actor)
        return Response(status: .noContent)
    }

    static func signedIn(_ context: AppRequestContext) throws -> StaffAccount {
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        return account
    }
}
