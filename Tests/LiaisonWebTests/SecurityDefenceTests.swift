import Foundation
import HTTPTypes
import HummingbirdOTP
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import Testing

@testable import LiaisonWeb

/// Each attack an outside review made, replayed in process: it must fail.
@Suite struct SecurityDefenceTests {
    @Test func signInNeedsTheFormsOwnTokenAndAnOriginThatIsNotNull() async throws {
        try await withTestApp { app in
            let email = app.editor.account.email
            let bare = try await app.submit(
                "/sign-in", [("email", email), ("password", TestApp.password)], as: .anonymous)
            #expect(bare.status == .forbidden)
            #expect(bare.setCookie(named: "liaison_session") == nil)
            #expect(bare.text.contains("The sign-in form had expired"))
            // The refusal hands out a fresh form, so a person simply signs in again.
            #expect(bare.setCookie(named: "liaison_sign_in") != nil)

            let forged = try await app.signIn(email: email, headers: [.origin: "null"])
            #expect(forged.status == .forbidden)
            let crossSite = try await app.signIn(email: email, headers: [.origin: "https://evil.example"])
            #expect(crossSite.status == .forbidden)
            let refusals = try await app.store.auditEntries(AuditQuery(action: .accessRefused)).map(\.summary)
            #expect(refusals.contains { $0.contains("cross-site request from null") })
            #expect(refusals.contains { $0.contains("cross-site request from https://evil.example") })
            #expect(refusals.contains { $0.contains("sign-in form token missing") })

            #expect(try await app.signIn(email: email).status == .seeOther)
        }
    }

