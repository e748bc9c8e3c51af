import Foundation
import LiaisonCore

/// Dates and numbers as pages show them: dates in UTC until people choose their own zone, numbers
/// grouped ("18,676,605").
enum Formats {
    static func number(_ value: Int) -> String {
        value.formatted(.number.locale(Locale(identifier: "en_US")))
    }

    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .utc).year().month().day())
    }

    static func minute(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .utc)
        return String(date.formatted(style.year().month().day().time(includingFractionalSeconds: false)).dropLast(3))
            + " UTC"
    }
}
