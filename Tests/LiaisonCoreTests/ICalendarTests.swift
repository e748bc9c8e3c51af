import Foundation
import LiaisonCore
import Testing

@Suite struct ICalendarTests {
    static let now = Date(timeIntervalSince1970: 1_795_428_900)  // 2026-11-23T10:15:00Z
    static let updated = Date(timeIntervalSince1970: 1_794_000_000)  // 2026-11-06T21:20:00Z

    /// An activity as the store gives it: the instants worked out from the local times.
    static func activity(
        _ id: Int64, _ input: ActivityInput, version: Int = 1, staff: [StaffContact] = []
    ) throws -> Activity {
        let interval = try input.interval().get()
        return Activity(
            id: id, input: input, startsAt: interval.start, endsAt: interval.end, staff: staff, version: version,
            createdAt: updated, updatedAt: updated)
    }

    static func document(_ activities: [Activity], url: (Activity) -> String? = { _ in nil }) -> String {
        ICalendar.document(activities, calendarName: "UCLG calendar", host: "liaison.example.org", now: now, url: url)
    }

    static let guangzhou = ActivityInput(
        kind: .event, title: "UCLG World Council", summary: "Annual meeting of the World Council.",
        start: "2026-11-11T09:30", end: "2026-11-11T12:00", timeZone: "Asia/Shanghai", placeName: "Guangzhou",
        venue: "Baiyun Convention Center", visibility: .public,
        organizations: [
            .init(organizationName: "Guangzhou", mode: .inPerson, status: .confirmed, organizer: true),
            .init(organizationName: "Barcelona", mode: .inPerson, status: .confirmed),
            .init(organizationName: "Durban", mode: .virtual, status: .confirmed),
            .init(organizationName: "Lyon", mode: .inPerson, status: .declined),
        ])

    static func madrid(_ day: String) -> ActivityInput {
        ActivityInput(
            kind: .bilateralMeeting, title: "Meeting with FEMP", start: "\(day)T10:00", end: "\(day)T11:00",
            timeZone: "Europe/Madrid", placeName: "Madrid")
    }

    static let mission = ActivityInput(
        kind: .mission, title: "Mission to Guangzhou", allDay: true, start: "2026-11-08", end: "2026-11-12",
        timeZone: "Asia/Shanghai")

    /// A call in Asia/Kolkata (+0530), its instants given: Foundation on Linux lists that zone only under its old
    /// name, Asia/Calcutta, so the form's validation refuses it there.
    static func kolkataCall(_ id: Int64) throws -> Activity {
        let input = ActivityInput(
            kind: .call, title: "Call with NIUA", start: "2026-07-01T15:00", end: "2026-07-01T16:00",
            timeZone: "Asia/Kolkata")
        return Activity(
            id: id, input: input, startsAt: try utc("20260701T093000Z"), endsAt: try utc("20260701T103000Z"),
            version: 1, createdAt: updated, updatedAt: updated)
    }

    // MARK: Reading the output back