    @Test func simultaneousWrongSignInsGetNoMoreChecksThanTheLimit() async throws {
        try await withTestApp { app in
            let email = app.editor.account.email
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await app.signIn(email: email, password: "not the right one at all").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 35)
            // The right password from a browser the account never used waits too.
            #expect(try await app.signIn(email: email).status == .tooManyRequests)
        }
    }

    @Test func aBrowserUsedBeforeStillSignsInWhileStrangersAreThrottled() async throws {
        try await withTestApp { app in
            let email = app.editor.account.email
            let first = try await app.signIn(email: email)
            let device = try #require(first.cookies.first { $0.hasPrefix("liaison_device=") })
            for _ in 0..<8 {
                _ = try await app.signIn(email: email, password: "an attacker guessing away")
            }
            #expect(try await app.signIn(email: email).status == .tooManyRequests)
            let owner = try await app.signIn(email: email, cookies: [device])
            #expect(owner.status == .seeOther)
            // A device cookie counts only for its own account.
            #expect(
                try await app.signIn(email: app.viewer.account.email, cookies: [device]).status == .seeOther)
        }
    }

    @Test func aForwardedAddressIsBelievedOnlyFromATrustedProxy() {
        let trusted: Set = ["10.0.0.5"]
        #expect(ClientAddressMiddleware.client(forwardedFor: "203.0.113.7", trusted: trusted) == "203.0.113.7")
        // The left part is whatever the client wrote; the proxy appended the address it saw.
        #expect(
            ClientAddressMiddleware.client(forwardedFor: "1.1.1.1, 198.51.100.2, 10.0.0.5", trusted: trusted)
                == "198.51.100.2")
        #expect(ClientAddressMiddleware.client(forwardedFor: "evil\r\nX: 1", trusted: trusted) == nil)
        #expect(
            ClientAddressMiddleware.client(forwardedFor: String(repeating: "1", count: 100), trusted: trusted) == nil)
    }

    @Test func requiredTwoFactorCannotBeBypassedWithTokensOrFeeds() async throws {
        try await withTestApp { app in
            let token = try await app.token(for: app.viewer, canWrite: false)
            let (_, feedSecret) = try await CalendarFeeds.issue(
                accountId: app.viewer.account.id, scope: .all, store: app.store, by: .system)
            _ = try await app.submit("/admin/settings", [("requireTwoFactor", "on")], as: .admin)

            #expect(try await app.get("/api/v1/organizations", as: .token(token)).status == .forbidden)
            #expect(try await app.get("/feeds/calendar/\(feedSecret)", as: .anonymous).status == .forbidden)
            let made = try await app.submit(
                "/account/tokens", [("name", "exfiltrate"), ("access", "read"), ("password", TestApp.password)],
                as: .viewer)
            #expect(made.status == .forbidden)
            #expect(!made.text.contains("new-token"))
            let feed = try await app.submit(
                "/account/feeds", [("scope", "all"), ("password", TestApp.password)], as: .viewer)
            #expect(feed.status == .forbidden)
            #expect(try await app.store.apiTokens(accountId: app.viewer.account.id).count == 1)
            let account = try await app.get("/account", as: .viewer).text
            #expect(account.contains("Set up two-factor sign-in first"))
            #expect(!account.contains("action=\"/account/tokens\""))

            // Once two-factor is on, the old token works again.
            let secret = "abcdefghijklmnopqrstuvwxyz"
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: Date()))
            _ = try await app.submit(
                "/account/two-factor", [("secret", secret), ("code", code), ("password", TestApp.password)], as: .viewer
            )
            #expect(try await app.get("/api/v1/organizations", as: .token(token)).status == .ok)
        }
    }

    @Test func newWaysInNeedTheCurrentPassword() async throws {
        try await withTestApp { app in
            let token = try await app.submit(
                "/account/tokens", [("name", "script"), ("access", "write"), ("password", "a guess at it")],
                as: .viewer)
            #expect(token.status == .unprocessableContent)
            #expect(token.text.contains("The current password is not right."))
            #expect(try await app.store.apiTokens(accountId: app.viewer.account.id).isEmpty)
            let feed = try await app.submit("/account/feeds", [("scope", "mine")], as: .viewer)
            #expect(feed.status == .unprocessableContent)
            let secret = "abcdefghijklmnopqrstuvwxyz"
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: Date()))
            let twoFactor = try await app.submit(
                "/account/two-factor", [("secret", secret), ("code", code)], as: .viewer)
            #expect(twoFactor.status == .unprocessableContent)
            #expect(try await app.store.account(id: app.viewer.account.id)?.totpEnabled == false)
            let trail = try await app.store.auditEntries(AuditQuery(action: .accessRefused)).map(\.summary)
            #expect(trail.filter { $0.contains("Wrong current password") }.count == 3)
        }
    }

    @Test func wrongCurrentPasswordsAreRateLimited() async throws {
        try await withTestApp { app in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<7 {
                statuses.append(
                    try await app.submit(
                        "/account/password", [("current", "wrong wrong wrong"), ("new", "a quiet harbour at dawn")],
                        as: .viewer
                    ).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unprocessableContent })
            #expect(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })
        }
    }

    @Test func aPasswordChangeRevokesTokensAndFeedsUnlessKept() async throws {
        try await withTestApp { app in
            let token = try await app.token(for: app.viewer, canWrite: false)
            _ = try await app.submit(
                "/account/password",
                [("current", TestApp.password), ("new", "a quiet harbour at dawn"), ("keepTokens", "on")], as: .viewer)
            #expect(try await app.get("/api/v1/organizations", as: .token(token)).status == .ok)

            let other = try await app.token(for: app.editor, canWrite: false)
            _ = try await app.submit(
                "/account/password", [("current", TestApp.password), ("new", "a quiet harbour at dawn")], as: .editor)
            #expect(try await app.get("/api/v1/organizations", as: .token(other)).status == .unauthorized)
        }
    }

    @Test func aCodeIsNeverGoodBeforeItsTime() async throws {
        try await withTestApp { app in
            let secret = "abcdefghijklmnopqrstuvwxyz123456"
            _ = try await app.store.updateAccount(id: app.editor.account.id, .totpSecret(secret), by: .system)
            // Well inside a 30-second step, so that "the next step" is still ahead when the server checks.
            let intoStep = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 30)
            if intoStep > 20 { try await Task.sleep(for: .seconds(31 - intoStep)) }
            let next = String(format: "%06d", TOTP(secret: secret).compute(date: Date().addingTimeInterval(30)))
            let previous = String(format: "%06d", TOTP(secret: secret).compute(date: Date().addingTimeInterval(-30)))
            #expect(try await app.signIn(email: app.editor.account.email, code: next).status == .unauthorized)
            #expect(try await app.signIn(email: app.editor.account.email, code: previous).status == .seeOther)
        }
    }

    @Test func theRedirectAfterSignInStaysOnTheSite() async throws {
        try await withTestApp { app in
            let response = try await app.signIn(email: app.editor.account.email, next: "/\t/other.host/")
            #expect(response.headers[.location] == "/")
            let encoded = try await app.request(.get, "/sign-in?next=/%09/other.host/", as: .anonymous)
            #expect(encoded.text.contains("name=\"next\" value=\"/\""))
        }
    }

    @Test func aHugeEmailLeavesABoundedOneLineTrail() async throws {
        try await withTestApp { app in
            let email = String(repeating: "a", count: 200_000) + "\r\nInjected: entry@example.org"
            let reply = try await app.signIn(email: email, password: "whatever it is here")
            #expect(reply.status == .unauthorized)
            #expect(reply.text.count < 100_000)
            let failure = try #require(try await app.store.auditEntries(AuditQuery(action: .signInFailed)).first)
            #expect(failure.summary.count <= AuditText.summaryLimit + 1)
            #expect(failure.actor.name.count <= 201)
            #expect(!failure.summary.contains("\r") && !failure.summary.contains("\n"))
        }
    }

    @Test func searchesAndExportsAreLimitedPerAccount() async throws {
        var settings = WebSettings.forTests
        settings.limits.search = RateRule(.window, limit: 3, window: 60)
        settings.limits.export = RateRule(.window, limit: 2, window: 3600)
        try await withTestApp(settings: settings) { app in
            for _ in 0..<3 { #expect(try await app.get("/api/v1/search?q=guang").status == .ok) }
            let limited = try await app.get("/api/v1/search?q=guang")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.contentType] == "application/problem+json")
            let wait = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect(wait > 0 && wait <= 60)
            #expect(try await app.get("/search?q=guang").status == .tooManyRequests)
            // Another account has its own share.
            #expect(try await app.get("/api/v1/search?q=guang", as: .viewer).status == .ok)

            #expect(try await app.get("/api/v1/organizations/export").status == .ok)
            #expect(try await app.get("/api/v1/people/export").status == .ok)
            let export = try await app.get("/api/v1/organizations/export")
            #expect(export.status == .tooManyRequests)
            #expect(export.headers[.retryAfter] != nil)
        }
    }

    @Test func anAccountWithoutAPasswordTakesAsLongToRefuse() {
        #expect(PasswordHasher.usable("!") == nil)
        #expect(PasswordHasher.usable(TestApp.hasher.hash("x")) != nil)
    }

    @Test func expiredSessionsArePurgedAtSignIn() async throws {
        try await withTestApp { app in
            let long = Date(timeIntervalSince1970: 1_700_000_000)
            try await app.store.createSession(
                StaffSession(
                    tokenHash: "stale", accountId: app.viewer.account.id, csrfToken: "c", createdAt: long,
                    lastSeenAt: long, expiresAt: long.addingTimeInterval(60)))
            _ = try await app.signIn(email: app.editor.account.email)
            #expect(
                try await app.store.sessions(accountId: app.viewer.account.id).map(\.tokenHash)
                    == [app.viewer.session].map(Secrets.hash))
        }
    }

    @Test func anAdminEndsOneSessionOfAnAccount() async throws {
        try await withTestApp { app in
            let signedIn = try await app.signIn(
                email: app.viewer.account.email, headers: [.userAgent: "Mozilla/5.0 (iPhone; lost)"])
            let cookie = try #require(signedIn.cookies.first { $0.hasPrefix("liaison_session=") })
            let page = try await app.get("/admin/accounts/\(app.viewer.account.id)/sessions", as: .admin)
            #expect(page.text.contains("Mozilla/5.0 (iPhone; lost)"))
            let lost = try #require(
                try await app.store.sessions(accountId: app.viewer.account.id).first {
                    $0.device?.contains("lost") == true
                })

            // Not another account's session, and not by an editor.
            #expect(
                try await app.submit(
                    "/admin/accounts/\(app.editor.account.id)/sessions/end", [("session", lost.tokenHash)], as: .admin
                ).status == .notFound)
            #expect(
                try await app.submit(
                    "/admin/accounts/\(app.viewer.account.id)/sessions/end", [("session", lost.tokenHash)], as: .editor
                ).status == .forbidden)

            let ended = try await app.submit(
                "/admin/accounts/\(app.viewer.account.id)/sessions/end", [("session", lost.tokenHash)], as: .admin)
            #expect(ended.text.contains("The session has ended"))
            #expect(
                try await app.request(.get, "/organizations", as: .anonymous, headers: [.cookie: cookie]).status
                    == .seeOther)
            // The other session of the account goes on.
            #expect(try await app.get("/organizations", as: .viewer).status == .ok)
            let trail = try await app.store.auditEntries(AuditQuery(entity: .account, entityId: app.viewer.account.id))
            #expect(trail.first?.summary.hasPrefix("Ended a session of Victor Viewer") == true)
        }
    }
}
