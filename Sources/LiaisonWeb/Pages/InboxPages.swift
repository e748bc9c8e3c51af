import Foundation
import Hummingbird
import LiaisonCore
import LiaisonStore

/// Each member of staff's inbox: what concerns them, newest first, unread marked. An entry opened through the
/// inbox is marked read on the way to its record. Nobody reads or marks another's entries: every statement
/// names the signed-in account.
struct InboxPages {
    let store: any LiaisonStore
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/inbox", access: .viewer, use: inbox)
        routes.add(.get, "/inbox/:id", access: .viewer, use: open)
        routes.add(.post, "/inbox/read", access: .viewer, use: markAllRead)
    }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        // Reminders of what became overdue are made when their owner looks (once each, by their key).
        try await store.remindOverdueFollowUps(accountId: account.id, today: FollowUpPages.today(context))
        let entries = try await store.notifications(accountId: account.id)
        let view = InboxView(
            entries: entries.map { InboxLine($0, strings: t) }, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: t[.inboxTitle], context: context) { view.render(into: &$0) }
    }

    /// Marks the entry read and goes to its record.
    @Sendable func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        let id = try context.recordID()
        guard let entry = try await store.notification(id: id, accountId: account.id) else {
            throw HTTPError(.notFound)
        }
        try await store.markNotificationsRead(accountId: account.id, id: entry.id)
        return PageRenderer.redirect(to: InboxLine.href(entry))
    }

    @Sendable func markAllRead(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        _ = try await FormData.read(request, context: context)
        try await store.markNotificationsRead(accountId: account.id)
        return PageRenderer.redirect(to: "/inbox")
    }
}

struct InboxLine {
    let id: Int64
    let reason: String
    let title: String
    let at: String
    let unread: Bool

    init(_ entry: StaffNotification, strings t: Strings) {
        id = entry.id
        reason = t.label(entry.reason)
        title = entry.title
        at = Formats.minute(entry.createdAt)
        unread = entry.readAt == nil
    }

    /// The record's own page; a comment's address opens its report's page at the comment.
    static func href(_ entry: StaffNotification) -> String {
        (entry.subject.pagePath ?? "/inbox?") + String(entry.subjectId)
    }
}

extension NotificationReason: Labelled { static var labelPrefix: String { "reason_" } }

struct InboxView {
    let entries: [InboxLine]
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.h1(text: t[.inboxTitle])
            if entries.contains(where: \.unread) {
                html.form(.class("inline"), .action("/inbox/read"), .method("post")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.button(.type("submit"), .class("secondary"), text: t[.inboxMarkAllRead])
                }
            }
        }
        html.newline()
        guard !entries.isEmpty else {
            html.p(.class("muted"), text: t[.inboxEmpty])
            return
        }
        html.ul(.class("plain inbox")) { html in
            for entry in entries {
                html.li(.class(entry.unread ? "unread" : "read")) { html in
                    if entry.unread {
                        html.span(.class("badge")) { $0.text(t[.inboxUnread]) }
                        html.text(" ")
                    }
                    html.span(.class("muted")) { $0.text("\(entry.at) · \(entry.reason)") }
                    html.text(" ")
                    html.a(.href("/inbox/\(entry.id)"), text: entry.title)
                }
                html.newline()
            }
        }
    }
}
