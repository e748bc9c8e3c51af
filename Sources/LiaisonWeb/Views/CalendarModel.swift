import Foundation
import LiaisonCore
import LiaisonStore

/// Which calendar page: a month grid, a week, or an agenda list.
enum CalendarMode: String, CaseIterable {
    case month, week, agenda
}

/// The days a calendar page covers, in the viewer's zone, and the instants that bound them.
struct CalendarSpan {
    let mode: CalendarMode
    /// The day the page is about ("2026-11-11"); the month or week around it.
    let anchor: DateComponents
    let zone: TimeZone
    /// The first and last day shown (month: whole weeks, Monday first).
    let days: [DateComponents]
    let from: Date
    let to: Date

    init(mode: CalendarMode, anchor: DateComponents, zone: TimeZone) {
        self.mode = mode
        self.anchor = anchor
        self.zone = zone
        let calendar = ActivityTime.calendar(zone)
        let anchorDate = calendar.date(from: DateComponents(year: anchor.year, month: anchor.month, day: anchor.day))!
        var first: Date
        var count: Int
        switch mode {
        case .month:
            let firstOfMonth = calendar.date(from: DateComponents(year: anchor.year, month: anchor.month, day: 1))!
            first = Self.monday(onOrBefore: firstOfMonth, calendar)
            let nextMonth = calendar.date(byAdding: .month, value: 1, to: firstOfMonth)!
            let lastSunday = calendar.date(
                byAdding: .day, value: 6,
                to: Self.monday(onOrBefore: calendar.date(byAdding: .day, value: -1, to: nextMonth)!, calendar))!
            count = (calendar.dateComponents([.day], from: first, to: lastSunday).day ?? 34) + 1
        case .week:
            first = Self.monday(onOrBefore: anchorDate, calendar)
            count = 7
        case .agenda:
            first = anchorDate
            count = 1
        }
        // The days after the first are counted on, not asked of the calendar one by one.
        let firstDay = LocalTime(first, in: zone).dayNumber
        days = (0..<count).map {
            let date = LocalTime.date(firstDay + $0)
            return DateComponents(year: date.year, month: date.month, day: date.day)
        }
        from = first
        to = calendar.date(byAdding: .day, value: count, to: first)!
    }

    private static func monday(onOrBefore date: Date, _ calendar: Calendar) -> Date {
        let weekday = calendar.component(.weekday, from: date)
        return calendar.startOfDay(for: calendar.date(byAdding: .day, value: -((weekday + 5) % 7), to: date)!)
    }

    static func key(_ day: DateComponents) -> String {
        ActivityTime.dayText(year: day.year!, month: day.month!, day: day.day!)
    }

    /// The page before and after this one.
    func neighbour(_ step: Int) -> String {
        let calendar = ActivityTime.calendar(zone)
        let anchorDate = calendar.date(from: DateComponents(year: anchor.year, month: anchor.month, day: anchor.day))!
        let moved: Date =
            switch mode {
            case .month: calendar.date(byAdding: .month, value: step, to: anchorDate)!
            case .week: calendar.date(byAdding: .day, value: 7 * step, to: anchorDate)!
            case .agenda: calendar.date(byAdding: .day, value: 30 * step, to: anchorDate)!
            }
        return Self.key(calendar.dateComponents([.year, .month, .day], from: moved))
    }

    var heading: String {
        switch mode {
        case .month: "\(ActivityFormats.monthNames[anchor.month! - 1]) \(anchor.year!)"
        case .week:
            "\(ActivityFormats.day(from, in: zone)) – \(ActivityFormats.day(to.addingTimeInterval(-1), in: zone))"
        case .agenda: ActivityFormats.day(from, in: zone)
        }
    }
}

/// What a calendar page shows: the month grid, the week or the agenda, the filters, and links that keep them.
struct CalendarModel {
    struct Item {
        let id: Int64
        let title: String
        let kind: String
        let kindLabel: String
        /// The start in the viewer's zone, or "All day", or "continues".
        let time: String
        let when: String
        /// The time where it happens, when that zone is not the viewer's.
        let localWhen: String?
        let place: String?
    }
    struct Day {
        let number: Int
        let label: String
        let date: String
        let isToday: Bool
        let outside: Bool
        let items: [Item]
    }
    struct Link {
        let label: String
        let href: String
        let current: Bool
    }

    let mode: CalendarMode
    let heading: String
    let zoneNote: String
    let modes: [Link]
    let previous: String
    let next: String
    let today: String
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    /// The days of the month grid (whole weeks, Monday first) or of the week; empty for the agenda.
    let days: [Day]
    /// The agenda's days that have something, from the day chosen on; empty for the month and the week.
    let agenda: [Day]
    let filters: [FormField]
    /// The day the page is about ("2026-11-11").
    let date: String
    let newHref: String

