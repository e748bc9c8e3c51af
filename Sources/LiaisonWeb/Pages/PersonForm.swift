import Foundation
import LiaisonCore
import LiaisonStore

/// The create and edit form for a person, kept as text so a form that comes back with errors shows exactly
/// what was typed. Positions name their organization by name; the page resolves it in the directory.
struct PersonForm {
    struct PositionRow { var organization = "", title = "", department = "", startDate = "", endDate = "" }
    struct ChannelRow { var kind = "", value = "", label = "", heldBy = "", preferred = false }
    /// The lists whose rows the form adds and removes in place, by the prefix of their fields' names.
    static let lists = ["positions", "channels", "languages"]

    var values: [String: String] = [:]
    var positions: [PositionRow] = []
    var channels: [ChannelRow] = []
    /// The languages by name as shown and typed ("Chinese"); codes are read as well.
    var languages: [String] = []
    /// The list whose "Add another" button sent the form: it is shown again with one more empty row, and
    /// nothing is saved.
    var adding: String?
    /// How many wholly blank rows each list sent, so that pressing "Add another" again adds another.
    var blankRows: [String: Int] = [:]
    var version = ""
    /// Set when the person confirmed that the likely duplicates shown are other people.
    var confirmDuplicates = false
    var errors: [String: String] = [:]

    static let textFields = [
        "givenName", "familyName", "nameOrder", "nativeName", "honorific", "role", "metAt",
        "metAtActivityId", "consentNote", "consentDate", "notes",
    ]

    /// A blank form, with a first position at `organization` when the page was opened from one.
    init(organization: String? = nil) {
        values = ["nameOrder": NameOrder.givenFirst.rawValue, "role": PersonRole.none.rawValue]
        if let organization { positions = [PositionRow(organization: organization)] }
    }

    /// The form filled with a stored person, for editing.
    init(person p: Person) {
        values = [
            "givenName": p.givenName, "familyName": p.familyName, "nameOrder": p.nameOrder.rawValue,
            "nativeName": p.nativeName ?? "", "honorific": p.honorific ?? "", "role": p.role.rawValue,
            "metAt": p.metAt ?? "",
            "metAtActivityId": p.metAtActivityId.map(String.init) ?? "",
            "consentNote": p.consentNote ?? "", "consentDate": p.consentDate ?? "", "notes": p.notes ?? "",
        ]
        positions = p.positions.map {
            PositionRow(
                organization: $0.organizationName ?? "", title: $0.title, department: $0.department ?? "",
                startDate: $0.startDate ?? "", endDate: $0.endDate ?? "")
        }
        channels = p.channels.map {
            ChannelRow(
                kind: $0.kind.rawValue, value: $0.value, label: $0.label ?? "",
                heldBy: $0.heldByAccountId.map(String.init) ?? "", preferred: $0.preferred)
        }
        languages = p.languages.map { Language.name(code: $0) ?? $0 }
        version = String(p.version)
    }

    /// The form as submitted.
    init(form: FormData) {
        for name in Self.textFields { values[name] = form[name] }
        // A row whose "remove" box is ticked is left out, whatever else it holds.
        func kept(_ form: FormData, _ p: String) -> Bool { form["\(p).remove"] != "on" }
        positions = form.rows(prefix: "positions") { form, p in
            kept(form, p)
                ? PositionRow(
                    organization: form["\(p).organization"], title: form["\(p).title"],
                    department: form["\(p).department"], startDate: form["\(p).startDate"],
                    endDate: form["\(p).endDate"]) : nil
        }.compactMap { $0 }
        let preferred = form["preferredChannel"]
        // A spare channel row keeps its kind chosen; it counts only once something is typed in it.
        channels = form.rows(prefix: "channels") { form, p in
            kept(form, p)
                ? ChannelRow(
                    kind: form["\(p).kind"], value: form["\(p).value"], label: form["\(p).label"],
                    heldBy: form["\(p).heldBy"], preferred: !preferred.isEmpty && p == "channels[\(preferred)]")
                : nil
        }.compactMap { $0 }.filter {
            !($0.value + $0.label).trimmingCharacters(in: .whitespaces).isEmpty || $0.preferred
        }
        languages = form.rows(prefix: "languages") { form, p in form["\(p).name"] }
        // One box of codes or names separated by commas, as the form had before the list of names.
        languages += form["languages"].split { $0 == "," || $0 == ";" }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        adding = Self.lists.first { form["add"] == $0 }
        for list in Self.lists { blankRows[list] = form.blankRows(prefix: list) }
        version = form["version"]
        confirmDuplicates = form["confirmDuplicates"] == "on" || form["confirmDuplicates"] == "true"
    }

