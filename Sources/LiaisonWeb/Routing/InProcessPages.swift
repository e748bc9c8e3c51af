import Foundation
import HTTPTypes
import Hummingbird
import LiaisonStore
import Logging
import NIOCore
import NIOEmbedded
import Synchronization

/// Pages answered in process, through the router, middleware and handlers the server runs (everything but the
/// socket and the HTTP parsing), for `liaison bench`: what a page costs the app itself, whatever else the
/// machine does to carry it.
public struct InProcessPages: Sendable {
    private let responder: RouterResponder<AppRequestContext>
    private let logger: Logger

    public init(settings: WebSettings, store: any LiaisonStore, logger: Logger) async throws {
        self.responder = try await buildRouter(settings: settings, store: store).0.buildResponder()
        self.logger = logger
    }

    /// GETs `path` as the holder of the API token `token`; the status and the size of the page.
    public func get(_ path: String, token: String) async throws -> (status: Int, bytes: Int) {
        let request = Request(
            head: HTTPRequest(
                method: .get, scheme: "http", authority: "localhost", path: path,
                headerFields: [.authorization: "Bearer \(token)", .accept: "text/html"]),
            body: RequestBody(buffer: ByteBuffer()))
        let context = AppRequestContext(
            source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response = try await responder.respond(to: request, context: context)
        let counted = ByteCount()
        try await response.body.write(counted)
        return (response.status.code, counted.total)
    }
}

/// Counts the bytes of a body as it is written, and keeps none of them.
private struct ByteCount: ResponseBodyWriter {
    private let bytes = Counter()

    var total: Int { bytes.value.withLock { $0 } }

    func write(_ buffer: ByteBuffer) async throws { bytes.value.withLock { $0 += buffer.readableBytes } }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}

    final class Counter: Sendable {
        let value = Mutex(0)
    }
}
