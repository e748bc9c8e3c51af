import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for comments: a report's thread (/api/v1/reports/{id}/comments) and each comment
/// (/api/v1/comments/{id}), which its author alone changes and its author or an admin deletes.
struct CommentsAPI {
    let store: any LiaisonStore

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        routes.add(.get, prefix + "/reports/:id/comments", access: .viewer, use: list)
        routes.add(.post, prefix + "/reports/:id/comments", access: .editor, use: create)
        routes.add(.get, prefix + "/comments/:id", access: .viewer, use: get)
        routes.add(.put, prefix + "/comments/:id", access: .editor, use: update)
        routes.add(.delete, prefix + "/comments/:id", access: .editor, use: delete)
    }

    static let fields = KnownFields(
        names: [
            "body", "version", "id", "reportId", "authorAccountId", "authorName", "reportTitle", "createdAt",
            "updatedAt",
        ], lists: [:])

    /// A comment as a client sends it: its text (and, to change it, the version read); the read-only fields it
    /// was read with are ignored, but must have their type.
    struct Body: Decodable {
        var body: String
        var version: Int?

        enum CodingKeys: String, CodingKey {
            case body, version, id, reportId, authorAccountId, authorName, reportTitle, createdAt, updatedAt
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            body = try c.decode(String.self, forKey: .body)
            version = try c.decodeIfPresent(Int.self, forKey: .version)
            for key in [CodingKeys.id, .reportId, .authorAccountId] {
                _ = try c.decodeIfPresent(Int64.self, forKey: key)
            }
            for key in [CodingKeys.authorName, .reportTitle, .createdAt, .updatedAt] {
                _ = try c.decodeIfPresent(String.self, forKey: key)
            }
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let report = try await ReportInputs.load(context, store: store)
        return try JSONBody.response(ItemList(items: try await store.comments(ofReport: report.id)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let report = try await ReportInputs.load(context, store: store)
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        let comment = try await store.createComment(
            CommentInput(reportId: report.id, body: body.body), by: context.actor)
        return try JSONBody.response(comment, status: .created, headers: [.location: "/api/v1/comments/\(comment.id)"])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(try await CommentInputs.load(context, store: store))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let comment = try await CommentInputs.load(context, store: store)
        try await CommentInputs.requireAuthor(comment, request: request, context: context, store: store)
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        guard let version = body.version else {
            throw ValidationError(field: "version", rule: "required", message: "version is required.")
        }
        return try JSONBody.response(
            try await store.updateComment(id: comment.id, expectedVersion: version, body: body.body, by: context.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let version = try QueryReader.version(of: request)
        let comment = try await CommentInputs.load(context, store: store)
        try await CommentInputs.requireAuthorOrAdmin(comment, request: request, context: context, store: store)
        try await store.deleteComment(id: comment.id, expectedVersion: version, by: context.actor)
        return Response(status: .noContent)
    }
}
