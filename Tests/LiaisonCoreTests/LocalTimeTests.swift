import Foundation
import LiaisonCore
import Testing

/// Local times worked out by hand must read as Foundation's calendar reads them, in every kind of zone.
@Suite struct LocalTimeTests {
    static let zones = [
        "UTC", "Asia/Shanghai", "Europe/Madrid", "America/New_York", "America/Santiago", "Asia/Kolkata",
        "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati",
    ]

    @Test(arguments: zones) func theSameAsTheCalendar(zoneName: String) throws {
        let zone = try #require(ActivityTime.zone(named: zoneName))
        let calendar = ActivityTime.calendar(zone)
        // Every 97 hours and 13 minutes from 1590 to 2090 falls on every hour and weekday, and across the changes.
        var instant = try #require(calendar.date(from: DateComponents(year: 1590, month: 1, day: 1)))
        let end = try #require(calendar.date(from: DateComponents(year: 2090, month: 1, day: 1)))
        var checked = 0
        while instant < end {
            let mine = LocalTime(instant, in: zone)
            let theirs = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
            let mineParts: [Int?] = [mine.year, mine.month, mine.day, mine.hour, mine.minute, mine.weekday]
            let theirParts = [theirs.year, theirs.month, theirs.day, theirs.hour, theirs.minute, theirs.weekday]
            #expect(mineParts == theirParts, "\(instant) in \(zoneName)")
            if checked % 97 == 0 {
                let date = LocalTime.date(mine.dayNumber)
                #expect(date.year == mine.year && date.month == mine.month && date.day == mine.day)
            }
            checked += 1
            instant += 97 * 3600 + 13 * 60 + 0.5
        }
        #expect(checked > 40_000)
    }

    @Test func dayNumbersCountDays() {
        #expect(LocalTime.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(
            LocalTime.dayNumber(year: 2000, month: 3, day: 1) - LocalTime.dayNumber(year: 2000, month: 2, day: 28) == 2)
        #expect(LocalTime.weekday(0) == 5)  // a Thursday
        #expect(LocalTime.weekday(-1) == 4)
    }
}