    init(
        span: CalendarSpan, items: [ActivitySummary], parameters: [String: String], filters: [FormField],
        now: Date, strings t: Strings
    ) {
        let zone = span.zone
        let calendar = ActivityTime.calendar(zone)
        mode = span.mode
        heading = span.heading
        zoneNote = String(format: t[.calendarZoneNote], ActivityFormats.name(zone))
        let anchorKey = CalendarSpan.key(span.anchor)
        date = anchorKey
        var kept = parameters.filter {
            ["kind", "region", "organization", "staff", "org"].contains($0.key) && !$0.value.isEmpty
        }
        func href(mode: CalendarMode, date: String) -> String {
            kept["view"] = mode.rawValue
            kept["date"] = date
            return "/calendar?"
                + kept.sorted { $0.key < $1.key }.map {
                    "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                }.joined(separator: "&")
        }
        let todayKey = CalendarSpan.key(calendar.dateComponents([.year, .month, .day], from: now))
        modes = CalendarMode.allCases.map {
            Link(label: t.label($0), href: href(mode: $0, date: anchorKey), current: $0 == span.mode)
        }
        previous = href(mode: span.mode, date: span.neighbour(-1))
        next = href(mode: span.mode, date: span.neighbour(1))
        today = href(mode: span.mode, date: todayKey)
        newHref = "/activities/new?date=\(anchorKey)"
        // Each activity on every day it covers in the viewer's zone; in the agenda, once, on its first day (or
        // the agenda's first day, for one that began before it).
        var byDay: [String: [Item]] = [:]
        var agendaByDay: [String: [Item]] = [:]
        var listed = Set<Int64>()
        for summary in items {
            let own = ActivityFormats.zone(of: summary.timeZone)
            let when = ActivityFormats.when(summary, in: zone)
            let localWhen =
                own.identifier == zone.identifier || summary.allDay ? nil : ActivityFormats.when(summary, in: own)
            // Days are counted in the viewer's zone; all-day activities keep their own dates wherever the viewer is.
            let startDay = summary.allDay ? ActivityTime.dayParts(summary.start) : nil
            let endDay = summary.allDay ? ActivityTime.dayParts(summary.end) : nil
            var dayNumber =
                startDay.map { LocalTime.dayNumber(year: $0.year, month: $0.month, day: $0.day) }
                ?? LocalTime(summary.startsAt, in: zone).dayNumber
            let lastDay =
                endDay.map { LocalTime.dayNumber(year: $0.year, month: $0.month, day: $0.day) }
                ?? LocalTime(summary.endsAt.addingTimeInterval(-1), in: zone).dayNumber
            var first = true
            var guardCount = 0
            let kindLabel = t.label(summary.kind)
            let place = [summary.venue, summary.placeName].compactMap { $0 }.joined(separator: ", ").nilIfBlank
            while dayNumber <= lastDay, guardCount < 100 {
                let date = LocalTime.date(dayNumber)
                let key = ActivityTime.dayText(year: date.year, month: date.month, day: date.day)
                let time =
                    summary.allDay
                    ? t[.allDay] : first ? ActivityFormats.clock(summary.startsAt, in: zone) : t[.continues]
                let item = Item(
                    id: summary.id, title: summary.title, kind: summary.kind.rawValue, kindLabel: kindLabel,
                    time: time, when: when, localWhen: localWhen, place: place)
                byDay[key, default: []].append(item)
                if first || key == anchorKey, key >= anchorKey, listed.insert(item.id).inserted {
                    agendaByDay[key, default: []].append(item)
                }
                first = false
                guardCount += 1
                dayNumber += 1
            }
        }
        let anchorMonth = span.anchor.month
        days =
            span.mode == .agenda
            ? []
            : span.days.map { components -> Day in
                let key = CalendarSpan.key(components)
                return Day(
                    number: components.day!,
                    label: ActivityFormats.day(year: components.year!, month: components.month!, day: components.day!),
                    date: key,
                    isToday: key == todayKey,
                    outside: span.mode == .month && components.month != anchorMonth, items: byDay[key] ?? [])
            }
        // The agenda lists every day that has something, from the day chosen on.
        agenda = (span.mode == .agenda ? agendaByDay.keys.sorted() : []).map { key in
            let label =
                ActivityTime.dayParts(key).map { ActivityFormats.day(year: $0.year, month: $0.month, day: $0.day) }
                ?? ActivityFormats.day(now, in: zone)
            return Day(
                number: 0, label: label, date: key, isToday: key == todayKey,
                outside: false, items: agendaByDay[key] ?? [])
        }
        self.filters = filters
    }
}

extension String {
    var nilIfBlank: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}
