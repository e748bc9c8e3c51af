import Foundation

/// The wall-clock parts of an instant in a zone, worked out from the zone's offset at that instant and the
/// Gregorian calendar's arithmetic: a calendar page writes hundreds of local times, and asking `Calendar`
/// for each one's parts cost a few microseconds every time.
public struct LocalTime: Sendable, Equatable {
    /// Days since 1970-01-01, counted in the zone: consecutive days differ by one whatever the clocks do.
    public let dayNumber: Int
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    /// 1 for Sunday to 7 for Saturday, as `Calendar` numbers them.
    public let weekday: Int
    /// The zone's offset from UTC at that instant, in seconds.
    public let offset: Int

    public init(_ date: Date, in zone: TimeZone) {
        let offset = zone.secondsFromGMT(for: date)
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let (days, time) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = time < 0 ? days - 1 : days
        let secondOfDay = time < 0 ? time + 86_400 : time
        self.offset = offset
        self.dayNumber = dayNumber
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        weekday = Self.weekday(dayNumber)
        if dayNumber >= Self.firstGregorianDay {
            (year, month, day) = Self.date(dayNumber)
        } else {
            // Before 1583 Foundation's Gregorian calendar counts Julian dates; no activity is that old, but a
            // date written then reads as Foundation reads it.
            let parts = ActivityTime.calendar(zone).dateComponents([.year, .month, .day], from: date)
            (year, month, day) = (parts.year!, parts.month!, parts.day!)
        }
    }

    /// The day number of a date of the Gregorian calendar.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date of a day number.
    public static func date(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 1 for Sunday to 7 for Saturday; day 0 (1970-01-01) was a Thursday.
    public static func weekday(_ dayNumber: Int) -> Int {
        let fromSunday = (dayNumber + 4) % 7
        return (fromSunday < 0 ? fromSunday + 7 : fromSunday) + 1
    }

    private static let firstGregorianDay = dayNumber(year: 1583, month: 1, day: 1)
}

extension LocalTime {
    /// "YYYY-MM-DD": the day this instant falls on in its zone.
    public var dayKey: String {
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}
