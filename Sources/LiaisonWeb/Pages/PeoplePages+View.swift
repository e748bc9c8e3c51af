/// The people list: its filters, the people on this page with their position and a way to reach them,
/// exports of the whole selection and the pager.
struct PeopleView {
    let model: PeopleModel
    let t: Strings
    /// Whether the signed-in person may add people (an editor or an admin).
    let canEdit: Bool

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.h1(text: t[.peopleTitle])
            html.newline()
            if canEdit {
                let organization = model.organizationId.map { "?organization=\($0)" } ?? ""
                html.a(.class("button"), .href("/people/new\(organization)"), text: t[.navNewPerson])
            }
            html.newline()
        }
        html.newline()
        ListParts.errors(model.errors, into: &html)
        filters(into: &html)
        html.newline()
        if let name = model.organizationName {
            html.p(.class("chip")) { html in
                html.text("\(t[.filterOrganization]): ")
                html.a(.href("/organizations/\(model.organizationId ?? "")"), text: name)
                html.text(" ")
                html.a(.href(model.clearOrganization), .ariaLabel(t[.removeFilter]), text: "×")
            }
            html.newline()
        }
        html.p(.class("count"), .id("result-count")) { html in
            html.text("\(model.totalLabel) · ")
            html.a(.href(model.exportCSV), .flag("download"), text: t[.exportCsv])
            html.text(" · ")
            html.a(.href(model.exportVCard), .flag("download"), text: t[.exportVcard])
        }
        html.newline()
        if model.rows.isEmpty {
            html.p(.class("empty"), text: t[.peopleEmpty])
        } else {
            table(into: &html)
        }
        html.newline()
        ListParts.pager(
            previous: model.previous, label: model.pageLabel, next: model.next, t: t, into: &html)
    }

    private func filters(into html: inout HTML) {
        html.form(.class("filters"), .action("/people"), .method("get"), .ariaLabel(t[.peopleFiltersLabel])) {
            html in
            html.newline()
            ListParts.searchField(query: model.query, t: t, into: &html)
            html.newline()
            if let id = model.organizationId {
                html.hidden(name: "organization", value: id)
                html.newline()
            }
            for field in model.filters { field.render(into: &html) }
            html.newline()
            ListParts.filterActions(clear: "/people", t: t, into: &html)
            html.newline()
        }
    }

    private func table(into html: inout HTML) {
        ListParts.table("directory people", rows: model.rows, into: &html) { html in
            for key: StringKey in [.colName, .colPosition, .colCountry, .colContact] {
                html.th(.scope("col"), text: t[key])
            }
        } row: { row, html in
            render(row, into: &html)
        }
    }

    private func render(_ row: PeopleModel.Row, into html: inout HTML) {
        html.tr { html in
            html.newline()
            html.th(.scope("row")) { html in
                ListParts.recordName(
                    href: "/people/\(row.id)", name: row.name, nativeName: row.nativeName, into: &html)
                if let role = row.role {
                    html.text(" ")
                    html.span(.class("badge")) { $0.text(role) }
                }
            }
            html.newline()
            html.td(.dataLabel(t[.colPosition])) { html in
                html.text(row.title ?? "")
                if let organization = row.organization {
                    if row.title != nil { html.text(", ") }
                    if let id = row.organizationId {
                        html.a(.href("/organizations/\(id)"), text: organization)
                    } else {
                        html.text(organization)
                    }
                }
            }
            html.newline()
            html.td(.dataLabel(t[.colCountry]), text: row.country)
            html.newline()
            html.td(.dataLabel(t[.colContact])) { html in
                if let channel = row.channel {
                    html.span(.class("muted")) { $0.text(row.channelKind ?? "") }
                    html.text(" " + channel)
                }
            }
            html.newline()
        }
    }
}
