import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonPostgres
import Logging

// Every setting Liaison reads, declared once. A new setting goes here and in `Configuration.settings`; the tests
// then ask for its row in the README's configuration table and try its examples by flag and by variable.

extension Setting where Value == DatabaseLocation {
    static let database = Setting(
        flag: "database", variable: "LIAISON_DATABASE",
        defaultValue: .sqlite(path: "data/liaison.sqlite"), shownDefault: "data/liaison.sqlite",
        meaning: """
            A SQLite file path, or postgres://user:password@host:5432/database with optional ?sslmode=disable|prefer|\
            require|verify-full&sslrootcert=ca.pem&schema=name
            """,
        commands: .everyStoreCommand,
        parse: { (text: String) throws(SettingRefusal) in try DatabaseLocation.read(text) },
        keyPath: \.database,
        examples: SettingExamples(good: "/tmp/liaison-example.sqlite", bad: "mysql://db/liaison"))
}

extension Setting where Value == Int? {
    static let databasePoolSize = Setting(
        flag: "database-pool-size", variable: "LIAISON_DATABASE_POOL_SIZE",
        defaultValue: nil, shownDefault: "\(PostgresSettings.defaultPoolSize)",
        meaning: "PostgreSQL connections per app server, 1 to 500, over the URL's pool=",
        commands: .everyStoreCommand,
        parse: { (text: String) throws(SettingRefusal) in
            guard let number = Int(text), (1...500).contains(number) else {
                throw .mustBe("a number of connections from 1 to 500", got: text)
            }
            return number
        },
        keyPath: \.databasePoolSize,
        examples: SettingExamples(good: "5", bad: "many"))
}

extension Setting where Value == String {
    static let host = Setting(
        flag: "host", variable: "LIAISON_HOST", defaultValue: "127.0.0.1", shownDefault: "127.0.0.1",
        meaning: "Address to listen on; the default is this machine only",
        commands: .serve,
        parse: { (text: String) throws(SettingRefusal) in
            if text.isEmpty || text.contains(where: { $0.isWhitespace || $0 == "/" }) {
                throw .mustBe("a host name or an IP address", got: text)
            }
            return text
        },
        keyPath: \.host,
        examples: SettingExamples(good: "0.0.0.0", bad: "two words"))
}

extension Setting where Value == Int {
    static let port = Setting(
        flag: "port", variable: "LIAISON_PORT", defaultValue: 8080, shownDefault: "8080",
        meaning: "Port to listen on, 0 for any free port",
        commands: .serve,
        parse: { (text: String) throws(SettingRefusal) in
            guard let number = Int(text), (0...65535).contains(number) else {
                throw .mustBe("a port number from 0 to 65535", got: text)
            }
            return number
        },
        keyPath: \.port,
        examples: SettingExamples(good: "9000", bad: "eighty"))
}

extension Setting where Value == RegionCatalog {
    static let regions = Setting(
        flag: "regions", variable: "LIAISON_REGIONS",
        defaultValue: .standard, shownDefault: RegionCatalog.standard.regions.map(\.name).joined(separator: ", "),
        meaning: "The association's regions as key=Name,key=Name",
        commands: .everyStoreCommand,
        parse: { (text: String) throws(SettingRefusal) in
            do throws(ValidationError) {
                return try RegionCatalog.parse(text)
            } catch {
                throw .because(error.errors.map(\.message).joined(separator: " "))
            }
        },
        keyPath: \.regions,
        examples: SettingExamples(good: "asia=Asia,europe=Europe", bad: "asia"))
}

extension Setting where Value == Int {
    static let searchLimit = Setting(
        flag: "search-limit", variable: "LIAISON_SEARCH_LIMIT", defaultValue: RateRule.searchPerAccount.limit,
        shownDefault: "\(RateRule.searchPerAccount.limit)",
        meaning: "Searches a minute each account may make (the search box and the API), 1 to 1,000,000",
        commands: .serve, parse: { (text: String) throws(SettingRefusal) in try count(text, upTo: 1_000_000) },
        keyPath: \.searchLimit, examples: SettingExamples(good: "1000", bad: "0"))

