import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import LiaisonCore
import LiaisonStore

/// Signing in and out. The answer to a wrong email, a wrong password, a disabled account or a wrong code
/// is the same, so the page never tells whether an account exists.
struct SessionPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/sign-in", access: .public, use: signInForm)
        routes.add(.post, "/sign-in", access: .public, use: signIn)
        routes.add(.post, "/sign-out", access: .viewer, use: signOut)
    }

    struct Model {
        let email: String
        let next: String
        let error: String?
    }

    @Sendable func signInForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
        if context.identity != nil { return PageRenderer.redirect(to: next) }
        return renderer.page(
            "sign-in", title: t["sign_in"], model: Model(email: "", next: next, error: nil), context: context)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let email = form["email"].trimmingCharacters(in: .whitespaces).lowercased()
        let next = Self.safeNext(form["next"])
        let now = Date()
        let keys = ["account:\(email)"] + (context.remoteAddress.map { ["address:\($0)"] } ?? [])
        if let retryAfter = try await throttled(keys: keys, now: now) {
            var response = renderer.page(
                "sign-in", title: t["sign_in"], model: Model(email: email, next: next, error: t["sign_in_throttled"]),
                context: context, status: .tooManyRequests)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        let credentials = try await store.credentials(email: email)
        // Verify against a fixed hash when there is no account, so timing does not tell either.
        let passwordOK = try await settings.passwords.verifyInBackground(
            form["password"], hash: credentials?.passwordHash ?? Self.unusableHash)
        var accepted = passwordOK && credentials?.account.disabled == false
        if accepted, let credentials, let secret = credentials.totpSecret {
            accepted = try await TwoFactor.verify(
                code: form["code"], secret: secret, accountId: credentials.account.id, store: store, at: now)
        }
        guard accepted, let account = credentials?.account else {
            try await store.recordSignInFailure(keys: keys, at: now)
            try await store.recordAudit(
                AuditEvent(
                    actor: AuditActor(accountId: credentials?.account.id, name: email, address: context.remoteAddress),
                    action: .signInFailed, entity: "account", entityId: credentials?.account.id,
                    summary: "Failed sign-in as \(email)"))
            return renderer.page(
                "sign-in", title: t["sign_in"], model: Model(email: email, next: next, error: t["sign_in_failed"]),
                context: context, status: .unauthorized)
        }
        // A new id at every sign-in: a session id known before signing in is worth nothing after it.
        if let old = request.cookies[settings.sessions.cookieName] {
            try await store.deleteSession(tokenHash: Secrets.hash(old.value))
        }
        let secret = Secrets.random()
        try await store.createSession(
            StaffSession(
                tokenHash: Secrets.hash(secret), accountId: account.id, csrfToken: Secrets.random(), createdAt: now,
                lastSeenAt: now, expiresAt: now.addingTimeInterval(settings.sessions.lifetime)))
        try await store.recordAudit(
            AuditEvent(
                actor: AuditActor(accountId: account.id, name: account.name, address: context.remoteAddress),
                action: .signIn, entity: "account", entityId: account.id, summary: "\(account.name) signed in"))
        var response = PageRenderer.redirect(to: next)
        response.setCookie(settings.sessions.cookie(value: secret))
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if case .session(let session)? = context.identity?.credential {
            try await store.deleteSession(tokenHash: session.tokenHash)
            try await store.recordAudit(
                AuditEvent(
                    actor: context.actor, action: .signOut, entity: "account", entityId: context.identity?.account.id,
                    summary: "\(context.actor.name) signed out"))
        }
        var response = PageRenderer.redirect(to: "/sign-in")
        response.setCookie(settings.sessions.expiredCookie)
        return response
    }

    /// Seconds to wait when the account or the address has failed too often lately; nil when it may try.
    private func throttled(keys: [String], now: Date) async throws -> Int? {
        let since = now.addingTimeInterval(-settings.throttleWindow)
        for key in keys {
            let limit = key.hasPrefix("account:") ? settings.maxFailuresPerAccount : settings.maxFailuresPerAddress
            let (count, oldest) = try await store.signInFailures(key: key, since: since)
            if count >= limit, let oldest {
                return max(
                    1, Int(oldest.addingTimeInterval(settings.throttleWindow).timeIntervalSince(now).rounded(.up)))
            }
        }
        return nil
    }

    /// Only paths on this site are followed after sign-in.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/sign-")
        else { return "/organizations" }
        return next
    }

    /// A valid bcrypt hash of a random string that nobody knows.
    private static let unusableHash = PasswordHasher(cost: 12).hash(Secrets.random())
}

/// Time-based one-time codes (RFC 6238): six digits from an authenticator app, each usable once.
enum TwoFactor {
    /// A new shared secret for an authenticator app.
    static func newSecret() -> String {
        Secrets.random(bytes: 20)
    }

    /// The address an authenticator app reads (usually from a QR code) to add the account.
    static func setupURL(secret: String, email: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: email, issuer: "Liaison")
    }

    /// True when `code` is the code of the current 30-second step (or the one before or after, for clocks
    /// that drift) and that step has not been used before by the account.
    static func verify(code: String, secret: String, accountId: Int64, store: any AccountStore, at date: Date)
        async throws -> Bool
    {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let value = Int(digits) else { return false }
        let totp = TOTP(secret: secret)
        for offset in [0, -30, 30] {
            let moment = date.addingTimeInterval(TimeInterval(offset))
            if totp.compute(date: moment) == value {
                let step = Int64(moment.timeIntervalSince1970) / 30
                return try await store.useTOTPStep(accountId: accountId, step: step)
            }
        }
        return false
    }
}
