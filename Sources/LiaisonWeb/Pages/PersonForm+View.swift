/// The person create/edit page: the errors found with links to their fields, the likely duplicates of a new
/// person, the form's groups of fields, a row for each position and channel, and save or cancel.
struct PersonFormView {
    let model: PersonFormModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.h1(text: model.heading)
        html.newline()
        if model.conflict {
            html.div(.class("alert"), .role("alert"), .id("conflict")) { $0.text(t["conflict_message"]) }
        }
        html.newline()
        errorSummary(into: &html)
        html.newline()
        html.form(.class("record"), .action(model.action), .method("post"), .flag("novalidate")) { html in
            html.newline()
            html.hidden(name: "_csrf", value: csrf)
            html.newline()
            html.hidden(name: "version", value: model.version)
            html.newline()
            if !model.duplicates.isEmpty {
                duplicates(into: &html)
                html.newline()
            }
            for group in model.groups {
                html.fieldset { html in
                    legend(group.legend, into: &html)
                    for field in group.fields { field.render(into: &html) }
                }
                html.newline()
            }
            rows(
                id: "f-positions", legend: t["section_positions"], hint: t["hint_positions"],
                error: model.positionsError, rows: model.positionRows, into: &html)
            html.newline()
            rows(
                id: "f-channels", legend: t["section_channels"], hint: t["hint_channels"],
                error: model.channelsError, rows: model.channelRows, into: &html)
            html.newline()
            html.div(.class("actions")) { html in
                html.button(.type("submit"), text: t["save"])
                html.text(" ")
                html.a(.href(model.cancel), text: t["cancel"])
            }
            html.newline()
        }
    }

    /// The errors above the form, each a link to the field it is about.
    private func errorSummary(into html: inout HTML) {
        guard !model.errorSummary.isEmpty else { return }
        html.div(.class("alert"), .role("alert"), .id("error-summary")) { html in
            html.p(text: t["form_has_errors"])
            html.ul { html in
                for link in model.errorSummary {
                    // Quotes escaped as the template escaped them: messages quote what was typed ("wei@" is not ...).
                    html.li { html in html.a(.href("#\(link.id)")) { $0.textEscapingQuotes(link.message) } }
                }
            }
        }
    }

    /// The records that may be this person, and the box to tick when they are someone else.
    private func duplicates(into html: inout HTML) {
        html.div(.class("alert"), .role("alert"), .id("duplicates")) { html in
            html.newline()
            html.p(text: t["duplicates_found"])
            html.newline()
            html.ul { html in
                for duplicate in model.duplicates {
                    html.li { html in
                        ListParts.recordName(
                            href: "/people/\(duplicate.id)", name: duplicate.name, nativeName: duplicate.nativeName,
                            into: &html)
                        html.text(" ")
                        html.span(.class("muted")) { html in
                            html.text("— ")
                            for (index, detail) in duplicate.details.enumerated() {
                                if index > 0 { html.text(" · ") }
                                html.text(detail)
                            }
                        }
                    }
                }
            }
            html.newline()
            model.confirmDuplicates.render(into: &html)
            html.newline()
        }
    }

    /// A repeated section (positions, channels): its hint, the error of the list as a whole, and a row of
    /// fields for each item.
    private func rows(
        id: String, legend: String, hint: String, error: String?, rows: [[FormField]], into html: inout HTML
    ) {
        html.fieldset(.id(id)) { html in
            self.legend(legend, into: &html)
            html.newline()
            html.p(.class("hint"), text: hint)
            html.newline()
            if let error { html.p(.class("error"), text: error) }
            html.newline()
            for row in rows {
                html.div(.class("row")) { html in
                    for field in row { field.render(into: &html) }
                }
            }
            html.newline()
        }
    }

    private func legend(_ text: String, into html: inout HTML) {
        html.element("legend", []) { $0.text(text) }
    }
}