    /// The input the form describes, as typed; what cannot be read (a kind not chosen, an organization not
    /// in the directory) is recorded in `errors`, ahead of the rules the intake checks. `organizations`
    /// resolves the names typed in the positions to directory records.
    mutating func input(organizations: [String: Int64]) -> PersonInput {
        var parseErrors: [String: String] = [:]
        defer { errors.merge(parseErrors) { _, parse in parse } }
        let nameOrder = NameOrder(rawValue: values["nameOrder"] ?? "")
        if nameOrder == nil { parseErrors["nameOrder"] = "Choose the name order." }
        let role = PersonRole(rawValue: values["role"] ?? "")
        if role == nil { parseErrors["role"] = "Choose a role." }
        let languages = languages.enumerated().map { index, typed in
            let name = typed.trimmingCharacters(in: .whitespaces)
            if let code = Language.code(name: name) { return code }
            parseErrors["languages[\(index)]"] =
                "\"\(name)\" is not a language name this list knows: choose one from the list, e.g. Chinese or English."
            return name
        }
        let positions = positions.enumerated().map { index, row in
            let name = row.organization.trimmingCharacters(in: .whitespaces)
            let id = organizations[SearchText.sortKey(name)]
            if id == nil, !name.isEmpty {
                parseErrors["positions[\(index)].organizationId"] =
                    "No organization in the directory is called \"\(name)\". Check the spelling, or add it first."
            }
            return Position(
                organizationId: id, organizationName: id == nil ? name : nil, title: row.title,
                department: row.department, startDate: row.startDate, endDate: row.endDate)
        }
        let channels = channels.enumerated().map { index, row in
            let kind = ChannelKind(rawValue: row.kind)
            if kind == nil { parseErrors["channels[\(index)].kind"] = "Choose what kind of contact this is." }
            let holder = Int64(row.heldBy)
            if holder == nil, !row.heldBy.isEmpty {
                parseErrors["channels[\(index)].heldByAccountId"] = "Choose a member of staff."
            }
            return Channel(
                kind: kind ?? .email, value: row.value, label: row.label, preferred: row.preferred,
                heldByAccountId: holder)
        }
        return PersonInput(
            givenName: values["givenName"] ?? "", familyName: values["familyName"] ?? "",
            nameOrder: nameOrder ?? .givenFirst, nativeName: values["nativeName"], honorific: values["honorific"],
            languages: languages, role: role ?? .none, notes: values["notes"], metAt: values["metAt"],
            metAtActivityId: Int64(values["metAtActivityId"] ?? ""),
            consentNote: values["consentNote"], consentDate: values["consentDate"], positions: positions,
            channels: channels
        )
    }

    mutating func addErrors(_ fieldErrors: [FieldError]) {
        for error in fieldErrors where errors[error.field] == nil {
            errors[error.field] = error.message
        }
    }

    /// The organization names typed in the positions, for resolving in the directory: those of the positions
    /// that may be kept only, as a longer list is refused whole.
    var organizationNames: [String] {
        positions.prefix(PersonInput.maxPositions).map { $0.organization.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
