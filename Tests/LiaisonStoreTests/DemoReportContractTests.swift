import Foundation
import LiaisonCore
import LiaisonDemo
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The demo's trip report, on each engine: the source text as written, on the Guangzhou mission, its cities
/// and people linked, Agnès Bickart's comment under it, and its follow-ups, each once.
@Suite struct DemoReportContractTests {
    @Test(arguments: TestEngine.available)
    func theTripReportIsOnTheMissionWithItsLinksCommentAndFollowUps(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let today = try #require(ISO8601DateFormatter().date(from: "2026-12-02T09:00:00Z"))
            let outcome = try await DemoNetwork.seed(into: store, regions: .standard, currentYear: 2026, today: today)
            #expect(outcome.reports == 1)
            let listed = try await store.listReports(ReportQuery())
            #expect(listed.count == 1)
            let first = try #require(listed.first)
            let report = try #require(try await store.report(id: first.id))
            #expect(report.activityTitle == "Mission to Guangzhou and the Greater Bay Area")
            #expect(report.authors.map(\.name) == ["Felip Roca"])
            #expect(report.reviewers.map(\.name) == ["Agnès Bickart"])
            #expect(report.input.body.contains("Agnès, please complement, amend or contradict the above as needed!"))
            #expect(report.input.body.contains("in the south like Guyiang, Changsha or Nanning"), "as written")

            let organizations = Set(report.links.filter { $0.target.kind == .organization }.map(\.name))
            #expect(organizations.isSuperset(of: ["Guangzhou", "Foshan", "Dongguan", "Zhuhai", "Qingdao", "Harbin"]))
            let organizationLinks = report.links.filter { $0.target.kind == .organization }
            #expect(organizationLinks.allSatisfy { $0.found })
            let people = Set(report.links.filter { $0.target.kind == .person }.map(\.name))
            #expect(people == ["CHEN Guo", "LI Wenjing", "HUANG Zhiqiang", "ZHOU Min"])
            let foshan = try #require(try await store.organization(named: "Foshan"))
            #expect(try await store.listReports(ReportQuery(organizationId: foshan.id)).map(\.id) == [report.id])

            let comments = try await store.comments(ofReport: report.id)
            #expect(comments.map(\.authorName) == ["Agnès Bickart"])
            #expect(comments.first?.input.body.hasPrefix("Complementing: Qingdao followed the event online") == true)

            // The report's task lines are the demo's follow-ups: no other, none twice.
            let followUps = try await store.listFollowUps(FollowUpQuery(statuses: [], limit: 200))
            #expect(
                followUps.map(\.title).sorted() == [
                    "follow up with Foshan, Dongguan and Zhuhai on membership",
                    "request the email contacts of all participants",
                    "send the invitations to the Congress in Brussels to the Chinese members",
                ])
            #expect(followUps.allSatisfy { $0.reportId == report.id })
            let byTitle = Dictionary(uniqueKeysWithValues: followUps.map { ($0.title, $0) })
            let contacts = try #require(byTitle["request the email contacts of all participants"])
            #expect(contacts.assigneeName == "Agnès Bickart")
            #expect(contacts.dueDate == "2026-11-22", "overdue, so the home page counts it")
            let membership = try #require(byTitle["follow up with Foshan, Dongguan and Zhuhai on membership"])
            #expect(membership.assigneeName == "Felip Roca")
            #expect(membership.priority == .high)
            #expect(Set(membership.organizations.map(\.name)) == ["Foshan", "Dongguan", "Zhuhai"])
            #expect(
                try await store.listFollowUps(FollowUpQuery(organizationId: foshan.id)).map(\.title).contains(
                    membership.title))

            // Agnès is asked to review it, named in it, and given two of its follow-ups; Felip is named in her
            // comment.
            let agnes = try #require(try await store.accounts().first { $0.name == "Agnès Bickart" })
            let felip = try #require(try await store.accounts().first { $0.name == "Felip Roca" })
            let hers = try await store.notifications(accountId: agnes.id)
            #expect(Set(hers.map(\.reason)) == [.reviewRequested, .mentioned, .followUpAssigned])
            #expect(try await store.notifications(accountId: felip.id).map(\.reason) == [.mentioned])
        }
    }
}
