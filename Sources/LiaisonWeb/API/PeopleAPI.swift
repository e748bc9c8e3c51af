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
        routes.add(.get, prefix + "/people", access: .viewer, use: list)
        routes.add(.post, prefix + "/people", access: .editor, use: create)
        routes.add(.post, prefix + "/people/duplicates", access: .viewer, use: duplicates)
        routes.add(.get, prefix + "/people/:id", access: .viewer, use: get)
        routes.add(.put, prefix + "/people/:id", access: .editor, use: update)
        routes.add(.delete, prefix + "/people/:id", access: .editor, use: delete)
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

    struct UpdateBody: Decodable {
        var version: Int
        var input: PersonInput

        enum CodingKeys: String, CodingKey { case version }

        init(from decoder: any Decoder) throws {
            version = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .version)
            _ = try ReadOnlyFields(from: decoder)
            input = try PersonInput(from: decoder)
        }
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

    /// The read-only fields a client may send back with a person; they are ignored, but must have their type.
    struct ReadOnlyFields: Decodable {
        enum CodingKeys: String, CodingKey { case id, createdAt, updatedAt, displayName }

        // Present means of the right type and not null.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if c.contains(.id) { _ = try c.decode(Int64.self, forKey: .id) }
            for key in [CodingKeys.createdAt, .updatedAt, .displayName] where c.contains(key) {
                _ = try c.decode(String.self, forKey: key)
            }
        }
    }

    /// A person body: its fields, with the read-only ones checked for their type.
    static func decodeInput(_ request: Request, context: AppRequestContext) async throws -> PersonInput {
        struct Body: Decodable {
            var input: PersonInput
            init(from decoder: any Decoder) throws {
                _ = try ReadOnlyFields(from: decoder)
                input = try PersonInput(from: decoder)
            }
        }
        return try await JSONBody.decode(Body.self, from: request, context: context, fields: fields).input
    }

    /// What a person body may hold: its fields, plus the read-only ones a client may send back.
    static let fields = KnownFields(
        names: [
            "givenName", "familyName", "nameOrder", "nativeName", "honorific", "languages", "role", "notes", "metAt",
            "metAtActivityId", "consentNote", "consentDate", "positions", "channels", "id", "version", "createdAt",
            "updatedAt",
            "displayName",
        ],
        lists: [
            "positions": ["organizationId", "organizationName", "title", "department", "startDate", "endDate"],
            "channels": ["kind", "value", "label", "preferred", "heldByAccountId", "heldBy"],
        ])

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, errors) = PersonQuery.parse(request.uri.queryDictionary, strict: true)
        try Problem.refuseQuery(errors)
        let page = try await store.listPeople(query)
        return try JSONBody.response(
            PageBody(
                items: page.items, total: page.total, totalIsLowerBound: page.totalIsLowerBound, page: query.page,
                perPage: query.perPage))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(try await PersonInputs.load(context, store: store))
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
        return try JSONBody.response(OrganizationsAPI.ListBody(items: found))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(UpdateBody.self, from: request, context: context, fields: Self.fields)
        return try JSONBody.response(
            try await intake.update(id: id, expectedVersion: body.version, body.input, by: context.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let version = reader.integer("version", in: 1...Int(Int32.max))
        try Problem.refuseQuery(reader.errors)
        try await store.deletePerson(id: id, expectedVersion: version, by: context.actor)
        return Response(status: .noContent)
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

    private var intake: PersonIntake { PersonIntake(store: store, currentYear: settings.currentYear()) }

}

/// What the API and the pages share about a person's input.
enum PersonInputs {
    /// The person named by the request's path, or a 404.
    static func load(_ context: AppRequestContext, store: any LiaisonStore) async throws -> Person {
        let id = try context.recordID()
        guard let person = try await store.person(id: id) else { throw StoreError.notFound(entity: .person, id: id) }
        return person
    }
}
