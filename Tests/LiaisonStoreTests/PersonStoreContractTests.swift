import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// People, duplicates, merge and the search box; each test runs once per available engine.
@Suite struct PersonStoreContractTests {
    /// Guangzhou, and CHEN Guo working there.
    private func seed(_ store: any LiaisonStore) async throws -> (Organization, Person) {
        let guangzhou = try await store.createOrganization(.guangzhou)
        let person = try await store.createPerson(PersonInput.chen(at: guangzhou.id), by: .system)
        return (guangzhou, person)
    }

    @Test(arguments: TestEngine.available)
    func createdPersonReadsBackWholeWithTheOrganizationsName(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (guangzhou, created) = try await seed(store)
            let read = try #require(try await store.person(id: created.id))
            #expect(read == created)
            #expect(read.version == 1)
            #expect(read.positions.map(\.organizationName) == ["Guangzhou", "Guangzhou"])
            #expect(read.positions.first?.organizationId == guangzhou.id)
            #expect(read.channels.map(\.kind) == [.wechat, .email])
            #expect(read.languages == ["zh", "en"])
            let at = try await store.peopleAt(organizationId: guangzhou.id)
            #expect(at.map(\.position.isCurrent) == [true, false])
        }
    }

    @Test(arguments: TestEngine.available)
    func severalPeopleReadBackInTheOrderAskedWithoutTheMissing(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (guangzhou, chen) = try await seed(store)
            let other = try await store.createPerson(
                PersonInput(
                    givenName: "Agnès", familyName: "Bickart", languages: ["fr", "es"],
                    positions: [Position(organizationId: guangzhou.id, title: "Liaison")],
                    channels: [Channel(kind: .email, value: "agnes@example.org")]),
                by: .system)
            let read = try await store.people(ids: [other.id, 999, chen.id])
            #expect(read.map(\.id) == [other.id, chen.id])
            #expect(read == [other, chen])
        }
    }

    @Test(arguments: TestEngine.available)
    func staleUpdateIsRefusedAndChangesNothing(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (_, created) = try await seed(store)
            var input = created.input
            input.honorific = "Dr."
            _ = try await store.updatePerson(id: created.id, expectedVersion: 1, input, by: .system)
            input.honorific = "Prof."
            await #expect(throws: StoreError.versionConflict(entity: .person, id: created.id, currentVersion: 2)) {
                try await store.updatePerson(id: created.id, expectedVersion: 1, input, by: .system)
            }
            #expect(try await store.person(id: created.id)?.honorific == "Dr.")
        }
    }

    @Test(arguments: TestEngine.available)
    func unknownOrganizationsAndHoldersAreRefusedAndNothingIsWritten(engine: TestEngine) async throws {
        try await engine.withStore { store in
            var input = PersonInput.chen(at: 999)
            input.channels[0].heldByAccountId = 12_345
            do {
                _ = try await store.createPerson(input, by: .system)
                Issue.record("a position at a missing organization was accepted")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.rule).contains("unknown_organization"))
                #expect(error.errors.map(\.field).contains("channels[0].heldByAccountId"))
            }
            #expect(try await store.listPeople(PersonQuery()).total == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func peopleAreFoundByEitherScriptEmailPhoneAndFilters(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (guangzhou, chen) = try await seed(store)
            for text in ["chen guo", "陈国", "chen", "chenguo_gz", "chen.guo@gz"] {
                let page = try await store.listPeople(PersonQuery(text: text))
                #expect(page.items.map(\.id) == [chen.id], "\(text)")
            }
            #expect(try await store.listPeople(PersonQuery(organizationId: guangzhou.id)).total == 1)
            #expect(try await store.listPeople(PersonQuery(country: "CN")).total == 1)
            #expect(try await store.listPeople(PersonQuery(country: "FR")).total == 0)
            #expect(try await store.listPeople(PersonQuery(position: "secretary")).total == 1)
            #expect(try await store.listPeople(PersonQuery(position: "deputy")).total == 0)
            #expect(try await store.listPeople(PersonQuery(language: "en")).total == 1)
            #expect(try await store.listPeople(PersonQuery(channelKind: .wechat)).total == 1)
            #expect(try await store.listPeople(PersonQuery(channelKind: .linkedin)).total == 0)
            let agnes = try await store.createAccount(
                StaffAccountInput(email: "agnes@example.org", name: "Agnès Bickart", role: .editor), passwordHash: "!",
                by: .system)
            #expect(try await store.listPeople(PersonQuery(heldByAccountId: agnes.id)).total == 0)
            var held = chen.input
            held.channels[0].heldByAccountId = agnes.id
            _ = try await store.updatePerson(id: chen.id, expectedVersion: 1, held, by: .system)
            #expect(try await store.listPeople(PersonQuery(heldByAccountId: agnes.id)).items.map(\.id) == [chen.id])
            let row = try #require(try await store.listPeople(PersonQuery()).items.first)
            #expect(row.displayName == "CHEN Guo")
            #expect(row.organizationName == "Guangzhou")
            #expect(row.preferredChannel?.value == "chenguo_gz")
        }
    }

    @Test(arguments: TestEngine.available)
    func theSearchBoxRanksExactBeforePrefixAndMembersFirst(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (_, chen) = try await seed(store)
            var chengduInput = OrganizationInput.guangzhou.with(name: "Chengdu")
            chengduInput.nativeName = "成都"
            chengduInput.aliases = []
            let chengdu = try await store.createOrganization(chengduInput)
            var prospect = OrganizationInput.guangzhou.with(name: "Chenzhou")
            prospect.nativeName = nil
            prospect.aliases = []
            prospect.membershipStatus = .prospect
            prospect.paying = false
            _ = try await store.createOrganization(prospect)

            let hits = try await store.search("陈国")
            #expect(hits.first?.id == chen.id)
            #expect(hits.first?.match == .exact)
            let chenHits = try await store.search("chen")
            #expect(chenHits.map(\.name) == ["CHEN Guo", "Chengdu", "Chenzhou"])
            #expect(chenHits.last?.isMember == false)
            #expect(try await store.search("chengdu").first?.id == chengdu.id)
            let fuzzy = try await store.search("guangzou")
            #expect(fuzzy.first?.name == "Guangzhou")
            #expect(fuzzy.first?.match == .fuzzy)
            // A transliteration's letters swapped in its first three: the trip report's "Guyiang".
            var guiyangInput = OrganizationInput.guangzhou.with(name: "Guiyang")
            guiyangInput.nativeName = "贵阳"
            guiyangInput.aliases = []
            let guiyang = try await store.createOrganization(guiyangInput)
            let swapped = try await store.search("Guyiang")
            #expect(swapped.first?.id == guiyang.id)
            #expect(swapped.first?.match == .fuzzy)
        }
    }

    @Test(arguments: TestEngine.available)
    func likelyDuplicatesShareAnEmailOrTheNameAtTheOrganization(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (guangzhou, chen) = try await seed(store)
            let sameName = PersonInput(
                givenName: "guo", familyName: "CHEN",
                positions: [Position(organizationId: guangzhou.id, title: "Mayor")])
            #expect(try await store.likelyDuplicates(of: sameName, excluding: nil).map(\.id) == [chen.id])
            let sameEmail = PersonInput(
                givenName: "G.", familyName: "Chen", channels: [Channel(kind: .email, value: "CHEN.GUO@gz.example.cn")])
            #expect(try await store.likelyDuplicates(of: sameEmail, excluding: nil).map(\.id) == [chen.id])
            #expect(try await store.likelyDuplicates(of: sameEmail, excluding: chen.id).isEmpty)
            let other = PersonInput(givenName: "Guo", familyName: "Chen")
            #expect(try await store.likelyDuplicates(of: other, excluding: nil).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func mergeKeepsEverythingDeletesTheDuplicateAndIsAudited(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (guangzhou, chen) = try await seed(store)
            let duplicate = try await store.createPerson(
                PersonInput(
                    givenName: "Guo", familyName: "Chen", languages: ["es"], metAt: "Congress",
                    positions: [
                        Position(organizationId: guangzhou.id, title: "Delegate to the Congress", endDate: "2024")
                    ],
                    channels: [
                        Channel(kind: .phone, value: "+8613800138000"),
                        Channel(kind: .email, value: "chen.guo@gz.example.cn"),
                    ]),
                by: .system)

            await #expect(throws: StoreError.versionConflict(entity: .person, id: duplicate.id, currentVersion: 1)) {
                try await store.mergePeople(
                    keep: chen.id, keepVersion: 1, remove: duplicate.id, removeVersion: 5, by: .system)
            }
            let merged = try await store.mergePeople(
                keep: chen.id, keepVersion: 1, remove: duplicate.id, removeVersion: 1, by: .system)

            #expect(merged.version == 2)
            #expect(merged.positions.count == 3)
            #expect(merged.channels.map(\.value) == ["chenguo_gz", "chen.guo@gz.example.cn", "+8613800138000"])
            #expect(merged.languages == ["zh", "en", "es"])
            #expect(merged.metAt == "Congress")
            #expect(try await store.person(id: duplicate.id) == nil)
            let trail = try await store.auditEntries(AuditQuery(entity: .person, action: .merge))
            #expect(Set(trail.compactMap(\.entityId)) == [chen.id, duplicate.id])
            #expect(try await store.search("13800138000").first?.id == chen.id)
        }
    }

    @Test(arguments: TestEngine.available)
    func theWholeListsCountFollowsCreationsMergesAndDeletions(engine: TestEngine) async throws {
        try await engine.withStore { store in
            func total() async throws -> Int { try await store.listPeople(PersonQuery(perPage: 1)).total }
            let (_, chen) = try await seed(store)
            let before = try await total()
            #expect(before == (try await store.listPeople(PersonQuery(perPage: 200)).items.count))
            let twin = try await store.createPerson(PersonInput(givenName: "Guo", familyName: "Chen"), by: .system)
            let other = try await store.createPerson(PersonInput(givenName: "Ana", familyName: "Ruiz"), by: .system)
            #expect(try await total() == before + 2)
            _ = try await store.mergePeople(
                keep: chen.id, keepVersion: 1, remove: twin.id, removeVersion: 1, by: .system)
            try await store.deletePerson(id: other.id, expectedVersion: 1, by: .system)
            #expect(try await total() == before)
            #expect(try await store.listPeople(PersonQuery(perPage: 1)).totalIsLowerBound == false)
        }
    }

    @Test(arguments: TestEngine.available)
    func deletingAnOrganizationKeepsItsNameOnPositions(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (guangzhou, chen) = try await seed(store)
            try await store.deleteOrganization(id: guangzhou.id, expectedVersion: nil)
            let read = try #require(try await store.person(id: chen.id))
            #expect(read.positions.map(\.organizationName) == ["Guangzhou", "Guangzhou"])
            #expect(read.positions.allSatisfy { $0.organizationId == nil })
        }
    }

    @Test(arguments: TestEngine.available)
    func everyChangeIsInTheTrail(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (_, chen) = try await seed(store)
            var input = chen.input
            input.notes = "Prefers WeChat."
            _ = try await store.updatePerson(id: chen.id, expectedVersion: 1, input, by: .system)
            try await store.deletePerson(id: chen.id, expectedVersion: 2, by: .system)
            let trail = try await store.auditEntries(AuditQuery(entity: .person, entityId: chen.id))
            #expect(trail.map(\.action) == [.delete, .update, .create])
            #expect(trail[1].changes.map(\.field) == ["notes"])
            #expect(try await store.listPeople(PersonQuery(text: "chen")).total == 0)
        }
    }
}

