import LiaisonCore
import Testing

/// The coverage rule, check by check: each part adds its weight, the weights add up to 100, and the dates
/// that will change a check are known ahead.
@Suite struct CoverageTests {
    private let today = "2026-12-02"

    private var everything: CoverageFacts {
        var facts = CoverageFacts()
        facts.hasPopulation = true
        facts.hasCoordinates = true
        facts.hasWebsite = true
        facts.hasNativeName = true
        facts.governanceRoles = 1
        facts.practices = 2
        facts.people = 3
        facts.channels = 4
        facts.channelHolder = "Agnès"
        facts.focalPoint = "Agnès"
        facts.lastInteraction = "2026-06-01"
        return facts
    }

    @Test func theWeightsAddUpToAHundredAndAKnownMemberScoresAll() {
        #expect(CoverageCheck.allCases.map(\.weight).reduce(0, +) == 100)
        let full = Coverage.evaluate(everything, today: today)
        #expect(full.score == 100)
        #expect(full.missing.isEmpty)
        #expect(Coverage.evaluate(CoverageFacts(), today: today).score == 5)  // Only "no overdue follow-up".
    }

    @Test(arguments: [CoverageCheck.population, .coordinates, .website, .nativeName])
    func eachProfileFactCountsFive(check: CoverageCheck) {
        var facts = everything
        switch check {
        case .population: facts.hasPopulation = false
        case .coordinates: facts.hasCoordinates = false
        case .website: facts.hasWebsite = false
        default: facts.hasNativeName = false
        }
        let coverage = Coverage.evaluate(facts, today: today)
        #expect(coverage.score == 95)
        #expect(coverage.missing == [check])
        #expect(check.fix == .editProfile)
    }

    @Test func rolesAndPracticesCountWhenThereIsOne() {
        var facts = everything
        facts.governanceRoles = 0
        facts.practices = 0
        let coverage = Coverage.evaluate(facts, today: today)
        #expect(coverage.score == 90)
        #expect(Set(coverage.missing) == [.governanceRoles, .practices])
    }

    @Test func peopleWithACurrentPositionWeighMostAndTheFixIsAddingOne() {
        var facts = everything
        facts.people = 0
        facts.channels = 0
        let coverage = Coverage.evaluate(facts, today: today)
        #expect(coverage.score == 65)
        #expect(coverage.missing == [.people, .channel])
        #expect(coverage.missing.first?.fix == .addPerson)
    }

    @Test func aChannelCountsFifteen() {
        var facts = everything
        facts.channels = 0
        facts.channelHolder = nil
        #expect(Coverage.evaluate(facts, today: today).score == 85)
        #expect(CoverageCheck.channel.fix == .addChannel)
    }

    @Test func aFocalPointCountsFifteenAndTheFixAssignsOne() {
        var facts = everything
        facts.focalPoint = nil
        let coverage = Coverage.evaluate(facts, today: today)
        #expect(coverage.score == 85)
        #expect(coverage.missing == [.focalPoint])
        #expect(CoverageCheck.focalPoint.fix == .assignFocalPoint)
    }

    @Test func anInteractionCountsForTwelveMonthsAndTheRuleKnowsWhenItLapses() {
        var facts = everything
        facts.lastInteraction = "2025-12-02"
        let lastDay = Coverage.evaluate(facts, today: today)
        #expect(lastDay.items.first { $0.check == .recentInteraction }?.met == true)
        #expect(lastDay.recheckOn == "2026-12-03")
        facts.lastInteraction = "2025-12-01"
        let lapsed = Coverage.evaluate(facts, today: today)
        #expect(lapsed.score == 85)
        #expect(lapsed.missing == [.recentInteraction])
        #expect(CoverageCheck.recentInteraction.fix == .planCall)
        #expect(lapsed.recheckOn == nil)
        facts.lastInteraction = nil
        #expect(Coverage.evaluate(facts, today: today).missing == [.recentInteraction])
    }

    @Test func anOverdueFollowUpCostsFiveAndOneDueLaterIsRecheckedTheDayAfter() {
        var facts = everything
        facts.earliestOpenDue = "2026-12-01"
        let overdue = Coverage.evaluate(facts, today: today)
        #expect(overdue.score == 95)
        #expect(overdue.missing == [.followUps])
        #expect(CoverageCheck.followUps.fix == .reviewFollowUps)
        facts.earliestOpenDue = "2026-12-02"
        let dueToday = Coverage.evaluate(facts, today: today)
        #expect(dueToday.score == 100)
        #expect(dueToday.recheckOn == "2026-12-03")
    }

    @Test func dayArithmeticKeepsTheCalendar() {
        #expect(CoverageDays.adding(months: -12, to: "2024-02-29") == "2023-02-28")
        #expect(CoverageDays.adding(days: 1, to: "2026-12-31") == "2027-01-01")
    }
}
