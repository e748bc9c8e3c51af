import Foundation
import LiaisonCore

/// One field's change as the history shows it: the field's label and its values as readable lines.
struct ReadableChange {
    let field: String
    let before: [String]
    let after: [String]
}

/// The audit trail in the interface's words: a field's label rather than its property name
/// (`metAtActivityId` reads "Met at (activity on the calendar)"), and lists such as positions or channels
/// as a line each rather than the JSON the trail stores.
struct HistoryText {
    let t: Strings
    let entity: RecordKind?

    func change(_ change: FieldChange) -> ReadableChange {
        ReadableChange(
            field: label(change.field), before: lines(change.before, field: change.field),
            after: lines(change.after, field: change.field))
    }

    /// The field's label: an activity's own first, then the history's, then the form's; failing those, the
    /// property name spelt out in words ("requireTwoFactor" reads "Require two factor").
    func label(_ name: String) -> String {
        if entity == .activity {
            let alias = ["placeOrganizationId": "place", "staffAccountIds": "staff"][name] ?? name
            if let text = t.text(named: "field_activity_" + alias) { return text }
        }
        return t.text(named: "history_field_" + name) ?? t.text(named: "field_" + name) ?? Self.words(name)
    }

    static func words(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty {
                result += " " + character.lowercased()
            } else if character == "_" {
                result += " "
            } else {
                result.append(character)
            }
        }
        return result.prefix(1).uppercased() + result.dropFirst()
    }

    /// The value as lines to read; empty when the field had no value.
    func lines(_ raw: String?, field: String) -> [String] {
        guard let raw, !raw.isEmpty else { return [] }
        if raw == "true" || raw == "false", !Self.textFields.contains(field) {
            return [raw == "true" ? t[.yes] : t[.no]]
        }
        if let label = choice(raw, field: field) { return [label] }
        if field == "country", let country = Country.named(code: raw) { return ["\(country.name) (\(raw))"] }
        guard raw.first == "[" || raw.first == "{", !Self.textFields.contains(field),
            let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed])
        else { return [raw] }
        let items = (json as? [Any]) ?? [json]
        switch field {
        case "languages":
            return [items.map { "\($0)" }.map { Language.name(code: $0) ?? $0 }.joined(separator: ", ")]
        case "aliases":
            return [items.map { "\($0)" }.joined(separator: ", ")]
        case "staffAccountIds":
            return [items.map { "#\($0)" }.joined(separator: ", ")]
        default:
            return items.map { item in (item as? [String: Any]).map { line($0, field: field) } ?? "\(item)" }
        }
    }

    /// Fields of free text, whose value is never read as JSON or as a choice.
    private static let textFields: Set<String> = [
        "name", "nativeName", "notes", "metAt", "consentNote", "title", "summary", "venue", "placeName",
        "metroArea", "focalPoint", "honorific", "givenName", "familyName", "website",
    ]

    /// The label of a choice's value, for the fields that hold one.
    private func choice(_ raw: String, field: String) -> String? {
        switch (field, entity) {
        case ("kind", .activity): ActivityKind(rawValue: raw).map { t.label($0) }
        case ("kind", _): OrganizationKind(rawValue: raw).map { t.label($0) }
        case ("membershipStatus", _): MembershipStatus(rawValue: raw).map { t.label($0) }
        case ("nameOrder", _): NameOrder(rawValue: raw).map { t.label($0) }
        case ("role", .account): StaffRole(rawValue: raw).map { t.label($0) }
        case ("role", _): PersonRole(rawValue: raw).map { t.label($0) }
        case ("visibility", _): ActivityVisibility(rawValue: raw).map { t.label($0) }
        default: nil
        }
    }

    /// One element of a list (a position, a channel, a role...) as a line.
    private func line(_ o: [String: Any], field: String) -> String {
        func s(_ key: String) -> String? {
            guard let value = o[key], !(value is NSNull) else { return nil }
            let text = "\(value)"
            return text.isEmpty ? nil : text
        }
        func span(_ from: String?, _ to: String?) -> String? {
            from == nil && to == nil ? nil : "(\(from ?? "…")–\(to ?? ""))"
        }
        func join(_ parts: [String?], _ separator: String = " ") -> String {
            parts.compactMap { $0 }.joined(separator: separator)
        }
        switch field {
        case "positions":
            let title = join([s("title"), s("department")], ", ")
            let place = s("organizationName") ?? s("organizationId").map { "#\($0)" }
            return join([title, place.map { "— \($0)" }, span(s("startDate"), s("endDate"))])
        case "channels":
            let kind = s("kind").flatMap(ChannelKind.init(rawValue:)).map { t.label($0) } ?? s("kind") ?? ""
            let held = (o["heldBy"] as? [String: Any])?["name"].map { "\($0)" } ?? s("heldByAccountId").map { "#\($0)" }
            let preferred = (o["preferred"] as? Bool) == true ? t[.historyPreferred] : nil
            return join(
                [
                    "\(kind): \(s("value") ?? "")", s("label").map { "(\($0))" }, preferred.map { "· \($0)" },
                    held.map { "· \(t[.fieldChannelsHeldBy]) \($0)" },
                ])
        case "governanceRoles":
            return join([s("title"), span(s("fromYear"), s("toYear"))])
        case "affiliations":
            return s("networkName") ?? s("networkId").map { "#\($0)" } ?? ""
        case "practices":
            return join([s("title"), s("year").map { "(\($0))" }, s("description").map { "— \($0)" }])
        case "organizations":
            let name = s("organizationName") ?? s("organizationId").map { "#\($0)" } ?? ""
            let mode = s("mode").flatMap(AttendanceMode.init(rawValue:)).map { t.label($0) }
            let status = s("status").flatMap(ParticipationStatus.init(rawValue:)).map { t.label($0) }
            let organizer = (o["organizer"] as? Bool) == true ? t[.organizer] : nil
            return name + " — " + join([mode, status, organizer], " · ")
        case "people":
            let name = s("personName") ?? s("personId").map { "#\($0)" } ?? ""
            let role = s("role").flatMap(DelegateRole.init(rawValue:)).map { t.label($0) }
            let how = (o["inPerson"] as? Bool).map { $0 ? t[.modeInPerson] : t[.modeVirtual] }
            return name + " — " + join([role, how], " · ")
        default:
            return o.keys.sorted().compactMap { key in s(key).map { "\(label(key)): \($0)" } }.joined(separator: "; ")
        }
    }
}
