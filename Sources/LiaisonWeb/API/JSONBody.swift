import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore
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

    /// Decodes the request body; refuses another content type (415), a body over the context's limit (413),
    /// an object that names a key twice (400, naming it) and JSON that does not fit the type (400, naming the
    /// field and what it must be).
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
        if let duplicate = DuplicateKeys.first(in: data) {
            let message =
                "\(duplicate.isEmpty ? "A key" : duplicate.quotedForMessage) appears twice in one object; send each "
                + "field once."
            throw Problem(
                .badRequest, type: "malformed-body", title: "The body names a field twice.", detail: message,
                errors: [.init(field: duplicate.isEmpty ? "body" : duplicate, rule: "duplicate_key", message: message)])
        }
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw problem(for: error, in: data, as: T.self)
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

    private static func problem<T: Decodable>(for error: DecodingError, in data: Data, as bodyType: T.Type) -> Problem {
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
            let number = context.codingPath.isEmpty ? misfitNumber(in: data, as: bodyType) : nil
            field = number ?? path(context.codingPath)
            if let number {
                // Foundation says a number that does not fit an integer is not JSON, and names no field.
                rule = "type"
                message =
                    "\(number.isEmpty ? "A number in the body" : number) must be a whole number within the allowed range."
            } else if field.isEmpty {
                rule = "json"
                message = "The body is not valid JSON."
            } else if let (sent, allowed) = enumValue(context.debugDescription) {
                rule = "enum"
                message = "\(field) must be one of: \(allowed.joined(separator: ", ")) (not \(sent.quotedForMessage))."
            } else {
                // Foundation's own descriptions name Swift types ("does not fit in Int64"): never pass them on.
                rule = "value"
                message = "\(field) has a value that cannot be read here."
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

    /// When the body is JSON, which of its numbers is not a whole one or too large for the integer field it is
    /// sent in ("" when it cannot be told); nil when the body is not JSON. Up to ten numbers are tried, each
    /// by decoding the body again with every other such number made 0.
    private static func misfitNumber<T: Decodable>(in data: Data, as type: T.Type) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: data) else { return nil }
        var numbers: [[JSONPathPart]] = []
        func collect(_ value: Any, _ path: [JSONPathPart]) {
            guard numbers.count < 10 else { return }
            switch value {
            case let object as [String: Any]:
                for key in object.keys.sorted() { collect(object[key]!, path + [.key(key)]) }
            case let array as [Any]:
                for (index, item) in array.enumerated() { collect(item, path + [.index(index)]) }
            case let number as NSNumber where !(value is Bool) && !(value is String):
                let double = number.doubleValue
                if double.rounded() != double || abs(double) >= 9.2e18 { numbers.append(path) }
            default:
                break
            }
        }
        collect(object, [])
        for (index, suspect) in numbers.enumerated() {
            var others = object
            for (otherIndex, other) in numbers.enumerated() where otherIndex != index {
                others = JSONPathPart.replacing(other[...], in: others, with: 0)
            }
            guard let body = try? JSONSerialization.data(withJSONObject: others) else { continue }
            do {
                _ = try JSONDecoder().decode(T.self, from: body)
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                return JSONPathPart.describe(suspect)
            } catch {}
        }
        return ""
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }

    /// The values of every enumeration a JSON body may hold, by the name Swift gives the type.
    private static let enumerations: [String: [String]] = {
        func values<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> (String, [String])
        where E.RawValue == String {
            (String(describing: type), type.allCases.map(\.rawValue))
        }
        return Dictionary(
            [
                values(OrganizationKind.self), values(MembershipStatus.self), values(NameOrder.self),
                values(PersonRole.self), values(ChannelKind.self), values(ActivityKind.self),
                values(ActivityVisibility.self), values(AttendanceMode.self), values(ParticipationStatus.self),
                values(DelegateRole.self), values(StaffRole.self), values(CalendarFeedScope.self),
            ], uniquingKeysWith: { first, _ in first })
    }()

    /// The value sent and the values allowed, read from the standard library's description of a raw value
    /// that is none of an enumeration's cases ("Cannot initialize ActivityKind from invalid String value x").
    /// An enumeration missing from `enumerations` gets the general message, never its Swift name.
    private static func enumValue(_ description: String) -> (sent: String, allowed: [String])? {
        let prefix = "Cannot initialize "
        guard description.hasPrefix(prefix), let from = description.range(of: " from invalid "),
            let allowed = enumerations[
                String(description[description.index(description.startIndex, offsetBy: prefix.count)..<from.lowerBound])
            ],
            let value = description.range(of: " value ", range: from.upperBound..<description.endIndex)
        else { return nil }
        return (String(description[value.upperBound...]), allowed)
    }
}

