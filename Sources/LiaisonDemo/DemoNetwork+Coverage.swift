import Foundation
import LiaisonCore
import LiaisonStore

extension DemoNetwork {
    /// The demo's coverage history: this month's averages as they are, and the five months before, lower
    /// month by month, so the trend on the least-known page shows "getting to know them" at work.
    static func seedCoverageHistory(into store: any LiaisonStore, today: Date) async throws {
        try await store.refreshCoverage(now: today)
        try await store.writeCoverageSnapshot(now: today)
        let now = try await store.coverageTrend(months: 1)
        let thisMonth = CoverageDays.day(today)
        var past: [CoverageAverage] = []
        for monthsAgo in 1...5 {
            let month = String(CoverageDays.adding(months: -monthsAgo, to: thisMonth).prefix(7))
            for average in now {
                var earlier = average
                earlier.month = month
                // About four points a month less known before, never below zero.
                earlier.averageScore = max(0, (average.averageScore - Double(4 * monthsAgo)).rounded())
                past.append(earlier)
            }
        }
        try await store.storeCoverageSnapshot(past)
    }
}
