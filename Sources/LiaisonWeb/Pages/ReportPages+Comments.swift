import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// Comments under a report: added from the report's page, opened at their place in its thread (where the inbox
/// sends a colleague a comment names), edited by their author, deleted by their author or an admin.
extension ReportPages {
    func registerComments(on routes: RouteRegistry) {
        routes.add(.post, "/reports/:id/comments", access: .editor, use: addComment)
        routes.add(.get, "/comments/:id", access: .viewer, use: openComment)
        routes.add(.get, "/comments/:id/edit", access: .editor, use: editComment)
        routes.add(.post, "/comments/:id", access: .editor, use: updateComment)
        routes.add(.get, "/comments/:id/delete", access: .editor, use: confirmDeleteComment)
        routes.add(.post, "/comments/:id/delete", access: .editor, use: deleteComment)
    }

    @Sendable func addComment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let report = try await ReportInputs.load(context, store: store)
        let form = try await FormData.read(request, context: context)
        do {
            let comment = try await store.createComment(
                CommentInput(reportId: report.id, body: form["body"]), by: context.actor)
            return PageRenderer.redirect(to: CommentInputs.anchor(comment))
        } catch let error as ValidationError {
            let draft = CommentDraft(
                body: form["body"], error: error.errors.map(\.message).joined(separator: " "))
            return try await showPage(
                request, context: context, report: report, draft: draft, status: .unprocessableContent)
        }
    }

    /// Its place in its report's thread.
    @Sendable func openComment(_ request: Request, context: AppRequestContext) async throws -> Response {
        PageRenderer.redirect(to: CommentInputs.anchor(try await CommentInputs.load(context, store: store)))
    }

    @Sendable func editComment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let comment = try await CommentInputs.load(context, store: store)
        try await CommentInputs.requireAuthor(comment, request: request, context: context, store: store)
        return commentForm(comment, body: comment.input.body, version: String(comment.version), context: context)
    }

    @Sendable func updateComment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let comment = try await CommentInputs.load(context, store: store)
        try await CommentInputs.requireAuthor(comment, request: request, context: context, store: store)
        let form = try await FormData.read(request, context: context)
        guard let version = Int(form["version"]) else { throw HTTPError(.badRequest, message: t[.errorMissingVersion]) }
        do {
            let saved = try await store.updateComment(
                id: comment.id, expectedVersion: version, body: form["body"], by: context.actor)
            return PageRenderer.redirect(to: CommentInputs.anchor(saved))
        } catch let error as ValidationError {
            return commentForm(
                comment, body: form["body"], version: form["version"], errors: error.errors,
                status: .unprocessableContent, context: context)
        } catch StoreError.versionConflict {
            return commentForm(
                comment, body: form["body"], version: String(comment.version), conflict: true, status: .conflict,
                context: context)
        }
    }

    @Sendable func confirmDeleteComment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let comment = try await CommentInputs.load(context, store: store)
        try await CommentInputs.requireAuthorOrAdmin(comment, request: request, context: context, store: store)
        let model = DeleteModel(
            action: "/comments/\(comment.id)/delete", cancel: CommentInputs.anchor(comment), version: comment.version,
            prompt: String(
                format: t[.deleteCommentPrompt], comment.authorName ?? t[.commentFormerColleague], comment.reportTitle))
        return renderer.deletePage(model, context: context)
    }

    @Sendable func deleteComment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let comment = try await CommentInputs.load(context, store: store)
        try await CommentInputs.requireAuthorOrAdmin(comment, request: request, context: context, store: store)
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteComment(id: comment.id, expectedVersion: version, by: context.actor)
            return "/reports/\(comment.input.reportId)#comments"
        }
    }

    private func commentForm(
        _ comment: ReportComment, body: String, version: String, errors: [FieldError] = [], conflict: Bool = false,
        status: HTTPResponse.Status = .ok, context: AppRequestContext
    ) -> Response {
        let heading = String(format: t[.commentEditHeading], comment.reportTitle)
        let view = CommentFormView(
            heading: heading, action: "/comments/\(comment.id)", cancel: CommentInputs.anchor(comment), body: body,
            version: version, errors: errors, conflict: conflict, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: heading, context: context, status: status) { view.render(into: &$0) }
    }
}

/// What the API and the pages share about comments.
enum CommentInputs {
    /// The comment named by the request's path, or a 404.
    static func load(_ context: AppRequestContext, store: any LiaisonStore) async throws -> ReportComment {
        let id = try context.recordID()
        guard let comment = try await store.comment(id: id) else { throw StoreError.notFound(entity: .comment, id: id) }
        return comment
    }

    /// The comment's place on its report's page.
    static func anchor(_ comment: ReportComment) -> String {
        "/reports/\(comment.input.reportId)#comment-\(comment.id)"
    }

    /// Refuses (403, in the audit trail) anyone but the comment's author.
    static func requireAuthor(
        _ comment: ReportComment, request: Request, context: AppRequestContext, store: any LiaisonStore
    ) async throws {
        if comment.isWritten(by: context.identity?.account.id) { return }
        throw try await refusal(request, context: context, store: store, reason: "not the comment's author")
    }

    /// Refuses (403, in the audit trail) anyone but the comment's author and admins.
    static func requireAuthorOrAdmin(
        _ comment: ReportComment, request: Request, context: AppRequestContext, store: any LiaisonStore
    ) async throws {
        if comment.isWritten(by: context.identity?.account.id) || context.identity?.account.role == .admin { return }
        throw try await refusal(
            request, context: context, store: store, reason: "neither the comment's author nor an admin")
    }

    private static func refusal(
        _ request: Request, context: AppRequestContext, store: any LiaisonStore, reason: String
    ) async throws -> Problem {
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .accessRefused,
                summary: "\(request.method.rawValue) \(request.uri.path): \(reason)"))
        return Problem(
            .forbidden, type: "forbidden", title: "Not allowed.",
            detail: "Only its author may change a comment, and its author or an admin delete it.")
    }
}

/// A comment as typed on the report's page, kept when it is refused so that it shows again with the reason.
struct CommentDraft {
    var body = ""
    var error: String?
}
