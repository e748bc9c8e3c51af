import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for reports (/api/v1/reports).
struct ReportsAPI {
    let store: any LiaisonStore
    let settings: WebSettings
    let finder: any ReportMentionFinder

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        routes.add(.get, prefix + "/reports", access: .viewer, use: list)
        routes.add(.post, prefix + "/reports", access: .editor, use: create)
        routes.add(.get, prefix + "/reports/:id", access: .viewer, use: get)
        routes.add(.put, prefix + "/reports/:id", access: .editor, use: update)
        routes.add(.delete, prefix + "/reports/:id", access: .editor, use: delete)
    }

    /// A report as the API gives it: the author's fields at the top level beside what the store adds.
    struct ReportJSON: Encodable {
        let report: Report

        enum Key: String, CodingKey {
            case id, version, createdAt, updatedAt, links, authors, reviewers, activityTitle, organizationName
        }

        func encode(to encoder: any Encoder) throws {
            try report.input.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(report.id, forKey: .id)
            try c.encode(report.version, forKey: .version)
            try c.encode(report.createdAt, forKey: .createdAt)
            try c.encode(report.updatedAt, forKey: .updatedAt)
            try c.encode(report.links, forKey: .links)
            try c.encode(report.authors, forKey: .authors)
            try c.encode(report.reviewers, forKey: .reviewers)
            try c.encodeIfPresent(report.activityTitle, forKey: .activityTitle)
            try c.encodeIfPresent(report.organizationName, forKey: .organizationName)
        }
    }

    /// The read-only fields a client may send back with a report; ignored, but they must have their type.
    struct ReadOnlyFields: Decodable {
        enum CodingKeys: String, CodingKey {
            case id, createdAt, updatedAt, links, authors, reviewers, activityTitle, organizationName
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if c.contains(.id) { _ = try c.decode(Int64.self, forKey: .id) }
            for key in [CodingKeys.createdAt, .updatedAt, .activityTitle, .organizationName] where c.contains(key) {
                _ = try c.decode(String.self, forKey: key)
            }
            if c.contains(.links) { _ = try c.decode([ReportLink].self, forKey: .links) }
            for key in [CodingKeys.authors, .reviewers] where c.contains(key) {
                _ = try c.decode([StaffContact].self, forKey: key)
            }
        }
    }

    struct CreateBody: Decodable {
        var input: ReportInput
        init(from decoder: any Decoder) throws {
            _ = try ReadOnlyFields(from: decoder)
            input = try ReportInput(from: decoder)
        }
    }

    struct UpdateBody: Decodable {
        var version: Int
        var input: ReportInput
        /// Whether the body names the links added and removed; when it does not, they stay as they are.
        var namesLinks: (added: Bool, removed: Bool)

        enum CodingKeys: String, CodingKey { case version, linksAdded, linksRemoved }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try c.decode(Int.self, forKey: .version)
            namesLinks = (c.contains(.linksAdded), c.contains(.linksRemoved))
            _ = try ReadOnlyFields(from: decoder)
            input = try ReportInput(from: decoder)
        }
    }

    static let fields = KnownFields(
        names: [
            "title", "body", "status", "authorAccountIds", "reviewerAccountIds", "activityId", "organizationId",
            "linksAdded", "linksRemoved", "id", "version", "createdAt", "updatedAt", "links", "authors", "reviewers",
            "activityTitle", "organizationName",
        ],
        lists: [
            "linksAdded": ["kind", "id"], "linksRemoved": ["kind", "id"],
            "links": ["target", "name", "found"], "authors": ["id", "name", "email"],
            "reviewers": ["id", "name", "email"],
        ])

    private var intake: ReportIntake { ReportIntake(store: store, finder: finder) }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, errors) = ReportQuery.parse(request.uri.queryDictionary, regions: settings.regions, strict: true)
        try Problem.refuseQuery(errors)
        let items = try await store.listReports(query)
        return try JSONBody.response(OffsetList(items: items, limit: query.limit, offset: query.offset))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(ReportJSON(report: try await ReportInputs.load(context, store: store)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(CreateBody.self, from: request, context: context, fields: Self.fields)
        let report = try await intake.create(body.input, by: context.actor)
        return try JSONBody.response(
            ReportJSON(report: report), status: .created, headers: [.location: "/api/v1/reports/\(report.id)"])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await ReportInputs.load(context, store: store)
        let body = try await JSONBody.decode(UpdateBody.self, from: request, context: context, fields: Self.fields)
        var input = body.input
        if !body.namesLinks.added { input.linksAdded = current.input.linksAdded }
        if !body.namesLinks.removed { input.linksRemoved = current.input.linksRemoved }
        let report = try await intake.update(
            id: current.id, expectedVersion: body.version, input, by: context.actor)
        return try JSONBody.response(ReportJSON(report: report))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        try await store.deleteReport(id: id, expectedVersion: try QueryReader.version(of: request), by: context.actor)
        return Response(status: .noContent)
    }
}

/// What the API and the pages share about a report.
enum ReportInputs {
    /// The report named by the request's path, or a 404.
    static func load(_ context: AppRequestContext, store: any LiaisonStore) async throws -> Report {
        try await context.record(Report.self, in: store)
    }
}
