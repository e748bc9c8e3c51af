import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// One route the app serves, as the router knows it ("/api/v1/organizations/:id"), and who may use it.
public struct RouteSpec: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var path: String
    /// The least role that may use the route; nil for a public route.
    public var minimumRole: StaffRole?

    /// The path in OpenAPI's form ("/api/v1/organizations/{id}").
    public var openAPIPath: String {
        "/" + segments.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    public var isAPI: Bool { path.hasPrefix("/api/") }
    public var description: String { "\(method) \(path)" }

    var segments: [Substring] { path.split(separator: "/") }

    /// How many segments are fixed text rather than parameters.
    var literalCount: Int { segments.filter { !$0.hasPrefix(":") }.count }

    /// True when a request path has this route's shape (any value where the route has a parameter).
    func matches(_ requestSegments: [Substring]) -> Bool {
        let own = segments
        guard own.count == requestSegments.count else { return false }
        return zip(own, requestSegments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}

/// Every route of the app. Routes are collected first and installed on the router together, so that the
/// error middleware knows them all (to answer 405 with the allowed methods) and tests can walk them.
/// Each route declares who may use it, and the registry enforces it before the handler runs, together
/// with the CSRF and origin checks on every request that can change state.
final class RouteRegistry {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response
    private(set) var routes: [RouteSpec] = []
    private var handlers: [(RouteSpec, HTTPRequest.Method, Handler)] = []
    private let guardian: AccessGuard

    init(audit: any AccountStore) {
        guardian = AccessGuard(audit: audit)
    }

    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, access: Access,
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        let minimumRole: StaffRole? =
            switch access {
            case .public: nil
            case .role(let role): role
            }
        let spec = RouteSpec(method: method.rawValue, path: path, minimumRole: minimumRole)
        precondition(
            !routes.contains { $0.method == spec.method && $0.path == spec.path }, "\(spec) is registered twice")
        routes.append(spec)
        let guardian = self.guardian
        handlers.append(
            (
                spec, method,
                { request, context in
                    let request = try await guardian.check(request, context: context, access: access)
                    return try await handler(request, context).response(from: request, context: context)
                }
            ))
    }

    /// The router with every collected route behind the given middleware, outermost first.
    func makeRouter(middleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>]) -> Router<
        AppRequestContext
    > {
        let router = Router(context: AppRequestContext.self, options: [.autoGenerateHeadEndpoints])
        for item in middleware { router.add(middleware: item) }
        for (spec, method, handler) in handlers {
            router.on(RouterPath(spec.path), method: method, use: handler)
        }
        return router
    }
}

/// The checks every route passes before its handler: the role it declares, write access for API tokens,
/// and for anything that can change state, the origin and (with a session cookie) the CSRF token.
struct AccessGuard: Sendable {
    let audit: any AccountStore

    /// Returns the request, its body collected when the CSRF token had to be read from a form.
    func check(_ request: Request, context: AppRequestContext, access: Access) async throws -> Request {
        var request = request
        let changesState = ![.get, .head, .options].contains(request.method)
        if changesState { try await checkOrigin(request, context: context) }
        guard case .role(let role) = access else { return request }
        guard let identity = context.identity else {
            if request.uri.path.hasPrefix("/api/") {
                throw Problem(
                    .unauthorized, type: "unauthorized", title: "Sign in or send an API token.",
                    detail: "This route needs a signed-in \(role.rawValue) or an API token: Authorization: Bearer ...")
            }
            if request.method == .get {
                throw SignInRequired(next: request.uri.description)
            }
            throw HTTPError(.unauthorized, message: "Your session has ended. Sign in again.")
        }
        if identity.mustSetUpTwoFactor, !request.uri.path.hasPrefix("/account"), request.uri.path != "/sign-out" {
            if request.method == .get, !request.uri.path.hasPrefix("/api/") { throw TwoFactorSetupRequired() }
            throw Problem(
                .forbidden, type: "two-factor-required", title: "Set up two-factor sign-in first.",
                detail: "An admin requires two-factor sign-in; set it up on your account page.")
        }
        if identity.account.role < role || (changesState && !identity.canWrite) {
            let detail =
                identity.account.role < role
                ? "This action needs the \(role.rawValue) role."
                : "This API token is read-only; this action changes records."
            throw try await refuse(
                request, context: context, reason: detail,
                Problem(.forbidden, type: "forbidden", title: "Not allowed.", detail: detail))
        }
        if changesState, let expected = identity.csrfToken {
            var sent = request.headers[CSRF.header]
            if sent == nil,
                request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
            {
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                sent = try FormData(encoded: String(buffer: body))["_csrf"]
            }
            guard let sent, Secrets.equal(sent, expected) else {
                throw try await refuse(
                    request, context: context, reason: "CSRF token missing or wrong",
                    Problem(
                        .forbidden, type: "csrf", title: "The form has expired.",
                        detail: "Reload the page and try again (the request did not carry this session's CSRF token)."))
            }
        }
        return request
    }

    /// A browser says where a request comes from; one from another site is refused, and so is `null` (a
    /// sandboxed frame, a `data:` page or a redirect across sites: never this site's own forms). Each refusal
    /// is in the audit trail.
    private func checkOrigin(_ request: Request, context: AppRequestContext) async throws {
        guard let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        var allowed = false
        if origin != "null", let url = URL(string: origin), let originHost = url.host {
            let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
            allowed = originAuthority.lowercased() == host.lowercased()
        }
        guard !allowed else { return }
        throw try await refuse(
            request, context: context, reason: "cross-site request from \(origin)",
            Problem(
                .forbidden, type: "cross-origin", title: "Cross-site request refused.",
                detail: "Origin \(origin.prefix(200)) is not \(host.prefix(200))."))
    }

    /// Writes the refusal to the audit trail and returns the problem to throw.
    private func refuse(_ request: Request, context: AppRequestContext, reason: String, _ problem: Problem)
        async throws -> Problem
    {
        try await audit.recordAudit(
            AuditEvent(
                actor: context.actor, action: .accessRefused,
                summary: "\(request.method.rawValue) \(request.uri.path): \(reason)"))
        return problem
    }
}

/// The CSRF token's header for cookie-authenticated API calls.
enum CSRF {
    static let header = HTTPField.Name("X-CSRF-Token")!
}

/// A person who must set up two-factor sign-in asked for another page: the error middleware sends them to
/// their account page.
struct TwoFactorSetupRequired: Error {}

/// A person who is not signed in asked for a page: the error middleware sends them to sign in.
struct SignInRequired: Error {
    let next: String
}

/// The finished list of routes, for answering "which methods does this path allow?".
struct RouteTable: Sendable {
    let routes: [RouteSpec]

    /// The methods served at a request path; empty when no route has its shape.
    func allowedMethods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        // A fixed segment wins over a parameter ("/people/export" is not "/people/:id"), as in the router.
        let matching = routes.filter { $0.matches(segments) }
        let mostLiteral = matching.map(\.literalCount).max() ?? 0
        let methods = matching.filter { $0.literalCount == mostLiteral }.map(\.method)
        return methods.isEmpty ? [] : Array(Set(methods + (methods.contains("GET") ? ["HEAD"] : []))).sorted()
    }
}
