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
        let prefix = "/api/v1"
        routes.add(.get, prefix + "/delegations", access: .viewer, use: list)
        routes.add(.post, prefix + "/delegations", access: .editor, use: create)
        routes.add(.get, prefix + "/delegations/:id", access: .viewer, use: get)
        routes.add(.put, prefix + "/delegations/:id", access: .editor, use: update)
        routes.add(.delete, prefix + "/delegations/:id", access: .editor, use: delete)
        routes.add(.get, prefix + "/activities/:id/forecast", access: .viewer, use: forecast)
    }

    static let fields = KnownFields(
        names: [
            "activityId", "organizationId", "state", "sentOn", "sentByAccountId", "letterLanguage", "expectedSize",
            "mayorHeads", "expectedMode", "note", "registrations", "id", "version", "organizationName",
            "activityTitle", "sentByName", "createdAt", "updatedAt",
        ],
        lists: ["registrations": ["personId", "personName", "role", "mode", "state", "visaLetter", "interpretation"]])

    /// A delegation sent back: its input, with the read-only fields it was read with checked for their type.
    struct Body: Decodable {
        var version: Int?
        var input: DelegationInput

        enum CodingKeys: String, CodingKey {
            case id, version, organizationName, activityTitle, sentByName, createdAt, updatedAt, activityId
            case organizationId
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try c.decodeIfPresent(Int.self, forKey: .version)
            _ = try c.decodeIfPresent(Int64.self, forKey: .id)
            for key in [CodingKeys.organizationName, .activityTitle, .sentByName, .createdAt, .updatedAt] {
                _ = try c.decodeIfPresent(String.self, forKey: key)
            }
            input = try DelegationInput(from: decoder)
            // An update keeps its event and organization, but an id that cannot be one is still refused.
            for key in [CodingKeys.activityId, .organizationId] {
                if let id = try c.decodeIfPresent(Int64.self, forKey: key), id <= 0 {
                    throw ValidationError(
                        field: key.stringValue, rule: "exists", message: "There is no record \(id).")
                }
            }
        }
    }

    struct DelegationList: Encodable {
        var items: [DelegationSummary]
        var limit: Int
        var offset: Int
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
            DelegationList(items: try await store.listDelegations(query), limit: query.limit, offset: query.offset))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        guard let delegation = try await store.delegation(id: id) else {
            throw StoreError.notFound(entity: .delegation, id: id)
        }
        return try JSONBody.response(delegation)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        let delegation = try await store.createDelegation(body.input, by: context.actor)
        return try JSONBody.response(
            delegation, status: .created, headers: [.location: "/api/v1/delegations/\(delegation.id)"])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        guard let version = body.version else {
            throw ValidationError(field: "version", rule: "required", message: "version is required.")
        }
        return try JSONBody.response(
            try await store.updateDelegation(id: id, expectedVersion: version, body.input, by: context.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let version = reader.integer("version", in: 1...Int(Int32.max))
        try Problem.refuseQuery(reader.errors)
        try await store.deleteDelegation(id: id, expectedVersion: version, by: context.actor)
        return Response(status: .noContent)
    }

    @Sendable func forecast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        guard try await store.activity(id: id) != nil else { throw StoreError.notFound(entity: .activity, id: id) }
        return try JSONBody.response(try await store.delegationForecast(DelegationQuery(activityId: id)))
    }
}
