/// The form that creates or edits an organization: a conflict notice and the list of errors first, then the
/// fields in their groups, the rows of governance roles, the networks and the rows of practices.
struct OrganizationFormView {
    let model: OrganizationFormModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.h1(text: model.heading)
        html.newline()
        if model.conflict {
            html.div(.class("alert"), .role("alert"), .id("conflict")) { $0.text(t["conflict_message"]) }
            html.newline()
        }
        if !model.errorSummary.isEmpty {
            errorSummary(into: &html)
            html.newline()
        }
        html.form(.class("record"), .action(model.action), .method("post"), .flag("novalidate")) { html in
            html.newline()
            html.hidden(name: "_csrf", value: csrf)
            html.newline()
            html.hidden(name: "version", value: model.version)
            html.newline()
            for group in model.groups {
                fieldset(legend: group.legend, into: &html) { html in
                    for field in group.fields { field.render(into: &html) }
                }
                html.newline()
            }
            rows(
                model.roleRows, id: "f-governanceRoles", legend: t["section_roles"], error: model.rolesError,
                into: &html)
            html.newline()
            if let affiliations = model.affiliations {
                fieldset(legend: t["section_affiliations"], into: &html) { affiliations.render(into: &$0) }
                html.newline()
            }
            rows(
                model.practiceRows, id: "f-practices", legend: t["section_practices"], error: model.practicesError,
                into: &html)
            html.newline()
            html.div(.class("actions")) { html in
                html.button(.type("submit"), text: t["save"])
                html.text(" ")
                html.a(.href(model.cancel), text: t["cancel"])
            }
            html.newline()
        }
    }

    /// Every error on the form, each a link to its field.
    private func errorSummary(into html: inout HTML) {
        html.div(.class("alert"), .role("alert"), .id("error-summary")) { html in
            html.p(text: t["form_has_errors"])
            html.ul { html in
                for link in model.errorSummary {
                    html.li { html in html.a(.href("#\(link.id)")) { $0.textEscapingQuotes(link.message) } }
                }
            }
        }
    }

    private func fieldset(
        _ attributes: Attribute?..., legend: String, into html: inout HTML, content: HTML.Content
    ) {
        html.element("fieldset", attributes) { html in
            html.element("legend", []) { $0.text(legend) }
            content(&html)
        }
    }

    /// A repeated section (roles, practices): its error as a list, then a row of fields for each entry.
    private func rows(
        _ rows: [OrganizationFormModel.Row], id: String, legend: String, error: String?, into html: inout HTML
    ) {
        fieldset(.id(id), legend: legend, into: &html) { html in
            html.newline()
            if let error {
                html.p(.class("error"), text: error)
                html.newline()
            }
            for row in rows {
                html.div(.class("row")) { html in
                    for field in row.fields { field.render(into: &html) }
                }
            }
            html.newline()
        }
    }
}
