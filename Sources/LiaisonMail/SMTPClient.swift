import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// What sending mail needs: the server, the sender, the certificates to trust and the time limits.
public struct SMTPSettings: Sendable {
    public var server: SMTPServer
    public var from: MailAddress
    /// A PEM file of the certificate authorities to trust instead of the system's (a private mail server's).
    public var caFile: String?
    public var connectTimeout: TimeAmount = .seconds(10)
    /// The longest wait for any one reply (RFC 5321 §4.5.3.2 allows servers minutes; mail here is small).
    public var replyTimeout: TimeAmount = .seconds(60)
    /// The name Liaison gives in EHLO.
    public var clientName: String = "liaison.invalid"

    public init(server: SMTPServer, from: MailAddress, caFile: String? = nil) {
        self.server = server
        self.from = from
        self.caFile = caFile
    }
}

/// Liaison's SMTP client (RFC 5321), on SwiftNIO: one connection for a batch of messages, STARTTLS (RFC 3207)
/// or implicit TLS (RFC 8314) with the certificate and host name checked, AUTH PLAIN or LOGIN over TLS only.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    private let tls: NIOSSLContext?

    /// Fails when the CA file cannot be read.
    public init(settings: SMTPSettings) throws {
        self.settings = settings
        if settings.server.security == .none {
            tls = nil
        } else {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let caFile = settings.caFile {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            }
            tls = try NIOSSLContext(configuration: configuration)
        }
    }

    /// Sends each message in turn over one connection. The result has one entry per message: nil when the
    /// server took it, else why not (a message refused does not stop the others; a connection lost fails the
    /// rest). Throws, having sent nothing, when no conversation could be opened.
    public func send(_ messages: [MailMessage], logger: Logger) async throws(SMTPError) -> [SMTPError?] {
        let channel = try await connect()
        let session: Session
        do throws(SMTPError) {
            session = try await open(channel)
        } catch {
            try? await channel.close()
            throw error
        }
        var outcomes: [SMTPError?] = []
        for message in messages {
            do throws(SMTPError) {
                try await transfer(message, on: channel, utf8: session.utf8)
                outcomes.append(nil)
            } catch {
                logger.warning("Mail to \(message.to.address) not sent: \(error)")
                outcomes.append(error)
                guard case .refused = error else { break }
                _ = try? await command(channel, "RSET", step: "RSET")
            }
        }
        if outcomes.count < messages.count {
            outcomes += Array(repeating: SMTPError.connectionClosed, count: messages.count - outcomes.count)
        } else {
            _ = try? await command(channel, "QUIT", step: "QUIT")
        }
        try? await channel.close()
        return outcomes
    }

    // MARK: The conversation

    private func connect() async throws(SMTPError) -> any Channel {
        let server = settings.server
        let timeout = settings.replyTimeout
        let tls = server.security == .implicitTLS ? tls : nil
        // The handler is in place before the first byte can arrive, so it must exist with its promise first.
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let greeting = loop.makePromise(of: SMTPReply.self)
        let channel: any Channel
        do {
            let bootstrap = ClientBootstrap(group: loop)
                .connectTimeout(settings.connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(Self.tlsHandler(tls, host: server.host))
                        }
                        try channel.pipeline.syncOperations.addHandler(
                            SMTPClientHandler(greeting: greeting, replyTimeout: timeout))
                    }
                }
            channel = try await bootstrap.connect(host: server.host, port: server.port).get()
        } catch {
            let failure = SMTPError.cannotConnect("\(server.host):\(server.port): \(error)")
            greeting.fail(failure)
            throw failure
        }
        let reply = try await wait(greeting, step: "the greeting")
        guard reply.code == 220 else {
            try? await channel.close()
            throw .refused(step: "the connection", reply: reply)
        }
        return channel
    }

    private static func tlsHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        // An address is checked against the certificate's IP entries; only a name goes in SNI.
        let isAddress = SocketAddressCheck.isIPAddress(host)
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }

    private struct Session {
        var utf8: Bool
    }

    private func open(_ channel: any Channel) async throws(SMTPError) -> Session {
        var capabilities = try await hello(channel)
        var encrypted = settings.server.security == .implicitTLS
        if settings.server.security == .startTLS {
            guard capabilities.contains("STARTTLS") else { throw .startTLSNotOffered }
            let reply = try await command(channel, "STARTTLS", step: "STARTTLS", upgradesToTLS: true)
            guard reply.code == 220 else { throw .refused(step: "STARTTLS", reply: reply) }
            guard let tls else { throw .protocolViolation("no TLS context") }
            let host = settings.server.host
            do {
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(Self.tlsHandler(tls, host: host), position: .first)
                }.get()
            } catch {
                throw .protocolViolation("TLS: \(error)")
            }
            encrypted = true
            // RFC 3207 §4.2: forget what was said in clear and ask again.
            capabilities = try await hello(channel)
        }
        if let username = settings.server.username, let password = settings.server.password {
            guard encrypted else { throw .cannotAuthenticate("Liaison signs in over TLS only") }
            try await authenticate(channel, capabilities: capabilities, username: username, password: password)
        }
        return Session(utf8: capabilities.contains("SMTPUTF8"))
    }

    /// EHLO; the capabilities the server lists, upper-cased (`STARTTLS`, `AUTH PLAIN LOGIN`…).
    private func hello(_ channel: any Channel) async throws(SMTPError) -> Set<String> {
        let reply = try await command(channel, "EHLO \(settings.clientName)", step: "EHLO")
        guard reply.code == 250 else { throw .refused(step: "EHLO", reply: reply) }
        var capabilities: Set<String> = []
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(separator: " ")
            guard let first = words.first else { continue }
            capabilities.insert(String(first))
            if first == "AUTH" { words.dropFirst().forEach { capabilities.insert("AUTH \($0)") } }
        }
        return capabilities
    }

    private func authenticate(
        _ channel: any Channel, capabilities: Set<String>, username: String, password: String
    ) async throws(SMTPError) {
        let base64 = { (text: String) in Data(text.utf8).base64EncodedString() }
        if capabilities.contains("AUTH PLAIN") {
            let reply = try await command(
                channel, "AUTH PLAIN " + base64("\0\(username)\0\(password)"), step: "AUTH PLAIN")
            guard reply.code == 235 else { throw .refused(step: "AUTH PLAIN", reply: reply) }
        } else if capabilities.contains("AUTH LOGIN") {
            for (line, step) in [("AUTH LOGIN", "AUTH LOGIN"), (base64(username), "the user name")] {
                let reply = try await command(channel, line, step: step)
                guard reply.code == 334 else { throw .refused(step: step, reply: reply) }
            }
            let reply = try await command(channel, base64(password), step: "the password")
            guard reply.code == 235 else { throw .refused(step: "AUTH LOGIN", reply: reply) }
        } else {
            throw .cannotAuthenticate("the server offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    private func transfer(_ message: MailMessage, on channel: any Channel, utf8: Bool) async throws(SMTPError) {
        let needsUTF8 = !message.from.isASCII || !message.to.isASCII
        if needsUTF8 && !utf8 {
            throw .refused(
                step: "MAIL FROM",
                reply: SMTPReply(code: 553, lines: ["the server does not take addresses outside ASCII (SMTPUTF8)"]))
        }
        let mail = try await command(
            channel, "MAIL FROM:<\(message.from.address)>" + (needsUTF8 ? " SMTPUTF8" : ""), step: "MAIL FROM")
        guard mail.code == 250 else { throw .refused(step: "MAIL FROM", reply: mail) }
        let rcpt = try await command(channel, "RCPT TO:<\(message.to.address)>", step: "RCPT TO")
        guard rcpt.code == 250 || rcpt.code == 251 else { throw .refused(step: "RCPT TO", reply: rcpt) }
        let data = try await command(channel, "DATA", step: "DATA")
        guard data.code == 354 else { throw .refused(step: "DATA", reply: data) }
        let done = try await send(
            channel, bytes: Array(Self.dataBlock(message.rendered()).utf8), step: "the message's data")
        guard done.code == 250 else { throw .refused(step: "the message", reply: done) }
    }

    /// The message as DATA carries it: CRLF line endings, a `.` doubled at the start of a line (RFC 5321
    /// §4.5.2), and the closing `.` line.
    public static func dataBlock(_ rendered: String) -> String {
        let lines = rendered.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        var body = lines.last == "" ? Array(lines.dropLast()) : Array(lines)
        body = body.map { $0.hasPrefix(".") ? "." + $0 : $0 }
        return body.map { $0 + "\r\n" }.joined() + ".\r\n"
    }

    private func command(
        _ channel: any Channel, _ line: String, step: String, upgradesToTLS: Bool = false
    ) async throws(SMTPError) -> SMTPReply {
        try await send(channel, bytes: Array((line + "\r\n").utf8), step: step, upgradesToTLS: upgradesToTLS)
    }

    private func send(
        _ channel: any Channel, bytes: [UInt8], step: String, upgradesToTLS: Bool = false
    ) async throws(SMTPError) -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let command = SMTPCommand(bytes: bytes, step: step, reply: promise, upgradesToTLS: upgradesToTLS)
        // A write that fails (a closed connection) fails the reply too: nothing waits forever.
        channel.writeAndFlush(command).whenFailure { promise.fail($0) }
        return try await wait(promise, step: step)
    }

    private func wait(_ promise: EventLoopPromise<SMTPReply>, step: String) async throws(SMTPError) -> SMTPReply {
        do {
            return try await promise.futureResult.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw .protocolViolation("\(step): \(error)")
        }
    }
}

/// Whether a host is written as an IP address rather than a name.
enum SocketAddressCheck {
    static func isIPAddress(_ host: String) -> Bool {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        return inet_pton(AF_INET, host, &ipv4) == 1 || inet_pton(AF_INET6, host, &ipv6) == 1
    }
}

/// What sends messages: Liaison's SMTP client, or a stand-in in tests.
public protocol MailTransport: Sendable {
    /// One entry per message: nil when it was taken, else why not; throws when nothing more could be sent.
    func send(_ messages: [MailMessage], logger: Logger) async throws(SMTPError) -> [SMTPError?]
    /// Where the mail goes, for logs and the test message (no password).
    var destination: String { get }
}

extension SMTPClient: MailTransport {
    public var destination: String { settings.server.description }
}
