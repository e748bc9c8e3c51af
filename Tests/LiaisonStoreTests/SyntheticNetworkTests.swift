import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSynthetic
import LiaisonTestSupport
import Testing

/// The synthetic network the benchmarks run on: deterministic, varied, and made of valid records.
@Suite struct SyntheticNetworkTests {
    private let small = SyntheticOptions(organizations: 120, people: 600, activities: 300, prospects: 30, seed: 7)

    private func backup(_ store: any LiaisonStore) async throws -> [String] {
        var data = Data()
        _ = try await JSONBackup.write(from: store) { data.append($0) }
        return Array(String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst().map(String.init))
    }

    @Test func theSameSeedGivesTheSameNetworkAndAnotherSeedAnother() async throws {
        let first = try await TestEngine.sqlite.withStore { store in
            _ = try await SyntheticNetwork.seed(into: store, small, storeName: "a")
            return try await backup(store)
        }
        let again = try await TestEngine.sqlite.withStore { store in
            _ = try await SyntheticNetwork.seed(into: store, small, storeName: "b")
            return try await backup(store)
        }
        var other = small
        other.seed = 8
        let different = try await TestEngine.sqlite.withStore { [other] store in
            _ = try await SyntheticNetwork.seed(into: store, other, storeName: "c")
            return try await backup(store)
        }
        #expect(first == again)
        #expect(first != different)
    }

    @Test(arguments: TestEngine.available)
    func recordsAreValidVariedAndFoundLikeAnyOther(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let report = try await SyntheticNetwork.seed(into: store, small, storeName: "test")
            #expect(report.people == 600)
            #expect(try await store.listPeople(PersonQuery()).total == 600)
            #expect(try await store.listOrganizations(OrganizationQuery()).total == 120)

            // Activities pass the forms' rules, their instants are their local times in their zones, and a
            // month of the calendar finds what overlaps it.
            let activities = try await store.activities(ids: Array(1...300))
            #expect(activities.count > 290)
            for activity in activities {
                #expect(throws: Never.self) { try activity.input.validate() }
                #expect(
                    try activity.input.interval().get() == DateInterval(start: activity.startsAt, end: activity.endsAt))
            }
            #expect(Set(activities.map(\.kind)).count >= 4)
            let utc = TimeZone.utc
            let from = try ActivityTime.midnight(of: "2026-03-01", in: utc).get()
            let to = try ActivityTime.midnight(of: "2026-04-01", in: utc).get()
            let march = try await store.listActivities(ActivityQuery(from: from, to: to))
            #expect(
                march.map(\.id)
                    == activities.filter { $0.startsAt < to && $0.endsAt > from }.sorted {
                        ($0.startsAt, $0.id) < ($1.startsAt, $1.id)
                    }.map(\.id))

            // Each prospect stands where its last move took it, on the day it was reached.
            let prospects = try await store.listProspects(ProspectQuery())
            #expect(prospects.count == 30)
            #expect(Set(prospects.map(\.organizationId)).count == 30)
            for summary in prospects {
                let prospect = try #require(try await store.prospect(id: summary.id))
                #expect(prospect.history.last?.to == prospect.input.stage)
                #expect(prospect.history.last?.day == prospect.stageSince)
                #expect(prospect.history.first?.from == nil)
                #expect(throws: Never.self) { try prospect.input.validate(today: "2026-12-01") }
            }
            #expect(try await store.pipelineFunnel(ProspectQuery()).total == 30)

            let people = try await store.people(ids: Array(1...600))
            for person in people.prefix(100) {
                #expect(throws: Never.self) { try person.input.validate(currentYear: 2026) }
            }
            let natives = people.compactMap(\.nativeName).joined()
            for (script, range) in [
                ("Han", 0x4E00...0x9FFF), ("Hangul", 0xAC00...0xD7AF), ("Arabic", 0x0600...0x06FF),
                ("Cyrillic", 0x0400...0x04FF),
            ] {
                #expect(natives.unicodeScalars.contains { range.contains(Int($0.value)) }, "no \(script) names")
            }
            #expect(people.contains { $0.givenName.unicodeScalars.contains { $0.value > 0x7F } }, "no accents")
            #expect(people.contains { $0.channels.contains { $0.kind == .wechat } })
            #expect(people.contains { $0.positions.count > 1 })

            let organizations = try await store.listOrganizations(OrganizationQuery(perPage: 120)).items
            for summary in organizations.prefix(40) {
                let organization = try #require(try await store.organization(id: summary.id))
                #expect(throws: Never.self) {
                    try organization.input.validate(regions: .standard, currentYear: 2026)
                }
            }

            // Found in its own script and by its Latin name, as a record typed into the app would be.
            let someone = try #require(people.first { $0.nativeName != nil })
            #expect(
                try await store.search(someone.nativeName!, limit: 50).contains {
                    $0.id == someone.id && $0.kind == .person
                })
            #expect(try await store.search(someone.displayName, limit: 50).contains { $0.id == someone.id })

            await #expect(throws: TransferError.self) {
                _ = try await SyntheticNetwork.seed(into: store, small, storeName: "test")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func reportsNameTheNetworkAndBringTheirFollowUpsAndComments(engine: TestEngine) async throws {
        try await engine.withStore { store in
            var options = small
            options.reports = 40
            let seeded = try await SyntheticNetwork.seed(into: store, options, storeName: "test")
            #expect(seeded.reports == 40)
            let listed = try await store.listReports(ReportQuery(limit: 100))
            #expect(listed.count == 40)
            let reports = try await listed.asyncMap { try #require(try await store.report(id: $0.id)) }
            for report in reports {
                #expect(throws: Never.self) { try report.input.validate() }
                #expect(report.input.activityId != nil || report.input.organizationId != nil)
                #expect(!report.authors.isEmpty)
                // Every link names what the text names, under the name it has in the directory.
                #expect(!report.links.isEmpty)
                for link in report.links { #expect(report.input.body.contains(link.name)) }
            }
            #expect(reports.contains { $0.links.contains { $0.target.kind == .person } })

            // Each task line is a follow-up of the report, of the colleague its @name names.
            let report = try #require(reports.first)
            let tasks = ReportTasks.tasks(in: report.input.body)
            let followUps = try await store.followUps(ofReport: report.id)
            #expect(followUps.map(\.title) == tasks.map(\.title))
            #expect(followUps.allSatisfy { $0.assigneeName != nil })
            let all = try await store.listFollowUps(FollowUpQuery(statuses: [], limit: 200))
            #expect(all.count >= 40)
            #expect(Set(all.map(\.status)).isSuperset(of: [.open, .done]))
            let comments = try await reports.asyncMap { try await store.comments(ofReport: $0.id).count }
            #expect(comments.reduce(0, +) > 10)

            // Found by their words, and counted on the pages of what they name.
            let word = try #require(report.links.first { $0.target.kind == .organization })
            #expect(try await store.reportCount(organizationId: word.target.id) >= 1)
            #expect(try await store.search("receptive", limit: 50).contains { $0.kind == .report })
        }
    }
}
