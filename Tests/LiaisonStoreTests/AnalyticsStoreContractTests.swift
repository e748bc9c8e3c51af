import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The analytics' aggregates; each test runs once per engine, and both engines must count the same.
@Suite struct AnalyticsStoreContractTests {
    struct Seeded {
        let guangzhou: Organization
        let harbin: Organization
        let lyon: Organization
        let foshan: Organization
    }

    private func seed(_ store: any LiaisonStore) async throws -> Seeded {
        func city(
            _ name: String, _ country: String, _ region: String, _ status: MembershipStatus, since: Int? = nil,
            paying: Bool = false, dues: Int? = nil, latitude: Double? = nil, longitude: Double? = nil,
            population: Int? = nil
        ) async throws -> Organization {
            try await store.createOrganization(
                OrganizationInput(
                    name: name, country: country, region: region, population: population, latitude: latitude,
                    longitude: longitude, membershipStatus: status, memberSince: since, paying: paying,
                    duesPerYear: dues))
        }
        let guangzhou = try await city(
            "Guangzhou", "CN", "asia-pacific", .member, since: 1993, paying: true, dues: 25_000, latitude: 23.13,
            longitude: 113.26, population: 18_676_605)
        let harbin = try await city("Harbin", "CN", "asia-pacific", .member, since: 2012)
        let lyon = try await city(
            "Lyon", "FR", "europe", .member, since: 1993, paying: true, dues: 10_000, latitude: 45.76, longitude: 4.84)
        _ = try await city("Berlin", "DE", "europe", .member, paying: true, dues: 12_000)
        let foshan = try await city(
            "Foshan", "CN", "asia-pacific", .prospect, latitude: 23.02, longitude: 113.12, population: 9_498_863)
        _ = try await city("Former Town", "FR", "europe", .former, since: 1990, paying: true, dues: 99)

        // Guangzhou attended last month and two years ago; Lyon confirmed fourteen months ago; Harbin was only
        // invited; Foshan (a prospect) attended but is no member.
        _ = try await store.createActivity(
            ActivityInput(
                kind: .bilateralMeeting, title: "Meeting in Guangzhou", start: "2026-11-09T10:00",
                end: "2026-11-09T12:00", timeZone: "Asia/Shanghai",
                organizations: [
                    ActivityOrganization(
                        organizationId: guangzhou.id, organizationName: "Guangzhou", status: .attended),
                    ActivityOrganization(organizationId: harbin.id, organizationName: "Harbin", status: .invited),
                    ActivityOrganization(organizationId: foshan.id, organizationName: "Foshan", status: .attended),
                ]), by: .system)
        _ = try await store.createActivity(
            ActivityInput(
                kind: .event, title: "Workshop", start: "2024-11-09T10:00", end: "2024-11-09T12:00",
                timeZone: "Europe/Paris",
                organizations: [
                    ActivityOrganization(
                        organizationId: guangzhou.id, organizationName: "Guangzhou", status: .attended),
                    ActivityOrganization(organizationId: lyon.id, organizationName: "Lyon", status: .noAnswer),
                ]), by: .system)
        _ = try await store.createActivity(
            ActivityInput(
                kind: .call, title: "Call with Lyon", start: "2025-10-01T10:00", end: "2025-10-01T11:00",
                timeZone: "Europe/Paris",
                organizations: [
                    ActivityOrganization(organizationId: lyon.id, organizationName: "Lyon", status: .confirmed)
                ]), by: .system)
        // Not started yet on the day the figures are taken: no interaction so far.
        _ = try await store.createActivity(
            ActivityInput(
                kind: .call, title: "Call with Berlin", start: "2027-01-10T10:00", end: "2027-01-10T11:00",
                timeZone: "Europe/Berlin"), by: .system)
        _ = try await store.createOpportunity(
            OpportunityInput(
                title: "Training",
                invitations: [
                    OpportunityInvitation(organizationId: harbin.id), OpportunityInvitation(organizationId: lyon.id),
                ]), by: .system)
        return Seeded(guangzhou: guangzhou, harbin: harbin, lyon: lyon, foshan: foshan)
    }

