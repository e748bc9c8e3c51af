import HTTPTypes
import Hummingbird

/// One route the app serves, as the router knows it ("/api/v1/organizations/:id").
public struct RouteSpec: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var path: String

    /// The path in OpenAPI's form ("/api/v1/organizations/{id}").
    public var openAPIPath: String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
    }

    public var isAPI: Bool { path.hasPrefix("/api/v1") }
    public var description: String { "\(method) \(path)" }
}

/// Registers handlers on the router and remembers each route, so that tests can walk every route the
/// app serves (against the OpenAPI document, and later the access matrix).
final class RouteRegistry {
    let router: Router<AppRequestContext>
    private(set) var routes: [RouteSpec] = []

    init(router: Router<AppRequestContext>) {
        self.router = router
    }

    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, on group: RouterGroup<AppRequestContext>? = nil,
        prefix: String = "", use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        routes.append(RouteSpec(method: method.rawValue, path: prefix + path))
        if let group {
            group.on(RouterPath(path), method: method, use: handler)
        } else {
            router.on(RouterPath(path), method: method, use: handler)
        }
    }
}
