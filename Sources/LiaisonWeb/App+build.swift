import Foundation
import Hummingbird
import LiaisonStore
import Logging

/// The application the server runs and the tests drive: both call this function.
/// `onListening` receives the port actually bound (useful when the settings ask for port 0).
public func buildApplication(
    settings: WebSettings, store: any LiaisonStore, logger: Logger,
    onListening: @escaping @Sendable (Int) -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let (router, _) = try await buildRouter(settings: settings, store: store)
    return Application(
        router: router,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Liaison"),
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? settings.port) },
        logger: logger
    )
}

/// Every route of the app, and the list of them for tests that walk them all.
public func buildRouter(settings: WebSettings, store: any LiaisonStore) async throws
    -> (Router<AppRequestContext>, [RouteSpec])
{
    let router = Router(context: AppRequestContext.self)
    let renderer = try await PageRenderer(resources: settings.resourcesDirectory)
    router.add(middleware: SecurityHeadersMiddleware())
    // Outermost error handling, so even unmatched paths get a page (or problem+json under /api).
    router.add(middleware: ErrorPageMiddleware(renderer: renderer))
    let routes = RouteRegistry(router: router)
    let assets = try Assets(directory: settings.resourcesDirectory.appendingPathComponent("assets"))

    routes.add(.get, "/health") { _, _ in "ok" }
    assets.register(on: routes)

    let api = router.group("api").add(middleware: ProblemMiddleware())
    let openAPI = try OpenAPIDocument(resources: settings.resourcesDirectory)
    routes.add(.get, "/openapi.json", on: api, prefix: "/api", use: openAPI.serve)
    let v1 = api.group("v1")
    OrganizationsAPI(store: store, settings: settings).register(on: routes, group: v1, prefix: "/api/v1")

    DirectoryPages(store: store, settings: settings, renderer: renderer).register(on: routes, group: router.group())
    return (router, routes.routes)
}
