import LiaisonCore
import Testing

/// Great-circle distances against known city pairs, and the bounding box at the poles and the antimeridian.
@Suite struct GreatCircleTests {
    static let guangzhou = GeoPoint(latitude: 23.1291, longitude: 113.2644)
    static let foshan = GeoPoint(latitude: 23.0215, longitude: 113.1214)
    static let dongguan = GeoPoint(latitude: 23.0207, longitude: 113.7518)
    static let barcelona = GeoPoint(latitude: 41.3874, longitude: 2.1686)
    static let brussels = GeoPoint(latitude: 50.8503, longitude: 4.3517)

    @Test func knownCityPairs() {
        let foshan = GreatCircle.distanceKm(Self.guangzhou, Self.foshan)
        #expect(foshan > 17 && foshan < 25)
        let dongguan = GreatCircle.distanceKm(Self.guangzhou, Self.dongguan)
        #expect(dongguan > 45 && dongguan < 55)
        let europe = GreatCircle.distanceKm(Self.barcelona, Self.brussels)
        #expect(europe > 1_050 && europe < 1_075)
        #expect(GreatCircle.distanceKm(Self.barcelona, Self.barcelona) == 0)
        // Antipodes are half the circumference apart.
        let antipodes = GreatCircle.distanceKm(
            GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 0, longitude: 180))
        #expect(abs(antipodes - 20_015) < 2)
    }

    @Test func theBoxHoldsEveryPointWithinTheDistance() {
        let box = GreatCircle.box(around: Self.guangzhou, km: 70)
        #expect(box.longitudeRanges.count == 1)
        for point in [Self.foshan, Self.dongguan] {
            #expect(point.latitude >= box.minLatitude && point.latitude <= box.maxLatitude)
            #expect(box.longitudeRanges[0].contains(point.longitude))
        }
        #expect(box.maxLatitude - box.minLatitude < 1.3)
        // A point due east at the distance sits at the box's edge, not outside it.
        let east = GeoPoint(latitude: 60, longitude: 10)
        let wide = GreatCircle.box(around: east, km: 100)
        let edge = GeoPoint(latitude: 60, longitude: wide.longitudeRanges[0].upperBound)
        #expect(GreatCircle.distanceKm(east, edge) >= 99)
    }

    @Test func theBoxSplitsAtTheAntimeridian() {
        let fiji = GeoPoint(latitude: -17.7, longitude: 179.9)
        let box = GreatCircle.box(around: fiji, km: 100)
        #expect(box.longitudeRanges.count == 2)
        #expect(box.longitudeRanges[0].upperBound == 180)
        #expect(box.longitudeRanges[1].lowerBound == -180)
        #expect(box.longitudeRanges[1].contains(-179.5))
        let west = GeoPoint(latitude: 10, longitude: -179.9)
        #expect(GreatCircle.box(around: west, km: 50).longitudeRanges.count == 2)
    }

    @Test func aBoxThatReachesAPoleHoldsEveryLongitude() {
        let svalbard = GeoPoint(latitude: 89.5, longitude: 15)
        let box = GreatCircle.box(around: svalbard, km: 100)
        #expect(box.coversEveryLongitude)
        #expect(box.maxLatitude == 90)
        let south = GreatCircle.box(around: GeoPoint(latitude: -89.9, longitude: 0), km: 50)
        #expect(south.coversEveryLongitude && south.minLatitude == -90)
        #expect(GreatCircle.box(around: Self.barcelona, km: 20_016).coversEveryLongitude)
    }
}
