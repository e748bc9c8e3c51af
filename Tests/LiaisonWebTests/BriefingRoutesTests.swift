import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Briefing packs: a mission's cities one a page with the schedule in local time, a visit received with its
/// delegation, a chosen set, the directory's ticked rows, bad input and who may read them.
@Suite struct BriefingRoutesTests {
    func sections(_ page: String) -> Int { page.components(separatedBy: "class=\"briefing-city\"").count - 1 }

    func activity(_ app: TestApp, kind: ActivityKind, titled prefix: String) async throws -> ActivitySummary {
        try #require(
            try await app.store.listActivities(ActivityQuery(kinds: [kind], limit: 500)).first {
                $0.title.hasPrefix(prefix)
            })
    }

    @Test func theGuangzhouMissionHasACoverAndOnePageACity() async throws {
        try await withTestApp(demo: true) { app in
            let mission = try await activity(app, kind: .mission, titled: "Mission to Guangzhou")
            var ids = Set<Int64>()
            let parts = try await app.store.listActivities(ActivityQuery(missionId: mission.id, limit: 200))
            for id in [mission.id] + parts.map(\.id) {
                let full = try #require(try await app.store.activity(id: id))
                ids.formUnion(full.input.organizations.compactMap(\.organizationId))
                ids.formUnion(full.input.people.compactMap(\.organizationId))
            }
            let page = try await app.get("/briefing?activity=\(mission.id)", as: .viewer)
            #expect(page.status == .ok)
            #expect(sections(page.text) == ids.count)
            #expect(ids.count >= 10)
            for city in ["Guangzhou", "Foshan", "Dongguan", "Harbin"] { #expect(page.text.contains(city), "\(city)") }
            // The schedule in the activities' own zone (Guangzhou is GMT+8).
            #expect(page.text.contains("Bilateral meeting with Guangzhou Municipality"))
            #expect(page.text.contains("10:00"))
            #expect(page.text.contains("GMT+8"))
            #expect(page.text.contains("Open follow-ups"))
            let activityPage = try await app.get("/activities/\(mission.id)", as: .viewer)
            #expect(activityPage.text.contains("/briefing?activity=\(mission.id)"))
        }
    }

    @Test func aVisitReceivedBriefsOnTheVisitorsAndTheirDelegation() async throws {
        try await withTestApp(demo: true) { app in
            let visit = try await activity(app, kind: .courtesyVisit, titled: "Guangzhou high level delegation")
            let full = try #require(try await app.store.activity(id: visit.id))
            let page = try await app.get("/briefing?activity=\(visit.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Delegation"))
            let delegate = try #require(full.input.people.first?.personName)
            #expect(page.text.contains(delegate))
            #expect(sections(page.text) >= 1)
        }
    }

    @Test func aChosenSetAndTheDirectorysTickedRows() async throws {
        try await withTestApp { app in
            let guangzhou = try await app.store.createOrganization(
                OrganizationInput(
                    name: "Guangzhou", nativeName: "广州", country: "CN", region: "asia-pacific",
                    membershipStatus: .member, practices: [Practice(title: "Guangzhou Award", year: 2012)]))
            let foshan = try await app.store.createOrganization(
                OrganizationInput(name: "Foshan", country: "CN", membershipStatus: .prospect))
            let page = try await app.get("/briefing?organizations=\(guangzhou.id),\(foshan.id)", as: .viewer)
            #expect(page.status == .ok)
            #expect(sections(page.text) == 2)
            #expect(page.text.contains("Guangzhou Award (2012)"))
            #expect(page.text.contains("广州"))

            let ticked = try await app.submit(
                "/briefing", [("ids", "\(guangzhou.id)"), ("ids", "\(foshan.id)")], as: .viewer)
            #expect(ticked.status == .seeOther)
            #expect(ticked.headers[.location] == "/briefing?organizations=\(guangzhou.id),\(foshan.id)")
            #expect(try await app.submit("/briefing", [], as: .viewer).status == .badRequest)
            #expect(try await app.get("/organizations").text.contains("formaction=\"/briefing\""))
        }
    }

    @Test func badInputIsRefusedNamingTheField() async throws {
        try await withTestApp { app in
            let chooser = try await app.get("/briefing", as: .viewer)
            #expect(chooser.status == .ok)
            #expect(chooser.text.contains("name=\"organizations\""))
            let tooMany = (1...61).map(String.init).joined(separator: ",")
            let refused = try await app.get("/briefing?organizations=\(tooMany)")
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("organizations may name at most 60 records."))
            #expect(try await app.get("/briefing?activity=abc").status == .badRequest)
            #expect(try await app.get("/briefing?organizations=1,x").status == .badRequest)
            #expect(try await app.get("/briefing?activity=1&organizations=1").status == .badRequest)
            #expect(try await app.get("/briefing?activity=999").status == .notFound)
            let unknown = try await app.get("/briefing?organizations=999")
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("999"))
            #expect(try await app.get("/briefing", as: .anonymous).status == .seeOther)
            #expect(
                try await app.submit("/briefing", [("ids", "1")], as: .anonymous, csrf: false).status == .unauthorized)
        }
    }
}