    static let exportLimit = Setting(
        flag: "export-limit", variable: "LIAISON_EXPORT_LIMIT", defaultValue: RateRule.exportPerAccount.limit,
        shownDefault: "\(RateRule.exportPerAccount.limit)",
        meaning: "Exports and backups an hour each account may make, 1 to 100,000",
        commands: .serve, parse: { (text: String) throws(SettingRefusal) in try count(text, upTo: 100_000) },
        keyPath: \.exportLimit, examples: SettingExamples(good: "100", bad: "lots"))

    private static func count(_ text: String, upTo most: Int) throws(SettingRefusal) -> Int {
        guard let number = Int(text), (1...most).contains(number) else {
            throw .mustBe("a whole number from 1 to \(most)", got: text)
        }
        return number
    }
}

extension Setting where Value == Logger.Level {
    static let logLevel = Setting(
        flag: "log-level", variable: "LIAISON_LOG_LEVEL", defaultValue: .info, shownDefault: "info",
        meaning: "Log level: \(levels)",
        commands: .everyStoreCommand,
        parse: { (text: String) throws(SettingRefusal) in
            guard let level = Logger.Level(rawValue: text) else { throw .mustBe("one of \(levels)", got: text) }
            return level
        },
        keyPath: \.logLevel,
        examples: SettingExamples(good: "debug", bad: "loud"))

    private static var levels: String { Logger.Level.allCases.map(\.rawValue).joined(separator: ", ") }
}

extension Setting where Value == Bool {
    static let secureCookies = Setting(
        flag: "secure-cookies", variable: "LIAISON_SECURE_COOKIES", defaultValue: false, shownDefault: "false",
        meaning: "true when served over TLS, directly or behind a proxy: Secure, __Host- cookies",
        commands: .serve, parse: parseBoolean, keyPath: \.secureCookies,
        examples: SettingExamples(good: "true", bad: "banana"))

    static let refuseSuperuser = Setting(
        flag: "refuse-superuser", variable: "LIAISON_REFUSE_SUPERUSER", defaultValue: false, shownDefault: "false",
        meaning: "true to refuse to start on PostgreSQL as a superuser role rather than only warn",
        commands: .serve, parse: parseBoolean, keyPath: \.refuseSuperuser,
        examples: SettingExamples(good: "yes", bad: "sometimes"))

    private static func parseBoolean(_ text: String) throws(SettingRefusal) -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw .mustBe("true or false", got: text)
        }
    }
}

extension Setting where Value == [String] {
    static let trustedProxy = Setting(
        flag: "trusted-proxy", variable: "LIAISON_TRUSTED_PROXY", defaultValue: [], shownDefault: "none",
        meaning: """
            The reverse proxies' IP addresses, comma-separated: only their X-Forwarded-For names the client, for \
            rate limits and the audit trail
            """,
        commands: .serve,
        parse: { (text: String) throws(SettingRefusal) in
            let proxies = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            if proxies.isEmpty || !proxies.allSatisfy(isIPAddress) {
                throw .mustBe("the IP addresses of the reverse proxies, separated by commas", got: text)
            }
            return proxies
        },
        keyPath: \.trustedProxies,
        examples: SettingExamples(good: "10.0.0.5, ::1", bad: "proxy.internal"))

    /// An IPv4 address (four numbers to 255) or an IPv6 address, as the server sees its peers.
    static func isIPAddress(_ text: String) -> Bool {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        return inet_pton(AF_INET, text, &ipv4) == 1 || inet_pton(AF_INET6, text, &ipv6) == 1
    }
}

extension Configuration {
    /// Every setting, in the order the README lists them.
    static let settings: [any AnySetting] = [
        Setting.database, Setting.databasePoolSize, Setting.host, Setting.port, Setting.regions, Setting.logLevel,
        Setting.secureCookies, Setting.trustedProxy, Setting.refuseSuperuser, Setting.searchLimit, Setting.exportLimit,
        Setting.publicURL, Setting.smtp, Setting.smtpFrom, Setting.smtpCAFile, Setting.smtpDigestHour,
    ]
}