    /// The logical lines: folded lines joined again (RFC 5545 3.1), CRLF removed.
    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    /// The physical lines as bytes, without their CRLF.
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append([])
                index += 2
            } else {
                lines[lines.count - 1].append(bytes[index])
                index += 1
            }
        }
        return lines.last == [] ? lines.dropLast() : lines
    }

    /// The values of a property, with the parameters it was written with ("DTSTART;TZID=..." keeps them).
    static func values(_ name: String, in lines: [String]) -> [String] {
        lines.filter { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// A TEXT value unescaped.
    static func unescaped(_ value: String) -> String {
        var result = ""
        var characters = value.makeIterator()
        while let character = characters.next() {
            if character == "\\", let next = characters.next() {
                result.append(next == "n" || next == "N" ? "\n" : next)
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The lines of each component named `name` ("VEVENT", "VTIMEZONE", "DAYLIGHT").
    static func components(_ name: String, in lines: [String]) -> [[String]] {
        var result: [[String]] = []
        var current: [String]?
        for line in lines {
            if line == "BEGIN:" + name {
                current = []
            } else if line == "END:" + name, let finished = current {
                result.append(finished)
                current = nil
            } else {
                current?.append(line)
            }
        }
        return result
    }

    /// A VTIMEZONE's observances: kind, onset (local time), and the offsets before and after. TZNAME is left
    /// out: its text depends on the platform's zone names ("CEST" or "GMT+2").
    struct Observance: Equatable {
        var kind: String
        var onset: String
        var from: String
        var to: String
    }

    static func observances(_ timeZone: [String]) -> [Observance] {
        ["STANDARD", "DAYLIGHT"].flatMap { kind in
            components(kind, in: timeZone).map {
                Observance(
                    kind: kind, onset: values("DTSTART", in: $0)[0], from: values("TZOFFSETFROM", in: $0)[0],
                    to: values("TZOFFSETTO", in: $0)[0])
            }
        }.sorted { $0.onset < $1.onset }
    }

    /// The instant a reader gets for "20261111T093000" in a VTIMEZONE: the offset of the observance with the
    /// latest onset at or before the time (RFC 5545 3.6.5).
    static func instant(_ local: String, in timeZone: [String]) throws -> Date {
        let observance = try #require(observances(timeZone).last { $0.onset <= local })
        let sign = observance.to.hasPrefix("-") ? -1 : 1
        let digits = Array(observance.to.dropFirst()).map { Int(String($0))! }
        let offset = sign * ((digits[0] * 10 + digits[1]) * 3_600 + (digits[2] * 10 + digits[3]) * 60)
        return try utc(local + "Z").addingTimeInterval(TimeInterval(-offset))
    }

    /// "20261111T013000Z" as an instant.
    static func utc(_ text: String) throws -> Date {
        let n = Array(text.utf8).map { Int($0) - 48 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + n[$1] } }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = DateComponents(
            year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(9..<11),
            minute: number(11..<13), second: number(13..<15))
        return try #require(calendar.date(from: parts))
    }

    // MARK: Tests

    @Test func theCalendarSaysWhatItIs() throws {
        let text = Self.document([try Self.activity(1, Self.guangzhou)])
        let lines = Self.lines(text)
        #expect(
            Array(lines.prefix(6)) == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Liaison//Calendar//EN", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH", "X-WR-CALNAME:UCLG calendar",
            ])
        #expect(lines.last == "END:VCALENDAR")
        #expect(!text.contains("X-WR-TIMEZONE"))
        // Every line ends with CRLF, and no bare CR or LF is left.
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains(where: { $0 == "\r" || $0 == "\n" }))
    }

    @Test func aGuangzhouEventIsAtItsLocalTimeInAsiaShanghai() throws {
        let activity = try Self.activity(
            42, Self.guangzhou, version: 3,
            staff: [
                StaffContact(id: 7, name: "Ana Pérez", email: "ana@uclg.org"),
                StaffContact(id: 8, name: "Li Wei", email: "li@uclg.org"),
            ])
        let lines = Self.lines(Self.document([activity]) { "https://liaison.example.org/activities/\($0.id)" })
        let event = try #require(Self.components("VEVENT", in: lines).first)
        #expect(
            event == [
                "UID:activity-42@liaison.example.org",
                "DTSTAMP:20261123T101500Z",
                "DTSTART;TZID=Asia/Shanghai:20261111T093000",
                "DTEND;TZID=Asia/Shanghai:20261111T120000",
                "LAST-MODIFIED:20261106T212000Z",
                "SEQUENCE:2",
                "SUMMARY:UCLG World Council",
                "DESCRIPTION:Annual meeting of the World Council.\\n\\nIn person: Guangzhou\\, Barcelona\\n"
                    + "Virtually: Durban\\nStaff: Ana Pérez\\, Li Wei",
                "LOCATION:Baiyun Convention Center\\, Guangzhou",
                "CATEGORIES:Event",
                "CLASS:PUBLIC",
                "URL:https://liaison.example.org/activities/42",
                "STATUS:CONFIRMED",
            ])
        let zones = Self.components("VTIMEZONE", in: lines)
        #expect(zones.count == 1)
        let zone = try #require(zones.first)
        #expect(zone.first == "TZID:Asia/Shanghai")
        // No change in the span: one standard observance from 1970.
        #expect(
            Self.observances(zone) == [.init(kind: "STANDARD", onset: "19700101T000000", from: "+0800", to: "+0800")])
        #expect(try Self.instant("20261111T093000", in: zone) == activity.startsAt)
        #expect(activity.startsAt == (try Self.utc("20261111T013000Z")))
    }

    @Test func madridMeetingsEitherSideOfTheSpringChange() throws {
        let before = try Self.activity(1, Self.madrid("2026-03-27"))
        let after = try Self.activity(2, Self.madrid("2026-03-30"))
        let lines = Self.lines(Self.document([after, before]))
        // One zone for both, and the events in the order given.
        let zones = Self.components("VTIMEZONE", in: lines)
        #expect(zones.count == 1)
        #expect(
            Self.values("DTSTART;TZID=Europe/Madrid", in: lines) == ["20260330T100000", "20260327T100000"])
        #expect(Self.values("UID", in: lines) == ["activity-2@liaison.example.org", "activity-1@liaison.example.org"])
        let observances = Self.observances(try #require(zones.first))
        #expect(observances.contains(.init(kind: "DAYLIGHT", onset: "20260329T020000", from: "+0100", to: "+0200")))
        #expect(observances.contains(.init(kind: "STANDARD", onset: "20261025T030000", from: "+0200", to: "+0100")))
        // A year either side: the changes from the spring of 2025 to the spring of 2027, each named.
        #expect(observances.first?.onset == "20250330T020000")
        #expect(observances.last?.onset == "20270328T020000")
        #expect(observances.count == 5)
        #expect(Self.values("TZNAME", in: zones[0]).count == 5)
        // A reader following the VTIMEZONE lands on the instants Liaison worked out.
        #expect(try Self.instant("20260327T100000", in: zones[0]) == Self.utc("20260327T090000Z"))
        #expect(try Self.instant("20260330T100000", in: zones[0]) == Self.utc("20260330T080000Z"))
        #expect(before.startsAt == (try Self.utc("20260327T090000Z")))
        #expect(after.startsAt == (try Self.utc("20260330T080000Z")))
    }

    @Test func zonesWithHalfHourOffsetsAndRepeatedTimes() throws {
        let kolkata = try Self.kolkataCall(1)
        let stJohns = try Self.activity(
            2,
            ActivityInput(
                title: "FCM visit", start: "2026-07-02T09:00", end: "2026-07-02T10:00", timeZone: "America/St_Johns"))
        // 02:30 happens twice in Madrid on 25 October; Liaison and RFC 5545 both take the first (summer time).
        let repeated = try Self.activity(
            3, Self.madrid("2026-10-25").with(start: "2026-10-25T02:30", end: "2026-10-25T04:00"))
        let lines = Self.lines(Self.document([kolkata, stJohns, repeated]))
        let zones = Self.components("VTIMEZONE", in: lines)
        #expect(zones.map { $0[0] } == ["TZID:Asia/Kolkata", "TZID:America/St_Johns", "TZID:Europe/Madrid"])
        #expect(
            Self.observances(zones[0]) == [
                .init(kind: "STANDARD", onset: "19700101T000000", from: "+0530", to: "+0530")
            ])
        #expect(
            Self.observances(zones[1]).contains(
                .init(kind: "DAYLIGHT", onset: "20260308T020000", from: "-0330", to: "-0230")))
        for (activity, zone) in zip([kolkata, stJohns, repeated], zones) {
            let local = try #require(Self.values("DTSTART;TZID=\(activity.timeZone)", in: lines).first)
            #expect(try Self.instant(local, in: zone) == activity.startsAt)
        }
        #expect(repeated.startsAt == (try Self.utc("20261025T003000Z")))
    }

    @Test func allDayActivitiesEndTheDayAfterTheirLastDay() throws {
        let newYear = try Self.activity(
            2,
            ActivityInput(
                kind: .congress, title: "Winter school", allDay: true, start: "2026-12-28", end: "2026-12-31",
                timeZone: "Europe/Madrid"))
        let lines = Self.lines(Self.document([try Self.activity(1, Self.mission), newYear]))
        #expect(Self.values("DTSTART;VALUE=DATE", in: lines) == ["20261108", "20261228"])
        #expect(Self.values("DTEND;VALUE=DATE", in: lines) == ["20261113", "20270101"])
        #expect(Self.values("CATEGORIES", in: lines) == ["Mission", "Congress"])
        // Days need no zone.
        #expect(Self.components("VTIMEZONE", in: lines).isEmpty)
    }

    @Test func utcActivitiesAreWrittenInUTC() throws {
        let call = try Self.activity(
            1,
            ActivityInput(
                kind: .call, title: "Board call", start: "2026-11-11T13:00", end: "2026-11-11T14:00", timeZone: "UTC"))
        let lines = Self.lines(Self.document([call]))
        #expect(Self.values("DTSTART", in: lines) == ["20261111T130000Z"])
        #expect(Self.values("DTEND", in: lines) == ["20261111T140000Z"])
        #expect(!lines.contains { $0.contains("TZID") })
        #expect(Self.values("CLASS", in: lines) == ["PRIVATE"])
        #expect(Self.values("URL", in: lines).isEmpty)
        #expect(Self.values("DESCRIPTION", in: lines).isEmpty)
        #expect(Self.values("LOCATION", in: lines).isEmpty)
        #expect(Self.values("SEQUENCE", in: lines) == ["0"])
    }

    @Test func longChineseTitlesFoldBetweenCharacters() throws {
        let title = String(repeating: "世界城市和地方政府联合组织广州峰会暨国际城市创新奖颁奖典礼", count: 4) + " — Guangzhou"
        var input = Self.guangzhou
        input.title = title
        let text = Self.document([try Self.activity(1, input)])
        let physical = Self.physicalLines(text)
        #expect(physical.count > Self.lines(text).count)
        for line in physical {
            #expect(line.count <= 75)
            // Each physical line is whole UTF-8 on its own: no character was cut.
            #expect(String(validating: line, as: UTF8.self) != nil)
        }
        let summary = try #require(Self.values("SUMMARY", in: Self.lines(text)).first)
        #expect(Self.unescaped(summary) == title)
    }

    @Test func textIsEscaped() throws {
        var input = Self.guangzhou
        input.title = "Roads, rails; and \\ paths\nsecond line"
        input.summary = nil
        input.organizations = []
        let lines = Self.lines(Self.document([try Self.activity(1, input)]))
        let summary = try #require(Self.values("SUMMARY", in: lines).first)
        #expect(summary == "Roads\\, rails\\; and \\\\ paths\\nsecond line")
        #expect(Self.unescaped(summary) == input.title)
        #expect(Self.values("DESCRIPTION", in: lines).isEmpty)
    }

    @Test func theSameActivitiesGiveTheSameBytes() throws {
        let activities = [
            try Self.activity(3, Self.madrid("2026-03-30")), try Self.activity(1, Self.guangzhou),
            try Self.activity(2, Self.mission),
        ]
        #expect(Self.document(activities) == Self.document(activities))
        #expect(
            Self.values("UID", in: Self.lines(Self.document(activities)))
                == [
                    "activity-3@liaison.example.org", "activity-1@liaison.example.org",
                    "activity-2@liaison.example.org",
                ])
    }

    /// Every case above in one document, for checking with other readers: LIAISON_ICS_SAMPLE=/tmp/sample.ics.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIAISON_ICS_SAMPLE"] != nil))
    func writesASampleDocument() throws {
        let path = try #require(ProcessInfo.processInfo.environment["LIAISON_ICS_SAMPLE"])
        var chinese = Self.guangzhou
        chinese.title = String(repeating: "世界城市和地方政府联合组织广州峰会", count: 5)
        var escaped = Self.madrid("2026-06-15")
        escaped.title = "Roads, rails; and \\ paths\nsecond line"
        let activities = [
            try Self.activity(
                1, Self.guangzhou, staff: [StaffContact(id: 7, name: "Ana Pérez", email: "ana@uclg.org")]),
            try Self.activity(2, Self.madrid("2026-03-27")),
            try Self.activity(3, Self.madrid("2026-03-30")),
            try Self.activity(4, Self.mission),
            try Self.kolkataCall(5),
            try Self.activity(
                6,
                ActivityInput(
                    title: "FCM visit", start: "2026-07-02T09:00", end: "2026-07-02T10:00", timeZone: "America/St_Johns"
                )),
            try Self.activity(
                7,
                ActivityInput(
                    kind: .call, title: "Board call", start: "2026-11-11T13:00", end: "2026-11-11T14:00",
                    timeZone: "UTC")),
            try Self.activity(8, chinese),
            try Self.activity(9, escaped),
            try Self.activity(10, Self.madrid("2026-10-25").with(start: "2026-10-25T02:30", end: "2026-10-25T04:00")),
        ]
        try Self.document(activities) { "https://liaison.example.org/activities/\($0.id)" }
            .write(toFile: path, atomically: true, encoding: .utf8)
    }
}

extension ActivityInput {
    fileprivate func with(start: String, end: String) -> ActivityInput {
        var copy = self
        copy.start = start
        copy.end = end
        return copy
    }
}
