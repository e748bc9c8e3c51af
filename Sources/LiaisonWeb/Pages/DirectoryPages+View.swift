import Foundation

/// The directory of organizations: its filters, links by membership status with their counts, the
/// organizations on this page and the pager.
struct DirectoryView {
    let model: DirectoryModel
    let t: Strings
    /// Whether the signed-in person may add organizations (an editor or an admin).
    let canEdit: Bool
    /// The session's CSRF token, for the bulk actions' form.
    var csrf = ""

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.h1(text: t[.directoryTitle])
            html.newline()
            if canEdit { html.a(.class("button"), .href("/organizations/new"), text: t[.navNewOrganization]) }
            html.newline()
        }
        html.newline()
        KnowTabs(current: "/organizations", t: t).render(into: &html)
        ListParts.errors(model.errors, into: &html)
        // Open by default (wide screens); the script folds it on a narrow screen when no filter is wrong.
        html.details(.class("filters-fold"), .flag("open")) { html in
            html.summary { $0.text(t[.filtersLabel]) }
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
        }
        html.newline()
        chips(into: &html)
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
            // The ticked rows go to the bulk actions; each button sends the form to its own route.
            html.form(.id("bulk"), .class("bulk"), .action("/organizations/bulk/export"), .method("post")) { html in
                html.newline()
                html.hidden(name: "_csrf", value: csrf)
                html.newline()
                table(into: &html)
                bulkActions(into: &html)
            }
        }
        html.newline()
        ListParts.pager(previous: model.previous, label: model.pageLabel, next: model.next, t: t, into: &html)
    }

    private func table(into html: inout HTML) {
        ListParts.table("directory", rows: model.rows, into: &html) { html in
            html.th(.scope("col"), .class("tick")) { html in
                html.span(.class("visually-hidden")) { $0.text(t[.bulkTick]) }
            }
            html.th(.scope("col"), text: t[.colName])
            html.th(.scope("col"), text: t[.colKind])
            html.th(.scope("col"), text: t[.colCountry])
            html.th(.scope("col"), text: t[.colRegion])
            html.th(.scope("col"), .class("num"), text: t[.colPopulation])
            html.th(.scope("col"), text: t[.colStatus])
            html.th(.scope("col"), .class("num"), text: t[.colMemberSince])
        } row: { row, html in
            render(row, into: &html)
        }
    }

    private func render(_ row: DirectoryModel.Row, into html: inout HTML) {
        html.tr { html in
            html.newline()
            html.td(.class("tick")) { html in
                html.input(
                    .type("checkbox"), .name("ids"), .value(String(row.id)), .id("tick-\(row.id)"),
                    .ariaLabel(t.format(.bulkTickOne, row.name)))
            }
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

    /// The filters in force, each a link to the same list without it.
    private func chips(into html: inout HTML) {
        guard !model.chips.isEmpty else { return }
        html.ul(.class("chips"), .ariaLabel(t[.activeFilters])) { html in
            for chip in model.chips {
                html.li { html in
                    html.a(
                        .class("chip"), .href(chip.href), .ariaLabel("\(t[.removeFilter]): \(chip.label)")
                    ) { html in
                        html.text(chip.label)
                        html.span(Attribute("aria-hidden", "true")) { $0.text(" ×") }
                    }
                }
            }
        }
        html.newline()
    }

    /// What can be done with the ticked rows: export them, and for editors add them to an activity.
    private func bulkActions(into html: inout HTML) {
        html.fieldset(.class("bulk-actions")) { html in
            html.element("legend", []) { $0.text(t[.bulkLegend]) }
            html.button(.type("submit"), .class("secondary"), text: t[.bulkExport])
            html.button(
                .type("submit"), .class("secondary"), Attribute("formaction", "/briefing"),
                text: t[.briefingLink])
            if canEdit, !model.activities.isEmpty {
                html.newline()
                html.span(.class("bulk-add")) { html in
                    html.label(.for("bulk-activity"), text: t[.bulkActivity])
                    html.select(.id("bulk-activity"), .name("activity")) { html in
                        html.option(.value("")) { $0.text(t[.bulkChooseActivity]) }
                        for option in model.activities {
                            html.option(.value(option.value)) { $0.text(option.label) }
                        }
                    }
                    html.button(
                        .type("submit"), Attribute("formaction", "/organizations/bulk/add-to-activity"),
                        text: t[.bulkAdd])
                }
            }
        }
        html.newline()
    }
}
