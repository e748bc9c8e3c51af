import Foundation
import LiaisonCore
import LiaisonStore

/// The create and edit form for an organization: what was typed, kept as text so a form that comes back
/// with errors shows exactly what the person entered.
struct OrganizationForm {
    struct RoleRow { var title = "", fromYear = "", toYear = "" }
    struct PracticeRow { var title = "", year = "", description = "" }

    var values: [String: String] = [:]
    var paying = false
    var roles: [RoleRow] = []
    var practices: [PracticeRow] = []
    var affiliationIds: Set<String> = []
    var version = ""
    var errors: [String: String] = [:]

    static let textFields = [
        "kind", "name", "nativeName", "aliases", "country", "region", "metroArea", "population", "latitude",
        "longitude", "website", "membershipStatus", "memberSince", "duesPerYear", "focalPoint", "focalPointAccountId",
    ]

    /// A blank form for a new organization.
    init() {
        values = ["kind": OrganizationKind.city.rawValue, "membershipStatus": MembershipStatus.none.rawValue]
    }

    /// The form filled with a stored organization, for editing.
    init(organization o: Organization) {
        func text(_ number: (some Numeric)?) -> String { number.map { "\($0)" } ?? "" }
        values = [
            "kind": o.kind.rawValue, "name": o.name, "nativeName": o.nativeName ?? "",
            "aliases": o.aliases.joined(separator: "\n"), "country": o.country ?? "", "region": o.region ?? "",
            "metroArea": o.metroArea ?? "", "population": text(o.population), "latitude": text(o.latitude),
            "longitude": text(o.longitude), "website": o.website ?? "", "membershipStatus": o.membershipStatus.rawValue,
            "memberSince": text(o.memberSince), "duesPerYear": text(o.duesPerYear), "focalPoint": o.focalPoint ?? "",
            "focalPointAccountId": text(o.focalPointAccountId),
        ]
        paying = o.paying
        roles = o.governanceRoles.map { RoleRow(title: $0.title, fromYear: text($0.fromYear), toYear: text($0.toYear)) }
        practices = o.practices.map {
            PracticeRow(title: $0.title, year: text($0.year), description: $0.description ?? "")
        }
        affiliationIds = Set(o.affiliations.map { String($0.networkId) })
        version = String(o.version)
    }

    /// The form as submitted.
    init(form: FormData) {
        for name in Self.textFields { values[name] = form[name] }
        paying = form["paying"] == "on" || form["paying"] == "true"
        roles = form.rows(prefix: "governanceRoles") { form, p in
            RoleRow(title: form["\(p).title"], fromYear: form["\(p).fromYear"], toYear: form["\(p).toYear"])
        }
        practices = form.rows(prefix: "practices") { form, p in
            PracticeRow(title: form["\(p).title"], year: form["\(p).year"], description: form["\(p).description"])
        }
        affiliationIds = Set(form.all("affiliations"))
        version = form["version"]
    }

    /// The input the form describes, or every error found: unreadable numbers and broken rules together.
    mutating func input(regions: RegionCatalog, currentYear: Int) -> OrganizationInput? {
        var parseErrors: [String: String] = [:]
        func integer(_ field: String, _ text: String) -> Int? {
            let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            if trimmed.isEmpty { return nil }
            guard let number = Int(trimmed) else {
                parseErrors[field] = "Enter a whole number."
                return nil
            }
            return number
        }
        func decimal(_ field: String) -> Double? {
            let trimmed = (values[field] ?? "").trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let number = Double(trimmed), number.isFinite else {
                parseErrors[field] = "Enter a number such as 23.1291."
                return nil
            }
            return number
        }
        let kind = OrganizationKind(rawValue: values["kind"] ?? "")
        if kind == nil { parseErrors["kind"] = "Choose a kind." }
        let status = MembershipStatus(rawValue: values["membershipStatus"] ?? "")
        if status == nil { parseErrors["membershipStatus"] = "Choose a membership status." }
        var affiliations: [Affiliation] = []
        for id in affiliationIds.sorted() {
            if let networkId = Int64(id) { affiliations.append(Affiliation(networkId: networkId)) }
        }
        let typed = OrganizationInput(
            kind: kind ?? .city, name: values["name"] ?? "", nativeName: values["nativeName"],
            aliases: (values["aliases"] ?? "").split(whereSeparator: \.isNewline).map(String.init),
            country: values["country"], region: values["region"], metroArea: values["metroArea"],
            population: integer("population", values["population"] ?? ""), latitude: decimal("latitude"),
            longitude: decimal("longitude"), website: values["website"], membershipStatus: status ?? .none,
            memberSince: integer("memberSince", values["memberSince"] ?? ""), paying: paying,
            duesPerYear: integer("duesPerYear", values["duesPerYear"] ?? ""), focalPoint: values["focalPoint"],
            focalPointAccountId: integer("focalPointAccountId", values["focalPointAccountId"] ?? "").map(Int64.init),
            governanceRoles: roles.enumerated().map { index, row in
                GovernanceRole(
                    title: row.title, fromYear: integer("governanceRoles[\(index)].fromYear", row.fromYear),
                    toYear: integer("governanceRoles[\(index)].toYear", row.toYear))
            },
            affiliations: affiliations,
            practices: practices.enumerated().map { index, row in
                Practice(
                    title: row.title, year: integer("practices[\(index)].year", row.year),
                    description: row.description)
            }
        )
        var input = typed
        do {
            input = try typed.checked(regions: regions, currentYear: currentYear)
        } catch {
            for fieldError in error.errors where errors[fieldError.field] == nil {
                errors[fieldError.field] = fieldError.message
            }
        }
        // A number that could not be read says so, rather than "required" or "out of range".
        errors.merge(parseErrors) { _, parse in parse }
        return errors.isEmpty ? input : nil
    }

    mutating func addErrors(_ fieldErrors: [FieldError]) {
        for error in fieldErrors where errors[error.field] == nil {
            errors[error.field] = error.message
        }
    }
}
