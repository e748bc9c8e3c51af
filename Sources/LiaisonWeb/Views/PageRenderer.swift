import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import NIOCore

/// The interface's words, kept in one file per language so translations can follow English.
struct Strings: Sendable {
    private let table: [String: String]

    init(file: URL) throws {
        table = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
    }

    /// The string for `key`; the key itself when it is missing, so a gap shows rather than breaks a page.
    subscript(_ key: String) -> String { table[key] ?? key }

    var all: [String: String] { table }
}

/// What every page is drawn with: the interface's strings (pages are typed views inside `Layout`).
struct PageRenderer: Sendable {
    let strings: Strings

    init(resources: URL) throws {
        strings = try Strings(file: resources.appendingPathComponent("strings/en.json"))
    }

    /// A redirect after a successful form (303, so the browser follows with GET).
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
