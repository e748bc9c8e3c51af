import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for knowing the members: an organization's coverage, the least-known list, coverage by region,
/// practices by theme, and the distance search.
struct KnowledgeAPI {
    let store: any LiaisonStore
    let settings: WebSettings

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        routes.add(.get, prefix + "/organizations/:id/coverage", access: .viewer, use: coverage)
        routes.add(.get, prefix + "/coverage/least-known", access: .viewer, use: leastKnown)
        routes.add(.get, prefix + "/coverage/regions", access: .viewer, use: regions)
        routes.add(.get, prefix + "/practices", access: .viewer, use: practices)
        routes.add(.get, prefix + "/nearby", access: .viewer, use: nearby)
    }

    struct CoverageBody: Encodable {
        struct Check: Encodable {
            var key: CoverageCheck
            var met: Bool
            var weight: Int
            var fix: CoverageFix
            var fixUrl: String?
        }
        var organizationId: Int64
        var score: Int
        var checks: [Check]
        var missing: [CoverageCheck]
        var channelHolder: String?
        var lastInteraction: String?
    }

    @Sendable func coverage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        guard let found = try await store.coverage(organizationId: id) else {
            throw StoreError.notFound(entity: .organization, id: id)
        }
        let checks = found.coverage.items.map { item in
            CoverageBody.Check(
                key: item.check, met: item.met, weight: item.weight, fix: item.fix,
                fixUrl: item.met ? nil : CoverageLinks.fix(item.fix, organizationId: id))
        }
        return try JSONBody.response(
            CoverageBody(
                organizationId: id, score: found.coverage.score, checks: checks, missing: found.coverage.missing,
                channelHolder: found.facts.channelHolder, lastInteraction: found.facts.lastInteraction))
    }

    struct LeastKnownList: Encodable {
        var items: [LeastKnownMember]
        var total: Int
        var averageScore: Double?
        var page: Int
        var perPage: Int
    }

    @Sendable func leastKnown(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, errors) = LeastKnownQuery.parse(
            request.uri.queryDictionary, regions: settings.regions, strict: true)
        try Problem.refuseQuery(errors)
        let page = try await store.leastKnown(query)
        return try JSONBody.response(
            LeastKnownList(
                items: page.items, total: page.total, averageScore: page.averageScore, page: query.page,
                perPage: query.perPage))
    }

    struct RegionList: Encodable {
        var items: [CoverageAverage]
        var trend: [CoverageAverage]
    }

    @Sendable func regions(_ request: Request, context: AppRequestContext) async throws -> Response {
        try Problem.refuseQuery(QueryReader(request.uri.queryDictionary, strict: true).errors)
        return try JSONBody.response(
            RegionList(items: try await store.coverageByRegion(), trend: try await store.coverageTrend(months: 12)))
    }

    struct PracticeList: Encodable { var items: [PracticeHit] }

    @Sendable func practices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, errors) = PracticeQuery.parse(request.uri.queryDictionary, regions: settings.regions, strict: true)
        try Problem.refuseQuery(errors)
        return try JSONBody.response(PracticeList(items: try await store.searchPractices(query)))
    }

    struct NearbyList: Encodable {
        var latitude: Double
        var longitude: Double
        var km: Double
        var items: [NearbyOrganization]
        var total: Int
        var withoutCoordinates: [LinkedName]
        var withoutCoordinatesCount: Int
    }

    @Sendable func nearby(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (asked, errors) = NearbyRequest.parse(request.uri.queryDictionary, strict: true)
        if !errors.isEmpty, errors.allSatisfy({ $0.rule == "together" }) {
            throw Problem(
                .unprocessableContent, type: "invalid-query", title: "The search cannot be made.",
                detail: errors.map(\.message).joined(separator: " "), errors: errors)
        }
        try Problem.refuseQuery(errors)
        switch try await KnowPages.resolve(asked, store: store) {
        case .failure(let error) where error.rule == "exists":
            throw StoreError.notFound(entity: .organization, id: asked.organizationId ?? 0)
        case .failure(let error):
            throw Problem(
                .unprocessableContent, type: "invalid-query", title: "The search cannot be made.",
                detail: error.message, errors: [error])
        case .success(let found):
            let result = try await store.nearby(found.query)
            return try JSONBody.response(
                NearbyList(
                    latitude: found.query.centre.latitude, longitude: found.query.centre.longitude, km: asked.km,
                    items: result.items, total: result.total, withoutCoordinates: result.withoutCoordinates,
                    withoutCoordinatesCount: result.withoutCoordinatesCount))
        }
    }
}
