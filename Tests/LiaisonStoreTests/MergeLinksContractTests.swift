import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// A merge keeps what reports and follow-ups said of the person merged away: their links and follow-ups move
/// to the person kept instead of going with the deleted record, on each engine.
@Suite struct MergeLinksContractTests {
    struct Finder: ReportMentionFinder {
        let found: [MentionTarget]
        func mentions(in text: String, people: Set<Int64>, organizations: Set<Int64>) async throws
            -> [MentionTarget]
        { found }
    }

    @Test(arguments: TestEngine.available)
    func reportLinksAndFollowUpsMoveToThePersonKept(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let guangzhou = try await store.createOrganization(.guangzhou)
            let kept = try await store.createPerson(PersonInput.chen(at: guangzhou.id), by: .system)
            var twin = PersonInput.chen(at: guangzhou.id)
            twin.channels = [Channel(kind: .email, value: "guo.chen@gz.example.cn")]
            let removed = try await store.createPerson(twin, by: .system)
            let keep = MentionTarget(.person, kept.id)
            let gone = MentionTarget(.person, removed.id)

            // Names only the twin; names both (the kept one found in the text, the twin added by an author);
            // names the kept one, with the twin removed by an author.
            let only = try await ReportIntake(store: store, finder: Finder(found: [gone])).create(
                ReportInput(title: "Only the twin"), by: .system)
            let both = try await ReportIntake(store: store, finder: Finder(found: [keep])).create(
                ReportInput(title: "Both", linksAdded: [gone]), by: .system)
            let removedLink = try await ReportIntake(store: store, finder: Finder(found: [keep])).create(
                ReportInput(title: "Twin removed", linksRemoved: [gone]), by: .system)
            let followUp = try await store.createFollowUp(
                FollowUpInput(title: "Ask CHEN Guo for the contacts", personIds: [removed.id]), by: .system)
            let shared = try await store.createFollowUp(
                FollowUpInput(title: "Both of them", personIds: [kept.id, removed.id]), by: .system)

            let merged = try await store.mergePeople(
                keep: kept.id, keepVersion: kept.version, remove: removed.id, removeVersion: removed.version,
                by: .system)
            #expect(merged.id == kept.id)
            #expect(try await store.person(id: removed.id) == nil)

            let onlyNow = try #require(try await store.report(id: only.id))
            #expect(onlyNow.links.map(\.target) == [keep])
            #expect(onlyNow.links.first?.found == true)
            let bothNow = try #require(try await store.report(id: both.id))
            #expect(bothNow.links.map(\.target) == [keep])
            #expect(bothNow.links.first?.found == false, "added by an author says more than found in the text")
            #expect(bothNow.input.linksAdded == [keep])
            let removedNow = try #require(try await store.report(id: removedLink.id))
            #expect(removedNow.links.map(\.target) == [keep], "found in the text says more than removed")
            #expect(try await store.reportCount(personId: kept.id) == 3)

            #expect(try await store.followUp(id: followUp.id)?.input.personIds == [kept.id])
            #expect(try await store.followUp(id: shared.id)?.input.personIds == [kept.id])
            #expect(
                try await store.listFollowUps(FollowUpQuery(statuses: [], personId: kept.id)).map(\.id).sorted()
                    == [followUp.id, shared.id].sorted())
        }
    }
}
