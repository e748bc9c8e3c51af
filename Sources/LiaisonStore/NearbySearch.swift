import Foundation
import LiaisonCore

/// What the distance search asks for: a centre (an organization's coordinates or a point), a radius, and the
/// statuses to list.
public struct NearbyQuery: Sendable, Hashable {
    public var centre: GeoPoint
    /// The organization at the centre, left out of the list.
    public var centreOrganizationId: Int64?
    public var km: Double
    public var statuses: [MembershipStatus]
    public var limit: Int

    public static let maxLimit = 1_000
    /// Organizations without coordinates listed by name; the rest are counted.
    public static let unplacedListed = 50

    public init(
        centre: GeoPoint, centreOrganizationId: Int64? = nil, km: Double,
        statuses: [MembershipStatus] = [.member, .prospect], limit: Int = 200
    ) {
        self.centre = centre
        self.centreOrganizationId = centreOrganizationId
        self.km = km
        self.statuses = statuses
        self.limit = min(max(limit, 1), Self.maxLimit)
    }
}

/// An organization within the radius, with its distance from the centre.
public struct NearbyOrganization: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var nativeName: String?
    public var country: String?
    public var region: String?
    public var membershipStatus: MembershipStatus
    public var latitude: Double
    public var longitude: Double
    public var distanceKm: Double
}

/// The organizations within the radius, nearest first, and those of the same statuses whose place is unknown.
public struct NearbyResult: Sendable, Hashable {
    public var items: [NearbyOrganization]
    /// How many are within the radius (the list stops at the query's limit).
    public var total: Int
    public var withoutCoordinates: [LinkedName]
    public var withoutCoordinatesCount: Int
}

extension LiaisonStore {
    /// Organizations of the query's statuses within `km` of the centre by great-circle distance, nearest first:
    /// the indexed latitude and longitude give a bounding box, the exact distance is worked out here.
    public func nearby(_ query: NearbyQuery) async throws -> NearbyResult {
        let box = GreatCircle.box(around: query.centre, km: query.km)
        var conditions = SQLConditions()
        conditions.add("o.latitude BETWEEN ? AND ?", .real(box.minLatitude), .real(box.maxLatitude))
        if !box.coversEveryLongitude {
            let ranges = box.longitudeRanges.map { _ in "o.longitude BETWEEN ? AND ?" }.joined(separator: " OR ")
            conditions.add(
                SQLFragment(
                    "o.longitude IS NOT NULL AND (\(ranges))",
                    box.longitudeRanges.flatMap { [SQLBind.real($0.lowerBound), .real($0.upperBound)] }))
        } else {
            conditions.add("o.longitude IS NOT NULL")
        }
        let statuses = statusCondition(query.statuses)
        conditions.add(statuses)
        if let id = query.centreOrganizationId { conditions.add("o.id <> ?", .integer(id)) }
        let candidates = try await fetch(
            SQLFragment(
                """
                SELECT o.id, o.name, o.native_name, o.country, o.region, o.membership_status, o.latitude, o.longitude
                FROM organization o \(conditions.whereClause)
                """, conditions.binds)
        ) { row in
            let point = GeoPoint(latitude: try row.real("latitude") ?? 0, longitude: try row.real("longitude") ?? 0)
            return NearbyOrganization(
                id: try row.integer("id") ?? 0, name: try row.string("name"), nativeName: try row.text("native_name"),
                country: try row.text("country"), region: try row.text("region"),
                membershipStatus: MembershipStatus(rawValue: try row.string("membership_status")) ?? .none,
                latitude: point.latitude, longitude: point.longitude, distanceKm: 0)
        }
        let within =
            candidates.map { candidate in
                var found = candidate
                found.distanceKm = GreatCircle.distanceKm(
                    query.centre, GeoPoint(latitude: candidate.latitude, longitude: candidate.longitude))
                return found
            }
            .filter { $0.distanceKm <= query.km }
            .sorted { ($0.distanceKm, $0.id) < ($1.distanceKm, $1.id) }

        var unplaced = SQLConditions()
        unplaced.add("(o.latitude IS NULL OR o.longitude IS NULL)")
        unplaced.add(statuses)
        if let id = query.centreOrganizationId { unplaced.add("o.id <> ?", .integer(id)) }
        let withoutCoordinates = try await fetch(
            SQLFragment(
                "SELECT o.id, o.name FROM organization o \(unplaced.whereClause) ORDER BY o.sort_key, o.id LIMIT ?",
                unplaced.binds + [.integer(NearbyQuery.unplacedListed)])
        ) { LinkedName(id: try $0.integer("id") ?? 0, name: try $0.string("name")) }
        let unplacedCount = try await count(
            SQLFragment("SELECT count(*) AS n FROM organization o \(unplaced.whereClause)", unplaced.binds))
        return NearbyResult(
            items: Array(within.prefix(query.limit)), total: within.count, withoutCoordinates: withoutCoordinates,
            withoutCoordinatesCount: unplacedCount)
    }

    private func statusCondition(_ statuses: [MembershipStatus]) -> SQLFragment {
        let chosen =
            statuses.isEmpty ? MembershipStatus.allCases : Array(Set(statuses)).sorted { $0.rawValue < $1.rawValue }
        return SQLFragment(
            "o.membership_status IN (\(chosen.map { _ in "?" }.joined(separator: ", ")))",
            chosen.map { .text($0.rawValue) })
    }
}

extension LiaisonStore {
    /// The coordinates of up to `limit` organizations that have them, by id: centres for benchmarks.
    public func nearbyCentres(limit: Int) async throws -> [GeoPoint] {
        try await fetch(
            SQLFragment(
                "SELECT latitude, longitude FROM organization WHERE latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY id LIMIT ?",
                [.integer(min(max(limit, 1), 1_000))])
        ) { GeoPoint(latitude: try $0.real("latitude") ?? 0, longitude: try $0.real("longitude") ?? 0) }
    }
}
