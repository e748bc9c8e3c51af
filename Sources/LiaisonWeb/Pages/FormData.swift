import Foundation
import Hummingbird
import NIOCore

/// A submitted `application/x-www-form-urlencoded` form, keeping repeated fields in order.
struct FormData: Sendable {
    private(set) var pairs: [(name: String, value: String)]

    init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    init(encoded text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Reads a form body; anything but a URL-encoded form is refused with 415, a body over the limit with 413.
    static func read(_ request: Request, context: AppRequestContext) async throws -> FormData {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "Forms must be sent URL-encoded.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormData(encoded: String(buffer: buffer))
    }

    /// The first value of the field, or "" when it was not sent.
    subscript(name: String) -> String {
        pairs.first { $0.name == name }?.value ?? ""
    }

    /// Every value sent under the name, in order (checkboxes that share a name).
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    func has(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }
}

extension FormData {
    /// Rows sent as prefix[0].field, prefix[1].field ...; wholly blank rows are the spare ones left empty.
    func rows<Row>(prefix: String, make: (FormData, String) -> Row) -> [Row] {
        var rows: [Row] = []
        var index = 0
        while pairs.contains(where: { $0.name.hasPrefix("\(prefix)[\(index)].") }) {
            let fields = pairs.filter { $0.name.hasPrefix("\(prefix)[\(index)].") }
            if fields.contains(where: { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }) {
                rows.append(make(self, "\(prefix)[\(index)]"))
            }
            index += 1
        }
        return rows
    }
}
