import Foundation
import LiaisonCore
import LiaisonStore

/// How big a synthetic network to make, and from which seed: the same seed gives the same data.
public struct SyntheticOptions: Sendable, Hashable {
    public var organizations: Int
    public var people: Int
    public var activities: Int
    /// Organizations in the membership pipeline, with their moves.
    public var prospects: Int
    /// Reports on the activities (or notes on organizations), with their links, follow-ups and comments.
    public var reports: Int
    /// Organizations invited to a congress (one activity more), with their delegations.
    public var delegations: Int
    public var seed: UInt64

    public init(
        organizations: Int, people: Int, activities: Int = 0, prospects: Int = 0, reports: Int = 0,
        delegations: Int = 0, seed: UInt64
    ) {
        self.organizations = organizations
        self.people = people
        self.activities = activities
        self.prospects = prospects
        self.reports = reports
        self.delegations = delegations
        self.seed = seed
    }
}

/// What a synthetic seed wrote.
public struct SyntheticReport: Sendable {
    public var organizations: Int
    public var people: Int
    public var activities: Int
    public var reports: Int
    public var rows: Int
    public var seconds: Double
}

/// A network of any size with the variety of a real one, written straight into the tables (through the
/// same transfer path as `liaison copy`, in one transaction) so that a million people take seconds, not
/// hours. Records are what the app itself would store: the same search text, sort keys and channels.
public enum SyntheticNetwork {
    /// Fills the empty `store`; `progress` hears about every 100,000 people.
    public static func seed(
        into store: any LiaisonStore, _ options: SyntheticOptions, storeName: String,
        progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> SyntheticReport {
        try await DataTransfer.requireEmpty(store, named: storeName)
        let started = Date()
        var generator = SyntheticGenerator(options: options)
        var rows = 0
        try await store.importRows { sink in
            for (table, batch) in generator.staff() {
                try await sink.insert(table, batch)
                rows += batch.count
            }
            var organizationsWritten = 0
            while organizationsWritten < options.organizations {
                let count = min(DataTransfer.batchSize, options.organizations - organizationsWritten)
                for (table, batch) in generator.organizations(from: organizationsWritten, count: count)
                where !batch.isEmpty {
                    try await sink.insert(table, batch)
                    rows += batch.count
                }
                organizationsWritten += count
            }
            var peopleWritten = 0
            while peopleWritten < options.people {
                let count = min(DataTransfer.batchSize * 4, options.people - peopleWritten)
                for (table, batch) in generator.people(from: peopleWritten, count: count) where !batch.isEmpty {
                    try await sink.insert(table, batch)
                    rows += batch.count
                }
                let before = peopleWritten / 100_000
                peopleWritten += count
                if peopleWritten / 100_000 > before {
                    let rate = Double(peopleWritten) / max(Date().timeIntervalSince(started), 0.001)
                    progress("\(peopleWritten) people written (\(Int(rate)) a second)")
                }
            }
            var activitiesWritten = 0
            while activitiesWritten < options.activities {
                let count = min(DataTransfer.batchSize * 4, options.activities - activitiesWritten)
                for (table, batch) in generator.activities(from: activitiesWritten, count: count) where !batch.isEmpty {
                    try await sink.insert(table, batch)
                    rows += batch.count
                }
                let before = activitiesWritten / 100_000
                activitiesWritten += count
                if activitiesWritten / 100_000 > before { progress("\(activitiesWritten) activities written") }
            }
            for (table, batch) in generator.prospects(count: options.prospects) where !batch.isEmpty {
                try await sink.insert(table, batch)
                rows += batch.count
            }
            var reportsWritten = 0
            var counters = ReportCounters()
            while reportsWritten < options.reports {
                let count = min(DataTransfer.batchSize, options.reports - reportsWritten)
                for (table, batch) in generator.reports(from: reportsWritten, count: count, counters: &counters)
                where !batch.isEmpty {
                    try await sink.insert(table, batch)
                    rows += batch.count
                }
                let before = reportsWritten / 10_000
                reportsWritten += count
                if reportsWritten / 10_000 > before { progress("\(reportsWritten) reports written") }
            }
            for (table, batch) in generator.congress(delegations: options.delegations) where !batch.isEmpty {
                try await sink.insert(table, batch)
                rows += batch.count
            }
            let audit = generator.auditRow(options: options)
            try await sink.insert(audit.table, [audit.row])
            rows += 1
        }
        return SyntheticReport(
            organizations: options.organizations, people: options.people, activities: options.activities,
            reports: options.reports, rows: rows,
            seconds: Date().timeIntervalSince(started))
    }
}

/// SplitMix64: small, fast, and the same numbers for the same seed on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number below `bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