extension PersonStoreContractTests {
    @Test(arguments: TestEngine.available)
    func thePositionFilterFollowsEveryChangeOfTitleAndDepartment(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let (_, chen) = try await seed(store)
            func count(_ text: String) async throws -> Int {
                try await store.listPeople(PersonQuery(position: text)).total
            }
            #expect(try await count("SECRETARY gen") == 1)
            #expect(try await count("guangzhou comm") == 1)
            #expect(try await count("ec") == 1)
            #expect(try await count("deputy") == 0, "a past position does not count")
            var input = chen.input
            input.positions[0].title = "Mayor"
            input.positions[0].department = nil
            let updated = try await store.updatePerson(id: chen.id, expectedVersion: chen.version, input, by: .system)
            #expect(try await count("secretary") == 0)
            #expect(try await count("guangzhou comm") == 0)
            #expect(try await count("mayor") == 1)
            try await store.deletePerson(id: chen.id, expectedVersion: updated.version, by: .system)
            #expect(try await count("mayor") == 0)
        }
    }
}

extension PersonInput {
    /// CHEN Guo, with a current and a past position at the organization.
    static func chen(at organizationId: Int64) -> PersonInput {
        PersonInput(
            givenName: "Guo", familyName: "Chen", nameOrder: .familyFirst, nativeName: "陈国", languages: ["zh", "en"],
            positions: [
                Position(
                    organizationId: organizationId, title: "Secretary General", department: "CPC Guangzhou Committee",
                    startDate: "2021"),
                Position(
                    organizationId: organizationId, title: "Deputy Secretary General", startDate: "2016",
                    endDate: "2020"),
            ],
            channels: [
                Channel(kind: .wechat, value: "chenguo_gz", preferred: true),
                Channel(kind: .email, value: "chen.guo@gz.example.cn"),
            ])
    }
}
