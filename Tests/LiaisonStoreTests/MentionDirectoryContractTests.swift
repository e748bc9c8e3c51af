import LiaisonCore
import LiaisonStore
import LiaisonSynthetic
import LiaisonTestSupport
import Testing

/// The mention index follows the directory: whatever is written, through this store or another server's,
/// the next match sees. Each test runs once per available engine.
@Suite struct MentionDirectoryContractTests {
    /// What each mention in `text` is linked to, by the text it covers.
    private func links(_ text: String, _ directory: MentionDirectory, context: MentionContext = .init())
        async throws -> [String: MentionTarget?]
    {
        var links: [String: MentionTarget?] = [:]
        for mention in try await directory.find(in: text, context: context) {
            links[String(text[mention.range(in: text)])] = mention.target
        }
        return links
    }

    @Test(arguments: TestEngine.available)
    func anOrganizationCreatedRenamedAndDeletedIsSeenByTheNextMatch(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let directory = MentionDirectory(store: store)
            // A second server on the same database: it learns of edits only from the database.
            let other = MentionDirectory(store: store)
            #expect(try await links("Visit to Guangzhou", directory).isEmpty)
            let created = try await store.createOrganization(.guangzhou)
            #expect(try await links("Visit to 广州 and Canton", directory).count == 2)
            #expect(try await links("Visit to Guangzhou", other) == ["Guangzhou": .organization(created.id)])
            let renamed = try await store.updateOrganization(
                id: created.id, expectedVersion: 1, .guangzhou.with(name: "Guangzhou Municipality"))
            #expect(
                try await links("Guangzhou Municipality", directory)
                    == ["Guangzhou Municipality": .organization(created.id)])
            try await store.deleteOrganization(id: renamed.id, expectedVersion: renamed.version)
            #expect(try await links("Guangzhou Municipality and 广州", directory).isEmpty)
            #expect(try await links("Guangzhou Municipality and 广州", other).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func peopleCreatedDeletedAndMergedAreSeenByTheNextMatch(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let guangzhou = try await store.createOrganization(.guangzhou)
            let shenzhen = try await store.createOrganization(
                OrganizationInput(kind: .city, name: "Shenzhen", country: "CN", membershipStatus: .member))
            let directory = MentionDirectory(store: store)
            let chen = try await store.createPerson(.chen(at: guangzhou.id), by: .system)
            #expect(try await links("Met 陈国", directory) == ["陈国": .person(chen.id)])
            var namesake = PersonInput.chen(at: shenzhen.id)
            namesake.channels = []
            let second = try await store.createPerson(namesake, by: .system)
            #expect(try await links("Met CHEN Guo", directory) == ["CHEN Guo": MentionTarget?.none])
            // The one at the organization the report names.
            #expect(
                try await links("Met CHEN Guo of Shenzhen", directory)
                    == ["CHEN Guo": .person(second.id), "Shenzhen": .organization(shenzhen.id)])
            #expect(
                try await links("Met CHEN Guo", directory, context: MentionContext(participantPeople: [chen.id]))
                    == ["CHEN Guo": .person(chen.id)])
            _ = try await store.mergePeople(
                keep: chen.id, keepVersion: chen.version, remove: second.id, removeVersion: second.version,
                by: .system)
            #expect(try await links("Met CHEN Guo", directory) == ["CHEN Guo": .person(chen.id)])
            try await store.deletePerson(id: chen.id, expectedVersion: nil, by: .system)
            #expect(try await links("Met CHEN Guo", directory).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func anImportIntoTheDatabaseIsSeenAndTheIndexIsReadPageByPage(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let directory = MentionDirectory(store: store, pageSize: 3)
            #expect(try await directory.find(in: "anything").isEmpty)
            // An import writes rows, not one audit entry per record.
            _ = try await SyntheticNetwork.seed(
                into: store, SyntheticOptions(organizations: 7, people: 20, seed: 3), storeName: "test")
            let everyone = try await store.mentionEntries(.person, afterId: 0, limit: 100)
            let organizations = try await store.mentionEntries(.organization, afterId: 0, limit: 100)
            #expect(everyone.count == 20)
            #expect(organizations.count == 7)
            for entry in everyone {
                let name = entry.names[0]
                let found = try await directory.find(in: "A note on \(name).")
                #expect(found.contains { $0.candidates.contains(entry.target) }, "\(name)")
            }
            let statistics = await directory.statistics
            #expect(statistics.records == 27)
            #expect(statistics.builds == 2)
        }
    }
}
