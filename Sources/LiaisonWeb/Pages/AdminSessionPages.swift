import Foundation
import Hummingbird
import LiaisonCore
import LiaisonStore

/// An account's signed-in browsers, for an admin: where and on what each was signed in, when it was last
/// used, and a button that ends one of them (a lost phone) without disabling the whole account.
struct AdminSessionPages {
    let store: any LiaisonStore
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/admin/accounts/:id/sessions", access: .admin, use: list)
        routes.add(.post, "/admin/accounts/:id/sessions/end", access: .admin, use: end)
    }

    struct Row {
        /// The session's stored hash, never its secret: enough to name it, useless to sign in with.
        let reference: String
        let started: String
        let lastUsed: String
        let expires: String
        let address: String
        let device: String
        let isCurrent: Bool
    }

    struct Model {
        let accountId: Int64
        let name: String
        let email: String
        let rows: [Row]
        let notice: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(context: context, notice: nil)
    }

    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try await loadAccount(context)
        let reference = try await FormData.read(request, context: context)["session"]
        // Only a session of this account can be named here; anything else is simply not found.
        guard try await store.sessions(accountId: account.id).contains(where: { $0.tokenHash == reference }) else {
            throw HTTPError(.notFound, message: t[.sessionNotFound])
        }
        try await store.deleteSession(tokenHash: reference)
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .accountChange, entity: .account, entityId: account.id,
                summary: "Ended a session of \(account.name) <\(account.email)>"))
        return try await page(context: context, notice: t[.sessionEnded])
    }

    private func loadAccount(_ context: AppRequestContext) async throws -> StaffAccount {
        let id = try context.recordID()
        guard let account = try await store.account(id: id) else {
            throw StoreError.notFound(entity: .account, id: id)
        }
        return account
    }

    private func page(context: AppRequestContext, notice: String?) async throws -> Response {
        let account = try await loadAccount(context)
        var current: String?
        if case .session(let session)? = context.identity?.credential { current = session.tokenHash }
        let now = Date()
        let rows = try await store.sessions(accountId: account.id).filter { $0.expiresAt > now }.map { session in
            Row(
                reference: session.tokenHash, started: Formats.minute(session.createdAt),
                lastUsed: Formats.minute(session.lastSeenAt), expires: Formats.minute(session.expiresAt),
                address: session.address ?? t[.unknown], device: session.device ?? t[.unknown],
                isCurrent: session.tokenHash == current)
        }
        let model = Model(
            accountId: account.id, name: account.name, email: account.email, rows: rows, notice: notice)
        let view = AdminSessionsView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: String(format: t[.sessionsTitle], account.name), context: context) {
            view.render(into: &$0)
        }
    }
}
