import Foundation

/// Where and how to reach PostgreSQL, read from a `postgres://user:password@host:port/database?...` URL.
/// Query parameters: `sslmode` (disable, prefer, require, verify-full; default prefer), `sslrootcert` (a PEM
/// file of the certificate authorities to trust, for verify-full with a private CA), `pool` (connections
/// per app server, default 20) and `schema` (the schema Liaison's tables live in, default public; one
/// database can hold several networks, one schema each).
public struct PostgresSettings: Sendable, Hashable {
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    public var rootCertificatePath: String?
    public var poolSize: Int
    public var schema: String?

    public static let defaultPoolSize = 20

    /// A bad URL, naming the part that is wrong and never showing the password.
    public struct URLError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// True when `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String) throws {
        guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
            throw URLError(
                description:
                    "The database URL must look like postgres://user:password@host:5432/database; got \(Self.redact(text))."
            )
        }
        var problems: [String] = []
        let host = components.host ?? ""
        if host.isEmpty { problems.append("it names no host (postgres://user:password@HOST:5432/database)") }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? ""
        if user.isEmpty { problems.append("it names no user (postgres://USER:password@host:5432/database)") }
        let database = String(components.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
        if database.isEmpty || database.contains("/") {
            problems.append("it names no database (postgres://user:password@host:5432/DATABASE)")
        }
        var settings = (tls: TLSMode.prefer, root: String?.none, pool: Self.defaultPoolSize, schema: String?.none)
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                if let mode = TLSMode(rawValue: value) {
                    settings.tls = mode
                } else {
                    problems.append(
                        "sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(value)\""
                    )
                }
            case "sslrootcert":
                settings.root = value
                if !FileManager.default.isReadableFile(atPath: value) {
                    problems.append("sslrootcert names no readable file: \(value)")
                }
            case "pool":
                if let size = Int(value), (1...500).contains(size) {
                    settings.pool = size
                } else {
                    problems.append("pool must be a number of connections from 1 to 500; got \"\(value)\"")
                }
            case "schema":
                if value.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil {
                    settings.schema = value
                } else {
                    problems.append(
                        "schema must be lowercase letters, digits and underscores, starting with a letter; got \"\(value)\""
                    )
                }
            default:
                problems.append(
                    "unknown parameter \"\(item.name)\" (known: sslmode, sslrootcert, pool, schema)")
            }
        }
        if !problems.isEmpty {
            throw URLError(
                description: "The database URL \(Self.redact(text)) is not usable: \(problems.joined(separator: "; "))."
            )
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password.flatMap { $0.removingPercentEncoding }
        self.database = database
        self.tls = settings.tls
        self.rootCertificatePath = settings.root
        self.poolSize = settings.pool
        self.schema = settings.schema
    }

    /// The URL as it may be shown in logs and messages: the password replaced by ***.
    public var redacted: String {
        "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
            + (schema.map { "?schema=\($0)" } ?? "")
    }

    /// `text` with anything between "://user:" and "@" hidden.
    public static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", options: .backwards),
            scheme.upperBound < at.lowerBound
        else { return text }
        let credentials = text[scheme.upperBound..<at.lowerBound]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at.lowerBound...])
    }
}
