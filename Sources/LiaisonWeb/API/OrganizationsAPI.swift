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
        RecordAPI<Organization>(
            path: prefix + "/organizations", store: store, list: list,
            create: { body, context in try await intake.create(body.input, by: context.actor) },
            update: { id, body, context in
                try await intake.update(
                    id: id, expectedVersion: try body.expectedVersion(), body.input, by: context.actor)
            },
            deletes: false
        ).register(on: routes)
        routes.add(.delete, prefix + "/organizations/:id", access: .editor, use: delete)
        routes.add(.get, prefix + "/regions", access: .viewer) { _, _ in
            try JSONBody.response(ItemList(items: settings.regions.regions))
        }
        routes.add(.get, prefix + "/countries", access: .viewer) { _, _ in
            try JSONBody.response(ItemList(items: Country.all))
        }
    }

    struct PageBody: Encodable {
        var items: [OrganizationSummary]
        var total: Int
        var page: Int
        var perPage: Int
        var countsByStatus: [String: Int]
    }

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

    /// Made for each request, so that the year it checks against is the current one.
    private var intake: OrganizationIntake {
        OrganizationIntake(store: store, regions: settings.regions, currentYear: settings.currentYear())
    }

    /// A version that is not a whole number is refused as the directory always has (any whole number is read).
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

extension Organization: APIRecord {
    /// What an organization body may hold: its fields, plus the read-only ones a client may send back.
    static let bodyFields = KnownFields(
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

    /// The read-only fields are left to the input, which ignores them.
    static let echoedFields: [EchoedField] = []

    static var versionField: VersionField { .requiredByUpdate }
}
