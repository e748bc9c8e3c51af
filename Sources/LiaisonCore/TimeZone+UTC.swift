import Foundation

extension TimeZone {
    /// Coordinated Universal Time: the zone of stored instants, of day-only dates and of the current year.
    public static let utc = TimeZone(identifier: "UTC")!
}

/// The year `now` falls in, in UTC: the latest year a record may say has already happened.
public func currentYear(now: Date = Date()) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .utc
    return calendar.component(.year, from: now)
}
