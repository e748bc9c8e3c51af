import Foundation
import GRDB
import LiaisonCore

extension Row {
    /// A DATETIME column, read by position. GRDB stores "2026-11-11 09:30:00.000" and reads each one back through
    /// a Calendar, a few microseconds a date, on every row of a list; a time of whole milliseconds (every time
    /// Liaison stores) is worked out here by hand, to the same instant, and anything else is left to GRDB.
    func storedDate(_ index: Int) -> Date? {
        guard let text = self[index] as String? else { return self[index] }
        return Self.milliseconds(text) ?? self[index]
    }

    /// The same, by the column's name.
    func storedDate(_ column: String) -> Date? {
        guard let text = self[column] as String? else { return self[column] }
        return Self.milliseconds(text) ?? self[column]
    }

    private static func milliseconds(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 19 || bytes.count == 23, bytes[4] == 45, bytes[7] == 45, bytes[10] == 32,
                bytes[13] == 58, bytes[16] == 58
            else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = Int(bytes[index]) - 48
                    guard digit >= 0, digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            // Before 1583 Foundation's calendar is Julian; GRDB reads those.
            guard let year = number(0..<4), year >= 1583, let month = number(5..<7), (1...12).contains(month),
                let day = number(8..<10), (1...31).contains(day), let hour = number(11..<13), hour < 24,
                let minute = number(14..<16), minute < 60, let second = number(17..<19), second < 60
            else { return nil }
            var millisecond = 0
            if bytes.count == 23 {
                guard bytes[19] == 46, let fraction = number(20..<23) else { return nil }
                millisecond = fraction
            }
            let days = LocalTime.dayNumber(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
            // As `Date.storedNow()` makes them: a whole count of milliseconds over 1,000.
            return Date(timeIntervalSince1970: Double(seconds * 1000 + millisecond) / 1000)
        }
    }
}
