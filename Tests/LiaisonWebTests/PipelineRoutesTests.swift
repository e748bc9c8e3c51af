import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// The membership pipeline through every route: pages and API, bad input, stale versions, viewers who may
/// only read, and joining that makes a member.
@Suite struct PipelineRoutesTests {
    func organization(_ app: TestApp, _ name: String = "Foshan", region: String = "asia-pacific") async throws
        -> Int64
    {
        try await app.store.createOrganization(
            OrganizationInput(
                name: name, country: "CN", region: region, membershipStatus: .prospect)
        ).id
    }

    @Test func theAPICreatesMovesJoinsListsAndDeletes() async throws {
        try await withTestApp { app in
            let foshan = try await organization(app)
            let json: [String: Any] = [
                "organizationId": foshan, "stage": "contacted", "likelihood": 60, "nextStep": "Send the form",
                "stageDate": "2026-09-15", "stageNote": "Letter from the Secretary General",
            ]
            let created = try await app.send(.post, "/api/v1/prospects", json: json)
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? Int)
            #expect(created.headers[.location] == "/api/v1/prospects/\(id)")
            #expect(
                try (created.json()["history"] as? [[String: Any]])?.first?["note"] as? String
                    == "Letter from the Secretary General")
            #expect(try await app.send(.post, "/api/v1/prospects", json: json).status == .unprocessableContent)
            #expect(try await app.get("/api/v1/prospects/\(id)", as: .viewer).status == .ok)

            let listed = try await app.get("/api/v1/prospects?stage=contacted&region=asia-pacific&country=cn")
            #expect(try (listed.json()["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            #expect(try await app.get("/api/v1/prospects?stage=later").status == .badRequest)
            #expect(try await app.get("/api/v1/prospects?region=atlantis").status == .badRequest)
            #expect(try await app.get("/api/v1/prospects?country=XX").status == .badRequest)
            #expect(try await app.get("/api/v1/prospects?targetBy=soon").status == .badRequest)

