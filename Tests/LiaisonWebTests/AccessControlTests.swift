import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import NIOCore
import Testing

@testable import LiaisonWeb

/// Every route declares who may use it; these tests walk all of them.
@Suite struct AccessControlTests {
    @Test func aTokenRecordsItsLastUseAtMostOnceAMinute() async throws {
        try await withTestApp { app in
            let secret = try await app.token(for: app.editor, canWrite: false)
            #expect(try await app.store.apiTokens(accountId: app.editor.account.id).first?.lastUsedAt == nil)
            #expect(try await app.get("/api/v1/organizations", as: .token(secret)).status == .ok)
            let first = try #require(try await app.store.apiTokens(accountId: app.editor.account.id).first?.lastUsedAt)
            #expect(try await app.get("/api/v1/organizations", as: .token(secret)).status == .ok)
            #expect(try await app.store.apiTokens(accountId: app.editor.account.id).first?.lastUsedAt == first)
        }
    }

    /// A concrete address for a route pattern (ids of records that need not exist: access is checked first).
    func uri(_ route: RouteSpec) -> String {
        route.path.split(separator: "/").map { $0.hasPrefix(":") ? ($0 == ":name" ? "app.css" : "1") : String($0) }
            .reduce("") { $0 + "/" + $1 }
    }

