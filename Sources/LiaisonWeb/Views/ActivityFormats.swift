import Foundation
import LiaisonCore
import LiaisonStore

/// Activity times as pages show them: in a zone named beside them ("Wed 11 Nov 2026, 09:30–17:00 GMT+8"),
/// written from the local time's own parts so every page and test reads the same text whatever the locale.
enum ActivityFormats {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// "Wed 11 Nov 2026".
    static func day(_ date: Date, in zone: TimeZone) -> String {
        day(LocalTime(date, in: zone))
    }

    static func day(_ time: LocalTime) -> String {
        day(weekday: time.weekday, year: time.year, month: time.month, day: time.day)
    }

    /// "Wed 11 Nov 2026" for a date of the calendar.
    static func day(year: Int, month: Int, day: Int) -> String {
        // Foundation's Gregorian calendar is Julian before 1583: such a date reads as it always did.
        if year < 1583,
            case .success(let date) = ActivityTime.midnight(
                of: ActivityTime.dayText(year: year, month: month, day: day), in: .utc)
        {
            return Self.day(date, in: .utc)
        }
        let weekday = LocalTime.weekday(LocalTime.dayNumber(year: year, month: month, day: day))
        return Self.day(weekday: weekday, year: year, month: month, day: day)
    }

    private static func day(weekday: Int, year: Int, month: Int, day: Int) -> String {
        weekdays[weekday - 1] + " " + String(day) + " " + months[month - 1] + " " + String(year)
    }

    /// "09:30".
    static func clock(_ date: Date, in zone: TimeZone) -> String {
        clock(LocalTime(date, in: zone))
    }

    static func clock(_ time: LocalTime) -> String {
        ActivityTime.pad(time.hour) + ":" + ActivityTime.pad(time.minute)
    }

    /// The zone's offset at that moment as people read it: "GMT+8", "GMT+2" in a Madrid summer, "GMT+5:30",
    /// "GMT-5"; "UTC" for UTC. Worked out from the offset: asking the zone for its abbreviation went through
    /// ICU's display names, a third of a calendar page's time.
    static func abbreviation(_ zone: TimeZone, at date: Date) -> String {
        abbreviation(zone, offset: zone.secondsFromGMT(for: date))
    }

    static func abbreviation(_ zone: TimeZone, offset seconds: Int) -> String {
        if name(zone) == "UTC" { return "UTC" }
        let hours = abs(seconds) / 3600
        let minutes = abs(seconds) % 3600 / 60
        return "GMT" + (seconds < 0 ? "-" : "+") + String(hours) + (minutes == 0 ? "" : ":" + ActivityTime.pad(minutes))
    }

    /// The zone's IANA name; Foundation calls UTC "GMT".
    static func name(_ zone: TimeZone) -> String {
        let identifier = zone.identifier
        return identifier == "GMT" || identifier == "UTC" || identifier == "Etc/UTC" ? "UTC" : identifier
    }

    /// When an activity happens, in `zone`: a day or days for all-day activities (in their own zone, as
    /// dates have no instant), otherwise the start and end times with the zone's abbreviation.
    static func when(_ startsAt: Date, _ endsAt: Date, allDay: Bool, start: String, end: String, in zone: TimeZone)
        -> String
    {
        if allDay {
            guard let first = ActivityTime.dayParts(String(start.prefix(10))),
                let last = ActivityTime.dayParts(String(end.prefix(10)))
            else { return "\(start) – \(end)" }
            let firstDay = day(year: first.year, month: first.month, day: first.day)
            return first == last ? firstDay : firstDay + " – " + day(year: last.year, month: last.month, day: last.day)
        }
        let startTime = LocalTime(startsAt, in: zone)
        let endTime = LocalTime(endsAt, in: zone)
        let zoneName = abbreviation(zone, offset: startTime.offset)
        if startTime.dayNumber == endTime.dayNumber {
            return day(startTime) + ", " + clock(startTime) + "–" + clock(endTime) + " " + zoneName
        }
        return day(startTime) + ", " + clock(startTime) + " – " + day(endTime) + ", " + clock(endTime) + " " + zoneName
    }

    static func when(_ summary: ActivitySummary, in zone: TimeZone) -> String {
        when(
            summary.startsAt, summary.endsAt, allDay: summary.allDay, start: summary.start, end: summary.end, in: zone)
    }

    static func when(_ activity: Activity, in zone: TimeZone) -> String {
        when(
            activity.startsAt, activity.endsAt, allDay: activity.allDay, start: activity.start, end: activity.end,
            in: zone)
    }

    /// The activity's own zone, or UTC for a zone name no longer known.
    static func zone(of timeZone: String) -> TimeZone {
        ActivityTime.zone(named: timeZone) ?? .utc
    }
}
