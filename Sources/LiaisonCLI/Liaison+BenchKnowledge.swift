import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

extension Liaison.Bench {
    struct Knowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the knowledge reads: the least-known list, the distance search, practices by theme.",
            discussion: """
                Recomputes every organization's coverage once (as after a bulk load), then prints the median and \
                the slowest of --runs runs of each read: the least-known members (first page, and a region's), \
                one change then the list again (the incremental rule), members within 70 km and 500 km of \
                organizations with coordinates, and a practices search.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "How many times to run each read (1 to 1,000).") var runs: Int = 21
        @Flag(help: "Print the figures as one JSON object.") var json = false

        func validate() throws {
            guard (1...1_000).contains(runs) else {
                throw ValidationError("--runs must be from 1 to 1,000; got \(runs).")
            }
        }

        func run() async throws {
            try await store.withStore { database, _ in
                let clock = ContinuousClock()
                try await database.markAllCoverageStale()
                var recomputed = 0
                let full = try await clock.measure { recomputed = try await database.refreshCoverage() }
                var figures: [String: Double] = [
                    "organizations": Double(recomputed), "full_refresh_seconds": full.seconds,
                ]
                func time(_ name: String, _ body: () async throws -> Void) async throws {
                    var times: [Duration] = []
                    for _ in 0..<runs { times.append(try await clock.measure { try await body() }) }
                    figures[name + "_ms_median"] = Liaison.Bench.median(times) * 1000
                    figures[name + "_ms_max"] = (times.max() ?? .zero).seconds * 1000
                }
                var total = 0
                try await time("least_known") { total = try await database.leastKnown(LeastKnownQuery()).total }
                figures["members"] = Double(total)
                let region = try await database.coverageByRegion().max { $0.members < $1.members }?.region
                try await time("least_known_region") {
                    _ = try await database.leastKnown(LeastKnownQuery(region: region, payingOnly: true))
                }
                // The incremental rule: one organization marked by a write, then the list.
                let someone = try await database.leastKnown(LeastKnownQuery(perPage: 1)).items.first
                if let someone, let organization = try await database.organization(id: someone.id) {
                    var version = organization.version
                    var input = organization.input
                    try await time("one_change_then_list") {
                        input.website = input.website == nil ? "https://example.org" : nil
                        version = try await database.updateOrganization(
                            id: organization.id, expectedVersion: version, input, by: .system
                        ).version
                        _ = try await database.leastKnown(LeastKnownQuery())
                    }
                }
                let centres = try await database.nearbyCentres(limit: runs)
                var found = 0
                for km in [70.0, 500.0] {
                    var index = 0
                    try await time("nearby_\(Int(km))km") {
                        let centre =
                            centres.isEmpty
                            ? GeoPoint(latitude: 23.13, longitude: 113.26) : centres[index % centres.count]
                        index += 1
                        found += try await database.nearby(NearbyQuery(centre: centre, km: km)).total
                    }
                    figures["nearby_\(Int(km))km_found_mean"] = Double(found) / Double(runs)
                    found = 0
                }
                try await time("practices") { _ = try await database.searchPractices(PracticeQuery(text: "transport")) }
                if json {
                    let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                    return
                }
                for (name, value) in figures.sorted(by: { $0.key < $1.key }) {
                    print("\(name): \(Liaison.Bench.format(value))")
                }
            }
        }
    }
}
