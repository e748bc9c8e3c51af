import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import Mustache
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

/// Renders the Mustache templates in `Resources/templates` inside the shared layout.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    let strings: Strings

    init(resources: URL) async throws {
        library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        strings = try Strings(file: resources.appendingPathComponent("strings/en.json"))
    }

    /// An HTML page: `template` sees the view model as `page`, the strings as `t`, and the signed-in person
    /// as `user` (with the CSRF token every form sends back).
    func page(
        _ template: String, title: String, model: Any, context: AppRequestContext, status: HTTPResponse.Status = .ok,
        search: String = ""
    ) -> Response {
        var root: [String: Any] = [
            "t": strings.all, "page": TemplateValues.of(model) ?? [:], "title": title, "search": search,
        ]
        if let identity = context.identity {
            root["user"] =
                [
                    "name": identity.account.name, "role": strings["role_\(identity.account.role.rawValue)"],
                    "isEditor": identity.account.role >= .editor, "isAdmin": identity.account.role >= .admin,
                    "csrf": identity.csrfToken ?? "",
                ] as [String: Any]
            root["csrf"] = identity.csrfToken ?? ""
        }
        guard let html = library.render(root, withTemplate: template) else {
            return Response(
                status: .internalServerError,
                body: .init(byteBuffer: ByteBuffer(string: "Missing template \(template)")))
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A redirect after a successful form (303, so the browser follows with GET).
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
