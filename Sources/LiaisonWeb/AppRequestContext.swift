import Hummingbird
import LiaisonCore

/// The context every request carries through Liaison's middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware when the request carries a live session or token.
    var identity: Identity?
    /// The client's IP address, for the audit trail and rate limits: the peer's, or the one a trusted
    /// proxy forwarded (set by `ClientAddressMiddleware`).
    var remoteAddress: String?
    /// The address the connection came from, whoever it is.
    let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.remoteAddress = peerAddress
    }

    /// Bodies are forms and JSON records: a megabyte is generous, and anything larger is refused with 413.
    public var maxUploadSize: Int { 1_048_576 }

    /// The record id from the path; anything but a positive whole number is a record that cannot exist (404).
    func recordID() throws -> Int64 {
        let raw = parameters.get("id") ?? ""
        guard let id = Int64(raw), id > 0 else {
            throw Problem(.notFound, type: "not-found", title: "Not found.", detail: "\"\(raw)\" is not a record id.")
        }
        return id
    }

    /// The audit actor for changes made in this request.
    var actor: AuditActor {
        identity?.actor(address: remoteAddress) ?? AuditActor(accountId: nil, name: "anonymous", address: remoteAddress)
    }
}
