import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import LiaisonMail

/// A small SMTP server in the test process, scripted to misbehave as asked; it records what it is told.
final class FakeSMTPServer: Sendable {
    struct Script: Sendable {
        var greets = true
        var offersStartTLS = false
        var refusedRecipient: String?
        /// Hangs up at the MAIL FROM that follows this many messages.
        var hangsUpAfter: Int?
    }

    let channel: any Channel
    let log: NIOLockedValueBox<[String]>
    let messages: NIOLockedValueBox<[String]>

    var port: Int { channel.localAddress?.port ?? 0 }

    init(_ script: Script) async throws {
        let log = NIOLockedValueBox<[String]>([])
        let messages = NIOLockedValueBox<[String]>([])
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        FakeSMTPHandler(script: script, log: log, messages: messages))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.log = log
        self.messages = messages
    }

    func stop() async throws { try await channel.close() }
}

final class FakeSMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let script: FakeSMTPServer.Script
    let log: NIOLockedValueBox<[String]>
    let messages: NIOLockedValueBox<[String]>
    var pending = ""
    var data: String?

    init(script: FakeSMTPServer.Script, log: NIOLockedValueBox<[String]>, messages: NIOLockedValueBox<[String]>) {
        self.script = script
        self.log = log
        self.messages = messages
    }

    func channelActive(context: ChannelHandlerContext) {
        if script.greets { say(context, "220 fake.example.org ESMTP") }
    }

    func channelRead(context: ChannelHandlerContext, data bytes: NIOAny) {
        var buffer = unwrapInboundIn(bytes)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending.removeSubrange(..<end.upperBound)
            handle(line, context)
        }
    }

    func handle(_ line: String, _ context: ChannelHandlerContext) {
        if var body = data {
            if line == "." {
                messages.withLockedValue { $0.append(body) }
                data = nil
                say(context, "250 2.0.0 queued")
            } else {
                body += line + "\r\n"
                data = body
            }
            return
        }
        log.withLockedValue { $0.append(line) }
        let verb = line.uppercased()
        if verb.hasPrefix("EHLO") {
            say(
                context,
                "250-fake.example.org\r\n250-SIZE 1000000\r\n" + (script.offersStartTLS ? "250-STARTTLS\r\n" : "")
                    + "250 8BITMIME")
        } else if verb.hasPrefix("MAIL FROM:"), let limit = script.hangsUpAfter,
            messages.withLockedValue({ $0.count }) >= limit
        {
            context.close(promise: nil)
        } else if verb.hasPrefix("MAIL FROM:") || verb == "RSET" {
            say(context, "250 2.1.0 ok")
        } else if verb.hasPrefix("RCPT TO:") {
            let refused = script.refusedRecipient.map { line.contains("<\($0)>") } ?? false
            say(context, refused ? "550 5.1.1 no such user" : "250 2.1.5 ok")
        } else if verb == "DATA" {
            data = ""
            say(context, "354 go ahead")
        } else if verb == "QUIT" {
            say(context, "221 bye")
            context.close(promise: nil)
        } else {
            say(context, "502 5.5.2 not here")
        }
    }

    func say(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
    }
}

@Suite struct SMTPConversationTests {
    let from = MailAddress("liaison@example.org", name: "Liaison")!
    let logger = Logger(label: "test")

    func client(port: Int, security: SMTPServer.Security = .none, replyTimeout: TimeAmount = .seconds(5)) throws
        -> SMTPClient
    {
        var settings = SMTPSettings(server: SMTPServer(host: "127.0.0.1", port: port, security: security), from: from)
        settings.replyTimeout = replyTimeout
        return try SMTPClient(settings: settings)
    }

    func message(to address: String, _ text: String = "Hello") -> MailMessage {
        MailMessage(from: from, to: MailAddress(address)!, subject: "Test", text: text)
    }

    @Test func messagesGoOverOneConnectionAndARefusedRecipientDoesNotStopTheOthers() async throws {
        let server = try await FakeSMTPServer(.init(refusedRecipient: "gone@example.org"))
        let outcomes = try await client(port: server.port).send(
            [
                message(to: "agnes@example.org", ".a line with a dot\nand é"), message(to: "gone@example.org"),
                message(to: "lead@example.org"),
            ], logger: logger)
        #expect(outcomes.count == 3)
        #expect(outcomes[0] == nil && outcomes[2] == nil)
        if case .refused(let step, let reply) = outcomes[1] {
            #expect(step == "RCPT TO" && reply.code == 550)
        } else {
            Issue.record("the second message should be refused: \(String(describing: outcomes[1]))")
        }
        try await Task.sleep(for: .milliseconds(100))
        let log = server.log.withLockedValue { $0 }
        #expect(log.first == "EHLO liaison.invalid")
        #expect(log.filter { $0 == "MAIL FROM:<liaison@example.org>" }.count == 3)
        #expect(log.contains("RCPT TO:<agnes@example.org>") && log.contains("RSET") && log.last == "QUIT")
        let messages = server.messages.withLockedValue { $0 }
        #expect(messages.count == 2)
        #expect(messages.first?.contains("\r\n..a line with a dot\r\n") == true)
        #expect(messages.first?.contains("To: agnes@example.org\r\n") == true)
        try await server.stop()
    }

