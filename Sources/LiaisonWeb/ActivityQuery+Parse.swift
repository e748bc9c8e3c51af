import Foundation
import LiaisonCore
import LiaisonStore

extension ActivityQuery {
    /// Reads a calendar's filters from query parameters, as the API and the calendar pages send them:
    /// `from`/`to` (a date, midnight UTC, or an instant such as 2026-11-11T01:30:00Z), `kind` (one or more,
    /// comma-separated), `region`, `organization`, `person`, `staff`, `mission`, `order`, `limit`, `offset`.
    static func parse(_ parameters: [String: String], regions: RegionCatalog, strict: Bool = false)
        -> (ActivityQuery, [FieldError])
    {
        var query = ActivityQuery()
        var reader = QueryReader(parameters, strict: strict)
        query.from = reader.instant("from")
        // A range that ends before it starts is empty: it finds nothing rather than an error.
        query.to = reader.instant("to")
        if let kinds = reader.value("kind") {
            for raw in kinds.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if let kind = ActivityKind(rawValue: raw) {
                    if !query.kinds.contains(kind) { query.kinds.append(kind) }
                } else {
                    let allowed = ActivityKind.allCases.map(\.rawValue).joined(separator: ", ")
                    reader.fail("kind", "one_of", "kind must be one or more of: \(allowed).")
                    break
                }
            }
        }
        if let region = reader.value("region") {
            if regions.region(key: region) != nil {
                query.region = region
            } else {
                reader.fail("region", "unknown_region", "\"\(region)\" is not a region.")
            }
        }
        query.organizationId = reader.recordId("organization")
        query.personId = reader.recordId("person")
        query.staffAccountId = reader.recordId("staff")
        query.missionId = reader.recordId("mission")
        if let order = reader.value("order") {
            switch order {
            case "asc": query.newestFirst = false
            case "desc": query.newestFirst = true
            default: reader.fail("order", "one_of", "order must be one of: asc, desc.")
            }
        }
        query.limit = reader.integer("limit", in: 1...ActivityQuery.maxLimit) ?? 200
        query.offset = reader.integer("offset", in: 0...ActivityQuery.maxOffset) ?? 0
        return (query, reader.errors)
    }
}

extension QueryReader {
    /// A date ("2026-11-01", midnight UTC) or an instant in RFC 3339 with its offset (fractions of a second
    /// allowed).
    mutating func instant(_ name: String) -> Date? {
        guard let raw = value(name) else { return nil }
        if raw.count == 10, case .success(let date) = ActivityTime.midnight(of: raw, in: .utc) {
            return date
        }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
        ] {
            formatter.formatOptions = options
            if let date = formatter.date(from: raw.uppercased()) { return date }
        }
        fail(name, "format", "\(name) must be a date (YYYY-MM-DD) or an instant such as 2026-11-11T01:30:00Z.")
        return nil
    }
}
