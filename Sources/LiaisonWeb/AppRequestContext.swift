import Hummingbird
import LiaisonCore

/// The context every request carries through Liaison's middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware when the request carries a live session or token.
    var identity: Identity?
    /// The client's IP address, for the audit trail and sign-in throttling.
    let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
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
