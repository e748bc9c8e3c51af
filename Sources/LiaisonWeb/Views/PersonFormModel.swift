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
    /// A list whose rows are added and removed in place (positions, channels, languages): a row of fields for
    /// each item and the empty rows for new ones, the button that adds one, and what is said when it is full.
    struct RowList {
        let id: String
        /// The prefix of its fields' names ("positions" for positions[0].title), the value its button sends.
        let prefix: String
        let legend: String
        let hint: String
        /// An error about the list as a whole ("at most 100"), shown at the top of its section.
        let error: String?
        let rows: [[FormField]]
        let addLabel: String
        let max: Int
        /// Said in place of the add button once the list holds as many rows as it may.
        let full: String
        let isFull: Bool
    }

    let heading: String
    let action: String
    let cancel: String
    let version: String
    let conflict: Bool
    let errorSummary: [FieldErrorLink]
    let groups: [FieldGroup]
    let languages: RowList
    /// Every language by name, for the language boxes' suggestions.
    let languageNames: [(value: String, label: String)]
    let positions: RowList
    let channels: RowList
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
        func check(_ prefix: String, _ index: Int) -> FormField {
            FormField(name: "\(prefix)[\(index)].remove", label: t[.remove], control: .checkbox)
        }
        /// The rows shown: those sent (up to the cap) and the empty ones, one more than were sent blank when the
        /// list's "Add another" button sent the form.
        func list<Row>(
            _ prefix: String, _ rows: [Row], blank: Row, max: Int, legend: String, hint: String, add: String,
            fields: (Int, Row) -> [FormField]
        ) -> RowList {
            let shown = shownRows(rows, max: max, error: form.errors[prefix], strings: t)
            let wanted = form.adding == prefix ? (form.blankRows[prefix] ?? 0) + 1 : 1
            let spare = Swift.max(0, Swift.min(wanted, max - shown.rows.count))
            let all = shown.rows + Array(repeating: blank, count: spare)
            return RowList(
                id: "f-\(prefix)", prefix: prefix, legend: legend, hint: hint, error: shown.error,
                rows: all.enumerated().map(fields), addLabel: add, max: max, full: String(format: t[.rowsLimit], max),
                isFull: all.count >= max)
        }
        languages = list(
            "languages", form.languages, blank: "", max: PersonInput.maxLanguages, legend: t[.sectionLanguages],
            hint: t[.hintLanguages], add: t[.addLanguage]
        ) { index, name in
            // The intake names a language by its place in the list (languages[1]), not by the box's field.
            var f = FormField(
                name: "languages[\(index)].name", label: t[.fieldLanguagesName], value: name,
                error: form.errors["languages[\(index)]"])
            f.list = "language-names"
            return [f]
        }
        // Each name beside the language's own name for itself ("Chinese" beside "中文"), for those who know it so.
        languageNames = Language.allCodes.compactMap { code in
            Language.name(code: code).map { name in
                let own = Locale(identifier: code).localizedString(forLanguageCode: code) ?? ""
                return (value: name, label: own == name || own == code ? "" : own)
            }
        }.sorted { $0.value < $1.value }
        positions = list(
            "positions", form.positions, blank: PersonForm.PositionRow(), max: PersonInput.maxPositions,
            legend: t[.sectionPositions], hint: t[.hintPositions], add: t[.addPosition]
        ) { index, row in
            [
                rowField("positions", index, "organization", row.organization, errorKey: "organizationId"),
                rowField("positions", index, "title", row.title),
                rowField("positions", index, "department", row.department),
                rowField("positions", index, "startDate", row.startDate),
                rowField("positions", index, "endDate", row.endDate), check("positions", index),
            ]
        }
        channels = list(
            "channels", form.channels, blank: PersonForm.ChannelRow(), max: PersonInput.maxChannels,
            legend: t[.sectionChannels], hint: t[.hintChannels], add: t[.addChannel]
        ) { index, row in
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
                holder, preferred, check("channels", index),
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
        let allFields =
            groups.flatMap(\.fields) + [languages, positions, channels].flatMap { $0.rows.joined() }
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
            let list = PersonForm.lists.first { field.hasPrefix($0) }.map { "f-\($0)" } ?? "f-channels"
            links.append(FieldErrorLink(id: list, message: message))
        }
        errorSummary = links
    }
}
