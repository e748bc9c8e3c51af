import Foundation
import LiaisonCore
import LiaisonStore

/// What the activity create/edit page shows: the form's fields grouped as the page shows them, the rows of
/// the organizations and people taking part, and the errors with links to their fields.
struct ActivityFormModel {
    struct ParticipantRow {
        let name: String
        /// Hidden inputs that carry the row's record back (its id and name).
        let hidden: [(name: String, value: String)]
        let fields: [FormField]
    }
    /// A name that several people have: radio buttons, one per person, with their position and organization.
    struct PersonChoice {
        let legend: String
        let options: [FormField]
    }

    let heading: String
    let action: String
    let cancel: String
    let version: String
    let errorSummary: [FieldErrorLink]
    let conflict: Bool
    let groups: [FieldGroup]
    let organizationRows: [ParticipantRow]
    /// An error about the organizations as a list ("at most 500"), shown at the top of their section.
    let organizationsError: String?
    let addOrganizations: [FormField]
    let peopleRows: [ParticipantRow]
    let peopleError: String?
    let addPeople: [FormField]
    let personChoices: [PersonChoice]
    /// Choices already made among people of one name, carried back while the form is shown again.
    let keptPicks: [(name: String, value: String)]

    init(
        form: ActivityForm, heading: String, action: String, cancel: String, conflict: Bool, staff: [StaffAccount],
        missions: [ActivitySummary], strings t: Strings
    ) {
        self.heading = heading
        self.action = action
        self.cancel = cancel
        version = form.version
        self.conflict = conflict
        func field(_ name: String, _ control: FormField.Control = .text, hint: String? = nil) -> FormField {
            FormField(
                name: name, label: t.field("activity_\(name)"), value: form.values[name] ?? "",
                error: form.errors[name] ?? form.errors.first { $0.key.hasPrefix(name + "[") }?.value, hint: hint,
                control: control)
        }
        func select(_ name: String, _ pairs: [(String, String)], blank: String? = nil) -> FormField {
            var f = field(name, .select)
            f.options = FormField.choices(pairs, selected: form.values[name] ?? "", blank: blank)
            return f
        }
        var title = field("title")
        title.required = true
        var allDay = field("allDay", .checkbox)
        allDay.checked = form.allDay
        var staffField = FormField(
            name: "staff", label: t[.fieldActivityStaff], error: form.errors["staffAccountIds"], control: .checkboxes
        )
        staffField.options = staff.map {
            FormField.Option(value: String($0.id), label: $0.name, selected: form.staff.contains(String($0.id)))
        }
        var startDate = field("startDate", .date, hint: t[.hintDay])
        startDate.required = true
        var endDate = field("endDate", .date, hint: t[.hintDay])
        endDate.required = true
        let zone = ZoneChoices.field(
            name: "timeZone", label: t.field("activity_timeZone"), value: form.values["timeZone"] ?? "",
            error: form.errors["timeZone"], hint: t[.hintZoneChoice])
        groups = [
            FieldGroup(
                legend: t[.groupActivity],
                fields: [
                    select("kind", ActivityKind.allCases.map { ($0.rawValue, t.label($0)) }),
                    title, field("summary", .textarea),
                    select(
                        "missionId", missions.map { (String($0.id), "\($0.title) (\($0.start.prefix(10)))") },
                        blank: t[.noMission]),
                    select(
                        "visibility", ActivityVisibility.allCases.map { ($0.rawValue, t.label($0)) }),
                ]),
            FieldGroup(
                legend: t[.groupWhenWhere],
                fields: [
                    startDate, field("startTime", .time, hint: t[.hintTime]), endDate,
                    field("endTime", .time, hint: t[.hintTime]), allDay, zone,
                    field("place", hint: t[.hintActivityPlace]), field("venue"),
                ]),
            FieldGroup(legend: t[.groupStaff], fields: [staffField]),
        ]
        func rowSelect(
            _ name: String, _ label: String, _ value: String, _ pairs: [(String, String)], blank: String? = nil
        )
            -> FormField
        {
            var f = FormField(name: name, label: label, value: value, control: .select)
            f.options = FormField.choices(pairs, selected: value, blank: blank)
            return f
        }
        func check(_ name: String, _ label: String, _ on: Bool) -> FormField {
            FormField(name: name, label: label, control: .checkbox, checked: on)
        }
        /// A participant's fields, each saying whose row it is in (its label repeats from row to row).
        func inRow(_ name: String, _ fields: [FormField]) -> [FormField] {
            fields.map { field in
                var field = field
                field.row = name
                return field
            }
        }
        let shownOrganizations = shownRows(
            form.organizations, max: ActivityInput.maxOrganizations, error: form.errors["organizations"], strings: t)
        organizationsError = shownOrganizations.error
        organizationRows = shownOrganizations.rows.enumerated().map { index, row in
            let p = "organizations[\(index)]"
            return ParticipantRow(
                name: row.name, hidden: [("\(p).id", row.id), ("\(p).name", row.name)],
                fields: inRow(
                    row.name,
                    [
                        rowSelect(
                            "\(p).mode", t[.fieldParticipantMode], row.mode,
                            AttendanceMode.allCases.map { ($0.rawValue, t.label($0)) }),
                        rowSelect(
                            "\(p).status", t[.fieldParticipantStatus], row.status,
                            ParticipationStatus.allCases.map { ($0.rawValue, t.label($0)) }),
                        check("\(p).organizer", t[.organizer], row.organizer),
                        check("\(p).remove", t[.remove], row.remove),
                    ]))
        }
        addOrganizations = [
            field("addInPerson", .textarea, hint: t[.hintAddOrganizations]),
            field("addVirtual", .textarea, hint: t[.hintAddOrganizations]),
            select(
                "addStatus", ParticipationStatus.allCases.map { ($0.rawValue, t.label($0)) },
                blank: t[.statusByDate]),
        ]
        let delegations = form.organizations.filter { !$0.id.isEmpty }.map { ($0.id, $0.name) }
        let shownPeople = shownRows(
            form.people, max: ActivityInput.maxPeople, error: form.errors["people"], strings: t)
        peopleError = shownPeople.error
        peopleRows = shownPeople.rows.enumerated().map { index, row in
            let p = "people[\(index)]"
            return ParticipantRow(
                name: row.name, hidden: [("\(p).id", row.id), ("\(p).name", row.name)],
                fields: inRow(
                    row.name,
                    [
                        rowSelect(
                            "\(p).role", t[.fieldParticipantRole], row.role,
                            DelegateRole.allCases.map { ($0.rawValue, t.label($0)) }),
                        rowSelect(
                            "\(p).delegation", t[.fieldParticipantDelegation], row.delegation, delegations,
                            blank: t[.noDelegation]),
                        check("\(p).inPerson", t[.modeInPerson], row.inPerson),
                        check("\(p).remove", t[.remove], row.remove),
                    ]))
        }
        addPeople = [
            field("addPeople", .textarea, hint: t[.hintAddPeople]),
            select("addRole", DelegateRole.allCases.map { ($0.rawValue, t.label($0)) }),
        ]
        personChoices = form.personChoices.map { choice in
            PersonChoice(
                legend: String(format: t[.whichPerson], choice.name),
                options: choice.people.map { person in
                    FormField(
                        name: ActivityForm.pickField(choice.key),
                        label: [person.name, person.detail].compactMap { $0 }.joined(separator: " — "),
                        value: String(person.id), control: .radio,
                        checked: form.picks[choice.key] == String(person.id))
                })
        }
        let asked = Set(form.personChoices.map(\.key))
        keptPicks = form.picks.filter { !asked.contains($0.key) }.sorted { $0.key < $1.key }
            .map { (ActivityForm.pickField($0.key), $0.value) }
        let allFields = groups.flatMap(\.fields) + addOrganizations + addPeople
        var links = allFields.compactMap { f in
            f.error.map { FieldErrorLink(id: f.id, message: "\(f.label): \($0)") }
        }
        let shown = Set(allFields.compactMap(\.error))
        for (field, message) in form.errors.sorted(by: { $0.key < $1.key }) where !shown.contains(message) {
            let list = field.hasPrefix("people") ? "f-people" : "f-organizations"
            links.append(FieldErrorLink(id: list, message: message))
        }
        errorSummary = links
    }
}
