import LiaisonCore
import LiaisonStore

/// What the create and edit page shows: the form's fields grouped as the page shows them, the rows of roles
/// and practices with spare blank ones, and every error with a link to its field.
struct OrganizationFormModel {
    struct Row {
        let fields: [FormField]
    }

    let heading: String
    let action: String
    let cancel: String
    let version: String
    let errorSummary: [FieldErrorLink]
    let conflict: Bool
    let groups: [FieldGroup]
    let roleRows: [Row]
    /// An error about the roles as a list ("at most 100"), shown at the top of their section.
    let rolesError: String?
    let practiceRows: [Row]
    let practicesError: String?
    let affiliations: FormField?

    init(
        form: OrganizationForm, heading: String, action: String, cancel: String, conflict: Bool = false,
        networks: [OrganizationSummary], staff: [StaffAccount], regions: RegionCatalog, strings t: Strings
    ) {
        self.heading = heading
        self.action = action
        self.cancel = cancel
        self.version = form.version
        self.conflict = conflict
        func field(_ name: String, _ control: FormField.Control = .text, required: Bool = false, hint: String? = nil)
            -> FormField
        {
            FormField(
                name: name, label: t.field(name), value: form.values[name] ?? "",
                error: form.errors[name] ?? form.errors.first { $0.key.hasPrefix(name + "[") }?.value, hint: hint,
                required: required, control: control)
        }
        func select(_ name: String, _ pairs: [(String, String)], blank: String?) -> FormField {
            var f = field(name, .select)
            f.options = FormField.choices(pairs, selected: form.values[name] ?? "", blank: blank)
            return f
        }
        var paying = field("paying", .checkbox)
        paying.checked = form.paying
        var latitude = field("latitude", .number, hint: t[.hintCoordinates])
        latitude.step = "any"
        var longitude = field("longitude", .number)
        longitude.step = "any"
        groups = [
            FieldGroup(
                legend: t[.groupIdentity],
                fields: [
                    select(
                        "kind", OrganizationKind.allCases.map { ($0.rawValue, t.label($0)) }, blank: nil),
                    field("name", required: true),
                    field("nativeName", hint: t[.hintNativeName]),
                    field("aliases", .textarea, hint: t[.hintAliases]),
                ]),
            FieldGroup(
                legend: t[.groupPlace],
                fields: [
                    select(
                        "country", Country.allByName.map { ($0.code, "\($0.name) (\($0.code))") }, blank: t[.choose]),
                    select("region", regions.regions.map { ($0.key, $0.name) }, blank: t[.choose]),
                    field("metroArea"), field("population", .number), latitude, longitude, field("website", .url),
                ]),
            FieldGroup(
                legend: t[.groupMembership],
                fields: [
                    select(
                        "membershipStatus", MembershipStatus.allCases.map { ($0.rawValue, t.label($0)) },
                        blank: nil),
                    field("memberSince", .number, hint: t[.hintYear]), paying, field("duesPerYear", .number),
                    select("focalPointAccountId", staff.map { (String($0.id), $0.name) }, blank: t[.nobody]),
                    field("focalPoint", hint: t[.hintFocalPoint]),
                ]),
        ]
        func rowField(_ prefix: String, _ index: Int, _ name: String, _ value: String, _ control: FormField.Control)
            -> FormField
        {
            let full = "\(prefix)[\(index)].\(name)"
            return FormField(
                name: full, label: t.field("\(prefix)_\(name)"), value: value, error: form.errors[full],
                control: control)
        }
        // Existing rows plus spare blank ones, so a role or practice can be added without JavaScript.
        let shownRoles = shownRows(
            form.roles, max: OrganizationInput.maxGovernanceRoles, error: form.errors["governanceRoles"], strings: t)
        rolesError = shownRoles.error
        let roles = shownRoles.rows + Array(repeating: OrganizationForm.RoleRow(), count: 2)
        roleRows = roles.enumerated().map { index, row in
            Row(fields: [
                rowField("governanceRoles", index, "title", row.title, .text),
                rowField("governanceRoles", index, "fromYear", row.fromYear, .number),
                rowField("governanceRoles", index, "toYear", row.toYear, .number),
            ])
        }
        let shownPractices = shownRows(
            form.practices, max: OrganizationInput.maxPractices, error: form.errors["practices"], strings: t)
        practicesError = shownPractices.error
        let practices = shownPractices.rows + [OrganizationForm.PracticeRow()]
        practiceRows = practices.enumerated().map { index, row in
            Row(fields: [
                rowField("practices", index, "title", row.title, .text),
                rowField("practices", index, "year", row.year, .number),
                rowField("practices", index, "description", row.description, .textarea),
            ])
        }
        if networks.isEmpty {
            affiliations = nil
        } else {
            var f = FormField(
                name: "affiliations", label: t[.fieldAffiliations], error: form.errors["affiliations"],
                control: .checkboxes)
            f.options = networks.map {
                FormField.Option(
                    value: String($0.id), label: $0.name, selected: form.affiliationIds.contains(String($0.id)))
            }
            affiliations = f
        }
        let allFields = groups.flatMap(\.fields) + roleRows.flatMap(\.fields) + practiceRows.flatMap(\.fields)
        var links = allFields.compactMap { f in f.error.map { FieldErrorLink(id: f.id, message: "\(f.label): \($0)") } }
        // Errors on fields the page has no input for (an affiliation that vanished, a list too long) still get
        // listed, linked to their section.
        let shown = Set(allFields.compactMap(\.error))
        for (name, message) in form.errors.sorted(by: { $0.key < $1.key }) where !shown.contains(message) {
            let section = ["governanceRoles", "practices"].first { name.hasPrefix($0) } ?? "affiliations"
            links.append(FieldErrorLink(id: "f-\(section)", message: message))
        }
        errorSummary = links
    }
}
