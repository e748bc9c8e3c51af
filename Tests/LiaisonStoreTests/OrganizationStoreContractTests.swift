import Foundation
import LiaisonCore
import LiaisonDemo
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The behaviour every engine must share; each test runs once per available engine.
@Suite struct OrganizationStoreContractTests {
    @Test(arguments: TestEngine.available)
    func createdOrganizationReadsBackWhole(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let c40 = try await store.createOrganization(OrganizationInput(kind: .network, name: "C40"))
            var input = OrganizationInput.guangzhou
            input.affiliations = [Affiliation(networkId: c40.id)]

            let created = try await store.createOrganization(input)

            #expect(created.version == 1)
            #expect(created.createdAt == created.updatedAt)
            let read = try #require(try await store.organization(id: created.id))
            #expect(read == created)
            #expect(
                read.input
                    == OrganizationInput.guangzhou.with(affiliations: [
                        Affiliation(networkId: c40.id, networkName: "C40")
                    ]))
        }
    }

    @Test(arguments: TestEngine.available)
    func missingOrganizationIsNil(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let missing = try await store.organization(id: 999)
            #expect(missing == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func updateBumpsTheVersionAndReplacesChildren(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let created = try await store.createOrganization(.guangzhou)
            var input = created.input
            input.population = 19_000_000
            input.governanceRoles = [GovernanceRole(title: "Regional Secretariat for Asia and the Pacific")]
            input.practices = []

            let updated = try await store.updateOrganization(id: created.id, expectedVersion: 1, input)

            #expect(updated.version == 2)
            #expect(updated.population == 19_000_000)
            #expect(updated.governanceRoles.map(\.title) == ["Regional Secretariat for Asia and the Pacific"])
            #expect(updated.practices.isEmpty)
            #expect(updated.createdAt == created.createdAt)
            #expect(updated.updatedAt >= created.updatedAt)
        }
    }

    @Test(arguments: TestEngine.available)
    func staleUpdateIsRefusedAndChangesNothing(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let created = try await store.createOrganization(.guangzhou)
            var first = created.input
            first.population = 1
            _ = try await store.updateOrganization(id: created.id, expectedVersion: 1, first)
            var second = created.input
            second.population = 2

            await #expect(throws: StoreError.versionConflict(entity: .organization, id: created.id, currentVersion: 2))
            {
                try await store.updateOrganization(id: created.id, expectedVersion: 1, second)
            }
            let stored = try #require(try await store.organization(id: created.id))
            #expect(stored.population == 1)
            #expect(stored.version == 2)
        }
    }

    @Test(arguments: TestEngine.available)
    func updatingOrDeletingAMissingRecordIsNotFound(engine: TestEngine) async throws {
        try await engine.withStore { store in
            await #expect(throws: StoreError.notFound(entity: .organization, id: 42)) {
                try await store.updateOrganization(id: 42, expectedVersion: 1, .guangzhou)
            }
            await #expect(throws: StoreError.notFound(entity: .organization, id: 42)) {
                try await store.deleteOrganization(id: 42, expectedVersion: nil)
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func affiliationMustNameANetworkAndNothingIsWrittenOtherwise(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let city = try await store.createOrganization(.guangzhou)
            var input = OrganizationInput.guangzhou.with(name: "Foshan")
            input.affiliations = [Affiliation(networkId: city.id), Affiliation(networkId: 9_999)]

            do {
                _ = try await store.createOrganization(input)
                Issue.record("an affiliation with a city was accepted")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.rule) == ["unknown_network", "unknown_network"])
                #expect(error.errors.map(\.field) == ["affiliations[0].networkId", "affiliations[1].networkId"])
            }
            #expect(try await store.listOrganizations(OrganizationQuery()).total == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func deleteHonoursTheVersionAndRemovesAffiliationsToIt(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let network = try await store.createOrganization(OrganizationInput(kind: .network, name: "UCLG"))
            let city = try await store.createOrganization(
                OrganizationInput.guangzhou.with(affiliations: [Affiliation(networkId: network.id)]))

            await #expect(throws: StoreError.versionConflict(entity: .organization, id: network.id, currentVersion: 1))
            {
                try await store.deleteOrganization(id: network.id, expectedVersion: 7)
            }
            try await store.deleteOrganization(id: network.id, expectedVersion: 1)

            #expect(try await store.organization(id: network.id) == nil)
            #expect(try await store.organization(id: city.id)?.affiliations == [])
        }
    }

    @Test(arguments: TestEngine.available)
    func searchFindsNamesInEveryScriptAliasAndPrefix(engine: TestEngine) async throws {
        try await engine.withStore { store in
            _ = try await store.createOrganization(.guangzhou)
            _ = try await store.createOrganization(
                OrganizationInput(kind: .city, name: "Bogotá", country: "CO", membershipStatus: .member))
            _ = try await store.createOrganization(
                OrganizationInput(kind: .city, name: "Guangdong Province", country: "CN"))

            for query in ["guangzhou", "Guangzhou", "广州", "canton", "CANTON", "guang zhou", "guangz"] {
                let names = try await store.listOrganizations(OrganizationQuery(text: query)).items.map(\.name)
                #expect(names == ["Guangzhou"], "query \(query)")
            }
            let guang = try await store.listOrganizations(OrganizationQuery(text: "guang")).items.map(\.name)
            #expect(Set(guang) == ["Guangzhou", "Guangdong Province"])
            #expect(
                try await store.listOrganizations(OrganizationQuery(text: "bogota")).items.map(\.name) == ["Bogotá"])
            #expect(try await store.listOrganizations(OrganizationQuery(text: "BOGOTÁ")).total == 1)
            #expect(try await store.listOrganizations(OrganizationQuery(text: "\"*) OR name:(")).total == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func searchIndexFollowsRenamesAndDeletes(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let created = try await store.createOrganization(.guangzhou)
            var input = created.input
            input.aliases = ["Kwangchow"]
            _ = try await store.updateOrganization(id: created.id, expectedVersion: 1, input)

            #expect(try await store.listOrganizations(OrganizationQuery(text: "canton")).total == 0)
            #expect(try await store.listOrganizations(OrganizationQuery(text: "kwangchow")).total == 1)
            try await store.deleteOrganization(id: created.id, expectedVersion: nil)
            #expect(try await store.listOrganizations(OrganizationQuery(text: "guangzhou")).total == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func theWholeDirectorysCountsFollowEveryChangeOfStatus(engine: TestEngine) async throws {
        try await engine.withStore { store in
            // Counted with a filter that every organization passes, the counts are made from the rows.
            func counted() async throws -> [MembershipStatus: Int] {
                var counts: [MembershipStatus: Int] = [:]
                for kind in OrganizationKind.allCases {
                    let page = try await store.listOrganizations(OrganizationQuery(kind: kind, perPage: 1))
                    counts.merge(page.countsByStatus, uniquingKeysWith: +)
                }
                return counts.filter { $0.value > 0 }
            }
            var created: [Organization] = []
            for (index, status) in [MembershipStatus.member, .member, .prospect, .former, .partner].enumerated() {
                var input = OrganizationInput(kind: index == 4 ? .partner : .city, name: "City \(index)")
                input.membershipStatus = status
                created.append(try await store.createOrganization(input))
            }
            var whole = try await store.listOrganizations(OrganizationQuery(perPage: 1))
            #expect(whole.countsByStatus == [.member: 2, .prospect: 1, .former: 1, .partner: 1])
            #expect(whole.total == 5)

            var joined = created[2].input
            joined.membershipStatus = .member
            _ = try await store.updateOrganization(id: created[2].id, expectedVersion: 1, joined)
            var renamed = created[0].input
            renamed.name = "City renamed"
            _ = try await store.updateOrganization(id: created[0].id, expectedVersion: 1, renamed)
            try await store.deleteOrganization(id: created[3].id, expectedVersion: 1)

            whole = try await store.listOrganizations(OrganizationQuery(perPage: 1))
            #expect(whole.countsByStatus.filter { $0.value > 0 } == [.member: 3, .partner: 1])
            #expect(whole.total == 4)
            #expect(whole.countsByStatus.filter { $0.value > 0 } == (try await counted()))
            let members = try await store.listOrganizations(OrganizationQuery(status: .member, perPage: 1))
            #expect(members.total == 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func filtersCountsSortAndPages(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let outcome = try await DemoNetwork.seed(into: store, regions: .standard, currentYear: 2026)
            #expect(outcome.created > 140)

            let members = try await store.listOrganizations(OrganizationQuery(status: .member, perPage: 10))
            #expect(members.items.count == 10)
            #expect(members.items.allSatisfy { $0.membershipStatus == .member })
            #expect(members.total == members.countsByStatus[.member])

            let chinese = try await store.listOrganizations(
                OrganizationQuery(status: .member, country: "CN", perPage: 200))
            let paying = try await store.listOrganizations(
                OrganizationQuery(status: .member, paying: true, perPage: 200))
            let chinesePaying = paying.items.filter { $0.country == "CN" }.count
            // "a fifth of our official membership, and a third of our paying membership"
            #expect(abs(Double(chinese.total) / Double(members.total) - 0.2) < 0.03)
            #expect(abs(Double(chinesePaying) / Double(paying.total) - 1.0 / 3.0) < 0.03)

            let byPopulation = try await store.listOrganizations(
                OrganizationQuery(region: "asia-pacific", sort: .population, perPage: 5))
            let populations = byPopulation.items.compactMap(\.population)
            #expect(populations == populations.sorted(by: >))
            #expect(byPopulation.items.allSatisfy { $0.region == "asia-pacific" })

            let page1 = try await store.listOrganizations(OrganizationQuery(page: 1, perPage: 20))
            let page2 = try await store.listOrganizations(OrganizationQuery(page: 2, perPage: 20))
            #expect(Set(page1.items.map(\.id)).isDisjoint(with: page2.items.map(\.id)))
            #expect(
                page1.items.map(\.name)
                    == page1.items.map(\.name).sorted { SearchText.sortKey($0) < SearchText.sortKey($1) })
        }
    }

    @Test(arguments: TestEngine.available)
    func networksAreListedForAffiliationChoices(engine: TestEngine) async throws {
        try await engine.withStore { store in
            _ = try await store.createOrganization(OrganizationInput(kind: .network, name: "UCLG"))
            _ = try await store.createOrganization(OrganizationInput(kind: .network, name: "C40"))
            _ = try await store.createOrganization(.guangzhou)
            #expect(try await store.networks().map(\.name) == ["C40", "UCLG"])
        }
    }
}

