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

extension Optional {
    /// `map` for an async transform.
    public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension Date {
    /// Now, cut to the milliseconds both engines store, so a record written reads back equal.
    public static func storedNow() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
