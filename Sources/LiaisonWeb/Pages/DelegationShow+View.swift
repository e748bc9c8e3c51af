import Foundation
import LiaisonCore
import LiaisonStore

/// A delegation's page: its invitation and estimate, what the forecast counts for it, its registrations with
/// the boxes and form that set many of their states at once, and the form that adds or edits one.
struct DelegationShowView {
    let delegation: Delegation
    /// The people at the organization, offered first in the registration form.
    let people: [PersonAtOrganization]
    /// The registration being edited in the form, by position.
    let editing: Int?
    let notice: String?
    let canEdit: Bool
    let csrf: String
    let t: Strings

    func render(into html: inout HTML) {
        let input = delegation.input
        RecordParts.pageHead(
            delegation.organizationName, path: "/delegations/\(delegation.id)", notice: notice, canEdit: canEdit, t: t,
            into: &html)
        html.p { html in
            html.a(.href("/activities/\(input.activityId)/delegations"), text: delegation.activityTitle)
            if let organizationId = input.organizationId {
                html.text(" · ")
                html.a(.href("/organizations/\(organizationId)"), text: delegation.organizationName)
            }
        }
        let figures = delegation.figures
        html.dl(.class("facts")) { html in
            func fact(_ label: String, _ value: String) {
                html.dt { $0.text(label) }
                html.dd { $0.text(value) }
            }
            fact(t[.fieldInvitationState], t.label(input.state))
            if let sent = input.sentOn {
                fact(t[.fieldSentOn], sent + (delegation.sentByName.map { " · \($0)" } ?? ""))
            }
            if let language = input.letterLanguage {
                fact(t[.fieldLetterLanguage], Language.name(code: language) ?? language)
            }
            fact(
                t[.fieldExpectedSize],
                (input.expectedSize.map { String(format: t[.delegationUpTo], $0) } ?? "–") + " · "
                    + t.label(input.expectedMode))
            if input.mayorHeads { fact(t[.delegationMayorHeads], t[.yes]) }
            fact(
                t[.delegationExpected],
                "\(figures.expected) (\(t.label(AttendanceMode.inPerson)) \(figures.expectedInPerson), "
                    + "\(t.label(AttendanceMode.virtual)) \(figures.expectedVirtual))")
            fact(t[.delegationRegistered], String(figures.registered))
            if let note = input.note { fact(t[.fieldDelegationNote], note) }
        }
        RecordParts.section(
            "registrations", heading: "\(t[.registrationsTitle]) (\(input.registrations.count))",
            sectionId: "registrations", into: &html
        ) { html in
            if canEdit && !input.registrations.isEmpty {
                html.form(.action("/delegations/\(delegation.id)/registrations/state"), .method("post")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.hidden(name: "version", value: String(delegation.version))
                    registrations(boxes: true, into: &html)
                    var state = FormField(name: "setState", label: t[.registrationsSetState], control: .select)
                    state.options = FormField.choices(
                        RegistrationState.allCases.map { ($0.rawValue, t.label($0)) }, selected: "confirmed", blank: nil
                    )
                    state.render(into: &html)
                    html.button(.type("submit"), text: t[.delegationsApply])
                }
            } else {
                registrations(boxes: false, into: &html)
            }
            if canEdit { registrationForm(into: &html) }
        }
    }

    private func registrations(boxes: Bool, into html: inout HTML) {
        if delegation.input.registrations.isEmpty { html.p(.class("muted"), text: t[.registrationsNone]) }
        html.ul(.class("plain registrations")) { html in
            for (position, registration) in delegation.input.registrations.enumerated() {
                let name = registration.personName ?? "#\(registration.personId ?? 0)"
                html.li { html in
                    if boxes {
                        let id = "registration-\(position)"
                        html.input(.type("checkbox"), .id(id), .name("positions"), .value(String(position)))
                        html.text(" ")
                        html.label(.for(id), text: name)
                    } else if let personId = registration.personId {
                        html.a(.href("/people/\(personId)"), text: name)
                    } else {
                        html.text(name)
                    }
                    html.text(" · \(t.label(registration.role)) · \(t.label(registration.mode)) ")
                    html.span(.class("badge")) { $0.text(t.label(registration.state)) }
                    if registration.visaLetter { html.text(" · \(t[.fieldVisaLetter])") }
                    if let language = registration.interpretation {
                        html.text(
                            " · \(String(format: t[.delegationInterpretation], Language.name(code: language) ?? language))"
                        )
                    }
                    if canEdit {
                        html.text(" ")
                        html.a(
                            .href("/delegations/\(delegation.id)?registration=\(position)#registration-form"),
                            .ariaLabel("\(t[.edit]) \(name)"), text: t[.edit])
                    }
                }
            }
        }
    }

