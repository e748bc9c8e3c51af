import Foundation

/// A point on the Earth in degrees.
public struct GeoPoint: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether the point is a place on the Earth (latitude −90…90, longitude −180…180).
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }
}

/// The latitudes and longitudes that hold every point within a distance of a centre: an index can read them
/// before the exact distance is computed. Longitudes come as one range, or two when the box crosses the
/// antimeridian; a box that reaches a pole holds every longitude.
public struct GeoBox: Sendable, Hashable {
    public var minLatitude: Double
    public var maxLatitude: Double
    /// One or two ranges of longitude; a single −180…180 range when every longitude is inside.
    public var longitudeRanges: [ClosedRange<Double>]

    public var coversEveryLongitude: Bool { longitudeRanges == [-180...180] }
}

/// Distances along the Earth's surface, on a sphere of the mean radius.
public enum GreatCircle {
    /// The Earth's mean radius (IUGG), in km.
    public static let earthRadiusKm = 6_371.0088
    /// Half the circumference: no two points are further apart.
    public static let maxDistanceKm = 20_016.0

    /// The haversine distance between two points, in km.
    public static func distanceKm(_ from: GeoPoint, _ to: GeoPoint) -> Double {
        let lat1 = from.latitude * .pi / 180
        let lat2 = to.latitude * .pi / 180
        let dLat = lat2 - lat1
        let dLon = (to.longitude - from.longitude) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(a)))
    }

    /// The box that holds every point within `km` of `centre` (after J. Matuschek, "Finding points within a
    /// distance of a latitude/longitude using bounding coordinates").
    public static func box(around centre: GeoPoint, km: Double) -> GeoBox {
        let angular = min(max(km, 0), maxDistanceKm) / earthRadiusKm
        let lat = centre.latitude * .pi / 180
        let lon = centre.longitude * .pi / 180
        var minLat = lat - angular
        var maxLat = lat + angular
        let everyLongitude = [-180.0...180.0]
        guard minLat > -.pi / 2, maxLat < .pi / 2 else {
            // The circle reaches a pole: every longitude, from the pole to the far latitude.
            minLat = max(minLat, -.pi / 2)
            maxLat = min(maxLat, .pi / 2)
            return GeoBox(
                minLatitude: minLat * 180 / .pi, maxLatitude: maxLat * 180 / .pi, longitudeRanges: everyLongitude)
        }
        let dLon = asin(min(1, sin(angular) / cos(lat)))
        var minLon = lon - dLon
        var maxLon = lon + dLon
        let degrees = (min: minLat * 180 / .pi, max: maxLat * 180 / .pi)
        if dLon >= .pi / 2 || maxLon - minLon >= 2 * .pi {
            return GeoBox(minLatitude: degrees.min, maxLatitude: degrees.max, longitudeRanges: everyLongitude)
        }
        var ranges: [ClosedRange<Double>] = []
        if minLon < -.pi {
            minLon += 2 * .pi
            ranges = [(minLon * 180 / .pi)...180, -180...(maxLon * 180 / .pi)]
        } else if maxLon > .pi {
            maxLon -= 2 * .pi
            ranges = [(minLon * 180 / .pi)...180, -180...(maxLon * 180 / .pi)]
        } else {
            ranges = [(minLon * 180 / .pi)...(maxLon * 180 / .pi)]
        }
        return GeoBox(minLatitude: degrees.min, maxLatitude: degrees.max, longitudeRanges: ranges)
    }
}
