import Foundation

/// Where mail goes and how: read from a URL such as `smtp://user:password@mail.example.org:587`.
///
/// - `smtp://…` upgrades with STARTTLS (port 587 unless given) and refuses to send if the server does not
///   offer it;
/// - `smtps://…` speaks TLS from the first byte (port 465 unless given);
/// - `smtp://host:25?tls=none` sends in clear, to a loopback host only (a relay on the same machine).
///
/// The user and the password are percent-decoded, so either may hold `@`, `:` or `/` written as `%40`, `%3A`, `%2F`.
public struct SMTPServer: Sendable, Hashable, CustomStringConvertible {
    public enum Security: String, Sendable, Hashable {
        case startTLS, implicitTLS, none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
    }

    /// The URL without its password, for logs and messages.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0)@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(user)\(shownHost):\(port)" + (security == .none ? "?tls=none" : "")
    }

    /// True for a host name or address that can only be this machine; no name is looked up.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Reads a URL, or says which rule it breaks.
    public static func parse(_ text: String) throws(SMTPURLError) -> SMTPServer {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "smtp" || scheme == "smtps"
        else {
            throw SMTPURLError("must be a URL such as smtp://user:password@mail.example.org:587 or smtps://…:465")
        }
        var host = url.percentEncodedHost ?? ""
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.removingPercentEncoding == host else {
            throw SMTPURLError("must name the mail server's host, as in smtp://mail.example.org:587")
        }
        guard url.percentEncodedPath.isEmpty || url.percentEncodedPath == "/" else {
            throw SMTPURLError("must have no path after the host and port")
        }
        var plain = false
        for item in url.queryItems ?? [] {
            switch (item.name, item.value?.lowercased()) {
            case ("tls", "none"): plain = true
            case ("tls", "starttls"): plain = false
            default:
                throw SMTPURLError("takes only ?tls=none or ?tls=starttls; got \"\(item.name)=\(item.value ?? "")\"")
            }
        }
        let security: Security
        switch (scheme, plain) {
        case ("smtps", true): throw SMTPURLError("cannot be smtps:// with ?tls=none")
        case ("smtps", _): security = .implicitTLS
        case (_, true): security = .none
        default: security = .startTLS
        }
        if security == .none && !isLoopback(host) {
            throw SMTPURLError(
                "may send in clear (?tls=none) only to this machine (localhost, 127.0.0.1 or ::1); got \(host)")
        }
        let port = url.port ?? (security == .implicitTLS ? 465 : security == .none ? 25 : 587)
        guard (1...65535).contains(port) else { throw SMTPURLError("must have a port from 1 to 65535") }
        let username = url.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        let password = url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if url.percentEncodedUser != nil && username == nil || url.percentEncodedPassword != nil && password == nil {
            throw SMTPURLError("has a user or password that is not valid percent-encoding")
        }
        if password != nil && (username ?? "").isEmpty {
            throw SMTPURLError("has a password without a user")
        }
        if let username, let password, (username + password).contains(where: { $0 == "\0" || $0.isNewline }) {
            throw SMTPURLError("has a user or password with a control character")
        }
        return SMTPServer(
            host: host, port: port, security: security, username: username?.isEmpty == true ? nil : username,
            password: password)
    }
}

/// Why an SMTP URL is refused: the words that follow the setting's name.
public struct SMTPURLError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
