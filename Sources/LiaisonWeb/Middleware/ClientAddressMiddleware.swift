import Foundation
import Hummingbird

/// Finds the client's address. Behind a reverse proxy every connection comes from the proxy, which names
/// the client in `X-Forwarded-For`; that header is believed only from the proxies the deployment names
/// (`--trusted-proxy`), since anyone else could write any address in it.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: Set<String>

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let peer = context.peerAddress, trustedProxies.contains(peer) {
            let forwarded = request.headers[values: .init("X-Forwarded-For")!].joined(separator: ",")
            context.remoteAddress = Self.client(forwardedFor: forwarded, trusted: trustedProxies) ?? peer
        }
        return try await next(request, context)
    }

    /// The right-most address that is not one of our proxies: the one our first proxy saw connect. Entries
    /// further left were written by the client and prove nothing. Nil when there is no usable address.
    static func client(forwardedFor header: String, trusted: Set<String>) -> String? {
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard isAddress(hop) else { return nil }
            if !trusted.contains(hop) { return hop }
        }
        return nil
    }

    /// An IPv4 or IPv6 address as text, bounded: digits, hex letters, dots and colons only.
    static func isAddress(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 45
            && text.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == "." || $0 == ":" }
            && (text.contains(".") || text.contains(":"))
    }
}
