import Foundation
import LiaisonCore
import LiaisonStore

// Work in progress: the calendar on PostgreSQL is being written; until then these refuse.
extension PostgresStore {
    private static var pending: PostgresStoreError { PostgresStoreError("the calendar is not yet on PostgreSQL") }
    public func listActivities(_ query: ActivityQuery) async throws -> [ActivitySummary] { throw Self.pending }
    public func activity(id: Int64) async throws -> Activity? { throw Self.pending }
    public func activities(ids: [Int64]) async throws -> [Activity] { throw Self.pending }
    public func createActivity(_ input: ActivityInput, by actor: AuditActor) async throws -> Activity {
        throw Self.pending
    }
    public func updateActivity(id: Int64, expectedVersion: Int, _ input: ActivityInput, by actor: AuditActor)
        async throws -> Activity
    { throw Self.pending }
    public func deleteActivity(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        throw Self.pending
    }
    public func createCalendarFeed(accountId: Int64, scope: CalendarFeedScope, tokenHash: String, by actor: AuditActor)
        async throws -> CalendarFeed
    { throw Self.pending }
    public func calendarFeeds(accountId: Int64) async throws -> [CalendarFeed] { throw Self.pending }
    public func calendarFeed(tokenHash: String) async throws -> (feed: CalendarFeed, account: StaffAccount)? {
        throw Self.pending
    }
    public func revokeCalendarFeed(id: Int64, accountId: Int64, by actor: AuditActor) async throws {
        throw Self.pending
    }
}
