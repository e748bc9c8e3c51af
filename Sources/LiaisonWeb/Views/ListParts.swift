/// The parts lists and forms share: the error list, a record's name cell, the search field and buttons of the
/// filters, and the pager.
enum ListParts {
    /// The form that filters a list: its fields and the button that applies them.
    static func filters(
        action: String, fields: [FormField], button: StringKey = .applyFilters, t: Strings, into html: inout HTML
    ) {
        html.form(.class("filters"), .action(action), .method("get"), .ariaLabel(t[.filtersLabel])) { html in
            for field in fields { field.render(into: &html) }
            html.button(.type("submit"), text: t[button])
        }
    }

    /// A list's table in its scrolling wrapper: `head` draws the header row's cells, `row` each row.
    static func table<Row>(
        _ className: String, rows: [Row], into html: inout HTML, head: HTML.Content,
        row: (Row, inout HTML) -> Void
    ) {
        html.div(.class("table-wrap")) { html in
            html.newline()
            html.table(.class(className)) { html in
                html.newline()
                html.thead { html in html.tr { head(&$0) } }
                html.newline()
                html.tbody { html in
                    html.newline()
                    for item in rows {
                        row(item, &html)
                        html.newline()
                    }
                }
                html.newline()
            }
            html.newline()
        }
    }

    static func errors(_ errors: [String], id: String? = nil, into html: inout HTML) {
        guard !errors.isEmpty else { return }
        html.div(.class("alert"), .role("alert"), id.map(Attribute.id)) { html in
            html.ul { html in
                for error in errors { html.li { $0.text(error) } }
            }
        }
        html.newline()
    }

    /// A record's name as a link to it, with its name in its own script beside it.
    static func recordName(href: String, name: String, nativeName: String?, into html: inout HTML) {
        html.a(.href(href), text: name)
        if let nativeName {
            html.text(" ")
            html.span(.class("native"), .lang("und")) { $0.text(nativeName) }
        }
    }

    static func searchField(query: String, t: Strings, into html: inout HTML) {
        html.div(.class("field")) { html in
            html.label(.for("f-q"), text: t[.searchLabel])
            html.input(.id("f-q"), .type("search"), .name("q"), .value(query))
        }
    }

    static func filterActions(clear: String, t: Strings, into html: inout HTML) {
        html.div(.class("actions")) { html in
            html.button(.type("submit"), text: t[.applyFilters])
            html.text(" ")
            html.a(.href(clear), text: t[.clearFilters])
        }
    }

    static func pager(previous: String?, label: String, next: String?, t: Strings, into html: inout HTML) {
        html.nav(.class("pager"), .ariaLabel(t[.pagination])) { html in
            html.newline()
            if let previous { html.a(Attribute("rel", "prev"), .href(previous), text: t[.previous]) }
            html.newline()
            html.span { $0.text(label) }
            html.newline()
            if let next { html.a(Attribute("rel", "next"), .href(next), text: t[.next]) }
            html.newline()
        }
    }
}
