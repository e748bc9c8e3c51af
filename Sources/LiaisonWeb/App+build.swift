import Foundation
import Hummingbird
import LiaisonCore
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

/// A reason the app cannot start, said in words an operator can act on.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Every route of the app, and the list of them for tests that walk them all.
public func buildRouter(settings: WebSettings, store: any LiaisonStore) async throws
    -> (Router<AppRequestContext>, [RouteSpec])
{
    guard PasswordPolicy.standard.isAvailable else {
        throw StartupError("The list of common passwords is missing from Liaison's resources; reinstall Liaison.")
    }
    let renderer = try PageRenderer(resources: settings.resourcesDirectory)
    let assets = try Assets(directory: settings.resourcesDirectory.appendingPathComponent("assets"))
    let openAPI = try OpenAPIDocument(
        resources: settings.resourcesDirectory, regions: settings.regions, currentYear: settings.currentYear())
    let routes = RouteRegistry(audit: store)
    // One index of the directory's names for the app, kept current as names change.
    let finder = settings.mentionFinder ?? MentionDirectory(store: store)

    routes.add(.get, "/health", access: .public) { _, _ in "ok" }
    assets.register(on: routes)
    routes.add(.get, "/api/openapi.json", access: .public, use: openAPI.serve)
    OrganizationsAPI(store: store, settings: settings).register(on: routes)
    PeopleAPI(store: store, settings: settings).register(on: routes)
    ActivitiesAPI(store: store, settings: settings).register(on: routes)
    FollowUpsAPI(store: store, settings: settings).register(on: routes)
    ProspectsAPI(store: store, settings: settings).register(on: routes)
    GroupsAPI(store: store, settings: settings).register(on: routes)
    DelegationsAPI(store: store, settings: settings).register(on: routes)
    KnowledgeAPI(store: store, settings: settings).register(on: routes)
    ReportsAPI(store: store, settings: settings, finder: finder).register(on: routes)
    CommentsAPI(store: store).register(on: routes)
    CalendarFeeds(store: store, strings: renderer.strings).register(on: routes)
    Exports(store: store, settings: settings).register(on: routes)
    HomePages(store: store, settings: settings, renderer: renderer).register(on: routes)
    DirectoryPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    PeoplePages(store: store, settings: settings, renderer: renderer).register(on: routes)
    ActivityPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    FollowUpPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    PipelinePages(store: store, settings: settings, renderer: renderer).register(on: routes)
    GroupPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    InterestPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    OpportunityPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    DelegationPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    KnowPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    InboxPages(store: store, renderer: renderer).register(on: routes)
    ReportPages(store: store, settings: settings, renderer: renderer, finder: finder).register(on: routes)
    SearchPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    SessionPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    AccountPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    AdminPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    AdminSessionPages(store: store, renderer: renderer).register(on: routes)
    AnalyticsPages(store: store, settings: settings, renderer: renderer).register(on: routes)
    AnalyticsAPI(store: store, settings: settings, strings: renderer.strings).register(on: routes)
    BriefingPages(store: store, settings: settings, renderer: renderer).register(on: routes)

    let router = routes.makeRouter(middleware: [
        SecurityHeadersMiddleware(),
        ClientAddressMiddleware(trustedProxies: Set(settings.trustedProxies)),
        // Outermost error handling: pages for people, problem+json under /api, 405 for a wrong method.
        ErrorMiddleware(renderer: renderer, routes: RouteTable(routes: routes.routes)),
        AuthenticationMiddleware(store: store, sessions: settings.sessions),
    ])
    return (router, routes.routes)
}
