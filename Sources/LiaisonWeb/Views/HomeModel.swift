import Foundation
import LiaisonCore
import LiaisonStore

/// One part of the home page. Each part is loaded and drawn on its own, so a later part (follow-ups due,
/// reports, members least known) is one more type in the list rather than a change to the page; a part with
/// nothing to say may still say so, but a part for a feature that does not exist is never listed.
protocol HomePart {
    /// The section's id, its heading's id being `id-h`.
    var id: String { get }
    var heading: String { get }
    func render(into html: inout HTML, t: Strings)
}

/// What the home page shows: a greeting, the create actions the role allows, then its parts in order.
struct HomeModel {
    struct QuickAction {
        let label: String
        let href: String
    }

    let greeting: String
    let quickActions: [QuickAction]
    let parts: [any HomePart]

    init(name: String, role: StaffRole, parts: [any HomePart], strings t: Strings) {
        greeting = String(format: t[.homeGreeting], name)
        // Only creating needs a role above viewer; viewers see no strip at all.
        quickActions =
            role >= .editor
            ? [
                QuickAction(label: t[.navNewOrganization], href: "/organizations/new"),
                QuickAction(label: t[.navNewPerson], href: "/people/new"),
                QuickAction(label: t[.newActivity], href: "/activities/new"),
            ] : []
        self.parts = parts
    }
}

/// An activity as a home page list shows it: when in the viewer's zone, what kind, its title and place.
struct HomeActivityLine {
    let id: Int64
    let when: String
    let kind: String
    let title: String
    let place: String?

    init(_ s: ActivitySummary, zone: TimeZone, strings t: Strings) {
        id = s.id
        when = ActivityFormats.when(s, in: zone)
        kind = t.label(s.kind)
        title = s.title
        place = s.placeName ?? s.venue
    }

    static func list(_ lines: [HomeActivityLine], into html: inout HTML) {
        html.ul(.class("plain timeline")) { html in
            for line in lines {
                html.li { html in
                    html.span(.class("muted")) { $0.text(line.when) }
                    html.text(" ")
                    html.span(.class("badge")) { $0.text(line.kind) }
                    html.text(" ")
                    html.a(.href("/activities/\(line.id)"), text: line.title)
                    if let place = line.place {
                        html.text(" ")
                        html.span(.class("muted")) { $0.text("— \(place)") }
                    }
                }
            }
        }
    }
}

/// This week's activities on the whole calendar, Monday to Sunday in the viewer's zone.
struct HomeWeekPart: HomePart {
    static let limit = 30
    let id = "week"
    let heading: String
    let zoneNote: String
    let lines: [HomeActivityLine]
    /// More activities than the part lists.
    let more: Bool
    let calendarHref: String

    init(span: CalendarSpan, items: [ActivitySummary], strings t: Strings) {
        heading = t[.homeWeek]
        zoneNote = String(format: t[.calendarZoneNote], ActivityFormats.name(span.zone))
        lines = items.prefix(Self.limit).map { HomeActivityLine($0, zone: span.zone, strings: t) }
        more = items.count > Self.limit
        calendarHref = "/calendar?view=week&date=\(CalendarSpan.key(span.anchor))"
    }

    func render(into html: inout HTML, t: Strings) {
        html.p(.class("muted"), text: zoneNote)
        html.newline()
        if lines.isEmpty {
            html.p(.class("muted"), text: t[.homeWeekEmpty])
        } else {
            HomeActivityLine.list(lines, into: &html)
        }
        html.newline()
        html.p { html in html.a(.href(calendarHref), text: more ? t[.homeWeekMore] : t[.homeWeekCalendar]) }
    }
}

/// The activities coming up that the signed-in member of staff takes part in.
struct HomeMinePart: HomePart {
    static let limit = 8
    let id = "mine"
    let heading: String
    let lines: [HomeActivityLine]
    let calendarHref: String

    init(accountId: Int64, zone: TimeZone, items: [ActivitySummary], strings t: Strings) {
        heading = t[.homeMine]
        lines = items.prefix(Self.limit).map { HomeActivityLine($0, zone: zone, strings: t) }
        calendarHref = "/calendar?view=agenda&staff=\(accountId)"
    }

    func render(into html: inout HTML, t: Strings) {
        if lines.isEmpty {
            html.p(.class("muted"), text: t[.homeMineEmpty])
        } else {
            HomeActivityLine.list(lines, into: &html)
        }
        html.newline()
        html.p { html in html.a(.href(calendarHref), text: t[.homeMineAll]) }
    }
}

/// The latest changes to the organizations the signed-in member of staff is the focal point of.
struct HomeFocalPart: HomePart {
    /// The organizations read, most recently changed first: the latest changes are to them.
    static let organizations = 50
    static let changes = 8
    let id = "focal"
    let heading: String
    let count: Int
    let rows: [AdminPages.AuditRow]
    let listHref: String

    init(accountId: Int64, count: Int, entries: [AuditEntry], strings t: Strings) {
        heading = t[.homeFocal]
        self.count = count
        rows = entries.map { AdminPages.row($0, strings: t) }
        listHref = "/organizations?focalPoint=\(accountId)&sort=-updatedAt"
    }

    func render(into html: inout HTML, t: Strings) {
        if count == 0 {
            html.p(.class("muted"), text: t[.homeFocalNone])
            return
        }
        if rows.isEmpty {
            html.p(.class("muted"), text: t[.homeFocalEmpty])
        } else {
            HistoryView(rows: rows, t: t).render(into: &html)
        }
        html.newline()
        html.p { html in
            html.a(.href(listHref), text: count == 1 ? t[.homeFocalAllOne] : String(format: t[.homeFocalAll], count))
        }
    }
}

/// The signed-in member of staff's follow-ups: how many are overdue, and the next ones due; then how many
/// each colleague has overdue.
struct HomeFollowUpsPart: HomePart {
    static let limit = 8
    let id = "follow-ups"
    let heading: String
    let overdue: Int
    let lines: [FollowUpLine]
    let team: [OverdueCount]

    init(overdue: Int, items: [FollowUpSummary], team: [OverdueCount], today: String, strings t: Strings) {
        heading = t[.homeFollowUps]
        self.overdue = overdue
        lines = items.map { FollowUpLine($0, today: today, strings: t) }
        self.team = team
    }

    func render(into html: inout HTML, t: Strings) {
        if overdue > 0 {
            html.p(.class("alert"), .id("overdue-count")) { html in
                html.a(.href("/follow-ups"), text: String(format: t[.homeFollowUpsOverdue], overdue))
            }
        }
        if lines.isEmpty {
            html.p(.class("muted"), text: t[.followUpsNone])
        } else {
            FollowUpLinesView(lines: lines, t: t, csrf: nil, back: "/").render(into: &html)
        }
        html.newline()
        html.p { html in html.a(.href("/follow-ups"), text: t[.homeFollowUpsAll]) }
        guard !team.isEmpty else { return }
        html.h3 { $0.text(t[.homeFollowUpsTeam]) }
        html.ul(.class("plain"), .id("team-overdue")) { html in
            for colleague in team {
                html.li { html in
                    html.a(
                        .href("/follow-ups?assignee=\(colleague.accountId)"),
                        text: String(format: t[.homeFollowUpsTeamCount], colleague.name, colleague.count))
                }
            }
        }
    }
}
