/// The directory of organizations: its filters, links by membership status with their counts, the
/// organizations on this page and the pager.
struct DirectoryView {
    let model: DirectoryModel
    let t: Strings
    /// Whether the signed-in person may add organizations (an editor or an admin).
    let canEdit: Bool

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.h1(text: t[.directoryTitle])
            html.newline()
            if canEdit { html.a(.class("button"), .href("/organizations/new"), text: t[.navNewOrganization]) }
            html.newline()
        }
        html.newline()
        ListParts.errors(model.errors, into: &html)
        html.form(.class("filters"), .action("/organizations"), .method("get"), .ariaLabel(t[.filtersLabel])) {
            html in
            html.newline()
            ListParts.searchField(query: model.query, t: t, into: &html)
            html.newline()
            for field in model.filters { field.render(into: &html) }
            html.newline()
            ListParts.filterActions(clear: "/organizations", t: t, into: &html)
            html.newline()
        }
        html.newline()
        html.nav(.class("status-links"), .ariaLabel(t[.filterStatus])) { html in
            for link in model.statusLinks {
                html.a(.href(link.href), link.current ? Attribute("aria-current", "page") : nil, text: link.label)
            }
        }
        html.newline()
        html.p(.class("count"), .id("result-count"), text: model.totalLabel)
        html.newline()
        if model.rows.isEmpty {
            html.p(.class("empty"), text: t[.directoryEmpty])
        } else {
            table(into: &html)
        }
        html.newline()
        ListParts.pager(previous: model.previous, label: model.pageLabel, next: model.next, t: t, into: &html)
    }

    private func table(into html: inout HTML) {
        html.div(.class("table-wrap")) { html in
            html.newline()
            html.table(.class("directory")) { html in
                html.newline()
                html.thead { html in
                    html.tr { html in
                        html.th(.scope("col"), text: t[.colName])
                        html.th(.scope("col"), text: t[.colKind])
                        html.th(.scope("col"), text: t[.colCountry])
                        html.th(.scope("col"), text: t[.colRegion])
                        html.th(.scope("col"), .class("num"), text: t[.colPopulation])
                        html.th(.scope("col"), text: t[.colStatus])
                        html.th(.scope("col"), .class("num"), text: t[.colMemberSince])
                    }
                }
                html.newline()
                html.tbody { html in
                    html.newline()
                    for row in model.rows {
                        render(row, into: &html)
                        html.newline()
                    }
                }
                html.newline()
            }
            html.newline()
        }
    }

    private func render(_ row: DirectoryModel.Row, into html: inout HTML) {
        html.tr { html in
            html.newline()
            html.th(.scope("row")) { html in
                ListParts.recordName(
                    href: "/organizations/\(row.id)", name: row.name, nativeName: row.nativeName, into: &html)
            }
            html.newline()
            html.td(.dataLabel(t[.colKind]), text: row.kind)
            html.td(.dataLabel(t[.colCountry]), text: row.country)
            html.td(.dataLabel(t[.colRegion]), text: row.region)
            html.td(.class("num"), .dataLabel(t[.colPopulation]), text: row.population)
            html.newline()
            html.td(.dataLabel(t[.colStatus])) { html in
                html.span(.class("badge status-\(row.statusKey)")) { $0.text(row.status) }
                if row.paying {
                    html.text(" ")
                    html.span(.class("badge paying")) { $0.text(t[.paying]) }
                }
            }
            html.newline()
            html.td(.class("num"), .dataLabel(t[.colMemberSince]), text: row.memberSince)
            html.newline()
        }
    }
}