// MARK: Mail

extension Setting where Value == SMTPServer? {
    static let smtp = Setting(
        flag: "smtp", variable: "LIAISON_SMTP", defaultValue: nil, shownDefault: "none",
        meaning: """
            The mail server: smtp://user:password@host:587 (STARTTLS, required), smtps://user:password@host:465 \
            (TLS), or smtp://localhost:25?tls=none (in clear, this machine only); none sends no mail
            """,
        commands: .mail,
        parse: { (text: String) throws(SettingRefusal) in
            do throws(SMTPURLError) {
                return try SMTPServer.parse(text)
            } catch {
                throw SettingRefusal(afterName: " " + error.description + ".")
            }
        },
        keyPath: \.smtp,
        examples: SettingExamples(good: "smtp://127.0.0.1:2525?tls=none", bad: "smtp://mail.example.org?tls=none"))
}

extension Setting where Value == MailAddress? {
    static let smtpFrom = Setting(
        flag: "smtp-from", variable: "LIAISON_SMTP_FROM", defaultValue: nil, shownDefault: "none",
        meaning: "The sender of Liaison's mail, such as Liaison <liaison@example.org>; required with --smtp",
        commands: .mail,
        parse: { (text: String) throws(SettingRefusal) in
            guard let address = MailAddress.parse(text) else {
                throw .mustBe("an address such as liaison@example.org or Liaison <liaison@example.org>", got: text)
            }
            return address
        },
        keyPath: \.smtpFrom,
        examples: SettingExamples(good: "Liaison <liaison@example.org>", bad: "liaison at example.org"))
}

extension Setting where Value == String? {
    static let smtpCAFile = Setting(
        flag: "smtp-ca-file", variable: "LIAISON_SMTP_CA_FILE", defaultValue: nil, shownDefault: "none",
        meaning: "A PEM file of the certificate authorities to trust for the mail server instead of the system's",
        commands: .mail,
        parse: { (text: String) throws(SettingRefusal) in
            guard !text.isEmpty, !text.contains(where: \.isNewline) else {
                throw .mustBe("the path of a PEM file", got: text)
            }
            return text
        },
        keyPath: \.smtpCAFile,
        examples: SettingExamples(good: "/etc/liaison/mail-ca.pem", bad: ""))

    static let publicURL = Setting(
        flag: "public-url", variable: "LIAISON_PUBLIC_URL", defaultValue: nil, shownDefault: "none",
        meaning: "The address people reach Liaison at, such as https://liaison.example.org, for links in mail",
        commands: .mail,
        parse: { (text: String) throws(SettingRefusal) in
            guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
                scheme == "https" || scheme == "http", url.host?.isEmpty == false, url.query == nil,
                url.fragment == nil, url.user == nil
            else {
                throw .mustBe("an http or https address such as https://liaison.example.org", got: text)
            }
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        },
        keyPath: \.publicURL,
        examples: SettingExamples(good: "https://liaison.example.org", bad: "liaison.example.org"))
}

extension Setting where Value == Int? {
    static let smtpDigestHour = Setting(
        flag: "smtp-digest-hour", variable: "LIAISON_SMTP_DIGEST_HOUR", defaultValue: 7, shownDefault: "7",
        meaning: """
            The hour (0 to 23) from which each member of staff gets the day's digest, in their own zone (the \
            server's when they have none); off for none
            """,
        commands: .mail,
        parse: { (text: String) throws(SettingRefusal) in
            if ["off", "none"].contains(text.lowercased()) { return nil }
            guard let hour = Int(text), (0...23).contains(hour) else {
                throw .mustBe("an hour from 0 to 23, or off", got: text)
            }
            return hour
        },
        keyPath: \.smtpDigestHour,
        examples: SettingExamples(good: "18", bad: "25"))
}
