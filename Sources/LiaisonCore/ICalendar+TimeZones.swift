import Foundation

extension ICalendar {
    /// A VTIMEZONE for `zone`, written from the system's zone database, whose observances cover a year either side
    /// of the instants the events use. Readers then place the events' local times without knowing the zone
    /// themselves, and agree with Liaison even when their own zone data is older.
    ///
    /// Each daylight-saving change in the span is its own observance, dated (no RRULE): exact for the years
    /// covered, even for zones whose rules changed in them. The observance in force before the first change
    /// starts in 1970, which is also the single observance of a zone without changes (Asia/Shanghai).
    static func timeZone(_ name: String, _ zone: TimeZone, covering earliest: Date, to latest: Date) -> [String] {
        let year: TimeInterval = 366 * 86_400
        let from = earliest - year
        let until = latest + year
        var changes: [Date] = []
        var cursor = from
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next > cursor, next <= until {
            changes.append(next)
            cursor = next
        }
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + ContentLine.text(name)]
        if changes.first.map({ $0 > earliest }) ?? true {
            let offset = zone.secondsFromGMT(for: from)
            lines += observance(
                daylight: zone.isDaylightSavingTime(for: from), onset: "19700101T000000", from: offset, to: offset,
                name: zone.abbreviation(for: from))
        }
        for change in changes {
            // The onset is the wall time when the change happens, read in the offset it leaves (RFC 5545 3.6.5):
            // 02:00 for Madrid's spring change, 03:00 for its autumn one.
            let before = zone.secondsFromGMT(for: change - 1)
            lines += observance(
                daylight: zone.isDaylightSavingTime(for: change),
                onset: floating(change + TimeInterval(before)), from: before, to: zone.secondsFromGMT(for: change),
                name: zone.abbreviation(for: change))
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// One STANDARD or DAYLIGHT observance.
    private static func observance(daylight: Bool, onset: String, from: Int, to: Int, name: String?) -> [String] {
        let component = daylight ? "DAYLIGHT" : "STANDARD"
        var lines = [
            "BEGIN:" + component, "DTSTART:" + onset, "TZOFFSETFROM:" + offset(from), "TZOFFSETTO:" + offset(to),
        ]
        lines.append("TZNAME:" + ContentLine.text(zoneName(name, offset: to)))
        lines.append("END:" + component)
        return lines
    }

    /// The observance's name: the zone's abbreviation ("EST") when it has one of letters, else the offset as
    /// "GMT+5:30". Foundation on Linux names offsets with the zone's present rules (Pacific/Apia "GMT+13" in a
    /// summer at +14), so a name of that form is written from the offset itself.
    static func zoneName(_ abbreviation: String?, offset seconds: Int) -> String {
        if let abbreviation = abbreviation?.trimmed.nilIfEmpty, !abbreviation.hasPrefix("GMT"),
            !abbreviation.hasPrefix("UTC"), abbreviation.allSatisfy({ $0.isASCII && $0.isLetter })
        {
            return abbreviation
        }
        guard seconds != 0 else { return "GMT" }
        let magnitude = abs(seconds)
        let minutes = magnitude % 3_600 / 60
        return "GMT" + (seconds < 0 ? "-" : "+") + String(magnitude / 3_600) + (minutes == 0 ? "" : ":" + pad(minutes))
    }

    /// A UTC offset as RFC 5545 writes it, "+0800", "+0530", "-0330"; seconds only when there are some.
    static func offset(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        let text = (seconds < 0 ? "-" : "+") + pad(magnitude / 3_600) + pad(magnitude % 3_600 / 60)
        return magnitude % 60 == 0 ? text : text + pad(magnitude % 60)
    }
}
