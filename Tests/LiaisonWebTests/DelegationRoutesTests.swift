import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// An event's delegations through every route: the list and its bulk form, the forecast, the CSV, a
/// delegation's page with its registrations, the API; bad input, stale versions and viewers who may only read.
@Suite struct DelegationRoutesTests {
    @Test func invitingByNameRegisteringAndTheForecast() async throws {
        try await withTestApp { app in
            let foshan = try await app.store.createOrganization(
                OrganizationInput(name: "Foshan", country: "CN", region: "asia-pacific", membershipStatus: .prospect))
            let lyon = try await app.store.createOrganization(
                OrganizationInput(name: "Lyon", country: "FR", region: "europe", membershipStatus: .member))
            let congress = try await app.store.createActivity(
                ActivityInput(
                    kind: .congress, title: "Congress in Brussels", start: "2027-06-01T09:00",
                    end: "2027-06-03T18:00", timeZone: "Europe/Brussels"), by: .system)
            let base = "/activities/\(congress.id)"
            #expect(try await app.get(base, as: .viewer).text.contains("\(base)/forecast"))
            #expect(try await app.get("\(base)/delegations", as: .viewer).status == .ok)
            #expect(try await app.get("\(base)/delegations?region=atlantis", as: .viewer).status == .badRequest)
            #expect(try await app.get("/activities/999999/delegations", as: .viewer).status == .notFound)

            #expect(
                try await app.submit(
                    "\(base)/delegations", [("setState", "invited"), ("invite", "Foshan")], as: .viewer
                )
                .status == .forbidden)
            #expect(
                try await app.submit("\(base)/delegations", [("setState", "invited"), ("invite", "Atlantis")]).status
                    == .unprocessableContent)
            #expect(
                try await app.submit("\(base)/delegations", [("setState", "maybe"), ("invite", "Foshan")]).status
                    == .unprocessableContent)
            let invited = try await app.submit(
                "\(base)/delegations",
                [("setState", "invited"), ("invite", "Foshan\nLyon"), ("letterLanguage", "Chinese")])
            #expect(invited.status == .seeOther)
            let all = try await app.store.listDelegations(DelegationQuery(activityId: congress.id))
            #expect(all.map(\.state) == [.invited, .invited])
            #expect(all.map(\.letterLanguage) == ["zh", "zh"])
            let foshanDelegation = try #require(all.first { $0.organizationId == foshan.id })
            let accepted = try await app.submit(
                "\(base)/delegations", [("setState", "accepted"), ("delegations", "\(foshanDelegation.id):1")])
            #expect(accepted.status == .seeOther)
            #expect(
                try await app.submit(
                    "\(base)/delegations", [("setState", "declined"), ("delegations", "\(foshanDelegation.id):1")]
                ).status == .conflict)

            let id = foshanDelegation.id
            #expect(try await app.get("/delegations/\(id)/edit", as: .viewer).status == .forbidden)
            #expect(try await app.get("/delegations/\(id)/edit").status == .ok)
            let badSize = try await app.submit(
                "/delegations/\(id)",
                [("version", "2"), ("state", "accepted"), ("expectedMode", "in_person"), ("expectedSize", "60")])
            #expect(badSize.status == .unprocessableContent)
            #expect(badSize.text.contains("Expected size must be between 0 and 50."))
            let five = try await app.submit(
                "/delegations/\(id)",
                [
                    ("version", "2"), ("state", "accepted"), ("expectedMode", "in_person"), ("expectedSize", "5"),
                    ("mayorHeads", "on"), ("sentOn", "2026-12-01"),
                ])
            #expect(five.status == .seeOther)
            #expect(
                try await app.submit(
                    "/delegations/\(id)", [("version", "2"), ("state", "accepted"), ("expectedMode", "in_person")]
                ).status == .conflict)
            var forecast = try await app.get("\(base)/forecast", as: .viewer)
            #expect(forecast.status == .ok)
            #expect(forecast.text.contains("Asia-Pacific"))
            #expect(
                try await app.store.delegationForecast(DelegationQuery(activityId: congress.id)).total.expected == 5)

            #expect(
                try await app.submit(
                    "/delegations/\(id)/registrations", [("version", "3"), ("personName", "CHEN Guo")], as: .viewer
                ).status == .forbidden)
            #expect(
                try await app.submit(
                    "/delegations/\(id)/registrations",
                    [("version", "3"), ("role", "member"), ("mode", "in_person"), ("state", "registered")]
                ).status == .unprocessableContent)
            let head = try await app.submit(
                "/delegations/\(id)/registrations",
                [
                    ("version", "3"), ("personName", "CHEN Guo"), ("role", "head_of_delegation"), ("mode", "in_person"),
                    ("state", "registered"), ("visaLetter", "on"), ("interpretation", "Chinese"),
                ])
            #expect(head.status == .seeOther)
            let edited = try await app.submit(
                "/delegations/\(id)/registrations",
                [
                    ("version", "4"), ("position", "0"), ("personName", "CHEN Guo"), ("role", "head_of_delegation"),
                    ("mode", "virtual"), ("state", "confirmed"),
                ])
            #expect(edited.status == .seeOther)
            let cancelled = try await app.submit(
                "/delegations/\(id)/registrations/state",
                [("version", "5"), ("setState", "cancelled"), ("positions", "0")])
            #expect(cancelled.status == .seeOther)
            let stored = try #require(try await app.store.delegation(id: id))
            #expect(stored.input.registrations.map(\.state) == [.cancelled])
            #expect(stored.input.registrations.map(\.mode) == [.virtual])
            let page = try await app.get("/delegations/\(id)", as: .viewer)
            #expect(page.text.contains("CHEN Guo"))
            #expect(page.text.contains("Cancelled"))
            #expect(try await app.get("/delegations/\(id)?registration=0").text.contains("name=\"position\""))
            #expect(try await app.get("/organizations/\(foshan.id)", as: .viewer).text.contains("/delegations/\(id)"))

            let csv = try await app.get("\(base)/delegations.csv", as: .viewer)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("delegation_id,organization_id,organization"))
            #expect(csv.text.contains("Foshan"))
            #expect(try await app.get("\(base)/delegations.csv?state=later", as: .viewer).status == .badRequest)
            let exports = try await app.store.auditEntries(AuditQuery(entity: .delegation, action: .export))
            #expect(exports.count == 1)

            forecast = try await app.get("/api/v1/activities/\(congress.id)/forecast", as: .viewer)
            #expect(forecast.status == .ok)
            #expect(forecast.text.contains("\"asia-pacific\""))
            #expect(try await app.get("/api/v1/activities/999999/forecast", as: .viewer).status == .notFound)
            #expect(try await app.get("/delegations/\(id)/delete").status == .ok)
            #expect(try await app.submit("/delegations/\(id)/delete", [("version", "1")]).status == .conflict)
            #expect(try await app.submit("/delegations/\(id)/delete", [("version", "6")]).status == .seeOther)
            #expect(try await app.get("/delegations/\(id)").status == .notFound)
            _ = lyon
        }
    }

    @Test func theAPIWritesAndRefusesDelegations() async throws {
        try await withTestApp { app in
            let lyon = try await app.store.createOrganization(
                OrganizationInput(name: "Lyon", country: "FR", region: "europe", membershipStatus: .member))
            let congress = try await app.store.createActivity(
                ActivityInput(
                    kind: .congress, title: "Congress", start: "2027-06-01T09:00", end: "2027-06-03T18:00",
                    timeZone: "Europe/Brussels"), by: .system)
            let body: [String: Any] = [
                "activityId": congress.id, "organizationId": lyon.id, "state": "accepted", "expectedSize": 5,
                "registrations": [["personName": "Jean Dupont", "role": "head_of_delegation", "visaLetter": false]],
            ]
            #expect(try await app.send(.post, "/api/v1/delegations", json: body, as: .viewer).status == .forbidden)
            let created = try await app.send(.post, "/api/v1/delegations", json: body)
            #expect(created.status == .created)
            #expect(try await app.send(.post, "/api/v1/delegations", json: body).status == .unprocessableContent)
            #expect(
                try await app.send(.post, "/api/v1/delegations", json: ["activityId": congress.id, "state": "maybe"])
                    .status == .badRequest)
            #expect(
                try await app.send(.post, "/api/v1/delegations", json: ["activityId": congress.id, "size": 3]).status
                    == .badRequest)
            let list = try await app.get("/api/v1/delegations?activity=\(congress.id)", as: .viewer)
            #expect(list.status == .ok)
            #expect(list.text.contains("Jean Dupont"))
            #expect(try await app.get("/api/v1/delegations?state=maybe", as: .viewer).status == .badRequest)
            let id = try #require(
                try await app.store.listDelegations(DelegationQuery(activityId: congress.id)).first?.id)
            #expect(try await app.get("/api/v1/delegations/\(id)", as: .viewer).status == .ok)
            var update = body
            update["version"] = 1
            update["expectedSize"] = 51
            #expect(
                try await app.send(.put, "/api/v1/delegations/\(id)", json: update).status == .unprocessableContent)
            update["expectedSize"] = 3
            #expect(try await app.send(.put, "/api/v1/delegations/\(id)", json: update).status == .ok)
            #expect(try await app.send(.put, "/api/v1/delegations/\(id)", json: update).status == .conflict)
            #expect(
                try await app.send(.delete, "/api/v1/delegations/\(id)?version=2", as: .viewer).status == .forbidden)
            #expect(try await app.send(.delete, "/api/v1/delegations/\(id)?version=2").status == .noContent)
            #expect(try await app.get("/api/v1/delegations/\(id)", as: .viewer).status == .notFound)
        }
    }
}
