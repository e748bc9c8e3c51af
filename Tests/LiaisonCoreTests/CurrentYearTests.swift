import Foundation
import LiaisonCore
import Testing

@Suite struct CurrentYearTests {
    @Test func theYearIsUTCsWhereverTheServerIs() throws {
        // New Year's Eve, 23:30 in New York, is already New Year's Day in UTC.
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = newYork
        let evening = try #require(
            calendar.date(from: DateComponents(year: 2026, month: 12, day: 31, hour: 23, minute: 30)))
        #expect(currentYear(now: evening) == 2027)
        #expect(TimeZone.utc.secondsFromGMT(for: evening) == 0)
    }
}
