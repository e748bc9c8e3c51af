import Foundation
import LiaisonCore
import LiaisonStore

/// What the person create/edit page shows: the form's fields grouped as the page shows them, a row of fields
/// for each position and channel, the errors found with links to their fields, and the likely duplicates of
/// a new person with the box that says they are someone else.
struct PersonFormModel {
    /// A record that may be the same person: its current post and preferred way to reach it, where known.
    struct Duplicate {
        let id: Int64
        let name: String
        let nativeName: String?
        let details: [String]
    }
    /// An error in the summary above the form, linking to the field (or the list) it is about.

    let heading: String
    let action: String
    let cancel: String
    let version: String
    let conflict: Bool
    let errorSummary: [FieldErrorLink]
    let groups: [FieldGroup]
    /// Each position's fields, and a blank row for a new one.
    let positionRows: [[FormField]]
    /// An error about the positions as a list ("at most 100"), shown at the top of their section.
    let positionsError: String?
    /// Each channel's fields, and two blank rows for new ones.
    let channelRows: [[FormField]]
    let channelsError: String?
    let duplicates: [Duplicate]
    let confirmDuplicates: FormField

    init(
        form: PersonForm, heading: String, action: String, cancel: String, conflict: Bool,
        duplicates: [PersonSummary], staff: [StaffAccount], activities: [ActivitySummary] = [], strings t: Strings
    ) {
        self.heading = heading
        self.action = action
        self.cancel = cancel
        version = form.version
        self.conflict = conflict
        func field(_ name: String, _ control: FormField.Control = .text, hint: String? = nil) -> FormField {
            FormField(
                name: name, label: t.field(name), value: form.values[name] ?? "",
                error: form.errors[name] ?? form.errors.first { $0.key.hasPrefix(name + "[") }?.value, hint: hint,
                control: control)
        }
        func select(_ name: String, _ pairs: [(String, String)]) -> FormField {
            var f = field(name, .select)
            f.options = FormField.choices(pairs, selected: form.values[name] ?? "", blank: nil)
            return f
        }
        var familyName = field("familyName", hint: t[.hintFamilyName])
        familyName.required = true
        groups = [
            .init(
                legend: t[.groupPerson],
                fields: [
                    field("givenName"), familyName,
                    select("nameOrder", NameOrder.allCases.map { ($0.rawValue, t.label($0)) }),
                    field("nativeName", hint: t[.hintPersonNativeName]), field("honorific"),
                    select("role", PersonRole.allCases.map { ($0.rawValue, t.label($0)) }),
                    field("languages", hint: t[.hintLanguages]),
                ]),
            .init(
                legend: t[.groupContactNotes],
                fields: [
                    field("metAt", hint: t[.hintMetAt]),
                    {
                        var f = field("metAtActivityId", .select)
                        f.options = FormField.choices(
                            activities.map { (String($0.id), "\($0.title) (\($0.start.prefix(10)))") },
                            selected: form.values["metAtActivityId"] ?? "", blank: t[.noMission])
                        return f
                    }(),
                    field("consentNote", .textarea),
                    field("consentDate", .date, hint: t[.hintDay]), field("notes", .textarea),
                ]),
        ]
        /// "Position 1", "Channel 2": the name of a row, as the error summary and screen readers say it.
        func rowLabel(_ prefix: String, _ index: Int) -> String {
            String(format: t[prefix == "positions" ? .summaryPosition : .summaryChannel], index + 1)
        }
        func rowField(
            _ prefix: String, _ index: Int, _ name: String, _ value: String, _ control: FormField.Control = .text,
            errorKey: String? = nil
        ) -> FormField {
            let full = "\(prefix)[\(index)].\(name)"
            var field = FormField(
                name: full, label: t.field("\(prefix)_\(name)"), value: value,
                error: form.errors["\(prefix)[\(index)].\(errorKey ?? name)"], control: control)
            field.row = rowLabel(prefix, index)
            return field
        }
        let shownPositions = shownRows(
            form.positions, max: PersonInput.maxPositions, error: form.errors["positions"], strings: t)
        positionsError = shownPositions.error
        let positions = shownPositions.rows + [PersonForm.PositionRow()]
        positionRows = positions.enumerated().map { index, row in
            [
                rowField("positions", index, "organization", row.organization, errorKey: "organizationId"),
                rowField("positions", index, "title", row.title),
                rowField("positions", index, "department", row.department),
                rowField("positions", index, "startDate", row.startDate),
                rowField("positions", index, "endDate", row.endDate),
            ]
        }
        let shownChannels = shownRows(
            form.channels, max: PersonInput.maxChannels, error: form.errors["channels"], strings: t)
        channelsError = shownChannels.error
        let channels = shownChannels.rows + Array(repeating: PersonForm.ChannelRow(), count: 2)
        channelRows = channels.enumerated().map { index, row in
            var kind = rowField("channels", index, "kind", row.kind, .select)
            kind.options = FormField.choices(
                ChannelKind.allCases.map { ($0.rawValue, t.label($0)) }, selected: row.kind,
                blank: t[.choose])
            var holder = rowField("channels", index, "heldBy", row.heldBy, .select, errorKey: "heldByAccountId")
            holder.options = FormField.choices(
                staff.map { (String($0.id), $0.name) }, selected: row.heldBy, blank: t[.nobody])
            var preferred = FormField(
                name: "preferredChannel", label: t[.fieldChannelsPreferred], value: String(index), control: .radio,
                checked: row.preferred)
            preferred.row = rowLabel("channels", index)
            return [
                kind, rowField("channels", index, "value", row.value), rowField("channels", index, "label", row.label),
                holder, preferred,
            ]
        }
        self.duplicates = duplicates.map {
            Duplicate(
                id: $0.id, name: $0.displayName, nativeName: $0.nativeName,
                details: [$0.title, $0.organizationName, $0.preferredChannel?.value].compactMap { $0 })
        }
        confirmDuplicates = FormField(
            name: "confirmDuplicates", label: t[.confirmDuplicates], control: .checkbox,
            checked: form.confirmDuplicates)
        let allFields = groups.flatMap(\.fields) + positionRows.joined() + channelRows.joined()
        // Rows repeat their labels, so the summary says which row ("Channel 2, Address or number").
        func rowName(_ field: String) -> String? {
            for (prefix, key) in [("positions[", StringKey.summaryPosition), ("channels[", .summaryChannel)]
            where field.hasPrefix(prefix) {
                let number = Int(field.dropFirst(prefix.count).prefix { $0.isNumber }).map { $0 + 1 } ?? 1
                return String(format: t[key], number)
            }
            return nil
        }
        var links = allFields.compactMap { f in
            f.error.map { message in
                let label = rowName(f.name).map { "\($0), \(f.label.lowercased())" } ?? f.label
                return FieldErrorLink(id: f.id, message: "\(label): \(message)")
            }
        }
        let shown = Set(allFields.compactMap { $0.error })
        // List-wide rules ("only one preferred channel") have no input of their own: link to their list.
        for (field, message) in form.errors.sorted(by: { $0.key < $1.key }) where !shown.contains(message) {
            let list = field.hasPrefix("positions") ? "f-positions" : "f-channels"
            links.append(FieldErrorLink(id: list, message: message))
        }
        errorSummary = links
    }
}
