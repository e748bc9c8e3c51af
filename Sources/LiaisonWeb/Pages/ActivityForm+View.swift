/// The form that creates or changes an activity: its errors linked to their fields, the groups of fields,
/// the organizations and people taking part as rows, and the boxes that add many of them by name.
struct ActivityFormView {
    let model: ActivityFormModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        FormParts.record(model, conflictNotice: .activityConflictMessage, t: t, csrf: csrf, into: &html) { html in
            html.p(.class("hint required-note"), text: t[.requiredNote])
            FormParts.groups(model.groups, into: &html)
            html.datalist(id: ZoneChoices.listId, options: ZoneChoices.options())
            FormParts.fieldset(.id("f-organizations"), legend: t[.sectionParticipants], into: &html) { html in
                html.newline()
                participants(
                    error: model.organizationsError, rows: model.organizationRows,
                    columns: [
                        .colOrganization, .fieldParticipantMode, .fieldParticipantStatus, .organizer, .remove,
                    ],
                    into: &html)
                html.p(.class("hint"), text: t[.hintParticipants])
                html.newline()
                add(model.addOrganizations, into: &html)
            }
            html.newline()
            FormParts.fieldset(.id("f-people"), legend: t[.sectionDelegations], into: &html) { html in
                html.newline()
                participants(
                    error: model.peopleError, rows: model.peopleRows,
                    columns: [
                        .colName, .fieldParticipantRole, .fieldParticipantDelegation, .modeInPerson,
                        .remove,
                    ],
                    into: &html)
                add(model.addPeople, into: &html)
                for choice in model.personChoices {
                    FormParts.fieldset(.class("person-choice"), legend: choice.legend, into: &html) { html in
                        for option in choice.options { option.render(into: &html) }
                    }
                    html.newline()
                }
                for pick in model.keptPicks { html.hidden(name: pick.name, value: pick.value) }
            }
            html.newline()
        }
    }

    /// A list's error, and its rows as a table: the name with the hidden inputs that carry the record back,
    /// then a cell for each field.
    private func participants(
        error: String?, rows: [ActivityFormModel.ParticipantRow], columns: [StringKey], into html: inout HTML
    ) {
        if let error {
            html.p(.class("error"), text: error)
            html.newline()
        }
        guard !rows.isEmpty else { return }
        html.table(.class("participants-table")) { html in
            html.thead { html in
                html.tr { html in
                    for key in columns { html.th(.scope("col"), text: t[key]) }
                }
            }
            html.tbody { html in
                html.newline()
                for row in rows {
                    html.tr { html in
                        html.th(.scope("row")) { html in
                            html.text(row.name)
                            for hidden in row.hidden { html.hidden(name: hidden.name, value: hidden.value) }
                        }
                        for field in row.fields {
                            html.td { field.render(into: &$0) }
                        }
                    }
                }
                html.newline()
            }
        }
        html.newline()
    }

    /// The boxes that add organizations or people by name, with the status or role they are added with.
    private func add(_ fields: [FormField], into html: inout HTML) {
        html.div(.class("add-participants")) { html in
            for field in fields { field.render(into: &html) }
        }
        html.newline()
    }
}
