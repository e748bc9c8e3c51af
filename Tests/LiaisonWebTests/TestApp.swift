import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LiaisonCore
import LiaisonDemo
import LiaisonSQLite
import LiaisonStore
import LiaisonWeb
import NIOCore
import Testing

/// Runs `body` against the app as the server builds it, on a fresh in-memory store (with the demo network
/// when asked), through Hummingbird's in-process router client.
func withTestApp(
    demo: Bool = false, _ body: @escaping @Sendable (any TestClientProtocol, SQLiteStore) async throws -> Void
) async throws {
    let store = try SQLiteStore.inMemory()
    if demo {
        _ = try await DemoNetwork.seed(into: store, regions: .standard, currentYear: 2026)
    }
    let (router, _) = try await buildRouter(settings: WebSettings(), store: store)
    let app = Application(router: router)
    try await app.test(.router) { client in
        try await body(client, store)
    }
}

/// The routes the app registers, for tests that walk them all.
func registeredRoutes() async throws -> [RouteSpec] {
    try await buildRouter(settings: WebSettings(), store: try SQLiteStore.inMemory()).1
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

extension TestClientProtocol {
    /// Sends JSON and returns the response.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: Any? = nil, raw: String? = nil,
        contentType: String = "application/json"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = contentType
        } else if let raw {
            body = ByteBuffer(string: raw)
            headers[.contentType] = contentType
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { $0 }
    }

    /// Submits a URL-encoded form as a browser would.
    func submit(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        return try await execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: encoded)
        ) { $0 }
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get) { $0 }
    }
}

/// A valid organization body for the API.
func guangzhouJSON(name: String = "Guangzhou") -> [String: Any] {
    [
        "kind": "city", "name": name, "nativeName": "广州", "aliases": ["Canton"], "country": "CN",
        "region": "asia-pacific", "population": 18_676_605, "latitude": 23.1291, "longitude": 113.2644,
        "membershipStatus": "member", "memberSince": 1993, "paying": true,
        "governanceRoles": [["title": "Co-presidency", "fromYear": 2023, "toYear": 2026]],
        "practices": [["title": "Guangzhou Award", "year": 2012]],
    ]
}
