import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A submitted `application/x-www-form-urlencoded` form, keeping repeated fields in order.
///
/// The pairs are read once into an index (values by name, and the rows of each repeated prefix), so that
/// reading every field of a form takes time in proportion to its size.
struct FormData: Sendable {
    /// The most name=value pairs a form may send. The longest form Liaison draws is an activity's with its
    /// caps of organizations and people (ActivityInput.maxOrganizations, .maxPeople), about five fields a row:
    /// some 7,500 pairs.
    static let maxPairs = 10_000

    /// What a form with more than `maxPairs` pairs is told (413).
    static let tooManyFields = HTTPError(
        .contentTooLarge,
        message: "The form has more than \(maxPairs) fields; nothing was saved. Send fewer rows at a time.")

    /// Every value sent under each name, in order.
    private var values: [String: [String]] = [:]
    /// For each prefix of fields named prefix[index].field, each index sent and whether any of its fields has
    /// more than blanks.
    private var rowIndex: [String: [Int: Bool]] = [:]

    init(pairs: [(name: String, value: String)]) {
        for (name, value) in pairs {
            values[name, default: []].append(value)
            if let (prefix, index) = Self.row(of: name) {
                let filled = !value.trimmingCharacters(in: .whitespaces).isEmpty
                if filled || rowIndex[prefix]?[index] == nil { rowIndex[prefix, default: [:]][index] = filled }
            }
        }
    }

    /// Reads an encoded form; more than `maxPairs` pairs are refused (413) before any is decoded.
    init(encoded text: String) throws(HTTPError) {
        let parts = text.split(separator: "&", maxSplits: Self.maxPairs, omittingEmptySubsequences: true)
        guard parts.count <= Self.maxPairs else { throw Self.tooManyFields }
        self.init(
            pairs: parts.map { pair in
                let sides = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ part: Substring) -> String {
                    let spaced = part.replacingOccurrences(of: "+", with: " ")
                    return spaced.removingPercentEncoding ?? spaced
                }
                return (decode(sides[0]), sides.count > 1 ? decode(sides[1]) : "")
            })
    }

    /// Reads a form body; anything but a URL-encoded form is refused with 415, a body over the limit or with
    /// more than `maxPairs` fields with 413.
    static func read(_ request: Request, context: AppRequestContext) async throws -> FormData {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "Forms must be sent URL-encoded.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return try FormData(encoded: String(buffer: buffer))
    }

    /// The first value of the field, or "" when it was not sent.
    subscript(name: String) -> String {
        values[name]?.first ?? ""
    }

    /// Every value sent under the name, in order (checkboxes that share a name).
    func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    func has(_ name: String) -> Bool {
        values[name] != nil
    }

    /// The prefix and index of a field named prefix[index].field, or nil.
    private static func row(of name: String) -> (String, Int)? {
        guard let open = name.firstIndex(of: "["), let close = name[open...].firstIndex(of: "]"),
            name[close...].dropFirst().first == ".", let index = Int(name[name.index(after: open)..<close]), index >= 0
        else { return nil }
        return (String(name[..<open]), index)
    }
}

extension FormData {
    /// Rows sent as prefix[0].field, prefix[1].field ..., in the order of their indexes; wholly blank rows are
    /// the spare ones left empty.
    func rows<Row>(prefix: String, make: (FormData, String) -> Row) -> [Row] {
        (rowIndex[prefix] ?? [:]).filter(\.value).keys.sorted().map { make(self, "\(prefix)[\($0)]") }
    }

    /// How many rows of the prefix were sent wholly blank.
    func blankRows(prefix: String) -> Int {
        (rowIndex[prefix] ?? [:]).values.count { !$0 }
    }
}
