import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

extension Liaison {
    struct Coverage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep the knowledge coverage of the members current.", subcommands: [Refresh.self])
    }
}

extension Liaison.Coverage {
    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every organization's coverage that is out of date and record this month's averages.",
            discussion: """
                Pages and the API recompute what changed before they answer; after a bulk load (an import, a \
                synthetic network) this does the whole directory ahead of time. --all recomputes every \
                organization, stale or not.
                """)

        @OptionGroup var store: StoreOptions
        @Flag(help: "Recompute every organization, not only those out of date.") var all = false

        func run() async throws {
            try await store.withStore { database, configuration in
                let clock = ContinuousClock()
                var count = 0
                let time = try await clock.measure {
                    if all { try await database.markAllCoverageStale() }
                    count = try await database.refreshCoverage()
                    try await database.writeCoverageSnapshot()
                }
                print(
                    "Recomputed the coverage of \(count) organizations in \(configuration.database) in \(String(format: "%.2f", Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18)) s; this month's averages are recorded."
                )
            }
        }
    }
}
