import Foundation

/// Activities as an iCalendar document (RFC 5545), for calendar feeds and downloads. Outlook, Google
/// Calendar, Apple Calendar and phones read it and show each activity at its time in the zone where it
/// takes place, whatever zone the reader is in.
public enum ICalendar {
    /// A VCALENDAR with one VEVENT per activity and one VTIMEZONE per zone they use.
    ///
    /// - Parameters:
    ///   - activities: The activities, written in this order.
    ///   - calendarName: The name calendar apps give the calendar (X-WR-CALNAME).
    ///   - host: The server's host name; it makes each event's UID unique worldwide
    ///     ("activity-42@liaison.example.org").
    ///   - now: When the document is made (each event's DTSTAMP).
    ///   - url: The address of an activity's page (URL), or nil for none.
    ///   - followUps: Follow-ups written after the activities, each on its due day (those with none are left
    ///     out); `followUpURL` gives the address of a follow-up's page.
    /// - Returns: The document, lines ended by CRLF and folded at 75 octets.
    public static func document(
        _ activities: [Activity], calendarName: String, host: String, now: Date, url: (Activity) -> String?,
        followUps: [FollowUp] = [], followUpURL: (FollowUp) -> String? = { _ in nil }
    ) -> String {
        // No X-WR-TIMEZONE: every time says its own zone, and readers that honour that property would move
        // times into it.
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Liaison//Calendar//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + ContentLine.text(calendarName),
        ]
        let times = activities.map(Times.init)
        // The zones in the order activities first use them, each with the instants its definition must cover.
        var zones: [(name: String, zone: TimeZone, earliest: Date, latest: Date)] = []
        for (activity, time) in zip(activities, times) {
            guard case .zoned(let name, let zone, _, _) = time else { continue }
            if let index = zones.firstIndex(where: { $0.name == name }) {
                zones[index].earliest = min(zones[index].earliest, activity.startsAt)
                zones[index].latest = max(zones[index].latest, activity.endsAt)
            } else {
                zones.append((name, zone, activity.startsAt, activity.endsAt))
            }
        }
        for zone in zones {
            lines += timeZone(zone.name, zone.zone, covering: zone.earliest, to: zone.latest)
        }
        let stamp = utc(now)
        for (activity, time) in zip(activities, times) {
            lines += event(activity, time, host: host, stamp: stamp, url: url(activity))
        }
        for followUp in followUps {
            lines += event(followUp, host: host, stamp: stamp, url: followUpURL(followUp))
        }
        lines.append("END:VCALENDAR")
        return lines.map(ContentLine.fold).joined()
    }

    /// An activity's start and end as DTSTART and DTEND write them.
    private enum Times {
        /// Days, "20261110", the end exclusive.
        case allDay(start: String, end: String)
        /// UTC times, "20261111T013000Z".
        case utc(start: String, end: String)
        /// Local times in the zone named, "20261111T093000".
        case zoned(name: String, zone: TimeZone, start: String, end: String)

        init(_ activity: Activity) {
            let name = activity.timeZone.trimmingCharacters(in: .whitespaces)
            // Any zone Foundation knows, not only the names a form offers: the VTIMEZONE written from it tells
            // readers all they need (and Linux lists Asia/Kolkata only under its old name, Asia/Calcutta).
            let zone = TimeZone(identifier: name)
            if activity.allDay {
                // The days as written; the instants, read in the zone, only if the text cannot be read.
                let calendar = ActivityTime.calendar(zone ?? .utc)
                func day(_ instant: Date) -> Int {
                    days(calendar.dateComponents([.year, .month, .day], from: instant))
                }
                let first = ICalendar.day(activity.start) ?? day(activity.startsAt)
                let afterLast = ICalendar.day(activity.end).map { $0 + 1 } ?? day(activity.endsAt)
                self = .allDay(start: date(days: first), end: date(days: afterLast))
                return
            }
            guard let zone, name != "UTC", name != "Etc/UTC" else {
                // A zone the database no longer knows still has its instants, which need no zone.
                self = .utc(start: ICalendar.utc(activity.startsAt), end: ICalendar.utc(activity.endsAt))
                return
            }
            func local(_ text: String, _ instant: Date) -> String {
                let parts =
                    ActivityTime.components(text, withTime: true)
                    ?? ActivityTime.calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: instant)
                return date(days: days(parts)) + "T" + pad(parts.hour ?? 0) + pad(parts.minute ?? 0) + "00"
            }
            self = .zoned(
                name: name, zone: zone, start: local(activity.start, activity.startsAt),
                end: local(activity.end, activity.endsAt))
        }
    }

    /// One VEVENT.
    private static func event(_ activity: Activity, _ times: Times, host: String, stamp: String, url: String?)
        -> [String]
    {
        var lines = ["BEGIN:VEVENT", "UID:" + ContentLine.text("activity-\(activity.id)@\(host)"), "DTSTAMP:" + stamp]
        switch times {
        case .allDay(let start, let end):
            lines += ["DTSTART;VALUE=DATE:" + start, "DTEND;VALUE=DATE:" + end]
        case .utc(let start, let end):
            lines += ["DTSTART:" + start, "DTEND:" + end]
        case .zoned(let name, _, let start, let end):
            lines += ["DTSTART;TZID=\(parameter(name)):" + start, "DTEND;TZID=\(parameter(name)):" + end]
        }
        lines.append("LAST-MODIFIED:" + utc(activity.updatedAt))
        // Readers replace an event they hold when SEQUENCE grows; the first version is 0.
        lines.append("SEQUENCE:\(max(activity.version - 1, 0))")
        lines.append("SUMMARY:" + ContentLine.text(activity.title))
        if let description = description(activity) { lines.append("DESCRIPTION:" + ContentLine.text(description)) }
        let location = [activity.venue, activity.placeName].compactMap { $0?.trimmed.nilIfEmpty }
        if !location.isEmpty { lines.append("LOCATION:" + ContentLine.text(location.joined(separator: ", "))) }
        lines.append("CATEGORIES:" + ContentLine.text(category(activity.kind)))
        lines.append("CLASS:" + (activity.visibility == .public ? "PUBLIC" : "PRIVATE"))
        if let url = url?.trimmed.nilIfEmpty { lines.append("URL:" + ContentLine.uri(url)) }
        lines.append("STATUS:CONFIRMED")
        lines.append("END:VEVENT")
        return lines
    }

    /// The summary, then who takes part: organizations in person, those joining virtually, and staff. Those
    /// that declined are left out.
    private static func description(_ activity: Activity) -> String? {
        func names(_ mode: AttendanceMode) -> [String] {
            activity.attendees(mode).filter { $0.status != .declined }.compactMap {
                $0.organizationName?.trimmed.nilIfEmpty
            }
        }
        var who: [String] = []
        let inPerson = names(.inPerson)
        if !inPerson.isEmpty { who.append("In person: " + inPerson.joined(separator: ", ")) }
        let virtual = names(.virtual)
        if !virtual.isEmpty { who.append("Virtually: " + virtual.joined(separator: ", ")) }
        let staff = activity.staff.compactMap { $0.name.trimmed.nilIfEmpty }
        if !staff.isEmpty { who.append("Staff: " + staff.joined(separator: ", ")) }
        let parts = [activity.summary?.trimmed.nilIfEmpty, who.isEmpty ? nil : who.joined(separator: "\n")]
        let text = parts.compactMap { $0 }.joined(separator: "\n\n")
        return text.isEmpty ? nil : text
    }

    /// The kind as people say it.
    private static func category(_ kind: ActivityKind) -> String {
        switch kind {
        case .mission: "Mission"
        case .bilateralMeeting: "Bilateral meeting"
        case .courtesyVisit: "Courtesy visit"
        case .event: "Event"
        case .congress: "Congress"
        case .call: "Call"
        }
    }

    // MARK: Values

    /// A parameter value (a zone name), quoted when it holds a character that would end the parameter.
    private static func parameter(_ value: String) -> String {
        let clean = value.filter { $0 != "\"" && !$0.isNewline }
        return clean.contains(where: { ";:,".contains($0) }) ? "\"" + clean + "\"" : clean
    }

    // MARK: Dates
    //
    // Worked out from day numbers rather than with a Calendar or a formatter: the same bytes whatever the
    // machine's locale, and quick enough for a feed of thousands of events.

    /// An instant in UTC, "20261111T013000Z" (seconds truncated).
    static func utc(_ date: Date) -> String { floating(date) + "Z" }

    /// The UTC wall time of an instant without its "Z", "20261111T013000"; with an offset added, a local time.
    static func floating(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        return ICalendar.date(days: days) + "T" + pad(time / 3_600) + pad(time % 3_600 / 60) + pad(time % 60)
    }

    /// The day of "YYYY-MM-DD" as a day number (days since 1970-01-01), or nil when the text is no date.
    public static func day(_ text: String) -> Int? {
        ActivityTime.components(text, withTime: false).map(days)
    }

    /// The day number of a year, month and day.
    static func days(_ parts: DateComponents) -> Int {
        // Howard Hinnant's days_from_civil: years start in March, so the leap day ends the year.
        let month = parts.month ?? 1
        let year = (parts.year ?? 1970) - (month <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + (parts.day ?? 1) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A day number as a DATE value, "20261110".
    static func date(days: Int) -> String {
        // Hinnant's civil_from_days, the inverse of `days(_:)`.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + pad(month) + pad(day)
    }

    /// A number with leading zeros.
    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
