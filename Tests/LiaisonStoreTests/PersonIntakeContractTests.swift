import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The one way a person enters the directory, on every engine: the dialling country, the checks, the
/// duplicate look-up and the write.
@Suite struct PersonIntakeContractTests {
    private static func madrid() -> OrganizationInput {
        var madrid = OrganizationInput.guangzhou.with(name: "Madrid")
        madrid.nativeName = nil
        madrid.aliases = []
        madrid.country = "ES"
        madrid.region = "europe"
        madrid.website = nil
        return madrid
    }

    @Test(arguments: TestEngine.available)
    func countriesAreReadForTheOrganizationsThatHaveOne(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let guangzhou = try await store.createOrganization(.guangzhou)
            let madrid = try await store.createOrganization(Self.madrid())
            var network = OrganizationInput(kind: .network, name: "Metropolis network")
            network.region = "europe"
            let countryless = try await store.createOrganization(network)
            let countries = try await store.countries(ofOrganizations: [
                madrid.id, 424_242, guangzhou.id, countryless.id,
            ])
            #expect(countries == [guangzhou.id: "CN", madrid.id: "ES"])
            #expect(try await store.countries(ofOrganizations: []) == [:])
        }
    }

    @Test(arguments: TestEngine.available)
    func nationalNumbersAreDialledFromTheCurrentPositionsCountry(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let guangzhou = try await store.createOrganization(.guangzhou)
            let madrid = try await store.createOrganization(Self.madrid())
            let intake = PersonIntake(store: store, currentYear: 2026)
            // A past position comes first in the list; the current one decides.
            let input = PersonInput(
                givenName: "Ana", familyName: "García",
                positions: [
                    Position(organizationId: guangzhou.id, title: "Adviser", startDate: "2015", endDate: "2019"),
                    Position(organizationId: madrid.id, title: "Director of International Relations"),
                ],
                channels: [Channel(kind: .phone, value: "  915 88 10 00 ")])
            guard case .created(let ana) = try await intake.create(input, confirmDuplicates: false, by: .system) else {
                Issue.record("Ana was taken for someone already known")
                return
            }
            #expect(ana.channels.map(\.value) == ["+34915881000"])
            let moved = try await intake.update(
                id: ana.id, expectedVersion: 1,
                PersonInput(
                    givenName: "Ana", familyName: "García",
                    positions: [Position(organizationId: guangzhou.id, title: "Adviser")],
                    channels: [Channel(kind: .phone, value: "020 8330 1234")]),
                by: .system)
            #expect(moved.channels.map(\.value) == ["+862083301234"])
        }
    }

    @Test(arguments: TestEngine.available)
    func aLikelyDuplicateIsShownNotStoredUnlessConfirmed(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let guangzhou = try await store.createOrganization(.guangzhou)
            let intake = PersonIntake(store: store, currentYear: 2026)
            guard
                case .created(let chen) = try await intake.create(
                    .chen(at: guangzhou.id), confirmDuplicates: false, by: .system)
            else {
                Issue.record("the first CHEN Guo was refused")
                return
            }
            guard
                case .likelyDuplicates(let found) = try await intake.create(
                    .chen(at: guangzhou.id), confirmDuplicates: false, by: .system)
            else {
                Issue.record("the second CHEN Guo was stored without confirmation")
                return
            }
            #expect(found.map(\.id) == [chen.id])
            #expect(try await store.listPeople(PersonQuery()).total == 1)
            guard case .created = try await intake.create(.chen(at: guangzhou.id), confirmDuplicates: true, by: .system)
            else {
                Issue.record("a confirmed CHEN Guo was refused")
                return
            }
            #expect(try await store.listPeople(PersonQuery()).total == 2)
        }
    }

    @Test(arguments: TestEngine.available)
    func anInputBreakingRulesIsRefusedWholeAndNothingIsStored(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let intake = PersonIntake(store: store, currentYear: 2026)
            let input = PersonInput(
                givenName: "", familyName: "", channels: [Channel(kind: .email, value: "not an address")])
            do {
                _ = try await intake.create(input, confirmDuplicates: true, by: .system)
                Issue.record("an input with no name was stored")
            } catch let error as ValidationError {
                #expect(Set(error.errors.map(\.field)).isSuperset(of: ["familyName", "channels[0].value"]))
            }
            #expect(try await store.listPeople(PersonQuery()).total == 0)
        }
    }
}
