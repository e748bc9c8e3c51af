import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for the directory: /api/v1/organizations.
struct OrganizationsAPI {
    let store: any LiaisonStore
    let settings: WebSettings

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        routes.add(.get, prefix + "/organizations", access: .viewer, use: list)
        routes.add(.post, prefix + "/organizations", access: .editor, use: create)
        routes.add(.get, prefix + "/organizations/:id", access: .viewer, use: get)
        routes.add(.put, prefix + "/organizations/:id", access: .editor, use: update)
        routes.add(.delete, prefix + "/organizations/:id", access: .editor, use: delete)
        routes.add(.get, prefix + "/regions", access: .viewer) { _, _ in
            try JSONBody.response(ListBody(items: settings.regions.regions))
        }
        routes.add(.get, prefix + "/countries", access: .viewer) { _, _ in
            try JSONBody.response(ListBody(items: Country.all))
        }
    }

    struct ListBody<Item: Encodable>: Encodable {
        var items: [Item]
    }

    struct PageBody: Encodable {
        var items: [OrganizationSummary]
        var total: Int
        var page: Int
        var perPage: Int
        var countsByStatus: [String: Int]
    }

    /// An update: the full record plus the version it was read at.
    struct UpdateBody: Decodable {
        var version: Int
        var input: OrganizationInput

        enum CodingKeys: String, CodingKey { case version }

        init(from decoder: any Decoder) throws {
            version = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .version)
            input = try OrganizationInput(from: decoder)
        }
    }

    /// What an organization body may hold: its fields, plus the read-only ones a client may send back.
    static let fields = KnownFields(
        names: [
            "kind", "name", "nativeName", "aliases", "country", "region", "metroArea", "population", "latitude",
            "longitude", "website", "membershipStatus", "memberSince", "paying", "duesPerYear", "focalPoint",
            "focalPointAccountId", "focalPointStaff",
            "governanceRoles", "affiliations", "practices", "id", "version", "createdAt", "updatedAt",
        ],
        lists: [
            "governanceRoles": ["title", "fromYear", "toYear"], "practices": ["title", "year", "description"],
            "affiliations": ["networkId", "networkName"],
        ])

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        let (query, errors) = OrganizationQuery.parse(parameters, regions: settings.regions, strict: true)
        try Problem.refuseQuery(errors)
        let page = try await store.listOrganizations(query)
        let counts = Dictionary(uniqueKeysWithValues: page.countsByStatus.map { ($0.key.rawValue, $0.value) })
        return try JSONBody.response(
            PageBody(
                items: page.items, total: page.total, page: query.page, perPage: query.perPage, countsByStatus: counts))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        guard let organization = try await store.organization(id: id) else {
            throw StoreError.notFound(entity: .organization, id: id)
        }
        return try JSONBody.response(organization)
    }

    private var intake: OrganizationIntake {
        OrganizationIntake(store: store, regions: settings.regions, currentYear: settings.currentYear())
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await JSONBody.decode(
            OrganizationInput.self, from: request, context: context, fields: Self.fields)
        let organization = try await intake.create(input, by: context.actor)
        return try JSONBody.response(
            organization, status: .created, headers: [.location: "/api/v1/organizations/\(organization.id)"])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(UpdateBody.self, from: request, context: context, fields: Self.fields)
        let organization = try await intake.update(id: id, expectedVersion: body.version, body.input, by: context.actor)
        return try JSONBody.response(organization)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        var version: Int?
        if let raw = request.uri.queryParameters["version"] {
            guard let parsed = Int(raw) else {
                throw Problem(
                    .badRequest, type: "invalid-query", title: "The query has values that are not allowed.",
                    errors: [.init(field: "version", rule: "integer", message: "version must be a whole number.")])
            }
            version = parsed
        }
        try await store.deleteOrganization(id: id, expectedVersion: version, by: context.actor)
        return Response(status: .noContent)
    }
}