    @Test(arguments: TestEngine.available)
    func compositionCountsOfficialAndPayingMembersByRegionAndCountry(engine: TestEngine) async throws {
        try await engine.withStore { store in
            _ = try await seed(store)
            let all = try await store.membershipComposition(AnalyticsQuery())
            #expect(all.members == 4)
            #expect(all.paying == 3)
            #expect(all.dues == 47_000)
            let china = try #require(all.byCountry.first { $0.key == "CN" })
            #expect(china.members == 2)
            #expect(china.paying == 1)
            #expect(china.dues == 25_000)
            #expect(china.memberShare == 0.5)
            #expect(abs(china.payingShare - 1.0 / 3) < 1e-9)
            #expect(
                all.byRegion.map(\.key) == ["asia-pacific", "europe"]
                    || all.byRegion.map(\.key) == ["europe", "asia-pacific"])
            let europe = try #require(all.byRegion.first { $0.key == "europe" })
            #expect(europe.members == 2)
            #expect(europe.paying == 2)
            #expect(europe.dues == 22_000)

            let chinaOnly = try await store.membershipComposition(AnalyticsQuery(country: "CN"))
            #expect(chinaOnly.members == 2)
            #expect(chinaOnly.byCountry.map(\.memberShare) == [1])
            let nowhere = try await store.membershipComposition(AnalyticsQuery(region: "africa"))
            #expect(nowhere.members == 0)
            #expect(nowhere.byRegion.isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func membersByYearJoinedRunUpToTheTotal(engine: TestEngine) async throws {
        try await engine.withStore { store in
            _ = try await seed(store)
            let years = try await store.membersByYearJoined(AnalyticsQuery())
            #expect(
                years == [
                    JoinedYear(year: 1993, joined: 2, cumulative: 2), JoinedYear(year: 2012, joined: 1, cumulative: 3),
                ])
            #expect(try await store.membersByYearJoined(AnalyticsQuery(region: "europe")).map(\.cumulative) == [1])
        }
    }

    @Test(arguments: TestEngine.available)
    func engagementBucketsTheLastInteractionAndCountsWhatIsUnanswered(engine: TestEngine) async throws {
        try await engine.withStore { store in
            _ = try await seed(store)
            let figures = try await store.engagementFigures(AnalyticsQuery(), today: "2026-12-02")
            #expect(figures.withinThreeMonths == 1)  // Guangzhou
            #expect(figures.withinTwelveMonths == 0)
            #expect(figures.older == 1)  // Lyon, 2025-10-01
            #expect(figures.never == 2)  // Harbin, Berlin
            #expect(
                figures.byYear == [
                    .init(year: 2024, activities: 1, participations: 1),
                    .init(year: 2025, activities: 1, participations: 1),
                    .init(year: 2026, activities: 1, participations: 1),
                ])
            #expect(
                figures.unanswered == [
                    .init(region: "asia-pacific", activityInvitations: 1, opportunityInvitations: 1),
                    .init(region: "europe", activityInvitations: 1, opportunityInvitations: 1),
                ])
            let asia = try await store.engagementFigures(AnalyticsQuery(region: "asia-pacific"), today: "2026-12-02")
            #expect(asia.withinThreeMonths + asia.withinTwelveMonths + asia.older + asia.never == 2)
            #expect(asia.unanswered.map(\.region) == ["asia-pacific"])
        }
    }

    @Test(arguments: TestEngine.available)
    func theMapPlacesOrganizationsWithCoordinatesTheMostPopulousFirst(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let points = try await store.mapPoints(AnalyticsQuery(), statuses: [.member, .prospect])
            #expect(points.map(\.id) == [s.guangzhou.id, s.foshan.id, s.lyon.id])
            #expect(points.first?.population == 18_676_605)
            #expect(points.first.map { abs($0.latitude - 23.13) < 1e-9 } == true)
            #expect(
                try await store.mapPoints(AnalyticsQuery(country: "FR"), statuses: [.member]).map(\.name) == ["Lyon"])
            #expect(try await store.mapPoints(AnalyticsQuery(), statuses: []).isEmpty)
        }
    }
}
