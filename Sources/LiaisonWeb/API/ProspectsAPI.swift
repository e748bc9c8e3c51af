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
        let store = store
        routes.add(.get, "/api/v1/prospects/funnel", access: .viewer, use: funnel)
        RecordAPI<Prospect>(
            path: "/api/v1/prospects", store: store, list: list,
            create: { body, context in
                try await store.createProspect(body.input, today: FollowUpPages.today(context), by: context.actor)
            },
            update: { id, body, context in
                try await store.updateProspect(
                    id: id, expectedVersion: try body.expectedVersion(), body.input,
                    today: FollowUpPages.today(context),
                    by: context.actor)
            }
        ).register(on: routes)
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
        return try JSONBody.response(OffsetList(items: items, limit: query.limit, offset: query.offset))
    }

    @Sendable func funnel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, reader) = try self.query(request)
        try Problem.refuseQuery(reader.errors)
        return try JSONBody.response(try await store.pipelineFunnel(query))
    }
}

extension Prospect: APIRecord {
    static let bodyFields = KnownFields(
        names: [
            "organizationId", "stage", "ownerAccountId", "targetDate", "targetActivityId", "likelihood", "nextStep",
            "stageNote", "stageActivityId", "stageDate", "id", "version", "organizationName", "stageSince",
            "history", "createdAt", "updatedAt",
        ],
        lists: [:])

    /// The moves read with it are ignored, but must still be a list (or null).
    static let echoedFields: [EchoedField] =
        [.id("id")] + EchoedField.texts("organizationName", "stageSince", "createdAt", "updatedAt") + [.list("history")]
}
