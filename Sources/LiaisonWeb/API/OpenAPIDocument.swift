import Foundation
import Hummingbird
import NIOCore

/// The OpenAPI 3.1 description of the JSON API, served as written in `Resources/openapi.json`.
struct OpenAPIDocument: Sendable {
    let body: ByteBuffer

    init(resources: URL) throws {
        let data = try Data(contentsOf: resources.appendingPathComponent("openapi.json"))
        // Refuse to start with a document that is not JSON rather than serve it broken.
        _ = try JSONSerialization.jsonObject(with: data)
        body = ByteBuffer(bytes: data)
    }

    @Sendable func serve(_ request: Request, context: AppRequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }
}
