import Foundation
import LiaisonCore
import LiaisonStore

/// A report's comments, oldest first, each with its author, its time in the viewer's zone and its text
/// rendered from Markdown like the report's; then the form that adds one (for editors).
struct CommentThreadView {
    let reportId: Int64
    let comments: [ReportComment]
    let draft: CommentDraft
    let zone: TimeZone
    let t: Strings
    let viewer: StaffAccount?
    let csrf: String

    private var canWrite: Bool { (viewer?.role ?? .viewer) >= .editor }

    func render(into html: inout HTML) {
        if comments.isEmpty { html.p(.class("muted"), text: t[.noComments]) }
        for comment in comments {
            html.element("article", [.class("comment"), .id("comment-\(comment.id)")]) { html in
                html.p(.class("comment-head")) { html in
                    html.strong { $0.text(comment.authorName ?? t[.commentFormerColleague]) }
                    html.text(" ")
                    html.span(.class("muted")) { html in
                        html.text("· " + ReportFormats.when(comment.createdAt, in: zone))
                        if comment.version > 1 { html.text(" · " + t[.commentEdited]) }
                    }
                }
                html.div(.class("comment-text")) { $0.markdown(MarkdownText(comment.input.body)) }
                actions(comment, into: &html)
            }
            html.newline()
        }
        guard canWrite else { return }
        html.form(
            .class("comment-form"), .id("comment-form"), .method("post"), .action("/reports/\(reportId)/comments")
        ) {
            html in
            html.hidden(name: "_csrf", value: csrf)
            FormField(
                name: "body", label: t[.commentField], value: draft.body, error: draft.error, hint: t[.commentHint],
                required: true, control: .textarea
            ).render(into: &html)
            html.button(.type("submit"), text: t[.commentSubmit])
        }
    }

    private func actions(_ comment: ReportComment, into html: inout HTML) {
        let mine = comment.isWritten(by: viewer?.id) && canWrite
        let mayDelete = mine || viewer?.role == .admin
        guard mayDelete else { return }
        html.p(.class("comment-actions")) { html in
            if mine {
                html.a(
                    .href("/comments/\(comment.id)/edit"), Attribute("aria-label", "\(t[.edit]) \(t[.entityComment])"),
                    text: t[.edit])
                html.text(" ")
            }
            html.a(
                .href("/comments/\(comment.id)/delete"), Attribute("aria-label", "\(t[.delete]) \(t[.entityComment])"),
                text: t[.delete])
        }
    }
}

/// The form that edits a comment: its text, with the version it was read at.
struct CommentFormView {
    let heading: String
    let action: String
    let cancel: String
    let body: String
    let version: String
    let errors: [FieldError]
    let conflict: Bool
    let t: Strings
    let csrf: String

    var errorSummary: [FieldErrorLink] { errors.map { FieldErrorLink(id: "f-body", message: $0.message) } }

    func render(into html: inout HTML) {
        FormParts.record(self, t: t, csrf: csrf, into: &html) { html in
            FormField(
                name: "body", label: t[.commentFieldBody], value: body,
                error: errors.isEmpty ? nil : errors.map(\.message).joined(separator: " "), hint: t[.commentHint],
                required: true, control: .textarea
            ).render(into: &html)
        }
    }
}
