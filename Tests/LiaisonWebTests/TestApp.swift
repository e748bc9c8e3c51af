import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LiaisonCore
import LiaisonDemo
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import NIOCore
import Testing

@testable import LiaisonWeb

/// Who sends a test request.
enum Who: Sendable {
    case admin, editor, viewer, anonymous
    /// A personal API token's secret.
    case token(String)
}

/// A signed-in test account: its session cookie's secret and CSRF token.
struct TestUser: Sendable {
    let account: StaffAccount
    let session: String
    let csrf: String
}

/// The app as the server builds it, on a fresh in-memory store, with one signed-in account per role.
struct TestApp: Sendable {
    static let password = "correct horse battery staple"
    static let hasher = PasswordHasher(cost: 4)

    let client: any TestClientProtocol
    let store: any LiaisonStore
    let admin: TestUser
    let editor: TestUser
    let viewer: TestUser

    func user(_ who: Who) -> TestUser? {
        switch who {
        case .admin: admin
        case .editor: editor
        case .viewer: viewer
        case .anonymous, .token: nil
        }
    }

    /// Sends a request as `who`: with the session cookie, and for anything but GET the CSRF token a
    /// browser page would send (forms carry theirs in a field, see `submit`; other bodies in the header).
    func request(
        _ method: HTTPRequest.Method, _ uri: String, body: ByteBuffer? = nil, contentType: String? = nil,
        as who: Who = .editor, headers extra: HTTPFields = [:], csrf: Bool = true
    ) async throws -> TestResponse {
        var headers = extra
        if let contentType { headers[.contentType] = contentType }
        if let user = user(who) {
            headers[.cookie] = "liaison_session=\(user.session)"
            if csrf, method != .get, contentType?.hasPrefix("application/x-www-form-urlencoded") != true {
                headers[CSRF.header] = user.csrf
            }
        }
        if case .token(let secret) = who { headers[.authorization] = "Bearer \(secret)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { $0 }
    }

    func get(_ uri: String, as who: Who = .editor) async throws -> TestResponse {
        try await request(.get, uri, as: who)
    }

    /// Sends JSON (or a raw body) and returns the response.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: Any? = nil, raw: String? = nil,
        contentType: String = "application/json", as who: Who = .editor
    ) async throws -> TestResponse {
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            body = ByteBuffer(string: raw)
        }
        return try await request(method, uri, body: body, contentType: body == nil ? nil : contentType, as: who)
    }

    /// Submits a URL-encoded form as a browser would, with the session's CSRF token unless told not to.
    func submit(
        _ uri: String, _ fields: [(String, String)], as who: Who = .editor, csrf: Bool = true,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        var all = fields
        if csrf, let user = user(who) { all.append(("_csrf", user.csrf)) }
        let encoded = all.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)="
                + value.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
        return try await request(
            .post, uri, body: ByteBuffer(string: encoded), contentType: "application/x-www-form-urlencoded", as: who,
            headers: headers, csrf: csrf)
    }

    /// Signs in through the form as a browser does: opens it (getting its pre-session cookie and token),
    /// then sends it with those and any other cookies the browser holds (a device cookie).
    func signIn(
        email: String, password: String = TestApp.password, code: String = "", next: String = "/organizations?q=x",
        cookies: [String] = [], headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        let form = try await request(
            .get, "/sign-in", as: .anonymous,
            headers: cookies.isEmpty ? [:] : [.cookie: cookies.joined(separator: "; ")])
        let cookie = try #require(
            form.cookies.first { $0.hasPrefix("liaison_sign_in=") || $0.hasPrefix("__Host-liaison_sign_in=") })
        let token = try #require(form.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
        var headers = headers
        headers[.cookie] = ([cookie] + cookies).joined(separator: "; ")
        return try await submit(
            "/sign-in",
            [("email", email), ("password", password), ("code", code), ("next", next), ("_csrf", String(token))],
            as: .anonymous, headers: headers)
    }

    /// Creates a personal API token for an account and returns its secret.
    func token(for user: TestUser, canWrite: Bool) async throws -> String {
        try await APITokens.issue(
            accountId: user.account.id, name: "test", canWrite: canWrite, store: store, by: .system)
    }
}

extension WebSettings {
    /// The settings of the HTTP tests: cheap bcrypt, and rate limits whose first delay (a minute rather
    /// than a second) outlasts a slow test, so that a test sees the block it caused.
    static var forTests: WebSettings {
        var settings = WebSettings(passwords: TestApp.hasher)
        let steady = RateRule.Kind.growingDelay(firstDelay: 60, maxDelay: 900)
        settings.limits.signInPerAccount = RateRule(steady, limit: 5, window: 3600)
        settings.limits.signInPerDevice = RateRule(steady, limit: 5, window: 3600)
        settings.limits.signInPerAddress = RateRule(steady, limit: 20, window: 3600)
        settings.limits.passwordCheck = RateRule(steady, limit: 5, window: 3600)
        return settings
    }
}

/// Runs `body` against the app as the server builds it, on a fresh store of the engine the HTTP tests run
/// on (`TestEngine.forHTTP`; with the demo network when asked), through Hummingbird's in-process router client.
func withTestApp(
    demo: Bool = false, settings: WebSettings = .forTests,
    _ body: @escaping @Sendable (TestApp) async throws -> Void
) async throws {
    try await TestEngine.forHTTP.withStore { store in
        try await runTestApp(store: store, demo: demo, settings: settings, body)
    }
}

func runTestApp(
    store: any LiaisonStore, demo: Bool = false, settings: WebSettings = .forTests,
    _ body: @escaping @Sendable (TestApp) async throws -> Void
) async throws {
    if demo {
        _ = try await DemoNetwork.seed(into: store, regions: .standard, currentYear: 2026)
    }
    let admin = try await makeUser(store, "Ada Admin", .admin)
    let editor = try await makeUser(store, "Agnès Bickart", .editor)
    let viewer = try await makeUser(store, "Victor Viewer", .viewer)
    let (router, _) = try await buildRouter(settings: settings, store: store)
    let app = Application(router: router)
    try await app.test(.router) { client in
        try await body(TestApp(client: client, store: store, admin: admin, editor: editor, viewer: viewer))
    }
}

func makeUser(_ store: any LiaisonStore, _ name: String, _ role: StaffRole) async throws -> TestUser {
    let email =
        name.lowercased().split(separator: " ").joined(separator: ".").folding(
            options: .diacriticInsensitive, locale: nil) + "@example.org"
    let account = try await store.createAccount(
        StaffAccountInput(email: email, name: name, role: role), passwordHash: TestApp.hasher.hash(TestApp.password),
        by: .system)
    let secret = Secrets.random()
    let csrf = Secrets.random()
    let now = Date()
    try await store.createSession(
        StaffSession(
            tokenHash: Secrets.hash(secret), accountId: account.id, csrfToken: csrf, createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(3600)))
    return TestUser(account: account, session: secret, csrf: csrf)
}

/// The routes the app registers, for tests that walk them all.
func registeredRoutes() async throws -> [RouteSpec] {
    try await buildRouter(settings: WebSettings(), store: try SQLiteStore.inMemory()).1
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The cookies the response sets, each as "name=value" without its attributes.
    var cookies: [String] {
        headers[values: .setCookie].map { String($0.prefix { $0 != ";" }) }
    }

    /// The whole Set-Cookie line of the named cookie.
    func setCookie(named name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
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
