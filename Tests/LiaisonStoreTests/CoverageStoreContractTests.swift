import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Knowledge coverage kept current by the triggers, the least-known order, practices by theme, and the
/// distance search; each test runs once per engine.
@Suite struct CoverageStoreContractTests {
    private func city(
        _ store: any LiaisonStore, _ name: String, country: String = "CN", status: MembershipStatus = .member,
        at point: GeoPoint? = nil, practices: [Practice] = []
    ) async throws -> Organization {
        try await store.createOrganization(
            OrganizationInput(
                name: name, country: country, region: country == "CN" ? "asia-pacific" : "europe",
                latitude: point?.latitude, longitude: point?.longitude, membershipStatus: status,
                memberSince: status == .member ? 2001 : nil, practices: practices))
    }

    private func score(_ store: any LiaisonStore, _ id: Int64, now: Date = Date()) async throws -> Int? {
        try await store.leastKnown(LeastKnownQuery(status: nil, perPage: 500), now: now).items
            .first { $0.id == id }?.score
    }

    @Test(arguments: TestEngine.available)
    func theScoreChangesAsSoonAsARecordChanges(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let guangzhou = try await city(store, "Guangzhou", at: GreatCircleFixtures.guangzhou)
            // Coordinates (5) and no overdue follow-up (5).
            #expect(try await score(store, guangzhou.id) == 10)
            #expect(try await store.leastKnown(LeastKnownQuery()).items.first?.missing.first == .people)

            // A person with a current position and a channel: people (20) and a channel (15).
            let chen = try await store.createPerson(
                PersonInput(
                    givenName: "Guo", familyName: "Chen", nameOrder: .familyFirst,
                    positions: [Position(organizationId: guangzhou.id, title: "Secretary General")],
                    channels: [Channel(kind: .wechat, value: "chenguo_gz")]), by: .system)
            #expect(try await score(store, guangzhou.id) == 45)

            // The channel removed: the person's channel rows changed, the organization is marked at once.
            var input = chen.input
            input.channels = []
            _ = try await store.updatePerson(id: chen.id, expectedVersion: chen.version, input, by: .system)
            #expect(try await score(store, guangzhou.id) == 30)

            // A past activity it attended: an interaction in the last 12 months (15).
            _ = try await store.createActivity(
                ActivityInput(
                    kind: .call, title: "Call with Guangzhou", start: "2026-01-10T10:00", end: "2026-01-10T11:00",
                    organizations: [ActivityOrganization(organizationId: guangzhou.id, status: .attended)]),
                by: .system)
            let january = ISO8601DateFormatter().date(from: "2026-06-01T12:00:00Z")!
            #expect(try await score(store, guangzhou.id, now: january) == 45)
            // Twelve months and a day later the interaction no longer counts, with no write at all.
            let later = ISO8601DateFormatter().date(from: "2027-01-11T12:00:00Z")!
            #expect(try await score(store, guangzhou.id, now: later) == 30)

            // An overdue follow-up costs its five points; done, they come back.
            let followUp = try await store.createFollowUp(
                FollowUpInput(title: "Send the minutes", dueDate: "2026-05-01", organizationIds: [guangzhou.id]),
                by: .system)
            #expect(try await score(store, guangzhou.id, now: january) == 40)
            var done = followUp.input
            done.status = .done
            _ = try await store.updateFollowUp(
                id: followUp.id, expectedVersion: followUp.version, done, by: .system)
            #expect(try await score(store, guangzhou.id, now: january) == 45)

            // The page's reading agrees with the list's.
            let fresh = try await store.coverage(organizationId: guangzhou.id, now: january)
            #expect(fresh?.coverage.score == 45)
            #expect(fresh?.facts.people == 1)
            #expect(try await store.coverage(organizationId: 999_999) == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func theLeastKnownComeFirstFilteredAndAveraged(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let known = try await city(
                store, "Known", at: GreatCircleFixtures.guangzhou, practices: [Practice(title: "Award")])
            let bare = try await city(store, "Bare")
            let lyon = try await city(store, "Lyon", country: "FR")
            _ = try await city(store, "Prospect", status: .prospect)
            let page = try await store.leastKnown(LeastKnownQuery())
            #expect(page.items.map(\.id) == [bare.id, lyon.id, known.id])
            #expect(page.total == 3)
            #expect(page.averageScore == Double(5 + 5 + 15) / 3)
            #expect(try await store.leastKnown(LeastKnownQuery(country: "FR")).items.map(\.id) == [lyon.id])
            #expect(try await store.leastKnown(LeastKnownQuery(region: "europe")).total == 1)
            #expect(try await store.leastKnown(LeastKnownQuery(payingOnly: true)).total == 0)
            #expect(try await store.leastKnown(LeastKnownQuery(status: nil)).total == 4)
            #expect(try await store.leastKnown(LeastKnownQuery(perPage: 1)).items.map(\.id) == [bare.id])
            #expect(try await store.leastKnown(LeastKnownQuery(page: 2, perPage: 2)).items.map(\.id) == [known.id])

