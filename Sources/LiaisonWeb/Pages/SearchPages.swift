import Foundation
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The results page of the search box on every page; the JSON endpoint serves the same results as you type.
struct SearchPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/search", access: .viewer, use: results)
    }

    struct Model {
        struct Hit {
            let url: String
            let name: String
            let nativeName: String?
            let kindLabel: String
            let isMember: Bool
            let detail: String?
        }
        let queryEncoded: String
        let countLabel: String
        let hits: [Hit]
        let errors: [String]
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await store.takeCostly(settings.limits.search, key: RateKey.search, what: "searches", context: context)
        var reader = QueryReader(request.uri.queryDictionary, strict: false)
        let text = reader.text("q") ?? ""
        let hits = text.isEmpty ? [] : try await store.search(text, limit: 50)
        let model = Model(
            queryEncoded: text.addingPercentEncoding(
                withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "+", "="]))
                ?? "",
            countLabel: text.isEmpty
                ? t[.searchPrompt]
                : String(format: t[hits.count == 1 ? .searchCountOne : .searchCount], hits.count, text),
            hits: hits.map {
                Model.Hit(
                    url: $0.url, name: $0.name, nativeName: $0.nativeName,
                    kindLabel: t.label($0.kind),
                    isMember: $0.isMember, detail: $0.detail)
            },
            errors: reader.errors.map(\.message))
        let view = SearchView(model: model, t: t)
        return renderer.page(
            title: t[.searchTitle], context: context, status: reader.errors.isEmpty ? .ok : .badRequest, search: text
        ) { view.render(into: &$0) }
    }
}
