import HTTPTypes
import Hummingbird

/// One route the app serves, as the router knows it ("/api/v1/organizations/:id").
public struct RouteSpec: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var path: String

    /// The path in OpenAPI's form ("/api/v1/organizations/{id}").
    public var openAPIPath: String {
        "/" + segments.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    public var isAPI: Bool { path.hasPrefix("/api/") }
    public var description: String { "\(method) \(path)" }

    var segments: [Substring] { path.split(separator: "/") }

    /// True when a request path has this route's shape (any value where the route has a parameter).
    func matches(_ requestSegments: [Substring]) -> Bool {
        let own = segments
        guard own.count == requestSegments.count else { return false }
        return zip(own, requestSegments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}

/// Every route of the app. Routes are collected first and installed on the router together, so that the
/// error middleware knows them all (to answer 405 with the allowed methods) and tests can walk them.
final class RouteRegistry {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response
    private(set) var routes: [RouteSpec] = []
    private var handlers: [(RouteSpec, HTTPRequest.Method, Handler)] = []

    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String,
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        let spec = RouteSpec(method: method.rawValue, path: path)
        precondition(!routes.contains(spec), "\(spec) is registered twice")
        routes.append(spec)
        handlers.append(
            (
                spec, method,
                { request, context in
                    try await handler(request, context).response(from: request, context: context)
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

/// The finished list of routes, for answering "which methods does this path allow?".
struct RouteTable: Sendable {
    let routes: [RouteSpec]

    /// The methods served at a request path; empty when no route has its shape.
    func allowedMethods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        let methods = routes.filter { $0.matches(segments) }.map(\.method)
        return methods.isEmpty ? [] : Array(Set(methods + (methods.contains("GET") ? ["HEAD"] : []))).sorted()
    }
}
