import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import LiaisonCore
import LiaisonStore

/// Signing in and out. The answer to a wrong email, a wrong password, a disabled account or a wrong code
/// is the same, so the page never tells whether an account exists.
///
/// Each attempt is taken from its rate counters before the password is checked, so that no number of
/// simultaneous requests gets more checks than the rules allow. A browser where the account signed in
/// before (it holds a device cookie) is counted on its own: strangers failing elsewhere cannot shut the
/// owner out of it.
struct SessionPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }
    private var cookies: SessionSettings { settings.sessions }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/sign-in", access: .public, use: signInForm)
        routes.add(.post, "/sign-in", access: .public, use: signIn)
        routes.add(.post, "/sign-out", access: .viewer, use: signOut)
    }

    struct Model {
        let email: String
        let next: String
        let error: String?
        /// The sign-in form's own CSRF token, the value of its pre-session cookie.
        let csrf: String
    }

    /// The longest address an account can have (RFC 5321); anything longer is no account's.
    static let maxEmailLength = 254

    @Sendable func signInForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryDictionary["next"])
        if context.identity != nil { return PageRenderer.redirect(to: next) }
        return form(request, context: context, email: "", next: next, error: nil)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let email = String(
            form["email"].trimmingCharacters(in: .whitespaces).lowercased().prefix(Self.maxEmailLength + 1))
        let next = Self.safeNext(form["next"])
        // Sign-in CSRF: only the form this site served, in this browser, signs it in.
        guard let presession = request.cookies[cookies.signInCookieName]?.value, !presession.isEmpty,
            Secrets.equal(form["_csrf"], presession)
        else {
            try await store.recordAudit(
                AuditEvent(
                    actor: context.actor, action: .accessRefused,
                    summary: "POST /sign-in: sign-in form token missing or wrong"))
            return self.form(
                request, context: context, email: email, next: next, error: t[.signInExpired], status: .forbidden)
        }
        let now = Date()
        let credentials = email.count <= Self.maxEmailLength ? try await store.credentials(email: email) : nil
        let counters = try await counters(
            email: email, account: credentials?.account, request: request, context: context)
        if case .refused(let retryAfter) = try await store.takeAttempts(counters.taken, at: now) {
            var response = self.form(
                request, context: context, email: email, next: next,
                error: String(format: t[.signInThrottled], t.wait(seconds: retryAfter)), status: .tooManyRequests)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        // The same bcrypt work whether or not there is an account, and whether or not it has a password.
        let passwordOK = try await settings.passwords.verifyInBackground(
            form["password"], hash: credentials.map(\.passwordHash).flatMap(PasswordHasher.usable) ?? Self.unusableHash)
        var accepted = passwordOK && credentials?.account.disabled == false
        if accepted, let credentials, let secret = credentials.totpSecret {
            accepted = try await TwoFactor.verify(
                code: form["code"], secret: secret, accountId: credentials.account.id, store: store, at: now)
        }
        guard accepted, let account = credentials?.account else {
            try await store.recordAudit(
                AuditEvent(
                    actor: AuditActor(accountId: credentials?.account.id, name: email, address: context.remoteAddress),
                    action: .signInFailed, entity: .account, entityId: credentials?.account.id,
                    summary: "Failed sign-in as \(email)"))
            return self.form(
                request, context: context, email: email, next: next, error: t[.signInFailed], status: .unauthorized)
        }
        // Right: the account's (or this device's) count starts again, and a shared address gets its attempt back.
        try await store.settleAttempts(reset: counters.resetOnSuccess, refund: counters.refundOnSuccess)
        return try await startSession(for: account, counters: counters, request: request, context: context, next: next)
    }

    /// The rate counters one sign-in is taken from: a browser where the account signed in before is counted on
    /// its own; any other attempt counts against the account and the client's address.
    struct Counters {
        var taken: [RateAttempt]
        var resetOnSuccess: [String]
        var refundOnSuccess: [RateAttempt]
        /// The hash of the device cookie's secret when the browser is one the account signed in from.
        var knownDevice: String?
    }

    private func counters(email: String, account: StaffAccount?, request: Request, context: AppRequestContext)
        async throws -> Counters
    {
        if let account, let cookie = request.cookies[cookies.deviceCookieName] {
            let hash = Secrets.hash(cookie.value)
            if try await store.knownDevice(tokenHash: hash) == account.id {
                let device = RateAttempt(key: RateKey.device(hash), rule: settings.limits.signInPerDevice)
                return Counters(
                    taken: [device], resetOnSuccess: [device.key, RateKey.account(email: email)], refundOnSuccess: [],
                    knownDevice: hash)
            }
        }
        let accountAttempt = RateAttempt(key: RateKey.account(email: email), rule: settings.limits.signInPerAccount)
        let address = context.remoteAddress.map {
            RateAttempt(key: RateKey.address($0), rule: settings.limits.signInPerAddress)
        }
        return Counters(
            taken: [accountAttempt] + (address.map { [$0] } ?? []), resetOnSuccess: [accountAttempt.key],
            refundOnSuccess: address.map { [$0] } ?? [], knownDevice: nil)
    }

    /// A new session (a new id at every sign-in: one known before signing in is worth nothing after it), the
    /// browser remembered as a known device, expired sessions purged, and the way on.
    private func startSession(
        for account: StaffAccount, counters: Counters, request: Request, context: AppRequestContext, next: String
    ) async throws -> Response {
        let now = Date()
        if let old = request.cookies[cookies.cookieName] {
            try await store.deleteSession(tokenHash: Secrets.hash(old.value))
        }
        _ = try await store.deleteExpiredSessions(now: now)
        let secret = Secrets.random()
        try await store.createSession(
            StaffSession(
                tokenHash: Secrets.hash(secret), accountId: account.id, csrfToken: Secrets.random(), createdAt: now,
                lastSeenAt: now, expiresAt: now.addingTimeInterval(cookies.lifetime), address: context.remoteAddress,
                device: request.headers[.userAgent]))
        let newDevice = counters.knownDevice == nil ? Secrets.random() : nil
        try await store.rememberDevice(
            tokenHash: counters.knownDevice ?? Secrets.hash(newDevice!), accountId: account.id, at: now)
        try await store.recordAudit(
            AuditEvent(
                actor: AuditActor(accountId: account.id, name: account.name, address: context.remoteAddress),
                action: .signIn, entity: .account, entityId: account.id, summary: "\(account.name) signed in"))
        var response = PageRenderer.redirect(to: next)
        response.setCookie(cookies.cookie(value: secret))
        response.setCookie(cookies.expiredSignInCookie)
        if let newDevice { response.setCookie(cookies.deviceCookie(value: newDevice)) }
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if case .session(let session)? = context.identity?.credential {
            try await store.deleteSession(tokenHash: session.tokenHash)
            try await store.recordAudit(
                AuditEvent(
                    actor: context.actor, action: .signOut, entity: .account, entityId: context.identity?.account.id,
                    summary: "\(context.actor.name) signed out"))
        }
        var response = PageRenderer.redirect(to: "/sign-in")
        response.setCookie(cookies.expiredCookie)
        return response
    }

    /// The sign-in form with its token, which is also set (or kept) as the pre-session cookie.
    private func form(
        _ request: Request, context: AppRequestContext, email: String, next: String, error: String?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let existing = request.cookies[cookies.signInCookieName]?.value
        let token = existing.flatMap { Secrets.isRandomToken($0) ? $0 : nil } ?? Secrets.random()
        let shown = String(email.prefix(Self.maxEmailLength))
        let view = SignInView(model: Model(email: shown, next: next, error: error, csrf: token), t: t)
        var response = renderer.page(title: t[.signIn], context: context, status: status) { view.render(into: &$0) }
        if token != existing { response.setCookie(cookies.signInCookie(value: token)) }
        return response
    }

    /// Only paths on this site are followed after sign-in: a single "/" followed by neither "/" nor "\",
    /// with no control character anywhere (browsers drop tabs and line breaks, so "/\t/host" is "//host"),
    /// checked again after decoding once more. Anything else goes home.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.count <= 2000,
            Self.startsWithinSite(next)
                && !next.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.isWhitespace }),
            Self.startsWithinSite(next.removingPercentEncoding ?? next), !next.hasPrefix("/sign-")
        else { return "/" }
        return next
    }

    private static func startsWithinSite(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars.prefix(2))
        return scalars.first == "/" && (scalars.count == 1 || (scalars[1] != "/" && scalars[1] != "\\"))
            && !path.unicodeScalars.contains { $0.properties.generalCategory == .control }
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

    /// True when `code` is the code of the current 30-second step (or the one before, for a code typed as
    /// its step ended) and that step has not been used before by the account. No later step: a code is
    /// never good before its time.
    static func verify(code: String, secret: String, accountId: Int64, store: any AccountStore, at date: Date)
        async throws -> Bool
    {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let value = Int(digits) else { return false }
        let totp = TOTP(secret: secret)
        for offset in [0, -30] {
            let moment = date.addingTimeInterval(TimeInterval(offset))
            if totp.compute(date: moment) == value {
                let step = Int64(moment.timeIntervalSince1970) / 30
                return try await store.useTOTPStep(accountId: accountId, step: step)
            }
        }
        return false
    }
}