            // The month's averages, by region and for the network, kept as a trend.
            let regions = try await store.coverageByRegion()
            #expect(regions.map(\.region) == ["asia-pacific", "europe"])
            #expect(regions.map(\.members) == [2, 1])
            try await store.storeCoverageSnapshot([
                CoverageAverage(month: "2026-01", region: nil, members: 3, averageScore: 4),
                CoverageAverage(month: "2026-01", region: "europe", members: 1, averageScore: 5),
            ])
            try await store.writeCoverageSnapshotIfMissing()
            try await store.writeCoverageSnapshotIfMissing()
            let trend = try await store.coverageTrend(months: 12)
            #expect(trend.first?.month == "2026-01")
            #expect(trend.filter { $0.region == nil }.count == 2)
            #expect(trend.last { $0.region == nil }?.averageScore == Double(5 + 5 + 15) / 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func practicesAnswerByThemeInAnyScriptWithTheCityAndYear(engine: TestEngine) async throws {
        try await engine.withStore { store in
            _ = try await city(
                store, "Shanghai",
                practices: [
                    Practice(title: "Household waste sorting", year: 2019, description: "Mandatory recycling."),
                    Practice(title: "Metro expansion", year: 2010),
                ])
            let lyon = try await city(
                store, "Lyon", country: "FR",
                practices: [Practice(title: "Zéro déchet plan", year: 2021, description: "Waste prevention")])
            let waste = try await store.searchPractices(PracticeQuery(text: "WASTE"))
            #expect(waste.map(\.title) == ["Zéro déchet plan", "Household waste sorting"])
            #expect(waste.last?.organizationName == "Shanghai")
            #expect(waste.last?.year == 2019)
            #expect(try await store.searchPractices(PracticeQuery(text: "waste", country: "CN")).count == 1)
            #expect(try await store.searchPractices(PracticeQuery(text: "dechet")).map(\.organizationId) == [lyon.id])
            #expect(try await store.searchPractices(PracticeQuery(text: "metro waste")).isEmpty)
            #expect(try await store.searchPractices(PracticeQuery(text: "100%_")).isEmpty)
            #expect(try await store.searchPractices(PracticeQuery()).count == 3)

            // A practice edited is found by its new words at once.
            var input = lyon.input
            input.practices = [Practice(title: "Bus rapid transit", year: 2022)]
            _ = try await store.updateOrganization(id: lyon.id, expectedVersion: lyon.version, input)
            #expect(try await store.searchPractices(PracticeQuery(text: "transit")).map(\.organizationId) == [lyon.id])
            #expect(try await store.searchPractices(PracticeQuery(text: "dechet")).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func nearbyListsWithinTheDistanceNearestFirstAndCountsTheUnplaced(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let guangzhou = try await city(store, "Guangzhou", at: GreatCircleFixtures.guangzhou)
            let dongguan = try await city(store, "Dongguan", status: .prospect, at: GreatCircleFixtures.dongguan)
            let foshan = try await city(store, "Foshan", status: .prospect, at: GreatCircleFixtures.foshan)
            _ = try await city(store, "Shenzhen", at: GeoPoint(latitude: 22.5431, longitude: 114.0579))
            _ = try await city(store, "Former", status: .former, at: GreatCircleFixtures.foshan)
            _ = try await city(store, "Nowhere")
            let result = try await store.nearby(
                NearbyQuery(centre: GreatCircleFixtures.guangzhou, centreOrganizationId: guangzhou.id, km: 70))
            #expect(result.items.map(\.id) == [foshan.id, dongguan.id])
            #expect(result.items[0].distanceKm > 17 && result.items[0].distanceKm < 25)
            #expect(result.withoutCoordinatesCount == 1)
            #expect(result.withoutCoordinates.map(\.name) == ["Nowhere"])
            let members = try await store.nearby(
                NearbyQuery(centre: GreatCircleFixtures.guangzhou, km: 200, statuses: [.member]))
            #expect(members.items.map(\.name) == ["Guangzhou", "Shenzhen"])
            let everyone = try await store.nearby(
                NearbyQuery(centre: GreatCircleFixtures.guangzhou, km: 20_000, statuses: []))
            #expect(everyone.total == 5)
            // Across the antimeridian.
            let suva = try await city(
                store, "Suva", country: "FJ", at: GeoPoint(latitude: -18.1416, longitude: 178.4415))
            let across = try await store.nearby(
                NearbyQuery(centre: GeoPoint(latitude: -18, longitude: -179.5), km: 300, statuses: []))
            #expect(across.items.map(\.id) == [suva.id])
        }
    }
}

enum GreatCircleFixtures {
    static let guangzhou = GeoPoint(latitude: 23.1291, longitude: 113.2644)
    static let foshan = GeoPoint(latitude: 23.0215, longitude: 113.1214)
    static let dongguan = GeoPoint(latitude: 23.0207, longitude: 113.7518)
}
