import Foundation
import LiaisonCore
import LiaisonStore

/// The statuses a list can ask for: one status, or every one.
enum StatusChoice {
    /// "any" for every status, a status's key for that one; nil when absent or not allowed (reported).
    static func read(_ reader: inout QueryReader, _ name: String = "status") -> (given: Bool, status: MembershipStatus?)
    {
        guard let raw = reader.value(name) else { return (false, nil) }
        if raw == "any" { return (true, nil) }
        if let status = MembershipStatus(rawValue: raw) { return (true, status) }
        let allowed = (["any"] + MembershipStatus.allCases.map(\.rawValue)).joined(separator: ", ")
        reader.fail(name, "one_of", "\(name) must be one of: \(allowed).")
        return (true, nil)
    }
}

extension LeastKnownQuery {
    /// The least-known list's filters from query parameters: region, country, focalPoint (a staff account's id),
    /// status (members when absent; "any" for every status), paying, page and perPage.
    static func parse(_ parameters: [String: String], regions: RegionCatalog, strict: Bool)
        -> (LeastKnownQuery, [FieldError])
    {
        var reader = QueryReader(parameters, strict: strict)
        var query = LeastKnownQuery()
        query.country = reader.country()
        if let region = reader.value("region") {
            if regions.region(key: region) != nil {
                query.region = region
            } else {
                reader.fail("region", "unknown_region", "\"\(region)\" is not a region.")
            }
        }
        query.focalPointAccountId = reader.recordId("focalPoint")
        let status = StatusChoice.read(&reader)
        if status.given { query.status = status.status }
        query.payingOnly = reader.boolean("paying") ?? false
        query.page = reader.integer("page", in: 1...LeastKnownQuery.maxPage) ?? 1
        query.perPage = reader.integer("perPage", in: 1...LeastKnownQuery.maxPerPage) ?? 50
        return (query, reader.errors)
    }
}

extension PracticeQuery {
    /// The practices search's words (q), region, country and limit.
    static func parse(_ parameters: [String: String], regions: RegionCatalog, strict: Bool) -> (
        PracticeQuery, [FieldError]
    ) {
        var reader = QueryReader(parameters, strict: strict)
        var query = PracticeQuery()
        query.text = reader.text("q", max: 200)
        query.country = reader.country()
        if let region = reader.value("region") {
            if regions.region(key: region) != nil {
                query.region = region
            } else {
                reader.fail("region", "unknown_region", "\"\(region)\" is not a region.")
            }
        }
        query.limit = reader.integer("limit", in: 1...PracticeQuery.maxLimit) ?? 100
        return (query, reader.errors)
    }
}

/// A distance search as asked: around an organization or a point, within km, of some statuses.
struct NearbyRequest {
    var organizationId: Int64?
    var point: GeoPoint?
    var km: Double = NearbyRequest.defaultKm
    var statuses: [MembershipStatus] = [.member, .prospect]
    var statusValue = ""
    var limit = 200

    static let defaultKm = 70.0

    /// The search's parameters: organization (an id) or latitude and longitude; km (more than 0, at most half
    /// the Earth's circumference); status (members and prospects when absent, "any" for every status).
    static func parse(_ parameters: [String: String], strict: Bool) -> (NearbyRequest, [FieldError]) {
        var reader = QueryReader(parameters, strict: strict)
        var request = NearbyRequest()
        request.organizationId = reader.recordId("organization")
        let latitude = reader.value("latitude")
        let longitude = reader.value("longitude")
        if latitude != nil || longitude != nil {
            if latitude == nil || longitude == nil {
                // Each alone is a valid value: the rule is about the two together.
                reader.fail(
                    latitude == nil ? "latitude" : "longitude", "together",
                    "latitude and longitude must be given together.")
            } else if let latitude = latitude.flatMap(Double.init), let longitude = longitude.flatMap(Double.init),
                GeoPoint(latitude: latitude, longitude: longitude).isValid
            {
                request.point = GeoPoint(latitude: latitude, longitude: longitude)
            } else {
                reader.fail(
                    "latitude", "coordinates",
                    "latitude and longitude must be decimal degrees (latitude −90 to 90, longitude −180 to 180).")
            }
        }
        if let raw = reader.value("km") {
            if let km = Double(raw), km.isFinite, km > 0, km <= GreatCircle.maxDistanceKm {
                request.km = km
            } else {
                reader.fail(
                    "km", "range",
                    "km must be a distance in kilometres greater than 0 and at most \(Int(GreatCircle.maxDistanceKm)).")
            }
        }
        if let raw = parameters["status"], !raw.isEmpty {
            let status = StatusChoice.read(&reader)
            request.statusValue = raw
            request.statuses =
                status.status.map { [$0] } ?? (raw == "any" ? MembershipStatus.allCases : request.statuses)
        } else {
            _ = reader.value("status")
        }
        request.limit = reader.integer("limit", in: 1...NearbyQuery.maxLimit) ?? 200
        return (request, reader.errors)
    }

    /// Whether a centre was asked for.
    var hasCentre: Bool { organizationId != nil || point != nil }
}
