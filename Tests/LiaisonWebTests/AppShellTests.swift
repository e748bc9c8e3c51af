import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonWeb
import Testing

@Suite struct AppShellTests {
    @Test func everyAPIRouteIsInTheOpenAPIDocumentAndTheReverse() async throws {
        let routes = try await registeredRoutes()
        try await withTestApp { app in
            let response = try await app.get("/api/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(
                paths.flatMap { path, operations in
                    operations.keys.filter { $0 != "parameters" }.map { "\($0.uppercased()) \(path)" }
                })
            let served = Set(routes.filter { $0.path.hasPrefix("/api/") }.map { "\($0.method) \($0.openAPIPath)" })
            #expect(served.subtracting(documented).isEmpty, "routes missing from the OpenAPI document")
            #expect(documented.subtracting(served).isEmpty, "documented routes the app does not serve")
        }
    }

    @Test func pagesCarryTheSecurityHeaders() async throws {
        try await withTestApp { app in
            for uri in ["/organizations", "/api/v1/organizations", "/nowhere"] {
                let response = try await app.get(uri)
                let csp = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(csp.contains("script-src 'self'"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func pagesHaveNoInlineScriptOrStyle() async throws {
        try await withTestApp(demo: true) { app in
            for uri in ["/organizations", "/organizations/new", "/organizations/1"] {
                let html = try await app.get(uri).text
                #expect(!html.contains("<script>"), "\(uri)")
                #expect(!html.contains("<style"), "\(uri)")
                #expect(!html.contains(" style="), "\(uri)")
                #expect(!html.contains(" onclick="), "\(uri)")
            }
        }
    }

    @Test func assetsAreServedByTheApp() async throws {
        try await withTestApp { app in
            let css = try await app.get("/assets/app.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await app.get("/assets/app.js").headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(try await app.get("/assets/missing.css").status == .notFound)
        }
    }

    @Test func everyInputHasALabel() async throws {
        try await withTestApp(demo: true) { app in
            for uri in ["/organizations", "/organizations/new"] {
                let html = try await app.get(uri).text
                let ids = matches(of: #"<(?:input|select|textarea) id="([^"]+)""#, in: html)
                #expect(!ids.isEmpty)
                for id in ids {
                    #expect(html.contains("for=\"\(id)\""), "\(uri): #\(id) has no label")
                }
            }
        }
    }

    @Test func healthAnswers() async throws {
        try await withTestApp { app in
            let response = try await app.get("/health")
            #expect(response.text == "ok")
        }
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