extension OrganizationInput {
    static let guangzhou = OrganizationInput(
        kind: .city, name: "Guangzhou", nativeName: "广州", aliases: ["Canton"], country: "CN", region: "asia-pacific",
        metroArea: "Greater Bay Area", population: 18_676_605, latitude: 23.1291, longitude: 113.2644,
        website: "https://www.gz.gov.cn", membershipStatus: .member, memberSince: 1993, paying: true,
        duesPerYear: 25_000, focalPoint: "Agnès Bickart",
        governanceRoles: [
            GovernanceRole(title: "Co-presidency", fromYear: 2023, toYear: 2026),
            GovernanceRole(title: "Regional Secretariat for Asia and the Pacific"),
        ],
        practices: [
            Practice(title: "Guangzhou Award", year: 2012, description: "International award for urban innovation."),
            Practice(title: "Institute for Urban Innovation", year: 2012),
        ])

    func with(name: String) -> OrganizationInput {
        var copy = self
        copy.name = name
        return copy
    }

    func with(affiliations: [Affiliation]) -> OrganizationInput {
        var copy = self
        copy.affiliations = affiliations
        return copy
    }
}

@Suite struct BatchCreateContractTests {
    @Test(arguments: TestEngine.available)
    func aBatchIsCreatedWholeOrNotAtAll(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let ids = try await store.createOrganizations(
                [.guangzhou, OrganizationInput(name: "Foshan", country: "CN")], by: .system)
            #expect(ids.count == 2)
            #expect(try await store.organization(id: ids[1])?.name == "Foshan")
            #expect(try await store.auditEntries(AuditQuery(entity: .organization)).count == 2)

            var broken = OrganizationInput(name: "Zhuhai", country: "CN")
            broken.focalPointAccountId = 999
            do {
                _ = try await store.createOrganizations(
                    [OrganizationInput(name: "Shenzhen", country: "CN"), broken], by: .system)
                Issue.record("a batch with an unknown focal point was accepted")
            } catch let error as BatchRowError {
                #expect(error.index == 1)
                #expect((error.error as? ValidationError)?.errors.map(\.field) == ["focalPointAccountId"])
            }
            #expect(try await store.listOrganizations(OrganizationQuery()).total == 2, "Shenzhen was not kept")

            let people = try await store.createPeople(
                [PersonInput.chen(at: ids[0]), PersonInput(givenName: "Na", familyName: "Li")], by: .system)
            #expect(try await store.people(ids: people).map(\.familyName) == ["Chen", "Li"])
        }
    }
}
