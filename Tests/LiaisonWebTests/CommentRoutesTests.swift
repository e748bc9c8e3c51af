import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Comments under a report, on the page and in the API: written by editors, shown oldest first with their
/// author and time, changed by their author alone (deleted by their author or an admin), telling whom they
/// name through the inbox, which opens the report at the comment; markup typed in one stays text.
@Suite struct CommentRoutesTests {
    /// A shared report by Felip Roca (another editor), and his session.
    func report(_ app: TestApp) async throws -> (id: Int64, felip: TestUser) {
        let felip = try await makeUser(app.store, "Felip Roca", .editor)
        let report = try await ReportIntake(store: app.store, finder: NoMentionFinder()).create(
            ReportInput(title: "Mission to Guangzhou: report", body: "Foshan was positive.", status: .shared),
            by: AuditActor(accountId: felip.account.id, name: "Felip Roca"))
        return (report.id, felip)
    }

    func commentId(_ response: TestResponse) throws -> Int64 {
        let location = try #require(response.headers[.location])
        let number = try #require(location.split(separator: "#comment-").last)
        return try #require(Int64(number))
    }

    @Test func anEditorCommentsAndTheColleagueNamedFindsItInTheInbox() async throws {
        try await withTestApp { app in
            let (id, felip) = try await report(app)
            let page = try await app.get("/reports/\(id)")
            #expect(page.text.contains("id=\"comment-form\""))
            #expect(page.text.contains("No comments yet."))
            #expect(!(try await app.get("/reports/\(id)", as: .viewer).text.contains("id=\"comment-form\"")))

            let posted = try await app.submit(
                "/reports/\(id)/comments", [("body", "Complementing: **Qingdao** followed online. @felip, agreed?")])
            #expect(posted.status == .seeOther)
            let first = try commentId(posted)
            #expect(posted.headers[.location] == "/reports/\(id)#comment-\(first)")
            let second = try commentId(
                try await app.submit("/reports/\(id)/comments", [("body", "Also: the programme is out.")], as: .admin))
            let shown = try await app.get("/reports/\(id)", as: .viewer).text
            #expect(shown.contains("<article class=\"comment\" id=\"comment-\(first)\">"))
            #expect(shown.contains("<strong>Qingdao</strong>"))
            #expect(shown.contains("<strong>Agnès Bickart</strong>"))
            let firstAt = try #require(shown.range(of: "comment-\(first)\""))
            let secondAt = try #require(shown.range(of: "comment-\(second)\""))
            #expect(firstAt.lowerBound < secondAt.lowerBound, "oldest first")
            #expect(!shown.contains("/comments/\(first)/edit"), "a viewer changes no comment")

            // Felip, named and the report's author, is told once; opening the entry leads to the comment.
            let inbox = try await app.request(
                .get, "/inbox", as: .anonymous, headers: [.cookie: "liaison_session=\(felip.session)"])
            #expect(inbox.text.contains("Mentioned"))
            #expect(inbox.text.contains("Comment on your report"), "the admin's comment tells the report's author")
            let entries = try await app.store.notifications(accountId: felip.account.id)
            #expect(entries.map(\.reason) == [.commented, .mentioned])
            let mention = try #require(entries.last)
            let opened = try await app.request(
                .get, "/inbox/\(mention.id)", as: .anonymous, headers: [.cookie: "liaison_session=\(felip.session)"])
            #expect(opened.headers[.location] == "/comments/\(first)")
            #expect(try await app.get("/comments/\(first)").headers[.location] == "/reports/\(id)#comment-\(first)")
            #expect(try await app.get("/comments/999999").status == .notFound)
        }
    }

    @Test func badInputIsRefusedNamingTheFieldAndKeepingWhatWasTyped() async throws {
        try await withTestApp { app in
            let (id, _) = try await report(app)
            let empty = try await app.submit("/reports/\(id)/comments", [("body", "  ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Comment is required."))
            let control = try await app.submit("/reports/\(id)/comments", [("body", "Ring \u{7} the bell")])
            #expect(control.status == .unprocessableContent)
            #expect(control.text.contains("Comment cannot contain control characters."))
            let long = try await app.submit(
                "/reports/\(id)/comments", [("body", String(repeating: "x", count: CommentInput.maxBody + 1))])
            #expect(long.status == .unprocessableContent)
            #expect(long.text.contains("at most 20000 characters"))
            #expect(try await app.submit("/reports/999999/comments", [("body", "Hello")]).status == .notFound)
            #expect(try await app.submit("/reports/\(id)/comments", [("body", "Hi")], as: .viewer).status == .forbidden)
            #expect(
                try await app.submit("/reports/\(id)/comments", [("body", "Hi")], as: .anonymous).status
                    == .unauthorized)
            #expect(try await app.store.comments(ofReport: id).isEmpty)
        }
    }

