import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// The calendar API: activities, their participants, attendance set for many at once, bad input.
@Suite struct ActivitiesAPITests {
    func organizations(_ app: TestApp) async throws -> (guangzhou: Int64, foshan: Int64) {
        let guangzhou = try await app.store.createOrganization(
            OrganizationInput(name: "Guangzhou", nativeName: "广州", country: "CN", region: "asia-pacific")
        ).id
        let foshan = try await app.store.createOrganization(
            OrganizationInput(name: "Foshan", nativeName: "佛山", country: "CN", region: "asia-pacific")
        ).id
        return (guangzhou, foshan)
    }

    func eventJSON(_ ids: (guangzhou: Int64, foshan: Int64)) -> [String: Any] {
        [
            "kind": "event", "title": "Event with Chinese members", "start": "2026-11-11T09:30",
            "end": "2026-11-11T17:00", "timeZone": "Asia/Shanghai", "placeOrganizationId": ids.guangzhou,
            "organizations": [
                ["organizationId": ids.guangzhou, "status": "attended", "organizer": true],
                ["organizationId": ids.foshan, "status": "invited"],
                ["organizationName": "Qingdao", "mode": "virtual", "status": "attended"],
            ],
        ]
    }

    @Test func createReadUpdateListAndDelete() async throws {
        try await withTestApp { app in
            let ids = try await organizations(app)
            let created = try await app.send(.post, "/api/v1/activities", json: eventJSON(ids))
            #expect(created.status == .created)
            let body = try created.json()
            let id = try #require(body["id"] as? Int)
            #expect(created.headers[.location] == "/api/v1/activities/\(id)")
            #expect(body["startsAt"] as? String == "2026-11-11T01:30:00Z")
            #expect(body["endsAt"] as? String == "2026-11-11T09:00:00Z")
            #expect(body["placeName"] as? String == "Guangzhou")

            var update = eventJSON(ids)
            update["version"] = 1
            update["timeZone"] = "Europe/Madrid"
            let updated = try await app.send(.put, "/api/v1/activities/\(id)", json: update)
            #expect(updated.status == .ok)
            // The same local time in Madrid (UTC+1 in November) is another instant.
            #expect(try updated.json()["startsAt"] as? String == "2026-11-11T08:30:00Z")
            #expect(try await app.send(.put, "/api/v1/activities/\(id)", json: update).status == .conflict)

            let november = try await app.get("/api/v1/activities?from=2026-11-01&to=2026-12-01&kind=event,call")
            #expect(try (november.json()["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            let december = try await app.get("/api/v1/activities?from=2026-12-01&to=2027-01-01")
            #expect(try (december.json()["items"] as? [[String: Any]])?.isEmpty == true)
            let foshan = try await app.get("/api/v1/activities?organization=\(ids.foshan)")
            let row = try #require((try foshan.json()["items"] as? [[String: Any]])?.first)
            #expect((row["participation"] as? [String: Any])?["status"] as? String == "invited")

            #expect(try await app.request(.delete, "/api/v1/activities/\(id)?version=1").status == .conflict)
            #expect(try await app.request(.delete, "/api/v1/activities/\(id)?version=2").status == .noContent)
            #expect(try await app.get("/api/v1/activities/\(id)").status == .notFound)
        }
    }

    @Test func attendanceIsSetForManyAtOnceAndAudited() async throws {
        try await withTestApp { app in
            let ids = try await organizations(app)
            let id = try #require(
                try await app.send(.post, "/api/v1/activities", json: eventJSON(ids)).json()["id"] as? Int)
            let changed = try await app.send(
                .post, "/api/v1/activities/\(id)/attendance",
                json: [
                    "version": 1, "organizationIds": [ids.guangzhou, ids.foshan], "status": "attended",
                    "mode": "virtual",
                ])
            #expect(changed.status == .ok)
            let organizations = try #require(try changed.json()["organizations"] as? [[String: Any]])
            #expect(organizations.map { $0["status"] as? String } == ["attended", "attended", "attended"])
            #expect(organizations.map { $0["mode"] as? String } == ["virtual", "virtual", "virtual"])
            let stranger = try await app.send(
                .post, "/api/v1/activities/\(id)/attendance",
                json: ["version": 2, "organizationIds": [424_242], "status": "declined"])
            #expect(stranger.status == .unprocessableContent)
            #expect(stranger.text.contains("organizationIds[0]"))
            let trail = try await app.store.auditEntries(AuditQuery(entity: .activity, entityId: Int64(id)))
            #expect(trail.first?.actor.name == "Agnès Bickart")
            #expect(trail.first?.changes.map(\.field) == ["organizations"])
        }
    }

    @Test func badTimesAndFieldsAreNamed() async throws {
        try await withTestApp { app in
            let ids = try await organizations(app)
            func errors(_ changes: [String: Any]) async throws -> Set<String> {
                var body = eventJSON(ids)
                body.merge(changes) { _, new in new }
                let response = try await app.send(.post, "/api/v1/activities", json: body)
                #expect(response.status == .unprocessableContent)
                let list = try #require(try response.json()["errors"] as? [[String: Any]])
                return Set(list.map { "\($0["field"] as? String ?? "") \($0["rule"] as? String ?? "")" })
            }
            #expect(try await errors(["timeZone": "China/Guangzhou"]) == ["timeZone unknown_time_zone"])
            #expect(try await errors(["timeZone": "CST"]) == ["timeZone unknown_time_zone"])
            #expect(try await errors(["end": "2026-11-11T08:00"]) == ["end after_start"])
            #expect(try await errors(["start": "11/11/2026 09:30"]) == ["start format"])
            // 02:30 on 29 March 2026 does not exist in Madrid: clocks go from 02:00 to 03:00.
            #expect(
                try await errors([
                    "timeZone": "Europe/Madrid", "start": "2026-03-29T02:30", "end": "2026-03-29T04:00",
                ]) == ["start skipped_time"])
            #expect(try await errors(["title": ""]) == ["title required"])
            #expect(
                try await errors(["organizations": [["organizationId": 999_999]]]) == [
                    "organizations[0].organizationId unknown_organization"
                ])
            let unknown = try await app.send(.post, "/api/v1/activities", json: ["kind": "event", "colour": "red"])
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("colour is not a field here."))
            let badKind = try await app.get("/api/v1/activities?kind=party")
            #expect(badKind.status == .badRequest)
            #expect(badKind.text.contains("kind must be one or more of"))
            let reversed = try await app.get("/api/v1/activities?from=2026-12-01&to=2026-11-01")
            #expect(try (reversed.json()["items"] as? [Any])?.isEmpty == true)
            let badDate = try await app.get("/api/v1/activities?from=2026-02-30")
            #expect(badDate.status == .badRequest)
            #expect(badDate.text.contains("from must be a date (YYYY-MM-DD) or an instant"))
            #expect(try await app.get("/api/v1/activities").json()["items"] as? [Any] != nil)
        }
    }

    @Test func viewersReadButDoNotWrite() async throws {
        try await withTestApp { app in
            let ids = try await organizations(app)
            let refused = try await app.send(.post, "/api/v1/activities", json: eventJSON(ids), as: .viewer)
            #expect(refused.status == .forbidden)
            #expect(try await app.get("/api/v1/activities", as: .viewer).status == .ok)
            #expect(try await app.get("/api/v1/activities", as: .anonymous).status == .unauthorized)
        }
    }
}
