import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// A person's own account: password, two-factor sign-in and personal API tokens.
struct AccountPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/account", access: .viewer, use: show)
        routes.add(.post, "/account/password", access: .viewer, use: changePassword)
        routes.add(.post, "/account/two-factor", access: .viewer, use: enableTwoFactor)
        routes.add(.post, "/account/two-factor/disable", access: .viewer, use: disableTwoFactor)
        routes.add(.post, "/account/tokens", access: .viewer, use: createToken)
        routes.add(.post, "/account/tokens/:id/revoke", access: .viewer, use: revokeToken)
        routes.add(.post, "/account/time-zone", access: .viewer, use: setTimeZone)
        routes.add(.post, "/account/feeds", access: .viewer, use: createFeed)
        routes.add(.post, "/account/feeds/:id/revoke", access: .viewer, use: revokeFeed)
    }

    struct FeedRow {
        let id: Int64
        let scope: String
        let created: String
        let revoked: Bool
    }

    struct TokenRow {
        let id: Int64
        let name: String
        let access: String
        let created: String
        let lastUsed: String
        let revoked: Bool
    }

    struct Model {
        let name: String
        let email: String
        let role: String
        let twoFactorOn: Bool
        let setupSecret: String
        let setupURL: String
        let tokens: [TokenRow]
        let notice: String?
        let error: String?
        let newToken: String?
        let mustSetUpTwoFactor: Bool
        let timeZone: FormField
        let feeds: [FeedRow]
        let newFeedURL: String?
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let required = context.identity?.mustSetUpTwoFactor == true
        let notice = request.uri.queryParameters["zone"] != nil ? t[.timeZoneSaved] : nil
        return try await page(context: context, notice: notice, error: required ? t[.twoFactorRequired] : nil)
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context)
        let form = try await FormData.read(request, context: context)
        if let refusal = try await checkPassword(form["current"], of: account, context: context) { return refusal }
        do {
            try PasswordPolicy.standard.check(form["new"], email: account.email)
        } catch {
            return try await page(context: context, error: error.errors.first?.message, status: .unprocessableContent)
        }
        // Every session ends with the change, this one included: sign in again with the new password.
        let hash = try await settings.passwords.hashInBackground(form["new"])
        _ = try await store.updateAccount(
            id: account.id, .passwordHash(hash, revokingTokensAndFeeds: form["keepTokens"] != "on"), by: context.actor)
        var response = PageRenderer.redirect(to: "/sign-in")
        response.setCookie(settings.sessions.expiredCookie)
        return response
    }

    @Sendable func enableTwoFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context)
        let form = try await FormData.read(request, context: context)
        let secret = form["secret"]
        if let refusal = try await checkPassword(form["password"], of: account, context: context, setupSecret: secret) {
            return refusal
        }
        guard secret.count >= 20, secret.count <= 64,
            try await TwoFactor.verify(
                code: form["code"], secret: secret, accountId: account.id, store: store, at: Date())
        else {
            return try await page(
                context: context, error: t[.twoFactorCodeWrong], setupSecret: secret, status: .unprocessableContent)
        }
        _ = try await store.updateAccount(id: account.id, .totpSecret(secret), by: context.actor)
        return try await page(context: context, notice: t[.twoFactorEnabled])
    }

    @Sendable func disableTwoFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context)
        let form = try await FormData.read(request, context: context)
        if let refusal = try await checkPassword(form["password"], of: account, context: context) { return refusal }
        _ = try await store.updateAccount(id: account.id, .totpSecret(nil), by: context.actor)
        return try await page(context: context, notice: t[.twoFactorDisabled])
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context)
        if let refusal = try await refuseUntilTwoFactor(context) { return refusal }
        let form = try await FormData.read(request, context: context)
        if let refusal = try await checkPassword(form["password"], of: account, context: context) { return refusal }
        let name = form["name"].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            return try await page(context: context, error: t[.tokenNameRequired], status: .unprocessableContent)
        }
        let secret = try await APITokens.issue(
            accountId: account.id, name: name, canWrite: form["access"] == "write", store: store, by: context.actor)
        return try await page(context: context, notice: t[.tokenCreated], newToken: secret)
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context)
        let id = try context.recordID()
        // Only the owner's tokens can be named here: another account's id is simply not found.
        try await store.revokeAPIToken(id: id, accountId: account.id, by: context.actor)
        return PageRenderer.redirect(to: "/account")
    }

    @Sendable func setTimeZone(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context)
        let zone = try await FormData.read(request, context: context)["timeZone"].trimmingCharacters(in: .whitespaces)
        guard zone.isEmpty || ActivityTime.zone(named: zone) != nil else {
            return try await page(
                context: context, error: String(format: t[.errorTimeZone], zone), status: .unprocessableContent)
        }
        _ = try await store.updateAccount(id: account.id, .timeZone(zone.isEmpty ? nil : zone), by: context.actor)
        return PageRenderer.redirect(to: "/account?zone=saved")
    }

    @Sendable func createFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context)
        if let refusal = try await refuseUntilTwoFactor(context) { return refusal }
        let form = try await FormData.read(request, context: context)
        if let refusal = try await checkPassword(form["password"], of: account, context: context) { return refusal }
        guard let scope = CalendarFeedScope(rawValue: form["scope"]) else {
            return try await page(context: context, error: t[.errorFeedScope], status: .unprocessableContent)
        }
        let (_, secret) = try await CalendarFeeds.issue(
            accountId: account.id, scope: scope, store: store, by: context.actor)
        // The address says what it is beside itself; a notice above would say it twice.
        return try await page(context: context, newFeedURL: CalendarFeeds.address(of: secret, request: request))
    }

    @Sendable func revokeFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try signedIn(context)
        try await store.revokeCalendarFeed(id: try context.recordID(), accountId: account.id, by: context.actor)
        return PageRenderer.redirect(to: "/account#feeds")
    }

    /// Asked again before changes that lock people out or open a new way in: a forgotten open session is
    /// not enough. Checks are rate limited per account (taken before bcrypt runs), and a wrong password is
    /// in the audit trail. Returns the page to answer with, or nil when the password is right.
    private func checkPassword(
        _ password: String, of account: StaffAccount, context: AppRequestContext, setupSecret: String? = nil
    ) async throws -> Response? {
        let key = RateKey.passwordCheck(accountId: account.id)
        let attempt = RateAttempt(key: key, rule: settings.limits.passwordCheck)
        if case .refused(let retryAfter) = try await store.takeAttempts([attempt], at: Date()) {
            var response = try await page(
                context: context, error: String(format: t[.passwordChecksThrottled], t.wait(seconds: retryAfter)),
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        let hash = try await store.credentials(accountId: account.id).map(\.passwordHash).flatMap(PasswordHasher.usable)
        if let hash, try await settings.passwords.verifyInBackground(password, hash: hash) {
            try await store.settleAttempts(reset: [key], refund: [])
            return nil
        }
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .accessRefused, entity: .account, entityId: account.id,
                summary: "Wrong current password given by \(account.name)"))
        return try await page(
            context: context, error: t[.passwordCurrentWrong], setupSecret: setupSecret,
            status: .unprocessableContent)
    }

    /// While two-factor sign-in is required and not set up, no new way in (a token, a feed) can be made.
    private func refuseUntilTwoFactor(_ context: AppRequestContext) async throws -> Response? {
        guard context.identity?.mustSetUpTwoFactor == true else { return nil }
        return try await page(context: context, error: t[.twoFactorBeforeTokens], status: .forbidden)
    }

    private func signedIn(_ context: AppRequestContext) throws -> StaffAccount {
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        return account
    }

    private func page(
        context: AppRequestContext, notice: String? = nil, error: String? = nil, setupSecret: String? = nil,
        newToken: String? = nil, newFeedURL: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        // The account as stored now: the session's copy predates a change made on this page.
        let account = try await store.account(id: try signedIn(context).id) ?? signedIn(context)
        let secret = setupSecret ?? TwoFactor.newSecret()
        let tokens = try await store.apiTokens(accountId: account.id).map { token in
            TokenRow(
                id: token.id, name: token.name, access: t[token.canWrite ? .tokenWrite : .tokenRead],
                created: Formats.day(token.createdAt), lastUsed: token.lastUsedAt.map(Formats.minute) ?? t[.never],
                revoked: token.revokedAt != nil)
        }
        let zoneField = ZoneChoices.field(
            name: "timeZone", label: t[.fieldTimeZone], value: account.timeZone ?? "",
            hint: t[.hintTimeZone] + " " + t[.hintZoneChoice])
        let feeds = try await store.calendarFeeds(accountId: account.id).map {
            FeedRow(
                id: $0.id, scope: t.label($0.scope), created: Formats.day($0.createdAt),
                revoked: $0.revokedAt != nil)
        }
        let model = Model(
            name: account.name, email: account.email, role: t.label(account.role),
            twoFactorOn: account.totpEnabled, setupSecret: secret,
            setupURL: TwoFactor.setupURL(secret: secret, email: account.email), tokens: tokens,
            notice: notice, error: error, newToken: newToken,
            mustSetUpTwoFactor: context.identity?.mustSetUpTwoFactor == true,
            timeZone: zoneField, feeds: feeds, newFeedURL: newFeedURL)
        let view = AccountView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: t[.accountTitle], context: context, status: status) { view.render(into: &$0) }
    }
}
