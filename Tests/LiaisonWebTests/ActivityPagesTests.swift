import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// The calendar pages: recording the event of the trip report by form, the month grid, the activity page,
/// attendance set for many at once, zones, timelines, feeds.
@Suite struct ActivityPagesTests {
    static let inPerson = [
        "Guangzhou", "Harbin", "Shenyang", "Hangzhou", "Fuzhou", "Jinan", "Zhengzhou", "Changsha", "Xiamen",
        "Kunming", "Guiyang", "Xi'an", "Dongguan", "Zhuhai", "Foshan",
    ]
    static let virtual = ["Shanghai", "Dalian", "Wuhan", "Wuxi", "Jilin", "Nanning", "Chengdu", "Qingdao"]

    func eventForm(_ extra: [(String, String)] = []) -> [(String, String)] {
        [
            ("kind", "event"), ("title", "Event with Chinese members"), ("startDate", "2026-11-11"),
            ("startTime", "09:30"), ("endDate", "2026-11-11"), ("endTime", "17:00"), ("timeZone", "Asia/Shanghai"),
            // One per line, as a browser sends a textarea: its line breaks as CRLF.
            ("place", "广州"), ("visibility", "internal"), ("addInPerson", Self.inPerson.joined(separator: "\r\n")),
            ("addVirtual", Self.virtual.joined(separator: ", ")), ("addStatus", "attended"),
            ("addPeople", "CHEN Guo"), ("addRole", "speaker"),
        ] + extra
    }

    @Test func theReportsEventIsRecordedByFormAndReadBackEverywhere() async throws {
        try await withTestApp(demo: true) { app in
            let created = try await app.submit("/activities", eventForm([("staff", String(app.editor.account.id))]))
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let page = try await app.get(String(location.prefix { $0 != "?" }))
            #expect(page.status == .ok)
            #expect(page.text.contains("Came in person <span class=\"muted\">(15)</span>"))
            #expect(page.text.contains("Joined virtually <span class=\"muted\">(8)</span>"))
            #expect(page.text.contains("Wed 11 Nov 2026, 09:30–17:00 GMT+8"))
            #expect(page.text.contains("Delegation of Guangzhou"))
            let id = Int64(location.split(separator: "/")[1].prefix { $0.isNumber })!
            let activity = try #require(try await app.store.activity(id: id))
            #expect(activity.placeName == "Guangzhou")
            #expect(activity.attendees(.virtual).map(\.organizationName) == Self.virtual)
            #expect(activity.people.first?.role == .speaker)
            #expect(activity.people.first?.organizationId == activity.organizations.first?.organizationId)

            let month = try await app.get("/calendar?view=month&date=2026-11-01")
            #expect(month.text.contains("Event with Chinese members"))
            #expect(month.text.contains("November 2026"))
            let foshan = try #require(activity.organizations.first { $0.organizationName == "Foshan" }?.organizationId)
            let timeline = try await app.get("/organizations/\(foshan)")
            #expect(timeline.text.contains("Event with Chinese members"))
            #expect(timeline.text.contains("In person · Attended"))
            let agenda = try await app.get("/calendar?view=agenda&date=2026-11-01&kind=event")
            #expect(agenda.text.contains("Event with Chinese members"))
            let empty = try await app.get("/calendar?view=agenda&date=2026-11-01&kind=call")
            #expect(!empty.text.contains("Event with Chinese members"))
            // The audit trail has it, with who recorded it and a link to it.
            let trail = try await app.get("/admin/audit?entity=activity", as: .admin)
            #expect(trail.text.contains("<a href=\"/activities/\(id)\">Event with Chinese members</a>"))
            #expect(trail.text.contains("Agnès Bickart"))
        }
    }

    @Test func theAgendaListsAMultiDayActivityOnceAndTheGridOnEveryDay() async throws {
        try await withTestApp(demo: true) { app in
            let mission = "Mission to Guangzhou and the Greater Bay Area</a>"
            let fromItsStart = try await app.get("/calendar?view=agenda&date=2026-11-08").text
            #expect(fromItsStart.components(separatedBy: mission).count - 1 == 1)
            // Begun before the agenda's first day, it is listed on that day.
            let fromTheMiddle = try await app.get("/calendar?view=agenda&date=2026-11-10").text
            #expect(fromTheMiddle.components(separatedBy: mission).count - 1 == 1)
            let week = try await app.get("/calendar?view=week&date=2026-11-10").text
            // The week of Monday 9 November holds four of its five days.
            #expect(week.components(separatedBy: mission).count - 1 == 4)
        }
    }

    @Test func titlesAreShownAsTextOnEveryCalendarPage() async throws {
        try await withTestApp { app in
            _ = try await app.store.createActivity(
                ActivityInput(
                    kind: .call, title: "<b>Budget</b> & \"co\"", start: "2026-12-02T10:00", end: "2026-12-02T11:00",
                    timeZone: "Europe/Madrid", placeName: "<i>Town</i>"), by: .system)
            for view in ["month", "week", "agenda"] {
                let page = try await app.get("/calendar?view=\(view)&date=2026-12-02").text
                #expect(page.contains("&lt;b&gt;Budget&lt;/b&gt; &amp; &quot;co&quot;"), "\(view)")
                #expect(!page.contains("<b>Budget"), "\(view)")
                #expect(!page.contains("<i>Town"), "\(view)")
            }
        }
    }

    @Test func aNewActivityStartsInTheViewersZoneOrUTC() async throws {
        try await withTestApp { app in
            let blank = try await app.get("/activities/new?date=2026-12-02").text
            #expect(blank.contains("name=\"timeZone\" type=\"text\" value=\"UTC\" list=\"zone-names\""))
            #expect(blank.contains("value=\"2026-12-02\""))
            _ = try await app.store.updateAccount(id: app.editor.account.id, .timeZone("Asia/Shanghai"), by: .system)
            let mine = try await app.get("/activities/new").text
            #expect(mine.contains("name=\"timeZone\" type=\"text\" value=\"Asia/Shanghai\""))
        }
    }

