/// Why a message was not sent. `isPermanent` says whether another try could succeed.
public enum SMTPError: Error, Sendable, CustomStringConvertible {
    /// No connection within the time allowed, or none at all.
    case cannotConnect(String)
    /// No reply within the time allowed, after the named step.
    case timeout(after: String)
    /// The server answered a step with an error.
    case refused(step: String, reply: SMTPReply)
    /// The server offers no STARTTLS, and Liaison does not send in clear unless told to.
    case startTLSNotOffered
    /// The server offers no way of signing in that Liaison speaks, or signing in was asked for without TLS.
    case cannotAuthenticate(String)
    /// The server does not speak SMTP as RFC 5321 says.
    case protocolViolation(String)
    /// The TLS handshake failed: an untrusted certificate, a name that does not match, no common version.
    case tlsFailed(String)
    /// The connection closed before the conversation ended.
    case connectionClosed

    public var isPermanent: Bool {
        if case .refused(_, let reply) = self { return reply.isPermanentFailure }
        return false
    }

    public var description: String {
        switch self {
        case .cannotConnect(let reason): "cannot connect to the mail server: \(reason)"
        case .timeout(let step): "the mail server did not answer in time (after \(step))"
        case .refused(let step, let reply): "the mail server refused \(step): \(reply)"
        case .startTLSNotOffered:
            "the mail server does not offer STARTTLS; nothing was sent in clear (use smtps:// for implicit TLS)"
        case .cannotAuthenticate(let reason): "cannot sign in to the mail server: \(reason)"
        case .protocolViolation(let reason): "mail server protocol error: \(reason)"
        case .tlsFailed(let reason): "TLS with the mail server failed (is its certificate trusted?): \(reason)"
        case .connectionClosed: "the mail server closed the connection"
        }
    }
}
