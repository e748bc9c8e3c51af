import Foundation

extension ICalendar {
    /// A follow-up as an all-day VEVENT on its due day, or nothing when it has no due day.
    ///
    /// A VEVENT rather than a VTODO: Google Calendar and Outlook ignore the VTODOs of a subscribed feed, and
    /// a due day is what people look for in a calendar. Transparent, so it never marks the day busy; a
    /// follow-up closed or moved is simply not in the next fetch, and readers drop or move it.
    static func event(_ followUp: FollowUp, host: String, stamp: String, url: String?) -> [String] {
        guard let due = followUp.input.dueDate.flatMap(day) else { return [] }
        var lines = [
            "BEGIN:VEVENT", "UID:" + ContentLine.text("follow-up-\(followUp.id)@\(host)"), "DTSTAMP:" + stamp,
            "DTSTART;VALUE=DATE:" + date(days: due), "DTEND;VALUE=DATE:" + date(days: due + 1),
            "LAST-MODIFIED:" + utc(followUp.updatedAt), "SEQUENCE:\(max(followUp.version - 1, 0))",
            "SUMMARY:" + ContentLine.text(followUp.input.title),
        ]
        if let details = followUp.input.details?.trimmed.nilIfEmpty {
            lines.append("DESCRIPTION:" + ContentLine.text(details))
        }
        lines += ["CATEGORIES:Follow-up", "CLASS:PRIVATE", "TRANSP:TRANSPARENT"]
        if let url = url?.trimmed.nilIfEmpty { lines.append("URL:" + ContentLine.uri(url)) }
        lines += ["STATUS:CONFIRMED", "END:VEVENT"]
        return lines
    }
}
