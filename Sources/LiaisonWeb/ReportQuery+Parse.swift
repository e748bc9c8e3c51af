import Foundation
import LiaisonCore
import LiaisonStore

extension ReportQuery {
    /// Reads a reports list's filters from query parameters, as the API and the reports page send them:
    /// `author` (an account id), `kind` (kinds of activity, comma-separated), `region`, `from`/`to` (a date or
    /// an instant; pages give days in the viewer's zone), `organization`, `person`, `activity`, `limit`,
    /// `offset`.
    static func parse(
        _ parameters: [String: String], regions: RegionCatalog, strict: Bool = false, zone: TimeZone = .utc
    ) -> (ReportQuery, [FieldError]) {
        var query = ReportQuery()
        var reader = QueryReader(parameters, strict: strict)
        query.authorAccountId = reader.recordId("author")
        if let kinds = reader.value("kind") {
            for raw in kinds.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let kind = ActivityKind(rawValue: raw) else {
                    let allowed = ActivityKind.allCases.map(\.rawValue).joined(separator: ", ")
                    reader.fail("kind", "one_of", "kind must be one or more of: \(allowed).")
                    break
                }
                if !query.activityKinds.contains(kind) { query.activityKinds.append(kind) }
            }
        }
        if let region = reader.value("region") {
            if regions.region(key: region) != nil {
                query.region = region
            } else {
                reader.fail("region", "unknown_region", "\"\(region)\" is not a region.")
            }
        }
        query.from = reader.day(or: "from", in: zone)
        // A day given as `to` includes that day.
        query.to = reader.day(or: "to", in: zone, endOfDay: true)
        query.organizationId = reader.recordId("organization")
        query.personId = reader.recordId("person")
        query.activityId = reader.recordId("activity")
        query.limit = reader.integer("limit", in: 1...ReportQuery.maxLimit) ?? 100
        query.offset = reader.integer("offset", in: 0...100_000) ?? 0
        return (query, reader.errors)
    }
}

extension QueryReader {
    /// A day ("2026-11-01", midnight in `zone`; with `endOfDay`, the midnight after it) or an instant.
    mutating func day(or name: String, in zone: TimeZone, endOfDay: Bool = false) -> Date? {
        if let raw = parameters[name]?.trimmingCharacters(in: .whitespaces), raw.count == 10,
            case .success(let midnight) = ActivityTime.midnight(of: raw, in: zone)
        {
            return endOfDay ? ActivityTime.calendar(zone).date(byAdding: .day, value: 1, to: midnight) : midnight
        }
        return instant(name)
    }
}
