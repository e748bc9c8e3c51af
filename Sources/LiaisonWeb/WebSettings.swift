import Foundation
import LiaisonCore
import LiaisonStore

/// What the web layer needs to know about the deployment; read once at start.
public struct WebSettings: Sendable {
    /// Address to listen on; loopback unless the operator says otherwise.
    public var host: String
    public var port: Int
    /// The association's regions, offered in filters and forms.
    public var regions: RegionCatalog
    /// Where the app's strings and assets are; defaults to the resources built into the target.
    public var resourcesDirectory: URL
    public var sessions: SessionSettings
    public var passwords: PasswordHasher
    /// How often sign-ins, password checks, searches and exports may be tried.
    public var limits = RateLimitSettings()
    /// Reverse proxies whose `X-Forwarded-For` names the client; from anyone else the header is ignored.
    public var trustedProxies: [String] = []
    /// What finds the organizations and people a report's text names; nil for the directory's own index.
    public var mentionFinder: (any ReportMentionFinder)?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, regions: RegionCatalog = .standard,
        resourcesDirectory: URL? = nil, sessions: SessionSettings = SessionSettings(),
        passwords: PasswordHasher = PasswordHasher()
    ) {
        self.host = host
        self.port = port
        self.regions = regions
        self.resourcesDirectory = resourcesDirectory ?? Self.bundledResources
        self.sessions = sessions
        self.passwords = passwords
    }

    /// The resources copied beside the binary by the package manager.
    public static var bundledResources: URL {
        URL(fileURLWithPath: Bundle.module.bundlePath).appendingPathComponent("Resources")
    }

    /// The current year in UTC, for checking that years are not in the future.
    func currentYear() -> Int {
        LiaisonCore.currentYear()
    }
}

/// The rate rules the web layer applies; the defaults are the domain's, and tests may tighten them.
public struct RateLimitSettings: Sendable {
    public var signInPerAccount = RateRule.signInPerAccount
    public var signInPerDevice = RateRule.signInPerDevice
    public var signInPerAddress = RateRule.signInPerAddress
    public var passwordCheck = RateRule.passwordCheckPerAccount
    public var search = RateRule.searchPerAccount
    public var export = RateRule.exportPerAccount

    public init() {}
}
