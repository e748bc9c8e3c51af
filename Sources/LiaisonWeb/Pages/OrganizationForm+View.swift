/// The form that creates or edits an organization: a conflict notice and the list of errors first, then the
/// fields in their groups, the rows of governance roles, the networks and the rows of practices.
struct OrganizationFormView {
    let model: OrganizationFormModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        FormParts.record(model, t: t, csrf: csrf, into: &html) { html in
            FormParts.groups(model.groups, into: &html)
            rows(
                model.roleRows, id: "f-governanceRoles", legend: t[.sectionRoles], error: model.rolesError,
                into: &html)
            html.newline()
            if let affiliations = model.affiliations {
                FormParts.fieldset(legend: t[.sectionAffiliations], into: &html) { affiliations.render(into: &$0) }
                html.newline()
            }
            rows(
                model.practiceRows, id: "f-practices", legend: t[.sectionPractices], error: model.practicesError,
                into: &html)
            html.newline()
        }
    }

    /// A repeated section (roles, practices): its error as a list, then a row of fields for each entry.
    private func rows(
        _ rows: [OrganizationFormModel.Row], id: String, legend: String, error: String?, into html: inout HTML
    ) {
        FormParts.fieldset(.id(id), legend: legend, into: &html) { html in
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
