import Foundation
import HTTPTypes
import HummingbirdOTP
import HummingbirdTesting
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

@Suite struct SignInTests {
    func signIn(_ app: TestApp, email: String, password: String = TestApp.password, code: String = "")
        async throws -> TestResponse
    {
        try await app.signIn(email: email, password: password, code: code)
    }

    @Test func signingInSetsASafeCookieAndSigningOutEndsTheSession() async throws {
        try await withTestApp { app in
            let response = try await signIn(app, email: app.editor.account.email)

            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/organizations?q=x")
            let cookie = try #require(response.setCookie(named: "liaison_session"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            let secret = String(cookie.dropFirst("liaison_session=".count).prefix { $0 != ";" })
            #expect(secret.count >= 43)  // 256 random bits
            let page = try await app.request(
                .get, "/organizations", as: .anonymous, headers: [.cookie: "liaison_session=\(secret)"])
            #expect(page.status == .ok)
            #expect(page.text.contains("Agnès Bickart"))

            let session = try #require(try await app.store.session(tokenHash: Secrets.hash(secret)))
            let out = try await app.request(
                .post, "/sign-out", as: .anonymous,
                headers: [.cookie: "liaison_session=\(secret)", CSRF.header: session.session.csrfToken])
            #expect(out.status == .seeOther)
            #expect(try await app.store.session(tokenHash: Secrets.hash(secret)) == nil)
            let actions = try await app.store.auditEntries(AuditQuery(actorAccountId: app.editor.account.id)).map(
                \.action)
            #expect(actions.contains(.signIn) && actions.contains(.signOut))
        }
    }

    @Test func secureDeploymentsUseHostPrefixedSecureCookies() async throws {
        var settings = WebSettings.forTests
        settings.sessions = SessionSettings(secureCookies: true)
        try await withTestApp(settings: settings) { app in
            let response = try await signIn(app, email: app.viewer.account.email)
            let cookie = try #require(response.setCookie(named: "__Host-liaison_session"))
            #expect(cookie.contains("Secure"))
            #expect(!cookie.contains("Domain"))
            let device = try #require(response.setCookie(named: "__Host-liaison_device"))
            #expect(device.contains("Secure") && device.contains("HttpOnly"))
        }
    }

    @Test func wrongPasswordAndUnknownAccountLookTheSame() async throws {
        try await withTestApp { app in
            let wrong = try await signIn(app, email: app.editor.account.email, password: "not the password at all")
            let unknown = try await signIn(app, email: "nobody@example.org")

            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.setCookie(named: "liaison_session") == nil)
            #expect(wrong.text.contains("The email, password or code is not right."))
            #expect(unknown.text.contains("The email, password or code is not right."))
            let failures = try await app.store.auditEntries(AuditQuery(action: .signInFailed))
            #expect(failures.count == 2)
        }
    }

    @Test func anEmailWithANulByteIsJustAWrongSignIn() async throws {
        try await withTestApp { app in
            // PostgreSQL text cannot hold NUL: the engine must still answer as for any unknown address.
            let reply = try await signIn(app, email: "agnes\u{0}@example.org")
            #expect(reply.status == .unauthorized)
            #expect(reply.text.contains("The email, password or code is not right."))
        }
    }

    @Test func disabledAccountsCannotSignIn() async throws {
        try await withTestApp { app in
            _ = try await app.store.updateAccount(id: app.viewer.account.id, .isDisabled(true), by: .system)
            #expect(try await signIn(app, email: app.viewer.account.email).status == .unauthorized)
        }
    }

    @Test func repeatedFailuresAreThrottledWithRetryAfter() async throws {
        try await withTestApp { app in
            for _ in 0..<5 {
                _ = try await signIn(app, email: app.editor.account.email, password: "wrong password here")
            }
            let throttled = try await signIn(app, email: app.editor.account.email)
            #expect(throttled.status == .tooManyRequests)
            let retry = try #require(throttled.headers[.retryAfter].flatMap(Int.init))
            #expect(retry > 0 && retry <= 900)
            #expect(throttled.text.contains("Wait a minute before trying again"))
            let unknown = try await signIn(app, email: "ghost@example.org", password: "wrong password here")
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test func twoFactorCodesAreRequiredAndSingleUse() async throws {
        try await withTestApp { app in
            let secret = "abcdefghijklmnopqrstuvwxyz123456"
            _ = try await app.store.updateAccount(id: app.editor.account.id, .totpSecret(secret), by: .system)
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: Date()))

            #expect(try await signIn(app, email: app.editor.account.email).status == .unauthorized)
            #expect(try await signIn(app, email: app.editor.account.email, code: code).status == .seeOther)
            #expect(try await signIn(app, email: app.editor.account.email, code: code).status == .unauthorized)
        }
    }

    @Test func nextOnlyLeadsWithinTheSite() {
        #expect(SessionPages.safeNext("/organizations/3") == "/organizations/3")
        #expect(SessionPages.safeNext("/search?q=chen%20guo") == "/search?q=chen%20guo")
        for attack in [
            "https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example/", "/%09/evil.example/",
            "/%2F/evil.example", "/%5Cevil.example", "\t//evil.example", " /x", "/\n/evil.example", "/sign-in",
            "javascript:alert(1)", "",
        ] {
            #expect(SessionPages.safeNext(attack) == "/", "\(attack)")
        }
        #expect(SessionPages.safeNext(nil) == "/")
    }

    @Test func changingPasswordFollowsThePolicyAndEndsSessions() async throws {
        try await withTestApp { app in
            let short = try await app.submit(
                "/account/password", [("current", TestApp.password), ("new", "short")], as: .viewer)
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("at least 12 characters"))
            let common = try await app.submit(
                "/account/password", [("current", TestApp.password), ("new", "password1234")], as: .viewer)
            #expect(common.text.contains("too common"))

            let changed = try await app.submit(
                "/account/password", [("current", TestApp.password), ("new", "a quiet harbour at dawn")], as: .viewer)
            #expect(changed.status == .seeOther)
            #expect(try await app.get("/organizations", as: .viewer).status == .seeOther)
            let audit = try await app.store.auditEntries(AuditQuery(entity: .account, entityId: app.viewer.account.id))
            #expect(audit.first?.changes == [FieldChange(field: "password", before: nil, after: "changed")])
        }
    }
}
