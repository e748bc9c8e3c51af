import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonPostgres
import Logging

/// Liaison's settings, layered: command-line flags over environment variables over defaults. Each setting
/// is declared once, in Setting+Declarations.swift, with its flag, variable, default and rule.
struct Configuration: Sendable {
    var database: DatabaseLocation = Setting.database.defaultValue
    /// PostgreSQL connections per app server when the flag or the variable sets it; the URL's `pool=`
    /// or 20 otherwise. Already applied to `database`.
    var databasePoolSize: Int? = Setting.databasePoolSize.defaultValue
    var host: String = Setting.host.defaultValue
    var port: Int = Setting.port.defaultValue
    var regions: RegionCatalog = Setting.regions.defaultValue
    var logLevel: Logger.Level = Setting.logLevel.defaultValue
    /// Served over TLS (directly or behind a proxy): cookies are Secure with the __Host- prefix.
    var secureCookies: Bool = Setting.secureCookies.defaultValue
    /// Reverse proxies whose X-Forwarded-For names the client (IP addresses).
    var trustedProxies: [String] = Setting.trustedProxy.defaultValue
    /// Refuse to start on PostgreSQL as a superuser instead of only warning.
    var refuseSuperuser: Bool = Setting.refuseSuperuser.defaultValue
    /// Searches a minute, and exports an hour, each account may make.
    var searchLimit: Int = Setting.searchLimit.defaultValue
    var exportLimit: Int = Setting.exportLimit.defaultValue
    /// Where people reach Liaison, for links in mail.
    var publicURL: String? = Setting.publicURL.defaultValue
    /// The mail server, the sender, the CA file to trust and the digest's hour; no mail without a server.
    var smtp: SMTPServer? = Setting.smtp.defaultValue
    var smtpFrom: MailAddress? = Setting.smtpFrom.defaultValue
    var smtpCAFile: String? = Setting.smtpCAFile.defaultValue
    var smtpDigestHour: Int? = Setting.smtpDigestHour.defaultValue

    /// Settings with values that are not allowed, one a line; each line names the flag or the variable.
    struct SettingError: Error, CustomStringConvertible {
        let description: String
    }

    /// Resolves `settings` (all of them unless told): for each, the value of its flag in `flags` (keyed by
    /// flag name without dashes, such as `"port"`), else its environment variable, else its default. Every
    /// bad value is reported, together.
    static func resolve(
        flags: [String: String] = [:], environment: [String: String] = ProcessInfo.processInfo.environment,
        settings: [any AnySetting] = Configuration.settings
    ) throws(SettingError) -> Configuration {
        var configuration = Configuration()
        var problems = flags.keys.filter { flag in !settings.contains { $0.flag == flag } }.sorted()
            .map { "--\($0) is not a setting of this command." }
        for setting in settings {
            let given: (value: String, source: String)? =
                if let value = flags[setting.flag] {
                    (value, setting.longFlag)
                } else if let value = environment[setting.variable] {
                    (value, setting.variable)
                } else {
                    nil
                }
            guard let given else { continue }
            do {
                try setting.apply(given.value, to: &configuration)
            } catch {
                problems.append(error.message(naming: given.source))
            }
        }
        if !problems.isEmpty { throw SettingError(description: problems.joined(separator: "\n")) }
        if let size = configuration.databasePoolSize, case .postgres(var settings) = configuration.database {
            settings.poolSize = size
            configuration.database = .postgres(settings)
        }
        return configuration
    }

    /// The logger commands and the server write to, at the configured level.
    var logger: Logger {
        var logger = Logger(label: "liaison")
        logger.logLevel = logLevel
        return logger
    }
}
