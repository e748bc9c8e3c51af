import Foundation

extension OrganizationInput {
    /// The most aliases, governance roles, affiliations and practices one organization may list.
    public static let maxAliases = 50
    public static let maxGovernanceRoles = 100
    public static let maxAffiliations = 100
    public static let maxPractices = 100

    /// The input with text trimmed, blank optional text made nil, blank list entries dropped and the country
    /// code uppercased, so that what is stored and checked is what a person meant.
    public func normalized() -> OrganizationInput {
        var copy = self
        copy.name = name.trimmed
        copy.nativeName = nativeName?.trimmed.nilIfEmpty
        copy.aliases = aliases.map(\.trimmed).filter { !$0.isEmpty }
        copy.country = country?.trimmed.uppercased().nilIfEmpty
        copy.region = region?.trimmed.nilIfEmpty
        copy.metroArea = metroArea?.trimmed.nilIfEmpty
        copy.website = website?.trimmed.nilIfEmpty
        copy.focalPoint = focalPoint?.trimmed.nilIfEmpty
        copy.governanceRoles = governanceRoles.map {
            GovernanceRole(title: $0.title.trimmed, fromYear: $0.fromYear, toYear: $0.toYear)
        }
        copy.practices = practices.map {
            Practice(title: $0.title.trimmed, year: $0.year, description: $0.description?.trimmed.nilIfEmpty)
        }
        copy.affiliations = affiliations.map { Affiliation(networkId: $0.networkId) }
        return copy
    }

    /// Checks every rule that needs no database and throws all broken rules at once.
    /// Call it on a `normalized()` input.
    public func validate(regions: RegionCatalog, currentYear: Int) throws(ValidationError) {
        var report = ValidationReport()
        let years = 1800...(currentYear + 10)
        report.text(name, field: "name", label: "Name", required: true)
        report.text(nativeName, field: "nativeName", label: "Native-script name")
        // Entries past a list's cap are not checked one by one: the list is refused as a whole.
        report.count(aliases.count, max: Self.maxAliases, field: "aliases", noun: "aliases")
        for (index, alias) in aliases.prefix(Self.maxAliases).enumerated() {
            report.text(alias, field: "aliases[\(index)]", label: "Alias")
        }
        if let country {
            if !Country.isAssigned(country) {
                report.add("country", "unknown_country", "\(country.quoted) is not an ISO 3166-1 alpha-2 country code.")
            }
        } else if kind.requiresCountry {
            report.add("country", "required", "Country is required for a \(kind.label.lowercased()).")
        }
        if let region, regions.region(key: region) == nil {
            let keys = regions.regions.map(\.key).joined(separator: ", ")
            report.add("region", "unknown_region", "\(region.quoted) is not one of the regions: \(keys).")
        }
        report.text(metroArea, field: "metroArea", label: "Metropolitan area")
        report.range(population, 0...100_000_000, field: "population", label: "Population")
        report.range(latitude, -90...90, field: "latitude", label: "Latitude")
        report.range(longitude, -180...180, field: "longitude", label: "Longitude")
        if (latitude == nil) != (longitude == nil) {
            let missing = latitude == nil ? "latitude" : "longitude"
            report.add(missing, "pair", "Latitude and longitude go together: give both or neither.")
        }
        if let website {
            report.text(website, field: "website", label: "Website", max: 500)
            if !Self.isWebAddress(website) {
                report.add("website", "url", "Website must be an http:// or https:// address.")
            }
        }
        report.range(memberSince, 1800...currentYear, field: "memberSince", label: "Member since")
        if paying && membershipStatus != .member {
            report.add("paying", "requires_member", "Only a member can be marked as paying.")
        }
        report.range(duesPerYear, 0...100_000_000, field: "duesPerYear", label: "Dues per year")
        report.text(focalPoint, field: "focalPoint", label: "Focal point")
        report.count(
            governanceRoles.count, max: Self.maxGovernanceRoles, field: "governanceRoles", noun: "governance roles")
        for (index, role) in governanceRoles.prefix(Self.maxGovernanceRoles).enumerated() {
            let field = "governanceRoles[\(index)]"
            report.text(role.title, field: "\(field).title", label: "Role title", required: true)
            report.range(role.fromYear, years, field: "\(field).fromYear", label: "Start year")
            report.range(role.toYear, years, field: "\(field).toYear", label: "End year")
            if let from = role.fromYear, let to = role.toYear, to < from {
                report.add("\(field).toYear", "order", "The end year cannot come before the start year.")
            }
        }
        report.count(affiliations.count, max: Self.maxAffiliations, field: "affiliations", noun: "affiliations")
        if Set(affiliations.map(\.networkId)).count != affiliations.count {
            report.add("affiliations", "unique", "A network is listed twice.")
        }
        report.count(practices.count, max: Self.maxPractices, field: "practices", noun: "practices")
        for (index, practice) in practices.prefix(Self.maxPractices).enumerated() {
            let field = "practices[\(index)]"
            report.text(practice.title, field: "\(field).title", label: "Practice title", required: true)
            report.range(practice.year, years, field: "\(field).year", label: "Year")
            report.text(
                practice.description, field: "\(field).description", label: "Description", max: 10_000, multiline: true)
        }
        try report.finish()
    }

    /// Every name the organization is known by, for search.
    public var searchableNames: [String] {
        [name] + [nativeName].compactMap { $0 } + aliases
    }

    /// The text the search box finds the organization by: its names, then its metropolitan area ("Greater
    /// Bay Area") and its practices and initiatives ("Guangzhou Award"), so a colleague looking for examples
    /// finds the city by what it did.
    public var searchDocument: String {
        Self.searchDocument(
            name: name, nativeName: nativeName, aliases: aliases, metroArea: metroArea, practices: practices)
    }

    public static func searchDocument(
        name: String, nativeName: String?, aliases: [String], metroArea: String?, practices: [Practice]
    ) -> String {
        let names = [name] + [nativeName].compactMap { $0 } + aliases
        let context =
            [metroArea].compactMap { $0 } + practices.flatMap { [$0.title] + [$0.description].compactMap { $0 } }
        return SearchText.document(names: names + context)
    }

    /// An http(s) address with a host name of letters, digits and hyphens in dot-separated labels (as the
    /// OpenAPI document's pattern says): "https://www.gz.gov.cn/", not "https://gz.*".
    private static func isWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, host.contains(".")
        else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let hostIsName = labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        return hostIsName && !text.contains(where: \.isWhitespace)
    }
}

extension OrganizationKind {
    /// The English label; pages take theirs from the string catalogue.
    public var label: String {
        switch self {
        case .city: "City"
        case .metropolitanArea: "Metropolitan area"
        case .nationalAssociation: "National association"
        case .network: "Network"
        case .agency: "Agency"
        case .partner: "Partner"
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nilIfEmpty: String? { isEmpty ? nil : self }

    /// The value in quotes for a message, cut to its first 40 characters so that a message never repeats
    /// a long value back.
    var quoted: String { count > 40 ? "\"\(prefix(40))…\"" : "\"\(self)\"" }
}

extension OrganizationInput {
    /// The input normalized and checked against every rule that needs no database: what the API, the
    /// form, the CSV import and the demo store.
    public func checked(regions: RegionCatalog, currentYear: Int) throws(ValidationError) -> OrganizationInput {
        let normalized = normalized()
        try normalized.validate(regions: regions, currentYear: currentYear)
        return normalized
    }
}
