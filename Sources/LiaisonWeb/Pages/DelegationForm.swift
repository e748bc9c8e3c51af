import Foundation
import LiaisonCore
import LiaisonStore

/// The filters of an event's delegations and forecast: region, country and invitation state.
struct DelegationFilters {
    var query: DelegationQuery
    var errors: [FieldError] = []
    /// The filters as they were typed, to write them back into the form and the links.
    var values: [String: String] = [:]

    static let names = ["region", "country", "state"]

    init(_ parameters: [String: String], activityId: Int64, settings: WebSettings, t: Strings) {
        query = DelegationQuery(activityId: activityId)
        var reader = QueryReader(parameters, strict: false)
        if let region = reader.value("region") {
            if settings.regions.region(key: region) != nil {
                query.region = region
            } else {
                reader.fail("region", "choice", t[.errorUnknownRegion])
            }
        }
        query.country = reader.country()
        if let state = reader.value("state") {
            if let state = DelegationInvitationState(rawValue: state) {
                query.states = [state]
            } else {
                reader.fail("state", "choice", t[.errorDelegationState])
            }
        }
        errors = reader.errors
        for name in Self.names { if let value = parameters[name], !value.isEmpty { values[name] = value } }
    }

    /// The address of `path` with these filters.
    func link(_ path: String) -> String {
        var parts = URLComponents()
        parts.path = path
        let items = Self.names.compactMap { name in values[name].map { URLQueryItem(name: name, value: $0) } }
        parts.queryItems = items.isEmpty ? nil : items
        return parts.string ?? path
    }

    func fields(_ regions: RegionCatalog, t: Strings) -> [FormField] {
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var region = FormField(name: "region", label: t[.filterRegion], error: error("region"), control: .select)
        region.options = FormField.choices(
            regions.regions.map { ($0.key, $0.name) }, selected: values["region"] ?? "", blank: t[.any])
        var country = FormField(name: "country", label: t[.filterCountry], error: error("country"), control: .select)
        country.options = FormField.choices(
            Country.allByName.map { ($0.code, $0.name) }, selected: values["country"]?.uppercased() ?? "",
            blank: t[.any])
        var state = FormField(
            name: "state", label: t[.fieldInvitationState], error: error("state"), control: .select)
        state.options = FormField.choices(
            DelegationInvitationState.allCases.map { ($0.rawValue, t.label($0)) }, selected: values["state"] ?? "",
            blank: t[.any])
        return [region, country, state]
    }
}

/// What the delegation's form and its registration form read and show.
enum DelegationForm {
    static let fieldNames = [
        "state", "sentOn", "sentByAccountId", "letterLanguage", "expectedSize", "mayorHeads", "expectedMode", "note",
    ]

    /// The input the form stands for, keeping the registrations of `current`; nil with `errors` when a field
    /// cannot be read at all.
    static func input(
        _ values: [String: String], current: DelegationInput, errors: inout [String: String], t: Strings
    ) -> DelegationInput? {
        var input = current
        if let state = DelegationInvitationState(rawValue: values["state"] ?? "") {
            input.state = state
        } else {
            errors["state"] = t[.errorDelegationState]
        }
        if let mode = AttendanceMode(rawValue: values["expectedMode"] ?? "") {
            input.expectedMode = mode
        } else {
            errors["expectedMode"] = t[.errorDelegationMode]
        }
        input.sentOn = values["sentOn"]
        input.sentByAccountId = nil
        if let raw = values["sentByAccountId"]?.nilIfBlank {
            input.sentByAccountId = Int64(raw)
            if input.sentByAccountId == nil { errors["sentByAccountId"] = String(format: t[.errorNotARecordId], raw) }
        }
        input.letterLanguage = values["letterLanguage"]?.nilIfBlank.map { Language.code(name: $0) ?? $0 }
        input.expectedSize = nil
        if let raw = values["expectedSize"]?.trimmingCharacters(in: .whitespaces).nilIfBlank {
            input.expectedSize = Int(raw)
            if input.expectedSize == nil { errors["expectedSize"] = t[.errorExpectedSize] }
        }
        input.mayorHeads = !(values["mayorHeads"] ?? "").isEmpty
        input.note = values["note"]
        return errors.isEmpty ? input : nil
    }

    static func fields(_ values: [String: String], errors: [String: String], accounts: [StaffAccount], t: Strings)
        -> [FormField]
    {
        func field(_ name: String, _ label: StringKey, control: FormField.Control = .text) -> FormField {
            FormField(name: name, label: t[label], value: values[name] ?? "", error: errors[name], control: control)
        }
        var state = field("state", .fieldInvitationState, control: .select)
        state.options = FormField.choices(
            DelegationInvitationState.allCases.map { ($0.rawValue, t.label($0)) }, selected: values["state"] ?? "",
            blank: nil)
        var sentBy = field("sentByAccountId", .fieldSentBy, control: .select)
        sentBy.options = FormField.choices(
            accounts.filter { !$0.disabled }.map { (String($0.id), $0.name) },
            selected: values["sentByAccountId"] ?? "", blank: t[.anyone])
        var language = field("letterLanguage", .fieldLetterLanguage)
        language.hint = t[.hintLanguageCode]
        var size = field("expectedSize", .fieldExpectedSize, control: .number)
        size.hint = t[.hintExpectedSize]
        var mayor = field("mayorHeads", .fieldMayorHeads, control: .checkbox)
        mayor.checked = !(values["mayorHeads"] ?? "").isEmpty
        var mode = field("expectedMode", .fieldExpectedMode, control: .select)
        mode.options = FormField.choices(
            AttendanceMode.allCases.map { ($0.rawValue, t.label($0)) }, selected: values["expectedMode"] ?? "",
            blank: nil)
        return [
            state, field("sentOn", .fieldSentOn, control: .date), sentBy, language, size, mayor, mode,
            field("note", .fieldDelegationNote, control: .textarea),
        ]
    }

    /// The registration a form sends; nil with `errors` when a field cannot be read at all.
    static func registration(_ form: FormData, errors: inout [String: String], t: Strings) -> DelegationRegistration? {
        var registration = DelegationRegistration()
        if let raw = form["personId"].nilIfBlank {
            registration.personId = Int64(raw)
            if registration.personId == nil { errors["personId"] = String(format: t[.errorNotARecordId], raw) }
        }
        registration.personName = form["personName"].nilIfBlank
        for (name, ok) in [
            ("role", DelegateRole(rawValue: form["role"]).map { registration.role = $0 } != nil),
            ("mode", AttendanceMode(rawValue: form["mode"]).map { registration.mode = $0 } != nil),
            ("state", RegistrationState(rawValue: form["state"]).map { registration.state = $0 } != nil),
        ] where !ok {
            errors[name] = t[.errorRegistrationState]
        }
        registration.visaLetter = !form["visaLetter"].isEmpty
        registration.interpretation = form["interpretation"].nilIfBlank.map { Language.code(name: $0) ?? $0 }
        return errors.isEmpty ? registration : nil
    }
}