    @Test func aConnectionLostHalfWaySaysWhichMessagesWent() async throws {
        let server = try await FakeSMTPServer(.init(hangsUpAfter: 1))
        let outcomes = try await client(port: server.port).send(
            [message(to: "agnes@example.org"), message(to: "lead@example.org"), message(to: "chen@example.org")],
            logger: logger)
        #expect(outcomes.count == 3)
        #expect(outcomes[0] == nil && outcomes[1] != nil && outcomes[2] != nil)
        #expect(server.messages.withLockedValue { $0.count } == 1)
        try await server.stop()
    }

    @Test func aServerWithoutSTARTTLSGetsNothingInClear() async throws {
        let server = try await FakeSMTPServer(.init(offersStartTLS: false))
        await #expect(throws: SMTPError.self) {
            _ = try await client(port: server.port, security: .startTLS).send(
                [message(to: "agnes@example.org")], logger: logger)
        }
        do {
            _ = try await client(port: server.port, security: .startTLS).send(
                [message(to: "agnes@example.org")], logger: logger)
        } catch {
            guard case .startTLSNotOffered? = error as? SMTPError else {
                Issue.record("expected startTLSNotOffered, got \(error)")
                return
            }
        }
        let log = server.log.withLockedValue { $0 }
        #expect(!log.contains { $0.hasPrefix("MAIL") || $0.hasPrefix("RCPT") || $0.hasPrefix("AUTH") })
        #expect(server.messages.withLockedValue { $0 }.isEmpty)
        try await server.stop()
    }

    @Test func credentialsAreNeverSentWithoutTLS() async throws {
        let server = try await FakeSMTPServer(.init())
        var settings = SMTPSettings(
            server: SMTPServer(
                host: "127.0.0.1", port: server.port, security: .none, username: "liaison", password: "secret"),
            from: from)
        settings.replyTimeout = .seconds(5)
        do {
            _ = try await SMTPClient(settings: settings).send([message(to: "agnes@example.org")], logger: logger)
            Issue.record("sent with credentials in clear")
        } catch {
            guard case .cannotAuthenticate? = error as? SMTPError else {
                Issue.record("expected cannotAuthenticate, got \(error)")
                return
            }
        }
        #expect(!server.log.withLockedValue { $0 }.contains { $0.hasPrefix("AUTH") })
        try await server.stop()
    }

    @Test func aSilentServerTimesOut() async throws {
        let server = try await FakeSMTPServer(.init(greets: false))
        let started = ContinuousClock.now
        do {
            _ = try await client(port: server.port, replyTimeout: .milliseconds(300)).send(
                [message(to: "agnes@example.org")], logger: logger)
            Issue.record("a silent server was taken for a working one")
        } catch {
            guard case .timeout? = error as? SMTPError else {
                Issue.record("expected a timeout, got \(error)")
                return
            }
        }
        // The configured 300 ms, not the default minute. Bounded loosely: on a machine busy with other tests
        // the event loop that fires the timer may be late by many seconds.
        #expect(ContinuousClock.now - started < .seconds(50))
        try await server.stop()
    }

    @Test func noServerIsACleanError() async throws {
        let server = try await FakeSMTPServer(.init())
        let port = server.port
        try await server.stop()
        do {
            _ = try await client(port: port).send([message(to: "agnes@example.org")], logger: logger)
            Issue.record("sent to nobody")
        } catch {
            guard case .cannotConnect? = error as? SMTPError else {
                Issue.record("expected cannotConnect, got \(error)")
                return
            }
        }
    }

    @Test func repliesAreReadWholeAcrossLinesAndPackets() throws {
        var bytes = Array("250-first\r\n250-SIZE 10\r\n250 last\r\n354 go\r\n220".utf8)
        let replies = try SMTPReply.take(from: &bytes)
        #expect(
            replies == [
                SMTPReply(code: 250, lines: ["first", "SIZE 10", "last"]), SMTPReply(code: 354, lines: ["go"]),
            ])
        #expect(bytes == Array("220".utf8))
        var junk = Array("hello there\r\n".utf8)
        #expect(throws: SMTPError.self) { try SMTPReply.take(from: &junk) }
    }
}
