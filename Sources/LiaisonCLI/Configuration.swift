import Foundation
import LiaisonCore
import Logging

/// Liaison's settings, layered: command-line flags over environment variables over defaults. The
/// environment variable names are listed here and nowhere else.
struct Configuration: Sendable {
    enum Variable: String, CaseIterable {
        case database = "LIAISON_DATABASE"
        case databasePoolSize = "LIAISON_DATABASE_POOL_SIZE"
        case host = "LIAISON_HOST"
        case port = "LIAISON_PORT"
        case regions = "LIAISON_REGIONS"
        case logLevel = "LIAISON_LOG_LEVEL"
        case secureCookies = "LIAISON_SECURE_COOKIES"
        case trustedProxy = "LIAISON_TRUSTED_PROXY"
        case refuseSuperuser = "LIAISON_REFUSE_SUPERUSER"
    }

    static let defaultDatabase = "data/liaison.sqlite"

    var database: DatabaseLocation
    var host: String
    var port: Int
    var regions: RegionCatalog
    var logLevel: String
    /// Served over TLS (directly or behind a proxy): cookies are Secure with the __Host- prefix.
    var secureCookies = false
    /// Reverse proxies whose X-Forwarded-For names the client (IP addresses).
    var trustedProxies: [String] = []
    /// Refuse to start on PostgreSQL as a superuser instead of only warning.
    var refuseSuperuser = false

    /// A setting with a value that is not allowed; the message names the flag and the variable.
    struct SettingError: Error, CustomStringConvertible {
        let description: String
    }

    /// Resolves every setting and reports all bad ones together.
    static func resolve(
        database: String? = nil, databasePoolSize: String? = nil, host: String? = nil, port: String? = nil,
        regions: String? = nil,
        logLevel: String? = nil, secureCookies: String? = nil, trustedProxy: String? = nil,
        refuseSuperuser: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Configuration {
        func pick(_ flag: String?, _ variable: Variable) -> (value: String, source: String)? {
            if let flag { return (flag, "--\(flagName(variable))") }
            if let value = environment[variable.rawValue] { return (value, variable.rawValue) }
            return nil
        }
        var problems: [String] = []
        var poolSize: Int?
        if let setting = pick(databasePoolSize, .databasePoolSize) {
            if let number = Int(setting.value), (1...500).contains(number) {
                poolSize = number
            } else {
                problems.append(
                    "\(setting.source) must be a number of connections from 1 to 500; got \"\(setting.value)\".")
            }
        }
        let databaseSetting = pick(database, .database) ?? (defaultDatabase, "--database")
        var location = DatabaseLocation.sqlite(path: defaultDatabase)
        do {
            location = try DatabaseLocation.parse(
                databaseSetting.value, source: databaseSetting.source, poolSize: poolSize)
        } catch let error as SettingError {
            problems.append(error.description)
        }
        let hostSetting = pick(host, .host)
        let hostValue = hostSetting?.value ?? "127.0.0.1"
        if hostValue.isEmpty || hostValue.contains(where: { $0.isWhitespace || $0 == "/" }) {
            problems.append(
                "\(hostSetting?.source ?? "host") must be a host name or an IP address; got \"\(hostValue)\".")
        }
        var portValue = 8080
        if let setting = pick(port, .port) {
            if let number = Int(setting.value), (0...65535).contains(number) {
                portValue = number
            } else {
                problems.append("\(setting.source) must be a port number from 0 to 65535; got \"\(setting.value)\".")
            }
        }
        var catalog = RegionCatalog.standard
        if let setting = pick(regions, .regions) {
            do {
                catalog = try RegionCatalog.parse(setting.value)
            } catch {
                problems.append("\(setting.source): " + error.errors.map(\.message).joined(separator: " "))
            }
        }
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        let levelSetting = pick(logLevel, .logLevel)
        let level = levelSetting?.value ?? "info"
        if !levels.contains(level) {
            problems.append(
                "\(levelSetting?.source ?? "log level") must be one of \(levels.joined(separator: ", ")); got \"\(level)\"."
            )
        }
        func boolean(_ flag: String?, _ variable: Variable) -> Bool {
            guard let setting = pick(flag, variable) else { return false }
            switch setting.value.lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            default:
                problems.append("\(setting.source) must be true or false; got \"\(setting.value)\".")
                return false
            }
        }
        let secure = boolean(secureCookies, .secureCookies)
        let refuse = boolean(refuseSuperuser, .refuseSuperuser)
        var proxies: [String] = []
        if let setting = pick(trustedProxy, .trustedProxy) {
            proxies = setting.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            let bad = proxies.filter { !Self.isIPAddress($0) }
            if !bad.isEmpty || proxies.isEmpty {
                problems.append(
                    "\(setting.source) must be the IP addresses of the reverse proxies, separated by commas; got \"\(setting.value)\"."
                )
            }
        }
        if !problems.isEmpty { throw SettingError(description: problems.joined(separator: "\n")) }
        return Configuration(
            database: location, host: hostValue, port: portValue, regions: catalog, logLevel: level,
            secureCookies: secure, trustedProxies: proxies, refuseSuperuser: refuse)
    }

    /// An IPv4 address (four numbers to 255) or an IPv6 address, as the server sees its peers.
    static func isIPAddress(_ text: String) -> Bool {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        return inet_pton(AF_INET, text, &ipv4) == 1 || inet_pton(AF_INET6, text, &ipv6) == 1
    }

    /// The logger commands and the server write to, at the configured level.
    var logger: Logger {
        var logger = Logger(label: "liaison")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        return logger
    }

    private static func flagName(_ variable: Variable) -> String {
        switch variable {
        case .database: "database"
        case .databasePoolSize: "database-pool-size"
        case .host: "host"
        case .port: "port"
        case .regions: "regions"
        case .logLevel: "log-level"
        case .secureCookies: "secure-cookies"
        case .trustedProxy: "trusted-proxy"
        case .refuseSuperuser: "refuse-superuser"
        }
    }
}
