import NIOCore
import NIOSSL

/// What the client writes: the bytes of one command (or of a message's data) and the promise of its reply.
struct SMTPCommand {
    let bytes: [UInt8]
    /// The step, for messages: `MAIL FROM`, `DATA`…
    let step: String
    let reply: EventLoopPromise<SMTPReply>
    /// STARTTLS: nothing may follow the server's reply in clear (RFC 3207 §5; CVE-2011-0411).
    let upgradesToTLS: Bool
}

/// Matches each reply to the command that asked for it, one at a time (no pipelining), with a time limit on
/// every reply. Any failure (a timeout, a closed connection, a TLS error, a stray reply) fails whatever waits
/// and closes the connection.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPCommand
    typealias OutboundOut = ByteBuffer

    private var waiting: [(step: String, promise: EventLoopPromise<SMTPReply>, upgrades: Bool)] = []
    private var received: [UInt8] = []
    private var timer: Scheduled<Void>?
    private let replyTimeout: TimeAmount
    private var failure: SMTPError?

    /// `greeting` gets the server's first reply.
    init(greeting: EventLoopPromise<SMTPReply>, replyTimeout: TimeAmount) {
        waiting = [("the greeting", greeting, false)]
        self.replyTimeout = replyTimeout
    }

    // The greeting's time starts once connected (the connection has its own limit), TLS handshake included.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context: context)
        context.fireChannelActive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let command = unwrapOutboundIn(data)
        if let failure {
            command.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        waiting.append((command.step, command.reply, command.upgradesToTLS))
        if waiting.count == 1 { startTimer(context: context) }
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: command.bytes)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        do {
            for reply in try SMTPReply.take(from: &received) {
                guard !waiting.isEmpty else { throw SMTPError.protocolViolation("a reply nobody asked for: \(reply)") }
                let next = waiting.removeFirst()
                if next.upgrades && !received.isEmpty {
                    throw SMTPError.protocolViolation("the server sent more after agreeing to STARTTLS")
                }
                timer?.cancel()
                if !waiting.isEmpty { startTimer(context: context) }
                next.promise.succeed(reply)
            }
        } catch let error as SMTPError {
            fail(context: context, error)
        } catch {
            fail(context: context, .protocolViolation("\(error)"))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let failure: SMTPError =
            switch error {
            case let error as SMTPError: error
            case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError: .tlsFailed("\(error)")
            default: .protocolViolation("\(error)")
            }
        fail(context: context, failure)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        let error = failure ?? .connectionClosed
        failure = error
        failWaiting(error)
        context.fireChannelInactive()
    }

    private func startTimer(context: ChannelHandlerContext) {
        timer?.cancel()
        let step = waiting.first?.step ?? "the last step"
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: replyTimeout) {
            let (handler, context) = loopBound.value
            handler.fail(context: context, .timeout(after: step))
        }
    }

    private func fail(context: ChannelHandlerContext, _ error: SMTPError) {
        timer?.cancel()
        if failure == nil { failure = error }
        failWaiting(failure ?? error)
        context.close(promise: nil)
    }

    private func failWaiting(_ error: SMTPError) {
        let pending = waiting
        waiting = []
        for entry in pending { entry.promise.fail(error) }
    }
}
