import Foundation
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The analytics' figures as JSON: composition (with shares), members by year joined, and engagement; each
/// for all organizations or one region or country, read strictly.
struct AnalyticsAPI {
    let store: any LiaisonStore
    let settings: WebSettings
    let strings: Strings

    struct JoinedBody: Encodable {
        var items: [JoinedYear]
    }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/api/v1/analytics/composition", access: .viewer, use: composition)
        routes.add(.get, "/api/v1/analytics/joined", access: .viewer, use: joined)
        routes.add(.get, "/api/v1/analytics/engagement", access: .viewer, use: engagement)
    }

    private func query(_ request: Request) throws -> AnalyticsQuery {
        let filters = AnalyticsFilters(
            request.uri.queryDictionary, regions: settings.regions, strict: true, strings: strings)
        try Problem.refuseQuery(filters.errors)
        return filters.query
    }

    @Sendable func composition(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(try await store.membershipComposition(try query(request)))
    }

    @Sendable func joined(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(JoinedBody(items: try await store.membersByYearJoined(try query(request))))
    }

    @Sendable func engagement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try query(request)
        return try JSONBody.response(
            try await store.engagementFigures(query, today: FollowUpPages.today(context)))
    }
}
