import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for the membership pipeline (/api/v1/prospects): the list with the board's filters, the
/// funnel, and each prospect. A PUT with another stage is a move (its note, place and day ride along), and
/// joined makes the organization a member in the same write.
struct ProspectsAPI {
    let store: any LiaisonStore
    let settings: WebSettings

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        routes.add(.get, prefix + "/prospects", access: .viewer, use: list)
        routes.add(.post, prefix + "/prospects", access: .editor, use: create)
        routes.add(.get, prefix + "/prospects/funnel", access: .viewer, use: funnel)
        routes.add(.get, prefix + "/prospects/:id", access: .viewer, use: get)
        routes.add(.put, prefix + "/prospects/:id", access: .editor, use: update)
        routes.add(.delete, prefix + "/prospects/:id", access: .editor, use: delete)
    }

    struct ListBody: Encodable {
        var items: [ProspectSummary]
        var limit: Int
        var offset: Int
    }

    static let fields = KnownFields(
        names: [
            "organizationId", "stage", "ownerAccountId", "targetDate", "targetActivityId", "likelihood", "nextStep",
            "stageNote", "stageActivityId", "stageDate", "id", "version", "organizationName", "stageSince",
            "history", "createdAt", "updatedAt",
        ],
        lists: [:])

    /// A prospect sent back: its input, with the read-only fields it was read with checked for their type.
    struct Body: Decodable {
        var version: Int?
        var input: ProspectInput

        enum CodingKeys: String, CodingKey {
            case id, version, organizationName, stageSince, createdAt, updatedAt
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try c.decodeIfPresent(Int.self, forKey: .version)
            if c.contains(.id) { _ = try c.decodeIfPresent(Int64.self, forKey: .id) }
            for key in [CodingKeys.organizationName, .stageSince, .createdAt, .updatedAt] {
                _ = try c.decodeIfPresent(String.self, forKey: key)
            }
            input = try ProspectInput(from: decoder)
        }
    }

    /// The filters of the list and the funnel, as the board reads them, strictly.
    private func query(_ request: Request) throws -> (ProspectQuery, QueryReader) {
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        var query = ProspectQuery()
        if let raw = reader.value("stage") {
            if let stage = PipelineStage(rawValue: raw) {
                query.stages = [stage]
            } else {
                reader.fail(
                    "stage", "choice",
                    "stage must be one of \(PipelineStage.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        if let region = reader.value("region") {
            if settings.regions.regions.contains(where: { $0.key == region }) {
                query.region = region
            } else {
                reader.fail("region", "choice", "region must be one of the workspace's regions.")
            }
        }
        query.country = reader.country()
        query.ownerAccountId = reader.recordId("owner")
        query.targetActivityId = reader.recordId("target")
        query.organizationId = reader.recordId("organization")
        if let day = reader.value("targetBy") {
            if ICalendar.day(day) == nil {
                reader.fail("targetBy", "date", "targetBy must be a date written YYYY-MM-DD.")
            } else {
                query.targetBy = day
            }
        }
        return (query, reader)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var (query, reader) = try self.query(request)
        query.limit = reader.integer("limit", in: 1...1000) ?? 200
        query.offset = reader.integer("offset", in: 0...ProspectQuery.maxOffset) ?? 0
        try Problem.refuseQuery(reader.errors)
        let items = try await store.listProspects(query)
        return try JSONBody.response(ListBody(items: items, limit: query.limit, offset: query.offset))
    }

    @Sendable func funnel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, reader) = try self.query(request)
        try Problem.refuseQuery(reader.errors)
        return try JSONBody.response(try await store.pipelineFunnel(query))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(try await load(context))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        let prospect = try await store.createProspect(
            body.input, today: FollowUpPages.today(context), by: context.actor)
        return try JSONBody.response(
            prospect, status: .created, headers: [.location: "/api/v1/prospects/\(prospect.id)"])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        guard let version = body.version else {
            throw ValidationError(field: "version", rule: "required", message: "version is required.")
        }
        return try JSONBody.response(
            try await store.updateProspect(
                id: id, expectedVersion: version, body.input, today: FollowUpPages.today(context), by: context.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let version = reader.integer("version", in: 1...Int(Int32.max))
        try Problem.refuseQuery(reader.errors)
        try await store.deleteProspect(id: id, expectedVersion: version, by: context.actor)
        return Response(status: .noContent)
    }

    private func load(_ context: AppRequestContext) async throws -> Prospect {
        let id = try context.recordID()
        guard let prospect = try await store.prospect(id: id) else {
            throw StoreError.notFound(entity: .prospect, id: id)
        }
        return prospect
    }
}
