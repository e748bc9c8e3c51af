import Foundation
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The home page, the most opened page: every part reads a bounded number of rows through an index, in a
/// fixed number of queries whatever the network's size.
struct HomePages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/", access: .viewer, use: home)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        let zone = ActivityPages.viewerZone(context)
        let now = Date()
        let parts: [any HomePart] = [
            try await week(now: now, zone: zone),
            try await mine(accountId: account.id, now: now, zone: zone),
            try await followUps(accountId: account.id, context: context),
            try await focal(accountId: account.id),
        ]
        let model = HomeModel(name: account.name, role: account.role, parts: parts, strings: t)
        let view = HomeView(model: model, t: t)
        return renderer.page(title: t[.homeTitle], context: context) { view.render(into: &$0) }
    }

    private func week(now: Date, zone: TimeZone) async throws -> HomeWeekPart {
        let today = ActivityTime.calendar(zone).dateComponents([.year, .month, .day], from: now)
        let span = CalendarSpan(mode: .week, anchor: today, zone: zone)
        let items = try await store.listActivities(
            ActivityQuery(from: span.from, to: span.to, limit: HomeWeekPart.limit + 1))
        return HomeWeekPart(span: span, items: items, strings: t)
    }

    private func mine(accountId: Int64, now: Date, zone: TimeZone) async throws -> HomeMinePart {
        let items = try await store.listActivities(
            ActivityQuery(from: now, staffAccountId: accountId, limit: HomeMinePart.limit))
        return HomeMinePart(accountId: accountId, zone: zone, items: items, strings: t)
    }

    /// My overdue count, my next follow-ups and my colleagues' overdue counts. Reminders of the overdue ones reach the inbox from here, the
    /// page everyone opens first (a write only when something is overdue, and once per follow-up).
    private func followUps(accountId: Int64, context: AppRequestContext) async throws -> HomeFollowUpsPart {
        let today = FollowUpPages.today(context)
        let overdue = try await store.overdueFollowUpCount(accountId: accountId, today: today)
        if overdue > 0 { try await store.remindOverdueFollowUps(accountId: accountId, today: today) }
        let items = try await store.listFollowUps(
            FollowUpQuery(assigneeAccountId: accountId, limit: HomeFollowUpsPart.limit))
        let team = try await store.overdueFollowUpCounts(today: today).filter { $0.accountId != accountId }
        return HomeFollowUpsPart(overdue: overdue, items: items, team: team, today: today, strings: t)
    }

    private func focal(accountId: Int64) async throws -> HomeFocalPart {
        var query = OrganizationQuery(sort: .recentlyUpdated, perPage: HomeFocalPart.organizations)
        query.focalPointAccountId = accountId
        let followed = try await store.listOrganizations(query)
        let ids = followed.items.map(\.id)
        var entries: [AuditEntry] = []
        if !ids.isEmpty {
            var audit = AuditQuery(entity: .organization, limit: HomeFocalPart.changes)
            audit.entityIds = ids
            entries = try await store.auditEntries(audit)
        }
        return HomeFocalPart(accountId: accountId, count: followed.total, entries: entries, strings: t)
    }
}
