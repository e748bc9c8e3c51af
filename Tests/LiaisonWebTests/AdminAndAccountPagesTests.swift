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

@Suite struct AdminAndAccountPagesTests {
    @Test func anAdminDownloadsAFullBackupThatIsAuditedAndOthersCannot() async throws {
        try await withTestApp(demo: true) { app in
            let page = try await app.get("/admin/accounts", as: .admin)
            #expect(page.text.contains("Download a full backup"))
            #expect(page.text.contains(app.store.location))

            let download = try await app.get("/admin/backup", as: .admin)
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"liaison-backup-") == true)
            let lines = download.text.split(separator: "\n")
            #expect(lines.first?.contains("\"format\":\"liaison-backup\"") == true)
            #expect(lines.last?.contains("\"organization\":165") == true)
            #expect(lines.contains { $0.contains("\"name\":\"Guangzhou\"") })

            // The download restores into an empty database, whatever the engine.
            try await TestEngine.sqlite.withStore { target in
                let stream = AsyncStream<String> { continuation in
                    for line in lines { continuation.yield(String(line)) }
                    continuation.finish()
                }
                _ = try await JSONBackup.restore(stream, into: target, targetName: "target")
                #expect(try await target.listOrganizations(OrganizationQuery(text: "广州")).total == 1)
            }
            let audit = try await app.store.auditEntries(AuditQuery(entity: .backup))
            #expect(audit.first?.actor.name == "Ada Admin")
            #expect(audit.first?.action == .export)