    private func registrationForm(into html: inout HTML) {
        let current = editing.map { delegation.input.registrations[$0] }
        html.form(
            .id("registration-form"), .class("record"), .action("/delegations/\(delegation.id)/registrations"),
            .method("post")
        ) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.hidden(name: "version", value: String(delegation.version))
            if let editing { html.hidden(name: "position", value: String(editing)) }
            FormParts.fieldset(legend: current == nil ? t[.registrationAdd] : t[.registrationEdit], into: &html) {
                html in
                var person = FormField(name: "personId", label: t[.fieldRegistrationPerson], control: .select)
                let selected = current?.personId.map(String.init) ?? ""
                person.options = FormField.choices(
                    people.map { (String($0.personId), $0.displayName) }, selected: selected,
                    blank: t[.delegationNotListed])
                if let personId = current?.personId, !people.contains(where: { $0.personId == personId }) {
                    person.options.append(
                        .init(value: String(personId), label: current?.personName ?? "#\(personId)", selected: true))
                }
                person.render(into: &html)
                var name = FormField(
                    name: "personName", label: t[.fieldRegistrationName],
                    value: current?.personId == nil ? current?.personName ?? "" : "")
                name.hint = t[.hintRegistrationName]
                name.render(into: &html)
                select("role", .fieldRole, DelegateRole.allCases, current?.role ?? .member, into: &html)
                select("mode", .fieldRegistrationMode, AttendanceMode.allCases, current?.mode ?? .inPerson, into: &html)
                select(
                    "state", .fieldRegistrationState, RegistrationState.allCases, current?.state ?? .registered,
                    into: &html)
                var visa = FormField(name: "visaLetter", label: t[.fieldVisaLetter], control: .checkbox)
                visa.checked = current?.visaLetter ?? false
                visa.render(into: &html)
                var interpretation = FormField(
                    name: "interpretation", label: t[.fieldInterpretation], value: current?.interpretation ?? "")
                interpretation.hint = t[.hintLanguageCode]
                interpretation.render(into: &html)
            }
            html.div(.class("actions")) { html in
                html.button(.type("submit"), text: t[.save])
                if editing != nil {
                    html.text(" ")
                    html.a(.href("/delegations/\(delegation.id)#registrations"), text: t[.cancel])
                }
            }
        }
    }

    private func select<Value: Labelled>(
        _ name: String, _ label: StringKey, _ cases: [Value], _ selected: Value, into html: inout HTML
    ) {
        var field = FormField(name: name, label: t[label], control: .select)
        field.options = FormField.choices(
            cases.map { ($0.rawValue, t.label($0)) }, selected: selected.rawValue, blank: nil)
        field.render(into: &html)
    }
}

struct DelegationFormView {
    let heading: String
    let action: String
    let cancel: String
    let version: String
    let conflict: Bool
    let fields: [FormField]
    let t: Strings
    let csrf: String

    var errorSummary: [FieldErrorLink] { FieldErrorLink.of(fields) }

    func render(into html: inout HTML) {
        FormParts.record(self, t: t, csrf: csrf, into: &html) { html in
            FormParts.fieldset(legend: t[.delegationInvitation], into: &html) { html in
                for field in fields { field.render(into: &html) }
            }
        }
    }
}

/// An event's delegations on its page: how many in each invitation state, the participants expected and
/// registered, and the links to the list and the forecast.
struct EventDelegationsSection {
    let activityId: Int64
    let forecast: DelegationForecast

    /// The section for an event or the Congress, or for any activity that has delegations; nil otherwise.
    static func shown(for activity: Activity, forecast: DelegationForecast) -> EventDelegationsSection? {
        [.event, .congress].contains(activity.kind) || forecast.delegations > 0
            ? EventDelegationsSection(activityId: activity.id, forecast: forecast) : nil
    }

    func render(into html: inout HTML, t: Strings) {
        RecordParts.section("event-delegations", heading: t[.eventDelegations], into: &html) { html in
            if forecast.delegations == 0 {
                html.p(.class("muted"), text: t[.delegationsNone])
            } else {
                html.p { html in
                    html.text(
                        String(
                            format: t[.delegationForecastSummary], forecast.total.expected, forecast.delegations,
                            forecast.total.registered))
                }
                html.ul(.class("plain")) { html in
                    for state in DelegationInvitationState.allCases {
                        if let count = forecast.states[state.rawValue] {
                            html.li { $0.text("\(t.label(state)): \(count)") }
                        }
                    }
                }
            }
            html.p { html in
                html.a(
                    .class("button secondary"), .href("/activities/\(activityId)/delegations"),
                    text: t[.delegationsList])
                html.text(" ")
                html.a(
                    .class("button secondary"), .href("/activities/\(activityId)/forecast"),
                    text: t[.delegationsForecast])
            }
        }
    }
}

/// An organization's delegations to events on its page.
struct OrganizationDelegationsSection {
    let items: [DelegationSummary]

    func render(into html: inout HTML, t: Strings) {
        guard !items.isEmpty else { return }
        RecordParts.section("delegations-to-events", heading: t[.organizationDelegations], into: &html) { html in
            html.ul(.class("plain")) { html in
                for item in items {
                    html.li { html in
                        html.a(.href("/delegations/\(item.id)"), text: item.activityTitle)
                        html.text(" ")
                        html.span(.class("badge")) { $0.text(t.label(item.state)) }
                        if let size = item.expectedSize { html.text(" · \(String(format: t[.delegationUpTo], size))") }
                    }
                }
            }
        }
    }
}
