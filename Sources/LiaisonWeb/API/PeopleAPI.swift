import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for people (/api/v1/people) and the search box (/api/v1/search).
struct PeopleAPI {
    let store: any LiaisonStore
    let settings: WebSettings

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        routes.add(.post, prefix + "/people", access: .editor, use: create)
        routes.add(.post, prefix + "/people/duplicates", access: .viewer, use: duplicates)
        RecordAPI<Person>(
            path: prefix + "/people", store: store, list: list,
            update: { id, body, context in
                try await intake.update(
                    id: id, expectedVersion: try body.expectedVersion(), body.input, by: context.actor)
            }
        ).register(on: routes)
        routes.add(.post, prefix + "/people/:id/merge", access: .editor, use: merge)
        routes.add(.get, prefix + "/search", access: .viewer, use: search)
    }

    struct PageBody: Encodable {
        var items: [PersonSummary]
        var total: Int
        var totalIsLowerBound: Bool
        var page: Int
        var perPage: Int
    }

    struct MergeBody: Decodable {
        /// The version of the person kept (the one in the path).
        var version: Int
        /// The duplicate folded in and deleted.
        var otherId: Int64
        var otherVersion: Int
    }

    struct SearchBody: Encodable {
        var query: String
        var items: [SearchHit]
    }

    /// A person body: its fields, with the read-only ones checked for their type.
    static func decodeInput(_ request: Request, context: AppRequestContext) async throws -> PersonInput {
        try await RecordBody<Person, ForCreation>.read(request, context: context).input
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, errors) = PersonQuery.parse(request.uri.queryDictionary, strict: true)
        try Problem.refuseQuery(errors)
        let page = try await store.listPeople(query)
        return try JSONBody.response(
            PageBody(
                items: page.items, total: page.total, totalIsLowerBound: page.totalIsLowerBound, page: query.page,
                perPage: query.perPage))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let confirmed = reader.boolean("confirmDuplicates") ?? false
        try Problem.refuseQuery(reader.errors)
        let input = try await Self.decodeInput(request, context: context)
        switch try await intake.create(input, confirmDuplicates: confirmed, by: context.actor) {
        case .likelyDuplicates(let duplicates):
            var problem = Problem(
                .conflict, type: "possible-duplicate", title: "This person may already be recorded.",
                detail: "\(duplicates.count) person(s) share an email address or the name at the same "
                    + "organization. Send ?confirmDuplicates=true to create the record anyway.")
            problem.duplicates = duplicates
            throw problem
        case .created(let person):
            return try JSONBody.response(
                person, status: .created, headers: [.location: "/api/v1/people/\(person.id)"])
        }
    }

    /// The people a new record would probably duplicate; the body is checked as a create would check it.
    @Sendable func duplicates(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await intake.likelyDuplicates(of: try await Self.decodeInput(request, context: context))
        return try JSONBody.response(ItemList(items: found))
    }

    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(
            MergeBody.self, from: request, context: context,
            fields: KnownFields(names: ["version", "otherId", "otherVersion"], lists: [:]))
        let person = try await store.mergePeople(
            keep: id, keepVersion: body.version, remove: body.otherId, removeVersion: body.otherVersion,
            by: context.actor)
        return try JSONBody.response(person)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await store.takeCostly(settings.limits.search, key: RateKey.search, what: "searches", context: context)
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let text = reader.text("q")
        let limit = reader.integer("limit", in: 1...50) ?? 10
        if text == nil, reader.errors.isEmpty { reader.fail("q", "required", "q is required.") }
        try Problem.refuseQuery(reader.errors)
        let hits = try await store.search(text ?? "", limit: limit)
        return try JSONBody.response(SearchBody(query: text ?? "", items: hits))
    }

    /// Made for each request, so that the year it checks against is the current one.
    private var intake: PersonIntake { PersonIntake(store: store, currentYear: settings.currentYear()) }
}

/// What the API and the pages share about a person's input.
enum PersonInputs {
    /// The person named by the request's path, or a 404.
    static func load(_ context: AppRequestContext, store: any LiaisonStore) async throws -> Person {
        try await context.record(Person.self, in: store)
    }
}

extension Person: APIRecord {
    /// What a person body may hold: its fields, plus the read-only ones a client may send back.
    static let bodyFields = KnownFields(
        names: [
            "givenName", "familyName", "nameOrder", "nativeName", "honorific", "languages", "role", "notes", "metAt",
            "metAtActivityId", "consentNote", "consentDate", "positions", "channels", "id", "version", "createdAt",
            "updatedAt", "displayName",
        ],
        lists: [
            "positions": ["organizationId", "organizationName", "title", "department", "startDate", "endDate"],
            "channels": ["kind", "value", "label", "preferred", "heldByAccountId", "heldBy"],
        ])

    static let echoedFields: [EchoedField] =
        [.id("id", nullable: false)] + EchoedField.texts("createdAt", "updatedAt", "displayName", nullable: false)

    static var versionField: VersionField { .requiredByUpdate }
}
