import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonWeb

extension Liaison.Bench {
    struct Reports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time saving a report with its mentions linked, a report's page and a staff member's follow-ups.",
            discussion: """
                Saves --runs reports of --words words naming records of the directory, with task lines for the \
                staff, on an activity, as a colleague saves one (the mentions found through the directory's \
                index, the links, follow-ups and inbox entries written in one transaction), then changes the \
                last one --runs times; then asks for that report's page, a report of the network's own and \
                the follow-ups page of the staff member with the most to do, --runs times each, through the \
                app's router, middleware and handlers in process. Prints the median and slowest of each. The \
                reports it saves stay: run it on a benchmark's database (`liaison seed synthetic --reports`).
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "How many words each report has (100 to 100,000).") var words: Int = 1_000
        @Option(help: "How many times to time each (1 to 1,000); the median is printed.") var runs: Int = 21
        @Flag(help: "Print the figures as one JSON object.") var json = false

        func validate() throws {
            guard (100...100_000).contains(words) else {
                throw ValidationError("--words must be from 100 to 100,000; got \(words).")
            }
            guard (1...1_000).contains(runs) else {
                throw ValidationError("--runs must be from 1 to 1,000; got \(runs).")
            }
        }

        func run() async throws {
            try await store.withStore { database, configuration in
                let clock = ContinuousClock()
                let directory = MentionDirectory(store: database)
                let indexBuild = try await clock.measure { try await directory.refresh() }
                let staff = try await database.accounts().filter { !$0.disabled && $0.role >= .editor }
                var busiest: (account: StaffAccount, toDo: Int)?
                for account in staff {
                    let toDo = try await database.listFollowUps(FollowUpQuery(assigneeAccountId: account.id)).count
                    if toDo > busiest?.toDo ?? -1 { busiest = (account, toDo) }
                }
                guard let busiest else {
                    throw CommandFailure("The database has no staff account to write as: seed a network first.")
                }
                let (writer, toDo) = (busiest.account, busiest.toDo)
                let actor = AuditActor(accountId: writer.id, name: writer.name)
                let mission = try await database.listActivities(ActivityQuery(kinds: [.mission], limit: 1)).first
                let handles = staff.prefix(3).map {
                    "@" + ($0.email.split(separator: "@").first.map(String.init) ?? "")
                }
                let text =
                    try await MentionReport.generate(from: database, words: words).text + "\n\n## Follow-ups\n\n"
                    + handles.enumerated().map {
                        "- [ ] follow up on point \($0.offset + 1) \($0.element) due 2027-01-15"
                    }
                    .joined(separator: "\n")
                let intake = ReportIntake(store: database, finder: directory)
                func input(_ number: Int) -> ReportInput {
                    ReportInput(
                        title: "Benchmark report \(number)", body: text, status: .shared, authorAccountIds: [writer.id],
                        activityId: mission?.id)
                }
                var report = try await intake.create(input(0), by: actor)
                var saves: [Duration] = []
                for number in 1...runs {
                    saves.append(try await clock.measure { report = try await intake.create(input(number), by: actor) })
                }
                var changes: [Duration] = []
                for number in 1...runs {
                    var changed = report.input
                    changed.body = text + "\n\nAddendum \(number)."
                    changes.append(
                        try await clock.measure {
                            report = try await intake.update(
                                id: report.id, expectedVersion: report.version, changed, by: actor)
                        })
                }

                let pages = try await InProcessPages(
                    settings: WebSettings(regions: configuration.regions), store: database,
                    logger: configuration.logger)
                let token = try await APITokens.issue(
                    accountId: writer.id, name: "bench reports", canWrite: false, store: database, by: .system)
                // The network's first report, when it was seeded with reports (`--reports`).
                let networkReport = try await database.report(id: 1).flatMap {
                    $0.input.title.hasPrefix("Benchmark report") ? nil : $0
                }
                var paths = [("the report saved", "/reports/\(report.id)"), ("my follow-ups", "/follow-ups")]
                if let networkReport {
                    paths.insert(("a report of the network", "/reports/\(networkReport.id)"), at: 1)
                }
                var pageFigures: [(label: String, bytes: Int, times: [Duration])] = []
                for (label, path) in paths {
                    let first = try await pages.get(path, token: token)
                    guard first.status == 200 else {
                        throw CommandFailure("\(path) answered \(first.status) instead of 200.")
                    }
                    var times: [Duration] = []
                    for _ in 0..<runs {
                        times.append(try await clock.measure { _ = try await pages.get(path, token: token) })
                    }
                    pageFigures.append((label, first.bytes, times))
                }
                let links = report.links.count
                let followUps = try await database.followUps(ofReport: report.id).count
                if json {
                    var figures: [String: Any] = [
                        "words": words, "runs": runs, "links": links, "task_follow_ups": followUps,
                        "index_build_seconds": seconds(indexBuild), "save_ms_median": median(saves),
                        "save_ms_max": slowest(saves), "change_ms_median": median(changes),
                        "change_ms_max": slowest(changes), "writer_follow_ups_to_do": toDo,
                    ]
                    for page in pageFigures {
                        let key = page.label.replacingOccurrences(of: " ", with: "_")
                        figures["\(key)_ms_median"] = median(page.times)
                        figures["\(key)_ms_max"] = slowest(page.times)
                        figures["\(key)_kb"] = Double(page.bytes) / 1024
                    }
                    let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                    return
                }
                print(
                    """
                    Mention index built in \(format(seconds(indexBuild))) s.
                    Saving a report of \(words) words (\(links) links, \(followUps) task lines), as \(writer.name): \
                    \(format(median(saves))) ms median, \(format(slowest(saves))) ms slowest of \(runs); changing it: \
                    \(format(median(changes))) ms median, \(format(slowest(changes))) ms slowest.
                    """)
                for page in pageFigures {
                    print(
                        "Page, \(page.label) (\(page.bytes / 1024) kB\(page.label == "my follow-ups" ? ", \(toDo) to do" : "")): "
                            + "\(format(median(page.times))) ms median, \(format(slowest(page.times))) ms slowest of \(runs)."
                    )
                }
            }
        }

        private func seconds(_ duration: Duration) -> Double {
            let (seconds, attoseconds) = duration.components
            return Double(seconds) + Double(attoseconds) / 1e18
        }

        /// In milliseconds.
        private func median(_ times: [Duration]) -> Double { times.map(seconds).sorted()[times.count / 2] * 1000 }

        private func slowest(_ times: [Duration]) -> Double { (times.map(seconds).max() ?? 0) * 1000 }

        private func format(_ value: Double) -> String { String(format: "%.2f", value) }
    }
}
