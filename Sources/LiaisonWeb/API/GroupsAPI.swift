import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for working groups (/api/v1/working-groups), interests (/api/v1/interests) and the members
/// not engaged (/api/v1/engagement/unengaged).
struct GroupsAPI {
    let store: any LiaisonStore
    let settings: WebSettings

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        let store = store
        RecordAPI<WorkingGroup>(
            path: prefix + "/working-groups", store: store,
            list: { _, _ in try JSONBody.response(ItemList(items: try await store.listWorkingGroups())) },
            creating: store.createWorkingGroup, updating: store.updateWorkingGroup
        ).register(on: routes)
        RecordAPI<Interest>(
            path: prefix + "/interests", store: store, list: listInterests,
            create: { body, context in try await store.createInterest(body.input, by: context.actor) },
            update: { id, body, context in
                guard let current = try await store.interest(id: id) else {
                    throw StoreError.notFound(entity: .interest, id: id)
                }
                var input = body.input
                // An interest stays its organization's.
                input.organizationId = current.input.organizationId
                return try await store.updateInterest(
                    id: id, expectedVersion: try body.expectedVersion(), input, by: context.actor)
            }
        ).register(on: routes)
        routes.add(.get, prefix + "/engagement/unengaged", access: .viewer, use: unengaged)
        RecordAPI<Opportunity>(
            path: prefix + "/opportunities", store: store,
            list: { _, _ in try JSONBody.response(ItemList(items: try await store.listOpportunities())) },
            creating: store.createOpportunity, updating: store.updateOpportunity
        ).register(on: routes)
    }

    @Sendable func listInterests(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: true)
        var query = InterestQuery()
        query.theme = reader.text("theme", max: 100)
        if let raw = parameters["theme"], raw.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            reader.fail("theme", "no_control_characters", "theme cannot hold control characters.")
        }
        query.country = reader.country()
        query.region = region(&reader)
        query.workingGroupId = reader.recordId("group")
        query.organizationId = reader.recordId("organization")
        query.limit = reader.integer("limit", in: 1...InterestQuery.maxLimit) ?? 200
        query.offset = reader.integer("offset", in: 0...InterestQuery.maxOffset) ?? 0
        try Problem.refuseQuery(reader.errors)
        return try JSONBody.response(
            OffsetList(items: try await store.listInterests(query), limit: query.limit, offset: query.offset))
    }

    struct UnengagedList: Encodable {
        var items: [UnengagedMember]
        var total: Int
        var limit: Int
        var offset: Int
    }

    @Sendable func unengaged(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let country = reader.country()
        let region = region(&reader)
        let limit = reader.integer("limit", in: 1...1000) ?? 100
        let offset = reader.integer("offset", in: 0...1_000_000) ?? 0
        try Problem.refuseQuery(reader.errors)
        let result = try await store.unengagedMembers(region: region, country: country, limit: limit, offset: offset)
        return try JSONBody.response(
            UnengagedList(items: result.items, total: result.total, limit: limit, offset: offset))
    }

    private func region(_ reader: inout QueryReader) -> String? {
        guard let region = reader.value("region") else { return nil }
        guard settings.regions.regions.contains(where: { $0.key == region }) else {
            reader.fail("region", "choice", "region must be one of the workspace's regions.")
            return nil
        }
        return region
    }
}

/// The read-only fields a group, an interest or an opportunity is read with.
private let groupEchoedFields: [EchoedField] =
    [.id("id")] + EchoedField.texts("organizationName", "createdAt", "updatedAt")

extension WorkingGroup: APIRecord {
    static let bodyFields = KnownFields(
        names: ["name", "theme", "description", "members", "activityIds", "id", "version", "createdAt", "updatedAt"],
        lists: ["members": ["organizationId", "role", "joinedOn", "representativeIds"]])

    static var echoedFields: [EchoedField] { groupEchoedFields }
}

extension Interest: APIRecord {
    static let bodyFields = KnownFields(
        names: [
            "organizationId", "theme", "workingGroupId", "expressedOn", "activityId", "reportId", "note", "id",
            "version", "organizationName", "createdAt", "updatedAt",
        ],
        lists: [:])

    static var echoedFields: [EchoedField] { groupEchoedFields }
}

extension Opportunity: APIRecord {
    static let bodyFields = KnownFields(
        names: [
            "title", "kind", "theme", "deadline", "eligibility", "description", "activityId", "invitations", "id",
            "version", "createdAt", "updatedAt",
        ],
        lists: ["invitations": ["organizationId", "answer", "sentOn"]])

    static var echoedFields: [EchoedField] { groupEchoedFields }
}
