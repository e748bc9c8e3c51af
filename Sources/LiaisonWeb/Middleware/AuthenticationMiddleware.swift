import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// Finds who is calling: a personal API token (`Authorization: Bearer`) or a session cookie. A session
/// past its idle or absolute time-out, or of a disabled account, is ended here and the request goes on
/// as anonymous; routes then decide whether that is enough.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: any LiaisonStore
    let sessions: SessionSettings

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let found = try await store.apiToken(tokenHash: Secrets.hash(String(parts[1]))), !found.account.disabled
            else {
                throw Problem(
                    .unauthorized, type: "unauthorized", title: "The API token is not valid.",
                    detail: "Send Authorization: Bearer followed by a token that is not revoked.")
            }
            if try await TwoFactorRequirement.blocks(found.account, store: store) {
                throw Problem(
                    .forbidden, type: "two-factor-required", title: "Set up two-factor sign-in first.",
                    detail: "An admin requires two-factor sign-in: this account's tokens work again once it is set up.")
            }
            // As for sessions: one write a minute at most per token, not a write (and a sync) per request.
            let now = Date()
            if found.token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
                try await store.touchAPIToken(id: found.token.id, at: now)
            }
            context.identity = Identity(account: found.account, credential: .token(found.token))
        } else if let cookie = request.cookies[sessions.cookieName] {
            let hash = Secrets.hash(cookie.value)
            // The header's unread count: on pages only (not on the API, nor on the form posts that redirect to a
            // page). Read with the session and the workspace's two-factor rule, in one go.
            let page =
                request.method == .get && !request.uri.path.hasPrefix("/api/")
                && !request.uri.path.hasPrefix("/assets/")
            if let found = try await store.signedIn(tokenHash: hash, countingUnread: page) {
                let (session, account) = (found.session, found.account)
                let now = Date()
                if account.disabled || now >= session.expiresAt
                    || now.timeIntervalSince(session.lastSeenAt) > sessions.idleTimeout
                {
                    try await store.deleteSession(tokenHash: hash)
                } else {
                    // One write a minute at most per session keeps the idle clock honest without a write per page.
                    if now.timeIntervalSince(session.lastSeenAt) > 60 {
                        try await store.touchSession(tokenHash: hash, at: now)
                    }
                    var identity = Identity(account: account, credential: .session(session))
                    identity.mustSetUpTwoFactor = TwoFactorRequirement.blocks(
                        account, required: found.requireTwoFactor)
                    if page { identity.unreadNotifications = found.unreadNotifications }
                    context.identity = identity
                }
            }
        }
        return try await next(request, context)
    }
}

/// An admin may require two-factor sign-in of everyone. Until an account has set it up, its sessions reach
/// only its account page, and its API tokens and calendar feeds (which would bypass that) do not work.
enum TwoFactorRequirement {
    static func blocks(_ account: StaffAccount, store: any AccountStore) async throws -> Bool {
        guard !account.totpEnabled else { return false }
        return try await store.workspaceSettings().requireTwoFactor
    }

    /// The same, with the workspace's requirement already read.
    static func blocks(_ account: StaffAccount, required: Bool) -> Bool {
        required && !account.totpEnabled
    }
}

/// How sessions behave; from the deployment's settings.
public struct SessionSettings: Sendable {
    /// A session unused this long ends.
    public var idleTimeout: TimeInterval
    /// A session ends this long after sign-in, however active.
    public var lifetime: TimeInterval
    /// True when Liaison is served over TLS (directly or behind a proxy): cookies are then `Secure` and
    /// take the `__Host-` prefix.
    public var secureCookies: Bool

    public init(idleTimeout: TimeInterval = 2 * 3600, lifetime: TimeInterval = 12 * 3600, secureCookies: Bool = false) {
        self.idleTimeout = idleTimeout
        self.lifetime = lifetime
        self.secureCookies = secureCookies
    }

    var cookieName: String { secureCookies ? "__Host-liaison_session" : "liaison_session" }

    func cookie(value: String) -> Cookie {
        Cookie(
            name: cookieName, value: value, maxAge: Int(lifetime), path: "/", secure: secureCookies, httpOnly: true,
            sameSite: .lax)
    }

    /// A cookie that removes the session cookie from the browser.
    var expiredCookie: Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// The sign-in form's pre-session cookie: its value is the form's CSRF token, so only the form this
    /// site served, in this browser, can sign the browser in.
    var signInCookieName: String { secureCookies ? "__Host-liaison_sign_in" : "liaison_sign_in" }

    func signInCookie(value: String) -> Cookie {
        Cookie(
            name: signInCookieName, value: value, maxAge: 3600, path: "/", secure: secureCookies, httpOnly: true,
            sameSite: .strict)
    }

    var expiredSignInCookie: Cookie {
        Cookie(
            name: signInCookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true,
            sameSite: .strict)
    }

    /// A browser where an account signed in before keeps this for a year: sign-ins from it are counted
    /// apart from everyone else's attempts on the account.
    var deviceCookieName: String { secureCookies ? "__Host-liaison_device" : "liaison_device" }

    func deviceCookie(value: String) -> Cookie {
        Cookie(
            name: deviceCookieName, value: value, maxAge: 365 * 24 * 3600, path: "/", secure: secureCookies,
            httpOnly: true, sameSite: .strict)
    }
}