    @Test func everyRouteDeclaresItsAccessAndOnlyThePublicOnesAreOpen() async throws {
        let routes = try await registeredRoutes()
        let open = Set(routes.filter { $0.minimumRole == nil }.map(\.description))
        #expect(
            open == [
                "GET /health", "GET /assets/:name", "GET /api/openapi.json", "GET /sign-in", "POST /sign-in",
                // A calendar program subscribes with the secret in the address, and no session.
                "GET /feeds/calendar/:token",
            ])
        #expect(
            routes.filter {
                $0.method != "GET" && ($0.path.hasPrefix("/activities") || $0.path.hasPrefix("/api/v1/activities"))
            }
            .allSatisfy { $0.minimumRole == .editor })
        #expect(routes.filter { $0.path.hasPrefix("/admin") }.allSatisfy { $0.minimumRole == .admin })
        #expect(
            // Exporting ticked rows is a read, sent as a form so the ticks need no long address.
            routes.filter {
                $0.method == "POST" && $0.path.hasPrefix("/organizations") && $0.path != "/organizations/bulk/export"
            }.allSatisfy {
                $0.minimumRole == .editor
            })
    }

    @Test func anonymousRequestsAreRefusedOnEveryProtectedRoute() async throws {
        let routes = try await registeredRoutes()
        try await withTestApp { app in
            for route in routes where route.minimumRole != nil {
                let response = try await app.request(HTTPRequest.Method(route.method)!, uri(route), as: .anonymous)
                if route.isAPI {
                    #expect(response.status == .unauthorized, "\(route)")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(route)")
                } else if route.method == "GET" {
                    #expect(response.status == .seeOther, "\(route)")
                    #expect(response.headers[.location]?.hasPrefix("/sign-in?next=") == true, "\(route)")
                } else {
                    #expect(response.status == .unauthorized, "\(route)")
                }
            }
        }
    }

    @Test func lowerRolesAreRefusedOnEveryRouteAboveThem() async throws {
        let routes = try await registeredRoutes()
        try await withTestApp { app in
            for route in routes {
                guard let needed = route.minimumRole else { continue }
                for who in [Who.viewer, .editor] {
                    let role = app.user(who)!.account.role
                    guard role < needed else { continue }
                    let response = try await app.request(HTTPRequest.Method(route.method)!, uri(route), as: who)
                    #expect(response.status == .forbidden, "\(route) as \(role)")
                }
            }
            let refusals = try await app.store.auditEntries(AuditQuery(action: .accessRefused, limit: 1000))
            #expect(!refusals.isEmpty)
            #expect(refusals.allSatisfy { $0.actor.accountId != nil })
        }
    }

    @Test func aViewerCanReadButNotChange() async throws {
        try await withTestApp { app in
            let created = try await app.store.createOrganization(
                OrganizationInput(kind: .city, name: "Harbin", country: "CN"))
            #expect(try await app.get("/organizations/\(created.id)", as: .viewer).status == .ok)
            let page = try await app.get("/organizations/\(created.id)", as: .viewer).text
            #expect(!page.contains("/organizations/\(created.id)/edit"))

            let form = try await app.submit(
                "/organizations/\(created.id)",
                [
                    ("version", "1"), ("kind", "city"), ("name", "Changed"), ("country", "CN"),
                    ("membershipStatus", "none"),
                ],
                as: .viewer)
            let api = try await app.send(.delete, "/api/v1/organizations/\(created.id)", as: .viewer)

            #expect(form.status == .forbidden)
            #expect(api.status == .forbidden)
            #expect(try await app.store.organization(id: created.id)?.name == "Harbin")
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withTestApp { app in
            let missing = try await app.submit(
                "/organizations",
                [("kind", "city"), ("name", "Xiamen"), ("country", "CN"), ("membershipStatus", "none")],
                csrf: false)
            let wrong = try await app.submit(
                "/organizations",
                [
                    ("kind", "city"), ("name", "Xiamen"), ("country", "CN"), ("membershipStatus", "none"),
                    ("_csrf", "guess"),
                ],
                csrf: false)
            let api = try await app.request(
                .post, "/api/v1/organizations", body: .init(string: "{}"), contentType: "application/json", csrf: false)

            #expect(missing.status == .forbidden)
            #expect(wrong.status == .forbidden)
            #expect(api.status == .forbidden)
            #expect(try await app.store.listOrganizations(OrganizationQuery()).total == 0)
        }
    }

    @Test func requestsFromAnotherSiteAreRefused() async throws {
        try await withTestApp { app in
            let response = try await app.submit(
                "/organizations",
                [("kind", "city"), ("name", "Jinan"), ("country", "CN"), ("membershipStatus", "none")],
                headers: [.origin: "https://evil.example"])
            #expect(response.status == .forbidden)
        }
    }

    @Test func readOnlyTokensReadButCannotWriteAndRevokedTokensStop() async throws {
        try await withTestApp { app in
            let reader = try await app.token(for: app.editor, canWrite: false)
            let writer = try await app.token(for: app.editor, canWrite: true)

            #expect(try await app.get("/api/v1/organizations", as: .token(reader)).status == .ok)
            #expect(
                try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON(), as: .token(reader)).status
                    == .forbidden)
            #expect(
                try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON(), as: .token(writer)).status
                    == .created)
            #expect(try await app.get("/api/v1/organizations", as: .token("lsn_nonsense")).status == .unauthorized)

            let token = try #require(try await app.store.apiTokens(accountId: app.editor.account.id).first)
            try await app.store.revokeAPIToken(id: token.id, accountId: app.editor.account.id, by: .system)
            #expect(try await app.get("/api/v1/organizations", as: .token(writer)).status == .unauthorized)
        }
    }

    @Test func nobodyRevokesAnotherPersonsToken() async throws {
        try await withTestApp { app in
            _ = try await app.token(for: app.admin, canWrite: true)
            let adminToken = try #require(try await app.store.apiTokens(accountId: app.admin.account.id).first)

            let response = try await app.submit("/account/tokens/\(adminToken.id)/revoke", [], as: .viewer)

            #expect(response.status == .notFound)
            #expect(try await app.store.apiTokens(accountId: app.admin.account.id).first?.revokedAt == nil)
        }
    }

    @Test func disabledAccountsAndExpiredSessionsAreSignedOut() async throws {
        try await withTestApp { app in
            _ = try await app.store.updateAccount(id: app.viewer.account.id, .isDisabled(true), by: .system)
            let disabled = try await app.get("/organizations", as: .viewer)
            #expect(disabled.status == .seeOther)

            let secret = Secrets.random()
            let long = Date().addingTimeInterval(-3 * 3600)
            try await app.store.createSession(
                StaffSession(
                    tokenHash: Secrets.hash(secret), accountId: app.editor.account.id, csrfToken: "x", createdAt: long,
                    lastSeenAt: long, expiresAt: Date().addingTimeInterval(3600)))
            let idle = try await app.request(
                .get, "/organizations", as: .anonymous, headers: [.cookie: "liaison_session=\(secret)"])
            #expect(idle.status == .seeOther)
            #expect(try await app.store.session(tokenHash: Secrets.hash(secret)) == nil)
        }
    }
}
