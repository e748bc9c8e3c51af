import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Comments under a report, on each engine: one save writes the comment and the inbox entries it makes (the
/// colleagues it names, the report's authors), edits are versioned and audited, the thread has a cap that
/// holds however many comment at once.
@Suite struct CommentStoreContractTests {
    struct Seeded {
        let report: Report
        let agnes: StaffAccount
        let felip: StaffAccount
        let marta: StaffAccount
    }

    private func seed(_ store: any LiaisonStore) async throws -> Seeded {
        func account(_ name: String, _ email: String) async throws -> StaffAccount {
            try await store.createAccount(
                StaffAccountInput(email: email, name: name, role: .editor), passwordHash: "hash", by: .system)
        }
        let agnes = try await account("Agnès Bickart", "agnes@example.org")
        let felip = try await account("Felip Roca", "felip@example.org")
        let marta = try await account("Marta Puig", "marta@example.org")
        let report = try await ReportIntake(store: store, finder: NoMentionFinder()).create(
            ReportInput(title: "Mission to Guangzhou: report", body: "Foshan was positive.", status: .shared),
            by: actor(felip))
        return Seeded(report: report, agnes: agnes, felip: felip, marta: marta)
    }

    private func actor(_ account: StaffAccount) -> AuditActor { AuditActor(accountId: account.id, name: account.name) }

    private func inbox(_ store: any LiaisonStore, _ account: StaffAccount) async throws -> [StaffNotification] {
        try await store.notifications(accountId: account.id)
    }

    @Test(arguments: TestEngine.available)
    func aCommentTellsWhomItNamesAndTheReportsAuthorsInItsOwnSave(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let comment = try await store.createComment(
                CommentInput(reportId: s.report.id, body: "Complementing: Qingdao followed online. @felip, agreed?"),
                by: actor(s.agnes))
            #expect(comment.version == 1)
            #expect(comment.input.authorAccountId == s.agnes.id)
            #expect(comment.authorName == "Agnès Bickart")
            #expect(comment.reportTitle == "Mission to Guangzhou: report")

            // Felip wrote the report and is named: told once, as named.
            let felips = try await inbox(store, s.felip)
            #expect(felips.map(\.reason) == [.mentioned])
            #expect(felips.first?.subject == .comment)
            #expect(felips.first?.subjectId == comment.id)
            #expect(felips.first?.title == "Mission to Guangzhou: report")
            #expect(felips.first?.actorAccountId == s.agnes.id)
            #expect(try await inbox(store, s.agnes).isEmpty, "nobody is told of their own comment")

            // Marta comments without naming anyone: the report's author is told of a comment on his report.
            let marta = try await store.createComment(
                CommentInput(reportId: s.report.id, body: "The Congress programme is out."), by: actor(s.marta))
            #expect(try await inbox(store, s.felip).map(\.reason) == [.commented, .mentioned])
            #expect(try await inbox(store, s.felip).first?.subjectId == marta.id)

            // An edit that names Agnès tells her, once however often it is saved; the authors are not told again.
            let edited = try await store.updateComment(
                id: marta.id, expectedVersion: 1, body: "The Congress programme is out, @Agnès.", by: actor(s.marta))
            #expect(edited.version == 2)
            _ = try await store.updateComment(
                id: marta.id, expectedVersion: 2, body: "The programme is out, @agnes.", by: actor(s.marta))
            #expect(try await inbox(store, s.agnes).map(\.reason) == [.mentioned])
            #expect(try await inbox(store, s.felip).count == 2)

            #expect(try await store.comments(ofReport: s.report.id).map(\.id) == [comment.id, marta.id])
            #expect(try await store.comments(ofReport: 999_999).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func aStaleEditOrAMissingReportChangesNothingAndEveryChangeIsAudited(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let comment = try await store.createComment(
                CommentInput(reportId: s.report.id, body: "First"), by: actor(s.agnes))
            _ = try await store.updateComment(id: comment.id, expectedVersion: 1, body: "Second", by: actor(s.agnes))
            await #expect(throws: StoreError.self) {
                try await store.updateComment(id: comment.id, expectedVersion: 1, body: "Third", by: actor(s.agnes))
            }
            #expect(try await store.comment(id: comment.id)?.input.body == "Second")
            do {
                _ = try await store.createComment(CommentInput(reportId: 999_999, body: "Lost"), by: actor(s.agnes))
                Issue.record("a comment on no report must be refused")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["reportId"])
                #expect(error.errors.map(\.rule) == ["not_found"])
            }
            do {
                _ = try await store.updateComment(id: comment.id, expectedVersion: 2, body: " \n", by: actor(s.agnes))
                Issue.record("an empty comment must be refused")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["body"])
            }
            await #expect(throws: StoreError.self) {
                try await store.updateComment(id: 999_999, expectedVersion: 1, body: "Nobody's", by: actor(s.agnes))
            }
            try await store.deleteComment(id: comment.id, expectedVersion: 2, by: actor(s.agnes))
            #expect(try await store.comment(id: comment.id) == nil)
            let entries = try await store.auditEntries(AuditQuery(entity: .comment, entityId: comment.id, limit: 10))
            #expect(entries.map(\.event.action) == [.delete, .update, .create])
            #expect(entries[1].event.changes.map(\.field) == ["body"])
            #expect(entries[1].event.summary == "Agnès Bickart on “Mission to Guangzhou: report”")

            // Deleting the report takes its thread with it.
            let other = try await store.createComment(
                CommentInput(reportId: s.report.id, body: "Still here"), by: actor(s.agnes))
            try await store.deleteReport(id: s.report.id, expectedVersion: nil, by: actor(s.felip))
            #expect(try await store.comment(id: other.id) == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func aThreadNeverPassesItsCapHoweverManyCommentAtOnce(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let fill = CommentInput.maxPerReport - 2
            try await store.execute(
                (0..<fill).map { index in
                    SQLFragment(
                        """
                        INSERT INTO comment (report_id, author_account_id, body, version, created_at, updated_at)
                        VALUES (?, ?, ?, 1, ?, ?)
                        """,
                        [
                            .integer(s.report.id), .integer(s.agnes.id), .text("Comment \(index)"), .date(.storedNow()),
                            .date(.storedNow()),
                        ])
                })
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        do {
                            _ = try await store.createComment(
                                CommentInput(reportId: s.report.id, body: "At once \(index)"), by: actor(s.marta))
                            return true
                        } catch let error as ValidationError {
                            #expect(error.errors.map(\.rule) == ["max_count"])
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 2)
            #expect(try await store.comments(ofReport: s.report.id).count == CommentInput.maxPerReport)
        }
    }
}