extension String {
    /// The text in quotes for a message, cut to its first 40 characters.
    fileprivate var quotedForMessage: String { count > 40 ? "\"\(prefix(40))…\"" : "\"\(self)\"" }
}

/// One step of a path into parsed JSON.
enum JSONPathPart {
    case key(String)
    case index(Int)

    /// The path as the API names fields ("practices[0].year").
    static func describe(_ path: [JSONPathPart]) -> String {
        var text = ""
        for part in path {
            switch part {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The JSON value with the value at the path replaced.
    static func replacing(_ path: ArraySlice<JSONPathPart>, in value: Any, with new: Any) -> Any {
        guard let first = path.first else { return new }
        switch (first, value) {
        case (.key(let key), var object as [String: Any]):
            object[key] = object[key].map { replacing(path.dropFirst(), in: $0, with: new) }
            return object
        case (.index(let index), var array as [Any]) where array.indices.contains(index):
            array[index] = replacing(path.dropFirst(), in: array[index], with: new)
            return array
        default:
            return value
        }
    }
}

/// Finds a key named twice in one object of a JSON text, in one pass over its bytes.
enum DuplicateKeys {
    /// An object or array open at the current position: the keys an object has had, the key or index of the
    /// value being read.
    private struct Container {
        var isObject: Bool
        var keys: Set<String> = []
        var key: String?
        var expectingKey = false
        var index = 0
    }

    /// Deeper nesting is left to the decoder to refuse.
    static let maxDepth = 512

    /// The path of the first key that repeats one before it in the same object ("practices[1].title"), or nil
    /// when there is none or the text is not JSON (which decoding then reports).
    static func first(in data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var stack: [Container] = []
            var position = 0
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "{"):
                    guard stack.count < maxDepth else { return nil }
                    stack.append(Container(isObject: true, expectingKey: true))
                case UInt8(ascii: "["):
                    guard stack.count < maxDepth else { return nil }
                    stack.append(Container(isObject: false))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard stack.popLast() != nil else { return nil }
                case UInt8(ascii: ","):
                    guard !stack.isEmpty else { return nil }
                    if stack[stack.count - 1].isObject {
                        stack[stack.count - 1].expectingKey = true
                    } else {
                        stack[stack.count - 1].index += 1
                    }
                case UInt8(ascii: "\""):
                    var end = position + 1
                    var escaped = false
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                        if bytes[end] == UInt8(ascii: "\\") {
                            escaped = true
                            end += 1
                        }
                        end += 1
                    }
                    guard end < bytes.count else { return nil }
                    if let last = stack.last, last.isObject, last.expectingKey {
                        let key: String?
                        if escaped {
                            key = unescape(UnsafeBufferPointer(rebasing: bytes[position...end]))
                        } else {
                            key = String(
                                decoding: UnsafeBufferPointer(rebasing: bytes[(position + 1)..<end]), as: UTF8.self)
                        }
                        guard let key else { return nil }
                        let top = stack.count - 1
                        stack[top].expectingKey = false
                        stack[top].key = key
                        if !stack[top].keys.insert(key).inserted { return path(of: stack) }
                    }
                    position = end
                default:
                    break
                }
                position += 1
            }
            return nil
        }
    }

    /// The path of the key being read in the innermost object, as the API names fields.
    private static func path(of stack: [Container]) -> String {
        var path = ""
        for container in stack {
            if container.isObject {
                let key = container.key ?? ""
                path += path.isEmpty ? key : ".\(key)"
            } else {
                path += "[\(container.index)]"
            }
        }
        return path
    }

    /// A quoted JSON string with escapes, as the text it stands for.
    private static func unescape(_ quoted: UnsafeBufferPointer<UInt8>) -> String? {
        try? JSONSerialization.jsonObject(with: Data(quoted), options: .fragmentsAllowed) as? String
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