    @Test func onlyItsAuthorEditsACommentAndItsAuthorOrAnAdminDeletesIt() async throws {
        try await withTestApp { app in
            let (id, felip) = try await report(app)
            let comment = try commentId(try await app.submit("/reports/\(id)/comments", [("body", "First thoughts")]))
            let felipCookie: HTTPFields = [.cookie: "liaison_session=\(felip.session)"]
            #expect(try await app.get("/comments/\(comment)/edit").status == .ok)
            #expect(try await app.get("/reports/\(id)").text.contains("/comments/\(comment)/edit"))
            #expect(
                try await app.request(.get, "/comments/\(comment)/edit", as: .anonymous, headers: felipCookie).status
                    == .forbidden)
            #expect(try await app.get("/comments/\(comment)/edit", as: .admin).status == .forbidden)
            #expect(try await app.get("/comments/\(comment)/edit", as: .viewer).status == .forbidden)
            #expect(try await app.get("/comments/999999/edit").status == .notFound)

            let edited = try await app.submit("/comments/\(comment)", [("version", "1"), ("body", "Second thoughts")])
            #expect(edited.status == .seeOther)
            #expect(try await app.get("/reports/\(id)").text.contains("edited"))
            let stale = try await app.submit("/comments/\(comment)", [("version", "1"), ("body", "Third")])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Third"), "the form keeps what was typed")
            let blank = try await app.submit("/comments/\(comment)", [("version", "2"), ("body", "")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("href=\"#f-body\""))
            #expect(try await app.store.comment(id: comment)?.input.body == "Second thoughts")

            let refusals = try await app.store.auditEntries(AuditQuery(action: .accessRefused, limit: 10))
            #expect(refusals.contains { $0.event.summary.contains("/comments/\(comment)/edit") })

            // Another editor may not delete it; an admin may.
            #expect(
                try await app.request(.get, "/comments/\(comment)/delete", as: .anonymous, headers: felipCookie).status
                    == .forbidden)
            #expect(try await app.get("/comments/\(comment)/delete", as: .admin).status == .ok)
            #expect(
                try await app.submit("/comments/\(comment)/delete", [("version", "1")], as: .admin).status == .conflict)
            let deleted = try await app.submit("/comments/\(comment)/delete", [("version", "2")], as: .admin)
            #expect(deleted.status == .seeOther)
            #expect(deleted.headers[.location] == "/reports/\(id)#comments")
            #expect(try await app.store.comment(id: comment) == nil)
        }
    }

    @Test func markupTypedInACommentStaysText() async throws {
        try await withTestApp { app in
            let (id, _) = try await report(app)
            let payloads =
                "<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<svg onload=alert(1)>\n\n"
                + "<script>alert(1)</script>\n\n![x](javascript:alert(1))\n\n**bold**"
            _ = try await app.submit("/reports/\(id)/comments", [("body", payloads)])
            let page = try await app.get("/reports/\(id)").text
            let start = try #require(page.range(of: "<article class=\"comment\""))
            let thread = String(page[start.lowerBound...])
            #expect(thread.contains("<strong>bold</strong>"))
            // No element made of what was typed (its words stay, as text), and no script address.
            for forbidden in ["<img", "<svg", "<script", "href=\"javascript:", "src=\"javascript:"] {
                #expect(!thread.contains(forbidden), "\(forbidden) reached the page")
            }
            #expect(thread.contains("&lt;img src=x onerror=alert(1)&gt;"))
        }
    }

    @Test func theAPIListsWritesReadsChangesAndDeletesComments() async throws {
        try await withTestApp { app in
            let (id, felip) = try await report(app)
            let created = try await app.send(
                .post, "/api/v1/reports/\(id)/comments", json: ["body": "Complementing, @felip."])
            #expect(created.status == .created)
            let body = try created.json()
            let comment = try #require(body["id"] as? Int)
            #expect(created.headers[.location] == "/api/v1/comments/\(comment)")
            #expect(body["authorAccountId"] as? Int == Int(app.editor.account.id))
            #expect(body["authorName"] as? String == "Agnès Bickart")
            #expect(body["reportTitle"] as? String == "Mission to Guangzhou: report")
            #expect(try await app.store.notifications(accountId: felip.account.id).map(\.reason) == [.mentioned])

            let listed = try await app.get("/api/v1/reports/\(id)/comments", as: .viewer)
            #expect(try (listed.json()["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [comment])
            #expect(try await app.get("/api/v1/comments/\(comment)", as: .viewer).status == .ok)
            #expect(try await app.get("/api/v1/reports/999999/comments").status == .notFound)
            #expect(try await app.get("/api/v1/comments/999999").status == .notFound)

            var update = body
            update["body"] = "Complementing, revised."
            let updated = try await app.send(.put, "/api/v1/comments/\(comment)", json: update)
            #expect(updated.status == .ok)
            #expect(try updated.json()["version"] as? Int == 2)
            #expect(try await app.send(.put, "/api/v1/comments/\(comment)", json: update).status == .conflict)
            #expect(
                try await app.send(.put, "/api/v1/comments/\(comment)", json: update, as: .admin).status == .forbidden)
            #expect(
                try await app.send(.put, "/api/v1/comments/\(comment)", json: update, as: .viewer).status == .forbidden)
            let felipToken = try await app.token(for: felip, canWrite: true)
            #expect(
                try await app.send(.delete, "/api/v1/comments/\(comment)?version=2", as: .token(felipToken)).status
                    == .forbidden)

            let missing = try await app.send(.post, "/api/v1/reports/\(id)/comments", json: ["text": "Hi"])
            #expect(missing.status == .badRequest)
            #expect(missing.text.contains("body"))
            let blank = try await app.send(.post, "/api/v1/reports/\(id)/comments", json: ["body": " "])
            #expect(blank.status == .unprocessableContent)
            #expect(try (blank.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "body")
            let noVersion = try await app.send(.put, "/api/v1/comments/\(comment)", json: ["body": "x"])
            #expect(noVersion.status == .unprocessableContent)
            #expect(noVersion.text.contains("version"))
            #expect(
                try await app.send(.post, "/api/v1/reports/\(id)/comments", json: ["body": "x"], as: .viewer).status
                    == .forbidden)

            #expect(try await app.send(.delete, "/api/v1/comments/\(comment)?version=1").status == .conflict)
            #expect(try await app.send(.delete, "/api/v1/comments/\(comment)?version=two").status == .badRequest)
            #expect(try await app.send(.delete, "/api/v1/comments/\(comment)?version=2").status == .noContent)
            #expect(try await app.get("/api/v1/comments/\(comment)").status == .notFound)
        }
    }
}
