import Foundation
import LiaisonCore

/// Dates and numbers as pages show them: dates in UTC until people choose their own zone, numbers
/// grouped ("18,676,605"). Written by hand: the format styles went through the locale machinery on every call.
enum Formats {
    static func number(_ value: Int) -> String {
        if value > -1000, value < 1000 { return String(value) }
        // By bytes: a list formats a number a row, and walking a String's characters costs more than the row.
        let digits = Array(String(value.magnitude).utf8)
        var grouped: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        grouped.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(UInt8(ascii: ",")) }
            grouped.append(digit)
        }
        return String(decoding: grouped, as: UTF8.self)
    }

    /// "2026-11-11".
    static func day(_ date: Date) -> String {
        let time = LocalTime(date, in: .utc)
        return ActivityTime.dayText(year: time.year, month: time.month, day: time.day)
    }

    /// "2026-11-11 09:30 UTC".
    static func minute(_ date: Date) -> String {
        let time = LocalTime(date, in: .utc)
        return ActivityTime.dayText(year: time.year, month: time.month, day: time.day) + " "
            + ActivityTime.pad(time.hour) + ":" + ActivityTime.pad(time.minute) + " UTC"
    }
}
