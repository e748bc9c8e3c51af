import Foundation
import Hummingbird
import HummingbirdCore
import LiaisonCore
import LiaisonStore

extension OrganizationQuery {
    /// Reads the directory's filters from query parameters, as the API and the directory page send them.
    /// Every value that is not allowed is reported, naming the parameter; the rest of the query stands.
    /// The directory page sends empty values for filters left at "Any"; the API, `strict`, refuses them.
    static func parse(_ parameters: [String: String], regions: RegionCatalog, strict: Bool = false)
        -> (OrganizationQuery, [FieldError])
    {
        var query = OrganizationQuery()
        var errors: [FieldError] = []
        func value(_ name: String) -> String? {
            guard let raw = parameters[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else {
                if strict, parameters[name] != nil {
                    errors.append(
                        FieldError(
                            field: name, rule: "not_empty", message: "\(name) cannot be empty; leave it out instead."))
                }
                return nil
            }
            return raw
        }
        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> T?
        where T.RawValue == String {
            guard let raw = value(name) else { return nil }
            if let parsed = T(rawValue: raw) { return parsed }
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            errors.append(FieldError(field: name, rule: "one_of", message: "\(name) must be one of: \(allowed)."))
            return nil
        }
        // Control characters mean nothing in a search and must not be echoed into the page.
        if let text = value("q")?.filter({ !$0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } }
        ) {
            if text.count > 200 {
                errors.append(FieldError(field: "q", rule: "max_length", message: "q must be at most 200 characters."))
            } else {
                query.text = text
            }
        }
        query.status = choice("status", MembershipStatus.self)
        query.kind = choice("kind", OrganizationKind.self)
        query.sort = choice("sort", OrganizationSort.self) ?? .name
        if let country = value("country") {
            if Country.isAssigned(country.uppercased()) {
                query.country = country.uppercased()
            } else {
                errors.append(
                    FieldError(
                        field: "country", rule: "unknown_country",
                        message: "\"\(country)\" is not an ISO 3166-1 alpha-2 code."))
            }
        }
        if let region = value("region") {
            if regions.region(key: region) != nil {
                query.region = region
            } else {
                errors.append(
                    FieldError(field: "region", rule: "unknown_region", message: "\"\(region)\" is not a region."))
            }
        }
        if let paying = value("paying") {
            switch paying {
            case "true", "yes", "1": query.paying = true
            case "false", "no", "0": query.paying = false
            default:
                errors.append(FieldError(field: "paying", rule: "boolean", message: "paying must be true or false."))
            }
        }
        if let perPage = value("perPage") {
            if let number = Int(perPage), (1...OrganizationQuery.maxPerPage).contains(number) {
                query.perPage = number
            } else {
                errors.append(
                    FieldError(
                        field: "perPage", rule: "range",
                        message: "perPage must be a whole number from 1 to \(OrganizationQuery.maxPerPage)."))
            }
        }
        if let page = value("page") {
            let maxPage = OrganizationQuery.maxPage
            if let number = Int(page), (1...maxPage).contains(number) {
                query.page = number
            } else {
                errors.append(
                    FieldError(
                        field: "page", rule: "range", message: "page must be a whole number from 1 to \(maxPage)."))
            }
        }
        return (query, errors)
    }
}

extension URI {
    /// The query's parameters by name; of a name given twice, the first counts.
    var queryDictionary: [String: String] {
        Dictionary(queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in first }
    }
}
