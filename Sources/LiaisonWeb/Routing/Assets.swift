import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The stylesheets and scripts, read into memory at start and served by the app itself (no CDN).
struct Assets: Sendable {
    private let files: [String: (body: ByteBuffer, contentType: String)]

    init(directory: URL) throws {
        var files: [String: (ByteBuffer, String)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            let type =
                switch (name as NSString).pathExtension {
                case "css": "text/css; charset=utf-8"
                case "js": "text/javascript; charset=utf-8"
                case "svg": "image/svg+xml"
                default: "application/octet-stream"
                }
            files[name] = (ByteBuffer(bytes: data), type)
        }
        self.files = files
    }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/assets/:name", access: .public) { _, context -> Response in
            guard let name = context.parameters.get("name"), let file = files[name] else {
                throw HTTPError(.notFound)
            }
            return Response(
                status: .ok,
                headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: file.body))
        }
    }
}