            #expect(try await app.get("/admin/backup", as: .editor).status == .forbidden)
            #expect(try await app.get("/admin/backup", as: .viewer).status == .forbidden)
        }
    }

    @Test func anAdminAddsAnAccountWithAGoodPasswordOnly() async throws {
        try await withTestApp { app in
            let weak = try await app.submit(
                "/admin/accounts",
                [
                    ("name", "Felip Roca"), ("email", "felip@example.org"), ("role", "editor"),
                    ("password", "123456789012"),
                ],
                as: .admin)
            #expect(weak.status == .unprocessableContent)
            #expect(weak.text.contains("too common"))
            #expect(weak.text.contains("value=\"felip@example.org\""))

            let created = try await app.submit(
                "/admin/accounts",
                [
                    ("name", "Felip Roca"), ("email", "Felip@Example.org"), ("role", "editor"),
                    ("password", "secretary general of the network"),
                ],
                as: .admin)
            #expect(created.status == .ok)
            #expect(created.text.contains("Account felip@example.org created."))
            #expect(try await app.store.credentials(email: "felip@example.org")?.account.role == .editor)

            let duplicate = try await app.submit(
                "/admin/accounts",
                [
                    ("name", "Other"), ("email", "felip@example.org"), ("role", "viewer"),
                    ("password", "another long passphrase"),
                ],
                as: .admin)
            #expect(duplicate.text.contains("An account already uses felip@example.org."))
        }
    }

    @Test func anAdminChangesRolesAndDisablesOthersButNotThemselves() async throws {
        try await withTestApp { app in
            _ = try await app.submit("/admin/accounts/\(app.viewer.account.id)", [("role", "editor")], as: .admin)
            _ = try await app.submit("/admin/accounts/\(app.editor.account.id)", [("disabled", "true")], as: .admin)
            _ = try await app.submit(
                "/admin/accounts/\(app.admin.account.id)", [("role", "viewer"), ("disabled", "true")], as: .admin)

            #expect(try await app.store.account(id: app.viewer.account.id)?.role == .editor)
            #expect(try await app.store.account(id: app.editor.account.id)?.disabled == true)
            let admin = try await app.store.account(id: app.admin.account.id)
            #expect(admin?.role == .admin && admin?.disabled == false)
            #expect(try await app.get("/organizations", as: .editor).status == .seeOther)
        }
    }

    @Test func theAuditPageSearchesByPersonAndRecord() async throws {
        try await withTestApp { app in
            let created = try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON()).json()
            let id = created["id"] as! Int

            let all = try await app.get("/admin/audit", as: .admin)
            #expect(all.text.contains("Agnès Bickart"))
            let byRecord = try await app.get("/admin/audit?entity=organization&entityId=\(id)", as: .admin)
            #expect(byRecord.text.contains(">Guangzhou</a>"))
            #expect(byRecord.text.contains("Created"))
            let byViewer = try await app.get("/admin/audit?actor=\(app.viewer.account.id)", as: .admin)
            #expect(!byViewer.text.contains(">Guangzhou</a>"))
            let bad = try await app.get("/admin/audit?from=yesterday", as: .admin)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("from must be a date written YYYY-MM-DD."))
        }
    }

    @Test func theProfileShowsItsHistoryFieldByField() async throws {
        try await withTestApp { app in
            let id = try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON()).json()["id"] as! Int
            var body = guangzhouJSON()
            body["version"] = 1
            body["population"] = 19_000_000
            _ = try await app.send(.put, "/api/v1/organizations/\(id)", json: body, as: .admin)

            let page = try await app.get("/organizations/\(id)", as: .viewer).text
            #expect(page.contains("Changed"))
            #expect(page.contains("Ada Admin"))
            #expect(
                page.contains(
                    "<th scope=\"row\">Population</th><td data-label=\"Before\">18676605</td><td data-label=\"After\">19000000</td>"
                ))
        }
    }

    @Test func aTokenIsShownOnceAndWorks() async throws {
        try await withTestApp { app in
            let page = try await app.submit(
                "/account/tokens", [("name", "Mailing script"), ("access", "read"), ("password", TestApp.password)],
                as: .viewer)
            let html = page.text
            let start = try #require(html.range(of: "<code id=\"new-token\">"))
            let token = String(html[start.upperBound...].prefix { $0 != "<" })
            #expect(token.hasPrefix("lsn_"))
            #expect(try await app.get("/api/v1/organizations", as: .token(token)).status == .ok)
            let again = try await app.get("/account", as: .viewer).text
            #expect(!again.contains(token))
            #expect(again.contains("Mailing script"))
        }
    }

    @Test func twoFactorIsSetUpWithACode() async throws {
        try await withTestApp { app in
            let secret = "abcdefghijklmnopqrstuvwxyz"
            let wrong = try await app.submit(
                "/account/two-factor", [("secret", secret), ("code", "000000"), ("password", TestApp.password)],
                as: .viewer)
            #expect(wrong.status == .unprocessableContent)
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: Date()))
            let right = try await app.submit(
                "/account/two-factor", [("secret", secret), ("code", code), ("password", TestApp.password)], as: .viewer
            )
            #expect(right.text.contains("Two-factor sign-in is on."))
            #expect(try await app.store.account(id: app.viewer.account.id)?.totpEnabled == true)
        }
    }

    @Test func anAdminCanRequireTwoFactorForEveryone() async throws {
        try await withTestApp { app in
            let saved = try await app.submit("/admin/settings", [("requireTwoFactor", "on")], as: .admin)
            #expect(saved.text.contains("Settings saved."))

            let page = try await app.get("/organizations", as: .viewer)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/account?two-factor=required")
            let api = try await app.get("/api/v1/organizations", as: .viewer)
            #expect(api.status == .forbidden)
            #expect(try await app.get("/account", as: .viewer).text.contains("An admin requires two-factor sign-in"))

            let secret = "abcdefghijklmnopqrstuvwxyz"
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: Date()))
            _ = try await app.submit(
                "/account/two-factor", [("secret", secret), ("code", code), ("password", TestApp.password)], as: .viewer
            )
            #expect(try await app.get("/organizations", as: .viewer).status == .ok)
            let trail = try await app.store.auditEntries(AuditQuery(entity: .settings))
            #expect(trail.first?.changes == [FieldChange(field: "requireTwoFactor", before: "false", after: "true")])
        }
    }

    @Test func markupInAnAccountNameStaysText() async throws {
        try await withTestApp { app in
            _ = try await app.store.updateAccount(
                id: app.editor.account.id, .name("<script>alert(1)</script>"), by: .system)
            for uri in ["/organizations", "/account"] {
                let html = try await app.get(uri).text
                #expect(!html.contains("<script>alert(1)</script>"), "\(uri)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
            }
            let admin = try await app.get("/admin/accounts", as: .admin).text
            #expect(!admin.contains("<script>alert(1)</script>"))
        }
    }
}
