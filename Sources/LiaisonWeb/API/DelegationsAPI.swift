import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for delegations to events (/api/v1/delegations) and an event's forecast
/// (/api/v1/activities/{id}/forecast).
struct DelegationsAPI {
    let store: any LiaisonStore
    let settings: WebSettings

    func register(on routes: RouteRegistry) {
        RecordAPI<Delegation>(
            path: "/api/v1/delegations", store: store, list: list,
            creating: store.createDelegation, updating: store.updateDelegation
        ).register(on: routes)
        routes.add(.get, "/api/v1/activities/:id/forecast", access: .viewer, use: forecast)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        var query = DelegationQuery()
        query.activityId = reader.recordId("activity")
        query.organizationId = reader.recordId("organization")
        query.country = reader.country()
        if let region = reader.value("region") {
            if settings.regions.region(key: region) != nil {
                query.region = region
            } else {
                reader.fail("region", "choice", "region must be one of the workspace's regions.")
            }
        }
        query.states = reader.choice("state", DelegationInvitationState.self).map { [$0] } ?? []
        query.limit = reader.integer("limit", in: 1...1000) ?? 200
        query.offset = reader.integer("offset", in: 0...DelegationQuery.maxOffset) ?? 0
        try Problem.refuseQuery(reader.errors)
        return try JSONBody.response(
            OffsetList(items: try await store.listDelegations(query), limit: query.limit, offset: query.offset))
    }

    @Sendable func forecast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        guard try await store.activity(id: id) != nil else { throw StoreError.notFound(entity: .activity, id: id) }
        return try JSONBody.response(try await store.delegationForecast(DelegationQuery(activityId: id)))
    }
}

extension Delegation: APIRecord {
    static let bodyFields = KnownFields(
        names: [
            "activityId", "organizationId", "state", "sentOn", "sentByAccountId", "letterLanguage", "expectedSize",
            "mayorHeads", "expectedMode", "note", "registrations", "id", "version", "organizationName",
            "activityTitle", "sentByName", "createdAt", "updatedAt",
        ],
        lists: ["registrations": ["personId", "personName", "role", "mode", "state", "visaLetter", "interpretation"]])

    static let echoedFields: [EchoedField] =
        [.id("id")] + EchoedField.texts("organizationName", "activityTitle", "sentByName", "createdAt", "updatedAt")

    /// An update keeps its event and organization, but an id that cannot be one is still refused.
    static func checkBody(_ body: KeyedDecodingContainer<FieldName>) throws {
        for key in [FieldName("activityId"), FieldName("organizationId")] {
            if let id = try body.decodeIfPresent(Int64.self, forKey: key), id <= 0 {
                throw ValidationError(field: key.stringValue, rule: "exists", message: "There is no record \(id).")
            }
        }
    }
}
