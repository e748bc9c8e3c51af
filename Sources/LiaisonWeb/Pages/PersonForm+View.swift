/// The person create/edit page: the errors found with links to their fields, the likely duplicates of a new
/// person, the form's groups of fields, a row for each position and channel, and save or cancel.
struct PersonFormView {
    let model: PersonFormModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        FormParts.head(
            model.heading, conflict: model.conflict ? t[.conflictMessage] : nil, errors: model.errorSummary, t: t,
            into: &html)
        FormParts.form(
            action: model.action, csrf: csrf, version: model.version, cancel: model.cancel, t: t, into: &html
        ) { html in
            if !model.duplicates.isEmpty {
                duplicates(into: &html)
                html.newline()
            }
            FormParts.groups(model.groups, into: &html)
            rows(
                id: "f-positions", legend: t[.sectionPositions], hint: t[.hintPositions],
                error: model.positionsError, rows: model.positionRows, into: &html)
            html.newline()
            rows(
                id: "f-channels", legend: t[.sectionChannels], hint: t[.hintChannels],
                error: model.channelsError, rows: model.channelRows, into: &html)
            html.newline()
        }
    }

    /// The records that may be this person, and the box to tick when they are someone else.
    private func duplicates(into html: inout HTML) {
        html.div(.class("alert"), .role("alert"), .id("duplicates")) { html in
            html.newline()
            html.p(text: t[.duplicatesFound])
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
        FormParts.fieldset(.id(id), legend: legend, into: &html) { html in
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
}
