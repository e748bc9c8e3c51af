import ArgumentParser
import Foundation
import LiaisonStore

extension Option where Value == String? {
    /// The flag of a declared setting, with its name and help from the declaration. The value is read as a
    /// string: `Configuration.resolve` parses it, so that a bad flag and a bad variable get the same message.
    init(_ setting: some AnySetting) {
        self.init(name: .customLong(setting.flag), help: ArgumentHelp(setting.help))
    }
}

/// A group of setting flags: resolving it reads them, the environment and the defaults. Its `validate()`
/// resolves, so a bad value stops the command before anything opens the database.
protocol SettingOptions: ParsableArguments {
    /// The flags given, by flag name without dashes.
    var givenFlags: [String: String] { get }
}

extension SettingOptions {
    /// The configuration these flags, the environment and the defaults make.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        do {
            return try Configuration.resolve(flags: givenFlags, environment: environment)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Opens the store the settings name, with its schema up to date, for as long as `body` runs.
    func withStore<T: Sendable>(_ body: (any LiaisonStore, Configuration) async throws -> T) async throws -> T {
        let configuration = try configuration()
        return try await configuration.database.withStore(logger: configuration.logger) {
            try await body($0, configuration)
        }
    }
}

/// The flags of the settings every command that opens the database takes. Not validated on their own: the
/// group that holds them resolves them with the rest, so that every bad value is reported together.
struct DatabaseFlags: ParsableArguments {
    @Option(Setting.database) var database: String?
    @Option(Setting.databasePoolSize) var databasePoolSize: String?
    @Option(Setting.regions) var regions: String?
    @Option(Setting.logLevel) var logLevel: String?

    var givenFlags: [String: String] {
        [
            Setting.database.flag: database, Setting.databasePoolSize.flag: databasePoolSize,
            Setting.regions.flag: regions, Setting.logLevel.flag: logLevel,
        ].compactMapValues { $0 }
    }
}

/// The setting flags of every command that opens the database.
struct StoreOptions: SettingOptions {
    @OptionGroup var flags: DatabaseFlags

    var givenFlags: [String: String] { flags.givenFlags }

    func validate() throws {
        _ = try configuration()
    }
}

/// The flags of the mail settings, which `serve` and the `liaison mail` commands take.
struct MailFlags: ParsableArguments {
    @Option(Setting.publicURL) var publicURL: String?
    @Option(Setting.smtp) var smtp: String?
    @Option(Setting.smtpFrom) var smtpFrom: String?
    @Option(Setting.smtpCAFile) var smtpCAFile: String?
    @Option(Setting.smtpDigestHour) var smtpDigestHour: String?

    var givenFlags: [String: String] {
        [
            Setting.publicURL.flag: publicURL, Setting.smtp.flag: smtp, Setting.smtpFrom.flag: smtpFrom,
            Setting.smtpCAFile.flag: smtpCAFile, Setting.smtpDigestHour.flag: smtpDigestHour,
        ].compactMapValues { $0 }
    }
}

/// The setting flags of the `liaison mail` commands: the database's and the mail's.
struct MailOptions: SettingOptions {
    @OptionGroup var flags: DatabaseFlags
    @OptionGroup var mail: MailFlags

    var givenFlags: [String: String] { flags.givenFlags.merging(mail.givenFlags) { first, _ in first } }

    func validate() throws {
        _ = try configuration()
    }
}

/// The setting flags of `serve`: those of every command that opens the database, and the server's own.
struct ServeOptions: SettingOptions {
    @OptionGroup var flags: DatabaseFlags
    @OptionGroup var mail: MailFlags
    @Option(Setting.host) var host: String?
    @Option(Setting.port) var port: String?
    @Option(Setting.secureCookies) var secureCookies: String?
    @Option(Setting.trustedProxy) var trustedProxy: String?
    @Option(Setting.refuseSuperuser) var refuseSuperuser: String?
    @Option(Setting.searchLimit) var searchLimit: String?
    @Option(Setting.exportLimit) var exportLimit: String?

    var givenFlags: [String: String] {
        flags.givenFlags.merging(
            [
                Setting.host.flag: host, Setting.port.flag: port, Setting.secureCookies.flag: secureCookies,
                Setting.trustedProxy.flag: trustedProxy, Setting.refuseSuperuser.flag: refuseSuperuser,
                Setting.searchLimit.flag: searchLimit, Setting.exportLimit.flag: exportLimit,
            ].compactMapValues { $0 }.merging(mail.givenFlags) { first, _ in first }
        ) { first, _ in first }
    }

    func validate() throws {
        _ = try configuration()
    }
}
