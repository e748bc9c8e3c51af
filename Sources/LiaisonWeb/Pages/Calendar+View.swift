/// The calendar: its heading and zone, the pages before and after, the modes, the filters, and the month
/// grid, the week or the agenda with each day's activities. The activities' text is written with its quotes
/// escaped as it always was.
struct CalendarView {
    let model: CalendarModel
    let t: Strings
    /// Whether the signed-in person may add activities (an editor or an admin).
    let canEdit: Bool

    func render(into html: inout HTML) {
        head(into: &html)
        html.newline()
        navigation(into: &html)
        html.newline()
        filters(into: &html)
        html.newline()
        switch model.mode {
        case .month: month(into: &html)
        case .week: week(into: &html)
        case .agenda: agenda(into: &html)
        }
        html.newline()
        html.p(.class("muted")) { html in
            html.text(t[.calendarFeedHint] + " ")
            html.a(.href("/account#feeds"), text: t[.calendarFeedsLink])
        }
    }

    private func head(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.div { html in
                html.newline()
                html.p(.class("eyebrow"), text: t[.calendarTitle])
                html.newline()
                html.h1(text: model.heading)
                html.newline()
                html.p(.class("muted"), .id("zone-note"), text: model.zoneNote)
                html.newline()
            }
            html.newline()
            html.div(.class("head-actions")) { html in
                html.newline()
                if canEdit {
                    html.a(.class("button"), .href(model.newHref), text: t[.newActivity])
                    html.newline()
                }
            }
            html.newline()
        }
    }

    private func navigation(into html: inout HTML) {
        html.nav(.class("calendar-nav"), .ariaLabel(t[.calendarNavigation])) { html in
            html.newline()
            html.a(.class("button secondary"), .href(model.previous), Attribute("rel", "prev"), text: t[.previous])
            html.newline()
            html.a(.class("button secondary"), .href(model.today), text: t[.today])
            html.newline()
            html.a(.class("button secondary"), .href(model.next), Attribute("rel", "next"), text: t[.next])
            html.newline()
            html.span(.class("modes")) { html in
                for link in model.modes {
                    html.a(
                        .href(link.href), link.current ? Attribute("aria-current", "page") : nil,
                        link.current ? .class("current") : nil, text: link.label)
                    html.text(" ")
                }
            }
            html.newline()
        }
    }

    private func filters(into html: inout HTML) {
        let mode = model.mode.rawValue
        html.form(.class("filters"), .action("/calendar"), .method("get"), .ariaLabel(t[.calendarFiltersLabel])) {
            html in
            html.newline()
            html.hidden(name: "view", value: mode)
            html.newline()
            html.hidden(name: "date", value: model.date)
            html.newline()
            for field in model.filters { field.render(into: &html) }
            html.newline()
            ListParts.filterActions(clear: "/calendar?view=\(mode)&date=\(model.date)", t: t, into: &html)
            html.newline()
        }
    }

    private func month(into html: inout HTML) {
        html.table(.class("month"), .id("month-grid")) { html in
            html.newline()
            html.element("caption", [.class("visually-hidden")]) { $0.text(model.heading) }
            html.newline()
            html.thead { html in
                html.tr { html in
                    for weekday in CalendarModel.weekdays { html.th(.scope("col"), text: weekday) }
                }
            }
            html.newline()
            html.tbody { html in
                html.newline()
                for start in stride(from: 0, to: model.days.count, by: 7) {
                    html.tr { html in
                        for day in model.days[start..<min(start + 7, model.days.count)] { cell(day, into: &html) }
                    }
                }
                html.newline()
            }
            html.newline()
        }
    }

    private func cell(_ day: CalendarModel.Day, into html: inout HTML) {
        let classes: String? =
            switch (day.outside, day.isToday) {
            case (true, true): "outside today"
            case (true, false): "outside"
            case (false, true): "today"
            case (false, false): nil
            }
        html.td(classes.map { .class($0) }, Attribute("data-date", day.date)) { html in
            // The number in the grid; the whole date where a narrow screen lists the days instead.
            html.a(.class("day-number"), .href("/calendar?view=agenda&date=\(day.date)"), .ariaLabel(day.label)) {
                html in
                html.span(.class("day-short")) { $0.text(String(day.number)) }
                html.span(.class("day-long")) { $0.text(day.label) }
            }
            html.newline()
            if !day.items.isEmpty {
                html.ul(.class("plain")) { html in
                    for item in day.items { monthItem(item, into: &html) }
                }
                html.newline()
            }
        }
    }

    private func week(into html: inout HTML) {
        html.div(.class("week"), .id("week-grid")) { html in
            html.newline()
            for day in model.days {
                html.section(day.isToday ? .class("today") : nil, .ariaLabel(day.label)) { html in
                    html.h2(text: day.label)
                    html.newline()
                    if day.items.isEmpty {
                        html.p(.class("muted"), text: "—")
                    } else {
                        html.ul(.class("plain")) { html in
                            for item in day.items { weekItem(item, into: &html) }
                        }
                    }
                    html.newline()
                }
            }
            html.newline()
        }
    }

    private func agenda(into html: inout HTML) {
        html.div(.class("agenda"), .id("agenda")) { html in
            html.newline()
            if model.agenda.isEmpty {
                html.p(.class("muted"), text: t[.agendaEmpty])
            }
            for day in model.agenda {
                html.section(.ariaLabel(day.label)) { html in
                    html.h2(text: day.label)
                    html.newline()
                    html.ul(.class("plain")) { html in
                        for item in day.items { agendaItem(item, into: &html) }
                    }
                    html.newline()
                }
            }
            html.newline()
        }
    }

    /// In the month grid: the start and the title, with when it happens as the link's tooltip.
    private func monthItem(_ item: CalendarModel.Item, into html: inout HTML) {
        html.li(.class("kind-\(item.kind)")) { html in
            html.a(.href("/activities/\(item.id)"), Attribute("title", item.when)) { html in
                time(item, into: &html)
                html.textEscapingQuotes(" " + item.title)
            }
        }
    }

    /// In the week: the start and the title, then the kind and where.
    private func weekItem(_ item: CalendarModel.Item, into html: inout HTML) {
        html.li(.class("kind-\(item.kind)")) { html in
            html.a(.href("/activities/\(item.id)")) { html in
                time(item, into: &html)
                html.textEscapingQuotes(" " + item.title)
            }
            html.text(" ")
            html.span(.class("muted")) { html in
                html.textEscapingQuotes(item.kindLabel)
                if let place = item.place { html.textEscapingQuotes(" · " + place) }
            }
        }
    }

    /// In the agenda: the start, the title, the kind and where, and on a line of its own when it happens, in
    /// the viewer's zone and in its own.
    private func agendaItem(_ item: CalendarModel.Item, into html: inout HTML) {
        html.li(.class("kind-\(item.kind)")) { html in
            time(item, into: &html)
            html.text(" ")
            html.a(.href("/activities/\(item.id)")) { $0.textEscapingQuotes(item.title) }
            html.text(" ")
            html.span(.class("badge")) { $0.textEscapingQuotes(item.kindLabel) }
            if let place = item.place {
                html.text(" ")
                html.span(.class("muted")) { $0.textEscapingQuotes(place) }
            }
            html.br()
            html.span(.class("muted")) { html in
                html.textEscapingQuotes(item.when)
                if let local = item.localWhen { html.textEscapingQuotes(" · " + t[.localTime] + " " + local) }
            }
        }
    }

    private func time(_ item: CalendarModel.Item, into html: inout HTML) {
        html.span(.class("time")) { $0.textEscapingQuotes(item.time) }
    }
}
