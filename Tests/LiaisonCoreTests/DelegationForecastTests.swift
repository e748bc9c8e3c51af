import Foundation
import LiaisonCore
import Testing

/// The forecast's rule for one delegation, its sums by region and country, and a delegation's validation.
@Suite struct DelegationForecastTests {
    @Test func aDelegationExpectsItsEstimateOrThoseRegisteredWhicheverIsMore() {
        let estimate = DelegationFigures(
            state: .accepted, expectedSize: 5, expectedMode: .inPerson, registeredInPerson: 2, registeredVirtual: 1)
        #expect(estimate.expectedInPerson == 4)
        #expect(estimate.expectedVirtual == 1)
        #expect(estimate.expected == 5)
        #expect(estimate.registered == 3)

        let more = DelegationFigures(
            state: .invited, expectedSize: 2, expectedMode: .virtual, registeredInPerson: 3, registeredVirtual: 1)
        #expect(more.expected == 4)
        #expect(more.expectedInPerson == 3)

        let unknown = DelegationFigures(
            state: .notSent, expectedSize: nil, expectedMode: .virtual, registeredInPerson: 0, registeredVirtual: 0)
        #expect(unknown.expected == 0)
        #expect(DelegationFigures.unnamed(expectedSize: 5, registered: 3) == 2)
        #expect(DelegationFigures.unnamed(expectedSize: 2, registered: 3) == 0)

        let declined = DelegationFigures(
            state: .declined, expectedSize: 5, expectedMode: .inPerson, registeredInPerson: 2, registeredVirtual: 0)
        #expect(declined.expected == 0)
        #expect(declined.registeredInPerson == 2)
    }

    @Test func theForecastSumsByRegionAndCountryWithShares() {
        let forecast = DelegationForecast([
            // Three accepted of five, one registered each.
            .init(
                region: "asia-pacific", country: "CN", state: .accepted, expectedMode: .inPerson,
                registeredInPerson: 3, registeredVirtual: 0, unnamed: 12, count: 3),
            .init(
                region: "asia-pacific", country: "CN", state: .declined, expectedMode: .inPerson,
                registeredInPerson: 0, registeredVirtual: 0, unnamed: 5, count: 1),
            .init(
                region: "europe", country: "FR", state: .invited, expectedMode: .virtual, registeredInPerson: 0,
                registeredVirtual: 0, unnamed: 5, count: 1),
            .init(
                region: nil, country: nil, state: .invited, expectedMode: .inPerson, registeredInPerson: 0,
                registeredVirtual: 0, unnamed: 0, count: 2),
        ])
        #expect(forecast.total.expected == 20)
        #expect(forecast.total.expectedVirtual == 5)
        #expect(forecast.total.registered == 3)
        #expect(forecast.delegations == 7)
        #expect(forecast.states == ["accepted": 3, "declined": 1, "invited": 3])
        #expect(forecast.regions.map(\.key) == ["asia-pacific", "europe", ""])
        let asia = forecast.region("asia-pacific")
        #expect(asia?.figures.expected == 15)
        #expect(asia?.delegations == 4)
        #expect(asia?.share == 0.75)
        #expect(forecast.countries.first { $0.key == "FR" }?.share == 0.25)
        #expect(DelegationForecast([]).regions.isEmpty)
        #expect(DelegationForecast([]).total.expected == 0)
    }

    @Test func aDelegationNamesEveryRuleItBreaks() {
        var input = DelegationInput(
            activityId: 0, organizationId: 3, sentOn: "March", letterLanguage: "chinese", expectedSize: 51,
            registrations: [
                DelegationRegistration(),
                DelegationRegistration(personId: 7, interpretation: "xx"),
                DelegationRegistration(personId: 7),
                DelegationRegistration(personName: String(repeating: "a", count: 201)),
            ])
        do {
            try input.normalized().validate()
            Issue.record("a delegation breaking the rules passed")
        } catch {
            #expect(
                error.errors.map(\.field) == [
                    "activityId", "sentOn", "letterLanguage", "expectedSize", "registrations[0].personName",
                    "registrations[1].interpretation", "registrations[3].personName", "registrations",
                ])
        }
        input = DelegationInput(
            activityId: 1, organizationId: 3, state: .accepted, letterLanguage: " ZH ", expectedSize: 5,
            registrations: [DelegationRegistration(personName: " Chen Guo ", role: .headOfDelegation)])
        let normalized = input.normalized()
        #expect(normalized.letterLanguage == "zh")
        #expect(normalized.registrations[0].personName == "Chen Guo")
        #expect(throws: Never.self) { try normalized.validate() }
        input.registrations = Array(repeating: DelegationRegistration(personName: "X"), count: 101)
        #expect(throws: ValidationError.self) { try input.validate() }
    }
}