            // A move to joined makes the organization a member.
            let joined = try await app.send(
                .put, "/api/v1/prospects/\(id)",
                json: ["version": 1, "stage": "joined", "stageDate": "2026-11-30", "nextStep": "Welcome letter"])
            #expect(joined.status == .ok)
            #expect(try (joined.json()["history"] as? [Any])?.count == 2)
            let member = try await app.store.organization(id: Int64(foshan))
            #expect(member?.input.membershipStatus == .member)
            #expect(member?.input.memberSince == 2026)
            #expect(try await app.send(.put, "/api/v1/prospects/\(id)", json: ["version": 1]).status == .conflict)
            #expect(
                try await app.send(.put, "/api/v1/prospects/\(id)", json: ["stage": "met"]).status
                    == .unprocessableContent)
            let bad = try await app.send(
                .put, "/api/v1/prospects/\(id)",
                json: ["version": 2, "likelihood": 120, "stageDate": "2999-01-01", "targetDate": "June"])
            #expect(bad.status == .unprocessableContent)
            for field in ["likelihood", "stageDate", "targetDate"] { #expect(bad.text.contains(field)) }
            #expect(
                try await app.send(.put, "/api/v1/prospects/\(id)", json: ["version": 2, "stage": "later"]).status
                    == .badRequest)

            let funnel = try await app.get("/api/v1/prospects/funnel")
            #expect(funnel.status == .ok)
            #expect(try funnel.json()["total"] as? Int == 1)

            #expect(try await app.send(.post, "/api/v1/prospects", json: json, as: .viewer).status == .forbidden)
            #expect(try await app.send(.delete, "/api/v1/prospects/\(id)", as: .viewer).status == .forbidden)
            #expect(try await app.send(.delete, "/api/v1/prospects/\(id)?version=1").status == .conflict)
            #expect(try await app.send(.delete, "/api/v1/prospects/\(id)?version=2").status == .noContent)
            #expect(try await app.get("/api/v1/prospects/\(id)").status == .notFound)
        }
    }

    @Test func thePagesAddMoveShowAndRemove() async throws {
        try await withTestApp { app in
            let foshan = try await organization(app)
            let organizationPage = try await app.get("/organizations/\(foshan)")
            #expect(organizationPage.text.contains("/pipeline/new?organization=\(foshan)"))
            #expect(try await app.get("/organizations/\(foshan)", as: .viewer).text.contains("/pipeline/new") == false)

            #expect(try await app.get("/pipeline/new?organization=\(foshan)", as: .viewer).status == .forbidden)
            #expect(try await app.get("/pipeline/new").status == .badRequest)
            let form = try await app.get("/pipeline/new?organization=\(foshan)")
            #expect(form.status == .ok)
            #expect(form.text.contains("Add Foshan to the membership pipeline"))

            let bad = try await app.submit(
                "/pipeline",
                [
                    ("organizationId", "\(foshan)"), ("organizationName", "Foshan"), ("stage", "met"),
                    ("likelihood", "lots"), ("targetDate", "soon"),
                ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("error-summary"))
            let created = try await app.submit(
                "/pipeline",
                [
                    ("organizationId", "\(foshan)"), ("organizationName", "Foshan"), ("stage", "met"),
                    ("likelihood", "70"), ("nextStep", "Send the form"), ("stageNote", "Met at the event"),
                    ("stageDate", "2026-11-11"), ("ownerAccountId", "\(app.editor.account.id)"),
                ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let id = try #require(Int(location.dropFirst("/pipeline/".count).prefix { $0.isNumber }))
            #expect(try await app.get("/pipeline/new?organization=\(foshan)").status == .seeOther)

            let board = try await app.get("/pipeline", as: .viewer)
            #expect(board.status == .ok)
            #expect(board.text.contains("Foshan"))
            #expect(board.text.contains("/pipeline/\(id)/stage") == false)
            #expect(try await app.get("/pipeline").text.contains("/pipeline/\(id)/stage"))
            #expect(try await app.get("/pipeline?region=atlantis").status == .badRequest)
            #expect(try await app.get("/pipeline?region=europe").text.contains("Foshan") == false)
            #expect(try await app.get("/pipeline/funnel", as: .viewer).status == .ok)
            #expect(try await app.get("/pipeline/list?stage=met", as: .viewer).text.contains("Foshan"))
            #expect(try await app.get("/pipeline/list?stage=later").status == .badRequest)
            let csv = try await app.get("/pipeline.csv", as: .viewer)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("organization_id,organization,country"))
            #expect(csv.text.contains("Foshan"))

            #expect(
                try await app.submit("/pipeline/\(id)/stage", [("version", "1"), ("stage", "joined")], as: .viewer)
                    .status == .forbidden)
            #expect(
                try await app.submit("/pipeline/\(id)/stage", [("version", "1"), ("stage", "later")]).status
                    == .badRequest)
            let moved = try await app.submit(
                "/pipeline/\(id)/stage", [("version", "1"), ("stage", "joined"), ("back", "/pipeline")])
            #expect(moved.status == .seeOther)
            #expect(moved.headers[.location] == "/pipeline")
            #expect(
                try await app.submit("/pipeline/\(id)/stage", [("version", "1"), ("stage", "met")]).status
                    == .conflict)
            let offsite = try await app.submit(
                "/pipeline/\(id)/stage", [("version", "2"), ("stage", "joined"), ("back", "https://example.com")])
            #expect(offsite.headers[.location] == "/pipeline/\(id)?saved=1")
            #expect(try await app.store.organization(id: Int64(foshan))?.input.membershipStatus == .member)

            let shown = try await app.get("/pipeline/\(id)", as: .viewer)
            #expect(shown.text.contains("Met at the event"))
            #expect(shown.text.contains("Met → Joined"))
            #expect(try await app.get("/organizations/\(foshan)").text.contains("/pipeline/\(id)"))

            #expect(try await app.get("/pipeline/\(id)/edit").status == .ok)
            let stale = try await app.submit("/pipeline/\(id)", [("version", "2"), ("nextStep", "x")])
            #expect(stale.status == .conflict)
            let edited = try await app.submit(
                "/pipeline/\(id)", [("version", "3"), ("nextStep", "Welcome letter"), ("likelihood", "100")])
            #expect(edited.status == .seeOther)
            #expect(try await app.store.prospect(id: Int64(id))?.input.stage == .joined)

            #expect(try await app.get("/pipeline/\(id)/delete").status == .ok)
            #expect(
                try await app.submit("/pipeline/\(id)/delete", [("version", "4")], as: .viewer).status == .forbidden)
            #expect(try await app.submit("/pipeline/\(id)/delete", [("version", "4")]).status == .seeOther)
            #expect(try await app.get("/pipeline/\(id)").status == .notFound)
        }
    }
}
