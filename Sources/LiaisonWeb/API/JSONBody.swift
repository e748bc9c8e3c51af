import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import NIOCore
import NIOFoundationCompat

/// Reading and writing JSON bodies with errors that name the field.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Decodes the request body; refuses another content type (415), a body over the context's limit (413)
    /// and JSON that does not fit the type (400, naming the field).
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: AppRequestContext, fields: KnownFields? = nil
    ) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
        guard mediaType == "application/json" || (mediaType?.hasSuffix("+json") ?? false) else {
            throw Problem(
                .unsupportedMediaType, type: "unsupported-media-type", title: "Send JSON.",
                detail: "The body must be sent as Content-Type: application/json.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw problem(for: error)
        }
        if let fields, let object = try? JSONSerialization.jsonObject(with: data) {
            let unknown = fields.unknown(in: object)
            if !unknown.isEmpty {
                let errors = unknown.map {
                    FieldError(field: $0, rule: "unknown_field", message: "\($0) is not a field here.")
                }
                throw Problem(
                    .badRequest, type: "malformed-body", title: "The body has fields that are not allowed.",
                    detail: errors.map(\.message).joined(separator: " "), errors: errors)
            }
        }
        return value
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        throws -> Response
    {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return path
    }

    private static func problem(for error: DecodingError) -> Problem {
        let field: String
        let rule: String
        let message: String
        switch error {
        case .keyNotFound(let key, let context):
            field = path(context.codingPath + [key])
            rule = "required"
            message = "\(field) is required."
        case .typeMismatch(let type, let context):
            field = path(context.codingPath)
            rule = "type"
            message = "\(field.isEmpty ? "The body" : field) must be \(describe(type))."
        case .valueNotFound(let type, let context):
            field = path(context.codingPath)
            rule = "required"
            message = "\(field) must be \(describe(type)), not null."
        case .dataCorrupted(let context):
            field = path(context.codingPath)
            if field.isEmpty {
                rule = "json"
                message = "The body is not valid JSON."
            } else {
                rule = "value"
                message = "\(field) has a value that is not allowed: \(context.debugDescription)"
            }
        @unknown default:
            field = ""
            rule = "json"
            message = "The body could not be read."
        }
        return Problem(
            .badRequest, type: "malformed-body", title: "The body could not be read.", detail: message,
            errors: [.init(field: field.isEmpty ? "body" : field, rule: rule, message: message)])
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}

/// The field names a JSON body may use, so that a misspelt field is refused rather than silently ignored.
struct KnownFields: Sendable {
    let names: Set<String>
    /// Fields holding arrays of objects, with the names those objects may use.
    let lists: [String: Set<String>]

    /// The paths of the fields that are not allowed ("gouvernanceRoles", "practices[0].yaer").
    func unknown(in object: Any) -> [String] {
        guard let object = object as? [String: Any] else { return [] }
        var found: [String] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard names.contains(key) else {
                found.append(key)
                continue
            }
            if let allowed = lists[key], let items = value as? [Any] {
                for (index, item) in items.enumerated() {
                    for itemKey in ((item as? [String: Any])?.keys.sorted() ?? []) where !allowed.contains(itemKey) {
                        found.append("\(key)[\(index)].\(itemKey)")
                    }
                }
            }
        }
        return found
    }
}
