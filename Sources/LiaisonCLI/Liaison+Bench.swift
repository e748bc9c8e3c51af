import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

extension Liaison {
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure what the workspace does with the database it is given.",
            subcommands: [Mentions.self, Reports.self, Knowledge.self])
    }
}

extension Liaison.Bench {
    struct Mentions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the mention index from the directory and time finding names in a generated report.",
            discussion: """
                Prints the time to build the index, the resident memory before and after, and the median time \
                to find the mentions in a report of --words words that names records of the directory in Latin \
                and in their own script.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "How many words the report has (100 to 1,000,000).") var words: Int = 5_000
        @Option(help: "How many times to find the mentions; the median is printed (1 to 1,000).") var runs: Int = 9
        @Flag(help: "Print the figures as one JSON object.") var json = false

        func validate() throws {
            guard (100...1_000_000).contains(words) else {
                throw ValidationError("--words must be from 100 to 1,000,000; got \(words).")
            }
            guard (1...1_000).contains(runs) else {
                throw ValidationError("--runs must be from 1 to 1,000; got \(runs).")
            }
        }

        func run() async throws {
            try await store.withStore { database, _ in
                let residentBefore = residentMegabytes()
                let directory = MentionDirectory(store: database)
                let clock = ContinuousClock()
                let buildTime = try await clock.measure { try await directory.refresh() }
                let residentAfter = residentMegabytes()
                let report = try await MentionReport.generate(from: database, words: words)
                let index = try await directory.currentIndex()
                var mentions: [Mention] = []
                var findTimes: [Duration] = []
                for _ in 0..<runs {
                    findTimes.append(clock.measure { mentions = index.find(in: report.text) })
                }
                var refreshTimes: [Duration] = []
                for _ in 0..<runs {
                    refreshTimes.append(try await clock.measure { try await directory.refresh() })
                }
                let statistics = await directory.statistics
                let figures: [String: Double] = [
                    "organizations_and_people": Double(statistics.records), "forms": Double(statistics.forms),
                    "build_seconds": buildTime.seconds, "rss_before_mb": residentBefore,
                    "rss_after_mb": residentAfter, "index_mb": residentAfter - residentBefore,
                    "words": Double(words), "names_written": Double(report.namesWritten),
                    "mentions": Double(mentions.count), "linked": Double(mentions.count(where: { $0.target != nil })),
                    "find_ms_median": Liaison.Bench.median(findTimes) * 1000,
                    "refresh_ms_median": Liaison.Bench.median(refreshTimes) * 1000,
                ]
                if json {
                    let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                    return
                }
                print(
                    """
                    Mention index of \(statistics.records) organizations and people (\(statistics.forms) name forms): \
                    built in \(Liaison.Bench.format(buildTime.seconds)) s; resident memory \(Liaison.Bench.format(residentBefore)) MB before, \
                    \(Liaison.Bench.format(residentAfter)) MB after.
                    A report of \(words) words naming \(report.namesWritten) records: \(mentions.count) mentions, \
                    \(figures["linked"].map { Int($0) } ?? 0) linked; found in \(Liaison.Bench.format(Liaison.Bench.median(findTimes) * 1000)) ms \
                    (median of \(runs)); the check for changes before each use takes \
                    \(Liaison.Bench.format(Liaison.Bench.median(refreshTimes) * 1000)) ms.
                    """)
            }
        }

    }
}

extension Liaison.Bench {
    /// The middle of the times, in seconds.
    static func median(_ times: [Duration]) -> Double {
        let sorted = times.map(\.seconds).sorted()
        return sorted[sorted.count / 2]
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// The resident set size of this process, from /proc (0 where there is none).
private func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}

/// A trip report of filler prose that names records of the directory, some in Latin and some in their own
/// script, about one in every twenty words.
struct MentionReport {
    var text: String
    var namesWritten: Int

    static let filler = """
        the delegation discussed cooperation on urban mobility housing and climate adaptation with officials \
        who presented their programme for the coming year and asked about training exchanges between technical \
        teams while the secretariat noted follow up actions on funding reporting and the next regional meeting
        """.split(separator: " ")

    static func generate(from store: any MentionStore, words: Int) async throws -> MentionReport {
        var names: [String] = []
        for kind in [MentionKind.organization, .person] {
            // Records spread over the ids: a page of one record at each of fifty starting points.
            let highest = try await store.directoryChanges(afterAuditId: .max, alsoAuditIds: [], limit: 0)
            let top = kind == .organization ? highest.highestOrganizationId : highest.highestPersonId
            for step in 0..<50 {
                let entries = try await store.mentionEntries(kind, afterId: top * Int64(step) / 50, limit: 1)
                // The Latin name and, where there is one, the name in its own script.
                for entry in entries {
                    names.append(entry.names[0])
                    if let native = entry.names.last, native.unicodeScalars.contains(where: { !$0.isASCII }) {
                        names.append(native)
                    }
                }
            }
        }
        var text = ""
        var written = 0
        var count = 0
        while count < words {
            if count % 20 == 10, !names.isEmpty {
                let name = names[written % names.count]
                text += name + (written % 3 == 0 ? ", " : " ")
                count += name.split(separator: " ").count
                written += 1
            } else {
                text += filler[count % filler.count] + (count % 17 == 16 ? ".\n" : " ")
                count += 1
            }
        }
        return MentionReport(text: text, namesWritten: written)
    }
}