    @Test func namesNotInTheDirectoryAreRefusedAndWhatWasTypedStays() async throws {
        try await withTestApp(demo: true) { app in
            let response = try await app.submit(
                "/activities", eventForm().map { $0.0 == "addVirtual" ? ($0.0, "Atlantis, Shanghai") : $0 })
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("No organization in the directory is called &quot;Atlantis&quot;."))
            #expect(response.text.contains("Atlantis, Shanghai</textarea>"))
            let skipped = try await app.submit(
                "/activities",
                eventForm().map {
                    switch $0.0 {
                    case "timeZone": ($0.0, "Europe/Madrid")
                    case "startDate", "endDate": ($0.0, "2026-03-29")
                    case "startTime": ($0.0, "02:30")
                    default: $0
                    }
                })
            #expect(skipped.status == .unprocessableContent)
            #expect(skipped.text.contains("does not exist in Europe/Madrid"))
            let november = try await app.store.listActivities(ActivityQuery(kinds: [.event], limit: 500))
            #expect(!november.contains { $0.title == "Event with Chinese members" })
        }
    }

    @Test func attendanceIsSetForTheTickedOrganizations() async throws {
        try await withTestApp(demo: true) { app in
            let created = try await app.submit(
                "/activities", eventForm().map { $0.0 == "addStatus" ? ($0.0, "invited") : $0 })
            let id = Int64(try #require(created.headers[.location]).split(separator: "/")[1].prefix { $0.isNumber })!
            let activity = try #require(try await app.store.activity(id: id))
            let ticked = activity.organizations.prefix(3).compactMap(\.organizationId)
            let response = try await app.submit(
                "/activities/\(id)/attendance",
                [("version", "1"), ("status", "confirmed")] + ticked.map { ("organization", String($0)) })
            #expect(response.status == .seeOther)
            let after = try #require(try await app.store.activity(id: id))
            #expect(after.organizations.map(\.status).prefix(4) == [.confirmed, .confirmed, .confirmed, .invited])
            let stale = try await app.submit(
                "/activities/\(id)/attendance",
                [("version", "1"), ("status", "declined"), ("organization", String(ticked[0]))])
            #expect(stale.status == .conflict)
            let none = try await app.submit("/activities/\(id)/attendance", [("version", "2"), ("status", "declined")])
            #expect(none.status == .unprocessableContent)
            #expect(none.text.contains("Choose at least one organization."))
            let viewer = try await app.submit(
                "/activities/\(id)/attendance",
                [("version", "2"), ("status", "declined"), ("organization", String(ticked[0]))],
                as: .viewer)
            #expect(viewer.status == .forbidden)
        }
    }

    @Test func timesShowInTheActivitysZoneAndTheViewersOwn() async throws {
        try await withTestApp(demo: true) { app in
            let created = try await app.submit("/activities", eventForm())
            let id = String(try #require(created.headers[.location]).split(separator: "/")[1].prefix { $0.isNumber })
            _ = try await app.store.updateAccount(id: app.editor.account.id, .timeZone("Europe/Madrid"), by: .system)
            let page = try await app.get("/activities/\(id)")
            // 09:30 in Guangzhou is 02:30 in Barcelona in November (UTC+1).
            #expect(page.text.contains("In your zone (Europe/Madrid): Wed 11 Nov 2026, 02:30–10:00 GMT+1"))
            let zone = try await app.submit("/account/time-zone", [("timeZone", "Mars/Olympus")])
            #expect(zone.status == .unprocessableContent)
            #expect(try await app.store.account(id: app.editor.account.id)?.timeZone == "Europe/Madrid")
            let saved = try await app.submit("/account/time-zone", [("timeZone", "Asia/Shanghai")])
            #expect(saved.status == .seeOther)
            #expect(try await app.store.account(id: app.editor.account.id)?.timeZone == "Asia/Shanghai")
        }
    }

    @Test func feedsServeTheCalendarUntilRevoked() async throws {
        try await withTestApp(demo: true) { app in
            _ = try await app.submit("/activities", eventForm([("staff", String(app.editor.account.id))]))
            let page = try await app.submit("/account/feeds", [("scope", "mine"), ("password", TestApp.password)])
            #expect(page.status == .ok)
            let url = try #require(page.text.firstMatch(of: /feeds\/calendar\/(lcf_[A-Za-z0-9_-]+)/))
            let feed = try await app.get("/feeds/calendar/\(url.1)", as: .anonymous)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(feed.text.contains("DTSTART;TZID=Asia/Shanghai:20261111T093000"))
            #expect(feed.text.contains("SUMMARY:Event with Chinese members"))
            // Another member of staff's feed of their own activities does not carry it.
            let (_, other) = try await CalendarFeeds.issue(
                accountId: app.viewer.account.id, scope: .mine, store: app.store, by: .system)
            #expect(!(try await app.get("/feeds/calendar/\(other)", as: .anonymous).text.contains("VEVENT")))
            let feeds = try await app.store.calendarFeeds(accountId: app.editor.account.id)
            #expect(try await app.submit("/account/feeds/\(feeds[0].id)/revoke", [], as: .viewer).status == .notFound)
            _ = try await app.submit("/account/feeds/\(feeds[0].id)/revoke", [])
            #expect(try await app.get("/feeds/calendar/\(url.1)", as: .anonymous).status == .notFound)
            #expect(try await app.get("/feeds/calendar/lcf_guess", as: .anonymous).status == .notFound)
        }
    }
}
