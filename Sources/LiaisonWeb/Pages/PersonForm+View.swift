/// The person create/edit page: the errors found with links to their fields, the likely duplicates of a new
/// person, the form's groups of fields, a row for each position and channel, and save or cancel.
struct PersonFormView {
    let model: PersonFormModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        FormParts.record(model, t: t, csrf: csrf, into: &html) { html in
            if !model.duplicates.isEmpty {
                duplicates(into: &html)
                html.newline()
            }
            html.p(.class("hint required-note"), text: t[.requiredNote])
            FormParts.groups(model.groups, into: &html)
            for list in [model.languages, model.positions, model.channels] {
                rows(list, into: &html) { html in
                    if list.prefix == "languages" { html.datalist(id: "language-names", options: model.languageNames) }
                }
                html.newline()
            }
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

    /// A list whose rows are added and removed in place: its hint, the error of the list as a whole, a row of
    /// fields for each item, and the button that adds a row. Without JavaScript the button sends the form,
    /// which comes back with everything typed and one more empty row; app.js adds the row in place instead.
    private func rows(_ list: PersonFormModel.RowList, into html: inout HTML, extra: (inout HTML) -> Void) {
        FormParts.fieldset(
            .id(list.id), Attribute("data-rows", list.prefix), Attribute("data-max", String(list.max)),
            Attribute("data-full", list.full), legend: list.legend, into: &html
        ) { html in
            html.newline()
            html.p(.class("hint"), text: list.hint)
            html.newline()
            if let error = list.error { html.p(.class("error"), text: error) }
            html.newline()
            for row in list.rows {
                html.div(.class("row")) { html in
                    for field in row { field.render(into: &html) }
                }
            }
            extra(&html)
            html.newline()
            if list.isFull {
                html.p(.class("hint rows-full"), text: list.full)
            } else {
                // formnovalidate: adding a row is not sending the form, so required fields may still be empty.
                html.button(
                    .type("submit"), .name("add"), .value(list.prefix), .class("button secondary add-row"),
                    .flag("formnovalidate"), text: list.addLabel)
            }
            html.newline()
        }
    }
}
