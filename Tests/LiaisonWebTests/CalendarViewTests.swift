import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@testable import LiaisonWeb

/// The typed calendar: a month of a hundred activities, some over several days and some in other zones, drawn
/// with every title and place escaped, each activity on each day it covers, and quickly.
@Suite struct CalendarViewTests {
    static let t = try! Strings(file: WebSettings.bundledResources.appendingPathComponent("strings/en.json"))

    /// A hundred activities in November 2026: timed ones in Madrid and Shanghai, all-day ones over three days.
    static var month: [ActivitySummary] {
        (0..<100).map { index in
            let day = 1 + index % 28
            let allDay = index % 10 == 0
            let zone = index % 3 == 0 ? "Asia/Shanghai" : "Europe/Madrid"
            let date = "2026-11-" + ActivityTime.pad(day)
            let last = "2026-11-" + ActivityTime.pad(day + 2)
            let startsAt = try! ActivityTime.midnight(of: date, in: .utc).get().addingTimeInterval(9 * 3600)
            return ActivitySummary(
                id: Int64(index + 1), kind: ActivityKind.allCases[index % ActivityKind.allCases.count],
                title: "Meeting <b>\(index)</b> & \"co\"", allDay: allDay, start: allDay ? date : date + "T10:00",
                end: allDay ? last : date + "T11:30", timeZone: zone, startsAt: startsAt,
                endsAt: allDay ? startsAt.addingTimeInterval(3 * 86_400) : startsAt.addingTimeInterval(5400),
                placeOrganizationId: nil, placeName: index % 2 == 0 ? "Town <i>\(index)</i>" : nil,
                venue: index % 4 == 0 ? "Hall 'A'" : nil, visibility: .internal, missionId: nil)
        }
    }

    static func render(_ mode: CalendarMode, items: [ActivitySummary]) -> String {
        let span = CalendarSpan(mode: mode, anchor: DateComponents(year: 2026, month: 11, day: 11), zone: .utc)
        let model = CalendarModel(
            span: span, items: items, parameters: ["kind": "event & more"], filters: [],
            now: Date(timeIntervalSince1970: 1_794_000_000), strings: t)
        var html = HTML(capacity: 65_536)
        CalendarView(model: model, t: t, canEdit: true).render(into: &html)
        return html.output
    }

    @Test(arguments: CalendarMode.allCases)
    func everyValueIsEscaped(mode: CalendarMode) {
        let page = Self.render(mode, items: Self.month)
        #expect(page.contains("Meeting &lt;b&gt;1"))
        #expect(!page.contains("<b>") && !page.contains("<i>") && !page.contains("& more"))
        #expect(page.contains("kind=event%20%26%20more"))
    }

    @Test func theMonthShowsEachActivityOnEachDayItCovers() {
        let page = Self.render(.month, items: Self.month)
        // Monday 26 October to Sunday 6 December.
        #expect(page.components(separatedBy: "<tr><td").count - 1 == 6)
        #expect(page.components(separatedBy: "<td").count - 1 == 42)
        // 90 timed activities on one day each, 10 all-day ones on three.
        #expect(page.components(separatedBy: "<li class=\"kind-").count - 1 == 90 + 10 * 3)
        #expect(page.contains("<td class=\"outside\" data-date=\"2026-10-26\">"))
        #expect(
            page.contains(
                "<td data-date=\"2026-11-02\"><a class=\"day-number\" href=\"/calendar?view=agenda&amp;date=2026-11-02\" aria-label=\"Mon 2 Nov 2026\"><span class=\"day-short\">2</span><span class=\"day-long\">Mon 2 Nov 2026</span></a>"
            ))
        #expect(page.contains("<td class=\"today\" data-date=\"2026-11-06\">"))
        #expect(page.contains("<span class=\"time\">\(Self.t[.allDay])</span>"))
    }

    @Test func anEmptyWeekAndAgendaSayTheyAreEmpty() {
        #expect(Self.render(.week, items: []).components(separatedBy: "<p class=\"muted\">—</p>").count - 1 == 7)
        #expect(Self.render(.agenda, items: []).contains("<p class=\"muted\">\(Self.t[.agendaEmpty])</p>"))
    }
}
