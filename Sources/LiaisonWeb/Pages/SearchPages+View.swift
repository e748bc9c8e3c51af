/// The search results: what was found for the query, each hit with its kind, and links to search the
/// directory and the people list with the same words.
struct SearchView {
    let model: SearchPages.Model
    let t: Strings

    func render(into html: inout HTML) {
        html.h1(text: t[.searchTitle])
        html.newline()
        ListParts.errors(model.errors, into: &html)
        html.p(.class("count"), .id("result-count"), text: model.countLabel)
        html.newline()
        if !model.hits.isEmpty {
            html.element("ol", [.class("search-results")]) { html in
                html.newline()
                for hit in model.hits {
                    render(hit, into: &html)
                    html.newline()
                }
            }
            html.newline()
        }
        // Drawn with an empty query too, as it always was.
        html.p { html in
            html.a(.href("/organizations?q=\(model.queryEncoded)"), text: t[.searchMoreOrganizations])
            html.text(" · ")
            html.a(.href("/people?q=\(model.queryEncoded)"), text: t[.searchMorePeople])
        }
    }

    private func render(_ hit: SearchPages.Model.Hit, into html: inout HTML) {
        html.li { html in
            html.a(.href(hit.url), text: hit.name)
            if let nativeName = hit.nativeName {
                html.text(" ")
                html.span(.class("native"), .lang("und")) { $0.text(nativeName) }
            }
            html.text(" ")
            html.span(.class("badge")) { $0.text(hit.kindLabel) }
            if hit.isMember {
                html.text(" ")
                html.span(.class("badge status-member")) { $0.text(t[.statusMember]) }
            }
            if let detail = hit.detail {
                html.text(" ")
                html.span(.class("muted")) { $0.text(detail) }
            }
        }
    }
}
