import Foundation
import LiaisonCore
import LiaisonStore

/// Activity times as pages show them: in a zone named beside them ("Wed 11 Nov 2026, 09:30–17:00 GMT+8"),
/// written from the calendar's own parts so every page and test reads the same text whatever the locale.
enum ActivityFormats {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// "Wed 11 Nov 2026".
    static func day(_ date: Date, in zone: TimeZone) -> String {
        let p = ActivityTime.calendar(zone).dateComponents([.weekday, .day, .month, .year], from: date)
        return "\(weekdays[p.weekday! - 1]) \(p.day!) \(months[p.month! - 1]) \(p.year!)"
    }

    /// "09:30".
    static func clock(_ date: Date, in zone: TimeZone) -> String {
        let p = ActivityTime.calendar(zone).dateComponents([.hour, .minute], from: date)
        return ActivityTime.pad(p.hour!) + ":" + ActivityTime.pad(p.minute!)
    }

    /// The zone's offset at that moment as people read it: "GMT+8", "GMT+2" in a Madrid summer, "GMT+5:30",
    /// "GMT-5"; "UTC" for UTC. Worked out from the offset: asking the zone for its abbreviation went through
    /// ICU's display names, a third of a calendar page's time.
    static func abbreviation(_ zone: TimeZone, at date: Date) -> String {
        if name(zone) == "UTC" { return "UTC" }
        let seconds = zone.secondsFromGMT(for: date)
        let hours = abs(seconds) / 3600
        let minutes = abs(seconds) % 3600 / 60
        return "GMT" + (seconds < 0 ? "-" : "+") + String(hours) + (minutes == 0 ? "" : ":" + ActivityTime.pad(minutes))
    }

    /// The zone's IANA name; Foundation calls UTC "GMT".
    static func name(_ zone: TimeZone) -> String {
        ["GMT", "UTC", "Etc/UTC"].contains(zone.identifier) ? "UTC" : zone.identifier
    }

    /// When an activity happens, in `zone`: a day or days for all-day activities (in their own zone, as
    /// dates have no instant), otherwise the start and end times with the zone's abbreviation.
    static func when(_ startsAt: Date, _ endsAt: Date, allDay: Bool, start: String, end: String, in zone: TimeZone)
        -> String
    {
        if allDay {
            let utc = TimeZone.utc
            guard case .success(let first) = ActivityTime.midnight(of: String(start.prefix(10)), in: utc),
                case .success(let last) = ActivityTime.midnight(of: String(end.prefix(10)), in: utc)
            else { return "\(start) – \(end)" }
            return first == last ? day(first, in: utc) : "\(day(first, in: utc)) – \(day(last, in: utc))"
        }
        let startDay = day(startsAt, in: zone)
        let endDay = day(endsAt, in: zone)
        let zoneName = abbreviation(zone, at: startsAt)
        if startDay == endDay {
            return "\(startDay), \(clock(startsAt, in: zone))–\(clock(endsAt, in: zone)) \(zoneName)"
        }
        return "\(startDay), \(clock(startsAt, in: zone)) – \(endDay), \(clock(endsAt, in: zone)) \(zoneName)"
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
