import Foundation
import LiaisonCore

/// Reads list filters from query parameters, as the API and the pages send them. Every value that is not
/// allowed is reported, naming the parameter; the rest of the query stands. Pages send empty values for
/// filters left at "Any"; the API, `strict`, refuses them.
struct QueryReader {
    let parameters: [String: String]
    let strict: Bool
    private(set) var errors: [FieldError] = []

    init(_ parameters: [String: String], strict: Bool) {
        self.parameters = parameters
        self.strict = strict
    }

    mutating func fail(_ field: String, _ rule: String, _ message: String) {
        errors.append(FieldError(field: field, rule: rule, message: message))
    }

    /// The trimmed value, nil when absent or blank.
    mutating func value(_ name: String) -> String? {
        guard let raw = parameters[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else {
            if strict, parameters[name] != nil {
                fail(name, "not_empty", "\(name) cannot be empty; leave it out instead.")
            }
            return nil
        }
        return raw
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> T?
    where T.RawValue == String {
        guard let raw = value(name) else { return nil }
        if let parsed = T(rawValue: raw) { return parsed }
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        fail(name, "one_of", "\(name) must be one of: \(allowed).")
        return nil
    }

    /// Free text of at most `max` characters; control characters mean nothing in a search and must not be
    /// echoed into the page.
    mutating func text(_ name: String, max: Int = 200) -> String? {
        guard
            let text = value(name)?.filter({
                !$0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
            })
        else { return nil }
        guard text.count <= max else {
            fail(name, "max_length", "\(name) must be at most \(max) characters.")
            return nil
        }
        return text
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let raw = value(name) else { return nil }
        if let number = Int(raw), range.contains(number) { return number }
        fail(name, "range", "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        return nil
    }

    mutating func recordId(_ name: String) -> Int64? {
        guard let raw = value(name) else { return nil }
        if let id = Int64(raw), id > 0 { return id }
        fail(name, "record_id", "\(name) must be a record id (a whole number from 1).")
        return nil
    }

    /// Record ids separated by commas ("3,7,12"), at most `max` of them, each listed once.
    mutating func recordIds(_ name: String, max: Int) -> [Int64] {
        guard let raw = value(name) else { return [] }
        var ids: [Int64] = []
        for part in raw.split(separator: ",", omittingEmptySubsequences: true) {
            guard let id = Int64(part.trimmingCharacters(in: .whitespaces)), id > 0 else {
                fail(name, "record_ids", "\(name) must be record ids (whole numbers from 1) separated by commas.")
                return []
            }
            if !ids.contains(id) { ids.append(id) }
        }
        guard ids.count <= max else {
            fail(name, "max_items", "\(name) may name at most \(max) records.")
            return []
        }
        return ids
    }

    mutating func country(_ name: String = "country") -> String? {
        guard let country = value(name) else { return nil }
        if Country.isAssigned(country.uppercased()) { return country.uppercased() }
        fail(name, "unknown_country", "\"\(country)\" is not an ISO 3166-1 alpha-2 code.")
        return nil
    }

    mutating func boolean(_ name: String) -> Bool? {
        guard let raw = value(name) else { return nil }
        switch raw {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default:
            fail(name, "boolean", "\(name) must be true or false.")
            return nil
        }
    }
}
