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
        routes.add(.get, prefix + "/working-groups", access: .viewer, use: listGroups)
        routes.add(.post, prefix + "/working-groups", access: .editor, use: createGroup)
        routes.add(.get, prefix + "/working-groups/:id", access: .viewer, use: getGroup)
        routes.add(.put, prefix + "/working-groups/:id", access: .editor, use: updateGroup)
        routes.add(.delete, prefix + "/working-groups/:id", access: .editor, use: deleteGroup)
        routes.add(.get, prefix + "/interests", access: .viewer, use: listInterests)
        routes.add(.post, prefix + "/interests", access: .editor, use: createInterest)
        routes.add(.get, prefix + "/interests/:id", access: .viewer, use: getInterest)
        routes.add(.put, prefix + "/interests/:id", access: .editor, use: updateInterest)
        routes.add(.delete, prefix + "/interests/:id", access: .editor, use: deleteInterest)
        routes.add(.get, prefix + "/engagement/unengaged", access: .viewer, use: unengaged)
        routes.add(.get, prefix + "/opportunities", access: .viewer, use: listOpportunities)
        routes.add(.post, prefix + "/opportunities", access: .editor, use: createOpportunity)
        routes.add(.get, prefix + "/opportunities/:id", access: .viewer, use: getOpportunity)
        routes.add(.put, prefix + "/opportunities/:id", access: .editor, use: updateOpportunity)
        routes.add(.delete, prefix + "/opportunities/:id", access: .editor, use: deleteOpportunity)
    }

    static let groupFields = KnownFields(
        names: ["name", "theme", "description", "members", "activityIds", "id", "version", "createdAt", "updatedAt"],
        lists: ["members": ["organizationId", "role", "joinedOn", "representativeIds"]])

    static let interestFields = KnownFields(
        names: [
            "organizationId", "theme", "workingGroupId", "expressedOn", "activityId", "reportId", "note", "id",
            "version", "organizationName", "createdAt", "updatedAt",
        ],
        lists: [:])

    /// A record sent back: its input, with the read-only fields it was read with checked for their type.
    struct Body<Input: Decodable & Sendable>: Decodable {
        var version: Int?
        var input: Input

        enum CodingKeys: String, CodingKey { case id, version, organizationName, createdAt, updatedAt }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try c.decodeIfPresent(Int.self, forKey: .version)
            _ = try c.decodeIfPresent(Int64.self, forKey: .id)
            for key in [CodingKeys.organizationName, .createdAt, .updatedAt] {
                _ = try c.decodeIfPresent(String.self, forKey: key)
            }
            input = try Input(from: decoder)
        }

        func requireVersion() throws -> Int {
            guard let version else {
                throw ValidationError(field: "version", rule: "required", message: "version is required.")
            }
            return version
        }
    }

    static let opportunityFields = KnownFields(
        names: [
            "title", "kind", "theme", "deadline", "eligibility", "description", "activityId", "invitations", "id",
            "version", "createdAt", "updatedAt",
        ],
        lists: ["invitations": ["organizationId", "answer", "sentOn"]])

    struct GroupList: Encodable { var items: [GroupSummary] }

    struct OpportunityList: Encodable { var items: [OpportunitySummary] }

    @Sendable func listOpportunities(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(OpportunityList(items: try await store.listOpportunities()))
    }

    @Sendable func getOpportunity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        guard let opportunity = try await store.opportunity(id: id) else {
            throw StoreError.notFound(entity: .opportunity, id: id)
        }
        return try JSONBody.response(opportunity)
    }

    @Sendable func createOpportunity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(
            Body<OpportunityInput>.self, from: request, context: context, fields: Self.opportunityFields)
        let opportunity = try await store.createOpportunity(body.input, by: context.actor)
        return try JSONBody.response(
            opportunity, status: .created, headers: [.location: "/api/v1/opportunities/\(opportunity.id)"])
    }

    @Sendable func updateOpportunity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(
            Body<OpportunityInput>.self, from: request, context: context, fields: Self.opportunityFields)
        return try JSONBody.response(
            try await store.updateOpportunity(
                id: id, expectedVersion: try body.requireVersion(), body.input, by: context.actor))
    }

    @Sendable func deleteOpportunity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        try await store.deleteOpportunity(id: id, expectedVersion: try version(request), by: context.actor)
        return Response(status: .noContent)
    }

    @Sendable func listGroups(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(GroupList(items: try await store.listWorkingGroups()))
    }

    @Sendable func getGroup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        guard let group = try await store.workingGroup(id: id) else {
            throw StoreError.notFound(entity: .workingGroup, id: id)
        }
        return try JSONBody.response(group)
    }

    @Sendable func createGroup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(
            Body<WorkingGroupInput>.self, from: request, context: context, fields: Self.groupFields)
        let group = try await store.createWorkingGroup(body.input, by: context.actor)
        return try JSONBody.response(
            group, status: .created, headers: [.location: "/api/v1/working-groups/\(group.id)"])
    }

    @Sendable func updateGroup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(
            Body<WorkingGroupInput>.self, from: request, context: context, fields: Self.groupFields)
        return try JSONBody.response(
            try await store.updateWorkingGroup(
                id: id, expectedVersion: try body.requireVersion(), body.input, by: context.actor))
    }

    @Sendable func deleteGroup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        try await store.deleteWorkingGroup(id: id, expectedVersion: try version(request), by: context.actor)
        return Response(status: .noContent)
    }

    struct InterestList: Encodable {
        var items: [InterestSummary]
        var limit: Int
        var offset: Int
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
            InterestList(items: try await store.listInterests(query), limit: query.limit, offset: query.offset))
    }

    @Sendable func getInterest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        guard let interest = try await store.interest(id: id) else {
            throw StoreError.notFound(entity: .interest, id: id)
        }
        return try JSONBody.response(interest)
    }

    @Sendable func createInterest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(
            Body<InterestInput>.self, from: request, context: context, fields: Self.interestFields)
        let interest = try await store.createInterest(body.input, by: context.actor)
        return try JSONBody.response(
            interest, status: .created, headers: [.location: "/api/v1/interests/\(interest.id)"])
    }

    @Sendable func updateInterest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(
            Body<InterestInput>.self, from: request, context: context, fields: Self.interestFields)
        guard let current = try await store.interest(id: id) else {
            throw StoreError.notFound(entity: .interest, id: id)
        }
        var input = body.input
        // An interest stays its organization's.
        input.organizationId = current.input.organizationId
        return try JSONBody.response(
            try await store.updateInterest(id: id, expectedVersion: try body.requireVersion(), input, by: context.actor)
        )
    }

    @Sendable func deleteInterest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        try await store.deleteInterest(id: id, expectedVersion: try version(request), by: context.actor)
        return Response(status: .noContent)
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

    private func version(_ request: Request) throws -> Int? {
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let version = reader.integer("version", in: 1...Int(Int32.max))
        try Problem.refuseQuery(reader.errors)
        return version
    }
}
