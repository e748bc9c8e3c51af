import Foundation
import Synchronization

/// Local times in IANA zones and the instants they stand for. Activities keep the local time as written
/// where they happen and the zone; the instant is worked out from both, across daylight-saving changes.
public enum ActivityTime {
    /// The zone with this IANA name ("Asia/Shanghai"), or nil when there is none. Only a place's zone (and
    /// "UTC"): abbreviations such as "CST" mean different zones in different places, and fixed offsets such
    /// as "GMT+8" or "Etc/GMT-8" do not follow a place's daylight-saving changes.
    public static func zone(named name: String) -> TimeZone? {
        if let known = zones.withLock({ $0[name] }) { return known }
        let zone: TimeZone? =
            if name == "UTC" || name == "Etc/UTC" {
                .utc
            } else if name.contains("/"), !name.hasPrefix("Etc/"), let zone = TimeZone(identifier: name),
                zone.identifier == name
            {
                zone
            } else {
                nil
            }
        // Only real zones are remembered: names are few, and an unknown name must not fill the memory.
        if let zone { zones.withLock { $0[name] = zone } }
        return zone
    }

    /// Zones and calendars made once per zone: a calendar page works out hundreds of local times, and making a
    /// Calendar or a TimeZone each time was most of its work.
    private static let zones = Mutex<[String: TimeZone]>([:])
    private static let calendars = Mutex<[String: Calendar]>([:])

    /// The zone names a form offers, sorted; the zone database also knows newer names that Foundation's list
    /// lacks (Asia/Kolkata beside Asia/Calcutta), which forms keep when an activity has one.
    public static let zoneNames: [String] =
        (["UTC"]
        + TimeZone.knownTimeZoneIdentifiers.filter {
            $0.contains("/") && !$0.hasPrefix("Etc/")
        }).sorted()

    /// Why a local time has no instant.
    public enum Failure: Error, Sendable, Equatable {
        /// Not "YYYY-MM-DDTHH:MM" (or "YYYY-MM-DD" for a day), or not a date of the calendar.
        case malformed
        /// A time skipped by a daylight-saving change in the zone (02:30 on the last Sunday of March in Madrid).
        case skipped
    }

    /// The instant a local time stands for in `zone`. A time repeated when clocks go back is taken at its
    /// first occurrence (summer time).
    public static func instant(local text: String, in zone: TimeZone) -> Result<Date, Failure> {
        guard let parts = components(text, withTime: true) else { return .failure(.malformed) }
        return instant(parts, in: zone)
    }

    /// Midnight at the start of a day (`"YYYY-MM-DD"`) in `zone`; `dayAfter` gives the midnight that ends it.
    public static func midnight(of day: String, in zone: TimeZone, dayAfter: Bool = false) -> Result<Date, Failure> {
        guard var parts = components(day, withTime: false) else { return .failure(.malformed) }
        if dayAfter {
            guard let next = calendar(zone).date(byAdding: .day, value: 1, to: calendar(zone).date(from: parts)!)
            else { return .failure(.malformed) }
            parts = calendar(zone).dateComponents([.year, .month, .day], from: next)
        }
        parts.hour = 0
        parts.minute = 0
        // A few zones skip midnight itself on their change day (America/Santiago): the day then starts at the
        // first moment that exists.
        let result = instant(parts, in: zone)
        if case .failure(.skipped) = result, let date = calendar(zone).date(from: parts) { return .success(date) }
        return result
    }

    /// The local time of `date` in `zone` as activities write it: "2026-11-11T09:30", or "2026-11-11".
    public static func localText(_ date: Date, in zone: TimeZone, dayOnly: Bool = false) -> String {
        let p = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = dayText(year: p.year!, month: p.month!, day: p.day!)
        return dayOnly ? day : day + "T" + pad(p.hour!) + ":" + pad(p.minute!)
    }

    /// "2026-03-01"; written by hand, as String(format:) goes through the locale machinery each time.
    public static func dayText(year: Int, month: Int, day: Int) -> String {
        (year < 1000 ? String(repeating: "0", count: year < 10 ? 3 : year < 100 ? 2 : 1) : "") + String(year) + "-"
            + pad(month) + "-" + pad(day)
    }

    /// A number of at least two digits.
    public static func pad(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }

    /// A Gregorian calendar in `zone`.
    public static func calendar(_ zone: TimeZone) -> Calendar {
        if let known = calendars.withLock({ $0[zone.identifier] }) { return known }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        calendars.withLock { $0[zone.identifier] = calendar }
        return calendar
    }

    private static func instant(_ parts: DateComponents, in zone: TimeZone) -> Result<Date, Failure> {
        let calendar = calendar(zone)
        guard let date = calendar.date(from: parts) else { return .failure(.malformed) }
        // Foundation moves a skipped time forward silently; reading the result back tells.
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.year == parts.year, back.month == parts.month, back.day == parts.day, back.hour == parts.hour,
            back.minute == parts.minute
        else { return .failure(.skipped) }
        return .success(date)
    }

    /// The year, month and day of "YYYY-MM-DD", nil when it is not a date of the calendar.
    public static func dayParts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        components(text, withTime: false).map { ($0.year!, $0.month!, $0.day!) }
    }

    /// The parts of "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (seconds, when given, must be zero), checked against
    /// the calendar (no 31 April).
    static func components(_ text: String, withTime: Bool) -> DateComponents? {
        let bytes = Array(text.utf8)
        let length = withTime ? (bytes.count == 19 ? 19 : 16) : 10
        guard bytes.count == length else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes[4] == 45, bytes[7] == 45, let year = number(0..<4), let month = number(5..<7),
            let day = number(8..<10), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var parts = DateComponents(year: year, month: month, day: day)
        if withTime {
            guard bytes[10] == 84 || bytes[10] == 32, bytes[13] == 58, let hour = number(11..<13),
                let minute = number(14..<16), hour < 24, minute < 60
            else { return nil }
            if length == 19 { guard bytes[16] == 58, number(17..<19) == 0 else { return nil } }
            parts.hour = hour
            parts.minute = minute
        }
        return parts
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
